"""The points inside a paragraph (first, second; numbered clauses) and where they may start.

The point scan runs over every paragraph, so the pattern comes with the
sets and the candidate scan that keep it off most positions.
"""

from __future__ import annotations

import re

import regex

from speechparse.lexicon.pattern_parts import CN, compile_variants
from speechparse.lexicon.variants import with_variants, with_variants_chars

__all__ = [
    "POINT",
    "POINT_AFTER",
    "POINT_AT_START",
    "POINT_BEFORE",
    "POINT_FIRST",
    "POINT_LABEL",
    "match_point_label",
]

_POINT_SOURCE = rf"""
      (?P<num>[{CN}]{{1,3}})[是要抓靠在重]
    | 第(?P<num2>[{CN}]{{1,3}})(?=[，,、：:])
    | (?P<word>首先|其次|再次|其三|最后)(?=[，,、：:])
    """
"""The point alternatives, verbose: compiled below as POINT and as the two scans."""

#: Points inside a paragraph: 一是/二要/三抓 (a numeral and a verb),
#: 第一，/第二、, 首先/其次/再次/最后.  They count only at the start of a
#: paragraph or after the punctuation that closes a clause: see POINT_BEFORE.
#: (No look-behind in the pattern, so the engine can skip ahead by first
#: character: this runs on every paragraph.)
POINT = compile_variants("(?x)" + _POINT_SOURCE)

#: What may stand just before a point.
POINT_BEFORE = frozenset("。；;！？!?，,：:”\u3000 \t")

#: Every character a POINT can start with.
POINT_FIRST = with_variants_chars(CN + "第首其再最")

_BEFORE_CLASS = "[" + re.escape("".join(sorted(POINT_BEFORE))) + "]"

#: A POINT_BEFORE character and the point after it, as one scan: the point is
#: the match without its first character.  One ``finditer`` per paragraph
#: finds every point but a leading one (POINT_AT_START), with no Python work
#: at the many commas no point follows (the look-ahead for a POINT_FIRST
#: character turns most of them down before the alternatives are tried).  A
#: point holds no POINT_BEFORE character, so consuming one never hides the
#: next.  Compiled with the standard library's ``re``: a scan for a character
#: class needs none of ``regex``'s features and runs about twice as fast
#: there, and this scan runs over every paragraph.
POINT_AFTER = re.compile(
    _BEFORE_CLASS
    + "(?=["
    + "".join(sorted(POINT_FIRST))
    + "])(?:"
    + with_variants(_POINT_SOURCE)
    + ")",
    re.VERBOSE,
)

#: POINT as ``re``, for the point that opens a paragraph (tried only when its
#: first character is in POINT_FIRST).
POINT_AT_START = re.compile(with_variants(_POINT_SOURCE), re.VERBOSE)

#: A labelled point at the start of a paragraph: 理由一：, 场景二：.
POINT_LABEL = regex.compile(rf"\p{{Han}}{{2}}(?P<num3>[{CN}]{{1,2}})(?=[：:])")


def match_point_label(text: str) -> regex.Match[str] | None:
    """POINT_LABEL at the start of ``text``; the colon is looked for first (it is rare)."""
    if "：" in text[3:5] or ":" in text[3:5]:
        return POINT_LABEL.match(text)
    return None
