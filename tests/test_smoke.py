"""The bundled example parses end to end through the public API."""

from pathlib import Path

import speechparse

EXAMPLE = Path(__file__).parents[1] / "examples" / "speech.txt"


def test_example_outline_has_nested_sections() -> None:
    """The README's example: three level-1 sections, two with children."""
    doc = speechparse.parse(EXAMPLE)
    assert doc.title is not None
    assert doc.title.genre == "主题党日交流发言"
    assert [s.marker for s in doc.sections] == ["一、", "二、", "三、"]
    assert [c.marker for c in doc.sections[0].children] == ["（一）", "（二）"]
    assert doc.to_source() == EXAMPLE.read_bytes().decode("utf-8")
    assert {t.kind for t in doc.trailer} == {"closing", "ad"}
