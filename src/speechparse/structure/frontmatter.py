"""What a line at the top of a page is: the title stage's line classification.

title.py scores the candidates; this module says which lines are candidates
at all (title-like, once site decorations and compilation labels are cut off)
and what the others are (page meta, furniture, a template tag, a blurb, a
byline, a subtitle, the salutation, a heading, body text), and splits a title
glued to what follows it in collapsed text.  The rules are in
docs/architecture.md and the corpus README.
"""

from __future__ import annotations

import re
from functools import lru_cache

import regex

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
    AUTHOR_LINE,
    CLOSING,
    CLOSING_GATE,
    DATE_LINE,
    PARENTHESISED_LINE,
    SALUTATION,
    SUBTITLE,
)
from speechparse.lexicon.noise_patterns import AD_STRONG, META_FIELD, is_ad_line
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
    BRACKET_TAG_LINE,
    BREADCRUMB,
    BREADCRUMB_GATE,
    CATEGORY_TAIL,
    DATE_STAMP,
    FURNITURE,
    GENRE,
    GENRE_END,
    META_LABEL,
    META_LABEL_BEFORE,
    OCCASION,
    OCCASION_DATE,
    SITE_ADDRESS,
    SITE_NAME,
    SITE_NAME_MAX,
    SITE_PROMO,
    SITE_PROMO_MAX,
    SPEAKER_LINE,
)
from speechparse.model.nodes import NoiseKind
from speechparse.reading.content import Content
from speechparse.reading.noise import NoiseSpan
from speechparse.structure.trailer import is_site_notice

__all__ = [
    "decorations_from",
    "despaced",
    "has_han",
    "is_byline",
    "is_meta",
    "line_kind",
    "short_title_part",
    "signals_title_above",
    "strip_decorations",
    "title_like",
]

_SENTENCE_INSIDE = re.compile("[。；;]|[！？!?].*[^！？!?]", re.DOTALL)
"""A full stop or semicolon anywhere, or a ！？ with something other than ！？ after it: what
no title holds (a run of them may close it: 警示教育片观后感!!!).  One ``re`` scan."""

_CLOSING_GATE_SCAN = re.compile("[" + re.escape("".join(sorted(CLOSING_GATE))) + "]")
"""patterns.CLOSING_GATE as one ``re`` class scan (a test of each gate character costs more)."""


LEAD_IN_ENDS = ("如下：", "如下:")
"""How the opening sentence of a report ends (现将有关情况报告如下：): it leads
into the body, so it is running text however short and title-shaped it is."""


@lru_cache(maxsize=1024)
def title_like(t: str) -> bool:
    """Whether a line reads as a title rather than as running text.

    A title holds no full stop or semicolon and no ！？ before its end (a run of
    them may close it: 警示教育片观后感!!!).  Cached: the front-matter rules ask
    it of the same lines several times.
    """
    if len(t) > 80 or match_numbering(t) is not None or SALUTATION.match(t):
        return False
    if len(t) <= 60 and _CLOSING_GATE_SCAN.search(t) and CLOSING.search(t):
        return False
    if _SENTENCE_INSIDE.search(t) or t.endswith(LEAD_IN_ENDS):
        return False
    # A short line like 述职报告 may be a title or an author: position decides.
    return not (
        SUBTITLE.match(t) or PARENTHESISED_LINE.match(t) or DATE_LINE.match(t) or is_meta(t)
    )


@lru_cache(maxsize=1024)
def is_byline(t: str) -> bool:
    """A date, venue or author line as found under a title (2019年2月26日在…会议上 too).

    Cached: line_kind asks it of a line, and the lines under the chosen title are asked again.
    """
    if len(t) > 82 or match_numbering(t) is not None:
        return False  # every byline pattern is shorter than this
    return bool(
        PARENTHESISED_LINE.match(t)
        or DATE_LINE.match(t)
        or (len(t) <= _AUTHOR_MAX and AUTHOR_LINE.match(t))
        or (len(t) <= 60 and OCCASION_DATE.match(t))
        or (len(t) <= 40 and _speaker_line(t))
    )


_AUTHOR_MAX = 8
"""The longest line AUTHOR_LINE matches: four Han characters with a space between each two
(seven), and a line break ``$`` may stand before."""

_OFFICE_PREFIX = regex.compile(r"[\p{Han}（）()、]{0,30}")


def _speaker_line(t: str) -> bool:
    """An office and a name: SPEAKER_LINE at the end, only an institution's name before it."""
    m = SPEAKER_LINE.search(t)
    return m is not None and _OFFICE_PREFIX.fullmatch(t, 0, m.start()) is not None


META_ONLY_DECORATION_MAX = 30
"""A line this short that is all decoration is a page's meta line."""

META_MAX = 120
"""A page's meta line is short; a longer line with colons is text."""


_COLON = regex.compile(r"[：:]")


def _labels_before_colons(t: str) -> int:
    """How many meta labels end at one of the line's colons (at most two are counted).

    A label always ends with a colon, and colons are few: looking back from
    each one is far cheaper than searching the line for any of the labels.
    """
    found = 0
    for colon in _COLON.finditer(t):
        end = colon.end()
        if META_LABEL_BEFORE.search(t, max(0, end - 8), end) is not None:
            found += 1
            if found == 2:
                break
    return found


@lru_cache(maxsize=1024)
def is_meta(t: str) -> bool:
    """A web page's meta line (来源：… 作者：… 发布时间：…, or a date-time stamp).

    Cached: line_kind and title_like ask it of a line, and the lines under the chosen
    title are asked again.
    """
    if len(t) > META_MAX:
        return False
    if "：" in t or ":" in t:  # every label ends with a colon
        if META_FIELD.match(t) is not None or META_LABEL.match(t) is not None:
            return True
        if _labels_before_colons(t) >= 2:
            return True
    stamp = DATE_STAMP.match(t) if t[:1].isdigit() else None
    if stamp is None or t[stamp.end() : stamp.end() + 1] == "在":
        return False  # 2019年2月26日在…会议上: the occasion of a speech, a byline
    return len(t) - stamp.end() <= 20 or META_LABEL.search(t) is not None


def short_title_part(t: str) -> bool:
    """One line of a title broken over two: short and without any comma or exclamation."""
    return (
        len(t) <= 40
        and title_like(t)
        and not (len(t) <= _AUTHOR_MAX and AUTHOR_LINE.match(t))
        and not holds_any(t, "，,！!：:")
    )


def signals_title_above(t: str) -> bool:
    """What typically stands under a document's own title."""
    return bool(SUBTITLE.match(t) or is_byline(t) or SALUTATION.match(t) or is_meta(t))


_HAN_AT_LEAST = {
    n: regex.compile(r"\p{Han}" + r"(?:[^\p{Han}]*+\p{Han})" * (n - 1)) for n in (2, 4, 6)
}


def has_han(t: str, n: int) -> bool:
    """Whether ``t`` holds at least ``n`` (2, 4 or 6) Han characters.

    A search that stops at the n-th one: the rules only ever ask "at least",
    and counting a whole line would cost far more than finding a few.
    """
    return _HAN_AT_LEAST[n].search(t) is not None


def despaced(t: str) -> str:
    """The line without white space: 政 府 工 作 报 告 is read as 政府工作报告."""
    return "".join(ch for ch in t if ch not in WHITESPACE) if " " in t or "\u3000" in t else t


@lru_cache(maxsize=1024)
def line_kind(t: str) -> str:
    """What a line at the top of a page is (see title.py for how each kind counts).

    Cached: the glued-title split and the window ask it of the same lines.
    """
    if match_numbering(t) is not None:
        if is_site_notice(t):
            return "ad"  # 1、本站文档均由用户上传…: the site's numbered notice, no heading
        item = ITEM_LABEL_START.match(t)
        if item is None or not GENRE.search(t) or not title_like(t[item.end() :]):
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
        or (len(t) <= 60 and AD_STRONG.search(t) is not None)
        or (len(t) <= SITE_PROMO_MAX and SITE_PROMO.search(t) is not None)
    ):
        return "ad"  # at the top of a page a site's slogan needs no contact colon to be one
    if len(t) > 80:
        # Too long for furniture or a title: body text (or a blurb, told by its opening).
        # A blurb opens or closes its line; the middle of a long line is the speech.
        return "blurb" if BLURB.search(t, 0, 60) or BLURB.search(t, len(t) - 60) else "body"
    if BRACKET_TAG_LINE.match(t):
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
    if is_byline(t) and not GENRE.search(t):
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
    occasion = OCCASION.search(t, lo, hi)
    if occasion is not None and occasion.end() < hi:
        tail = t[occasion.end() : hi]
        if CATEGORY_TAIL.match(tail) and not GENRE.search(tail):
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
