//! Pages where lengths alone could shift the pairing: translated furniture
//! between paragraphs, and untranslated paragraphs side by side. A small dictionary, written here, gives the words. The
//! paragraphs are written for these tests.

mod common;

use std::sync::Arc;

use bitext::{Aligner, DocumentAligner, Lexicon};
use common::{check_spans, texts};

const EN: [&str; 6] = [
    "The museum opened a new hall of ancient maps on Monday, after three years of careful restoration work.",
    "Visitors can see a map of the coast drawn by a sailor who travelled from the river mouth to the islands.",
    "The oldest map in the hall is painted on leather and shows the mountains, the desert and the wells.",
    "Children may borrow a small compass at the door and follow a trail of questions through the rooms.",
    "The director said the library of the museum will lend copies of the maps to schools across the country.",
    "Tickets are free for students and teachers every Friday until the end of the summer.",
];

const AR: [&str; 6] = [
    "افتتح المتحف يوم الاثنين قاعة جديدة للخرائط القديمة بعد ثلاث سنوات من أعمال الترميم الدقيقة.",
    "ويمكن للزوار مشاهدة خريطة للساحل رسمها بحار سافر من مصب النهر إلى الجزر.",
    "وأقدم خريطة في القاعة مرسومة على الجلد وتظهر الجبال والصحراء والآبار.",
    "ويمكن للأطفال استعارة بوصلة صغيرة عند الباب واتباع مسار من الأسئلة عبر الغرف.",
    "وقال المدير إن مكتبة المتحف ستعير نسخا من الخرائط إلى المدارس في أنحاء البلاد.",
    "والتذاكر مجانية للطلاب والمعلمين كل يوم جمعة حتى نهاية الصيف.",
];

const DICTIONARY: &str = "museum\tمتحف\nhall\tقاعة\nmap\tخريطة\nmap\tخرائط\nancient\tقديم\n\
restoration\tترميم\nvisitor\tزائر\ncoast\tساحل\nsailor\tبحار\nriver\tنهر\nisland\tجزيرة\n\
leather\tجلد\nmountain\tجبل\ndesert\tصحراء\nwell\tبئر\nchildren\tأطفال\ncompass\tبوصلة\n\
door\tباب\nquestion\tأسئلة\nroom\tغرفة\ndirector\tمدير\nlibrary\tمكتبة\nschool\tمدرسة\n\
country\tبلاد\nticket\tتذكرة\nstudent\tطالب\nteacher\tمعلم\nsummer\tصيف\nstorm\tعاصفة\n\
roof\tسقف\nstation\tمحطة\nwinter\tشتاء\nmarket\tسوق\nsquare\tساحة\nmonth\tشهر\n\
council\tمجلس\nplan\tخطة\ncity\tمدينة\nnew\tجديد\nyesterday\tأمس\ntraffic\tحركة\ncentre\tوسط\n";

/// A document aligner with the dictionary above as its lexicon.
fn with_dictionary(name: &str) -> DocumentAligner {
    let path = std::env::temp_dir().join(format!(
        "bitext-lexicon-pages-{}-{name}.tsv",
        std::process::id()
    ));
    std::fs::write(&path, DICTIONARY).unwrap();
    let lex = Lexicon::from_dictionary(&path).unwrap();
    std::fs::remove_file(&path).unwrap();
    let aligner = Aligner::builder().lexicon(Some(Arc::new(lex)));
    DocumentAligner::builder().aligner(aligner).build().unwrap()
}

/// The article's pairs, in order.
fn article() -> Vec<(&'static str, &'static str)> {
    EN.iter().copied().zip(AR).collect()
}

#[test]
fn translated_furniture_between_paragraphs_does_not_shift_the_pairs() {
    // A newsletter box after the second and the fourth paragraph on each side:
    // it translates itself, and it is not the article.
    let (en_box, ar_box) = ("Sign up for our newsletter", "اشترك في نشرتنا");
    let en = [&EN[..2], &[en_box], &EN[2..4], &[en_box], &EN[4..]].concat();
    let ar = [&AR[..2], &[ar_box], &AR[2..4], &[ar_box], &AR[4..]].concat();
    let text = format!("{}\n\n{}\n", en.join("\n"), ar.join("\n"));
    let doc = with_dictionary("furniture").align(&text).unwrap();
    check_spans(&text, &doc);
    // Every article pair is there, and nothing else pairs but the box with its
    // own translation.
    let got = texts(&doc);
    let article_pairs: Vec<_> = got.iter().copied().filter(|p| p.0 != en_box).collect();
    assert_eq!(article_pairs, article());
    assert!(
        got.iter().all(|p| p.0 != en_box || p.1 == ar_box),
        "{got:?}"
    );
}

#[test]
fn untranslated_paragraphs_of_both_languages_side_by_side_stay_unpaired() {
    // An English paragraph with no Arabic and an Arabic paragraph with no
    // English, of about the same length, in the same place of the two blocks:
    // by length and position they pair; by their words they do not.
    let en_extra = "The storm closed the station and the market square for a week, and the roof of the old winter hall was repaired.";
    let ar_extra = "أعلن المجلس البلدي أمس عن خطة جديدة لتنظيم حركة السير في وسط المدينة خلال شهر رمضان المقبل.";
    let en = [&EN[..3], &[en_extra], &EN[3..]].concat();
    let ar = [&AR[..3], &[ar_extra], &AR[3..]].concat();
    let text = format!("{}\n\n{}\n", en.join("\n"), ar.join("\n"));
    let doc = with_dictionary("untranslated").align(&text).unwrap();
    check_spans(&text, &doc);
    assert_eq!(texts(&doc), article());
    // Without the words, lengths and places pair the two: the page is one the
    // lexicon decides.
    let plain = DocumentAligner::new().align(&text).unwrap();
    assert!(texts(&plain).contains(&(en_extra, ar_extra)));
}
