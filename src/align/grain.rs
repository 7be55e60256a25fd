//! Units that hold several sentences: [`Aligner::align`](super::Aligner::align) aligns
//! their sentences and reports beads over the units the caller gave.
//!
//! # Why
//!
//! A translation made partly paragraph by paragraph gives lines of five sentences on one
//! side against single sentences on the other. Lengths alone place the ends of such a
//! long bead only to within a sentence or so (the length of a bead of `b` sentences
//! varies as `s²·b`), so a run of them is often one sentence out of phase. Inside the
//! line, though, the sentence ends of the translation are visible, and aligning at that
//! grain pins the line's ends to the sentences they fall between. The caller's grain is
//! kept in the output: the sentence-level path is cut at the points where both sides are
//! at a unit boundary.
//!
//! # Model and contract
//!
//! - Each unit is split with the crate's sentence splitter; a unit that yields fewer than
//!   two sentences stays whole. When no unit splits, nothing here runs and the aligner
//!   works on the units as given.
//! - The sentence-level path `p₀ … p_K` becomes unit beads between consecutive points
//!   `p` at which both sides are at a unit boundary (*cut points*). A unit bead's cost is
//!   the sum of its sentence beads' costs. Its score is its posterior: the probability
//!   that the path runs from its first corner to its last without a cut point between,
//!   which is the scoring pass's forward recursion redone inside the bead's rectangle
//!   from `α(first corner)`, with the cut points left out, times `β(last corner) / Z`.
//! - Time and memory are linear in the text: one scan per unit, the splitter on the
//!   units that may hold a sentence end, one pass over the path, and per unit bead the
//!   recursion over the band's cells of its rows (one more forward pass over the band
//!   in all).

use crate::chars::{self, is_closer, is_invisible, is_line_break};
use crate::lang::Lang;
use crate::sentences::SentenceSplitter;

use super::costs::BeadCosts;
use super::lattice::{Lattice, SpanScratch};
use super::{Bead, BeadKind};

/// The sentences of both sides' units, when some unit holds more than one.
#[derive(Debug, Clone)]
pub(crate) struct Grain<'t> {
    pub(crate) en: Side<'t>,
    pub(crate) ar: Side<'t>,
}

/// One side's sentences and where each unit's sentences start.
#[derive(Debug, Clone)]
pub(crate) struct Side<'t> {
    /// The sentences, in order; a unit that did not split is one sentence.
    pub(crate) sentences: Vec<&'t str>,
    /// `starts[u]` is the index of unit `u`'s first sentence; `starts[units]` is
    /// `sentences.len()`.
    starts: Vec<usize>,
    /// `unit_of[s]` is the unit of sentence `s`.
    unit_of: Vec<usize>,
}

impl<'t> Grain<'t> {
    /// The sentences of `en` and `ar`, or `None` when no unit of either side holds more
    /// than one.
    pub(crate) fn split<E: AsRef<str>, A: AsRef<str>>(
        en: &'t [E],
        ar: &'t [A],
    ) -> Option<Grain<'t>> {
        let en = Side::split(en, Lang::English);
        let ar = Side::split(ar, Lang::Arabic);
        if en.is_whole() && ar.is_whole() {
            return None;
        }
        Some(Grain { en, ar })
    }

    /// Unit beads from the sentence beads of a path through this grain's sentences,
    /// scored with the forward and backward passes of `lattice` (the scoring pass's,
    /// over the sentences) under `model`; adds the cells their posteriors swept to
    /// `visited`.
    pub(crate) fn project(
        &self,
        beads: &[Bead],
        lattice: &Lattice,
        model: &BeadCosts,
        visited: &mut usize,
    ) -> Vec<Bead> {
        let cut = |i: usize, j: usize| self.en.is_boundary(i) && self.ar.is_boundary(j);
        let mut out = Vec::new();
        let mut scratch = SpanScratch::new(model);
        let (mut i0, mut j0) = (0, 0);
        let (mut cost, mut ln_path) = (0.0, 0.0);
        for bead in beads {
            let (i, j) = (bead.en.end, bead.ar.end);
            cost += bead.cost;
            ln_path += bead.score.ln();
            if !cut(i, j) {
                continue;
            }
            // Both corners are points of the path, on the scoring band; were one not,
            // the path's own sentence beads, one way through the unit bead, would
            // still bound its posterior from below.
            let score = lattice
                .span_posterior(model, ((i0, j0), (i, j)), cut, &mut scratch)
                .unwrap_or_else(|| if ln_path.is_nan() { 0.0 } else { ln_path.exp() });
            let en = self.en.unit(i0)..self.en.unit(i);
            let ar = self.ar.unit(j0)..self.ar.unit(j);
            out.push(Bead {
                kind: BeadKind::new(en.len(), ar.len()),
                en,
                ar,
                cost,
                score,
            });
            (i0, j0) = (i, j);
            (cost, ln_path) = (0.0, 0.0);
        }
        *visited = visited.saturating_add(scratch.visited);
        out
    }
}

impl<'t> Side<'t> {
    fn split<S: AsRef<str>>(units: &'t [S], lang: Lang) -> Side<'t> {
        let splitter = SentenceSplitter::new();
        let mut side = Side {
            sentences: Vec::with_capacity(units.len()),
            starts: Vec::with_capacity(units.len() + 1),
            unit_of: Vec::with_capacity(units.len()),
        };
        for (u, unit) in units.iter().enumerate() {
            let unit = unit.as_ref();
            side.starts.push(side.sentences.len());
            let before = side.sentences.len();
            if may_hold_two_sentences(unit) {
                side.sentences
                    .extend(splitter.split(unit, lang).map(|(_, s)| s));
            }
            // A unit of one sentence (or of none: whitespace only) stays as it is.
            if side.sentences.len() - before < 2 {
                side.sentences.truncate(before);
                side.sentences.push(unit);
            }
            side.unit_of
                .extend(std::iter::repeat(u).take(side.sentences.len() - before));
        }
        side.starts.push(side.sentences.len());
        side.sentences.shrink_to_fit();
        side.unit_of.shrink_to_fit();
        side
    }

    /// Whether every unit is one sentence.
    fn is_whole(&self) -> bool {
        self.sentences.len() + 1 == self.starts.len()
    }

    /// Whether sentence index `s` (`0..=sentences.len()`) is where a unit starts (or the
    /// end).
    fn is_boundary(&self, s: usize) -> bool {
        s == self.sentences.len() || self.unit_of.get(s).map(|&u| self.starts[u]) == Some(s)
    }

    /// The unit that starts at sentence boundary `s` (the number of units at the end).
    fn unit(&self, s: usize) -> usize {
        self.unit_of
            .get(s)
            .copied()
            .unwrap_or(self.starts.len() - 1)
    }
}

/// Whether `unit` can hold two sentences: a stop mark or line break, then (after
/// closing quotes or brackets, and invisible marks such as the RLM that Arabic pages
/// put after punctuation) whitespace, then something that is not whitespace.
/// Over-inclusive on purpose (`Mr. Smith`): the splitter decides; this only spares
/// it the units that cannot split, most of them, at a few instructions a byte.
fn may_hold_two_sentences(unit: &str) -> bool {
    let mut rest = unit;
    while let Some(p) = first_stop(rest.as_bytes()) {
        let mut gap = false;
        let mut resume = None;
        // Cannot panic: `first_stop` returns the start of a character.
        for (k, c) in rest[p..].char_indices() {
            if gap && !c.is_whitespace() {
                // Anything visible after the gap, a stop or an invisible mark too:
                // the splitter decides.
                return true;
            } else if ends_sentence(c) {
                // A line break is itself the gap.
                gap |= c.is_whitespace();
            } else if c.is_whitespace() {
                gap = true;
            } else if !is_closer(c) && !is_invisible(c) {
                // A stop glued to what follows (`3.5`) ends nothing: look further on.
                resume = Some(p + k);
                break;
            }
        }
        match resume {
            Some(at) => rest = &rest[at..],
            None => return false,
        }
    }
    false
}

/// Stop marks and line breaks: what ends a sentence.
fn ends_sentence(c: char) -> bool {
    chars::is_stop(c) || is_line_break(c)
}

/// Byte offset of the first character of `bytes` (UTF-8) that [`ends_sentence`] accepts:
/// a byte scan, since a text's characters before its first stop need no decoding.
fn first_stop(bytes: &[u8]) -> Option<usize> {
    let at = |i: usize| bytes.get(i).copied();
    (0..bytes.len()).find(|&i| match bytes[i] {
        b'.' | b'!' | b'?' | b'\n' | b'\r' | 0x0B | 0x0C => true,
        // U+0085, U+061F, U+06D4; U+2026, U+2028, U+2029.
        0xC2 => at(i + 1) == Some(0x85),
        0xD8 => at(i + 1) == Some(0x9F),
        0xDB => at(i + 1) == Some(0x94),
        0xE2 => at(i + 1) == Some(0x80) && matches!(at(i + 2), Some(0xA6 | 0xA8 | 0xA9)),
        _ => false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_units_with_two_sentences_split() {
        assert!(Grain::split(&["One.", "Two."], &["واحد.", "اثنان."]).is_none());
        assert!(Grain::split(&["Mr. Smith came."], &["جاء."]).is_none());
        assert!(Grain::split(&["3.5 apples. "], &["   "]).is_none());
        let g = Grain::split(&["One. Two!", "Three."], &["واحد. اثنان. ثلاثة."]).unwrap();
        assert_eq!(g.en.sentences, ["One.", "Two!", "Three."]);
        assert_eq!(g.ar.sentences, ["واحد.", "اثنان.", "ثلاثة."]);
        assert_eq!(
            (g.en.starts.as_slice(), g.ar.starts.as_slice()),
            (&[0, 2, 3][..], &[0, 3][..])
        );
        assert!(g.en.is_boundary(2) && !g.en.is_boundary(1) && g.en.is_boundary(3));
        assert_eq!((g.en.unit(2), g.en.unit(3)), (1, 2));
    }

    /// Random lists of units holding 0 to 4 sentences (empty and whitespace-only
    /// units too): the beads over the units cover both sides in order, each once, with
    /// kinds that match their ranges and scores in [0, 1].
    #[test]
    fn unit_beads_cover_both_sides_whatever_the_units_hold() {
        let mut state = 7u64;
        let mut below = |n: u64| {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (state >> 33) % n
        };
        for case in 0..60 {
            let mut side = |words: &[&str], stop: &str| -> Vec<String> {
                let units = below(25) as usize;
                (0..units)
                    .map(|_| match below(8) {
                        0 => String::new(),
                        1 => "  \n ".to_string(),
                        _ => (0..=below(4))
                            .map(|_| {
                                let n = 1 + below(12) as usize;
                                let w: Vec<&str> =
                                    (0..n).map(|_| words[below(4) as usize]).collect();
                                format!("{}{stop}", w.join(" "))
                            })
                            .collect::<Vec<_>>()
                            .join(" "),
                    })
                    .collect()
            };
            let en = side(&["Alpha", "beta", "gamma", "delta"], ".");
            let ar = side(&["ألف", "باء", "جيم", "دال"], "؟");
            let a = crate::align::Aligner::new().align(&en, &ar);
            let (mut i, mut j) = (0, 0);
            for b in &a.beads {
                assert_eq!((b.en.start, b.ar.start), (i, j), "case {case}");
                assert_eq!(b.kind, BeadKind::new(b.en.len(), b.ar.len()));
                assert!(
                    !b.en.is_empty() || !b.ar.is_empty(),
                    "case {case}: empty bead"
                );
                assert!((0.0..=1.0).contains(&b.score), "case {case}: {b:?}");
                (i, j) = (b.en.end, b.ar.end);
            }
            assert_eq!((i, j), (en.len(), ar.len()), "case {case}");
        }
    }

    #[test]
    fn prefilter_passes_every_unit_the_splitter_splits() {
        for text in [
            "A. B",
            "A.\nB",
            "A\nB",
            "A? b",
            "«A.» B",
            "نعم؟ لا",
            "wait… Then",
            "A\u{2029}B",
            "قال نعم.\u{200F} ثم ذهب.",
            "He said yes.\u{200E} Then he left.",
            "Yes.\u{200B} No.",
            "Yes.\u{FEFF} No.",
            "نعم.\u{061C} لا.",
            "Z\n!",
        ] {
            let n = crate::split_sentences(text, Lang::English).count();
            assert!(n < 2 || may_hold_two_sentences(text), "{text:?}");
        }
        assert!(!may_hold_two_sentences("3.5 apples."));
        assert!(!may_hold_two_sentences("3.5 and 2.5 apples…"));
        assert!(may_hold_two_sentences("3.5 apples. Two"));
        assert!(!may_hold_two_sentences("no stop at all"));
        assert!(!may_hold_two_sentences("كتب «نعم.»  "));
        for c in [
            '.', '!', '?', '\u{061F}', '\u{2026}', '\u{06D4}', '\n', '\u{85}', '\u{2028}',
        ] {
            let text = format!("ab{c} cd");
            assert_eq!(first_stop(text.as_bytes()), Some(2), "{c:?}");
            assert!(may_hold_two_sentences(&text), "{c:?}");
        }
    }
}
