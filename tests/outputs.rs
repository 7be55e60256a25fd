//! The `align` example's outputs and limits under hostile use: concurrent
//! runs writing one Moses corpus, prefixes that name no file, thread counts
//! out of range.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};

mod common;

use common::align_binary as binary;

fn spawn(args: &[&str]) -> Child {
    Command::new(binary())
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn align")
}

fn run(args: &[&str]) -> Output {
    spawn(args).wait_with_output().expect("wait for align")
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("bitext-outputs-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// A page of `n` paragraph pairs; `tag` makes its text its own.
fn page(tag: &str, n: usize) -> String {
    let mut text = String::new();
    for i in 0..n {
        text += &format!(
            "Report {tag} {i} said the river rose {} metres overnight.\n",
            i % 9 + 1
        );
    }
    for i in 0..n {
        text += &format!(
            "قال التقرير {tag} {i} إن النهر ارتفع {} أمتار خلال الليل.\n",
            i % 9 + 1
        );
    }
    text
}

fn corpus(prefix: &Path) -> (String, String) {
    let read = |ext: &str| {
        let mut p = prefix.as_os_str().to_owned();
        p.push(ext);
        std::fs::read_to_string(PathBuf::from(p)).expect("corpus file")
    };
    (read(".en"), read(".ar"))
}

fn moses(input: &Path, prefix: &Path) -> Vec<String> {
    let (input, prefix) = (input.to_str().unwrap(), prefix.to_str().unwrap());
    ["--format", "moses", "--out", prefix, input]
        .map(str::to_owned)
        .to_vec()
}

#[test]
fn concurrent_moses_runs_leave_one_runs_corpus() {
    let dir = temp_dir("moses");
    let inputs = ["a", "b"].map(|tag| {
        let path = dir.join(format!("{tag}.txt"));
        std::fs::write(&path, page(tag, 200)).unwrap();
        path
    });
    // Each run's output alone.
    let alone = inputs.clone().map(|input| {
        let prefix = input.with_extension("alone");
        let out = run(&moses(&input, &prefix)
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>());
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        corpus(&prefix)
    });
    assert_ne!(alone[0], alone[1]);
    assert!(
        alone[0].0.lines().count() >= 150,
        "{}",
        alone[0].0.lines().count()
    );
    let prefix = dir.join("shared");
    for trial in 0..10 {
        let children: Vec<Child> = inputs
            .iter()
            .map(|input| {
                spawn(
                    &moses(input, &prefix)
                        .iter()
                        .map(String::as_str)
                        .collect::<Vec<_>>(),
                )
            })
            .collect();
        for child in children {
            let out = child.wait_with_output().unwrap();
            assert!(
                out.status.success(),
                "trial {trial}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        let got = corpus(&prefix);
        assert!(
            got == alone[0] || got == alone[1],
            "trial {trial}: a corpus of neither run"
        );
        // Nothing is left behind: no temporary file, no lock.
        let mut names: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with("shared"))
            .collect();
        names.sort();
        assert_eq!(names, ["shared.ar", "shared.en"], "trial {trial}");
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn moses_prefixes_that_name_no_file_are_refused() {
    let dir = temp_dir("prefix");
    let input = dir.join("page.txt");
    std::fs::write(&input, page("p", 3)).unwrap();
    let dir_slash = format!("{}/", dir.display());
    for prefix in ["", dir.to_str().unwrap(), &dir_slash] {
        let out = run(&[
            "--format",
            "moses",
            "--out",
            prefix,
            input.to_str().unwrap(),
        ]);
        assert!(!out.status.success(), "{prefix:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("names no file"), "{prefix:?}: {err}");
    }
    let hidden: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|n| n.to_string_lossy().starts_with('.'))
        .collect();
    assert!(hidden.is_empty(), "{hidden:?}");
    // A directory that does not exist: the error names the file.
    let missing = dir.join("no/such/dir/corpus");
    let out = run(&[
        "--format",
        "moses",
        "--out",
        missing.to_str().unwrap(),
        input.to_str().unwrap(),
    ]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(&format!("{}.en.", missing.display())), "{err}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn thread_counts_out_of_range_are_refused_at_once() {
    let dir = temp_dir("threads");
    let input = dir.join("page.txt");
    std::fs::write(&input, page("t", 2)).unwrap();
    let input = input.to_str().unwrap();
    for n in [
        "0",
        "-1",
        "1025",
        "10000",
        "100000",
        "99999999999999999999999",
    ] {
        let out = run(&["--threads", n, "--format", "tsv", input]);
        assert!(!out.status.success(), "{n}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("expects a whole number from 1 to 1024"),
            "{n}: {err}"
        );
    }
    let out = run(&["--threads", "1024", "--format", "tsv", input]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
