"""The Python API: offsets against the strings, the Parallelism report, errors,
the batch call, and equality with the Rust crate's command-line output."""

from __future__ import annotations

import dataclasses
import pickle
import re
import subprocess
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

import bitext
from conftest import SHARED, cli_pairs, pair_records
from pages import ASTRAL, BLOCK, INTERLEAVED, PAGES, UNRELATED

PAIRED = [BLOCK, INTERLEAVED, ASTRAL]


# --- offsets -----------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(PAGES))
def test_offsets_slice_the_input(name):
    text = PAGES[name]
    raw = text.encode("utf-8")
    doc = bitext.align_document(text)
    for run in doc.runs:
        assert raw[run.span[0] : run.span[1]].decode("utf-8") == text[run.chars[0] : run.chars[1]]
        assert run.lang in {"en", "ar", "fa", "ur", "und-Latn", "und-Arab", "und"}
    for s in doc.sentences:
        assert text[s.chars[0] : s.chars[1]] == s.text
        assert raw[s.span[0] : s.span[1]] == s.text.encode("utf-8")
        run = doc.runs[s.run]
        assert run.chars[0] <= s.chars[0] <= s.chars[1] <= run.chars[1]
        assert s.lang == run.lang
    for p in doc.pairs:
        assert text[p.en_chars[0] : p.en_chars[1]] == p.en
        assert text[p.ar_chars[0] : p.ar_chars[1]] == p.ar
        assert raw[p.en_span[0] : p.en_span[1]] == p.en.encode("utf-8")
        assert raw[p.ar_span[0] : p.ar_span[1]] == p.ar.encode("utf-8")
        assert re.fullmatch(r"[1-9][0-9]*-[1-9][0-9]*", p.kind)
        en_n, ar_n = map(int, p.kind.split("-"))
        assert (en_n, ar_n) == (
            p.en_sentences[1] - p.en_sentences[0],
            p.ar_sentences[1] - p.ar_sentences[0],
        )
        assert 0.0 <= p.score <= 1.0
        # A pair's sides run from its first sentence's start to its last's end.
        en = doc.sentences_in("en")[p.en_sentences[0] : p.en_sentences[1]]
        ar = doc.sentences_in("ar")[p.ar_sentences[0] : p.ar_sentences[1]]
        assert (en[0].chars[0], en[-1].chars[1]) == p.en_chars
        assert (ar[0].chars[0], ar[-1].chars[1]) == p.ar_chars


def test_code_points_differ_from_bytes_outside_the_bmp():
    doc = bitext.align_document(ASTRAL)
    first = doc.pairs[0]
    # "🌍 Climate report 2024 📊": two 4-byte emoji, each one code point.
    assert first.en == "🌍 Climate report 2024 📊"
    assert first.en_chars == (0, len(first.en)) == (0, 23)
    assert first.en_span == (0, len(first.en.encode("utf-8"))) == (0, 29)
    last = doc.pairs[-1]
    assert last.ar_chars[1] == len(ASTRAL.rstrip("\n"))
    assert last.ar_span[1] == len(ASTRAL.rstrip("\n").encode("utf-8"))


def test_bytes_input_gives_the_same_document():
    for text in PAIRED:
        assert bitext.align_document(text.encode("utf-8")) == bitext.align_document(text)


def test_results_are_plain_dataclasses():
    doc = bitext.align_document(INTERLEAVED)
    as_dict = dataclasses.asdict(doc)
    assert as_dict["pairs"][0]["en"] == doc.pairs[0].en
    assert as_dict["parallelism"]["paired_share"] == doc.parallelism.paired_share
    assert dataclasses.is_dataclass(doc.pairs[0]) and dataclasses.is_dataclass(doc.parallelism)
    # Picklable, for multiprocessing and Spark; errors too.
    assert pickle.loads(pickle.dumps(doc)) == doc
    (err,) = bitext.align_documents([b"\xff"], errors="return")
    again = pickle.loads(pickle.dumps(err))
    assert type(again) is bitext.BitextError and str(again) == str(err)


# --- the Parallelism report ----------------------------------------------------


def expected_paired_share(doc) -> float:
    """paired_share recomputed from the sentences: bytes of paired sentences
    over bytes of all English and Arabic sentences."""
    en, ar = doc.sentences_in("en"), doc.sentences_in("ar")
    paired = set()
    for p in doc.pairs:
        paired.update(("en", i) for i in range(*p.en_sentences))
        paired.update(("ar", i) for i in range(*p.ar_sentences))
    size = lambda s: s.span[1] - s.span[0]  # noqa: E731
    total = sum(map(size, en)) + sum(map(size, ar))
    inside = sum(size(en[i]) for lang, i in paired if lang == "en") + sum(
        size(ar[i]) for lang, i in paired if lang == "ar"
    )
    return inside / total if total else 0.0


@pytest.mark.parametrize("text", PAIRED + [UNRELATED])
def test_parallelism_matches_the_pairs(text):
    doc = bitext.align_document(text)
    par = doc.parallelism
    assert par.paired_share == pytest.approx(expected_paired_share(doc), abs=1e-12)
    confident = sum(p.score >= 0.9 for p in doc.pairs) / len(doc.pairs)
    assert par.confident_share == pytest.approx(confident, abs=1e-12)
    assert par.anchor_agreement is None or 0.0 <= par.anchor_agreement <= 1.0
    # Pairings partition the pairs; their runs are of the right language.
    covered = []
    for g in doc.pairings:
        covered.extend(range(*g.pairs))
        assert all(doc.runs[r].lang == "en" for r in g.en_runs)
        assert all(doc.runs[r].lang == "ar" for r in g.ar_runs)
        scores = [p.score for p in doc.pairs[g.pairs[0] : g.pairs[1]]]
        assert g.mean_score == pytest.approx(sum(scores) / len(scores))
    assert covered == list(range(len(doc.pairs)))


def test_parallelism_tells_a_translation_from_unrelated_text():
    translated = bitext.align_document(INTERLEAVED).parallelism
    # Numbers and the question mark survive translation on every pair.
    assert translated.anchor_agreement == 1.0
    assert translated.confident_share == 1.0
    unrelated = bitext.align_document(UNRELATED).parallelism
    assert unrelated.confident_share < 0.5


def test_nothing_to_pair_is_an_answer_not_an_error():
    empty = bitext.align_document("")
    assert (empty.runs, empty.sentences, empty.pairs, empty.pairings) == ([], [], [], [])
    assert empty.parallelism == bitext.Parallelism(0.0, 0.0, None)
    blank = bitext.align_document(" \n\t")
    assert blank.runs == [] and blank.pairs == []
    english = bitext.align_document(PAGES["english_only"])
    assert [r.lang for r in english.runs] == ["en"]
    assert len(english.sentences) == 3 and english.pairs == []
    arabic = bitext.align_document("صباح الخير. كيف حالك اليوم؟")
    assert [r.lang for r in arabic.runs] == ["ar"] and arabic.pairs == []


# --- options and errors -------------------------------------------------------


def test_options_reach_the_crate():
    all_pairs = bitext.align_document(BLOCK).pairs
    kept = bitext.align_document(BLOCK, min_score=0.99).pairs
    assert kept == [p for p in all_pairs if p.score >= 0.99]
    text = "It rained. We stayed in.\nأمطرت. بقينا في البيت."
    assert len(bitext.align_document(text).pairs) == 2
    (paragraph,) = bitext.align_document(text, sentence_pairs=False).pairs
    assert paragraph.kind == "2-2"


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"min_score": 1.5}, "invalid setting `min_score`: 1.5 is not in [0, 1]"),
        ({"min_unit_score": -0.1}, "invalid setting `min_unit_score`: -0.1 is not in [0, 1]"),
    ],
)
def test_bad_settings_raise_the_crates_message(kwargs, message):
    with pytest.raises(bitext.BitextError) as err:
        bitext.align_document(BLOCK, **kwargs)
    assert str(err.value) == message
    assert isinstance(err.value, ValueError)
    # A setting is not about one document: the batch raises even with "return".
    with pytest.raises(bitext.BitextError, match=re.escape(message)):
        bitext.align_documents([BLOCK], errors="return", **kwargs)


def test_text_that_is_not_utf8():
    with pytest.raises(bitext.BitextError) as err:
        bitext.align_document(b"Good \xff day")
    assert str(err.value) == "input is not valid utf-8: invalid byte sequence at byte offset 5"
    # A lone surrogate has no UTF-8 form; its offset is where it would be written.
    with pytest.raises(bitext.BitextError, match="at byte offset 3$"):
        bitext.align_document("abc\udc80def")


def test_wrong_types():
    with pytest.raises(TypeError, match="expected str, bytes, bytearray or memoryview, got int"):
        bitext.align_document(42)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="not a str"):
        bitext.align_documents(BLOCK)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="expected str, bytes, bytearray or memoryview, got NoneType"):
        bitext.align_documents([BLOCK, None])  # type: ignore[list-item]
    with pytest.raises(TypeError, match="not a str"):
        bitext.align_sentences("One.", ["واحد."])  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="threads must be at least 1"):
        bitext.align_documents([BLOCK], threads=0)
    with pytest.raises(ValueError, match='errors must be "raise" or "return"'):
        bitext.align_documents([BLOCK], errors="ignore")  # type: ignore[call-overload]


# --- the batch call -------------------------------------------------------------


@pytest.mark.parametrize("threads", [None, 1, 2])
def test_align_documents_equals_one_by_one(threads):
    texts = list(PAGES.values()) * 3
    one_by_one = [bitext.align_document(t) for t in texts]
    assert bitext.align_documents(texts, threads=threads) == one_by_one
    # Any iterable of documents, generators included.
    assert bitext.align_documents((t for t in texts), threads=threads) == one_by_one
    assert bitext.align_documents([], threads=threads) == []


def test_align_documents_reports_a_failing_document():
    texts = [BLOCK, b"bad \xc3(", INTERLEAVED, "x\ud800"]
    with pytest.raises(bitext.BitextError) as err:
        bitext.align_documents(texts)
    assert str(err.value) == (
        "document 1: input is not valid utf-8: invalid byte sequence at byte offset 4"
    )
    out = bitext.align_documents(texts, errors="return")
    assert out[0] == bitext.align_document(BLOCK)
    assert out[2] == bitext.align_document(INTERLEAVED)
    assert isinstance(out[1], bitext.BitextError)
    assert str(out[1]) == "input is not valid utf-8: invalid byte sequence at byte offset 4"
    assert isinstance(out[3], bitext.BitextError)
    assert str(out[3]).endswith("at byte offset 1")


def test_every_bad_item_gets_its_own_error_in_its_place():
    out = bitext.align_documents([BLOCK, None, b"\xff", 42, bytearray(b"ok \xc3")], errors="return")
    assert len(out) == 5
    assert out[0] == bitext.align_document(BLOCK)
    assert isinstance(out[1], TypeError) and "got NoneType" in str(out[1])
    assert isinstance(out[2], bitext.BitextError)
    assert str(out[2]) == "input is not valid utf-8: invalid byte sequence at byte offset 0"
    assert isinstance(out[3], TypeError) and "got int" in str(out[3])
    assert isinstance(out[4], bitext.BitextError) and str(out[4]).endswith("offset 3")
    # errors="raise": the first bad item raises, whatever its kind.
    with pytest.raises(TypeError, match="got NoneType"):
        bitext.align_documents([BLOCK, None, b"\xff"])


def test_bytes_bytearray_and_memoryview_are_utf8_documents():
    want = bitext.align_document(BLOCK)
    raw = BLOCK.encode("utf-8")
    for given in (raw, bytearray(raw), memoryview(raw), memoryview(bytearray(raw))):
        assert bitext.align_document(given) == want, type(given)
        assert bitext.align_documents([given]) == [want], type(given)
    # Offsets are into the decoded text: spans slice the bytes, chars the str.
    pair = want.pairs[0]
    assert raw[pair.en_span[0] : pair.en_span[1]].decode("utf-8") == pair.en
    assert BLOCK[pair.en_chars[0] : pair.en_chars[1]] == pair.en
    beads = bitext.align_sentences([bytearray(b"One.")], [memoryview("واحد.".encode())]).beads
    assert [b.kind for b in beads] == ["1-1"]


def test_a_document_says_why_it_has_no_pairs():
    assert bitext.align_document(BLOCK).no_pairs is None
    assert bitext.align_document(BLOCK).is_parallel()
    only_en = bitext.align_document("Only English here.\nAnd more of it.\n")
    assert (only_en.no_pairs, only_en.is_parallel()) == ("one_language", False)
    assert bitext.align_document("").no_pairs == "empty"
    scores = [p.score for p in bitext.align_document(BLOCK).pairs]
    above = bitext.align_document(BLOCK, min_score=(max(scores) + 1.0) / 2)
    assert above.pairs == [] and above.no_pairs == "below_threshold"
    assert above.is_parallel()
    assert above.parallelism == bitext.align_document(BLOCK).parallelism


def test_concurrent_python_threads_get_the_same_results():
    # The GIL is released during alignment: calls from several Python threads
    # run at once and must not disturb each other.
    texts = list(PAGES.values()) * 4
    expected = [bitext.align_document(t) for t in texts]
    with ThreadPoolExecutor(max_workers=4) as pool:
        assert list(pool.map(bitext.align_document, texts)) == expected


def ticks_during(call) -> int:
    """How often another Python thread ran while `call` was in its middle 80%:
    never, if the call held the GIL throughout (native code never hands it
    over on its own)."""
    ticks: list[float] = []
    done = threading.Event()

    def tick():
        while not done.is_set():
            ticks.append(time.perf_counter())
            time.sleep(0.001)

    ticker = threading.Thread(target=tick)
    ticker.start()
    try:
        time.sleep(0.01)
        start = time.perf_counter()
        call()
        end = time.perf_counter()
    finally:
        done.set()
        ticker.join()
    margin = (end - start) / 10
    return sum(start + margin < t < end - margin for t in ticks)


def test_the_gil_is_released_while_aligning():
    texts = list(PAGES.values()) * 100  # a few hundred milliseconds of work
    assert ticks_during(lambda: bitext.align_documents(texts, threads=1)) >= 5
    page = "\n".join(texts)
    assert ticks_during(lambda: bitext.align_document(page)) >= 5


# --- pre-split sentences ----------------------------------------------------------

EN = [
    "The sun rose over the hills.",
    "Birds sang in the old oak trees near the river, and the village slowly woke up.",
    "It was a new day.",
]
AR = [
    "أشرقت الشمس فوق التلال.",
    "غنت الطيور في أشجار البلوط القديمة قرب النهر.",
    "واستيقظت القرية ببطء.",
    "كان يوماً جديداً.",
]


def test_align_sentences_covers_both_lists():
    alignment = bitext.align_sentences(EN, AR)
    en_next = ar_next = 0
    for bead in alignment.beads:
        assert bead.en[0] == en_next and bead.ar[0] == ar_next
        en_next, ar_next = bead.en[1], bead.ar[1]
        assert bead.kind == f"{bead.en[1] - bead.en[0]}-{bead.ar[1] - bead.ar[0]}"
        assert 0.0 <= bead.score <= 1.0
    assert (en_next, ar_next) == (len(EN), len(AR))
    assert [b.kind for b in alignment.beads] == ["1-1", "1-2", "1-1"]
    assert alignment.cost == pytest.approx(sum(b.cost for b in alignment.beads))


def test_align_sentences_edge_cases():
    assert bitext.align_sentences([], []).beads == []
    only_en = bitext.align_sentences(["One.", "Two."], [])
    assert [b.kind for b in only_en.beads] == ["1-0", "1-0"]
    with pytest.raises(bitext.BitextError, match="^arabic sentence 1: input is not valid utf-8"):
        bitext.align_sentences(["One.", "Two."], ["واحد.", b"\xfe"])


def test_align_sentences_equals_the_cli(align_bin, tmp_path):
    (tmp_path / "en.txt").write_text("\n".join(EN) + "\n", encoding="utf-8")
    (tmp_path / "ar.txt").write_text("\n".join(AR) + "\n", encoding="utf-8")
    out = subprocess.run(
        [str(align_bin), "--en", str(tmp_path / "en.txt"), "--ar", str(tmp_path / "ar.txt")],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    # The CLI's vecalign form: `[0]:[1, 2]:0.9312`.
    rows = [line.rsplit(":", 1) for line in out.splitlines()]
    beads = bitext.align_sentences(EN, AR).beads
    assert [r[0] for r in rows] == [
        f"{list(range(*b.en))}:{list(range(*b.ar))}" for b in beads
    ]
    assert [r[1] for r in rows] == [f"{max(0.0, 1.0 - b.score):.6f}" for b in beads]


# --- equality with the crate's command-line tool ----------------------------------


def test_documents_equal_the_cli(align_bin, page_files):
    names = sorted(page_files)
    files = [page_files[n] for n in names]
    cli = cli_pairs(align_bin, files)
    docs = bitext.align_documents([PAGES[n] for n in names])
    for name, path, doc in zip(names, files, docs):
        assert pair_records(doc) == cli[str(path)], name
    assert sum(map(len, cli.values())) > 10  # the comparison saw real pairs


def test_min_score_equals_the_cli(align_bin, page_files):
    path = page_files["block"]
    cli = cli_pairs(align_bin, [path], "--min-score", "0.999")[str(path)]
    assert pair_records(bitext.align_document(BLOCK, min_score=0.999)) == cli


def dev_pages():
    pages = sorted(SHARED.glob("dev/document/*.txt")) + sorted(
        SHARED.glob("dev_modern/document/*.txt")
    )
    return pages


@pytest.mark.skipif(not dev_pages(), reason=f"no development pages under {SHARED}")
def test_dev_pages_equal_the_cli(align_bin):
    files = dev_pages()
    cli = cli_pairs(align_bin, files)
    docs = bitext.align_documents([f.read_bytes() for f in files])
    for path, doc in zip(files, docs):
        assert pair_records(doc) == cli[str(path)], path.name


# Translated sentences, and at English 4 an untranslated sentence beside a
# translated one (English 5, Arabic 4) of nearly the same length.
STORY_EN = [
    "The king built a great palace.",
    "The children played in the garden.",
    "My brother reads the book at night.",
    "The farmer planted wheat near the river.",
    "The old cat slept all afternoon on a warm blanket beside the kitchen fire.",
    "The merchant ship sailed over the wide sea with the king and his soldiers.",
    "The doctor visited the sick woman.",
    "Rain fell on the city.",
]
STORY_AR = [
    "بنى الملك قصرا عظيما.",
    "لعب الأطفال في الحديقة.",
    "يقرأ أخي الكتاب في الليل.",
    "زرع الفلاح القمح قرب النهر.",
    "أبحرت سفينة التاجر فوق البحر الواسع مع الملك وجنوده.",
    "زار الطبيب المرأة المريضة.",
    "سقط المطر على المدينة.",
]
STORY_WORDS = (
    "king\tملك\npalace\tقصر\nchildren\tأطفال\ngarden\tحديقة\nbrother\tأخ\nbook\tكتاب\n"
    "farmer\tفلاح\nwheat\tقمح\nriver\tنهر\nmerchant\tتاجر\nship\tسفينة\nsea\tبحر\n"
    "sail\tأبحر\nwide\tواسع\nsoldier\tجنود\ndoctor\tطبيب\nwoman\tمرأة\nrain\tمطر\n"
    "city\tمدينة\ncat\tقطة\nblanket\tبطانية\n"
)


def test_a_dictionary_reaches_the_aligner(tmp_path):
    words = tmp_path / "words.tsv"
    words.write_text(STORY_WORDS, encoding="utf-8")
    for given in (words, str(words)):
        beads = bitext.align_sentences(STORY_EN, STORY_AR, dictionary=given).beads
        got = [(*b.en, *b.ar) for b in beads]
        assert (4, 5, 4, 4) in got and (5, 6, 4, 5) in got, got
    text = "\n".join(STORY_EN) + "\n\n" + "\n".join(STORY_AR)
    one = bitext.align_document(text, dictionary=words)
    (batch,) = bitext.align_documents([text], dictionary=words)
    assert one == batch
    assert one.pairs


def test_a_lexicon_that_cannot_be_read_raises(tmp_path):
    missing = tmp_path / "missing.tsv"
    with pytest.raises(bitext.BitextError, match="missing.tsv"):
        bitext.align_document(BLOCK, dictionary=missing)
    with pytest.raises(bitext.BitextError, match="missing.tsv"):
        bitext.align_sentences(["It rained."], ["أمطرت."], lexicon=missing)
    with pytest.raises(ValueError, match="not both"):
        bitext.align_documents([BLOCK], dictionary=missing, lexicon=missing)


def test_a_batch_trains_a_lexicon_writes_it_and_aligns_with_it(tmp_path):
    page = PAGES["block"]
    written = tmp_path / "batch.lex"
    # Ten copies of a page of six confident pairs: sixty pairs teach.
    docs = bitext.align_documents([page] * 10, train_lexicon=written)
    lines = written.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "bitext-lexicon 1"
    storm = [l.split("\t") for l in lines[1:] if l.startswith("storm\t")]
    assert storm and storm[0][1] == "عاصف", storm
    assert len(docs) == 10 and all(d.pairs for d in docs)
    # The second pass aligned with what the batch taught: the sentence pairs
    # inside the page's units weigh its words, so their scores differ.
    untaught = bitext.align_documents([page] * 10)
    assert docs != untaught
    # The lexicon written is one the other calls read: the batch aligned with
    # it is the taught batch, and a single page weighs its words too.
    assert bitext.align_documents([page] * 10, lexicon=written) == docs
    alone = bitext.align_document(page, lexicon=written)
    assert alone.pairs and alone != bitext.align_document(page)
    # Too few pairs to train on: an error, and no file.
    few = tmp_path / "few.lex"
    with pytest.raises(bitext.BitextError, match="fewer than 50 confident pairs"):
        bitext.align_documents([page], train_lexicon=few)
    assert not few.exists()
