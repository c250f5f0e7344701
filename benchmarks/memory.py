"""Peak memory of one parse as a multiple of the input: the bound behind ``MAX_BYTES``.

Issue 12 asks that a default run cannot exhaust a machine: peak RSS at most
10× the input for realistic text and 40× for the densest input (nothing but
heading lines), and a default ``--max-bytes`` derived from that bound.  This
script measures the factor the limit is derived from (docs/cli.md, "How big
a file may be").

Every measurement runs in a fresh interpreter, so one input's garbage and
the allocator's arenas never count towards another's:

* **in process** (``parse``, and ``parse+json`` for information: the
  document and its whole ``model_dump_json()`` string): import, a warm-up
  parse (it compiles the LALR tables), ``gc.collect()``; baseline = RSS; the
  kernel's high-water mark is reset through ``/proc/self/clear_refs`` and
  read back as VmHWM after ``parse_file`` (and after ``model_dump_json``).
  Where the reset is not available the peak is the process's ``ru_maxrss``
  and the report says so.
* **the CLI** (``cli-outline``, ``cli-parse``, ``cli-render``,
  ``cli-chunks``, and for information ``cli-explain`` and
  ``cli-batch-outline|document|chunks``): ``speechparse outline FILE`` (and
  ``parse``, ``render``, ``chunks``, ``explain``, ``batch --format F FILE -o
  -``) with standard output to /dev/null, started by a fresh small interpreter (a
  forked child inherits its parent's high-water mark); peak = ``ru_maxrss``
  of the command (``os.wait4``), baseline = the same command on a one-line
  file.

Inputs come from ``gen.py``: realistic speech text (``document``) and a
document of nothing but heading lines (``headings``), UTF-8, at the sizes
asked.  "× input" is (peak − baseline) / input bytes.

    .venv/bin/python benchmarks/memory.py                  # 1, 5, 20 MB; prints a table
    .venv/bin/python benchmarks/memory.py --sizes 5 --kinds headings --modes parse
    .venv/bin/python benchmarks/memory.py --json           # one JSON object per measurement
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import resource
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import gen  # noqa: E402 - the generator lives beside this script

MB = 1_000_000
KINDS = ("realistic", "headings")
MODES = (
    "parse",
    "parse+json",
    "cli-outline",
    "cli-parse",
    "cli-render",
    "cli-chunks",
    "cli-explain",
    "cli-batch-outline",
    "cli-batch-document",
    "cli-batch-chunks",
)
INFORMATION = (
    "parse+json",
    "cli-explain",
    "cli-batch-outline",
    "cli-batch-document",
    "cli-batch-chunks",
)
"""Measured and shown, not held to the bound: a whole ``model_dump_json()`` string
is the caller's choice; ``explain`` is a view for one document (a row object
per line); a ``batch`` record is one JSON line, held whole beside the
document (as it must be to go through the worker pool).  docs/cli.md gives
their figures."""
BOUND = {"realistic": 10.0, "headings": 40.0}  # headings: source.WORST_FACTOR
"""The issue's bounds on peak RSS over baseline, as multiples of the input."""


def make_input(kind: str, size: int, folder: Path) -> Path:
    """Write the ``kind`` document of ``size`` UTF-8 bytes (deterministic) and return its path."""
    path = folder / f"{kind}-{size}.txt"
    if not path.exists():
        text = gen.headings(size, seed=1) if kind == "headings" else gen.document(size, seed=1)
        path.write_bytes(text.encode("utf-8"))
    return path


def _status(key: str) -> int:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1]) * 1024
    raise KeyError(key)  # pragma: no cover


def _reset_peak() -> bool:
    """Reset VmHWM to the current RSS (Linux ≥ 4.0); False where that is not possible."""
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
        return True
    except OSError:
        return False


def _peak(exact: bool) -> int:
    if exact:
        return _status("VmHWM")
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def child(path: str, mode: str) -> dict[str, Any]:
    """One in-process measurement (runs in the fresh interpreter ``measure`` starts)."""
    import speechparse  # noqa: PLC0415 - only the measuring child imports the package

    speechparse.parse_text("一、开头\n正文。\n").model_dump_json()  # warm-up: part of the baseline
    gc.collect()
    exact = _reset_peak()
    base = _status("VmRSS")
    doc = speechparse.parse_file(path, max_bytes=None)
    peak_parse = _peak(exact)
    dumped = doc.model_dump_json() if mode == "parse+json" else ""
    peak = _peak(exact)
    del doc, dumped
    return {"baseline": base, "peak": peak, "peak_parse": peak_parse, "exact": exact}


def _cli_peak(command: str, path: Path) -> int:
    """``ru_maxrss`` in bytes of ``speechparse COMMAND PATH``, started from a small process.

    Linux carries a parent's high-water mark into a child it forks (through
    exec), so the command is started by a fresh interpreter that has
    imported nothing, never by this one, which holds the generated inputs.
    """
    out = subprocess.run(
        [sys.executable, __file__, "--cli", command, str(path)],
        check=True,
        capture_output=True,
        text=True,
    )
    return int(out.stdout.strip().splitlines()[-1])


def _cli_child(command: str, path: Path) -> int:
    """``ru_maxrss`` in bytes of ``speechparse COMMAND PATH`` (output thrown away)."""
    script = (
        "import sys; from speechparse.apps.cli import main; "
        "sys.argv = ['speechparse', '--max-bytes', '0', *sys.argv[1].split(), sys.argv[2], "
        "*(['-o', '-'] if sys.argv[1].startswith('batch') else [])]; main()"
    )
    with open(os.devnull, "wb") as sink:
        proc = subprocess.Popen([sys.executable, "-c", script, command, str(path)], stdout=sink)
        _, status, usage = os.wait4(proc.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"speechparse {command} {path} failed")
    return int(usage.ru_maxrss) * 1024


def measure(kind: str, size: int, mode: str, folder: Path) -> dict[str, Any]:
    """Peak RSS over baseline for one (input kind, size, mode), each in a fresh process."""
    path = make_input(kind, size, folder)
    actual = path.stat().st_size
    if mode.startswith("cli-"):
        # cli-batch-document: speechparse batch --format document PATH -o -
        command = mode.removeprefix("cli-").replace("batch-", "batch --format ")
        tiny = folder / "tiny.txt"
        tiny.write_text("一、开头\n正文。\n", encoding="utf-8")
        base = _cli_peak(command, tiny)
        peak = _cli_peak(command, path)
        found: dict[str, Any] = {"baseline": base, "peak": peak, "exact": False}
    else:
        out = subprocess.run(
            [sys.executable, __file__, "--child", str(path), mode],
            check=True,
            capture_output=True,
            text=True,
        )
        found = json.loads(out.stdout.strip().splitlines()[-1])
    delta = found["peak"] - found["baseline"]
    return {
        "kind": kind,
        "size": actual,
        "mode": mode,
        **found,
        "delta": delta,
        "ratio": delta / actual,
        "bound": BOUND[kind],
    }


def table(rows: list[dict[str, Any]]) -> str:
    """The results as a Markdown table (what results.md and the README show)."""
    out = [
        "| input | size | measured | baseline RSS | peak over baseline | × input | bound |",
        "|---|---:|---|---:|---:|---:|---:|",
    ]
    for r in rows:
        bound = "–" if r["mode"] in INFORMATION else f"{r['bound']:.0f}×"
        how = "" if r["exact"] or r["mode"].startswith("cli-") else " (ru_maxrss)"
        out.append(
            f"| {r['kind']} | {r['size'] / MB:.1f} MB | {r['mode']}{how} | "
            f"{r['baseline'] / MB:.0f} MB | {r['delta'] / MB:.1f} MB | "
            f"{r['ratio']:.1f}× | {bound} |"
        )
    return "\n".join(out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1,5,20", help="input sizes in MB, comma-separated")
    ap.add_argument("--kinds", default=",".join(KINDS))
    ap.add_argument("--modes", default=",".join(MODES))
    ap.add_argument("--dir", type=Path, default=None, help="where inputs are written (kept)")
    ap.add_argument("--json", action="store_true", help="JSON Lines instead of a table")
    ap.add_argument("--child", nargs=2, metavar=("PATH", "MODE"), help=argparse.SUPPRESS)
    ap.add_argument("--cli", nargs=2, metavar=("COMMAND", "PATH"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(child(*args.child)))
        return
    if args.cli:
        print(_cli_child(args.cli[0], Path(args.cli[1])))
        return
    sizes = [round(float(s) * MB) for s in args.sizes.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.dir or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        rows = []
        for kind in args.kinds.split(","):
            for size in sizes:
                for mode in args.modes.split(","):
                    row = measure(kind, size, mode, folder)
                    rows.append(row)
                    if args.json:
                        print(json.dumps(row), flush=True)
                    else:
                        print(
                            f"{kind} {size / MB:.0f} MB {mode}: {row['ratio']:.1f}×",
                            file=sys.stderr,
                        )
    if not args.json:
        print(table(rows))
    bounded = [r for r in rows if r["mode"] not in INFORMATION]
    worst = {k: max((r["ratio"] for r in bounded if r["kind"] == k), default=0.0) for k in BOUND}
    missed = [k for k, v in worst.items() if v > BOUND[k]]
    if missed:
        raise SystemExit(f"bound missed for {', '.join(missed)}: {worst}")


if __name__ == "__main__":
    main()
