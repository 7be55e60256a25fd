//! Sentence alignment: a banded Gale–Church style dynamic programme whose length
//! ratio, variance and bead priors are estimated from each input.
//!
//! The model, estimation, band, complexity and scores are documented on `Aligner`,
//! the type users meet.
//!
//! # Layout
//!
//! - `config`: the [`Aligner`]'s settings, their setters, getters and validation;
//! - `model`: [`Params`], the cost of a bead and its closed-form estimates;
//! - `costs`: `BeadCosts`, those parameters compiled for the inner loop, and
//!   `MatchCosts`;
//! - `band` and `lattice`: the cells a pass visits, and the Viterbi, forward and
//!   backward passes over them;
//! - `search`: the steps of an alignment (first path, fitting, full model in a band,
//!   repair windows, scores);
//! - `refit`: expectation–maximisation on sample windows of the first path;
//! - `local`: rates along the text; `anchor`: the anchor term; `evidence`: the
//!   [`Parallelism`] of an alignment, whether its two lists translate each other.

mod anchor;
mod band;
mod config;
mod content;
mod costs;
mod course;
mod entry;
mod evidence;
mod grain;
mod lattice;
mod lexical;
mod local;
mod model;
mod refit;
mod search;
#[cfg(test)]
mod tests;

use std::fmt;
use std::ops::Range;

use crate::anchors::AnchorKind;
use crate::parallelism::Parallelism;
pub use config::{AlignConfig, Aligner, AlignerBuilder};
pub(crate) use costs::MatchCosts;
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
        // page of a million lines), where growing it push by push shows in the time.
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
    /// Lattice cells swept by every pass of the alignment (the first path, fitting,
    /// the band, repair windows, scoring and the posteriors of beads over units):
    /// the measure of its work, which grows linearly with the input.
    pub cells_visited: usize,
    /// Whether anchors took part (the input had anchors worth using).
    pub anchors: bool,
}

/// How often one kind of anchor survives translation in an input, as fitted on the
/// first path (see [`AlignerBuilder::anchors`]).
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
    /// The model parameters used (fitted or default). Where [`Aligner::align`] split
    /// units into their sentences, the model ran on those, and the parameters
    /// (bead kinds and priors, the length ratio) describe sentences, not units.
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
    /// were off or the beads have none). Where [`Aligner::align`] split units into
    /// their sentences, the figures come from the sentence beads. See also
    /// [`Alignment::is_parallel`].
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
    Aligner::new().align(en, ar)
}

#[cfg(test)]
mod unit_tests {
    use super::*;

    #[test]
    fn a_bead_kind_holds_a_sentence() {
        assert!("0-0".parse::<BeadKind>().is_err());
        assert!("1-x".parse::<BeadKind>().is_err());
        assert_eq!("0-1".parse::<BeadKind>(), Ok(BeadKind::new(0, 1)));
    }
}
