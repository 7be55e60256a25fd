//! Dictionaries read at run time: dictd databases (an `.index` of
//! `headword<TAB>offset<TAB>length` in dictd's base-64 digits, and a `.dict.dz`,
//! gzip-compatible dictzip, or a plain `.dict`, holding the entries), hunalign
//! dictionaries (`phrase @ phrase` a line) and two-column TSV.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use super::words::Words;
use super::Lexicon;
use crate::error::{Error, Result};

/// The formats a dictionary may be in.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Format {
    Dictd,
    Hunalign,
    Tsv,
}

/// An [`Error::Lexicon`] for `path`.
pub(super) fn error(path: &Path, reason: impl Into<String>) -> Error {
    Error::Lexicon {
        path: path.display().to_string(),
        reason: reason.into(),
    }
}

/// Reads the file at `path` as text.
pub(super) fn read_text(path: &Path) -> Result<String> {
    let bytes = fs::read(path).map_err(|e| error(path, e.to_string()))?;
    String::from_utf8(bytes).map_err(|e| {
        error(
            path,
            format!("not utf-8 at byte {}", e.utf8_error().valid_up_to()),
        )
    })
}

pub(super) fn read(path: &Path) -> Result<Lexicon> {
    let text = read_text(path)?;
    let format = detect(path, &text).ok_or_else(|| {
        error(
            path,
            "not a dictd index, a hunalign dictionary (` @ `) or a two-column tsv",
        )
    })?;
    let mut builder = Builder::default();
    match format {
        Format::Dictd => {
            let entries = read_dictd_entries(path)?;
            for (k, line) in text.lines().enumerate() {
                let parse = || -> Option<(&str, usize, usize)> {
                    let mut f = line.split('\t');
                    let head = f.next()?;
                    let offset = base64_number(f.next()?)?;
                    let length = base64_number(f.next()?)?;
                    Some((head, offset, length))
                };
                let (head, offset, length) = parse().ok_or_else(|| {
                    error(path, format!("line {}: not a dictd index line", k + 1))
                })?;
                if head.starts_with("00database") || head.starts_with("00-database") {
                    continue;
                }
                let body = offset
                    .checked_add(length)
                    .and_then(|end| entries.get(offset..end))
                    .ok_or_else(|| {
                        error(path, format!("line {}: entry beyond the .dict file", k + 1))
                    })?;
                let body = String::from_utf8_lossy(body);
                // The first line repeats the headword (with its pronunciation);
                // the translations follow, one sense a line.
                builder.entry(head, body.lines().skip(1));
            }
        }
        Format::Hunalign | Format::Tsv => {
            let sep = if format == Format::Hunalign {
                " @ "
            } else {
                "\t"
            };
            for line in text.lines().filter(|l| !l.trim().is_empty()) {
                let Some((x, y)) = line.split_once(sep) else {
                    continue;
                };
                // Whichever side is in Arabic script is the Arabic one.
                let (en, ar) = if has_arabic(x) && !has_arabic(y) {
                    (y, x)
                } else {
                    (x, y)
                };
                builder.entry(en, std::iter::once(ar));
            }
        }
    }
    Ok(builder.finish())
}

/// Accumulates dictionary entries into a lexicon.
#[derive(Default)]
struct Builder {
    words: Words,
    lex: Lexicon,
    en: Vec<String>,
    ar: Vec<String>,
}

impl Builder {
    /// One entry: an English headword or phrase and its Arabic translations,
    /// split further at commas and semicolons. Only an English side of one
    /// content word is kept; its Arabic content stems share one unit of
    /// probability.
    fn entry<'a>(&mut self, en: &str, ar: impl Iterator<Item = &'a str>) {
        self.en.clear();
        self.words.english(en, &mut self.en);
        if self.en.len() != 1 {
            return;
        }
        self.ar.clear();
        for line in ar {
            for phrase in line.split([',', ';', '،', '؛']) {
                self.words.arabic(phrase, &mut self.ar);
            }
        }
        self.ar.sort();
        self.ar.dedup();
        if self.ar.is_empty() {
            return;
        }
        let share = 1.0 / self.ar.len() as f32;
        let (ev, av) = self.lex.vocabs_mut();
        let e = ev.intern(&self.en[0]);
        let ids: Vec<u32> = self.ar.iter().map(|w| av.intern(w)).collect();
        for a in ids {
            self.lex.add(e, a, share);
        }
    }

    fn finish(mut self) -> Lexicon {
        self.lex.finish();
        self.lex
    }
}

fn detect(path: &Path, text: &str) -> Option<Format> {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    match ext {
        "index" => return Some(Format::Dictd),
        "dic" => return Some(Format::Hunalign),
        "tsv" => return Some(Format::Tsv),
        _ => {}
    }
    let line = text.lines().find(|l| !l.trim().is_empty())?;
    if line.contains(" @ ") {
        Some(Format::Hunalign)
    } else if line.split('\t').count() == 3 && dict_file(path).is_some() {
        Some(Format::Dictd)
    } else if line.contains('\t') {
        Some(Format::Tsv)
    } else {
        None
    }
}

/// The entries file beside a dictd index: `.dict.dz`, else `.dict`.
fn dict_file(index: &Path) -> Option<PathBuf> {
    ["dict.dz", "dict"]
        .iter()
        .map(|ext| index.with_extension(ext))
        .find(|p| p.exists())
}

/// The bytes of the entries file beside a dictd index, decompressed.
fn read_dictd_entries(index: &Path) -> Result<Vec<u8>> {
    let file = dict_file(index)
        .ok_or_else(|| error(index, "no .dict.dz or .dict file beside the index"))?;
    let bytes = fs::read(&file).map_err(|e| error(&file, e.to_string()))?;
    if file.extension().is_some_and(|e| e == "dz") {
        let mut out = Vec::new();
        flate2::read::MultiGzDecoder::new(bytes.as_slice())
            .read_to_end(&mut out)
            .map_err(|e| error(&file, format!("not dictzip or gzip: {e}")))?;
        Ok(out)
    } else {
        Ok(bytes)
    }
}

/// A number in dictd's base-64 digits (`A`–`Z`, `a`–`z`, `0`–`9`, `+`, `/`),
/// most significant first.
fn base64_number(digits: &str) -> Option<usize> {
    if digits.is_empty() {
        return None;
    }
    digits.bytes().try_fold(0usize, |acc, c| {
        let d = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        };
        acc.checked_mul(64)?.checked_add(usize::from(d))
    })
}

fn has_arabic(s: &str) -> bool {
    s.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dictd_digits() {
        assert_eq!(base64_number("B"), Some(1));
        assert_eq!(base64_number("BA"), Some(64));
        assert_eq!(base64_number("hX"), Some(33 * 64 + 23));
        assert_eq!(base64_number("*"), None);
    }
}
