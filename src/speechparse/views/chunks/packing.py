"""Packing a section's sentences into pieces within the budget.

Given the bodies of one section (``cutting.py``), this decides where its
pieces end: it splits the text into atoms that are never cut (sentences,
then clauses, then runs of characters), packs them greedily so that a
paragraph or sentence that fits stays whole, optionally rebalances pieces
shorter than ``min_chars``, repeats ``overlap`` characters in front of each
piece after the first, and lays out a leaf the way it reads among merged
siblings.  It knows text and spans, not ids or the section tree: the
driver (``chunker.py``) walks the tree and turns pieces into chunks.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING

from speechparse.model.nodes import Block, Section, Span
from speechparse.model.spans import subtract_spans
from speechparse.views.chunks.cutting import (
    _HARD,
    _PARAGRAPH,
    _SENTENCE,
    _Body,
    _body,
    split_points,
)
from speechparse.views.query import label

if TYPE_CHECKING:
    from speechparse.model.document import Document


@dataclass(slots=True)
class _Atom:
    """A piece of a block that packing never cuts: ``text[lo:hi]`` of body ``body``."""

    body: int
    lo: int
    hi: int
    brk: int
    """The kind of boundary in front of it."""


def _atoms(bodies: list[_Body], budget: int, *, whole_fits: bool) -> list[_Atom]:
    """Sentences of every body; a sentence longer than ``budget`` cut finer.

    ``whole_fits``: a body that fits ``budget`` stays one atom.  Packing
    alone never cuts inside it then (its first sentence's group is the whole
    body, see :func:`_pack`), so finding its sentences, the chunker's
    largest cost, is only needed when :func:`_rebalance` may move a cut by
    one sentence.
    """
    out: list[_Atom] = []

    def split(b: int, lo: int, hi: int, kind: int, brk: int) -> None:
        text = bodies[b].text
        if kind > _SENTENCE and hi - lo <= budget:
            out.append(_Atom(b, lo, hi, brk))
            return
        if kind == _HARD:
            for k, at in enumerate(range(lo, hi, budget)):
                out.append(_Atom(b, at, min(at + budget, hi), brk if k == 0 else _HARD))
            return
        edges = [lo, *split_points(text, lo, hi, kind), hi]
        for k in range(len(edges) - 1):
            split(b, edges[k], edges[k + 1], kind + 1, brk if k == 0 else kind)

    for b, body in enumerate(bodies):
        n = len(body.text)
        if whole_fits and n <= budget:
            out.append(_Atom(b, 0, n, _PARAGRAPH))
        else:
            split(b, 0, n, _SENTENCE, _PARAGRAPH)
    return out


class _Lengths:
    """Text length of any run of atoms, joined as chunk text joins them, in O(1)."""

    def __init__(self, atoms: list[_Atom]) -> None:
        self.chars = [0]
        self.breaks = [0]
        for k, atom in enumerate(atoms):
            self.chars.append(self.chars[-1] + atom.hi - atom.lo)
            self.breaks.append(self.breaks[-1] + (k > 0 and atom.brk == _PARAGRAPH))

    def __call__(self, a: int, b: int) -> int:
        """Length of atoms ``a`` to ``b - 1``, with a line break between paragraphs."""
        if b <= a:
            return 0
        return self.chars[b] - self.chars[a] + self.breaks[b] - self.breaks[a + 1]


def _pack(atoms: list[_Atom], length: _Lengths, budget: int) -> list[int]:
    """Cut positions (atom indices, first 0, last ``len(atoms)``) for pieces within ``budget``.

    An atom's *group* runs to the next boundary at least as good as its
    own: the whole paragraph for a paragraph's first sentence, the sentence
    for a clause.  A group that does not fit with the current piece starts a
    new one, so a paragraph that fits a piece alone is never cut and a long
    one is cut at sentences before clauses.
    """
    n = len(atoms)
    group_end = [n] * n
    for i in range(n - 1, -1, -1):
        j = i + 1
        while j < n and atoms[j].brk > atoms[i].brk:
            j = group_end[j]
        group_end[i] = j
    cuts = [0]
    for i in range(1, n):
        if length(cuts[-1], group_end[i]) > budget:
            cuts.append(i)
    cuts.append(n)
    return cuts


def _rebalance(cuts: list[int], length: _Lengths, budget: int, min_chars: int) -> None:
    """Best effort against pieces shorter than ``min_chars``: merge, else borrow atoms."""
    k = 0
    while k < len(cuts) - 1 and len(cuts) > 2:
        if length(cuts[k], cuts[k + 1]) >= min_chars:
            k += 1
            continue
        if k > 0 and length(cuts[k - 1], cuts[k + 1]) <= budget:
            del cuts[k]
            k -= 1
            continue
        if k + 2 < len(cuts) and length(cuts[k], cuts[k + 2]) <= budget:
            del cuts[k + 1]
            continue
        while k > 0 and length(cuts[k], cuts[k + 1]) < min_chars and cuts[k] - 1 > cuts[k - 1]:
            c = cuts[k] - 1
            if length(c, cuts[k + 1]) > budget or length(cuts[k - 1], c) < min_chars:
                break
            cuts[k] = c
        while (
            k + 2 < len(cuts)
            and length(cuts[k], cuts[k + 1]) < min_chars
            and cuts[k + 1] + 1 < cuts[k + 2]
        ):
            c = cuts[k + 1] + 1
            if length(cuts[k], c) > budget or length(c, cuts[k + 2]) < min_chars:
                break
            cuts[k + 1] = c
        k += 1


def _greedy(bodies: list[_Body], budget: int) -> list[tuple[int, int]]:
    """Where each piece after the first begins, as ``(body, offset)``: :func:`_pack`'s cuts.

    For ``min_chars == 0`` :func:`_pack` over :func:`_atoms` (``whole_fits``)
    only ever asks whether a *unit* fits after the current piece: a whole
    body, a sentence, a quoted sentence or clause, a run of ``budget``
    characters (an atom's group is the unit its kind of boundary opens).
    Asking that as the text is walked needs neither the atoms nor their
    lengths: a unit that fits is let in whole and never split, one that does
    not starts a piece and is split only if it alone is longer than
    ``budget``.  Finding and packing every sentence of a long paragraph was
    most of what cutting cost.  ``tests/test_speed_chunks.py`` checks the
    positions against :func:`_pack`'s.
    """
    cuts: list[tuple[int, int]] = []
    cur = 0
    """Length of the current piece so far."""

    def place(b: int, text: str, lo: int, hi: int, kind: int) -> None:
        """A piece begins at ``lo`` with the unit ``text[lo:hi]``, split at ``kind`` if too long."""
        nonlocal cur
        if kind > _SENTENCE and hi - lo <= budget:
            cur = hi - lo
            return
        if kind == _HARD:
            # Every run after the first is cut from a full one before it.
            cuts.extend((b, at) for at in range(lo + budget, hi, budget))
            cur = (hi - lo) % budget or budget
            return
        edges = split_points(text, lo, hi, kind)
        end = edges[0] if edges else hi
        place(b, text, lo, end, kind + 1)
        for k in range(len(edges)):
            start = end
            end = edges[k + 1] if k + 1 < len(edges) else hi
            if cur + end - start <= budget:
                cur += end - start
            else:
                cuts.append((b, start))
                place(b, text, start, end, kind + 1)

    for b, body in enumerate(bodies):
        n = len(body.text)
        if b:
            if cur + 1 + n <= budget:
                cur += 1 + n
                continue
            cuts.append((b, 0))
        if n <= budget:
            cur = n
        else:
            place(b, body.text, 0, n, _SENTENCE)
    return cuts


@dataclass(slots=True)
class _Piece:
    """A chunk before it gets its id: text, spans and the repeated lead-in."""

    text: str
    spans: list[Span]
    overlap: int = 0


def _add_span(spans: list[Span], new: Iterable[Span]) -> None:
    for a, b in new:
        if spans and spans[-1][1] == a:
            spans[-1] = (spans[-1][0], b)
        else:
            spans.append((a, b))


class _Packer:
    """One section's blocks as pieces within the budget, spans and overlap included.

    The driver (:class:`~speechparse.views.chunks.chunker._Chunker`) is a
    packer that also walks the tree; the noise and restored masks it holds
    are the document's, looked up once, not once per section.
    """

    def __init__(self, doc: Document, *, max_chars: int, overlap: int, min_chars: int) -> None:
        self.doc = doc
        self.max_chars = max_chars
        self.overlap = overlap
        self.min_chars = min_chars
        self.holes = sorted(n.span for n in doc.noise)
        disjoint = all(a[1] <= b[0] for a, b in pairwise(self.holes))
        self.ends = [e for _, e in self.holes] if disjoint else None
        """The holes' ends, for :func:`_clear`; None if noise overlaps (a
        hand-built document), where only :func:`subtract_spans` is used."""
        self.restored: dict[int, str] = {}
        if doc.unmasked:
            for mask in doc.masks:
                if mask.restored is not None and len(mask.restored) == mask.span[1] - mask.span[0]:
                    for k, ch in enumerate(mask.restored):
                        self.restored[mask.span[0] + k] = ch

    def bodies(self, blocks: Sequence[Block]) -> list[_Body]:
        out = []
        for block in blocks:
            body = _body(block, self.doc.source, self.holes, self.ends, self.restored)
            if body is not None:
                out.append(body)
        return out

    def blocks(self, blocks: Sequence[Block]) -> list[_Piece]:
        """``pieces(bodies(blocks))``, without making the bodies when the blocks fit.

        Most sections fit one piece and most blocks are their source slice
        with no noise inside: then the piece is their texts and spans as
        they stand, and a body per block (with its look-ups) was half of
        what chunking such a section cost.  Only a section that must be cut
        makes the bodies, as soon as it is seen not to fit.
        """
        max_chars = self.max_chars
        source = self.doc.source
        holes = self.holes
        ends = self.ends
        # No hole can meet a block when the holes overlap (``ends`` None): then
        # every block takes the general way, as :func:`_body` would have it.
        nholes = len(holes) if ends is not None else -1
        texts: list[str] = []
        spans: list[Span] = []
        total = -1
        for block in blocks:
            start, end = block.span
            text = block.text
            n = len(text)
            if (
                end - start == n
                and n
                and nholes >= 0
                and (not nholes or (i := bisect_right(ends, start)) == nholes or holes[i][0] >= end)  # type: ignore[arg-type]
                and source.startswith(text, start)
            ):
                # :func:`_clear` inlined; the text is the source slice.
                texts.append(text)
                if spans and spans[-1][1] == start:
                    spans[-1] = (spans[-1][0], end)
                else:
                    spans.append((start, end))
            else:
                body = _body(block, source, holes, ends, self.restored)
                if body is None:
                    continue
                n = len(body.text)
                texts.append(body.text)
                _add_span(spans, body.pieces)
            total += n + 1
            if total > max_chars:
                return self.cut(self.bodies(blocks), max_chars - self.overlap)
        if not texts:
            return []
        return [_Piece("\n".join(texts), spans)]

    def join(self, bodies: list[_Body], atoms: list[_Atom], a: int, b: int) -> _Piece:
        """Atoms ``a`` to ``b - 1`` as one piece: one slice and one span walk per body.

        Atoms of one body are consecutive and tile its text, so a piece holds
        a run of each body it touches; only a body's first atom opens a
        paragraph, so the runs are joined by line breaks.
        """
        parts: list[str] = []
        spans: list[Span] = []
        k = a
        while k < b:
            first = atoms[k]
            body = bodies[first.body]
            k += 1
            while k < b and atoms[k].body == first.body:
                k += 1
            lo, hi = first.lo, atoms[k - 1].hi
            parts.append(body.text[lo:hi])
            if lo == 0 and hi == len(body.text):
                _add_span(spans, body.pieces)
            else:
                _add_span(spans, subtract_spans(body.bound(lo), body.bound(hi), self.holes))
        return _Piece("\n".join(parts), spans)

    def slice(self, bodies: list[_Body], first: tuple[int, int], last: tuple[int, int]) -> _Piece:
        """The text from position ``first`` up to ``last`` (``(body, offset)``, end excluded).

        What :meth:`join` gives for the atoms between those positions: a run
        of each body touched, joined by line breaks.
        """
        b, lo = first
        end, hi = last
        if hi == 0:  # ends where a body begins: at the end of the one before
            end -= 1
            hi = len(bodies[end].text)
        parts: list[str] = []
        spans: list[Span] = []
        while b <= end:
            body = bodies[b]
            text = body.text
            stop = hi if b == end else len(text)
            if lo == 0 and stop == len(text):
                parts.append(text)
                _add_span(spans, body.pieces)
            else:
                parts.append(text[lo:stop])
                if body.runs is None and body.pieces == [(body.start, body.end)]:
                    # The text is the span's characters one for one and no
                    # noise meets the span: the run is the offsets shifted.
                    _add_span(spans, ((body.start + lo, body.start + stop),))
                else:
                    _add_span(spans, subtract_spans(body.bound(lo), body.bound(stop), self.holes))
            b += 1
            lo = 0
        return _Piece("\n".join(parts), spans)

    def pieces(self, bodies: list[_Body]) -> list[_Piece]:
        """One section's body cut to size; overlap only between its own pieces."""
        if not bodies:
            return []
        total = sum(len(b.text) for b in bodies) + len(bodies) - 1
        if total <= self.max_chars:
            return [self.whole(bodies)]
        return self.cut(bodies, self.max_chars - self.overlap)

    def whole(self, bodies: list[_Body]) -> _Piece:
        """A body that fits one piece: what :meth:`cut` gives then, without finding sentences.

        Most sections fit; cutting them into sentences only to join them
        again was most of the chunker's time.
        """
        spans: list[Span] = []
        for body in bodies:
            _add_span(spans, body.pieces)
        return _Piece("\n".join(body.text for body in bodies), spans)

    def cut(self, bodies: list[_Body], budget: int) -> list[_Piece]:
        """Pieces within ``budget``: paragraphs, then sentences, clauses, characters."""
        if self.min_chars == 0:
            return self.greedy(bodies, budget)
        atoms = _atoms(bodies, budget, whole_fits=self.min_chars == 0)
        length = _Lengths(atoms)
        cuts = _pack(atoms, length, budget)
        if self.min_chars > 0:
            _rebalance(cuts, length, budget, self.min_chars)
        out = [self.join(bodies, atoms, cuts[k], cuts[k + 1]) for k in range(len(cuts) - 1)]
        if self.overlap:
            for k in range(len(out) - 1, 0, -1):
                tail = out[k - 1].text[-self.overlap :]
                if atoms[cuts[k]].brk == _PARAGRAPH:
                    # The piece opens a paragraph: keep the break the text had,
                    # within the overlap so the piece stays within max_chars.
                    tail = (tail[1:] if len(tail) == self.overlap else tail) + "\n"
                out[k] = _Piece(tail + out[k].text, out[k].spans, len(tail))
        return out

    def greedy(self, bodies: list[_Body], budget: int) -> list[_Piece]:
        """:meth:`cut` when nothing rebalances: the pieces at :func:`_greedy`'s positions."""
        starts = [(0, 0), *_greedy(bodies, budget)]
        starts.append((len(bodies), 0))
        out = [self.slice(bodies, starts[k], starts[k + 1]) for k in range(len(starts) - 1)]
        if self.overlap:
            for k in range(len(out) - 1, 0, -1):
                tail = out[k - 1].text[-self.overlap :]
                if starts[k][1] == 0:  # the piece opens a paragraph, as in :meth:`cut`
                    tail = (tail[1:] if len(tail) == self.overlap else tail) + "\n"
                out[k] = _Piece(tail + out[k].text, out[k].spans, len(tail))
        return out

    def merged_part(self, section: Section) -> tuple[str, list[Span]]:
        """A leaf as it reads inside a merged chunk: heading line, then its body."""
        bodies = self.bodies(section.paragraphs)
        lines = [label(section)]
        spans: list[Span] = []
        for body in bodies:
            lines.append(body.text)
            _add_span(spans, body.pieces)
        return "\n".join(lines), spans
