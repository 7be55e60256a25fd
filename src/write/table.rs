//! A table for people: numbered rows of score, shape, English and Arabic.

use std::io::{self, Write};

use unicode_bidi::BidiInfo;

use super::{one_line, UnitWriter};
use crate::align::BeadKind;

/// Writes a readable table, two lines a row:
///
/// ```text
///    #   score  kind  text
///    1   0.998  1-1   EN The bridge opened.
///                     AR افتتح الجسر.
/// ```
///
/// With [`TableWriter::visual`], Arabic is written in visual order (as a
/// terminal without bidirectional text support must be given it to show it
/// right), computed by the Unicode bidirectional algorithm.
#[derive(Debug)]
pub struct TableWriter<W: Write> {
    w: W,
    visual: bool,
    row: usize,
}

impl<W: Write> TableWriter<W> {
    /// A writer into `w`, Arabic in logical order.
    pub fn new(w: W) -> Self {
        TableWriter {
            w,
            visual: false,
            row: 0,
        }
    }

    /// Whether to write Arabic in visual order. Default: `false`.
    pub fn visual(mut self, on: bool) -> Self {
        self.visual = on;
        self
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

/// [`UnitWriter::start_document`] writes the title on a line of its own, then
/// the column header, and numbers the following rows from 1.
impl<W: Write> UnitWriter for TableWriter<W> {
    fn start_document(&mut self, title: &str) -> io::Result<()> {
        self.row = 0;
        writeln!(self.w, "== {}", one_line(title))?;
        writeln!(self.w, "{:>4}  {:>6}  {:<4}  text", "#", "score", "kind")
    }

    fn write_unit(
        &mut self,
        _: &str,
        en: &str,
        ar: &str,
        score: f64,
        kind: BeadKind,
    ) -> io::Result<()> {
        self.row += 1;
        let ar = one_line(ar);
        let ar = if self.visual {
            let info = BidiInfo::new(&ar, None);
            let lines = info.paragraphs.iter();
            lines
                .map(|p| info.reorder_line(p, p.range.clone()))
                .collect()
        } else {
            ar.into_owned()
        };
        writeln!(
            self.w,
            "{:>4}  {score:>6.3}  {:<4}  EN {}\n{:20}AR {ar}",
            self.row,
            kind.to_string(),
            one_line(en),
            ""
        )
    }

    fn finish_output(self: Box<Self>) -> io::Result<()> {
        self.finish().map(drop)
    }
}
