//! The banded dynamic programme: Viterbi, forward and backward passes over a band of
//! the (English × Arabic) lattice, sharing one set of buffers.

use std::sync::Arc;

use super::anchor::AnchorTable;
use super::local::{LocalRates, RowRates};
use super::model::{ln_fast, Params};

/// For each English prefix length `i` (a row), the inclusive range `lo[i]..=hi[i]` of
/// Arabic prefix lengths kept, stored flat with `start[i]` the offset of the row.
#[derive(Debug, Clone, Default)]
pub(crate) struct Band {
    lo: Vec<usize>,
    hi: Vec<usize>,
    start: Vec<usize>,
    n: usize,
    m: usize,
}

impl Band {
    /// Bytes held by the row vectors (their capacities).
    fn scratch_bytes(&self) -> usize {
        (self.lo.capacity() + self.hi.capacity() + self.start.capacity())
            * std::mem::size_of::<usize>()
    }

    /// A band around a path of bead end points from `(0, 0)` to `(n, m)`: a bead from
    /// `(i0, j0)` to `(i1, j1)` may be crossed anywhere inside its rectangle, so rows
    /// `i0..=i1` keep `j0 − w ..= j1 + w`.
    ///
    /// The path must run from `(0, 0)` to `(n, m)` in steps that never go back, as
    /// every caller's does: it is read off an `n × m` lattice by
    /// [`Lattice::traceback`], or is a stretch of such a path moved to start at
    /// `(0, 0)` (`Aligner::load_window`).
    pub(crate) fn around_path(&mut self, path: &[(usize, usize)], n: usize, m: usize, w: usize) {
        self.around_path_with(path, n, m, |_| w);
    }

    /// [`Band::around_path`] with a half-width per row (that of a bead's first row
    /// for the whole bead).
    pub(crate) fn around_path_with(
        &mut self,
        path: &[(usize, usize)],
        n: usize,
        m: usize,
        w: impl Fn(usize) -> usize,
    ) {
        let mut lo = vec![usize::MAX; n + 1];
        let mut hi = vec![0; n + 1];
        // Cannot panic: path points have i ≤ n (see above), so `lo[i]` and `hi[i]`
        // are in range. Every row 0..=n lies in some bead's rows i0..=i1, which sets
        // lo ≤ j0 ≤ j1 ≤ hi ≤ m, and the passes below only lower lo and raise hi:
        // each row ends with lo ≤ hi, as `set_rows` needs.
        for win in path.windows(2) {
            let ((i0, j0), (i1, j1)) = (win[0], win[1]);
            let w = w(i0);
            for i in i0..=i1.min(n) {
                lo[i] = lo[i].min(j0.saturating_sub(w));
                hi[i] = hi[i].max(j1.saturating_add(w).min(m));
            }
        }
        if let [(i, j)] = path {
            let w = w(*i);
            lo[*i] = lo[*i].min(j.saturating_sub(w));
            hi[*i] = hi[*i].max(j.saturating_add(w).min(m));
        }
        // Rows the path skipped (it never does) and monotone edges keep the band
        // connected.
        lo[0] = 0;
        hi[n] = m;
        for i in (0..n).rev() {
            lo[i] = lo[i].min(lo[i + 1]);
        }
        for i in 1..=n {
            hi[i] = hi[i].max(hi[i - 1]);
        }
        self.set_rows(lo, hi, m);
    }

    /// Adds `other`'s cells to this band; false when it added none. Both bands must
    /// be of the same lattice (`search` builds `other` for `self`'s `n` and `m`), so
    /// the union has their n + 1 rows, each with lo ≤ hi (the smaller lo is at most
    /// its band's hi, which is at most the larger hi).
    pub(crate) fn union_with(&mut self, other: &Band) -> bool {
        let lo: Vec<usize> = self
            .lo
            .iter()
            .zip(&other.lo)
            .map(|(&a, &b)| a.min(b))
            .collect();
        let hi: Vec<usize> = self
            .hi
            .iter()
            .zip(&other.hi)
            .map(|(&a, &b)| a.max(b))
            .collect();
        let grew = lo.iter().zip(&self.lo).any(|(new, old)| new < old)
            || hi.iter().zip(&self.hi).any(|(new, old)| new > old);
        self.set_rows(lo, hi, self.m);
        grew
    }

    /// Starts an empty band for an `n × m` lattice, to be filled by `push_row`.
    pub(crate) fn start_rows(&mut self, n: usize, m: usize) {
        self.n = n;
        self.m = m;
        self.lo.clear();
        self.hi.clear();
        self.start.clear();
        self.start.push(0);
    }

    /// Appends the next row, `lo..=hi` (`lo ≤ hi`).
    pub(crate) fn push_row(&mut self, lo: usize, hi: usize) {
        let offset = self.start.last().copied().unwrap_or(0);
        self.lo.push(lo);
        self.hi.push(hi);
        // Cannot panic: the only caller, `viterbi_adaptive`, passes lo ≤ hi. The sum
        // saturates only past `usize::MAX` cells, which `back` then cannot allocate.
        self.start.push(offset.saturating_add(hi - lo + 1));
    }

    /// Row `i` as `(lo, hi, offset)`, for a row already pushed.
    pub(crate) fn row(&self, i: usize) -> (usize, usize, usize) {
        (self.lo[i], self.hi[i], self.start[i])
    }

    /// Rows `lo[i]..=hi[i]` for `i` in `0..=n`; every caller passes `n + 1 ≥ 1`
    /// rows with `lo[i] ≤ hi[i]` (`around_path`, `union_with` and `full` say why).
    fn set_rows(&mut self, lo: Vec<usize>, hi: Vec<usize>, m: usize) {
        self.n = lo.len().saturating_sub(1);
        self.m = m;
        self.start.clear();
        let mut offset: usize = 0;
        for (l, h) in lo.iter().zip(&hi) {
            self.start.push(offset);
            // Cannot panic: l ≤ h (see above). Saturates only past `usize::MAX`
            // cells, which `back` then cannot allocate.
            offset = offset.saturating_add(h - l + 1);
        }
        self.start.push(offset);
        self.lo = lo;
        self.hi = hi;
    }

    /// The whole lattice: the exact, unbanded programme.
    pub(crate) fn full(&mut self, n: usize, m: usize) {
        self.set_rows(vec![0; n + 1], vec![m; n + 1], m);
    }

    pub(crate) fn cells(&self) -> usize {
        self.start.last().copied().unwrap_or(0)
    }

    pub(crate) fn covers_all(&self) -> bool {
        self.lo
            .iter()
            .zip(&self.hi)
            .all(|(&lo, &hi)| lo == 0 && hi == self.m)
    }

    /// Where cell `(i, j)` is stored, or `None` outside the band.
    #[inline]
    fn index(&self, i: usize, j: usize) -> Option<usize> {
        let (&lo, &hi, &start) = (self.lo.get(i)?, self.hi.get(i)?, self.start.get(i)?);
        if j < lo || j > hi {
            None
        } else {
            Some(start + j - lo)
        }
    }

    /// True when a path cell lies within `margin` of an edge of the band that is not
    /// also an edge of the lattice: a better path might run outside.
    ///
    /// Cannot panic: every caller passes a path that `Lattice::traceback` read off
    /// this band, whose points have i ≤ n, a row of the band.
    pub(crate) fn touched_by(&self, path: &[(usize, usize)], margin: usize) -> bool {
        self.touched_within(path, |_| margin)
    }

    /// [`Band::touched_by`] with a margin per row.
    pub(crate) fn touched_within(
        &self,
        path: &[(usize, usize)],
        margin: impl Fn(usize) -> usize,
    ) -> bool {
        path.iter().any(|&(i, j)| {
            let margin = margin(i);
            (self.lo[i] > 0 && j < self.lo[i].saturating_add(margin))
                || (self.hi[i] < self.m && j.saturating_add(margin) > self.hi[i])
        })
    }
}

/// A bead kind with its prior cost, ready for the inner loop.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Move {
    pub(crate) a: usize,
    pub(crate) b: usize,
    pub(crate) prior_cost: f64,
}

/// The parameters compiled for the inner loop: per-kind constants, and the Arabic
/// terms of every (end position, sentence count) — the gamma density and, with
/// anchors, the Arabic anchors' no-match terms — which do not depend on the English
/// side and so are computed once per pass instead of once per cell.
#[derive(Debug, Clone)]
pub(crate) struct Model {
    pub(crate) params: Params,
    pub(crate) moves: Vec<Move>,
    /// The most Arabic sentences of a move (columns of `ar_term`).
    b_max: usize,
    /// The most English sentences of a move (slots of the per-row English terms).
    a_max: usize,
    /// `m + 1`: the length of one column of `ar_term`.
    stride: usize,
    /// The constant of the length density (`½ln 2π` for the normal).
    len_const: f64,
    /// `ln G_b(l₂)` of Arabic sentences `j−b..j` at `b·stride + j`, plus their
    /// anchors' no-match terms when there are anchors.
    ar_term: Vec<f64>,
    /// The anchor term, with the origin `(i0, j0)` of this lattice in the input
    /// (a repair window's lattice starts inside it).
    anchors: Option<(Arc<AnchorTable>, usize, usize)>,
    /// Per-sentence match costs, with the same origin.
    matches: Option<(Arc<MatchCosts>, usize)>,
    /// Rates along the text (see [`super::local`]), with the input row of this
    /// lattice's row 0.
    local: Option<(Arc<LocalRates>, usize)>,
    /// Without rates along the text, kinds whose prior costs more than this are
    /// not searched (`with_max_prior_cost`).
    max_prior_cost: f64,
}

/// What matching each sentence costs beyond the bead's prior, as prefix sums: a
/// bead with both sides pays `en[i] − en[i − a] + ar[j] − ar[j − b]`, 1-0 and 0-1
/// beads pay nothing. The document aligner gives page lines a prior odds of being
/// translated from what they look like (see `crate::document`); since every
/// sentence is either matched or not, costs relative to not matching are all the
/// model needs.
#[derive(Debug, Clone, Default)]
pub(crate) struct MatchCosts {
    en: Vec<f64>,
    ar: Vec<f64>,
}

impl MatchCosts {
    /// Match costs of each English and each Arabic sentence.
    pub(crate) fn new(en: &[f64], ar: &[f64]) -> MatchCosts {
        let prefix = |xs: &[f64]| {
            let mut out = Vec::with_capacity(xs.len() + 1);
            let mut acc = 0.0;
            out.push(acc);
            for x in xs {
                acc += x;
                out.push(acc);
            }
            out
        };
        MatchCosts {
            en: prefix(en),
            ar: prefix(ar),
        }
    }

    /// The match costs of English sentences `i − a..i`, or 0 outside the table.
    fn en(&self, i: usize, a: usize) -> f64 {
        match (
            self.en.get(i),
            i.checked_sub(a).and_then(|k| self.en.get(k)),
        ) {
            (Some(hi), Some(lo)) => hi - lo,
            _ => 0.0,
        }
    }

    /// The match costs of Arabic sentences `j − b..j`, or 0 outside the table.
    fn ar(&self, j: usize, b: usize) -> f64 {
        match (
            self.ar.get(j),
            j.checked_sub(b).and_then(|k| self.ar.get(k)),
        ) {
            (Some(hi), Some(lo)) => hi - lo,
            _ => 0.0,
        }
    }
}

impl Model {
    pub(crate) fn new(params: &Params, pa: &[f64]) -> Model {
        let moves: Vec<Move> = params
            .priors
            .iter()
            .map(|(k, p)| Move {
                a: k.en,
                b: k.ar,
                prior_cost: -p.ln(),
            })
            .collect();
        // Back-pointers store a move's index in a byte, with `u8::MAX` for none. The
        // aligner's kinds are at most 2 + 8² (`max_bead` ≤ 8, validated) plus the
        // many-to-one ones, 1-k and k-1 for k ≤ 8: far fewer than 255.
        let b_max = moves.iter().map(|mv| mv.b).max().unwrap_or(1);
        let a_max = moves.iter().map(|mv| mv.a).max().unwrap_or(1);
        // `pa` holds the m + 1 prefix sums of `Lattice::set_lengths` (0 only for a
        // lattice never loaded, which no pass reads).
        let m = pa.len().saturating_sub(1);
        // Column-major, `b·(m+1) + j`, so that one move's terms over a row are one slice.
        let mut ar_term = vec![0.0; (m + 1) * (b_max + 1)];
        // Cannot panic: b ≤ b_max and b ≤ j ≤ m = pa.len() − 1, so j − b ≥ 0 and
        // b·(m+1) + j < (b_max+1)·(m+1) = ar_term.len().
        for b in 1..=b_max {
            let density = params.arabic_density(b);
            for j in b..=m {
                ar_term[b * (m + 1) + j] = density.ln_at(pa[j] - pa[j - b]);
            }
        }
        Model {
            params: params.clone(),
            moves,
            b_max,
            a_max,
            stride: m + 1,
            len_const: params.length_constant(),
            ar_term,
            anchors: None,
            matches: None,
            local: None,
            max_prior_cost: f64::INFINITY,
        }
    }

    /// Leaves out the kinds whose prior costs more than `cost` (never 1-1, 1-0 or
    /// 0-1), where no rates along the text decide: the expectation passes of
    /// refitting, which on book-length input would otherwise carry every
    /// one-to-many kind up to 1-12 through every cell for beads that never occur.
    pub(crate) fn with_max_prior_cost(mut self, cost: f64) -> Model {
        self.max_prior_cost = cost;
        self
    }

    /// Whether move `k` is searched without rates along the text.
    fn searched(&self, mv: &Move) -> bool {
        mv.prior_cost <= self.max_prior_cost || mv.a.max(mv.b) <= 1
    }

    /// The most sentences on either side of a kind searched without rates.
    fn reach_all(&self) -> usize {
        self.moves
            .iter()
            .filter(|mv| self.searched(mv))
            .map(|mv| mv.a.max(mv.b))
            .max()
            .unwrap_or(1)
    }

    /// Uses `rates` for the ratio, variance and prior tilt of each row; `row0` is the
    /// input row of this lattice's row 0.
    pub(crate) fn with_local(mut self, rates: Option<&Arc<LocalRates>>, row0: usize) -> Model {
        self.local = rates.map(|r| (Arc::clone(r), row0));
        self
    }

    /// The ratio, variance and prior tilt of row `i` of this lattice.
    #[inline]
    pub(crate) fn row_rates(&self, i: usize) -> RowRates {
        match &self.local {
            Some((rates, row0)) => rates.at(i + row0),
            None => RowRates {
                ratio: self.params.ratio,
                variance: self.params.variance,
            },
        }
    }

    /// The most sentences on either side of a kind searched at row `i`: how far a
    /// bead ending there can reach.
    pub(crate) fn reach(&self, i: usize) -> usize {
        match &self.local {
            Some((rates, row0)) => rates.reach(i + row0),
            None => self.reach_all(),
        }
    }

    /// The most sentences on either side of a kind searched anywhere.
    pub(crate) fn max_reach(&self) -> usize {
        match &self.local {
            Some((rates, _)) => rates.max_reach(),
            None => self.reach_all(),
        }
    }

    /// Prior cost of move `k` for beads ending at row `i`, or `None` where the local
    /// prior is too small for the kind to be searched (never for 1-1, 1-0 and 0-1).
    /// The rates must have been estimated for this model's parameters (moves in the
    /// order of its priors), as every caller's are.
    #[inline]
    pub(crate) fn move_prior(&self, k: usize, i: usize) -> Option<f64> {
        match &self.local {
            Some((rates, row0)) => rates.prior(k, i + row0),
            None => self
                .moves
                .get(k)
                .filter(|mv| self.searched(mv))
                .map(|mv| mv.prior_cost),
        }
    }

    /// Adds per-sentence match costs to every bead with both sides; `origin` is
    /// where this lattice's `(0, 0)` lies in the input the costs were made for.
    pub(crate) fn with_match_costs(
        mut self,
        costs: Option<&Arc<MatchCosts>>,
        origin: (usize, usize),
    ) -> Model {
        if let Some(c) = costs {
            // The Arabic side's costs join the per-(end, count) Arabic terms, as the
            // anchors' no-match terms do. Cannot panic: indices as in `new`.
            let m = self.stride - 1;
            for b in 1..=self.b_max {
                for j in b..=m {
                    self.ar_term[b * self.stride + j] += c.ar(j + origin.1, b);
                }
            }
            self.matches = Some((Arc::clone(c), origin.0));
        }
        self
    }

    /// Adds the anchor term of `table` to every bead cost; `origin` is where this
    /// lattice's `(0, 0)` lies in the input the table was built for.
    pub(crate) fn with_anchors(
        mut self,
        table: Option<&Arc<AnchorTable>>,
        origin: (usize, usize),
    ) -> Model {
        self.anchors = table.map(|t| (Arc::clone(t), origin.0, origin.1));
        if let Some(t) = table {
            // The Arabic side's no-match terms join the per-(end, count) Arabic
            // terms, so that they cost nothing per cell.
            // Cannot panic: indices into `ar_term` as in `new`. `t` was fitted on the
            // whole input, and this lattice holds its Arabic sentences
            // `origin.1..origin.1 + m` (`Aligner::load_window`; origin 0 and the whole
            // input otherwise), so `ar_miss` gets b ≤ j + origin.1 ≤ the input's count.
            let m = self.stride - 1;
            for b in 1..=self.b_max {
                for j in b..=m {
                    self.ar_term[b * self.stride + j] += t.ar_miss(j + origin.1, b);
                }
            }
        }
        self
    }

    /// Per-row English terms for beads of `a` sentences ending at row `i`.
    ///
    /// Cannot panic: every caller passes a ≤ i ≤ n, rows of this lattice
    /// (`fill_row`: a ≤ i; `backward`: the bead's end row i + a ≤ n; `bead`: a path
    /// bead's end), so `pe[i − a]` and `pe[i]` exist, and the anchor table's
    /// `en_miss` gets a ≤ i + i0 ≤ the input's count, as in `with_anchors`.
    #[inline]
    fn en_terms(&self, pe: &[f64], i: usize, a: usize) -> EnTerm {
        let l1 = pe[i] - pe[i - a];
        let rates = self.row_rates(i);
        let var = rates.variance * (l1 + 1.0);
        let anchor = match &self.anchors {
            Some((table, i0, _)) => table.en_miss(i + i0, a),
            None => 0.0,
        };
        let matched = match &self.matches {
            Some((costs, i0)) if a > 0 => costs.en(i + i0, a),
            _ => 0.0,
        };
        EnTerm {
            l1,
            shift: rates.ratio * l1,
            inv_sd: 1.0 / var.sqrt(),
            // The no-match part of the anchor term depends on the English side
            // only: one constant per row and move, like the variance's.
            row_cost: 0.5 * var.ln() + anchor + matched,
        }
    }

    /// Costs of move `mv` for the beads whose English side ends at row `i` and whose
    /// Arabic side ends at `e0`, `e0 + 1`, …, written to `out` (one per element): the
    /// hot loop of every pass, kept free of branches and bounds checks so that it
    /// vectorizes. The anchor term, where there is one, is added after.
    #[inline]
    fn move_costs(&self, mv: &Move, en: &EnTerm, pa: &[f64], i: usize, e0: usize, out: &mut [f64]) {
        self.length_costs(mv, en, pa, e0, out);
        if let Some((table, i0, j0)) = &self.anchors {
            table.add_costs(mv.a, mv.b, i + i0, e0 + j0, out);
        }
    }

    /// The length part of `move_costs`. Callers pass Arabic ends `e0 ≥ b` and
    /// `e0 + out.len() − 1 ≤ m`: the beads lie in the lattice (`fill_row`, `backward`
    /// and `bead` say why).
    #[inline]
    fn length_costs(&self, mv: &Move, en: &EnTerm, pa: &[f64], e0: usize, out: &mut [f64]) {
        let cnt = out.len();
        if mv.a == 0 || mv.b == 0 {
            out.fill(mv.prior_cost);
            return;
        }
        let b = mv.b;
        // Cannot panic: with e0 ≥ b and e0 + cnt ≤ m + 1 = pa.len() = stride (see
        // above), the slices are in range (b ≤ b_max, so col + cnt ≤ (b_max+1)·stride =
        // ar_term.len()); the loops below zip them and index nothing.
        let ends = &pa[e0..e0 + cnt];
        let starts = &pa[e0 - b..e0 - b + cnt];
        let col = b * self.stride + e0;
        let ar = &self.ar_term[col..col + cnt];
        let base = mv.prior_cost + en.row_cost + self.len_const;
        let shift = en.shift;
        let inv_sd = en.inv_sd;
        let it = out.iter_mut().zip(ends).zip(starts).zip(ar);
        match self.params.tail {
            None => {
                for (((o, &hi), &lo), &t) in it {
                    let d = (hi - lo - shift) * inv_sd;
                    *o = base + 0.5 * d * d + t;
                }
            }
            Some(nu) => {
                let half = 0.5 * (nu + 1.0);
                for (((o, &hi), &lo), &t) in it {
                    let d = (hi - lo - shift) * inv_sd;
                    *o = base + half * ln_fast(1.0 + d * d / nu) + t;
                }
            }
        }
    }
}

#[derive(Debug, Clone, Copy, Default)]
struct EnTerm {
    l1: f64,
    /// `c·l₁`, with the row's ratio.
    shift: f64,
    inv_sd: f64,
    /// What a bead's cost owes to its English side alone: `½ln(s²(l₁+1))` and
    /// the English anchors' no-match terms.
    row_cost: f64,
}

/// Per-pass scratch space of the row filler.
struct RowScratch {
    en: Vec<EnTerm>,
    cand: Vec<f64>,
    costs: Vec<f64>,
    insert: Option<usize>,
}

impl RowScratch {
    fn new(model: &Model) -> Self {
        RowScratch {
            en: vec![EnTerm::default(); model.a_max.max(1) + 1],
            cand: Vec::new(),
            costs: Vec::new(),
            insert: model.moves.iter().position(|mv| mv.a == 0),
        }
    }
}

/// Expected counts gathered in the backward pass, for refitting.
#[derive(Debug, Clone, Default)]
pub(crate) struct Stats {
    /// Expected number of beads of each kind (indexed like the moves).
    pub(crate) kind_counts: Vec<f64>,
    /// Posterior mass of beads with both sides non-empty.
    pub(crate) mass: f64,
    /// Weighted least-squares sums for the ratio: Σw·l1·l2/v, Σw·l1²/v (v = l1 + 1).
    pub(crate) sxy: f64,
    pub(crate) sxx: f64,
    /// Σw·(l2 − c·l1)²/v at the current c, for the variance.
    pub(crate) sres: f64,
}

impl Stats {
    pub(crate) fn clear(&mut self, kinds: usize) {
        *self = Stats {
            kind_counts: vec![0.0; kinds],
            ..Stats::default()
        };
    }

    pub(crate) fn add(&mut self, o: &Stats) {
        for (a, b) in self.kind_counts.iter_mut().zip(&o.kind_counts) {
            *a += b;
        }
        self.mass += o.mass;
        self.sxy += o.sxy;
        self.sxx += o.sxx;
        self.sres += o.sres;
    }
}

/// Reusable buffers and the passes that fill them.
#[derive(Debug, Default)]
pub(crate) struct Lattice {
    pub(crate) band: Band,
    /// Viterbi costs of the last rows only (row `i` in slot `i % len`): the recursion
    /// reaches back at most `a_max` rows (the most English sentences of a move), and the path is read from `back`, so
    /// the costs of older rows are not kept. This makes the Viterbi passes cost one
    /// byte per cell of memory.
    best: Vec<Vec<f64>>,
    /// Index of the move that reached each cell on the best path (u8::MAX: none).
    back: Vec<u8>,
    /// Forward log-probabilities.
    alpha: Vec<f64>,
    /// Backward log-probabilities.
    beta: Vec<f64>,
    /// Prefix sums of the English and Arabic lengths.
    pub(crate) pe: Vec<f64>,
    pub(crate) pa: Vec<f64>,
}

/// A clone starts empty: every pass sizes and fills the buffers (and the band)
/// it reads, so their contents never carry over between calls, and copying
/// them made each `Aligner::clone` (one per document for the sentence pairs, one
/// per rayon job in a batch) cost as much memory as the largest input seen.
impl Clone for Lattice {
    fn clone(&self) -> Self {
        Lattice::default()
    }
}

/// `ln Σ eˣ` over column `x` of `cand`, a table of one row of `width` candidates per
/// move (−∞ where a move does not reach the cell).
///
/// `width` is a band row's width, at least 1 (`step_by(0)` would panic).
#[inline]
fn column_log_sum_exp(cand: &[f64], width: usize, x: usize) -> f64 {
    let column = || cand.iter().skip(x).step_by(width);
    let top = column().fold(f64::NEG_INFINITY, |a, &b| a.max(b));
    if top == f64::NEG_INFINITY {
        return top;
    }
    // Terms below e^-25 of the largest change the sum by less than the error of
    // `fast_exp`: skipping their exp saves much of the pass's time.
    let floor = top - 25.0;
    let sum: f64 = column()
        .filter(|&&v| v > floor)
        .map(|&v| fast_exp(v - top))
        .sum();
    top + sum.ln()
}

/// `eˣ` for `x ≤ 0`, to a relative error below 2e-7: range reduction to
/// `|r| ≤ ln2/2` and a degree-6 Taylor polynomial. About four times faster than the
/// libm call, which dominates the forward and backward passes otherwise; posteriors
/// need no more digits than this.
#[inline]
fn fast_exp(x: f64) -> f64 {
    if !(-700.0..=0.0).contains(&x) {
        return x.exp();
    }
    // Truncating y − ½ rounds y ≤ 0 to nearest, without a libm call.
    let k = ((x * std::f64::consts::LOG2_E - 0.5) as i64) as f64;
    let r = x - k * std::f64::consts::LN_2;
    let p = 1.0
        + r * (1.0
            + r * (0.5
                + r * (1.0 / 6.0 + r * (1.0 / 24.0 + r * (1.0 / 120.0 + r * (1.0 / 720.0))))));
    // 2^k from its exponent bits; k is in −1010..=0 here, a normal double.
    p * f64::from_bits(((k as i64 + 1023) as u64) << 52)
}

impl Lattice {
    /// Bytes held by the buffers (their capacities).
    pub(crate) fn scratch_bytes(&self) -> usize {
        let f = std::mem::size_of::<f64>();
        let rows: usize = self.best.iter().map(|r| r.capacity() * f).sum();
        // Cannot overflow: each term is the size of an allocation, and together
        // they fit in the address space.
        rows + self.back.capacity()
            + (self.alpha.capacity() + self.beta.capacity()) * f
            + (self.pe.capacity() + self.pa.capacity()) * f
            + self.band.scratch_bytes()
    }

    pub(crate) fn set_lengths(&mut self, en: &[usize], ar: &[usize]) {
        fn prefix(out: &mut Vec<f64>, xs: &[usize]) {
            out.clear();
            out.reserve(xs.len() + 1);
            let mut acc = 0.0;
            out.push(acc);
            for &x in xs {
                acc += x as f64;
                out.push(acc);
            }
        }
        prefix(&mut self.pe, en);
        prefix(&mut self.pa, ar);
    }

    /// English sentences loaded (0 before `set_lengths`, which pushes n + 1 sums).
    pub(crate) fn n(&self) -> usize {
        self.pe.len().saturating_sub(1)
    }

    /// Arabic sentences loaded (0 before `set_lengths`).
    pub(crate) fn m(&self) -> usize {
        self.pa.len().saturating_sub(1)
    }

    /// Viterbi (and, with `forward`, the forward sum) over the band. Returns
    /// `(best total cost, ln Z)`; ln Z is NaN without `forward`.
    pub(crate) fn viterbi(&mut self, model: &Model, forward: bool) -> (f64, f64) {
        let cells = self.band.cells();
        self.reset_rows(model);
        self.back.clear();
        // The quick pass's wide band can leave `back` many times larger than this
        // narrow one needs; on a huge input that excess was a tenth of the peak.
        if self.back.capacity() > cells.saturating_mul(4).max(1 << 20) {
            self.back.shrink_to(cells);
        }
        self.back.resize(cells, u8::MAX);
        if forward {
            self.alpha.clear();
            self.alpha.resize(cells, f64::NEG_INFINITY);
        }
        let mut scratch = RowScratch::new(model);
        for i in 0..=self.band.n {
            self.fill_row(model, i, forward, &mut scratch);
        }
        // α of the last cell, (n, m). A band always has a cell (row 0 has lo ≤ hi),
        // so the −∞ ("no path") of an empty `alpha` is never returned.
        let log_z = if forward {
            self.alpha.last().copied().unwrap_or(f64::NEG_INFINITY)
        } else {
            f64::NAN
        };
        (self.last_cost(), log_z)
    }

    fn reset_rows(&mut self, model: &Model) {
        let slots = model.moves.iter().map(|mv| mv.a).max().unwrap_or(1) + 1;
        self.best.resize_with(slots, Vec::new);
        self.best.truncate(slots);
    }

    /// Viterbi cost of the lattice's last cell, after a pass.
    fn last_cost(&self) -> f64 {
        let n = self.band.n;
        self.best
            .get(n % self.best.len().max(1))
            .and_then(|row| row.last().copied())
            .unwrap_or(f64::INFINITY)
    }

    /// Viterbi only, building the band as it goes: row `i` keeps `w` cells on each
    /// side of the cheapest cell of row `i − 1`, moved on by the mean number of Arabic
    /// sentences per English one. The cheapest cell of a row is where the best path
    /// is most likely to pass, so the band follows the text wherever its length ratio
    /// drifts, in one pass and without a centre line known in advance.
    pub(crate) fn viterbi_adaptive(&mut self, model: &Model, w: usize) -> f64 {
        let (n, m) = (self.n(), self.m());
        let step = if n > 0 { m as f64 / n as f64 } else { 0.0 };
        self.band.start_rows(n, m);
        self.reset_rows(model);
        self.back.clear();
        let mut scratch = RowScratch::new(model);
        for i in 0..=n {
            let (lo, hi) = if i == 0 {
                (0, w.saturating_add(step.ceil() as usize).min(m))
            } else {
                // Cannot panic: row i − 1 was pushed in the last round, and `best`
                // has at least one slot (`reset_rows`).
                let (plo, phi, _) = self.band.row(i - 1);
                let row = &self.best[(i - 1) % self.best.len()];
                // The first cheapest cell (NaN never wins, as with `<` against it).
                let mut arg = 0;
                let mut least = row.first().copied().unwrap_or(f64::INFINITY);
                for (x, &v) in row.iter().enumerate() {
                    if v < least {
                        arg = x;
                        least = v;
                    }
                }
                let centre = (plo + arg) as f64 + step;
                // Monotone edges that overlap the previous row keep the band connected.
                // Cannot panic (`clamp` needs min ≤ max): by induction over the rows,
                // plo ≤ phi ≤ m (row 0: 0 ≤ hi ≤ m; row i: lo ≤ phi ≤ hi ≤ m), which is
                // also the lo ≤ hi that `push_row` needs.
                let lo = ((centre - w as f64).floor().max(0.0) as usize).clamp(plo, phi);
                let hi = ((centre + w as f64).ceil() as usize).clamp(phi, m);
                (lo, if i == n { m } else { hi })
            };
            self.band.push_row(lo, hi);
            let cells = self.band.cells();
            self.back.resize(cells, u8::MAX);
            self.fill_row(model, i, false, &mut scratch);
        }
        self.last_cost()
    }

    /// Fills row `i` of the Viterbi (and forward) tables from the rows before it.
    ///
    /// Move by move: for a fixed move and row the predecessor cells form one contiguous
    /// slice of an earlier row, so the inner loop is a straight sweep with no per-cell
    /// band lookups. The 0-1 move stays inside the row and is applied last, left to
    /// right, together with the forward sums.
    ///
    /// Cannot panic, for all the indexing below (the hot loops index nothing that
    /// is not sliced to its exact length first):
    /// - rows i and r = i − a < i exist: `viterbi` fills rows 0..=n of a band of n + 1
    ///   rows, `viterbi_adaptive` pushes row i first; each has lo ≤ hi ≤ m, so
    ///   width ≥ 1 and `start[i] + width = start[i + 1] ≤ cells()`;
    /// - `back` has `cells()` entries (both passes resize it), and so has `alpha` when
    ///   `forward` (`viterbi`), so `back[start..start + width]` and `split_at_mut(start)`
    ///   are in range, and `alpha_rest` has at least `width` entries;
    /// - `best` has a_max + 1 slots (`reset_rows`): rows i − a_max..=i sit in distinct
    ///   slots, so row r's `rhi − rlo + 1` costs are intact and not row i's slot;
    /// - per move, lo ≤ j0 ≤ j1 ≤ hi with j0 ≥ rlo + b and j1 ≤ rhi + b, so q0 ≥ 0,
    ///   q0 + cnt ≤ rhi − rlo + 1, x0 + cnt ≤ width ≤ `sc.costs.len()`,
    ///   p0 + cnt ≤ start[r + 1] ≤ start = `alpha_before.len()`, and the move's beads
    ///   end at Arabic e0 = j0 ≥ b through j1 ≤ m, as `length_costs` needs;
    /// - `sc.en` has a slot for every a ≤ a_max, `cand` one row of `width` per move,
    ///   `sc.insert` is a move's position, and `k as u8` is lossless (fewer than 255
    ///   moves, see `Model::new`).
    fn fill_row(&mut self, model: &Model, i: usize, forward: bool, sc: &mut RowScratch) {
        let band = &self.band;
        let pa = &self.pa[..];
        let pe = &self.pe[..];
        let k_moves = model.moves.len();
        for (a, t) in sc.en.iter_mut().enumerate().skip(1) {
            if a <= i {
                *t = model.en_terms(pe, i, a);
            }
        }
        let (lo, hi, start) = (band.lo[i], band.hi[i], band.start[i]);
        let width = hi - lo + 1;
        if sc.costs.len() < width {
            sc.costs.resize(width, 0.0);
        }
        if forward {
            sc.cand.clear();
            sc.cand.resize(k_moves * width, f64::NEG_INFINITY);
        }
        let cand = &mut sc.cand;
        let slots = self.best.len();
        let mut row_best = std::mem::take(&mut self.best[i % slots]);
        row_best.clear();
        row_best.resize(width, f64::INFINITY);
        let row_back = &mut self.back[start..start + width];
        let (alpha_before, alpha_rest) = if forward {
            self.alpha.split_at_mut(start)
        } else {
            (&mut [][..], &mut [][..])
        };
        if i == 0 {
            row_best[0] = 0.0;
            if forward {
                alpha_rest[0] = 0.0;
            }
        }
        for (k, mv) in model.moves.iter().enumerate() {
            if mv.a == 0 || mv.a > i {
                continue;
            }
            let Some(prior) = model.move_prior(k, i) else {
                continue;
            };
            let r = i - mv.a;
            let (rlo, rhi, rstart) = (band.lo[r], band.hi[r], band.start[r]);
            let j0 = lo.max(rlo + mv.b);
            let j1 = hi.min(rhi + mv.b);
            if j0 > j1 {
                continue;
            }
            // `sc.en` has a slot for every move's `a` (up to `a_max`).
            let et = sc.en[mv.a];
            let cnt = j1 - j0 + 1;
            let costs = &mut sc.costs[..cnt];
            // The move with this row's prior.
            let mv = &Move {
                prior_cost: prior,
                ..*mv
            };
            model.move_costs(mv, &et, pa, i, j0, costs);
            let q0 = j0 - mv.b - rlo;
            let p0 = rstart + q0;
            let x0 = j0 - lo;
            let prev_row = &self.best[r % slots];
            let cells = row_best[x0..x0 + cnt]
                .iter_mut()
                .zip(&mut row_back[x0..x0 + cnt])
                .zip(&prev_row[q0..q0 + cnt])
                .zip(costs.iter());
            for (((best, back), &prev), &c) in cells {
                let total = prev + c;
                if total < *best {
                    *best = total;
                    *back = k as u8;
                }
            }
            if forward {
                let out = &mut cand[k * width + x0..k * width + x0 + cnt];
                let prevs = &alpha_before[p0..p0 + cnt];
                for ((o, &prev), &c) in out.iter_mut().zip(prevs).zip(costs.iter()) {
                    *o = prev - c;
                }
            }
        }
        let insert_cost = sc.insert.and_then(|k| model.move_prior(k, i));
        for x in 0..width {
            let j = lo + x;
            if let (Some(k), Some(c), true) = (sc.insert, insert_cost, x > 0) {
                let total = row_best[x - 1] + c;
                if total < row_best[x] {
                    row_best[x] = total;
                    row_back[x] = k as u8;
                }
                if forward {
                    cand[k * width + x] = alpha_rest[x - 1] - c;
                }
            }
            if forward && !(i == 0 && j == 0) {
                alpha_rest[x] = column_log_sum_exp(cand, width, x);
            }
        }
        self.best[i % slots] = row_best;
    }

    /// The best path as bead end points, from `(0, 0)` to `(n, m)`, with the move used
    /// to reach each point after the first.
    ///
    /// Every caller runs a Viterbi pass over the current band first. The path then
    /// reaches `(0, 0)`: the band joins (0, 0) to (n, m) by 1-0 and 0-1 steps (its
    /// rows are runs lo..=hi, each overlapping the one before: around a path the bead
    /// crossing two rows is in both, and `viterbi_adaptive` keeps lo ≤ phi); those
    /// moves are in every model at a finite cost, so (n, m) has a finite cost, and a
    /// finite cost is only ever reached from a cell of finite cost.
    pub(crate) fn traceback(&self, model: &Model, path: &mut Vec<(usize, usize, u8)>) {
        path.clear();
        let (mut i, mut j) = (self.band.n, self.band.m);
        while let Some(here) = self.band.index(i, j) {
            // Cannot panic: `index` is below `cells()`, the length of `back` after the
            // pass. A move k is stored only at a cell (i, j) with a ≤ i and b ≤ j
            // (`fill_row`: j ≥ rlo + b; the 0-1 move only at x > 0, j ≥ 1), so the
            // subtractions below cannot underflow.
            let k = self.back[here];
            path.push((i, j, k));
            let Some(mv) = model.moves.get(k as usize) else {
                break;
            };
            i -= mv.a;
            j -= mv.b;
        }
        path.reverse();
    }

    /// Backward pass; with `stats`, also gathers the posterior expected counts that a
    /// refit needs. Needs `viterbi(.., true)` first (for α and ln Z). Same row-wise
    /// sweeps as the forward pass, mirrored.
    pub(crate) fn backward(&mut self, model: &Model, mut stats: Option<&mut Stats>) {
        let cells = self.band.cells();
        self.beta.clear();
        self.beta.resize(cells, f64::NEG_INFINITY);
        let band = &self.band;
        let pa = &self.pa[..];
        let pe = &self.pe[..];
        let (n, m) = (band.n, band.m);
        // Cannot panic, for the indexing in this pass: `viterbi(.., true)` over this
        // band came first (see above), so `alpha` has `cells()` ≥ 1 entries, like
        // `beta`; rows i ≤ n and r = i + a ≤ n exist with lo ≤ hi, so width ≥ 1 and
        // start + width = start[i + 1] ≤ cells. Per move, lo ≤ j0 ≤ j1 ≤ hi with
        // j0 + b ≥ rlo and j1 + b ≤ rhi, m, so n0 = start[r] + (j0 + b − rlo) −
        // start[i + 1] ≥ 0 (r > i) and n0 + cnt ≤ start[r + 1] − start[i + 1] ≤
        // `after.len()`, x0 + cnt ≤ width ≤ `costs.len()`, j + b ≤ m for `pa`, and
        // the beads end at Arabic j0 + b ≥ b through j1 + b ≤ m (`length_costs`).
        // `en` has a slot per a ≤ a_max; `kind_counts` one per move (`clear`).
        let log_z = self.alpha[cells - 1];
        let nu = model.params.tail;
        if let Some(s) = stats.as_deref_mut() {
            s.clear(model.moves.len());
        }
        let k_moves = model.moves.len();
        let RowScratch {
            mut en,
            mut cand,
            mut costs,
            insert,
        } = RowScratch::new(model);
        for i in (0..=n).rev() {
            for (a, t) in en.iter_mut().enumerate().skip(1) {
                if i + a <= n {
                    *t = model.en_terms(pe, i + a, a);
                }
            }
            let (lo, hi, start) = (band.lo[i], band.hi[i], band.start[i]);
            let width = hi - lo + 1;
            cand.clear();
            cand.resize(k_moves * width, f64::NEG_INFINITY);
            if costs.len() < width {
                costs.resize(width, 0.0);
            }
            let (row_beta, after) = self.beta[start..].split_at_mut(width);
            let after_start = start + width;
            let row_alpha = &self.alpha[start..start + width];
            if i == n {
                row_beta[width - 1] = 0.0;
            }
            for (k, mv) in model.moves.iter().enumerate() {
                if mv.a == 0 || i + mv.a > n {
                    continue;
                }
                let r = i + mv.a;
                let Some(prior) = model.move_prior(k, r) else {
                    continue;
                };
                let (rlo, rhi, rstart) = (band.lo[r], band.hi[r], band.start[r]);
                // Cells j of this row whose successor j + b lies in row r's band
                // (rhi ≤ m, so j + b ≤ m too); none when b > rhi. (A saturating
                // `rhi − b` once made that 0, and the sweep read row r + 1's β.)
                let Some(top) = rhi.checked_sub(mv.b) else {
                    continue;
                };
                let j0 = lo.max(rlo.saturating_sub(mv.b));
                let j1 = hi.min(top);
                if j0 > j1 {
                    continue;
                }
                let et = en[mv.a];
                let cnt = j1 - j0 + 1;
                let costs = &mut costs[..cnt];
                let priced = Move {
                    prior_cost: prior,
                    ..*mv
                };
                model.move_costs(&priced, &et, pa, i + mv.a, j0 + mv.b, costs);
                let n0 = rstart + (j0 + mv.b - rlo) - after_start;
                let x0 = j0 - lo;
                let out = &mut cand[k * width + x0..k * width + x0 + cnt];
                let nexts = &after[n0..n0 + cnt];
                for ((o, &next), &c) in out.iter_mut().zip(nexts).zip(costs.iter()) {
                    *o = next - c;
                }
                if let Some(s) = stats.as_deref_mut() {
                    for (q, &x) in out.iter().enumerate() {
                        let lp = row_alpha[x0 + q] + x - log_z;
                        if lp <= -30.0 {
                            continue;
                        }
                        let p = fast_exp(lp);
                        s.kind_counts[k] += p;
                        if mv.b > 0 {
                            let j = j0 + q;
                            let l2 = pa[j + mv.b] - pa[j];
                            let v = et.l1 + 1.0;
                            let res = l2 - et.shift;
                            // Student-t EM weight: far-off beads count less, so a few
                            // wrong links cannot pull the fit around themselves.
                            let u = match nu {
                                None => 1.0,
                                Some(nu) => {
                                    let d = res * et.inv_sd;
                                    (nu + 1.0) / (nu + d * d)
                                }
                            };
                            let w = p * u;
                            s.mass += p;
                            s.sxy += w * et.l1 * l2 / v;
                            s.sxx += w * et.l1 * et.l1 / v;
                            s.sres += w * res * res / v;
                        }
                    }
                }
            }
            let insert_cost = insert.and_then(|k| model.move_prior(k, i));
            for x in (0..width).rev() {
                if let (Some(k), Some(c), true) = (insert, insert_cost, x + 1 < width) {
                    let y = row_beta[x + 1] - c;
                    cand[k * width + x] = y;
                    if let Some(s) = stats.as_deref_mut() {
                        let lp = row_alpha[x] + y - log_z;
                        if lp > -30.0 {
                            s.kind_counts[k] += fast_exp(lp);
                        }
                    }
                }
                if !(i == n && lo + x == m) {
                    row_beta[x] = column_log_sum_exp(&cand, width, x);
                }
            }
        }
    }

    /// Cost and posterior probability of the bead of move `mv` ending at `(i, j)`.
    pub(crate) fn bead(&self, model: &Model, k: usize, i: usize, j: usize) -> (f64, f64) {
        let Some(mv) = model.moves.get(k) else {
            return (f64::INFINITY, 0.0);
        };
        let en = model.en_terms(&self.pe, i, mv.a);
        let mut c = [0.0];
        // A path bead's kind was searched at its end row, so it has a prior there.
        let prior = model.move_prior(k, i).unwrap_or(f64::INFINITY);
        let mv = &Move {
            prior_cost: prior,
            ..*mv
        };
        model.move_costs(mv, &en, &self.pa, i, j, &mut c);
        let c = c[0];
        // The aligner calls this after a forward and a backward pass over the current
        // band; without them there is no posterior to report.
        debug_assert_eq!(self.alpha.len(), self.band.cells());
        debug_assert_eq!(self.beta.len(), self.band.cells());
        // Cannot panic: `i ≥ mv.a` and `j ≥ mv.b` (and i ≤ n, j ≤ m, as the costs
        // above need): the bead was read off a path through this lattice, which
        // starts at (0, 0). Cells outside the band (or buffers of another band) carry
        // no posterior mass here.
        let (Some(prev), Some(here)) = (self.band.index(i - mv.a, j - mv.b), self.band.index(i, j))
        else {
            return (c, 0.0);
        };
        let (Some(&a), Some(&b), Some(&log_z)) =
            (self.alpha.get(prev), self.beta.get(here), self.alpha.last())
        else {
            return (c, 0.0);
        };
        let lp = a - c + b - log_z;
        // NaN (∞ − ∞) only comes from a degenerate model under which no path has a
        // finite cost: report no posterior rather than a score outside [0, 1].
        let p = if lp.is_nan() {
            0.0
        } else {
            lp.exp().clamp(0.0, 1.0)
        };
        (c, p)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Regression: in a band whose row r ends before column b (here rows 0 and 1
    /// keep columns 0..=3, around a path that starts with two 1-0 beads), the
    /// backward pass took the 1-4 beads from row 0 into row 1 as landing in row 2,
    /// and β(0, 0) missed ln Z by 0.49.
    #[test]
    fn backward_agrees_with_forward_where_beads_overshoot_a_row() {
        let (en, ar) = ([54, 32, 13], [3, 6, 1, 47, 35, 47]);
        let params = Params::estimate(4, &en, &ar);
        let mut lat = Lattice::default();
        lat.set_lengths(&en, &ar);
        lat.band
            .around_path(&[(0, 0), (1, 0), (2, 0), (3, 6)], 3, 6, 3);
        assert_eq!(lat.band.row(1), (0, 3, 4));
        let model = Model::new(&params, &lat.pa);
        let (_, log_z) = lat.viterbi(&model, true);
        lat.backward(&model, None);
        assert!(
            (lat.beta[0] - log_z).abs() < 1e-5,
            "β(0, 0) = {} but ln Z = {log_z}",
            lat.beta[0]
        );
    }

    #[test]
    fn fast_exp_is_accurate() {
        for k in 0..=40_000 {
            let x = -(k as f64) / 1000.0;
            let (a, b) = (fast_exp(x), x.exp());
            assert!(((a - b) / b).abs() < 2e-7, "x = {x}: {a} vs {b}");
        }
    }
}
