//! The cost model compiled for the inner loop: bead kinds with their priors, the
//! Arabic terms precomputed per pass, and the optional anchor, match-cost and
//! rates-along-the-text terms, so that the lattice's passes price a cell with a
//! few arithmetic operations.

use std::sync::Arc;

use super::anchor::{AnchorTable, RowMatches};
use super::content::{Content, EnSide};
use super::local::{LocalRates, RowRates};
use super::model::{ln_fast, Params};

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
pub(crate) struct BeadCosts {
    pub(crate) params: Params,
    pub(crate) moves: Vec<Move>,
    /// The most Arabic sentences of a move (columns of `ar_term`).
    b_max: usize,
    /// The most English sentences of a move (slots of the per-row English terms).
    pub(super) a_max: usize,
    /// `m + 1`: the length of one column of `ar_term`.
    stride: usize,
    /// The constant of the length density (`½ln 2π` for the normal).
    len_const: f64,
    /// `ln G_b(l₂)` of Arabic sentences `j−b..j` at `b·stride + j`, plus their
    /// anchors' no-match terms when there are anchors, and their lexical items'
    /// where the lexical table counts every item.
    ar_term: Vec<f64>,
    /// The anchor term, with the origin `(i0, j0)` of this lattice in the input
    /// (a repair window's lattice starts inside it).
    anchors: Option<(Arc<AnchorTable>, usize, usize)>,
    /// The lexical term (see `super::lexical`), a second table of the anchors'
    /// form over translation classes, with the same origin.
    lexical: Option<(Arc<AnchorTable>, usize, usize)>,
    /// Per-sentence match costs, with the same origin.
    matches: Option<(Arc<MatchCosts>, usize)>,
    /// Rates along the text (see [`super::local`]), with the input row of this
    /// lattice's row 0.
    local: Option<(Arc<LocalRates>, usize)>,
    /// What the items hold (see [`super::content`]), with the same origin as the
    /// anchors'.
    content: Option<(Arc<Content>, usize, usize)>,
    /// Without rates along the text, kinds whose prior costs more than this are
    /// not searched (`with_max_prior_cost`).
    max_prior_cost: f64,
    /// The most sentences on either side of a kind searched without rates (set
    /// with `max_prior_cost`; the band code asks for it once a row).
    reach: usize,
    /// Keep the forward pass's costs for the backward pass even without a
    /// lexical term (`keeping_costs`).
    keep_costs: bool,
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
    /// Whether the lexicon weighs each English and each Arabic sentence's
    /// words (see [`MatchCosts::weighing_words`]); empty when it weighs all.
    en_words: Vec<bool>,
    ar_words: Vec<bool>,
}

/// The sum of items `i − a..i` from prefix sums, or 0 outside them.
fn span(sums: &[f64], i: usize, a: usize) -> f64 {
    match (sums.get(i), i.checked_sub(a).and_then(|k| sums.get(k))) {
        (Some(hi), Some(lo)) => hi - lo,
        _ => 0.0,
    }
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
            en_words: Vec::new(),
            ar_words: Vec::new(),
        }
    }

    /// The same costs, where the lexicon weighs the words of only the sentences
    /// marked `true`. A page's short lines (bylines, dates, menus) carry their
    /// kind's share of translated lines as their match cost, a share counted
    /// over lines that translate each other word for word as much as over lines
    /// that do not: their words would count that evidence twice.
    pub(crate) fn weighing_words(mut self, en: Vec<bool>, ar: Vec<bool>) -> MatchCosts {
        self.en_words = en;
        self.ar_words = ar;
        self
    }

    /// Whether the lexicon weighs the words of English sentence `i` (`true` past
    /// the marks given).
    pub(crate) fn weighs_en(&self, i: usize) -> bool {
        self.en_words.get(i).copied().unwrap_or(true)
    }

    /// Whether the lexicon weighs the words of Arabic sentence `j`.
    pub(crate) fn weighs_ar(&self, j: usize) -> bool {
        self.ar_words.get(j).copied().unwrap_or(true)
    }

    /// The match costs of English sentences `i − a..i`, or 0 outside the table.
    fn en(&self, i: usize, a: usize) -> f64 {
        span(&self.en, i, a)
    }

    /// The match costs of Arabic sentences `j − b..j`, or 0 outside the table.
    fn ar(&self, j: usize, b: usize) -> f64 {
        span(&self.ar, j, b)
    }
}

impl BeadCosts {
    pub(crate) fn new(params: &Params, ar_sums: &[f64]) -> BeadCosts {
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
        // many-to-one ones, 1-k and k-1 for k ≤ 16: far fewer than 255.
        let b_max = moves.iter().map(|mv| mv.b).max().unwrap_or(1);
        let a_max = moves.iter().map(|mv| mv.a).max().unwrap_or(1);
        // `ar_sums` holds the m + 1 prefix sums of `Lattice::set_lengths` (0 only for a
        // lattice never loaded, which no pass reads).
        let m = ar_sums.len().saturating_sub(1);
        // Column-major, `b·(m+1) + j`, so that one move's terms over a row are one slice.
        let mut ar_term = vec![0.0; (m + 1) * (b_max + 1)];
        // Cannot panic: b ≤ b_max and b ≤ j ≤ m = ar_sums.len() − 1, so j − b ≥ 0 and
        // b·(m+1) + j < (b_max+1)·(m+1) = ar_term.len().
        for b in 1..=b_max {
            let density = params.arabic_density(b);
            for j in b..=m {
                ar_term[b * (m + 1) + j] = density.ln_at(ar_sums[j] - ar_sums[j - b]);
            }
        }
        BeadCosts {
            params: params.clone(),
            moves,
            b_max,
            a_max,
            stride: m + 1,
            len_const: params.length_constant(),
            ar_term,
            anchors: None,
            lexical: None,
            matches: None,
            local: None,
            content: None,
            max_prior_cost: f64::INFINITY,
            reach: a_max.max(b_max),
            keep_costs: false,
        }
    }

    /// Leaves out the kinds whose prior costs more than `cost` (never 1-1, 1-0 or
    /// 0-1), where no rates along the text decide: the expectation passes of
    /// refitting, which on book-length input would otherwise carry every
    /// one-to-many kind up to 1-12 through every cell for beads that never occur.
    pub(crate) fn with_max_prior_cost(mut self, cost: f64) -> BeadCosts {
        self.max_prior_cost = cost;
        self.reach = self
            .moves
            .iter()
            .filter(|mv| self.searched(mv))
            .map(|mv| mv.a.max(mv.b))
            .max()
            .unwrap_or(1);
        self
    }

    /// Whether move `k` is searched without rates along the text.
    fn searched(&self, mv: &Move) -> bool {
        mv.prior_cost <= self.max_prior_cost || mv.a.max(mv.b) <= 1
    }

    /// Uses `rates` for the ratio, variance and prior tilt of each row; `row0` is the
    /// input row of this lattice's row 0.
    pub(crate) fn with_local(mut self, rates: Option<&Arc<LocalRates>>, row0: usize) -> BeadCosts {
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
            None => self.reach,
        }
    }

    /// Whether pricing a bead costs enough to keep the forward pass's costs
    /// for the backward pass (see `lattice::store`): with a lexical term, the
    /// lookups of a bead's words are most of a pass; without one, a bead is
    /// priced by a few arithmetic operations, and keeping the costs would
    /// cost eight bytes a bead (a page of a million lines, gigabytes) for
    /// little time.
    pub(crate) fn worth_keeping(&self) -> bool {
        self.keep_costs || self.lexical.is_some()
    }

    /// Keeps the forward pass's costs for the backward pass whatever the terms
    /// (with `keep`): where a pass with a lexical term will follow over a band
    /// of the same size, it keeps as many, so keeping them here too saves
    /// pricing every bead twice and adds no memory to the alignment's peak.
    pub(crate) fn keeping_costs(mut self, keep: bool) -> BeadCosts {
        self.keep_costs = keep;
        self
    }

    /// The most sentences on either side of a kind searched anywhere.
    pub(crate) fn max_reach(&self) -> usize {
        match &self.local {
            Some((rates, _)) => rates.max_reach(),
            None => self.reach,
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
    ) -> BeadCosts {
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
    ) -> BeadCosts {
        self.add_ar_misses(table, origin.1);
        self.anchors = table.map(|t| (Arc::clone(t), origin.0, origin.1));
        self
    }

    /// Adds the lexical term of `table` (see `super::lexical`, an anchor-form
    /// table over translation classes) to every bead cost: the matches only.
    ///
    /// A word's miss is charged wherever its sentence goes, a 1-0 or 0-1 bead
    /// included, so the misses of an alignment sum to the same constant over
    /// every path and are left out. Charging them only to beads with both sides
    /// (as the anchors do) makes a sentence whose words the lexicon cannot find
    /// cheaper alone than inside the merge it belongs to, and a self-trained
    /// lexicon misses most of a sentence's rarer words, so a two-to-one bead
    /// would come apart into a one-to-one and a one-to-zero. What a match adds
    /// over a miss is the same either way, so wherever both paths match every
    /// sentence the two forms order them alike.
    ///
    /// A page's units are the exception: there the table counts every word
    /// the lexicon knows ([`AnchorTable::counts_every_item`]), and the misses
    /// of words whose translation is nowhere on the other side are the evidence
    /// that a paragraph has no translation, which leaving the line unpaired
    /// does not pay. They are charged as the anchors' are.
    pub(crate) fn with_lexical(
        mut self,
        table: Option<&Arc<AnchorTable>>,
        origin: (usize, usize),
    ) -> BeadCosts {
        self.add_ar_misses(table.filter(|t| t.counts_every_item()), origin.1);
        self.lexical = table.map(|t| (Arc::clone(t), origin.0, origin.1));
        self
    }

    /// Joins the Arabic side's no-match terms of `table` to the per-(end, count)
    /// Arabic terms, so that they cost nothing per cell.
    fn add_ar_misses(&mut self, table: Option<&Arc<AnchorTable>>, j0: usize) {
        let Some(t) = table else {
            return;
        };
        // Cannot panic: indices into `ar_term` as in `new`. `t` was fitted on the
        // whole input, and this lattice holds its Arabic sentences `j0..j0 + m`
        // (`Aligner::load_window`; origin 0 and the whole input otherwise), so
        // `ar_miss` gets b ≤ j + j0 ≤ the input's count.
        let m = self.stride - 1;
        for b in 1..=self.b_max {
            for j in b..=m {
                self.ar_term[b * self.stride + j] += t.ar_miss(j + j0, b);
            }
        }
    }

    /// Applies the rules of [`super::content`] for the items `content` describes;
    /// `origin` is where this lattice's `(0, 0)` lies in them.
    pub(crate) fn with_content(
        mut self,
        content: Option<&Arc<Content>>,
        origin: (usize, usize),
    ) -> BeadCosts {
        self.content = content.map(|c| (Arc::clone(c), origin.0, origin.1));
        self
    }

    /// Cost of the 0-1 bead ending at Arabic `j` of this lattice (`j ≥ 1`), whose
    /// prior is `prior`: nothing for an item that holds nothing to translate.
    #[inline]
    pub(super) fn insert_cost(&self, prior: f64, j: usize) -> f64 {
        match &self.content {
            Some((content, _, j0)) if content.ar_holds_nothing(j + j0 - 1) => 0.0,
            _ => prior,
        }
    }

    /// Per-row English terms for beads of `a` sentences ending at row `i`.
    ///
    /// Cannot panic: every caller passes a ≤ i ≤ n, rows of this lattice
    /// (`fill_row`: a ≤ i; `backward`: the bead's end row i + a ≤ n; `bead`: a path
    /// bead's end), so `en_sums[i − a]` and `en_sums[i]` exist, and the anchor table's
    /// `en_miss` gets a ≤ i + i0 ≤ the input's count, as in `with_anchors`.
    #[inline]
    pub(super) fn en_terms(&self, en_sums: &[f64], i: usize, a: usize) -> EnTerm {
        let l1 = en_sums[i] - en_sums[i - a];
        let rates = self.row_rates(i);
        let var = rates.variance * (l1 + 1.0);
        let anchor = match &self.anchors {
            Some((table, i0, _)) => table.en_miss(i + i0, a),
            None => 0.0,
        };
        let lexical = match &self.lexical {
            Some((table, i0, _)) if table.counts_every_item() => table.en_miss(i + i0, a),
            _ => 0.0,
        };
        let matched = match &self.matches {
            Some((costs, i0)) if a > 0 => costs.en(i + i0, a),
            _ => 0.0,
        };
        let (side, holds_nothing) = match &self.content {
            Some((content, i0, _)) => (
                content.en_side(i + i0, a),
                a == 1 && content.en_holds_nothing(i + i0 - 1),
            ),
            None => (EnSide::Text, false),
        };
        EnTerm {
            l1,
            shift: rates.ratio * l1,
            inv_sd: 1.0 / var.sqrt(),
            // The no-match part of the anchor term depends on the English side
            // only: one constant per row and move, like the variance's.
            row_cost: 0.5 * var.ln() + anchor + lexical + matched,
            side,
            holds_nothing,
        }
    }

    /// Costs of move `mv` for the beads whose English side ends at row `i` and whose
    /// Arabic side ends at `e0`, `e0 + 1`, …, written to `out` (one per element): the
    /// hot loop of every pass, kept free of branches and bounds checks so that it
    /// vectorizes. The anchor and lexical terms, where there are some, are added after; with
    /// `shared`, its lookups are shared by the moves of the row, over the
    /// Arabic sentences it says the row's beads can span.
    #[inline]
    pub(super) fn move_costs(
        &self,
        mv: &Move,
        en: &EnTerm,
        ar_sums: &[f64],
        (i, e0): (usize, usize),
        out: &mut [f64],
        shared: Option<&mut SharedLookups>,
    ) {
        self.length_costs(mv, en, ar_sums, e0, out);
        match shared {
            Some(cache) => {
                let (lo, hi) = cache.reach;
                if let Some((table, i0, j0)) = &self.anchors {
                    let at = (mv.a, mv.b, (lo + j0, hi + j0));
                    table.add_costs_shared(&mut cache.anchors, at, i + i0, e0 + j0, out);
                }
                if let Some((table, i0, j0)) = &self.lexical {
                    let at = (mv.a, mv.b, (lo + j0, hi + j0));
                    table.add_costs_shared(&mut cache.lexical, at, i + i0, e0 + j0, out);
                }
            }
            None => {
                if let Some((table, i0, j0)) = &self.anchors {
                    table.add_costs(mv.a, mv.b, i + i0, e0 + j0, out);
                }
                if let Some((table, i0, j0)) = &self.lexical {
                    table.add_costs(mv.a, mv.b, i + i0, e0 + j0, out);
                }
            }
        }
        // The content rules come last: they set what an item with nothing to
        // translate costs, whatever the other terms say.
        if let Some((content, _, j0)) = &self.content {
            if mv.a > 0 && mv.b > 0 {
                content.forbid(en.side, mv.b, e0 + j0, out);
            } else if mv.b == 0 && en.holds_nothing {
                out.fill(0.0);
            } else if mv.a == 0 {
                // Cannot underflow: Arabic ends are at least 1 (`e0 ≥ b ≥ 1`).
                for (x, cost) in out.iter_mut().enumerate() {
                    if content.ar_holds_nothing(e0 + x + j0 - 1) {
                        *cost = 0.0;
                    }
                }
            }
        }
    }

    /// The length part of `move_costs`. Callers pass Arabic ends `e0 ≥ b` and
    /// `e0 + out.len() − 1 ≤ m`: the beads lie in the lattice (`fill_row`, `backward`
    /// and `bead` say why).
    #[inline]
    fn length_costs(&self, mv: &Move, en: &EnTerm, ar_sums: &[f64], e0: usize, out: &mut [f64]) {
        let cnt = out.len();
        if mv.a == 0 || mv.b == 0 {
            out.fill(mv.prior_cost);
            return;
        }
        let b = mv.b;
        // Cannot panic: with e0 ≥ b and e0 + cnt ≤ m + 1 = ar_sums.len() = stride (see
        // above), the slices are in range (b ≤ b_max, so col + cnt ≤ (b_max+1)·stride =
        // ar_term.len()); the loops below zip them and index nothing.
        let ends = &ar_sums[e0..e0 + cnt];
        let starts = &ar_sums[e0 - b..e0 - b + cnt];
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

/// What a sweep keeps between the moves of a row so that the anchor and lexical
/// terms look each English item up once per row and English count.
#[derive(Debug, Clone, Default)]
pub(super) struct SharedLookups {
    anchors: RowMatches,
    lexical: RowMatches,
    /// The Arabic sentences `lo..hi` of this lattice that the beads of the
    /// move priced next can span, with every other move of its English count
    /// in the row: its lookups are made once for all of them.
    reach: (usize, usize),
}

impl SharedLookups {
    /// Sets the Arabic sentences the next move's beads, and those of the other
    /// moves of its English count in the row, can span.
    pub(super) fn reaching(&mut self, reach: (usize, usize)) -> &mut SharedLookups {
        self.reach = reach;
        self
    }

    /// Forgets the lookups: a new row is priced (perhaps of another model).
    pub(super) fn clear(&mut self) {
        self.anchors.forget();
        self.lexical.forget();
    }
}

#[derive(Debug, Clone, Copy, Default)]
pub(super) struct EnTerm {
    pub(super) l1: f64,
    /// `c·l₁`, with the row's ratio.
    pub(super) shift: f64,
    pub(super) inv_sd: f64,
    /// What a bead's cost owes to its English side alone: `½ln(s²(l₁+1))`, the
    /// English anchors' no-match terms (and lexical items', where every item
    /// counts) and the English match costs.
    pub(super) row_cost: f64,
    /// What the English side holds (see [`super::content`]).
    pub(super) side: EnSide,
    /// The English side is one item that holds nothing to translate.
    pub(super) holds_nothing: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::anchor::AnchorInput;
    use crate::anchors::AnchorKind;

    fn prefix(xs: &[usize]) -> Vec<f64> {
        std::iter::once(0.0)
            .chain(xs.iter().scan(0.0, |acc, &x| {
                *acc += x as f64;
                Some(*acc)
            }))
            .collect()
    }

    /// The cost of the bead of `a` English and `b` Arabic sentences ending at
    /// `(i, j)`.
    fn cost(
        model: &BeadCosts,
        en_sums: &[f64],
        ar_sums: &[f64],
        (a, b): (usize, usize),
        (i, j): (usize, usize),
    ) -> f64 {
        let mv = model
            .moves
            .iter()
            .find(|mv| (mv.a, mv.b) == (a, b))
            .unwrap();
        let en = model.en_terms(en_sums, i, a);
        let mut out = [0.0];
        model.move_costs(mv, &en, ar_sums, (i, j), &mut out, None);
        out[0]
    }

    #[test]
    fn a_sentence_costs_the_same_words_merged_or_alone() {
        // Ten sentences a side, sentence k of each holding word class k, except
        // English sentence 0, which holds none, and English sentence 1, whose
        // class is translated far away, in Arabic sentence 7.
        let item = |k: u32| (k, AnchorKind::Latin);
        let mut en: Vec<Vec<(u32, AnchorKind)>> = (0..10).map(|k| vec![item(k)]).collect();
        let mut ar = en.clone();
        en[0].clear();
        ar[1].clear();
        ar[7].push(item(1));
        let input = AnchorInput::from_ids(en, ar, 10);
        let path: Vec<(usize, usize)> = (0..=10).map(|k| (k, k)).collect();
        let table = Arc::new(AnchorTable::fit(&input, &path).unwrap());
        let (le, la) = (vec![40; 10], vec![24; 10]);
        let (en_sums, ar_sums) = (prefix(&le), prefix(&la));
        let params = Params::estimate(3, &le, &la);
        let plain = BeadCosts::new(&params, &ar_sums);
        let with = BeadCosts::new(&params, &ar_sums).with_lexical(Some(&table), (0, 0));
        let lexical = |shape, end| {
            cost(&with, &en_sums, &ar_sums, shape, end)
                - cost(&plain, &en_sums, &ar_sums, shape, end)
        };
        // The term is on: a bead whose words translate each other gains.
        assert!(
            lexical((1, 1), (3, 3)) < -0.1,
            "{}",
            lexical((1, 1), (3, 3))
        );
        // English sentence 1 finds nothing in Arabic sentence 0: merged into a
        // 2-1 bead it costs what it costs alone in a 1-0 bead.
        let merged = lexical((2, 1), (2, 1));
        let apart = lexical((1, 1), (1, 1)) + lexical((1, 0), (2, 1));
        assert!((merged - apart).abs() < 1e-9, "{merged} {apart}");
        // Likewise on the Arabic side.
        let merged = lexical((1, 2), (1, 2));
        let apart = lexical((1, 1), (1, 1)) + lexical((0, 1), (1, 2));
        assert!((merged - apart).abs() < 1e-9, "{merged} {apart}");
    }
}
