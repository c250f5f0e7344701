"""The fast paths of the reading stage give what the plain rules give (issue 14).

Each cheaper scan here stands in for a simpler one that defines the rule; the
tests hold the two together on invented text, so a fast path can never drift.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from speechparse.lexicon.chars import display_width, display_widths, holds, holds_any_word
from speechparse.lexicon.masks import (
    MASKED_PARTY,
    PLACEHOLDER,
    masked_party_spans,
    placeholder_spans,
)
from speechparse.reading.lines import iter_lines, line_list
from speechparse.reading.watermarks import inline_watermarks

_WORDS = ("来源", "來源", "出处", "转载自")


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="来源出处转载自來a ", max_size=14))
def test_holds_any_word_is_any_substring(text: str) -> None:
    """holds_any_word answers as ``any(word in text ...)`` does."""
    assert holds_any_word(text, _WORDS) == any(word in text for word in _WORDS)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="##X某a来源", max_size=10), st.sampled_from(["##", "XX", "来源", "某某"]))
def test_holds_is_in(text: str, needle: str) -> None:
    """holds is ``needle in text``, whatever its gates ask first."""
    assert holds(text, needle) == (needle in text)


@settings(max_examples=600, deadline=None)
@given(st.text(alphabet="XX××**○○某某aD党。 x", max_size=16))
def test_placeholder_spans_are_the_pattern_matches(text: str) -> None:
    """The per-kind scans find exactly the matches of the one PLACEHOLDER pattern."""
    assert placeholder_spans(text) == [m.span() for m in PLACEHOLDER.finditer(text)]


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="D党员aB 。X", max_size=12))
def test_masked_party_spans_are_the_pattern_matches(text: str) -> None:
    """Scanning from the first D misses no masked 党 and finds no other."""
    assert [m.span() for m in masked_party_spans(text)] == [
        m.span() for m in MASKED_PARTY.finditer(text)
    ]


def test_placeholder_lookbehind_sees_before_the_first_seed() -> None:
    """A scan that starts at the first XX still sees the letter before it."""
    assert placeholder_spans("aXX 某某 XX") == [(4, 6), (7, 9)]


def test_named_fragments_by_lengths_and_first_characters() -> None:
    """A site name found beside its domain is cut wherever it opens a paragraph or is bracketed.

    The text is invented; the longest name that opens a start wins, as when
    every length was tried.
    """
    text = (
        "青禾文库网 www.qinghe-demo.cn\n"
        "青禾文库网,范文学习 一、加快建设\n"
        "推进工作（青禾文库网）落实责任。\n"
        "（未闭合的括号说明青禾文库网很长很长很长很长很长很长很长\n"
        "二、青禾文库 不是网名\n"
    )
    marks = inline_watermarks(text)
    got = [text[n.start : n.end] for n in marks]
    assert got == ["青禾文库网 www.qinghe-demo.cn", "青禾文库网,范文学习", "（青禾文库网）"]
    lines = line_list(text)
    assert [n.start for n in inline_watermarks(text, lines)] == [n.start for n in marks]


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="\r\n甲a ", max_size=14))
def test_line_list_is_iter_lines(text: str) -> None:
    """The C-loop splits (LF text, all-CRLF text) give the general reading's lines."""
    assert line_list(text) == list(iter_lines(text))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="甲a1é\u3000 ", max_size=8), max_size=6))
def test_display_widths_is_display_width_of_each(strings: list[str]) -> None:
    """The bulk widths are the widths one at a time."""
    assert display_widths(strings) == [display_width(s) for s in strings]
