"""Span arithmetic shared by the document's leaves and the chunker."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator, Sequence

from speechparse.model.nodes import Span

__all__ = ["subtract_spans"]


def subtract_spans(start: int, end: int, holes: Sequence[Span]) -> Iterator[Span]:
    """``[start, end)`` minus the sorted noise spans, as non-empty pieces."""
    cursor = start
    i = bisect_right(holes, (start, 1 << 62))
    if i > 0 and holes[i - 1][1] > start:
        i -= 1
    while i < len(holes) and holes[i][0] < end:
        hs, he = holes[i]
        if hs > cursor:
            yield (cursor, min(hs, end))
        cursor = max(cursor, he)
        i += 1
    if cursor < end:
        yield (cursor, end)
