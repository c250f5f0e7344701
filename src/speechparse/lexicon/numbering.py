"""The numbering styles of headings (第一章, 一、, （一）, 1.) and the one matcher for them.

This is the place to add a numbering style: the lexer, segmentation and
the explain view only ask :func:`match_numbering` which style a line opens
with, and the levels are planned per document from the style names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import regex

from speechparse.lexicon.pattern_parts import AR, CLOSE, CN, OPEN, SP, compile_variants, re_superset
from speechparse.lexicon.variants import with_variants_chars

__all__ = [
    "NUMBERING_FIRST",
    "NUMBERING_STYLES",
    "NumberingStyle",
    "match_numbering",
]


@dataclass(frozen=True, slots=True)
class NumberingStyle:
    """A way of numbering headings: the lexer assigns levels per document.

    ``name`` identifies the style (two markers share a level only when they
    share a style); ``pattern`` is anchored at the first non-blank character
    of a line and captures the numeral as ``num`` and the whole marker as the
    match; ``first`` lists every character a marker can start with (lines are
    dispatched on their first character); ``own_line`` styles only count when
    nothing follows the marker; a style with ``under`` counts only inside an
    open section of that style (第一条 articles under a 第一章 chapter), one
    level below it or deeper; a ``label`` style met only once, on the first
    numbered line of a body, labels a compilation's piece rather than
    numbering a section (levels.py).
    """

    name: str
    pattern: regex.Pattern[str]
    first: frozenset[str]
    own_line: bool = False
    under: str | None = None
    label: bool = False


def _style(
    name: str,
    body: str,
    first: str,
    *,
    own_line: bool = False,
    under: str | None = None,
    label: bool = False,
) -> NumberingStyle:
    return NumberingStyle(
        name, compile_variants(body), with_variants_chars(first), own_line, under, label
    )


_DIGITS = "0123456789０１２３４５６７８９"
_CIRCLED = "".join(chr(0x2460 + i) for i in range(20))  # ①..⑳
_PAREN_DIGITS = "".join(chr(0x2474 + i) for i in range(20))  # ⑴..⒇
_DIGIT_STOPS = "".join(chr(0x2488 + i) for i in range(20))  # ⒈..⒛
_PAREN_IDEOGRAPHS = "".join(chr(0x3220 + i) for i in range(10))  # ㈠..㈩

# A numeral in a marker, spaces allowed between its characters (十 八, 第 1 2 章):
# sites letter-space text, and the marker is still one marker.
_CN_NUM = rf"[{CN}](?:{SP}?+[{CN}]){{0,3}}"
_ANY_NUM = rf"[{CN}{AR}](?:{SP}?+[{CN}{AR}]){{0,3}}"
# 〔一〕 (tortoise-shell brackets) is the parenthesised-numeral style, written
# the way official documents print it.
_CN_OPEN = "[（(〔]"
_CN_CLOSE = "[）)〕]"

# Order matters only where two patterns could match the same text: the more
# specific one comes first (第一章 before a bare numeral).
NUMBERING_STYLES: tuple[NumberingStyle, ...] = (
    _style("part", rf"第{SP}*+(?P<num>{_ANY_NUM}){SP}*+部分{SP}*+[、：:．.]?", "第"),
    _style("volume", rf"第{SP}*+(?P<num>{_ANY_NUM}){SP}*+编(?![章目幅])[、：:．.]?", "第"),
    # 第一篇 numbers the parts of a book, or labels one piece of a compilation
    # page (第1篇：在…上的讲话): met once at the top of a body it is a label.
    _style(
        "piece", rf"第{SP}*+(?P<num>{_ANY_NUM}){SP}*+篇(?![章目幅])[、：:．.]?", "第", label=True
    ),
    _style("chapter", rf"第{SP}*+(?P<num>{_ANY_NUM}){SP}*+章(?![程节])[、：:．.]?", "第"),
    _style("section", rf"第{SP}*+(?P<num>{_ANY_NUM}){SP}*+节(?![课次日])[、：:．.]?", "第"),
    # 第一条 articles count only inside a chapter (``under``): elsewhere 第一条
    # is running text (第一条经验是…).  Not before a comma or 是/要: those are points.
    _style(
        "article",
        rf"第{SP}*+(?P<num>{_ANY_NUM}){SP}*+条(?![件款例约目，,是要])[、：:．.]?",
        "第",
        under="chapter",
    ),
    # 一、 and, at a line start, 一，: the same style written with a comma, or with
    # 丶 (the stroke an input method offers for 、: 一丶加强学习).
    _style("cn_dun", rf"(?P<num>{_CN_NUM}){SP}*+(?:[、，丶]|[．.](?![{AR}]))", CN),
    # （一） and Word's one-character form ㈠ (U+3220..U+3229, from its automatic numbering).
    _style(
        "cn_paren",
        rf"(?:{_CN_OPEN}{SP}*+(?P<num>{_CN_NUM}){SP}*+{_CN_CLOSE}|(?P<num>[\u3220-\u3229]))[、．.]?",
        "（(〔" + _PAREN_IDEOGRAPHS,
    ),
    # A dot before a digit is a decimal (1.5倍); 、 never is (1、1-4月经济运行…).
    # ⒈ (U+2488..U+249B) is the one-character 1. of Word's numbering.
    _style(
        "arabic_dot",
        rf"(?:(?P<num>[{AR}]{{1,3}}){SP}*+(?:[.．](?![{AR}])|、)|(?P<num>[\u2488-\u249b]))",
        _DIGITS + _DIGIT_STOPS,
    ),
    _style("arabic_paren", rf"{OPEN}{SP}*+(?P<num>[{AR}]{{1,3}}){SP}*+{CLOSE}[、．.]?", "（("),
    _style("arabic_half_paren", rf"(?P<num>[{AR}]{{1,2}}){CLOSE}", _DIGITS),
    _style("circled", r"(?P<num>[\u2460-\u2473])[、．.]?", _CIRCLED),
    _style("paren_digit", r"(?P<num>[\u2474-\u2487])", _PAREN_DIGITS),
    _style("bare_cn", rf"(?P<num>[{CN}]{{1,3}})(?={SP}*+$)", CN, own_line=True),
)

_STYLE_BY_FIRST: dict[str, tuple[NumberingStyle, ...]] = {}
for _s in NUMBERING_STYLES:
    for _ch in _s.first:
        _STYLE_BY_FIRST[_ch] = (*_STYLE_BY_FIRST.get(_ch, ()), _s)

NUMBERING_FIRST = frozenset(_STYLE_BY_FIRST)
"""Every character a numbering marker can start with: a line starting otherwise has none.

A set test in the caller's loop is cheaper than a call to :func:`match_numbering`
on each of the many lines that hold no marker.
"""


def _gate(styles: tuple[NumberingStyle, ...]) -> re.Pattern[str]:
    """One ``re`` pattern for the styles a first character can open, in their order.

    Each style is one capturing group of an alternation over
    :func:`~speechparse.lexicon.pattern_parts.re_superset` of its pattern (a
    style that cannot be translated stands as an empty group, which always
    matches), so a line none of the styles can match fails in one cheap
    ``re`` call, and the group that matched (``lastindex``) names the first
    style whose pattern may match: the styles before it cannot.
    """
    parts = [re_superset(style.pattern.pattern) for style in styles]
    return re.compile("|".join(f"({part or ''})" for part in parts))


_GATES = {styles: _gate(styles) for styles in set(_STYLE_BY_FIRST.values())}
_GATED_BY_FIRST = {ch: (_GATES[styles], styles) for ch, styles in _STYLE_BY_FIRST.items()}


def match_numbering(text: str) -> tuple[NumberingStyle, regex.Match[str]] | None:
    """The numbering style and match at the start of ``text``, if any.

    One dispatch per line: the first character picks the gate of the styles
    it can open (``_GATED_BY_FIRST``), one ``re`` match of the gate turns a
    line without a marker away and names the first style that may match,
    and the styles' own ``regex`` patterns, the definition, decide from
    there (usually one try).  This matters when a corpus has millions of
    lines.
    """
    if not text:
        return None
    gated = _GATED_BY_FIRST.get(text[0])
    if gated is None:
        return None
    gate, styles = gated
    g = gate.match(text)
    if g is None:
        return None
    for style in styles[(g.lastindex or 1) - 1 :]:
        m = style.pattern.match(text)
        if m is not None:
            return style, m
    return None


# Imported here, beside the one function that needs it, so that the module's own import
# block stays as it is.
from speechparse.lexicon.numerals import to_int  # noqa: E402


def numbers_on(
    before: tuple[NumberingStyle, regex.Match[str]],
    after: tuple[NumberingStyle, regex.Match[str]],
    step: int = 1,
) -> bool:
    """Whether ``after`` numbers on from ``before``: the same style, its number ``step`` on.

    Both are what :func:`match_numbering` found.  The title window (a site's
    numbered notice going on) and the trailer (the run of a notice's items, up or
    down) ask the same step; it is defined once here.
    """
    if before[0].name != after[0].name:
        return False
    n = to_int(before[1].group("num"))
    return n is not None and to_int(after[1].group("num")) == n + step
