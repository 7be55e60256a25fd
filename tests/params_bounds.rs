//! Every `Params` that the builder accepts aligns without panicking: parameters
//! from the whole `f64` range (and, with serde, from JSON), either refused by
//! `build()` as `Error::InvalidConfig` or run on a small random input.

use bitext::{Aligner, BeadKind, Error, Params};
use proptest::prelude::*;

/// Any `f64`: NaN, ±∞, subnormals, and magnitudes from 1e-320 to 1e308 of
/// either sign, log-uniformly.
fn any_f64() -> impl Strategy<Value = f64> {
    prop_oneof![
        proptest::num::f64::ANY,
        (-320.0f64..308.0, any::<bool>()).prop_map(|(e, negative)| {
            let x = 10f64.powf(e);
            if negative {
                -x
            } else {
                x
            }
        }),
        (0.0f64..10.0),
    ]
}

/// Sentence lengths of a small input: 0 to 12 sentences of 0 to 300 characters.
fn side() -> impl Strategy<Value = Vec<usize>> {
    proptest::collection::vec(0usize..300, 0..12)
}

/// Builds an aligner with `params`; when it is accepted, aligns `en` against `ar`
/// by lengths and as text (which panics, if anything does, in the lattice).
fn build_and_align(params: Params, en: &[usize], ar: &[usize]) -> Result<(), TestCaseError> {
    let tail = params.tail;
    match Aligner::builder().tail(tail).params(Some(params)).build() {
        Err(Error::InvalidConfig { .. }) => Ok(()),
        Err(other) => Err(TestCaseError::fail(format!("not InvalidConfig: {other}"))),
        Ok(mut aligner) => {
            let out = aligner.align_lengths(en, ar);
            prop_assert!(out.beads.iter().all(|b| (0.0..=1.0).contains(&b.score)));
            let text = |lens: &[usize], word: &str| -> Vec<String> {
                lens.iter()
                    .map(|&l| word.repeat(l / word.len().max(1) + 1))
                    .collect()
            };
            let (en, ar) = (text(en, "ab. "), text(ar, "ب "));
            let out = aligner.align(&en, &ar);
            let (mut i, mut j) = (0, 0);
            for b in &out.beads {
                prop_assert_eq!((b.en.start, b.ar.start), (i, j));
                (i, j) = (b.en.end, b.ar.end);
            }
            prop_assert_eq!((i, j), (en.len(), ar.len()));
            Ok(())
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn accepted_params_align_without_panic(
        ratio in any_f64(),
        variance in any_f64(),
        tail in proptest::option::of(any_f64()),
        shape in any_f64(),
        scale in any_f64(),
        prior_1_1 in any_f64(),
        which in 0usize..4,
        en in side(),
        ar in side(),
    ) {
        let mut params = Params::estimate(3, &[40, 80], &[35, 70]);
        // Most draws change one or two fields, so that some pass validation.
        match which {
            0 => (params.arabic_shape, params.arabic_scale) = (shape, scale),
            1 => (params.ratio, params.variance) = (ratio, variance),
            2 => params.tail = tail,
            _ => {
                for (k, p) in params.priors.iter_mut() {
                    if *k == BeadKind::new(1, 1) {
                        *p = prior_1_1;
                    }
                }
                params.arabic_shape = shape;
            }
        }
        build_and_align(params, &en, &ar)?;
    }

    /// The same for every field at once.
    #[test]
    fn accepted_params_align_without_panic_all_fields(
        ratio in any_f64(),
        variance in any_f64(),
        tail in proptest::option::of(any_f64()),
        shape in any_f64(),
        scale in any_f64(),
        en in side(),
        ar in side(),
    ) {
        let mut params = Params::estimate(3, &[40, 80], &[35, 70]);
        params.ratio = ratio;
        params.variance = variance;
        params.tail = tail;
        params.arabic_shape = shape;
        params.arabic_scale = scale;
        build_and_align(params, &en, &ar)?;
    }
}

/// Shapes and scales at the extremes, by hand: refused, or aligned.
#[test]
fn extreme_shapes_and_scales_are_refused_or_align() {
    for (shape, scale) in [
        (1e15, 1.0),
        (1e300, 1.0),
        (4.0, 1e-15),
        (4.0, 1e-300),
        (1e15, 1e-15),
    ] {
        let mut params = Params::estimate(3, &[40, 80], &[35, 70]);
        params.arabic_shape = shape;
        params.arabic_scale = scale;
        build_and_align(params, &[40, 80, 10], &[35, 70, 3, 9]).unwrap();
    }
}

/// Every corner of the accepted box (each field at either end of its range, the
/// others too) aligns: the bounds are what the lattice can take, not a sample.
#[test]
fn every_corner_of_the_accepted_ranges_aligns() {
    let ends = |lo: f64, hi: f64| [lo, hi];
    let (en, ar) = ([0, 1, 40, 80, 10_000, 3], [35, 0, 70, 2, 9, 50_000, 1]);
    for ratio in ends(1e-3, 1e3) {
        for variance in ends(1e-12, 1e12) {
            for shape in ends(1e-3, 1e4) {
                for scale in ends(1e-6, 1e12) {
                    for tail in [None, Some(1.0), Some(1e6)] {
                        let params = corner(ratio, variance, shape, scale, tail);
                        let built = Aligner::builder().tail(tail).params(Some(params.clone()));
                        assert!(built.build().is_ok(), "{params:?} refused");
                        build_and_align(params, &en, &ar).unwrap();
                    }
                }
            }
        }
    }
}

fn corner(ratio: f64, variance: f64, shape: f64, scale: f64, tail: Option<f64>) -> Params {
    let mut params = Params::estimate(3, &[40, 80], &[35, 70]);
    params.ratio = ratio;
    params.variance = variance;
    params.arabic_shape = shape;
    params.arabic_scale = scale;
    params.tail = tail;
    params
}

#[cfg(feature = "serde")]
mod json {
    use super::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        /// Parameters read from JSON, with numbers anywhere in the `f64` range.
        #[test]
        fn deserialized_params_are_refused_or_align(
            shape in any_f64(),
            scale in any_f64(),
            variance in any_f64(),
            ratio in any_f64(),
            en in side(),
            ar in side(),
        ) {
            let mut value = serde_json::to_value(Params::estimate(3, &[40, 80], &[35, 70])).unwrap();
            for (field, x) in [("arabic_shape", shape), ("arabic_scale", scale), ("variance", variance), ("ratio", ratio)] {
                // JSON has no NaN or infinity: those stay as estimated.
                if let Some(n) = serde_json::Number::from_f64(x) {
                    value[field] = serde_json::Value::Number(n);
                }
            }
            let params: Params = serde_json::from_value(value).unwrap();
            build_and_align(params, &en, &ar)?;
        }
    }
}
