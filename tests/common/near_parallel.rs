//! Near-parallel sentence lengths: the one generator behind the near-parallel
//! property tests (`tests/properties.rs`), the `aligner` fuzz target's even regime
//! (`fuzz/fuzz_targets/aligner.rs`, which includes this file by path) and the decoding
//! of its artifacts in `tests/fuzz_regressions.rs`.
//!
//! Plain Rust with no dependency but the standard library, so that both the tests and
//! the fuzz crate can compile it.

use std::ops::Range;

/// Length ratios drawn per input.
pub const RATIO: Range<f64> = 0.4..1.2;
/// English sentence lengths.
pub const LENGTH: Range<usize> = 1..200;
/// Events are drawn from `0..EVENTS` (see [`near_parallel`]).
pub const EVENTS: u8 = 20;
/// Noise factors on a translation's length.
pub const NOISE: Range<f64> = 0.7..1.3;

/// English lengths and their Arabic translations at `ratio`: for each item
/// `(length, event, noise)` the English sentence is `length` long, its translation
/// `length · ratio · noise` (rounded), and `event` (drawn from `0..EVENTS`) decides its
/// fate: 0 dropped, 1–3 split in two, 4 followed by an inserted Arabic sentence of
/// 30, otherwise kept whole.
pub fn near_parallel(
    ratio: f64,
    items: impl IntoIterator<Item = (usize, u8, f64)>,
) -> (Vec<usize>, Vec<usize>) {
    let (mut en, mut ar) = (Vec::new(), Vec::new());
    for (l, event, noise) in items {
        en.push(l);
        let t = ((l as f64) * ratio * noise).round() as usize;
        match event {
            0 => {}
            1..=3 => {
                ar.push(t / 3);
                ar.push(t - t / 3);
            }
            4 => {
                ar.push(t);
                ar.push(30);
            }
            _ => ar.push(t),
        }
    }
    (en, ar)
}

/// Reads fuzz input bytes, yielding zeros once the input runs out.
pub struct Bytes<'a>(pub &'a [u8]);

impl Bytes<'_> {
    pub fn u8(&mut self) -> u8 {
        match self.0.split_first() {
            Some((&b, rest)) => {
                self.0 = rest;
                b
            }
            None => 0,
        }
    }

    pub fn u16(&mut self) -> u16 {
        u16::from_le_bytes([self.u8(), self.u8()])
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// A value in `lo..hi` (a float in steps of 1/256 of the range).
    pub fn unit(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * f64::from(self.u8()) / 256.0
    }
}

/// Near-parallel lengths decoded from fuzz bytes: the ratio ([`RATIO`]) and the
/// number of items (0..=60) from one byte each, then 3 bytes an item — English
/// length ([`LENGTH`]), event, noise ([`NOISE`]) — until the items or the input run
/// out.
pub fn near_parallel_from_bytes(b: &mut Bytes<'_>) -> (Vec<usize>, Vec<usize>) {
    let ratio = b.unit(RATIO.start, RATIO.end);
    let items = usize::from(b.u8()) % 61;
    let items = std::iter::from_fn(|| {
        if b.is_empty() {
            return None;
        }
        let l = LENGTH.start + usize::from(b.u8()) % LENGTH.len();
        let event = b.u8() % EVENTS;
        let noise = b.unit(NOISE.start, NOISE.end);
        Some((l, event, noise))
    })
    .take(items);
    near_parallel(ratio, items)
}
