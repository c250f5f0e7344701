"""The root of the tree and the views users ask of it.

``Document`` keeps the decoded ``source`` so every span can be checked by
slicing, and so the ``source`` rendering is lossless; the outline and the
renderings are computed from the tree on demand.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from speechparse.model.nodes import (
    Block,
    Diagnostic,
    Mask,
    Noise,
    Section,
    Span,
    Title,
    TrailerBlock,
)

__all__ = ["SCHEMA_VERSION", "Document", "Leaf"]

SCHEMA_VERSION: Literal["1.0"] = "1.0"
"""Version of the document JSON contract; bump the major part on breaking changes."""

Leaf = tuple[str, Span]
"""A piece of the source that belongs to exactly one thing: (what, span)."""


class Document(BaseModel):
    """A parsed document: front matter, preamble, sections, trailer and noise."""

    model_config = ConfigDict(frozen=True, extra="forbid", use_attribute_docstrings=True)

    schema_name: Literal["speechparse.document"] = "speechparse.document"
    """Names the JSON contract so stored dumps can be recognised."""
    version: Literal["1.0"] = SCHEMA_VERSION
    """Version of that contract."""
    encoding: str
    """How the input was decoded (utf-8, utf-8-sig, gb18030, utf-16-le, …; str for text)."""
    source: str
    """The decoded input, unchanged; spans index into it."""
    title: Title | None
    """The document's own title with subtitle and bylines, or None when it has none."""
    preamble: tuple[Block, ...]
    """Salutation and paragraphs before the first numbered section."""
    sections: tuple[Section, ...]
    """Top-level sections; each nests its subsections in ``children``."""
    trailer: tuple[TrailerBlock, ...]
    """Closing words, signature, date and advertising after the speech."""
    noise: tuple[Noise, ...]
    """Paywall markers, page numbers, ad and URL lines, wherever they stood."""
    diagnostics: tuple[Diagnostic, ...]
    """Irregularities the parser worked around, in source order."""
    masks: tuple[Mask, ...] = ()
    """Masked characters and placeholders (D for 党, XX, ×××), in source order."""
    unmasked: bool = False
    """True when clean text fields have known masks restored (``unmask=True``)."""

    # -- traversal -------------------------------------------------------

    def iter_sections(self) -> Iterator[Section]:
        """Every section, depth first, in document order."""
        stack = list(reversed(self.sections))
        while stack:
            section = stack.pop()
            yield section
            stack.extend(reversed(section.children))

    def leaves(self) -> list[Leaf]:
        """Pieces of the source that belong to a node, sorted, noise cut out.

        Together with the white space between them they partition the source:
        the property tests check that no two overlap and that nothing but
        white space is left over.
        """
        raw: list[Leaf] = []
        if self.title is not None:
            raw.append(("title", self.title.span))
            if self.title.subtitle is not None:
                raw.append(("subtitle", self.title.subtitle.span))
            raw.extend(("byline", b.span) for b in self.title.bylines)
        raw.extend((b.kind, b.span) for b in self.preamble)
        for section in self.iter_sections():
            raw.append(("marker", section.marker_span))
            if section.heading_span[1] > section.heading_span[0]:
                raw.append(("heading", section.heading_span))
            raw.extend((b.kind, b.span) for b in section.paragraphs)
        raw.extend((f"trailer:{t.kind}", t.span) for t in self.trailer)
        holes = sorted(n.span for n in self.noise)
        out: list[Leaf] = [(f"noise:{n.kind}", n.span) for n in self.noise]
        for what, (start, end) in raw:
            out.extend((what, piece) for piece in _subtract(start, end, holes))
        out.sort(key=lambda leaf: leaf[1])
        return out

    # -- views -----------------------------------------------------------

    def outline(self) -> dict[str, Any]:
        """The outline JSON contract (see docs/outline.md) as a dict."""
        from speechparse.render.outline import outline  # noqa: PLC0415 - render imports model

        return outline(self)

    def to_text(self) -> str:
        """Clean text: title, headings and paragraphs, without noise or trailer."""
        from speechparse.render.text import TextRenderer  # noqa: PLC0415 - render imports model

        return TextRenderer().render(self)

    def to_markdown(self) -> str:
        """Markdown with one heading level per section level."""
        from speechparse.render.markdown import MarkdownRenderer  # noqa: PLC0415 - render imports model

        return MarkdownRenderer().render(self)

    def to_source(self) -> str:
        """The input text exactly as decoded."""
        return self.source


def _subtract(start: int, end: int, holes: list[Span]) -> Iterator[Span]:
    """``[start, end)`` minus the (sorted, disjoint) holes, as non-empty pieces."""
    cursor = start
    i = bisect_left(holes, (start, -1))
    if i > 0 and holes[i - 1][1] > start:
        i -= 1
    while i < len(holes) and holes[i][0] < end:
        hs, he = holes[i]
        if hs > cursor:
            yield (cursor, hs)
        cursor = max(cursor, he)
        i += 1
    if cursor < end:
        yield (cursor, end)
