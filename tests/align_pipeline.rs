//! The `align` example as an unattended pipeline runs it: empty, bad and
//! foreign input, flags that do not apply, and provenance in the output. Runs
//! the binary `cargo test` builds next to the test executables.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use encoding_rs::{UTF_16BE, UTF_16LE, WINDOWS_1256};

mod common;

use common::align_binary as binary;

/// Runs `align` with `stdin` piped in (closed at once when `None`).
fn run(args: &[&str], stdin: Option<&[u8]>) -> Output {
    use std::io::Write;
    let mut child = Command::new(binary())
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn align");
    let mut pipe = child.stdin.take().expect("stdin");
    if let Some(bytes) = stdin {
        pipe.write_all(bytes).expect("write stdin");
    }
    drop(pipe);
    child.wait_with_output().expect("wait for align")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn stdout(out: &Output) -> String {
    assert!(out.status.success(), "{}", stderr(out));
    String::from_utf8(out.stdout.clone()).expect("utf-8 output")
}

/// A directory of this test's own, holding `files`.
fn temp_dir(test: &str, files: &[(&str, &[u8])]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("bitext-pipeline-{}-{test}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    for (name, bytes) in files {
        std::fs::write(dir.join(name), bytes).expect("write temp file");
    }
    dir
}

fn path(dir: &Path, name: &str) -> String {
    dir.join(name).to_str().expect("utf-8 path").to_owned()
}

/// A page in the letters Windows-1256 has: English paragraphs, then their
/// Arabic translation, then boilerplate.
const PAGE: &str = "Home | News\n\
    The river flooded the old town on Monday.\n\
    Hundreds of families left their homes before the water arrived.\n\
    The mayor said the bridge would stay closed for a week.\n\
    فاض النهر على البلدة القديمة يوم الاثنين.\n\
    وغادرت مئات العائلات منازلها قبل وصول المياه.\n\
    وقال رئيس البلدية إن الجسر سيبقى مغلقا لمدة أسبوع.\n\
    Share this\n";

const OTHER: &str = "The museum opened in 1902.\n\
    It holds four thousand paintings.\n\
    افتتح المتحف عام 1902.\n\
    ويضم أربعة آلاف لوحة.\n";

fn jsonl(out: &Output) -> Vec<serde_json::Value> {
    stdout(out)
        .lines()
        .map(|l| serde_json::from_str(l).expect("json line"))
        .collect()
}

#[test]
fn the_sample_only_when_asked() {
    let text = stdout(&run(&["--sample", "--format", "tsv"], None));
    assert_eq!(text.lines().count(), 7, "{text}");
    assert!(
        text.starts_with("New bridge opens across the river\t"),
        "{text}"
    );
    // No file and nothing on stdin: exit 2, nothing on stdout.
    for stdin in [Some(&b""[..]), None] {
        let out = run(&["--format", "tsv"], stdin);
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        assert!(out.stdout.is_empty());
        assert!(stderr(&out).contains("no input"), "{}", stderr(&out));
    }
    let null = Command::new(binary())
        .args(["--format", "tsv"])
        .stdin(Stdio::null())
        .output()
        .expect("run align");
    assert_eq!(null.status.code(), Some(2));
    assert!(null.stdout.is_empty());
    let both = run(&["--sample", "page.txt"], None);
    assert_eq!(both.status.code(), Some(2));
    assert!(stderr(&both).contains("--sample takes no FILE"));
}

#[test]
fn a_run_survives_a_bad_file() {
    let dir = temp_dir(
        "survive",
        &[
            ("good1.txt", PAGE.as_bytes()),
            ("bad.bin", b"Hello \xFF\xFE world"),
            ("good2.txt", OTHER.as_bytes()),
        ],
    );
    std::fs::create_dir_all(dir.join("sub")).expect("sub dir");
    let [good1, sub, bad, good2] =
        ["good1.txt", "sub", "bad.bin", "good2.txt"].map(|n| path(&dir, n));
    let args = [good1.as_str(), &sub, &bad, &good2, "--format", "tsv"];
    let out = run(&args, None);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let text = String::from_utf8(out.stdout.clone()).expect("utf-8");
    let docs: Vec<&str> = text
        .lines()
        .map(|l| l.split('\t').next().unwrap())
        .collect();
    assert_eq!(docs.iter().filter(|d| **d == good1).count(), 3, "{text}");
    assert_eq!(docs.iter().filter(|d| **d == good2).count(), 2, "{text}");
    assert_eq!(docs.len(), 5);
    let err = stderr(&out);
    assert!(err.contains(&format!("{sub}: ")), "{err}");
    assert!(
        err.contains(&format!("{bad}: input is not valid utf-8")),
        "{err}"
    );
    assert!(err.contains("byte offset 6"), "{err}");
    assert!(err.contains("2 of 4 inputs failed"), "{err}");
    // --fail-fast stops at the first and writes nothing.
    let out = run(&[&args[..], &["--fail-fast"]].concat(), None);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    assert!(stderr(&out).contains(&sub) && !stderr(&out).contains(&bad));
}

/// `text` in UTF-16, big- or little-endian, with or without a byte order mark.
fn utf16(text: &str, big_endian: bool, bom: bool) -> Vec<u8> {
    let units = bom
        .then_some(0xFEFF_u16)
        .into_iter()
        .chain(text.encode_utf16());
    let bytes = |u: u16| {
        if big_endian {
            u.to_be_bytes()
        } else {
            u.to_le_bytes()
        }
    };
    units.flat_map(bytes).collect()
}

#[test]
fn encodings_give_the_pairs_of_the_utf8_page() {
    let (cp1256, _, lossy) = WINDOWS_1256.encode(PAGE);
    assert!(!lossy);
    let declared = format!("<meta charset=\"windows-1256\">\n{PAGE}");
    let (declared_bytes, _, _) = WINDOWS_1256.encode(&declared);
    let dir = temp_dir(
        "encodings",
        &[
            ("utf8.txt", PAGE.as_bytes()),
            ("cp1256.txt", &cp1256),
            ("declared.txt", &declared_bytes),
            ("declared_utf8.txt", declared.as_bytes()),
            ("le_bom.txt", &utf16(PAGE, false, true)),
            ("be_bom.txt", &utf16(PAGE, true, true)),
            ("le.txt", &utf16(PAGE, false, false)),
            ("be.txt", &utf16(PAGE, true, false)),
        ],
    );
    // Pairs without the `doc` field, which names the file.
    let pairs = |args: &[&str]| -> (Vec<serde_json::Value>, String) {
        let out = run(&[args, &["--format", "jsonl"]].concat(), None);
        let mut lines = jsonl(&out);
        for l in &mut lines {
            l.as_object_mut().expect("object").remove("doc");
        }
        (lines, stderr(&out))
    };
    let (want, note) = pairs(&[&path(&dir, "utf8.txt")]);
    assert_eq!(want.len(), 3);
    assert!(note.is_empty(), "{note}");
    let (got, note) = pairs(&[&path(&dir, "cp1256.txt"), "--encoding", "cp1256"]);
    assert_eq!(got, want);
    assert!(note.contains("read as windows-1256"), "{note}");
    for (name, encoding) in [
        ("le_bom.txt", UTF_16LE),
        ("be_bom.txt", UTF_16BE),
        ("le.txt", UTF_16LE),
        ("be.txt", UTF_16BE),
    ] {
        let (got, note) = pairs(&[&path(&dir, name)]);
        assert_eq!(got, want, "{name}");
        assert!(
            note.contains(&format!("read as {}", encoding.name())),
            "{name}: {note}"
        );
    }
    // A declaration: the same pairs as the UTF-8 text of the same page.
    let (want, _) = pairs(&[&path(&dir, "declared_utf8.txt")]);
    let (got, note) = pairs(&[&path(&dir, "declared.txt")]);
    assert_eq!(got, want);
    assert!(note.contains("read as windows-1256"), "{note}");
    // Undefined bytes of a given encoding are an error at their offset.
    let out = run(&["--encoding", "iso-8859-6", "-"], Some(b"Menu \xA1 more"));
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("-: input is not valid ISO-8859-6: invalid byte sequence at byte offset 5"),
        "{err}"
    );
}

/// One English sentence against a long Arabic list: not a translation.
fn unrelated_lists(dir: &Path) -> (String, String) {
    let many: String = (1..=40)
        .map(|i| format!("البند رقم {i} من جدول الأعمال.\n"))
        .collect();
    std::fs::write(
        dir.join("one.en"),
        "The committee will meet again next week.\n",
    )
    .unwrap();
    std::fs::write(dir.join("many.ar"), many).unwrap();
    (path(dir, "one.en"), path(dir, "many.ar"))
}

#[test]
fn presplit_mode_tells_parallel_from_not() {
    let dir = temp_dir(
        "parallel",
        &[
            (
                "good.en",
                b"The museum opened in 1902.\nIt holds four thousand paintings.\n",
            ),
            (
                "good.ar",
                "افتتح المتحف عام 1902.\nويضم أربعة آلاف لوحة.\n".as_bytes(),
            ),
        ],
    );
    let (good_en, good_ar) = (path(&dir, "good.en"), path(&dir, "good.ar"));
    let out = run(
        &["--en", &good_en, "--ar", &good_ar, "--require-parallel"],
        None,
    );
    assert_eq!(stdout(&out).lines().count(), 2);
    assert!(stderr(&out).is_empty(), "{}", stderr(&out));

    let (one, many) = unrelated_lists(&dir);
    let out = run(&["--en", &one, "--ar", &many, "--format", "tsv"], None);
    assert!(!stdout(&out).is_empty());
    assert!(
        stderr(&out).contains("do not look like translations"),
        "{}",
        stderr(&out)
    );
    let out = run(&["--en", &one, "--ar", &many, "--require-parallel"], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    assert!(stderr(&out).contains("do not look like translations"));

    let out = run(&["--en", &good_ar, "--ar", &good_en], None);
    assert!(stderr(&out).contains("look swapped"), "{}", stderr(&out));
    let out = run(
        &[
            "--en",
            &good_ar,
            "--ar",
            &good_en,
            "--require-parallel",
            "--format",
            "tsv",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
}

#[test]
fn documents_tell_parallel_from_not() {
    let dir = temp_dir(
        "doc_parallel",
        &[
            ("page.txt", PAGE.as_bytes()),
            ("english.txt", b"Only English here.\nAnd more of it.\n"),
        ],
    );
    let (page, english) = (path(&dir, "page.txt"), path(&dir, "english.txt"));
    let out = run(
        &[&page, &english, "--format", "tsv", "--require-parallel"],
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 3);
    let err = stderr(&out);
    assert!(
        err.contains(&format!(
            "{english}: does not look parallel (one language only)"
        )),
        "{err}"
    );
}

#[test]
fn min_score_drops_one_sided_rows_in_every_format() {
    let dir = temp_dir(
        "min_score",
        &[
            ("three.en", b"The museum opened in 1902.\nIt holds four thousand paintings.\nThe building was restored in 1998.\n"),
            ("two.ar", "افتتح المتحف عام 1902.\nرمم المبنى عام 1998.\n".as_bytes()),
        ],
    );
    let (en, ar) = (path(&dir, "three.en"), path(&dir, "two.ar"));
    // Beads of at most one sentence a side: one English sentence is left alone.
    let base = ["--en", en.as_str(), "--ar", &ar, "--max-bead", "1"];
    for format in ["tsv", "jsonl", "beads", "text"] {
        let rows = |extra: &[&str]| {
            let text = stdout(&run(
                &[&base[..], &["--format", format], extra].concat(),
                None,
            ));
            text.lines()
                .filter(|l| {
                    !l.starts_with("==")
                        && !l.trim_start().starts_with('#')
                        && !l.trim_start().starts_with("AR ")
                })
                .count()
        };
        assert_eq!(rows(&[]), 3, "{format}");
        assert_eq!(rows(&["--min-score", "0"]), 2, "{format}");
    }
    for format in ["tmx", "moses"] {
        let mut args = [&base[..], &["--format", format]].concat();
        let prefix = path(&dir, "corpus");
        if format == "moses" {
            args.extend(["--out", prefix.as_str()]);
        }
        let text = stdout(&run(&args, None));
        let units = match format {
            "tmx" => text.matches("<tu tuid=").count(),
            _ => std::fs::read_to_string(format!("{prefix}.en"))
                .unwrap()
                .lines()
                .count(),
        };
        assert_eq!(units, 2, "{format}");
    }
    let help = stdout(&run(&["--help"], None));
    assert!(help.contains("1-0 and 0-1 bead"), "{help}");
}

#[test]
fn provenance_in_tsv_and_tmx() {
    let dir = temp_dir(
        "provenance",
        &[("a.txt", PAGE.as_bytes()), ("b.txt", OTHER.as_bytes())],
    );
    let (a, b) = (path(&dir, "a.txt"), path(&dir, "b.txt"));
    let one = stdout(&run(&[&a, "--format", "tsv", "--header"], None));
    let lines: Vec<&str> = one.lines().collect();
    assert_eq!(lines[0], "en\tar\tscore");
    assert_eq!(lines[1].split('\t').count(), 3);
    let two = stdout(&run(&[&a, &b, "--format", "tsv", "--header"], None));
    let lines: Vec<&str> = two.lines().collect();
    assert_eq!(lines[0], "doc\ten\tar\tscore");
    assert_eq!(lines.len(), 6);
    assert!(lines[1].starts_with(&format!("{a}\t")) && lines[5].starts_with(&format!("{b}\t")));

    let tmx = stdout(&run(&[&a, "--format", "tmx", "--source-lang", "ar"], None));
    assert!(tmx.contains("srclang=\"ar\""), "{tmx}");
    for n in 1..=3 {
        assert!(tmx.contains(&format!("<tu tuid=\"{n}\">")), "{tmx}");
    }
    let jsonl = jsonl(&run(&[&a, "--format", "jsonl"], None));
    let score = jsonl[0]["score"].as_f64().expect("score");
    assert!(
        tmx.contains(&format!("<prop type=\"x-score\">{score}</prop>")),
        "{tmx}"
    );
    let ar_first =
        tmx.find("<tuv xml:lang=\"ar\">").unwrap() < tmx.find("<tuv xml:lang=\"en\">").unwrap();
    assert!(ar_first);
}

#[test]
fn wrong_flags_say_what_was_expected() {
    for (args, needle) in [
        (
            &["--min-score", "abc"][..],
            "--min-score expects a number in [0, 1], not `abc`",
        ),
        (
            &["--threads", "x"],
            "--threads expects a whole number from 1 to 1024, not `x`",
        ),
        (
            &["--source-lang", "fr"],
            "--source-lang expects `en` or `ar`, not `fr`",
        ),
        (
            &["--encoding", "klingon"],
            "--encoding expects an encoding label",
        ),
        (&["--format"], "--format expects a value"),
        (
            &["--en", "a", "--ar", "b", "--unit", "paragraph"],
            "--unit is for documents",
        ),
        (
            &["--sample", "--source-lang", "ar"],
            "--source-lang is only used by --format tmx",
        ),
        (
            &["--sample", "--header"],
            "--header is only used by --format tsv",
        ),
        (
            &[
                "--en",
                "a",
                "--ar",
                "b",
                "--format",
                "ladder",
                "--min-score",
                "0.5",
            ],
            "does not apply to --format ladder",
        ),
        (
            &["--en", "a", "--ar", "b", "--fail-fast"],
            "--fail-fast is for FILEs",
        ),
        (
            &["--input", "jsonl", "--encoding", "cp1256"],
            "--input jsonl does not take --encoding",
        ),
    ] {
        let out = run(args, None);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
        assert!(stderr(&out).contains(needle), "{args:?}: {}", stderr(&out));
    }
    // Plural forms.
    let text = stdout(&run(
        &["--format", "text", "-"],
        Some(b"Only one sentence here.\n"),
    ));
    assert!(
        text.starts_with("== -: 1 run, 1 sentence, 0 pairs\n"),
        "{text}"
    );
}
