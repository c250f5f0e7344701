"""``speechparse batch``: input order whatever --jobs, error records, JSONL input, resume.

The documents are generated here from invented phrases (a county's work
meetings); ``write_corpus`` is shared with test_distributed.py and
test_index.py.
"""

from __future__ import annotations

import json
import os
import pty
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from speechparse.apps.batch import (
    BatchError,
    RecordOptions,
    iter_inputs,
    render_record,
    run_batch,
    workers,
)
from speechparse.apps.cli import INPUT_FAILED

BIN = Path(sys.executable).parent / "speechparse"

_PLACES = ("茶溪镇", "白鹭湾村", "松岗社区", "梅林街道", "青石县", "杏坛乡", "云港新区")
_TOPICS = (
    "人居环境整治",
    "基层网格治理",
    "特色产业培育",
    "营商环境优化",
    "防汛备汛工作",
    "作风能力提升",
    "文明实践阵地建设",
)
_GENRES = ("讲话稿", "研讨交流发言", "工作报告", "心得体会")
_ACTIONS = ("摸清底数", "压实责任", "建立台账", "定期调度", "跟踪问效", "补齐短板")


def speech(n: int, *, sections: int = 3) -> str:
    """An invented speech, different for every ``n``, with two levels of numbered sections."""
    place = _PLACES[n % len(_PLACES)]
    topic = _TOPICS[n % len(_TOPICS)]
    genre = _GENRES[n % len(_GENRES)]
    lines = [
        f"{genre}：在{place}{topic}推进会上的讲话（第{n}号）",
        "同志们：",
        f"　　今天召开{place}{topic}推进会，主要任务是总结前段工作、部署下步安排，编号{n}。",
    ]
    numerals = "一二三四五六七八九"
    for s in range(sections):
        action = _ACTIONS[(n + s) % len(_ACTIONS)]
        lines.append(f"{numerals[s]}、坚持{action}，推动{topic}走深走实")
        lines.append(
            f"　　{place}要把{topic}作为今年的重点任务，做到{action}、一抓到底，第{n}次会议提出要求{s}。"
        )
        for k in range(2):
            lines.append(f"（{numerals[k]}）做好第{k + 1}项工作")
            lines.append(
                f"　　各村各单位要在{s + 1}月底前完成{_ACTIONS[(n + k) % len(_ACTIONS)]}，"
                f"及时报送进展情况，确保{topic}取得实效。"
            )
    lines.append("以上讲话，请大家认真抓好落实。谢谢大家！")
    return "\n".join(lines) + "\n"


def write_corpus(folder: Path, count: int, *, per_dir: int = 40) -> list[Path]:
    """``count`` documents in subfolders of ``per_dir``, named so that sorting is input order."""
    paths = []
    for n in range(count):
        sub = folder / f"part{n // per_dir:03d}"
        sub.mkdir(parents=True, exist_ok=True)
        path = sub / f"doc{n:05d}.txt"
        path.write_text(speech(n), encoding="utf-8")
        paths.append(path)
    return paths


def cli(*args: str | Path, check: bool = True, **kwargs: Any) -> subprocess.CompletedProcess[bytes]:
    """Run the installed console script with stdout and stderr piped (so: not a terminal)."""
    proc = subprocess.run(
        [str(BIN), *map(str, args)], capture_output=True, check=False, timeout=120, **kwargs
    )
    if check:
        assert proc.returncode == 0, proc.stderr.decode()
    return proc


def records(path: Path) -> list[dict[str, Any]]:
    with path.open("rb") as f:
        return [json.loads(line) for line in f]


def test_output_order_is_input_order_with_two_jobs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """--jobs 2 writes the same bytes as --jobs 1, in the sorted walk order, on both transports."""
    paths = write_corpus(tmp_path / "corpus", 60, per_dir=7)
    monkeypatch.setattr(workers, "TASK_ITEMS", 4)  # many small tasks: the window turns over often
    one, two, pipe = tmp_path / "one.jsonl", tmp_path / "two.jsonl", tmp_path / "pipe.jsonl"
    corpus = str(tmp_path / "corpus")
    s1 = run_batch([corpus], one, jobs=1)
    s2 = run_batch([corpus], two, jobs=2)
    run_batch([corpus], pipe, jobs=2, transport="pipe")
    assert (s1.records, s1.errors, s2.records, s2.errors) == (60, 0, 60, 0)
    assert one.read_bytes() == two.read_bytes() == pipe.read_bytes()
    assert [r["input"] for r in records(two)] == [str(p) for p in paths]
    assert records(two)[5]["outline"]["title"].endswith("（第5号）")


def test_cli_jobs_2_order_and_no_progress_when_piped(tmp_path: Path) -> None:
    """The CLI with --jobs 2 keeps order; with stderr piped, no bar but the summary line."""
    paths = write_corpus(tmp_path / "c", 30, per_dir=4)
    proc = cli("batch", tmp_path / "c", "-o", tmp_path / "out.jsonl", "--jobs", "2")
    err = proc.stderr.decode()
    assert err.startswith("speechparse: 30 records (0 errors) in ") and err.count("\n") == 1
    got = records(tmp_path / "out.jsonl")
    assert [r["input"] for r in got] == [str(p) for p in paths]
    assert all(set(r) == {"input", "id", "outline"} for r in got)


def test_progress_bar_on_a_terminal(tmp_path: Path) -> None:
    """With standard error on a terminal, a progress bar and a summary line appear there."""
    write_corpus(tmp_path / "c", 5)
    leader, follower = pty.openpty()
    try:
        proc = subprocess.run(
            [str(BIN), "batch", str(tmp_path / "c"), "-o", str(tmp_path / "o.jsonl")],
            stdout=subprocess.PIPE,
            stderr=follower,
            timeout=60,
            check=False,
        )
        os.close(follower)
        shown = b""
        while True:
            try:
                data = os.read(leader, 65536)
            except OSError:  # EIO: the terminal's other end is closed and drained
                break
            if not data:
                break
            shown += data
    finally:
        os.close(leader)
    assert proc.returncode == 0
    text = shown.decode("utf-8", "replace")
    assert "parsing" in text
    assert "5 records (0 errors)" in text


def test_formats(tmp_path: Path) -> None:
    """outline, document and chunks records: one line per input, keyed by input and id."""
    write_corpus(tmp_path / "c", 3)
    cli("batch", tmp_path / "c", "-o", tmp_path / "outline.jsonl", "--format", "outline")
    for fmt in ("document", "chunks"):
        run_batch([str(tmp_path / "c")], tmp_path / f"{fmt}.jsonl", RecordOptions(format=fmt))
    for fmt in ("outline", "document", "chunks"):
        got = records(tmp_path / f"{fmt}.jsonl")
        assert len(got) == 3
        assert all(fmt in r and r["id"] for r in got)
    doc = records(tmp_path / "document.jsonl")[0]["document"]
    assert doc["schema_name"] == "speechparse.document"
    assert doc["source"] == speech(0)
    chunked = records(tmp_path / "chunks.jsonl")[1]
    lines = speech(1).splitlines()
    assert chunked["title"] == lines[0]
    assert chunked["chunks"][1]["heading_path"][1] == lines[3]
    assert all(c["doc_id"] == chunked["id"] for c in chunked["chunks"])
    no_source = tmp_path / "ns.jsonl"
    run_batch([tmp_path / "c"], no_source, RecordOptions(format="document", source=False))
    assert "source" not in records(no_source)[0]["document"]
    embed = tmp_path / "embed.jsonl"
    run_batch([tmp_path / "c"], embed, RecordOptions(format="chunks", embed_text=True))
    first = records(embed)[0]["chunks"][1]
    assert first["embed_text"] == " › ".join(first["heading_path"]) + "\n" + first["text"]


def test_error_records_never_abort_the_run(tmp_path: Path) -> None:
    """Binary, undecodable, missing and bad JSONL inputs become error records in place."""
    good = tmp_path / "good.txt"
    good.write_text(speech(7), encoding="utf-8")
    binary = tmp_path / "scan.txt"
    binary.write_bytes("讲话稿".encode() + b"\x00\x00\x07\x08")
    undecodable = tmp_path / "mojibake.txt"
    undecodable.write_bytes(b"\xff\xfe\xfd\x80\x80")
    missing = tmp_path / "not-there.txt"
    lines = tmp_path / "docs.jsonl"
    lines.write_bytes(
        b'{"id": "a1", "text": "\xe8\xae\xb2\xe8\xaf\x9d\\n\xe4\xb8\x80\xe3\x80\x81\xe6\x80\xbb\xe4\xbd\x93\\n"}\n'
        b"{not json\n"
        b'["a list"]\n'
        b'{"id": "a4"}\n'
        b'{"id": "a5", "text": 42}\n'
        b'{"id": 6, "text": "\\ud800"}\n'
        b'{"id": "a7", "text": "\xff\xfe"}\n'
        b"\n"
        b'{"id": {"x": 1}, "text": "t"}\n'
    )
    out = tmp_path / "out.jsonl"
    proc = cli("batch", good, binary, undecodable, missing, lines, good, "-o", out, check=False)
    assert proc.returncode == INPUT_FAILED
    got = records(out)
    # every failed input is one stderr line (its record's message), then the summary
    failed = [f"speechparse: {r['error']}" for r in got if "error" in r]
    assert proc.stderr.decode().splitlines() == [*failed, proc.stderr.decode().splitlines()[-1]]
    assert proc.stderr.decode().splitlines()[-1].startswith("speechparse: 13 records (10 errors)")
    expected = [
        (str(good), None),
        (str(binary), "BinaryInputError"),
        (str(undecodable), "DecodeError"),
        (str(missing), "InputNotFoundError"),
        (f"{lines}:1", None),
        (f"{lines}:2", "JSONLError"),
        (f"{lines}:3", "JSONLError"),
        (f"{lines}:4", "JSONLError"),
        (f"{lines}:5", "JSONLError"),
        (f"{lines}:6", "DecodeError"),
        (f"{lines}:7", "DecodeError"),
        (f"{lines}:9", "JSONLError"),
        (str(good), None),
    ]
    assert [(r["input"], r.get("error_type")) for r in got] == expected
    for r in got:
        if "error" in r:
            assert set(r) <= {"input", "id", "error", "error_type"}
            assert "\n" not in r["error"]
            assert r["input"] in r["error"]  # the message names the input
    assert got[3]["error"] == f"{missing}: no such file"
    assert got[4]["id"] == "a1"
    assert got[7]["id"] == "a4" and '"text" field is missing' in got[7]["error"]
    assert got[9]["id"] == "6"


def test_size_limit_for_files_and_jsonl_lines(tmp_path: Path) -> None:
    """`speechparse --max-bytes N batch`: a larger file or JSONL line is an error record."""
    small, big = tmp_path / "a.txt", tmp_path / "b.txt"
    small.write_text(speech(1), encoding="utf-8")
    big.write_text(speech(2, sections=9) * 3, encoding="utf-8")
    feed = tmp_path / "feed.jsonl"
    long_line = json.dumps({"text": speech(3) * 4}, ensure_ascii=False)
    feed.write_text(
        f"{long_line}\n" + json.dumps({"text": speech(4)}, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    proc = cli("--max-bytes", "3000", "batch", small, big, feed, "-o", out, check=False)
    assert proc.returncode == INPUT_FAILED
    got = [(r["input"], r.get("error_type")) for r in records(out)]
    assert got == [
        (str(small), None),
        (str(big), "InputTooLargeError"),
        (f"{feed}:1", "InputTooLargeError"),
        (f"{feed}:2", None),
    ]
    assert f"{len(long_line.encode()) + 1:,}-byte line" in records(out)[2]["error"]
    unlimited = run_batch([small, big, feed], out, RecordOptions(max_bytes=None))
    assert unlimited.errors == 0


def test_unreadable_folder_is_an_error_record(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A folder that cannot be listed is reported where it stands; the walk goes on."""
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.txt").write_text(speech(1), encoding="utf-8")
    (tmp_path / "b").mkdir()
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "y.txt").write_text(speech(2), encoding="utf-8")
    original = os.scandir

    def scandir(path: Any = ".") -> Any:
        if str(path).endswith("/b"):
            raise PermissionError(13, "Permission denied", str(path))
        return original(path)

    monkeypatch.setattr(os, "scandir", scandir)  # root reads any folder, so refuse one here
    items = list(iter_inputs([tmp_path]))
    assert [(i.key, i.error and i.error[0]) for i in items] == [
        (str(tmp_path / "a" / "x.txt"), None),
        (str(tmp_path / "b"), "ReadError"),
        (str(tmp_path / "c" / "y.txt"), None),
    ]


def test_jsonl_input_with_custom_fields(tmp_path: Path) -> None:
    """--jsonl-text-field / --jsonl-id-field pick the fields; a line without id gets the hash."""
    data = tmp_path / "export.ndjson"
    rows = [
        {"doc": "wx-1", "body": speech(1), "other": [1, 2]},
        {"doc": 17, "body": speech(2)},
        {"body": speech(3)},
    ]
    data.write_text(
        "\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8"
    )
    out = tmp_path / "out.jsonl"
    cli(
        "batch",
        data,
        "-o",
        out,
        "--format",
        "chunks",
        "--jsonl-text-field",
        "body",
        "--jsonl-id-field",
        "doc",
    )
    got = records(out)
    assert [r["input"] for r in got] == [f"{data}:1", f"{data}:2", f"{data}:3"]
    assert [r["id"] for r in got[:2]] == ["wx-1", "17"]
    assert len(got[2]["id"]) == 16  # the source hash, as `speechparse chunks` uses
    assert got[0]["chunks"][0]["id"].startswith("wx-1:")
    assert got[1]["title"] == speech(2).splitlines()[0]


def test_folder_glob_and_jsonl_found_in_a_folder(tmp_path: Path) -> None:
    """--glob picks files by name (by relative path when it has a slash); .jsonl files expand."""
    (tmp_path / "d" / "sub").mkdir(parents=True)
    (tmp_path / "d" / "a.md").write_text(speech(1), encoding="utf-8")
    (tmp_path / "d" / "b.txt").write_text(speech(2), encoding="utf-8")
    (tmp_path / "d" / "sub" / "c.md").write_text(speech(3), encoding="utf-8")
    (tmp_path / "d" / "sub" / "e.jsonl").write_text(
        json.dumps({"text": speech(4)}) + "\n" + json.dumps({"text": speech(5)}) + "\n",
        encoding="utf-8",
    )
    keys = [i.key for i in iter_inputs([tmp_path / "d"], glob="*.md")]
    assert keys == [str(tmp_path / "d" / "a.md"), str(tmp_path / "d" / "sub" / "c.md")]
    keys = [i.key for i in iter_inputs([tmp_path / "d"], glob="sub/*")]
    sub = tmp_path / "d" / "sub"
    assert keys == [str(sub / "c.md"), f"{sub / 'e.jsonl'}:1", f"{sub / 'e.jsonl'}:2"]


def test_output_to_stdout(tmp_path: Path) -> None:
    """-o - streams the records to standard output; --resume refuses it."""
    write_corpus(tmp_path / "c", 2)
    proc = cli("batch", tmp_path / "c", "-o", "-", "--format", "chunks")
    assert len(proc.stdout.splitlines()) == 2
    bad = cli("batch", tmp_path / "c", "-o", "-", "--resume", check=False)
    assert bad.returncode == 2
    assert "cannot resume standard output" in bad.stderr.decode()


def test_resume_cuts_a_partial_line_and_continues(tmp_path: Path) -> None:
    """A torn last line is cut; the rest continues with no duplicate and no gap."""
    write_corpus(tmp_path / "c", 12)
    corpus = str(tmp_path / "c")
    full = tmp_path / "full.jsonl"
    run_batch([corpus], full, RecordOptions(format="chunks"), jobs=1)
    whole = full.read_bytes().splitlines(keepends=True)
    part = tmp_path / "part.jsonl"
    part.write_bytes(b"".join(whole[:5]) + whole[5][:37])
    stats = run_batch([corpus], part, RecordOptions(format="chunks"), jobs=2, resume=True)
    assert (stats.skipped, stats.records) == (5, 7)
    assert part.read_bytes() == full.read_bytes()
    # Resuming a finished run adds nothing.
    stats = run_batch([corpus], part, RecordOptions(format="chunks"), resume=True)
    assert (stats.skipped, stats.records) == (12, 0)
    assert part.read_bytes() == full.read_bytes()


def test_resume_refuses_other_inputs(tmp_path: Path) -> None:
    """Resuming against inputs that do not line up with the output is an error, not a guess."""
    write_corpus(tmp_path / "c", 6)
    out = tmp_path / "out.jsonl"
    run_batch([tmp_path / "c"], out)
    with pytest.raises(BatchError, match="other settings \\(glob\\)"):
        run_batch([tmp_path / "c"], out, glob="*.nope", resume=True)
    with pytest.raises(BatchError, match=r"format 'outline' → 'chunks'"):
        run_batch([tmp_path / "c"], out, RecordOptions(format="chunks"), resume=True)
    (tmp_path / "c" / "part000" / "doc00000a.txt").write_text(speech(9), encoding="utf-8")
    with pytest.raises(BatchError, match="were the inputs or their order changed"):
        run_batch([tmp_path / "c"], out, resume=True)
    out.write_bytes(b"not json\n")
    with pytest.raises(BatchError, match="line 1 is not a batch record"):
        run_batch([tmp_path / "c"], out, resume=True)


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        with open(task / "children") as f:
            found += [int(c) for c in f.read().split()]
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_resume_checks_every_record_not_just_the_last(tmp_path: Path) -> None:
    """A file added and another removed before the cut: count and last record still match."""
    paths = write_corpus(tmp_path / "c", 6)
    out = tmp_path / "out.jsonl"
    run_batch([tmp_path / "c"], out)
    cut = b"".join(out.read_bytes().splitlines(keepends=True)[:4])
    out.write_bytes(cut)  # as if killed after four records
    paths[1].unlink()
    (tmp_path / "c" / "part000" / "doc00000a.txt").write_text(speech(9), encoding="utf-8")
    with pytest.raises(BatchError, match=r"record 2 is for .*doc00001\.txt but input 2 is"):
        run_batch([tmp_path / "c"], out, resume=True)


def test_sigkill_mid_run_then_resume(tmp_path: Path) -> None:
    """Kill a real `batch --jobs 2` with SIGKILL once output exists, resume, compare.

    The resumed file equals an uninterrupted run's: every input once, in
    order.  The workers die with their parent instead of lingering.
    """
    write_corpus(tmp_path / "c", 300)
    args = ["batch", str(tmp_path / "c"), "--format", "chunks", "--jobs", "2"]
    out = tmp_path / "out.jsonl"
    partial = tmp_path / "out.jsonl.partial"
    proc = subprocess.Popen(
        [str(BIN), *args, "-o", str(out)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    deadline = time.monotonic() + 60
    workers: list[int] = []
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            workers = _children(proc.pid) or workers
            if partial.exists() and partial.stat().st_size > 0:
                break
            time.sleep(0.005)
        finished_early = proc.poll() is not None
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
        if proc.stderr is not None:
            proc.stderr.close()
    if finished_early:
        pytest.skip("the run finished before it could be killed")
    assert not out.exists()  # a killed run leaves nothing that looks finished
    written = partial.read_bytes()
    assert 0 < written.count(b"\n") < 300
    time.sleep(0.2)
    assert workers and not any(_alive(w) for w in workers), "orphaned workers"

    resumed = cli(*args, "-o", out, "--resume")
    assert b"already done" in resumed.stderr and resumed.stderr.count(b"\n") == 1
    assert not partial.exists()
    reference = tmp_path / "ref.jsonl"
    run_batch([str(tmp_path / "c")], reference, RecordOptions(format="chunks"))
    assert out.read_bytes() == reference.read_bytes()
    keys = [r["input"] for r in records(out)]
    assert len(keys) == len(set(keys)) == 300
    assert not list(tmp_path.glob(".speechparse-shards-*"))  # the killed run's shards are gone


def test_render_record_is_the_shared_unit() -> None:
    """render_record gives one JSON line per input; a bug-level exception is an error record."""
    from speechparse.apps.batch import Item

    line = render_record(Item(key="memo", text=speech(3)))
    assert json.loads(line)["input"] == "memo"
    assert "\n" not in line
    broken = render_record(Item(key="nothing"))
    assert json.loads(broken)["error_type"] == "JSONLError"
    with pytest.raises(ValueError, match="format must be one of"):
        RecordOptions(format="xml")  # type: ignore[arg-type]


def test_docs_examples_run(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every ``python`` block in docs/batch.md runs, in order, in one namespace.

    Blocks fenced ``python not-run`` need a cluster or a server and are skipped.
    """
    import re

    root = Path(__file__).parents[1]
    docs = root / "docs" / "batch.md"
    blocks = re.findall(r"```python\n(.*?)```", docs.read_text(encoding="utf-8"), re.DOTALL)
    assert len(blocks) >= 4
    monkeypatch.chdir(root)
    namespace: dict[str, object] = {}
    for block in blocks:
        exec(compile(block, str(docs), "exec"), namespace)


def test_parallel_run_leaves_the_collector_unfrozen(tmp_path: Path) -> None:
    """--jobs freezes the parent's objects for the forked workers and unfreezes them after."""
    import gc

    from speechparse.apps.batch import run_batch

    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(3):
        (folder / f"{i}.txt").write_text(f"标题{i}\n\n一、开头\n正文。\n", encoding="utf-8")
    before = gc.get_freeze_count()
    run_batch([str(folder)], str(tmp_path / "out.jsonl"), jobs=2)
    assert gc.get_freeze_count() == before
    assert len((tmp_path / "out.jsonl").read_bytes().splitlines()) == 3


def test_parallel_run_keeps_a_callers_freeze(tmp_path: Path) -> None:
    """A caller's own gc.freeze() survives a --jobs run (only a run's own freeze is undone)."""
    import gc

    from speechparse.apps.batch import run_batch

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("标题\n\n一、开头\n正文。\n", encoding="utf-8")
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        run_batch([str(folder)], str(tmp_path / "out.jsonl"), jobs=2)
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()
