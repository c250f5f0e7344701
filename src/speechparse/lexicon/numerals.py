"""Turn the numbers written in markers into integers.

Sequence checks (二 after 一, 四 after 二 is a gap) need the value, not the
glyphs, and the same value is written as 三, ３, 3, ③ or ⑶ depending on the
numbering style.
"""

from __future__ import annotations

from functools import lru_cache

__all__ = ["chinese_to_int", "to_int"]

_DIGITS = {
    "〇": 0, "零": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "两": 2, "兩": 2, "三": 3, "叁": 3,
    "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "七": 7, "柒": 7,
    "八": 8, "捌": 8, "九": 9, "玖": 9,
}  # fmt: skip
_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}


def chinese_to_int(text: str) -> int | None:
    """Value of a Chinese numeral (一, 十一, 二十三, 一百零五, 〇七); None if malformed.

    Positional strings without units (一九九八) are read digit by digit, which
    is how dates are written; callers decide whether such a value is plausible.
    """
    if not text:
        return None
    if all(ch in _DIGITS for ch in text):
        value = 0
        for ch in text:
            value = value * 10 + _DIGITS[ch]
        return value
    total = 0
    pending: int | None = None
    last_unit = 10**9
    for ch in text:
        if ch in _DIGITS:
            if pending is not None and _DIGITS[ch] != 0:
                return None
            pending = _DIGITS[ch] or pending
        elif ch in _UNITS:
            unit = _UNITS[ch]
            if unit >= last_unit:
                return None
            total += (pending if pending is not None else 1) * unit
            pending = None
            last_unit = unit
        else:
            return None
    return total + (pending or 0)


_CIRCLED = {chr(0x2460 + i): i + 1 for i in range(20)}  # ①..⑳
_PAREN_DIGIT = {chr(0x2474 + i): i + 1 for i in range(20)}  # ⑴..⒇
_ONE_CHARACTER = {
    **{chr(0x2488 + i): i + 1 for i in range(20)},  # ⒈..⒛
    **{chr(0x3220 + i): i + 1 for i in range(10)},  # ㈠..㈩
}
"""Word's one-character markers: a digit with its full stop, an ideograph in brackets."""
_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")
_SPACES = str.maketrans("", "", " \t\u3000\u00a0")
"""The spaces a marker may hold inside its numeral (十 八, 第 1 2 章)."""


@lru_cache(maxsize=4096)
def to_int(text: str) -> int | None:
    """Value of any numeral a marker may hold: Chinese, Arabic (any width), ①, ⑴, ⒈, ㈠.

    Spaces inside the numeral (十 八) are ignored.  Cached: markers repeat a
    handful of numerals on every line of a corpus.
    """
    text = text.translate(_SPACES)
    if not text:
        return None
    if text in _CIRCLED:
        return _CIRCLED[text]
    if text in _PAREN_DIGIT:
        return _PAREN_DIGIT[text]
    if text in _ONE_CHARACTER:
        return _ONE_CHARACTER[text]
    ascii_digits = text.translate(_FULLWIDTH)
    if ascii_digits.isascii() and ascii_digits.isdigit():
        return int(ascii_digits)
    return chinese_to_int(text)
