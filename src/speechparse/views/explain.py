"""The explain view for people: one aligned line per source line.

::

    1   title (score 7.5: genre+3 below:salutation+2) | 主题党日交流发言：…
    7   H1 一、 cn_dun n=1 run-in «坚定理想信念…» + paragraph | 一、坚定理想…
    12  paragraph + noise:paywall                      | 主动认领急难…
        ! numbering-gap: numbering jumps from 2 to 4

The line number, then what the line became, then the line as written.  A
line with more than :data:`MANY` parts (a collapsed line) lists its parts on
lines of their own, each with its text; diagnostics (``!``) and title
candidates that lost (``?``) follow the line they point at.  Rendering reads
only the :class:`Explanation`, so it works as well on one read back from
JSON.
"""

from __future__ import annotations

import unicodedata

from speechparse.model.explain import Candidate, ExplainedLine, Explanation, Part

__all__ = ["MANY", "WHAT_WIDTH", "ExplainRenderer", "display_width"]

MANY = 3
"""A line with more parts than this lists them one per line."""

WHAT_WIDTH = 52
"""The "what" column is padded to the widest entry up to this many columns."""

_COLORS = {
    "title": "1",
    "subtitle": "1",
    "byline": "1",
    "heading": "1;36",
    "trailer": "35",
    "noise": "2",
    "diagnostic": "33",
    "candidate": "2",
}
_CONTROL = {i: 0x2400 + i for i in range(0x20)} | {0x7F: 0x2421}
"""Control characters shown as their pictures (a tab as ␉) so columns stay aligned."""


def display_width(text: str) -> int:
    """Terminal columns ``text`` takes: wide and full-width characters count two."""
    width = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in "WF" else 1
    return width


def _visible(text: str) -> str:
    return text.translate(_CONTROL)


class ExplainRenderer:
    """Render an :class:`Explanation` as aligned text; ``color`` adds ANSI colours."""

    def __init__(self, *, color: bool = False) -> None:
        self.color = color

    def paint(self, text: str, what: str) -> str:
        """``text`` in the colour for ``what`` (a part kind), when colour is on."""
        code = _COLORS.get(what)
        if not self.color or code is None:
            return text
        return f"\x1b[{code}m{text}\x1b[0m"

    def render(self, explanation: Explanation) -> str:
        """The candidates block, then every row.

        The block lists the candidates on the rows shown (all of them, unless
        the explanation is a :meth:`~Explanation.window`); none when the title
        stage kept none.
        """
        rows = explanation.lines
        shown = range(rows[0].line, rows[-1].line + 1) if rows else range(0)
        out = self.candidates(tuple(c for c in explanation.title_candidates if c.line in shown))
        number_width = len(str(rows[-1].line)) if rows else 1
        whats = [self.what(row) for row in rows]
        subs = [
            [self.describe(part, row) for part in row.parts] if len(row.parts) > MANY else []
            for row in rows
        ]
        widths = [*map(display_width, whats), *(display_width(s) + 2 for sub in subs for s in sub)]
        pad = min(max(widths, default=0), WHAT_WIDTH)
        indent = " " * (number_width + 2)
        for row, what, sub in zip(rows, whats, subs, strict=True):
            kind = row.parts[0].kind if row.parts else "blank"
            out.append(self.line(str(row.line).ljust(number_width + 2), what, pad, row.text, kind))
            for part, said in zip(row.parts if sub else (), sub, strict=True):
                out.append(self.line(f"{indent}· ", said, pad - 2, part.text, part.kind))
            out.extend(f"{indent}{line}" for line in self.notes(row, explanation))
        return "".join(line + "\n" for line in out)

    def line(self, head: str, what: str, pad: int, text: str, kind: str) -> str:
        """``head``, ``what`` padded to ``pad`` columns, then `` | text`` unless it is blank."""
        if not text.strip():
            return (head + self.paint(what, kind)).rstrip()
        filler = " " * max(pad - display_width(what), 0)
        return f"{head}{self.paint(what, kind)}{filler} | {_visible(text)}"

    def what(self, row: ExplainedLine) -> str:
        """What the line became, in a few words."""
        if not row.parts:
            return "blank"
        if len(row.parts) > MANY:
            return f"{len(row.parts)} parts"
        return " + ".join(self.describe(part, row) for part in row.parts)

    def describe(self, part: Part, row: ExplainedLine) -> str:
        """One part: its kind and what was decided about it."""
        if part.kind == "title":
            text = "title"
            if part.genre:
                text += f" [genre {part.genre}]"
            if part.score is not None:
                signals = " ".join(part.signals)
                text += (
                    f" (score {part.score:g}: {signals})" if signals else f" (score {part.score:g})"
                )
        elif part.kind == "heading":
            text = f"H{part.level} {part.marker} {part.style}"
            if part.number is not None:
                text += f" n={part.number}"
            if part.run_in:
                text += f" run-in «{_tail(part.heading)}»"
        elif part.kind == "paragraph":
            text = "paragraph"
            if part.points:
                text += " points " + _markers([p.marker for p in part.points])
            if part.marker_as_text is not None:
                text += f" [{part.marker_as_text} as text: {part.why_text}]"
        elif part.kind == "trailer":
            text = f"trailer:{part.trailer}"
        elif part.kind == "noise":
            text = f"noise:{part.noise}"
        else:
            text = part.kind
        first, last = part.lines
        if first != row.line:
            text += f" (from line {first})"
        elif last != row.line:
            text += f" (to line {last})"
        return text

    def notes(self, row: ExplainedLine, explanation: Explanation) -> list[str]:
        """Diagnostics on the line, and title candidates on it that were not chosen."""
        out = [self.paint(f"! {d.code}: {d.message}", "diagnostic") for d in row.diagnostics]
        for k in row.candidates:
            c = explanation.title_candidates[k]
            if not c.chosen:
                out.append(self.paint(f"? title candidate {_score(c)}", "candidate"))
        return out

    def candidates(self, found: tuple[Candidate, ...]) -> list[str]:
        """The title stage's candidates, the winner marked; nothing when it kept none."""
        if not found:
            return []
        width = max(len(str(c.line)) for c in found)
        out = ["title candidates:"]
        for c in found:
            mark = "chosen" if c.chosen else "      "
            out.append(
                f"  line {str(c.line).ljust(width)}  {mark}  {_score(c)} | {_visible(c.text)}"
            )
        if not any(c.chosen for c in found):
            out.append("  none qualified: no title")
        out.append("")
        return out


def _score(c: Candidate) -> str:
    signals = " ".join(c.signals)
    return f"score {c.score:g}" + (f": {signals}" if signals else "")


def _markers(markers: list[str], most: int = 6) -> str:
    """Point markers, the first few of a long run and how many more."""
    shown = " ".join(markers[:most])
    return shown if len(markers) <= most else f"{shown} +{len(markers) - most}"


def _tail(text: str, limit: int = 10) -> str:
    """The end of a run-in heading: where it stops is what a reader checks."""
    return text if len(text) <= limit else "…" + text[-(limit - 1) :]
