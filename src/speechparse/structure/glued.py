"""Titles glued to what follows them, cut into lines of their own (collapsed pages).

Scraped pages lose line breaks, and a title then runs into a copy of itself,
its salutation, the page's meta line, an editor's blurb, a breadcrumb, a
second wording of itself, or the body.  Each is cut off here, before the
title stage (title.py) scores the top lines, so that the title is a line the
scoring can see.  Nothing is cut unless the cut-off part can be a title.
"""

from __future__ import annotations

import re

from speechparse.lexicon.chars import WHITESPACE, holds_any, skip_space
from speechparse.lexicon.compilation_labels import ITEM_LABEL_START
from speechparse.lexicon.line_patterns import TITLE_GLUE
from speechparse.lexicon.title_patterns import (
    BLURB,
    BREADCRUMB,
    BREADCRUMB_GATE,
    FURNITURE,
    GENRE,
    GENRE_END,
    META_LABEL,
    SALUTATION_START,
    has_genre,
)
from speechparse.reading.content import Content
from speechparse.structure.frontmatter import decorations_from, line_kind, strip_decorations
from speechparse.structure.line_facts import has_han, title_like

__all__ = ["glued_title"]

# Plain character classes: the standard library's ``re`` scans for one several times
# faster than ``regex`` does, with the same matches.
_CLAUSE_END = re.compile(r"[。，,：:；;！!？?、]")
_SPACE = re.compile(r"[ \t\u3000\u00a0]")


def _word_char(ch: str) -> bool:
    return ch.isalnum() or "\u3400" <= ch <= "\u9fff"


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
            kind == "furniture"
            or (
                kind in ("body", "blurb")
                and holds_any(c.text[:40], BREADCRUMB_GATE)
                and BREADCRUMB.search(c.text, 0, 40)
            )
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
        if parts is not None and _only_decorations_after(c.text, len(parts[0].text)):
            parts = None  # 标题 评分：4.8（1353阅）: the title stage strips these off
        if parts is None or line_kind(parts[0].text) not in ("candidate", "heading"):
            # What would be cut off is no title: the line stays whole.
            j += 1
            continue
        # Look at the first part again: two titles may be glued before a salutation.
        contents[j : j + 1] = parts
        head += len(parts) - 1


def _only_decorations_after(t: str, at: int) -> bool:
    """Whether all of ``t`` from ``at`` on (past white space) is site decoration."""
    at = skip_space(t, at)
    return at < len(t) and decorations_from(t) <= at


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
    m = TITLE_GLUE.search(t, 0, 120) if _may_glue(t) else None
    if m is not None and m.start() >= 4 and title_like(t[: m.start()]):
        if m.group() == "※":
            return None if m.end() == len(t) else _cut(c, m.start())
        return _cut(c, m.start(), m.end(), keep_middle=True)
    # The same title twice in a row, maybe a space between (its opening comes back first).
    if t.find(t[:4], 4, 64) > 0:
        n = _doubled(t)
        if n:
            return _cut(c, n)
    spaced = _SPACE.search(t, 4, 120) is not None  # both space rules below need one
    colon = spaced and (":" in t or "：" in t)
    for blank in _SPACE.finditer(t, 4, 120) if spaced else ():
        # A title run into the page's meta line or an editor's blurb after a space:
        # 市长在…上的讲话 时间：2021-10-24 …, …会议上讲话 下面是小编整理的…
        at = blank.end()
        if (colon and META_LABEL.match(t, at)) or BLURB.match(t, at):
            if colon and decorations_from(t) <= at:
                break  # 人气:3.2W closing a title line is the site's counter, stripped later
            prefix = t[:at].rstrip(WHITESPACE)
            if has_han(prefix, 4) and _title_like_item(prefix):
                return _cut(c, at)
            break
    cut_at = _title_then_space(t) if spaced else 0
    if cut_at:
        return _cut(c, cut_at)
    m = SALUTATION_START.search(t, 4, 140)
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
    if above:
        opening, head = t[:4], t[:90]
        for a in above:
            if opening in a.text or a.text[:4] in head:
                return _title_before_body(c, above)
    return None


def _may_glue(t: str) -> bool:
    """Whether TITLE_GLUE may find something in ``t[:120]``: a ※, or a bracketed year.

    The bracketed year (（2021年修订）) needs an opening bracket and 年 in the window; a
    title holds 年 far more often than a bracket, so both are asked before the pattern.
    """
    if "※" in t:
        return True
    head = t[:120]
    return "年" in head and ("（" in head or "(" in head)


def _doubled(t: str) -> int:
    """Where the first copy ends of a title written twice in a row (a space between or not).

    The shortest length ``n`` (4 to 60, at most half the line) whose copy follows at
    once, or after one space, and that ends in a genre word and reads as a title; 0
    when there is none.  The copy opens with the line's first four characters, so
    only the places where they come back are tried, not every length.
    """
    head = t[:4]
    top = min(60, len(t) // 2)
    at = t.find(head, 4)
    while at > 0 and at - 1 <= top:
        for n in (at - 1, at):  # a space before the copy, or none
            if (
                4 <= n <= top
                and (t[n] in WHITESPACE) == (n < at)
                and t[at : at + n] == t[:n]
                and GENRE_END.search(t[:n])
                and title_like(t[:n])
            ):
                return n
        at = t.find(head, at + 1)
    return 0


_CRUMB_SEPARATORS = ">＞»→"


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
    at = skip_space(t, last + 1)
    space = next((i for i in range(at, min(len(t), at + 9)) if t[i] in WHITESPACE), -1)
    if space > 0:
        at = skip_space(t, space)
    if at >= len(t) or not has_han(t[at : at + 8], 4):
        return None
    return _cut(c, at)


def _item_line(t: str) -> bool:
    """A compilation's item label and a title, maybe glued to more (第1篇 在…的讲话 同志们：…)."""
    return ITEM_LABEL_START.match(t) is not None and has_genre(t, 0, 80)


def _title_like_item(t: str) -> bool:
    """title_like, reading past a compilation's item label (第1篇 在…的讲话)."""
    m = ITEM_LABEL_START.match(t)
    return title_like(t[m.end() :] if m is not None and m.end() < len(t) else t)


def _after_furniture_word(c: Content) -> list[Content] | None:
    """A furniture word opening a collapsed line (- 目录 第1篇 …), cut off at its space."""
    m = FURNITURE.match(c.text)
    if m is None or m.end() >= len(c.text) or c.text[m.end()] not in WHITESPACE:
        return None
    at = skip_space(c.text, m.end())
    return _cut(c, at) if has_han(c.text[at : at + 8], 4) else None


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
    if (
        GENRE_END.search(prefix)
        and _title_like_item(prefix)
        and has_han(prefix, 6)
        and decorations_from(t) > found.end()
    ):
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
    lo = skip_space(t, resume)
    if lo < len(t):
        parts.append(c.slice(lo, len(t)))
    return parts
