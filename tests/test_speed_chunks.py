"""The chunker's fast paths (issue 14) against the general ones they stand in for.

Each shortcut must give exactly what the path it replaces gives: the lazy
greedy cutter what packing every atom gives, the fused block pass what
making every body first gives, the stack walk what the recursive sibling
walk gives.  The general paths stay in the package for these checks.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import speechparse
from speechparse import Document
from speechparse.views.chunks import _atoms, _Chunker, _Lengths, _pack
from speechparse.views.chunks.chunker import _Place
from speechparse.views.chunks.cutting import (
    _CLAUSE,
    _COMMAS,
    _PARAGRAPH,
    _QUOTED,
    _TERMINATORS,
    _absorb,
    _Body,
    split_points,
)
from speechparse.views.chunks.packing import _greedy, _Piece
from speechparse.views.query import heading_path
from test_chunks import _ALPHABET, LONG_SENTENCE, SPEECH, speeches


def _chunker(doc: Document, max_chars: int = 800, overlap: int = 0) -> _Chunker:
    return _Chunker(
        doc,
        max_chars=max_chars,
        overlap=overlap,
        min_chars=0,
        merge_siblings=False,
        keep_empty=True,
        doc_id="d",
    )


def _by_atoms(chunker: _Chunker, bodies: list[_Body], budget: int) -> list[_Piece]:
    """The pieces of packing every atom, overlap included: the general cutter."""
    atoms = _atoms(bodies, budget, whole_fits=True)
    cuts = _pack(atoms, _Lengths(atoms), budget)
    out = [chunker.join(bodies, atoms, cuts[k], cuts[k + 1]) for k in range(len(cuts) - 1)]
    overlap = chunker.overlap
    for k in range(len(out) - 1, 0, -1):
        if not overlap:
            break
        tail = out[k - 1].text[-overlap:]
        if atoms[cuts[k]].brk == _PARAGRAPH:
            tail = (tail[1:] if len(tail) == overlap else tail) + "\n"
        out[k] = _Piece(tail + out[k].text, out[k].spans, len(tail))
    return out


def _groups(doc: Document) -> list[tuple[object, ...]]:
    return [doc.preamble, *(s.paragraphs for s in doc.iter_sections())]


def test_greedy_cuts_a_long_sentence_into_full_runs() -> None:
    """A sentence with no mark to cut at becomes runs of ``budget`` characters."""
    doc = speechparse.parse(f"一、开头\n{LONG_SENTENCE}\n")
    chunker = _chunker(doc, max_chars=100)
    bodies = chunker.bodies(doc.sections[0].paragraphs)
    assert _greedy(bodies, 100) == [(0, 100), (0, 200)]
    assert [len(p.text) for p in chunker.greedy(bodies, 100)] == [100, 100, 51]


def test_greedy_lets_whole_paragraphs_in_and_cuts_before_one_that_does_not_fit() -> None:
    doc = speechparse.parse("一、开头\n甲乙丙。\n丁戊己庚。\n辛壬癸子丑寅卯。\n")
    chunker = _chunker(doc, max_chars=10)
    bodies = chunker.bodies(doc.sections[0].paragraphs)
    assert _greedy(bodies, 10) == [(2, 0)]
    assert [p.text for p in chunker.greedy(bodies, 10)] == [
        "甲乙丙。\n丁戊己庚。",
        "辛壬癸子丑寅卯。",
    ]


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=speeches(),
    budget=st.integers(min_value=1, max_value=300),
    overlap_share=st.integers(0, 99),
)
def test_property_greedy_cuts_where_packing_the_atoms_does(
    text: str, budget: int, overlap_share: int
) -> None:
    doc = speechparse.parse(text)
    overlap = budget * overlap_share // 100
    chunker = _chunker(doc, max_chars=budget + overlap, overlap=overlap)
    for blocks in _groups(doc):
        bodies = chunker.bodies(blocks)  # type: ignore[arg-type]
        if bodies:
            assert chunker.greedy(bodies, budget) == _by_atoms(chunker, bodies, budget)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=st.one_of(speeches(), st.lists(_ALPHABET, max_size=160).map("".join)),
    max_chars=st.integers(min_value=1, max_value=300),
    unmask=st.booleans(),
)
def test_property_blocks_is_pieces_of_bodies(text: str, max_chars: int, unmask: bool) -> None:
    """The fused pass over a section's blocks gives what making their bodies first gives."""
    doc = speechparse.parse(text, unmask=unmask)
    chunker = _chunker(doc, max_chars=max_chars)
    for blocks in _groups(doc):
        expected = chunker.pieces(chunker.bodies(blocks))  # type: ignore[arg-type]
        assert chunker.blocks(blocks) == expected  # type: ignore[arg-type]


def _walks(doc: Document, **options: object) -> tuple[list[object], list[object]]:
    chunkers = [_Chunker(doc, doc_id="d", merge_siblings=False, **options) for _ in range(2)]  # type: ignore[arg-type]
    tops = [_Place("", heading_path(doc, ()), ()) for _ in range(2)]
    return list(chunkers[0].siblings(doc.sections, tops[0])), list(chunkers[1].walk(tops[1]))


def test_walk_is_the_recursive_walk_on_a_speech() -> None:
    doc = speechparse.parse(SPEECH)
    recursive, walked = _walks(doc, max_chars=40, overlap=5, min_chars=0, keep_empty=True)
    assert walked == recursive
    assert len(walked) > 5


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=speeches(),
    max_chars=st.integers(min_value=1, max_value=200),
    min_chars=st.integers(0, 40),
    keep_empty=st.booleans(),
)
def test_property_walk_is_the_recursive_walk(
    text: str, max_chars: int, min_chars: int, keep_empty: bool
) -> None:
    recursive, walked = _walks(
        speechparse.parse(text),
        max_chars=max_chars,
        overlap=0,
        min_chars=min_chars,
        keep_empty=keep_empty,
    )
    assert walked == recursive


def _points_mark_by_mark(text: str, lo: int, hi: int, kind: int) -> list[int]:
    """:func:`split_points` for the levels without quotes, one end mark at a time."""
    marks = _TERMINATORS if kind == _QUOTED else _COMMAS
    cuts: list[int] = []
    i = lo
    for k in range(lo, hi):
        if k >= i and text[k] in marks:
            i = _absorb(text, k + 1, hi, marks, None)
            if i < hi:
                cuts.append(i)
    return cuts


def test_clause_points_take_the_closers_after_the_mark() -> None:
    text = "甲，”乙，丙，"
    assert split_points(text, 0, len(text), _CLAUSE) == [3, 5]
    assert split_points(text, 0, len(text), _QUOTED) == []


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(alphabet='甲乙。！？!?；;，,、：:“”‘’「」《》（）()【】[]"', max_size=40),
    data=st.data(),
)
def test_property_regex_points_are_the_mark_by_mark_points(text: str, data: st.DataObject) -> None:
    lo = data.draw(st.integers(0, len(text)))
    hi = data.draw(st.integers(lo, len(text)))
    for kind in (_QUOTED, _CLAUSE):
        assert split_points(text, lo, hi, kind) == _points_mark_by_mark(text, lo, hi, kind)
