//! What a batch teaches every page of it: the confident pairs of every
//! document of a first pass train one lexicon, and a second pass aligns each
//! document with it.
//!
//! The second pass is a separate call, not the default of
//! [`DocumentAligner::align_batch`]: it doubles the work, and a single page's
//! own sentence alignment already trains on itself where it is long enough
//! (fifty sentences a side). A crawl of many short pages is where it pays: each
//! page holds a handful of confident pairs, too few to teach anything alone,
//! while together they cover the site's vocabulary.

use std::sync::Arc;

use super::Lexicon;
use crate::document::{DocumentAligner, DocumentAlignment, Pair};
use crate::error::Result;

/// Score a pair needs to teach: a bead the first pass is sure of.
const TEACHING_SCORE: f64 = 0.9;

/// Fewest teaching pairs a batch needs before a second pass: the line of the
/// sentence aligner's self-training, for the same reason (fewer confident
/// beads teach a handful of words and mostly their noise).
const MIN_TEACHING_PAIRS: usize = 50;

/// Sentences a side a teaching pair may have: wider pairs spread each word over
/// too many candidates to teach it.
const MAX_SIDE: usize = 2;

impl Lexicon {
    /// Trains IBM Model 1 on the confident pairs (score at least 0.9, one or two
    /// sentences a side) among `pairs`, seeded by `seed`; `None` when fewer than
    /// 50 qualify (the line of the sentence aligner's self-training).
    ///
    /// ```
    /// use bitext::Lexicon;
    /// let docs = bitext::align_documents(&["It rained.\nأمطرت."]);
    /// let pairs = docs.iter().flatten().flat_map(|d| &d.pairs);
    /// assert!(Lexicon::from_confident_pairs(pairs, None).is_none()); // too few
    /// ```
    pub fn from_confident_pairs<'p, 't: 'p>(
        pairs: impl IntoIterator<Item = &'p Pair<'t>>,
        seed: Option<&Lexicon>,
    ) -> Option<Lexicon> {
        let teaching: Vec<(&str, &str)> = pairs
            .into_iter()
            .filter(|p| {
                p.score >= TEACHING_SCORE
                    && (1..=MAX_SIDE).contains(&p.en_sentences.len())
                    && (1..=MAX_SIDE).contains(&p.ar_sentences.len())
            })
            .map(|p| (p.en, p.ar))
            .collect();
        (teaching.len() >= MIN_TEACHING_PAIRS).then(|| Lexicon::train(&teaching, seed))
    }
}

impl DocumentAligner {
    /// [`DocumentAligner::align_batch`] twice: the confident pairs of every
    /// document of the first pass train one lexicon (seeded by the configured
    /// one, see [`Lexicon::from_confident_pairs`]), and the batch is aligned
    /// again with it. Returns the alignments and the lexicon learned, which
    /// [`Lexicon::save`] can keep for later runs; where the batch teaches too
    /// little, the first pass and `None`.
    ///
    /// Memory: the first pass's alignments are dropped before the second pass
    /// starts; both borrow `texts`, which the caller holds anyway.
    pub fn align_batch_taught<'t, T: AsRef<str> + Sync>(
        &self,
        texts: &'t [T],
    ) -> (Vec<Result<DocumentAlignment<'t>>>, Option<Lexicon>) {
        let first = self.align_batch(texts);
        let seed = self.config().aligner().lexicon().map(Arc::as_ref);
        let pairs = first.iter().flatten().flat_map(|d| &d.pairs);
        let Some(lexicon) = Lexicon::from_confident_pairs(pairs, seed) else {
            return (first, None);
        };
        drop(first);
        let aligner =
            (self.config().aligner().to_builder()).lexicon(Some(Arc::new(lexicon.clone())));
        // Cannot fail: the settings are this aligner's, checked when it was
        // built, with a lexicon added (which has no bounds).
        match self.config().to_builder().aligner(aligner).build() {
            Ok(taught) => (taught.align_batch(texts), Some(lexicon)),
            Err(_) => (self.align_batch(texts), None),
        }
    }
}
