//! Index formats of pre-split alignments: hunalign's ladder and vecalign's
//! beads. Both name sentences by their 0-based line number in the input lists.

use std::io::{self, Write};

use crate::align::Bead;

/// Writes hunalign's ladder: for every bead, `en_start<TAB>ar_start<TAB>score`
/// (its posterior probability, four decimals), then the final rung
/// `en_count<TAB>ar_count`. `beads` must be a whole path (as
/// [`Alignment::beads`](crate::Alignment::beads) is): a rung is a bead
/// boundary, so leaving beads out would merge their neighbours.
///
/// ```
/// let alignment = bitext::align_sentences(&["Hello.", "Bye."], &["مرحبا.", "وداعا."]);
/// let mut out = Vec::new();
/// bitext::write::write_ladder(&mut out, &alignment.beads)?;
/// let rungs: Vec<String> = String::from_utf8(out).unwrap().lines()
///     .map(|l| l.split('\t').take(2).collect::<Vec<_>>().join(" ")).collect();
/// assert_eq!(rungs, ["0 0", "1 1", "2 2"]);
/// # Ok::<(), std::io::Error>(())
/// ```
///
/// # Errors
/// Any error of the writer.
pub fn write_ladder<W: Write>(mut w: W, beads: &[Bead]) -> io::Result<()> {
    for b in beads {
        writeln!(w, "{}\t{}\t{:.4}", b.en.start, b.ar.start, b.score)?;
    }
    let (n, m) = beads.last().map_or((0, 0), |b| (b.en.end, b.ar.end));
    writeln!(w, "{n}\t{m}")
}

/// Writes vecalign's bead lines, `[0, 1]:[0]:COST`: the English and Arabic
/// sentence indices of a bead as lists, then a **cost**, lower for a better
/// bead. vecalign's own third field is a cost (a normalised cosine distance,
/// 0 for insertions and deletions) and its readers (`score.py`) parse only the
/// two lists; so the field here is a cost too, `1 − score` (one minus the
/// bead's posterior probability), with six decimals as vecalign writes it,
/// rather than a score that would read backwards.
///
/// ```
/// let alignment = bitext::align_sentences(&["Hello."], &["مرحبا."]);
/// let mut out = Vec::new();
/// bitext::write::write_vecalign(&mut out, &alignment.beads)?;
/// let line = String::from_utf8(out).unwrap();
/// let cost: f64 = line.trim_end().rsplit(':').next().unwrap().parse().unwrap();
/// assert!(line.starts_with("[0]:[0]:"));
/// assert!((cost - (1.0 - alignment.beads[0].score)).abs() < 1e-6);
/// # Ok::<(), std::io::Error>(())
/// ```
///
/// # Errors
/// Any error of the writer.
pub fn write_vecalign<'b, W: Write>(
    mut w: W,
    beads: impl IntoIterator<Item = &'b Bead>,
) -> io::Result<()> {
    for b in beads {
        let en: Vec<usize> = b.en.clone().collect();
        let ar: Vec<usize> = b.ar.clone().collect();
        writeln!(w, "{en:?}:{ar:?}:{:.6}", (1.0 - b.score).max(0.0))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ladder_and_beads_read_back_as_the_path() {
        let en = [
            "The meeting ended.",
            "Everyone left.",
            "Unrelated menu text here.",
        ];
        let ar = ["انتهى الاجتماع وغادر الجميع."];
        let a = crate::align_sentences(&en, &ar);
        let (mut ladder, mut beads) = (Vec::new(), Vec::new());
        write_ladder(&mut ladder, &a.beads).unwrap();
        write_vecalign(&mut beads, &a.beads).unwrap();
        let ladder = String::from_utf8(ladder).unwrap();
        let rungs: Vec<(usize, usize)> = ladder
            .lines()
            .map(|l| {
                let mut f = l
                    .split('\t')
                    .map(|x| x.parse::<usize>().unwrap_or(usize::MAX));
                (f.next().unwrap(), f.next().unwrap())
            })
            .collect();
        let mut expected: Vec<(usize, usize)> =
            a.beads.iter().map(|b| (b.en.start, b.ar.start)).collect();
        expected.push((3, 1));
        assert_eq!(rungs, expected);
        for (line, b) in String::from_utf8(beads).unwrap().lines().zip(&a.beads) {
            let mut parts = line.split(':');
            let list = |s: &str| -> Vec<usize> {
                let s = s.trim_matches(['[', ']']);
                s.split(", ")
                    .filter(|x| !x.is_empty())
                    .map(|x| x.parse().unwrap())
                    .collect()
            };
            assert_eq!(
                list(parts.next().unwrap()),
                b.en.clone().collect::<Vec<_>>()
            );
            assert_eq!(
                list(parts.next().unwrap()),
                b.ar.clone().collect::<Vec<_>>()
            );
            let cost: f64 = parts.next().unwrap().parse().unwrap();
            assert!((cost - (1.0 - b.score)).abs() < 1e-6);
        }
    }
}
