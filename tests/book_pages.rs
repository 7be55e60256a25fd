//! Book-size pages keep their structure and their course: every verse's
//! English line is paired with its Arabic line whether the page interleaves
//! them or sets them in two blocks, and no wrong pair scores high. The pages
//! are generated (`common::book`) from words written for the tests.

mod common;

use bitext::align_document;
use common::book::{book_page, judge, verses};

/// Verses of the test book: a page past `RATIO_SEARCH_CELLS` (a book, whose
/// structure and course must still be weighed), small enough for a debug build.
const VERSES: usize = 2_400;

fn check(interleaved: bool) {
    let verses = verses(7, VERSES);
    let page = book_page(&verses, interleaved);
    let doc = align_document(&page).expect("default settings");
    let pairs: Vec<(usize, usize, f64)> = doc
        .pairs
        .iter()
        .map(|p| (p.en_span.start, p.ar_span.start, p.score))
        .collect();
    let judged = judge(&page, VERSES, interleaved, &pairs);
    assert!(judged.pairs > 0, "{judged:?}");
    assert!(judged.wrong * 200 <= judged.pairs, "{judged:?}");
    assert_eq!(judged.wrong_confident, 0, "{judged:?}");
    assert!(judged.right_lines * 100 >= VERSES * 98, "{judged:?}");
}

#[test]
fn interleaved_book_page() {
    check(true);
}

#[test]
fn block_book_page() {
    check(false);
}

#[test]
fn judge_counts_a_shifted_pair_wrong() {
    let verses = verses(1, 3);
    let page = book_page(&verses, true);
    let second = page
        .match_indices('\n')
        .map(|(i, _)| i + 1)
        .collect::<Vec<_>>();
    // Line 0 with line 1 is right; line 0 with line 3 is wrong and confident.
    let judged = judge(&page, 3, true, &[(0, second[0], 0.5), (0, second[2], 0.95)]);
    assert_eq!(
        (judged.pairs, judged.wrong, judged.wrong_confident),
        (2, 1, 1)
    );
    assert_eq!(judged.right_lines, 1);
}
