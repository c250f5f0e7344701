"""Chunks for search and RAG: one test per rule, then the rules as properties.

Every rule the chunker promises (docs/chunks.md) has a test here on a small
invented document; :func:`check_chunks` states them all at once and runs
over hand-written documents, generated speeches and arbitrary text.  The
central one is coverage: the chunks' spans hold every body character (the
paragraph and salutation leaves, noise cut out) exactly once.
"""

from __future__ import annotations

import itertools
import json
import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import speechparse
from speechparse import Chunk, Document, Section
from speechparse.apps.cli import main
from speechparse.model.spans import subtract_spans
from speechparse.views.chunks import (
    DEFAULT_MAX_CHARS,
    _atoms,
    _body,
    _Chunker,
    _Lengths,
    _pack,
    document_id,
    split_points,
)

DOCS = Path(__file__).parents[1] / "docs" / "chunks.md"

# -- documents -------------------------------------------------------------------

SPEECH = """在青禾县乡村振兴推进会上的讲话
（2026年4月8日）

同志们：
　　今天召开这次会议，主要是总结经验、部署任务。刚才，三位同志作了交流发言，讲得很好。
一、充分认识做好乡村振兴工作的重要意义
　　乡村振兴是一篇大文章。全县上下要提高站位，把这项工作摆在突出位置。各乡镇要结合实际，拿出管用的办法。
　　要看到成绩，也要看到差距。有的村产业基础薄弱，有的村集体收入偏低，有的村人才流失严重。
（一）夯实产业基础。要因地制宜发展茶叶、菌菇和林下经济，培育一批带动能力强的龙头企业。
（二）补齐设施短板。要加快通村道路和供水管网建设，让群众出行更方便、用水更放心。
二、扎实抓好重点任务
（一）持续推进人居环境整治
（二）着力办好民生实事
1.办好村级幼儿园。今年要新建、改扩建村级幼儿园五所。
2.建好农家书屋。
3.开好乡村夜校。每月至少开课两次，请农技人员讲实用技术。
三、切实加强组织领导
　　各级各部门要压实责任##paidbegin##，确保各项任务落地见效。
谢谢大家！
【青禾素材网】更多精品材料，请联系客服：qh2026
"""

TITLE = "在青禾县乡村振兴推进会上的讲话"

LONG_SENTENCE = "村庄清洁行动深入开展" * 25 + "。"
"""251 characters without a single mark to cut at."""

COMMA_SENTENCE = "，".join(["要把农村人居环境整治作为一项长期任务来抓"] * 5) + "。"
"""One sentence of five comma clauses (20 characters each)."""

QUOTE_PARAGRAPH = (
    "老支书在座谈会上讲了一段朴实的话。他说：“日子是干出来的。路是走出来的。”大家听了都很受触动。"
)


def _doc_with_body(*paragraphs: str) -> Document:
    """A titled document with one section holding the given paragraphs."""
    lines = ["青禾县人居环境整治工作汇报", "一、主要做法"] + [f"　　{p}" for p in paragraphs]
    return speechparse.parse("\n".join(lines) + "\n")


@pytest.fixture(scope="module")
def doc() -> Document:
    return speechparse.parse(SPEECH)


# -- the checker ------------------------------------------------------------------


def body_positions(doc: Document) -> list[int]:
    """Every source offset of body text: paragraph and salutation leaves, noise cut out."""
    return [
        i
        for kind, (start, end) in doc.leaves()
        if kind in {"paragraph", "salutation"}
        for i in range(start, end)
    ]


def _own_spans(doc: Document, section: Section | None) -> list[tuple[int, int]]:
    """The section's own paragraph spans, touching ones joined (a line split in two)."""
    blocks = doc.preamble if section is None else section.paragraphs
    joined: list[tuple[int, int]] = []
    for a, b in (blk.span for blk in blocks):
        if joined and joined[-1][1] == a:
            joined[-1] = (joined[-1][0], b)
        else:
            joined.append((a, b))
    return joined


def _inside(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(a <= span[0] and span[1] <= b for a, b in spans)


def check_chunks(doc: Document, chunks: list[Chunk], *, max_chars: int, overlap: int = 0) -> None:
    """All the promises of docs/chunks.md at once."""
    covered = [i for c in chunks for a, b in c.spans for i in range(a, b)]
    dupes = [i for i, n in Counter(covered).items() if n > 1]
    assert not dupes, f"characters in more than one chunk: {dupes[:10]}"
    assert sorted(covered) == body_positions(doc), "chunks do not cover the body text exactly"

    index = doc.section_index()
    by_address = {index.address(s): s for s in index.order}
    assert len({c.id for c in chunks}) == len(chunks)
    for chunk in chunks:
        # Chunks are made without validation (model/trusted.py): they must be
        # exactly what the validators make, fields in declaration order.
        assert Chunk.model_validate(chunk.model_dump()) == chunk
        assert list(chunk.__dict__) == list(Chunk.model_fields)
    for k, chunk in enumerate(chunks):
        assert chunk.ordinal == k
        assert chunk.char_count == len(chunk.text) <= max_chars
        assert 0 <= chunk.overlap_chars <= overlap
        assert all(a < b for a, b in chunk.spans)
        assert list(chunk.spans) == sorted(chunk.spans)
        body = chunk.text[chunk.overlap_chars :]
        if len(chunk.sections) <= 1:
            section = by_address[chunk.sections[0]] if chunk.sections else None
            # Never across a section boundary, never the parent's text in a child.
            assert all(_inside(s, _own_spans(doc, section)) for s in chunk.spans), chunk.id
            assert chunk.heading_path == doc.heading_path(section)
            assert chunk.level == (section.level if section else 0)
            path = doc.path_of(section) if section else ()
            assert chunk.numbers == tuple(s.number for s in path)
            # The text is the spans' characters, line breaks between paragraphs.
            squeezed = "".join(doc.source[a:b] for a, b in chunk.spans)
            if not doc.unmasked:
                assert re.sub("[\r\n]", "", squeezed) == re.sub("[\r\n]", "", body)
        else:
            members = [by_address[a] for a in chunk.sections]
            parent = doc.parent_of(members[0])
            assert all(doc.parent_of(m) is parent and not m.children for m in members)
            assert chunk.heading_path == doc.heading_path(parent)
            assert chunk.overlap_chars == 0
        if chunk.overlap_chars:
            before = chunks[k - 1]
            assert before.sections == chunk.sections
            assert before.part == chunk.part - 1
            lead = chunk.text[: chunk.overlap_chars].rstrip("\n")
            assert before.text.endswith(lead)
        if k and chunks[k - 1].sections == chunk.sections and chunk.sections:
            assert chunk.part == chunks[k - 1].part + 1
        else:
            assert chunk.part == 0 or chunks[k - 1].sections == chunk.sections


# -- heading path and section boundaries --------------------------------------------


def test_default_chunks_follow_the_sections(doc: Document) -> None:
    """One chunk per section body at the default size; the preamble comes first."""
    chunks = doc.chunks()
    check_chunks(doc, chunks, max_chars=DEFAULT_MAX_CHARS)
    assert [c.sections for c in chunks] == [
        (),
        ("1",),
        ("1.1",),
        ("1.2",),
        ("2.1",),
        ("2.2.1",),
        ("2.2.2",),
        ("2.2.3",),
        ("3",),
    ]
    assert chunks[0].heading_path == (TITLE,)
    assert chunks[0].text.startswith("同志们：\n今天召开")
    assert chunks[5].heading_path == (
        TITLE,
        "二、扎实抓好重点任务",
        "（二）着力办好民生实事",
        "1.办好村级幼儿园",
    )
    assert chunks[5].numbers == (2, 2, 1)
    assert chunks[5].level == 3


def test_heading_is_in_the_path_not_in_the_text(doc: Document) -> None:
    """A run-in heading's words reach the chunk only through ``heading_path``."""
    chunk = next(c for c in doc.chunks() if c.sections == ("1.1",))
    assert chunk.text.startswith("要因地制宜")
    assert "夯实产业基础" not in chunk.text
    assert chunk.heading_path[-1] == "（一）夯实产业基础"
    assert chunk.contextualize() == (
        f"{TITLE} › 一、充分认识做好乡村振兴工作的重要意义 › （一）夯实产业基础\n{chunk.text}"
    )


def test_every_split_piece_keeps_the_full_heading_path(doc: Document) -> None:
    """Small pieces of section 一 all stand under title › 一、…."""
    chunks = [c for c in doc.chunks(max_chars=30) if c.sections == ("1",)]
    assert len(chunks) > 3
    assert {c.heading_path for c in chunks} == {(TITLE, "一、充分认识做好乡村振兴工作的重要意义")}
    assert [c.part for c in chunks] == list(range(len(chunks)))


def test_parent_text_is_never_copied_into_child_chunks(doc: Document) -> None:
    """Section 一's own paragraphs are in its chunks and nowhere below it."""
    chunks = doc.chunks(max_chars=50)
    parent_words = "乡村振兴是一篇大文章"
    holders = [c.sections for c in chunks if parent_words in c.text]
    assert holders == [("1",)]
    for chunk in chunks:
        if chunk.sections and chunk.sections[0].startswith("1."):
            assert "乡村振兴是一篇大文章" not in chunk.text
            assert "有的村" not in chunk.text


def test_parent_with_children_and_no_text_gives_no_chunk(doc: Document) -> None:
    """二 and 二/（二） have only subsections: their headings live in the children's paths."""
    addresses = {a for c in doc.chunks() for a in c.sections}
    assert "2" not in addresses
    assert "2.2" not in addresses


def test_trailer_and_noise_are_excluded(doc: Document) -> None:
    """Closing words, the site's ad and the paywall marker are in no chunk."""
    chunks = doc.chunks(max_chars=40, overlap=8)
    text = "\n".join(c.text for c in chunks)
    for left_out in ("谢谢大家", "青禾素材网", "客服", "##paidbegin##", "paidbegin"):
        assert left_out not in text
    last = next(c for c in chunks if c.sections == ("3",))
    assert last.text == "各级各部门要压实责任，确保各项任务落地见效。"
    assert len(last.spans) == 2  # the marker between the two pieces is cut out
    check_chunks(doc, chunks, max_chars=40, overlap=8)


def test_empty_leaf_sections_keep_their_heading(doc: Document) -> None:
    """A heading with nothing under it yields an empty chunk unless told not to."""
    chunks = doc.chunks()
    empty = [c for c in chunks if not c.text]
    assert [c.sections for c in empty] == [("2.1",), ("2.2.2",)]
    assert empty[1].spans == ()
    assert empty[1].contextualize() == (
        f"{TITLE} › 二、扎实抓好重点任务 › （二）着力办好民生实事 › 2.建好农家书屋"
    )
    kept = doc.chunks(keep_empty=False)
    assert all(c.text for c in kept)
    assert len(kept) == len(chunks) - 2
    check_chunks(doc, kept, max_chars=DEFAULT_MAX_CHARS)


def test_preamble_without_title_has_an_empty_path() -> None:
    """No title, no heading: the preamble's path is empty, the embed text just text."""
    doc = speechparse.parse("同志们：\n今天我们在这里开会。\n一、抓落实。落实是关键。\n")
    first = doc.chunks()[0]
    assert first.heading_path == ()
    assert first.contextualize() == first.text


# -- splitting -----------------------------------------------------------------------


def test_long_section_splits_between_paragraphs_first() -> None:
    """Two paragraphs that each fit a chunk are never cut inside."""
    first = "全县共排查整改问题一百二十项。" * 3
    second = "群众反映的突出问题基本得到解决。" * 3
    doc = _doc_with_body(first, second)
    chunks = doc.chunks(max_chars=60)
    assert [c.text for c in chunks] == [first, second]
    check_chunks(doc, chunks, max_chars=60)


def test_sentences_are_never_cut_inside() -> None:
    """A paragraph longer than a chunk is cut after 。！？ or ；, not mid-sentence."""
    sentences = [
        "今年以来，全县新建改建农村户厕三千余座。",
        "生活垃圾收运处置体系实现行政村全覆盖！",
        "群众的获得感怎么样？",
        "我们做了问卷调查；",
        "满意率达到九成以上。",
        "但是也要看到，部分村庄长效管护机制还不健全。",
    ]
    doc = _doc_with_body("".join(sentences))
    chunks = doc.chunks(max_chars=45)
    assert len(chunks) > 1
    for chunk in chunks:
        assert chunk.text[-1] in "。！？；"
        assert any(chunk.text.startswith(s) for s in sentences)
    assert "".join(c.text for c in chunks) == "".join(sentences)
    check_chunks(doc, chunks, max_chars=45)


def test_quoted_sentence_ends_do_not_cut_while_the_quote_fits() -> None:
    """``他说：“……。……。”`` stays whole: the 。 inside the quote is no cut."""
    doc = _doc_with_body(QUOTE_PARAGRAPH)
    chunks = doc.chunks(max_chars=30)
    assert [c.text for c in chunks] == [
        "老支书在座谈会上讲了一段朴实的话。",
        "他说：“日子是干出来的。路是走出来的。”大家听了都很受触动。",
    ]
    check_chunks(doc, chunks, max_chars=30)


def test_a_quote_too_long_for_a_chunk_is_cut_at_its_own_sentence_ends() -> None:
    """Only when the quoted passage exceeds a chunk do the 。 inside it count."""
    doc = _doc_with_body(QUOTE_PARAGRAPH)
    chunks = doc.chunks(max_chars=19)
    assert [c.text for c in chunks] == [
        "老支书在座谈会上讲了一段朴实的话。",
        "他说：“日子是干出来的。",
        "路是走出来的。”大家听了都很受触动。",
    ]
    check_chunks(doc, chunks, max_chars=19)


def test_one_long_sentence_is_cut_hard_at_max_chars() -> None:
    """No mark at all: cut at exactly ``max_chars`` and no earlier."""
    doc = _doc_with_body(LONG_SENTENCE)
    chunks = doc.chunks(max_chars=100)
    assert [c.char_count for c in chunks] == [100, 100, 51]
    assert "".join(c.text for c in chunks) == LONG_SENTENCE
    check_chunks(doc, chunks, max_chars=100)


def test_long_sentence_is_cut_after_commas_before_hard() -> None:
    """A sentence too long for a chunk is cut after a comma if it has one."""
    doc = _doc_with_body(COMMA_SENTENCE)
    chunks = doc.chunks(max_chars=50)
    assert [c.text[-1] for c in chunks] == ["，", "，", "。"]
    assert [c.char_count for c in chunks] == [42, 42, 21]
    check_chunks(doc, chunks, max_chars=50)


@pytest.mark.parametrize(
    ("text", "kind", "cuts"),
    [
        ("一。二！三？", 1, [2, 4]),
        ("甲说：“乙。丙。”丁。戊。", 1, [9, 11]),
        ("甲说：“乙。丙。”丁。戊。", 2, [6, 9, 11]),
        ("他说“乙。丙。丁。", 1, []),
        ("他说“乙。丙。丁。", 2, [5, 7]),
        ("甲，乙、丙：丁", 3, [2, 4, 6]),
        ("好！！真好。", 1, [3]),
    ],
)
def test_split_points(text: str, kind: int, cuts: list[int]) -> None:
    """Sentence ends outside quotes; any sentence end; commas (kinds 1, 2, 3)."""
    assert split_points(text, 0, len(text), kind) == cuts


# -- merging ----------------------------------------------------------------------


def test_siblings_merge_only_when_asked(doc: Document) -> None:
    """By default every section stands alone; ``merge_siblings`` packs leaves."""
    assert all(len(c.sections) <= 1 for c in doc.chunks())
    merged = doc.chunks(merge_siblings=True)
    check_chunks(doc, merged, max_chars=DEFAULT_MAX_CHARS)
    assert [c.sections for c in merged] == [
        (),
        ("1",),
        ("1.1", "1.2"),
        ("2.1",),
        ("2.2.1", "2.2.2", "2.2.3"),
        ("3",),
    ]
    group = merged[2]
    assert group.heading_path == (TITLE, "一、充分认识做好乡村振兴工作的重要意义")
    assert group.text.startswith("（一）夯实产业基础\n要因地制宜")
    assert "\n（二）补齐设施短板\n要加快" in group.text
    assert group.id.endswith(":1.1~1.2:0")
    assert group.level == 2


def test_merge_takes_only_leaves_and_stays_within_max_chars(doc: Document) -> None:
    """（一） of 二 has no subsections but （二） has: they are not merged together."""
    merged = doc.chunks(merge_siblings=True, max_chars=60)
    check_chunks(doc, merged, max_chars=60)
    groups = [c.sections for c in merged if len(c.sections) > 1]
    assert ("2.1", "2.2") not in groups
    assert all(c.char_count <= 60 for c in merged)
    assert ("2.2.1", "2.2.2") in groups
    assert ("2.2.3",) in [c.sections for c in merged]


# -- overlap and minimum size ---------------------------------------------------------


def test_overlap_repeats_the_previous_tail_within_a_section() -> None:
    """Each later piece starts with the end of the one before, flagged by ``overlap_chars``."""
    doc = _doc_with_body(LONG_SENTENCE)
    chunks = doc.chunks(max_chars=100, overlap=10)
    assert [c.overlap_chars for c in chunks] == [0, 10, 10]
    for before, after in itertools.pairwise(chunks):
        assert after.text[:10] == before.text[-10:]
    assert [c.char_count for c in chunks] == [90, 100, 81]
    check_chunks(doc, chunks, max_chars=100, overlap=10)


def test_overlap_never_crosses_into_another_section(doc: Document) -> None:
    """The first piece of every section has no overlap."""
    chunks = doc.chunks(max_chars=30, overlap=6)
    check_chunks(doc, chunks, max_chars=30, overlap=6)
    firsts = [c for c in chunks if c.part == 0]
    assert firsts
    assert all(c.overlap_chars == 0 for c in firsts)
    assert any(c.overlap_chars for c in chunks)


def test_overlap_keeps_the_paragraph_break() -> None:
    """A piece that opens a paragraph has its lead-in on a line of its own."""
    first = "全县共排查整改问题一百二十项。" * 3
    second = "群众反映的突出问题基本得到解决。" * 3
    doc = _doc_with_body(first, second)
    chunks = doc.chunks(max_chars=60, overlap=5)
    assert chunks[1].text == first[-4:] + "\n" + second
    assert chunks[1].overlap_chars == 5
    check_chunks(doc, chunks, max_chars=60, overlap=5)


def test_min_chars_avoids_a_tiny_last_piece() -> None:
    """Greedy packing leaves one short sentence at the end; ``min_chars`` evens it out."""
    sentence = "全县新建改建农村户厕三千余座。"  # 15 characters
    doc = _doc_with_body(sentence * 3 + "成效明显。")
    plain = doc.chunks(max_chars=30)
    assert [c.char_count for c in plain] == [30, 20]
    doc = _doc_with_body(sentence * 4 + "成效明显。")
    plain = doc.chunks(max_chars=45)
    assert [c.char_count for c in plain] == [45, 20]
    even = doc.chunks(max_chars=45, min_chars=25)
    assert [c.char_count for c in even] == [30, 35]
    check_chunks(doc, even, max_chars=45)


def test_min_chars_tops_up_a_short_piece_from_its_neighbour() -> None:
    """A short paragraph before a long one borrows the next sentence."""
    sentence = "全县新建改建农村户厕三千余座。"
    doc = _doc_with_body("成效明显。", sentence * 2)
    assert [c.char_count for c in doc.chunks(max_chars=35)] == [5, 30]
    even = doc.chunks(max_chars=35, min_chars=10)
    assert [c.text for c in even] == ["成效明显。\n" + sentence, sentence]
    check_chunks(doc, even, max_chars=35)


def test_min_chars_merges_a_short_piece_with_its_neighbour() -> None:
    """Where the two fit one chunk together, the short piece joins its neighbour."""
    sentence = "全县新建改建农村户厕三千余座。"
    doc = _doc_with_body("成效明显。", sentence * 3)
    assert [c.char_count for c in doc.chunks(max_chars=40)] == [5, 30, 15]
    merged = doc.chunks(max_chars=40, min_chars=10)
    assert [c.text for c in merged] == ["成效明显。\n" + sentence * 2, sentence]
    check_chunks(doc, merged, max_chars=40)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"max_chars": 0}, "max_chars"),
        ({"max_chars": 10, "overlap": 10}, "overlap"),
        ({"overlap": -1}, "overlap"),
        ({"min_chars": -1}, "min_chars"),
    ],
)
def test_bad_options_raise_value_error(
    doc: Document, options: dict[str, Any], message: str
) -> None:
    """Nonsense sizes are refused up front, naming the option."""
    with pytest.raises(ValueError, match=message):
        doc.chunks(**options)


def test_doc_id_of_the_wrong_type_is_refused(doc: Document) -> None:
    """Chunks are built without validation, so a non-str id is refused at the entry."""
    with pytest.raises(TypeError, match="doc_id"):
        doc.chunks(doc_id=5)  # type: ignore[arg-type]


# -- ids and the embedder's view ---------------------------------------------------------


def test_ids_are_stable_and_readable(doc: Document) -> None:
    """``{doc_id}:{sections}:{part}``, the doc id a hash of the source unless given."""
    chunks = doc.chunks(max_chars=30)
    again = speechparse.parse(SPEECH.encode("utf-8")).chunks(max_chars=30)
    assert [c.id for c in chunks] == [c.id for c in again]
    assert chunks[0].doc_id == document_id(doc)
    assert re.fullmatch(r"[0-9a-f]{16}", chunks[0].doc_id)
    assert chunks[0].id == f"{chunks[0].doc_id}:0:0"
    named = doc.chunks(doc_id="qinghe-2026-04")
    assert named[1].id == "qinghe-2026-04:1:0"
    edited = speechparse.parse(SPEECH.replace("五所", "六所")).chunks()
    assert edited[0].doc_id != chunks[0].doc_id


def test_ids_do_not_depend_on_the_process(tmp_path: Path) -> None:
    """Two interpreters with different hash seeds print the same chunks."""
    path = tmp_path / "speech.txt"
    path.write_text(SPEECH, encoding="utf-8")
    outputs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        run = subprocess.run(
            [
                sys.executable,
                "-m",
                "speechparse.apps.cli",
                "chunks",
                str(path),
                "--max-chars",
                "40",
            ],
            capture_output=True,
            env=env,
            check=True,
        )
        outputs.append(run.stdout)
    assert outputs[0] == outputs[1]
    assert outputs[0].count(b"\n") > 5


def test_metadata_fields_and_embed_fields_cover_the_model() -> None:
    """Every field is declared either as metadata or as the text itself."""
    assert set(Chunk.METADATA_FIELDS) | {"text"} == set(Chunk.model_fields)
    assert "text" not in Chunk.METADATA_FIELDS
    assert set(Chunk.EMBED_FIELDS) <= set(Chunk.model_fields)


def test_metadata_is_json_ready(doc: Document) -> None:
    """Lists instead of tuples, no text."""
    meta = doc.chunks()[1].metadata()
    assert set(meta) == set(Chunk.METADATA_FIELDS)
    assert meta["heading_path"] == [TITLE, "一、充分认识做好乡村振兴工作的重要意义"]
    assert json.loads(json.dumps(meta)) == meta


def test_chunk_is_frozen(doc: Document) -> None:
    """Chunks are values, like the nodes they come from."""
    chunk = doc.chunks()[0]
    with pytest.raises(ValueError, match="frozen"):
        chunk.text = "改过的"  # type: ignore[misc]


# -- masks and hard wraps --------------------------------------------------------------


def test_unmasked_text_keeps_exact_spans() -> None:
    """With ``unmask=True`` the text says 党 where the source says D; spans still fit."""
    doc = speechparse.parse(
        "一、加强D的建设\n　　全体D员要发挥先锋模范作用。广大D员干部要走在前列。\n",
        unmask=True,
    )
    chunks = doc.chunks(max_chars=16)
    assert "".join(c.text for c in chunks) == "全体党员要发挥先锋模范作用。广大党员干部要走在前列。"
    for chunk in chunks:
        source = "".join(doc.source[a:b] for a, b in chunk.spans)
        assert source == chunk.text.replace("党", "D")
    check_chunks(doc, chunks, max_chars=16)


def test_hard_wrapped_paragraph_is_covered_with_its_line_breaks() -> None:
    """A paragraph re-joined from wrapped lines: the text drops the breaks, spans keep them."""
    wrapped = "全县上下要进一步提高政治站位切实增强责任感和使命感把各项工作抓紧抓实抓出成效" * 4
    lines = [wrapped[k : k + 20] for k in range(0, len(wrapped), 20)]
    body = "\n".join(lines[:-1]) + "\n" + lines[-1] + "。"
    doc = speechparse.parse(f"青禾县工作汇报\n一、主要做法\n{body}\n")
    paragraphs = doc.find_all("paragraph")
    if len(paragraphs) != 1:  # pragma: no cover - depends on the lexer's wrap detection
        pytest.skip("the lexer did not re-join these lines")
    chunks = doc.chunks(max_chars=30)
    assert "".join(c.text for c in chunks) == wrapped + "。"
    check_chunks(doc, chunks, max_chars=30)


# -- properties --------------------------------------------------------------------

_WORDS = (
    "巡河", "护林", "夜校", "集市", "渡口", "茶园", "水渠", "书屋", "菜畦", "晒场",
    "石桥", "驿站", "粮仓", "果林", "苗圃", "篱笆", "磨坊", "祠堂", "竹海", "田埂",
)  # fmt: skip
_CN = "一二三四五六七八九"


def _words(draw: st.DrawFn, low: int, high: int) -> str:
    """``low`` to ``high`` invented words; two draws, so generation stays cheap."""
    count = draw(st.integers(low, high))
    start = draw(st.integers(0, len(_WORDS) - 1))
    return "".join(_WORDS[(start + 7 * k) % len(_WORDS)] for k in range(count))


@st.composite
def _sentence(draw: st.DrawFn) -> str:
    if draw(st.integers(0, 6)) == 0:
        text = "要" + _words(draw, 20, 60)
    else:
        text = "，".join(_words(draw, 1, 8) for _ in range(draw(st.integers(1, 4))))
    end = draw(st.sampled_from("。。。！？；"))
    if draw(st.integers(0, 5)) == 0:
        return f"他说：“{text}{end}{text}。”"
    return text + end


@st.composite
def _paragraph(draw: st.DrawFn) -> str:
    text = "".join(draw(st.lists(_sentence(), min_size=1, max_size=6)))
    if draw(st.integers(0, 5)) == 0:
        at = draw(st.integers(1, len(text) - 1))
        text = text[:at] + "##paidbegin##" + text[at:]
    return text


@st.composite
def _sections(draw: st.DrawFn, level: int) -> list[str]:
    lines: list[str] = []
    for n in range(1, draw(st.integers(1, 4)) + 1):
        marker = (f"{_CN[n - 1]}、", f"（{_CN[n - 1]}）", f"{n}.")[level - 1]
        heading = _words(draw, 1, 4)
        if draw(st.booleans()):
            lines.append(f"{marker}{heading}。{draw(_paragraph())}")
        else:
            lines.append(f"{marker}{heading}")
        lines.extend(f"　　{p}" for p in draw(st.lists(_paragraph(), max_size=3)))
        if level < 3 and draw(st.integers(0, 2)) == 0:
            lines.extend(draw(_sections(level + 1)))
    return lines


@st.composite
def speeches(draw: st.DrawFn) -> str:
    """A speech of invented words: title, salutation, preamble, nested sections, trailer."""
    lines: list[str] = []
    if draw(st.booleans()):
        lines.append(_words(draw, 3, 6))
    if draw(st.booleans()):
        lines.append("同志们：")
    lines.extend(f"　　{p}" for p in draw(st.lists(_paragraph(), max_size=2)))
    if draw(st.integers(0, 4)):
        lines.extend(draw(_sections(1)))
    if draw(st.booleans()):
        lines.append("谢谢大家！")
    return draw(st.sampled_from(("\n", "\r\n"))).join(lines) + "\n"


_options = st.fixed_dictionaries(
    {
        "max_chars": st.integers(1, 200),
        "merge_siblings": st.booleans(),
        "keep_empty": st.booleans(),
        "min_chars": st.integers(0, 60),
        "overlap_share": st.integers(0, 50),
    }
)


def _chunk_with(doc: Document, options: dict[str, int]) -> tuple[list[Chunk], int, int]:
    max_chars = options["max_chars"]
    overlap = max_chars * options["overlap_share"] // 100
    chunks = doc.chunks(
        max_chars=max_chars,
        overlap=overlap,
        min_chars=options["min_chars"],
        merge_siblings=bool(options["merge_siblings"]),
        keep_empty=bool(options["keep_empty"]),
    )
    return chunks, max_chars, overlap


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=speeches(), options=_options)
def test_property_generated_speeches(text: str, options: dict[str, int]) -> None:
    """Coverage exactly once and every chunk rule, over generated speeches and options."""
    doc = speechparse.parse(text)
    chunks, max_chars, overlap = _chunk_with(doc, options)
    check_chunks(doc, chunks, max_chars=max_chars, overlap=overlap)
    again, _, _ = _chunk_with(speechparse.parse(text), options)
    assert again == chunks


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=speeches(), max_chars=st.integers(min_value=1, max_value=400))
def test_property_a_body_that_fits_is_what_cutting_would_give(text: str, max_chars: int) -> None:
    """The shortcut for a section that fits one piece equals the general cutter's result."""
    doc = speechparse.parse(text)
    chunker = _Chunker(
        doc,
        max_chars=max_chars,
        overlap=0,
        min_chars=0,
        merge_siblings=False,
        keep_empty=True,
        doc_id="d",
    )
    groups = [doc.preamble, *(s.paragraphs for s in doc.iter_sections())]
    for blocks in groups:
        bodies = chunker.bodies(blocks)
        if bodies and sum(len(b.text) for b in bodies) + len(bodies) - 1 <= max_chars:
            assert [chunker.whole(bodies)] == chunker.cut(bodies, max_chars)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=speeches(), budget=st.integers(min_value=1, max_value=400))
def test_property_a_paragraph_that_fits_need_not_be_split(text: str, budget: int) -> None:
    """Packing a fitting paragraph whole cuts where packing its sentences does.

    The cutter skips finding the sentences of a paragraph that fits the
    budget when nothing rebalances; the pieces (text, spans, and the break
    kind at each cut, which decides the overlap's line break) are the same.
    """
    doc = speechparse.parse(text)
    chunker = _Chunker(
        doc,
        max_chars=budget,
        overlap=0,
        min_chars=0,
        merge_siblings=False,
        keep_empty=True,
        doc_id="d",
    )
    groups = [doc.preamble, *(s.paragraphs for s in doc.iter_sections())]
    for blocks in groups:
        bodies = chunker.bodies(blocks)
        for body in bodies:
            whole = subtract_spans(body.bound(0), body.bound(len(body.text)), chunker.holes)
            assert body.pieces == list(whole)
        if not bodies:
            continue
        results = []
        for whole_fits in (True, False):
            atoms = _atoms(bodies, budget, whole_fits=whole_fits)
            cuts = _pack(atoms, _Lengths(atoms), budget)
            pieces = [
                chunker.join(bodies, atoms, cuts[k], cuts[k + 1]) for k in range(len(cuts) - 1)
            ]
            results.append((pieces, [atoms[c].brk for c in cuts[:-1]]))
        assert results[0] == results[1]


_ALPHABET = st.sampled_from(
    [
        *'一二三（）、.。！？；，“”"《》甲乙丙丁 \u3000\r\n#D党',
        *("##paidbegin##", "同志们：", "谢谢大家！", "1.", "（一）", "二、"),
    ]
)


@settings(max_examples=150, deadline=None)
@given(text=st.one_of(speeches(), st.lists(_ALPHABET, max_size=120).map("".join)))
def test_property_a_block_clear_of_noise_is_its_own_span(text: str) -> None:
    """The shortcut for a block no noise meets gives what subtracting the noise gives."""
    doc = speechparse.parse(text, unmask=True)
    chunker = _Chunker(
        doc,
        max_chars=100,
        overlap=0,
        min_chars=0,
        merge_siblings=False,
        keep_empty=True,
        doc_id="d",
    )
    assert chunker.ends is not None
    source, holes, restored = doc.source, chunker.holes, chunker.restored
    for blocks in [doc.preamble, *(s.paragraphs for s in doc.iter_sections())]:
        for block in blocks:
            fast = _body(block, source, holes, chunker.ends, restored)
            assert fast == _body(block, source, holes, None, restored)


@settings(max_examples=150, deadline=None)
@given(
    text=st.lists(_ALPHABET, max_size=120).map("".join),
    options=_options,
    unmask=st.booleans(),
)
def test_property_arbitrary_text(text: str, options: dict[str, int], unmask: bool) -> None:
    """Whatever the parser makes of odd text, chunks cover its body exactly once."""
    doc = speechparse.parse(text, unmask=unmask)
    chunks, max_chars, overlap = _chunk_with(doc, options)
    check_chunks(doc, chunks, max_chars=max_chars, overlap=overlap)


# -- command line ---------------------------------------------------------------


def test_cli_prints_one_json_object_per_line(tmp_path: Path) -> None:
    """``speechparse chunks FILE`` is JSON Lines with the model's fields."""
    path = tmp_path / "speech.txt"
    path.write_text(SPEECH, encoding="utf-8")
    result = CliRunner().invoke(main, ["chunks", str(path)])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    doc = speechparse.parse(SPEECH)
    assert rows == [c.model_dump(mode="json") for c in doc.chunks()]


def test_cli_options_reach_the_chunker(tmp_path: Path) -> None:
    """Every option maps to its keyword; ``--embed-text`` adds the embedder's input."""
    path = tmp_path / "speech.txt"
    path.write_text(SPEECH, encoding="utf-8")
    args = ["chunks", str(path), "--max-chars", "40", "--overlap", "5", "--min-chars", "10"]
    args += ["--merge-siblings", "--no-empty", "--doc-id", "d1", "--embed-text"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    chunks = speechparse.parse(SPEECH).chunks(
        max_chars=40, overlap=5, min_chars=10, merge_siblings=True, keep_empty=False, doc_id="d1"
    )
    assert [r["id"] for r in rows] == [c.id for c in chunks]
    assert all(r["id"].startswith("d1:") for r in rows)
    assert [r["embed_text"] for r in rows] == [c.contextualize() for c in chunks]


def test_cli_unmask_restores_masks_in_chunk_text(tmp_path: Path) -> None:
    """``--unmask`` works here as for the other commands; spans stay on the source."""
    path = tmp_path / "masked.txt"
    path.write_text("一、加强D的建设\n　　全体D员要发挥先锋模范作用。\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["chunks", str(path), "--unmask"])
    assert result.exit_code == 0, result.output
    row = json.loads(result.output)
    assert row["text"] == "全体党员要发挥先锋模范作用。"
    assert row["heading_path"] == ["一、加强党的建设"]


def test_cli_refuses_overlap_not_below_max_chars(tmp_path: Path) -> None:
    """A usage error (exit 2) with the option named, not a traceback."""
    path = tmp_path / "speech.txt"
    path.write_text(SPEECH, encoding="utf-8")
    result = CliRunner().invoke(main, ["chunks", str(path), "--max-chars", "5", "--overlap", "5"])
    assert result.exit_code == 2
    assert "--overlap" in result.output


def test_cli_missing_file_is_one_line(tmp_path: Path) -> None:
    """Bad input goes through the common guard: one line, non-zero exit."""
    result = CliRunner().invoke(main, ["chunks", str(tmp_path / "missing.txt")])
    assert result.exit_code != 0
    assert "Traceback" not in result.output


# -- docs ---------------------------------------------------------------------------


def test_docs_examples_run() -> None:
    """Every Python block in docs/chunks.md runs, in order, in one namespace."""
    blocks = re.findall(r"```python\n(.*?)```", DOCS.read_text(encoding="utf-8"), re.DOTALL)
    assert blocks
    namespace: dict[str, object] = {}
    for block in blocks:
        exec(compile(block, str(DOCS), "exec"), namespace)


@pytest.mark.parametrize(
    "options",
    [
        {},
        {"max_chars": 60, "overlap": 10, "min_chars": 20},
        {"max_chars": 120, "merge_siblings": True, "keep_empty": False},
    ],
    ids=["default", "small-overlap", "merged"],
)
def test_iter_chunks_is_the_list_one_at_a_time(options: dict[str, Any]) -> None:
    """``iter_chunks`` yields exactly ``chunk_document``'s chunks (ordinals included)."""
    from speechparse.views.chunks import chunk_document, iter_chunks

    doc = speechparse.parse(SPEECH)
    assert list(iter_chunks(doc, **options)) == chunk_document(doc, **options)


def test_iter_chunks_checks_options_at_once() -> None:
    """A bad option is an error when ``iter_chunks`` is called, not at the first chunk."""
    from speechparse.views.chunks import iter_chunks

    with pytest.raises(ValueError, match="max_chars"):
        iter_chunks(speechparse.parse(SPEECH), max_chars=0)
