"""Speed and memory of speechparse, side by side with simpler tools, in one run.

    python benchmarks/bench.py            # full run, writes benchmarks/results.md
    python benchmarks/bench.py --quick    # fewer rounds, shorter streaming test

What is measured (see benchmarks/README.md for the method):

* throughput, interleaved over rounds, medians reported: a full parse of a
  file to the typed tree (``speechparse.parse_file``), the same plus
  ``model_dump_json()``, a per-line bullet-regex classifier of the kind
  RAGFlow and Langchain-Chatchat use, LangChain's
  ``RecursiveCharacterTextSplitter`` with Chinese separators, and the limit
  (read + decode + one regex pass) — on a ~6 KB, a ~60 KB and a ~5 MB
  document made by ``gen.py``;
* peak working memory per size, each in a fresh subprocess;
* RSS after 1,000 and after 10,000 parses in one process;
* where the time goes by stage (direct timing of the pipeline's stages, and
  a cProfile run bucketed by module).

Every method starts from a path on disk (page cache), so all of them pay for
the read and the decode.  1 MB = 10**6 bytes of UTF-8 input.
"""

# ruff: noqa: PLC0415 - imports stay inside functions so that what is imported
# (and when) is part of what each measurement controls: child processes, the
# optional LangChain column, the stage breakdown's internals.
from __future__ import annotations

import argparse
import cProfile
import gc
import inspect
import json
import os
import platform
import pstats
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

import gen  # noqa: E402  (benchmarks/ is not a package)
from ragflow_style import bullet_classify  # noqa: E402
from where_time_goes import (  # noqa: E402
    charge_self_time,
    profile_stages,
    size_classes,
    stage_table,
)

SIZES: dict[str, tuple[int, int]] = {  # label -> (target bytes, seed)
    "6 KB": (6_000, 1),
    "60 KB": (60_000, 2),
    "5 MB": (5_000_000, 3),
}
STREAM_DOCS = 10_000
STREAM_CHECKPOINTS = (100, 1_000, 2_000, 5_000, 10_000)
NOTES_BEGIN = "<!-- notes:begin -->"
NOTES_END = "<!-- notes:end -->"

# ---------------------------------------------------------------------------
# the methods compared


_LIMIT = re.compile(
    r"^[ \t\u3000]*(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|[0-9]+[.．])", re.M
)


def limit(path: Path) -> int:
    """Read, decode, one regex pass (line-start markers): the floor of any parser."""
    text = path.read_bytes().decode("utf-8")
    return sum(1 for _ in _LIMIT.finditer(text))


PARSE = "speechparse: parse → typed tree"
PARSE_JSON = "speechparse: parse + JSON dump"
LIMIT = "limit: read + decode + 1 regex pass"
BULLETS = "RAGFlow-style bullet classifier"
LANGCHAIN = "LangChain RecursiveCharacterTextSplitter"


def langchain_splitter() -> Any:
    """LangChain's splitter with Chinese separators, or None when it is not installed."""
    try:
        from langchain_text_splitters import RecursiveCharacterTextSplitter
    except ImportError:  # pragma: no cover - the bench extra installs it
        print("langchain-text-splitters not installed: skipping that column", file=sys.stderr)
        return None
    return RecursiveCharacterTextSplitter(
        separators=["\n\n", "\n", "。", "！", "？", "，", ""],
        chunk_size=500,
        chunk_overlap=50,
    )


def make_methods() -> dict[str, Callable[[Path], Any]]:
    """Name -> function of a path.  Imports happen here, outside the timing."""
    import speechparse

    methods: dict[str, Callable[[Path], Any]] = {
        PARSE: speechparse.parse_file,
        PARSE_JSON: lambda p: speechparse.parse_file(p).model_dump_json(),
        BULLETS: lambda p: bullet_classify(p.read_bytes().decode("utf-8")),
    }
    splitter = langchain_splitter()
    if splitter is not None:
        methods[LANGCHAIN] = lambda p: splitter.split_text(p.read_bytes().decode("utf-8"))
    methods[LIMIT] = limit
    return methods


# ---------------------------------------------------------------------------
# throughput


@dataclass
class Sample:
    wall: list[float] = field(default_factory=list)  # seconds per document
    cpu: list[float] = field(default_factory=list)


def _batch(fn: Callable[[Path], Any], path: Path, n: int) -> tuple[float, float]:
    w0, c0 = time.perf_counter(), time.process_time()
    for _ in range(n):
        fn(path)
    return (time.perf_counter() - w0) / n, (time.process_time() - c0) / n


def throughput(
    paths: dict[str, Path], methods: dict[str, Callable[[Path], Any]], rounds: int, batch_s: float
) -> dict[tuple[str, str], Sample]:
    """Interleaved rounds: each round times every (size, method) once, in random order."""
    counts: dict[tuple[str, str], int] = {}
    for label, path in paths.items():
        for name, fn in methods.items():
            fn(path)  # warm-up (compiles the parser on the first call)
            one, _ = _batch(fn, path, 1)
            counts[label, name] = max(1, min(5_000, round(batch_s / max(one, 1e-7))))
    samples = {key: Sample() for key in counts}
    rng = random.Random(0)
    keys = list(counts)
    for r in range(rounds):
        rng.shuffle(keys)
        for label, name in keys:
            wall, cpu = _batch(methods[name], paths[label], counts[label, name])
            samples[label, name].wall.append(wall)
            samples[label, name].cpu.append(cpu)
        print(f"  round {r + 1}/{rounds} done", file=sys.stderr)
    return samples


# ---------------------------------------------------------------------------
# real documents: the main workload

CORPUS = REPO.parent / "shared" / "corpus"
REPORT_BYTES = 12_000  # a "report": a file of at least this many bytes
PARSE_CHUNKS = "speechparse: parse + chunks"
REAL_CLASSES = ("< 12 KB", "reports ≥ 12 KB", "all")


def real_documents() -> tuple[str, list[Path]]:
    """The corpus's .txt files (not annotate/) when present, else the project's genre files."""
    if CORPUS.is_dir():
        found = sorted(
            p for p in CORPUS.rglob("*.txt") if "annotate" not in p.relative_to(CORPUS).parts
        )
        if found:
            return f"../shared/corpus ({len(found)} .txt files, annotate/ left out)", found
    own = sorted((REPO / "examples").glob("*.txt")) + sorted(
        (REPO / "tests" / "fixtures").glob("*.txt")
    )
    return f"the project's genre files ({len(own)}: examples/, tests/fixtures/)", [
        p for p in own if p.stat().st_size > 0
    ]


def _decode(raw: bytes) -> str:
    return raw.decode("utf-8", "replace")


def real_methods() -> dict[str, Callable[[bytes], Any]]:
    """Name -> function of a file's bytes (read once, outside the timing)."""
    import speechparse

    methods: dict[str, Callable[[bytes], Any]] = {
        LIMIT: lambda raw: sum(1 for _ in _LIMIT.finditer(_decode(raw))),
        BULLETS: lambda raw: bullet_classify(_decode(raw)),
        PARSE: speechparse.parse_bytes,
        PARSE_CHUNKS: lambda raw: speechparse.parse_bytes(raw).chunks(),
        PARSE_JSON: lambda raw: speechparse.parse_bytes(raw).model_dump_json(),
    }
    splitter = langchain_splitter()
    if splitter is not None:
        methods[LANGCHAIN] = lambda raw: splitter.split_text(_decode(raw))
    return methods


def real_throughput(
    files: list[Path], methods: dict[str, Callable[[bytes], Any]], rounds: int
) -> dict[tuple[str, str], list[float]]:
    """CPU seconds for one pass over each size class, per method; interleaved rounds, gc off."""
    blobs = [p.read_bytes() for p in files]
    classes = {
        "< 12 KB": [b for b in blobs if len(b) < REPORT_BYTES],
        "reports ≥ 12 KB": [b for b in blobs if len(b) >= REPORT_BYTES],
        "all": blobs,
    }
    for fn in methods.values():
        for b in blobs:
            fn(b)  # warm-up: compiles the parser, fills caches
    samples: dict[tuple[str, str], list[float]] = {
        (c, m): [] for c in classes for m in methods if classes[c]
    }
    keys = list(samples)
    rng = random.Random(1)
    for r in range(rounds):
        rng.shuffle(keys)
        for cls, name in keys:
            fn, docs = methods[name], classes[cls]
            gc.collect()
            gc.disable()
            try:
                c0 = time.process_time()
                for b in docs:
                    fn(b)
                samples[cls, name].append(time.process_time() - c0)
            finally:
                gc.enable()
        print(f"  real round {r + 1}/{rounds} done", file=sys.stderr)
    return samples


def real_memory(files: list[Path], tmp: Path) -> dict[str, dict[str, Any]]:
    """Peak RSS for parse + JSON, fresh subprocess: the largest real file and the concatenation.

    Two ways to the JSON: written as the CLI writes it (``document_json``'s
    pieces, the peak being the document plus one piece), and
    ``model_dump_json()``, a ``str`` of the whole JSON (two bytes a Chinese
    character, about 2× the input on its own) built from a buffer of its
    UTF-8 bytes: a Python caller's way.
    """
    largest = max(files, key=lambda p: p.stat().st_size)
    cat = tmp / "real_concatenated.txt"
    cat.write_bytes(b"\n\n".join(p.read_bytes() for p in files))
    out = {}
    for label, path in (("largest real file", largest), ("all real files concatenated", cat)):
        for mode, how in (("written", "JSON written"), ("json", "model_dump_json")):
            result = run_child("memory", str(path), mode)
            result["bytes"] = path.stat().st_size
            out[f"{label}, {how}"] = result
    return out


def real_report(
    where: str,
    files: list[Path],
    samples: dict[tuple[str, str], list[float]],
    memory: dict[str, dict[str, Any]],
) -> tuple[str, list[tuple[str, str, str, bool]]]:
    """The real-document tables and the floors (floor, value, bound, met)."""
    sizes = {
        "< 12 KB": [p.stat().st_size for p in files if p.stat().st_size < REPORT_BYTES],
        "reports ≥ 12 KB": [p.stat().st_size for p in files if p.stat().st_size >= REPORT_BYTES],
        "all": [p.stat().st_size for p in files],
    }
    names = [
        m
        for m in (LIMIT, BULLETS, LANGCHAIN, PARSE, PARSE_CHUNKS, PARSE_JSON)
        if any(k[1] == m for k in samples)
    ]
    lines = [
        "## Real documents (the main workload)",
        "",
        f"Workload: {where}; size classes by file size (a report is ≥ 12 KB). Every method "
        "starts from the file's bytes (read once, outside the timing) and decodes them. "
        "CPU time (`time.process_time`) of one pass over the class, gc off, interleaved "
        f"rounds in random order ({len(next(iter(samples.values())))} rounds); docs and MB "
        "per CPU-s from the best round, the ratio × parse from the medians.",
        "",
    ]
    best: dict[tuple[str, str], float] = {}
    med: dict[tuple[str, str], float] = {}
    for key, xs in samples.items():
        best[key], med[key] = min(xs), statistics.median(xs)
    for cls in REAL_CLASSES:
        if not sizes[cls]:
            continue
        n, nbytes = len(sizes[cls]), sum(sizes[cls])
        lines += [
            f"### {cls}: {n} files, {_mb(nbytes)}",
            "",
            "| method | best ms | median ms | docs per CPU-s | MB per CPU-s | × parse (median) |",
            "|---|---:|---:|---:|---:|---:|",
        ]
        for m in names:
            if (cls, m) not in best:
                continue
            b, md = best[cls, m], med[cls, m]
            lines.append(
                f"| {m} | {b * 1e3:.2f} | {md * 1e3:.2f} | {n / b:,.0f} | "
                f"{nbytes / 1e6 / b:.2f} | {md / med[cls, PARSE]:.2f} |"
            )
        lines.append("")
    floors: list[tuple[str, str, str, bool]] = []
    r = med["all", PARSE] / med["all", LIMIT]
    floors.append(("parse ≤ 7× decode+regex floor (all)", f"{r:.1f}×", "≤ 7×", r <= 7))
    for cls in REAL_CLASSES:
        if (cls, BULLETS) in med:
            r = med[cls, BULLETS] / med[cls, PARSE]
            floors.append((f"parse ≥ 2× RAGFlow-style peer ({cls})", f"{r:.2f}×", "≥ 2×", r >= 2))
    if ("< 12 KB", PARSE) in best:
        rate = len(sizes["< 12 KB"]) / best["< 12 KB", PARSE]
        floors.append(("parse docs per CPU-s (< 12 KB)", f"{rate:,.0f}", "≥ 9,000", rate >= 9000))
    r = med["all", PARSE_CHUNKS] / med["all", PARSE]
    floors.append(("parse + chunks ≤ 1.3× parse (all)", f"{r:.2f}×", "≤ 1.3×", r <= 1.3))
    for label, m in memory.items():
        x = (m["baseline"] + m["peak_delta"]) / m["bytes"]
        xd = m["peak_delta"] / m["bytes"]
        floors.append(
            (
                f"peak RSS parse + JSON ≤ 6× input ({label}, {_mb(m['bytes'])})",
                f"{xd:.1f}× over baseline ({x:.0f}× with the interpreter)",
                "≤ 6×",
                xd <= 6,
            )
        )
    lines += [
        "### Floors (issue 14)",
        "",
        "| floor | measured | bound | met |",
        "|---|---:|---:|---|",
        *(f"| {f} | {v} | {b} | {'met' if ok else 'NOT met'} |" for f, v, b, ok in floors),
        "",
    ]
    return "\n".join(lines), floors


def real_where(files: list[Path], reps: int) -> str:
    """The "where the time goes" table for the real documents (benchmarks/where_time_goes.py)."""
    blobs = [p.read_bytes() for p in files]
    by_class = {c: profile_stages(b, reps) for c, b in size_classes(blobs, REPORT_BYTES).items()}
    return (
        "\n### Where the time goes (real documents, by stage)\n\n"
        "cProfile self time of parse + `chunks()` + `model_dump_json()`, each function "
        "charged to its stage's folder, builtins to their callers "
        f"(`benchmarks/where_time_goes.py`, {reps} passes). The profiler's per-call cost "
        "inflates call-heavy stages a little: shares for ranking, the tables above for "
        "speed.\n\n" + stage_table(by_class) + "\n"
    )


# ---------------------------------------------------------------------------
# memory, each measurement in a fresh interpreter


def _status() -> dict[str, int]:
    out = {}
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(("VmRSS:", "VmHWM:")):
                key, value = line.split(":")
                out[key] = int(value.split()[0]) * 1024
    return out


def _rss() -> int:
    try:
        import psutil

        return int(psutil.Process().memory_info().rss)
    except ImportError:  # pragma: no cover
        return _status()["VmRSS"]


def _reset_peak() -> bool:
    """Reset the kernel's high-water mark (VmHWM) to the current RSS (Linux ≥ 4.0)."""
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
        return True
    except OSError:
        return False


def _peak() -> int:
    try:
        return _status()["VmHWM"]
    except (OSError, KeyError):  # pragma: no cover - not Linux
        import resource

        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def child_memory(path: str, mode: str) -> dict[str, Any]:
    """Peak RSS over the baseline for one parse.

    ``mode``: ``parse``, ``json`` (``model_dump_json``), ``written`` (the
    JSON written in pieces, as the CLI does) or ``tracemalloc``.
    """
    t0 = time.perf_counter()
    import speechparse

    t_import = time.perf_counter() - t0
    t0 = time.perf_counter()
    speechparse.parse_text("一、开头\n正文。\n")  # compiles the parser: part of the baseline
    t_first = time.perf_counter() - t0
    data_path = Path(path)
    gc.collect()
    if mode == "tracemalloc":
        import tracemalloc

        tracemalloc.start()
        doc = speechparse.parse_file(data_path)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        del doc
        return {"py_peak": peak}
    exact = _reset_peak()
    base = _rss()
    doc = speechparse.parse_file(data_path)
    dumped = doc.model_dump_json() if mode == "json" else None
    if mode == "written":  # as ``speechparse parse FILE -o OUT`` writes it: in pieces
        from speechparse.views.document_json import document_json

        with open(os.devnull, "wb") as sink:
            for piece in document_json(doc):
                sink.write(piece)
    held = _rss()
    peak = _peak()
    del doc, dumped
    gc.collect()
    return {
        "baseline": base,
        "peak_delta": peak - base,
        "held_delta": held - base,
        "after_free_delta": _rss() - base,
        "exact_peak": exact,
        "import_s": t_import,
        "first_parse_s": t_first,
    }


def child_stream(paths: list[str], total: int) -> dict[str, Any]:
    """RSS at checkpoints while parsing ``total`` documents in one process."""
    import speechparse

    blobs = [Path(p).read_bytes() for p in paths]
    speechparse.parse_bytes(blobs[0])
    gc.collect()
    points: dict[int, int] = {0: _rss()}
    t0 = time.perf_counter()
    for i in range(1, total + 1):
        speechparse.parse_bytes(blobs[i % len(blobs)])
        if i in STREAM_CHECKPOINTS:
            gc.collect()
            points[i] = _rss()
    return {"rss": points, "seconds": time.perf_counter() - t0}


def run_child(*args: str) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, __file__, "--child", *args],
        check=False,
        capture_output=True,
        text=True,
    )
    if out.returncode != 0:
        raise SystemExit(f"child {args[0]} failed:\n{out.stderr}")
    return json.loads(out.stdout.strip().splitlines()[-1])


# ---------------------------------------------------------------------------
# where the time goes


def _no_gc(fn: Callable[[], Any]) -> Callable[[], Any]:
    def run() -> Any:
        was = gc.isenabled()
        gc.disable()
        try:
            return fn()
        finally:
            if was:
                gc.enable()

    return run


def _best_each(fns: dict[str, Callable[[], Any]], reps: int) -> dict[str, float]:
    """Best (minimum) time of each function, measured round-robin over ``reps`` rounds.

    The minimum is the least disturbed measurement of a fixed amount of work;
    round-robin spreads drift in machine load over all functions alike, so
    differences between rows stay meaningful on a busy machine.
    """
    best = dict.fromkeys(fns, float("inf"))
    for _ in range(reps):
        for name, fn in fns.items():
            t0 = time.perf_counter()
            fn()
            best[name] = min(best[name], time.perf_counter() - t0)
    return best


EXTRA: dict[str, dict[str, float]] = {}
"""Per input file: timings of single hot functions, reported beside the stage table."""


def _extra(paths: dict[str, Path], label: str) -> dict[str, float]:
    """A stage column's hot-function timings: by file name, or by label (the real file)."""
    return EXTRA.get(paths[label].name if label in paths else label, {})


def _heading_texts(result: Any) -> list[str]:
    """Heading lines as ``runin.heading_end`` sees them: heading, 。, run-in body."""
    out = []
    pieces = result.pieces
    for i, p in enumerate(pieces):
        if p.type.startswith("H") and p.type[1:].isdigit():
            body = pieces[i + 1].blocks[0].text if p.run_in else ""
            out.append(p.heading + "。" + body)
    return out


def _paragraph_texts(result: Any) -> list[str]:
    """The text of every paragraph node the lexer made (BODY pieces hold them)."""
    return [
        b.text for p in result.pieces if p.type == "BODY" for b in p.blocks if b.kind == "paragraph"
    ]


def stage_breakdown(path: Path, reps: int) -> list[tuple[str, float]]:
    """Median seconds per stage, timed directly (no profiler overhead).

    Uses the package's internal functions; each stage is timed on its own, so
    the rows add up to about the total.  Stages whose internals changed name
    are reported as missing rather than guessed.
    """
    from lark import Transformer

    from speechparse import api
    from speechparse.grammar.parser import make_parser
    from speechparse.lexicon.chars import WHITESPACE
    from speechparse.reading import noise

    try:  # decoding and line splitting have modules of their own since issue 15
        from speechparse.reading import decoding
        from speechparse.reading import lines as line_split
    except ImportError:
        from speechparse.reading import source as decoding
        from speechparse.reading import source as line_split
    from speechparse.reading.content import Content
    from speechparse.structure import lexer, runin
    from speechparse.structure.tokens import points

    try:
        from speechparse.reading.content import read_contents
    except ImportError:  # older layout: the lexer read its own lines
        read_contents = None
    data = path.read_bytes()
    text, _ = decoding.decode(data)
    lines = line_split.split_lines(text)
    ws = WHITESPACE
    stripped = [(ln.start, ln.end, text[ln.start : ln.end].strip(ws)) for ln in lines]
    stripped = [line for line in stripped if line[2]]  # the lexer skips blank lines

    def run_lex() -> Any:
        # Since issue 15 the driver reads and hands the lexer the contents.
        if read_contents is None or "contents" not in inspect.signature(lexer.lex).parameters:
            return lexer.lex(text)
        spans: list[Any] = []
        return lexer.lex(text, read_contents(text, spans), spans)

    result = run_lex()
    tokens = result.pieces  # the lexer's pieces are lark's tokens
    full_parser = api._parser()
    rule_names = {str(r.origin.name) for r in make_parser(None).rules}
    noop = {n: (lambda _self, _children: None) for n in rule_names if not n.startswith("_")}
    noop_parser: Any = make_parser(type("NoOp", (Transformer,), noop)())
    try:  # the parse runs lark's table in our own loop (grammar.Parser)
        from speechparse.grammar.parser import Parser

        noop_parser = Parser(noop_parser)
    except ImportError:  # older layout: lark's parser ran it
        pass
    doc = api.parse_text(text)

    def scan_noise() -> None:
        for start, end, clean in stripped:
            noise.line_noise(text, start, end)
            noise.whole_line_noise(clean)

    fns: dict[str, Callable[[], Any]] = {
        "read": path.read_bytes,
        "decode": lambda: decoding.decode(data),
        "split": lambda: line_split.split_lines(text),
        "noise": scan_noise,
        "lex": run_lex,
        "lark": lambda: noop_parser.parse(tokens),
        "full": lambda: full_parser.parse(tokens),
        "parse_text": lambda: api.parse_text(text),
        "json": doc.model_dump_json,
    }
    if read_contents is not None:
        fns["contents"] = lambda: read_contents(text, [])
    texts = [Content(0, len(t), t) for t in _paragraph_texts(result)]
    fns["tokens.points over the paragraphs"] = lambda: [points(c, 0, c.text) for c in texts]
    heading_texts = _heading_texts(result)
    if heading_texts:
        fns["runin.heading_end over heading lines"] = lambda: [
            runin.heading_end(t) for t in heading_texts
        ]
    # parse_text turns the cyclic GC off while it runs; the stages run the same
    # way, or a collection landing in one stage would be charged to it.
    gc_free = {k: _no_gc(f) for k, f in fns.items()}
    t = _best_each(gc_free, reps)
    t_read, t_decode, t_split, t_noise = t["read"], t["decode"], t["split"], t["noise"]
    t_contents = t.get("contents")
    t_lex, t_lark, t_full = t["lex"], t["lark"], t["full"]
    t_text, t_json = t["parse_text"], t["json"]
    rest = t_text - t_lex - t_full
    extra = {k: v for k, v in t.items() if k == "parse_text" or "." in k}
    EXTRA[path.name] = extra
    rows = [
        ("read file (page cache)", t_read),
        ("decode (decoding.decode)", t_decode),
        ("line split (lines.split_lines)", t_split),
        ("noise scan (line_noise, whole_line_noise)", t_noise),
    ]
    if t_contents is not None:
        rows.append(
            (
                "line contents, rest (content.read_contents − split − noise)",
                t_contents - t_split - t_noise,
            )
        )
        rows.append(
            (
                "lexer, rest (front matter, trailer, headings, run-in, levels, paragraph nodes)",
                t_lex - t_contents,
            )
        )
    else:
        rows.append(
            ("lexer, rest (classify lines, headings, run-in, levels)", t_lex - t_split - t_noise)
        )
    rows += [
        ("LALR loop over lark's table, no-op callbacks", t_lark),
        ("section and title nodes (build.Builder callbacks)", t_full - t_lark),
        ("residual: Document, noise nodes, masks (parse_text − lex − parse)", rest),
        ("JSON dump (model_dump_json)", t_json),
    ]
    return rows


_BUCKETS = (
    ("speechparse/reading/source.py", "decode + line split"),
    ("speechparse/reading/decoding.py", "decode + line split"),
    ("speechparse/reading/lines.py", "decode + line split"),
    ("speechparse/reading/noise.py", "noise scan"),
    ("speechparse/reading/content.py", "lexer: line contents"),
    ("speechparse/grammar/build.py", "model building"),
    ("speechparse/model/", "model building"),
    ("/pydantic", "model building"),
    ("speechparse/api.py", "api glue (Document, noise nodes, masks)"),
    ("speechparse/grammar/parser.py", "lark"),
    ("/lark/", "lark"),
    ("speechparse/", "lexer: classification"),  # lexer, frontmatter, trailer, levels, runin …
    ("dataclasses.py", "lexer: classification"),
)


def _bucket(filename: str, funcname: str) -> str | None:
    if "model_dump_json" in funcname:
        return "JSON dump"
    for needle, name in _BUCKETS:
        if needle in filename:
            return name
    if filename == "~" or filename.startswith("<"):
        return None  # builtin: charged to its callers
    return "other"


def profile_buckets(path: Path, reps: int) -> tuple[list[tuple[str, float]], list[str]]:
    """cProfile of parse + JSON: self time per pipeline bucket, and the top functions.

    The time of a builtin (a regex method, ``str.strip``, pydantic-core's
    validator) is charged to the bucket of the function that called it.
    """
    import speechparse

    speechparse.parse_file(path).model_dump_json()
    prof = cProfile.Profile()
    prof.enable()
    for _ in range(reps):
        speechparse.parse_file(path).model_dump_json()
    prof.disable()
    stats = pstats.Stats(prof)
    raw: dict[tuple[str, int, str], Any] = stats.stats  # type: ignore[attr-defined]
    totals = charge_self_time(raw, _bucket, "bench.py", "other", depth_limit=4)
    whole = sum(totals.values()) or 1.0
    buckets = sorted(((k, v / whole) for k, v in totals.items()), key=lambda kv: -kv[1])
    top = sorted(raw.items(), key=lambda kv: -kv[1][2])[:15]
    lines = []
    for (fname, lineno, func), (_cc, nc, tt, ct, _c) in top:
        short = fname.split("site-packages/")[-1].split("/src/")[-1]
        lines.append(
            f"| {tt / whole * 100:5.1f}% | {ct / whole * 100:5.1f}% | {nc // reps} | "
            f"`{short}:{lineno}({func})` |"
        )
    return buckets, lines


def call_tree(path: Path, out: Path) -> None:
    """A pyinstrument call tree of repeated parse + JSON dump, as text."""
    from pyinstrument import Profiler

    import speechparse

    reps = max(1, 5_000_000 // path.stat().st_size)
    profiler = Profiler(interval=0.0005)
    profiler.start()
    for _ in range(reps):
        speechparse.parse_file(path).model_dump_json()
    profiler.stop()
    out.write_text(profiler.output_text(unicode=True, color=False), encoding="utf-8")
    print(f"call tree written to {out}", file=sys.stderr)


# ---------------------------------------------------------------------------
# report


def _where() -> str:
    import speechparse

    where = Path(speechparse.__file__).resolve().parent
    try:
        return str(where.relative_to(REPO))
    except ValueError:
        return str(where)


def _fmt_rate(x: float) -> str:
    return f"{x:,.0f}" if x >= 100 else f"{x:,.1f}" if x >= 10 else f"{x:,.2f}"


def _mb(n: float) -> str:
    return f"{n / 1e6:,.1f} MB"


def report(
    *,
    paths: dict[str, Path],
    samples: dict[tuple[str, str], Sample],
    memory: dict[str, dict[str, Any]],
    stream: dict[str, Any] | None,
    stages: dict[str, list[tuple[str, float]]],
    buckets: tuple[list[tuple[str, float]], list[str]] | None,
    args: argparse.Namespace,
) -> str:
    sizes = {label: p.stat().st_size for label, p in paths.items()}
    med = {k: statistics.median(s.wall) for k, s in samples.items()}
    cpu = {k: statistics.median(s.cpu) for k, s in samples.items()}
    methods = list(dict.fromkeys(name for _, name in samples))
    out: list[str] = []
    w = out.append
    head = subprocess.run(
        ["git", "-C", str(REPO), "describe", "--always", "--dirty"],
        capture_output=True, text=True, check=False,
    ).stdout.strip()  # fmt: skip
    dirty = subprocess.run(
        ["git", "-C", str(REPO), "status", "--short", "--", "src", "grammar"],
        capture_output=True, text=True, check=False,
    ).stdout.split("\n")  # fmt: skip
    dirty = [line[3:] for line in dirty if line.strip()]
    if dirty:
        head += " + uncommitted changes in " + ", ".join(dirty)
    head = os.environ.get("SPEECHPARSE_BENCH_LABEL", head)
    w("# speechparse benchmark results\n")
    w(
        f"Generated by `python benchmarks/bench.py{' --quick' if args.quick else ''}` on "
        f"{time.strftime('%Y-%m-%d %H:%M')}; commit `{head or '?'}`; Python "
        f"{platform.python_version()} on {platform.machine()}, {os.cpu_count()} cores "
        f"(shared with other work, so medians of {args.rounds} interleaved rounds are quoted).  "
        f"speechparse imported from `{_where()}`.\n"
    )
    w(
        "Inputs (made by `benchmarks/gen.py`, UTF-8): "
        + ", ".join(f"{label} = {sizes[label]:,} bytes" for label in paths)
        + ".  "
        "1 MB = 10^6 bytes of input.  Every method starts from the file path.\n"
    )
    w("## Throughput (median wall clock, one core)\n")
    w(
        "| input | method | docs/s | MB/s | ms/doc | docs per CPU-s | best round docs/s "
        "| × limit time |"
    )
    w("|---|---|---:|---:|---:|---:|---:|---:|")
    for label in paths:
        for name in methods:
            if (label, name) not in med:
                continue
            t, c = med[label, name], cpu[label, name]
            best = min(samples[label, name].wall)
            ratio = t / med[label, LIMIT]
            w(
                f"| {label} | {name} | {_fmt_rate(1 / t)} | {_fmt_rate(sizes[label] / 1e6 / t)} | "
                f"{t * 1e3:,.3f} | {_fmt_rate(1 / c) if c > 0 else '–'} | {_fmt_rate(1 / best)} | "
                f"{ratio:,.1f} |"
            )
    w("")
    w("Ratios (median times):\n")
    w(
        "| input | parse / limit | parse / bullet regex | parse / LangChain "
        "| JSON dump share of parse+JSON | spread of parse (max/min over rounds) |"
    )
    w("|---|---:|---:|---:|---:|---:|")
    for label in paths:
        p = med[label, PARSE]
        lc = f"{p / med[label, LANGCHAIN]:,.1f}×" if (label, LANGCHAIN) in med else "–"
        s = samples[label, PARSE].wall
        pj = med[label, PARSE_JSON]
        w(
            f"| {label} | {p / med[label, LIMIT]:,.0f}× | {p / med[label, BULLETS]:,.1f}× | "
            f"{lc} | {(pj - p) / pj * 100:,.0f}% | {max(s) / min(s):.2f} |"
        )
    w("")

    # memory
    if memory:
        w("## Memory (fresh subprocess per size)\n")
        w("Baseline = RSS after import and a warm-up parse.\n")
        w(
            "| input | input size | peak RSS over baseline, parse | × input "
            "| peak, parse + JSON | × input | RSS held by the Document "
            "| Python heap peak (tracemalloc) | × input |"
        )
        w("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
        for label in paths:
            m = memory[label]
            n = sizes[label]
            w(
                f"| {label} | {n:,} B | {_mb(m['parse']['peak_delta'])} | "
                f"{m['parse']['peak_delta'] / n:.1f}× | {_mb(m['json']['peak_delta'])} | "
                f"{m['json']['peak_delta'] / n:.1f}× | {_mb(m['parse']['held_delta'])} | "
                f"{_mb(m['tracemalloc']['py_peak'])} | {m['tracemalloc']['py_peak'] / n:.1f}× |"
            )
        m0 = next(iter(memory.values()))["parse"]
        w("")
        w(
            f"Start-up: `import speechparse` {m0['import_s'] * 1e3:.0f} ms, first parse (compiles "
            f"the LALR tables) {m0['first_parse_s'] * 1e3:.0f} ms; baseline RSS "
            f"{_mb(m0['baseline'])}.  Peak = VmHWM after resetting it via /proc/self/clear_refs"
            f"{'' if m0['exact_peak'] else ' (reset failed: ru_maxrss, an upper bound)'}; "
            "small inputs sit inside the allocator's slack, so their RSS deltas read as ~0.\n"
        )
    if stream:
        pts = {int(k): v for k, v in stream["rss"].items()}
        w(f"## Streaming {STREAM_DOCS:,} documents in one process\n")
        w(
            "Parses the 6 KB-class documents of 20 seeds in turn with `parse_bytes`, keeps "
            "nothing; `gc.collect()` before each reading.\n"
        )
        w("| after N parses | " + " | ".join(f"{n:,}" for n in sorted(pts)) + " |")
        w("|---|" + "---:|" * len(pts))
        w("| RSS | " + " | ".join(_mb(pts[n]) for n in sorted(pts)) + " |")
        w("")
        growth = pts[max(pts)] - pts[1_000]
        w(
            f"Growth from 1,000 to {max(pts):,} parses: {growth / 1e6:+.2f} MB "
            f"({growth / (max(pts) - 1_000):+,.0f} B per document); {max(pts):,} parses took "
            f"{stream['seconds']:.1f} s.\n"
        )

    if stages:
        w("## Where the time goes, by stage (timed directly, best of N round-robin)\n")
        labels = list(stages)
        w("| stage | " + " | ".join(f"{lb} ms | %" for lb in labels) + " |")
        w("|---|" + "---:|---:|" * len(labels))
        totals = {lb: sum(t for _, t in stages[lb]) for lb in labels}
        for i, (name, _) in enumerate(stages[labels[0]]):
            cells = []
            for lb in labels:
                t = stages[lb][i][1]
                cells.append(f"{t * 1e3:,.3f} | {t / totals[lb] * 100:,.0f}%")
            w(f"| {name} | " + " | ".join(cells) + " |")
        w(
            "| **sum** | "
            + " | ".join(f"**{totals[lb] * 1e3:,.2f}** | 100%" for lb in labels)
            + " |"
        )
        w("")
        w("Single hot functions inside those stages (same method):\n")
        w("| | " + " | ".join(f"{lb} ms | % of parse" for lb in labels) + " |")
        w("|---|" + "---:|---:|" * len(labels))
        names = list(dict.fromkeys(k for lb in labels for k in _extra(paths, lb)))
        for key in names:
            if key == "parse_text":
                continue
            cells = []
            for lb in labels:
                e = _extra(paths, lb)
                if key in e:
                    cells.append(f"{e[key] * 1e3:,.3f} | {e[key] / e['parse_text'] * 100:,.0f}%")
                else:
                    cells.append("– | –")
            w(f"| {key} | " + " | ".join(cells) + " |")
        w("")
        w(
            "The lark row runs the same LALR tables and token stream with callbacks that return "
            'None, so the "section and title nodes" row is the full parse minus that: the Builder '
            "methods and lark's per-rule wrappers around them.  Paragraph, salutation and point "
            "nodes are made by the lexer and counted in its row.  Every stage runs with the "
            "cyclic GC off, as parse_text does.\n"
        )
    if buckets:
        b, top = buckets
        w("## cProfile of parse + JSON on the 60 KB document\n")
        w(
            "Self time per bucket (builtins such as regex methods and pydantic-core validators "
            "charged to the module that called them).  cProfile inflates Python-heavy code, so "
            "read these as proportions, and the table above for absolute times.\n"
        )
        w("| bucket | share |")
        w("|---|---:|")
        for name, share in b:
            w(f"| {name} | {share * 100:.1f}% |")
        w("")
        w("Top functions by self time:\n")
        w("| self | cumulative | calls/doc | function |")
        w("|---:|---:|---:|---|")
        out.extend(top)
        w("")

    # floors: per core = per CPU-second of the one core the benchmark runs on
    w("## Floors from the issue\n")
    w(
        "Judged on the median CPU time per document (documents per CPU-second of one core), "
        "which other processes on this shared machine inflate far less than wall-clock time; "
        "wall-clock medians in brackets.\n"
    )
    w("| floor | measured | status |")
    w("|---|---|---|")
    p6, c6 = med["6 KB", PARSE], cpu["6 KB", PARSE]
    w(
        f"| ≥ 5,000 docs/s per core, 6 KB, full typed tree | {1 / c6:,.0f} docs per CPU-s "
        f"({1 / p6:,.0f} docs/s wall) | {'met' if 1 / c6 >= 5000 else 'MISSED'} |"
    )
    r5 = sizes["5 MB"] / 1e6 / cpu["5 MB", PARSE]
    r60 = sizes["60 KB"] / 1e6 / cpu["60 KB", PARSE]
    r5w = sizes["5 MB"] / 1e6 / med["5 MB", PARSE]
    r60w = sizes["60 KB"] / 1e6 / med["60 KB", PARSE]
    w(
        f"| 5 MB document ≥ 20 MB/s | {r5:.1f} MB per CPU-s ({r5w:.1f} MB/s wall) | "
        f"{'met' if r5 >= 20 else 'MISSED'} |"
    )
    w(
        f"| 5 MB per-MB rate ≥ ½ of the 60 KB rate | {r5:.1f} vs {r60:.1f} MB per CPU-s = "
        f"{r5 / r60:.2f}× (wall {r5w / r60w:.2f}×) | {'met' if r5 >= r60 / 2 else 'MISSED'} |"
    )
    if memory:
        n5 = sizes["5 MB"]
        rss5 = memory["5 MB"]["parse"]["peak_delta"] / n5
        heap = {lb: memory[lb]["tracemalloc"]["py_peak"] / sizes[lb] for lb in paths}
        worst = max(rss5, *heap.values())
        w(
            f"| working memory ≤ 10× input, one document (parse) | 5 MB: peak RSS {rss5:.1f}×; "
            "Python heap peak "
            + ", ".join(f"{lb} {x:.1f}×" for lb, x in heap.items())
            + f" | {'met' if worst <= 10 else 'MISSED'} |"
        )
        w(
            f"| (for information) the same with `model_dump_json()` | 5 MB: peak RSS "
            f"{memory['5 MB']['json']['peak_delta'] / n5:.1f}× | – |"
        )
    if stream:
        pts = {int(k): v for k, v in stream["rss"].items()}
        growth = pts[max(pts)] - pts[1_000]
        ok = growth <= max(1_000_000, 0.02 * pts[1_000])
        w(
            f"| no RSS growth from 1,000 to 10,000 parses | {growth / 1e6:+.2f} MB | "
            f"{'met' if ok else 'MISSED'} (tolerance: 1 MB or 2% of RSS) |"
        )
    w("")
    return "\n".join(out)


def _analysis(stages: dict[str, list[tuple[str, float]]]) -> str:
    """Sentences derived from this run's numbers (the hand-written notes follow)."""
    if not stages:
        return ""
    out = ["## Automatic summary of this run\n"]
    for label, rows in stages.items():
        total = sum(t for _, t in rows)
        top = sorted(rows, key=lambda r: -r[1])[:3]
        out.append(
            f"- {label}: the largest stages are "
            + ", ".join(f"{name} ({t / total * 100:.0f}%)" for name, t in top)
            + "."
        )
    out.append("")
    return "\n".join(out)


def _insert_real(text: str, real: str) -> str:
    """The real-document section goes first, after the report's opening paragraphs."""
    at = text.find("\n## ")
    return text + "\n" + real if at < 0 else text[:at] + "\n" + real + text[at:]


def _old_notes(path: Path) -> str:
    if path.exists():
        text = path.read_text(encoding="utf-8")
        i, j = text.find(NOTES_BEGIN), text.find(NOTES_END)
        if 0 <= i < j:
            return text[i : j + len(NOTES_END)]
    return (
        f"{NOTES_BEGIN}\n## Analysis\n\n(hand-written notes go here; kept across runs)\n{NOTES_END}"
    )


# ---------------------------------------------------------------------------


def main() -> None:
    ap = argparse.ArgumentParser(description="speechparse speed and memory benchmark")
    ap.add_argument("--quick", action="store_true", help="3 rounds, 2,000-document stream")
    ap.add_argument("--rounds", type=int, default=None, help="interleaved rounds (default 7)")
    ap.add_argument("--batch", type=float, default=0.25, help="seconds per timed batch")
    ap.add_argument("--no-memory", action="store_true")
    ap.add_argument("--no-profile", action="store_true")
    ap.add_argument("--out", type=Path, default=HERE / "results.md")
    ap.add_argument(
        "--pyinstrument",
        action="store_true",
        help="also write a pyinstrument call tree of 5 MB worth of 60 KB parses to profile.txt",
    )
    ap.add_argument(
        "--real-only", action="store_true", help="only the real-document workload and its floors"
    )
    ap.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        kind, *rest = args.child
        if kind == "memory":
            result = child_memory(rest[0], rest[1])
        else:
            result = child_stream(rest[1:], int(rest[0]))
        print(json.dumps(result))
        return
    args.rounds = args.rounds or (3 if args.quick else 7)
    global STREAM_DOCS, STREAM_CHECKPOINTS
    if args.quick:
        STREAM_DOCS, STREAM_CHECKPOINTS = 2_000, (100, 1_000, 2_000)

    where, real_files = real_documents()
    print(f"real documents: {where}", file=sys.stderr)
    real_rounds = max(args.rounds, 9)
    with tempfile.TemporaryDirectory(prefix="speechparse-bench-real-") as rtmp:
        real_mem = {} if args.no_memory else real_memory(real_files, Path(rtmp))
    real_samples = real_throughput(real_files, real_methods(), real_rounds)
    real_text, floors = real_report(where, real_files, real_samples, real_mem)
    if not args.no_profile:
        print("profiling the real documents by stage", file=sys.stderr)
        real_text += real_where(real_files, 2 if args.quick else 5)
    print("| floor | measured | bound | met |")
    for f, v, b, ok in floors:
        print(f"| {f} | {v} | {b} | {'met' if ok else 'NOT met'} |")
    if args.real_only:
        print(real_text)
        (HERE / "results_real.md").write_text(real_text + "\n", encoding="utf-8")
        return

    with tempfile.TemporaryDirectory(prefix="speechparse-bench-") as tmp:
        paths: dict[str, Path] = {}
        for label, (size, seed) in SIZES.items():
            p = Path(tmp) / f"doc_{size}.txt"
            p.write_text(gen.document(size, seed), encoding="utf-8")
            paths[label] = p
        stream_paths = []
        for seed in range(100, 120):
            p = Path(tmp) / f"stream_{seed}.txt"
            p.write_text(gen.document(6_000, seed), encoding="utf-8")
            stream_paths.append(str(p))

        memory: dict[str, dict[str, Any]] = {}
        stream = None
        if not args.no_memory:
            print("memory: one fresh process per size and mode", file=sys.stderr)
            for label, p in paths.items():
                memory[label] = {
                    mode: run_child("memory", str(p), mode)
                    for mode in ("parse", "json", "tracemalloc")
                }
            print(f"streaming {STREAM_DOCS:,} documents", file=sys.stderr)
            stream = run_child("stream", str(STREAM_DOCS), *stream_paths)

        print(f"throughput: {args.rounds} interleaved rounds", file=sys.stderr)
        methods = make_methods()
        samples = throughput(paths, methods, args.rounds, args.batch)

        stages: dict[str, list[tuple[str, float]]] = {}
        buckets = None
        if not args.no_profile:
            print("profiling stages", file=sys.stderr)
            for label, p in paths.items():
                reps = {"6 KB": 200, "60 KB": 40, "5 MB": 4}[label]
                try:
                    stages[label] = stage_breakdown(p, 5 if args.quick and reps > 5 else reps)
                except Exception as exc:  # internals move: report it, do not lose the run
                    print(f"stage breakdown unavailable: {exc!r}", file=sys.stderr)
                    stages.clear()
                    break
            largest = max(real_files, key=lambda q: q.stat().st_size)
            label = f"largest real ({largest.stat().st_size / 1e3:.0f} KB)"
            try:
                stages[label] = stage_breakdown(largest, 5 if args.quick else 40)
                EXTRA[label] = EXTRA.pop(largest.name, {})  # the report looks rows up by label
            except Exception as exc:
                print(f"stage breakdown on {largest} unavailable: {exc!r}", file=sys.stderr)
            buckets = profile_buckets(paths["60 KB"], 10 if args.quick else 30)
        if args.pyinstrument:
            call_tree(paths["60 KB"], HERE / "profile.txt")

        text = report(
            paths=paths,
            samples=samples,
            memory=memory,
            stream=stream,
            stages=stages,
            buckets=buckets,
            args=args,
        )
    text = _insert_real(text, real_text)
    text += "\n" + _analysis(stages) + "\n" + _old_notes(args.out) + "\n"
    args.out.write_text(text, encoding="utf-8")
    print(text)
    print(f"written to {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
