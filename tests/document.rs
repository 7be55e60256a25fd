//! Integration tests of the document API on small hand-written pages.

mod common;

use bitext::{
    align_document, align_document_bytes, BeadKind, DocumentAligner, DocumentAlignment, Error, Lang,
};
use common::{check_spans, texts};

const EN: [&str; 4] = [
    "The river flooded the old town on Monday.",
    "Hundreds of families left their homes before the water arrived.",
    "Rescue teams worked through the night to reach the villages.",
    "The government promised to rebuild the damaged roads within a year.",
];

const AR: [&str; 4] = [
    "فاض النهر على البلدة القديمة يوم الاثنين.",
    "وغادرت مئات العائلات منازلها قبل وصول المياه.",
    "وعملت فرق الإنقاذ طوال الليل للوصول إلى القرى.",
    "ووعدت الحكومة بإعادة بناء الطرق المتضررة خلال عام.",
];

fn expected_all() -> Vec<(&'static str, &'static str)> {
    EN.iter().copied().zip(AR.iter().copied()).collect()
}

#[test]
fn english_block_then_arabic_block() {
    let text = format!("{}\n\n{}\n", EN.join("\n"), AR.join("\n"));
    let doc = align_document(&text).unwrap();
    check_spans(&text, &doc);
    assert_eq!(texts(&doc), expected_all());
    assert!(doc.pairs.iter().all(|p| p.kind == BeadKind::new(1, 1)));
    assert_eq!(doc.runs.len(), 2);
    assert_eq!(doc.pairings.len(), 1);
    assert_eq!(doc.pairings[0].en_runs, [0]);
    assert_eq!(doc.pairings[0].ar_runs, [1]);
}

#[test]
fn arabic_block_then_english_block() {
    let text = format!("{}\n{}", AR.join("\n"), EN.join("\n"));
    let doc = align_document(&text).unwrap();
    check_spans(&text, &doc);
    assert_eq!(texts(&doc), expected_all());
}

#[test]
fn interleaved_paragraphs() {
    // Two sentences a paragraph, each paragraph followed by its translation.
    let text = format!(
        "{} {}\n{} {}\n{} {}\n{} {}\n",
        EN[0], EN[1], AR[0], AR[1], EN[2], EN[3], AR[2], AR[3]
    );
    let doc = align_document(&text).unwrap();
    check_spans(&text, &doc);
    assert_eq!(texts(&doc), expected_all());
    // One pairing per paragraph: English run 0 with Arabic run 1, 2 with 3.
    let runs: Vec<(Vec<usize>, Vec<usize>)> = doc
        .pairings
        .iter()
        .map(|p| (p.en_runs.clone(), p.ar_runs.clone()))
        .collect();
    assert_eq!(runs, [(vec![0], vec![1]), (vec![2], vec![3])]);
}

#[test]
fn boilerplate_lines_stay_unpaired() {
    let text = format!(
        "Home | News | Sport\nEnglish | العربية\n{}\nShare this:\nComments\n{}\nاقرأ أيضا\n",
        EN.join("\n"),
        AR.join("\n")
    );
    let doc = align_document(&text).unwrap();
    check_spans(&text, &doc);
    assert_eq!(texts(&doc), expected_all());
}

#[test]
fn missing_translation_of_one_paragraph() {
    // The third English paragraph has no Arabic counterpart.
    let extra = "Schools in the region will stay closed until the end of the month, \
                 the education ministry said in a statement on Tuesday evening.";
    let text = format!(
        "{}\n{}\n{}\n{}\n{extra}\n{}\n{}\n{}\n{}\n",
        EN[0], AR[0], EN[1], AR[1], EN[2], AR[2], EN[3], AR[3]
    );
    let doc = align_document(&text).unwrap();
    check_spans(&text, &doc);
    assert_eq!(texts(&doc), expected_all());
}

#[test]
fn one_language_gives_runs_and_no_pairs() {
    for (text, lang) in [
        (EN.join("\n"), Lang::English),
        (AR.join("\n"), Lang::Arabic),
    ] {
        let doc = align_document(&text).unwrap();
        assert_eq!(doc.runs.len(), 1);
        assert_eq!(doc.runs[0].lang, lang);
        assert_eq!(doc.sentences.len(), 4);
        assert!(doc.pairs.is_empty());
        assert!(doc.pairings.is_empty());
    }
}

#[test]
fn empty_and_whitespace_documents() {
    for text in ["", " \n\t\r\n  ", "\u{A0}\n"] {
        let doc = align_document(text).unwrap();
        let mut empty = DocumentAlignment::default();
        empty.no_pairs = Some(bitext::NoPairs::Empty);
        assert_eq!(doc, empty, "{text:?}");
    }
}

#[test]
fn stray_english_line_in_arabic_page_is_not_paired() {
    // An Arabic article with one English line of about the length of an
    // Arabic line: lengths agree by chance, which is no evidence.
    let text = format!(
        "{}\nالمصدر: وكالات\nView the original report on example.com today\n{}\nتعليقات (0)\n",
        AR.join("\n"),
        AR.iter().rev().copied().collect::<Vec<_>>().join("\n")
    );
    let doc = align_document(&text).unwrap();
    assert_eq!(
        doc.runs.iter().filter(|r| r.lang == Lang::English).count(),
        1
    );
    assert!(doc.pairs.is_empty(), "{:?}", texts(&doc));
}

#[test]
fn sentence_indices_point_into_per_language_lists() {
    let text = format!("{}\n{}", EN.join(" "), AR.join(" "));
    let doc = align_document(&text).unwrap();
    assert_eq!(texts(&doc), expected_all());
    let en = doc.sentences_in(Lang::English);
    let ar = doc.sentences_in(Lang::Arabic);
    for (i, p) in doc.pairs.iter().enumerate() {
        assert_eq!(
            (p.en_sentences.clone(), p.ar_sentences.clone()),
            (i..i + 1, i..i + 1)
        );
        assert_eq!(en[i].text, p.en);
        assert_eq!(ar[i].text, p.ar);
    }
}

#[test]
fn paragraph_pairs_when_sentence_pairs_are_off() {
    let text = format!("{}\n{}", EN.join(" "), AR.join(" "));
    let doc = DocumentAligner::builder()
        .sentence_pairs(false)
        .build()
        .unwrap()
        .align(&text)
        .unwrap();
    assert_eq!(doc.pairs.len(), 1);
    assert_eq!(doc.pairs[0].en, EN.join(" "));
    assert_eq!(doc.pairs[0].ar, AR.join(" "));
    assert_eq!(doc.pairs[0].kind, BeadKind::new(4, 4));
}

#[test]
fn min_score_filters_pairs() {
    let text = format!("{}\n{}", EN.join("\n"), AR.join("\n"));
    let all = align_document(&text).unwrap();
    assert_eq!(all.pairs.len(), 4);
    let cut = all.pairs.iter().map(|p| p.score).fold(f64::NAN, f64::max);
    let strict = DocumentAligner::builder()
        .min_score(cut)
        .build()
        .unwrap()
        .align(&text)
        .unwrap();
    assert!(!strict.pairs.is_empty());
    assert!(strict.pairs.iter().all(|p| p.score >= cut));
    assert!(strict.pairs.len() < 4 || all.pairs.iter().all(|p| p.score == cut));
}

#[test]
fn invalid_settings_are_errors() {
    let err = DocumentAligner::builder()
        .min_score(1.5)
        .build()
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::InvalidConfig {
                name: "min_score",
                ..
            }
        ),
        "{err}"
    );
    let err = DocumentAligner::builder()
        .aligner(bitext::Aligner::builder().max_bead(0))
        .build()
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::InvalidConfig {
                name: "max_bead",
                ..
            }
        ),
        "{err}"
    );
}

#[test]
fn bytes_entry_point() {
    assert_eq!(
        align_document_bytes(b"Hello \xC3\x28 there").unwrap_err(),
        Error::InvalidUtf8 { offset: 6 }
    );
    let text = format!("{}\n{}", EN[0], AR[0]);
    let doc = align_document_bytes(text.as_bytes()).unwrap();
    assert_eq!(texts(&doc), [(EN[0], AR[0])]);
}

#[cfg(feature = "serde")]
#[test]
fn pair_serializes_with_spans_as_arrays() {
    let text = format!("{}\n{}", EN[0], AR[0]);
    let doc = align_document(&text).unwrap();
    let v = serde_json::to_value(&doc.pairs[0]).unwrap();
    assert_eq!(v["en"], EN[0]);
    assert_eq!(v["ar"], AR[0]);
    assert_eq!(v["en_span"], serde_json::json!([0, EN[0].len()]));
    let ar_start = EN[0].len() + 1;
    assert_eq!(
        v["ar_span"],
        serde_json::json!([ar_start, ar_start + AR[0].len()])
    );
    assert_eq!(v["kind"], "1-1");
    let whole = serde_json::to_value(&doc).unwrap();
    assert_eq!(whole["runs"][1]["lang"], "ar");
    assert_eq!(whole["sentences"][1]["run"], 1);
}

/// With `sentence_pairs(false)` a pair can be a whole paragraph; its kind counts
/// every sentence (it once stopped at 255, a bead kind's old limit).
#[test]
fn paragraph_pairs_count_all_their_sentences() {
    let en: String = (0..300)
        .map(|i| format!("The river rose by {i} centimetres on that day. "))
        .collect();
    let ar: String = (0..300)
        .map(|i| format!("ارتفع النهر {i} سنتيمترات في ذلك اليوم. "))
        .collect();
    let text = format!("{en}\n\n{ar}\n");
    let doc = DocumentAligner::builder()
        .sentence_pairs(false)
        .build()
        .unwrap()
        .align(&text)
        .unwrap();
    check_spans(&text, &doc);
    for p in &doc.pairs {
        assert_eq!(
            p.kind,
            BeadKind::new(p.en_sentences.len(), p.ar_sentences.len())
        );
    }
    assert_eq!(
        doc.pairs.iter().map(|p| p.kind).collect::<Vec<_>>(),
        [BeadKind::new(300, 300)]
    );
}
