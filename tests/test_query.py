"""The query API: walk, find, select by path, ancestors and offsets → sections.

Nodes have no parent pointer, so everything that needs one goes through the
document; these tests pin that down on a small invented 工作报告 and check
the offset look-up against a brute-force scan of every offset.
"""

from __future__ import annotations

import re

import pytest
import regex

import speechparse
from speechparse import Document, Paragraph, Section, TrailerBlock
from speechparse.views.query import normalise_marker

REPORT = """关于推进青石镇基层治理现代化的工作报告
——在青石镇第三届人民代表大会第五次会议上
（2026年3月2日）

各位代表：
　　现在，我代表镇人民政府向大会报告工作，请予审议。
一、过去一年的主要工作
　　过去一年，我们坚持稳中求进，全镇经济社会保持平稳发展。
（一）产业发展稳步推进。全年引进项目十二个，新增就业岗位八百余个。
（二）民生保障持续加强。新建村级养老服务站六处，群众满意度明显提升。
二、今年的工作安排
（一）抓好三件实事
1.改造老旧小区。计划完成四个小区改造，惠及居民一千二百户。
2.建设口袋公园。
3.畅通微循环道路。打通断头路三条##paidbegin##，缓解高峰拥堵。
（二）守牢安全底线
　　要压紧压实各方责任，做到守土有责、守土尽责。
三、加强政府自身建设
　　我们要以更高标准、更严要求、更实作风，推动各项工作落地见效。
谢谢大家！
本文由青石素材网整理，更多资料请联系客服微信：qs2026
"""

TITLE = "关于推进青石镇基层治理现代化的工作报告"


@pytest.fixture(scope="module")
def doc() -> Document:
    return speechparse.parse(REPORT)


def _section(doc: Document, path: str) -> Section:
    found = doc.select(path)
    assert found is not None, path
    return found


# -- walk ----------------------------------------------------------------------


def test_walk_yields_every_kind_in_document_order(doc: Document) -> None:
    """Title, subtitle, byline, preamble, sections with their paragraphs, trailer."""
    nodes = list(doc.walk())
    kinds = [n.kind for n in nodes]
    assert kinds[:5] == ["title", "subtitle", "byline", "salutation", "paragraph"]
    assert kinds[-2:] == ["closing", "ad"]
    assert kinds.count("section") == len(list(doc.iter_sections())) == 10
    starts = [n.span[0] for n in nodes]
    assert starts == sorted(starts)


def test_walk_with_noise_interleaves_it_by_position(doc: Document) -> None:
    """The paywall marker comes right after the paragraph it stands in."""
    nodes = list(doc.walk(noise=True))
    kinds = [n.kind for n in nodes]
    assert "paywall" in kinds
    assert "paywall" not in [n.kind for n in doc.walk()]
    at = kinds.index("paywall")
    assert isinstance(nodes[at - 1], Paragraph)
    assert nodes[at - 1].span[0] < nodes[at].span[0] < nodes[at - 1].span[1]
    assert [n.span[0] for n in nodes] == sorted(n.span[0] for n in nodes)


# -- find ----------------------------------------------------------------------


def test_find_all_by_class_is_typed_and_filters_by_level(doc: Document) -> None:
    """A class as ``kind`` types the result; ``level`` narrows it."""
    level2: list[Section] = doc.find_all(Section, level=2)
    assert [s.heading for s in level2] == [
        "产业发展稳步推进",
        "民生保障持续加强",
        "抓好三件实事",
        "守牢安全底线",
    ]


def test_find_by_number_and_level(doc: Document) -> None:
    """Don't-care defaults: only the criteria given count."""
    found = doc.find(Section, level=1, number=2)
    assert found is not None
    assert found.heading == "今年的工作安排"
    assert [s.marker for s in doc.find_all(Section, number=3)] == ["3.", "三、"]


def test_heading_exact_or_pattern(doc: Document) -> None:
    """A ``str`` must equal the heading; a ``re`` or ``regex`` pattern must occur in it."""
    assert doc.find(heading="建设口袋公园") is not None
    assert doc.find(heading="口袋公园") is None
    hits = doc.find_all(Section, heading=re.compile("安全|民生"))
    assert [s.heading for s in hits] == ["民生保障持续加强", "守牢安全底线"]
    hit = doc.find(Section, heading=regex.compile(r"\p{Han}{2}小区"))
    assert hit is not None
    assert hit.marker == "1."


def test_marker_is_compared_normalised(doc: Document) -> None:
    """``二`` finds both ``二、`` and ``（二）``; brackets and 、 do not matter."""
    assert [s.marker for s in doc.find_all(Section, marker="二")] == ["（二）", "二、", "（二）"]
    assert [s.heading for s in doc.find_all(Section, marker="(二)", level=1)] == ["今年的工作安排"]
    assert [s.heading for s in doc.find_all(Section, marker="(二)", level=2)] == [
        "民生保障持续加强",
        "守牢安全底线",
    ]


def test_kind_strings_reach_trailer_and_noise(doc: Document) -> None:
    """Trailer kinds are kinds; asking for a noise kind searches the noise layer."""
    closing = doc.find("closing")
    assert isinstance(closing, TrailerBlock)
    assert closing.text == "谢谢大家！"
    paywall = doc.find("paywall")
    assert paywall is not None
    assert REPORT[paywall.span[0] : paywall.span[1]] == "##paidbegin##"
    assert doc.find("paywall", noise=False) is not None


def test_text_and_predicate(doc: Document) -> None:
    """``text`` matches nodes that have text; ``where`` takes any test."""
    hits = doc.find_all(Paragraph, text=re.compile("责任"))
    assert len(hits) == 1
    assert hits[0].text.startswith("要压紧压实")
    long_ones = doc.find_all("paragraph", where=lambda n: len(getattr(n, "text", "")) >= 27)
    assert all(isinstance(n, Paragraph) for n in long_ones)
    assert [len(n.text) for n in long_ones if isinstance(n, Paragraph)] == [27, 30]


def test_section_criteria_exclude_other_kinds(doc: Document) -> None:
    """Asking for a level means asking for sections; nothing else has one."""
    assert doc.find_all("paragraph", level=1) == []
    assert doc.find(Section, heading="不存在的标题") is None


# -- select --------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    ["二/（一）/1", "二/一/1", "2/1/1", "二、/(一)/1.", (2, 1, 1), ["二", 1, "1"], " 二 / 一 / 1 "],
)
def test_select_by_markers_or_numbers(doc: Document, path: str | tuple[int, ...]) -> None:
    """Every spelling of the path reaches 1.改造老旧小区."""
    found = doc.select(path)
    assert found is not None
    assert found.heading == "改造老旧小区"


def test_select_misses_give_none(doc: Document) -> None:
    """A step that matches nothing, a path too deep, an empty path."""
    assert doc.select("四") is None
    assert doc.select("一/（一）/1") is None
    assert doc.select("") is None
    assert doc.select_all("五/一") == []


def test_select_all_returns_repeated_numbers() -> None:
    """A document that repeats 二、 has two sections at ``二``; select takes the first."""
    doc = speechparse.parse(
        "一、明确目标\n目标要明确。\n二、压实责任\n责任要压实。\n二、强化保障\n保障要有力。\n"
    )
    assert [s.heading for s in doc.select_all("二")] == ["压实责任", "强化保障"]
    first = doc.select("2")
    assert first is not None
    assert first.heading == "压实责任"


def test_normalise_marker() -> None:
    """Brackets, 、 and dots of either width go; the numeral stays."""
    assert normalise_marker("（三）") == "三"
    assert normalise_marker("3．") == "3"
    assert normalise_marker("(12)") == "12"
    assert normalise_marker("第一部分") == "第一部分"


# -- ancestors -----------------------------------------------------------------


def test_path_of_is_the_ancestor_chain(doc: Document) -> None:
    """From the top level down, ending with the section itself."""
    leaf = _section(doc, "二/一/3")
    chain = doc.path_of(leaf)
    assert [s.marker for s in chain] == ["二、", "（一）", "3."]
    assert chain[-1] is leaf
    assert doc.parent_of(leaf) is chain[1]
    assert doc.parent_of(chain[0]) is None
    assert doc.path_of(chain[0]) == (chain[0],)


def test_heading_path_joins_title_and_labels(doc: Document) -> None:
    """Marker and heading of every ancestor, after the title."""
    leaf = _section(doc, "二/一/3")
    assert doc.heading_path(leaf) == (
        TITLE,
        "二、今年的工作安排",
        "（一）抓好三件实事",
        "3.畅通微循环道路",
    )
    assert doc.heading_path() == (TITLE,)
    untitled = speechparse.parse("一、明确目标。目标要明确。\n")
    assert untitled.heading_path() == ()
    assert untitled.heading_path(untitled.sections[0]) == ("一、明确目标",)


def test_path_of_rejects_a_section_of_another_document(doc: Document) -> None:
    """Looked up by position and confirmed by value, so a stranger is refused."""
    other = speechparse.parse("一、明确目标。目标要明确。\n")
    with pytest.raises(ValueError, match="not in this document"):
        doc.path_of(other.sections[0])


def test_path_of_accepts_a_section_of_an_equal_copy(doc: Document) -> None:
    """A document read back from JSON is equal, so its sections are found."""
    copy = Document.model_validate_json(doc.model_dump_json())
    leaf = _section(copy, "2/2")
    assert [s.heading for s in doc.path_of(leaf)] == ["今年的工作安排", "守牢安全底线"]


# -- offsets -------------------------------------------------------------------


def _innermost(doc: Document, offset: int) -> Section | None:
    """The slow, obvious answer: the deepest section whose span holds the offset."""
    best: Section | None = None
    for section in doc.iter_sections():
        if section.span[0] <= offset < section.span[1]:
            best = section
    return best


def test_section_at_agrees_with_a_scan_at_every_offset(doc: Document) -> None:
    """Binary search plus a climb through ancestors gives the innermost section."""
    for offset in range(-2, len(REPORT) + 2):
        assert doc.section_at(offset) is _innermost(doc, offset), offset


def test_section_at_outside_sections(doc: Document) -> None:
    """Title, preamble and trailer are in no section."""
    assert doc.section_at(0) is None
    assert doc.section_at(REPORT.index("现在")) is None
    assert doc.section_at(REPORT.index("谢谢大家")) is None
    found = doc.section_at(REPORT.index("断头路"))
    assert found is not None
    assert found.heading == "畅通微循环道路"


# -- the index stays out of the data ---------------------------------------------


def test_index_changes_neither_dump_nor_equality() -> None:
    """The cached index is not a field: JSON stays a plain tree, equality by value."""
    fresh = speechparse.parse(REPORT)
    used = speechparse.parse(REPORT)
    used.section_at(200)
    assert used == fresh
    assert hash(used) == hash(fresh)
    assert used.model_dump_json() == fresh.model_dump_json()
    assert "index" not in used.model_dump_json()


def test_index_is_rebuilt_for_a_copy_with_other_sections(doc: Document) -> None:
    """``model_copy`` carries the cache along; replaced sections must not use it."""
    doc.section_at(200)
    trimmed = doc.model_copy(update={"sections": doc.sections[:1]})
    assert trimmed.section_at(REPORT.index("断头路")) is None
    assert trimmed.section_index() is not doc.section_index()
