//! Runs the `align` example binary that `cargo test` builds next to the test
//! executables (`target/<profile>/examples/align`). A missing binary fails
//! the tests instead of skipping them.

use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

fn binary() -> PathBuf {
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

fn run(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut cmd = Command::new(binary());
    cmd.args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("spawn align");
    {
        use std::io::Write;
        let mut pipe = child.stdin.take().expect("stdin");
        if let Some(bytes) = stdin {
            pipe.write_all(bytes).expect("write stdin");
        }
    }
    child.wait_with_output().expect("wait for align")
}

fn temp_file(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("bitext-align-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write temp file");
    path
}

const DOC: &str = "Menu\nThe river flooded the old town on Monday.\n\
                   Hundreds of families left their homes before the water arrived.\n\
                   فاض النهر على البلدة القديمة يوم الاثنين.\n\
                   وغادرت مئات العائلات منازلها قبل وصول المياه.\nاقرأ أيضا\n";

#[test]
fn sample_without_arguments_prints_seven_pairs() {
    let out = run(&[], None);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).expect("utf-8 output");
    assert!(
        text.starts_with("== sample: 4 runs, 19 sentences, 7 pairs\n"),
        "{text}"
    );
    assert!(!text.contains("Share this"));
    assert!(!text.contains("اقرأ أيضا"));
}

#[test]
fn jsonl_from_stdin_has_spans_into_the_input() {
    let out = run(&["--format", "jsonl", "-"], Some(DOC.as_bytes()));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).expect("utf-8 output");
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).expect("json line"))
        .collect();
    assert_eq!(lines.len(), 2);
    for v in &lines {
        assert_eq!(v["doc"], "-");
        assert_eq!(v["kind"], "1-1");
        for (key, span) in [("en", "en_span"), ("ar", "ar_span")] {
            let s = v[span][0].as_u64().expect("start") as usize;
            let e = v[span][1].as_u64().expect("end") as usize;
            assert_eq!(v[key], DOC[s..e]);
        }
    }
    assert_eq!(lines[0]["en"], "The river flooded the old town on Monday.");
    assert_eq!(
        lines[1]["ar"],
        "وغادرت مئات العائلات منازلها قبل وصول المياه."
    );
}

#[test]
fn runs_format_lists_every_run() {
    let out = run(&["--format", "runs", "-"], Some(DOC.as_bytes()));
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).expect("utf-8 output");
    let langs: Vec<String> = text
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("json line");
            v["lang"].as_str().expect("lang").to_string()
        })
        .collect();
    assert_eq!(langs, ["en", "ar"]);
}

#[test]
fn invalid_utf8_fails_without_partial_output() {
    let good = temp_file("good.txt", DOC.as_bytes());
    let bad = temp_file("bad.txt", b"Hello\n\xFF\xFEworld");
    let out = run(
        &[
            "--format",
            "jsonl",
            good.to_str().expect("path"),
            bad.to_str().expect("path"),
        ],
        None,
    );
    assert!(!out.status.success());
    assert!(out.stdout.is_empty(), "partial output was printed");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("byte offset 6"), "{err}");
    assert!(err.contains("bad.txt"), "{err}");
}

#[test]
fn bad_arguments_fail_with_a_message() {
    for (args, needle) in [
        (vec!["--format", "xml"], "unknown format"),
        (vec!["--frobnicate"], "unknown option"),
        (vec!["/nonexistent/file.txt"], "cannot read"),
        (vec!["--format", "moses"], "--out"),
        (vec!["--en", "x"], "--en and --ar"),
        // Flags that would do nothing are refused, not ignored.
        (
            vec!["--format", "jsonl", "--out", "x"],
            "--out is only used",
        ),
        (vec!["--format", "tsv", "--bidi"], "--bidi is only used"),
        (
            vec!["--en", "x", "--ar", "y", "--bidi"],
            "for document input",
        ),
        (
            vec!["--en", "x", "--ar", "y", "--out", "z"],
            "for document input",
        ),
        (vec!["--input", "xml"], "unknown input"),
        (vec!["--input", "jsonl", "page.txt"], "takes no files"),
        (
            vec!["--input", "jsonl", "--format", "tsv"],
            "not used by --input",
        ),
        (vec!["--threads", "0"], "not a positive number"),
        // Checked before any file is read: this file does not exist.
        (
            vec!["/nonexistent/file.txt", "--format", "tsv", "--bidi"],
            "--bidi is only used",
        ),
    ] {
        let out = run(&args, None);
        assert!(!out.status.success(), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(needle), "{args:?}: {err}");
    }
}

#[test]
fn help_prints_usage() {
    let out = run(&["--help"], None);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("usage: align"));
}

#[test]
fn moses_writes_two_files_of_equal_length() {
    let input = temp_file("moses.txt", DOC.as_bytes());
    let prefix = input.with_extension("");
    let out = run(
        &[
            "--format",
            "moses",
            "--out",
            prefix.to_str().expect("path"),
            input.to_str().expect("path"),
        ],
        None,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let en = std::fs::read_to_string(prefix.with_extension("en")).expect("PREFIX.en");
    let ar = std::fs::read_to_string(prefix.with_extension("ar")).expect("PREFIX.ar");
    assert_eq!(en.lines().count(), 2);
    assert_eq!(ar.lines().count(), 2);
    assert_eq!(
        en.lines().next(),
        Some("The river flooded the old town on Monday.")
    );
}

#[test]
fn tmx_is_escaped_and_has_the_header() {
    let doc = "Tom & Jerry <live> here.\nتوم وجيري يعيشان هنا.\n";
    let out = run(&["--format", "tmx", "-"], Some(doc.as_bytes()));
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).expect("utf-8 output");
    assert!(text.contains("<tmx version=\"1.4\">"));
    assert!(text.contains("srclang=\"en\""));
    assert!(
        text.contains("<tuv xml:lang=\"en\"><seg>Tom &amp; Jerry &lt;live&gt; here.</seg></tuv>")
    );
    assert!(text.contains("<tuv xml:lang=\"ar\"><seg>توم وجيري يعيشان هنا.</seg></tuv>"));
    assert_eq!(text.matches("<tu>").count(), 1);
    assert!(text.trim_end().ends_with("</tmx>"));
}

#[test]
fn presplit_beads_and_ladder() {
    let en = temp_file(
        "p.en",
        b"The sun rose over the hills.\nBirds sang.\nIt was a new day.\n",
    );
    let ar = temp_file(
        "p.ar",
        "أشرقت الشمس فوق التلال.\nغنت الطيور.\nكان يوماً جديداً.\n".as_bytes(),
    );
    let (en, ar) = (en.to_str().expect("path"), ar.to_str().expect("path"));
    let out = run(&["--en", en, "--ar", ar], None);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).expect("utf-8 output");
    let shapes: Vec<&str> = text
        .lines()
        .map(|l| l.rsplit_once(':').expect("score").0)
        .collect();
    assert_eq!(shapes, ["[0]:[0]", "[1]:[1]", "[2]:[2]"]);
    let out = run(&["--en", en, "--ar", ar, "--format", "ladder"], None);
    let text = String::from_utf8(out.stdout).expect("utf-8 output");
    let rungs: Vec<String> = text
        .lines()
        .map(|l| l.split('\t').take(2).collect::<Vec<_>>().join(" "))
        .collect();
    assert_eq!(rungs, ["0 0", "1 1", "2 2", "3 3"]);
}

/// Parses the stream mode's output lines.
fn stream(args: &[&str], input: &str) -> Vec<serde_json::Value> {
    let out = run(args, Some(input.as_bytes()));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .expect("utf-8 output")
        .lines()
        .map(|l| serde_json::from_str(l).expect("json line"))
        .collect()
}

/// A JSON Lines record of a page.
fn page_record(id: &serde_json::Value, text: &str) -> String {
    serde_json::json!({"id": id, "text": text}).to_string() + "\n"
}

#[test]
fn stream_keeps_ids_and_order_with_a_bad_line_in_the_middle() {
    let pages = [
        DOC.to_string(),
        "Only English here, nothing to pair.".to_string(),
        DOC.replace("Menu", "Home"),
    ];
    let mut input = String::new();
    input += &page_record(&serde_json::json!("first"), &pages[0]);
    input += &page_record(&serde_json::json!(2), &pages[1]);
    input += "{\"id\": \"broken\", \"text\": \n"; // cut short: not JSON
    input += "\n"; // blank lines are skipped
    input += &page_record(&serde_json::json!({"url": "x"}), &pages[2]);
    let lines = stream(&["--input", "jsonl"], &input);
    assert_eq!(lines.len(), 4);
    let ids: Vec<&serde_json::Value> = lines.iter().map(|l| &l["id"]).collect();
    assert_eq!(ids[0], "first");
    assert_eq!(ids[1], 2);
    assert!(ids[2].is_null());
    assert_eq!(ids[3]["url"], "x");
    // The bad line is reported alone, by its line number.
    assert_eq!(lines[2]["line"], 3);
    assert!(lines[2]["error"]
        .as_str()
        .unwrap()
        .starts_with("bad record"));
    for (i, text) in [(0, &pages[0]), (3, &pages[2])] {
        let pairs = lines[i]["pairs"].as_array().expect("pairs");
        assert_eq!(pairs.len(), 2, "{}", lines[i]);
        for p in pairs {
            let s = p["en_span"][0].as_u64().unwrap() as usize;
            let e = p["en_span"][1].as_u64().unwrap() as usize;
            assert_eq!(p["en"], text[s..e]);
        }
        assert_eq!(
            lines[i]["parallelism"]["paired_share"]
                .as_f64()
                .map(|x| x > 0.0),
            Some(true)
        );
        assert!(lines[i].get("error").is_none());
    }
    assert_eq!(lines[1]["pairs"].as_array().map(Vec::len), Some(0));
    assert_eq!(lines[1]["parallelism"]["paired_share"], 0.0);
    // The same pairs as the document mode gives for the same page.
    let doc = run(&["--format", "jsonl", "-"], Some(DOC.as_bytes()));
    let doc: Vec<serde_json::Value> = String::from_utf8(doc.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    for (a, b) in doc.iter().zip(lines[0]["pairs"].as_array().unwrap()) {
        for key in ["en", "ar", "en_span", "ar_span", "kind", "score"] {
            assert_eq!(a[key], b[key], "{key}");
        }
    }
}

#[test]
fn stream_presplit_records_and_record_errors() {
    let input = [
        serde_json::json!({"id": "b", "en": ["The sun rose over the hills.", "Birds sang."],
                           "ar": ["أشرقت الشمس فوق التلال.", "غنت الطيور.", "وحدها هنا تماما الآن."]}),
        serde_json::json!({"id": "empty", "en": [], "ar": []}),
        serde_json::json!({"id": "neither"}),
        serde_json::json!({"id": "both", "text": "x", "en": [], "ar": []}),
        serde_json::json!({"id": "half", "en": ["One."]}),
    ]
    .iter()
    .map(|v| v.to_string() + "\n")
    .collect::<String>()
        + &page_record(&serde_json::json!(9), DOC);
    let lines = stream(&["--input", "jsonl"], &input);
    assert_eq!(lines.len(), 6);
    let beads = lines[0]["beads"].as_array().expect("beads");
    // Beads cover both lists in order.
    let (mut e, mut a) = (0, 0);
    for b in beads {
        assert_eq!(
            (b["en"][0].as_u64(), b["ar"][0].as_u64()),
            (Some(e), Some(a))
        );
        e = b["en"][1].as_u64().unwrap();
        a = b["ar"][1].as_u64().unwrap();
    }
    assert_eq!((e, a), (2, 3));
    assert_eq!(lines[1]["beads"].as_array().map(Vec::len), Some(0));
    for (i, id) in [(2, "neither"), (3, "both"), (4, "half")] {
        assert_eq!(lines[i]["id"], id);
        assert!(lines[i]["error"].as_str().unwrap().contains("needs `text`"));
    }
    assert_eq!(lines[5]["id"], 9);
    assert!(lines[5].get("pairs").is_some());
}

#[test]
fn stream_bad_utf8_line_is_an_error_record() {
    let mut input = page_record(&serde_json::json!(1), DOC).into_bytes();
    input.extend_from_slice(b"{\"id\": 2, \"text\": \"caf\xE9\"}\n");
    input.extend_from_slice(page_record(&serde_json::json!(3), DOC).as_bytes());
    let out = run(&["--input", "jsonl"], Some(&input));
    assert!(out.status.success());
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    assert!(lines[1]["error"].as_str().unwrap().contains("utf-8"));
    assert_eq!(lines[1]["line"], 2);
    assert_eq!(lines[0]["pairs"], lines[2]["pairs"]);
}

#[cfg(feature = "parallel")]
#[test]
fn threads_do_not_change_the_output() {
    let mut input = String::new();
    for i in 0..40 {
        let page = DOC.replace("Monday", &format!("Monday {}", 1990 + i));
        input += &page_record(&serde_json::json!(i), &page);
    }
    let one = stream(&["--input", "jsonl", "--threads", "1"], &input);
    let two = stream(&["--input", "jsonl", "--threads", "2"], &input);
    assert_eq!(one.len(), 40);
    assert_eq!(one, two);
    let ids: Vec<i64> = two.iter().map(|l| l["id"].as_i64().unwrap()).collect();
    assert_eq!(ids, (0..40).collect::<Vec<_>>());
    // Files too.
    let path = temp_file("threads.txt", DOC.as_bytes());
    let path = path.to_str().unwrap();
    let a = run(&[path, path, "--format", "tsv", "--threads", "1"], None);
    let b = run(&[path, path, "--format", "tsv", "--threads", "2"], None);
    assert!(a.status.success() && !a.stdout.is_empty());
    assert_eq!(a.stdout, b.stdout);
}
