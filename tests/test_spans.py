"""Every node's span points at its text in the source (marko's sourcemap test).

Run over every fixture and the bundled example; the property tests run the
same checks over generated documents and the corpus test over real ones.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

import speechparse
from invariants import check_leaves_partition, check_node_spans

ROOT = Path(__file__).parents[1]
DOCUMENTS = [*sorted((ROOT / "tests" / "fixtures").glob("*.txt")), ROOT / "examples" / "speech.txt"]


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.stem)
def test_node_spans_hold_their_text(path: Path) -> None:
    """Slicing the source with a node's span gives the node's text."""
    check_node_spans(speechparse.parse(path))


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.stem)
def test_leaves_partition_the_source(path: Path) -> None:
    """Leaves are disjoint and cover every character that is not white space."""
    check_leaves_partition(speechparse.parse(path))


def test_spans_are_code_points_not_bytes() -> None:
    """Offsets count code points of the decoded text, whatever the encoding."""
    text = "在全县大会上的讲话\n一、抓落实。要见实效。\n"
    for data in (text.encode("utf-8"), text.encode("gb18030"), text.encode("utf-16")):
        doc = speechparse.parse(data)
        (section,) = doc.sections
        assert doc.source[slice(*section.marker_span)] == "一、"
        assert doc.source[slice(*section.paragraphs[0].span)] == "要见实效。"


def test_span_around_midline_paywall() -> None:
    """A paragraph span runs across the paywall marker; its text leaves it out."""
    text = "在全县大会上的讲话\n\u3000\u3000全会站位高远、##paidbegin##内涵丰富。\n"
    doc = speechparse.parse(text)
    (para,) = doc.preamble
    assert para.text == "全会站位高远、内涵丰富。"
    assert doc.source[slice(*para.span)] == "全会站位高远、##paidbegin##内涵丰富。"
    assert [(n.kind, n.text) for n in doc.noise] == [("paywall", "##paidbegin##")]
    check_leaves_partition(doc)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "在全县大会上的讲话\n\u3000\u3000正文。\n扫码关注##paidbegin##【某网】公众号：abc\n"
            "\u3000\u3000正文二。\n",
            id="paywall-in-body-ad-line",
        ),
        pytest.param(
            "春耕备耕讲话稿_某某文库\n来源：某网##paidbegin##　作者：某某\n"
            "在全县春耕备耕工作会议上的讲话\n同志们：\n\u3000\u3000正文。\n",
            id="paywall-in-meta-line",
        ),
        pytest.param("标题甲乙丙丁\n标题甲##x##乙丙丁\n正文。\n", id="paywall-in-repeated-title"),
        pytest.param(
            "标题甲乙丙丁\n水印##x##文字\n正文一。\n水印文字\n正文二。\n水印文字\n",
            id="paywall-in-watermark",
        ),
        pytest.param("00\n0##0##0", id="fuzz-found"),
    ],
)
def test_noise_spans_do_not_nest(text: str) -> None:
    """Noise spans are disjoint, so the leaves still partition the source."""
    doc = speechparse.parse(text)
    spans = sorted(n.span for n in doc.noise)
    for (_, end), (start, _) in itertools.pairwise(spans):
        assert end <= start
    check_leaves_partition(doc)


@pytest.mark.parametrize(
    ("line", "marker"),
    [
        pytest.param("一、发展", "一、", id="cn-dun"),
        pytest.param("（一）发展", "（一）", id="cn-paren"),
        pytest.param("第一章 总则", "第一章", id="chapter-space"),
        pytest.param("第一部分发展", "第一部分", id="part"),
        pytest.param(
            "第一部分\u3000发展",
            "第一部分",
            id="part-space",
        ),
    ],
)
def test_marker_span_is_the_marker(line: str, marker: str) -> None:
    """Slicing the source with marker_span gives exactly the marker as written."""
    doc = speechparse.parse(f"标题甲乙丙丁\n{line}\n")
    (section,) = doc.sections
    assert section.marker == marker
    assert doc.source[slice(*section.marker_span)] == marker
