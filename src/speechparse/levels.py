"""Section levels from the order numbering styles appear in a document."""

from __future__ import annotations

from speechparse.model.nodes import Diagnostic
from speechparse.tokens import LexResult

__all__ = ["MAX_LEVEL", "Levels"]

MAX_LEVEL = 6
"""Deepest section level the grammar has rules for."""


class Levels:
    """Assign levels from the order numbering styles appear in the document.

    The outermost style met is level 1, a new style met inside it level 2, and
    so on; a marker that neither continues an open sequence nor starts a new
    one at 1 is not a heading.  Irregular sequences become diagnostics.
    """

    def __init__(self, result: LexResult) -> None:
        self.stack: list[tuple[str, int | None]] = []
        self.last_seen: dict[str, int | None] = {}
        self.result = result

    def place(self, style: str, number: int | None, span: tuple[int, int]) -> int | None:
        """The level for this marker, or None when it is not a heading."""
        for depth, (name, last) in enumerate(self.stack):
            if name == style:
                self._check(last, number, span)
                del self.stack[depth:]
                self.stack.append((style, number))
                self.last_seen[style] = number
                return depth + 1
        if self.stack and number not in (1, None) and not self._continues(style, number):
            return None
        if len(self.stack) >= MAX_LEVEL:
            self._warn("level-too-deep", f"numbering nested deeper than {MAX_LEVEL}", span)
            return None
        if not self.stack and number not in (1, None):
            self._warn("numbering-starts-late", f"first heading is numbered {number}", span)
        self.stack.append((style, number))
        self.last_seen[style] = number
        return len(self.stack)

    def _continues(self, style: str, number: int | None) -> bool:
        """A style numbered straight on across parents: 第二章's （三） after 第一章's （二）."""
        last = self.last_seen.get(style)
        return last is not None and number is not None and number == last + 1

    def _check(self, last: int | None, number: int | None, span: tuple[int, int]) -> None:
        if last is None or number is None or number == last + 1:
            return
        if number == last:
            self._warn("numbering-repeat", f"number {number} repeated", span)
        elif number > last + 1:
            self._warn("numbering-gap", f"numbering jumps from {last} to {number}", span)
        else:
            self._warn("numbering-restart", f"numbering goes back from {last} to {number}", span)

    def _warn(self, code: str, message: str, span: tuple[int, int]) -> None:
        self.result.diagnostics.append(Diagnostic(code=code, message=message, span=span))
