"""Hostile use of the batch call: Ctrl-C in a long batch, thread counts out of
range, and wrong items, which the errors name by index."""

from __future__ import annotations

import os
import signal
import threading
import time

import pytest

import bitext
from pages import PAGES


def test_ctrl_c_stops_a_long_batch_within_a_second():
    pages = list(PAGES.values())
    # A batch of at least twenty seconds' work on this machine, measured first,
    # so that stopping within two seconds can only be the interrupt.
    sample = pages * 50
    start = time.monotonic()
    assert len(bitext.align_documents(sample, threads=1)) == len(sample)
    per_page = (time.monotonic() - start) / len(sample)
    texts = pages * max(50, int(20.0 / per_page / len(pages)) + 1)
    timer = threading.Timer(0.5, lambda: os.kill(os.getpid(), signal.SIGINT))
    start = time.monotonic()
    timer.start()
    try:
        with pytest.raises(KeyboardInterrupt):
            bitext.align_documents(texts, threads=1)
    finally:
        timer.cancel()
    assert time.monotonic() - start < 2.0
    # The batch is usable again.
    assert len(bitext.align_documents(pages, threads=1)) == len(pages)


@pytest.mark.parametrize("threads", [0, -1, 1025, 10_000, 2**70])
def test_thread_counts_out_of_range_are_value_errors(threads):
    with pytest.raises(ValueError, match="threads must be at least 1 and at most 1024"):
        bitext.align_documents(["It rained.\nأمطرت."], threads=threads)


def test_thread_counts_are_ints():
    with pytest.raises(TypeError):
        bitext.align_documents(["It rained.\nأمطرت."], threads="2")  # type: ignore[arg-type]
    assert len(bitext.align_documents(["It rained.\nأمطرت."], threads=1024)) == 1


def test_wrong_items_are_named_by_index():
    with pytest.raises(TypeError, match=r"^texts\[2\]: expected str, bytes, bytearray or memoryview, got int$"):
        bitext.align_documents(["a", b"b", 3])  # type: ignore[list-item]
    with pytest.raises(TypeError, match=r"^arabic sentence 1: expected str, bytes, bytearray or memoryview, got NoneType$"):
        bitext.align_sentences(["One."], ["واحد.", None])  # type: ignore[list-item]
