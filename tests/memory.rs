//! Memory bounds, measured by a counting allocator: the peak of heap bytes in
//! use while a page is aligned, on page shapes from the ordinary to the
//! hostile (millions of one-character lines), and while a stream skips a line
//! past its record limit.
//!
//! The bound per page: `PER_BYTE` bytes a byte of text, `PER_LINE` a line,
//! and `FIXED` more. A page of one-character lines costs its lines, not its
//! bytes: each line is a run, a sentence and a unit of the result, and a row
//! of the unit alignment.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

struct Counting;

static IN_USE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);
/// The tests of this file measure one at a time.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = System.alloc(layout);
        if !p.is_null() {
            let now = IN_USE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout);
        IN_USE.fetch_sub(layout.size(), Ordering::Relaxed);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = System.realloc(ptr, layout, new_size);
        if !p.is_null() {
            if new_size >= layout.size() {
                let grown = new_size - layout.size();
                let now = IN_USE.fetch_add(grown, Ordering::Relaxed) + grown;
                PEAK.fetch_max(now, Ordering::Relaxed);
            } else {
                IN_USE.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
            }
        }
        p
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// The most heap bytes `f` had in use beyond what was in use before it.
fn peak_of<T>(f: impl FnOnce() -> T) -> usize {
    let before = IN_USE.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    let out = f();
    drop(out);
    PEAK.load(Ordering::Relaxed).saturating_sub(before)
}

/// Bytes a byte of a page's text may take while it is aligned.
const PER_BYTE: usize = 16;
/// Bytes a line or a sentence of a page may take while it is aligned.
const PER_ITEM: usize = 512;
/// Bytes any page may take.
const FIXED: usize = 4 << 20;

fn check_page(name: &str, text: &str) {
    let lines = text.lines().count();
    let mut sentences = 0;
    let peak = peak_of(|| {
        let doc = bitext::align_document(text).expect("aligns");
        sentences = doc.sentences.len();
        doc
    });
    let items = lines + sentences;
    let bound = PER_BYTE * text.len() + PER_ITEM * items + FIXED;
    eprintln!(
        "{name}: peak {peak} B, {} B of text, {items} lines and sentences: {:.0} B an item",
        text.len(),
        peak.saturating_sub(FIXED) as f64 / items as f64
    );
    assert!(
        peak <= bound,
        "{name}: {peak} bytes at the peak for {} bytes, {lines} lines, {sentences} sentences \
         (bound {bound})",
        text.len()
    );
}

#[test]
fn pages_of_every_shape_stay_within_the_bound() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    // One-character lines, the languages alternating: every line a run.
    check_page("short lines", &"a\nب\n".repeat(20_000));
    // The same lines, one language after the other: two runs.
    let en = "a\n".repeat(20_000);
    check_page("short blocks", &(en + &"ب\n".repeat(20_000)));
    // Two long lines: one unit a side of 20,000 sentences each.
    let en = "It rained. ".repeat(20_000);
    let ar = "أمطرت. ".repeat(20_000);
    check_page("long lines", &format!("{en}\n{ar}\n"));
    // An ordinary bilingual page, many times over.
    let mut page = String::new();
    for i in 0..2_000 {
        page += &format!("Report {i} said the river rose {} metres.\n", i % 7 + 1);
        page += &format!("قال التقرير {i} إن النهر ارتفع {} أمتار.\n", i % 7 + 1);
    }
    check_page("interleaved page", &page);
}

#[cfg(feature = "serde")]
#[test]
fn a_stream_does_not_hold_a_line_past_its_record_limit() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
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
    // The reader holds at most the limit, and the window nothing of the line.
    assert!(peak < 4 << 20, "{peak} bytes at the peak");
}
