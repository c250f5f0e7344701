"""Finding nodes in a parsed document: walk, find, select by path, locate offsets.

Nodes are frozen and have no parent pointer, so that a JSON dump stays a
plain tree and a node can be shared or compared by value.  Whatever needs a
parent (the path of a section, the section at an offset) goes through a
:class:`SectionIndex` built once per document: one pre-order list of the
sections with their parents' positions and their start offsets, so a lookup
is a dictionary hit or a binary search instead of a walk over the tree.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, TypeVar, get_args

import regex

from speechparse.lexicon.numerals import to_int
from speechparse.model.document import Pattern
from speechparse.model.nodes import (
    AnyNode,
    Node,
    Noise,
    NoiseKind,
    Paragraph,
    Salutation,
    Section,
)
from speechparse.model.section_index import SectionIndex, label

if TYPE_CHECKING:
    from speechparse.model.document import Document

__all__ = [
    "PATH_SEPARATOR",
    "AnyNode",
    "Pattern",
    "SectionIndex",
    "heading_path",
    "iter_find",
    "label",
    "normalise_marker",
    "select_all",
    "walk",
]

N = TypeVar("N", bound=Node)

PATH_SEPARATOR = "/"
"""Separates the steps of a :func:`select_all` path: ``"二/（三）/2"``."""

_MARKER_NOISE = regex.compile(r"[、.．（）()\s\u3000]++")
_NOISE_KINDS = frozenset(get_args(NoiseKind))


def normalise_marker(marker: str) -> str:
    """``（三）`` → ``三``, ``2.`` → ``2``: the marker without its punctuation.

    Users type a path as they read it, rarely with the exact full-width
    brackets or the 、 the document used; stripping them lets ``三`` find
    ``三、`` and ``（三）`` alike.
    """
    return _MARKER_NOISE.sub("", marker)


def walk(doc: Document, *, noise: bool = False) -> Iterator[AnyNode]:
    """Every node in document order; noise interleaved by position when asked.

    The tree is already in source order when read pre-order (a section's
    marker comes before its paragraphs, which come before its subsections),
    so noise, which lives beside the tree, only has to be merged in by start.
    """
    tree = _walk_tree(doc)
    if not noise:
        yield from tree
        return
    yield from heapq.merge(tree, iter(doc.noise), key=lambda node: node.span[0])


def _walk_tree(doc: Document) -> Iterator[AnyNode]:
    if doc.title is not None:
        yield doc.title
        if doc.title.subtitle is not None:
            yield doc.title.subtitle
        yield from doc.title.bylines
    yield from _blocks(doc.preamble)
    for section in doc.iter_sections():
        yield section
        yield from _blocks(section.paragraphs)
    yield from doc.trailer


def _blocks(blocks: Iterable[Salutation | Paragraph]) -> Iterator[AnyNode]:
    """Blocks, each paragraph followed by the points that enumerate inside it."""
    for block in blocks:
        yield block
        if isinstance(block, Paragraph):
            yield from block.points


def _matches(value: str, wanted: str | Pattern | None) -> bool:
    if wanted is None:
        return True
    if isinstance(wanted, str):
        return value == wanted
    return wanted.search(value) is not None


def iter_find(
    doc: Document,
    kind: str | type[Node] | None = None,
    *,
    level: int | None = None,
    number: int | None = None,
    marker: str | None = None,
    heading: str | Pattern | None = None,
    text: str | Pattern | None = None,
    where: Callable[[AnyNode], bool] | None = None,
    noise: bool = False,
) -> Iterator[AnyNode]:
    """Nodes matching every criterion given, lazily; None means "don't care".

    ``kind`` is a node kind (``"section"``, ``"paragraph"``, ``"closing"``,
    ``"paywall"`` …) or a node class.  ``level``, ``number``, ``marker`` and
    ``heading`` only make sense for sections, so giving any of them limits
    the search to sections.  A ``str`` for ``heading`` or ``text`` must equal
    the field; a compiled pattern must be found in it (``re`` or ``regex``).
    ``marker`` is compared after :func:`normalise_marker` on both sides.
    Noise is searched when ``noise`` is true or ``kind`` asks for it.
    """
    section_only = any(v is not None for v in (level, number, marker, heading))
    with_noise = (
        noise or kind in _NOISE_KINDS or (isinstance(kind, type) and issubclass(kind, Noise))
    )
    wanted_marker = normalise_marker(marker) if marker is not None else None
    for node in walk(doc, noise=with_noise):
        if isinstance(kind, str) and node.kind != kind:
            continue
        if isinstance(kind, type) and not isinstance(node, kind):
            continue
        if isinstance(node, Section):
            if level is not None and node.level != level:
                continue
            if number is not None and node.number != number:
                continue
            if wanted_marker is not None and normalise_marker(node.marker) != wanted_marker:
                continue
            if not _matches(node.heading, heading):
                continue
        elif section_only:
            continue
        if text is not None and not _matches(getattr(node, "text", None) or "", text):
            continue
        if where is not None and not where(node):
            continue
        yield node


def _step_matches(step: str | int, section: Section, *, exact: bool) -> bool:
    """Exact: the normalised marker equals the step; otherwise: the numbers agree."""
    if isinstance(step, int):
        return not exact and section.number == step
    if exact:
        return normalise_marker(section.marker) == normalise_marker(step)
    value = to_int(normalise_marker(step))
    return value is not None and section.number == value


def select_all(doc: Document, path: str | Sequence[str | int]) -> list[Section]:
    """Sections reached by a path of markers or numbers, from the top level down.

    ``"二/（三）/2"``, ``"2/3/2"`` and ``(2, 3, 2)`` all name the second
    subsection of the third subsection of section 二.  At each step a section
    whose normalised marker equals the step wins; only when no sibling does
    is the step read as a number, so ``"2"`` finds ``二、`` in a document
    numbered in Chinese but ``2.`` where both stand side by side.  More than
    one section comes back only when the document repeats a number.
    """
    steps: Sequence[str | int] = (
        [s for s in path.split(PATH_SEPARATOR) if s.strip()] if isinstance(path, str) else path
    )
    if not steps:
        return []
    level: list[Section] = list(doc.sections)
    for depth, step in enumerate(steps):
        hits = [s for s in level if _step_matches(step, s, exact=True)]
        if not hits:
            hits = [s for s in level if _step_matches(step, s, exact=False)]
        if depth == len(steps) - 1 or not hits:
            return hits
        level = [child for hit in hits for child in hit.children]
    return []  # pragma: no cover - the loop always returns


def heading_path(doc: Document, sections: Iterable[Section]) -> tuple[str, ...]:
    """Title, then the label of each section given (an ancestor chain)."""
    head = (doc.title.text,) if doc.title is not None else ()
    return head + tuple(label(s) for s in sections)
