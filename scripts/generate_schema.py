"""Write the JSON Schema of the document JSON into docs/schema/.

Run after changing a model: ``python scripts/generate_schema.py``.  The test
suite fails when the committed schema differs from what the models produce,
so a contract change is always a reviewed diff.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from speechparse import Document

SCHEMA_PATH = Path(__file__).resolve().parents[1] / "docs" / "schema" / "document.schema.json"


def render() -> str:
    """The schema as committed: sorted keys, two-space indent, final newline."""
    return json.dumps(Document.model_json_schema(), ensure_ascii=False, indent=2) + "\n"


def main() -> int:
    """Write the schema; ``--check`` only compares and fails on drift."""
    text = render()
    if "--check" in sys.argv[1:]:
        return 0 if SCHEMA_PATH.read_text(encoding="utf-8") == text else 1
    SCHEMA_PATH.parent.mkdir(parents=True, exist_ok=True)
    SCHEMA_PATH.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
