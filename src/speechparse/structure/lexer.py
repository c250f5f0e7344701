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

from bisect import bisect_left

import regex

from speechparse.lexicon.chars import PARAGRAPH_INDENT, WHITESPACE, skip_space
from speechparse.lexicon.line_patterns import SALUTATION
from speechparse.lexicon.noise_patterns import is_ad_line
from speechparse.lexicon.numbering import NUMBERING_FIRST, match_numbering
from speechparse.lexicon.numerals import to_int
from speechparse.model.nodes import Block
from speechparse.reading.content import Content
from speechparse.reading.noise import NoiseSpan
from speechparse.structure.levels import MAX_LEVEL, Mark, plan
from speechparse.structure.runin import heading_end
from speechparse.structure.title import front_matter
from speechparse.structure.toc import drop_toc
from speechparse.structure.tokens import (
    BodyPiece,
    HeadingPiece,
    LexResult,
    Piece,
    paragraph,
    salutation,
    text_piece,
)
from speechparse.structure.trailer import related_list, site_chrome, trailer_start

__all__ = ["lex"]


_HEADING_TYPES = {level: f"H{level}" for level in range(1, MAX_LEVEL + 1)}
"""The grammar terminal of each level (one string per level, not formatted per heading)."""


def _heading(c: Content, mark: Mark, m: regex.Match[str], level: int) -> tuple[HeadingPiece, int]:
    """The heading token for ``c`` at ``level``, and where its run-in paragraph starts.

    ``mark`` carries what the first pass already worked out (style, number,
    marker span); ``m`` is the marker's match.
    """
    text = c.text
    marker = m.group().rstrip(WHITESPACE)
    marker_span = mark.span
    rest_at = skip_space(text, m.end())
    k = heading_end(text[rest_at:]) if rest_at < len(text) else -1
    stop = len(text) if k < 0 else rest_at + k
    gap = text.find(PARAGRAPH_INDENT, rest_at, stop) if PARAGRAPH_INDENT in text else -1
    if gap > rest_at and skip_space(text, gap) < len(text):
        # 一、坚定理想信念　　理想信念是……: a paragraph's indentation inside the line
        # starts the body (a scraper joined the blocks), before any sentence end.
        heading = text[rest_at:gap].rstrip(WHITESPACE)
        stop = gap
    else:
        heading = text[rest_at : stop - 1 if k >= 0 else stop].rstrip(WHITESPACE)
    body_at = skip_space(text, stop)
    heading_span = c.span(rest_at, stop) if stop > rest_at else (marker_span[1], marker_span[1])
    piece = HeadingPiece(
        _HEADING_TYPES[level],
        level,
        mark.style.name,
        mark.number,
        marker,
        marker_span,
        heading,
        heading_span,
        body_at < len(text),
    )
    return piece, body_at


def _gap_before(contents: list[Content], i: int, paywalls: list[int]) -> bool:
    """Whether paywall noise (hidden text) stands between content ``i`` and the one before."""
    if not paywalls:
        return False
    lo = contents[i - 1].end if i else 0
    k = bisect_left(paywalls, lo)
    return k < len(paywalls) and paywalls[k] < contents[i].start


def _body_marks(
    contents: list[Content], body_start: int, trailer_at: int, noise: list[NoiseSpan]
) -> tuple[list[Block | None], list[int], list[Mark], list[regex.Match[str]]]:
    """The one pass over the body's lines: chrome set aside, numbered lines marked.

    A line that is a site's chrome (its numbered notices, ad lines) is
    recorded as ad noise.  A numbered line gets a :class:`Mark`, with the
    marker's match beside it, and a ``None`` slot in the returned blocks (its
    index in the returned slots): whether it is a heading waits for the level
    plan over all marks.  Every other line's paragraph or salutation node is
    made right here, so that the blocks between two headings reach the
    parser as one slice.  Only a line whose first character can start a
    marker is matched (``NUMBERING_FIRST``): most body lines are running text.
    """
    chrome = {body_start + k for k in site_chrome(contents[body_start:trailer_at])}
    paywalls = sorted(n.start for n in noise if n.kind == "paywall")
    blocks: list[Block | None] = []
    slots: list[int] = []
    marks: list[Mark] = []
    matches: list[regex.Match[str]] = []
    # Hoisted: this loop runs over every body line.
    numbering_first, numbered, salutation_match = NUMBERING_FIRST, match_numbering, SALUTATION.match
    for i in range(body_start, trailer_at):
        c = contents[i]
        text = c.text
        if (chrome and i in chrome) or is_ad_line(text):
            noise.append(NoiseSpan("ad", c.start, c.end))
            continue
        if text[0] in numbering_first:
            found = numbered(text)
            if found is not None:
                style, m = found
                # An own-line style counts only when nothing follows the marker.
                if not style.own_line or m.end() == len(text.rstrip(WHITESPACE)):
                    after_gap = _gap_before(contents, i, paywalls) if paywalls else False
                    span = c.span(0, len(m.group().rstrip(WHITESPACE)))
                    marks.append(Mark(i, style, to_int(m.group("num")), span, after_gap))
                    matches.append(m)
                    slots.append(len(blocks))
                    blocks.append(None)
                    continue
        if len(text) <= 40 and salutation_match(text):
            blocks.append(salutation(c))
        else:
            blocks.append(paragraph(c))
    return blocks, slots, marks, matches


def _block(c: Content) -> Block:
    """The salutation or paragraph node of a body line that is not a heading."""
    if len(c.text) <= 40 and SALUTATION.match(c.text):
        return salutation(c)
    return paragraph(c)


def lex(text: str, contents: list[Content], noise: list[NoiseSpan]) -> LexResult:
    """Tokens, noise and diagnostics for a whole document.

    ``contents`` and ``noise`` are what the reading stage made of ``text``
    (:func:`speechparse.reading.content.read_contents`): the lexer only reads
    them, it never reads lines itself, so data flows one way.  ``noise``
    becomes the result's noise list (the same list, extended in place).

    The body is read once: every line's node is made and every numbered line
    collected, then levels are planned over all of them (levels.py), then the
    headings cut the nodes into the runs between them.
    """
    result = LexResult(noise=noise)
    contents = drop_toc(text, contents, result.noise)
    body_start = front_matter(contents, result)
    related = related_list(contents, body_start)
    if related is not None:
        result.noise.extend(NoiseSpan("ad", c.start, c.end) for c in contents[related:])
        contents = contents[:related]
    trailer_at, trailer_kinds = trailer_start(contents, body_start)
    blocks, slots, marks, matches = _body_marks(contents, body_start, trailer_at, result.noise)
    levels = plan(marks, len(contents) - 1, result)
    pieces = result.pieces
    at = 0  # where the run of blocks not yet handed out starts
    for slot, mark, m, level in zip(slots, marks, matches, levels, strict=True):
        c = contents[mark.at]
        if level is None:
            blocks[slot] = _block(c)
            continue
        if slot > at:
            _run(pieces, blocks[at:slot])
        piece, body_at = _heading(c, mark, m, level)
        pieces.append(piece)
        if piece.run_in:
            blocks[slot] = paragraph(c, body_at)
            at = slot
        else:
            at = slot + 1
    if len(blocks) > at:
        _run(pieces, blocks[at:])
    for c, kind in zip(contents[trailer_at:], trailer_kinds, strict=True):
        pieces.append(text_piece(kind, c))
    result.noise = _outermost(result.noise)
    return result


def _run(pieces: list[Piece], blocks: list[Block | None]) -> None:
    """Hand a run of body blocks (every slot filled by now) to the parser as one BODY piece."""
    last = pieces[-1] if pieces else None
    if isinstance(last, BodyPiece):
        last.blocks.extend(blocks)  # type: ignore[arg-type]
    else:
        pieces.append(BodyPiece(blocks))  # type: ignore[arg-type]


def _outermost(noise: list[NoiseSpan]) -> list[NoiseSpan]:
    """Noise sorted by position, a paywall marker inside a noise line dropped.

    A line judged wholly noise (an ad, a meta line, a watermark) may already
    have had its paywall markers recorded; the line's span covers them.
    """
    if len(noise) < 2:
        return list(noise)  # most documents: nothing to sort or drop
    noise.sort(key=lambda n: (n.start, -n.end))
    out: list[NoiseSpan] = []
    for n in noise:
        if out and n.end <= out[-1].end:
            continue
        out.append(n)
    return out
