"""Map the grammar's rules to our model classes while lark parses.

One method per grammar rule, named after it (a test checks that every rule has
one).  Lark calls them bottom-up with the rule's children: tokens whose value
is a lexer piece, or what a method below returned.  Building inside the parse
avoids a second walk over a lark Tree that nobody outside needs.

Nodes are made with their validating constructors: measured, that is as fast
as ``model_construct`` (which does its bookkeeping in Python) and keeps every
node checked.
"""

from __future__ import annotations

from typing import Any, NamedTuple, cast

from lark import Token, Transformer

from speechparse.model.nodes import (
    Block,
    Byline,
    Paragraph,
    Point,
    Salutation,
    Section,
    Subtitle,
    Title,
    TrailerBlock,
    TrailerKind,
)
from speechparse.patterns import SUBTITLE, TITLE_GENRE_SEPARATOR
from speechparse.tokens import BodyPiece, HeadingPiece, TextPiece

__all__ = ["Body", "Builder"]


class Body(NamedTuple):
    """What the grammar describes; the API adds source, noise and diagnostics."""

    title: Title | None
    preamble: tuple[Block, ...]
    sections: tuple[Section, ...]
    trailer: tuple[TrailerBlock, ...]


def _block(piece: TextPiece) -> Block:
    span = (piece.start, piece.end)
    if piece.kind == "SALUTATION":
        return Salutation(text=piece.text, span=span)
    points = tuple(
        Point(marker=p.marker, number=p.number, span=(p.start, p.end)) for p in piece.points
    )
    return Paragraph(text=piece.text, span=span, points=points)


def _blocks(body: BodyPiece) -> tuple[Block, ...]:
    return tuple(_block(piece) for piece in body.pieces)


def _split_genre(text: str) -> tuple[str | None, str | None]:
    """``体裁：正标题`` → (体裁, 正标题); a colon too far in is part of the title."""
    m = TITLE_GENRE_SEPARATOR.search(text)
    if m is None or not 2 <= m.start() <= 30:
        return None, None
    genre, main = text[: m.start()].strip(), text[m.end() :].strip()
    return (genre, main) if main else (None, None)


class Builder(Transformer[Token, Any]):
    """Rule callbacks: each returns model objects for its part of the document."""

    def start(self, children: list[Any]) -> Body:
        """The whole document: optional front matter, preamble, sections, trailer."""
        title: Title | None = None
        preamble: tuple[Block, ...] = ()
        sections: list[Section] = []
        trailer: tuple[TrailerBlock, ...] = ()
        for child in children:
            if isinstance(child, Title):
                title = child
            elif isinstance(child, Section):
                sections.append(child)
            elif isinstance(child, _Preamble):
                preamble = child.blocks
            elif isinstance(child, _Trailer):
                trailer = child.blocks
        return Body(title, preamble, tuple(sections), trailer)

    def front(self, children: list[Token]) -> Title:
        """The title line, an optional subtitle and any bylines under them."""
        head: TextPiece = children[0].value
        subtitle: Subtitle | None = None
        bylines: list[Byline] = []
        for tok in children[1:]:
            piece: TextPiece = tok.value
            span = (piece.start, piece.end)
            if tok.type == "SUBTITLE":
                m = SUBTITLE.match(piece.text)
                dash = m.group() if m else ""
                subtitle = Subtitle(text=piece.text[len(dash) :].strip(), dash=dash, span=span)
            else:
                bylines.append(Byline(text=piece.text, span=span))
        genre, main = _split_genre(head.text)
        return Title(
            text=head.text,
            span=(head.start, head.end),
            genre=genre,
            main=main,
            subtitle=subtitle,
            bylines=tuple(bylines),
        )

    def preamble(self, children: list[Token]) -> _Preamble:
        """Paragraphs and salutations before the first section."""
        return _Preamble(_blocks(children[0].value) if children else ())

    def _section(self, children: list[Any]) -> Section:
        head: HeadingPiece = children[0].value
        blocks: list[Block] = []
        subsections: list[Section] = []
        for child in children[1:]:
            if isinstance(child, Section):
                subsections.append(child)
            else:
                blocks.extend(_blocks(child.value))
        last = (
            subsections[-1].span[1]
            if subsections
            else (blocks[-1].span[1] if blocks else head.heading_span[1])
        )
        return Section(
            level=head.level,
            style=head.style,
            number=head.number,
            marker=head.marker,
            marker_span=head.marker_span,
            heading=head.heading,
            heading_span=head.heading_span,
            run_in=head.run_in,
            paragraphs=tuple(blocks),
            children=tuple(subsections),
            span=(head.marker_span[0], max(last, head.marker_span[1])),
        )

    section_1 = section_2 = section_3 = section_4 = section_5 = section_6 = _section

    def trailer(self, children: list[Token]) -> _Trailer:
        """Closing words, signature, date and advertising after the speech."""
        return _Trailer(
            tuple(
                TrailerBlock(
                    kind=cast(TrailerKind, tok.type.lower()),
                    text=tok.value.text,
                    span=(tok.value.start, tok.value.end),
                )
                for tok in children
            )
        )


class _Preamble(NamedTuple):
    blocks: tuple[Block, ...]


class _Trailer(NamedTuple):
    blocks: tuple[TrailerBlock, ...]
