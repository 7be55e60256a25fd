"""English–Arabic sentence alignment for scraped bilingual documents.

A thin binding of the ``bitext`` Rust crate: every result is computed by the
crate and returned as the plain dataclasses of :mod:`bitext._types`.

>>> import bitext
>>> doc = bitext.align_document(
...     "The meeting ended at noon.\\nانتهى الاجتماع عند الظهر."
... )
>>> [(p.en, p.ar, p.kind) for p in doc.pairs]
[('The meeting ended at noon.', 'انتهى الاجتماع عند الظهر.', '1-1')]
"""

from ._types import (
    Alignment,
    Bead,
    Document,
    Pair,
    Pairing,
    Parallelism,
    Run,
    Sentence,
)
from ._bitext import (
    BitextError,
    __version__,
    align_document,
    align_documents,
    align_sentences,
)

__all__ = [
    "Alignment",
    "Bead",
    "BitextError",
    "Document",
    "Pair",
    "Pairing",
    "Parallelism",
    "Run",
    "Sentence",
    "__version__",
    "align_document",
    "align_documents",
    "align_sentences",
]
