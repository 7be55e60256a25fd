//! Many documents, or many pairs of sentence lists, in one call.
//!
//! The contract, threads and buffers are documented on `align_documents`.

#[cfg(feature = "parallel")]
use rayon::prelude::*;

/// `f` over `items` in order, each worker with its own state from `init`
/// (buffers reused across its items): on the current rayon pool with the
/// `parallel` feature, one after another without it.
pub(crate) fn map_with_state<'a, T: Sync, S: Send, R: Send>(
    items: &'a [T],
    init: impl Fn() -> S + Sync + Send,
    f: impl Fn(&mut S, &'a T) -> R + Sync + Send,
) -> Vec<R> {
    #[cfg(feature = "parallel")]
    {
        items.par_iter().map_init(init, f).collect()
    }
    #[cfg(not(feature = "parallel"))]
    {
        let mut state = init();
        items.iter().map(|t| f(&mut state, t)).collect()
    }
}

use std::sync::Arc;

use crate::align::{Aligner, Alignment};
use crate::document::{DocumentAligner, DocumentAlignment, Furniture, Pair};
use crate::error::{Error, Result};
use crate::lexicon::Lexicon;

/// Aligns every document with the default [`DocumentAligner`]:
/// `DocumentAligner::new().align_batch(texts)`.
///
/// ```
/// let pages = ["The meeting ended at noon.\nانتهى الاجتماع عند الظهر.", "Only English."];
/// let docs = bitext::align_documents(&pages);
/// assert_eq!(docs[0].as_ref().map(|d| d.pairs.len()), Ok(1));
/// assert_eq!(docs[1].as_ref().map(|d| d.pairs.len()), Ok(0));
/// ```
///
/// # Contract
///
/// Result `i` is for input `i`, and equals what aligning input `i` with the same
/// settings and the batch's [`Furniture`] gives
/// ([`DocumentAligner::align_with_furniture`]): a first pass counts the short
/// lines the pages print ("Advertisement", "Share this", "Read more: …"), and a
/// line printed on [`Furniture::MIN_PAGES`] pages or more is page furniture on
/// every page. Beyond that the stages keep no state between inputs other than
/// reusable buffers. A failing input gives its own `Err` at its index; the
/// others are still aligned.
///
/// # Threads
///
/// With the default `parallel` feature the inputs are shared out among the
/// threads of the current [rayon] pool: the global pool (one thread per core)
/// unless the call runs inside [`rayon::ThreadPool::install`]:
///
/// [rayon]: https://docs.rs/rayon
/// [`rayon::ThreadPool::install`]: https://docs.rs/rayon/1/rayon/struct.ThreadPool.html#method.install
///
/// ```
/// # #[cfg(feature = "parallel")]
/// # {
/// let pages = ["It rained.\nأمطرت.", "Just English."];
/// let pool = rayon::ThreadPoolBuilder::new().num_threads(2).build().expect("a pool");
/// let docs = pool.install(|| bitext::align_documents(&pages));
/// assert_eq!(docs.len(), 2);
/// # }
/// ```
///
/// Without the feature the same calls align the inputs one after another.
///
/// # Scratch
///
/// The aligners own their dynamic-programming buffers and take `&mut self`;
/// their configurations are shared. Each worker clones the caller's aligner
/// (its configuration, with empty buffers) once per rayon job (`map_init`), not
/// once per input, and reuses the clone's buffers for every input of the job.
/// Work is O(total input), memory O(threads × largest input).
pub fn align_documents<T: AsRef<str> + Sync>(texts: &[T]) -> Vec<Result<DocumentAlignment<'_>>> {
    DocumentAligner::new().align_batch(texts)
}

impl DocumentAligner {
    /// Aligns many documents, on all threads of the current rayon pool with the
    /// `parallel` feature (see [`align_documents`]). Result `i` is for
    /// `texts[i]` and equals `self.clone().align_with_furniture(texts[i], &f)`,
    /// with `f` the batch's [`Furniture::of_pages`].
    ///
    /// ```
    /// use bitext::DocumentAligner;
    /// let pages = vec![String::from("It rained.\nأمطرت."), String::new()];
    /// let aligner = DocumentAligner::builder().min_score(0.5).build()?;
    /// let docs = aligner.align_batch(&pages);
    /// assert!(docs[1].as_ref().is_ok_and(|d| d.runs.is_empty()));
    /// # Ok::<(), bitext::Error>(())
    /// ```
    ///
    /// # Errors
    /// Each element is [`DocumentAligner::align`]'s result for its document.
    pub fn align_batch<'t, T: AsRef<str> + Sync>(
        &self,
        texts: &'t [T],
    ) -> Vec<Result<DocumentAlignment<'t>>> {
        let furniture = Furniture::of_pages(texts);
        map_with_state(
            texts,
            || self.clone(),
            |a, t| a.align_with_furniture(t.as_ref(), &furniture),
        )
    }

    /// Like [`DocumentAligner::align_batch`] for raw bytes: a document that is not
    /// UTF-8 gets [`Error::InvalidUtf8`] at its index,
    /// and the others are aligned (and counted for the batch's [`Furniture`]).
    ///
    /// ```
    /// use bitext::{DocumentAligner, Error};
    /// let docs: [&[u8]; 2] = [b"ok \xFF", "It rained.\nأمطرت.".as_bytes()];
    /// let out = DocumentAligner::new().align_batch_bytes(&docs);
    /// assert_eq!(out[0].as_ref().unwrap_err(), &Error::InvalidUtf8 { offset: 3 });
    /// assert!(out[1].is_ok());
    /// ```
    ///
    /// # Errors
    /// Each element is [`Error::InvalidUtf8`] or
    /// [`DocumentAligner::align`]'s result for its document.
    pub fn align_batch_bytes<'t, B: AsRef<[u8]> + Sync>(
        &self,
        docs: &'t [B],
    ) -> Vec<Result<DocumentAlignment<'t>>> {
        let texts: Vec<&str> = docs
            .iter()
            .filter_map(|d| std::str::from_utf8(d.as_ref()).ok())
            .collect();
        let furniture = Furniture::of_pages(&texts);
        let one = |a: &mut DocumentAligner, bytes: &'t [u8]| -> Result<DocumentAlignment<'t>> {
            let text = std::str::from_utf8(bytes).map_err(Error::from)?;
            a.align_with_furniture(text, &furniture)
        };
        map_with_state(docs, || self.clone(), |a, d| one(a, d.as_ref()))
    }
}

impl Aligner {
    /// Aligns many pairs of pre-split sentence lists `(English, Arabic)`, on all
    /// threads of the current rayon pool with the `parallel` feature. Result `i`
    /// is for `pairs[i]` and equals `self.clone().align(&en, &ar)`.
    ///
    /// ```
    /// use bitext::Aligner;
    /// let pairs = vec![
    ///     (vec!["The sun rose.", "Birds sang."], vec!["أشرقت الشمس.", "غنت الطيور."]),
    ///     (vec![], vec!["وحدها."]),
    /// ];
    /// let out = Aligner::new().align_batch(&pairs);
    /// assert_eq!(out[0].beads.len(), 2);
    /// assert_eq!(out[1].beads.len(), 1); // one 0-1 bead
    /// ```
    ///
    pub fn align_batch<E: AsRef<str> + Sync, A: AsRef<str> + Sync>(
        &self,
        pairs: &[(Vec<E>, Vec<A>)],
    ) -> Vec<Alignment> {
        map_with_state(pairs, || self.clone(), |a, (en, ar)| a.align(en, ar))
    }
}

// What a batch teaches every page of it: the confident pairs of every document
// of a first pass train one lexicon, and a second pass aligns each document with
// it. The second pass is a separate call, not the default of `align_batch`: it
// doubles the work, and a single page's own sentence alignment already trains on
// itself where it is long enough (fifty sentences a side). A crawl of many short
// pages is where it pays: each page holds a handful of confident pairs, too few
// to teach anything alone, while together they cover the site's vocabulary.

/// Score a pair needs to teach: a bead the first pass is sure of.
const TEACHING_SCORE: f64 = 0.9;

/// Sentences a side a teaching pair may have: wider pairs spread each word over
/// too many candidates to teach it.
const MAX_SIDE: usize = 2;

/// Whether a pair or bead of this score and these sentence counts teaches.
fn teaches(score: f64, en: usize, ar: usize) -> bool {
    score >= TEACHING_SCORE && (1..=MAX_SIDE).contains(&en) && (1..=MAX_SIDE).contains(&ar)
}

impl Lexicon {
    /// Fewest teaching pairs a batch needs before a second pass: the line of the
    /// sentence aligner's self-training, for the same reason (fewer confident
    /// beads teach a handful of words and mostly their noise).
    pub const MIN_TEACHING_PAIRS: usize = 50;

    /// Trains IBM Model 1 on the confident pairs (score at least 0.9, one or two
    /// sentences a side) among `pairs`, seeded by `seed`; `None` when fewer than
    /// [`Lexicon::MIN_TEACHING_PAIRS`] qualify.
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
            .filter(|p| teaches(p.score, p.en_sentences.len(), p.ar_sentences.len()))
            .map(|p| (p.en, p.ar))
            .collect();
        (teaching.len() >= Self::MIN_TEACHING_PAIRS).then(|| Lexicon::train(&teaching, seed))
    }

    /// [`Lexicon::from_confident_pairs`] for the beads of an alignment of the
    /// sentence lists `en` and `ar`, each side's sentences joined with a space.
    ///
    /// ```
    /// use bitext::{align_sentences, Lexicon};
    /// let (en, ar) = (["It rained."], ["أمطرت."]);
    /// let alignment = align_sentences(&en, &ar);
    /// assert!(Lexicon::from_confident_beads(&alignment, &en, &ar, None).is_none()); // too few
    /// ```
    pub fn from_confident_beads<E: AsRef<str>, A: AsRef<str>>(
        alignment: &Alignment,
        en: &[E],
        ar: &[A],
        seed: Option<&Lexicon>,
    ) -> Option<Lexicon> {
        fn text<S: AsRef<str>>(list: &[S], r: &std::ops::Range<usize>) -> Option<String> {
            let side: Vec<&str> = list.get(r.clone())?.iter().map(AsRef::as_ref).collect();
            Some(side.join(" "))
        }
        let teaching: Vec<(String, String)> = alignment
            .beads
            .iter()
            .filter(|b| teaches(b.score, b.en.len(), b.ar.len()))
            .filter_map(|b| Some((text(en, &b.en)?, text(ar, &b.ar)?)))
            .collect();
        (teaching.len() >= Self::MIN_TEACHING_PAIRS).then(|| Lexicon::train(&teaching, seed))
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
        let Some((taught, lexicon)) = self.taught_by(&first) else {
            return (first, None);
        };
        drop(first);
        let docs = taught.align_batch(texts);
        // The taught aligner held the only other handle on the lexicon.
        drop(taught);
        let lexicon = Arc::try_unwrap(lexicon).unwrap_or_else(|shared| (*shared).clone());
        (docs, Some(lexicon))
    }

    /// What a batch's first pass teaches: the lexicon its confident pairs train
    /// (seeded by the configured one, see [`Lexicon::from_confident_pairs`]), and
    /// this aligner with that lexicon, for the second pass; `None` where the
    /// batch teaches too little. [`DocumentAligner::align_batch_taught`] is the
    /// two passes together.
    pub fn taught_by(
        &self,
        first: &[Result<DocumentAlignment<'_>>],
    ) -> Option<(DocumentAligner, Arc<Lexicon>)> {
        let seed = self.config().aligner().lexicon().map(Arc::as_ref);
        let pairs = first.iter().flatten().flat_map(|d| &d.pairs);
        let lexicon = Arc::new(Lexicon::from_confident_pairs(pairs, seed)?);
        let aligner = (self.config().aligner().to_builder()).lexicon(Some(Arc::clone(&lexicon)));
        // Cannot fail: the settings are this aligner's, checked when it was
        // built, with a lexicon added (which has no bounds).
        let taught = self.config().to_builder().aligner(aligner).build().ok()?;
        Some((taught, lexicon))
    }
}
