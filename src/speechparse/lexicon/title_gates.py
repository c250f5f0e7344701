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

from speechparse.lexicon.variants_table import VARIANTS

__all__ = ["WordGated", "spellings", "words_gate"]


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
