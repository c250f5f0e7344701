"""The masks sites print over words: the ``D`` written for a party, placeholders.

The reader unmasks, the pipeline records each mask in the document and the
index searches through them: one definition of what a mask looks like.
"""

from __future__ import annotations

import regex

from speechparse.lexicon.chars import holds

__all__ = [
    "MASKED_PARTY",
    "PLACEHOLDER",
    "may_hold_placeholder",
]

#: The ``D`` that material sites print for 党 (D员, 共产D人, D中央, 全D):
#: a capital D touching a Han character and no other Latin letter.
MASKED_PARTY = regex.compile(r"(?<![A-Za-z])D(?![A-Za-z])(?:(?<=\p{Han}D)|(?=\p{Han}))")

#: Placeholders that hide names or numbers: XX, ×××, **, ○○, 某某.
PLACEHOLDER = regex.compile(r"(?<![A-Za-z])X{2,}+(?![A-Za-z])|×{2,}+|\*{2,}+|○{2,}+|某某")


def may_hold_placeholder(text: str) -> bool:
    """False when PLACEHOLDER cannot match: each alternative needs two of its characters.

    A handful of substring tests is far cheaper than the regex scan, and most
    documents hold no placeholder.
    """
    return (
        holds(text, "XX")
        or holds(text, "××")
        or holds(text, "**")
        or holds(text, "○○")
        or holds(text, "某某")
    )
