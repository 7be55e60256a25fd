//! Why a document has no pairs, whether it is parallel, and figures that do
//! not move with the score threshold; the writers' one vocabulary over owned
//! and borrowed pairs; text decoded from the encodings of Arabic sites.

#[cfg(feature = "serde")]
use bitext::write::JsonlWriter;
use bitext::write::{TsvWriter, UnitWriter};
use bitext::{align_document, decode, DocumentAligner, Encoding, NoPairs, OwnedPair};

const PAGE: &str = "Home | News\n\
    The river flooded the old town on Monday.\n\
    Hundreds of families left their homes before the water arrived.\n\
    The mayor said the bridge would stay closed for a week.\n\
    فاض النهر على البلدة القديمة يوم الاثنين.\n\
    وغادرت مئات العائلات منازلها قبل وصول المياه.\n\
    وقال رئيس البلدية إن الجسر سيبقى مغلقا لمدة أسبوع.\n\
    Share this\n";

fn with_min_score(min: f64) -> bitext::DocumentAlignment<'static> {
    let mut aligner = DocumentAligner::builder().min_score(min).build().unwrap();
    aligner.align(PAGE).unwrap()
}

#[test]
fn parallelism_is_the_same_at_every_threshold() {
    let all = with_min_score(0.0);
    assert_eq!(all.pairs.len(), 3);
    assert!(all.is_parallel() && all.no_pairs.is_none());
    let mut scores: Vec<f64> = all.pairs.iter().map(|p| p.score).collect();
    scores.sort_by(f64::total_cmp);
    // Between the lowest and the highest score: some pairs go, some stay.
    let some = with_min_score((scores[0] + scores[2]) / 2.0);
    assert!(!some.pairs.is_empty() && some.pairs.len() < all.pairs.len());
    assert_eq!(some.parallelism, all.parallelism);
    assert_eq!(some.pairings[0].parallelism, all.pairings[0].parallelism);
    // Above every score: none stays, and the document says why.
    let none = with_min_score((scores[2] + 1.0) / 2.0);
    assert!(none.pairs.is_empty() && none.pairings.is_empty());
    assert_eq!(none.no_pairs, Some(NoPairs::BelowThreshold));
    assert!(none.is_parallel());
    assert_eq!(none.parallelism, all.parallelism);
    let owned = none.into_owned();
    assert_eq!(owned.no_pairs, Some(NoPairs::BelowThreshold));
    assert!(owned.is_parallel());
}

#[test]
fn every_document_without_pairs_says_why() {
    for (text, why) in [
        ("", NoPairs::Empty),
        (
            "Only English here.\nAnd more of it.\n",
            NoPairs::OneLanguage,
        ),
        ("عربي فقط هنا.\n", NoPairs::OneLanguage),
    ] {
        let doc = align_document(text).unwrap();
        assert_eq!(doc.no_pairs, Some(why), "{text:?}");
        assert!(!doc.is_parallel());
    }
    // Forty unrelated Arabic items against one English sentence.
    let mut text = String::from("The committee will meet again next week.\n");
    for i in 1..=40 {
        text.push_str(&format!("البند رقم {i} من جدول الأعمال.\n"));
    }
    let doc = align_document(&text).unwrap();
    assert_eq!(doc.no_pairs, Some(NoPairs::NotParallel));
    assert!(doc.pairs.is_empty() && !doc.is_parallel());
    #[cfg(feature = "serde")]
    assert_eq!(
        serde_json::to_value(NoPairs::OneLanguage).unwrap(),
        "one_language"
    );
}

#[test]
fn owned_and_borrowed_pairs_write_alike() {
    let doc = align_document(PAGE).unwrap();
    let owned: Vec<OwnedPair> = doc.pairs.iter().cloned().map(|p| p.into_owned()).collect();
    let tsv = |write: &dyn Fn(&mut TsvWriter<Vec<u8>>)| {
        let mut w = TsvWriter::new(Vec::new()).source_column(true);
        write(&mut w);
        String::from_utf8(w.finish().unwrap()).unwrap()
    };
    let borrowed = tsv(&|w| w.write_pairs("p", &doc.pairs).unwrap());
    assert_eq!(borrowed, tsv(&|w| w.write_pairs("p", &owned).unwrap()));
    assert_eq!(
        borrowed,
        tsv(&|w| w.write_pairs("p", owned.iter()).unwrap())
    );
    assert_eq!(borrowed.lines().count(), 3);
}

#[cfg(feature = "serde")]
#[test]
fn a_boxed_jsonl_writer_keeps_the_spans() {
    let doc = align_document(PAGE).unwrap();
    let owned: Vec<OwnedPair> = doc.pairs.iter().cloned().map(|p| p.into_owned()).collect();
    // A boxed writer takes the same call; JSON Lines keeps the spans.
    let mut out = Vec::new();
    let mut boxed: Box<dyn UnitWriter + '_> = Box::new(JsonlWriter::new(&mut out));
    boxed.write_pairs("p", &owned).unwrap();
    boxed.finish_output().unwrap();
    let first: serde_json::Value =
        serde_json::from_str(std::str::from_utf8(&out).unwrap().lines().next().unwrap()).unwrap();
    let span = &doc.pairs[0].en_span;
    assert_eq!(first["en_span"], serde_json::json!([span.start, span.end]));
    assert_eq!(first["doc"], "p");
}

#[test]
fn decoded_pages_align_as_the_utf8_page() {
    let want = align_document(PAGE).unwrap();
    let cp1256 = Encoding::for_label(b"cp1256").unwrap();
    let (bytes, _, lossy) = cp1256.encode(PAGE);
    assert!(!lossy);
    let (text, found) = decode(&bytes, Some(cp1256)).unwrap();
    assert_eq!(found.name(), "windows-1256");
    let got = align_document(&text).unwrap();
    assert_eq!(got.pairs, want.pairs);
    // Not UTF-8 and not declared: an error at the first byte that is not.
    let err = decode(&bytes, None).unwrap_err();
    let first_arabic = PAGE.find('ف').unwrap();
    assert_eq!(
        err,
        bitext::Error::InvalidUtf8 {
            offset: first_arabic
        }
    );
}
