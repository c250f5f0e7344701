"""What the lexer hands the parser: the line tokens, which lark takes as they are.

Each piece has the ``type`` lark dispatches on (the grammar's terminal), so
the list goes to lark without wrapping every piece in a ``lark.Token`` (a
``str`` subclass that would copy the value into a string).  Paragraphs and
salutations are made as model nodes right here and travel inside one BODY
piece per run: the grammar sees one token for a run of paragraphs, and no
intermediate object is built per line.

Plain slotted dataclasses, not pydantic models: they live only for one parse.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from speechparse.lexicon.numerals import to_int
from speechparse.lexicon.points import POINT_AFTER, POINT_AT_START, POINT_FIRST, match_point_label
from speechparse.model.nodes import Block, Diagnostic, Paragraph, Point, Salutation
from speechparse.model.trusted import trusted_maker
from speechparse.reading.content import Content
from speechparse.reading.noise import NoiseSpan

__all__ = [
    "BodyPiece",
    "HeadingPiece",
    "LexResult",
    "Piece",
    "TextPiece",
    "TitleCandidate",
    "paragraph",
    "points",
    "salutation",
    "text_piece",
]


class _LarkToken:
    """The attributes lark reads from a token besides ``type``.

    Lark copies the last token's position into its end-of-input token and
    into error messages; line tokens have no line/column of their own.
    """

    __slots__ = ()
    start_pos = line = column = end_line = end_column = end_pos = None


@dataclass(slots=True)
class TextPiece(_LarkToken):
    """A title, subtitle, byline or trailer line."""

    type: str
    start: int
    end: int
    text: str


@dataclass(slots=True)
class HeadingPiece(_LarkToken):
    """A heading token's payload: the marker and the heading, located."""

    type: str
    """The grammar terminal: H1 … H6."""
    level: int
    style: str
    number: int | None
    marker: str
    marker_span: tuple[int, int]
    heading: str
    heading_span: tuple[int, int]
    run_in: bool


@dataclass(slots=True)
class BodyPiece(_LarkToken):
    """Consecutive paragraphs and salutations, handed to the parser as one token."""

    blocks: list[Block]
    type: str = "BODY"


Piece = TextPiece | HeadingPiece | BodyPiece


@dataclass(frozen=True, slots=True)
class TitleCandidate:
    """A line the title stage weighed, with the signals behind its score.

    Kept on the lex result so that the explain view can show why a title was
    chosen (or why none was); the parse itself only needs the winner.
    """

    start: int
    end: int
    text: str
    score: float
    signals: tuple[str, ...]
    """Each signal as ``name±weight`` (``genre+3``, ``furniture-5``), in the order weighed."""
    chosen: bool


@dataclass(slots=True)
class LexResult:
    """Tokens for the parser plus what is kept beside the tree."""

    pieces: list[Piece] = field(default_factory=list)
    noise: list[NoiseSpan] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    title_candidates: list[TitleCandidate] = field(default_factory=list)

    def block(self, node: Block) -> None:
        """Add a paragraph or salutation to the BODY run at the end (open one if needed)."""
        pieces = self.pieces
        if pieces and pieces[-1].type == "BODY":
            pieces[-1].blocks.append(node)  # type: ignore[union-attr]
        else:
            pieces.append(BodyPiece([node]))


def text_piece(kind: str, c: Content) -> TextPiece:
    """A front-matter or trailer token for the whole of ``c``."""
    return TextPiece(kind, c.start, c.end, c.text)


def salutation(c: Content) -> Salutation:
    """The salutation node for the whole of ``c``."""
    return _salutation({"span": (c.start, c.end), "kind": "salutation", "text": c.text})


def paragraph(c: Content, lo: int = 0) -> Paragraph:
    """The paragraph node for ``c.text[lo:]``, with the points it holds located."""
    if lo:
        text = c.text[lo:]
        span = (c.pos(lo), c.end)
    else:
        text = c.text
        span = (c.start if c.breaks is None else c.pos(0), c.end)
    return _paragraph(
        {"span": span, "kind": "paragraph", "text": text, "points": points(c, lo, text)}
    )


def points(c: Content, lo: int, text: str) -> tuple[Point, ...]:
    """Points in ``text`` (which starts at ``c.text[lo]``), located in the source.

    A point counts at the start of the paragraph or right after a
    POINT_BEFORE character: the one at the start is tried only when the
    paragraph opens with a POINT_FIRST character, the others are found by a
    single scan for a POINT_BEFORE character followed by a point
    (POINT_AFTER), so a paragraph without points costs one ``finditer``.
    """
    if not text:
        return ()
    found: list[Point] = []
    label = match_point_label(text)
    if label is not None:
        found.append(_point(c, lo, label.span(), label.group(), to_int(label["num3"])))
    if text[0] in POINT_FIRST:
        m = POINT_AT_START.match(text)
        if m is not None:
            found.append(_point_of(c, lo, m, m.start(), m.end()))
    m = POINT_AFTER.search(text)
    if m is None:  # most paragraphs: one search, no iterator
        return tuple(found) if found else ()
    while m is not None:
        found.append(_point_of(c, lo, m, m.start() + 1, m.end()))
        m = POINT_AFTER.search(text, m.end())
    return tuple(found)


def _point_of(c: Content, lo: int, m: re.Match[str], start: int, end: int) -> Point:
    """The point POINT matched in ``m`` over ``text[start:end]``."""
    word = m["word"]
    if word is not None:
        return _point(c, lo, (start, end), word, _WORD_ORDINALS.get(word))
    return _point(c, lo, (start, end), m.string[start:end], to_int(m["num"] or m["num2"]))


def _point(c: Content, lo: int, span: tuple[int, int], marker: str, number: int | None) -> Point:
    return _point_node(
        {
            "span": c.span(lo + span[0], lo + span[1]),
            "kind": "point",
            "marker": marker,
            "number": number,
        }
    )


_paragraph = trusted_maker(Paragraph)
_salutation = trusted_maker(Salutation)
_point_node = trusted_maker(Point)

_WORD_ORDINALS = {"首先": 1, "其次": 2, "再次": 3, "其三": 3}
"""最后 has no fixed number."""
