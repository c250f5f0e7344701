"""Griffe extensions for the API reference: doctests as code, reST roles as links.

Docstrings in ``src/speechparse`` are plain text with ``>>>`` examples and
Sphinx-style roles (``:class:`Document```, ``:func:`~speechparse.apps.batch.load_item```),
which read well in ``help()`` and in an editor.  Read as Markdown, an
example's output such as ``['提高认识']`` looks like a link reference, and a
role shows as the literal ``:class:`` before a code span.  So, before
mkdocstrings renders a docstring, :class:`DoctestFences` fences each run of
``>>>`` lines and their output as a ``pycon`` block, and :class:`ReSTRoles`
turns each role into a cross-reference to the object it names (resolved in
the docstring's own scope, as Python would), or into plain code when the
name is not documented.  Used by ``mkdocs.yml``.
"""

from __future__ import annotations

import inspect
import re
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


_ROLE = re.compile(r":(?:class|func|meth|mod|attr|data|exc|obj):`(?P<tilde>~?)(?P<target>[^`]+)`")


def _identifier(obj: griffe.Object, target: str) -> str | None:
    """The full dotted path ``target`` names from ``obj``'s scope, or None."""
    first, _, rest = target.partition(".")
    if first == "speechparse":
        return target
    try:
        base = obj.resolve(first)
    except griffe.NameResolutionError:
        return None
    return f"{base}.{rest}" if rest else base


def link_roles(obj: griffe.Object, text: str) -> str:
    """Each reST role outside code fences as an optional cross-reference.

    ``optional``: autorefs links it when the target is documented and
    leaves the code span alone otherwise, so a role naming something outside
    the reference never breaks ``mkdocs build --strict``.
    """
    out: list[str] = []
    fenced = False
    for line in text.splitlines():
        if line.lstrip().startswith("```"):
            fenced = not fenced
        linked = _ROLE.sub(lambda m: _autoref(obj, m), line) if not fenced else line
        out.append(linked)
    return "\n".join(out)


def _autoref(obj: griffe.Object, m: re.Match[str]) -> str:
    target = m["target"].removesuffix("()")
    title = target.rsplit(".", 1)[-1] if m["tilde"] else target
    shown = f"<code>{title}</code>"
    identifier = _identifier(obj, target)
    if identifier is None:
        return shown
    return f'<autoref identifier="{identifier}" optional>{shown}</autoref>'


class ReSTRoles(griffe.Extension):
    """Turn ``:class:`X``` and the other roles into links to ``X``."""

    def on_instance(self, *, obj: griffe.Object, **kwargs: Any) -> None:  # noqa: ARG002
        if obj.docstring is not None and ":`" in obj.docstring.value:
            obj.docstring.value = link_roles(obj, obj.docstring.value)
