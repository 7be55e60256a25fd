//! A course through a long input from its anchors, for the rates along the text
//! ([`super::local`]) that the quick pass is searched with.
//!
//! The diagonal of the cumulative lengths drifts wherever the character ratio
//! drifts along a book, by hundreds of sentences over a book of short verses,
//! and rates taken along a drifted course lead the quick pass astray. Anchors
//! that occur a few times on each side, the same number of times, mostly occur
//! in sentences that translate each other: their `t`-th occurrences on the two
//! sides give candidate points `(i, j)` whatever the lengths say. The longest
//! chain of candidates that goes forward on both sides keeps the points that
//! agree with one another; a point whose steps to both neighbours are far
//! steeper or flatter than the input's count ratio is a chance agreement and
//! is dropped. Between the landmarks the course follows the cumulative lengths,
//! rescaled so that it passes through each landmark: the lengths place the rows
//! within a stretch, and the landmarks keep the stretch from drifting.
//!
//! `O(P log P)` for `P` candidates, and `O(n + m)` besides.

use super::anchor::AnchorInput;
use super::local::arabic_position;

/// Anchors occurring more often than this on a side are not landmarks: their
/// occurrences are too easily paired wrongly.
const MAX_OCCURRENCES: usize = 2;

/// Fewest landmarks (besides the two corners) a course needs; with fewer the
/// cumulative lengths alone serve.
const MIN_LANDMARKS: usize = 8;

/// Every English row's Arabic position along the landmarks of `input`, given
/// the prefix sums of the lengths (`n + 1` and `m + 1` entries), or `None` where
/// the input has too few landmarks.
pub(crate) fn landmark_course(
    input: &AnchorInput,
    en_sums: &[f64],
    ar_sums: &[f64],
) -> Option<Vec<f64>> {
    let (n, m) = (en_sums.len().checked_sub(1)?, ar_sums.len().checked_sub(1)?);
    if n == 0 || m == 0 {
        return None;
    }
    let ratio = m as f64 / n as f64;
    let mut points = candidates(input);
    let mut marks = landmarks(&mut points, ratio, (n, m))?;
    // Coarse to fine: anchors that recur are paired where they occur once within
    // a reach of the course the landmarks so far give.
    let occurrences = Occurrences::of(input);
    for reach in REACHES {
        let course = pinned_diagonal(&marks, en_sums, ar_sums);
        let mut points = occurrences.near(&course, reach);
        match landmarks(&mut points, ratio, (n, m)) {
            Some(finer) if finer.len() >= marks.len() => marks = finer,
            _ => break,
        }
    }
    Some(pinned_diagonal(&marks, en_sums, ar_sums))
}

/// Reaches (sentences either way) of the rounds that refine the course.
const REACHES: [f64; 2] = [1500.0, 500.0];

/// The landmarks among `points`, corners included, or `None` when too few.
fn landmarks(
    points: &mut Vec<(usize, usize)>,
    ratio: f64,
    (n, m): (usize, usize),
) -> Option<Vec<(usize, usize)>> {
    points.sort_unstable();
    points.dedup();
    let mut chain = longest_chain(points);
    chain.retain(|&(i, j)| i > 0 && j > 0 && i < n && j < m);
    if chain.len() < MIN_LANDMARKS {
        return None;
    }
    chain.insert(0, (0, 0));
    chain.push((n, m));
    drop_astray(&mut chain, ratio);
    Some(chain)
}

/// Every anchor's English and Arabic positions, for those that occur at most
/// [`MAX_RECURRING`] times a side.
struct Occurrences {
    en: Vec<Vec<usize>>,
    ar: Vec<Vec<usize>>,
}

/// Anchors occurring more often than this on a side are not paired by the
/// refining rounds.
const MAX_RECURRING: usize = 64;

impl Occurrences {
    fn of(input: &AnchorInput) -> Occurrences {
        let vocab = input.vocab();
        let at = |side: &[Vec<(u32, crate::anchors::AnchorKind)>]| {
            let mut at: Vec<Vec<usize>> = vec![Vec::new(); vocab];
            for (pos, s) in side.iter().enumerate() {
                for &(id, _) in s {
                    if let Some(list) = at.get_mut(id as usize) {
                        list.push(pos);
                    }
                }
            }
            at.iter_mut()
                .filter(|l| l.len() > MAX_RECURRING)
                .for_each(|l| *l = Vec::new());
            at
        };
        Occurrences {
            en: at(&input.en),
            ar: at(&input.ar),
        }
    }

    /// The points `(i, j)` where an anchor occurs once within `reach` of the
    /// course on the Arabic side, around row `i`, and once within as many rows
    /// on the English side, around the row the course puts at `j`.
    fn near(&self, course: &[f64], reach: f64) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let rows = |j: f64| course.partition_point(|&c| c < j);
        for (e, a) in self.en.iter().zip(&self.ar) {
            if e.is_empty() || a.is_empty() {
                continue;
            }
            for &i in e {
                let centre = course.get(i).copied().unwrap_or(0.0);
                let lo = a.partition_point(|&j| (j as f64) < centre - reach);
                let hi = a.partition_point(|&j| (j as f64) <= centre + reach);
                if hi != lo + 1 {
                    continue;
                }
                let Some(&j) = a.get(lo) else { continue };
                let back = rows(j as f64);
                let span = (reach * (i.max(1) as f64) / centre.max(1.0)).max(1.0);
                let elo = e.partition_point(|&x| (x as f64) < back as f64 - span);
                let ehi = e.partition_point(|&x| (x as f64) <= back as f64 + span);
                if ehi == elo + 1 && e.get(elo) == Some(&i) {
                    out.push((i, j));
                }
            }
        }
        out
    }
}

/// The candidate points: the `t`-th English and `t`-th Arabic occurrence of
/// every anchor that occurs as often on both sides, at most
/// [`MAX_OCCURRENCES`] times.
fn candidates(input: &AnchorInput) -> Vec<(usize, usize)> {
    let vocab = input.vocab();
    let count = |side: &[Vec<(u32, crate::anchors::AnchorKind)>]| {
        let mut c = vec![0usize; vocab];
        for s in side {
            for &(id, _) in s {
                if let Some(x) = c.get_mut(id as usize) {
                    *x += 1;
                }
            }
        }
        c
    };
    let (ce, ca) = (count(&input.en), count(&input.ar));
    let kept = |id: u32| {
        let k = id as usize;
        let e = ce.get(k).copied().unwrap_or(0);
        e > 0 && e <= MAX_OCCURRENCES && ca.get(k).copied() == Some(e)
    };
    // Occurrences of each kept anchor, in order, on each side.
    let occurrences = |side: &[Vec<(u32, crate::anchors::AnchorKind)>]| {
        let mut at: Vec<Vec<usize>> = vec![Vec::new(); vocab];
        for (pos, s) in side.iter().enumerate() {
            for &(id, _) in s {
                if kept(id) {
                    if let Some(list) = at.get_mut(id as usize) {
                        list.push(pos);
                    }
                }
            }
        }
        at
    };
    let (oe, oa) = (occurrences(&input.en), occurrences(&input.ar));
    oe.iter()
        .zip(&oa)
        .flat_map(|(e, a)| e.iter().copied().zip(a.iter().copied()))
        .collect()
}

/// The longest chain of `points` (sorted) that never goes back on either side.
fn longest_chain(points: &[(usize, usize)]) -> Vec<(usize, usize)> {
    // Patience sorting on the Arabic positions: `tails[l]` is the index of the
    // point ending the best chain of length `l + 1` found so far.
    let mut tails: Vec<usize> = Vec::new();
    let mut before: Vec<Option<usize>> = vec![None; points.len()];
    for (k, &(_, j)) in points.iter().enumerate() {
        let l = tails.partition_point(|&t| points.get(t).map_or(0, |p| p.1) <= j);
        before[k] = l.checked_sub(1).and_then(|p| tails.get(p).copied());
        match tails.get_mut(l) {
            Some(t) => *t = k,
            None => tails.push(k),
        }
    }
    let mut chain = Vec::with_capacity(tails.len());
    let mut at = tails.last().copied();
    while let Some(k) = at {
        if let Some(&p) = points.get(k) {
            chain.push(p);
        }
        at = before.get(k).copied().flatten();
    }
    chain.reverse();
    chain
}

/// Drops, a few rounds over, the landmarks that stray from the line through
/// their neighbours by more than a quarter of the rows between them (plus a
/// few sentences, at `ratio` Arabic sentences per English one): a chance
/// agreement that the longest chain took in. The first and last are kept.
fn drop_astray(chain: &mut Vec<(usize, usize)>, ratio: f64) {
    for _ in 0..4 {
        let before = chain.len();
        let mut kept: Vec<(usize, usize)> = Vec::with_capacity(before);
        for k in 0..chain.len() {
            let here = chain[k];
            let astray = match (kept.last().copied(), chain.get(k + 1).copied()) {
                (Some(p), Some(q)) if k > 0 => {
                    let t = if q.0 > p.0 {
                        (here.0 - p.0) as f64 / (q.0 - p.0) as f64
                    } else {
                        0.5
                    };
                    let line = p.1 as f64 + t * (q.1 - p.1) as f64;
                    let allowed = (q.0 - p.0) as f64 * ratio / 4.0 + SLACK * ratio.max(1.0);
                    (here.1 as f64 - line).abs() > allowed
                }
                _ => false,
            };
            if !astray {
                kept.push(here);
            }
        }
        *chain = kept;
        if chain.len() == before {
            break;
        }
    }
}

/// Sentences a landmark may stray from its neighbours' line in any case.
const SLACK: f64 = 8.0;

/// The course through `marks` (from `(0, 0)` to `(n, m)`, never going back):
/// between two marks, each row's Arabic position is where the Arabic prefix
/// length has grown by the same share of the stretch's Arabic length as the
/// English prefix length has of its English length.
fn pinned_diagonal(marks: &[(usize, usize)], en_sums: &[f64], ar_sums: &[f64]) -> Vec<f64> {
    let n = en_sums.len() - 1;
    let mut out = vec![0.0; n + 1];
    for w in marks.windows(2) {
        let ((i0, j0), (i1, j1)) = (w[0], w[1]);
        let (e0, e1) = (en_sums[i0], en_sums[i1]);
        let (a0, a1) = (ar_sums[j0], ar_sums[j1]);
        let mut j = j0;
        for i in i0..=i1 {
            let share = if e1 > e0 {
                (en_sums[i] - e0) / (e1 - e0)
            } else if i1 > i0 {
                (i - i0) as f64 / (i1 - i0) as f64
            } else {
                1.0
            };
            let pos = arabic_position(ar_sums, &mut j, j1, a0 + share * (a1 - a0));
            out[i] = pos.clamp(j0 as f64, j1 as f64);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chain_skips_points_that_go_back() {
        let points = [(1, 1), (2, 9), (3, 3), (4, 4), (5, 2), (6, 6)];
        assert_eq!(longest_chain(&points), [(1, 1), (3, 3), (4, 4), (6, 6)]);
    }

    #[test]
    fn a_lone_far_point_is_dropped() {
        let mut chain = vec![(0, 0), (100, 100), (110, 190), (200, 200), (300, 300)];
        drop_astray(&mut chain, 1.0);
        // The landmark next to it strays from the line through the far one too,
        // and goes with it; the rest stay.
        assert_eq!(chain, [(0, 0), (200, 200), (300, 300)]);
        let mut chain = vec![(0, 0), (100, 100), (200, 210), (300, 300), (400, 400)];
        drop_astray(&mut chain, 1.0);
        assert_eq!(chain.len(), 5);
    }

    #[test]
    fn course_passes_through_the_landmarks() {
        let sums = |n: usize| (0..=n).map(|k| k as f64 * 10.0).collect::<Vec<f64>>();
        let (en, ar) = (sums(100), sums(120));
        let course = pinned_diagonal(&[(0, 0), (50, 80), (100, 120)], &en, &ar);
        assert_eq!(course.len(), 101);
        assert!((course[50] - 80.0).abs() < 1e-9);
        assert!((course[25] - 40.0).abs() < 1e-9);
        assert!((course[75] - 100.0).abs() < 1e-9);
        assert!(course.windows(2).all(|w| w[0] <= w[1]));
    }
}
