//! Rates along the text: the length ratio and the sentence-count ratio estimated in
//! windows along a course through the lattice, instead of once for the whole input.
//!
//! # Model
//!
//! A book need not keep one rhythm: one part may be translated paragraph by paragraph
//! (five English sentences to an Arabic line) and the next sentence by sentence, and the
//! character ratio drifts between parts too. Priors tilted to the global count ratio
//! then favour the wrong bead shapes everywhere, and a ratio fitted to the whole input
//! misjudges every long bead of a part whose ratio differs. Here, for each block of
//! [`BLOCK`] English rows, a window of about `2·`[`WINDOW`] English sentences around it
//! along a course `j(i)` (a path, or the diagonal of the cumulative lengths) gives
//!
//! - the count ratio `r = Δj / Δi`, and the priors become `p_k·μ^(b−a) / Z` with `μ`
//!   chosen so that `Σ p·b / Σ p·a = r` (the global tilt of [`super::Params::estimate`],
//!   redone locally on top of whatever priors the parameters hold; 1-0 and 0-1 keep
//!   `p_k / Z`);
//! - the length ratio `c = Δ(Arabic length) / Δ(English length)`, with the global
//!   variance scaled by `(c / c_global)²`.
//!
//! Both are shrunk towards the global values by a few sentences' worth of pseudo-counts,
//! and clamped to a factor of the global values, so an empty or odd window cannot
//! produce a degenerate model. A bead kind whose local prior falls below `e^−MAX_PRIOR_COST`
//! is not searched in that block: long one-to-many shapes cost only where the text has
//! them.
//!
//! # Complexity
//!
//! `O(n)` time and memory for `n` English sentences: one window per block of rows and a
//! bisection (30 steps over the at most 33 distinct values of `b − a`) once per count
//! ratio rounded to 0.5%.

use super::model::{default_variance, RATIO_RANGE};
use super::Params;

/// English rows that share one set of local rates.
pub(crate) const BLOCK: usize = 16;

/// Half-width of a rate window, in English sentences.
pub(crate) const WINDOW: usize = 96;

/// Pseudo-counts (English sentences) of the global count ratio in each window.
const PRIOR_ROWS: f64 = 8.0;

/// Count ratios are rounded to steps of `1/TILT_STEPS` in their logarithm.
const TILT_STEPS: f64 = 200.0;

/// Most that a local ratio (of either kind) may differ from the global one, as a factor.
const MAX_FACTOR: f64 = 8.0;

/// Bead kinds (other than 1-1, 1-0 and 0-1) whose local prior cost exceeds this are
/// not searched where it does: `e^−10` is about one bead in 22,000.
pub(crate) const MAX_PRIOR_COST: f64 = 10.0;

/// The same for the quick first pass, which only needs the course: `e^−7` is about one
/// bead in a thousand.
pub(crate) const QUICK_MAX_PRIOR_COST: f64 = 7.0;

/// Local rates, per block of [`BLOCK`] English rows of the input, for the bead kinds
/// of one set of parameters (in the order of their priors, which is the order of a
/// model's moves).
#[derive(Debug, Clone, Default)]
pub(crate) struct LocalRates {
    /// Length ratio `c` of each block.
    ratio: Vec<f64>,
    /// `s²` of each block.
    variance: Vec<f64>,
    /// Bead kinds per block.
    kinds: usize,
    /// Prior cost of each kind in each block (`blocks × kinds`), `None` where the
    /// kind is not searched.
    prior: Vec<Option<f64>>,
    /// The most sentences on either side of a kind searched in each block.
    reach: Vec<usize>,
}

/// What a pass needs to know about one row.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RowRates {
    pub(crate) ratio: f64,
    pub(crate) variance: f64,
}

impl LocalRates {
    /// Rates along `course`, the Arabic position (fractional) of every English row
    /// `0..=n` (`course.len() = en_sums.len()`, non-decreasing, from 0 to `m`), with the
    /// prefix sums of both sides' lengths.
    pub(crate) fn along(
        course: &[f64],
        en_sums: &[f64],
        ar_sums: &[f64],
        params: &Params,
        max_prior_cost: f64,
    ) -> LocalRates {
        let n = en_sums.len().saturating_sub(1);
        let m = ar_sums.len().saturating_sub(1);
        let global_count = if n > 0 && m > 0 {
            m as f64 / n as f64
        } else {
            1.0
        };
        let tilt = Tilt::new(params);
        // Tilts by count ratio, rounded to a step of 0.5%: neighbouring blocks mostly
        // share one, and solving is most of this function's cost otherwise.
        let mut tilts: std::collections::HashMap<i64, (f64, f64)> = Default::default();
        let blocks = n / BLOCK + 1;
        let mut out = LocalRates {
            ratio: Vec::with_capacity(blocks),
            variance: Vec::with_capacity(blocks),
            kinds: params.priors.len(),
            prior: Vec::with_capacity(blocks * params.priors.len()),
            reach: Vec::with_capacity(blocks),
        };
        for b in 0..blocks {
            let centre = (b * BLOCK + BLOCK / 2).min(n);
            // A window of 2·WINDOW rows where the text has them, moved inside it at
            // the ends.
            let span = (2 * WINDOW).min(n);
            let lo = centre.saturating_sub(WINDOW).min(n - span);
            let hi = lo + span;
            let (j0, j1) = (course[lo], course[hi]);
            let di = (hi - lo) as f64;
            let count = ((j1 - j0) + PRIOR_ROWS * global_count) / (di + PRIOR_ROWS);
            let count = count.clamp(global_count / MAX_FACTOR, global_count * MAX_FACTOR);
            let le = en_sums[hi] - en_sums[lo];
            let la = interpolate(ar_sums, j1) - interpolate(ar_sums, j0);
            let mean_len = if n > 0 { en_sums[n] / n as f64 } else { 1.0 };
            // Shrunk towards the global ratio by PRIOR_ROWS sentences' worth of length.
            let prior_len = PRIOR_ROWS * mean_len.max(1.0);
            let ratio = ((la + params.ratio * prior_len) / (le + prior_len))
                .clamp(params.ratio / MAX_FACTOR, params.ratio * MAX_FACTOR)
                .clamp(*RATIO_RANGE.start(), *RATIO_RANGE.end());
            let key = (count.ln() * TILT_STEPS).round() as i64;
            let (ln_mu, ln_z) = *tilts
                .entry(key)
                .or_insert_with(|| tilt.solve((key as f64 / TILT_STEPS).exp()));
            out.ratio.push(ratio);
            // The global variance keeps its own relation to the global ratio (fixed or
            // estimated); locally it scales with c² as `default_variance` does.
            out.variance
                .push(params.variance * default_variance(ratio) / default_variance(params.ratio));
            let mut reach = 1;
            for (k, p) in &params.priors {
                // Unmatched kinds are not tilted (see `Tilt`).
                let d = if k.is_unmatched() {
                    0.0
                } else {
                    k.en as f64 - k.ar as f64
                };
                let cost = -p.ln() + ln_z + ln_mu * d;
                let core = k.en <= 1 && k.ar <= 1;
                let kept = (core || cost <= max_prior_cost).then_some(cost);
                if kept.is_some() {
                    reach = reach.max(k.en.max(k.ar));
                }
                out.prior.push(kept);
            }
            out.reach.push(reach);
        }
        out
    }

    /// The block of input row `i` (rows past the last block get the last one).
    #[inline]
    fn block(&self, i: usize) -> usize {
        (i / BLOCK).min(self.ratio.len().saturating_sub(1))
    }

    /// Prior cost of kind `k` (index into the parameters' priors) for beads ending
    /// at input row `i`, or `None` where it is not searched.
    #[inline]
    pub(crate) fn prior(&self, k: usize, i: usize) -> Option<f64> {
        self.prior
            .get(self.block(i) * self.kinds + k)
            .copied()
            .flatten()
    }

    /// The most sentences on either side of a kind searched at input row `i`.
    #[inline]
    pub(crate) fn reach(&self, i: usize) -> usize {
        self.reach.get(self.block(i)).copied().unwrap_or(1)
    }

    /// The most sentences of a kind searched anywhere.
    pub(crate) fn max_reach(&self) -> usize {
        self.reach.iter().copied().max().unwrap_or(1)
    }

    /// The rates of input row `i` (rows past the last block get the last block's).
    #[inline]
    pub(crate) fn at(&self, i: usize) -> RowRates {
        let b = self.block(i);
        // Cannot panic: `along` pushes at least one block (n / BLOCK + 1 ≥ 1) to each
        // vector, and `b` is at most the last index.
        RowRates {
            ratio: self.ratio[b],
            variance: self.variance[b],
        }
    }
}

/// The diagonal of the cumulative lengths: for every English row `i`, the (fractional)
/// Arabic position whose prefix length is `c·` the English prefix length. A course
/// that needs no search: its offset from the true path drifts with the local length
/// ratio, but its slope over a window follows the text's rhythm.
pub(crate) fn length_diagonal(en_sums: &[f64], ar_sums: &[f64], ratio: f64) -> Vec<f64> {
    let m = ar_sums.len().saturating_sub(1);
    let (te, ta) = (
        en_sums.last().copied().unwrap_or(0.0),
        ar_sums.last().copied().unwrap_or(0.0),
    );
    // Scaled so that the course ends at (n, m) whatever the ratio.
    let scale = if te > 0.0 && ta > 0.0 { ta / te } else { ratio };
    let mut out = Vec::with_capacity(en_sums.len());
    let mut j = 0;
    for &x in en_sums {
        out.push(arabic_position(ar_sums, &mut j, m, x * scale).min(m as f64));
    }
    if let Some(last) = out.last_mut() {
        *last = m as f64;
    }
    out
}

/// The fractional Arabic position at which the Arabic prefix length reaches
/// `target`, searched on from sentence `*j` (left at the sentence the position
/// falls in) and never past `end`: courses ask for targets in increasing order,
/// so one pass over the sums serves a whole course. Callers pass `*j ≤ end`
/// and `end < ar_sums.len()`.
pub(super) fn arabic_position(ar_sums: &[f64], j: &mut usize, end: usize, target: f64) -> f64 {
    while *j < end && ar_sums[*j + 1] < target {
        *j += 1;
    }
    // ar_sums[j] < target ≤ ar_sums[j + 1] (or the end): the fractional position between.
    let j = *j;
    if j < end && ar_sums[j + 1] > ar_sums[j] {
        j as f64 + ((target - ar_sums[j]) / (ar_sums[j + 1] - ar_sums[j])).clamp(0.0, 1.0)
    } else {
        j as f64
    }
}

/// The course of a path of bead end points: every English row's Arabic position,
/// interpolated linearly inside beads.
pub(crate) fn path_course(path: &[(usize, usize, u8)], n: usize) -> Vec<f64> {
    let mut out = vec![0.0; n + 1];
    for w in path.windows(2) {
        let ((i0, j0, _), (i1, j1, _)) = (w[0], w[1]);
        for (d, slot) in out.iter_mut().enumerate().take(i1.min(n) + 1).skip(i0) {
            let t = if i1 > i0 {
                (d - i0) as f64 / (i1 - i0) as f64
            } else {
                1.0
            };
            *slot = j0 as f64 + t * (j1 as f64 - j0 as f64);
        }
    }
    out
}

/// Prefix length at a fractional position.
fn interpolate(ar_sums: &[f64], x: f64) -> f64 {
    let m = ar_sums.len().saturating_sub(1);
    let j = (x.max(0.0).floor() as usize).min(m);
    let t = x - j as f64;
    match ar_sums.get(j + 1) {
        Some(&next) => ar_sums[j] + t * (next - ar_sums[j]),
        None => ar_sums.get(j).copied().unwrap_or(0.0),
    }
}

/// The priors grouped by `d = b − a`: Σp·a and Σp·b per group, so that a tilt's
/// rate costs one term per group.
struct Tilt {
    groups: Vec<(f64, f64, f64, f64)>,
}

impl Tilt {
    fn new(params: &Params) -> Tilt {
        let mut groups: Vec<(f64, f64, f64, f64)> = Vec::new();
        for (k, p) in &params.priors {
            // Unmatched sentences are not tilted: the count ratio says how sentences
            // group into beads, not how often one is left out (tilting 0-1 made
            // skipping Arabic sentences cheap wherever they are many).
            let d = if k.is_unmatched() {
                0.0
            } else {
                k.ar as f64 - k.en as f64
            };
            match groups.iter_mut().find(|g| g.0 == d) {
                Some(g) => {
                    g.1 += p * k.en as f64;
                    g.2 += p * k.ar as f64;
                    g.3 += p;
                }
                None => groups.push((d, p * k.en as f64, p * k.ar as f64, *p)),
            }
        }
        Tilt { groups }
    }

    /// `(ln μ, ln Z)` that tilt the priors from the global count ratio to `target`.
    /// The priors already have the rate they have (the global one for fitted
    /// parameters); the tilt is relative to them, and 0 when nothing can reach `target`.
    fn solve(&self, target: f64) -> (f64, f64) {
        // `d` is a whole number: one `exp` per evaluation, powers for the rest.
        let rate = |l: f64| {
            let e = l.exp();
            let (mut sa, mut sb) = (0.0, 0.0);
            for &(d, ar_sums, pb, _) in &self.groups {
                let w = e.powi(d as i32);
                sa += w * ar_sums;
                sb += w * pb;
            }
            sb / sa
        };
        let (mut lo, mut hi) = (-8.0f64, 8.0f64);
        if !(rate(lo) < target && target < rate(hi)) {
            return (0.0, 0.0);
        }
        // 30 halvings of 16 leave ln μ within 2e-8.
        for _ in 0..30 {
            let mid = 0.5 * (lo + hi);
            if rate(mid) < target {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        let l = 0.5 * (lo + hi);
        let z: f64 = self
            .groups
            .iter()
            .map(|&(d, _, _, p)| p * (l * d).exp())
            .sum();
        (l, z.ln())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::BeadKind;

    #[test]
    fn local_tilt_reaches_the_local_count_ratio() {
        let p = Params::estimate(4, &[10; 300], &[7; 300]);
        let t = Tilt::new(&p);
        // No tilt reaches 0.2 with beads of at most 4-1: none is applied.
        assert_eq!(t.solve(0.2), (0.0, 0.0));
        for target in [0.3, 0.7, 1.0, 1.5, 3.0] {
            let (l, z) = t.solve(target);
            let (mut sa, mut sb, mut total) = (0.0, 0.0, 0.0);
            for (k, w) in &p.priors {
                let d = if k.is_unmatched() {
                    0.0
                } else {
                    k.ar as f64 - k.en as f64
                };
                let q = w * (l * d).exp() / z.exp();
                sa += q * k.en as f64;
                sb += q * k.ar as f64;
                total += q;
            }
            assert!((total - 1.0).abs() < 1e-9, "{total}");
            assert!((sb / sa - target).abs() < 1e-6, "{} vs {target}", sb / sa);
        }
    }

    #[test]
    fn rates_follow_a_change_of_rhythm() {
        // 1,000 English sentences: the first half one Arabic sentence each, the second
        // half one Arabic sentence per five English ones.
        let en = vec![50usize; 1000];
        let mut ar = vec![30usize; 500];
        ar.extend(vec![150usize; 100]);
        let p = Params::estimate(4, &en, &ar).with_more_kinds(
            &[BeadKind::new(5, 1), BeadKind::new(6, 1)],
            en.len(),
            ar.len(),
        );
        let prefix = |xs: &[usize]| {
            let mut sums = vec![0.0];
            for &x in xs {
                sums.push(sums[sums.len() - 1] + x as f64);
            }
            sums
        };
        let (en_sums, ar_sums) = (prefix(&en), prefix(&ar));
        let course = length_diagonal(&en_sums, &ar_sums, p.ratio);
        let rates = LocalRates::along(&course, &en_sums, &ar_sums, &p, MAX_PRIOR_COST);
        let kind = |a, b| {
            p.priors
                .iter()
                .position(|(k, _)| *k == BeadKind::new(a, b))
                .unwrap()
        };
        // 5-1 is far cheaper late than early, and 1-2 the other way round.
        let (early, late) = (100, 900);
        let cost = |a, b, i| rates.prior(kind(a, b), i).unwrap_or(f64::INFINITY);
        assert!(cost(5, 1, late) + 3.0 < cost(5, 1, early));
        assert!(cost(1, 2, early) + 3.0 < cost(1, 2, late));
        assert!(cost(5, 1, late) < cost(1, 2, late));
        assert!(rates.reach(late) >= 5);
        assert!((rates.at(early).ratio - 0.6).abs() < 0.05);
    }
}
