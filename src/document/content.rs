//! What a unit bead's sides share beyond their lengths (after step 5): the
//! numbers and foreign words a translation writes as its source does. Lengths
//! cannot tell a paragraph from an unrelated one of the same length (a
//! paragraph replaced by another story, two pages of one layout); these
//! tokens can, where the page has them.

use std::ops::Range;

use super::alignment::Sentence;
use super::checks::UnitBead;
use super::units::{sentence_range, LineKind, Unit};
use crate::align::UNIT_MATCH_RATE;
use crate::anchors::{anchor_hash, visit, AnchorKind};
use crate::lang::Lang;
use crate::lexicon::ids::IdSet;
use crate::parallelism::agreement;

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

/// A token of a unit bead's side: its kind and its key's hash.
type Token = (AnchorKind, u64);

/// Appends to `out` the numbers of one side of a unit bead and, with `latin`,
/// the Latin words that `latin` holds (by their hashes), each once.
fn side_tokens(side: &str, lang: Lang, latin: Option<&dyn Fn(u64) -> bool>, out: &mut Vec<Token>) {
    let start = out.len();
    visit(side, lang, false, latin.is_some(), &mut |kind, key| {
        if !is_kept_form(kind) {
            return;
        }
        let token = (kind, anchor_hash(kind, key));
        let wanted = kind != AnchorKind::Latin || latin.is_some_and(|keep| keep(token.1));
        if wanted && !out[start..].contains(&token) {
            out.push(token);
        }
    });
}

/// One bead's terms of the moment estimate in [`Spread`]: its squared
/// deviation from `c·rate` beyond the binomial variance, and its share of the
/// beta-binomial's extra variance; nothing for a bead of fewer than two items.
fn spread_terms((c, f): (usize, usize), rate: f64) -> (f64, f64) {
    if c < 2 {
        return (0.0, 0.0);
    }
    let var = rate * (1.0 - rate);
    let (c, f) = (c as f64, f as f64);
    ((f - c * rate).powi(2) - c * var, c * (c - 1.0) * var)
}

/// How much more the beads' shares of kept items vary than independent items
/// would: the intra-bead correlation of a beta-binomial, by moments about the
/// pooled rate. Summed once; each bead's own terms are taken out when it is
/// weighed, so the work is linear in the beads.
struct Spread {
    rate: f64,
    excess: f64,
    scale: f64,
}

impl Spread {
    fn of(own: &[(usize, usize)], rate: f64) -> Spread {
        let (excess, scale) = own.iter().fold((0.0, 0.0), |(e, s), &cf| {
            let (de, ds) = spread_terms(cf, rate);
            (e + de, s + ds)
        });
        Spread {
            rate,
            excess,
            scale,
        }
    }

    /// The correlation from the beads other than one with counts `own`: 0
    /// when their counts look binomial, at most 1.
    fn without(&self, own: (usize, usize)) -> f64 {
        let (de, ds) = spread_terms(own, self.rate);
        let scale = self.scale - ds;
        if scale <= 1e-12 {
            return 0.0;
        }
        ((self.excess - de) / scale).clamp(0.0, 1.0)
    }
}

/// The line lattice's prior odds that two lines standing where a pair would
/// are unrelated, each unpaired (a 1-0 and a 0-1 bead, in either order),
/// against a 1-1 pair: from its line priors, whose 1-1 share `m` and unpaired
/// share `u` give `UNIT_MATCH_RATE = m / (m + u)` with `m + 2u = 1`.
fn substituted_prior() -> f64 {
    let r = UNIT_MATCH_RATE;
    let matched = r / (2.0 - r);
    let unmatched = (1.0 - matched) / 2.0;
    let both = 2.0 * unmatched * unmatched;
    both / (matched + both)
}

/// The factor by which content evidence of log likelihood ratio `llr`
/// (related against unrelated) multiplies a unit bead's score. The score
/// presumes, as the lattice does, that lines standing where a pair would are
/// related, at the lattice's own prior ([`substituted_prior`]); evidence
/// against that presumption takes it away by Bayes' rule, and evidence for it
/// leaves the score as it is: the map that calibrated the score was fitted on
/// pages where every such pair was related, so it already counts on it.
fn against(llr: f64) -> f64 {
    if llr >= 0.0 {
        return 1.0;
    }
    let rho = substituted_prior();
    let ratio = llr.exp();
    ratio / ((1.0 - rho) * ratio + rho)
}

/// Weighs each kept unit bead's score by what its sides share beyond their
/// lengths, which cannot tell a paragraph from an unrelated one of the same
/// length: the numbers and foreign words a translation writes as its source
/// does (see [`weigh`]). Beads with a line that is not a sentence keep their
/// scores: these tokens say whether two lines translate each other, not
/// whether they are the page's text (a byline and its translation share their
/// date), which their kind's prior already weighed.
pub(super) fn weigh_content(
    kept: &mut [UnitBead],
    (en_kinds, ar_kinds): (&[LineKind], &[LineKind]),
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
    // Every bead's tokens of one side in one list, a bead's at `bounds[k]`: a
    // book-size page has hundreds of thousands of beads, and a list of its own
    // for each side would cost more than the tokens.
    let tokens_of = |lang: Lang, latin: Option<&dyn Fn(u64) -> bool>| {
        let mut flat: Vec<Token> = Vec::new();
        let bounds: Vec<Range<usize>> = kept
            .iter()
            .map(|ub| {
                let start = flat.len();
                let text = match lang {
                    Lang::Arabic => side(ar, ar_units, &ub.ar),
                    _ => side(en, en_units, &ub.en),
                };
                side_tokens(text, lang, latin, &mut flat);
                start..flat.len()
            })
            .collect();
        (flat, bounds)
    };
    let (ar_flat, ar_bounds) = tokens_of(Lang::Arabic, Some(&|_| true));
    // Latin words count on the Arabic side; on the English side, where every
    // word is one, they are only looked up by the Arabic side's, so those the
    // page's Arabic never writes are left out.
    let ar_latin: IdSet<u64> = ar_flat
        .iter()
        .filter(|t| t.0 == AnchorKind::Latin)
        .map(|t| t.1)
        .collect();
    let in_arabic = |h: u64| ar_latin.contains(&h);
    let (en_flat, en_bounds) =
        tokens_of(Lang::English, (!ar_latin.is_empty()).then_some(&in_arabic));
    let found_in = |side: &[Token], a: &Token| side.contains(a);
    // Cannot panic: bead indices are below `kept.len()`, the bounds' length,
    // and the bounds were taken from the lists as they grew.
    weigh(kept, &sentences, |x, y| {
        agreement(
            &en_flat[en_bounds[x].clone()],
            &ar_flat[ar_bounds[y].clone()],
            |t| t.0,
            found_in,
        )
    });
}

/// One kind of evidence over the kept unit beads whose `sentences` flag is set:
/// `agree(x, y)` counts the items of bead `x`'s sides and how many of them are
/// found on the other side of bead `y`. The items of a bead are weighed by
/// their likelihood ratio, related against unrelated: each one found counts
/// `keep / chance`, each one missing `(1 − keep) / (1 − chance)`, where `keep`
/// is the rate at which the page's *other* beads keep their items (a bead does
/// not vouch for itself: an unrelated paragraph's lost numbers must not teach
/// the page that numbers get lost) and `chance` the rate at which a bead's
/// items are found on the next bead's other side; the ratio then lowers the
/// score through [`against`]. Where items are kept no more often than found by
/// chance, or a bead has none, its score is left as it is.
fn weigh(
    kept: &mut [UnitBead],
    sentences: &[bool],
    agree: impl Fn(usize, usize) -> (usize, usize),
) {
    let own: Vec<(usize, usize)> = (0..kept.len()).map(|k| agree(k, k)).collect();
    if own.iter().all(|&(c, _)| c == 0) {
        return;
    }
    let mut chance = (0usize, 0usize);
    for y in 1..kept.len() {
        let x = y - 1;
        for (c, f) in [agree(x, y), agree(y, x)] {
            chance = (chance.0 + c, chance.1 + f);
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
    let spread = Spread::of(&own, found as f64 / counted.max(1) as f64);
    for ((ub, &(c, f)), &weighed) in kept.iter_mut().zip(&own).zip(sentences) {
        if c == 0 || !weighed {
            continue;
        }
        // Cannot underflow: `found` and `counted` are sums over `own`, which
        // holds `(c, f)`.
        let others = ((found - f) as f64, (counted - c) as f64);
        let keep = (others.0 + KEEP_PRIOR.0) / (others.1 + KEEP_PRIOR.1);
        if keep > by_chance {
            // The items of one bead are not independent: a free translation
            // keeps fewer of all of them. Their evidence counts as that of
            // `c / (1 + (c − 1)·spread)` independent ones.
            let spread = spread.without((c, f));
            let items = 1.0 + c.saturating_sub(1) as f64 * spread;
            ub.score *= against(llr(keep, (c, f)) / items);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_beads_spread_is_that_of_the_others() {
        // Beads keeping their items evenly look binomial; one bead keeping
        // none of many makes the others' counts no less even.
        let even = [(4, 2), (6, 3), (2, 1), (8, 4)];
        let mut all = even.to_vec();
        all.push((10, 0));
        let rate = 10.0 / 30.0;
        let spread = Spread::of(&all, rate);
        let others = Spread::of(&even, rate);
        assert!((spread.without((10, 0)) - others.without((0, 0))).abs() < 1e-12);
        // With it among them, the others' counts vary more than binomially.
        assert!(spread.without((2, 1)) > 0.1);
        assert_eq!(Spread::of(&[(1, 1), (0, 0)], 0.5).without((1, 1)), 0.0);
    }

    #[test]
    fn evidence_for_a_pair_leaves_it_and_evidence_against_lowers_it() {
        // Two unpaired lines against a pair: 2·0.115² against 0.77.
        let rho = substituted_prior();
        assert!((rho - 2.0 * 0.115 * 0.115 / (0.77 + 2.0 * 0.115 * 0.115)).abs() < 1e-9);
        assert_eq!((against(0.0), against(5.0)), (1.0, 1.0));
        let mut last = 1.0;
        for k in 1..40 {
            let f = against(-f64::from(k) / 4.0);
            assert!(f < last && f > 0.0, "{k}: {f}");
            last = f;
        }
        // Evidence as strong as the prior is against a substitution halves the
        // presumption; much stronger evidence leaves little of it.
        assert!((against((rho / (1.0 - rho)).ln()) - 0.5 / (1.0 - rho)).abs() < 1e-9);
        assert!(against(-8.0) < 0.02);
    }
}
