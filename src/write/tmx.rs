//! TMX 1.4 translation memories.
//!
//! One `<tu>` per pair, numbered in `tuid`, holding its source document
//! (`<prop type="x-source">`, a user-defined property as TMX 1.4 allows with
//! the `x-` prefix), its score (`x-score`, full precision), and a `<tuv>` of
//! the source language (the header's `srclang`) then one of the other. The header names the
//! tool and version that wrote the file and the time it was created
//! (`creationdate`, UTC, `YYYYMMDDThhmmssZ`).

use std::io::{self, Write};
use std::time::{SystemTime, UNIX_EPOCH};

use super::{one_line, UnitWriter};
use crate::align::BeadKind;
use crate::lang::Lang;

/// What a TMX file's units are, for the header's `segtype`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum Segtype {
    /// Sentence pairs (the default).
    #[default]
    Sentence,
    /// Paragraph pairs (a document aligner with
    /// [`sentence_pairs(false)`](crate::DocumentAlignerBuilder::sentence_pairs)).
    Paragraph,
}

/// Writes a TMX 1.4 document: [`TmxWriter::new`] writes the header, each
/// unit written adds a `<tu>`, [`TmxWriter::finish`] closes the body. Units
/// are numbered from 1 in `tuid`; the score is kept to full precision (the
/// shortest decimal that reads back as the same `f64`). Units with one side
/// only (1-0 and 0-1 beads of pre-split lists) are left out: a translation
/// unit needs a translation. The output is well-formed XML 1.0 whatever the
/// text holds: `&`, `<`, `>` and quotes are escaped, every field goes through
/// [`one_line`], and the control characters XML 1.0 forbids (U+0000–U+001F
/// but tab and line breaks, U+FFFE, U+FFFF) are dropped.
///
/// ```
/// use bitext::write::{TmxWriter, UnitWriter};
/// let mut tmx = TmxWriter::new(Vec::new())?;
/// tmx.write_unit("page.html", "Tom & Jerry", "توم وجيري", 0.125, bitext::BeadKind::new(1, 1))?;
/// let xml = String::from_utf8(tmx.finish()?).unwrap();
/// assert!(xml.contains("<tu tuid=\"1\">"));
/// assert!(xml.contains("<prop type=\"x-source\">page.html</prop>"));
/// assert!(xml.contains("<prop type=\"x-score\">0.125</prop>"));
/// assert!(xml.contains("<seg>Tom &amp; Jerry</seg>"));
/// # Ok::<(), std::io::Error>(())
/// ```
#[derive(Debug)]
pub struct TmxWriter<W: Write> {
    w: W,
    /// The language whose `<tuv>` comes first, named in the header's `srclang`.
    source_lang: Lang,
    /// Units written so far: the last `tuid`.
    units: u64,
}

impl<W: Write> TmxWriter<W> {
    /// Writes the header of a file of sentence pairs created now, English the
    /// source language.
    ///
    /// # Errors
    /// Any error of the underlying writer.
    pub fn new(w: W) -> io::Result<Self> {
        Self::with_header(w, Segtype::Sentence, Lang::English, SystemTime::now())
    }

    /// Writes the header of a file of `segtype` units translated from
    /// `source_lang` ([`Lang::Arabic`] or else English, whose `<tuv>` then
    /// comes first in each unit) created at `created`.
    ///
    /// # Errors
    /// Any error of the underlying writer.
    pub fn with_header(
        mut w: W,
        segtype: Segtype,
        source_lang: Lang,
        created: SystemTime,
    ) -> io::Result<Self> {
        let segtype = match segtype {
            Segtype::Sentence => "sentence",
            Segtype::Paragraph => "paragraph",
        };
        let source_lang = match source_lang {
            Lang::Arabic => Lang::Arabic,
            _ => Lang::English,
        };
        write!(
            w,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\">\n  \
             <header creationtool=\"{}\" creationtoolversion=\"{}\" creationdate=\"{}\" \
             datatype=\"plaintext\" segtype=\"{segtype}\" adminlang=\"en\" srclang=\"{}\" \
             o-tmf=\"{}\"/>\n  <body>\n",
            env!("CARGO_PKG_NAME"),
            env!("CARGO_PKG_VERSION"),
            tmx_date(created),
            source_lang.code(),
            env!("CARGO_PKG_NAME"),
        )?;
        Ok(TmxWriter {
            w,
            source_lang,
            units: 0,
        })
    }

    /// Closes the body and the document, flushes, and returns the writer.
    ///
    /// # Errors
    /// Any error of the underlying writer.
    pub fn finish(mut self) -> io::Result<W> {
        self.w.write_all(b"  </body>\n</tmx>\n")?;
        self.w.flush()?;
        Ok(self.w)
    }
}

impl<W: Write> UnitWriter for TmxWriter<W> {
    fn write_unit(
        &mut self,
        source: &str,
        en: &str,
        ar: &str,
        score: f64,
        kind: BeadKind,
    ) -> io::Result<()> {
        if kind.is_unmatched() {
            return Ok(());
        }
        self.units += 1;
        let (en, ar) = (
            format!("<tuv xml:lang=\"en\"><seg>{}</seg></tuv>", xml(en)),
            format!("<tuv xml:lang=\"ar\"><seg>{}</seg></tuv>", xml(ar)),
        );
        let (first, second) = match self.source_lang {
            Lang::Arabic => (ar, en),
            _ => (en, ar),
        };
        writeln!(
            self.w,
            "    <tu tuid=\"{}\">\n      <prop type=\"x-source\">{}</prop>\n      \
             <prop type=\"x-score\">{score}</prop>\n      {first}\n      {second}\n    </tu>",
            self.units,
            xml(source),
        )
    }

    fn finish_output(self: Box<Self>) -> io::Result<()> {
        self.finish().map(drop)
    }
}

/// Text for XML 1.0 content or attribute values: on one line, markup
/// escaped, forbidden characters dropped.
fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in one_line(s).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // `one_line` has turned tab, LF and CR (the only controls XML 1.0
            // allows) into spaces; the rest cannot appear even as references.
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// `t` as TMX writes dates: UTC, `YYYYMMDDThhmmssZ` (times before 1970 are
/// written as 1970).
fn tmx_date(t: SystemTime) -> String {
    let secs = t.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let (days, rem) = (secs / 86_400, secs % 86_400);
    let (y, m, d) = civil_date(days);
    format!(
        "{y:04}{m:02}{d:02}T{:02}{:02}{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// The proleptic Gregorian date `days` after 1970-01-01. Counts in 400-year
/// eras (146,097 days each, the calendar's full cycle) starting on March 1,
/// so that the leap day falls at the end of a year and month lengths follow
/// the fixed 153-days-per-5-months pattern of March to January.
fn civil_date(days: u64) -> (u64, u64, u64) {
    // 719,468 days from 0000-03-01 to 1970-01-01.
    let z = days + 719_468;
    let era = z / 146_097;
    let doe = z % 146_097; // day of era, 0..146_096
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365; // year of era
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100); // day of year from March 1
    let mp = (5 * doy + 2) / 153; // month from March, 0..11
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = era * 400 + yoe + u64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn dates_across_leap_days_and_centuries() {
        for (secs, date) in [
            (0, "19700101T000000Z"),
            (951_782_399, "20000228T235959Z"),
            (951_782_400, "20000229T000000Z"),
            (4_107_542_400, "21000301T000000Z"),
            (1_709_251_199, "20240229T235959Z"),
            (1_735_689_600, "20250101T000000Z"),
        ] {
            assert_eq!(tmx_date(UNIX_EPOCH + Duration::from_secs(secs)), date);
        }
    }

    /// Checks that `doc` is well-formed XML 1.0 as far as this writer's output
    /// can go wrong: only allowed characters, every `&` a known entity, no
    /// stray `<` or `>` in text, quoted attributes, and balanced tags.
    /// Returns the text of every `<seg>` and `<prop>`, unescaped.
    fn check_xml(doc: &str) -> Vec<String> {
        let allowed = |c: char| {
            matches!(c, '\t' | '\n' | '\r')
                || ('\u{20}'..='\u{D7FF}').contains(&c)
                || ('\u{E000}'..='\u{FFFD}').contains(&c)
                || c >= '\u{10000}'
        };
        assert!(doc.chars().all(allowed), "forbidden character");
        let mut stack: Vec<String> = Vec::new();
        let mut texts = Vec::new();
        let mut rest = doc
            .strip_prefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
            .unwrap();
        while !rest.is_empty() {
            let (text, after) = rest.split_at(rest.find('<').unwrap_or(rest.len()));
            assert!(!text.contains('>'), "stray > in {text:?}");
            let mut unescaped = String::new();
            let mut parts = text.split('&');
            unescaped.push_str(parts.next().unwrap());
            for part in parts {
                let (name, tail) = part.split_once(';').expect("unterminated entity");
                unescaped.push(match name {
                    "amp" => '&',
                    "lt" => '<',
                    "gt" => '>',
                    "quot" => '"',
                    "apos" => '\'',
                    _ => panic!("unknown entity &{name};"),
                });
                unescaped.push_str(tail);
            }
            if matches!(stack.last().map(String::as_str), Some("seg" | "prop")) {
                texts.push(unescaped);
            } else {
                assert!(text.trim().is_empty(), "text outside a leaf: {text:?}");
            }
            if after.is_empty() {
                break;
            }
            let end = after.find('>').expect("unterminated tag");
            let tag = &after[1..end];
            assert!(!tag.contains('<'), "< inside a tag: {tag:?}");
            assert_eq!(tag.matches('"').count() % 2, 0, "unquoted attribute");
            let name = tag
                .trim_start_matches('/')
                .split([' ', '/'])
                .next()
                .unwrap();
            if tag.starts_with('/') {
                assert_eq!(stack.pop().as_deref(), Some(name), "unbalanced </{name}>");
            } else if !tag.ends_with('/') {
                stack.push(name.to_string());
            }
            rest = &after[end + 1..];
        }
        assert!(stack.is_empty(), "unclosed {stack:?}");
        texts
    }

    #[test]
    fn hostile_text_stays_well_formed() {
        let hostile = "a & b < c > d \"q\" 'a' \u{0}\u{1}\u{8}\u{B}\u{C}\u{E}\u{1F}\
                       \u{FFFE}\u{FFFF}\t\r\n\u{1C}\u{85}\u{2028}]]> <![CDATA[ &amp; e";
        let one = BeadKind::new(1, 1);
        let mut tmx = TmxWriter::new(Vec::new()).unwrap();
        tmx.write_unit(hostile, hostile, "عربي\u{2029}<نص>", 0.5, one)
            .unwrap();
        tmx.write_unit("<doc name=\"x\">", "", "", 1.0, one)
            .unwrap();
        let doc = String::from_utf8(tmx.finish().unwrap()).unwrap();
        let texts = check_xml(&doc);
        // source, score, en, ar of each unit.
        assert_eq!(texts.len(), 8, "{doc}");
        // VT, FF, tab, CR, LF, U+001C, U+0085 and U+2028 become spaces, the
        // other controls and U+FFFE/U+FFFF go.
        let expected = format!(
            "a & b < c > d \"q\" 'a'{}]]> <![CDATA[ &amp; e",
            " ".repeat(9)
        );
        assert_eq!(texts[0], expected);
        assert_eq!(texts[2], expected);
        assert_eq!(texts[3], "عربي <نص>");
        assert_eq!(texts[4], "<doc name=\"x\">");
        assert!(doc.contains("creationtool=\"bitext\""));
        assert!(doc.contains(&format!(
            "creationtoolversion=\"{}\"",
            env!("CARGO_PKG_VERSION")
        )));
    }

    #[test]
    fn arabic_source_comes_first_and_units_are_numbered() {
        let one = BeadKind::new(1, 1);
        let start = UNIX_EPOCH + Duration::from_secs(0);
        let mut tmx =
            TmxWriter::with_header(Vec::new(), Segtype::Sentence, Lang::Arabic, start).unwrap();
        tmx.write_unit("d", "One.", "واحد.", 0.123_456_789, one)
            .unwrap();
        tmx.write_unit("d", "Gone.", "", 0.5, BeadKind::new(1, 0))
            .unwrap();
        tmx.write_unit("d", "Two.", "اثنان.", 1.0, one).unwrap();
        let doc = String::from_utf8(tmx.finish().unwrap()).unwrap();
        assert!(doc.contains("srclang=\"ar\""), "{doc}");
        assert!(doc.contains("<tu tuid=\"1\">") && doc.contains("<tu tuid=\"2\">"));
        assert!(!doc.contains("tuid=\"3\"") && !doc.contains("Gone."));
        assert!(doc.contains("<prop type=\"x-score\">0.123456789</prop>"));
        let (ar, en) = (doc.find("واحد.").unwrap(), doc.find("One.").unwrap());
        assert!(ar < en);
        check_xml(&doc);
    }
}
