"""What the input file said beyond its text: its format, Word's labels, heading hints.

Why a node of its own: the tree is built from text alone (every format is
read into lines first), but a .docx knows which labels Word computed and
which paragraphs carry heading styles, and an HTML page has a ``<title>``.
Keeping that beside the tree lets a user tell a typed 一、 from an automatic
one and lets later stages use the hints, without a second model per format.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

from speechparse.model.nodes import Span

__all__ = ["TEXT_INPUT", "HeadingHint", "InputInfo"]


class HeadingHint(BaseModel):
    """A line the file itself marked as a heading."""

    model_config = ConfigDict(frozen=True, extra="forbid", use_attribute_docstrings=True)

    span: Span
    """The line in ``Document.source`` (label included)."""
    level: int
    """1 for Heading 1 / 标题 1 / ``w:outlineLvl`` 0 / ``<h1>``, and so on."""


class InputInfo(BaseModel):
    """The input's format and the facts only that format records."""

    model_config = ConfigDict(frozen=True, extra="forbid", use_attribute_docstrings=True)

    format: Literal["text", "docx", "html", "pdf"] = "text"
    """What the bytes were: plain text, a Word .docx, an HTML page or a PDF's text layer."""
    numbering_labels: tuple[Span, ...] = ()
    """Spans of the labels the reader rendered from Word's automatic numbering (.docx)."""
    heading_hints: tuple[HeadingHint, ...] = ()
    """Heading styles and outline levels (.docx), ``<h1>``–``<h6>`` (HTML)."""
    title_candidates: tuple[str, ...] = ()
    """Titles the file gives outside its text: the .docx core title, an HTML ``<title>``."""


TEXT_INPUT = InputInfo()
"""The one :class:`InputInfo` of every plain-text document."""
