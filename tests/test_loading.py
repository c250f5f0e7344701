"""Every JSON the CLI writes loads back into its model, and dumps to the same data again.

Run over the fixtures in process (the renderers are the CLI's) and once
through the real command for each kind of output.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import speechparse
from speechparse import Document
from speechparse.apps.index import Hit
from speechparse.apps.records import (
    ChunksRecord,
    DocumentRecord,
    ErrorRecord,
    MarkdownRecord,
    OutlineRecord,
    SourceRecord,
    TextRecord,
    load_record,
)
from speechparse.model.explain import Explanation
from speechparse.model.nosource import DocumentNoSource
from speechparse.model.outline import Outline
from speechparse.views.chunks import Chunk, EmbeddedChunk
from speechparse.views.tree import OutlineTreeRenderer

ROOT = Path(__file__).parents[1]
FIXTURES = sorted((ROOT / "tests" / "fixtures").glob("*.txt"))
SHORT = ROOT / "examples" / "short.txt"
SPEECH = ROOT / "examples" / "speech.txt"


def cli(*args: str | Path) -> bytes:
    """Standard output of a command that must succeed."""
    proc = subprocess.run(
        [sys.executable, "-m", "speechparse.apps.cli", *map(str, args)],
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode in (0, 7), proc.stderr
    return proc.stdout


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_outline_and_no_source_load_back(path: Path) -> None:
    """Outline JSON ↔ :class:`Outline`; ``--no-source`` JSON ↔ :class:`DocumentNoSource`."""
    doc = speechparse.parse(path)
    data = doc.outline()
    outline = Outline.model_validate_json(json.dumps(data, ensure_ascii=False))
    assert outline.model_dump(mode="json") == data
    dumped = doc.model_dump_json(exclude={"source"})
    bare = DocumentNoSource.model_validate_json(dumped)
    assert bare.model_dump_json() == dumped
    assert bare.with_source(doc.source) == doc
    assert Document.model_validate_json(doc.model_dump_json()) == doc


def test_no_source_model_mirrors_document() -> None:
    """Same fields as Document but ``source``: same order, types and defaults."""
    full = {k: (f.annotation, f.default) for k, f in Document.model_fields.items()}
    del full["source"]
    bare = {k: (f.annotation, f.default) for k, f in DocumentNoSource.model_fields.items()}
    assert list(bare.items()) == list(full.items())


def test_with_source_refuses_a_text_too_short() -> None:
    """Spans past the end of the text given cannot belong to it."""
    doc = speechparse.parse(SPEECH)
    bare = DocumentNoSource.model_validate_json(doc.model_dump_json(exclude={"source"}))
    with pytest.raises(ValueError, match="not the text this document was parsed from"):
        bare.with_source("短")


def test_cli_outputs_load_back(tmp_path: Path) -> None:
    """What each command prints loads into its model through the real command."""
    outline = Outline.model_validate_json(cli("outline", SPEECH))
    assert outline.title == "主题党日交流发言：以实干担当书写青春答卷"
    doc = Document.model_validate_json(cli("parse", SPEECH))
    assert doc == speechparse.parse(SPEECH)
    bare = DocumentNoSource.model_validate_json(cli("parse", "--no-source", SPEECH))
    assert bare.with_source(doc.source) == doc
    chunks = [Chunk.model_validate_json(line) for line in cli("chunks", SPEECH).splitlines()]
    assert chunks == doc.chunks()
    embedded = cli("chunks", "--embed-text", SPEECH).splitlines()
    loaded = [EmbeddedChunk.model_validate_json(line) for line in embedded]
    assert [c.embed_text for c in loaded] == [c.contextualize() for c in chunks]
    explained = Explanation.model_validate_json(cli("explain", "--json", SPEECH))
    assert explained == speechparse.explain(SPEECH)
    db = tmp_path / "i.sqlite"
    cli("index", SPEECH, "--db", db)
    found = cli("search", "基层", "--db", db, "--json").splitlines()
    hits = [Hit.model_validate_json(line) for line in found]
    assert hits and hits[0].title == outline.title


RECORD_CASES: list[tuple[list[str], type[Any]]] = [
    (["outline"], OutlineRecord),
    (["parse"], DocumentRecord),
    (["parse", "--no-source"], DocumentRecord),
    (["chunks"], ChunksRecord),
    (["chunks", "--embed-text"], ChunksRecord),
    (["render", "--to", "text"], TextRecord),
    (["render", "--to", "markdown"], MarkdownRecord),
    (["render", "--to", "source"], SourceRecord),
]


@pytest.mark.parametrize(
    ("args", "cls"), RECORD_CASES, ids=["-".join(args) for args, _ in RECORD_CASES]
)
def test_records_load_back(args: list[str], cls: type[Any], tmp_path: Path) -> None:
    """Each line of several FILEs (batch's records) loads into its record model."""
    missing = tmp_path / "missing.txt"
    out = cli(*args, SHORT, missing).splitlines()
    good, bad = load_record(out[0]), load_record(out[1])
    assert type(good) is cls
    assert isinstance(bad, ErrorRecord)
    assert bad.error_type == "InputNotFoundError"
    assert good.model_dump(mode="json") == json.loads(out[0])
    if isinstance(good, DocumentRecord):
        want = DocumentNoSource if "--no-source" in args else Document
        assert type(good.document) is want
    if isinstance(good, ChunksRecord) and "--embed-text" in args:
        assert all(isinstance(c, EmbeddedChunk) for c in good.chunks)


def test_load_record_refuses_other_json() -> None:
    """A line that is no record is a ValueError, not a silent default."""
    with pytest.raises(ValueError, match="not a speechparse record"):
        load_record('{"input": "a", "id": "b"}')
    with pytest.raises(ValueError, match="a record is a JSON object"):
        load_record("[1]")


def test_tree_renderer_draws_what_the_outline_says() -> None:
    """Untitled documents, preamble, trailer, noise and diagnostics each get their line."""
    doc = speechparse.parse_text(
        "同志们：\n大家好。\n一、抓落实\n正文。\n三、见成效\n正文。\n以上发言不妥之处，敬请批评指正。\n"
    )
    tree = OutlineTreeRenderer().render(Outline.model_validate(doc.outline()))
    first, *rest = tree.splitlines()
    assert first == "(no title)" if doc.title is None else doc.title.text
    assert "├── 一、抓落实  ¶1" in rest
    assert "└── 三、见成效  ¶1" in rest
    assert any(line.startswith("! numbering-") for line in rest)
    assert any(line.startswith("trailer: closing") for line in rest)
