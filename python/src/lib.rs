//! Python bindings of `bitext` (the `bitext._bitext` extension module).
//!
//! The binding holds no alignment logic: it converts Python strings to Rust
//! strings, calls the crate with the GIL released, and converts the results to
//! the plain dataclasses of `python/bitext/_types.py`, adding code-point offsets next
//! to the crate's UTF-8 byte offsets. The Python-facing contract (signatures,
//! error reporting) is documented in `python/bitext/_bitext.pyi`.
//!
//! Cost model: one copy of every input string (abi3 on CPython 3.9 cannot
//! borrow a `str`'s UTF-8 buffer), the crate's own work, then one Python object
//! per run, sentence, pair and pairing, and one pass over each document's text
//! to turn byte offsets into code-point offsets (`O(text + offsets log offsets)`).
#![forbid(unsafe_code)]

use std::borrow::Cow;
use std::ops::Range;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use bitext::{Aligner, DocumentAligner, DocumentAlignment, Error, Lang, Lexicon, NoPairs, Span};
use pyo3::create_exception;
use pyo3::exceptions::{PyOverflowError, PyRuntimeError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyByteArray, PyBytes, PyList, PyMemoryView, PyString};
use rayon::prelude::*;

create_exception!(
    bitext,
    BitextError,
    PyValueError,
    "An error reported by the bitext crate; its message is the crate's."
);

/// The dataclasses results are built from, looked up once per interpreter.
struct Types {
    document: Py<PyAny>,
    run: Py<PyAny>,
    sentence: Py<PyAny>,
    pair: Py<PyAny>,
    pairing: Py<PyAny>,
    parallelism: Py<PyAny>,
    alignment: Py<PyAny>,
    bead: Py<PyAny>,
}

static TYPES: PyOnceLock<Types> = PyOnceLock::new();

fn types(py: Python<'_>) -> PyResult<&Types> {
    TYPES.get_or_try_init(py, || {
        let m = py.import("bitext._types")?;
        let get = |name: &str| -> PyResult<Py<PyAny>> { Ok(m.getattr(name)?.unbind()) };
        Ok(Types {
            document: get("Document")?,
            run: get("Run")?,
            sentence: get("Sentence")?,
            pair: get("Pair")?,
            pairing: get("Pairing")?,
            parallelism: get("Parallelism")?,
            alignment: get("Alignment")?,
            bead: get("Bead")?,
        })
    })
}

/// The Python exception for a crate error.
fn py_err(e: &Error) -> PyErr {
    BitextError::new_err(e.to_string())
}

/// The text of a `str`, or of `bytes`, `bytearray` or `memoryview` decoded as
/// UTF-8; `Ok(Err(_))` is the crate's verdict on text that is not UTF-8,
/// `Err(_)` a wrong argument type.
fn text_of(obj: &Bound<'_, PyAny>) -> PyResult<Result<String, Error>> {
    if let Ok(s) = obj.cast::<PyString>() {
        return match s.to_cow() {
            Ok(Cow::Borrowed(t)) => Ok(Ok(t.to_owned())),
            Ok(Cow::Owned(t)) => Ok(Ok(t)),
            // A `str` with a lone surrogate has no UTF-8 form. Encoding it with
            // `surrogatepass` gives the bytes a careless writer would produce, so
            // the crate can report the byte offset of the first bad sequence.
            Err(_) => {
                let raw = s.call_method1("encode", ("utf-8", "surrogatepass"))?;
                let bytes = raw.cast::<PyBytes>()?.as_bytes();
                Ok(std::str::from_utf8(bytes)
                    .map(str::to_owned)
                    .map_err(Error::from))
            }
        };
    }
    let utf8 = |bytes: &[u8]| {
        std::str::from_utf8(bytes)
            .map(str::to_owned)
            .map_err(Error::from)
    };
    if let Ok(b) = obj.cast::<PyBytes>() {
        return Ok(utf8(b.as_bytes()));
    }
    if let Ok(b) = obj.cast::<PyByteArray>() {
        return Ok(utf8(&b.to_vec()));
    }
    if obj.cast::<PyMemoryView>().is_ok() {
        // `tobytes` copies any buffer layout into one contiguous `bytes`.
        let bytes = obj.call_method0("tobytes")?;
        return Ok(utf8(bytes.cast::<PyBytes>()?.as_bytes()));
    }
    Err(PyTypeError::new_err(format!(
        "expected str, bytes, bytearray or memoryview, got {}",
        obj.get_type().name()?
    )))
}

/// Code-point offsets of a fixed set of byte offsets into one text.
struct CharOffsets {
    /// `(byte offset, code-point offset)`, sorted by byte offset.
    map: Vec<(usize, usize)>,
}

impl CharOffsets {
    /// Counts code points up to each of `bytes` in one pass over `text`.
    fn new(text: &str, mut bytes: Vec<usize>) -> Self {
        bytes.sort_unstable();
        bytes.dedup();
        let mut map = Vec::with_capacity(bytes.len());
        let (mut at, mut chars) = (0, 0);
        for b in bytes {
            // Offsets come from the crate's spans, which lie on char boundaries;
            // `get` keeps a broken span from panicking (it maps to the last good
            // count instead).
            if let Some(gap) = text.get(at..b) {
                chars += gap.chars().count();
                at = b;
            }
            map.push((b, chars));
        }
        CharOffsets { map }
    }

    fn of(&self, byte: usize) -> usize {
        match self.map.binary_search_by_key(&byte, |&(b, _)| b) {
            Ok(i) => self.map[i].1,
            // Every looked-up offset was given to `new`; 0 is unreachable.
            Err(_) => 0,
        }
    }

    fn span(&self, s: Span) -> (usize, usize) {
        (self.of(s.start), self.of(s.end))
    }
}

/// The lexicon of `dictionary=` (a dictd `.index`, hunalign `.dic` or TSV) or
/// `lexicon=` (a file written by `Lexicon::save`), read once per call.
fn lexicon_of(
    dictionary: Option<PathBuf>,
    lexicon: Option<PathBuf>,
) -> PyResult<Option<Arc<Lexicon>>> {
    let lex = match (dictionary, lexicon) {
        (Some(_), Some(_)) => {
            return Err(PyValueError::new_err(
                "give dictionary= or lexicon=, not both",
            ))
        }
        (Some(path), None) => Lexicon::from_dictionary(path),
        (None, Some(path)) => Lexicon::load(path),
        (None, None) => return Ok(None),
    };
    lex.map(|l| Some(Arc::new(l))).map_err(|e| py_err(&e))
}

/// Settings of the document functions, checked once per call.
fn document_aligner(
    min_score: f64,
    min_unit_score: f64,
    sentence_pairs: bool,
    lexicon: Option<Arc<Lexicon>>,
) -> PyResult<DocumentAligner> {
    // The builder checks every setting, so a bad one raises once, before any
    // document is read, instead of failing every document of a batch.
    DocumentAligner::builder()
        .aligner(Aligner::builder().lexicon(lexicon))
        .min_score(min_score)
        .min_unit_score(min_unit_score)
        .sentence_pairs(sentence_pairs)
        .build()
        .map_err(|e| py_err(&e))
}

fn parallelism<'py>(
    py: Python<'py>,
    t: &Types,
    p: &bitext::Parallelism,
) -> PyResult<Bound<'py, PyAny>> {
    t.parallelism
        .bind(py)
        .call1((p.paired_share, p.confident_share, p.anchor_agreement))
}

/// A `Document` for one aligned text.
fn document<'py>(
    py: Python<'py>,
    text: &str,
    doc: &DocumentAlignment<'_>,
) -> PyResult<Bound<'py, PyAny>> {
    let t = types(py)?;
    let mut offsets =
        Vec::with_capacity(2 * (doc.runs.len() + doc.sentences.len()) + 4 * doc.pairs.len());
    for r in &doc.runs {
        offsets.extend([r.span.start, r.span.end]);
    }
    for s in &doc.sentences {
        offsets.extend([s.span.start, s.span.end]);
    }
    for p in &doc.pairs {
        offsets.extend([
            p.en_span.start,
            p.en_span.end,
            p.ar_span.start,
            p.ar_span.end,
        ]);
    }
    let chars = CharOffsets::new(text, offsets);
    let span = |s: Span| (s.start, s.end);

    let runs = doc
        .runs
        .iter()
        .map(|r| {
            t.run
                .bind(py)
                .call1((r.lang.code(), span(r.span), chars.span(r.span)))
        })
        .collect::<PyResult<Vec<_>>>()?;
    // The sentences' texts, per language: the index space of a pair's
    // sentence ranges. A one-sentence pair side is the same text as its
    // sentence, so it shares the str object instead of building another.
    let (mut en_text, mut ar_text) = (Vec::new(), Vec::new());
    let mut sentences = Vec::with_capacity(doc.sentences.len());
    for s in &doc.sentences {
        let text = PyString::new(py, s.text);
        match s.lang {
            Lang::English => en_text.push(text.clone()),
            Lang::Arabic => ar_text.push(text.clone()),
            _ => {}
        }
        sentences.push(t.sentence.bind(py).call1((
            s.lang.code(),
            text,
            span(s.span),
            chars.span(s.span),
            s.run,
        ))?);
    }
    let side = |texts: &[Bound<'py, PyString>], range: &Range<usize>, text: &str| match texts
        .get(range.start)
    {
        Some(s) if range.len() == 1 => s.clone(),
        _ => PyString::new(py, text),
    };
    let pairs = doc
        .pairs
        .iter()
        .map(|p| {
            t.pair.bind(py).call1((
                side(&en_text, &p.en_sentences, p.en),
                side(&ar_text, &p.ar_sentences, p.ar),
                span(p.en_span),
                span(p.ar_span),
                chars.span(p.en_span),
                chars.span(p.ar_span),
                p.kind.to_string(),
                p.score,
                (p.en_sentences.start, p.en_sentences.end),
                (p.ar_sentences.start, p.ar_sentences.end),
            ))
        })
        .collect::<PyResult<Vec<_>>>()?;
    let pairings = doc
        .pairings
        .iter()
        .map(|g| {
            t.pairing.bind(py).call1((
                g.en_runs.clone(),
                g.ar_runs.clone(),
                (g.pairs.start, g.pairs.end),
                g.mean_score,
                parallelism(py, t, &g.parallelism)?,
            ))
        })
        .collect::<PyResult<Vec<_>>>()?;
    t.document.bind(py).call1((
        PyList::new(py, runs)?,
        PyList::new(py, sentences)?,
        PyList::new(py, pairs)?,
        PyList::new(py, pairings)?,
        parallelism(py, t, &doc.parallelism)?,
        doc.no_pairs.map(no_pairs_code),
    ))
}

/// The Python spelling of a [`NoPairs`] reason (that of the crate's JSON).
fn no_pairs_code(reason: NoPairs) -> &'static str {
    match reason {
        NoPairs::Empty => "empty",
        NoPairs::OneLanguage => "one_language",
        NoPairs::NotParallel => "not_parallel",
        NoPairs::BelowThreshold => "below_threshold",
        _ => "other",
    }
}

/// Aligns one document. See `python/bitext/_bitext.pyi`.
#[pyfunction]
#[pyo3(signature = (
    text, *, min_score = 0.0, min_unit_score = 0.3, sentence_pairs = true, dictionary = None,
    lexicon = None
))]
fn align_document<'py>(
    py: Python<'py>,
    text: &Bound<'py, PyAny>,
    min_score: f64,
    min_unit_score: f64,
    sentence_pairs: bool,
    dictionary: Option<PathBuf>,
    lexicon: Option<PathBuf>,
) -> PyResult<Bound<'py, PyAny>> {
    let lexicon = lexicon_of(dictionary, lexicon)?;
    let mut aligner = document_aligner(min_score, min_unit_score, sentence_pairs, lexicon)?;
    let text = text_of(text)?.map_err(|e| py_err(&e))?;
    let doc = py.detach(|| aligner.align(&text)).map_err(|e| py_err(&e))?;
    document(py, &text, &doc)
}

/// Why one batch item has no document: the crate's error, or (with
/// `errors="return"`) an item of the wrong type.
enum ItemError<'a> {
    Crate(&'a Error),
    Type(&'a PyErr),
}

/// The text and alignment of one batch slot, or its error.
fn pick<'a, 't>(
    slot: &'a Result<usize, Result<Error, PyErr>>,
    aligned: &'a [bitext::Result<DocumentAlignment<'t>>],
    docs: &'a [String],
) -> Result<(&'a str, &'a DocumentAlignment<'t>), ItemError<'a>> {
    match slot {
        Ok(j) => aligned[*j]
            .as_ref()
            .map(|doc| (docs[*j].as_str(), doc))
            .map_err(ItemError::Crate),
        Err(Ok(e)) => Err(ItemError::Crate(e)),
        Err(Err(e)) => Err(ItemError::Type(e)),
    }
}

/// Most worker threads `threads=` starts: far more than any machine's cores,
/// and few enough that starting them takes no noticeable time.
const MAX_THREADS: usize = 1024;

/// The value of `threads=`: an int from 1 to [`MAX_THREADS`] (`ValueError`
/// otherwise, a negative or huge int included; `TypeError` for a non-int).
fn threads_of(obj: &Bound<'_, PyAny>) -> PyResult<usize> {
    let out_of_range = || {
        PyValueError::new_err(format!(
            "threads must be at least 1 and at most {MAX_THREADS}, not {}",
            obj.repr().map_or_else(|_| "?".into(), |r| r.to_string())
        ))
    };
    let n: i64 =
        obj.extract().map_err(
            |e: PyErr| match e.is_instance_of::<PyOverflowError>(obj.py()) {
                true => out_of_range(),
                false => e,
            },
        )?;
    usize::try_from(n)
        .ok()
        .filter(|n| (1..=MAX_THREADS).contains(n))
        .ok_or_else(out_of_range)
}

/// A batch's documents: the texts that are UTF-8, and per item its index among
/// them, the crate's error, or (with `errors="return"`) the `TypeError` of an
/// item that is not a document. A `TypeError` names the item's index.
type Texts = (Vec<String>, Vec<Result<usize, Result<Error, PyErr>>>);

fn texts_of(texts: &Bound<'_, PyAny>, raise: bool) -> PyResult<Texts> {
    // Documents that are not UTF-8 keep the crate's error in their slot; the
    // others go to the batch, whose result `j` is for `docs[j]`.
    let mut docs: Vec<String> = Vec::new();
    let mut slots: Vec<Result<usize, Result<Error, PyErr>>> = Vec::new();
    for (i, item) in texts.try_iter()?.enumerate() {
        let text = match text_of(&item?) {
            Err(e) => Err(named(texts.py(), &format!("texts[{i}]"), e)),
            Ok(text) => Ok(text),
        };
        let slot = match text {
            Err(e) if raise => return Err(e),
            Err(e) => Err(Err(e)),
            Ok(text) => text.map_err(Ok),
        };
        slots.push(slot.map(|t| {
            docs.push(t);
            docs.len() - 1
        }));
    }
    Ok((docs, slots))
}

/// A `TypeError` about one item of a list, naming it (`texts[3]`).
fn named(py: Python<'_>, item: &str, e: PyErr) -> PyErr {
    match e.is_instance_of::<PyTypeError>(py) {
        true => PyTypeError::new_err(format!("{item}: {}", e.value(py))),
        false => e,
    }
}

/// How often a batch looks for signals (Ctrl-C) while it runs.
const SIGNAL_CHECK: Duration = Duration::from_millis(50);

/// Aligns `docs` on a thread of its own (in a pool of `threads`, or the crate's
/// default pool) while this thread, holding the GIL only between naps of
/// [`SIGNAL_CHECK`], runs Python's signal handlers. When one raises (Ctrl-C's
/// `KeyboardInterrupt`), the workers start no further document, and the
/// exception is raised once those in hand are done.
fn align_interruptibly<'t>(
    py: Python<'_>,
    aligner: &DocumentAligner,
    docs: &'t [String],
    threads: Option<usize>,
) -> PyResult<Vec<bitext::Result<DocumentAlignment<'t>>>> {
    let pool = match threads {
        None => None,
        Some(n) => Some(
            rayon::ThreadPoolBuilder::new()
                .num_threads(n)
                .build()
                .map_err(|e| {
                    PyRuntimeError::new_err(format!("cannot start a pool of {n} threads: {e}"))
                })?,
        ),
    };
    let stop = AtomicBool::new(false);
    // As the crate's `align_batch` does: lines printed on many pages of the
    // batch are furniture on each of them.
    let batch = || {
        let furniture = bitext::Furniture::of_pages(docs);
        docs.par_iter()
            .map_init(
                || aligner.clone(),
                |a, d| {
                    (!stop.load(Ordering::Relaxed)).then(|| a.align_with_furniture(d, &furniture))
                },
            )
            .collect::<Vec<_>>()
    };
    let waiting = std::thread::current();
    let results = std::thread::scope(|s| {
        let worker = s.spawn(|| {
            let out = match &pool {
                Some(pool) => pool.install(batch),
                None => batch(),
            };
            waiting.unpark();
            out
        });
        let mut signal = Ok(());
        while !worker.is_finished() {
            py.detach(|| std::thread::park_timeout(SIGNAL_CHECK));
            if signal.is_ok() && !worker.is_finished() {
                signal = py.check_signals();
                if signal.is_err() {
                    stop.store(true, Ordering::Relaxed);
                }
            }
        }
        let results = worker.join();
        signal.map(|()| results)
    })?;
    let results = results.map_err(|_| PyRuntimeError::new_err("a worker thread panicked"))?;
    results
        .into_iter()
        .map(|r| r.ok_or_else(|| PyRuntimeError::new_err("a document was not aligned")))
        .collect()
}

/// Aligns many documents in parallel. See `python/bitext/_bitext.pyi`.
#[pyfunction]
#[pyo3(signature = (
    texts, *, threads = None, errors = "raise", min_score = 0.0, min_unit_score = 0.3,
    sentence_pairs = true, dictionary = None, lexicon = None, train_lexicon = None
))]
#[allow(clippy::too_many_arguments)]
fn align_documents<'py>(
    py: Python<'py>,
    texts: &Bound<'py, PyAny>,
    threads: Option<&Bound<'py, PyAny>>,
    errors: &str,
    min_score: f64,
    min_unit_score: f64,
    sentence_pairs: bool,
    dictionary: Option<PathBuf>,
    lexicon: Option<PathBuf>,
    train_lexicon: Option<PathBuf>,
) -> PyResult<Bound<'py, PyList>> {
    let raise = match errors {
        "raise" => true,
        "return" => false,
        other => {
            return Err(PyValueError::new_err(format!(
                "errors must be \"raise\" or \"return\", not {other:?}"
            )))
        }
    };
    let threads = threads.map(threads_of).transpose()?;
    let lexicon = lexicon_of(dictionary, lexicon)?;
    let aligner = document_aligner(min_score, min_unit_score, sentence_pairs, lexicon)?;
    if texts.cast::<PyString>().is_ok() {
        // A str is iterable, but a batch of one-character documents is never meant.
        return Err(PyTypeError::new_err(
            "texts must be an iterable of documents, not a str (use align_document)",
        ));
    }
    let (docs, slots) = texts_of(texts, raise)?;
    let mut aligned = align_interruptibly(py, &aligner, &docs, threads)?;
    if let Some(path) = train_lexicon {
        // Training and writing take seconds on a large batch: other Python
        // threads run meanwhile.
        let taught = py.detach(|| taught_aligner(&aligner, &aligned, &path))?;
        drop(aligned);
        aligned = align_interruptibly(py, &taught, &docs, threads)?;
    }
    let result = |slot| pick(slot, &aligned, &docs);
    if raise {
        if let Some((i, Err(e))) = slots
            .iter()
            .map(result)
            .enumerate()
            .find(|(_, r)| r.is_err())
        {
            return Err(match e {
                ItemError::Crate(e) => BitextError::new_err(format!("document {i}: {e}")),
                ItemError::Type(e) => e.clone_ref(py),
            });
        }
    }
    let out = slots
        .iter()
        .map(|slot| match result(slot) {
            Ok((text, doc)) => document(py, text, doc),
            Err(ItemError::Crate(e)) => Ok(py_err(e).into_value(py).into_bound(py).into_any()),
            Err(ItemError::Type(e)) => Ok(e.clone_ref(py).into_value(py).into_bound(py).into_any()),
        })
        .collect::<PyResult<Vec<_>>>()?;
    PyList::new(py, out)
}

/// `train_lexicon=`: the lexicon the confident pairs of a batch's first pass
/// teach (seeded by the aligner's own), written to `path`, and the aligner
/// that uses it for the second pass.
fn taught_aligner(
    aligner: &DocumentAligner,
    first: &[bitext::Result<DocumentAlignment<'_>>],
    path: &PathBuf,
) -> PyResult<DocumentAligner> {
    let Some((taught, lexicon)) = aligner.taught_by(first) else {
        return Err(BitextError::new_err(format!(
            "train_lexicon: the batch has fewer than {} confident pairs to train on; {} not written",
            Lexicon::MIN_TEACHING_PAIRS,
            path.display()
        )));
    };
    lexicon.save(path).map_err(|e| py_err(&e))?;
    Ok(taught)
}

/// The sentences of one side of `align_sentences`.
fn sentences_of(obj: &Bound<'_, PyAny>, side: &str) -> PyResult<Vec<String>> {
    if obj.cast::<PyString>().is_ok() {
        return Err(PyTypeError::new_err(format!(
            "{side} must be a sequence of sentences, not a str"
        )));
    }
    obj.try_iter()?
        .enumerate()
        .map(|(i, o)| {
            let item = format!("{side} sentence {i}");
            let text = text_of(&o?).map_err(|e| named(obj.py(), &item, e))?;
            text.map_err(|e| BitextError::new_err(format!("{item}: {e}")))
        })
        .collect()
}

/// Aligns two lists of sentences. See `python/bitext/_bitext.pyi`.
#[pyfunction]
#[pyo3(signature = (en, ar, *, dictionary = None, lexicon = None))]
fn align_sentences<'py>(
    py: Python<'py>,
    en: &Bound<'py, PyAny>,
    ar: &Bound<'py, PyAny>,
    dictionary: Option<PathBuf>,
    lexicon: Option<PathBuf>,
) -> PyResult<Bound<'py, PyAny>> {
    let lexicon = lexicon_of(dictionary, lexicon)?;
    let en = sentences_of(en, "english")?;
    let ar = sentences_of(ar, "arabic")?;
    let mut aligner = Aligner::builder()
        .lexicon(lexicon)
        .build()
        .map_err(|e| py_err(&e))?;
    let alignment = py.detach(|| aligner.align(&en, &ar));
    let t = types(py)?;
    let beads = alignment
        .beads
        .iter()
        .map(|b| {
            t.bead.bind(py).call1((
                (b.en.start, b.en.end),
                (b.ar.start, b.ar.end),
                b.kind.to_string(),
                b.score,
                b.cost,
            ))
        })
        .collect::<PyResult<Vec<_>>>()?;
    t.alignment.bind(py).call1((
        PyList::new(py, beads)?,
        alignment.cost,
        alignment.log_likelihood,
    ))
}

/// The extension module.
#[pymodule]
fn _bitext(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("BitextError", m.py().get_type::<BitextError>())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_function(wrap_pyfunction!(align_document, m)?)?;
    m.add_function(wrap_pyfunction!(align_documents, m)?)?;
    m.add_function(wrap_pyfunction!(align_sentences, m)?)?;
    Ok(())
}
