"""Hostile inputs parse in linear time and never raise.

Each input is built at size n and 2n and both are parsed in the same test,
interleaved, best of three CPU times (five when the ratio is borderline):
linear work doubles the time, quadratic work quadruples it, so the bound of 3× sits
between the two with room for noise on a busy machine.  No absolute time is
asserted.  Sizes are scaled so that each test takes a few seconds at most;
where the issue asked for a bigger input (100,000 lines of 一、) the count is
noted beside the case.

A ``str`` must never raise; ``bytes`` may raise only ``SpeechParseError``.

The last three cases were quadratic when these tests were written
(``runin.heading_end``, ``hard_wraps.join_hard_wraps``, ``Content.slice``) and
now guard the fixes.
"""

from __future__ import annotations

import gc
import math
import time
from collections.abc import Callable

import pytest

import speechparse
from speechparse.errors import SpeechParseError

BOUND = 3.0
"""Largest accepted t(2n) / t(n): linear is ~2, quadratic ~4."""
CLEARLY_QUADRATIC = 3.6
"""A ratio this high after three rounds is not noise: stop measuring."""

_STYLES = (
    "第一部分", "一、", "（一）", "1.", "（1）", "①", "⑴", "1)", "第一章", "第一节",
    "一", "第一篇", "１．", "(一)", "二、", "（二）", "2.", "②",
)  # fmt: skip
_HAN = "青禾县干部群众认真学习文件精神推动工作落实见效柳溪镇党委政府统筹发展安全"


def _one_char(ch: str) -> Callable[[int], str]:
    return lambda n: ch * n


def _cycling_styles(n: int) -> str:
    return "".join(f"{_STYLES[i % len(_STYLES)]}内容{i}\n" for i in range(n))


def _long_line(n: int) -> str:
    """A line of n characters without any punctuation, opened by a marker."""
    body = (_HAN * (n // len(_HAN) + 1))[:n]
    return "一、" + body + "\n" + body + "\n"


def _open_quotes(n: int) -> str:
    """n unclosed “ in a run-in heading and again in a paragraph."""
    return "标题\n一、" + "“" * n + "。正文。\n" + "“" * n + "\n"


def _open_quotes_then_closers(n: int) -> str:
    """n unclosed “ followed by n closers that match none of them."""
    return "一、" + "“" * n + "）" * n + "。正文\n"


def _hard_wrapped(n: int) -> str:
    """n lines of 200 characters each, cut mid-sentence (a PDF export)."""
    base = _HAN * (400 // len(_HAN) + 1)
    return "".join(base[i % 40 : i % 40 + 200] + "\n" for i in range(n))


def _collapsed_with_markers(n: int) -> str:
    """One long line: n paragraph breaks (runs of spaces), then 10n paywall markers."""
    return "开头" + "正文。  " * n + "文字##付费##" * (10 * n) + "\n"


def _dotted_run(n: int) -> str:
    """One line of n dotted ASCII labels with no domain suffix, then a few that have one."""
    return "a." * n + "开头 " + "x.cn " * (n // 100) + "\n"


def _watermark_prefixes(n: int) -> str:
    """n lines opened by one site-shaped name, and n single-spaced paragraphs on one line."""
    lines = "".join(f"青禾范文学习网{i}、正文。\n" for i in range(n))
    return lines + " ".join(["青禾范文学习网正文内容。"] * n) + "\n"


CASES = [
    # 1 MB of one character at 2n (一 and 。 are 3 bytes in UTF-8)
    pytest.param(_one_char("一"), 166_667, id="1MB-of-yi"),
    pytest.param(_one_char("。"), 166_667, id="1MB-of-full-stop"),
    pytest.param(_one_char("一\n"), 5_000, id="yi-lines"),
    # the issue asks for 100,000 lines; 10,000 keeps the test to seconds
    pytest.param(_one_char("一、\n"), 5_000, id="dun-lines"),
    pytest.param(_one_char("（一）（1）1.①⑴一、第一章\n"), 5_000, id="10k-nested-markers"),
    pytest.param(_cycling_styles, 5_000, id="10k-cycling-marker-styles"),
    pytest.param(_long_line, 166_667, id="1MB-line-without-punctuation"),
    pytest.param(_open_quotes, 25_000, id="50k-open-quotes"),
    pytest.param(_one_char("##"), 50_000, id="100k-hash-fragments"),
    pytest.param(_one_char("##段##"), 25_000, id="50k-paywall-markers-one-line"),
    pytest.param(_one_char("文字##段##正文。\n"), 5_000, id="paywall-markers-in-lines"),
    pytest.param(
        _open_quotes_then_closers,
        2_000,
        id="open-quotes-then-closers",
    ),
    pytest.param(
        _hard_wrapped,
        3_000,
        id="hard-wrapped-lines",
    ),
    pytest.param(
        _collapsed_with_markers,
        800,
        id="collapsed-line-with-markers",
    ),
    pytest.param(_dotted_run, 50_000, id="dotted-ascii-run"),
    pytest.param(_watermark_prefixes, 2_000, id="watermark-prefixes-lines-and-collapsed"),
]


MIN_SAMPLE_S = 0.05
"""Each timing covers at least this much CPU time: shorter ones are mostly noise."""


def _time(text: str, calls: int = 1) -> float:
    """CPU seconds per parse over ``calls`` parses (time preempted does not count).

    The cyclic GC is off while timing: its full collections walk the whole
    live heap, which makes a linear parse look ~2.3× per doubling and varies
    from run to run; the question here is whether the parser's own work is
    linear.
    """
    gc.collect()
    gc.disable()
    try:
        t0 = time.process_time()
        for _ in range(calls):
            speechparse.parse_text(text)
        return (time.process_time() - t0) / calls
    finally:
        gc.enable()


def _scaling(make: Callable[[int], str], n: int) -> tuple[float, float, int, int]:
    """Best times at n and 2n, interleaved; 3 rounds, up to 5 when the ratio is borderline."""
    small, large = make(n), make(2 * n)
    calls = max(1, math.ceil(MIN_SAMPLE_S / max(_time(small), 1e-6)))
    best_small = best_large = float("inf")
    for rounds in range(1, 6):
        best_small = min(best_small, _time(small, calls))
        best_large = min(best_large, _time(large, calls))
        if rounds >= 3 and not BOUND <= best_large / best_small < CLEARLY_QUADRATIC:
            break
    return best_small, best_large, len(small), len(large)


@pytest.fixture(scope="module", autouse=True)
def _warm() -> None:
    speechparse.parse_text("一、预热\n正文。\n")  # the LALR parser is built once


@pytest.mark.parametrize(("make", "n"), CASES)
def test_linear_time(make: Callable[[int], str], n: int) -> None:
    """Doubling the input at most ~doubles the time (bound 3×, quadratic would be 4×)."""
    t_small, t_large, len_small, len_large = _scaling(make, n)
    assert 1.9 <= len_large / len_small <= 2.1  # the builder really doubles the input
    ratio = t_large / t_small
    assert ratio < BOUND, (
        f"{len_small:,} chars: {t_small * 1e3:.1f} ms; {len_large:,} chars: "
        f"{t_large * 1e3:.1f} ms; ratio {ratio:.2f} (linear ≈ 2, quadratic ≈ 4)"
    )


ALL_INPUTS = [pytest.param(p.values[0], p.values[1], id=p.id) for p in CASES]


@pytest.mark.parametrize(("make", "n"), ALL_INPUTS)
def test_never_raises(make: Callable[[int], str], n: int) -> None:
    """``str`` input never raises and round-trips; ``bytes`` raise nothing but SpeechParseError."""
    text = make(n)
    doc = speechparse.parse(text)
    assert doc.to_source() == text
    encoded = {
        "utf-8": text.encode("utf-8"),
        "gb18030": text.encode("gb18030"),
        "utf-8-sig": b"\xef\xbb\xbf" + text.encode("utf-8"),
    }
    for encoding, data in encoded.items():
        try:
            doc = speechparse.parse(data)
        except SpeechParseError:
            continue
        # GB18030 bytes that are also valid UTF-8 (一 is D2 BB, which UTF-8 reads
        # as U+04BB) are decoded as UTF-8 by design: only check what was detected.
        if doc.encoding == encoding:
            assert doc.to_source() == text
