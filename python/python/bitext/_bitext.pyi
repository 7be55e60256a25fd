"""The extension module: three functions and one exception, re-exported by
:mod:`bitext`."""

import os
from typing import Iterable, List, Literal, Optional, Sequence, Union, overload

from ._types import Alignment, Document

__all__ = [
    "BitextError",
    "__version__",
    "align_document",
    "align_documents",
    "align_sentences",
]
__version__: str

class BitextError(ValueError):
    """An error reported by the bitext crate; its message is the crate's
    (lowercase, naming the offending value)."""

_Text = Union[str, bytes, bytearray, memoryview]
"""A document: a ``str``, or ``bytes``, ``bytearray`` or ``memoryview`` that
must be UTF-8 and is decoded as such: every offset then refers to the decoded
text (code points in ``*_chars``, UTF-8 bytes in ``*_span``, which are also
offsets into the given bytes)."""

def align_document(
    text: _Text,
    *,
    min_score: float = 0.0,
    min_unit_score: float = 0.3,
    sentence_pairs: bool = True,
    dictionary: Optional[Union[str, "os.PathLike[str]"]] = None,
    lexicon: Optional[Union[str, "os.PathLike[str]"]] = None,
) -> Document:
    """Aligns one scraped bilingual document: its language runs, sentences,
    sentence pairs, pairings and :class:`Parallelism` report.

    An empty document or one in a single language is not an error: it gives a
    :class:`Document` with no pairs. The GIL is released while the crate works.

    :param min_score: pairs scoring below this (in ``[0, 1]``) are dropped.
    :param min_unit_score: paragraph beads scoring below this (in ``[0, 1]``)
        are treated as unpaired.
    :param sentence_pairs: ``False`` returns one pair per paragraph bead.
    :param dictionary: a bilingual dictionary whose word translations weigh in
        every alignment of the call: a dictd ``.index`` (e.g. Debian's
        ``/usr/share/dictd/freedict-eng-ara.index``), a hunalign ``.dic`` or a
        two-column TSV.
    :param lexicon: instead, a lexicon file written by the crate
        (``Lexicon::save``, ``align --train-lexicon``).
    :raises BitextError: a setting out of range, a dictionary or lexicon that
        cannot be read, bytes that are not UTF-8,
        or a ``str`` with a lone surrogate (no UTF-8 form).
    :raises TypeError: ``text`` is not a ``str``, ``bytes``, ``bytearray`` or
        ``memoryview``.
    """

@overload
def align_documents(
    texts: Iterable[_Text],
    *,
    threads: Optional[int] = None,
    errors: Literal["raise"] = "raise",
    min_score: float = 0.0,
    min_unit_score: float = 0.3,
    sentence_pairs: bool = True,
    dictionary: Optional[Union[str, "os.PathLike[str]"]] = None,
    lexicon: Optional[Union[str, "os.PathLike[str]"]] = None,
    train_lexicon: Optional[Union[str, "os.PathLike[str]"]] = None,
) -> List[Document]:
    """Aligns many documents on all cores, with the GIL released; the result
    is in input order and equals ``[align_document(t) for t in texts]``,
    except that a short line printed on three of the distinct documents or
    more ("Advertisement", "Read more: ...") is taken for page furniture on
    each of them, so its pairs score low.

    :param dictionary: as for :func:`align_document`, read once for the batch.
    :param lexicon: as for :func:`align_document`.
    :param train_lexicon: a path: the confident pairs of every document train
        one lexicon (IBM Model 1, seeded by ``dictionary`` or ``lexicon``), which
        is written there (:func:`align_document`'s ``lexicon=`` reads it) and
        aligns the batch a second time; the documents are held for both passes.
        Raises :class:`BitextError`, writing nothing, when the batch has fewer
        than 50 confident pairs.
    :param threads: worker threads, 1 to 1024; ``None`` uses the crate's
        default pool (one thread per core, or ``RAYON_NUM_THREADS``).
    :param errors: ``"raise"`` raises :class:`BitextError` for the first
        failing document (its message starts with ``document INDEX:``), after
        all documents were aligned, or the ``TypeError`` of the first item of
        a wrong type; ``"return"`` puts an error instance in each failing
        item's place (:class:`BitextError` for a document the crate refuses,
        such as bytes that are not UTF-8; ``TypeError`` for ``None``, a number
        or any other item that is not a document) and never raises for a
        single item.
    :raises BitextError: a setting out of range (whatever ``errors`` says: it
        is not about one document), or with ``errors="raise"`` a failing document.
    :raises TypeError: ``texts`` is a ``str``, or with ``errors="raise"`` holds
        something that is not a document (the message starts with ``texts[INDEX]:``).
    :raises ValueError: ``threads`` is not from 1 to 1024, or ``errors`` is not
        one of the two.
    :raises KeyboardInterrupt: Ctrl-C (or any signal handler's exception) during
        the batch: signals are checked every 50 ms while the documents are
        aligned, and the exception is raised once the documents in hand are done.
    """
@overload
def align_documents(
    texts: Iterable[_Text],
    *,
    threads: Optional[int] = None,
    errors: Literal["return"],
    min_score: float = 0.0,
    min_unit_score: float = 0.3,
    sentence_pairs: bool = True,
    dictionary: Optional[Union[str, "os.PathLike[str]"]] = None,
    lexicon: Optional[Union[str, "os.PathLike[str]"]] = None,
    train_lexicon: Optional[Union[str, "os.PathLike[str]"]] = None,
) -> List[Union[Document, BitextError, TypeError]]: ...

def align_sentences(
    en: Sequence[_Text],
    ar: Sequence[_Text],
    *,
    dictionary: Optional[Union[str, "os.PathLike[str]"]] = None,
    lexicon: Optional[Union[str, "os.PathLike[str]"]] = None,
) -> Alignment:
    """Aligns English sentences with their Arabic translations (length-based
    Gale–Church dynamic programme, with anchors and the words' translations:
    a lexicon trained on the input itself where each side has at least 50
    sentences, seeded by ``dictionary`` or ``lexicon`` as for
    :func:`align_document`).

    The beads cover every sentence of both lists exactly once, in order.

    :raises BitextError: a sentence that is not UTF-8 (the message names its
        side and index), or a dictionary or lexicon that cannot be read.
    :raises TypeError: ``en`` or ``ar`` is a ``str``, or holds something that is
        not a ``str``, ``bytes``, ``bytearray`` or ``memoryview`` (the message
        names its side and index).
    """
