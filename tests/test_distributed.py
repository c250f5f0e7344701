"""The Dask path on a real LocalCluster with two worker processes gives batch's exact output."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from speechparse.apps.batch import RecordOptions, run_batch, text_key
from speechparse.apps.columns import Rows
from test_batch import records, speech, write_corpus

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    """One cluster for the module: starting worker processes is the slow part."""
    with (
        distributed.LocalCluster(
            n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as dask_client,
    ):
        yield dask_client


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Documents in nested folders, a bad file and a JSONL file with a bad line."""
    folder = tmp_path_factory.mktemp("dask") / "corpus"
    write_corpus(folder, 23, per_dir=5)
    (folder / "part001" / "doc00005b.txt").write_bytes(b"\x80\x80\xff")
    (folder / "part002" / "feed.jsonl").write_text(
        json.dumps({"id": "f1", "text": speech(40)}, ensure_ascii=False) + "\n{broken\n",
        encoding="utf-8",
    )
    return folder


def test_dask_output_equals_batch(client: Any, corpus: Path, tmp_path: Path) -> None:
    """inputs_bag + parse_bag on two worker processes = `speechparse batch`, byte for byte."""
    from speechparse.apps.distributed import inputs_bag, parse_bag, write_jsonl

    assert len(client.scheduler_info()["workers"]) == 2
    pids = set(client.run(lambda: __import__("os").getpid()).values())
    assert len(pids) == 2  # real processes, not threads
    expected = tmp_path / "batch.jsonl"
    run_batch([corpus], expected, RecordOptions(format="chunks"), glob="*[tl]")
    bag = parse_bag(inputs_bag([corpus], glob="*[tl]", partition_size=4), "chunks", as_json=True)
    assert bag.npartitions > 2
    got = tmp_path / "dask.jsonl"
    assert write_jsonl(bag, got, window=3) == 26
    assert got.read_bytes() == expected.read_bytes()
    dicts = parse_bag(inputs_bag([corpus], glob="*[tl]"), "chunks").compute()
    assert dicts == records(expected)
    kinds = [r.get("error_type") for r in records(expected)]
    assert kinds.count("DecodeError") == 1 and kinds.count("JSONLError") == 1


def _documented_to_textfiles() -> str:
    """The ``to_textfiles`` call of docs/batch.md's cluster recipe, as written there."""
    text = (Path(__file__).parents[1] / "docs" / "batch.md").read_text(encoding="utf-8")
    start = text.index("lines.to_textfiles(")
    return text[start : text.index("\n```", start)]


@pytest.mark.usefixtures("client")
def test_to_textfiles_recipe_gives_the_batch_file(corpus: Path, tmp_path: Path) -> None:
    """docs/batch.md's ``to_textfiles`` recipe: files that concatenated in name order are
    ``batch``'s output (Dask's defaults join two records on one line and sort
    ``10.jsonl`` before ``2.jsonl``)."""
    from speechparse.apps.distributed import inputs_bag, parse_bag

    expected = tmp_path / "batch.jsonl"
    run_batch([corpus], expected, RecordOptions(format="chunks"), glob="*[tl]")
    lines = parse_bag(inputs_bag([corpus], glob="*[tl]", partition_size=2), "chunks", as_json=True)
    assert lines.npartitions > 10  # enough partitions for names to sort wrongly
    out = tmp_path / "out"
    call = _documented_to_textfiles().replace("/shared/out/", f"{out}/")
    eval(call, {"lines": lines})  # the documented recipe, run as written
    parts = sorted(out.glob("part-*.jsonl"))
    assert b"".join(p.read_bytes() for p in parts) == expected.read_bytes()
    plain = tmp_path / "plain"
    lines.to_textfiles(f"{plain}/part-*.jsonl")  # Dask's defaults: the recipe's reason
    joined = b"".join(p.read_bytes() for p in sorted(plain.glob("part-*.jsonl")))
    assert joined != expected.read_bytes()


@pytest.mark.usefixtures("client")
def test_texts_records_and_options() -> None:
    """Bags of texts and of records; options such as max_chars reach the workers."""
    import dask.bag as db

    from speechparse.apps.distributed import parse_bag

    texts = [speech(1), speech(2)]
    out = parse_bag(db.from_sequence(texts, npartitions=2), "chunks", kind="texts", max_chars=80)
    got = out.compute()
    assert [r["input"] for r in got] == [text_key(t) for t in texts]
    assert all(c["char_count"] <= 80 for r in got for c in r["chunks"])
    rows = [{"doc": 5, "body": speech(5)}, {"doc": "x"}, '{"doc": "y", "body": "讲话"}']
    out = parse_bag(
        db.from_sequence(rows), kind="records", text_field="body", id_field="doc"
    ).compute()
    assert [(r["input"], r.get("error_type")) for r in out] == [
        ("5", None),
        ("x", "JSONLError"),
        ("y", None),
    ]
    odd = parse_bag(db.from_sequence([42]), kind="texts").compute()
    assert odd[0]["error_type"] == "TypeError"
    with pytest.raises(ValueError, match="kind must be"):
        parse_bag(db.from_sequence(texts), kind="blobs")  # type: ignore[arg-type]


@pytest.mark.usefixtures("client")
def test_dataframe() -> None:
    """A dataframe with id and text columns, row order kept."""
    pd = pytest.importorskip("pandas")
    dd = pytest.importorskip("dask.dataframe")
    from speechparse.apps.distributed import parse_dataframe

    frame = pd.DataFrame({"id": ["a", "b", "c"], "text": [speech(7), speech(8), speech(9)]})
    out = parse_dataframe(dd.from_pandas(frame, npartitions=2), "outline").compute()
    assert [r["input"] for r in out] == ["a", "b", "c"]
    assert out[2]["outline"]["title"] == speech(9).splitlines()[0]


def test_core_package_does_not_import_dask() -> None:
    """`import speechparse` (and the CLI) work without the extra: Dask loads only on use."""
    code = (
        "import sys, speechparse, speechparse.apps.cli, speechparse.apps.distributed; "
        "assert 'dask' not in sys.modules and 'distributed' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


@pytest.mark.parametrize("rows", ["documents", "chunks"])
@pytest.mark.usefixtures("client")
def test_dask_table_equals_to_dataframe(corpus: Path, rows: Rows) -> None:
    """parse_table on two worker processes: the columns, types and rows of to_dataframe."""
    pytest.importorskip("pyarrow")
    import speechparse
    from speechparse.apps.distributed import inputs_bag, parse_table

    bag = inputs_bag([corpus], glob="*[tl]", partition_size=4)
    table = parse_table(bag, rows, max_chars=60)
    assert table.npartitions > 2
    got = table.compute().reset_index(drop=True)
    expected = speechparse.to_dataframe(
        [corpus],
        rows=rows,
        options=RecordOptions(max_chars=60),
        glob="*[tl]",
    )
    assert got.dtypes.equals(expected.dtypes)
    assert got.equals(expected)
