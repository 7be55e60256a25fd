//! The invariants of every alignment, shared by the tests and the fuzz targets
//! (`fuzz/fuzz_targets/aligner.rs` and `document.rs` include this file by path).

use bitext::{Aligner, Alignment};

/// Bead sizes an aligner's settings allow: both sides up to `max_bead`, or
/// one-to-many up to `many_to_one`.
#[derive(Clone, Copy, Debug)]
pub struct Sizes {
    pub max_bead: usize,
    pub many_to_one: usize,
}

impl Sizes {
    /// What `aligner`'s settings allow.
    pub fn of(aligner: &Aligner) -> Sizes {
        Sizes {
            max_bead: aligner.config().max_bead(),
            many_to_one: aligner.config().many_to_one(),
        }
    }

    /// What the defaults of `Aligner::new()` allow.
    pub fn default_settings() -> Sizes {
        Sizes::of(&Aligner::new())
    }

    pub fn allows(self, a: usize, b: usize) -> bool {
        (a <= self.max_bead && b <= self.max_bead)
            || (a.min(b) == 1 && a.max(b) <= self.many_to_one)
    }
}

/// Panics unless the beads of `a` cover `en` English and `ar` Arabic sentences
/// exactly once, in order and contiguously, with no empty or reversed bead, no bead
/// larger than `sizes` allows, kinds that match the ranges, scores in [0, 1] and
/// finite costs.
pub fn check_cover(en: usize, ar: usize, sizes: Sizes, a: &Alignment) {
    let (mut i, mut j) = (0, 0);
    for b in &a.beads {
        assert_eq!(
            (b.en.start, b.ar.start),
            (i, j),
            "beads out of order or not contiguous"
        );
        assert!(
            b.en.start <= b.en.end && b.ar.start <= b.ar.end,
            "reversed range"
        );
        assert!(!(b.en.is_empty() && b.ar.is_empty()), "0-0 bead");
        assert!(
            sizes.allows(b.en.len(), b.ar.len()),
            "bead {} not allowed by {sizes:?}",
            b.kind
        );
        assert_eq!(
            (b.kind.en, b.kind.ar),
            (b.en.len(), b.ar.len()),
            "kind {} does not match ranges",
            b.kind
        );
        assert!(
            (0.0..=1.0).contains(&b.score),
            "score {} out of range",
            b.score
        );
        assert!(b.cost.is_finite(), "bead cost {}", b.cost);
        i = b.en.end;
        j = b.ar.end;
    }
    assert_eq!((i, j), (en, ar), "beads do not cover every sentence");
    assert!(a.cost.is_finite(), "total cost {}", a.cost);
}
