"""The ids chunks carry: a document's hash and each chunk's ``{doc_id}:{sections}:{part}``.

Ids outlive a run: an index, a resumed batch and a caller's own store key
chunks by them, so the same input and options must give the same ids and
their format (docs/chunks.md) must not drift.  Keeping both formulas here
puts that contract in one place, apart from how text is cut.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from speechparse.model.document import Document


def document_id(doc: Document) -> str:
    """A short, stable hash of the source text: equal inputs share it, edits change it."""
    data = doc.source.encode("utf-8", "surrogatepass")
    return hashlib.blake2b(data, digest_size=8).hexdigest()


def section_key(sections: tuple[str, ...]) -> str:
    """The ``sections`` part of a chunk id: one address, ``first~last`` for merged siblings.

    Empty for the preamble (the id writes it ``0``, see :func:`chunk_id`).
    """
    return "~".join((sections[0], sections[-1])) if len(sections) > 1 else "".join(sections)


def chunk_id(doc_id: str, key: str, part: int) -> str:
    """The id of piece ``part`` (from 0) of the sections whose :func:`section_key` is ``key``."""
    return f"{doc_id}:{key or '0'}:{part}"
