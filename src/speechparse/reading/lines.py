"""Split text into lines without losing a character.

Everything downstream addresses the document by code-point offsets into
the decoded text, so lines keep their breaks' offsets exactly (CRLF, CR and
LF only); the readers run on every line of every document, so the common
cases are split by C loops.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import accumulate, repeat
from operator import add
from typing import NamedTuple

import regex

__all__ = [
    "Line",
    "iter_lines",
    "line_list",
    "split_lines",
]

_LINE = regex.compile(r"[^\r\n]*+(?:\r\n|\r|\n)?+")


class Line(NamedTuple):
    """One physical line: ``start``/``end`` exclude the line break, ``stop`` includes it."""

    start: int
    end: int
    stop: int


def split_lines(text: str) -> list[Line]:
    """Split on CRLF, CR and LF only (not on U+2028 or form feeds).

    Text without CR (most files) takes the fast path of :func:`iter_lines`.
    """
    if "\r" in text:
        return _split_any(text)
    lines = [
        Line(start, start + len(body), start + len(body) + 1) for start, body in iter_lines(text)
    ]
    if lines:
        last = lines[-1]
        if last.start == len(text):
            lines.pop()
        else:
            lines[-1] = Line(last.start, last.end, last.end)
    return lines


def line_list(text: str) -> list[tuple[int, str]]:
    """:func:`iter_lines` as a list, made by C loops when the text holds no CR or only CRLFs.

    Every document's lines are read this way; a generator costs a resumed
    frame per line, the split, the running sum of lengths and the pairing
    here cost none.
    """
    if "\r" in text:
        # A Windows file: every break a CRLF, checked on the pieces between the
        # CRLFs (a CR or LF left in one stands alone; the pieces joined are
        # searched, two early-exit scans, not counted through the whole text),
        # is split in C as LF text is.  Lone CRs or mixed endings take the
        # general reading.
        pieces = text.split("\r\n")
        if len(pieces) == 1:
            return list(iter_lines(text))
        rest = "".join(pieces)
        if "\r" in rest or "\n" in rest:
            return list(iter_lines(text))
        if not pieces[-1]:
            pieces.pop()  # as in :func:`iter_lines`, the last piece is a line when it holds text
        starts = accumulate(map(add, map(len, pieces), repeat(2)), initial=0)
        return list(zip(starts, pieces, strict=False))
    pieces = text.split("\n")
    starts = accumulate(map(add, map(len, pieces), repeat(1)), initial=0)
    return list(zip(starts, pieces, strict=False))  # starts runs one past the last piece


def iter_lines(text: str) -> Iterator[tuple[int, str]]:
    """The lines of :func:`split_lines` as ``(start, line without its break)``.

    What the content reader needs, without a :class:`Line` per line (it runs
    on every line of every document).  Text without CR may yield a last empty
    line after a final LF; an empty line carries nothing, so readers skip it.
    """
    if "\r" in text:
        # CR becomes LF (same length, so offsets hold) and the text is split in C;
        # the empty piece between the CR and LF of a CRLF is no line.  The last
        # piece is a line only when it holds text, as in :func:`_split_any`.
        pieces = text.replace("\r", "\n").split("\n")
        last = len(pieces) - 1
        start = 0
        for k, body in enumerate(pieces):
            if body or (k < last and not (start and text[start - 1 : start + 1] == "\r\n")):
                yield start, body
            start += len(body) + 1
        return
    start = 0
    for body in text.split("\n"):
        yield start, body
        start += len(body) + 1


def _split_any(text: str) -> list[Line]:
    lines: list[Line] = []
    for m in _LINE.finditer(text):
        start, stop = m.span()
        if start == stop:
            break
        body = m.group()
        end = stop - (2 if body.endswith("\r\n") else 1 if body[-1] in "\r\n" else 0)
        lines.append(Line(start, end, stop))
    return lines
