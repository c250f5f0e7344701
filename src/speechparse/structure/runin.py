"""Where a run-in heading ends.

``一、牢记初心使命，在“D性长存”中筑牢信仰之基。D性是……`` has the heading up
to the first sentence end that is not inside quotes or brackets; the rest of
the line is the section's first paragraph.  One pass over the punctuation, so
a line of 50,000 unclosed quotes costs the same as any other line of that
length.
"""

from __future__ import annotations

import re

from speechparse.lexicon.paragraph_shapes import SENTENCE_END

__all__ = ["heading_end"]

_PAIRS = {
    "“": "”", "‘": "’", "「": "」", "『": "』", "《": "》",
    "（": "）", "(": ")", "【": "】", "[": "]", "〈": "〉", "〔": "〕",
}  # fmt: skip
_CLOSERS = frozenset(_PAIRS.values())


# The standard library's ``re``: a scan for one character class needs none of
# ``regex``'s features, and ``re`` runs it about twice as fast.
_INTERESTING = re.compile(
    "[" + re.escape("".join(SENTENCE_END) + "".join(_PAIRS) + "".join(_CLOSERS) + '"') + "]"
)


def heading_end(text: str) -> int:
    """Index just past the sentence end that closes the heading, or -1 if none.

    Quotes are tracked on a stack; an ASCII ``"`` closes a ``“`` (real files
    mix them) or opens a quote of its own.  When a bracket never closes, the
    first sentence end seen inside it is used, so one stray ``“`` does not
    swallow the whole paragraph into the heading; a sentence end inside a
    quote that does close is quoted text, not the end of the heading.  Only punctuation is
    visited (a regex jumps between them), so the scan costs little per line.
    """
    stack: list[str] = []
    open_count: dict[str, int] = {}  # closers awaited on the stack, for O(1) membership
    first_inside = -1
    inside_depth = 0  # stack depth where first_inside was seen
    for m in _INTERESTING.finditer(text):
        ch = m.group()
        i = m.start()
        if ch in SENTENCE_END:
            if not stack:
                return i + 1
            if first_inside < 0:
                first_inside = i + 1
                inside_depth = len(stack)
        elif ch in _PAIRS:
            closer = _PAIRS[ch]
            stack.append(closer)
            open_count[closer] = open_count.get(closer, 0) + 1
        elif ch == '"':
            if stack and stack[-1] in {'"', "”"}:
                open_count[stack.pop()] -= 1
            else:
                stack.append('"')
                open_count['"'] = open_count.get('"', 0) + 1
            if first_inside >= 0 and len(stack) < inside_depth:
                first_inside = -1
        elif stack:
            if stack[-1] == ch:
                open_count[stack.pop()] -= 1
            elif open_count.get(ch, 0) > 0:
                # A closer for an outer bracket: the inner ones were left open.
                while stack:
                    popped = stack.pop()
                    open_count[popped] -= 1
                    if popped == ch:
                        break
        if first_inside >= 0 and len(stack) < inside_depth:
            # The quote around that sentence end closed: it was quoted, not open.
            first_inside = -1
    return first_inside
