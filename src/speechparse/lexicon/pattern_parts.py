"""The fragments every pattern module writes its regular expressions with.

One definition of what a space, a numeral or a bracket is inside a pattern,
and of how a pattern is widened to traditional characters, so that the
numbering, noise, point and title patterns cannot drift apart.  All patterns
are written for the ``regex`` package (``\\p{Han}``, possessive quantifiers)
and avoid nested unbounded repetition, so matching stays linear on
adversarial input.
"""

from __future__ import annotations

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
