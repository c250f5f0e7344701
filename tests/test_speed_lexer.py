"""The lexer's fast paths are the rules they stand in for (issue 14).

Each shortcut below replaced a slower but plainer formulation of the same
rule; these tests keep the plain one as the reference and check that the
fast one gives the same answer on lines generated from the patterns
themselves, cut and extended, so that a change to a pattern that breaks a
shortcut fails here.
"""

from __future__ import annotations

import re

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from speechparse.lexicon.numbering import NUMBERING_STYLES, NumberingStyle, match_numbering
from speechparse.lexicon.pattern_parts import re_superset
from speechparse.lexicon.points import POINT, POINT_AFTER, POINT_AT_START, POINT_BEFORE
from speechparse.model.nodes import Paragraph, Point, Salutation
from speechparse.model.trusted import trusted, trusted_maker
from speechparse.reading.content import Content
from speechparse.structure.lexer import lex
from speechparse.structure.tokens import paragraph

_BY_FIRST: dict[str, list[NumberingStyle]] = {}
for _style in NUMBERING_STYLES:
    for _ch in _style.first:
        _BY_FIRST.setdefault(_ch, []).append(_style)


def _numbering_by_tries(text: str) -> tuple[NumberingStyle, regex.Match[str]] | None:
    """The definition: each style the first character can open, tried in order."""
    for style in _BY_FIRST.get(text[:1], ()):
        m = style.pattern.match(text)
        if m is not None:
            return style, m
    return None


def _generator(style: NumberingStyle) -> st.SearchStrategy[str]:
    """Lines that open with a marker of ``style`` or with something close to one."""
    source = re_superset(style.pattern.pattern)
    assert source is not None
    tail = st.text(alphabet="一二十第章条节、，。．.）)是要 \u30000１9", max_size=4)
    marker = st.from_regex(re.compile(source), fullmatch=True)
    return st.tuples(marker, tail, st.integers(0, 6)).map(
        lambda parts: (parts[0] + parts[1])[: len(parts[0]) + len(parts[1]) - parts[2]] or parts[0]
    )


_LINES = st.one_of([_generator(style) for style in NUMBERING_STYLES]) | st.text(
    alphabet="第一二三十百两兩0１（(〔㈠⒈①⑴、，．.）)〕章节条篇编部分是 ", max_size=8
)


@settings(max_examples=1500, deadline=None)
@given(_LINES)
def test_match_numbering_is_the_styles_tried_in_order(text: str) -> None:
    """The gated dispatch finds the style and match the plain tries find."""
    want = _numbering_by_tries(text)
    got = match_numbering(text)
    if want is None:
        assert got is None, text
        return
    assert got is not None, text
    assert got[0] is want[0], text
    assert got[1].span() == want[1].span(), text
    assert got[1].group("num") == want[1].group("num"), text


def test_re_superset_translates_what_it_can_widen() -> None:
    """Possessive quantifiers become greedy and names go; what cannot widen is refused."""
    assert re_superset(r"(?P<num>[一二]{1,3}+)[ ]*+(?=x?+$)") == r"(?:[一二]{1,3})[ ]*(?=x?$)"
    assert re_superset(r"\*+a++\}+") == r"\*+a+\}+"
    assert re_superset(r"a(?!b*+)") is None  # widening inside a negative look-ahead narrows
    assert re_superset(r"a(?!b)c*+") == r"a(?!b)c*"
    assert re_superset(r"\p{Han}") is None
    assert re_superset(r"(?>a)") is None


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab* ", max_size=6))
def test_re_superset_never_turns_a_match_away(text: str) -> None:
    """Whatever the ``regex`` pattern matches, its translation matches too."""
    for source in (r"a*+b", r"(?P<x>a?+)b*+ ", r"(?:ab|a)++\*", r"a{1,2}+(?=b*+$)"):
        wide = re_superset(source)
        assert wide is not None
        if regex.match(source, text) is not None:
            assert re.match(wide, text) is not None, (source, text)


_POINT_TEXT = st.lists(
    st.sampled_from(
        ["首先", "最后", "第二", "一是", "两要", "三", "是", "，", "：", "。", "”", " ", "做", "第"]
    ),
    max_size=12,
).map("".join)


@settings(max_examples=800, deadline=None)
@given(_POINT_TEXT)
def test_point_scan_is_point_after_each_before_character(text: str) -> None:
    """POINT_AFTER finds what POINT finds after a POINT_BEFORE character."""
    want = []
    at = 1
    while at < len(text):
        m = POINT.match(text, at) if text[at - 1] in POINT_BEFORE else None
        if m is not None:
            want.append(m.span())
            at = m.end() + 1
        else:
            at += 1
    assert [(m.start() + 1, m.end()) for m in POINT_AFTER.finditer(text)] == want
    start = POINT.match(text)
    at_start = POINT_AT_START.match(text)
    assert (start and start.span()) == (at_start and at_start.span())


def test_trusted_maker_makes_what_trusted_makes() -> None:
    """A maker's node is the node ``trusted`` makes from the same values."""
    values = {"span": (0, 2), "kind": "salutation", "text": "同志们："}
    made = trusted_maker(Salutation)(dict(values))
    assert made == trusted(Salutation, dict(values))
    assert made.model_fields_set == set(Salutation.model_fields)
    assert Salutation.model_validate(made.model_dump()) == made


def test_paragraph_after_a_run_in_heading_keeps_its_points_located() -> None:
    """A paragraph cut from a line (``lo``) has its span and points in the source."""
    c = Content(10, 24, "一、学习。一是读书，二是思考")
    node = paragraph(c, 5)
    assert isinstance(node, Paragraph)
    assert node.span == (15, 24)
    assert [(p.span, p.marker, p.number) for p in node.points] == [
        ((15, 17), "一是", 1),
        ((20, 22), "二是", 2),
    ]
    assert all(isinstance(p, Point) for p in node.points)


def test_blocks_between_headings_reach_the_parser_as_one_run() -> None:
    """Non-heading numbered lines stay inside the run of paragraphs around them."""
    text = "一、总体要求\n同志们：\n第一次会议以来，工作有进展。\n二、主要任务\n三是加强。\n"
    contents = [Content(0, 6, "一、总体要求")]
    contents.append(Content(7, 11, "同志们："))
    contents.append(Content(12, 26, "第一次会议以来，工作有进展。"))
    contents.append(Content(27, 33, "二、主要任务"))
    contents.append(Content(34, 39, "三是加强。"))
    result = lex(text, contents, [])
    kinds = [p.type for p in result.pieces]
    assert kinds == ["H1", "BODY", "H1", "BODY"]
    first = result.pieces[1]
    assert [type(b).__name__ for b in first.blocks] == ["Salutation", "Paragraph"]  # type: ignore[union-attr]
