//! Sentence-case scoring: strict and lax precision and recall of index beads (the
//! semantics of `eval/score.py`, vecalign's scorer) and the reliability table of
//! predicted beads by score bin.

use std::collections::{HashMap, HashSet};

use crate::plot::Bins;

/// A bead as the gold files and vecalign write it: English and Arabic sentence indices.
pub(crate) type IndexBead = (Vec<usize>, Vec<usize>);
pub(crate) type BeadSet = Vec<IndexBead>;

/// Predicted beads (both sides non-empty) by score bin: how many, and how many are
/// strictly right (the same bead is in the gold) and have all their links right (every
/// sentence link of the bead is a gold link; stricter than the lax precision of
/// `judge`, where one gold link is enough).
#[derive(Default)]
pub(crate) struct Reliability {
    bins: [Bin; 5],
    /// The same beads in ten bins, judged strictly (the gold bead) and by links
    /// (every sentence of the bead in one gold bead).
    pub(crate) strict: Bins,
    pub(crate) links: Bins,
}

#[derive(Default, Clone, Copy)]
struct Bin {
    beads: usize,
    strict: usize,
    links: usize,
    score_sum: f64,
}

const BIN_EDGES: [f64; 4] = [0.5, 0.7, 0.9, 0.99];

impl Reliability {
    /// Adds the predicted beads of one case, with their scores.
    pub(crate) fn add<'b>(
        &mut self,
        gold: &BeadSet,
        beads: impl Iterator<Item = (&'b IndexBead, f64)>,
    ) {
        let gold_beads: HashSet<&IndexBead> = gold.iter().collect();
        let mut en_bead = HashMap::new();
        let mut ar_bead = HashMap::new();
        for (k, (e, a)) in gold.iter().enumerate() {
            for &i in e {
                en_bead.insert(i, k);
            }
            for &j in a {
                ar_bead.insert(j, k);
            }
        }
        for (bead, score) in beads.filter(|((e, a), _)| !e.is_empty() && !a.is_empty()) {
            let (e, a) = bead;
            let links = e.iter().all(|i| {
                a.iter()
                    .all(|j| en_bead.contains_key(i) && en_bead.get(i) == ar_bead.get(j))
            });
            let bin = &mut self.bins[BIN_EDGES.iter().filter(|&&edge| score >= edge).count()];
            bin.beads += 1;
            bin.strict += usize::from(gold_beads.contains(bead));
            bin.links += usize::from(links);
            bin.score_sum += score;
            self.strict.add(score, gold_beads.contains(bead));
            self.links.add(score, links);
        }
    }

    pub(crate) fn print(&self) {
        println!("\nreliability (beads with both sides, sentence cases without large/speed)");
        println!(
            "{:<12} {:>6} {:>10} {:>8} {:>8}",
            "score", "beads", "mean score", "strict", "links"
        );
        let names = ["< 0.5", "0.5-0.7", "0.7-0.9", "0.9-0.99", ">= 0.99"];
        for (name, bin) in names.iter().zip(&self.bins) {
            let n = bin.beads;
            let share = |x: f64| if n == 0 { 0.0 } else { x / n as f64 };
            println!(
                "{name:<12} {n:>6} {:>10.3} {:>8.3} {:>8.3}",
                share(bin.score_sum),
                share(bin.strict as f64),
                share(bin.links as f64)
            );
        }
        println!(
            "ECE (ten bins): strict {:.4}, links {:.4}",
            self.strict.ece(),
            self.links.ece()
        );
    }
}

/// Strict and lax hit counts for precision and recall, summed over cases.
#[derive(Default, Clone, Copy)]
pub(crate) struct Counts {
    p: [usize; 4],
    r: [usize; 4],
}

impl Counts {
    pub(crate) fn of(gold: &BeadSet, test: &BeadSet) -> Counts {
        let both = |b: &BeadSet| -> BeadSet {
            b.iter()
                .filter(|(e, a)| !e.is_empty() && !a.is_empty())
                .cloned()
                .collect()
        };
        Counts {
            p: judge(gold, test),
            r: judge(&both(test), &both(gold)),
        }
    }

    pub(crate) fn add(&mut self, o: &Counts) {
        for k in 0..4 {
            self.p[k] += o.p[k];
            self.r[k] += o.r[k];
        }
    }

    pub(crate) fn ratios(&self) -> (f64, f64, f64, f64, f64, f64) {
        let ratio = |a: usize, b: usize| {
            if a + b == 0 {
                0.0
            } else {
                a as f64 / (a + b) as f64
            }
        };
        let f1 = |p: f64, r: f64| {
            if p + r == 0.0 {
                0.0
            } else {
                2.0 * p * r / (p + r)
            }
        };
        let ps = ratio(self.p[0], self.p[1]);
        let pl = ratio(self.p[2], self.p[3]);
        let rs = ratio(self.r[0], self.r[1]);
        let rl = ratio(self.r[2], self.r[3]);
        (ps, rs, f1(ps, rs), pl, rl, f1(pl, rl))
    }
}

/// `[strict hits, strict misses, lax hits, lax misses]` of `candidate` against
/// `reference`, as in vecalign's scorer.
fn judge(reference: &BeadSet, candidate: &BeadSet) -> [usize; 4] {
    let reference: HashSet<&IndexBead> = reference
        .iter()
        .filter(|(e, a)| !e.is_empty() || !a.is_empty())
        .collect();
    let candidate: HashSet<&IndexBead> = candidate
        .iter()
        .filter(|(e, a)| !e.is_empty() || !a.is_empty())
        .collect();
    let mut linked: HashMap<usize, HashSet<usize>> = HashMap::new();
    for (e, a) in &reference {
        for i in e {
            linked.entry(*i).or_default().extend(a.iter().copied());
        }
    }
    let mut out = [0; 4];
    for bead in candidate {
        if reference.contains(bead) {
            out[0] += 1;
            out[2] += 1;
            continue;
        }
        out[1] += 1;
        let hit = bead
            .0
            .iter()
            .filter_map(|i| linked.get(i))
            .any(|set| bead.1.iter().any(|j| set.contains(j)));
        if hit {
            out[2] += 1;
        } else {
            out[3] += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bead(en: &[usize], ar: &[usize]) -> IndexBead {
        (en.to_vec(), ar.to_vec())
    }

    /// A gold with a 1-1, a 1-2, a 1-0, a 0-1 and another 1-1 bead.
    fn gold() -> BeadSet {
        vec![
            bead(&[0], &[0]),
            bead(&[1], &[1, 2]),
            bead(&[2], &[]),
            bead(&[], &[3]),
            bead(&[3], &[4]),
        ]
    }

    #[test]
    fn strict_and_lax_counts_follow_the_vecalign_rules() {
        let test = vec![
            bead(&[0], &[0]), // in the gold: strict and lax hit
            bead(&[1], &[1]), // not in the gold, but 1-1 is a gold link: lax hit only
            bead(&[], &[2]),  // 0-1 not in the gold: a miss under both measures
            bead(&[2], &[3]), // its sentences sit in gold 1-0 / 0-1 beads: no link
            bead(&[3], &[4]), // strict hit
            bead(&[3], &[4]), // listed twice: counted once
            bead(&[], &[]),   // empty on both sides: dropped
        ];
        let c = Counts::of(&gold(), &test);
        // Precision: 5 distinct test beads; strict hits [0]:[0] and [3]:[4], lax hits
        // those and [1]:[1].
        assert_eq!(c.p, [2, 3, 3, 2]);
        // Recall: the gold beads with both sides, [0]:[0], [1]:[1,2], [3]:[4], judged
        // against the test beads with both sides; [1]:[1,2] shares the link 1-1.
        assert_eq!(c.r, [2, 1, 3, 0]);
        let (ps, rs, fs, pl, rl, fl) = c.ratios();
        let close = |a: f64, b: f64| (a - b).abs() < 1e-12;
        assert!(close(ps, 0.4) && close(rs, 2.0 / 3.0) && close(fs, 0.5));
        assert!(close(pl, 0.6) && close(rl, 1.0) && close(fl, 0.75));
    }

    #[test]
    fn one_sided_beads_hit_only_when_the_gold_has_exactly_them() {
        let gold = vec![bead(&[0], &[0]), bead(&[1], &[])];
        let test = vec![bead(&[0], &[]), bead(&[], &[0]), bead(&[1], &[])];
        let c = Counts::of(&gold, &test);
        // [0]:[] and []:[0] touch a gold 1-1 bead but are misses, strict and lax;
        // [1]:[] is in the gold.
        assert_eq!(c.p, [1, 2, 1, 2]);
        // Recall leaves out every bead with an empty side: only gold [0]:[0] is
        // judged, against no test bead.
        assert_eq!(c.r, [0, 1, 0, 1]);
    }

    #[test]
    fn counts_add_up_over_cases_and_zero_over_zero_is_zero() {
        let mut sum = Counts::default();
        assert_eq!(sum.ratios(), (0.0, 0.0, 0.0, 0.0, 0.0, 0.0));
        sum.add(&Counts::of(&gold(), &gold()));
        sum.add(&Counts::of(&gold(), &Vec::new()));
        // Five gold beads found exactly; then the three two-sided gold beads missed.
        assert_eq!(sum.p, [5, 0, 5, 0]);
        assert_eq!(sum.r, [3, 3, 3, 3]);
        let (ps, rs, _, _, rl, _) = sum.ratios();
        assert_eq!((ps, rs, rl), (1.0, 0.5, 0.5));
    }

    #[test]
    fn reliability_bins_by_score_and_checks_every_link() {
        let mut rel = Reliability::default();
        let predicted = [
            (bead(&[0], &[0]), 0.995),  // >= 0.99, right
            (bead(&[1], &[1]), 0.95),   // 0.9-0.99, not a gold bead, links right
            (bead(&[1, 2], &[1]), 0.8), // 0.7-0.9, English 2 is in the gold 1-0 bead
            (bead(&[2], &[3]), 0.5),    // 0.5-0.7 (edges belong to the bin above)
            (bead(&[3], &[4]), 0.4),    // < 0.5, right
            (bead(&[], &[2]), 0.3),     // one-sided: not binned
        ];
        rel.add(&gold(), predicted.iter().map(|(b, s)| (b, *s)));
        let got: Vec<(usize, usize, usize, f64)> = rel
            .bins
            .iter()
            .map(|b| (b.beads, b.strict, b.links, b.score_sum))
            .collect();
        assert_eq!(
            got,
            [
                (1, 1, 1, 0.4),
                (1, 0, 0, 0.5),
                (1, 0, 0, 0.8),
                (1, 0, 1, 0.95),
                (1, 1, 1, 0.995)
            ]
        );
    }
}
