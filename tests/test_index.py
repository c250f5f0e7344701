"""``speechparse index`` / ``search``: SQLite FTS5 (trigram) over chunks (the query language: test_search.py).

Phrases are found with their document's title and heading path; indexing a
document again replaces it; queries shorter than a trigram still match.
Runs are incremental: unchanged files are skipped (by stat, else by hash),
edited ones replaced, deleted ones removed, only under the run's PATHs.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from speechparse.apps.batch import RecordOptions
from speechparse.apps.cli import INPUT_FAILED
from speechparse.apps.index import (
    SCHEMA_VERSION,
    Index,
    IndexDatabaseError,
    QuerySyntaxError,
    incremental,
    index_paths,
    search,
)
from speechparse.apps.index_match import pairs
from speechparse.errors import InputNotFoundError, SpeechParseError
from test_batch import cli, speech, write_corpus

FLOOD = """\
防汛工作会议讲话稿
同志们：
　　今天我们在这里召开全镇防汛工作会议，研究部署今年汛期各项工作。
一、认清形势，绷紧防汛这根弦
　　今年入汛以来降雨偏多，部分河道水位持续偏高，防汛形势不容乐观。
二、突出重点，织密安全防护网
（一）盯紧山塘水库
　　对辖区十二座小型水库逐一落实巡查责任人，汛期实行二十四小时值守。
（二）盯紧地质灾害点
　　对滑坡隐患点设置警示标牌，遇强降雨提前转移受威胁群众。
三、压实责任，确保措施落地
　　镇村干部要坚守岗位，手机保持畅通，严禁擅离职守。
谢谢大家！
"""


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "docs"
    write_corpus(folder, 6)
    (folder / "flood.txt").write_text(FLOOD, encoding="utf-8")
    return folder


def test_sqlite_has_fts5_trigram() -> None:
    """The interpreter's SQLite builds a trigram FTS5 table (3.34 or later)."""
    assert sqlite3.sqlite_version_info >= (3, 34)
    with sqlite3.connect(":memory:") as conn:
        conn.execute("CREATE VIRTUAL TABLE t USING fts5(x, tokenize='trigram')")


def test_phrase_from_a_known_section_with_heading_path(corpus: Path, tmp_path: Path) -> None:
    """The CLI finds a phrase inside （一）盯紧山塘水库 and shows title, path and snippet."""
    db = tmp_path / "corpus.sqlite"
    proc = cli("index", corpus, "--db", db)
    assert proc.stderr.decode().startswith("speechparse: 7 documents, ")  # the summary, always
    out = cli("search", "二十四小时值守", "--db", db).stdout.decode("utf-8")
    lines = out.splitlines()
    assert lines[0] == f"1. 防汛工作会议讲话稿  [{corpus / 'flood.txt'}]"
    assert lines[1] == "   防汛工作会议讲话稿 › 二、突出重点，织密安全防护网 › （一）盯紧山塘水库"
    assert "«二十四小时值守»" in lines[2]
    assert len(lines) == 3

    hits = [
        json.loads(line)
        for line in cli("search", "滑坡隐患", "--db", db, "--json").stdout.splitlines()
    ]
    assert len(hits) == 1
    hit = hits[0]
    assert hit["heading_path"][-1] == "（二）盯紧地质灾害点"
    assert hit["title"] == "防汛工作会议讲话稿"
    assert hit["doc_id"] == str((corpus / "flood.txt").resolve())
    start, end = hit["spans"][0]
    assert FLOOD[start:end].startswith("对滑坡隐患点")


def test_reindexing_replaces_the_document(corpus: Path, tmp_path: Path) -> None:
    """Indexing an edited file again replaces its chunks: the old phrase is gone, counts stay."""
    db = tmp_path / "i.sqlite"
    first = index_paths([corpus], db)
    assert (first.documents, first.errors) == (7, 0)
    with Index(db) as index:
        before = index.count()
    (corpus / "flood.txt").write_text(
        FLOOD.replace("十二座小型水库", "十五座小型水库"), encoding="utf-8"
    )
    index_paths([corpus / "flood.txt"], db)
    with Index(db) as index:
        assert index.count() == before
    assert search(db, "十二座小型水库") == []
    assert [h.heading_path[-1] for h in search(db, "十五座小型水库")] == ["（一）盯紧山塘水库"]
    # The token tables hold no stale rows: their row counts equal the chunk table's.
    assert fts_ok(db) == before[1]


def test_short_queries_are_answered_from_the_index(corpus: Path, tmp_path: Path) -> None:
    """Two- and one-character terms find their chunks from the tokens, ranked."""
    db = tmp_path / "i.sqlite"
    index_paths([corpus], db)
    hits = search(db, "滑坡")
    assert [h.heading_path[-1] for h in hits] == ["（二）盯紧地质灾害点"]
    assert "«滑坡»" in hits[0].snippet
    assert hits[0].score is not None
    assert {h.title for h in search(db, "坡", limit=50)} == {"防汛工作会议讲话稿"}
    # A short term narrows a longer one; a heading matches too.
    mixed = search(db, "防汛形势 河道")
    assert [h.heading_path[-1] for h in mixed] == ["一、认清形势，绷紧防汛这根弦"]
    assert search(db, "防汛形势 水库") == []
    assert search(db, "盯紧山塘")[0].heading_path[-1] == "（一）盯紧山塘水库"
    out = cli("search", "值守", "--db", db).stdout.decode("utf-8")
    assert "（一）盯紧山塘水库" in out and "«值守»" in out


def test_query_text_is_never_fts_syntax(corpus: Path, tmp_path: Path) -> None:
    """Punctuation and FTS5's own syntax are text; only speechparse's grammar is syntax."""
    db = tmp_path / "i.sqlite"
    index_paths([corpus], db)
    for query in ("a:b", "%_%", "NEAR(水库)", "水库^", "{heading}", "'水库'", "水库+巡查"):
        search(db, query)  # no exception: each is a term, quoted before FTS5 sees it
    assert search(db, "值守。")[0].heading_path[-1] == "（一）盯紧山塘水库"
    assert search(db, "%_%") == []  # no SQL wildcard: a term is text
    for query in ('"二十四', "AND OR NOT", "(盯紧"):
        with pytest.raises(QuerySyntaxError):
            search(db, query)


def test_jsonl_input_keeps_ids_and_replaces_by_id(tmp_path: Path) -> None:
    """A JSONL document is keyed by its id: a new line with the same id replaces it."""
    data = tmp_path / "feed.jsonl"
    data.write_text(
        json.dumps({"id": "n-1", "text": FLOOD}, ensure_ascii=False)
        + "\n"
        + json.dumps({"id": "n-2", "text": speech(4)}, ensure_ascii=False)
        + "\n",
        encoding="utf-8",
    )
    db = tmp_path / "i.sqlite"
    index_paths([data], db, jobs=2)
    hit = search(db, "警示标牌")[0]
    assert (hit.doc_id, hit.path) == ("n-1", f"{data}:1")
    data.write_text(
        json.dumps({"id": "n-1", "text": FLOOD.replace("警示标牌", "提示标志")}, ensure_ascii=False)
        + "\n",
        encoding="utf-8",
    )
    stats = index_paths([data], db)
    assert search(db, "警示标牌") == []
    assert search(db, "提示标志")[0].doc_id == "n-1"
    with Index(db) as index:
        assert index.count()[0] == 2
    # Records have no file stat: indexed every run, never removed for being absent (n-2).
    assert (stats.replaced, stats.unchanged, stats.removed) == (1, 0, 0)
    again = index_paths([data], db)
    assert (again.replaced, again.unchanged, again.removed) == (1, 0, 0)


def test_bad_inputs_are_reported_and_skipped(corpus: Path, tmp_path: Path) -> None:
    """An undecodable file is one line on stderr; the other documents are indexed."""
    (corpus / "broken.txt").write_bytes(b"\x80\x80\xff")
    db = tmp_path / "i.sqlite"
    proc = cli("index", corpus, "--db", db, "--jobs", "2", check=False)
    assert proc.returncode == INPUT_FAILED
    err = proc.stderr.decode("utf-8").splitlines()
    assert len(err) == 2 and err[0].startswith(f"speechparse: {corpus / 'broken.txt'}: not UTF-8")
    assert err[1].startswith("speechparse: 7 documents, ") and "(1 errors)" in err[1]
    with Index(db) as index:
        assert index.count()[0] == 7
    seen: list[str] = []
    stats = index_paths(
        [corpus], db, RecordOptions(max_chars=60), on_error=lambda r: seen.append(r["error_type"])
    )
    assert (stats.documents, stats.errors, seen) == (7, 1, ["DecodeError"])
    assert all(len(h.snippet) < 200 for h in search(db, "防汛"))


def test_search_errors(tmp_path: Path) -> None:
    """A missing index or a file that is not one: one line, documented exit code."""
    proc = cli("search", "水库", "--db", tmp_path / "none.sqlite", check=False)
    assert proc.returncode == InputNotFoundError.exit_code
    assert proc.stderr.decode().count("\n") == 1
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE t(x)")
    with pytest.raises(IndexDatabaseError, match="not a speechparse index"):
        search(other, "水库")
    with pytest.raises(InputNotFoundError):
        search(tmp_path / "none.sqlite", "水库")
    db = tmp_path / "empty.sqlite"
    Index(db).__exit__(None, None, None)
    with pytest.raises(SpeechParseError, match="empty query"):
        search(db, "   ")


# -- incremental runs ------------------------------------------------------------

_COUNTIES = ("云溪县", "北塘镇", "石湾街道", "青川乡", "柳河村", "南屿社区")
_TASKS = ("秸秆禁烧", "森林防火", "农村改厕", "安全生产", "河长巡河", "垃圾分类")
_DEEDS = ("摸清底数", "压实责任", "强化督导", "畅通渠道", "补齐短板", "严格考核")


def talk(n: int) -> str:
    """An invented working-meeting speech, different for every ``n`` (number in title and body)."""
    county, task = _COUNTIES[n % 6], _TASKS[(n // 6) % 6]
    lines = [
        f"在{county}{task}调度会上的讲话（第{n}期）",
        "同志们：",
        f"　　这次调度会的主要任务是通报{task}进展情况，安排下一阶段工作，编号{n}。",
    ]
    for s, numeral in enumerate("一二三"):
        deed = _DEEDS[(n + s) % 6]
        lines.append(f"{numeral}、{deed}，把{task}各项要求落到实处")
        lines.append(f"　　{county}要坚持问题导向，{deed}，第{s + 1}项工作月底前见到成效。")
    lines.append("谢谢大家！")
    return "\n".join(lines) + "\n"


def settle(folder: Path, age: float = 60.0) -> None:
    """Date every file ``age`` seconds back, as a corpus that has sat on disk (past RACY_NS)."""
    when = time.time() - age
    for path in folder.rglob("*.txt"):
        os.utime(path, (when, when))


def counts(proc: subprocess.CompletedProcess[bytes]) -> str:
    """The 'N added, N replaced, N unchanged, N removed' part of an index run's summary line."""
    summary = proc.stderr.decode().splitlines()[-1]
    return summary.split("; ", 1)[1].split(" in ", 1)[0]


def assert_tokens_match(path: Path) -> None:
    """The token tables hold exactly the tokens of what is stored: nothing left, nothing missing.

    FTS5's integrity-check cannot see a contentless table's stale rows, so
    every (token, row, column) it holds is listed (``fts5vocab``) and
    compared with the tokens made again from the stored columns.
    """
    with sqlite3.connect(path) as conn:
        for table in ("chunks_pairs", "chunks_head"):
            conn.execute(f"INSERT INTO {table}({table}) VALUES ('integrity-check')")
            conn.execute(
                f"CREATE VIRTUAL TABLE temp.{table}_v USING fts5vocab(main, {table}, instance)"
            )
        held = {
            ("pairs", term, row, None)
            for term, row, _, _ in conn.execute("SELECT * FROM temp.chunks_pairs_v")
        } | {
            ("head", term, row, column)
            for term, row, column, _ in conn.execute("SELECT * FROM temp.chunks_head_v")
        }
        made: set[tuple[str, str, int, str | None]] = set()
        chunks = conn.execute(
            "SELECT rowid, coalesce(match_heading, heading), coalesce(match_path, path), "
            "coalesce(match_text, text) FROM chunks"
        )
        for row, heading, above, text in chunks:
            made.update(("pairs", t, row, None) for t in pairs(text).split())
            made.update(("head", t, row, "heading") for t in pairs(heading).split())
            made.update(("head", t, row, "path") for t in pairs(above).split())
        titles = conn.execute("SELECT doc, coalesce(match_title, title, '') FROM documents")
        for doc, title in titles:
            made.update(("head", t, -doc, "title") for t in pairs(title).split())
    assert held == made


def fts_ok(db: Path) -> int:
    """Check the database and that its token tables hold the stored chunks' tokens; how many chunks."""
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        chunks = conn.execute("SELECT count(*) FROM chunks").fetchone()[0]
    assert_tokens_match(db)
    return int(chunks)


@pytest.fixture
def hashes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files the index reads to hash them, in order (the real hash is still computed)."""
    seen: list[str] = []
    real = incremental._sha256

    def counting(path: str) -> str | None:
        seen.append(Path(path).name)
        return real(path)

    monkeypatch.setattr(incremental, "_sha256", counting)
    return seen


def test_unchanged_second_run_skips_every_file(
    corpus: Path, tmp_path: Path, hashes: list[str]
) -> None:
    """A second CLI run over an unchanged corpus parses nothing; in process it reads nothing."""
    settle(corpus)
    db = tmp_path / "i.sqlite"
    first = cli("index", corpus, "--db", db)
    assert first.stderr.decode().startswith("speechparse: 7 documents, ")
    assert counts(first) == "7 added, 0 replaced, 0 unchanged, 0 removed"
    chunks = fts_ok(db)
    second = cli("index", corpus, "--db", db)
    assert second.stderr.decode().startswith("speechparse: 0 documents, 0 chunks (0 errors); ")
    assert counts(second) == "0 added, 0 replaced, 7 unchanged, 0 removed"
    assert fts_ok(db) == chunks
    stats = index_paths([corpus], db, jobs=2)
    assert (stats.documents, stats.unchanged, stats.removed, hashes) == (0, 7, 0, [])
    assert search(db, "二十四小时值守")[0].heading_path[-1] == "（一）盯紧山塘水库"


def test_touched_file_with_the_same_bytes_is_skipped(
    corpus: Path, tmp_path: Path, hashes: list[str]
) -> None:
    """A new mtime makes the file hashed once; the same hash skips it and stores the new stat."""
    settle(corpus)
    db = tmp_path / "i.sqlite"
    index_paths([corpus], db)
    hashes.clear()
    flood = corpus / "flood.txt"
    os.utime(flood, (time.time() - 30, time.time() - 30))
    proc = cli("index", corpus, "--db", db)
    assert counts(proc) == "0 added, 0 replaced, 7 unchanged, 0 removed"
    stats = index_paths([corpus], db)
    assert (stats.unchanged, hashes) == (7, [])  # the new stat was stored: no hash this time
    with sqlite3.connect(db) as conn:
        stored = conn.execute(
            "SELECT mtime_ns FROM documents WHERE id = ?", (str(flood.resolve()),)
        ).fetchone()[0]
    assert stored == flood.stat().st_mtime_ns
    fts_ok(db)


def test_a_file_changed_just_now_is_hashed_next_time(tmp_path: Path, hashes: list[str]) -> None:
    """An mtime within RACY_NS of the run is not trusted: the next run hashes it, then skips it."""
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "fresh.txt").write_text(FLOOD, encoding="utf-8")
    db = tmp_path / "i.sqlite"
    index_paths([folder], db)
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT mtime_ns FROM documents").fetchone()[0] == -1
    hashes.clear()
    assert index_paths([folder], db).unchanged == 1
    assert hashes == ["fresh.txt"]


def test_edited_file_is_replaced(corpus: Path, tmp_path: Path) -> None:
    """Same size, new bytes: the file is parsed again; search finds the new text, not the old."""
    settle(corpus)
    db = tmp_path / "i.sqlite"
    cli("index", corpus, "--db", db)
    flood = corpus / "flood.txt"
    edited = FLOOD.replace("十二座小型水库", "十五座小型水库")
    assert len(edited.encode()) == len(FLOOD.encode())
    flood.write_text(edited, encoding="utf-8")
    settle(corpus, age=30)
    proc = cli("index", corpus, "--db", db)
    assert proc.stderr.decode().startswith("speechparse: 1 documents, ")
    assert counts(proc) == "0 added, 1 replaced, 6 unchanged, 0 removed"
    assert search(db, "十二座小型水库") == []
    assert [h.heading_path[-1] for h in search(db, "十五座小型水库")] == ["（一）盯紧山塘水库"]
    with Index(db) as index:
        assert index.count()[0] == 7
    fts_ok(db)


def test_other_chunk_options_reindex(corpus: Path, tmp_path: Path) -> None:
    """Chunks depend on --max-chars: an unchanged file indexed with other options is replaced."""
    settle(corpus)
    db = tmp_path / "i.sqlite"
    index_paths([corpus], db)
    stats = index_paths([corpus], db, RecordOptions(max_chars=60))
    assert (stats.replaced, stats.unchanged) == (7, 0)
    assert index_paths([corpus], db, RecordOptions(max_chars=60)).unchanged == 7


def test_deleted_file_is_removed_only_under_the_runs_paths(corpus: Path, tmp_path: Path) -> None:
    """A deleted file leaves the index when a run covers it; other roots' files stay."""
    settle(corpus)
    other = tmp_path / "docs2"  # shares the prefix "docs": must not count as under docs/
    other.mkdir()
    (other / "extra.txt").write_text(talk(99), encoding="utf-8")
    (other / "keep.txt").write_text(talk(97), encoding="utf-8")
    lone = tmp_path / "lone.txt"
    lone.write_text(talk(98), encoding="utf-8")
    db = tmp_path / "i.sqlite"
    cli("index", corpus, other, lone, "--db", db)
    (corpus / "flood.txt").unlink()
    (other / "extra.txt").unlink()
    lone.unlink()
    proc = cli("index", corpus, "--db", db)
    assert counts(proc) == "0 added, 0 replaced, 6 unchanged, 1 removed"
    assert search(db, "滑坡隐患") == []
    assert search(db, "第99期") != []  # docs2/ was not a PATH of this run: kept
    assert search(db, "第98期") != []
    with Index(db) as index:
        assert index.count()[0] == 9
    fts_ok(db)
    assert counts(cli("index", other, "--db", db)) == "0 added, 0 replaced, 1 unchanged, 1 removed"
    # A file PATH that is gone is an input error (exit 7) and is removed too.
    proc = cli("index", lone, "--db", db, check=False)
    assert proc.returncode == INPUT_FAILED
    assert counts(proc) == "0 added, 0 replaced, 0 unchanged, 1 removed"
    assert search(db, "第98期") == [] and search(db, "第99期") == []
    assert search(db, "第97期") != []
    with Index(db) as index:
        assert index.count()[0] == 7
    fts_ok(db)


def test_rebuild_starts_over(corpus: Path, tmp_path: Path) -> None:
    """--rebuild drops the index: every file is added again, nothing counts as unchanged."""
    settle(corpus)
    db = tmp_path / "i.sqlite"
    cli("index", corpus, "--db", db)
    (corpus / "flood.txt").unlink()
    proc = cli("index", corpus, "--db", db, "--rebuild")
    assert counts(proc) == "6 added, 0 replaced, 0 unchanged, 0 removed"
    assert search(db, "滑坡隐患") == []
    with Index(db) as index:
        assert index.count()[0] == 6
    fts_ok(db)


@pytest.mark.parametrize("version", [2, 4])
def test_an_older_schema_asks_for_a_rebuild(tmp_path: Path, version: int) -> None:
    """Schema 2 (no file state), 4 (title and headings with every chunk): one line naming --rebuild."""
    db = tmp_path / f"v{version}.sqlite"
    with sqlite3.connect(db) as conn:
        conn.execute(f"PRAGMA user_version = {version}")
    proc = cli("search", "水库", "--db", db, check=False)
    err = proc.stderr.decode()
    assert proc.returncode == IndexDatabaseError.exit_code and err.count("\n") == 1
    assert f"schema {version}, this one reads {SCHEMA_VERSION}" in err and "--rebuild" in err


CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus not present")
def test_index_of_the_real_corpus_is_at_most_two_and_a_half_times_its_input(
    tmp_path: Path,
) -> None:
    """Issue 13's bound, on the documents ``benchmarks/index_size.py`` measures (2.19×)."""
    files = sorted(p for p in CORPUS.rglob("*.txt") if "annotate" not in p.parts)
    size = sum(p.stat().st_size for p in files)
    db = tmp_path / "corpus.sqlite"
    index_paths(files, db)
    assert db.stat().st_size <= 2.5 * size
    assert search(db, "发展", limit=3)  # an index that answers, not an empty file


def test_second_run_over_an_unchanged_corpus_is_three_times_faster(tmp_path: Path) -> None:
    """60 small speeches: the run that only stats them takes at most a third of the first."""
    folder = tmp_path / "talks"
    for n in range(60):
        sub = folder / f"batch{n // 20}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"talk{n:02d}.txt").write_text(talk(n), encoding="utf-8")
    settle(folder)
    index_paths([folder / "batch0" / "talk00.txt"], tmp_path / "warm.sqlite")  # parser compiled
    db = tmp_path / "i.sqlite"
    started = time.perf_counter()
    first = index_paths([folder], db)
    first_seconds = time.perf_counter() - started
    started = time.perf_counter()
    second = index_paths([folder], db)
    second_seconds = time.perf_counter() - started
    assert (first.added, second.unchanged, second.documents) == (60, 60, 0)
    print(f"first {first_seconds:.3f} s, second {second_seconds:.3f} s")
    assert second_seconds <= first_seconds / 3


def test_removal_follows_a_root_given_through_a_link(corpus: Path, tmp_path: Path) -> None:
    """Indexed through a symbolic link, removed through the real folder: matched by resolved path."""
    settle(corpus)
    link = tmp_path / "link"
    link.symlink_to(corpus, target_is_directory=True)
    db = tmp_path / "i.sqlite"
    assert counts(cli("index", link, "--db", db)) == "7 added, 0 replaced, 0 unchanged, 0 removed"
    (corpus / "flood.txt").unlink()
    proc = cli("index", corpus, "--db", db)  # other ids (the real paths), the same files
    assert counts(proc) == "6 added, 0 replaced, 0 unchanged, 1 removed"
    assert search(db, "滑坡隐患") == []
    fts_ok(db)
