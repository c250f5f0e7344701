"""How the index finds a term: character pairs to narrow, the stored text to decide, BM25 to rank.

Chinese has no spaces, so a term is a substring of the text.  FTS5's trigram
tokenizer answers substrings directly, but stores every trigram's positions:
over real speech text its postings alone are about three times the text
(benchmarks/index_size.py).  This index stores far less and decides the
same way, in three steps:

1. **Tokens.**  Each run of non-space characters of a column is written as
   its adjacent pairs of characters, and its last character alone
   (:func:`pairs`: 滑坡隐患 → ``滑坡 坡隐 隐患 患``), into FTS5 tables without
   positions (``detail=none`` for the text, ``detail=column`` for the title
   and headings, so a ``heading:`` filter is a column query).  ASCII is
   folded to lower case and then to its full-width form, so FTS5's ``ascii``
   tokenizer keeps every token whole (punctuation included: ``（一）``).
2. **Candidates.**  A term of two or more characters can only occur in a
   chunk that holds all of its pairs; a one-character term, in a chunk with
   a token beginning with it (a prefix query: every occurrence is the first
   character of a pair or the last of its run).  For one and two characters
   that is exact; for more, the candidates are checked against the stored
   text with ``instr`` (SQLite, C, no Python per row).
3. **Ranking.**  BM25F over the matched columns, computed in SQL: each
   term's occurrences in title, own heading, headings above and text
   (counted with ``replace``), weighted by :data:`WEIGHTS`, normalised by
   the column's length against its average, and its IDF from how many
   chunks hold it.  Lower is better, as FTS5's ``bm25`` reads.

Matching is on the ``match_`` columns (masks restored: 党员 finds D员) with
ASCII case folded, as SQLite's ``lower`` folds it, so tokens and checks agree.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from speechparse.apps.search_syntax import Column, Node, Not, Or, Term
from speechparse.lexicon.masks import MASKED_PARTY

__all__ = [
    "HEAD_COLUMNS",
    "WEIGHTS",
    "Compiled",
    "compile_query",
    "df_query",
    "fold",
    "pairs",
    "unmasked",
]

WEIGHTS = {"title": 3.0, "heading": 6.0, "path": 3.0, "text": 1.0}
"""BM25F column weights: a term in a heading or the title says more about a
chunk than the same term somewhere in its body, so such hits rank first;
the chunk's own heading more than the headings of the sections above it."""

K1 = 1.2
"""BM25's term-frequency saturation."""
B = 0.75
"""BM25's length normalisation."""

HEAD_COLUMNS = ("title", "heading", "path")
"""The columns of the small head table (chunks_head), in its order."""

_RAW = {
    "title": "c.match_title",
    "heading": "c.match_heading",
    "path": "c.match_path",
    "text": "coalesce(c.match_text, c.text)",
}
"""Each column as it is matched: masks restored (the ``match_`` columns)."""


def _matched(column: str, literal: str) -> str:
    """The column as ``literal`` is looked for in it: ASCII folded only if the term has letters.

    Folding copies the column, and a term without ASCII letters finds the
    same places either way, so most (Chinese) terms skip it.
    """
    raw = _RAW[column]
    return f"lower({raw})" if any("a" <= ch <= "z" for ch in literal) else raw


_WIDE = {c: c + 0xFEE0 for c in range(0x21, 0x7F)}
_LOWER = {c: c + 32 for c in range(ord("A"), ord("Z") + 1)}


def unmasked(text: str) -> str:
    """``text`` with D restored to 党 where the parser's ``unmask`` would restore it.

    The same pattern as ``parse_text(..., unmask=True)``, one character for
    one, so offsets into the result are offsets into ``text``.
    Placeholders (XX, ×××, 某某) have nothing to restore and stay as written.
    """
    return MASKED_PARTY.sub("党", text) if "D" in text else text


def fold(text: str) -> str:
    """ASCII letters to lower case, as SQLite's ``lower`` does (nothing else changes)."""
    return text.translate(_LOWER)


def pairs(text: str) -> str:
    """The tokens of a column: each run's adjacent character pairs and its last character.

    >>> pairs("滑坡隐患，A1 点")
    '滑坡 坡隐 隐患 患， ，ａ ａ１ １ 点'
    """
    out: list[str] = []
    for run in fold(text).translate(_WIDE).split():
        out.extend(run[i : i + 2] for i in range(len(run) - 1))
        out.append(run[-1])
    return " ".join(out)


def _tokens_query(term: str) -> str | None:
    """The FTS5 expression every chunk holding ``term`` matches, or None if none can.

    Every token is quoted; tokens hold no ASCII, so no quote needs escaping.
    """
    runs = fold(term).translate(_WIDE).split()
    if not runs:
        return None
    parts: list[str] = []
    for run in runs:
        if len(run) == 1:
            parts.append(f'"{run}"*')
        else:
            parts.extend(f'"{run[i : i + 2]}"' for i in range(len(run) - 1))
    return " AND ".join(dict.fromkeys(parts))


def _exact(term: str) -> bool:
    """True when the tokens alone decide: one run of at most two characters."""
    runs = term.split()
    return len(runs) == 1 and len(runs[0]) <= 2


def _columns(term: Term) -> tuple[str, ...]:
    if term.column is None:
        return ("title", "heading", "path", "text")
    if term.column == "heading":
        return ("heading", "path")
    return (term.column,)


_HEAD_FILTER: dict[Column | None, str] = {
    None: "",
    "title": "{title} : ",
    "heading": "{heading path} : ",
    "text": "",
}


@dataclass(slots=True)
class Compiled:
    """A query as SQL over ``chunks c``: the condition, the score, their parameters."""

    where: str
    params: list[Any]
    score: str
    """An SQL expression: lower is better; ``NULL`` never (a hit always has a score)."""
    score_params: list[Any]


def _condition(term: Term, params: list[Any]) -> str:
    """The SQL condition for one term: candidates from the token tables, then the check.

    The term is unmasked as the text was, so D员 in a query finds 党员 and D员.
    """
    text = unmasked(term.text)
    literal = fold(text)
    tokens = _tokens_query(text)
    if tokens is None:
        return "0"
    columns = _columns(term)
    ors: list[str] = []
    check = not _exact(text)
    if "text" in columns:
        params.append(tokens)
        cond = "c.rowid IN (SELECT rowid FROM chunks_pairs WHERE chunks_pairs MATCH ?)"
        if check:
            params.append(literal)
            cond += f" AND instr({_matched('text', literal)}, ?) > 0"
        ors.append(cond)
    head = [c for c in columns if c != "text"]
    if head:
        params.append(_HEAD_FILTER[term.column] + f"({tokens})")
        cond = "c.rowid IN (SELECT rowid FROM chunks_head WHERE chunks_head MATCH ?)"
        if check:
            params.extend(literal for _ in head)
            checks = (f"instr({_matched(c, literal)}, ?) > 0" for c in head)
            cond += " AND (" + " OR ".join(checks) + ")"
        ors.append(cond)
    return "(" + " OR ".join(ors) + ")" if len(ors) > 1 else ors[0]


def _sql(node: Node, params: list[Any]) -> str:
    if isinstance(node, Term):
        return _condition(node, params)
    if isinstance(node, Not):
        return f"NOT {_sql(node.item, params)}"
    joiner = " OR " if isinstance(node, Or) else " AND "
    return "(" + joiner.join(_sql(item, params) for item in node.items) + ")"


def _count(column: str, literal: str) -> str:
    """Occurrences of a bound term in ``column``: (its length − without the term) / term length."""
    matched = _matched(column, literal)
    return f"((length({matched}) - length(replace({matched}, ?, ''))) / ?)"


def compile_query(
    node: Node, positive: list[Term], stats: dict[str, float], df: Callable[[Term], int]
) -> Compiled:
    """SQL for ``node``: which chunks match, and their BM25F score over ``positive`` terms.

    ``stats`` holds ``chunks`` (how many) and each column's total length;
    ``df(term)`` counts the chunks holding a term (its IDF's input).  Per
    term, ``tf`` is the weighted, length-normalised count over its columns and
    the term adds ``idf · (k1 + 1) · tf / (tf + k1)``, written as
    ``idf · (k1 + 1) · (1 − k1 / (tf + k1))`` so that ``tf`` appears once.
    """
    params: list[Any] = []
    where = _sql(node, params)
    n = max(stats["chunks"], 1.0)
    parts: list[str] = []
    score_params: list[Any] = []
    for term in dict.fromkeys(positive):
        literal = fold(unmasked(term.text))
        if not literal.strip():
            continue
        found = df(term)
        idf = math.log(1 + (n - found + 0.5) / (found + 0.5))
        weighted: list[str] = []
        for column in _columns(term):
            avg = max(stats[column] / n, 1.0)
            norm = f"(1 - {B} + {B} * length({_RAW[column]}) / {avg!r})"
            weighted.append(f"{WEIGHTS[column]!r} * {_count(column, literal)} / {norm}")
            score_params.extend((literal, float(len(literal))))
        tf = "(" + " + ".join(weighted) + ")"
        parts.append(f"({idf * (K1 + 1)!r} * (1 - {K1!r} / ({tf} + {K1!r})))")
    score = "-(" + " + ".join(parts) + ")" if parts else "0.0"
    return Compiled(where, params, score, score_params)


def df_query(term: Term) -> tuple[str, list[Any]]:
    """SQL counting the chunks that hold ``term`` (its IDF's input), and its parameters.

    A term its tokens decide (one or two characters) is counted in the
    token tables alone, without reading a chunk.
    """
    text = unmasked(term.text)
    tokens = _tokens_query(text)
    if tokens is not None and _exact(text):
        selects: list[str] = []
        params: list[Any] = []
        columns = _columns(term)
        if "text" in columns:
            selects.append("SELECT rowid FROM chunks_pairs WHERE chunks_pairs MATCH ?")
            params.append(tokens)
        if any(c != "text" for c in columns):
            selects.append("SELECT rowid FROM chunks_head WHERE chunks_head MATCH ?")
            params.append(_HEAD_FILTER[term.column] + f"({tokens})")
        return f"SELECT count(*) FROM ({' UNION '.join(selects)})", params
    params = []
    return f"SELECT count(*) FROM chunks c WHERE {_condition(term, params)}", params
