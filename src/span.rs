//! Byte ranges into the caller's text.

use std::fmt;
use std::ops::Range;

/// A half-open byte range `start..end` into the text the caller passed in.
///
/// Both ends always lie on `char` boundaries of that text, so
/// `&text[span.start..span.end]` never panics. With the `serde` feature a span
/// serializes as the two-element array `[start, end]`, the shape corpus tools read.
///
/// ```
/// use bitext::Span;
/// let text = "Hello مرحبا";
/// let span = Span::new(6, text.len());
/// assert_eq!(span.slice(text), "مرحبا");
/// assert_eq!(span.len(), 10);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    /// First byte of the range.
    pub start: usize,
    /// One past the last byte of the range.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end` (exclusive).
    ///
    /// # Panics
    /// Panics when `start > end`: a reversed span is a bug in the caller.
    pub const fn new(start: usize, end: usize) -> Self {
        // Panics by design (documented above). The crate's own calls (in `runs`
        // and `sentences`) carry the proof that `start <= end` where they are made.
        assert!(start <= end, "span start after end");
        Span { start, end }
    }

    /// Number of bytes covered (0 for a reversed span built by hand).
    pub const fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// True when the span covers no bytes.
    pub const fn is_empty(&self) -> bool {
        self.start >= self.end
    }

    /// The covered text. Panics if the span does not fit `text`, as slicing does.
    pub fn slice<'t>(&self, text: &'t str) -> &'t str {
        // Panics by design (documented above); library code uses `text.get(range)`.
        &text[self.start..self.end]
    }

    /// The smallest span covering both.
    pub fn cover(&self, other: Span) -> Span {
        Span {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }

    /// This span shifted right by `offset` bytes. Both ends saturate at
    /// `usize::MAX` (no text is that long), so this never panics.
    ///
    /// ```
    /// use bitext::Span;
    /// assert_eq!(Span::new(2, 5).offset(10), Span::new(12, 15));
    /// ```
    pub const fn offset(&self, offset: usize) -> Span {
        Span {
            start: self.start.saturating_add(offset),
            end: self.end.saturating_add(offset),
        }
    }

    /// The span as a standard range.
    pub const fn range(&self) -> Range<usize> {
        self.start..self.end
    }
}

impl From<Range<usize>> for Span {
    /// # Panics
    /// Panics when `r.start > r.end`, as [`Span::new`] does.
    fn from(r: Range<usize>) -> Self {
        Span::new(r.start, r.end)
    }
}

impl fmt::Display for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{}", self.start, self.end)
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Span {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        (self.start, self.end).serialize(s)
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Span {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let (start, end) = <(usize, usize)>::deserialize(d)?;
        if start > end {
            return Err(serde::de::Error::custom("span start after end"));
        }
        Ok(Span { start, end })
    }
}
