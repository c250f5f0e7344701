"""The outline JSON contract: title and the section tree, nothing else heavy.

The keys ``title``, ``sections`` and, per section, ``level``, ``marker``,
``heading`` and ``children`` are the contract scored against the corpus gold;
the rest is extra information for people reading the outline.
"""

from __future__ import annotations

from typing import Any

from speechparse.model.document import SCHEMA_VERSION, Document
from speechparse.model.nodes import Section

__all__ = ["OUTLINE_SCHEMA_NAME", "outline"]

OUTLINE_SCHEMA_NAME = "speechparse.outline"


def _section(section: Section) -> dict[str, Any]:
    return {
        "level": section.level,
        "marker": section.marker,
        "number": section.number,
        "heading": section.heading,
        "span": list(section.span),
        "paragraphs": len(section.paragraphs),
        "children": [_section(child) for child in section.children],
    }


def outline(doc: Document) -> dict[str, Any]:
    """The outline of ``doc`` as plain JSON-ready data."""
    title = doc.title
    return {
        "schema_name": OUTLINE_SCHEMA_NAME,
        "version": SCHEMA_VERSION,
        "encoding": doc.encoding,
        "title": title.text if title else None,
        "subtitle": title.subtitle.text if title and title.subtitle else None,
        "preamble_paragraphs": len(doc.preamble),
        "sections": [_section(s) for s in doc.sections],
        "trailer": [{"kind": t.kind, "text": t.text} for t in doc.trailer],
        "noise": len(doc.noise),
        "diagnostics": [
            {"code": d.code, "message": d.message, "span": list(d.span)} for d in doc.diagnostics
        ],
    }
