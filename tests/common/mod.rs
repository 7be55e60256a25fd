//! Checks and generators shared by the integration tests. Each test crate uses a
//! part of them, hence the `dead_code` allowance.
#![allow(dead_code)]

pub mod beads;
pub mod book;
pub mod near_parallel;
pub mod pages;
pub mod reference;

use std::path::PathBuf;

use bitext::DocumentAlignment;

/// The `align` example binary that `cargo test` builds next to the test
/// executables (`target/<profile>/examples/align`). A missing binary fails the
/// test instead of skipping it.
pub fn align_binary() -> PathBuf {
    // The test executable lives in target/<profile>/deps/.
    let exe = std::env::current_exe().expect("test executable path");
    let profile_dir = exe
        .parent()
        .and_then(|deps| deps.parent())
        .expect("target/<profile> directory");
    let bin = profile_dir
        .join("examples")
        .join(format!("align{}", std::env::consts::EXE_SUFFIX));
    assert!(
        bin.is_file(),
        "{} is missing: `cargo test` builds examples; run `cargo build --example align`",
        bin.display()
    );
    bin
}

/// Everything a document result points at lies inside the input, on char boundaries,
/// pair scores lie in [0, 1], and every letter of the input is inside a run.
pub fn check_spans(text: &str, doc: &DocumentAlignment<'_>) {
    let mut last = 0;
    for run in &doc.runs {
        assert!(run.span.start >= last && run.span.end <= text.len());
        assert!(text.is_char_boundary(run.span.start) && text.is_char_boundary(run.span.end));
        last = run.span.end;
    }
    // `Span::slice` panics off the text or off a char boundary, as slicing does.
    for s in &doc.sentences {
        assert_eq!(s.span.slice(text), s.text);
    }
    for p in &doc.pairs {
        assert_eq!(p.en_span.slice(text), p.en);
        assert_eq!(p.ar_span.slice(text), p.ar);
        assert!((0.0..=1.0).contains(&p.score), "score {}", p.score);
    }
    for (at, c) in text.char_indices() {
        if c.is_alphabetic() {
            assert!(
                doc.runs.iter().any(|r| r.span.range().contains(&at)),
                "letter {c:?} at {at} is in no run"
            );
        }
    }
}

/// `(en, ar)` texts of the pairs.
pub fn texts<'a>(doc: &DocumentAlignment<'a>) -> Vec<(&'a str, &'a str)> {
    doc.pairs.iter().map(|p| (p.en, p.ar)).collect()
}
