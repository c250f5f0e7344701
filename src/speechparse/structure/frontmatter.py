"""What a line at the top of a page is: the title stage's line classification.

title.py scores the candidates; this module says which lines are candidates
at all (title-like, once site decorations and compilation labels are cut off)
and what the others are (page meta, furniture, a template tag, a blurb, a
byline, a subtitle, the salutation, a heading, body text), and splits a title
glued to what follows it in collapsed text.  The rules are in
docs/architecture.md and the corpus README.
"""

from __future__ import annotations

from functools import lru_cache

from speechparse.lexicon.chars import WHITESPACE, holds_any
from speechparse.lexicon.compilation_labels import (
    COMPILATION_COUNT,
    ITEM_LABEL_END,
    ITEM_LABEL_START,
    LABEL_FIRST,
    LISTING_NUMBER,
    TRAILING_TAG,
)
from speechparse.lexicon.line_patterns import (
    SALUTATION,
    SUBTITLE,
)
from speechparse.lexicon.noise_patterns import is_ad_line
from speechparse.lexicon.numbering import match_numbering
from speechparse.lexicon.title_decorations import (
    DECORATION_FIRST,
    LEADING_DECORATION,
    LEADING_TAG,
    TRAILING_DECORATION,
    may_be_decorated,
    site_tail,
)
from speechparse.lexicon.title_patterns import (
    BLURB,
    BRACKET_TAG_FIRST,
    BRACKET_TAG_LINE,
    BREADCRUMB,
    BREADCRUMB_GATE,
    CATEGORY_TAIL,
    FURNITURE,
    GENRE_END,
    SITE_ADDRESS,
    SITE_NAME,
    SITE_NAME_MAX,
    SITE_PROMO,
    SITE_PROMO_MAX,
    find_occasion,
    has_genre,
)
from speechparse.model.nodes import NoiseKind
from speechparse.reading.content import Content
from speechparse.reading.noise import NoiseSpan
from speechparse.structure.line_facts import (
    META_ONLY_DECORATION_MAX,
    has_han,
    is_byline,
    is_meta,
    title_like,
)
from speechparse.structure.trailer import AD_STRONG_SCAN, is_site_notice

__all__ = [
    "decorations_from",
    "line_kind",
    "strip_decorations",
]


@lru_cache(maxsize=1024)
def line_kind(t: str) -> str:
    """What a line at the top of a page is (see title.py for how each kind counts).

    Cached: the glued-title split and the window ask it of the same lines.
    """
    if match_numbering(t) is not None:
        if is_site_notice(t):
            return "ad"  # 1、本站文档均由用户上传…: the site's numbered notice, no heading
        item = ITEM_LABEL_START.match(t)
        if item is None or not has_genre(t) or not title_like(t[item.end() :]):
            return "heading"
        return "candidate"  # 第1篇 在…会议上的讲话: a compilation's item line
    if len(t) <= 40 and SALUTATION.match(t):
        return "salutation"
    if SUBTITLE.match(t):
        return "subtitle"
    if is_meta(t):
        return "meta"
    if (
        is_ad_line(t)
        or (len(t) <= 60 and AD_STRONG_SCAN.search(t) is not None)
        or (len(t) <= SITE_PROMO_MAX and SITE_PROMO.search(t) is not None)
    ):
        return "ad"  # at the top of a page a site's slogan needs no contact colon to be one
    if len(t) > 80:
        # Too long for furniture or a title: body text (or a blurb, told by its opening).
        # A blurb opens or closes its line; the middle of a long line is the speech.
        return "blurb" if BLURB.search(t, 0, 60) or BLURB.search(t, len(t) - 60) else "body"
    if t[:1] in BRACKET_TAG_FIRST and BRACKET_TAG_LINE.match(t):
        return "tag"
    if len(t) <= META_ONLY_DECORATION_MAX and _all_decoration(t):
        return "meta"  # a counter or badge standing alone: 83207次浏览, 阅读：123
    if (
        not has_han(t, 2)  # fewer than two Han characters: ×, |, - 目录 …
        or (holds_any(t, BREADCRUMB_GATE) and BREADCRUMB.search(t))
        or FURNITURE.search(t)
        or (len(t) <= SITE_NAME_MAX and SITE_NAME.fullmatch(t))
        or (("." in t or "/" in t) and SITE_ADDRESS.search(t))
    ):
        return "furniture"
    if is_byline(t) and not has_genre(t):
        return "byline"
    if title_like(t):
        return "candidate"
    return "blurb" if BLURB.search(t) else "body"


def _all_decoration(t: str) -> bool:
    """Whether the whole line is site decoration: ``decorations_from(t) == 0``.

    The line must open with a character DECORATION_FIRST lists (or an ASCII
    one): decorations_from reaches 0 only by a decoration match at the start of
    the line or by site_tail cutting there (a counter's word before its number),
    and most title-length lines open otherwise (在…, 学习…), so the strip is not tried.
    """
    return (t[:1].isascii() or t[0] in DECORATION_FIRST) and decorations_from(t) == 0


def decorations_from(t: str) -> int:
    """Where the run of site decorations closing ``t`` begins (``len(t)`` when none does).

    0 when the whole line is decoration (83207次浏览, 阅读：123): a page's meta
    line.  A space before a decoration is no place to cut a glued title: the
    title stage strips the decoration off the whole line.
    """
    end = len(t)
    while end > 0:
        part = t[:end].rstrip(WHITESPACE)
        m = TRAILING_DECORATION.search(part)
        if m is not None and m.start() == 0:
            return 0
        at = m.start() if m is not None else site_tail(part)
        if at < 0:
            break
        end = at
    return end


Cuts = tuple[int, int, tuple[tuple[int, int, NoiseKind], ...], tuple[str, ...]]
"""Where a title line's decorations come off, in text indices: the kept ``lo:hi``, each
stripped piece ``(a, b, noise kind)`` and what kinds were stripped."""

_WHOLE: Cuts = (-1, -1, (), ())
"""The cuts of a line kept whole without trying a pattern (strip_decorations' gate): the
content itself is kept, not a slice of it."""


def strip_decorations(c: Content) -> tuple[Content | None, list[NoiseSpan], tuple[str, ...]]:
    """The title line without its site decorations and compilation labels.

    Decorations come off the end one after another ([VIP], word counts, file
    extensions, counters, site-name suffixes, pagination marks, category
    tags, compilation counts), item labels off either end (第1篇, 篇一,
    【篇1】, a numeral after a genre word).  Returns the rest (None when too
    little is left to be a title), the stripped pieces as noise, and what
    kinds were stripped.
    """
    cuts = _gated_cuts(c.text)
    if cuts is _WHOLE:
        return c, [], ()
    return _applied(c, cuts)


def strip_all_decorations(c: Content) -> tuple[Content | None, list[NoiseSpan], tuple[str, ...]]:
    """strip_decorations without the first-and-last-character gate (the tests compare them)."""
    return _applied(c, _cuts(c.text))


def _applied(
    c: Content, cuts: Cuts | None
) -> tuple[Content | None, list[NoiseSpan], tuple[str, ...]]:
    """The cuts of ``c.text`` made on ``c``: the kept content and the noise with source spans."""
    if cuts is None:
        return None, [], ()
    lo, hi, pieces, labels = cuts
    noise: list[NoiseSpan] = []
    for a, b, kind in pieces:
        start, end = c.span(a, b)
        if end > start:
            noise.append(NoiseSpan(kind, start, end))
    return c.slice(lo, hi), noise, labels


@lru_cache(maxsize=1024)
def _gated_cuts(t: str) -> Cuts | None:
    """_cuts behind may_be_decorated's gate (``_WHOLE``: kept whole, no pattern tried).

    Cached by text: a page repeats its title (page title, the document's own, a
    copy glued to the body), and the window and the glued-title split both ask.
    """
    if not may_be_decorated(t):
        return _WHOLE if has_han(t, 2) and title_like(t) else None
    return _cuts(t)


def _cuts(t: str) -> Cuts | None:
    """Where the decorations of ``t`` come off (None when too little is left to be a title)."""
    lo, hi = 0, len(t)
    pieces: list[tuple[int, int, NoiseKind]] = []
    labels: list[str] = []

    def cut(a: int, b: int, kind: str) -> None:
        noise_kind: NoiseKind = "decoration" if kind in ("decoration", "suffix") else "label"
        pieces.append((a, b, noise_kind))
        if kind not in labels:
            labels.append(kind)

    while hi > lo:
        part = t[lo:hi]
        m = TRAILING_DECORATION.search(part)
        kind = "decoration"
        if m is not None and m.group().lstrip(WHITESPACE)[:1] in _SUFFIX_OPENERS:
            kind = "suffix"  # _站名, - 频道 - 站名: what a page title carries
        if m is None or m.start() == 0:
            m = TRAILING_TAG.search(part)
        if m is None or m.start() == 0:
            m, kind = COMPILATION_COUNT.search(part), "compilation"
        if m is None or m.start() == 0:
            m, kind = ITEM_LABEL_END.search(part), "item"
        at = m.start() if m is not None else 0
        if at == 0:
            at, kind = site_tail(part), "decoration"
        if at <= 0:
            break
        cut(lo + at, hi, kind)
        hi = lo + at
        while hi > lo and t[hi - 1] in WHITESPACE:
            hi -= 1
    occasion = find_occasion(t, lo, hi)
    if occasion is not None and occasion.end() < hi:
        tail = t[occasion.end() : hi]
        if CATEGORY_TAIL.match(tail) and not has_genre(tail):
            cut(occasion.end(), hi, "decoration")
            hi = occasion.end()
    # A leading badge, item label or listing number opens with a LABEL_FIRST character.
    m = LEADING_DECORATION.match(t, lo, hi) if lo < hi and t[lo] in LABEL_FIRST else None
    if m is None and lo < hi and t[lo] in LABEL_FIRST:
        m = LEADING_TAG.match(t, lo, hi)
    if m is not None and m.end() < hi:
        cut(lo, m.end(), "decoration")
        lo = m.end()
    labelled = lo < hi and t[lo] in LABEL_FIRST
    m = ITEM_LABEL_START.match(t, lo, hi) if labelled else None
    if m is not None and m.end() < hi:
        cut(lo, m.end(), "item")
        lo = m.end()
    elif (
        labelled
        and (m := LISTING_NUMBER.match(t, lo, hi)) is not None
        and (lo == 0 or labels == ["decoration"])
    ):
        rest = t[m.end() : hi]
        if GENRE_END.search(rest) and has_han(rest, 6):
            cut(lo, m.end(), "listing")
            lo = m.end()
    kept = t[lo:hi].strip(WHITESPACE)
    if not has_han(kept, 2) or not title_like(kept):
        return None
    lo += len(t[lo:hi]) - len(t[lo:hi].lstrip(WHITESPACE))
    return lo, lo + len(kept), tuple(pieces), tuple(labels)


_SUFFIX_OPENERS = frozenset("_-－—|｜")
