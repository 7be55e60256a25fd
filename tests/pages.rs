//! Page layouts of modern news sites: the structure of the page is chosen
//! by evidence, furniture stays unpaired even where it translates, and scores fall
//! where the page gives no evidence. The paragraphs are written for these tests.

mod common;

use bitext::align_document;
use common::{check_spans, texts};

const EN: [&str; 6] = [
    "The city council approved a plan on Tuesday to plant twelve thousand trees along the main roads before the end of next year.",
    "Officials said the trees would lower summer temperatures in the busiest streets by up to three degrees.",
    "The plan will cost about forty million dollars, most of it paid by a national climate fund.",
    "Residents can ask for a tree outside their home through the council website until the end of March.",
    "Critics say the money would be better spent on public transport, which carries half of the city's commuters.",
    "The first trees will be planted in the old market district in April.",
];

const AR: [&str; 6] = [
    "وافق مجلس المدينة يوم الثلاثاء على خطة لزراعة اثني عشر ألف شجرة على طول الطرق الرئيسية قبل نهاية العام المقبل.",
    "وقال مسؤولون إن الأشجار ستخفض درجات الحرارة صيفا في أكثر الشوارع ازدحاما بما يصل إلى ثلاث درجات.",
    "وستكلف الخطة نحو أربعين مليون دولار، يدفع معظمها صندوق وطني للمناخ.",
    "ويمكن للسكان طلب شجرة أمام منازلهم عبر موقع المجلس حتى نهاية مارس.",
    "ويقول منتقدون إن الأموال كان من الأفضل إنفاقها على النقل العام الذي ينقل نصف ركاب المدينة.",
    "وستزرع أولى الأشجار في حي السوق القديم في أبريل.",
];

fn expected(keep: &[usize]) -> Vec<(&'static str, &'static str)> {
    keep.iter().map(|&k| (EN[k], AR[k])).collect()
}

#[test]
fn arabic_line_before_its_english_line() {
    // Every Arabic line comes right before its English translation.
    let mut text = String::new();
    for (en, ar) in EN.iter().zip(AR) {
        text.push_str(&format!("{ar}\n{en}\n"));
    }
    let doc = align_document(&text).unwrap();
    check_spans(&text, &doc);
    assert_eq!(texts(&doc), expected(&[0, 1, 2, 3, 4, 5]));
}

#[test]
fn untranslated_arabic_paragraph_in_a_block_page() {
    // The Arabic block has a paragraph the English block lacks, and a dateline: the
    // total lengths overstate the ratio, and a shifted alignment would fit it.
    let extra = "وأضاف رئيس المجلس في مؤتمر صحفي أن المدينة ستنشر خريطة تفاعلية تبين مواقع الأشجار الجديدة وأنواعها، وأن المتطوعين مدعوون إلى المشاركة في أيام الزراعة التي ستنظم في كل حي خلال فصل الربيع.";
    let text = format!(
        "{}\n\nحُدِّث في 3 مارس 2021، 09:15 بتوقيت غرينتش\n{}\n{}\n{}\n{}\n{extra}\n{}\n",
        EN.join("\n"),
        AR[0..2].join("\n"),
        AR[2],
        AR[3],
        AR[4],
        AR[5]
    );
    let doc = align_document(&text).unwrap();
    check_spans(&text, &doc);
    assert_eq!(texts(&doc), expected(&[0, 1, 2, 3, 4, 5]));
}

#[test]
fn furniture_stays_unpaired_even_where_it_translates() {
    // Bylines, share buttons and menus after the article translate each other,
    // but they are not the article.
    let text = format!(
        "Home | World | Climate\n{}\nPosted on 14 March 2021 by admin\nShare this\n\n\
         الرئيسية | العالم | المناخ\n{}\nنُشر في 14 مارس 2021\nشارك هذا\n",
        EN.join("\n"),
        AR.join("\n")
    );
    let doc = align_document(&text).unwrap();
    check_spans(&text, &doc);
    assert_eq!(texts(&doc), expected(&[0, 1, 2, 3, 4, 5]));
}

#[test]
fn shuffled_interleaved_lines_give_no_confident_wrong_pairs() {
    // Each English line followed by an Arabic line of the article that is not its
    // translation, nor that of the next English line: no layout pairs them, and
    // lengths alone could pair many. A pair scored 0.9 or more must be right.
    const ORDER: [usize; 6] = [2, 4, 0, 5, 3, 1];
    let mut text = String::new();
    for (k, &j) in ORDER.iter().enumerate() {
        text.push_str(&format!("{}\n{}\n", EN[k], AR[j]));
    }
    let doc = align_document(&text).unwrap();
    check_spans(&text, &doc);
    let right = expected(&[0, 1, 2, 3, 4, 5]);
    let is_right = |p: &&bitext::Pair<'_>| right.contains(&(p.en, p.ar));
    let wrong: Vec<_> = doc.pairs.iter().filter(|p| !is_right(p)).collect();
    let confident_wrong: Vec<String> = wrong
        .iter()
        .filter(|p| p.score >= 0.9)
        .map(|p| format!("{:.3} {} | {}", p.score, p.en, p.ar))
        .collect();
    assert!(confident_wrong.is_empty(), "{confident_wrong:#?}");
    // The page gives no evidence for any pairing: whatever is paired must say so
    // in its score, pair by pair and on average.
    let mean = wrong.iter().map(|p| p.score).sum::<f64>() / wrong.len().max(1) as f64;
    assert!(mean < 0.7, "wrong pairs score {mean:.3} on average");
    assert!(
        wrong.len() <= 2,
        "{} wrong pairs of {}",
        wrong.len(),
        doc.pairs.len()
    );
}
