"""Patterns that match traditional characters as they match simplified ones.

Material sites publish the same speech in simplified and in traditional
characters (同志們：, 發布時間：, 講話).  Rather than converting every document
(a cost on every line, and a dependency), each pattern is widened once, when
it is compiled: a character with other written forms becomes a class of all
of them (们 → [们們]).  Positions stay exact because every form is one code
point.  The table is generated from the patterns themselves
(scripts/gen_variants.py), and a test checks it is current.
"""

from __future__ import annotations

from speechparse.lexicon.variants_table import VARIANTS

__all__ = ["with_variants", "with_variants_chars"]


def with_variants(pattern: str) -> str:
    """``pattern`` (regex source) with every known character widened to its forms.

    Outside a character class ``们`` becomes ``[们們]``; inside one the forms
    are added to the class.  Escapes are copied as they are, and a character
    that is the end of a range inside a class is left alone (a range of Han
    characters would otherwise be broken).
    """
    out: list[str] = []
    in_class = False
    i = 0
    n = len(pattern)
    while i < n:
        ch = pattern[i]
        if ch == "\\":
            out.append(pattern[i : i + 2])
            i += 2
            continue
        forms = VARIANTS.get(ch, "")
        if in_class:
            if ch == "]":
                in_class = False
                out.append(ch)
            elif forms and pattern[i + 1 : i + 2] != "-" and pattern[i - 1 : i] != "-":
                out.append(ch + forms)
            else:
                out.append(ch)
        elif ch == "[":
            in_class = True
            out.append(ch)
            if pattern[i + 1 : i + 2] in ("^", "]"):
                out.append(pattern[i + 1])
                i += 1
        elif forms:
            out.append(f"[{ch}{forms}]")
        else:
            out.append(ch)
        i += 1
    return "".join(out)


def with_variants_chars(chars: str) -> frozenset[str]:
    """A set of characters and all their other forms (for first-character gates)."""
    return frozenset(chars + "".join(VARIANTS.get(ch, "") for ch in chars))
