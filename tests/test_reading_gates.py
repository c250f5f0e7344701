"""The reading stage's shortcuts never change what it reads.

The content reader (``content.read_contents``: lines, watermarks, noise,
segmentation) skips work a whole document cannot need: a scan with no
candidate anywhere, a stage whose pattern cannot fire.  Each test here holds
one such gate to the unshortcut path it stands for, on generated speeches
(``strategies.documents``), on those damaged, collapsed onto one line or
stamped with an invented site's name, and on arbitrary noisy text.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from unittest.mock import patch

from hypothesis import given, settings
from hypothesis import strategies as st

from speechparse.lexicon.chars import WHITESPACE
from speechparse.lexicon.noise_patterns import (
    PAGE_NUMBER,
    PAYWALL_PROSE,
    SITE_BADGE,
    SITE_NAME_END,
    TOC_ENTRY,
    TOC_HEADING,
    URL,
)
from speechparse.reading import content, hard_wraps, repeated_lines, watermarks
from speechparse.reading import noise as noise_rules
from speechparse.reading.content import Content
from speechparse.reading.lines import iter_lines, line_list
from speechparse.reading.noise import NoiseSpan
from strategies import documents, mutated, noisy_text

_SITE = ("青禾范文学习网", "拾穗文秘网", "云栖公文站", "www.yunqi.cn", "（云栖公文站）", "ab12c")
"""Invented site names, a domain and prefixes of the length a site name is counted at."""

_JOINS = ("\n", "\r\n", " ", "  ", "\u3000", "\u3000\u3000", "\t", "\u00a0", " \u200b ")


@st.composite
def _stamped(draw: st.DrawFn) -> str:
    """A generated speech whose lines are joined oddly and some opened by a site's name."""
    text = draw(documents()).text
    lines = [body for _, body in iter_lines(text)]
    mark = draw(st.sampled_from(_SITE))
    out: list[str] = []
    for body in lines:
        out.append(mark + body if draw(st.integers(0, 2)) == 0 else body)
        out.append(draw(st.sampled_from(_JOINS)))
    return "".join(out)


reading_texts = st.one_of(
    documents().map(lambda d: d.text),
    documents().flatmap(lambda d: mutated(d.text)),
    _stamped(),
    noisy_text(),
)
"""Text the reading stage meets: speeches plain, damaged, collapsed, stamped, and noise."""


# -------------------------------------------------------------- watermarks


def _prefix_names_by_positions(text: str, starts: list[int]) -> set[str]:
    """Site-shaped prefixes read off the text at every start, as first written."""
    groups: dict[str, list[int]] = {}
    for at in starts:
        key = text[at : at + watermarks.PREFIX_MIN]
        if len(key) == watermarks.PREFIX_MIN and key.isalnum():
            groups.setdefault(key, []).append(at)
    names: set[str] = set()
    for group in groups.values():
        if len(group) < watermarks.PREFIX_MIN_LINES:
            continue
        first, n = group[0], watermarks.PREFIX_MIN
        while (
            n < watermarks.NAME_MAX
            and text[first + n : first + n + 1].isalnum()
            and all(text[s + n : s + n + 1] == text[first + n] for s in group)
        ):
            n += 1
        prefix = text[first : first + n]
        while prefix and prefix[-1] not in SITE_NAME_END:
            prefix = prefix[:-1]
        if len(prefix) >= watermarks.PREFIX_MIN:
            names.add(prefix)
    return names


def _inline_watermarks_ungated(text: str) -> list[NoiseSpan]:
    """Every pass run on every text, prefixes read at the starts' positions."""
    lines = list(iter_lines(text))
    spans: list[tuple[int, int]] = []
    names: set[str] = set()
    watermarks._domain_fragments(text, spans, names)
    starts = watermarks._starts(text, lines)
    names |= _prefix_names_by_positions(text, starts)
    if names:
        ends = [(s, s + len(raw)) for s, raw in lines]
        watermarks._named_fragments(text, ends, starts, names, spans)
    return [NoiseSpan("watermark", s, e) for s, e in watermarks._merge(spans)]


@settings(max_examples=400, deadline=None)
@given(reading_texts)
def test_inline_watermarks_gated_and_ungated_agree(text: str) -> None:
    """Prefixes counted from keys alone, the domain scan only after a seed, find the same marks."""
    assert watermarks.inline_watermarks(text) == _inline_watermarks_ungated(text)


def test_a_prefix_after_spaces_inside_lines_is_still_counted() -> None:
    """Paragraphs of a collapsed line opened by a site name: the gate sees the inner starts."""
    mark = "青禾范文学习网"
    text = f"通知 {mark}第一段内容。 {mark}第二段内容。\u3000{mark}第三段内容。\n"
    found = [text[n.start : n.end] for n in watermarks.inline_watermarks(text)]
    assert found == [mark] * 3
    assert found == [text[n.start : n.end] for n in _inline_watermarks_ungated(text)]


# ------------------------------------------------------------ segmentation


@st.composite
def _wrapped(draw: st.DrawFn) -> str:
    """A generated speech hard-wrapped at one width, as a PDF export is, headings included."""
    lines = [body.strip() for _, body in iter_lines(draw(documents()).text)]
    width = draw(st.integers(12, 40))
    out: list[str] = []
    for body in lines:
        out.extend(body[at : at + width] for at in range(0, len(body), width))
    return draw(st.sampled_from(("\n", "\r\n"))).join(out)


@st.composite
def _repeating(draw: st.DrawFn) -> str:
    """A generated speech with one short line (a site's stamp, a running header) repeated."""
    lines = [body for _, body in iter_lines(draw(documents()).text)]
    stamp = draw(st.sampled_from((*_SITE, "第2页", "一、", lines[0] if lines else "")))
    for _ in range(draw(st.integers(0, 5))):
        lines.insert(draw(st.integers(0, len(lines))), stamp)
    return "\n".join(lines)


segment_texts = st.one_of(reading_texts, _wrapped(), _repeating())
"""Text for the segmentation gates: the reading texts, hard-wrapped and repeating ones too."""


def _segment_input(text: str) -> tuple[list[Content], list[NoiseSpan]]:
    """The contents and noise ``segment.segment`` is given for ``text``."""
    noise: list[NoiseSpan] = []
    with patch.object(content, "segment", lambda _text, contents, _noise: contents):
        contents = content.read_contents(text, noise)
    return contents, noise


def _wrap_width_ungated(
    widths: list[int], may_wrap: Callable[[int], bool], *, min_width: int, slack: int
) -> int:
    """The wrap width with no early exit: every width's neighbourhood summed, the best checked."""
    if len(widths) < hard_wraps.WRAP_MIN_BROKEN:
        return 0
    every = Counter(widths)
    total = sum(k for w, k in every.items() if w >= min_width)
    if not total:
        return 0
    close, _, width = max(
        (sum(every[n] for n in range(w - slack, w + slack + 1)), k, w)
        for w, k in every.items()
        if w >= min_width
    )
    broken = sum(1 for i, w in enumerate(widths) if abs(w - width) <= slack and may_wrap(i))
    ok = min(close, broken) >= hard_wraps.WRAP_MIN_BROKEN and broken * 10 >= 4 * total
    return width if ok else 0


@settings(max_examples=300, deadline=None)
@given(segment_texts)
def test_wrap_width_gated_and_ungated_agree(text: str) -> None:
    """Widths never within 2 * slack of enough others stop the wrap search: no width is lost."""
    contents, _ = _segment_input(text)
    widths = hard_wraps._widths(text, contents)
    ends = [c.text[-1] for c in contents]

    def ends_open(i: int) -> bool:
        return ends[i] not in "。！？：”"

    for min_width, slack in ((15, 1), (30, 2), (12, 3)):
        got = hard_wraps.wrap_width(widths, ends_open, min_width=min_width, slack=slack)
        assert got == _wrap_width_ungated(widths, ends_open, min_width=min_width, slack=slack)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(0, 60), max_size=40), st.integers(1, 40), st.integers(0, 3))
def test_wrap_width_gate_on_any_widths(widths: list[int], min_width: int, slack: int) -> None:
    """The sorted-window gate of _wrap_width holds for any widths, not only a document's."""
    assert hard_wraps.wrap_width(
        widths, lambda i: i % 3 != 0, min_width=min_width, slack=slack
    ) == _wrap_width_ungated(widths, lambda i: i % 3 != 0, min_width=min_width, slack=slack)


@settings(max_examples=300, deadline=None)
@given(segment_texts)
def test_repeated_lines_gated_and_ungated_agree(text: str) -> None:
    """No short line three times (one set) means no repeated line (the count) to set aside."""
    contents, _ = _segment_input(text)
    noise: list[NoiseSpan] = []
    kept = repeated_lines.drop_repeated_lines(contents, noise)
    counts = Counter(c.text for c in contents[1:] if len(c.text) <= repeated_lines.WATERMARK_MAX)
    if not any(n >= repeated_lines.WATERMARK_MIN_REPEATS for n in counts.values()):
        assert kept is contents
        assert noise == []


# ------------------------------------------------------------------ lines


@settings(max_examples=400, deadline=None)
@given(st.one_of(segment_texts, documents(noise=False).map(lambda d: d.text)))
def test_plain_lines_read_as_the_general_reading_reads_them(text: str) -> None:
    """A document without markers, tags or watermarks takes the plain loop: same contents, noise."""
    if "<" in text or "##" in text:
        text = text.replace("<", "〈").replace("##", "#")
    lines = line_list(text)
    cleans = [raw.strip(WHITESPACE) for _, raw in lines]
    if watermarks.inline_watermarks(text, lines, cleans):
        return
    plain: list[NoiseSpan] = []
    general: list[NoiseSpan] = []
    rows = zip(lines, cleans, strict=True)
    expected = content._read_lines(
        text, rows, general, marks=[], markers=False, masked=False, known_noise=None
    )
    assert content._plain_contents(lines, cleans, plain) == expected
    assert plain == general


# ------------------------------------------------------- whole-line noise


def _for_re(pattern: str) -> str:
    """The pattern with its possessive quantifiers made greedy, for ``st.from_regex``."""
    return re.sub(r"(?<=[*+?}])\+", "", pattern)


@settings(max_examples=300, deadline=None)
@given(st.from_regex(_for_re(PAGE_NUMBER.pattern), fullmatch=True))
def test_a_page_number_ends_as_the_gate_says(line: str) -> None:
    """Whatever PAGE_NUMBER matches whole ends with a character of the gate's last set."""
    assert PAGE_NUMBER.fullmatch(line)
    assert line[-1] in noise_rules._PAGE_LAST


@settings(max_examples=300, deadline=None)
@given(st.from_regex(_for_re(PAYWALL_PROSE.pattern), fullmatch=True))
def test_paywall_prose_after_a_bracket_starts_as_the_gate_says(line: str) -> None:
    """A paywall phrase the pattern finds at a bracket has its word right after the bracket."""
    if PAYWALL_PROSE.match(line) and line[0] in noise_rules._PROSE_BRACKETS:
        assert line[1:2] in noise_rules._PROSE_WORD_FIRST


def _whole_line_noise_ungated(clean: str) -> str | None:
    """Every pattern tried on every line, in the order whole_line_noise tries them."""
    if PAGE_NUMBER.fullmatch(clean):
        return "page_number"
    if TOC_ENTRY.search(clean) or TOC_HEADING.match(clean):
        return "toc"
    if SITE_BADGE.fullmatch(clean):
        return "watermark"
    if len(clean) <= 48 and PAYWALL_PROSE.match(clean):
        return "paywall"
    if URL.fullmatch(clean) or (clean.startswith(("原文链接", "本文链接")) and URL.search(clean)):
        return "url"
    return None


_NOISE_LINES = (
    "- 3 -", "第 2 页", "第2页 共5页", "3/5", "2 / 12", "（未完待续）", "(全文共3页)", "【点击下载全文】",
    "阅读全文", "……剩余2页", "（一）加强党的建设", "第一，坚持问题导向。", "目录", "提纲：",
    "第一章 总则……1", "一、总体要求----3", "【引证码】 AB.12", "www.example.cn", "原文链接：http://a.cn/1",
)  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(
    st.one_of(
        st.sampled_from(_NOISE_LINES),
        st.tuples(st.sampled_from(_NOISE_LINES), st.sampled_from(("", "。", "2", "页", "-"))).map(
            "".join
        ),
        reading_texts.map(lambda t: t.strip(WHITESPACE + "\r\n")),
    ).filter(bool)
)
def test_whole_line_noise_gated_and_ungated_agree(clean: str) -> None:
    """The character gates before each pattern never hide a match the pattern would make."""
    assert noise_rules.whole_line_noise(clean) == _whole_line_noise_ungated(clean)
