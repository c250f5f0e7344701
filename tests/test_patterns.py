"""Cheap pre-checks kept in step with the patterns they guard.

Hot paths skip a regex when a cheap test (a first character, a colon where
one must stand, a two-character seed) says it cannot match.  Each such test
lives next to its pattern in the lexicon's pattern modules; these property tests check that it
never says "no" where the full pattern would match, and that the points found
through POINT_AFTER are the points a full scan finds, so changing a
pattern without its shortcut fails here.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Iterable

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from speechparse.lexicon import line_patterns
from speechparse.lexicon.chars import WHITESPACE, display_width, holds
from speechparse.lexicon.gated import Gated, NeedsLiteral
from speechparse.lexicon.line_patterns import CLOSING, CLOSING_GATE
from speechparse.lexicon.masks import PLACEHOLDER, may_hold_placeholder
from speechparse.lexicon.noise_patterns import (
    DOMAIN_SEED,
    PAYWALL_PROSE,
    PAYWALL_PROSE_FIRST,
    SITE_NAME_END,
)
from speechparse.lexicon.numbering import NUMBERING_FIRST, NUMBERING_STYLES, NumberingStyle
from speechparse.lexicon.paragraph_shapes import COLLAPSED_GAP, collapsed_gaps
from speechparse.lexicon.points import POINT, POINT_BEFORE, POINT_FIRST, POINT_LABEL
from speechparse.lexicon.variants import with_variants
from speechparse.reading import hard_wraps, watermarks
from speechparse.reading.content import Content, read_contents
from speechparse.reading.lines import iter_lines
from speechparse.reading.noise import NoiseSpan, whole_line_noise
from speechparse.structure.tokens import points


def _for_re(pattern: str) -> str:
    """The pattern without possessive quantifiers, for ``st.from_regex``.

    Hypothesis compiles with the standard library's ``re``, which reads
    ``*+``, ``?+`` and ``{m,n}+`` only from Python 3.11 on; for generating
    candidates the greedy form is as good (the checks use the real pattern).
    A group name repeated in alternatives (``regex`` allows it: ``num`` in
    （一） and ㈠) is numbered apart, which ``re`` requires.
    """
    plain = re.sub(r"(?<=[*+?}])\+", "", pattern)
    seen: dict[str, int] = {}

    def rename(m: re.Match[str]) -> str:
        n = seen[m.group(1)] = seen.get(m.group(1), 0) + 1
        return m.group(0) if n == 1 else f"(?P<{m.group(1)}_{n}>"

    return re.sub(r"\(\?P<(\w+)>", rename, plain)


@settings(max_examples=300, deadline=None)
@given(st.from_regex(_for_re(PAYWALL_PROSE.pattern), fullmatch=True))
def test_paywall_prose_first_characters(line: str) -> None:
    """Whatever PAYWALL_PROSE matches starts with a character of PAYWALL_PROSE_FIRST."""
    assert line[0] in PAYWALL_PROSE_FIRST


_POINT_FRAGMENTS = (
    "首先", "其次", "再次", "其三", "最后", "第二", "第十一", "一是", "二要", "三抓", "十重",
    "两", "一", "三", "统筹", "理由", "场景", "要", "是", "，", ",", "、", "：", ":", "。", "；", "”", "！",
    " ", "\u3000", "做",
)  # fmt: skip
"""Pieces points are made of, and the punctuation around them, to build paragraphs from."""


def _points_by_full_scan(text: str) -> list[tuple[tuple[int, int], str]]:
    """The definition of a point, scanned the slow way: every POINT match, kept when
    it starts the text or follows a POINT_BEFORE character (plus a leading label)."""
    found = []
    label = POINT_LABEL.match(text)
    if label is not None:
        found.append((label.span(), label.group()))
    for m in POINT.finditer(text):
        if m.start() == 0 or text[m.start() - 1] in POINT_BEFORE:
            found.append((m.span(), m["word"] or m.group()))
    return found


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(_POINT_FRAGMENTS), min_size=1, max_size=16).map("".join))
def test_point_candidates_find_what_a_full_scan_finds(text: str) -> None:
    """POINT_AT_START and the POINT_AFTER scan find the same points as a full scan."""
    got = [(p.span, p.marker) for p in points(Content(0, len(text), text), 0, text)]
    assert got == _points_by_full_scan(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_POINT_FRAGMENTS), min_size=1, max_size=8).map("".join))
def test_point_first_characters(text: str) -> None:
    """Whatever POINT matches starts with a character of POINT_FIRST."""
    for m in POINT.finditer(text):
        assert m.group()[0] in POINT_FIRST


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="XX××**○○某某aD党。 ", max_size=12))
def test_placeholder_precheck_never_hides_a_placeholder(text: str) -> None:
    """Wherever PLACEHOLDER finds something, the cheap pre-check says it may."""
    if PLACEHOLDER.search(text) is not None:
        assert may_hold_placeholder(text)


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet="#X×客服某a ", max_size=16),
    st.text(alphabet="#X×客服某", min_size=1, max_size=3),
)
def test_holds_is_substring_search(text: str, needle: str) -> None:
    """The first-character shortcut answers exactly as ``in`` does."""
    assert holds(text, needle) == (needle in text)


GATED = {name: value for name, value in vars(line_patterns).items() if isinstance(value, Gated)}


def test_gated_patterns_are_found() -> None:
    """The gated line patterns this module checks (a guard against the list going empty)."""
    assert {"SALUTATION", "SUBTITLE", "PARENTHESISED_LINE", "DATE_LINE"} <= set(GATED)


@pytest.mark.parametrize("name", sorted(GATED))
def test_gated_first_characters(name: str) -> None:
    """Every line a Gated pattern matches starts with one of its ``first`` characters."""
    gated = GATED[name]
    matched: list[str] = []

    @settings(max_examples=300, deadline=None)
    @given(st.from_regex(_for_re(gated.pattern.pattern)))
    def check(line: str) -> None:
        if "\n" in line:
            return  # lines never hold a break; ``$`` would match before it
        if gated.pattern.match(line) is not None:
            matched.append(line)
            assert line[0] in gated.first or line[-1] in gated.last, f"{name} matches {line!r}"
            assert gated.match(line) is not None

    check()
    assert matched, f"no generated line matched {name} at its start: the check never ran"


@pytest.mark.parametrize("style", NUMBERING_STYLES, ids=lambda s: s.name)
def test_numbering_style_first_characters(style: NumberingStyle) -> None:
    """Every marker a numbering style matches starts with one of its ``first`` characters."""
    matched: list[str] = []

    @settings(max_examples=200, deadline=None)
    @given(st.from_regex(_for_re(style.pattern.pattern)))
    def check(line: str) -> None:
        if style.pattern.match(line) is not None:
            matched.append(line)
            assert line[0] in style.first, f"{style.name} matches {line!r}"
            assert line[0] in NUMBERING_FIRST

    check()
    assert matched, f"no generated line matched {style.name} at its start: the check never ran"


@settings(max_examples=300, deadline=None)
@given(st.from_regex(_for_re(CLOSING.pattern)))
def test_closing_gate_never_hides_a_closing(line: str) -> None:
    """Whatever CLOSING finds holds a character of CLOSING_GATE."""
    if CLOSING.search(line) is not None:
        assert not CLOSING_GATE.isdisjoint(line)


def _needs_literal_patterns() -> list[tuple[str, NeedsLiteral]]:
    import importlib
    import pkgutil

    import speechparse.lexicon

    modules = [
        importlib.import_module(f"speechparse.lexicon.{info.name}")
        for info in pkgutil.iter_modules(speechparse.lexicon.__path__)
    ]
    found = [
        (f"{module.__name__}.{name}", value)
        for module in modules
        for name, value in vars(module).items()
        if isinstance(value, NeedsLiteral)
    ]
    assert found, "no NeedsLiteral pattern found: the check below would test nothing"
    return found


@pytest.mark.parametrize(("name", "gated"), _needs_literal_patterns())
def test_needs_literal_holds_its_pattern(name: str, gated: NeedsLiteral) -> None:
    """Every match of the pattern holds the literal, and the literal has no other forms.

    The pattern opens with the literal outside any class or alternation, so
    every match holds it; and a literal with a traditional form would have
    been widened into a class (the gate would then hide 在's other forms).
    """
    source = gated.pattern.pattern
    assert source.startswith(gated.literal), name
    assert with_variants(gated.literal) == gated.literal, name
    for text in ("在全县秋冬季农业生产推进会上的讲话", "全县农业生产推进会讲话", "会上的讲话在此"):
        expected = gated.pattern.search(text)
        found = gated.search(text)
        assert (found and found.span()) == (expected and expected.span()), (name, text)


# ----------------------------------------------- one-pass scans vs plain loops

_SCAN_ALPHABET = "ab网站一。 \t\u3000\u00a0\u200b\x0c\r\n"
"""Line breaks of every kind, every kind of white space, and a few words: what the scans split on."""


def _starts_by_lines(text: str) -> list[int]:
    """Paragraph starts the plain way: each line's first non-blank, then after each space run."""
    out: list[int] = []
    for start, raw in iter_lines(text):
        end = start + len(raw)
        i = start
        while i < end and text[i] in WHITESPACE:
            i += 1
        if i < end:
            out.append(i)
        for m in regex.finditer(r"[ \t\u3000\u00a0]++", text[:end], pos=i):
            if m.end() < end:
                out.append(m.end())
    return out


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet=_SCAN_ALPHABET, max_size=30))
def test_watermark_starts_are_the_line_by_line_starts(text: str) -> None:
    """watermarks._starts, one scan of the text, finds the starts a loop over the lines finds.

    The keys of watermarks._start_keys, made without the starts, open with
    the run of alphanumeric characters at each start, as many times as there
    are starts: all that is read of a start to find a site name.
    """
    lines = list(iter_lines(text))
    starts = watermarks._starts(text, lines)
    assert starts == _starts_by_lines(text)
    cleans = [raw.strip(WHITESPACE) for _, raw in lines]
    assert _names_at(watermarks._start_keys(cleans)) == _names_at(text[at:] for at in starts)


def _names_at(texts: Iterable[str]) -> list[str]:
    """The non-empty runs of alphanumeric characters opening ``texts``, sorted."""
    runs = ("".join(itertools.takewhile(str.isalnum, t)) for t in texts)
    return sorted(r for r in runs if r)


def _prefix_names_by_groups(text: str, starts: list[int]) -> set[str]:
    """Site-shaped prefixes found the plain way: every start's prefix grouped, then each group."""
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


_PREFIXES = ("青禾文库网", "青禾文库网站", "青禾文库", "范文学习网", "范文学习", "12345", "ab", "")


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(_PREFIXES), st.text(alphabet="网库a1。 \u3000", max_size=4)),
        max_size=10,
    ).map(lambda lines: "\n".join(p + rest for p, rest in lines))
)
def test_prefix_names_counted_first_are_the_grouped_ones(text: str) -> None:
    """watermarks._prefix_names, counting the start keys before grouping, finds what grouping all finds."""
    lines = list(iter_lines(text))
    names: set[str] = set()
    watermarks._prefix_names(
        watermarks._start_keys([raw.strip(WHITESPACE) for _, raw in lines]), names
    )
    assert names == _prefix_names_by_groups(text, watermarks._starts(text, lines))


@settings(max_examples=1000, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["www", ".", "com", "cn", "Net", "1", "-", "网", " ", "/", "（", "）", "a"]
        ),
        max_size=10,
    ).map("".join)
)
def test_domain_seed_is_in_every_text_with_a_domain_fragment(text: str) -> None:
    """Wherever the domain pass finds a fragment or a name, DOMAIN_SEED is found first."""
    spans: list[tuple[int, int]] = []
    names: set[str] = set()
    watermarks._domain_fragments(text, spans, names)
    if spans or names:
        assert DOMAIN_SEED.search(text) is not None


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=20))
def test_display_width_counts_narrow_characters_as_one(text: str) -> None:
    """display_width, counted by a Latin-1 encode, is the character-by-character width."""
    assert display_width(text) == sum(1 if ch < "\u0100" else 2 for ch in text)


def _wrap_width_plainly(widths: list[int], ends: list[str], min_width: int, slack: int) -> int:
    """The wrap width as first written: every width's neighbourhood summed, the best one checked."""
    if len(widths) < hard_wraps.WRAP_MIN_BROKEN:
        return 0
    every = Counter(widths)
    lengths = Counter({n: k for n, k in every.items() if n >= min_width})
    if not lengths:
        return 0

    def near(w: int) -> int:
        return sum(every[n] for n in range(w - slack, w + slack + 1))

    width = max(lengths, key=lambda w: (near(w), lengths[w], w))
    close, total = near(width), sum(lengths.values())
    if close < hard_wraps.WRAP_MIN_BROKEN or close * 10 < 4 * total:
        return 0
    broken = sum(
        1
        for w, end in zip(widths, ends, strict=True)
        if abs(w - width) <= slack and end not in hard_wraps.WRAP_OPEN_END
    )
    return width if broken >= hard_wraps.WRAP_MIN_BROKEN and broken * 10 >= 4 * total else 0


@settings(max_examples=1000, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(12, 17), st.sampled_from("的的，。”"), st.booleans()), max_size=16
    ),
    st.integers(1, 2),
)
def test_wrap_width_asks_about_lines_lazily_and_finds_the_same_width(
    lines: list[tuple[int, str, bool]], slack: int
) -> None:
    """_wrap_width, bounded first and asking ``may_wrap`` late, is the plain count (numbered ends as 。)."""
    widths = [w for w, _, _ in lines]
    ends = [e for _, e, _ in lines]
    plain = _wrap_width_plainly(widths, ["。" if n else e for _, e, n in lines], 14, slack)
    got = hard_wraps.wrap_width(
        widths,
        lambda i: ends[i] not in hard_wraps.WRAP_OPEN_END and not lines[i][2],
        min_width=14,
        slack=slack,
    )
    assert got == plain


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet="。！?”’一1（第①a \u3000\t", max_size=24))
def test_collapsed_gaps_are_the_gap_pattern_matches(text: str) -> None:
    """collapsed_gaps, two scans of COLLAPSED_GAP's halves, finds exactly its matches."""
    expected = [(m.start(), m.end()) for m in COLLAPSED_GAP.finditer(text)]
    assert collapsed_gaps(text) == expected


_WRAP_STARTS = (
    "",
    "",
    "",
    ".",
    "·",
    "-",
    "http://www.ab.cn/",
    "第1页",
    "D",
    "【站】",
    "一、",
    "目录",
)
_WRAP_ENDS = ("", "", ".", "..", ".3", "·", "·5", "--", "-5", "12", "页", "D中", "。", "……5")


def _wrapped_document(lines: list[tuple[str, str, str, int | None]]) -> str:
    """Lines of one width (16) where ``pad`` is None, built from noise-like starts and ends."""
    out = []
    for start, fill, end, pad in lines:
        width = max(0, 16 - len(start) - len(end)) if pad is None else pad
        out.append(start + fill * width + end)
    return "\n".join(out) + "\n"


@settings(max_examples=1500, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(_WRAP_STARTS),
            st.sampled_from("a的D "),
            st.sampled_from(_WRAP_ENDS),
            st.sampled_from([None, None, 0, 2]),
        ),
        min_size=5,
        max_size=14,
    ),
    st.booleans(),
)
def test_no_content_read_is_whole_line_noise(
    lines: list[tuple[str, str, str, int | None]], unmask: bool
) -> None:
    """The reading stage leaves no content the whole-line check calls noise.

    The check runs where a line's text is made (as read, a collapsed line's
    pieces, a hard-wrap join, a line unmasked to 党), not once more over
    every content: this holds those checks to that plain re-check.
    """
    contents = read_contents(_wrapped_document(lines), [], unmask=unmask)
    assert [c.text for c in contents if whole_line_noise(c.text) is not None] == []


def test_a_hard_wrap_join_that_is_a_contents_entry_is_noise() -> None:
    """The case the join's own check is there for: neither half alone is noise."""
    body = "".join(f"第{n}行的文字在这里被折断了而且还没写完\n" for n in range(6))
    entry = "目次里第二章的有关规定和要求说明如.\n.3\n"
    noise: list[NoiseSpan] = []
    contents = read_contents(body + "这一行写完了。\n" + entry, noise, unmask=False)
    assert len(contents) == 1
    assert contents[0].text.endswith("这一行写完了。")
    assert [n.kind for n in noise] == ["toc"]
