"""Section levels, decided over the whole document's numbering.

The lexer first collects every numbered line of the body (a :class:`Mark`);
:func:`plan` then looks at all of them before giving any a level.  Looking at
the whole document first is what lets a marker that only *looks* like a
heading stay text: a compilation's piece label (第1篇：…) or a listing's item
number (30.) on the first line, seen once and followed by the document's own
numbering, would otherwise take level 1 and push every real heading down; a
bare numeral as the file's very last line is where an excerpt was cut.
Levels themselves come from the order styles appear in (:class:`Levels`).
"""

from __future__ import annotations

from itertools import pairwise
from typing import Literal, NamedTuple

from speechparse.lexicon.numbering import NumberingStyle
from speechparse.model.nodes import Diagnostic
from speechparse.structure.tokens import LexResult

__all__ = ["MAX_LEVEL", "Levels", "Mark", "plan"]

MAX_LEVEL = 6
"""Deepest section level the grammar has rules for."""


class Mark(NamedTuple):
    """A numbered line of the body: a heading candidate the plan decides on.

    A named tuple, not a dataclass: the lexer makes one per numbered line,
    and a tuple is several times cheaper to build than a frozen dataclass.
    """

    at: int
    """Position of the line among the document's contents."""
    style: NumberingStyle
    number: int | None
    span: tuple[int, int]
    """The marker's span in the source."""
    after_gap: bool = False
    """Hidden text (a paywall) stands between this line and the line before."""


def plan(marks: list[Mark], last_index: int, result: LexResult) -> list[int | None]:
    """The level of every mark, or None where the mark is text.

    ``last_index`` is the index of the document's last content: a bare
    numeral there is a cut marker.  Marks judged not to number a section are
    dropped before levels are assigned, so they never open a level.
    """
    if not marks:
        return []
    place = Levels(result, opened=_opened_before(marks)).place
    levels: list[int | None] = []
    last = len(marks) - 1
    for k, m in enumerate(marks):
        if _not_a_heading(k, m, marks, last_index):
            levels.append(None)
        else:
            levels.append(place(m, run=k < last and _numbers_on(m, marks[k + 1])))
    return levels


def _opened_before(marks: list[Mark]) -> tuple[str, int] | None:
    """The outer section a page that starts partway through a document opens inside.

    A second page of a paginated article, or an excerpt, begins under a
    heading it does not show: （二）、（三） first, then 二、 with its own
    （一）.  The first style met is then not the outermost, and taking it
    for level 1 would push the document's real top level out (二、 starting
    at 2 inside an open sequence reads as text).  The evidence is the shape
    itself: the body starts at a number past 1, and the first other style
    that starts past 1 is followed at once by the first style starting over
    at 1 — it holds the first style.  Returns that style's name and the
    number of the section the page starts inside (one before its first).
    """
    first = marks[0]
    if first.number in (1, None):
        return None
    seen = {first.style.name}
    for m, after in pairwise(marks[1:]):
        name = m.style.name
        if name in seen:
            continue
        seen.add(name)
        if m.number in (1, None):
            continue  # a style nested in the first one, numbered from its start
        if after.style is first.style and after.number == 1:
            return name, m.number - 1
        return None
    return None


def _numbers_on(m: Mark, n: Mark) -> bool:
    """Whether mark ``n`` (the one after ``m``) is the next number of the same style."""
    return n.style is m.style and m.number is not None and n.number == m.number + 1


def _not_a_heading(k: int, m: Mark, marks: list[Mark], last_index: int) -> bool:
    """Whether mark ``k`` is furniture of the page rather than a section's number.

    - A bare numeral as the file's very last line is where the excerpt was cut.
    - The first mark of a body, of a style seen nowhere else, when the
      document's own numbering follows it: a compilation label (a ``label``
      style such as 第1篇) or, on the document's first line, a listing's item
      number (any number but 1).
    """
    if m.style.own_line and m.at == last_index:
        return True
    if k != 0 or len(marks) < 2 or any(n.style.name == m.style.name for n in marks[1:]):
        return False
    return m.style.label or (m.at == 0 and m.number not in (1, None))


class Levels:
    """Assign levels from the order numbering styles appear in the document.

    The outermost style met is level 1, a new style met inside it level 2, and
    so on; a marker that neither continues an open sequence nor starts a new
    one at 1 is not a heading, unless the next numbered line numbers on from
    it (〔三〕 then 〔四〕: the start was lost, typically hidden by a paywall,
    which the diagnostic then names).  Irregular sequences become diagnostics.
    """

    def __init__(self, result: LexResult, *, opened: tuple[str, int] | None = None) -> None:
        """``opened``: a section the document starts inside (see :func:`_opened_before`)."""
        self.stack: list[tuple[str, int | None]] = [] if opened is None else [opened]
        self.last_seen: dict[str, int | None] = {} if opened is None else dict([opened])
        self.result = result

    def place(self, mark: Mark, *, run: bool = False) -> int | None:
        """The level for this marker, or None when it is not a heading.

        ``run``: the next numbered line numbers on from this one in the same
        style (三 then 四), so a late start is a lost start, not text.
        """
        style, number, span = mark.style.name, mark.number, mark.span
        for depth, (name, last) in enumerate(self.stack):
            if name == style:
                self._check(last, number, span)
                del self.stack[depth:]
                self.stack.append((style, number))
                self.last_seen[style] = number
                return depth + 1
        under = mark.style.under
        if under is not None and all(name != under for name, _ in self.stack):
            return None
        resumes = (
            bool(self.stack) and number not in (1, None) and not self._continues(style, number)
        )
        if resumes and not run:
            return None
        if len(self.stack) >= MAX_LEVEL:
            self._warn("level-too-deep", f"numbering nested deeper than {MAX_LEVEL}", span)
            return None
        if resumes and mark.after_gap:
            message = f"nested numbering resumes at {number} after hidden text"
            self._warn("numbering-resumes-after-gap", message, span, "info")
        elif resumes:
            self._warn("numbering-starts-late", f"nested numbering starts at {number}", span)
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

    def _warn(
        self,
        code: str,
        message: str,
        span: tuple[int, int],
        severity: Literal["info", "warning"] = "warning",
    ) -> None:
        self.result.diagnostics.append(
            Diagnostic(code=code, message=message, span=span, severity=severity)
        )
