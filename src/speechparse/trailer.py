"""Where the speech ends: closing words, signature, date and advertising.

Read from the end backwards, so that 谢谢大家 in the middle of a speech and a
last paragraph that mentions 联系 stay body text.
"""

from __future__ import annotations

import regex

from speechparse.content import Content
from speechparse.patterns import AD_STRONG, AD_TRAILER, CLOSING, DATE_LINE, match_numbering

__all__ = ["trailer_start"]

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
    ):
        return "SIGNATURE"
    return None


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
