//! Whether a document, or a pairing of its runs, is parallel: the coverage test
//! on the kept unit beads (step 5), the drop of pairings whose pairs look like
//! unrelated text, and the [`Parallelism`](crate::Parallelism) figures of the final pairs.

use std::ops::Range;

use super::alignment::{DocumentAlignment, Pair, Sentence};
use super::checks::UnitBead;
use super::pairs::pairings;
use crate::anchors::{collect_anchors, Anchor, AnchorKind};
use crate::lang::Lang;
use crate::parallelism::{self, agreement, covers, Evidence};

/// The evidence of one pair: its bytes, its score, and its anchors found on the
/// other side.
fn pair_evidence(p: &Pair<'_>, en: &[Sentence<'_>], ar: &[Sentence<'_>]) -> Evidence {
    let bytes = |list: &[Sentence<'_>], r: &Range<usize>| -> usize {
        list.get(r.clone())
            .unwrap_or_default()
            .iter()
            .map(|s| s.text.len())
            .sum()
    };
    // English Latin words are only looked up for Arabic ones, Arabic names for
    // English ones: each is extracted only when the other side has some, since
    // they are most of the cost of anchors on each side. English goes first:
    // names are common in English and Latin words rare in Arabic, so each side is
    // mostly read once. Which names and Latin words a side has does not depend on
    // whether the other kind is extracted.
    let mut ea = collect_anchors(p.en, Lang::English, true, false);
    let names = ea.iter().any(|a| a.kind == AnchorKind::Name);
    let aa = collect_anchors(p.ar, Lang::Arabic, names, true);
    if aa.iter().any(|a| a.kind == AnchorKind::Latin) {
        let latin = collect_anchors(p.en, Lang::English, false, true);
        ea.extend(latin.into_iter().filter(|a| a.kind == AnchorKind::Latin));
    }
    let agreed = agreement(&ea, &aa, |a| a.kind, |side: &[Anchor], a| side.contains(a));
    let weight = bytes(en, &p.en_sentences) + bytes(ar, &p.ar_sentences);
    Evidence::of_pair(weight, p.score, agreed)
}

/// The sum of some pairs' evidence.
fn pairs_evidence(pairs: &[Pair<'_>], en: &[Sentence<'_>], ar: &[Sentence<'_>]) -> Evidence {
    pairs.iter().fold(Evidence::default(), |sum, p| {
        sum.add(pair_evidence(p, en, ar))
    })
}

/// The document-level test of the module documentation.
pub(super) fn is_parallel(kept: &[UnitBead], en_lens: &[usize], ar_lens: &[usize]) -> bool {
    let (Some(first), Some(last)) = (kept.first(), kept.last()) else {
        return false;
    };
    let paired_en: usize = kept.iter().map(|b| b.en_len).sum();
    let paired_ar: usize = kept.iter().map(|b| b.ar_len).sum();
    let share = |paired: usize, lens: &[usize]| covers(paired, lens.iter().sum());
    if share(paired_en, en_lens) && share(paired_ar, ar_lens) {
        return true;
    }
    kept.len() >= parallelism::MIN_LOCAL_BEADS
        && share(
            paired_en,
            en_lens.get(first.en.start..last.en.end).unwrap_or_default(),
        )
        && share(
            paired_ar,
            ar_lens.get(first.ar.start..last.ar.end).unwrap_or_default(),
        )
}

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
        .filter(|p| parallelism::looks_unrelated(p.pairs.len(), p.mean_score))
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
/// Fills in the [`Parallelism`](crate::Parallelism) of each pairing and of the whole document from
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
        let here = pairs_evidence(doc.pairs.get(p.pairs.clone()).unwrap_or_default(), en, ar);
        all = all.add(here);
        p.parallelism = here.parallelism(total);
    }
    doc.parallelism = all.parallelism(run_bytes.iter().sum());
}
