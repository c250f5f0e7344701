"""Patterns widened to traditional characters (variants.py) and the generated table."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import regex

from speechparse.lexicon.line_patterns import CLOSING, SALUTATION
from speechparse.lexicon.noise_patterns import META_FIELD
from speechparse.lexicon.variants import with_variants, with_variants_chars

ROOT = Path(__file__).resolve().parents[1]


def test_a_character_outside_a_class_becomes_a_class_of_its_forms() -> None:
    assert with_variants("同志们") == "同志[们們]"
    assert regex.fullmatch(with_variants("发言"), "發言")


def test_forms_are_added_inside_classes_and_escapes_and_ranges_are_kept() -> None:
    widened = with_variants(r"[^们。]\p{Han}[一-龥]")
    assert regex.fullmatch(widened, "們中一") is None  # 們 is excluded like 们
    assert regex.fullmatch(widened, "x中一") is not None
    assert "\\p{Han}" in widened
    assert "[一-龥]" in widened


def test_first_character_gates_take_the_forms_too() -> None:
    assert "親" in with_variants_chars("亲")


def test_line_patterns_match_traditional_labels() -> None:
    assert SALUTATION.match("同志們：")
    assert SALUTATION.match("親愛的同學們：")
    assert META_FIELD.match("來源：本站")
    assert CLOSING.search("謝謝大家！")


def test_the_generated_table_is_current() -> None:
    """The table covers every character of the patterns as OpenCC converts them today."""
    pytest.importorskip("opencc")
    proc = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "gen_variants.py"), "--check"],
        check=False,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, "run scripts/gen_variants.py and commit the table"
