"""The masks sites print over words: the ``D`` written for a party, placeholders.

The reader unmasks, the pipeline records each mask in the document and the
index searches through them: one definition of what a mask looks like.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from speechparse.lexicon.chars import holds

__all__ = [
    "MASKED_PARTY",
    "PLACEHOLDER",
    "masked_party_spans",
    "may_hold_placeholder",
    "placeholder_spans",
]

#: The ``D`` that material sites print for 党 (D员, 共产D人, D中央, 全D):
#: a capital D touching a Han character and no other Latin letter.
MASKED_PARTY = regex.compile(r"(?<![A-Za-z])D(?![A-Za-z])(?:(?<=\p{Han}D)|(?=\p{Han}))")

_PLACEHOLDER_KINDS = (
    ("XX", r"(?<![A-Za-z])X{2,}+(?![A-Za-z])"),
    ("××", r"×{2,}+"),
    ("**", r"\*{2,}+"),
    ("○○", r"○{2,}+"),
    ("某某", r"某某"),
)
"""Each kind of placeholder: the two characters it needs, and its pattern.

The kinds are made of different characters, so no two of their matches
overlap or touch the same position, and the matches of :data:`PLACEHOLDER`
are those of the kinds together: :func:`placeholder_spans` scans only for the
kinds a text holds (``tests/test_speed_reading.py`` holds the two together).
"""

#: Placeholders that hide names or numbers: XX, ×××, **, ○○, 某某.
PLACEHOLDER = regex.compile("|".join(pattern for _, pattern in _PLACEHOLDER_KINDS))

_PLACEHOLDER_SCANS = tuple((seed, regex.compile(pattern)) for seed, pattern in _PLACEHOLDER_KINDS)


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


def placeholder_spans(text: str) -> list[tuple[int, int]]:
    """The spans of ``PLACEHOLDER.finditer(text)``, in order, found by cheaper scans.

    Each kind is scanned for only when the text holds its two characters,
    and from where they first stand: the alternation with a lookbehind is
    tried at every character of the whole text, a kind's pattern alone from
    its first occurrence on (a lookbehind still sees what is before it).
    """
    spans: list[tuple[int, int]] = []
    kinds = 0
    for seed, scan in _PLACEHOLDER_SCANS:
        if seed[0] in text and seed[-1] in text:
            at = text.find(seed)
            if at >= 0:
                spans.extend(m.span() for m in scan.finditer(text, at))
                kinds += 1
    if kinds > 1:
        spans.sort()
    return spans


def masked_party_spans(text: str) -> Iterator[regex.Match[str]]:
    """``MASKED_PARTY.finditer(text)``, scanning from the first D (none in most texts)."""
    at = text.find("D")
    return MASKED_PARTY.finditer(text, at) if at >= 0 else iter(())
