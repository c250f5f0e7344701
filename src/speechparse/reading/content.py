"""Read a document's lines into contents: spans, clean text, noise set aside.

A *content* is one paragraph's worth of a line: its span without indentation
and its text with in-line noise cut out.  Usually that is one physical line;
a collapsed line (breaks lost) gives several, a hard-wrapped paragraph (PDF
text) is one content over several lines.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from itertools import repeat
from operator import itemgetter

from speechparse.lexicon.chars import WHITESPACE, holds
from speechparse.lexicon.masks import MASKED_PARTY
from speechparse.model.nodes import NoiseKind
from speechparse.reading.line_content import Content
from speechparse.reading.lines import line_list
from speechparse.reading.noise import (
    LINE_NOISE_FIRST,
    LINE_NOISE_LAST,
    NoiseSpan,
    line_noise,
    split_blocks,
    whole_line_noise,
)
from speechparse.reading.segment import segment
from speechparse.reading.watermarks import inline_watermarks

__all__ = ["Content", "read_contents"]

_RAW = itemgetter(1)
"""The text of a ``(start, text)`` line."""


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


def _merged(paywall: list[NoiseSpan], marks: list[NoiseSpan], k: int, end: int) -> list[NoiseSpan]:
    """A line's paywall markers and its watermark fragments (``marks[k]`` on, up to ``end``).

    A paywall marker inside a watermark fragment is left to the fragment.
    """
    mine: list[NoiseSpan] = list(paywall)
    while k < len(marks) and marks[k].start < end:
        mine.append(marks[k])
        k += 1
    if paywall:
        mine.sort(key=lambda n: n.start)
    out: list[NoiseSpan] = []
    for n in mine:
        if out and n.start < out[-1].end:
            if n.end > out[-1].end:
                out[-1] = NoiseSpan(out[-1].kind, out[-1].start, n.end)
            continue
        out.append(n)
    return out


def read_contents(
    text: str,
    noise: list[NoiseSpan],
    *,
    unmask: bool = False,
    known_noise: Mapping[int, NoiseKind] | None = None,
) -> list[Content]:
    """Content of every line that is neither blank nor wholly noise.

    ``known_noise`` maps the start offset of a line to its noise kind when
    the file's reader already knows it (a PDF's running header, found by
    repetition across pages): such a line is noise whatever its text.
    """
    tags = "<" in text  # raw HTML tags: block tags split lines, inline tags are noise
    # Paywall markers and space entities (&nbsp;) are rare: skip the per-line look for them.
    markers = tags or holds(text, "##") or ("&" in text and ";" in text)
    masked = unmask and "D" in text
    physical = line_list(text)  # read once: the watermark scan walks them too
    cleans = list(map(str.strip, map(_RAW, physical), repeat(WHITESPACE)))  # in C, no frame
    marks = inline_watermarks(text, physical, cleans)
    if markers or marks or known_noise or masked:
        rows = (
            _stripped(split_blocks(physical, noise)) if tags else zip(physical, cleans, strict=True)
        )
        contents = _read_lines(
            text, rows, noise, marks=marks, markers=markers, masked=masked, known_noise=known_noise
        )
    else:
        contents = _plain_contents(physical, cleans, noise)
    contents = segment(text, contents, noise)
    return _unmasked_noise(contents, noise) if masked else contents


def _plain_contents(
    lines: Sequence[tuple[int, str]], cleans: Sequence[str], noise: list[NoiseSpan]
) -> list[Content]:
    """:func:`_read_lines` for a document with no in-line noise: no marker, tag or watermark.

    Most documents: each line is its stripped text, or whole-line noise.
    The whole-line check is asked only of lines whose first or last
    character can open or close such noise (the check's own gate, inline).
    """
    contents: list[Content] = []
    add = contents.append
    first_set, last_set = LINE_NOISE_FIRST, LINE_NOISE_LAST  # locals: looked up once a document
    for (line_start, raw), clean in zip(lines, cleans, strict=True):
        if not clean:
            continue
        # Everything before the first character of ``clean`` is white space, which it is not.
        first = clean[0]
        start = line_start + raw.find(first)
        if first in first_set or clean[-1] in last_set:
            kind = whole_line_noise(clean)
            if kind is not None:
                noise.append(NoiseSpan(kind, start, start + len(clean)))
                continue
        add(Content(start, start + len(clean), clean))
    return contents


def _read_lines(
    text: str,
    rows: Iterable[tuple[tuple[int, str], str]],
    noise: list[NoiseSpan],
    *,
    marks: list[NoiseSpan],
    markers: bool,
    masked: bool,
    known_noise: Mapping[int, NoiseKind] | None,
) -> list[Content]:
    """The content of each line (``rows``: the line and its stripped text), noise set aside.

    ``marks`` are the watermark fragments, ``markers`` whether paywall
    markers or tags may stand in a line, ``masked`` whether D is read as 党.
    """
    contents: list[Content] = []
    k = 0
    for (line_start, raw), stripped in rows:
        if not stripped:
            continue
        # Everything before the first character of ``stripped`` is white space, which it is not.
        start = line_start + raw.find(stripped[0])
        end = start + len(stripped)
        clean = stripped
        if known_noise and line_start in known_noise:
            noise.append(NoiseSpan(known_noise[line_start], start, end))
            continue
        inner = line_noise(text, start, end) if markers else None
        if k < len(marks) and marks[k].start < end:
            inner = _merged(inner or [], marks, k, end)
            while k < len(marks) and marks[k].start < end:
                k += 1
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
    return contents


def _stripped(lines: Iterator[tuple[int, str]]) -> Iterator[tuple[tuple[int, str], str]]:
    """Each line with its text stripped of white space, as the rows of plain lines come."""
    for line in lines:
        yield line, line[1].strip(WHITESPACE)


def _unmasked_noise(contents: list[Content], noise: list[NoiseSpan]) -> list[Content]:
    """Contents without the ones that are wholly noise once D was read as 党.

    A line's whole-line check ran on its text as written (before unmasking,
    so that segmentation sees what it always saw); a line holding 党 may
    have changed since, so only those are looked at again.
    """
    kept: list[Content] = []
    for c in contents:
        kind = whole_line_noise(c.text) if "党" in c.text else None
        if kind is None:
            kept.append(c)
        else:
            noise.append(NoiseSpan(kind, c.start, c.end))
    return kept
