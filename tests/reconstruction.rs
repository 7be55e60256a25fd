//! No silent loss: outside the runs of a document there is nothing but what the run
//! contract allows (whitespace, or no letters at all), and every visible character
//! of a run lands in one of its sentences.
//!
//! Contracts checked (see the `bitext::runs` and `bitext::sentences` module docs):
//!
//! - runs are ordered, disjoint, non-empty, and start and end on non-whitespace;
//! - a document with at least one run has only whitespace outside its runs; a
//!   document without runs has no letters;
//! - sentences of a run are ordered, disjoint and inside it, and the text between
//!   them is whitespace and invisible characters only
//!   ([`bitext::chars::is_invisible`]), so every other character of the run is
//!   in exactly one sentence. [`bitext::DocumentAlignment::sentences`] holds the
//!   sentences of the English and Arabic runs only; runs in other languages are
//!   checked with [`bitext::split_sentences`] directly.

mod common;

use bitext::chars::is_invisible;
use bitext::{align_document, split_sentences, Lang, Span};
use common::check_spans;
use proptest::prelude::*;

/// Checks the whole contract on one input; returns the number of runs.
fn check_reconstruction(text: &str) -> usize {
    let doc = align_document(text).expect("default settings never fail");
    check_spans(text, &doc);

    // Runs are ordered and trimmed, and with at least one run, the gaps between them
    // hold only whitespace. (Without runs there may be digits and punctuation, but no
    // letters: `check_spans` checks that every letter is inside a run.)
    let mut last = 0;
    let mut gaps: Vec<&str> = Vec::new();
    for run in &doc.runs {
        let (s, e) = (run.span.start, run.span.end);
        assert!(
            last <= s && s < e && e <= text.len(),
            "bad run span {s}..{e}"
        );
        let slice = &text[s..e];
        assert_eq!(slice.trim(), slice, "run {s}..{e} is not trimmed");
        gaps.push(&text[last..s]);
        last = e;
    }
    gaps.push(&text[last..]);
    if !doc.runs.is_empty() {
        for gap in &gaps {
            assert!(
                gap.chars().all(char::is_whitespace),
                "gap {gap:?} between runs holds more than whitespace"
            );
        }
    }

    // Sentences of each run: ordered, inside it, and only blank text between them.
    for (ri, run) in doc.runs.iter().enumerate() {
        let spans: Vec<Span> = match run.lang {
            Lang::English | Lang::Arabic => doc
                .sentences
                .iter()
                .filter(|s| s.run == ri)
                .map(|s| s.span)
                .collect(),
            lang => split_sentences(&text[run.span.range()], lang)
                .map(|(span, _)| span.offset(run.span.start))
                .collect(),
        };
        let mut last = run.span.start;
        for span in spans {
            assert!(
                last <= span.start && span.start < span.end && span.end <= run.span.end,
                "sentence {span} out of order or outside run {}",
                run.span
            );
            let gap = &text[last..span.start];
            assert!(
                gap.chars().all(|c| c.is_whitespace() || is_invisible(c)),
                "visible text {gap:?} of run {} is in no sentence",
                run.span
            );
            last = span.end;
        }
        let tail = &text[last..run.span.end];
        assert!(
            tail.chars().all(|c| c.is_whitespace() || is_invisible(c)),
            "visible text {tail:?} at the end of run {} is in no sentence",
            run.span
        );
    }
    // The document's sentences are in document order and disjoint.
    for w in doc.sentences.windows(2) {
        assert!(w[0].span.end <= w[1].span.start, "sentences overlap");
    }
    doc.runs.len()
}

/// The kinds of input of `tests/hostile.rs`, at sizes a debug build checks quickly.
fn hostile_inputs() -> Vec<(&'static str, String)> {
    let bilingual = "The ferry left the harbour at dawn.\n\
        Passengers waved from the upper deck.\n\
        غادرت العبّارة الميناء عند الفجر.\n\
        ولوّح الركاب من السطح العلوي.\n";
    let mut lines = String::new();
    for i in 0..3_000 {
        lines.push_str(["harbour\n", "ferry\n", "deck\n"][i % 3]);
    }
    for i in 0..3_000 {
        lines.push_str(["ميناء\n", "عبارة\n", "سطح\n"][i % 3]);
    }
    vec![
        ("empty", String::new()),
        (
            "whitespace",
            " \n\t\r\n\u{A0}\u{2003}\u{3000}\n".to_string(),
        ),
        (
            "invisible",
            "\u{200F}\u{200E}\u{202A}\u{202C}\u{2066}\u{2069}\u{200B}\u{200D}\u{FEFF}\n".repeat(20),
        ),
        (
            "combining marks",
            "\u{064E}\u{0650}\u{0301}\u{0308} ".repeat(200),
        ),
        ("nul", bilingual.replace("dawn", "da\0wn")),
        ("crlf", bilingual.replace('\n', "\r\n")),
        ("lone cr", bilingual.replace('\n', "\r")),
        ("bom", format!("\u{FEFF}{bilingual}")),
        (
            "one language",
            "غادرت العبّارة الميناء.\nولوّح الركاب.\n".to_string(),
        ),
        ("long line", "harbour ferry deck passengers ".repeat(4_000)),
        ("one-word lines", lines),
        (
            "invalid utf-8, lossy",
            String::from_utf8_lossy(b"The ferry\xFF left.\n\xC3\x28 \xE2\x82 \xD8\xB9\xD8")
                .into_owned(),
        ),
        (
            "digits and punctuation only",
            "12 — 2024, ... ! ١٢ «»\n؟ ، ؛".to_string(),
        ),
    ]
}

#[test]
fn hostile_inputs_lose_nothing() {
    for (name, text) in hostile_inputs() {
        let runs = std::panic::catch_unwind(|| check_reconstruction(&text))
            .unwrap_or_else(|_| panic!("input {name:?} failed"));
        if name == "empty" || name == "whitespace" || name == "digits and punctuation only" {
            assert_eq!(runs, 0, "{name}");
        }
    }
}

/// Mixed English/Arabic pages written for this test: blocks, interleaved
/// paragraphs, embedded Latin words, menus, numbers, quotes and odd spacing.
const MIXED: &[&str] = &[
    "Home | News | العربية\n\
     The council approved the new budget on Tuesday. Spending on schools rises by 4%.\n\
     وافق المجلس على الميزانية الجديدة يوم الثلاثاء. ويرتفع الإنفاق على المدارس بنسبة 4%.\n\
     Share this article\n\
     شارك هذا المقال\n",
    "\u{200F}قال المتحدث باسم شركة Apple Inc. إن المتجر سيفتح في الرياض.\u{200F}\n\n\
     A spokesman for Apple Inc. said the store would open in Riyadh.\n\n\
     Read more: www.example.com/news?id=12\n",
    "Chapter 3\n\
     \t  The old bridge (built in 1887) was closed... Engineers found cracks!  \n\
     \u{A0}الفصل ٣\n\
     أُغلق الجسر القديم (بُني عام ١٨٨٧)... ووجد المهندسون تشققات!\n\
     — Dr. Salem, Ph.D., U.K.\n\
     «هل الجسر آمن؟» سأل أحد السكان.\n",
    "Breaking: floods in the north\r\nعاجل: فيضانات في الشمال\r\n\r\n\
     Rain fell for three days.Roads were cut.\r\n\
     هطلت الأمطار ثلاثة أيام.وقُطعت الطرق.\r\n\
     Москва | 東京 | Paris\r\n\
     Comments (0)\r\n",
    "The report, published in 2023, runs to 200 pages; it covers trade, energy and health.\
     نشر التقرير عام 2023 في 200 صفحة، ويغطي التجارة والطاقة والصحة.\
     Le rapport couvre aussi la politique étrangère de la région et ses voisins immédiats.\n\
     ایران یکی از کشورهای خاورمیانه است که تاریخ و فرهنگی بسیار کهن دارد.\n",
];

#[test]
fn mixed_documents_lose_nothing() {
    for (k, text) in MIXED.iter().enumerate() {
        let runs = std::panic::catch_unwind(|| check_reconstruction(text))
            .unwrap_or_else(|_| panic!("mixed document {k} failed"));
        assert!(runs >= 2, "mixed document {k} has {runs} runs");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Mixed-script text with the characters that steer runs and sentences: line
    /// breaks of every kind, field separators, stops, closers, digits, invisible
    /// and combining characters, other scripts.
    #[test]
    fn mixed_script_strings_lose_nothing(
        text in "(?s)[a-zA-Zé .,!?…\"')»«(\\n\\r\\t|@0-9\u{0627}-\u{064A}\u{064B}\u{0640}\u{0660}-\u{0669}\u{06CC}\u{06A9}\u{200F}\u{200B}\u{FEFF}\u{A0}\u{2028}\u{2029}\u{0085}\u{0301}،؛؟ЖД中]{0,400}"
    ) {
        check_reconstruction(&text);
    }

    /// Words of either script joined by spaces, stops and line breaks: text shaped
    /// like a page, so runs and sentences are long enough to pair.
    #[test]
    fn word_salad_loses_nothing(
        words in prop::collection::vec(
            (
                prop::sample::select(vec![
                    "river", "The", "town", "Mr.", "U.S.", "3.5", "e.g.", "No.", "wait...",
                    "نهر", "المدينة", "قال", "د.", "١٢", "هـ.", "Google", "«نعم»", "—",
                ]),
                prop::sample::select(vec![" ", " ", " ", ". ", "? ", "\n", "\r\n", "\n\n", "، ", "|", "\u{200F}"]),
            ),
            0..80,
        )
    ) {
        let text: String = words.iter().flat_map(|(w, sep)| [*w, *sep]).collect();
        check_reconstruction(&text);
    }

    /// Any Unicode at all.
    #[test]
    fn arbitrary_strings_lose_nothing(text in any::<String>()) {
        check_reconstruction(&text);
    }
}
