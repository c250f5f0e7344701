"""``parse_many`` and the input listings the CLI's many-FILE mode shares with ``batch``."""

from __future__ import annotations

import io
import json
import pickle
from pathlib import Path

import pytest

import speechparse
from speechparse import Document, ParseFailure, parse_many
from speechparse.apps.batch import (
    FORMATS,
    Item,
    RecordOptions,
    file_items,
    iter_documents,
    listed_items,
    render_line,
    run_batch,
    write_records,
)
from speechparse.apps.resume import run_path
from speechparse.errors import InputNotFoundError, SpeechParseError

ROOT = Path(__file__).parents[1]
SHORT = ROOT / "examples" / "short.txt"
SPEECH = ROOT / "examples" / "speech.txt"


def inputs(tmp_path: Path) -> list[Path]:
    """Two good files around a missing one and a folder: every kind of result."""
    folder = tmp_path / "folder"
    folder.mkdir()
    return [SHORT, tmp_path / "missing.txt", SPEECH, folder]


@pytest.mark.parametrize("jobs", [1, 2])
def test_parse_many_keeps_order_and_gives_errors_as_values(tmp_path: Path, jobs: int) -> None:
    """One result per path, in order, whatever ``jobs`` is; failures carry path and error."""
    paths = inputs(tmp_path)
    got = list(parse_many(paths, jobs=jobs))
    assert [type(g) for g in got] == [Document, ParseFailure, Document, ParseFailure]
    assert got[0] == speechparse.parse(SHORT)
    assert got[2] == speechparse.parse(SPEECH)
    missing, folder = got[1], got[3]
    assert isinstance(missing, ParseFailure)
    assert isinstance(folder, ParseFailure)
    assert missing.path == str(paths[1])
    assert isinstance(missing.error, InputNotFoundError)
    assert isinstance(missing.error, FileNotFoundError)
    assert str(missing.error) == f"{paths[1]}: no such file"
    assert isinstance(folder.error, IsADirectoryError)


def test_parse_many_is_lazy_and_takes_options(tmp_path: Path) -> None:
    """Paths are read as they are needed, and the parse_file options apply."""
    masked = tmp_path / "m.txt"
    masked.write_text("学习心得\n一、加强D的建设。要求。\n", encoding="utf-8")

    def paths() -> object:
        yield masked
        raise AssertionError("read too far")

    it = parse_many(paths(), unmask=True)  # type: ignore[arg-type]
    doc = next(it)
    assert isinstance(doc, Document)
    assert doc.unmasked
    big = list(parse_many([SPEECH], max_bytes=10))
    assert isinstance(big[0], ParseFailure)
    assert big[0].error.exit_code == 5


def test_parse_failure_pickles() -> None:
    """A failure travels between processes like the error inside it."""
    failure = ParseFailure("a.txt", InputNotFoundError("no such file", name="a.txt"))
    back = pickle.loads(pickle.dumps(failure))
    assert back.path == "a.txt"
    assert type(back.error) is InputNotFoundError
    assert str(back.error) == "a.txt: no such file"


def test_a_bug_on_one_input_is_a_value(monkeypatch: pytest.MonkeyPatch) -> None:
    """An unexpected exception becomes a SpeechParseError naming the input and its type."""

    def broken(*_args: object, **_kwargs: object) -> Document:
        raise RuntimeError("boom")

    monkeypatch.setattr("speechparse.apps.batch.load.parse_file", broken)
    ((item, value),) = list(iter_documents([Item(key="x.txt", path="x.txt")]))
    assert item.key == "x.txt"
    assert isinstance(value, SpeechParseError)
    assert str(value) == "x.txt: RuntimeError: boom"


def test_file_items_expand_nothing(tmp_path: Path) -> None:
    """A FILE is one input whatever it is: a .jsonl file and a folder are not expanded."""
    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"text": "标题"}\n{"text": "标题二"}\n', encoding="utf-8")
    got = list(file_items([feed, str(tmp_path)]))
    assert got == [Item(key=str(feed), path=str(feed)), Item(key=str(tmp_path), path=str(tmp_path))]


def test_listed_items_read_paths_and_records() -> None:
    """``--files-from``: a path a line, a line starting with ``{`` a JSONL record."""
    listing = io.BytesIO(
        b'a b.txt\r\n\n  {"text": "\xe6\xa0\x87\xe9\xa2\x98", "id": 7}\n./{x}.txt\n\xff.txt\n'
    )
    got = list(listed_items(listing, "<stdin>"))
    assert [i.key for i in got] == ["a b.txt", "<stdin>:3", "./{x}.txt", "\udcff.txt"]
    assert got[0].path == "a b.txt"
    assert got[1].line is not None and got[1].path is None
    record = json.loads(render_line(got[1], RecordOptions())[0])
    assert record["input"] == "<stdin>:3"
    assert record["id"] == "7"
    assert record["outline"]["schema_name"] == "speechparse.outline"


def test_listed_record_over_the_limit_is_an_error_item() -> None:
    """An overlong listed line is an error item, never held whole."""
    listing = io.BytesIO(b'{"text": "' + b"x" * 100 + b'"}\nshort.txt\n')
    got = list(listed_items(listing, "list", max_bytes=50))
    assert got[0].error is not None and got[0].error[0] == "InputTooLargeError"
    assert got[1].path == "short.txt"


@pytest.mark.parametrize("fmt", ["text", "markdown", "source"])
def test_rendering_formats_are_json_strings(fmt: str) -> None:
    """``render`` of several files: each document's rendering as one JSON string."""
    out = io.BytesIO()
    stats = write_records(file_items([SHORT]), out, RecordOptions(format=fmt))  # type: ignore[arg-type]
    assert (stats.records, stats.errors) == (1, 0)
    record = json.loads(out.getvalue())
    doc = speechparse.parse(SHORT)
    expected = {"text": doc.to_text, "markdown": doc.to_markdown, "source": doc.to_source}[fmt]()
    assert record == {"input": str(SHORT), "id": record["id"], fmt: expected}
    assert fmt in FORMATS


def test_chunk_options_reach_records() -> None:
    """min_chars, merge_siblings and keep_empty give the chunks ``Document.chunks`` gives."""
    options = RecordOptions(format="chunks", keep_empty=False, min_chars=5, merge_siblings=True)
    record = json.loads(render_line(Item(key=str(SPEECH), path=str(SPEECH)), options)[0])
    doc = speechparse.parse(SPEECH)
    chunks = doc.chunks(keep_empty=False, min_chars=5, merge_siblings=True, doc_id=record["id"])
    assert record["chunks"] == [c.model_dump(mode="json") for c in chunks]


def test_resume_accepts_a_run_record_from_before_the_chunk_options(tmp_path: Path) -> None:
    """A run recorded without min_chars/merge_siblings/keep_empty had their defaults."""
    out = tmp_path / "out.jsonl"
    run_batch([SHORT, SPEECH], out, RecordOptions(format="chunks"))
    sidecar = run_path(out)
    info = json.loads(sidecar.read_text(encoding="utf-8"))
    for key in ("min_chars", "merge_siblings", "keep_empty"):
        del info["options"][key]
    sidecar.write_text(json.dumps(info), encoding="utf-8")
    stats = run_batch([SHORT, SPEECH], out, RecordOptions(format="chunks"), resume=True)
    assert stats.skipped == 2
