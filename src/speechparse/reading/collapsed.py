"""Split collapsed lines at the paragraph breaks they lost.

A whole file on one line, or a long line holding several paragraphs, keeps
its breaks only as white space or as a sentence end directly followed by a
marker.  A single space is not always a lost break, so each one is weighed
on what stands around it (README rules: a sentence end or colon before it,
a marker after it) and on evidence from its whole line (regular segment
widths betray hard-wrap joins; spaced punctuation and spaced numbers are
stray spaces).  The first of the three passes of segment.py.
"""

from __future__ import annotations

from collections.abc import Sequence

from speechparse.lexicon.chars import display_widths, holds_any
from speechparse.lexicon.line_patterns import SALUTATION
from speechparse.lexicon.noise_patterns import META_FIELD
from speechparse.lexicon.numbering import NUMBERING_FIRST, match_numbering
from speechparse.lexicon.paragraph_shapes import (
    CLOSING_QUOTE,
    NO_PARAGRAPH_END,
    NO_PARAGRAPH_START,
    PARAGRAPH_END,
    collapsed_gaps,
)
from speechparse.reading.hard_wraps import WRAP_OPEN_END, wrap_width
from speechparse.reading.line_content import Content
from speechparse.reading.noise import NoiseSpan, keep_unless_noise

__all__ = [
    "COLLAPSED_MIN",
    "COLLAPSED_ONE_LINE_MIN",
    "COLLAPSED_SHORT_DOC_MIN",
    "FILL_SLACK",
    "resegment_collapsed",
]


COLLAPSED_MIN = 1000
"""A line this long is several paragraphs whose line breaks were lost."""

COLLAPSED_SHORT_DOC_MIN = 300
"""In a document of a handful of lines, a line this long is already collapsed."""

COLLAPSED_ONE_LINE_MIN = 80
"""A document of one or two lines: a line this long holds its whole text, breaks lost."""


def resegment_collapsed(contents: list[Content], noise: list[NoiseSpan]) -> list[Content]:
    """Split collapsed lines; other lines, with run-in lists inside, stay whole.

    A line is collapsed when it is very long, or when the whole document is
    a handful of lines (scraped text that lost every break).  A piece that is
    noise as a line of its own (a table-of-contents entry, a page number) is
    noise here too.
    """
    if len(contents) <= 2:
        limit = COLLAPSED_ONE_LINE_MIN
    elif len(contents) <= 5:
        limit = COLLAPSED_SHORT_DOC_MIN
    else:
        limit = COLLAPSED_MIN
    if max(map(len, [c.text for c in contents]), default=0) < limit:
        return contents
    out: list[Content] = []
    for c in contents:
        if len(c.text) < limit:
            out.append(c)
            continue
        for piece in _split_collapsed(c):
            keep_unless_noise(piece, out, noise)
    return out


def _split_collapsed(c: Content) -> list[Content]:
    """Re-segment one collapsed line at its lost paragraph breaks.

    A run of two or more white-space characters is a break (indentation or a
    separator); so is a sentence end directly followed by a marker.  A single
    space is weighed by :class:`_Gaps`.  Anywhere else a marker stays text.
    """
    t = c.text
    gaps = collapsed_gaps(t)
    if not gaps:
        return [c]
    weigh = _Gaps(t, gaps)
    cuts: list[tuple[int, int]] = []  # (end of previous piece, start of next)
    piece = 0
    for s, e in gaps:
        if e == s:
            # A sentence end before a character that may open a marker (COLLAPSED_GAP).
            found = match_numbering(t[s : s + 24])
            cut = found is not None and not found[0].own_line
        else:
            cut = e - s >= 2 or weigh.single_is_break(s, piece)
        if cut:
            cuts.append((s, e))
            piece = e
    if not cuts:
        return [c]
    pieces: list[Content] = []
    lo = 0
    for end, nxt in [*cuts, (len(t), len(t))]:
        if end > lo:
            pieces.append(c.slice(lo, end))
        lo = nxt
    return pieces


class _Gaps:
    """The evidence of one collapsed line for weighing its single spaces.

    Two facts are about the whole line: whether its spaces are PDF hard-wrap
    joins (segments between them of one width), and whether single spaces are
    its paragraph separator at all (many of them stand after a sentence end;
    a line with a few stray spaces inside words has them elsewhere, and a
    line separated by runs of spaces keeps single ones inside titles).
    """

    def __init__(self, t: str, gaps: Sequence[tuple[int, int]]) -> None:
        self.t = t
        spaces = [(s, e) for s, e in gaps if e > s]
        # segment i runs from the end of space i-1 to the start of space i
        segments: list[str] = []
        ends: list[str] = []
        prev = 0
        for s, e in spaces:
            segments.append(t[prev:s])
            ends.append(t[s - 1] if s > 0 else "")
            prev = e
        widths = display_widths(segments)
        # The width of the segment before each space, for single_is_break.
        self.seg_width = dict(zip([s for s, _ in spaces], widths, strict=True))
        self.wrap = wrap_width(
            widths, lambda i: ends[i] not in WRAP_OPEN_END, min_width=30, slack=2
        )
        runs = sum(1 for s, e in spaces if e - s >= 2)
        after_end = other = 0
        # What each single space is, kept for single_is_break (asked of the same spaces).
        self.stray: set[int] = set()
        self.ends: set[int] = set()
        for s, e in spaces:
            if e - s != 1:
                continue
            if self._stray(s):
                self.stray.add(s)
            elif self._after_end(s):
                self.ends.add(s)
                after_end += 1
            else:
                other += 1
        self.by_runs = runs >= 2
        self.separated = not self.by_runs and after_end > 0 and 2 * after_end >= other

    def _stray(self, s: int) -> bool:
        """A space that cannot be a paragraph break: spaced punctuation or numbers, ASCII words."""
        t = self.t
        if s == 0 or s + 1 >= len(t):
            return False
        a, b = t[s - 1], t[s + 1]
        if a in NO_PARAGRAPH_END or b in NO_PARAGRAPH_START:
            return True
        if b.isascii() and b.isalnum() and ((a.isascii() and a.isalnum()) or a in "】]"):
            return True  # ASCII words, or a badge and its code (【引证码】 AB.12)
        if a in "：:":
            field = META_FIELD.search(t, max(0, s - 8), s)
            if field is not None and field.end() == s:
                return True  # a web page's 点击数： 12 field, not a colon that ends a paragraph
        if a not in _NUMBER_CHARS and b not in _NUMBER_CHARS:
            return False  # _spaced_number's own first test on each side, without its loops
        return _spaced_number(t, s)

    def _after_end(self, s: int) -> bool:
        t = self.t
        a = t[s - 1]
        if a in CLOSING_QUOTE and s >= 2:
            return t[s - 2] in PARAGRAPH_END
        return a in PARAGRAPH_END

    def single_is_break(self, s: int, piece: int) -> bool:
        """Whether the single space at ``s`` is a lost paragraph break.

        ``piece`` is where the current paragraph started.  The order is the
        strength of the evidence: stray spaces never break; in a line whose
        paragraphs are separated by runs of spaces only a sentence end and a
        marker around it do; otherwise a marker after the space or a sentence
        end before it always does; a salutation after
        it starts the speech; a hard-wrap join continues the line; a heading
        ends at its line end; then the line's own convention decides.
        """
        t = self.t
        if s in self.stray:
            return False
        nxt = t[s + 1 : s + 25]
        found = match_numbering(nxt) if nxt[:1] in NUMBERING_FIRST else None
        marker = found is not None and not found[0].own_line
        after_end = s in self.ends
        if self.by_runs:
            # Runs of spaces separate this line's paragraphs: a single space
            # breaks only where a sentence end would, before a marker.
            return marker and after_end
        if marker or after_end:
            return True
        colon = max(nxt.find("："), nxt.find(":"))
        if colon > 0 and SALUTATION.match(nxt[: colon + 1]):
            return True
        if self.wrap:
            return self.seg_width[s] < self.wrap - FILL_SLACK
        if _heading_line(t, piece, s):
            return True
        return self.separated


FILL_SLACK = 5
"""How many half-units short of the wrap width a wrapped segment may be (PDF justification)."""


def _heading_line(t: str, piece: int, s: int) -> bool:
    """Whether ``t[piece:s]`` is a heading with no sentence end: its line ended at ``s``."""
    found = match_numbering(t[piece : piece + 24])
    if found is None:
        return False
    style, m = found
    heading = t[piece + m.end() : s]
    if style.own_line or not heading.strip():
        return False  # a space right after the marker is inside the heading's line
    return not holds_any(heading, "。！？")


_NUMBER_CHARS = frozenset("0123456789.,%")
"""What :func:`_spaced_number` reads as part of a number (ASCII digits, a point, a comma, %)."""


def _spaced_number(t: str, s: int) -> bool:
    """Whether the space at ``s`` is one of two around an ASCII number (召开 2025 年度)."""
    j = s + 1
    while j < len(t) and t[j].isascii() and (t[j].isdigit() or t[j] in ".,%"):
        j += 1
    if j > s + 1 and j < len(t) and t[j] == " ":
        return True
    i = s - 1
    while i >= 0 and t[i].isascii() and (t[i].isdigit() or t[i] in ".,%"):
        i -= 1
    return i < s - 1 and i >= 0 and t[i] == " "
