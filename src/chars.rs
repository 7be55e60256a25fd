//! Every character class the crate uses, each defined once: which code points
//! it holds and why. Runs, sentences, anchors, normalization, units and the
//! writers all ask here, so that two stages never disagree on what a line break
//! or an Arabic letter is.
//!
//! Classes that answer on every character of a page have an ASCII or
//! Arabic-block fast path before any Unicode table lookup; the fast paths give
//! the same answers as the tables (tests below).

use std::ops::RangeInclusive;

use unicode_bidi::{bidi_class, BidiClass};

// ---- Digits --------------------------------------------------------------

/// The value of an ASCII, Eastern Arabic (U+0660–U+0669) or Persian
/// (U+06F0–U+06F9) digit: the three digit sets of English and Arabic pages.
pub(crate) fn digit_value(c: char) -> Option<u8> {
    // Cannot overflow or truncate: each arm matches ten code points from its zero.
    match c {
        '0'..='9' => Some(c as u8 - b'0'),
        '\u{0660}'..='\u{0669}' => Some((u32::from(c) - 0x0660) as u8),
        '\u{06F0}'..='\u{06F9}' => Some((u32::from(c) - 0x06F0) as u8),
        _ => None,
    }
}

/// A digit of [`digit_value`]'s three sets.
pub(crate) fn is_digit(c: char) -> bool {
    digit_value(c).is_some()
}

// ---- Arabic --------------------------------------------------------------

/// The main Arabic block, U+0600–U+06FF: letters, vowel marks, digits and
/// punctuation of Arabic, Persian and Urdu. Fast paths test it first.
pub(crate) const ARABIC_MAIN_BLOCK: RangeInclusive<char> = '\u{0600}'..='\u{06FF}';

/// The Arabic letters proper of the main block, hamza to yeh (U+0620–U+064A):
/// nearly every letter of an Arabic page, all Unicode `Alphabetic`, so a scan
/// can answer them without a table lookup.
pub(crate) const ARABIC_BASIC_LETTERS: RangeInclusive<char> = '\u{0620}'..='\u{064A}';

/// True for code points in the Arabic script blocks: Arabic (U+0600–06FF),
/// Arabic Supplement (0750–077F), Arabic Extended-A (08A0–08FF) and the
/// presentation forms A and B (FB50–FDFF, FE70–FEFF), which PDFs and old pages
/// use for shaped letters.
pub(crate) fn is_arabic_block(c: char) -> bool {
    matches!(c,
        '\u{0600}'..='\u{06FF}'
        | '\u{0750}'..='\u{077F}'
        | '\u{08A0}'..='\u{08FF}'
        | '\u{FB50}'..='\u{FDFF}'
        | '\u{FE70}'..='\u{FEFF}')
}

/// Written Arabic: an `Alphabetic` character of [`is_arabic_block`]. Unicode
/// counts vowel marks (harakat) as alphabetic, so this holds every letter and
/// every mark of vocalized text, in any of the blocks: what the sentence
/// splitter calls an Arabic word.
pub(crate) fn is_arabic_alphabetic(c: char) -> bool {
    c.is_alphabetic() && is_arabic_block(c)
}

/// An Arabic *letter*, not a mark: the letters of the main block (U+0620–064A,
/// 066E–06D3, 06D5, 06EE–06EF, 06FA–06FF), without the harakat, digits and
/// punctuation between them. Two marks lie among the letters and count as
/// letters here: the tatweel (U+0640) and the superscript alef (U+0670), both
/// written inside words; the anchor tokenizer skips them where it looks for the
/// letter before a digit. Anchor tokens use it: a digit right
/// after a letter starts a number (a proclitic written onto it, و٢٠١٥), and
/// marks are skipped when looking back for that letter.
pub(crate) fn is_arabic_letter(c: char) -> bool {
    matches!(c,
        '\u{0620}'..='\u{064A}'
        | '\u{066E}'..='\u{06D3}'
        | '\u{06D5}'
        | '\u{06EE}'..='\u{06EF}'
        | '\u{06FA}'..='\u{06FF}')
}

/// True for Arabic short-vowel marks and other harakat: U+064B–U+0652 (fathatan
/// to sukun), U+0670 (superscript alef), and the Quranic annotation marks
/// U+06D6–U+06ED that vocalized scripture carries.
///
/// ```
/// use bitext::chars::is_harakah;
/// assert!(is_harakah('\u{064E}')); // fatha
/// assert!(!is_harakah('ب'));
/// ```
pub fn is_harakah(c: char) -> bool {
    matches!(c, '\u{064B}'..='\u{0652}' | '\u{0670}' | '\u{06D6}'..='\u{06DC}' | '\u{06DF}'..='\u{06E4}' | '\u{06E7}' | '\u{06E8}' | '\u{06EA}'..='\u{06ED}')
}

/// True for the Arabic tatweel (kashida, U+0640), a pure stretching character.
pub fn is_tatweel(c: char) -> bool {
    c == '\u{0640}'
}

// ---- Latin ---------------------------------------------------------------

/// True for code points of the Latin script blocks: ASCII letters, the
/// ordinal indicators ª º, Latin-1 Supplement and Latin Extended-A and -B
/// (U+00C0–024F), IPA (0250–02AF), the phonetic extensions (1D00–1DBF), Latin
/// Extended Additional (1E00–1EFF), Extended-C, -D and -E (2C60–2C7F,
/// A720–A7FF, AB30–AB6F), the ligatures ﬀ–ﬆ (FB00–FB06) and the full-width
/// letters (FF21–FF3A, FF41–FF5A). Not a letter test by itself: the blocks
/// also hold × and ÷.
pub(crate) fn is_latin_block(c: char) -> bool {
    matches!(c,
        'A'..='Z' | 'a'..='z' | '\u{00AA}' | '\u{00BA}'
        | '\u{00C0}'..='\u{024F}'
        | '\u{0250}'..='\u{02AF}'
        | '\u{1D00}'..='\u{1DBF}'
        | '\u{1E00}'..='\u{1EFF}'
        | '\u{2C60}'..='\u{2C7F}'
        | '\u{A720}'..='\u{A7FF}'
        | '\u{AB30}'..='\u{AB6F}'
        | '\u{FB00}'..='\u{FB06}'
        | '\u{FF21}'..='\u{FF3A}'
        | '\u{FF41}'..='\u{FF5A}')
}

/// A Latin letter: `Alphabetic` and in [`is_latin_block`]. Its case is what the
/// sentence splitter reads after a stop.
pub(crate) fn is_latin_letter(c: char) -> bool {
    c.is_alphabetic() && is_latin_block(c)
}

// ---- Invisible and blank -------------------------------------------------

/// True for characters that steer text direction or join/break words without
/// showing anything: the explicit bidi embeddings, overrides and isolates, the
/// marks LRM, RLM and ALM, and the boundary-neutral format characters
/// (zero-width space and joiners, word joiner, BOM, soft hyphen, C0/C1 controls
/// other than whitespace). The set comes from `unicode-bidi`'s class table.
///
/// ```
/// use bitext::chars::is_invisible;
/// assert!(is_invisible('\u{200F}')); // RIGHT-TO-LEFT MARK
/// assert!(is_invisible('\u{200B}')); // ZERO WIDTH SPACE
/// assert!(is_invisible('\u{FEFF}')); // BOM
/// assert!(!is_invisible(' '));
/// assert!(!is_invisible('a'));
/// ```
pub fn is_invisible(c: char) -> bool {
    if c.is_ascii() {
        // Fast path: in ASCII only non-whitespace controls are invisible.
        return c.is_ascii_control() && !c.is_ascii_whitespace();
    }
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}')
        || matches!(
            bidi_class(c),
            BidiClass::BN
                | BidiClass::LRE
                | BidiClass::RLE
                | BidiClass::LRO
                | BidiClass::RLO
                | BidiClass::PDF
                | BidiClass::LRI
                | BidiClass::RLI
                | BidiClass::FSI
                | BidiClass::PDI
        )
}

/// The invisible characters that scraped text puts inside words: zero-width
/// space and joiners, direction marks, embeddings and isolates, soft hyphen, BOM.
/// A subset of [`is_invisible`] without its Unicode table lookup, for the anchor
/// tokenizer, which asks on every space and mark.
pub(crate) fn is_inword_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}' | '\u{061C}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}' | '\u{FEFF}'
    )
}

/// Whitespace, or a character that shows nothing ([`is_invisible`]): never the
/// first or last character of a sentence, since it is formatting, not text, and
/// a pair's text should not start with a stray BOM.
pub(crate) fn is_blank(c: char) -> bool {
    c.is_whitespace() || is_invisible(c)
}

/// True for non-ASCII space separators (Unicode category Zs): NBSP, the
/// en/em/thin/hair spaces, narrow NBSP, medium mathematical space, ideographic
/// space and Ogham space mark. Normalization folds them to a space.
pub(crate) fn is_space_separator(c: char) -> bool {
    matches!(
        c,
        '\u{00A0}' | '\u{1680}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}'
    )
}

/// True when `c` counts toward a sentence's length: not whitespace, not a
/// harakah, not tatweel, not invisible.
#[inline]
pub fn counts_for_length(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_graphic();
    }
    if ARABIC_MAIN_BLOCK.contains(&c) {
        // Fast path for the Arabic block, where the only invisible character is the
        // Arabic letter mark and the bidi table lookup would dominate measuring.
        return !(is_harakah(c) || is_tatweel(c) || c == '\u{061C}');
    }
    !(c.is_whitespace() || is_harakah(c) || is_tatweel(c) || is_invisible(c))
}

// ---- Lines and fields ----------------------------------------------------

/// The characters that end a line: the mandatory breaks of Unicode's line
/// breaking algorithm (UAX #14 classes BK, CR, LF, NL): `\n`, `\r`, vertical
/// tab, form feed, U+0085 NEXT LINE, U+2028 LINE SEPARATOR and U+2029
/// PARAGRAPH SEPARATOR. A run's line, a sentence boundary under
/// [`LineBreaks::Always`](crate::LineBreaks::Always), the end of a document's
/// unit and a line of `Display` output all end at these. `\r` is one by itself,
/// so CRLF and a lone CR behave like `\n`.
pub(crate) fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// Whether a line-based reader may end a line or a field at `c`: every
/// Unicode white space character (tabs, line breaks, U+0085, U+2028, U+2029
/// and the spaces), and the separators U+001C–U+001E, which Python's
/// `str.splitlines` also splits on. The writers of TSV and Moses turn these
/// into spaces.
pub(crate) fn breaks_line_or_field(c: char) -> bool {
    c.is_whitespace() || ('\u{1C}'..='\u{1E}').contains(&c)
}

/// Characters that separate independent items on one line (menus, language
/// switchers such as "English | العربية"), so each side gets its own host
/// script: `|`, `¦`, the full-width `｜` and the box-drawing `│`.
pub(crate) fn is_field_separator(c: char) -> bool {
    matches!(c, '|' | '\u{00A6}' | '\u{FF5C}' | '\u{2502}')
}

// ---- Sentence punctuation ------------------------------------------------

/// Marks that may end a sentence: `.` `!` `?`, the Arabic question mark `؟`,
/// the ellipsis `…` and the Urdu full stop `۔`.
pub(crate) fn is_stop(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '؟' | '…' | '۔')
}

/// Closing quotes and brackets that stay with the stop before them.
pub(crate) fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | '»' | ')' | ']' | '}' | '›')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fast_paths_agree_with_unicode() {
        for c in ARABIC_BASIC_LETTERS {
            assert!(c.is_alphabetic() && is_arabic_block(c), "{c:?}");
            assert!(is_arabic_letter(c), "{c:?}");
        }
        for c in ARABIC_MAIN_BLOCK {
            let slow = !(c.is_whitespace() || is_harakah(c) || is_tatweel(c) || is_invisible(c));
            assert_eq!(counts_for_length(c), slow, "{c:?}");
        }
        for c in (0u8..=127).map(char::from) {
            let slow = !(c.is_whitespace() || is_invisible(c));
            assert_eq!(counts_for_length(c), slow, "{c:?}");
        }
    }

    #[test]
    fn arabic_letters_are_written_arabic_without_marks() {
        for c in ARABIC_BASIC_LETTERS {
            assert!(is_arabic_alphabetic(c), "{c:?}");
        }
        for c in ARABIC_MAIN_BLOCK {
            if (is_harakah(c) && c != '\u{0670}') || is_digit(c) {
                assert!(!is_arabic_letter(c), "{c:?}");
            }
        }
    }

    #[test]
    fn subsets_hold() {
        for c in ('\0'..='\u{FFFF}').filter(|c| is_inword_invisible(*c)) {
            assert!(is_invisible(c), "{c:?}");
        }
        for c in ('\0'..='\u{FFFF}').filter(|c| is_line_break(*c)) {
            assert!(breaks_line_or_field(c) && c.is_whitespace(), "{c:?}");
        }
        for c in ('\0'..='\u{FFFF}').filter(|c| is_space_separator(*c)) {
            assert!(c.is_whitespace() && !is_line_break(c), "{c:?}");
        }
    }
}
