"""Turn a document's text into line tokens for the grammar.

The lexer owns every decision that needs a look at a line's words (is this a
heading, a salutation, an advertisement?) or at the document as a whole
(which numbering style is level 1, where the speech ends and the trailer
begins).  The grammar then only says how the tokens compose, and any token
stream this module emits is one the grammar accepts.

Token types (the grammar's terminals):
``TITLE SUBTITLE BYLINE BODY H1..H6 CLOSING AD SIGNATURE DATE``; a BODY piece
carries the paragraph and salutation nodes of a run of body lines (see
tokens.py).  Blank lines and noise are not tokens: they are kept aside as
spans.
"""

from __future__ import annotations

from speechparse.content import Content, read_contents
from speechparse.levels import Levels
from speechparse.noise import WHITESPACE, NoiseSpan, is_ad_line
from speechparse.numerals import to_int
from speechparse.patterns import SALUTATION, match_numbering
from speechparse.runin import heading_end
from speechparse.title import front_matter
from speechparse.tokens import HeadingPiece, LexResult, paragraph, salutation, text_piece
from speechparse.trailer import trailer_start

__all__ = ["lex"]


def _heading(c: Content, levels: Levels, result: LexResult) -> bool:
    """Emit a heading (and its run-in paragraph) for ``c`` if it is one."""
    text = c.text
    found = match_numbering(text)
    if found is None:
        return False
    style, m = found
    after = m.end()
    if style.own_line and after != len(text.rstrip(WHITESPACE)):
        return False
    number = to_int(m.group("num"))
    marker = m.group().rstrip(WHITESPACE)
    marker_span = c.span(0, len(marker))
    level = levels.place(style.name, number, marker_span)
    if level is None:
        return False
    rest_at = _skip_space(text, after)
    k = heading_end(text[rest_at:]) if rest_at < len(text) else -1
    stop = len(text) if k < 0 else rest_at + k
    heading = text[rest_at : stop - 1 if k >= 0 else stop].rstrip(WHITESPACE)
    body_at = _skip_space(text, stop)
    run_in = body_at < len(text)
    heading_span = c.span(rest_at, stop) if stop > rest_at else (marker_span[1], marker_span[1])
    result.pieces.append(
        HeadingPiece(
            type=f"H{level}",
            level=level,
            style=style.name,
            number=number,
            marker=marker,
            marker_span=marker_span,
            heading=heading,
            heading_span=heading_span,
            run_in=run_in,
        )
    )
    if run_in:
        result.block(paragraph(c, body_at))
    return True


def _skip_space(text: str, at: int) -> int:
    """The first index at or after ``at`` that is not white space."""
    if at < len(text) and text[at] in WHITESPACE:
        return len(text) - len(text[at:].lstrip(WHITESPACE))
    return at


def lex(text: str, *, unmask: bool = False) -> LexResult:
    """Tokens, noise and diagnostics for a whole document."""
    result = LexResult()
    contents = read_contents(text, result.noise, unmask=unmask)
    body_start = front_matter(contents, result)
    trailer_at, trailer_kinds = trailer_start(contents, body_start)
    levels = Levels(result)
    for c in contents[body_start:trailer_at]:
        if is_ad_line(c.text):
            result.noise.append(NoiseSpan("ad", c.start, c.end))
            continue
        if _heading(c, levels, result):
            continue
        if len(c.text) <= 40 and SALUTATION.match(c.text):
            result.block(salutation(c))
        else:
            result.block(paragraph(c))
    for c, kind in zip(contents[trailer_at:], trailer_kinds, strict=True):
        result.pieces.append(text_piece(kind, c))
    result.noise = _outermost(result.noise)
    return result


def _outermost(noise: list[NoiseSpan]) -> list[NoiseSpan]:
    """Noise sorted by position, a paywall marker inside a noise line dropped.

    A line judged wholly noise (an ad, a meta line, a watermark) may already
    have had its paywall markers recorded; the line's span covers them.
    """
    noise.sort(key=lambda n: (n.start, -n.end))
    out: list[NoiseSpan] = []
    for n in noise:
        if out and n.end <= out[-1].end:
            continue
        out.append(n)
    return out
