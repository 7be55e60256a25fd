//! Language runs: where a scraped bilingual page is English and where Arabic.
//!
//! [`detect_runs`] (or [`RunDetector::detect`]) cuts a document into ordered,
//! non-overlapping [`Run`]s, each a byte [`Span`] with a [`Lang`]. Every letter
//! of the input lies in exactly one run. Digits, punctuation and symbols join
//! the run next to them (step 4 below), so when a document has any run at all,
//! the text before, between and after its runs is whitespace only; a document
//! without letters has no runs.
//!
//! # Algorithm
//!
//! 1. **Script cut.** Every alphabetic character is Latin, Arabic (the blocks
//!    U+0600–06FF, 0750–077F, 08A0–08FF, FB50–FDFF, FE70–FEFF) or other. Each
//!    line (split at `\n`, `\r`, U+0085, U+2028, U+2029) is cut into *fields* at
//!    `|` (navigation bars and language switchers such as "English | العربية"
//!    put unrelated items on one line), and each field into *segments*: maximal
//!    stretches whose letters share one script. Digits, punctuation and spaces
//!    inside a stretch do not end it. A segment also counts its words
//!    (whitespace-separated groups of letters).
//! 2. **Line-level decision.** Each field gets a *host* script: the one with
//!    the most words. When that majority is weak (at most twice the runner-up,
//!    e.g. "المصدر: RT Arabic"), the script of the preceding text wins if
//!    the field has it, so a short source or date line keeps the language of
//!    the page around it.
//! 3. **Embedded text.** A segment of another script with at most
//!    [`RunDetector::max_embedded_words`] words (default 4: brand names,
//!    `@handles`, "RT Arabic", a date like "11th, April 2024 GMT") stays inside
//!    the host's run. A longer one — an English sentence glued to Arabic
//!    without a space — becomes its own run; the cut falls right before the
//!    next script's first letter, so "… November 6, 2024وجاء …" splits
//!    between "2024" and "وجاء".
//!    A field with only one script is never embedded: a lone "Comments" line
//!    between Arabic lines is an English run.
//! 4. **Extents and merging.** A line's leading digits and punctuation join its
//!    first run, the neutral characters between two runs on a line join the
//!    earlier one, and a line without letters joins the run before it. Then
//!    consecutive pieces of the same script merge, across line breaks and blank
//!    lines, so a block of English lines is one run. Runs are trimmed of
//!    whitespace at both ends.
//! 5. **Naming.** Other scripts are [`Lang::Unknown`]. A Latin run is
//!    [`Lang::English`] unless whatlang, given a sample with at least
//!    [`RunDetector::min_detect_letters`] letters (default 50), reliably names
//!    another language ([`Lang::OtherLatin`]); no allowlist here, since any
//!    non-English Latin language means "not English". An Arabic-script run is
//!    [`Lang::Arabic`] unless whatlang, restricted to Arabic, Persian and Urdu
//!    and given the sample after NFKC and removal of harakat and tatweel,
//!    reliably says Persian or Urdu *and* the sample contains a letter that
//!    Arabic does not use (پ چ ژ گ for Persian; ٹ ڈ ڑ ں ہ ھ ے for Urdu): Arabic
//!    news often writes keheh ک and Farsi yeh ی, which alone must not make it
//!    Persian. The sample is the first [`RunDetector::sample_bytes`] bytes of
//!    the run (default 4096) without words containing other scripts, so
//!    naming costs a bounded amount per run and the whole pass is linear in
//!    the input.
//!
//! The threshold of 50 letters was measured on the seed and dev documents and
//! on 3.8 MB of English Bible text cut into word-aligned chunks of n letters,
//! counting chunks whatlang *reliably* names as something other than English:
//! 0 of 226,000 chunks of 20–30 letters, then 0–1.3 in 10,000 from 40 to 100
//! letters (name lists called German, Javanese, Uzbek; 1 of 1,866 document
//! chunks of 50 letters called French), 0 at 120. Short menu
//! lines ("Subscribe to our newsletter", "Home › Library") come back as
//! Portuguese or Romanian, unreliable. A test French paragraph was reliably French
//! in 2 of 7 chunks of 30 letters and in all chunks from 50 letters, so 50 is
//! the shortest sample whose verdict both recognises another language and is
//! worth the risk of losing English text.
//! No Arabic chunk of 5–200 letters, with or without Persian letter
//! shapes, was reliably called Persian or Urdu with the allowlist.
//!
//! ```
//! use bitext::{detect_runs, Lang, Span};
//! let text = "Breaking news from the capital\n\
//!             قال الوزير إن Google ستفتح مكتبا جديدا\n\
//!             Read more";
//! let runs = detect_runs(text);
//! let got: Vec<(Lang, &str)> = runs.iter().map(|r| (r.lang, r.span.slice(text))).collect();
//! assert_eq!(
//!     got,
//!     vec![
//!         (Lang::English, "Breaking news from the capital"),
//!         (Lang::Arabic, "قال الوزير إن Google ستفتح مكتبا جديدا"),
//!         (Lang::English, "Read more"),
//!     ]
//! );
//! assert_eq!(runs[0].span, Span::new(0, 30));
//! ```

use std::ops::Range;

use crate::normalize::Normalizer;
use crate::{Lang, Span};

/// One language run: a stretch of the input in one language.
///
/// With the `serde` feature it serializes as `{"lang": "en", "span": [s, e]}`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct Run {
    /// The run's language.
    pub lang: Lang,
    /// Byte range of the run in the input; starts and ends on a non-whitespace
    /// character.
    pub span: Span,
}

/// Finds language runs; see the [module documentation](self) for the algorithm.
///
/// ```
/// use bitext::{Lang, RunDetector};
/// let runs = RunDetector::new().max_embedded_words(1).detect("قال مدير RT Arabic اليوم");
/// // With at most one embedded word, the two-word "RT Arabic" is its own run.
/// assert_eq!(runs.len(), 3);
/// assert_eq!(runs[1].lang, Lang::English);
/// ```
#[non_exhaustive]
#[derive(Clone, Debug)]
pub struct RunDetector {
    min_detect_letters: usize,
    max_embedded_words: usize,
    sample_bytes: usize,
}

impl Default for RunDetector {
    fn default() -> Self {
        RunDetector {
            min_detect_letters: 50,
            max_embedded_words: 4,
            sample_bytes: 4096,
        }
    }
}

/// Runs of `text` with the default [`RunDetector`].
///
/// ```
/// use bitext::{detect_runs, Lang};
/// let runs = detect_runs("Hello there\n\nمرحبا بكم");
/// assert_eq!(runs.len(), 2);
/// assert_eq!((runs[0].lang, runs[0].span.range()), (Lang::English, 0..11));
/// assert_eq!((runs[1].lang, runs[1].span.range()), (Lang::Arabic, 13..30));
/// assert!(detect_runs(" \n\t").is_empty());
/// ```
pub fn detect_runs(text: &str) -> Vec<Run> {
    RunDetector::default().detect(text)
}

/// Writing system of a letter, as far as run cutting cares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Script {
    Latin,
    Arabic,
    Other,
}

impl Script {
    const ALL: [Script; 3] = [Script::Latin, Script::Arabic, Script::Other];
}

/// Words per script.
#[derive(Clone, Copy, Debug, Default)]
struct Words {
    latin: usize,
    arabic: usize,
    other: usize,
}

impl Words {
    /// The count of `script`.
    fn of(&self, script: Script) -> usize {
        match script {
            Script::Latin => self.latin,
            Script::Arabic => self.arabic,
            Script::Other => self.other,
        }
    }

    /// Adds `n` words of `script`. Saturates, though the sum cannot overflow:
    /// it counts disjoint words of one text, at most one per byte.
    fn add(&mut self, script: Script, n: usize) {
        let slot = match script {
            Script::Latin => &mut self.latin,
            Script::Arabic => &mut self.arabic,
            Script::Other => &mut self.other,
        };
        *slot = slot.saturating_add(n);
    }
}

/// True for code points in the Arabic script blocks the crate treats as Arabic.
pub(crate) fn is_arabic_block(c: char) -> bool {
    matches!(c,
        '\u{0600}'..='\u{06FF}'
        | '\u{0750}'..='\u{077F}'
        | '\u{08A0}'..='\u{08FF}'
        | '\u{FB50}'..='\u{FDFF}'
        | '\u{FE70}'..='\u{FEFF}')
}

/// True for letters of the Latin script blocks (ASCII, Latin-1, Extended A–E,
/// IPA, phonetic extensions, Latin Extended Additional, ligatures, full-width).
fn is_latin_block(c: char) -> bool {
    matches!(c,
        'A'..='Z' | 'a'..='z' | '\u{00AA}' | '\u{00BA}'
        | '\u{00C0}'..='\u{024F}'
        | '\u{0250}'..='\u{02AF}'
        | '\u{1D00}'..='\u{1DBF}'
        | '\u{1E00}'..='\u{1EFF}'
        | '\u{2C60}'..='\u{2C7F}'
        | '\u{A720}'..='\u{A7FF}'
        | '\u{AB30}'..='\u{AB6F}'
        | '\u{FB00}'..='\u{FB06}'
        | '\u{FF21}'..='\u{FF3A}'
        | '\u{FF41}'..='\u{FF5A}')
}

/// The script of `c` if it is a letter (Unicode `Alphabetic`), else `None`.
fn script_of(c: char) -> Option<Script> {
    if c.is_ascii() {
        return c.is_ascii_alphabetic().then_some(Script::Latin);
    }
    // The Arabic letters proper, all alphabetic: answered without the Unicode
    // table search of `is_alphabetic`, which was a tenth of the time of pages
    // with much Arabic.
    if ('\u{0620}'..='\u{064A}').contains(&c) {
        return Some(Script::Arabic);
    }
    if !c.is_alphabetic() {
        return None;
    }
    Some(if is_arabic_block(c) {
        Script::Arabic
    } else if is_latin_block(c) {
        Script::Latin
    } else {
        Script::Other
    })
}

/// Characters that end a line. `\r` is one so that CRLF and lone CR behave
/// like `\n` (the empty line between `\r` and `\n` has no effect).
fn is_line_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{0085}' | '\u{2028}' | '\u{2029}')
}

/// Characters that separate independent items on one line (menus, language
/// switchers), so each side gets its own host script.
fn is_field_separator(c: char) -> bool {
    matches!(c, '|' | '\u{00A6}' | '\u{FF5C}' | '\u{2502}')
}

/// A maximal stretch of letters of one script inside a field.
#[derive(Clone, Copy, Debug)]
struct Segment {
    script: Script,
    /// Byte offset of the first letter.
    start: usize,
    /// Byte offset just after the last letter.
    end: usize,
    /// Whitespace-separated groups of letters.
    words: usize,
}

/// A line's extent and its fields.
#[derive(Clone, Debug)]
struct Line {
    /// First and one-past-last byte of the line's non-whitespace content, or
    /// `None` for a blank line.
    content: Option<(usize, usize)>,
    /// Indices into the field list.
    fields: Range<usize>,
}

/// Result of the scanning pass: segments grouped into fields, fields into lines.
#[derive(Debug, Default)]
struct Layout {
    segments: Vec<Segment>,
    /// Each field is a range of `segments`.
    fields: Vec<Range<usize>>,
    lines: Vec<Line>,
}

/// One pass over the text building the [`Layout`].
fn scan(text: &str) -> Layout {
    let mut layout = Layout::default();
    let mut cur: Option<Segment> = None;
    // True when whitespace was seen since the current segment's last letter.
    let mut gap = false;
    let mut field_first_seg = 0;
    let mut line_first_field = 0;
    let mut content: Option<(usize, usize)> = None;

    let close_field = |layout: &mut Layout, cur: &mut Option<Segment>, first: &mut usize| {
        if let Some(seg) = cur.take() {
            layout.segments.push(seg);
        }
        let n = layout.segments.len();
        layout.fields.push(*first..n);
        *first = n;
    };

    for (i, c) in text.char_indices() {
        // Cannot overflow: `i + len_utf8` is at most `text.len()`.
        let after = i + c.len_utf8();
        if is_line_break(c) {
            close_field(&mut layout, &mut cur, &mut field_first_seg);
            let n = layout.fields.len();
            layout.lines.push(Line {
                content: content.take(),
                fields: line_first_field..n,
            });
            line_first_field = n;
            gap = false;
            continue;
        }
        if c.is_whitespace() {
            gap = true;
            continue;
        }
        content = Some(match content {
            Some((s, _)) => (s, after),
            None => (i, after),
        });
        if is_field_separator(c) {
            close_field(&mut layout, &mut cur, &mut field_first_seg);
            gap = false;
            continue;
        }
        let Some(script) = script_of(c) else {
            continue;
        };
        match cur.as_mut() {
            Some(seg) if seg.script == script => {
                seg.end = after;
                if gap {
                    // Cannot overflow: at most one word per byte of `text`.
                    seg.words += 1;
                }
            }
            _ => {
                if let Some(seg) = cur.take() {
                    layout.segments.push(seg);
                }
                cur = Some(Segment {
                    script,
                    start: i,
                    end: after,
                    words: 1,
                });
            }
        }
        gap = false;
    }
    close_field(&mut layout, &mut cur, &mut field_first_seg);
    let n = layout.fields.len();
    layout.lines.push(Line {
        content,
        fields: line_first_field..n,
    });
    layout
}

/// All segments of one line.
fn line_segments<'l>(layout: &'l Layout, line: &Line) -> &'l [Segment] {
    let fields = layout.fields.get(line.fields.clone()).unwrap_or_default();
    match (fields.first(), fields.last()) {
        (Some(a), Some(b)) => layout.segments.get(a.start..b.end).unwrap_or_default(),
        _ => &[],
    }
}

/// A piece of a line that will belong to one run: first letter to last letter.
#[derive(Clone, Copy, Debug)]
struct Piece {
    script: Script,
    start: usize,
    end: usize,
}

/// Words per script in a list of segments.
fn words_by_script(segs: &[Segment]) -> Words {
    let mut words = Words::default();
    for s in segs {
        words.add(s.script, s.words);
    }
    words
}

/// The script with the most words; ties go to the one whose segments come first.
fn majority(segs: &[Segment]) -> Option<Script> {
    majority_of(segs, &words_by_script(segs))
}

/// [`majority`] with the segments' word counts already summed.
fn majority_of(segs: &[Segment], words: &Words) -> Option<Script> {
    let mut best: Option<Script> = None;
    for s in segs {
        let better = match best {
            None => true,
            Some(b) => words.of(s.script) > words.of(b),
        };
        if better {
            best = Some(s.script);
        }
    }
    best
}

impl RunDetector {
    /// The default settings (same as [`RunDetector::default`]).
    pub fn new() -> Self {
        Self::default()
    }

    /// The fewest letters a run's sample must have before whatlang's verdict
    /// can override the script's default language (English for Latin, Arabic
    /// for Arabic script). Shorter runs keep the default.
    ///
    /// Default: 50 (see the module documentation for the measurement).
    /// ```
    /// use bitext::{Lang, RunDetector};
    /// let fr = "Le président a annoncé hier une série de mesures pour les ménages.";
    /// assert_eq!(RunDetector::new().detect(fr)[0].lang, Lang::OtherLatin);
    /// assert_eq!(RunDetector::new().min_detect_letters(1000).detect(fr)[0].lang, Lang::English);
    /// ```
    pub fn min_detect_letters(mut self, letters: usize) -> Self {
        self.min_detect_letters = letters;
        self
    }

    /// The most words a stretch of another script may have and still stay
    /// inside the run of the line around it (brand names, handles, dates).
    /// Longer stretches become runs of their own.
    ///
    /// Default: 4.
    /// ```
    /// use bitext::{Lang, RunDetector};
    /// let line = "نشرت صحيفة The New York Times تقريرا مطولا";
    /// assert_eq!(RunDetector::new().detect(line).len(), 1);
    /// assert_eq!(RunDetector::new().max_embedded_words(3).detect(line).len(), 3);
    /// ```
    pub fn max_embedded_words(mut self, words: usize) -> Self {
        self.max_embedded_words = words;
        self
    }

    /// How many bytes from the start of a run are given to whatlang. Bounding
    /// the sample keeps naming cheap on huge runs.
    ///
    /// Default: 4096.
    /// ```
    /// use bitext::{Lang, RunDetector};
    /// let fr = "Le président a annoncé hier une série de mesures pour les ménages.";
    /// // A 10-byte sample has too few letters to trust whatlang.
    /// assert_eq!(RunDetector::new().sample_bytes(10).detect(fr)[0].lang, Lang::English);
    /// ```
    pub fn sample_bytes(mut self, bytes: usize) -> Self {
        self.sample_bytes = bytes;
        self
    }

    /// The language runs of `text`, in order; see the
    /// [module documentation](self).
    ///
    /// ```
    /// use bitext::{Lang, RunDetector};
    /// let text = "Share this:\r\nشارك هذه الصفحة";
    /// let runs = RunDetector::new().detect(text);
    /// assert_eq!(runs[0].span.slice(text), "Share this:");
    /// assert_eq!((runs[1].lang, runs[1].span.slice(text)), (Lang::Arabic, "شارك هذه الصفحة"));
    /// ```
    pub fn detect(&self, text: &str) -> Vec<Run> {
        let layout = scan(text);
        let spans = self.script_runs(text, &layout);
        spans
            .into_iter()
            .map(|(script, start, end)| Run {
                lang: self.name(text, script, start, end),
                // Cannot panic (`start <= end`): see `script_runs`.
                span: Span::new(start, end),
            })
            .collect()
    }

    /// Steps 2–4: host scripts, embedding, extents and merging.
    ///
    /// Every returned `(script, start, end)` has `start < end`: a run is pushed
    /// with `start <= piece.start < piece.end <= end` (`pending_start` and
    /// `line_start` precede the line's first letter, and both choices of `end`
    /// are at least `piece.end`), and later updates of `end` come from later
    /// pieces or lines, so they only move it further right.
    fn script_runs(&self, text: &str, layout: &Layout) -> Vec<(Script, usize, usize)> {
        let mut runs: Vec<(Script, usize, usize)> = Vec::new();
        // Start of letterless content before the first run, which joins it.
        let mut pending_start: Option<usize> = None;
        // Script of the text before the current line (the last run's script).
        let mut context: Option<Script> = None;
        let mut pieces: Vec<Piece> = Vec::new();

        for (line_no, line) in layout.lines.iter().enumerate() {
            let Some((line_start, line_end)) = line.content else {
                continue;
            };
            let line_segs = line_segments(layout, line);
            if context.is_none() && !line_segs.is_empty() {
                // Nothing precedes: borrow the majority script of the next
                // line with letters. This runs once, for the first line with
                // letters (after it `context` is always set), so it stays linear.
                // `line_no + 1` cannot overflow: `line_no < lines.len()`.
                context = layout
                    .lines
                    .get(line_no + 1..)
                    .unwrap_or_default()
                    .iter()
                    .find_map(|l| majority(line_segments(layout, l)));
            }
            pieces.clear();
            for field in layout.fields.get(line.fields.clone()).unwrap_or_default() {
                let segs = layout.segments.get(field.clone()).unwrap_or_default();
                self.field_pieces(segs, context, &mut pieces);
                if let Some(p) = pieces.last() {
                    context = Some(p.script);
                }
            }
            if pieces.is_empty() {
                // A line of digits or punctuation joins the run before it.
                match runs.last_mut() {
                    Some(last) => last.2 = line_end,
                    None => {
                        pending_start.get_or_insert(line_start);
                    }
                }
                continue;
            }
            // `k + 1` below cannot overflow: `k < pieces.len()`.
            for (k, piece) in pieces.iter().enumerate() {
                let start = if k == 0 {
                    pending_start.take().unwrap_or(line_start)
                } else {
                    piece.start
                };
                let end = match pieces.get(k + 1) {
                    // Neutral characters before the next piece join this one,
                    // up to the last non-whitespace; `next.start` is a char
                    // boundary of `text`, so the slice cannot fail.
                    Some(next) => text
                        .get(..next.start)
                        .map_or(piece.end, |s| s.trim_end().len())
                        .max(piece.end),
                    None => line_end,
                };
                match runs.last_mut() {
                    Some(last) if last.0 == piece.script => last.2 = end,
                    _ => runs.push((piece.script, start, end)),
                }
            }
        }
        runs
    }

    /// Steps 2–3 for one field: pick the host script, embed short foreign
    /// segments, and append the field's pieces (merging same-script neighbours).
    fn field_pieces(&self, segs: &[Segment], context: Option<Script>, out: &mut Vec<Piece>) {
        let words = words_by_script(segs);
        let Some(major) = majority_of(segs, &words) else {
            return;
        };
        let runner_up = Script::ALL
            .iter()
            .filter(|&&s| s != major)
            .map(|&s| words.of(s))
            .max()
            .unwrap_or(0);
        let host = match context {
            // A weak majority (e.g. one Arabic word against two Latin ones in
            // "المصدر: RT Arabic") is decided by the surrounding text.
            Some(ctx)
                if runner_up > 0
                    && words.of(major) <= runner_up.saturating_mul(2)
                    && words.of(ctx) > 0 =>
            {
                ctx
            }
            _ => major,
        };
        for seg in segs {
            let script = if seg.script == host || seg.words <= self.max_embedded_words {
                host
            } else {
                seg.script
            };
            match out.last_mut() {
                Some(last) if last.script == script => last.end = seg.end,
                _ => out.push(Piece {
                    script,
                    start: seg.start,
                    end: seg.end,
                }),
            }
        }
    }

    /// Step 5: the language of one script run.
    fn name(&self, text: &str, script: Script, start: usize, end: usize) -> Lang {
        if script == Script::Other {
            return Lang::Unknown;
        }
        let mut cap = end.min(start.saturating_add(self.sample_bytes));
        // Back off to a char boundary; at most 3 steps, and `start` is one.
        // `cap -= 1` cannot underflow: `cap > start >= 0`.
        while cap > start && !text.is_char_boundary(cap) {
            cap -= 1;
        }
        let raw = text.get(start..cap).unwrap_or_default();
        // Keep only words without letters of another script, so whatlang sees
        // one language (mixed-script text is where it goes wrong).
        let mut sample = String::with_capacity(raw.len());
        let mut letters = 0usize;
        for word in raw.split_whitespace() {
            // The word's letters, or `None` when it has one of another script.
            let own = word.chars().try_fold(0usize, |n, c| match script_of(c) {
                Some(s) if s != script => None,
                // Cannot overflow: at most one letter per byte of the sample.
                Some(_) => Some(n + 1),
                None => Some(n),
            });
            let Some(own) = own else {
                continue;
            };
            letters += own;
            sample.push_str(word);
            sample.push(' ');
        }
        match script {
            Script::Latin => {
                if letters < self.min_detect_letters || is_english_prose(&sample) {
                    return Lang::English;
                }
                match whatlang::detect(&sample) {
                    Some(info) if info.is_reliable() && info.lang() != whatlang::Lang::Eng => {
                        Lang::OtherLatin
                    }
                    _ => Lang::English,
                }
            }
            Script::Arabic => {
                if letters < self.min_detect_letters || !may_fold_to_persian_or_urdu(&sample) {
                    return Lang::Arabic;
                }
                // Fold presentation forms and drop vowel marks and tatweel,
                // but keep ی and ک: folding them was measured to hide Persian
                // and Urdu from whatlang without making Arabic safer.
                let folded = Normalizer::new()
                    .nfkc(true)
                    .fold_alef(false)
                    .fold_yeh(false)
                    .fold_keheh(false)
                    .fold_teh_marbuta(false)
                    .fold_digits(false)
                    .normalize(&sample)
                    .into_owned();
                let has = |set: &[char]| folded.chars().any(|c| set.contains(&c));
                let (persian, urdu) = (has(&PERSIAN_ONLY), has(&URDU_ONLY));
                // Without those letters every verdict below is Arabic: whatlang,
                // the costliest step of run detection, is not asked.
                if !persian && !urdu {
                    return Lang::Arabic;
                }
                let detector = whatlang::Detector::with_allowlist(vec![
                    whatlang::Lang::Ara,
                    whatlang::Lang::Pes,
                    whatlang::Lang::Urd,
                ]);
                match detector.detect(&folded) {
                    Some(info) if info.is_reliable() => match info.lang() {
                        whatlang::Lang::Pes if persian => Lang::Persian,
                        whatlang::Lang::Urd if urdu => Lang::Urdu,
                        _ => Lang::Arabic,
                    },
                    _ => Lang::Arabic,
                }
            }
            Script::Other => Lang::Unknown,
        }
    }
}

/// English function words that are not words of another Latin-script language
/// (so no "of", "is", "to", "was", "will", "but", "her", "for", "by", "on", "a",
/// "in", "he", "we", "at", "as", "an", "or", "my", "also", "over", "under": words of
/// Dutch, Czech, Polish, German, French, Danish, Spanish or Portuguese too), given
/// in lowercase. A `match` on the bytes compiles to a few comparisons per word.
fn is_english_only(word: &[u8]) -> bool {
    matches!(
        word,
        b"the"
            | b"and"
            | b"that"
            | b"with"
            | b"this"
            | b"which"
            | b"have"
            | b"has"
            | b"were"
            | b"been"
            | b"their"
            | b"there"
            | b"would"
            | b"they"
            | b"what"
            | b"when"
            | b"these"
            | b"those"
            | b"should"
            | b"could"
            | b"into"
            | b"because"
            | b"about"
            | b"them"
            | b"its"
            | b"our"
            | b"your"
            | b"you"
            | b"his"
            | b"who"
            | b"said"
            | b"from"
            | b"it"
            | b"after"
            | b"than"
            | b"then"
            | b"only"
            | b"other"
            | b"some"
            | b"such"
            | b"where"
            | b"while"
            | b"through"
            | b"during"
            | b"before"
            | b"between"
            | b"against"
            | b"without"
            | b"since"
            | b"however"
    )
}

/// Whether a Latin sample is English prose on its face: at least two words, and
/// at least an eighth of its words, are [`is_english_only`] function words. Such a
/// run is named English without asking whatlang, which costs about 50 µs a call
/// whatever the sample's length (it scores every Latin language's trigram
/// profile) and dominated the time of pages with many short runs. Another
/// language quoting an English title ("The Lord of the Rings") in a long
/// sentence stays under an eighth. On the dev pages 98% of English lines of 50+
/// letters pass, on dev_modern 81%; the others go to whatlang as before.
fn is_english_prose(sample: &str) -> bool {
    let (mut words, mut hits) = (0usize, 0usize);
    for word in sample.split_whitespace() {
        let word = word.trim_matches(|c: char| !c.is_alphabetic());
        if word.is_empty() {
            continue;
        }
        // Cannot overflow: at most one word per byte of the sample.
        words += 1;
        // The longest listed words have 7 letters; longer ones are not looked up.
        let mut lower = [0u8; 7];
        if let Some(buf) = lower.get_mut(..word.len()) {
            buf.copy_from_slice(word.as_bytes());
            buf.make_ascii_lowercase();
            hits += usize::from(is_english_only(buf));
        }
    }
    hits >= 2 && hits.saturating_mul(8) >= words
}

/// Whether the NFKC form of `sample` may hold a letter of [`PERSIAN_ONLY`] or
/// [`URDU_ONLY`]: it holds one, or a character NFKC may turn into one (heh goal
/// and yeh barree with hamza, and presentation forms and other compatibility
/// characters from U+FB50 up). When not, the Arabic verdict needs neither NFKC
/// nor whatlang, the two costliest steps of naming an Arabic run.
fn may_fold_to_persian_or_urdu(sample: &str) -> bool {
    sample.chars().any(|c| {
        c >= '\u{FB50}'
            || c == '\u{06C2}'
            || c == '\u{06D3}'
            || PERSIAN_ONLY.contains(&c)
            || URDU_ONLY.contains(&c)
    })
}

/// Letters Persian writes and Arabic does not: peh, tcheh, jeh, gaf.
const PERSIAN_ONLY: [char; 4] = ['\u{067E}', '\u{0686}', '\u{0698}', '\u{06AF}'];

/// Letters Urdu writes and neither Arabic nor Persian does: tteh, ddal, rreh,
/// noon ghunna, heh goal, heh doachashmee, yeh barree.
const URDU_ONLY: [char; 7] = [
    '\u{0679}', '\u{0688}', '\u{0691}', '\u{06BA}', '\u{06C1}', '\u{06BE}', '\u{06D2}',
];

#[cfg(test)]
mod tests {
    use super::*;

    /// Runs as (language code, covered text), for readable assertions.
    fn runs_of(text: &str) -> Vec<(&'static str, &str)> {
        detect_runs(text)
            .iter()
            .map(|r| (r.lang.code(), r.span.slice(text)))
            .collect()
    }

    #[test]
    fn english_block_then_arabic_block() {
        let text = "The minister arrived today.\nHe met the president.\n\n\
                    وصل الوزير اليوم.\nوالتقى الرئيس.\n";
        assert_eq!(
            runs_of(text),
            vec![
                ("en", "The minister arrived today.\nHe met the president."),
                ("ar", "وصل الوزير اليوم.\nوالتقى الرئيس."),
            ]
        );
        let runs = detect_runs(text);
        assert_eq!(runs[0].span, Span::new(0, 49));
        assert_eq!(runs[1].span.start, 51);
    }

    #[test]
    fn interleaved_lines() {
        let text = "First line here.\nالسطر الأول هنا.\nSecond line here.\nالسطر الثاني هنا.";
        assert_eq!(
            runs_of(text),
            vec![
                ("en", "First line here."),
                ("ar", "السطر الأول هنا."),
                ("en", "Second line here."),
                ("ar", "السطر الثاني هنا."),
            ]
        );
    }

    #[test]
    fn short_latin_inside_arabic_line_stays_arabic() {
        for line in [
            "أعلنت شركة Facebook اليوم عن ميزة جديدة",
            "كتب الحساب @news_desk على المنصة أن الاجتماع انتهى",
            "تاريخ النشر: 3rd, May 2023 GMT",
            "المصدر: RT Arabic",
            "تابعونا على Instagram وYouTube",
        ] {
            let text = format!("عنوان الخبر الرئيسي\n{line}\nنهاية الخبر");
            assert_eq!(runs_of(&text), vec![("ar", text.as_str())], "{line}");
        }
    }

    #[test]
    fn english_sentence_glued_to_arabic_splits_exactly() {
        let text = "The ministers condemned the attack in the strongest terms.\n\
                    — city news desk (@city_desk) March 3, 2023وقال البيان إن الهجوم كان متعمدا وإن التحقيق مستمر";
        let runs = runs_of(text);
        assert_eq!(runs.len(), 2);
        assert_eq!(runs[0].0, "en");
        assert!(runs[0].1.ends_with("March 3, 2023"));
        assert_eq!(runs[1].0, "ar");
        assert!(runs[1].1.starts_with("وقال"));
        let spans = detect_runs(text);
        assert_eq!(spans[0].span.end, spans[1].span.start);
    }

    #[test]
    fn one_word_english_line_between_arabic_lines() {
        let text = "انتهى المقال هنا.\nComments\nأضف تعليقك";
        assert_eq!(
            runs_of(text),
            vec![
                ("ar", "انتهى المقال هنا."),
                ("en", "Comments"),
                ("ar", "أضف تعليقك")
            ]
        );
    }

    #[test]
    fn language_switcher_has_both_languages() {
        assert_eq!(
            runs_of("English | العربية"),
            vec![("en", "English |"), ("ar", "العربية")]
        );
        assert_eq!(
            runs_of("العربية | English"),
            vec![("ar", "العربية |"), ("en", "English")]
        );
    }

    #[test]
    fn short_arabic_inside_english_line_stays_english() {
        let text = "The capital (القاهرة) hosted the summit on Monday.";
        assert_eq!(runs_of(text), vec![("en", text)]);
    }

    #[test]
    fn empty_and_whitespace_only() {
        assert!(detect_runs("").is_empty());
        assert!(detect_runs(" \t\r\n\u{A0}\u{3000}\n\n").is_empty());
        assert!(detect_runs("12 — 2024, ... !").is_empty());
    }

    #[test]
    fn only_bidi_controls() {
        assert!(detect_runs("\u{200F}\u{202B}\u{202C}\u{2067}\u{2069}\u{200E}").is_empty());
    }

    #[test]
    fn persian_letter_forms_in_arabic_news_stay_arabic() {
        let text = "قال المتحدث باسم الحکومة إن الوزیر سیزور العاصمة فی الأیام المقبلة \
                    لبحث التعاون الاقتصادی بین البلدین وتعزیز العلاقات الثنائیة فی مختلف المجالات.";
        assert_eq!(runs_of(text), vec![("ar", text)]);
    }

    #[test]
    fn persian_and_urdu_paragraphs() {
        let fa = "ایران یکی از کشورهای خاورمیانه است که تاریخ و فرهنگی بسیار کهن دارد. \
                  مردم این کشور به زبان فارسی سخن می‌گویند و پایتخت آن شهر تهران است.";
        assert_eq!(runs_of(fa), vec![("fa", fa)]);
        let ur = "پاکستان جنوبی ایشیا کا ایک ملک ہے۔ اس کا دارالحکومت اسلام آباد ہے \
                  اور یہاں کی قومی زبان اردو ہے۔ وزیر اعظم نے آج ایک بیان میں کہا۔";
        assert_eq!(runs_of(ur), vec![("ur", ur)]);
    }

    #[test]
    fn long_french_paragraph_is_other_latin() {
        let text = "Le gouvernement a présenté mercredi un projet de loi destiné à \
                    renforcer la protection des données personnelles. Selon le ministre, \
                    ces nouvelles règles entreront en vigueur au début de l'année prochaine.";
        assert_eq!(runs_of(text), vec![("und-Latn", text)]);
    }

    #[test]
    fn short_latin_line_is_english_even_if_whatlang_disagrees() {
        // whatlang guesses other languages for short menu lines.
        assert_eq!(
            runs_of("Subscribe to our newsletter"),
            vec![("en", "Subscribe to our newsletter")]
        );
    }

    #[test]
    fn arabic_letter_fast_path_agrees_with_unicode() {
        for c in '\u{0620}'..='\u{064A}' {
            assert!(c.is_alphabetic() && is_arabic_block(c), "{c:?}");
        }
    }

    #[test]
    fn only_listed_characters_fold_to_persian_or_urdu_letters() {
        use unicode_normalization::UnicodeNormalization;
        for c in ('\0'..'\u{FB50}').filter(|&c| !may_fold_to_persian_or_urdu(&c.to_string())) {
            let folded: String = c.to_string().nfkc().collect();
            let listed = |x: &char| PERSIAN_ONLY.contains(x) || URDU_ONLY.contains(x);
            assert!(
                !folded.chars().any(|x| listed(&x)),
                "{c:?} folds to {folded:?}"
            );
        }
        assert!(may_fold_to_persian_or_urdu("\u{FB56}")); // peh, isolated form
    }

    #[test]
    fn english_prose_is_recognised_by_its_function_words() {
        assert!(is_english_prose(
            "The council said that the bridge, which opened in 1932, would close."
        ));
        // One function word is not enough, nor a quoted English title in another
        // language's sentence.
        assert!(!is_english_prose("Share the news"));
        let fr = "Le roman The Lord of the Rings a été traduit en plusieurs langues \
                  et publié par une maison d'édition parisienne en deux volumes.";
        assert!(!is_english_prose(fr));
        assert_eq!(runs_of(fr), vec![("und-Latn", fr)]);
    }

    #[test]
    fn crlf_line_ends() {
        let text = "Read more\r\n\r\nاقرأ المزيد\r\nShare this:\r\n";
        assert_eq!(
            runs_of(text),
            vec![
                ("en", "Read more"),
                ("ar", "اقرأ المزيد"),
                ("en", "Share this:")
            ]
        );
    }

    #[test]
    fn digits_and_punctuation_join_the_run_around_them() {
        let text = "« رومية ١٢\n12 Romans 12:1 (KJV)\n2024\nمقال";
        assert_eq!(
            runs_of(text),
            vec![
                ("ar", "« رومية ١٢"),
                ("en", "12 Romans 12:1 (KJV)\n2024"),
                ("ar", "مقال")
            ]
        );
    }

    #[test]
    fn other_scripts_are_unknown() {
        assert_eq!(runs_of("Москва сегодня"), vec![("und", "Москва сегодня")]);
    }

    #[cfg(feature = "serde")]
    #[test]
    fn serde_shape() {
        let run = Run {
            lang: Lang::English,
            span: Span::new(3, 9),
        };
        let json = serde_json::to_string(&run).unwrap_or_default();
        assert_eq!(json, r#"{"lang":"en","span":[3,9]}"#);
        let back: Option<Run> = serde_json::from_str(&json).ok();
        assert_eq!(back, Some(run));
    }

    #[test]
    fn huge_single_line_is_linear() {
        // 4 MB on one line, alternating scripts every few words: quadratic
        // behaviour would take minutes here even in a debug build.
        let unit = "The talks went on for hours وقالت مصادر مطلعة إن المحادثات مستمرة ";
        let text = unit.repeat(4_000_000 / unit.len());
        let runs = detect_runs(&text);
        assert!(runs.len() > 1000);
        assert!(runs.windows(2).all(|w| w[0].span.end <= w[1].span.start));
    }

    /// Checks the contract of [`detect_runs`] on one input.
    fn check_contract(text: &str, runs: &[Run]) -> Result<(), String> {
        let mut prev_end = 0;
        for r in runs {
            let (s, e) = (r.span.start, r.span.end);
            if s < prev_end || s >= e || e > text.len() {
                return Err(format!("bad span {s}..{e} after {prev_end}"));
            }
            if !text.is_char_boundary(s) || !text.is_char_boundary(e) {
                return Err(format!("not on char boundary: {s}..{e}"));
            }
            let slice = r.span.slice(text);
            if slice.trim() != slice {
                return Err(format!("untrimmed run {slice:?}"));
            }
            prev_end = e;
        }
        for (i, c) in text.char_indices() {
            if c.is_alphabetic() {
                let n = runs
                    .iter()
                    .filter(|r| r.span.start <= i && i < r.span.end)
                    .count();
                if n != 1 {
                    return Err(format!("letter {c:?} at {i} is in {n} runs"));
                }
            }
        }
        Ok(())
    }

    proptest::proptest! {
        #[test]
        fn contract_holds_on_arbitrary_strings(text in proptest::prelude::any::<String>()) {
            let runs = detect_runs(&text);
            proptest::prop_assert_eq!(check_contract(&text, &runs), Ok(()));
        }

        #[test]
        fn contract_holds_on_mixed_script_strings(
            text in "[a-zA-Zé ابتثجحخكیکةًُـ\u{200F}\u{A0}\n\r|@0-9.,:()«»ЖД中\u{301}]{0,80}",
            embedded in 0usize..6,
        ) {
            let runs = RunDetector::new().max_embedded_words(embedded).detect(&text);
            proptest::prop_assert_eq!(check_contract(&text, &runs), Ok(()));
        }
    }
}
