//! Moses plain-text corpora: two files, line `i` of one the translation of line
//! `i` of the other.

use std::fs::{File, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

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

/// A Moses corpus being written to `PREFIX.en` and `PREFIX.ar`.
///
/// Both files are written under temporary names of their own in the target's
/// directory (`PREFIX.en.<pid>.<n>.partial`, created only if no such file
/// exists) and renamed by [`MosesFiles::finish`] only once both are complete
/// and on disk, so that a failed run leaves no half-written corpus; dropped
/// unfinished, it removes them. The two renames are made holding the lock file
/// `PREFIX.lock` (created only if it does not exist, and removed after), so that
/// runs writing the same prefix at once leave the two files of one run: the
/// last to finish. A reader that opens the two files while a run renames them
/// may still see one file of each run; a run killed between the two renames
/// leaves the lock file, which later runs wait for (10 s) and then name in
/// their error.
///
/// ```
/// let dir = std::env::temp_dir().join(format!("moses-doc-{}", std::process::id()));
/// std::fs::create_dir_all(&dir)?;
/// let mut files = bitext::write::MosesFiles::create(dir.join("corpus"))?;
/// files.writer().write_row("It rained.", "أمطرت.")?;
/// files.finish()?;
/// assert_eq!(std::fs::read_to_string(dir.join("corpus.ar"))?, "أمطرت.\n");
/// assert!(bitext::write::MosesFiles::create("").is_err());
/// # std::fs::remove_dir_all(&dir)?;
/// # Ok::<(), std::io::Error>(())
/// ```
#[derive(Debug)]
pub struct MosesFiles {
    writer: Option<MosesWriter<BufWriter<File>, BufWriter<File>>>,
    paths: [PathBuf; 2],
    temps: [PathBuf; 2],
    lock: PathBuf,
}

/// How long [`MosesFiles::finish`] waits for another run's lock: far longer
/// than two renames take.
const LOCK_WAIT: Duration = Duration::from_secs(10);

/// `e` with the path it concerns in its message, as the OS's own errors do not.
fn at(path: &Path, e: io::Error) -> io::Error {
    io::Error::new(e.kind(), format!("`{}`: {e}", path.display()))
}

/// `prefix` followed by `ext`.
fn with(prefix: &Path, ext: &str) -> PathBuf {
    let mut p = prefix.as_os_str().to_owned();
    p.push(ext);
    PathBuf::from(p)
}

/// A new file at a name of this process's own: `base.<pid>.<n>.partial`, `n` from
/// a counter and the clock, retried while the name is taken.
fn create_temp(base: &Path) -> io::Result<(File, PathBuf)> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let clock = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    let mut last = None;
    for _ in 0..16 {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let path = with(base, &format!(".{}.{clock}{n}.partial", std::process::id()));
        match OpenOptions::new().write(true).create_new(true).open(&path) {
            Ok(f) => return Ok((f, path)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => last = Some(at(&path, e)),
            Err(e) => return Err(at(&path, e)),
        }
    }
    Err(last.unwrap_or_else(|| io::Error::other("no temporary name")))
}

/// Refuses a prefix that names no file of its own: empty, ending in a path
/// separator or `..`, or a directory (`dir/.en` would be a hidden file).
fn check_prefix(prefix: &Path) -> io::Result<()> {
    let text = prefix.as_os_str().to_string_lossy();
    let ends_in_separator = text.ends_with(std::path::is_separator);
    if text.is_empty() || ends_in_separator || prefix.file_name().is_none() || prefix.is_dir() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!(
                "the Moses prefix `{text}` names no file (PREFIX.en and PREFIX.ar are written)"
            ),
        ));
    }
    Ok(())
}

/// The lock file at `path`, held until dropped.
struct Lock(PathBuf);

impl Lock {
    /// Takes the lock, waiting up to [`LOCK_WAIT`] for another run to release it.
    fn take(path: PathBuf) -> io::Result<Lock> {
        let start = Instant::now();
        loop {
            match OpenOptions::new().write(true).create_new(true).open(&path) {
                Ok(_) => return Ok(Lock(path)),
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                    if start.elapsed() > LOCK_WAIT {
                        let message = format!(
                            "held for over {} s; remove it if no run is writing this corpus",
                            LOCK_WAIT.as_secs()
                        );
                        return Err(at(&path, io::Error::new(e.kind(), message)));
                    }
                    std::thread::sleep(Duration::from_millis(5));
                }
                Err(e) => return Err(at(&path, e)),
            }
        }
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

impl MosesFiles {
    /// Creates the two temporary files.
    ///
    /// # Errors
    /// The prefix is empty, ends in a path separator or names a directory
    /// ([`io::ErrorKind::InvalidInput`]), or a file could not be created (the
    /// error names it).
    pub fn create(prefix: impl AsRef<Path>) -> io::Result<Self> {
        let prefix = prefix.as_ref();
        check_prefix(prefix)?;
        let paths = [with(prefix, ".en"), with(prefix, ".ar")];
        let (en, en_temp) = create_temp(&paths[0])?;
        // Made at once, so that `drop` removes the first if the second fails.
        let mut files = MosesFiles {
            writer: None,
            temps: [en_temp, PathBuf::new()],
            paths,
            lock: with(prefix, ".lock"),
        };
        let (ar, ar_temp) = create_temp(&files.paths[1])?;
        files.temps[1] = ar_temp;
        files.writer = Some(MosesWriter::new(BufWriter::new(en), BufWriter::new(ar)));
        Ok(files)
    }

    /// The writer of the two files.
    pub fn writer(&mut self) -> &mut MosesWriter<BufWriter<File>, BufWriter<File>> {
        self.writer.as_mut().expect("a writer until `finish`")
    }

    /// Writes the files to disk and gives them their final names, under the
    /// lock file.
    ///
    /// # Errors
    /// Writing, locking or renaming failed (the error names the file); the
    /// temporary files are then removed.
    pub fn finish(mut self) -> io::Result<()> {
        if let Some(w) = self.writer.take() {
            let (en, ar) = w.finish().map_err(|e| self.named(e))?;
            for (w, temp) in [en, ar].into_iter().zip(&self.temps) {
                let file = w.into_inner().map_err(|e| at(temp, e.into_error()))?;
                file.sync_all().map_err(|e| at(temp, e))?;
            }
        }
        let _lock = Lock::take(self.lock.clone())?;
        for (tmp, path) in self.temps.iter().zip(&self.paths) {
            std::fs::rename(tmp, path).map_err(|e| at(path, e))?;
        }
        Ok(())
    }

    /// The final paths, English first.
    pub fn paths(&self) -> &[PathBuf; 2] {
        &self.paths
    }

    /// `e`, met writing one of the two files, with their names.
    fn named(&self, e: io::Error) -> io::Error {
        let [en, ar] = &self.temps;
        let message = format!("`{}` or `{}`: {e}", en.display(), ar.display());
        io::Error::new(e.kind(), message)
    }
}

impl Drop for MosesFiles {
    fn drop(&mut self) {
        // After `finish` the temporary names no longer exist; otherwise an
        // unfinished corpus is not left behind.
        for tmp in self.temps.iter().filter(|t| !t.as_os_str().is_empty()) {
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
        let written = self.writer().write_unit(s, en, ar, score, kind);
        written.map_err(|e| self.named(e))
    }

    fn finish_output(self: Box<Self>) -> io::Result<()> {
        self.finish()
    }
}
