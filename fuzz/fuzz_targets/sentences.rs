//! Arbitrary text through the sentence splitter, checked against the contract in
//! the `bitext::sentences` module documentation.
//!
//! The first byte picks a small `max_sentence_bytes` (0..=63, clamped to at least
//! 16 by the setter) and the line-break setting of the configured splitter; the
//! whole input, lossily decoded, is split with the defaults in English and Arabic
//! and with the configured splitter.
#![no_main]

use bitext::chars::is_invisible;
use bitext::{split_sentences, Lang, LineBreaks, SentenceIndices, SentenceSplitter, Span};
use libfuzzer_sys::fuzz_target;

fn is_blank(c: char) -> bool {
    c.is_whitespace() || is_invisible(c)
}

fn check(text: &str, mut it: SentenceIndices<'_>, max_bytes: usize) {
    let mut sentences: Vec<(Span, &str)> = Vec::new();
    for (span, s) in it.by_ref() {
        assert!(span.start < span.end, "empty sentence at {span}");
        assert!(span.end <= text.len(), "sentence {span} outside the text");
        assert!(
            text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
            "sentence {span} not on char boundaries"
        );
        assert_eq!(span.slice(text), s, "sentence text differs from its span");
        assert!(
            span.len() <= max_bytes,
            "sentence {span} longer than {max_bytes} bytes"
        );
        let (first, last) = (s.chars().next(), s.chars().next_back());
        assert!(
            first.is_some_and(|c| !is_blank(c)) && last.is_some_and(|c| !is_blank(c)),
            "sentence {s:?} starts or ends with whitespace or an invisible character"
        );
        if let Some(&(prev, _)) = sentences.last() {
            assert!(
                prev.end <= span.start,
                "sentences {prev} and {span} overlap or are out of order"
            );
        }
        sentences.push((span, s));
    }
    // Fused: nothing after the end.
    assert!(it.next().is_none());
    // Every visible character lies in exactly one sentence (sentences are disjoint,
    // so "in some" is enough); walk both in step, linear time.
    let mut k = 0;
    for (at, c) in text.char_indices() {
        while sentences.get(k).is_some_and(|(s, _)| s.end <= at) {
            k += 1;
        }
        if !is_blank(c) {
            assert!(
                sentences.get(k).is_some_and(|(s, _)| s.start <= at),
                "visible {c:?} at {at} is in no sentence"
            );
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&config, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let default_max = SentenceSplitter::new().get_max_sentence_bytes();
    for lang in [Lang::English, Lang::Arabic] {
        check(&text, split_sentences(&text, lang), default_max);
    }
    let line_breaks = if config & 0x80 != 0 {
        LineBreaks::BlankLine
    } else {
        LineBreaks::Always
    };
    let mut splitter = SentenceSplitter::new()
        .max_sentence_bytes(usize::from(config & 0x3F))
        .line_breaks(line_breaks);
    if config & 0x40 != 0 {
        splitter = splitter.add_abbreviation("Univ.").add_abbreviation("ص.ب");
    }
    let max = splitter.get_max_sentence_bytes();
    assert!(max >= 16 && max >= usize::from(config & 0x3F));
    let lang = if config & 1 != 0 {
        Lang::Arabic
    } else {
        Lang::English
    };
    check(&text, splitter.split(&text, lang), max);
});
