//! Lexical anchors: tokens that survive translation unchanged or nearly so, found
//! in a sentence without any dictionary.
//!
//! What an anchor is and how names match are documented on `extract_anchors`.

use crate::chars::{
    digit_value, is_arabic_block, is_arabic_letter, is_harakah, is_inword_invisible, is_tatweel,
    ARABIC_MAIN_BLOCK,
};
use crate::lang::Lang;

/// What kind of token an [`Anchor`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum AnchorKind {
    /// A number, with thousands separators removed and a decimal point as `.`
    /// (years and percentages included).
    Number,
    /// A word in Latin script, lowercased (brand names, URLs, handles; on the
    /// English side every word is a candidate, and the aligner keeps only those
    /// that also occur on the Arabic side).
    Latin,
    /// The consonant skeleton of a word that may be a proper name.
    Name,
    /// A question mark (`?` or `؟`).
    Question,
    /// An exclamation mark.
    Exclamation,
    /// A quotation mark of any style.
    Quote,
    /// A parenthesis or bracket.
    Bracket,
}

impl AnchorKind {
    /// Every kind, in a fixed order (the index the aligner uses per kind).
    pub const ALL: [AnchorKind; 7] = [
        AnchorKind::Number,
        AnchorKind::Latin,
        AnchorKind::Name,
        AnchorKind::Question,
        AnchorKind::Exclamation,
        AnchorKind::Quote,
        AnchorKind::Bracket,
    ];

    pub(crate) fn index(self) -> usize {
        match self {
            AnchorKind::Number => 0,
            AnchorKind::Latin => 1,
            AnchorKind::Name => 2,
            AnchorKind::Question => 3,
            AnchorKind::Exclamation => 4,
            AnchorKind::Quote => 5,
            AnchorKind::Bracket => 6,
        }
    }
}

/// A token of a sentence that its translation is likely to contain too.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct Anchor {
    /// What kind of token.
    pub kind: AnchorKind,
    /// The normalized form, equal on both sides for the same anchor.
    pub key: String,
}

impl Anchor {
    fn new(kind: AnchorKind, key: impl Into<String>) -> Anchor {
        Anchor {
            kind,
            key: key.into(),
        }
    }
}

/// The anchors of one sentence, in order of appearance, without repeats.
///
/// `lang` says which rules apply to words: in English, capitalized words that do
/// not start the sentence give [`AnchorKind::Name`] skeletons and every word is a
/// [`AnchorKind::Latin`] candidate; in Arabic, every Arabic word gives name
/// skeletons (with and without a one-letter proclitic or the article, and joined
/// with the next word, as in بيونغ يانغ) and Latin words are Latin anchors.
///
/// ```
/// use bitext::{extract_anchors, AnchorKind, Lang};
/// let a = extract_anchors("نما ١٬٢٥٠ موظفاً بنسبة ٣٫٥٪ (عبر @bitext)!", Lang::Arabic);
/// let numbers: Vec<&str> = a
///     .iter()
///     .filter(|a| a.kind == AnchorKind::Number)
///     .map(|a| a.key.as_str())
///     .collect();
/// assert_eq!(numbers, ["1250", "3.5"]);
/// assert!(a.iter().any(|a| a.kind == AnchorKind::Latin && a.key == "@bitext"));
/// assert!(a.iter().any(|a| a.kind == AnchorKind::Bracket));
/// assert!(a.iter().any(|a| a.kind == AnchorKind::Exclamation));
/// ```
///
/// Translated news keeps numbers, years and percentages, Latin-script names, URLs
/// and handles as they are, keeps question and exclamation marks, quotation marks
/// and brackets, and writes most proper names in the other script with the same
/// consonants (Trump ترامب, Washington واشنطن). [`extract_anchors`] lists these
/// tokens for one sentence after normalization (Eastern Arabic and Persian digits
/// become ASCII, thousands separators go, vowel marks and tatweel go), so that the
/// same anchor has the same [`Anchor::key`] on both sides.
///
/// Names are matched by a consonant *skeleton* ([`name_skeleton`]): vowels, `h`,
/// `w`, `y` and their Arabic counterparts (alef, waw, yeh, heh, hah, ain, hamza)
/// are dropped, the other letters fall into ten classes of sounds that the two
/// scripts write alike (b/p/ب, f/v/ف, t/th/ت/ط/ث, d/د/ض/ذ/ظ, k/c/q/g/j/ك/ق/غ/ج/خ,
/// l, m, n, r, and s/z/sh/س/ص/ز/ش), and repeats collapse. Skeletons shorter than
/// three classes are not used: two consonants match too many common Arabic words.
///
/// ```
/// use bitext::{extract_anchors, AnchorKind, Lang};
/// let en = extract_anchors("Did Trump visit Pyongyang in 2019?", Lang::English);
/// let ar = extract_anchors("هل زار ترامب بيونغ يانغ عام ٢٠١٩؟", Lang::Arabic);
/// let shared: Vec<&str> = en
///     .iter()
///     .filter(|a| ar.contains(a))
///     .map(|a| a.key.as_str())
///     .collect();
/// assert_eq!(shared, ["TRMB", "BNKNK", "2019", "?"]);
/// ```
///
/// The aligner weighs each anchor by how rare it is near the sentence (see
/// [`AlignerBuilder::anchors`](crate::AlignerBuilder::anchors)), so frequent tokens such as "1" in
/// "Chapter 1" cannot pull an alignment off.
pub fn extract_anchors(text: &str, lang: Lang) -> Vec<Anchor> {
    collect_anchors(text, lang, true, true)
}

/// [`extract_anchors`], without [`AnchorKind::Name`] anchors unless `names` and
/// without [`AnchorKind::Latin`] ones unless `latin`: name skeletons are most of
/// the work on Arabic text and Latin words on English text, and a caller that only
/// looks one side's anchors up for the other's needs neither when the other side
/// has none of that kind.
pub(crate) fn collect_anchors(text: &str, lang: Lang, names: bool, latin: bool) -> Vec<Anchor> {
    let mut out: Vec<Anchor> = Vec::new();
    visit(text, lang, names, latin, &mut |kind, key| {
        if !out.iter().any(|a| a.kind == kind && a.key == key) {
            out.push(Anchor::new(kind, key));
        }
    });
    out
}

/// An anchor's key as a 64-bit hash: no string per anchor, for callers that
/// hold the anchors of every sentence or line of a book. The hash is keyed at
/// random once per process, so a page cannot choose keys that collide (which
/// would merge its anchors, or crowd the maps that take these hashes as they
/// are); two different keys of one input collide with a probability of about
/// 1e-9 among the few hundred thousand of a book.
pub(crate) fn anchor_hash(kind: AnchorKind, key: &str) -> u64 {
    static KEYED: std::sync::OnceLock<ahash::RandomState> = std::sync::OnceLock::new();
    KEYED
        .get_or_init(ahash::RandomState::new)
        .hash_one((kind.index() as u8, key))
}

/// The anchors of `text`, handed to `f` as they are found (repeats included), with
/// no allocation per anchor: the aligner's path through [`extract_anchors`].
pub(crate) fn visit_anchors(text: &str, lang: Lang, f: &mut Visitor) {
    visit(text, lang, true, true, f);
}

/// What the anchors of a text are handed to, one at a time, with their key.
pub(crate) type Visitor<'a> = dyn FnMut(AnchorKind, &str) + 'a;

/// [`visit_anchors`], skipping name skeletons (and so Name anchors) unless `names`,
/// and Latin anchors unless `latin`.
pub(crate) fn visit(text: &str, lang: Lang, names: bool, latin: bool, f: &mut Visitor) {
    let mut first_word = true;
    // The previous Arabic word's skeleton and inner vowels, when the word just before
    // this one was Arabic (a two-word name is joined from the two).
    let mut prev = String::new();
    let mut have_prev = false;
    let mut prev_vowels = 0;
    let (mut word_skel, mut other, mut lower) = (String::new(), String::new(), String::new());
    for token in tokens(text) {
        match token {
            Token::Number(n) => {
                f(AnchorKind::Number, &n);
                have_prev = false;
            }
            Token::Punct(c) => {
                let anchor = match c {
                    '?' | '؟' => Some((AnchorKind::Question, "?")),
                    '!' => Some((AnchorKind::Exclamation, "!")),
                    // Not ‘ ’: in English they are mostly apostrophes.
                    '"' | '«' | '»' | '“' | '”' | '„' => Some((AnchorKind::Quote, "\"")),
                    '(' | ')' | '[' | ']' | '{' | '}' => Some((AnchorKind::Bracket, "()")),
                    _ => None,
                };
                if let Some((kind, key)) = anchor {
                    f(kind, key);
                }
                // Sentence-internal stops start a new sentence for capitalization.
                if matches!(c, '.' | '?' | '!' | ':' | '؟') {
                    first_word = true;
                }
                have_prev = false;
            }
            Token::Word(w, Shape { hyphen, arabic }) => {
                // Digits after a hyphen inside a word are a number both scripts
                // write alike: COVID-19 / كوفيد-19, MERS-CoV-2.
                if hyphen {
                    for (k, _) in w.match_indices('-') {
                        // Cannot panic: `k` is where a one-byte '-' starts in `w`.
                        let tail = &w[k + 1..];
                        if tail.chars().next().and_then(digit_value).is_some() {
                            let (n, _) = number(tail);
                            f(AnchorKind::Number, &n);
                        }
                    }
                }
                // Any letter of the Arabic script makes the word Arabic, presentation
                // forms (PDF scrapes) included; they are not Latin anchors.
                if !arabic {
                    if !latin {
                        // Not wanted.
                    } else if w.bytes().any(|b| b.is_ascii_uppercase()) || !w.is_ascii() {
                        lower.clear();
                        lower.extend(w.chars().flat_map(char::to_lowercase));
                        f(AnchorKind::Latin, &lower);
                    } else {
                        f(AnchorKind::Latin, w);
                    }
                    if names && lang == Lang::English && !first_word && is_capitalized(w) {
                        skeleton_into(w, &mut word_skel);
                        if word_skel.len() >= MIN_SKELETON {
                            f(AnchorKind::Name, &word_skel);
                        }
                    }
                    have_prev = false;
                } else if names {
                    // As written, without proclitics, and joined with the word before
                    // when this one is too short to stand alone (بيونغ يانغ).
                    let vowels = skeleton_into(w, &mut word_skel);
                    if arabic_name_like(&word_skel, vowels) {
                        f(AnchorKind::Name, &word_skel);
                    }
                    let stripped = strip_proclitics(w);
                    if stripped.len() != w.len() {
                        let stripped_vowels = skeleton_into(stripped, &mut other);
                        if other != word_skel && arabic_name_like(&other, stripped_vowels) {
                            f(AnchorKind::Name, &other);
                        }
                    }
                    if have_prev && word_skel.len() < MIN_SKELETON && !word_skel.is_empty() {
                        // A class letter both words share at the seam is written once.
                        let tail = word_skel.strip_prefix(|c: char| prev.ends_with(c));
                        prev.push_str(tail.unwrap_or(&word_skel));
                        if arabic_name_like(&prev, prev_vowels + vowels) {
                            f(AnchorKind::Name, &prev);
                        }
                    }
                    prev_vowels = vowels;
                    // Joined as written: a proclitic on the first word of a name
                    // is rarer than a name that starts like one (بيونغ).
                    std::mem::swap(&mut prev, &mut word_skel);
                    have_prev = true;
                }
                first_word = false;
            }
        }
    }
}

/// The consonant skeleton of a word in either script, or `None` when it has fewer
/// than three consonant classes (see [`extract_anchors`]).
///
/// ```
/// use bitext::name_skeleton;
/// assert_eq!(name_skeleton("Trump").as_deref(), Some("TRMB"));
/// assert_eq!(name_skeleton("ترامب").as_deref(), Some("TRMB"));
/// assert_eq!(name_skeleton("Washington"), name_skeleton("واشنطن"));
/// assert_eq!(name_skeleton("Kim"), None); // two classes: too short to trust
/// ```
pub fn name_skeleton(word: &str) -> Option<String> {
    let mut s = String::new();
    skeleton_into(word, &mut s);
    (s.len() >= MIN_SKELETON).then_some(s)
}

/// Whether an English word and an Arabic word (or two, as in بيونغ يانغ) may be
/// the same name: the English word is capitalized (not all capitals) and its
/// skeleton is one of the Arabic text's name skeletons (see [`extract_anchors`]).
///
/// ```
/// use bitext::name_matches;
/// assert!(name_matches("Trump", "وترامب"));
/// assert!(name_matches("Pyongyang", "بيونغ يانغ"));
/// assert!(!name_matches("Andrew", "انظر")); // "look": a root, not a name
/// assert!(!name_matches("trump", "ترامب")); // not capitalized
/// ```
pub fn name_matches(en: &str, ar: &str) -> bool {
    if !is_capitalized(en) {
        return false;
    }
    let Some(skeleton) = name_skeleton(en) else {
        return false;
    };
    let mut found = false;
    visit_anchors(ar, Lang::Arabic, &mut |kind, key| {
        found |= kind == AnchorKind::Name && key == skeleton;
    });
    found
}

/// Skeletons shorter than this are not used.
const MIN_SKELETON: usize = 3;

/// Whether an Arabic word's skeleton may be a name's: four classes or more, or
/// three with at least two letters of vowels or of sounds English does not write
/// (ا و ي ع ح ه …) between its first and last consonant. Names written in Arabic
/// letters spell their vowels out (دانيال, سمعان, إسرائيل); the common words whose
/// three root consonants happen to match a name's mostly do not (انظروا "look"
/// against Andrew, خارج "outside" against Jericho).
fn arabic_name_like(skeleton: &str, vowels: usize) -> bool {
    skeleton.len() > MIN_SKELETON || (skeleton.len() == MIN_SKELETON && vowels >= 2)
}

/// Writes the skeleton of `word` (any length) into `out`, replacing its content,
/// and returns how many of its letters between the first and the last consonant
/// have no class (vowels and the like).
fn skeleton_into(word: &str, out: &mut String) -> usize {
    out.clear();
    // Vowel letters seen since the first consonant, and as of the last one.
    let (mut vowels, mut inner) = (0, 0);
    let push = |out: &mut String, c: char| {
        if !out.ends_with(c) {
            out.push(c);
        }
    };
    let mut it = word.chars().map(|c| {
        if c.is_ascii() {
            c.to_ascii_lowercase()
        } else {
            c
        }
    });
    let (mut cur, mut next, mut after) = (it.next(), it.next(), it.next());
    while let Some(c) = cur {
        // English digraphs first: one sound, one class.
        let (class, used) = match (c, next) {
            ('s', Some('h')) => (Some('S'), 2),
            ('c', Some('h')) | ('k', Some('h')) | ('g', Some('h')) | ('c', Some('k')) => {
                (Some('K'), 2)
            }
            ('p', Some('h')) => (Some('F'), 2),
            ('t', Some('h')) => (Some('T'), 2),
            ('q', Some('u')) => (Some('K'), 2),
            // "ng" before a consonant is one nasal (Washington واشنطن); before a
            // vowel or at the end Arabic writes it نغ (Pyongyang بيونغ يانغ).
            ('n', Some('g')) if after.is_some_and(|c| consonant_class(c).is_some()) => {
                (Some('N'), 2)
            }
            ('c', Some('e' | 'i' | 'y')) => (Some('S'), 1),
            ('x', _) => {
                push(out, 'K');
                (Some('S'), 1)
            }
            _ => (consonant_class(c), 1),
        };
        if let Some(class) = class {
            push(out, class);
            inner = vowels;
        } else if !out.is_empty() && is_letter(c) {
            vowels += 1;
        }
        for _ in 0..used {
            cur = next;
            next = after;
            after = it.next();
        }
    }
    inner
}

/// The sound class of one letter, or `None` for vowels, semivowels, `h` and the
/// Arabic letters that write them (and for anything that is not a letter).
fn consonant_class(c: char) -> Option<char> {
    Some(match c {
        'b' | 'p' | 'ب' | 'پ' => 'B',
        'f' | 'v' | 'ف' | 'ڤ' => 'F',
        't' | 'ت' | 'ط' | 'ث' => 'T',
        'd' | 'د' | 'ض' | 'ذ' | 'ظ' => 'D',
        'k' | 'c' | 'q' | 'g' | 'j' | 'ك' | 'ک' | 'ق' | 'غ' | 'ج' | 'خ' | 'گ' | 'چ' => 'K',
        'l' | 'ل' => 'L',
        'm' | 'م' => 'M',
        'n' | 'ن' => 'N',
        'r' | 'ر' => 'R',
        's' | 'z' | 'س' | 'ص' | 'ز' | 'ش' | 'ژ' => 'S',
        _ => return None,
    })
}

fn strip_proclitics(word: &str) -> &str {
    let mut rest = word;
    // A conjunction, then a preposition or the article (وبترامب: "and with Trump").
    for set in [
        &["و", "ف"][..],
        &["بال", "كال", "لل", "ال", "ب", "ل", "ك"][..],
    ] {
        // Keep at least three letters: short words are mostly not names.
        let stripped = set.iter().find_map(|&p| {
            rest.strip_prefix(p)
                .filter(|after| after.chars().count() >= 3)
        });
        if let Some(after) = stripped {
            rest = after;
        }
    }
    rest
}

/// Capitalized and not all capitals: "LORD", "NATO" and "USA" are not written
/// letter for letter in Arabic.
fn is_capitalized(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase)
        && word.chars().count() >= 3
        && chars.any(char::is_lowercase)
}

enum Token<'a> {
    Number(String),
    Word(&'a str, Shape),
    Punct(char),
}

/// What the scan of a word found out on the way, so that [`visit`] need not read
/// the word again: the scan is most of the cost of anchors on a book.
struct Shape {
    /// It holds a `-`.
    hyphen: bool,
    /// It holds a letter of the Arabic script blocks (presentation forms
    /// included).
    arabic: bool,
}

/// A letter of the Arabic script blocks: what makes a word Arabic.
fn is_arabic_script_letter(c: char) -> bool {
    is_arabic_block(c) && is_letter(c)
}

/// Splits text into numbers (with their separators resolved), words (letters,
/// digits, vowel marks, and the `@ # _ . / : - '` inside handles and URLs) and
/// single punctuation characters. Works on the raw text: vowel marks, tatweel and
/// invisible controls stay inside words (skeletons skip them), and Eastern Arabic
/// and Persian digits are read as digits.
fn tokens(text: &str) -> impl Iterator<Item = Token<'_>> {
    let mut rest = text;
    std::iter::from_fn(move || loop {
        let mut chars = rest.chars();
        let c = chars.next()?;
        if c.is_whitespace() || is_inword_invisible(c) {
            rest = chars.as_str();
            continue;
        }
        if digit_value(c).is_some() {
            let (n, used) = number(rest);
            // Cannot panic: `number` returns 0 or the end of a char of `rest`.
            rest = &rest[used..];
            return Some(Token::Number(n));
        }
        if is_letter(c) || c == '@' || c == '#' {
            // Digits after Arabic letters start a number: a proclitic is written
            // onto it (و٢٠١٥ "and 2015"), unlike Latin names with digits (iPhone15).
            let mut prev = c;
            let mut shape = Shape {
                hyphen: false,
                arabic: is_arabic_script_letter(c),
            };
            let bytes = rest.as_bytes();
            let mut k = c.len_utf8();
            // Byte by byte where the text is ASCII (most chars of most words);
            // other chars are decoded one at a time.
            let end = loop {
                let Some(&b) = bytes.get(k) else {
                    break rest.len();
                };
                if b.is_ascii() {
                    // An ASCII word char is a letter or digit, and none is a vowel
                    // mark or tatweel.
                    let ch = char::from(b);
                    if !(ch.is_ascii_alphanumeric() || is_word_inner(ch, rest, k))
                        || (ch.is_ascii_digit() && is_arabic_letter(prev))
                    {
                        break k;
                    }
                    shape.hyphen |= b == b'-';
                    prev = ch;
                    k += 1;
                    continue;
                }
                // `k` is a char boundary: it only moves by whole chars.
                let Some(ch) = rest.get(k..).and_then(|t| t.chars().next()) else {
                    break rest.len();
                };
                if is_arabic_letter(ch) {
                    // The rest of most words: a letter (so a word char, not a
                    // digit); tatweel and U+0670 are letters here but marks below.
                    shape.arabic = true;
                } else if !(is_word_char(ch) || is_word_inner(ch, rest, k))
                    || (digit_value(ch).is_some() && is_arabic_letter(prev))
                {
                    break k;
                } else {
                    shape.arabic |= is_arabic_script_letter(ch);
                }
                if !(is_harakah(ch) || is_tatweel(ch)) {
                    prev = ch;
                }
                k += ch.len_utf8();
            };
            // Cannot panic: `end` is a char boundary of `rest` or its length.
            let (word, after) = rest.split_at(end);
            rest = after;
            return Some(Token::Word(word, shape));
        }
        rest = chars.as_str();
        return Some(Token::Punct(c));
    })
}

fn is_letter(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    if ARABIC_MAIN_BLOCK.contains(&c) {
        // The Arabic block, by hand: vowel marks are Alphabetic in Unicode, and
        // vocalized text has one after nearly every letter.
        return is_arabic_letter(c);
    }
    c.is_alphabetic()
}

fn is_word_char(c: char) -> bool {
    is_letter(c)
        || digit_value(c).is_some()
        || is_harakah(c)
        || is_tatweel(c)
        || is_inword_invisible(c)
}

/// Characters that continue a word when a letter or digit follows: the joints of
/// handles, URLs, e-mail addresses and hyphenated names. `ch` is the char at
/// byte `at` of `text`.
fn is_word_inner(ch: char, text: &str, at: usize) -> bool {
    // Cannot panic or overflow: `tokens`, the only caller, passes `ch` with its
    // `char_indices` position `at`, so `at + ch.len_utf8()` is where the next char
    // of `text` starts, at most `text.len()`.
    matches!(ch, '@' | '#' | '_' | '.' | '/' | ':' | '-' | '\'')
        && text[at + ch.len_utf8()..]
            .chars()
            .next()
            .is_some_and(|c| is_letter(c) || digit_value(c).is_some())
}

/// Reads a number at the start of `text`: digit groups joined by `,` `.` `٬` or
/// `٫`. A `,` or `٬` before exactly three digits separates thousands, as does `.`
/// when it appears more than once ("1.000.000"); otherwise `.` and `٫` mark
/// decimals. Returns the number in ASCII digits with separators resolved, and the
/// bytes read. Reads only as far as the number goes.
fn number(text: &str) -> (String, usize) {
    let mut groups: Vec<String> = vec![String::new()];
    let mut seps: Vec<char> = Vec::new();
    let mut end = 0;
    let mut it = text.char_indices().peekable();
    loop {
        while let Some(d) = it.peek().and_then(|&(_, c)| digit_value(c)) {
            if let (Some(g), Some((k, c))) = (groups.last_mut(), it.next()) {
                // Cannot overflow: a digit value is at most 9.
                g.push(char::from(b'0' + d));
                end = k + c.len_utf8();
            }
        }
        match it.peek() {
            Some(&(k, sep)) if matches!(sep, ',' | '.' | '٬' | '٫') => {
                // Cannot panic: `k` is where `sep` starts in `text` (`char_indices`).
                let next = text[k + sep.len_utf8()..].chars().next();
                if next.and_then(digit_value).is_none() {
                    break;
                }
                it.next();
                seps.push(sep);
                groups.push(String::new());
            }
            _ => break,
        }
    }
    let dots = seps.iter().filter(|&&s| s == '.').count();
    let mut out = String::new();
    for (g, group) in groups.iter().enumerate() {
        if let Some(&sep) = g.checked_sub(1).and_then(|k| seps.get(k)) {
            let thousands = group.len() == 3
                && match sep {
                    ',' | '٬' => true,
                    '.' => dots > 1,
                    _ => false,
                };
            if !thousands {
                out.push('.');
            }
        }
        out.push_str(group);
    }
    (out, end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchors_without_names_or_latin_are_the_others() {
        for (text, lang) in [
            (
                "وقال دونالد ترامب في واشنطن إن 2024 كان عاماً صعباً؟ «نعم» (Reuters)",
                Lang::Arabic,
            ),
            ("بيونغ يانغ والسيد Kim Jong Un، 3.5 مليون!", Lang::Arabic),
            (
                "Then Donald Trump said in Washington: \"No!\" (1,250 people)",
                Lang::English,
            ),
        ] {
            let all = extract_anchors(text, lang);
            assert!(all.iter().any(|a| a.kind == AnchorKind::Name), "{text}");
            let others: Vec<Anchor> = all
                .into_iter()
                .filter(|a| a.kind != AnchorKind::Name)
                .collect();
            assert_eq!(collect_anchors(text, lang, false, true), others);
            let no_latin: Vec<Anchor> = extract_anchors(text, lang)
                .into_iter()
                .filter(|a| a.kind != AnchorKind::Latin)
                .collect();
            assert!(no_latin.len() < extract_anchors(text, lang).len(), "{text}");
            assert_eq!(collect_anchors(text, lang, true, false), no_latin);
        }
    }

    fn keys(text: &str, lang: Lang, kind: AnchorKind) -> Vec<String> {
        extract_anchors(text, lang)
            .into_iter()
            .filter(|a| a.kind == kind)
            .map(|a| a.key)
            .collect()
    }

    /// Arabic in presentation forms (as PDF scrapes have it) and letters of the
    /// Arabic block beyond the basic range are Arabic, not Latin anchors.
    #[test]
    fn arabic_presentation_forms_are_not_latin() {
        for text in ["ﺗﺮﺍﻣﺐ قال", "ۮۯ ە"] {
            assert_eq!(
                keys(text, Lang::Arabic, AnchorKind::Latin),
                Vec::<String>::new()
            );
        }
        assert_eq!(
            keys("قال Trump", Lang::Arabic, AnchorKind::Latin),
            ["trump"]
        );
    }

    #[test]
    fn numbers_in_every_notation_agree() {
        for (text, lang) in [
            ("It cost 1,000 dollars.", Lang::English),
            ("كلف ١٬٠٠٠ دولار.", Lang::Arabic),
            ("كلف ۱۰۰۰ دولار.", Lang::Arabic),
            ("Es kostete 1.000.000.", Lang::English),
        ] {
            let k = keys(text, lang, AnchorKind::Number);
            assert_eq!(k.len(), 1, "{text}: {k:?}");
            assert!(k[0] == "1000" || k[0] == "1000000", "{text}: {k:?}");
        }
        assert_eq!(
            keys("Growth was 3.5%.", Lang::English, AnchorKind::Number),
            ["3.5"]
        );
        assert_eq!(keys("نما ٣٫٥٪.", Lang::Arabic, AnchorKind::Number), ["3.5"]);
        assert_eq!(
            keys("In 2019, 12 people.", Lang::English, AnchorKind::Number),
            ["2019", "12"]
        );
    }

    #[test]
    fn latin_tokens_inside_arabic() {
        let k = keys(
            "أعلنت Apple عن iPhone جديد على www.apple.com اليوم",
            Lang::Arabic,
            AnchorKind::Latin,
        );
        assert_eq!(k, ["apple", "iphone", "www.apple.com"]);
    }

    #[test]
    fn sentence_initial_capitals_are_not_names() {
        let k = keys(
            "Yesterday Merkel met Macron.",
            Lang::English,
            AnchorKind::Name,
        );
        assert_eq!(
            k,
            [
                name_skeleton("Merkel").unwrap(),
                name_skeleton("Macron").unwrap()
            ]
        );
    }

    #[test]
    fn arabic_proclitics_and_two_word_names() {
        let k = keys("وبترامب", Lang::Arabic, AnchorKind::Name);
        assert!(k.contains(&"TRMB".to_string()), "{k:?}");
        let k = keys("زار بيونغ يانغ", Lang::Arabic, AnchorKind::Name);
        assert!(k.contains(&name_skeleton("Pyongyang").unwrap()), "{k:?}");
    }

    #[test]
    fn cheap_invisibles_are_invisible() {
        for c in ('\u{0}'..='\u{FFFF}').filter(|&c| is_inword_invisible(c)) {
            assert!(crate::chars::is_invisible(c), "{:04X}", c as u32);
        }
    }

    #[test]
    fn no_anchors_in_plain_words() {
        assert!(extract_anchors("", Lang::English).is_empty());
        assert!(keys("the cat sat", Lang::English, AnchorKind::Name).is_empty());
    }
}
