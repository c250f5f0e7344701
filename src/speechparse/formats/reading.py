"""What a format reader hands to the parser: the text it read and what it knows about it.

Why one shape for every format: the parser reads only text, so a .docx, an
HTML page and a PDF become the lines a reader would see (Word's labels
included), and what the file said beyond its text (which labels Word
computed, which paragraphs had heading styles, the page's ``<title>``)
travels beside it, into :class:`speechparse.model.document.InputInfo`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from speechparse.model.nodes import Diagnostic, NoiseKind

__all__ = ["Format", "Hint", "Reading", "TextBuilder"]

Format = Literal["text", "docx", "html", "pdf"]


@dataclass(frozen=True)
class Hint:
    """A heading the file marked as one (Word's heading style or outline level, ``<h2>``)."""

    start: int
    end: int
    level: int


@dataclass
class Reading:
    """The text read from a file, its format and what the file said beyond the text."""

    text: str
    format: Format
    encoding: str
    labels: list[tuple[int, int]] = field(default_factory=list)
    hints: list[Hint] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    noise_lines: dict[int, NoiseKind] = field(default_factory=dict)
    """Lines the reader knows are noise (a PDF's running header), by start offset."""
    diagnostics: list[Diagnostic] = field(default_factory=list)
    """What reading had to guess or repair (a detected encoding, replaced bytes)."""


class TextBuilder:
    """Lines appended one at a time, with the offsets each piece lands at."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self.length = 0

    def add(self, piece: str) -> tuple[int, int]:
        """Append ``piece``; return its span in the text being built."""
        start = self.length
        self._parts.append(piece)
        self.length += len(piece)
        return start, self.length

    def text(self) -> str:
        """Everything appended, joined."""
        return "".join(self._parts)
