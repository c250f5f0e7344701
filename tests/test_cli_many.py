"""Several FILEs, ``--files-from``, the outline tree and the progress bar, run as users run them.

Every test here starts the real command in a subprocess; a terminal is a
pseudo-terminal (``os.openpty``), so what "on a terminal" means is tested
as a person would see it.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import click._termui_impl as termui
import pytest

import speechparse
from speechparse.apps.cli import INPUT_FAILED, _progress
from speechparse.errors import InputNotFoundError

ROOT = Path(__file__).parents[1]
SHORT = ROOT / "examples" / "short.txt"
SPEECH = ROOT / "examples" / "speech.txt"
CLI = [sys.executable, "-m", "speechparse.apps.cli"]


def run(*args: str | Path, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    """The command with ``args``, standard streams as pipes."""
    return subprocess.run(
        [*CLI, *map(str, args)], input=stdin, capture_output=True, timeout=120, check=False
    )


def lines(proc: subprocess.CompletedProcess[bytes]) -> list[dict[str, Any]]:
    """The JSON Lines a command printed."""
    return [json.loads(line) for line in proc.stdout.splitlines()]


def on_tty(
    *args: str | Path, stream: str = "stdout", env: dict[str, str] | None = None
) -> tuple[str, bytes, int]:
    """Run with ``stream`` (stdout or stderr) on a pseudo-terminal; (its text, the other, code).

    ``env`` is the whole environment (this one's by default).
    The terminal turns each newline into CR LF; the text is given back with
    plain newlines.
    """
    master, slave = os.openpty()
    streams: dict[str, Any] = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE}
    streams[stream] = slave
    proc = subprocess.Popen(
        [*CLI, *map(str, args)],
        stdin=subprocess.DEVNULL,
        env=env if env is not None else dict(os.environ),
        **streams,
    )
    os.close(slave)
    seen = bytearray()
    while True:
        try:
            data = os.read(master, 1 << 16)
        except OSError:  # EIO: the child closed the terminal
            break
        if not data:
            break
        seen += data
    other_pipe = proc.stderr if stream == "stdout" else proc.stdout
    assert other_pipe is not None
    other = other_pipe.read()
    code = proc.wait(timeout=120)
    os.close(master)
    return seen.decode("utf-8").replace("\r\n", "\n"), other, code


# -- several FILEs: batch's records ------------------------------------------------


def test_several_files_print_batch_records(tmp_path: Path) -> None:
    """``outline A B C`` prints exactly what ``batch A B C -o - --format outline`` does."""
    missing = tmp_path / "missing.txt"
    many = run("outline", SHORT, missing, SPEECH)
    batch = run("batch", SHORT, missing, SPEECH, "-o", "-")
    assert many.returncode == INPUT_FAILED
    assert many.stdout == batch.stdout
    got = lines(many)
    assert [r["input"] for r in got] == [str(SHORT), str(missing), str(SPEECH)]
    assert got[0]["outline"] == speechparse.parse(SHORT).outline()
    assert got[1]["error_type"] == "InputNotFoundError"
    assert many.stderr.decode() == f"speechparse: {missing}: no such file\n"


def test_several_files_parse_and_jobs() -> None:
    """``parse`` gives document records (``--no-source`` too), the same for any ``-j``."""
    one = run("parse", "--no-source", SHORT, SPEECH)
    two = run("parse", "--no-source", "-j", "2", SHORT, SPEECH)
    assert one.returncode == two.returncode == 0
    assert one.stdout == two.stdout
    batch = run("batch", SHORT, SPEECH, "-o", "-", "--format", "document", "--no-source")
    assert one.stdout == batch.stdout
    first = lines(one)[0]["document"]
    assert "source" not in first
    assert first == json.loads(speechparse.parse(SHORT).model_dump_json(exclude={"source"}))


@pytest.mark.parametrize("fmt", ["text", "markdown", "source"])
def test_render_of_several_files_is_json_lines(fmt: str) -> None:
    """Plain text of two documents is never run together: each is one JSON string."""
    proc = run("render", "--to", fmt, SHORT, SPEECH)
    assert proc.returncode == 0
    got = lines(proc)
    assert [set(r) for r in got] == [{"input", "id", fmt}] * 2
    for record, path in zip(got, (SHORT, SPEECH), strict=True):
        assert record[fmt] == run("render", "--to", fmt, path).stdout.decode("utf-8")


def test_chunks_of_several_files_keep_their_options() -> None:
    """One line per document whose chunks are what ``chunks FILE`` prints with the same options."""
    options = ["--max-chars", "40", "--no-empty", "--min-chars", "8", "--embed-text"]
    proc = run("chunks", *options, SHORT, SPEECH)
    assert proc.returncode == 0
    for record, path in zip(lines(proc), (SHORT, SPEECH), strict=True):
        alone = [json.loads(line) for line in run("chunks", *options, path).stdout.splitlines()]
        assert record["chunks"] == alone
        assert record["title"] == speechparse.parse(path).title.text  # type: ignore[union-attr]


def test_files_from_lists_paths_and_records(tmp_path: Path) -> None:
    """``--files-from -``: a path a line, or a JSONL record; FILEs come first."""
    listing = f"{SPEECH}\n\n" + json.dumps({"text": "学习心得\n一、读原著\n", "id": 9}) + "\n"
    proc = run("outline", SHORT, "--files-from", "-", stdin=listing.encode("utf-8"))
    assert proc.returncode == 0, proc.stderr
    got = lines(proc)
    assert [r["input"] for r in got] == [str(SHORT), str(SPEECH), "<stdin>:3"]
    assert got[2]["id"] == "9"
    assert got[2]["outline"]["sections"][0]["heading"] == "读原著"
    saved = tmp_path / "list.txt"
    saved.write_text(listing, encoding="utf-8")
    from_file = run("outline", "--files-from", saved)
    assert [r["input"] for r in lines(from_file)] == [str(SPEECH), f"{saved}:3"]


def test_files_from_one_path_is_still_json_lines() -> None:
    """The output shape follows the arguments, not the length of the list."""
    proc = run("outline", "--files-from", "-", stdin=f"{SHORT}\n".encode())
    assert [r["input"] for r in lines(proc)] == [str(SHORT)]


def test_a_lone_dash_is_still_a_document_on_stdin() -> None:
    """``outline -`` reads the document itself from standard input, as before."""
    proc = run("outline", "-", stdin=SHORT.read_bytes())
    assert proc.returncode == 0
    assert json.loads(proc.stdout)["title"] == "学习心得：把初心写在行动上"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["outline", "-", str(SHORT)], "must be the only FILE; give a list of paths"),
        (["outline"], "Missing argument 'FILE...' (or --files-from LIST)"),
        (["chunks", "--doc-id", "x", str(SHORT), str(SPEECH)], "--doc-id"),
    ],
    ids=["dash-among-files", "no-file", "doc-id-with-several"],
)
def test_usage_errors(args: list[str], message: str) -> None:
    """Mistakes in the arguments are usage errors (exit 2), before anything is read."""
    proc = run(*args)
    assert proc.returncode == 2
    assert message in proc.stderr.decode()
    assert proc.stdout == b""


def test_missing_list_is_one_line(tmp_path: Path) -> None:
    """A ``--files-from`` list that is not there: one line, the input error's exit code."""
    proc = run("parse", "--files-from", tmp_path / "nope.txt")
    assert proc.returncode == InputNotFoundError.exit_code
    assert proc.stderr.decode() == f"speechparse: {tmp_path / 'nope.txt'}: no such file\n"
    assert proc.stdout == b""


# -- the outline tree ------------------------------------------------------------


TREE = """学习心得：把初心写在行动上
├── 一、读原著  ¶1
│   └── （一）定计划
└── 二、见行动
"""


def test_outline_is_json_in_a_pipe_and_a_tree_on_a_terminal() -> None:
    """Scripts read JSON exactly as before; a person at a terminal gets the tree."""
    piped = run("outline", SHORT)
    expected = json.dumps(speechparse.parse(SHORT).outline(), ensure_ascii=False, indent=2)
    assert piped.stdout.decode("utf-8") == expected + "\n"
    tree, _, code = on_tty("outline", SHORT, env=os.environ | {"NO_COLOR": "1"})
    assert code == 0
    assert tree == TREE
    asked, _, _ = on_tty("outline", "--format", "json", SHORT)
    assert json.loads(asked) == json.loads(piped.stdout)
    assert run("outline", "--format", "tree", SHORT).stdout.decode("utf-8") == TREE


def test_tree_colour_follows_no_color() -> None:
    """Colour on a terminal (the explain view's), none when NO_COLOR is set to anything."""
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    coloured, _, _ = on_tty("outline", SHORT, env=env)
    assert "\x1b[1;36m一、读原著\x1b[0m" in coloured
    plain, _, _ = on_tty("outline", SHORT, env=env | {"NO_COLOR": "0"})
    assert "\x1b[" not in plain
    assert plain == TREE


def test_tree_of_several_files(tmp_path: Path) -> None:
    """Each tree under a ``==> NAME <==`` line; a failed input is a stderr line and exit 7."""
    missing = tmp_path / "missing.txt"
    proc = run("outline", "--format", "tree", SHORT, missing, SHORT)
    assert proc.returncode == INPUT_FAILED
    out = proc.stdout.decode("utf-8")
    assert out == f"==> {SHORT} <==\n{TREE}\n==> {SHORT} <==\n{TREE}"
    assert proc.stderr.decode() == f"speechparse: {missing}: no such file\n"


# -- the progress bar ---------------------------------------------------------------


def test_progress_bar_has_total_and_percentage_when_the_count_is_known(tmp_path: Path) -> None:
    """Every PATH one file: the bar on a terminal shows n/total and a percentage.

    (click adds the time left once it can estimate it, which a two-file run
    is too quick for.)
    """
    out = tmp_path / "out.jsonl"
    bar, _, code = on_tty("batch", SHORT, SPEECH, "-o", out, stream="stderr")
    assert code == 0
    assert "2/2" in bar
    assert "100%" in bar
    assert len(out.read_text(encoding="utf-8").splitlines()) == 2


def test_progress_bar_without_total_for_a_folder(tmp_path: Path) -> None:
    """A folder is listed lazily: the bar counts without a percentage."""
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_bytes(SHORT.read_bytes())
    bar, _, code = on_tty("batch", corpus, "-o", tmp_path / "out.jsonl", stream="stderr")
    assert code == 0
    assert "%" not in bar
    assert "docs/s" in bar


def test_no_progress_bar_when_stderr_is_piped(tmp_path: Path) -> None:
    """In a pipeline standard error holds only the summary line."""
    proc = run("batch", SHORT, "-o", tmp_path / "out.jsonl")
    assert proc.stderr.decode().count("\n") == 1


# -- batch and index: --files-from ---------------------------------------------------


def test_batch_files_from_lists_paths_like_arguments(tmp_path: Path) -> None:
    """Listed PATHs are walked and split like PATHs given as arguments, and resume alike."""
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_bytes(SHORT.read_bytes())
    listing = f"{corpus}\n{SPEECH}\n".encode()
    listed = run("batch", "--files-from", "-", "-o", "-", stdin=listing)
    given = run("batch", corpus, SPEECH, "-o", "-")
    assert listed.returncode == 0
    assert listed.stdout == given.stdout
    out = tmp_path / "out.jsonl"
    first = run("batch", "--files-from", "-", "-o", out, stdin=listing)
    again = run("batch", "--files-from", "-", "-o", out, "--resume", stdin=listing)
    assert first.returncode == again.returncode == 0
    assert out.read_bytes() == given.stdout
    db = tmp_path / "i.sqlite"
    indexed = run("index", "--files-from", "-", "--db", db, stdin=listing)
    assert indexed.returncode == 0
    assert indexed.stderr.decode().startswith("speechparse: 2 documents")


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (["batch", "-", "-o", "-"], b"", "give a list of paths on standard input"),
        (["batch", "--files-from", "-", "-o", "-"], b'{"text": "x"}\n', "is a JSONL record"),
        (["batch", "-o", "-"], b"", "Missing argument 'PATH...' (or --files-from LIST)"),
    ],
    ids=["dash", "record-in-list", "nothing"],
)
def test_batch_usage_errors(args: list[str], stdin: bytes, message: str) -> None:
    """``-``, a JSONL record in a batch list, or no PATH at all: usage errors, nothing written."""
    proc = run(*args, stdin=stdin)
    assert proc.returncode == 2
    assert message in proc.stderr.decode()
    assert proc.stdout == b""


class _Terminal(io.StringIO):
    """Standard error as a terminal, for the progress bar in this process."""

    def isatty(self) -> bool:
        return True


def test_progress_bar_shows_time_left(monkeypatch: pytest.MonkeyPatch) -> None:
    """With a known total the bar estimates the time left once a second has passed."""
    clock = [1000.0]  # click's bar reads time.time(); the clock moves only when told
    monkeypatch.setattr(termui.time, "time", lambda: clock[0])
    screen = _Terminal()
    monkeypatch.setattr(sys, "stderr", screen)
    with _progress("parsing", 10) as update:
        update(1, 0)
        clock[0] += 2.0
        update(1, 0)  # 2 of 10 after 2 s: 8 s to go
        clock[0] += 0.5
        update(1, 0)
    assert "3/10" in screen.getvalue()
    assert "30%" in screen.getvalue()
    assert "00:00:08" in screen.getvalue()
