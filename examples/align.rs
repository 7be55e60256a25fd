//! Align English–Arabic documents or pre-split sentence files with the crate's aligners and
//! writers. All input is read, checked and aligned before any output; a file that cannot
//! be read or decoded is reported and left out, and the exit status says so.

use std::ffi::{OsStr, OsString};
use std::io::{self, BufWriter, IsTerminal, Read, Write};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::SystemTime;

use bitext::stream::JsonlAligner;
use bitext::write::UnitWriter;
use bitext::write::{write_ladder, write_vecalign};
use bitext::write::{JsonlWriter, MosesFiles, Segtype, TableWriter, TmxWriter, TsvWriter};
use bitext::{Aligner, DocumentAligner, DocumentAlignment};
use bitext::{AlignerBuilder, Alignment, DocumentAlignerBuilder, Encoding, Lang, Lexicon};

const USAGE: &str = "\
usage: align FILE... [--format text|jsonl|tsv|moses|tmx|runs] [--unit sentence|paragraph]
       align --sample   (the built-in sample page)
       align --en EN_FILE --ar AR_FILE [--format beads|ladder|text|jsonl|tsv|moses|tmx]
       align --input jsonl [--max-record-bytes N]   (JSON Lines on stdin, results on stdout;
             see bitext::stream; longer lines get an error record, default 256 MiB)
Options: --out PREFIX (moses: PREFIX.en, PREFIX.ar)  --min-score F  --bidi (text)
         --header (tsv)  --source-lang en|ar (tmx)  --encoding LABEL  --fail-fast
         --require-parallel  --no-anchors  --max-bead N  --threads N (1 to 1024)  --version  --help
Lexicon: --dictionary PATH (dictd .index, hunalign .dic or two-column .tsv)  --lexicon FILE
         (saved)  --train-lexicon FILE (train on the input's confident pairs, write FILE,
         align again with it; FILEs or --en/--ar, not --input jsonl)  --no-lexicon
FILE `-` is standard input; without FILE, standard input is read when it is not a terminal.
Formats: text (a table), jsonl, tsv, moses, tmx (TMX 1.4), runs (language runs, JSON);
with --en/--ar, beads (vecalign: `[0, 1]:[0]:COST`, COST = 1 - score), ladder (hunalign).
Input is UTF-8, UTF-16 (byte order mark or NUL pattern) or what a `charset=` declaration
in the first KiB names (windows-1256, iso-8859-6, ...); --encoding LABEL says which.
A file that cannot be read or decoded is reported and skipped: exit status 1 (--fail-fast:
stop there, write nothing). Bad usage or no input: exit status 2.
--min-score F drops pairs scored below F in every format; with --en/--ar it also drops
every 1-0 and 0-1 bead (its score is not a pair's), which are kept without --min-score.
--require-parallel: a document or --en/--ar pair that does not look parallel (or, for
--en/--ar, whose languages look swapped) is an error instead of a warning.
--format tsv with several FILEs starts each line with the file's name (column `doc`).";

/// A news item, its translation, and boilerplate (written for this example).
const SAMPLE: &str = include_str!("align_sample.txt");
const DOCUMENT_FORMATS: [&str; 6] = ["text", "jsonl", "tsv", "moses", "tmx", "runs"];
const PRESPLIT_FORMATS: [&str; 7] = ["beads", "ladder", "text", "jsonl", "tsv", "moses", "tmx"];

fn main() -> ExitCode {
    match run() {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(f) => {
            eprintln!("align: error: {}", f.message);
            ExitCode::from(f.status)
        }
    }
}

/// Why a run stops: its message and exit status (2 for bad usage or no
/// input, 1 for anything else, as `grep` does).
struct Failure {
    status: u8,
    message: String,
}

impl From<String> for Failure {
    fn from(message: String) -> Self {
        Failure { status: 1, message }
    }
}

/// A usage error: exit status 2.
fn usage(message: impl Into<String>) -> Failure {
    Failure {
        status: 2,
        message: message.into(),
    }
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
    unit: Option<Segtype>,
    min_score: Option<f64>,
    no_anchors: bool,
    max_bead: Option<usize>,
    threads: Option<usize>,
    max_record_bytes: Option<usize>,
    bidi: bool,
    info: Option<String>,
    sample: bool,
    fail_fast: bool,
    header: bool,
    source_lang: Option<Lang>,
    encoding: Option<&'static Encoding>,
    require_parallel: bool,
    dictionary: Option<OsString>,
    lexicon_file: Option<OsString>,
    train_lexicon: Option<OsString>,
    no_lexicon: bool,
    /// What `dictionary` or `lexicon_file` holds, read before any input.
    lexicon: Option<Arc<Lexicon>>,
}

/// What a number option expects, for its error message.
fn expected(flag: &str) -> &'static str {
    match flag {
        "--min-score" => "a number in [0, 1]",
        _ => "a whole number of at least 1",
    }
}

/// A number option's value, if `ok` accepts it.
fn number<T: std::str::FromStr>(flag: &str, v: &OsStr, ok: fn(&T) -> bool) -> Result<T, String> {
    let v = v.to_string_lossy();
    let n: Option<T> = v.parse().ok().filter(ok);
    n.ok_or(format!("{flag} expects {}, not `{v}`", expected(flag)))
}

/// A word option's value among `choices`.
fn choice<'c>(flag: &str, v: &OsStr, choices: &[&'c str]) -> Result<&'c str, String> {
    let found = choices.iter().find(|c| v == **c).copied();
    let list = choices.iter().map(|c| format!("`{c}`")).collect::<Vec<_>>();
    found.ok_or(format!(
        "{flag} expects {}, not `{}`",
        list.join(" or "),
        v.to_string_lossy()
    ))
}

/// The encoding a `--encoding` label names.
fn encoding(v: &OsStr) -> Result<&'static Encoding, String> {
    let label = v.to_string_lossy();
    Encoding::for_label_no_replacement(label.as_bytes()).ok_or(format!(
        "--encoding expects an encoding label (utf-8, utf-16le, utf-16be, windows-1256, \
         iso-8859-6, ...), not `{label}`"
    ))
}

/// Most threads `--threads` starts: far more than any machine's cores, and
/// few enough that starting them takes no noticeable time.
const MAX_THREADS: usize = 1024;

/// The value of `--threads`: 1 to [`MAX_THREADS`].
fn threads(v: &OsStr) -> Result<usize, String> {
    let n: Option<usize> = v.to_str().and_then(|v| v.parse().ok());
    n.filter(|n| (1..=MAX_THREADS).contains(n)).ok_or(format!(
        "--threads expects a whole number from 1 to {MAX_THREADS}, not `{}`",
        v.to_string_lossy()
    ))
}

fn parse_args(args: impl IntoIterator<Item = OsString>) -> Result<Options, String> {
    let mut o = Options::default();
    let mut args = args.into_iter();
    while let Some(a) = args.next() {
        let flag = a.to_string_lossy().into_owned();
        let mut value = || args.next().ok_or(format!("{flag} expects a value"));
        match flag.as_str() {
            "-h" | "--help" => o.info = Some(USAGE.into()),
            "-V" | "--version" => o.info = Some(format!("align {}", env!("CARGO_PKG_VERSION"))),
            "--format" => o.format = Some(value()?.to_string_lossy().into_owned()),
            "--unit" => match choice(&flag, &value()?, &["sentence", "paragraph"])? {
                "sentence" => o.unit = Some(Segtype::Sentence),
                _ => o.unit = Some(Segtype::Paragraph),
            },
            "--input" => o.input = Some(value()?),
            "--out" => o.out = Some(value()?),
            "--min-score" => {
                o.min_score = Some(number(&flag, &value()?, |x| (0.0..=1.0).contains(x))?)
            }
            "--threads" => o.threads = Some(threads(&value()?)?),
            "--max-record-bytes" => {
                o.max_record_bytes = Some(number(&flag, &value()?, |&n| n > 0)?)
            }
            "--max-bead" => o.max_bead = Some(number(&flag, &value()?, |&n| n > 0)?),
            "--no-anchors" => o.no_anchors = true,
            "--bidi" => o.bidi = true,
            "--en" => o.en = Some(value()?),
            "--ar" => o.ar = Some(value()?),
            "--sample" => o.sample = true,
            "--fail-fast" => o.fail_fast = true,
            "--header" => o.header = true,
            "--require-parallel" => o.require_parallel = true,
            "--source-lang" => match choice(&flag, &value()?, &["en", "ar"])? {
                "ar" => o.source_lang = Some(Lang::Arabic),
                _ => o.source_lang = Some(Lang::English),
            },
            "--encoding" => o.encoding = Some(encoding(&value()?)?),
            "--dictionary" => o.dictionary = Some(value()?),
            "--lexicon" => o.lexicon_file = Some(value()?),
            "--train-lexicon" => o.train_lexicon = Some(value()?),
            "--no-lexicon" => o.no_lexicon = true,
            f if f.starts_with('-') && f != "-" => return Err(format!("unknown option `{f}`")),
            _ => o.files.push(a),
        }
    }
    Ok(o)
}

fn run() -> Result<bool, Failure> {
    let mut o = parse_args(std::env::args_os().skip(1)).map_err(usage)?;
    if let Some(info) = &o.info {
        writeln!(io::stdout(), "{info}").map_err(write_err)?;
        return Ok(true);
    }
    o.lexicon = load_lexicon(&o)?;
    match o.threads {
        #[cfg(feature = "parallel")]
        Some(n) => match rayon::ThreadPoolBuilder::new().num_threads(n).build() {
            Ok(pool) => pool.install(|| align(&o)),
            Err(e) => Err(format!("cannot start {n} threads: {e}").into()),
        },
        #[cfg(not(feature = "parallel"))]
        Some(n) if n > 1 => Err(usage("--threads above 1 needs the `parallel` feature")),
        _ => align(&o),
    }
}

/// The dictionary or saved lexicon the command line names, read once.
fn load_lexicon(o: &Options) -> Result<Option<Arc<Lexicon>>, Failure> {
    let lexicon = match (&o.dictionary, &o.lexicon_file) {
        (Some(_), Some(_)) => return Err(usage("give --dictionary or --lexicon, not both")),
        _ if o.no_lexicon && (o.dictionary.is_some() || o.lexicon_file.is_some()) => {
            return Err(usage("--no-lexicon takes no --dictionary or --lexicon"))
        }
        _ if o.no_lexicon && o.train_lexicon.is_some() => {
            return Err(usage("--no-lexicon takes no --train-lexicon"))
        }
        (Some(path), None) => Lexicon::from_dictionary(path),
        (None, Some(path)) => Lexicon::load(path),
        (None, None) => return Ok(None),
    };
    Ok(Some(Arc::new(lexicon.map_err(|e| e.to_string())?)))
}

/// Writes a trained lexicon to `--train-lexicon`'s file; `Ok(false)` (said on
/// stderr) where the input taught none: the alignment is still written.
fn save_lexicon(o: &Options, lexicon: Option<&Lexicon>) -> Result<bool, Failure> {
    let Some(path) = &o.train_lexicon else {
        return Ok(true);
    };
    match lexicon {
        Some(lex) => lex
            .save(path)
            .map(|()| true)
            .map_err(|e| e.to_string().into()),
        None => {
            eprintln!(
                "align: error: --train-lexicon: the input has fewer than 50 confident pairs \
                 to train on; {} not written",
                path.to_string_lossy()
            );
            Ok(false)
        }
    }
}

/// The flags given that `--input jsonl` has no use for: the stream reads
/// JSON Lines (UTF-8) from stdin and writes JSON Lines.
fn unused_by_stream(o: &Options) -> Option<&'static str> {
    [
        (!o.files.is_empty(), "FILE"),
        (o.en.is_some() || o.ar.is_some(), "--en/--ar"),
        (o.format.is_some(), "--format"),
        (o.out.is_some(), "--out"),
        (o.bidi, "--bidi"),
        (o.sample, "--sample"),
        (o.header, "--header"),
        (o.source_lang.is_some(), "--source-lang"),
        (o.encoding.is_some(), "--encoding"),
        (o.fail_fast, "--fail-fast"),
        (o.require_parallel, "--require-parallel"),
        // The stream reads standard input once, a window at a time, and keeps
        // none of it: a second pass would need the whole stream held or re-read.
        (
            o.train_lexicon.is_some(),
            "--train-lexicon (train on FILEs, then give --lexicon)",
        ),
    ]
    .into_iter()
    .find_map(|(given, name)| given.then_some(name))
}

/// The first flag given that does nothing with this mode and format.
fn flag_problem(o: &Options, presplit: bool, format: &str) -> Option<String> {
    let (formats, mode) = match presplit {
        true => (&PRESPLIT_FORMATS[..], "with --en/--ar"),
        false => (&DOCUMENT_FORMATS[..], "for documents"),
    };
    Some(match format {
        _ if !formats.contains(&format) => format!(
            "--format expects one of {} {mode}, not `{format}`",
            formats.join(", ")
        ),
        "moses" if o.out.is_none() => "--format moses needs --out PREFIX".into(),
        f if f != "moses" && o.out.is_some() => "--out is only used by --format moses".into(),
        f if f != "text" && o.bidi => "--bidi is only used by --format text".into(),
        f if f != "tsv" && o.header => "--header is only used by --format tsv".into(),
        _ if o.max_record_bytes.is_some() => {
            "--max-record-bytes is only used by --input jsonl".into()
        }
        f if f != "tmx" && o.source_lang.is_some() => {
            "--source-lang is only used by --format tmx".into()
        }
        "ladder" if o.min_score.is_some() => {
            "--min-score does not apply to --format ladder (a ladder lists every bead)".into()
        }
        _ if presplit && o.unit.is_some() => "--unit is for documents, not --en/--ar".into(),
        _ if presplit && !o.files.is_empty() => "--en/--ar take no FILE".into(),
        _ if presplit && o.sample => "--sample takes no --en/--ar".into(),
        _ if presplit && o.fail_fast => "--fail-fast is for FILEs, not --en/--ar".into(),
        _ if o.sample && !o.files.is_empty() => "--sample takes no FILE".into(),
        _ => return None,
    })
}

/// Refuses flags that would do nothing (before any input is read), then aligns.
/// `Ok(false)`: some input failed and was reported.
fn align(o: &Options) -> Result<bool, Failure> {
    let presplit = o.en.is_some() || o.ar.is_some();
    if let Some(input) = &o.input {
        if input != "jsonl" {
            let input = input.to_string_lossy();
            return Err(usage(format!("--input expects `jsonl`, not `{input}`")));
        }
        if let Some(flag) = unused_by_stream(o) {
            return Err(usage(format!("--input jsonl does not take {flag}")));
        }
        return stream(o).map(|()| true).map_err(Failure::from);
    }
    let default = if presplit {
        PRESPLIT_FORMATS[0]
    } else {
        DOCUMENT_FORMATS[0]
    };
    let format = o.format.as_deref().unwrap_or(default);
    if let Some(problem) = flag_problem(o, presplit, format) {
        return Err(usage(problem));
    }
    let mut w = BufWriter::new(io::stdout().lock());
    let ok = match (&o.en, &o.ar) {
        (Some(en), Some(ar)) => sentence_lists(o, [en, ar], format, &mut w)?,
        (None, None) => documents(o, format, &mut w)?,
        _ => return Err(usage("--en and --ar go together")),
    };
    w.flush().map_err(write_err)?;
    Ok(ok)
}

fn aligner(o: &Options) -> AlignerBuilder {
    let a = Aligner::builder().anchors(!o.no_anchors);
    let a = a.lexicon(o.lexicon.clone()).self_train(!o.no_lexicon);
    o.max_bead.into_iter().fold(a, AlignerBuilder::max_bead)
}

fn document_builder(o: &Options) -> DocumentAlignerBuilder {
    let d = DocumentAligner::builder().aligner(aligner(o));
    let d = d.sentence_pairs(o.unit != Some(Segtype::Paragraph));
    d.min_score(o.min_score.unwrap_or(0.0))
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

/// One input, read and decoded: its name for output and its text.
struct Input {
    name: String,
    text: String,
}

/// Reads and decodes a file (`-`: stdin). An error message names the file;
/// a note on stderr says which encoding was read when it is not UTF-8.
fn read(path: &OsStr, forced: Option<&'static Encoding>) -> Result<Input, String> {
    let name = path.to_string_lossy().into_owned();
    let (text, encoding) = match path == "-" {
        true => {
            let mut bytes = Vec::new();
            let read = io::stdin().read_to_end(&mut bytes);
            read.map_err(|e| format!("{name}: {e}"))?;
            let (text, encoding) =
                bitext::decode(&bytes, forced).map_err(|e| undecodable(&name, e))?;
            (text.into_owned(), encoding)
        }
        false => bitext::read_text(path.as_ref(), forced).map_err(|e| match e {
            bitext::Error::File { .. } => e.to_string(),
            e => undecodable(&name, e),
        })?,
    };
    if encoding.name() != "UTF-8" {
        eprintln!("align: {name}: read as {}", encoding.name());
    }
    Ok(Input { name, text })
}

/// The message for a file whose bytes are not text in the encoding read.
fn undecodable(name: &str, e: bitext::Error) -> String {
    let hint = match e {
        bitext::Error::InvalidUtf8 { .. } => " (another encoding? give --encoding LABEL)",
        _ => "",
    };
    format!("{name}: {e}{hint}")
}

/// `n` and its noun, singular or plural.
fn count(n: usize, noun: &str) -> String {
    format!("{n} {noun}{}", if n == 1 { "" } else { "s" })
}

/// The documents to align: `--sample`, the files, or stdin when it is not a
/// terminal and holds data. Files that cannot be read are reported (or, with
/// `--fail-fast`, end the run) and counted in the second value.
fn document_inputs(o: &Options) -> Result<(Vec<Input>, usize), Failure> {
    if o.sample {
        let sample = Input {
            name: "sample".into(),
            text: SAMPLE.into(),
        };
        return Ok((vec![sample], 0));
    }
    if o.files.is_empty() {
        if io::stdin().is_terminal() {
            eprintln!("align: note: to see what align does, try `align --sample`");
            return Err(usage("no input: give FILE... (`-` for standard input)"));
        }
        let input = read(OsStr::new("-"), o.encoding)?;
        if input.text.is_empty() {
            return Err(usage(
                "no input: standard input is empty and no FILE was given",
            ));
        }
        return Ok((vec![input], 0));
    }
    let (mut inputs, mut failed) = (Vec::with_capacity(o.files.len()), 0);
    for f in &o.files {
        match read(f, o.encoding) {
            Ok(input) => inputs.push(input),
            Err(e) if o.fail_fast => return Err(e.into()),
            Err(e) => {
                eprintln!("align: error: {e}");
                failed += 1;
            }
        }
    }
    Ok((inputs, failed))
}

/// Document mode: every input that can be read is aligned and written.
fn documents(o: &Options, format: &str, w: &mut impl Write) -> Result<bool, Failure> {
    let (inputs, mut failed) = document_inputs(o)?;
    let texts: Vec<&str> = inputs.iter().map(|i| i.text.as_str()).collect();
    let mut docs = Vec::with_capacity(texts.len());
    let mut saved = true;
    let aligned = match o.train_lexicon {
        Some(_) => {
            let (aligned, lexicon) = document_aligner(o)?.align_batch_taught(&texts);
            saved = save_lexicon(o, lexicon.as_ref())?;
            aligned
        }
        None => document_aligner(o)?.align_batch(&texts),
    };
    for (input, doc) in inputs.iter().zip(aligned) {
        let problem = match &doc {
            Err(e) => Some(e.to_string()),
            Ok(d) if o.require_parallel && !d.is_parallel() => Some(not_parallel(d)),
            Ok(_) => None,
        };
        match (problem, doc) {
            (Some(p), _) if o.fail_fast => return Err(format!("{}: {p}", input.name).into()),
            (Some(p), _) => {
                eprintln!("align: error: {}: {p}", input.name);
                failed += 1;
            }
            (None, Ok(d)) => docs.push((input.name.as_str(), d)),
            (None, Err(_)) => {}
        }
    }
    write_documents(o, format, &docs, w)?;
    if failed > 0 {
        let total = o.files.len().max(1);
        eprintln!("align: {} of {} failed", failed, count(total, "input"));
    }
    Ok(failed == 0 && saved)
}

/// Why a document is not parallel, for `--require-parallel`.
fn not_parallel(d: &DocumentAlignment<'_>) -> String {
    match d.no_pairs {
        Some(reason) => format!("does not look parallel ({reason})"),
        None => "does not look parallel".into(),
    }
}

/// Writes the aligned documents in `format`.
fn write_documents(
    o: &Options,
    format: &str,
    docs: &[(&str, DocumentAlignment<'_>)],
    w: &mut impl Write,
) -> Result<(), Failure> {
    let mut j = JsonlWriter::new(&mut *w);
    match format {
        "jsonl" => docs
            .iter()
            .try_for_each(|(n, d)| j.write_pairs(n, &d.pairs)),
        "runs" => docs.iter().try_for_each(|(n, d)| j.write_runs(n, d)),
        _ => {
            let mut out = unit_writer(o, format, w)?;
            for (name, d) in docs {
                let n = [d.runs.len(), d.sentences.len(), d.pairs.len()];
                let counts = [(n[0], "run"), (n[1], "sentence"), (n[2], "pair")];
                let counts = counts.map(|(n, noun)| count(n, noun)).join(", ");
                out.start_document(&format!("{name}: {counts}"))
                    .map_err(write_err)?;
                out.write_pairs(name, &d.pairs).map_err(write_err)?;
            }
            out.finish_output()
        }
    }
    .map_err(|e| write_err(e).into())
}

/// Pre-split mode: two files of one sentence a line, aligned by the core
/// aligner. Warns (or with `--require-parallel` fails) when they do not look
/// like translations of each other.
fn sentence_lists(
    o: &Options,
    [en_path, ar_path]: [&OsString; 2],
    format: &str,
    w: &mut impl Write,
) -> Result<bool, Failure> {
    let en_input = read(en_path, o.encoding)?;
    let ar_input = read(ar_path, o.encoding)?;
    let en: Vec<&str> = en_input.text.lines().collect();
    let ar: Vec<&str> = ar_input.text.lines().collect();
    let mut aligner = aligner(o).build().map_err(|e| e.to_string())?;
    let mut alignment = aligner.align(&en, &ar);
    let mut saved = true;
    if o.train_lexicon.is_some() {
        let lexicon = Lexicon::from_confident_beads(&alignment, &en, &ar, o.lexicon.as_deref());
        saved = save_lexicon(o, lexicon.as_ref())?;
        if let Some(lexicon) = lexicon {
            let taught = self::aligner(o).lexicon(Some(Arc::new(lexicon)));
            alignment = taught.build().map_err(|e| e.to_string())?.align(&en, &ar);
        }
    }
    check_parallel(o, [&en_input, &ar_input], &alignment)?;
    let kept = alignment.beads.iter().filter(|b| match o.min_score {
        None => true,
        Some(min) => !b.kind.is_unmatched() && b.score >= min,
    });
    let en_name = en_input.name.as_str();
    match format {
        "ladder" => write_ladder(w, &alignment.beads),
        "beads" => write_vecalign(w, kept),
        "jsonl" => JsonlWriter::new(w).write_beads(en_name, &en, &ar, kept),
        _ => {
            let mut out = unit_writer(o, format, w)?;
            let title = format!("{en_name} + {}", ar_input.name);
            out.start_document(&title).map_err(write_err)?;
            out.write_beads(en_name, &en, &ar, kept)
                .map_err(write_err)?;
            out.finish_output()
        }
    }
    .map_err(write_err)?;
    Ok(saved)
}

/// Share of the letters of `text` that are Arabic script, `None` without
/// letters: over the whole of a short text, and over `SHARE_SAMPLES` stretches
/// spread evenly through a long one (a book's millions of letters say no more
/// about its script than a hundred thousand taken from every part of it).
fn arabic_share(text: &str) -> Option<f64> {
    let (letters, arabic) = if text.len() <= SHARE_SAMPLES * SHARE_STRETCH {
        letter_counts(text)
    } else {
        let step = text.len() / SHARE_SAMPLES;
        (0..SHARE_SAMPLES)
            .map(|k| {
                let start = char_floor(text, k * step);
                letter_counts(&text[start..char_floor(text, start + SHARE_STRETCH)])
            })
            .fold((0, 0), |(l, a), (dl, da)| (l + dl, a + da))
    };
    (letters > 0).then(|| arabic as f64 / letters as f64)
}

/// Stretches of a long text whose letters [`arabic_share`] counts.
const SHARE_SAMPLES: usize = 32;
/// The length of each, in bytes.
const SHARE_STRETCH: usize = 4096;

/// The last character boundary of `text` at or before byte `at`.
fn char_floor(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The letters of `text`, and how many of them are Arabic script.
fn letter_counts(text: &str) -> (usize, usize) {
    let arabic = |c: char| matches!(c, '\u{600}'..='\u{6FF}' | '\u{750}'..='\u{77F}' | '\u{8A0}'..='\u{8FF}' | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}');
    text.chars()
        .filter(|c| c.is_alphabetic())
        .fold((0, 0), |(l, a), c| (l + 1, a + usize::from(arabic(c))))
}

/// Warns on stderr when the two lists do not look like translations of each
/// other or their languages look swapped; with `--require-parallel`, fails.
fn check_parallel(o: &Options, [en, ar]: [&Input; 2], a: &Alignment) -> Result<(), Failure> {
    let mut problems = Vec::new();
    if arabic_share(&en.text).is_some_and(|s| s > 0.5) {
        problems.push(format!("the --en file {} is mostly Arabic script", en.name));
    }
    if arabic_share(&ar.text).is_some_and(|s| s < 0.5) {
        problems.push(format!(
            "the --ar file {} is mostly not Arabic script",
            ar.name
        ));
    }
    if problems.len() == 2 {
        problems = vec![format!(
            "{} and {} look swapped (--en is Arabic, --ar is not)",
            en.name, ar.name
        )];
    }
    if !a.is_parallel() {
        problems.push(format!(
            "{} and {} do not look like translations of each other",
            en.name, ar.name
        ));
    }
    if problems.is_empty() {
        return Ok(());
    }
    if o.require_parallel {
        return Err(format!("{} (--require-parallel)", problems.join("; ")).into());
    }
    for p in problems {
        eprintln!("align: warning: {p}");
    }
    Ok(())
}

type Units<'w> = Result<Box<dyn UnitWriter + 'w>, String>;

/// The writer of text, tsv, tmx or moses output.
fn unit_writer<'w>(o: &Options, format: &str, w: &'w mut impl Write) -> Units<'w> {
    let prefix = o.out.as_deref().unwrap_or_default();
    let cannot = |e| format!("cannot write `{}`: {e}", prefix.to_string_lossy());
    let unit = o.unit.unwrap_or_default();
    let source = o.source_lang.unwrap_or(Lang::English);
    Ok(match format {
        "moses" => Box::new(MosesFiles::create(prefix).map_err(cannot)?),
        "tmx" => {
            Box::new(TmxWriter::with_header(w, unit, source, SystemTime::now()).map_err(write_err)?)
        }
        "tsv" => Box::new(
            TsvWriter::new(w)
                .source_column(o.files.len() > 1)
                .header(o.header),
        ),
        _ => Box::new(TableWriter::new(w).visual(o.bidi || io::stdout().is_terminal())),
    })
}
