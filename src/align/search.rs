//! The steps of an alignment: a first path with a quick model, fitting on sample
//! windows of it (`refit`), the full model in a band around it, repair windows where
//! the path presses against the band, and scores from forward–backward around the
//! final path. See the parent module for the model and the complexity.

use std::sync::Arc;

use super::anchor::{AnchorInput, AnchorTable};
use super::band::Band;
use super::costs::BeadCosts;
use super::course::landmark_course;
use super::grain::Grain;
use super::lattice::{Beam, Lattice};
use super::local::{self, LocalRates};
use super::model::Params;
use super::{AlignStats, Aligner, Alignment, Bead, BeadKind};
use crate::parallelism::Parallelism;

impl Aligner {
    /// An alignment in five steps: the quick path (`quick_path`), fitting on sample
    /// windows of it (`fit_on_sample`), the anchor table and rates along the text for
    /// the fitted parameters, the full model in a band around the quick path
    /// (`full_path`, with its repair windows), and the scoring pass (`score`, `beads`);
    /// then what the beads teach, and with a `grain`, unless they teach a second
    /// alignment, the beads over its units (`Grain::project`).
    pub(super) fn align_inner(
        &mut self,
        en: &[usize],
        ar: &[usize],
        terms: Terms,
        grain: Option<&Grain>,
    ) -> (Alignment, Option<Vec<Bead>>, Option<AnchorInput>) {
        let visited = self.lattice.visited.saturating_add(self.window.visited);
        self.lattice.set_lengths(en, ar);
        let mut params = self.start_params(en, ar);
        let mut stats = AlignStats::default();
        let mut path = Vec::new();
        let along = self.quick_path(&mut params, terms, &mut path, &mut stats);

        // Fitting runs on windows of the quick path: it only needs a good path to put
        // a narrow band around, not the best one.
        let params = self.fit_on_sample(en, ar, &path, params, &mut stats);
        let start = Start {
            path,
            params,
            visited_before: visited,
        };
        self.search_from(en, ar, terms, grain, start, along, stats, true)
    }

    /// The full model around `start.path`, a previous alignment's path, with its
    /// parameters: the second alignment of self-training, which needs neither a
    /// quick path nor fitting again. The new terms move bead boundaries by a
    /// sentence or two, not the course, so the path is searched only in the
    /// scoring pass's band around the previous one (on the development sets this
    /// gives the same beads as the full model's band and repairs, at a third of
    /// the cost).
    pub(super) fn finish(
        &mut self,
        en: &[usize],
        ar: &[usize],
        terms: Terms,
        grain: Option<&Grain>,
        start: Start,
    ) -> (Alignment, Option<Vec<Bead>>) {
        self.lattice.set_lengths(en, ar);
        let along = is_long(en.len(), ar.len()).then(|| local::path_course(&start.path, en.len()));
        let (out, units, _) = self.search_from(
            en,
            ar,
            terms,
            grain,
            start,
            along,
            AlignStats::default(),
            false,
        );
        (out, units)
    }

    /// The steps of [`Aligner::align_inner`] after fitting: the anchor and lexical
    /// tables and rates along `along` (on book-length input), the full model in a
    /// band around `start.path` (when `full`), and scores; then what the beads
    /// teach (`terms.teach`), and, unless that calls for a second alignment, the
    /// beads over the grain's units.
    #[allow(clippy::too_many_arguments)]
    fn search_from(
        &mut self,
        en: &[usize],
        ar: &[usize],
        terms: Terms,
        grain: Option<&Grain>,
        start: Start,
        along: Option<Vec<f64>>,
        mut stats: AlignStats,
        full: bool,
    ) -> (Alignment, Option<Vec<Bead>>, Option<AnchorInput>) {
        let Start {
            mut path,
            params,
            visited_before,
        } = start;
        let Terms {
            anchors,
            lexical,
            teach,
        } = terms;
        // Rates along the quick path, for the parameters as fitted.
        let rates = along.map(|c| {
            let lat = &self.lattice;
            Arc::new(LocalRates::along(
                &c,
                &lat.en_sums,
                &lat.ar_sums,
                &params,
                local::MAX_PRIOR_COST,
            ))
        });
        let rates = rates.as_ref();

        // Anchors are fitted on the quick path: it shows how often each kind of
        // anchor survives translation in this input.
        let table = anchors
            .and_then(|a| AnchorTable::fit(a, &points(&path)))
            .map(Arc::new);
        stats.anchors = table.is_some();
        let anchor_rates = table.as_ref().map_or_else(Vec::new, |t| t.rates());
        // The lexical term is fitted the same way, on its own table.
        let lexical = lexical
            .and_then(|l| AnchorTable::fit(l, &points(&path)))
            .map(Arc::new);

        let model = BeadCosts::new(&params, &self.lattice.ar_sums)
            .with_anchors(table.as_ref(), (0, 0))
            .with_lexical(lexical.as_ref(), (0, 0))
            .with_match_costs(self.matches.as_ref(), (0, 0))
            .with_content(self.content.as_ref(), (0, 0))
            .with_local(rates, 0)
            .keeping_costs(teach.is_some());
        let ctx = Context {
            en,
            ar,
            params: &params,
            anchors: table.as_ref(),
            lexical: lexical.as_ref(),
            rates,
        };
        if full {
            self.full_path(&ctx, &model, &mut path, &mut stats);
        }
        let (best, log_z) = self.score(&model, &mut path, &mut stats);
        let beads = self.beads(&model, &params, &path);
        // A second alignment replaces this one's units: they are not worth
        // projecting.
        let taught = teach.and_then(|teach| teach(&beads));
        let mut span_cells = 0;
        let units = grain
            .filter(|_| taught.is_none())
            .map(|g| g.project(&beads, &self.lattice, &model, &mut span_cells));
        stats.cells_visited = (self.lattice.visited.saturating_add(self.window.visited))
            .saturating_sub(visited_before)
            .saturating_add(span_cells);
        let alignment = Alignment {
            beads,
            params,
            cost: best,
            log_likelihood: log_z,
            stats,
            anchor_rates,
            // Filled in by the callers, which know what the lengths weigh.
            parallelism: Parallelism::default(),
        };
        (alignment, units, taught)
    }

    /// The parameters to start from: those handed in, the closed-form estimates, or
    /// fixed values, with the ratio and tail settings applied.
    fn start_params(&self, en: &[usize], ar: &[usize]) -> Params {
        let mut params = match &self.config.params {
            Some(given) => Params::clone(given),
            None if self.config.fit => Params::estimate(self.config.max_bead, en, ar),
            None => Params::fixed(self.config.max_bead, ar),
        };
        if let Some(c) = self.config.ratio {
            // Validated to lie in the range `at_ratio` clamps to.
            params = params.at_ratio(c);
        }
        if self.config.params.is_none() {
            params.tail = self.config.tail;
        }
        params
    }

    /// The quick path into `path`, adding the one-to-many kinds up to
    /// [`AlignerBuilder::many_to_one`](super::AlignerBuilder::many_to_one) to `params` where the input calls for them; returns
    /// the course to take rates along on book-length input (`None` on shorter input).
    fn quick_path(
        &mut self,
        params: &mut Params,
        terms: Terms,
        path: &mut Vec<(usize, usize, u8)>,
        stats: &mut AlignStats,
    ) -> Option<Vec<f64>> {
        let (n, m) = (self.lattice.n(), self.lattice.m());
        let beam = quick_beam(&terms, self.matches.is_some());
        // Parameters handed in keep their kinds.
        let extra: Vec<BeadKind> = if self.config.params.is_some() {
            Vec::new()
        } else {
            (self.config.max_bead + 1..=self.config.many_to_one)
                .flat_map(|k| [BeadKind::new(1, k), BeadKind::new(k, 1)])
                .collect()
        };
        if is_long(n, m) {
            // Book-length input: rates along the text. The many-to-one kinds are in
            // from the start; where the local priors make them negligible they are
            // not searched. The first course is the diagonal of the cumulative
            // lengths, which needs no search; the quick path then gives a better
            // one. Lines with match costs (a page's lines, where 1-0 and 0-1 beads
            // are cheap) let a quick path that has lost the text stay lost, so
            // their course runs through the anchors' landmarks where there are
            // enough.
            if !extra.is_empty() {
                *params = params.with_more_kinds(&extra, n, m);
            }
            let lat = &self.lattice;
            let course = terms
                .anchors
                .filter(|_| self.matches.is_some())
                .and_then(|a| landmark_course(a, &lat.en_sums, &lat.ar_sums))
                .unwrap_or_else(|| {
                    local::length_diagonal(&lat.en_sums, &lat.ar_sums, params.ratio)
                });
            self.first_path(params, Some(&course), beam, path, stats);
            Some(local::path_course(path, n))
        } else {
            // First pass with a quick model, then the full model in a narrow band
            // around its path.
            self.first_path(params, None, beam, path, stats);
            // Many-to-one beads where the quick path shows many 1-3 and 3-1 beads.
            if !extra.is_empty() && wants_many_to_one(path) {
                *params = params.with_more_kinds(&extra, n, m);
            }
            None
        }
    }

    /// The full model in a narrow band around the quick path in `path`, grown where
    /// the path pushes against it; leaves the best path found in `path`.
    fn full_path(
        &mut self,
        ctx: &Context,
        model: &BeadCosts,
        path: &mut Vec<(usize, usize, u8)>,
        stats: &mut AlignStats,
    ) {
        let (n, m) = (ctx.en.len(), ctx.ar.len());
        // The band is at least as wide as the longest bead: with one-to-many beads of
        // up to 16 sentences a narrower band would leave every point near its edge.
        // With rates along the text, only the kinds searched somewhere count.
        let band = self.config.band.max(model.max_reach());
        let row_band = |i: usize| self.config.band.max(model.reach(i));
        // A lattice whose cell count overflows `usize` is never searched whole.
        if (n + 1)
            .checked_mul(m + 1)
            .is_some_and(|cells| cells <= self.config.exact_up_to)
        {
            self.lattice.band.full(n, m);
        } else {
            self.lattice
                .band
                .around_path_with(&points(path), n, m, row_band);
        }
        self.lattice.viterbi(model, false);
        stats.passes += 1;
        self.lattice.traceback(model, path);
        let widths = Widths {
            base: self.config.band,
            window: band,
        };
        self.repair(ctx, model, widths, path, stats);
    }

    /// Scores: forward–backward in a narrow band around the final path, where all
    /// but a negligible share of the posterior mass lies. Returns the path's cost and
    /// ln Z, and leaves the lattice ready for [`Aligner::beads`].
    fn score(
        &mut self,
        model: &BeadCosts,
        path: &mut Vec<(usize, usize, u8)>,
        stats: &mut AlignStats,
    ) -> (f64, f64) {
        let (n, m) = (self.lattice.n(), self.lattice.m());
        self.lattice
            .band
            .around_path(&points(path), n, m, SCORE_BAND);
        let (best, log_z) = self.lattice.viterbi(model, true);
        self.lattice.traceback(model, path);
        self.lattice.backward(model, None);
        stats.passes += 2;
        stats.cells = self.lattice.band.cells();
        (best, log_z)
    }

    /// The beads of `path`, with their costs and posteriors from the scoring pass.
    fn beads(&self, model: &BeadCosts, params: &Params, path: &[(usize, usize, u8)]) -> Vec<Bead> {
        let mut beads = Vec::with_capacity(path.len());
        // Cannot panic: every point of a traceback path but the first was reached
        // by move k of `model`, so k < moves.len() = params.priors.len() (`BeadCosts::new`
        // makes one move per prior, and `params` is the one `model` was built from).
        for win in path.windows(2) {
            let (i0, j0, _) = win[0];
            let (i1, j1, k) = win[1];
            let (cost, score) = self.lattice.bead(model, k as usize, i1, j1);
            beads.push(Bead {
                en: i0..i1,
                ar: j0..j1,
                kind: params.priors[k as usize].0,
                cost,
                score,
            });
        }
        beads
    }

    /// Where the best path strays from the quick path, a better one may run outside
    /// the band: re-solves a window around each such stretch, from a path point
    /// `REPAIR_MARGIN` beads before it to one as far after it, in its own lattice
    /// whose band grows around the window's path until the path keeps clear of the
    /// edges. Far from the trouble both paths agree, so the pieces join up; the cost is
    /// that of the trouble spots, not another pass over the whole input.
    ///
    /// A stretch is trouble when the path comes within a bead's size of the band's
    /// edge (a bead could cross it), or leaves the quick path's beads: there the two
    /// models disagree about the course, and the full model's optimum can lie
    /// further out than the band let its path reach. The `aligner` fuzz target found
    /// such inputs, runs of one-letter sentences that the full model packs into 1-4
    /// and 6-1 beads, two and more sentences off the quick path. Re-solving where
    /// the paths part by a single sentence too costs little (see `STRAY_MARGIN`)
    /// and catches more of them than waiting for two.
    fn repair(
        &mut self,
        ctx: &Context,
        model: &BeadCosts,
        widths: Widths,
        path: &mut Vec<(usize, usize, u8)>,
        stats: &mut AlignStats,
    ) {
        if self.lattice.band.covers_all() {
            return;
        }
        // How far a bead can reach at each row: the largest kind searched there (all
        // kinds everywhere without rates along the text).
        let margin = |i: usize| model.reach(i);
        // The band keeps `self.band` cells on each side of the quick path's beads, so
        // a point within `self.band` of its edge lies outside them.
        let trigger = |i: usize| margin(i).max(widths.base);
        // Trouble spots, with the beads a window takes in on each side of them.
        let band = &self.lattice.band;
        let touched: Vec<(usize, usize)> = path
            .iter()
            .enumerate()
            .filter(|(_, &(i, j, _))| band.touched_within(&[(i, j)], trigger))
            .map(|(k, &(i, j, _))| {
                let edge = band.touched_within(&[(i, j)], margin);
                (k, if edge { REPAIR_MARGIN } else { STRAY_MARGIN })
            })
            .collect();
        // Group touched points into windows, merging windows that overlap. Each is
        // s ≤ k ≤ e ≤ path.len() − 1 for a touched index k < path.len().
        let mut windows: Vec<(usize, usize)> = Vec::new();
        for (k, radius) in touched {
            let (s, e) = (
                k.saturating_sub(radius),
                (k + radius).min(path.len().saturating_sub(1)),
            );
            // Radii differ (edge or stray), so a later point's window can end first.
            match windows.last_mut() {
                Some(last) if s <= last.1 => last.1 = last.1.max(e),
                _ => windows.push((s, e)),
            }
        }
        // Windows are disjoint and in order: splice from the back so that indices of
        // earlier windows stay valid. Cannot panic: each `s..=e` was in range, and the
        // splices before it changed `path` only after it. A piece runs from (0, 0) to
        // the window's far corner (`traceback`), so it joins the path on both sides.
        for &(s, e) in windows.iter().rev() {
            // `2 * self.band` cannot overflow: the setter caps it at `usize::MAX / 16`.
            let (model, (i0, j0)) = self.load_window(ctx, &path[s..=e], 2 * widths.window);
            let lat = &mut self.window;
            let mut piece = Vec::new();
            search(lat, &model, 2 * widths.window, &mut piece, stats);
            stats.widenings += 1;
            let piece: Vec<(usize, usize, u8)> = piece
                .into_iter()
                .map(|(i, j, k)| (i + i0, j + j0, k))
                .collect();
            path.splice(s..=e, piece);
        }
    }

    /// Loads the stretch of `en`/`ar` between the first and last point of `segment`
    /// into the window lattice, with a band of `w` around the segment's path; returns
    /// the model for it and the stretch's origin `(i0, j0)`.
    pub(super) fn load_window(
        &mut self,
        ctx: &Context,
        segment: &[(usize, usize, u8)],
        w: usize,
    ) -> (BeadCosts, (usize, usize)) {
        let Context {
            en,
            ar,
            params,
            anchors,
            lexical,
            rates,
        } = *ctx;
        // Cannot panic: `segment` is a non-empty stretch (`window_pass` returns early
        // on an empty one; `repair` passes `path[s..=e]`) of a path over `en` × `ar`
        // whose points never go back, so i0 ≤ i ≤ i1 ≤ en.len() and
        // j0 ≤ j ≤ j1 ≤ ar.len() for all its points.
        let (i0, j0, _) = segment[0];
        let (i1, j1, _) = segment[segment.len() - 1];
        let local: Vec<(usize, usize)> =
            segment.iter().map(|&(i, j, _)| (i - i0, j - j0)).collect();
        let lat = &mut self.window;
        lat.set_lengths(&en[i0..i1], &ar[j0..j1]);
        lat.band.around_path(&local, i1 - i0, j1 - j0, w);
        let model = BeadCosts::new(params, &lat.ar_sums)
            .with_anchors(anchors, (i0, j0))
            .with_lexical(lexical, (i0, j0))
            .with_match_costs(self.matches.as_ref(), (i0, j0))
            .with_content(self.content.as_ref(), (i0, j0))
            .with_local(rates, i0);
        (model, (i0, j0))
    }

    /// The first path: a quick model (1-1, 1-2, 2-1, 1-3, 3-1, 1-0 and 0-1 only) in
    /// a band that follows the cheapest cell of each row (see `viterbi_adaptive`),
    /// doubled until the path keeps clear of its edges. No fixed centre line will do:
    /// across the books of the Bible the best path strays hundreds of sentences from
    /// the diagonal of the cumulative lengths. The quick model costs under half the
    /// full one per cell; the full model then searches a narrow band around its path.
    fn first_path(
        &mut self,
        params: &Params,
        course: Option<&[f64]>,
        beam: Option<Beam>,
        path: &mut Vec<(usize, usize, u8)>,
        stats: &mut AlignStats,
    ) {
        let mut kinds = vec![
            BeadKind::new(1, 1),
            BeadKind::new(1, 2),
            BeadKind::new(2, 1),
            BeadKind::new(1, 3),
            BeadKind::new(3, 1),
            BeadKind::new(1, 0),
            BeadKind::new(0, 1),
        ];
        if course.is_some() {
            // With rates along the text, the one-to-many kinds the parameters hold
            // join too: where the local priors call for them, without them the quick
            // path cannot follow the text at all.
            kinds.extend(
                params
                    .priors
                    .iter()
                    .map(|(k, _)| *k)
                    .filter(|k| k.en.min(k.ar) == 1 && k.en.max(k.ar) > 3),
            );
        }
        let mut quick = params.restricted(&kinds);
        // The normal length model: cheaper per cell than the Student-t (no logarithm),
        // and only the rough course of the path matters here.
        quick.tail = None;
        let lat = &mut self.lattice;
        // The quick pass only needs the course: kinds rarer than one bead in a
        // thousand there are left to the full model.
        let rates = course.map(|c| {
            Arc::new(LocalRates::along(
                c,
                &lat.en_sums,
                &lat.ar_sums,
                &quick,
                local::QUICK_MAX_PRIOR_COST,
            ))
        });
        let rates = rates.as_ref();
        let model = BeadCosts::new(&quick, &lat.ar_sums)
            .with_match_costs(self.matches.as_ref(), (0, 0))
            .with_content(self.content.as_ref(), (0, 0))
            .with_local(rates, 0);
        let (n, m) = (lat.n(), lat.m());
        if (n + 1).saturating_mul(m + 1) <= SMALL_LATTICE {
            // Small enough to search the whole lattice.
            lat.band.full(n, m);
            lat.viterbi(&model, false);
            stats.passes += 1;
            lat.traceback(&model, path);
            return;
        }
        let mut w = FIRST_BAND.max(self.config.band);
        loop {
            lat.viterbi_adaptive(&model, w, beam);
            stats.passes += 1;
            lat.traceback(&model, path);
            if lat.band.covers_all() || !lat.band.touched_by(&points(path), 2) {
                break;
            }
            if (n + 1).saturating_mul(w.saturating_mul(4).saturating_add(1)) > cell_budget(n, m) {
                // Lengths that say nothing (all sentences alike) keep any band busy;
                // past this width more cells no longer buy a better path, and time and
                // memory must stay linear.
                break;
            }
            stats.widenings += 1;
            w = w.saturating_mul(2);
        }
    }
}

/// What a window's model is built from: the input's lengths, the parameters, and
/// the anchor table and rates along the text when there are some.
#[derive(Clone, Copy)]
pub(super) struct Context<'a> {
    pub(super) en: &'a [usize],
    pub(super) ar: &'a [usize],
    pub(super) params: &'a Params,
    pub(super) anchors: Option<&'a Arc<AnchorTable>>,
    pub(super) lexical: Option<&'a Arc<AnchorTable>>,
    pub(super) rates: Option<&'a Arc<LocalRates>>,
}

/// The optional terms of a text's bead costs, before fitting.
#[derive(Clone, Copy)]
pub(super) struct Terms<'a> {
    pub(super) anchors: Option<&'a AnchorInput>,
    pub(super) lexical: Option<&'a AnchorInput>,
    /// Where the alignment is a first one that teaches (self-training): what
    /// its beads teach, the lexical classes a second alignment weighs, or
    /// nothing.
    pub(super) teach: Option<&'a Teacher<'a>>,
}

/// Turns a first alignment's beads into the lexical classes a second one
/// weighs (see `Terms::teach`).
pub(super) type Teacher<'a> = dyn Fn(&[Bead]) -> Option<AnchorInput> + 'a;

/// Where the full model starts: a path and the parameters.
pub(super) struct Start {
    pub(super) path: Vec<(usize, usize, u8)>,
    pub(super) params: Params,
    /// The lattices' visited-cell count when the alignment began: the work it
    /// reports is what they count beyond it, every pass included.
    pub(super) visited_before: usize,
}

/// The path of `beads`, each point with the index of its bead's kind in
/// `params.priors` (the beads were made with these parameters, so every kind is
/// there).
pub(super) fn path_of(beads: &[Bead], params: &Params) -> Vec<(usize, usize, u8)> {
    let mut path = Vec::with_capacity(beads.len() + 1);
    path.push((0, 0, u8::MAX));
    for b in beads {
        let k = params
            .priors
            .iter()
            .position(|(kind, _)| *kind == b.kind)
            .unwrap_or(0);
        // Cannot truncate: the kinds number fewer than 255 (see `BeadCosts::new`).
        path.push((b.en.end, b.ar.end, k as u8));
    }
    path
}

/// Band half-widths of the full model's pass: `base` (the aligner's band) widened at
/// each row to the longest kind searched there; `window`, the widest of those, for
/// repair windows.
#[derive(Clone, Copy)]
struct Widths {
    base: usize,
    window: usize,
}

/// Whether a first path has enough 1-3 and 3-1 beads (one in a hundred, and at
/// least two) to suggest longer one-to-many beads.
fn wants_many_to_one(path: &[(usize, usize, u8)]) -> bool {
    let beads = path.len().saturating_sub(1);
    // Cannot panic: a traceback path's points never go back (each is the one before
    // plus a move), so the differences are a bead's sizes.
    let wide = path
        .windows(2)
        .filter(|w| {
            let (a, b) = (w[1].0 - w[0].0, w[1].1 - w[0].1);
            (a == 1 && b == 3) || (a == 3 && b == 1)
        })
        .count();
    wide >= 2 && wide * 100 >= beads
}

/// Inputs of at least this many sentences (both sides) get rates along the text
/// ([`local`]); shorter ones are one stretch, and their parameters stay global.
const LONG_INPUT: usize = 1000;

/// Whether an input is long enough for rates along the text: enough sentences, and
/// on both sides more than a window's worth.
pub(super) fn is_long(n: usize, m: usize) -> bool {
    n + m >= LONG_INPUT && n > 2 * local::WINDOW && m > local::WINDOW / 4
}

/// Most lattice cells a band may grow to, per sentence of input (plus a small
/// lattice's worth). Where the best path still presses against a band this wide the
/// lengths are not telling the paths apart (a thousand one-word lines a side), so a
/// wider band would cost time and memory without finding a more trustworthy path;
/// stopping here keeps both linear in the input by design. It bounds how far a band
/// is widened; the quick pass's beam ([`LENGTHS_BEAM`]) has a budget of its own.
const CELLS_PER_SENTENCE: usize = 64;

fn cell_budget(n: usize, m: usize) -> usize {
    (n + m + 1)
        .saturating_mul(CELLS_PER_SENTENCE)
        .saturating_add(SMALL_LATTICE)
}

/// Beads on each side of a trouble spot that a repair window takes in.
const REPAIR_MARGIN: usize = 64;

/// The same where the path only left the quick path's beads, well inside the band:
/// the two models part for a few beads there, and half the window finds the same
/// optima on the fuzzed inputs at half the cost, counted in instructions.
const STRAY_MARGIN: usize = 32;

/// Lattices of at most this many cells get no band in the first pass.
pub(super) const SMALL_LATTICE: usize = 40_000;

/// Half-width of the first, quick pass.
const FIRST_BAND: usize = 32;

/// The quick pass's beam where lengths are all the evidence: cells within 320
/// nats of a row's cheapest are held, up to 512 either side of the centre, past
/// the drift of the cumulative-length diagonal over a book, and 384 cells a row
/// on average, six times the plain band, so that lengths that say nothing cost
/// a bounded multiple of the plain search (DESIGN, *Why these constants*, gives
/// the measurements behind all three).
const LENGTHS_BEAM: Beam = Beam {
    slack: 320.0,
    reach: 16 * FIRST_BAND,
    per_row: 12 * FIRST_BAND,
};

/// The quick pass's beam: [`LENGTHS_BEAM`] where lengths are all the evidence
/// (no anchor or lexical class shared by the two sides, and not a page's lines,
/// `matched`), none elsewhere. Shared anchors and lexical classes bring a lost
/// course back in the later passes, whose bands grow where the path presses
/// against them; lengths alone cannot, so the quick pass must not lose it. A
/// page's lines take their course from the page's structure and landmarks.
fn quick_beam(terms: &Terms, matched: bool) -> Option<Beam> {
    let speaks = |t: Option<&AnchorInput>| t.is_some_and(AnchorInput::shares_an_id);
    let lengths_only = !matched && !speaks(terms.anchors) && !speaks(terms.lexical);
    lengths_only.then_some(LENGTHS_BEAM)
}

/// The `(i, j)` points of a path.
pub(super) fn points(path: &[(usize, usize, u8)]) -> Vec<(usize, usize)> {
    path.iter().map(|&(i, j, _)| (i, j)).collect()
}

/// Viterbi over the lattice's band, growing the band until the best path keeps clear
/// of its edges: each round adds `w` cells on both sides of the new path to the band
/// (so the band only grows where the path pushed against it), and `w` doubles when a
/// round added nothing.
fn search(
    lat: &mut Lattice,
    model: &BeadCosts,
    mut w: usize,
    path: &mut Vec<(usize, usize, u8)>,
    stats: &mut AlignStats,
) {
    let m = lat.m();
    let mut grown = Band::default();
    let budget = cell_budget(lat.n(), m);
    loop {
        lat.viterbi(model, false);
        stats.passes += 1;
        lat.traceback(model, path);
        let cells = points(path);
        if lat.band.covers_all()
            || !lat.band.touched_within(&cells, |i| model.reach(i))
            || lat.band.cells() > budget
        {
            return;
        }
        grown.around_path(&cells, lat.n(), m, w);
        if !lat.band.union_with(&grown) {
            w = w.saturating_mul(2);
        }
    }
}
/// Band half-width of the scoring pass, around the final path.
const SCORE_BAND: usize = 3;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_beam_is_for_lengths_alone() {
        let terms = |anchors, lexical| Terms {
            anchors,
            lexical,
            teach: None,
        };
        let shared =
            AnchorInput::from_text(&["In 1999 the river rose."], &["في 1999 ارتفع النهر."]);
        let apart = AnchorInput::from_text(&["In 1999 the river rose."], &["ارتفع النهر."]);
        assert!(shared.shares_an_id() && !apart.shares_an_id());
        assert!(quick_beam(&terms(None, None), false).is_some());
        assert!(quick_beam(&terms(Some(&apart), None), false).is_some());
        assert!(quick_beam(&terms(Some(&shared), None), false).is_none());
        assert!(quick_beam(&terms(None, Some(&shared)), false).is_none());
        assert!(quick_beam(&terms(Some(&apart), Some(&apart)), false).is_some());
        // A page's lines keep the plain band.
        assert!(quick_beam(&terms(None, None), true).is_none());
    }
}
