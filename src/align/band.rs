//! The band: which cells of the (English × Arabic) lattice a pass visits, one run
//! of Arabic prefix lengths per English prefix length.

/// For each English prefix length `i` (a row), the inclusive range `lo[i]..=hi[i]` of
/// Arabic prefix lengths kept, stored flat with `start[i]` the offset of the row.
#[derive(Debug, Clone, Default)]
pub(crate) struct Band {
    pub(super) lo: Vec<usize>,
    pub(super) hi: Vec<usize>,
    pub(super) start: Vec<usize>,
    pub(super) n: usize,
    pub(super) m: usize,
}

impl Band {
    /// Bytes held by the row vectors (their capacities).
    pub(super) fn scratch_bytes(&self) -> usize {
        (self.lo.capacity() + self.hi.capacity() + self.start.capacity())
            * std::mem::size_of::<usize>()
    }

    /// A band around a path of bead end points from `(0, 0)` to `(n, m)`: a bead from
    /// `(i0, j0)` to `(i1, j1)` may be crossed anywhere inside its rectangle, so rows
    /// `i0..=i1` keep `j0 − w ..= j1 + w`.
    ///
    /// The path must run from `(0, 0)` to `(n, m)` in steps that never go back, as
    /// every caller's does: it is read off an `n × m` lattice by
    /// [`Lattice::traceback`](super::lattice::Lattice::traceback), or is a stretch of such a path moved to start at
    /// `(0, 0)` (`Aligner::load_window`).
    pub(crate) fn around_path(&mut self, path: &[(usize, usize)], n: usize, m: usize, w: usize) {
        self.around_path_with(path, n, m, |_| w);
    }

    /// [`Band::around_path`] with a half-width per row (that of a bead's first row
    /// for the whole bead).
    pub(crate) fn around_path_with(
        &mut self,
        path: &[(usize, usize)],
        n: usize,
        m: usize,
        w: impl Fn(usize) -> usize,
    ) {
        let mut lo = vec![usize::MAX; n + 1];
        let mut hi = vec![0; n + 1];
        // Cannot panic: path points have i ≤ n (see above), so `lo[i]` and `hi[i]`
        // are in range. Every row 0..=n lies in some bead's rows i0..=i1, which sets
        // lo ≤ j0 ≤ j1 ≤ hi ≤ m, and the passes below only lower lo and raise hi:
        // each row ends with lo ≤ hi, as `set_rows` needs.
        for win in path.windows(2) {
            let ((i0, j0), (i1, j1)) = (win[0], win[1]);
            let w = w(i0);
            for i in i0..=i1.min(n) {
                lo[i] = lo[i].min(j0.saturating_sub(w));
                hi[i] = hi[i].max(j1.saturating_add(w).min(m));
            }
        }
        if let [(i, j)] = path {
            let w = w(*i);
            lo[*i] = lo[*i].min(j.saturating_sub(w));
            hi[*i] = hi[*i].max(j.saturating_add(w).min(m));
        }
        // Rows the path skipped (it never does) and monotone edges keep the band
        // connected.
        lo[0] = 0;
        hi[n] = m;
        for i in (0..n).rev() {
            lo[i] = lo[i].min(lo[i + 1]);
        }
        for i in 1..=n {
            hi[i] = hi[i].max(hi[i - 1]);
        }
        self.set_rows(lo, hi, m);
    }

    /// Adds `other`'s cells to this band; false when it added none. Both bands must
    /// be of the same lattice (`search` builds `other` for `self`'s `n` and `m`), so
    /// the union has their n + 1 rows, each with lo ≤ hi (the smaller lo is at most
    /// its band's hi, which is at most the larger hi).
    pub(crate) fn union_with(&mut self, other: &Band) -> bool {
        let lo: Vec<usize> = self
            .lo
            .iter()
            .zip(&other.lo)
            .map(|(&a, &b)| a.min(b))
            .collect();
        let hi: Vec<usize> = self
            .hi
            .iter()
            .zip(&other.hi)
            .map(|(&a, &b)| a.max(b))
            .collect();
        let grew = lo.iter().zip(&self.lo).any(|(new, old)| new < old)
            || hi.iter().zip(&self.hi).any(|(new, old)| new > old);
        self.set_rows(lo, hi, self.m);
        grew
    }

    /// Starts an empty band for an `n × m` lattice, to be filled by `push_row`.
    pub(crate) fn start_rows(&mut self, n: usize, m: usize) {
        self.n = n;
        self.m = m;
        self.lo.clear();
        self.hi.clear();
        self.start.clear();
        self.start.push(0);
    }

    /// Appends the next row, `lo..=hi` (`lo ≤ hi`).
    pub(crate) fn push_row(&mut self, lo: usize, hi: usize) {
        let offset = self.start.last().copied().unwrap_or(0);
        self.lo.push(lo);
        self.hi.push(hi);
        // Cannot panic: the only caller, `viterbi_adaptive`, passes lo ≤ hi. The sum
        // saturates only past `usize::MAX` cells, which `back` then cannot allocate.
        self.start.push(offset.saturating_add(hi - lo + 1));
    }

    /// Row `i` as `(lo, hi, offset)`, for a row already pushed.
    pub(crate) fn row(&self, i: usize) -> (usize, usize, usize) {
        (self.lo[i], self.hi[i], self.start[i])
    }

    /// Rows `lo[i]..=hi[i]` for `i` in `0..=n`; every caller passes `n + 1 ≥ 1`
    /// rows with `lo[i] ≤ hi[i]` (`around_path`, `union_with` and `full` say why).
    fn set_rows(&mut self, lo: Vec<usize>, hi: Vec<usize>, m: usize) {
        self.n = lo.len().saturating_sub(1);
        self.m = m;
        self.start.clear();
        let mut offset: usize = 0;
        for (l, h) in lo.iter().zip(&hi) {
            self.start.push(offset);
            // Cannot panic: l ≤ h (see above). Saturates only past `usize::MAX`
            // cells, which `back` then cannot allocate.
            offset = offset.saturating_add(h - l + 1);
        }
        self.start.push(offset);
        self.lo = lo;
        self.hi = hi;
    }

    /// The whole lattice: the exact, unbanded programme.
    pub(crate) fn full(&mut self, n: usize, m: usize) {
        self.set_rows(vec![0; n + 1], vec![m; n + 1], m);
    }

    pub(crate) fn cells(&self) -> usize {
        self.start.last().copied().unwrap_or(0)
    }

    pub(crate) fn covers_all(&self) -> bool {
        self.lo
            .iter()
            .zip(&self.hi)
            .all(|(&lo, &hi)| lo == 0 && hi == self.m)
    }

    /// Where cell `(i, j)` is stored, or `None` outside the band.
    #[inline]
    pub(super) fn index(&self, i: usize, j: usize) -> Option<usize> {
        let (&lo, &hi, &start) = (self.lo.get(i)?, self.hi.get(i)?, self.start.get(i)?);
        if j < lo || j > hi {
            None
        } else {
            Some(start + j - lo)
        }
    }

    /// True when a path cell lies within `margin` of an edge of the band that is not
    /// also an edge of the lattice: a better path might run outside.
    ///
    /// Cannot panic: every caller passes a path that `Lattice::traceback` read off
    /// this band, whose points have i ≤ n, a row of the band.
    pub(crate) fn touched_by(&self, path: &[(usize, usize)], margin: usize) -> bool {
        self.touched_within(path, |_| margin)
    }

    /// [`Band::touched_by`] with a margin per row.
    pub(crate) fn touched_within(
        &self,
        path: &[(usize, usize)],
        margin: impl Fn(usize) -> usize,
    ) -> bool {
        path.iter().any(|&(i, j)| {
            let margin = margin(i);
            (self.lo[i] > 0 && j < self.lo[i].saturating_add(margin))
                || (self.hi[i] < self.m && j.saturating_add(margin) > self.hi[i])
        })
    }
}
