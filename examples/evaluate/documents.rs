//! Document scoring: byte-level pair precision and recall and letter-level run
//! accuracy (the semantics of `eval/score_docs.py`), and the verdict and calibration
//! table of `eval/calibration_docs.py`.

use bitext::Span;

use crate::plot::Bins;

/// Pair scoring counts of one or more documents, as `score_docs.py pairs` sums them.
#[derive(Default, Clone, Copy)]
pub(crate) struct PairCounts {
    pub(crate) pred_bytes: usize,
    pub(crate) pred_ok: usize,
    pub(crate) gold_bytes: usize,
    pub(crate) gold_ok: usize,
    pub(crate) pred_pairs: usize,
    pub(crate) exact_pairs: usize,
    pub(crate) gold_pairs: usize,
}

impl PairCounts {
    pub(crate) fn add(&mut self, o: &PairCounts) {
        self.pred_bytes += o.pred_bytes;
        self.pred_ok += o.pred_ok;
        self.gold_bytes += o.gold_bytes;
        self.gold_ok += o.gold_ok;
        self.pred_pairs += o.pred_pairs;
        self.exact_pairs += o.exact_pairs;
        self.gold_pairs += o.gold_pairs;
    }

    /// Precision, recall and F1 with the scorer's conventions for empty sides.
    pub(crate) fn prf(&self) -> (f64, f64, f64) {
        let p = if self.pred_bytes > 0 {
            self.pred_ok as f64 / self.pred_bytes as f64
        } else if self.gold_bytes == 0 {
            1.0
        } else {
            0.0
        };
        let r = if self.gold_bytes > 0 {
            self.gold_ok as f64 / self.gold_bytes as f64
        } else {
            1.0
        };
        let f = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        (p, r, f)
    }
}

/// The bytes two spans share, when they share any.
fn intersection(a: Span, b: Span) -> Option<Span> {
    let (start, end) = (a.start.max(b.start), a.end.min(b.end));
    (start < end).then(|| Span::new(start, end))
}

/// Total length of a set of spans, counting overlaps once.
fn union_len(mut spans: Vec<Span>) -> usize {
    spans.sort_unstable();
    spans.dedup();
    let mut total = 0;
    let mut end: Option<usize> = None;
    for Span { start: s, end: e } in spans {
        match end {
            Some(x) if s <= x => {
                if e > x {
                    total += e - x;
                    end = Some(e);
                }
            }
            _ => {
                total += e - s;
                end = Some(e);
            }
        }
    }
    total
}

/// `score_docs.py pairs` for one document.
pub(crate) fn score_pairs(gold: &[(Span, Span)], pred: &[(Span, Span)]) -> PairCounts {
    let mut c = PairCounts {
        pred_pairs: pred.len(),
        gold_pairs: gold.len(),
        ..PairCounts::default()
    };
    let mut covered: Vec<[Vec<Span>; 2]> = vec![[Vec::new(), Vec::new()]; gold.len()];
    for &(pe, pa) in pred {
        c.pred_bytes += pe.len() + pa.len();
        for (i, &(ge, ga)) in gold.iter().enumerate() {
            let (Some(oe), Some(oa)) = (intersection(pe, ge), intersection(pa, ga)) else {
                continue;
            };
            c.pred_ok += oe.len() + oa.len();
            covered[i][0].push(oe);
            covered[i][1].push(oa);
            if oe.len() as f64 >= 0.9 * pe.len() as f64 && oa.len() as f64 >= 0.9 * pa.len() as f64
            {
                c.exact_pairs += 1;
            }
        }
    }
    c.gold_bytes = gold.iter().map(|(e, a)| e.len() + a.len()).sum();
    c.gold_ok = covered
        .into_iter()
        .flat_map(|[e, a]| [union_len(e), union_len(a)])
        .sum();
    c
}

/// Letter numbers (Unicode category Nl): alphabetic for Rust, not letters for Python.
fn is_letter_number(c: char) -> bool {
    matches!(c as u32,
        0x16EE..=0x16F0 | 0x2160..=0x2182 | 0x2185..=0x2188 | 0x3007 | 0x3021..=0x3029
        | 0x3038..=0x303A | 0xA6E6..=0xA6EF | 0x10140..=0x10174 | 0x10341 | 0x1034A
        | 0x103D1..=0x103D5 | 0x12400..=0x1246E)
}

/// Python's `unicodedata.category(c).startswith("L")`. Rust's `is_alphabetic` also
/// accepts combining marks with the Other_Alphabetic property (Arabic harakat among
/// them), letter numbers and the circled letters (category So); those are removed.
fn is_letter(c: char) -> bool {
    c.is_alphabetic()
        && !unicode_normalization::char::is_combining_mark(c)
        && !is_letter_number(c)
        && !matches!(c as u32, 0x24B6..=0x24E9 | 0x1F130..=0x1F149 | 0x1F150..=0x1F169 | 0x1F170..=0x1F189)
}

/// Gold runs `(lang, span)` and ignore spans of a `*.runs.json` file.
pub(crate) type GoldRuns = (Vec<(String, Span)>, Vec<Span>);

/// `score_docs.py runs` for one document: (right, letters), with the predicted runs as
/// (language code, span), the form `score_docs.py` reads them in.
pub(crate) fn score_runs(text: &str, gold: &GoldRuns, pred: &[(&str, Span)]) -> (usize, usize) {
    let (runs, ignore) = gold;
    let (mut right, mut total) = (0, 0);
    for (pos, ch) in text.char_indices() {
        if !is_letter(ch) || ignore.iter().any(|s| s.range().contains(&pos)) {
            continue;
        }
        let Some((lang, _)) = runs.iter().find(|(_, s)| s.range().contains(&pos)) else {
            continue;
        };
        let p = pred
            .iter()
            .find(|(_, s)| s.range().contains(&pos))
            .map(|&(code, _)| code);
        total += 1;
        if p == Some(lang.as_str()) {
            right += 1;
        }
    }
    (right, total)
}

/// What a predicted document pair is, judged as `eval/calibration_docs.py` does.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum PairVerdict {
    /// Both sides lie inside the same non-empty set of gold pairs (a finer split
    /// of a gold pair, or a merge of consecutive ones), at most 2 bytes outside.
    Right,
    /// Neither side touches a gold pair: page furniture or untranslated text.
    Furniture,
    Wrong,
}

pub(crate) fn judge_pair(gold: &[(Span, Span)], en: Span, ar: Span) -> PairVerdict {
    let touched = |side: Span, pick: fn(&(Span, Span)) -> Span| -> Vec<usize> {
        gold.iter()
            .enumerate()
            .filter(|(_, g)| intersection(side, pick(g)).is_some())
            .map(|(k, _)| k)
            .collect()
    };
    let (oe, oa) = (touched(en, |g| g.0), touched(ar, |g| g.1));
    if oe.is_empty() && oa.is_empty() {
        return PairVerdict::Furniture;
    }
    let outside = |side: Span, ids: &[usize], pick: fn(&(Span, Span)) -> Span| -> usize {
        let inside: usize = ids
            .iter()
            .filter_map(|&k| gold.get(k))
            .filter_map(|g| intersection(side, pick(g)))
            .map(|x| x.len())
            .sum();
        side.len().saturating_sub(inside)
    };
    if !oe.is_empty()
        && oe == oa
        && outside(en, &oe, |g| g.0) <= 2
        && outside(ar, &oa, |g| g.1) <= 2
    {
        PairVerdict::Right
    } else {
        PairVerdict::Wrong
    }
}

/// Document pairs by score band: is a pair's score the probability that it is
/// right? (the table of `eval/calibration_docs.py`).
#[derive(Default)]
pub(crate) struct DocCalibration {
    /// Per band: pairs, right ones, furniture ones.
    bands: [(usize, usize, usize); 5],
    /// Pairs scored at least 0.9, and the right ones among them.
    confident: (usize, usize),
    /// Furniture pairs scored at least 0.5.
    furniture_half: usize,
    /// The pairs in ten bins, right as the judge says.
    pub(crate) bins: Bins,
}

impl DocCalibration {
    const EDGES: [f64; 5] = [0.0, 0.5, 0.7, 0.9, 0.99];

    pub(crate) fn add(&mut self, score: f64, v: PairVerdict) {
        let band = Self::EDGES.iter().rposition(|&e| score >= e).unwrap_or(0);
        if let Some(b) = self.bands.get_mut(band) {
            b.0 += 1;
            b.1 += usize::from(v == PairVerdict::Right);
            b.2 += usize::from(v == PairVerdict::Furniture);
        }
        if score >= 0.9 {
            self.confident.0 += 1;
            self.confident.1 += usize::from(v == PairVerdict::Right);
        }
        self.furniture_half += usize::from(score >= 0.5 && v == PairVerdict::Furniture);
        self.bins.add(score, v == PairVerdict::Right);
    }

    pub(crate) fn print(&self, label: &str) {
        println!(
            "
calibration ({label} pairs, judged as eval/calibration_docs.py does)"
        );
        println!(
            "{:<12} {:>6} {:>8} {:>10}",
            "score", "pairs", "right", "furniture"
        );
        let names = ["< 0.5", "0.5-0.7", "0.7-0.9", "0.9-0.99", ">= 0.99"];
        for (name, &(n, right, furniture)) in names.iter().zip(&self.bands) {
            let share = if n == 0 { 0.0 } else { right as f64 / n as f64 };
            println!("{name:<12} {n:>6} {share:>8.3} {furniture:>10}");
        }
        let (n, right) = self.confident;
        let p = if n == 0 { 1.0 } else { right as f64 / n as f64 };
        println!(
            "P(right | score >= 0.9) = {p:.4} on {n} pairs; furniture pairs scored >= 0.5: {}",
            self.furniture_half
        );
        println!("ECE (ten bins) {:.4}", self.bins.ece());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(start: usize, end: usize) -> Span {
        Span::new(start, end)
    }

    /// Two adjacent gold pairs and a third one further on.
    fn gold() -> Vec<(Span, Span)> {
        vec![
            (s(0, 10), s(100, 120)),
            (s(10, 20), s(120, 130)),
            (s(30, 40), s(140, 150)),
        ]
    }

    #[test]
    fn pair_bytes_count_only_where_both_sides_overlap_one_gold_pair() {
        let gold = &gold()[..2];
        let pred = [
            (s(0, 10), s(100, 120)),  // the first gold pair: 30 bytes right, exact
            (s(10, 15), s(120, 125)), // half of the second: 10 bytes right, exact
            (s(30, 40), s(140, 150)), // outside every gold pair: 20 bytes wrong
            (s(0, 10), s(140, 150)),  // English right, Arabic outside: 20 bytes wrong
        ];
        let c = score_pairs(gold, &pred);
        assert_eq!((c.pred_bytes, c.pred_ok), (80, 40));
        // Gold bytes: 30 + 20; covered: all of the first pair, half of the second.
        assert_eq!((c.gold_bytes, c.gold_ok), (50, 40));
        assert_eq!((c.pred_pairs, c.gold_pairs, c.exact_pairs), (4, 2, 2));
        let (p, r, f) = c.prf();
        assert!((p - 0.5).abs() < 1e-12 && (r - 0.8).abs() < 1e-12);
        assert!((f - 8.0 / 13.0).abs() < 1e-12);
    }

    #[test]
    fn a_merge_is_right_but_not_exact_and_covered_bytes_count_once() {
        let gold = &gold()[..2];
        let pred = [
            (s(0, 20), s(100, 130)), // both gold pairs merged
            (s(5, 10), s(110, 120)), // again inside the first one
        ];
        let c = score_pairs(gold, &pred);
        // The merge earns 30 bytes in the first gold pair and 20 in the second.
        assert_eq!((c.pred_bytes, c.pred_ok), (65, 65));
        // The second prediction covers nothing new.
        assert_eq!((c.gold_bytes, c.gold_ok), (50, 50));
        // The merge has half its English in each gold pair: not exact.
        assert_eq!(c.exact_pairs, 1);
        assert_eq!(c.prf(), (1.0, 1.0, 1.0));
    }

    #[test]
    fn exact_needs_ninety_percent_of_both_sides_in_one_gold_pair() {
        let gold = [(s(0, 9), s(100, 109)), (s(21, 29), s(121, 129))];
        // 9 of 10 bytes inside on both sides: exact; 8 of 10: not.
        let c = score_pairs(&gold, &[(s(0, 10), s(100, 110))]);
        assert_eq!(c.exact_pairs, 1);
        let c = score_pairs(&gold, &[(s(20, 30), s(120, 130))]);
        assert_eq!(c.exact_pairs, 0);
        assert_eq!((c.pred_ok, c.gold_ok), (16, 16));
    }

    #[test]
    fn empty_sides_follow_the_scorer_conventions() {
        // Nothing predicted, nothing to find: perfect.
        assert_eq!(score_pairs(&[], &[]).prf(), (1.0, 1.0, 1.0));
        // Nothing predicted: precision 0, recall 0.
        assert_eq!(score_pairs(&gold(), &[]).prf(), (0.0, 0.0, 0.0));
        // Something predicted where the gold has nothing: precision 0, recall 1.
        let c = score_pairs(&[], &[(s(0, 4), s(10, 14))]);
        assert_eq!(c.prf(), (0.0, 1.0, 0.0));
        // Summing documents sums bytes before the ratios are taken.
        let mut sum = PairCounts::default();
        sum.add(&score_pairs(&gold()[..1], &[(s(0, 10), s(100, 120))]));
        sum.add(&c);
        assert_eq!((sum.pred_bytes, sum.pred_ok, sum.gold_bytes), (38, 30, 30));
        assert_eq!(sum.pred_pairs, 2);
    }

    #[test]
    fn union_counts_overlapping_spans_once() {
        assert_eq!(union_len(vec![s(3, 8), s(0, 5), s(10, 12), s(10, 12)]), 10);
        assert_eq!(union_len(vec![s(0, 5), s(5, 7)]), 7);
        assert_eq!(union_len(vec![s(0, 10), s(2, 4)]), 10);
        assert_eq!(union_len(Vec::new()), 0);
    }

    #[test]
    fn letters_are_python_letters() {
        for c in ['a', 'Z', 'é', 'س', 'ی'] {
            assert!(is_letter(c), "{c:?}");
        }
        // A digit, a space, a fatha (Mn), a Roman numeral (Nl) and a circled letter
        // (So): alphabetic or not for Rust, none is in Python's category L.
        for c in ['1', ' ', '\u{064E}', '\u{216B}', '\u{24B6}'] {
            assert!(!is_letter(c), "{c:?}");
        }
    }

    #[test]
    fn run_accuracy_counts_gold_letters_outside_ignore_spans() {
        // Bytes: H 0, i 1, space 2, seen 3-4, fatha 5-6, lam 7-8, alef 9-10, meem
        // 11-12, space 13, x 14, 1 15.
        let text = "Hi \u{633}\u{64E}\u{644}\u{627}\u{645} x1";
        assert_eq!(text.len(), 16);
        let gold: GoldRuns = (
            vec![
                ("en".into(), s(0, 2)),
                ("ar".into(), s(3, 13)),
                ("en".into(), s(14, 16)),
            ],
            vec![s(7, 9)],
        );
        let pred = [("en", s(0, 5)), ("ar", s(5, 13))];
        // Judged: H, i (right), seen (predicted English: wrong), alef, meem (right),
        // x (no predicted run: wrong). Not judged: the fatha and the digit (not
        // letters) and lam (ignored).
        assert_eq!(score_runs(text, &gold, &pred), (4, 6));
        // A letter outside every gold run is not judged.
        let gold_en_only: GoldRuns = (vec![("en".into(), s(0, 2))], Vec::new());
        assert_eq!(score_runs(text, &gold_en_only, &pred), (2, 2));
        assert_eq!(score_runs(text, &(Vec::new(), Vec::new()), &pred), (0, 0));
    }

    #[test]
    fn pair_verdicts_right_furniture_wrong() {
        let gold = gold();
        let v = |en, ar| judge_pair(&gold, en, ar);
        // A gold pair, a finer split of one, a merge of two consecutive ones.
        assert!(v(s(0, 10), s(100, 120)) == PairVerdict::Right);
        assert!(v(s(0, 5), s(100, 110)) == PairVerdict::Right);
        assert!(v(s(0, 20), s(100, 130)) == PairVerdict::Right);
        // Two bytes outside the gold pair are tolerated, three are not.
        assert!(v(s(28, 40), s(140, 152)) == PairVerdict::Right);
        assert!(v(s(27, 40), s(140, 150)) == PairVerdict::Wrong);
        assert!(v(s(30, 40), s(137, 150)) == PairVerdict::Wrong);
        // Touching no gold pair on either side: furniture.
        assert!(v(s(50, 60), s(200, 210)) == PairVerdict::Furniture);
        // One side in a gold pair, the other outside; sides in different gold pairs;
        // one side over more gold pairs than the other.
        assert!(v(s(50, 60), s(100, 110)) == PairVerdict::Wrong);
        assert!(v(s(0, 10), s(120, 130)) == PairVerdict::Wrong);
        assert!(v(s(0, 20), s(100, 120)) == PairVerdict::Wrong);
    }

    #[test]
    fn calibration_bands_count_pairs_right_and_furniture() {
        let mut cal = DocCalibration::default();
        for (score, v) in [
            (0.995, PairVerdict::Right),
            (0.95, PairVerdict::Wrong),
            (0.9, PairVerdict::Right),
            (0.6, PairVerdict::Furniture),
            (0.5, PairVerdict::Right),
            (0.3, PairVerdict::Furniture),
            (0.0, PairVerdict::Wrong),
        ] {
            cal.add(score, v);
        }
        // Bands [0, 0.5), [0.5, 0.7), [0.7, 0.9), [0.9, 0.99), [0.99, ...).
        assert_eq!(
            cal.bands,
            [(2, 0, 1), (2, 1, 1), (0, 0, 0), (2, 1, 0), (1, 1, 0)]
        );
        assert_eq!(cal.confident, (3, 2));
        assert_eq!(cal.furniture_half, 1);
    }
}
