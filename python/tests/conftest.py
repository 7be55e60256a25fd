"""Shared helpers: the test pages, and the Rust command-line tool's output on
them (the `align` example of the crate at the repository root)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pages import PAGES  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared" / "eval"


def align_binary() -> Path | None:
    """The crate's `align` example, built here with cargo (a debug build: the
    same code as release, and the one `cargo test` at the root already built),
    or the binary named by BITEXT_ALIGN_BIN. None when neither is available."""
    given = os.environ.get("BITEXT_ALIGN_BIN")
    if given:
        return Path(given)
    cargo = shutil.which("cargo")
    if cargo is None or not (REPO / "Cargo.toml").exists():
        return None
    out = subprocess.run(
        [cargo, "build", "--example", "align", "--message-format", "json"],
        cwd=REPO,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    for line in out.splitlines():
        msg = json.loads(line)
        if msg.get("reason") == "compiler-artifact" and msg["target"]["name"] == "align":
            if msg.get("executable"):
                return Path(msg["executable"])
    raise RuntimeError("cargo built no `align` executable")


@pytest.fixture(scope="session")
def align_bin() -> Path:
    binary = align_binary()
    if binary is None:
        pytest.skip("no cargo and no BITEXT_ALIGN_BIN: cannot run the Rust CLI to compare with")
    return binary


@pytest.fixture(scope="session")
def page_files(tmp_path_factory) -> dict[str, Path]:
    """The test pages written to files, by name."""
    root = tmp_path_factory.mktemp("pages")
    files = {}
    for name, text in PAGES.items():
        path = root / f"{name}.txt"
        path.write_bytes(text.encode("utf-8"))
        files[name] = path
    return files


def cli_pairs(binary: Path, files: list[Path], *extra: str) -> dict[str, list[dict]]:
    """The CLI's `--format jsonl` pairs, grouped by input file (every file has a
    key, with an empty list when it has no pairs)."""
    out = subprocess.run(
        [str(binary), *map(str, files), "--format", "jsonl", *extra],
        check=True,
        capture_output=True,
    ).stdout.decode("utf-8")
    by_doc: dict[str, list[dict]] = {str(f): [] for f in files}
    for line in out.splitlines():
        rec = json.loads(line)
        by_doc[rec.pop("doc")].append(rec)
    return by_doc


def pair_records(doc) -> list[dict]:
    """A Python Document's pairs in the CLI's jsonl form."""
    return [
        {
            "en": p.en,
            "ar": p.ar,
            "en_span": list(p.en_span),
            "ar_span": list(p.ar_span),
            "kind": p.kind,
            "score": p.score,
        }
        for p in doc.pairs
    ]
