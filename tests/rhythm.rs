//! Book-length input whose rhythm changes: stretches where one Arabic line holds
//! several English sentences alternate with stretches translated sentence by sentence.
//! The banded search must find the optimum of the whole programme (same model, the
//! lattice searched whole), and the path must follow the text.

mod common;

use bitext::{Aligner, BeadKind};
use common::beads::{check_cover, Sizes};
use common::reference;

/// A small deterministic generator, so failures reproduce.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n
    }
}

/// Lengths of an English text of `stretches` stretches of `size` sentences and its
/// translation at `ratio`: even stretches put `3..=max_group` English sentences
/// against one Arabic line, odd ones translate sentence by sentence (one in five
/// split in two). With a `drift`, the length ratio is `ratio·(1 − drift)` in
/// stretches 0, 1, 4, 5, … and `ratio·(1 + drift)` in the others, so the diagonal
/// of the cumulative lengths strays from the text. Returns the true beads as
/// `(English count, Arabic count)`.
fn rhythm(
    seed: u64,
    stretches: usize,
    size: usize,
    max_group: u64,
    (ratio, drift): (f64, f64),
) -> (Vec<usize>, Vec<usize>, Vec<(usize, usize)>) {
    let mut rng = Lcg(seed);
    let (mut en, mut ar, mut gold) = (Vec::new(), Vec::new(), Vec::new());
    let noise = |rng: &mut Lcg| 0.85 + 0.3 * rng.below(1000) as f64 / 1000.0;
    for s in 0..stretches {
        let ratio = ratio
            * if (s / 2) % 2 == 0 {
                1.0 - drift
            } else {
                1.0 + drift
            };
        let mut done = 0;
        while done < size {
            if s % 2 == 0 {
                let k = (3 + rng.below(max_group - 2) as usize).min(size - done);
                let mut total = 0;
                for _ in 0..k {
                    let l = 20 + rng.below(160) as usize;
                    en.push(l);
                    total += l;
                }
                ar.push((total as f64 * ratio * noise(&mut rng)) as usize);
                gold.push((k, 1));
                done += k;
            } else {
                let l = 20 + rng.below(160) as usize;
                en.push(l);
                let t = (l as f64 * ratio * noise(&mut rng)) as usize;
                if rng.below(5) == 0 {
                    ar.push(t / 3);
                    ar.push(t - t / 3);
                    gold.push((1, 2));
                } else {
                    ar.push(t);
                    gold.push((1, 1));
                }
                done += 1;
            }
        }
    }
    (en, ar, gold)
}

/// The banded search against the whole lattice under the same model, on inputs long
/// enough for rates along the text and small enough to search whole.
#[test]
fn banded_search_finds_the_whole_programme_optimum_when_rhythm_changes() {
    // Length ratios from 0.5 to 1.25, Arabic lines of up to 6 to 11 English
    // sentences, stretches of 160 to 260 English sentences.
    for seed in 0..6 {
        let (en, ar, _) = rhythm(
            seed,
            4,
            160 + 20 * seed as usize,
            6 + seed,
            (0.5 + 0.15 * seed as f64, 0.0),
        );
        let whole = Aligner::builder()
            .exact_up_to(usize::MAX)
            .build()
            .unwrap()
            .align_lengths(&en, &ar);
        let banded = Aligner::builder()
            .exact_up_to(0)
            .build()
            .unwrap()
            .align_lengths(&en, &ar);
        check_cover(en.len(), ar.len(), Sizes::default_settings(), &banded);
        check_cover(en.len(), ar.len(), Sizes::default_settings(), &whole);
        assert!(
            reference::same_cost(banded.cost, whole.cost),
            "seed {seed}: banded {} vs whole {}",
            banded.cost,
            whole.cost
        );
    }
}

/// The path follows the text across every change of rhythm: most true beads are
/// found, long one-to-many beads included.
#[test]
fn the_path_follows_changes_of_rhythm() {
    let (en, ar, gold) = rhythm(42, 6, 500, 9, (0.6, 0.0));
    let a = Aligner::new().align_lengths(&en, &ar);
    check_cover(en.len(), ar.len(), Sizes::default_settings(), &a);
    let recall = recall(&gold, &a);
    // The search that followed one global rate found 0.3% of these beads.
    assert!(recall > 0.8, "recall {recall}");
    let long = a
        .beads
        .iter()
        .filter(|b| b.kind.en >= 7 && b.kind.ar == 1)
        .count();
    assert!(long > 0, "no bead of 7 or more English sentences");
    assert!(a.beads.iter().any(|b| b.kind == BeadKind::new(1, 2)));
}

/// The share of the true beads `gold` (as `(English count, Arabic count)` in order)
/// that `a` found exactly.
fn recall(gold: &[(usize, usize)], a: &bitext::Alignment) -> f64 {
    let mut want = std::collections::HashSet::new();
    let (mut i, mut j) = (0, 0);
    for &(x, y) in gold {
        want.insert((i, j, x, y));
        i += x;
        j += y;
    }
    let found = a
        .beads
        .iter()
        .filter(|b| want.contains(&(b.en.start, b.ar.start, b.en.len(), b.ar.len())))
        .count();
    found as f64 / gold.len() as f64
}

/// Lengths alone, over a book whose length ratio drifts by a tenth either way
/// between stretches of 1,500 sentences: the diagonal of the cumulative lengths
/// strays by hundreds of sentences, and the quick pass must keep the course the
/// lengths give nearby. A band of fixed width around the cheapest cell of each
/// row loses it and finds about a third of these beads.
#[test]
fn lengths_alone_keep_the_course_when_the_length_ratio_drifts() {
    for seed in 0..2 {
        let (en, ar, gold) = rhythm(seed, 8, 1500, 6, (0.6, 0.1));
        let a = Aligner::new().align_lengths(&en, &ar);
        check_cover(en.len(), ar.len(), Sizes::default_settings(), &a);
        let recall = recall(&gold, &a);
        assert!(recall > 0.75, "seed {seed}: recall {recall}");
    }
}

/// Text whose Arabic side groups its sentences into lines in some stretches: English
/// sentences, and Arabic lines of `3..=6` sentences (even stretches) or of one
/// sentence (odd ones). Returns both sides and the true beads.
fn grouped_text(
    seed: u64,
    stretches: usize,
    size: usize,
) -> (Vec<String>, Vec<String>, Vec<(usize, usize)>) {
    const EN: [&str; 8] = [
        "the", "river", "king", "went", "into", "city", "and", "light",
    ];
    const AR: [&str; 8] = [
        "النهر",
        "الملك",
        "ذهب",
        "إلى",
        "المدينة",
        "و",
        "النور",
        "في",
    ];
    let mut rng = Lcg(seed);
    let sentence = |rng: &mut Lcg| {
        let words = 4 + rng.below(26) as usize;
        let en: Vec<&str> = (0..words).map(|_| EN[rng.below(8) as usize]).collect();
        // About as many Arabic letters, give or take two fifths: translations of one
        // sentence vary more than those of a paragraph.
        let target =
            en.iter().map(|w| w.len() + 1).sum::<usize>() * (60 + rng.below(80) as usize) / 100;
        let mut ar = String::new();
        while ar.chars().count() < target {
            ar.push_str(AR[rng.below(8) as usize]);
            ar.push(' ');
        }
        let mut en = en.join(" ");
        en.push('.');
        (en, format!("{}.", ar.trim_end()))
    };
    let (mut en, mut ar, mut gold) = (Vec::new(), Vec::new(), Vec::new());
    for s in 0..stretches {
        let mut done = 0;
        while done < size {
            let k = if s % 2 == 0 {
                3 + rng.below(4) as usize
            } else {
                1
            };
            let mut line = Vec::new();
            for _ in 0..k {
                let (e, a) = sentence(&mut rng);
                en.push(e);
                line.push(a);
            }
            ar.push(line.join(" "));
            gold.push((k, 1));
            done += k;
        }
    }
    (en, ar, gold)
}

/// Where a line holds several sentences, the sentences inside it place its ends: the
/// beads over the lines given are found far more often than by the lines' lengths
/// alone, and they cover both sides in order.
#[test]
fn sentences_inside_lines_place_long_beads() {
    let (en, ar, gold) = grouped_text(7, 6, 400);
    let recall = |a: &bitext::Alignment| {
        let mut want = std::collections::HashSet::new();
        let (mut i, mut j) = (0, 0);
        for &(x, y) in &gold {
            want.insert((i..i + x, j..j + y));
            i += x;
            j += y;
        }
        let found = a
            .beads
            .iter()
            .filter(|b| want.contains(&(b.en.clone(), b.ar.clone())))
            .count();
        found as f64 / gold.len() as f64
    };
    let by_text = Aligner::builder()
        .anchors(false)
        .build()
        .unwrap()
        .align(&en, &ar);
    let (mut i, mut j) = (0, 0);
    for b in &by_text.beads {
        assert_eq!((b.en.start, b.ar.start), (i, j));
        assert_eq!(b.kind, BeadKind::new(b.en.len(), b.ar.len()));
        assert!((0.0..=1.0).contains(&b.score), "{b:?}");
        (i, j) = (b.en.end, b.ar.end);
    }
    assert_eq!((i, j), (en.len(), ar.len()));
    let lengths = |xs: &[String]| -> Vec<usize> {
        xs.iter()
            .map(|s| s.chars().filter(|c| !c.is_whitespace()).count())
            .collect()
    };
    let by_length = Aligner::new().align_lengths(&lengths(&en), &lengths(&ar));
    let (text, length) = (recall(&by_text), recall(&by_length));
    assert!(text > 0.9, "recall {text} with the sentences inside lines");
    assert!(
        text > length + 0.1,
        "recall {text} vs {length} by lengths alone"
    );
}
