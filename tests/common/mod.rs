//! Checks shared by the integration tests.

use bitext::DocumentAlignment;

/// Everything a document result points at lies inside the input, on char boundaries,
/// pair scores lie in [0, 1], and every letter of the input is inside a run.
pub fn check_spans(text: &str, doc: &DocumentAlignment<'_>) {
    let mut last = 0;
    for run in &doc.runs {
        assert!(run.span.start >= last && run.span.end <= text.len());
        assert!(text.is_char_boundary(run.span.start) && text.is_char_boundary(run.span.end));
        last = run.span.end;
    }
    for s in &doc.sentences {
        assert_eq!(&text[s.span.start..s.span.end], s.text);
    }
    for p in &doc.pairs {
        assert_eq!(&text[p.en_span.start..p.en_span.end], p.en);
        assert_eq!(&text[p.ar_span.start..p.ar_span.end], p.ar);
        assert!((0.0..=1.0).contains(&p.score), "score {}", p.score);
    }
    for (at, c) in text.char_indices() {
        if c.is_alphabetic() {
            assert!(
                doc.runs
                    .iter()
                    .any(|r| r.span.start <= at && at < r.span.end),
                "letter {c:?} at {at} is in no run"
            );
        }
    }
}
