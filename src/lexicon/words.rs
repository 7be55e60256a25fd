//! Word forms as the lexicon knows them: English lower-cased and stemmed with
//! Snowball English, Arabic folded by the crate's [`Normalizer`] and stripped of
//! clitics and affixes by a light stemmer, function words of both languages left
//! out (they translate into grammar, not into words, and would match everywhere).

use std::collections::HashSet;

use rust_stemmers::{Algorithm, Stemmer};

use super::ids::IdMap;
use crate::normalize::Normalizer;

/// English function words: frequent everywhere, translated by morphology or not
/// at all, so a match of one says nothing about which sentence it came from.
const EN_STOP: &[&str] = &[
    "a", "about", "after", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be",
    "been", "but", "by", "can", "could", "did", "do", "does", "for", "from", "had", "has", "have",
    "he", "her", "hers", "him", "his", "i", "if", "in", "into", "is", "it", "its", "me", "my",
    "no", "not", "of", "on", "or", "our", "she", "should", "so", "than", "that", "the", "their",
    "them", "then", "there", "these", "they", "this", "those", "to", "too", "upon", "us", "was",
    "we", "were", "what", "when", "which", "who", "whom", "will", "with", "would", "you", "your",
    "shall", "unto", "thee", "thou", "thy", "ye",
];

/// Arabic function words, in ordinary spelling: `Words` folds them with the
/// normalizer the text goes through, so that a word and its list entry compare
/// in one spelling (على and الى end in alef maksura, which the text's words
/// reach as yeh).
const AR_STOP: &[&str] = &[
    "في",
    "من",
    "على",
    "الى",
    "عن",
    "ان",
    "او",
    "ما",
    "لا",
    "لم",
    "لن",
    "قد",
    "ثم",
    "هو",
    "هي",
    "هم",
    "هذا",
    "هذه",
    "ذلك",
    "تلك",
    "التي",
    "الذي",
    "الذين",
    "كان",
    "كانت",
    "مع",
    "كل",
    "بين",
    "عند",
    "حتى",
    "اذا",
    "انه",
    "انها",
    "الا",
    "بل",
    "غير",
    "بعد",
    "قبل",
    "منه",
    "منها",
    "عليه",
    "عليها",
    "له",
    "لها",
    "به",
    "بها",
    "فيه",
    "فيها",
    "انا",
    "نحن",
    "انت",
    "وقد",
    "وهو",
    "وهي",
    "وكان",
    "فقد",
    "لقد",
    "يا",
    "و",
    "ف",
    "ب",
    "ل",
    "ك",
];

/// Prefixes stripped from an Arabic word, longest first: the conjunction and
/// prepositions fused with the article, then the article alone (light10's list).
const AR_ARTICLES: &[&str] = &["وال", "بال", "كال", "فال", "لل", "ال"];

/// Suffixes stripped from an Arabic word, longest first: pronoun suffixes, then
/// light10's dual, plural, feminine and possessive endings (teh marbuta is already
/// folded into heh).
const AR_SUFFIXES: &[&str] = &[
    "هما", "كما", "هم", "هن", "كم", "نا", "ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي",
];

/// Turns text into the lexicon's word forms.
pub(crate) struct Words {
    stemmer: Stemmer,
    normalizer: Normalizer,
    /// [`AR_STOP`] as the normalizer spells it.
    ar_stop: HashSet<String>,
}

impl Default for Words {
    fn default() -> Self {
        let normalizer = Normalizer::new();
        let ar_stop = AR_STOP
            .iter()
            .map(|w| normalizer.normalize(w).into_owned())
            .collect();
        Words {
            stemmer: Stemmer::create(Algorithm::English),
            normalizer,
            ar_stop,
        }
    }
}

impl Words {
    /// The English content words of `text`, each as its stem.
    pub(crate) fn english(&self, text: &str, out: &mut Vec<String>) {
        for word in text
            .split(|c: char| !c.is_alphabetic())
            .filter(|w| w.chars().count() >= 2)
        {
            let lower = word.to_lowercase();
            if EN_STOP.contains(&lower.as_str()) {
                continue;
            }
            out.push(self.stemmer.stem(&lower).into_owned());
        }
    }

    /// The Arabic content words of `text`, each as its light stem.
    pub(crate) fn arabic(&self, text: &str, out: &mut Vec<String>) {
        let folded = self.normalizer.normalize(text);
        for word in folded
            .split(|c: char| !is_arabic_letter(c))
            .filter(|w| !w.is_empty())
        {
            if self.ar_stop.contains(word) {
                continue;
            }
            let stem = arabic_stem(word);
            if stem.chars().count() >= 2 {
                out.push(stem.to_string());
            }
        }
    }

    /// The stems of one side of a text, interned: each distinct word form is
    /// stemmed once and looked up in `known` once; words it does not hold are
    /// left out. Returns the ids of each sentence, one list per sentence.
    ///
    /// Word forms are remembered by a keyed 64-bit hash, not by their text: a
    /// book has a million words and tens of thousands of forms, and comparing
    /// each word with a stored copy would cost a cache miss a word. Two forms
    /// of one input share a hash with a probability of about 10⁻¹⁰, and the
    /// key is drawn per call, so a page cannot be written to collide (nor, the
    /// hashes being random, to crowd the map's buckets).
    pub(crate) fn ids_of<S: AsRef<str>>(
        &self,
        sentences: &[S],
        arabic: bool,
        known: &mut dyn FnMut(&str) -> Option<u32>,
    ) -> Vec<Vec<u32>> {
        let keys = ahash::RandomState::new();
        let mut cache: IdMap<u64, Option<u32>> = IdMap::default();
        let mut stems = Vec::new();
        let mut out = Vec::with_capacity(sentences.len());
        // Each sentence's ids are gathered here and kept in a list of their
        // exact length: one allocation a sentence, not one per doubling.
        let mut ids = Vec::new();
        for s in sentences {
            ids.clear();
            for word in s.as_ref().split_whitespace() {
                let id = *cache.entry(keys.hash_one(word)).or_insert_with(|| {
                    stems.clear();
                    if arabic {
                        self.arabic(word, &mut stems);
                    } else {
                        self.english(word, &mut stems);
                    }
                    // A whitespace token may hold two words ("well-known");
                    // the first content word speaks for it.
                    stems.first().and_then(|w| known(w))
                });
                ids.extend(id);
            }
            out.push(ids.clone());
        }
        out
    }
}

/// Letters of the Arabic script (the normalizer has removed the marks).
fn is_arabic_letter(c: char) -> bool {
    matches!(c, '\u{0621}'..='\u{064A}' | '\u{066E}'..='\u{06D3}' | '\u{06FA}'..='\u{06FF}')
}

/// A light10-style stem of a normalized Arabic word: the conjunction wa- (on
/// words of four letters or more), the article with its fused prepositions bi-,
/// ka-, fa-, li-, then suffixes while two letters remain. A preposition without
/// the article stays: too many stems begin with the same letters (كتاب, بيت).
pub(crate) fn arabic_stem(word: &str) -> &str {
    let len = |w: &str| w.chars().count();
    let mut w = word;
    if len(w) >= 4 {
        if let Some(rest) = w.strip_prefix('و') {
            w = rest;
        }
    }
    for p in AR_ARTICLES {
        if let Some(rest) = w.strip_prefix(p) {
            if len(rest) >= 2 {
                w = rest;
                break;
            }
        }
    }
    for s in AR_SUFFIXES {
        if len(w) > len(s) + 1 {
            if let Some(rest) = w.strip_suffix(s) {
                w = rest;
            }
        }
    }
    w
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_fold_inflection_and_clitics() {
        let words = Words::default();
        let mut en = Vec::new();
        words.english("The senses of hearing, sight and smell.", &mut en);
        assert_eq!(en, ["sens", "hear", "sight", "smell"]);
        let mut ar = Vec::new();
        words.arabic("حواسه من السمع والبصر والشمّ", &mut ar);
        assert_eq!(ar, ["حواس", "سمع", "بصر", "شم"]);
        assert_eq!(arabic_stem("بالكتاب"), "كتاب");
        assert_eq!(arabic_stem("كتابهم"), "كتاب");
    }

    #[test]
    fn function_words_ending_in_alef_maksura_are_left_out() {
        // The normalizer spells على, الى and حتى with yeh; the list is folded the
        // same way, so they are function words whichever letter the text uses.
        let words = Words::default();
        for text in [
            "ذهب الى السوق على قدميه حتى المساء",
            "ذهب إلي السوق علي قدميه حتي المساء",
        ] {
            let mut ar = Vec::new();
            words.arabic(text, &mut ar);
            assert_eq!(ar, ["ذهب", "سوق", "قدم", "مساء"], "{text}");
        }
    }
}
