//! The JSON Lines stream on hostile lines: ids copied as written, a byte order
//! mark, errors placed by the stream's own line and column, two records on a
//! line, lines past the record limit, and pairs shaped as the `align` example's.
#![cfg(feature = "serde")]

use bitext::stream::{JsonlAligner, OutputRecord};
use bitext::write::{JsonlWriter, UnitWriter};
use serde_json::Value;

const PAGE: &str = "The meeting ended at noon.\nانتهى الاجتماع عند الظهر.";

fn run_with(stream: &JsonlAligner, input: &[u8]) -> Vec<String> {
    let mut out = Vec::new();
    stream.run(input, &mut out).expect("runs");
    String::from_utf8(out)
        .expect("utf-8")
        .lines()
        .map(str::to_owned)
        .collect()
}

fn run(input: &str) -> Vec<String> {
    run_with(&JsonlAligner::new(), input.as_bytes())
}

fn page(id: &str) -> String {
    format!(
        "{{\"id\": {id}, \"text\": {}}}",
        serde_json::to_string(PAGE).unwrap()
    )
}

/// The JSON text of the `id` of an output line, as written.
fn raw_id(line: &str) -> &str {
    let rest = line.strip_prefix("{\"id\":").expect("the id comes first");
    let end = rest.find(",\"").expect("more fields");
    &rest[..end]
}

#[test]
fn ids_are_copied_byte_for_byte() {
    let ids = [
        "123456789012345678901234567890",
        "-0",
        "1e400",
        "1.50",
        "\"caf\\u00e9\"",
        "{\"a\": [1, 2.0]}",
    ];
    let input: String = ids.iter().map(|id| page(id) + "\n").collect();
    let out = run(&input);
    assert_eq!(out.len(), ids.len());
    for (id, line) in ids.iter().zip(&out) {
        assert_eq!(raw_id(line), *id, "{line}");
        assert!(line.contains("\"pairs\":[{"), "{line}");
    }
}

#[test]
fn a_url_stands_for_a_missing_id() {
    let text = serde_json::to_string(PAGE).unwrap();
    let input = format!(
        "{{\"url\": \"https://example.com/a\", \"text\": {text}}}\n\
         {{\"url\": \"https://example.com/b\", \"id\": 9, \"text\": {text}}}\n"
    );
    let out = run(&input);
    assert_eq!(raw_id(&out[0]), "\"https://example.com/a\"");
    assert_eq!(raw_id(&out[1]), "9");
}

#[test]
fn a_leading_byte_order_mark_is_skipped() {
    let input = format!("\u{FEFF}{}\n{}\n", page("1"), page("2"));
    let out = run(&input);
    assert_eq!(out.len(), 2);
    assert!(out.iter().all(|l| l.contains("\"pairs\":[{")), "{out:?}");
}

#[test]
fn errors_name_the_streams_line_and_the_column_in_it() {
    let input = format!("{}\n\n{{\"id\": 5, \"text\" \"x\"}}\n", page("1"));
    let out = run(&input);
    let v: Value = serde_json::from_str(&out[1]).unwrap();
    assert_eq!(
        (v["line"].as_u64(), v["column"].as_u64()),
        (Some(3), Some(18))
    );
    let message = v["error"].as_str().unwrap();
    assert!(message.starts_with("line 3, column 18: "), "{message}");
    assert!(!message.contains("line 1"), "{message}");
    assert_eq!(raw_id(&out[1]), "5");
    // Columns count the bytes of the line as it appeared, a cut mark included.
    let out = run("\u{FEFF}{\"id\": 5 \"text\": \"x\"}\n");
    let v: Value = serde_json::from_str(&out[0]).unwrap();
    assert_eq!(v["column"].as_u64(), Some(13), "{}", out[0]);
}

#[test]
fn two_records_on_one_line_are_an_error_naming_the_first() {
    let input = format!(
        "{} {}\n{}\n",
        page("\"first\""),
        page("\"second\""),
        page("3")
    );
    let out = run(&input);
    assert_eq!(out.len(), 2);
    let v: Value = serde_json::from_str(&out[0]).unwrap();
    assert_eq!(v["id"], "first");
    assert_eq!(v["line"].as_u64(), Some(1));
    let second = page("\"first\"").len() as u64 + 2;
    assert_eq!(v["column"].as_u64(), Some(second));
    assert!(
        v["error"].as_str().unwrap().contains("more than one"),
        "{v}"
    );
    assert!(out[1].contains("\"pairs\":[{"));
}

#[test]
fn lines_past_the_record_limit_get_an_error_record() {
    let long = format!(
        "{{\"id\": 2, \"text\": \"{}\"}}",
        "The river rose. ".repeat(1000)
    );
    let input = format!("{}\n{long}\n{}\n", page("1"), page("3"));
    let stream = JsonlAligner::builder()
        .max_record_bytes(1000)
        .build()
        .unwrap();
    let out = run_with(&stream, input.as_bytes());
    assert_eq!(out.len(), 3);
    let v: Value = serde_json::from_str(&out[1]).unwrap();
    assert_eq!(v["line"].as_u64(), Some(2));
    let message = v["error"].as_str().unwrap();
    assert!(
        message.contains(&format!("{} bytes", long.len())),
        "{message}"
    );
    assert!(message.contains("max_record_bytes"), "{message}");
    assert!(out[0].contains("\"pairs\":[{") && out[2].contains("\"pairs\":[{"));
    // At the limit the line is a record.
    let stream = JsonlAligner::builder()
        .max_record_bytes(long.len())
        .build()
        .unwrap();
    let out = run_with(&stream, input.as_bytes());
    assert!(!out[1].contains("\"error\""), "{}", out[1]);
}

#[test]
fn page_pairs_are_shaped_as_the_align_examples() {
    for (id, name) in [("\"page.txt\"", "page.txt"), ("17", "17")] {
        let out = run(&(page(id) + "\n"));
        let record: OutputRecord<'_> = serde_json::from_str(&out[0]).unwrap();
        let OutputRecord::Page { pairs, .. } = record else {
            panic!("a page record: {}", out[0]);
        };
        let doc = bitext::align_document(PAGE).unwrap();
        let mut jsonl = JsonlWriter::new(Vec::new());
        jsonl.write_pairs(name, &doc.pairs).unwrap();
        let written = String::from_utf8(jsonl.finish().unwrap()).unwrap();
        let streamed: String = pairs
            .iter()
            .map(|p| serde_json::to_string(p).unwrap() + "\n")
            .collect();
        assert_eq!(streamed, written);
        assert!(!pairs.is_empty());
    }
}

#[test]
fn output_records_read_back_with_their_ids() {
    let input = format!("{}\nnot json\n", page("-0"));
    for line in run(&input) {
        let record: OutputRecord<'_> = serde_json::from_str(&line).expect("an output record");
        assert_eq!(serde_json::to_string(&record).unwrap(), line);
    }
}
