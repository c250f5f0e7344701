"""``explain``: what the parser decided about every line of a document, and why.

The explanation is built from the finished :class:`Document` (every node
knows its span, kind, style, level, number, points) plus the title candidates
the lexer weighed, which the tree does not keep.  Nodes are laid onto the
physical lines they stand on, so the view shows one row per line of the file
as the user sees it in an editor — including lines that hold several pieces
(a run-in heading and its paragraph, a collapsed line of many paragraphs, a
paywall marker in mid-sentence) and nodes that span several lines (a title
over two lines, a hard-wrapped paragraph).

Building from the tree rather than from inside the lexer keeps the lexer
untouched: the explain view can only show what the parse really produced.
The human rendering is in ``views/explain.py``; the rows are in
``model/explain.py``.  (The module is not called ``explain``: the package
exports the function :func:`explain`, which would hide a submodule of that
name.)
"""

from __future__ import annotations

import os
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from speechparse.api import _parse_reading, _parse_with_lex, read_input
from speechparse.lexicon.chars import WHITESPACE
from speechparse.lexicon.numbering import match_numbering
from speechparse.model.document import Document
from speechparse.model.explain import (
    BlockPart,
    Candidate,
    ExplainedLine,
    Explanation,
    HeadingPart,
    NoisePart,
    ParagraphPart,
    Part,
    TitlePart,
    TrailerPart,
)
from speechparse.model.nodes import Block, Diagnostic, Paragraph, Point, Span
from speechparse.reading.lines import Line, split_lines
from speechparse.reading.source import EXPLAIN_MAX_BYTES, read_path
from speechparse.structure.tokens import TitleCandidate

__all__ = [
    "PREVIEW",
    "build_explanation",
    "explain",
    "explain_bytes",
    "explain_file",
    "explain_text",
    "parse_line_range",
]

PREVIEW = 40
"""Characters of a line (and of each part) kept for display; 0 keeps everything."""


def parse_line_range(value: str | None) -> tuple[int, int | None]:
    """``A-B``, ``A-``, ``-B`` or ``A`` as (first, last), 1-based and inclusive; None: all.

    Raises ValueError with a message for anything else (the CLI's ``--lines``).
    """
    if value is None:
        return 1, None
    head, dash, tail = value.strip().partition("-")
    if not (head or tail):
        raise ValueError(f"expected A-B, A-, -B or A, not {value!r}")
    try:
        first = int(head) if head else 1
        last = int(tail) if tail else (None if dash else first)
    except ValueError:
        raise ValueError(f"expected A-B, A-, -B or A, not {value!r}") from None
    if first < 1 or (last is not None and last < first):
        raise ValueError(f"expected 1 <= A <= B, not {value!r}")
    return first, last


def shorten(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, the last one an ellipsis; 0 means no limit."""
    if limit <= 0 or len(text) <= limit:
        return text
    return text[: limit - 1] + "…"


@dataclass(slots=True)
class _Node:
    """A node to lay onto lines: its span, its Part class and the fields it adds."""

    span: Span
    cls: type[Any]
    fields: dict[str, Any] = field(default_factory=dict)
    points: tuple[Point, ...] = ()
    """A paragraph's points, shared out to the lines they start on."""


def _block_nodes(blocks: Sequence[Block], *, run_in: bool, too_deep: set[int]) -> Iterator[_Node]:
    """Salutations and paragraphs; ``run_in``: the first shares a line with its heading."""
    for k, block in enumerate(blocks):
        if block.kind == "salutation":
            yield _Node(block.span, BlockPart, {"kind": "salutation"})
        else:
            fields = _marker_as_text(block, after_heading=run_in and k == 0, too_deep=too_deep)
            yield _Node(block.span, ParagraphPart, fields, block.points)


def _marker_as_text(p: Paragraph, *, after_heading: bool, too_deep: set[int]) -> dict[str, Any]:
    """Why a paragraph that starts with a numbering marker did not become a heading.

    The reasons are stated no more precisely than the tree can show them:
    a marker right after a run-in heading was never looked at as one, an
    own-line style (a bare 一) needs nothing after it, a level-too-deep
    diagnostic names its marker, and anything else was not placed in the
    document's numbering sequence (levels.py says when a marker is).
    """
    found = match_numbering(p.text)
    if found is None:
        return {}
    style, m = found
    if after_heading:
        why = "after a run-in heading"
    elif style.own_line and m.end() != len(p.text.rstrip(WHITESPACE)):
        why = f"{style.name} needs a line of its own"
    elif p.span[0] in too_deep:
        why = f"{style.name} nested too deep"
    else:
        why = f"{style.name} not placed in the sequence"
    return {"marker_as_text": m.group().rstrip(WHITESPACE), "why_text": why}


def _nodes(doc: Document, chosen: TitleCandidate | None) -> Iterator[_Node]:
    """Every node that stands on the page, in no particular order."""
    title = doc.title
    if title is not None:
        scored: dict[str, Any] = {"genre": title.genre}
        if chosen is not None and chosen.start < title.span[1] and title.span[0] < chosen.end:
            scored |= {"score": chosen.score, "signals": chosen.signals}
        yield _Node(title.span, TitlePart, scored)
        if title.subtitle is not None:
            yield _Node(title.subtitle.span, BlockPart, {"kind": "subtitle"})
        for byline in title.bylines:
            yield _Node(byline.span, BlockPart, {"kind": "byline"})
    too_deep = {d.span[0] for d in doc.diagnostics if d.code == "level-too-deep"}
    yield from _block_nodes(doc.preamble, run_in=False, too_deep=too_deep)
    for s in doc.iter_sections():
        end = max(s.heading_span[1], s.marker_span[1])
        yield _Node(
            (s.marker_span[0], end),
            HeadingPart,
            {
                "level": s.level,
                "style": s.style,
                "number": s.number,
                "marker": s.marker,
                "heading": s.heading,
                "run_in": s.run_in,
            },
        )
        yield from _block_nodes(s.paragraphs, run_in=s.run_in, too_deep=too_deep)
    for t in doc.trailer:
        yield _Node(t.span, TrailerPart, {"trailer": t.kind})
    for n in doc.noise:
        yield _Node(n.span, NoisePart, {"noise": n.kind})


class _Layout:
    """The physical lines of a source, and the line of any offset."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.lines: list[Line] = split_lines(source)
        self.starts = [line.start for line in self.lines]

    def line_of(self, offset: int) -> int:
        """Index of the line holding ``offset`` (a line break belongs to its line)."""
        return max(bisect_right(self.starts, offset) - 1, 0)

    def clips(self, span: Span) -> Iterator[tuple[int, Span]]:
        """(line index, part of ``span`` on it) for each line it has non-blank text on."""
        start, end = span
        if end <= start or not self.lines:
            return
        for k in range(self.line_of(start), self.line_of(end - 1) + 1):
            line = self.lines[k]
            lo, hi = max(start, line.start), min(end, line.end)
            if hi > lo and self.source[lo:hi].strip(WHITESPACE):
                yield k, (lo, hi)


def build_explanation(
    doc: Document, candidates: Sequence[TitleCandidate] = (), *, preview: int = PREVIEW
) -> Explanation:
    """The explanation of a parsed document, given the title candidates its lexer weighed.

    ``candidates`` come from the lex result (``LexResult.title_candidates``);
    :func:`explain` passes them.  Without them the title row has no score.
    """
    layout = _Layout(doc.source)
    source = doc.source
    chosen = next((c for c in candidates if c.chosen), None)
    per_line: list[list[Part]] = [[] for _ in layout.lines]
    for node in _nodes(doc, chosen):
        clips = list(layout.clips(node.span))
        if not clips:
            continue
        lines = (clips[0][0] + 1, clips[-1][0] + 1)
        points = iter(node.points)
        point = next(points, None)
        for k, (lo, hi) in clips:
            extra = dict(node.fields)
            if point is not None:
                # Points are in order, and so are the clips: share them out in one pass.
                here = []
                while point is not None and point.span[0] < hi:
                    if point.span[0] >= lo:
                        here.append(point)
                    point = next(points, None)
                extra["points"] = tuple(here)
            if k + 1 != lines[0] and node.cls is ParagraphPart:
                extra.pop("marker_as_text", None)
                extra.pop("why_text", None)
            per_line[k].append(
                node.cls(
                    span=(lo, hi),
                    node_span=node.span,
                    lines=lines,
                    text=shorten(source[lo:hi], preview),
                    **extra,
                )
            )
    diagnostics: list[list[Diagnostic]] = [[] for _ in layout.lines]
    for d in doc.diagnostics:
        if layout.lines:
            diagnostics[layout.line_of(d.span[0])].append(d)
    found = tuple(
        Candidate(
            line=layout.line_of(c.start) + 1,
            span=(c.start, c.end),
            text=shorten(c.text, preview),
            score=c.score,
            signals=c.signals,
            chosen=c.chosen,
        )
        for c in candidates
    )
    on_line: list[list[int]] = [[] for _ in layout.lines]
    for k, c in enumerate(found):
        if layout.lines:
            on_line[c.line - 1].append(k)
    rows = tuple(
        ExplainedLine(
            line=k + 1,
            span=(line.start, line.end),
            text=shorten(source[line.start : line.end], preview),
            parts=tuple(sorted(per_line[k], key=_order)),
            diagnostics=tuple(diagnostics[k]),
            candidates=tuple(on_line[k]),
        )
        for k, line in enumerate(layout.lines)
    )
    return Explanation(encoding=doc.encoding, title_candidates=found, lines=rows)


def _order(part: Part) -> tuple[int, int]:
    """Parts by position; noise after the node that contains it."""
    return (part.span[0], part.kind == "noise")


def explain_text(
    text: str,
    *,
    encoding: str = "str",
    name: str | None = None,
    unmask: bool = False,
    preview: int = PREVIEW,
) -> Explanation:
    """Parse decoded text and explain it (see :func:`speechparse.parse_text`)."""
    doc, lexed = _parse_with_lex(text, encoding=encoding, name=name, unmask=unmask)
    return build_explanation(doc, lexed.title_candidates, preview=preview)


def explain_bytes(
    data: bytes,
    *,
    name: str | None = None,
    unmask: bool = False,
    preview: int = PREVIEW,
    encoding: str | None = None,
    errors: Literal["strict", "replace"] = "strict",
) -> Explanation:
    """Read bytes in any supported format (as :func:`speechparse.parse_bytes`) and explain.

    ``encoding`` and ``errors`` as for :func:`speechparse.parse_bytes`, so the
    explanation is of the document ``parse`` makes from the same bytes.
    """
    reading = read_input(data, name=name, encoding=encoding, errors=errors)
    del data  # decoded: not held through the parse (see api.parse_bytes)
    doc, lexed = _parse_reading(reading, name=name, unmask=unmask)
    return build_explanation(doc, lexed.title_candidates, preview=preview)


def explain_file(
    path: str | os.PathLike[str],
    *,
    unmask: bool = False,
    max_bytes: int | None = EXPLAIN_MAX_BYTES,
    preview: int = PREVIEW,
    encoding: str | None = None,
    errors: Literal["strict", "replace"] = "strict",
) -> Explanation:
    """Read, decode and explain a file; options and errors as :func:`speechparse.parse_file`."""
    return explain_bytes(
        read_path(path, max_bytes=max_bytes),
        name=str(path),
        unmask=unmask,
        preview=preview,
        encoding=encoding,
        errors=errors,
    )


def explain(
    source: str | bytes | os.PathLike[str], *, unmask: bool = False, preview: int = PREVIEW
) -> Explanation:
    """Explain a document given as text, bytes or a path, as :func:`speechparse.parse` takes it.

    One row per physical line: what each piece on it became (title with its
    score, heading with style, level and number, paragraph with its points,
    trailer, noise of which kind) and the diagnostics that point at it.
    """
    if isinstance(source, str):
        return explain_text(source, unmask=unmask, preview=preview)
    if isinstance(source, bytes | bytearray | memoryview):
        return explain_bytes(bytes(source), unmask=unmask, preview=preview)
    if isinstance(source, Path | os.PathLike):
        return explain_file(source, unmask=unmask, preview=preview)
    raise TypeError(f"cannot explain {type(source).__name__}; pass str, bytes or a path")
