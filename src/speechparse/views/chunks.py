"""Cut a document's body text into chunks for a search or RAG index.

Every chunk holds text of one section only (or of the preamble) and carries
the heading path that says where it stands, so an embedder sees context that
the text itself lacks and a hit can be shown under its headings.  A
section's heading goes into the heading path, never into the text: that way
no chunk repeats it, and the heading of a long section is not embedded once
per piece with a different weight each time.  Only merged siblings (see
``merge_siblings``) put their headings into the text, since the path can name
just their common parent.

Spans say exactly which source characters a chunk holds; across all chunks
they cover the body text (paragraphs and salutations, noise cut out) once,
with no gap and no overlap.  Text repeated from the previous piece
(``overlap``) is marked by ``overlap_chars`` and has no span.

This module imports ``Document`` for type checking only, so that
``model/document.py`` can import it to delegate ``Document.chunks``.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING

from speechparse.model.chunk import DEFAULT_MAX_CHARS, Chunk, EmbeddedChunk
from speechparse.model.nodes import Block, Section, Span
from speechparse.model.spans import subtract_spans
from speechparse.model.trusted import trusted
from speechparse.views.query import heading_path, label

if TYPE_CHECKING:
    from speechparse.model.document import Document

__all__ = [
    "DEFAULT_MAX_CHARS",
    "Chunk",
    "EmbeddedChunk",
    "chunk_document",
    "document_id",
    "iter_chunks",
    "split_points",
]


def document_id(doc: Document) -> str:
    """A short, stable hash of the source text: equal inputs share it, edits change it."""
    data = doc.source.encode("utf-8", "surrogatepass")
    return hashlib.blake2b(data, digest_size=8).hexdigest()


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
_STOPS = {
    _SENTENCE: re.compile("[" + re.escape("".join(_TERMINATORS | set(_PAIRS) | _CLOSERS)) + '"]'),
    _QUOTED: re.compile("[" + re.escape("".join(_TERMINATORS)) + "]"),
    _CLAUSE: re.compile("[" + re.escape("".join(_COMMAS)) + "]"),
}
"""The characters :func:`split_points` looks at, per boundary kind."""


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
    marks = _TERMINATORS if kind in (_SENTENCE, _QUOTED) else _COMMAS
    track = kind == _SENTENCE
    cuts: list[int] = []
    stack: list[str] = []
    i = lo
    # Only punctuation matters; jumping from one to the next skips the words.
    for m in _STOPS[kind].finditer(text, lo, hi):
        if m.start() < i:
            continue  # taken by the previous mark's closers
        ch = m.group()
        if ch in marks:
            i = _absorb(text, m.end(), hi, marks, stack if track else None)
            if i < hi and not stack:
                cuts.append(i)
        elif ch in _PAIRS:
            stack.append(_PAIRS[ch])
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


# -- from sections to chunks -----------------------------------------------------


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


@dataclass(slots=True)
class _Place:
    """Where a section stands, as its chunks say it: address, heading path, numbers.

    Built on the way down the tree, one step from the parent's, so that no
    chunk needs the section index to look up its chain of ancestors (that
    look-up was a fifth of chunking a document whose sections all fit).
    """

    address: str
    """Sibling positions, dotted (``2.1``); empty above the top level."""
    heading_path: tuple[str, ...]
    numbers: tuple[int | None, ...]

    def child(self, position: int, section: Section) -> _Place:
        """The place of ``section``, the ``position``-th (from 1) of this place's subsections."""
        return _Place(
            f"{self.address}.{position}" if self.address else str(position),
            (*self.heading_path, label(section)),
            (*self.numbers, section.number),
        )


class _Chunker:
    """Walks the tree once, emitting chunks in document order."""

    def __init__(
        self,
        doc: Document,
        *,
        max_chars: int,
        overlap: int,
        min_chars: int,
        merge_siblings: bool,
        keep_empty: bool,
        doc_id: str,
    ) -> None:
        self.doc = doc
        self.max_chars = max_chars
        self.overlap = overlap
        self.min_chars = min_chars
        self.merge_siblings = merge_siblings
        self.keep_empty = keep_empty
        self.doc_id = doc_id
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
        self.count = 0
        """Chunks emitted so far: the next one's ``ordinal``."""

    # text ---------------------------------------------------------------

    def bodies(self, blocks: Sequence[Block]) -> list[_Body]:
        out = []
        for block in blocks:
            body = _body(block, self.doc.source, self.holes, self.ends, self.restored)
            if body is not None:
                out.append(body)
        return out

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

    # emitting -----------------------------------------------------------

    def emit(
        self, pieces: list[_Piece], *, sections: tuple[str, ...], place: _Place, level: int
    ) -> Iterator[Chunk]:
        key = "~".join((sections[0], sections[-1])) if len(sections) > 1 else "".join(sections)
        for part, piece in enumerate(pieces):
            self.count += 1
            yield (
                trusted(
                    Chunk,
                    {
                        "id": f"{self.doc_id}:{key or '0'}:{part}",
                        "doc_id": self.doc_id,
                        "ordinal": self.count - 1,
                        "part": part,
                        "sections": sections,
                        "heading_path": place.heading_path,
                        "level": level,
                        "numbers": place.numbers,
                        "text": piece.text,
                        "spans": tuple(piece.spans),
                        "char_count": len(piece.text),
                        "overlap_chars": piece.overlap,
                    },
                )
            )

    def section(self, section: Section, place: _Place) -> Iterator[Chunk]:
        """The section's own body, then its subsections."""
        pieces = self.pieces(self.bodies(section.paragraphs))
        if not pieces and not section.children and self.keep_empty:
            pieces = [_Piece("", [])]
        yield from self.emit(pieces, sections=(place.address,), place=place, level=section.level)
        yield from self.siblings(section.children, place)

    def siblings(self, sections: Sequence[Section], parent: _Place) -> Iterator[Chunk]:
        if not self.merge_siblings:
            for k, s in enumerate(sections, 1):
                yield from self.section(s, parent.child(k, s))
            return
        run: list[tuple[Section, _Place, str, list[Span]]] = []
        run_len = 0
        for k, s in enumerate(sections, 1):
            place = parent.child(k, s)
            alone = self.merged_part(s) if not s.children else None
            if alone is None or len(alone[0]) > self.max_chars:
                yield from self.flush(run, parent)
                run, run_len = [], 0
                yield from self.section(s, place)
                continue
            text, spans = alone
            if run and run_len + 1 + len(text) > self.max_chars:
                yield from self.flush(run, parent)
                run, run_len = [], 0
            run_len += len(text) + (1 if run else 0)
            run.append((s, place, text, spans))
        yield from self.flush(run, parent)

    def merged_part(self, section: Section) -> tuple[str, list[Span]]:
        """A leaf as it reads inside a merged chunk: heading line, then its body."""
        bodies = self.bodies(section.paragraphs)
        lines = [label(section)]
        spans: list[Span] = []
        for body in bodies:
            lines.append(body.text)
            _add_span(spans, body.pieces)
        return "\n".join(lines), spans

    def flush(
        self, run: list[tuple[Section, _Place, str, list[Span]]], parent: _Place
    ) -> Iterator[Chunk]:
        if len(run) == 1:
            yield from self.section(run[0][0], run[0][1])
            return
        if not run:
            return
        spans: list[Span] = []
        for *_, more in run:
            spans.extend(more)
        yield from self.emit(
            [_Piece("\n".join(text for _, _, text, _ in run), spans)],
            sections=tuple(place.address for _, place, _, _ in run),
            place=parent,
            level=run[0][0].level,
        )

    def run(self) -> Iterator[Chunk]:
        top = _Place("", heading_path(self.doc, ()), ())
        pieces = self.pieces(self.bodies(self.doc.preamble))
        yield from self.emit(pieces, sections=(), place=top, level=0)
        yield from self.siblings(self.doc.sections, top)


def chunk_document(
    doc: Document,
    *,
    max_chars: int = DEFAULT_MAX_CHARS,
    overlap: int = 0,
    min_chars: int = 0,
    merge_siblings: bool = False,
    keep_empty: bool = True,
    doc_id: str | None = None,
) -> list[Chunk]:
    """The document's body text as chunks, in document order (see :func:`iter_chunks`)."""
    return list(
        iter_chunks(
            doc,
            max_chars=max_chars,
            overlap=overlap,
            min_chars=min_chars,
            merge_siblings=merge_siblings,
            keep_empty=keep_empty,
            doc_id=doc_id,
        )
    )


def iter_chunks(
    doc: Document,
    *,
    max_chars: int = DEFAULT_MAX_CHARS,
    overlap: int = 0,
    min_chars: int = 0,
    merge_siblings: bool = False,
    keep_empty: bool = True,
    doc_id: str | None = None,
) -> Iterator[Chunk]:
    """The document's body text as chunks, in document order, made one at a time.

    Only the chunk being made is held beside the document, so a caller that
    writes each as it comes (``speechparse chunks``) needs no memory for the
    list (:func:`chunk_document` is the list).  The options are checked at
    once, not when the first chunk is asked for.

    - No chunk crosses a section boundary; a section's own paragraphs form
      its chunks and its subsections get theirs, so parent text is never
      copied into a child's chunk.  The preamble gets heading path [title].
    - A section longer than ``max_chars`` is cut between paragraphs; a
      paragraph longer than a piece between sentences (。！？；); a sentence
      longer than a piece between quoted sentences, then after commas, and
      only then at ``max_chars`` exactly.
    - ``overlap`` characters of the previous piece of the same section are
      repeated in front (``overlap_chars``); they count toward ``max_chars``.
    - ``min_chars``: pieces shorter than this are merged with or topped up
      from a neighbour of the same section where that fits (best effort).
    - ``merge_siblings``: consecutive sibling sections without subsections
      share a chunk while it stays within ``max_chars``, each with its
      heading line in the text.
    - ``keep_empty``: a section with neither text nor subsections still
      gives a chunk (empty text) so its heading reaches the index.
    - Trailer and noise never appear; titles, subtitles and bylines only in
      the heading path.
    """
    if max_chars < 1:
        raise ValueError(f"max_chars must be at least 1, not {max_chars}")
    if not 0 <= overlap < max_chars:
        raise ValueError(f"overlap must be at least 0 and less than max_chars, not {overlap}")
    if min_chars < 0:
        raise ValueError(f"min_chars must not be negative, not {min_chars}")
    if doc_id is not None and not isinstance(doc_id, str):
        # Chunks are built without validation (model/trusted.py): check it here.
        raise TypeError(f"doc_id must be str, not {type(doc_id).__name__}")
    return _Chunker(
        doc,
        max_chars=max_chars,
        overlap=overlap,
        min_chars=min_chars,
        merge_siblings=merge_siblings,
        keep_empty=keep_empty,
        doc_id=doc_id if doc_id is not None else document_id(doc),
    ).run()
