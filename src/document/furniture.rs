//! Page furniture told by repetition and by its words: the short lines a site
//! prints on many pages, or several times on one page ("Advertisement", "Share
//! this", "Read more: …", and their Arabic), and counters ("Comments (3)").
//!
//! A translated paragraph is written once; a site's template is printed
//! wherever it fits. So a short line that does not read as a sentence and whose
//! text (its [`key`]) comes back on the same page, or on
//! [`Furniture::MIN_PAGES`] pages of a batch or stream, is taken for furniture
//! (a repeated sentence is a refrain, translated each time), and so is a short
//! line that ends in a count in brackets, that labels what follows its colon,
//! or that calls the reader to the site
//! ("Sign up for our newsletter", "تابعونا على تويتر": see
//! [`is_call_to_action`]), which a lone page may print only once. Such a
//! line enters the line lattice as a [`LineKind::Marked`] line does (its
//! prior share of being translated content is that of marked lines), which
//! leaves its pair unlikely even where its translation stands beside it.
//!
//! The rules never fire on a translated line of the development pages
//! (`eval/dev`, `eval/dev_modern` and the seed pages): every short line
//! repeated within one of those pages is outside their gold pairs, and so are
//! the 50 lines there that read as calls to the reader.

use std::collections::{HashMap, HashSet};

use super::units::{LineKind, Lines};
use crate::chars::is_stop;
use crate::normalize::Normalizer;

/// Lines with at least this many characters are prose, not furniture.
const MAX_CHARS: usize = 60;

/// Words a label before a colon may have ("Read more: …" is keyed by "read
/// more", so each headline it introduces counts as the same line).
const MAX_LABEL_WORDS: usize = 3;

/// Whether a line is shorter than prose: read no further than its
/// [`MAX_CHARS`]th character, since every line of a batch comes through here.
fn is_short(t: &str) -> bool {
    t.chars().nth(MAX_CHARS - 1).is_none()
}

/// The key of a short page line: lower case, white space collapsed, edge
/// punctuation dropped, and a short label before a colon standing for the
/// whole line; `None` for a blank or long line.
fn key(line: &str) -> Option<String> {
    let t = line.trim();
    if t.is_empty() || !is_short(t) {
        return None;
    }
    let edge =
        |c: char| c.is_whitespace() || (c.is_ascii_punctuation() || "،؛؟…–—•·|»«›".contains(c));
    let mut k = t
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    if let Some((label, rest)) = k.split_once(':') {
        let words = label.split_whitespace().count();
        if (1..=MAX_LABEL_WORDS).contains(&words) && !rest.trim().is_empty() {
            k = label.to_string();
        }
    }
    let k = k.trim_matches(edge).to_string();
    (!k.is_empty()).then_some(k)
}

/// Whether a short line ends in a count in brackets, the way comment and
/// share counters are written ("Comments (3)", "التعليقات (٣)").
fn is_counter(line: &str) -> bool {
    let t = line.trim();
    let Some(inner) = t.strip_suffix(')') else {
        return false;
    };
    let Some((head, count)) = inner.rsplit_once('(') else {
        return false;
    };
    is_short(t)
        && !head.trim().is_empty()
        && !count.trim().is_empty()
        && count.trim().chars().all(|c| c.is_numeric())
}

/// Whether a short line is a label and what it points to, not a sentence
/// ("Read more: …", "Source: …", "You are here: Home >
/// Health"): up to three words, a colon, and a text that does not end like a
/// sentence. On the development pages every such line is furniture.
fn is_labelled(line: &str) -> bool {
    let t = line.trim();
    let Some((label, rest)) = t.split_once(':') else {
        return false;
    };
    let core = rest
        .trim()
        .trim_end_matches(['"', '\'', '”', '’', '»', ')', ']']);
    is_short(t)
        && (1..=MAX_LABEL_WORDS).contains(&label.split_whitespace().count())
        && !core.is_empty()
        && !core.ends_with(is_stop)
}

/// How short lines that ask the reader to do something on the site begin:
/// subscribe, share, follow, sign in, read another article. Compared as
/// normalized, lower case (see [`is_call_to_action`]): one spelling serves with
/// and without hamza on the alef, harakat or tatweel.
const CALLS: [&str; 30] = [
    "sign up",
    "subscribe",
    "advertisement",
    "sponsored",
    "share this",
    "share on",
    "follow us",
    "read more",
    "read also",
    "related articles",
    "related posts",
    "click here",
    "log in",
    "sign in",
    "download our",
    "download the app",
    "leave a comment",
    "back to top",
    "اشترك",
    "شارك هذا",
    "شارك على",
    "تابعنا",
    "تابعونا",
    "اقرأ أيضا",
    "اقرأ المزيد",
    "مقالات ذات صلة",
    "انقر هنا",
    "اضغط هنا",
    "تسجيل الدخول",
    "حمل التطبيق",
];

/// Cues that are furniture only as the whole line: "إعلان" alone is an
/// advertisement's label, while "إعلان بيروت" is a declaration.
const ALONE: [&str; 1] = ["إعلان"];

/// Words that make a short line the site's own, wherever they stand in it
/// ("Get our newsletter", "جميع الحقوق محفوظة").
const SITE_WORDS: [&str; 5] = [
    "newsletter",
    "all rights reserved",
    "نشرتنا",
    "النشرة البريدية",
    "الحقوق محفوظة",
];

/// Whether a short line is a call to the reader or the site's notice rather
/// than text of the article: it begins with one of [`CALLS`], is one of
/// [`ALONE`] by itself, or holds one of [`SITE_WORDS`], each read as normalized
/// (alef forms, harakat, tatweel and case folded). Such a line is furniture on a page that prints it once,
/// where repetition cannot tell: an article does not translate the site's
/// prompts as part of its text, and the lengths of two prompts agree as well
/// as those of two paragraphs. Only short lines are read, without allocating.
fn is_call_to_action(line: &str) -> bool {
    let t = line.trim();
    if !is_short(t) {
        return false;
    }
    let fold = Normalizer::new().lowercase(true);
    // The letters of `text` after `cue`, both read as normalized ("إقرأ أيضاً"
    // is "اقرا ايضا"), or `None` where it does not begin with the cue.
    let after = |text, cue| {
        let mut rest = fold.folded(text);
        fold.folded(cue)
            .all(|c| rest.next() == Some(c))
            .then_some(rest)
    };
    // The cue must end at a word's end: "Signs" does not begin with "sign".
    let starts =
        |cue| after(t, cue).is_some_and(|mut rest| !rest.next().is_some_and(char::is_alphanumeric));
    let alone = |cue| after(t, cue).is_some_and(|mut rest| !rest.any(char::is_alphanumeric));
    let holds = |word| {
        t.char_indices()
            .any(|(i, _)| t.get(i..).is_some_and(|from| after(from, word).is_some()))
    };
    CALLS.iter().any(|c| starts(c))
        || ALONE.iter().any(|c| alone(c))
        || SITE_WORDS.iter().any(|w| holds(w))
}

/// The short lines of a batch or stream window, counted by the pages they are
/// printed on. Built by [`Furniture::of_pages`] in a first pass over the pages;
/// the second pass aligns each page with it.
#[derive(Clone, Debug, Default)]
pub struct Furniture {
    pages: HashMap<String, usize>,
}

impl Furniture {
    /// A line printed on at least this many pages of a batch is furniture.
    pub const MIN_PAGES: usize = 3;

    /// Counts, for every short line key, the distinct pages of `pages` that
    /// print it (once per page however often it comes back there; a page given
    /// twice counts once).
    ///
    /// ```
    /// let pages = ["Advertisement\nA.", "Advertisement\nB.", "Advertisement\nC.", "Other"];
    /// let f = bitext::Furniture::of_pages(&pages);
    /// assert!(f.is_furniture("advertisement "));
    /// assert!(!f.is_furniture("Other"));
    /// ```
    pub fn of_pages<T: AsRef<str>>(pages: &[T]) -> Furniture {
        let mut counts: HashMap<String, usize> = HashMap::new();
        // A page given twice is one page: its lines are not a site's template.
        let mut seen: HashSet<&str> = HashSet::new();
        let distinct: Vec<&str> = pages
            .iter()
            .map(AsRef::as_ref)
            .filter(|page| seen.insert(page))
            .collect();
        if distinct.len() < Self::MIN_PAGES {
            // Too few pages for any line to be on `MIN_PAGES` of them: a
            // single book-size page would otherwise key all its lines first.
            return Furniture::default();
        }
        for page in distinct {
            let keys: HashSet<String> = page.lines().filter_map(key).collect();
            for k in keys {
                *counts.entry(k).or_default() += 1;
            }
        }
        counts.retain(|_, n| *n >= Self::MIN_PAGES);
        // `retain` keeps the table's capacity for every line keyed, while the
        // counts live as long as the batch.
        counts.shrink_to_fit();
        Furniture { pages: counts }
    }

    /// Whether `line` is printed on at least [`Furniture::MIN_PAGES`] of the pages counted.
    pub fn is_furniture(&self, line: &str) -> bool {
        key(line).is_some_and(|k| self.pages.contains_key(&k))
    }
}

/// Marks the furniture lines of one page as [`LineKind::Marked`] in `lines`,
/// with that kind's match cost: lines repeated on the page, counters, and
/// (given a batch's counts) lines printed on many of its pages.
pub(super) fn mark(lines: &mut Lines<'_>, batch: Option<&Furniture>) {
    // Repetition marks a template only on lines that do not read as content: a
    // sentence repeated on a page is a refrain (a psalm's, a chorus, a legal
    // formula), translated each time it comes. So only the other lines are
    // keyed, once each; a line's kind follows from its text where it reads as
    // content, so their counts are those over all lines, and a book of
    // sentences keys none of them.
    let costs = &lines.costs;
    let keys_of = |texts: &[&str], kinds: &[LineKind]| -> Vec<Option<String>> {
        texts
            .iter()
            .zip(kinds)
            .map(|(t, k)| (*k != LineKind::Content).then(|| key(t)).flatten())
            .collect()
    };
    let keys = [
        keys_of(&lines.en_texts, &costs.en_kinds),
        keys_of(&lines.ar_texts, &costs.ar_kinds),
    ];
    let mut on_page: HashMap<&str, usize> = HashMap::new();
    for k in keys.iter().flatten().flatten() {
        *on_page.entry(k).or_default() += 1;
    }
    let repeated = |k: &Option<String>| {
        k.as_deref().is_some_and(|k| {
            on_page.get(k).is_some_and(|&n| n > 1) || batch.is_some_and(|b| b.pages.contains_key(k))
        })
    };
    let costs = &mut lines.costs;
    let sides = [
        (
            &lines.en_texts,
            &keys[0],
            &mut costs.en,
            &mut costs.en_kinds,
        ),
        (
            &lines.ar_texts,
            &keys[1],
            &mut costs.ar,
            &mut costs.ar_kinds,
        ),
    ];
    for (texts, keys, cost, kinds) in sides {
        let lines = texts
            .iter()
            .zip(keys)
            .zip(cost.iter_mut())
            .zip(kinds.iter_mut());
        for (((t, k), c), kind) in lines {
            if is_counter(t) || is_labelled(t) || is_call_to_action(t) || repeated(k) {
                *kind = LineKind::Marked;
                *c = LineKind::Marked.match_cost();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_fold_case_space_edges_and_labels() {
        assert_eq!(key("  Share   this: ").as_deref(), Some("share this"));
        assert_eq!(
            key("Read more: The bridge opened").as_deref(),
            Some("read more")
        );
        assert_eq!(key("اقرأ أيضا: افتتاح الجسر").as_deref(), Some("اقرأ أيضا"));
        assert_eq!(key("Chapter 3"), Some("chapter 3".to_string()));
        assert_eq!(key(""), None);
        assert_eq!(key(&"word ".repeat(20)), None);
    }

    #[test]
    fn counts_keep_only_lines_on_enough_pages_and_no_table_beside_them() {
        let page: String = (0..5_000).map(|i| format!("Line {i}\n")).collect();
        // One page, given once or twice: no line can be on three pages.
        for pages in [vec![page.as_str()], vec![page.as_str(), page.as_str()]] {
            let f = Furniture::of_pages(&pages);
            assert!(f.pages.is_empty());
            assert_eq!(f.pages.capacity(), 0);
        }
        let other = |tag: &str| format!("Share this\n{tag}\n{page}");
        let pages = [other("a"), other("b"), other("c")];
        let f = Furniture::of_pages(&pages);
        assert!(f.is_furniture("Share this") && f.is_furniture("Line 7"));
        assert!(!f.is_furniture("a"));
        // The table is sized to the lines kept, not to every line keyed.
        assert!(f.pages.capacity() < 2 * f.pages.len() + 16);
    }

    #[test]
    fn counters_are_short_lines_ending_in_a_bracketed_number() {
        assert!(is_counter("Comments (3)"));
        assert!(is_counter("التعليقات (٣)"));
        assert!(!is_counter("(3)"));
        assert!(!is_counter("Psalm 23"));
        assert!(!is_counter("See the note (a)"));
    }

    #[test]
    fn labels_are_short_label_colon_text_lines_that_are_not_sentences() {
        assert!(is_labelled("Read more: Storm closes the coastal road"));
        assert!(is_labelled("المصدر: أ ب"));
        assert!(!is_labelled("He said: the storm is over."));
        assert!(!is_labelled("Note:"));
        assert!(!is_labelled(
            "The men of the city said to him: come with us"
        ));
    }

    #[test]
    fn calls_to_the_reader_are_told_by_their_words() {
        for line in [
            "Sign up for our newsletter",
            "Subscribe to our newsletter.",
            "Get our weekly newsletter",
            "Follow us on social media",
            "ADVERTISEMENT",
            "اشترك في نشرتنا",
            "تابعنا على وسائل التواصل",
            "اقرأ أيضا: الجسر الجديد",
            "اقرأ أيضاً: الجسر الجديد",
            "اقرأ أيضًا: الجسر الجديد",
            "إقرأ ايضا: الجسر الجديد",
            "إشترك الآن",
            "إعلان",
            "اعلان",
            "جميع الحقوق محفوظةٌ",
            "© 2024 جميع الحقوق محفوظة",
        ] {
            assert!(is_call_to_action(line), "{line}");
        }
        for line in [
            "Signs of the times",
            "He subscribed his name to the deed, and the witnesses signed it after him.",
            "Follow me, and I will make you fishers of men.",
            "اقرأ باسم ربك الذي خلق",
            "Share",
            "إعلان بيروت",
            "إعلان حقوق الإنسان",
            "سجل في التاريخ",
            "The newsletter of the society, printed every month since the war, reached a thousand readers.",
        ] {
            assert!(!is_call_to_action(line), "{line}");
        }
    }

    #[test]
    fn a_batch_counts_each_page_once() {
        let pages = ["Share\nShare\nShare\nA.", "Share\nB.", "Advertisement\nC."];
        let f = Furniture::of_pages(&pages);
        assert!(!f.is_furniture("Share"), "on two pages only");
        let more = ["Share\nA.", "Share\nB.", "share\nC."];
        assert!(Furniture::of_pages(&more).is_furniture("SHARE"));
        let copies = ["Share\nA."; 5];
        assert!(!Furniture::of_pages(&copies).is_furniture("Share"));
    }
}
