"""Find the paragraphs of a document whose line breaks were lost or added.

Scraped text comes in three shapes besides the plain one, and every later
rule (title, headings, trailer) reads the paragraphs this stage restores:

- *collapsed* lines: a whole file on one line, or a long line holding several
  paragraphs, whose breaks survive only as white space (a run of spaces or
  U+3000, often a single space) or as a sentence end directly followed by a
  marker;
- *hard-wrapped* text (PDF exports): paragraphs cut into lines of one width,
  which must be joined again (headings included);
- both at once: a PDF's wrapped lines joined by single spaces.

A single space is not always a lost break, so each one is weighed on what
stands around it (README rules: a sentence end or colon before it, a marker
after it) and on evidence from its whole line (regular segment widths betray
hard-wrap joins; spaced punctuation and spaced numbers are stray spaces).
Everything here is one pass over a line or over the document's contents.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Sequence
from operator import sub

from speechparse.lexicon.chars import WHITESPACE, holds_any
from speechparse.lexicon.patterns import (
    CLOSING_QUOTE,
    META_FIELD,
    NO_PARAGRAPH_END,
    NO_PARAGRAPH_START,
    PARAGRAPH_END,
    SALUTATION,
    collapsed_gaps,
    match_numbering,
)
from speechparse.lexicon.title_patterns import GENRE_END
from speechparse.reading.line_content import Content
from speechparse.reading.noise import NoiseSpan, whole_line_noise

__all__ = ["COLLAPSED_MIN", "COLLAPSED_SHORT_DOC_MIN", "segment"]


def segment(text: str, contents: list[Content], noise: list[NoiseSpan]) -> list[Content]:
    """The document's paragraphs: collapsed lines split, repeated lines set aside, wraps joined.

    Splitting comes first so that a watermark line lost inside a collapsed
    line is seen as a line, and joining last so that it only ever joins
    paragraphs, never a collapsed line's pieces across a break.
    """
    contents = _resegment_collapsed(contents, noise)
    contents = _drop_repeated_lines(contents, noise)
    return _join_hard_wraps(text, contents, noise)


# ----------------------------------------------------------------- collapsed

COLLAPSED_MIN = 1000
"""A line this long is several paragraphs whose line breaks were lost."""

COLLAPSED_SHORT_DOC_MIN = 300
"""In a document of a handful of lines, a line this long is already collapsed."""

COLLAPSED_ONE_LINE_MIN = 80
"""A document of one or two lines: a line this long holds its whole text, breaks lost."""


def _resegment_collapsed(contents: list[Content], noise: list[NoiseSpan]) -> list[Content]:
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
            _keep_unless_noise(piece, out, noise)
    return out


def _keep_unless_noise(c: Content, out: list[Content], noise: list[NoiseSpan]) -> None:
    """A content made here (a piece of a collapsed line, a re-joined wrap) is judged as a line.

    It may be whole-line noise once it stands alone (a contents entry, a
    paywall notice): then it goes to the noise, otherwise to ``out``.
    """
    kind = whole_line_noise(c.text)
    if kind is None:
        out.append(c)
    else:
        noise.append(NoiseSpan(kind, c.start, c.end))


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


def _display_width(s: str) -> int:
    """Width in half-character units: a PDF line holds fewer wide characters than narrow ones.

    Narrow means below U+0100; encoding to Latin-1 with ``ignore`` keeps exactly
    those, one byte each, so they are counted in C rather than a character at a time.
    """
    return 2 * len(s) - len(s.encode("latin-1", "ignore"))


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
        self.seg_start: dict[int, int] = {}
        prev = 0
        widths: list[int] = []
        ends: list[str] = []
        for s, e in spaces:
            self.seg_start[s] = prev
            widths.append(_display_width(t[prev:s]))
            ends.append(t[s - 1] if s > 0 else "")
            prev = e
        self.wrap = _wrap_width(
            widths, lambda i: ends[i] not in _WRAP_OPEN_END, min_width=30, slack=2
        )
        runs = sum(1 for s, e in spaces if e - s >= 2)
        after_end = other = 0
        for s, e in spaces:
            if e - s != 1 or self._stray(s):
                continue
            if self._after_end(s):
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
        if self._stray(s):
            return False
        nxt = t[s + 1 : s + 25]
        found = match_numbering(nxt)
        marker = found is not None and not found[0].own_line
        after_end = self._after_end(s)
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
            return _display_width(t[self.seg_start[s] : s]) < self.wrap - FILL_SLACK
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


# ---------------------------------------------------------------- watermarks

WATERMARK_MAX = 50
"""A repeated line longer than this is more likely a refrain than a watermark."""

WATERMARK_MIN_REPEATS = 3


def _drop_repeated_lines(contents: list[Content], noise: list[NoiseSpan]) -> list[Content]:
    """Short lines a site repeats through a document become watermark noise.

    Detected by repetition, not by a list of site names: the same short line
    three times or more, not numbered.  The first line is spared, and so is
    the first copy of a line among the top ones: a title repeated by a page
    is handled with the title.
    """
    if len(contents) <= WATERMARK_MIN_REPEATS:
        return contents  # too few lines besides the first for anything to repeat enough
    short = [c.text for c in contents[1:] if len(c.text) <= WATERMARK_MAX]
    if len(short) - len(set(short)) < WATERMARK_MIN_REPEATS - 1:
        return contents  # no short line is there three times: one set in C decides most documents
    counts = Counter(short)
    repeated = {t for t, n in counts.items() if n >= WATERMARK_MIN_REPEATS}
    repeated = {t for t in repeated if match_numbering(t) is None}
    if not repeated:
        return contents
    # A line a page repeats with its site name cut off (a running header of
    # the title) leaves one copy as written: that copy is the text itself.
    uncut = Counter([c.text for c in contents[1:] if c.breaks is None and c.text in repeated])
    original = {t for t in repeated if uncut[t] == 1}
    kept = contents[:1]
    spared: set[str] = set()
    titled = _closes_with_genre(contents[0].text)
    for c in contents[1:_SPARED_TOP]:
        t = c.text
        if (len(t) <= 40 and SALUTATION.match(t)) or match_numbering(t) is not None:
            break  # the body has begun: a repeat from here on is the site's
        if "。" in t:
            if titled:
                break  # text under a title: the body has begun
            continue  # an editor's blurb above the title does not end the top
        spared.add(t)
        titled = titled or _closes_with_genre(t)
    for c in contents[1:]:
        if c.text in original and c.breaks is None:
            kept.append(c)
        elif c.text in repeated and c.text not in spared:
            noise.append(NoiseSpan("watermark", c.start, c.end))
        else:
            spared.discard(c.text)
            kept.append(c)
    return kept


def _closes_with_genre(t: str) -> bool:
    """A line that reads like a document's title: a genre word closes it (…的讲话)."""
    return len(t) <= 60 and GENRE_END.search(t) is not None


_SPARED_TOP = 16
"""Top lines whose first copy is left to the title stage (a page repeats its title, a PDF
prints it as the running header of every page): as many as the title stage's window."""


# ---------------------------------------------------------------- hard wraps

WRAP_MIN_BROKEN = 5
"""How many lines must stop mid-sentence at one width before a document counts as hard-wrapped."""

_LABEL_MARKS = "：:>＞»→|｜"
_WRAP_OPEN_END = frozenset("。！？!?：:；;”’）)」』…")


def _wrap_width(
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


def _line_wrap_width(contents: list[Content], widths: list[int]) -> int:
    """The width of a hard-wrapped document's lines (numbered lines never count as wrapped)."""
    if len(contents) < WRAP_MIN_BROKEN:
        return _short_wrap_width(contents)

    def may_wrap(i: int) -> bool:
        # A page's meta lines and breadcrumbs (来源：…, 首页 → 栏目) are as wide as a
        # wrap as often as not: they count as lines, not as evidence of one.
        t = contents[i].text
        return (
            t[-1] not in _WRAP_OPEN_END
            and not holds_any(t, _LABEL_MARKS)
            and match_numbering(t) is None
        )

    return _wrap_width(widths, may_wrap, min_width=15, slack=1)


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
        len(t) < width - 1 or t[-1] in _WRAP_OPEN_END or match_numbering(t) is not None
        for t in lines
    ):
        return 0
    return width


def _join_hard_wraps(text: str, contents: list[Content], noise: list[NoiseSpan]) -> list[Content]:
    """Re-join lines broken mid-sentence at a fixed width (headings included).

    A joined line is a new text: one that is noise as a whole (a contents
    entry wrapped before its page number) is noise here, as a collapsed
    line's pieces are; every other content was checked as it was read.
    """
    widths = _widths(text, contents)
    width = _line_wrap_width(contents, widths)
    if not width:
        return contents
    runs: list[list[Content]] = []
    last_width = 0
    for c, w in zip(contents, widths, strict=True):
        last = runs[-1][-1] if runs else None
        if (
            last is not None
            and last_width >= width - 1
            and last.text[-1] not in _WRAP_OPEN_END
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
        _keep_unless_noise(run[0].extended(run[1:]), joined, noise)
    return joined
