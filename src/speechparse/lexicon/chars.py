"""Character classes and the character-level tests every stage uses.

Kept below the reading stage so that the model (which strips white space
between leaves) and the lexicon's own patterns need not import a stage.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import repeat
from operator import mul, sub

__all__ = [
    "PARAGRAPH_INDENT",
    "WHITESPACE",
    "display_width",
    "display_widths",
    "holds",
    "holds_any",
    "holds_any_word",
    "skip_space",
]


WHITESPACE = " \t\u3000\u00a0\u200b\ufeff\u2002\u2003\u2009\x0b\x0c"
"""What indentation and blank lines are made of in scraped documents."""


def holds_any(text: str, chars: Iterable[str]) -> bool:
    """Whether ``text`` holds one of ``chars`` (a small set of gate characters).

    Why not ``frozenset.isdisjoint(text)`` or ``any(ch in chars for ch in
    text)``: both walk ``text`` and make a one-character string of each Han
    character, about 2 µs for a title-length line; ``in`` runs one C search
    of the line per wanted character instead, a few times faster.
    """
    for ch in chars:  # noqa: SIM110 - a loop: any() with a generator costs a frame per call
        if ch in text:
            return True
    return False


def holds(text: str, needle: str) -> bool:
    """``needle in text`` for a whole document, asking for its first character first.

    CPython finds a single character with a vectorised scan but a longer
    needle with a general search some twenty times slower per character; the
    markers asked for are absent from most documents, and then the first,
    fast scan alone answers.  The last character is asked too: a common first
    character (来 of 来源) is then rarely enough to reach the slow search.
    """
    return needle[0] in text and needle[-1] in text and needle in text


def holds_any_word(text: str, words: Iterable[str]) -> bool:
    """Whether ``text`` holds one of ``words``, each asked as :func:`holds` asks it.

    ``any(word in text for word in words)`` runs the slow general search once
    per word over the whole text (some 8 µs for eight two-character words in
    a short document); the single-character scans first answer most texts.
    """
    for word in words:  # noqa: SIM110 - a loop: any() with a generator costs a frame per call
        if word[0] in text and word[-1] in text and word in text:
            return True
    return False


def skip_space(text: str, at: int) -> int:
    """The first index at or after ``at`` that is not white space."""
    if at < len(text) and text[at] in WHITESPACE:
        return len(text) - len(text[at:].lstrip(WHITESPACE))
    return at


PARAGRAPH_INDENT = "\u3000\u3000"
"""Two ideographic spaces: how a Chinese paragraph is indented.  Inside a line
they mark where a joined paragraph starts; a sentence never holds them."""


def display_width(s: str) -> int:
    """Width in half-character units: a PDF line holds fewer wide characters than narrow ones.

    Narrow means below U+0100; encoding to Latin-1 with ``ignore`` keeps exactly
    those, one byte each, so they are counted in C rather than a character at a time.
    """
    return 2 * len(s) - len(s.encode("latin-1", "ignore"))


def display_widths(strings: list[str]) -> list[int]:
    """:func:`display_width` of each string, computed by C loops (``map``), not a call each.

    A collapsed line is weighed on the widths of all the segments between
    its spaces: hundreds of them in a long one.
    """
    doubled = map(mul, map(len, strings), repeat(2))
    narrow = map(len, map(str.encode, strings, repeat("latin-1"), repeat("ignore")))
    return list(map(sub, doubled, narrow))
