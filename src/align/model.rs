//! The cost model: a bead-kind prior and a length likelihood ratio.

use super::BeadKind;

/// Largest allowed `many_to_one`: one sentence against sixteen.
pub(super) const MANY_TO_ONE_LIMIT: usize = 16;

/// Parameters of the cost model, fitted to each input or fixed.
///
/// A bead puts English sentences of total length `l₁` against Arabic sentences of
/// total length `l₂`. Its cost is the negative log of how much more likely the Arabic
/// lengths are as a translation of the English than as `b` unrelated Arabic sentences:
///
/// ```text
/// cost(a-b) = −ln P(a-b) − ln N(l₂; c·l₁, s²·(l₁+1)) + ln G_b(l₂)     (a, b ≥ 1)
/// cost(1-0) = −ln P(1-0),   cost(0-1) = −ln P(0-1)
/// ```
///
/// `N` is the normal density (Gale and Church's length model; a Student-t with
/// [`tail`](Params::tail) degrees of freedom when set), `c` is
/// [`ratio`](Params::ratio), `s²` is [`variance`](Params::variance), and `G_b` is the
/// density of the sum of `b` Arabic sentence lengths, a gamma distribution with shape
/// `b·k` and scale `θ` fitted to the Arabic side. Every sentence's own length then
/// enters every path once and cancels, so costs of different bead shapes compare
/// fairly and the forward–backward posteriors are probabilities of one model.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct Params {
    /// `c`: expected Arabic length per unit of English length.
    pub ratio: f64,
    /// `s²`: variance of the Arabic length per unit of English length.
    pub variance: f64,
    /// Degrees of freedom of the Student-t length model; `None` for the normal.
    pub tail: Option<f64>,
    /// Shape `k` of the gamma distribution of one Arabic sentence's length.
    pub arabic_shape: f64,
    /// Scale `θ` of that gamma distribution.
    pub arabic_scale: f64,
    /// Prior probability of each bead kind the aligner may use.
    pub priors: Vec<(BeadKind, f64)>,
    /// True when the values were estimated from the input, false for
    /// [`Params::fixed`].
    pub fitted: bool,
    /// Number of EM refits that were kept.
    pub iterations: usize,
}

impl Params {
    /// Parameters estimated from the input in closed form: `c` is the ratio of the two
    /// sides' total lengths, `s² = 2.4·c²`, the priors are the defaults tilted so that
    /// beads take Arabic and English sentences at the rate of the two sentence counts,
    /// and the gamma is fitted to the Arabic lengths by moments.
    ///
    /// These estimators use sums over the whole input, so a few bad beads cannot move
    /// them; the variance scales with `c²` because the spread of Arabic lengths grows
    /// with their scale (over literal translations s²/c² is near 2.4).
    ///
    /// ```
    /// use bitext::{BeadKind, Params};
    /// let p = Params::estimate(4, &[100, 50], &[60, 30]);
    /// assert!((p.ratio - 0.6).abs() < 1e-12);
    /// // A translation of the expected length is cheaper than one twice as long.
    /// let one = BeadKind::new(1, 1);
    /// assert!(p.cost(one, 100, 60) < p.cost(one, 100, 120));
    /// ```
    pub fn estimate(max_bead: usize, en: &[usize], ar: &[usize]) -> Params {
        let te: f64 = en.iter().map(|&x| x as f64).sum();
        let ta: f64 = ar.iter().map(|&x| x as f64).sum();
        let ratio = if te > 0.0 && ta > 0.0 {
            (ta / te).clamp(*RATIO_RANGE.start(), *RATIO_RANGE.end())
        } else {
            DEFAULT_RATIO
        };
        let mut p = Params::fixed(max_bead, ar);
        p.ratio = ratio;
        p.variance = default_variance(ratio);
        p.fitted = true;
        p.priors = default_priors(BeadKind::all(max_bead), count_ratio(en.len(), ar.len()));
        p
    }

    /// Fixed parameters that look at the input only for the Arabic length
    /// distribution (the null model every length is compared with): `c = 0.9`, about
    /// the ratio of undiacritized news Arabic to its English, `s² = 2.4·c²`, and the
    /// default symmetric priors. What [`AlignerBuilder::fit`](crate::AlignerBuilder::fit)`(false)`
    /// uses, for comparison and for inputs known to match these values.
    ///
    /// ```
    /// use bitext::Params;
    /// let p = Params::fixed(4, &[30, 40, 50]);
    /// assert_eq!(p.ratio, 0.9);
    /// assert!(!p.fitted);
    /// ```
    pub fn fixed(max_bead: usize, ar: &[usize]) -> Params {
        let (arabic_shape, arabic_scale) = gamma_shrunk(ar, SENTENCE_SHAPE);
        Params {
            ratio: DEFAULT_RATIO,
            variance: default_variance(DEFAULT_RATIO),
            tail: None,
            arabic_shape,
            arabic_scale,
            priors: default_priors(BeadKind::all(max_bead), None),
            fitted: false,
            iterations: 0,
        }
    }

    /// The same parameters with more bead kinds, all priors set afresh from the
    /// default weights (tilted to the sentence-count ratio when the parameters are
    /// fitted): the many-to-one beads added once the first path shows a need.
    pub(crate) fn with_more_kinds(&self, extra: &[BeadKind], en: usize, ar: usize) -> Params {
        let mut kinds: Vec<BeadKind> = self.priors.iter().map(|(k, _)| *k).collect();
        kinds.extend(
            extra
                .iter()
                .filter(|k| !self.priors.iter().any(|(q, _)| q == *k)),
        );
        let ratio = if self.fitted {
            count_ratio(en, ar)
        } else {
            None
        };
        Params {
            priors: default_priors(kinds, ratio),
            ..self.clone()
        }
    }

    /// The same parameters at length ratio `c`, with the variance that goes with it
    /// (`s² = 2.4·c²`).
    pub(crate) fn at_ratio(&self, c: f64) -> Params {
        Params {
            ratio: c.clamp(*RATIO_RANGE.start(), *RATIO_RANGE.end()),
            variance: default_variance(c),
            ..self.clone()
        }
    }

    /// The same parameters with the bead priors of paragraph-like units of a
    /// scraped page (lines), instead of those of sentences: see [`unit_priors`].
    pub(crate) fn with_unit_priors(&self, max_bead: usize) -> Params {
        Params {
            priors: unit_priors(max_bead),
            ..self.clone()
        }
    }

    /// The same parameters with only the given bead kinds, priors renormalized.
    pub(crate) fn restricted(&self, kinds: &[BeadKind]) -> Params {
        let kept: Vec<(BeadKind, f64)> = self
            .priors
            .iter()
            .filter(|(k, _)| kinds.contains(k))
            .copied()
            .collect();
        let total: f64 = kept.iter().map(|(_, p)| p).sum();
        Params {
            priors: kept.into_iter().map(|(k, p)| (k, p / total)).collect(),
            ..self.clone()
        }
    }

    /// Checks that these parameters define a model: a ratio in the range
    /// [`AlignerBuilder::ratio`](crate::AlignerBuilder::ratio) accepts, a positive finite variance,
    /// gamma shape and scale, a tail of at least one degree of freedom, and priors
    /// that are finite, not negative, not all zero, with no 0-0 kind.
    pub(crate) fn validate(&self) -> crate::error::Result<()> {
        let bad = |name: &'static str, reason: String| {
            Err(crate::error::Error::InvalidConfig { name, reason })
        };
        if !RATIO_RANGE.contains(&self.ratio) {
            return bad(
                "params.ratio",
                format!("{} is not in 0.001..=1000", self.ratio),
            );
        }
        for (name, x, range) in [
            ("params.variance", self.variance, VARIANCE_RANGE),
            ("params.arabic_shape", self.arabic_shape, SHAPE_RANGE),
            ("params.arabic_scale", self.arabic_scale, SCALE_RANGE),
        ] {
            if !range.contains(&x) {
                return bad(
                    name,
                    format!("{x} is not in {:e}..={:e}", range.start(), range.end()),
                );
            }
        }
        if let Some(nu) = self.tail {
            if !TAIL_RANGE.contains(&nu) {
                return bad("params.tail", format!("{nu} is not in 1..=1e6"));
            }
        }
        if let Some((k, p)) = self
            .priors
            .iter()
            .find(|(k, p)| !(0.0..=1.0).contains(p) || (k.en == 0 && k.ar == 0))
        {
            // A prior is a probability: above 1, sums over the kinds (the tilt to
            // the sentence counts, refitting) can overflow to ∞ and then NaN.
            return bad("params.priors", format!("{k} has prior {p}, not in 0..=1"));
        }
        if !self
            .priors
            .iter()
            .any(|(k, p)| *p > 0.0 && k.en.max(k.ar) <= 255)
        {
            return bad("params.priors", "no bead kind has a positive prior".into());
        }
        // The lattice joins every cell to (0, 0) and (n, m) by single insertions and
        // deletions, and steps within a row by one Arabic sentence: 1-0 and 0-1 must be
        // there, and are the only kinds with an empty side.
        if let Some((k, _)) = self
            .priors
            .iter()
            .find(|(k, _)| k.is_unmatched() && k.en.max(k.ar) != 1)
        {
            return bad(
                "params.priors",
                format!("{k}: a kind with an empty side must be 1-0 or 0-1"),
            );
        }
        for kind in [BeadKind::new(1, 0), BeadKind::new(0, 1)] {
            if !self.priors.iter().any(|(k, p)| *k == kind && *p > 0.0) {
                return bad(
                    "params.priors",
                    format!("{kind} needs a positive prior (every model has it)"),
                );
            }
        }
        if let Some((k, _)) = self.priors.iter().find(|(k, _)| k.en.max(k.ar) > 255) {
            return bad(
                "params.priors",
                format!("{k} holds more than 255 sentences"),
            );
        }
        Ok(())
    }

    /// The cost of one bead, as defined above; `f64::INFINITY` for a kind without a
    /// prior. The aligner computes exactly this, faster.
    pub fn cost(&self, kind: BeadKind, en_len: usize, ar_len: usize) -> f64 {
        let prior = self
            .priors
            .iter()
            .find(|(k, _)| *k == kind)
            .map_or(0.0, |(_, p)| *p);
        if prior <= 0.0 {
            return f64::INFINITY;
        }
        let mut cost = -prior.ln();
        if kind.en > 0 && kind.ar > 0 {
            let l1 = en_len as f64;
            let l2 = ar_len as f64;
            let var = self.variance * (l1 + 1.0);
            let d = (l2 - self.ratio * l1) / var.sqrt();
            cost += self.length_cost(d) + 0.5 * var.ln();
            cost += self.arabic_log_density(kind.ar, l2);
        }
        cost
    }

    /// `−ln f(δ)` up to the `½ln σ²` term, for the standardized difference δ.
    #[inline]
    pub(crate) fn length_cost(&self, d: f64) -> f64 {
        match self.tail {
            None => 0.5 * d * d + HALF_LN_2PI,
            Some(nu) => 0.5 * (nu + 1.0) * ln_fast(1.0 + d * d / nu) + t_norm(nu),
        }
    }

    /// The constant term of [`Params::length_cost`].
    pub(crate) fn length_constant(&self) -> f64 {
        match self.tail {
            None => HALF_LN_2PI,
            Some(nu) => t_norm(nu),
        }
    }

    /// `ln G_b(l₂)`: log-density of the total length of `b` Arabic sentences.
    pub(crate) fn arabic_log_density(&self, b: usize, l2: f64) -> f64 {
        self.arabic_density(b).ln_at(l2)
    }

    /// The gamma density of `b` Arabic sentences, with its constants worked out
    /// once: a pass evaluates it at every Arabic position.
    pub(crate) fn arabic_density(&self, b: usize) -> ArabicDensity {
        let k = self.arabic_shape * b as f64;
        let theta = self.arabic_scale;
        ArabicDensity {
            k,
            theta,
            constant: k * theta.ln(),
            ln_gamma_k: ln_gamma(k),
        }
    }
}

/// `G_b` of [`Params::arabic_density`].
pub(crate) struct ArabicDensity {
    k: f64,
    theta: f64,
    constant: f64,
    ln_gamma_k: f64,
}

impl ArabicDensity {
    /// `ln G_b(l₂)`.
    pub(crate) fn ln_at(&self, l2: f64) -> f64 {
        // Empty sentences (blank lines) would put the density at 0 or ∞: measure them
        // as half a character.
        let x = l2.max(0.5);
        (self.k - 1.0) * x.ln() - x / self.theta - self.constant - self.ln_gamma_k
    }
}

const HALF_LN_2PI: f64 = 0.918_938_533_204_672_8;

/// `−ln` of the Student-t normalising constant `Γ((ν+1)/2) / (Γ(ν/2)·√(νπ))`.
fn t_norm(nu: f64) -> f64 {
    -(ln_gamma((nu + 1.0) / 2.0) - ln_gamma(nu / 2.0) - 0.5 * (nu * std::f64::consts::PI).ln())
}

/// The length ratio of [`Params::fixed`].
const DEFAULT_RATIO: f64 = 0.9;

pub(crate) fn default_variance(ratio: f64) -> f64 {
    2.4 * ratio * ratio
}

/// Shape and scale of the gamma distribution of one Arabic sentence's length:
/// the mean of `xs`, and a squared coefficient of variation (`1/shape`) shrunk
/// towards `population_shape`'s by [`NULL_PRIOR_SENTENCES`] sentences' worth. A
/// page of four Arabic lines of nearly equal length would otherwise fit a shape
/// near 100, a null model so narrow that no length could ever look like a
/// translation; a book's own spread outweighs the prior.
pub(crate) fn gamma_shrunk(xs: &[usize], population_shape: f64) -> (f64, f64) {
    let prior_cv2 = 1.0 / population_shape;
    let n = xs.len() as f64;
    let mean = if xs.is_empty() {
        20.0
    } else {
        xs.iter().map(|&x| (x as f64).max(0.5)).sum::<f64>() / n
    };
    let cv2 = if xs.len() < 2 {
        prior_cv2
    } else {
        let var = xs
            .iter()
            .map(|&x| ((x as f64).max(0.5) - mean).powi(2))
            .sum::<f64>()
            / (n - 1.0);
        var / (mean * mean)
    };
    let weight = (n - 1.0).max(0.0);
    let cv2 = (weight * cv2 + NULL_PRIOR_SENTENCES * prior_cv2) / (weight + NULL_PRIOR_SENTENCES);
    let shape = (1.0 / cv2).clamp(0.3, 100.0);
    (shape, (mean / shape).max(1e-3))
}

/// Sentences' worth of the population shape in [`gamma_shrunk`].
const NULL_PRIOR_SENTENCES: f64 = 20.0;

/// Population shape of the gamma distribution of one Arabic sentence's length,
/// without vowel marks: on the development sets' sentence cases the median fitted
/// shape is 4.4 for the Bible and 3.3 for modern prose.
pub(crate) const SENTENCE_SHAPE: f64 = 4.0;

/// The same for the lines of a scraped page, paragraphs and furniture mixed: on
/// the development sets' pages the median fitted shape is 3.5 for Bible pages (a
/// line is a verse) and 1.3 for modern pages.
pub(crate) const LINE_SHAPE: f64 = 2.0;

/// The default priors of `kinds`, tilted to an Arabic/English sentence-count
/// ratio when one is given, normalized to sum to one.
fn default_priors(kinds: Vec<BeadKind>, count_ratio: Option<f64>) -> Vec<(BeadKind, f64)> {
    let mut w: Vec<f64> = kinds.iter().map(|k| default_prior_weight(*k)).collect();
    if let Some(ratio) = count_ratio {
        tilt_to_count_ratio(&kinds, &mut w, ratio);
    }
    normalized(kinds, w)
}

/// Kinds with their weights divided by the weights' sum.
fn normalized(kinds: Vec<BeadKind>, w: Vec<f64>) -> Vec<(BeadKind, f64)> {
    let total: f64 = w.iter().sum();
    kinds
        .into_iter()
        .zip(w)
        .map(|(k, x)| (k, x / total))
        .collect()
}

/// Bead priors for the lines (units) of a scraped page.
///
/// A page's lines are paragraphs, headlines and furniture: a translated paragraph
/// is one line on each side, and furniture (menus, bylines, "Share this") has no
/// counterpart. Population values from the hand-aligned pages of the development
/// sets (Bible and modern prose, 648 English and 652 Arabic lines): 565 one-to-one line pairs, 83 English and 87 Arabic lines unpaired, no
/// paragraph split across lines. So 1-1 takes 0.77 of the mass and 1-0 and 0-1
/// about 0.11 each; a paragraph split into two lines on one side, which those pages
/// lack but other layouts have, keeps the sentence priors' weight relative to 1-1,
/// and so do the larger kinds. Unlike sentence priors these are not tilted to the
/// two sides' line counts: on a page the counts differ by furniture, not by splits.
pub(crate) fn unit_priors(max_bead: usize) -> Vec<(BeadKind, f64)> {
    let kinds = BeadKind::all(max_bead);
    let one = default_prior_weight(BeadKind::new(1, 1));
    let w: Vec<f64> = kinds
        .iter()
        .map(|k| {
            if k.is_unmatched() {
                UNIT_UNMATCHED
            } else {
                UNIT_MATCHED * default_prior_weight(*k) / one
            }
        })
        .collect();
    normalized(kinds, w)
}

/// Prior of a 1-1 line pair, and of each of 1-0 and 0-1, on a page (see
/// [`unit_priors`]).
const UNIT_MATCHED: f64 = 0.77;
const UNIT_UNMATCHED: f64 = 0.115;

/// The share of a page's lines that [`unit_priors`] expects to be translated: the
/// base rate that per-line match costs are relative to.
pub(crate) const UNIT_MATCH_RATE: f64 = UNIT_MATCHED / (UNIT_MATCHED + UNIT_UNMATCHED);

/// Arabic sentences per English one, when both sides have some.
fn count_ratio(en: usize, ar: usize) -> Option<f64> {
    (en > 0 && ar > 0).then(|| ar as f64 / en as f64)
}

/// Length ratios the model works with: beyond these the variance `2.4·c²` leaves
/// the range of a double's useful precision, and no text has an Arabic/English
/// length ratio anywhere near them. Estimates are clamped to it (a long English
/// page with two Arabic words fits 1e-4), and [`AlignerBuilder::ratio`] accepts only it,
/// so a fitted ratio can always be handed back to an aligner.
///
/// [`AlignerBuilder::ratio`]: crate::AlignerBuilder::ratio
pub(crate) const RATIO_RANGE: std::ops::RangeInclusive<f64> = 1e-3..=1e3;

/// Variances [`Params::validate`] accepts: wide of what fitting gives (at least
/// `1e-3·c²` with `c` in [`RATIO_RANGE`], and below `1e9` for units of a billion
/// characters), and narrow enough that a bead's cost stays a finite number far
/// from the range where the lattice's sums lose every digit.
const VARIANCE_RANGE: std::ops::RangeInclusive<f64> = 1e-12..=1e12;

/// Gamma shapes accepted: fitting gives 0.3 to 100 (`gamma_shrunk`). The density
/// of `b` sentences has shape `b·k`; past about 1e15 its terms (`k·ln x`,
/// `ln Γ(k)`) exceed the 53 bits of a double, and their differences are noise
/// that can reach ∞ − ∞ in the passes.
const SHAPE_RANGE: std::ops::RangeInclusive<f64> = 1e-3..=1e4;

/// Gamma scales accepted: fitting gives at least 1e-3 and at most the mean
/// length over 0.3. Below about 1e-15, `x / θ` for a sentence's length is as
/// large as the shape bound's terms.
const SCALE_RANGE: std::ops::RangeInclusive<f64> = 1e-6..=1e12;

/// Student-t degrees of freedom accepted: past a million the density is the
/// normal's to well under the precision of the costs.
pub(crate) const TAIL_RANGE: std::ops::RangeInclusive<f64> = 1.0..=1e6;

/// Unnormalized default prior of a bead kind, symmetric in the two languages.
///
/// 1-1 dominates; each extra sentence on a side divides the weight by about eight, and
/// deletions are rare. This is where fitting starts, and what is used when fitting is
/// off; it is not fitted to any corpus.
fn default_prior_weight(kind: BeadKind) -> f64 {
    // Cannot overflow: the kinds come from `BeadKind::all` (at most 255 a side) and
    // the many-to-one kinds of `with_more_kinds` (at most 8), so they fit an i32, and
    // a − 1, b − 1 are only taken once both are at least 1.
    let (a, b) = (kind.en as i32, kind.ar as i32);
    if a == 0 || b == 0 {
        return 0.01;
    }
    let extra = (a - 1) + (b - 1);
    let unbalanced = (a - b).abs();
    0.8 * 0.125f64.powi(extra) * 2.0f64.powi(extra - unbalanced).min(4.0)
}

/// Tilts the prior weights by `λ^(b−a)` so that beads take Arabic and English
/// sentences at the rate the two counts demand: `Σ p·b / Σ p·a = ratio`.
///
/// Symmetric priors assume one Arabic sentence per English one; where Arabic splits
/// a third of the sentences in two (the Bible: 21,060 Arabic to 15,798 English), a
/// path under untilted priors falls behind on the Arabic side wherever the lengths
/// leave it a choice, and catches up in a burst elsewhere.
fn tilt_to_count_ratio(kinds: &[BeadKind], weights: &mut [f64], ratio: f64) {
    let rate = |log_lambda: f64| {
        let (mut sa, mut sb) = (0.0, 0.0);
        for (k, w) in kinds.iter().zip(weights.iter()) {
            let p = w * (log_lambda * (k.ar as f64 - k.en as f64)).exp();
            sa += p * k.en as f64;
            sb += p * k.ar as f64;
        }
        sb / sa
    };
    let (mut lo, mut hi) = (-6.0f64, 6.0f64);
    if !(rate(lo) < ratio && ratio < rate(hi)) {
        return;
    }
    for _ in 0..60 {
        let mid = 0.5 * (lo + hi);
        if rate(mid) < ratio {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    let l = 0.5 * (lo + hi);
    for (k, w) in kinds.iter().zip(weights.iter_mut()) {
        *w *= (l * (k.ar as f64 - k.en as f64)).exp();
    }
}

/// `ln x` for `1 ≤ x < 2^1023`, to about 1e-10 absolute error, in straight-line code
/// that the compiler can vectorize (libm's `ln` is a call per element and halved the
/// aligner's speed with the Student-t model): `x = 2^e·m` with `m ∈ [1, 2)`, and
/// `ln m = 2·atanh((m−1)/(m+1))` by its odd series to the 11th power, with `m`
/// brought into `[1/√2, √2]`.
#[inline]
pub(crate) fn ln_fast(x: f64) -> f64 {
    // Split x into 2^e·m with m in [1/√2, √2), without a branch: subtracting the
    // bits of 1/√2 moves the exponent boundary to 1/√2 (the trick of fdlibm's log).
    const HALF_SQRT2_BITS: u64 = 0x3fe6_a09e_667f_3bcd;
    let u = x.to_bits().wrapping_sub(HALF_SQRT2_BITS);
    let e = ((u as i64) >> 52) as f64;
    let m = f64::from_bits((u & 0x000f_ffff_ffff_ffff).wrapping_add(HALF_SQRT2_BITS));
    let t = (m - 1.0) / (m + 1.0);
    let t2 = t * t;
    let series = t
        * (2.0
            + t2 * (2.0 / 3.0
                + t2 * (2.0 / 5.0 + t2 * (2.0 / 7.0 + t2 * (2.0 / 9.0 + t2 * (2.0 / 11.0))))));
    e * std::f64::consts::LN_2 + series
}

/// `ln Γ(x)` for `x > 0`: Stirling's series after shifting `x` above 8.
pub(crate) fn ln_gamma(mut x: f64) -> f64 {
    if !(x > 0.0 && x.is_finite()) {
        // Outside the domain (reachable through `Params`' public fields): no loop.
        return f64::NAN;
    }
    let mut shift = 0.0;
    while x < 8.0 {
        shift -= x.ln();
        x += 1.0;
    }
    let x2 = x * x;
    shift + (x - 0.5) * x.ln() - x + HALF_LN_2PI + 1.0 / (12.0 * x) - 1.0 / (360.0 * x * x2)
        + 1.0 / (1260.0 * x * x2 * x2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ln_gamma_matches_factorials() {
        let mut fact = 1.0f64;
        for n in 1..20 {
            // Γ(n) = (n−1)!
            assert!((ln_gamma(n as f64) - fact.ln()).abs() < 1e-9, "n = {n}");
            fact *= n as f64;
        }
        assert!((ln_gamma(0.5) - std::f64::consts::PI.sqrt().ln()).abs() < 1e-9);
    }

    #[test]
    fn ln_fast_is_accurate() {
        let mut x = 1.0f64;
        while x < 1e30 {
            let (a, b) = (ln_fast(x), x.ln());
            assert!(
                (a - b).abs() <= 1e-10 * b.abs().max(1.0),
                "x = {x}: {a} vs {b}"
            );
            x *= 1.0137;
        }
    }

    #[test]
    fn default_priors_sum_to_one_and_favour_one_to_one() {
        let p = Params::estimate(4, &[10], &[10]);
        let sum: f64 = p.priors.iter().map(|(_, w)| w).sum();
        assert!((sum - 1.0).abs() < 1e-12);
        let one = p
            .priors
            .iter()
            .find(|(k, _)| *k == BeadKind::new(1, 1))
            .unwrap()
            .1;
        assert!(p.priors.iter().all(|(_, w)| *w <= one));
    }

    #[test]
    fn student_t_has_heavier_tails_than_normal() {
        let mut p = Params::estimate(2, &[10, 10], &[10, 12]);
        let normal_far = p.length_cost(6.0) - p.length_cost(0.0);
        p.tail = Some(4.0);
        let t_far = p.length_cost(6.0) - p.length_cost(0.0);
        assert!(t_far < normal_far / 2.0, "{t_far} vs {normal_far}");
    }

    #[test]
    fn priors_follow_the_sentence_count_ratio() {
        let p = Params::estimate(4, &[10; 300], &[7; 400]);
        let (mut sa, mut sb) = (0.0, 0.0);
        for (k, w) in &p.priors {
            sa += w * k.en as f64;
            sb += w * k.ar as f64;
        }
        assert!((sb / sa - 4.0 / 3.0).abs() < 1e-6, "{}", sb / sa);
        let get = |a, b| {
            p.priors
                .iter()
                .find(|(k, _)| *k == BeadKind::new(a, b))
                .unwrap()
                .1
        };
        assert!(get(1, 2) > get(2, 1));
    }

    #[test]
    fn gamma_fit_recovers_mean() {
        let xs = [10, 20, 30, 40, 50];
        let (k, theta) = gamma_shrunk(&xs, SENTENCE_SHAPE);
        assert!((k * theta - 30.0).abs() < 1e-9);
        // Four nearly equal lengths do not make a near-degenerate null model.
        let (k, _) = gamma_shrunk(&[39, 40, 39, 41], SENTENCE_SHAPE);
        assert!(k < 10.0, "{k}");
        // Thousands of lengths speak for themselves.
        let many: Vec<usize> = (0..5000).map(|i| 30 + i % 3).collect();
        let (k, _) = gamma_shrunk(&many, SENTENCE_SHAPE);
        assert!(k > 90.0, "{k}");
    }
}
