"""Nodes the parser builds without validation behave like validated ones.

``model/trusted.py`` skips pydantic's validators on the hot path; what that
could break is checked here: the shared fields set, copying, pickling, and
the ``SPEECHPARSE_VALIDATE=1`` switch that turns validation back on.
"""

from __future__ import annotations

import copy
import os
import pickle
import subprocess
import sys

import pytest

import speechparse

SPEECH = "学习心得：把初心写在行动上\n同志们：\n一、读原著。每天读一篇。\n（一）定计划。一是早读，二是晚思。\n二、见行动。\n"


def test_fields_set_is_shared_and_refuses_changes() -> None:
    """All sections of a parse share one fields set; changing it is refused, not leaked."""
    doc = speechparse.parse(SPEECH)
    first, second = doc.sections
    assert first.model_fields_set is second.model_fields_set
    assert first.model_fields_set == set(type(first).model_fields)
    with pytest.raises(TypeError, match="shared"):
        first.model_fields_set.discard("kind")
    with pytest.raises(TypeError, match="shared"):
        first.model_fields_set.add("extra")
    fields = first.model_fields_set
    with pytest.raises(TypeError, match="shared"):
        fields |= {"extra"}


def test_copy_pickle_and_dump_work_as_for_validated_nodes() -> None:
    """model_copy(update=...), deepcopy, pickle and exclude_unset dumps all work."""
    doc = speechparse.parse(SPEECH)
    section = doc.sections[0]
    changed = section.model_copy(update={"heading": "改过的标题"})
    assert changed.heading == "改过的标题"
    assert "heading" in changed.model_fields_set
    assert section.heading == "读原著"
    assert copy.deepcopy(doc) == doc
    assert pickle.loads(pickle.dumps(doc)) == doc
    assert doc.model_dump(exclude_unset=True)["sections"][0]["kind"] == "section"


def test_validate_switch_gives_the_same_document() -> None:
    """With SPEECHPARSE_VALIDATE=1 every node is validated, and the dump is the same."""
    code = (
        "import sys, speechparse; from speechparse.model import trusted; "
        "assert trusted.VALIDATE; "
        "sys.stdout.write(speechparse.parse(sys.stdin.read()).model_dump_json())"
    )
    env = {**os.environ, "SPEECHPARSE_VALIDATE": "1", "PYTHONIOENCODING": "utf-8"}
    out = subprocess.run(
        [sys.executable, "-c", code],
        input=SPEECH,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        check=True,
        timeout=60,
    ).stdout
    assert out == speechparse.parse(SPEECH).model_dump_json()
