//! Evaluates `bitext` on the development set in `../shared/eval/dev` (or another folder
//! of the same layout).
//!
//! ```text
//! cargo run --release --example evaluate -- ../shared/eval/dev [--no-fit] [--max-bead N]
//!     [--only SUBSTRING] [--out DIR]
//! ```
//!
//! For every `sentence/NAME.en`, `NAME.ar`, `NAME.gold` it aligns the two sentence files,
//! scores the beads against the gold with strict and lax precision, recall and F1 (the
//! semantics of `eval/score.py`: vecalign's scorer), and prints a line per case and the
//! sums over the cases that are not `large`/`speed` copies. `--out DIR` also writes each
//! case's beads in vecalign form, so the Python scorer can check the figures.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use bitext::Aligner;

type BeadSet = Vec<(Vec<usize>, Vec<usize>)>;

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
    max_bead: usize,
    only: Option<String>,
    out: Option<PathBuf>,
    min_lax_f1: Option<f64>,
    skip_large: bool,
}

fn parse_args() -> Result<Options, String> {
    let mut args = std::env::args().skip(1);
    let mut o = Options {
        root: PathBuf::new(),
        fit: true,
        max_bead: 4,
        only: None,
        out: None,
        min_lax_f1: None,
        skip_large: false,
    };
    let mut root = None;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--no-fit" => o.fit = false,
            "--skip-large" => o.skip_large = true,
            "--max-bead" => {
                o.max_bead = args
                    .next()
                    .and_then(|v| v.parse().ok())
                    .ok_or("--max-bead needs a number")?
            }
            "--only" => o.only = Some(args.next().ok_or("--only needs a substring")?),
            "--out" => o.out = Some(args.next().ok_or("--out needs a folder")?.into()),
            "--min-lax-f1" => {
                o.min_lax_f1 = Some(
                    args.next()
                        .and_then(|v| v.parse().ok())
                        .ok_or("--min-lax-f1 needs a number")?,
                )
            }
            "-h" | "--help" => {
                return Err("usage: evaluate DEV_DIR [--no-fit] [--max-bead N] [--only SUBSTRING] [--out DIR] [--min-lax-f1 F]".into())
            }
            _ if root.is_none() && !a.starts_with("--") => root = Some(PathBuf::from(a)),
            _ => return Err(format!("unknown argument `{a}` (try --help)")),
        }
    }
    o.root = root.ok_or("usage: evaluate DEV_DIR [options]; DEV_DIR is e.g. ../shared/eval/dev")?;
    Ok(o)
}

fn run() -> Result<(), String> {
    let o = parse_args()?;
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
    let mut names: Vec<String> = fs::read_dir(&sentence_dir)
        .map_err(|e| format!("cannot read {}: {e}", sentence_dir.display()))?
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let p = e.path();
            (p.extension()? == "gold").then(|| p.file_stem()?.to_str().map(String::from))?
        })
        .collect();
    names.sort();
    if o.skip_large {
        names.retain(|n| !(n.contains("large") || n.contains("speed")));
    }
    if let Some(only) = &o.only {
        names.retain(|n| n.contains(only.as_str()));
    }
    if names.is_empty() {
        return Err(format!("no *.gold cases in {}", sentence_dir.display()));
    }
    let mut aligner = Aligner::new().fit(o.fit).max_bead(o.max_bead);
    let mut sum = Counts::default();
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
        if let Some(out) = &o.out {
            let mut s = String::new();
            for b in &alignment.beads {
                s.push_str(&format!(
                    "{:?}:{:?}:{:.4}\n",
                    b.en.clone().collect::<Vec<_>>(),
                    b.ar.clone().collect::<Vec<_>>(),
                    b.score
                ));
            }
            let path = out.join(format!("{name}.test"));
            fs::write(&path, s).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        }
        let c = Counts::of(&gold, &test);
        let (ps, rs, fs_, pl, rl, fl) = c.ratios();
        println!(
            "{name:<32} {:>6} {:>6}  {ps:>6.3} {rs:>6.3} {fs_:>6.3}  {pl:>6.3} {rl:>6.3} {fl:>6.3}  {:>6.3} {ms:>8.1}",
            en.len(),
            ar.len(),
            alignment.params.ratio
        );
        if !(name.contains("large") || name.contains("speed")) {
            sum.add(&c);
        }
    }
    let (ps, rs, fs_, pl, rl, fl) = sum.ratios();
    println!(
        "{:<32} {:>6} {:>6}  {ps:>6.3} {rs:>6.3} {fs_:>6.3}  {pl:>6.3} {rl:>6.3} {fl:>6.3}",
        "SUM (without large/speed)", "", ""
    );
    if let Some(min) = o.min_lax_f1 {
        if fl < min {
            return Err(format!("summed lax F1 {fl:.4} is below the floor {min}"));
        }
    }
    Ok(())
}

fn read_lines(path: &Path) -> Result<Vec<String>, String> {
    let text =
        fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    Ok(text.lines().map(String::from).collect())
}

fn read_beads(path: &Path) -> Result<BeadSet, String> {
    let text =
        fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
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
    let reference: HashSet<&(Vec<usize>, Vec<usize>)> = reference
        .iter()
        .filter(|(e, a)| !e.is_empty() || !a.is_empty())
        .collect();
    let candidate: HashSet<&(Vec<usize>, Vec<usize>)> = candidate
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
