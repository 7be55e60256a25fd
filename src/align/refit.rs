//! Fitting by expectation–maximisation: forward–backward over sample windows of the
//! first path gives the expected bead counts and length sums, from which `refit`
//! takes a maximum a posteriori step with the closed-form estimates as the prior;
//! a step is kept only if the sample's likelihood does not drop.

use super::lattice::Stats;
use super::model::{self, Params};
use super::search::{is_long, Context};
use super::{local, AlignStats, Aligner};

impl Aligner {
    /// `params` fitted on sample windows of the quick path `path`, or unchanged when
    /// the settings ask for no fitting. Fixed parameters (`fit(false)`) stay fixed.
    pub(super) fn fit_on_sample(
        &mut self,
        en: &[usize],
        ar: &[usize],
        path: &[(usize, usize, u8)],
        mut params: Params,
        stats: &mut AlignStats,
    ) -> Params {
        let (n, m) = (en.len(), ar.len());
        if !(n > 0
            && m > 0
            && self.config.max_refits > 0
            && (self.config.fit || self.config.params.is_some()))
        {
            return params;
        }
        let windows = sample_windows(path, SAMPLE_SENTENCES, WINDOW_SENTENCES);
        // The likelihood is that of the sample, so progress is measured against it.
        // Cannot panic: `sample_windows` returns s ≤ e ≤ path.len() − 1, and path
        // points never go back (each is the one before plus a move).
        let sampled: usize = windows
            .iter()
            .map(|&(s, e)| (path[e].0 - path[s].0) + (path[e].1 - path[s].1))
            .sum();
        let kinds = params.priors.len();
        let mut log_z = f64::NEG_INFINITY;
        let mut accepted = params.clone();
        let start = params.clone();
        let mut ss = Stats::default();
        let mut sum = Stats::default();
        for round in 0..=self.config.max_refits {
            // E-step over the sample: the expected counts of every bead kind.
            let mut z = 0.0;
            sum.clear(kinds);
            for &(s, e) in &windows {
                z += self.window_pass(en, ar, &path[s..=e], &params, &mut ss, stats);
                sum.add(&ss);
            }
            // EM never lowers the likelihood in exact arithmetic; a refit that does
            // (a degenerate estimate) is dropped and fitting stops.
            if z < log_z - 1e-9 * log_z.abs() {
                break;
            }
            let gain = z - log_z;
            accepted = params.clone();
            log_z = z;
            if round == self.config.max_refits || gain < 1e-4 * sampled as f64 {
                break;
            }
            let Some(next) = refit(&params, &start, &sum) else {
                break;
            };
            params = next;
        }
        accepted
    }

    /// Forward–backward over one window of the current path, with its own lattice:
    /// returns ln Z of the window and leaves its expected counts in `ss`.
    fn window_pass(
        &mut self,
        en: &[usize],
        ar: &[usize],
        segment: &[(usize, usize, u8)],
        params: &Params,
        ss: &mut Stats,
        stats: &mut AlignStats,
    ) -> f64 {
        if segment.is_empty() {
            return 0.0;
        }
        let ctx = Context {
            en,
            ar,
            params,
            anchors: None,
            lexical: None,
            rates: None,
        };
        let (model, _) = self.load_window(&ctx, segment, EM_BAND);
        // On book-length input the parameters hold one-to-many kinds up to 1-12 for
        // the stretches that need them; a sample's expectation pass leaves out those
        // its prior makes negligible, as the rates along the text do in the search.
        let model = if is_long(en.len(), ar.len()) {
            model.with_max_prior_cost(local::MAX_PRIOR_COST)
        } else {
            model
        };
        let lat = &mut self.window;
        let (_, z) = lat.viterbi(&model, true);
        lat.backward(&model, Some(ss));
        stats.passes += 2;
        z
    }
}

/// Sentences (both sides) the fitting passes look at, at most: beyond a few thousand
/// the estimates no longer move, and a fixed sample keeps fitting's cost constant.
const SAMPLE_SENTENCES: usize = 1500;
/// Sentences per sample window: long enough that a window's ends, pinned to the first
/// path, matter little.
const WINDOW_SENTENCES: usize = 150;
/// Band half-width of the fitting passes, around the first path.
const EM_BAND: usize = 6;

/// Windows `(first point, last point)` of the path to fit on: the whole path when it
/// is short, else evenly spaced stretches of about `window` sentences adding up to
/// about `sample` sentences. Each has `first ≤ last ≤ path.len() − 1`.
fn sample_windows(
    path: &[(usize, usize, u8)],
    sample: usize,
    window: usize,
) -> Vec<(usize, usize)> {
    let Some(&(n, m, _)) = path.last() else {
        return Vec::new();
    };
    if path.len() < 2 {
        return Vec::new();
    }
    let last = path.len() - 1;
    if n + m <= sample {
        return vec![(0, last)];
    }
    // Cannot panic: `window` is `WINDOW_SENTENCES`, not 0, and n + m > sample ≥ 0
    // here, so neither divisor is 0; the last one is at least 1.
    let count = sample.div_ceil(window).max(1);
    // Beads per window, in proportion to the sentences a bead holds on average.
    let per = window.saturating_mul(last).div_ceil(n + m).max(1);
    let mut out = Vec::with_capacity(count);
    for w in 0..count {
        let start =
            (last - per.min(last)).saturating_mul(w) / count.max(2).saturating_sub(1).max(1);
        let start = start.min(last.saturating_sub(per));
        out.push((start, (start + per).min(last)));
    }
    out.dedup();
    out
}

/// Pseudo-counts, in beads, of the start values in a refit: the estimates are
/// maximum a posteriori, with the start values as the prior worth this many beads. A
/// short text (a news story of 30 sentences has about 25 beads for 20 bead kinds) then
/// moves its parameters only as far as its evidence carries them, where plain EM
/// would fit its priors to its own handful of beads; a book moves them almost fully.
const PRIOR_BEADS: f64 = 50.0;

/// New parameters from the expected counts (an EM step towards the maximum a
/// posteriori fit, with `start` as the prior), or `None` with too little to go on.
fn refit(params: &Params, start: &Params, s: &Stats) -> Option<Params> {
    if s.mass < 2.0 || s.sxx <= 0.0 || s.sxy <= 0.0 {
        return None;
    }
    let shrink = |fitted: f64, prior: f64, weight: f64| {
        (weight * fitted + PRIOR_BEADS * prior) / (weight + PRIOR_BEADS)
    };
    let ratio_ml = s.sxy / s.sxx;
    // The residuals were taken about the old ratio; about the new one they are smaller
    // by exactly (c_new − c_old)²·Σw·l1²/v.
    let shift = (ratio_ml - params.ratio).powi(2) * s.sxx;
    let variance_ml = ((s.sres - shift) / s.mass).max(1e-3 * ratio_ml * ratio_ml);
    let ratio = shrink(ratio_ml, start.ratio, s.mass)
        .clamp(*model::RATIO_RANGE.start(), *model::RATIO_RANGE.end());
    let variance = shrink(variance_ml, start.variance, s.mass);
    let total: f64 = s.kind_counts.iter().sum();
    let priors = params
        .priors
        .iter()
        .zip(&s.kind_counts)
        .zip(&start.priors)
        .map(|(((kind, _), count), (_, d))| {
            (*kind, (count + PRIOR_BEADS * d) / (total + PRIOR_BEADS))
        })
        .collect();
    Some(Params {
        ratio,
        variance,
        priors,
        fitted: true,
        iterations: params.iterations + 1,
        ..params.clone()
    })
}
