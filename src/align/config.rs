//! The [`Aligner`]'s settings: [`AlignerBuilder`] (setters and their defaults),
//! [`AlignConfig`] (the validated settings and their getters), and the [`Aligner`]
//! itself, which pairs a configuration with the buffers its searches reuse. A
//! setting out of range is an [`Error::InvalidConfig`] from
//! [`AlignerBuilder::build`], never a panic or a late error. The search itself is
//! in `search`.

use std::fmt;
use std::sync::Arc;

use super::content::Content;
use super::costs::MatchCosts;
use super::lattice::Lattice;
use super::model::{self, Params, MANY_TO_ONE_LIMIT};
use super::search::SMALL_LATTICE;
use crate::error::{Error, Result};
use crate::lexicon::Lexicon;

/// Validated settings of an [`Aligner`]: immutable, cheap to clone (the
/// [`Params`] handed in are shared, not copied) and [`Send`] + [`Sync`], so one
/// configuration serves any number of threads, each with its own [`Aligner`].
///
/// Built by [`AlignerBuilder`] (every value is checked there), read from
/// [`Aligner::config`], and turned back into a builder by
/// [`AlignConfig::to_builder`] to derive a variant.
///
/// ```
/// use bitext::{AlignConfig, Aligner};
/// let aligner = Aligner::builder().max_bead(3).fit(false).build()?;
/// let config: AlignConfig = aligner.config().clone();
/// assert_eq!((config.max_bead(), config.fit()), (3, false));
/// // Another worker with the same settings and buffers of its own.
/// let mut other = Aligner::with_config(config);
/// assert_eq!(other.align_lengths(&[40, 10], &[25, 6]).beads.len(), 2);
/// # Ok::<(), bitext::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct AlignConfig {
    pub(super) max_bead: usize,
    pub(super) many_to_one: usize,
    pub(super) band: usize,
    pub(super) exact_up_to: usize,
    pub(super) fit: bool,
    pub(super) max_refits: usize,
    pub(super) ratio: Option<f64>,
    pub(super) tail: Option<f64>,
    pub(super) anchors: bool,
    pub(super) params: Option<Arc<Params>>,
    pub(super) lexicon: Option<Arc<Lexicon>>,
    pub(super) self_train: bool,
}

/// Sets up an [`Aligner`]: each setter states its default; [`AlignerBuilder::build`]
/// checks every value.
///
/// ```
/// use bitext::Aligner;
/// let mut aligner = Aligner::builder().max_bead(3).fit(false).build()?;
/// let a = aligner.align_lengths(&[40, 10], &[25, 6]);
/// assert_eq!(a.beads.len(), 2);
/// assert!(Aligner::builder().max_bead(0).build().is_err());
/// # Ok::<(), bitext::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct AlignerBuilder {
    /// The settings as set so far, not yet checked: only `build` and `build_config`
    /// hand them out, after `validate`.
    settings: AlignConfig,
}

/// Aligns lists of sentences: an [`AlignConfig`] and the dynamic-programming
/// buffers its searches reuse between calls (hence `&mut self`).
///
/// `Debug` shows the configuration only; a clone has the same configuration and
/// buffers of its own, empty until its first call. For the model, the search and
/// its complexity, see below.
///
/// ```
/// use bitext::Aligner;
/// let mut aligner = Aligner::new(); // the defaults; `Aligner::builder()` sets them
/// let a = aligner.align_lengths(&[40, 10], &[25, 6]);
/// assert_eq!(a.beads.len(), 2);
/// # Ok::<(), bitext::Error>(())
/// ```
///
/// # Model
///
/// An alignment is a sequence of *beads*, each putting `a` consecutive English
/// sentences against `b` consecutive Arabic ones (1-1, 1-2, 2-1, …, 1-0 and 0-1 for
/// sentences with no counterpart). Its cost is the sum of bead costs
///
/// ```text
/// cost(a-b) = −ln P(a-b) − ln t_ν(l₂; c·l₁, s²·(l₁+1)) + ln G_b(l₂)    (a, b ≥ 1)
/// cost(1-0) = −ln P(1-0),   cost(0-1) = −ln P(0-1)
/// ```
///
/// where `l₁`, `l₂` are the bead's total English and Arabic lengths (Unicode scalar
/// values without whitespace, vowel marks, tatweel or invisible controls: see
/// [`measure_len`](crate::normalize::measure_len)), `t_ν` a Student-t density with
/// ν = 4 (or the normal of Gale and Church, *A Program for Aligning Sentences in
/// Bilingual Corpora*, Computational Linguistics 19(1), 1993), `c` the expected length
/// ratio, `s²` its variance per unit length, and `G_b` the gamma density of the total
/// length of `b` unrelated Arabic sentences. The last term makes each bead's length
/// part a likelihood ratio against "these sentences are unrelated", so beads of
/// different shapes compare fairly and forward–backward yields posteriors (see
/// [`Params`]). The aligner returns the path of least total cost.
///
/// [`Aligner::align`], which sees the text, adds an anchor term to beads with both
/// sides: minus the log-likelihood ratio of the beads' lexical anchors (numbers,
/// Latin words, name skeletons, question marks, … see [`extract_anchors`](crate::extract_anchors)) matching
/// or not, against chance near that position, fitted on the first path (see
/// [`AlignerBuilder::anchors`]). Beads up to 1-12 and 12-1 join when the input calls for
/// them ([`AlignerBuilder::many_to_one`]).
///
/// # Estimation
///
/// No constant ratio suits Arabic: measured over 1-1 translations it is 0.59 for
/// vocalized Bible text once the marks are removed, 0.98 with them, 0.48 for the
/// Quran and about 0.92 for news. By default `c`, `s²` and the priors start from
/// closed-form estimates from sums over the whole input ([`Params::estimate`]): the ratio of the
/// two sides' total lengths, `s² = 2.4·c²`, and priors tilted so that beads consume
/// the two languages' sentences at the rate of their counts. Sums are robust: a few
/// bad beads cannot move them. [`AlignerBuilder::max_refits`] adds expectation–maximisation
/// over the posteriors of a sample of the banded lattice (maximum a posteriori, with
/// the closed-form values as the prior; each refit kept only if the sample's
/// likelihood does not drop): the start values are population values (the variance
/// per unit of `c²` and the bead priors), so the input moves them only as far as its
/// evidence carries. [`AlignerBuilder::fit`]`(false)` uses fixed
/// values instead ([`Params::fixed`]).
///
/// # Rates along the text
///
/// Input of 1,000 sentences or more need not keep one rhythm (part translated
/// paragraph by paragraph, part sentence by sentence), and one global count ratio then
/// tilts the priors the wrong way everywhere. There the aligner also estimates, per
/// block of 16 English rows and over a window of about 192 English sentences along a
/// course, the local count ratio (the priors are re-tilted to it on top of
/// [`Params::priors`]; 1-0 and 0-1 are not tilted) and the local length ratio `c`
/// (with `s² ∝ c²`), both shrunk towards the global values. Bead kinds whose local
/// prior is below `e^−10` are not searched in that block, so the one-to-many kinds up
/// to [`AlignerBuilder::many_to_one`] cost only where the text has them. The quick pass takes
/// its rates along the diagonal of the cumulative lengths (no search needed); the full
/// model takes them along the quick path. [`Alignment::params`](crate::Alignment::params) holds the global
/// values; the local ones are not returned.
///
/// # Band and complexity
///
/// Lattices of up to 40,000 cells (about 200 sentences a side,
/// [`AlignerBuilder::exact_up_to`]) are searched whole: the result is exactly the
/// programme's optimum. Larger ones are banded. A quick pass with seven bead kinds
/// (plus, with rates along the text, the one-to-many kinds whose local prior is at
/// least `e^−7`) and the normal model runs in a band that follows the cheapest cell of
/// each row (`w ≥ 32` cells on each side), doubled while its path touches the band's
/// edge. The full model then searches `w` cells ([`AlignerBuilder::band`], widened at each
/// row to the longest kind searched there) on each side of that
/// path; where its path comes within a bead's size of the band's edge or leaves
/// the quick path's beads, a window around the spot is re-solved in its
/// own lattice with a band that grows until the path keeps clear. This is a strong
/// heuristic, not a proof: rare inputs (runs of one- to five-letter sentences) have
/// an optimum on a far course at nearly the same cost, which the band can miss.
/// All growth stops at a budget of
/// 64 cells per sentence, so time and memory are `O((n + m) · w · K)` for `n` English
/// and `m` Arabic sentences and `K` bead kinds: linear in the document. The Viterbi
/// passes keep costs for the last rows a bead can span only and one byte of back-pointer
/// per cell. Buffers live in the [`Aligner`] and are reused across calls.
///
/// # Scores
///
/// A bead's [`score`](crate::Bead::score) is its posterior probability under the fitted model,
/// `P(bead | lengths, anchors) = α(start) · e^(−cost) · β(end) / Z`, from the forward–backward
/// pass inside the band.
pub struct Aligner {
    pub(super) config: AlignConfig,
    /// Per-sentence match costs of the call under way (`align_with_match_costs`).
    pub(super) matches: Option<Arc<MatchCosts>>,
    /// What the items of the call under way hold, when some lack letters (see
    /// `content`).
    pub(super) content: Option<Arc<Content>>,
    pub(super) lattice: Lattice,
    pub(super) window: Lattice,
}

/// Widest band stored: the passes add a few multiples of it to sentence indices.
const MAX_BAND: usize = usize::MAX / 16;

/// Largest allowed `max_bead`: the number of bead kinds grows with its square.
const MAX_BEAD_LIMIT: usize = 8;

/// Default of [`AlignerBuilder::exact_up_to`]: the same size as the quick pass's.
const EXACT_UP_TO: usize = SMALL_LATTICE;

impl Default for AlignConfig {
    fn default() -> Self {
        AlignConfig {
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
            lexicon: None,
            self_train: true,
        }
    }
}

impl Default for AlignerBuilder {
    fn default() -> Self {
        AlignConfig::default().to_builder()
    }
}

impl AlignerBuilder {
    /// The default settings.
    pub fn new() -> Self {
        Self::default()
    }

    /// Checks every setting and returns an [`Aligner`] with them.
    ///
    /// # Errors
    /// [`Error::InvalidConfig`] naming the first setting out of range (and, for
    /// [`AlignerBuilder::params`], the first field of the parameters that does not
    /// define a model).
    pub fn build(self) -> Result<Aligner> {
        Ok(Aligner::with_config(self.build_config()?))
    }

    /// Checks every setting and returns them as an [`AlignConfig`], to share
    /// between workers ([`Aligner::with_config`]) or hand to a
    /// [`DocumentAligner`](crate::DocumentAligner).
    ///
    /// # Errors
    /// As [`AlignerBuilder::build`].
    pub fn build_config(self) -> Result<AlignConfig> {
        self.settings.validate()?;
        Ok(self.settings)
    }

    /// The settings as set, unchecked: for a builder that checks them later.
    pub(crate) fn into_unchecked(self) -> AlignConfig {
        self.settings
    }

    /// The most sentences a bead may hold on either side, 1 to 8.
    ///
    /// ```
    /// # use bitext::Aligner;
    /// assert_eq!(Aligner::new().config().max_bead(), 4); // the default
    /// assert_eq!(Aligner::builder().max_bead(2).build()?.config().max_bead(), 2);
    /// # Ok::<(), bitext::Error>(())
    /// ```
    pub fn max_bead(mut self, n: usize) -> Self {
        self.settings.max_bead = n;
        self
    }

    /// The longest one-to-many beads (1-k and k-1, up to 16) added beyond
    /// [`AlignerBuilder::max_bead`] when the input calls for them, as in scripture,
    /// legal text, subtitles or a translation made paragraph by paragraph, where one
    /// sentence of one language carries several of the other. Below 1,000 sentences
    /// they join when one bead in a hundred of the first path is 1-3 or 3-1; in
    /// longer input they are searched only where the priors along the text give them
    /// at least one bead in about 22,000 (see [`Aligner::align`]), so text that
    /// translates sentence by sentence does not pay for the longest. Values up to
    /// `max_bead` add nothing.
    ///
    /// ```
    /// # use bitext::Aligner;
    /// assert_eq!(Aligner::new().config().many_to_one(), 12); // the default
    /// ```
    pub fn many_to_one(mut self, k: usize) -> Self {
        self.settings.many_to_one = k;
        self
    }

    /// Half-width, in sentences (at least 1), of the band the full model searches
    /// around the quick first path. The band grows by itself where the path needs it;
    /// this only sets where it starts. A band at least as wide as the input is the
    /// whole lattice (the exact programme); widths beyond `usize::MAX / 16` are
    /// stored as that, which keeps the band arithmetic clear of overflow.
    ///
    /// ```
    /// # use bitext::Aligner;
    /// assert_eq!(Aligner::new().config().band(), 8); // the default
    /// ```
    pub fn band(mut self, w: usize) -> Self {
        self.settings.band = w.min(MAX_BAND);
        self
    }

    /// Largest lattice, in cells (`(n + 1)·(m + 1)` for `n` English and `m` Arabic
    /// sentences), that the full model searches whole instead of in a band: up to
    /// this size the result is exactly the optimum of the dynamic programme. The
    /// default, 40,000 cells, covers about 200 sentences a side, every news page,
    /// at about twice the banded search's time there. Beyond it the band keeps time and memory linear. `0` bands every
    /// input, as tests of the band itself want.
    ///
    /// ```
    /// # use bitext::Aligner;
    /// assert_eq!(Aligner::new().config().exact_up_to(), 40_000); // the default
    /// ```
    pub fn exact_up_to(mut self, cells: usize) -> Self {
        self.settings.exact_up_to = cells;
        self
    }

    /// Whether to estimate the length ratio, variance and bead priors from the input
    /// ([`Params::estimate`]) or use fixed values ([`Params::fixed`]).
    ///
    /// ```
    /// # use bitext::Aligner;
    /// assert!(Aligner::new().config().fit()); // the default
    /// ```
    pub fn fit(mut self, on: bool) -> Self {
        self.settings.fit = on;
        self
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
    /// assert_eq!(Aligner::new().config().max_refits(), 3); // the default
    /// ```
    pub fn max_refits(mut self, n: usize) -> Self {
        self.settings.max_refits = n;
        self
    }

    /// A fixed starting length ratio `c` (Arabic length per English length,
    /// 0.001 to 1000) instead of the ratio of the two sides' total lengths.
    ///
    /// ```
    /// # use bitext::Aligner;
    /// assert_eq!(Aligner::new().config().ratio(), None); // the default: from the input
    /// ```
    pub fn ratio(mut self, c: Option<f64>) -> Self {
        self.settings.ratio = c;
        self
    }

    /// Degrees of freedom of the Student-t length model (at least 1), or `None`
    /// for Gale and Church's normal model. Heavier tails make a loosely translated
    /// sentence cost less, so one odd length does not drag its neighbours out of
    /// place; four degrees of freedom is the usual robust choice (Lange, Little and
    /// Taylor, JASA 1989).
    ///
    /// ```
    /// # use bitext::Aligner;
    /// assert_eq!(Aligner::new().config().tail(), Some(4.0)); // the default
    /// ```
    pub fn tail(mut self, nu: Option<f64>) -> Self {
        self.settings.tail = nu;
        self
    }

    /// Whether [`Aligner::align`] adds lexical anchors (numbers, Latin tokens,
    /// name skeletons, question marks, quotes: see [`extract_anchors`](crate::extract_anchors))
    /// to the length model. Each anchor weighs `ln(p/q)` when the other side has it
    /// and `ln((1−p)/(1−q))` when not, with `p` its match rate along the first path
    /// (per kind and direction) and `q` its share of the other side's sentences
    /// near the expected position; anchors that are common nearby, or that never
    /// occur on the other side, weigh nothing. [`Aligner::align_lengths`] has no
    /// text and uses length alone.
    ///
    /// ```
    /// # use bitext::Aligner;
    /// assert!(Aligner::new().config().anchors()); // the default
    /// ```
    pub fn anchors(mut self, on: bool) -> Self {
        self.settings.anchors = on;
        self
    }

    /// Model parameters to start from instead of estimating them from the input:
    /// parameters fitted on a large corpus
    /// ([`Alignment::params`](crate::Alignment::params)) reused on small pages, or a
    /// prior of your own. Their bead kinds are the ones the aligner uses
    /// ([`AlignerBuilder::max_bead`] and [`AlignerBuilder::many_to_one`] then add
    /// none), and [`AlignerBuilder::ratio`] still overrides theirs when set; their
    /// [`tail`](Params::tail) replaces [`AlignerBuilder::tail`].
    /// With [`AlignerBuilder::max_refits`] the refits start from these values and
    /// shrink towards them. [`AlignerBuilder::build`] refuses parameters that do not
    /// define a model the search can use: among others, 1-0 and 0-1 must have
    /// positive priors and be the only kinds with an empty side.
    ///
    /// ```
    /// # use bitext::Aligner;
    /// let mut big = Aligner::new();
    /// let fitted = big.align_lengths(&[40, 80, 60, 30], &[35, 70, 50, 28]).params;
    /// let mut small = Aligner::builder().params(Some(fitted.clone())).build()?;
    /// assert_eq!(small.align_lengths(&[40], &[36]).params.ratio, fitted.ratio);
    /// assert!(Aligner::new().config().params().is_none()); // the default: from the input
    /// # Ok::<(), bitext::Error>(())
    /// ```
    pub fn params(mut self, params: Option<Params>) -> Self {
        self.settings.params = params.map(Arc::new);
        self
    }

    /// A lexicon ([`Lexicon`]: a dictionary, a saved or a trained one) whose
    /// translations [`Aligner::align`] weighs as it weighs anchors: each English
    /// content word with a translation in the lexicon matches a bead's Arabic side
    /// or not, and each Arabic word translating an English word of the input
    /// matches the English side or not, with rates fitted per input along the
    /// first path. A text the lexicon does not cover aligns as without it. With
    /// [`AlignerBuilder::self_train`] the lexicon seeds the input's own training.
    /// See the crate's `docs/DESIGN.md` (the lexicon) for the model. Default: none.
    ///
    /// ```
    /// # use bitext::{Aligner, Lexicon};
    /// # use std::sync::Arc;
    /// let lex = Lexicon::train(&[("The king.", "الملك.")], None);
    /// let aligner = Aligner::builder().lexicon(Some(Arc::new(lex))).build()?;
    /// assert!(aligner.config().lexicon().is_some());
    /// # Ok::<(), bitext::Error>(())
    /// ```
    pub fn lexicon(mut self, lexicon: Option<Arc<Lexicon>>) -> Self {
        self.settings.lexicon = lexicon;
        self
    }

    /// Whether [`Aligner::align`] trains a lexicon on the input itself where the
    /// input is long enough to teach one (at least 50 sentences a side): IBM
    /// Model 1 on the confident beads of a first alignment (posterior at least 0.9,
    /// at most two sentences a side), seeded by [`AlignerBuilder::lexicon`] when
    /// set, and a second alignment with it. Default: on.
    ///
    /// ```
    /// # use bitext::Aligner;
    /// assert!(Aligner::new().config().self_train()); // the default
    /// ```
    pub fn self_train(mut self, on: bool) -> Self {
        self.settings.self_train = on;
        self
    }
}

impl AlignConfig {
    pub(crate) fn validate(&self) -> Result<()> {
        let s = self;
        if s.max_bead == 0 || s.max_bead > MAX_BEAD_LIMIT {
            return Err(Error::InvalidConfig {
                name: "max_bead",
                reason: format!("{} is not in 1..={MAX_BEAD_LIMIT}", s.max_bead),
            });
        }
        if s.many_to_one > MANY_TO_ONE_LIMIT {
            return Err(Error::InvalidConfig {
                name: "many_to_one",
                reason: format!("{} is not in 0..={MANY_TO_ONE_LIMIT}", s.many_to_one),
            });
        }
        if s.band == 0 {
            return Err(Error::InvalidConfig {
                name: "band",
                reason: "0 is not at least 1".into(),
            });
        }
        if s.max_refits > 20 {
            return Err(Error::InvalidConfig {
                name: "max_refits",
                reason: format!("{} is not in 0..=20", s.max_refits),
            });
        }
        if let Some(nu) = s.tail {
            if !model::TAIL_RANGE.contains(&nu) {
                return Err(Error::InvalidConfig {
                    name: "tail",
                    reason: format!("{nu} degrees of freedom is not in 1..=1e6"),
                });
            }
        }
        if let Some(c) = s.ratio {
            if !model::RATIO_RANGE.contains(&c) {
                return Err(Error::InvalidConfig {
                    name: "ratio",
                    reason: format!("{c} is not in 0.001..=1000"),
                });
            }
        }
        if let Some(p) = &s.params {
            p.validate()?;
        }
        Ok(())
    }
}

impl AlignConfig {
    /// A builder holding these settings, to derive a variant.
    ///
    /// ```
    /// # use bitext::Aligner;
    /// let fixed = Aligner::new().config().to_builder().fit(false).build_config()?;
    /// assert!(!fixed.fit());
    /// # Ok::<(), bitext::Error>(())
    /// ```
    pub fn to_builder(&self) -> AlignerBuilder {
        AlignerBuilder {
            settings: self.clone(),
        }
    }

    /// See [`AlignerBuilder::max_bead`].
    pub fn max_bead(&self) -> usize {
        self.max_bead
    }

    /// See [`AlignerBuilder::many_to_one`].
    pub fn many_to_one(&self) -> usize {
        self.many_to_one
    }

    /// See [`AlignerBuilder::band`].
    pub fn band(&self) -> usize {
        self.band
    }

    /// See [`AlignerBuilder::exact_up_to`].
    pub fn exact_up_to(&self) -> usize {
        self.exact_up_to
    }

    /// See [`AlignerBuilder::fit`].
    pub fn fit(&self) -> bool {
        self.fit
    }

    /// See [`AlignerBuilder::max_refits`].
    pub fn max_refits(&self) -> usize {
        self.max_refits
    }

    /// See [`AlignerBuilder::ratio`].
    pub fn ratio(&self) -> Option<f64> {
        self.ratio
    }

    /// See [`AlignerBuilder::tail`].
    pub fn tail(&self) -> Option<f64> {
        self.tail
    }

    /// See [`AlignerBuilder::anchors`].
    pub fn anchors(&self) -> bool {
        self.anchors
    }

    /// See [`AlignerBuilder::params`].
    pub fn params(&self) -> Option<&Params> {
        self.params.as_deref()
    }

    /// See [`AlignerBuilder::lexicon`].
    pub fn lexicon(&self) -> Option<&Arc<Lexicon>> {
        self.lexicon.as_ref()
    }

    /// See [`AlignerBuilder::self_train`].
    pub fn self_train(&self) -> bool {
        self.self_train
    }
}

impl Aligner {
    /// An aligner with the default settings (those of [`AlignerBuilder::new`]).
    pub fn new() -> Self {
        Aligner::with_config(AlignConfig::default())
    }

    /// A builder to set up an aligner: `Aligner::builder().max_bead(3).build()?`.
    pub fn builder() -> AlignerBuilder {
        AlignerBuilder::new()
    }

    /// An aligner with these (validated) settings and empty buffers.
    pub fn with_config(config: AlignConfig) -> Self {
        Aligner {
            config,
            matches: None,
            content: None,
            lattice: Lattice::default(),
            window: Lattice::default(),
        }
    }

    /// The settings.
    pub fn config(&self) -> &AlignConfig {
        &self.config
    }

    /// Replaces the settings, keeping the buffers: a caller that derives settings
    /// per input (the document aligner's ratio search) reuses one set of buffers.
    pub(crate) fn set_config(&mut self, config: AlignConfig) {
        self.config = config;
    }
}

impl Default for Aligner {
    fn default() -> Self {
        Aligner::new()
    }
}

/// The same configuration with buffers of its own, empty until its first call:
/// copying the buffers would cost as much memory as the largest input seen, and
/// every call sizes and fills what it reads.
impl Clone for Aligner {
    fn clone(&self) -> Self {
        Aligner::with_config(self.config.clone())
    }
}

/// The configuration only: the buffers hold nothing a reader needs (and after a
/// 2,000 × 2,000 alignment would print hundreds of kilobytes).
impl fmt::Debug for Aligner {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Aligner")
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::BeadKind;

    #[test]
    fn invalid_settings_are_errors() {
        for builder in [
            Aligner::builder().max_bead(0),
            Aligner::builder().max_bead(9),
            Aligner::builder().many_to_one(17),
            Aligner::builder().band(0),
            Aligner::builder().ratio(Some(-1.0)),
            Aligner::builder().ratio(Some(f64::NAN)),
            Aligner::builder().ratio(Some(1e-170)),
            Aligner::builder().ratio(Some(1e200)),
            Aligner::builder().tail(Some(0.5)),
            Aligner::builder().max_refits(21),
        ] {
            assert!(matches!(builder.build(), Err(Error::InvalidConfig { .. })));
        }
    }

    /// Priors the lattice cannot search are refused when the aligner is built, not
    /// met as a panic or as beads that miss sentences when it runs.
    #[test]
    fn priors_without_single_insertions_and_deletions_are_errors() {
        let fitted = Params::estimate(3, &[40, 10, 25], &[30, 12, 20]);
        let with = |keep: &dyn Fn(BeadKind) -> bool, extra: &[(BeadKind, f64)]| {
            let mut p = fitted.clone();
            p.priors.retain(|(k, _)| keep(*k));
            p.priors.extend_from_slice(extra);
            Aligner::builder().params(Some(p)).build()
        };
        assert!(with(&|_| true, &[]).is_ok());
        for result in [
            with(&|k| k != BeadKind::new(0, 1), &[]),
            with(&|k| k != BeadKind::new(1, 0), &[]),
            with(&|k| k == BeadKind::new(1, 1), &[]),
            with(&|_| true, &[(BeadKind::new(0, 2), 0.01)]),
            with(&|_| true, &[(BeadKind::new(2, 0), 0.01)]),
            with(&|k| k != BeadKind::new(0, 1), &[(BeadKind::new(0, 1), 0.0)]),
        ] {
            assert!(matches!(
                result,
                Err(Error::InvalidConfig {
                    name: "params.priors",
                    ..
                })
            ));
        }
    }

    #[test]
    fn defaults_are_valid() {
        assert_eq!(
            AlignerBuilder::new().build_config().as_ref(),
            Ok(&AlignConfig::default())
        );
    }

    #[test]
    fn config_is_shareable_across_threads() {
        fn send_sync<T: Send + Sync>() {}
        send_sync::<AlignConfig>();
        send_sync::<AlignerBuilder>();
    }

    #[test]
    fn debug_shows_settings_not_buffers() {
        let n = 2_000;
        let en: Vec<usize> = (0..n).map(|i| 20 + (i * 7919) % 60).collect();
        let ar: Vec<usize> = en.iter().map(|&l| l * 9 / 10 + 1).collect();
        let mut aligner = Aligner::new();
        let before = format!("{aligner:?}");
        aligner.align_lengths(&en, &ar);
        assert!(aligner.lattice.scratch_bytes() > 100_000);
        let after = format!("{aligner:?}");
        assert_eq!(before, after);
        assert!(after.len() < 400, "{} bytes", after.len());
    }

    #[test]
    fn a_clone_has_the_settings_and_no_buffers() {
        let mut aligner = Aligner::builder().max_bead(3).build().expect("valid");
        aligner.align_lengths(&[40, 10, 30], &[25, 6, 20]);
        let copy = aligner.clone();
        assert_eq!(copy.config(), aligner.config());
        assert_eq!(copy.lattice.scratch_bytes(), 0);
    }
}
