//! Sentence lengths through the aligner.
//!
//! Every input is aligned twice: with the defaults, which search lattices of up
//! to `exact_up_to` cells (all inputs here) whole, and banded (`exact_up_to(0)`).
//! The first byte chooses the regime:
//!
//! - even: *near-parallel* lengths from `tests/common/near_parallel.rs`, the
//!   generator of the property tests (English lengths 1..200, their translations
//!   at one ratio in 0.4..1.2 with noise 0.7..1.3, some split in two, some
//!   dropped, some Arabic sentences inserted), default settings.
//! - odd: arbitrary lengths (0..=500, up to 60 a side) and settings
//!   (`max_bead` 1..=6, `many_to_one` 0, 6 or 8, `fit` on or off).
//!
//! The whole search must find the optimum of the plain programme of
//! `tests/common/reference.rs`, always. The banded search is a heuristic: on
//! near-parallel input a missed optimum is printed (the first few, then at powers
//! of two) with a running count and the number of near-parallel inputs so far, so
//! that a run measures how often it misses and keeps exploring; on arbitrary
//! lengths, which no translation produced, it only has to keep the invariants
//! below. `BITEXT_FUZZ_STRICT=1` makes a banded miss in either regime a crash.
//!
//! Invariants of every result (`tests/common/beads.rs`): every sentence is in
//! exactly one bead, beads are in order and contiguous, each kind matches its
//! ranges, no bead is empty, no bead exceeds `max_bead` except 1-k and k-1 beads
//! up to `many_to_one`, scores lie in [0, 1] and costs are finite.
#![no_main]

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

use bitext::{Aligner, Alignment};
use libfuzzer_sys::fuzz_target;

// Shared with the tests, so that `tests/fuzz_regressions.rs` decodes artifacts with
// the same code and the property tests draw from the same generator.
#[path = "../../tests/common/beads.rs"]
#[allow(dead_code)] // shared with the tests; this target uses a part
mod beads;
#[path = "../../tests/common/near_parallel.rs"]
mod near_parallel;
#[path = "../../tests/common/reference.rs"]
mod reference;

use beads::{check_cover, Sizes};
use near_parallel::{near_parallel_from_bytes, Bytes};

fn strict() -> bool {
    static STRICT: OnceLock<bool> = OnceLock::new();
    *STRICT.get_or_init(|| std::env::var_os("BITEXT_FUZZ_STRICT").is_some_and(|v| v == "1"))
}

/// Near-parallel inputs seen and banded misses among them.
static NEAR: AtomicUsize = AtomicUsize::new(0);
static MISSES: AtomicUsize = AtomicUsize::new(0);

/// Checks `a`'s cost against `best`, the plain programme's optimum over the same
/// parameters; a banded miss is counted unless in strict mode.
fn check_optimum(en: &[usize], ar: &[usize], best: f64, a: &Alignment, banded: bool, what: &str) {
    if reference::same_cost(a.cost, best) {
        return;
    }
    let msg = format!(
        "{what}: {} vs programme {best}\nen = {en:?}\nar = {ar:?}",
        a.cost
    );
    if !banded || strict() {
        panic!("{msg}");
    }
    let k = MISSES.fetch_add(1, Ordering::Relaxed) + 1;
    if k <= 5 || k.is_power_of_two() {
        let near = NEAR.load(Ordering::Relaxed);
        eprintln!("BANDED MISS #{k} of {near} near-parallel inputs: {msg}");
    }
}

fn arbitrary_lengths(b: &mut Bytes<'_>) -> (Vec<usize>, Vec<usize>) {
    let n = usize::from(b.u8()) % 61;
    let m = usize::from(b.u8()) % 61;
    let mut side = |k: usize| -> Vec<usize> {
        (0..k)
            .map_while(|_| (!b.is_empty()).then(|| usize::from(b.u16()) % 501))
            .collect()
    };
    let en = side(n);
    let ar = side(m);
    (en, ar)
}

fuzz_target!(|data: &[u8]| {
    let mut b = Bytes(data);
    let mode = b.u8();
    let near = mode & 1 == 0;
    let aligner = if near {
        Aligner::new()
    } else {
        Aligner::builder()
            .max_bead(1 + usize::from(mode >> 1) % 6)
            .many_to_one([0, 6, 8][usize::from(mode >> 4) % 3])
            .fit(mode & 0x80 != 0)
            .build()
            .expect("valid settings")
    };
    let (en, ar) = if near {
        near_parallel_from_bytes(&mut b)
    } else {
        arbitrary_lengths(&mut b)
    };
    let sizes = Sizes::of(&aligner);
    let settings = format!("{sizes:?}, fit {}", aligner.config().fit());

    let whole = aligner.clone().align_lengths(&en, &ar);
    check_cover(en.len(), ar.len(), sizes, &whole);
    // The parameters are fitted before the band is chosen, so one optimum serves both.
    let best = reference::optimum(&whole.params, &en, &ar);
    check_optimum(&en, &ar, best, &whole, false, &format!("whole ({settings})"));

    let banded = aligner.config().to_builder().exact_up_to(0);
    let banded = banded.build().expect("valid settings").align_lengths(&en, &ar);
    check_cover(en.len(), ar.len(), sizes, &banded);
    assert_eq!(banded.params, whole.params, "the band changed the fitted parameters");
    if near {
        NEAR.fetch_add(1, Ordering::Relaxed);
    }
    if near || strict() {
        check_optimum(&en, &ar, best, &banded, true, &format!("banded ({settings})"));
    }
});
