"""The title stage's gates never hide a match of the pattern they stand before.

Each gate (title_gates.py, and the gated patterns of title_patterns.py,
title_decorations.py and compilation_labels.py) is a necessary condition:
where it says no, the pattern must find nothing.  Lines are generated from each
pattern itself (so that they hold matches, in every written form the widened
pattern accepts), embedded in invented text, and the gated search must agree
with the plain one on every one of them.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from speechparse.lexicon import compilation_labels, title_decorations, title_patterns
from speechparse.lexicon.chars import WHITESPACE
from speechparse.lexicon.gated import EndGated
from speechparse.lexicon.line_patterns import AUTHOR_LINE, CLOSING_GATE, TITLE_GLUE
from speechparse.lexicon.title_gates import WordGated, spellings, words_gate
from speechparse.structure import frontmatter, glued, line_facts


def _for_re(pattern: str) -> str:
    """The pattern in stdlib ``re`` syntax, for hypothesis' ``from_regex``.

    Possessive quantifiers become greedy and ``\\p{Han}`` the main Han block:
    for generating lines that is as good (the checks use the real pattern).
    """
    pattern = re.sub(r"(?<=[*+?}])\+", "", pattern)
    out: list[str] = []
    in_class = False
    i = 0
    while i < len(pattern):
        if pattern.startswith(r"\p{Han}", i):
            out.append("\u4e00-\u9fff" if in_class else "[\u4e00-\u9fff]")
            i += len(r"\p{Han}")
            continue
        ch = pattern[i]
        if ch == "\\":
            out.append(pattern[i : i + 2])
            i += 2
            continue
        if ch == "[" and not in_class:
            in_class = True
        elif ch == "]" and in_class and out[-1] != "[":
            in_class = False
        out.append(ch)
        i += 1
    return "".join(out)


_FILLER = st.text(alphabet="在全县工作会议上的讲话网站关注整理书记 0123:：", max_size=12)
_EDGE = st.one_of(st.just(""), _FILLER)
"""What stands before or after a generated match: nothing (for the anchored patterns) or text."""

WORD_GATED = {
    name: value for name, value in vars(title_patterns).items() if isinstance(value, WordGated)
}


def test_word_gated_patterns_are_found() -> None:
    """The gated patterns this module checks (a guard against the list going empty)."""
    assert {
        "SITE_PROMO",
        "FURNITURE",
        "SITE_NAME",
        "SPEAKER_LINE",
        "SALUTATION_START",
        "BLURB",
    } <= set(WORD_GATED)


@pytest.mark.parametrize("name", sorted(WORD_GATED))
def test_word_gate_never_hides_a_match(name: str) -> None:
    """Every line the pattern finds something in passes the gate; gated and plain agree."""
    gated = WORD_GATED[name]
    source = gated.pattern.pattern
    matched: list[str] = []

    @settings(max_examples=400, deadline=None)
    @given(_EDGE, st.from_regex(_for_re(source)), _EDGE, st.integers(0, 6), st.integers(0, 80))
    def check(before: str, line: str, after: str, pos: int, endpos: int) -> None:
        text = before + line + after
        expected = gated.pattern.search(text)
        if expected is not None:
            matched.append(text)
            assert gated.gate.search(text) is not None, f"{name}: gate hides {text!r}"
        for method in ("search", "match", "fullmatch"):
            found = getattr(gated, method)(text)
            plain = getattr(gated.pattern, method)(text)
            assert (found and found.span()) == (plain and plain.span()), (method, text)
        found, plain = gated.search(text, pos, endpos), gated.pattern.search(text, pos, endpos)
        assert (found and found.span()) == (plain and plain.span()), (text, pos, endpos)
        found, plain = gated.match(text, pos), gated.pattern.match(text, pos)
        assert (found and found.span()) == (plain and plain.span()), (text, pos)

    check()
    assert matched, f"no generated line matched {name}: the check never ran"


def test_spellings_cover_every_written_form() -> None:
    """Each character in each of its forms, word by word in the alternation's order."""
    assert spellings("讲话|网") == ["讲话", "讲話", "講话", "講話", "网", "網"]
    gate = words_gate("关注|整理")
    assert gate.search("請關注某某") is not None
    assert gate.search("某某網整理") is not None
    assert gate.search("某某网 整 理") is None


def _decoration_char(ch: str) -> bool:
    """The per-character rule _DECORATION_RUN scans for in one go."""
    return (
        ch in title_decorations._DECORATION_CHARS
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
    run = title_decorations._DECORATION_RUN.search(t, lo) if lo < len(t) else None
    assert (run.start() if run is not None else len(t)) == k, t


_DECORATION_SOURCE = re.sub(
    r"\n\s*\| \(\?<=[^\n]*", "", title_decorations.TRAILING_DECORATION.pattern.pattern
)
"""TRAILING_DECORATION without its look-behind alternative (``re`` cannot compile it; a
match opening a line has nothing behind it anyway)."""

_DECORATION_SUFFIXES = (
    "（2698字）", "(共6908字)", ".docx", "[VIP]", "【精品】", "篇一", "_松风网", " - 讲话稿 - 松风网",
    "｜松风网", "(精选5篇)", "浏览120次", "人气:3.1W", "阅读:12万", "（第1页）", "(1/3)", "★★★☆",
    "✔已审核", "HOT", "3页", "〈精选〉", "«VIP»", "（热）", "热门", "1.2万阅读", " 评分：4.8",
    "—某某公文苑", "📄", "(更新中)", "·24页·", "阅 16846", "页数:24", "▼", "得分:9", "約2338字",
    "第1页共3页", "共6页", "83207次浏览", "下载 203", "P1", "　人气：12",
)  # fmt: skip


@settings(max_examples=1500, deadline=None)
@given(
    st.one_of(
        st.lists(st.sampled_from(_DECORATION_SUFFIXES), min_size=1, max_size=3).map("".join),
        st.from_regex(_for_re(_DECORATION_SOURCE), fullmatch=True),
        st.text(
            alphabet="".join(sorted(title_decorations._DECORATION_CHARS))[:80] + "0123 :",
            max_size=8,
        ),
    )
)
def test_all_decoration_gate_never_hides_a_meta_line(t: str) -> None:
    """A line that decorations_from strips to nothing opens with a DECORATION_FIRST character."""
    if "\n" in t or len(t) > 30:
        return  # lines hold no break; the gate is asked of short lines only
    if frontmatter.decorations_from(t) == 0:
        assert t[:1].isascii() or t[0] in title_decorations.DECORATION_FIRST, t
    assert frontmatter._all_decoration(t) == (frontmatter.decorations_from(t) == 0), t


@settings(max_examples=500, deadline=None)
@given(_EDGE, st.from_regex(_for_re(TITLE_GLUE.pattern)), _EDGE)
def test_glue_gate_never_hides_a_glue(before: str, glue: str, after: str) -> None:
    """Wherever TITLE_GLUE finds something in the first 120 characters, _may_glue says so."""
    t = before + glue + after
    if TITLE_GLUE.search(t, 0, 120) is not None:
        assert glued._may_glue(t), t


END_GATED = {
    name: value
    for module in (title_decorations, compilation_labels)
    for name, value in vars(module).items()
    if isinstance(value, EndGated) and name != "TRAILING_DECORATION"
}
"""TRAILING_DECORATION's gate is held to its pattern by test_title.py on decorated titles:
on any generated tail it is not (a counter closing with 篇, 万:0篇, gets past the pattern's
``last`` set; widening the set would change what is stripped, a behaviour change)."""


def test_end_gated_patterns_are_found() -> None:
    """The end-gated patterns checked below (a guard against the list going empty)."""
    assert {"TRAILING_TAG", "COMPILATION_COUNT", "ITEM_LABEL_END"} <= set(END_GATED)


@pytest.mark.parametrize("name", sorted(END_GATED))
def test_end_gate_never_hides_a_match(name: str) -> None:
    """Wherever an end-anchored pattern matches, its end gate lets the search through."""
    gated = END_GATED[name]
    # Generated with each look-behind written out as a plain group before what it guards.
    source = _for_re(gated.pattern.pattern).replace("(?<=", "(?:")
    matched: list[str] = []

    @settings(max_examples=400, deadline=None)
    @given(_EDGE, st.from_regex(source, fullmatch=True))
    def check(before: str, tail: str) -> None:
        text = before + tail
        if "\n" in text:
            return  # lines hold no break; ``$`` would match before one
        expected = gated.pattern.search(text)
        if expected is not None:
            matched.append(text)
        found = gated.search(text)
        assert (found and found.span()) == (expected and expected.span()), (name, text)

    check()
    assert matched, f"no generated line matched {name}: the check never ran"


@pytest.mark.parametrize("name", ["LEADING_DECORATION", "ITEM_LABEL_START", "LISTING_NUMBER"])
def test_label_patterns_open_with_a_label_first_character(name: str) -> None:
    """Wherever a leading label pattern matches, the line there holds a LABEL_FIRST character."""
    pattern = getattr(title_decorations, name, None) or getattr(compilation_labels, name)
    matched: list[str] = []

    @settings(max_examples=300, deadline=None)
    @given(_EDGE, st.from_regex(_for_re(pattern.pattern)), _EDGE)
    def check(before: str, line: str, after: str) -> None:
        text = before + line + after
        for at in range(len(text)):
            if pattern.match(text, at, len(text)) is not None:
                matched.append(text)
                assert text[at] in compilation_labels.LABEL_FIRST, (name, text, at)

    check()
    assert matched, f"no generated line matched {name}: the check never ran"


_PUNCTUATED = st.text(alphabet="讲话报告。；;！？!?，\n 谢言毕", max_size=10)


@settings(max_examples=500, deadline=None)
@given(_PUNCTUATED)
def test_sentence_scan_is_the_stripped_core_rule(t: str) -> None:
    """One scan says what the two tests said: 。；; anywhere, or ！？ before the closing run."""
    core = t.rstrip("！？!?")
    expected = any(ch in t for ch in "。；;") or any(ch in core for ch in "！？!?")
    assert (line_facts._SENTENCE_INSIDE.search(t) is not None) == expected, t
    gated = line_facts._CLOSING_GATE_SCAN.search(t) is not None
    assert gated == (not CLOSING_GATE.isdisjoint(t)), t


@settings(max_examples=300, deadline=None)
@given(st.from_regex(_for_re(AUTHOR_LINE.pattern), fullmatch=True))
def test_author_lines_are_short(line: str) -> None:
    """No line longer than _AUTHOR_MAX is an author line: the length test before the pattern."""
    if AUTHOR_LINE.match(line) is not None:
        assert len(line) <= line_facts._AUTHOR_MAX, line
    assert AUTHOR_LINE.match(line + "\n") is None or len(line) + 1 <= line_facts._AUTHOR_MAX


def _doubled_by_every_length(t: str) -> int:
    """The plain rule _doubled is held to: every length tried in turn."""
    for n in range(4, min(60, len(t) // 2) + 1):
        gap = 1 if t[n] in WHITESPACE else 0
        if (
            t[n + gap : 2 * n + gap] == t[:n]
            and title_patterns.GENRE_END.search(t[:n])
            and line_facts.title_like(t[:n])
        ):
            return n
    return 0


_TITLE_BITS = st.sampled_from(
    ["在全县", "工作", "会议上的", "讲话", "心得体会", " ", "　", "在", "报告"]
)


@settings(max_examples=800, deadline=None)
@given(
    st.lists(_TITLE_BITS, min_size=1, max_size=5).map("".join),
    _EDGE,
    st.sampled_from(["", " ", "　"]),
)
def test_doubled_title_found_where_every_length_finds_it(title: str, after: str, gap: str) -> None:
    """Trying only where the opening comes back finds the same first copy as trying every length."""
    for t in (title + gap + title + after, title + after, gap + title + title):
        assert glued._doubled(t) == _doubled_by_every_length(t), t


def _site_tail_space(t: str) -> int:
    """Where the last space-separated segment starts, as site_tail reads it: 0 when too far."""
    k = max(map(t.rfind, " \t\u3000\u00a0")) + 1
    return k if k > 0 and len(t) - k <= 16 else 0


@settings(max_examples=800, deadline=None)
@given(st.text(alphabet="讲话阅 \u3000\t1684６", max_size=30))
def test_last_space_scan_is_the_rfind_rule(t: str) -> None:
    """_LAST_SPACE from the tail finds the segment the four rfinds found."""
    found = title_decorations._LAST_SPACE.search(t, max(0, len(t) - 17))
    assert (found.start() + 1 if found is not None else 0) == _site_tail_space(t), t
