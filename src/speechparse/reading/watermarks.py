"""Watermark fragments a site glued into lines: found first, so they split and join nothing.

A site stamps its name into the text: after a heading (``一、加快项目建设
某某文库,范文学习网``), before a marker at a line's start, in brackets inside a
sentence, beside its domain.  Left in, such a fragment lengthens a heading or
hides a marker, so it is cut out of the content (as a ``watermark`` noise span)
before the lines are segmented.

Detected by shape and repetition, never by a list of sites:

- a domain (``www.example.cn``), with the site name just before it and the
  brackets around it, standing apart from the text (at a line's end or
  start, after a space, or bracketed);
- the site names seen beside a domain, wherever else they are glued on: a
  line's tail after a space, a line's start, a bracketed group;
- a line-start prefix shaped like a site name (ending 网, 站, 库 …) that
  opens three lines or more;
- a bracketed source note naming a site (（本文来源：青禾范文网）).
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Sequence
from itertools import compress, repeat
from operator import eq, itemgetter

import regex

from speechparse.lexicon.chars import WHITESPACE, holds_any, holds_any_word
from speechparse.lexicon.noise_patterns import (
    DOMAIN,
    DOMAIN_SEED,
    DOMAIN_SUFFIXES,
    SITE_NAME_END,
    SOURCE_NOTE,
    SOURCE_NOTE_WORDS,
    WATERMARK_BRACKETS,
)
from speechparse.lexicon.paragraph_shapes import SENTENCE_END
from speechparse.reading.lines import line_list
from speechparse.reading.noise import NoiseSpan

__all__ = ["inline_watermarks"]

_NAME_JOINERS = frozenset(",，、|｜·_-")
"""What joins a site name to its slogan in one fragment (青禾文库,范文学习网)."""

_WIDE_SPACES = "\t\u3000\u00a0"
"""White space inside a line other than the space itself: tab, ideographic and no-break space."""
_SPACES = " " + _WIDE_SPACES
_SPACE_RUN = regex.compile(f"[{_SPACES}]++")

NAME_MAX = 12
"""The longest run of characters before a domain read as the site's name."""

TAIL_MAX = 24
"""The longest tail after a line's last space that may be a glued site name."""

PREFIX_MIN = 5
"""A repeated line-start prefix must be this long to be read as a site name."""

PREFIX_MIN_LINES = 3


def inline_watermarks(
    text: str,
    lines: Sequence[tuple[int, str]] | None = None,
    cleans: Sequence[str] | None = None,
) -> list[NoiseSpan]:
    """Watermark fragments inside the lines of ``text``, sorted, never overlapping.

    ``lines`` are the text's physical lines as :func:`line_list` gives them,
    and ``cleans`` each of them stripped of white space, when the caller has
    them already (the content reader does).
    """
    if lines is None:
        lines = line_list(text)
    if cleans is None:
        cleans = [raw.strip(WHITESPACE) for _, raw in lines]
    spans: list[tuple[int, int]] = []
    names: set[str] = set()
    if "." in text and DOMAIN_SEED.search(text) is not None:
        _domain_fragments(text, spans, names)
    _prefix_names(_start_keys(cleans), names)
    if holds_any_word(text, SOURCE_NOTE_WORDS):  # a few C scans before the regex
        spans.extend(m.span() for m in SOURCE_NOTE.finditer(text))
    if names:
        ends = [(s, s + len(raw)) for s, raw in lines]
        _named_fragments(text, ends, _starts(text, lines), names, spans)
    return [NoiseSpan("watermark", s, e) for s, e in _merge(spans)]


def _domain_fragments(text: str, spans: list[tuple[int, int]], names: set[str]) -> None:
    """Domains standing apart from the text, with the site name before them."""
    for m in DOMAIN.finditer(text):
        start, end = m.start(), m.end()
        if m.group().rsplit(".", 1)[1].lower() not in DOMAIN_SUFFIXES or text[end : end + 1] == "/":
            continue  # a decimal number, or a link to a page (URL noise, not a watermark)
        name_end = start - 1 if text[start - 1 : start] == " " else start
        name_start = name_end
        while (
            name_start > 0 and name_end - name_start < NAME_MAX and _name_char(text[name_start - 1])
        ):
            name_start -= 1
        name = ""
        glued = False  # the name follows a sentence end: 。笔端公文网 www.…
        if name_start < name_end and (
            _boundary_before(text, name_start)
            or (
                text[name_start - 1] in SENTENCE_END
                and text[name_end - 1] in SITE_NAME_END
                and name_end < start
            )
        ):
            name = text[name_start:name_end]
            glued = not _boundary_before(text, name_start)
            start = name_start
        opener = text[start - 1 : start]
        if (
            opener
            and opener in WATERMARK_BRACKETS
            and text[end : end + 1] == WATERMARK_BRACKETS[opener]
        ):
            spans.append((start - 1, end + 1))
        elif (glued or _boundary_before(text, start)) and _boundary_after(text, end):
            spans.append((start, end))
        else:
            continue  # a domain inside a sentence (请登录www.example.cn查询) is text
        if name:
            names.add(name)
            names.update(_site_suffixes(name))


def _name_char(ch: str) -> bool:
    return ch.isalnum() and ch not in "。，"


def _boundary_before(text: str, i: int) -> bool:
    return i == 0 or text[i - 1] in WHITESPACE or text[i - 1] in "\r\n"


def _boundary_after(text: str, i: int) -> bool:
    return i >= len(text) or text[i] in WHITESPACE or text[i] in "\r\n"


def _site_suffixes(name: str) -> list[str]:
    """The ends of ``name`` that may be the site's own name (本文来自青禾文库 → 青禾文库)."""
    return [
        name[i:]
        for i in range(1, len(name) - 2)
        if name[-1] in SITE_NAME_END and len(name) - i <= 8
    ]


def _starts(text: str, lines: Sequence[tuple[int, str]]) -> list[int]:
    """Where a paragraph may start: each line's first character, and after white space.

    White space inside a line counts because a collapsed line's paragraphs
    start there, and watermarks are cut before the line is segmented.  Only
    asked for when a site name is known (:func:`_named_fragments` walks the
    starts); the line is searched for space runs only when it holds a space
    between its first and last non-space characters (a trailing run starts
    nothing).
    """
    out: list[int] = []
    for start, raw in lines:
        body = raw.lstrip(WHITESPACE)
        if not body:
            continue
        i = start + len(raw) - len(body)
        out.append(i)
        core = body.rstrip(_SPACES)
        if " " in core or "\u3000" in core or "\t" in core or "\u00a0" in core:
            out.extend([m.end() for m in _SPACE_RUN.finditer(text, i, i + len(core))])
    return out


_HEAD = itemgetter(slice(0, PREFIX_MIN))


def _start_keys(cleans: Sequence[str]) -> list[str]:
    """The text at each start of :func:`_starts` a site name may open, up to the next space.

    ``cleans`` are the lines stripped of white space (``raw.strip(WHITESPACE)``).
    All :func:`_prefix_names` reads of a start is the run of alphanumeric
    characters there, so a key may end anywhere after that run, and a start
    with no such run may be missing; every other start is here as often as
    :func:`_starts` finds it.  Made in C: the stripped lines are joined by a
    space, every space becomes one, and the non-empty pieces between spaces
    open at the line starts and after the space runs inside the lines.  (A
    run of spaces inside a line followed by white space only, up to the line
    end, starts no piece: what starts there is white space, no name.)
    """
    joined = " ".join(cleans)
    for space in _WIDE_SPACES:
        if space in joined:
            joined = joined.replace(space, " ")
    return [*filter(None, joined.split(" "))]


def _prefix_names(keys: list[str], names: set[str]) -> None:
    """Site-shaped prefixes that open three paragraphs or more (``keys`` of :func:`_start_keys`).

    The first ``PREFIX_MIN`` characters of each start are counted first (a
    set, then a ``Counter``, in C) and only the few seen three times are
    picked out (in C too), grouped and looked at further.  A key ends where the text can no longer
    continue a name, so reading past its end (an empty string) stops a name
    just as the text's next character would.
    """
    heads = list(map(_HEAD, keys))
    if len(heads) - len(set(heads)) < PREFIX_MIN_LINES - 1:
        return  # no head is there three times: many documents stop at one set
    # Only a head of PREFIX_MIN letters or digits can open a name: only those are
    # counted (picked in C: by length, then by isalnum).
    full = [*filter(str.isalnum, compress(heads, map(eq, map(len, heads), repeat(PREFIX_MIN))))]
    if len(full) - len(set(full)) < PREFIX_MIN_LINES - 1:
        return
    counts = Counter(full)
    if max(counts.values()) < PREFIX_MIN_LINES:
        return  # the rest at one pass of C over the counts
    wanted = {head for head, n in counts.items() if n >= PREFIX_MIN_LINES}
    groups: dict[str, list[str]] = defaultdict(list)
    for key in compress(keys, map(wanted.__contains__, heads)):  # the few, picked in C
        groups[key[:PREFIX_MIN]].append(key)
    for group in groups.values():
        first = group[0]
        n = PREFIX_MIN
        while (
            n < NAME_MAX
            and first[n : n + 1].isalnum()
            and all(key[n : n + 1] == first[n] for key in group)
        ):
            n += 1
        prefix = first[:n]
        # The longest start of the shared prefix that ends like a site name.
        while prefix and prefix[-1] not in SITE_NAME_END:
            prefix = prefix[:-1]
        if len(prefix) >= PREFIX_MIN:
            names.add(prefix)


def _named_fragments(
    text: str,
    lines: list[tuple[int, int]],
    starts: list[int],
    names: set[str],
    spans: list[tuple[int, int]],
) -> None:
    """A known site name opening a paragraph (to the next space when short), or bracketed.

    A start is asked only the lengths names have, longest first, and only
    when its first character opens a name: most starts open none.
    """
    firsts = {name[:1] for name in names}
    lengths = sorted({len(name) for name in names if len(name) >= 2}, reverse=True)
    ends = [end for _, end in lines]
    line = 0
    for at in starts:
        while ends[line] <= at:
            line += 1
        if text[at : at + 1] not in firsts:
            continue
        room = ends[line] - at
        for n in lengths:
            if n <= room and text[at : at + n] in names:
                stop = at + n
                while stop < ends[line] and text[stop] not in WHITESPACE:
                    stop += 1
                rest = text[at:stop]
                joined = text[at + n : at + n + 1] in _NAME_JOINERS  # 公文汇,办公文档之家
                short = len(rest) <= TAIL_MAX and not holds_any(rest, SENTENCE_END)
                spans.append((at, stop if joined and short else at + n))
                break
    # Each opener is found in the whole text, not line by line: most lines hold none.
    # An opener without its closer in reach ends the look in its line, as it always did.
    for opener, closer in WATERMARK_BRACKETS.items():
        i = text.find(opener)
        while i >= 0:
            end = ends[bisect_right(ends, i)]
            j = text.find(closer, i + 1, min(i + TAIL_MAX, end))
            if j < 0:
                i = text.find(opener, end)
                continue
            inner = text[i + 1 : j]
            if any(name in inner for name in names):
                spans.append((i, j + 1))
            i = text.find(opener, j + 1)


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out
