"""Facts about one line at the top of a page: title-like, a byline, page meta.

Each is a predicate over the line's text alone, cached because the window,
the glued-title split and the lines under the chosen title ask them of the
same lines.  :mod:`speechparse.structure.frontmatter` combines them into a
line's kind; they live apart so that the combination reads as one decision.
"""

from __future__ import annotations

import re
from functools import lru_cache

import regex

from speechparse.lexicon.chars import WHITESPACE, holds_any
from speechparse.lexicon.line_patterns import (
    AUTHOR_LINE,
    CLOSING,
    CLOSING_GATE,
    DATE_LINE,
    PARENTHESISED_LINE,
    SALUTATION,
    SUBTITLE,
)
from speechparse.lexicon.noise_patterns import META_FIELD
from speechparse.lexicon.numbering import match_numbering
from speechparse.lexicon.title_patterns import (
    DATE_STAMP,
    META_LABEL,
    META_LABEL_BEFORE,
    OCCASION_DATE,
    SPEAKER_LINE,
)

__all__ = [
    "LEAD_IN_ENDS",
    "META_MAX",
    "META_ONLY_DECORATION_MAX",
    "despaced",
    "has_han",
    "is_byline",
    "is_meta",
    "short_title_part",
    "signals_title_above",
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
