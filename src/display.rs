//! `Display` for the results a person prints: one line each.

use std::fmt;

use crate::chars::is_line_break;
use crate::document::Pair;
use crate::parallelism::Parallelism;

/// Digits after the point when the format string asks for none (`{}`); `{:.3}`
/// asks for three.
const DEFAULT_PRECISION: usize = 2;

/// Writes `text` on one line: each stretch of line breaks and other control
/// characters (tabs included) becomes one space.
fn write_flattened(f: &mut fmt::Formatter<'_>, text: &str) -> fmt::Result {
    let mut rest = text;
    while let Some(at) = rest.find(|c: char| c.is_control() || is_line_break(c)) {
        f.write_str(&rest[..at])?;
        f.write_str(" ")?;
        rest = rest[at..].trim_start_matches(|c: char| c.is_control() || is_line_break(c));
    }
    f.write_str(rest)
}

impl fmt::Display for Pair<'_> {
    /// The score (two decimals, or the format's precision), the kind, the English
    /// side, ` | ` and the Arabic side, on one line: line breaks and other
    /// control characters inside a side are shown as one space.
    ///
    /// ```
    /// use bitext::align_document;
    /// let doc = align_document("The bridge opened in 1932.\nافتتح الجسر عام 1932.")?;
    /// let pair = &doc.pairs[0];
    /// assert_eq!(pair.to_string(), "0.68 1-1 The bridge opened in 1932. | افتتح الجسر عام 1932.");
    /// // `{:.3}` shows three decimals of the score.
    /// assert_eq!(format!("{pair:.3}"), format!("{:.3} 1-1 {} | {}", pair.score, pair.en, pair.ar));
    /// # Ok::<(), bitext::Error>(())
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let digits = f.precision().unwrap_or(DEFAULT_PRECISION);
        write!(f, "{:.digits$} {} ", self.score, self.kind)?;
        write_flattened(f, self.en)?;
        f.write_str(" | ")?;
        write_flattened(f, self.ar)
    }
}

impl fmt::Display for Parallelism {
    /// The three shares (two decimals, or the format's precision), named; the
    /// anchor agreement is `none` when the pairs have no anchors.
    ///
    /// ```
    /// use bitext::align_document;
    /// let doc = align_document(
    ///     "The bridge opened in 1932.\nWho built it?\n\
    ///      افتتح الجسر عام 1932.\nمن بناه؟",
    /// )?;
    /// assert_eq!(
    ///     doc.parallelism.to_string(),
    ///     "paired 1.00, confident 0.00, anchor agreement 1.00"
    /// );
    /// let none = bitext::align_document("Only English here.")?;
    /// assert_eq!(
    ///     format!("{:.1}", none.parallelism),
    ///     "paired 0.0, confident 0.0, anchor agreement none"
    /// );
    /// # Ok::<(), bitext::Error>(())
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let digits = f.precision().unwrap_or(DEFAULT_PRECISION);
        write!(
            f,
            "paired {:.digits$}, confident {:.digits$}, anchor agreement ",
            self.paired_share, self.confident_share
        )?;
        match self.anchor_agreement {
            Some(a) => write!(f, "{a:.digits$}"),
            None => f.write_str("none"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::BeadKind;
    use crate::span::Span;

    #[test]
    fn pair_display_is_one_line() {
        let p = Pair {
            en: "One.\r\n\tTwo.",
            ar: "واحد.\u{2028}اثنان.",
            en_span: Span::new(0, 13),
            ar_span: Span::new(14, 40),
            kind: BeadKind::new(2, 2),
            score: 0.876,
            en_sentences: 0..2,
            ar_sentences: 0..2,
        };
        assert_eq!(p.to_string(), "0.88 2-2 One. Two. | واحد. اثنان.");
        assert_eq!(format!("{p:.1}"), "0.9 2-2 One. Two. | واحد. اثنان.");
    }
}
