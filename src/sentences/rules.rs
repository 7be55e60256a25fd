//! The boundary rules: where the sentence that starts at a given byte ends.
//!
//! One forward pass from the sentence start: whitespace (line breaks and the
//! length limit), stop runs and what follows them, and the word before a
//! single dot (list numbers and abbreviations). Each stop run is read once and
//! look-behind is bounded by the longest abbreviation, so a text is split in
//! time linear in its length.

use super::abbreviations::{classify, Abbreviation, MAX_ABBREVIATION_CHARS, OPENERS};
use super::kinds::{char_at, char_kind, Kind};
use super::{LineBreaks, SentenceIndices};
use crate::chars::{
    is_arabic_alphabetic, is_blank, is_closer, is_digit, is_invisible, is_line_break, is_stop,
};

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

struct NextWord {
    kind: Kind,
    /// A capitalised common sentence opener such as `The` or `He`.
    opener: bool,
}

impl SentenceIndices<'_> {
    /// Returns the end (exclusive, before any trailing whitespace trimming) of
    /// the sentence that starts at the non-blank `start`. Always greater than
    /// `start` and on a char boundary.
    pub(super) fn sentence_end(&self, start: usize) -> usize {
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
                .is_some_and(is_arabic_alphabetic);
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

#[cfg(test)]
mod tests {
    use super::super::tests::{ar, en, with};
    use super::super::{split_sentences, LineBreaks, SentenceSplitter};
    use crate::lang::Lang;
    use crate::span::Span;

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
    fn arabic_comma_and_semicolon_do_not_end() {
        assert_eq!(
            ar("قال الوزير، في بيان؛ إن الوضع مستقر: لا تغيير, ولا قلق; حقا"),
            ["قال الوزير، في بيان؛ إن الوضع مستقر: لا تغيير, ولا قلق; حقا"]
        );
        assert_eq!(en("One, two; three: four"), ["One, two; three: four"]);
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
}
