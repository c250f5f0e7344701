"""The query language of ``speechparse search``, parsed here and never by FTS5.

User text never reaches ``MATCH`` as syntax: this module turns a query into
a small tree (:class:`Term`, :class:`And`, :class:`Or`, :class:`Not`), and
the index compiles that tree into an FTS5 expression in which every term is
a quoted string, plus SQL conditions for what FTS5 cannot answer.  A query
FTS5 would reject, or would read differently from what the user typed,
is therefore impossible by construction, and every mistake is one
:class:`QuerySyntaxError` naming the character where it happened.

The grammar (docs/cli.md, "Query language")::

    query  := any
    any    := all ( "OR" all )*
    all    := unary ( ["AND"] unary )*          juxtaposition is AND
    unary  := ( "NOT" | "-" ) unary | atom
    atom   := [ COLUMN (":" | "：") ] ( "(" any ")" | PHRASE | WORD ) ["*"]
    COLUMN := title | heading | text
    PHRASE := "…" or “…”   (anything but the closing quote, white space kept)
    WORD   := a run of characters other than white space, quotes and ( )

``OR``, ``AND`` and ``NOT`` are operators only in capitals (``or`` is a
word, as in FTS5).  A word is matched as a substring, exactly as written:
Chinese has no spaces between words, so a run of Han characters is one
phrase (its characters adjacent, in order) and never split into words.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from speechparse.errors import SpeechParseError

__all__ = [
    "COLUMNS",
    "And",
    "Column",
    "Node",
    "Not",
    "Or",
    "QuerySyntaxError",
    "Term",
    "parse_query",
    "positive_terms",
]

Column = Literal["title", "heading", "text"]
COLUMNS: tuple[Column, ...] = ("title", "heading", "text")
"""What a ``column:`` filter may name: the title, the headings above the chunk, its text."""

MAX_DEPTH = 32
"""Deepest nesting of parentheses and NOTs: the recursive parser stays off Python's limit."""

_QUOTES = {'"': '"', "“": "”"}
_SPECIAL = frozenset('()"“”')


class QuerySyntaxError(SpeechParseError):
    """A search query that does not follow the grammar: a usage error, exit 2 like grep's."""

    exit_code = 2


@dataclass(frozen=True, slots=True)
class Term:
    """A word or phrase, matched as a substring of the columns it may occur in."""

    text: str
    column: Column | None = None
    """None: title, headings or text."""
    prefix: bool = False
    """Written with ``*``: a term beginning with an ASCII letter or digit then matches only
    where a Latin word begins (``AI*``: AI技术, not EMAIL); the index matches substrings,
    so ``乡村*`` finds what ``乡村`` finds."""


@dataclass(frozen=True, slots=True)
class And:
    """Every item must match (terms side by side, or AND); NOT items must not."""

    items: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Or:
    """At least one item must match (OR)."""

    items: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Not:
    """The item must not match; only meaningful beside a positive item in an :class:`And`."""

    item: Node


Node = Term | And | Or | Not


@dataclass(frozen=True, slots=True)
class _Token:
    kind: Literal["word", "phrase", "(", ")", "OR", "AND", "NOT", "-"]
    text: str
    at: int
    """Character offset in the query (0-based), for error messages."""
    column: Column | None = None
    prefix: bool = False


def _error(message: str, at: int | None = None) -> QuerySyntaxError:
    where = f" (at character {at + 1})" if at is not None else ""
    return QuerySyntaxError(f"query: {message}{where}")


def _column_of(word: str) -> tuple[Column | None, str]:
    """Split ``title:水库`` into its column and the rest; ``a:b`` is just a word."""
    for colon in (":", "："):
        head, sep, rest = word.partition(colon)
        if sep and head in COLUMNS:
            return head, rest
    return None, word


def _tokens(query: str) -> list[_Token]:
    """The query cut into words, phrases, parentheses and operators."""
    out: list[_Token] = []
    i, n = 0, len(query)
    while i < n:
        ch = query[i]
        if ch.isspace():
            i += 1
            continue
        start = i
        if ch in "()":
            out.append(_Token(ch, ch, i))  # type: ignore[arg-type]  # "(" or ")"
            i += 1
            continue
        negated = ch == "-" and i + 1 < n and not query[i + 1].isspace()
        if negated:
            out.append(_Token("-", "-", i))
            i += 1
            ch = query[i]
            if ch == "-":
                raise _error("'-' twice", i)
        # An optional column prefix, then a phrase, a group or a word.
        j = i
        while j < n and not query[j].isspace() and query[j] not in _SPECIAL:
            j += 1
        column, rest = _column_of(query[i:j])
        if column is not None and rest == "" and j < n and query[j] in '("“':
            i = j  # title:( … ) or title:"…"
            ch = query[i]
        elif column is not None and rest == "":
            raise _error(f"'{column}:' needs a term after it", start)
        if ch in _QUOTES:
            close = query.find(_QUOTES[ch], i + 1)
            if close < 0:
                raise _error("unclosed quote", i)
            text = query[i + 1 : close]
            if not text.strip():
                raise _error("empty phrase", i)
            i = close + 1
            prefix = i < n and query[i] == "*"
            i += prefix
            out.append(_Token("phrase", text, start, column, prefix))
        elif ch == "(":
            if column is None:
                out.append(_Token("(", "(", i))
            else:
                out.append(_Token("(", "(", start, column))
            i += 1
        else:
            word = rest if column is not None else query[i:j]
            i = j
            if word in ("OR", "AND", "NOT") and column is None and not negated:
                out.append(_Token(word, word, start))  # type: ignore[arg-type]  # an operator
                continue
            prefix = word.endswith("*")
            stem = word.rstrip("*") if prefix else word
            if "*" in stem or word.count("*") > 1:
                raise _error("'*' may only end a term", start)
            if not stem:
                raise _error("'*' needs a term before it", start)
            out.append(_Token("word", stem, start, column, prefix))
    return out


class _Parser:
    """Recursive descent over the tokens, one method per rule of the grammar."""

    def __init__(self, query: str) -> None:
        self.query = query
        self.tokens = _tokens(query)
        self.k = 0

    def peek(self) -> _Token | None:
        return self.tokens[self.k] if self.k < len(self.tokens) else None

    def end(self) -> int:
        return len(self.query)

    def parse(self) -> Node:
        if not self.tokens:
            raise _error("empty query")
        node = self.any(None, 0)
        token = self.peek()
        if token is not None:
            raise _error("')' without '('", token.at)
        return node

    def any(self, column: Column | None, depth: int) -> Node:
        items = [self.all(column, depth)]
        while (token := self.peek()) is not None and token.kind == "OR":
            self.k += 1
            after = self.peek()
            if after is None or after.kind in (")", "OR", "AND"):
                raise _error("'OR' needs a term after it", token.at)
            items.append(self.all(column, depth))
        return items[0] if len(items) == 1 else Or(tuple(items))

    def all(self, column: Column | None, depth: int) -> Node:
        items: list[Node] = []
        while (token := self.peek()) is not None and token.kind not in (")", "OR"):
            if token.kind == "AND":
                if not items:
                    raise _error("'AND' needs a term before it", token.at)
                self.k += 1
                after = self.peek()
                if after is None or after.kind in (")", "OR", "AND"):
                    raise _error("'AND' needs a term after it", token.at)
                continue
            items.append(self.unary(column, depth))
        if not items:
            token = self.peek()
            at = token.at if token is not None else self.end()
            what = f"'{token.kind}'" if token is not None else "the end"
            raise _error(f"a term is missing before {what}", at)
        return items[0] if len(items) == 1 else And(tuple(items))

    def unary(self, column: Column | None, depth: int) -> Node:
        token = self.peek()
        assert token is not None  # all() looked
        if token.kind in ("NOT", "-"):
            if depth >= MAX_DEPTH:
                raise _error(f"nested more than {MAX_DEPTH} deep", token.at)
            self.k += 1
            after = self.peek()
            if after is None or after.kind in (")", "OR", "AND"):
                raise _error(f"'{token.text}' needs a term after it", token.at)
            return Not(self.unary(column, depth + 1))
        return self.atom(column, depth)

    def atom(self, column: Column | None, depth: int) -> Node:
        token = self.peek()
        assert token is not None
        self.k += 1
        inner = token.column or column
        if token.kind == "(":
            if depth >= MAX_DEPTH:
                raise _error(f"nested more than {MAX_DEPTH} deep", token.at)
            closing = self.peek()
            if closing is not None and closing.kind == ")":
                raise _error("empty parentheses", token.at)
            node = self.any(inner, depth + 1)
            closing = self.peek()
            if closing is None or closing.kind != ")":
                raise _error("'(' without ')'", token.at)
            self.k += 1
            return node
        if token.kind in ("word", "phrase"):
            return Term(token.text, inner, token.prefix)
        raise _error(f"'{token.text}' cannot start a term", token.at)  # pragma: no cover


def _check(node: Node, query: str) -> None:
    """NOT only beside a positive item: FTS5's NOT is binary, and "everything but" is no search."""
    if isinstance(node, Not):
        raise _error("a query (or an OR alternative) cannot be only NOT terms")
    if isinstance(node, And):
        if all(isinstance(item, Not) for item in node.items):
            raise _error("a query (or an OR alternative) cannot be only NOT terms")
        for item in node.items:
            _check(item.item if isinstance(item, Not) else item, query)
    elif isinstance(node, Or):
        for item in node.items:
            _check(item, query)


def parse_query(query: str) -> Node:
    """The tree of a search query; :class:`QuerySyntaxError` (one line) when it is not one.

    >>> parse_query('防汛 -title:乡村*').items[1]
    Not(item=Term(text='乡村', column='title', prefix=True))
    """
    node = _Parser(query).parse()
    _check(node, query)
    return node


def positive_terms(node: Node) -> list[Term]:
    """The terms that, when they match, are part of why a chunk is a hit (not under NOT)."""
    if isinstance(node, Term):
        return [node]
    if isinstance(node, Not):
        return []
    return [term for item in node.items for term in positive_terms(item)]
