//! The dynamic programme written plainly: every cell of the lattice, every bead kind,
//! costs from the public [`Params::cost`]. It shares no code with the aligner's passes
//! (no band, no rolling rows, no back-pointer bytes, no vectorized cost loop), so the
//! aligner agreeing with it checks all of those.
//!
//! Plain Rust over `bitext`'s public API, so that the fuzz crate can include this file
//! by path as well.

use bitext::Params;

/// The least total cost of any alignment of sentences of lengths `en` against `ar`:
/// `D(i, j) = min over kinds a-b of D(i−a, j−b) + cost(a-b, l₁, l₂)` over every
/// kind in `params.priors`, from `D(0, 0) = 0` to `D(n, m)`. `O(n·m·K)` time and
/// `O(n·m)` memory: for small inputs only.
pub fn optimum(params: &Params, en: &[usize], ar: &[usize]) -> f64 {
    let prefix = |xs: &[usize]| -> Vec<usize> {
        let mut sums = vec![0];
        for &x in xs {
            sums.push(sums[sums.len() - 1] + x);
        }
        sums
    };
    let (pe, pa) = (prefix(en), prefix(ar));
    let (n, m) = (en.len(), ar.len());
    let mut d = vec![vec![f64::INFINITY; m + 1]; n + 1];
    d[0][0] = 0.0;
    for i in 0..=n {
        for j in 0..=m {
            if (i, j) == (0, 0) {
                continue;
            }
            for &(kind, _) in &params.priors {
                let (a, b) = (kind.en, kind.ar);
                if a > i || b > j {
                    continue;
                }
                let c = d[i - a][j - b] + params.cost(kind, pe[i] - pe[i - a], pa[j] - pa[j - b]);
                if c < d[i][j] {
                    d[i][j] = c;
                }
            }
        }
    }
    d[n][m]
}

/// Whether two path costs agree up to rounding (sums in another order).
pub fn same_cost(x: f64, y: f64) -> bool {
    (x - y).abs() <= 1e-9 * x.abs().max(y.abs()).max(1.0)
}
