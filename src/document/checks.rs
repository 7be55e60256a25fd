//! Step 5 of the module documentation: the checks a candidate unit bead must
//! pass to be kept (one run a side, a score read as a probability, length ratio,
//! glued edge lines, shared numbers of short units).

use std::ops::Range;

use super::alignment::Sentence;
use super::calibration::linked;
use super::units::{LineKind, Unit};
use crate::chars::digit_value;

/// Largest factor by which a unit bead's Arabic/English length ratio may
/// differ from the fitted ratio, either way.
const MAX_RATIO_FACTOR: f64 = 2.5;

/// Below this many measured characters (English, or Arabic divided by the
/// fitted ratio), a unit bead's lengths carry too little evidence on their
/// own, and both sides must share their numbers.
pub(super) const SHORT_UNIT: f64 = 20.0;

/// An edge unit of a multi-unit bead side shorter than this share of the side
/// is split off as unpaired: a menu line glued to a paragraph.
const GLUED_SHARE: f64 = 0.2;

/// Everything the unit-bead checks need.
pub(super) struct Checks<'a, 't> {
    pub(super) en_units: &'a [Unit],
    pub(super) ar_units: &'a [Unit],
    pub(super) en: &'a [Sentence<'t>],
    pub(super) ar: &'a [Sentence<'t>],
    pub(super) ratio: f64,
    pub(super) min_unit_score: f64,
    /// Per unit, its [`LineKind`].
    pub(super) en_kinds: &'a [LineKind],
    pub(super) ar_kinds: &'a [LineKind],
}

impl Checks<'_, '_> {
    /// Step 5 of the module documentation on candidate unit beads
    /// `(English units, Arabic units, score)`.
    pub(super) fn check(
        &self,
        beads: impl Iterator<Item = (Range<usize>, Range<usize>, f64)>,
    ) -> Vec<UnitBead> {
        let mut kept = Vec::new();
        for (e, a, score) in beads {
            if e.is_empty() || a.is_empty() || score < self.min_unit_score {
                continue;
            }
            let (en_r, en_len) = one_run(e, self.en_units);
            let (ar_r, ar_len) = one_run(a, self.ar_units);
            // Each side is trimmed against the other side's untrimmed length.
            let (en_r, le) = trim_glued(en_r, en_len, self.en_units, ar_len as f64 / self.ratio);
            let (ar_r, la) = trim_glued(ar_r, ar_len, self.ar_units, en_len as f64 * self.ratio);
            if le == 0 || la == 0 {
                continue;
            }
            // The lattice's posterior of this exact bead, read as the probability
            // that the lines are linked right (the kinds of the lines are already in
            // it, as the lattice's priors).
            let score = linked(score);
            if score < self.min_unit_score {
                continue;
            }
            let r = la as f64 / (le as f64 * self.ratio);
            if !(1.0 / MAX_RATIO_FACTOR..=MAX_RATIO_FACTOR).contains(&r) {
                continue;
            }
            // Lengths of a few letters say little; two short lines that are not
            // sentences (titles, labels) must also share their numbers.
            let sentence = |kinds: &[LineKind], r: &Range<usize>| {
                kinds
                    .get(r.clone())
                    .unwrap_or_default()
                    .contains(&LineKind::Content)
            };
            if (le as f64).min(la as f64 / self.ratio) < SHORT_UNIT
                && !(sentence(self.en_kinds, &en_r) && sentence(self.ar_kinds, &ar_r))
            {
                let ne = numbers_of(self.en_units, self.en, &en_r);
                let na = numbers_of(self.ar_units, self.ar, &ar_r);
                if ne.is_empty() || ne != na {
                    continue;
                }
            }
            kept.push(UnitBead {
                en: en_r,
                ar: ar_r,
                score,
                en_len: le,
                ar_len: la,
            });
        }
        kept
    }
}

/// The numbers written in some units, in order.
fn numbers_of(units: &[Unit], list: &[Sentence<'_>], r: &Range<usize>) -> Vec<u64> {
    let mut v = Vec::new();
    for u in units.get(r.clone()).unwrap_or_default() {
        for s in list.get(u.sentences.clone()).unwrap_or_default() {
            v.extend(numbers_in(s.text));
        }
    }
    v
}

/// Keeps only the units of the run holding most of the bead side's text: a
/// pair side must not stretch over text of the other language between runs.
/// Returns the kept units and their measured length.
pub(super) fn one_run(r: Range<usize>, units: &[Unit]) -> (Range<usize>, usize) {
    let mut best = (r.start..r.start, 0);
    let mut start = r.start;
    let side = units
        .get(r.start..r.end.min(units.len()))
        .unwrap_or_default();
    for group in side.chunk_by(|a, b| a.run == b.run) {
        let len = group.iter().map(|u| u.len).sum();
        if len > best.1 {
            best = (start..start + group.len(), len);
        }
        start += group.len();
    }
    best
}

/// A unit bead that passed the checks.
#[derive(Clone, Debug)]
pub(super) struct UnitBead {
    pub(super) en: Range<usize>,
    pub(super) ar: Range<usize>,
    pub(super) score: f64,
    pub(super) en_len: usize,
    pub(super) ar_len: usize,
}

/// Drops edge units much shorter than the rest of the bead side: a menu line
/// glued onto a paragraph by a 2-1 bead is not part of the translation.
/// `total` is the measured length of the units `r`; returns the kept units and
/// theirs.
pub(super) fn trim_glued(
    mut r: Range<usize>,
    mut total: usize,
    units: &[Unit],
    other: f64,
) -> (Range<usize>, usize) {
    let len = |i: usize| units.get(i).map_or(0, |u| u.len);
    // How far the side's length is from `other` (the other side's length in
    // this side's units), as a log ratio.
    let misfit = |total: f64| (total.max(1.0) / other.max(1.0)).ln().abs();
    while r.len() > 1 {
        let t = total as f64;
        // Cannot underflow: `r.end >= r.start + 2`. `total` is the sum of `len(i)`
        // over `r` (as `one_run` returns it, and kept so below), so it is at least
        // `first` and `last`.
        let (first, last) = (len(r.start), len(r.end - 1));
        // A line shorter than a short sentence whose removal brings the
        // lengths closer is glued on as well.
        let drop = |x: usize| {
            let x = x as f64;
            x < GLUED_SHARE * t || (x < SHORT_UNIT && misfit(t - x) < misfit(t))
        };
        if drop(first) && first <= last {
            r.start += 1;
            total -= first;
        } else if drop(last) {
            r.end -= 1;
            total -= last;
        } else {
            break;
        }
    }
    (r, total)
}

/// The numbers written in `text`, Western and Arabic-Indic digits alike: every
/// maximal run of digits, separators not resolved.
///
/// Not [`extract_anchors`](crate::extract_anchors)' [`AnchorKind::Number`](crate::AnchorKind::Number): anchors keep each number once
/// and resolve separators, while the short-unit check compares the sequences as
/// written, repeats included.
fn numbers_in(text: &str) -> Vec<u64> {
    let mut out = Vec::new();
    let mut cur: Option<u64> = None;
    for c in text.chars() {
        let d = digit_value(c).map(u32::from);
        match d {
            Some(d) => {
                cur = Some(
                    cur.unwrap_or(0)
                        .saturating_mul(10)
                        .saturating_add(u64::from(d)),
                )
            }
            None => out.extend(cur.take()),
        }
    }
    out.extend(cur);
    out
}
