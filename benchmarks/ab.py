"""Same-run speed ratio of this checkout against another commit, on real documents.

    python benchmarks/ab.py                       # against BASE (the commit before the
                                                  # material-site accuracy work)
    python benchmarks/ab.py --base HEAD~3 --rounds 12 --corpus ../shared/corpus

Why a separate script: bench.py measures speechparse against other tools on
generated documents; a change to the parser is judged by how much slower (or
faster) it parses the documents users have than the code before it did.  The
other commit is exported with ``git archive`` into a temporary folder and run
from its own ``src/`` with this interpreter (so both use the same installed
dependencies).  Rounds alternate between the two trees, each round a fresh
child process that decodes every document once and reports the best of a few
CPU-time passes over all of them; the medians over rounds and their ratio are
printed, so a co-tenant slowing the machine slows both sides alike, and so are
the fastest rounds of each side and their ratio (the least disturbed ones).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BASE = "6a6b4e0"
"""The last commit before the material-site accuracy issue."""

_CHILD = r"""
import sys, time
from pathlib import Path
import speechparse
try:
    from speechparse.reading.decoding import decode
except ImportError:  # a tree from before decoding had a module of its own
    try:
        from speechparse.reading.source import decode
    except ImportError:  # a tree from before the stage packages
        from speechparse.source import decode
files = [Path(p) for p in sys.argv[1:]]
texts = [decode(f.read_bytes())[0] for f in files]
for t in texts:
    speechparse.parse_text(t)
best = float("inf")
for _ in range(5):
    start = time.process_time()
    for t in texts:
        speechparse.parse_text(t)
    best = min(best, time.process_time() - start)
print(best)
"""


def _export(rev: str, into: Path) -> Path:
    """The tree of ``rev`` unpacked under ``into`` (src/ and grammar/ are what is needed)."""
    archive = into / "tree.tar"
    subprocess.run(
        ["git", "-C", str(ROOT), "archive", "--format=tar", "-o", str(archive), rev],
        check=True,
    )
    tree = into / "tree"
    with tarfile.open(archive) as tar:
        tar.extractall(tree, filter="data")
    return tree


def _round(src: Path, files: list[str]) -> float:
    proc = subprocess.run(
        [sys.executable, "-c", _CHILD, *files],
        check=True,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(src), "PATH": "/usr/bin:/bin"},
    )
    return float(proc.stdout.strip().splitlines()[-1])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--base", default=BASE, help=f"commit to compare against (default {BASE})")
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    ap.add_argument("--rounds", type=int, default=8)
    args = ap.parse_args()
    files = sorted(str(p) for p in args.corpus.rglob("*.txt") if "annotate" not in p.parts)
    if not files:
        print(f"ab.py: no .txt files under {args.corpus}", file=sys.stderr)
        return 2
    size = sum(Path(f).stat().st_size for f in files)
    with tempfile.TemporaryDirectory() as tmp:
        base_src = _export(args.base, Path(tmp)) / "src"
        here_src = ROOT / "src"
        times: dict[str, list[float]] = {"base": [], "here": []}
        for _ in range(args.rounds):
            times["base"].append(_round(base_src, files))
            times["here"].append(_round(here_src, files))
    base, here = (statistics.median(times[k]) for k in ("base", "here"))
    print(f"{len(files)} documents, {size / 1e6:.2f} MB, {args.rounds} alternating rounds")
    print(f"base {args.base}: {base * 1000:8.1f} ms  ({size / 1e6 / base:6.1f} MB per CPU-s)")
    print(f"this checkout:  {here * 1000:8.1f} ms  ({size / 1e6 / here:6.1f} MB per CPU-s)")
    print(f"ratio (this / base): {here / base:.2f}")
    # The fastest round of each side is the one a co-tenant disturbed least
    # (timeit's reasoning); on a busy machine it is the steadier figure.
    best_base, best_here = min(times["base"]), min(times["here"])
    print(
        f"fastest rounds: base {best_base * 1000:.1f} ms, this {best_here * 1000:.1f} ms,"
        f" ratio {best_here / best_base:.2f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
