//! Align scraped English–Arabic documents, or two pre-split sentence files.
//!
//! ```text
//! cargo run --example align                      # a built-in sample page
//! cargo run --example align -- FILE... [-]       # documents (`-` is stdin)
//!     [--format text|jsonl|tsv|moses|tmx|runs] [--out PREFIX] [--min-score F] [--bidi]
//! cargo run --example align -- --en EN_FILE --ar AR_FILE [--format beads|tsv|ladder]
//! cargo run --example align -- --input jsonl < records.jsonl   # a stream (bitext::stream)
//! ```
//!
//! Every input file is read, checked to be UTF-8 and aligned before anything is
//! printed, so a bad input never leaves a partial result behind. A stream is
//! written record by record instead.

use std::fmt::Write as _;
use std::io::{IsTerminal, Read, Write};
use std::process::ExitCode;

use bitext::stream::JsonlAligner;
use bitext::{Aligner, DocumentAligner, DocumentAlignment, Error};
use unicode_bidi::BidiInfo;

const USAGE: &str = "\
usage: align [FILE... | -] [--format text|jsonl|tsv|moses|tmx|runs] [--out PREFIX]
             [--min-score F] [--bidi]
       align --en EN_FILE --ar AR_FILE [--format beads|tsv|ladder] [--min-score F]
       align --input jsonl [--min-score F]   (JSON Lines on stdin, results on stdout)
Every form takes --threads N: worker threads (default: one per core).

Without files, aligns a built-in bilingual sample. `-` reads a document from stdin.

Document formats:
  text   readable table (default); Arabic in visual order on a terminal or with --bidi
  jsonl  one object per pair: en, ar, en_span, ar_span ([start, end] UTF-8 byte offsets
         into that input), kind, score, doc (file name, `-` for stdin)
  tsv    English<TAB>Arabic<TAB>score
  moses  PREFIX.en and PREFIX.ar, one pair a line (needs --out PREFIX)
  tmx    TMX 1.4
  runs   one JSON object per language run: lang, start, end, doc
Pre-split mode (--en/--ar: one sentence a line, blank lines included):
  beads  vecalign form `[0, 1]:[0]:0.9312` (default)
  tsv    English sentences<TAB>Arabic sentences<TAB>score, one bead a line
  ladder hunalign ladder: `en_index<TAB>ar_index<TAB>score` at the start of every
         bead, then the final `n<TAB>m`
--min-score F drops pairs (beads with both sides) scoring below F; in pre-split mode
1-0 and 0-1 beads are kept, and the ladder is never filtered.
Stream mode (--input jsonl): each line {\"id\", \"text\"} or {\"id\", \"en\": [...], \"ar\": [...]}
gives one line {\"id\", \"pairs\", \"parallelism\"}, {\"id\", \"beads\"} or {\"id\", \"line\", \"error\"},
in input order; lines are aligned in windows of 1024, so memory stays bounded.";

/// A sample page: a short news item, its translation, and boilerplate lines with
/// no translation (written for this example).
const SAMPLE: &str = "\
Home | News | Sport
English | العربية

New bridge opens across the river
The city opened a new bridge across the river on Saturday.
The bridge is two kilometres long and took four years to build.
Officials said it will cut travel times between the two banks by half.
Thousands of residents walked across it during the opening ceremony.
The mayor thanked the engineers and workers who built it.
Buses will start using the bridge next month.
Share this

افتتاح جسر جديد فوق النهر
افتتحت المدينة جسرا جديدا فوق النهر يوم السبت.
يبلغ طول الجسر كيلومترين واستغرق بناؤه أربع سنوات.
وقال المسؤولون إنه سيختصر وقت التنقل بين الضفتين إلى النصف.
وعبر آلاف السكان الجسر سيرا على الأقدام خلال حفل الافتتاح.
وشكر رئيس البلدية المهندسين والعمال الذين بنوه.
وستبدأ الحافلات باستخدام الجسر الشهر المقبل.
اقرأ أيضا
";

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("align: error: {e}");
            ExitCode::FAILURE
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Format {
    Text,
    Jsonl,
    Tsv,
    Moses,
    Tmx,
    Runs,
    Beads,
    Ladder,
}

impl Format {
    fn parse(s: &str) -> Result<Format, String> {
        Ok(match s {
            "text" => Format::Text,
            "jsonl" => Format::Jsonl,
            "tsv" => Format::Tsv,
            "moses" => Format::Moses,
            "tmx" => Format::Tmx,
            "runs" => Format::Runs,
            "beads" => Format::Beads,
            "ladder" => Format::Ladder,
            _ => return Err(format!("unknown format `{s}` (try --help)")),
        })
    }
}

#[derive(Default, Debug)]
struct Options {
    files: Vec<String>,
    format: Option<Format>,
    out: Option<String>,
    min_score: f64,
    bidi: bool,
    en: Option<String>,
    ar: Option<String>,
    stream: bool,
    threads: Option<usize>,
    help: bool,
}

fn parse_args(args: impl IntoIterator<Item = String>) -> Result<Options, String> {
    let mut o = Options::default();
    let mut args = args.into_iter();
    while let Some(a) = args.next() {
        let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value"));
        match a.as_str() {
            "-h" | "--help" => o.help = true,
            "--format" => o.format = Some(Format::parse(&value("--format")?)?),
            "--out" => o.out = Some(value("--out")?),
            "--min-score" => {
                let v = value("--min-score")?;
                o.min_score = v
                    .parse::<f64>()
                    .ok()
                    .filter(|x| (0.0..=1.0).contains(x))
                    .ok_or(format!("--min-score `{v}` is not a number in [0, 1]"))?;
            }
            "--bidi" => o.bidi = true,
            "--input" => match value("--input")?.as_str() {
                "jsonl" => o.stream = true,
                v => return Err(format!("unknown input `{v}` (try --help)")),
            },
            "--threads" => {
                let v = value("--threads")?;
                let n = v.parse::<usize>().ok().filter(|&n| n > 0);
                o.threads = Some(n.ok_or(format!("--threads `{v}` is not a positive number"))?);
            }
            "--en" => o.en = Some(value("--en")?),
            "--ar" => o.ar = Some(value("--ar")?),
            "-" => o.files.push(a),
            _ if a.starts_with('-') => return Err(format!("unknown option `{a}` (try --help)")),
            _ => o.files.push(a),
        }
    }
    Ok(o)
}

fn run() -> Result<(), String> {
    let o = parse_args(std::env::args().skip(1))?;
    if o.help {
        println!("{USAGE}");
        return Ok(());
    }
    match o.threads {
        Some(n) => in_pool(n, || align(&o)),
        None => align(&o),
    }
}

/// Runs `f` on a pool of `n` worker threads.
#[cfg(feature = "parallel")]
fn in_pool(n: usize, f: impl FnOnce() -> Result<(), String> + Send) -> Result<(), String> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(n)
        .build()
        .map_err(|e| format!("cannot start {n} threads: {e}"))?;
    pool.install(f)
}

#[cfg(not(feature = "parallel"))]
fn in_pool(n: usize, f: impl FnOnce() -> Result<(), String>) -> Result<(), String> {
    if n > 1 {
        return Err("--threads above 1 needs the `parallel` feature".into());
    }
    f()
}

fn align(o: &Options) -> Result<(), String> {
    if o.stream {
        if o.en.is_some() || o.ar.is_some() || !o.files.is_empty() {
            return Err("--input jsonl reads stdin; it takes no files nor --en/--ar".into());
        }
        if o.format.is_some() || o.out.is_some() || o.bidi {
            return Err("--format, --out and --bidi are not used by --input jsonl".into());
        }
        let stream = JsonlAligner::new().aligner(DocumentAligner::new().min_score(o.min_score));
        let stdout = std::io::BufWriter::new(std::io::stdout().lock());
        stream
            .run(std::io::stdin().lock(), stdout)
            .map_err(|e| format!("stream: {e}"))?;
        return Ok(());
    }
    let output = match (&o.en, &o.ar) {
        (Some(en), Some(ar)) => {
            if !o.files.is_empty() {
                return Err("document files cannot be combined with --en/--ar".into());
            }
            // Flags that would do nothing are refused rather than ignored.
            if o.out.is_some() || o.bidi {
                return Err("--out and --bidi are for document input, not --en/--ar".into());
            }
            presplit(o, en, ar)?
        }
        (None, None) => {
            let format = o.format.unwrap_or(Format::Text);
            if o.out.is_some() && format != Format::Moses {
                return Err(
                    "--out is only used by --format moses; the others write to stdout".into(),
                );
            }
            if o.bidi && format != Format::Text {
                return Err("--bidi is only used by --format text".into());
            }
            let inputs = read_inputs(&o.files)?;
            let docs = inputs
                .iter()
                .map(|(name, bytes)| Ok((name.as_str(), check_utf8(name, bytes)?)))
                .collect::<Result<Vec<_>, String>>()?;
            let bidi = o.bidi || (format == Format::Text && std::io::stdout().is_terminal());
            let texts: Vec<&str> = docs.iter().map(|d| d.1).collect();
            let results = DocumentAligner::new()
                .min_score(o.min_score)
                .align_batch(&texts);
            let mut aligned = Vec::with_capacity(docs.len());
            for ((name, _), doc) in docs.iter().zip(results) {
                aligned.push((*name, doc.map_err(|e| format!("{name}: {e}"))?));
            }
            // Written as rendered: a whole rendering of a big page would double
            // the memory it takes.
            let mut out = Out {
                w: std::io::BufWriter::new(std::io::stdout().lock()),
                err: None,
            };
            render_documents(&aligned, format, o.out.as_deref(), bidi, &mut out)?;
            return out.finish();
        }
        _ => return Err("--en and --ar go together".into()),
    };
    let mut stdout = std::io::stdout().lock();
    stdout
        .write_all(output.as_bytes())
        .and_then(|()| stdout.flush())
        .map_err(|e| format!("cannot write output: {e}"))
}

/// Text output into a writer, keeping the first write error for `finish`.
struct Out<W: Write> {
    w: W,
    err: Option<std::io::Error>,
}

impl<W: Write> std::fmt::Write for Out<W> {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        if self.err.is_none() {
            self.err = self.w.write_all(s.as_bytes()).err();
        }
        self.err.as_ref().map_or(Ok(()), |_| Err(std::fmt::Error))
    }
}

impl<W: Write> Out<W> {
    fn finish(mut self) -> Result<(), String> {
        match self.err.take() {
            Some(e) => Err(e),
            None => self.w.flush(),
        }
        .map_err(|e| format!("cannot write output: {e}"))
    }
}

/// Reads every input into memory: `(name, bytes)`, the sample when there are none.
fn read_inputs(files: &[String]) -> Result<Vec<(String, Vec<u8>)>, String> {
    if files.is_empty() {
        return Ok(vec![("sample".into(), SAMPLE.as_bytes().to_vec())]);
    }
    files
        .iter()
        .map(|f| {
            let bytes = if f == "-" {
                let mut buf = Vec::new();
                std::io::stdin()
                    .read_to_end(&mut buf)
                    .map_err(|e| format!("cannot read stdin: {e}"))?;
                buf
            } else {
                std::fs::read(f).map_err(|e| format!("cannot read `{f}`: {e}"))?
            };
            Ok((f.clone(), bytes))
        })
        .collect()
}

fn check_utf8<'b>(name: &str, bytes: &'b [u8]) -> Result<&'b str, String> {
    std::str::from_utf8(bytes).map_err(|e| format!("`{name}`: {}", Error::from_utf8(&e)))
}

/// One line of a text field for line-based formats: tabs and line breaks become spaces.
fn one_line(s: &str) -> String {
    OneLine(s).to_string()
}

/// [`one_line`] written straight into the output, without a copy of the field.
struct OneLine<'a>(&'a str);

impl std::fmt::Display for OneLine<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (i, part) in self.0.split(char::is_whitespace).enumerate() {
            if i > 0 {
                f.write_char(' ')?;
            }
            f.write_str(part)?;
        }
        Ok(())
    }
}

/// `s` in visual order, as a terminal without bidi support should draw it.
fn visual(s: &str) -> String {
    let s = one_line(s);
    let info = BidiInfo::new(&s, None);
    info.paragraphs
        .iter()
        .map(|p| info.reorder_line(p, p.range.clone()).into_owned())
        .collect()
}

/// Text for XML: escaped, and without the characters XML 1.0 forbids.
fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in one_line(s).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// Renders aligned documents in one of the document formats.
fn render_documents(
    docs: &[(&str, DocumentAlignment<'_>)],
    format: Format,
    out: Option<&str>,
    bidi: bool,
    s: &mut impl std::fmt::Write,
) -> Result<(), String> {
    match format {
        Format::Text => {
            for (name, doc) in docs {
                let _ = writeln!(
                    s,
                    "== {name}: {} runs, {} sentences, {} pairs",
                    doc.runs.len(),
                    doc.sentences.len(),
                    doc.pairs.len()
                );
                let _ = writeln!(s, "{:>4}  {:>6}  {:<4}  text", "#", "score", "kind");
                for (i, p) in doc.pairs.iter().enumerate() {
                    let ar = if bidi { visual(p.ar) } else { one_line(p.ar) };
                    let _ = writeln!(
                        s,
                        "{:>4}  {:>6.3}  {:<4}  EN {}\n{:20}AR {}",
                        i + 1,
                        p.score,
                        p.kind.to_string(),
                        OneLine(p.en),
                        "",
                        ar
                    );
                }
            }
        }
        Format::Jsonl => {
            for (name, doc) in docs {
                for p in &doc.pairs {
                    let v = serde_json::json!({
                        "en": p.en, "ar": p.ar, "en_span": p.en_span, "ar_span": p.ar_span,
                        "kind": p.kind, "score": p.score, "doc": name,
                    });
                    let _ = writeln!(s, "{v}");
                }
            }
        }
        Format::Tsv => {
            for (_, doc) in docs {
                for p in &doc.pairs {
                    let _ = writeln!(s, "{}\t{}\t{:.4}", OneLine(p.en), OneLine(p.ar), p.score);
                }
            }
        }
        Format::Moses => {
            let prefix = out.ok_or("--format moses needs --out PREFIX")?;
            let (mut en, mut ar) = (String::new(), String::new());
            for (_, doc) in docs {
                for p in &doc.pairs {
                    let _ = writeln!(en, "{}", OneLine(p.en));
                    let _ = writeln!(ar, "{}", OneLine(p.ar));
                }
            }
            // Both files are written under temporary names first and renamed only when
            // both are complete, so a failed write leaves no half-finished corpus.
            let mut written = Vec::new();
            for (ext, body) in [("en", en), ("ar", ar)] {
                let path = format!("{prefix}.{ext}");
                let tmp = format!("{path}.partial");
                if let Err(e) = std::fs::write(&tmp, body) {
                    for (t, _) in &written {
                        let _ = std::fs::remove_file(t);
                    }
                    let _ = std::fs::remove_file(&tmp);
                    return Err(format!("cannot write `{path}`: {e}"));
                }
                written.push((tmp, path));
            }
            for (tmp, path) in written {
                std::fs::rename(&tmp, &path).map_err(|e| format!("cannot write `{path}`: {e}"))?;
            }
        }
        Format::Tmx => {
            let _ = writeln!(s, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
            let _ = writeln!(s, "<tmx version=\"1.4\">");
            let _ = writeln!(
                s,
                "  <header creationtool=\"bitext\" creationtoolversion=\"{}\" \
                 datatype=\"plaintext\" segtype=\"sentence\" adminlang=\"en\" \
                 srclang=\"en\" o-tmf=\"bitext\"/>",
                env!("CARGO_PKG_VERSION")
            );
            let _ = writeln!(s, "  <body>");
            for (_, doc) in docs {
                for p in &doc.pairs {
                    let _ = writeln!(
                        s,
                        "    <tu>\n      <prop type=\"x-score\">{:.2}</prop>\n      \
                         <tuv xml:lang=\"en\"><seg>{}</seg></tuv>\n      \
                         <tuv xml:lang=\"ar\"><seg>{}</seg></tuv>\n    </tu>",
                        p.score,
                        xml(p.en),
                        xml(p.ar)
                    );
                }
            }
            let _ = writeln!(s, "  </body>\n</tmx>");
        }
        Format::Runs => {
            for (name, doc) in docs {
                for r in &doc.runs {
                    let v = serde_json::json!({
                        "lang": r.lang.code(), "start": r.span.start, "end": r.span.end, "doc": name,
                    });
                    let _ = writeln!(s, "{v}");
                }
            }
        }
        Format::Beads | Format::Ladder => {
            return Err("--format beads and ladder are for --en/--ar input".into())
        }
    }
    Ok(())
}

/// Pre-split mode: two files of one sentence a line, aligned by the core aligner.
fn presplit(o: &Options, en_path: &str, ar_path: &str) -> Result<String, String> {
    let read = |p: &str| std::fs::read(p).map_err(|e| format!("cannot read `{p}`: {e}"));
    let (en_bytes, ar_bytes) = (read(en_path)?, read(ar_path)?);
    let en: Vec<&str> = check_utf8(en_path, &en_bytes)?.lines().collect();
    let ar: Vec<&str> = check_utf8(ar_path, &ar_bytes)?.lines().collect();
    let alignment = Aligner::new().align(&en, &ar).map_err(|e| e.to_string())?;
    let mut s = String::new();
    let beads = alignment
        .beads
        .iter()
        .filter(|b| b.score >= o.min_score || b.kind.is_unmatched());
    match o.format.unwrap_or(Format::Beads) {
        Format::Beads => {
            for b in beads {
                let e: Vec<usize> = b.en.clone().collect();
                let a: Vec<usize> = b.ar.clone().collect();
                let _ = writeln!(s, "{e:?}:{a:?}:{:.4}", b.score);
            }
        }
        Format::Tsv => {
            let join = |list: &[&str], r: std::ops::Range<usize>| {
                one_line(&list.get(r).unwrap_or_default().join(" "))
            };
            for b in beads {
                let _ = writeln!(
                    s,
                    "{}\t{}\t{:.4}",
                    join(&en, b.en.clone()),
                    join(&ar, b.ar.clone()),
                    b.score
                );
            }
        }
        Format::Ladder => {
            // The ladder is a path: every bead boundary is a rung, so beads are not
            // filtered here.
            for b in &alignment.beads {
                let _ = writeln!(s, "{}\t{}\t{:.4}", b.en.start, b.ar.start, b.score);
            }
            let _ = writeln!(s, "{}\t{}", en.len(), ar.len());
        }
        f => return Err(format!("--format {f:?} is not available with --en/--ar").to_lowercase()),
    }
    Ok(s)
}
