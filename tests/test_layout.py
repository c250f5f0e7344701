"""The package's layout is the pipeline: stages import only the stages before them.

docs/architecture.md draws the stages; this test reads the imports of every
module under ``src/speechparse`` (module-level ones, ``if TYPE_CHECKING:``
blocks included; an import inside a function is a deliberate late binding,
such as ``Document.to_markdown()`` reaching for its view) and holds the
code to the picture: no import cycle, and no import from a later stage
into an earlier one.
"""

from __future__ import annotations

import ast
import importlib.util
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = SRC / "speechparse"

# The stages in the order data passes through them; a module may import
# modules of its own stage and of the stages before it.  The top-level
# package, ``_moved`` and the shims at old import paths come last: they
# only re-export.
STAGES: tuple[tuple[str, ...], ...] = (
    ("speechparse.errors", "speechparse.lexicon"),
    ("speechparse.model",),
    ("speechparse.reading",),
    ("speechparse.formats",),
    ("speechparse.structure",),
    ("speechparse.grammar",),
    ("speechparse.api",),
    ("speechparse.views",),
    ("speechparse.apps",),
)


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def stage_of(module: str) -> int:
    """Position of the module's stage in :data:`STAGES`; re-exporters come after all."""
    for rank, prefixes in enumerate(STAGES):
        if any(module == p or module.startswith(p + ".") for p in prefixes):
            return rank
    return len(STAGES)


def _top_level_imports(body: list[ast.stmt]) -> Iterator[ast.Import | ast.ImportFrom]:
    for node in body:
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node
        elif isinstance(node, ast.ClassDef):
            yield from _top_level_imports(node.body)
        elif isinstance(node, ast.If | ast.Try | ast.With):
            for field in ("body", "orelse", "finalbody"):
                yield from _top_level_imports(getattr(node, field, []))
            for handler in getattr(node, "handlers", []):
                yield from _top_level_imports(handler.body)


def imports_of(module: str) -> set[str]:
    """The package's modules that ``module`` imports when it is itself imported."""
    path = MODULES[module]
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in _top_level_imports(ast.parse(path.read_text(encoding="utf-8")).body):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name in MODULES)
            continue
        base = node.module or ""
        if node.level:
            anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
            base = ".".join([*anchor, *([node.module] if node.module else [])])
        for alias in node.names:
            sub = f"{base}.{alias.name}"
            if sub in MODULES:
                found.add(sub)
            elif base in MODULES:
                found.add(base)
    found.discard(module)
    return found


GRAPH = {m: imports_of(m) for m in MODULES}


def test_the_stages_cover_every_module_but_the_re_exporters() -> None:
    left_over = {m for m in MODULES if stage_of(m) == len(STAGES)}
    assert all(m in {"speechparse", "speechparse._moved"} or m in _shims() for m in left_over), (
        sorted(left_over)
    )


def _shims() -> set[str]:
    from speechparse._moved import MOVED

    return {*MOVED, "speechparse.render"}


@pytest.mark.parametrize("module", sorted(MODULES))
def test_a_module_imports_only_its_own_stage_and_earlier_ones(module: str) -> None:
    later = sorted(t for t in GRAPH[module] if stage_of(t) > stage_of(module))
    assert not later, f"{module} (stage {stage_of(module)}) imports later stages: {later}"


def test_no_import_cycle() -> None:
    # Depth-first search over module-level imports; a back edge is a cycle.
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(m: str) -> None:
        state[m] = 1
        stack.append(m)
        for t in sorted(GRAPH[m]):
            if state.get(t) == 1:
                cycle = [*stack[stack.index(t) :], t]
                pytest.fail("import cycle: " + " → ".join(cycle))
            if t not in state:
                visit(t)
        stack.pop()
        state[m] = 2

    for m in sorted(MODULES):
        if m not in state:
            visit(m)


def test_the_model_imports_no_stage_and_no_view() -> None:
    model = [m for m in MODULES if m.startswith("speechparse.model")]
    for m in model:
        outside = sorted(
            t for t in GRAPH[m] if not t.startswith(("speechparse.model", "speechparse.lexicon"))
        )
        assert not outside, f"{m} imports {outside}"


def test_the_checker_sees_a_type_checking_import_and_skips_a_function_body() -> None:
    tree = ast.parse(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from speechparse.views.query import walk\n"
        "def f():\n    from speechparse.apps.cli import main\n"
    )
    seen = {n.module for n in _top_level_imports(tree.body) if isinstance(n, ast.ImportFrom)}
    assert seen == {"typing", "speechparse.views.query"}


def _module_map() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "module_map", SRC.parent / "scripts" / "module_map.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_architecture_page_lists_every_module_as_the_code_has_it() -> None:
    module_map = _module_map()
    page = module_map.PAGE.read_text(encoding="utf-8")
    assert module_map.page_table(page) == module_map.table(), (
        "docs/architecture.md's module table is stale: run scripts/module_map.py --write"
    )


def test_the_page_stages_are_the_stages_this_test_enforces() -> None:
    page_order = [prefix for prefix, _ in _module_map().STAGES]
    enforced = [p for group in STAGES for p in group if p != "speechparse.errors"]
    assert page_order == enforced


MODULE_LINES_MAX = 450
"""No module past this: one that grows there is doing two things (aim for 400)."""


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_module_is_longer_than_the_bound(module: str) -> None:
    lines = len(MODULES[module].read_text(encoding="utf-8").splitlines())
    assert lines <= MODULE_LINES_MAX, f"{module}: {lines} lines; split it by responsibility"
