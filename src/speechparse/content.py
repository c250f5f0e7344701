"""Read a document's lines into contents: spans, clean text, noise set aside.

A *content* is one paragraph's worth of a line: its span without indentation
and its text with in-line noise cut out.  Usually that is one physical line;
a collapsed line (breaks lost) gives several, a hard-wrapped paragraph (PDF
text) is one content over several lines.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass

from speechparse.noise import WHITESPACE, NoiseSpan, line_noise, split_blocks, whole_line_noise
from speechparse.patterns import COLLAPSED_BREAK, MASKED_PARTY, match_numbering
from speechparse.source import iter_lines

__all__ = ["COLLAPSED_MIN", "Content", "read_contents"]


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


def _content(text: str, start: int, end: int, noise: list[NoiseSpan]) -> Content | None:
    """Clean content of ``text[start:end]`` with ``noise`` (inside it) cut out."""
    if not noise:
        return Content(start, end, text[start:end])
    segments: list[tuple[int, int]] = []  # (offset in the joined text, source offset)
    parts: list[str] = []
    cursor = start
    joined = 0
    for n in [*noise, NoiseSpan("paywall", end, end)]:
        if n.start > cursor:
            segments.append((joined, cursor))
            parts.append(text[cursor : n.start])
            joined += n.start - cursor
        cursor = n.end
    raw = "".join(parts)
    clean = raw.strip(WHITESPACE)
    if not clean:
        return None
    lead = len(raw) - len(raw.lstrip(WHITESPACE))
    breaks: list[tuple[int, int]] = []
    for k, (at, origin) in enumerate(segments):
        shifted = at - lead
        if shifted >= len(clean):
            break
        if shifted < 0:
            # A segment wholly inside the stripped lead contributes nothing.
            if k + 1 < len(segments) and segments[k + 1][0] - lead <= 0:
                continue
            breaks.append((0, origin - shifted))
        else:
            breaks.append((shifted, origin))
    content = Content(0, 0, clean, breaks)
    content.start = content.pos(0)
    content.end = content.end_pos(len(clean))
    return content


def read_contents(text: str, noise: list[NoiseSpan], *, unmask: bool = False) -> list[Content]:
    """Content of every line that is neither blank nor wholly noise."""
    contents: list[Content] = []
    tags = "<" in text  # raw HTML tags: block tags split lines, inline tags are noise
    markers = tags or "##" in text  # paywall markers are rare: skip the per-line look for them
    masked = unmask and "D" in text
    lines = split_blocks(iter_lines(text), noise) if tags else iter_lines(text)
    for line_start, raw in lines:
        clean = raw.strip(WHITESPACE)
        if not clean:
            continue
        start = line_start + len(raw) - len(raw.lstrip(WHITESPACE))
        end = start + len(clean)
        inner = line_noise(text, start, end) if markers else None
        if inner:
            content = _content(text, start, end, inner)
            if content is None:
                noise.extend(inner)
                continue
            clean = content.text
        else:
            content = Content(start, end, clean)
        kind = whole_line_noise(clean)
        if kind is not None:
            noise.append(NoiseSpan(kind, start, end))
            continue
        if inner:
            noise.extend(inner)
        if masked and "D" in clean:
            # Same length in and out, so every position stays exact.
            content.text = MASKED_PARTY.sub("党", clean)
        contents.append(content)
    contents = _resegment_collapsed(contents)
    contents = _drop_repeated_lines(contents, noise)
    return _join_hard_wraps(text, contents)


WATERMARK_MAX = 50
"""A repeated line longer than this is more likely a refrain than a watermark."""

WATERMARK_MIN_REPEATS = 3


def _drop_repeated_lines(contents: list[Content], noise: list[NoiseSpan]) -> list[Content]:
    """Short lines a site repeats through a document become watermark noise.

    Detected by repetition, not by a list of site names: the same short line
    three times or more, not numbered.  The first line is spared: a title
    repeated by a page is handled with the title.
    """
    if len(contents) <= WATERMARK_MIN_REPEATS:
        return contents  # too few lines besides the first for anything to repeat enough
    counts = Counter([c.text for c in contents[1:] if len(c.text) <= WATERMARK_MAX])
    repeated = {t for t, n in counts.items() if n >= WATERMARK_MIN_REPEATS}
    repeated = {t for t in repeated if match_numbering(t) is None}
    if not repeated:
        return contents
    kept = contents[:1]
    for c in contents[1:]:
        if c.text in repeated:
            noise.append(NoiseSpan("watermark", c.start, c.end))
        else:
            kept.append(c)
    return kept


WRAP_MIN_BROKEN = 5
"""How many lines must stop mid-sentence at one width before a document counts as hard-wrapped."""

_WRAP_OPEN_END = frozenset("。！？!?：:；;”’）)」』…")


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


def _wrap_width(contents: list[Content], widths: list[int]) -> int:
    """The width text was hard-wrapped at, or 0 when it was not.

    Hard-wrapped text (PDF exports) has many lines of one length that stop
    mid-sentence; a document with natural paragraphs has lengths all over the
    place, and its lines of equal length (headings, short sentences) end a
    sentence or are numbered.
    """
    if len(contents) < WRAP_MIN_BROKEN:
        return 0
    every = Counter(widths)
    lengths = Counter({n: k for n, k in every.items() if n >= 15})
    if not lengths:
        return 0
    width: int = lengths.most_common(1)[0][0]
    # ``broken`` counts lines within one of ``width``, a 14 included when the width is 15.
    near = every[width - 1] + every[width] + every[width + 1]
    total = sum(lengths.values())
    if width < 15 or near < WRAP_MIN_BROKEN or near * 10 < 4 * total:
        return 0  # ``broken`` below counts a subset of ``near``: it cannot pass either
    broken = sum(
        1
        for c, w in zip(contents, widths, strict=True)
        if abs(w - width) <= 1
        and c.text[-1] not in _WRAP_OPEN_END
        and match_numbering(c.text) is None
    )
    if broken >= WRAP_MIN_BROKEN and broken * 10 >= 4 * total:
        return width
    return 0


def _join_hard_wraps(text: str, contents: list[Content]) -> list[Content]:
    """Re-join lines broken mid-sentence at a fixed width (headings included)."""
    widths = _widths(text, contents)
    width = _wrap_width(contents, widths)
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
    return [run[0] if len(run) == 1 else _concat(run) for run in runs]


def _concat(run: list[Content]) -> Content:
    """One content over several lines; the line breaks between are left out.

    Built in one pass (one join, one break table) so that a paragraph of
    thousands of wrapped lines costs linear time.
    """
    breaks: list[tuple[int, int]] = []
    shift = 0
    for c in run:
        breaks.extend((shift + at, src) for at, src in (c.breaks or [(0, c.start)]))
        shift += len(c.text)
    return Content(run[0].start, run[-1].end, "".join(c.text for c in run), breaks)


COLLAPSED_MIN = 1000
"""A line this long is several paragraphs whose line breaks were lost."""

COLLAPSED_SHORT_DOC_MIN = 300
"""In a document of a handful of lines, a line this long is already collapsed."""


def _resegment_collapsed(contents: list[Content]) -> list[Content]:
    """Split collapsed lines; other lines, with run-in lists inside, stay whole.

    A line is collapsed when it is very long, or when the whole document is
    a handful of lines (scraped text that lost every break).
    """
    limit = COLLAPSED_SHORT_DOC_MIN if len(contents) <= 5 else COLLAPSED_MIN
    if max(map(len, [c.text for c in contents]), default=0) < limit:
        return contents
    out: list[Content] = []
    for c in contents:
        out.extend(_split_collapsed(c) if len(c.text) >= limit else (c,))
    return out


def _split_collapsed(c: Content) -> list[Content]:
    """Re-segment a line whose paragraph breaks were collapsed.

    A paragraph starts after a run of indentation, or where a sentence end is
    directly followed by a numbering marker: the corpus convention for text
    scraped without its line breaks.  Anywhere else a marker stays text.
    """
    t = c.text
    cuts: list[tuple[int, int]] = []  # (end of previous segment, start of next)
    for m in COLLAPSED_BREAK.finditer(t):
        if m.end() > m.start():
            cuts.append((m.start(), m.end()))
            continue
        found = match_numbering(t[m.start() : m.start() + 24])
        if found is not None and not found[0].own_line:
            cuts.append((m.start(), m.start()))
    if not cuts:
        return [c]
    pieces: list[Content] = []
    lo = 0
    for end, nxt in [*cuts, (len(t), len(t))]:
        if end > lo:
            pieces.append(c.slice(lo, end))
        lo = nxt
    return pieces
