"""Where a block's text may be cut, and which source characters each cut keeps.

A chunk's spans must name exactly the source characters its text holds,
but a block's clean text is not always its source slice (noise cut out,
hard-wrapped line breaks left out, masks restored), so cutting a paragraph
needs two things that know nothing about chunks or sections: the text
mapped back to the source (:class:`_Body`), and the points inside a text
where a cut reads well (:func:`split_points`).  Packing
(``packing.py``) decides which of those points to use.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from speechparse.model.nodes import Block, Span
from speechparse.model.spans import subtract_spans

# -- text of one block, mapped back to the source ----------------------------


@dataclass(slots=True)
class _Body:
    """One paragraph or salutation: its clean text and where each character came from.

    ``runs`` holds ``(text index, source offset)`` where a run of characters
    that sit side by side in the source begins.  Clean text can differ from
    the source slice: noise is cut out, a hard-wrapped line break is left
    out, a mask may be restored (D → 党), so positions are aligned, not
    assumed.
    """

    text: str
    runs: list[tuple[int, int]] | None
    """None while the text is the pieces' characters as they stand: then the
    runs are the pieces', made only if the body is cut (most are not)."""
    start: int
    end: int
    pieces: list[Span]
    """The block's span minus noise: the spans of the whole text, kept because
    most bodies go into a chunk whole and need them again."""

    def bound(self, k: int) -> int:
        """Source offset where text index ``k`` begins; the span's ends at 0 and len.

        Using the next character's offset as the boundary gives the source
        characters the text leaves out (a wrapped line break) to the piece
        before, so consecutive pieces tile the span.
        """
        if k <= 0:
            return self.start
        if k >= len(self.text):
            return self.end
        if self.runs is None:
            self.runs = _runs_of(self.pieces)
        r = bisect_right(self.runs, (k, 1 << 62)) - 1
        at, origin = self.runs[r]
        return origin + (k - at)


def _runs_of(pieces: list[Span]) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    at = 0
    for a, b in pieces:
        runs.append((at, a))
        at += b - a
    return runs


def _align(
    text: str, source: str, pieces: list[Span], restored: dict[int, str]
) -> list[tuple[int, int]] | None:
    """Runs mapping ``text`` onto the source pieces, or None if it does not fit.

    Greedy: each text character takes the next source character that reads
    the same (after restoring masks); source characters left over are what
    the clean text dropped.
    """
    runs: list[tuple[int, int]] = []
    i = 0
    n = len(text)
    for a, b in pieces:
        for o in range(a, b):
            if i < n and text[i] == restored.get(o, source[o]):
                if not runs or o - runs[-1][1] != i - runs[-1][0]:
                    runs.append((i, o))
                i += 1
    return runs if i == n else None


def _clear(start: int, end: int, holes: Sequence[Span], ends: Sequence[int]) -> bool:
    """No noise span meets ``[start, end)``; ``ends`` are the holes' ends, sorted.

    The holes are disjoint, so their ends are in the same order as their
    starts and the first hole that ends after ``start`` is the only one
    that can reach into the span from the left.
    """
    i = bisect_right(ends, start)
    return i == len(holes) or holes[i][0] >= end


def _body(
    block: Block,
    source: str,
    holes: Sequence[Span],
    ends: Sequence[int] | None,
    restored: dict[int, str],
) -> _Body | None:
    """The block's text mapped to the source; ``ends`` None when the holes overlap."""
    start, end = block.span
    if ends is not None and _clear(start, end, holes, ends):
        # Most blocks hold no noise: the span is their one piece.
        if start >= end:
            return None
        pieces = [(start, end)]
        if end - start == len(block.text) and source.startswith(block.text, start):
            return _Body(block.text, None, start, end, pieces)  # without copying the slice
        joined = source[start:end]
    else:
        pieces = list(subtract_spans(start, end, holes))
        if not pieces:
            return None
        joined = "".join(source[a:b] for a, b in pieces)
    text = block.text
    if joined == text:
        return _Body(text, None, start, end, pieces)
    runs = _align(text, source, pieces, restored)
    if runs is None or not text:
        # The clean text does not line up with its span: trust the source.
        return _Body(joined, None, start, end, pieces)
    return _Body(text, runs, start, end, pieces)


# -- where text may be cut -----------------------------------------------------

_PARAGRAPH, _SENTENCE, _QUOTED, _CLAUSE, _HARD = range(5)
"""Kinds of boundary, best first: between paragraphs, after a sentence end
outside quotes, after any sentence end, after a comma, anywhere."""

_TERMINATORS = frozenset("。！？!?；;")
_COMMAS = frozenset("，,、：:")
_PAIRS = {
    "“": "”", "‘": "’", "「": "」", "『": "』", "《": "》",
    "（": "）", "(": ")", "【": "】", "[": "]", "〈": "〉", "〔": "〕",
}  # fmt: skip
_CLOSERS = frozenset(_PAIRS.values())
_STOPS = re.compile("[" + re.escape("".join(_TERMINATORS | set(_PAIRS) | _CLOSERS)) + '"]')
"""The characters :func:`split_points` looks at between sentences."""
_RUNS = {
    kind: re.compile(f"[{re.escape(''.join(marks))}][{re.escape(''.join(marks | _CLOSERS))}]*")
    for kind, marks in ((_QUOTED, _TERMINATORS), (_CLAUSE, _COMMAS))
}
"""An end mark with the marks and closers :func:`_absorb` takes after it, where
quotes are not tracked: the cuts of those kinds are where these runs end."""
_TAKEN = _TERMINATORS | _CLOSERS | {'"'}
"""What :func:`_absorb` may take after a sentence end; most are followed by none."""


def _close(stack: list[str], ch: str) -> bool:
    """Apply a closing character to the open-bracket stack; True if it closed something."""
    if ch == '"' and stack and stack[-1] in {'"', "”"}:
        stack.pop()
        return True
    if ch in _CLOSERS and ch in stack:
        while stack and stack.pop() != ch:
            pass
        return True
    return False


def split_points(text: str, lo: int, hi: int, kind: int) -> list[int]:
    """Indices strictly inside ``(lo, hi)`` where ``text`` may be cut at that boundary kind.

    A cut goes after the end mark and any closing quotes or brackets that
    follow it (``……。”`` ends after ``”``).  At the sentence level an end
    mark inside quotes or brackets does not count unless the closing quote
    right after it closes the last one open, as in ``指出：“……。”``; an
    unclosed quote therefore hides the sentence ends after it, and the finer
    levels (which ignore quotes) take over if that leaves too long a piece.
    """
    if kind != _SENTENCE:
        # Without quotes to track, a cut ends each run of an end mark and the
        # marks and closers after it: one regex pass, no Python per mark.
        return [j for m in _RUNS[kind].finditer(text, lo, hi) if (j := m.end()) < hi]
    marks = _TERMINATORS
    pairs = _PAIRS
    taken = _TAKEN
    cuts: list[int] = []
    stack: list[str] = []
    i = lo
    # Only punctuation matters; jumping from one to the next skips the words.
    for m in _STOPS.finditer(text, lo, hi):
        if m.start() < i:
            continue  # taken by the previous mark's closers
        ch = m.group()
        if ch in marks:
            i = m.end()
            if i < hi and text[i] in taken:
                i = _absorb(text, i, hi, marks, stack)
            if i < hi and not stack:
                cuts.append(i)
        elif ch in pairs:
            stack.append(pairs[ch])
        elif not _close(stack, ch) and ch == '"':
            stack.append('"')
    return cuts


def _absorb(text: str, j: int, hi: int, marks: frozenset[str], stack: list[str] | None) -> int:
    """Index past the end marks and closers that belong to the mark before ``j``."""
    while j < hi:
        ch = text[j]
        if ch in marks:
            j += 1
        elif ch in _CLOSERS:
            if stack is not None:
                _close(stack, ch)
            j += 1
        elif ch == '"' and stack and stack[-1] in {'"', "”"}:
            stack.pop()
            j += 1
        else:
            break
    return j
