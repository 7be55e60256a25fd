//! The lexicon's own file format: UTF-8 text, a header line `bitext-lexicon 1`,
//! then `english-stem<TAB>arabic-stem<TAB>probability` a line. Stems are the
//! lexicon's normalised forms, so the file is read back without stemming again.

use std::fmt::Write as _;
use std::path::Path;

use super::dictionary::{error, read_text};
use super::Lexicon;
use crate::error::Result;

const HEADER: &str = "bitext-lexicon 1";

pub(super) fn save(lex: &Lexicon, path: &Path) -> Result<()> {
    let mut out = String::new();
    out.push_str(HEADER);
    out.push('\n');
    for e in 0..lex.en_vocab().len() as u32 {
        for &(a, t) in lex.translations(e) {
            // Writing to a String cannot fail.
            let _ = writeln!(
                out,
                "{}\t{}\t{}",
                lex.en_vocab().word(e),
                lex.ar_vocab().word(a),
                t
            );
        }
    }
    std::fs::write(path, out).map_err(|e| error(path, e.to_string()))
}

pub(super) fn load(path: &Path) -> Result<Lexicon> {
    let text = read_text(path)?;
    let mut lines = text.lines();
    if lines.next().map(str::trim_end) != Some(HEADER) {
        return Err(error(path, format!("the first line is not `{HEADER}`")));
    }
    let mut lex = Lexicon::new();
    for (k, line) in lines.enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let bad = || {
            error(
                path,
                format!("line {}: not `english<TAB>arabic<TAB>probability`", k + 2),
            )
        };
        let mut f = line.split('\t');
        let (Some(en), Some(ar), Some(t), None) = (f.next(), f.next(), f.next(), f.next()) else {
            return Err(bad());
        };
        let t: f32 = t.parse().map_err(|_| bad())?;
        if !(t.is_finite() && t >= 0.0) || en.is_empty() || ar.is_empty() {
            return Err(bad());
        }
        let (ev, av) = lex.vocabs_mut();
        let (e, a) = (ev.intern(en), av.intern(ar));
        lex.add(e, a, t);
    }
    for e in 0..lex.en_vocab().len() as u32 {
        let mut list = lex.translations(e).to_vec();
        super::keep_top(&mut list);
        lex.set(e, list);
    }
    Ok(lex)
}
