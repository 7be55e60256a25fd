//! Corpus writers: the formats aligned text is exchanged in.
//!
//! Every writer takes any [`std::io::Write`] and writes as it goes (memory
//! O(one record)); none buffers, so wrap files and pipes in a
//! [`std::io::BufWriter`]. Each returns the first I/O error it meets.
//!
//! | format | writer | one record is |
//! |---|---|---|
//! | JSON Lines (`serde` feature) | `JsonlWriter` | a pair, a run or a bead, one object a line |
//! | TSV | [`TsvWriter`] | `en<TAB>ar<TAB>score`, optionally after the document's name |
//! | Moses | [`MosesWriter`], [`MosesFiles`] | one line in each of two files |
//! | TMX 1.4 | [`TmxWriter`] | a numbered `<tu>` with its source document and score |
//! | hunalign ladder | [`write_ladder`] | `en_index<TAB>ar_index<TAB>score` |
//! | vecalign | [`write_vecalign`] | `[0, 1]:[0]:cost` |
//! | readable table | [`TableWriter`] | a numbered row of two lines |
//!
//! # Contract
//!
//! A record never spills into the next whatever the text holds. Line-based
//! formats (TSV, Moses) write each text field through [`one_line`], which
//! turns every character a reader might split a line or a column on into a
//! space: tabs, line breaks, and U+001C–U+001E, U+0085, U+2028 and U+2029,
//! which Python's `str.splitlines` also treats as line ends. JSON Lines
//! escapes those characters (`\u2028`) instead, so the text is kept exactly.
//! TMX output is well-formed XML 1.0: markup characters are escaped and the
//! characters XML 1.0 forbids are dropped.
//!
//! Pre-split sentence lists are written by bead: the sentences of each side
//! of a bead are joined with a space.
//!
//! Every format but the ladder and vecalign beads shares one interface,
//! [`UnitWriter`], for programs that choose the format at run time.

#[cfg(feature = "serde")]
mod jsonl;
mod ladder;
mod moses;
mod table;
mod tmx;
mod tsv;

use std::borrow::Cow;
use std::io;
use std::ops::Range;

#[cfg(feature = "serde")]
pub(crate) use jsonl::escape_line_separators;
#[cfg(feature = "serde")]
pub use jsonl::JsonlWriter;
pub use ladder::{write_ladder, write_vecalign};
pub use moses::{MosesFiles, MosesWriter};
pub use table::TableWriter;
pub use tmx::{Segtype, TmxWriter};
pub use tsv::TsvWriter;

use crate::align::{Bead, BeadKind};
use crate::chars::breaks_line_or_field;
use crate::document::Pair;
use crate::owned::AsPair;

/// A writer of aligned units (a pair of texts with a score and a shape),
/// whatever its format: [`TsvWriter`], [`MosesWriter`], [`MosesFiles`],
/// [`TmxWriter`], [`TableWriter`] and (with the `serde` feature)
/// `JsonlWriter`. Each format keeps what it has room for.
///
/// One vocabulary for every writer: [`write_pair`](UnitWriter::write_pair) and
/// [`write_pairs`](UnitWriter::write_pairs) for a document's pairs (anything
/// that is [`AsPair`], owned or borrowed), [`write_bead`](UnitWriter::write_bead)
/// and [`write_beads`](UnitWriter::write_beads) for pre-split lists, and an
/// inherent `finish` on each writer that flushes and returns what it wrote into
/// ([`UnitWriter::finish_output`] does the same through a `Box<dyn UnitWriter>`).
///
/// ```
/// use bitext::write::{TsvWriter, UnitWriter};
/// let doc = bitext::align_document("The meeting ended at noon.\nانتهى الاجتماع عند الظهر.")?;
/// let owned: Vec<_> = doc.pairs.iter().map(|p| p.clone().into_owned()).collect();
/// let mut tsv = TsvWriter::new(Vec::new());
/// tsv.write_pairs("page.txt", &doc.pairs)?; // borrowed pairs
/// tsv.write_pairs("page.txt", &owned)?; // owned ones, the same call
/// let out = String::from_utf8(tsv.finish()?).unwrap();
/// assert_eq!(out.lines().count(), 2);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub trait UnitWriter {
    /// Starts the units of the document `title` describes. Only the table
    /// writes anything (its title and column header).
    ///
    /// # Errors
    /// Any error of the underlying writer.
    fn start_document(&mut self, title: &str) -> io::Result<()> {
        let _ = title;
        Ok(())
    }

    /// Writes one unit of the document named `source`.
    ///
    /// # Errors
    /// Any error of the underlying writer.
    fn write_unit(
        &mut self,
        source: &str,
        en: &str,
        ar: &str,
        score: f64,
        kind: BeadKind,
    ) -> io::Result<()>;

    /// Writes one pair of the document named `source`: its unit, and what
    /// else the format has room for (JSON Lines keeps the spans).
    ///
    /// # Errors
    /// Any error of the underlying writer.
    fn write_pair(&mut self, source: &str, pair: &Pair<'_>) -> io::Result<()> {
        self.write_unit(source, pair.en, pair.ar, pair.score, pair.kind)
    }

    /// Writes one bead of pre-split lists whose sides, the sentences joined
    /// with a space, are `en` and `ar` (JSON Lines keeps the sentence indices).
    ///
    /// # Errors
    /// Any error of the underlying writer.
    fn write_bead(&mut self, source: &str, en: &str, ar: &str, bead: &Bead) -> io::Result<()> {
        self.write_unit(source, en, ar, bead.score, bead.kind)
    }

    /// Writes a document's pairs, one [`write_pair`](UnitWriter::write_pair)
    /// each.
    ///
    /// # Errors
    /// Any error of the underlying writer.
    fn write_pairs<P: AsPair>(
        &mut self,
        source: &str,
        pairs: impl IntoIterator<Item = P>,
    ) -> io::Result<()>
    where
        Self: Sized,
    {
        pairs
            .into_iter()
            .try_for_each(|p| self.write_pair(source, &p.as_pair()))
    }

    /// Writes beads of pre-split lists, one
    /// [`write_bead`](UnitWriter::write_bead) each, the sentences of a side
    /// joined with a space (an empty side for a 1-0 or 0-1 bead).
    ///
    /// # Errors
    /// Any error of the underlying writer.
    fn write_beads<'b, E: AsRef<str>, A: AsRef<str>>(
        &mut self,
        source: &str,
        en: &[E],
        ar: &[A],
        beads: impl IntoIterator<Item = &'b Bead>,
    ) -> io::Result<()>
    where
        Self: Sized,
    {
        for b in beads {
            let (e, a) = (joined(en, b.en.clone()), joined(ar, b.ar.clone()));
            self.write_bead(source, &e, &a, b)?;
        }
        Ok(())
    }

    /// Ends the output (closing tags, final file names) and flushes it: the
    /// writer's `finish`, for a boxed writer.
    ///
    /// # Errors
    /// Any error of the underlying writer.
    fn finish_output(self: Box<Self>) -> io::Result<()>;
}

/// A writer chosen at run time takes the same calls as the one it boxes.
impl UnitWriter for Box<dyn UnitWriter + '_> {
    fn start_document(&mut self, title: &str) -> io::Result<()> {
        (**self).start_document(title)
    }

    fn write_unit(
        &mut self,
        source: &str,
        en: &str,
        ar: &str,
        score: f64,
        kind: BeadKind,
    ) -> io::Result<()> {
        (**self).write_unit(source, en, ar, score, kind)
    }

    fn write_pair(&mut self, source: &str, pair: &Pair<'_>) -> io::Result<()> {
        (**self).write_pair(source, pair)
    }

    fn write_bead(&mut self, source: &str, en: &str, ar: &str, bead: &Bead) -> io::Result<()> {
        (**self).write_bead(source, en, ar, bead)
    }

    fn finish_output(self: Box<Self>) -> io::Result<()> {
        (*self).finish_output()
    }
}

/// `s` as one field of a line-based format: every white space character and
/// every line or record separator becomes an ASCII space, so the field holds
/// no tab and no line break of any reader's kind. Borrowed when nothing
/// changes.
///
/// ```
/// assert_eq!(bitext::write::one_line("a\tb\u{2028}c\r\nd"), "a b c  d");
/// assert_eq!(bitext::write::one_line("plain"), "plain");
/// ```
pub fn one_line(s: &str) -> Cow<'_, str> {
    // An ASCII space stays as it is: text with no other break, nearly every
    // sentence, is borrowed, not copied.
    let changes = |c: char| c != ' ' && breaks_line_or_field(c);
    // Every char that changes is below U+0020 or starts with byte C2, E1, E2 or
    // E3 in UTF-8 (the white space of Unicode: U+0085, U+00A0, U+1680,
    // U+2000–U+205F, U+3000), and no continuation byte is one of those: text
    // without such bytes is returned without decoding it.
    let suspect = |b: &u8| *b < 0x20 || matches!(*b, 0xC2 | 0xE1 | 0xE2 | 0xE3);
    if !s.as_bytes().iter().any(suspect) || !s.contains(changes) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| if changes(c) { ' ' } else { c })
            .collect(),
    )
}

/// The sentences `range` of `list`, joined with a space (empty when the range
/// is empty or out of bounds); borrowed for one sentence, the common case.
fn joined<S: AsRef<str>>(list: &[S], range: Range<usize>) -> Cow<'_, str> {
    let slice = list.get(range).unwrap_or_default();
    if let [one] = slice {
        return Cow::Borrowed(one.as_ref());
    }
    let mut out = String::new();
    for (i, s) in slice.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(s.as_ref());
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_char_one_line_changes_starts_with_a_suspect_byte() {
        // The byte test of `one_line` must let through every char it replaces.
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            let mut buf = [0u8; 4];
            let first = c.encode_utf8(&mut buf).as_bytes()[0];
            if c != ' ' && breaks_line_or_field(c) {
                assert!(
                    first < 0x20 || matches!(first, 0xC2 | 0xE1 | 0xE2 | 0xE3),
                    "{c:?}"
                );
                assert_eq!(one_line(&format!("a{c}b")), "a b", "{c:?}");
            }
        }
    }
}
