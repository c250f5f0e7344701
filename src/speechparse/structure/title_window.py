"""The title stage's window: the top lines of a page, each classified once.

Split from the scoring (:mod:`speechparse.structure.title`) because what a
line *is* — a candidate, page meta, furniture, an ad, a site's numbered
notice, an addressee, a compilation's item line — is decided here from the
line and its neighbours, before any weight is given; the scoring then only
reads the kinds.  Decorations come off the candidates here too, so every
later rule sees the title as the author wrote it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from speechparse.lexicon.chars import holds_any
from speechparse.lexicon.compilation_labels import ITEM_LABEL_START, LISTING_NUMBER
from speechparse.lexicon.numbering import match_numbering, numbers_on
from speechparse.lexicon.numerals import to_int
from speechparse.lexicon.title_patterns import GENRE_END, find_occasion, has_genre
from speechparse.reading.content import Content
from speechparse.reading.noise import NoiseSpan
from speechparse.structure.frontmatter import line_kind, strip_decorations
from speechparse.structure.line_facts import (
    despaced,
    is_meta,
    short_title_part,
    signals_title_above,
    title_like,
)

__all__ = ["BODY_LINES_IN_WINDOW", "WINDOW", "WindowLine", "line_text", "window"]

WINDOW = 16
"""How many lines at the top may hold page furniture, notes and the title block."""

BODY_LINES_IN_WINDOW = 3
"""Blurbs a page may put above the title before the window closes."""


@dataclass(slots=True)
class WindowLine:
    """One line of the top window as the title stage sees it."""

    index: int
    content: Content
    kind: str
    """candidate, meta, furniture, ad, tag, blurb, body, subtitle, byline, salutation, heading."""
    kept: Content | None = None
    """For a candidate: the line without its decorations."""
    decorations: list[NoiseSpan] = field(default_factory=list)
    labels: tuple[str, ...] = ()
    """What was stripped: decoration, compilation, item, listing."""
    score: float = 0.0
    signals: list[str] = field(default_factory=list)
    second: Content | None = None
    """The second line of a title broken over two."""

    def add(self, name: str, weight: float) -> None:
        self.score += weight
        signal = _SIGNALS.get((name, weight))
        if signal is None:
            sign = "+" if weight >= 0 else ""
            signal = _SIGNALS[name, weight] = f"{name}{sign}{weight:g}"
        self.signals.append(signal)


_SIGNALS: dict[tuple[str, float], str] = {}
"""Each signal's text by name and weight, formatted once: the names and weights are few
(the position's weight has one value per window line), and every candidate adds several."""


def window(contents: list[Content]) -> list[WindowLine]:
    """Classify the top lines up to the salutation, the first heading or the body."""
    lines: list[WindowLine] = []
    body_seen = 0
    for k, c in enumerate(contents[:WINDOW]):
        kind = line_kind(c.text)
        if k == 0 and kind == "heading" and _listed_title(contents):
            kind = "candidate"
        elif kind == "heading" and lines and _notice_goes_on(lines[-1], c.text):
            kind = "ad"  # 2、下载前请先预览: the next item of a site's numbered notice
        elif kind == "heading" and _compilation_item(lines, c.text):
            kind = "candidate"  # 第1篇：学党史 悟思想 under a compilation page title
        elif kind == "candidate" and lines and _addressee(lines[-1], c.text):
            kind = "salutation"  # 区委：, 全县广大党员干部：under a report's or a letter's title
        if kind in ("salutation", "heading"):
            lines.append(WindowLine(k, c, kind))
            break
        line = WindowLine(k, c, kind)
        if kind == "meta" and (cut := _meta_after_title(c.text)) is not None:
            # 在…会议上的讲话  作者：佚名  发布时间：…: the meta printed on the title's line
            head_end, meta_at = cut
            line.kind, line.kept = "candidate", c.slice(0, head_end)
            line.decorations = [NoiseSpan("meta", *c.span(meta_at, len(c.text)))]
        elif (
            kind == "candidate" or (kind in ("body", "blurb") and _worth_stripping(c.text))
        ) and len(c.text) <= 90:
            kept, decorations, labels = strip_decorations(c)
            if kept is not None:
                line.kind = "candidate"
                line.kept, line.decorations, line.labels = kept, decorations, labels
            elif kind == "candidate":
                line.kind = "furniture"
        lines.append(line)
        if kind in ("body", "blurb"):
            body_seen += 1
            if body_seen > BODY_LINES_IN_WINDOW:
                break
    _join_two_line_titles(lines)
    return lines


_TITLE_META_GAPS = ("  ", "\u3000", "\t")
"""White space that sets a page's meta fields apart from the title on one line."""


def _meta_after_title(t: str) -> tuple[int, int] | None:
    """Where a title ends and the meta fields printed after it begin, on one line.

    Only a title-like head with a genre word or an occasion, set apart by a
    wide gap from a tail that is itself a meta line, is split off: a meta line
    of its own (来源：…  作者：…) has no such head.
    """
    gaps = [i for i in (t.find(gap) for gap in _TITLE_META_GAPS) if i > 0]
    if not gaps:
        return None
    head_end = min(gaps)
    head = t[:head_end]
    meta_at = len(t) - len(t[head_end:].lstrip(" \t\u3000"))
    if not (has_genre(head) or find_occasion(head)) or line_kind(head) != "candidate":
        return None
    return (head_end, meta_at) if is_meta(t[meta_at:]) else None


_ADDRESSEE_MAX = 30
"""The longest addressee line (各乡镇党委、政府，县直各部门：) read as one."""


def _addressee(above: WindowLine, t: str) -> bool:
    """Whether ``t``, under a title-like line, names whom a report or letter is for.

    A report (报告) or an open letter (一封信) puts its addressee under the
    title — 区委：, 全县广大党员干部： — where a speech puts 同志们：.  Only a
    short line ending in a colon, with no colon before, directly under a
    candidate, and no genre word (研讨发言：, the first half of a two-line
    title, stays a candidate).
    """
    return (
        above.kind == "candidate"
        and len(t) <= _ADDRESSEE_MAX
        and t[-1] in "：:"
        and not holds_any(t[:-1], "：:。！？!?；;")
        and not has_genre(t)
    )


def _compilation_item(lines: list[WindowLine], t: str) -> bool:
    """Whether ``t`` is a piece's item line under a compilation's page title above it.

    Without a genre word an item line (第1篇：学党史 悟思想 办实事) reads as a
    heading; under a page title that carried a compilation count ((精选6篇))
    it is the visible piece's own title line.
    """
    if not any("compilation" in line.labels for line in lines):
        return False
    m = ITEM_LABEL_START.match(t)
    return m is not None and m.end() < len(t) and title_like(t[m.end() :])


def _notice_goes_on(above: WindowLine, t: str) -> bool:
    """Whether ``t`` is numbered on from a numbered site notice just above it."""
    if above.kind != "ad":
        return False
    prev, this = match_numbering(above.content.text), match_numbering(t)
    return prev is not None and this is not None and numbers_on(prev, this)


def _worth_stripping(t: str) -> bool:
    """Whether a line that reads as text may still be a title once decorations are cut off.

    A decoration or label ends the line with a bracket, an ASCII character (.docx,
    3.1W) or a compilation word; other body lines are not worth the patterns.
    """
    return t[-1] in "）)]】］" or t[-1].isascii() or "篇" in t


def _listed_title(contents: list[Content]) -> bool:
    """A listing's item number before the page's title (15.在…会上的表态发言).

    Only on the first line, with a number other than 1, a title after it, and
    no next number further down: a real list goes on.
    """
    m = LISTING_NUMBER.match(contents[0].text)
    number = to_int(m.group("num")) if m is not None else None
    if m is None or number is None or number <= 1:
        return False
    rest = contents[0].text[m.end() :]
    if not (GENRE_END.search(rest) or find_occasion(rest)) or not title_like(rest):
        return False
    for c in contents[1:60]:
        later = LISTING_NUMBER.match(c.text)
        if later is not None and to_int(later.group("num")) == number + 1:
            return False  # the list numbers on: it is the document's own
    return True


def _join_two_line_titles(lines: list[WindowLine]) -> None:
    """A title broken over two short lines, with what marks a title under them, is one candidate."""
    for pos in range(len(lines) - 2):
        a, b, below = lines[pos], lines[pos + 1], lines[pos + 2]
        if (
            a.kind == "candidate"
            and b.kind == "candidate"
            and not a.labels
            and set(b.labels) <= {"decoration", "suffix"}
            and a.content.text != line_text(b)
            and short_title_part(a.content.text)
            and short_title_part(line_text(b))
            and not GENRE_END.search(despaced(a.content.text))
            and not _letter_spaced(b.content.text)
            and signals_title_above(below.content.text)
            and not signals_title_above(b.content.text)
        ):
            a.second = b.kept if b.kept is not None else b.content
            a.decorations.extend(b.decorations)
            b.kind = "part"


def _letter_spaced(t: str) -> bool:
    """政 府 工 作 报 告: a line set with a space between characters is a title on its own."""
    flat = despaced(t)
    return len(flat) >= 3 and len(t) >= 2 * len(flat) - 1


def line_text(line: WindowLine) -> str:
    if line.second is not None:
        return f"{line.content.text} {line.second.text}"
    return line.kept.text if line.kept is not None else line.content.text
