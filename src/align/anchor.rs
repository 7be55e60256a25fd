//! Anchor agreement as a term of the bead cost.
//!
//! For a bead of English sentences `E` and Arabic sentences `A`, each anchor `t` of
//! `E` (see [`crate::anchors`]) either occurs in `A` or not. Under "`A` translates
//! `E`" it does with probability `p` (fitted per anchor kind and direction); under
//! "unrelated" with probability `q`, the share of Arabic sentences near the expected
//! position that contain `t`. The anchor's log-likelihood ratio is `ln(p/q)` when it
//! matches and `ln((1−p)/(1−q))` when it does not; the same holds from `A` towards
//! `E`, and the bead's anchor term is minus the mean of the two directions' sums.
//! A token frequent near the sentence ("1" in "Chapter 1", the name of the story's
//! hero) has `q` near `p` and weighs almost nothing; a token that occurs once in a
//! stretch of forty sentences weighs up to `ln 41·p`. Anchors that never occur on the
//! other side of the input, and kinds whose fitted `p` is no better than chance, are
//! left out, so an input without anchors is aligned exactly as by length alone. Items
//! of a page's lexical classes are the exception: there every item counts, one found
//! on one side only as a miss wherever its unit is paired (see
//! [`AnchorInput::counting_every_item`]).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::model::ln_fast;
use super::AnchorRate;
use crate::anchors::{anchor_hash, visit, visit_anchors, AnchorKind};
use crate::lang::Lang;

mod rows;

pub(crate) use rows::RowMatches;

/// Sentences on each side of the expected position whose tokens set the chance
/// rate `q` of an anchor.
const NEIGHBOURHOOD: usize = 20;

/// Anchors of both sides as dense ids, one list per sentence.
#[derive(Debug, Clone, Default)]
pub(crate) struct AnchorInput {
    pub(crate) en: Vec<Vec<(u32, AnchorKind)>>,
    pub(crate) ar: Vec<Vec<(u32, AnchorKind)>>,
    /// Number of distinct ids (all below it).
    vocab: usize,
    /// Whether items found on one side only take part (see
    /// [`AnchorInput::counting_every_item`]).
    every_item: bool,
}

impl AnchorInput {
    /// Number of distinct ids: every id is below it.
    pub(crate) fn vocab(&self) -> usize {
        self.vocab
    }

    /// Whether some id occurs on both sides: without one the anchors cannot say
    /// which sentences translate each other.
    pub(crate) fn shares_an_id(&self) -> bool {
        let mut on_en = vec![false; self.vocab];
        for &(id, _) in self.en.iter().flatten() {
            if let Some(seen) = on_en.get_mut(id as usize) {
                *seen = true;
            }
        }
        (self.ar.iter().flatten()).any(|&(id, _)| on_en.get(id as usize).copied().unwrap_or(false))
    }

    /// Finds and interns the anchors of both sides; ids are shared between the
    /// sides, and each sentence lists an id once.
    pub(crate) fn from_text<E: AsRef<str>, A: AsRef<str>>(en: &[E], ar: &[A]) -> AnchorInput {
        // Keys are interned by a 64-bit hash of (kind, key): no allocation per
        // anchor, and a collision among the few hundred thousand keys of a book has
        // a probability of about 1e-9. Only anchors that can occur on both sides
        // get an id: English first, except its Latin words (every English word is
        // one); then Arabic, whose name skeletons (every Arabic word has some) are
        // kept only where an English name has the same; then the English Latin
        // words that Arabic has.
        let mut ids: HashMap<u64, u32, BuildHasherDefault<Prehashed>> = HashMap::default();
        let mut en_ids: Vec<Vec<(u32, AnchorKind)>> = Vec::with_capacity(en.len());
        for text in en {
            let mut list = Vec::new();
            visit(
                text.as_ref(),
                Lang::English,
                true,
                false,
                &mut |kind, key| {
                    let next = ids.len() as u32;
                    list.push((*ids.entry(anchor_hash(kind, key)).or_insert(next), kind));
                },
            );
            en_ids.push(list);
        }
        let mut ar_ids: Vec<Vec<(u32, AnchorKind)>> = Vec::with_capacity(ar.len());
        let mut ar_latin = false;
        for text in ar {
            let mut list = Vec::new();
            visit_anchors(text.as_ref(), Lang::Arabic, &mut |kind, key| {
                let h = anchor_hash(kind, key);
                if kind == AnchorKind::Name {
                    if let Some(&id) = ids.get(&h) {
                        list.push((id, kind));
                    }
                } else {
                    ar_latin |= kind == AnchorKind::Latin;
                    let next = ids.len() as u32;
                    list.push((*ids.entry(h).or_insert(next), kind));
                }
            });
            list.sort_unstable_by_key(|x| x.0);
            list.dedup_by_key(|x| x.0);
            ar_ids.push(list);
        }
        // Every English word is a Latin candidate, worth looking up only where
        // the Arabic side has Latin words at all (a Bible, most news, has none).
        if ar_latin {
            for (list, text) in en_ids.iter_mut().zip(en) {
                visit(
                    text.as_ref(),
                    Lang::English,
                    false,
                    true,
                    &mut |kind, key| {
                        if kind != AnchorKind::Latin {
                            return;
                        }
                        if let Some(&id) = ids.get(&anchor_hash(kind, key)) {
                            list.push((id, kind));
                        }
                    },
                );
            }
        }
        for list in &mut en_ids {
            list.sort_unstable_by_key(|x| x.0);
            list.dedup_by_key(|x| x.0);
        }
        AnchorInput {
            en: en_ids,
            ar: ar_ids,
            vocab: ids.len(),
            every_item: false,
        }
    }
}

impl AnchorInput {
    /// Items given as dense ids below `vocab`, each listed once per sentence and
    /// sorted: the lexicon's translation classes (see `super::lexical`), matched
    /// and weighed as anchors are.
    pub(crate) fn from_ids(
        en: Vec<Vec<(u32, AnchorKind)>>,
        ar: Vec<Vec<(u32, AnchorKind)>>,
        vocab: usize,
    ) -> AnchorInput {
        AnchorInput {
            en,
            ar,
            vocab,
            every_item: false,
        }
    }

    /// The same items, where those found on one side only take part too: each is
    /// a miss in every bead that pairs its sentence, and nothing in a bead that
    /// leaves it unpaired. That is the evidence that a unit has no translation
    /// (a paragraph whose dictionary words all miss); the match rates are then
    /// fitted over every item, so a translated unit, whose words find their
    /// translations at that rate, pays no more than its share.
    pub(crate) fn counting_every_item(mut self) -> AnchorInput {
        self.every_item = true;
        self
    }
}

/// A hasher for keys that are hashes already.
#[derive(Default)]
struct Prehashed(u64);

impl Hasher for Prehashed {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        // Only `write_u64` is used; fold anything else in all the same.
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// One side's anchors, ready for the inner loop: the anchors of sentences `k..l`
/// are the contiguous slice `items[start[k]..start[l]]`.
#[derive(Debug, Clone, Default)]
struct Side {
    start: Vec<usize>,
    items: Vec<Item>,
    /// Prefix sums of the no-match terms `ln((1−p)/(1−q))` (all ≤ 0).
    miss: Vec<f64>,
}

#[derive(Debug, Clone, Copy)]
struct Item {
    id: u32,
    /// What a match adds to the log-likelihood ratio over a miss:
    /// `ln(p/q) − ln((1−p)/(1−q))`, or 0 for an anchor no better than chance
    /// (kept so that the other side's matches against it still count).
    gain: f64,
    /// `q`, the chance that one sentence of the other side near the expected
    /// position holds the anchor, as its index in the table's [`Chances`].
    chance: u32,
    /// Index in the side's items of the previous item with the same id, or
    /// `usize::MAX`: whether a bead already counted an id is one comparison, not
    /// a scan of the bead's earlier items (a lexicon gives a sentence dozens).
    prev: usize,
    /// Where the search for the other side's sentences holding the id starts:
    /// the first of them at or after the expected position's neighbourhood (the
    /// beads of a band lie near it, so the search is short and stays in one or
    /// two cache lines).
    hint: usize,
}

/// What a match into a bead side of `size` sentences is worth, given the gain of a
/// match into one sentence and the per-sentence chance rate `q`: a side of `size`
/// sentences holds the anchor by chance with probability `q_b = 1 − (1 − q)^size`,
/// not `q`, so its match is worth `ln(q_b/q)` less (about `ln size`). Without this,
/// wider beads collect chance matches for free and two right 1-1 beads lose to one
/// 2-2 whenever a token recurs in the neighbouring sentence.
#[inline]
fn gain_for_size(gain: f64, chance: f64, size: usize) -> f64 {
    if size <= 1 || gain <= 0.0 {
        return gain;
    }
    (gain - size_discount(chance, size)).max(0.0)
}

/// `ln(q_b/q)` for a side of `size` ≥ 2 sentences and chance rate `q`.
fn size_discount(q: f64, size: usize) -> f64 {
    let q_b = 1.0 - (1.0 - q).powi(size.min(i32::MAX as usize) as i32);
    // q_b ≥ q, so the ratio is at least one, where `ln_fast` holds: this runs for
    // every match of a wide bead, where libm's logarithm would cost a few percent
    // of an alignment.
    ln_fast(q_b / q)
}

/// Bead sides of up to this many sentences less one have their discounts in
/// [`Chances`]: every kind the aligner allows (one sentence against sixteen).
const SIZES: usize = super::model::MANY_TO_ONE_LIMIT + 1;

/// The chance rates `q` an input's items take, each with its size discounts
/// `ln(q_s/q)` for bead sides of `s < SIZES` sentences. A rate is a count over
/// a window of at most 41 sentences, so an input has at most a few hundred, and
/// each discount is computed once rather than at every match of every pass,
/// where a power and a logarithm per match would cost a tenth of a
/// self-trained alignment's time.
#[derive(Debug, Clone, Default)]
struct Chances {
    index: HashMap<u64, u32>,
    q: Vec<f64>,
    /// `discount[k · SIZES + s]` for rate `k` and side size `s` (0 for s ≤ 1).
    discount: Vec<f64>,
}

impl Chances {
    /// The index of rate `q`, added where new.
    fn intern(&mut self, q: f64) -> u32 {
        let next = self.q.len() as u32;
        let k = *self.index.entry(q.to_bits()).or_insert(next);
        if k == next {
            self.q.push(q);
            // `gain_for_size`'s discount, so that `Chances::sized` gives its
            // result bit for bit.
            self.discount.extend((0..SIZES).map(|size| match size {
                0 | 1 => 0.0,
                _ => size_discount(q, size),
            }));
        }
        k
    }

    /// `gain_for_size(gain, q, size)` for the rate of index `k`.
    #[inline]
    fn sized(&self, gain: f64, k: u32, size: usize) -> f64 {
        if size <= 1 || gain <= 0.0 {
            return gain;
        }
        let at = k as usize * SIZES + size;
        match self.discount.get(at) {
            Some(&d) if size < SIZES => (gain - d).max(0.0),
            // Cannot panic: `k` was handed out by `intern`, which pushed its rate.
            _ => gain_for_size(gain, self.q[k as usize], size),
        }
    }
}

/// The fitted anchor model of one input.
#[derive(Debug, Clone)]
pub(crate) struct AnchorTable {
    en: Side,
    /// The Arabic side's items by id, in sentence order (the English side's
    /// matches are looked up here): those of id `k` are at
    /// `ar_start[k]..ar_start[k + 1]` of `ar_sentence` (their sentences,
    /// searched: a dense array of indices keeps the search in few cache lines)
    /// and of `ar_terms` (their gain and chance).
    ar_start: Vec<usize>,
    ar_sentence: Vec<u32>,
    ar_terms: Vec<(f64, u32)>,
    /// The chance rates of both sides' items, with their size discounts.
    chances: Chances,
    /// Prefix sums of the Arabic side's no-match terms.
    ar_miss: Vec<f64>,
    /// Fitted match probability per kind: English towards Arabic, and back.
    p_en: [f64; AnchorKind::ALL.len()],
    p_ar: [f64; AnchorKind::ALL.len()],
    /// Anchors of each kind seen in the first path's beads, both sides.
    seen: [usize; AnchorKind::ALL.len()],
    /// Fitted with items found on one side only (see
    /// [`AnchorInput::counting_every_item`]).
    every_item: bool,
}

impl AnchorTable {
    /// Fits the anchor model on a first path (bead end points from `(0, 0)` to
    /// `(n, m)`), or `None` when no anchor can help: none occurs on both sides, or
    /// none matches more often than chance.
    pub(crate) fn fit(input: &AnchorInput, path: &[(usize, usize)]) -> Option<AnchorTable> {
        let (n, m) = (input.en.len(), input.ar.len());
        if n == 0 || m == 0 || path.len() < 2 {
            return None;
        }
        // Sentence indices and ids are kept as u32 (`k as u32` and `j as u32` below
        // are then lossless, and `vocab as u32` covers every id): an input past that,
        // over four billion sentences or anchors, is aligned by length alone.
        if u32::try_from(n.max(m).max(input.vocab)).is_err() {
            return None;
        }
        // Occurrences of each id on each side, as sorted sentence indices (each
        // sentence lists an id once).
        let vocab = input.vocab;
        // Cannot panic, for `occ[id]`, `occ_en[id]`, `occ_ar[id]` and `ar_by_id[id]`
        // below: `from_text` hands out ids in order of insertion and sets `vocab` to
        // their number, so every id is below `vocab`, the length of these tables.
        let occurrences = |side: &[Vec<(u32, AnchorKind)>]| {
            let mut occ: Vec<Vec<u32>> = vec![Vec::new(); vocab];
            for (k, sentence) in side.iter().enumerate() {
                for &(id, _) in sentence {
                    occ[id as usize].push(k as u32);
                }
            }
            occ
        };
        let occ_en = occurrences(&input.en);
        let occ_ar = occurrences(&input.ar);
        let in_both = |id: u32| !occ_en[id as usize].is_empty() && !occ_ar[id as usize].is_empty();
        if !(0..vocab as u32).any(in_both) {
            return None;
        }
        let shared = |id: u32| input.every_item || in_both(id);

        // Match rates along the first path, per kind and direction.
        let mut hits = [[0usize; AnchorKind::ALL.len()]; 2];
        let mut seen = [[0usize; AnchorKind::ALL.len()]; 2];
        let mut bag_e: Vec<(u32, AnchorKind)> = Vec::new();
        let mut bag_a: Vec<(u32, AnchorKind)> = Vec::new();
        // Cannot panic: `path` is the first path over this input, from (0, 0) to
        // (n, m) in steps that never go back, so i0 ≤ i1 ≤ n and j0 ≤ j1 ≤ m.
        // `kind.index()` is below `AnchorKind::ALL.len()`, the arrays' length.
        for win in path.windows(2) {
            let ((i0, j0), (i1, j1)) = (win[0], win[1]);
            if i1 == i0 || j1 == j0 {
                continue;
            }
            bag_e.clear();
            bag_a.clear();
            bag_e.extend(input.en[i0..i1].iter().flatten().filter(|x| shared(x.0)));
            bag_a.extend(input.ar[j0..j1].iter().flatten().filter(|x| shared(x.0)));
            for (dir, (from, to)) in [(&bag_e, &bag_a), (&bag_a, &bag_e)].into_iter().enumerate() {
                for &(id, kind) in from.iter() {
                    seen[dir][kind.index()] += 1;
                    hits[dir][kind.index()] += usize::from(to.iter().any(|x| x.0 == id));
                }
            }
        }
        // Half a match and half a miss as prior, so that a kind seen once is not
        // certain. A kind the first path's beads never hold has no evidence at all:
        // p = 0 leaves it out (it would otherwise get the prior's 0.5 and weigh
        // against rare tokens, unseen in `rates`).
        let p: [[f64; AnchorKind::ALL.len()]; 2] = std::array::from_fn(|dir| {
            std::array::from_fn(|k| match seen[dir][k] {
                0 => 0.0,
                seen => ((hits[dir][k] as f64 + 0.5) / (seen as f64 + 1.0)).min(0.99),
            })
        });

        // Where each sentence is expected on the other side, from the first path.
        let (map_e, map_a) = expected_positions(path, n, m);
        let mut chances = Chances::default();
        type Other<'a> = (&'a [usize], &'a [Vec<u32>], usize);
        let mut side = |items: &[Vec<(u32, AnchorKind)>], p: &[f64], other: Other| {
            Side::build(items, p, other, &shared, &mut chances)
        };
        let en = side(&input.en, &p[0], (&map_e, &occ_ar, m));
        let ar = side(&input.ar, &p[1], (&map_a, &occ_en, n));
        if !en.items.iter().chain(&ar.items).any(|t| t.gain > 0.0) {
            return None;
        }
        let (ar_start, ar_sentence, ar_terms) = arabic_by_id(&ar, vocab, m);
        Some(AnchorTable {
            en,
            ar_start,
            ar_sentence,
            ar_terms,
            chances,
            ar_miss: ar.miss,
            p_en: p[0],
            p_ar: p[1],
            seen: std::array::from_fn(|k| seen[0][k] + seen[1][k]),
            every_item: input.every_item,
        })
    }

    /// Whether the table was fitted with items found on one side only.
    pub(crate) fn counts_every_item(&self) -> bool {
        self.every_item
    }

    /// The fitted match rates of the kinds the input has.
    pub(crate) fn rates(&self) -> Vec<AnchorRate> {
        AnchorKind::ALL
            .iter()
            .enumerate()
            .filter(|&(k, _)| self.seen[k] > 0)
            .map(|(k, &kind)| AnchorRate {
                kind,
                en_to_ar: self.p_en[k],
                ar_to_en: self.p_ar[k],
                seen: self.seen[k],
            })
            .collect()
    }

    /// The cost of the no-match terms of English sentences `i − a..i`.
    ///
    /// Cannot panic: callers pass a ≤ i ≤ n, the input's English count (see
    /// `BeadCosts::en_terms`), and `miss` has n + 1 entries (`Side::build`); likewise
    /// b ≤ j ≤ m below (`BeadCosts::with_anchors`).
    pub(crate) fn en_miss(&self, i: usize, a: usize) -> f64 {
        -0.5 * (self.en.miss[i] - self.en.miss[i - a])
    }

    /// The cost of the no-match terms of Arabic sentences `j − b..j`.
    pub(crate) fn ar_miss(&self, j: usize, b: usize) -> f64 {
        -0.5 * (self.ar_miss[j] - self.ar_miss[j - b])
    }

    /// Adds the match part of the anchor term to the costs of beads of English sentences
    /// `i − a..i` and Arabic sentences `j − b..j`, for `j = e0, e0 + 1, …` (one per
    /// element of `out`). Indices are those of the whole input.
    ///
    /// The no-match terms are in [`AnchorTable::en_miss`] and
    /// [`AnchorTable::ar_miss`], which the model folds into its per-row and
    /// per-column constants; matches are found by looking each
    /// English anchor up among the Arabic sentences the row's beads span, so a row
    /// costs `O(anchors · log)` beyond the sums, not a comparison per cell.
    #[inline]
    pub(crate) fn add_costs(&self, a: usize, b: usize, i: usize, e0: usize, out: &mut [f64]) {
        if a == 0 || b == 0 {
            return;
        }
        // Cannot panic: the caller, `BeadCosts::move_costs`, passes beads inside the
        // input, a ≤ i ≤ n and e0 ≥ b (see `BeadCosts::length_costs`, shifted by the
        // lattice's origin), and `en.start` has n + 1 non-decreasing entries
        // (`Side::build`). Below, `occ` lists sentences s in increasing order (see
        // `fit`), with first ≤ s < end: so s + b + 1 − e0 ≥ 1, lo ≤ out.len(),
        // lo ≤ hi, and `covered`, the last hi, is at most this hi.
        let items_e = &self.en.items[self.en.start[i - a]..self.en.start[i]];
        // Beads `x` span Arabic sentences `e0 + x − b .. e0 + x`; an anchor in
        // sentence `s` is in the beads `x ∈ s + 1 − e0 ..= s + b − e0`.
        let (first, end) = (e0 - b, e0 + out.len());
        for t in items_e {
            let Some((lo_id, from, to)) = self.reach_of(t, first, end) else {
                continue;
            };
            let near = self.ar_sentence[lo_id + from..lo_id + to]
                .iter()
                .zip(&self.ar_terms[lo_id + from..lo_id + to]);
            // The same id in an earlier English sentence of the bead already
            // counted the Arabic side's matches.
            let counted = t.prev != usize::MAX && t.prev >= self.en.start[i - a];
            // English towards Arabic: one match per bead however many Arabic
            // sentences of it have the anchor.
            let en_gain = self.chances.sized(t.gain, t.chance, b);
            let mut covered = 0;
            for (&s, &(gain, chance)) in near {
                let s = s as usize;
                let lo = (s + 1).saturating_sub(e0);
                let hi = (s + b + 1 - e0).min(out.len());
                for o in &mut out[lo.max(covered)..hi] {
                    *o -= 0.5 * en_gain;
                }
                covered = hi;
                if !counted {
                    let ar_gain = self.chances.sized(gain, chance, a);
                    for o in &mut out[lo..hi] {
                        *o -= 0.5 * ar_gain;
                    }
                }
            }
        }
    }
}

impl Side {
    /// The items of one side: each anchor that occurs on the other side (every
    /// item, where `shared` says so), with its match and no-match terms against
    /// the other side's sentences near the expected position.
    fn build(
        side: &[Vec<(u32, AnchorKind)>],
        p: &[f64],
        (expected, other, other_len): (&[usize], &[Vec<u32>], usize),
        shared: &dyn Fn(u32) -> bool,
        chances: &mut Chances,
    ) -> Side {
        let mut out = Side {
            start: Vec::with_capacity(side.len() + 1),
            items: Vec::new(),
            miss: Vec::with_capacity(side.len() + 1),
        };
        let mut acc = 0.0;
        // The last item of each id (ids index `other`, one list per id).
        let mut last: Vec<usize> = vec![usize::MAX; other.len()];
        // Per id, where its occurrences at or after `lo` and `hi` start: the
        // neighbourhood only moves on along the sentences (the expected positions
        // follow a path), so each id's two cursors only move on too, and finding
        // them costs the occurrences, not a search per item.
        let mut cursors: Vec<(usize, usize)> = vec![(0, 0); other.len()];
        // An item's terms depend only on its kind and its count in a window of a
        // given size: each is computed once. Windows are whole but at the ends.
        let mut terms = Terms::new(p);
        out.start.push(0);
        out.miss.push(0.0);
        // Cannot panic: `expected` has one entry per sentence of `side`
        // (`expected_positions`), each a path point's column, at most `other_len`, so
        // lo ≤ centre ≤ hi and the two counts below subtract in order; ids index
        // `other` as in `fit`, and `kind.index()` is below `p.len()`, one per kind.
        for (k, sentence) in side.iter().enumerate() {
            let centre = expected[k];
            let lo = centre.saturating_sub(NEIGHBOURHOOD);
            let hi = (centre + NEIGHBOURHOOD + 1).min(other_len);
            for &(id, kind) in sentence {
                if !shared(id) {
                    continue;
                }
                let list = &other[id as usize];
                if list.is_empty() {
                    // Found on this side only (counted where every item is): it
                    // can never match, so it is a miss in every bead that pairs
                    // its sentence, at the rate fitted over every item. The
                    // halving of the terms below shares a translation pair's
                    // evidence between the two sides that see it; this one is
                    // seen from one side only, so it weighs in full: as an item
                    // found once nearby would miss.
                    acc += 2.0 * terms.of(kind, 1, hi - lo, chances).2;
                    continue;
                }
                let (from, to) = &mut cursors[id as usize];
                *from += list[*from..]
                    .iter()
                    .take_while(|&&x| (x as usize) < lo)
                    .count();
                *to = (*to).max(*from);
                *to += list[*to..]
                    .iter()
                    .take_while(|&&x| (x as usize) < hi)
                    .count();
                let (hint, near) = (*from, *to - *from);
                let (chance, gain, miss) = terms.of(kind, near.max(1), hi - lo, chances);
                // A kind no better than chance has no miss term (0 here).
                acc += miss;
                let prev = std::mem::replace(&mut last[id as usize], out.items.len());
                out.items.push(Item {
                    id,
                    gain,
                    chance,
                    prev,
                    hint,
                });
            }
            out.start.push(out.items.len());
            out.miss.push(acc);
        }
        out
    }
}

/// The terms of an item by its kind, its count `near` (at least 1) in a window
/// of `window` sentences of the other side: the index of its chance rate, its
/// gain and its miss term, each computed once per input.
struct Terms<'a> {
    /// The fitted match rate of each kind.
    p: &'a [f64],
    /// Whole windows, by kind and count.
    whole: Vec<Option<(u32, f64, f64)>>,
    /// Windows cut by an end of the text.
    cut: HashMap<(usize, usize, usize), (u32, f64, f64)>,
}

/// Sentences of a whole window.
const WHOLE: usize = 2 * NEIGHBOURHOOD + 1;

impl<'a> Terms<'a> {
    fn new(p: &'a [f64]) -> Terms<'a> {
        Terms {
            p,
            whole: vec![None; p.len() * (WHOLE + 1)],
            cut: HashMap::new(),
        }
    }

    /// The terms of an item of `kind` found `near` times in `window` sentences.
    ///
    /// Cannot panic: `kind.index()` is below `p.len()`, one rate per kind, and
    /// the index into `whole` is below `p.len() · (WHOLE + 1)`.
    fn of(
        &mut self,
        kind: AnchorKind,
        near: usize,
        window: usize,
        chances: &mut Chances,
    ) -> (u32, f64, f64) {
        let p = self.p[kind.index()];
        let compute = |chances: &mut Chances| {
            let q = (near as f64 / window.max(1) as f64).min(0.99);
            let (mut gain, mut miss) = (0.0, 0.0);
            if p > q {
                miss = ((1.0 - p) / (1.0 - q)).ln();
                gain = (p / q).ln() - miss;
            }
            (chances.intern(q), gain, miss)
        };
        if window == WHOLE && near <= WHOLE {
            let slot = &mut self.whole[kind.index() * (WHOLE + 1) + near];
            *slot.get_or_insert_with(|| compute(chances))
        } else {
            *self
                .cut
                .entry((kind.index(), near, window))
                .or_insert_with(|| compute(chances))
        }
    }
}

/// The first index of sorted `s` whose value is at least `x` (what
/// `partition_point(|v| v < x)` returns), searched outwards from `hint` in steps
/// that double: `O(log d)` for an answer `d` places away.
fn lower_bound_near(s: &[u32], x: usize, hint: usize) -> usize {
    let below = |v: &u32| (*v as usize) < x;
    let hint = hint.min(s.len());
    // Cannot panic: every slice below runs between indices in 0..=s.len(), lo ≤ hi.
    if hint > 0 && !below(&s[hint - 1]) {
        // The answer is below the hint: s[hi] ≥ x throughout.
        let (mut hi, mut step) = (hint - 1, 1);
        loop {
            let lo = hi.saturating_sub(step);
            if lo == 0 || below(&s[lo]) {
                return lo + s[lo..hi].partition_point(below);
            }
            hi = lo;
            step *= 2;
        }
    }
    // Everything before `lo` is below x.
    let (mut lo, mut step) = (hint, 1);
    loop {
        let hi = (lo + step).min(s.len());
        if hi == s.len() || !below(&s[hi]) {
            return lo + s[lo..hi].partition_point(below);
        }
        lo = hi;
        step *= 2;
    }
}

/// For each English sentence, the Arabic sentence index where the path puts it,
/// and the reverse.
fn expected_positions(path: &[(usize, usize)], n: usize, m: usize) -> (Vec<usize>, Vec<usize>) {
    let mut map_e = vec![0; n];
    let mut map_a = vec![0; m];
    for win in path.windows(2) {
        let ((i0, j0), (i1, j1)) = (win[0], win[1]);
        for slot in map_e.iter_mut().take(i1).skip(i0) {
            *slot = j0;
        }
        for slot in map_a.iter_mut().take(j1).skip(j0) {
            *slot = i0;
        }
    }
    (map_e, map_a)
}

/// The Arabic items of `ar` grouped by id, each group in sentence order: the
/// start of each id's group (`vocab + 1` entries), and per item its sentence and
/// its `(gain, chance)` terms.
#[allow(clippy::type_complexity)]
fn arabic_by_id(ar: &Side, vocab: usize, m: usize) -> (Vec<usize>, Vec<u32>, Vec<(f64, u32)>) {
    // Cannot panic: `Side::build` pushes one start per sentence after the first 0,
    // so `ar.start` has m + 1 non-decreasing entries ending at `ar.items.len()`.
    // Sentences are visited in order: each id's list is sorted by sentence.
    let mut ar_start = vec![0usize; vocab + 1];
    for t in &ar.items {
        ar_start[t.id as usize + 1] += 1;
    }
    for k in 0..vocab {
        ar_start[k + 1] += ar_start[k];
    }
    let mut fill = ar_start.clone();
    let mut ar_sentence = vec![0u32; ar.items.len()];
    let mut ar_terms = vec![(0.0, 0); ar.items.len()];
    for j in 0..m {
        for t in &ar.items[ar.start[j]..ar.start[j + 1]] {
            let at = &mut fill[t.id as usize];
            ar_sentence[*at] = j as u32;
            ar_terms[*at] = (t.gain, t.chance);
            *at += 1;
        }
    }
    (ar_start, ar_sentence, ar_terms)
}

#[cfg(test)]
mod tests;
