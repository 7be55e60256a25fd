//! Evaluates `bitext` on the development set in `../shared/eval/dev` (or another folder
//! of the same layout).
//!
//! ```text
//! cargo run --release --example evaluate -- ../shared/eval/dev [--no-fit] [--max-bead N]
//!     [--only SUBSTRING] [--out DIR] [--min-lax-f1 F] [--skip-large] [--tail NU | --normal]
//!     [--refits N] [--no-anchors] [--many-to-one K]
//!     [--seeds DIR] [--documents-only] [--min-doc-f1 F]
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
//! `--tail`/`--normal` and `--refits`).
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
//! `--documents-only` skips the sentence cases; `--min-doc-f1 F` fails when the summed
//! document pair F1 is below `F`; `--only` also filters documents (a folder it leaves
//! empty is skipped; the sentence cases must match it unless `--documents-only`).

use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use bitext::{Aligner, DocumentAligner, Error, Run, Span};

/// A bead as the gold files and vecalign write it: English and Arabic sentence indices.
type IndexBead = (Vec<usize>, Vec<usize>);
type BeadSet = Vec<IndexBead>;

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("evaluate: {e}");
            ExitCode::FAILURE
        }
    }
}

struct Options {
    root: PathBuf,
    fit: bool,
    anchors: bool,
    many_to_one: usize,
    max_bead: usize,
    only: Option<String>,
    out: Option<PathBuf>,
    min_lax_f1: Option<f64>,
    skip_large: bool,
    tail: Option<f64>,
    refits: usize,
    normal: bool,
    seeds: Option<PathBuf>,
    documents_only: bool,
    min_doc_f1: Option<f64>,
}

impl Options {
    /// The aligner settings that sentence cases and documents share.
    fn aligner(&self) -> Aligner {
        Aligner::new()
            .fit(self.fit)
            .anchors(self.anchors)
            .many_to_one(self.many_to_one)
            .max_bead(self.max_bead)
    }
}

const USAGE: &str = "usage: evaluate DEV_DIR [--no-fit] [--max-bead N] [--only SUBSTRING] \
    [--out DIR] [--min-lax-f1 F] [--skip-large] [--tail NU | --normal] [--refits N] \
    [--no-anchors] [--many-to-one K] [--seeds DIR] [--documents-only] [--min-doc-f1 F]";

/// The argument after `flag`, parsed; `what` names it in the error ("a number").
fn value<T: std::str::FromStr>(
    args: &mut impl Iterator<Item = String>,
    flag: &str,
    what: &str,
) -> Result<T, String> {
    args.next()
        .and_then(|v| v.parse().ok())
        .ok_or_else(|| format!("{flag} needs {what}"))
}

fn parse_args() -> Result<Options, String> {
    let mut args = std::env::args().skip(1);
    let mut o = Options {
        root: PathBuf::new(),
        fit: true,
        anchors: true,
        many_to_one: 12,
        max_bead: 4,
        only: None,
        out: None,
        min_lax_f1: None,
        skip_large: false,
        tail: None,
        refits: Aligner::new().get_max_refits(),
        normal: false,
        seeds: None,
        documents_only: false,
        min_doc_f1: None,
    };
    let mut root = None;
    while let Some(a) = args.next() {
        let args = &mut args;
        let flag = a.as_str();
        match flag {
            "--no-fit" => o.fit = false,
            "--no-anchors" => o.anchors = false,
            "--skip-large" => o.skip_large = true,
            "--normal" => o.normal = true,
            "--documents-only" => o.documents_only = true,
            "--many-to-one" => o.many_to_one = value(args, flag, "a number")?,
            "--refits" => o.refits = value(args, flag, "a number")?,
            "--tail" => o.tail = Some(value(args, flag, "a number")?),
            "--max-bead" => o.max_bead = value(args, flag, "a number")?,
            "--min-lax-f1" => o.min_lax_f1 = Some(value(args, flag, "a number")?),
            "--min-doc-f1" => o.min_doc_f1 = Some(value(args, flag, "a number")?),
            "--only" => o.only = Some(value(args, flag, "a substring")?),
            "--out" => o.out = Some(value(args, flag, "a folder")?),
            "--seeds" => o.seeds = Some(value(args, flag, "a folder")?),
            "-h" | "--help" => return Err(USAGE.into()),
            _ if root.is_none() && !a.starts_with("--") => root = Some(PathBuf::from(&a)),
            _ => return Err(format!("unknown argument `{a}` (try --help)")),
        }
    }
    o.root = root.ok_or("usage: evaluate DEV_DIR [options]; DEV_DIR is e.g. ../shared/eval/dev")?;
    Ok(o)
}

fn run() -> Result<(), String> {
    let o = parse_args()?;
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
    let mut aligner = o.aligner().max_refits(o.refits);
    if o.normal {
        aligner = aligner.tail(None);
    } else if let Some(nu) = o.tail {
        aligner = aligner.tail(Some(nu));
    }
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
        let alignment = aligner
            .align(&en, &ar)
            .map_err(|e| format!("{name}: {e}"))?;
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
    if let Some(min) = o.min_lax_f1 {
        if fl < min {
            return Err(format!("summed lax F1 {fl:.4} is below the floor {min}"));
        }
    }
    Ok(())
}

fn read_text(path: &Path) -> Result<String, String> {
    fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

fn read_lines(path: &Path) -> Result<Vec<String>, String> {
    Ok(read_text(path)?.lines().map(String::from).collect())
}

fn read_beads(path: &Path) -> Result<BeadSet, String> {
    let text = read_text(path)?;
    let mut beads = Vec::new();
    for (no, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let mut parts = line.split(':');
        let mut side = || -> Result<Vec<usize>, String> {
            let s = parts
                .next()
                .ok_or_else(|| format!("{}:{}: bad bead", path.display(), no + 1))?;
            let s = s.trim().trim_start_matches('[').trim_end_matches(']');
            s.split(',')
                .map(str::trim)
                .filter(|x| !x.is_empty())
                .map(|x| {
                    x.parse()
                        .map_err(|_| format!("{}:{}: bad index `{x}`", path.display(), no + 1))
                })
                .collect()
        };
        let en = side()?;
        let ar = side()?;
        beads.push((en, ar));
    }
    Ok(beads)
}

/// Predicted beads (both sides non-empty) by score bin: how many, and how many are
/// strictly right (the same bead is in the gold) and have all their links right (every
/// sentence link of the bead is a gold link; stricter than the lax precision of
/// `judge`, where one gold link is enough).
#[derive(Default)]
struct Reliability {
    bins: [Bin; 5],
}

#[derive(Default, Clone, Copy)]
struct Bin {
    beads: usize,
    strict: usize,
    links: usize,
    score_sum: f64,
}

const BIN_EDGES: [f64; 4] = [0.5, 0.7, 0.9, 0.99];

impl Reliability {
    /// Adds the predicted beads of one case, with their scores.
    fn add<'b>(&mut self, gold: &BeadSet, beads: impl Iterator<Item = (&'b IndexBead, f64)>) {
        let gold_beads: HashSet<&IndexBead> = gold.iter().collect();
        let mut en_bead = HashMap::new();
        let mut ar_bead = HashMap::new();
        for (k, (e, a)) in gold.iter().enumerate() {
            for &i in e {
                en_bead.insert(i, k);
            }
            for &j in a {
                ar_bead.insert(j, k);
            }
        }
        for (bead, score) in beads.filter(|((e, a), _)| !e.is_empty() && !a.is_empty()) {
            let (e, a) = bead;
            let links = e.iter().all(|i| {
                a.iter()
                    .all(|j| en_bead.contains_key(i) && en_bead.get(i) == ar_bead.get(j))
            });
            let bin = &mut self.bins[BIN_EDGES.iter().filter(|&&edge| score >= edge).count()];
            bin.beads += 1;
            bin.strict += usize::from(gold_beads.contains(bead));
            bin.links += usize::from(links);
            bin.score_sum += score;
        }
    }

    fn print(&self) {
        println!("\nreliability (beads with both sides, sentence cases without large/speed)");
        println!(
            "{:<12} {:>6} {:>10} {:>8} {:>8}",
            "score", "beads", "mean score", "strict", "links"
        );
        let names = ["< 0.5", "0.5-0.7", "0.7-0.9", "0.9-0.99", ">= 0.99"];
        for (name, bin) in names.iter().zip(&self.bins) {
            let n = bin.beads;
            let share = |x: f64| if n == 0 { 0.0 } else { x / n as f64 };
            println!(
                "{name:<12} {n:>6} {:>10.3} {:>8.3} {:>8.3}",
                share(bin.score_sum),
                share(bin.strict as f64),
                share(bin.links as f64)
            );
        }
    }
}

/// Strict and lax hit counts for precision and recall, summed over cases.
#[derive(Default, Clone, Copy)]
struct Counts {
    p: [usize; 4],
    r: [usize; 4],
}

impl Counts {
    fn of(gold: &BeadSet, test: &BeadSet) -> Counts {
        let both = |b: &BeadSet| -> BeadSet {
            b.iter()
                .filter(|(e, a)| !e.is_empty() && !a.is_empty())
                .cloned()
                .collect()
        };
        Counts {
            p: judge(gold, test),
            r: judge(&both(test), &both(gold)),
        }
    }

    fn add(&mut self, o: &Counts) {
        for k in 0..4 {
            self.p[k] += o.p[k];
            self.r[k] += o.r[k];
        }
    }

    fn ratios(&self) -> (f64, f64, f64, f64, f64, f64) {
        let ratio = |a: usize, b: usize| {
            if a + b == 0 {
                0.0
            } else {
                a as f64 / (a + b) as f64
            }
        };
        let f1 = |p: f64, r: f64| {
            if p + r == 0.0 {
                0.0
            } else {
                2.0 * p * r / (p + r)
            }
        };
        let ps = ratio(self.p[0], self.p[1]);
        let pl = ratio(self.p[2], self.p[3]);
        let rs = ratio(self.r[0], self.r[1]);
        let rl = ratio(self.r[2], self.r[3]);
        (ps, rs, f1(ps, rs), pl, rl, f1(pl, rl))
    }
}

/// `[strict hits, strict misses, lax hits, lax misses]` of `candidate` against
/// `reference`, as in vecalign's scorer.
fn judge(reference: &BeadSet, candidate: &BeadSet) -> [usize; 4] {
    let reference: HashSet<&IndexBead> = reference
        .iter()
        .filter(|(e, a)| !e.is_empty() || !a.is_empty())
        .collect();
    let candidate: HashSet<&IndexBead> = candidate
        .iter()
        .filter(|(e, a)| !e.is_empty() || !a.is_empty())
        .collect();
    let mut linked: HashMap<usize, HashSet<usize>> = HashMap::new();
    for (e, a) in &reference {
        for i in e {
            linked.entry(*i).or_default().extend(a.iter().copied());
        }
    }
    let mut out = [0; 4];
    for bead in candidate {
        if reference.contains(bead) {
            out[0] += 1;
            out[2] += 1;
            continue;
        }
        out[1] += 1;
        let hit = bead
            .0
            .iter()
            .filter_map(|i| linked.get(i))
            .any(|set| bead.1.iter().any(|j| set.contains(j)));
        if hit {
            out[2] += 1;
        } else {
            out[3] += 1;
        }
    }
    out
}

/// Pair scoring counts of one or more documents, as `score_docs.py pairs` sums them.
#[derive(Default, Clone, Copy)]
struct PairCounts {
    pred_bytes: usize,
    pred_ok: usize,
    gold_bytes: usize,
    gold_ok: usize,
    pred_pairs: usize,
    exact_pairs: usize,
    gold_pairs: usize,
}

impl PairCounts {
    fn add(&mut self, o: &PairCounts) {
        self.pred_bytes += o.pred_bytes;
        self.pred_ok += o.pred_ok;
        self.gold_bytes += o.gold_bytes;
        self.gold_ok += o.gold_ok;
        self.pred_pairs += o.pred_pairs;
        self.exact_pairs += o.exact_pairs;
        self.gold_pairs += o.gold_pairs;
    }

    /// Precision, recall and F1 with the scorer's conventions for empty sides.
    fn prf(&self) -> (f64, f64, f64) {
        let p = if self.pred_bytes > 0 {
            self.pred_ok as f64 / self.pred_bytes as f64
        } else if self.gold_bytes == 0 {
            1.0
        } else {
            0.0
        };
        let r = if self.gold_bytes > 0 {
            self.gold_ok as f64 / self.gold_bytes as f64
        } else {
            1.0
        };
        let f = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        (p, r, f)
    }
}

/// The bytes two spans share, when they share any.
fn intersection(a: Span, b: Span) -> Option<Span> {
    let (start, end) = (a.start.max(b.start), a.end.min(b.end));
    (start < end).then(|| Span::new(start, end))
}

/// Total length of a set of spans, counting overlaps once.
fn union_len(mut spans: Vec<Span>) -> usize {
    spans.sort_unstable();
    spans.dedup();
    let mut total = 0;
    let mut end: Option<usize> = None;
    for Span { start: s, end: e } in spans {
        match end {
            Some(x) if s <= x => {
                if e > x {
                    total += e - x;
                    end = Some(e);
                }
            }
            _ => {
                total += e - s;
                end = Some(e);
            }
        }
    }
    total
}

/// `score_docs.py pairs` for one document.
fn score_pairs(gold: &[(Span, Span)], pred: &[(Span, Span)]) -> PairCounts {
    let mut c = PairCounts {
        pred_pairs: pred.len(),
        gold_pairs: gold.len(),
        ..PairCounts::default()
    };
    let mut covered: Vec<[Vec<Span>; 2]> = vec![[Vec::new(), Vec::new()]; gold.len()];
    for &(pe, pa) in pred {
        c.pred_bytes += pe.len() + pa.len();
        for (i, &(ge, ga)) in gold.iter().enumerate() {
            let (Some(oe), Some(oa)) = (intersection(pe, ge), intersection(pa, ga)) else {
                continue;
            };
            c.pred_ok += oe.len() + oa.len();
            covered[i][0].push(oe);
            covered[i][1].push(oa);
            if oe.len() as f64 >= 0.9 * pe.len() as f64 && oa.len() as f64 >= 0.9 * pa.len() as f64
            {
                c.exact_pairs += 1;
            }
        }
    }
    c.gold_bytes = gold.iter().map(|(e, a)| e.len() + a.len()).sum();
    c.gold_ok = covered
        .into_iter()
        .flat_map(|[e, a]| [union_len(e), union_len(a)])
        .sum();
    c
}

/// Letter numbers (Unicode category Nl): alphabetic for Rust, not letters for Python.
fn is_letter_number(c: char) -> bool {
    matches!(c as u32,
        0x16EE..=0x16F0 | 0x2160..=0x2182 | 0x2185..=0x2188 | 0x3007 | 0x3021..=0x3029
        | 0x3038..=0x303A | 0xA6E6..=0xA6EF | 0x10140..=0x10174 | 0x10341 | 0x1034A
        | 0x103D1..=0x103D5 | 0x12400..=0x1246E)
}

/// Python's `unicodedata.category(c).startswith("L")`. Rust's `is_alphabetic` also
/// accepts combining marks with the Other_Alphabetic property (Arabic harakat among
/// them), letter numbers and the circled letters (category So); those are removed.
fn is_letter(c: char) -> bool {
    c.is_alphabetic()
        && !unicode_normalization::char::is_combining_mark(c)
        && !is_letter_number(c)
        && !matches!(c as u32, 0x24B6..=0x24E9 | 0x1F130..=0x1F149 | 0x1F150..=0x1F169 | 0x1F170..=0x1F189)
}

/// Gold runs `(lang, span)` and ignore spans of a `*.runs.json` file.
type GoldRuns = (Vec<(String, Span)>, Vec<Span>);

fn read_gold_runs(path: &Path) -> Result<GoldRuns, String> {
    let text = read_text(path)?;
    let v: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    let num = |x: &serde_json::Value, k: &str| -> Result<usize, String> {
        x.get(k)
            .and_then(serde_json::Value::as_u64)
            .map(|n| n as usize)
            .ok_or_else(|| format!("{}: missing `{k}`", path.display()))
    };
    let mut runs = Vec::new();
    for r in v
        .get("runs")
        .and_then(|r| r.as_array())
        .into_iter()
        .flatten()
    {
        let lang = r
            .get("lang")
            .and_then(|l| l.as_str())
            .ok_or_else(|| format!("{}: run without `lang`", path.display()))?;
        // Built by hand, not with `Span::new`: a reversed gold span covers nothing.
        let span = Span {
            start: num(r, "start")?,
            end: num(r, "end")?,
        };
        runs.push((lang.to_string(), span));
    }
    let mut ignore = Vec::new();
    for r in v
        .get("ignore")
        .and_then(|r| r.as_array())
        .into_iter()
        .flatten()
    {
        ignore.push(Span {
            start: num(r, "start")?,
            end: num(r, "end")?,
        });
    }
    Ok((runs, ignore))
}

fn read_gold_pairs(path: &Path) -> Result<Vec<(Span, Span)>, String> {
    let text = read_text(path)?;
    let mut out = Vec::new();
    for (no, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value = serde_json::from_str(line)
            .map_err(|e| format!("{}:{}: {e}", path.display(), no + 1))?;
        // `Span` deserializes from `[start, end]` and refuses `start > end`.
        let span = |k: &str| -> Result<Span, String> {
            v.get(k)
                .and_then(|x| serde_json::from_value(x.clone()).ok())
                .ok_or_else(|| format!("{}:{}: bad `{k}`", path.display(), no + 1))
        };
        out.push((span("en")?, span("ar")?));
    }
    Ok(out)
}

/// `score_docs.py runs` for one document: (right, letters).
fn score_runs(text: &str, gold: &GoldRuns, pred: &[Run]) -> (usize, usize) {
    let (runs, ignore) = gold;
    let (mut right, mut total) = (0, 0);
    for (pos, ch) in text.char_indices() {
        if !is_letter(ch) || ignore.iter().any(|s| s.range().contains(&pos)) {
            continue;
        }
        let Some((lang, _)) = runs.iter().find(|(_, s)| s.range().contains(&pos)) else {
            continue;
        };
        let p = pred
            .iter()
            .find(|r| r.span.range().contains(&pos))
            .map(|r| r.lang.code());
        total += 1;
        if p == Some(lang.as_str()) {
            right += 1;
        }
    }
    (right, total)
}

/// The sorted stems of the files in `dir` ending in `.ext`.
fn case_names(dir: &Path, ext: &str) -> Result<Vec<String>, String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .map_err(|e| format!("cannot read {}: {e}", dir.display()))?
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let p = e.path();
            (p.extension()? == ext).then(|| p.file_stem()?.to_str().map(String::from))?
        })
        .collect();
    names.sort();
    Ok(names)
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
    let mut aligner = DocumentAligner::new().aligner(o.aligner());
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
            .map_err(|e| format!("{}: {}", path.display(), Error::from_utf8(&e)))?;
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
        let (right, letters) = score_runs(text, &gold_runs, &doc.runs);
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
    Ok(Some(f))
}

/// What a predicted document pair is, judged as `eval/calibration_docs.py` does.
#[derive(Clone, Copy, PartialEq, Eq)]
enum PairVerdict {
    /// Both sides lie inside the same non-empty set of gold pairs (a finer split
    /// of a gold pair, or a merge of consecutive ones), at most 2 bytes outside.
    Right,
    /// Neither side touches a gold pair: page furniture or untranslated text.
    Furniture,
    Wrong,
}

fn judge_pair(gold: &[(Span, Span)], en: Span, ar: Span) -> PairVerdict {
    let touched = |side: Span, pick: fn(&(Span, Span)) -> Span| -> Vec<usize> {
        gold.iter()
            .enumerate()
            .filter(|(_, g)| intersection(side, pick(g)).is_some())
            .map(|(k, _)| k)
            .collect()
    };
    let (oe, oa) = (touched(en, |g| g.0), touched(ar, |g| g.1));
    if oe.is_empty() && oa.is_empty() {
        return PairVerdict::Furniture;
    }
    let outside = |side: Span, ids: &[usize], pick: fn(&(Span, Span)) -> Span| -> usize {
        let inside: usize = ids
            .iter()
            .filter_map(|&k| gold.get(k))
            .filter_map(|g| intersection(side, pick(g)))
            .map(|x| x.len())
            .sum();
        side.len().saturating_sub(inside)
    };
    if !oe.is_empty()
        && oe == oa
        && outside(en, &oe, |g| g.0) <= 2
        && outside(ar, &oa, |g| g.1) <= 2
    {
        PairVerdict::Right
    } else {
        PairVerdict::Wrong
    }
}

/// Document pairs by score band: is a pair's score the probability that it is
/// right? (the table of `eval/calibration_docs.py`).
#[derive(Default)]
struct DocCalibration {
    /// Per band: pairs, right ones, furniture ones.
    bands: [(usize, usize, usize); 5],
    /// Pairs scored at least 0.9, and the right ones among them.
    confident: (usize, usize),
    /// Furniture pairs scored at least 0.5.
    furniture_half: usize,
}

impl DocCalibration {
    const EDGES: [f64; 5] = [0.0, 0.5, 0.7, 0.9, 0.99];

    fn add(&mut self, score: f64, v: PairVerdict) {
        let band = Self::EDGES.iter().rposition(|&e| score >= e).unwrap_or(0);
        if let Some(b) = self.bands.get_mut(band) {
            b.0 += 1;
            b.1 += usize::from(v == PairVerdict::Right);
            b.2 += usize::from(v == PairVerdict::Furniture);
        }
        if score >= 0.9 {
            self.confident.0 += 1;
            self.confident.1 += usize::from(v == PairVerdict::Right);
        }
        self.furniture_half += usize::from(score >= 0.5 && v == PairVerdict::Furniture);
    }

    fn print(&self, label: &str) {
        println!(
            "
calibration ({label} pairs, judged as eval/calibration_docs.py does)"
        );
        println!(
            "{:<12} {:>6} {:>8} {:>10}",
            "score", "pairs", "right", "furniture"
        );
        let names = ["< 0.5", "0.5-0.7", "0.7-0.9", "0.9-0.99", ">= 0.99"];
        for (name, &(n, right, furniture)) in names.iter().zip(&self.bands) {
            let share = if n == 0 { 0.0 } else { right as f64 / n as f64 };
            println!("{name:<12} {n:>6} {share:>8.3} {furniture:>10}");
        }
        let (n, right) = self.confident;
        let p = if n == 0 { 1.0 } else { right as f64 / n as f64 };
        println!(
            "P(right | score >= 0.9) = {p:.4} on {n} pairs; furniture pairs scored >= 0.5: {}",
            self.furniture_half
        );
    }
}
