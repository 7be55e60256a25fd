//! Language runs: where a scraped bilingual page is English and where Arabic.
//!
//! The contract and the algorithm are documented on `RunDetector`.

use crate::lang::Lang;
use crate::span::Span;

mod merge;
mod naming;
mod script;

use self::script::scan;

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

/// Finds language runs; the algorithm is below.
///
/// ```
/// use bitext::{Lang, RunDetector};
/// let runs = RunDetector::new().max_embedded_words(1).detect("قال مدير RT Arabic اليوم");
/// // With at most one embedded word, the two-word "RT Arabic" is its own run.
/// assert_eq!(runs.len(), 3);
/// assert_eq!(runs[1].lang, Lang::English);
/// ```
///
/// [`detect_runs`] (or [`RunDetector::detect`]) cuts a document into ordered,
/// non-overlapping [`Run`]s, each a byte [`Span`] with a [`Lang`]. Every letter
/// of the input lies in exactly one run. Digits, punctuation and symbols join
/// the run next to them (step 4 below), so when a document has any run at all,
/// the text before, between and after its runs is whitespace only; a document
/// without letters has no runs.
///
/// # Algorithm
///
/// 1. **Script cut.** Every alphabetic character is Latin, Arabic (the blocks
///    U+0600–06FF, 0750–077F, 08A0–08FF, FB50–FDFF, FE70–FEFF) or other. Each
///    line (split at `\n`, `\r`, U+0085, U+2028, U+2029) is cut into *fields* at
///    `|` (navigation bars and language switchers such as "English | العربية"
///    put unrelated items on one line), and each field into *segments*: maximal
///    stretches whose letters share one script. Digits, punctuation and spaces
///    inside a stretch do not end it. A segment also counts its words
///    (whitespace-separated groups of letters).
/// 2. **Line-level decision.** Each field gets a *host* script: the one with
///    the most words. When that majority is weak (at most twice the runner-up,
///    e.g. "المصدر: RT Arabic"), the script of the preceding text wins if
///    the field has it, so a short source or date line keeps the language of
///    the page around it.
/// 3. **Embedded text.** A segment of another script with at most
///    [`RunDetector::max_embedded_words`] words (default 4: brand names,
///    `@handles`, "RT Arabic", a date like "11th, April 2024 GMT") stays inside
///    the host's run. A longer one — an English sentence glued to Arabic
///    without a space — becomes its own run; the cut falls right before the
///    next script's first letter, so "… November 6, 2024وجاء …" splits
///    between "2024" and "وجاء".
///    A field with only one script is never embedded: a lone "Comments" line
///    between Arabic lines is an English run.
/// 4. **Extents and merging.** A line's leading digits and punctuation join its
///    first run, the neutral characters between two runs on a line join the
///    earlier one, and a line without letters joins the run before it. Then
///    consecutive pieces of the same script merge, across line breaks and blank
///    lines, so a block of English lines is one run. Runs are trimmed of
///    whitespace at both ends.
/// 5. **Naming.** Other scripts are [`Lang::Unknown`]. A Latin run is
///    [`Lang::English`] unless whatlang, given a sample with at least
///    [`RunDetector::min_detect_letters`] letters (default 50), reliably names
///    another language ([`Lang::OtherLatin`]); no allowlist here, since any
///    non-English Latin language means "not English". An Arabic-script run is
///    [`Lang::Arabic`] unless whatlang, restricted to Arabic, Persian and Urdu
///    and given the sample after NFKC and removal of harakat and tatweel,
///    reliably says Persian or Urdu *and* the sample contains a letter that
///    Arabic does not use (پ چ ژ گ for Persian; ٹ ڈ ڑ ں ہ ھ ے for Urdu): Arabic
///    news often writes keheh ک and Farsi yeh ی, which alone must not make it
///    Persian. The sample is the first [`RunDetector::sample_bytes`] bytes of
///    the run (default 4096) without words containing other scripts, so
///    naming costs a bounded amount per run and the whole pass is linear in
///    the input.
///
/// 50 letters is the shortest sample whose whatlang verdict both recognises
/// another Latin language and rarely takes English for one; Arabic samples of
/// any length are not taken for Persian or Urdu under the allowlist. Both were
/// measured on the seed and development documents and on English Bible text
/// (docs/DESIGN.md gives the counts).
///
/// ```
/// use bitext::{detect_runs, Lang, Span};
/// let text = "Breaking news from the capital\n\
///             قال الوزير إن Google ستفتح مكتبا جديدا\n\
///             Read more";
/// let runs = detect_runs(text);
/// let got: Vec<(Lang, &str)> = runs.iter().map(|r| (r.lang, r.span.slice(text))).collect();
/// assert_eq!(
///     got,
///     vec![
///         (Lang::English, "Breaking news from the capital"),
///         (Lang::Arabic, "قال الوزير إن Google ستفتح مكتبا جديدا"),
///         (Lang::English, "Read more"),
///     ]
/// );
/// assert_eq!(runs[0].span, Span::new(0, 30));
/// ```
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq, Eq)]
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

impl RunDetector {
    /// The default settings (same as [`RunDetector::default`]).
    pub fn new() -> Self {
        Self::default()
    }

    /// The fewest letters a run's sample must have before whatlang's verdict
    /// can override the script's default language (English for Latin, Arabic
    /// for Arabic script). Shorter runs keep the default.
    ///
    /// Default: 50 (see [`RunDetector`] for the measurement).
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

    /// The language runs of `text`, in order; see [`RunDetector`].
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
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Runs as (language code, covered text), for readable assertions.
    pub(super) fn runs_of(text: &str) -> Vec<(&'static str, &str)> {
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

    /// A form feed (pdftotext puts one between pages) or a vertical tab ends a line
    /// as a newline does: a Latin line after an Arabic one is its own run, not Latin
    /// words inside the Arabic line.
    #[test]
    fn form_feed_and_vertical_tab_end_lines() {
        let arabic = "وصل الوزير اليوم إلى العاصمة في زيارة رسمية.";
        let by_newline = runs_of(&format!("{arabic}\nRead more\nاقرأ المزيد عن هذا"))
            .iter()
            .map(|(lang, _)| *lang)
            .collect::<Vec<_>>();
        assert_eq!(by_newline.len(), 3, "{by_newline:?}");
        for brk in ['\u{0C}', '\u{0B}'] {
            let text = format!("{arabic}\nRead more{brk}اقرأ المزيد عن هذا");
            let langs: Vec<_> = runs_of(&text).iter().map(|(lang, _)| *lang).collect();
            assert_eq!(langs, by_newline, "{brk:?}");
        }
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
