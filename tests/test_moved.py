"""Public import paths from before the stage layout still work, and say where to go.

A shim makes the old name the new module itself (not a copy), so a class
imported either way is one class, and the warning names the new path.
"""

from __future__ import annotations

import importlib
import sys

import pytest

from speechparse._moved import MOVED


# speechparse.render.* import their deprecated package first, which warns too.
@pytest.mark.filterwarnings("ignore:speechparse.render moved:DeprecationWarning")
@pytest.mark.parametrize(("old", "new"), sorted(MOVED.items()))
def test_an_old_path_warns_and_is_the_new_module(old: str, new: str) -> None:
    sys.modules.pop(old, None)
    with pytest.warns(DeprecationWarning, match=f"{old} moved to {new}"):
        module = importlib.import_module(old)
    assert module is importlib.import_module(new)


def test_the_old_render_package_still_exports_its_renderers() -> None:
    sys.modules.pop("speechparse.render", None)
    with pytest.warns(DeprecationWarning, match="speechparse.views"):
        render = importlib.import_module("speechparse.render")
    from speechparse.views import MarkdownRenderer, TextRenderer, outline

    assert (render.MarkdownRenderer, render.TextRenderer, render.outline) == (
        MarkdownRenderer,
        TextRenderer,
        outline,
    )


def test_a_class_keeps_one_identity_under_both_paths() -> None:
    sys.modules.pop("speechparse.chunks", None)
    with pytest.warns(DeprecationWarning, match="views.chunks"):
        old = importlib.import_module("speechparse.chunks")
    from speechparse.views.chunks import Chunk

    assert old.Chunk is Chunk
