//! `bitext-batch-timer [--threads N] [--reps R] [--repeat K] FILE...`: reads the
//! files (the list `K` times over), then times `DocumentAligner::align_batch` on
//! all of them `R` times (after one untimed warm-up) and prints one line per
//! run: `wall_seconds cpu_seconds pairs`, CPU time summed over the process's
//! threads.
//!
//! The Rust side of the Python overhead figure: `overhead.py` runs this and
//! `bitext.align_documents` on the same files, alternately.

use std::process::ExitCode;
use std::time::Instant;

use cpu_time::ProcessTime;

use bitext::DocumentAligner;

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("bitext-batch-timer: error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), String> {
    let (mut threads, mut reps, mut repeat, mut files) = (None, 5usize, 1usize, Vec::new());
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut number = |name: &str| -> Result<usize, String> {
            let v = args.next().ok_or(format!("{name} needs a value"))?;
            v.parse()
                .map_err(|_| format!("{name} `{v}` is not a number"))
        };
        match a.as_str() {
            "--threads" => threads = Some(number("--threads")?),
            "--reps" => reps = number("--reps")?,
            "--repeat" => repeat = number("--repeat")?,
            _ => files.push(a),
        }
    }
    let texts = files
        .iter()
        .map(|f| std::fs::read_to_string(f).map_err(|e| format!("cannot read `{f}`: {e}")))
        .collect::<Result<Vec<String>, String>>()?;
    let texts: Vec<&str> = (0..repeat)
        .flat_map(|_| texts.iter().map(String::as_str))
        .collect();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads.unwrap_or(0))
        .build()
        .map_err(|e| e.to_string())?;
    let aligner = DocumentAligner::new();
    pool.install(|| -> Result<(), String> {
        for rep in 0..=reps {
            let (t, cpu) = (Instant::now(), ProcessTime::now());
            let docs = aligner.align_batch(&texts);
            let secs = t.elapsed().as_secs_f64();
            let cpu = cpu.elapsed().as_secs_f64();
            let mut pairs = 0;
            for d in &docs {
                pairs += d.as_ref().map_err(|e| e.to_string())?.pairs.len();
            }
            if rep > 0 {
                println!("{secs:.6} {cpu:.6} {pairs}");
            }
        }
        Ok(())
    })
}
