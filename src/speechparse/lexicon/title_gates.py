"""Cheap necessary conditions tried before the title stage's costlier patterns.

Why: a widened pattern (every character a class of its written forms, see
variants.py) defeats the regex engines' literal-prefix scans, so a failed
search costs one to fifty microseconds on a title-length line, and on a
typical page most of the title stage's searches find nothing.  A gate here
is written with the standard library's ``re`` over plain literals (each
word spelled out in all its written forms), which scans a line in a few
hundred nanoseconds; where the gate finds nothing, the pattern cannot match
and is not tried.  Each gate is *necessary* for its pattern, never a change
of what it matches: tests/test_title_gates.py generates matches from each
pattern and checks that the gate lets every one through.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

import regex

from speechparse.lexicon.variants import with_variants
from speechparse.lexicon.variants_table import VARIANTS

__all__ = ["WordGated", "spellings", "word_scan", "words_gate"]


def spellings(words: str) -> list[str]:
    """Every written form of each word of an ``a|b|c`` alternation, word by word in order.

    讲话 gives 讲话, 讲話, 講话, 講話: each character independently in each of its
    forms, as the widened pattern accepts them.
    """
    out: list[str] = []
    for word in words.split("|"):
        forms = [ch + VARIANTS.get(ch, "") for ch in word]
        out.extend("".join(p) for p in itertools.product(*forms))
    return out


def words_gate(words: str) -> re.Pattern[str]:
    """A ``re`` pattern finding any word of the ``a|b|c`` alternation, in any written form.

    Spelled out as plain literals grouped by their first character (发(?:言|布时间)|…),
    so that ``re`` tries the few words a character can open, not every word, wherever
    one of the first characters stands.  Only whether it finds something counts: a
    gate's match is never used.
    """
    rests: dict[str, list[str]] = {}
    for word in spellings(words):
        rests.setdefault(word[0], []).append(word[1:])
    branches = []
    for first, rest in rests.items():
        if "" in rest:  # the character alone is a word: the longer ones add nothing
            branches.append(re.escape(first))
        else:
            branches.append(re.escape(first) + "(?:" + "|".join(map(re.escape, rest)) + ")")
    return re.compile("|".join(branches))


_SYNTAX = frozenset("\\()[]{}?*+.^$")


def _plain_words(widened: str) -> str | None:
    """The ``a|b|c`` words a widened pattern source was made from, or None if it is more.

    Each class ``[们們]`` that is one character and its other written forms is
    read back as that character; any other regex syntax means the source is not
    a plain alternation of words.
    """
    out: list[str] = []
    i, n = 0, len(widened)
    while i < n:
        ch = widened[i]
        if ch == "[":
            close = widened.find("]", i + 1)
            forms = widened[i + 1 : close] if close > i + 1 else ""
            if not forms or forms[1:] != VARIANTS.get(forms[0], "") or len(forms) < 2:
                return None
            out.append(forms[0])
            i = close + 1
            continue
        if ch in _SYNTAX:
            return None
        out.append(ch)
        i += 1
    return "".join(out)


def word_scan(pattern: regex.Pattern[str]) -> re.Pattern[str]:
    """A plain scan finding a match exactly where ``pattern``, a widened word list, finds one.

    Why: a pattern such as ``compile_variants("公众号|扫码|…")`` is searched by
    ``regex`` class by class, a few microseconds over a paragraph that holds none
    of the words; the same words spelled out (:func:`words_gate`) are scanned
    several times faster.  The words are read back from the pattern's source, so
    the list stays defined once; the scan says only whether (not which) a word
    stands there.  Raises ValueError for a pattern that is not a plain word list.
    """
    words = _plain_words(pattern.pattern)
    if words is None or pattern.flags & ~regex.DEFAULT_VERSION & ~regex.U != 0:
        raise ValueError(f"not a plain word list: {pattern.pattern[:40]!r}")
    if with_variants(words) != pattern.pattern or "" in words.split("|"):
        raise ValueError(f"not a plain word list: {pattern.pattern[:40]!r}")
    return words_gate(words)


@dataclass(frozen=True, slots=True)
class WordGated:
    """A pattern searched only where its gate finds the words every match holds."""

    pattern: regex.Pattern[str]
    gate: re.Pattern[str]

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> regex.Match[str] | None:
        """``pattern.search``, or None at once when the gate finds nothing there."""
        end = len(text) if endpos is None else endpos
        if self.gate.search(text, pos, end) is None:
            return None
        return self.pattern.search(text, pos, end)

    def match(self, text: str, pos: int = 0) -> regex.Match[str] | None:
        """``pattern.match``, or None at once when the gate finds nothing from ``pos`` on."""
        if self.gate.search(text, pos) is None:
            return None
        return self.pattern.match(text, pos)

    def fullmatch(self, text: str) -> regex.Match[str] | None:
        """``pattern.fullmatch(text)``, or None at once when the gate finds nothing."""
        if self.gate.search(text) is None:
            return None
        return self.pattern.fullmatch(text)
