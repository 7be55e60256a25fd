//! The aligner's work grows linearly with the input in every shape: few sentences
//! against many (both ways), one side empty, units that hold many sentences. Work
//! is counted in lattice cells swept (`AlignStats::cells_visited`), not timed.

use bitext::{AlignStats, Aligner};
use proptest::prelude::*;

/// A deterministic stream of numbers below `n`, from `seed`.
fn numbers(seed: u64) -> impl FnMut(u64) -> u64 {
    let mut state = seed;
    move |n| {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 33) % n
    }
}

/// `count` sentence lengths between 5 and 200 characters.
fn lengths(count: usize, seed: u64) -> Vec<usize> {
    let mut below = numbers(seed);
    (0..count).map(|_| 5 + below(196) as usize).collect()
}

fn work_of_lengths(en: usize, ar: usize, seed: u64) -> AlignStats {
    let (en, ar) = (lengths(en, seed), lengths(ar, seed ^ 0x9e37));
    Aligner::new().align_lengths(&en, &ar).stats
}

/// Cells swept per sentence that a linear aligner stays under: a few dozen passes
/// over a band some tens of cells wide (the most seen in these shapes is under
/// 300). Work that grew with the product of the two sides would pass it by orders
/// of magnitude at these sizes: with three sentences against 10⁵, a sweep of a
/// band row (10⁵ cells wide) for each of 10⁵ beads is 10¹⁰ cells, against a bound
/// of 10⁸.
const CELLS_PER_SENTENCE: usize = 1_000;

/// Work over `n + m` sentences is at most `CELLS_PER_SENTENCE` a sentence, plus a
/// constant for tiny inputs, at both sizes.
fn assert_linear(
    shape: &str,
    small: (usize, usize),
    large: (usize, usize),
    work: impl Fn(usize, usize) -> usize,
) {
    for (n, m) in [small, large] {
        let w = work(n, m);
        assert!(
            w <= CELLS_PER_SENTENCE * (n + m) + 100_000,
            "{shape}: {n} × {m} swept {w} cells"
        );
    }
}

#[test]
fn few_against_many_sentences_both_ways_is_linear() {
    for (shape, few) in [("empty", 0), ("one", 1), ("three", 3)] {
        assert_linear(shape, (few, 25_000), (few, 100_000), |n, m| {
            work_of_lengths(n, m, 1).cells_visited
        });
        assert_linear(shape, (25_000, few), (100_000, few), |n, m| {
            work_of_lengths(n, m, 2).cells_visited
        });
    }
}

/// `count` units of `per` sentences each, English or Arabic.
fn units(count: usize, per: usize, arabic: bool, seed: u64) -> Vec<String> {
    let words: &[&str] = if arabic {
        &[
            "كتاب",
            "الشمس",
            "ذهب",
            "إلى",
            "البيت",
            "في",
            "الصباح",
            "قال",
        ]
    } else {
        &["The", "sun", "went", "to", "the", "house", "in", "morning"]
    };
    let mut below = numbers(seed);
    (0..count)
        .map(|_| {
            (0..per)
                .map(|_| {
                    let n = 3 + below(12) as usize;
                    let w: Vec<&str> = (0..n).map(|_| words[below(8) as usize]).collect();
                    format!("{}.", w.join(" "))
                })
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

/// A few long units (many sentences each) against many one- and two-sentence
/// lines, both ways: the beads over the units are scored over the band's cells
/// inside their rectangles, which must not grow with the other side's length.
#[test]
fn long_units_against_many_lines_is_linear() {
    let work = |flip: bool| {
        move |few: usize, many: usize| {
            let long = units(few, 400, flip, 3);
            let lines = units(many, 2, !flip, 4);
            let stats = if flip {
                Aligner::new().align(&lines, &long).stats
            } else {
                Aligner::new().align(&long, &lines).stats
            };
            stats.cells_visited
        }
    };
    assert_linear("long English units", (3, 5_000), (3, 20_000), work(false));
    assert_linear("long Arabic units", (3, 5_000), (3, 20_000), work(true));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    /// Random shapes from 1 : 10⁵ to 10⁵ : 1, one side empty included: the work
    /// per sentence stays under the same bound.
    #[test]
    fn work_per_sentence_is_bounded_in_every_shape(
        exponent in -5i32..=5,
        total in 1_000usize..40_000,
        seed in any::<u64>(),
    ) {
        let ratio = 10f64.powi(exponent);
        let en = ((total as f64) * ratio / (1.0 + ratio)).round() as usize;
        let ar = total - en;
        let stats = work_of_lengths(en, ar, seed);
        prop_assert!(
            stats.cells_visited <= CELLS_PER_SENTENCE * (en + ar) + 100_000,
            "{} × {} swept {} cells", en, ar, stats.cells_visited
        );
    }
}
