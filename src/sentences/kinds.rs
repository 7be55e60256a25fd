//! The letter kinds that decide what follows a stop. The character classes
//! themselves are in `crate::chars`.

use crate::chars::{is_arabic_alphabetic, is_digit, is_latin_letter};

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

pub(super) fn char_kind(c: char) -> Kind {
    if is_digit(c) {
        Kind::Digit
    } else if is_arabic_alphabetic(c) {
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
