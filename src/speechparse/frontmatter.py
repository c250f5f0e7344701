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

import regex

from speechparse.content import Content
from speechparse.model.nodes import NoiseKind
from speechparse.noise import WHITESPACE, NoiseSpan, is_ad_line
from speechparse.patterns import (
    AD_STRONG,
    AUTHOR_LINE,
    CLOSING,
    CLOSING_GATE,
    DATE_LINE,
    META_FIELD,
    PARENTHESISED_LINE,
    SALUTATION,
    SUBTITLE,
    TITLE_GLUE,
    match_numbering,
)
from speechparse.title_patterns import (
    BLURB,
    BRACKET_TAG_LINE,
    BREADCRUMB,
    BREADCRUMB_GATE,
    CATEGORY_TAIL,
    COMPILATION_COUNT,
    DATE_STAMP,
    FURNITURE,
    GENRE,
    GENRE_END,
    ITEM_LABEL_END,
    ITEM_LABEL_START,
    LEADING_DECORATION,
    LISTING_NUMBER,
    META_LABEL,
    META_LABEL_BEFORE,
    OCCASION,
    OCCASION_DATE,
    SALUTATION_START,
    SALUTATION_START_GATE,
    SITE_ADDRESS,
    SITE_NAME,
    SITE_NAME_MAX,
    SPEAKER_LINE,
    TRAILING_DECORATION,
    TRAILING_TAG,
    may_be_decorated,
)

__all__ = [
    "despaced",
    "glued_title",
    "has_han",
    "is_byline",
    "is_meta",
    "line_kind",
    "short_title_part",
    "signals_title_above",
    "strip_decorations",
    "title_like",
]

_INNER_END = frozenset("。；;")
_LATE_END = frozenset("！？!?")


@lru_cache(maxsize=1024)
def title_like(t: str) -> bool:
    """Whether a line reads as a title rather than as running text.

    A title holds no full stop or semicolon and no ！？ before its end (a run of
    them may close it: 警示教育片观后感!!!).  Cached: the front-matter rules ask
    it of the same lines several times.
    """
    if len(t) > 80 or match_numbering(t) is not None or SALUTATION.match(t):
        return False
    if len(t) <= 60 and not CLOSING_GATE.isdisjoint(t) and CLOSING.search(t):
        return False
    core = t.rstrip("".join(_LATE_END))
    if not _INNER_END.isdisjoint(t) or not _LATE_END.isdisjoint(core):
        return False
    # A short line like 述职报告 may be a title or an author: position decides.
    return not (
        SUBTITLE.match(t) or PARENTHESISED_LINE.match(t) or DATE_LINE.match(t) or is_meta(t)
    )


def is_byline(t: str) -> bool:
    """A date, venue or author line as found under a title (2019年2月26日在…会议上 too)."""
    if len(t) > 82 or match_numbering(t) is not None:
        return False  # every byline pattern is shorter than this
    return bool(
        PARENTHESISED_LINE.match(t)
        or DATE_LINE.match(t)
        or AUTHOR_LINE.match(t)
        or (len(t) <= 60 and OCCASION_DATE.match(t))
        or (len(t) <= 40 and _speaker_line(t))
    )


_OFFICE_PREFIX = regex.compile(r"[\p{Han}（）()、]{0,30}")


def _speaker_line(t: str) -> bool:
    """An office and a name: SPEAKER_LINE at the end, only an institution's name before it."""
    m = SPEAKER_LINE.search(t)
    return m is not None and _OFFICE_PREFIX.fullmatch(t, 0, m.start()) is not None


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


def is_meta(t: str) -> bool:
    """A web page's meta line (来源：… 作者：… 发布时间：…, or a date-time stamp)."""
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
        and not AUTHOR_LINE.match(t)
        and not any(ch in "，,！!：:" for ch in t)
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


_CLAUSE_END = regex.compile(r"[。，,：:；;！!？?、]")
_SPACE = regex.compile(r"[ \t\u3000\u00a0]")

_HAN_PAIR = regex.compile(r"\p{Han}[^\p{Han}]*+\p{Han}")
"""Two Han characters: a line with fewer is furniture (×, |, - 目录 …).  Found at the
first two, not by counting the whole line."""


def _word_char(ch: str) -> bool:
    return ch.isalnum() or "\u3400" <= ch <= "\u9fff"


def despaced(t: str) -> str:
    """The line without white space: 政 府 工 作 报 告 is read as 政府工作报告."""
    return "".join(ch for ch in t if ch not in WHITESPACE) if " " in t or "\u3000" in t else t


@lru_cache(maxsize=1024)
def line_kind(t: str) -> str:
    """What a line at the top of a page is (see title.py for how each kind counts).

    Cached: the glued-title split and the window ask it of the same lines.
    """
    if match_numbering(t) is not None:
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
    if is_ad_line(t) or (len(t) <= 60 and AD_STRONG.search(t) is not None):
        return "ad"  # at the top of a page a site's slogan needs no contact colon to be one
    if len(t) > 80:
        # Too long for furniture or a title: body text (or a blurb, told by its opening).
        # A blurb opens or closes its line; the middle of a long line is the speech.
        return "blurb" if BLURB.search(t, 0, 60) or BLURB.search(t, len(t) - 60) else "body"
    if BRACKET_TAG_LINE.match(t):
        return "tag"
    if (
        _HAN_PAIR.search(t) is None
        or (not BREADCRUMB_GATE.isdisjoint(t) and BREADCRUMB.search(t))
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


def strip_decorations(c: Content) -> tuple[Content | None, list[NoiseSpan], tuple[str, ...]]:
    """The title line without its site decorations and compilation labels.

    Decorations come off the end one after another ([VIP], word counts, file
    extensions, counters, site-name suffixes, pagination marks, category
    tags, compilation counts), item labels off either end (第1篇, 篇一,
    【篇1】, a numeral after a genre word).  Returns the rest (None when too
    little is left to be a title), the stripped pieces as noise, and what
    kinds were stripped.
    """
    t = c.text
    if not may_be_decorated(t):
        return (c, [], ()) if has_han(t, 2) and title_like(t) else (None, [], ())
    return strip_all_decorations(c)


def strip_all_decorations(c: Content) -> tuple[Content | None, list[NoiseSpan], tuple[str, ...]]:
    """strip_decorations without the first-and-last-character gate (the tests compare them)."""
    t = c.text
    lo, hi = 0, len(t)
    noise: list[NoiseSpan] = []
    labels: list[str] = []

    def cut(a: int, b: int, kind: str) -> None:
        start, end = c.span(a, b)
        if end > start:
            noise_kind: NoiseKind = "decoration" if kind in ("decoration", "suffix") else "label"
            noise.append(NoiseSpan(noise_kind, start, end))
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
        if m is None or m.start() == 0:
            break
        cut(lo + m.start(), hi, kind)
        hi = lo + m.start()
        while hi > lo and t[hi - 1] in WHITESPACE:
            hi -= 1
    occasion = OCCASION.search(t, lo, hi)
    if occasion is not None and occasion.end() < hi:
        tail = t[occasion.end() : hi]
        if CATEGORY_TAIL.match(tail) and not GENRE.search(tail):
            cut(occasion.end(), hi, "decoration")
            hi = occasion.end()
    m = LEADING_DECORATION.match(t, lo, hi)
    if m is not None and m.end() < hi:
        cut(lo, m.end(), "decoration")
        lo = m.end()
    m = ITEM_LABEL_START.match(t, lo, hi)
    if m is not None and m.end() < hi:
        cut(lo, m.end(), "item")
        lo = m.end()
    elif (m := LISTING_NUMBER.match(t, lo, hi)) is not None and (
        lo == 0 or labels == ["decoration"]
    ):
        rest = t[m.end() : hi]
        if GENRE_END.search(rest) and has_han(rest, 6):
            cut(lo, m.end(), "listing")
            lo = m.end()
    kept = t[lo:hi].strip(WHITESPACE)
    if not has_han(kept, 2) or not title_like(kept):
        return None, [], ()
    lo += len(t[lo:hi]) - len(t[lo:hi].lstrip(WHITESPACE))
    return c.slice(lo, lo + len(kept)), noise, tuple(labels)


def glued_title(contents: list[Content], head: int) -> None:
    """Split titles glued to what follows them in the first ``head`` lines (collapsed text).

    A title runs into a repeated copy of itself, its salutation, a second
    (the document's own) title, or the body; each is cut off into a line of
    its own, so that the scoring sees the title as a line.  Lines from the
    first salutation or heading on are left alone.
    """
    j = 0
    body = text_lines = 0
    seen_title = False
    while j < min(head, len(contents)):
        c = contents[j]
        kind = line_kind(c.text)
        if kind == "salutation" or (kind == "heading" and not _item_line(c.text)):
            return
        if len(c.text) > 30 and (
            kind == "furniture" or (kind in ("body", "blurb") and BREADCRUMB.search(c.text, 0, 40))
        ):
            # Furniture run into the title (collapsed text): the title after it is a line.
            parts = _after_breadcrumb(c) or _after_furniture_word(c)
            if parts is not None:
                contents[j : j + 1] = parts
                head += len(parts) - 1
                j += 1
                continue
        if kind in ("ad", "meta", "tag") or (kind == "furniture" and len(c.text) <= 30):
            j += 1
            continue
        if kind == "candidate":
            seen_title = True
        elif kind in ("body", "blurb"):
            text_lines += 1
            if text_lines > 4:
                return  # as far as the title stage's window reaches
            if seen_title:
                body += 1
                if body > 2:
                    return  # a glued title is in the first lines of text under the page title
        # Past the first body line under a title, a line opening with the title's words
        # is the author's sentence, not a copy glued by the page.
        parts = _split_glued(c, [] if body > 1 else contents[:j])
        if parts is None or line_kind(parts[0].text) not in ("candidate", "heading"):
            # What would be cut off is no title: the line stays whole.
            j += 1
            continue
        # Look at the first part again: two titles may be glued before a salutation.
        contents[j : j + 1] = parts
        head += len(parts) - 1


def _split_glued(c: Content, above: list[Content]) -> list[Content] | None:
    t = c.text
    if len(t) <= 8:
        return None
    # A copy of a line above, glued to more text.
    for a in above:
        if (
            len(a.text) >= 4
            and t.startswith(a.text)
            and len(t) > len(a.text) + 1
            and line_kind(a.text) == "candidate"
            and not _decorated_copy(c, a.text)
        ):
            return _cut(c, len(a.text))
    m = TITLE_GLUE.search(t, 0, 120) if "※" in t or "年" in t[:120] else None
    if m is not None and m.start() >= 4 and title_like(t[: m.start()]):
        if m.group() == "※":
            return None if m.end() == len(t) else _cut(c, m.start())
        return _cut(c, m.start(), m.end(), keep_middle=True)
    # The same title twice in a row, maybe a space between (its opening comes back first).
    if t.find(t[:4], 4, 64) > 0:
        for n in range(4, min(60, len(t) // 2) + 1):
            gap = 1 if t[n] in WHITESPACE else 0
            if t[n + gap : 2 * n + gap] == t[:n] and GENRE_END.search(t[:n]) and title_like(t[:n]):
                return _cut(c, n)
    colon = ":" in t or "：" in t
    for blank in _SPACE.finditer(t, 4, 120):
        # A title run into the page's meta line or an editor's blurb after a space:
        # 市长在…上的讲话 时间：2021-10-24 …, …会议上讲话 下面是小编整理的…
        at = blank.end()
        if (colon and META_LABEL.match(t, at)) or BLURB.match(t, at):
            prefix = t[:at].rstrip(WHITESPACE)
            if has_han(prefix, 4) and _title_like_item(prefix):
                return _cut(c, at)
            break
    cut_at = _title_then_space(t)
    if cut_at:
        return _cut(c, cut_at)
    m = (
        SALUTATION_START.search(t, 4, 140)
        if not SALUTATION_START_GATE.isdisjoint(t[4:140])
        else None
    )
    if m is not None and t[m.start() - 1] not in _LIST_JOINERS:
        prefix = t[: m.start()].rstrip(WHITESPACE)
        if has_han(prefix, 4) and "<" not in prefix and _title_like_item(prefix):
            return _cut(c, m.start())
    if title_like(t) and t.find(t[:4], 6) > 0:
        # Two near-copies of a title glued (a file name, then the document's own title):
        # the second opens like the first, so its opening comes back.
        pair = _title_pair(t)
        if pair is not None:
            return _cut(c, pair)
    if above and any(t[:4] in a.text or a.text[:4] in t[:90] for a in above):
        return _title_before_body(c, above)
    return None


_CRUMB_SEPARATORS = ">＞»→"

_SUFFIX_OPENERS = frozenset("_-－|｜")


def _after_breadcrumb(c: Content) -> list[Content] | None:
    """A breadcrumb and what follows it on one line, cut after its last item.

    The item after the last separator is the page's channel when it is short
    and a space follows it (首页 > 范文 > 讲话稿 市长在…上的讲话): it stays with
    the breadcrumb, and the rest becomes a line of its own.
    """
    t = c.text
    last = max(t.rfind(sep, 0, 80) for sep in _CRUMB_SEPARATORS)
    if last < 0:
        return None
    at = _skip(t, last + 1)
    space = next((i for i in range(at, min(len(t), at + 9)) if t[i] in WHITESPACE), -1)
    if space > 0:
        at = _skip(t, space)
    if at >= len(t) or not has_han(t[at : at + 8], 4):
        return None
    return _cut(c, at)


def _item_line(t: str) -> bool:
    """A compilation's item label and a title, maybe glued to more (第1篇 在…的讲话 同志们：…)."""
    return ITEM_LABEL_START.match(t) is not None and GENRE.search(t, 0, 80) is not None


def _title_like_item(t: str) -> bool:
    """title_like, reading past a compilation's item label (第1篇 在…的讲话)."""
    m = ITEM_LABEL_START.match(t)
    return title_like(t[m.end() :] if m is not None and m.end() < len(t) else t)


def _after_furniture_word(c: Content) -> list[Content] | None:
    """A furniture word opening a collapsed line (- 目录 第1篇 …), cut off at its space."""
    m = FURNITURE.match(c.text)
    if m is None or m.end() >= len(c.text) or c.text[m.end()] not in WHITESPACE:
        return None
    at = _skip(c.text, m.end())
    return _cut(c, at) if has_han(c.text[at : at + 8], 4) else None


def _skip(t: str, at: int) -> int:
    while at < len(t) and t[at] in WHITESPACE:
        at += 1
    return at


def _decorated_copy(c: Content, text: str) -> bool:
    """The line is ``text`` with a decoration or label after it (…篇一, …【篇1】): one title."""
    kept, _, _ = strip_decorations(c)
    return kept is not None and kept.text == text


_LIST_JOINERS = frozenset("、，,和及与")
"""A salutation after one of these continues a list of addressees, not a title."""


def _title_then_space(t: str) -> int:
    """Where a title closed by a genre word ends before a space and running text (collapsed).

    Only a line that is not itself title-like (the body follows) and whose
    first space closes a genre word: 在…会议上的讲话 今天我们… .  0 when not.
    """
    if title_like(t):
        return 0
    found = _SPACE.search(t, 6, 80)
    if found is None:
        return 0
    p = found.start()
    prefix = t[:p]
    if GENRE_END.search(prefix) and _title_like_item(prefix) and has_han(prefix, 6):
        return p
    return 0


def _title_pair(t: str) -> int | None:
    """Where a line of two glued titles, each closed by a genre word, divides."""
    for m in GENRE.finditer(t):
        e = m.end()
        if 6 <= e <= len(t) - 6:
            first, second = t[:e], t[e:]
            if (
                second.startswith(first[:4])
                and abs(len(first) - len(second)) * 10 <= 3 * len(first)
                and GENRE_END.search(second)
            ):
                return e
    return None


def _title_before_body(c: Content, above: list[Content]) -> list[Content] | None:
    """A title glued to the body, found because a line above (the page title) holds it."""
    t = c.text
    found = _CLAUSE_END.search(t, 0, 90)
    stop = found.start() if found is not None else -1
    if stop < 8:
        return None
    best = -1
    for m in GENRE.finditer(t, 0, stop):
        if m.end() >= 6 and m.end() < stop:
            best = m.end()
    if best < 0 or not _word_char(t[best]) or GENRE.match(t, best) is not None:
        return None  # 党课：… is a 体裁：正标题 title, not a title glued to the body
    prefix = t[:best]
    if not title_like(prefix) or not any(
        (prefix in a.text or a.text in prefix) and line_kind(a.text) == "candidate" for a in above
    ):
        return None
    return _cut(c, best)


def _cut(
    c: Content, at: int, resume: int | None = None, *, keep_middle: bool = False
) -> list[Content]:
    """``c`` split at ``at`` (the part from ``at`` to ``resume`` its own line when kept)."""
    t = c.text
    resume = at if resume is None else resume
    parts = [c.slice(0, len(t[:at].rstrip(WHITESPACE)))]
    if keep_middle and resume > at:
        parts.append(c.slice(at, resume))
    lo = resume
    while lo < len(t) and t[lo] in WHITESPACE:
        lo += 1
    if lo < len(t):
        parts.append(c.slice(lo, len(t)))
    return parts
