"""Build sdist and wheel, check what they hold, install the wheel into a clean venv.

The grammar lives at the top of the repository and is mapped into the
package by hatchling's ``force-include``; this is the test that proves a
user who installs the wheel gets it (and ``py.typed``), with the wheel built
from the sdist the way ``python -m build`` does by default.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]

pytestmark = pytest.mark.slow


def _env() -> dict[str, str]:
    """The environment without anything that would leak the checkout into a child."""
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "PYTHONHOME"}}
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return env


def _run(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(
        [str(a) for a in args],
        cwd=cwd,
        env=_env(),
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert proc.returncode == 0, f"{args} failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
    return proc


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """sdist and wheel built by ``python -m build`` (wheel built from the sdist)."""
    pytest.importorskip("build", reason="the 'build' package is in the test extra")
    out = tmp_path_factory.mktemp("dist")
    _run(sys.executable, "-m", "build", "--outdir", out, ROOT, cwd=ROOT)
    return out


def _wheel(dist: Path) -> Path:
    (wheel,) = dist.glob("speechparse-*.whl")
    return wheel


def test_wheel_contents(dist: Path) -> None:
    """The wheel holds the package, the grammar inside it, and py.typed."""
    names = set(zipfile.ZipFile(_wheel(dist)).namelist())
    assert "speechparse/grammar/speech.lark" in names
    assert "speechparse/py.typed" in names
    assert "speechparse/__init__.py" in names
    assert not any(name.startswith(("tests/", "grammar/")) for name in names)
    packed = zipfile.ZipFile(_wheel(dist)).read("speechparse/grammar/speech.lark")
    assert packed == (ROOT / "grammar" / "speech.lark").read_bytes()


def test_sdist_contents(dist: Path) -> None:
    """The sdist holds the grammar at its top level and the sources."""
    (sdist,) = dist.glob("speechparse-*.tar.gz")
    with tarfile.open(sdist) as tar:
        names = {name.split("/", 1)[1] for name in tar.getnames() if "/" in name}
    assert "grammar/speech.lark" in names
    assert "src/speechparse/__init__.py" in names
    assert "pyproject.toml" in names


def test_clean_install_parses(dist: Path, tmp_path: Path) -> None:
    """A fresh venv with only the wheel (and its dependencies) runs the CLI."""
    venv = tmp_path / "venv"
    _run(sys.executable, "-m", "venv", venv, cwd=tmp_path)
    bindir = venv / ("Scripts" if os.name == "nt" else "bin")
    _run(bindir / "python", "-m", "pip", "install", "--quiet", _wheel(dist), cwd=tmp_path)
    proc = _run(bindir / "speechparse", "outline", ROOT / "examples" / "speech.txt", cwd=tmp_path)
    assert json.loads(proc.stdout)["title"] == "主题党日交流发言：以实干担当书写青春答卷"
    where = _run(
        bindir / "python",
        "-c",
        "import speechparse, speechparse.grammar.parser as g; "
        "print(speechparse.__file__); print(len(g.grammar_text()))",
        cwd=tmp_path,
    ).stdout.split()
    assert Path(where[0]).is_relative_to(venv), "imported the checkout, not the wheel"
    assert int(where[1]) > 0
