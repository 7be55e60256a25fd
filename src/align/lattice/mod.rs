//! The banded dynamic programme: Viterbi, forward and backward passes over a band of
//! the (English × Arabic) lattice, sharing one set of buffers.

use super::band::Band;
use super::costs::{BeadCosts, Move};

mod span;
mod store;
mod sweep;

pub(crate) use span::SpanScratch;
use store::CostStore;
use sweep::{Bounds, Candidates, Direction, Run, Sweep};

/// How far the band of [`Lattice::viterbi_adaptive`] opens over unsure rows.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Beam {
    /// Cells of a row whose best cost is within this many nats of the row's
    /// cheapest are held in the next row's band.
    pub(crate) slack: f64,
    /// The most cells the band reaches either side of its centre (the previous
    /// row's cheapest cell, moved on by the mean step), if more than the plain
    /// half-width.
    pub(crate) reach: usize,
    /// The most cells a row the band may take on average, over the rows so far
    /// and `reach` rows more: where every row is unsure (lengths that say
    /// nothing), the beam stays within this.
    pub(crate) per_row: usize,
}

impl Beam {
    /// The first and last cell of `row` (best costs, cheapest `least` at `arg`)
    /// within the slack; NaN and infinite costs are never held.
    fn held(&self, row: &[f64], least: f64, arg: usize) -> (usize, usize) {
        let limit = least + self.slack;
        let within = |v: &f64| v.is_finite() && *v <= limit;
        let first = row.iter().position(within).unwrap_or(arg);
        let last = row.iter().rposition(within).unwrap_or(arg);
        (first.min(arg), last.max(arg))
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

    /// Adds the posterior mass of one move's beads out of a backward row: `beta_terms`
    /// holds their β-side terms, `row_alpha` the α of the run's cells, `log_z` ln Z.
    /// Indices are in range for the reasons given in `Lattice::backward`.
    fn add_run(
        &mut self,
        model: &BeadCosts,
        run: &Run,
        beta_terms: &[f64],
        row_alpha: &[f64],
        ar_sums: &[f64],
        log_z: f64,
    ) {
        let en = run.en;
        let nu = model.params.tail;
        for (q, (&beta, &alpha)) in beta_terms.iter().zip(row_alpha).enumerate() {
            let log_p = alpha + beta - log_z;
            if log_p <= -30.0 {
                continue;
            }
            let p = fast_exp(log_p);
            self.kind_counts[run.index] += p;
            if run.b > 0 {
                let j = run.first + q;
                let l2 = ar_sums[j + run.b] - ar_sums[j];
                let v = en.l1 + 1.0;
                let res = l2 - en.shift;
                // Student-t EM weight: far-off beads count less, so a few
                // wrong links cannot pull the fit around themselves.
                let u = match nu {
                    None => 1.0,
                    Some(nu) => {
                        let d = res * en.inv_sd;
                        (nu + 1.0) / (nu + d * d)
                    }
                };
                let w = p * u;
                self.mass += p;
                self.sxy += w * en.l1 * l2 / v;
                self.sxx += w * en.l1 * en.l1 / v;
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
///
/// Not `Clone`: an [`Aligner`](super::Aligner) clone starts with empty lattices of
/// its own, since every pass sizes and fills the buffers it reads.
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
    pub(crate) en_sums: Vec<f64>,
    pub(crate) ar_sums: Vec<f64>,
    /// The bead costs of the last forward pass, for the backward pass after it.
    store: CostStore,
    /// Cells the passes have swept since the lattice was made: a measure of work
    /// that tests can hold to a bound.
    pub(crate) visited: usize,
}

/// The scratch of one pass: the sweep's, and the candidates a pass that sums over
/// moves adds up.
struct PassScratch {
    sweep: Sweep,
    candidates: Candidates,
}

impl PassScratch {
    fn new(model: &BeadCosts) -> PassScratch {
        PassScratch {
            sweep: Sweep::new(model),
            candidates: Candidates::default(),
        }
    }
}

/// `eˣ` for `x ≤ 0`, to a relative error below 2e-7: range reduction to
/// `|r| ≤ ln2/2` and a degree-6 Taylor polynomial. Cheaper than the libm call, which
/// would dominate the forward and backward passes; posteriors need no more digits
/// than this.
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
            + (self.en_sums.capacity() + self.ar_sums.capacity()) * f
            + self.band.scratch_bytes()
            + self.store.bytes()
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
        prefix(&mut self.en_sums, en);
        prefix(&mut self.ar_sums, ar);
    }

    /// English sentences loaded (0 before `set_lengths`, which pushes n + 1 sums).
    pub(crate) fn n(&self) -> usize {
        self.en_sums.len().saturating_sub(1)
    }

    /// Arabic sentences loaded (0 before `set_lengths`).
    pub(crate) fn m(&self) -> usize {
        self.ar_sums.len().saturating_sub(1)
    }

    /// Viterbi (and, with `forward`, the forward sum) over the band. Returns
    /// `(best total cost, ln Z)`; ln Z is NaN without `forward`.
    pub(crate) fn viterbi(&mut self, model: &BeadCosts, forward: bool) -> (f64, f64) {
        let cells = self.band.cells();
        self.reset_rows(model);
        self.back.clear();
        // The quick pass's wide band can leave `back` many times larger than this
        // narrow one needs, a large share of the peak memory on a huge input.
        if self.back.capacity() > cells.saturating_mul(4).max(1 << 20) {
            self.back.shrink_to(cells);
        }
        self.back.resize(cells, u8::MAX);
        if forward {
            self.alpha.clear();
            self.alpha.resize(cells, f64::NEG_INFINITY);
        }
        if forward && model.worth_keeping() {
            let sentences = self.band.n + self.band.m;
            self.store
                .start(sentences, self.band.n + 1, cells, model.moves.len());
        } else {
            self.store.finish();
        }
        let mut pass = PassScratch::new(model);
        for i in 0..=self.band.n {
            self.fill_row(model, i, forward, &mut pass);
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

    /// The costs the last forward pass kept, for passes over its band with its
    /// model.
    fn stored(&self) -> Option<&CostStore> {
        Some(&self.store)
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
    ///
    /// With a [`Beam`], row `i` keeps `w` cells beyond every cell of row `i − 1`
    /// whose best cost is within `beam.slack` of the cheapest (moved on by the same
    /// step), up to `max(beam.reach, w)` cells either side of the centre: where two
    /// courses through the text cost nearly the same the band holds both until the
    /// lengths decide between them, as far as the cells the rows before it left
    /// of `beam.per_row` a row allow. The band is the plain one and more; it
    /// opens over unsure rows, and its right edge, which never moves back, closes
    /// again as the text goes on. `O(n·max(w, beam.per_row))` time and memory.
    pub(crate) fn viterbi_adaptive(
        &mut self,
        model: &BeadCosts,
        w: usize,
        beam: Option<Beam>,
    ) -> f64 {
        let (n, m) = (self.n(), self.m());
        let step = if n > 0 { m as f64 / n as f64 } else { 0.0 };
        self.store.finish();
        self.band.start_rows(n, m);
        self.reset_rows(model);
        self.back.clear();
        let mut pass = PassScratch::new(model);
        for i in 0..=n {
            let (lo, hi) = if i == 0 {
                (0, w.saturating_add(step.ceil() as usize).min(m))
            } else {
                // Cannot panic: row i − 1 was pushed in the last round, and `best`
                // has at least one slot (`reset_rows`).
                let (prev_lo, prev_hi, _) = self.band.row(i - 1);
                let row = &self.best[(i - 1) % self.best.len()];
                // The first cheapest cell (NaN never wins, as with `<` against it).
                let mut arg = 0;
                let mut least = f64::INFINITY;
                for (x, &v) in row.iter().enumerate() {
                    if v < least {
                        arg = x;
                        least = v;
                    }
                }
                let centre = (prev_lo + arg) as f64 + step;
                // The reach never cuts into the plain band: a beam only adds cells.
                let (first, last, reach) = match beam {
                    Some(b) => {
                        let (first, last) = b.held(row, least, arg);
                        // What the rows so far left of the beam's cells, with
                        // `reach` rows' worth to start with, either side.
                        let budget = (i + 1 + b.reach).saturating_mul(b.per_row);
                        let left = budget.saturating_sub(self.band.cells()) / 2;
                        (first, last, b.reach.min(left).max(w))
                    }
                    None => (arg, arg, w),
                };
                let from = ((prev_lo + first) as f64 + step - w as f64).max(centre - reach as f64);
                let to = ((prev_lo + last) as f64 + step + w as f64).min(centre + reach as f64);
                // Monotone edges that overlap the previous row keep the band connected.
                // Cannot panic (`clamp` needs min ≤ max): by induction over the rows,
                // prev_lo ≤ prev_hi ≤ m (row 0: 0 ≤ hi ≤ m; row i: lo ≤ prev_hi ≤ hi ≤ m), which is
                // also the lo ≤ hi that `push_row` needs.
                let lo = (from.floor().max(0.0) as usize).clamp(prev_lo, prev_hi);
                let hi = (to.ceil().max(0.0) as usize).clamp(prev_hi, m);
                (lo, if i == n { m } else { hi })
            };
            self.band.push_row(lo, hi);
            let cells = self.band.cells();
            self.back.resize(cells, u8::MAX);
            self.fill_row(model, i, false, &mut pass);
        }
        self.last_cost()
    }

    /// Fills row `i` of the Viterbi (and forward) tables from the rows before it.
    ///
    /// Move by move (`Sweep::runs`): for a fixed move and row the predecessor cells
    /// form one contiguous slice of an earlier row, so the inner loop is a straight
    /// sweep with no per-cell band lookups. The 0-1 move stays inside the row and is
    /// applied last, left to right, together with the forward sums.
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
    /// - a run's cells lie in both rows (`Sweep::runs`): its offsets in row i plus its
    ///   length are at most `width`, and those in row r at most `rhi − rlo + 1`, with
    ///   row r stored before `start` = `alpha_before.len()`;
    /// - `k as u8` is lossless (fewer than 255 moves, see `BeadCosts::new`).
    fn fill_row(&mut self, model: &BeadCosts, i: usize, forward: bool, pass: &mut PassScratch) {
        let band = &self.band;
        let bounds = Bounds::whole(band);
        let (lo, hi, start) = band.row(i);
        let width = hi - lo + 1;
        self.visited = self.visited.saturating_add(width);
        let PassScratch { sweep, candidates } = pass;
        sweep.price_row(model, &self.en_sums, i, Direction::Forward, bounds);
        if forward {
            candidates.reset(sweep.slots(), width);
        }
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
        let best = &self.best;
        let store = &mut self.store;
        sweep.runs(model, band, &self.ar_sums, None, |run, costs| {
            let (prev_lo, _, prev_start) = band.row(run.other_row);
            let (here, there) = (run.first - lo, run.other_first - prev_lo);
            let cells = run.count;
            let prev_row = &best[run.other_row % slots];
            let row = row_best[here..here + cells]
                .iter_mut()
                .zip(&mut row_back[here..here + cells])
                .zip(&prev_row[there..there + cells])
                .zip(costs);
            for (((best, back), &prev), &c) in row {
                let total = prev + c;
                if total < *best {
                    *best = total;
                    *back = run.index as u8;
                }
            }
            if forward {
                let out = candidates.run_mut(run.slot, here, cells);
                let prevs = &alpha_before[prev_start + there..prev_start + there + cells];
                for ((o, &prev), &c) in out.iter_mut().zip(prevs).zip(costs) {
                    *o = prev - c;
                }
                // Runs of one English sentence are priced again rather than
                // kept: a row's moves of one English sentence (up to twelve)
                // share one lookup of its words, so pricing one again costs
                // little beyond its lengths, and the store's budget goes to
                // the runs whose lookups are their own.
                if i - run.other_row > 1 {
                    store.record(i, run.index, costs);
                }
            }
        });
        let insert = sweep.insert();
        for x in 0..width {
            if let (Some((k, prior, slot)), true) = (insert, x > 0) {
                let c = model.insert_cost(prior, lo + x);
                let total = row_best[x - 1] + c;
                if total < row_best[x] {
                    row_best[x] = total;
                    row_back[x] = k as u8;
                }
                if forward {
                    candidates.set(slot, x, alpha_rest[x - 1] - c);
                }
            }
            if forward && !(i == 0 && lo + x == 0) {
                alpha_rest[x] = candidates.log_sum(x);
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
    /// crossing two rows is in both, and `viterbi_adaptive` keeps lo ≤ prev_hi); those
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
    /// refit needs. Needs `viterbi(.., true)` first (for α and ln Z). The forward
    /// pass's sweep, mirrored.
    ///
    /// Cannot panic, for the indexing in this pass: `viterbi(.., true)` over this
    /// band came first (see above), so `alpha` has `cells()` ≥ 1 entries, like
    /// `beta`; rows i ≤ n and r = i + a ≤ n exist with lo ≤ hi, so width ≥ 1 and
    /// start + width = start[i + 1] ≤ cells. A run's cells lie in both rows
    /// (`Sweep::runs`), so its offset in row r, counted from the end of row i, is
    /// at least 0 (r > i) and with its length at most `after.len()`; its offsets in
    /// row i with its length at most `width`. `kind_counts` has one entry per move
    /// (`clear`).
    pub(crate) fn backward(&mut self, model: &BeadCosts, mut stats: Option<&mut Stats>) {
        let cells = self.band.cells();
        self.beta.clear();
        self.beta.resize(cells, f64::NEG_INFINITY);
        let band = &self.band;
        let bounds = Bounds::whole(band);
        let (n, m) = (band.n, band.m);
        let log_z = self.alpha[cells - 1];
        if let Some(s) = stats.as_deref_mut() {
            s.clear(model.moves.len());
        }
        let PassScratch {
            mut sweep,
            mut candidates,
        } = PassScratch::new(model);
        for i in (0..=n).rev() {
            let (lo, hi, start) = band.row(i);
            let width = hi - lo + 1;
            self.visited = self.visited.saturating_add(width);
            sweep.price_row(model, &self.en_sums, i, Direction::Backward, bounds);
            candidates.reset(sweep.slots(), width);
            let (row_beta, after) = self.beta[start..].split_at_mut(width);
            let after_start = start + width;
            let row_alpha = &self.alpha[start..start + width];
            if i == n {
                row_beta[width - 1] = 0.0;
            }
            let ar_sums = &self.ar_sums[..];
            let stored = Some(&self.store);
            sweep.runs(model, band, ar_sums, stored, |run, costs| {
                let (next_lo, _, next_start) = band.row(run.other_row);
                let here = run.first - lo;
                let there = next_start + (run.other_first - next_lo) - after_start;
                let out = candidates.run_mut(run.slot, here, run.count);
                let nexts = &after[there..there + run.count];
                for ((o, &next), &c) in out.iter_mut().zip(nexts).zip(costs) {
                    *o = next - c;
                }
                if let Some(s) = stats.as_deref_mut() {
                    let alphas = &row_alpha[here..here + run.count];
                    s.add_run(model, run, out, alphas, ar_sums, log_z);
                }
            });
            let insert = sweep.insert();
            for x in (0..width).rev() {
                if let (Some((k, prior, slot)), true) = (insert, x + 1 < width) {
                    let c = model.insert_cost(prior, lo + x + 1);
                    let y = row_beta[x + 1] - c;
                    candidates.set(slot, x, y);
                    if let Some(s) = stats.as_deref_mut() {
                        let log_p = row_alpha[x] + y - log_z;
                        if log_p > -30.0 {
                            s.kind_counts[k] += fast_exp(log_p);
                        }
                    }
                }
                if !(i == n && lo + x == m) {
                    row_beta[x] = candidates.log_sum(x);
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
        let en = model.en_terms(&self.en_sums, i, mv.a);
        let mv = &Move {
            prior_cost: prior,
            ..*mv
        };
        let cnt = last + 1 - first;
        model.move_costs(mv, &en, &self.ar_sums, (i, first), &mut out[..cnt], None);
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
        let log_p = a - c + b - log_z;
        // NaN (∞ − ∞) only comes from a degenerate model under which no path has a
        // finite cost: report no posterior rather than a score outside [0, 1].
        let p = if log_p.is_nan() {
            0.0
        } else {
            log_p.exp().clamp(0.0, 1.0)
        };
        (c, p)
    }
}

#[cfg(test)]
mod tests {
    use super::super::model::Params;
    use super::*;

    /// In a band whose row r ends before column b (here rows 0 and 1 keep columns
    /// 0..=3, around a path that starts with two 1-0 beads), the backward pass must
    /// leave out the 1-4 beads from row 0, which cannot land in row 1: β(0, 0) then
    /// equals ln Z.
    #[test]
    fn backward_agrees_with_forward_where_beads_overshoot_a_row() {
        let (en, ar) = ([54, 32, 13], [3, 6, 1, 47, 35, 47]);
        let params = Params::estimate(4, &en, &ar);
        let mut lat = Lattice::default();
        lat.set_lengths(&en, &ar);
        lat.band
            .around_path(&[(0, 0), (1, 0), (2, 0), (3, 6)], 3, 6, 3);
        assert_eq!(lat.band.row(1), (0, 3, 4));
        let model = BeadCosts::new(&params, &lat.ar_sums);
        let (_, log_z) = lat.viterbi(&model, true);
        lat.backward(&model, None);
        assert!(
            (lat.beta[0] - log_z).abs() < 1e-5,
            "β(0, 0) = {} but ln Z = {log_z}",
            lat.beta[0]
        );
    }

    #[test]
    fn a_beam_holds_the_cells_within_its_slack() {
        let row = [5.0, f64::INFINITY, 3.0, f64::NAN, 4.5, 9.0];
        let beam = |slack| Beam {
            slack,
            reach: 8,
            per_row: 64,
        };
        assert_eq!(beam(2.0).held(&row, 3.0, 2), (0, 4));
        assert_eq!(beam(1.5).held(&row, 3.0, 2), (2, 4));
        assert_eq!(beam(1.0).held(&row, 3.0, 2), (2, 2));
        // A row of no finite cost holds its cheapest cell alone.
        let lost = [f64::INFINITY, f64::NAN, f64::INFINITY];
        assert_eq!(beam(1e9).held(&lost, f64::INFINITY, 0), (0, 0));
    }

    /// With no slack, or a reach below the plain half-width, the beam's band is
    /// the plain band, row by row, and so is the path's cost; with slack it holds
    /// more cells, never more than its reach either side.
    #[test]
    fn a_beam_keeps_the_plain_band_and_opens_up_to_its_reach() {
        let mut x = 7u64;
        let mut next = |lo: usize, span: u64| {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            lo + ((x >> 33) % span) as usize
        };
        let en: Vec<usize> = (0..400).map(|_| next(10, 150)).collect();
        let ar: Vec<usize> = en.iter().map(|&l| l * 3 / 5 + next(0, 20)).collect();
        let params = Params::estimate(3, &en, &ar);
        let mut lat = Lattice::default();
        lat.set_lengths(&en, &ar);
        let model = BeadCosts::new(&params, &lat.ar_sums);
        let plain = lat.viterbi_adaptive(&model, 8, None);
        let rows: Vec<_> = (0..=en.len()).map(|i| lat.band.row(i)).collect();
        let beam = Beam {
            slack: 0.0,
            reach: 8,
            per_row: 1 << 20,
        };
        let beamed = lat.viterbi_adaptive(&model, 8, Some(beam));
        assert_eq!(plain, beamed);
        assert!((0..=en.len()).all(|i| lat.band.row(i) == rows[i]));
        // A beam with slack opens the band over unsure rows.
        let wide = Beam {
            slack: 50.0,
            reach: 64,
            per_row: 1 << 20,
        };
        lat.viterbi_adaptive(&model, 8, Some(wide));
        let width = |r: (usize, usize, usize)| r.1 - r.0 + 1;
        let cells: usize = (0..=en.len()).map(|i| width(lat.band.row(i))).sum();
        let plain_cells: usize = rows.iter().map(|&r| width(r)).sum();
        assert!(cells > plain_cells, "{cells} cells against {plain_cells}");
        // Where every cell is held, no row but the last (which runs to the end)
        // passes the reach either side of a fractional centre.
        let all = Beam {
            slack: f64::INFINITY,
            reach: 64,
            per_row: 1 << 20,
        };
        lat.viterbi_adaptive(&model, 8, Some(all));
        let widest = (0..en.len()).map(|i| width(lat.band.row(i))).max();
        assert!(widest.is_some_and(|c| c <= 2 * 64 + 2), "{widest:?}");
        let all_cells = lat.band.cells();
        // With a budget a row, the rows together stay within it.
        let budgeted = Beam { per_row: 40, ..all };
        lat.viterbi_adaptive(&model, 8, Some(budgeted));
        let cells = lat.band.cells();
        assert!(cells <= (en.len() + 1 + 64) * 40, "{cells} cells");
        assert!(cells > plain_cells && cells < all_cells, "{cells} cells");
        // A reach below the plain half-width leaves the plain band as it is.
        let short = Beam {
            slack: 0.0,
            reach: 2,
            per_row: 1 << 20,
        };
        assert_eq!(lat.viterbi_adaptive(&model, 8, Some(short)), plain);
        assert!((0..=en.len()).all(|i| lat.band.row(i) == rows[i]));
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
