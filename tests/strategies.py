"""Hypothesis strategies for speechparse, all in one module.

Two families:

- :func:`documents` builds a speech structurally (title, optional ``体裁：``
  genre, ``——`` subtitle and dateline, salutation, numbered sections at random
  depth with run-in and own-line headings, quotes inside headings, noise lines
  and in-line paywall markers, closing words and site ads, CRLF / CR / LF,
  U+3000 / NBSP indentation) and returns it together with the outline a
  correct parser must find, so property tests can use it as an oracle.
- :func:`noisy_text` and ``st.text()`` give arbitrary text, weighted towards
  the characters the lexer cares about, for the never-crash properties.

The body vocabulary is chosen so that no phrase built from it can read as an
ad, a closing formula, a salutation, a date or a numbering marker; a test in
``test_properties.py`` checks that.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from hypothesis import strategies as st

__all__ = [
    "WORDS",
    "Expected",
    "GeneratedDoc",
    "documents",
    "front_matter",
    "marker",
    "mutated",
    "noisy_text",
    "to_chinese",
]

WORDS: tuple[str, ...] = (
    "发展", "群众", "责任", "落实", "推进", "学习", "思想", "纪律", "基层", "质量",
    "改革", "安全", "制度", "队伍", "能力", "民生", "生态", "文化", "治理", "项目",
    "产业", "乡村", "人才", "实效", "目标", "任务", "措施", "机制", "基础", "环境",
    "规划", "效能", "理论", "实践", "路线", "方针", "政策", "统筹", "协调", "绿色",
    "开放", "共享", "担当", "作为", "初心", "使命", "奋斗", "攻坚",
)  # fmt: skip
"""Two-character words that never start a marker and never form a keyword."""

_CN_DIGITS = "零一二三四五六七八九"


def to_chinese(n: int) -> str:
    """1..99 as a Chinese numeral the way markers write it (十一, 二十三)."""
    if not 1 <= n <= 99:
        raise ValueError(n)
    tens, ones = divmod(n, 10)
    if tens == 0:
        return _CN_DIGITS[ones]
    head = "" if tens == 1 else _CN_DIGITS[tens]
    return f"{head}十{_CN_DIGITS[ones] if ones else ''}"


# One marker family per level, with a few written variants for the same style.
_LEVEL_STYLES: tuple[tuple[str, ...], ...] = (
    ("{cn}、", "第{cn}部分"),
    ("（{cn}）",),
    ("{n}.", "{n}、", "{n}．"),
    ("（{n}）",),
)
MAX_DEPTH = len(_LEVEL_STYLES)


def marker(template: str, n: int) -> str:
    """A marker written with ``template`` for the number ``n``."""
    return template.format(cn=to_chinese(n), n=n)


def _written_marker(text: str) -> str:
    """The marker as the outline reports it: trailing blanks are not part of it."""
    return text.rstrip(" \u3000")


@dataclass(frozen=True)
class Expected:
    """What a correct parser finds in a generated document."""

    title: str | None
    genre: str | None
    subtitle: str | None
    sections: tuple[tuple[int, str, str], ...]
    """Flattened depth first: (level, marker as written, heading)."""
    trailer: tuple[str, ...]
    """Trailer kinds in order."""


@dataclass(frozen=True)
class GeneratedDoc:
    """A generated document and its expected outline."""

    text: str
    expected: Expected


words = st.sampled_from(WORDS)


def phrase(min_words: int = 2, max_words: int = 4) -> st.SearchStrategy[str]:
    """A few words run together: 落实责任推进改革."""
    return st.lists(words, min_size=min_words, max_size=max_words).map("".join)


sentence = st.tuples(st.lists(phrase(), min_size=1, max_size=3), st.sampled_from("。。。！？")).map(
    lambda parts: "，".join(parts[0]) + parts[1]
)
"""Clauses joined by ， ending in a sentence end."""

paragraph = st.tuples(
    st.lists(sentence, max_size=2), st.lists(phrase(), min_size=1, max_size=3)
).map(lambda parts: "".join(parts[0]) + "，".join(parts[1]) + "。")
"""One to three sentences, the last ending in 。 so it never reads as a title."""


@st.composite
def heading_text(draw: st.DrawFn) -> str:
    """A heading, sometimes with quotes, book-title marks or a comma inside.

    Quotes may hold a sentence end (坚持“甲。”乙): it never ends the heading.
    """
    form = draw(st.integers(0, 5))
    a, b = draw(phrase(1, 2)), draw(phrase(1, 3))
    if form == 1:
        return f"在“{a}”中{b}"
    if form == 2:
        return f"用好《{a}》{b}"
    if form == 3:
        return f"{a}，{b}"
    if form == 4:
        return f'坚持“{a}"{b}'  # an ASCII quote closing a curly one
    if form == 5:
        return f"坚持“{a}{draw(st.sampled_from('。！？'))}”{b}"
    return a + b


_INDENTS = ("", "", "\u3000\u3000", "\u00a0\u00a0", "  ", "\t")
_NOISE_LINES = (
    "##paidbegin##",
    "##paidend##",
    "- 3 -",
    "第2页 共5页",
    "https://www.example.cn/a/1.html",
)
_PAYWALL = "##paidbegin##"
_GENRES = ("研讨交流发言", "心得体会", "党课讲稿", "读书分享")
_SALUTATIONS = ("同志们：", "各位代表：", "尊敬的各位领导、各位来宾：", "同志们、朋友们：")
_CLOSINGS = ("谢谢大家！", "以上发言，不妥之处，敬请批评指正。", "我的发言完毕，谢谢！")
_ADS = (
    "【青禾素材网】海量精品范文，添加客服：qh2025",
    "更多优质材料请关注公众号：qinghe_wenku",
)


@st.composite
def _line(draw: st.DrawFn, content: str, *, noise: bool, indent: bool = True) -> str:
    """A content line with optional indentation and a paywall marker somewhere in it."""
    if noise and draw(st.integers(0, 5)) == 0:
        at = draw(st.integers(0, len(content)))
        content = content[:at] + _PAYWALL + content[at:]
    lead = draw(st.sampled_from(_INDENTS)) if indent else ""
    return lead + content


@st.composite
def _sections(
    draw: st.DrawFn, level: int, styles: tuple[str, ...], noise: bool
) -> tuple[list[str], list[tuple[int, str, str]]]:
    """Lines and expected flattened outline for the sections of one level."""
    lines: list[str] = []
    outline: list[tuple[int, str, str]] = []
    count = draw(st.integers(1, 4 if level == 1 else 3))
    for n in range(1, count + 1):
        mark = marker(styles[level - 1], n)
        head = draw(heading_text())
        outline.append((level, _written_marker(mark), head))
        if draw(st.booleans()):  # run-in: heading, sentence end, first paragraph
            end = draw(st.sampled_from("。。！？"))
            lines.append(draw(_line(mark + head + end + draw(paragraph), noise=noise)))
        else:
            lines.append(draw(_line(mark + head, noise=noise)))
        for _ in range(draw(st.integers(0, 2))):
            lines.append(draw(_line(draw(paragraph), noise=noise)))
        if level < MAX_DEPTH and draw(st.integers(0, 2)) == 0:
            sub_lines, sub_outline = draw(_sections(level + 1, styles, noise))
            lines.extend(sub_lines)
            outline.extend(sub_outline)
    return lines, outline


@st.composite
def documents(draw: st.DrawFn, *, noise: bool = True) -> GeneratedDoc:
    """A whole speech and the outline it must parse to."""
    styles = tuple(draw(st.sampled_from(options)) for options in _LEVEL_STYLES)
    lines: list[str] = []
    title = genre = subtitle = None
    if draw(st.integers(0, 5)) > 0:
        main = draw(phrase(3, 6))
        if draw(st.booleans()):
            genre = draw(st.sampled_from(_GENRES))
            title = f"{genre}：{main}"
        else:
            title = main
        lines.append(draw(_line(title, noise=noise, indent=False)))
        if draw(st.booleans()):
            subtitle = f"在{draw(phrase(2, 3))}上的讲话"
            lines.append(f"——{subtitle}")
        if draw(st.booleans()):
            year, month, day = draw(
                st.tuples(st.integers(2000, 2030), st.integers(1, 12), st.integers(1, 28))
            )
            lines.append(f"（{year}年{month}月{day}日）")
    if draw(st.booleans()):
        lines.append(draw(st.sampled_from(_SALUTATIONS)))
    for _ in range(draw(st.integers(0, 2))):
        lines.append(draw(_line(draw(paragraph), noise=noise)))
    outline: list[tuple[int, str, str]] = []
    if draw(st.integers(0, 4)) > 0:
        section_lines, outline = draw(_sections(1, styles, noise))
        lines.extend(section_lines)
    trailer: list[str] = []
    # A document that is nothing but closing words or an ad has no body to close
    # (its first line would read as a title), so the trailer needs something above it.
    if (title is not None or lines) and draw(st.booleans()):
        lines.append(draw(st.sampled_from(_CLOSINGS)))
        trailer.append("closing")
    for ad in draw(
        st.lists(st.sampled_from(_ADS), max_size=2 if title is not None or lines else 0)
    ):
        lines.append(ad)
        trailer.append("ad")
    if noise:
        # Whole noise lines and blank lines anywhere but before the title.
        first = 1 if title is not None else 0
        for extra in draw(st.lists(st.sampled_from((*_NOISE_LINES, "", "\u3000")), max_size=3)):
            at = draw(st.integers(first, len(lines)))
            lines.insert(at, extra)
    newline = draw(st.sampled_from(("\n", "\r\n", "\r")))
    text = newline.join(lines)
    if lines and draw(st.booleans()):
        text += newline
    expected = Expected(
        title=title,
        genre=genre,
        subtitle=subtitle,
        sections=tuple(outline),
        trailer=tuple(trailer),
    )
    return GeneratedDoc(text=text, expected=expected)


_INTERESTING = (
    '一二三四五十百零〇（）()、.．。！？!?，：:；“”"‘’《》【】[]#——-'
    "0123456789０１２３①②⑴⑵第部分章节条年月日同志们谢大家公众号扫码客服批评指正"
    "\r\n\u3000\u00a0\u200b\ufeff \t\x0b\x0cD党"
)


def noisy_text(max_size: int = 400) -> st.SearchStrategy[str]:
    """Arbitrary text weighted towards markers, quotes, noise and line breaks."""
    alphabet = st.one_of(st.sampled_from(_INTERESTING), st.characters(codec="utf-8"))
    pieces = st.one_of(
        st.text(alphabet, max_size=40),
        st.sampled_from(
            ("##paidbegin##", "\r\n", "- 3 -", "同志们：", "谢谢大家！", "一、", "（一）")
        ),
    )
    return st.lists(pieces, max_size=max_size // 20).map("".join)


# Characters Python's str.isspace() and str.splitlines() treat as white space or
# line breaks that the document does not (its lines end only at \r, \n, \r\n),
# and the zero-width ones it does count as white space.
ODD_SPACE = ("\u2028", "\u2029", "\x85", "\x1c", "\x1d", "\x1e", "\x1f", "\u200b", "\ufeff")


@st.composite
def front_matter(draw: st.DrawFn) -> str:
    """A title block written oddly: a title over two lines, paywall markers in it,
    a dash subtitle, line separators and white space of every kind around the parts,
    ``\r`` alone as a line end, then a short body.
    """
    space = st.sampled_from(
        ("", "", " ", "\u3000", "\t", "\xa0", "\x0b", "\x0c", *ODD_SPACE, "\u3000\u3000")
    )
    newline = st.sampled_from(("\n", "\r\n", "\r"))
    marker = st.sampled_from(("", "", _PAYWALL, "##paidend##"))

    def part(text: str) -> str:
        return draw(space) + draw(marker) + draw(space) + text + draw(space) + draw(marker)

    title = draw(phrase(2, 4))
    if draw(st.booleans()):
        title = f"{draw(st.sampled_from(_GENRES))}{draw(space)}：{draw(space)}{title}"
    lines = [part(title)]
    if draw(st.booleans()):
        lines.append(part(f"{draw(phrase(1, 2))}的讲话"))  # a title over two lines
    if draw(st.booleans()):
        dash = draw(st.sampled_from(("——", "—", "--", "－－")))
        lines.append(part(dash + draw(space) + f"在{draw(phrase(2, 3))}上的发言"))
    if draw(st.booleans()):
        lines.append(part("（2024年5月6日）"))
    lines.append(draw(st.sampled_from(_SALUTATIONS)))
    lines.append(draw(paragraph))
    text = ""
    for line in lines:
        text += line + draw(newline)
    return text


_LINES = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")
_NOISE_PIECES = st.one_of(
    st.sampled_from(
        (
            "##paidbegin##",
            "##paidend##",
            "- 3 -",
            "第2页",
            "D",
            "“",
            "）",
            "一、",
            "\ufffd",
            *ODD_SPACE,
        )
    ),
    st.text(st.sampled_from(_INTERESTING), min_size=1, max_size=4),
)


@st.composite
def mutated(draw: st.DrawFn, text: str) -> str:
    """``text`` damaged by one to four edits of the kinds scraping and editing make.

    Lines (kept with their line ends) deleted, duplicated, swapped or joined;
    noise characters, U+2028 or U+3000 inserted; every line end, or one,
    changed; the text cut at a random point.
    """
    lines = _LINES.findall(text) or [""]
    for _ in range(draw(st.integers(1, 4))):
        n = len(lines)
        at = draw(st.integers(0, n - 1))
        kind = draw(
            st.sampled_from(
                ("delete", "duplicate", "swap", "noise", "join", "endings", "separator", "cut")
            )
        )
        if kind == "delete" and n > 1:
            del lines[at]
        elif kind == "duplicate":
            lines.insert(at, lines[at] if lines[at].endswith(("\n", "\r")) else lines[at] + "\n")
        elif kind == "swap":
            other = draw(st.integers(0, n - 1))
            lines[at], lines[other] = lines[other], lines[at]
        elif kind in ("noise", "separator"):
            line = lines[at]
            k = draw(st.integers(0, len(line)))
            piece = draw(
                _NOISE_PIECES if kind == "noise" else st.sampled_from(("\u2028", "\u3000"))
            )
            lines[at] = line[:k] + piece + line[k:]
        elif kind == "join":
            lines[at] = lines[at].rstrip("\r\n")
        elif kind == "endings":
            end = draw(st.sampled_from(("\n", "\r\n", "\r", "\u2028", "")))
            which = range(n) if draw(st.booleans()) else [at]
            for i in which:
                body = lines[i].rstrip("\r\n")
                if body != lines[i]:
                    lines[i] = body + end
        elif kind == "cut":
            joined = "".join(lines)
            k = draw(st.integers(0, len(joined)))
            lines = _LINES.findall(joined[:k]) or [""]
    return "".join(lines)
