"""What a search returns: the Hit model, its snippet and its heading path.

A hit is cut for a reader from the row as stored: the snippet marks the
query's terms in the text as written (found in its unmasked form), and the
heading path is put back from the columns it was stored in.  None of this
touches SQL, so it is kept apart from the queries that find the rows.
"""

from __future__ import annotations

import json
import re

from pydantic import BaseModel, ConfigDict

from speechparse.apps.index.schema import _split_path
from speechparse.apps.index_match import unmasked, word_start
from speechparse.apps.search_syntax import Term

MARKS = ("«", "»")
"""Default snippet highlight: rare in Chinese text, unlike 【】 which ads use."""

SNIPPET_WIDTH = 24
"""Characters of context on each side of the first match in a snippet."""


class Hit(BaseModel):
    """One matching chunk, with what a reader needs to judge it and find it in the source."""

    model_config = ConfigDict(frozen=True, extra="forbid", use_attribute_docstrings=True)

    doc_id: str
    """The document's id in the index (its JSONL id or absolute path)."""
    path: str
    """Where the document came from (``file.jsonl:LINE`` for a JSONL line)."""
    title: str | None
    """The document's title, if it has one."""
    chunk_id: str
    """The chunk's own id (see docs/chunks.md)."""
    ordinal: int
    """Position of the chunk in its document."""
    heading_path: tuple[str, ...]
    """Title, then the headings the chunk stands under."""
    snippet: str
    """A stretch of the chunk around the match, the matched text between marks."""
    spans: tuple[tuple[int, int], ...]
    """Source pieces of the chunk text, to point back into the original."""
    score: float | None
    """BM25F rank (lower is better; docs/cli.md, "Ranking").  Always set by this
    version; None in hits saved by versions that did not rank short queries."""


def _intervals(text: str, terms: list[Term]) -> list[tuple[int, int]]:
    """Where the terms that can show in the text occur in it, merged, in order."""
    found: list[tuple[int, int]] = []
    for term in terms:
        if term.column in (None, "text"):
            edge = "(?<![0-9A-Za-z])" if word_start(term) else ""
            pattern = re.compile(edge + re.escape(unmasked(term.text)), re.IGNORECASE)
            found.extend(m.span() for m in pattern.finditer(text) if m.end() > m.start())
    merged: list[tuple[int, int]] = []
    for a, b in sorted(found):
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged


def _snippet(
    text: str,
    intervals: list[tuple[int, int]],
    marks: tuple[str, str],
    width: int = SNIPPET_WIDTH,
) -> str:
    """A window of ``text`` around its first match, every match inside it between marks.

    The matches were found in the unmasked text, which has the same length,
    so the window and the marks are cut from the text as stored (D员 stays
    D员 in the snippet of a hit found by 党员).
    """
    if not intervals:
        return text[: 2 * width] + ("…" if len(text) > 2 * width else "")
    first, last = intervals[0]
    lo, hi = max(0, first - width), min(len(text), last + width)
    out = ["…" if lo > 0 else ""]
    at = lo
    for start, end in intervals:
        a, b = max(start, lo), min(end, hi)
        if a >= hi:
            break
        out += [text[at:a], marks[0], text[a:b], marks[1]]
        at = b
    out += [text[at:hi], "…" if hi < len(text) else ""]
    return "".join(out)


def _heading_path(
    title: str | None, heading: str, above: str, stored: str | None
) -> tuple[str, ...]:
    """A hit's heading path: the stored JSON list, or the title and the headings under it."""
    if stored is not None:
        return tuple(json.loads(stored))
    return (title or "", *_split_path(heading, above))
