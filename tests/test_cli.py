"""The real ``speechparse`` command, run in a subprocess as a pipeline would run it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import speechparse
from speechparse.errors import (
    BinaryInputError,
    DecodeError,
    InputNotFoundError,
    NotAFileError,
    ReadError,
)

ROOT = Path(__file__).parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
EXAMPLE = ROOT / "examples" / "speech.txt"


def run(*args: str | Path, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    """Run ``python -m speechparse.apps.cli`` with ``args``; bytes in, bytes out."""
    return subprocess.run(
        [sys.executable, "-m", "speechparse.apps.cli", *map(str, args)],
        input=stdin,
        capture_output=True,
        timeout=60,
        check=False,
    )


def ok_json(*args: str | Path, stdin: bytes | None = None) -> Any:
    """Run a command that must succeed and print JSON."""
    proc = run(*args, stdin=stdin)
    assert proc.returncode == 0, proc.stderr.decode()
    assert proc.stderr == b""
    return json.loads(proc.stdout.decode("utf-8"))


def test_outline() -> None:
    """``outline FILE`` prints the outline contract."""
    data = ok_json("outline", EXAMPLE)
    assert data["title"] == "主题党日交流发言：以实干担当书写青春答卷"
    assert [s["marker"] for s in data["sections"]] == ["一、", "二、", "三、"]
    assert set(data["sections"][0]) >= {"level", "marker", "heading", "children"}


def test_outline_from_stdin() -> None:
    """``-`` reads standard input, any supported encoding."""
    text = (FIXTURES / "gb18030_bytes.txt").read_bytes()
    data = ok_json("outline", "-", stdin=text)
    assert data["title"] == "关于开展节约型机关创建活动的实施方案"
    assert data["encoding"] == "gb18030"


def test_parse_full_json() -> None:
    """``parse`` prints every node with its span and the source."""
    data = ok_json("parse", EXAMPLE)
    assert data["schema_name"] == "speechparse.document"
    assert data["source"] == EXAMPLE.read_bytes().decode("utf-8")
    section = data["sections"][0]
    start, end = section["marker_span"]
    assert data["source"][start:end] == "一、"


def test_parse_no_source() -> None:
    """``--no-source`` leaves the source text out."""
    data = ok_json("parse", "--no-source", EXAMPLE)
    assert "source" not in data
    assert data["sections"]


def test_json_output_is_byte_identical_to_the_whole_dump(tmp_path: Path) -> None:
    """``outline`` and ``parse`` write their JSON in pieces, with the bytes of one dump.

    A document larger than ``render.document_json.BIG`` takes the piecewise
    path for its source and its sections (the smaller fixtures are checked
    piece by piece in ``invariants.check_models``).
    """
    text = EXAMPLE.read_text(encoding="utf-8")
    big = tmp_path / "big.txt"
    big.write_text(text + "".join(f"{n}.第{n}条\n{text[-400:]}" for n in range(1, 200)), "utf-8")
    for path in (EXAMPLE, big):
        doc = speechparse.parse(path)
        outline = run("outline", path).stdout
        assert outline == (json.dumps(doc.outline(), ensure_ascii=False, indent=2) + "\n").encode()
        for extra in ((), ("--no-source",)):
            exclude = {"source"} if extra else None
            want = doc.model_dump_json(indent=2, exclude=exclude) + "\n"
            assert run("parse", *extra, path).stdout == want.encode()


@pytest.mark.parametrize(
    ("fmt", "expected_start"),
    [
        ("text", "主题党日交流发言：以实干担当书写青春答卷\n——在青禾县"),
        ("markdown", "# 主题党日交流发言：以实干担当书写青春答卷\n\n——在青禾县"),
    ],
)
def test_render(fmt: str, expected_start: str) -> None:
    """Clean text and Markdown leave noise and the trailer out."""
    proc = run("render", "--to", fmt, EXAMPLE)
    assert proc.returncode == 0
    out = proc.stdout.decode("utf-8")
    assert out.startswith(expected_start)
    assert "##paid" not in out
    assert "客服" not in out


def test_render_default_is_text() -> None:
    """Without --to the clean text is printed."""
    assert run("render", EXAMPLE).stdout == run("render", "--to", "text", EXAMPLE).stdout


@pytest.mark.parametrize("name", ["crlf_fullwidth_indent", "cr_only_line_endings", "utf16_le_bom"])
def test_render_source_is_byte_exact(name: str) -> None:
    """``render --to source`` gives back the decoded input, CRLF and CR intact, as UTF-8."""
    path = FIXTURES / f"{name}.txt"
    proc = run("render", "--to", "source", path)
    assert proc.returncode == 0
    expected = path.read_bytes()
    if name == "utf16_le_bom":
        expected = expected[2:].decode("utf-16-le").encode("utf-8")
    assert proc.stdout == expected


def test_render_source_from_stdin_crlf() -> None:
    """The CRLF fixture round-trips through a pipe too."""
    data = (FIXTURES / "crlf_fullwidth_indent.txt").read_bytes()
    assert run("render", "--to", "source", "-", stdin=data).stdout == data


def test_schema() -> None:
    """``schema`` prints the JSON Schema of the document JSON."""
    schema = ok_json("schema")
    assert schema["title"] == "Document"
    assert {"title", "sections", "source", "noise"} <= set(schema["properties"])


def test_version_and_help() -> None:
    """--version and --help work and exit 0."""
    version = run("--version")
    assert version.returncode == 0
    assert b"0." in version.stdout
    assert run("--help").returncode == 0


def test_empty_file_is_a_valid_document(tmp_path: Path) -> None:
    """An empty file is not an error: title null, no sections."""
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    data = ok_json("outline", empty)
    assert data["title"] is None
    assert data["sections"] == []
    assert ok_json("outline", "-", stdin=b"")["title"] is None


def _bad_inputs(tmp: Path) -> dict[str, tuple[list[str | Path], bytes | None, int]]:
    """Name → (arguments, stdin, expected exit code)."""
    nul = tmp / "binary.txt"
    nul.write_bytes("讲话稿".encode() + b"\x00\x01\x02")
    invalid = tmp / "invalid.txt"
    invalid.write_bytes(b"\x80\x80\xff\xfe\xfd")
    return {
        "missing": (["outline", tmp / "missing.txt"], None, InputNotFoundError.exit_code),
        "directory": (["outline", tmp], None, NotAFileError.exit_code),
        "binary": (["outline", nul], None, BinaryInputError.exit_code),
        "invalid-bytes": (["render", invalid], None, DecodeError.exit_code),
        "binary-stdin": (["parse", "-"], b"\x00\x00abc", BinaryInputError.exit_code),
        "invalid-stdin": (["outline", "-"], b"\xff\xfe\x00\xd8", DecodeError.exit_code),
    }


@pytest.mark.parametrize(
    "case", ["missing", "directory", "binary", "invalid-bytes", "binary-stdin", "invalid-stdin"]
)
def test_bad_input(case: str, tmp_path: Path) -> None:
    """Bad input: documented non-zero exit code and exactly one stderr line, no traceback."""
    args, stdin, code = _bad_inputs(tmp_path)[case]
    proc = run(*args, stdin=stdin)
    assert code != 0
    assert proc.returncode == code
    assert proc.stdout == b""
    err = proc.stderr.decode("utf-8")
    assert "Traceback" not in err
    assert err.endswith("\n")
    assert err.count("\n") == 1, err
    assert err.startswith("speechparse: ")


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root can read any file"
)
def test_unreadable_file(tmp_path: Path) -> None:
    """A file without read permission: ReadError's exit code and one line."""
    locked = tmp_path / "locked.txt"
    locked.write_text("在全县大会上的讲话\n", encoding="utf-8")
    locked.chmod(0)
    try:
        proc = run("outline", locked)
    finally:
        locked.chmod(0o600)
    assert proc.returncode == ReadError.exit_code
    err = proc.stderr.decode("utf-8")
    assert "Traceback" not in err
    assert err.count("\n") == 1


def test_console_script_is_installed() -> None:
    """The ``speechparse`` entry point next to this interpreter runs the same CLI."""
    script = Path(sys.executable).parent / "speechparse"
    if not script.exists():
        pytest.skip("no speechparse script next to the interpreter")
    proc = subprocess.run(
        [script, "outline", EXAMPLE], capture_output=True, timeout=60, check=False
    )
    assert proc.returncode == 0
    assert json.loads(proc.stdout)["title"] == "主题党日交流发言：以实干担当书写青春答卷"
