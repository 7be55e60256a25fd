//! Memory bounds, measured as the peak resident memory a call adds to a fresh
//! process (each case runs alone in a child run of this test binary): while a
//! page is aligned, on page shapes from the ordinary to the
//! hostile (millions of one-character lines), and while a stream skips a line
//! past its record limit.
//!
//! The bound per page: `PER_BYTE` bytes a byte of text, `PER_LINE` a line,
//! and `FIXED` more. A page of one-character lines costs its lines, not its
//! bytes: each line is a run, a sentence and a unit of the result, and a row
//! of the unit alignment.

use std::process::Command;

/// Set in a child run of this test binary: the case to measure alone.
const CASE: &str = "BITEXT_MEMORY_CASE";

/// A field of `/proc/self/status` in bytes (`VmRSS`, `VmHWM`).
fn status_bytes(field: &str) -> Option<usize> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    let kb: usize = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// The most resident memory `f` added to this process: the peak (`VmHWM`, reset
/// to the resident size first through `/proc/self/clear_refs`) less the
/// resident size before. Each case runs in a fresh process of its own (see
/// [`measured`]), so no memory freed by an earlier case is reused unseen.
fn peak_of<T>(f: impl FnOnce() -> T) -> usize {
    std::fs::write("/proc/self/clear_refs", "5").expect("a Linux /proc to measure with");
    let before = status_bytes("VmRSS").expect("VmRSS");
    let out = f();
    let peak = status_bytes("VmHWM").expect("VmHWM");
    drop(out);
    peak.saturating_sub(before)
}

/// Runs `test` of this binary again in a child process with [`CASE`] set to
/// `case`, and returns what the child printed on its `PEAK` line.
fn measured(test: &str, case: &str) -> String {
    let out = Command::new(std::env::current_exe().expect("the test binary"))
        .args(["--exact", test, "--nocapture", "--test-threads", "1"])
        .env(CASE, case)
        .output()
        .expect("the test binary runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{case}: {stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
        .lines()
        .find_map(|l| l.split_once("PEAK ").map(|(_, rest)| rest))
        .unwrap_or_else(|| panic!("{case}: no PEAK line in {stdout}"))
        .to_string()
}

/// Bytes a byte of a page's text may take while it is aligned.
const PER_BYTE: usize = 16;
/// Bytes a line or a sentence of a page may take while it is aligned.
const PER_ITEM: usize = 512;
/// Bytes any page may take (the aligners' first buffers, page tables).
const FIXED: usize = 4 << 20;

/// The pages measured, by name.
fn page(name: &str) -> String {
    match name {
        // One-character lines, the languages alternating: every line a run.
        "short lines" => "a\nب\n".repeat(20_000),
        // The same lines, one language after the other: two runs.
        "short blocks" => "a\n".repeat(20_000) + &"ب\n".repeat(20_000),
        // Two long lines: one unit a side of 20,000 sentences each.
        "long lines" => format!("{}\n{}\n", "It rained. ".repeat(20_000), "أمطرت. ".repeat(20_000)),
        // An ordinary bilingual page, many times over.
        _ => (0..2_000)
            .map(|i| {
                format!(
                    "Report {i} said the river rose {} metres.\nقال التقرير {i} إن النهر ارتفع {} أمتار.\n",
                    i % 7 + 1,
                    i % 7 + 1
                )
            })
            .collect(),
    }
}

const PAGES: [&str; 4] = [
    "short lines",
    "short blocks",
    "long lines",
    "interleaved page",
];

#[test]
fn pages_of_every_shape_stay_within_the_bound() {
    if let Ok(name) = std::env::var(CASE) {
        // The child: align one page and report its peak and its size.
        let text = page(&name);
        let mut sentences = 0;
        let peak = peak_of(|| {
            let doc = bitext::align_document(&text).expect("aligns");
            sentences = doc.sentences.len();
            doc
        });
        println!(
            "PEAK {peak} {} {} {sentences}",
            text.len(),
            text.lines().count()
        );
        return;
    }
    for name in PAGES {
        let line = measured("pages_of_every_shape_stay_within_the_bound", name);
        let v: Vec<usize> = line
            .split(' ')
            .map(|x| x.parse().expect("a number"))
            .collect();
        let (peak, bytes, lines, sentences) = (v[0], v[1], v[2], v[3]);
        let items = lines + sentences;
        let bound = PER_BYTE * bytes + PER_ITEM * items + FIXED;
        eprintln!(
            "{name}: peak {peak} B, {bytes} B of text, {items} lines and sentences: {:.0} B an item",
            peak.saturating_sub(FIXED) as f64 / items as f64
        );
        assert!(peak > 0, "{name}: nothing measured");
        assert!(
            peak <= bound,
            "{name}: {peak} bytes at the peak for {bytes} bytes, {lines} lines, {sentences} \
             sentences (bound {bound})"
        );
    }
}

#[cfg(feature = "serde")]
#[test]
fn a_stream_does_not_hold_a_line_past_its_record_limit() {
    const TEST: &str = "a_stream_does_not_hold_a_line_past_its_record_limit";
    if std::env::var(CASE).is_err() {
        let peak: usize = measured(TEST, "stream").parse().expect("a number");
        // The reader holds at most the limit, and the window nothing of the line.
        assert!(peak < 4 << 20, "{peak} bytes at the peak");
        return;
    }
    let line = format!("{{\"id\": 1, \"text\": \"{}\"}}\n", "0".repeat(64 << 20));
    let input = line + "{\"id\": 2, \"text\": \"It rained.\\nأمطرت.\"}\n";
    let stream = bitext::stream::JsonlAligner::builder()
        .max_record_bytes(1 << 20)
        .build()
        .unwrap();
    let mut out = Vec::with_capacity(4096);
    let peak = peak_of(|| stream.run(input.as_bytes(), &mut out).expect("runs"));
    let out = String::from_utf8(out).unwrap();
    assert_eq!(out.lines().count(), 2, "{out}");
    assert!(
        out.lines().next().unwrap().contains("max_record_bytes"),
        "{out}"
    );
    println!("PEAK {peak}");
}
