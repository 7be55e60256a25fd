//! The crate's one error type.

use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Everything that can go wrong in `bitext`.
///
/// Messages are lowercase and name the offending value, so they read well after
/// `error: ` in a command-line tool.
///
/// `Error` is `Clone` and `PartialEq`, so results can be cached, sent to other
/// threads and compared in tests. [`Error::Io`] holds its [`std::io::Error`] in an
/// [`Arc`] for the first (an I/O error cannot be cloned), and two I/O errors are
/// equal when their [`kind`](std::io::Error::kind) and message are (an I/O error has
/// no equality of its own).
///
/// A function that reads its input and aligns it can use `?` on both:
///
/// ```
/// fn pairs_in(path: &std::path::Path) -> bitext::Result<usize> {
///     let text = std::fs::read_to_string(path)?; // std::io::Error -> bitext::Error
///     Ok(bitext::align_document(&text)?.pairs.len())
/// }
/// let err = pairs_in("no/such/file.txt".as_ref()).unwrap_err();
/// assert!(matches!(&err, bitext::Error::Io(e) if e.kind() == std::io::ErrorKind::NotFound));
/// assert!(err.to_string().starts_with("i/o error: "));
/// ```
#[derive(Debug, thiserror::Error, Clone)]
#[non_exhaustive]
pub enum Error {
    /// A configuration value is out of its valid range.
    #[error("invalid setting `{name}`: {reason}")]
    InvalidConfig {
        /// The setting's name, as spelled by its setter.
        name: &'static str,
        /// What is wrong with the value.
        reason: String,
    },
    /// The input bytes are not valid UTF-8.
    #[error("input is not valid utf-8: invalid byte sequence at byte offset {offset}")]
    InvalidUtf8 {
        /// Byte offset of the first invalid sequence.
        offset: usize,
    },
    /// The input bytes are not valid in the encoding they were read in (see
    /// [`decode`](crate::decode())).
    #[error("input is not valid {encoding}: invalid byte sequence at byte offset {offset}")]
    InvalidEncoding {
        /// The encoding's name, as the Encoding Standard spells it
        /// (`windows-1256`, `UTF-16LE`).
        encoding: &'static str,
        /// Byte offset of the first invalid sequence.
        offset: usize,
    },
    /// Reading or writing the file at `path` failed: the message names the
    /// file, then repeats the I/O error's.
    #[error("{}: {source}", path.display())]
    File {
        /// The file.
        path: PathBuf,
        /// What went wrong, shared as in [`Error::Io`].
        #[source]
        source: Arc<std::io::Error>,
    },
    /// Reading or writing failed. The message repeats the I/O error's, as
    /// `csv` and `serde_json` do, so that printing the error alone says what
    /// happened; [`std::error::Error::source`] returns it too.
    #[error("i/o error: {0}")]
    Io(#[source] Arc<std::io::Error>),
    /// A dictionary or saved lexicon could not be read: the file is missing,
    /// unreadable, or in none of the formats
    /// [`Lexicon::from_dictionary`](crate::Lexicon::from_dictionary) and
    /// [`Lexicon::load`](crate::Lexicon::load) read, or a lexicon could not be
    /// written.
    #[error("lexicon file `{path}`: {reason}")]
    Lexicon {
        /// The file, as given.
        path: String,
        /// What went wrong, with the line where there is one.
        reason: String,
    },
}

/// Shorthand for results whose error is [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// [`Error::InvalidUtf8`] at the offset of the first invalid sequence.
///
/// ```
/// let err = std::str::from_utf8(b"ok \xFF").unwrap_err();
/// assert_eq!(bitext::Error::from(err), bitext::Error::InvalidUtf8 { offset: 3 });
/// ```
impl From<std::str::Utf8Error> for Error {
    fn from(err: std::str::Utf8Error) -> Self {
        Error::InvalidUtf8 {
            offset: err.valid_up_to(),
        }
    }
}

impl Error {
    /// [`Error::File`] for `path`.
    ///
    /// ```
    /// let e = std::fs::read("no/such/file.txt").map_err(|e| bitext::Error::file("no/such/file.txt", e));
    /// assert!(e.unwrap_err().to_string().starts_with("no/such/file.txt: "));
    /// ```
    pub fn file(path: impl AsRef<Path>, source: std::io::Error) -> Self {
        Error::File {
            path: path.as_ref().to_path_buf(),
            source: Arc::new(source),
        }
    }
}

impl From<std::io::Error> for Error {
    fn from(err: std::io::Error) -> Self {
        Error::Io(Arc::new(err))
    }
}

impl PartialEq for Error {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (
                Error::InvalidConfig { name, reason },
                Error::InvalidConfig {
                    name: name2,
                    reason: reason2,
                },
            ) => name == name2 && reason == reason2,
            (Error::InvalidUtf8 { offset }, Error::InvalidUtf8 { offset: offset2 }) => {
                offset == offset2
            }
            (
                Error::InvalidEncoding { encoding, offset },
                Error::InvalidEncoding {
                    encoding: encoding2,
                    offset: offset2,
                },
            ) => encoding == encoding2 && offset == offset2,
            (
                Error::Lexicon { path, reason },
                Error::Lexicon {
                    path: path2,
                    reason: reason2,
                },
            ) => path == path2 && reason == reason2,
            (Error::Io(a), Error::Io(b)) => same_io(a, b),
            (
                Error::File { path, source },
                Error::File {
                    path: path2,
                    source: source2,
                },
            ) => path == path2 && same_io(source, source2),
            _ => false,
        }
    }
}

/// Same kind and same message: the most an I/O error lets one compare.
fn same_io(a: &Arc<std::io::Error>, b: &Arc<std::io::Error>) -> bool {
    Arc::ptr_eq(a, b) || (a.kind() == b.kind() && a.to_string() == b.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io;

    #[test]
    fn io_errors_convert_compare_and_chain() {
        let e: Error = io::Error::new(io::ErrorKind::NotFound, "gone").into();
        assert_eq!(e.to_string(), "i/o error: gone");
        let source = std::error::Error::source(&e).map(ToString::to_string);
        assert_eq!(source.as_deref(), Some("gone"));
        assert_eq!(e, e.clone());
        assert_eq!(
            e,
            Error::from(io::Error::new(io::ErrorKind::NotFound, "gone"))
        );
        assert_ne!(
            e,
            Error::from(io::Error::new(io::ErrorKind::PermissionDenied, "gone"))
        );
        assert_ne!(
            e,
            Error::from(io::Error::new(io::ErrorKind::NotFound, "lost"))
        );
        assert_ne!(e, Error::InvalidUtf8 { offset: 0 });
    }

    #[test]
    fn errors_are_send_sync_clone() {
        fn check<T: Send + Sync + Clone + 'static>() {}
        check::<Error>();
    }
}
