"""``speechparse batch --jobs 2`` against ``--jobs 1``: wall time and CPU per record.

    python benchmarks/batch_jobs.py IN_FOLDER [--rounds 5] [--out benchmarks/batch_results.md]

IN_FOLDER holds the documents (e.g. the corpus's .txt files copied N times
into /tmp, never into the repository).  Each round runs the command line once
with ``--jobs 1`` and once with ``--jobs 2``, in alternating order, each in a
fresh process; the CPU time of a run is the user + system time of the
command and all its workers (``os.wait4``'s rusage counts the waited-for
descendants).  The outputs of every run are compared byte for byte.  The
load average before each run is recorded, since a busy machine makes the
``--jobs 2`` wall time meaningless (its CPU time stays comparable).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
BEGIN = "<!-- batch-jobs:begin -->"
END = "<!-- batch-jobs:end -->"


def run(folder: Path, out: Path, jobs: int, fmt: str) -> tuple[float, float, str, float]:
    """(wall s, CPU s of the process tree, sha256 of the output, 1-minute load before)."""
    exe = Path(sys.executable).with_name("speechparse")
    cmd = [str(exe), "batch", str(folder), "-o", str(out), "--jobs", str(jobs), "--format", fmt]
    load = os.getloadavg()[0]
    w0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - w0
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):  # 1: some inputs failed, records still written
        raise SystemExit(f"{cmd} exited {proc.returncode}")
    digest = hashlib.sha256(out.read_bytes()).hexdigest()
    out.unlink()
    return wall, usage.ru_utime + usage.ru_stime, digest, load


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("folder", type=Path)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--format", default="outline")
    ap.add_argument("--out", type=Path, default=HERE / "batch_results.md")
    args = ap.parse_args()
    records = sum(1 for _ in args.folder.rglob("*.txt"))
    mb = sum(p.stat().st_size for p in args.folder.rglob("*.txt")) / 1e6
    samples: dict[int, list[tuple[float, float, float]]] = {1: [], 2: []}
    digests: set[str] = set()
    with tempfile.TemporaryDirectory(prefix="batch-jobs-") as tmp:
        out = Path(tmp) / "out.jsonl"
        for r in range(args.rounds):
            for jobs in (1, 2) if r % 2 == 0 else (2, 1):
                wall, cpu, digest, load = run(args.folder, out, jobs, args.format)
                samples[jobs].append((wall, cpu, load))
                digests.add(digest)
                print(
                    f"round {r + 1} --jobs {jobs}: wall {wall:.2f} s, CPU {cpu:.2f} s, "
                    f"load {load:.2f}",
                    file=sys.stderr,
                )
    med = {
        j: (statistics.median(w for w, _, _ in s), statistics.median(c for _, c, _ in s))
        for j, s in samples.items()
    }
    best = {j: (min(w for w, _, _ in s), min(c for _, c, _ in s)) for j, s in samples.items()}
    extra_med = med[2][1] / med[1][1] - 1
    extra_best = best[2][1] / best[1][1] - 1
    loads = [ld for s in samples.values() for _, _, ld in s]
    lines = [
        BEGIN,
        f"## `batch --jobs 2` vs `--jobs 1` ({time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())})",
        "",
        f"{records:,} records ({mb:.1f} MB), `--format {args.format}`, {args.rounds} rounds "
        f"alternating the order; {os.cpu_count()} cores; 1-minute load before the runs "
        f"{min(loads):.2f}–{max(loads):.2f}. CPU = user + system of the command and its "
        "workers (`os.wait4`). Outputs byte-identical across all runs: "
        f"{'yes' if len(digests) == 1 else 'NO'}.",
        "",
        "| | wall median s | wall best s | CPU median s | CPU best s | CPU ms per record |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for j in (1, 2):
        lines.append(
            f"| `--jobs {j}` | {med[j][0]:.2f} | {best[j][0]:.2f} | {med[j][1]:.2f} | "
            f"{best[j][1]:.2f} | {med[j][1] / records * 1e3:.3f} |"
        )
    lines += [
        "",
        f"Extra CPU per record with `--jobs 2`: {extra_med * 100:+.1f}% (medians), "
        f"{extra_best * 100:+.1f}% (bests); wall speed-up {med[1][0] / med[2][0]:.2f}×.",
        END,
    ]
    block = "\n".join(lines)
    print(block)
    old = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
    if BEGIN in old and END in old:
        new = old[: old.index(BEGIN)] + block + old[old.index(END) + len(END) :]
    else:
        new = old.rstrip("\n") + ("\n\n" if old else "") + block + "\n"
    args.out.write_text(new, encoding="utf-8")
    print(f"written to {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
