//! What aligning a document gives: its runs, sentences, pairs and pairings.

use std::ops::Range;

use crate::align::BeadKind;
use crate::lang::Lang;
use crate::parallelism::Parallelism;
use crate::runs::Run;
use crate::span::Span;

/// One English or Arabic sentence of the document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Sentence<'t> {
    /// [`Lang::English`] or [`Lang::Arabic`].
    pub lang: Lang,
    /// Byte range in the input.
    pub span: Span,
    /// The sentence, `&input[span]`.
    pub text: &'t str,
    /// Index of its run in [`DocumentAlignment::runs`].
    pub run: usize,
}

/// An aligned sentence pair: one or more English sentences and their Arabic
/// translation.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Pair<'t> {
    /// The English side, from its first sentence's start to its last's end.
    pub en: &'t str,
    /// The Arabic side, likewise.
    pub ar: &'t str,
    /// Byte range of [`Pair::en`] in the input.
    pub en_span: Span,
    /// Byte range of [`Pair::ar`] in the input.
    pub ar_span: Span,
    /// Number of English and Arabic sentences.
    pub kind: BeadKind,
    /// The probability in `[0, 1]` that the pair is right: that the unit bead
    /// it lies in pairs lines that translate each other, times that the
    /// pair's sentences are linked right inside it (see "Scores" on
    /// [`DocumentAligner`](crate::DocumentAligner)). Keeping the pairs scored
    /// at least `t` keeps pairs of which about a share `t` or more are right.
    pub score: f64,
    /// Indices of the English sentences among the document's English
    /// sentences (see [`DocumentAlignment::sentences_in`]); `[start, end]` in
    /// JSON.
    #[cfg_attr(feature = "serde", serde(with = "crate::serde_util::range"))]
    pub en_sentences: Range<usize>,
    /// Indices of the Arabic sentences among the document's Arabic sentences;
    /// `[start, end]` in JSON.
    #[cfg_attr(feature = "serde", serde(with = "crate::serde_util::range"))]
    pub ar_sentences: Range<usize>,
}

/// A group of English and Arabic runs that translate each other: the runs
/// linked by pairs, closed under sharing a run. An English block followed by
/// its Arabic block is one pairing; interleaved paragraphs give one pairing
/// per paragraph.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct Pairing {
    /// Indices into [`DocumentAlignment::runs`] of the English runs.
    pub en_runs: Vec<usize>,
    /// Indices of the Arabic runs.
    pub ar_runs: Vec<usize>,
    /// Indices into [`DocumentAlignment::pairs`]; `[start, end]` in JSON.
    #[cfg_attr(feature = "serde", serde(with = "crate::serde_util::range"))]
    pub pairs: Range<usize>,
    /// Mean score of those pairs.
    pub mean_score: f64,
    /// How parallel the runs look, from those pairs.
    pub parallelism: Parallelism,
}
/// Everything found in one document.
#[derive(Clone, Debug, Default, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct DocumentAlignment<'t> {
    /// Language runs, in order.
    pub runs: Vec<Run>,
    /// English and Arabic sentences in document order.
    pub sentences: Vec<Sentence<'t>>,
    /// Sentence pairs in English order (which is also Arabic order).
    pub pairs: Vec<Pair<'t>>,
    /// Which runs translate which.
    pub pairings: Vec<Pairing>,
    /// How parallel the document looks as a whole, from its pairs before the
    /// [`min_score`](crate::DocumentAlignerBuilder::min_score) filter (the
    /// figures do not change with the threshold).
    pub parallelism: Parallelism,
    /// Why [`DocumentAlignment::pairs`] is empty; `None` when it is not.
    pub no_pairs: Option<NoPairs>,
}

/// Why a document has no pairs.
///
/// ```
/// use bitext::{align_document, NoPairs};
/// let doc = align_document("Only English here.\nAnd more of it.")?;
/// assert_eq!(doc.no_pairs, Some(NoPairs::OneLanguage));
/// assert!(!doc.is_parallel());
/// # Ok::<(), bitext::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum NoPairs {
    /// The document holds no English and no Arabic sentence.
    Empty,
    /// It holds sentences of one of the two languages only.
    OneLanguage,
    /// It holds both, but nothing that looks like a translation of the other.
    NotParallel,
    /// Pairs were found, all below the
    /// [`min_score`](crate::DocumentAlignerBuilder::min_score) threshold.
    BelowThreshold,
}

impl std::fmt::Display for NoPairs {
    /// Lowercase words: `one language only`, `not parallel`, ….
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            NoPairs::Empty => "no English or Arabic text",
            NoPairs::OneLanguage => "one language only",
            NoPairs::NotParallel => "not parallel",
            NoPairs::BelowThreshold => "every pair below the minimum score",
        })
    }
}

impl<'t> DocumentAlignment<'t> {
    /// Whether the document aligner found English and Arabic text that
    /// translate each other: it has pairs, or had some that all fell below
    /// the [`min_score`](crate::DocumentAlignerBuilder::min_score) threshold.
    /// Pairings that look like chance matches of unrelated text are dropped
    /// before, so pairs that remain are parallel text.
    pub fn is_parallel(&self) -> bool {
        is_parallel(!self.pairs.is_empty(), self.no_pairs)
    }

    /// The sentences of one language, in order: the index space of
    /// [`Pair::en_sentences`] (for English) and [`Pair::ar_sentences`].
    ///
    /// ```
    /// use bitext::{align_document, Lang};
    /// let doc = align_document("The meeting ended at noon.\nانتهى الاجتماع عند الظهر.")?;
    /// let en = doc.sentences_in(Lang::English);
    /// assert_eq!(en[doc.pairs[0].en_sentences.start].text, "The meeting ended at noon.");
    /// # Ok::<(), bitext::Error>(())
    /// ```
    pub fn sentences_in(&self, lang: Lang) -> Vec<&Sentence<'t>> {
        self.sentences.iter().filter(|s| s.lang == lang).collect()
    }
}

/// [`DocumentAlignment::is_parallel`] from the document's [`NoPairs`].
pub(crate) fn is_parallel(has_pairs: bool, no_pairs: Option<NoPairs>) -> bool {
    has_pairs || no_pairs == Some(NoPairs::BelowThreshold)
}
