//! Step 6 of the module documentation: sentence pairs inside the kept unit
//! beads, unmatched inner sentences merged into their neighbours, and the
//! grouping of pairs into [`Pairing`]s.

use std::ops::Range;

use super::alignment::{Pair, Pairing, Sentence};
use super::calibration::linked;
use super::checks::UnitBead;
use super::units::{sentence_range, Unit};
use super::{Beads, SCRATCH_KEEP};
use crate::align::{AlignConfig, Aligner, BeadKind};
use crate::error::Result;
use crate::parallelism::Parallelism;

/// Folds inner 1-0 and 0-1 beads into the bead before them (or after, at the
/// start), so the sentence pairs of a unit bead cover it whole.
pub(super) fn merge_unmatched(
    beads: Vec<(Range<usize>, Range<usize>, f64)>,
) -> Vec<(Range<usize>, Range<usize>, f64)> {
    let mut out: Vec<(Range<usize>, Range<usize>, f64)> = Vec::new();
    let mut pending: Option<(Range<usize>, Range<usize>)> = None;
    for (e, a, s) in beads {
        if e.is_empty() || a.is_empty() {
            match out.last_mut() {
                Some(last) => {
                    last.0.end = last.0.end.max(e.end);
                    last.1.end = last.1.end.max(a.end);
                }
                None => pending = Some(cover_pending(pending.take(), e, a)),
            }
            continue;
        }
        let (e, a) = cover_pending(pending.take(), e, a);
        out.push((e, a, s));
    }
    out
}

/// `(e, a)` widened to cover the pending unmatched sentences, if any.
fn cover_pending(
    pending: Option<(Range<usize>, Range<usize>)>,
    e: Range<usize>,
    a: Range<usize>,
) -> (Range<usize>, Range<usize>) {
    match pending {
        Some((pe, pa)) => (cover(&pe, &e), cover(&pa, &a)),
        None => (e, a),
    }
}

/// Smallest range covering both; an empty range contributes nothing.
fn cover(a: &Range<usize>, b: &Range<usize>) -> Range<usize> {
    if a.is_empty() {
        return b.clone();
    }
    if b.is_empty() {
        return a.clone();
    }
    a.start.min(b.start)..a.end.max(b.end)
}

pub(super) fn make_pair<'t>(
    text: &'t str,
    en: &[Sentence<'t>],
    ar: &[Sentence<'t>],
    er: Range<usize>,
    arr: Range<usize>,
    score: f64,
) -> Option<Pair<'t>> {
    let en_span = en
        .get(er.start)?
        .span
        .cover(en.get(er.end.checked_sub(1)?)?.span);
    let ar_span = ar
        .get(arr.start)?
        .span
        .cover(ar.get(arr.end.checked_sub(1)?)?.span);
    let kind = BeadKind::new(er.len(), arr.len());
    Some(Pair {
        en: text.get(en_span.range())?,
        ar: text.get(ar_span.range())?,
        en_span,
        ar_span,
        kind,
        score,
        en_sentences: er,
        ar_sentences: arr,
    })
}

/// Groups pairs into runs that translate each other (connected components of
/// the run-sharing relation; pairs are monotone, so a component is a stretch
/// of consecutive pairs). Their [`Parallelism`] is left for
/// [`set_parallelism`](super::verdict::set_parallelism), once the pairs are final.
pub(super) fn pairings(
    pairs: &[Pair<'_>],
    en: &[Sentence<'_>],
    ar: &[Sentence<'_>],
) -> Vec<Pairing> {
    let runs_of = |list: &[Sentence<'_>], r: &Range<usize>| -> Vec<usize> {
        let mut v: Vec<usize> = list
            .get(r.clone())
            .unwrap_or_default()
            .iter()
            .map(|s| s.run)
            .collect();
        v.dedup();
        v
    };
    let mut out: Vec<Pairing> = Vec::new();
    for (i, p) in pairs.iter().enumerate() {
        let er = runs_of(en, &p.en_sentences);
        let arr = runs_of(ar, &p.ar_sentences);
        let joins = out.last().is_some_and(|last| {
            er.iter().any(|r| last.en_runs.contains(r))
                || arr.iter().any(|r| last.ar_runs.contains(r))
        });
        if let (true, Some(last)) = (joins, out.last_mut()) {
            for r in er {
                if !last.en_runs.contains(&r) {
                    last.en_runs.push(r);
                }
            }
            for r in arr {
                if !last.ar_runs.contains(&r) {
                    last.ar_runs.push(r);
                }
            }
            last.pairs.end = i + 1;
            last.mean_score += p.score;
        } else {
            out.push(Pairing {
                en_runs: er,
                ar_runs: arr,
                pairs: i..i + 1,
                mean_score: p.score,
                parallelism: Parallelism::default(),
            });
        }
    }
    for p in &mut out {
        // `pairs` is never empty: each pairing starts with one pair.
        p.mean_score /= p.pairs.len().max(1) as f64;
    }
    out
}

/// Step 6 of the module documentation: the sentence pairs inside each kept
/// unit bead, aligned again at the `ratio` fitted on the units. Each side is
/// given as its sentence list and its units.
pub(super) fn pairs_in_units<'t>(
    (settings, sentence_pairs): (&AlignConfig, bool),
    inner: &mut Aligner,
    text: &'t str,
    kept: &[UnitBead],
    (en, en_units): (&[Sentence<'t>], &[Unit]),
    (ar, ar_units): (&[Sentence<'t>], &[Unit]),
    ratio: f64,
) -> Result<Vec<Pair<'t>>> {
    // Every pair holds a sentence of each side, so a unit bead gives at most
    // as many pairs as its shorter side has sentences: reserving that bound
    // spares the list its doubling and the copy of shrinking it (on a page of
    // a million lines, a hundred megabytes at the end of the call).
    let len = |r: Option<Range<usize>>| r.map_or(0, |r| r.len());
    let bound = kept.iter().fold(0usize, |n, ub| {
        let (e, a) = (
            sentence_range(en_units, &ub.en),
            sentence_range(ar_units, &ub.ar),
        );
        n.saturating_add(len(e).min(len(a)))
    });
    let mut pairs = Vec::with_capacity(bound);
    // Fitted ratios always lie in the range `AlignerBuilder::ratio` accepts.
    let config = settings.to_builder().fit(false).ratio(Some(ratio));
    inner.set_config(config.build_config()?);
    for ub in kept {
        let (Some(es), Some(as_)) = (
            sentence_range(en_units, &ub.en),
            sentence_range(ar_units, &ub.ar),
        ) else {
            continue;
        };
        if !sentence_pairs || (es.len() == 1 && as_.len() == 1) {
            pairs.extend(make_pair(text, en, ar, es, as_, ub.score));
            continue;
        }
        let ub_units = (
            en_units.get(ub.en.clone()).unwrap_or_default(),
            ar_units.get(ub.ar.clone()).unwrap_or_default(),
        );
        for (er, arr, s) in inner_beads(inner, (en, es), (ar, as_), ub_units)? {
            pairs.extend(make_pair(text, en, ar, er, arr, ub.score * linked(s)));
        }
    }
    inner.release_scratch_above(SCRATCH_KEEP);
    Ok(pairs)
}

/// The sentence beads of one unit bead whose sides are the sentences `es` of
/// `en` and `as_` of `ar` (and the units `ub_units`), as sentence index ranges
/// with their scores, unmatched sentences merged into their neighbours.
fn inner_beads<'t>(
    inner: &mut Aligner,
    (en, es): (&[Sentence<'t>], Range<usize>),
    (ar, as_): (&[Sentence<'t>], Range<usize>),
    (ub_en, ub_ar): (&[Unit], &[Unit]),
) -> Result<Beads> {
    // Sentence texts: the aligner adds their anchors to the lengths.
    let texts = |list: &[Sentence<'t>], r: &Range<usize>| -> Vec<&'t str> {
        list.get(r.clone())
            .unwrap_or_default()
            .iter()
            .map(|s| s.text)
            .collect()
    };
    let (te, ta) = (texts(en, &es), texts(ar, &as_));
    let a = inner.align(&te, &ta);
    // Cannot overflow: beads cover `te` and `ta` exactly, and each is
    // empty or the texts of a slice of `en` (`ar`) starting at
    // `es.start` (`as_.start`), so a sum is at most `es.start`
    // (`as_.start`) or the list's length.
    let mut beads: Vec<(Range<usize>, Range<usize>, f64)> = a
        .beads
        .iter()
        .map(|b| {
            (
                b.en.start + es.start..b.en.end + es.start,
                b.ar.start + as_.start..b.ar.end + as_.start,
                b.score,
            )
        })
        .collect();
    // An unmatched whole line at either end of the unit bead is
    // a menu or caption line the unit alignment glued on, not
    // part of the paragraph: leave it unpaired.
    let whole_line = |b: &(Range<usize>, Range<usize>, f64)| {
        let (units, r) = if b.1.is_empty() {
            (ub_en, &b.0)
        } else if b.0.is_empty() {
            (ub_ar, &b.1)
        } else {
            return false;
        };
        units.iter().any(|u| u.sentences == *r)
    };
    let leading = beads.iter().take_while(|b| whole_line(b)).count();
    beads.drain(..leading);
    while beads.last().is_some_and(whole_line) {
        beads.pop();
    }
    Ok(merge_unmatched(beads))
}
