//! Step 5, naming: the language of a script run, from English function words
//! and whatlang's verdict on a bounded sample.

use super::script::{script_of, Script};
use super::RunDetector;
use crate::lang::Lang;
use crate::normalize::Normalizer;

impl RunDetector {
    /// Step 5: the language of one script run.
    pub(super) fn name(&self, text: &str, script: Script, start: usize, end: usize) -> Lang {
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
        // one language (mixed-script text is where it goes wrong). The cheap
        // verdicts are read off the kept words in one pass; the sample itself is
        // only built when whatlang is asked: on a page of short lines almost no
        // run needs it.
        let mut letters = 0usize;
        let mut prose = Prose::default();
        let mut may_fold = false;
        for (word, own) in kept_words(raw, script) {
            letters += own;
            match script {
                Script::Latin => prose.add(word),
                _ => may_fold = may_fold || may_fold_to_persian_or_urdu(word),
            }
        }
        let sample = || {
            let mut sample = String::with_capacity(raw.len());
            for (word, _) in kept_words(raw, script) {
                sample.push_str(word);
                sample.push(' ');
            }
            sample
        };
        match script {
            Script::Latin => {
                if letters < self.min_detect_letters || prose.is_english() {
                    return Lang::English;
                }
                match whatlang::detect(&sample()) {
                    Some(info) if info.is_reliable() && info.lang() != whatlang::Lang::Eng => {
                        Lang::OtherLatin
                    }
                    _ => Lang::English,
                }
            }
            Script::Arabic => {
                if letters < self.min_detect_letters || !may_fold {
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
                    .normalize(&sample())
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

/// The whitespace-separated words of `raw` without a letter of a script other
/// than `script`, each with its number of letters.
fn kept_words(raw: &str, script: Script) -> impl Iterator<Item = (&str, usize)> {
    raw.split_whitespace().filter_map(move |word| {
        // The word's letters, or `None` when it has one of another script.
        let own = word.chars().try_fold(0usize, |n, c| match script_of(c) {
            Some(s) if s != script => None,
            // Cannot overflow: at most one letter per byte of the sample.
            Some(_) => Some(n + 1),
            None => Some(n),
        })?;
        Some((word, own))
    })
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
/// run is named English without asking whatlang, which scores every Latin
/// language's trigram profile whatever the sample's length and so dominated the
/// time of pages with many short runs. Another language quoting an English
/// title ("The Lord of the Rings") in a long sentence stays under an eighth.
/// Most English lines of the development pages pass (docs/DESIGN.md gives the
/// shares); the others go to whatlang.
#[derive(Default)]
struct Prose {
    /// Words with a letter.
    words: usize,
    /// Of which English function words.
    hits: usize,
}

impl Prose {
    /// Counts one word of the sample (no whitespace in it).
    fn add(&mut self, word: &str) {
        let word = word.trim_matches(|c: char| !c.is_alphabetic());
        if word.is_empty() {
            return;
        }
        // Cannot overflow: at most one word per byte of the sample.
        self.words += 1;
        // The longest listed words have 7 letters; longer ones are not looked up.
        let mut lower = [0u8; 7];
        if let Some(buf) = lower.get_mut(..word.len()) {
            buf.copy_from_slice(word.as_bytes());
            buf.make_ascii_lowercase();
            self.hits += usize::from(is_english_only(buf));
        }
    }

    /// The verdict on the words counted.
    fn is_english(&self) -> bool {
        self.hits >= 2 && self.hits.saturating_mul(8) >= self.words
    }
}

/// [`Prose`] on a whole sample.
#[cfg(test)]
fn is_english_prose(sample: &str) -> bool {
    let mut prose = Prose::default();
    sample.split_whitespace().for_each(|w| prose.add(w));
    prose.is_english()
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
    use super::super::tests::runs_of;
    use super::*;

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
}
