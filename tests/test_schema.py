"""The committed JSON Schema matches the models: the contract changes only on purpose."""

from __future__ import annotations

import runpy
from pathlib import Path

import speechparse

ROOT = Path(__file__).resolve().parents[1]


def test_committed_schema_matches_models() -> None:
    """Regenerate with ``python scripts/generate_schema.py`` after a model change."""
    script = runpy.run_path(str(ROOT / "scripts" / "generate_schema.py"))
    committed = (ROOT / "docs" / "schema" / "document.schema.json").read_text(encoding="utf-8")
    assert committed == script["render"](), "schema drifted: run scripts/generate_schema.py"


def test_schema_names_contract_and_version() -> None:
    """Stored dumps can be recognised by name and version."""
    doc = speechparse.parse("题目\n一、甲\n")
    dumped = doc.model_dump(mode="json")
    assert dumped["schema_name"] == "speechparse.document"
    assert dumped["version"] == speechparse.SCHEMA_VERSION
    outline = doc.outline()
    assert outline["schema_name"] == "speechparse.outline"


def test_document_json_round_trips() -> None:
    """A dump read back gives an equal document: the tagged unions keep node classes."""
    doc = speechparse.parse("心得：题目\n同志们：\n一、甲。正文一是学习。\n（一）乙\n谢谢大家！\n")
    again = speechparse.Document.model_validate_json(doc.model_dump_json())
    assert again == doc
