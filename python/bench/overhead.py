"""Python overhead of `bitext.align_documents` against the crate's batch call.

    python python/bench/overhead.py [--rounds 7] [--threads N] [--repeat K] FILE...

Builds python/bench (the Rust timer, with the wheel's optimisation settings) in
release, then alternates rounds of the two sides on the same documents (the
files, K times over) so that the machine's load hits both alike: each round
times the Rust batch call 5 times in one process after a warm-up, then the
Python call 5 times after a warm-up. Prints medians of wall time and of CPU
time (all threads of the process) and their ratios. The Python figure includes
everything a caller pays: copying the str inputs, the batch call, and building
the result dataclasses.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import List, Optional

import bitext

HERE = Path(__file__).resolve().parent


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("files", nargs="+")
    ap.add_argument("--rounds", type=int, default=7)
    ap.add_argument("--threads", type=int, default=None)
    ap.add_argument("--repeat", type=int, default=1)
    args = ap.parse_args()
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=HERE, check=True)
    target = Path(os.environ.get("CARGO_TARGET_DIR", HERE / "target"))
    timer = target / "release" / "bitext-batch-timer"
    texts = [Path(f).read_bytes().decode("utf-8") for f in args.files] * args.repeat
    threads = [] if args.threads is None else ["--threads", str(args.threads)]

    rust_wall: List[float] = []
    rust_cpu: List[float] = []
    py_wall: List[float] = []
    py_cpu: List[float] = []
    rust_pairs = py_pairs = 0
    docs: Optional[List[bitext.Document]] = None
    for _ in range(args.rounds):
        out = subprocess.run(
            [str(timer), "--reps", "5", "--repeat", str(args.repeat), *threads, *args.files],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        for line in out.splitlines():
            wall, cpu, pairs = line.split()
            rust_wall.append(float(wall))
            rust_cpu.append(float(cpu))
            rust_pairs = int(pairs)
        bitext.align_documents(texts, threads=args.threads)  # warm-up
        for _ in range(5):
            # Freeing the previous results is the caller's business, not the
            # call's (the Rust timer drops its results outside the timing too).
            docs = None
            w, c = time.perf_counter(), time.process_time()
            docs = bitext.align_documents(texts, threads=args.threads)
            py_cpu.append(time.process_time() - c)
            py_wall.append(time.perf_counter() - w)
        py_pairs = sum(len(d.pairs) for d in docs or [])
    if py_pairs != rust_pairs:
        print(f"pair counts differ: rust {rust_pairs}, python {py_pairs}", file=sys.stderr)
        return 1
    size = sum(len(t.encode("utf-8")) for t in texts)
    print(
        f"{len(texts)} documents, {size / 1e6:.2f} MB, {rust_pairs} pairs, "
        f"threads={args.threads or 'all'}, {len(rust_wall)} runs a side, "
        f"load average {os.getloadavg()[0]:.1f}"
    )
    for name, rust, py in [("wall", rust_wall, py_wall), ("cpu", rust_cpu, py_cpu)]:
        r, p = statistics.median(rust), statistics.median(py)
        print(
            f"{name:4}  rust median {r * 1e3:8.2f} ms (min {min(rust) * 1e3:.2f})  "
            f"python median {p * 1e3:8.2f} ms (min {min(py) * 1e3:.2f})  "
            f"python/rust {p / r:.3f} (of minima {min(py) / min(rust):.3f})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
