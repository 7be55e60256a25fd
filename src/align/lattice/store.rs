//! The bead costs a forward pass priced, kept for the backward pass over the same
//! band and model.
//!
//! A run of move `k` into row `r` (the beads from row `r − a` to row `r` with both
//! ends in the band) is, bead for bead, the backward pass's run of move `k` out of
//! row `r − a`: the same beads, in the same order, priced with the same terms. So
//! the backward pass reads the forward pass's costs instead of pricing every bead
//! a second time, and gets the same values bit for bit. With a lexical term the
//! pricing is most of a pass's time; the costs take eight bytes a bead.

/// No run of this move into this row.
const NONE: u32 = u32::MAX;

/// The costs of each run of a forward pass, by row and move.
#[derive(Debug, Default)]
pub(super) struct CostStore {
    costs: Vec<f64>,
    /// `at[r · moves + k]`: where the run of move `k` into row `r` starts in
    /// `costs` (its length is the backward pass's run's, the same beads).
    at: Vec<u32>,
    moves: usize,
    /// Whether the costs are those of the forward pass just made: the backward
    /// pass that follows reads them, and the next pass of any kind starts over.
    ready: bool,
}

impl CostStore {
    /// Starts keeping the costs of a forward pass over `rows` rows and `cells`
    /// cells of a model of `moves` moves.
    pub(super) fn start(&mut self, rows: usize, cells: usize, moves: usize) {
        self.costs.clear();
        // Room for a cost per cell and move, the most a pass can price, taken at
        // once: growing by doubling would copy the costs and touch their pages
        // twice, while pages reserved and never written cost no memory. Where the
        // room cannot be had, the store grows as it goes.
        let most = cells.saturating_mul(moves);
        let _ = self
            .costs
            .try_reserve(most.saturating_sub(self.costs.len()));
        self.at.clear();
        self.at.resize(rows.saturating_mul(moves), NONE);
        self.moves = moves;
        self.ready = true;
    }

    /// Keeps the costs of move `k`'s run into row `r`. Past four billion costs
    /// (offsets are `u32`) the store gives up, and the backward pass prices its
    /// beads itself.
    pub(super) fn record(&mut self, r: usize, k: usize, costs: &[f64]) {
        if !self.ready {
            return;
        }
        let Ok(offset) = u32::try_from(self.costs.len()) else {
            self.ready = false;
            return;
        };
        match self.at.get_mut(r * self.moves + k) {
            Some(slot) => *slot = offset,
            None => return,
        }
        self.costs.extend_from_slice(costs);
    }

    /// The costs of `count` beads from the `offset`-th of move `k`'s run into
    /// row `r`, if the last forward pass kept a run there. Callers keep
    /// `offset + count` within the run.
    pub(super) fn run(&self, r: usize, k: usize, offset: usize, count: usize) -> Option<&[f64]> {
        if !self.ready {
            return None;
        }
        let at = *self.at.get(r.checked_mul(self.moves)?.checked_add(k)?)?;
        if at == NONE {
            return None;
        }
        let at = (at as usize).checked_add(offset)?;
        self.costs.get(at..at.checked_add(count)?)
    }

    /// Forgets the costs kept: the next backward pass prices its beads itself.
    pub(super) fn finish(&mut self) {
        self.ready = false;
    }

    /// Bytes held by the buffers.
    pub(super) fn bytes(&self) -> usize {
        self.costs.capacity() * std::mem::size_of::<f64>()
            + self.at.capacity() * std::mem::size_of::<u32>()
    }
}
