"""The outline as an indented tree, for a person at a terminal (``outline --format tree``).

::

    学习心得：把初心写在行动上
    ├── 一、读原著  ¶1
    │   └── （一）定计划
    └── 二、见行动

The title, then one line per section drawn under its parent (``¶N``: the
paragraphs directly under the heading), then the trailer kinds, the noise
count and each diagnostic.  It reads only the :class:`Outline`, so it draws
an outline read back from JSON as well; colours are the explain view's
(:class:`~speechparse.views.explain.ExplainRenderer`), on only when asked.
"""

from __future__ import annotations

from speechparse.model.outline import Outline, OutlineSection
from speechparse.views.explain import ExplainRenderer

__all__ = ["OutlineTreeRenderer"]

_BRANCH, _LAST = "├── ", "└── "
_PIPE, _BLANK = "│   ", "    "


class OutlineTreeRenderer:
    """Render an :class:`Outline` as lines of text; ``color`` adds the explain view's colours."""

    def __init__(self, *, color: bool = False) -> None:
        self.paint = ExplainRenderer(color=color).paint

    def render(self, outline: Outline) -> str:
        """The whole tree, one line per section, ending with a newline."""
        title = outline.title if outline.title is not None else "(no title)"
        lines = [self.paint(title, "title")]
        if outline.subtitle is not None:
            lines.append(self.paint(outline.subtitle, "subtitle"))
        if outline.preamble_paragraphs:
            lines.append(self.paint(f"(preamble ¶{outline.preamble_paragraphs})", "noise"))
        last = len(outline.sections) - 1
        for n, section in enumerate(outline.sections):
            self._section(section, "", n == last, lines)
        notes = []
        if outline.trailer:
            notes.append("trailer: " + ", ".join(t.kind for t in outline.trailer))
        if outline.noise:
            notes.append(f"noise: {outline.noise}")
        if notes:
            lines.append(self.paint("  ".join(notes), "trailer"))
        lines.extend(
            self.paint(f"! {d.code}: {d.message}", "diagnostic") for d in outline.diagnostics
        )
        return "".join(line + "\n" for line in lines)

    def _section(self, section: OutlineSection, prefix: str, last: bool, lines: list[str]) -> None:
        head = self.paint(section.marker + section.heading, "heading")
        if section.paragraphs:
            head += self.paint(f"  ¶{section.paragraphs}", "noise")
        lines.append(prefix + (_LAST if last else _BRANCH) + head)
        inner = prefix + (_BLANK if last else _PIPE)
        end = len(section.children) - 1
        for n, child in enumerate(section.children):
            self._section(child, inner, n == end, lines)
