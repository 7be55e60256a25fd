//! Arbitrary bytes through the whole document pipeline.
//!
//! Invariants: runs, sentences and pairs point into the input on char boundaries
//! and their text is the spanned text; runs are ordered, non-empty, trimmed and
//! disjoint, every letter lies in one, and outside them there is only whitespace
//! (when there is any run); sentences are ordered, disjoint, inside their run, and
//! cover every visible character of the English and Arabic runs; pair scores and
//! the parallelism figures lie in [0, 1] and pair sentence ranges are valid; the
//! bytes entry point fails exactly on invalid UTF-8, at the first bad byte.
//!
//! The document's English and Arabic sentences are also aligned as text
//! (`Aligner::align`, which adds lexical anchors to the length model): beads must
//! cover every sentence once, in order, within the default bead sizes, with scores
//! in [0, 1] and finite costs (`tests/common/beads.rs`).
#![no_main]

use bitext::chars::is_invisible;
use bitext::{
    align_document, align_document_bytes, Aligner, DocumentAlignment, Error, Lang, Parallelism,
    Span,
};
use libfuzzer_sys::fuzz_target;

// The bead invariants the tests check too.
#[path = "../../tests/common/beads.rs"]
mod beads;

use beads::{check_cover, Sizes};

fn check_span(text: &str, span: Span, what: &str) {
    assert!(
        span.start <= span.end && span.end <= text.len(),
        "{what} span {span} outside 0..{}",
        text.len()
    );
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what} span {span} not on char boundaries"
    );
}

fn check(text: &str) -> DocumentAlignment<'_> {
    let doc = align_document(text).expect("default settings never fail");

    // Runs: in bounds, non-empty, trimmed, ordered, disjoint.
    let mut last = 0;
    for run in &doc.runs {
        check_span(text, run.span, "run");
        assert!(run.span.start >= last, "runs overlap or are out of order");
        assert!(!run.span.is_empty(), "empty run");
        let s = run.span.slice(text);
        assert_eq!(s.trim(), s, "run not trimmed");
        last = run.span.end;
    }
    // Every letter is in a run; with any run at all, the text outside runs is
    // whitespace only (runs are sorted, so walk them in step).
    let mut k = 0;
    for (at, c) in text.char_indices() {
        while doc.runs.get(k).is_some_and(|r| r.span.end <= at) {
            k += 1;
        }
        let inside = doc.runs.get(k).is_some_and(|r| r.span.start <= at);
        if c.is_alphabetic() {
            assert!(inside, "letter {c:?} at {at} is in no run");
        }
        if !doc.runs.is_empty() && !inside {
            assert!(c.is_whitespace(), "{c:?} at {at} is outside every run");
        }
    }

    // Sentences: ordered, disjoint, inside their run, text matches.
    let mut last = 0;
    for s in &doc.sentences {
        check_span(text, s.span, "sentence");
        assert_eq!(s.span.slice(text), s.text, "sentence text");
        assert!(
            s.span.start >= last,
            "sentences overlap or are out of order"
        );
        assert!(!s.text.is_empty(), "empty sentence");
        last = s.span.end;
        let run = doc.runs.get(s.run).expect("sentence run index");
        assert!(
            run.span.start <= s.span.start && s.span.end <= run.span.end,
            "sentence outside its run"
        );
        assert_eq!(run.lang, s.lang, "sentence and run languages differ");
        assert!(matches!(s.lang, Lang::English | Lang::Arabic));
    }
    // Every visible character of an English or Arabic run is in a sentence.
    for (ri, run) in doc.runs.iter().enumerate() {
        if !matches!(run.lang, Lang::English | Lang::Arabic) {
            continue;
        }
        let sentences: Vec<Span> = doc
            .sentences
            .iter()
            .filter(|s| s.run == ri)
            .map(|s| s.span)
            .collect();
        let mut k = 0;
        for (off, c) in run.span.slice(text).char_indices() {
            let at = run.span.start + off;
            while sentences.get(k).is_some_and(|s| s.end <= at) {
                k += 1;
            }
            if !c.is_whitespace() && !is_invisible(c) {
                assert!(
                    sentences.get(k).is_some_and(|s| s.start <= at),
                    "visible {c:?} at {at} of run {ri} is in no sentence"
                );
            }
        }
    }

    // Pairs.
    let en = doc.sentences_in(Lang::English);
    let ar = doc.sentences_in(Lang::Arabic);
    let (mut last_e, mut last_a) = (0, 0);
    for p in &doc.pairs {
        check_span(text, p.en_span, "pair en");
        check_span(text, p.ar_span, "pair ar");
        assert_eq!(p.en_span.slice(text), p.en);
        assert_eq!(p.ar_span.slice(text), p.ar);
        assert!((0.0..=1.0).contains(&p.score), "score {}", p.score);
        assert!(!p.en_sentences.is_empty() && !p.ar_sentences.is_empty());
        assert!(p.en_sentences.end <= en.len() && p.ar_sentences.end <= ar.len());
        assert!(
            p.en_sentences.start >= last_e && p.ar_sentences.start >= last_a,
            "pairs out of order"
        );
        last_e = p.en_sentences.end;
        last_a = p.ar_sentences.end;
        assert_eq!(p.en_span.start, en[p.en_sentences.start].span.start);
        assert_eq!(p.en_span.end, en[p.en_sentences.end - 1].span.end);
        assert_eq!(p.ar_span.start, ar[p.ar_sentences.start].span.start);
        assert_eq!(p.ar_span.end, ar[p.ar_sentences.end - 1].span.end);
        assert_eq!(p.kind.en, p.en_sentences.len());
        assert_eq!(p.kind.ar, p.ar_sentences.len());
    }
    check_parallelism(&doc.parallelism);
    for pairing in &doc.pairings {
        check_parallelism(&pairing.parallelism);
        assert!(pairing.pairs.end <= doc.pairs.len() && !pairing.pairs.is_empty());
        assert!((0.0..=1.0 + 1e-12).contains(&pairing.mean_score));
        for &r in pairing.en_runs.iter().chain(&pairing.ar_runs) {
            assert!(r < doc.runs.len());
        }
    }
    check_text_alignment(&doc);
    doc
}

fn check_parallelism(p: &Parallelism) {
    let unit = 0.0..=1.0 + 1e-12;
    assert!(
        unit.contains(&p.paired_share),
        "paired share {}",
        p.paired_share
    );
    assert!(
        unit.contains(&p.confident_share),
        "confident share {}",
        p.confident_share
    );
    if let Some(a) = p.anchor_agreement {
        assert!(unit.contains(&a), "anchor agreement {a}");
    }
}

fn check_text_alignment(doc: &DocumentAlignment<'_>) {
    let en: Vec<&str> = doc
        .sentences_in(Lang::English)
        .iter()
        .map(|s| s.text)
        .collect();
    let ar: Vec<&str> = doc
        .sentences_in(Lang::Arabic)
        .iter()
        .map(|s| s.text)
        .collect();
    let a = Aligner::new().align(&en, &ar);
    check_cover(en.len(), ar.len(), Sizes::default_settings(), &a);
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let doc = check(&text);
    match (std::str::from_utf8(data), align_document_bytes(data)) {
        (Ok(_), Ok(from_bytes)) => {
            // Valid UTF-8: the lossy text is the input, and the answer is the same.
            assert_eq!(from_bytes, doc);
        }
        (Err(e), Err(Error::InvalidUtf8 { offset })) => {
            assert_eq!(offset, e.valid_up_to(), "wrong offset of the bad byte");
        }
        (Ok(_), Err(e)) => panic!("valid UTF-8 refused: {e}"),
        (Err(e), Ok(_)) => panic!("invalid UTF-8 accepted: {e}"),
        (Err(_), Err(e)) => panic!("invalid UTF-8 gave the wrong error: {e}"),
    }
});
