//! Moses plain-text corpora: two files, line `i` of one the translation of line
//! `i` of the other.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use super::{one_line, UnitWriter};
use crate::align::BeadKind;

/// Writes a pair as one line in the English file and one in the Arabic file.
/// Fields go through [`one_line`], so the two files always have the same
/// number of lines, by any reader's count.
///
/// Units with one side only (1-0 and 0-1 beads of pre-split lists) are left
/// out: a line pair is a translation.
///
/// ```
/// use bitext::write::{MosesWriter, UnitWriter};
/// let mut moses = MosesWriter::new(Vec::new(), Vec::new());
/// moses.write_unit("page.txt", "Two\nlines.", "سطران\u{2028}هنا.", 0.9, bitext::BeadKind::new(1, 1))?;
/// let (en, ar) = moses.finish()?;
/// assert_eq!((en, ar), (b"Two lines.\n".to_vec(), "سطران هنا.\n".as_bytes().to_vec()));
/// # Ok::<(), std::io::Error>(())
/// ```
#[derive(Debug)]
pub struct MosesWriter<E: Write, A: Write> {
    en: E,
    ar: A,
}

impl<E: Write, A: Write> MosesWriter<E, A> {
    /// A writer into the English file `en` and the Arabic file `ar`.
    pub fn new(en: E, ar: A) -> Self {
        MosesWriter { en, ar }
    }

    /// Flushes and returns the two writers, English first.
    ///
    /// # Errors
    /// A flush failed.
    pub fn finish(mut self) -> io::Result<(E, A)> {
        self.en.flush()?;
        self.ar.flush()?;
        Ok((self.en, self.ar))
    }
}

/// A Moses corpus being written to `PREFIX.en` and `PREFIX.ar`: written under
/// temporary names (`PREFIX.en.partial`, `PREFIX.ar.partial`) and renamed by
/// [`MosesFiles::finish`] only once both are complete, so that a failed run
/// leaves no half-written corpus; dropped unfinished, it removes them.
#[derive(Debug)]
pub struct MosesFiles {
    writer: Option<MosesWriter<BufWriter<File>, BufWriter<File>>>,
    paths: [PathBuf; 2],
    temps: [PathBuf; 2],
}

impl MosesFiles {
    /// Creates the two temporary files.
    ///
    /// # Errors
    /// A file could not be created.
    pub fn create(prefix: impl AsRef<Path>) -> io::Result<Self> {
        let with = |ext: &str| {
            let mut p = prefix.as_ref().as_os_str().to_owned();
            p.push(ext);
            PathBuf::from(p)
        };
        let mut files = MosesFiles {
            writer: None,
            paths: [with(".en"), with(".ar")],
            temps: [with(".en.partial"), with(".ar.partial")],
        };
        let open = |p: &Path| File::create(p).map(BufWriter::new);
        files.writer = Some(MosesWriter::new(
            open(&files.temps[0])?,
            open(&files.temps[1])?,
        ));
        Ok(files)
    }

    /// The writer of the two files.
    pub fn writer(&mut self) -> &mut MosesWriter<BufWriter<File>, BufWriter<File>> {
        self.writer.as_mut().expect("a writer until `finish`")
    }

    /// Writes the files to disk and gives them their final names.
    ///
    /// # Errors
    /// Writing or renaming failed; the temporary files are then removed.
    pub fn finish(mut self) -> io::Result<()> {
        if let Some(w) = self.writer.take() {
            let (en, ar) = w.finish()?;
            en.into_inner()?.sync_all()?;
            ar.into_inner()?.sync_all()?;
        }
        for (tmp, path) in self.temps.iter().zip(&self.paths) {
            std::fs::rename(tmp, path)?;
        }
        Ok(())
    }

    /// The final paths, English first.
    pub fn paths(&self) -> &[PathBuf; 2] {
        &self.paths
    }
}

impl Drop for MosesFiles {
    fn drop(&mut self) {
        // After `finish` the temporary names no longer exist; otherwise an
        // unfinished corpus is not left behind.
        for tmp in &self.temps {
            let _ = std::fs::remove_file(tmp);
        }
    }
}

/// Writes only units with both sides: a line pair is a translation.
impl<E: Write, A: Write> UnitWriter for MosesWriter<E, A> {
    fn write_unit(
        &mut self,
        _: &str,
        en: &str,
        ar: &str,
        _: f64,
        kind: BeadKind,
    ) -> io::Result<()> {
        if kind.is_unmatched() {
            return Ok(());
        }
        writeln!(self.en, "{}", one_line(en))?;
        writeln!(self.ar, "{}", one_line(ar))
    }

    fn finish_output(self: Box<Self>) -> io::Result<()> {
        self.finish().map(drop)
    }
}

/// As [`MosesWriter`]; [`UnitWriter::finish_output`] is [`MosesFiles::finish`].
impl UnitWriter for MosesFiles {
    fn write_unit(
        &mut self,
        s: &str,
        en: &str,
        ar: &str,
        score: f64,
        kind: BeadKind,
    ) -> io::Result<()> {
        self.writer().write_unit(s, en, ar, score, kind)
    }

    fn finish_output(self: Box<Self>) -> io::Result<()> {
        self.finish()
    }
}
