"""The benchmark's RAGFlow-style peer does the steps its docstring lists.

The peer is what a speed floor is measured against, so a peer that quietly
skipped a step would make the floor easier; these checks hold it to the
steps (contents table dropped, colon titles, family and split level, chunk
texts led by their heading path) on an invented document.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

PEER_PATH = Path(__file__).parents[1] / "benchmarks" / "ragflow_style.py"

DOC = "\n".join(
    [
        "在青禾县作风建设推进会上的讲话",
        "目  录",
        "一、统一思想",
        "二、压实责任",
        "一、统一思想",
        "今天召开会议，主要任务是部署作风建设。",
        "二、压实责任",
        "各单位要做到以下几点：",
        "一把手亲自抓，分管领导具体抓。",
    ]
)


def _peer() -> ModuleType:
    if not PEER_PATH.is_file():  # an sdist ships tests/ but not benchmarks/
        pytest.skip("benchmarks/ragflow_style.py is not available")
    spec = importlib.util.spec_from_file_location("speechparse_bench_peer", PEER_PATH)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_chunks_carry_their_heading_path_and_the_contents_table_is_gone() -> None:
    chunks = _peer().bullet_classify(DOC)
    assert chunks == [
        "在青禾县作风建设推进会上的讲话",
        "一、统一思想\n今天召开会议，主要任务是部署作风建设。",
        "二、压实责任\n各单位要做到以下几点：\n一把手亲自抓，分管领导具体抓。",
    ]


def test_a_colon_ended_line_gives_its_last_clause_as_a_line_of_its_own() -> None:
    chunks = _peer().bullet_classify("会议强调。下一步重点抓好三件事：\n一是学习。")
    assert chunks == ["会议强调。\n下一步重点抓好三件事：\n一是学习。"]
