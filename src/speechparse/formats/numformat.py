"""Word's number formats (``w:numFmt``): a counter value → the digits Word shows.

Why a module of its own: the labels of a .docx speech (一、 （一） 1. ①) are
not in its text but computed by Word from a counter and a format name, so
the reader must render them exactly as Word does or every heading is lost.
Pure functions, no XML, so each format is tested on its own.
"""

from __future__ import annotations

from collections.abc import Callable

__all__ = ["format_number"]

_DIGITS = "〇一二三四五六七八九"
_LEGAL_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_LEGAL_TRAD_DIGITS = "零壹貳參肆伍陸柒捌玖"
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"


def _counting(n: int, digits: str = _DIGITS, units: str = "十百千") -> str:
    """Chinese counting below ten thousand: 十, 十一, 二十, 一百零一, 一千零十.

    Word writes 10–19 as 十… (not 一十…), and a zero between non-zero digits
    as one 零.
    """
    if n == 0:
        return "零" if digits is not _DIGITS else "〇"
    if n >= 10000:
        head, rest = divmod(n, 10000)
        tail = _counting(rest, digits, units) if rest else ""
        gap = "零" if rest and rest < 1000 else ""
        return _counting(head, digits, units) + "万" + gap + tail
    parts: list[str] = []
    zero = False
    for power in (3, 2, 1, 0):
        digit = n // 10**power % 10
        if digit == 0:
            zero = bool(parts)
            continue
        if zero:
            parts.append("零")
            zero = False
        unit = units[power - 1] if power else ""
        if power == 1 and digit == 1 and not parts and digits is _DIGITS:
            parts.append(unit)
        else:
            parts.append(digits[digit] + unit)
    return "".join(parts)


def _chinese_counting(n: int) -> str:
    """``chineseCounting``: 一…九十九 counted, from 100 on digit by digit (一〇一)."""
    if n < 100:
        return _counting(n)
    return "".join(_DIGITS[int(d)] for d in str(n))


def _digit_by_digit(n: int) -> str:
    """``ideographDigital``: each decimal digit as its ideograph (二〇二五)."""
    return "".join(_DIGITS[int(d)] for d in str(n))


def _cycle(symbols: str) -> Callable[[int], str]:
    """Formats that cycle through a fixed list (甲乙丙丁…, 子丑寅卯…)."""
    return lambda n: symbols[(n - 1) % len(symbols)] if n > 0 else str(n)


def _enclosed(first: int, count: int, base: int = 1) -> Callable[[int], str]:
    """①–⑳, ⑴–⒇, ⒈–⒛: Word falls back to plain digits past the last symbol."""
    return lambda n: chr(first + n - base) if base <= n < base + count else str(n)


def _full_width(n: int) -> str:
    """``decimalFullWidth``: １２ (U+FF10…)."""
    return "".join(chr(0xFF10 + int(d)) for d in str(n))


def _roman(n: int) -> str:
    if not 0 < n < 4000:
        return str(n)
    out = []
    for value, symbol in (
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    ):  # fmt: skip
        count, n = divmod(n, value)
        out.append(symbol * count)
    return "".join(out)


def _letter(n: int) -> str:
    """A, B … Z, AA, BB …: Word repeats the letter, it does not count in base 26."""
    if n <= 0:
        return str(n)
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)


_FORMATS: dict[str, Callable[[int], str]] = {
    "decimal": str,
    "decimalZero": lambda n: f"{n:02d}",
    "decimalFullWidth": _full_width,
    "decimalFullWidth2": _full_width,
    "decimalHalfWidth": str,
    "decimalEnclosedCircle": _enclosed(0x2460, 20),
    "decimalEnclosedCircleChinese": _enclosed(0x2460, 20),
    "decimalEnclosedParen": _enclosed(0x2474, 20),
    "decimalEnclosedFullstop": _enclosed(0x2488, 20),
    "ideographEnclosedCircle": _enclosed(0x3280, 10),
    "chineseCounting": _chinese_counting,
    "chineseCountingThousand": _counting,
    "japaneseCounting": _counting,
    "taiwaneseCounting": _chinese_counting,
    "taiwaneseCountingThousand": _counting,
    "ideographDigital": _digit_by_digit,
    "taiwaneseDigital": _digit_by_digit,
    "japaneseDigitalTenThousand": _digit_by_digit,
    "chineseLegalSimplified": lambda n: _counting(n, _LEGAL_DIGITS, "拾佰仟"),
    "ideographLegalTraditional": lambda n: _counting(n, _LEGAL_TRAD_DIGITS, "拾佰仟"),
    "japaneseLegal": lambda n: _counting(n, _LEGAL_TRAD_DIGITS, "拾佰仟"),
    "ideographTraditional": _cycle(_STEMS),
    "ideographZodiac": _cycle(_BRANCHES),
    "upperRoman": _roman,
    "lowerRoman": lambda n: _roman(n).lower(),
    "upperLetter": _letter,
    "lowerLetter": lambda n: _letter(n).lower(),
    "ordinal": str,
    "cardinalText": str,
    "ordinalText": str,
}


def format_number(value: int, fmt: str) -> str:
    """The text Word shows for counter ``value`` in format ``fmt``.

    ``none`` and ``bullet`` show nothing for the counter (a bullet's symbol
    is the level's whole ``lvlText``); a format this table lacks falls back
    to decimal, which is what Word does for formats it cannot render.
    """
    if fmt in ("none", "bullet"):
        return ""
    return _FORMATS.get(fmt, str)(value)
