"""Bilingual test pages, written for these tests (none is taken from a corpus).

Each exercises one shape the aligner meets on the web: an English block then
its Arabic block with boilerplate around, interleaved paragraphs, characters
outside the Basic Multilingual Plane (one code point in Python, four UTF-8
bytes), and pages with nothing to pair.
"""

BLOCK = """\
Home | World | Business | Sport
English | العربية

Storm closes schools across the coast
Heavy rain and strong winds closed schools in six coastal towns on Tuesday.
The weather office said the storm would last until Thursday evening.
Fishermen were told to keep their boats in the harbour.
Power was cut to about 12,000 homes, the electricity company said.
Repair crews expect to restore most lines within two days.
Share this article

العاصفة تغلق المدارس على طول الساحل
أغلقت الأمطار الغزيرة والرياح القوية المدارس في ست بلدات ساحلية يوم الثلاثاء.
وقالت دائرة الأرصاد إن العاصفة ستستمر حتى مساء الخميس.
وطُلب من الصيادين إبقاء قواربهم في الميناء.
وقالت شركة الكهرباء إن التيار انقطع عن نحو 12,000 منزل.
وتتوقع فرق الإصلاح إعادة معظم الخطوط خلال يومين.
اقرأ أيضا
"""

INTERLEAVED = """\
The library will reopen on 3 May after two years of work.
ستعيد المكتبة فتح أبوابها في 3 مايو بعد عامين من العمل.
Its reading room now has space for 400 visitors, twice as many as before.
تتسع قاعة المطالعة فيها الآن لـ400 زائر، أي ضعف العدد السابق.
The old wooden shelves were repaired and kept. Where did the new books come from?
أُصلحت الرفوف الخشبية القديمة وأُبقي عليها. من أين جاءت الكتب الجديدة؟
Most were given by families from the city, the director said.
قال المدير إن معظمها تبرعت به عائلات من المدينة.
"""

ASTRAL = """\
🌍 Climate report 2024 📊
The report counts 1,500 weather stations on 𝟕 continents.
Average temperatures rose by 1.2 degrees since 1900 🌡️.
Scientists called the findings alarming but not surprising.
🌍 تقرير المناخ 2024 📊
يحصي التقرير 1,500 محطة أرصاد في 𝟕 قارات.
ارتفع متوسط درجات الحرارة بمقدار 1.2 درجة منذ عام 1900 🌡️.
ووصف العلماء النتائج بأنها مقلقة لكنها غير مفاجئة.
"""

ENGLISH_ONLY = """\
Opening hours
The museum is open every day from nine to five.
Tickets can be bought at the door.
"""

UNRELATED = """\
The football season starts next week with twenty teams in the league.
Coaches expect a close race for the title this year.
تفتح الحديقة النباتية أبوابها للزوار في الربيع بعد ترميم البيوت الزجاجية.
ويقول البستانيون إن النباتات النادرة نُقلت إلى مكان آمن خلال الأشغال.
"""

# Name -> text: the pages the CLI comparison and the Spark test run on.
PAGES = {
    "block": BLOCK,
    "interleaved": INTERLEAVED,
    "astral": ASTRAL,
    "english_only": ENGLISH_ONLY,
    "unrelated": UNRELATED,
    "empty": "",
}
