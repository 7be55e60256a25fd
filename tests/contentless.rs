//! Items with nothing to translate (empty, a lone mark, a lone number) never take a
//! translation's place: never paired on their own with a sentence that has
//! letters, on either side, wherever they sit; an empty item or a lone mark stands
//! alone. Inputs here are translations item for item once those items are taken
//! out, and each real pair must come out in a bead of its own.

use bitext::{align_sentences, Aligner, Alignment};

/// Six English sentences and their Arabic translations, of varied lengths.
const PAIRS: [(&str, &str); 6] = [
    ("The sun rose over the hills.", "أشرقت الشمس فوق التلال."),
    (
        "Birds sang in the trees all morning long.",
        "غنت الطيور في الأشجار طوال الصباح.",
    ),
    (
        "It was a new day for everyone in the village, and the farmers went out early.",
        "كان يوماً جديداً لكل من في القرية، وخرج المزارعون مبكراً.",
    ),
    ("Nobody spoke.", "لم يتكلم أحد."),
    (
        "The old man sat by the well and told the children a story about the great flood.",
        "جلس الشيخ قرب البئر وحكى للأطفال قصة عن الطوفان العظيم.",
    ),
    ("Then the rain came.", "ثم جاء المطر."),
];

/// `count` sentence pairs of varied lengths, the Arabic about 0.8 of the English.
fn many_pairs(count: usize) -> (Vec<String>, Vec<String>) {
    let en_words = [
        "the", "river", "ran", "past", "old", "houses", "and", "fields",
    ];
    let ar_words = [
        "النهر",
        "جرى",
        "قرب",
        "البيوت",
        "القديمة",
        "و",
        "الحقول",
        "في",
    ];
    let mut state = 0x853c_49e6_748f_ea9bu64;
    let mut below = move |n: u64| {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((state >> 33) % n) as usize
    };
    let (mut en, mut ar) = (Vec::new(), Vec::new());
    for _ in 0..count {
        let words = 3 + below(25);
        let e: Vec<&str> = (0..words).map(|_| en_words[below(8)]).collect();
        let a: Vec<&str> = (0..words).map(|_| ar_words[below(8)]).collect();
        en.push(format!("{}.", e.join(" ")));
        ar.push(format!("{}.", a.join(" ")));
    }
    (en, ar)
}

fn has_letters(s: &str) -> bool {
    s.chars().any(char::is_alphabetic)
}

fn holds_nothing(s: &str) -> bool {
    !s.chars().any(char::is_alphanumeric)
}

/// Checks an alignment of `en` against `ar`, which are translations item for item
/// once the items without letters are taken out: every real pair shares a bead
/// that holds no other real sentence, no bead pairs a side without letters with a
/// side that has them, and an item that holds nothing stands alone (1-0 or 0-1).
fn check(en: &[String], ar: &[String], alignment: &Alignment) {
    let real = |items: &[String]| -> Vec<usize> {
        (0..items.len())
            .filter(|&k| has_letters(&items[k]))
            .collect()
    };
    let (real_en, real_ar) = (real(en), real(ar));
    assert_eq!(real_en.len(), real_ar.len());
    for b in &alignment.beads {
        let shown = format!(
            "{:?} ↔ {:?} ({}, {:.3})",
            &en[b.en.clone()],
            &ar[b.ar.clone()],
            b.kind,
            b.score
        );
        if b.kind.is_unmatched() {
            continue;
        }
        let (en_side, ar_side) = (&en[b.en.clone()], &ar[b.ar.clone()]);
        let letters = |side: &[String]| side.iter().filter(|s| has_letters(s)).count();
        assert_eq!(
            letters(en_side) > 0,
            letters(ar_side) > 0,
            "letters against none: {shown}"
        );
        assert!(
            letters(en_side) <= 1 && letters(ar_side) <= 1,
            "real sentences merged: {shown}"
        );
        let nothing = |side: &[String]| side.iter().any(|s| holds_nothing(s));
        assert!(
            !nothing(en_side) && !nothing(ar_side),
            "an empty item in a pair: {shown}"
        );
    }
    for (&i, &j) in real_en.iter().zip(&real_ar) {
        assert!(
            alignment
                .beads
                .iter()
                .any(|b| b.en.contains(&i) && b.ar.contains(&j)),
            "{:?} and its translation {:?} share no bead",
            en[i],
            ar[j]
        );
    }
}

fn owned(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

fn sides(count: usize) -> (Vec<String>, Vec<String>) {
    let en = PAIRS[..count].iter().map(|p| p.0.to_string()).collect();
    let ar = PAIRS[..count].iter().map(|p| p.1.to_string()).collect();
    (en, ar)
}

#[test]
fn a_trailing_empty_arabic_item_takes_no_pair() {
    let (en, mut ar) = sides(3);
    ar.push(String::new());
    let alignment = align_sentences(&en, &ar);
    check(&en, &ar, &alignment);
    for b in &alignment.beads {
        if b.kind.en == 1 && b.kind.ar == 1 {
            assert!(b.score > 0.5, "{b:?}");
        }
    }
}

#[test]
fn a_trailing_empty_english_item_takes_no_pair() {
    let (mut en, ar) = sides(3);
    en.push(String::new());
    check(&en, &ar, &align_sentences(&en, &ar));
}

#[test]
fn a_trailing_empty_item_after_three_hundred_pairs_takes_no_pair() {
    let (en, ar) = many_pairs(300);
    let mut with_blank = ar.clone();
    with_blank.push(String::new());
    check(&en, &with_blank, &align_sentences(&en, &with_blank));
    let mut with_blank = en.clone();
    with_blank.push(String::new());
    check(&with_blank, &ar, &align_sentences(&with_blank, &ar));
}

/// "", ".", "-" and "1" in the middle of either side, alone or in runs, and at
/// the start.
#[test]
fn items_without_letters_in_the_middle_take_no_pair() {
    for extra in ["", ".", "-", "1", "٣", " … "] {
        for at in [0, 1, 3, 5] {
            for arabic in [true, false] {
                for run in [1, 2] {
                    let (mut en, mut ar) = sides(6);
                    let side = if arabic { &mut ar } else { &mut en };
                    for _ in 0..run {
                        side.insert(at, extra.to_string());
                    }
                    let alignment = Aligner::new().align(&en, &ar);
                    eprintln!(
                        "CASE {extra:?} at {at} arabic {arabic} run {run}: {:?}",
                        alignment
                            .beads
                            .iter()
                            .map(|b| b.kind.to_string())
                            .collect::<Vec<_>>()
                    );
                    check(&en, &ar, &alignment);
                }
            }
        }
    }
}

#[test]
fn items_without_letters_on_both_sides_take_no_pair() {
    let (mut en, mut ar) = sides(6);
    en.insert(2, ".".into());
    en.insert(5, "".into());
    ar.insert(1, "-".into());
    ar.insert(4, "".into());
    ar.push("".into());
    check(&en, &ar, &align_sentences(&en, &ar));
    let (en, ar) = many_pairs(300);
    let (mut en, mut ar) = (en, ar);
    for k in [250, 170, 90, 10] {
        ar.insert(k, ".".into());
        en.insert(k + 3, "".into());
    }
    check(&en, &ar, &align_sentences(&en, &ar));
}

/// Sides made only of items without letters still align, each item once.
#[test]
fn sides_without_letters_align() {
    for (en, ar) in [
        (owned(&["", "."]), owned(&["-"])),
        (owned(&["1", "2"]), owned(&["١", "٢"])),
        (owned(&[]), owned(&["", ""])),
        (owned(&["Hello there."]), owned(&["", ".", "3"])),
    ] {
        let alignment = align_sentences(&en, &ar);
        let (mut i, mut j) = (0, 0);
        for b in &alignment.beads {
            assert_eq!((b.en.start, b.ar.start), (i, j));
            (i, j) = (b.en.end, b.ar.end);
        }
        assert_eq!((i, j), (en.len(), ar.len()));
        for b in alignment.beads.iter().filter(|b| !b.kind.is_unmatched()) {
            let en_letters = en[b.en.clone()].iter().any(|s| has_letters(s));
            let ar_letters = ar[b.ar.clone()].iter().any(|s| has_letters(s));
            assert_eq!(en_letters, ar_letters, "{en:?} / {ar:?}: {b:?}");
        }
    }
}
