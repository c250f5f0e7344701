"""Tables of contents: noise, so that their entries never become sections.

A table of contents is recognised by its marks, never by being a list: a
heading line reading just 目录 or 提纲, entries with dotted leaders (第一章 总则
…… 1) or page numbers (第一章 总则  1).  A numbered list before the body
without such marks is an outline the author wrote, and stays sections.
"""

from __future__ import annotations

from speechparse.lexicon.chars import holds_any
from speechparse.lexicon.line_patterns import SALUTATION
from speechparse.lexicon.noise_patterns import TOC_HEADING, TOC_HEADING_FIRST, TOC_PAGE
from speechparse.lexicon.numbering import match_numbering
from speechparse.lexicon.numerals import to_int
from speechparse.lexicon.paragraph_shapes import SENTENCE_END
from speechparse.reading.content import Content
from speechparse.reading.noise import NoiseSpan

__all__ = ["drop_toc"]

ENTRY_MAX = 60
"""An entry of a table of contents is a heading: never longer than this."""

_ENTRY_STOP = frozenset(SENTENCE_END) | frozenset("；;")
_DIGITS = frozenset("0123456789０１２３４５６７８９")


def _entry_like(t: str) -> bool:
    """Short, no sentence end, not a salutation: what a contents entry looks like."""
    return len(t) <= ENTRY_MAX and not holds_any(t, _ENTRY_STOP) and not SALUTATION.match(t)


def drop_toc(text: str, contents: list[Content], noise: list[NoiseSpan]) -> list[Content]:
    """``contents`` without the lines of a table of contents, which become toc noise.

    - Under a heading (目录, 提纲 — already toc noise): the entry-like lines
      that follow, up to the first line that is not entry-like or repeats an
      entry (the body starting with its first heading).  Unnumbered lines at
      the end of a numbered block are given back: that is the title standing
      between the contents and the body.  Two entries at least.
    - Anywhere: a run of two or more numbered lines ending in page numbers
      that do not decrease (an entry with a dotted leader is whole-line
      noise already, noise.py).
    """
    drop: set[int] = set()
    toc = sorted((n.start, n.end) for n in noise if n.kind == "toc")
    headings = [
        end
        for k, (start, end) in enumerate(toc)
        if text[start] in TOC_HEADING_FIRST
        and TOC_HEADING.match(text, start, end)
        # Entries with leaders right under the heading were found line by line.
        and not (k + 1 < len(toc) and _next_start(contents, end) > toc[k + 1][0])
    ]
    if headings:
        drop |= _blocks_under(contents, headings)
    drop |= _page_numbered(contents)
    if not drop:
        return contents
    kept: list[Content] = []
    for i, c in enumerate(contents):
        if i in drop:
            noise.append(NoiseSpan("toc", c.start, c.end))
        else:
            kept.append(c)
    return kept


def _next_start(contents: list[Content], at: int) -> int:
    """Start of the first content at or after offset ``at`` (a linear scan: called per heading)."""
    for c in contents:
        if c.start >= at:
            return c.start
    return 1 << 62


def _blocks_under(contents: list[Content], headings: list[int]) -> set[int]:
    """Indices of the entries under each table-of-contents heading (ending at ``headings``)."""
    drop: set[int] = set()
    i = 0
    for end in sorted(headings):
        while i < len(contents) and contents[i].start < end:
            i += 1
        block: list[int] = []
        seen: set[str] = set()
        j = i
        while j < len(contents) and _entry_like(contents[j].text) and contents[j].text not in seen:
            seen.add(contents[j].text)
            block.append(j)
            j += 1
        if any(match_numbering(contents[k].text) is not None for k in block):
            while block and match_numbering(contents[block[-1]].text) is None:
                block.pop()
        if len(block) >= 2:
            drop.update(block)
    return drop


def _page_numbered(contents: list[Content]) -> set[int]:
    """Runs of numbered lines ending in page numbers."""
    drop: set[int] = set()
    # Only a line ending in a digit can be an entry: most lines end otherwise, and one
    # comprehension finds the few that do.  A line between two of them closes the run.
    ending = [i for i, c in enumerate(contents) if c.text[-1] in _DIGITS]
    if len(ending) < 2:
        return drop
    run: list[int] = []
    last_page = -1
    previous = -2
    for i in ending:
        if i != previous + 1 and run:
            run, last_page = _close_run(run, drop), -1
        previous = i
        t = contents[i].text
        m = TOC_PAGE.search(t)
        page = to_int(m["page"]) if m is not None else None
        if page is None or match_numbering(t) is None:
            run, last_page = _close_run(run, drop), -1
            continue
        if page < last_page:
            run, last_page = _close_run(run, drop), -1
        run.append(i)
        last_page = page
    _close_run(run, drop)
    return drop


def _close_run(run: list[int], drop: set[int]) -> list[int]:
    if len(run) >= 2:
        drop.update(run)
    return []
