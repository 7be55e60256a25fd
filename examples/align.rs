//! Align English–Arabic documents or pre-split sentence files with the crate's aligners and
//! writers. All input is read, checked and aligned before any output: no partial results.

use std::ffi::{OsStr, OsString};
use std::io::{self, BufWriter, IsTerminal, Read, Write};
use std::process::ExitCode;
use std::time::SystemTime;

use bitext::stream::JsonlAligner;
use bitext::write::UnitWriter;
use bitext::write::{write_beads, write_ladder, write_pairs, write_vecalign};
use bitext::write::{JsonlWriter, MosesFiles, Segtype, TableWriter, TmxWriter, TsvWriter};
use bitext::Error;
use bitext::{Aligner, DocumentAligner};
use bitext::{AlignerBuilder, DocumentAlignerBuilder};

const USAGE: &str = "\
usage: align [FILE... | -] [--format text|jsonl|tsv|moses|tmx|runs] [--unit sentence|paragraph]
       align --en EN_FILE --ar AR_FILE [--format beads|ladder|text|jsonl|tsv|moses|tmx]
       align --input jsonl [--max-record-bytes N]   (JSON Lines on stdin, results on stdout;
             see bitext::stream; longer lines get an error record, default 256 MiB)
Options: --out PREFIX (moses: PREFIX.en, PREFIX.ar)  --min-score F  --bidi (text)
         --no-anchors  --max-bead N  --threads N (1 to 1024)  --version  --help
Without files, reads stdin if it is not a terminal and holds data, else a built-in sample.
Formats: text (a table), jsonl, tsv, moses, tmx (TMX 1.4), runs (language runs, JSON);
with --en/--ar, beads (vecalign: `[0, 1]:[0]:COST`, COST = 1 - score), ladder (hunalign).
--min-score F drops pairs below F (1-0 and 0-1 beads of --en/--ar are kept).";

/// A news item, its translation, and boilerplate (written for this example).
const SAMPLE: &str = include_str!("align_sample.txt");
const DOCUMENT_FORMATS: [&str; 6] = ["text", "jsonl", "tsv", "moses", "tmx", "runs"];
const PRESPLIT_FORMATS: [&str; 7] = ["beads", "ladder", "text", "jsonl", "tsv", "moses", "tmx"];

fn main() -> ExitCode {
    let failed = run().map_err(|e| eprintln!("align: error: {e}")).is_err();
    ExitCode::from(u8::from(failed))
}

/// An output error as a message; a closed pipe (`| head -1`) ends the run
/// quietly and successfully, since the reader has all it wanted.
fn write_err(e: io::Error) -> String {
    if e.kind() == io::ErrorKind::BrokenPipe {
        std::process::exit(0);
    }
    format!("cannot write output: {e}")
}

#[derive(Default, Debug)]
struct Options {
    files: Vec<OsString>,
    en: Option<OsString>,
    ar: Option<OsString>,
    input: Option<OsString>,
    format: Option<String>,
    out: Option<OsString>,
    unit: Segtype,
    min_score: f64,
    no_anchors: bool,
    max_bead: Option<usize>,
    threads: Option<usize>,
    max_record_bytes: Option<usize>,
    bidi: bool,
    info: Option<String>,
}

/// A number option's value, if `ok` accepts it.
fn number<T: std::str::FromStr>(flag: &str, v: &OsStr, ok: fn(&T) -> bool) -> Result<T, String> {
    let v = v.to_string_lossy();
    let n: Option<T> = v.parse().ok().filter(ok);
    n.ok_or(format!("{flag} `{v}` is out of range (try --help)"))
}

/// Most threads `--threads` starts: far more than any machine's cores, and
/// few enough that starting them takes no noticeable time.
const MAX_THREADS: usize = 1024;

/// The value of `--threads`: 1 to [`MAX_THREADS`].
fn threads(v: &OsStr) -> Result<usize, String> {
    let n: Option<usize> = v.to_str().and_then(|v| v.parse().ok());
    n.filter(|n| (1..=MAX_THREADS).contains(n)).ok_or(format!(
        "--threads `{}` is out of range: 1 to {MAX_THREADS}",
        v.to_string_lossy()
    ))
}

fn parse_args(args: impl IntoIterator<Item = OsString>) -> Result<Options, String> {
    let mut o = Options::default();
    let mut args = args.into_iter();
    while let Some(a) = args.next() {
        let flag = a.to_string_lossy().into_owned();
        let mut value = || args.next().ok_or(format!("{flag} needs a value"));
        match flag.as_str() {
            "-h" | "--help" => o.info = Some(USAGE.into()),
            "-V" | "--version" => o.info = Some(format!("align {}", env!("CARGO_PKG_VERSION"))),
            "--format" => o.format = Some(value()?.to_string_lossy().into_owned()),
            "--unit" => match value()?.to_str() {
                Some("sentence") => o.unit = Segtype::Sentence,
                Some("paragraph") => o.unit = Segtype::Paragraph,
                _ => return Err("--unit is `sentence` or `paragraph`".into()),
            },
            "--input" => o.input = Some(value()?),
            "--out" => o.out = Some(value()?),
            "--min-score" => o.min_score = number(&flag, &value()?, |x| (0.0..=1.0).contains(x))?,
            "--threads" => o.threads = Some(threads(&value()?)?),
            "--max-record-bytes" => {
                o.max_record_bytes = Some(number(&flag, &value()?, |&n| n > 0)?)
            }
            "--max-bead" => o.max_bead = Some(number(&flag, &value()?, |&n| n > 0)?),
            "--no-anchors" => o.no_anchors = true,
            "--bidi" => o.bidi = true,
            "--en" => o.en = Some(value()?),
            "--ar" => o.ar = Some(value()?),
            f if f.starts_with('-') && f != "-" => return Err(format!("unknown option `{f}`")),
            _ => o.files.push(a),
        }
    }
    Ok(o)
}

fn run() -> Result<(), String> {
    let o = parse_args(std::env::args_os().skip(1))?;
    if let Some(info) = &o.info {
        return writeln!(io::stdout(), "{info}").map_err(write_err);
    }
    match o.threads {
        #[cfg(feature = "parallel")]
        Some(n) => match rayon::ThreadPoolBuilder::new().num_threads(n).build() {
            Ok(pool) => pool.install(|| align(&o)),
            Err(e) => Err(format!("cannot start {n} threads: {e}")),
        },
        #[cfg(not(feature = "parallel"))]
        Some(n) if n > 1 => Err("--threads above 1 needs the `parallel` feature".into()),
        _ => align(&o),
    }
}

/// Refuses flags that would do nothing (before any input is read), then aligns.
fn align(o: &Options) -> Result<(), String> {
    let presplit = o.en.is_some() || o.ar.is_some();
    let paragraphs = o.unit == Segtype::Paragraph;
    let (formats, mode) = match presplit {
        true => (&PRESPLIT_FORMATS[..], "with --en/--ar"),
        false => (&DOCUMENT_FORMATS[..], "for documents"),
    };
    let format = o.format.as_deref().unwrap_or(formats[0]);
    let extra = presplit || !o.files.is_empty() || o.format.is_some() || o.out.is_some();
    let problem = match format {
        _ if o.input.as_ref().is_some_and(|i| i != "jsonl") => "unknown input (try --help)".into(),
        _ if o.input.is_some() && (extra || o.bidi || paragraphs) => {
            "--input jsonl takes no other flag".into()
        }
        _ if o.input.is_none() && o.max_record_bytes.is_some() => {
            "--max-record-bytes is only used by --input jsonl".into()
        }
        _ if !formats.contains(&format) => format!("unknown format `{format}` {mode}"),
        "moses" if o.out.is_none() => "--format moses needs --out PREFIX".into(),
        f if f != "moses" && o.out.is_some() => "--out is only used by --format moses".into(),
        f if f != "text" && o.bidi => "--bidi is only used by --format text".into(),
        _ if presplit && paragraphs => "--unit is for documents, not --en/--ar".into(),
        _ if presplit && !o.files.is_empty() => "--en/--ar take no FILE".into(),
        _ => String::new(),
    };
    if !problem.is_empty() {
        return Err(problem);
    }
    if o.input.is_some() {
        return stream(o);
    }
    let mut w = BufWriter::new(io::stdout().lock());
    match (&o.en, &o.ar) {
        (Some(_), Some(_)) => sentence_lists(o, format, &mut w)?,
        (None, None) => documents(o, format, &mut w)?,
        _ => return Err("--en and --ar go together".into()),
    }
    w.flush().map_err(write_err)
}

fn aligner(o: &Options) -> AlignerBuilder {
    let a = Aligner::builder().anchors(!o.no_anchors);
    o.max_bead.into_iter().fold(a, AlignerBuilder::max_bead)
}

fn document_builder(o: &Options) -> DocumentAlignerBuilder {
    let d = DocumentAligner::builder().aligner(aligner(o));
    let d = d.sentence_pairs(o.unit == Segtype::Sentence);
    d.min_score(o.min_score)
}

fn document_aligner(o: &Options) -> Result<DocumentAligner, String> {
    document_builder(o).build().map_err(|e| e.to_string())
}

/// `--input jsonl`: stdin to stdout, a record a line (see `bitext::stream`).
fn stream(o: &Options) -> Result<(), String> {
    let mut stream = JsonlAligner::builder().aligner(document_builder(o));
    if let Some(max) = o.max_record_bytes {
        stream = stream.max_record_bytes(max);
    }
    let stream = stream.build().map_err(|e| e.to_string())?;
    let done = stream.run(io::stdin().lock(), BufWriter::new(io::stdout().lock()));
    done.map(drop).map_err(write_err)
}

/// Reads a UTF-8 file (`-`: stdin), as `(name for output, text)`.
fn read(path: &OsStr) -> Result<(String, String), String> {
    let (name, mut bytes) = (path.to_string_lossy().into_owned(), Vec::new());
    match path == "-" {
        true => io::stdin().read_to_end(&mut bytes).map(drop),
        false => std::fs::read(path).map(|b| bytes = b),
    }
    .map_err(|e| format!("cannot read `{name}`: {e}"))?;
    let text = String::from_utf8(bytes).map_err(|e| Error::from(e.utf8_error()));
    let text = text.map_err(|e| format!("`{name}`: {e}"))?;
    Ok((name, text))
}

/// Document mode. Without files, stdin is read when it is not a terminal, and
/// the sample is aligned when stdin is a terminal or holds no bytes (as when a
/// test harness or CI job leaves it empty or closed).
fn documents(o: &Options, format: &str, w: &mut impl Write) -> Result<(), String> {
    let mut inputs: Vec<_> = o.files.iter().map(|f| read(f)).collect::<Result<_, _>>()?;
    if o.files.is_empty() && !io::stdin().is_terminal() {
        inputs.push(read(OsStr::new("-"))?);
    }
    if o.files.is_empty() && inputs.first().map_or(true, |(_, text)| text.is_empty()) {
        inputs = vec![("sample".into(), SAMPLE.into())];
    }
    let texts: Vec<&str> = inputs.iter().map(|(_, t)| t.as_str()).collect();
    let mut docs = Vec::with_capacity(texts.len());
    for ((name, _), doc) in inputs.iter().zip(document_aligner(o)?.align_batch(&texts)) {
        let d = doc.map_err(|e| format!("{name}: {e}"))?;
        let n = [d.runs.len(), d.sentences.len(), d.pairs.len()];
        let title = format!("{name}: {} runs, {} sentences, {} pairs", n[0], n[1], n[2]);
        docs.push((name, d, title));
    }
    let mut j = JsonlWriter::new(&mut *w);
    match format {
        "jsonl" => docs.iter().try_for_each(|d| j.write_pairs(d.0, &d.1.pairs)),
        "runs" => docs.iter().try_for_each(|d| j.write_runs(d.0, &d.1)),
        _ => {
            let mut out = unit_writer(o, format, w)?;
            for (name, d, title) in &docs {
                out.start_document(title).map_err(write_err)?;
                write_pairs(&mut *out, name, &d.pairs).map_err(write_err)?;
            }
            out.finish_output()
        }
    }
    .map_err(write_err)
}

/// Pre-split mode: two files of one sentence a line, aligned by the core aligner.
fn sentence_lists(o: &Options, format: &str, w: &mut impl Write) -> Result<(), String> {
    let [en, ar] = [&o.en, &o.ar].map(|p| read(p.as_deref().unwrap_or_default()));
    let ((en_name, en_text), (ar_name, ar_text)) = (en?, ar?);
    let (en, ar): (Vec<&str>, Vec<&str>) = (en_text.lines().collect(), ar_text.lines().collect());
    let mut aligner = aligner(o).build().map_err(|e| e.to_string())?;
    let alignment = aligner.align(&en, &ar);
    let beads = alignment.beads.iter();
    let kept = beads.filter(|b| b.score >= o.min_score || b.kind.is_unmatched());
    match format {
        "ladder" => write_ladder(w, &alignment.beads),
        "beads" => write_vecalign(w, kept),
        "jsonl" => JsonlWriter::new(w).write_beads(&en, &ar, kept),
        _ => {
            let mut out = unit_writer(o, format, w)?;
            let title = format!("{en_name} + {ar_name}");
            out.start_document(&title).map_err(write_err)?;
            write_beads(&mut *out, &en_name, &en, &ar, kept).map_err(write_err)?;
            out.finish_output()
        }
    }
    .map_err(write_err)
}
type Units<'w> = Result<Box<dyn UnitWriter + 'w>, String>;

/// The writer of text, tsv, tmx or moses output.
fn unit_writer<'w>(o: &Options, format: &str, w: &'w mut impl Write) -> Units<'w> {
    let prefix = o.out.as_deref().unwrap_or_default();
    let cannot = |e| format!("cannot write `{}`: {e}", prefix.to_string_lossy());
    Ok(match format {
        "moses" => Box::new(MosesFiles::create(prefix).map_err(cannot)?),
        "tmx" => Box::new(TmxWriter::with_header(w, o.unit, SystemTime::now()).map_err(write_err)?),
        "tsv" => Box::new(TsvWriter::new(w)),
        _ => Box::new(TableWriter::new(w).visual(o.bidi || io::stdout().is_terminal())),
    })
}
