"""Python overhead of `bitext.align_documents` against the crate's batch call.

    python python/bench/overhead.py [--rounds 7] [--threads N] FILE...

Builds python/bench (the Rust timer) in release, then alternates rounds of the
two sides on the same files so that machine load hits both alike: each round
times the Rust batch call 5 times (in one process, after a warm-up) and the
Python call 5 times (after a warm-up). Prints the medians of all runs and their
ratio. The Python figure includes everything a caller pays: copying the str
inputs, the batch call, and building the result dataclasses.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import bitext

HERE = Path(__file__).resolve().parent


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("files", nargs="+")
    ap.add_argument("--rounds", type=int, default=7)
    ap.add_argument("--threads", type=int, default=None)
    args = ap.parse_args()
    subprocess.run(
        ["cargo", "build", "--release", "--quiet"], cwd=HERE, check=True
    )
    target = Path(os.environ.get("CARGO_TARGET_DIR", HERE / "target"))
    timer = target / "release" / "bitext-batch-timer"
    texts = [Path(f).read_bytes().decode("utf-8") for f in args.files]
    threads = [] if args.threads is None else ["--threads", str(args.threads)]

    rust, python = [], []
    expected_pairs = None
    for _ in range(args.rounds):
        out = subprocess.run(
            [str(timer), "--reps", "5", *threads, *args.files],
            check=True, capture_output=True, text=True,
        ).stdout
        for line in out.splitlines():
            secs, pairs = line.split()
            rust.append(float(secs))
            expected_pairs = int(pairs)
        bitext.align_documents(texts, threads=args.threads)  # warm-up
        for _ in range(5):
            t = time.perf_counter()
            docs = bitext.align_documents(texts, threads=args.threads)
            python.append(time.perf_counter() - t)
        pairs = sum(len(d.pairs) for d in docs)
        if pairs != expected_pairs:
            print(f"pair counts differ: rust {expected_pairs}, python {pairs}", file=sys.stderr)
            return 1
    r, p = statistics.median(rust), statistics.median(python)
    size = sum(len(t.encode("utf-8")) for t in texts)
    print(f"{len(texts)} documents, {size / 1e6:.2f} MB, {expected_pairs} pairs, "
          f"threads={args.threads or 'all'}, {len(rust)} runs a side")
    print(f"rust batch   median {r * 1e3:8.2f} ms  (min {min(rust) * 1e3:.2f}, max {max(rust) * 1e3:.2f})")
    print(f"python call  median {p * 1e3:8.2f} ms  (min {min(python) * 1e3:.2f}, max {max(python) * 1e3:.2f})")
    print(f"python / rust = {p / r:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
