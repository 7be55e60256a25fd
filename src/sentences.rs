//! Splitting a run of English or Arabic text into sentences.
//!
//! [`split_sentences`] and [`SentenceSplitter::split`] return a lazy iterator of
//! `(Span, &str)` pairs: each sentence's byte range in the caller's text and the
//! text itself.
//!
//! # Contract
//!
//! - Sentences come in text order and do not overlap.
//! - A sentence is never empty and never starts or ends with whitespace
//!   (anything [`char::is_whitespace`] accepts, so also NBSP U+00A0) or an
//!   invisible character (a BOM or bidi mark is formatting, not text).
//! - Every character that is neither whitespace nor invisible (see
//!   [`crate::normalize::is_invisible`]: bidi marks, zero-width space, BOM, ...)
//!   lies in exactly one sentence. Nothing visible is dropped.
//! - Invisible characters inside a sentence stay in its span. A stretch between
//!   two boundaries that holds only whitespace and invisible characters yields no
//!   sentence.
//! - No sentence is longer than [`SentenceSplitter::max_sentence_bytes`]; a
//!   longer stretch is cut at its last whitespace that fits, else at the last
//!   `char` boundary that fits.
//!
//! # Rules
//!
//! A sentence ends at a run of stop marks (`.` `!` `?` `؟` `…` `۔`, repeated or
//! mixed as in `?!` or `...`), optionally followed by closing quotes and brackets
//! (`"` `'` `”` `’` `»` `)` `]` `}` `›`), when whitespace or the end of the text
//! comes next. A stop glued to the next character (`3.5`, `e.g.x`,
//! `www.example.com`, `https://t.co/x?q=1`) never ends a sentence, which is also
//! what keeps numbers, URLs and e-mail addresses whole. Commas, colons and
//! semicolons, Arabic ones included (`،` `؛`), never end a sentence. A stop run
//! with nothing visible before it in the sentence (`... and then`) does not end
//! one either, so no sentence is made of punctuation alone.
//!
//! With [`LineBreaks::Always`] (the default) every line break ends a sentence:
//! headlines and list items in scraped pages carry no final stop. Line breaks
//! are `\n`, `\r\n`, lone `\r`, vertical tab, form feed, U+0085, U+2028 and
//! U+2029. With [`LineBreaks::BlankLine`] only a line holding nothing but
//! whitespace and invisible characters, or U+2029 PARAGRAPH SEPARATOR, ends a
//! sentence; other line breaks count as spaces.
//!
//! What follows a stop run decides whether it ends a sentence. The "next word"
//! is the first letter or digit after the whitespace, skipping a few opening
//! quotes or brackets:
//!
//! - `!`, `?`, `؟` or `۔` in the run: always a boundary.
//! - Ellipsis (`…`, or three or more dots): a boundary only before an uppercase
//!   Latin letter or a caseless letter (Arabic and other scripts). `wait... and
//!   then` and `wait... 5 more` stay whole.
//! - Exactly two dots: in Arabic headlines `..` is a dash-like pause
//!   (`كيم جونغ أون.. بايدن`), so it is no boundary when `lang` is an
//!   Arabic-script language or the word before or after is in Arabic script;
//!   otherwise it is treated as an ellipsis.
//! - A single dot: a boundary unless the next word starts with a lowercase
//!   Latin letter, or one of these holds for the word before the dot:
//!   - it is a number of at most three digits that opens the sentence (a list
//!     item like `2. Results` or `٢. النتائج`);
//!   - it is a *prefix* abbreviation (titles such as `Mr` `Dr` `Prof` `Gen`,
//!     and `e.g` `i.e` `vs` `cf` `approx` `ca` `pp` `p` `vol` `ch` `op`), which
//!     never ends a sentence, nor does any abbreviation added with
//!     [`SentenceSplitter::add_abbreviation`];
//!   - it is a *word-like* abbreviation (`no` `nos` `art` `sec` `fig` `sat`
//!     `sun` `wed` `mar`, which are also ordinary words) and a digit follows:
//!     `No. 5` stays whole, `he said no. The` splits;
//!   - it is an abbreviation that may also close a sentence (`etc` `inc` `ltd`
//!     `co` `corp` `jr` `sr` `st` `dept` `est` `al`, month and weekday
//!     abbreviations, `a.m.` `p.m.` `U.S.` `U.K.` `U.N.` `E.U.` `Ph.D.`
//!     `D.C.`, any other dotted form whose parts have one or two letters, and
//!     a single capital initial as in `George W. Bush`): a boundary only when
//!     the next word is Arabic or is a capitalised common sentence opener
//!     (`The` `He` `She` `It` `They` `We` `I` `You` `But` `And` `In` `On`
//!     `At` `This` `That` `These` `Those` `A` `An` `There` `His` `Her` `Their`
//!     `Its` `Our` `Then` `However` `When` `After` `Meanwhile` `If` `So` `As`).
//!     A single letter followed by a dot is never taken as an opener, so
//!     `J. A. Smith` stays whole.
//!   - in Arabic script, a single letter other than `م` and `ه` (`د.` for
//!     doctor, `أ.` for ustadh) or a dotted form like `أ.د.` whose last part is
//!     not the era mark `م` or `هـ`: never a boundary.
//!
//! Abbreviations match case-insensitively and apply to Latin-script words in
//! any run, so an Arabic run may embed `Mr. Smith`. Capital-letter checks only
//! look at Latin letters, since Arabic has no case; Western, Eastern Arabic
//! (U+0660–U+0669) and Persian (U+06F0–U+06F9) digits all count as digits. The
//! Arabic decimal and thousands separators (`٣٫٥`) are not stops at all.
//!
//! These are heuristics: an abbreviation missing from the lists, followed by a
//! capital, ends a sentence.
//!
//! ```
//! use bitext::{split_sentences, Lang};
//!
//! let text = "Dr. J. K. Rowling lives in the U.K. She paid 3.5 million... \
//!             Really?! Printed by Oxford Univ. Press in 2001.\n\
//!             Breaking news without a stop\n\
//!             قال «هل أنت متأكد؟» ثم غادر. نعم، وصل.. ثم عاد";
//! let sentences: Vec<&str> = split_sentences(text, Lang::English).map(|(_, s)| s).collect();
//! assert_eq!(
//!     sentences,
//!     [
//!         "Dr. J. K. Rowling lives in the U.K.",
//!         "She paid 3.5 million...",
//!         "Really?!",
//!         // `Univ.` is not in the list, and a capital follows: a false break.
//!         "Printed by Oxford Univ.",
//!         "Press in 2001.",
//!         "Breaking news without a stop",
//!         // Arabic has no case: a quoted question ends a sentence.
//!         "قال «هل أنت متأكد؟»",
//!         "ثم غادر.",
//!         "نعم، وصل.. ثم عاد",
//!     ]
//! );
//! ```

use std::iter::FusedIterator;
use std::sync::Arc;

use crate::normalize::is_invisible;
use crate::runs::is_arabic_block;
use crate::{Lang, Span};

/// The smallest accepted [`SentenceSplitter::max_sentence_bytes`]: room for
/// four of the widest `char`s, so a cut always makes progress.
const MIN_SENTENCE_BYTES: usize = 16;

/// Default for [`SentenceSplitter::max_sentence_bytes`].
const DEFAULT_MAX_SENTENCE_BYTES: usize = 2048;

/// Longest word (in `char`s) examined as a possible abbreviation; longer words
/// are never abbreviations, and the bound keeps look-behind constant-time.
const MAX_ABBREVIATION_CHARS: usize = 32;

/// Which line breaks end a sentence.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum LineBreaks {
    /// Every line break ends a sentence: scraped headlines, captions and list
    /// items have no final stop.
    #[default]
    Always,
    /// Only a blank line (or U+2029 PARAGRAPH SEPARATOR) ends a sentence; single
    /// line breaks count as spaces. For hard-wrapped prose.
    BlankLine,
}

/// A configurable sentence splitter; [`split_sentences`] uses the defaults.
///
/// ```
/// use bitext::{Lang, LineBreaks, SentenceSplitter};
///
/// let splitter = SentenceSplitter::new()
///     .line_breaks(LineBreaks::BlankLine)
///     .add_abbreviation("Univ.");
/// let text = "Printed by Oxford Univ. Press,\nwrapped here.\n\nNext one.";
/// let sentences: Vec<&str> = splitter.split(text, Lang::English).map(|(_, s)| s).collect();
/// assert_eq!(sentences, ["Printed by Oxford Univ. Press,\nwrapped here.", "Next one."]);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct SentenceSplitter {
    line_breaks: LineBreaks,
    max_sentence_bytes: usize,
    /// Lowercased, without a final dot. Shared so that each `split` call only
    /// bumps a counter instead of copying the list into the iterator.
    abbreviations: Arc<[String]>,
}

impl Default for SentenceSplitter {
    fn default() -> Self {
        SentenceSplitter {
            line_breaks: LineBreaks::Always,
            max_sentence_bytes: DEFAULT_MAX_SENTENCE_BYTES,
            abbreviations: Arc::from(Vec::new()),
        }
    }
}

impl SentenceSplitter {
    /// A splitter with the default settings.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets which line breaks end a sentence. Default: [`LineBreaks::Always`].
    ///
    /// ```
    /// use bitext::{LineBreaks, SentenceSplitter};
    /// assert_eq!(SentenceSplitter::new().get_line_breaks(), LineBreaks::Always);
    /// let s = SentenceSplitter::new().line_breaks(LineBreaks::BlankLine);
    /// assert_eq!(s.get_line_breaks(), LineBreaks::BlankLine);
    /// ```
    pub fn line_breaks(mut self, line_breaks: LineBreaks) -> Self {
        self.line_breaks = line_breaks;
        self
    }

    /// The line-break setting.
    pub fn get_line_breaks(&self) -> LineBreaks {
        self.line_breaks
    }

    /// Sets the longest sentence, in bytes. Default: 2048.
    ///
    /// A stretch without a boundary that is longer is cut into pieces of at most
    /// this many bytes, each at the last whitespace that fits, or at the last
    /// `char` boundary that fits when there is none. Values below 16 are raised
    /// to 16, so that a piece always holds at least one `char`.
    ///
    /// ```
    /// use bitext::SentenceSplitter;
    /// assert_eq!(SentenceSplitter::new().get_max_sentence_bytes(), 2048);
    /// assert_eq!(SentenceSplitter::new().max_sentence_bytes(100).get_max_sentence_bytes(), 100);
    /// assert_eq!(SentenceSplitter::new().max_sentence_bytes(3).get_max_sentence_bytes(), 16);
    /// ```
    pub fn max_sentence_bytes(mut self, max: usize) -> Self {
        self.max_sentence_bytes = max.max(MIN_SENTENCE_BYTES);
        self
    }

    /// The longest sentence, in bytes, after clamping.
    pub fn get_max_sentence_bytes(&self) -> usize {
        self.max_sentence_bytes
    }

    /// Adds an abbreviation after which a dot never ends a sentence, whatever
    /// follows. Matching ignores case; a final dot and surrounding whitespace
    /// are ignored, inner dots count (`"Univ."`, `"univ"` and `"approx"` work;
    /// `"e.g"` is a dotted form). An empty entry is ignored. Default: no extra
    /// abbreviations beyond the built-in lists.
    ///
    /// ```
    /// use bitext::{Lang, SentenceSplitter};
    /// assert!(SentenceSplitter::new().get_abbreviations().is_empty());
    /// let s = SentenceSplitter::new().add_abbreviation(" Univ. ");
    /// assert_eq!(s.get_abbreviations(), ["univ"]);
    /// assert_eq!(s.split("At Oxford Univ. Press.", Lang::English).count(), 1);
    /// ```
    pub fn add_abbreviation(mut self, abbreviation: &str) -> Self {
        let normalized = abbreviation.trim().trim_end_matches('.').to_lowercase();
        if !normalized.is_empty() && !self.abbreviations.contains(&normalized) {
            let mut list = self.abbreviations.to_vec();
            list.push(normalized);
            self.abbreviations = list.into();
        }
        self
    }

    /// The abbreviations added with [`SentenceSplitter::add_abbreviation`],
    /// lowercased and without a final dot.
    pub fn get_abbreviations(&self) -> &[String] {
        &self.abbreviations
    }

    /// Splits `text`, written in `lang`, into sentences.
    ///
    /// ```
    /// use bitext::{Lang, SentenceSplitter, Span};
    /// let text = "مرحبا. Hi.";
    /// let got: Vec<_> = SentenceSplitter::new().split(text, Lang::Arabic).collect();
    /// assert_eq!(got, [(Span::new(0, 11), "مرحبا."), (Span::new(12, 15), "Hi.")]);
    /// ```
    pub fn split<'a>(&self, text: &'a str, lang: Lang) -> SentenceIndices<'a> {
        SentenceIndices {
            text,
            pos: 0,
            lang,
            line_breaks: self.line_breaks,
            max_bytes: self.max_sentence_bytes,
            abbreviations: Arc::clone(&self.abbreviations),
        }
    }
}

/// Splits `text`, written in `lang`, into sentences with the default settings
/// of [`SentenceSplitter`]. See the [module docs](self) for the rules.
///
/// ```
/// use bitext::{split_sentences, Lang};
/// let got: Vec<&str> = split_sentences("Mr. Smith left. He came back!", Lang::English)
///     .map(|(_, s)| s)
///     .collect();
/// assert_eq!(got, ["Mr. Smith left.", "He came back!"]);
/// ```
pub fn split_sentences(text: &str, lang: Lang) -> SentenceIndices<'_> {
    SentenceSplitter::new().split(text, lang)
}

/// Iterator over the sentences of a text: each item is the sentence's byte span
/// in the text and the sentence itself (`&text[span]`).
///
/// Made by [`split_sentences`] and [`SentenceSplitter::split`]. It works lazily
/// in one pass, in time linear in the text's length.
#[derive(Debug, Clone)]
pub struct SentenceIndices<'a> {
    text: &'a str,
    /// Everything before `pos` has been handed out or skipped.
    pos: usize,
    lang: Lang,
    line_breaks: LineBreaks,
    max_bytes: usize,
    abbreviations: Arc<[String]>,
}

/// Whitespace, or a character that shows nothing (bidi marks, zero-width characters,
/// a byte-order mark): never the first or last character of a sentence, since it is
/// formatting, not text, and a pair's text should not start with a stray BOM.
fn is_blank(c: char) -> bool {
    c.is_whitespace() || is_invisible(c)
}

impl<'a> Iterator for SentenceIndices<'a> {
    type Item = (Span, &'a str);

    fn next(&mut self) -> Option<Self::Item> {
        let rest = self.text.get(self.pos..)?;
        // First non-blank byte at or after `pos`. Cannot underflow: the trimmed
        // text is a suffix of `rest`, itself a suffix of `text`.
        let start = self.text.len() - rest.trim_start_matches(is_blank).len();
        if start >= self.text.len() {
            self.pos = self.text.len();
            return None;
        }
        let end = self.sentence_end(start);
        self.pos = end;
        // `start` follows the blanks that `trim_start` removed and `sentence_end`
        // only returns char boundaries, so this never yields `None`. The char at
        // `start` is not blank and `end` lies past it, so trimming keeps it: the
        // piece is never empty nor blanks only.
        let piece = self.text.get(start..end)?.trim_end_matches(is_blank);
        // Cannot panic or overflow: `piece` is a prefix of `text[start..end]`,
        // so `start <= start + piece.len() <= end <= text.len()`.
        Some((Span::new(start, start + piece.len()), piece))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = self.text.len().saturating_sub(self.pos);
        // The rest may be only whitespace, so no sentence is certain; each
        // sentence takes at least one byte.
        (0, Some(left))
    }
}

impl FusedIterator for SentenceIndices<'_> {}

/// What a run of stop marks contains and where it (with its closers) ends.
struct StopRun {
    end: usize,
    dots: usize,
    ellipsis: bool,
    strong: bool,
}

/// What comes after a stop run.
enum Follow {
    /// A non-space character right after the run: `3.5`, `e.g.x`, a URL.
    Glued,
    /// End of text, or a line break that ends the sentence anyway.
    End,
    /// Whitespace, then a word.
    Word(NextWord),
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    LatinUpper,
    LatinLower,
    Arabic,
    OtherLetter,
    Digit,
    Other,
}

struct NextWord {
    kind: Kind,
    /// A capitalised common sentence opener such as `The` or `He`.
    opener: bool,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Abbreviation {
    /// Not an abbreviation.
    No,
    /// Never ends a sentence (titles, `e.g.`, user-added).
    Prefix,
    /// Also an ordinary word; only a following digit keeps it from ending one.
    WordLike,
    /// May end a sentence; only does before an opener or Arabic.
    MayEnd,
}

impl SentenceIndices<'_> {
    /// Returns the end (exclusive, before any trailing whitespace trimming) of
    /// the sentence that starts at the non-blank `start`. Always greater than
    /// `start` and on a char boundary.
    fn sentence_end(&self, start: usize) -> usize {
        let text = self.text;
        let limit = start.saturating_add(self.max_bytes);
        let mut last_space = None;
        let mut i = start;
        while let Some(c) = char_at(text, i) {
            // Cannot overflow: `c` starts at `i`, so `next <= text.len()`.
            let next = i + c.len_utf8();
            if c.is_whitespace() {
                if i > limit {
                    return self.cut(start, limit, last_space);
                }
                last_space = Some(i);
                if is_line_break(c) && self.line_break_ends(c, i) {
                    return i;
                }
                i = next;
                continue;
            }
            if next > limit {
                return self.cut(start, limit, last_space);
            }
            if is_stop(c) {
                let run = stop_run(text, i, limit);
                // A run at `start` has nothing visible before it (the char at
                // `start` is not blank, so after it there always is).
                if i > start && self.ends_sentence(start, i, &run) {
                    if run.end > limit {
                        return self.cut(start, limit, last_space);
                    }
                    return run.end;
                }
                i = run.end;
                continue;
            }
            i = next;
        }
        if text.len() > limit {
            self.cut(start, limit, last_space)
        } else {
            text.len()
        }
    }

    /// Where to cut an over-long stretch: at the last whitespace that fits, else
    /// at the last char boundary that fits.
    fn cut(&self, start: usize, limit: usize, last_space: Option<usize>) -> usize {
        if let Some(p) = last_space {
            return p;
        }
        // `limit - start >= MIN_SENTENCE_BYTES >= 4`, so a boundary lies in the
        // range; the fallback only guards against a broken invariant. Cannot
        // overflow: `start < text.len()`, and a char at `start` ends in the text.
        (start + 1..=limit)
            .rev()
            .find(|&b| self.text.is_char_boundary(b))
            .unwrap_or_else(|| start + char_at(self.text, start).map_or(1, char::len_utf8))
    }

    /// Whether the line break `c` at `i` ends the sentence under the setting.
    fn line_break_ends(&self, c: char, i: usize) -> bool {
        match self.line_breaks {
            LineBreaks::Always => true,
            LineBreaks::BlankLine => {
                if c == '\u{2029}' {
                    return true;
                }
                // Cannot overflow: `j` ends `c`, then the one-byte `\n` found at `j`.
                let mut j = i + c.len_utf8();
                if c == '\r' && char_at(self.text, j) == Some('\n') {
                    j += 1;
                }
                let rest = self.text.get(j..).unwrap_or("");
                for d in rest.chars() {
                    if is_line_break(d) {
                        return true;
                    }
                    if !is_blank(d) {
                        return false;
                    }
                }
                true
            }
        }
    }

    /// Whether the stop run starting at `i` ends the sentence started at `start`.
    fn ends_sentence(&self, start: usize, i: usize, run: &StopRun) -> bool {
        let next = match self.follow(run.end) {
            Follow::Glued => return false,
            Follow::End => return true,
            Follow::Word(next) => next,
        };
        if run.strong {
            return true;
        }
        if run.ellipsis || run.dots >= 3 {
            return ellipsis_ends(&next);
        }
        let word = prev_word(self.text, start, i);
        if run.dots == 2 {
            let arabic_before = word
                .and_then(|(_, w)| w.chars().rev().find(|c| c.is_alphanumeric()))
                .is_some_and(is_arabic_letter);
            if self.lang.is_arabic_script() || arabic_before || next.kind == Kind::Arabic {
                return false;
            }
            return ellipsis_ends(&next);
        }
        let Some((word_start, raw)) = word else {
            // The word before is too long to be an abbreviation or list number.
            return next.kind != Kind::LatinLower;
        };
        let bare = raw.trim_matches(is_invisible);
        if word_start == start
            && (1..=3).contains(&bare.chars().count())
            && bare.chars().all(is_digit)
        {
            return false;
        }
        let bare = bare.trim_start_matches(|c: char| !c.is_alphanumeric());
        match classify(bare, &self.abbreviations) {
            Abbreviation::Prefix => false,
            Abbreviation::MayEnd => {
                (next.kind == Kind::LatinUpper && next.opener) || next.kind == Kind::Arabic
            }
            Abbreviation::WordLike if next.kind == Kind::Digit => false,
            Abbreviation::WordLike | Abbreviation::No => next.kind != Kind::LatinLower,
        }
    }

    /// Looks past the end of a stop run: whitespace (counting line breaks) and
    /// then the start of the next word.
    fn follow(&self, end: usize) -> Follow {
        let text = self.text;
        match char_at(text, end) {
            None => return Follow::End,
            Some(c) if !c.is_whitespace() => return Follow::Glued,
            Some(_) => {}
        }
        let needed = match self.line_breaks {
            LineBreaks::Always => 1,
            LineBreaks::BlankLine => 2,
        };
        let mut breaks = 0;
        let mut after_cr = false;
        let mut j = end;
        while let Some(c) = char_at(text, j) {
            if !is_blank(c) {
                break;
            }
            if is_line_break(c) && !(after_cr && c == '\n') {
                // A paragraph separator is a paragraph break on its own. Cannot
                // overflow: `breaks` stays below `needed <= 2` until the return.
                breaks += if c == '\u{2029}' { 2 } else { 1 };
                if breaks >= needed {
                    return Follow::End;
                }
            }
            after_cr = c == '\r';
            // Cannot overflow: `c` starts at `j`, so `j` stays within the text.
            j += c.len_utf8();
        }
        match text.get(j..) {
            Some(rest) if !rest.is_empty() => Follow::Word(next_word(rest)),
            _ => Follow::End,
        }
    }
}

/// Reads the stop marks at `i`, then closing quotes and brackets. Invisible
/// characters inside the run belong to it. Stops reading past `limit`, so a huge
/// run of marks is not rescanned for every piece it is cut into.
fn stop_run(text: &str, i: usize, limit: usize) -> StopRun {
    let mut run = StopRun {
        end: i,
        dots: 0,
        ellipsis: false,
        strong: false,
    };
    let rest = text.get(i..).unwrap_or("");
    let mut in_closers = false;
    for c in rest.chars() {
        if run.end > limit {
            break;
        }
        match c {
            '.' if !in_closers => run.dots += 1,
            '…' if !in_closers => run.ellipsis = true,
            '!' | '?' | '؟' | '۔' if !in_closers => run.strong = true,
            c if is_closer(c) => in_closers = true,
            // Vertical tab is both whitespace and "invisible"; it must end the run.
            c if is_invisible(c) && !c.is_whitespace() => {}
            _ => break,
        }
        // Cannot overflow: `run.end` walks the chars of `text[i..]` (and `dots`
        // counts some of them), so both stay at most `text.len()`.
        run.end += c.len_utf8();
    }
    run
}

/// The word that ends at `i` (just before a stop run), back to whitespace or
/// the sentence start, with its start offset; `None` when it is longer than any
/// abbreviation could be.
fn prev_word(text: &str, start: usize, i: usize) -> Option<(usize, &str)> {
    let before = text.get(start..i)?;
    let mut word_start = start;
    for (count, (k, c)) in before.char_indices().rev().enumerate() {
        if c.is_whitespace() {
            // Cannot overflow: `start + k` is where `c` starts, inside the text.
            word_start = start + k + c.len_utf8();
            break;
        }
        if count >= MAX_ABBREVIATION_CHARS {
            return None;
        }
    }
    Some((word_start, text.get(word_start..i)?))
}

/// Classifies the first letter or digit of `rest` (which starts with a
/// non-whitespace char), skipping a few opening quotes, brackets or dashes.
fn next_word(rest: &str) -> NextWord {
    // The sums below add at most 4 and 12 char lengths: no overflow.
    let skip: usize = rest
        .chars()
        .take(4)
        .take_while(|c| !c.is_alphanumeric() && !c.is_whitespace())
        .map(char::len_utf8)
        .sum();
    let word = rest.get(skip..).unwrap_or("");
    let Some(first) = word.chars().next() else {
        return NextWord {
            kind: Kind::Other,
            opener: false,
        };
    };
    let kind = char_kind(first);
    let opener = kind == Kind::LatinUpper && {
        let len: usize = word
            .chars()
            .take(12)
            .take_while(|c| c.is_alphabetic())
            .map(char::len_utf8)
            .sum();
        let w = word.get(..len).unwrap_or("");
        // A lone capital followed by a dot is the next initial of a name.
        let initial = len == 1 && word.get(1..).is_some_and(|r| r.starts_with('.'));
        !initial && OPENERS.contains(&w)
    };
    NextWord { kind, opener }
}

fn ellipsis_ends(next: &NextWord) -> bool {
    matches!(
        next.kind,
        Kind::LatinUpper | Kind::Arabic | Kind::OtherLetter
    )
}

fn classify(word: &str, extra: &[String]) -> Abbreviation {
    if word.is_empty() || !word.chars().all(|c| c.is_alphabetic() || c == '.') {
        return Abbreviation::No;
    }
    if extra
        .iter()
        .any(|a| word.chars().flat_map(char::to_lowercase).eq(a.chars()))
    {
        return Abbreviation::Prefix;
    }
    let lists = [
        (PREFIX, Abbreviation::Prefix),
        (WORD_LIKE, Abbreviation::WordLike),
        (MAY_END, Abbreviation::MayEnd),
    ];
    for (list, class) in lists {
        if list.iter().any(|a| a.eq_ignore_ascii_case(word)) {
            return class;
        }
    }
    let mut chars = word.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        if is_latin_letter(c) && c.is_uppercase() {
            return Abbreviation::MayEnd;
        }
    }
    if word.chars().all(|c| c == '.' || is_latin_letter(c)) {
        if dotted_form(word) {
            return Abbreviation::MayEnd;
        }
        return Abbreviation::No;
    }
    if word.chars().all(|c| c == '.' || is_arabic_letter(c)) {
        // Tatweel only stretches a letter: `هـ` is the letter `ه`.
        let mut parts = word.split('.').map(|p| p.trim_matches('\u{0640}'));
        let last = parts.next_back().unwrap_or("");
        let era = last == "م" || last == "ه";
        let single = word.split('.').count() == 1 && last.chars().count() == 1;
        if !era && (single || dotted_form(word)) {
            return Abbreviation::Prefix;
        }
    }
    Abbreviation::No
}

/// `U.S`, `Ph.D`, `أ.د`: at least two dot-separated parts of one or two letters.
fn dotted_form(word: &str) -> bool {
    let mut parts = 0;
    for part in word.split('.') {
        let n = part.chars().filter(|&c| c != '\u{0640}').count();
        if !(1..=2).contains(&n) {
            return false;
        }
        // Cannot overflow: one part per dot, plus one.
        parts += 1;
    }
    parts >= 2
}

/// Never end a sentence. Lowercase, no final dot.
const PREFIX: &[&str] = &[
    "mr", "mrs", "ms", "messrs", "dr", "prof", "gen", "col", "lt", "sgt", "capt", "cmdr", "gov",
    "sen", "rep", "rev", "hon", "pres", "e.g", "i.e", "vs", "cf", "approx", "ca", "pp", "p", "vol",
    "ch", "op", "mt",
];

/// Ordinary English words as well; protected only before a digit.
const WORD_LIKE: &[&str] = &["no", "nos", "art", "sec", "fig", "sat", "sun", "wed", "mar"];

/// Often the last word of a sentence too.
const MAY_END: &[&str] = &[
    "etc", "inc", "ltd", "co", "corp", "jr", "sr", "st", "dept", "est", "al", "bros", "ave", "jan",
    "feb", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue", "tues",
    "thu", "thur", "thurs", "fri", "a.m", "p.m", "u.s", "u.k", "u.n", "e.u", "ph.d", "d.c",
    "u.s.a",
];

/// Capitalised words that usually open a sentence.
const OPENERS: &[&str] = &[
    "A",
    "After",
    "An",
    "And",
    "As",
    "At",
    "But",
    "He",
    "Her",
    "His",
    "However",
    "I",
    "If",
    "In",
    "It",
    "Its",
    "Meanwhile",
    "On",
    "Our",
    "She",
    "So",
    "That",
    "The",
    "Their",
    "Then",
    "There",
    "These",
    "They",
    "This",
    "Those",
    "We",
    "When",
    "You",
];

fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..)?.chars().next()
}

fn is_stop(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '؟' | '…' | '۔')
}

fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | '»' | ')' | ']' | '}' | '›')
}

/// The line breaks of the module documentation (also where
/// [`crate::document`] ends a unit).
pub(crate) fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

fn is_digit(c: char) -> bool {
    crate::normalize::digit_value(c).is_some()
}

fn is_latin_letter(c: char) -> bool {
    c.is_alphabetic()
        && (c.is_ascii_alphabetic()
            || matches!(c, '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}'))
}

fn is_arabic_letter(c: char) -> bool {
    c.is_alphabetic() && is_arabic_block(c)
}

fn char_kind(c: char) -> Kind {
    if is_digit(c) {
        Kind::Digit
    } else if is_arabic_letter(c) {
        Kind::Arabic
    } else if is_latin_letter(c) && c.is_uppercase() {
        Kind::LatinUpper
    } else if is_latin_letter(c) && c.is_lowercase() {
        Kind::LatinLower
    } else if c.is_alphabetic() {
        Kind::OtherLetter
    } else {
        Kind::Other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn en(text: &str) -> Vec<&str> {
        split_sentences(text, Lang::English)
            .map(|(_, s)| s)
            .collect()
    }

    fn ar(text: &str) -> Vec<&str> {
        split_sentences(text, Lang::Arabic)
            .map(|(_, s)| s)
            .collect()
    }

    fn with<'a>(splitter: &SentenceSplitter, text: &'a str) -> Vec<&'a str> {
        splitter
            .split(text, Lang::English)
            .map(|(_, s)| s)
            .collect()
    }

    #[test]
    fn basic_stops_both_languages() {
        assert_eq!(
            en("One. Two! Three? Four… Five"),
            ["One.", "Two!", "Three?", "Four…", "Five"]
        );
        assert_eq!(
            ar("ذهب الولد. هل عاد؟ نعم! ثم نام… انتهى"),
            ["ذهب الولد.", "هل عاد؟", "نعم!", "ثم نام…", "انتهى"]
        );
        assert_eq!(ar("یہ کتاب ہے۔ وہ قلم ہے۔"), ["یہ کتاب ہے۔", "وہ قلم ہے۔"]);
    }

    #[test]
    fn exact_spans() {
        let text = " Hi there.  مرحبا؟\n\u{200F}Ok ";
        let got: Vec<_> = split_sentences(text, Lang::English).collect();
        assert_eq!(
            got,
            [
                (Span::new(1, 10), "Hi there."),
                (Span::new(12, 24), "مرحبا؟"),
                (Span::new(28, 30), "Ok"),
            ]
        );
        for (span, s) in got {
            assert_eq!(span.slice(text), s);
        }
    }

    #[test]
    fn repeated_marks_stay_together() {
        assert_eq!(en("What?! No!!! Fine.."), ["What?!", "No!!!", "Fine.."]);
        assert_eq!(ar("ماذا؟! لا!!! حسنا"), ["ماذا؟!", "لا!!!", "حسنا"]);
    }

    #[test]
    fn glued_stops_do_not_break() {
        assert_eq!(en("Say e.g.x now. Then"), ["Say e.g.x now.", "Then"]);
        assert_eq!(
            en("It is 3.5 and 1,000 and 1.000.000 units."),
            ["It is 3.5 and 1,000 and 1.000.000 units."]
        );
        assert_eq!(en("Wait!Stop. Go"), ["Wait!Stop.", "Go"]);
    }

    #[test]
    fn closing_quotes_and_brackets() {
        assert_eq!(
            en("He said \"Hi.\" Then left. (See above.) Done"),
            ["He said \"Hi.\"", "Then left.", "(See above.)", "Done"]
        );
        // Arabic has no case to tell a quoted question from a sentence end,
        // so a question mark before an Arabic word always ends one.
        assert_eq!(
            ar("قال «هل أنت متأكد؟» ثم غادر."),
            ["قال «هل أنت متأكد؟»", "ثم غادر."]
        );
        assert_eq!(ar("سأل: «هل أنت متأكد؟»نعم."), ["سأل: «هل أنت متأكد؟»نعم."]);
        assert_eq!(ar("قال «انتهى.» وغادر"), ["قال «انتهى.»", "وغادر"]);
    }

    #[test]
    fn question_mark_then_guillemet_ends() {
        let got: Vec<_> = split_sentences("«هل أنت متأكد؟» نعم", Lang::Arabic).collect();
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].1, "«هل أنت متأكد؟»");
        assert_eq!(got[1].1, "نعم");
    }

    #[test]
    fn line_breaks_always() {
        assert_eq!(
            en("Headline one\nHeadline two\r\nThird\rFourth\u{2028}Fifth\u{2029}Sixth\u{85}Seventh"),
            ["Headline one", "Headline two", "Third", "Fourth", "Fifth", "Sixth", "Seventh"]
        );
        assert_eq!(
            ar("عاجل: زلزال في تركيا\r\nترامب يفوز\rبايدن يعلق"),
            ["عاجل: زلزال في تركيا", "ترامب يفوز", "بايدن يعلق"]
        );
    }

    #[test]
    fn vertical_tab_is_a_line_break_not_an_invisible() {
        // `is_invisible` also accepts U+000B; it must still end the line.
        assert_eq!(en("Ok?\u{B}Next\u{C}Last"), ["Ok?", "Next", "Last"]);
        assert_eq!(en("?\u{B}a"), ["?", "a"]);
    }

    #[test]
    fn line_breaks_blank_line() {
        let s = SentenceSplitter::new().line_breaks(LineBreaks::BlankLine);
        assert_eq!(
            with(
                &s,
                "A hard\nwrapped line\r\ngoes on\n \nNew para\r\n\r\nLast\u{2029}PS"
            ),
            ["A hard\nwrapped line\r\ngoes on", "New para", "Last", "PS"]
        );
        // A line holding only a mark is blank.
        assert_eq!(
            with(&s, "One\r\rTwo\n\u{200F}\nThree"),
            ["One", "Two", "Three"]
        );
        assert_eq!(
            with(&s, "Stop here.\nNext line"),
            ["Stop here.", "Next line"]
        );
        assert_eq!(with(&s, "Mr.\nSmith came."), ["Mr.\nSmith came."]);
        assert_eq!(en("Mr.\nSmith came."), ["Mr.", "Smith came."]);
    }

    #[test]
    fn whitespace_and_invisible_only_yield_nothing() {
        assert!(en("").is_empty());
        assert!(en(" \t\n\r\n\u{A0}\u{2028}\u{3000} ").is_empty());
        assert!(ar("\u{200F}\u{200E} \u{FEFF}\n\u{200B}\u{061C}\u{2067}\u{2069}").is_empty());
        assert_eq!(en("\u{200F}\nText\n\u{FEFF}"), ["Text"]);
    }

    #[test]
    fn nbsp_is_whitespace() {
        assert_eq!(
            en("\u{A0}First one.\u{A0}Second one.\u{A0}"),
            ["First one.", "Second one."]
        );
        assert_eq!(
            ar("جملة أولى.\u{A0}جملة ثانية"),
            ["جملة أولى.", "جملة ثانية"]
        );
    }

    #[test]
    fn invisible_characters_are_trimmed_at_the_edges() {
        let text = "\u{FEFF}\u{200F}مرحبا.\u{200F} \u{200E}Hi.\u{200E}";
        assert_eq!(ar(text), ["مرحبا.", "Hi."]);
        // Inside a sentence they stay.
        assert_eq!(ar("مر\u{200C}حبا."), ["مر\u{200C}حبا."]);
        let spans: Vec<Span> = split_sentences("\u{FEFF}Hello.", Lang::English)
            .map(|(span, _)| span)
            .collect();
        assert_eq!(spans, [Span::new(3, 9)]);
    }

    #[test]
    fn arabic_comma_and_semicolon_do_not_end() {
        assert_eq!(
            ar("قال الوزير، في بيان؛ إن الوضع مستقر: لا تغيير, ولا قلق; حقا"),
            ["قال الوزير، في بيان؛ إن الوضع مستقر: لا تغيير, ولا قلق; حقا"]
        );
        assert_eq!(en("One, two; three: four"), ["One, two; three: four"]);
    }

    #[test]
    fn titles_and_common_abbreviations() {
        assert_eq!(
            en("Mr. Smith met Dr. Jones and Prof. Lee. Gen. Patton, Capt. Kirk, etc. came."),
            [
                "Mr. Smith met Dr. Jones and Prof. Lee.",
                "Gen. Patton, Capt. Kirk, etc. came."
            ]
        );
        assert_eq!(
            en("Use tools, e.g. Hammers, i.e. Heavy ones, vs. Others. Cf. Smith. Done"),
            [
                "Use tools, e.g. Hammers, i.e. Heavy ones, vs. Others.",
                "Cf. Smith.",
                "Done"
            ]
        );
        assert_eq!(
            en("MR. SMITH left. DR. JONES came."),
            ["MR. SMITH left.", "DR. JONES came."]
        );
        // An Arabic run may embed a Latin title.
        assert_eq!(
            ar("التقى Mr. Smith بالوزير. ثم غادر"),
            ["التقى Mr. Smith بالوزير.", "ثم غادر"]
        );
    }

    #[test]
    fn abbreviations_that_may_end() {
        assert_eq!(
            en("He moved to the U.S. Then he left. The U.S. Army came."),
            [
                "He moved to the U.S.",
                "Then he left.",
                "The U.S. Army came."
            ]
        );
        assert_eq!(
            en("Apples, pears, etc. The rest, etc. Some more."),
            ["Apples, pears, etc.", "The rest, etc. Some more."]
        );
        assert_eq!(
            en("At 5 p.m. The meeting began at 9 a.m. Smith chaired it. She has a Ph.D. From MIT"),
            [
                "At 5 p.m.",
                "The meeting began at 9 a.m. Smith chaired it.",
                "She has a Ph.D. From MIT"
            ]
        );
        // An unlisted dotted form with short parts is still recognised.
        assert_eq!(en("In N.Y. Police came."), ["In N.Y. Police came."]);
        // Arabic after a Latin abbreviation is a script switch: a boundary.
        assert_eq!(
            ar("أعلنت Apple Inc. وقالت الشركة"),
            ["أعلنت Apple Inc.", "وقالت الشركة"]
        );
    }

    #[test]
    fn no_before_digit() {
        assert_eq!(
            en("See No. 5 and no. 6 and fig. 3. He said no. The end."),
            ["See No. 5 and no. 6 and fig. 3.", "He said no.", "The end."]
        );
        assert_eq!(
            en("He loves art. The museum"),
            ["He loves art.", "The museum"]
        );
        assert_eq!(en("See art. 12 of the law."), ["See art. 12 of the law."]);
    }

    #[test]
    fn initials() {
        assert_eq!(
            en("J. K. Rowling met George W. Bush. J. A. Smith came. Plan B. The end"),
            [
                "J. K. Rowling met George W. Bush.",
                "J. A. Smith came.",
                "Plan B.",
                "The end"
            ]
        );
        assert_eq!(en("So was I. Then we left"), ["So was I.", "Then we left"]);
    }

    #[test]
    fn arabic_abbreviations() {
        assert_eq!(
            ar("التقى د. محمد البرادعي بـ أ.د. أحمد. ثم غادر"),
            ["التقى د. محمد البرادعي بـ أ.د. أحمد.", "ثم غادر"]
        );
        // The era mark after a year may close a sentence.
        assert_eq!(
            ar("ولد عام 1950 م. وتوفي عام 300 هـ. ثم"),
            ["ولد عام 1950 م.", "وتوفي عام 300 هـ.", "ثم"]
        );
    }

    #[test]
    fn user_abbreviations() {
        let text = "Printed by Oxford Univ. Press in 2001.";
        assert_eq!(en(text), ["Printed by Oxford Univ.", "Press in 2001."]);
        let s = SentenceSplitter::new().add_abbreviation("UNIV.");
        assert_eq!(with(&s, text), [text]);
        // An added abbreviation wins over the built-in `MayEnd` class.
        let s = SentenceSplitter::new().add_abbreviation("etc");
        assert_eq!(with(&s, "Pears, etc. The end"), ["Pears, etc. The end"]);
        let s = SentenceSplitter::new()
            .add_abbreviation("  ")
            .add_abbreviation(".");
        assert!(s.get_abbreviations().is_empty());
        let s = SentenceSplitter::new().add_abbreviation("ص");
        assert_eq!(s.split("انظر ص. ١٢ من الكتاب", Lang::Arabic).count(), 1);
    }

    #[test]
    fn numbers_and_lists() {
        assert_eq!(
            en("1. Introduction\n2. Results are good. 3 more follow."),
            ["1. Introduction", "2. Results are good.", "3 more follow."]
        );
        assert_eq!(
            en("1. Introduction 2. Results"),
            ["1. Introduction 2.", "Results"]
        );
        assert_eq!(
            en("In 2019. The year after"),
            ["In 2019.", "The year after"]
        );
        assert_eq!(
            ar("٢. النتائج جيدة. ٣٫٥ مليون"),
            ["٢. النتائج جيدة.", "٣٫٥ مليون"]
        );
        assert_eq!(
            ar("بلغ النمو ٣٫٥ في المئة و١٬٠٠٠ دولار و٣.٥ و۳.۵ فقط"),
            ["بلغ النمو ٣٫٥ في المئة و١٬٠٠٠ دولار و٣.٥ و۳.۵ فقط"]
        );
        // Three-digit list numbers only; a year opening a sentence is not one.
        assert_eq!(en("2019. The end"), ["2019.", "The end"]);
    }

    #[test]
    fn urls_and_emails() {
        assert_eq!(
            en("Read https://t.co/3NWgRxpBwK now. Visit www.bbc.co.uk/news. Then mail name@example.com. We reply."),
            [
                "Read https://t.co/3NWgRxpBwK now.",
                "Visit www.bbc.co.uk/news.",
                "Then mail name@example.com.",
                "We reply."
            ]
        );
        assert_eq!(
            en("See https://x.com/search?q=a.b&x=1! Ok"),
            ["See https://x.com/search?q=a.b&x=1!", "Ok"]
        );
        assert_eq!(
            ar("للمزيد: https://t.co/3NWgRxpBwK. وقال"),
            ["للمزيد: https://t.co/3NWgRxpBwK.", "وقال"]
        );
    }

    #[test]
    fn ellipses() {
        assert_eq!(
            en("Wait... and then... Nothing. Hmm… so… Yes. Count... 5 more"),
            [
                "Wait... and then...",
                "Nothing.",
                "Hmm… so…",
                "Yes.",
                "Count... 5 more"
            ]
        );
        assert_eq!(
            ar("انتظر... ثم لا شيء… حسنا"),
            ["انتظر...", "ثم لا شيء…", "حسنا"]
        );
        assert_eq!(en("... and so on. Done"), ["... and so on.", "Done"]);
        assert_eq!(en("Wait...Then"), ["Wait...Then"]);
    }

    #[test]
    fn two_dots() {
        assert_eq!(
            ar("قمة كيم جونغ أون.. بايدن يرد.. Trump"),
            ["قمة كيم جونغ أون.. بايدن يرد.. Trump"]
        );
        // In an English run `..` is a sloppy ellipsis, unless Arabic is next to it.
        assert_eq!(en("Fine.. Then go.. now"), ["Fine..", "Then go.. now"]);
        assert_eq!(en("Kim Jong Un.. بايدن"), ["Kim Jong Un.. بايدن"]);
        // Under an Arabic-script language it is a pause even between Latin words.
        assert_eq!(ar("Fine.. Then"), ["Fine.. Then"]);
    }

    #[test]
    fn lowercase_after_dot_continues() {
        assert_eq!(
            en("Approx. ten came. the end"),
            ["Approx. ten came. the end"]
        );
        assert_eq!(en("Is it? yes it is"), ["Is it?", "yes it is"]);
    }

    #[test]
    fn english_glued_to_arabic() {
        assert_eq!(
            ar("The meeting ended. انتهى الاجتماع. Talks resume today! تستأنف المحادثات"),
            [
                "The meeting ended.",
                "انتهى الاجتماع.",
                "Talks resume today!",
                "تستأنف المحادثات"
            ]
        );
        let got: Vec<_> = split_sentences("Hello world.مرحبا بكم. Bye", Lang::English).collect();
        assert_eq!(
            got,
            [
                (Span::new(0, 30), "Hello world.مرحبا بكم."),
                (Span::new(31, 34), "Bye")
            ]
        );
    }

    #[test]
    fn headline_lines_without_stops() {
        assert_eq!(
            ar("عاجل\nالرئيس يلتقي الوزير\nWorld News\n\nSports"),
            ["عاجل", "الرئيس يلتقي الوزير", "World News", "Sports"]
        );
    }

    #[test]
    fn sentence_start_marks_are_not_sentences() {
        assert_eq!(en("!!! Alert. ? Odd"), ["!!! Alert.", "? Odd"]);
        assert_eq!(en("\u{200F}. Hello"), [". Hello"]);
    }

    #[test]
    fn long_line_without_punctuation() {
        let text = "word ".repeat(20_000) + "end";
        let max = 2048;
        let pieces: Vec<_> = split_sentences(&text, Lang::English).collect();
        assert!(pieces.len() > 40);
        for (i, (span, s)) in pieces.iter().enumerate() {
            assert!(span.len() <= max, "{} bytes", span.len());
            // Cut at the last space that fits, so pieces are nearly full.
            assert!(i + 1 == pieces.len() || span.len() > max - 5);
            assert!(!s.starts_with(' ') && !s.ends_with(' '));
        }
        let joined: String = pieces.iter().map(|(_, s)| *s).collect::<Vec<_>>().join(" ");
        assert_eq!(joined, text);
    }

    #[test]
    fn long_word_is_cut_at_char_boundaries() {
        // Two-byte letters and an odd limit force cuts at char boundaries.
        let text = "ب".repeat(50_000);
        let s = SentenceSplitter::new().max_sentence_bytes(101);
        let pieces: Vec<&str> = s.split(&text, Lang::Arabic).map(|(_, s)| s).collect();
        assert!(pieces.iter().all(|p| p.len() == 100));
        assert_eq!(pieces.concat(), text);
        let text = "a.".repeat(40_000) + " ok";
        let pieces: Vec<&str> = en(&text);
        assert_eq!(pieces.concat().replace(' ', ""), text.replace(' ', ""));
        assert!(pieces.iter().all(|p| p.len() <= 2048));
    }

    #[test]
    fn long_stop_run_is_cut() {
        let text = format!("Hi{} There", "!".repeat(5000));
        let pieces = with(&SentenceSplitter::new().max_sentence_bytes(16), &text);
        assert!(pieces.iter().all(|p| p.len() <= 16));
        assert_eq!(pieces.concat().replace(' ', ""), text.replace(' ', ""));
    }

    #[test]
    fn limit_prefers_last_whitespace() {
        let s = SentenceSplitter::new().max_sentence_bytes(20);
        assert_eq!(
            with(&s, "aaaa bbbb cccc dddd eeee ffff."),
            ["aaaa bbbb cccc dddd", "eeee ffff."]
        );
        assert_eq!(
            with(&s, "abcdefghijklmnopqrstuvwxyz"),
            ["abcdefghijklmnopqrst", "uvwxyz"]
        );
        // Exactly at the limit: no cut.
        assert_eq!(with(&s, "abcdefghijklmnopqrs."), ["abcdefghijklmnopqrs."]);
    }

    #[test]
    fn splitter_defaults() {
        let s = SentenceSplitter::default();
        assert_eq!(s, SentenceSplitter::new());
        assert_eq!(s.get_line_breaks(), LineBreaks::Always);
        assert_eq!(s.get_max_sentence_bytes(), 2048);
        assert_eq!(
            SentenceSplitter::new()
                .max_sentence_bytes(0)
                .get_max_sentence_bytes(),
            16
        );
    }

    #[test]
    fn iterator_is_fused_and_cloneable() {
        let mut it = split_sentences("One. Two.", Lang::English);
        let copy = it.clone();
        assert_eq!(it.next().map(|(_, s)| s), Some("One."));
        assert_eq!(it.next().map(|(_, s)| s), Some("Two."));
        assert_eq!(it.next(), None);
        assert_eq!(it.next(), None);
        assert_eq!(copy.count(), 2);
    }

    mod props {
        use super::*;
        use proptest::prelude::*;

        fn weighted_char() -> impl Strategy<Value = char> {
            prop_oneof![
                6 => prop::char::range('a', 'e'),
                3 => prop::char::range('A', 'D'),
                6 => prop::char::range('\u{0627}', '\u{064A}'),
                6 => prop::sample::select(vec![' ', ' ', '\n', '\r', '\t', '\u{A0}', '\u{2028}', '\u{2029}', '\u{85}', '\u{3000}']),
                6 => prop::sample::select(vec!['.', '.', '!', '?', '؟', '…', '۔', ',', '،', '؛', ';', ':', '"', '\'', '»', '«', '(', ')', '”', '/', '@', 'ـ']),
                3 => prop::sample::select(vec!['0', '5', '٣', '٫', '۵']),
                3 => prop::sample::select(vec!['\u{200F}', '\u{200E}', '\u{200B}', '\u{FEFF}', '\u{061C}', '\u{202B}', '\u{2066}', '\u{AD}', '\u{1}']),
                1 => any::<char>(),
            ]
        }

        fn text() -> impl Strategy<Value = String> {
            prop::collection::vec(weighted_char(), 0..300).prop_map(|v| v.into_iter().collect())
        }

        fn visible(s: &str) -> String {
            s.chars()
                .filter(|&c| !c.is_whitespace() && !is_invisible(c))
                .collect()
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(512))]

            #[test]
            fn contract_holds(
                text in text(),
                max in 0usize..80,
                blank in any::<bool>(),
                arabic in any::<bool>(),
                abbr in prop::sample::select(vec!["", "univ", "ب", "a.b"]),
            ) {
                let mode = if blank { LineBreaks::BlankLine } else { LineBreaks::Always };
                let lang = if arabic { Lang::Arabic } else { Lang::English };
                let splitter = SentenceSplitter::new()
                    .line_breaks(mode)
                    .max_sentence_bytes(max)
                    .add_abbreviation(abbr);
                let limit = splitter.get_max_sentence_bytes();
                prop_assert!(limit >= max.max(16));
                let mut prev_end = 0;
                let mut joined = String::new();
                for (span, s) in splitter.split(&text, lang) {
                    prop_assert!(span.start >= prev_end);
                    prop_assert!(text.is_char_boundary(span.start));
                    prop_assert!(text.is_char_boundary(span.end));
                    prop_assert_eq!(text.get(span.range()), Some(s));
                    prop_assert!(!s.is_empty());
                    prop_assert!(span.len() <= limit);
                    prop_assert!(!s.starts_with(char::is_whitespace));
                    prop_assert!(!s.ends_with(char::is_whitespace));
                    prop_assert!(!visible(s).is_empty());
                    let gap = &text[prev_end..span.start];
                    prop_assert!(visible(gap).is_empty(), "lost {:?}", gap);
                    prev_end = span.end;
                    joined.push_str(s);
                }
                prop_assert!(visible(&text[prev_end..]).is_empty());
                prop_assert_eq!(visible(&joined), visible(&text));
            }

            #[test]
            fn no_line_break_boundary_inside(text in text(), blank in any::<bool>()) {
                let mode = if blank { LineBreaks::BlankLine } else { LineBreaks::Always };
                let splitter = SentenceSplitter::new().line_breaks(mode);
                for (_, s) in splitter.split(&text, Lang::English) {
                    if blank {
                        prop_assert!(!s.contains('\u{2029}'), "{:?}", s);
                        let unified = s.replace("\r\n", "\n");
                        let lines: Vec<&str> = unified.split(is_line_break).collect();
                        let inner = lines.get(1..lines.len() - 1).unwrap_or(&[]);
                        prop_assert!(
                            inner.iter().all(|l| !visible(l).is_empty()),
                            "blank line inside {:?}",
                            s
                        );
                    } else {
                        prop_assert!(!s.contains(is_line_break), "{:?}", s);
                    }
                }
            }
        }
    }
}
