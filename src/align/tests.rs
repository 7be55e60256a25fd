//! Tests of the whole search: the banded programme against the textbook one, the
//! beads' cover of the input, fitting, and degenerate inputs.

use super::costs::BeadCosts;
use super::lattice::Lattice;
use super::*;

/// A small deterministic generator, so failures reproduce.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// A parallel text's lengths: English sentences, their translations at ratio 0.6
/// with noise, some split in two, some dropped.
fn parallel(rng: &mut Lcg, n: usize) -> (Vec<usize>, Vec<usize>) {
    let (mut en, mut ar) = (Vec::new(), Vec::new());
    for _ in 0..n {
        let l = 10 + rng.below(150) as usize;
        en.push(l);
        let t = (l as f64 * 0.6 * (0.8 + 0.4 * rng.below(1000) as f64 / 1000.0)) as usize;
        match rng.below(10) {
            0 => {}
            1 | 2 => {
                let cut = t / 3;
                ar.push(cut);
                ar.push(t - cut);
            }
            _ => ar.push(t),
        }
    }
    (en, ar)
}

/// The textbook O(n·m) programme over the public cost function.
fn naive(params: &Params, en: &[usize], ar: &[usize]) -> f64 {
    let (n, m) = (en.len(), ar.len());
    let mut d = vec![vec![f64::INFINITY; m + 1]; n + 1];
    d[0][0] = 0.0;
    for i in 0..=n {
        for j in 0..=m {
            for (kind, _) in &params.priors {
                let (a, b) = (kind.en, kind.ar);
                if a > i || b > j || (a == 0 && b == 0) {
                    continue;
                }
                let l1: usize = en[i - a..i].iter().sum();
                let l2: usize = ar[j - b..j].iter().sum();
                let c = d[i - a][j - b] + params.cost(*kind, l1, l2);
                if c < d[i][j] {
                    d[i][j] = c;
                }
            }
        }
    }
    d[n][m]
}

fn full_band(params: &Params, en: &[usize], ar: &[usize]) -> (f64, Vec<(usize, usize, u8)>) {
    let mut lat = Lattice::default();
    lat.set_lengths(en, ar);
    lat.band.full(en.len(), ar.len());
    let model = BeadCosts::new(params, &lat.ar_sums);
    let (best, _) = lat.viterbi(&model, false);
    let mut path = Vec::new();
    lat.traceback(&model, &mut path);
    (best, path)
}

#[test]
fn full_band_equals_textbook_programme() {
    let mut rng = Lcg(7);
    for case in 0..40 {
        let n = rng.below(12) as usize;
        let (mut en, mut ar) = parallel(&mut rng, n);
        if case % 5 == 0 {
            ar.truncate(rng.below(3) as usize);
        }
        if case % 7 == 0 {
            en.push(0);
        }
        let params = Params::estimate(3, &en, &ar);
        let (banded, _) = full_band(&params, &en, &ar);
        let reference = naive(&params, &en, &ar);
        assert!(
            (banded - reference).abs() <= 1e-9 * reference.abs().max(1.0),
            "case {case}: {banded} vs {reference}"
        );
    }
}

#[test]
fn banded_search_finds_the_full_optimum() {
    let mut rng = Lcg(11);
    for case in 0..30 {
        let n = 20 + rng.below(400) as usize;
        let (en, ar) = parallel(&mut rng, n);
        let mut aligner = Aligner::builder().band(3).build().unwrap();
        let got = aligner.align_lengths(&en, &ar);
        let (best, _) = full_band(&got.params, &en, &ar);
        assert!(
            (got.cost - best).abs() <= 1e-9 * best.abs().max(1.0),
            "case {case} (n = {n}): banded {} vs full {best}",
            got.cost
        );
    }
}

#[test]
fn beads_cover_every_sentence_once_in_order() {
    let mut rng = Lcg(3);
    for _ in 0..30 {
        let n = rng.below(60) as usize;
        let (en, mut ar) = parallel(&mut rng, n);
        ar.truncate(ar.len().saturating_sub(rng.below(4) as usize));
        let a = Aligner::new().align_lengths(&en, &ar);
        let (mut i, mut j) = (0, 0);
        for b in &a.beads {
            assert_eq!((b.en.start, b.ar.start), (i, j));
            assert_eq!(b.kind, BeadKind::new(b.en.len(), b.ar.len()));
            assert!(!(b.en.is_empty() && b.ar.is_empty()));
            assert!((0.0..=1.0).contains(&b.score), "score {}", b.score);
            i = b.en.end;
            j = b.ar.end;
        }
        assert_eq!((i, j), (en.len(), ar.len()));
    }
}

#[test]
fn one_sentence_against_ten_thousand() {
    let en = [50];
    let ar = vec![3; 10_000];
    let a = Aligner::new().align_lengths(&en, &ar);
    let covered: usize = a.beads.iter().map(|b| b.ar.len()).sum();
    assert_eq!(covered, 10_000);
    let a = Aligner::new().align_lengths(&ar, &en);
    let covered: usize = a.beads.iter().map(|b| b.en.len()).sum();
    assert_eq!(covered, 10_000);
}

#[test]
fn fitting_recovers_the_ratio() {
    let mut rng = Lcg(5);
    let (en, ar) = parallel(&mut rng, 2000);
    // One translation in ten is dropped, so the ratio of the totals is about 0.54;
    // EM refits find the ratio of the translated sentences.
    let start = Aligner::builder()
        .max_refits(0)
        .build()
        .unwrap()
        .align_lengths(&en, &ar);
    assert!(start.params.fitted);
    assert!(
        (start.params.ratio - 0.54).abs() < 0.03,
        "{}",
        start.params.ratio
    );
    // The default refits move towards the truth; more of them get there.
    let a = Aligner::new().align_lengths(&en, &ar);
    assert!(a.params.iterations > 0);
    assert!(
        a.params.ratio > start.params.ratio + 0.02,
        "{}",
        a.params.ratio
    );
    let a = Aligner::builder()
        .max_refits(6)
        .build()
        .unwrap()
        .align_lengths(&en, &ar);
    assert!(
        (a.params.ratio - 0.6).abs() < 0.02,
        "ratio {}",
        a.params.ratio
    );
}

#[test]
fn out_of_domain_parameters_give_nan_not_a_hang() {
    let mut p = Params::estimate(2, &[10, 10], &[6, 6]);
    p.tail = Some(-1e30);
    assert!(p.cost(BeadKind::new(1, 1), 10, 6).is_nan());
    p.tail = None;
    p.arabic_shape = -1e30;
    assert!(p.cost(BeadKind::new(1, 1), 10, 6).is_nan());
}
