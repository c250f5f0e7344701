"""Where the speech ends: closing words, signature, date and advertising.

Read from the end backwards, so that 谢谢大家 in the middle of a speech and a
last paragraph that mentions 联系 stay body text.
"""

from __future__ import annotations

import regex

from speechparse.lexicon.chars import holds_any
from speechparse.lexicon.line_patterns import CLOSING, CLOSING_GATE, DATE_LINE
from speechparse.lexicon.noise_patterns import (
    AD_STRONG,
    AD_TRAILER,
    RELATED_HEADING,
    SITE_NOTICE_WHAT,
    SITE_NOTICE_WHO,
)
from speechparse.lexicon.numbering import match_numbering, numbers_on
from speechparse.lexicon.title_gates import word_scan
from speechparse.reading.content import Content

__all__ = ["AD_STRONG_SCAN", "is_site_notice", "related_list", "site_chrome", "trailer_start"]

AD_STRONG_SCAN = word_scan(AD_STRONG)
"""AD_STRONG's words as a plain scan: the same yes or no, several times faster (a
speech's last paragraph, asked first from the end, holds none of them)."""

_AD_TRAILER_SCAN = word_scan(AD_TRAILER)

_CONTACT = regex.compile(
    r"[：:]\s*+[A-Za-z0-9]|(?:QQ|微信|电话|手机|客服|热线)[：:\s]*+[0-9A-Za-z]|@|https?://|www\."
)


def _trailer_kind(t: str, after: str | None) -> str | None:
    """The trailer kind of a line judged from the end backwards, or None.

    ``after`` is the kind of the trailer line below it: a short unpunctuated
    line counts as a signature only when a date or signature follows it.
    A numbered line is a heading, never trailer.
    """
    if match_numbering(t) is not None:
        return None
    if len(t) <= 60 and holds_any(t, CLOSING_GATE) and CLOSING.search(t):
        return "CLOSING"
    if AD_STRONG_SCAN.search(t) or (
        _AD_TRAILER_SCAN.search(t) and (t[0] in "【[" or _CONTACT.search(t) is not None)
    ):
        return "AD"
    if DATE_LINE.match(t):
        return "DATE"
    if after in {"DATE", "SIGNATURE"} and len(t) <= 30 and not holds_any(t, "。！？!?，,；;：:"):
        return "SIGNATURE"
    return None


_LIST_ITEM_MAX = 80
"""The longest line a site's list of other articles holds (a title, maybe a date)."""


def related_list(contents: list[Content], body_start: int) -> int | None:
    """Where a site's list of other articles begins after the document, or None.

    Pages end with 相关文章：/猜你喜欢/【推荐阅读】 and the titles of other
    pages, often numbered (1、在全县……的讲话): numbered, they would read as the
    speech's last sections.  Read from the end backwards over lines that can
    be such a list (short, no full stop inside: titles, dates, the site's
    notices); the highest list heading reached is where the page's part
    begins.  A heading with prose below it is the speech's own word.
    """
    found: int | None = None
    i = len(contents)
    while i > body_start + 1:
        t = contents[i - 1].text
        if RELATED_HEADING.fullmatch(t):
            found = i - 1
        elif not (len(t) <= _LIST_ITEM_MAX and not holds_any(t, "。；;")) and not is_site_notice(t):
            break
        i -= 1
    return found


def trailer_start(contents: list[Content], body_start: int) -> tuple[int, list[str]]:
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


def is_site_notice(t: str) -> bool:
    """A site's notice about itself: it names the site and what it does with texts.

    本站所有资源来源于网络，如有侵权请联系删除: both the site (本站) and the
    subject (侵权, 下载, 会员 …) must appear; either alone is a speech's word.
    """
    return (
        len(t) <= 150
        and ("本" in t or "站" in t)
        and SITE_NOTICE_WHO.search(t) is not None
        and SITE_NOTICE_WHAT.search(t) is not None
    )


_FURNITURE_MAX = 60
"""A line this short without a sentence end may be page furniture (a breadcrumb)."""


def _furniture(t: str) -> bool:
    return len(t) <= _FURNITURE_MAX and not holds_any(t, "。！？；!?;")


def site_chrome(body: list[Content]) -> set[int]:
    """Indices of the body lines that are a site's numbered notice after the document.

    Sites print their disclaimers as a numbered list (1.本站… 2.为防止…).
    Read from the end backwards over notices and short furniture lines (a
    breadcrumb); within that tail, each notice line is chrome, and so is the
    run of lines numbered on from it or up to it in the notice's style (1.
    before 2.本站…).  Such lines never become sections, whatever their number.
    """
    tail = len(body)
    notices: list[int] = []
    while tail > 0:
        t = body[tail - 1].text
        if is_site_notice(t):
            notices.append(tail - 1)
        elif not _furniture(t) and match_numbering(t) is None:
            break
        tail -= 1
    chrome: set[int] = set()
    for k in notices:
        chrome.add(k)
        found = match_numbering(body[k].text)
        if found is None:
            continue
        for step in (-1, 1):
            j, last = k + step, found
            while 0 <= j < len(body) and j not in chrome:
                other = match_numbering(body[j].text)
                if other is None or len(body[j].text) > 150 or not numbers_on(last, other, step):
                    break
                chrome.add(j)
                j, last = j + step, other
    return chrome
