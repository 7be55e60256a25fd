//! `ln Z⁰`, the prior mass of a structure's rectangle of units: the divisor of
//! the evidence `Z_S / Z⁰_S` that `structure::choose_structure` weighs.
//!
//! Small rectangles are filled whole. A larger one is filled in a band around
//! its diagonal, in linear time and memory: under the bead priors a path is a
//! random walk whose steps have a variance of about one unit, so the paths that
//! leave a band of half-width `w` carry a share of the mass that shrinks like
//! `e^(−n·π²σ²/8w²)` per row rather than growing with the page. The band's
//! mass falls short of the whole by that confinement cost, a fraction of a nat
//! per hundred rows at the width used here: small beside the evidence of a page
//! that long, which grows by about a nat a line.

use crate::align::BeadKind;

/// `ln Z⁰`: the log of the summed prior weight of every bead sequence that covers
/// the English units with match costs `en` and the Arabic units with costs `ar`
/// (`Z⁰(i, j) = Σ_k P(k)·e^(−match costs of the bead)·Z⁰(i − a_k, j − b_k)`,
/// `Z⁰(0, 0) = 1`): exact up to [`EXACT_CELLS`], on the band of half-width
/// [`MASS_BAND`] around the diagonal beyond.
pub(super) fn ln_prior_mass(priors: &[(BeadKind, f64)], en: &[f64], ar: &[f64]) -> f64 {
    let cells = (en.len() + 1).saturating_mul(ar.len() + 1);
    if cells <= EXACT_CELLS {
        exact(priors, en, ar)
    } else {
        banded(priors, en, ar, MASS_BAND)
    }
}

/// Largest rectangle filled whole: `O(cells · kinds)` time, pages up to about
/// 200 lines a side (the size
/// [`AlignerBuilder::exact_up_to`](crate::AlignerBuilder::exact_up_to) searches
/// whole by default).
const EXACT_CELLS: usize = 40_000;

/// Half-width of the band beyond [`EXACT_CELLS`], in units of the shorter side
/// around the diagonal of each row of the longer.
const MASS_BAND: usize = 48;

/// The kinds with a positive prior, as `(English size, Arabic size, prior)`.
fn kinds(priors: &[(BeadKind, f64)]) -> Vec<(usize, usize, f64)> {
    priors
        .iter()
        .filter(|(k, p)| *p > 0.0 && (k.en > 0 || k.ar > 0))
        .map(|(k, p)| (k.en, k.ar, *p))
        .collect()
}

/// The whole rectangle, in logs.
fn exact(priors: &[(BeadKind, f64)], en: &[f64], ar: &[f64]) -> f64 {
    let (n, m) = (en.len(), ar.len());
    let prefix = |xs: &[f64]| -> Vec<f64> {
        std::iter::once(0.0)
            .chain(xs.iter().scan(0.0, |acc, x| {
                *acc += x;
                Some(*acc)
            }))
            .collect()
    };
    let (pe, pa) = (prefix(en), prefix(ar));
    let kinds: Vec<(usize, usize, f64)> = kinds(priors)
        .into_iter()
        .map(|(a, b, p)| (a, b, p.ln()))
        .collect();
    let mut ln = vec![f64::NEG_INFINITY; (n + 1) * (m + 1)];
    let mut terms: Vec<f64> = Vec::with_capacity(kinds.len());
    for i in 0..=n {
        for j in 0..=m {
            if i == 0 && j == 0 {
                ln[0] = 0.0;
                continue;
            }
            terms.clear();
            // Cannot panic: a ≤ i ≤ n and b ≤ j ≤ m, so every index below lies in
            // `ln` (row-major, m + 1 columns) and in the prefix sums.
            for &(a, b, lp) in &kinds {
                if a <= i && b <= j {
                    let matched = if a > 0 && b > 0 {
                        (pe[i] - pe[i - a]) + (pa[j] - pa[j - b])
                    } else {
                        0.0
                    };
                    terms.push(ln[(i - a) * (m + 1) + (j - b)] + lp - matched);
                }
            }
            let best = terms.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            ln[i * (m + 1) + j] = if best == f64::NEG_INFINITY {
                best
            } else {
                best + terms.iter().map(|x| (x - best).exp()).sum::<f64>().ln()
            };
        }
    }
    ln.last().copied().unwrap_or(f64::NEG_INFINITY)
}

/// One row of the band: its first column, its values (scaled so that the
/// largest is one) and the log of that scale.
#[derive(Clone, Default)]
struct Row {
    lo: usize,
    z: Vec<f64>,
    ln_scale: f64,
}

impl Row {
    fn at(&self, j: usize) -> f64 {
        j.checked_sub(self.lo)
            .and_then(|k| self.z.get(k))
            .copied()
            .unwrap_or(0.0)
    }
}

/// The rectangle in a band of half-width `w` around its diagonal, in linear
/// values rescaled row by row: no logarithm or exponential per cell, and the
/// last rows alone kept. The prior mass is the same with the sides swapped
/// (and every kind with them), so the rows run along the longer side.
fn banded(priors: &[(BeadKind, f64)], en: &[f64], ar: &[f64], w: usize) -> f64 {
    let mut kinds = kinds(priors);
    // Rows along the longer side: a row then spans at most `2w + 3` cells, whose
    // values a row's one scale holds without underflow.
    let (en, ar) = if ar.len() > en.len() {
        kinds.iter_mut().for_each(|k| (k.0, k.1) = (k.1, k.0));
        (ar, en)
    } else {
        (en, ar)
    };
    let (n, m) = (en.len(), ar.len());
    let reach = kinds.iter().map(|k| k.0).max().unwrap_or(0);
    let within: Vec<(usize, usize, f64)> = kinds.iter().copied().filter(|k| k.0 == 0).collect();
    let widest = kinds.iter().map(|k| k.1).max().unwrap_or(0);
    let mut ar_products: Vec<f64> = Vec::new();
    let ar_factor: Vec<f64> = ar.iter().map(|c| (-c).exp()).collect();
    let en_factor: Vec<f64> = en.iter().map(|c| (-c).exp()).collect();
    // Row `i` spans the diagonal from row `i − 1` to row `i + 1`, widened by `w`:
    // every bead that ends in the row starts in a row the band holds too.
    let span = |i: usize| -> (usize, usize) {
        if n == 0 {
            return (0, m);
        }
        let at = |r: f64| r * m as f64 / n as f64;
        let lo = (at(i as f64 - 1.0).floor().max(0.0) as usize).saturating_sub(w);
        let hi = (at(i as f64 + 1.0).ceil() as usize)
            .saturating_add(w)
            .min(m);
        (lo.min(m), hi)
    };
    // rows[r % (reach + 1)] holds row r.
    let mut rows: Vec<Row> = vec![Row::default(); reach + 1];
    // Per English size `a`: the scale of row `i − a` relative to row `i − 1`'s,
    // bare and times the match factor of English units `i − a .. i`.
    let mut bare = vec![0.0; reach + 1];
    let mut matched = vec![0.0; reach + 1];
    for i in 0..=n {
        let (lo, hi) = span(i);
        let prev_scale = match i.checked_sub(1) {
            Some(p) => rows.get(p % (reach + 1)).map_or(0.0, |r| r.ln_scale),
            None => 0.0,
        };
        let mut en_product = 1.0;
        for a in 1..=reach.min(i) {
            let row = rows.get((i - a) % (reach + 1)).map_or(0.0, |r| r.ln_scale);
            en_product *= en_factor.get(i - a).copied().unwrap_or(0.0);
            bare[a] = (row - prev_scale).exp();
            matched[a] = bare[a] * en_product;
        }
        let mut z = vec![0.0; hi + 1 - lo];
        if i == 0 {
            if let Some(origin) = z.first_mut() {
                *origin = 1.0;
            }
        }
        let width = z.len();
        products_by_size(&mut ar_products, &ar_factor, lo, width, widest);
        // Kind by kind over the row: beads from earlier rows first, then the
        // Arabic-only beads within the row, left to right.
        for &(a, b, p) in kinds.iter().filter(|k| k.0 > 0 && k.0 <= i) {
            let Some(from) = rows.get((i - a) % (reach + 1)) else {
                continue;
            };
            let factor = p * if b == 0 { bare[a] } else { matched[a] };
            let first = lo.max(from.lo + b);
            let (Some(dst), Some(src), Some(products)) = (
                z.get_mut(first - lo..),
                from.z.get(first - b - from.lo..),
                ar_products.get(b * width + (first - lo)..(b + 1) * width),
            ) else {
                continue;
            };
            for ((out, &before), &product) in dst.iter_mut().zip(src).zip(products) {
                *out += factor * product * before;
            }
        }
        for x in 0..z.len() {
            for &(_, b, p) in within.iter().filter(|k| k.1 <= x) {
                z[x] += p * z[x - b];
            }
        }
        let top = z.iter().copied().fold(0.0, f64::max);
        if top <= 0.0 || !top.is_finite() {
            return f64::NEG_INFINITY;
        }
        z.iter_mut().for_each(|x| *x /= top);
        let slot = i % (reach + 1);
        if let Some(row) = rows.get_mut(slot) {
            *row = Row {
                lo,
                z,
                ln_scale: prev_scale + top.ln(),
            };
        }
    }
    let last = rows.get(n % (reach + 1)).cloned().unwrap_or_default();
    last.ln_scale + last.at(m).ln()
}

/// Fills `out` so that `out[b * width + x]`, for `b` up to `widest`, is the
/// product of the match factors `factor` of the `b` units that end at column
/// `lo + x` (zero where there are fewer).
fn products_by_size(out: &mut Vec<f64>, factor: &[f64], lo: usize, width: usize, widest: usize) {
    out.clear();
    out.resize((widest + 1) * width, 1.0);
    for b in 1..=widest {
        let (done, row) = out.split_at_mut(b * width);
        let shorter = done.get((b - 1) * width..).unwrap_or_default();
        for ((x, slot), &part) in row.iter_mut().take(width).enumerate().zip(shorter) {
            *slot = (lo + x)
                .checked_sub(b)
                .and_then(|k| factor.get(k))
                .map_or(0.0, |f| part * f);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn priors() -> Vec<(BeadKind, f64)> {
        [
            ((1, 1), 0.7),
            ((1, 0), 0.08),
            ((0, 1), 0.08),
            ((2, 1), 0.05),
            ((1, 2), 0.05),
            ((2, 2), 0.02),
            ((0, 2), 0.01),
            ((0, 0), 0.02),
        ]
        .iter()
        .map(|&((a, b), p)| (BeadKind::new(a, b), p))
        .collect()
    }

    fn costs(n: usize, seed: usize) -> Vec<f64> {
        (0..n)
            .map(|k| ((k * 7 + seed) % 5) as f64 * 0.4 - 0.5)
            .collect()
    }

    #[test]
    fn band_covering_the_rectangle_is_exact() {
        let (en, ar) = (costs(40, 1), costs(55, 3));
        let (e, b) = (exact(&priors(), &en, &ar), banded(&priors(), &en, &ar, 60));
        assert!((e - b).abs() < 1e-9, "{e} {b}");
    }

    #[test]
    fn narrow_band_loses_little_mass() {
        let (en, ar) = (costs(400, 2), costs(380, 4));
        let e = exact(&priors(), &en, &ar);
        let b = banded(&priors(), &en, &ar, MASS_BAND);
        // The band holds less mass than the whole, and not much less.
        assert!(b <= e + 1e-9 && e - b < 1.0, "{e} {b}");
        let narrower = banded(&priors(), &en, &ar, 4);
        assert!(narrower < b, "{narrower} {b}");
    }

    #[test]
    fn empty_sides_and_lopsided_shapes() {
        assert_eq!(banded(&priors(), &[], &[], 3), 0.0);
        let ar = costs(300, 1);
        let e = exact(&priors(), &[], &ar);
        let b = banded(&priors(), &[], &ar, 3);
        assert!((e - b).abs() < 1e-9, "{e} {b}");
        let en = costs(3, 1);
        let e = exact(&priors(), &en, &ar);
        let b = banded(&priors(), &en, &ar, 3);
        assert!((e - b).abs() < 1e-9, "{e} {b}");
    }
}
