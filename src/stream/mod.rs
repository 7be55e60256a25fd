//! JSON Lines streams: one record in, one record out, in input order, in bounded
//! memory (with the `serde` feature).
//!
//! The record formats, memory and threads are documented on [`JsonlAligner`].

mod reader;
mod record;

use std::io::{BufRead, Write};

use crate::align::Aligner;
use crate::document::DocumentAlignerBuilder;
use crate::document::{DocumentAligner, Furniture};
use crate::error::{Error, Result};
use reader::{Line, LineReader};
use record::{align_record, error_record, BadLine, InputRecord};

pub use record::{BeadRecord, OutputRecord, PairRecord, RecordId};

/// The most memory aligning a record takes, per byte of its line: the worst
/// page shape measured (see the memory of [`DocumentAligner`]: 146 bytes a
/// byte on a page of one-character lines) with a margin, which also covers the
/// line, its parsed text and its output record.
const MEMORY_PER_BYTE: usize = 192;

/// Memory a record takes whatever its size: its output record's fixed fields
/// and the bookkeeping of the window.
const MEMORY_PER_RECORD: usize = 512;

/// Aligns a JSON Lines stream in windows; the record formats, memory and threads
/// are below. Built by [`JsonlAlignerBuilder`].
///
/// ```
/// use bitext::stream::JsonlAligner;
/// let input = "{\"id\": 1, \"text\": \"The meeting ended at noon.\\nانتهى الاجتماع عند الظهر.\"}\n\
///              not json\n";
/// let mut out = Vec::new();
/// let summary = JsonlAligner::new().run(input.as_bytes(), &mut out)?;
/// assert_eq!((summary.records, summary.errors), (2, 1));
/// let lines: Vec<serde_json::Value> = String::from_utf8(out).unwrap()
///     .lines().map(|l| serde_json::from_str(l).unwrap()).collect();
/// assert_eq!(lines[0]["pairs"][0]["en"], "The meeting ended at noon.");
/// assert_eq!((lines[1]["line"].as_u64(), lines[1]["id"].is_null()), (Some(2), true));
/// # Ok::<(), std::io::Error>(())
/// ```
///
/// # Records
///
/// Each input line is a JSON object, either a page or two pre-split sentence
/// lists; other fields are ignored. Its `id` (any JSON value; the `url` when
/// there is no `id`; `null` when there is neither) is copied to the output byte
/// for byte as it was written ([`RecordId`]). A byte order mark at the start of
/// the stream is skipped.
///
/// ```text
/// {"id": 7, "text": "The bridge opened.\nافتتح الجسر."}
/// {"id": "b", "en": ["The sun rose.", "Birds sang."], "ar": ["أشرقت الشمس.", "غنت الطيور."]}
/// ```
///
/// Each output line is one of:
///
/// - a page's `pairs` and its `parallelism` ([`OutputRecord::Page`]); a pair
///   has the fields, in the order, of a pair of `align --format jsonl`: `ar`,
///   `ar_span`, `doc` (the record's id as a name, [`RecordId::name`]: a string
///   id's contents), `en`, `en_span` (spans in UTF-8 byte offsets into
///   `text`), `kind`, `score`;
/// - the pre-split lists' `beads` (`en`, `ar`: `[start, end)` sentence index
///   ranges, `kind`, `score`; 1-0 and 0-1 beads included);
/// - for a line that is not such a record (bad JSON, bad UTF-8, two records on
///   one line, neither `text` nor `en` and `ar`, longer than
///   [`JsonlAligner::max_record_bytes`]), its 1-based `line`, the 1-based byte
///   `column` in that line when the problem has one place, and an `error`
///   message that names both.
///
/// A bad line never stops the stream.
///
/// # Memory and threads
///
/// Lines are read in windows of at most [`JsonlAligner::window`] lines whose
/// memory, estimated from their sizes, is at most [`JsonlAligner::window_bytes`]
/// (a window always takes at least one line); a window is parsed and aligned on
/// all threads of the current rayon pool (with the `parallel` feature), written,
/// and dropped before the next is read. No more than
/// [`JsonlAligner::max_record_bytes`] of a line is ever held. Memory is about
/// [`JsonlAligner::window_bytes`] (or, for a record estimated to take more,
/// that record's alone) plus one aligner's buffers per thread, whatever the
/// stream's length; time is that of aligning each record alone.
///
/// # Furniture
///
/// The pages of a window are a batch: a short line printed on
/// [`Furniture::MIN_PAGES`] of its `text` records or more is page furniture on
/// each of them ([`DocumentAligner::align_with_furniture`]), as in
/// [`DocumentAligner::align_batch`]. A record's pairs thus depend on the pages
/// read in its window, and on nothing else.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct JsonlAligner {
    aligner: DocumentAligner,
    window: usize,
    window_bytes: usize,
    max_record_bytes: usize,
}

/// Sets up a [`JsonlAligner`]: each setter states its default;
/// [`JsonlAlignerBuilder::build`] checks every value.
///
/// ```
/// use bitext::stream::JsonlAligner;
/// use bitext::DocumentAligner;
/// let stream = JsonlAligner::builder()
///     .aligner(DocumentAligner::builder().min_score(0.5))
///     .window(64)
///     .build()?;
/// assert_eq!((stream.window(), stream.aligner().config().min_score()), (64, 0.5));
/// assert!(JsonlAligner::builder().window_bytes(0).build().is_err());
/// # Ok::<(), bitext::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct JsonlAlignerBuilder {
    aligner: DocumentAlignerBuilder,
    window: usize,
    window_bytes: usize,
    max_record_bytes: usize,
}

impl Default for JsonlAlignerBuilder {
    fn default() -> Self {
        JsonlAlignerBuilder {
            aligner: DocumentAlignerBuilder::new(),
            window: 1024,
            window_bytes: 256 << 20,
            max_record_bytes: 256 << 20,
        }
    }
}

impl JsonlAlignerBuilder {
    /// The default settings.
    pub fn new() -> Self {
        Self::default()
    }

    /// The settings of the aligner of pages; its
    /// [`DocumentConfig::aligner`](crate::DocumentConfig::aligner) aligns
    /// pre-split lists, and its minimum score filters their pairs.
    ///
    /// Default: [`DocumentAlignerBuilder::new`].
    pub fn aligner(mut self, aligner: DocumentAlignerBuilder) -> Self {
        self.aligner = aligner;
        self
    }

    /// The most lines in flight. Larger windows keep threads busier when
    /// record sizes vary; memory grows with them. At least 1.
    ///
    /// Default: 1024.
    pub fn window(mut self, lines: usize) -> Self {
        self.window = lines;
        self
    }

    /// The most memory in flight, estimated from the lines' sizes (192 bytes a
    /// byte of a line, what the most costly page shape takes, and 512 a line):
    /// a window ends early once its lines reach this, so a window of large
    /// records holds few of them, and a record larger than this is aligned
    /// alone. At least 1.
    ///
    /// Default: 256 MiB.
    pub fn window_bytes(mut self, bytes: usize) -> Self {
        self.window_bytes = bytes;
        self
    }

    /// The longest line (in bytes, without its line break) that is read as a
    /// record; a longer one is skipped to its end without being held, and
    /// gets an error record. At least 1.
    ///
    /// Default: 256 MiB.
    pub fn max_record_bytes(mut self, bytes: usize) -> Self {
        self.max_record_bytes = bytes;
        self
    }

    /// Checks every setting and returns a [`JsonlAligner`] with them.
    ///
    /// # Errors
    /// [`Error::InvalidConfig`] naming the first setting out of range, those
    /// of the [`DocumentAlignerBuilder`] included.
    pub fn build(self) -> Result<JsonlAligner> {
        for (name, v) in [
            ("window", self.window),
            ("window_bytes", self.window_bytes),
            ("max_record_bytes", self.max_record_bytes),
        ] {
            if v == 0 {
                return Err(Error::InvalidConfig {
                    name,
                    reason: "0 is not at least 1".into(),
                });
            }
        }
        Ok(JsonlAligner {
            aligner: self.aligner.build()?,
            window: self.window,
            window_bytes: self.window_bytes,
            max_record_bytes: self.max_record_bytes,
        })
    }
}

impl Default for JsonlAligner {
    fn default() -> Self {
        let d = JsonlAlignerBuilder::default();
        JsonlAligner {
            aligner: DocumentAligner::new(),
            window: d.window,
            window_bytes: d.window_bytes,
            max_record_bytes: d.max_record_bytes,
        }
    }
}

/// What a stream held.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct StreamSummary {
    /// Records written (one per input line; blank lines are skipped).
    pub records: u64,
    /// Of which error records.
    pub errors: u64,
}

/// A line of a window: its number, the line, and the bytes cut from its start.
type Numbered = (u64, Line, usize);

impl JsonlAligner {
    /// A stream aligner with the default settings (those of
    /// [`JsonlAlignerBuilder::new`]).
    pub fn new() -> Self {
        Self::default()
    }

    /// A builder to set up a stream aligner.
    pub fn builder() -> JsonlAlignerBuilder {
        JsonlAlignerBuilder::new()
    }

    /// The aligner of pages (see [`JsonlAlignerBuilder::aligner`]).
    pub fn aligner(&self) -> &DocumentAligner {
        &self.aligner
    }

    /// See [`JsonlAlignerBuilder::window`].
    /// ```
    /// assert_eq!(bitext::stream::JsonlAligner::new().window(), 1024);
    /// ```
    pub fn window(&self) -> usize {
        self.window
    }

    /// See [`JsonlAlignerBuilder::window_bytes`].
    pub fn window_bytes(&self) -> usize {
        self.window_bytes
    }

    /// See [`JsonlAlignerBuilder::max_record_bytes`].
    pub fn max_record_bytes(&self) -> usize {
        self.max_record_bytes
    }

    /// Reads JSON Lines from `input` and writes one record per non-blank line
    /// to `output`, in order.
    ///
    /// # Errors
    /// Reading or writing fails. Bad records are not errors: they become error
    /// records.
    pub fn run<R: BufRead, W: Write>(
        &self,
        input: R,
        mut output: W,
    ) -> std::io::Result<StreamSummary> {
        let mut summary = StreamSummary::default();
        let mut reader = LineReader::new(input, self.max_record_bytes);
        let mut lines: Vec<Numbered> = Vec::new();
        loop {
            self.fill(&mut reader, &mut lines)?;
            if lines.is_empty() {
                break;
            }
            for out in self.align_window(std::mem::take(&mut lines)) {
                summary.records += 1;
                summary.errors += u64::from(out.1);
                output.write_all(out.0.as_bytes())?;
            }
        }
        output.flush()?;
        Ok(summary)
    }

    /// Reads the next window into `lines`: at most [`JsonlAligner::window`]
    /// non-blank lines, and no more once their estimated memory reaches
    /// [`JsonlAligner::window_bytes`]. Empty at the end of the stream.
    fn fill<R: BufRead>(
        &self,
        reader: &mut LineReader<R>,
        lines: &mut Vec<Numbered>,
    ) -> std::io::Result<()> {
        lines.clear();
        let mut memory = 0usize;
        while lines.len() < self.window && memory < self.window_bytes {
            let Some(line) = reader.next_line()? else {
                break;
            };
            let size = match &line.1 {
                Line::Bytes(b) if b.iter().all(u8::is_ascii_whitespace) => continue,
                Line::Bytes(b) => b.len(),
                Line::TooLong(_) => 0,
            };
            memory = memory
                .saturating_add(size.saturating_mul(MEMORY_PER_BYTE))
                .saturating_add(MEMORY_PER_RECORD);
            lines.push(line);
        }
        Ok(())
    }

    /// One line of a window parsed: its record, or its error record as a line.
    fn parse(&self, (no, line, cut): Numbered) -> Parsed {
        let bytes = match line {
            Line::Bytes(b) => b,
            Line::TooLong(len) => {
                let bad = BadLine {
                    id: RecordId::default(),
                    column: None,
                    message: format!(
                        "the line is {len} bytes long, more than max_record_bytes ({})",
                        self.max_record_bytes
                    ),
                };
                return Parsed::Bad(to_line(&error_record(no, bad)));
            }
        };
        // The record owns its fields: the line's memory goes back before the
        // record is aligned, which a large record takes long over.
        match InputRecord::parse(&bytes, cut) {
            Ok(record) => Parsed::Record(no, record),
            Err(bad) => Parsed::Bad(to_line(&error_record(no, bad))),
        }
    }

    /// The output record of one parsed line, with the window's furniture.
    fn one(
        (doc, sentences): &mut (DocumentAligner, Aligner),
        parsed: Parsed,
        furniture: &Furniture,
    ) -> (String, bool) {
        match parsed {
            Parsed::Record(no, record) => {
                let out = align_record((doc, sentences), &record, no, furniture);
                let is_error = matches!(out, OutputRecord::Error { .. });
                (to_line(&out), is_error)
            }
            Parsed::Bad(line) => (line, true),
        }
    }

    /// Output lines (with their line break) of one window, and whether each is
    /// an error record. The window's pages are a batch: a first pass counts
    /// the short lines they print ([`Furniture`]), the second aligns them.
    fn align_window(&self, lines: Vec<Numbered>) -> Vec<(String, bool)> {
        let parsed = map_owned_with_state(lines, || (), |_, line| self.parse(line));
        let texts: Vec<&str> = parsed
            .iter()
            .filter_map(|p| match p {
                Parsed::Record(_, r) => r.text(),
                Parsed::Bad(_) => None,
            })
            .collect();
        let furniture = Furniture::of_pages(&texts);
        drop(texts);
        let init = || {
            let sentences = Aligner::with_config(self.aligner.config().aligner().clone());
            (self.aligner.clone(), sentences)
        };
        map_owned_with_state(parsed, init, |state, p| Self::one(state, p, &furniture))
    }
}

/// A line of a window once parsed: its number and record, or its error record
/// as an output line.
enum Parsed {
    Record(u64, InputRecord),
    Bad(String),
}

/// `f` over `items` in order, each worker with its own state from `init`, as
/// the batch calls do; each item is dropped as soon as `f` is done with it,
/// rather than when the whole list is.
fn map_owned_with_state<T: Send, S: Send, R: Send>(
    items: Vec<T>,
    init: impl Fn() -> S + Sync + Send,
    f: impl Fn(&mut S, T) -> R + Sync + Send,
) -> Vec<R> {
    #[cfg(feature = "parallel")]
    {
        use rayon::prelude::*;
        items.into_par_iter().map_init(init, f).collect()
    }
    #[cfg(not(feature = "parallel"))]
    {
        let mut state = init();
        items.into_iter().map(|t| f(&mut state, t)).collect()
    }
}

/// An output record as a line. Serializing these types cannot fail: no maps
/// with non-string keys, and non-finite floats become `null`. Line separators
/// inside strings are escaped as in every JSON Lines writer of the crate.
fn to_line(out: &OutputRecord<'_>) -> String {
    let mut s =
        crate::write::escape_line_separators(serde_json::to_string(out).unwrap_or_default());
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The sizes of the windows `stream` reads from `input`.
    fn windows(stream: &JsonlAligner, input: &str) -> Vec<usize> {
        let mut reader = LineReader::new(input.as_bytes(), stream.max_record_bytes);
        let mut lines = Vec::new();
        let mut sizes = Vec::new();
        loop {
            stream.fill(&mut reader, &mut lines).unwrap();
            if lines.is_empty() {
                return sizes;
            }
            sizes.push(lines.len());
        }
    }

    #[test]
    fn windows_end_at_the_memory_their_lines_will_take() {
        let line = "x".repeat(99);
        let input = format!("{line}\n").repeat(10);
        // Each line will take 99 × 192 + 512 = 19,520 bytes: a window of
        // 40,000 holds three (it ends once it reaches the limit).
        let stream = JsonlAligner::builder()
            .window_bytes(40_000)
            .build()
            .unwrap();
        assert_eq!(windows(&stream, &input), [3, 3, 3, 1]);
        let stream = JsonlAligner::builder().window(4).build().unwrap();
        assert_eq!(windows(&stream, &input), [4, 4, 2]);
        // Blank lines take no room; a line past the record limit takes a record's.
        let stream = JsonlAligner::builder()
            .window_bytes(600)
            .max_record_bytes(50)
            .build()
            .unwrap();
        assert_eq!(windows(&stream, &format!("\n \n{input}")), [2; 5]);
    }
}
