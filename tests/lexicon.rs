//! The lexicon: its dictionary loaders, its file format, and what it does to an
//! alignment.

use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;

use bitext::{Aligner, Error, Lexicon};

/// A fresh folder for one test's files.
fn folder(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("bitext-lexicon-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A number in dictd's base-64 digits.
fn dictd_number(mut n: usize) -> String {
    const DIGITS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = Vec::new();
    loop {
        out.push(DIGITS[n % 64]);
        n /= 64;
        if n == 0 {
            break;
        }
    }
    out.reverse();
    String::from_utf8(out).unwrap()
}

#[test]
fn dictd_hunalign_and_tsv_dictionaries_load() {
    let dir = folder("formats");
    // A dictd database: entries with a headword line, then translations.
    let entries = [
        ("00databaseshort", "00-database-short\nA test dictionary\n"),
        ("book", "Book /bʊk/\nالكتاب\n"),
        ("house", "House /haʊs/\nبيت، منزل\n"),
    ];
    let (mut dict, mut index) = (String::new(), String::new());
    for (head, body) in entries {
        let offset = dict.len();
        dict.push_str(body);
        index.push_str(&format!(
            "{head}\t{}\t{}\n",
            dictd_number(offset),
            dictd_number(body.len())
        ));
    }
    std::fs::write(dir.join("test.index"), index).unwrap();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(dict.as_bytes()).unwrap();
    std::fs::write(dir.join("test.dict.dz"), gz.finish().unwrap()).unwrap();
    let lex = Lexicon::from_dictionary(dir.join("test.index")).unwrap();
    assert!(lex.translates("books", "كتابه"));
    assert!(lex.translates("house", "المنزل"));
    assert!(lex.translates("houses", "بيت"));
    assert!(!lex.translates("book", "بيت"));
    assert_eq!(lex.len(), 2);

    // hunalign: target @ source, either way round; the Arabic side is found by
    // its script.
    std::fs::write(dir.join("test.dic"), "قلم @ pen\nwater @ ماء\n").unwrap();
    let lex = Lexicon::from_dictionary(dir.join("test.dic")).unwrap();
    assert!(lex.translates("pen", "القلم"));
    assert!(lex.translates("water", "والماء"));
    assert!(!lex.translates("pen", "ماء"));

    // A two-column TSV, recognised by its content under another name.
    std::fs::write(dir.join("words.txt"), "tree\tشجرة\nriver\tنهر\n").unwrap();
    let lex = Lexicon::from_dictionary(dir.join("words.txt")).unwrap();
    assert!(lex.translates("trees", "الشجرة"));
    assert!(lex.translates("river", "النهر"));

    // Errors name the file.
    let missing = dir.join("missing.tsv");
    match Lexicon::from_dictionary(&missing) {
        Err(Error::Lexicon { path, .. }) => assert_eq!(path, missing.display().to_string()),
        other => panic!("{other:?}"),
    }
    std::fs::write(dir.join("prose.txt"), "just some prose\n").unwrap();
    assert!(matches!(
        Lexicon::from_dictionary(dir.join("prose.txt")),
        Err(Error::Lexicon { .. })
    ));
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_saved_lexicon_reads_back() {
    let dir = folder("saved");
    let pairs = [
        ("The king spoke to the people.", "تكلم الملك إلى الشعب."),
        ("The king slept in the palace.", "نام الملك في القصر."),
        ("The people slept.", "نام الشعب."),
        ("The palace was large.", "كان القصر كبيرا."),
    ];
    let lex = Lexicon::train(&pairs, None);
    assert!(lex.translates("king", "الملك"));
    let path = dir.join("lexicon.txt");
    lex.save(&path).unwrap();
    let back = Lexicon::load(&path).unwrap();
    assert_eq!(back.len(), lex.len());
    for (en, ar) in [("king", "الملك"), ("palace", "القصر"), ("people", "الشعب")] {
        assert_eq!(back.translates(en, ar), lex.translates(en, ar), "{en} {ar}");
    }
    // Written again, the file is the same: nothing is lost or reordered.
    let again = dir.join("again.txt");
    back.save(&again).unwrap();
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        std::fs::read_to_string(&again).unwrap()
    );
    // A file without the header is refused, naming the line.
    std::fs::write(dir.join("bad.txt"), "king\tملك\t1\n").unwrap();
    assert!(matches!(
        Lexicon::load(dir.join("bad.txt")),
        Err(Error::Lexicon { .. })
    ));
    std::fs::remove_dir_all(dir).unwrap();
}

/// Translated pairs whose words the dictionary below knows, and, at `at`, an
/// English sentence with no translation beside a translated one of nearly the
/// same length.
fn story() -> (Vec<&'static str>, Vec<&'static str>) {
    let pairs = [
        ("The king built a great palace.", "بنى الملك قصرا عظيما."),
        (
            "The children played in the garden.",
            "لعب الأطفال في الحديقة.",
        ),
        (
            "My brother reads the book at night.",
            "يقرأ أخي الكتاب في الليل.",
        ),
        (
            "The farmer planted wheat near the river.",
            "زرع الفلاح القمح قرب النهر.",
        ),
        (
            "The doctor visited the sick woman.",
            "زار الطبيب المرأة المريضة.",
        ),
        ("Rain fell on the city.", "سقط المطر على المدينة."),
        ("The soldiers guarded the gate.", "حرس الجنود البوابة."),
        (
            "The merchant sold silk in the market.",
            "باع التاجر الحرير في السوق.",
        ),
    ];
    let mut en: Vec<&str> = pairs.iter().map(|p| p.0).collect();
    let mut ar: Vec<&str> = pairs.iter().map(|p| p.1).collect();
    // English 4 has no translation; English 5 is translated by Arabic 4.
    en.insert(
        4,
        "The old cat slept all afternoon on a warm blanket beside the kitchen fire.",
    );
    en.insert(
        5,
        "The merchant ship sailed over the wide sea with the king and his soldiers.",
    );
    ar.insert(4, "أبحرت سفينة التاجر فوق البحر الواسع مع الملك وجنوده.");
    (en, ar)
}

const DICTIONARY: &str = "king\tملك\npalace\tقصر\nchildren\tأطفال\nplay\tلعب\ngarden\tحديقة\n\
brother\tأخ\nread\tيقرأ\nbook\tكتاب\nnight\tليل\nfarmer\tفلاح\nwheat\tقمح\nriver\tنهر\n\
doctor\tطبيب\nvisit\tزار\nwoman\tمرأة\nsick\tمريض\nrain\tمطر\ncity\tمدينة\nsoldier\tجنود\n\
guard\tحرس\ngate\tبوابة\nmerchant\tتاجر\nsilk\tحرير\nmarket\tسوق\nship\tسفينة\nsea\tبحر\n\
sail\tأبحر\nwide\tواسع\ncat\tقطة\nblanket\tبطانية\n";

fn aligned(
    lexicon: Option<Lexicon>,
    en: &[&str],
    ar: &[&str],
) -> Vec<(usize, usize, usize, usize)> {
    let mut aligner = Aligner::builder()
        .lexicon(lexicon.map(Arc::new))
        .self_train(false)
        .build()
        .unwrap();
    aligner
        .align(en, ar)
        .beads
        .iter()
        .map(|b| (b.en.start, b.en.end, b.ar.start, b.ar.end))
        .collect()
}

#[test]
fn a_dictionary_decides_where_lengths_cannot() {
    let dir = folder("decides");
    std::fs::write(dir.join("small.tsv"), DICTIONARY).unwrap();
    let lex = Lexicon::from_dictionary(dir.join("small.tsv")).unwrap();
    std::fs::remove_dir_all(dir).unwrap();
    let (en, ar) = story();
    let without = aligned(None, &en, &ar);
    let with = aligned(Some(lex), &en, &ar);
    // The right beads around the untranslated sentence: English 4 alone, English 5
    // with Arabic 4.
    let right: Vec<(usize, usize, usize, usize)> = (0..10)
        .map(|i| match i {
            0..=3 => (i, i + 1, i, i + 1),
            4 => (4, 5, 4, 4),
            _ => (i, i + 1, i - 1, i),
        })
        .collect();
    assert_eq!(with, right);
    // Lengths alone put the untranslated sentence with the translation.
    assert!(!without.contains(&(5, 6, 4, 5)), "{without:?}");
}

#[test]
fn a_lexicon_that_covers_nothing_changes_nothing() {
    let dir = folder("nothing");
    std::fs::write(
        dir.join("other.tsv"),
        "zebra\tحمار\nvolcano\tبركان\nviolin\tكمان\n",
    )
    .unwrap();
    let lex = Lexicon::from_dictionary(dir.join("other.tsv")).unwrap();
    std::fs::remove_dir_all(dir).unwrap();
    let (en, ar) = story();
    let mut plain = Aligner::builder().self_train(false).build().unwrap();
    let mut with = Aligner::builder()
        .lexicon(Some(Arc::new(lex)))
        .self_train(false)
        .build()
        .unwrap();
    let (a, b) = (plain.align(&en, &ar), with.align(&en, &ar));
    assert_eq!(a.beads, b.beads);
    assert_eq!(a.log_likelihood, b.log_likelihood);
}

#[test]
fn freedict_loads_where_installed() {
    let index = "/usr/share/dictd/freedict-eng-ara.index";
    if !std::path::Path::new(index).exists() {
        return;
    }
    let lex = Lexicon::from_dictionary(index).unwrap();
    assert!(lex.len() > 10_000, "{}", lex.len());
    assert!(lex.translates("sight", "البصر"));
}

#[test]
fn a_batch_teaches_every_page() {
    // Twenty short pages, each too small to teach itself: together their
    // confident pairs train one lexicon, and the batch is aligned again with it.
    let pages: Vec<String> = (0..20)
        .map(|k| {
            format!(
                "The train left the station at {k} o'clock.\nThe passengers waited {} minutes.\n\
                 The driver closed the doors after {} stops.\n\n\
                 غادر القطار المحطة في الساعة {k}.\nانتظر الركاب {} دقيقة.\n\
                 أغلق السائق الأبواب بعد {} محطات.\n",
                k + 3,
                k + 7,
                k + 3,
                k + 7
            )
        })
        .collect();
    let aligner = bitext::DocumentAligner::new();
    let (docs, lexicon) = aligner.align_batch_taught(&pages);
    assert_eq!(docs.len(), pages.len());
    let lexicon = lexicon.expect("sixty confident pairs teach");
    assert!(lexicon.translates("train", "القطار"), "{lexicon:?}");
    assert!(lexicon.translates("driver", "السائق"), "{lexicon:?}");
    for (page, doc) in pages.iter().zip(&docs) {
        assert_eq!(doc.as_ref().unwrap().pairs.len(), 3, "{page}");
    }
    // One page alone teaches nothing.
    assert!(aligner.align_batch_taught(&pages[..1]).1.is_none());
}
