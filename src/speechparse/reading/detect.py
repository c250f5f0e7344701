"""The encodings speechparse does not try by itself: asked of charset-normalizer.

:func:`speechparse.reading.decoding.decode` settles the common cases alone (a BOM,
strict UTF-8, GB18030 that reads as simplified Chinese).  What is left —
Big5, Shift-JIS, UTF-16 without a BOM, Latin-1/CP1252, GB18030 that decodes
but reads as rare characters (the mark of Big5 or Shift-JIS bytes, or of a
file mixing two encodings) — is given to a well-kept detector, and its
confidence travels with the text so that a doubtful guess is a diagnostic on
the document instead of silent mojibake.
"""

from __future__ import annotations

from typing import NamedTuple

import regex
from charset_normalizer import from_bytes

__all__ = ["CONFIDENT", "Guess", "common_han_share", "detect"]

CONFIDENT = 0.8
"""Below this confidence (1 − the detector's chaos) a guess is reported as uncertain."""

_HAN = regex.compile(r"\p{Han}")
_SAMPLE = 4096

_GB_FAMILY = {"gb2312", "gbk", "gb18030", "hz"}

_PREFERRED = {name: rank for rank, name in enumerate(("gb18030", "big5", "cp932", "cp1252"))}
"""Among equally good readings, the first of these."""


class Guess(NamedTuple):
    """What the detector read: text, Python codec name and confidence (0–1)."""

    text: str
    encoding: str
    confidence: float


def common_han_share(text: str) -> float:
    """Fraction of the Han characters of a sample that are in GB2312 (the 6,763 common ones).

    Simplified Chinese text is almost all GB2312; Big5 or Shift-JIS bytes read
    as GB18030 land on rare characters a third of the time or more.  Text
    with few Han characters says nothing, so it counts as common.
    """
    han = _HAN.findall(text[:_SAMPLE])
    if len(han) < 20:
        return 1.0
    # Every GB2312 Han character is two bytes there and the others are dropped,
    # so one encode in C counts them (a try per character cost 0.4 ms a file).
    common = len("".join(han).encode("gb2312", "ignore")) // 2
    return common / len(han)


def detect(data: bytes) -> Guess | None:
    """charset-normalizer's best reading of ``data``, or None when it has none.

    A GB-family answer is given as GB18030 (the superset), so one file never
    gets two names.
    """
    matches = list(from_bytes(data))
    if not matches:
        return None
    best = matches[0]
    # Ties are common between sibling code pages (cp1250 and cp1252 read
    # French alike except for è): the commoner one wins, as in browsers.
    tied = [m for m in matches if (m.chaos, m.coherence) == (best.chaos, best.coherence)]
    best = min(tied, key=lambda m: _PREFERRED.get(m.encoding, len(_PREFERRED)))
    encoding = best.encoding
    if encoding in _GB_FAMILY:
        encoding = "gb18030"
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None
    return Guess(text, encoding, round(max(0.0, 1.0 - best.chaos), 3))
