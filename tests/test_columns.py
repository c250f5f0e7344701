"""Columnar output: rows per document and per chunk, Parquet files, DataFrames.

The same inputs give the same rows on every path (batch's Parquet file with
one or two workers, ``to_dataframe``, and the Dask table in
test_distributed.py), and the rows say what batch's JSON records say.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import speechparse
from speechparse.apps import batch
from speechparse.apps.batch import RecordOptions, render_record, run_batch, workers
from speechparse.apps.columns import (
    CHUNK_COLUMNS,
    DOCUMENT_COLUMNS,
    arrow_schema,
    chunk_rows,
    document_row,
    frame,
)
from speechparse.views.chunks import iter_chunks
from test_batch import cli, records, write_corpus

pq = pytest.importorskip("pyarrow.parquet")
pd = pytest.importorskip("pandas")

from speechparse.apps.parquet import write_parquet  # noqa: E402 - after the extra is known present

SPEECH = "\n".join(
    [
        "心得体会：在松岭镇读书班上的交流发言",
        "——青年干部学习小组",
        "同志们：",
        "一、读原著，悟原理",
        "每天读一章，边读边记，一是读，二是记。",
        "（一）定好计划",
        "计划到周，责任到人。",
        "二、见行动，求实效",
        "把学到的用到工作中去。",
        "以上发言不妥之处，请批评指正。",
    ]
)


@pytest.fixture
def corpus(tmp_path: Path) -> list[Path]:
    """Seven invented speeches in nested folders with an undecodable file; a JSONL feed."""
    folder = tmp_path / "corpus"
    write_corpus(folder, 7, per_dir=3)
    (folder / "part001" / "doc00003b.txt").write_bytes(b"\x80\x80\xff")
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        json.dumps({"id": "f1", "text": SPEECH}, ensure_ascii=False) + "\n{broken\n",
        encoding="utf-8",
    )
    return [folder, feed]


def test_a_document_row_says_what_the_document_and_its_outline_record_say() -> None:
    doc = speechparse.parse_text(SPEECH)
    row = document_row(doc, "mine.txt")
    assert list(row) == [c.name for c in DOCUMENT_COLUMNS]
    assert row["title"] == "心得体会：在松岭镇读书班上的交流发言"
    assert (row["genre"], row["main_title"]) == ("心得体会", "在松岭镇读书班上的交流发言")
    assert row["subtitle"] == "青年干部学习小组"
    assert row["headings"] == ["一、读原著，悟原理", "（一）定好计划", "二、见行动，求实效"]
    assert row["heading_levels"] == [1, 2, 1]
    assert row["text"] == doc.to_text()
    assert row["chars"] == len(doc.source)
    record = json.loads(render_record(batch.Item(key="mine.txt", text=SPEECH)))
    assert json.loads(row["outline"]) == record["outline"]
    assert row["id"] == record["id"]


def test_chunk_rows_are_the_chunks_with_their_document() -> None:
    doc = speechparse.parse_text(SPEECH)
    rows = chunk_rows(doc, "mine.txt", max_chars=30)
    chunks = list(iter_chunks(doc, max_chars=30))
    assert len(rows) == len(chunks) > 1
    for row, chunk in zip(rows, chunks, strict=True):
        assert list(row) == [c.name for c in CHUNK_COLUMNS]
        assert (row["id"], row["text"], row["ordinal"]) == (chunk.id, chunk.text, chunk.ordinal)
        assert row["heading_path"] == list(chunk.heading_path)
        assert row["embed_text"] == chunk.contextualize()
        assert row["spans"] == [list(s) for s in chunk.spans]
        assert row["title"] == doc.title.text if doc.title else None


def test_a_document_without_chunks_still_has_its_row() -> None:
    rows = chunk_rows(speechparse.parse_text(""), "empty.txt")
    assert len(rows) == 1
    assert rows[0]["input"] == "empty.txt" and rows[0]["id"] is None


@pytest.mark.parametrize("rows", ["documents", "chunks"])
def test_parquet_holds_a_row_per_input_in_batch_order_and_equals_the_dataframe(
    corpus: list[Path], tmp_path: Path, rows: str
) -> None:
    out = tmp_path / "t.parquet"
    stats = write_parquet(corpus, out, rows=rows)  # type: ignore[arg-type]
    jsonl = tmp_path / "t.jsonl"
    run_batch(corpus, jsonl)
    expected = records(jsonl)
    assert (stats.records, stats.errors) == (len(expected), 2)
    table = pq.read_table(out)
    assert table.schema.equals(arrow_schema(rows), check_metadata=True)  # type: ignore[arg-type]
    got = frame(table)
    inputs = list(dict.fromkeys(got["input"]))
    assert inputs == [r["input"] for r in expected]
    failed = got[got["error_type"].notna()]
    assert sorted(failed["error_type"]) == ["DecodeError", "JSONLError"]
    assert failed["error"].tolist() == [r["error"] for r in expected if "error" in r]
    ids = got.drop_duplicates("input")["doc_id" if rows == "chunks" else "id"]
    assert [None if pd.isna(i) else i for i in ids] == [r.get("id") for r in expected]
    assert got.equals(speechparse.to_dataframe(corpus, rows=rows))  # type: ignore[arg-type]


def test_two_workers_and_small_row_groups_write_the_same_table(
    corpus: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(workers, "TASK_ITEMS", 2)  # many tasks: the in-flight window turns over
    one, two = tmp_path / "one.parquet", tmp_path / "two.parquet"
    write_parquet(corpus, one, rows="chunks")
    write_parquet(corpus, two, rows="chunks", jobs=2, row_group_chars=500)
    assert pq.ParquetFile(two).num_row_groups > 1
    assert pq.read_table(two).equals(pq.read_table(one))


def test_options_reach_the_rows(corpus: list[Path]) -> None:
    small = speechparse.to_dataframe(corpus, rows="chunks", options=RecordOptions(max_chars=20))
    large = speechparse.to_dataframe(corpus, rows="chunks")
    assert len(small) > len(large)
    assert small["char_count"].max() <= 20


def test_an_empty_input_list_writes_an_empty_table_with_the_schema(tmp_path: Path) -> None:
    out = tmp_path / "empty.parquet"
    assert write_parquet([], out).records == 0
    assert pq.read_table(out).schema.names == [c.name for c in DOCUMENT_COLUMNS]


def test_batch_format_parquet_on_the_command_line(corpus: list[Path], tmp_path: Path) -> None:
    out = tmp_path / "cli.parquet"
    proc = cli("batch", *corpus, "-o", out, "--format", "parquet", "--rows", "chunks", check=False)
    assert proc.returncode == 7  # two inputs failed: their rows are in the table
    assert b"2 errors" in proc.stderr
    assert pq.read_table(out).equals(pq.read_table(_written(corpus, tmp_path, "chunks")))
    assert not (tmp_path / "cli.parquet.partial").exists()


def _written(corpus: list[Path], tmp_path: Path, rows: str) -> Path:
    out = tmp_path / f"api-{rows}.parquet"
    write_parquet(corpus, out, rows=rows)  # type: ignore[arg-type]
    return out


@pytest.mark.parametrize(
    ("extra", "says"),
    [
        (["-o", "-"], "not standard output"),
        (["--resume"], "cannot be continued"),
        (["--no-source"], "no effect"),
        (["--embed-text"], "no effect"),
    ],
)
def test_what_a_parquet_table_cannot_do_is_refused(
    corpus: list[Path], tmp_path: Path, extra: list[str], says: str
) -> None:
    out = ["-o", str(tmp_path / "x.parquet")] if "-o" not in extra else []
    proc = cli("batch", *corpus, *out, "--format", "parquet", *extra, check=False)
    assert proc.returncode == 2
    assert says in proc.stderr.decode()
    assert not list(tmp_path.glob("x.parquet*"))


def test_rows_without_parquet_is_refused(corpus: list[Path], tmp_path: Path) -> None:
    proc = cli("batch", *corpus, "-o", tmp_path / "x.jsonl", "--rows", "chunks", check=False)
    assert proc.returncode == 2
    assert "only with --format parquet" in proc.stderr.decode()


def test_without_pyarrow_the_error_names_the_extra(corpus: list[Path], tmp_path: Path) -> None:
    """One line and exit 8 (MissingExtraError), as for a reader's missing extra."""
    code = (
        "import sys; sys.modules['pyarrow'] = None; sys.modules['pyarrow.parquet'] = None\n"
        "from speechparse.apps.cli import main\n"
        f"main(['batch', {str(corpus[0])!r}, '-o', {str(tmp_path / 'x.parquet')!r},"
        " '--format', 'parquet'])\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, check=False)
    assert proc.returncode == 8
    assert proc.stderr.decode().strip().splitlines() == [
        "speechparse: columnar output needs pyarrow: pip install 'speechparse[parquet]'"
    ]
    assert not list(tmp_path.glob("x.parquet*"))
