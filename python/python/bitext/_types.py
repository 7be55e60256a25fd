"""The result types of :mod:`bitext`: plain dataclasses.

Offsets come in two forms. ``*_span`` fields are ``(start, end)`` UTF-8 byte
offsets, as the Rust crate reports them: slice ``text.encode("utf-8")`` with
them, or compare them with offsets of other byte-oriented tools. ``*_chars``
fields are the same ranges in Python string (code point) offsets: slice the
``str`` you passed with them. Both are half-open.

Every class converts to plain dicts and tuples with :func:`dataclasses.asdict`,
ready for JSON, pandas or Spark rows.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import Any, Dict, List, Optional, Tuple

# Not frozen: a frozen dataclass's __init__ sets each field through
# object.__setattr__, which made building the results 5 times slower and cost
# more than a tenth of the Rust batch call on the dev pages. Slots make the many
# small pair and sentence objects cheaper to build and to keep; the keyword only
# exists from Python 3.10 on, and 3.9 gets the same classes without them.
_OPTIONS: Dict[str, Any] = {}
if sys.version_info >= (3, 10):
    _OPTIONS["slots"] = True

Range = Tuple[int, int]
"""A half-open ``(start, end)`` range."""


@dataclass(**_OPTIONS)
class Parallelism:
    """How much a stretch of text looks like a translation.

    Low values mean comparable text on the same subject (or chance matches),
    not a translation: use them to drop pages or pairings that only yield
    garbage pairs.
    """

    paired_share: float
    """Share of the English and Arabic sentences' bytes that lie in pairs."""
    confident_share: float
    """Share of pairs with a score of at least 0.9."""
    anchor_agreement: Optional[float]
    """Share of the pairs' anchors (numbers, names, Latin words, ``?`` and ``!``)
    found on the other side of their pair; ``None`` when the pairs have none."""


@dataclass(**_OPTIONS)
class Run:
    """A stretch of the document in one language."""

    lang: str
    """``"en"``, ``"ar"``, ``"fa"``, ``"ur"``, ``"und-Latn"``, ``"und-Arab"`` or ``"und"``."""
    span: Range
    """UTF-8 byte offsets into the document."""
    chars: Range
    """Code point offsets into the document (``text[chars[0]:chars[1]]``)."""


@dataclass(**_OPTIONS)
class Sentence:
    """One English or Arabic sentence of the document."""

    lang: str
    """``"en"`` or ``"ar"``."""
    text: str
    """The sentence, exactly as in the document."""
    span: Range
    """UTF-8 byte offsets into the document."""
    chars: Range
    """Code point offsets into the document."""
    run: int
    """Index of its run in :attr:`Document.runs`."""


@dataclass(**_OPTIONS)
class Pair:
    """An aligned pair: one or more English sentences and their Arabic translation."""

    en: str
    """The English side, from its first sentence's start to its last's end."""
    ar: str
    """The Arabic side, likewise."""
    en_span: Range
    """UTF-8 byte offsets of :attr:`en` in the document."""
    ar_span: Range
    """UTF-8 byte offsets of :attr:`ar` in the document."""
    en_chars: Range
    """Code point offsets of :attr:`en`: ``text[en_chars[0]:en_chars[1]] == en``."""
    ar_chars: Range
    """Code point offsets of :attr:`ar`."""
    kind: str
    """Number of English and Arabic sentences, as ``"1-2"``."""
    score: float
    """Confidence in ``[0, 1]``."""
    en_sentences: Range
    """Indices of its English sentences among the document's English sentences."""
    ar_sentences: Range
    """Indices of its Arabic sentences among the document's Arabic sentences."""


@dataclass(**_OPTIONS)
class Pairing:
    """A group of English and Arabic runs that translate each other."""

    en_runs: List[int]
    """Indices into :attr:`Document.runs` of the English runs."""
    ar_runs: List[int]
    """Indices of the Arabic runs."""
    pairs: Range
    """Range of indices into :attr:`Document.pairs`."""
    mean_score: float
    """Mean score of those pairs."""
    parallelism: Parallelism
    """How parallel these runs look, from those pairs."""


@dataclass(**_OPTIONS)
class Document:
    """Everything found in one document."""

    runs: List[Run]
    """Language runs, in order."""
    sentences: List[Sentence]
    """English and Arabic sentences, in document order."""
    pairs: List[Pair]
    """Sentence pairs, in English order (which is also Arabic order)."""
    pairings: List[Pairing]
    """Which runs translate which."""
    parallelism: Parallelism
    """How parallel the document looks as a whole, from its pairs before the
    ``min_score`` filter (the figures do not change with the threshold)."""
    no_pairs: Optional[str] = None
    """Why :attr:`pairs` is empty, ``None`` when it is not: ``"empty"`` (no
    English or Arabic text), ``"one_language"``, ``"not_parallel"`` (both
    languages, but nothing that translates the other) or ``"below_threshold"``
    (pairs were found, all scoring below ``min_score``)."""

    def is_parallel(self) -> bool:
        """Whether the aligner found English and Arabic text that translate
        each other: the document has pairs, or had some that all scored below
        ``min_score``."""
        return bool(self.pairs) or self.no_pairs == "below_threshold"

    def sentences_in(self, lang: str) -> List[Sentence]:
        """The sentences of one language (``"en"`` or ``"ar"``): the index space
        of :attr:`Pair.en_sentences` and :attr:`Pair.ar_sentences`."""
        return [s for s in self.sentences if s.lang == lang]


@dataclass(**_OPTIONS)
class Bead:
    """One link of a sentence alignment: consecutive English sentences against
    consecutive Arabic ones."""

    en: Range
    """Indices of the English sentences (empty for ``"0-1"``)."""
    ar: Range
    """Indices of the Arabic sentences (empty for ``"1-0"``)."""
    kind: str
    """``"1-1"``, ``"2-1"``, ``"1-0"``, …"""
    score: float
    """Posterior probability of this bead, in ``[0, 1]``."""
    cost: float
    """The bead's cost under the length model (lower is better)."""


@dataclass(**_OPTIONS)
class Alignment:
    """The alignment of two lists of sentences."""

    beads: List[Bead]
    """Beads in order; together they cover every sentence of both lists once."""
    cost: float
    """Total cost of the path."""
    log_likelihood: float
    """Log-likelihood of the input under the model."""
