"""Every example in README.md and docs/*.md runs, and prints what it shows.

``pycon`` blocks run as doctests; ``console`` blocks run each ``$ command``
and compare its standard output with the lines shown under it.  Examples
therefore cannot drift from the code.
"""

from __future__ import annotations

import doctest
import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import regex

ROOT = Path(__file__).resolve().parents[1]
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
FENCE = regex.compile(r"^```(?P<lang>pycon|console)\n(?P<body>.*?)^```\n", regex.M | regex.S)


def blocks(lang: str) -> list[tuple[str, str]]:
    """(id, body) of every fenced block of ``lang`` in the docs."""
    found = []
    for path in DOCS:
        text = path.read_text(encoding="utf-8")
        for m in FENCE.finditer(text):
            if m.group("lang") == lang:
                line = text.count("\n", 0, m.start()) + 1
                found.append((f"{path.name}:{line}", m.group("body")))
    return found


@pytest.mark.parametrize(("where", "body"), blocks("pycon"), ids=lambda v: v)
def test_pycon_examples(where: str, body: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The Python examples are doctests, run from the repository root."""
    monkeypatch.chdir(ROOT)
    parser = doctest.DocTestParser()
    test = parser.get_doctest(body, {}, where, where, 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    runner.run(test)
    result = runner.summarize(verbose=False)
    assert result.failed == 0, f"{where}: {result.failed} example(s) failed"


def _commands(body: str) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for line in body.splitlines(keepends=True):
        if line.startswith("$ "):
            out.append((line[2:].strip(), ""))
        elif out:
            out[-1] = (out[-1][0], out[-1][1] + line)
    return out


@pytest.mark.parametrize(("where", "body"), blocks("console"), ids=lambda v: v)
def test_console_examples(where: str, body: str) -> None:
    """Each shown command prints exactly the shown output."""
    bindir = Path(sys.executable).parent
    env = {**os.environ, "PATH": f"{bindir}{os.pathsep}{os.environ.get('PATH', '')}"}
    for command, expected in _commands(body):
        argv = shlex.split(command)
        proc = subprocess.run(argv, cwd=ROOT, env=env, capture_output=True, check=False)
        assert proc.returncode == 0, f"{where}: {command}: {proc.stderr.decode()}"
        assert proc.stdout.decode("utf-8") == expected, f"{where}: {command}"


def test_docs_have_examples() -> None:
    """Guard against a fence syntax change silently skipping every example."""
    assert blocks("pycon")
    assert blocks("console")
