//! The [`Aligner`]'s settings: setters, getters, and the validation every call runs
//! before it searches (a setting out of range is an [`Error::InvalidConfig`], never a
//! panic). The search itself is in `search`.

use std::sync::Arc;

use super::costs::MatchCosts;
use super::lattice::Lattice;
use super::model::{self, Params};
use super::search::SMALL_LATTICE;
use crate::{Error, Result};

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
    pub(super) max_bead: usize,
    pub(super) many_to_one: usize,
    pub(super) band: usize,
    pub(super) exact_up_to: usize,
    pub(super) fit: bool,
    pub(super) max_refits: usize,
    pub(super) ratio: Option<f64>,
    pub(super) tail: Option<f64>,
    pub(super) anchors: bool,
    pub(super) params: Option<Params>,
    /// Per-sentence match costs of the call under way (`align_with_match_costs`).
    pub(super) matches: Option<Arc<MatchCosts>>,
    pub(super) lattice: Lattice,
    pub(super) window: Lattice,
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

/// Default of [`Aligner::exact_up_to`]: the same size as the quick pass's.
const EXACT_UP_TO: usize = SMALL_LATTICE;

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
    /// parameters fitted on a large corpus
    /// ([`Alignment::params`](crate::Alignment::params)) reused on small pages, or a
    /// prior of your own. Their bead kinds are the ones the aligner uses
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

    pub(super) fn validate(&self) -> Result<()> {
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
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
