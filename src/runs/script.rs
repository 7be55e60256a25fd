//! Step 1, the script cut: the script of each letter, and one pass that cuts
//! the text into lines, fields and same-script segments.

use std::ops::Range;

use crate::chars::{
    is_arabic_block, is_field_separator, is_latin_block, is_line_break, ARABIC_BASIC_LETTERS,
};

/// Writing system of a letter, as far as run cutting cares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Script {
    Latin,
    Arabic,
    Other,
}

impl Script {
    pub(super) const ALL: [Script; 3] = [Script::Latin, Script::Arabic, Script::Other];
}

/// The script of `c` if it is a letter (Unicode `Alphabetic`), else `None`.
pub(super) fn script_of(c: char) -> Option<Script> {
    if c.is_ascii() {
        return c.is_ascii_alphabetic().then_some(Script::Latin);
    }
    // The Arabic letters proper, all alphabetic: answered without the Unicode
    // table search of `is_alphabetic`, which was a tenth of the time of pages
    // with much Arabic.
    if ARABIC_BASIC_LETTERS.contains(&c) {
        return Some(Script::Arabic);
    }
    if !c.is_alphabetic() {
        return None;
    }
    Some(if is_arabic_block(c) {
        Script::Arabic
    } else if is_latin_block(c) {
        Script::Latin
    } else {
        Script::Other
    })
}

/// A maximal stretch of letters of one script inside a field.
#[derive(Clone, Copy, Debug)]
pub(super) struct Segment {
    pub(super) script: Script,
    /// Byte offset of the first letter.
    pub(super) start: usize,
    /// Byte offset just after the last letter.
    pub(super) end: usize,
    /// Whitespace-separated groups of letters.
    pub(super) words: usize,
}

/// A line's extent and its fields.
#[derive(Clone, Debug)]
pub(super) struct Line {
    /// First and one-past-last byte of the line's non-whitespace content, or
    /// `None` for a blank line.
    pub(super) content: Option<(usize, usize)>,
    /// Indices into the field list.
    pub(super) fields: Range<usize>,
}

/// Result of the scanning pass: segments grouped into fields, fields into lines.
#[derive(Debug, Default)]
pub(super) struct Layout {
    pub(super) segments: Vec<Segment>,
    /// Each field is a range of `segments`.
    pub(super) fields: Vec<Range<usize>>,
    pub(super) lines: Vec<Line>,
}

/// One pass over the text building the [`Layout`].
pub(super) fn scan(text: &str) -> Layout {
    let mut layout = Layout::default();
    let mut cur: Option<Segment> = None;
    // True when whitespace was seen since the current segment's last letter.
    let mut gap = false;
    let mut field_first_seg = 0;
    let mut line_first_field = 0;
    let mut content: Option<(usize, usize)> = None;

    let close_field = |layout: &mut Layout, cur: &mut Option<Segment>, first: &mut usize| {
        if let Some(seg) = cur.take() {
            layout.segments.push(seg);
        }
        let n = layout.segments.len();
        layout.fields.push(*first..n);
        *first = n;
    };

    for (i, c) in text.char_indices() {
        // Cannot overflow: `i + len_utf8` is at most `text.len()`.
        let after = i + c.len_utf8();
        if is_line_break(c) {
            close_field(&mut layout, &mut cur, &mut field_first_seg);
            let n = layout.fields.len();
            layout.lines.push(Line {
                content: content.take(),
                fields: line_first_field..n,
            });
            line_first_field = n;
            gap = false;
            continue;
        }
        if c.is_whitespace() {
            gap = true;
            continue;
        }
        content = Some(match content {
            Some((s, _)) => (s, after),
            None => (i, after),
        });
        if is_field_separator(c) {
            close_field(&mut layout, &mut cur, &mut field_first_seg);
            gap = false;
            continue;
        }
        let Some(script) = script_of(c) else {
            continue;
        };
        match cur.as_mut() {
            Some(seg) if seg.script == script => {
                seg.end = after;
                if gap {
                    // Cannot overflow: at most one word per byte of `text`.
                    seg.words += 1;
                }
            }
            _ => {
                if let Some(seg) = cur.take() {
                    layout.segments.push(seg);
                }
                cur = Some(Segment {
                    script,
                    start: i,
                    end: after,
                    words: 1,
                });
            }
        }
        gap = false;
    }
    close_field(&mut layout, &mut cur, &mut field_first_seg);
    let n = layout.fields.len();
    layout.lines.push(Line {
        content,
        fields: line_first_field..n,
    });
    layout
}

/// All segments of one line.
pub(super) fn line_segments<'l>(layout: &'l Layout, line: &Line) -> &'l [Segment] {
    let fields = layout.fields.get(line.fields.clone()).unwrap_or_default();
    match (fields.first(), fields.last()) {
        (Some(a), Some(b)) => layout.segments.get(a.start..b.end).unwrap_or_default(),
        _ => &[],
    }
}
