//! Steps 2 and 3 of the module documentation: the sentences of the English
//! and Arabic runs grouped into units (page lines), and what the unit
//! alignment sees of them: lengths, texts, and the match cost of each line
//! from its [`LineKind`].

use std::ops::Range;

use super::alignment::Sentence;
use crate::align::{MatchCosts, UNIT_MATCH_RATE};
use crate::chars::{is_line_break, is_stop};
use crate::lang::Lang;
use crate::normalize::measure_len;
use crate::runs::Run;
use crate::sentences::SentenceSplitter;
use crate::span::Span;

/// A paragraph-like unit: sentences of one run with no line break between.
#[derive(Clone, Debug)]
pub(super) struct Unit {
    /// Index range into the per-language sentence list.
    pub(super) sentences: Range<usize>,
    /// Measured length ([`measure_len`]) of its sentences.
    pub(super) len: usize,
    /// Index of its run.
    pub(super) run: usize,
}

/// What a page line looks like, and where it stands in its run, for the prior
/// odds that it is translated.
///
/// Boilerplate detectors (jusText, boilerpipe) tell furniture from content by
/// shallow features and by context; the ones used here do not depend on the
/// language. A line is *content* when it reads as a sentence (it ends in
/// `. ! ? ؟ … ۔` after at least two words, or in `: ;` after three) or is long
/// (60 measured characters), *marked* when it holds a link separator between spaces (`|`, `•`,
/// `·`, `›`, `>`, `«`, `»`), `©`, a handle (`@name`) or a web address, and
/// *short* otherwise; a short line is placed by the content lines of its run.
/// The shares translated are those of the hand-aligned pages of the development
/// sets (`eval/dev` and `eval/dev_modern` documents, 1,300 lines), one line added
/// to each count: titles stand before the content of their run and chapter
/// headings inside it, while "Related posts", "Print this page", bylines and
/// dates follow it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum LineKind {
    /// A sentence or a long line: 1,044 of 1,051 translated.
    Content,
    /// A short line before the first content line of its run: 19 of 26.
    Heading,
    /// A short line between content lines of its run: 44 of 50.
    Inner,
    /// A short line after the last content line of its run: 0 of 46.
    Trailing,
    /// A short line in a run without content: 22 of 53.
    Alone,
    /// A marked line: 1 of 91.
    Marked,
}

/// The look of one line, before its place in the run is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Look {
    Content,
    Short,
    Marked,
}

impl Look {
    fn of(text: &str, len: usize) -> Look {
        let t = text.trim();
        // One pass over the characters, with the two before each: a separator between
        // spaces, a handle, a copyright sign. No allocation: every page line of a
        // million-line page comes through here.
        // Not spaces: a separator needs a space on both sides within the line.
        let (mut before, mut last) = ('x', 'x');
        let mut marked = false;
        // Every sign the loop looks for is `|`, `>`, `@`, or starts with byte C2 or
        // E2 in UTF-8 (which no continuation byte is): a line without those bytes,
        // most lines, needs no decoding.
        let signs = t
            .bytes()
            .any(|b| matches!(b, b'|' | b'>' | b'@' | 0xC2 | 0xE2));
        for c in t.chars().take_while(|_| signs) {
            // The separator test first: it is rarely true, and the white space
            // tests are not free on Arabic text.
            marked |= (matches!(last, '|' | '•' | '·' | '›' | '>' | '«' | '»')
                && before.is_whitespace()
                && c.is_whitespace())
                || (last == '@' && c.is_alphanumeric())
                || c == '©';
            if marked {
                break;
            }
            (before, last) = (last, c);
        }
        if marked || t.contains("http://") || t.contains("https://") || t.contains("www.") {
            return Look::Marked;
        }
        let core = t.trim_end_matches(['"', '\'', '”', '’', '»', ')', ']']);
        // Whether the line has at least `n` words: only asked of a line that
        // ends like a sentence, and read no further than the `n`th word.
        let words = |n: usize| t.split_whitespace().nth(n - 1).is_some();
        // An Arabic question of two words ("من بناه؟") is a sentence; "Share
        // this:" is a label.
        let sentence =
            (core.ends_with(is_stop) && words(2)) || (core.ends_with([':', ';']) && words(3));
        if sentence || len >= 60 {
            Look::Content
        } else {
            Look::Short
        }
    }
}

impl LineKind {
    /// The kinds of the lines of one language, given each line's run (lines of a
    /// run are consecutive).
    pub(super) fn of_lines(texts: &[&str], units: &[Unit]) -> Vec<LineKind> {
        let looks: Vec<Look> = texts
            .iter()
            .zip(units)
            .map(|(t, u)| Look::of(t, u.len))
            .collect();
        let runs: Vec<usize> = units.iter().map(|u| u.run).collect();
        let mut kinds = Vec::with_capacity(looks.len());
        let mut start = 0;
        for group in runs.chunk_by(|a, b| a == b) {
            let lines = looks.get(start..start + group.len()).unwrap_or_default();
            let first = lines.iter().position(|l| *l == Look::Content);
            let last = lines.iter().rposition(|l| *l == Look::Content);
            for (k, look) in lines.iter().enumerate() {
                kinds.push(match (look, first, last) {
                    (Look::Content, _, _) => LineKind::Content,
                    (Look::Marked, _, _) => LineKind::Marked,
                    (Look::Short, Some(f), _) if k < f => LineKind::Heading,
                    (Look::Short, _, Some(l)) if k > l => LineKind::Trailing,
                    (Look::Short, Some(_), Some(_)) => LineKind::Inner,
                    (Look::Short, _, _) => LineKind::Alone,
                });
            }
            start += group.len();
        }
        kinds
    }

    /// The share of such lines that are translated (see above).
    pub(super) fn translated_share(self) -> f64 {
        let (translated, lines) = match self {
            LineKind::Content => (1044.0, 1051.0),
            LineKind::Heading => (19.0, 26.0),
            LineKind::Inner => (44.0, 50.0),
            LineKind::Trailing => (0.0, 46.0),
            LineKind::Alone => (22.0, 53.0),
            LineKind::Marked => (1.0, 91.0),
        };
        (translated + 1.0) / (lines + 2.0)
    }

    /// Kinds of which fewer than one line in twenty is translated (trailing
    /// lines: bylines, dates, share buttons; marked lines). The share was counted
    /// over such lines whether or not they translate each other word for word,
    /// so their words say nothing the share does not: the lexicon leaves them
    /// out of the unit alignment.
    pub(super) fn is_rarely_translated(self) -> bool {
        self.translated_share() < 0.05
    }

    /// The cost of matching such a line, relative to the page-wide prior of unit
    /// beads: `ln odds(base rate) − ln odds(share)`.
    pub(super) fn match_cost(self) -> f64 {
        let odds = |p: f64| p / (1.0 - p);
        odds(UNIT_MATCH_RATE).ln() - odds(self.translated_share()).ln()
    }
}

/// What the unit alignment sees of a page's lines, English and Arabic.
pub(super) struct Lines<'t> {
    pub(super) en_texts: Vec<&'t str>,
    pub(super) ar_texts: Vec<&'t str>,
    pub(super) en_lens: Vec<usize>,
    pub(super) ar_lens: Vec<usize>,
    pub(super) costs: UnitCosts,
}

/// Match costs of a page's English and Arabic units, and the kinds they come
/// from (see [`LineKind`]).
pub(super) struct UnitCosts {
    pub(super) en: Vec<f64>,
    pub(super) ar: Vec<f64>,
    pub(super) en_kinds: Vec<LineKind>,
    pub(super) ar_kinds: Vec<LineKind>,
}

impl UnitCosts {
    pub(super) fn of(en: &[&str], en_units: &[Unit], ar: &[&str], ar_units: &[Unit]) -> UnitCosts {
        let kinds = |texts: &[&str], units: &[Unit]| LineKind::of_lines(texts, units);
        let (ke, ka) = (kinds(en, en_units), kinds(ar, ar_units));
        let costs = |k: &[LineKind]| k.iter().map(|k| k.match_cost()).collect();
        UnitCosts {
            en: costs(&ke),
            ar: costs(&ka),
            en_kinds: ke,
            ar_kinds: ka,
        }
    }

    pub(super) fn all(&self) -> MatchCosts {
        self.slice(0..self.en.len(), 0..self.ar.len())
    }

    /// The match costs of English units `en` and Arabic units `ar`, with the
    /// lexicon weighing the words of every line but those of the kinds that are
    /// almost never translated ([`LineKind::is_rarely_translated`]).
    pub(super) fn slice(&self, en: Range<usize>, ar: Range<usize>) -> MatchCosts {
        let content =
            |kinds: &[LineKind]| kinds.iter().map(|k| !k.is_rarely_translated()).collect();
        let (ke, ka) = (
            self.en_kinds.get(en.clone()).unwrap_or_default(),
            self.ar_kinds.get(ar.clone()).unwrap_or_default(),
        );
        MatchCosts::new(
            self.en.get(en).unwrap_or_default(),
            self.ar.get(ar).unwrap_or_default(),
        )
        .weighing_words(content(ke), content(ka))
    }
}

/// The English and Arabic sentences of a document, and their units: what step 2
/// and step 3 of the module documentation produce. See [`units`].
pub(super) type Units<'t> = (Vec<Sentence<'t>>, usize, Vec<Unit>, Vec<Unit>);

/// Splits the English and Arabic runs into sentences and groups them into
/// units: `(sentences, English count, English units, Arabic units)`. The
/// sentences are the English ones in document order, then the Arabic ones:
/// one list, so that the document's own list is made from it in place (see
/// `with_sentences`) rather than copied from two, which would hold the
/// sentences twice at the end of the call. Each
/// language's units index its own part of the list.
pub(super) fn units<'t>(splitter: &SentenceSplitter, text: &'t str, runs: &[Run]) -> Units<'t> {
    let mut list: Vec<Sentence<'t>> = Vec::new();
    let mut en_units: Vec<Unit> = Vec::new();
    let mut ar_units: Vec<Unit> = Vec::new();
    units_of(
        splitter,
        Lang::English,
        text,
        runs,
        &mut list,
        &mut en_units,
    );
    let en = list.len();
    units_of(splitter, Lang::Arabic, text, runs, &mut list, &mut ar_units);
    (list, en, en_units, ar_units)
}

/// The sentences of the runs in `lang`, pushed onto `list`, and their units,
/// indexing the sentences from the first pushed here.
fn units_of<'t>(
    splitter: &SentenceSplitter,
    lang: Lang,
    text: &'t str,
    runs: &[Run],
    list: &mut Vec<Sentence<'t>>,
    units: &mut Vec<Unit>,
) {
    let base = list.len();
    for (ri, run) in runs.iter().enumerate() {
        if run.lang != lang {
            continue;
        }
        let Some(run_text) = text.get(run.span.range()) else {
            // Run spans lie on char boundaries of `text` by the detector's
            // contract; skipping is the safe answer if that ever broke.
            continue;
        };
        let mut prev_end: Option<usize> = None;
        for (span, s) in splitter.split(run_text, run.lang) {
            let span = span.offset(run.span.start);
            let sentence = Sentence {
                lang: run.lang,
                span,
                text: s,
                run: ri,
            };
            // A new unit starts at the run's first sentence and after any
            // line break between sentences.
            let same_line = prev_end
                .and_then(|p| text.get(p..span.start))
                .is_some_and(|gap| !gap.chars().any(is_line_break));
            // Cannot underflow: the list only grows from `base`.
            let idx = list.len() - base;
            match units.last_mut() {
                Some(u) if same_line => {
                    u.sentences.end = idx + 1;
                    u.len += measure_len(s);
                }
                _ => units.push(Unit {
                    sentences: idx..idx + 1,
                    len: measure_len(s),
                    run: ri,
                }),
            }
            list.push(sentence);
            prev_end = Some(span.end);
        }
    }
}

/// Largest unit lattice the ratio search runs on (about 2,000 lines a side);
/// beyond it eleven more alignments would cost more than a biased ratio.
const RATIO_SEARCH_CELLS: usize = 4_000_000;

/// Whether a document of `n` English and `m` Arabic lines is a book rather than a
/// page: too long for the ratio search (`structure::align_units`), and long
/// enough to fit its own bead priors.
pub(super) fn is_book(n: usize, m: usize) -> bool {
    (n + 1).saturating_mul(m + 1) > RATIO_SEARCH_CELLS
}

/// Most lines (both sides) of a page whose structure is weighed and whose lines
/// are aligned with their anchors. Past it the anchors, the fitting and the
/// interleaved candidates would take the time and memory of a page of a
/// million lines past what its block alignment by lengths alone takes (half
/// as much again, and 400 MB), so such a page keeps the block structure,
/// aligned by lengths at the total-length ratio.
const WEIGHED_LINES: usize = 300_000;

/// Whether a document of `n` English and `m` Arabic lines is past
/// [`WEIGHED_LINES`].
pub(super) fn is_beyond_weighing(n: usize, m: usize) -> bool {
    n.saturating_add(m) > WEIGHED_LINES
}

/// A page's sentences and units while its units are aligned: as they are, or
/// packed into 8 bytes a sentence and a unit (instead of 48 and 32) on a book-size
/// page, where they would otherwise sit beside the unit aligner's buffers at the
/// peak of the call. Nothing else reads them meanwhile.
pub(super) enum Parked<'t> {
    /// Kept as they are: a small page, or offsets beyond `u32`.
    Plain(Vec<Sentence<'t>>, Vec<Unit>, Vec<Unit>),
    /// Packed.
    Packed {
        /// Per sentence, English then Arabic (as in [`units`]),
        /// its byte range in the text.
        spans: Vec<[u32; 2]>,
        /// Per unit, English then Arabic, its first sentence (among its
        /// language's) and its run.
        units: Vec<[u32; 2]>,
        /// English sentences and English units.
        en: (usize, usize),
    },
}

impl<'t> Parked<'t> {
    /// Parks the output of [`units`], packed when `pack`.
    pub(super) fn new(
        (sentences, en_count, en_units, ar_units): Units<'t>,
        pack: bool,
    ) -> Parked<'t> {
        let spans = pack
            .then(|| {
                packed(sentences.iter(), sentences.len(), |s| {
                    Some([
                        u32::try_from(s.span.start).ok()?,
                        u32::try_from(s.span.end).ok()?,
                    ])
                })
            })
            .flatten();
        let units = spans.as_ref().and_then(|_| {
            packed(
                en_units.iter().chain(&ar_units),
                en_units.len() + ar_units.len(),
                |u| {
                    Some([
                        u32::try_from(u.sentences.start).ok()?,
                        u32::try_from(u.run).ok()?,
                    ])
                },
            )
        });
        match (spans, units) {
            (Some(spans), Some(units)) => Parked::Packed {
                spans,
                units,
                en: (en_count, en_units.len()),
            },
            _ => Parked::Plain(sentences, en_units, ar_units),
        }
    }

    /// The sentences and units back, as [`units`] made them:
    /// `(sentences, English units, Arabic units)`. `text` is the page and `lines`
    /// its lines, whose lengths are the units' (see [`Lines::of`]).
    pub(super) fn unpark(
        self,
        text: &'t str,
        lines: &Lines<'_>,
    ) -> (Vec<Sentence<'t>>, Vec<Unit>, Vec<Unit>) {
        let (spans, units, en) = match self {
            Parked::Plain(sentences, en_units, ar_units) => return (sentences, en_units, ar_units),
            Parked::Packed { spans, units, en } => (spans, units, en),
        };
        let (en_units, ar_units) = units.split_at(en.1.min(units.len()));
        let (en_spans, ar_spans) = spans.split_at(en.0.min(spans.len()));
        let mut sentences = Vec::with_capacity(spans.len());
        let mut unpack = |lang: Lang, spans: &[[u32; 2]], units: &[[u32; 2]], lens: &[usize]| {
            let mut out = Vec::with_capacity(units.len());
            for (k, &[first, run]) in units.iter().enumerate() {
                // Units partition their language's sentences in order (see
                // `units_of`): each ends where the next begins.
                let end = units.get(k + 1).map_or(spans.len(), |u| u[0] as usize);
                let (first, run) = (first as usize, run as usize);
                for &[start, stop] in spans.get(first..end).unwrap_or_default() {
                    let span = Span {
                        start: start as usize,
                        end: stop as usize,
                    };
                    sentences.push(Sentence {
                        lang,
                        span,
                        // The span was cut from `text` on char boundaries.
                        text: text.get(span.range()).unwrap_or_default(),
                        run,
                    });
                }
                out.push(Unit {
                    sentences: first..end,
                    len: lens.get(k).copied().unwrap_or(0),
                    run,
                });
            }
            out
        };
        let en_units = unpack(Lang::English, en_spans, en_units, &lines.en_lens);
        let ar_units = unpack(Lang::Arabic, ar_spans, ar_units, &lines.ar_lens);
        (sentences, en_units, ar_units)
    }
}

/// `items` packed by `f` into a list of exactly `len` entries (collecting into an
/// `Option` would grow the list by doubling), or `None` when one does not fit.
fn packed<T>(
    items: impl Iterator<Item = T>,
    len: usize,
    f: impl Fn(T) -> Option<[u32; 2]>,
) -> Option<Vec<[u32; 2]>> {
    let mut out = Vec::with_capacity(len);
    for item in items {
        out.push(f(item)?);
    }
    Some(out)
}

impl<'t> Lines<'t> {
    /// The lines of a page: the units' lengths, their match costs, and (unless
    /// the page is a book) their texts.
    pub(super) fn of(
        text: &'t str,
        en: &[Sentence<'t>],
        en_units: &[Unit],
        ar: &[Sentence<'t>],
        ar_units: &[Unit],
    ) -> Lines<'t> {
        let en_lens: Vec<usize> = en_units.iter().map(|u| u.len).collect();
        let ar_lens: Vec<usize> = ar_units.iter().map(|u| u.len).collect();
        // Unit texts: the aligner matches their anchors (numbers, names, Latin
        // words) as well as their lengths.
        let unit_text = |list: &[Sentence<'t>], u: &Unit| -> &'t str {
            let (Some(first), Some(last)) = (
                list.get(u.sentences.start),
                list.get(u.sentences.end.saturating_sub(1)),
            ) else {
                return "";
            };
            text.get(first.span.start..last.span.end)
                .unwrap_or_default()
        };
        let en_texts: Vec<&'t str> = en_units.iter().map(|u| unit_text(en, u)).collect();
        let ar_texts: Vec<&'t str> = ar_units.iter().map(|u| unit_text(ar, u)).collect();
        let costs = UnitCosts::of(&en_texts, en_units, &ar_texts, ar_units);
        let (en_texts, ar_texts) = if is_beyond_weighing(en_units.len(), ar_units.len()) {
            // Such a page's lines are aligned by length alone (`align_units`):
            // their texts are not kept through the alignment, the largest in memory.
            (Vec::new(), Vec::new())
        } else {
            (en_texts, ar_texts)
        };
        Lines {
            en_texts,
            ar_texts,
            en_lens,
            ar_lens,
            costs,
        }
    }
}

/// The sentences of the units `r`: from the first one's first to the last one's
/// last; `None` when `r` is empty or out of range.
pub(super) fn sentence_range(units: &[Unit], r: &Range<usize>) -> Option<Range<usize>> {
    let first = units.get(r.start)?;
    let last = units.get(r.end.checked_sub(1)?)?;
    Some(first.sentences.start..last.sentences.end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packed_sentences_and_units_come_back_as_they_were() {
        let text = "Share this\nThe bridge opened. It was late.\nفتح الجسر. تأخر.\n\
                    Doctors treated patients.\nعالج الأطباء المرضى.\nاقرأ أيضا";
        let runs = crate::runs::RunDetector::new().detect(text);
        let splitter = SentenceSplitter::new();
        let plain = units(&splitter, text, &runs);
        let (sentences, en_count, en_units, ar_units) = units(&splitter, text, &runs);
        let lines = Lines::of(
            text,
            &sentences[..en_count],
            &en_units,
            &sentences[en_count..],
            &ar_units,
        );
        let parked = Parked::new((sentences, en_count, en_units, ar_units), true);
        assert!(matches!(parked, Parked::Packed { .. }));
        let (sentences, en_units, ar_units) = parked.unpark(text, &lines);
        assert_eq!(sentences, plain.0);
        assert!(en_count > 0 && en_count < sentences.len());
        let fields = |units: &[Unit]| -> Vec<(Range<usize>, usize, usize)> {
            units
                .iter()
                .map(|u| (u.sentences.clone(), u.len, u.run))
                .collect()
        };
        assert_eq!(fields(&en_units), fields(&plain.2));
        assert_eq!(fields(&ar_units), fields(&plain.3));
        assert_eq!(en_units.len(), 3);
    }
}
