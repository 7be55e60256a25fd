//! The anchor and lexical terms' lookups shared by the moves of a row.

use super::{lower_bound_near, AnchorTable, Item};

/// The matches of one row's English items among the Arabic sentences a run of
/// beads can reach, kept while the moves of the row are priced: moves with the
/// same English count differ only in how many Arabic sentences their beads span,
/// so each item is looked up once per row and count instead of once per move (a
/// lexicon gives a sentence dozens of items, most with no match in reach, and a
/// row a dozen moves). One slot per English count: a row's moves come in the
/// order of the model's kinds, where counts interleave (1-5, 5-1, 1-6, …), and
/// one slot would look the same items up again at each turn.
#[derive(Debug, Clone, Default)]
pub(crate) struct RowMatches {
    slots: Vec<Slot>,
}

/// The lookups of one row and English count.
#[derive(Debug, Clone, Default)]
struct Slot {
    /// The row `i` the items are those of.
    row: Option<usize>,
    /// The Arabic sentences `first..end` searched.
    reach: (usize, usize),
    /// Per item with a match in reach that weighs, in the row's order: its gain
    /// and chance, and its matches `hits[lo..hi]`.
    items: Vec<RowItem>,
    /// Matches as (sentence, gain of the Arabic item for an English side of
    /// `a` sentences, 0 where an earlier English sentence of the bead already
    /// counted it), by sentence within each item.
    hits: Vec<(u32, f64)>,
}

#[derive(Debug, Clone, Copy)]
struct RowItem {
    gain: f64,
    chance: u32,
    lo: usize,
    hi: usize,
}

impl AnchorTable {
    /// Like [`AnchorTable::add_costs`], with the row's lookups shared through
    /// `cache` by the moves of the same English count, whose beads span Arabic
    /// sentences within `reach`. The result is the same, operation for
    /// operation.
    #[inline]
    pub(crate) fn add_costs_shared(
        &self,
        cache: &mut RowMatches,
        (a, b, reach): (usize, usize, (usize, usize)),
        i: usize,
        e0: usize,
        out: &mut [f64],
    ) {
        if a == 0 || b == 0 {
            return;
        }
        if cache.slots.len() <= a {
            cache.slots.resize_with(a + 1, Slot::default);
        }
        // Cannot panic: the slots were grown past `a` just above.
        cache.slots[a].add_costs(self, (a, b), i, e0, reach, out);
    }

    /// Where the Arabic sentences holding `t`'s id within `first..end` are: the
    /// id's start in `ar_sentence` and the range `from..to` after it, or `None`
    /// where there is none.
    #[inline]
    pub(super) fn reach_of(
        &self,
        t: &Item,
        first: usize,
        end: usize,
    ) -> Option<(usize, usize, usize)> {
        // Cannot panic: ids are below `vocab` and `ar_start` has vocab + 1 entries.
        let (lo_id, hi_id) = (
            self.ar_start[t.id as usize],
            self.ar_start[t.id as usize + 1],
        );
        let sentences = &self.ar_sentence[lo_id..hi_id];
        // Most ids have no sentence in the row's reach: two comparisons say so.
        match (sentences.first(), sentences.last()) {
            (Some(&f), Some(&l)) if (f as usize) < end && (l as usize) >= first => {}
            _ => return None,
        }
        let from = lower_bound_near(sentences, first, t.hint);
        // The beads reach a few sentences: a scan finds the end sooner than a search.
        let to = from
            + sentences[from..]
                .iter()
                .take_while(|&&o| (o as usize) < end)
                .count();
        (to > from).then_some((lo_id, from, to))
    }
}

impl RowMatches {
    /// Drops the rows held, keeping the buffers.
    pub(crate) fn forget(&mut self) {
        for slot in &mut self.slots {
            slot.row = None;
        }
    }
}

impl Slot {
    /// Applies the cached matches of `table` to a run, as
    /// [`AnchorTable::add_costs`] does, looking the row's items up first, over
    /// `reach` and the run's own sentences, where the slot holds another row
    /// or too short a reach.
    fn add_costs(
        &mut self,
        table: &AnchorTable,
        (a, b): (usize, usize),
        i: usize,
        e0: usize,
        reach: (usize, usize),
        out: &mut [f64],
    ) {
        let (first, end) = (e0 - b, e0 + out.len());
        if self.row != Some(i) || first < self.reach.0 || end > self.reach.1 {
            self.load(table, a, i, (first.min(reach.0), end.max(reach.1)));
        }
        // Cannot panic: hits lie in `reach`, which holds first..end, and each
        // item's hits are sorted: lo ≤ hi ≤ out.len() as in `AnchorTable::add_costs`.
        for t in &self.items {
            let hits = &self.hits[t.lo..t.hi];
            let from = hits.partition_point(|h| (h.0 as usize) < first);
            let to = from
                + hits[from..]
                    .iter()
                    .take_while(|h| (h.0 as usize) < end)
                    .count();
            if to == from {
                continue;
            }
            let en_gain = table.chances.sized(t.gain, t.chance, b);
            let en_weighs = en_gain > 0.0;
            let mut covered = 0;
            for &(s, ar_gain) in &hits[from..to] {
                let s = s as usize;
                let lo = (s + 1).saturating_sub(e0);
                let hi = (s + b + 1 - e0).min(out.len());
                if en_weighs {
                    for o in &mut out[lo.max(covered)..hi] {
                        *o -= 0.5 * en_gain;
                    }
                }
                covered = hi;
                if ar_gain > 0.0 {
                    for o in &mut out[lo..hi] {
                        *o -= 0.5 * ar_gain;
                    }
                }
            }
        }
    }

    /// Looks the items of English sentences `i − a..i` up among the Arabic
    /// sentences `reach`.
    fn load(&mut self, table: &AnchorTable, a: usize, i: usize, reach: (usize, usize)) {
        self.row = Some(i);
        self.reach = reach;
        self.items.clear();
        self.hits.clear();
        let (first, end) = reach;
        // Cannot panic: as in `AnchorTable::add_costs`.
        let items_e = &table.en.items[table.en.start[i - a]..table.en.start[i]];
        for t in items_e {
            let Some((lo_id, from, to)) = table.reach_of(t, first, end) else {
                continue;
            };
            let counted = t.prev != usize::MAX && t.prev >= table.en.start[i - a];
            // A match that adds nothing (an anchor no better than chance, an
            // Arabic side already counted) is left out: most items of a lexicon
            // are frequent words whose matches weigh nothing either way.
            let en_weighs = t.gain > 0.0;
            if !en_weighs && counted {
                continue;
            }
            let lo = self.hits.len();
            let terms = &table.ar_terms[lo_id + from..lo_id + to];
            for (&s, &(gain, chance)) in table.ar_sentence[lo_id + from..lo_id + to]
                .iter()
                .zip(terms)
            {
                let ar_gain = if counted {
                    0.0
                } else {
                    table.chances.sized(gain, chance, a)
                };
                if en_weighs || ar_gain > 0.0 {
                    self.hits.push((s, ar_gain));
                }
            }
            if self.hits.len() == lo {
                continue;
            }
            self.items.push(RowItem {
                gain: t.gain,
                chance: t.chance,
                lo,
                hi: self.hits.len(),
            });
        }
    }
}
