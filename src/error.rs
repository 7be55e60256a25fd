//! The crate's one error type.

/// Everything that can go wrong in `bitext`.
///
/// Messages are lowercase and name the offending value, so they read well after
/// `error: ` in a command-line tool.
#[derive(Debug, thiserror::Error, Clone, PartialEq)]
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
}

/// Shorthand for results whose error is [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// Builds an [`Error::InvalidUtf8`] from the standard library's error.
    pub fn from_utf8(err: &std::str::Utf8Error) -> Self {
        Error::InvalidUtf8 {
            offset: err.valid_up_to(),
        }
    }
}
