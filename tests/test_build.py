"""The grammar and the builder that maps its rules to model classes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import speechparse
from speechparse.grammar.build import Builder
from speechparse.grammar.parser import grammar_text, make_parser

GRAMMAR = Path(__file__).parents[1] / "grammar" / "speech.lark"
_RULE = re.compile(r"^\??(?P<name>[a-z_][a-z0-9_]*)(?:\.\d+)?\s*:", re.MULTILINE)
_DECLARE = re.compile(r"^%declare\s+(?P<names>.+)$", re.MULTILINE)


def grammar_rules() -> list[str]:
    """Rule names defined in speech.lark, ``_``-prefixed (inlined) ones left out."""
    names = [m.group("name") for m in _RULE.finditer(GRAMMAR.read_text(encoding="utf-8"))]
    return [name for name in names if not name.startswith("_")]


def test_grammar_has_rules() -> None:
    """The regex finds the grammar's rules (guards the test below against vacuity)."""
    rules = grammar_rules()
    assert "start" in rules
    assert "section_1" in rules
    assert len(rules) == len(set(rules))


@pytest.mark.parametrize("rule", grammar_rules())
def test_every_rule_has_a_builder_method(rule: str) -> None:
    """Each grammar rule has a method of the same name on Builder."""
    method = getattr(Builder, rule, None)
    assert callable(method), f"Builder has no method for grammar rule {rule!r}"


def test_grammar_text_is_the_repository_file() -> None:
    """The loader reads the same grammar the repository holds."""
    assert grammar_text() == GRAMMAR.read_text(encoding="utf-8")


def test_declared_terminals_are_the_lexer_kinds() -> None:
    """The header comment and %declare list the same terminals."""
    text = GRAMMAR.read_text(encoding="utf-8")
    declared = set(_DECLARE.search(text).group("names").split())  # type: ignore[union-attr]
    documented = set(re.findall(r"^//\s{2,}([A-Z][A-Z0-9]*)\s", text, re.MULTILINE))
    documented |= {f"H{k}" for k in range(1, 7)} if "H1 .. H6" in text else set()
    assert declared == documented


def test_parser_builds_strict_lalr() -> None:
    """The grammar compiles with strict=True: no conflict is resolved silently."""
    parser = make_parser(Builder())
    assert parser.options.parser == "lalr"
    assert parser.options.strict is True


def test_builder_output_through_api() -> None:
    """The builder gives the model classes, with the nesting the grammar describes."""
    doc = speechparse.parse(
        "研讨交流发言：以学铸魂\n——在读书班上的发言\n（2024年5月6日）\n同志们：\n"
        "\u3000\u3000开场。\n一、甲乙。正文。\n（一）丙丁\n\u3000\u3000正文。\n二、戊己\n谢谢大家！\n"
    )
    assert isinstance(doc.title, speechparse.Title)
    assert doc.title.genre == "研讨交流发言"
    assert doc.title.main == "以学铸魂"
    assert doc.title.subtitle is not None
    assert doc.title.subtitle.text == "在读书班上的发言"
    assert doc.title.subtitle.dash == "——"
    assert [b.text for b in doc.title.bylines] == ["（2024年5月6日）"]
    assert [type(b) for b in doc.preamble] == [speechparse.Salutation, speechparse.Paragraph]
    first, second = doc.sections
    assert (first.marker, first.heading, first.run_in) == ("一、", "甲乙", True)
    assert [p.text for p in first.paragraphs] == ["正文。"]
    (child,) = first.children
    assert (child.level, child.marker, child.heading, child.run_in) == (2, "（一）", "丙丁", False)
    assert first.span[1] == child.span[1]
    assert (second.heading, second.paragraphs, second.children) == ("戊己", (), ())
    assert [(t.kind, t.text) for t in doc.trailer] == [("closing", "谢谢大家！")]
