//! Synthetic bilingual pages: the generator behind the batch and stream tests and
//! the batch benchmark (`benches/align.rs` includes this file by path).
//!
//! Sentences are drawn word by word from two parallel word lists, so an English
//! sentence and its Arabic counterpart have correlated lengths and share their
//! numbers, as translations do. Plain Rust with no dependency.

/// English words and their Arabic counterparts, written for these tests.
const WORDS: [(&str, &str); 32] = [
    ("the city", "المدينة"),
    ("council", "المجلس"),
    ("opened", "افتتح"),
    ("a new", "جديدا"),
    ("bridge", "جسرا"),
    ("across", "عبر"),
    ("the river", "النهر"),
    ("on Saturday", "يوم السبت"),
    ("residents", "السكان"),
    ("walked", "ساروا"),
    ("during", "خلال"),
    ("the ceremony", "الحفل"),
    ("engineers", "المهندسون"),
    ("built", "بنوا"),
    ("the road", "الطريق"),
    ("in four years", "في أربع سنوات"),
    ("the school", "المدرسة"),
    ("teachers", "المعلمون"),
    ("said", "قال"),
    ("that", "إن"),
    ("children", "الأطفال"),
    ("will study", "سيدرسون"),
    ("science", "العلوم"),
    ("and music", "والموسيقى"),
    ("next month", "الشهر المقبل"),
    ("the hospital", "المستشفى"),
    ("doctors", "الأطباء"),
    ("treated", "عالجوا"),
    ("patients", "المرضى"),
    ("from the villages", "من القرى"),
    ("after the storm", "بعد العاصفة"),
    ("quickly", "بسرعة"),
];

/// Lines with no translation, as scraped pages have.
const BOILERPLATE: [&str; 4] = [
    "Share this",
    "اقرأ أيضا",
    "Home | News | Sport",
    "التعليقات",
];

/// A xorshift generator: deterministic pages from a seed.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    pub fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

/// One sentence and its translation: 4–15 words, sometimes with a number.
pub fn sentence_pair(rng: &mut Rng) -> (String, String) {
    let n = 4 + rng.below(12);
    let (mut en, mut ar) = (Vec::new(), Vec::new());
    for _ in 0..n {
        let (e, a) = WORDS[rng.below(WORDS.len())];
        en.push(e.to_string());
        ar.push(a.to_string());
    }
    if rng.below(3) == 0 {
        let number = (1900 + rng.below(130)).to_string();
        en.push(number.clone());
        ar.push(number);
    }
    let mut en = en.join(" ");
    // Cannot panic: `n` is at least 4, so `en` is not empty.
    en[..1].make_ascii_uppercase();
    (en + ".", ar.join(" ") + ".")
}

/// A page of `paragraphs` paragraphs of 1–3 sentences, laid out as an English
/// block then an Arabic block, the reverse, or interleaved paragraph by
/// paragraph (by `seed`), with boilerplate lines around.
pub fn page(seed: u64, paragraphs: usize) -> String {
    let mut rng = Rng::new(seed);
    let (mut en, mut ar) = (Vec::new(), Vec::new());
    for _ in 0..paragraphs {
        let (mut e, mut a) = (Vec::new(), Vec::new());
        for _ in 0..1 + rng.below(3) {
            let (x, y) = sentence_pair(&mut rng);
            e.push(x);
            a.push(y);
        }
        en.push(e.join(" "));
        ar.push(a.join(" "));
    }
    let mut lines = vec![BOILERPLATE[rng.below(BOILERPLATE.len())].to_string()];
    match rng.below(3) {
        0 => {
            lines.extend(en);
            lines.extend(ar);
        }
        1 => {
            lines.extend(ar);
            lines.extend(en);
        }
        _ => {
            for (e, a) in en.into_iter().zip(ar) {
                lines.push(e);
                lines.push(a);
            }
        }
    }
    lines.push(BOILERPLATE[rng.below(BOILERPLATE.len())].to_string());
    lines.join("\n") + "\n"
}

/// One big page of `lines` lines, English and Arabic alternating (a paragraph of
/// one sentence, or of two in one paragraph out of twenty, then its translation),
/// written to `out`: the page of the big-page figure in docs/BENCHMARKS.md (`examples/big_page.rs`)
/// and of the `big_page` benchmark. An odd count ends on an English line.
pub fn write_big_page(out: &mut impl std::io::Write, lines: usize) -> std::io::Result<()> {
    let mut rng = Rng::new(13);
    for k in 0..lines.div_ceil(2) {
        let (mut en, mut ar) = sentence_pair(&mut rng);
        if rng.below(20) == 0 {
            let (e, a) = sentence_pair(&mut rng);
            en = format!("{en} {e}");
            ar = format!("{ar} {a}");
        }
        writeln!(out, "{en}")?;
        if 2 * k + 1 < lines {
            writeln!(out, "{ar}")?;
        }
    }
    Ok(())
}
