//! Owned forms of the document results (see [`OwnedPair`]).

use std::ops::Range;

use crate::align::BeadKind;
use crate::document::{is_parallel, DocumentAlignment, NoPairs, Pair, Pairing, Sentence};
use crate::lang::Lang;
use crate::parallelism::Parallelism;
use crate::runs::Run;
use crate::span::Span;

/// A [`Sentence`] that owns its text.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct OwnedSentence {
    /// [`Lang::English`] or [`Lang::Arabic`].
    pub lang: Lang,
    /// Byte range in the input the sentence was found in.
    pub span: Span,
    /// The sentence.
    pub text: String,
    /// Index of its run in [`OwnedDocumentAlignment::runs`].
    pub run: usize,
}

/// A [`Pair`] that owns its text, for keeping pairs past the text they were
/// found in (collecting them from many files, sending them to another thread,
/// reading them back from JSON).
///
/// [`Pair`], [`Sentence`] and [`DocumentAlignment`] borrow their text from the
/// input, which costs nothing and is what most callers want; their owned twins
/// [`OwnedPair`], [`OwnedSentence`] and [`OwnedDocumentAlignment`] hold `String`s
/// and are made by `into_owned` (or `From`). With the `serde` feature both forms
/// serialize to the same JSON, and only the owned forms deserialize: a borrowed
/// `&str` cannot be read from JSON text that holds escapes (a quote, a line
/// break).
///
/// ```
/// use bitext::{align_document, OwnedPair};
///
/// fn first_pair(text: String) -> bitext::Result<Option<OwnedPair>> {
///     let doc = align_document(&text)?;
///     // The pair outlives `text`, which is dropped here.
///     Ok(doc.pairs.into_iter().next().map(|p| p.into_owned()))
/// }
/// let text = "The meeting ended at noon.\nانتهى الاجتماع عند الظهر.".to_string();
/// let pair = first_pair(text)?.expect("one pair");
/// assert_eq!(pair.en, "The meeting ended at noon.");
/// assert_eq!(pair.to_string(), "0.68 1-1 The meeting ended at noon. | انتهى الاجتماع عند الظهر.");
/// # #[cfg(feature = "serde")] {
/// let json = serde_json::to_string(&pair).unwrap();
/// assert!(json.contains(r#""en_sentences":[0,1]"#));
/// assert_eq!(serde_json::from_str::<OwnedPair>(&json).unwrap(), pair);
/// # }
/// # Ok::<(), bitext::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct OwnedPair {
    /// The English side.
    pub en: String,
    /// The Arabic side.
    pub ar: String,
    /// Byte range of the English side in the input.
    pub en_span: Span,
    /// Byte range of the Arabic side in the input.
    pub ar_span: Span,
    /// Number of English and Arabic sentences.
    pub kind: BeadKind,
    /// Confidence in `[0, 1]`, as [`Pair::score`].
    pub score: f64,
    /// Indices of the English sentences among the document's English sentences;
    /// `[start, end]` in JSON.
    #[cfg_attr(feature = "serde", serde(with = "crate::serde_util::range"))]
    pub en_sentences: Range<usize>,
    /// Indices of the Arabic sentences among the document's Arabic sentences;
    /// `[start, end]` in JSON.
    #[cfg_attr(feature = "serde", serde(with = "crate::serde_util::range"))]
    pub ar_sentences: Range<usize>,
}

/// A [`DocumentAlignment`] that owns its text.
#[derive(Clone, Debug, Default, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct OwnedDocumentAlignment {
    /// Language runs, in order.
    pub runs: Vec<Run>,
    /// English and Arabic sentences in document order.
    pub sentences: Vec<OwnedSentence>,
    /// Sentence pairs in English order (which is also Arabic order).
    pub pairs: Vec<OwnedPair>,
    /// Which runs translate which.
    pub pairings: Vec<Pairing>,
    /// How parallel the document looks as a whole, as
    /// [`DocumentAlignment::parallelism`].
    pub parallelism: Parallelism,
    /// Why [`OwnedDocumentAlignment::pairs`] is empty; `None` when it is not.
    #[cfg_attr(feature = "serde", serde(default))]
    pub no_pairs: Option<NoPairs>,
}

impl Sentence<'_> {
    /// This sentence with its text copied into a `String`.
    pub fn into_owned(self) -> OwnedSentence {
        OwnedSentence {
            lang: self.lang,
            span: self.span,
            text: self.text.to_owned(),
            run: self.run,
        }
    }
}

impl OwnedSentence {
    /// The borrowed form, pointing into this sentence's text.
    pub fn as_sentence(&self) -> Sentence<'_> {
        Sentence {
            lang: self.lang,
            span: self.span,
            text: &self.text,
            run: self.run,
        }
    }
}

impl Pair<'_> {
    /// This pair with both sides copied into `String`s.
    ///
    /// ```
    /// use bitext::align_document;
    /// let text = String::from("The meeting ended at noon.\nانتهى الاجتماع عند الظهر.");
    /// let pair = align_document(&text)?.pairs.remove(0).into_owned();
    /// drop(text);
    /// assert_eq!(pair.ar, "انتهى الاجتماع عند الظهر.");
    /// # Ok::<(), bitext::Error>(())
    /// ```
    pub fn into_owned(self) -> OwnedPair {
        OwnedPair::from(&self)
    }
}

/// Anything that borrows as a [`Pair`]: a [`Pair`], an [`OwnedPair`], or a
/// reference to either. The writers take it, so owned and borrowed pairs are
/// written by the same calls.
///
/// ```
/// use bitext::{align_document, AsPair, OwnedPair};
/// let text = "The meeting ended at noon.\nانتهى الاجتماع عند الظهر.";
/// let owned: Vec<OwnedPair> = align_document(text)?.pairs.into_iter().map(|p| p.into_owned()).collect();
/// assert_eq!(owned[0].as_pair().en, "The meeting ended at noon.");
/// # Ok::<(), bitext::Error>(())
/// ```
pub trait AsPair {
    /// The borrowed form, pointing into the strings this value holds or borrows.
    fn as_pair(&self) -> Pair<'_>;
}

impl AsPair for Pair<'_> {
    fn as_pair(&self) -> Pair<'_> {
        self.clone()
    }
}

impl<P: AsPair + ?Sized> AsPair for &P {
    fn as_pair(&self) -> Pair<'_> {
        (**self).as_pair()
    }
}

impl<P: AsPair + ?Sized> AsPair for &mut P {
    fn as_pair(&self) -> Pair<'_> {
        (**self).as_pair()
    }
}

impl AsPair for OwnedPair {
    /// The borrowed form, pointing into this pair's strings.
    fn as_pair(&self) -> Pair<'_> {
        Pair {
            en: &self.en,
            ar: &self.ar,
            en_span: self.en_span,
            ar_span: self.ar_span,
            kind: self.kind,
            score: self.score,
            en_sentences: self.en_sentences.clone(),
            ar_sentences: self.ar_sentences.clone(),
        }
    }
}

impl DocumentAlignment<'_> {
    /// This document's results with every text copied into a `String`.
    pub fn into_owned(self) -> OwnedDocumentAlignment {
        OwnedDocumentAlignment {
            runs: self.runs,
            sentences: self
                .sentences
                .into_iter()
                .map(Sentence::into_owned)
                .collect(),
            pairs: self.pairs.into_iter().map(Pair::into_owned).collect(),
            pairings: self.pairings,
            parallelism: self.parallelism,
            no_pairs: self.no_pairs,
        }
    }
}

impl OwnedDocumentAlignment {
    /// The sentences of one language, in order: the index space of
    /// [`OwnedPair::en_sentences`] (for English) and [`OwnedPair::ar_sentences`],
    /// as [`DocumentAlignment::sentences_in`].
    pub fn sentences_in(&self, lang: Lang) -> Vec<&OwnedSentence> {
        self.sentences.iter().filter(|s| s.lang == lang).collect()
    }

    /// As [`DocumentAlignment::is_parallel`].
    pub fn is_parallel(&self) -> bool {
        is_parallel(!self.pairs.is_empty(), self.no_pairs)
    }
}

impl From<Sentence<'_>> for OwnedSentence {
    fn from(s: Sentence<'_>) -> Self {
        s.into_owned()
    }
}

impl From<&Pair<'_>> for OwnedPair {
    fn from(p: &Pair<'_>) -> Self {
        OwnedPair {
            en: p.en.to_owned(),
            ar: p.ar.to_owned(),
            en_span: p.en_span,
            ar_span: p.ar_span,
            kind: p.kind,
            score: p.score,
            en_sentences: p.en_sentences.clone(),
            ar_sentences: p.ar_sentences.clone(),
        }
    }
}

impl From<Pair<'_>> for OwnedPair {
    fn from(p: Pair<'_>) -> Self {
        OwnedPair::from(&p)
    }
}

impl From<DocumentAlignment<'_>> for OwnedDocumentAlignment {
    fn from(d: DocumentAlignment<'_>) -> Self {
        d.into_owned()
    }
}

impl PartialEq<OwnedPair> for Pair<'_> {
    fn eq(&self, other: &OwnedPair) -> bool {
        *self == other.as_pair()
    }
}

impl PartialEq<Pair<'_>> for OwnedPair {
    fn eq(&self, other: &Pair<'_>) -> bool {
        self.as_pair() == *other
    }
}

impl PartialEq<OwnedSentence> for Sentence<'_> {
    fn eq(&self, other: &OwnedSentence) -> bool {
        *self == other.as_sentence()
    }
}

impl PartialEq<Sentence<'_>> for OwnedSentence {
    fn eq(&self, other: &Sentence<'_>) -> bool {
        self.as_sentence() == *other
    }
}

impl std::fmt::Display for OwnedPair {
    /// As [`Pair`]'s.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.as_pair().fmt(f)
    }
}

#[cfg(all(test, feature = "serde"))]
mod tests {
    use super::*;
    use crate::align_document;

    const PAGE: &str = "The river flooded the old town on Monday.\n\
                        Hundreds of families left their \"homes\".\n\
                        فاض النهر على البلدة القديمة يوم الاثنين.\n\
                        وغادرت مئات العائلات منازلها.\n\
                        Share this";

    #[test]
    fn owned_document_reads_back_what_the_borrowed_one_wrote() {
        let doc = align_document(PAGE).unwrap_or_default();
        assert_eq!(doc.pairs.len(), 2);
        let json = serde_json::to_string(&doc).unwrap_or_default();
        let owned = doc.clone().into_owned();
        // Same JSON from both forms.
        assert_eq!(serde_json::to_string(&owned).unwrap_or_default(), json);
        // Escaped quotes and all: the owned form reads it back.
        let back: OwnedDocumentAlignment = serde_json::from_str(&json).unwrap_or_default();
        assert_eq!(back, owned);
        for (b, p) in back.pairs.iter().zip(&doc.pairs) {
            assert_eq!(b, p);
        }
        for (b, s) in back.sentences.iter().zip(&doc.sentences) {
            assert_eq!(b, s);
        }
        assert_eq!(
            back.sentences_in(Lang::Arabic).len(),
            doc.sentences_in(Lang::Arabic).len()
        );
    }

    #[test]
    fn sentence_ranges_are_arrays_like_spans() {
        let doc = align_document(PAGE).unwrap_or_default();
        let v = serde_json::to_value(&doc).unwrap_or_default();
        assert_eq!(v["pairs"][1]["en_sentences"], serde_json::json!([1, 2]));
        assert_eq!(v["pairs"][1]["ar_sentences"], serde_json::json!([1, 2]));
        assert_eq!(v["pairings"][0]["pairs"], serde_json::json!([0, 2]));
        assert_eq!(v["sentences"][0]["span"], serde_json::json!([0, 41]));
    }
}
