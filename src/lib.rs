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

mod align;
mod runs;
mod sentences;
pub use crate::align::{align_sentences, Aligner, Alignment, Bead, BeadKind, Params, Stats2};
pub use crate::runs::{detect_runs, Run, RunDetector};
pub use crate::sentences::{split_sentences, LineBreaks, SentenceIndices, SentenceSplitter};
mod document;
pub use crate::document::{
    align_document, align_document_bytes, DocumentAligner, DocumentAlignment, Pair, Pairing,
    Sentence,
};
