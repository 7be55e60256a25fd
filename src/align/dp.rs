//! The banded dynamic programme: Viterbi, forward and backward passes over a band of
//! the (English × Arabic) lattice, sharing one set of buffers.

use super::model::Params;

/// For each English prefix length `i` (a row), the inclusive range `lo[i]..=hi[i]` of
/// Arabic prefix lengths kept, stored flat with `start[i]` the offset of the row.
#[derive(Debug, Clone, Default)]
pub(crate) struct Band {
    lo: Vec<usize>,
    hi: Vec<usize>,
    start: Vec<usize>,
    n: usize,
    m: usize,
}

impl Band {
    /// A band around a monotone centre line: `center[i]` is the Arabic position at
    /// which the path is expected to enter row `i` (`center.len() == n + 1`). Row `i`
    /// keeps `center[i] − w ..= center[i+1] + w`, so every row reaches the next and a
    /// path along the centre always fits, whatever the two lengths.
    pub(crate) fn around(&mut self, center: &[f64], m: usize, w: usize) {
        let n = center.len() - 1;
        self.n = n;
        self.m = m;
        self.lo.clear();
        self.hi.clear();
        self.start.clear();
        let mut offset = 0;
        let mut prev_lo = 0;
        let mut prev_hi = 0;
        for i in 0..=n {
            let here = center[i];
            let next = if i < n { center[i + 1] } else { m as f64 };
            let mut lo = (here.floor() as usize).saturating_sub(w).min(m);
            let mut hi = ((next.ceil() as usize).saturating_add(w)).min(m);
            if i == 0 {
                lo = 0;
            } else {
                // Monotone edges keep the band connected even for a non-monotone centre.
                lo = lo.max(prev_lo);
                hi = hi.max(prev_hi);
            }
            if i == n {
                hi = m;
            }
            lo = lo.min(hi);
            self.lo.push(lo);
            self.hi.push(hi);
            self.start.push(offset);
            offset += hi - lo + 1;
            prev_lo = lo;
            prev_hi = hi;
        }
        self.start.push(offset);
    }

    /// The whole lattice: the exact, unbanded programme.
    pub(crate) fn full(&mut self, n: usize, m: usize) {
        let center: Vec<f64> = vec![0.0; n + 1];
        self.around(&center, m, m);
    }

    pub(crate) fn cells(&self) -> usize {
        self.start.last().copied().unwrap_or(0)
    }

    pub(crate) fn covers_all(&self) -> bool {
        (0..=self.n).all(|i| self.lo[i] == 0 && self.hi[i] == self.m)
    }

    #[inline]
    fn index(&self, i: usize, j: usize) -> Option<usize> {
        let lo = self.lo[i];
        if j < lo || j > self.hi[i] {
            None
        } else {
            Some(self.start[i] + j - lo)
        }
    }

    /// True when a path cell lies within `margin` of an edge of the band that is not
    /// also an edge of the lattice: a better path might run outside.
    pub(crate) fn touched_by(&self, path: &[(usize, usize)], margin: usize) -> bool {
        path.iter().any(|&(i, j)| {
            (self.lo[i] > 0 && j < self.lo[i] + margin)
                || (self.hi[i] < self.m && j + margin > self.hi[i])
        })
    }
}

/// A bead kind with its prior cost, ready for the inner loop.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Move {
    pub(crate) a: usize,
    pub(crate) b: usize,
    pub(crate) prior_cost: f64,
}

/// The parameters compiled for the inner loop: per-kind constants, and the Arabic
/// gamma term of every (end position, sentence count), which does not depend on the
/// English side and so is computed once per pass instead of once per cell.
#[derive(Debug, Clone)]
pub(crate) struct Model {
    pub(crate) params: Params,
    pub(crate) moves: Vec<Move>,
    k_max: usize,
    /// `ln G_b(l₂)` of Arabic sentences `j−b..j` at `j·(k_max+1) + b`.
    ar_term: Vec<f64>,
}

impl Model {
    pub(crate) fn new(params: &Params, pa: &[f64]) -> Model {
        let moves: Vec<Move> = params
            .priors
            .iter()
            .map(|(k, p)| Move {
                a: k.en as usize,
                b: k.ar as usize,
                prior_cost: -p.ln(),
            })
            .collect();
        let k_max = moves.iter().map(|mv| mv.b).max().unwrap_or(1);
        let stride = k_max + 1;
        let m = pa.len() - 1;
        let mut ar_term = vec![0.0; (m + 1) * stride];
        for j in 0..=m {
            for b in 1..=k_max.min(j) {
                ar_term[j * stride + b] = params.arabic_log_density(b, pa[j] - pa[j - b]);
            }
        }
        Model {
            params: params.clone(),
            moves,
            k_max,
            ar_term,
        }
    }

    /// Per-row English terms for beads of `a` sentences ending (or starting) at a row.
    #[inline]
    fn en_terms(&self, l1: f64) -> EnTerm {
        let var = self.params.variance * (l1 + 1.0);
        EnTerm {
            l1,
            inv_sd: 1.0 / var.sqrt(),
            half_ln_var: 0.5 * var.ln(),
        }
    }

    /// Cost of a bead with English terms `en`, Arabic total `l2` ending at `j_end`.
    #[inline]
    fn cost(&self, mv: &Move, en: &EnTerm, l2: f64, j_end: usize) -> f64 {
        if mv.a == 0 || mv.b == 0 {
            return mv.prior_cost;
        }
        let d = (l2 - self.params.ratio * en.l1) * en.inv_sd;
        mv.prior_cost
            + self.params.length_cost(d)
            + en.half_ln_var
            + self.ar_term[j_end * (self.k_max + 1) + mv.b]
    }
}

#[derive(Debug, Clone, Copy, Default)]
struct EnTerm {
    l1: f64,
    inv_sd: f64,
    half_ln_var: f64,
}

/// Expected counts gathered in the backward pass, for refitting.
#[derive(Debug, Clone, Default)]
pub(crate) struct Stats {
    /// Expected number of beads of each kind (indexed like the moves).
    pub(crate) kind_counts: Vec<f64>,
    /// Posterior mass of beads with both sides non-empty.
    pub(crate) mass: f64,
    /// Weighted least-squares sums for the ratio: Σw·l1·l2/v, Σw·l1²/v (v = l1 + 1).
    pub(crate) sxy: f64,
    pub(crate) sxx: f64,
    /// Σw·(l2 − c·l1)²/v at the current c, for the variance.
    pub(crate) sres: f64,
}

/// Reusable buffers and the passes that fill them.
#[derive(Debug, Clone, Default)]
pub(crate) struct Lattice {
    pub(crate) band: Band,
    /// Viterbi cost of the best path to each cell.
    best: Vec<f64>,
    /// Index of the move that reached each cell on the best path (u8::MAX: none).
    back: Vec<u8>,
    /// Forward log-probabilities.
    alpha: Vec<f64>,
    /// Backward log-probabilities.
    beta: Vec<f64>,
    /// Prefix sums of the English and Arabic lengths.
    pub(crate) pe: Vec<f64>,
    pub(crate) pa: Vec<f64>,
}

/// ln(e^x + e^y) for log-probabilities, with −∞ as the identity.
#[inline]
fn log_add(x: f64, y: f64) -> f64 {
    let (hi, lo) = if x > y { (x, y) } else { (y, x) };
    let d = lo - hi;
    // Below e^-40 the smaller term cannot change a double: skip the exp (this also
    // covers −∞, where d is −∞ or NaN).
    if d > -40.0 {
        hi + d.exp().ln_1p()
    } else {
        hi
    }
}

impl Lattice {
    pub(crate) fn set_lengths(&mut self, en: &[usize], ar: &[usize]) {
        fn prefix(out: &mut Vec<f64>, xs: &[usize]) {
            out.clear();
            out.reserve(xs.len() + 1);
            let mut acc = 0.0;
            out.push(acc);
            for &x in xs {
                acc += x as f64;
                out.push(acc);
            }
        }
        prefix(&mut self.pe, en);
        prefix(&mut self.pa, ar);
    }

    pub(crate) fn n(&self) -> usize {
        self.pe.len() - 1
    }

    pub(crate) fn m(&self) -> usize {
        self.pa.len() - 1
    }

    /// Viterbi and forward in one sweep (they need the same bead costs). Returns
    /// `(best total cost, ln Z)`.
    pub(crate) fn viterbi_forward(&mut self, model: &Model) -> (f64, f64) {
        let cells = self.band.cells();
        self.best.clear();
        self.best.resize(cells, f64::INFINITY);
        self.back.clear();
        self.back.resize(cells, u8::MAX);
        self.alpha.clear();
        self.alpha.resize(cells, f64::NEG_INFINITY);
        let band = &self.band;
        let (pe, pa) = (&self.pe, &self.pa);
        let mut en = vec![EnTerm::default(); model.k_max.max(1) + 1];
        for i in 0..=band.n {
            for (a, t) in en.iter_mut().enumerate().skip(1) {
                if a <= i {
                    *t = model.en_terms(pe[i] - pe[i - a]);
                }
            }
            for j in band.lo[i]..=band.hi[i] {
                let here = band.start[i] + j - band.lo[i];
                if i == 0 && j == 0 {
                    self.best[here] = 0.0;
                    self.alpha[here] = 0.0;
                    continue;
                }
                let mut best = f64::INFINITY;
                let mut back = u8::MAX;
                let mut alpha = f64::NEG_INFINITY;
                for (k, mv) in model.moves.iter().enumerate() {
                    if mv.a > i || mv.b > j {
                        continue;
                    }
                    let Some(prev) = band.index(i - mv.a, j - mv.b) else {
                        continue;
                    };
                    let prev_best = self.best[prev];
                    if prev_best == f64::INFINITY {
                        continue;
                    }
                    let c = model.cost(mv, &en[mv.a.min(en.len() - 1)], pa[j] - pa[j - mv.b], j);
                    let total = prev_best + c;
                    if total < best {
                        best = total;
                        back = k as u8;
                    }
                    alpha = log_add(alpha, self.alpha[prev] - c);
                }
                self.best[here] = best;
                self.back[here] = back;
                self.alpha[here] = alpha;
            }
        }
        let end = band.cells() - 1;
        (self.best[end], self.alpha[end])
    }

    /// The best path as bead end points, from `(0, 0)` to `(n, m)`, with the move used
    /// to reach each point after the first.
    pub(crate) fn traceback(&self, model: &Model, path: &mut Vec<(usize, usize, u8)>) {
        path.clear();
        let (mut i, mut j) = (self.band.n, self.band.m);
        loop {
            let Some(here) = self.band.index(i, j) else {
                break;
            };
            let k = self.back[here];
            path.push((i, j, k));
            let Some(mv) = model.moves.get(k as usize) else {
                break;
            };
            i -= mv.a;
            j -= mv.b;
        }
        path.reverse();
    }

    /// Backward pass; with `stats`, also gathers the posterior expected counts that a
    /// refit needs. Needs `viterbi_forward` first (for α and ln Z).
    pub(crate) fn backward(&mut self, model: &Model, mut stats: Option<&mut Stats>) {
        let cells = self.band.cells();
        self.beta.clear();
        self.beta.resize(cells, f64::NEG_INFINITY);
        let band = &self.band;
        let (pe, pa) = (&self.pe, &self.pa);
        let (n, m) = (band.n, band.m);
        let log_z = self.alpha[cells - 1];
        let ratio = model.params.ratio;
        let nu = model.params.tail;
        if let Some(s) = stats.as_deref_mut() {
            *s = Stats {
                kind_counts: vec![0.0; model.moves.len()],
                ..Stats::default()
            };
        }
        let mut en = vec![EnTerm::default(); model.k_max.max(1) + 1];
        for i in (0..=n).rev() {
            for (a, t) in en.iter_mut().enumerate().skip(1) {
                if i + a <= n {
                    *t = model.en_terms(pe[i + a] - pe[i]);
                }
            }
            for j in (band.lo[i]..=band.hi[i]).rev() {
                let here = band.start[i] + j - band.lo[i];
                if i == n && j == m {
                    self.beta[here] = 0.0;
                    continue;
                }
                let alpha_here = self.alpha[here];
                let mut beta = f64::NEG_INFINITY;
                for (k, mv) in model.moves.iter().enumerate() {
                    if i + mv.a > n || j + mv.b > m {
                        continue;
                    }
                    let Some(next) = band.index(i + mv.a, j + mv.b) else {
                        continue;
                    };
                    let next_beta = self.beta[next];
                    if next_beta == f64::NEG_INFINITY {
                        continue;
                    }
                    let et = &en[mv.a.min(en.len() - 1)];
                    let l2 = pa[j + mv.b] - pa[j];
                    let c = model.cost(mv, et, l2, j + mv.b);
                    beta = log_add(beta, next_beta - c);
                    if let Some(s) = stats.as_deref_mut() {
                        let lp = alpha_here - c + next_beta - log_z;
                        if lp > -30.0 {
                            let p = lp.exp();
                            s.kind_counts[k] += p;
                            if mv.a > 0 && mv.b > 0 {
                                let v = et.l1 + 1.0;
                                let r = l2 - ratio * et.l1;
                                // Student-t EM weight: far-off beads count less, so a few
                                // wrong links cannot pull the fit around themselves.
                                let u = match nu {
                                    None => 1.0,
                                    Some(nu) => {
                                        let d = r * et.inv_sd;
                                        (nu + 1.0) / (nu + d * d)
                                    }
                                };
                                let w = p * u;
                                s.mass += p;
                                s.sxy += w * et.l1 * l2 / v;
                                s.sxx += w * et.l1 * et.l1 / v;
                                s.sres += w * r * r / v;
                            }
                        }
                    }
                }
                self.beta[here] = beta;
            }
        }
    }

    /// Cost and posterior probability of the bead of move `mv` ending at `(i, j)`.
    pub(crate) fn bead(&self, model: &Model, mv: &Move, i: usize, j: usize) -> (f64, f64) {
        let en = model.en_terms(self.pe[i] - self.pe[i - mv.a]);
        let c = model.cost(mv, &en, self.pa[j] - self.pa[j - mv.b], j);
        let (Some(prev), Some(here)) = (
            self.band.index(i - mv.a, j - mv.b),
            self.band.index(i, j),
        ) else {
            return (c, 0.0);
        };
        let log_z = self.alpha[self.band.cells() - 1];
        let lp = self.alpha[prev] - c + self.beta[here] - log_z;
        (c, lp.exp().clamp(0.0, 1.0))
    }
}
