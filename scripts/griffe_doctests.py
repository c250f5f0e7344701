"""Griffe extension for the API reference: show docstring doctests as code.

Docstrings in ``src/speechparse`` are plain text with ``>>>`` examples.  Read
as Markdown, an example's output such as ``['提高认识']`` looks like a link
reference; this extension fences each run of ``>>>`` lines and their output
as a ``pycon`` block before mkdocstrings renders it.  Used by ``mkdocs.yml``.
"""

from __future__ import annotations

import inspect
from typing import Any

import griffe


def fence_doctests(text: str) -> str:
    """Wrap each doctest (``>>>`` line up to the next blank line) in a fence."""
    out: list[str] = []
    inside = False
    for line in text.splitlines():
        if not inside and line.lstrip().startswith(">>>"):
            out.append("```pycon")
            inside = True
        elif inside and not line.strip():
            out.append("```")
            inside = False
        out.append(line)
    if inside:
        out.append("```")
    return "\n".join(out)


def _as_written(obj: griffe.Object) -> str | None:
    """The docstring as it stands in the source, escapes such as ``\\n`` kept."""
    doc = obj.docstring
    if doc is None or doc.lineno is None or doc.endlineno is None:
        return None
    try:
        lines = obj.lines_collection[obj.filepath][doc.lineno - 1 : doc.endlineno]  # type: ignore[index]
    except (KeyError, TypeError):
        return None
    raw = "\n".join(lines).strip()
    for quote in ('"""', "'''"):
        start = raw.find(quote)
        if start != -1 and raw.endswith(quote) and start + 3 <= len(raw) - 3:
            return inspect.cleandoc(raw[start + 3 : -3])
    return None


class DoctestFences(griffe.Extension):
    """Fence ``>>>`` examples in every docstring."""

    def on_instance(self, *, obj: griffe.Object, **kwargs: Any) -> None:  # noqa: ARG002
        if obj.docstring is not None and ">>>" in obj.docstring.value:
            text = obj.docstring.value
            if "\\" in (written := _as_written(obj) or ""):
                text = written
            obj.docstring.value = fence_doctests(text)
