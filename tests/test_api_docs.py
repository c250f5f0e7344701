"""The API reference's docstring extension turns reST roles into cross-references.

Docstrings keep Sphinx roles (they read well in ``help()``); the reference
must show links, never a literal ``:class:`` (scripts/griffe_doctests.py).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

griffe = pytest.importorskip("griffe")

ROOT = Path(__file__).resolve().parents[1]


def _extension() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "griffe_doctests", ROOT / "scripts" / "griffe_doctests.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def parse_many() -> object:
    package = griffe.load("speechparse", search_paths=[str(ROOT / "src")])
    return package["apps.many.parse_many"]


def test_a_role_becomes_a_link_to_the_object_it_names_in_its_scope(parse_many: object) -> None:
    text = _extension().link_roles(parse_many, "its :class:`Document`, or a :class:`ParseFailure`")
    assert text == (
        'its <autoref identifier="speechparse.model.document.Document" optional>'
        "<code>Document</code></autoref>, or a "
        '<autoref identifier="speechparse.apps.many.ParseFailure" optional>'
        "<code>ParseFailure</code></autoref>"
    )


def test_a_tilde_shows_the_last_name_and_a_full_path_is_taken_as_it_is(parse_many: object) -> None:
    text = _extension().link_roles(parse_many, ":func:`~speechparse.apps.batch.iter_documents`")
    assert text == (
        '<autoref identifier="speechparse.apps.batch.iter_documents" optional>'
        "<code>iter_documents</code></autoref>"
    )


def test_an_unknown_name_is_plain_code_and_fenced_code_is_left_alone(parse_many: object) -> None:
    link = _extension().link_roles
    assert link(parse_many, "see :class:`NoSuchThing`") == "see <code>NoSuchThing</code>"
    fenced = "```pycon\n>>> ':class:`Document`'\n```"
    assert link(parse_many, fenced) == fenced
