"""The CLI and batch under faults and bad input (issue 12): nothing lost, nothing hangs.

Real components only: a real FIFO, /dev/zero and /dev/full, a real tmpfs
filled to the brim (skipped where mounting is not allowed), a worker
killed with SIGKILL, two processes writing one SQLite file.  Every failure
is one stderr line ``speechparse: …`` with its documented exit code.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from speechparse.apps.batch import BatchError
from speechparse.apps.cli import INPUT_FAILED
from speechparse.apps.index import Index, IndexDatabaseError, index_paths
from speechparse.errors import InputTooLargeError, NotAFileError, OutputError
from speechparse.formats import DEFAULT_GLOB
from test_batch import BIN, _children, cli, records, speech, write_corpus

LINUX = sys.platform.startswith("linux")


def one_line(proc: subprocess.CompletedProcess[bytes], code: int) -> str:
    """The single stderr line of a failed command, after checking its exit code."""
    err = proc.stderr.decode("utf-8", "replace")
    assert proc.returncode == code, err
    assert "Traceback" not in err
    assert err.count("\n") == 1 and err.startswith("speechparse: "), err
    return err


# -- 1. never overwrite or re-read an input ---------------------------------------


def test_output_that_is_an_input_is_refused(tmp_path: Path) -> None:
    """`batch a.txt -o a.txt`, a hard link to it, or an output inside a walked folder."""
    folder = tmp_path / "in"
    folder.mkdir()
    doc = folder / "a.txt"
    doc.write_text(speech(1), encoding="utf-8")
    before = doc.read_bytes()
    one_line(cli("batch", doc, "-o", doc, check=False), OutputError.exit_code)
    link = tmp_path / "link.jsonl"
    os.link(doc, link)
    one_line(cli("batch", doc, "-o", link, check=False), OutputError.exit_code)
    assert doc.read_bytes() == before
    alias = tmp_path / "alias"
    alias.symlink_to(folder)  # the same folder under another name: caught once resolved
    err = one_line(
        cli("batch", folder, "-o", alias / "out.jsonl", check=False), OutputError.exit_code
    )
    assert "inside the input folder" in err
    assert sorted(p.name for p in folder.iterdir()) == ["a.txt"]
    assert not (tmp_path / "link.jsonl.partial").exists()


def test_output_into_missing_folder_or_onto_a_directory(tmp_path: Path) -> None:
    doc = tmp_path / "a.txt"
    doc.write_text(speech(1), encoding="utf-8")
    err = one_line(
        cli("batch", doc, "-o", tmp_path / "nope" / "o.jsonl", check=False), OutputError.exit_code
    )
    assert "does not exist" in err
    (tmp_path / "d").mkdir()
    assert "is a directory" in one_line(
        cli("batch", doc, "-o", tmp_path / "d", check=False), OutputError.exit_code
    )


# -- 2. every write checked --------------------------------------------------------


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")
@pytest.mark.parametrize(
    "args",
    [
        ["outline"],
        ["parse"],
        ["render"],
        ["chunks"],
        ["explain"],
        ["batch", "-o", "-"],
        ["batch", "-o", "/dev/full"],
    ],
    ids="-".join,
)
def test_full_disk_on_stdout(args: list[str], tmp_path: Path) -> None:
    """Writing to /dev/full (ENOSPC) is one line and exit 6, never exit 0 with output cut."""
    doc = tmp_path / "a.txt"
    doc.write_text(speech(3), encoding="utf-8")
    with open("/dev/full", "wb") as full:
        proc = subprocess.run(
            [str(BIN), *args[:1], str(doc), *args[1:]],
            stdout=full,
            stderr=subprocess.PIPE,
            check=False,
            timeout=60,
        )
    err = proc.stderr.decode()
    assert proc.returncode == OutputError.exit_code, err
    assert "Traceback" not in err and "No space left on device" in err
    assert err.splitlines()[0].startswith("speechparse: ")


@contextlib.contextmanager
def tiny_tmpfs(tmp_path: Path, size: str) -> Iterator[Path]:
    """A real tmpfs of ``size``; skips the test where mounting is not allowed (not root)."""
    mnt = tmp_path / "tmpfs"
    mnt.mkdir()
    if not LINUX or os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root on Linux")
    made = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(mnt)],
        capture_output=True,
        check=False,
    )
    if made.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs: {made.stderr.decode().strip()}")
    try:
        yield mnt
    finally:
        subprocess.run(["umount", "-l", str(mnt)], check=False)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_batch_file_on_a_full_disk_leaves_no_finished_file(tmp_path: Path, jobs: str) -> None:
    """ENOSPC while writing OUT (or a worker's shard): one line, exit 6, no OUT."""
    write_corpus(tmp_path / "c", 60)
    with tiny_tmpfs(tmp_path, "64k") as mnt:
        out = mnt / "out.jsonl"
        args = ("batch", tmp_path / "c", "--format", "document", "-j", jobs, "-o", out)
        err = one_line(cli(*args, check=False), OutputError.exit_code)
        assert "No space left on device" in err
        assert not out.exists()


def test_index_on_a_full_disk(tmp_path: Path) -> None:
    write_corpus(tmp_path / "c", 60)
    with tiny_tmpfs(tmp_path, "96k") as mnt:
        proc = cli("index", tmp_path / "c", "--db", mnt / "i.sqlite", check=False)
        err = one_line(proc, IndexDatabaseError.exit_code)
        assert "full" in err


# -- 3. only regular files; stdin bounded ------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs")
def test_fifo_in_a_folder_and_given_directly(tmp_path: Path) -> None:
    """A FIFO never blocks a run: in a folder it is an error record, given directly exit 3."""
    write_corpus(tmp_path / "c", 2)
    fifo = tmp_path / "c" / "part000" / "pipe.txt"
    os.mkfifo(fifo)
    out = tmp_path / "out.jsonl"
    proc = cli("batch", tmp_path / "c", "-o", out, check=False)
    assert proc.returncode == INPUT_FAILED
    got = records(out)
    assert [r.get("error_type") for r in got] == [None, None, "NotAFileError"]
    assert f"{fifo}: not a regular file (a FIFO)" in proc.stderr.decode()
    one_line(cli("outline", fifo, check=False), NotAFileError.exit_code)


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")
def test_endless_device_is_refused() -> None:
    """`outline /dev/zero` used to read until MemoryError."""
    one_line(cli("outline", "/dev/zero", check=False), NotAFileError.exit_code)


def test_stdin_obeys_max_bytes() -> None:
    proc = cli("--max-bytes", "1000", "outline", "-", input=b"a" * 5000, check=False)
    assert "<stdin>: 1,001 bytes is over" in one_line(proc, InputTooLargeError.exit_code)
    proc = cli("--max-bytes", "1000", "explain", "-", input=b"a" * 5000, check=False)
    one_line(proc, InputTooLargeError.exit_code)
    ok = cli("--max-bytes", "1000", "outline", "-", input="在大会上的讲话\n".encode())
    assert ok.returncode == 0


# -- 4. one line, never a traceback ------------------------------------------------


@pytest.mark.skipif(not LINUX, reason="reads /proc")
def test_worker_killed_mid_run_is_one_line(tmp_path: Path) -> None:
    """SIGKILL a worker of `batch -j 2`: BatchError's one line, never BrokenProcessPool."""
    write_corpus(tmp_path / "c", 600)
    out = tmp_path / "out.jsonl"
    proc = subprocess.Popen(
        [str(BIN), "batch", str(tmp_path / "c"), "--format", "document", "-j", "2", "-o", str(out)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    killed = False
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None and not killed:
        for pid in _children(proc.pid):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
                killed = True
        time.sleep(0.01)
    _, err = proc.communicate(timeout=60)
    if not killed:
        pytest.skip("the run finished before a worker could be killed")
    text = err.decode()
    assert proc.returncode == BatchError.exit_code, text
    assert "Traceback" not in text and text.count("\n") == 1
    assert "worker process died" in text
    assert not out.exists()


def test_two_index_runs_on_one_database(tmp_path: Path) -> None:
    """Two real processes indexing into one SQLite file both finish (busy timeout)."""
    write_corpus(tmp_path / "a", 40)
    write_corpus(tmp_path / "b", 40)
    db = tmp_path / "i.sqlite"
    cli("index", tmp_path / "a", "--db", db)  # the schema exists before the race
    procs = [
        subprocess.Popen(
            [str(BIN), "index", str(tmp_path / name), "--db", str(db)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for name in ("a", "b")
    ]
    for p in procs:
        _, err = p.communicate(timeout=120)
        assert p.returncode == 0, err.decode()
    with Index(db) as index:
        assert index.count()[0] == 80


def test_locked_database_waits_then_says_so(tmp_path: Path) -> None:
    """A writer that holds the database past the busy timeout gives one IndexDatabaseError."""
    write_corpus(tmp_path / "c", 3)
    db = tmp_path / "i.sqlite"
    index_paths([tmp_path / "c"], db)
    holder = sqlite3.connect(db)
    holder.execute("BEGIN IMMEDIATE")
    release = threading.Timer(5.0, holder.rollback)
    try:
        started = time.monotonic()
        with pytest.raises(IndexDatabaseError, match=r"locked.*over 0\.3 s"):
            index_paths([tmp_path / "c"], db, busy_seconds=0.3)
        assert time.monotonic() - started >= 0.3
    finally:
        release.cancel()
        holder.rollback()
        holder.close()


def test_search_with_a_thousand_terms(tmp_path: Path) -> None:
    write_corpus(tmp_path / "c", 3)
    db = tmp_path / "i.sqlite"
    index_paths([tmp_path / "c"], db)
    query = " ".join(["抓"] * 1200)
    err = one_line(cli("search", query, "--db", db, check=False), IndexDatabaseError.exit_code)
    assert "fewer terms" in err


@pytest.mark.skipif(not LINUX, reason="needs a file system that takes any bytes as a name")
def test_names_that_are_not_utf8(tmp_path: Path) -> None:
    """`index` reports the file and goes on; `batch` keeps the name as a JSON escape."""
    folder = tmp_path / "c"
    write_corpus(folder, 2)
    bad = os.path.join(os.fsencode(folder / "part000"), b"bad\xff.txt")
    with open(bad, "wb") as f:
        f.write(speech(5).encode("utf-8"))
    db = tmp_path / "i.sqlite"
    proc = cli("index", folder, "--db", db, check=False)
    assert proc.returncode == INPUT_FAILED
    lines = proc.stderr.decode().splitlines()
    assert len(lines) == 2 and "bad\\udcff.txt: file name is not UTF-8" in lines[0]
    with Index(db) as index:
        assert index.count()[0] == 2
    out = tmp_path / "out.jsonl"
    cli("batch", folder, "-o", out)
    assert [r.get("error_type") for r in records(out)] == [None, None, None]


# -- 5. a batch always tells what happened -------------------------------------------


def test_missing_path_and_empty_glob_are_errors(tmp_path: Path) -> None:
    """Without a terminal: one line per failed input, the summary, exit 7."""
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "a.md").write_text(speech(1), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    proc = cli("batch", tmp_path / "c", tmp_path / "gone", "-o", out, check=False)
    assert proc.returncode == INPUT_FAILED
    assert proc.stderr.decode().splitlines() == [
        f"speechparse: {tmp_path / 'c'}: no file matches {DEFAULT_GLOB}",
        f"speechparse: {tmp_path / 'gone'}: no such file",
        proc.stderr.decode().splitlines()[-1],
    ]
    assert proc.stderr.decode().splitlines()[-1].startswith("speechparse: 2 records (2 errors) in")
    ok = cli("batch", tmp_path / "c", "--glob", "*.md", "-o", out)
    assert ok.stderr.decode().startswith("speechparse: 1 records (0 errors) in ")
