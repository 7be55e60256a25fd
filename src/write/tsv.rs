//! Tab-separated values: `en<TAB>ar<TAB>score`, one record a line.

use std::io::{self, Write};

use super::{one_line, UnitWriter};
use crate::align::BeadKind;

/// Writes `en<TAB>ar<TAB>score` lines, the score with four decimals, and
/// with [`TsvWriter::source_column`] the document's name first
/// (`doc<TAB>en<TAB>ar<TAB>score`). Fields go through [`one_line`], so every
/// line has the same number of columns whatever the text holds.
///
/// ```
/// use bitext::write::{TsvWriter, UnitWriter};
/// use bitext::BeadKind;
/// let mut tsv = TsvWriter::new(Vec::new()).header(true);
/// tsv.write_unit("page.txt", "Tab\there.", "سطر\nجديد.", 0.5, BeadKind::new(1, 1))?;
/// assert_eq!(tsv.finish()?, "en\tar\tscore\nTab here.\tسطر جديد.\t0.5000\n".as_bytes());
/// # Ok::<(), std::io::Error>(())
/// ```
#[derive(Debug)]
pub struct TsvWriter<W: Write> {
    w: W,
    source_column: bool,
    /// A header line is still to be written before the first record.
    header_due: bool,
}

impl<W: Write> TsvWriter<W> {
    /// A writer into `w`: three columns, no header.
    pub fn new(w: W) -> Self {
        TsvWriter {
            w,
            source_column: false,
            header_due: false,
        }
    }

    /// Whether each line starts with the name of the document the unit comes
    /// from, so that a table of many documents can be traced. Default: `false`.
    pub fn source_column(mut self, on: bool) -> Self {
        self.source_column = on;
        self
    }

    /// Whether the output starts with a line of column names (`en`, `ar`,
    /// `score`, after `doc` with [`TsvWriter::source_column`]); it is written
    /// even when no record follows. Default: `false`.
    pub fn header(mut self, on: bool) -> Self {
        self.header_due = on;
        self
    }

    fn write_header_if_due(&mut self) -> io::Result<()> {
        if std::mem::take(&mut self.header_due) {
            let doc = if self.source_column { "doc\t" } else { "" };
            writeln!(self.w, "{doc}en\tar\tscore")?;
        }
        Ok(())
    }

    /// Writes the header if it is still due, flushes, and returns the
    /// underlying writer.
    ///
    /// # Errors
    /// Any error of the underlying writer.
    pub fn finish(mut self) -> io::Result<W> {
        self.write_header_if_due()?;
        self.w.flush()?;
        Ok(self.w)
    }
}

impl<W: Write> UnitWriter for TsvWriter<W> {
    fn write_unit(
        &mut self,
        source: &str,
        en: &str,
        ar: &str,
        score: f64,
        _: BeadKind,
    ) -> io::Result<()> {
        self.write_header_if_due()?;
        // The text fields go straight to the writer, not through the format
        // machinery: a page of a million lines writes half a million rows.
        if self.source_column {
            self.w.write_all(one_line(source).as_bytes())?;
            self.w.write_all(b"\t")?;
        }
        self.w.write_all(one_line(en).as_bytes())?;
        self.w.write_all(b"\t")?;
        self.w.write_all(one_line(ar).as_bytes())?;
        writeln!(self.w, "\t{score:.4}")
    }

    fn finish_output(self: Box<Self>) -> io::Result<()> {
        self.finish().map(drop)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every character a TSV or line reader may split on, inside the text.
    const HOSTILE: &str =
        "a\tb\nc\rd\u{B}e\u{C}f\u{1C}g\u{1D}h\u{1E}i\u{85}j\u{2028}k\u{2029}l\u{A0}m";

    #[test]
    fn hostile_text_keeps_three_columns_and_reads_back() {
        let one = BeadKind::new(1, 1);
        let mut tsv = TsvWriter::new(Vec::new());
        tsv.write_unit("", HOSTILE, "عربي\tنص\r\n", 0.25, one)
            .unwrap();
        tsv.write_unit("", "", "", 1.0, one).unwrap();
        let out = String::from_utf8(tsv.finish().unwrap()).unwrap();
        // Split as Python's `str.splitlines` would: two records, no more.
        let breaks = [
            '\n', '\r', '\u{B}', '\u{C}', '\u{1C}', '\u{1D}', '\u{1E}', '\u{85}', '\u{2028}',
            '\u{2029}',
        ];
        let lines: Vec<&str> = out.split(&breaks[..]).collect();
        assert_eq!(lines, [lines[0], "\t\t1.0000", ""]);
        let fields: Vec<&str> = lines[0].split('\t').collect();
        assert_eq!(fields, ["a b c d e f g h i j k l m", "عربي نص  ", "0.2500"]);
        assert_eq!(fields[0], one_line(HOSTILE));
    }

    #[test]
    fn moses_files_stay_in_step() {
        let one = BeadKind::new(1, 1);
        let mut moses = crate::write::MosesWriter::new(Vec::new(), Vec::new());
        moses.write_unit("", HOSTILE, "واحد", 1.0, one).unwrap();
        moses
            .write_unit("", "two", "اثنان\u{2028}", 1.0, one)
            .unwrap();
        let (en, ar) = moses.finish().unwrap();
        let count = |b: &[u8]| String::from_utf8(b.to_vec()).unwrap().lines().count();
        assert_eq!((count(&en), count(&ar)), (2, 2));
        assert!(!String::from_utf8(en)
            .unwrap()
            .contains(['\u{2028}', '\u{85}', '\t']));
    }
}

#[cfg(test)]
mod provenance_tests {
    use super::*;

    #[test]
    fn source_column_and_header_come_first() {
        let one = BeadKind::new(1, 1);
        let mut tsv = TsvWriter::new(Vec::new()).source_column(true).header(true);
        tsv.write_unit("a\tb.txt", "Hi.", "مرحبا.", 0.25, one)
            .unwrap();
        let out = String::from_utf8(tsv.finish().unwrap()).unwrap();
        assert_eq!(out, "doc\ten\tar\tscore\na b.txt\tHi.\tمرحبا.\t0.2500\n");
        let empty = TsvWriter::new(Vec::new()).header(true).finish().unwrap();
        assert_eq!(empty, b"en\tar\tscore\n");
    }
}
