"""Print (or check) the module table of docs/architecture.md from the code itself.

The table lists every module of ``src/speechparse`` by stage with the first
line of its docstring, so the architecture page cannot drift from the code:
``tests/test_layout.py`` fails when the page's table differs from what this
script prints.  ``--write`` replaces the table in the page.
"""

from __future__ import annotations

import argparse
import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"
PAGE = ROOT / "docs" / "architecture.md"
BEGIN = "<!-- module table: scripts/module_map.py --write -->"
END = "<!-- end of module table -->"

#: Stage packages in pipeline order, with the heading the page gives each.
STAGES = (
    ("speechparse.lexicon", "lexicon — the rules as data"),
    ("speechparse.model", "model — the tree"),
    ("speechparse.reading", "reading — bytes to contents"),
    ("speechparse.formats", "formats — other file formats to text"),
    ("speechparse.structure", "structure — contents to line tokens"),
    ("speechparse.grammar", "grammar — tokens to the tree"),
    ("speechparse.api", "api — the driver"),
    ("speechparse.views", "views — what users ask of a tree"),
    ("speechparse.apps", "apps — command line, batches, index"),
)


def _name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _in(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


def _summary(path: Path) -> str:
    doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
    return doc.strip().split("\n\n")[0].replace("\n", " ").replace("|", "\\|")


def _rows(heading: str, paths: list[Path]) -> list[str]:
    out = ["", f"**{heading}**", "", "| module | why it exists |", "|---|---|"]
    for p in paths:
        out.append(f"| `{p.relative_to(SRC).as_posix()}` | {_summary(p)} |")
    return out


def table() -> str:
    """The Markdown block: one table per stage, modules in alphabetical order."""
    paths = sorted((SRC / "speechparse").rglob("*.py"))
    out = [BEGIN]
    for prefix, heading in STAGES:
        out += _rows(heading, [p for p in paths if _in(_name(p), prefix)])
    rest = [p for p in paths if not any(_in(_name(p), prefix) for prefix, _ in STAGES)]
    out += _rows("the package root — public names, errors, old import paths", rest)
    out += ["", END]
    return "\n".join(out)


def page_table(text: str) -> str | None:
    """The table block as it stands in the page, or None when the markers are missing."""
    if BEGIN not in text or END not in text:
        return None
    return text[text.index(BEGIN) : text.index(END) + len(END)]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--write", action="store_true", help="replace the table in the page")
    args = ap.parse_args()
    if not args.write:
        print(table())
        return 0
    text = PAGE.read_text(encoding="utf-8")
    old = page_table(text)
    if old is None:
        print(f"{PAGE}: no module table markers", file=sys.stderr)
        return 1
    PAGE.write_text(text.replace(old, table()), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
