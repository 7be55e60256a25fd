//! Pages with habits the development pages lack, in both languages.
//!
//! Furniture between paragraphs (advertisement labels, newsletter prompts,
//! "Read more: <headline>" links, share counters): no furniture pair may score
//! 0.5 or more, on one page and in a batch, while the paragraphs themselves are
//! still paired. And an untranslated paragraph beside the translated ones,
//! which shifts the pairing after it, and a paragraph whose translation is
//! replaced by an unrelated one of the same length: no wrong pair may score
//! 0.9 or more.

use bitext::{align_documents, DocumentAligner, DocumentAlignment, Furniture, Pair};

/// Three short news articles, each as (English paragraphs, Arabic paragraphs).
const ARTICLES: [([&str; 3], [&str; 3]); 3] = [
    (
        [
            "The new bridge over the river opened to traffic on Monday morning after four years of work. Officials said it would cut travel times across the city by half.",
            "Engineers tested the structure for several weeks before the opening. They said it could carry twice the expected load without any damage.",
            "Residents welcomed the project but asked for more bus routes to reach it. The council promised to study their request before the end of the year.",
        ],
        [
            "افتتح الجسر الجديد فوق النهر أمام حركة المرور صباح يوم الاثنين بعد أربع سنوات من العمل. وقال المسؤولون إنه سيختصر مدة التنقل عبر المدينة إلى النصف.",
            "اختبر المهندسون المنشأة عدة أسابيع قبل الافتتاح. وقالوا إنها تستطيع أن تحمل ضعف الحمولة المتوقعة دون أي ضرر.",
            "رحب السكان بالمشروع لكنهم طالبوا بمزيد من خطوط الحافلات للوصول إليه. ووعد المجلس بدراسة طلبهم قبل نهاية العام.",
        ],
    ),
    (
        [
            "Doctors at the central hospital began a campaign to vaccinate children in the northern villages. The campaign will last for three weeks.",
            "Teams of nurses will travel to each village by car and stay for two days. Parents were asked to bring the health cards of their children.",
            "The ministry said that more than ten thousand children should receive the vaccine. It thanked the volunteers who offered their help.",
        ],
        [
            "بدأ الأطباء في المستشفى المركزي حملة لتطعيم الأطفال في القرى الشمالية. وستستمر الحملة ثلاثة أسابيع.",
            "ستنتقل فرق من الممرضات إلى كل قرية بالسيارة وتبقى فيها يومين. وطلب من الآباء إحضار البطاقات الصحية لأطفالهم.",
            "قالت الوزارة إن أكثر من عشرة آلاف طفل سيتلقون اللقاح. وشكرت المتطوعين الذين قدموا مساعدتهم.",
        ],
    ),
    (
        [
            "Farmers in the valley expect a good harvest this year after heavy rains in the spring. The price of wheat has already started to fall.",
            "Many families planted vegetables on land that had been dry for a decade. They sell their produce at the weekly market in the town.",
            "Experts warned that the water reserves must still be used with care. A dry summer could undo much of the gains of the season.",
        ],
        [
            "يتوقع المزارعون في الوادي محصولا جيدا هذا العام بعد أمطار غزيرة في الربيع. وقد بدأ سعر القمح في الانخفاض بالفعل.",
            "زرعت عائلات كثيرة الخضروات في أرض ظلت جافة عقدا من الزمن. وهي تبيع محصولها في السوق الأسبوعية في البلدة.",
            "حذر الخبراء من أن احتياطيات المياه يجب أن تستخدم بحذر. فقد يضيع صيف جاف كثيرا من مكاسب الموسم.",
        ],
    ),
];

/// Headlines of other articles, for the "Read more" links.
const HEADLINES: [(&str, &str); 3] = [
    ("Storm closes the coastal road", "عاصفة تغلق الطريق الساحلي"),
    (
        "Museum reopens after repairs",
        "المتحف يعيد فتح أبوابه بعد الترميم",
    ),
    ("Students win the science prize", "طلاب يفوزون بجائزة العلوم"),
];

/// Every furniture line the pages print, English and Arabic.
const FURNITURE: [&str; 10] = [
    "Advertisement",
    "إعلان",
    "Sign up for our newsletter",
    "اشترك في نشرتنا الإخبارية",
    "Read more:",
    "اقرأ أيضا:",
    "Share this",
    "شارك هذا",
    "Comments (",
    "التعليقات (",
];

/// One side of a page: its paragraphs with furniture between them. `once`
/// prints each furniture line a single time; otherwise the advertisement
/// label, the newsletter prompt and a "Read more" link come back, as they do
/// on pages that place them between every few paragraphs.
fn side(paragraphs: &[&str; 3], english: bool, page: usize, once: bool) -> Vec<String> {
    let pick = |en: &str, ar: &str| {
        if english {
            en.to_string()
        } else {
            ar.to_string()
        }
    };
    let (h1, h2) = (HEADLINES[page % 3], HEADLINES[(page + 1) % 3]);
    let read_more = |h: (&str, &str)| {
        pick(
            &format!("Read more: {}", h.0),
            &format!("اقرأ أيضا: {}", h.1),
        )
    };
    let ad = pick("Advertisement", "إعلان");
    let news = pick("Sign up for our newsletter", "اشترك في نشرتنا الإخبارية");
    let mut lines = vec![paragraphs[0].to_string(), ad.clone(), read_more(h1)];
    lines.push(paragraphs[1].to_string());
    if once {
        lines.push(news.clone());
    } else {
        lines.extend([ad, news.clone(), read_more(h2)]);
    }
    lines.push(paragraphs[2].to_string());
    if !once {
        lines.push(news);
    }
    lines.push(pick("Share this", "شارك هذا"));
    lines.push(pick("Comments (4)", "التعليقات (4)"));
    lines
}

/// A page: the English article with its furniture, then the Arabic one.
fn page(k: usize, once: bool) -> String {
    let (en, ar) = &ARTICLES[k];
    let mut lines = side(en, true, k, once);
    lines.extend(side(ar, false, k, once));
    lines.join("\n")
}

fn is_furniture(text: &str) -> bool {
    FURNITURE.iter().any(|f| text.trim().starts_with(f))
}

/// No furniture pair at 0.5 or more, and every article paragraph paired.
fn check(doc: &DocumentAlignment<'_>, k: usize, how: &str) {
    for p in &doc.pairs {
        if is_furniture(p.en) || is_furniture(p.ar) {
            assert!(
                p.score < 0.5,
                "{how}, page {k}: furniture pair {:?} / {:?} at {}",
                p.en,
                p.ar,
                p.score
            );
        }
    }
    let (en, _) = &ARTICLES[k];
    for para in en {
        let first = para.split(". ").next().unwrap_or(para);
        assert!(
            doc.pairs
                .iter()
                .any(|p| p.en.contains(first) && !is_furniture(p.ar) && p.score >= 0.5),
            "{how}, page {k}: no pair at 0.5 or more for {first:?}"
        );
    }
}

#[test]
fn repeated_furniture_on_one_page_is_not_paired_as_content() {
    for k in 0..ARTICLES.len() {
        let text = page(k, false);
        let doc = DocumentAligner::new().align(&text).expect("a page aligns");
        check(&doc, k, "one page");
    }
}

/// The page's two sides line by line, English first: each furniture line
/// stands beside its Arabic, where lengths alone would pair them.
fn interleaved(k: usize, once: bool) -> String {
    let (en, ar) = &ARTICLES[k];
    let (en, ar) = (side(en, true, k, once), side(ar, false, k, once));
    let mut lines = Vec::new();
    for (e, a) in en.iter().zip(&ar) {
        lines.extend([e.as_str(), a.as_str()]);
    }
    lines.join("\n")
}

#[test]
fn furniture_printed_once_on_a_lone_page_is_not_paired_as_content() {
    // No batch to show the lines come back on other pages: the lines' own
    // words must tell.
    for k in 0..ARTICLES.len() {
        for (layout, text) in [
            ("block", page(k, true)),
            ("interleaved", interleaved(k, true)),
        ] {
            let doc = DocumentAligner::new().align(&text).expect("a page aligns");
            check(&doc, k, &format!("lone page, {layout}"));
        }
    }
}

#[test]
fn furniture_printed_once_per_page_is_known_across_a_batch() {
    let pages: Vec<String> = (0..ARTICLES.len()).map(|k| page(k, true)).collect();
    let docs = align_documents(&pages);
    for (k, doc) in docs.iter().enumerate() {
        check(doc.as_ref().expect("a page aligns"), k, "batch");
    }
    let furniture = Furniture::of_pages(&pages);
    for line in [
        "Advertisement",
        "اشترك في نشرتنا الإخبارية",
        "Read more: anything",
    ] {
        assert!(furniture.is_furniture(line), "{line}");
    }
    // The same pages one by one, with the batch's counts, give the same pairs.
    for (k, text) in pages.iter().enumerate() {
        let alone = DocumentAligner::new()
            .align_with_furniture(text, &furniture)
            .expect("a page aligns");
        let batch = docs[k].as_ref().expect("a page aligns");
        assert_eq!(alone.pairs, batch.pairs, "page {k}");
    }
}

#[test]
fn a_line_on_fewer_pages_than_the_minimum_is_not_furniture() {
    let pages: Vec<String> = (0..Furniture::MIN_PAGES - 1)
        .map(|k| page(k, true))
        .collect();
    let furniture = Furniture::of_pages(&pages);
    assert!(!furniture.is_furniture("Advertisement"));
}

/// Whether a pair's sides come from one paragraph of one article and its
/// translation.
fn is_right(en: &str, ar: &str) -> bool {
    ARTICLES
        .iter()
        .any(|(e, a)| (0..3).any(|i| e[i].contains(en.trim()) && a[i].contains(ar.trim())))
}

#[test]
fn a_pairing_shifted_by_an_untranslated_paragraph_is_not_sure_of_itself() {
    let ((e0, a0), (e1, a1), (_, a2)) = (&ARTICLES[0], &ARTICLES[1], &ARTICLES[2]);
    let en = [e0[0], e0[1], e0[2], e1[0], e1[1]];
    // An Arabic paragraph of another article stands second, untranslated.
    let ar = [a0[0], a2[0], a0[1], a0[2], a1[0], a1[1]];
    let block = format!("{}\n{}", en.join("\n"), ar.join("\n"));
    let mut interleaved: Vec<&str> = Vec::new();
    for i in 0..ar.len() {
        interleaved.extend(en.get(i));
        interleaved.extend(ar.get(i));
    }
    for (layout, text) in [("block", block), ("interleaved", interleaved.join("\n"))] {
        let doc = DocumentAligner::new().align(&text).expect("a page aligns");
        let wrong: Vec<_> = doc.pairs.iter().filter(|p| !is_right(p.en, p.ar)).collect();
        assert!(!wrong.is_empty(), "{layout}: the test needs a shifted pair");
        assert_unsure(&wrong, layout);
    }
}

/// A council report, English and Arabic paragraph by paragraph, each
/// paragraph with its numbers.
const REPORT: [(&str, &str); 4] = [
    (
        "The city council approved a budget of 45 million dollars for 2024 on Tuesday. The mayor said most of it would go to schools and roads.",
        "وافق مجلس المدينة يوم الثلاثاء على ميزانية قدرها 45 مليون دولار لعام 2024. وقالت رئيسة البلدية إن معظمها سيذهب إلى المدارس والطرق.",
    ),
    (
        "Work on the northern ring road will start in March and should take 18 months. The road will link the airport with the industrial zone.",
        "سيبدأ العمل على الطريق الدائري الشمالي في مارس ويستغرق 18 شهرا. وسيربط الطريق المطار بالمنطقة الصناعية.",
    ),
    (
        "Ten new schools will open by September, each with room for 600 pupils. Teachers will be hired in two rounds during the summer.",
        "ستفتتح عشر مدارس جديدة بحلول سبتمبر، تتسع كل منها لـ 600 تلميذ. وسيتم تعيين المعلمين على مرحلتين خلال الصيف.",
    ),
    (
        "The opposition criticised the plan and asked for a vote on the tax rise. A final decision is expected before the end of June.",
        "انتقدت المعارضة الخطة وطالبت بالتصويت على زيادة الضرائب. ومن المتوقع صدور قرار نهائي قبل نهاية يونيو.",
    ),
];

/// An Arabic paragraph about something else, about as long as the third
/// paragraph's translation, with numbers of its own.
const UNRELATED: &str = "سجل فريق المدينة 3 أهداف في مباراة الأحد أمام 12 ألف متفرج. وقال المدرب إن اللاعبين استحقوا الفوز بعد موسم صعب.";

#[test]
fn a_paragraph_replaced_by_an_unrelated_one_of_the_same_length_is_not_sure() {
    let en: Vec<&str> = REPORT.iter().map(|p| p.0).collect();
    let mut ar: Vec<&str> = REPORT.iter().map(|p| p.1).collect();
    ar[2] = UNRELATED;
    let block = format!("{}\n{}", en.join("\n"), ar.join("\n"));
    let interleaved: Vec<&str> = en.iter().zip(&ar).flat_map(|(e, a)| [*e, *a]).collect();
    for (layout, text) in [("block", block), ("interleaved", interleaved.join("\n"))] {
        let doc = DocumentAligner::new().align(&text).expect("a page aligns");
        let replaced: Vec<_> = doc
            .pairs
            .iter()
            .filter(|p| UNRELATED.contains(p.ar))
            .collect();
        assert!(!replaced.is_empty(), "{layout}: the test needs the pair");
        assert_unsure(&replaced, layout);
        // The translated paragraphs beside it keep their scores.
        for (e, a) in [REPORT[0], REPORT[1], REPORT[3]] {
            assert_sure(&doc, e, a, layout);
        }
    }
}

/// A software column: its third paragraph's translation keeps two product
/// names in Latin letters and has no number; the others keep their numbers.
const COLUMN: [(&str, &str); 4] = [
    (
        "The city library opened a new computer room for students this week, with 40 desks and a quiet corner for reading.",
        "افتتحت مكتبة المدينة هذا الأسبوع قاعة حاسوب جديدة للطلاب، فيها 40 مكتبا وركن هادئ للقراءة.",
    ),
    (
        "Volunteers will teach free evening classes on writing letters, building a budget and searching for work online.",
        "وسيقدم متطوعون دروسا مسائية مجانية في كتابة الرسائل وإعداد الميزانية والبحث عن عمل عبر الإنترنت.",
    ),
    (
        "Every machine in the room runs Linux, and the library chose LibreOffice so that students can keep using it at home.",
        "تعمل كل الأجهزة في القاعة بنظام Linux، واختارت المكتبة برنامج LibreOffice ليتمكن الطلاب من استخدامه في بيوتهم.",
    ),
    (
        "The director said the room will stay open until 10 pm on weekdays and that printing will be free during the 2 exam weeks.",
        "وقال المدير إن القاعة ستبقى مفتوحة حتى الساعة 10 مساء في أيام الأسبوع وإن الطباعة ستكون مجانية خلال أسبوعي الامتحانات الـ 2.",
    ),
];

#[test]
fn latin_words_a_translation_keeps_vouch_for_its_pair() {
    let en: Vec<&str> = COLUMN.iter().map(|p| p.0).collect();
    let ar: Vec<&str> = COLUMN.iter().map(|p| p.1).collect();
    let text = format!("{}\n{}", en.join("\n"), ar.join("\n"));
    let doc = DocumentAligner::new().align(&text).expect("a page aligns");
    for (e, a) in COLUMN {
        assert_sure(&doc, e, a, "block");
    }
}

/// Asserts that every pair of `pairs` scores under 0.9.
fn assert_unsure(pairs: &[&Pair<'_>], layout: &str) {
    for p in pairs {
        assert!(
            p.score < 0.9,
            "{layout}: {:?} / {:?} at {}",
            p.en,
            p.ar,
            p.score
        );
    }
}

/// Asserts that `doc` pairs English paragraph `e` with its translation `a`,
/// every pair inside them at 0.9 or more.
fn assert_sure(doc: &DocumentAlignment<'_>, e: &str, a: &str, layout: &str) {
    let inside: Vec<_> = doc
        .pairs
        .iter()
        .filter(|p| e.contains(p.en) && a.contains(p.ar))
        .collect();
    assert!(!inside.is_empty(), "{layout}: {e:?} unpaired");
    for p in inside {
        assert!(p.score >= 0.9, "{layout}: {e:?} unsure: {p:?}");
    }
}
