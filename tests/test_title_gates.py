"""The title stage's gates never hide a match of the pattern they stand before.

Each gate (title_gates.py, title_patterns.py) is a necessary condition: where
it says no, the pattern must find nothing.  Lines are generated from each
pattern itself (so that they hold matches, in every written form the widened
pattern accepts), embedded in invented text, and the gated search must agree
with the plain one on every one of them.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from speechparse import title_patterns
from speechparse.title_gates import WordGated, spellings, words_gate


def _for_re(pattern: str) -> str:
    """The pattern in stdlib ``re`` syntax, for hypothesis' ``from_regex``.

    Possessive quantifiers become greedy and ``\\p{Han}`` the main Han block:
    for generating lines that is as good (the checks use the real pattern).
    """
    pattern = re.sub(r"(?<=[*+?}])\+", "", pattern)
    return pattern.replace(r"\p{Han}", "\u4e00-\u9fff")


_FILLER = st.text(alphabet="在全县工作会议上的讲话网站关注整理 0123:：", max_size=12)

WORD_GATED = {
    name: value for name, value in vars(title_patterns).items() if isinstance(value, WordGated)
}


def test_word_gated_patterns_are_found() -> None:
    """The gated patterns this module checks (a guard against the list going empty)."""
    assert {"SITE_PROMO"} <= set(WORD_GATED)


@pytest.mark.parametrize("name", sorted(WORD_GATED))
def test_word_gate_never_hides_a_match(name: str) -> None:
    """Every line the pattern finds something in passes the gate; gated and plain agree."""
    gated = WORD_GATED[name]
    source = gated.pattern.pattern
    matched: list[str] = []

    @settings(max_examples=400, deadline=None)
    @given(_FILLER, st.from_regex(_for_re(source)), _FILLER)
    def check(before: str, line: str, after: str) -> None:
        text = before + line + after
        expected = gated.pattern.search(text)
        if expected is not None:
            matched.append(text)
            assert gated.gate.search(text) is not None, f"{name}: gate hides {text!r}"
        found = gated.search(text)
        assert (found and found.span()) == (expected and expected.span()), text

    check()
    assert matched, f"no generated line matched {name}: the check never ran"


def test_spellings_cover_every_written_form() -> None:
    """Each character in each of its forms, word by word in the alternation's order."""
    assert spellings("讲话|网") == ["讲话", "讲話", "講话", "講話", "网", "網"]
    gate = words_gate(("关注",), ("网", "整理"))
    assert gate.search("請關注某某") is not None
    assert gate.search("某某網整理") is not None
    assert gate.search("某某网 整理") is None


def _decoration_char(ch: str) -> bool:
    """The per-character rule _DECORATION_RUN scans for in one go."""
    return (
        ch in title_patterns._DECORATION_CHARS
        or (ch.isascii() and ch.isalnum())
        or "０" <= ch <= "９"
    )


@settings(max_examples=500, deadline=None)
@given(
    st.text(
        alphabet="在全县工作会议讲话阅读人气浏览次页字★✔HOTvip0123４５:：. _|\n📄←", max_size=24
    ),
    st.integers(min_value=0, max_value=30),
)
def test_decoration_run_is_the_per_character_walk(t: str, lo: int) -> None:
    """The one-scan run of decoration characters closing a line starts where a walk back stops."""
    k = len(t)
    while k > lo and _decoration_char(t[k - 1]):
        k -= 1
    run = title_patterns._DECORATION_RUN.search(t, lo) if lo < len(t) else None
    assert (run.start() if run is not None else len(t)) == k, t
