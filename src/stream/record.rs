//! The stream's records: what a line holds, and what is written for it.

use std::borrow::Cow;
use std::fmt;

use serde::de::{Error as _, IgnoredAny, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::value::RawValue;

use crate::align::{Aligner, BeadKind};
use crate::document::{DocumentAligner, Furniture};
use crate::error::Error;
use crate::parallelism::Parallelism;
use crate::span::Span;

/// A record's `id`: the JSON value exactly as the input line wrote it (a number
/// keeps every digit, `-0` stays `-0`), or `null` when the line had none.
///
/// ```
/// use bitext::stream::RecordId;
/// let id: RecordId = serde_json::from_str("123456789012345678901234567890").unwrap();
/// assert_eq!(id.json(), "123456789012345678901234567890");
/// assert_eq!(serde_json::to_string(&id).unwrap(), id.json());
/// assert_eq!(RecordId::default().json(), "null");
/// ```
///
/// The default is `null`.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct RecordId(Box<RawValue>);

impl RecordId {
    /// The id's JSON text.
    pub fn json(&self) -> &str {
        self.0.get()
    }

    /// Whether the id is `null` (or was missing).
    pub fn is_null(&self) -> bool {
        self.json() == "null"
    }

    /// The id as a document name: a JSON string's contents, the JSON text of
    /// any other value, and `""` for `null`. This is the `doc` of a page's pairs.
    ///
    /// ```
    /// use bitext::stream::RecordId;
    /// let name = |json: &str| serde_json::from_str::<RecordId>(json).unwrap().name().into_owned();
    /// assert_eq!((name("\"a\\\"b\""), name("7"), name("null")), ("a\"b".into(), "7".into(), "".into()));
    /// ```
    pub fn name(&self) -> Cow<'_, str> {
        let json = self.json();
        if self.is_null() {
            return Cow::Borrowed("");
        }
        match json.strip_prefix('"').and_then(|s| s.strip_suffix('"')) {
            Some(inner) if !inner.contains('\\') => Cow::Borrowed(inner),
            // A string with escapes: its value. It was read as JSON, so it parses.
            Some(_) => serde_json::from_str::<String>(json)
                .map(Cow::Owned)
                .unwrap_or(Cow::Borrowed(json)),
            None => Cow::Borrowed(json),
        }
    }

    fn of(raw: Option<&RawValue>) -> RecordId {
        raw.map_or_else(RecordId::default, |r| RecordId(r.to_owned()))
    }
}

/// Two ids are equal when they were written alike: `1` and `1.0` differ.
impl PartialEq for RecordId {
    fn eq(&self, other: &Self) -> bool {
        self.json() == other.json()
    }
}

impl fmt::Display for RecordId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.json())
    }
}

/// One input record, as read from a line (see `JsonlAligner`): its `id` (or
/// its `url` when it has no `id`) as written, and a page or two sentence lists.
/// It owns what it holds, so that the line can be dropped before the record
/// is aligned.
#[derive(Debug)]
pub(crate) struct InputRecord {
    id: RecordId,
    text: Option<String>,
    en: Option<Vec<String>>,
    ar: Option<Vec<String>>,
}

impl InputRecord {
    /// The page of a `text` record.
    pub(crate) fn text(&self) -> Option<&str> {
        self.text.as_deref()
    }
}

/// An input record as it lies in its line.
#[derive(Debug, Deserialize)]
struct LineRecord<'a> {
    #[serde(default, borrow)]
    id: Option<&'a RawValue>,
    #[serde(default, borrow)]
    url: Option<&'a RawValue>,
    text: Option<String>,
    en: Option<Vec<String>>,
    ar: Option<Vec<String>>,
}

/// A line that is not a record: the id it names, if any, where the problem is,
/// and what it is.
#[derive(Debug)]
pub(crate) struct BadLine {
    pub(crate) id: RecordId,
    /// 1-based byte column in the line as it appeared.
    pub(crate) column: Option<u64>,
    pub(crate) message: String,
}

/// Reads the fields that name a record (`id`, `url`) from the start of a line
/// that may not be a whole record: each is kept as soon as it is read, so a
/// line that breaks after them still names its record.
struct Names<'s, 'de> {
    id: &'s mut Option<&'de RawValue>,
    url: &'s mut Option<&'de RawValue>,
}

impl<'de> Visitor<'de> for Names<'_, 'de> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<(), M::Error> {
        while let Some(key) = map.next_key::<Cow<'de, str>>()? {
            match &*key {
                "id" if self.id.is_none() => *self.id = Some(map.next_value()?),
                "url" if self.url.is_none() => *self.url = Some(map.next_value()?),
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }
}

/// The id a line names (see [`Names`]), `null` when it names none.
fn named_id(text: &str) -> RecordId {
    let (mut id, mut url) = (None, None);
    let names = Names {
        id: &mut id,
        url: &mut url,
    };
    // The error is the caller's to report; what was read before it is kept.
    let _ = serde_json::Deserializer::from_str(text).deserialize_map(names);
    RecordId::of(id.or(url))
}

impl InputRecord {
    /// Parses one line (without its line break); `cut` bytes were taken from
    /// its start (a byte order mark), for the columns of errors.
    pub(crate) fn parse(line: &[u8], cut: usize) -> Result<InputRecord, BadLine> {
        let column = |c: usize| Some(c.saturating_add(cut) as u64);
        let text = std::str::from_utf8(line).map_err(|e| BadLine {
            id: RecordId::default(),
            column: column(e.valid_up_to() + 1),
            message: Error::from(e).to_string(),
        })?;
        let record: LineRecord<'_> = serde_json::from_str(text).map_err(|e| {
            let mut bad = bad_json(text, &e);
            bad.column = bad.column.and_then(|c| column(c as usize));
            bad
        })?;
        let id = RecordId::of(record.id.or(record.url));
        match (record.text, record.en, record.ar) {
            (text @ Some(_), en @ None, ar @ None) | (text @ None, en @ Some(_), ar @ Some(_)) => {
                Ok(InputRecord { id, text, en, ar })
            }
            _ => Err(BadLine {
                id,
                column: None,
                message: "a record needs `text`, or `en` and `ar` (and not both)".into(),
            }),
        }
    }
}

/// The error of a line that is not a record's JSON: the id of the first value
/// on it when that names one, the column, and serde's message without its own
/// position (the line is always its "line 1").
fn bad_json(text: &str, e: &serde_json::Error) -> BadLine {
    let mut values = serde_json::Deserializer::from_str(text).into_iter::<IgnoredAny>();
    let first_ok = matches!(values.next(), Some(Ok(_)));
    let second = values.byte_offset();
    let id = named_id(text);
    if first_ok && matches!(values.next(), Some(Ok(_))) {
        // `byte_offset` is where the first value ended: the second starts at
        // the next non-space byte.
        let gap = text[second..].len() - text[second..].trim_start().len();
        return BadLine {
            id,
            column: Some((second + gap + 1) as u64),
            message: "more than one JSON value on the line (one record a line)".into(),
        };
    }
    let full = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    let message = full.strip_suffix(&suffix).unwrap_or(&full);
    BadLine {
        id,
        column: Some(e.column() as u64),
        message: format!("bad record: {message}"),
    }
}

/// A page's pair in an output record: the fields, in the order, of a pair of
/// `align --format jsonl` ([`UnitWriter::write_pairs`](crate::write::UnitWriter::write_pairs) of a `JsonlWriter`),
/// `doc` being the record's id as a name ([`RecordId::name`]).
///
/// The sides borrow the page's text when written, and the line's text when read
/// back where they can (JSON strings without escapes), so output records
/// deserialize too.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PairRecord<'t> {
    /// Arabic side.
    #[serde(borrow)]
    pub ar: Cow<'t, str>,
    /// Byte range of `ar` in the page's `text`.
    pub ar_span: Span,
    /// The record's id as a name.
    #[serde(borrow)]
    pub doc: Cow<'t, str>,
    /// English side.
    #[serde(borrow)]
    pub en: Cow<'t, str>,
    /// Byte range of `en` in the page's `text`.
    pub en_span: Span,
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
/// let OutputRecord::Page { id, pairs, .. } = record else { panic!("a page record") };
/// assert_eq!((id.json(), &*pairs[0].doc), ("1", "1"));
/// assert_eq!(pairs[0].ar, "انتهى الاجتماع عند الظهر.");
/// # Ok::<(), std::io::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
#[non_exhaustive]
pub enum OutputRecord<'t> {
    /// A page's pairs.
    Page {
        /// The input's `id`.
        id: RecordId,
        /// Pairs in order.
        pairs: Vec<PairRecord<'t>>,
        /// The page's [`Parallelism`].
        parallelism: Parallelism,
    },
    /// Pre-split lists' beads.
    Split {
        /// The input's `id`.
        id: RecordId,
        /// Every bead, in order.
        beads: Vec<BeadRecord>,
    },
    /// A line that could not be aligned.
    Error {
        /// The input's `id`, `null` when it could not be read.
        id: RecordId,
        /// 1-based line number in the stream.
        line: u64,
        /// 1-based byte column in that line where the problem is, when it has
        /// one place.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        column: Option<u64>,
        /// What went wrong.
        error: String,
    },
}

/// An output record's fields, each optional: which are there tells the variant.
/// (A derived untagged enum would buffer the fields first, which a raw `id`
/// cannot go through.)
#[derive(Deserialize)]
struct Fields<'t> {
    #[serde(default)]
    id: RecordId,
    #[serde(borrow, default)]
    pairs: Option<Vec<PairRecord<'t>>>,
    parallelism: Option<Parallelism>,
    beads: Option<Vec<BeadRecord>>,
    line: Option<u64>,
    column: Option<u64>,
    error: Option<String>,
}

impl<'de: 't, 't> Deserialize<'de> for OutputRecord<'t> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let f = Fields::deserialize(d)?;
        match f {
            Fields {
                pairs: Some(pairs),
                parallelism: Some(parallelism),
                ..
            } => Ok(OutputRecord::Page {
                id: f.id,
                pairs,
                parallelism,
            }),
            Fields {
                beads: Some(beads), ..
            } => Ok(OutputRecord::Split { id: f.id, beads }),
            Fields {
                line: Some(line),
                error: Some(error),
                ..
            } => Ok(OutputRecord::Error {
                id: f.id,
                line,
                column: f.column,
                error,
            }),
            _ => Err(D::Error::custom(
                "an output record has `pairs` and `parallelism`, `beads`, or `line` and `error`",
            )),
        }
    }
}

/// The error record of line `line`.
pub(crate) fn error_record<'t>(line: u64, bad: BadLine) -> OutputRecord<'t> {
    let message = match bad.column {
        Some(c) => format!("line {line}, column {c}: {}", bad.message),
        None => format!("line {line}: {}", bad.message),
    };
    OutputRecord::Error {
        id: bad.id,
        line,
        column: bad.column,
        error: message,
    }
}

/// Aligns one parsed record into its output record; `line` is its 1-based line
/// number, for the error case.
pub(crate) fn align_record<'t>(
    (doc, sentences): (&mut DocumentAligner, &mut Aligner),
    record: &'t InputRecord,
    line: u64,
    furniture: &Furniture,
) -> OutputRecord<'t> {
    let id = record.id.clone();
    if let Some(text) = &record.text {
        return match doc.align_with_furniture(text, furniture) {
            Ok(d) => {
                let name: Cow<'t, str> = Cow::Owned(id.name().into_owned());
                OutputRecord::Page {
                    pairs: d
                        .pairs
                        .iter()
                        .map(|p| PairRecord {
                            ar: Cow::Borrowed(p.ar),
                            ar_span: p.ar_span,
                            doc: name.clone(),
                            en: Cow::Borrowed(p.en),
                            en_span: p.en_span,
                            kind: p.kind,
                            score: p.score,
                        })
                        .collect(),
                    parallelism: d.parallelism,
                    id,
                }
            }
            Err(e) => error_record(
                line,
                BadLine {
                    id,
                    column: None,
                    message: e.to_string(),
                },
            ),
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
        id,
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
