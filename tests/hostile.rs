//! Hostile input: each case has one clear expected outcome, and none may panic.
//! (The two largest cases at full size, a 50 MB line and a million lines, are
//! measured with the `align` example; see docs/BENCHMARKS.md.)

mod common;

use bitext::{align_document, Aligner, BeadKind, Lang, SentenceSplitter};
use common::beads::{check_cover, Sizes};
use common::check_spans;

const BILINGUAL: &str = "The river flooded the old town on Monday.\n\
    Hundreds of families left their homes.\n\
    Rescue teams worked through the night to reach them.\n\
    فاض النهر على البلدة القديمة يوم الاثنين.\n\
    وغادرت مئات العائلات منازلها.\n\
    وعملت فرق الإنقاذ طوال الليل للوصول إليهم.\n";

#[test]
fn empty_document_has_nothing() {
    let doc = align_document("").unwrap();
    assert!(doc.runs.is_empty() && doc.sentences.is_empty() && doc.pairs.is_empty());
}

#[test]
fn whitespace_only_has_nothing() {
    let text = " \n\t\r\n\u{A0}\u{2003}\u{3000}\n";
    let doc = align_document(text).unwrap();
    assert!(doc.runs.is_empty() && doc.sentences.is_empty() && doc.pairs.is_empty());
}

#[test]
fn bidi_controls_and_zero_width_only_have_nothing() {
    let text =
        "\u{200F}\u{200E}\u{202A}\u{202C}\u{2066}\u{2069}\u{200B}\u{200D}\u{FEFF}\n".repeat(50);
    let doc = align_document(&text).unwrap();
    assert!(doc.sentences.is_empty() && doc.pairs.is_empty());
}

#[test]
fn combining_marks_without_base_do_not_panic() {
    let text = "\u{064E}\u{0650}\u{0301}\u{0308} ".repeat(500);
    let doc = align_document(&text).unwrap();
    check_spans(&text, &doc);
    assert!(doc.pairs.is_empty());
}

#[test]
fn nul_bytes_are_kept_inside_sentences() {
    let text = BILINGUAL.replace("Monday", "Mon\0day");
    let doc = align_document(&text).unwrap();
    check_spans(&text, &doc);
    assert_eq!(doc.pairs.len(), 3);
    assert!(doc.pairs[0].en.contains('\0'));
}

#[test]
fn crlf_and_lone_cr_end_lines() {
    for newline in ["\r\n", "\r"] {
        let text = BILINGUAL.replace('\n', newline);
        let doc = align_document(&text).unwrap();
        check_spans(&text, &doc);
        assert_eq!(doc.pairs.len(), 3, "with {newline:?}");
        for p in &doc.pairs {
            assert!(!p.en.contains('\r') && !p.ar.contains('\r'));
            assert_eq!(p.kind, BeadKind::new(1, 1));
        }
    }
}

#[test]
fn a_byte_order_mark_is_not_text() {
    let text = format!("\u{FEFF}{BILINGUAL}");
    let doc = align_document(&text).unwrap();
    check_spans(&text, &doc);
    assert_eq!(doc.pairs.len(), 3);
    assert_eq!(doc.pairs[0].en_span.start, 3);
    assert!(doc.pairs[0].en.starts_with("The river"));
}

#[test]
fn invalid_utf8_is_a_typed_error_with_its_offset() {
    let mut bytes = BILINGUAL.as_bytes().to_vec();
    bytes.insert(20, 0xFF);
    match bitext::align_document_bytes(&bytes) {
        Err(bitext::Error::InvalidUtf8 { offset }) => assert_eq!(offset, 20),
        other => panic!("expected InvalidUtf8, got {other:?}"),
    }
}

#[test]
fn one_sentence_against_a_hundred_thousand() {
    let en = [60];
    let ar = vec![7; 100_000];
    let a = Aligner::new().align_lengths(&en, &ar);
    check_cover(1, 100_000, Sizes::default_settings(), &a);
    assert_eq!(a.beads.iter().filter(|b| !b.en.is_empty()).count(), 1);
}

#[test]
fn a_long_line_without_punctuation_is_cut_into_bounded_pieces() {
    // 5 MB here; the 50 MB case is measured with the example.
    let line = "river town bridge people ".repeat(200_000);
    let splitter = SentenceSplitter::new();
    let max = splitter.get_max_sentence_bytes();
    let pieces: Vec<_> = splitter.split(&line, Lang::English).collect();
    assert!(pieces.iter().all(|(span, _)| span.len() <= max));
    let visible: usize = pieces
        .iter()
        .map(|(_, s)| s.split_whitespace().count())
        .sum();
    assert_eq!(visible, 800_000, "every word lands in one piece");
    let doc = align_document(&line).unwrap();
    assert_eq!(doc.runs.len(), 1);
    assert!(doc.pairs.is_empty());
}

#[test]
fn a_hundred_thousand_one_word_lines() {
    // 10% of the million-line case, which is measured with the example.
    let mut text = String::new();
    for i in 0..50_000 {
        text.push_str(["river\n", "town\n", "bridge\n"][i % 3]);
    }
    for i in 0..50_000 {
        text.push_str(["نهر\n", "مدينة\n", "جسر\n"][i % 3]);
    }
    let doc = align_document(&text).unwrap();
    assert_eq!(doc.runs.len(), 2);
    assert_eq!(doc.sentences.len(), 100_000);
    check_spans(&text, &doc);
}
