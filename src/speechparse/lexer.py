"""Turn a document's text into line tokens for the grammar.

The lexer owns every decision that needs a look at a line's words (is this a
heading, a salutation, an advertisement?) or at the document as a whole
(which numbering style is level 1, where the speech ends and the trailer
begins).  The grammar then only says how the tokens compose, and any token
stream this module emits is one the grammar accepts.

Token types (the grammar's terminals):
``TITLE SUBTITLE BYLINE SALUTATION TEXT H1..H6 CLOSING AD SIGNATURE DATE``.
Blank lines and noise are not tokens: they are kept aside as spans.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

import regex

from speechparse.model.nodes import Diagnostic
from speechparse.noise import WHITESPACE, NoiseSpan, is_ad_line, line_noise, whole_line_noise
from speechparse.numerals import to_int
from speechparse.patterns import (
    AD_STRONG,
    AD_TRAILER,
    AUTHOR_LINE,
    CLOSING,
    COLLAPSED_BREAK,
    DATE_LINE,
    META_FIELD,
    PARENTHESISED_LINE,
    SALUTATION,
    SENTENCE_END,
    SUBTITLE,
    TITLE_GLUE,
    match_numbering,
)
from speechparse.runin import heading_end
from speechparse.source import split_lines

__all__ = ["MAX_LEVEL", "Content", "HeadingPiece", "LexResult", "TextPiece", "lex"]

MAX_LEVEL = 6
"""Deepest section level the grammar has rules for."""

_CONTACT = regex.compile(r"[：:]\s*+[A-Za-z0-9]|[0-9]{5}|@|https?://|www\.")


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

    def slice(self, lo: int, hi: int) -> Content:
        """The content of ``text[lo:hi]``, positions still exact."""
        if self.breaks is None:
            return Content(self.start + lo, self.start + hi, self.text[lo:hi])
        k = bisect_right(self.breaks, (lo, 1 << 62))
        breaks = [(0, self.pos(lo))]
        breaks.extend((c - lo, src) for c, src in self.breaks[k:] if c < hi)
        return Content(self.pos(lo), self.end_pos(hi), self.text[lo:hi], breaks)


@dataclass(slots=True)
class TextPiece:
    """A token's payload for every line kind but headings."""

    kind: str
    start: int
    end: int
    text: str


@dataclass(slots=True)
class HeadingPiece:
    """A heading token's payload: the marker and the heading, located."""

    level: int
    style: str
    number: int | None
    marker: str
    marker_span: tuple[int, int]
    heading: str
    heading_span: tuple[int, int]
    run_in: bool

    @property
    def kind(self) -> str:
        """The grammar terminal for this heading."""
        return f"H{self.level}"


Piece = TextPiece | HeadingPiece


@dataclass(slots=True)
class LexResult:
    """Tokens for the parser plus what is kept beside the tree."""

    pieces: list[Piece] = field(default_factory=list)
    noise: list[NoiseSpan] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)


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


def _read_lines(text: str, result: LexResult) -> list[Content]:
    """Content of every line that is neither blank nor wholly noise."""
    contents: list[Content] = []
    for line in split_lines(text):
        start, end = line.start, line.end
        while start < end and text[start] in WHITESPACE:
            start += 1
        while end > start and text[end - 1] in WHITESPACE:
            end -= 1
        if start == end:
            continue
        inner = line_noise(text, start, end)
        content = _content(text, start, end, inner)
        if content is None:
            result.noise.extend(inner)
            continue
        kind = whole_line_noise(content.text)
        if kind is not None:
            result.noise.append(NoiseSpan(kind, start, end))
            continue
        result.noise.extend(inner)
        if len(content.text) >= COLLAPSED_MIN:
            contents.extend(_split_collapsed(content))
        else:
            contents.append(content)
    return contents


COLLAPSED_MIN = 600
"""A line this long may be several paragraphs whose line breaks were lost."""


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


def _piece(kind: str, c: Content, lo: int = 0, hi: int | None = None) -> TextPiece:
    """A text token for ``c.text[lo:hi]``."""
    hi = len(c.text) if hi is None else hi
    return TextPiece(kind, c.pos(lo), c.end_pos(hi), c.text[lo:hi])


def _title_like(t: str) -> bool:
    """Whether a line reads as a title rather than as running text."""
    if len(t) > 80 or match_numbering(t) is not None or SALUTATION.match(t):
        return False
    if any(ch in "。；;" for ch in t) or any(ch in SENTENCE_END for ch in t[:-1]):
        return False
    return not (SUBTITLE.match(t) or _byline(t) or _is_meta(t))


def _byline(t: str) -> bool:
    """A date, venue or author line as found under a title."""
    return bool(PARENTHESISED_LINE.match(t) or DATE_LINE.match(t) or AUTHOR_LINE.match(t))


def _is_meta(t: str) -> bool:
    """A web page's meta line (来源：… 作者：… 发布时间：…)."""
    return len(t) <= 150 and (
        META_FIELD.match(t) is not None or len(META_FIELD.findall(t, concurrent=False)) >= 2
    )


def _short_title_part(t: str) -> bool:
    """One line of a title broken over two: short and without any comma or exclamation."""
    return len(t) <= 40 and _title_like(t) and not any(ch in "，,！!：:" for ch in t)


def _signals_title_above(t: str) -> bool:
    """What typically stands under a document's own title."""
    return bool(SUBTITLE.match(t) or _byline(t) or SALUTATION.match(t) or _is_meta(t))


_FRONT_WINDOW = 12
"""How many lines at the top may hold a web header, notes and the title block."""


def _web_header(contents: list[Content], result: LexResult) -> list[Content]:
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
            if not _title_like(here):
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
    if m is None or m.start() < 4 or not _title_like(first.text[: m.start()]):
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


def _front_matter(contents: list[Content], result: LexResult) -> int:
    """Emit title, subtitle and bylines; return the index of the first body line."""
    if not contents:
        return 0
    _unglue_title(contents)
    if not _title_like(contents[0].text):
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
        result.pieces.append(_piece("TITLE", title))
    if i < len(contents) and SUBTITLE.match(contents[i].text):
        result.pieces.append(_piece("SUBTITLE", contents[i]))
        i += 1
    limit = i + 3
    while i < len(contents) and i < limit and _byline(contents[i].text):
        result.pieces.append(_piece("BYLINE", contents[i]))
        i += 1
    return i


def _trailer_kind(t: str, after: str | None) -> str | None:
    """The trailer kind of a line judged from the end backwards, or None.

    ``after`` is the kind of the trailer line below it: a short unpunctuated
    line counts as a signature only when a date or signature follows it.
    """
    if len(t) <= 60 and CLOSING.search(t):
        return "CLOSING"
    if AD_STRONG.search(t) or (
        AD_TRAILER.search(t) and (t[0] in "【[" or _CONTACT.search(t) is not None)
    ):
        return "AD"
    if DATE_LINE.match(t):
        return "DATE"
    if (
        after in {"DATE", "SIGNATURE"}
        and len(t) <= 30
        and not any(ch in "。！？!?，,；;：:" for ch in t)
        and match_numbering(t) is None
    ):
        return "SIGNATURE"
    return None


def _trailer_start(contents: list[Content], body_start: int) -> tuple[int, list[str]]:
    """First content index of the trailer and the kinds of its lines."""
    kinds: list[str] = []
    i = len(contents)
    after: str | None = None
    while i > body_start:
        kind = _trailer_kind(contents[i - 1].text, after)
        if kind is None:
            break
        kinds.append(kind)
        after = kind
        i -= 1
    kinds.reverse()
    return i, kinds


class _Levels:
    """Assign levels from the order numbering styles appear in the document.

    The outermost style met is level 1, a new style met inside it level 2, and
    so on; a marker that neither continues an open sequence nor starts a new
    one at 1 is not a heading.  Irregular sequences become diagnostics.
    """

    def __init__(self, result: LexResult) -> None:
        self.stack: list[tuple[str, int | None]] = []
        self.last_seen: dict[str, int | None] = {}
        self.result = result

    def place(self, style: str, number: int | None, span: tuple[int, int]) -> int | None:
        """The level for this marker, or None when it is not a heading."""
        for depth, (name, last) in enumerate(self.stack):
            if name == style:
                self._check(last, number, span)
                del self.stack[depth:]
                self.stack.append((style, number))
                self.last_seen[style] = number
                return depth + 1
        if self.stack and number not in (1, None) and not self._continues(style, number):
            return None
        if len(self.stack) >= MAX_LEVEL:
            self._warn("level-too-deep", f"numbering nested deeper than {MAX_LEVEL}", span)
            return None
        if not self.stack and number not in (1, None):
            self._warn("numbering-starts-late", f"first heading is numbered {number}", span)
        self.stack.append((style, number))
        self.last_seen[style] = number
        return len(self.stack)

    def _continues(self, style: str, number: int | None) -> bool:
        """A style numbered straight on across parents: 第二章's （三） after 第一章's （二）."""
        last = self.last_seen.get(style)
        return last is not None and number is not None and number == last + 1

    def _check(self, last: int | None, number: int | None, span: tuple[int, int]) -> None:
        if last is None or number is None or number == last + 1:
            return
        if number == last:
            self._warn("numbering-repeat", f"number {number} repeated", span)
        elif number > last + 1:
            self._warn("numbering-gap", f"numbering jumps from {last} to {number}", span)
        else:
            self._warn("numbering-restart", f"numbering goes back from {last} to {number}", span)

    def _warn(self, code: str, message: str, span: tuple[int, int]) -> None:
        self.result.diagnostics.append(Diagnostic(code=code, message=message, span=span))


def _heading(c: Content, levels: _Levels, result: LexResult) -> bool:
    """Emit a heading (and its run-in paragraph) for ``c`` if it is one."""
    found = match_numbering(c.text)
    if found is None:
        return False
    style, m = found
    if style.own_line and m.end() != len(c.text.rstrip(WHITESPACE)):
        return False
    number = to_int(m.group("num"))
    marker_span = (c.pos(0), c.end_pos(m.end()))
    level = levels.place(style.name, number, marker_span)
    if level is None:
        return False
    rest_at = m.end()
    while rest_at < len(c.text) and c.text[rest_at] in WHITESPACE:
        rest_at += 1
    k = heading_end(c.text[rest_at:])
    stop = len(c.text) if k < 0 else rest_at + k
    heading = c.text[rest_at:stop]
    if k >= 0:
        heading = heading[:-1]
    heading = heading.rstrip(WHITESPACE)
    body_at = stop
    while body_at < len(c.text) and c.text[body_at] in WHITESPACE:
        body_at += 1
    run_in = body_at < len(c.text)
    hstart = c.pos(rest_at) if rest_at < len(c.text) else marker_span[1]
    result.pieces.append(
        HeadingPiece(
            level=level,
            style=style.name,
            number=number,
            marker=m.group().rstrip(WHITESPACE),
            marker_span=marker_span,
            heading=heading,
            heading_span=(hstart, max(hstart, c.end_pos(stop))),
            run_in=run_in,
        )
    )
    if run_in:
        result.pieces.append(_piece("TEXT", c, body_at))
    return True


def lex(text: str) -> LexResult:
    """Tokens, noise and diagnostics for a whole document."""
    result = LexResult()
    contents = _web_header(_read_lines(text, result), result)
    body_start = _front_matter(contents, result)
    trailer_at, trailer_kinds = _trailer_start(contents, body_start)
    levels = _Levels(result)
    for c in contents[body_start:trailer_at]:
        if is_ad_line(c.text):
            result.noise.append(NoiseSpan("ad", c.start, c.end))
            continue
        if _heading(c, levels, result):
            continue
        kind = "SALUTATION" if len(c.text) <= 40 and SALUTATION.match(c.text) else "TEXT"
        result.pieces.append(_piece(kind, c))
    for c, kind in zip(contents[trailer_at:], trailer_kinds, strict=True):
        result.pieces.append(_piece(kind, c))
    result.noise.sort(key=lambda n: n.start)
    return result
