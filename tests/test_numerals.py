"""Numerals in markers become integers, so sequence checks compare values."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from speechparse.lexicon.numerals import chinese_to_int, to_int
from strategies import to_chinese


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("一", 1),
        ("二", 2),
        ("两", 2),
        ("十", 10),
        ("十一", 11),
        ("二十", 20),
        ("二十三", 23),
        ("九十九", 99),
        ("一百", 100),
        ("一百零五", 105),
        ("一百一十", 110),
        ("三千零二", 3002),
        ("〇", 0),
        ("零", 0),
        ("〇七", 7),
        ("二〇二四", 2024),
        ("一九九八", 1998),
        ("壹", 1),
        ("拾贰", 12),
        ("叁拾", 30),
    ],
)
def test_chinese_to_int(text: str, value: int) -> None:
    """Unit-based and positional (date-style) numerals."""
    assert chinese_to_int(text) == value


@pytest.mark.parametrize("text", ["", "十十", "百十百", "甲", "一a", "二三十五十"])
def test_chinese_to_int_malformed(text: str) -> None:
    """Malformed numerals are None, never an exception or a guess."""
    assert chinese_to_int(text) is None


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("3", 3),
        ("12", 12),
        ("３", 3),
        ("１２", 12),
        ("①", 1),
        ("⑳", 20),
        ("⑴", 1),
        ("⒇", 20),
        ("十 八", 18),
        ("十\u3000八", 18),
        ("三", 3),
    ],
)
def test_to_int(text: str, value: int) -> None:
    """Any numeral a marker may hold: Arabic of either width, circled, parenthesised."""
    assert to_int(text) == value


@pytest.mark.parametrize("text", ["", " ", "\u3000", "x", "②③"])
def test_to_int_none(text: str) -> None:
    """What is not a numeral has no value."""
    assert to_int(text) is None


@given(st.integers(1, 99))
def test_chinese_round_trip(n: int) -> None:
    """The marker numerals the strategies write read back as the same integer."""
    assert chinese_to_int(to_chinese(n)) == n
    assert to_int(to_chinese(n)) == n


@given(st.text(max_size=12))
def test_numerals_never_raise(text: str) -> None:
    """Arbitrary strings give an int or None."""
    value = to_int(text)
    assert value is None or isinstance(value, int)
    value = chinese_to_int(text)
    assert value is None or isinstance(value, int)
