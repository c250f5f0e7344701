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
A Latin prefix term (``AI*``) is checked with ``GLOB`` to begin a word
(:func:`word_start`).  The title is the document's: its tokens are the head
table's row ``-doc``, and a title match is every chunk of that document.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from speechparse.apps.search_syntax import Node, Not, Or, Term
from speechparse.lexicon.masks import MASKED_PARTY

__all__ = [
    "HEAD_COLUMNS",
    "WEIGHTS",
    "Compiled",
    "compile_query",
    "df_query",
    "fold",
    "pairs",
    "presence_query",
    "unmasked",
    "word_start",
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
    "title": "coalesce(d.match_title, d.title, '')",
    "heading": "coalesce(c.match_heading, c.heading)",
    "path": "coalesce(c.match_path, c.path)",
    "text": "coalesce(c.match_text, c.text)",
}
"""Each column as it is matched: masks restored (a ``match_`` column, NULL when the same).
The title is the document's (``d``), stored once; the rest are the chunk's (``c``)."""

_LENGTH = {"text": "c.text_length"}
"""A column's length stored beside it: the text's is read for every candidate."""


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


def word_start(term: Term) -> bool:
    """True for a prefix term that begins with an ASCII letter or digit: ``AI*``, ``COVID*``.

    Latin words have edges that Chinese has not, so such a term matches only
    where a word begins (not after another ASCII letter or digit: ``AI*``
    finds AI技术 and AIGC, not EMAIL); any other term, ``乡村*`` included,
    matches anywhere, as a substring.
    """
    first = fold(unmasked(term.text))[:1]
    return term.prefix and first.isascii() and first.isalnum()


_GLOB_SPECIAL = {ord(ch): f"[{ch}]" for ch in "*?["}


def _check(column: str, literal: str, word: bool) -> tuple[str, str]:
    """SQL deciding that ``column`` holds ``literal`` (at a word start if ``word``); its parameter.

    A word start is the column's beginning or a character that is not an
    ASCII letter or digit: the column, folded and led by a space, matches
    the GLOB ``*[^0-9a-z]LITERAL*`` (the literal's GLOB characters escaped).
    """
    if word:
        pattern = "*[^0-9a-z]" + literal.translate(_GLOB_SPECIAL) + "*"
        return f"(' ' || lower({_RAW[column]})) GLOB ?", pattern
    return f"instr({_matched(column, literal)}, ?) > 0", literal


def _columns(term: Term) -> tuple[str, ...]:
    if term.column is None:
        return ("title", "heading", "path", "text")
    if term.column == "heading":
        return ("heading", "path")
    return (term.column,)


_HEADINGS = "{heading path} : "
"""The head table's columns a chunk's own rows fill (its title row, ``-doc``, fills ``title``)."""
_TITLE = "{title} : "

_TITLE_DOCS = "SELECT -rowid FROM chunks_head WHERE chunks_head MATCH ?"
"""The documents whose title holds the tokens: a document's title row is ``-doc``."""


@dataclass(slots=True)
class Compiled:
    """A query as SQL over ``chunks c``: the condition, the score, their parameters."""

    where: str
    params: list[Any]
    score: str
    """An SQL expression: lower is better; ``NULL`` never (a hit always has a score)."""
    score_params: list[Any]
    documents: bool = False
    """True when the score reads the title, so ``documents d`` must be joined to ``chunks c``."""


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
    word = word_start(term)
    check = word or not _exact(text)
    if "text" in columns:
        params.append(tokens)
        cond = "c.rowid IN (SELECT rowid FROM chunks_pairs WHERE chunks_pairs MATCH ?)"
        if check:
            sql, param = _check("text", literal, word)
            params.append(param)
            cond += f" AND {sql}"
        ors.append(cond)
    head = [c for c in columns if c in ("heading", "path")]
    if head:
        params.append(f"{_HEADINGS}({tokens})")
        cond = "c.rowid IN (SELECT rowid FROM chunks_head WHERE chunks_head MATCH ?)"
        if check:
            checks = [_check(c, literal, word) for c in head]
            params.extend(param for _, param in checks)
            cond += " AND (" + " OR ".join(sql for sql, _ in checks) + ")"
        ors.append(cond)
    if "title" in columns:
        params.append(f"{_TITLE}({tokens})")
        if check:
            sql, param = _check("title", literal, word)
            params.append(param)
            ors.append(
                f"c.doc IN (SELECT d.doc FROM documents d WHERE d.doc IN ({_TITLE_DOCS}) AND {sql})"
            )
        else:
            ors.append(f"c.doc IN ({_TITLE_DOCS})")
    return "(" + " OR ".join(ors) + ")" if len(ors) > 1 else ors[0]


def _sql(node: Node, params: list[Any], everywhere: frozenset[Term] = frozenset()) -> str:
    """The condition of a query tree; a term in ``everywhere`` (every chunk holds it) is true."""
    if isinstance(node, Term):
        return "1" if node in everywhere else _condition(node, params)
    if isinstance(node, Not):
        return f"NOT {_sql(node.item, params, everywhere)}"
    joiner = " OR " if isinstance(node, Or) else " AND "
    return "(" + joiner.join(_sql(item, params, everywhere) for item in node.items) + ")"


def _length(column: str) -> str:
    return _LENGTH.get(column) or f"length({_RAW[column]})"


def _count(column: str, literal: str) -> str:
    """Occurrences of a bound term in ``column``: (its length − without the term) / term length."""
    matched = _matched(column, literal)
    length = _length(column) if matched == _RAW[column] else f"length({matched})"
    return f"(({length} - length(replace({matched}, ?, ''))) / ?)"


def compile_query(
    node: Node,
    positive: list[Term],
    stats: dict[str, float],
    df: Callable[[Term], int],
    present: Callable[[Term, str], bool] | None = None,
) -> Compiled:
    """SQL for ``node``: which chunks match, and their BM25F score over ``positive`` terms.

    ``stats`` holds ``chunks`` (how many) and each column's total length;
    ``df(term)`` counts the chunks holding a term (its IDF's input).  Per
    term, ``tf`` is the weighted, length-normalised count over its columns and
    the term adds ``idf · (k1 + 1) · tf / (tf + k1)``, written as
    ``idf · (k1 + 1) · (1 − k1 / (tf + k1))`` so that ``tf`` appears once.

    Two shortcuts leave the hits and every score as they are, and save the
    work a common term costs, which is all in scoring every chunk that
    holds it.  A term every chunk holds (``df`` = ``chunks``) is true
    without a lookup; and a column ``present(term, column)`` says no chunk
    holds the term in is left out of its ``tf``: its count there is 0 in
    every chunk, and a sum of non-negative numbers is the same, bit for
    bit, without a 0.0 in it.
    """
    total = stats["chunks"]
    n = max(total, 1.0)
    scored = [t for t in dict.fromkeys(positive) if fold(unmasked(t.text)).strip()]
    found = {term: df(term) for term in scored}
    everywhere = frozenset(t for t, k in found.items() if total > 0 and k >= total)
    params: list[Any] = []
    where = _sql(node, params, everywhere)
    parts: list[str] = []
    score_params: list[Any] = []
    documents = False
    for term in scored:
        literal = fold(unmasked(term.text))
        idf = math.log(1 + (n - found[term] + 0.5) / (found[term] + 0.5))
        columns = _columns(term)
        if present is not None:
            columns = tuple(c for c in columns if present(term, c)) or columns
        weighted: list[str] = []
        for column in columns:
            avg = max(stats[column] / n, 1.0)
            norm = f"(1 - {B} + {B} * {_length(column)} / {avg!r})"
            documents = documents or column == "title"
            weighted.append(f"{WEIGHTS[column]!r} * {_count(column, literal)} / {norm}")
            score_params.extend((literal, float(len(literal))))
        tf = "(" + " + ".join(weighted) + ")"
        parts.append(f"({idf * (K1 + 1)!r} * (1 - {K1!r} / ({tf} + {K1!r})))")
    score = "-(" + " + ".join(parts) + ")" if parts else "0.0"
    return Compiled(where, params, score, score_params, documents)


def presence_query(term: Term, column: str) -> tuple[str, list[Any]] | None:
    """SQL finding one chunk (or title) whose ``column`` may hold ``term``; None if none can.

    The tokens of a term are in every column holding it, so when this finds
    nothing, no chunk holds the term there.  Only for the head columns: the
    text is where a term almost always is, and asking costs a lookup.
    """
    tokens = _tokens_query(unmasked(term.text))
    if tokens is None or column == "text":
        return None
    return (
        "SELECT 1 FROM chunks_head WHERE chunks_head MATCH ? LIMIT 1",
        [f"{{{column}}} : ({tokens})"],
    )


def df_query(term: Term) -> tuple[str, list[Any]]:
    """SQL counting the chunks that hold ``term`` (its IDF's input), and its parameters.

    A term its tokens decide (one or two characters) is counted in the
    token tables alone, without reading a chunk's text.
    """
    text = unmasked(term.text)
    tokens = _tokens_query(text)
    if tokens is not None and _exact(text) and not word_start(term):
        selects: list[str] = []
        params: list[Any] = []
        columns = _columns(term)
        if "text" in columns:
            selects.append("SELECT rowid FROM chunks_pairs WHERE chunks_pairs MATCH ?")
            params.append(tokens)
        if "heading" in columns or "path" in columns:
            selects.append("SELECT rowid FROM chunks_head WHERE chunks_head MATCH ?")
            params.append(f"{_HEADINGS}({tokens})")
        if "title" in columns:
            selects.append(f"SELECT rowid FROM chunks WHERE doc IN ({_TITLE_DOCS})")
            params.append(f"{_TITLE}({tokens})")
        return f"SELECT count(*) FROM ({' UNION '.join(selects)})", params
    params = []
    return f"SELECT count(*) FROM chunks c WHERE {_condition(term, params)}", params
