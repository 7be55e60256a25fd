//! Tab-separated values: `en<TAB>ar<TAB>score`, one record a line.

use std::io::{self, Write};

use super::{one_line, UnitWriter};
use crate::align::{Bead, BeadKind};
use crate::document::Pair;

/// Writes `en<TAB>ar<TAB>score` lines, the score with four decimals. Fields go
/// through [`one_line`], so every line has exactly three columns whatever the
/// text holds.
///
/// ```
/// let mut tsv = bitext::write::TsvWriter::new(Vec::new());
/// tsv.write_row("Tab\there.", "سطر\nجديد.", 0.5)?;
/// assert_eq!(tsv.into_inner()?, "Tab here.\tسطر جديد.\t0.5000\n".as_bytes());
/// # Ok::<(), std::io::Error>(())
/// ```
#[derive(Debug)]
pub struct TsvWriter<W: Write> {
    w: W,
}

impl<W: Write> TsvWriter<W> {
    /// A writer into `w`. Writes nothing yet (TSV has no header).
    pub fn new(w: W) -> Self {
        TsvWriter { w }
    }

    /// Writes one record.
    ///
    /// # Errors
    /// Any error of the underlying writer.
    pub fn write_row(&mut self, en: &str, ar: &str, score: f64) -> io::Result<()> {
        // The text fields go straight to the writer, not through the format
        // machinery: a page of a million lines writes half a million rows.
        self.w.write_all(one_line(en).as_bytes())?;
        self.w.write_all(b"\t")?;
        self.w.write_all(one_line(ar).as_bytes())?;
        writeln!(self.w, "\t{score:.4}")
    }

    /// Writes a document's pairs, one record each.
    ///
    /// # Errors
    /// Any error of the underlying writer.
    pub fn write_pairs(&mut self, pairs: &[Pair<'_>]) -> io::Result<()> {
        pairs
            .iter()
            .try_for_each(|p| self.write_row(p.en, p.ar, p.score))
    }

    /// Writes beads of pre-split lists, one record each: the sentences of a
    /// side joined with a space (an empty field for a 1-0 or 0-1 bead's
    /// missing side).
    ///
    /// # Errors
    /// Any error of the underlying writer.
    pub fn write_beads<'b, E: AsRef<str>, A: AsRef<str>>(
        &mut self,
        en: &[E],
        ar: &[A],
        beads: impl IntoIterator<Item = &'b Bead>,
    ) -> io::Result<()> {
        super::write_beads(self, "", en, ar, beads)
    }

    /// Flushes and returns the underlying writer.
    ///
    /// # Errors
    /// The flush failed.
    pub fn into_inner(mut self) -> io::Result<W> {
        self.w.flush()?;
        Ok(self.w)
    }
}

impl<W: Write> UnitWriter for TsvWriter<W> {
    fn write_unit(
        &mut self,
        _: &str,
        en: &str,
        ar: &str,
        score: f64,
        _: BeadKind,
    ) -> io::Result<()> {
        self.write_row(en, ar, score)
    }

    fn finish_output(self: Box<Self>) -> io::Result<()> {
        self.into_inner().map(drop)
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
        let mut tsv = TsvWriter::new(Vec::new());
        tsv.write_row(HOSTILE, "عربي\tنص\r\n", 0.25).unwrap();
        tsv.write_row("", "", 1.0).unwrap();
        let out = String::from_utf8(tsv.into_inner().unwrap()).unwrap();
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
        let mut moses = crate::write::MosesWriter::new(Vec::new(), Vec::new());
        moses.write_row(HOSTILE, "واحد").unwrap();
        moses.write_row("two", "اثنان\u{2028}").unwrap();
        let (en, ar) = moses.into_inner().unwrap();
        let count = |b: &[u8]| String::from_utf8(b.to_vec()).unwrap().lines().count();
        assert_eq!((count(&en), count(&ar)), (2, 2));
        assert!(!String::from_utf8(en)
            .unwrap()
            .contains(['\u{2028}', '\u{85}', '\t']));
    }
}
