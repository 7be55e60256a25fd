//! Whole documents: from a scraped bilingual page to aligned sentence pairs.
//!
//! The pipeline and its contract are documented on `DocumentAligner`
//! (`aligner`); each step is a module of functions it calls, in this order:
//!
//! - `units`: sentences of the English and Arabic runs, grouped into units
//!   (lines), and what each line looks like (steps 2 and 3);
//! - `structure`: the units aligned at the ratio of most likelihood, and the
//!   page's structure chosen by evidence (step 4);
//! - `furniture`: page furniture told by repetition on the page and across a
//!   batch (a prior on the lines, before step 4);
//! - `prior_mass`: the prior mass of a structure, the divisor of its evidence;
//! - `checks`: the checks a unit bead must pass to be kept (step 5);
//! - `content`: a kept unit bead's score weighed by the numbers and foreign
//!   words its sides miss;
//! - `verdict`: whether the kept beads make a parallel document, the drop of
//!   pairings that look like unrelated text, and their [`Parallelism`](crate::Parallelism);
//! - `pairs`: sentence pairs inside the kept unit beads, and their pairings (step 6);
//! - `calibration`: a bead posterior read as the probability that the bead is right.
//!
//! `alignment` holds the result types. The steps that comments in this folder
//! number ("step 4") are those of `DocumentAligner`'s documentation.
mod aligner;
mod alignment;
mod calibration;
mod checks;
mod content;
mod furniture;
mod pairs;
mod prior_mass;
mod structure;
mod units;
mod verdict;

pub use aligner::{
    align_document, align_document_bytes, DocumentAligner, DocumentAlignerBuilder, DocumentConfig,
};
pub(crate) use alignment::is_parallel;
pub use alignment::{DocumentAlignment, NoPairs, Pair, Pairing, Sentence};
pub use furniture::Furniture;

/// Beads as `(English range, Arabic range, score)`: of units in a candidate
/// structure, of sentences inside a unit bead.
type Beads = Vec<(std::ops::Range<usize>, std::ops::Range<usize>, f64)>;

/// The aligners' buffers are freed after use on a document when they hold more
/// than this (a page of about 100,000 lines): see `Aligner::release_scratch_above`.
const SCRATCH_KEEP: usize = 32 << 20;
