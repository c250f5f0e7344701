"""The title stage's fast paths answer exactly as the patterns they replace (issue 14).

Each helper here stands in for a pattern call on a hot path of the front
matter or the trailer; the tests generate lines from the pattern's own words,
in every written form, embedded in invented text, and hold the helper to the
pattern's answer.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from speechparse.lexicon.title_gates import spellings
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
