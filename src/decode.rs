//! Bytes to text: the encodings English–Arabic pages come in, decoded by
//! `encoding_rs` (the decoder of the Firefox browser, to the WHATWG Encoding
//! Standard).
//!
//! Arabic sites are written in UTF-8, Windows-1256, ISO-8859-6 and UTF-16; a
//! page says which by a byte order mark or a `charset=` declaration, or the
//! caller knows. Decoding is strict: a byte sequence the encoding does not
//! define is an error with its offset, never a replacement character, so an
//! aligned corpus holds only text that was in the input.

use std::borrow::Cow;
use std::path::Path;

use encoding_rs::{DecoderResult, Encoding, UTF_16BE, UTF_16LE, UTF_8};

use crate::error::{Error, Result};

/// How far into the input a `charset=` declaration and the NUL bytes of
/// UTF-16 text are looked for: a page declares its encoding in its head.
const SNIFF_BYTES: usize = 1024;

/// Decodes `bytes` into text, and says which encoding they were read as.
///
/// With `encoding`, the bytes are read in it (a byte order mark of that
/// encoding is skipped). Without, the encoding is, in this order:
/// 1. the one a byte order mark names (UTF-8, UTF-16LE, UTF-16BE);
/// 2. UTF-16 without a byte order mark when NUL bytes in the first KiB fall
///    on odd offsets only (little-endian) or even offsets only (big-endian),
///    at least one in eight code units, as the ASCII spaces and digits of
///    UTF-16 text do;
/// 3. UTF-8 when the bytes are valid UTF-8 (pure ASCII reads the same in
///    every encoding the declaration could name, and other valid UTF-8 is
///    almost never the text of a single-byte encoding, while scraped pages
///    often keep a template's wrong declaration);
/// 4. the one a `charset=` declaration in the first KiB names (as in
///    `<meta charset="windows-1256">` or a `Content-Type` header), with the
///    labels of the WHATWG Encoding Standard (`cp1256`, `iso-8859-6`, …);
/// 5. else UTF-8, and the text is an error.
///
/// The text is borrowed when the input is UTF-8. Every offset the crate
/// returns for it is a UTF-8 byte offset into the decoded text, not into
/// `bytes`.
///
/// ```
/// use bitext::{decode, Encoding};
/// // "سلام" in Windows-1256, with a declaration.
/// let page = b"<meta charset=\"windows-1256\">\n\xD3\xE1\xC7\xE3";
/// let (text, encoding) = decode(page, None)?;
/// assert_eq!((text.as_ref(), encoding.name()), ("<meta charset=\"windows-1256\">\nسلام", "windows-1256"));
/// // UTF-16LE with its byte order mark.
/// let (text, encoding) = decode(b"\xFF\xFEH\0i\0", None)?;
/// assert_eq!((text.as_ref(), encoding.name()), ("Hi", "UTF-16LE"));
/// // Given: ISO-8859-6 has no character at 0xA1.
/// let iso = Encoding::for_label(b"iso-8859-6");
/// assert_eq!(
///     decode(b"ok \xA1", iso).unwrap_err().to_string(),
///     "input is not valid ISO-8859-6: invalid byte sequence at byte offset 3"
/// );
/// # Ok::<(), bitext::Error>(())
/// ```
///
/// # Errors
/// [`Error::InvalidUtf8`] when UTF-8 bytes are not valid, [`Error::InvalidEncoding`]
/// when those of another encoding are not; both with the offset into `bytes`
/// of the first invalid sequence.
pub fn decode<'b>(
    bytes: &'b [u8],
    encoding: Option<&'static Encoding>,
) -> Result<(Cow<'b, str>, &'static Encoding)> {
    let encoding = match encoding {
        Some(e) => e,
        None => detect(bytes),
    };
    let start = match Encoding::for_bom(bytes) {
        Some((bom, len)) if bom == encoding => len,
        _ => 0,
    };
    let body = &bytes[start..];
    if encoding == UTF_8 {
        let text = std::str::from_utf8(body).map_err(|e| Error::InvalidUtf8 {
            offset: start + e.valid_up_to(),
        })?;
        return Ok((Cow::Borrowed(text), encoding));
    }
    let text = strict(body, encoding).map_err(|offset| Error::InvalidEncoding {
        encoding: encoding.name(),
        offset: start + offset,
    })?;
    Ok((Cow::Owned(text), encoding))
}

/// Reads the file at `path` and [`decode`]s it.
///
/// # Errors
/// [`Error::File`] (naming `path`) when the file cannot be read, else the
/// errors of [`decode`].
pub fn read_text(
    path: &Path,
    encoding: Option<&'static Encoding>,
) -> Result<(String, &'static Encoding)> {
    let bytes = std::fs::read(path).map_err(|e| Error::file(path, e))?;
    let encoding = match decode(&bytes, encoding)? {
        (Cow::Owned(text), encoding) => return Ok((text, encoding)),
        (Cow::Borrowed(_), encoding) => encoding,
    };
    // UTF-8, checked above: the buffer becomes the string without a copy
    // (less its byte order mark, if any).
    let bom = Encoding::for_bom(&bytes).map_or(0, |(_, len)| len);
    let mut text = String::from_utf8(bytes).map_err(|e| Error::from(e.utf8_error()))?;
    text.drain(..bom);
    Ok((text, encoding))
}

/// The encoding `bytes` look to be in (steps 1–5 of [`decode`]).
fn detect(bytes: &[u8]) -> &'static Encoding {
    if let Some((bom, _)) = Encoding::for_bom(bytes) {
        return bom;
    }
    let head = &bytes[..bytes.len().min(SNIFF_BYTES)];
    if let Some(utf16) = utf16_by_nuls(head) {
        return utf16;
    }
    if std::str::from_utf8(bytes).is_ok() {
        return UTF_8;
    }
    match declared(head) {
        // A declaration read as ASCII cannot be UTF-16: the Encoding Standard
        // reads such a page as UTF-8.
        Some(e) if e == UTF_16LE || e == UTF_16BE => UTF_8,
        Some(e) => e,
        None => UTF_8,
    }
}

/// UTF-16LE or UTF-16BE when the NUL bytes of `head` all lie on one parity
/// of offset and are many enough for text (at least two, and one in eight
/// code units, as the spaces alone of Arabic text are): the high byte of
/// ASCII in UTF-16. UTF-8 text holds no NUL.
fn utf16_by_nuls(head: &[u8]) -> Option<&'static Encoding> {
    let units = head.len() / 2;
    if units == 0 {
        return None;
    }
    let (mut even, mut odd) = (0usize, 0usize);
    for pair in head.chunks_exact(2) {
        even += usize::from(pair[0] == 0);
        odd += usize::from(pair[1] == 0);
    }
    let enough = |n: usize| n >= 2 && n * 8 >= units;
    match (even, odd) {
        (0, n) if enough(n) => Some(UTF_16LE),
        (n, 0) if enough(n) => Some(UTF_16BE),
        _ => None,
    }
}

/// The encoding a `charset=` declaration in `head` names, if it names one.
fn declared(head: &[u8]) -> Option<&'static Encoding> {
    const KEY: &[u8] = b"charset=";
    let at = head
        .windows(KEY.len())
        .position(|w| w.eq_ignore_ascii_case(KEY))?;
    let rest = &head[at + KEY.len()..];
    let rest = rest
        .strip_prefix(b"\"")
        .or(rest.strip_prefix(b"'"))
        .unwrap_or(rest);
    let end = rest
        .iter()
        .position(|&b| !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b':')))
        .unwrap_or(rest.len());
    Encoding::for_label(&rest[..end])
}

/// `bytes` in `encoding` without replacement, or the offset of the first
/// sequence it does not define.
fn strict(bytes: &[u8], encoding: &'static Encoding) -> std::result::Result<String, usize> {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let capacity = decoder
        .max_utf8_buffer_length_without_replacement(bytes.len())
        .unwrap_or(bytes.len().saturating_mul(3));
    let mut text = String::with_capacity(capacity);
    let (result, read) = decoder.decode_to_string_without_replacement(bytes, &mut text, true);
    match result {
        DecoderResult::InputEmpty => Ok(text),
        DecoderResult::Malformed(bad, after) => {
            Err(read.saturating_sub(usize::from(after) + usize::from(bad)))
        }
        // The buffer holds the longest output `bytes` can give.
        DecoderResult::OutputFull => Err(read),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use encoding_rs::{ISO_8859_6, WINDOWS_1256};

    const TEXT: &str = "The bridge opened in 1932.\nافتتح الجسر عام 1932.\n";

    fn utf16(text: &str, big_endian: bool, bom: bool) -> Vec<u8> {
        let mut out = Vec::new();
        let units = bom.then_some(0xFEFF).into_iter().chain(text.encode_utf16());
        for u in units {
            let b = if big_endian {
                u.to_be_bytes()
            } else {
                u.to_le_bytes()
            };
            out.extend(b);
        }
        out
    }

    #[test]
    fn utf16_with_and_without_bom() {
        for (big, enc) in [(false, UTF_16LE), (true, UTF_16BE)] {
            for bom in [false, true] {
                let bytes = utf16(TEXT, big, bom);
                let (text, found) = decode(&bytes, None).unwrap();
                assert_eq!((text.as_ref(), found), (TEXT, enc), "{big} {bom}");
            }
        }
    }

    #[test]
    fn single_byte_encodings_by_declaration_or_given() {
        let page = format!("<meta charset='cp1256'>\n{TEXT}");
        let (bytes, _, _) = WINDOWS_1256.encode(&page);
        let (text, found) = decode(&bytes, None).unwrap();
        assert_eq!((text.as_ref(), found), (page.as_str(), WINDOWS_1256));
        let (bytes, _, _) = ISO_8859_6.encode(TEXT);
        // Without a declaration the bytes are not UTF-8: an error, not a guess.
        assert!(matches!(
            decode(&bytes, None),
            Err(Error::InvalidUtf8 { offset: 27 })
        ));
        let (text, found) = decode(&bytes, Some(ISO_8859_6)).unwrap();
        assert_eq!((text.as_ref(), found), (TEXT, ISO_8859_6));
    }

    #[test]
    fn utf8_is_borrowed_and_its_bom_skipped() {
        let (text, found) = decode(TEXT.as_bytes(), None).unwrap();
        assert!(matches!(text, Cow::Borrowed(_)) && found == UTF_8);
        let with_bom = [b"\xEF\xBB\xBF", TEXT.as_bytes()].concat();
        assert_eq!(decode(&with_bom, None).unwrap().0, TEXT);
        let bad = [b"\xEF\xBB\xBFok".as_slice(), b"\xFF"].concat();
        assert_eq!(
            decode(&bad, None).unwrap_err(),
            Error::InvalidUtf8 { offset: 5 }
        );
    }

    #[test]
    fn invalid_utf16_is_an_error_at_its_offset() {
        // "Hi" then a lone low surrogate, little-endian with a BOM.
        let bytes = b"\xFF\xFEH\0i\0\x00\xDC";
        assert_eq!(
            decode(bytes, None).unwrap_err(),
            Error::InvalidEncoding {
                encoding: "UTF-16LE",
                offset: 6
            }
        );
    }
}
