"""What the lexer hands the parser: one payload per line token.

Plain dataclasses, not pydantic models: they live only for one parse, and
building them must be cheap.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from speechparse.content import Content
from speechparse.model.nodes import Diagnostic
from speechparse.noise import NoiseSpan
from speechparse.numerals import to_int
from speechparse.patterns import POINT, POINT_BEFORE, POINT_LABEL

__all__ = [
    "BodyPiece",
    "HeadingPiece",
    "LexResult",
    "Piece",
    "Point",
    "TextPiece",
    "group_body",
    "text_piece",
]


@dataclass(frozen=True, slots=True)
class Point:
    """An ordinal inside a paragraph (一是, 第二，, 首先): where and which."""

    marker: str
    number: int | None
    start: int
    end: int


@dataclass(slots=True)
class TextPiece:
    """A token's payload for every line kind but headings."""

    kind: str
    start: int
    end: int
    text: str
    points: tuple[Point, ...] = ()

    def __str__(self) -> str:
        # lark's Token is a str built from its value: keep that conversion cheap.
        return self.kind


@dataclass(slots=True)
class HeadingPiece:
    """A heading token's payload: the marker and the heading, located."""

    level: int
    style: str
    number: int | None
    marker: str
    marker_span: tuple[int, int]
    heading: str
    heading_span: tuple[int, int]
    run_in: bool

    @property
    def kind(self) -> str:
        """The grammar terminal for this heading."""
        return f"H{self.level}"

    def __str__(self) -> str:
        # lark's Token is a str built from its value: keep that conversion cheap.
        return self.marker


@dataclass(slots=True)
class BodyPiece:
    """Consecutive TEXT and SALUTATION pieces, handed to the parser as one token."""

    pieces: list[TextPiece]
    kind: str = "BODY"

    def __str__(self) -> str:
        return self.kind


Piece = TextPiece | HeadingPiece | BodyPiece


def group_body(pieces: list[Piece]) -> list[Piece]:
    """Merge each run of TEXT and SALUTATION pieces into one BODY piece."""
    out: list[Piece] = []
    run: list[TextPiece] = []
    for piece in pieces:
        if isinstance(piece, TextPiece) and piece.kind in {"TEXT", "SALUTATION"}:
            run.append(piece)
            continue
        if run:
            out.append(BodyPiece(run))
            run = []
        out.append(piece)
    if run:
        out.append(BodyPiece(run))
    return out


@dataclass(slots=True)
class LexResult:
    """Tokens for the parser plus what is kept beside the tree."""

    pieces: list[Piece] = field(default_factory=list)
    noise: list[NoiseSpan] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)


def text_piece(kind: str, c: Content, lo: int = 0, hi: int | None = None) -> TextPiece:
    """A text token for ``c.text[lo:hi]``, with the points it holds located."""
    hi = len(c.text) if hi is None else hi
    text = c.text[lo:hi]
    points = _points(c, lo, text) if kind == "TEXT" else ()
    return TextPiece(kind, c.pos(lo), c.end_pos(hi), text, points)


def _points(c: Content, lo: int, text: str) -> tuple[Point, ...]:
    """Points in ``text`` (which starts at ``c.text[lo]``), located in the source."""
    found: list[Point] = []
    label = POINT_LABEL.match(text)
    if label is not None:
        found.append(_point(c, lo, label.span(), label.group(), label["num3"]))
    for m in POINT.finditer(text):
        at = m.start()
        if at and text[at - 1] not in POINT_BEFORE:
            continue
        word = m["word"]
        if word is not None:
            found.append(_point(c, lo, m.span(), word, None, value=_WORD_ORDINALS.get(word)))
        else:
            found.append(_point(c, lo, m.span(), m.group(), m["num"] or m["num2"]))
    return tuple(found)


def _point(
    c: Content,
    lo: int,
    span: tuple[int, int],
    marker: str,
    numeral: str | None,
    *,
    value: int | None = None,
) -> Point:
    """A point at ``span`` of the piece; its value from the numeral or ``value``."""
    number = to_int(numeral) if numeral else value
    return Point(marker, number, c.pos(lo + span[0]), c.end_pos(lo + span[1]))


_WORD_ORDINALS = {"首先": 1, "其次": 2, "再次": 3, "其三": 3}
"""最后 has no fixed number."""
