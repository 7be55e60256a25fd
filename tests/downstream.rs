//! A downstream crate's use of `bitext`, through the public API only: keeping
//! results past their text, `?` on file reads, mixed string types, printing, and
//! serde round trips.

use std::path::{Path, PathBuf};

use bitext::{
    align_document, align_sentences, Aligner, Error, Lang, OwnedDocumentAlignment, OwnedPair,
};

const PAGE: &str = "The river flooded the old town on Monday.\n\
                    Hundreds of families left their \"homes\".\n\
                    فاض النهر على البلدة القديمة يوم الاثنين.\n\
                    وغادرت مئات العائلات منازلها.\n\
                    Share this";

/// A file of this test's own, removed when dropped.
struct TempFile(PathBuf);

impl TempFile {
    fn new(name: &str, contents: &str) -> TempFile {
        let path =
            std::env::temp_dir().join(format!("bitext-downstream-{}-{name}", std::process::id()));
        std::fs::write(&path, contents).expect("temp dir is writable");
        TempFile(path)
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// What a downstream function looks like: reading a file and aligning it share
/// one error type, and the result outlives the text it came from.
fn align_file(path: &Path) -> bitext::Result<OwnedDocumentAlignment> {
    let text = std::fs::read_to_string(path)?;
    Ok(align_document(&text)?.into_owned())
}

/// Pairs of several files, collected into one list.
fn pairs_of(paths: &[&Path]) -> bitext::Result<Vec<OwnedPair>> {
    let mut out = Vec::new();
    for p in paths {
        out.extend(align_file(p)?.pairs);
    }
    Ok(out)
}

#[test]
fn owned_results_outlive_their_text_and_cross_threads() {
    let file = TempFile::new("page.txt", PAGE);
    let doc = align_file(&file.0).expect("aligns");
    let borrowed = align_document(PAGE).expect("aligns");
    assert_eq!(doc.pairs.len(), 2);
    for (o, b) in doc.pairs.iter().zip(&borrowed.pairs) {
        assert_eq!(o, b);
        assert_eq!(&PAGE[o.en_span.range()], o.en);
    }
    assert_eq!(doc.sentences_in(Lang::Arabic).len(), 2);

    let pairs = pairs_of(&[&file.0, &file.0]).expect("aligns");
    assert_eq!(pairs.len(), 4);
    // Owned results are `Send + 'static`.
    let handle = std::thread::spawn(move || pairs.into_iter().map(|p| p.ar).collect::<Vec<_>>());
    let ar = handle.join().expect("thread ran");
    assert_eq!(ar[1], "وغادرت مئات العائلات منازلها.");
}

#[test]
fn io_errors_go_through_question_mark() {
    let missing = std::env::temp_dir().join("bitext-downstream-no-such-file.txt");
    let err = align_file(&missing).unwrap_err();
    match &err {
        Error::Io(e) => assert_eq!(e.kind(), std::io::ErrorKind::NotFound),
        other => panic!("expected an i/o error, got {other:?}"),
    }
    assert!(err.to_string().starts_with("i/o error: "), "{err}");
    assert!(std::error::Error::source(&err).is_some());
    // Bytes that are not UTF-8: `read_to_string` fails with an i/o error of
    // kind `InvalidData`; read as bytes, the crate's own error says where.
    let bad = TempFile::new("bad.txt", "");
    std::fs::write(&bad.0, b"Hello \xC3\x28").expect("writable");
    assert!(
        matches!(align_file(&bad.0), Err(Error::Io(e)) if e.kind() == std::io::ErrorKind::InvalidData)
    );
    assert_eq!(
        pairs_in_bytes(&bad.0),
        Err(Error::InvalidUtf8 { offset: 6 })
    );
}

/// The same through `align_document_bytes`: both errors through one `?`.
fn pairs_in_bytes(path: &Path) -> bitext::Result<usize> {
    let bytes = std::fs::read(path)?;
    Ok(bitext::align_document_bytes(&bytes)?.pairs.len())
}

#[test]
fn sides_of_different_string_types() {
    let en: Vec<String> = vec![
        "The sun rose over the hills.".to_string(),
        "Birds sang.".to_string(),
    ];
    let ar: Vec<&str> = vec!["أشرقت الشمس فوق التلال.", "غنت الطيور."];
    let a = align_sentences(&en, &ar);
    let b = Aligner::new().align(&ar_as_strings(&ar), &en);
    assert_eq!(a.beads.len(), 2);
    // Swapping the sides' types changes nothing but the types.
    assert_eq!(b.beads.len(), 2);
    assert_eq!(Aligner::new().align(&en, &ar), align_sentences(&en, &ar));
}

fn ar_as_strings(ar: &[&str]) -> Vec<String> {
    ar.iter().map(|s| s.to_string()).collect()
}

#[test]
fn lists_that_are_not_parallel_say_so() {
    let en = [
        "The sun rose over the hills.",
        "Birds sang.",
        "It was a new day.",
    ];
    let ar = ["أشرقت الشمس فوق التلال.", "غنت الطيور.", "كان يوماً جديداً."];
    let a = align_sentences(&en, &ar);
    assert!(a.is_parallel());
    assert_eq!(a.parallelism.paired_share, 1.0);

    // The case: one English sentence against a long Arabic list.
    let one = ["The committee will meet again next week to discuss the budget."];
    let many: Vec<String> = (1..=47)
        .map(|i| format!("البند رقم {i} من جدول أعمال اللجنة."))
        .collect();
    let a = align_sentences(&one, &many);
    assert!(!a.is_parallel());
    assert!(a.parallelism.paired_share < 0.5, "{}", a.parallelism);
}

#[test]
fn results_print_on_one_line() {
    let doc = align_document(PAGE).expect("aligns");
    let p = &doc.pairs[0];
    let line = p.to_string();
    assert_eq!(
        line,
        format!(
            "{:.2} 1-1 The river flooded the old town on Monday. | فاض النهر على البلدة القديمة يوم الاثنين.",
            p.score
        )
    );
    assert_eq!(p.clone().into_owned().to_string(), line);
    let par = doc.parallelism.to_string();
    assert!(par.starts_with("paired "), "{par}");
    assert_eq!(
        doc.runs[0].span.to_string(),
        format!("0..{}", doc.runs[0].span.end)
    );
    assert_eq!(p.kind.to_string(), "1-1");
}

#[cfg(feature = "serde")]
mod serde_round_trips {
    use super::*;
    use bitext::{Alignment, Parallelism, Params, Span};
    use serde::{de::DeserializeOwned, Serialize};

    /// Serialize, deserialize, compare. Scores and parameters are `f64`s: they come
    /// back bit for bit with serde_json's `float_roundtrip` feature (on in this
    /// crate's dev-dependencies); without it its parser may be one unit in the last
    /// place off.
    fn round_trip<T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug>(value: &T) {
        let json = serde_json::to_string(value).expect("serializes");
        let back: T = serde_json::from_str(&json).expect("deserializes");
        assert_eq!(&back, value, "{json}");
    }

    #[test]
    fn document_results() {
        let doc = align_document(PAGE).expect("aligns");
        let json = serde_json::to_string(&doc).expect("serializes");
        // JSON of the borrowed form reads back as the owned one.
        let back: OwnedDocumentAlignment = serde_json::from_str(&json).expect("deserializes");
        assert_eq!(back, doc.clone().into_owned());
        round_trip(&back);
        round_trip(&back.pairs[0]);
        round_trip(&back.sentences[0]);
        round_trip(&back.pairings[0]);
        round_trip(&back.runs[0]);
        round_trip(&doc.parallelism);
        round_trip(&Parallelism::default());
        round_trip(&Span::new(3, 9));
        round_trip(&Lang::Arabic);
        // Sentence ranges are `[start, end]`, like spans.
        let v: serde_json::Value = serde_json::from_str(&json).expect("json");
        assert_eq!(v["pairs"][1]["en_sentences"], serde_json::json!([1, 2]));
    }

    #[test]
    fn stream_records_read_back() {
        use bitext::stream::{JsonlAligner, OutputRecord};
        let input = [
            serde_json::json!({"id": 1, "text": PAGE}).to_string(),
            serde_json::json!({"id": "b", "en": ["The sun rose.", "Birds sang."],
                               "ar": ["أشرقت الشمس.", "غنت الطيور."]})
            .to_string(),
            "not json".to_string(),
        ]
        .join("\n");
        let mut out = Vec::new();
        JsonlAligner::new()
            .run(input.as_bytes(), &mut out)
            .expect("runs");
        let out = String::from_utf8(out).expect("utf-8");
        let mut kinds = Vec::new();
        for line in out.lines() {
            let record: OutputRecord<'_> = serde_json::from_str(line).expect("an output record");
            kinds.push(match &record {
                OutputRecord::Page { pairs, .. } => format!("page {}", pairs.len()),
                OutputRecord::Split { beads, .. } => format!("split {}", beads.len()),
                OutputRecord::Error { line, .. } => format!("error {line}"),
                _ => "other".to_string(),
            });
            // The escaped quotes of the page come back; so does every byte.
            assert_eq!(serde_json::to_string(&record).expect("serializes"), line);
        }
        assert_eq!(kinds, ["page 2", "split 2", "error 3"]);
    }

    #[test]
    fn sentence_alignments() {
        let en = [
            "The sun rose over the hills.",
            "Birds sang.",
            "It was 1902.",
        ];
        let ar = ["أشرقت الشمس فوق التلال.", "غنت الطيور.", "كان ذلك عام 1902."];
        let a: Alignment = align_sentences(&en, &ar);
        round_trip(&a);
        round_trip(&a.beads[0]);
        round_trip(&a.params);
        round_trip(&a.stats);
        round_trip(&a.parallelism);
        for rate in &a.anchor_rates {
            round_trip(rate);
        }
        round_trip(&a.beads[0].kind);
        let v = serde_json::to_value(&a.beads[1]).expect("serializes");
        assert_eq!(v["en"], serde_json::json!([1, 2]));
        // Parameters fitted on one input can be stored and handed to another run.
        let json = serde_json::to_string(&a.params).expect("serializes");
        let params: Params = serde_json::from_str(&json).expect("deserializes");
        let again = Aligner::builder()
            .params(Some(params))
            .build()
            .unwrap()
            .align(&en, &ar);
        assert_eq!(again.beads.len(), 3);
    }
}
