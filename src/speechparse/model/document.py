"""The root of the tree and the views users ask of it.

``Document`` keeps the decoded ``source`` so every span can be checked by
slicing, and so the ``source`` rendering is lossless; the outline and the
renderings are computed from the tree on demand.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any, Literal, Protocol, TypeVar, overload

from pydantic import BaseModel, ConfigDict

from speechparse.lexicon.chars import WHITESPACE
from speechparse.model.chunk import DEFAULT_MAX_CHARS, Chunk
from speechparse.model.nodes import (
    AnyNode,
    Block,
    Diagnostic,
    Mask,
    Node,
    Noise,
    Section,
    Span,
    Title,
    TrailerBlock,
)
from speechparse.model.origin import TEXT_INPUT, InputInfo
from speechparse.model.section_index import SectionIndex
from speechparse.model.spans import subtract_spans

_BLANK = WHITESPACE + "\r\n"
"""What stands between leaves: indentation, blank lines and line breaks."""

__all__ = ["SCHEMA_VERSION", "Document", "Leaf"]

N = TypeVar("N", bound=Node)

_INDEX_KEY = "_speechparse_section_index"
"""Where :meth:`Document.section_index` keeps its cache in the instance ``__dict__``."""

SCHEMA_VERSION: Literal["1.0"] = "1.0"
"""Version of the document JSON contract; bump the major part on breaking changes."""

Leaf = tuple[str, Span]
"""A piece of the source that belongs to exactly one thing: (what, span)."""


class Pattern(Protocol):
    """Anything with a ``search`` method: a compiled ``re`` or ``regex`` pattern."""

    def search(self, string: str, /) -> object:
        """A match object when the pattern occurs in ``string``, else None."""


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
    input: InputInfo = TEXT_INPUT
    """The input's format (text, docx, html, pdf) and what it recorded beyond the text."""

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
        source = self.source
        for what, (start, end) in raw:
            for piece in subtract_spans(start, end, holes):
                # Noise inside a node can leave nothing but white space between
                # its pieces (the line break of a two-line title between two
                # paywall markers): that is blank, not a piece of the node.
                if source[piece[0] : piece[1]].strip(_BLANK):
                    out.append((what, piece))
        out.sort(key=lambda leaf: leaf[1])
        return out

    # -- views -----------------------------------------------------------

    def outline(self) -> dict[str, Any]:
        """The outline JSON contract (see docs/outline.md) as a dict."""
        from speechparse.views.outline import outline  # noqa: PLC0415 - render imports model

        return outline(self)

    def to_text(self) -> str:
        """Clean text: title, headings and paragraphs, without noise or trailer."""
        from speechparse.views.text import TextRenderer  # noqa: PLC0415 - render imports model

        return TextRenderer().render(self)

    def to_markdown(self) -> str:
        """Markdown with one heading level per section level."""
        from speechparse.views.markdown import MarkdownRenderer  # noqa: PLC0415 - render imports model

        return MarkdownRenderer().render(self)

    def to_source(self) -> str:
        """The input text exactly as decoded."""
        return self.source

    # -- queries (speechparse.views.query) and chunks (speechparse.views.chunks) -------
    # Thin delegates: the logic lives in those modules so this class stays
    # the data contract.

    def walk(self, *, noise: bool = False) -> Iterator[AnyNode]:
        """Every node in document order, noise interleaved by position on request.

        Title, subtitle, bylines, preamble blocks, each section followed by
        its paragraphs (each followed by its points) and subsections, then
        the trailer.
        """
        from speechparse.views import query as _query  # noqa: PLC0415 - views import the model

        return _query.walk(self, noise=noise)

    @overload
    def find_all(
        self,
        kind: type[N],
        *,
        level: int | None = None,
        number: int | None = None,
        marker: str | None = None,
        heading: str | Pattern | None = None,
        text: str | Pattern | None = None,
        where: Callable[[AnyNode], bool] | None = None,
        noise: bool = False,
    ) -> list[N]: ...
    @overload
    def find_all(
        self,
        kind: str | None = None,
        *,
        level: int | None = None,
        number: int | None = None,
        marker: str | None = None,
        heading: str | Pattern | None = None,
        text: str | Pattern | None = None,
        where: Callable[[AnyNode], bool] | None = None,
        noise: bool = False,
    ) -> list[AnyNode]: ...
    def find_all(
        self,
        kind: type[Node] | str | None = None,
        *,
        level: int | None = None,
        number: int | None = None,
        marker: str | None = None,
        heading: str | Pattern | None = None,
        text: str | Pattern | None = None,
        where: Callable[[AnyNode], bool] | None = None,
        noise: bool = False,
    ) -> list[Any]:
        """Nodes matching every criterion given, in document order.

        None means "don't care".  ``kind`` is a kind string (``"section"``,
        ``"closing"``, ``"paywall"`` …) or a node class, which also types the
        result (``doc.find_all(Section, level=2)`` is a ``list[Section]``).
        Section criteria (``level``, ``number``, ``marker``, ``heading``) limit
        the search to sections; a ``str`` must equal the field, a compiled
        pattern must be found in it.  See :func:`speechparse.views.query.iter_find`.
        """
        from speechparse.views import query as _query  # noqa: PLC0415 - views import the model

        return list(
            _query.iter_find(
                self,
                kind,
                level=level,
                number=number,
                marker=marker,
                heading=heading,
                text=text,
                where=where,
                noise=noise,
            )
        )

    @overload
    def find(
        self,
        kind: type[N],
        *,
        level: int | None = None,
        number: int | None = None,
        marker: str | None = None,
        heading: str | Pattern | None = None,
        text: str | Pattern | None = None,
        where: Callable[[AnyNode], bool] | None = None,
        noise: bool = False,
    ) -> N | None: ...
    @overload
    def find(
        self,
        kind: str | None = None,
        *,
        level: int | None = None,
        number: int | None = None,
        marker: str | None = None,
        heading: str | Pattern | None = None,
        text: str | Pattern | None = None,
        where: Callable[[AnyNode], bool] | None = None,
        noise: bool = False,
    ) -> AnyNode | None: ...
    def find(
        self,
        kind: type[Node] | str | None = None,
        *,
        level: int | None = None,
        number: int | None = None,
        marker: str | None = None,
        heading: str | Pattern | None = None,
        text: str | Pattern | None = None,
        where: Callable[[AnyNode], bool] | None = None,
        noise: bool = False,
    ) -> Any:
        """The first node :meth:`find_all` would return, or None; stops at the first hit."""
        from speechparse.views import query as _query  # noqa: PLC0415 - views import the model

        found = _query.iter_find(
            self,
            kind,
            level=level,
            number=number,
            marker=marker,
            heading=heading,
            text=text,
            where=where,
            noise=noise,
        )
        return next(found, None)

    def select(self, path: str | Sequence[str | int]) -> Section | None:
        """The section a path of markers or numbers names (``"二/（三）/2"``, ``(2, 3, 2)``).

        Steps match the normalised marker (``三`` finds ``三、`` and ``（三）``)
        or, failing that, the number.  None when nothing matches; the first
        match when the document repeats a number (see :meth:`select_all`).
        """
        from speechparse.views import query as _query  # noqa: PLC0415 - views import the model

        hits = _query.select_all(self, path)
        return hits[0] if hits else None

    def select_all(self, path: str | Sequence[str | int]) -> list[Section]:
        """Every section the path names: more than one only where numbers repeat."""
        from speechparse.views import query as _query  # noqa: PLC0415 - views import the model

        return _query.select_all(self, path)

    def section_index(self) -> SectionIndex:
        """Parents, paths and start offsets of all sections, built once and kept.

        Nodes have no parent pointer (the JSON stays a plain tree), so this
        index answers the questions that need one.  It is stored outside the
        model fields: it never appears in a dump and does not affect equality.
        """
        index = self.__dict__.get(_INDEX_KEY)
        if not isinstance(index, SectionIndex) or index.roots is not self.sections:
            # A model_copy(update=...) copies the cache with the fields; the
            # identity check catches one whose sections were replaced.
            index = SectionIndex(self.sections)
            self.__dict__[_INDEX_KEY] = index
        return index

    def path_of(self, section: Section) -> tuple[Section, ...]:
        """The section's ancestors from the top level down, ending with the section itself.

        Raises ValueError when the section is not part of this document.
        """
        return self.section_index().path_of(section)

    def parent_of(self, section: Section) -> Section | None:
        """The section that holds ``section``, None for a top-level one."""
        return self.section_index().parent_of(section)

    def heading_path(self, section: Section | None = None) -> tuple[str, ...]:
        """Title, then marker and heading of each ancestor and of the section.

        ``("主题党日交流发言：…", "一、坚定理想信念…", "（二）想远一步")``; just the
        title (or nothing) for None, which is where the preamble stands.
        """
        from speechparse.views import query as _query  # noqa: PLC0415 - views import the model

        return _query.heading_path(self, self.path_of(section) if section is not None else ())

    def section_at(self, offset: int) -> Section | None:
        """The innermost section whose span holds the source offset; a binary search."""
        return self.section_index().section_at(offset)

    def chunks(
        self,
        *,
        max_chars: int = DEFAULT_MAX_CHARS,
        overlap: int = 0,
        min_chars: int = 0,
        merge_siblings: bool = False,
        keep_empty: bool = True,
        doc_id: str | None = None,
    ) -> list[Chunk]:
        """Body text cut into chunks for an index, each with its heading path.

        See :func:`speechparse.views.chunks.chunk_document` and docs/chunks.md for
        the rules (no chunk crosses a section; overlap stays inside one).
        """
        from speechparse.views import chunks as _chunks  # noqa: PLC0415 - views import the model

        return _chunks.chunk_document(
            self,
            max_chars=max_chars,
            overlap=overlap,
            min_chars=min_chars,
            merge_siblings=merge_siblings,
            keep_empty=keep_empty,
            doc_id=doc_id,
        )
