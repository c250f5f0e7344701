"""Clean plain text: the document as a reader wants it, one block per line.

It subclasses the Markdown renderer and changes only what differs: no ``#``
marks, one line per block.  Parsing this text again gives the same outline,
which the property tests check.
"""

from __future__ import annotations

from speechparse.model.document import Document
from speechparse.model.nodes import Section, Title
from speechparse.views.markdown import MarkdownRenderer

__all__ = ["TextRenderer"]


class TextRenderer(MarkdownRenderer):
    """Lines without markup; a run-in heading stays run in with its paragraph.

    Keeping the run-in form matters for re-parsing: a first paragraph that
    starts with a marker (一、抓进度。（一）加快办理。) would become a heading
    if it stood on a line of its own.
    """

    def render(self, doc: Document) -> str:
        """The whole document; the source is needed for run-in punctuation."""
        self._source = doc.source
        return super().render(doc)

    def render_section(self, section: Section) -> list[str]:
        """Heading, own paragraphs, subsections; a run-in heading keeps its line."""
        if not (section.run_in and section.paragraphs):
            return super().render_section(section)
        closing = self._source[section.heading_span[1] - 1]
        first, *rest = section.paragraphs
        out = [f"{self.heading_line(section)}{closing}{first.text}"]
        for block in rest:
            out.extend(self.render_node(block))
        for child in section.children:
            out.extend(self.render_node(child))
        return out

    def join(self, lines: list[str]) -> str:
        """One block per line."""
        return "\n".join(lines) + ("\n" if lines else "")

    def render_title(self, title: Title) -> list[str]:
        """The title line as written, then subtitle and bylines."""
        out = super().render_title(title)
        out[0] = title.text
        return out

    def heading_line(self, section: Section) -> str:
        """Marker and heading as written, noise removed."""
        return f"{section.marker}{section.heading}"
