"""Find the paragraphs of a document whose line breaks were lost or added.

Scraped text comes in three shapes besides the plain one, and every later
rule (title, headings, trailer) reads the paragraphs this stage restores:

- *collapsed* lines: a whole file on one line, or a long line holding several
  paragraphs, whose breaks survive only as white space (a run of spaces or
  U+3000, often a single space) or as a sentence end directly followed by a
  marker;
- *hard-wrapped* text (PDF exports): paragraphs cut into lines of one width,
  which must be joined again (headings included);
- both at once: a PDF's wrapped lines joined by single spaces.

A single space is not always a lost break, so each one is weighed on what
stands around it (README rules: a sentence end or colon before it, a marker
after it) and on evidence from its whole line (regular segment widths betray
hard-wrap joins; spaced punctuation and spaced numbers are stray spaces).
Everything here is one pass over a line or over the document's contents.
This module only orders the three passes; each has a module of its own:
collapsed.py, repeated_lines.py and hard_wraps.py.
"""

from __future__ import annotations

from speechparse.reading.collapsed import resegment_collapsed
from speechparse.reading.hard_wraps import join_hard_wraps
from speechparse.reading.line_content import Content
from speechparse.reading.noise import NoiseSpan
from speechparse.reading.repeated_lines import drop_repeated_lines

__all__ = [
    "segment",
]


def segment(text: str, contents: list[Content], noise: list[NoiseSpan]) -> list[Content]:
    """The document's paragraphs: collapsed lines split, repeated lines set aside, wraps joined.

    Splitting comes first so that a watermark line lost inside a collapsed
    line is seen as a line, and joining last so that it only ever joins
    paragraphs, never a collapsed line's pieces across a break.
    """
    contents = resegment_collapsed(contents, noise)
    contents = drop_repeated_lines(contents, noise)
    return join_hard_wraps(text, contents, noise)
