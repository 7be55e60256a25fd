//! Splitting a run of English or Arabic text into sentences.
//!
//! The contract and the rules are documented on `SentenceSplitter`.

use std::iter::FusedIterator;
use std::sync::Arc;

use crate::lang::Lang;
use crate::span::Span;

mod abbreviations;
mod kinds;
mod rules;

use crate::chars::is_blank;

/// The smallest accepted [`SentenceSplitter::max_sentence_bytes`]: room for
/// four of the widest `char`s, so a cut always makes progress.
const MIN_SENTENCE_BYTES: usize = 16;

/// Default for [`SentenceSplitter::max_sentence_bytes`].
const DEFAULT_MAX_SENTENCE_BYTES: usize = 2048;

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
///
/// [`split_sentences`] and [`SentenceSplitter::split`] return a lazy iterator of
/// `(Span, &str)` pairs: each sentence's byte range in the caller's text and the
/// text itself.
///
/// # Contract
///
/// - Sentences come in text order and do not overlap.
/// - A sentence is never empty and never starts or ends with whitespace
///   (anything [`char::is_whitespace`] accepts, so also NBSP U+00A0) or an
///   invisible character (a BOM or bidi mark is formatting, not text).
/// - Every character that is neither whitespace nor invisible (see
///   [`is_invisible`](crate::chars::is_invisible): bidi marks, zero-width space, BOM, ...)
///   lies in exactly one sentence. Nothing visible is dropped.
/// - Invisible characters inside a sentence stay in its span. A stretch between
///   two boundaries that holds only whitespace and invisible characters yields no
///   sentence.
/// - No sentence is longer than [`SentenceSplitter::max_sentence_bytes`]; a
///   longer stretch is cut at its last whitespace that fits, else at the last
///   `char` boundary that fits.
///
/// # Rules
///
/// A sentence ends at a run of stop marks (`.` `!` `?` `؟` `…` `۔`, repeated or
/// mixed as in `?!` or `...`), optionally followed by closing quotes and brackets
/// (`"` `'` `”` `’` `»` `)` `]` `}` `›`), when whitespace or the end of the text
/// comes next. A stop glued to the next character (`3.5`, `e.g.x`,
/// `www.example.com`, `https://t.co/x?q=1`) never ends a sentence, which is also
/// what keeps numbers, URLs and e-mail addresses whole. Commas, colons and
/// semicolons, Arabic ones included (`،` `؛`), never end a sentence. A stop run
/// with nothing visible before it in the sentence (`... and then`) does not end
/// one either, so no sentence is made of punctuation alone.
///
/// With [`LineBreaks::Always`] (the default) every line break ends a sentence:
/// headlines and list items in scraped pages carry no final stop. Line breaks
/// are `\n`, `\r\n`, lone `\r`, vertical tab, form feed, U+0085, U+2028 and
/// U+2029. With [`LineBreaks::BlankLine`] only a line holding nothing but
/// whitespace and invisible characters, or U+2029 PARAGRAPH SEPARATOR, ends a
/// sentence; other line breaks count as spaces.
///
/// What follows a stop run decides whether it ends a sentence. The "next word"
/// is the first letter or digit after the whitespace, skipping a few opening
/// quotes or brackets:
///
/// - `!`, `?`, `؟` or `۔` in the run: always a boundary.
/// - Ellipsis (`…`, or three or more dots): a boundary only before an uppercase
///   Latin letter or a caseless letter (Arabic and other scripts). `wait... and
///   then` and `wait... 5 more` stay whole.
/// - Exactly two dots: in Arabic headlines `..` is a dash-like pause
///   (`كيم جونغ أون.. بايدن`), so it is no boundary when `lang` is an
///   Arabic-script language or the word before or after is in Arabic script;
///   otherwise it is treated as an ellipsis.
/// - A single dot: a boundary unless the next word starts with a lowercase
///   Latin letter, or one of these holds for the word before the dot:
///   - it is a number of at most three digits that opens the sentence (a list
///     item like `2. Results` or `٢. النتائج`);
///   - it is a *prefix* abbreviation (titles such as `Mr` `Dr` `Prof` `Gen`,
///     and `e.g` `i.e` `vs` `cf` `approx` `ca` `pp` `p` `vol` `ch` `op`), which
///     never ends a sentence, nor does any abbreviation added with
///     [`SentenceSplitter::add_abbreviation`];
///   - it is a *word-like* abbreviation (`no` `nos` `art` `sec` `fig` `sat`
///     `sun` `wed` `mar`, which are also ordinary words) and a digit follows:
///     `No. 5` stays whole, `he said no. The` splits;
///   - it is an abbreviation that may also close a sentence (`etc` `inc` `ltd`
///     `co` `corp` `jr` `sr` `st` `dept` `est` `al`, month and weekday
///     abbreviations, `a.m.` `p.m.` `U.S.` `U.K.` `U.N.` `E.U.` `Ph.D.`
///     `D.C.`, any other dotted form whose parts have one or two letters, and
///     a single capital initial as in `George W. Bush`): a boundary only when
///     the next word is Arabic or is a capitalised common sentence opener
///     (`The` `He` `She` `It` `They` `We` `I` `You` `But` `And` `In` `On`
///     `At` `This` `That` `These` `Those` `A` `An` `There` `His` `Her` `Their`
///     `Its` `Our` `Then` `However` `When` `After` `Meanwhile` `If` `So` `As`).
///     A single letter followed by a dot is never taken as an opener, so
///     `J. A. Smith` stays whole.
///   - in Arabic script, a single letter other than `م` and `ه` (`د.` for
///     doctor, `أ.` for ustadh) or a dotted form like `أ.د.` whose last part is
///     not the era mark `م` or `هـ`: never a boundary.
///
/// Abbreviations match case-insensitively and apply to Latin-script words in
/// any run, so an Arabic run may embed `Mr. Smith`. Capital-letter checks only
/// look at Latin letters, since Arabic has no case; Western, Eastern Arabic
/// (U+0660–U+0669) and Persian (U+06F0–U+06F9) digits all count as digits. The
/// Arabic decimal and thousands separators (`٣٫٥`) are not stops at all.
///
/// These are heuristics: an abbreviation missing from the lists, followed by a
/// capital, ends a sentence.
///
/// ```
/// use bitext::{split_sentences, Lang};
///
/// let text = "Dr. J. K. Rowling lives in the U.K. She paid 3.5 million... \
///             Really?! Printed by Oxford Univ. Press in 2001.\n\
///             Breaking news without a stop\n\
///             قال «هل أنت متأكد؟» ثم غادر. نعم، وصل.. ثم عاد";
/// let sentences: Vec<&str> = split_sentences(text, Lang::English).map(|(_, s)| s).collect();
/// assert_eq!(
///     sentences,
///     [
///         "Dr. J. K. Rowling lives in the U.K.",
///         "She paid 3.5 million...",
///         "Really?!",
///         // `Univ.` is not in the list, and a capital follows: a false break.
///         "Printed by Oxford Univ.",
///         "Press in 2001.",
///         "Breaking news without a stop",
///         // Arabic has no case: a quoted question ends a sentence.
///         "قال «هل أنت متأكد؟»",
///         "ثم غادر.",
///         "نعم، وصل.. ثم عاد",
///     ]
/// );
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
/// of [`SentenceSplitter`]. See [`SentenceSplitter`] for the rules.
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

#[cfg(test)]
mod tests {
    use super::*;

    pub(super) fn en(text: &str) -> Vec<&str> {
        split_sentences(text, Lang::English)
            .map(|(_, s)| s)
            .collect()
    }

    pub(super) fn ar(text: &str) -> Vec<&str> {
        split_sentences(text, Lang::Arabic)
            .map(|(_, s)| s)
            .collect()
    }

    pub(super) fn with<'a>(splitter: &SentenceSplitter, text: &'a str) -> Vec<&'a str> {
        splitter
            .split(text, Lang::English)
            .map(|(_, s)| s)
            .collect()
    }

    /// A stop before a lowercase Latin letter is no boundary, whichever Latin block
    /// the letter is in: the ligature `ﬁ` (as PDFs extract "finally") and
    /// full-width letters are lowercase Latin too.
    #[test]
    fn no_boundary_before_any_lowercase_latin_letter() {
        assert_eq!(
            en("It was long. \u{FB01}nally it ended."),
            ["It was long. \u{FB01}nally it ended."]
        );
        assert_eq!(
            en("It was long. \u{FF46}inally it ended."),
            ["It was long. \u{FF46}inally it ended."]
        );
        assert_eq!(
            en("It was long. Finally it ended."),
            ["It was long.", "Finally it ended."]
        );
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
        use crate::chars::{is_invisible, is_line_break};
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
