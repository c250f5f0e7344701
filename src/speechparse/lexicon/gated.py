"""Patterns wrapped with a cheap test that says where they cannot match.

A regex call costs about a microsecond even when it fails at once, and the
line and title checks run on every line; each wrapper here asks a set or
substring test first and calls the pattern only where a match is possible.
The tests generate matches from each pattern and hold it to its gate.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import regex

__all__ = [
    "EndGated",
    "Gated",
    "NeedsLiteral",
]


@dataclass(frozen=True, slots=True)
class Gated:
    """A pattern anchored at the start of a line, tried only where it can start.

    Why: a regex call costs about a microsecond even when it fails on the
    first character, and the front-matter and line checks call these on every
    line.  ``first`` lists every character a match can begin with, except
    for matches that end the line with a character of ``last`` (a pattern
    that can start anywhere but must end in a colon gates on its end);
    tests/test_patterns.py generates matches from ``pattern`` and checks it.
    """

    pattern: regex.Pattern[str]
    first: frozenset[str]
    last: frozenset[str] = frozenset()

    def match(self, text: str) -> regex.Match[str] | None:
        """``pattern.match(text)``, or None at once when ``text`` cannot hold a match."""
        if text[:1] in self.first or (self.last and text[-1:] in self.last):
            return self.pattern.match(text)
        return None


@dataclass(frozen=True, slots=True)
class NeedsLiteral:
    """A pattern every match of which holds ``literal``, searched only where it does.

    Why: a failed search of a widened pattern over a title-length line costs
    one to three microseconds; ``literal in text`` a tenth of that.  The
    literal must have no other written forms (no variant to widen it to),
    and tests/test_patterns.py holds each pattern to its literal.
    """

    pattern: regex.Pattern[str]
    literal: str

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> regex.Match[str] | None:
        """``pattern.search``, or None at once when ``text`` does not hold the literal."""
        if self.literal not in text:
            return None
        return self.pattern.search(text, pos, len(text) if endpos is None else endpos)


@dataclass(frozen=True, slots=True)
class EndGated:
    """A pattern anchored at the end of a line, searched only where its end can be.

    Why: the decoration pattern has many alternatives, and a search costs a few
    microseconds even where the line's last character ends none of them (…讲话,
    …报告); ``last`` lists every non-ASCII character a match can end with, and
    ``inside`` the characters one of which stands near the end for the
    alternatives that may end with anything (a site-name suffix after _ or |).
    tests/test_title.py holds the pattern to this.
    """

    pattern: regex.Pattern[str]
    last: frozenset[str]
    inside: frozenset[str]
    _inside: re.Pattern[str] | None = field(init=False, repr=False, compare=False)
    """``inside`` as one ``re`` class scan (None when empty)."""

    def __post_init__(self) -> None:
        chars = "".join(sorted(self.inside))
        scan = re.compile("[" + re.escape(chars) + "]") if chars else None
        object.__setattr__(self, "_inside", scan)

    def search(self, text: str) -> regex.Match[str] | None:
        """``pattern.search(text)``, or None at once when ``text`` cannot end in a match."""
        if not text:
            return None
        end = text[-1]
        if (
            end.isascii()
            or end in self.last
            or (self._inside is not None and self._inside.search(text, len(text) - 48) is not None)
        ):
            return self.pattern.search(text)
        return None
