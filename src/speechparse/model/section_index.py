"""Parents, paths and offsets of a document's sections, computed once.

Nodes are frozen and have no parent pointer, so that a JSON dump stays a
plain tree and a node can be shared or compared by value.  Whatever needs a
parent (the path of a section, the section at an offset) goes through a
:class:`SectionIndex`: one pre-order list of the sections with their
parents' positions and their start offsets, so a lookup is a dictionary hit
or a binary search instead of a walk over the tree.  It lives with the model
because ``Document`` keeps one; the queries that use it are in
:mod:`speechparse.views.query`.
"""

from __future__ import annotations

from bisect import bisect_right

from speechparse.model.nodes import Section

__all__ = ["SectionIndex", "label"]


def label(section: Section) -> str:
    """Marker and heading as one line (``（二）想远一步``), the form a heading path uses."""
    return f"{section.marker}{section.heading}"


class SectionIndex:
    """Parents, paths and offsets of a document's sections, computed once.

    ``Document`` builds one lazily and keeps it, so repeated ``path_of`` or
    ``section_at`` calls cost a dictionary look-up or a binary search.
    """

    def __init__(self, sections: tuple[Section, ...]) -> None:
        self.roots = sections
        """The top-level sections this index was built from (to detect a stale copy)."""
        self.order: list[Section] = []
        """Every section, pre-order: document order, and sorted by start offset."""
        self.parent: list[int] = []
        """Position in ``order`` of each section's parent, -1 for a top-level one."""
        self.sibling: list[int] = []
        """1-based position of each section among its siblings."""
        stack: list[tuple[Section, int, int]] = [
            (s, -1, k + 1) for k, s in reversed(list(enumerate(sections)))
        ]
        while stack:
            section, parent, position = stack.pop()
            here = len(self.order)
            self.order.append(section)
            self.parent.append(parent)
            self.sibling.append(position)
            stack.extend(
                (child, here, k + 1) for k, child in reversed(list(enumerate(section.children)))
            )
        self.starts = [s.span[0] for s in self.order]
        self._by_marker = {s.marker_span: i for i, s in enumerate(self.order)}

    def position(self, section: Section) -> int:
        """Where ``section`` stands in ``order``; ValueError when it is not in the document.

        Looked up by marker span (unique in a document), then confirmed by
        identity or equality, so a section from an equal copy of the document
        is found too but a section from another document is not.
        """
        i = self._by_marker.get(section.marker_span)
        if i is None or (self.order[i] is not section and self.order[i] != section):
            raise ValueError(f"section {label(section)!r} is not in this document")
        return i

    def chain(self, i: int) -> list[int]:
        """Positions from the top-level ancestor down to ``i`` itself."""
        out: list[int] = []
        while i >= 0:
            out.append(i)
            i = self.parent[i]
        out.reverse()
        return out

    def path_of(self, section: Section) -> tuple[Section, ...]:
        """The section's ancestors from the top level down, ending with the section."""
        return tuple(self.order[i] for i in self.chain(self.position(section)))

    def parent_of(self, section: Section) -> Section | None:
        """The enclosing section, or None for a top-level one."""
        p = self.parent[self.position(section)]
        return self.order[p] if p >= 0 else None

    def address(self, section: Section) -> str:
        """Sibling positions from the top down, dotted (``2.1``): unique even if numbers repeat."""
        return ".".join(str(self.sibling[i]) for i in self.chain(self.position(section)))

    def section_at(self, offset: int) -> Section | None:
        """The innermost section whose span holds ``offset``.

        Pre-order is sorted by start, so the last section starting at or
        before ``offset`` is the deepest candidate; if it ended already, one
        of its ancestors may still hold the offset.  Depth is at most six.
        """
        i = bisect_right(self.starts, offset) - 1
        while i >= 0:
            start, end = self.order[i].span
            if start <= offset < end:
                return self.order[i]
            i = self.parent[i]
        return None
