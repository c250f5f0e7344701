"""Peak memory of one parse stays within the bound the default ``--max-bytes`` is derived from.

docs/cli.md derives the default size limit from a worst-case factor: peak
RSS over the baseline at most 10× the input for realistic text and 40× for
a document of nothing but heading lines (the densest input).  These tests
measure that factor as ``benchmarks/memory.py`` does, each in a fresh
process, on ~2 MB inputs; they assert only ratios of memory to input size,
never a time.  Measured when written (1–20 MB): realistic 6.0–8.0×,
heading-only 27–30× (parse, ``speechparse parse``, ``render``, ``chunks``)
and 34–34.5× (``speechparse outline``); ``explain`` (94×) is documented
outside the bound.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from speechparse.reading.source import (
    EXPLAIN_FACTOR,
    EXPLAIN_MAX_BYTES,
    MAX_BYTES,
    MEMORY_BUDGET,
    WORST_FACTOR,
)

MEMORY_PATH = Path(__file__).parents[1] / "benchmarks" / "memory.py"
SIZE = 2_000_000

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="peak RSS is read from /proc and wait4"
)


def _memory() -> ModuleType:
    if not MEMORY_PATH.is_file():  # an sdist ships tests/ but not benchmarks/
        pytest.skip("benchmarks/memory.py is not available")
    spec = importlib.util.spec_from_file_location("speechparse_bench_memory", MEMORY_PATH)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("kind", "mode"),
    [
        ("realistic", "parse"),
        ("realistic", "cli-parse"),
        ("headings", "parse"),
        ("headings", "cli-outline"),
        ("headings", "cli-parse"),
        ("headings", "cli-chunks"),
    ],
)
def test_peak_memory_within_the_bound(kind: str, mode: str, tmp_path: Path) -> None:
    """The library parse and the CLI's JSON commands stay within 10× / 40× the input."""
    memory = _memory()
    found = memory.measure(kind, SIZE, mode, tmp_path)
    assert found["ratio"] <= memory.BOUND[kind], found


def test_default_limit_fits_the_budget() -> None:
    """The default limit times the worst-case bound fits the budget docs/cli.md states."""
    memory = _memory()
    assert memory.BOUND["headings"] == WORST_FACTOR
    assert MAX_BYTES * WORST_FACTOR + 64 * 2**20 <= MEMORY_BUDGET  # with the baseline
    assert EXPLAIN_MAX_BYTES * EXPLAIN_FACTOR + 64 * 2**20 <= MEMORY_BUDGET


def test_explain_has_its_own_default_limit(tmp_path: Path) -> None:
    """explain keeps a row per line: by default it refuses what outline still reads."""
    big = tmp_path / "big.txt"
    big.write_bytes("在全镇防汛工作会议上的讲话\n".encode() * (EXPLAIN_MAX_BYTES // 39 + 10))
    assert EXPLAIN_MAX_BYTES < big.stat().st_size < MAX_BYTES
    cli = [str(Path(sys.executable).with_name("speechparse"))]
    refused = subprocess.run(
        [*cli, "explain", str(big)], capture_output=True, text=True, check=False
    )
    assert refused.returncode == 5, refused.stderr
    assert "limit" in refused.stderr and "Traceback" not in refused.stderr
    allowed = subprocess.run(
        [*cli, "--max-bytes", str(MAX_BYTES), "explain", "--lines", "1-1", str(big)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert allowed.returncode == 0, allowed.stderr
