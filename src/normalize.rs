//! Normalization for measuring and matching text (never for output).
//!
//! Everything here reads the caller's text and produces either a number or a new
//! string used only for comparison; spans reported by the crate always point
//! into the original text.

use unicode_bidi::{bidi_class, BidiClass};

/// True for Arabic short-vowel marks and other harakat: U+064B–U+0652 (fathatan
/// to sukun), U+0670 (superscript alef), and the Quranic annotation marks
/// U+06D6–U+06ED that vocalized scripture carries.
///
/// ```
/// use bitext::normalize::is_harakah;
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

/// True for characters that steer text direction or join/break words without
/// showing anything: the explicit bidi embeddings, overrides and isolates, the
/// marks LRM, RLM and ALM, and the boundary-neutral format characters
/// (zero-width space and joiners, word joiner, BOM, soft hyphen, C0/C1 controls
/// other than whitespace). The set comes from `unicode-bidi`'s class table.
///
/// ```
/// use bitext::normalize::is_invisible;
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

/// True when `c` counts toward a sentence's length: not whitespace, not a
/// harakah, not tatweel, not invisible.
#[inline]
pub fn counts_for_length(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_graphic();
    }
    !(c.is_whitespace() || is_harakah(c) || is_tatweel(c) || is_invisible(c))
}

/// The length the aligner measures a sentence by: Unicode scalar values, after
/// removing whitespace, Arabic harakat, tatweel and invisible format characters.
///
/// Vowel marks are removed because they are optional in Arabic: the same verse is
/// 0.98 times its English length with full marks and 0.59 without, and a length
/// model should not depend on the typesetter.
///
/// ```
/// use bitext::normalize::measure_len;
/// assert_eq!(measure_len("Hello, world."), 12);
/// assert_eq!(measure_len("كَتَبَ"), 3);          // kataba: 3 letters, 3 fathas
/// assert_eq!(measure_len("\u{200F}كـتب "), 3);   // RLM, tatweel and space dropped
/// assert_eq!(measure_len(""), 0);
/// ```
pub fn measure_len(text: &str) -> usize {
    text.chars().filter(|&c| counts_for_length(c)).count()
}
