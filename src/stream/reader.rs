//! Lines of a stream read in bounded memory: a line longer than the limit is
//! skipped to its end, counting its bytes, instead of being held.

use std::io::{self, BufRead};

/// The UTF-8 encoding of U+FEFF, which some writers put at the start of a file.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// One line of the stream, without its line break (and trailing `\r`).
#[derive(Debug)]
pub(super) enum Line {
    /// The line's bytes.
    Bytes(Vec<u8>),
    /// A line longer than the limit, of this many bytes, which were not kept.
    TooLong(u64),
}

/// Reads a stream line by line, holding at most `max` bytes of a line.
pub(super) struct LineReader<R> {
    input: R,
    max: usize,
    /// 1-based number of the last line read.
    number: u64,
}

impl<R: BufRead> LineReader<R> {
    pub(super) fn new(input: R, max: usize) -> Self {
        LineReader {
            input,
            max,
            number: 0,
        }
    }

    /// The next line and its 1-based number, and the bytes cut from its start
    /// (a byte order mark on the first line), or `None` at the end.
    ///
    /// # Errors
    /// Reading failed.
    pub(super) fn next_line(&mut self) -> io::Result<Option<(u64, Line, usize)>> {
        let mut buf = Vec::new();
        let mut total = 0u64;
        let mut kept = true;
        let mut seen = false;
        loop {
            let available = match self.input.fill_buf() {
                Ok(b) => b,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if available.is_empty() {
                break;
            }
            seen = true;
            let newline = available.iter().position(|&b| b == b'\n');
            let chunk = &available[..newline.unwrap_or(available.len())];
            total = total.saturating_add(chunk.len() as u64);
            if kept && buf.len().saturating_add(chunk.len()) > self.max {
                // Past the limit: nothing more of this line is held.
                kept = false;
                buf = Vec::new();
            }
            if kept {
                buf.extend_from_slice(chunk);
            }
            let used = newline.map_or(chunk.len(), |n| n + 1);
            self.input.consume(used);
            if newline.is_some() {
                break;
            }
        }
        if !seen {
            return Ok(None);
        }
        self.number += 1;
        if !kept {
            return Ok(Some((self.number, Line::TooLong(total), 0)));
        }
        let cut = match self.number == 1 && buf.starts_with(BOM) {
            true => BOM.len(),
            false => 0,
        };
        buf.drain(..cut);
        while buf.last() == Some(&b'\r') {
            buf.pop();
        }
        // Grown by doubling, the buffer may hold twice the line; the window
        // keeps it until the line is parsed.
        buf.shrink_to_fit();
        Ok(Some((self.number, Line::Bytes(buf), cut)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(input: &[u8], max: usize) -> Vec<(u64, String, usize)> {
        // A small buffer, so that lines cross buffer boundaries.
        let mut r = LineReader::new(io::BufReader::with_capacity(3, input), max);
        let mut out = Vec::new();
        while let Some((n, line, cut)) = r.next_line().unwrap() {
            out.push(match line {
                Line::Bytes(b) => (n, String::from_utf8(b).unwrap(), cut),
                Line::TooLong(len) => (n, format!("too long: {len}"), cut),
            });
        }
        out
    }

    #[test]
    fn long_lines_are_counted_not_kept() {
        let input = b"abc\r\n0123456789\n\nxy";
        let got = lines(input, 5);
        let want = [
            (1, "abc".to_string(), 0),
            (2, "too long: 10".to_string(), 0),
            (3, String::new(), 0),
            (4, "xy".to_string(), 0),
        ];
        assert_eq!(got, want);
        assert_eq!(lines(input, 10)[1].1, "0123456789");
    }

    #[test]
    fn a_leading_byte_order_mark_is_cut_from_the_first_line_only() {
        let got = lines(b"\xEF\xBB\xBFa\n\xEF\xBB\xBFb\n", 100);
        assert_eq!(got[0], (1, "a".to_string(), 3));
        assert_eq!(got[1], (2, "\u{FEFF}b".to_string(), 0));
    }
}
