"""The robustness matrix, run in-process: every perturbation of the corpus stays above its floor.

The shared tool ../shared/tools/perturb.py rewrites each gold document in ways
whose right outline is known (collapsed text, web headers, title decorations,
PDF wraps, watermarks, paywalls, GB18030, half-width, traditional, indent); the
outlines are scored with the shared scorer's own functions.  Floors sit just
under what the parser reaches (a ratchet like test_corpus_score.py), for the
built-in furniture and seed 1, and for a second seed, and with site
furniture of our own invention (tests/fixtures/furniture/: other site names,
decorations, meta lines, watermarks, ads, page numbers), so that a rule fitted
to the built-in templates instead of the genre fails here.  Skipped when the
shared tools or corpus are absent.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

import speechparse
from invariants import check_leaves_partition

ROOT = Path(__file__).resolve().parents[1]
TOOLS = ROOT.parent / "shared" / "tools"
CORPUS = ROOT.parent / "shared" / "corpus"

pytestmark = pytest.mark.skipif(
    not ((TOOLS / "perturb.py").is_file() and CORPUS.is_dir()), reason="shared tools absent"
)

#: transform -> (title_acc, heading_f1) floors, for every seed below.
FLOORS: dict[str, tuple[float, float]] = {
    "collapse_ideographic": (0.98, 0.99),
    "collapse_space": (0.96, 0.99),
    "web_header": (0.98, 0.99),
    "title_decorations": (0.98, 0.99),
    "pdf_wrap": (0.97, 0.99),
    "watermark": (0.97, 0.99),
    "paywall_ads": (0.98, 0.99),
    "crlf_gb18030": (0.98, 0.99),
    "halfwidth": (0.98, 0.99),
    "traditional": (0.98, 0.99),
    "indent": (0.98, 0.99),
}
SEEDS = (1, 2)
FURNITURE = sorted((ROOT / "tests" / "fixtures" / "furniture").glob("*.json"))
#: The transforms that draw on the site furniture templates.
FURNISHED = ("web_header", "title_decorations", "pdf_wrap", "watermark", "paywall_ads")


def _tool(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"_shared_{name}", TOOLS / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.dont_write_bytecode = True  # leave no __pycache__ beside the shared tools
    sys.modules[spec.name] = module  # dataclasses look their module up while it loads
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def tools() -> tuple[ModuleType, ModuleType]:
    return _tool("perturb"), _tool("score_outline")


def _summary(score: ModuleType, folder: Path) -> dict[str, float]:
    rows: list[dict[str, Any]] = []
    for gold_path in sorted(folder.glob("*.gold.json")):
        doc_path = gold_path.with_name(gold_path.name[: -len(".gold.json")] + ".txt")
        doc = speechparse.parse(doc_path)
        check_leaves_partition(doc)
        assert doc.to_source() == doc.source
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        rows.append(score.score_doc(doc.outline(), gold))
    tp, npred, ngold = (sum(r[k] for r in rows) for k in ("tp", "pred", "gold"))
    p, r = (tp / npred if npred else 0.0), (tp / ngold if ngold else 0.0)
    return {
        "docs": len(rows),
        "title_acc": sum(r["title_ok"] for r in rows) / max(1, len(rows)),
        "heading_f1": 2 * p * r / (p + r) if p + r else 0.0,
    }


@pytest.mark.slow
@pytest.mark.parametrize("seed", SEEDS)
def test_every_transform_stays_above_its_floor(
    tools: tuple[ModuleType, ModuleType], tmp_path: Path, seed: int
) -> None:
    """Each transformed corpus parses without loss and scores at least its floor."""
    perturb, score = tools
    names = [n for n in FLOORS if n != "traditional" or perturb.opencc_converter() is not None]
    assert perturb.main([str(CORPUS), str(tmp_path), "--seed", str(seed), "-q",
                         "--transforms", ",".join(names)]) == 0  # fmt: skip
    low = {}
    for name in names:
        summary = _summary(score, tmp_path / name)
        title_floor, f1_floor = FLOORS[name]
        if summary["title_acc"] < title_floor or summary["heading_f1"] < f1_floor:
            low[name] = summary
    assert not low, low


@pytest.mark.slow
@pytest.mark.parametrize("furniture", FURNITURE, ids=lambda p: p.stem)
def test_other_site_furniture_stays_above_the_floors(
    tools: tuple[ModuleType, ModuleType], tmp_path: Path, furniture: Path
) -> None:
    """The same floors with furniture the parser was not written against."""
    perturb, score = tools
    assert perturb.main([str(CORPUS), str(tmp_path), "--seed", "3", "-q", "--templates",
                         str(furniture), "--transforms", ",".join(FURNISHED)]) == 0  # fmt: skip
    low = {}
    for name in FURNISHED:
        summary = _summary(score, tmp_path / name)
        title_floor, f1_floor = FLOORS[name]
        if summary["title_acc"] < title_floor or summary["heading_f1"] < f1_floor:
            low[name] = summary
    assert not low, low
