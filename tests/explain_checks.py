"""The explain view's invariant and documents, shared by the explain tests.

Every physical line of the source is a row, exactly once and in order; the
parts on a row lie inside it, cover every character of it that is not white
space, and do not overlap (except noise inside the node that holds it); and
every leaf of the document shows up as a part of its own kind on each line it
stands on.  Together: the explanation leaves nothing out and invents nothing.
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import pairwise

from invariants import SPACE
from speechparse import Document, Explanation, Paragraph, Salutation, Title
from speechparse.reading.lines import split_lines
from speechparse.structure.tokens import TitleCandidate

__all__ = ["CANDIDATES", "FLOOD", "TITLED", "check_explanation", "titled_document"]

_PART_OF_LEAF = {
    "title": "title",
    "subtitle": "subtitle",
    "byline": "byline",
    "salutation": "salutation",
    "paragraph": "paragraph",
    "marker": "heading",
    "heading": "heading",
}


def _part_kind(leaf: str) -> str:
    if leaf.startswith(("noise:", "trailer:")):
        return leaf.split(":", 1)[0]
    return _PART_OF_LEAF[leaf]


def check_explanation(doc: Document, explanation: Explanation) -> None:
    """Raise AssertionError naming the line when the explanation breaks the invariant."""
    source = doc.source
    lines = split_lines(source)
    rows = explanation.lines
    assert [r.line for r in rows] == list(range(1, len(lines) + 1)), "one row per line, in order"
    assert [r.span for r in rows] == [(ln.start, ln.end) for ln in lines], "rows are the lines"
    for row in rows:
        lo, hi = row.span
        covered = [False] * (hi - lo)
        for kind in ("noise", "node"):
            parts = sorted(p.span for p in row.parts if (p.kind == "noise") == (kind == "noise"))
            for (_, end), (start, _) in pairwise(parts):
                assert end <= start, f"line {row.line}: {kind} parts overlap"
        for part in row.parts:
            start, end = part.span
            assert lo <= start < end <= hi, f"line {row.line}: {part.kind} {part.span} outside"
            assert part.node_span[0] <= start and end <= part.node_span[1]
            assert part.lines[0] <= row.line <= part.lines[1]
            for i in range(start, end):
                covered[i - lo] = True
        for i, ch in enumerate(source[lo:hi]):
            assert covered[i] or ch in SPACE, f"line {row.line}: {ch!r} at {lo + i} in no part"
        assert row.blank == (not source[lo:hi].strip("".join(SPACE)))
    for row in rows:
        for k in row.candidates:
            candidate = explanation.title_candidates[k]
            assert candidate.line == row.line, f"line {row.line}: candidate {k} is elsewhere"
            titles = [p for p in row.parts if p.kind == "title"]
            if candidate.chosen and titles and titles[0].score is not None:
                assert titles[0].score == candidate.score, (
                    f"line {row.line}: not the winner's score"
                )
    assert sum(len(r.candidates) for r in rows) == len(explanation.title_candidates)
    starts = [r.span[0] for r in rows]
    for leaf, (start, end) in doc.leaves():
        want = _part_kind(leaf)
        for row in rows[max(_row_of(starts, start), 0) : _row_of(starts, end - 1) + 1]:
            a, b = max(start, row.span[0]), min(end, row.span[1])
            if not source[a:b].strip("".join(SPACE)):
                continue
            assert any(p.kind == want and p.span[0] <= a and b <= p.span[1] for p in row.parts), (
                f"line {row.line}: {leaf} leaf {(a, b)} not shown as a {want} part"
            )


def _row_of(starts: list[int], offset: int) -> int:
    return bisect_right(starts, offset) - 1


# -- documents the explain tests share ---------------------------------------

FLOOD = (
    "在白鹭镇2025年防汛工作会议上的讲话\n"
    "（2025年5月8日）\n"
    "\n"
    "同志们：\n"
    "\u3000\u3000今年汛期来得早，我讲三点意见：一是提高认识，二是压实责任，三是抓好演练。\n"
    "一、提高思想认识。防汛工作关系群众生命财产安全，来不得半点松懈。\n"
    "二、压实工作责任\n"
    "- 2 -\n"
    "（一）落实包保制度。每个村都要明确包保干部。\n"
    "（二）加强巡查值守\n"
    "3.这一条编号写错了，保持为正文。\n"
    "四、抓好##paidbegin##应急演练。各村要在六月底前完成一次全员演练。\n"
    "谢谢大家！\n"
    "白鹭镇人民政府\n"
    "2025年5月8日\n"
)
"""A town's flood-season speech: every body row kind, a gap, a marker kept as text."""


TITLED = "学习体会：守初心担使命\n同志们：\n"


def titled_document(title: bool = True) -> Document:
    """A document made by hand, so the title row does not depend on the title stage."""
    return Document(
        encoding="str",
        source=TITLED,
        title=Title(span=(0, 11), text=TITLED[:11], genre="学习体会", main="守初心担使命")
        if title
        else None,
        preamble=(Salutation(span=(12, 16), text="同志们："),)
        if title
        else (
            Paragraph(span=(0, 11), text=TITLED[:11]),
            Salutation(span=(12, 16), text="同志们："),
        ),
        sections=(),
        trailer=(),
        noise=(),
        diagnostics=(),
    )


CANDIDATES = [
    TitleCandidate(0, 11, TITLED[:11], 7.5, ("genre+3", "below:salutation+2", "short+2.5"), True),
    TitleCandidate(12, 16, "同志们：", -4.0, ("salutation-4",), False),
]
