"""Align crawled English–Arabic pages on Spark with the ``bitext`` package.

Reads one page per file (``spark.read.text(..., wholetext=True)``), aligns each
partition's pages in batches with :func:`bitext.align_documents` inside
``mapPartitions`` (the GIL is released and the crate's threads do the work),
and writes one row per sentence pair as Parquet or JSON Lines::

    python python/examples/spark_align.py PAGES... --output OUT [--format parquet|jsonl]
        [--master local[2]] [--batch 256] [--min-score F]

``PAGES`` are files, directories or globs Spark understands (local paths,
``hdfs://``, ``s3a://``). Each output row holds:

- ``doc``: the page's path as Spark names it (``file:/...`` for local files);
- ``pair``: the pair's index in its page;
- ``en``, ``ar``: the two sides; ``en_span``, ``ar_span``: ``[start, end]``
  UTF-8 byte offsets into the page; ``en_chars``, ``ar_chars``: the same in
  code points; ``kind`` (``"1-2"``), ``score``;
- ``paired_share``, ``confident_share``, ``anchor_agreement``: the page's
  Parallelism report, to drop pages that only look parallel;
- ``error``: null, or the crate's message for a page it could not align (that
  page then has this one row, with null pair fields).

Threads: each Spark task aligns with ``spark.task.cpus`` threads (default 1),
so that ``spark.executor.cores`` tasks per executor fill its cores without
oversubscribing them. On a cluster, ``bitext`` must be importable on every
executor: see the README section "Spark".
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any, Iterable, Iterator, List, Tuple

from pyspark.sql import Row, SparkSession
from pyspark.sql import functions as F
from pyspark.sql.types import (
    ArrayType,
    DoubleType,
    LongType,
    StringType,
    StructField,
    StructType,
)

SCHEMA = StructType(
    [
        StructField("doc", StringType(), False),
        StructField("pair", LongType(), True),
        StructField("en", StringType(), True),
        StructField("ar", StringType(), True),
        StructField("en_span", ArrayType(LongType(), False), True),
        StructField("ar_span", ArrayType(LongType(), False), True),
        StructField("en_chars", ArrayType(LongType(), False), True),
        StructField("ar_chars", ArrayType(LongType(), False), True),
        StructField("kind", StringType(), True),
        StructField("score", DoubleType(), True),
        StructField("paired_share", DoubleType(), True),
        StructField("confident_share", DoubleType(), True),
        StructField("anchor_agreement", DoubleType(), True),
        StructField("error", StringType(), True),
    ]
)


def align_partition(
    rows: Iterable[Row], batch: int, threads: int, min_score: float
) -> Iterator[Tuple[Any, ...]]:
    """Aligns one partition's pages, ``batch`` pages per call, and yields one
    tuple per pair (in SCHEMA's order). Runs on the executors."""
    # Imported here: this function runs in the executors' Python workers.
    import bitext

    def flush(chunk: list[Row]) -> Iterator[Tuple[Any, ...]]:
        docs = bitext.align_documents(
            [r.text for r in chunk], threads=threads, errors="return", min_score=min_score
        )
        for row, doc in zip(chunk, docs):
            if isinstance(doc, bitext.BitextError):
                yield (row.doc,) + (None,) * 12 + (str(doc),)
                continue
            par = doc.parallelism
            for i, p in enumerate(doc.pairs):
                yield (
                    row.doc,
                    i,
                    p.en,
                    p.ar,
                    list(p.en_span),
                    list(p.ar_span),
                    list(p.en_chars),
                    list(p.ar_chars),
                    p.kind,
                    p.score,
                    par.paired_share,
                    par.confident_share,
                    par.anchor_agreement,
                    None,
                )

    chunk: list[Row] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == batch:
            yield from flush(chunk)
            chunk = []
    if chunk:
        yield from flush(chunk)


def align_pages(
    spark: SparkSession,
    pages: list[str],
    output: str,
    fmt: str = "parquet",
    batch: int = 256,
    min_score: float = 0.0,
) -> None:
    """Aligns every page under ``pages`` and writes the pairs to ``output``."""
    threads = int(spark.conf.get("spark.task.cpus", "1") or "1")
    frame = (
        spark.read.text(pages, wholetext=True)
        .select(F.input_file_name().alias("doc"), F.col("value").alias("text"))
    )
    pairs = frame.rdd.mapPartitions(
        lambda rows: align_partition(rows, batch, threads, min_score)
    ).toDF(SCHEMA)
    writer = pairs.write.mode("errorifexists")
    if fmt == "parquet":
        writer.parquet(output)
    elif fmt == "jsonl":
        # Spark's JSON writer writes JSON Lines, one part file per partition.
        writer.option("ignoreNullFields", "false").json(output)
    else:
        raise ValueError(f"unknown format {fmt!r} (parquet or jsonl)")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("pages", nargs="+", help="page files, directories or globs")
    ap.add_argument("--output", required=True, help="output directory (must not exist)")
    ap.add_argument("--format", choices=["parquet", "jsonl"], default="parquet")
    ap.add_argument("--master", default=None, help="Spark master, e.g. local[2]")
    ap.add_argument("--batch", type=int, default=256, help="pages per align_documents call")
    ap.add_argument("--min-score", type=float, default=0.0, help="drop pairs below this score")
    args = ap.parse_args(argv)
    if args.batch < 1:
        ap.error("--batch must be at least 1")

    builder = SparkSession.builder.appName("bitext-align")
    if args.master:
        builder = builder.master(args.master)
        if args.master.startswith("local"):
            # In local mode the Python workers are started from this machine:
            # make them use this interpreter, where bitext is installed.
            os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    spark = builder.getOrCreate()
    try:
        align_pages(spark, args.pages, args.output, args.format, args.batch, args.min_score)
    finally:
        spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
