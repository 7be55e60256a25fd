//! Runs the `align` example binary that `cargo test` builds next to the test
//! executables (`target/<profile>/examples/align`). A missing binary fails
//! the tests instead of skipping them.

use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

mod common;

use common::align_binary as binary;

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
fn sample_flag_prints_seven_pairs() {
    let out = run(&["--sample"], None);
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
fn invalid_utf8_with_fail_fast_fails_without_partial_output() {
    let good = temp_file("good.txt", DOC.as_bytes());
    let bad = temp_file("bad.txt", b"Hello\n\xFF\xFEworld");
    let out = run(
        &[
            "--format",
            "jsonl",
            "--fail-fast",
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
        (vec!["--format", "xml"], "--format expects one of"),
        (vec!["--frobnicate"], "unknown option"),
        (vec!["/nonexistent/file.txt"], "/nonexistent/file.txt: "),
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
            "--bidi is only used",
        ),
        (
            vec!["--en", "x", "--ar", "y", "--out", "z"],
            "--out is only used",
        ),
        (vec!["--en", "x", "--ar", "y", "doc.txt"], "take no FILE"),
        (
            vec!["--en", "x", "--ar", "y", "--unit", "paragraph"],
            "--unit is for documents",
        ),
        (
            vec!["--en", "x", "--ar", "y", "--format", "runs"],
            "not `runs`",
        ),
        (vec!["--format", "beads"], "for documents, not `beads`"),
        (
            vec!["--unit", "word"],
            "--unit expects `sentence` or `paragraph`, not `word`",
        ),
        (vec!["--input", "xml"], "--input expects `jsonl`"),
        (
            vec!["--input", "jsonl", "page.txt"],
            "--input jsonl does not take FILE",
        ),
        (
            vec!["--input", "jsonl", "--format", "tsv"],
            "--input jsonl does not take --format",
        ),
        (
            vec!["--threads", "0"],
            "expects a whole number from 1 to 1024",
        ),
        (
            vec!["--max-bead", "0"],
            "expects a whole number of at least 1",
        ),
        (vec!["--min-score", "2"], "expects a number in [0, 1]"),
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
    assert_eq!(text.matches("<tu tuid=").count(), 1);
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
    // The cut line still names its record before it breaks.
    assert_eq!(ids[2], "broken");
    assert_eq!(ids[3]["url"], "x");
    // The bad line is reported alone, by its line number.
    assert_eq!(lines[2]["line"], 3);
    assert!(lines[2]["error"]
        .as_str()
        .unwrap()
        .starts_with("line 3, column "));
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
        assert_eq!(b["doc"], "first");
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
    // The same pairs, each naming its record.
    let docs = |line: &serde_json::Value| -> Vec<serde_json::Value> {
        let pairs = line["pairs"].as_array().unwrap();
        pairs.iter().map(|p| p["doc"].clone()).collect()
    };
    assert_eq!(
        (docs(&lines[0]), docs(&lines[2])),
        (vec!["1".into(); 2], vec!["3".into(); 2])
    );
    let mut pairs = lines[2]["pairs"].clone();
    for p in pairs.as_array_mut().unwrap() {
        p["doc"] = "1".into();
    }
    assert_eq!(lines[0]["pairs"], pairs);
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

/// Lines as Python's `str.splitlines` cuts them (without keeping empty ones).
fn unicode_lines(text: &str) -> Vec<&str> {
    const BREAKS: [char; 10] = [
        '\n', '\r', '\u{B}', '\u{C}', '\u{1C}', '\u{1D}', '\u{1E}', '\u{85}', '\u{2028}',
        '\u{2029}',
    ];
    text.split(&BREAKS[..]).filter(|l| !l.is_empty()).collect()
}

fn stdout_of(out: Output) -> String {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8 output")
}

#[test]
fn piped_stdin_without_dash_is_read() {
    let text = stdout_of(run(&["--format", "jsonl"], Some(DOC.as_bytes())));
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).expect("json line"))
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["doc"], "-");
    assert_eq!(lines[0]["en"], "The river flooded the old town on Monday.");
    // `-` reads it too.
    let text = stdout_of(run(&["--format", "jsonl", "-"], Some(DOC.as_bytes())));
    assert_eq!(text.lines().count(), 2);
}

#[test]
fn version_prints_the_crate_version() {
    for flag in ["--version", "-V"] {
        let text = stdout_of(run(&[flag], None));
        assert_eq!(text, format!("align {}\n", env!("CARGO_PKG_VERSION")));
    }
}

#[test]
fn closed_pipe_exits_quietly() {
    let path = temp_file("pipe.txt", DOC.as_bytes());
    let path = path.to_str().expect("path");
    // Far more output than a pipe buffers, so writing must meet the closed pipe.
    let mut args = vec!["--format", "jsonl"];
    args.extend(std::iter::repeat(path).take(400));
    let mut child = Command::new(binary())
        .args(&args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn align");
    {
        use std::io::BufRead;
        let mut first = String::new();
        let mut out = std::io::BufReader::new(child.stdout.take().expect("stdout"));
        out.read_line(&mut first).expect("first line");
        assert!(first.starts_with("{\"ar\""), "{first}");
    } // `| head -1`: the reader goes away.
    let out = child.wait_with_output().expect("wait for align");
    assert!(out.status.success(), "{:?}", out.status);
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[cfg(unix)]
#[test]
fn file_name_that_is_not_utf8() {
    use std::os::unix::ffi::OsStrExt;
    let dir = temp_file("x", b"").with_file_name("");
    let path = dir.join(std::ffi::OsStr::from_bytes(b"caf\xE9.txt"));
    std::fs::write(&path, DOC).expect("write file");
    let out = Command::new(binary())
        .args(["--format".as_ref(), "jsonl".as_ref(), path.as_os_str()])
        .stdin(Stdio::null())
        .output()
        .expect("run align");
    let text = stdout_of(out);
    let first: serde_json::Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
    assert!(first["doc"].as_str().unwrap().ends_with("caf\u{FFFD}.txt"));
    // A missing one is an error, not a panic.
    let missing = dir.join(std::ffi::OsStr::from_bytes(b"gone\xFF.txt"));
    let out = Command::new(binary())
        .arg(&missing)
        .stdin(Stdio::null())
        .output()
        .expect("run align");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("gone\u{FFFD}.txt: ") && err.contains("os error"),
        "{err}"
    );
}

/// A page whose sentences hold a tab and the separators U+001C and U+001D.
const HOSTILE_DOC: &str = "The river\u{1C}flooded the old town on Monday.\tIt was bad.\n\
                           Hundreds of families left their homes before the water arrived.\n\
                           فاض النهر\u{1D}على البلدة القديمة يوم الاثنين.\n\
                           وغادرت مئات العائلات منازلها قبل وصول المياه.\n";

/// Checks that tsv, moses and jsonl keep one record a line by any reader's count.
fn check_line_formats(args: &[&str], stdin: Option<&[u8]>, name: &str) {
    let jsonl = stdout_of(run(&[args, &["--format", "jsonl"]].concat(), stdin));
    let records: Vec<serde_json::Value> = jsonl
        .lines()
        .map(|l| serde_json::from_str(l).expect("json line"))
        .collect();
    assert!(records.len() >= 2, "{jsonl}");
    // The separators are inside records: the check is not vacuous.
    let all_text: String = records
        .iter()
        .map(|r| r["en"].to_string() + &r["ar"].to_string())
        .collect();
    assert!(all_text.contains("\\u"), "{all_text}");
    assert_eq!(unicode_lines(&jsonl).len(), records.len(), "{jsonl:?}");
    let tsv = stdout_of(run(&[args, &["--format", "tsv"]].concat(), stdin));
    let rows = unicode_lines(&tsv);
    assert_eq!(rows.len(), records.len(), "{tsv:?}");
    assert!(rows.iter().all(|r| r.split('\t').count() == 3), "{tsv:?}");
    let prefix = temp_file(name, b"").with_extension("");
    let prefix_str = prefix.to_str().unwrap();
    stdout_of(run(
        &[args, &["--format", "moses", "--out", prefix_str]].concat(),
        stdin,
    ));
    let en = std::fs::read_to_string(prefix.with_extension("en")).unwrap();
    let ar = std::fs::read_to_string(prefix.with_extension("ar")).unwrap();
    let both = records
        .iter()
        .filter(|r| r["kind"] != "1-0" && r["kind"] != "0-1");
    assert_eq!(unicode_lines(&en).len(), both.count(), "{en:?}");
    assert_eq!(unicode_lines(&en).len(), unicode_lines(&ar).len(), "{ar:?}");
}

#[test]
fn separators_stay_inside_their_record() {
    check_line_formats(&["-"], Some(HOSTILE_DOC.as_bytes()), "hostile-doc");
    // Pre-split lines may hold any character but LF.
    let en = temp_file(
        "hostile.en",
        "The sun\u{2028}rose.\nBirds\u{85}sang\u{2029}loudly.\nIt\u{1E}was\ta new day.\n"
            .as_bytes(),
    );
    let ar = temp_file(
        "hostile.ar",
        "أشرقت\u{2028}الشمس.\nغنت\u{85}الطيور.\nكان\u{1C}يوماً جديداً.\n".as_bytes(),
    );
    let (en, ar) = (en.to_str().unwrap(), ar.to_str().unwrap());
    check_line_formats(&["--en", en, "--ar", ar], None, "hostile-split");
}

#[test]
fn paragraph_units() {
    let doc = "It rained all day. We stayed in.\nأمطرت طوال اليوم. بقينا في البيت.\n";
    let count = |unit: &str| {
        stdout_of(run(
            &["--format", "tsv", "--unit", unit],
            Some(doc.as_bytes()),
        ))
        .lines()
        .count()
    };
    assert_eq!((count("sentence"), count("paragraph")), (2, 1));
    let tmx = stdout_of(run(
        &["--format", "tmx", "--unit", "paragraph"],
        Some(doc.as_bytes()),
    ));
    assert!(tmx.contains("segtype=\"paragraph\""), "{tmx}");
    assert!(
        tmx.contains("<seg>It rained all day. We stayed in.</seg>"),
        "{tmx}"
    );
}

/// Two pre-split files: four English sentences, three Arabic (the first two
/// English ones translated as one).
fn split_files() -> (String, String) {
    let en = temp_file(
        "flags.en",
        b"The meeting lasted 3 hours.\nIt ended at 5 pm.\nThen 12 people left.\nThe rest stayed until 9.\n",
    );
    let ar = temp_file(
        "flags.ar",
        "استمر الاجتماع ثلاث ساعات وانتهى في الخامسة مساء.\nثم غادر 12 شخصا.\nوبقي الباقون حتى التاسعة.\n"
            .as_bytes(),
    );
    (en.to_str().unwrap().into(), ar.to_str().unwrap().into())
}

/// vecalign lines as (shape, cost).
fn beads(args: &[&str]) -> Vec<(String, f64)> {
    stdout_of(run(args, None))
        .lines()
        .map(|l| {
            let (shape, cost) = l.rsplit_once(':').expect("cost");
            (shape.to_string(), cost.parse().expect("number"))
        })
        .collect()
}

#[test]
fn no_anchors_and_max_bead_reach_the_aligner() {
    let (en, ar) = split_files();
    let base = ["--en", en.as_str(), "--ar", ar.as_str()];
    let with = beads(&base);
    let without = beads(&[&base[..], &["--no-anchors"]].concat());
    assert_eq!(with[0].0, "[0, 1]:[0]");
    // Same path; the shared numbers make the anchored beads surer (lower costs).
    assert_eq!(
        with.iter().map(|b| &b.0).collect::<Vec<_>>(),
        without.iter().map(|b| &b.0).collect::<Vec<_>>()
    );
    assert!(
        with.iter().zip(&without).all(|(a, b)| a.1 < b.1),
        "{with:?} {without:?}"
    );
    // Costs are 1 - score: in [0, 1].
    assert!(with.iter().all(|b| (0.0..=1.0).contains(&b.1)));
    let one = beads(&[&base[..], &["--max-bead", "1"]].concat());
    assert!(one.iter().all(|b| !b.0.contains(',')), "{one:?}");
    // Out of the aligner's range: its error, not a panic.
    let out = run(&[&base[..], &["--max-bead", "9"]].concat(), None);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("max_bead"));
    // Documents too.
    let doc = stdout_of(run(
        &["--format", "tsv", "--max-bead", "1", "-"],
        Some(DOC.as_bytes()),
    ));
    assert_eq!(doc.lines().count(), 2);
}

#[test]
fn presplit_jsonl_text_and_tmx() {
    let (en, ar) = split_files();
    let base = ["--en", en.as_str(), "--ar", ar.as_str()];
    let jsonl = stdout_of(run(&[&base[..], &["--format", "jsonl"]].concat(), None));
    let records: Vec<serde_json::Value> = jsonl
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(records.len(), 3);
    assert_eq!(
        records[0]["en"],
        "The meeting lasted 3 hours. It ended at 5 pm."
    );
    assert_eq!(records[0]["en_sentences"], serde_json::json!([0, 2]));
    assert_eq!(records[2]["ar_sentences"], serde_json::json!([2, 3]));
    assert_eq!(records[1]["kind"], "1-1");
    let text = stdout_of(run(&[&base[..], &["--format", "text"]].concat(), None));
    assert!(text.starts_with(&format!("== {en} + {ar}\n")), "{text}");
    assert_eq!(text.matches("  EN ").count(), 3, "{text}");
    let tmx = stdout_of(run(&[&base[..], &["--format", "tmx"]].concat(), None));
    assert_eq!(tmx.matches("<tu tuid=").count(), 3);
    assert!(
        tmx.contains(&format!("<prop type=\"x-source\">{en}</prop>")),
        "{tmx}"
    );
}

#[test]
fn tmx_names_date_tool_and_source() {
    let out = stdout_of(run(&["--format", "tmx"], Some(DOC.as_bytes())));
    let header = out.lines().find(|l| l.contains("<header")).expect("header");
    assert!(header.contains("creationtool=\"bitext\""), "{header}");
    let version = format!("creationtoolversion=\"{}\"", env!("CARGO_PKG_VERSION"));
    assert!(header.contains(&version), "{header}");
    let date = header.split("creationdate=\"").nth(1).expect("date");
    let date = &date[..date.find('"').unwrap()];
    // YYYYMMDDThhmmssZ, this century.
    assert_eq!(date.len(), 16, "{date}");
    assert!(
        date.starts_with("20") && date.ends_with('Z') && &date[8..9] == "T",
        "{date}"
    );
    assert!(date[..8]
        .bytes()
        .chain(date[9..15].bytes())
        .all(|b| b.is_ascii_digit()));
    assert_eq!(
        out.matches("<prop type=\"x-source\">-</prop>").count(),
        2,
        "{out}"
    );
}

#[test]
fn lexicon_flags_reach_the_aligner() {
    // English 4 has no translation; English 5 is translated by Arabic 4, and the
    // dictionary says so where the lengths cannot.
    let en = "The king built a great palace.\nThe children played in the garden.\n\
              My brother reads the book at night.\nThe farmer planted wheat near the river.\n\
              The old cat slept all afternoon on a warm blanket beside the kitchen fire.\n\
              The merchant ship sailed over the wide sea with the king and his soldiers.\n\
              The doctor visited the sick woman.\nRain fell on the city.\n";
    let ar = "بنى الملك قصرا عظيما.\nلعب الأطفال في الحديقة.\nيقرأ أخي الكتاب في الليل.\n\
              زرع الفلاح القمح قرب النهر.\nأبحرت سفينة التاجر فوق البحر الواسع مع الملك وجنوده.\n\
              زار الطبيب المرأة المريضة.\nسقط المطر على المدينة.\n";
    let words = "king\tملك\npalace\tقصر\nchildren\tأطفال\ngarden\tحديقة\nbrother\tأخ\n\
                 book\tكتاب\nfarmer\tفلاح\nwheat\tقمح\nriver\tنهر\nmerchant\tتاجر\n\
                 ship\tسفينة\nsea\tبحر\nsail\tأبحر\nwide\tواسع\nsoldier\tجنود\n\
                 doctor\tطبيب\nwoman\tمرأة\nrain\tمطر\ncity\tمدينة\ncat\tقطة\n";
    let (en, ar) = (
        temp_file("lex.en", en.as_bytes()),
        temp_file("lex.ar", ar.as_bytes()),
    );
    let words = temp_file("lex.tsv", words.as_bytes());
    let (en, ar, words) = (
        en.to_str().unwrap(),
        ar.to_str().unwrap(),
        words.to_str().unwrap(),
    );
    let base = ["--en", en, "--ar", ar, "--dictionary", words];
    let shapes: Vec<String> = beads(&base).into_iter().map(|b| b.0).collect();
    assert!(shapes.contains(&"[4]:[]".to_string()), "{shapes:?}");
    assert!(shapes.contains(&"[5]:[4]".to_string()), "{shapes:?}");
    // Eight sentences teach nothing: the alignment is written, the lexicon is not.
    let out = run(
        &[&base[..], &["--train-lexicon", "never.lex"]].concat(),
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("fewer than 50"));
    assert!(!out.stdout.is_empty() && !std::path::Path::new("never.lex").exists());
    // A stream is read once: no second pass over it.
    let out = run(&["--input", "jsonl", "--train-lexicon", "x.lex"], Some(b""));
    assert_eq!(out.status.code(), Some(2));
    let out = run(&["--en", en, "--ar", ar, "--lexicon", "missing.lex"], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("missing.lex"));
}
