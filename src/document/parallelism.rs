//! Whether a document, or a pairing of its runs, is parallel: the coverage test
//! on the kept unit beads (step 5 of the module documentation), the drop of
//! pairings whose pairs look like unrelated text, and the [`Parallelism`]
//! figures of the final pairs.

use std::ops::Range;

use super::checks::UnitBead;
use super::pairs::pairings;
use super::{DocumentAlignment, Pair, Sentence};
use crate::anchors::{collect_anchors, Anchor, AnchorKind};
use crate::Lang;

/// Share of the text on each side that must be paired for a document (or the
/// stretch between its first and last paired units) to count as parallel.
pub(crate) const MIN_COVERAGE: f64 = 0.5;

/// Fewest kept unit beads for the local parallelism test.
pub(crate) const MIN_LOCAL_BEADS: usize = 3;

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

/// What pairs contribute to [`Parallelism`]: sums, so that a pairing's figures
/// and the document's add up the same per-pair counts.
#[derive(Clone, Copy, Debug, Default)]
struct Evidence {
    /// Bytes of the pairs' sentences.
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
    /// The evidence of one pair.
    fn of(p: &Pair<'_>, en: &[Sentence<'_>], ar: &[Sentence<'_>]) -> Evidence {
        let bytes = |list: &[Sentence<'_>], r: &Range<usize>| -> usize {
            list.get(r.clone())
                .unwrap_or_default()
                .iter()
                .map(|s| s.text.len())
                .sum()
        };
        // English Latin words are only looked up for Arabic ones, Arabic names for
        // English ones: each is extracted only when the other side has some, since
        // they are most of the cost of anchors on each side (issue 13). English
        // goes first: names are common in English and Latin words rare in Arabic,
        // so each side is mostly read once. Which names and Latin words a side has
        // does not depend on whether the other kind is extracted.
        let mut ea = collect_anchors(p.en, Lang::English, true, false);
        let names = ea.iter().any(|a| a.kind == AnchorKind::Name);
        let aa = collect_anchors(p.ar, Lang::Arabic, names, true);
        if aa.iter().any(|a| a.kind == AnchorKind::Latin) {
            let latin = collect_anchors(p.en, Lang::English, false, true);
            ea.extend(latin.into_iter().filter(|a| a.kind == AnchorKind::Latin));
        }
        let counted_en = |a: &&Anchor| {
            matches!(
                a.kind,
                AnchorKind::Number
                    | AnchorKind::Name
                    | AnchorKind::Question
                    | AnchorKind::Exclamation
            )
        };
        let counted_ar = |a: &&Anchor| {
            matches!(
                a.kind,
                AnchorKind::Number
                    | AnchorKind::Latin
                    | AnchorKind::Question
                    | AnchorKind::Exclamation
            )
        };
        let (mut anchors, mut found) = (0, 0);
        for a in ea.iter().filter(counted_en) {
            anchors += 1;
            found += usize::from(aa.contains(a));
        }
        for a in aa.iter().filter(counted_ar) {
            anchors += 1;
            found += usize::from(ea.contains(a));
        }
        Evidence {
            paired: bytes(en, &p.en_sentences) + bytes(ar, &p.ar_sentences),
            pairs: 1,
            confident: usize::from(p.score >= CONFIDENT),
            anchors,
            found,
        }
    }

    /// The sum of two sums of evidence.
    fn add(self, b: Evidence) -> Evidence {
        // Cannot overflow: pairs hold disjoint sentences (unit beads are disjoint
        // and each is cut into consecutive pairs), so their texts are disjoint
        // parts of the input. `paired` sums to at most its length, and so do the
        // anchor counts: a token gives no more anchors than it has chars (see
        // `visit_anchors`).
        Evidence {
            paired: self.paired + b.paired,
            pairs: self.pairs + b.pairs,
            confident: self.confident + b.confident,
            anchors: self.anchors + b.anchors,
            found: self.found + b.found,
        }
    }

    /// The sum of some pairs' evidence.
    fn sum(pairs: &[Pair<'_>], en: &[Sentence<'_>], ar: &[Sentence<'_>]) -> Evidence {
        pairs.iter().fold(Evidence::default(), |sum, p| {
            sum.add(Evidence::of(p, en, ar))
        })
    }

    /// The figures of these pairs, out of `total` bytes of sentences.
    fn parallelism(&self, total: usize) -> Parallelism {
        let share = |x: usize, of: usize| if of == 0 { 0.0 } else { x as f64 / of as f64 };
        Parallelism {
            paired_share: share(self.paired, total),
            confident_share: share(self.confident, self.pairs),
            anchor_agreement: (self.anchors > 0).then(|| share(self.found, self.anchors)),
        }
    }
}

/// Pairs at least this sure count as confident in [`Parallelism`].
pub(crate) const CONFIDENT: f64 = 0.9;

/// The document-level test of the module documentation.
pub(super) fn is_parallel(kept: &[UnitBead], en_lens: &[usize], ar_lens: &[usize]) -> bool {
    let (Some(first), Some(last)) = (kept.first(), kept.last()) else {
        return false;
    };
    let pe: usize = kept.iter().map(|b| b.en_len).sum();
    let pa: usize = kept.iter().map(|b| b.ar_len).sum();
    let share = |paired: usize, lens: &[usize]| {
        let total: usize = lens.iter().sum();
        total > 0 && paired as f64 >= MIN_COVERAGE * total as f64
    };
    if share(pe, en_lens) && share(pa, ar_lens) {
        return true;
    }
    kept.len() >= MIN_LOCAL_BEADS
        && share(
            pe,
            en_lens.get(first.en.start..last.en.end).unwrap_or_default(),
        )
        && share(
            pa,
            ar_lens.get(first.ar.start..last.ar.end).unwrap_or_default(),
        )
}

/// Pairings of at least this many pairs whose mean score is below
/// [`NON_PARALLEL_SCORE`] are taken for text that is not a translation.
pub(crate) const NON_PARALLEL_MIN_PAIRS: usize = 5;

/// The mean posterior of a pairing's pairs is the share of them the model expects
/// to be right; below one half, most are expected wrong, which is what unrelated text
/// of similar lengths looks like (the README's *Why these constants* gives the
/// mean scores of parallel and of unrelated text).
pub(crate) const NON_PARALLEL_SCORE: f64 = 0.5;

/// Removes the pairs of pairings that look non-parallel (many pairs, low mean score)
/// and regroups the rest.
pub(super) fn drop_non_parallel(
    doc: &mut DocumentAlignment<'_>,
    en: &[Sentence<'_>],
    ar: &[Sentence<'_>],
) {
    let bad: Vec<Range<usize>> = doc
        .pairings
        .iter()
        .filter(|p| p.pairs.len() >= NON_PARALLEL_MIN_PAIRS && p.mean_score < NON_PARALLEL_SCORE)
        .map(|p| p.pairs.clone())
        .collect();
    if bad.is_empty() {
        return;
    }
    // One mark per pair, so the drop is linear in the pairs.
    let mut keep = vec![true; doc.pairs.len()];
    for r in &bad {
        if let Some(marks) = keep.get_mut(r.clone()) {
            marks.fill(false);
        }
    }
    let mut marks = keep.into_iter();
    doc.pairs.retain(|_| marks.next().unwrap_or(true));
    doc.pairings = pairings(&doc.pairs, en, ar);
}
/// Fills in the [`Parallelism`] of each pairing and of the whole document from
/// the final pairs, reading each pair's anchors once.
pub(super) fn set_parallelism(
    doc: &mut DocumentAlignment<'_>,
    en: &[Sentence<'_>],
    ar: &[Sentence<'_>],
) {
    // Bytes per run, summed once: a pass over all sentences per pairing would
    // make interleaved documents quadratic.
    let mut run_bytes = vec![0usize; doc.runs.len()];
    for s in en.iter().chain(ar) {
        if let Some(b) = run_bytes.get_mut(s.run) {
            *b += s.text.len();
        }
    }
    // `pairings` partitions the pairs into consecutive stretches, so the
    // document's evidence is the sum of its pairings'.
    debug_assert!(doc.pairings.last().map_or(0, |p| p.pairs.end) == doc.pairs.len());
    let mut all = Evidence::default();
    for p in &mut doc.pairings {
        let total = p
            .en_runs
            .iter()
            .chain(&p.ar_runs)
            .map(|&r| run_bytes.get(r).copied().unwrap_or(0))
            .sum();
        let here = Evidence::sum(doc.pairs.get(p.pairs.clone()).unwrap_or_default(), en, ar);
        all = all.add(here);
        p.parallelism = here.parallelism(total);
    }
    doc.parallelism = all.parallelism(run_bytes.iter().sum());
}
