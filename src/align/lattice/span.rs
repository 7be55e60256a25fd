//! Posteriors of stretches of the path: the probability that the path runs from one
//! point to another without passing a given set of points between them, for beads
//! reported over units that hold several sentences (`grain`).
//!
//! # Method
//!
//! After the scoring pass's forward and backward passes, `α(p)` and `β(p)` are known on
//! the band. For two points `s` and `t`, the forward recursion is redone over the band's
//! cells inside the rectangle `s`–`t`, starting from `α(s)` and leaving out the excluded
//! points; its value at `t` times `e^β(t) / Z` is the posterior. The cost is that of the
//! forward pass over the band's rows `s`–`t`: over the beads of a path, which share only
//! their corners, one more forward pass in all.

use super::super::costs::BeadCosts;
use super::Lattice;

impl Lattice {
    /// Posterior probability that the path runs from `from` to `to` (both on the band)
    /// without passing any point between them that `cut` accepts: the forward
    /// recursion of the scoring pass redone over the band's cells inside the
    /// rectangle `from`–`to` from `α(from)`, with the points `cut` accepts left out,
    /// and closed with `β(to)`. `None` when a corner is off the band or `to` is not
    /// after `from`. `buf` is scratch.
    pub(crate) fn span_posterior(
        &self,
        model: &BeadCosts,
        (from, to): ((usize, usize), (usize, usize)),
        cut: impl Fn(usize, usize) -> bool,
        buf: &mut Vec<f64>,
    ) -> Option<f64> {
        let ((i0, j0), (i1, j1)) = (from, to);
        if i1 < i0 || j1 < j0 {
            return None;
        }
        let (first, last) = (self.band.index(i0, j0)?, self.band.index(i1, j1)?);
        let (start, end) = (*self.alpha.get(first)?, *self.beta.get(last)?);
        let log_z = *self.alpha.last()?;
        // Forward values of the band's cells from row i0 to row i1 (indexed as the
        // band is, from the start of row i0), then one row of move costs.
        let base = self.band.start[i0];
        let cells = last + 1 - base;
        let widest = (i0..=i1)
            .map(|i| self.band.hi[i] - self.band.lo[i] + 1)
            .max()?;
        buf.clear();
        buf.resize(cells + widest, f64::NEG_INFINITY);
        let (fwd, costs) = buf.split_at_mut(cells);
        // The one move within a row (0-1: `Params::validate` makes it the only kind
        // with no English sentence), as the passes take it.
        let insert = model.moves.iter().position(|mv| mv.a == 0);
        let add = |acc: &mut f64, x: f64| {
            *acc = if *acc == f64::NEG_INFINITY {
                x
            } else {
                acc.max(x) + (-(*acc - x).abs()).exp().ln_1p()
            };
        };
        for i in i0..=i1 {
            let (lo, hi, row_start) = self.band.row(i);
            // This row's cells inside the rectangle, columns jl..=jh.
            let (jl, jh) = (lo.max(j0), hi.min(j1));
            if jl > jh {
                continue;
            }
            let at = |j: usize| row_start + (j - lo) - base;
            // Moves from earlier rows, a row of Arabic ends at a time (the English
            // terms depend on the row and the move only).
            for (k, mv) in model.moves.iter().enumerate() {
                if mv.a == 0 || mv.a > i - i0 {
                    continue;
                }
                let (rlo, rhi, r_start) = self.band.row(i - mv.a);
                // Ends j whose start j − b lies in row i − a's cells of the rectangle.
                let (first_j, last_j) = (jl.max(rlo.max(j0) + mv.b), jh.min(rhi.min(j1) + mv.b));
                if first_j > last_j {
                    continue;
                }
                let Some(cnt) = self.row_costs(model, k, i, first_j, last_j, costs) else {
                    continue;
                };
                let prev0 = r_start + (first_j - mv.b - rlo) - base;
                let here0 = at(first_j);
                for (x, &c) in costs[..cnt].iter().enumerate() {
                    let p = fwd[prev0 + x];
                    if p != f64::NEG_INFINITY && c.is_finite() {
                        add(&mut fwd[here0 + x], p - c);
                    }
                }
            }
            // The 0-1 move reads the column before, already complete: each column is
            // finished, and left out where it must be, before the next reads it.
            let in_row = insert.and_then(|k| {
                let mv = &model.moves[k];
                (jl + mv.b <= jh).then(|| {
                    self.row_costs(model, k, i, jl + mv.b, jh, costs)
                        .map(|cnt| (mv.b, cnt))
                })?
            });
            for j in jl..=jh {
                let x = at(j);
                if let Some((b, cnt)) = in_row {
                    if j >= jl + b && j - jl - b < cnt {
                        let (p, c) = (fwd[x - b], costs[j - jl - b]);
                        if p != f64::NEG_INFINITY && c.is_finite() {
                            add(&mut fwd[x], p - c);
                        }
                    }
                }
                if (i, j) == from {
                    fwd[x] = start;
                } else if (i, j) != to && cut(i, j) {
                    fwd[x] = f64::NEG_INFINITY;
                }
            }
        }
        let lp = fwd[cells - 1] + end - log_z;
        Some(if lp.is_nan() {
            0.0
        } else {
            lp.exp().clamp(0.0, 1.0)
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
        let model = BeadCosts::new(&params, &lat.pa);
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
                .span_posterior(&model, (from, to), cut, &mut Vec::new())
                .unwrap();
            assert!(want > 1e-9, "{from:?}–{to:?}: no path");
            assert!(
                (got - want).abs() < 1e-6,
                "{from:?}–{to:?}: {got} vs {want}"
            );
        }
        assert!(lat
            .span_posterior(&model, ((2, 3), (0, 0)), cut, &mut Vec::new())
            .is_none());
    }
}
