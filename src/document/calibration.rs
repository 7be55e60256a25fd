//! A pair's score as the probability that it is right.
//!
//! A document pair is right when its English and its Arabic lie inside the
//! same translated passage: a finer split of a translated paragraph is right,
//! and so is a merge of translated sentences that go together. What the
//! aligner reports for a bead is narrower: the posterior probability of that
//! exact bead among all alignments of the lattice. Where a paragraph can be
//! cut into sentence beads in several ways (two verses against one long
//! sentence, or against two), the exact-bead posterior spreads over the cuts,
//! while the sentences are linked correctly under every one of them.
//!
//! So each bead posterior `p` (of a unit bead in the page's line lattice, and
//! of a sentence bead inside it) is read through one monotone map, the
//! probability that a bead of posterior `p` links its sentences correctly:
//!
//! ```text
//! linked(p) = σ(LINK_SLOPE · logit(p) + LINK_OFFSET)
//! ```
//!
//! and a pair's score is `linked(unit bead) × linked(sentence bead)`: the unit
//! bead right (its lines translate each other, under the structure chosen,
//! the lines' kinds entering the line lattice as priors), and inside it the
//! sentence bead linked right.
//!
//! The map is a logistic (Platt) fit of "every English sentence of the bead is
//! in the same gold bead as every Arabic one" against `logit(p)`, over the
//! 2,340 beads with both sides of the `eval/dev` sentence cases (the scaled
//! `large`/`speed` copies left out), aligned without a lexicon (`evaluate
//! --no-lexicon`), as a page's line lattice and the sentences inside a unit
//! bead are: they hold fewer sentences than self-training needs. Checked on the set it was not fitted on:
//! on `eval/dev_modern`'s 919 beads the expected calibration error (ten bins)
//! of "linked right" goes from 0.019 (raw posteriors) to 0.005, and on
//! `eval/stress`'s 15,762 from 0.070 to 0.012. The reverse fit, on
//! `dev_modern`, gives slope 1.275 and offset 1.088, and on `dev` an error of
//! 0.008 (from 0.059): the two fits agree where the scores lie.
//! A smooth map keeps distinct posteriors distinct, so thresholds stay
//! continuous.
//!
//! The line lattice weighs lengths, and lengths cannot tell a paragraph from
//! an unrelated one of the same length. So a kept unit bead's score is then
//! weighed by what its sides share ([`weigh_content`]): numbers and foreign
//! words, and the translations of its words where the aligner has a lexicon.

use std::ops::Range;

use super::alignment::Sentence;
use super::checks::UnitBead;
use super::units::{LineKind, Unit};
use crate::anchors::{collect_anchors, Anchor, AnchorKind};
use crate::lang::Lang;
use crate::lexicon::words::Words;
use crate::lexicon::Lexicon;
use crate::parallelism::agreement;

/// Slope of the map on the log odds of a bead posterior (see the module docs).
const LINK_SLOPE: f64 = 1.7089;

/// Offset of the map on the log odds of a bead posterior (see the module docs).
const LINK_OFFSET: f64 = 0.7216;

/// The probability that a bead of posterior `p` links its sentences
/// correctly; 0 and 1 stay where they are, and the map is increasing.
pub(super) fn linked(p: f64) -> f64 {
    if p.is_nan() || p <= 0.0 {
        return 0.0;
    }
    if p >= 1.0 {
        return 1.0;
    }
    let logit = (p / (1.0 - p)).ln();
    1.0 / (1.0 + (-(LINK_SLOPE * logit + LINK_OFFSET)).exp())
}

/// Prior of the rate at which a translation keeps an item of its source (a
/// number, a foreign word, a word's translation): a half, worth two items.
const KEEP_PRIOR: (f64, f64) = (1.0, 2.0);

/// Prior of the rate at which an item of one pair is found on the other side
/// of the next pair, by chance: one in ten, worth ten items.
const CHANCE_PRIOR: (f64, f64) = (1.0, 10.0);

/// Tokens a translation writes as its source does, whatever the languages:
/// numbers, and Latin words inside Arabic. Names are left out: their skeletons
/// miss often enough on right pairs (vocalized scripture) that a miss says
/// little.
fn is_kept_form(kind: AnchorKind) -> bool {
    matches!(kind, AnchorKind::Number | AnchorKind::Latin)
}

/// The stretch of `text` from the first to the last of the sentences `r` of
/// `list`; empty when there are none.
fn side_text<'t>(text: &'t str, r: Option<Range<usize>>, list: &[Sentence<'_>]) -> &'t str {
    let Some(sentences) = r.and_then(|r| list.get(r)) else {
        return "";
    };
    let (Some(first), Some(last)) = (sentences.first(), sentences.last()) else {
        return "";
    };
    text.get(first.span.cover(last.span).range())
        .unwrap_or_default()
}

/// The numbers (and, on the Arabic side, Latin words) of one side of a unit
/// bead.
fn side_tokens(side: &str, lang: Lang) -> Vec<Anchor> {
    // Latin words are tokens of the Arabic side only: on the English side
    // every word is one.
    let mut v = collect_anchors(side, lang, false, lang == Lang::Arabic);
    v.retain(|a| is_kept_form(a.kind));
    v
}

/// `p` with its odds multiplied by `e^llr`.
fn update(p: f64, llr: f64) -> f64 {
    if p <= 0.0 || p >= 1.0 {
        return p;
    }
    1.0 / (1.0 + (1.0 - p) / p * (-llr).exp())
}

/// Weighs each kept unit bead's score by what its sides share beyond their
/// lengths, which cannot tell a paragraph from an unrelated one of the same
/// length: the numbers and foreign words a translation writes as its source
/// does, and, where the aligner has a lexicon, the translations of its English
/// words (see [`weigh`]). Beads with a line that is not a sentence keep their
/// scores: these say whether two lines translate each other, not whether they
/// are the page's text (a byline and its translation share their date), which
/// their kind's prior already weighed.
pub(super) fn weigh_content(
    kept: &mut [UnitBead],
    (en_kinds, ar_kinds): (&[LineKind], &[LineKind]),
    lexicon: Option<&Lexicon>,
    text: &str,
    (en, en_units): (&[Sentence<'_>], &[Unit]),
    (ar, ar_units): (&[Sentence<'_>], &[Unit]),
) {
    let content = |kinds: &[LineKind], r: &Range<usize>| {
        kinds
            .get(r.clone())
            .is_some_and(|k| k.iter().all(|&k| k == LineKind::Content))
    };
    let sentences: Vec<bool> = kept
        .iter()
        .map(|ub| content(en_kinds, &ub.en) && content(ar_kinds, &ub.ar))
        .collect();
    let side = |list: &[Sentence<'_>], units: &[Unit], r: &Range<usize>| -> &str {
        side_text(text, sentence_range(units, r), list)
    };
    let tokens: Vec<(Vec<Anchor>, Vec<Anchor>)> = kept
        .iter()
        .map(|ub| {
            (
                side_tokens(side(en, en_units, &ub.en), Lang::English),
                side_tokens(side(ar, ar_units, &ub.ar), Lang::Arabic),
            )
        })
        .collect();
    let found_in = |side: &[Anchor], a: &Anchor| side.contains(a);
    weigh(kept, &sentences, &tokens, |(e, _), (_, a)| {
        agreement(e, a, |t| t.kind, found_in)
    });
    let Some(lexicon) = lexicon.filter(|l| !l.is_empty()) else {
        return;
    };
    // One pass over each language's sides, so each distinct token is stemmed
    // and looked up once for the page.
    let words = Words::default();
    let en_sides: Vec<&str> = kept.iter().map(|ub| side(en, en_units, &ub.en)).collect();
    let ar_sides: Vec<&str> = kept.iter().map(|ub| side(ar, ar_units, &ub.ar)).collect();
    let translated = |w: &str| {
        let e = lexicon.en_vocab().get(w)?;
        (!lexicon.translations(e).is_empty()).then_some(e)
    };
    let mut en_ids = words.ids_of(&en_sides, false, &mut |w| translated(w));
    let mut ar_ids = words.ids_of(&ar_sides, true, &mut |w| lexicon.ar_vocab().get(w));
    for ids in en_ids.iter_mut().chain(&mut ar_ids) {
        ids.sort_unstable();
        ids.dedup();
    }
    let stems: Vec<(Vec<u32>, Vec<u32>)> = en_ids.into_iter().zip(ar_ids).collect();
    weigh(kept, &sentences, &stems, |(e, _), (_, a)| {
        let found = e
            .iter()
            .filter(|&&w| {
                lexicon
                    .translations(w)
                    .iter()
                    .any(|(t, _)| a.binary_search(t).is_ok())
            })
            .count();
        (e.len(), found)
    });
}

/// One kind of evidence over the kept unit beads whose `sentences` flag is set:
/// `agree(x, y)` counts the items of bead `x`'s English side and how many of
/// them are found on bead `y`'s Arabic side (with the Arabic side's own items
/// the other way, where the kind has them). Each item found on its own bead's
/// other side multiplies the bead's odds by `keep / chance`, each one missing
/// by `(1 − keep) / (1 − chance)`: `keep` is the rate at which the page's
/// *other* beads keep their items (a bead does not vouch for itself: an
/// unrelated paragraph's lost numbers must not teach the page that numbers get
/// lost) and `chance` the rate at which a bead's items are found on the next
/// bead's other side. Where items are kept no more often than found by chance,
/// or a bead has none, its score is left as it is.
fn weigh<S>(
    kept: &mut [UnitBead],
    sentences: &[bool],
    sides: &[S],
    agree: impl Fn(&S, &S) -> (usize, usize),
) {
    let own: Vec<(usize, usize)> = sides.iter().map(|s| agree(s, s)).collect();
    if own.iter().all(|&(c, _)| c == 0) {
        return;
    }
    let mut chance = (0usize, 0usize);
    for w in sides.windows(2) {
        if let [x, y] = w {
            for (c, f) in [agree(x, y), agree(y, x)] {
                chance = (chance.0 + c, chance.1 + f);
            }
        }
    }
    let by_chance = (chance.1 as f64 + CHANCE_PRIOR.0) / (chance.0 as f64 + CHANCE_PRIOR.1);
    let llr = |keep: f64, (c, f): (usize, usize)| {
        let missed = c.saturating_sub(f) as f64;
        f as f64 * (keep / by_chance).ln() + missed * ((1.0 - keep) / (1.0 - by_chance)).ln()
    };
    let (counted, found) = own
        .iter()
        .fold((0, 0), |(c, f), &(ci, fi)| (c + ci, f + fi));
    for ((ub, &(c, f)), &weighed) in kept.iter_mut().zip(&own).zip(sentences) {
        if c == 0 || !weighed {
            continue;
        }
        // Cannot underflow: `found` and `counted` are sums over `own`, which
        // holds `(c, f)`.
        let others = ((found - f) as f64, (counted - c) as f64);
        let keep = (others.0 + KEEP_PRIOR.0) / (others.1 + KEEP_PRIOR.1);
        if keep > by_chance {
            // Items pooled over several lines of a side say that most of it
            // is translated, not that each line is: a heading glued to its
            // paragraph, untranslated, lends the paragraph's words. Such a
            // bead takes only the evidence against it.
            let l = llr(keep, (c, f));
            let lines = ub.en.len().max(ub.ar.len());
            ub.score = update(ub.score, if lines > 1 { l.min(0.0) } else { l });
        }
    }
}

/// The sentences of the units `r`: from the first one's first to the last one's
/// last; `None` when `r` is empty or out of range.
fn sentence_range(units: &[Unit], r: &Range<usize>) -> Option<Range<usize>> {
    let first = units.get(r.start)?;
    let last = units.get(r.end.checked_sub(1)?)?;
    Some(first.sentences.start..last.sentences.end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_map_is_increasing_and_keeps_the_ends() {
        assert_eq!(
            (linked(0.0), linked(1.0), linked(f64::NAN)),
            (0.0, 1.0, 0.0)
        );
        let mut last = 0.0;
        for k in 1..1000 {
            let q = linked(f64::from(k) / 1000.0);
            assert!(
                q > last && q < 1.0,
                "linked({}) = {q}",
                f64::from(k) / 1000.0
            );
            last = q;
        }
    }

    #[test]
    fn token_evidence_moves_the_odds_and_leaves_certainty_alone() {
        assert_eq!((update(0.0, 5.0), update(1.0, -5.0)), (0.0, 1.0));
        assert!((update(0.5, 2.0_f64.ln()) - 2.0 / 3.0).abs() < 1e-12);
        assert!(update(0.99, -6.0) < 0.3);
    }

    #[test]
    fn split_posteriors_are_lifted_and_doubtful_ones_stay_doubtful() {
        // A verse pair whose exact bead holds 0.8 of the mass is linked right
        // more often than that; a bead at 0.2 stays unlikely.
        assert!(linked(0.8) > 0.9);
        assert!(linked(0.2) < 0.3);
        // The map crosses the diagonal once, below a half.
        assert!(linked(0.3) > 0.3 && linked(0.25) < 0.25);
    }
}
