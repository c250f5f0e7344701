"""Where a parse of real documents spends its time, by pipeline stage.

    python benchmarks/where_time_goes.py [--corpus ../shared/corpus] [--reps 5]

Why by stage: the package is laid out one folder per stage (reading/,
structure/, grammar/, model/, views/), so a profile charged to those folders
says which stage a speed change must go to, where a flat list of functions
(hundreds of small ones, none above a few per cent) does not.  cProfile's
self time of every function is charged to its module's stage; a builtin (a
regex method, ``str.strip``, pydantic-core's serializer) is charged to the
stage of the functions that called it, in proportion to the calls.  The
profiler adds a fixed cost per Python call, so call-heavy stages read a
little larger than they are: the shares are for ranking, the benchmark's
CPU-time tables for absolute speed.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import pstats
from collections.abc import Callable
from pathlib import Path
from typing import Any

import speechparse

REPO = Path(__file__).resolve().parents[1]

STAGES: tuple[tuple[str, str], ...] = (
    ("speechparse/views/chunks/", "chunks()"),
    ("speechparse/model/chunk.py", "chunks()"),
    ("speechparse/views/", "chunks()"),  # the workload renders nothing else
    ("speechparse/reading/decoding.py", "reading: decode"),
    ("speechparse/reading/source.py", "reading: decode"),
    ("speechparse/formats/", "reading: decode"),
    ("speechparse/reading/lines.py", "reading: line split"),
    ("speechparse/reading/noise.py", "reading: noise and watermarks"),
    ("speechparse/reading/watermarks.py", "reading: noise and watermarks"),
    ("speechparse/reading/repeated_lines.py", "reading: noise and watermarks"),
    ("speechparse/reading/", "reading: segmentation and line contents"),
    ("speechparse/structure/title", "structure: front matter and title"),
    ("speechparse/structure/glued.py", "structure: front matter and title"),
    ("speechparse/structure/frontmatter.py", "structure: front matter and title"),
    ("speechparse/structure/trailer.py", "structure: trailer and contents table"),
    ("speechparse/structure/toc.py", "structure: trailer and contents table"),
    ("speechparse/structure/", "structure: headings, run-in, levels, paragraphs, points"),
    ("speechparse/lexicon/", "lexicon helpers (pattern gates, numerals)"),
    ("speechparse/grammar/parser.py", "grammar: LALR loop"),
    ("/lark/", "grammar: LALR loop"),
    ("speechparse/grammar/build.py", "tree nodes (builder, model, pydantic)"),
    ("speechparse/model/", "tree nodes (builder, model, pydantic)"),
    ("speechparse/grammar/", "grammar: LALR loop"),
    ("/pydantic", "tree nodes (builder, model, pydantic)"),
    ("speechparse/api.py", "api: driver, masks, Document"),
)
JSON = "JSON dump (model_dump_json)"


def stage_of(filename: str, funcname: str) -> str | None:
    """The stage a function's self time belongs to; None for a builtin (charged to callers)."""
    if "model_dump_json" in funcname:
        return JSON
    for needle, name in STAGES:
        if needle in filename:
            return name
    if filename == "~" or filename.startswith("<"):
        return None
    return "other (stdlib, regex module)"


def profile_stages(blobs: list[bytes], reps: int) -> dict[str, float]:
    """Seconds of self time per stage for ``reps`` passes of parse + chunks() + JSON."""

    def work() -> None:
        for raw in blobs:
            doc = speechparse.parse_bytes(raw)
            doc.chunks()
            doc.model_dump_json()

    work()  # compiles the parser and fills caches outside the profile
    prof = cProfile.Profile()
    gc.disable()
    try:
        prof.enable()
        for _ in range(reps):
            work()
        prof.disable()
    finally:
        gc.enable()
    raw: dict[tuple[str, int, str], Any] = pstats.Stats(prof).stats  # type: ignore[attr-defined]
    return charge_self_time(raw, stage_of, "where_time_goes.py", "other (stdlib, regex module)")


def charge_self_time(
    raw: dict[tuple[str, int, str], Any],
    bucket_of: Callable[[str, str], str | None],
    skip_file: str,
    other: str,
    depth_limit: int = 6,
) -> dict[str, float]:
    """Self time per bucket of a cProfile table; a builtin's (bucket None) goes to its callers.

    Why callers: a regex method or ``str.strip`` is the stage that asked for
    it, shared out in proportion to each caller's calls.  ``skip_file`` is the
    measuring script itself.
    """
    totals: dict[str, float] = {}

    def charge(func: tuple[str, int, str], tt: float, depth: int = 0) -> None:
        name = bucket_of(func[0], func[2])
        if name is None and depth < depth_limit:
            callers = raw[func][4]
            share = sum(v[2] for v in callers.values()) or 1.0
            for caller, v in callers.items():
                charge(caller, tt * v[2] / share, depth + 1)
            if callers:
                return
        name = name or other
        totals[name] = totals.get(name, 0.0) + tt

    for func, (_cc, _nc, tt, _ct, _callers) in raw.items():
        if skip_file in func[0] or func[2] == "<module>":
            continue
        charge(func, tt)
    return totals


def stage_table(by_class: dict[str, dict[str, float]]) -> str:
    """Markdown: each stage's share of the parse per size class, then chunks() and JSON."""
    after = ("chunks()", JSON)
    parse = {c: sum(v for k, v in t.items() if k not in after) or 1.0 for c, t in by_class.items()}
    first = next(iter(by_class.values()))
    stages = sorted((k for k in first if k not in after), key=lambda k: -first[k])
    stages += sorted({k for t in by_class.values() for k in t} - set(stages) - set(after))
    head = " | ".join(by_class)
    lines = [f"| stage | {head} |", "|---|" + "---:|" * len(by_class)]
    for k in stages:
        cells = " | ".join(f"{t.get(k, 0.0) / parse[c] * 100:.0f}%" for c, t in by_class.items())
        lines.append(f"| {k} | {cells} |")
    for k in after:
        cells = " | ".join(f"{t.get(k, 0.0) / parse[c] * 100:.0f}%" for c, t in by_class.items())
        lines.append(f"| *after the parse, as a share of it:* {k} | {cells} |")
    return "\n".join(lines)


def size_classes(blobs: list[bytes], report_bytes: int = 12_000) -> dict[str, list[bytes]]:
    """The benchmark's size classes: files under 12 KB pay the per-document costs."""
    classes = {
        "< 12 KB": [b for b in blobs if len(b) < report_bytes],
        "reports ≥ 12 KB": [b for b in blobs if len(b) >= report_bytes],
        "all": blobs,
    }
    return {k: v for k, v in classes.items() if v}


def _files(corpus: Path) -> list[Path]:
    found = sorted(
        p for p in corpus.rglob("*.txt") if "annotate" not in p.relative_to(corpus).parts
    )
    if found:
        return found
    own = sorted((REPO / "examples").glob("*.txt")) + sorted(
        (REPO / "tests" / "fixtures").glob("*.txt")
    )
    return [p for p in own if p.stat().st_size > 0]


def main(argv: list[str] | None = None, out: Callable[[str], None] = print) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus")
    ap.add_argument("--reps", type=int, default=5)
    args = ap.parse_args(argv)
    blobs = [p.read_bytes() for p in _files(args.corpus)]
    classes = size_classes(blobs)
    out(stage_table({c: profile_stages(b, args.reps) for c, b in classes.items()}))


if __name__ == "__main__":
    main()
