"""Short lines a site repeats through a document, set aside as watermark noise.

Told by repetition, not by a list of site names; it runs after collapsed
lines are split (a watermark lost inside one is then a line of its own) and
before wraps are joined.  The second of the three passes of segment.py.
"""

from __future__ import annotations

from collections import Counter

from speechparse.lexicon.line_patterns import SALUTATION
from speechparse.lexicon.numbering import match_numbering
from speechparse.lexicon.title_patterns import GENRE_END
from speechparse.reading.line_content import Content
from speechparse.reading.noise import NoiseSpan

__all__ = [
    "WATERMARK_MAX",
    "WATERMARK_MIN_REPEATS",
    "drop_repeated_lines",
]


WATERMARK_MAX = 50
"""A repeated line longer than this is more likely a refrain than a watermark."""

WATERMARK_MIN_REPEATS = 3


def drop_repeated_lines(contents: list[Content], noise: list[NoiseSpan]) -> list[Content]:
    """Short lines a site repeats through a document become watermark noise.

    Detected by repetition, not by a list of site names: the same short line
    three times or more, not numbered.  The first line is spared, and so is
    the first copy of a line among the top ones: a title repeated by a page
    is handled with the title.
    """
    if len(contents) <= WATERMARK_MIN_REPEATS:
        return contents  # too few lines besides the first for anything to repeat enough
    short = [c.text for c in contents[1:] if len(c.text) <= WATERMARK_MAX]
    if len(short) - len(set(short)) < WATERMARK_MIN_REPEATS - 1:
        return contents  # no short line is there three times: one set in C decides most documents
    counts = Counter(short)
    repeated = {t for t, n in counts.items() if n >= WATERMARK_MIN_REPEATS}
    repeated = {t for t in repeated if match_numbering(t) is None}
    if not repeated:
        return contents
    # A line a page repeats with its site name cut off (a running header of
    # the title) leaves one copy as written: that copy is the text itself.
    uncut = Counter([c.text for c in contents[1:] if c.breaks is None and c.text in repeated])
    original = {t for t in repeated if uncut[t] == 1}
    kept = contents[:1]
    spared: set[str] = set()
    titled = _closes_with_genre(contents[0].text)
    for c in contents[1:_SPARED_TOP]:
        t = c.text
        if (len(t) <= 40 and SALUTATION.match(t)) or match_numbering(t) is not None:
            break  # the body has begun: a repeat from here on is the site's
        if "。" in t:
            if titled:
                break  # text under a title: the body has begun
            continue  # an editor's blurb above the title does not end the top
        spared.add(t)
        titled = titled or _closes_with_genre(t)
    for c in contents[1:]:
        if c.text in original and c.breaks is None:
            kept.append(c)
        elif c.text in repeated and c.text not in spared:
            noise.append(NoiseSpan("watermark", c.start, c.end))
        else:
            spared.discard(c.text)
            kept.append(c)
    return kept


def _closes_with_genre(t: str) -> bool:
    """A line that reads like a document's title: a genre word closes it (…的讲话)."""
    return len(t) <= 60 and GENRE_END.search(t) is not None


_SPARED_TOP = 16
"""Top lines whose first copy is left to the title stage (a page repeats its title, a PDF
prints it as the running header of every page): as many as the title stage's window."""
