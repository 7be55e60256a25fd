//! Normalization for measuring and matching text (never for output).
//!
//! The contract is documented on `Normalizer`.

use std::borrow::Cow;

use unicode_normalization::{is_nfc, is_nfkc, UnicodeNormalization};

use crate::chars::{
    counts_for_length, digit_value, is_harakah, is_invisible, is_space_separator, is_tatweel,
};

/// The length the aligner measures a sentence by: Unicode scalar values, after
/// removing whitespace, Arabic harakat, tatweel and invisible format characters.
///
/// Vowel marks are removed because they are optional in Arabic: the same verse is
/// 0.98 times its English length with full marks and 0.59 without, and a length
/// model should not depend on the typesetter.
///
/// ```
/// use bitext::measure_len;
/// assert_eq!(measure_len("Hello, world."), 12);
/// assert_eq!(measure_len("كَتَبَ"), 3);          // kataba: 3 letters, 3 fathas
/// assert_eq!(measure_len("\u{200F}كـتب "), 3);   // RLM, tatweel and space dropped
/// assert_eq!(measure_len(""), 0);
/// ```
pub fn measure_len(text: &str) -> usize {
    text.chars().filter(|&c| counts_for_length(c)).count()
}

/// Folds text for matching: Unicode normalization, invisible characters, spaces,
/// Arabic letter variants, vowel marks, digits and (optionally) case.
///
/// Every switch is independent and has a builder setter; the defaults suit
/// matching scraped news text. The output is for comparison only: it has a
/// different length from the input, so never take spans from it.
///
/// ```
/// use bitext::Normalizer;
/// let n = Normalizer::new();
/// // Persian keheh and yeh, tatweel, harakat and Eastern Arabic digits:
/// assert_eq!(n.normalize("کـتـابٌ ی ١٢٣٫٥"), "كتاب ي 123.5");
/// // Text that needs no change is returned borrowed.
/// assert!(matches!(n.normalize("plain text"), std::borrow::Cow::Borrowed(_)));
/// ```
///
/// Everything here reads the caller's text and produces either a number or a new
/// string used only for comparison; spans reported by the crate always point
/// into the original text.
///
/// [`Normalizer`] folds the spelling variation that scraped Arabic and English
/// pages carry (presentation forms from PDFs, Persian letter shapes in Arabic
/// news, vowel marks, Eastern digits, invisible bidi controls) so that two
/// spellings of the same word compare equal.
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq)]
pub struct Normalizer {
    nfc: bool,
    nfkc: bool,
    remove_invisible: bool,
    fold_whitespace: bool,
    fold_alef: bool,
    fold_yeh: bool,
    fold_keheh: bool,
    fold_teh_marbuta: bool,
    remove_tatweel: bool,
    remove_harakat: bool,
    fold_digits: bool,
    lowercase: bool,
}

impl Default for Normalizer {
    fn default() -> Self {
        Normalizer {
            nfc: true,
            nfkc: false,
            remove_invisible: true,
            fold_whitespace: true,
            fold_alef: true,
            fold_yeh: true,
            fold_keheh: true,
            fold_teh_marbuta: true,
            remove_tatweel: true,
            remove_harakat: true,
            fold_digits: true,
            lowercase: false,
        }
    }
}

/// What the per-character pass does with one character.
enum Fold {
    /// Leave it as it is.
    Keep,
    /// Drop it.
    Remove,
    /// Replace it with another character.
    To(char),
    /// Replace it with its lowercase mapping (possibly several characters).
    Lower,
}

impl Normalizer {
    /// The default settings (same as [`Normalizer::default`]).
    pub fn new() -> Self {
        Self::default()
    }

    /// Canonical composition (NFC), so that precomposed and decomposed
    /// spellings compare equal. Ignored when [`Normalizer::nfkc`] is on, which
    /// composes as well.
    ///
    /// Default: on.
    /// ```
    /// use bitext::Normalizer;
    /// assert_eq!(Normalizer::new().normalize("e\u{301}"), "\u{e9}");
    /// assert_eq!(Normalizer::new().nfc(false).normalize("e\u{301}"), "e\u{301}");
    /// ```
    pub fn nfc(mut self, on: bool) -> Self {
        self.nfc = on;
        self
    }

    /// Compatibility normalization (NFKC): also folds presentation forms
    /// (U+FB50–U+FEFF, as text extracted from PDFs carries), ligatures,
    /// full-width letters and similar look-alikes to their base characters.
    ///
    /// Default: off.
    /// ```
    /// use bitext::Normalizer;
    /// // ARABIC LETTER BEH ISOLATED FORM, LAM WITH ALEF LIGATURE
    /// assert_eq!(Normalizer::new().nfkc(true).normalize("\u{FE8F}\u{FEFB}"), "بلا");
    /// assert_eq!(Normalizer::new().normalize("\u{FE8F}"), "\u{FE8F}");
    /// ```
    pub fn nfkc(mut self, on: bool) -> Self {
        self.nfkc = on;
        self
    }

    /// Removes the characters [`is_invisible`] accepts: bidi controls,
    /// zero-width characters, BOM, soft hyphen.
    ///
    /// Default: on.
    /// ```
    /// use bitext::Normalizer;
    /// assert_eq!(Normalizer::new().normalize("\u{200F}نص\u{200B}"), "نص");
    /// assert_eq!(Normalizer::new().remove_invisible(false).normalize("a\u{200B}"), "a\u{200B}");
    /// ```
    pub fn remove_invisible(mut self, on: bool) -> Self {
        self.remove_invisible = on;
        self
    }

    /// Turns NBSP and the other Unicode space separators (category Zs) into
    /// an ASCII space. Tabs and line breaks are kept.
    ///
    /// Default: on.
    /// ```
    /// use bitext::Normalizer;
    /// assert_eq!(Normalizer::new().normalize("a\u{A0}b\u{2009}c"), "a b c");
    /// assert_eq!(Normalizer::new().fold_whitespace(false).normalize("a\u{A0}b"), "a\u{A0}b");
    /// ```
    pub fn fold_whitespace(mut self, on: bool) -> Self {
        self.fold_whitespace = on;
        self
    }

    /// Folds the hamza and madda alef forms أ إ آ and alef wasla ٱ to bare
    /// alef ا, since web Arabic writes them inconsistently.
    ///
    /// Default: on.
    /// ```
    /// use bitext::Normalizer;
    /// assert_eq!(Normalizer::new().normalize("أإآٱ"), "اااا");
    /// assert_eq!(Normalizer::new().fold_alef(false).normalize("أ"), "أ");
    /// ```
    pub fn fold_alef(mut self, on: bool) -> Self {
        self.fold_alef = on;
        self
    }

    /// Folds alef maksura ى and Farsi yeh ی (U+06CC) to Arabic yeh ي.
    ///
    /// Default: on.
    /// ```
    /// use bitext::Normalizer;
    /// assert_eq!(Normalizer::new().normalize("علی على"), "علي علي");
    /// assert_eq!(Normalizer::new().fold_yeh(false).normalize("ی"), "ی");
    /// ```
    pub fn fold_yeh(mut self, on: bool) -> Self {
        self.fold_yeh = on;
        self
    }

    /// Folds keheh ک (U+06A9), the Persian kaf shape, to Arabic kaf ك.
    ///
    /// Default: on.
    /// ```
    /// use bitext::Normalizer;
    /// assert_eq!(Normalizer::new().normalize("کیم"), "كيم");
    /// assert_eq!(Normalizer::new().fold_keheh(false).normalize("ک"), "ک");
    /// ```
    pub fn fold_keheh(mut self, on: bool) -> Self {
        self.fold_keheh = on;
        self
    }

    /// Folds teh marbuta ة to heh ه (the two are often swapped at word ends).
    ///
    /// Default: on.
    /// ```
    /// use bitext::Normalizer;
    /// assert_eq!(Normalizer::new().normalize("مدرسة"), "مدرسه");
    /// assert_eq!(Normalizer::new().fold_teh_marbuta(false).normalize("ة"), "ة");
    /// ```
    pub fn fold_teh_marbuta(mut self, on: bool) -> Self {
        self.fold_teh_marbuta = on;
        self
    }

    /// Removes tatweel (U+0640), see [`is_tatweel`].
    ///
    /// Default: on.
    /// ```
    /// use bitext::Normalizer;
    /// assert_eq!(Normalizer::new().normalize("كـتـب"), "كتب");
    /// assert_eq!(Normalizer::new().remove_tatweel(false).normalize("كـ"), "كـ");
    /// ```
    pub fn remove_tatweel(mut self, on: bool) -> Self {
        self.remove_tatweel = on;
        self
    }

    /// Removes harakat and Quranic marks, see [`is_harakah`].
    ///
    /// Default: on.
    /// ```
    /// use bitext::Normalizer;
    /// assert_eq!(Normalizer::new().normalize("كَتَبَ"), "كتب");
    /// assert_eq!(Normalizer::new().remove_harakat(false).normalize("كَ"), "كَ");
    /// ```
    pub fn remove_harakat(mut self, on: bool) -> Self {
        self.remove_harakat = on;
        self
    }

    /// Folds Eastern Arabic (U+0660–U+0669) and Persian (U+06F0–U+06F9) digits
    /// to ASCII, the Arabic decimal separator ٫ to `.` and the Arabic thousands
    /// separator ٬ to `,`.
    ///
    /// Default: on.
    /// ```
    /// use bitext::Normalizer;
    /// assert_eq!(Normalizer::new().normalize("١٬٠٠٠٫٥ ۲۰۲۴"), "1,000.5 2024");
    /// assert_eq!(Normalizer::new().fold_digits(false).normalize("١"), "١");
    /// ```
    pub fn fold_digits(mut self, on: bool) -> Self {
        self.fold_digits = on;
        self
    }

    /// Lowercases (full Unicode lowercase mapping).
    ///
    /// Default: off.
    /// ```
    /// use bitext::Normalizer;
    /// assert_eq!(Normalizer::new().normalize("Kim"), "Kim");
    /// assert_eq!(Normalizer::new().lowercase(true).normalize("Kim ÉTÉ"), "kim été");
    /// ```
    pub fn lowercase(mut self, on: bool) -> Self {
        self.lowercase = on;
        self
    }

    /// What the per-character pass does with `c` under these settings.
    #[inline]
    fn fold(&self, c: char) -> Fold {
        if c.is_ascii() {
            // Fast path: in ASCII only controls and upper case can change.
            if self.remove_invisible && is_invisible(c) {
                return Fold::Remove;
            }
            if self.lowercase && c.is_ascii_uppercase() {
                return Fold::To(c.to_ascii_lowercase());
            }
            return Fold::Keep;
        }
        match c {
            '\u{0623}' | '\u{0625}' | '\u{0622}' | '\u{0671}' if self.fold_alef => {
                Fold::To('\u{0627}')
            }
            '\u{0649}' | '\u{06CC}' if self.fold_yeh => Fold::To('\u{064A}'),
            '\u{06A9}' if self.fold_keheh => Fold::To('\u{0643}'),
            '\u{0629}' if self.fold_teh_marbuta => Fold::To('\u{0647}'),
            // Eastern Arabic and Persian digits (ASCII ones are already ASCII).
            _ if self.fold_digits && !c.is_ascii() && digit_value(c).is_some() => {
                Fold::To(char::from(b'0' + digit_value(c).unwrap_or(0)))
            }
            '\u{066B}' if self.fold_digits => Fold::To('.'),
            '\u{066C}' if self.fold_digits => Fold::To(','),
            _ if self.remove_tatweel && is_tatweel(c) => Fold::Remove,
            _ if self.remove_harakat && is_harakah(c) => Fold::Remove,
            _ if self.remove_invisible && is_invisible(c) => Fold::Remove,
            _ if self.fold_whitespace && is_space_separator(c) => Fold::To(' '),
            // `to_lowercase` of a char that is already lowercase yields exactly it.
            _ if self.lowercase && c.to_lowercase().ne(std::iter::once(c)) => Fold::Lower,
            _ => Fold::Keep,
        }
    }

    /// The folded form of `text` under these settings: composition first (NFKC
    /// or NFC), then the per-character folds.
    ///
    /// Returns the input borrowed when nothing would change; that check is one
    /// pass over the characters plus the normalization quick check, and a
    /// changed text is folded from its first changed character on.
    ///
    /// ```
    /// use bitext::Normalizer;
    /// let n = Normalizer::new();
    /// assert_eq!(n.normalize("إِنَّ الكِتَابَ ١٢"), "ان الكتاب 12");
    /// assert_eq!(n.normalize(""), "");
    /// ```
    pub fn normalize<'a>(&self, text: &'a str) -> Cow<'a, str> {
        let composed: Cow<'a, str> = if self.nfkc {
            if is_nfkc(text) {
                Cow::Borrowed(text)
            } else {
                Cow::Owned(text.nfkc().collect())
            }
        } else if self.nfc && !is_nfc(text) {
            Cow::Owned(text.nfc().collect())
        } else {
            Cow::Borrowed(text)
        };
        // The unchanged prefix is copied as it is; the per-character pass starts
        // at the first character that changes.
        let Some(first) = composed
            .char_indices()
            .find(|&(_, c)| !matches!(self.fold(c), Fold::Keep))
            .map(|(i, _)| i)
        else {
            return composed;
        };
        // Cannot panic: `first` is where a char starts.
        let (kept, rest) = composed.split_at(first);
        let mut out = String::with_capacity(composed.len());
        out.push_str(kept);
        out.extend(self.folded(rest));
        Cow::Owned(out)
    }

    /// The characters of `text` after the per-character pass of
    /// [`Normalizer::normalize`] (composition left out), without allocating: for
    /// comparing short texts letter by letter as normalized.
    pub(crate) fn folded<'a>(&'a self, text: &'a str) -> impl Iterator<Item = char> + 'a {
        text.chars().flat_map(move |c| {
            let (one, lower) = match self.fold(c) {
                Fold::Keep => (Some(c), None),
                Fold::Remove => (None, None),
                Fold::To(d) => (Some(d), None),
                Fold::Lower => (None, Some(c.to_lowercase())),
            };
            one.into_iter().chain(lower.into_iter().flatten())
        })
    }
}

/// [`Normalizer::normalize`] with the default settings.
///
/// ```
/// use bitext::normalize;
/// // Persian letter forms, tatweel, vowel marks and Eastern digits:
/// assert_eq!(normalize("کـتـابُ علی ۲۰۲۴"), "كتاب علي 2024");
/// assert_eq!(normalize("The text"), "The text");
/// ```
pub fn normalize(text: &str) -> Cow<'_, str> {
    Normalizer::default().normalize(text)
}

#[cfg(test)]
mod normalizer_tests {
    use super::*;

    fn n() -> Normalizer {
        Normalizer::new()
    }

    #[test]
    fn nfc_switch() {
        assert_eq!(n().normalize("a\u{0301}"), "\u{e1}");
        assert_eq!(n().nfc(false).normalize("a\u{0301}"), "a\u{0301}");
        // Arabic alef + hamza above composes to U+0623, then folds to bare alef.
        assert_eq!(n().normalize("\u{0627}\u{0654}"), "\u{0627}");
        assert_eq!(
            n().fold_alef(false).normalize("\u{0627}\u{0654}"),
            "\u{0623}"
        );
    }

    #[test]
    fn nfkc_switch() {
        let pdf = "\u{FEB3}\u{FEFC}\u{FEE1}"; // seen initial, lam-alef final, meem isolated
        assert_eq!(n().nfkc(true).normalize(pdf), "سلام");
        assert_eq!(n().normalize(pdf), pdf);
        assert_eq!(n().nfkc(true).normalize("\u{FB01}le"), "file");
        assert_eq!(n().nfkc(true).normalize("\u{A0}"), " ");
    }

    #[test]
    fn invisible_switch() {
        assert_eq!(n().normalize("\u{202B}abc\u{202C}\u{FEFF}"), "abc");
        assert_eq!(
            n().remove_invisible(false).normalize("\u{200D}"),
            "\u{200D}"
        );
    }

    #[test]
    fn whitespace_switch() {
        assert_eq!(n().normalize("a\u{A0}\u{202F}\u{3000}b\tc\n"), "a   b\tc\n");
        assert_eq!(n().fold_whitespace(false).normalize("\u{3000}"), "\u{3000}");
    }

    #[test]
    fn arabic_letter_switches() {
        assert_eq!(n().normalize("أإآٱ ىی ک ة"), "اااا يي ك ه");
        assert_eq!(n().fold_alef(false).normalize("أإآٱ"), "أإآٱ");
        assert_eq!(n().fold_yeh(false).normalize("ىی"), "ىی");
        assert_eq!(n().fold_keheh(false).normalize("ک"), "ک");
        assert_eq!(n().fold_teh_marbuta(false).normalize("ة"), "ة");
    }

    #[test]
    fn tatweel_and_harakat_switches() {
        assert_eq!(n().normalize("عـــربيّ"), "عربي");
        assert_eq!(n().remove_tatweel(false).normalize("عـربي"), "عـربي");
        assert_eq!(n().remove_harakat(false).normalize("عَ"), "عَ");
        assert_eq!(
            n().remove_harakat(false)
                .remove_tatweel(false)
                .normalize("عَـ"),
            "عَـ"
        );
    }

    #[test]
    fn digit_switch() {
        assert_eq!(
            n().normalize("٠١٢٣٤٥٦٧٨٩ ۰۱۲۳۴۵۶۷۸۹ ٣٫١٤ ١٬٠٠٠"),
            "0123456789 0123456789 3.14 1,000"
        );
        assert_eq!(n().fold_digits(false).normalize("٣٫١٤"), "٣٫١٤");
    }

    #[test]
    fn lowercase_switch() {
        assert_eq!(n().normalize("ABC"), "ABC");
        assert_eq!(n().lowercase(true).normalize("ABC Ñ"), "abc ñ");
        // Full mapping: one character can become two.
        assert_eq!(
            n().lowercase(true).nfc(false).normalize("\u{130}"),
            "i\u{307}"
        );
    }

    #[test]
    fn borrowed_when_unchanged() {
        assert!(matches!(
            n().normalize("already plain كتب 12"),
            Cow::Borrowed(_)
        ));
        assert!(matches!(n().normalize("كَتب"), Cow::Owned(_)));
        let all_off = n()
            .nfc(false)
            .remove_invisible(false)
            .fold_whitespace(false)
            .fold_alef(false)
            .fold_yeh(false)
            .fold_keheh(false)
            .fold_teh_marbuta(false)
            .remove_tatweel(false)
            .remove_harakat(false)
            .fold_digits(false);
        let messy = "\u{200F}أ\u{A0}ـَ١ی";
        assert_eq!(all_off.normalize(messy), messy);
        assert!(matches!(all_off.normalize(messy), Cow::Borrowed(_)));
    }

    #[test]
    fn defaults() {
        assert_eq!(Normalizer::new(), Normalizer::default());
        assert_eq!(normalize("کـتـابُ"), "كتاب");
    }
}
