//! JSON Lines: one JSON object a line.

use std::io::{self, Write};
use std::ops::Range;

use serde::Serialize;

use super::UnitWriter;
use crate::align::{Bead, BeadKind};
use crate::document::{DocumentAlignment, Pair};
use crate::span::Span;

/// Writes one JSON object a line. Strings are escaped by `serde_json`, and
/// U+0085, U+2028 and U+2029, which JSON allows raw, are written as `\u0085`,
/// `\u2028` and `\u2029`, so a reader that splits lines the Unicode way
/// (Python's `splitlines`) sees one line per record. Keys are in
/// alphabetical order.
///
/// ```
/// let text = "The bridge opened.\u{2028}\nافتتح الجسر.";
/// let doc = bitext::align_document(text)?;
/// use bitext::write::{JsonlWriter, UnitWriter};
/// let mut jsonl = JsonlWriter::new(Vec::new());
/// jsonl.write_pairs("page.txt", &doc.pairs)?;
/// let out = String::from_utf8(jsonl.finish()?).unwrap();
/// assert!(out.starts_with("{\"ar\":\"افتتح الجسر.\",\"ar_span\":"));
/// assert_eq!(out.lines().count(), 1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct JsonlWriter<W: Write> {
    w: W,
}

/// A document's pair: `en`, `ar` and their byte spans into the document,
/// `kind`, `score`, and the document's name.
#[derive(Serialize)]
struct PairLine<'a> {
    // Alphabetical: the order the `align` example has always written.
    ar: &'a str,
    ar_span: Span,
    doc: &'a str,
    en: &'a str,
    en_span: Span,
    kind: BeadKind,
    score: f64,
}

/// A unit without spans: `en`, `ar`, `kind`, `score`, and the document's name.
#[derive(Serialize)]
struct UnitLine<'a> {
    ar: &'a str,
    doc: &'a str,
    en: &'a str,
    kind: BeadKind,
    score: f64,
}

/// A language run: its language code and byte span, and the document's name.
#[derive(Serialize)]
struct RunLine<'a> {
    doc: &'a str,
    end: usize,
    lang: &'a str,
    start: usize,
}

/// A bead of pre-split lists: its sentences joined with a space, their
/// `[start, end)` indices into the lists, `kind` and `score`.
#[derive(Serialize)]
struct BeadLine<'a> {
    ar: &'a str,
    ar_sentences: [usize; 2],
    en: &'a str,
    en_sentences: [usize; 2],
    kind: BeadKind,
    score: f64,
}

impl<W: Write> JsonlWriter<W> {
    /// A writer into `w`.
    pub fn new(w: W) -> Self {
        JsonlWriter { w }
    }

    /// Writes any serializable value as one line.
    ///
    /// # Errors
    /// Any error of the underlying writer, or a value `serde_json` cannot
    /// write (a map with keys that are not strings).
    pub fn write_record<T: Serialize + ?Sized>(&mut self, value: &T) -> io::Result<()> {
        let mut line = serde_json::to_string(value)?;
        line = escape_line_separators(line);
        line.push('\n');
        self.w.write_all(line.as_bytes())
    }

    /// Writes a document's language runs, one line each:
    /// `{"doc", "end", "lang", "start"}` (byte offsets, the language's code).
    ///
    /// # Errors
    /// Any error of the underlying writer.
    pub fn write_runs(&mut self, doc: &str, alignment: &DocumentAlignment<'_>) -> io::Result<()> {
        for r in &alignment.runs {
            self.write_record(&RunLine {
                doc,
                end: r.span.end,
                lang: r.lang.code(),
                start: r.span.start,
            })?;
        }
        Ok(())
    }

    /// Flushes and returns the underlying writer.
    ///
    /// # Errors
    /// The flush failed.
    pub fn finish(mut self) -> io::Result<W> {
        self.w.flush()?;
        Ok(self.w)
    }
}

/// A pair is a line `{"ar", "ar_span", "doc", "en", "en_span", "kind",
/// "score"}`, spans as `[start, end]` UTF-8 byte offsets into the document
/// named `doc`; a unit without spans `{"ar", "doc", "en", "kind", "score"}`;
/// a bead of pre-split lists `{"ar", "ar_sentences", "en", "en_sentences",
/// "kind", "score"}`, the sentences of a side joined with a space and their
/// `[start, end)` indices into the list (1-0 and 0-1 beads have an empty side).
impl<W: Write> UnitWriter for JsonlWriter<W> {
    fn write_unit(
        &mut self,
        source: &str,
        en: &str,
        ar: &str,
        score: f64,
        kind: BeadKind,
    ) -> io::Result<()> {
        self.write_record(&UnitLine {
            ar,
            doc: source,
            en,
            kind,
            score,
        })
    }

    fn write_pair(&mut self, source: &str, p: &Pair<'_>) -> io::Result<()> {
        self.write_record(&PairLine {
            ar: p.ar,
            ar_span: p.ar_span,
            doc: source,
            en: p.en,
            en_span: p.en_span,
            kind: p.kind,
            score: p.score,
        })
    }

    fn write_bead(&mut self, _: &str, en: &str, ar: &str, b: &Bead) -> io::Result<()> {
        let ends = |r: &Range<usize>| [r.start, r.end];
        self.write_record(&BeadLine {
            ar,
            ar_sentences: ends(&b.ar),
            en,
            en_sentences: ends(&b.en),
            kind: b.kind,
            score: b.score,
        })
    }

    fn finish_output(self: Box<Self>) -> io::Result<()> {
        self.finish().map(drop)
    }
}

/// `json` (one serialized JSON value) with U+0085, U+2028 and U+2029 written
/// as escapes. They can only occur inside strings, where `\uXXXX` means the
/// same character, so the value read back is unchanged.
pub(crate) fn escape_line_separators(json: String) -> String {
    if !json.contains(['\u{85}', '\u{2028}', '\u{2029}']) {
        return json;
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        match c {
            '\u{85}' => out.push_str("\\u0085"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separators_are_escaped_and_read_back() {
        let hostile = "a\u{85}b\u{2028}c\u{2029}d\u{1C}e\u{1D}f\u{1E}g\r\nh\t\"\\";
        let mut w = JsonlWriter::new(Vec::new());
        w.write_record(&serde_json::json!({ "t": hostile }))
            .unwrap();
        w.write_record(&serde_json::json!({ "t": "second" }))
            .unwrap();
        let out = String::from_utf8(w.finish().unwrap()).unwrap();
        // Every character Python's `str.splitlines` splits on.
        let breaks = [
            '\n', '\r', '\u{B}', '\u{C}', '\u{1C}', '\u{1D}', '\u{1E}', '\u{85}', '\u{2028}',
            '\u{2029}',
        ];
        let lines: Vec<&str> = out.split(&breaks[..]).filter(|l| !l.is_empty()).collect();
        assert_eq!(lines.len(), 2, "{out:?}");
        let back: serde_json::Value = serde_json::from_str(lines[0]).unwrap();
        assert_eq!(back["t"], hostile);
    }
}
