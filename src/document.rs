//! Whole documents: from a scraped bilingual page to aligned sentence pairs.
//!
//! # Pipeline
//!
//! 1. **Runs.** [`RunDetector`] cuts the page into English, Arabic and other
//!    runs ([`DocumentAlignment::runs`]).
//! 2. **Sentences.** Every English and Arabic run is split with the
//!    [`SentenceSplitter`] ([`DocumentAlignment::sentences`]). Runs in other
//!    languages take no further part.
//! 3. **Units.** Consecutive sentences of one run with no line break between
//!    them form a *unit*: a paragraph, headline or menu line. Scraped pages put
//!    a translated paragraph on its own line, so units, not sentences, are
//!    what the two languages share reliably.
//! 4. **Unit beads.** The units are aligned with the core [`Aligner`] under a
//!    model of page lines: bead priors for lines (a translated paragraph is one
//!    line on each side; 1-0 and 0-1 are common), and a prior odds that each line
//!    is translated at all, from what it looks like and where it stands in its
//!    run (a sentence; a short line before, among or after the run's sentences;
//!    a link list, breadcrumb or credit line), with population values from
//!    hand-aligned pages. The length ratio is the one that makes the page most
//!    likely, searched from half to twice the total-length ratio, since
//!    untranslated text biases the totals. Three structures are compared: (a)
//!    all English units, in document order, against all Arabic units, which
//!    covers an English block followed by its Arabic block (or the reverse);
//!    (b) every English run against the Arabic run right after it, and (c) every
//!    Arabic run against the English run right after it, for paragraphs
//!    interleaved EN/AR or AR/EN. The one with the highest evidence wins: the
//!    likelihood of the page averaged over the alignments the structure allows
//!    (see `choose_structure`). A unit bead's score is its posterior summed over
//!    the structures, each weighted by its own posterior, so a page whose
//!    structure is in doubt gets low scores. Lines without a translation (menus,
//!    "Share this", "اقرأ أيضا") become 1-0 and 0-1 beads.
//! 5. **Checks.** A unit bead with a translation on both sides is kept only if
//!    it looks like one: its sides come from one run each (the run with most
//!    of the side's text is kept), its score, capped at the translated share of
//!    its least article-like line, is at least
//!    [`DocumentAligner::min_unit_score`]; its length ratio is within a factor
//!    of 2.5 of the ratio the aligner fitted; a short edge
//!    unit glued to a much longer bead side is split off as unpaired; and when
//!    both sides are short (a few words, where lengths say nothing) and one of
//!    them is not a sentence, the two sides must share their numbers (a title
//!    "Psalm 1" / "المزامير ١"). Then
//!    the document as a whole must look parallel (see below), or no pair is
//!    kept at all.
//! 6. **Sentence pairs.** Inside each kept unit bead the sentences are aligned
//!    again with the aligner, at the length ratio fitted on the units. An
//!    inner sentence without a counterpart is merged into its neighbour
//!    bead, since the unit bead already says the whole paragraph is
//!    translated. Each inner bead becomes a [`Pair`].
//!
//! # Is the document parallel at all?
//!
//! Gale–Church alignment always finds *some* partner of the right length: a
//! stray English line in an Arabic page ("View on example.com", an embedded
//! tweet) would be paired with whichever Arabic line happens to be as long.
//! Length agreement is only evidence when it holds over a stretch of text.
//! So the kept unit beads are accepted only when they cover most of the text
//! around them on *both* sides:
//!
//! - *global*: the paired text is at least half of all English
//!   and of all Arabic text (a short page that is one sentence and its
//!   translation), or
//! - *local*: at least 3 unit beads were kept, and between the first and the
//!   last paired unit of each language, at least half of the text is paired (a bilingual article inside a page
//!   with a long monolingual tail).
//!
//! A few unrelated lines matched by chance leave most of the text between them
//! unpaired and fail both tests; such documents yield their runs and sentences
//! but no pairs. A consequence of the short-unit check: a unit bead under 20
//! characters a side that is not a sentence on both sides ("Good morning" /
//! "صباح الخير") is only paired when both sides carry the same numbers, so a
//! document of two such lines has no pairs.
//!
//! ```
//! use bitext::{align_document, Lang};
//!
//! let page = "The river flooded the old town on Monday.\n\
//!             Hundreds of families left their homes.\n\
//!             فاض النهر على البلدة القديمة يوم الاثنين.\n\
//!             وغادرت مئات العائلات منازلها.\n\
//!             Share this";
//! let doc = align_document(page)?;
//! let pairs: Vec<(&str, &str)> = doc.pairs.iter().map(|p| (p.en, p.ar)).collect();
//! assert_eq!(
//!     pairs,
//!     [
//!         ("The river flooded the old town on Monday.", "فاض النهر على البلدة القديمة يوم الاثنين."),
//!         ("Hundreds of families left their homes.", "وغادرت مئات العائلات منازلها."),
//!     ]
//! );
//! assert_eq!(doc.runs.len(), 3);
//! assert_eq!(doc.runs[2].lang, Lang::English); // "Share this" stays unpaired
//! assert_eq!(&page[doc.pairs[1].ar_span.range()], doc.pairs[1].ar);
//! # Ok::<(), bitext::Error>(())
//! ```

use std::ops::Range;

use crate::align::{gamma_shrunk, MatchCosts, LINE_SHAPE, UNIT_MATCH_RATE};
use crate::anchors::{collect_anchors, extract_anchors, Anchor, AnchorKind};
use crate::normalize::{digit_value, measure_len};
use crate::sentences::is_line_break;
use crate::{
    Aligner, BeadKind, Error, Lang, Params, Result, Run, RunDetector, SentenceSplitter, Span,
};

/// The aligners' buffers are freed after use on a document when they hold more
/// than this (a page of about 100,000 lines): see `Aligner::release_scratch_above`.
const SCRATCH_KEEP: usize = 32 << 20;

/// Share of the text on each side that must be paired for a document (or the
/// stretch between its first and last paired units) to count as parallel.
pub(crate) const MIN_COVERAGE: f64 = 0.5;

/// Fewest kept unit beads for the local parallelism test.
pub(crate) const MIN_LOCAL_BEADS: usize = 3;

/// Largest factor by which a unit bead's Arabic/English length ratio may
/// differ from the fitted ratio, either way.
const MAX_RATIO_FACTOR: f64 = 2.5;

/// Below this many measured characters (English, or Arabic divided by the
/// fitted ratio), a unit bead's lengths carry too little evidence on their
/// own, and both sides must share their numbers.
const SHORT_UNIT: f64 = 20.0;

/// An edge unit of a multi-unit bead side shorter than this share of the side
/// is split off as unpaired: a menu line glued to a paragraph.
const GLUED_SHARE: f64 = 0.2;

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
    /// Confidence in `[0, 1]`: the posterior probability of the unit bead the
    /// pair lies in, times that of the pair within the unit bead.
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

/// How much a stretch of text looks like a translation rather than comparable
/// text on the same subject, for dropping pages or pairings that only mine
/// garbage pairs.
///
/// A document's and a pairing's figures come from their pairs; an
/// [`Alignment`](crate::Alignment)'s from its beads with sentences on both sides,
/// which play the part of pairs (see [`Alignment::is_parallel`](crate::Alignment::is_parallel)).
///
/// ```
/// use bitext::align_document;
/// let doc = align_document(
///     "The bridge opened in 1932.\nWho built it?\n\
///      افتتح الجسر عام 1932.\nمن بناه؟",
/// )?;
/// let p = doc.parallelism;
/// assert_eq!(p.paired_share, 1.0);
/// assert_eq!(p.anchor_agreement, Some(1.0)); // 1932 and the question mark
/// // Two short lines a side are weak evidence that the page is parallel at all:
/// assert!(p.confident_share < 1.0);
/// # Ok::<(), bitext::Error>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct Parallelism {
    /// Share of the English and Arabic sentences' bytes that lie in pairs.
    pub paired_share: f64,
    /// Share of pairs with a score of at least 0.9.
    pub confident_share: f64,
    /// Share of the pairs' anchors found on the other side of their pair: numbers,
    /// names and question and exclamation marks of the English side, numbers,
    /// Latin words and marks of the Arabic side (see [`crate::anchors`]). `None`
    /// when the pairs have none. Translations keep most (0.5 and more on news and
    /// scripture); pairs of unrelated sentences share few.
    pub anchor_agreement: Option<f64>,
}

/// What pairs contribute to [`Parallelism`]: sums, so that a pairing's figures
/// and the document's add up the same per-pair counts.
#[derive(Clone, Copy, Debug, Default)]
struct Evidence {
    /// Bytes of the pairs' sentences.
    paired: usize,
    /// Pairs in the sum.
    pairs: usize,
    /// Pairs scoring at least [`CONFIDENT`].
    confident: usize,
    /// Anchors counted.
    anchors: usize,
    /// Counted anchors that the other side of their pair has too.
    found: usize,
}

impl Evidence {
    /// The evidence of one pair.
    fn of(p: &Pair<'_>, en: &[Sentence<'_>], ar: &[Sentence<'_>]) -> Evidence {
        let bytes = |list: &[Sentence<'_>], r: &Range<usize>| -> usize {
            list.get(r.clone())
                .unwrap_or_default()
                .iter()
                .map(|s| s.text.len())
                .sum()
        };
        // English Latin words are only looked up for Arabic ones, Arabic names for
        // English ones: each is extracted only when the other side has some, since
        // they are most of the cost of anchors on each side (issue 13).
        let ar_plain = collect_anchors(p.ar, Lang::Arabic, false, true);
        let latin = ar_plain.iter().any(|a| a.kind == AnchorKind::Latin);
        let ea = collect_anchors(p.en, Lang::English, true, latin);
        let aa = if ea.iter().any(|a| a.kind == AnchorKind::Name) {
            extract_anchors(p.ar, Lang::Arabic)
        } else {
            ar_plain
        };
        let counted_en = |a: &&Anchor| {
            matches!(
                a.kind,
                AnchorKind::Number
                    | AnchorKind::Name
                    | AnchorKind::Question
                    | AnchorKind::Exclamation
            )
        };
        let counted_ar = |a: &&Anchor| {
            matches!(
                a.kind,
                AnchorKind::Number
                    | AnchorKind::Latin
                    | AnchorKind::Question
                    | AnchorKind::Exclamation
            )
        };
        let (mut anchors, mut found) = (0, 0);
        for a in ea.iter().filter(counted_en) {
            anchors += 1;
            found += usize::from(aa.contains(a));
        }
        for a in aa.iter().filter(counted_ar) {
            anchors += 1;
            found += usize::from(ea.contains(a));
        }
        Evidence {
            paired: bytes(en, &p.en_sentences) + bytes(ar, &p.ar_sentences),
            pairs: 1,
            confident: usize::from(p.score >= CONFIDENT),
            anchors,
            found,
        }
    }

    /// The sum of some pairs' evidence.
    fn sum(items: &[Evidence]) -> Evidence {
        // Cannot overflow: pairs hold disjoint sentences (unit beads are disjoint
        // and each is cut into consecutive pairs), so their texts are disjoint
        // parts of the input. `paired` sums to at most its length, and so do the
        // anchor counts: a token gives no more anchors than it has chars (see
        // `visit_anchors`).
        items.iter().fold(Evidence::default(), |a, b| Evidence {
            paired: a.paired + b.paired,
            pairs: a.pairs + b.pairs,
            confident: a.confident + b.confident,
            anchors: a.anchors + b.anchors,
            found: a.found + b.found,
        })
    }

    /// The figures of these pairs, out of `total` bytes of sentences.
    fn parallelism(&self, total: usize) -> Parallelism {
        let share = |x: usize, of: usize| if of == 0 { 0.0 } else { x as f64 / of as f64 };
        Parallelism {
            paired_share: share(self.paired, total),
            confident_share: share(self.confident, self.pairs),
            anchor_agreement: (self.anchors > 0).then(|| share(self.found, self.anchors)),
        }
    }
}

/// Pairs at least this sure count as confident in [`Parallelism`].
pub(crate) const CONFIDENT: f64 = 0.9;

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
    /// How parallel the document looks as a whole.
    pub parallelism: Parallelism,
}

impl<'t> DocumentAlignment<'t> {
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

/// Aligns a document with the default [`DocumentAligner`].
///
/// An empty or whitespace-only document, and a document in one language only,
/// give `Ok` with no pairs (and no runs for the former): finding nothing to
/// pair is an answer, not an error.
///
/// ```
/// use bitext::align_document;
/// assert!(align_document(" \n\t")?.runs.is_empty());
/// let only_en = align_document("Just English here.\nAnd more of it.")?;
/// assert_eq!((only_en.runs.len(), only_en.pairs.len()), (1, 0));
/// # Ok::<(), bitext::Error>(())
/// ```
///
/// # Errors
/// None with the default settings; see [`DocumentAligner::align`].
pub fn align_document(text: &str) -> Result<DocumentAlignment<'_>> {
    DocumentAligner::new().align(text)
}

/// Like [`align_document`] for raw bytes, which must be UTF-8.
///
/// ```
/// use bitext::{align_document_bytes, Error};
/// assert_eq!(
///     align_document_bytes(b"ok \xFF").unwrap_err(),
///     Error::InvalidUtf8 { offset: 3 }
/// );
/// ```
///
/// # Errors
/// [`Error::InvalidUtf8`] with the offset of the first invalid byte.
pub fn align_document_bytes(bytes: &[u8]) -> Result<DocumentAlignment<'_>> {
    let text = std::str::from_utf8(bytes).map_err(|e| Error::from_utf8(&e))?;
    align_document(text)
}

/// A configurable document aligner: runs, sentences, unit beads, checks and
/// sentence pairs, as described in the `document` module documentation.
///
/// ```
/// use bitext::{Aligner, DocumentAligner};
/// let mut aligner = DocumentAligner::new().aligner(Aligner::new().max_bead(3)).min_score(0.5);
/// let doc = aligner.align("The meeting ended at noon.\nانتهى الاجتماع عند الظهر.")?;
/// assert_eq!(doc.pairs.len(), 1);
/// # Ok::<(), bitext::Error>(())
/// ```
#[non_exhaustive]
#[derive(Clone, Debug)]
pub struct DocumentAligner {
    aligner: Aligner,
    splitter: SentenceSplitter,
    detector: RunDetector,
    min_score: f64,
    min_unit_score: f64,
    sentence_pairs: bool,
    /// Buffers of the fixed-ratio aligners derived per document (issue 13).
    scratch: Scratch,
}

/// Buffers of the aligners derived from [`DocumentAligner::aligner`] for each
/// document (the interleaved candidates, the sentence pairs), kept between
/// documents so that they are not allocated per document; see
/// `Aligner::swap_scratch`. A clone starts empty.
#[derive(Clone, Debug, Default)]
struct Scratch {
    fixed: Aligner,
    inner: Aligner,
}

impl Default for DocumentAligner {
    fn default() -> Self {
        DocumentAligner {
            aligner: Aligner::new(),
            splitter: SentenceSplitter::new(),
            detector: RunDetector::new(),
            min_score: 0.0,
            min_unit_score: 0.3,
            sentence_pairs: true,
            scratch: Scratch::default(),
        }
    }
}

/// A paragraph-like unit: sentences of one run with no line break between.
#[derive(Clone, Debug)]
struct Unit {
    /// Index range into the per-language sentence list.
    sentences: Range<usize>,
    /// Measured length ([`measure_len`]) of its sentences.
    len: usize,
    /// Index of its run.
    run: usize,
}

impl DocumentAligner {
    /// The default settings (same as [`DocumentAligner::default`]).
    pub fn new() -> Self {
        Self::default()
    }

    /// The aligner used for units and for sentences within them.
    ///
    /// Default: [`Aligner::new`].
    /// ```
    /// use bitext::{Aligner, DocumentAligner};
    /// let a = DocumentAligner::new();
    /// assert_eq!(a.get_aligner().get_max_bead(), 4);
    /// let a = a.aligner(Aligner::new().max_bead(2));
    /// assert_eq!(a.get_aligner().get_max_bead(), 2);
    /// ```
    pub fn aligner(mut self, aligner: Aligner) -> Self {
        self.aligner = aligner;
        self
    }

    /// See [`DocumentAligner::aligner`].
    pub fn get_aligner(&self) -> &Aligner {
        &self.aligner
    }

    /// The sentence splitter. With [`LineBreaks::BlankLine`](crate::LineBreaks)
    /// units still end at every line break between sentences.
    ///
    /// Default: [`SentenceSplitter::new`].
    /// ```
    /// use bitext::{DocumentAligner, LineBreaks, SentenceSplitter};
    /// let a = DocumentAligner::new();
    /// assert_eq!(a.get_splitter().get_line_breaks(), LineBreaks::Always);
    /// let a = a.splitter(SentenceSplitter::new().line_breaks(LineBreaks::BlankLine));
    /// assert_eq!(a.get_splitter().get_line_breaks(), LineBreaks::BlankLine);
    /// ```
    pub fn splitter(mut self, splitter: SentenceSplitter) -> Self {
        self.splitter = splitter;
        self
    }

    /// See [`DocumentAligner::splitter`].
    pub fn get_splitter(&self) -> &SentenceSplitter {
        &self.splitter
    }

    /// The run detector.
    ///
    /// Default: [`RunDetector::new`].
    /// ```
    /// use bitext::{DocumentAligner, RunDetector};
    /// let a = DocumentAligner::new().run_detector(RunDetector::new().max_embedded_words(2));
    /// let doc = a.clone().align("قال مدير RT Arabic اليوم")?;
    /// assert_eq!(doc.runs.len(), 1); // two Latin words stay embedded
    /// # Ok::<(), bitext::Error>(())
    /// ```
    pub fn run_detector(mut self, detector: RunDetector) -> Self {
        self.detector = detector;
        self
    }

    /// See [`DocumentAligner::run_detector`].
    pub fn get_run_detector(&self) -> &RunDetector {
        &self.detector
    }

    /// Pairs scoring below this are dropped from the output (they still count
    /// when deciding whether the document is parallel). In `[0, 1]`.
    ///
    /// Default: 0.0 (keep every pair that passed the checks).
    /// ```
    /// use bitext::DocumentAligner;
    /// assert_eq!(DocumentAligner::new().get_min_score(), 0.0);
    /// assert_eq!(DocumentAligner::new().min_score(0.9).get_min_score(), 0.9);
    /// ```
    pub fn min_score(mut self, score: f64) -> Self {
        self.min_score = score;
        self
    }

    /// See [`DocumentAligner::min_score`].
    pub fn get_min_score(&self) -> f64 {
        self.min_score
    }

    /// Unit beads (paragraph against paragraph) whose posterior score is below
    /// this are treated as unpaired. In `[0, 1]`.
    ///
    /// Default: 0.3. Measured on the development documents: true paragraph
    /// beads score above 0.9 almost always; chance pairings of menu lines
    /// rarely reach 0.3.
    /// ```
    /// use bitext::DocumentAligner;
    /// assert_eq!(DocumentAligner::new().get_min_unit_score(), 0.3);
    /// ```
    pub fn min_unit_score(mut self, score: f64) -> Self {
        self.min_unit_score = score;
        self
    }

    /// See [`DocumentAligner::min_unit_score`].
    pub fn get_min_unit_score(&self) -> f64 {
        self.min_unit_score
    }

    /// Whether to split paragraph pairs into sentence pairs (`true`), or
    /// return one pair per unit bead (`false`).
    ///
    /// Default: `true`.
    /// ```
    /// use bitext::DocumentAligner;
    /// let text = "It rained. We stayed in.\nأمطرت. بقينا في البيت.";
    /// assert_eq!(DocumentAligner::new().align(text)?.pairs.len(), 2);
    /// let mut paragraphs = DocumentAligner::new().sentence_pairs(false);
    /// assert_eq!(paragraphs.get_sentence_pairs(), false);
    /// assert_eq!(paragraphs.align(text)?.pairs.len(), 1);
    /// # Ok::<(), bitext::Error>(())
    /// ```
    pub fn sentence_pairs(mut self, on: bool) -> Self {
        self.sentence_pairs = on;
        self
    }

    /// See [`DocumentAligner::sentence_pairs`].
    pub fn get_sentence_pairs(&self) -> bool {
        self.sentence_pairs
    }

    fn validate(&self) -> Result<()> {
        for (name, v) in [
            ("min_score", self.min_score),
            ("min_unit_score", self.min_unit_score),
        ] {
            if !(0.0..=1.0).contains(&v) {
                return Err(Error::InvalidConfig {
                    name,
                    reason: format!("{v} is not in [0, 1]"),
                });
            }
        }
        Ok(())
    }

    /// Aligns one document (pipeline in the `document` module documentation).
    ///
    /// # Errors
    /// [`Error::InvalidConfig`] when a setting of this aligner or of its
    /// [`Aligner`] is out of range.
    pub fn align<'t>(&mut self, text: &'t str) -> Result<DocumentAlignment<'t>> {
        self.validate()?;
        let runs = self.detector.detect(text);
        let mut doc = DocumentAlignment {
            runs,
            ..DocumentAlignment::default()
        };
        // Per-language sentence lists (the index space of pairs) and units.
        let mut en: Vec<Sentence<'t>> = Vec::new();
        let mut ar: Vec<Sentence<'t>> = Vec::new();
        let mut en_units: Vec<Unit> = Vec::new();
        let mut ar_units: Vec<Unit> = Vec::new();
        for (ri, run) in doc.runs.iter().enumerate() {
            let (list, units) = match run.lang {
                Lang::English => (&mut en, &mut en_units),
                Lang::Arabic => (&mut ar, &mut ar_units),
                _ => continue,
            };
            let Some(run_text) = text.get(run.span.range()) else {
                // Run spans lie on char boundaries of `text` by the detector's
                // contract; skipping is the safe answer if that ever broke.
                continue;
            };
            let mut prev_end: Option<usize> = None;
            for (span, s) in self.splitter.split(run_text, run.lang) {
                let span = span.offset(run.span.start);
                let sentence = Sentence {
                    lang: run.lang,
                    span,
                    text: s,
                    run: ri,
                };
                // A new unit starts at the run's first sentence and after any
                // line break between sentences.
                let same_line = prev_end
                    .and_then(|p| text.get(p..span.start))
                    .is_some_and(|gap| !gap.chars().any(is_line_break));
                let idx = list.len();
                match units.last_mut() {
                    Some(u) if same_line => {
                        u.sentences.end = idx + 1;
                        u.len += measure_len(s);
                    }
                    _ => units.push(Unit {
                        sentences: idx..idx + 1,
                        len: measure_len(s),
                        run: ri,
                    }),
                }
                list.push(sentence);
                prev_end = Some(span.end);
            }
        }
        if en_units.is_empty() || ar_units.is_empty() {
            return Ok(with_sentences(doc, en, ar));
        }
        // Memory (issue 13): lists grown by doubling hold up to twice their
        // length; these live to the end of the call, and the document's own list
        // is only merged from them at the end.
        for list in [&mut en, &mut ar] {
            list.shrink_to_fit();
        }

        let en_lens: Vec<usize> = en_units.iter().map(|u| u.len).collect();
        let ar_lens: Vec<usize> = ar_units.iter().map(|u| u.len).collect();
        // Unit texts: the aligner matches their anchors (numbers, names, Latin
        // words) as well as their lengths.
        let unit_text = |list: &[Sentence<'t>], u: &Unit| -> &'t str {
            let (Some(first), Some(last)) = (
                list.get(u.sentences.start),
                list.get(u.sentences.end.saturating_sub(1)),
            ) else {
                return "";
            };
            text.get(first.span.start..last.span.end)
                .unwrap_or_default()
        };
        let en_texts: Vec<&'t str> = en_units.iter().map(|u| unit_text(&en, u)).collect();
        let ar_texts: Vec<&'t str> = ar_units.iter().map(|u| unit_text(&ar, u)).collect();
        let costs = UnitCosts::of(&en_texts, &en_units, &ar_texts, &ar_units);
        let (en_texts, ar_texts) = if is_book(en_units.len(), ar_units.len()) {
            // A book's lines are aligned by length alone (`profile_ratio`): their
            // texts are not kept through the alignment, the largest in memory.
            (Vec::new(), Vec::new())
        } else {
            (en_texts, ar_texts)
        };
        let lines = Lines {
            en_texts,
            ar_texts,
            en_lens,
            ar_lens,
            costs,
        };
        let global = self.align_units(&lines)?;
        let ratio = global.params.ratio;
        // Fitted ratios always lie in the range `Aligner::ratio` accepts.
        let fixed_ratio = Some(ratio);
        let checks = Checks {
            en_units: &en_units,
            ar_units: &ar_units,
            en: &en,
            ar: &ar,
            ratio,
            min_unit_score: self.min_unit_score,
            en_kinds: &lines.costs.en_kinds,
            ar_kinds: &lines.costs.ar_kinds,
        };

        // Step 4: the page's structure, chosen by evidence.
        let Some(kept) = self.choose_structure(&global, &checks, &lines, &en_units, &ar_units)?
        else {
            return Ok(with_sentences(doc, en, ar));
        };
        if !is_parallel(&kept, &lines.en_lens, &lines.ar_lens) {
            return Ok(with_sentences(doc, en, ar));
        }
        // Memory (issue 13): unit-level results are not read again.
        drop((global, lines));

        // Step 6: sentence pairs inside each unit bead.
        let mut inner = self.aligner.clone().fit(false).ratio(fixed_ratio);
        inner.swap_scratch(&mut self.scratch.inner);
        for ub in &kept {
            let (Some(first_e), Some(last_e), Some(first_a), Some(last_a)) = (
                en_units.get(ub.en.start),
                en_units.get(ub.en.end.saturating_sub(1)),
                ar_units.get(ub.ar.start),
                ar_units.get(ub.ar.end.saturating_sub(1)),
            ) else {
                continue;
            };
            let es = first_e.sentences.start..last_e.sentences.end;
            let as_ = first_a.sentences.start..last_a.sentences.end;
            let groups: Vec<(Range<usize>, Range<usize>, f64)> =
                if !self.sentence_pairs || (es.len() == 1 && as_.len() == 1) {
                    vec![(es, as_, 1.0)]
                } else {
                    // Sentence texts: the aligner adds their anchors to the lengths.
                    let texts = |list: &[Sentence<'t>], r: &Range<usize>| -> Vec<&'t str> {
                        list.get(r.clone())
                            .unwrap_or_default()
                            .iter()
                            .map(|s| s.text)
                            .collect()
                    };
                    let (te, ta) = (texts(&en, &es), texts(&ar, &as_));
                    let a = inner.align(&te, &ta)?;
                    // Cannot overflow: beads cover `te` and `ta` exactly, and each is
                    // empty or the texts of a slice of `en` (`ar`) starting at
                    // `es.start` (`as_.start`), so a sum is at most `es.start`
                    // (`as_.start`) or the list's length.
                    let mut beads: Vec<(Range<usize>, Range<usize>, f64)> = a
                        .beads
                        .iter()
                        .map(|b| {
                            (
                                b.en.start + es.start..b.en.end + es.start,
                                b.ar.start + as_.start..b.ar.end + as_.start,
                                b.score,
                            )
                        })
                        .collect();
                    // An unmatched whole line at either end of the unit bead is
                    // a menu or caption line the unit alignment glued on, not
                    // part of the paragraph: leave it unpaired.
                    let whole_line = |b: &(Range<usize>, Range<usize>, f64)| {
                        let (units, r) = if b.1.is_empty() {
                            (en_units.get(ub.en.clone()), &b.0)
                        } else if b.0.is_empty() {
                            (ar_units.get(ub.ar.clone()), &b.1)
                        } else {
                            return false;
                        };
                        units.unwrap_or_default().iter().any(|u| u.sentences == *r)
                    };
                    while beads.first().is_some_and(whole_line) {
                        // Cannot panic: `first()` just found a bead.
                        beads.remove(0);
                    }
                    while beads.last().is_some_and(whole_line) {
                        beads.pop();
                    }
                    merge_unmatched(beads)
                };
            for (er, arr, s) in groups {
                let score = ub.score * s;
                if let Some(p) = make_pair(text, &en, &ar, er, arr, score) {
                    doc.pairs.push(p);
                }
            }
        }
        inner.swap_scratch(&mut self.scratch.inner);
        self.scratch.inner.release_scratch_above(SCRATCH_KEEP);
        // Memory (issue 13): the pairs are complete.
        drop((kept, en_units, ar_units));
        doc.pairs.shrink_to_fit();
        doc.pairings = pairings(&doc.pairs, &en, &ar);
        drop_non_parallel(&mut doc, &en, &ar);
        // Low-scoring pairs count in the decision above; only now are they dropped.
        if self.min_score > 0.0 {
            let min = self.min_score;
            doc.pairs.retain(|p| p.score >= min);
            doc.pairings = pairings(&doc.pairs, &en, &ar);
        }
        set_parallelism(&mut doc, &en, &ar);
        Ok(with_sentences(doc, en, ar))
    }
}

impl DocumentAligner {
    /// Aligns the page's units (lines) under the unit priors, at the length ratio
    /// that makes the page most likely.
    ///
    /// The ratio of the two sides' total lengths is biased wherever one side has
    /// more untranslated text (an Arabic paragraph with no English, a long menu),
    /// and a biased ratio shifts the alignment by a line: a shifted path is
    /// self-consistent at the wrong ratio. So the ratio is chosen by likelihood
    /// (the forward pass's `ln Z`, [`crate::Alignment::log_likelihood`]) over a
    /// grid from half to twice the total-length ratio in quarter octaves, refined
    /// once by an eighth: a profile-likelihood fit.
    fn align_units(&mut self, lines: &Lines<'_>) -> Result<crate::Alignment> {
        let max_bead = self.aligner.get_max_bead();
        let mut base =
            Params::estimate(max_bead, &lines.en_lens, &lines.ar_lens).with_unit_priors(max_bead);
        base.tail = self.aligner.get_tail();
        (base.arabic_shape, base.arabic_scale) = gamma_shrunk(&lines.ar_lens, LINE_SHAPE);
        // The unit model's priors are population values and its ratio is profiled
        // here: a page's dozen lines are too few to refit them.
        let mut aligner = self.aligner.clone().max_refits(0);
        aligner.swap_scratch(&mut self.scratch.fixed);
        let out = profile_ratio(&mut aligner, &base, lines);
        aligner.swap_scratch(&mut self.scratch.fixed);
        self.scratch.fixed.release_scratch_above(SCRATCH_KEEP);
        out
    }
}

/// The alignment of `align_units` at the ratio of most likelihood.
fn profile_ratio(
    aligner: &mut Aligner,
    base: &Params,
    lines: &Lines<'_>,
) -> Result<crate::Alignment> {
    let Lines {
        en_texts,
        ar_texts,
        en_lens,
        ar_lens,
        costs,
    } = lines;
    let set = |aligner: &mut Aligner, octaves: f64| {
        let params = base.at_ratio(base.ratio * octaves.exp2());
        *aligner = std::mem::take(aligner).params(Some(params));
    };
    let book = is_book(en_lens.len(), ar_lens.len());
    let mut best = (0.0, f64::NEG_INFINITY);
    if !book {
        // The search compares lengths alone (anchors are fitted per alignment and
        // would make each point cost several times more); the alignment at the
        // chosen ratio then adds them.
        let step = 1.0 / f64::from(RATIO_STEPS);
        let grid = (-RATIO_STEPS..=RATIO_STEPS).map(|k| f64::from(k) * step);
        for x in grid {
            set(aligner, x);
            let ll = aligner
                .align_lengths_with_match_costs(en_lens, ar_lens, costs.all())?
                .log_likelihood;
            if ll > best.1 {
                best = (x, ll);
            }
        }
        // One halving of the step around the best point.
        let centre = best.0;
        for x in [centre - step / 2.0, centre + step / 2.0] {
            set(aligner, x);
            let ll = aligner
                .align_lengths_with_match_costs(en_lens, ar_lens, costs.all())?
                .log_likelihood;
            if ll > best.1 {
                best = (x, ll);
            }
        }
    }
    set(aligner, best.0);
    if book {
        // A book, not a page: untranslated lines are a small share of it, so the
        // total-length ratio serves, and its length alone carries the alignment of
        // its lines (anchors of a million lines would double the time and memory of
        // the whole document for little).
        return aligner.align_lengths_with_match_costs(en_lens, ar_lens, costs.all());
    }
    aligner.align_with_match_costs(en_texts, ar_texts, costs.all())
}

impl DocumentAligner {
    /// Step 4 of the module documentation: the candidate structures of the page
    /// (all English units against all Arabic units; each run against the run of
    /// the other language right after it, English first or Arabic first), each
    /// aligned under the same unit model, and the one with the most evidence.
    ///
    /// A structure's evidence is the likelihood of the page's lengths (and
    /// anchors) under it, averaged over the alignments it allows:
    /// `Z_S / Z⁰_S`, where `Z_S` sums `e^(−cost)` over the structure's paths (the
    /// forward pass) and `Z⁰_S` sums their priors alone. Without the division the
    /// block structure would always win, since every interleaved alignment is one
    /// of its paths; with it, a structure that allows fewer alignments gains when
    /// the page bears it out. The chosen structure's posterior (uniform prior over
    /// the candidates) enters every unit bead's score, so a page whose structure
    /// is in doubt gets low scores. Returns the chosen structure's checked unit
    /// beads, or `None` when the page has no candidate at all.
    fn choose_structure(
        &mut self,
        global: &crate::Alignment,
        checks: &Checks<'_, '_>,
        lines: &Lines<'_>,
        en_units: &[Unit],
        ar_units: &[Unit],
    ) -> Result<Option<Vec<UnitBead>>> {
        let Lines {
            en_texts,
            ar_texts,
            costs,
            ..
        } = lines;
        let block: Vec<(Range<usize>, Range<usize>, f64)> = global
            .beads
            .iter()
            .map(|b| (b.en.clone(), b.ar.clone(), b.score))
            .collect();
        let priors = &global.params.priors;
        let sequence = run_sequence(en_units, ar_units);
        let whole = ln_prior_mass(priors, &costs.en, &costs.ar);
        let Some(whole) = whole else {
            // A page too large to weigh: the block structure.
            return Ok(Some(checks.check(block.into_iter())));
        };
        // The page is not parallel: every unit a 1-0 or 0-1 bead for certain, a
        // likelihood ratio of one, evidence zero. Lengths of unrelated lines match
        // by chance about as often as they miss, so a structure must beat this by
        // more than chance to be believed.
        let mut candidates = vec![(global.log_likelihood - whole, block), (0.0, Vec::new())];
        let mut aligner = self
            .aligner
            .clone()
            .max_refits(0)
            .params(Some(global.params.clone()));
        aligner.swap_scratch(&mut self.scratch.fixed);
        let interleaved = if sequence.len() > 2 {
            [Lang::English, Lang::Arabic].as_slice()
        } else {
            // One run a language: interleaving is the block structure.
            &[]
        };
        for &first in interleaved {
            let mut beads = Vec::new();
            let mut evidence = 0.0;
            for (a, b) in sequence.iter().zip(sequence.iter().skip(1)) {
                if a.0 != first || b.0 == first {
                    continue;
                }
                let (eu, au) = if first == Lang::English {
                    (a.1.clone(), b.1.clone())
                } else {
                    (b.1.clone(), a.1.clone())
                };
                let (ce, ca) = (
                    costs.en.get(eu.clone()).unwrap_or_default(),
                    costs.ar.get(au.clone()).unwrap_or_default(),
                );
                let al = aligner.align_with_match_costs(
                    en_texts.get(eu.clone()).unwrap_or_default(),
                    ar_texts.get(au.clone()).unwrap_or_default(),
                    MatchCosts::new(ce, ca),
                )?;
                // Cannot fail: a run pair is no larger than the whole page.
                evidence += al.log_likelihood - ln_prior_mass(priors, ce, ca).unwrap_or(0.0);
                // Cannot overflow: beads cover the two slices exactly, so a bead
                // ends at most at a slice's length, and each slice is empty or
                // starts at `eu.start` (`au.start`) and ends inside the unit lists.
                beads.extend(al.beads.iter().map(|x| {
                    (
                        x.en.start + eu.start..x.en.end + eu.start,
                        x.ar.start + au.start..x.ar.end + au.start,
                        x.score,
                    )
                }));
            }
            // Units outside every run pair are 1-0 and 0-1 beads for certain: their
            // likelihood ratio is one, so they add nothing to the evidence.
            if !beads.is_empty() {
                candidates.push((evidence, beads));
            }
        }
        aligner.swap_scratch(&mut self.scratch.fixed);
        let best = candidates
            .iter()
            .map(|c| c.0)
            .fold(f64::NEG_INFINITY, f64::max);
        let total: f64 = candidates.iter().map(|c| (c.0 - best).exp()).sum();
        // Each unit bead's score is its posterior marginalized over the structures:
        // the sum, over the structures that have the same bead, of the structure's
        // posterior times the bead's score under it. Structures that agree on a bead
        // do not lower its score; a bead only one doubtful structure has does.
        // Ties keep the earliest candidate: the block structure.
        let posteriors: Vec<f64> = candidates
            .iter()
            .map(|c| {
                if total.is_finite() && total > 0.0 {
                    (c.0 - best).exp() / total
                } else {
                    0.0
                }
            })
            .collect();
        let checked: Vec<Vec<UnitBead>> = candidates
            .into_iter()
            .map(|c| checks.check(c.1.into_iter()))
            .collect();
        let Some(chosen) = posteriors
            .iter()
            .position(|&p| p * total >= 1.0 - 1e-12)
            .or_else(|| posteriors.iter().position(|&p| p > 0.0))
        else {
            return Ok(None);
        };
        let mut kept = checked.get(chosen).cloned().unwrap_or_default();
        for bead in &mut kept {
            bead.score = checked
                .iter()
                .zip(&posteriors)
                .filter_map(|(beads, p)| {
                    beads
                        .iter()
                        .find(|b| b.en == bead.en && b.ar == bead.ar)
                        .map(|b| p * b.score)
                })
                .sum();
        }
        Ok(Some(kept))
    }
}

/// `ln Z⁰`: the log of the summed prior weight of every bead sequence that covers
/// the English units with match costs `en` and the Arabic units with costs `ar`
/// (`Z⁰(i, j) = Σ_k P(k)·e^(−match costs of the bead)·Z⁰(i − a_k, j − b_k)`,
/// `Z⁰(0, 0) = 1`), or `None` for a rectangle too large to fill.
fn ln_prior_mass(priors: &[(BeadKind, f64)], en: &[f64], ar: &[f64]) -> Option<f64> {
    let (n, m) = (en.len(), ar.len());
    let cells = (n + 1).checked_mul(m + 1)?;
    if cells > PRIOR_MASS_CELLS {
        return None;
    }
    let prefix = |xs: &[f64]| -> Vec<f64> {
        std::iter::once(0.0)
            .chain(xs.iter().scan(0.0, |acc, x| {
                *acc += x;
                Some(*acc)
            }))
            .collect()
    };
    let (pe, pa) = (prefix(en), prefix(ar));
    let kinds: Vec<(usize, usize, f64)> = priors
        .iter()
        .filter(|(k, p)| *p > 0.0 && (k.en > 0 || k.ar > 0))
        .map(|(k, p)| (k.en, k.ar, p.ln()))
        .collect();
    let mut ln = vec![f64::NEG_INFINITY; cells];
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
    ln.last().copied()
}

/// Largest rectangle [`ln_prior_mass`] fills: `O(cells · kinds)` time, so pages up
/// to about 200 lines a side (the size [`Aligner::exact_up_to`] searches whole by
/// default) are weighed; longer ones, books rather than pages, keep the block
/// structure.
const PRIOR_MASS_CELLS: usize = 40_000;

/// What a page line looks like, and where it stands in its run, for the prior
/// odds that it is translated.
///
/// Boilerplate detectors (jusText, boilerpipe) tell furniture from content by
/// shallow features and by context; the ones used here do not depend on the
/// language. A line is *content* when it reads as a sentence (it ends in
/// `. ! ? ؟ … ۔` after at least two words, or in `: ;` after three) or is long
/// (60 measured characters), *marked* when it holds a link separator between spaces (`|`, `•`,
/// `·`, `›`, `>`, `«`, `»`), `©`, a handle (`@name`) or a web address, and
/// *short* otherwise; a short line is placed by the content lines of its run.
/// The shares translated are those of the hand-aligned pages of the development
/// sets (`eval/dev` and `eval/dev_modern` documents, 1,300 lines), one line added
/// to each count: titles stand before the content of their run and chapter
/// headings inside it, while "Related posts", "Print this page", bylines and
/// dates follow it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum LineKind {
    /// A sentence or a long line: 1,044 of 1,051 translated.
    Content,
    /// A short line before the first content line of its run: 19 of 26.
    Heading,
    /// A short line between content lines of its run: 44 of 50.
    Inner,
    /// A short line after the last content line of its run: 0 of 46.
    Trailing,
    /// A short line in a run without content: 22 of 53.
    Alone,
    /// A marked line: 1 of 91.
    Marked,
}

/// The look of one line, before its place in the run is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Look {
    Content,
    Short,
    Marked,
}

impl Look {
    fn of(text: &str) -> Look {
        let t = text.trim();
        // One pass over the characters, with the two before each: a separator between
        // spaces, a handle, a copyright sign. No allocation: every page line of a
        // million-line page comes through here.
        // Not spaces: a separator needs a space on both sides within the line.
        let (mut before, mut last) = ('x', 'x');
        let mut marked = false;
        for c in t.chars() {
            marked |= (before.is_whitespace()
                && c.is_whitespace()
                && matches!(last, '|' | '•' | '·' | '›' | '>' | '«' | '»'))
                || (last == '@' && c.is_alphanumeric())
                || c == '©';
            if marked {
                break;
            }
            (before, last) = (last, c);
        }
        if marked || t.contains("http://") || t.contains("https://") || t.contains("www.") {
            return Look::Marked;
        }
        let core = t.trim_end_matches(['"', '\'', '”', '’', '»', ')', ']']);
        let words = t.split_whitespace().count();
        // An Arabic question of two words ("من بناه؟") is a sentence; "Share
        // this:" is a label.
        let sentence = (core.ends_with(['.', '!', '?', '؟', '…', '۔']) && words >= 2)
            || (core.ends_with([':', ';']) && words >= 3);
        if sentence || measure_len(t) >= 60 {
            Look::Content
        } else {
            Look::Short
        }
    }
}

impl LineKind {
    /// The kinds of the lines of one language, given each line's run (lines of a
    /// run are consecutive).
    fn of_lines(texts: &[&str], runs: impl Iterator<Item = usize>) -> Vec<LineKind> {
        let looks: Vec<Look> = texts.iter().map(|t| Look::of(t)).collect();
        let runs: Vec<usize> = runs.collect();
        let mut kinds = Vec::with_capacity(looks.len());
        let mut start = 0;
        for group in runs.chunk_by(|a, b| a == b) {
            let lines = looks.get(start..start + group.len()).unwrap_or_default();
            let first = lines.iter().position(|l| *l == Look::Content);
            let last = lines.iter().rposition(|l| *l == Look::Content);
            for (k, look) in lines.iter().enumerate() {
                kinds.push(match (look, first, last) {
                    (Look::Content, _, _) => LineKind::Content,
                    (Look::Marked, _, _) => LineKind::Marked,
                    (Look::Short, Some(f), _) if k < f => LineKind::Heading,
                    (Look::Short, _, Some(l)) if k > l => LineKind::Trailing,
                    (Look::Short, Some(_), Some(_)) => LineKind::Inner,
                    (Look::Short, _, _) => LineKind::Alone,
                });
            }
            start += group.len();
        }
        kinds
    }

    /// The share of such lines that are translated (see above).
    fn translated_share(self) -> f64 {
        let (translated, lines) = match self {
            LineKind::Content => (1044.0, 1051.0),
            LineKind::Heading => (19.0, 26.0),
            LineKind::Inner => (44.0, 50.0),
            LineKind::Trailing => (0.0, 46.0),
            LineKind::Alone => (22.0, 53.0),
            LineKind::Marked => (1.0, 91.0),
        };
        (translated + 1.0) / (lines + 2.0)
    }

    /// The cost of matching such a line, relative to the page-wide prior of unit
    /// beads: `ln odds(base rate) − ln odds(share)`.
    fn match_cost(self) -> f64 {
        let odds = |p: f64| p / (1.0 - p);
        odds(UNIT_MATCH_RATE).ln() - odds(self.translated_share()).ln()
    }
}

/// What the unit alignment sees of a page's lines, English and Arabic.
struct Lines<'t> {
    en_texts: Vec<&'t str>,
    ar_texts: Vec<&'t str>,
    en_lens: Vec<usize>,
    ar_lens: Vec<usize>,
    costs: UnitCosts,
}

/// Match costs of a page's English and Arabic units, and the kinds they come
/// from (see [`LineKind`]).
struct UnitCosts {
    en: Vec<f64>,
    ar: Vec<f64>,
    en_kinds: Vec<LineKind>,
    ar_kinds: Vec<LineKind>,
}

impl UnitCosts {
    fn of(en: &[&str], en_units: &[Unit], ar: &[&str], ar_units: &[Unit]) -> UnitCosts {
        let kinds =
            |texts: &[&str], units: &[Unit]| LineKind::of_lines(texts, units.iter().map(|u| u.run));
        let (ke, ka) = (kinds(en, en_units), kinds(ar, ar_units));
        let costs = |k: &[LineKind]| k.iter().map(|k| k.match_cost()).collect();
        UnitCosts {
            en: costs(&ke),
            ar: costs(&ka),
            en_kinds: ke,
            ar_kinds: ka,
        }
    }

    fn all(&self) -> MatchCosts {
        MatchCosts::new(&self.en, &self.ar)
    }
}

/// Grid points per octave of the unit ratio search (see `align_units`).
const RATIO_STEPS: i32 = 4;

/// Largest unit lattice the ratio search runs on (about 2,000 lines a side);
/// beyond it eleven more alignments would cost more than a biased ratio.
const RATIO_SEARCH_CELLS: usize = 4_000_000;

/// Whether a document of `n` English and `m` Arabic lines is a book rather than a
/// page: too long for the ratio search, and aligned by line length alone.
fn is_book(n: usize, m: usize) -> bool {
    (n + 1).saturating_mul(m + 1) > RATIO_SEARCH_CELLS
}

/// The document with its sentence list: the English and Arabic lists merged in
/// document order (each run is of one language, so both are sorted by position).
fn with_sentences<'t>(
    mut doc: DocumentAlignment<'t>,
    en: Vec<Sentence<'t>>,
    ar: Vec<Sentence<'t>>,
) -> DocumentAlignment<'t> {
    let mut all = Vec::with_capacity(en.len() + ar.len());
    let (mut en, mut ar) = (en.into_iter().peekable(), ar.into_iter().peekable());
    loop {
        let next = match (en.peek(), ar.peek()) {
            (Some(e), Some(a)) if e.span.start <= a.span.start => en.next(),
            (Some(_), Some(_)) => ar.next(),
            (Some(_), None) => en.next(),
            (None, _) => ar.next(),
        };
        match next {
            Some(s) => all.push(s),
            None => break,
        }
    }
    doc.sentences = all;
    doc
}

/// Everything the unit-bead checks need.
struct Checks<'a, 't> {
    en_units: &'a [Unit],
    ar_units: &'a [Unit],
    en: &'a [Sentence<'t>],
    ar: &'a [Sentence<'t>],
    ratio: f64,
    min_unit_score: f64,
    /// Per unit, its [`LineKind`].
    en_kinds: &'a [LineKind],
    ar_kinds: &'a [LineKind],
}

impl Checks<'_, '_> {
    /// Step 5 of the module documentation on candidate unit beads
    /// `(English units, Arabic units, score)`.
    fn check(
        &self,
        beads: impl Iterator<Item = (Range<usize>, Range<usize>, f64)>,
    ) -> Vec<UnitBead> {
        let mut kept = Vec::new();
        for (e, a, score) in beads {
            if e.is_empty() || a.is_empty() || score < self.min_unit_score {
                continue;
            }
            let (en_r, en_len) = one_run(e, self.en_units);
            let (ar_r, ar_len) = one_run(a, self.ar_units);
            // Each side is trimmed against the other side's untrimmed length.
            let (en_r, le) = trim_glued(en_r, en_len, self.en_units, ar_len as f64 / self.ratio);
            let (ar_r, la) = trim_glued(ar_r, ar_len, self.ar_units, en_len as f64 * self.ratio);
            if le == 0 || la == 0 {
                continue;
            }
            // Lengths and anchors say whether two lines translate each other, not
            // whether they are the article or its furniture ("Comments (3)" /
            // "التعليقات (3)" is a translation too): a pair is right no more often
            // than its least article-like line is part of the article.
            let share = |kinds: &[LineKind], r: &Range<usize>| {
                kinds
                    .get(r.clone())
                    .unwrap_or_default()
                    .iter()
                    .map(|k| k.translated_share())
                    .fold(1.0, f64::min)
            };
            let score = score
                .min(share(self.en_kinds, &en_r))
                .min(share(self.ar_kinds, &ar_r));
            if score < self.min_unit_score {
                continue;
            }
            let r = la as f64 / (le as f64 * self.ratio);
            if !(1.0 / MAX_RATIO_FACTOR..=MAX_RATIO_FACTOR).contains(&r) {
                continue;
            }
            // Lengths of a few letters say little; two short lines that are not
            // sentences (titles, labels) must also share their numbers.
            let sentence = |kinds: &[LineKind], r: &Range<usize>| {
                kinds
                    .get(r.clone())
                    .unwrap_or_default()
                    .contains(&LineKind::Content)
            };
            if (le as f64).min(la as f64 / self.ratio) < SHORT_UNIT
                && !(sentence(self.en_kinds, &en_r) && sentence(self.ar_kinds, &ar_r))
            {
                let ne = numbers_of(self.en_units, self.en, &en_r);
                let na = numbers_of(self.ar_units, self.ar, &ar_r);
                if ne.is_empty() || ne != na {
                    continue;
                }
            }
            kept.push(UnitBead {
                en: en_r,
                ar: ar_r,
                score,
                en_len: le,
                ar_len: la,
            });
        }
        kept
    }
}

/// The numbers written in some units, in order.
fn numbers_of(units: &[Unit], list: &[Sentence<'_>], r: &Range<usize>) -> Vec<u64> {
    let mut v = Vec::new();
    for u in units.get(r.clone()).unwrap_or_default() {
        for s in list.get(u.sentences.clone()).unwrap_or_default() {
            v.extend(numbers_in(s.text));
        }
    }
    v
}

/// Keeps only the units of the run holding most of the bead side's text: a
/// pair side must not stretch over text of the other language between runs.
/// Returns the kept units and their measured length.
fn one_run(r: Range<usize>, units: &[Unit]) -> (Range<usize>, usize) {
    let mut best = (r.start..r.start, 0);
    let mut start = r.start;
    let side = units
        .get(r.start..r.end.min(units.len()))
        .unwrap_or_default();
    for group in side.chunk_by(|a, b| a.run == b.run) {
        let len = group.iter().map(|u| u.len).sum();
        if len > best.1 {
            best = (start..start + group.len(), len);
        }
        start += group.len();
    }
    best
}

/// English and Arabic runs in document order, each with its unit range.
fn run_sequence(en_units: &[Unit], ar_units: &[Unit]) -> Vec<(Lang, Range<usize>, usize)> {
    let mut seq: Vec<(Lang, Range<usize>, usize)> = Vec::new();
    for (lang, units) in [(Lang::English, en_units), (Lang::Arabic, ar_units)] {
        for (i, u) in units.iter().enumerate() {
            match seq.last_mut() {
                Some(last) if last.0 == lang && last.2 == u.run => last.1.end = i + 1,
                _ => seq.push((lang, i..i + 1, u.run)),
            }
        }
    }
    seq.sort_by_key(|x| x.2);
    seq
}

/// A unit bead that passed the checks.
#[derive(Clone, Debug)]
struct UnitBead {
    en: Range<usize>,
    ar: Range<usize>,
    score: f64,
    en_len: usize,
    ar_len: usize,
}

/// Drops edge units much shorter than the rest of the bead side: a menu line
/// glued onto a paragraph by a 2-1 bead is not part of the translation.
/// `total` is the measured length of the units `r`; returns the kept units and
/// theirs.
fn trim_glued(
    mut r: Range<usize>,
    mut total: usize,
    units: &[Unit],
    other: f64,
) -> (Range<usize>, usize) {
    let len = |i: usize| units.get(i).map_or(0, |u| u.len);
    // How far the side's length is from `other` (the other side's length in
    // this side's units), as a log ratio.
    let misfit = |total: f64| (total.max(1.0) / other.max(1.0)).ln().abs();
    while r.len() > 1 {
        let t = total as f64;
        // Cannot underflow: `r.end >= r.start + 2`. `total` is the sum of `len(i)`
        // over `r` (as `one_run` returns it, and kept so below), so it is at least
        // `first` and `last`.
        let (first, last) = (len(r.start), len(r.end - 1));
        // A line shorter than a short sentence whose removal brings the
        // lengths closer is glued on as well.
        let drop = |x: usize| {
            let x = x as f64;
            x < GLUED_SHARE * t || (x < SHORT_UNIT && misfit(t - x) < misfit(t))
        };
        if drop(first) && first <= last {
            r.start += 1;
            total -= first;
        } else if drop(last) {
            r.end -= 1;
            total -= last;
        } else {
            break;
        }
    }
    (r, total)
}

/// The numbers written in `text`, Western and Arabic-Indic digits alike: every
/// maximal run of digits, separators not resolved.
///
/// Not [`extract_anchors`]' [`AnchorKind::Number`]: anchors keep each number once
/// and resolve separators, while the short-unit check compares the sequences as
/// written, repeats included.
fn numbers_in(text: &str) -> Vec<u64> {
    let mut out = Vec::new();
    let mut cur: Option<u64> = None;
    for c in text.chars() {
        let d = digit_value(c).map(u32::from);
        match d {
            Some(d) => {
                cur = Some(
                    cur.unwrap_or(0)
                        .saturating_mul(10)
                        .saturating_add(u64::from(d)),
                )
            }
            None => out.extend(cur.take()),
        }
    }
    out.extend(cur);
    out
}

/// The document-level test of the module documentation.
fn is_parallel(kept: &[UnitBead], en_lens: &[usize], ar_lens: &[usize]) -> bool {
    let (Some(first), Some(last)) = (kept.first(), kept.last()) else {
        return false;
    };
    let pe: usize = kept.iter().map(|b| b.en_len).sum();
    let pa: usize = kept.iter().map(|b| b.ar_len).sum();
    let share = |paired: usize, lens: &[usize]| {
        let total: usize = lens.iter().sum();
        total > 0 && paired as f64 >= MIN_COVERAGE * total as f64
    };
    if share(pe, en_lens) && share(pa, ar_lens) {
        return true;
    }
    kept.len() >= MIN_LOCAL_BEADS
        && share(
            pe,
            en_lens.get(first.en.start..last.en.end).unwrap_or_default(),
        )
        && share(
            pa,
            ar_lens.get(first.ar.start..last.ar.end).unwrap_or_default(),
        )
}

/// Folds inner 1-0 and 0-1 beads into the bead before them (or after, at the
/// start), so the sentence pairs of a unit bead cover it whole.
fn merge_unmatched(
    beads: Vec<(Range<usize>, Range<usize>, f64)>,
) -> Vec<(Range<usize>, Range<usize>, f64)> {
    let mut out: Vec<(Range<usize>, Range<usize>, f64)> = Vec::new();
    let mut pending: Option<(Range<usize>, Range<usize>)> = None;
    for (e, a, s) in beads {
        if e.is_empty() || a.is_empty() {
            match out.last_mut() {
                Some(last) => {
                    last.0.end = last.0.end.max(e.end);
                    last.1.end = last.1.end.max(a.end);
                }
                None => pending = Some(cover_pending(pending.take(), e, a)),
            }
            continue;
        }
        let (e, a) = cover_pending(pending.take(), e, a);
        out.push((e, a, s));
    }
    out
}

/// `(e, a)` widened to cover the pending unmatched sentences, if any.
fn cover_pending(
    pending: Option<(Range<usize>, Range<usize>)>,
    e: Range<usize>,
    a: Range<usize>,
) -> (Range<usize>, Range<usize>) {
    match pending {
        Some((pe, pa)) => (cover(&pe, &e), cover(&pa, &a)),
        None => (e, a),
    }
}

/// Smallest range covering both; an empty range contributes nothing.
fn cover(a: &Range<usize>, b: &Range<usize>) -> Range<usize> {
    if a.is_empty() {
        return b.clone();
    }
    if b.is_empty() {
        return a.clone();
    }
    a.start.min(b.start)..a.end.max(b.end)
}

fn make_pair<'t>(
    text: &'t str,
    en: &[Sentence<'t>],
    ar: &[Sentence<'t>],
    er: Range<usize>,
    arr: Range<usize>,
    score: f64,
) -> Option<Pair<'t>> {
    let en_span = en
        .get(er.start)?
        .span
        .cover(en.get(er.end.checked_sub(1)?)?.span);
    let ar_span = ar
        .get(arr.start)?
        .span
        .cover(ar.get(arr.end.checked_sub(1)?)?.span);
    let kind = BeadKind::new(er.len(), arr.len());
    Some(Pair {
        en: text.get(en_span.range())?,
        ar: text.get(ar_span.range())?,
        en_span,
        ar_span,
        kind,
        score,
        en_sentences: er,
        ar_sentences: arr,
    })
}

/// Pairings of at least this many pairs whose mean score is below
/// [`NON_PARALLEL_SCORE`] are taken for text that is not a translation.
pub(crate) const NON_PARALLEL_MIN_PAIRS: usize = 5;

/// The mean posterior of a pairing's pairs is the share of them the model expects
/// to be right; below one half, most are expected wrong, which is what unrelated text
/// of similar lengths looks like (the pairs of parallel pages score 0.7–0.94 on
/// average; two unrelated 25 MB halves, 0.20).
pub(crate) const NON_PARALLEL_SCORE: f64 = 0.5;

/// Removes the pairs of pairings that look non-parallel (many pairs, low mean score)
/// and regroups the rest.
fn drop_non_parallel(doc: &mut DocumentAlignment<'_>, en: &[Sentence<'_>], ar: &[Sentence<'_>]) {
    let bad: Vec<Range<usize>> = doc
        .pairings
        .iter()
        .filter(|p| p.pairs.len() >= NON_PARALLEL_MIN_PAIRS && p.mean_score < NON_PARALLEL_SCORE)
        .map(|p| p.pairs.clone())
        .collect();
    if bad.is_empty() {
        return;
    }
    let mut k = 0;
    doc.pairs.retain(|_| {
        let keep = !bad.iter().any(|r| r.contains(&k));
        k += 1;
        keep
    });
    doc.pairings = pairings(&doc.pairs, en, ar);
}

/// Groups pairs into runs that translate each other (connected components of
/// the run-sharing relation; pairs are monotone, so a component is a stretch
/// of consecutive pairs). Their [`Parallelism`] is left for
/// [`set_parallelism`], once the pairs are final.
fn pairings(pairs: &[Pair<'_>], en: &[Sentence<'_>], ar: &[Sentence<'_>]) -> Vec<Pairing> {
    let runs_of = |list: &[Sentence<'_>], r: &Range<usize>| -> Vec<usize> {
        let mut v: Vec<usize> = list
            .get(r.clone())
            .unwrap_or_default()
            .iter()
            .map(|s| s.run)
            .collect();
        v.dedup();
        v
    };
    let mut out: Vec<Pairing> = Vec::new();
    for (i, p) in pairs.iter().enumerate() {
        let er = runs_of(en, &p.en_sentences);
        let arr = runs_of(ar, &p.ar_sentences);
        let joins = out.last().is_some_and(|last| {
            er.iter().any(|r| last.en_runs.contains(r))
                || arr.iter().any(|r| last.ar_runs.contains(r))
        });
        if let (true, Some(last)) = (joins, out.last_mut()) {
            for r in er {
                if !last.en_runs.contains(&r) {
                    last.en_runs.push(r);
                }
            }
            for r in arr {
                if !last.ar_runs.contains(&r) {
                    last.ar_runs.push(r);
                }
            }
            last.pairs.end = i + 1;
            last.mean_score += p.score;
        } else {
            out.push(Pairing {
                en_runs: er,
                ar_runs: arr,
                pairs: i..i + 1,
                mean_score: p.score,
                parallelism: Parallelism::default(),
            });
        }
    }
    for p in &mut out {
        // `pairs` is never empty: each pairing starts with one pair.
        p.mean_score /= p.pairs.len().max(1) as f64;
    }
    out
}

/// Fills in the [`Parallelism`] of each pairing and of the whole document from
/// the final pairs, reading each pair's anchors once.
fn set_parallelism(doc: &mut DocumentAlignment<'_>, en: &[Sentence<'_>], ar: &[Sentence<'_>]) {
    let evidence: Vec<Evidence> = doc.pairs.iter().map(|p| Evidence::of(p, en, ar)).collect();
    // Bytes per run, summed once: a pass over all sentences per pairing would
    // make interleaved documents quadratic.
    let mut run_bytes = vec![0usize; doc.runs.len()];
    for s in en.iter().chain(ar) {
        if let Some(b) = run_bytes.get_mut(s.run) {
            *b += s.text.len();
        }
    }
    for p in &mut doc.pairings {
        let total = p
            .en_runs
            .iter()
            .chain(&p.ar_runs)
            .map(|&r| run_bytes.get(r).copied().unwrap_or(0))
            .sum();
        let here = evidence.get(p.pairs.clone()).unwrap_or_default();
        p.parallelism = Evidence::sum(here).parallelism(total);
    }
    doc.parallelism = Evidence::sum(&evidence).parallelism(run_bytes.iter().sum());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extreme_fitted_ratio_is_no_error() {
        // Fitted ratio about 1e-4, below what `Aligner::ratio` accepts; three runs,
        // so the interleaved candidates are aligned at that ratio.
        let en = "The river flooded the old town and many families left. ".repeat(300);
        let text = format!("{en}\nنعم\n{en}\nلا\n");
        let doc = align_document(&text);
        assert!(doc.is_ok(), "{doc:?}");
    }
}
