"""Old import paths kept working after the modules moved to their stage's package.

A shim module calls :func:`alias` with its own name; the old name then *is*
the new module in ``sys.modules`` (not a copy), so classes keep one identity
and pickles made under either name load under both.  The warning tells the
caller where to import from; the shims go in a later minor release.
"""

from __future__ import annotations

import importlib
import sys
import warnings

__all__ = ["MOVED", "alias"]

#: Every public module that moved: old path → new path (CHANGELOG lists them too).
MOVED: dict[str, str] = {
    "speechparse.batch": "speechparse.apps.batch",
    "speechparse.chunks": "speechparse.views.chunks",
    "speechparse.cli": "speechparse.apps.cli",
    "speechparse.columns": "speechparse.apps.columns",
    "speechparse.distributed": "speechparse.apps.distributed",
    "speechparse.explainer": "speechparse.views.explainer",
    "speechparse.index": "speechparse.apps.index",
    "speechparse.many": "speechparse.apps.many",
    "speechparse.parquet": "speechparse.apps.parquet",
    "speechparse.query": "speechparse.views.query",
    "speechparse.records": "speechparse.apps.records",
    "speechparse.render.document_json": "speechparse.views.document_json",
    "speechparse.render.explain": "speechparse.views.explain",
    "speechparse.render.markdown": "speechparse.views.markdown",
    "speechparse.render.outline": "speechparse.views.outline",
    "speechparse.render.text": "speechparse.views.text",
    "speechparse.render.tree": "speechparse.views.tree",
    "speechparse.search_syntax": "speechparse.apps.search_syntax",
}


def alias(old: str) -> None:
    """Make the module named ``old`` the module it moved to, with a warning."""
    new = MOVED[old]
    warnings.warn(f"{old} moved to {new}; import it from there", DeprecationWarning, stacklevel=3)
    sys.modules[old] = importlib.import_module(new)
