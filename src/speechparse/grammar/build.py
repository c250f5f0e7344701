"""Map the grammar's rules to our model classes while the LALR table is driven.

One method per grammar rule, named after it (a test checks that every rule has
one).  The parser (grammar.py) calls them bottom-up on each reduction with the
rule's children, exactly as lark's tree builder would: the lexer's pieces
(tokens.py) or what a method below returned.  Building inside the parse
avoids a second walk over a lark Tree that nobody outside needs.

Nodes are made with :func:`speechparse.model.trusted.trusted`: the values come
from the lexer, already of the declared types, and the tests re-validate every
document the parser makes.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from speechparse.lexicon.chars import WHITESPACE
from speechparse.lexicon.line_patterns import SUBTITLE, TITLE_GENRE_SEPARATOR
from speechparse.model.nodes import (
    Block,
    Byline,
    Section,
    Subtitle,
    Title,
    TrailerBlock,
)
from speechparse.model.trusted import trusted, trusted_maker
from speechparse.structure.tokens import BodyPiece, HeadingPiece, TextPiece

__all__ = ["Body", "Builder"]


class Body(NamedTuple):
    """What the grammar describes; the API adds source, noise and diagnostics."""

    title: Title | None
    preamble: tuple[Block, ...]
    sections: tuple[Section, ...]
    trailer: tuple[TrailerBlock, ...]


_TRIM = "".join(sorted({*WHITESPACE, *(c for c in map(chr, range(0x3001)) if c.isspace())}))
"""Trimmed off a title's parts: Python's white space and the document's (U+200B, U+FEFF)."""


def _split_genre(text: str) -> tuple[str | None, str | None]:
    """``体裁：正标题`` → (体裁, 正标题); a colon too far in is part of the title.

    Both parts must hold more than white space: ``\ufeff：正标题`` has no genre.
    """
    if "：" not in text and ":" not in text:
        return None, None  # no separator (most titles): no regex call
    m = TITLE_GENRE_SEPARATOR.search(text)
    if m is None or not 2 <= m.start() <= 30:
        return None, None
    genre, main = text[: m.start()].strip(_TRIM), text[m.end() :].strip(_TRIM)
    return (genre, main) if genre and main else (None, None)


class Builder:
    """Rule callbacks: each returns model objects for its part of the document.

    A plain class: lark's ``Transformer`` base only added a tree walk and a
    ``Tree``-making default that no rule here needs (the parser refuses a
    rule without a method).  Lark takes it as ``transformer=`` all the same.
    """

    def start(self, children: list[Any]) -> Body:
        """The whole document: optional front matter, preamble, sections, trailer."""
        title: Title | None = None
        preamble: tuple[Block, ...] = ()
        sections: list[Section] = []
        trailer: tuple[TrailerBlock, ...] = ()
        for child in children:
            kind = type(child)  # the builder's own classes, never subclassed
            if kind is Section:
                sections.append(child)
            elif kind is Title:
                title = child
            elif kind is _Preamble:
                preamble = child.blocks
            elif kind is _Trailer:
                trailer = child.blocks
        return Body(title, preamble, tuple(sections), trailer)

    def front(self, children: list[TextPiece]) -> Title:
        """The title line, an optional subtitle and any bylines under them."""
        head = children[0]
        subtitle: Subtitle | None = None
        bylines: list[Byline] = []
        for piece in children[1:]:
            span = (piece.start, piece.end)
            if piece.type == "SUBTITLE":
                m = SUBTITLE.match(piece.text)
                dash = m.group() if m else ""
                subtitle = trusted(
                    Subtitle,
                    {
                        "span": span,
                        "kind": "subtitle",
                        # Only the document's white space: the span keeps a
                        # U+2028 after the dash, so the text keeps it too.
                        "text": piece.text[len(dash) :].strip(WHITESPACE),
                        "dash": dash,
                    },
                )
            else:
                bylines.append(
                    trusted(Byline, {"span": span, "kind": "byline", "text": piece.text})
                )
        genre, main = _split_genre(head.text)
        return trusted(
            Title,
            {
                "span": (head.start, head.end),
                "kind": "title",
                "text": head.text,
                "genre": genre,
                "main": main,
                "subtitle": subtitle,
                "bylines": tuple(bylines),
            },
        )

    def preamble(self, children: list[BodyPiece]) -> _Preamble:
        """Paragraphs and salutations before the first section."""
        return _Preamble(tuple(children[0].blocks) if children else ())

    def _section(self, children: list[Any]) -> Section:
        # children: the heading, the BODY piece if any, then the subsections
        # (``section_n: Hn BODY? section_m*``): no loop needed to tell them apart.
        head: HeadingPiece = children[0]
        if len(children) > 1 and type(children[1]) is BodyPiece:
            blocks: tuple[Block, ...] = tuple(children[1].blocks)
            subsections: tuple[Section, ...] = tuple(children[2:])
        else:
            blocks = ()
            subsections = tuple(children[1:])
        marker_span = head.marker_span
        last = (
            subsections[-1].span[1]
            if subsections
            else (blocks[-1].span[1] if blocks else head.heading_span[1])
        )
        return _section_node(
            {
                "span": (marker_span[0], max(last, marker_span[1])),
                "kind": "section",
                "level": head.level,
                "style": head.style,
                "number": head.number,
                "marker": head.marker,
                "marker_span": marker_span,
                "heading": head.heading,
                "heading_span": head.heading_span,
                "run_in": head.run_in,
                "paragraphs": blocks,
                "children": subsections,
            }
        )

    section_1 = section_2 = section_3 = section_4 = section_5 = section_6 = _section

    def trailer(self, children: list[TextPiece]) -> _Trailer:
        """Closing words, signature, date and advertising after the speech."""
        return _Trailer(
            tuple(
                trusted(
                    TrailerBlock,
                    {
                        "span": (piece.start, piece.end),
                        "kind": piece.type.lower(),
                        "text": piece.text,
                    },
                )
                for piece in children
            )
        )


_section_node = trusted_maker(Section)


class _Preamble(NamedTuple):
    blocks: tuple[Block, ...]


class _Trailer(NamedTuple):
    blocks: tuple[TrailerBlock, ...]
