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

from dataclasses import dataclass, field

from speechparse.lexicon.chars import holds_any
from speechparse.lexicon.compilation_labels import ITEM_LABEL_START, LISTING_NUMBER
from speechparse.lexicon.line_patterns import SUBTITLE
from speechparse.lexicon.noise_patterns import is_ad_line
from speechparse.lexicon.numbering import match_numbering
from speechparse.lexicon.numerals import to_int
from speechparse.lexicon.title_patterns import GENRE, GENRE_END, OCCASION
from speechparse.model.nodes import NoiseKind
from speechparse.reading.content import Content
from speechparse.reading.noise import NoiseSpan
from speechparse.structure.frontmatter import (
    despaced,
    has_han,
    is_byline,
    is_meta,
    line_kind,
    short_title_part,
    signals_title_above,
    strip_decorations,
    title_like,
)
from speechparse.structure.glued import glued_title
from speechparse.structure.tokens import LexResult, TextPiece, TitleCandidate, text_piece

__all__ = ["MIN_SCORE", "front_matter"]

WINDOW = 16
"""How many lines at the top may hold page furniture, notes and the title block."""

BODY_LINES_IN_WINDOW = 3
"""Blurbs a page may put above the title before the window closes."""

MIN_SCORE = 1.0
"""A candidate scoring less is not a title: the document states none."""


@dataclass(slots=True)
class _Line:
    """One line of the top window as the title stage sees it."""

    index: int
    content: Content
    kind: str
    """candidate, meta, furniture, ad, tag, blurb, body, subtitle, byline, salutation, heading."""
    kept: Content | None = None
    """For a candidate: the line without its decorations."""
    decorations: list[NoiseSpan] = field(default_factory=list)
    labels: tuple[str, ...] = ()
    """What was stripped: decoration, compilation, item, listing."""
    score: float = 0.0
    signals: list[str] = field(default_factory=list)
    second: Content | None = None
    """The second line of a title broken over two."""

    def add(self, name: str, weight: float) -> None:
        self.score += weight
        signal = _SIGNALS.get((name, weight))
        if signal is None:
            sign = "+" if weight >= 0 else ""
            signal = _SIGNALS[name, weight] = f"{name}{sign}{weight:g}"
        self.signals.append(signal)


_SIGNALS: dict[tuple[str, float], str] = {}
"""Each signal's text by name and weight, formatted once: the names and weights are few
(the position's weight has one value per window line), and every candidate adds several."""


def _window(contents: list[Content]) -> list[_Line]:
    """Classify the top lines up to the salutation, the first heading or the body."""
    lines: list[_Line] = []
    body_seen = 0
    for k, c in enumerate(contents[:WINDOW]):
        kind = line_kind(c.text)
        if k == 0 and kind == "heading" and _listed_title(contents):
            kind = "candidate"
        elif kind == "heading" and lines and _notice_goes_on(lines[-1], c.text):
            kind = "ad"  # 2、下载前请先预览: the next item of a site's numbered notice
        elif kind == "heading" and _compilation_item(lines, c.text):
            kind = "candidate"  # 第1篇：学党史 悟思想 under a compilation page title
        elif kind == "candidate" and lines and _addressee(lines[-1], c.text):
            kind = "salutation"  # 区委：, 全县广大党员干部：under a report's or a letter's title
        if kind in ("salutation", "heading"):
            lines.append(_Line(k, c, kind))
            break
        line = _Line(k, c, kind)
        if kind == "meta" and (cut := _meta_after_title(c.text)) is not None:
            # 在…会议上的讲话  作者：佚名  发布时间：…: the meta printed on the title's line
            head_end, meta_at = cut
            line.kind, line.kept = "candidate", c.slice(0, head_end)
            line.decorations = [NoiseSpan("meta", *c.span(meta_at, len(c.text)))]
        elif (
            kind == "candidate" or (kind in ("body", "blurb") and _worth_stripping(c.text))
        ) and len(c.text) <= 90:
            kept, decorations, labels = strip_decorations(c)
            if kept is not None:
                line.kind = "candidate"
                line.kept, line.decorations, line.labels = kept, decorations, labels
            elif kind == "candidate":
                line.kind = "furniture"
        lines.append(line)
        if kind in ("body", "blurb"):
            body_seen += 1
            if body_seen > BODY_LINES_IN_WINDOW:
                break
    _join_two_line_titles(lines)
    return lines


_TITLE_META_GAPS = ("  ", "\u3000", "\t")
"""White space that sets a page's meta fields apart from the title on one line."""


def _meta_after_title(t: str) -> tuple[int, int] | None:
    """Where a title ends and the meta fields printed after it begin, on one line.

    Only a title-like head with a genre word or an occasion, set apart by a
    wide gap from a tail that is itself a meta line, is split off: a meta line
    of its own (来源：…  作者：…) has no such head.
    """
    gaps = [i for i in (t.find(gap) for gap in _TITLE_META_GAPS) if i > 0]
    if not gaps:
        return None
    head_end = min(gaps)
    head = t[:head_end]
    meta_at = len(t) - len(t[head_end:].lstrip(" \t\u3000"))
    if not (GENRE.search(head) or OCCASION.search(head)) or line_kind(head) != "candidate":
        return None
    return (head_end, meta_at) if is_meta(t[meta_at:]) else None


_ADDRESSEE_MAX = 30
"""The longest addressee line (各乡镇党委、政府，县直各部门：) read as one."""


def _addressee(above: _Line, t: str) -> bool:
    """Whether ``t``, under a title-like line, names whom a report or letter is for.

    A report (报告) or an open letter (一封信) puts its addressee under the
    title — 区委：, 全县广大党员干部： — where a speech puts 同志们：.  Only a
    short line ending in a colon, with no colon before, directly under a
    candidate, and no genre word (研讨发言：, the first half of a two-line
    title, stays a candidate).
    """
    return (
        above.kind == "candidate"
        and len(t) <= _ADDRESSEE_MAX
        and t[-1] in "：:"
        and not holds_any(t[:-1], "：:。！？!?；;")
        and GENRE.search(t) is None
    )


def _compilation_item(lines: list[_Line], t: str) -> bool:
    """Whether ``t`` is a piece's item line under a compilation's page title above it.

    Without a genre word an item line (第1篇：学党史 悟思想 办实事) reads as a
    heading; under a page title that carried a compilation count ((精选6篇))
    it is the visible piece's own title line.
    """
    if not any("compilation" in line.labels for line in lines):
        return False
    m = ITEM_LABEL_START.match(t)
    return m is not None and m.end() < len(t) and title_like(t[m.end() :])


def _notice_goes_on(above: _Line, t: str) -> bool:
    """Whether ``t`` is numbered on from a numbered site notice just above it."""
    if above.kind != "ad":
        return False
    prev, this = match_numbering(above.content.text), match_numbering(t)
    if prev is None or this is None or prev[0] is not this[0]:
        return False
    n = to_int(prev[1].group("num"))
    return n is not None and to_int(this[1].group("num")) == n + 1


def _worth_stripping(t: str) -> bool:
    """Whether a line that reads as text may still be a title once decorations are cut off.

    A decoration or label ends the line with a bracket, an ASCII character (.docx,
    3.1W) or a compilation word; other body lines are not worth the patterns.
    """
    return t[-1] in "）)]】］" or t[-1].isascii() or "篇" in t


def _listed_title(contents: list[Content]) -> bool:
    """A listing's item number before the page's title (15.在…会上的表态发言).

    Only on the first line, with a number other than 1, a title after it, and
    no next number further down: a real list goes on.
    """
    m = LISTING_NUMBER.match(contents[0].text)
    number = to_int(m.group("num")) if m is not None else None
    if m is None or number is None or number <= 1:
        return False
    rest = contents[0].text[m.end() :]
    if not (GENRE_END.search(rest) or OCCASION.search(rest)) or not title_like(rest):
        return False
    for c in contents[1:60]:
        later = LISTING_NUMBER.match(c.text)
        if later is not None and to_int(later.group("num")) == number + 1:
            return False  # the list numbers on: it is the document's own
    return True


def _join_two_line_titles(lines: list[_Line]) -> None:
    """A title broken over two short lines, with what marks a title under them, is one candidate."""
    for pos in range(len(lines) - 2):
        a, b, below = lines[pos], lines[pos + 1], lines[pos + 2]
        if (
            a.kind == "candidate"
            and b.kind == "candidate"
            and not a.labels
            and set(b.labels) <= {"decoration", "suffix"}
            and a.content.text != _text(b)
            and short_title_part(a.content.text)
            and short_title_part(_text(b))
            and not GENRE_END.search(despaced(a.content.text))
            and not _letter_spaced(b.content.text)
            and signals_title_above(below.content.text)
            and not signals_title_above(b.content.text)
        ):
            a.second = b.kept if b.kept is not None else b.content
            a.decorations.extend(b.decorations)
            b.kind = "part"


def _letter_spaced(t: str) -> bool:
    """政 府 工 作 报 告: a line set with a space between characters is a title on its own."""
    flat = despaced(t)
    return len(flat) >= 3 and len(t) >= 2 * len(flat) - 1


def _text(line: _Line) -> str:
    if line.second is not None:
        return f"{line.content.text} {line.second.text}"
    return line.kept.text if line.kept is not None else line.content.text


def _below(lines: list[_Line], pos: int) -> str:
    """The kind of the first line under ``pos`` that is not page meta or furniture."""
    for line in lines[pos + 1 :]:
        if line.kind in ("meta", "furniture", "tag", "part", "ad"):
            continue
        return line.kind
    return "end"


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


def _score(lines: list[_Line]) -> list[_Line]:
    """Weigh every candidate of the window; return them in window order."""
    candidates = [line for line in lines if line.kind == "candidate"]
    texts = [_text(line) for line in lines]
    first_real = next((i for i, line in enumerate(lines) if line.kind != "furniture"), 0)
    subtitles = [
        despaced(SUBTITLE.pattern.sub("", t, count=1))
        for t, line in zip(texts, lines, strict=True)
        if line.kind == "subtitle"
    ]
    flats = [despaced(_text(line)) for line in candidates]
    seen_candidate = body_after_candidate = subtitle_seen = False
    for pos, line in enumerate(lines):
        if line.kind in ("body", "blurb") and seen_candidate:
            body_after_candidate = True
        if line.kind == "subtitle" and seen_candidate:
            subtitle_seen = True
        if line.kind != "candidate":
            continue
        seen_candidate = True
        text = texts[pos]
        flat = despaced(text)
        if pos == first_real:
            line.add("first", 1)
        genre_end = GENRE_END.search(flat) is not None  # a genre word at the end is one
        if genre_end or GENRE.search(flat):
            line.add("genre", 2)
            if genre_end:
                line.add("genre-end", 1)
            if GENRE.fullmatch(flat):
                line.add("only-genre", -1)  # 心得体会 alone: a channel name as often as a title
        if subtitles and any(flat == sub or (sub and sub in flat) for sub in subtitles):
            line.add("echoes-subtitle", -3)
        if OCCASION.search(flat):
            line.add("occasion", 2)
        if not has_han(text, 4):
            line.add("short", -2)
        elif len(text) > 50:
            line.add("long", -1)
        below = _below(lines, pos)
        line.add(f"below:{below}", _BELOW_WEIGHTS.get(below, 0.0))
        if texts.count(text) > 1 or _copy_glued_below(lines, pos, text):
            line.add("repeated", 2)
        for other, other_text in zip(candidates, flats, strict=True):
            if other is line:
                continue
            if (
                other.index > line.index
                and len(other_text) >= 4
                and other_text in flat
                and other_text != flat
            ):
                line.add("holds-later", -3)
                break
            if other.index < line.index and flat in other_text and flat != other_text:
                line.add("inside-earlier", 1)
                break
        labels = line.labels
        if labels:
            for label, signal, weight in _LABEL_SIGNALS:
                if label in labels:
                    line.add(signal, weight)
        if pos + 1 < len(lines) and lines[pos + 1].kind == "meta":
            line.add("meta-below", -0.5)  # a page title stands on its meta lines
        if body_after_candidate and "item" not in labels:
            line.add("after-body", -3)
        if subtitle_seen:
            line.add("after-subtitle", -3)  # a title stands above its —— subtitle, not below
        if pos:
            line.add("position", -0.1 * pos)
    return candidates


_LABEL_SIGNALS = (
    ("compilation", "compilation", -2),
    ("item", "item-label", 3),
    ("listing", "listing", -1),
    ("decoration", "decorated", -0.5),
    ("suffix", "site-suffix", -1),  # 标题_某某网: the page's title, not the author's
)
"""What each stripped label says about a candidate: (label, signal, weight), in signal order."""


def _copy_glued_below(lines: list[_Line], pos: int, text: str) -> bool:
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
    if line_kind(t) != "candidate" or not GENRE.search(despaced(t)):
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
    lines = _window(contents)
    candidates = _score(lines)
    best = max(candidates, key=lambda line: line.score, default=None)
    if best is not None and best.score < MIN_SCORE:
        best = None
    for line in candidates:
        result.title_candidates.append(
            TitleCandidate(
                start=line.content.start,
                end=line.content.end,
                text=_text(line),
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


def _no_title(lines: list[_Line], result: LexResult) -> int:
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


def _emit(contents: list[Content], lines: list[_Line], best: _Line, result: LexResult) -> int:
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
