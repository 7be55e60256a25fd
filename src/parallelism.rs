//! Whether two texts translate each other: the [`Parallelism`] figures, the
//! evidence they are summed from, and the thresholds of the verdict.
//!
//! The sentence aligner reads the evidence off its beads (a bead with sentences on
//! both sides plays the part of a pair), the document aligner off its pairs; both
//! add it up here, so the figures and thresholds mean the same in either place.
//! Summing is linear in the pairs and their anchors.

use crate::anchors::AnchorKind;

/// How much a stretch of text looks like a translation rather than comparable
/// text on the same subject, for dropping pages or pairings that only mine
/// garbage pairs.
///
/// A document's and a pairing's figures come from their pairs; an
/// [`Alignment`](crate::Alignment)'s from its beads with sentences on both sides,
/// which play the part of pairs (see [`Alignment::is_parallel`](crate::Alignment::is_parallel)).
///
/// ```
/// use bitext::align_document;
/// let doc = align_document(
///     "The bridge opened in 1932.\nWho built it?\n\
///      افتتح الجسر عام 1932.\nمن بناه؟",
/// )?;
/// let p = doc.parallelism;
/// assert_eq!(p.paired_share, 1.0);
/// assert_eq!(p.anchor_agreement, Some(1.0)); // 1932 and the question mark
/// // Two short lines a side are weak evidence that the page is parallel at all:
/// assert!(p.confident_share < 1.0);
/// # Ok::<(), bitext::Error>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct Parallelism {
    /// Share of the English and Arabic sentences' bytes that lie in pairs.
    pub paired_share: f64,
    /// Share of pairs with a score of at least 0.9.
    pub confident_share: f64,
    /// Share of the pairs' anchors found on the other side of their pair: numbers,
    /// names and question and exclamation marks of the English side, numbers,
    /// Latin words and marks of the Arabic side (see [`extract_anchors`](crate::extract_anchors)). `None`
    /// when the pairs have none. Translations keep most (0.5 and more on news and
    /// scripture); pairs of unrelated sentences share few.
    pub anchor_agreement: Option<f64>,
}

/// Pairs at least this sure count as confident in [`Parallelism`].
pub(crate) const CONFIDENT: f64 = 0.9;

/// Share of the text on each side that must be paired for a document (or the
/// stretch between its first and last paired units) to count as parallel.
pub(crate) const MIN_COVERAGE: f64 = 0.5;

/// Fewest kept unit beads (or matched sentence beads) for the local parallelism
/// test: the stretch between the first and the last of fewer is too short to say
/// anything.
pub(crate) const MIN_LOCAL_BEADS: usize = 3;

/// Pairings of at least this many pairs whose mean score is below
/// [`NON_PARALLEL_SCORE`] are taken for text that is not a translation.
pub(crate) const NON_PARALLEL_MIN_PAIRS: usize = 5;

/// The mean posterior of a pairing's pairs is the share of them the model expects
/// to be right; below one half, most are expected wrong, which is what lengths of
/// unrelated text matched by chance look like.
pub(crate) const NON_PARALLEL_SCORE: f64 = 0.5;

/// Whether `paired` is at least [`MIN_COVERAGE`] of a non-empty `total`.
pub(crate) fn covers(paired: usize, total: usize) -> bool {
    total > 0 && paired as f64 >= MIN_COVERAGE * total as f64
}

/// Whether `pairs` pairs of this mean score look like chance matches of
/// unrelated text (see [`NON_PARALLEL_SCORE`]).
pub(crate) fn looks_unrelated(pairs: usize, mean_score: f64) -> bool {
    pairs >= NON_PARALLEL_MIN_PAIRS && mean_score < NON_PARALLEL_SCORE
}

/// English anchors that count towards agreement: those a translation keeps in a
/// form the Arabic side shows.
pub(crate) fn counted_en(kind: AnchorKind) -> bool {
    matches!(
        kind,
        AnchorKind::Number | AnchorKind::Name | AnchorKind::Question | AnchorKind::Exclamation
    )
}

/// Arabic anchors that count towards agreement.
pub(crate) fn counted_ar(kind: AnchorKind) -> bool {
    matches!(
        kind,
        AnchorKind::Number | AnchorKind::Latin | AnchorKind::Question | AnchorKind::Exclamation
    )
}

/// Anchors of a pair that count towards agreement, and how many of them the
/// other side has too: `(counted, found)`. `kind` reads an anchor's kind and
/// `found_in(side, anchor)` looks it up on the other side (by id or by key, as
/// the caller holds them).
pub(crate) fn agreement<T>(
    en: &[T],
    ar: &[T],
    kind: impl Fn(&T) -> AnchorKind,
    found_in: impl Fn(&[T], &T) -> bool,
) -> (usize, usize) {
    let (mut counted, mut found) = (0, 0);
    for a in en.iter().filter(|a| counted_en(kind(a))) {
        counted += 1;
        found += usize::from(found_in(ar, a));
    }
    for a in ar.iter().filter(|a| counted_ar(kind(a))) {
        counted += 1;
        found += usize::from(found_in(en, a));
    }
    (counted, found)
}

/// What pairs contribute to [`Parallelism`]: sums, so that a pairing's figures
/// and the document's add up the same per-pair counts.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Evidence {
    /// Weight (bytes, or the lengths the caller aligned) of the pairs' sentences.
    paired: usize,
    /// Pairs in the sum.
    pairs: usize,
    /// Pairs scoring at least [`CONFIDENT`].
    confident: usize,
    /// Anchors counted.
    anchors: usize,
    /// Counted anchors that the other side of their pair has too.
    found: usize,
}

impl Evidence {
    /// The evidence of one pair of this weight and score, with `agreement` as
    /// [`agreement`] counts it.
    pub(crate) fn of_pair(weight: usize, score: f64, (anchors, found): (usize, usize)) -> Evidence {
        Evidence {
            paired: weight,
            pairs: 1,
            confident: usize::from(score >= CONFIDENT),
            anchors,
            found,
        }
    }

    /// The sum of two sums of evidence.
    pub(crate) fn add(self, b: Evidence) -> Evidence {
        // Saturating: callers sum disjoint pairs, whose weights and anchors are
        // bounded by the input's length, but the weights are the caller's.
        Evidence {
            paired: self.paired.saturating_add(b.paired),
            pairs: self.pairs + b.pairs,
            confident: self.confident + b.confident,
            anchors: self.anchors.saturating_add(b.anchors),
            found: self.found.saturating_add(b.found),
        }
    }

    /// The figures of these pairs, out of `total` weight of sentences.
    pub(crate) fn parallelism(&self, total: usize) -> Parallelism {
        let share = |x: usize, of: usize| if of == 0 { 0.0 } else { x as f64 / of as f64 };
        Parallelism {
            paired_share: share(self.paired, total),
            confident_share: share(self.confident, self.pairs),
            anchor_agreement: (self.anchors > 0).then(|| share(self.found, self.anchors)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn evidence_counts_shared_anchors_of_the_kinds_each_side_keeps() {
        let en = [(1u32, AnchorKind::Number), (2, AnchorKind::Name)];
        // The Arabic side keeps the number; its Latin word has no English match.
        let ar = [(1u32, AnchorKind::Number), (3, AnchorKind::Latin)];
        let found_in = |side: &[(u32, AnchorKind)], a: &(u32, AnchorKind)| side.contains(a);
        let e = Evidence::of_pair(10, 0.95, agreement(&en, &ar, |a| a.1, found_in));
        let p = e.add(Evidence::of_pair(10, 0.2, (0, 0))).parallelism(40);
        assert_eq!(p.paired_share, 0.5);
        assert_eq!(p.confident_share, 0.5);
        // Counted: English number (found), name (not), Arabic number (found),
        // Latin word (not).
        assert_eq!(p.anchor_agreement, Some(0.5));
    }

    #[test]
    fn coverage_and_chance_tests_have_their_thresholds() {
        assert!(covers(5, 10) && !covers(4, 10) && !covers(0, 0));
        assert!(looks_unrelated(5, 0.49) && !looks_unrelated(4, 0.1) && !looks_unrelated(5, 0.5));
    }
}
