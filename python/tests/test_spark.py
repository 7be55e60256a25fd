"""The Spark example (python/examples/spark_align.py) in local mode: its pairs,
written as JSON Lines and as Parquet, equal the Rust CLI's on the same pages.

Needs pyspark (in the package's `test` extra) and Java 17; the tests skip,
saying so, only when Java cannot be found.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import sys
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from conftest import REPO, cli_pairs
from pages import PAGES

try:
    from pyspark.sql import SparkSession
except ImportError as e:  # pragma: no cover - a setup error, not a skip
    raise ImportError(
        "the Spark test needs pyspark: pip install './python[test]' (see python/ci.sh)"
    ) from e


def find_java() -> str | None:
    home = os.environ.get("JAVA_HOME")
    if home and (Path(home) / "bin" / "java").exists():
        return str(Path(home) / "bin" / "java")
    return shutil.which("java")


pytestmark = pytest.mark.skipif(
    find_java() is None,
    reason="Java not found (no java on PATH, no JAVA_HOME): PySpark needs Java 17, "
    "e.g. apt-get install openjdk-17-jre-headless",
)

# Pages with pairs, plus ones with none: those must yield no rows at all.
NAMES = ["block", "interleaved", "astral", "english_only", "unrelated"]


def load_example():
    path = REPO / "python" / "examples" / "spark_align.py"
    spec = importlib.util.spec_from_file_location("spark_align", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def doc_path(uri: str) -> str:
    """Spark's `file:///tmp/x.txt` as the local path the CLI was given."""
    return str(Path(unquote(urlparse(uri).path)))


def as_cli(rows: list[dict]) -> dict[str, list[dict]]:
    """Output rows grouped by page in the CLI's jsonl form, in pair order."""
    by_doc: dict[str, list[dict]] = {}
    for r in sorted(rows, key=lambda r: (r["doc"], r["pair"])):
        assert r["error"] is None, r
        by_doc.setdefault(doc_path(r["doc"]), []).append(
            {k: r[k] for k in ("en", "ar", "en_span", "ar_span", "kind", "score")}
        )
    return by_doc


@pytest.fixture(scope="module")
def pages_dir(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("spark_pages")
    for name in NAMES:
        (root / f"{name}.txt").write_bytes(PAGES[name].encode("utf-8"))
    return root


@pytest.fixture(scope="module")
def expected(align_bin, pages_dir) -> dict[str, list[dict]]:
    files = sorted(pages_dir.glob("*.txt"))
    by_doc = cli_pairs(align_bin, files)
    # Pages without pairs have no rows in Spark's output.
    return {doc: pairs for doc, pairs in by_doc.items() if pairs}


def test_spark_example_equals_the_cli(pages_dir, expected, tmp_path, monkeypatch):
    example = load_example()
    # Local mode starts the Python workers here: with this interpreter.
    monkeypatch.setenv("PYSPARK_PYTHON", sys.executable)

    # 1. The script as documented, JSON Lines out (its own local[2] session).
    out = tmp_path / "jsonl"
    args = [str(pages_dir), "--output", str(out), "--format", "jsonl", "--master", "local[2]"]
    assert example.main(args + ["--batch", "2"]) == 0
    rows = [json.loads(line) for part in sorted(out.glob("part-*")) for line in part.open()]
    assert as_cli(rows) == expected
    assert len(rows) == sum(map(len, expected.values())) >= 10

    # 2. The job as a library call, Parquet out, read back with Spark; the
    # Parallelism columns equal the package's own.
    import bitext

    spark = SparkSession.builder.master("local[2]").appName("bitext-test").getOrCreate()
    try:
        out = tmp_path / "parquet"
        example.align_pages(spark, [str(pages_dir)], str(out), "parquet")
        rows = [r.asDict() for r in spark.read.parquet(str(out)).collect()]
    finally:
        spark.stop()
    assert as_cli(rows) == expected
    for r in rows:
        doc = bitext.align_document(Path(doc_path(r["doc"])).read_bytes())
        pair = doc.pairs[r["pair"]]
        assert (r["en_chars"], r["ar_chars"]) == (list(pair.en_chars), list(pair.ar_chars))
        assert (r["paired_share"], r["confident_share"], r["anchor_agreement"]) == (
            doc.parallelism.paired_share,
            doc.parallelism.confident_share,
            doc.parallelism.anchor_agreement,
        )
