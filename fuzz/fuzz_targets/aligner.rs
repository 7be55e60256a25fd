//! Sentence lengths through the aligner.
//!
//! The first byte chooses the regime:
//!
//! - even: *near-parallel* lengths from `tests/common/near_parallel.rs`, the
//!   generator the property test `banded_equals_full_programme` draws from
//!   (English lengths 1..200, their translations at one ratio in 0.4..1.2 with
//!   noise 0.7..1.3, some split in two, some dropped, some Arabic sentences
//!   inserted), aligned with the default settings. Here the banded search must
//!   find the full programme's optimum.
//! - odd: arbitrary lengths (0..=500, up to 60 a side) and settings
//!   (`max_bead` 1..=6, `many_to_one` 0, 6 or 8, `fit` on or off). Here only the
//!   cover and order invariants are checked: the band is a heuristic that is only
//!   promised when the model fits the data. Set `BITEXT_FUZZ_STRICT=1` to check
//!   the optimum here as well (exploration only).
//!
//! `BITEXT_FUZZ_OPTIMUM=count` turns a missed optimum from a crash into a line on
//! stderr (the first few) and a running count, so that a long run keeps exploring
//! the other invariants once the banded search is known to miss on some inputs.
//!
//! Invariants in both (`tests/common/beads.rs`): every sentence is in exactly one
//! bead, beads are in order and contiguous, each kind matches its ranges, no bead
//! is empty, no bead exceeds `max_bead` except 1-k and k-1 beads up to
//! `many_to_one`, scores lie in [0, 1] and costs are finite.
#![no_main]

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

use bitext::{Aligner, Alignment};
use libfuzzer_sys::fuzz_target;

// Shared with the tests, so that `tests/fuzz_regressions.rs` decodes artifacts with
// the same code and the property test draws from the same generator.
#[path = "../../tests/common/beads.rs"]
mod beads;
#[path = "../../tests/common/near_parallel.rs"]
mod near_parallel;

use beads::{check_cover, Sizes};
use near_parallel::{near_parallel_from_bytes, Bytes};

fn count_only() -> bool {
    static COUNT: OnceLock<bool> = OnceLock::new();
    *COUNT.get_or_init(|| std::env::var_os("BITEXT_FUZZ_OPTIMUM").is_some_and(|v| v == "count"))
}

static MISSES: AtomicUsize = AtomicUsize::new(0);

fn strict() -> bool {
    static STRICT: OnceLock<bool> = OnceLock::new();
    *STRICT.get_or_init(|| std::env::var_os("BITEXT_FUZZ_STRICT").is_some_and(|v| v == "1"))
}

fn check_optimum(en: &[usize], ar: &[usize], sizes: Sizes, fit: bool, banded: &Alignment) {
    let full = Aligner::new()
        .max_bead(sizes.max_bead)
        .many_to_one(sizes.many_to_one)
        .fit(fit)
        .band(100_000)
        .align_lengths(en, ar)
        .expect("valid settings");
    check_cover(en.len(), ar.len(), sizes, &full);
    let tol = 1e-9 * full.cost.abs().max(1.0);
    if (banded.cost - full.cost).abs() <= tol {
        return;
    }
    let msg = format!(
        "banded {} vs full {} ({sizes:?}, fit {fit})\nen = {en:?}\nar = {ar:?}",
        banded.cost, full.cost
    );
    if !count_only() {
        panic!("{msg}");
    }
    let k = MISSES.fetch_add(1, Ordering::Relaxed) + 1;
    if k <= 5 || k.is_power_of_two() {
        eprintln!("OPTIMUM MISS #{k}: {msg}");
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
    if mode & 1 == 0 {
        let (en, ar) = near_parallel_from_bytes(&mut b);
        let banded = Aligner::new()
            .align_lengths(&en, &ar)
            .expect("default settings");
        check_cover(en.len(), ar.len(), Sizes::DEFAULT, &banded);
        check_optimum(&en, &ar, Sizes::DEFAULT, true, &banded);
    } else {
        let sizes = Sizes {
            max_bead: 1 + usize::from(mode >> 1) % 6,
            many_to_one: [0, 6, 8][usize::from(mode >> 4) % 3],
        };
        let fit = mode & 0x80 != 0;
        let (en, ar) = arbitrary_lengths(&mut b);
        let banded = Aligner::new()
            .max_bead(sizes.max_bead)
            .many_to_one(sizes.many_to_one)
            .fit(fit)
            .align_lengths(&en, &ar)
            .expect("valid settings");
        check_cover(en.len(), ar.len(), sizes, &banded);
        if strict() {
            check_optimum(&en, &ar, sizes, fit, &banded);
        }
    }
});
