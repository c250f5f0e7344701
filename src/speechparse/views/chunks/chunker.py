"""The driver: walk a document's sections and emit their chunks in document order.

This is where chunking meets the tree.  Each section's own paragraphs go
through packing (``packing.py``); the walk adds what only the tree knows:
the address, heading path and numbers of the section, which siblings may
share a merged chunk, the empty chunk of a section without text, and the
ids (``ids.py``).  :func:`chunk_document` and :func:`iter_chunks` check the
options and run it.

This module imports ``Document`` for type checking only, so that
``model/document.py`` can import it to delegate ``Document.chunks``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from speechparse.model.chunk import DEFAULT_MAX_CHARS, Chunk
from speechparse.model.nodes import Section, Span
from speechparse.model.trusted import trusted
from speechparse.views.chunks.ids import chunk_id, document_id, section_key
from speechparse.views.chunks.packing import _Packer, _Piece
from speechparse.views.query import heading_path, label

if TYPE_CHECKING:
    from speechparse.model.document import Document


@dataclass(slots=True)
class _Place:
    """Where a section stands, as its chunks say it: address, heading path, numbers.

    Built on the way down the tree, one step from the parent's, so that no
    chunk needs the section index to look up its chain of ancestors (that
    look-up was a fifth of chunking a document whose sections all fit).
    """

    address: str
    """Sibling positions, dotted (``2.1``); empty above the top level."""
    heading_path: tuple[str, ...]
    numbers: tuple[int | None, ...]

    def child(self, position: int, section: Section) -> _Place:
        """The place of ``section``, the ``position``-th (from 1) of this place's subsections."""
        return _Place(
            f"{self.address}.{position}" if self.address else str(position),
            (*self.heading_path, label(section)),
            (*self.numbers, section.number),
        )


class _Chunker(_Packer):
    """Walks the tree once, emitting chunks in document order."""

    def __init__(
        self,
        doc: Document,
        *,
        max_chars: int,
        overlap: int,
        min_chars: int,
        merge_siblings: bool,
        keep_empty: bool,
        doc_id: str,
    ) -> None:
        super().__init__(doc, max_chars=max_chars, overlap=overlap, min_chars=min_chars)
        self.merge_siblings = merge_siblings
        self.keep_empty = keep_empty
        self.doc_id = doc_id
        self.count = 0
        """Chunks emitted so far: the next one's ``ordinal``."""

    # emitting -----------------------------------------------------------

    def emit(
        self, pieces: list[_Piece], *, sections: tuple[str, ...], place: _Place, level: int
    ) -> Iterator[Chunk]:
        key = section_key(sections)
        for part, piece in enumerate(pieces):
            self.count += 1
            yield (
                trusted(
                    Chunk,
                    {
                        "id": chunk_id(self.doc_id, key, part),
                        "doc_id": self.doc_id,
                        "ordinal": self.count - 1,
                        "part": part,
                        "sections": sections,
                        "heading_path": place.heading_path,
                        "level": level,
                        "numbers": place.numbers,
                        "text": piece.text,
                        "spans": tuple(piece.spans),
                        "char_count": len(piece.text),
                        "overlap_chars": piece.overlap,
                    },
                )
            )

    def section(self, section: Section, place: _Place) -> Iterator[Chunk]:
        """The section's own body, then its subsections."""
        pieces = self.blocks(section.paragraphs)
        if not pieces and not section.children and self.keep_empty:
            pieces = [_Piece("", [])]
        yield from self.emit(pieces, sections=(place.address,), place=place, level=section.level)
        yield from self.siblings(section.children, place)

    def siblings(self, sections: Sequence[Section], parent: _Place) -> Iterator[Chunk]:
        if not self.merge_siblings:
            for k, s in enumerate(sections, 1):
                yield from self.section(s, parent.child(k, s))
            return
        run: list[tuple[Section, _Place, str, list[Span]]] = []
        run_len = 0
        for k, s in enumerate(sections, 1):
            place = parent.child(k, s)
            alone = self.merged_part(s) if not s.children else None
            if alone is None or len(alone[0]) > self.max_chars:
                yield from self.flush(run, parent)
                run, run_len = [], 0
                yield from self.section(s, place)
                continue
            text, spans = alone
            if run and run_len + 1 + len(text) > self.max_chars:
                yield from self.flush(run, parent)
                run, run_len = [], 0
            run_len += len(text) + (1 if run else 0)
            run.append((s, place, text, spans))
        yield from self.flush(run, parent)

    def flush(
        self, run: list[tuple[Section, _Place, str, list[Span]]], parent: _Place
    ) -> Iterator[Chunk]:
        if len(run) == 1:
            yield from self.section(run[0][0], run[0][1])
            return
        if not run:
            return
        spans: list[Span] = []
        for *_, more in run:
            spans.extend(more)
        yield from self.emit(
            [_Piece("\n".join(text for _, _, text, _ in run), spans)],
            sections=tuple(place.address for _, place, _, _ in run),
            place=parent,
            level=run[0][0].level,
        )

    def run(self) -> Iterator[Chunk]:
        top = _Place("", heading_path(self.doc, ()), ())
        pieces = self.blocks(self.doc.preamble)
        yield from self.emit(pieces, sections=(), place=top, level=0)
        if self.merge_siblings:
            yield from self.siblings(self.doc.sections, top)
        else:
            yield from self.walk(top)

    def walk(self, top: _Place) -> Iterator[Chunk]:
        """:meth:`siblings` of the top level without merging: every section in pre-order.

        Without merging, a section's chunks are its own body's, then its
        subsections' in turn, which is the pre-order of the tree; walking it
        with a stack and making each chunk here spares a generator per
        section and per level that every chunk was passed up through.
        """
        doc_id = self.doc_id
        keep_empty = self.keep_empty
        blocks = self.blocks
        ordinal = self.count
        # What :meth:`_Place.child` makes, as a tuple: address, heading path, numbers.
        stack: list[tuple[Section, str, tuple[str, ...], tuple[int | None, ...]]] = [
            (s, str(k), (*top.heading_path, label(s)), (s.number,))
            for k, s in reversed(list(enumerate(self.doc.sections, 1)))
        ]
        while stack:
            section, address, path, numbers = stack.pop()
            children = section.children
            if children:
                stack.extend(
                    (s, f"{address}.{k}", (*path, label(s)), (*numbers, s.number))
                    for k, s in reversed(list(enumerate(children, 1)))
                )
            pieces = blocks(section.paragraphs)
            if not pieces:
                if children or not keep_empty:
                    continue
                pieces = [_Piece("", [])]
            sections = (address,)
            level = section.level
            for part, piece in enumerate(pieces):
                text = piece.text
                yield trusted(
                    Chunk,
                    {
                        "id": chunk_id(doc_id, address, part),
                        "doc_id": doc_id,
                        "ordinal": ordinal,
                        "part": part,
                        "sections": sections,
                        "heading_path": path,
                        "level": level,
                        "numbers": numbers,
                        "text": text,
                        "spans": tuple(piece.spans),
                        "char_count": len(text),
                        "overlap_chars": piece.overlap,
                    },
                )
                ordinal += 1
                self.count = ordinal


def chunk_document(
    doc: Document,
    *,
    max_chars: int = DEFAULT_MAX_CHARS,
    overlap: int = 0,
    min_chars: int = 0,
    merge_siblings: bool = False,
    keep_empty: bool = True,
    doc_id: str | None = None,
) -> list[Chunk]:
    """The document's body text as chunks, in document order (see :func:`iter_chunks`)."""
    return list(
        iter_chunks(
            doc,
            max_chars=max_chars,
            overlap=overlap,
            min_chars=min_chars,
            merge_siblings=merge_siblings,
            keep_empty=keep_empty,
            doc_id=doc_id,
        )
    )


def iter_chunks(
    doc: Document,
    *,
    max_chars: int = DEFAULT_MAX_CHARS,
    overlap: int = 0,
    min_chars: int = 0,
    merge_siblings: bool = False,
    keep_empty: bool = True,
    doc_id: str | None = None,
) -> Iterator[Chunk]:
    """The document's body text as chunks, in document order, made one at a time.

    Only the chunk being made is held beside the document, so a caller that
    writes each as it comes (``speechparse chunks``) needs no memory for the
    list (:func:`chunk_document` is the list).  The options are checked at
    once, not when the first chunk is asked for.

    - No chunk crosses a section boundary; a section's own paragraphs form
      its chunks and its subsections get theirs, so parent text is never
      copied into a child's chunk.  The preamble gets heading path [title].
    - A section longer than ``max_chars`` is cut between paragraphs; a
      paragraph longer than a piece between sentences (。！？；); a sentence
      longer than a piece between quoted sentences, then after commas, and
      only then at ``max_chars`` exactly.
    - ``overlap`` characters of the previous piece of the same section are
      repeated in front (``overlap_chars``); they count toward ``max_chars``.
    - ``min_chars``: pieces shorter than this are merged with or topped up
      from a neighbour of the same section where that fits (best effort).
    - ``merge_siblings``: consecutive sibling sections without subsections
      share a chunk while it stays within ``max_chars``, each with its
      heading line in the text.
    - ``keep_empty``: a section with neither text nor subsections still
      gives a chunk (empty text) so its heading reaches the index.
    - Trailer and noise never appear; titles, subtitles and bylines only in
      the heading path.
    """
    if max_chars < 1:
        raise ValueError(f"max_chars must be at least 1, not {max_chars}")
    if not 0 <= overlap < max_chars:
        raise ValueError(f"overlap must be at least 0 and less than max_chars, not {overlap}")
    if min_chars < 0:
        raise ValueError(f"min_chars must not be negative, not {min_chars}")
    if doc_id is not None and not isinstance(doc_id, str):
        # Chunks are built without validation (model/trusted.py): check it here.
        raise TypeError(f"doc_id must be str, not {type(doc_id).__name__}")
    return _Chunker(
        doc,
        max_chars=max_chars,
        overlap=overlap,
        min_chars=min_chars,
        merge_siblings=merge_siblings,
        keep_empty=keep_empty,
        doc_id=doc_id if doc_id is not None else document_id(doc),
    ).run()
