//! Benchmarks of the alignment core.
//!
//! `cargo bench --bench align` times [`Aligner::align_lengths`] (fitting included) on
//! synthetic parallel lengths at 1k, 10k and 100k sentences a side, and on the dev
//! set's `dev_large_dev_bible` when `../shared/eval/dev` is present beside the
//! repository (skipped with a note otherwise). The `anchors` group times
//! [`Aligner::align`] on the text of that case with anchors on and off: the price of
//! anchor extraction, fitting and the anchor term (sentence lengths are measured in
//! both). The `batch` group times [`DocumentAligner::align_batch`] on rayon pools of
//! 1 and 2 threads (throughput in documents): on the pages of
//! `../shared/eval/dev/document` and `dev_modern/document` when present (each page
//! repeated to make a batch of a few hundred; skipped with a note otherwise), and on
//! 1,000 synthetic pages (`tests/common/pages.rs`); `loop` aligns the same batch one
//! document after another with one aligner (what the batch's aligner clones cost).
//! The `big_page` group times [`DocumentAligner::align`] on one page of 100,000
//! lines, English and Arabic alternating (throughput in lines): the page of
//! `examples/big_page.rs`, whose figure in docs/BENCHMARKS.md (1,000,000 lines, time and peak
//! memory) comes from that example and the `align` example under `/usr/bin/time`.
//! The `skewed` group times [`Aligner::align`] on three lines against 20,000 and
//! 200,000 of the other language, both ways (throughput in lines).
//! The `self_train` group times [`Aligner::align`] on `dev_large_dev_bible` with
//! self-training off and on (the default): the price of the word forms, Model 1
//! and the second alignment with the lexical term, as a ratio of the two.

use std::hint::black_box;
use std::path::Path;
use std::sync::OnceLock;

use bitext::{measure_len, Aligner, DocumentAligner};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};

/// Deterministic parallel lengths: English 10–160 characters, Arabic 0.6× with ±20%
/// noise, a fifth of the translations split in two, one in fifty dropped.
fn synthetic(n: usize) -> (Vec<usize>, Vec<usize>) {
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let (mut en, mut ar) = (Vec::with_capacity(n), Vec::with_capacity(n * 5 / 4));
    for _ in 0..n {
        let l = 10 + (next() % 150) as usize;
        en.push(l);
        let noise = 0.8 + 0.4 * (next() % 1000) as f64 / 1000.0;
        let t = (l as f64 * 0.6 * noise) as usize;
        match next() % 50 {
            0 => {}
            1..=10 => {
                ar.push(t / 3);
                ar.push(t - t / 3);
            }
            _ => ar.push(t),
        }
    }
    (en, ar)
}

fn bench_synthetic(c: &mut Criterion) {
    let mut group = c.benchmark_group("align_lengths");
    group.sample_size(10);
    for n in [1_000, 10_000, 100_000] {
        let (en, ar) = synthetic(n);
        group.throughput(Throughput::Elements((en.len() + ar.len()) as u64));
        let mut aligner = Aligner::new();
        group.bench_with_input(BenchmarkId::new("synthetic", n), &n, |b, _| {
            b.iter(|| {
                aligner
                    .align_lengths(black_box(&en), black_box(&ar))
                    .beads
                    .len()
            })
        });
    }
    group.finish();
}

/// The sentences of the dev set's `dev_large_dev_bible` case, read once for both
/// benches that use it; `None` (with a note) when the dev set is not there.
fn dev_large_bible() -> Option<&'static (Vec<String>, Vec<String>)> {
    static CASE: OnceLock<Option<(Vec<String>, Vec<String>)>> = OnceLock::new();
    CASE.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/eval/dev/sentence");
        let read = |ext: &str| -> Option<Vec<String>> {
            let path = dir.join(format!("dev_large_dev_bible.{ext}"));
            let text = std::fs::read_to_string(path).ok()?;
            Some(text.lines().map(String::from).collect())
        };
        let case = read("en").zip(read("ar"));
        if case.is_none() {
            eprintln!(
                "note: {} not found; the dev_large_dev_bible benches are skipped",
                dir.display()
            );
        }
        case
    })
    .as_ref()
}

fn bench_bible(c: &mut Criterion) {
    let Some((en, ar)) = dev_large_bible() else {
        return;
    };
    let en: Vec<usize> = en.iter().map(|s| measure_len(s)).collect();
    let ar: Vec<usize> = ar.iter().map(|s| measure_len(s)).collect();
    let mut group = c.benchmark_group("align_lengths");
    group.sample_size(10);
    group.throughput(Throughput::Elements((en.len() + ar.len()) as u64));
    let mut aligner = Aligner::new();
    group.bench_function("dev_large_dev_bible", |b| {
        b.iter(|| {
            aligner
                .align_lengths(black_box(&en), black_box(&ar))
                .beads
                .len()
        })
    });
    group.finish();
}

fn bench_anchors(c: &mut Criterion) {
    bench_on_off(c, "anchors", |on| Aligner::builder().anchors(on).build());
}

fn bench_self_train(c: &mut Criterion) {
    bench_on_off(c, "self_train", |on| {
        Aligner::builder().self_train(on).build()
    });
}

/// Times [`Aligner::align`] on `dev_large_dev_bible` with one setting off and
/// on, as the group `name`: the setting's price as a ratio of the two.
fn bench_on_off(
    c: &mut Criterion,
    name: &str,
    build: impl Fn(bool) -> Result<Aligner, bitext::Error>,
) {
    let Some((en, ar)) = dev_large_bible() else {
        return;
    };
    let mut group = c.benchmark_group(name);
    group.sample_size(10);
    group.throughput(Throughput::Elements((en.len() + ar.len()) as u64));
    for on in [false, true] {
        let mut aligner = build(on).unwrap();
        let setting = if on { "on" } else { "off" };
        group.bench_function(BenchmarkId::new("dev_large_dev_bible", setting), |b| {
            b.iter(|| aligner.align(black_box(en), black_box(ar)).beads.len())
        });
    }
    group.finish();
}

#[path = "../tests/common/pages.rs"]
#[allow(dead_code)]
mod pages;

/// The `.txt` pages of a shared evaluation set, `None` (with a note) when absent.
fn dev_pages(set: &str) -> Option<Vec<String>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/eval")
        .join(set)
        .join("document");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    let pages: Vec<String> = paths
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect();
    (!pages.is_empty()).then_some(pages)
}

fn bench_batch(c: &mut Criterion) {
    let mut sets: Vec<(String, Vec<String>)> = Vec::new();
    for set in ["dev", "dev_modern"] {
        match dev_pages(set) {
            // A dozen pages of uneven size would leave one thread idle at the end
            // of each batch: 32 copies make the batch's balance that of a corpus.
            Some(pages) => sets.push((set.into(), (0..32).flat_map(|_| pages.clone()).collect())),
            None => eprintln!("note: ../shared/eval/{set}/document not found; skipped"),
        }
    }
    sets.push((
        "synthetic".into(),
        (0..1000u64)
            .map(|i| pages::page(i, 1 + i as usize % 6))
            .collect(),
    ));
    let aligner = DocumentAligner::new();
    let mut group = c.benchmark_group("batch");
    group.sample_size(10);
    for (name, docs) in &sets {
        group.throughput(Throughput::Elements(docs.len() as u64));
        for threads in [1, 2] {
            let Ok(pool) = rayon::ThreadPoolBuilder::new().num_threads(threads).build() else {
                eprintln!("note: no pool of {threads} threads; skipped");
                continue;
            };
            group.bench_function(BenchmarkId::new(name.as_str(), threads), |b| {
                b.iter(|| pool.install(|| aligner.align_batch(black_box(docs)).len()))
            });
        }
        // The same documents one by one through one aligner: what the batch's
        // per-job clones of the aligner cost on one thread.
        let mut one = aligner.clone();
        group.bench_function(BenchmarkId::new(name.as_str(), "loop"), |b| {
            b.iter(|| {
                black_box(docs)
                    .iter()
                    .map(|d| one.align(d).map(|x| x.pairs.len()))
                    .count()
            })
        });
    }
    group.finish();
}

/// The page of `examples/big_page.rs`: `lines` lines, English and Arabic
/// alternating.
fn big_page(lines: usize) -> String {
    let mut page = Vec::new();
    // Cannot fail: writing to a vector, and the generator writes UTF-8.
    pages::write_big_page(&mut page, lines).expect("writing to memory");
    String::from_utf8(page).expect("the generator writes UTF-8")
}

fn bench_big_page(c: &mut Criterion) {
    let lines = 100_000;
    let page = big_page(lines);
    let mut aligner = DocumentAligner::new();
    let mut group = c.benchmark_group("big_page");
    group.sample_size(10);
    group.throughput(Throughput::Elements(lines as u64));
    group.bench_function(BenchmarkId::new("interleaved_lines", lines), |b| {
        b.iter(|| aligner.align(black_box(&page)).map(|d| d.pairs.len()))
    });
    group.finish();
}

/// `count` lines of text, one in three holding two sentences.
fn skewed_lines(count: usize, arabic: bool) -> Vec<String> {
    let words: &[&str] = if arabic {
        &[
            "كتاب",
            "الشمس",
            "ذهب",
            "إلى",
            "البيت",
            "في",
            "الصباح",
            "قال",
        ]
    } else {
        &["The", "sun", "went", "to", "the", "house", "in", "morning"]
    };
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    let mut next = move |n: u64| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n) as usize
    };
    let mut sentence = move || {
        let n = 3 + next(12);
        let w: Vec<&str> = (0..n).map(|_| words[next(8)]).collect();
        format!("{}.", w.join(" "))
    };
    (0..count)
        .map(|k| match k % 3 {
            0 => format!("{} {}", sentence(), sentence()),
            _ => sentence(),
        })
        .collect()
}

/// Three English lines against many Arabic ones and the mirror (throughput in
/// lines): the shape whose cost must stay linear in the long side.
fn bench_skewed(c: &mut Criterion) {
    let mut group = c.benchmark_group("skewed");
    group.sample_size(10);
    let mut aligner = Aligner::new();
    for many in [20_000, 200_000] {
        let few_en = skewed_lines(3, false);
        let many_ar = skewed_lines(many, true);
        group.throughput(Throughput::Elements((many + 3) as u64));
        group.bench_function(BenchmarkId::new("3_en_against", many), |b| {
            b.iter(|| {
                aligner
                    .align(black_box(&few_en), black_box(&many_ar))
                    .beads
                    .len()
            })
        });
        let many_en = skewed_lines(many, false);
        let few_ar = skewed_lines(3, true);
        group.bench_function(BenchmarkId::new("3_ar_against", many), |b| {
            b.iter(|| {
                aligner
                    .align(black_box(&many_en), black_box(&few_ar))
                    .beads
                    .len()
            })
        });
    }
    group.finish();
}

criterion_group!(
    benches,
    bench_synthetic,
    bench_bible,
    bench_anchors,
    bench_self_train,
    bench_batch,
    bench_big_page,
    bench_skewed
);
criterion_main!(benches);
