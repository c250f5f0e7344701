"""The fragments every pattern module writes its regular expressions with.

One definition of what a space, a numeral or a bracket is inside a pattern,
and of how a pattern is widened to traditional characters, so that the
numbering, noise, point and title patterns cannot drift apart.  All patterns
are written for the ``regex`` package (``\\p{Han}``, possessive quantifiers)
and avoid nested unbounded repetition, so matching stays linear on
adversarial input.
"""

from __future__ import annotations

import re

import regex

from speechparse.lexicon.variants import with_variants

__all__ = [
    "AR",
    "CLOSE",
    "CN",
    "CN_TEN",
    "FROM_END",
    "OPEN",
    "SP",
    "compile_variants",
    "re_superset",
]

#: The characters of a Chinese numeral in a marker or a count.
CN = "一二三四五六七八九十百零〇两"

#: The characters of a numeral in the title patterns' counts and labels (no 百, 零).
CN_TEN = "一二三四五六七八九十"

#: ASCII and full-width digits, as the inside of a character class.
AR = "0-9０-９"

#: An opening and a closing parenthesis, half- or full-width.
OPEN = "[（(]"
CLOSE = "[）)]"

#: One character of the white space that separates words inside a line.
SP = r"[ \t\u3000\u00a0]"


def compile_variants(source: str, flags: int = 0) -> regex.Pattern[str]:
    """A pattern that matches traditional characters too (同志們, 來源, 謝謝): see variants.py."""
    return regex.compile(with_variants(source), flags)


FROM_END = regex.REVERSE
"""For patterns anchored at the end of a line: searched from the end, so a miss costs
the length of a suffix, not of the line.  Such patterns use no possessive quantifiers
(matched backwards, a possessive run would swallow what the next item needs); they
only ever see lines short enough to be titles."""


def re_superset(source: str) -> str | None:
    """``source`` (a ``regex`` pattern) as an ``re`` pattern that matches at least as much.

    Why: a failed ``regex`` match costs over half a microsecond before it
    looks at a character, an ``re`` one half of that; a cheap ``re`` gate in
    front of the ``regex`` pattern turns most non-matching lines away.  The
    translation drops what ``re`` lacks where dropping it can only widen
    the match: a possessive quantifier becomes a greedy one (every match of
    the atomic form is a match of the greedy one), and a named group becomes
    a plain one (``regex`` allows one name twice, ``re`` does not).  Returns
    None where that would not hold — a possessive quantifier inside a
    negative look-around, where widening the inside narrows the whole — or
    where the source uses syntax only ``regex`` has (``\\p{…}``, atomic
    groups, …); the caller then cannot gate on it.
    """
    out: list[str] = []
    groups: list[bool] = []  # per open group: is it a negative look-around?
    negative = 0  # how many negative look-arounds are open
    in_class = False
    i = 0
    n = len(source)
    while i < n:
        ch = source[i]
        if ch == "\\":
            nxt = source[i + 1 : i + 2]
            if nxt in ("p", "P", "X", "m", "M", "G", "K", "N"):
                return None
            out.append(source[i : i + 2])
            i += 2
            continue
        if in_class:
            if ch == "[":
                return None  # a nested set (regex V1): not translated
            if ch == "]":
                in_class = False
            out.append(ch)
        elif ch == "[":
            in_class = True
            out.append(ch)
            if source[i + 1 : i + 2] == "^":
                out.append("^")
                i += 1
            if source[i + 1 : i + 2] == "]":
                out.append("]")
                i += 1
        elif ch == "(":
            if source.startswith("(?P<", i):
                close = source.index(">", i)
                out.append("(?:")
                i = close + 1
                groups.append(False)
                continue
            if source.startswith(("(?!", "(?<!"), i):
                groups.append(True)
                negative += 1
            elif source.startswith(("(?:", "(?=", "(?<="), i) or not source.startswith("(?", i):
                groups.append(False)
            else:
                return None  # atomic groups, branch resets, inline flags, …
            out.append(ch)
        elif ch == ")":
            if groups.pop():
                negative -= 1
            out.append(ch)
        elif ch == "+" and _ends_in_quantifier(out):
            if negative:
                return None
        else:
            out.append(ch)
        i += 1
    return "".join(out)


def _ends_in_quantifier(out: list[str]) -> bool:
    """Whether ``out`` (translated so far, escapes kept whole) ends in a quantifier.

    Then a ``+`` after it makes the quantifier possessive.  A bare ``*``,
    ``+`` or ``?`` there is one (a literal one would be escaped, and ``(?``
    is never followed by ``+``); a ``}`` only when it closes ``{m}``,
    ``{m,}`` or ``{m,n}``.
    """
    if not out:
        return False
    last = out[-1]
    if last in ("*", "+", "?"):
        return True
    return last == "}" and _BRACE_QUANTIFIER.search("".join(out[-12:])) is not None


_BRACE_QUANTIFIER = re.compile(r"\{\d+(?:,\d*)?\}$")
