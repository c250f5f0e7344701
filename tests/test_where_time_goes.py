"""The benchmark's stage profile charges every function to the stage that owns it.

``benchmarks/where_time_goes.py`` is what ``results.md``'s "where the time
goes" table comes from; a module moved to a new folder and charged to the
wrong stage (or to "other") would send the next speed change to the wrong
place, so the mapping is checked against the package's own modules.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

import speechparse

PATH = Path(__file__).parents[1] / "benchmarks" / "where_time_goes.py"
PACKAGE = Path(speechparse.__file__).parent


def _module() -> ModuleType:
    if not PATH.is_file():  # an sdist ships tests/ but not benchmarks/
        pytest.skip("benchmarks/where_time_goes.py is not available")
    spec = importlib.util.spec_from_file_location("speechparse_bench_where", PATH)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("module", "stage"),
    [
        ("structure/title.py", "structure: front matter and title"),
        ("structure/glued.py", "structure: front matter and title"),
        ("structure/lexer.py", "structure: headings, run-in, levels, paragraphs, points"),
        ("structure/trailer.py", "structure: trailer and contents table"),
        ("reading/collapsed.py", "reading: segmentation and line contents"),
        ("reading/watermarks.py", "reading: noise and watermarks"),
        ("grammar/parser.py", "grammar: LALR loop"),
        ("grammar/build.py", "tree nodes (builder, model, pydantic)"),
        ("views/chunks/cutting.py", "chunks()"),
        ("model/chunk.py", "chunks()"),
    ],
)
def test_a_module_is_charged_to_its_stage(module: str, stage: str) -> None:
    assert (PACKAGE / module).is_file(), module
    assert _module().stage_of(str(PACKAGE / module), "f") == stage


STAGE_FOLDERS = ("reading", "formats", "structure", "lexicon", "grammar", "model", "views")


def test_every_stage_module_has_a_stage_and_builtins_go_to_callers() -> None:
    where = _module()
    paths = [PACKAGE / "api.py"] + [p for f in STAGE_FOLDERS for p in (PACKAGE / f).rglob("*.py")]
    for path in paths:
        assert where.stage_of(str(path), "f") != "other (stdlib, regex module)", path
    assert where.stage_of("~", "<method 'match' of '_regex.Pattern' objects>") is None


def test_a_real_profile_has_parse_stages_and_the_table_is_shares_of_the_parse() -> None:
    where = _module()
    totals = where.profile_stages(["讲话：开会\n一、总体要求\n今天开会。\n".encode()], reps=2)
    assert "chunks()" in totals
    assert "structure: front matter and title" in totals
    table = where.stage_table({"all": totals})
    parse_rows = [r for r in table.splitlines()[2:] if "after the parse" not in r]
    shares = [int(r.rsplit("|", 2)[1].strip().rstrip("%")) for r in parse_rows]
    assert 95 <= sum(shares) <= 105  # rounded shares of one whole
