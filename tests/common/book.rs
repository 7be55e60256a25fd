//! Book-like pages: thousands of short verses, each English verse with its
//! Arabic one, laid out interleaved (a verse's English line, then its Arabic
//! line) or as an English block then an Arabic block, and a judge of the pairs
//! an aligner finds on them. The verses are drawn from the word lists of
//! `pages.rs`; in a middle stretch the Arabic verses run longer (a drifting
//! character ratio, as between the books of a real one), and verse lengths
//! there are short, so that lengths alone lose the course.

use super::pages::{sentence_pair, Rng};

/// The verses of a book of `n` verses, as `(English, Arabic)` lines.
pub fn verses(seed: u64, n: usize) -> Vec<(String, String)> {
    let mut rng = Rng::new(seed);
    (0..n)
        .map(|k| {
            let (mut en, mut ar) = sentence_pair(&mut rng);
            let middle = k >= n / 3 && k < 2 * n / 3;
            if middle {
                // Short verses, and Arabic longer than usual for them.
                en = en.split_whitespace().take(4).collect::<Vec<_>>().join(" ") + ".";
                ar = ar.split_whitespace().take(4).collect::<Vec<_>>().join(" ") + " جدا جدا.";
            }
            // A verse in eight names its number, as chapter and verse headings do.
            if rng.below(8) == 0 {
                let mark = format!(" {}:{}", 1 + k / 40, 1 + k % 40);
                en.push_str(&mark);
                ar.push_str(&mark);
            }
            (en, ar)
        })
        .collect()
}

/// The page of `verses`, interleaved or as two blocks.
pub fn book_page(verses: &[(String, String)], interleaved: bool) -> String {
    let mut out = String::new();
    if interleaved {
        for (en, ar) in verses {
            out.push_str(&format!("{en}\n{ar}\n"));
        }
    } else {
        for (en, _) in verses {
            out.push_str(&format!("{en}\n"));
        }
        for (_, ar) in verses {
            out.push_str(&format!("{ar}\n"));
        }
    }
    out
}

/// What a judge of a book page counts.
#[derive(Debug, Default)]
pub struct Judged {
    pub pairs: usize,
    /// Pairs whose Arabic does not start on the line of their English's verse.
    pub wrong: usize,
    /// Wrong pairs with a score of at least 0.9.
    pub wrong_confident: usize,
    /// English lines with a right pair.
    pub right_lines: usize,
}

/// Judges pairs given by their English and Arabic start offsets and score, on
/// `page` of `verses` verses.
pub fn judge(
    page: &str,
    verses: usize,
    interleaved: bool,
    pairs: &[(usize, usize, f64)],
) -> Judged {
    let starts: Vec<usize> = std::iter::once(0)
        .chain(page.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let line = |offset: usize| starts.partition_point(|&s| s <= offset) - 1;
    let mut out = Judged::default();
    let mut right = std::collections::BTreeSet::new();
    for &(e, a, score) in pairs {
        let (le, la) = (line(e), line(a));
        let ok = if interleaved {
            la == le + 1
        } else {
            la == le + verses
        };
        out.pairs += 1;
        if ok {
            right.insert(le);
        } else {
            out.wrong += 1;
            out.wrong_confident += usize::from(score >= 0.9);
        }
    }
    out.right_lines = right.len();
    out
}
