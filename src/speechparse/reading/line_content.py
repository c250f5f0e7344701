"""One line's content: its span without indentation and its clean text.

The type every later stage reads lines as.  It has a module of its own so
that segmentation (which makes contents) and the content reader (which
calls segmentation) can both use it without importing each other.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["Content"]


@dataclass(slots=True)
class Content:
    """One line's content: its span without indentation and its clean text.

    ``text`` is the content with noise cut out; ``pos`` maps an index into
    ``text`` back to a source offset, so spans stay exact around the noise.
    """

    start: int
    end: int
    text: str
    breaks: list[tuple[int, int]] | None = None

    def pos(self, i: int) -> int:
        """Source offset of index ``i`` of the clean text (``i == len`` allowed)."""
        if self.breaks is None:
            return self.start + i
        k = bisect_right(self.breaks, (i, 1 << 62)) - 1
        clean_at, source_at = self.breaks[k]
        return source_at + (i - clean_at)

    def end_pos(self, i: int) -> int:
        """Source offset just past clean index ``i - 1``: an exclusive end."""
        return self.start if i == 0 else self.pos(i - 1) + 1

    def span(self, lo: int, hi: int) -> tuple[int, int]:
        """Source span of ``text[lo:hi]``, ``(pos(lo), end_pos(hi))``; ``hi > lo`` expected."""
        if self.breaks is None:
            return (self.start + lo, self.start + hi)
        start = self.pos(lo)
        return (start, max(start, self.end_pos(hi)))

    def slice(self, lo: int, hi: int) -> Content:
        """The content of ``text[lo:hi]``, positions still exact."""
        if self.breaks is None:
            return Content(self.start + lo, self.start + hi, self.text[lo:hi])
        k = bisect_right(self.breaks, (lo, 1 << 62))
        j = bisect_left(self.breaks, (hi, -1), k)
        breaks = [(0, self.pos(lo))]
        breaks.extend((c - lo, src) for c, src in self.breaks[k:j])
        return Content(self.pos(lo), self.end_pos(hi), self.text[lo:hi], breaks)

    def extended(self, rest: Sequence[Content]) -> Content:
        """This content followed by ``rest`` as one; what lies between them is left out.

        Built in one pass (one join, one break table) so that a paragraph of
        thousands of hard-wrapped lines costs linear time.
        """
        run = [self, *rest]
        breaks: list[tuple[int, int]] = []
        shift = 0
        for c in run:
            breaks.extend((shift + at, src) for at, src in (c.breaks or [(0, c.start)]))
            shift += len(c.text)
        return Content(self.start, run[-1].end, "".join(c.text for c in run), breaks)
