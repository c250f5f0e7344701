"""Re-join the lines of hard-wrapped text (PDF exports) cut at one width.

The wrap width is found from the lines' widths alone for most documents;
the same width test weighs the single spaces of a collapsed line
(collapsed.py), which is why it lives in a module of its own.  The last of
the three passes of segment.py.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Sequence
from operator import sub

from speechparse.lexicon.chars import WHITESPACE, display_widths, holds_any
from speechparse.lexicon.numbering import match_numbering
from speechparse.reading.line_content import Content
from speechparse.reading.noise import NoiseSpan, keep_unless_noise

__all__ = [
    "SHORT_WRAP_MIN",
    "WRAP_MIN_BROKEN",
    "WRAP_OPEN_END",
    "join_hard_wraps",
    "wrap_width",
]


WRAP_MIN_BROKEN = 5
"""How many lines must stop mid-sentence at one width before a document counts as hard-wrapped."""

_LABEL_MARKS = "：:>＞»→|｜"
WRAP_OPEN_END = frozenset("。！？!?：:；;”’）)」』…")


def wrap_width(
    widths: Sequence[int], may_wrap: Callable[[int], bool], *, min_width: int, slack: int
) -> int:
    """The width lines (or segments) were hard-wrapped at, or 0 when they were not.

    Hard-wrapped text (PDF exports) has many lines of one length that stop
    mid-sentence; a document with natural paragraphs has lengths all over the
    place, and its lines of equal length (headings, short sentences) end a
    sentence or are numbered.  ``slack`` is how far from the width a wrapped
    line may be; ``may_wrap(i)`` says whether line ``i`` stops mid-sentence
    (and is no numbered line), asked only of lines near a width the counts
    found: most documents are decided on their widths alone.
    """
    if len(widths) < WRAP_MIN_BROKEN:
        return 0
    # The best width has ``close`` lines within ``slack`` of it, at least
    # WRAP_MIN_BROKEN and four tenths of the ``total`` lines as wide as a wrap:
    # so many sorted widths ``need`` to lie within 2 * slack of each other.
    # Checked in C on the sorted widths; most documents stop here.
    near = sorted(widths)
    lo = bisect_left(near, min_width - slack)
    total = len(near) - bisect_left(near, min_width, lo)
    need = max(WRAP_MIN_BROKEN, -(-4 * total // 10))
    del near[:lo]
    if not total or len(near) < need or min(map(sub, near[need - 1 :], near)) > 2 * slack:
        return 0
    every = Counter(widths)
    get = every.get
    # (lines within ``slack`` of the width, lines of exactly it, the width): the best wins.
    close, _, width = max(
        [
            (sum([get(n, 0) for n in range(w - slack, w + slack + 1)]), k, w)
            for w, k in every.items()
            if w >= min_width
        ]
    )
    if close < WRAP_MIN_BROKEN or close * 10 < 4 * total:
        return 0  # ``broken`` below counts a subset of ``close``: it cannot pass either
    broken = sum(1 for i, w in enumerate(widths) if abs(w - width) <= slack and may_wrap(i))
    if broken >= WRAP_MIN_BROKEN and broken * 10 >= 4 * total:
        return width
    return 0


def _widths(text: str, contents: list[Content]) -> list[int]:
    """How wide each content's line was where the site wrapped it.

    The clean length, except in a document holding raw HTML tags: the site
    wrapped its source, tags included, so a content is as wide as its line
    from the first non-blank character up to the content's end.
    """
    if "<" not in text:
        return [len(c.text) for c in contents]
    widths: list[int] = []
    for c in contents:
        lo = text.rfind("\n", 0, c.start) + 1
        while lo < c.start and text[lo] in WHITESPACE:
            lo += 1
        widths.append(max(len(c.text), c.end - lo))
    return widths


_WRAP_MIN_CHARS = 15
"""The narrowest wrap believed at, in characters (twice this in display width)."""


def _line_wrap_width(
    contents: list[Content], widths: list[int], *, min_width: int = _WRAP_MIN_CHARS
) -> int:
    """The width of a hard-wrapped document's lines (numbered lines never count as wrapped)."""
    if len(contents) < WRAP_MIN_BROKEN:
        return _short_wrap_width(contents)

    def may_wrap(i: int) -> bool:
        # A page's meta lines and breadcrumbs (来源：…, 首页 → 栏目) are as wide as a
        # wrap as often as not: they count as lines, not as evidence of one.
        t = contents[i].text
        return (
            t[-1] not in WRAP_OPEN_END
            and not holds_any(t, _LABEL_MARKS)
            and match_numbering(t) is None
        )

    return wrap_width(widths, may_wrap, min_width=min_width, slack=1)


def _at_width(contents: list[Content], widths: list[int], width: int) -> int:
    """How many lines end at ``width`` mid-sentence: the lines a wrap there would continue.

    Headings count: a heading wrapped at the width is continued like any line.
    """
    if not width:
        return 0
    return sum(
        1
        for c, w in zip(contents, widths, strict=True)
        if w >= width - 1 and c.text[-1] not in WRAP_OPEN_END
    )


SHORT_WRAP_MIN = 20
"""In a document of a few lines, the shortest width a wrap is believed at."""


def _short_wrap_width(contents: list[Content]) -> int:
    """The wrap width of a document too short for the count above: every line but the last
    of one width (within one), stopping mid-sentence, none numbered; or 0."""
    if len(contents) < 3:
        return 0
    lines = [c.text for c in contents[:-1]]
    width = max(map(len, lines))
    if width < SHORT_WRAP_MIN or any(
        len(t) < width - 1 or t[-1] in WRAP_OPEN_END or match_numbering(t) is not None
        for t in lines
    ):
        return 0
    return width


def join_hard_wraps(text: str, contents: list[Content], noise: list[NoiseSpan]) -> list[Content]:
    """Re-join lines broken mid-sentence at a fixed width (headings included).

    A joined line is a new text: one that is noise as a whole (a contents
    entry wrapped before its page number) is noise here, as a collapsed
    line's pieces are; every other content was checked as it was read.
    """
    widths = _widths(text, contents)
    width = _line_wrap_width(contents, widths)
    if (
        "<" not in text
        and len(contents) >= WRAP_MIN_BROKEN
        and sum(
            [len(c.text) >= _WRAP_MIN_CHARS and c.text[-1] not in WRAP_OPEN_END for c in contents]
        )
        >= WRAP_MIN_BROKEN
    ):
        # A PDF wraps at a width on the page, not a count of characters: a line
        # of figures (286.5亿元, 6.1%) holds more of them.  The display width
        # wins only where more lines end at its width, so text wrapped at a
        # count of characters is read as before.  Only where enough lines stop
        # mid-sentence for any wrap to be found (a cheap count first).
        shown = display_widths([c.text for c in contents])
        on_page = _line_wrap_width(contents, shown, min_width=2 * _WRAP_MIN_CHARS)
        if on_page and _at_width(contents, shown, on_page) > _at_width(contents, widths, width):
            widths, width = shown, on_page
    if not width:
        return contents
    runs: list[list[Content]] = []
    last_width = 0
    for c, w in zip(contents, widths, strict=True):
        last = runs[-1][-1] if runs else None
        if (
            last is not None
            and last_width >= width - 1
            and last.text[-1] not in WRAP_OPEN_END
            and text[last.end : c.start] in {"\n", "\r\n", "\r"}
            and match_numbering(c.text) is None
        ):
            runs[-1].append(c)
        else:
            runs.append([c])
        last_width = w
    joined: list[Content] = []
    for run in runs:
        if len(run) == 1:
            joined.append(run[0])
            continue
        keep_unless_noise(run[0].extended(run[1:]), joined, noise)
    return joined
