//! Step 4 of the module documentation: the units aligned at the length ratio
//! of most likelihood, the candidate structures of the page (block, and
//! interleaved either way), and the choice between them by evidence.

use std::collections::HashMap;
use std::ops::Range;

use super::checks::{Checks, UnitBead};
use super::prior_mass::ln_prior_mass;
use super::units::{is_beyond_weighing, is_book, Lines, Unit};
use super::{Beads, SCRATCH_KEEP};
use crate::align::{gamma_shrunk, AlignConfig, Aligner, Alignment, BeadKind, Params, LINE_SHAPE};
use crate::error::Result;
use crate::lang::Lang;

/// Aligns the page's units (lines) under the unit priors, at the length ratio
/// that makes the page most likely.
///
/// The ratio of the two sides' total lengths is biased wherever one side has
/// more untranslated text (an Arabic paragraph with no English, a long menu),
/// and a biased ratio shifts the alignment by a line: a shifted path is
/// self-consistent at the wrong ratio. So the ratio is chosen by likelihood
/// (the forward pass's `ln Z`, [`crate::Alignment::log_likelihood`]) over a
/// grid from half to twice the total-length ratio in quarter octaves, refined
/// once by an eighth: a profile-likelihood fit.
pub(super) fn align_units(
    settings: &AlignConfig,
    fixed: &mut Aligner,
    lines: &Lines<'_>,
) -> Result<Alignment> {
    let (n, m) = (lines.en_lens.len(), lines.ar_lens.len());
    if is_book(n, m) && !is_beyond_weighing(n, m) {
        // A book, not a page: untranslated lines are a small share of it, so the
        // total-length ratio serves, and thousands of lines are enough to fit
        // the bead priors and the ratio on the book itself.
        fixed.set_config(settings.clone());
        let out = fixed.align_with_match_costs(&lines.en_texts, &lines.ar_texts, lines.costs.all());
        fixed.release_scratch_above(SCRATCH_KEEP);
        return Ok(out);
    }
    let max_bead = settings.max_bead();
    let mut base =
        Params::estimate(max_bead, &lines.en_lens, &lines.ar_lens).with_unit_priors(max_bead);
    base.tail = settings.tail();
    (base.arabic_shape, base.arabic_scale) = gamma_shrunk(&lines.ar_lens, LINE_SHAPE);
    // The unit model's priors are population values and its ratio is profiled
    // here: a page's dozen lines are too few to refit them.
    let config = settings.to_builder().max_refits(0);
    fixed.set_config(config.build_config()?);
    let out = profile_ratio(fixed, &base, lines);
    fixed.release_scratch_above(SCRATCH_KEEP);
    out
}

/// The alignment of `align_units` at the ratio of most likelihood.
fn profile_ratio(aligner: &mut Aligner, base: &Params, lines: &Lines<'_>) -> Result<Alignment> {
    let Lines {
        en_texts,
        ar_texts,
        en_lens,
        ar_lens,
        costs,
    } = lines;
    let set = |aligner: &mut Aligner, octaves: f64| -> Result<()> {
        let params = base.at_ratio(base.ratio * octaves.exp2());
        let config = aligner.config().to_builder().params(Some(params));
        aligner.set_config(config.build_config()?);
        Ok(())
    };
    let book = is_beyond_weighing(en_lens.len(), ar_lens.len());
    let mut best = (0.0, f64::NEG_INFINITY);
    if !book {
        // The search compares lengths alone (anchors are fitted per alignment and
        // would make each point cost several times more); the alignment at the
        // chosen ratio then adds them.
        let step = 1.0 / f64::from(RATIO_STEPS);
        let try_ratio = |aligner: &mut Aligner, x: f64, best: &mut (f64, f64)| -> Result<()> {
            set(aligner, x)?;
            let ll = aligner
                .align_lengths_with_match_costs(en_lens, ar_lens, costs.all())
                .log_likelihood;
            if ll > best.1 {
                *best = (x, ll);
            }
            Ok(())
        };
        for k in -RATIO_STEPS..=RATIO_STEPS {
            try_ratio(aligner, f64::from(k) * step, &mut best)?;
        }
        // One halving of the step around the best point.
        let centre = best.0;
        try_ratio(aligner, centre - step / 2.0, &mut best)?;
        try_ratio(aligner, centre + step / 2.0, &mut best)?;
    }
    set(aligner, best.0)?;
    if book {
        // Past weighing (see `is_beyond_weighing`): the total-length ratio, and
        // lengths alone.
        return Ok(aligner.align_lengths_with_match_costs(en_lens, ar_lens, costs.all()));
    }
    Ok(aligner.align_with_match_costs(en_texts, ar_texts, costs.all()))
}

/// Step 4 of the module documentation: the candidate structures of the page
/// (all English units against all Arabic units; each run against the run of
/// the other language right after it, English first or Arabic first), each
/// aligned under the same unit model, and the one with the most evidence.
///
/// A structure's evidence is the likelihood of the page's lengths (and
/// anchors) under it, averaged over the alignments it allows:
/// `Z_S / Z⁰_S`, where `Z_S` sums `e^(−cost)` over the structure's paths (the
/// forward pass) and `Z⁰_S` sums their priors alone. Without the division the
/// block structure would always win, since every interleaved alignment is one
/// of its paths; with it, a structure that allows fewer alignments gains when
/// the page bears it out. The chosen structure's posterior (uniform prior over
/// the candidates) enters every unit bead's score, so a page whose structure
/// is in doubt gets low scores. Returns the chosen structure's checked unit
/// beads, or `None` when the page has no candidate at all.
pub(super) fn choose_structure(
    settings: &AlignConfig,
    aligner: &mut Aligner,
    global: &Alignment,
    checks: &Checks<'_, '_>,
    lines: &Lines<'_>,
    (en_units, ar_units): (&[Unit], &[Unit]),
) -> Result<Option<Vec<UnitBead>>> {
    let costs = &lines.costs;
    let block = || {
        global
            .beads
            .iter()
            .map(|b| (b.en.clone(), b.ar.clone(), b.score))
    };
    let priors = &global.params.priors;
    if is_beyond_weighing(costs.en.len(), costs.ar.len()) {
        // Too large to weigh in its time and memory (a line or a few words a
        // unit, hundreds of thousands of them): the block structure, checked
        // straight from the alignment's beads, with no list of runs or copy of
        // the beads beside them.
        return Ok(Some(checks.check(block())));
    }
    let block: Beads = block().collect();
    let sequence = run_sequence(en_units, ar_units);
    let whole = ln_prior_mass(priors, &costs.en, &costs.ar);
    // The page is not parallel: every unit a 1-0 or 0-1 bead for certain, a
    // likelihood ratio of one, evidence zero. Lengths of unrelated lines match
    // by chance about as often as they miss, so a structure must beat this by
    // more than chance to be believed.
    let mut candidates = vec![(global.log_likelihood - whole, block), (0.0, Vec::new())];
    let config = (settings.to_builder())
        .max_refits(0)
        .params(Some(global.params.clone()));
    aligner.set_config(config.build_config()?);
    let interleaved = if sequence.len() > 2 {
        [Lang::English, Lang::Arabic].as_slice()
    } else {
        // One run a language: interleaving is the block structure.
        &[]
    };
    for &first in interleaved {
        let (evidence, beads) = interleaved_candidate(aligner, first, &sequence, lines, priors)?;
        // Units outside every run pair are 1-0 and 0-1 beads for certain: their
        // likelihood ratio is one, so they add nothing to the evidence.
        if !beads.is_empty() {
            candidates.push((evidence, beads));
        }
    }
    Ok(marginalize(candidates, checks))
}

/// The interleaved structure that pairs every run of language `first` with the
/// run of the other language right after it: its evidence and its beads.
fn interleaved_candidate(
    aligner: &mut Aligner,
    first: Lang,
    sequence: &[(Lang, Range<usize>, usize)],
    lines: &Lines<'_>,
    priors: &[(BeadKind, f64)],
) -> Result<(f64, Beads)> {
    let Lines {
        en_texts,
        ar_texts,
        costs,
        ..
    } = lines;
    let mut beads = Vec::new();
    let mut evidence = 0.0;
    for (a, b) in sequence.iter().zip(sequence.iter().skip(1)) {
        if a.0 != first || b.0 == first {
            continue;
        }
        let (eu, au) = if first == Lang::English {
            (a.1.clone(), b.1.clone())
        } else {
            (b.1.clone(), a.1.clone())
        };
        let (ce, ca) = (
            costs.en.get(eu.clone()).unwrap_or_default(),
            costs.ar.get(au.clone()).unwrap_or_default(),
        );
        let al = aligner.align_with_match_costs(
            en_texts.get(eu.clone()).unwrap_or_default(),
            ar_texts.get(au.clone()).unwrap_or_default(),
            costs.slice(eu.clone(), au.clone()),
        );
        evidence += al.log_likelihood - ln_prior_mass(priors, ce, ca);
        // Cannot overflow: beads cover the two slices exactly, so a bead
        // ends at most at a slice's length, and each slice is empty or
        // starts at `eu.start` (`au.start`) and ends inside the unit lists.
        beads.extend(al.beads.iter().map(|x| {
            (
                x.en.start + eu.start..x.en.end + eu.start,
                x.ar.start + au.start..x.ar.end + au.start,
                x.score,
            )
        }));
    }
    Ok((evidence, beads))
}

/// The checked unit beads of the structure of highest posterior, each scored by
/// its posterior marginalized over the `(evidence, beads)` candidates, or `None`
/// when no candidate has any posterior weight.
fn marginalize(candidates: Vec<(f64, Beads)>, checks: &Checks<'_, '_>) -> Option<Vec<UnitBead>> {
    let best = candidates
        .iter()
        .map(|c| c.0)
        .fold(f64::NEG_INFINITY, f64::max);
    let total: f64 = candidates.iter().map(|c| (c.0 - best).exp()).sum();
    // Each unit bead's score is its posterior marginalized over the structures:
    // the sum, over the structures that have the same bead, of the structure's
    // posterior times the bead's score under it. Structures that agree on a bead
    // do not lower its score; a bead only one doubtful structure has does.
    // Ties keep the earliest candidate: the block structure.
    let posteriors: Vec<f64> = candidates
        .iter()
        .map(|c| {
            if total.is_finite() && total > 0.0 {
                (c.0 - best).exp() / total
            } else {
                0.0
            }
        })
        .collect();
    let checked: Vec<Vec<UnitBead>> = candidates
        .into_iter()
        .map(|c| checks.check(c.1.into_iter()))
        .collect();
    let chosen = posteriors
        .iter()
        .position(|&p| p * total >= 1.0 - 1e-12)
        .or_else(|| posteriors.iter().position(|&p| p > 0.0))?;
    let mut kept = checked.get(chosen).cloned().unwrap_or_default();
    // Each candidate's beads by their ranges, for a lookup per kept bead: a book
    // page has hundreds of thousands of beads in every candidate.
    let key = |b: &UnitBead| (b.en.start, b.en.end, b.ar.start, b.ar.end);
    let scores: Vec<HashMap<(usize, usize, usize, usize), f64>> = checked
        .iter()
        .map(|beads| {
            let mut by_range = HashMap::with_capacity(beads.len());
            for b in beads {
                // The first of equal ranges, as a scan would find.
                by_range.entry(key(b)).or_insert(b.score);
            }
            by_range
        })
        .collect();
    for bead in &mut kept {
        bead.score = scores
            .iter()
            .zip(&posteriors)
            .filter_map(|(beads, p)| beads.get(&key(bead)).map(|s| p * s))
            .sum();
    }
    Some(kept)
}

/// Grid points per octave of the unit ratio search (see `align_units`).
const RATIO_STEPS: i32 = 4;

/// English and Arabic runs in document order, each with its unit range.
fn run_sequence(en_units: &[Unit], ar_units: &[Unit]) -> Vec<(Lang, Range<usize>, usize)> {
    let mut seq: Vec<(Lang, Range<usize>, usize)> = Vec::new();
    for (lang, units) in [(Lang::English, en_units), (Lang::Arabic, ar_units)] {
        for (i, u) in units.iter().enumerate() {
            match seq.last_mut() {
                Some(last) if last.0 == lang && last.2 == u.run => last.1.end = i + 1,
                _ => seq.push((lang, i..i + 1, u.run)),
            }
        }
    }
    seq.sort_by_key(|x| x.2);
    seq
}
