//! The band sweep that every pass shares: for one row, the beads of each searched
//! move between that row and the rows it links to, priced a move at a time over a
//! contiguous run of cells; and the one log-add that sums a cell's candidates.

use super::super::band::Band;
use super::super::costs::{BeadCosts, EnTerm, Move, SharedLookups};
use super::store::CostStore;

/// Which way a sweep links rows: forward to the rows above (the beads ending in a
/// row), backward to the rows below (the beads starting in it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Direction {
    Forward,
    Backward,
}

/// The part of the lattice a sweep covers, rows and columns inclusive: the whole
/// band for the passes, the rectangle between two path points for a span
/// posterior. A bead is swept only when both its ends lie inside.
#[derive(Debug, Clone, Copy)]
pub(super) struct Bounds {
    pub(super) rows: (usize, usize),
    pub(super) columns: (usize, usize),
}

impl Bounds {
    /// The whole of `band`'s lattice.
    pub(super) fn whole(band: &Band) -> Bounds {
        Bounds {
            rows: (0, band.n),
            columns: (0, band.m),
        }
    }

    /// Columns of row `(lo, hi)` of the band that lie inside, or `None`.
    pub(super) fn clip(&self, (lo, hi): (usize, usize)) -> Option<(usize, usize)> {
        let (first, last) = (lo.max(self.columns.0), hi.min(self.columns.1));
        (first <= last).then_some((first, last))
    }
}

/// One move's beads out of a row: the cells of columns `first..first + count` of
/// the swept row, each linked to a cell of row `other_row`, from column
/// `other_first` on, by move `index` with the row's English terms `en`.
#[derive(Debug, Clone, Copy)]
pub(super) struct Run {
    pub(super) index: usize,
    /// The move's row of candidates in a pass that sums over moves.
    pub(super) slot: usize,
    pub(super) b: usize,
    pub(super) en: EnTerm,
    pub(super) first: usize,
    pub(super) count: usize,
    pub(super) other_row: usize,
    pub(super) other_first: usize,
}

/// Scratch of a sweep: the English terms of the row, the moves it prices, and one
/// row of bead costs.
#[derive(Debug, Clone)]
pub(super) struct Sweep {
    /// The English terms of the beads of each size `a` (slot `a`) of the row.
    en: Vec<EnTerm>,
    /// Whether a move priced in the row has `a` English sentences (slot `a`):
    /// only those sizes' terms are computed.
    sizes: Vec<bool>,
    /// Per move: its prior cost for the row and its slot among the priced moves,
    /// or `None` where the move is not searched there.
    priced: Vec<Option<(f64, usize)>>,
    /// How many moves are priced in the row.
    slots: usize,
    costs: Vec<f64>,
    /// The row's anchor and lexical lookups, shared by its moves.
    shared: SharedLookups,
    /// The one move within a row (0-1: `Params::validate` makes it the only kind
    /// with no English sentence).
    insert: Option<usize>,
    /// The row last priced, which way and within what.
    row: usize,
    direction: Direction,
    bounds: Bounds,
}

impl Sweep {
    pub(super) fn new(model: &BeadCosts) -> Sweep {
        Sweep {
            en: vec![EnTerm::default(); model.a_max.max(1) + 1],
            sizes: vec![false; model.a_max.max(1) + 1],
            priced: Vec::with_capacity(model.moves.len()),
            slots: 0,
            costs: Vec::new(),
            shared: SharedLookups::default(),
            insert: model.moves.iter().position(|mv| mv.a == 0),
            row: 0,
            direction: Direction::Forward,
            bounds: Bounds {
                rows: (0, 0),
                columns: (0, 0),
            },
        }
    }

    /// Prices the moves of row `i` (their priors at the row where their beads end)
    /// whose other end lies inside `bounds`, and loads the English terms they need.
    pub(super) fn price_row(
        &mut self,
        model: &BeadCosts,
        en_sums: &[f64],
        i: usize,
        direction: Direction,
        bounds: Bounds,
    ) {
        (self.row, self.direction, self.bounds) = (i, direction, bounds);
        self.shared.clear();
        self.priced.clear();
        self.slots = 0;
        self.sizes.fill(false);
        for (k, mv) in model.moves.iter().enumerate() {
            let end_row = if mv.a == 0 {
                (Some(k) == self.insert).then_some(i)
            } else {
                match direction {
                    Direction::Forward => (mv.a <= i - bounds.rows.0).then_some(i),
                    Direction::Backward => (i + mv.a <= bounds.rows.1).then_some(i + mv.a),
                }
            };
            let prior = end_row.and_then(|end| model.move_prior(k, end));
            if prior.is_some() {
                // Cannot panic: `sizes` has a slot for every a ≤ a_max.
                self.sizes[mv.a] = true;
            }
            self.priced.push(prior.map(|p| {
                self.slots += 1;
                (p, self.slots - 1)
            }));
        }
        // Cannot panic: a ≤ i − rows.0 ≤ i forward, i + a ≤ rows.1 ≤ n backward,
        // as `en_terms` needs; `en` has a slot for every a ≤ a_max.
        for ((a, term), _) in self
            .en
            .iter_mut()
            .enumerate()
            .zip(&self.sizes)
            .skip(1)
            .filter(|(_, &priced)| priced)
        {
            match direction {
                Direction::Forward if a <= i - bounds.rows.0 => {
                    *term = model.en_terms(en_sums, i, a);
                }
                Direction::Backward if i + a <= bounds.rows.1 => {
                    *term = model.en_terms(en_sums, i + a, a);
                }
                _ => {}
            }
        }
    }

    /// How many moves the last `price_row` priced: the rows of a candidate table.
    pub(super) fn slots(&self) -> usize {
        self.slots
    }

    /// The move within the row, where priced: its index, its prior (a bead's cost
    /// is `BeadCosts::insert_cost` of it) and its slot.
    pub(super) fn insert(&self) -> Option<(usize, f64, usize)> {
        let k = self.insert?;
        self.priced[k].map(|(cost, slot)| (k, cost, slot))
    }

    /// Calls `visit` with each priced move's run of beads out of the row last
    /// priced (`price_row`, which sets the row, the direction and the bounds) and
    /// their costs, move by move; the move within the row
    /// is left to the caller, which applies it column by column.
    ///
    /// With `stored` (the costs the forward pass over the same band and model
    /// kept), each run's costs are read from there instead of priced again: the
    /// backward pass's runs and those of a span's rectangle are stretches of the
    /// forward pass's.
    ///
    /// Cannot panic: rows i and the other row exist (`price_row` keeps the other
    /// row inside `bounds`, whose rows are the band's), each with lo ≤ hi ≤ m.
    /// Forward, the run's cells j satisfy j − b ≥ the other row's first column;
    /// backward, j + b ≤ its last ≤ m: the beads lie in the lattice, as
    /// `move_costs` needs, and `costs` is grown to the run.
    pub(super) fn runs(
        &mut self,
        model: &BeadCosts,
        band: &Band,
        ar_sums: &[f64],
        stored: Option<&CostStore>,
        mut visit: impl FnMut(&Run, &[f64]),
    ) {
        let (i, direction, bounds) = (self.row, self.direction, self.bounds);
        let Some((lo, hi)) = bounds.clip((band.lo[i], band.hi[i])) else {
            return;
        };
        for (k, mv) in model.moves.iter().enumerate() {
            let (true, Some((prior, slot))) = (mv.a > 0, self.priced[k]) else {
                continue;
            };
            let other_row = match direction {
                Direction::Forward => i - mv.a,
                Direction::Backward => i + mv.a,
            };
            let Some((other_lo, other_hi)) = bounds.clip((band.lo[other_row], band.hi[other_row]))
            else {
                continue;
            };
            // The cells j of this row whose other end j ∓ b lies in the other row.
            let (first, last) = match direction {
                Direction::Forward => (lo.max(other_lo + mv.b), hi.min(other_hi + mv.b)),
                Direction::Backward => {
                    let Some(top) = other_hi.checked_sub(mv.b) else {
                        continue;
                    };
                    (lo.max(other_lo.saturating_sub(mv.b)), hi.min(top))
                }
            };
            if first > last {
                continue;
            }
            let count = last - first + 1;
            let en = self.en[mv.a];
            let priced = Move {
                prior_cost: prior,
                ..*mv
            };
            let (end_row, end_first, other_first) = match direction {
                Direction::Forward => (i, first, first - mv.b),
                Direction::Backward => (other_row, first + mv.b, first + mv.b),
            };
            // The run's beads are a stretch of the forward pass's run of the same
            // move into their end row over the whole band (see `CostStore`),
            // which covers end columns `whole.0..=whole.1`.
            let start_row = match direction {
                Direction::Forward => other_row,
                Direction::Backward => i,
            };
            let kept = stored.and_then(|s| {
                let whole = (
                    band.lo[end_row].max(band.lo[start_row] + mv.b),
                    band.hi[end_row].min(band.hi[start_row] + mv.b),
                );
                let offset = end_first.checked_sub(whole.0)?;
                let len = whole.1.checked_sub(whole.0)? + 1;
                (offset + count <= len).then(|| s.run(end_row, k, offset, count))?
            });
            let costs: &[f64] = match kept {
                Some(costs) => costs,
                None => {
                    if self.costs.len() < count {
                        self.costs.resize(count, 0.0);
                    }
                    let costs = &mut self.costs[..count];
                    // The beads of the row's moves with this English count
                    // start in the band's row `start_row` and end in `end_row`:
                    // their Arabic sentences lie in `lo..hi` of those rows (the
                    // lookup's end, like a run's, is one past the last end
                    // column, a sentence more than any bead spans).
                    let reach = (band.lo[start_row], band.hi[end_row] + 1);
                    model.move_costs(
                        &priced,
                        &en,
                        ar_sums,
                        (end_row, end_first),
                        costs,
                        Some(self.shared.reaching(reach)),
                    );
                    costs
                }
            };
            let run = Run {
                index: k,
                slot,
                b: mv.b,
                en,
                first,
                count,
                other_row,
                other_first,
            };
            visit(&run, costs);
        }
    }
}

/// A table of candidates: one row of `width` values per priced move, the terms
/// whose log-sum is a cell's forward or backward value.
#[derive(Debug, Clone, Default)]
pub(super) struct Candidates {
    values: Vec<f64>,
    width: usize,
}

impl Candidates {
    /// Sizes the table to `slots` rows of `width` (at least 1), all −∞.
    pub(super) fn reset(&mut self, slots: usize, width: usize) {
        self.width = width;
        self.values.clear();
        self.values.resize(slots * width, f64::NEG_INFINITY);
    }

    /// Columns `first..first + len` of row `slot`.
    pub(super) fn run_mut(&mut self, slot: usize, first: usize, len: usize) -> &mut [f64] {
        let at = slot * self.width + first;
        &mut self.values[at..at + len]
    }

    pub(super) fn set(&mut self, slot: usize, x: usize, value: f64) {
        self.values[slot * self.width + x] = value;
    }

    /// `ln Σ eˣ` over column `x` (−∞ where no move reaches the cell): the one
    /// log-add of the lattice.
    #[inline]
    pub(super) fn log_sum(&self, x: usize) -> f64 {
        // The column's values, one per row of `width`: `chunks_exact` walks
        // them without the per-step checks of a stepped iterator.
        let column = || self.values.chunks_exact(self.width).map(|row| row[x]);
        let top = column().fold(f64::NEG_INFINITY, f64::max);
        if top == f64::NEG_INFINITY {
            return top;
        }
        // Terms below e^-25 of the largest change the sum by less than the error of
        // `fast_exp`: skipping their exp saves much of the pass's time.
        let floor = top - 25.0;
        let sum: f64 = column()
            .filter(|&v| v > floor)
            .map(|v| super::fast_exp(v - top))
            .sum();
        top + sum.ln()
    }
}
