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
from speechparse.patterns import POINT

__all__ = ["HeadingPiece", "LexResult", "Piece", "Point", "TextPiece", "text_piece"]


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


Piece = TextPiece | HeadingPiece


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
    points: tuple[Point, ...] = ()
    if kind == "TEXT":
        points = tuple(
            Point(
                m.group(),
                to_int(m.group("num") or m.group("num2") or m.group("num3") or "")
                or _WORD_ORDINALS.get(m.group("word") or ""),
                c.pos(lo + m.start()),
                c.end_pos(lo + m.end()),
            )
            for m in POINT.finditer(text)
        )
    return TextPiece(kind, c.pos(lo), c.end_pos(hi), text, points)


_WORD_ORDINALS = {"首先": 1, "其次": 2, "再次": 3, "其三": 3}
"""最后 has no fixed number."""
