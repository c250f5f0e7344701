"""Clean plain text: the document as a reader wants it, one block per line.

It subclasses the Markdown renderer and changes only what differs: no ``#``
marks, one line per block.  Parsing this text again gives the same outline,
which the property tests check.
"""

from __future__ import annotations

from speechparse.model.nodes import Section, Title
from speechparse.render.markdown import MarkdownRenderer

__all__ = ["TextRenderer"]


class TextRenderer(MarkdownRenderer):
    """Lines without markup; a run-in heading gets its own line."""

    def join(self, lines: list[str]) -> str:
        """One block per line."""
        return "\n".join(lines) + ("\n" if lines else "")

    def render_title(self, title: Title) -> list[str]:
        """The title line as written, then subtitle and bylines."""
        out = super().render_title(title)
        out[0] = title.text
        return out

    def heading_line(self, section: Section) -> str:
        """Marker and heading; a run-in heading keeps its closing 。 so it stays one."""
        return f"{section.marker}{section.heading}"
