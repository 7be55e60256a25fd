//! Reading the evaluation sets: sentence files, gold beads, gold document pairs and
//! runs, and the case names of a folder.

use std::fs;
use std::path::Path;

use bitext::Span;

use crate::documents::GoldRuns;
use crate::scoring::BeadSet;

pub(crate) fn read_text(path: &Path) -> Result<String, String> {
    fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

pub(crate) fn read_lines(path: &Path) -> Result<Vec<String>, String> {
    Ok(read_text(path)?.lines().map(String::from).collect())
}

pub(crate) fn read_beads(path: &Path) -> Result<BeadSet, String> {
    parse_beads(&read_text(path)?, path)
}

/// Beads in vecalign form, `[0, 1]:[0]` a line; anything after a second colon (a
/// score) is ignored, as are blank lines. `path` names the file in errors.
fn parse_beads(text: &str, path: &Path) -> Result<BeadSet, String> {
    let mut beads = Vec::new();
    for (no, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let mut parts = line.split(':');
        let mut side = || -> Result<Vec<usize>, String> {
            let s = parts
                .next()
                .ok_or_else(|| format!("{}:{}: bad bead", path.display(), no + 1))?;
            let s = s.trim().trim_start_matches('[').trim_end_matches(']');
            s.split(',')
                .map(str::trim)
                .filter(|x| !x.is_empty())
                .map(|x| {
                    x.parse()
                        .map_err(|_| format!("{}:{}: bad index `{x}`", path.display(), no + 1))
                })
                .collect()
        };
        let en = side()?;
        let ar = side()?;
        beads.push((en, ar));
    }
    Ok(beads)
}

pub(crate) fn read_gold_runs(path: &Path) -> Result<GoldRuns, String> {
    let text = read_text(path)?;
    let v: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    let num = |x: &serde_json::Value, k: &str| -> Result<usize, String> {
        x.get(k)
            .and_then(serde_json::Value::as_u64)
            .map(|n| n as usize)
            .ok_or_else(|| format!("{}: missing `{k}`", path.display()))
    };
    let mut runs = Vec::new();
    for r in v
        .get("runs")
        .and_then(|r| r.as_array())
        .into_iter()
        .flatten()
    {
        let lang = r
            .get("lang")
            .and_then(|l| l.as_str())
            .ok_or_else(|| format!("{}: run without `lang`", path.display()))?;
        // Built by hand, not with `Span::new`: a reversed gold span covers nothing.
        let span = Span {
            start: num(r, "start")?,
            end: num(r, "end")?,
        };
        runs.push((lang.to_string(), span));
    }
    let mut ignore = Vec::new();
    for r in v
        .get("ignore")
        .and_then(|r| r.as_array())
        .into_iter()
        .flatten()
    {
        ignore.push(Span {
            start: num(r, "start")?,
            end: num(r, "end")?,
        });
    }
    Ok((runs, ignore))
}

pub(crate) fn read_gold_pairs(path: &Path) -> Result<Vec<(Span, Span)>, String> {
    let text = read_text(path)?;
    let mut out = Vec::new();
    for (no, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value = serde_json::from_str(line)
            .map_err(|e| format!("{}:{}: {e}", path.display(), no + 1))?;
        // `Span` deserializes from `[start, end]` and refuses `start > end`.
        let span = |k: &str| -> Result<Span, String> {
            v.get(k)
                .and_then(|x| serde_json::from_value(x.clone()).ok())
                .ok_or_else(|| format!("{}:{}: bad `{k}`", path.display(), no + 1))
        };
        out.push((span("en")?, span("ar")?));
    }
    Ok(out)
}

/// The sorted stems of the files in `dir` ending in `.ext`.
pub(crate) fn case_names(dir: &Path, ext: &str) -> Result<Vec<String>, String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .map_err(|e| format!("cannot read {}: {e}", dir.display()))?
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let p = e.path();
            (p.extension()? == ext).then(|| p.file_stem()?.to_str().map(String::from))?
        })
        .collect();
    names.sort();
    Ok(names)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn beads_parse_in_vecalign_form() {
        let text = "[0, 1]:[0]\n\n[]:[3]\n[2]:[]:0.5000\n [4]:[5,6] \n";
        let beads = parse_beads(text, Path::new("x.gold")).unwrap();
        assert_eq!(
            beads,
            [
                (vec![0, 1], vec![0]),
                (vec![], vec![3]),
                (vec![2], vec![]),
                (vec![4], vec![5, 6])
            ]
        );
    }

    #[test]
    fn bad_beads_name_the_line() {
        let err = parse_beads("[0]:[0]\n[x]:[1]\n", Path::new("x.gold")).unwrap_err();
        assert_eq!(err, "x.gold:2: bad index `x`");
        let err = parse_beads("[0]\n", Path::new("x.gold")).unwrap_err();
        assert_eq!(err, "x.gold:1: bad bead");
    }
}
