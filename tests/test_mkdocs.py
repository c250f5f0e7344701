"""The documentation site builds with ``mkdocs build --strict``.

Strict mode turns every warning into a failure: a broken link or anchor, a
page missing from the nav, an API reference entry that no longer resolves,
a snippet include whose file moved.  Skipped only when mkdocs is not
installed (``pip install -e '.[docs]'``; the ``test`` extra includes it).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MKDOCS = Path(sys.executable).parent / "mkdocs"


@pytest.mark.skipif(
    not MKDOCS.exists(), reason="mkdocs is not installed (pip install -e '.[docs]')"
)
def test_mkdocs_build_strict(tmp_path: Path) -> None:
    """The site builds without a single warning."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.run(
        [str(MKDOCS), "build", "--strict", "--site-dir", str(tmp_path / "site")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=240,
    )
    assert proc.returncode == 0, f"mkdocs build --strict failed:\n{proc.stdout}\n{proc.stderr}"
    assert (tmp_path / "site" / "index.html").is_file()
    assert (tmp_path / "site" / "api" / "index.html").is_file()
