"""``speechparse explain``: output, ``--json``, standard input, errors and exit codes.

Most cases run in-process with click's runner (fast); one runs the real
command in a subprocess, as a pipeline would.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from explain_checks import FLOOD
from speechparse.apps import cli
from speechparse.errors import (
    BinaryInputError,
    DecodeError,
    InputNotFoundError,
    InputTooLargeError,
    NotAFileError,
)

ROOT = Path(__file__).parents[1]
EXAMPLE = ROOT / "examples" / "speech.txt"


def invoke(*args: str | Path, stdin: bytes | None = None) -> Result:
    """Run the CLI in-process; bytes in, bytes out."""
    return CliRunner().invoke(cli.main, [str(a) for a in args], input=stdin)


def test_explain_prints_one_line_per_source_line(tmp_path: Path) -> None:
    """Aligned lines: number, what the line became, the line's text."""
    path = tmp_path / "flood.txt"
    path.write_text(FLOOD, encoding="utf-8")
    result = invoke("explain", path)
    assert result.exit_code == 0, result.output
    out = result.stdout_bytes.decode("utf-8").splitlines()
    (six,) = [line for line in out if line.startswith("6 ")]
    assert six.startswith("6   H1 一、 cn_dun n=1 run-in «提高思想认识» + paragraph")
    assert six.endswith("| 一、提高思想认识。防汛工作关系群众生命财产安全，来不得半点松懈。")
    assert "    ! numbering-gap: numbering jumps from 2 to 4" in out
    assert "\x1b[" not in result.stdout_bytes.decode("utf-8")  # not a terminal: no colour


def test_json_is_one_object_on_one_line() -> None:
    """--json: one compact JSON object and a newline, so a loop over files makes JSON Lines."""
    result = invoke("explain", "--json", EXAMPLE)
    assert result.exit_code == 0
    text = result.stdout_bytes.decode("utf-8")
    assert text.endswith("\n") and text.count("\n") == 1
    data = json.loads(text)
    assert data["schema_name"] == "speechparse.explanation"
    assert data["encoding"] == "utf-8"
    lines = EXAMPLE.read_text(encoding="utf-8").splitlines()
    assert [row["line"] for row in data["lines"]] == list(range(1, len(lines) + 1))
    first_heading = next(p for row in data["lines"] for p in row["parts"] if p["kind"] == "heading")
    assert {"level", "marker", "number", "style", "run_in", "heading", "span", "lines"} <= set(
        first_heading
    )


def test_preview_and_unmask_options() -> None:
    """--preview 0 keeps whole lines; --unmask is accepted like on the other commands."""
    result = invoke("explain", "--json", "--preview", "0", "--unmask", EXAMPLE)
    data = json.loads(result.stdout_bytes)
    assert data["lines"][6]["text"] == EXAMPLE.read_text(encoding="utf-8").splitlines()[6]


def test_lines_window() -> None:
    """--lines A-B shows those lines only, in the text and in the JSON."""
    text = invoke("explain", "--lines", "12-13", EXAMPLE).stdout_bytes.decode("utf-8")
    assert [line.split()[0] for line in text.splitlines()] == ["12", "13"]
    data = json.loads(invoke("explain", "--json", "--lines", "16-", EXAMPLE).stdout_bytes)
    assert [row["line"] for row in data["lines"]] == [16, 17]


def test_stdin_any_encoding() -> None:
    """``-`` reads standard input, decoded like a file (GB18030 here)."""
    data = FLOOD.replace("\n", "\r\n").encode("gb18030")
    result = invoke("explain", "--json", "-", stdin=data)
    assert result.exit_code == 0
    explained = json.loads(result.stdout_bytes)
    assert explained["encoding"] == "gb18030"
    assert len(explained["lines"]) == FLOOD.count("\n")


def _bad(tmp: Path) -> dict[str, tuple[list[str | Path], bytes | None, int]]:
    binary = tmp / "binary.txt"
    binary.write_bytes("讲话稿".encode() + b"\x00\x01")
    big = tmp / "big.txt"
    big.write_text(FLOOD, encoding="utf-8")
    return {
        "missing": (["explain", tmp / "missing.txt"], None, InputNotFoundError.exit_code),
        "directory": (["explain", tmp], None, NotAFileError.exit_code),
        "binary": (["explain", binary], None, BinaryInputError.exit_code),
        "invalid-stdin": (["explain", "-"], b"\xff\xfe\x00\xd8", DecodeError.exit_code),
        "too-large": (["--max-bytes", "10", "explain", big], None, InputTooLargeError.exit_code),
        "usage": (["explain", "--no-such-option", big], None, 2),
        "bad-preview": (["explain", "--preview", "-1", big], None, 2),
        "bad-lines": (["explain", "--lines", "5-2", big], None, 2),
    }


@pytest.mark.parametrize(
    "case",
    [
        "missing",
        "directory",
        "binary",
        "invalid-stdin",
        "too-large",
        "usage",
        "bad-preview",
        "bad-lines",
    ],
)
def test_errors_are_one_line_with_the_documented_code(case: str, tmp_path: Path) -> None:
    """Bad input: the exit code of its kind, nothing on stdout, one line on stderr."""
    args, stdin, code = _bad(tmp_path)[case]
    result = invoke(*args, stdin=stdin)
    assert result.exit_code == code
    assert result.stdout_bytes == b""
    if code != 2:  # usage errors are click's own few lines
        assert result.stderr.count("\n") == 1
        assert result.stderr.startswith("speechparse: ")


def test_no_color_is_honoured(monkeypatch: pytest.MonkeyPatch) -> None:
    """Colour only on a terminal, and never when NO_COLOR is set."""

    class Tty:
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "stdout", Tty())
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert cli._color()
    monkeypatch.setenv("NO_COLOR", "1")
    assert not cli._color()


def test_real_command_in_a_pipe() -> None:
    """The installed command, fed on standard input, prints the same as in-process."""
    proc = subprocess.run(
        [sys.executable, "-m", "speechparse.apps.cli", "explain", "-"],
        input=EXAMPLE.read_bytes(),
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr.decode()
    assert proc.stdout == invoke("explain", EXAMPLE).stdout_bytes
