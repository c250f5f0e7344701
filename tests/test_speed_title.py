"""The title stage's fast paths answer exactly as the patterns they replace (issue 14).

Each helper here stands in for a pattern call on a hot path of the front
matter or the trailer; the tests generate lines from the pattern's own words,
in every written form, embedded in invented text, and hold the helper to the
pattern's answer.
"""

from __future__ import annotations

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from speechparse.lexicon.pattern_parts import compile_variants
from speechparse.lexicon.title_gates import _plain_words, spellings, word_scan
from speechparse.lexicon.title_patterns import (
    GENRE,
    GENRE_WORD_SET,
    GENRE_WORDS,
    has_genre,
)

_GENRE_FORMS = sorted(spellings(GENRE_WORDS))
_FILLER = st.text(alphabet="在全县工作会议上的讲話报告心得體会稿 0123:：", max_size=12)


def test_every_genre_spelling_is_a_genre_word() -> None:
    for word in _GENRE_FORMS:
        assert GENRE.fullmatch(word) is not None
        assert has_genre(word)


@settings(max_examples=300, deadline=None)
@given(_FILLER, st.sampled_from(_GENRE_FORMS), _FILLER, st.booleans())
def test_has_genre_agrees_with_the_pattern(before: str, word: str, after: str, keep: bool) -> None:
    t = before + (word if keep else "") + after
    assert has_genre(t) == (GENRE.search(t) is not None)
    for pos in range(0, len(t) + 1, 3):
        for end in (pos, pos + 2, len(t)):
            assert has_genre(t, pos, end) == (GENRE.search(t, pos, end) is not None)


@settings(max_examples=300, deadline=None)
@given(_FILLER, st.sampled_from(_GENRE_FORMS), _FILLER)
def test_genre_word_set_is_the_fullmatch(before: str, word: str, after: str) -> None:
    for t in (word, before + word, word + after, before + word + after, before):
        assert (t in GENRE_WORD_SET) == (GENRE.fullmatch(t) is not None)


_AD_FILLER = st.text(alphabet="关注我们的公众号微信联系客服下载会员版权扫码 QqVv群：1", max_size=16)


@settings(max_examples=300, deadline=None)
@given(_AD_FILLER, _AD_FILLER)
def test_ad_scans_agree_with_the_patterns(before: str, after: str) -> None:
    from speechparse.lexicon.noise_patterns import AD_STRONG, AD_TRAILER
    from speechparse.structure.trailer import _AD_TRAILER_SCAN, AD_STRONG_SCAN

    for word in spellings(_plain(AD_STRONG)) + spellings(_plain(AD_TRAILER)) + [""]:
        t = before + word + after
        assert (AD_STRONG_SCAN.search(t) is None) == (AD_STRONG.search(t) is None)
        assert (_AD_TRAILER_SCAN.search(t) is None) == (AD_TRAILER.search(t) is None)


def _plain(pattern: regex.Pattern[str]) -> str:
    words = _plain_words(pattern.pattern)
    assert words is not None
    return words


def test_word_scan_refuses_what_is_not_a_word_list() -> None:
    for source in ("a|b+", "(?:ab|c)", "[ab]c", "x|", r"\d"):
        with pytest.raises(ValueError, match="not a plain word list"):
            word_scan(regex.compile(source))
    with pytest.raises(ValueError, match="not a plain word list"):
        word_scan(regex.compile("ab|cd", regex.IGNORECASE))
    assert word_scan(compile_variants("讲话|们")).search("同志們") is not None


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_occasion_date_gate_lets_every_match_through(data: st.DataObject) -> None:
    from speechparse.lexicon.title_patterns import OCCASION_DATE

    source = OCCASION_DATE.pattern.pattern.replace("*+", "*")
    line = data.draw(st.from_regex(source, fullmatch=True)) + data.draw(_FILLER)
    assert OCCASION_DATE.match(line) is not None
    other = data.draw(_FILLER) + line
    assert (OCCASION_DATE.match(other) is None) == (OCCASION_DATE.pattern.match(other) is None)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from("【[［〔"), st.text(max_size=31), st.sampled_from("】]］〕"), _FILLER)
def test_bracket_tag_gate_lets_every_match_through(
    opener: str, inner: str, closer: str, before: str
) -> None:
    from speechparse.lexicon.title_patterns import BRACKET_TAG_FIRST, BRACKET_TAG_LINE

    for t in (opener + inner + closer, before + opener + inner + closer):
        if BRACKET_TAG_LINE.match(t) is not None:
            assert t[:1] in BRACKET_TAG_FIRST


_OCCASION_FILLER = st.text(alphabet="在全县工作会議上的讲話发言致辞报告式班时中 ：\n", max_size=40)


@settings(max_examples=400, deadline=None)
@given(_OCCASION_FILLER, st.integers(0, 40), st.integers(0, 45))
def test_find_occasion_finds_the_patterns_span(t: str, pos: int, end: int) -> None:
    from speechparse.lexicon.title_patterns import OCCASION, find_occasion

    expected = OCCASION.search(t)
    found = find_occasion(t)
    assert (found and found.span()) == (expected and expected.span())
    expected = OCCASION.search(t, pos, end)
    found = find_occasion(t, pos, end)
    assert (found and found.span()) == (expected and expected.span())


@settings(max_examples=500, deadline=None)
@given(
    st.text(
        alphabet="在全县工作会议讲话阅读人气浏览次页字★✔HOTvip0123４５:：. _|\n📄←zZ9", max_size=24
    ),
    st.integers(min_value=0, max_value=30),
)
def test_run_chars_walk_is_the_decoration_run(t: str, lo: int) -> None:
    from speechparse.lexicon import title_decorations

    k = len(t)
    while k > lo and t[k - 1] in title_decorations._RUN_CHARS:
        k -= 1
    run = title_decorations._DECORATION_RUN.search(t, lo) if lo < len(t) else None
    assert (run.start() if run is not None else len(t)) == k, t


def test_run_chars_are_the_decoration_run_class() -> None:
    from speechparse.lexicon import title_decorations

    for code in range(0x20, 0x10000):
        ch = chr(code)
        inside = title_decorations._DECORATION_RUN.fullmatch(ch) is not None
        assert inside == (ch in title_decorations._RUN_CHARS), ch


def test_site_tail_space_test_covers_every_space() -> None:
    from speechparse.lexicon import title_decorations

    assert set(title_decorations._SPACES) == {" ", "\u3000", "\t", "\u00a0"}


def test_numbers_on_steps_within_one_style() -> None:
    from speechparse.lexicon.numbering import NumberingStyle, match_numbering, numbers_on

    def found(t: str) -> tuple[NumberingStyle, regex.Match[str]]:
        m = match_numbering(t)
        assert m is not None, t
        return m

    assert numbers_on(found("1、本站文档"), found("2、下载前请先预览"))
    assert not numbers_on(found("1、本站文档"), found("3、下载前请先预览"))
    assert numbers_on(found("2、下载前"), found("1、本站"), -1)
    assert not numbers_on(found("一、总体要求"), found("2、下载前"))
    assert numbers_on(found("一、总体要求"), found("二、主要任务"))
