"""Renderers: clean text, Markdown and the lossless source rendering."""

from __future__ import annotations

import inspect
import typing
from pathlib import Path

import pytest

import speechparse
import speechparse.views
from speechparse.model import nodes
from speechparse.views import MarkdownRenderer, TextRenderer

FIXTURES = Path(__file__).parent / "fixtures"

DOC = (
    "研讨交流发言：以学铸魂\r\n"
    "——在读书班上的发言\r\n"
    "（2024年5月6日）\r\n"
    "同志们：\r\n"
    "\u3000\u3000开场的话。\r\n"
    "一、坚持学习。要##paidbegin##读原著。\r\n"
    "（一）丙丁\r\n"
    "\u3000\u3000正文。\r\n"
    "二、戊己\r\n"
    "- 2 -\r\n"
    "谢谢大家！\r\n"
    "【某某素材网】海量范文，添加客服：abc123\r\n"
)


def renderer_classes() -> list[type]:
    """Every renderer class the render package exports."""
    return [
        obj
        for name in speechparse.views.__all__
        if inspect.isclass(obj := getattr(speechparse.views, name)) and name.endswith("Renderer")
    ]


def _kind(cls: type) -> str:
    return typing.get_args(cls.model_fields["kind"].annotation)[0]  # type: ignore[attr-defined]


def rendered_kinds() -> list[str]:
    """Kinds a renderer meets in the tree: front matter, sections and every block kind."""
    union = typing.get_args(nodes.Block)[0]
    blocks = [_kind(cls) for cls in typing.get_args(union)]
    return sorted({"title", "subtitle", "byline", "section", "salutation", "paragraph", *blocks})


def test_known_renderers_are_exported() -> None:
    """The discovery below sees the Markdown and text renderers."""
    assert {MarkdownRenderer, TextRenderer} <= set(renderer_classes())


@pytest.mark.parametrize("kind", rendered_kinds())
@pytest.mark.parametrize("cls", renderer_classes(), ids=lambda c: c.__name__)
def test_every_renderer_handles_every_kind(cls: type, kind: str) -> None:
    """Each renderer has ``render_<kind>`` for each node kind (marko-style dispatch)."""
    assert callable(getattr(cls(), f"render_{kind}", None))


def test_unknown_kind_falls_back_to_text() -> None:
    """A node kind a renderer does not know is rendered as its text, not an error."""

    class Future:
        kind = "future_node"
        text = "新节点"

    assert MarkdownRenderer().render_node(Future()) == ["新节点"]
    assert TextRenderer().render_node(Future()) == ["新节点"]


def test_markdown() -> None:
    """Title as #, one # more per section level, noise and trailer left out."""
    assert speechparse.parse(DOC).to_markdown() == (
        "# 研讨交流发言：以学铸魂\n\n"
        "——在读书班上的发言\n\n"
        "（2024年5月6日）\n\n"
        "同志们：\n\n"
        "开场的话。\n\n"
        "## 一、坚持学习\n\n"
        "要读原著。\n\n"
        "### （一）丙丁\n\n"
        "正文。\n\n"
        "## 二、戊己\n"
    )


def test_text() -> None:
    """One block per line, run-in headings kept run in (so a re-parse agrees), no noise."""
    assert speechparse.parse(DOC).to_text() == (
        "研讨交流发言：以学铸魂\n"
        "——在读书班上的发言\n"
        "（2024年5月6日）\n"
        "同志们：\n"
        "开场的话。\n"
        "一、坚持学习。要读原著。\n"
        "（一）丙丁\n"
        "正文。\n"
        "二、戊己\n"
    )


def test_source_is_lossless() -> None:
    """The source rendering is the input, CRLF, noise and trailer included."""
    doc = speechparse.parse(DOC)
    assert doc.to_source() == DOC


def test_empty_document_renders_empty() -> None:
    """Nothing in, nothing out (and no stray newline)."""
    doc = speechparse.parse("")
    assert doc.to_text() == ""
    assert doc.to_markdown() == ""
    assert doc.to_source() == ""


def test_markdown_depth_is_capped() -> None:
    """Levels 5 and 6 both get ######, the deepest Markdown heading."""
    doc = speechparse.parse("标题甲乙丙丁\n一、a\n（一）b\n1.c\n（1）d\n①e\n⑴f\n")
    assert doc.to_markdown().count("###### ") == 2


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.txt")), ids=lambda p: p.stem)
def test_renderings_hold_no_noise(path: Path) -> None:
    """No rendering meant for readers carries a paywall marker; the source keeps it."""
    doc = speechparse.parse(path)
    for rendered in (doc.to_text(), doc.to_markdown()):
        assert "##paid" not in rendered
        assert "\r" not in rendered
    data = path.read_bytes()
    assert doc.to_source() == speechparse.parse(data).source
