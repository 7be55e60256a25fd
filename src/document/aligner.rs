//! The document aligner: its settings, its builder, and the pipeline that calls
//! the steps (units, structure, checks, pairs, verdict) in turn.

use std::fmt;

use super::alignment::{DocumentAlignment, NoPairs, Pairing, Sentence};
use super::checks::Checks;
use super::content::weigh_content;
use super::furniture::{self, Furniture};
use super::pairs::{pairings, pairs_in_units};
use super::structure::{align_units, choose_structure};
use super::units::{is_book, units, Lines, Parked};
use super::verdict::{drop_non_parallel, is_parallel, set_parallelism};
use crate::align::{AlignConfig, Aligner, AlignerBuilder};
use crate::error::{Error, Result};
use crate::runs::RunDetector;
use crate::sentences::SentenceSplitter;

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
    let text = std::str::from_utf8(bytes).map_err(Error::from)?;
    align_document(text)
}

/// Validated settings of a [`DocumentAligner`]: the [`AlignConfig`] of its
/// unit and sentence alignments, the [`SentenceSplitter`], the [`RunDetector`],
/// and the thresholds of the checks. Immutable, cheap to clone and [`Send`] +
/// [`Sync`]; built by [`DocumentAlignerBuilder`].
///
/// ```
/// use bitext::DocumentAligner;
/// let config = DocumentAligner::new().config().clone();
/// assert_eq!((config.min_score(), config.min_unit_score()), (0.0, 0.3));
/// assert_eq!(config.aligner().max_bead(), 4);
/// let mut worker = DocumentAligner::with_config(config); // buffers of its own
/// let doc = worker.align("The meeting ended at noon.\nانتهى الاجتماع عند الظهر.")?;
/// assert_eq!(doc.pairs.len(), 1);
/// # Ok::<(), bitext::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct DocumentConfig {
    aligner: AlignConfig,
    splitter: SentenceSplitter,
    detector: RunDetector,
    min_score: f64,
    min_unit_score: f64,
    sentence_pairs: bool,
}

/// Sets up a [`DocumentAligner`]: each setter states its default;
/// [`DocumentAlignerBuilder::build`] checks every value, those of the
/// [`AlignerBuilder`] included.
///
/// ```
/// use bitext::{Aligner, DocumentAligner};
/// let mut aligner = DocumentAligner::builder()
///     .aligner(Aligner::builder().max_bead(3))
///     .min_score(0.5)
///     .build()?;
/// let doc = aligner.align("The meeting ended at noon.\nانتهى الاجتماع عند الظهر.")?;
/// assert_eq!(doc.pairs.len(), 1);
/// assert!(DocumentAligner::builder().min_score(2.0).build().is_err());
/// # Ok::<(), bitext::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct DocumentAlignerBuilder {
    /// The settings as set so far, not yet checked: only `build` and
    /// `build_config` hand them out.
    settings: DocumentConfig,
}

/// Aligns documents: runs, sentences, unit beads, checks and sentence pairs
/// (the pipeline is described below). A [`DocumentConfig`] and
/// the buffers of the aligners it derives per document, kept between documents
/// (hence `&mut self`).
///
/// `Debug` shows the configuration only; a clone has the same configuration
/// and buffers of its own.
///
/// ```
/// use bitext::DocumentAligner;
/// let mut aligner = DocumentAligner::new(); // the defaults; `builder()` sets them
/// let doc = aligner.align("The meeting ended at noon.\nانتهى الاجتماع عند الظهر.")?;
/// assert_eq!(doc.pairs.len(), 1);
/// # Ok::<(), bitext::Error>(())
/// ```
///
/// # Pipeline
///
/// 1. **Runs.** [`RunDetector`] cuts the page into English, Arabic and other
///    runs ([`DocumentAlignment::runs`]).
/// 2. **Sentences.** Every English and Arabic run is split with the
///    [`SentenceSplitter`] ([`DocumentAlignment::sentences`]). Runs in other
///    languages take no further part.
/// 3. **Units.** Consecutive sentences of one run with no line break between
///    them form a *unit*: a paragraph, headline or menu line. Scraped pages put
///    a translated paragraph on its own line, so units, not sentences, are
///    what the two languages share reliably.
/// 4. **Unit beads.** The units are aligned with the core [`Aligner`] under a
///    model of page lines: bead priors for lines (a translated paragraph is one
///    line on each side; 1-0 and 0-1 are common), and a prior odds that each line
///    is translated at all, from what it looks like and where it stands in its
///    run (a sentence; a short line before, among or after the run's sentences;
///    a link list, breadcrumb or credit line), with population values from
///    hand-aligned pages. The length ratio is the one that makes the page most
///    likely, searched from half to twice the total-length ratio, since
///    untranslated text biases the totals; a book (past about 2,000 lines a
///    side) is long enough to fit its own bead priors and ratio instead, and
///    the course of its lines is taken through its anchors. Three structures
///    are compared on every page up to 300,000 lines (a longer one keeps (a),
///    aligned by length alone, for its time and memory): (a)
///    all English units, in document order, against all Arabic units, which
///    covers an English block followed by its Arabic block (or the reverse);
///    (b) every English run against the Arabic run right after it, and (c) every
///    Arabic run against the English run right after it, for paragraphs
///    interleaved EN/AR or AR/EN. The one with the highest evidence wins: the
///    likelihood of the page averaged over the alignments the structure allows
///    (see `choose_structure`). A unit bead's score is its posterior summed over
///    the structures, each weighted by its own posterior, so a page whose
///    structure is in doubt gets low scores. Lines without a translation (menus,
///    "Share this", "اقرأ أيضا") become 1-0 and 0-1 beads.
/// 5. **Checks.** A unit bead with a translation on both sides is kept only if
///    it looks like one: its sides come from one run each (the run with most
///    of the side's text is kept), its score (the probability that its lines
///    are linked right, see below) is at least
///    [`DocumentAlignerBuilder::min_unit_score`]; its length ratio is within a factor
///    of 2.5 of the ratio the aligner fitted; a short edge
///    unit glued to a much longer bead side is split off as unpaired; and when
///    both sides are short (a few words, where lengths say nothing) and one of
///    them is not a sentence, the two sides must share their numbers (a title
///    "Psalm 1" / "المزامير ١"). Then
///    the document as a whole must look parallel (see below), or no pair is
///    kept at all.
/// 6. **Sentence pairs.** Inside each kept unit bead the sentences are aligned
///    again with the aligner, at the length ratio fitted on the units. An
///    inner sentence without a counterpart is merged into its neighbour
///    bead, since the unit bead already says the whole paragraph is
///    translated. Each inner bead becomes a [`Pair`](crate::Pair).
///
/// # Scores
///
/// A pair's score is the probability that it is right: that its unit bead is
/// (its lines translate each other under the structure chosen, each line's
/// kind entering the line lattice as a prior, once), times the probability
/// that the pair's sentences are linked right inside it. Each of the two
/// comes from a bead posterior read through one monotone map fitted on the
/// development sets, since a posterior of one exact bead undercounts a link
/// that several cuts of a paragraph share. A unit bead of sentence lines is
/// then weighed by the numbers and foreign words its sides miss, at the rate
/// the page's other pairs keep them: lengths cannot tell a paragraph from an
/// unrelated one of the same length. Page furniture (lines repeated on
/// the page or across a batch, counters, "Read more: …" labels) enters the
/// lattice with the prior of a marked line, so its pairs score low.
///
/// # Is the document parallel at all?
///
/// Gale–Church alignment always finds *some* partner of the right length: a
/// stray English line in an Arabic page ("View on example.com", an embedded
/// tweet) would be paired with whichever Arabic line happens to be as long.
/// Length agreement is only evidence when it holds over a stretch of text.
/// So the kept unit beads are accepted only when they cover most of the text
/// around them on *both* sides:
///
/// - *global*: the paired text is at least half of all English
///   and of all Arabic text (a short page that is one sentence and its
///   translation), or
/// - *local*: at least 3 unit beads were kept, and between the first and the
///   last paired unit of each language, at least half of the text is paired (a bilingual article inside a page
///   with a long monolingual tail).
///
/// A few unrelated lines matched by chance leave most of the text between them
/// unpaired and fail both tests; such documents yield their runs and sentences
/// but no pairs. A consequence of the short-unit check: a unit bead under 20
/// characters a side that is not a sentence on both sides ("Good morning" /
/// "صباح الخير") is only paired when both sides carry the same numbers, so a
/// document of two such lines has no pairs.
///
/// ```
/// use bitext::{align_document, Lang};
///
/// let page = "The river flooded the old town on Monday.\n\
///             Hundreds of families left their homes.\n\
///             فاض النهر على البلدة القديمة يوم الاثنين.\n\
///             وغادرت مئات العائلات منازلها.\n\
///             Share this";
/// let doc = align_document(page)?;
/// let pairs: Vec<(&str, &str)> = doc.pairs.iter().map(|p| (p.en, p.ar)).collect();
/// assert_eq!(
///     pairs,
///     [
///         ("The river flooded the old town on Monday.", "فاض النهر على البلدة القديمة يوم الاثنين."),
///         ("Hundreds of families left their homes.", "وغادرت مئات العائلات منازلها."),
///     ]
/// );
/// assert_eq!(doc.runs.len(), 3);
/// assert_eq!(doc.runs[2].lang, Lang::English); // "Share this" stays unpaired
/// assert_eq!(&page[doc.pairs[1].ar_span.range()], doc.pairs[1].ar);
/// # Ok::<(), bitext::Error>(())
/// ```
///
/// # Memory
///
/// Aligning a page takes at most 16 bytes a byte of its text, plus 512 a
/// line and a sentence, plus 4 MiB (the peak of heap in use, checked in
/// `tests/memory.rs` on ordinary pages, pages of one-character lines in
/// alternating languages, and lines of 20,000 sentences). A page of short
/// lines costs its lines, not its bytes: each line is a run, a sentence and a
/// unit of the result and a row of the unit alignment. The worst shape
/// measured, two million one-character lines (5 MB), peaks at 146 bytes of
/// resident memory a byte of text.
#[derive(Clone)]
pub struct DocumentAligner {
    config: DocumentConfig,
    /// Buffers of the fixed-ratio aligners derived per document.
    scratch: Scratch,
}

impl fmt::Debug for DocumentAligner {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DocumentAligner")
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

/// Buffers of the aligners derived from [`DocumentConfig::aligner`] for each
/// document (the ratio search and interleaved candidates, the sentence pairs),
/// kept between documents so that they are not allocated per document: each is
/// reconfigured in place (`Aligner::set_config`) for every use. A clone starts
/// empty ([`Aligner`]'s clone does).
#[derive(Clone, Default)]
struct Scratch {
    fixed: Aligner,
    inner: Aligner,
}

impl Default for DocumentAlignerBuilder {
    fn default() -> Self {
        DocumentConfig::default().to_builder()
    }
}

impl Default for DocumentConfig {
    fn default() -> Self {
        DocumentConfig {
            aligner: AlignConfig::default(),
            splitter: SentenceSplitter::new(),
            detector: RunDetector::new(),
            min_score: 0.0,
            min_unit_score: 0.3,
            sentence_pairs: true,
        }
    }
}

impl DocumentAlignerBuilder {
    /// The default settings.
    pub fn new() -> Self {
        Self::default()
    }

    /// Checks every setting and returns a [`DocumentAligner`] with them.
    ///
    /// # Errors
    /// [`Error::InvalidConfig`] naming the first setting out of range.
    pub fn build(self) -> Result<DocumentAligner> {
        Ok(DocumentAligner::with_config(self.build_config()?))
    }

    /// Checks every setting and returns them as a [`DocumentConfig`].
    ///
    /// # Errors
    /// As [`DocumentAlignerBuilder::build`].
    pub fn build_config(self) -> Result<DocumentConfig> {
        let s = self.settings;
        for (name, v) in [
            ("min_score", s.min_score),
            ("min_unit_score", s.min_unit_score),
        ] {
            if !(0.0..=1.0).contains(&v) {
                return Err(Error::InvalidConfig {
                    name,
                    reason: format!("{v} is not in [0, 1]"),
                });
            }
        }
        s.aligner.validate()?;
        Ok(s)
    }

    /// The aligner settings for units and for sentences within them.
    ///
    /// Default: [`AlignerBuilder::new`].
    /// ```
    /// use bitext::{Aligner, DocumentAligner};
    /// assert_eq!(DocumentAligner::new().config().aligner().max_bead(), 4);
    /// let a = DocumentAligner::builder().aligner(Aligner::builder().max_bead(2)).build()?;
    /// assert_eq!(a.config().aligner().max_bead(), 2);
    /// # Ok::<(), bitext::Error>(())
    /// ```
    pub fn aligner(mut self, aligner: AlignerBuilder) -> Self {
        self.settings.aligner = aligner.into_unchecked();
        self
    }

    /// The sentence splitter. With [`LineBreaks::BlankLine`](crate::LineBreaks)
    /// units still end at every line break between sentences.
    ///
    /// Default: [`SentenceSplitter::new`].
    /// ```
    /// use bitext::{DocumentAligner, LineBreaks, SentenceSplitter};
    /// let a = DocumentAligner::new();
    /// assert_eq!(a.config().splitter().get_line_breaks(), LineBreaks::Always);
    /// let splitter = SentenceSplitter::new().line_breaks(LineBreaks::BlankLine);
    /// let a = DocumentAligner::builder().splitter(splitter).build()?;
    /// assert_eq!(a.config().splitter().get_line_breaks(), LineBreaks::BlankLine);
    /// # Ok::<(), bitext::Error>(())
    /// ```
    pub fn splitter(mut self, splitter: SentenceSplitter) -> Self {
        self.settings.splitter = splitter;
        self
    }

    /// The run detector.
    ///
    /// Default: [`RunDetector::new`].
    /// ```
    /// use bitext::{DocumentAligner, RunDetector};
    /// let detector = RunDetector::new().max_embedded_words(2);
    /// let mut a = DocumentAligner::builder().run_detector(detector).build()?;
    /// let doc = a.align("قال مدير RT Arabic اليوم")?;
    /// assert_eq!(doc.runs.len(), 1); // two Latin words stay embedded
    /// # Ok::<(), bitext::Error>(())
    /// ```
    pub fn run_detector(mut self, detector: RunDetector) -> Self {
        self.settings.detector = detector;
        self
    }

    /// Pairs scoring below this are dropped from the output (they still count
    /// when deciding whether the document is parallel, and in its
    /// [`parallelism`](crate::DocumentAlignment::parallelism) figures; a
    /// document that loses every pair says so in
    /// [`no_pairs`](crate::DocumentAlignment::no_pairs)). In `[0, 1]`.
    ///
    /// Default: 0.0 (keep every pair that passed the checks).
    /// ```
    /// use bitext::DocumentAligner;
    /// assert_eq!(DocumentAligner::new().config().min_score(), 0.0);
    /// let a = DocumentAligner::builder().min_score(0.9).build()?;
    /// assert_eq!(a.config().min_score(), 0.9);
    /// # Ok::<(), bitext::Error>(())
    /// ```
    pub fn min_score(mut self, score: f64) -> Self {
        self.settings.min_score = score;
        self
    }

    /// Unit beads (paragraph against paragraph) whose score (the probability
    /// that their lines are linked right) is below this are treated as
    /// unpaired. In `[0, 1]`.
    ///
    /// Default: 0.3, a population value from the hand-aligned development pages,
    /// where true paragraph beads score far above it and chance pairings of menu
    /// lines rarely reach it (docs/DESIGN.md gives the figures).
    /// ```
    /// use bitext::DocumentAligner;
    /// assert_eq!(DocumentAligner::new().config().min_unit_score(), 0.3);
    /// ```
    pub fn min_unit_score(mut self, score: f64) -> Self {
        self.settings.min_unit_score = score;
        self
    }

    /// Whether to split paragraph pairs into sentence pairs (`true`), or
    /// return one pair per unit bead (`false`).
    ///
    /// Default: `true`.
    /// ```
    /// use bitext::DocumentAligner;
    /// let text = "It rained. We stayed in.\nأمطرت. بقينا في البيت.";
    /// assert_eq!(DocumentAligner::new().align(text)?.pairs.len(), 2);
    /// let mut paragraphs = DocumentAligner::builder().sentence_pairs(false).build()?;
    /// assert!(!paragraphs.config().sentence_pairs());
    /// assert_eq!(paragraphs.align(text)?.pairs.len(), 1);
    /// # Ok::<(), bitext::Error>(())
    /// ```
    pub fn sentence_pairs(mut self, on: bool) -> Self {
        self.settings.sentence_pairs = on;
        self
    }
}

impl DocumentConfig {
    /// A builder holding these settings, to derive a variant.
    pub fn to_builder(&self) -> DocumentAlignerBuilder {
        DocumentAlignerBuilder {
            settings: self.clone(),
        }
    }

    /// See [`DocumentAlignerBuilder::aligner`].
    pub fn aligner(&self) -> &AlignConfig {
        &self.aligner
    }

    /// See [`DocumentAlignerBuilder::splitter`].
    pub fn splitter(&self) -> &SentenceSplitter {
        &self.splitter
    }

    /// See [`DocumentAlignerBuilder::run_detector`].
    pub fn run_detector(&self) -> &RunDetector {
        &self.detector
    }

    /// See [`DocumentAlignerBuilder::min_score`].
    pub fn min_score(&self) -> f64 {
        self.min_score
    }

    /// See [`DocumentAlignerBuilder::min_unit_score`].
    pub fn min_unit_score(&self) -> f64 {
        self.min_unit_score
    }

    /// See [`DocumentAlignerBuilder::sentence_pairs`].
    pub fn sentence_pairs(&self) -> bool {
        self.sentence_pairs
    }
}

impl Default for DocumentAligner {
    fn default() -> Self {
        DocumentAligner::with_config(DocumentConfig::default())
    }
}

impl DocumentAligner {
    /// A document aligner with the default settings (those of
    /// [`DocumentAlignerBuilder::new`]).
    pub fn new() -> Self {
        Self::default()
    }

    /// A builder to set up a document aligner.
    pub fn builder() -> DocumentAlignerBuilder {
        DocumentAlignerBuilder::new()
    }

    /// A document aligner with these (validated) settings and empty buffers.
    pub fn with_config(config: DocumentConfig) -> Self {
        DocumentAligner {
            config,
            scratch: Scratch::default(),
        }
    }

    /// The settings.
    pub fn config(&self) -> &DocumentConfig {
        &self.config
    }

    /// Aligns one document (the pipeline is described on [`DocumentAligner`]).
    ///
    /// # Errors
    /// [`Error::InvalidConfig`] when parameters the document fits on its units
    /// do not define a model (a fitted ratio outside the range
    /// [`AlignerBuilder::ratio`] accepts, say), which settings that passed
    /// [`DocumentAlignerBuilder::build`] are not known to produce.
    pub fn align<'t>(&mut self, text: &'t str) -> Result<DocumentAlignment<'t>> {
        self.align_with(text, None)
    }

    /// Aligns one page of a batch or crawl, with what the other pages say of its
    /// short lines: a line printed on many of them is site furniture
    /// ([`Furniture`]). [`DocumentAligner::align_batch`] counts the batch itself.
    ///
    /// ```
    /// use bitext::{DocumentAligner, Furniture};
    /// let pages = [
    ///     "Sign up for our newsletter\nاشترك في نشرتنا\nIt rained.\nأمطرت.",
    ///     "Sign up for our newsletter\nاشترك في نشرتنا\nThe bridge opened.\nافتتح الجسر.",
    ///     "Sign up for our newsletter\nاشترك في نشرتنا\nWe won.\nفزنا.",
    /// ];
    /// let furniture = Furniture::of_pages(&pages);
    /// assert!(furniture.is_furniture("Sign up for our newsletter"));
    /// let doc = DocumentAligner::new().align_with_furniture(pages[0], &furniture)?;
    /// assert!(doc.pairs.iter().all(|p| !p.en.starts_with("Sign up") || p.score < 0.5));
    /// # Ok::<(), bitext::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`DocumentAligner::align`].
    pub fn align_with_furniture<'t>(
        &mut self,
        text: &'t str,
        furniture: &Furniture,
    ) -> Result<DocumentAlignment<'t>> {
        self.align_with(text, Some(furniture))
    }

    /// [`DocumentAligner::align`], with a batch's furniture counts if any.
    fn align_with<'t>(
        &mut self,
        text: &'t str,
        batch: Option<&Furniture>,
    ) -> Result<DocumentAlignment<'t>> {
        let runs = self.config.detector.detect(text);
        let mut doc = DocumentAlignment {
            runs,
            ..DocumentAlignment::default()
        };
        // Steps 2 and 3: per-language sentence lists (the index space of pairs)
        // and units.
        let (mut sentences, en_count, mut en_units, mut ar_units) =
            units(&self.config.splitter, text, &doc.runs);
        if en_units.is_empty() || ar_units.is_empty() {
            doc.no_pairs = Some(match en_units.is_empty() && ar_units.is_empty() {
                true => NoPairs::Empty,
                false => NoPairs::OneLanguage,
            });
            return Ok(with_sentences(doc, sentences));
        }
        // Lists grown by doubling hold up to twice their length; these live to
        // the end of the call, and the document's own list is made from the
        // sentences at the end.
        sentences.shrink_to_fit();
        let (en, ar) = sentences.split_at(en_count);
        for units in [&mut en_units, &mut ar_units] {
            units.shrink_to_fit();
        }
        doc.runs.shrink_to_fit();

        let mut lines = Lines::of(text, en, &en_units, ar, &ar_units);
        furniture::mark(&mut lines, batch);
        // On a book-size page the sentences and units are packed while the units
        // are aligned: that is the peak of the call's memory.
        let book = is_book(en_units.len(), ar_units.len());
        let parked = Parked::new((sentences, en_count, en_units, ar_units), book);
        let global = align_units(&self.config.aligner, &mut self.scratch.fixed, &lines)?;
        let (sentences, en_units, ar_units) = parked.unpark(text, &lines);
        let (en, ar) = sentences.split_at(en_count);
        let ratio = global.params.ratio;
        let checks = Checks {
            en_units: &en_units,
            ar_units: &ar_units,
            en,
            ar,
            ratio,
            min_unit_score: self.config.min_unit_score,
            en_kinds: &lines.costs.en_kinds,
            ar_kinds: &lines.costs.ar_kinds,
        };

        // Steps 4 and 5: the page's structure, chosen by evidence, and its
        // checked unit beads.
        let units = (en_units.as_slice(), ar_units.as_slice());
        let fixed = &mut self.scratch.fixed;
        let Some(mut kept) =
            choose_structure(&self.config.aligner, fixed, &global, &checks, &lines, units)?
        else {
            doc.no_pairs = Some(NoPairs::NotParallel);
            return Ok(with_sentences(doc, sentences));
        };
        if !is_parallel(&kept, &lines.en_lens, &lines.ar_lens) {
            doc.no_pairs = Some(NoPairs::NotParallel);
            return Ok(with_sentences(doc, sentences));
        }
        let kinds = (
            lines.costs.en_kinds.as_slice(),
            lines.costs.ar_kinds.as_slice(),
        );
        let sides = ((en, en_units.as_slice()), (ar, ar_units.as_slice()));
        weigh_content(&mut kept, kinds, text, sides.0, sides.1);
        // Unit-level results are not read again: their memory goes back now.
        drop((global, lines));

        // Step 6: sentence pairs inside each unit bead.
        let inner = &mut self.scratch.inner;
        let step = (&self.config.aligner, self.config.sentence_pairs);
        doc.pairs = pairs_in_units(
            step,
            inner,
            text,
            &kept,
            (en, &en_units),
            (ar, &ar_units),
            ratio,
        )?;
        // The pairs are complete: the unit beads and units are not read again.
        drop((kept, en_units, ar_units));
        doc.pairs.shrink_to_fit();
        self.finish(&mut doc, en, ar);
        Ok(with_sentences(doc, sentences))
    }

    /// Groups the final pairs into pairings, drops non-parallel ones, fills in
    /// the parallelism, then drops the pairs under
    /// [`DocumentAlignerBuilder::min_score`] and says why none is left.
    fn finish(&self, doc: &mut DocumentAlignment<'_>, en: &[Sentence<'_>], ar: &[Sentence<'_>]) {
        doc.pairings = pairings(&doc.pairs, en, ar);
        drop_non_parallel(doc, en, ar);
        set_parallelism(doc, en, ar);
        if doc.pairs.is_empty() {
            doc.no_pairs = Some(NoPairs::NotParallel);
            return;
        }
        // Low-scoring pairs count in the decision above and in the figures, so
        // they are dropped after both.
        let min = self.config.min_score;
        if min > 0.0 && doc.pairs.iter().any(|p| p.score < min) {
            doc.pairs.retain(|p| p.score >= min);
            let before = std::mem::take(&mut doc.pairings);
            doc.pairings = pairings(&doc.pairs, en, ar);
            keep_parallelism(&before, &mut doc.pairings, doc.runs.len());
            if doc.pairs.is_empty() {
                doc.no_pairs = Some(NoPairs::BelowThreshold);
            }
        }
    }
}

/// Gives each pairing of the pairs left by the score filter the parallelism of
/// the pairing it was part of before: a filter can split or empty pairings,
/// never join them, so the English runs of one pairing were all in one before.
fn keep_parallelism(before: &[Pairing], after: &mut [Pairing], runs: usize) {
    let mut owner = vec![None; runs];
    for (i, p) in before.iter().enumerate() {
        for &r in &p.en_runs {
            if let Some(o) = owner.get_mut(r) {
                *o = Some(i);
            }
        }
    }
    for p in after {
        let was = p
            .en_runs
            .first()
            .and_then(|&r| owner.get(r).copied().flatten());
        if let Some(q) = was.and_then(|i| before.get(i)) {
            p.parallelism = q.parallelism;
        }
    }
}

/// The document with its sentence list: the English sentences, then the Arabic
/// ones (see `DocumentAligner::units`), put in document order in place. Each run
/// is of one language and its sentences are in order, so that order is the one
/// of their runs, then of their positions.
fn with_sentences<'t>(
    mut doc: DocumentAlignment<'t>,
    mut sentences: Vec<Sentence<'t>>,
) -> DocumentAlignment<'t> {
    // Unstable is enough: no two sentences share a run and a span.
    sentences.sort_unstable_by_key(|s| (s.run, s.span.start, s.span.end));
    doc.sentences = sentences;
    doc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extreme_fitted_ratio_is_no_error() {
        // Fitted ratio about 1e-4, below what `AlignerBuilder::ratio` accepts; three runs,
        // so the interleaved candidates are aligned at that ratio.
        let en = "The river flooded the old town and many families left. ".repeat(300);
        let text = format!("{en}\nنعم\n{en}\nلا\n");
        let doc = align_document(&text);
        assert!(doc.is_ok(), "{doc:?}");
    }

    #[test]
    fn settings_are_shared_and_debug_shows_them_only() {
        fn send_sync<T: Send + Sync>() {}
        send_sync::<DocumentConfig>();
        let mut aligner = DocumentAligner::new();
        let before = format!("{aligner:?}");
        let mut text = String::new();
        for i in 0..300 {
            text.push_str(&format!(
                "Report {i} said the river rose {} metres.\n",
                i % 7 + 1
            ));
            text.push_str(&format!(
                "قال التقرير {i} إن النهر ارتفع {} أمتار.\n",
                i % 7 + 1
            ));
        }
        let doc = aligner.align(&text).expect("default settings");
        assert!(!doc.pairs.is_empty());
        assert_eq!(format!("{aligner:?}"), before);
        assert_eq!(aligner.clone().config(), aligner.config());
    }
}
