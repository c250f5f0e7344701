"""A chunk of body text with its heading path: what an index stores per piece.

The class is part of the model (``Document.chunks`` returns it and the CLI's
JSON Lines load back into it); how a document is cut into chunks is a view,
:mod:`speechparse.views.chunks`.
"""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict

from speechparse.model.nodes import Span

__all__ = ["DEFAULT_MAX_CHARS", "Chunk", "EmbeddedChunk"]


DEFAULT_MAX_CHARS = 800
"""Default chunk size in characters: about what a Chinese embedding model reads in 512 tokens."""


class Chunk(BaseModel):
    """A piece of one section's body text with the headings it stands under.

    What goes to an embedder is declared here once: :meth:`contextualize`
    (heading path, then text).  What goes beside it into an index as
    metadata is :attr:`METADATA_FIELDS`.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", use_attribute_docstrings=True)

    HEADING_SEPARATOR: ClassVar[str] = " › "
    """Joins the heading path in :meth:`contextualize`."""
    EMBED_FIELDS: ClassVar[tuple[str, ...]] = ("heading_path", "text")
    """The fields :meth:`contextualize` builds the embedder's input from."""
    METADATA_FIELDS: ClassVar[tuple[str, ...]] = (
        "id",
        "doc_id",
        "ordinal",
        "part",
        "sections",
        "heading_path",
        "level",
        "numbers",
        "spans",
        "char_count",
        "overlap_chars",
    )
    """Every field but ``text``: what an index stores beside the vector."""

    id: str
    """``{doc_id}:{sections}:{part}``; the same input and options give the same id."""
    doc_id: str
    """The document's id: a short hash of its source unless the caller gave one."""
    ordinal: int
    """Position among the document's chunks, from 0."""
    part: int
    """Position among the pieces of the same section (or merged group), from 0."""
    sections: tuple[str, ...]
    """Addresses (sibling positions, dotted: ``2.1``) of the sections whose body
    this chunk holds: one, several for merged siblings, none for the preamble.
    Positions rather than numbers, so a repeated number stays unique."""
    heading_path: tuple[str, ...]
    """Title, then marker and heading of each enclosing section, down to this
    chunk's own section (to the common parent for merged siblings)."""
    level: int
    """Level of the section(s) the text comes from; 0 for the preamble."""
    numbers: tuple[int | None, ...]
    """Numbers of the sections in ``heading_path`` (2, 3 for 二 › （三）); None
    where a marker's numeral could not be read."""
    text: str
    """Body text: paragraphs joined by line breaks, ``overlap_chars`` of
    repeated text in front; merged siblings put each heading line before its
    body.  A section's own heading is not repeated here."""
    spans: tuple[Span, ...]
    """Source pieces of the text (overlap excluded), in order, noise cut out."""
    char_count: int
    """``len(text)``, overlap included: never more than ``max_chars``."""
    overlap_chars: int = 0
    """How many leading characters of ``text`` repeat the previous piece's end."""

    def contextualize(self) -> str:
        """The embedder's input: heading path on the first line, then the text.

        A chunk without body text (a heading with nothing under it) gives
        just its heading path, so the heading still reaches the index.
        """
        head = self.HEADING_SEPARATOR.join(self.heading_path)
        if not head:
            return self.text
        return f"{head}\n{self.text}" if self.text else head

    def metadata(self) -> dict[str, Any]:
        """The :attr:`METADATA_FIELDS` as JSON-ready data."""
        return self.model_dump(mode="json", include=set(self.METADATA_FIELDS))


class EmbeddedChunk(Chunk):
    """A chunk with the embedder's input beside it, as ``--embed-text`` prints it.

    ``Chunk`` forbids unknown fields, so a line written with ``--embed-text``
    loads into this class (``EmbeddedChunk.model_validate_json(line)``).
    """

    embed_text: str
    """:meth:`Chunk.contextualize` of the chunk, written beside it."""
