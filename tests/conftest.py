"""Which test modules are ``slow``: the one place the quick subset is decided.

``pytest -m "not slow"`` (CONTRIBUTING.md) is the loop to run while editing:
the unit, property and golden tests of the parser, its views and its
tools, in well under a minute.  A module is slow when its tests start other
processes (the CLI in a subprocess, worker pools, a Dask cluster, a wheel
build), time or measure something (the speed and memory ratios, linear
time on adversarial input), or score the whole corpus and its transforms.
The full suite — what CI and ``.ci/run`` run — includes them all.
"""

from __future__ import annotations

from pathlib import Path

import pytest

SLOW_MODULES = frozenset(
    {
        # start the CLI or worker processes
        "test_bad_inputs",
        "test_batch",
        "test_cli",
        "test_cli_many",
        "test_columns",
        "test_distributed",
        "test_docs",
        "test_encodings",
        "test_explain_cli",
        "test_faults",
        "test_formats_batch",
        "test_index",
        "test_loading",
        "test_mkdocs",
        "test_packaging",
        "test_search",
        # time or measure
        "test_adversarial",
        "test_memory",
        "test_performance",
        # the whole corpus, perturbed
        "test_corpus_mutations",
        "test_corpus_score",
        "test_robustness",
    }
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test of a slow module ``slow`` (a test may also mark itself)."""
    for item in items:
        if Path(str(item.fspath)).stem in SLOW_MODULES:
            item.add_marker(pytest.mark.slow)
