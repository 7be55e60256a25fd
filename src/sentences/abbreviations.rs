//! Abbreviations: the built-in lists, the classes they fall in, and the
//! capitalised words that usually open a sentence.

use crate::chars::{is_arabic_alphabetic, is_latin_letter};

/// Longest word (in `char`s) examined as a possible abbreviation; longer words
/// are never abbreviations, and the bound keeps look-behind constant-time.
pub(super) const MAX_ABBREVIATION_CHARS: usize = 32;

#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Abbreviation {
    /// Not an abbreviation.
    No,
    /// Never ends a sentence (titles, `e.g.`, user-added).
    Prefix,
    /// Also an ordinary word; only a following digit keeps it from ending one.
    WordLike,
    /// May end a sentence; only does before an opener or Arabic.
    MayEnd,
}

pub(super) fn classify(word: &str, extra: &[String]) -> Abbreviation {
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
    if word.chars().all(|c| c == '.' || is_arabic_alphabetic(c)) {
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
pub(super) const OPENERS: &[&str] = &[
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

#[cfg(test)]
mod tests {
    use super::super::tests::{ar, en, with};
    use super::super::SentenceSplitter;
    use crate::lang::Lang;

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
}
