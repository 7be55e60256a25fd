//! The bead costs a forward pass priced, kept for the backward pass over the same
//! band and model.
//!
//! A run of move `k` into row `r` (the beads from row `r − a` to row `r` with both
//! ends in the band) is, bead for bead, the backward pass's run of move `k` out of
//! row `r − a`: the same beads, in the same order, priced with the same terms. So
//! the backward pass reads the forward pass's costs instead of pricing every bead
//! a second time, and gets the same values bit for bit. With a lexical term the
//! pricing is most of a pass's time; the costs take eight bytes a bead, so the
//! store keeps them only up to a budget per sentence (`BYTES_PER_SENTENCE`),
//! and the backward pass prices the beads of the runs past it itself.

/// Bytes the store may take per sentence of the lattice (both sides), index
/// included: half of what the crate allows a sentence or line of a page in all
/// (`tests/memory.rs`: 512 bytes an item), so that memory stays within that
/// promise whatever the band. A book's scoring band (about 30 moves over 8
/// cells a row) would take about twice this: the runs that fit, first rows
/// first, are kept and the rest priced again.
const BYTES_PER_SENTENCE: usize = 256;

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
    /// The most costs the pass may keep (see `BYTES_PER_SENTENCE`).
    room: usize,
    /// Whether the costs are those of the forward pass just made: the backward
    /// pass that follows reads them, and the next pass of any kind starts over.
    ready: bool,
}

impl CostStore {
    /// Starts keeping the costs of a forward pass over a lattice of `sentences`
    /// sentences (both sides), `rows` rows and `cells` cells, with a model of
    /// `moves` moves.
    pub(super) fn start(&mut self, sentences: usize, rows: usize, cells: usize, moves: usize) {
        self.costs.clear();
        self.at.clear();
        let budget = sentences.saturating_mul(BYTES_PER_SENTENCE);
        let index = rows.saturating_mul(moves);
        let index_bytes = index.saturating_mul(std::mem::size_of::<u32>());
        if index_bytes >= budget {
            // Too many moves for the budget to keep any cost as well.
            self.ready = false;
            return;
        }
        self.room = (budget - index_bytes) / std::mem::size_of::<f64>();
        // Room for a cost per cell and move (the most a pass can price) within
        // the budget, taken at once: growing by doubling would copy the costs
        // and touch their pages twice. Where it cannot be had, the store grows
        // as it goes.
        let most = cells.saturating_mul(moves).min(self.room);
        let _ = self.costs.try_reserve(most);
        self.at.resize(index, NONE);
        self.moves = moves;
        self.ready = true;
    }

    /// Keeps the costs of move `k`'s run into row `r`, where they fit in the
    /// room left. Past four billion costs (offsets are `u32`) the store gives
    /// up, and the backward pass prices its beads itself.
    pub(super) fn record(&mut self, r: usize, k: usize, costs: &[f64]) {
        if !self.ready || self.costs.len() + costs.len() > self.room {
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
