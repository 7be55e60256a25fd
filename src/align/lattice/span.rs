//! Posteriors of stretches of the path: the probability that the path runs from one
//! point to another without passing a given set of points between them, for beads
//! reported over units that hold several sentences (`grain`).
//!
//! # Method
//!
//! After the scoring pass's forward and backward passes, `α(p)` and `β(p)` are known on
//! the band. For two points `s` and `t`, the forward recursion is redone over the band's
//! cells inside the rectangle `s`–`t`, starting from `α(s)` and leaving out the excluded
//! points; its value at `t` times `e^β(t) / Z` is the posterior. The recursion is the
//! passes' own band sweep and log-add, bounded to the rectangle; its values are kept
//! for the rectangle's cells only, so the cost is that of the band's cells inside
//! the rectangle: over the beads of a path, whose rectangles share only their
//! corners, one more forward pass in all, however wide the band's rows.

use super::super::costs::BeadCosts;
use super::sweep::{Bounds, Candidates, Direction, Sweep};
use super::Lattice;

/// Reusable buffers of [`Lattice::span_posterior`], for one model.
#[derive(Debug, Clone)]
pub(crate) struct SpanScratch {
    sweep: Sweep,
    candidates: Candidates,
    /// Forward values of the rectangle's cells, row after row.
    values: Vec<f64>,
    /// Where each row of the rectangle starts in `values`, its first column and
    /// its width (0 for a row with no cell of the band inside).
    rows: Vec<(usize, usize, usize)>,
    /// Cells swept so far.
    pub(crate) visited: usize,
}

impl SpanScratch {
    pub(crate) fn new(model: &BeadCosts) -> SpanScratch {
        SpanScratch {
            sweep: Sweep::new(model),
            candidates: Candidates::default(),
            values: Vec::new(),
            rows: Vec::new(),
            visited: 0,
        }
    }
}

impl Lattice {
    /// Posterior probability that the path runs from `from` to `to` (both on the band)
    /// without passing any point between them that `cut` accepts: the forward
    /// recursion of the scoring pass redone over the band's cells inside the
    /// rectangle `from`–`to` from `α(from)`, with the points `cut` accepts left out,
    /// and closed with `β(to)`. `None` when a corner is off the band or `to` is not
    /// after `from`. `scratch` must be made for `model`.
    ///
    /// Cannot panic: a run's cells lie in the rectangle (`Sweep::runs` with its
    /// bounds), in a row laid out in `values` before the current one, with a cell
    /// inside; `to`, on the band, is the last cell of the last row, so `values`
    /// is not empty.
    pub(crate) fn span_posterior(
        &self,
        model: &BeadCosts,
        (from, to): ((usize, usize), (usize, usize)),
        cut: impl Fn(usize, usize) -> bool,
        scratch: &mut SpanScratch,
    ) -> Option<f64> {
        let ((i0, j0), (i1, j1)) = (from, to);
        if i1 < i0 || j1 < j0 {
            return None;
        }
        let (first, last) = (self.band.index(i0, j0)?, self.band.index(i1, j1)?);
        let (start, end) = (*self.alpha.get(first)?, *self.beta.get(last)?);
        let log_z = *self.alpha.last()?;
        let bounds = Bounds {
            rows: (i0, i1),
            columns: (j0, j1),
        };
        let SpanScratch {
            sweep,
            candidates,
            values,
            rows,
            visited,
        } = scratch;
        rows.clear();
        let mut cells = 0;
        for i in i0..=i1 {
            let (lo, width) = bounds
                .clip((self.band.lo[i], self.band.hi[i]))
                .map_or((0, 0), |(lo, hi)| (lo, hi - lo + 1));
            rows.push((cells, lo, width));
            cells += width;
        }
        *visited = visited.saturating_add(cells);
        values.clear();
        values.resize(cells, f64::NEG_INFINITY);
        for i in i0..=i1 {
            let (row_start, lo, width) = rows[i - i0];
            if width == 0 {
                continue;
            }
            sweep.price_row(model, &self.en_sums, i, Direction::Forward, bounds);
            candidates.reset(sweep.slots(), width);
            let (before, row) = values.split_at_mut(row_start);
            let row = &mut row[..width];
            let runs = |run: &super::sweep::Run, costs: &[f64]| {
                let (prev_start, prev_lo, _) = rows[run.other_row - i0];
                let prev = prev_start + run.other_first - prev_lo;
                let out = candidates.run_mut(run.slot, run.first - lo, run.count);
                let prevs = &before[prev..prev + run.count];
                for ((o, &p), &c) in out.iter_mut().zip(prevs).zip(costs) {
                    *o = p - c;
                }
            };
            sweep.runs(model, &self.band, &self.ar_sums, self.stored(), runs);
            // The 0-1 move reads the column before, already complete: each column is
            // finished, and left out where it must be, before the next reads it.
            let insert = sweep.insert();
            for x in 0..width {
                if let (Some((_, prior, slot)), true) = (insert, x > 0) {
                    let c = model.insert_cost(prior, lo + x);
                    candidates.set(slot, x, row[x - 1] - c);
                }
                let j = lo + x;
                row[x] = if (i, j) == from {
                    start
                } else if (i, j) != to && cut(i, j) {
                    f64::NEG_INFINITY
                } else {
                    candidates.log_sum(x)
                };
            }
        }
        let log_p = values[cells - 1] + end - log_z;
        Some(if log_p.is_nan() {
            0.0
        } else {
            log_p.exp().clamp(0.0, 1.0)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::super::super::model::Params;
    use super::*;

    /// Every monotone path through `(0, 0)` … `(n, m)` of `model`'s moves, with its
    /// points and its cost.
    fn all_paths(
        lat: &Lattice,
        model: &BeadCosts,
        at: (usize, usize),
        path: &mut Vec<(usize, usize)>,
        cost: f64,
        out: &mut Vec<(Vec<(usize, usize)>, f64)>,
    ) {
        if at == (lat.n(), lat.m()) {
            out.push((path.clone(), cost));
            return;
        }
        for (k, mv) in model.moves.iter().enumerate() {
            let next = (at.0 + mv.a, at.1 + mv.b);
            if next.0 > lat.n() || next.1 > lat.m() {
                continue;
            }
            let c = lat.move_cost(model, k, next.0, next.1);
            if c.is_finite() {
                path.push(next);
                all_paths(lat, model, next, path, cost + c, out);
                path.pop();
            }
        }
    }

    /// The posterior of a span without cut points between its ends, worked out
    /// inside its rectangle, equals the share of all paths (enumerated) that run
    /// from one end to the other with no cut point between.
    #[test]
    fn span_posterior_agrees_with_enumerating_the_paths() {
        let (en, ar) = ([30, 12, 41, 25], [22, 9, 18, 30, 14]);
        let params = Params::estimate(3, &en, &ar);
        let mut lat = Lattice::default();
        lat.set_lengths(&en, &ar);
        lat.band.full(4, 5);
        let model = BeadCosts::new(&params, &lat.ar_sums);
        let (_, log_z) = lat.viterbi(&model, true);
        lat.backward(&model, None);
        let mut paths = Vec::new();
        all_paths(&lat, &model, (0, 0), &mut vec![(0, 0)], 0.0, &mut paths);
        let z: f64 = paths.iter().map(|(_, c)| (-c).exp()).sum();
        assert!((z.ln() - log_z).abs() < 1e-6, "{} vs {log_z}", z.ln());
        // Cut points: English rows 0, 2, 4 against Arabic columns 0, 3, 5.
        let cut = |i: usize, j: usize| i % 2 == 0 && matches!(j, 0 | 3 | 5);
        for (from, to) in [
            ((0, 0), (2, 3)),
            ((2, 3), (4, 5)),
            ((0, 0), (4, 5)),
            ((0, 0), (2, 0)),
        ] {
            let want: f64 = paths
                .iter()
                .filter(|(p, _)| {
                    let (Some(a), Some(b)) = (
                        p.iter().position(|&q| q == from),
                        p.iter().position(|&q| q == to),
                    ) else {
                        return false;
                    };
                    a < b && p[a + 1..b].iter().all(|&(i, j)| !cut(i, j))
                })
                .map(|(_, c)| (-c).exp())
                .sum::<f64>()
                / z;
            let got = lat
                .span_posterior(&model, (from, to), cut, &mut SpanScratch::new(&model))
                .unwrap();
            assert!(want > 1e-9, "{from:?}–{to:?}: no path");
            assert!(
                (got - want).abs() < 1e-6,
                "{from:?}–{to:?}: {got} vs {want}"
            );
        }
        assert!(lat
            .span_posterior(&model, ((2, 3), (0, 0)), cut, &mut SpanScratch::new(&model))
            .is_none());
    }
}
