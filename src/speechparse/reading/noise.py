"""Find the noise a site put into a document before the lexer reads it.

Noise is recorded, never deleted: each piece becomes a :class:`Noise` node with
its span, and the lexer classifies lines on their text with the noise cut out,
so ``##paidbegin##一、…`` is still a heading and a paywall marker in the middle
of a sentence does not break the paragraph.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from speechparse.lexicon.noise_patterns import (
    HTML_BLOCK_TAGS,
    HTML_SPACE_ENTITY,
    HTML_TAG,
    PAGE_NUMBER,
    PAYWALL_MARKER,
    PAYWALL_PROSE,
    PAYWALL_PROSE_FIRST,
    SITE_BADGE,
    TOC_ENTRY,
    TOC_HEADING,
    TOC_HEADING_FIRST,
    URL,
)
from speechparse.model.nodes import NoiseKind
from speechparse.reading.line_content import Content

__all__ = [
    "LINE_NOISE_FIRST",
    "LINE_NOISE_LAST",
    "NoiseSpan",
    "keep_unless_noise",
    "line_noise",
    "split_blocks",
    "whole_line_noise",
]


@dataclass(frozen=True, slots=True)
class NoiseSpan:
    """A piece of noise found by the scanner."""

    kind: NoiseKind
    start: int
    end: int


def line_noise(text: str, start: int, end: int) -> list[NoiseSpan]:
    """Noise inside the content ``text[start:end]`` of one line, in order.

    Paywall markers (##paidbegin##), raw HTML tags (``<b>``, ``</span>``) and
    white-space entities (``&nbsp;``): cut out of the clean text, so
    ``<b>一、…`` and ``&nbsp;&nbsp;一、…`` still start with their marker.
    Each is looked for only when its first characters occur in the line.
    """
    found: list[NoiseSpan] = []
    if text.find("##", start, end) >= 0:
        found = [
            NoiseSpan("paywall", m.start(), m.end())
            for m in PAYWALL_MARKER.finditer(text, start, end)
        ]
    if text.find("<", start, end) >= 0 or text.find("&", start, end) >= 0:
        tags = [
            NoiseSpan("markup", m.start(), m.end()) for m in HTML_TAG.finditer(text, start, end)
        ]
        if text.find("&", start, end) >= 0:
            tags.extend(
                NoiseSpan("markup", m.start(), m.end())
                for m in HTML_SPACE_ENTITY.finditer(text, start, end)
            )
            tags.sort(key=lambda n: n.start)
        if tags and found:
            merged: list[NoiseSpan] = []
            for n in sorted(found + tags, key=lambda n: n.start):
                if not merged or n.start >= merged[-1].end:
                    merged.append(n)
            return merged
        found = found or tags
    return found


def split_blocks(
    lines: Iterable[tuple[int, str]], noise: list[NoiseSpan]
) -> Iterator[tuple[int, str]]:
    """The lines, each cut at the HTML block tags it holds (``<p>``, ``</p><p>``, ``<br>``).

    A block tag ends a paragraph in the page the text was scraped from, so
    the text between two of them is a line of its own; the tags themselves
    are recorded as markup noise.  Lines without a ``<`` pass unchanged.
    """
    for start, raw in lines:
        if "<" not in raw:
            yield start, raw
            continue
        cursor = 0
        for m in HTML_TAG.finditer(raw):
            if m["name"].lower() not in HTML_BLOCK_TAGS:
                continue
            yield start + cursor, raw[cursor : m.start()]
            noise.append(NoiseSpan("markup", start + m.start(), start + m.end()))
            cursor = m.end()
        yield start + cursor, raw[cursor:]


def whole_line_noise(clean: str) -> NoiseKind | None:
    """The kind of noise a whole line is, judged on its clean text, or None.

    Each pattern is tried only when the line's first or last character can
    start or end it: this runs on every line of every document.
    """
    first, last = clean[0], clean[-1]
    if first not in LINE_NOISE_FIRST and last not in LINE_NOISE_LAST:
        return None  # most lines: one set test instead of the seven below
    if first in _PAGE_FIRST and last in _PAGE_LAST and PAGE_NUMBER.fullmatch(clean):
        return "page_number"
    if (last in _DIGITS and TOC_ENTRY.search(clean)) or (
        first in TOC_HEADING_FIRST and TOC_HEADING.match(clean)
    ):
        return "toc"
    if first == "【" and SITE_BADGE.fullmatch(clean):
        return "watermark"
    if (
        len(clean) <= 48
        and first in PAYWALL_PROSE_FIRST
        and (first not in _PROSE_BRACKETS or clean[1:2] in _PROSE_WORD_FIRST)
        and PAYWALL_PROSE.match(clean)
    ):
        return "paywall"
    if (first in "hHwW" and URL.fullmatch(clean)) or (
        first in "原本" and clean.startswith(("原文链接", "本文链接")) and URL.search(clean)
    ):
        return "url"
    return None


_DIGITS = frozenset("0123456789０１２３４５６７８９")
_PAGE_FIRST = _DIGITS | frozenset("-－—–第")
_PAGE_LAST = _DIGITS | frozenset("-－—–页")
"""What a page number ends with (a dash, 页, a digit): a numbered heading ends otherwise."""

_PROSE_BRACKETS = frozenset("（(【[")
_PROSE_WORD_FIRST = PAYWALL_PROSE_FIRST - _PROSE_BRACKETS - frozenset("-－—=＝*…·")
"""What a paywall phrase starts with after the bracket it may open with: （未完…) is asked
the pattern, a heading's （一） is not."""
LINE_NOISE_FIRST = _PAGE_FIRST | TOC_HEADING_FIRST | PAYWALL_PROSE_FIRST | frozenset("【hHwW原本")
"""Every first character with which a line may be noise of a kind other than a toc entry."""

LINE_NOISE_LAST = _DIGITS
"""Every last character of a toc entry: :func:`whole_line_noise` is None for a line whose
first character is not in ``LINE_NOISE_FIRST`` and whose last is not in this set (a gate a
caller looping over lines may ask inline)."""


def keep_unless_noise(c: Content, out: list[Content], noise: list[NoiseSpan]) -> None:
    """A content made here (a piece of a collapsed line, a re-joined wrap) is judged as a line.

    It may be whole-line noise once it stands alone (a contents entry, a
    paywall notice): then it goes to the noise, otherwise to ``out``.
    """
    kind = whole_line_noise(c.text)
    if kind is None:
        out.append(c)
    else:
        noise.append(NoiseSpan(kind, c.start, c.end))
