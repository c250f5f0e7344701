"""``speechparse index`` / ``search``: SQLite FTS5 (trigram) over chunks (the query language: test_search.py).

Phrases are found with their document's title and heading path; indexing a
document again replaces it; queries shorter than a trigram still match.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from speechparse.batch import RecordOptions
from speechparse.cli import INPUT_FAILED
from speechparse.errors import InputNotFoundError, SpeechParseError
from speechparse.index import Index, IndexDatabaseError, QuerySyntaxError, index_paths, search
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
    # The FTS table holds no stale rows: its row count equals the chunk table's.
    with sqlite3.connect(db) as conn:
        fts = conn.execute("SELECT count(*) FROM chunks_fts").fetchone()[0]
        assert fts == before[1]
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.execute("INSERT INTO chunks_fts(chunks_fts) VALUES ('integrity-check')")


def test_short_queries_fall_back_to_like(corpus: Path, tmp_path: Path) -> None:
    """Two- and one-character terms, which trigram cannot match, still find their chunks."""
    db = tmp_path / "i.sqlite"
    index_paths([corpus], db)
    hits = search(db, "滑坡")
    assert [h.heading_path[-1] for h in hits] == ["（二）盯紧地质灾害点"]
    assert "«滑坡»" in hits[0].snippet
    assert hits[0].score is None
    assert {h.title for h in search(db, "坡", limit=50)} == {"防汛工作会议讲话稿"}
    # A short term narrows a trigram query; a heading matches too.
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
    assert search(db, "%_%") == []  # LIKE wildcards are escaped
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
    index_paths([data], db)
    assert search(db, "警示标牌") == []
    assert search(db, "提示标志")[0].doc_id == "n-1"
    with Index(db) as index:
        assert index.count()[0] == 2


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
