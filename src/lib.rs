//! Find the English and Arabic runs of a scraped bilingual document and align their
//! sentences.
//!
//! The pipeline has four stages, each usable alone; the main item of each stage
//! documents its model, complexity and contract:
//!
//! 1. **runs** — [`detect_runs`] ([`RunDetector`]) cuts a document into language
//!    runs (byte spans labelled English, Arabic, …) by Unicode script, names longer
//!    runs with `whatlang`, and keeps a few Latin words inside an Arabic line in its
//!    run;
//! 2. **sentences** — [`split_sentences`] ([`SentenceSplitter`]) splits a run into
//!    sentences (English and Arabic punctuation, abbreviations, numbers, URLs, line
//!    breaks as boundaries);
//! 3. **beads** — [`Aligner`] aligns the English sentences with the Arabic ones by
//!    length and lexical anchors ([`extract_anchors`]), with a banded Gale–Church
//!    dynamic programme whose parameters are fitted to each input;
//! 4. **pairs** — [`align_document`] ([`DocumentAligner`]) does all of the above for
//!    a whole page: it decides which runs translate which, leaves boilerplate
//!    unpaired, and returns pairs with byte spans into the caller's text.
//!
//! The two aligners are configured as `csv` readers are: a builder
//! ([`AlignerBuilder`], [`DocumentAlignerBuilder`]) checks the settings once and
//! returns the worker, which holds the validated settings ([`AlignConfig`],
//! [`DocumentConfig`], shareable across threads) and its own reusable buffers.
//!
//! [`align_documents`] and the `align_batch` methods of [`DocumentAligner`] and
//! [`Aligner`] align many inputs at once, on all cores with the default
//! `parallel` feature (see [`align_documents`] for the contract).
//!
//! Normalization ([`Normalizer`], [`measure_len`]) is for measuring and matching
//! only: every [`Span`] the crate returns points into the original text.
//!
//! Results are written as JSON Lines, TSV, Moses, TMX 1.4, hunalign ladders or
//! vecalign beads by the writers of [`write`](mod@write) (one interface,
//! [`write::UnitWriter`], for a format chosen at run time); `stream` (with the
//! `serde` feature) aligns a JSON Lines stream in bounded memory. [`chars`] holds
//! the character classes that measuring and normalization use.
//!
//! Results borrow the caller's text; [`Pair::into_owned`] and
//! [`DocumentAlignment::into_owned`] give [`OwnedPair`] and
//! [`OwnedDocumentAlignment`], which outlive it and (with the `serde` feature)
//! read back from JSON. [`Error`] converts from [`std::io::Error`], so a function
//! returning [`Result`] can `?` both a file read and an alignment.
//!
//! # Example
//!
//! ```
//! use bitext::{align_sentences, split_sentences, Lang};
//!
//! let en = "The museum opened in 1902. It holds four thousand paintings.";
//! let ar = "افتُتح المتحف عام 1902. ويضم أربعة آلاف لوحة.";
//! let en: Vec<&str> = split_sentences(en, Lang::English).map(|(_, s)| s).collect();
//! let ar: Vec<&str> = split_sentences(ar, Lang::Arabic).map(|(_, s)| s).collect();
//! assert_eq!(en, ["The museum opened in 1902.", "It holds four thousand paintings."]);
//!
//! let alignment = align_sentences(&en, &ar);
//! for bead in &alignment.beads {
//!     println!("{} {:?} {:?} {:.2}", bead.kind, bead.en, bead.ar, bead.score);
//! }
//! assert_eq!(alignment.beads.len(), 2);
//! assert_eq!(alignment.beads[0].kind.to_string(), "1-1");
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

// One module per stage, all private: the public API is the flat list below, and
// each stage's model, complexity and contract are documented on its main item.
mod align;
mod anchors;
mod batch;
pub mod chars;
mod decode;
mod display;
mod document;
mod error;
mod lang;
mod lexicon;
mod normalize;
mod owned;
mod parallelism;
mod runs;
mod sentences;
#[cfg(feature = "serde")]
mod serde_util;
mod span;
#[cfg(feature = "serde")]
pub mod stream;
pub mod write;

pub use crate::align::{
    align_sentences, AlignConfig, AlignStats, Aligner, AlignerBuilder, Alignment, AnchorRate, Bead,
    BeadKind, Params,
};
pub use crate::anchors::{extract_anchors, name_matches, name_skeleton, Anchor, AnchorKind};
pub use crate::batch::align_documents;
pub use crate::decode::{decode, read_text};
pub use crate::document::{
    align_document, align_document_bytes, DocumentAligner, DocumentAlignerBuilder,
    DocumentAlignment, DocumentConfig, Furniture, NoPairs, Pair, Pairing, Sentence,
};
pub use crate::error::{Error, Result};
pub use crate::lang::Lang;
pub use crate::lexicon::Lexicon;
pub use crate::normalize::{measure_len, normalize, Normalizer};
pub use crate::owned::{AsPair, OwnedDocumentAlignment, OwnedPair, OwnedSentence};
pub use crate::parallelism::Parallelism;
pub use crate::runs::{detect_runs, Run, RunDetector};
pub use crate::sentences::{split_sentences, LineBreaks, SentenceIndices, SentenceSplitter};
pub use crate::span::Span;
/// The encodings [`decode()`] reads, from `encoding_rs`.
pub use encoding_rs::Encoding;

/// The README's examples, run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
