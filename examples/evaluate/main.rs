//! Evaluates `bitext` on the development set in `../shared/eval/dev` (or another folder
//! of the same layout).
//!
//! ```text
//! cargo run --release --example evaluate -- ../shared/eval/dev [--no-fit] [--max-bead N]
//!     [--only SUBSTRING] [--out DIR] [--plot DIR] [--min-lax-f1 F] [--skip-large] [--tail NU | --normal]
//!     [--refits N] [--no-anchors] [--many-to-one K] [--lengths] [--exact-up-to CELLS]
//!     [--seeds DIR] [--documents-only] [--min-doc-f1 F]
//!     [--dictionary PATH | --lexicon FILE | --no-lexicon]
//! ```
//!
//! For every `sentence/NAME.en`, `NAME.ar`, `NAME.gold` it aligns the two sentence files,
//! scores the beads against the gold with strict and lax precision, recall and F1 (the
//! semantics of `eval/score.py`: vecalign's scorer), and prints a line per case and the
//! sums over the cases that are not `large`/`speed` copies (`--skip-large` leaves those
//! out altogether), then a reliability table: the predicted beads by score bin and how
//! many of them are right. `--out DIR` also writes each case's beads in vecalign form, so
//! the Python scorer can check the figures; `--min-lax-f1 F` fails when the summed lax F1
//! is below `F`. `--no-fit`, `--max-bead`, `--tail`/`--normal`, `--refits`,
//! `--no-anchors` and `--many-to-one` set the [`bitext::Aligner`] (documents use all but
//! `--tail`/`--normal` and `--refits`). `--lengths` aligns the sentence cases by their
//! lengths alone (`Aligner::align_lengths`: no anchors, no sentences inside lines), which
//! shows what the length model and the search do by themselves; `--exact-up-to CELLS`
//! searches lattices of up to that many cells whole (the banded search against the
//! whole programme). `--dictionary PATH` (dictd `.index`, hunalign `.dic` or TSV) and
//! `--lexicon FILE` (written by `Lexicon::save`) give the aligner a lexicon, which
//! seeds its self-training; `--no-lexicon` turns the self-trained lexicon off too.
//!
//! Documents: when `DEV_DIR/document/` exists, every `NAME.txt` there is aligned with
//! [`bitext::DocumentAligner`] and scored against `NAME.gold.jsonl` (pairs) and
//! `NAME.runs.json` (runs) with the semantics of `eval/score_docs.py`: byte-level pair
//! precision, recall and F1 summed over the files, "exact" pairs (both sides at least 90%
//! inside one gold unit), and letter-level run accuracy per file. `--seeds DIR` does the
//! same for another folder of `*.txt` + gold files (default: `DEV_DIR/../../seeds` when it
//! exists). With `--out DIR` the predictions go to `DIR/document/NAME.pairs.jsonl` and
//! `NAME.runs.jsonl` (and `DIR/seeds/...`), ready for
//! `score_docs.py pairs GOLD.gold.jsonl NAME.pairs.jsonl` and
//! `score_docs.py runs GOLD.runs.json NAME.runs.jsonl`.
//!
//! Both reliability tables end with the expected calibration error over ten equal
//! score bins (the item-weighted mean of |mean score − share right|). `--plot DIR`
//! draws them as reliability diagrams: `DIR/sentences.svg` (beads, strict and by
//! links), `DIR/document.svg` and `DIR/seeds.svg` (pairs, as the judge of
//! `eval/calibration_docs.py` counts them right).
//!
//! `--documents-only` skips the sentence cases; `--min-doc-f1 F` fails when the summed
//! document pair F1 is below `F`; `--only` also filters documents (a folder it leaves
//! empty is skipped; the sentence cases must match it unless `--documents-only`).
//!
//! Layout: `options.rs` reads the command line, `files.rs` the evaluation sets,
//! `scoring.rs` scores sentence cases, `documents.rs` documents, and `plot.rs` bins
//! scores and draws the diagrams; this file runs the
//! cases and prints the tables. The scoring modules carry unit tests on small hand-made
//! cases, which `cargo test` runs (`test = true` on the example in Cargo.toml).

mod documents;
mod files;
mod options;
mod plot;
mod scoring;

use std::fs;
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use bitext::{measure_len, DocumentAligner, Error, Span};

use documents::{judge_pair, score_pairs, score_runs, DocCalibration, PairCounts};
use files::{case_names, read_beads, read_gold_pairs, read_gold_runs, read_lines};
use options::Options;
use scoring::{BeadSet, Counts, Reliability};

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("evaluate: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), String> {
    let mut o = options::parse_args(std::env::args().skip(1))?;
    o.load_lexicon()?;
    let seeds = match &o.seeds {
        Some(dir) if !dir.is_dir() => {
            return Err(format!("no seed folder at {}", dir.display()));
        }
        Some(dir) => Some(dir.clone()),
        None => Some(o.root.join("..").join("..").join("seeds")).filter(|d| d.is_dir()),
    };
    if !o.documents_only {
        run_sentences(&o)?;
    }
    let document_dir = o.root.join("document");
    if !document_dir.is_dir() {
        if o.documents_only || o.min_doc_f1.is_some() {
            return Err(format!(
                "no document cases at {}: expected a folder `document/` with NAME.txt, \
                 NAME.gold.jsonl and NAME.runs.json files",
                o.root.display()
            ));
        }
        return Ok(());
    }
    let f1 = run_documents(&o, &document_dir, "document")?;
    let seeds_scored = match seeds {
        Some(seeds) => run_documents(&o, &seeds, "seeds")?.is_some(),
        None => false,
    };
    if o.documents_only && f1.is_none() && !seeds_scored {
        return Err("--only matches no document".into());
    }
    if let Some(min) = o.min_doc_f1 {
        let f1 = f1.ok_or("--min-doc-f1: --only matches no document")?;
        if f1 < min {
            return Err(format!(
                "summed document pair F1 {f1:.4} is below the floor {min}"
            ));
        }
    }
    Ok(())
}

/// The `large` and `speed` cases are scaled copies of the others: left out of the sums.
fn is_scaled_copy(name: &str) -> bool {
    name.contains("large") || name.contains("speed")
}

fn run_sentences(o: &Options) -> Result<(), String> {
    let sentence_dir = o.root.join("sentence");
    if !sentence_dir.is_dir() {
        return Err(format!(
            "no development set at {}: expected a folder `sentence/` with NAME.en, NAME.ar and NAME.gold files \
             (the shared data lives beside the repository, in ../shared/eval/dev)",
            o.root.display()
        ));
    }
    if let Some(out) = &o.out {
        fs::create_dir_all(out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;
    }
    let mut names = case_names(&sentence_dir, "gold")?;
    if o.skip_large {
        names.retain(|n| !is_scaled_copy(n));
    }
    if let Some(only) = &o.only {
        names.retain(|n| n.contains(only.as_str()));
    }
    if names.is_empty() {
        return Err(format!("no *.gold cases in {}", sentence_dir.display()));
    }
    let mut builder = o.aligner().max_refits(o.refits);
    if o.normal {
        builder = builder.tail(None);
    } else if let Some(nu) = o.tail {
        builder = builder.tail(Some(nu));
    }
    let mut aligner = builder.build().map_err(|e| e.to_string())?;
    let mut sum = Counts::default();
    let mut reliability = Reliability::default();
    println!(
        "{:<32} {:>6} {:>6}  {:>6} {:>6} {:>6}  {:>6} {:>6} {:>6}  {:>6} {:>8}",
        "case", "en", "ar", "P-str", "R-str", "F-str", "P-lax", "R-lax", "F-lax", "c", "ms"
    );
    for name in &names {
        let en = read_lines(&sentence_dir.join(format!("{name}.en")))?;
        let ar = read_lines(&sentence_dir.join(format!("{name}.ar")))?;
        let gold = read_beads(&sentence_dir.join(format!("{name}.gold")))?;
        let t = Instant::now();
        let alignment = if o.lengths {
            let len = |xs: &[String]| xs.iter().map(|s| measure_len(s)).collect::<Vec<_>>();
            aligner.align_lengths(&len(&en), &len(&ar))
        } else {
            aligner.align(&en, &ar)
        };
        let ms = t.elapsed().as_secs_f64() * 1e3;
        let test: BeadSet = alignment
            .beads
            .iter()
            .map(|b| (b.en.clone().collect(), b.ar.clone().collect()))
            .collect();
        let scores = alignment.beads.iter().map(|b| b.score);
        if let Some(out) = &o.out {
            let mut s = String::new();
            for ((e, a), score) in test.iter().zip(scores.clone()) {
                s.push_str(&format!("{e:?}:{a:?}:{score:.4}\n"));
            }
            let path = out.join(format!("{name}.test"));
            fs::write(&path, s).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        }
        let c = Counts::of(&gold, &test);
        if !is_scaled_copy(name) {
            sum.add(&c);
            reliability.add(&gold, test.iter().zip(scores));
        }
        let (ps, rs, fs_, pl, rl, fl) = c.ratios();
        println!(
            "{name:<32} {:>6} {:>6}  {ps:>6.3} {rs:>6.3} {fs_:>6.3}  {pl:>6.3} {rl:>6.3} {fl:>6.3}  {:>6.3} {ms:>8.1}",
            en.len(),
            ar.len(),
            alignment.params.ratio
        );
    }
    let (ps, rs, fs_, pl, rl, fl) = sum.ratios();
    println!(
        "{:<32} {:>6} {:>6}  {ps:>6.4} {rs:>6.4} {fs_:>6.4}  {pl:>6.4} {rl:>6.4} {fl:>6.4}",
        "SUM (without large/speed)", "", ""
    );
    reliability.print();
    if let Some(dir) = &o.plot {
        let series = [
            ("beads, strict", &reliability.strict),
            ("beads, links", &reliability.links),
        ];
        let title = format!("{}: sentence cases", set_name(o));
        plot::write_svg(&plot_path(dir, "sentences")?, &title, &series)?;
    }
    if let Some(min) = o.min_lax_f1 {
        if fl < min {
            return Err(format!("summed lax F1 {fl:.4} is below the floor {min}"));
        }
    }
    Ok(())
}

/// Aligns and scores every `*.txt` in `dir`; returns the summed pair F1, or `None`
/// (and prints nothing) when `--only` leaves none of the documents.
fn run_documents(o: &Options, dir: &Path, label: &str) -> Result<Option<f64>, String> {
    let mut names = case_names(dir, "txt")?;
    if names.is_empty() {
        return Err(format!("no *.txt documents in {}", dir.display()));
    }
    if let Some(only) = &o.only {
        names.retain(|n| n.contains(only.as_str()));
        if names.is_empty() {
            return Ok(None);
        }
    }
    let out_dir = match &o.out {
        Some(out) => {
            let d = out.join(label);
            fs::create_dir_all(&d).map_err(|e| format!("cannot create {}: {e}", d.display()))?;
            Some(d)
        }
        None => None,
    };
    let aligner = DocumentAligner::builder().aligner(o.aligner()).build();
    let mut aligner = aligner.map_err(|e| e.to_string())?;
    println!(
        "\n{:<26} {:>5} {:>5} {:>5}  {:>6} {:>6} {:>6}  {:>7} {:>8}",
        label, "pred", "gold", "exact", "P", "R", "F1", "runs", "ms"
    );
    let mut sum = PairCounts::default();
    let mut calibration = DocCalibration::default();
    for name in &names {
        let path = dir.join(format!("{name}.txt"));
        let bytes = fs::read(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let text = std::str::from_utf8(&bytes)
            .map_err(|e| format!("{}: {}", path.display(), Error::from(e)))?;
        let t = Instant::now();
        let doc = aligner.align(text).map_err(|e| format!("{name}: {e}"))?;
        let ms = t.elapsed().as_secs_f64() * 1e3;
        let gold = read_gold_pairs(&dir.join(format!("{name}.gold.jsonl")))?;
        let gold_runs = read_gold_runs(&dir.join(format!("{name}.runs.json")))?;
        let pred: Vec<(Span, Span)> = doc.pairs.iter().map(|p| (p.en_span, p.ar_span)).collect();
        let c = score_pairs(&gold, &pred);
        for p in &doc.pairs {
            calibration.add(p.score, judge_pair(&gold, p.en_span, p.ar_span));
        }
        let runs: Vec<(&str, Span)> = doc.runs.iter().map(|r| (r.lang.code(), r.span)).collect();
        let (right, letters) = score_runs(text, &gold_runs, &runs);
        let acc = if letters > 0 {
            right as f64 / letters as f64
        } else {
            1.0
        };
        if let Some(d) = &out_dir {
            let mut pairs = String::new();
            for p in &doc.pairs {
                let v = serde_json::json!({
                    "en_span": p.en_span, "ar_span": p.ar_span,
                    "kind": p.kind, "score": p.score,
                });
                pairs.push_str(&format!("{v}\n"));
            }
            let mut runs = String::new();
            for r in &doc.runs {
                let v = serde_json::json!({
                    "lang": r.lang.code(), "start": r.span.start, "end": r.span.end,
                });
                runs.push_str(&format!("{v}\n"));
            }
            for (file, body) in [
                (format!("{name}.pairs.jsonl"), pairs),
                (format!("{name}.runs.jsonl"), runs),
            ] {
                let p = d.join(file);
                fs::write(&p, body).map_err(|e| format!("cannot write {}: {e}", p.display()))?;
            }
        }
        let (p, r, f) = c.prf();
        println!(
            "{name:<26} {:>5} {:>5} {:>5}  {p:>6.4} {r:>6.4} {f:>6.4}  {acc:>7.4} {ms:>8.1}",
            c.pred_pairs, c.gold_pairs, c.exact_pairs
        );
        sum.add(&c);
    }
    let (p, r, f) = sum.prf();
    println!(
        "{:<26} {:>5} {:>5} {:>5}  {p:>6.4} {r:>6.4} {f:>6.4}",
        "SUM", sum.pred_pairs, sum.gold_pairs, sum.exact_pairs
    );
    calibration.print(label);
    if let Some(plots) = &o.plot {
        let title = format!("{}: {label} pairs", set_name(o));
        let series = [("pairs", &calibration.bins)];
        plot::write_svg(&plot_path(plots, label)?, &title, &series)?;
    }
    Ok(Some(f))
}

/// The evaluation set's name: its folder's.
fn set_name(o: &Options) -> String {
    o.root.file_name().map_or_else(
        || o.root.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// `DIR/NAME.svg`, the folder made if need be.
fn plot_path(dir: &Path, name: &str) -> Result<std::path::PathBuf, String> {
    fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    Ok(dir.join(format!("{name}.svg")))
}
