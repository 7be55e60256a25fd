//! [`Parallelism`] of an alignment of two sentence lists, and the verdict of
//! [`Alignment::is_parallel`].
//!
//! The figures and thresholds are the document aligner's (see
//! [`crate::document`]), read off beads instead of pairs: a *matched* bead is one
//! with sentences on both sides (what a document would make a pair of). Time is
//! linear in the sentences and their anchors.

use super::anchor::AnchorInput;
use super::{Alignment, Bead};
use crate::anchors::AnchorKind;
use crate::document::{
    CONFIDENT, MIN_COVERAGE, MIN_LOCAL_BEADS, NON_PARALLEL_MIN_PAIRS, NON_PARALLEL_SCORE,
};
use crate::Parallelism;

/// English anchors that count towards agreement: those a translation keeps in
/// a form the Arabic side shows (as in a document's [`Parallelism`]).
fn counted_en(kind: AnchorKind) -> bool {
    matches!(
        kind,
        AnchorKind::Number | AnchorKind::Name | AnchorKind::Question | AnchorKind::Exclamation
    )
}

/// Arabic anchors that count towards agreement.
fn counted_ar(kind: AnchorKind) -> bool {
    matches!(
        kind,
        AnchorKind::Number | AnchorKind::Latin | AnchorKind::Question | AnchorKind::Exclamation
    )
}

/// The anchor ids of sentences `range` of one side, each once.
fn side_ids(
    lists: &[Vec<(u32, AnchorKind)>],
    range: std::ops::Range<usize>,
    out: &mut Vec<(u32, AnchorKind)>,
) {
    out.clear();
    for list in lists.get(range).unwrap_or_default() {
        out.extend_from_slice(list);
    }
    out.sort_unstable_by_key(|x| x.0);
    out.dedup_by_key(|x| x.0);
}

impl Parallelism {
    /// The figures of `beads` over sentences weighing `en` and `ar` (bytes of
    /// text, or the lengths the caller aligned), with anchor agreement when the
    /// aligner extracted anchors.
    pub(crate) fn of_beads(
        beads: &[Bead],
        en: &[usize],
        ar: &[usize],
        anchors: Option<&AnchorInput>,
    ) -> Parallelism {
        let weight = |w: &[usize], r: &std::ops::Range<usize>| -> usize {
            w.get(r.clone()).unwrap_or_default().iter().sum()
        };
        let (mut paired, mut pairs, mut confident) = (0usize, 0usize, 0usize);
        let (mut counted, mut found) = (0usize, 0usize);
        let (mut ids_en, mut ids_ar) = (Vec::new(), Vec::new());
        for b in beads.iter().filter(|b| !b.kind.is_unmatched()) {
            // Cannot overflow: beads are disjoint, so these sum to at most the
            // total weight, which the caller's lists hold.
            paired += weight(en, &b.en) + weight(ar, &b.ar);
            pairs += 1;
            confident += usize::from(b.score >= CONFIDENT);
            if let Some(a) = anchors {
                side_ids(&a.en, b.en.clone(), &mut ids_en);
                side_ids(&a.ar, b.ar.clone(), &mut ids_ar);
                let has = |ids: &[(u32, AnchorKind)], id: u32| {
                    ids.binary_search_by_key(&id, |x| x.0).is_ok()
                };
                for &(id, _) in ids_en.iter().filter(|x| counted_en(x.1)) {
                    counted += 1;
                    found += usize::from(has(&ids_ar, id));
                }
                for &(id, _) in ids_ar.iter().filter(|x| counted_ar(x.1)) {
                    counted += 1;
                    found += usize::from(has(&ids_en, id));
                }
            }
        }
        let total = en
            .iter()
            .chain(ar)
            .fold(0usize, |a, &b| a.saturating_add(b));
        let share = |x: usize, of: usize| if of == 0 { 0.0 } else { x as f64 / of as f64 };
        Parallelism {
            paired_share: share(paired, total),
            confident_share: share(confident, pairs),
            anchor_agreement: (counted > 0).then(|| share(found, counted)),
        }
    }
}

impl Alignment {
    /// Whether the two lists look like translations of each other, by the tests
    /// a document must pass before any of its pairs is kept (see
    /// [`DocumentAligner`](crate::DocumentAligner)), with sentences counted where a document weighs
    /// text:
    ///
    /// - the matched beads (with sentences on both sides) hold at least half of
    ///   the English and half of the Arabic sentences, or there are at least 3 of
    ///   them and they hold half of each side's sentences between the first and
    ///   the last of them; and
    /// - not at least 5 matched beads whose mean score is below one half (the
    ///   model expects most of them wrong: lengths of unrelated sentences matched
    ///   by chance).
    ///
    /// Alignment always pairs *something*; when this is false, treat the matched
    /// beads as chance and pair nothing.
    ///
    /// ```
    /// use bitext::align_sentences;
    /// let en = ["The sun rose over the hills.", "Birds sang.", "It was a new day."];
    /// let ar = ["أشرقت الشمس فوق التلال.", "غنت الطيور.", "كان يوماً جديداً."];
    /// assert!(align_sentences(&en, &ar).is_parallel());
    ///
    /// // One English sentence against a long list: something gets paired, but
    /// // most of the Arabic is left over.
    /// let one = ["The committee will meet again next week."];
    /// let many: Vec<String> = (1..=40).map(|i| format!("البند رقم {i} من جدول الأعمال.")).collect();
    /// let a = align_sentences(&one, &many);
    /// assert!(a.beads.iter().any(|b| !b.kind.is_unmatched()));
    /// assert!(!a.is_parallel());
    /// ```
    pub fn is_parallel(&self) -> bool {
        let matched: Vec<&Bead> = self
            .beads
            .iter()
            .filter(|b| !b.kind.is_unmatched())
            .collect();
        let (Some(first), Some(last)) = (matched.first(), matched.last()) else {
            return false;
        };
        let mean = matched.iter().map(|b| b.score).sum::<f64>() / matched.len() as f64;
        if matched.len() >= NON_PARALLEL_MIN_PAIRS && mean < NON_PARALLEL_SCORE {
            return false;
        }
        let en_paired: usize = matched.iter().map(|b| b.en.len()).sum();
        let ar_paired: usize = matched.iter().map(|b| b.ar.len()).sum();
        let (n, m) = (
            self.beads.last().map_or(0, |b| b.en.end),
            self.beads.last().map_or(0, |b| b.ar.end),
        );
        let covers = |paired: usize, of: usize| of > 0 && paired as f64 >= MIN_COVERAGE * of as f64;
        if covers(en_paired, n) && covers(ar_paired, m) {
            return true;
        }
        matched.len() >= MIN_LOCAL_BEADS
            && covers(en_paired, last.en.end.saturating_sub(first.en.start))
            && covers(ar_paired, last.ar.end.saturating_sub(first.ar.start))
    }
}
