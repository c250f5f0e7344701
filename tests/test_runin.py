"""Where a run-in heading ends: the first 。！？ outside quotes and brackets."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from speechparse.structure.runin import heading_end


def _heading(text: str) -> str | None:
    """The heading part of ``text`` (with its closing punctuation), or None."""
    k = heading_end(text)
    return None if k < 0 else text[:k]


@pytest.mark.parametrize(
    ("text", "heading"),
    [
        pytest.param("抓落实。要见实效。", "抓落实。", id="plain"),
        pytest.param("抓落实！要见实效。", "抓落实！", id="exclamation"),
        pytest.param("怎么抓落实？要见实效。", "怎么抓落实？", id="question"),
        pytest.param("抓落实!要见实效。", "抓落实!", id="ascii-exclamation"),
        pytest.param("聚焦“放管服”改革。正文。", "聚焦“放管服”改革。", id="quotes-no-end"),
        pytest.param(
            "坚持“有所呼、有所应。”原则。正文。", "坚持“有所呼、有所应。”原则。", id="end-in-quotes"
        ),
        pytest.param("强化（一窗受理！）机制。正文。", "强化（一窗受理！）机制。", id="parens"),
        pytest.param(
            "用好《若干措施（试行）。》精神？正文。",
            "用好《若干措施（试行）。》精神？",
            id="nested",
        ),
        pytest.param("落实‘首问’制度。正文。", "落实‘首问’制度。", id="single-quotes"),
        pytest.param("落实「首问。」制度。正文。", "落实「首问。」制度。", id="corner-quotes"),
        pytest.param("落实【首问。】制度。正文。", "落实【首问。】制度。", id="lenticular"),
        pytest.param(
            '落实“首问负责。"制度。正文。', '落实“首问负责。"制度。', id="ascii-closes-curly"
        ),
        pytest.param('落实"首问负责。"制度。正文。', '落实"首问负责。"制度。', id="ascii-pair"),
        pytest.param("推动“最多跑一次。改革向纵深发展。", "推动“最多跑一次。", id="unclosed-quote"),
        pytest.param("推动（最多跑一次。改革。", "推动（最多跑一次。", id="unclosed-paren"),
        pytest.param("推动）最多跑一次。改革。", "推动）最多跑一次。", id="stray-closer"),
        pytest.param("（甲“乙）丙。丁。", "（甲“乙）丙。", id="outer-closer-pops-inner"),
        pytest.param("。正文。", "。", id="empty-heading"),
    ],
)
def test_heading_end(text: str, heading: str) -> None:
    """The heading is cut after the first sentence end at bracket depth zero."""
    assert _heading(text) == heading


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("", id="empty"),
        pytest.param("基本情况", id="no-end"),
        pytest.param("在“学思践悟”中把稳思想之舵", id="quotes-no-end"),
        pytest.param("以学铸魂，筑牢信仰根基", id="comma-only"),
    ],
)
def test_heading_end_none(text: str) -> None:
    """No sentence end at all: the whole line is the heading (-1)."""
    assert heading_end(text) == -1


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("坚持“企业有所呼、政府有所应。”原则", id="closed-quote"),
        pytest.param("强化“四个一”（一窗受理！）机制", id="closed-paren"),
    ],
)
def test_heading_end_closed_quote_without_outer_end(text: str) -> None:
    """An own-line heading quoting a sentence is the whole line."""
    assert heading_end(text) == -1


def test_heading_end_long_unclosed_quotes_is_linear() -> None:
    """50,000 unclosed quotes cost one pass, and the first inner end is used."""
    text = "“" * 50_000 + "甲。乙"
    assert heading_end(text) == 50_002


@given(st.text(alphabet=st.sampled_from('甲“”"‘’（）()《》【】。！？，、'), max_size=60))
def test_heading_end_points_just_past_a_sentence_end(text: str) -> None:
    """The result is -1 or an index just past one of 。！？!?."""
    k = heading_end(text)
    assert k == -1 or (1 <= k <= len(text) and text[k - 1] in "。！？!?")
