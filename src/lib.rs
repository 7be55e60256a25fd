//! bitext (crate docs to come)
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod error;
mod lang;
pub mod normalize;
mod span;

pub use crate::error::{Error, Result};
pub use crate::lang::Lang;
pub use crate::span::Span;
