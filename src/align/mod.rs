//! Sentence alignment: a banded Gale–Church style dynamic programme whose length
//! ratio, variance and bead priors are estimated from each input.
//!
//! # Model
//!
//! An alignment is a sequence of *beads*, each putting `a` consecutive English
//! sentences against `b` consecutive Arabic ones (1-1, 1-2, 2-1, …, 1-0 and 0-1 for
//! sentences with no counterpart). Its cost is the sum of bead costs
//!
//! ```text
//! cost(a-b) = −ln P(a-b) − ln t_ν(l₂; c·l₁, s²·(l₁+1)) + ln G_b(l₂)    (a, b ≥ 1)
//! cost(1-0) = −ln P(1-0),   cost(0-1) = −ln P(0-1)
//! ```
//!
//! where `l₁`, `l₂` are the bead's total English and Arabic lengths (Unicode scalar
//! values without whitespace, vowel marks, tatweel or invisible controls: see
//! [`measure_len`]), `t_ν` a Student-t density with
//! ν = 4 (or the normal of Gale and Church, *A Program for Aligning Sentences in
//! Bilingual Corpora*, Computational Linguistics 19(1), 1993), `c` the expected length
//! ratio, `s²` its variance per unit length, and `G_b` the gamma density of the total
//! length of `b` unrelated Arabic sentences. The last term makes each bead's length
//! part a likelihood ratio against "these sentences are unrelated", so beads of
//! different shapes compare fairly and forward–backward yields posteriors (see
//! [`Params`]). The aligner returns the path of least total cost.
//!
//! [`Aligner::align`], which sees the text, adds an anchor term to beads with both
//! sides: minus the log-likelihood ratio of the beads' lexical anchors (numbers,
//! Latin words, name skeletons, question marks, … see [`crate::anchors`]) matching
//! or not, against chance near that position, fitted on the first path (see
//! [`Aligner::anchors`]). Beads up to 1-12 and 12-1 join when the input calls for
//! them ([`Aligner::many_to_one`]).
//!
//! # Estimation
//!
//! No constant ratio suits Arabic: measured over 1-1 translations it is 0.59 for
//! vocalized Bible text once the marks are removed, 0.98 with them, 0.48 for the
//! Quran and about 0.92 for news. By default `c`, `s²` and the priors start from
//! closed-form estimates from sums over the whole input ([`Params::estimate`]): the ratio of the
//! two sides' total lengths, `s² = 2.4·c²`, and priors tilted so that beads consume
//! the two languages' sentences at the rate of their counts. Sums are robust: a few
//! bad beads cannot move them. [`Aligner::max_refits`] adds expectation–maximisation
//! over the posteriors of a sample of the banded lattice (maximum a posteriori, with
//! the closed-form values as the prior; each refit kept only if the sample's
//! likelihood does not drop): the start values are population values (the variance
//! per unit of `c²` and the bead priors), so the input moves them only as far as its
//! evidence carries. [`Aligner::fit`]`(false)` uses fixed
//! values instead ([`Params::fixed`]).
//!
//! # Rates along the text
//!
//! Input of 1,000 sentences or more need not keep one rhythm (part translated
//! paragraph by paragraph, part sentence by sentence), and one global count ratio then
//! tilts the priors the wrong way everywhere. There the aligner also estimates, per
//! block of 16 English rows and over a window of about 192 English sentences along a
//! course, the local count ratio (the priors are re-tilted to it on top of
//! [`Params::priors`]; 1-0 and 0-1 are not tilted) and the local length ratio `c`
//! (with `s² ∝ c²`), both shrunk towards the global values. Bead kinds whose local
//! prior is below `e^−10` are not searched in that block, so the one-to-many kinds up
//! to [`Aligner::many_to_one`] cost only where the text has them. The quick pass takes
//! its rates along the diagonal of the cumulative lengths (no search needed); the full
//! model takes them along the quick path. [`Alignment::params`] holds the global
//! values; the local ones are not returned.
//!
//! # Band and complexity
//!
//! Lattices of up to 40,000 cells (about 200 sentences a side,
//! [`Aligner::exact_up_to`]) are searched whole: the result is exactly the
//! programme's optimum. Larger ones are banded. A quick pass with seven bead kinds
//! (plus, with rates along the text, the one-to-many kinds whose local prior is at
//! least `e^−7`) and the normal model runs in a band that follows the cheapest cell of
//! each row (`w ≥ 32` cells on each side), doubled while its path touches the band's
//! edge. The full model then searches `w` cells ([`Aligner::band`], widened at each
//! row to the longest kind searched there) on each side of that
//! path; where its path comes within a bead's size of the band's edge or leaves
//! the quick path's beads, a window around the spot is re-solved in its
//! own lattice with a band that grows until the path keeps clear. This is a strong
//! heuristic, not a proof: on 23,300 random near-parallel inputs the banded search
//! found the optimum every time, but fuzzing finds rare inputs (runs of one- to
//! five-letter sentences) whose optimum takes a far course at nearly the same cost,
//! and on lengths that no translation produced about one input in a hundred gets a
//! costlier path. All growth stops at a budget of
//! 64 cells per sentence, so time and memory are `O((n + m) · w · K)` for `n` English
//! and `m` Arabic sentences and `K` bead kinds: linear in the document. The Viterbi
//! passes keep costs for the last rows a bead can span only and one byte of back-pointer
//! per cell. Buffers live in the [`Aligner`] and are reused across calls.
//!
//! # Scores
//!
//! A bead's [`score`](Bead::score) is its posterior probability under the fitted model,
//! `P(bead | lengths, anchors) = α(start) · e^(−cost) · β(end) / Z`, from the forward–backward
//! pass inside the band.

mod anchor;
mod dp;
mod local;
mod model;
mod parallelism;

use std::fmt;
use std::ops::Range;
use std::sync::Arc;

use crate::normalize::measure_len;
use crate::{AnchorKind, Error, Parallelism, Result};
use anchor::{AnchorInput, AnchorTable};
pub(crate) use dp::MatchCosts;
use dp::{Band, Lattice, Model, Stats};
use local::LocalRates;
pub use model::Params;
pub(crate) use model::{gamma_shrunk, LINE_SHAPE, UNIT_MATCH_RATE};

/// The shape of a bead: how many English and how many Arabic sentences it holds.
///
/// Displays and serializes as `"en-ar"`, e.g. `"1-2"`.
///
/// ```
/// use bitext::BeadKind;
/// let k = BeadKind::new(1, 2);
/// assert_eq!(k.to_string(), "1-2");
/// assert_eq!("1-2".parse::<BeadKind>(), Ok(k));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(into = "String", try_from = "String"))]
pub struct BeadKind {
    /// Number of English sentences.
    pub en: usize,
    /// Number of Arabic sentences.
    pub ar: usize,
}

impl BeadKind {
    /// A bead of `en` English and `ar` Arabic sentences.
    pub const fn new(en: usize, ar: usize) -> Self {
        BeadKind { en, ar }
    }

    /// All kinds with at most `max` sentences a side: 1-0, 0-1 and every `a-b` with
    /// `1 ≤ a, b ≤ max`. Insertions and deletions stay single: a run of untranslated
    /// sentences is a run of 1-0 beads. Their number grows with `max²`, so `max` is
    /// capped at 255.
    pub fn all(max: usize) -> Vec<BeadKind> {
        let max = max.min(255);
        // Sized once: every alignment builds this list (a million small ones for a
        // page of a million lines), and growing it push by push was 2% of their time.
        let mut kinds = Vec::with_capacity(2 + max * max);
        kinds.extend([BeadKind::new(1, 0), BeadKind::new(0, 1)]);
        for a in 1..=max {
            for b in 1..=max {
                kinds.push(BeadKind::new(a, b));
            }
        }
        kinds
    }

    /// True for 1-0 and 0-1: a sentence with no counterpart.
    pub const fn is_unmatched(&self) -> bool {
        self.en == 0 || self.ar == 0
    }
}

impl fmt::Display for BeadKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.en, self.ar)
    }
}

impl std::str::FromStr for BeadKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (a, b) = s
            .split_once('-')
            .ok_or_else(|| format!("bead kind `{s}` is not of the form `1-2`"))?;
        let parse = |x: &str| {
            x.trim()
                .parse::<usize>()
                .map_err(|_| format!("bead kind `{s}` is not of the form `1-2`"))
        };
        let kind = BeadKind::new(parse(a)?, parse(b)?);
        if kind.en == 0 && kind.ar == 0 {
            return Err(format!("bead kind `{s}` holds no sentence"));
        }
        Ok(kind)
    }
}

impl From<BeadKind> for String {
    fn from(k: BeadKind) -> String {
        k.to_string()
    }
}

impl TryFrom<String> for BeadKind {
    type Error = String;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

/// One link of an alignment: consecutive English sentences against consecutive
/// Arabic ones.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct Bead {
    /// Indices of the English sentences (empty for 0-1); `[start, end]` in JSON.
    #[cfg_attr(feature = "serde", serde(with = "crate::serde_util::range"))]
    pub en: Range<usize>,
    /// Indices of the Arabic sentences (empty for 1-0); `[start, end]` in JSON.
    #[cfg_attr(feature = "serde", serde(with = "crate::serde_util::range"))]
    pub ar: Range<usize>,
    /// The shape, `en.len()`-`ar.len()`.
    pub kind: BeadKind,
    /// The bead's cost under the model (lower is better).
    pub cost: f64,
    /// Posterior probability of this bead, in `[0, 1]`.
    pub score: f64,
}

/// Figures about the work the aligner did, for tuning and benchmarks.
#[derive(Clone, Debug, Default, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct AlignStats {
    /// Lattice cells in the last band.
    pub cells: usize,
    /// Dynamic-programme passes run (Viterbi–forward and backward each count one).
    pub passes: usize,
    /// Times the band was re-centred and widened because the path touched its edge.
    pub widenings: usize,
    /// Whether anchors took part (the input had anchors worth using).
    pub anchors: bool,
}

/// How often one kind of anchor survives translation in an input, as fitted on the
/// first path (see [`Aligner::anchors`]).
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct AnchorRate {
    /// The kind of anchor.
    pub kind: AnchorKind,
    /// Share of English anchors of this kind found in their bead's Arabic side.
    pub en_to_ar: f64,
    /// Share of Arabic anchors of this kind found in their bead's English side.
    pub ar_to_en: f64,
    /// Anchors of this kind (both sides) in the first path's beads.
    pub seen: usize,
}

/// The result of aligning two lists of sentences.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct Alignment {
    /// Beads in order; together they cover every sentence of both sides exactly once.
    pub beads: Vec<Bead>,
    /// The model parameters used (fitted or default).
    pub params: Params,
    /// Total cost of the path.
    pub cost: f64,
    /// Log-likelihood of the input under the model (`ln Z` of the forward pass).
    pub log_likelihood: f64,
    /// Work done.
    pub stats: AlignStats,
    /// Fitted anchor match rates, one per kind the input has (empty when anchors
    /// were off or the input had none on both sides).
    pub anchor_rates: Vec<AnchorRate>,
    /// How parallel the two lists look, from the beads with sentences on both
    /// sides (the document's figures, with beads for pairs): their share of the
    /// text (bytes for [`Aligner::align`], the given lengths for
    /// [`Aligner::align_lengths`]), the share of them scoring at least 0.9, and
    /// the share of their anchors found on the other side (`None` when anchors
    /// were off or the beads have none). See also [`Alignment::is_parallel`].
    #[cfg_attr(feature = "serde", serde(default))]
    pub parallelism: Parallelism,
}

/// Aligns English sentences with their Arabic translations, with default settings.
///
/// The two sides may hold different string types (`String` on one, `&str` on
/// the other).
///
/// ```
/// use bitext::align_sentences;
/// let en: Vec<String> = ["The sun rose over the hills.", "Birds sang.", "It was a new day."]
///     .map(String::from)
///     .to_vec();
/// let ar = ["أشرقت الشمس فوق التلال.", "غنت الطيور.", "كان يوماً جديداً."];
/// let alignment = align_sentences(&en, &ar);
/// let kinds: Vec<String> = alignment.beads.iter().map(|b| b.kind.to_string()).collect();
/// assert_eq!(kinds, ["1-1", "1-1", "1-1"]);
/// assert!(alignment.is_parallel());
/// assert_eq!(alignment.parallelism.paired_share, 1.0);
/// ```
pub fn align_sentences<E: AsRef<str>, A: AsRef<str>>(en: &[E], ar: &[A]) -> Alignment {
    // Cannot panic: `align` fails only when `validate` rejects a setting, and every
    // default of `Aligner::new` is inside the ranges `validate` accepts.
    match Aligner::new().align(en, ar) {
        Ok(a) => a,
        Err(e) => unreachable!("default aligner settings rejected: {e}"),
    }
}

/// A configurable aligner that keeps its buffers between calls.
///
/// ```
/// use bitext::Aligner;
/// let mut aligner = Aligner::new().max_bead(3).fit(false);
/// let a = aligner.align_lengths(&[40, 10], &[25, 6])?;
/// assert_eq!(a.beads.len(), 2);
/// # Ok::<(), bitext::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct Aligner {
    max_bead: usize,
    many_to_one: usize,
    band: usize,
    exact_up_to: usize,
    fit: bool,
    max_refits: usize,
    ratio: Option<f64>,
    tail: Option<f64>,
    anchors: bool,
    params: Option<Params>,
    /// Per-sentence match costs of the call under way (`align_with_match_costs`).
    matches: Option<Arc<MatchCosts>>,
    lattice: Lattice,
    window: Lattice,
}

impl Default for Aligner {
    fn default() -> Self {
        Aligner::new()
    }
}

/// Widest band stored: the passes add a few multiples of it to sentence indices.
const MAX_BAND: usize = usize::MAX / 16;

/// Largest allowed `max_bead`: the number of bead kinds grows with its square.
const MAX_BEAD_LIMIT: usize = 8;

/// Largest allowed `many_to_one`: one sentence against sixteen.
const MANY_TO_ONE_LIMIT: usize = 16;

impl Aligner {
    /// An aligner with default settings.
    pub fn new() -> Self {
        Aligner {
            max_bead: 4,
            many_to_one: 12,
            band: 8,
            exact_up_to: EXACT_UP_TO,
            fit: true,
            max_refits: 3,
            ratio: None,
            tail: Some(4.0),
            anchors: true,
            params: None,
            matches: None,
            lattice: Lattice::default(),
            window: Lattice::default(),
        }
    }

    /// The most sentences a bead may hold on either side, 1 to 8.
    ///
    /// ```
    /// # use bitext::Aligner;
    /// assert_eq!(Aligner::new().get_max_bead(), 4); // the default
    /// ```
    pub fn max_bead(mut self, n: usize) -> Self {
        self.max_bead = n;
        self
    }

    /// See [`Aligner::max_bead`].
    pub fn get_max_bead(&self) -> usize {
        self.max_bead
    }

    /// The longest one-to-many beads (1-k and k-1, up to 16) added beyond
    /// [`Aligner::max_bead`] when the input calls for them, as in scripture, legal
    /// text, subtitles or a translation made paragraph by paragraph, where one
    /// sentence of one language carries several of the other. Below 1,000 sentences
    /// they join when one bead in a hundred of the first path is 1-3 or 3-1; in
    /// longer input they are searched only where the priors along the text give them
    /// at least one bead in about 22,000 (see the module documentation), so text that
    /// translates sentence by sentence does not pay for the longest. Values up to
    /// `max_bead` add nothing.
    ///
    /// ```
    /// # use bitext::Aligner;
    /// assert_eq!(Aligner::new().get_many_to_one(), 12); // the default
    /// ```
    pub fn many_to_one(mut self, k: usize) -> Self {
        self.many_to_one = k;
        self
    }

    /// See [`Aligner::many_to_one`].
    pub fn get_many_to_one(&self) -> usize {
        self.many_to_one
    }

    /// Half-width, in sentences (at least 1), of the band the full model searches
    /// around the quick first path. The band grows by itself where the path needs it;
    /// this only sets where it starts. A band at least as wide as the input is the
    /// whole lattice (the exact programme); widths beyond `usize::MAX / 16` are
    /// stored as that, which keeps the band arithmetic clear of overflow.
    ///
    /// ```
    /// # use bitext::Aligner;
    /// assert_eq!(Aligner::new().get_band(), 8); // the default
    /// ```
    pub fn band(mut self, w: usize) -> Self {
        self.band = w.min(MAX_BAND);
        self
    }

    /// See [`Aligner::band`].
    pub fn get_band(&self) -> usize {
        self.band
    }

    /// Largest lattice, in cells (`(n + 1)·(m + 1)` for `n` English and `m` Arabic
    /// sentences), that the full model searches whole instead of in a band: up to
    /// this size the result is exactly the optimum of the dynamic programme. The
    /// default, 40,000 cells, covers about 200 sentences a side, every news page;
    /// there the whole search takes about twice the banded one's time (7 ms against
    /// 3 ms for 180 × 216 sentences). Beyond it the band keeps time and memory
    /// linear. `0` bands every input, as tests of the band itself want.
    ///
    /// ```
    /// # use bitext::Aligner;
    /// assert_eq!(Aligner::new().get_exact_up_to(), 40_000); // the default
    /// ```
    pub fn exact_up_to(mut self, cells: usize) -> Self {
        self.exact_up_to = cells;
        self
    }

    /// See [`Aligner::exact_up_to`].
    pub fn get_exact_up_to(&self) -> usize {
        self.exact_up_to
    }

    /// Whether to estimate the length ratio, variance and bead priors from the input
    /// ([`Params::estimate`]) or use fixed values ([`Params::fixed`]).
    ///
    /// ```
    /// # use bitext::Aligner;
    /// assert!(Aligner::new().get_fit()); // the default
    /// ```
    pub fn fit(mut self, on: bool) -> Self {
        self.fit = on;
        self
    }

    /// See [`Aligner::fit`].
    pub fn get_fit(&self) -> bool {
        self.fit
    }

    /// Most EM refits after the start values (0 to 20): each re-estimates the ratio,
    /// variance and priors from the posteriors of a sample of the lattice, as a
    /// maximum a posteriori estimate with the start values as its prior.
    ///
    /// The prior is worth 50 beads, so a news story of thirty sentences keeps
    /// close to the population values (`s² = 2.4·c²`, the default bead priors)
    /// while a book is fitted to its own beads. Refitting stops early once the
    /// sample's likelihood gains less than 1e-4 nats a sentence.
    ///
    /// ```
    /// # use bitext::Aligner;
    /// assert_eq!(Aligner::new().get_max_refits(), 3); // the default
    /// ```
    pub fn max_refits(mut self, n: usize) -> Self {
        self.max_refits = n;
        self
    }

    /// See [`Aligner::max_refits`].
    pub fn get_max_refits(&self) -> usize {
        self.max_refits
    }

    /// A fixed starting length ratio `c` (Arabic length per English length) instead
    /// of the ratio of the two sides' total lengths.
    ///
    /// ```
    /// # use bitext::Aligner;
    /// assert_eq!(Aligner::new().get_ratio(), None); // the default: from the input
    /// ```
    pub fn ratio(mut self, c: Option<f64>) -> Self {
        self.ratio = c;
        self
    }

    /// See [`Aligner::ratio`].
    pub fn get_ratio(&self) -> Option<f64> {
        self.ratio
    }

    /// Degrees of freedom of the Student-t length model, or `None` for Gale and
    /// Church's normal model. Heavier tails make a loosely translated sentence cost
    /// less, so one odd length does not drag its neighbours out of place; four degrees
    /// of freedom is the usual robust choice (Lange, Little and Taylor, JASA 1989).
    ///
    /// ```
    /// # use bitext::Aligner;
    /// assert_eq!(Aligner::new().get_tail(), Some(4.0)); // the default
    /// ```
    pub fn tail(mut self, nu: Option<f64>) -> Self {
        self.tail = nu;
        self
    }

    /// See [`Aligner::tail`].
    pub fn get_tail(&self) -> Option<f64> {
        self.tail
    }

    /// Whether [`Aligner::align`] adds lexical anchors (numbers, Latin tokens,
    /// name skeletons, question marks, quotes: see [`crate::anchors`]) to the
    /// length model. Each anchor weighs `ln(p/q)` when the other side has it and
    /// `ln((1−p)/(1−q))` when not, with `p` its match rate along the first path
    /// (per kind and direction) and `q` its share of the other side's sentences
    /// near the expected position; anchors that are common nearby, or that never
    /// occur on the other side, weigh nothing. [`Aligner::align_lengths`] has no
    /// text and uses length alone.
    ///
    /// ```
    /// # use bitext::Aligner;
    /// assert!(Aligner::new().get_anchors()); // the default
    /// ```
    pub fn anchors(mut self, on: bool) -> Self {
        self.anchors = on;
        self
    }

    /// See [`Aligner::anchors`].
    pub fn get_anchors(&self) -> bool {
        self.anchors
    }

    /// Model parameters to start from instead of estimating them from the input:
    /// parameters fitted on a large corpus ([`Alignment::params`]) reused on small
    /// pages, or a prior of your own. Their bead kinds are the ones the aligner uses
    /// ([`Aligner::max_bead`] and [`Aligner::many_to_one`] then add none), and
    /// [`Aligner::ratio`] still overrides theirs when set; their
    /// [`tail`](Params::tail) replaces [`Aligner::tail`].
    /// With [`Aligner::max_refits`] the refits start from these values and shrink
    /// towards them.
    ///
    /// ```
    /// # use bitext::Aligner;
    /// let mut big = Aligner::new();
    /// let fitted = big.align_lengths(&[40, 80, 60, 30], &[35, 70, 50, 28])?.params;
    /// let mut small = Aligner::new().params(Some(fitted.clone()));
    /// assert_eq!(small.align_lengths(&[40], &[36])?.params.ratio, fitted.ratio);
    /// assert!(Aligner::new().get_params().is_none()); // the default: from the input
    /// # Ok::<(), bitext::Error>(())
    /// ```
    pub fn params(mut self, params: Option<Params>) -> Self {
        self.params = params;
        self
    }

    /// See [`Aligner::params`].
    pub fn get_params(&self) -> Option<&Params> {
        self.params.as_ref()
    }

    fn validate(&self) -> Result<()> {
        if self.max_bead == 0 || self.max_bead > MAX_BEAD_LIMIT {
            return Err(Error::InvalidConfig {
                name: "max_bead",
                reason: format!("{} is not in 1..={MAX_BEAD_LIMIT}", self.max_bead),
            });
        }
        if self.many_to_one > MANY_TO_ONE_LIMIT {
            return Err(Error::InvalidConfig {
                name: "many_to_one",
                reason: format!("{} is not in 0..={MANY_TO_ONE_LIMIT}", self.many_to_one),
            });
        }
        if self.band == 0 {
            return Err(Error::InvalidConfig {
                name: "band",
                reason: "0 is not at least 1".into(),
            });
        }
        if self.max_refits > 20 {
            return Err(Error::InvalidConfig {
                name: "max_refits",
                reason: format!("{} is not in 0..=20", self.max_refits),
            });
        }
        if let Some(nu) = self.tail {
            if !(nu.is_finite() && nu >= 1.0) {
                return Err(Error::InvalidConfig {
                    name: "tail",
                    reason: format!("{nu} is not a number of degrees of freedom of at least 1"),
                });
            }
        }
        if let Some(c) = self.ratio {
            if !model::RATIO_RANGE.contains(&c) {
                return Err(Error::InvalidConfig {
                    name: "ratio",
                    reason: format!("{c} is not in 0.001..=1000"),
                });
            }
        }
        if let Some(p) = &self.params {
            p.validate()?;
        }
        Ok(())
    }

    /// Aligns sentences given as text, measuring each with [`measure_len`] and,
    /// unless turned off, matching their anchors (see [`Aligner::anchors`]).
    /// The two sides may hold different string types (`&[String]` and `&[&str]`).
    pub fn align<E: AsRef<str>, A: AsRef<str>>(&mut self, en: &[E], ar: &[A]) -> Result<Alignment> {
        let le: Vec<usize> = en.iter().map(|s| measure_len(s.as_ref())).collect();
        let la: Vec<usize> = ar.iter().map(|s| measure_len(s.as_ref())).collect();
        let anchors = self.anchors.then(|| AnchorInput::from_text(en, ar));
        let mut out = self.align_inner(&le, &la, anchors.as_ref())?;
        let be: Vec<usize> = en.iter().map(|s| s.as_ref().len()).collect();
        let ba: Vec<usize> = ar.iter().map(|s| s.as_ref().len()).collect();
        out.parallelism = Parallelism::of_beads(&out.beads, &be, &ba, anchors.as_ref());
        Ok(out)
    }

    /// [`Aligner::align`] with a cost for matching each sentence beyond the bead
    /// priors (see `MatchCosts`): how the document aligner tells page furniture
    /// from content.
    pub(crate) fn align_with_match_costs<E: AsRef<str>, A: AsRef<str>>(
        &mut self,
        en: &[E],
        ar: &[A],
        costs: MatchCosts,
    ) -> Result<Alignment> {
        self.matches = Some(Arc::new(costs));
        let out = self.align(en, ar);
        self.matches = None;
        out
    }

    /// [`Aligner::align_lengths`] with per-sentence match costs (see
    /// [`Aligner::align_with_match_costs`]).
    pub(crate) fn align_lengths_with_match_costs(
        &mut self,
        en: &[usize],
        ar: &[usize],
        costs: MatchCosts,
    ) -> Result<Alignment> {
        self.matches = Some(Arc::new(costs));
        let out = self.align_lengths(en, ar);
        self.matches = None;
        out
    }

    /// Frees the dynamic-programming buffers when they hold more than `bytes`:
    /// reuse pays on many small inputs, while one huge input should not pin its
    /// buffers (a hundred megabytes for a million units) for the aligner's life.
    pub(crate) fn release_scratch_above(&mut self, bytes: usize) {
        for lattice in [&mut self.lattice, &mut self.window] {
            if lattice.scratch_bytes() > bytes {
                *lattice = dp::Lattice::default();
            }
        }
    }

    /// Exchanges this aligner's dynamic-programming buffers with `other`'s: a
    /// caller that derives an aligner per input (`clone().fit(false)`) lends it
    /// buffers kept from the previous input instead of allocating new ones.
    pub(crate) fn swap_scratch(&mut self, other: &mut Aligner) {
        std::mem::swap(&mut self.lattice, &mut other.lattice);
        std::mem::swap(&mut self.window, &mut other.window);
    }

    /// Aligns sentences given by their lengths.
    pub fn align_lengths(&mut self, en: &[usize], ar: &[usize]) -> Result<Alignment> {
        let mut out = self.align_inner(en, ar, None)?;
        out.parallelism = Parallelism::of_beads(&out.beads, en, ar, None);
        Ok(out)
    }

    fn align_inner(
        &mut self,
        en: &[usize],
        ar: &[usize],
        anchors: Option<&AnchorInput>,
    ) -> Result<Alignment> {
        self.validate()?;
        self.lattice.set_lengths(en, ar);
        let (n, m) = (en.len(), ar.len());
        let mut params = match &self.params {
            Some(given) => given.clone(),
            None if self.fit => Params::estimate(self.max_bead, en, ar),
            None => Params::fixed(self.max_bead, ar),
        };
        if let Some(c) = self.ratio {
            params.ratio = c;
            params.variance = model::default_variance(c);
        }
        if self.params.is_none() {
            params.tail = self.tail;
        }
        let mut stats = AlignStats::default();
        let mut path = Vec::new();

        // Parameters handed in keep their kinds.
        let extra: Vec<BeadKind> = if self.params.is_some() {
            Vec::new()
        } else {
            (self.max_bead + 1..=self.many_to_one)
                .flat_map(|k| [BeadKind::new(1, k), BeadKind::new(k, 1)])
                .collect()
        };
        let mut along = None;
        if is_long(n, m) {
            // Book-length input: rates along the text. The many-to-one kinds are in
            // from the start; where the local priors make them negligible they are
            // not searched. The first course is the diagonal of the cumulative
            // lengths, which needs no search; the quick path then gives a better one.
            if !extra.is_empty() {
                params = params.with_more_kinds(&extra, n, m);
            }
            let lat = &self.lattice;
            let course = local::length_diagonal(&lat.pe, &lat.pa, params.ratio);
            self.first_path(&params, Some(&course), &mut path, &mut stats);
            along = Some(local::path_course(&path, n));
        } else {
            // First pass with a quick model, then the full model in a narrow band
            // around its path.
            self.first_path(&params, None, &mut path, &mut stats);
            // Many-to-one beads where the quick path shows many 1-3 and 3-1 beads.
            if !extra.is_empty() && wants_many_to_one(&path) {
                params = params.with_more_kinds(&extra, n, m);
            }
        }

        // Fitting runs on windows of the quick path: it only needs a good path to put
        // a narrow band around, not the best one.
        // Fixed parameters (`fit(false)`) stay fixed.
        if n > 0 && m > 0 && self.max_refits > 0 && (self.fit || self.params.is_some()) {
            let windows = sample_windows(&path, SAMPLE_SENTENCES, WINDOW_SENTENCES);
            // The likelihood is that of the sample, so progress is measured against it.
            // Cannot panic: `sample_windows` returns s ≤ e ≤ path.len() − 1, and path
            // points never go back (each is the one before plus a move).
            let sampled: usize = windows
                .iter()
                .map(|&(s, e)| (path[e].0 - path[s].0) + (path[e].1 - path[s].1))
                .sum();
            let kinds = params.priors.len();
            let mut log_z = f64::NEG_INFINITY;
            let mut accepted = params.clone();
            let start = params.clone();
            let mut ss = Stats::default();
            let mut sum = Stats::default();
            for round in 0..=self.max_refits {
                // E-step over the sample: the expected counts of every bead kind.
                let mut z = 0.0;
                sum.clear(kinds);
                for &(s, e) in &windows {
                    z += self.window_pass(en, ar, &path[s..=e], &params, &mut ss, &mut stats);
                    sum.add(&ss);
                }
                // EM never lowers the likelihood in exact arithmetic; a refit that does
                // (a degenerate estimate) is dropped and fitting stops.
                if z < log_z - 1e-9 * log_z.abs() {
                    break;
                }
                let gain = z - log_z;
                accepted = params.clone();
                log_z = z;
                if round == self.max_refits || gain < 1e-4 * sampled as f64 {
                    break;
                }
                let Some(next) = refit(&params, &start, &sum) else {
                    break;
                };
                params = next;
            }
            params = accepted;
        }

        // Rates along the quick path, for the parameters as fitted.
        let rates = along.map(|c| {
            let lat = &self.lattice;
            Arc::new(LocalRates::along(
                &c,
                &lat.pe,
                &lat.pa,
                &params,
                local::MAX_PRIOR_COST,
            ))
        });
        let rates = rates.as_ref();

        // Anchors are fitted on the quick path: it shows how often each kind of
        // anchor survives translation in this input.
        let table = anchors
            .and_then(|a| AnchorTable::fit(a, &points(&path)))
            .map(Arc::new);
        stats.anchors = table.is_some();
        let anchor_rates = table.as_ref().map_or_else(Vec::new, |t| t.rates());

        // The full model in a narrow band around the quick path, grown where the path
        // pushes against it.
        let model = Model::new(&params, &self.lattice.pa)
            .with_anchors(table.as_ref(), (0, 0))
            .with_match_costs(self.matches.as_ref(), (0, 0))
            .with_local(rates, 0);
        // The band is at least as wide as the longest bead: with one-to-many beads of
        // up to 16 sentences a narrower band would leave every point near its edge.
        // With rates along the text, only the kinds searched somewhere count.
        let band = self.band.max(model.max_reach());
        let row_band = |i: usize| self.band.max(model.reach(i));
        // A lattice whose cell count overflows `usize` is never searched whole.
        if (n + 1)
            .checked_mul(m + 1)
            .is_some_and(|cells| cells <= self.exact_up_to)
        {
            self.lattice.band.full(n, m);
        } else {
            self.lattice
                .band
                .around_path_with(&points(&path), n, m, row_band);
        }
        self.lattice.viterbi(&model, false);
        stats.passes += 1;
        self.lattice.traceback(&model, &mut path);
        let widths = Widths {
            base: self.band,
            window: band,
        };
        let ctx = Context {
            en,
            ar,
            params: &params,
            anchors: table.as_ref(),
            rates,
        };
        self.repair(&ctx, &model, widths, &mut path, &mut stats);

        // Scores: forward–backward in a narrow band around the final path, where all
        // but a negligible share of the posterior mass lies.
        self.lattice
            .band
            .around_path(&points(&path), n, m, SCORE_BAND);
        let (best, log_z) = self.lattice.viterbi(&model, true);
        self.lattice.traceback(&model, &mut path);
        self.lattice.backward(&model, None);
        stats.passes += 2;
        stats.cells = self.lattice.band.cells();

        let mut beads = Vec::with_capacity(path.len());
        // Cannot panic: every point of a traceback path but the first was reached
        // by move k of `model`, so k < moves.len() = params.priors.len() (`Model::new`
        // makes one move per prior, and `params` is the one `model` was built from).
        for win in path.windows(2) {
            let (i0, j0, _) = win[0];
            let (i1, j1, k) = win[1];
            let (cost, score) = self.lattice.bead(&model, k as usize, i1, j1);
            beads.push(Bead {
                en: i0..i1,
                ar: j0..j1,
                kind: params.priors[k as usize].0,
                cost,
                score,
            });
        }
        Ok(Alignment {
            beads,
            params,
            cost: best,
            log_likelihood: log_z,
            stats,
            anchor_rates,
            // Filled in by the callers, which know what the lengths weigh.
            parallelism: Parallelism::default(),
        })
    }

    /// Forward–backward over one window of the current path, with its own lattice:
    /// returns ln Z of the window and leaves its expected counts in `ss`.
    fn window_pass(
        &mut self,
        en: &[usize],
        ar: &[usize],
        segment: &[(usize, usize, u8)],
        params: &Params,
        ss: &mut Stats,
        stats: &mut AlignStats,
    ) -> f64 {
        if segment.is_empty() {
            return 0.0;
        }
        let ctx = Context {
            en,
            ar,
            params,
            anchors: None,
            rates: None,
        };
        let (model, _) = self.load_window(&ctx, segment, EM_BAND);
        // On book-length input the parameters hold one-to-many kinds up to 1-12 for
        // the stretches that need them; a sample's expectation pass leaves out those
        // its prior makes negligible, as the rates along the text do in the search.
        let model = if is_long(en.len(), ar.len()) {
            model.with_max_prior_cost(local::MAX_PRIOR_COST)
        } else {
            model
        };
        let lat = &mut self.window;
        let (_, z) = lat.viterbi(&model, true);
        lat.backward(&model, Some(ss));
        stats.passes += 2;
        z
    }

    /// Where the best path strays from the quick path, a better one may run outside
    /// the band: re-solves a window around each such stretch, from a path point
    /// `REPAIR_MARGIN` beads before it to one as far after it, in its own lattice
    /// whose band grows around the window's path until the path keeps clear of the
    /// edges. Far from the trouble both paths agree, so the pieces join up; the cost is
    /// that of the trouble spots, not another pass over the whole input.
    ///
    /// A stretch is trouble when the path comes within a bead's size of the band's
    /// edge (a bead could cross it), or leaves the quick path's beads: there the two
    /// models disagree about the course, and the full model's optimum can lie
    /// further out than the band let its path reach. The `aligner` fuzz target found
    /// such inputs, runs of one-letter sentences that the full model packs into 1-4
    /// and 6-1 beads, two and more sentences off the quick path. Re-solving where
    /// the paths part by a single sentence too costs little (see `STRAY_MARGIN`)
    /// and catches more of them than waiting for two.
    fn repair(
        &mut self,
        ctx: &Context,
        model: &Model,
        widths: Widths,
        path: &mut Vec<(usize, usize, u8)>,
        stats: &mut AlignStats,
    ) {
        if self.lattice.band.covers_all() {
            return;
        }
        // How far a bead can reach at each row: the largest kind searched there (all
        // kinds everywhere without rates along the text).
        let margin = |i: usize| model.reach(i);
        // The band keeps `self.band` cells on each side of the quick path's beads, so
        // a point within `self.band` of its edge lies outside them.
        let trigger = |i: usize| margin(i).max(widths.base);
        // Trouble spots, with the beads a window takes in on each side of them.
        let band = &self.lattice.band;
        let touched: Vec<(usize, usize)> = path
            .iter()
            .enumerate()
            .filter(|(_, &(i, j, _))| band.touched_within(&[(i, j)], trigger))
            .map(|(k, &(i, j, _))| {
                let edge = band.touched_within(&[(i, j)], margin);
                (k, if edge { REPAIR_MARGIN } else { STRAY_MARGIN })
            })
            .collect();
        // Group touched points into windows, merging windows that overlap. Each is
        // s ≤ k ≤ e ≤ path.len() − 1 for a touched index k < path.len().
        let mut windows: Vec<(usize, usize)> = Vec::new();
        for (k, radius) in touched {
            let (s, e) = (
                k.saturating_sub(radius),
                (k + radius).min(path.len().saturating_sub(1)),
            );
            // Radii differ (edge or stray), so a later point's window can end first.
            match windows.last_mut() {
                Some(last) if s <= last.1 => last.1 = last.1.max(e),
                _ => windows.push((s, e)),
            }
        }
        // Windows are disjoint and in order: splice from the back so that indices of
        // earlier windows stay valid. Cannot panic: each `s..=e` was in range, and the
        // splices before it changed `path` only after it. A piece runs from (0, 0) to
        // the window's far corner (`traceback`), so it joins the path on both sides.
        for &(s, e) in windows.iter().rev() {
            // `2 * self.band` cannot overflow: the setter caps it at `usize::MAX / 16`.
            let (model, (i0, j0)) = self.load_window(ctx, &path[s..=e], 2 * widths.window);
            let lat = &mut self.window;
            let mut piece = Vec::new();
            search(lat, &model, 2 * widths.window, &mut piece, stats);
            stats.widenings += 1;
            let piece: Vec<(usize, usize, u8)> = piece
                .into_iter()
                .map(|(i, j, k)| (i + i0, j + j0, k))
                .collect();
            path.splice(s..=e, piece);
        }
    }

    /// Loads the stretch of `en`/`ar` between the first and last point of `segment`
    /// into the window lattice, with a band of `w` around the segment's path; returns
    /// the model for it and the stretch's origin `(i0, j0)`.
    fn load_window(
        &mut self,
        ctx: &Context,
        segment: &[(usize, usize, u8)],
        w: usize,
    ) -> (Model, (usize, usize)) {
        let Context {
            en,
            ar,
            params,
            anchors,
            rates,
        } = *ctx;
        // Cannot panic: `segment` is a non-empty stretch (`window_pass` returns early
        // on an empty one; `repair` passes `path[s..=e]`) of a path over `en` × `ar`
        // whose points never go back, so i0 ≤ i ≤ i1 ≤ en.len() and
        // j0 ≤ j ≤ j1 ≤ ar.len() for all its points.
        let (i0, j0, _) = segment[0];
        let (i1, j1, _) = segment[segment.len() - 1];
        let local: Vec<(usize, usize)> =
            segment.iter().map(|&(i, j, _)| (i - i0, j - j0)).collect();
        let lat = &mut self.window;
        lat.set_lengths(&en[i0..i1], &ar[j0..j1]);
        lat.band.around_path(&local, i1 - i0, j1 - j0, w);
        let model = Model::new(params, &lat.pa)
            .with_anchors(anchors, (i0, j0))
            .with_match_costs(self.matches.as_ref(), (i0, j0))
            .with_local(rates, i0);
        (model, (i0, j0))
    }

    /// The first path: a quick model (1-1, 1-2, 2-1, 1-3, 3-1, 1-0 and 0-1 only) in
    /// a band that follows the cheapest cell of each row (see `viterbi_adaptive`),
    /// doubled until the path keeps clear of its edges. No fixed centre line will do:
    /// across the books of the Bible the best path strays hundreds of sentences from
    /// the diagonal of the cumulative lengths. The quick model costs under half the
    /// full one per cell; the full model then searches a narrow band around its path.
    fn first_path(
        &mut self,
        params: &Params,
        course: Option<&[f64]>,
        path: &mut Vec<(usize, usize, u8)>,
        stats: &mut AlignStats,
    ) {
        let mut kinds = vec![
            BeadKind::new(1, 1),
            BeadKind::new(1, 2),
            BeadKind::new(2, 1),
            BeadKind::new(1, 3),
            BeadKind::new(3, 1),
            BeadKind::new(1, 0),
            BeadKind::new(0, 1),
        ];
        if course.is_some() {
            // With rates along the text, the one-to-many kinds the parameters hold
            // join too: where the local priors call for them, without them the quick
            // path cannot follow the text at all.
            kinds.extend(
                params
                    .priors
                    .iter()
                    .map(|(k, _)| *k)
                    .filter(|k| k.en.min(k.ar) == 1 && k.en.max(k.ar) > 3),
            );
        }
        let mut quick = params.restricted(&kinds);
        // The normal length model: cheaper per cell than the Student-t (no logarithm),
        // and only the rough course of the path matters here.
        quick.tail = None;
        let lat = &mut self.lattice;
        // The quick pass only needs the course: kinds rarer than one bead in a
        // thousand there are left to the full model.
        let rates = course.map(|c| {
            Arc::new(LocalRates::along(
                c,
                &lat.pe,
                &lat.pa,
                &quick,
                local::QUICK_MAX_PRIOR_COST,
            ))
        });
        let rates = rates.as_ref();
        let model = Model::new(&quick, &lat.pa)
            .with_match_costs(self.matches.as_ref(), (0, 0))
            .with_local(rates, 0);
        let (n, m) = (lat.n(), lat.m());
        if (n + 1).saturating_mul(m + 1) <= SMALL_LATTICE {
            // Small enough to search the whole lattice.
            lat.band.full(n, m);
            lat.viterbi(&model, false);
            stats.passes += 1;
            lat.traceback(&model, path);
            return;
        }
        let mut w = FIRST_BAND.max(self.band);
        loop {
            lat.viterbi_adaptive(&model, w);
            stats.passes += 1;
            lat.traceback(&model, path);
            if lat.band.covers_all() || !lat.band.touched_by(&points(path), 2) {
                break;
            }
            if (n + 1).saturating_mul(w.saturating_mul(4).saturating_add(1)) > cell_budget(n, m) {
                // Lengths that say nothing (all sentences alike) keep any band busy;
                // past this width more cells no longer buy a better path, and time and
                // memory must stay linear.
                break;
            }
            stats.widenings += 1;
            w = w.saturating_mul(2);
        }
    }
}

/// What a window's model is built from: the input's lengths, the parameters, and
/// the anchor table and rates along the text when there are some.
#[derive(Clone, Copy)]
struct Context<'a> {
    en: &'a [usize],
    ar: &'a [usize],
    params: &'a Params,
    anchors: Option<&'a Arc<AnchorTable>>,
    rates: Option<&'a Arc<LocalRates>>,
}

/// Band half-widths of the full model's pass: `base` (the aligner's band) widened at
/// each row to the longest kind searched there; `window`, the widest of those, for
/// repair windows.
#[derive(Clone, Copy)]
struct Widths {
    base: usize,
    window: usize,
}

/// Whether a first path has enough 1-3 and 3-1 beads (one in a hundred, and at
/// least two) to suggest longer one-to-many beads.
fn wants_many_to_one(path: &[(usize, usize, u8)]) -> bool {
    let beads = path.len().saturating_sub(1);
    // Cannot panic: a traceback path's points never go back (each is the one before
    // plus a move), so the differences are a bead's sizes.
    let wide = path
        .windows(2)
        .filter(|w| {
            let (a, b) = (w[1].0 - w[0].0, w[1].1 - w[0].1);
            (a == 1 && b == 3) || (a == 3 && b == 1)
        })
        .count();
    wide >= 2 && wide * 100 >= beads
}

/// Inputs of at least this many sentences (both sides) get rates along the text
/// ([`local`]); shorter ones are one stretch, and their parameters stay global.
const LONG_INPUT: usize = 1000;

/// Whether an input is long enough for rates along the text: enough sentences, and
/// on both sides more than a window's worth.
fn is_long(n: usize, m: usize) -> bool {
    n + m >= LONG_INPUT && n > 2 * local::WINDOW && m > local::WINDOW / 4
}

/// Most lattice cells a band may grow to, per sentence of input (plus a small
/// lattice's worth). Where the best path still presses against a band this wide the
/// lengths are not telling the paths apart (a thousand one-word lines a side), so a
/// wider band would cost time and memory without finding a more trustworthy path;
/// stopping here keeps both linear in the input by design.
const CELLS_PER_SENTENCE: usize = 64;

fn cell_budget(n: usize, m: usize) -> usize {
    (n + m + 1)
        .saturating_mul(CELLS_PER_SENTENCE)
        .saturating_add(SMALL_LATTICE)
}

/// Beads on each side of a trouble spot that a repair window takes in.
const REPAIR_MARGIN: usize = 64;

/// The same where the path only left the quick path's beads, well inside the band:
/// the two models part for a few beads there, and half the window finds the same
/// optima on the fuzzed inputs at half the cost. Together these windows add 1.1% to
/// the instructions of aligning `dev_large_dev_bible` by length and 4.6% on 20,000
/// synthetic near-parallel sentences (valgrind); 64 beads cost 3.1% and 8.7%.
const STRAY_MARGIN: usize = 32;

/// Lattices of at most this many cells get no band in the first pass.
const SMALL_LATTICE: usize = 40_000;

/// Default of [`Aligner::exact_up_to`]: the same size as the quick pass's.
const EXACT_UP_TO: usize = SMALL_LATTICE;

/// Half-width of the first, quick pass.
const FIRST_BAND: usize = 32;

/// The `(i, j)` points of a path.
fn points(path: &[(usize, usize, u8)]) -> Vec<(usize, usize)> {
    path.iter().map(|&(i, j, _)| (i, j)).collect()
}

/// Viterbi over the lattice's band, growing the band until the best path keeps clear
/// of its edges: each round adds `w` cells on both sides of the new path to the band
/// (so the band only grows where the path pushed against it), and `w` doubles when a
/// round added nothing.
fn search(
    lat: &mut Lattice,
    model: &Model,
    mut w: usize,
    path: &mut Vec<(usize, usize, u8)>,
    stats: &mut AlignStats,
) {
    let m = lat.m();
    let mut grown = Band::default();
    let budget = cell_budget(lat.n(), m);
    loop {
        lat.viterbi(model, false);
        stats.passes += 1;
        lat.traceback(model, path);
        let cells = points(path);
        if lat.band.covers_all()
            || !lat.band.touched_within(&cells, |i| model.reach(i))
            || lat.band.cells() > budget
        {
            return;
        }
        grown.around_path(&cells, lat.n(), m, w);
        if !lat.band.union_with(&grown) {
            w = w.saturating_mul(2);
        }
    }
}

/// Sentences (both sides) the fitting passes look at, at most: beyond a few thousand
/// the estimates no longer move, and a fixed sample keeps fitting's cost constant.
const SAMPLE_SENTENCES: usize = 1500;
/// Sentences per sample window: long enough that a window's ends, pinned to the first
/// path, matter little.
const WINDOW_SENTENCES: usize = 150;
/// Band half-width of the fitting passes, around the first path.
const EM_BAND: usize = 6;
/// Band half-width of the scoring pass, around the final path.
const SCORE_BAND: usize = 3;

/// Windows `(first point, last point)` of the path to fit on: the whole path when it
/// is short, else evenly spaced stretches of about `window` sentences adding up to
/// about `sample` sentences. Each has `first ≤ last ≤ path.len() − 1`.
fn sample_windows(
    path: &[(usize, usize, u8)],
    sample: usize,
    window: usize,
) -> Vec<(usize, usize)> {
    let Some(&(n, m, _)) = path.last() else {
        return Vec::new();
    };
    if path.len() < 2 {
        return Vec::new();
    }
    let last = path.len() - 1;
    if n + m <= sample {
        return vec![(0, last)];
    }
    // Cannot panic: `window` is `WINDOW_SENTENCES`, not 0, and n + m > sample ≥ 0
    // here, so neither divisor is 0; the last one is at least 1.
    let count = sample.div_ceil(window).max(1);
    // Beads per window, in proportion to the sentences a bead holds on average.
    let per = window.saturating_mul(last).div_ceil(n + m).max(1);
    let mut out = Vec::with_capacity(count);
    for w in 0..count {
        let start =
            (last - per.min(last)).saturating_mul(w) / count.max(2).saturating_sub(1).max(1);
        let start = start.min(last.saturating_sub(per));
        out.push((start, (start + per).min(last)));
    }
    out.dedup();
    out
}

/// Pseudo-counts, in beads, of the start values in a refit: the estimates are
/// maximum a posteriori, with the start values as the prior worth this many beads. A
/// short text (a news story of 30 sentences has about 25 beads for 20 bead kinds) then
/// moves its parameters only as far as its evidence carries them, where plain EM
/// would fit its priors to its own handful of beads; a book moves them almost fully.
const PRIOR_BEADS: f64 = 50.0;

/// New parameters from the expected counts (an EM step towards the maximum a
/// posteriori fit, with `start` as the prior), or `None` with too little to go on.
fn refit(params: &Params, start: &Params, s: &Stats) -> Option<Params> {
    if s.mass < 2.0 || s.sxx <= 0.0 || s.sxy <= 0.0 {
        return None;
    }
    let shrink = |fitted: f64, prior: f64, weight: f64| {
        (weight * fitted + PRIOR_BEADS * prior) / (weight + PRIOR_BEADS)
    };
    let ratio_ml = s.sxy / s.sxx;
    // The residuals were taken about the old ratio; about the new one they are smaller
    // by exactly (c_new − c_old)²·Σw·l1²/v.
    let shift = (ratio_ml - params.ratio).powi(2) * s.sxx;
    let variance_ml = ((s.sres - shift) / s.mass).max(1e-3 * ratio_ml * ratio_ml);
    let ratio = shrink(ratio_ml, start.ratio, s.mass)
        .clamp(*model::RATIO_RANGE.start(), *model::RATIO_RANGE.end());
    let variance = shrink(variance_ml, start.variance, s.mass);
    let total: f64 = s.kind_counts.iter().sum();
    let priors = params
        .priors
        .iter()
        .zip(&s.kind_counts)
        .zip(&start.priors)
        .map(|(((kind, _), count), (_, d))| {
            (*kind, (count + PRIOR_BEADS * d) / (total + PRIOR_BEADS))
        })
        .collect();
    Some(Params {
        ratio,
        variance,
        priors,
        fitted: true,
        iterations: params.iterations + 1,
        ..params.clone()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small deterministic generator, so failures reproduce.
    struct Lcg(u64);
    impl Lcg {
        fn next(&mut self) -> u64 {
            self.0 = self
                .0
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            self.0 >> 33
        }
        fn below(&mut self, n: u64) -> u64 {
            self.next() % n
        }
    }

    /// A parallel text's lengths: English sentences, their translations at ratio 0.6
    /// with noise, some split in two, some dropped.
    fn parallel(rng: &mut Lcg, n: usize) -> (Vec<usize>, Vec<usize>) {
        let (mut en, mut ar) = (Vec::new(), Vec::new());
        for _ in 0..n {
            let l = 10 + rng.below(150) as usize;
            en.push(l);
            let t = (l as f64 * 0.6 * (0.8 + 0.4 * rng.below(1000) as f64 / 1000.0)) as usize;
            match rng.below(10) {
                0 => {}
                1 | 2 => {
                    let cut = t / 3;
                    ar.push(cut);
                    ar.push(t - cut);
                }
                _ => ar.push(t),
            }
        }
        (en, ar)
    }

    /// The textbook O(n·m) programme over the public cost function.
    fn naive(params: &Params, en: &[usize], ar: &[usize]) -> f64 {
        let (n, m) = (en.len(), ar.len());
        let mut d = vec![vec![f64::INFINITY; m + 1]; n + 1];
        d[0][0] = 0.0;
        for i in 0..=n {
            for j in 0..=m {
                for (kind, _) in &params.priors {
                    let (a, b) = (kind.en, kind.ar);
                    if a > i || b > j || (a == 0 && b == 0) {
                        continue;
                    }
                    let l1: usize = en[i - a..i].iter().sum();
                    let l2: usize = ar[j - b..j].iter().sum();
                    let c = d[i - a][j - b] + params.cost(*kind, l1, l2);
                    if c < d[i][j] {
                        d[i][j] = c;
                    }
                }
            }
        }
        d[n][m]
    }

    fn full_band(params: &Params, en: &[usize], ar: &[usize]) -> (f64, Vec<(usize, usize, u8)>) {
        let mut lat = Lattice::default();
        lat.set_lengths(en, ar);
        lat.band.full(en.len(), ar.len());
        let model = Model::new(params, &lat.pa);
        let (best, _) = lat.viterbi(&model, false);
        let mut path = Vec::new();
        lat.traceback(&model, &mut path);
        (best, path)
    }

    #[test]
    fn full_band_equals_textbook_programme() {
        let mut rng = Lcg(7);
        for case in 0..40 {
            let n = rng.below(12) as usize;
            let (mut en, mut ar) = parallel(&mut rng, n);
            if case % 5 == 0 {
                ar.truncate(rng.below(3) as usize);
            }
            if case % 7 == 0 {
                en.push(0);
            }
            let params = Params::estimate(3, &en, &ar);
            let (banded, _) = full_band(&params, &en, &ar);
            let reference = naive(&params, &en, &ar);
            assert!(
                (banded - reference).abs() <= 1e-9 * reference.abs().max(1.0),
                "case {case}: {banded} vs {reference}"
            );
        }
    }

    #[test]
    fn banded_search_finds_the_full_optimum() {
        let mut rng = Lcg(11);
        for case in 0..30 {
            let n = 20 + rng.below(400) as usize;
            let (en, ar) = parallel(&mut rng, n);
            let mut aligner = Aligner::new().band(3);
            let got = aligner.align_lengths(&en, &ar).unwrap();
            let (best, _) = full_band(&got.params, &en, &ar);
            assert!(
                (got.cost - best).abs() <= 1e-9 * best.abs().max(1.0),
                "case {case} (n = {n}): banded {} vs full {best}",
                got.cost
            );
        }
    }

    #[test]
    fn beads_cover_every_sentence_once_in_order() {
        let mut rng = Lcg(3);
        for _ in 0..30 {
            let n = rng.below(60) as usize;
            let (en, mut ar) = parallel(&mut rng, n);
            ar.truncate(ar.len().saturating_sub(rng.below(4) as usize));
            let a = Aligner::new().align_lengths(&en, &ar).unwrap();
            let (mut i, mut j) = (0, 0);
            for b in &a.beads {
                assert_eq!((b.en.start, b.ar.start), (i, j));
                assert_eq!(b.kind, BeadKind::new(b.en.len(), b.ar.len()));
                assert!(!(b.en.is_empty() && b.ar.is_empty()));
                assert!((0.0..=1.0).contains(&b.score), "score {}", b.score);
                i = b.en.end;
                j = b.ar.end;
            }
            assert_eq!((i, j), (en.len(), ar.len()));
        }
    }

    #[test]
    fn one_sentence_against_ten_thousand() {
        let en = [50];
        let ar = vec![3; 10_000];
        let a = Aligner::new().align_lengths(&en, &ar).unwrap();
        let covered: usize = a.beads.iter().map(|b| b.ar.len()).sum();
        assert_eq!(covered, 10_000);
        let a = Aligner::new().align_lengths(&ar, &en).unwrap();
        let covered: usize = a.beads.iter().map(|b| b.en.len()).sum();
        assert_eq!(covered, 10_000);
    }

    #[test]
    fn invalid_settings_are_errors() {
        for aligner in [
            Aligner::new().max_bead(0),
            Aligner::new().max_bead(9),
            Aligner::new().band(0),
            Aligner::new().ratio(Some(-1.0)),
            Aligner::new().ratio(Some(f64::NAN)),
            Aligner::new().ratio(Some(1e-170)),
            Aligner::new().ratio(Some(1e200)),
            Aligner::new().tail(Some(0.5)),
            Aligner::new().max_refits(21),
        ] {
            let mut aligner = aligner;
            assert!(matches!(
                aligner.align_lengths(&[1], &[1]),
                Err(Error::InvalidConfig { .. })
            ));
        }
    }

    #[test]
    fn fitting_recovers_the_ratio() {
        let mut rng = Lcg(5);
        let (en, ar) = parallel(&mut rng, 2000);
        // One translation in ten is dropped, so the ratio of the totals is about 0.54;
        // EM refits find the ratio of the translated sentences.
        let start = Aligner::new()
            .max_refits(0)
            .align_lengths(&en, &ar)
            .unwrap();
        assert!(start.params.fitted);
        assert!(
            (start.params.ratio - 0.54).abs() < 0.03,
            "{}",
            start.params.ratio
        );
        // The default refits move towards the truth; more of them get there.
        let a = Aligner::new().align_lengths(&en, &ar).unwrap();
        assert!(a.params.iterations > 0);
        assert!(
            a.params.ratio > start.params.ratio + 0.02,
            "{}",
            a.params.ratio
        );
        let a = Aligner::new()
            .max_refits(6)
            .align_lengths(&en, &ar)
            .unwrap();
        assert!(
            (a.params.ratio - 0.6).abs() < 0.02,
            "ratio {}",
            a.params.ratio
        );
    }

    #[test]
    fn a_bead_kind_holds_a_sentence() {
        assert!("0-0".parse::<BeadKind>().is_err());
        assert!("1-x".parse::<BeadKind>().is_err());
        assert_eq!("0-1".parse::<BeadKind>(), Ok(BeadKind::new(0, 1)));
    }

    #[test]
    fn out_of_domain_parameters_give_nan_not_a_hang() {
        let mut p = Params::estimate(2, &[10, 10], &[6, 6]);
        p.tail = Some(-1e30);
        assert!(p.cost(BeadKind::new(1, 1), 10, 6).is_nan());
        p.tail = None;
        p.arabic_shape = -1e30;
        assert!(p.cost(BeadKind::new(1, 1), 10, 6).is_nan());
    }
}
