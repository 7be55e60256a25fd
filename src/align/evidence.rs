//! The [`Parallelism`] of an alignment of two sentence lists, and the verdict of
//! [`Alignment::is_parallel`]: the document aligner's figures and thresholds
//! (`crate::parallelism`), read off beads instead of pairs. A *matched* bead is
//! one with sentences on both sides (what a document would make a pair of). Time
//! is linear in the sentences and their anchors.

use std::ops::Range;

use super::anchor::AnchorInput;
use super::{Alignment, Bead};
use crate::anchors::AnchorKind;
use crate::parallelism::{self, agreement, covers, Evidence, Parallelism};

/// The anchor ids of sentences `range` of one side, each once, sorted.
fn side_ids(
    lists: &[Vec<(u32, AnchorKind)>],
    range: Range<usize>,
    out: &mut Vec<(u32, AnchorKind)>,
) {
    out.clear();
    for list in lists.get(range).unwrap_or_default() {
        out.extend_from_slice(list);
    }
    out.sort_unstable_by_key(|x| x.0);
    out.dedup_by_key(|x| x.0);
}

/// The figures of `beads` over sentences weighing `en` and `ar` (bytes of text,
/// or the lengths the caller aligned), with anchor agreement when the aligner
/// extracted anchors.
pub(crate) fn parallelism_of_beads(
    beads: &[Bead],
    en: &[usize],
    ar: &[usize],
    anchors: Option<&AnchorInput>,
) -> Parallelism {
    let weight = |w: &[usize], r: &Range<usize>| -> usize {
        w.get(r.clone()).unwrap_or_default().iter().sum()
    };
    let (mut ids_en, mut ids_ar) = (Vec::new(), Vec::new());
    let mut sum = Evidence::default();
    for b in beads.iter().filter(|b| !b.kind.is_unmatched()) {
        let agreed = match anchors {
            Some(a) => {
                side_ids(&a.en, b.en.clone(), &mut ids_en);
                side_ids(&a.ar, b.ar.clone(), &mut ids_ar);
                let found_in = |side: &[(u32, AnchorKind)], x: &(u32, AnchorKind)| {
                    side.binary_search_by_key(&x.0, |y| y.0).is_ok()
                };
                agreement(&ids_en, &ids_ar, |x| x.1, found_in)
            }
            None => (0, 0),
        };
        let pair = Evidence::of_pair(weight(en, &b.en) + weight(ar, &b.ar), b.score, agreed);
        sum = sum.add(pair);
    }
    let total = en
        .iter()
        .chain(ar)
        .fold(0usize, |a, &b| a.saturating_add(b));
    sum.parallelism(total)
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
        if parallelism::looks_unrelated(matched.len(), mean) {
            return false;
        }
        let paired_en: usize = matched.iter().map(|b| b.en.len()).sum();
        let paired_ar: usize = matched.iter().map(|b| b.ar.len()).sum();
        let (n, m) = (
            self.beads.last().map_or(0, |b| b.en.end),
            self.beads.last().map_or(0, |b| b.ar.end),
        );
        if covers(paired_en, n) && covers(paired_ar, m) {
            return true;
        }
        matched.len() >= parallelism::MIN_LOCAL_BEADS
            && covers(paired_en, last.en.end.saturating_sub(first.en.start))
            && covers(paired_ar, last.ar.end.saturating_sub(first.ar.start))
    }
}
