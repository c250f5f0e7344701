"""How paragraphs and sentences begin and end, and where collapsed text hides a break.

Segmentation weighs each space of a collapsed line on what stands around
it, and the run-in heading rule looks for a sentence end; the character
sets and gap patterns both read are kept together here.
"""

from __future__ import annotations

import regex

from speechparse.lexicon.pattern_parts import AR, CN, SP

__all__ = [
    "CLOSING_QUOTE",
    "COLLAPSED_GAP",
    "NO_PARAGRAPH_END",
    "NO_PARAGRAPH_START",
    "PARAGRAPH_END",
    "SENTENCE_END",
    "collapsed_gaps",
]

#: Where a collapsed line may have a paragraph break: a run of white space
#: (one character wide or more: collapsed.py weighs the single ones), or a
#: sentence end directly followed by what may be a numbering marker.
COLLAPSED_GAP = regex.compile(rf"{SP}++|(?<=[。！？!?][”’」』]?+)(?=[{CN}{AR}（(第①-⑳])")

_COLLAPSED_SPACE = regex.compile(rf"{SP}++")
_COLLAPSED_END_BEFORE_MARKER = regex.compile(rf"[。！？!?][”’」』]?+(?=[{CN}{AR}（(第①-⑳])")


def collapsed_gaps(t: str) -> list[tuple[int, int]]:
    """The spans of ``COLLAPSED_GAP.finditer(t)``, found by two scans of its halves.

    The alternation with a lookbehind is tried at every character; each half
    alone starts from a character class, and the two together scan a
    collapsed line in half the time.  They never meet: a space run starts at
    a space, the empty gap before a marker after a sentence end or a quote.
    ``tests/test_patterns.py`` holds this to the pattern.
    """
    gaps = [(m.start(), m.end()) for m in _COLLAPSED_SPACE.finditer(t)]
    ends = [(m.end(), m.end()) for m in _COLLAPSED_END_BEFORE_MARKER.finditer(t)]
    if ends:
        gaps.extend(ends)
        gaps.sort()
    return gaps


#: What a paragraph never starts with: a space before one of these is spaced
#: punctuation (`` , `` `` 。``), not a lost line break.
NO_PARAGRAPH_START = frozenset("，,。、；;：:！!？?）)」』”’》〉】…%")

#: What a paragraph never ends with: a space after one of these is inside a phrase.
NO_PARAGRAPH_END = frozenset("（(“‘「『《〈【[")

#: What ends a paragraph before a lost line break: a sentence end (a closing
#: quote or bracket may follow it) or a colon (README: a space run "also after
#: a colon" is a paragraph start).
PARAGRAPH_END = frozenset("。！？!?：:")

#: What may close a quote or bracket after a sentence end.
CLOSING_QUOTE = frozenset("”’」』）)")

#: The punctuation that ends a run-in heading.
SENTENCE_END = frozenset("。！？!?")
