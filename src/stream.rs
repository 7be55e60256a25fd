//! JSON Lines streams: one record in, one record out, in input order, in bounded
//! memory (with the `serde` feature).
//!
//! The record formats, memory and threads are documented on `JsonlAligner`.

use std::borrow::Cow;
use std::io::{BufRead, Write};

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::align::{Aligner, BeadKind};
use crate::document::{DocumentAligner, Furniture};
use crate::error::Error;
use crate::parallelism::Parallelism;
use crate::span::Span;

/// One input record, as read from a line. See [`JsonlAligner`].
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[non_exhaustive]
pub(crate) struct InputRecord {
    /// Copied to the output record.
    #[serde(default)]
    pub id: Value,
    /// A page.
    pub text: Option<String>,
    /// Pre-split English sentences (with `ar`).
    pub en: Option<Vec<String>>,
    /// Pre-split Arabic sentences (with `en`).
    pub ar: Option<Vec<String>>,
}

/// A page's pair in an output record.
///
/// The sides borrow the page's text when written, and the line's text when read
/// back where they can (JSON strings without escapes), so output records
/// deserialize too.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PairRecord<'t> {
    /// English side.
    #[serde(borrow)]
    pub en: Cow<'t, str>,
    /// Arabic side.
    #[serde(borrow)]
    pub ar: Cow<'t, str>,
    /// Byte range of `en` in the page's `text`.
    pub en_span: Span,
    /// Byte range of `ar` in the page's `text`.
    pub ar_span: Span,
    /// Numbers of sentences.
    pub kind: BeadKind,
    /// Confidence in `[0, 1]`.
    pub score: f64,
}

/// A bead of pre-split lists in an output record.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct BeadRecord {
    /// `[start, end)` indices into the record's `en`.
    pub en: [usize; 2],
    /// `[start, end)` indices into the record's `ar`.
    pub ar: [usize; 2],
    /// Numbers of sentences.
    pub kind: BeadKind,
    /// Posterior probability.
    pub score: f64,
}

/// One output record. Serializes as a flat object (no variant name), and
/// deserializes from one by its fields (`pairs`, `beads`, or `error`).
///
/// ```
/// use bitext::stream::{JsonlAligner, OutputRecord};
/// let input = "{\"id\": 1, \"text\": \"The meeting ended at noon.\\nانتهى الاجتماع عند الظهر.\"}\n";
/// let mut out = Vec::new();
/// JsonlAligner::new().run(input.as_bytes(), &mut out)?;
/// let line = String::from_utf8(out).expect("utf-8");
/// let record: OutputRecord<'_> = serde_json::from_str(&line).expect("an output record");
/// let OutputRecord::Page { pairs, .. } = record else { panic!("a page record") };
/// assert_eq!(pairs[0].ar, "انتهى الاجتماع عند الظهر.");
/// # Ok::<(), std::io::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
#[non_exhaustive]
pub enum OutputRecord<'t> {
    /// A page's pairs.
    Page {
        /// The input's `id`.
        id: Value,
        /// Pairs in order.
        #[serde(borrow)]
        pairs: Vec<PairRecord<'t>>,
        /// The page's [`Parallelism`].
        parallelism: Parallelism,
    },
    /// Pre-split lists' beads.
    Split {
        /// The input's `id`.
        id: Value,
        /// Every bead, in order.
        beads: Vec<BeadRecord>,
    },
    /// A line that could not be aligned.
    Error {
        /// The input's `id`, `null` when it could not be read.
        id: Value,
        /// 1-based line number in the stream.
        line: u64,
        /// What went wrong.
        error: String,
    },
}

impl InputRecord {
    /// Parses one line (without its line break).
    ///
    /// # Errors
    /// A message for bytes that are not UTF-8, not a JSON object of the
    /// expected fields, or hold neither `text` nor both `en` and `ar`. When the
    /// line is JSON with an `id`, the error comes with it.
    pub(crate) fn parse(line: &[u8]) -> std::result::Result<InputRecord, (Value, String)> {
        let text =
            std::str::from_utf8(line).map_err(|e| (Value::Null, Error::from(e).to_string()))?;
        let record: InputRecord = serde_json::from_str(text).map_err(|e| {
            // A record of the wrong shape may still name its id.
            let id = serde_json::from_str::<Value>(text)
                .ok()
                .and_then(|v| v.get("id").cloned())
                .unwrap_or_default();
            (id, format!("bad record: {e}"))
        })?;
        match (&record.text, &record.en, &record.ar) {
            (Some(_), None, None) | (None, Some(_), Some(_)) => Ok(record),
            _ => Err((
                record.id,
                "a record needs `text`, or `en` and `ar` (and not both)".into(),
            )),
        }
    }
}

/// A record's line number and the record, or its id and what is wrong with it.
type Parsed = (u64, std::result::Result<InputRecord, (Value, String)>);

/// Aligns one parsed record into its output record; `line` is its 1-based line
/// number, for the error case.
pub(crate) fn align_record<'t>(
    (doc, sentences): (&mut DocumentAligner, &mut Aligner),
    record: &'t InputRecord,
    line: u64,
    furniture: &Furniture,
) -> OutputRecord<'t> {
    let error = |e: Error| OutputRecord::Error {
        id: record.id.clone(),
        line,
        error: e.to_string(),
    };
    if let Some(text) = &record.text {
        return match doc.align_with_furniture(text, furniture) {
            Ok(d) => OutputRecord::Page {
                id: record.id.clone(),
                pairs: d
                    .pairs
                    .iter()
                    .map(|p| PairRecord {
                        en: Cow::Borrowed(p.en),
                        ar: Cow::Borrowed(p.ar),
                        en_span: p.en_span,
                        ar_span: p.ar_span,
                        kind: p.kind,
                        score: p.score,
                    })
                    .collect(),
                parallelism: d.parallelism,
            },
            Err(e) => error(e),
        };
    }
    let (en, ar) = (
        record.en.as_deref().unwrap_or_default(),
        record.ar.as_deref().unwrap_or_default(),
    );
    let a = sentences.align(en, ar);
    // As in the pre-split mode of the `align` example: 1-0 and 0-1 beads
    // are kept, pairs below the minimum score dropped.
    let min = doc.config().min_score();
    OutputRecord::Split {
        id: record.id.clone(),
        beads: a
            .beads
            .iter()
            .filter(|b| b.score >= min || b.kind.is_unmatched())
            .map(|b| BeadRecord {
                en: [b.en.start, b.en.end],
                ar: [b.ar.start, b.ar.end],
                kind: b.kind,
                score: b.score,
            })
            .collect(),
    }
}

/// Aligns a JSON Lines stream in windows; the record formats, memory and threads
/// are below.
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
/// lists; other fields are ignored, and `id` (any JSON value, `null` when
/// missing) is copied to the output:
///
/// ```text
/// {"id": 7, "text": "The bridge opened.\nافتتح الجسر."}
/// {"id": "b", "en": ["The sun rose.", "Birds sang."], "ar": ["أشرقت الشمس.", "غنت الطيور."]}
/// ```
///
/// Each output line is a page's `pairs` (`en`, `ar`, `en_span`, `ar_span` in UTF-8
/// byte offsets into `text`, `kind`, `score`) and its `parallelism`; or the pre-split
/// lists' `beads` (`en`, `ar`: `[start, end)` sentence index ranges, `kind`,
/// `score`; 1-0 and 0-1 beads included); or, for a line that is not such a record
/// (bad JSON, bad UTF-8, neither `text` nor `en` and `ar`), its 1-based `line` and
/// an `error` message. A bad line never stops the stream.
///
/// # Memory and threads
///
/// Lines are read in windows of at most [`JsonlAligner::window`] lines and
/// [`JsonlAligner::window_bytes`] bytes (a window always takes at least one
/// line); a window is parsed and aligned on all threads of the current rayon
/// pool (with the `parallel` feature), written, and dropped before the next is
/// read. Memory is O(window + one aligner per thread), whatever the stream's
/// length; time is that of aligning each record alone.
///
/// # Furniture
///
/// The pages of a window are a batch: a short line printed on
/// [`Furniture::MIN_PAGES`] of its `text` records or more is page furniture on
/// each of them ([`DocumentAligner::align_with_furniture`]), as in
/// [`DocumentAligner::align_batch`]. A record's pairs thus depend on the pages
/// read with it, and on nothing else.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct JsonlAligner {
    aligner: DocumentAligner,
    window: usize,
    window_bytes: usize,
}

impl Default for JsonlAligner {
    fn default() -> Self {
        JsonlAligner {
            aligner: DocumentAligner::new(),
            window: 1024,
            window_bytes: 64 << 20,
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

impl JsonlAligner {
    /// The default settings.
    pub fn new() -> Self {
        Self::default()
    }

    /// The aligner for pages; its [`DocumentConfig::aligner`](crate::DocumentConfig::aligner) aligns
    /// pre-split lists, and its minimum score filters their pairs.
    ///
    /// Default: [`DocumentAligner::new`].
    pub fn aligner(mut self, aligner: DocumentAligner) -> Self {
        self.aligner = aligner;
        self
    }

    /// See [`JsonlAligner::aligner`].
    pub fn get_aligner(&self) -> &DocumentAligner {
        &self.aligner
    }

    /// The most lines in flight. Larger windows keep threads busier when
    /// record sizes vary; memory grows with them. At least 1.
    ///
    /// Default: 1024.
    /// ```
    /// assert_eq!(bitext::stream::JsonlAligner::new().get_window(), 1024);
    /// ```
    pub fn window(mut self, lines: usize) -> Self {
        self.window = lines;
        self
    }

    /// See [`JsonlAligner::window`].
    pub fn get_window(&self) -> usize {
        self.window
    }

    /// The most input bytes in flight: a window ends early once its lines
    /// reach this size. At least 1.
    ///
    /// Default: 64 MiB.
    pub fn window_bytes(mut self, bytes: usize) -> Self {
        self.window_bytes = bytes;
        self
    }

    /// See [`JsonlAligner::window_bytes`].
    pub fn get_window_bytes(&self) -> usize {
        self.window_bytes
    }

    /// Reads JSON Lines from `input` and writes one record per non-blank line
    /// to `output`, in order.
    ///
    /// # Errors
    /// Reading or writing fails, or (as [`std::io::ErrorKind::InvalidInput`]
    /// wrapping [`Error::InvalidConfig`]) a window is 0. Bad records are not
    /// errors: they become error records.
    pub fn run<R: BufRead, W: Write>(
        &self,
        mut input: R,
        mut output: W,
    ) -> std::io::Result<StreamSummary> {
        for (name, v) in [("window", self.window), ("window_bytes", self.window_bytes)] {
            if v == 0 {
                return Err(std::io::Error::new(
                    std::io::ErrorKind::InvalidInput,
                    Error::InvalidConfig {
                        name,
                        reason: "0 is not at least 1".into(),
                    },
                ));
            }
        }
        let mut summary = StreamSummary::default();
        let mut line_no = 0u64;
        let mut lines: Vec<(u64, Vec<u8>)> = Vec::new();
        loop {
            // Fill a window.
            lines.clear();
            let mut bytes = 0usize;
            while lines.len() < self.window && bytes < self.window_bytes {
                let mut buf = Vec::new();
                if input.read_until(b'\n', &mut buf)? == 0 {
                    break;
                }
                line_no += 1;
                while matches!(buf.last(), Some(b'\n' | b'\r')) {
                    buf.pop();
                }
                if buf.iter().all(u8::is_ascii_whitespace) {
                    continue;
                }
                bytes = bytes.saturating_add(buf.len());
                lines.push((line_no, buf));
            }
            if lines.is_empty() {
                break;
            }
            for out in self.align_window(&lines) {
                summary.records += 1;
                summary.errors += u64::from(out.1);
                output.write_all(out.0.as_bytes())?;
            }
        }
        output.flush()?;
        Ok(summary)
    }

    /// Output lines (with their line break) of one window, and whether each is
    /// an error record.
    fn align_window(&self, lines: &[(u64, Vec<u8>)]) -> Vec<(String, bool)> {
        // A first pass over the window's pages counts the lines they print, for
        // the furniture a site repeats on them.
        let parsed: Vec<Parsed> = crate::batch::map_with_state(
            lines,
            || (),
            |_, (no, line)| (*no, InputRecord::parse(line)),
        );
        let texts: Vec<&str> = parsed
            .iter()
            .filter_map(|(_, r)| r.as_ref().ok()?.text.as_deref())
            .collect();
        let furniture = Furniture::of_pages(&texts);
        let one = |(doc, sentences): &mut (DocumentAligner, Aligner), (no, parsed): &Parsed| {
            let out = match parsed {
                Ok(record) => align_record((doc, sentences), record, *no, &furniture),
                Err((id, error)) => OutputRecord::Error {
                    id: id.clone(),
                    line: *no,
                    error: error.clone(),
                },
            };
            let is_error = matches!(out, OutputRecord::Error { .. });
            // Serializing these types cannot fail: no maps with non-string keys,
            // and non-finite floats become `null`. Line separators inside
            // strings are escaped as in every JSON Lines writer of the crate.
            let mut s = crate::write::escape_line_separators(
                serde_json::to_string(&out).unwrap_or_default(),
            );
            s.push('\n');
            (s, is_error)
        };
        let init = || {
            let sentences = Aligner::with_config(self.aligner.config().aligner().clone());
            (self.aligner.clone(), sentences)
        };
        crate::batch::map_with_state(&parsed, init, one)
    }
}
