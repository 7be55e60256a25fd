//! Character classes of the splitter: stop marks, closers, line breaks,
//! blanks, and the letter kinds that decide what follows a stop.

use crate::normalize::is_invisible;
use crate::runs::is_arabic_block;

/// Whitespace, or a character that shows nothing (bidi marks, zero-width characters,
/// a byte-order mark): never the first or last character of a sentence, since it is
/// formatting, not text, and a pair's text should not start with a stray BOM.
pub(super) fn is_blank(c: char) -> bool {
    c.is_whitespace() || is_invisible(c)
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    LatinUpper,
    LatinLower,
    Arabic,
    OtherLetter,
    Digit,
    Other,
}

pub(super) fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..)?.chars().next()
}

pub(super) fn is_stop(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '؟' | '…' | '۔')
}

pub(super) fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | '»' | ')' | ']' | '}' | '›')
}

/// The line breaks of the module documentation (also where
/// [`crate::document`] ends a unit).
pub(crate) fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

pub(super) fn is_digit(c: char) -> bool {
    crate::normalize::digit_value(c).is_some()
}

pub(super) fn is_latin_letter(c: char) -> bool {
    c.is_alphabetic()
        && (c.is_ascii_alphabetic()
            || matches!(c, '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}'))
}

pub(super) fn is_arabic_letter(c: char) -> bool {
    c.is_alphabetic() && is_arabic_block(c)
}

pub(super) fn char_kind(c: char) -> Kind {
    if is_digit(c) {
        Kind::Digit
    } else if is_arabic_letter(c) {
        Kind::Arabic
    } else if is_latin_letter(c) && c.is_uppercase() {
        Kind::LatinUpper
    } else if is_latin_letter(c) && c.is_lowercase() {
        Kind::LatinLower
    } else if c.is_alphabetic() {
        Kind::OtherLetter
    } else {
        Kind::Other
    }
}
