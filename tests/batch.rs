//! The batch calls: results in input order, equal to one-by-one alignment, one
//! failing input reported at its index without stopping the others.

mod common;

use bitext::{align_documents, Aligner, DocumentAligner, Error, Furniture};
use common::pages::{page, sentence_pair, Rng};

fn pages(n: usize) -> Vec<String> {
    (0..n as u64)
        .map(|i| page(i, 1 + (i as usize % 7)))
        .collect()
}

#[test]
fn documents_equal_one_by_one_in_input_order() {
    let texts = pages(60);
    let batch = align_documents(&texts);
    assert_eq!(batch.len(), texts.len());
    let mut one = DocumentAligner::new();
    let furniture = Furniture::of_pages(&texts);
    let mut paired = 0;
    for (text, got) in texts.iter().zip(&batch) {
        let want = one.align_with_furniture(text, &furniture).unwrap();
        paired += usize::from(!want.pairs.is_empty());
        assert_eq!(got.as_ref().unwrap(), &want);
        // The boilerplate lines these pages share are not translations: knowing
        // them for furniture leaves the pairs where they were.
        let spans = |d: &bitext::DocumentAlignment<'_>| -> Vec<_> {
            d.pairs.iter().map(|p| (p.en_span, p.ar_span)).collect()
        };
        assert_eq!(spans(&want), spans(&one.align(text).unwrap()));
    }
    // The comparison means something only if the pages are aligned at all.
    assert!(
        paired >= 50,
        "only {paired} of 60 synthetic pages have pairs"
    );
}

#[cfg(feature = "parallel")]
#[test]
fn same_result_on_one_and_two_threads() {
    let texts = pages(40);
    let aligner = DocumentAligner::builder().min_score(0.2).build().unwrap();
    let on = |n: usize| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build()
            .unwrap()
            .install(|| aligner.align_batch(&texts))
    };
    assert_eq!(on(1), on(2));
}

#[test]
fn a_bad_document_fails_alone() {
    let good = pages(5);
    let mut docs: Vec<Vec<u8>> = good.iter().map(|t| t.clone().into_bytes()).collect();
    docs.insert(2, b"English \xC3 then nothing".to_vec());
    let out = DocumentAligner::new().align_batch_bytes(&docs);
    assert_eq!(out.len(), 6);
    assert_eq!(out[2], Err(Error::InvalidUtf8 { offset: 8 }));
    let mut one = DocumentAligner::new();
    let furniture = Furniture::of_pages(&good);
    for (i, text) in [0, 1, 3, 4, 5].into_iter().zip(&good) {
        let want = one.align_with_furniture(text, &furniture).unwrap();
        assert_eq!(out[i].as_ref().unwrap(), &want);
    }
}

#[test]
fn bad_settings_fail_before_any_document() {
    let out = DocumentAligner::builder()
        .aligner(Aligner::builder().max_bead(0))
        .build();
    assert!(matches!(
        out,
        Err(Error::InvalidConfig {
            name: "max_bead",
            ..
        })
    ));
}

#[test]
fn sentence_lists_equal_one_by_one() {
    let mut rng = Rng::new(7);
    let pairs: Vec<(Vec<String>, Vec<String>)> = (0..30)
        .map(|i| {
            let (mut en, mut ar) = (Vec::new(), Vec::new());
            for _ in 0..i % 11 {
                let (e, a) = sentence_pair(&mut rng);
                // Every third translation is split in two, one in seven dropped.
                match rng.below(21) {
                    0 | 7 | 14 => {}
                    r if r % 3 == 0 => {
                        let cut = a.char_indices().nth(a.chars().count() / 2).unwrap().0;
                        ar.push(a[..cut].to_string());
                        ar.push(a[cut..].to_string());
                    }
                    _ => ar.push(a),
                }
                en.push(e);
            }
            (en, ar)
        })
        .collect();
    let batch = Aligner::new().align_batch(&pairs);
    let mut one = Aligner::new();
    for ((en, ar), got) in pairs.iter().zip(&batch) {
        let want = one.align(en, ar);
        assert_eq!(got, &want);
        assert_eq!(
            want.beads.iter().map(|b| b.en.len()).sum::<usize>(),
            en.len()
        );
    }
    // Mixed sentence types on the two sides.
    let mixed = vec![(vec!["The sun rose."], vec![String::from("أشرقت الشمس.")])];
    assert_eq!(Aligner::new().align_batch(&mixed)[0].beads.len(), 1);
}

#[cfg(feature = "serde")]
#[test]
fn stream_windows_do_not_change_the_output() {
    use bitext::stream::JsonlAligner;
    let mut input = String::new();
    for (i, text) in pages(25).iter().enumerate() {
        if i == 11 {
            input += "{\"id\": \"bad\"\n";
        }
        input += &(serde_json::json!({"id": i, "text": text}).to_string() + "\n");
    }
    let run = |stream: JsonlAligner| {
        let mut out = Vec::new();
        let summary = stream.run(input.as_bytes(), &mut out).unwrap();
        assert_eq!((summary.records, summary.errors), (26, 1));
        String::from_utf8(out).unwrap()
    };
    let whole = run(JsonlAligner::new());
    assert_eq!(whole.lines().count(), 26);
    assert!(whole.lines().nth(11).unwrap().contains("\"line\":12"));
    // A window is a batch: the whole stream in one window gives the batch's
    // pairs, and a window of one page those of the page alone.
    let texts = pages(25);
    let pairs_of = |out: &str, k: usize| -> serde_json::Value {
        let line = out.lines().nth(if k < 11 { k } else { k + 1 }).unwrap();
        serde_json::from_str::<serde_json::Value>(line).unwrap()["pairs"].clone()
    };
    let score_of = |v: &serde_json::Value| -> Vec<(u64, f64)> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|p| {
                (
                    p["en_span"][0].as_u64().unwrap(),
                    p["score"].as_f64().unwrap(),
                )
            })
            .collect()
    };
    let batch = align_documents(&texts);
    let single = run(JsonlAligner::builder().window(1).build().unwrap());
    for (k, text) in texts.iter().enumerate() {
        let want = |d: &bitext::DocumentAlignment<'_>| -> Vec<(u64, f64)> {
            d.pairs
                .iter()
                .map(|p| (p.en_span.start as u64, p.score))
                .collect()
        };
        assert_eq!(
            score_of(&pairs_of(&whole, k)),
            want(batch[k].as_ref().unwrap())
        );
        let alone = DocumentAligner::new().align(text).unwrap();
        assert_eq!(score_of(&pairs_of(&single, k)), want(&alone));
    }
    assert_eq!(
        run(JsonlAligner::builder().window_bytes(1).build().unwrap()),
        single
    );
    for (name, zero) in [
        ("window", JsonlAligner::builder().window(0)),
        ("window_bytes", JsonlAligner::builder().window_bytes(0)),
        (
            "max_record_bytes",
            JsonlAligner::builder().max_record_bytes(0),
        ),
    ] {
        let err = zero.build().unwrap_err();
        assert!(
            matches!(err, bitext::Error::InvalidConfig { name: n, .. } if n == name),
            "{err}"
        );
    }
}
