"""Cut a document's body text into chunks for a search or RAG index.

Every chunk holds text of one section only (or of the preamble) and carries
the heading path that says where it stands, so an embedder sees context that
the text itself lacks and a hit can be shown under its headings.  A
section's heading goes into the heading path, never into the text: that way
no chunk repeats it, and the heading of a long section is not embedded once
per piece with a different weight each time.  Only merged siblings (see
``merge_siblings``) put their headings into the text, since the path can name
just their common parent.

Spans say exactly which source characters a chunk holds; across all chunks
they cover the body text (paragraphs and salutations, noise cut out) once,
with no gap and no overlap.  Text repeated from the previous piece
(``overlap``) is marked by ``overlap_chars`` and has no span.

The work is split by responsibility: ``cutting`` maps a block's text back
to the source and finds where a paragraph may be cut, ``packing`` fits the
pieces to the budget, ``ids`` makes the ids, and ``chunker`` walks the
sections and runs the rest.  This package only re-exports them, so
``speechparse.views.chunks`` keeps the names it had as one module.
"""

from speechparse.model.chunk import DEFAULT_MAX_CHARS, Chunk, EmbeddedChunk
from speechparse.views.chunks.chunker import _Chunker as _Chunker
from speechparse.views.chunks.chunker import chunk_document, iter_chunks
from speechparse.views.chunks.cutting import _body as _body
from speechparse.views.chunks.cutting import split_points
from speechparse.views.chunks.ids import document_id
from speechparse.views.chunks.packing import _atoms as _atoms
from speechparse.views.chunks.packing import _Lengths as _Lengths
from speechparse.views.chunks.packing import _pack as _pack

__all__ = [
    "DEFAULT_MAX_CHARS",
    "Chunk",
    "EmbeddedChunk",
    "chunk_document",
    "document_id",
    "iter_chunks",
    "split_points",
]
# The ``_name as _name`` imports are not public: tests/test_chunks.py checks the
# chunker's shortcuts against its general path through them, by the names the
# one-module chunks.py had.
