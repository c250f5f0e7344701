"""Markdown rendering, the base the plain-text renderer builds on.

Each node kind has a ``render_<kind>`` method returning lines; an unknown kind
falls back to its ``text`` so a new node type never crashes an old renderer.
"""

from __future__ import annotations

from typing import Any

from speechparse.model.document import Document
from speechparse.model.nodes import Byline, Paragraph, Salutation, Section, Subtitle, Title

__all__ = ["MarkdownRenderer"]


class MarkdownRenderer:
    """Title as ``#``, sections as ``##`` and deeper, paragraphs as paragraphs."""

    def render(self, doc: Document) -> str:
        """The whole document, noise and trailer left out."""
        lines: list[str] = []
        if doc.title is not None:
            lines.extend(self.render_node(doc.title))
        for block in doc.preamble:
            lines.extend(self.render_node(block))
        for section in doc.sections:
            lines.extend(self.render_node(section))
        return self.join(lines)

    def join(self, lines: list[str]) -> str:
        """Markdown separates blocks by a blank line."""
        return "\n\n".join(lines) + ("\n" if lines else "")

    def render_node(self, node: Any) -> list[str]:
        """Dispatch on ``node.kind``; fall back to the node's text."""
        method = getattr(self, f"render_{node.kind}", None)
        if method is None:
            text = getattr(node, "text", "")
            return [text] if text else []
        result: list[str] = method(node)
        return result

    def render_title(self, title: Title) -> list[str]:
        """The title, then subtitle and bylines."""
        out = [f"# {title.text}"]
        if title.subtitle is not None:
            out.extend(self.render_node(title.subtitle))
        for byline in title.bylines:
            out.extend(self.render_node(byline))
        return out

    def render_subtitle(self, subtitle: Subtitle) -> list[str]:
        """A subtitle keeps its dash so it reads as one."""
        return [f"{subtitle.dash}{subtitle.text}"]

    def render_byline(self, byline: Byline) -> list[str]:
        """Bylines as written."""
        return [byline.text]

    def render_salutation(self, node: Salutation) -> list[str]:
        """As written."""
        return [node.text]

    def render_paragraph(self, node: Paragraph) -> list[str]:
        """As written, noise removed."""
        return [node.text]

    def heading_line(self, section: Section) -> str:
        """Markdown heading: one ``#`` more than the section level."""
        return f"{'#' * min(section.level + 1, 6)} {section.marker}{section.heading}"

    def render_section(self, section: Section) -> list[str]:
        """Heading, own paragraphs, then subsections."""
        out = [self.heading_line(section)]
        for block in section.paragraphs:
            out.extend(self.render_node(block))
        for child in section.children:
            out.extend(self.render_node(child))
        return out
