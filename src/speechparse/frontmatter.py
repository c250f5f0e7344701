"""Find the title block: web page header, title, subtitle and bylines.

Titles as they really come: a web page's own title and meta lines before the
document's title, a title over two lines, a title glued to its date in
collapsed text, a title repeated by the page.  The rules are in
docs/architecture.md and the corpus README.
"""

from __future__ import annotations

from functools import lru_cache

from speechparse.content import Content
from speechparse.noise import WHITESPACE, NoiseSpan, is_ad_line
from speechparse.patterns import (
    AUTHOR_LINE,
    CLOSING,
    DATE_LINE,
    META_FIELD,
    PARENTHESISED_LINE,
    SALUTATION,
    SENTENCE_END,
    SUBTITLE,
    TITLE_GLUE,
    match_numbering,
)
from speechparse.tokens import LexResult, TextPiece, text_piece

__all__ = ["front_matter", "title_like", "web_header"]


@lru_cache(maxsize=1024)
def title_like(t: str) -> bool:
    """Whether a line reads as a title rather than as running text.

    Cached: the front-matter rules ask it of the same lines several times.
    """
    if len(t) > 80 or match_numbering(t) is not None or SALUTATION.match(t):
        return False
    if len(t) <= 60 and CLOSING.search(t):
        return False
    if any(ch in t for ch in "。；;") or any(ch in t[:-1] for ch in SENTENCE_END):
        return False
    # A short line like 述职报告 may be a title or an author: position decides.
    return not (
        SUBTITLE.match(t) or PARENTHESISED_LINE.match(t) or DATE_LINE.match(t) or _is_meta(t)
    )


def _byline(t: str) -> bool:
    """A date, venue or author line as found under a title."""
    if match_numbering(t) is not None:
        return False
    return bool(PARENTHESISED_LINE.match(t) or DATE_LINE.match(t) or AUTHOR_LINE.match(t))


def _is_meta(t: str) -> bool:
    """A web page's meta line (来源：… 作者：… 发布时间：…)."""
    return (
        len(t) <= 150
        and ("：" in t or ":" in t)  # every META_FIELD ends with a colon
        and (META_FIELD.match(t) is not None or len(META_FIELD.findall(t, concurrent=False)) >= 2)
    )


def _short_title_part(t: str) -> bool:
    """One line of a title broken over two: short and without any comma or exclamation."""
    return (
        len(t) <= 40
        and title_like(t)
        and not AUTHOR_LINE.match(t)
        and not any(ch in "，,！!：:" for ch in t)
    )


def _signals_title_above(t: str) -> bool:
    """What typically stands under a document's own title."""
    return bool(SUBTITLE.match(t) or _byline(t) or SALUTATION.match(t) or _is_meta(t))


_FRONT_WINDOW = 12
"""How many lines at the top may hold a web header, notes and the title block."""


def web_header(contents: list[Content], result: LexResult) -> list[Content]:
    """Drop a web page header (page title, meta lines, editor's notes) into noise.

    A meta line under the first line marks a web page.  When the document
    then states its own title (a title-like line followed by a subtitle,
    byline or salutation), the page title and anything between become noise;
    otherwise the page title is the document's title.
    """
    top = contents[:_FRONT_WINDOW]
    meta = {k for k, c in enumerate(top) if _is_meta(c.text)}
    if not meta:
        return contents
    for k in sorted(meta):
        result.noise.append(NoiseSpan("meta", contents[k].start, contents[k].end))
    rest = [k for k in range(len(contents)) if k not in meta]
    start = 0
    if 1 in meta:
        candidates = [k for k in rest if k >= 2][:6]
        texts = [contents[k].text for k in candidates] + ["", ""]
        for pos, k in enumerate(candidates[:4]):
            here, below, further = texts[pos], texts[pos + 1], texts[pos + 2]
            if not title_like(here) or AUTHOR_LINE.match(here):
                continue
            if (
                here == contents[0].text
                or _signals_title_above(below)
                or (
                    _short_title_part(here)
                    and _short_title_part(below)
                    and _signals_title_above(further)
                )
            ):
                start = k
                break
        if start:
            result.noise.append(NoiseSpan("header", contents[0].start, contents[0].end))
            for k in rest:
                if 0 < k < start:
                    result.noise.append(NoiseSpan("note", contents[k].start, contents[k].end))
    return [contents[k] for k in rest if k >= start]


def _unglue_title(contents: list[Content]) -> None:
    """Split a title glued to its date or footnote mark (collapsed text)."""
    first = contents[0]
    m = TITLE_GLUE.search(first.text, 0, 120)
    if m is None or m.start() < 4 or not title_like(first.text[: m.start()]):
        return
    if m.end() == len(first.text) and m.group() == "※":
        return
    parts = [first.slice(0, m.start())]
    if m.group() != "※":
        parts.append(first.slice(m.start(), m.end()))
        lo = m.end()
    else:
        lo = m.start()
    while lo < len(first.text) and first.text[lo] in WHITESPACE:
        lo += 1
    if lo < len(first.text):
        parts.append(first.slice(lo, len(first.text)))
    contents[0:1] = parts


def front_matter(contents: list[Content], result: LexResult) -> int:
    """Emit title, subtitle and bylines; return the index of the first body line."""
    while contents and is_ad_line(contents[0].text):
        # A site's ad above the document is not its title.
        result.noise.append(NoiseSpan("ad", contents[0].start, contents[0].end))
        del contents[0]
    if not contents:
        return 0
    _unglue_title(contents)
    if not title_like(contents[0].text):
        return 0
    i = 1
    title = contents[0]
    while i < len(contents) and contents[i].text == title.text:
        # Scraped pages often repeat the title: the copy is page furniture.
        result.noise.append(NoiseSpan("header", contents[i].start, contents[i].end))
        del contents[i]
    if (
        i + 1 < len(contents)
        and _short_title_part(title.text)
        and _short_title_part(contents[i].text)
        and _signals_title_above(contents[i + 1].text)
        and not _signals_title_above(contents[i].text)
    ):
        second = contents[i]
        result.pieces.append(
            TextPiece("TITLE", title.start, second.end, f"{title.text} {second.text}")
        )
        i += 1
    else:
        result.pieces.append(text_piece("TITLE", title))
    if i < len(contents) and SUBTITLE.match(contents[i].text):
        result.pieces.append(text_piece("SUBTITLE", contents[i]))
        i += 1
    limit = i + 3
    while i < len(contents) and i < limit and _byline(contents[i].text):
        result.pieces.append(text_piece("BYLINE", contents[i]))
        i += 1
    return i
