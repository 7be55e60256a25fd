//! The banded dynamic programme: Viterbi, forward and backward passes over a band of
//! the (English × Arabic) lattice, sharing one set of buffers.

use super::band::Band;
use super::costs::{BeadCosts, EnTerm, Move};

mod span;

/// Per-pass scratch space of the row filler.
struct RowScratch {
    en: Vec<EnTerm>,
    /// One row of `width` candidates per move searched in the row (its slot), so
    /// that the column sums skip the kinds that rates along the text leave out.
    cand: Vec<f64>,
    costs: Vec<f64>,
    insert: Option<usize>,
    /// Per move: its prior cost for the row and its slot in `cand`, or `None` where
    /// the move is not searched there.
    searched: Vec<Option<(f64, usize)>>,
}

impl RowScratch {
    fn new(model: &BeadCosts) -> Self {
        RowScratch {
            en: vec![EnTerm::default(); model.a_max.max(1) + 1],
            cand: Vec::new(),
            costs: Vec::new(),
            insert: model.moves.iter().position(|mv| mv.a == 0),
            searched: Vec::with_capacity(model.moves.len()),
        }
    }

    /// Fills `searched` with the moves `prior_of` prices (in order, one slot each)
    /// and, for a pass that sums over moves (`sums`), sizes `cand` to a row of
    /// `width` per slot, all −∞.
    fn price_moves(
        &mut self,
        model: &BeadCosts,
        width: usize,
        sums: bool,
        prior_of: impl Fn(usize) -> Option<f64>,
    ) {
        self.searched.clear();
        let mut slots = 0;
        for k in 0..model.moves.len() {
            let priced = prior_of(k).map(|p| {
                slots += 1;
                (p, slots - 1)
            });
            self.searched.push(priced);
        }
        if sums {
            self.cand.clear();
            self.cand.resize(slots * width, f64::NEG_INFINITY);
        }
    }

    /// The English terms of the beads of each size `a` ending at row `i`.
    fn load_en(&mut self, model: &BeadCosts, pe: &[f64], i: usize) {
        for (a, t) in self.en.iter_mut().enumerate().skip(1) {
            if a <= i {
                *t = model.en_terms(pe, i, a);
            }
        }
    }
}

/// The English terms of the beads of each size `a` starting at row `i` (ending at
/// `i + a ≤ n`), for the backward pass.
fn load_en_from(en: &mut [EnTerm], model: &BeadCosts, pe: &[f64], i: usize, n: usize) {
    for (a, t) in en.iter_mut().enumerate().skip(1) {
        if i + a <= n {
            *t = model.en_terms(pe, i + a, a);
        }
    }
}

/// One move's beads out of a row of the backward pass: move `k` (`mv`, with the
/// English terms `et`), starting at Arabic `j0` (column `x0` of the row).
struct MoveCells<'a> {
    k: usize,
    mv: &'a Move,
    et: EnTerm,
    j0: usize,
    x0: usize,
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

    /// Adds the posterior mass of one move's beads out of a backward row: `out`
    /// holds their β-side terms, `row_alpha` the row's α, `log_z` ln Z. Indices are
    /// in range for the reasons given in `Lattice::backward`.
    fn add_move(
        &mut self,
        model: &BeadCosts,
        cells: &MoveCells,
        out: &[f64],
        row_alpha: &[f64],
        pa: &[f64],
        log_z: f64,
    ) {
        let MoveCells { k, mv, et, j0, x0 } = *cells;
        let nu = model.params.tail;
        for (q, &x) in out.iter().enumerate() {
            let lp = row_alpha[x0 + q] + x - log_z;
            if lp <= -30.0 {
                continue;
            }
            let p = fast_exp(lp);
            self.kind_counts[k] += p;
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
                self.mass += p;
                self.sxy += w * et.l1 * l2 / v;
                self.sxx += w * et.l1 * et.l1 / v;
                self.sres += w * res * res / v;
            }
        }
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
/// `|r| ≤ ln2/2` and a degree-6 Taylor polynomial. Cheaper than the libm call, which
/// dominates the forward and backward passes otherwise (see the README's "Why these
/// constants"); posteriors need no more digits than this.
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
    pub(crate) fn viterbi(&mut self, model: &BeadCosts, forward: bool) -> (f64, f64) {
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

    fn reset_rows(&mut self, model: &BeadCosts) {
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
    pub(crate) fn viterbi_adaptive(&mut self, model: &BeadCosts, w: usize) -> f64 {
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
    ///   moves, see `BeadCosts::new`).
    fn fill_row(&mut self, model: &BeadCosts, i: usize, forward: bool, sc: &mut RowScratch) {
        let band = &self.band;
        let pa = &self.pa[..];
        let pe = &self.pe[..];
        let sc_insert = sc.insert;
        sc.load_en(model, pe, i);
        let (lo, hi, start) = (band.lo[i], band.hi[i], band.start[i]);
        let width = hi - lo + 1;
        if sc.costs.len() < width {
            sc.costs.resize(width, 0.0);
        }
        // The moves searched into this row: from earlier rows, and 0-1 within it.
        sc.price_moves(model, width, forward, |k| {
            let a = model.moves[k].a;
            if (a == 0 && Some(k) != sc_insert) || a > i {
                None
            } else {
                model.move_prior(k, i)
            }
        });
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
            let (true, Some((prior, slot))) = (mv.a > 0, sc.searched[k]) else {
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
                let out = &mut cand[slot * width + x0..slot * width + x0 + cnt];
                let prevs = &alpha_before[p0..p0 + cnt];
                for ((o, &prev), &c) in out.iter_mut().zip(prevs).zip(costs.iter()) {
                    *o = prev - c;
                }
            }
        }
        let insert = sc_insert.and_then(|k| sc.searched[k].map(|(c, slot)| (k, c, slot)));
        for x in 0..width {
            let j = lo + x;
            if let (Some((k, c, slot)), true) = (insert, x > 0) {
                let total = row_best[x - 1] + c;
                if total < row_best[x] {
                    row_best[x] = total;
                    row_back[x] = k as u8;
                }
                if forward {
                    cand[slot * width + x] = alpha_rest[x - 1] - c;
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
    pub(crate) fn traceback(&self, model: &BeadCosts, path: &mut Vec<(usize, usize, u8)>) {
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
    pub(crate) fn backward(&mut self, model: &BeadCosts, mut stats: Option<&mut Stats>) {
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
        if let Some(s) = stats.as_deref_mut() {
            s.clear(model.moves.len());
        }
        let mut sc = RowScratch::new(model);
        let sc_insert = sc.insert;
        for i in (0..=n).rev() {
            load_en_from(&mut sc.en, model, pe, i, n);
            let (lo, hi, start) = (band.lo[i], band.hi[i], band.start[i]);
            let width = hi - lo + 1;
            // The moves searched out of this row: into later rows, and 0-1 within it.
            sc.price_moves(model, width, true, |k| {
                let a = model.moves[k].a;
                if a == 0 && Some(k) == sc_insert {
                    model.move_prior(k, i)
                } else if a == 0 || i + a > n {
                    None
                } else {
                    model.move_prior(k, i + a)
                }
            });
            if sc.costs.len() < width {
                sc.costs.resize(width, 0.0);
            }
            let (row_beta, after) = self.beta[start..].split_at_mut(width);
            let after_start = start + width;
            let row_alpha = &self.alpha[start..start + width];
            if i == n {
                row_beta[width - 1] = 0.0;
            }
            for (k, mv) in model.moves.iter().enumerate() {
                let (true, Some((prior, slot))) = (mv.a > 0, sc.searched[k]) else {
                    continue;
                };
                let r = i + mv.a;
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
                let et = sc.en[mv.a];
                let cnt = j1 - j0 + 1;
                let costs = &mut sc.costs[..cnt];
                let priced = Move {
                    prior_cost: prior,
                    ..*mv
                };
                model.move_costs(&priced, &et, pa, i + mv.a, j0 + mv.b, costs);
                let n0 = rstart + (j0 + mv.b - rlo) - after_start;
                let x0 = j0 - lo;
                let out = &mut sc.cand[slot * width + x0..slot * width + x0 + cnt];
                let nexts = &after[n0..n0 + cnt];
                for ((o, &next), &c) in out.iter_mut().zip(nexts).zip(costs.iter()) {
                    *o = next - c;
                }
                if let Some(s) = stats.as_deref_mut() {
                    let cells = MoveCells { k, mv, et, j0, x0 };
                    s.add_move(model, &cells, out, row_alpha, pa, log_z);
                }
            }
            let insert = sc_insert.and_then(|k| sc.searched[k].map(|(c, slot)| (k, c, slot)));
            for x in (0..width).rev() {
                if let (Some((k, c, slot)), true) = (insert, x + 1 < width) {
                    let y = row_beta[x + 1] - c;
                    sc.cand[slot * width + x] = y;
                    if let Some(s) = stats.as_deref_mut() {
                        let lp = row_alpha[x] + y - log_z;
                        if lp > -30.0 {
                            s.kind_counts[k] += fast_exp(lp);
                        }
                    }
                }
                if !(i == n && lo + x == m) {
                    row_beta[x] = column_log_sum_exp(&sc.cand, width, x);
                }
            }
        }
    }

    /// Cost of the bead of move `k` ending at `(i, j)` (∞ where the move is not
    /// searched at row `i`). Callers pass `i ≥ a` and `j ≥ b` of the move, `i ≤ n`,
    /// `j ≤ m`.
    fn move_cost(&self, model: &BeadCosts, k: usize, i: usize, j: usize) -> f64 {
        let mut c = [f64::INFINITY];
        self.row_costs(model, k, i, j, j, &mut c);
        c[0]
    }

    /// Costs of move `k` ending at row `i` and columns `first..=last` into `out`;
    /// returns how many, or `None` where the move is not searched at row `i`. Callers
    /// pass `first ≥ b`, `last ≤ m`, `i ≥ a`, and an `out` of at least
    /// `last − first + 1`.
    pub(super) fn row_costs(
        &self,
        model: &BeadCosts,
        k: usize,
        i: usize,
        first: usize,
        last: usize,
        out: &mut [f64],
    ) -> Option<usize> {
        let mv = model.moves.get(k)?;
        let prior = model.move_prior(k, i)?;
        let en = model.en_terms(&self.pe, i, mv.a);
        let mv = &Move {
            prior_cost: prior,
            ..*mv
        };
        let cnt = last + 1 - first;
        model.move_costs(mv, &en, &self.pa, i, first, &mut out[..cnt]);
        Some(cnt)
    }

    /// Cost and posterior probability of the bead of move `mv` ending at `(i, j)`.
    pub(crate) fn bead(&self, model: &BeadCosts, k: usize, i: usize, j: usize) -> (f64, f64) {
        let Some(mv) = model.moves.get(k) else {
            return (f64::INFINITY, 0.0);
        };
        // A path bead's kind was searched at its end row, so it has a prior there.
        let c = self.move_cost(model, k, i, j);
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
    use super::super::model::Params;
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
        let model = BeadCosts::new(&params, &lat.pa);
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
