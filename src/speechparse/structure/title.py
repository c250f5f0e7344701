"""Choose the document's title from scored candidates at the top of the page.

Scraped pages put many title-like lines above a speech: the site's name, a
breadcrumb, the page title (often with decorations, a compilation count, or
the site name appended), meta lines, an editor's blurb, the piece's item line
on a compilation page, and the document's own title, sometimes repeated or
glued to its salutation.  Position alone cannot tell them apart, so every
line of the top window is classified (frontmatter.py, title_patterns.py), the
title-like ones are scored by explainable signals, and the best one wins when
its score is high enough; the others become noise with their spans.  Each
candidate and its signals are kept on the lex result for the explain view.

The weights are few and round on purpose: each says how strongly one kind of
evidence speaks for a line being the document's own title.
"""

from __future__ import annotations

from speechparse.lexicon.line_patterns import SUBTITLE
from speechparse.lexicon.noise_patterns import is_ad_line
from speechparse.lexicon.title_patterns import GENRE_END, GENRE_WORD_SET, find_occasion, has_genre
from speechparse.model.nodes import NoiseKind
from speechparse.reading.content import Content
from speechparse.reading.noise import NoiseSpan
from speechparse.structure.frontmatter import line_kind
from speechparse.structure.glued import glued_title
from speechparse.structure.line_facts import despaced, has_han, is_byline, is_meta
from speechparse.structure.title_window import WINDOW, WindowLine, line_text, window
from speechparse.structure.tokens import LexResult, TextPiece, TitleCandidate, text_piece

__all__ = ["MIN_SCORE", "front_matter"]

MIN_SCORE = 1.0
"""A candidate scoring less is not a title: the document states none."""


def _below(kinds: list[str], pos: int) -> str:
    """The kind of the first line under ``pos`` that is not page meta or furniture."""
    for kind in kinds[pos + 1 :]:
        if kind not in _PASSED_BELOW:
            return kind
    return "end"


_PASSED_BELOW = frozenset(("meta", "furniture", "tag", "part", "ad"))
"""The kinds the look below a candidate passes over (page meta, furniture, a title's part)."""

_BELOW_WEIGHTS = {
    "salutation": 3.0,
    "subtitle": 3.0,
    "byline": 2.0,
    "heading": 2.0,
    "body": 1.0,
    "blurb": 0.0,
    "candidate": -1.0,
    "end": 0.5,
}

_BELOW_SIGNALS = {kind: f"below:{kind}" for kind in _BELOW_WEIGHTS}
"""Each ``below:`` signal's name, made once (every candidate adds one)."""


def _score(lines: list[WindowLine]) -> list[WindowLine]:
    """Weigh every candidate of the window; return them in window order."""
    kinds = [line.kind for line in lines]
    candidates = [line for line in lines if line.kind == "candidate"]
    texts = [line_text(line) for line in lines]
    first_real = 0
    for i, kind in enumerate(kinds):
        if kind != "furniture":
            first_real = i
            break
    subtitles = (
        [
            despaced(SUBTITLE.pattern.sub("", t, count=1))
            for t, kind in zip(texts, kinds, strict=True)
            if kind == "subtitle"
        ]
        if "subtitle" in kinds
        else []
    )
    # The candidates' own texts, white space dropped, in window order (the k-th
    # candidate met below is flats[k]): asked of every pair of candidates.
    flats = [despaced(texts[pos]) for pos, kind in enumerate(kinds) if kind == "candidate"]
    seen_candidate = body_after_candidate = subtitle_seen = False
    last = len(lines) - 1
    k = -1
    for pos, line in enumerate(lines):
        kind = kinds[pos]
        if kind != "candidate":
            if seen_candidate:
                if kind in ("body", "blurb"):
                    body_after_candidate = True
                elif kind == "subtitle":
                    subtitle_seen = True
            continue
        seen_candidate = True
        k += 1
        text = texts[pos]
        flat = flats[k]
        add = line.add
        if pos == first_real:
            add("first", 1)
        genre_end = GENRE_END.search(flat) is not None  # a genre word at the end is one
        if genre_end or has_genre(flat):
            add("genre", 2)
            if genre_end:
                add("genre-end", 1)
            if flat in GENRE_WORD_SET:
                add("only-genre", -1)  # 心得体会 alone: a channel name as often as a title
        if subtitles and any(flat == sub or (sub and sub in flat) for sub in subtitles):
            add("echoes-subtitle", -3)
        if find_occasion(flat):
            add("occasion", 2)
        if not has_han(text, 4):
            add("short", -2)
        elif len(text) > 50:
            add("long", -1)
        below = _below(kinds, pos)
        add(_BELOW_SIGNALS.get(below) or f"below:{below}", _BELOW_WEIGHTS.get(below, 0.0))
        if texts.count(text) > 1 or _copy_glued_below(lines, pos, text):
            add("repeated", 2)
        index = line.index
        for other, other_text in zip(candidates, flats, strict=True):
            if other is line:
                continue
            if (
                other.index > index
                and len(other_text) >= 4
                and other_text in flat
                and other_text != flat
            ):
                add("holds-later", -3)
                break
            if other.index < index and flat in other_text and flat != other_text:
                add("inside-earlier", 1)
                break
        labels = line.labels
        if labels:
            for label, signal, weight in _LABEL_SIGNALS:
                if label in labels:
                    add(signal, weight)
        if pos < last and kinds[pos + 1] == "meta":
            add("meta-below", -0.5)  # a page title stands on its meta lines
        if body_after_candidate and "item" not in labels:
            add("after-body", -3)
        if subtitle_seen:
            add("after-subtitle", -3)  # a title stands above its —— subtitle, not below
        if pos:
            add("position", -0.1 * pos)
    return candidates


_LABEL_SIGNALS = (
    ("compilation", "compilation", -2),
    ("item", "item-label", 3),
    ("listing", "listing", -1),
    ("decoration", "decorated", -0.5),
    ("suffix", "site-suffix", -1),  # 标题_某某网: the page's title, not the author's
)
"""What each stripped label says about a candidate: (label, signal, weight), in signal order."""


def _copy_glued_below(lines: list[WindowLine], pos: int, text: str) -> bool:
    return any(
        line.content.text.startswith(text) and len(line.content.text) > len(text)
        for line in lines[pos + 1 :]
        if line.kind != "candidate"
    )


def front_matter(contents: list[Content], result: LexResult) -> int:
    """Emit title, subtitle and bylines (and the noise above them); return the body start."""
    while contents and is_ad_line(contents[0].text):
        # A site's ad above the document is not its title.
        result.noise.append(NoiseSpan("ad", contents[0].start, contents[0].end))
        del contents[0]
    if not contents:
        return 0
    _split_after_outline(contents)
    outline = _outline_before_title(contents)
    if outline:
        rest = contents[outline:]
        taken = _choose(rest, result)
        if result.pieces:
            # The title came after the outline: its lines leave the body, the outline stays.
            del contents[outline : outline + taken]
            return 0
    return _choose(contents, result)


OUTLINE_MIN = 3
"""Numbered lines at the very top, before any title, that make an outline block."""


def _outline_before_title(contents: list[Content]) -> int:
    """The length of an outline printed above the title (提纲 first, then the document).

    Three or more short numbered lines open the page, a title-like line with a
    genre word follows, and the outline's first heading comes back further
    down as the body's own heading.  0 when the page does not look so.
    """
    n = _leading_headings(contents)
    if n < OUTLINE_MIN or n >= len(contents):
        return 0
    t = contents[n].text
    if line_kind(t) != "candidate" or not has_genre(despaced(t)):
        return 0
    first = contents[0].text
    return n if any(c.text == first for c in contents[n + 1 :]) else 0


def _leading_headings(contents: list[Content]) -> int:
    """How many short numbered lines open the page (an outline's, at most 40)."""
    n = 0
    while n < min(len(contents), 40):
        t = contents[n].text
        if len(t) > 40 or line_kind(t) != "heading":
            break
        n += 1
    return n


def _split_after_outline(contents: list[Content]) -> None:
    """Cut a title glued to the body right under a leading numbered block (collapsed text)."""
    n = _leading_headings(contents)
    if n >= OUTLINE_MIN and n < len(contents):
        rest = contents[n : n + 1]
        glued_title(rest, 1)
        contents[n : n + 1] = rest


def _choose(contents: list[Content], result: LexResult) -> int:
    """The title stage proper over ``contents``; returns the index of the first body line."""
    glued_title(contents, WINDOW)
    lines = window(contents)
    candidates = _score(lines)
    best = max(candidates, key=lambda line: line.score, default=None)
    if best is not None and best.score < MIN_SCORE:
        best = None
    for line in candidates:
        result.title_candidates.append(
            TitleCandidate(
                start=line.content.start,
                end=line.content.end,
                text=line_text(line),
                score=round(line.score, 2),
                signals=tuple(line.signals),
                chosen=line is best,
            )
        )
    if best is None:
        return _no_title(lines, result)
    return _emit(contents, lines, best, result)


_NOISE_OF_KIND: dict[str, NoiseKind] = {
    "meta": "meta",
    "ad": "ad",
    "furniture": "header",
    "tag": "header",
    "candidate": "header",
    "blurb": "note",
    "body": "note",
    "subtitle": "note",
    "byline": "note",
}


def _no_title(lines: list[WindowLine], result: LexResult) -> int:
    """No title: page furniture and meta lines at the very top are still noise."""
    start = 0
    for line in lines:
        if line.kind not in ("meta", "furniture", "ad"):
            break
        _noise(result, _NOISE_OF_KIND[line.kind], line.content)
        start = line.index + 1
    return start


def _noise(result: LexResult, kind: NoiseKind, c: Content) -> None:
    result.noise.append(NoiseSpan(kind, c.start, c.end))


def _emit(
    contents: list[Content], lines: list[WindowLine], best: WindowLine, result: LexResult
) -> int:
    """The chosen title and what follows it; everything above it becomes noise."""
    for line in lines:
        if line.index >= best.index:
            break
        _noise(result, _NOISE_OF_KIND.get(line.kind, "note"), line.content)
    title = best.kept if best.kept is not None else best.content
    result.noise.extend(best.decorations)
    i = best.index + 1
    if best.second is not None:
        second = best.second
        result.pieces.append(
            TextPiece("TITLE", title.start, second.end, f"{title.text} {second.text}")
        )
        i += 1
    else:
        result.pieces.append(text_piece("TITLE", title))
    return _after_title(contents, i, title.text, result)


def _after_title(contents: list[Content], i: int, title: str, result: LexResult) -> int:
    """Subtitle and bylines under the title; meta lines and copies among them are noise."""
    subtitle_allowed = True
    bylines = 0
    while i < len(contents) and bylines < 3:
        c = contents[i]
        if c.text == title:
            _noise(result, "header", c)
        elif is_meta(c.text):
            _noise(result, "meta", c)
        elif subtitle_allowed and SUBTITLE.match(c.text):
            result.pieces.append(text_piece("SUBTITLE", c))
            subtitle_allowed = False
        elif is_byline(c.text):
            result.pieces.append(text_piece("BYLINE", c))
            subtitle_allowed = False
            bylines += 1
        else:
            break
        i += 1
    return i
