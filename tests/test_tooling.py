"""Lint, format and type checks run as tests, with the venv's own tools.

Configuration lives in pyproject.toml (ruff rule families, mypy strict with the
pydantic plugin on src/speechparse); these tests only run the tools.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
BIN = Path(sys.executable).parent


def _tool(name: str) -> Path:
    path = BIN / name
    if not path.exists():
        pytest.skip(f"{name} is not installed next to {sys.executable}")
    return path


def _run(*args: str | Path) -> None:
    proc = subprocess.run(
        [str(a) for a in args], cwd=ROOT, capture_output=True, text=True, timeout=300, check=False
    )
    assert proc.returncode == 0, f"{' '.join(map(str, args))}:\n{proc.stdout}{proc.stderr}"


def test_ruff_check() -> None:
    """ruff finds nothing in src and tests."""
    _run(_tool("ruff"), "check", "--no-cache", "src", "tests")


def test_ruff_format() -> None:
    """src and tests are formatted."""
    _run(_tool("ruff"), "format", "--check", "--no-cache", "src", "tests")


def test_mypy_strict() -> None:
    """mypy --strict (pyproject's [tool.mypy]) passes on src/speechparse."""
    _run(_tool("mypy"))
