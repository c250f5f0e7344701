"""Load ``speech.lark``, let lark compile it, and run its LALR table ourselves.

The grammar lives at the top of the repository (``grammar/speech.lark``) and
is copied into the wheel as ``speechparse/grammar/speech.lark``.  In a source
checkout or an editable install the copy does not exist, so the loader falls
back to the repository file.

Lark stays the tool that compiles the grammar (``strict=True``: a conflict
fails at start-up) and the reference for what a parse means.  But a parse of
our few line tokens through ``Lark.parse`` is mostly lark's per-parse set-up
(lexer thread, parser state, token generator, an end token, wrapper
callbacks), so :class:`Parser` takes lark's compiled table apart into plain
dicts once and drives it with one loop, handing each :class:`Builder
<speechparse.grammar.build.Builder>` method exactly the children lark would.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from lark import Lark, Token
from lark.exceptions import ConfigurationError, GrammarError
from lark.lexer import Lexer, LexerState
from lark.parsers.lalr_analysis import Shift

from speechparse.structure.tokens import Piece

__all__ = ["Parser", "grammar_text", "make_parser"]

_REPO_GRAMMAR = Path(__file__).resolve().parents[3] / "grammar" / "speech.lark"


@lru_cache(maxsize=1)
def grammar_text() -> str:
    """The grammar source, from the installed package or the repository."""
    packaged = resources.files("speechparse") / "grammar" / "speech.lark"
    if packaged.is_file():
        return packaged.read_text(encoding="utf-8")
    return _REPO_GRAMMAR.read_text(encoding="utf-8")


class TokenFeed(Lexer):
    """Hands lark the tokens our line lexer already made (see lexer.py)."""

    # Interface 2: lark calls ``lex(lexer_state, parser_state)`` directly.
    __future_interface__ = 2

    def __init__(self, lexer_conf: Any) -> None:
        self.lexer_conf = lexer_conf

    def lex(self, lexer_state: LexerState, parser_state: Any) -> Iterator[Token]:  # noqa: ARG002 - lark's signature
        """Yield the pre-made tokens; ``lexer_state.text`` is our token list."""
        tokens: list[Token] = lexer_state.text  # type: ignore[assignment]
        yield from tokens


def make_parser(transformer: Any) -> Lark:
    """Lark's LALR parser that builds our models while it parses (no lark Tree).

    ``strict=True`` turns a grammar conflict into an error at start-up instead
    of a silent resolution.  :class:`Parser` runs this parser's table; the
    parser itself only parses a stream the table rejects (for lark's error).
    """
    return Lark(
        grammar_text(),
        parser="lalr",
        lexer=TokenFeed,
        transformer=transformer,
        strict=True,
        maybe_placeholders=False,
    )


_END = "$END"
"""Lark's end-of-input terminal."""

Reduction = tuple[int, str, Callable[[list[Any]], Any]]
"""A rule as the loop needs it: how many values it pops, the nonterminal it
makes (the goto key), and what turns the popped values into the new one."""


class Parser:
    """Lark's LALR(1) table for ``speech.lark``, driven by one loop of ours.

    ``parse(pieces)`` returns what ``Lark.parse(pieces)`` returns, with the
    same builder calls.  A stream the table rejects is handed to lark's own
    parser, so the error raised (an ``UnexpectedToken``, a ``LarkError``) is
    lark's, word for word.
    """

    def __init__(self, lark: Lark) -> None:
        """Take ``lark``'s table apart; its ``transformer=`` is the builder."""
        options = lark.options
        builder = options.transformer
        if options.parser != "lalr" or builder is None or options.maybe_placeholders:
            raise ConfigurationError("needs an LALR parser with a transformer, no placeholders")
        if options.postlex is not None:
            raise ConfigurationError("a postlexer is not supported")
        self.lark = lark
        table = lark.parser.parser.parser.parse_table
        (self._start,) = table.start_states.values()
        (self._end,) = table.end_states.values()
        rules: dict[Any, int] = {}
        self._rules: list[Reduction] = []
        # Per state, each symbol's action as one int: a shift or goto is the
        # next state (>= 0), a reduction is ``~index`` into ``_rules`` (< 0).
        self._actions: list[dict[str, int]] = [{} for _ in table.states]
        for state, row in table.states.items():
            for symbol, (action, arg) in row.items():
                # Lark's names are often ``Token``s, whose ``==`` is Python
                # code: a plain ``str`` key keeps each lookup in C.
                if action is Shift:
                    self._actions[state][str(symbol)] = arg
                    continue
                if arg not in rules:
                    rules[arg] = len(self._rules)
                    self._rules.append(_reduction(arg, builder))
                self._actions[state][str(symbol)] = ~rules[arg]
        for terminal in lark.terminals:
            if getattr(builder, terminal.name, None) is not None:
                # Lark would call it on every such token it shifts.
                raise GrammarError(f"terminal callbacks are not supported: {terminal.name}")

    def parse(self, pieces: Sequence[Piece]) -> Any:
        """The start rule's value for ``pieces`` (lark's error when rejected)."""
        actions = self._actions
        rules = self._rules
        state = self._start
        states = [state]  # the stack; ``state`` is its top, kept in a local
        values: list[Any] = []
        for piece in pieces:
            kind = piece.type
            while True:
                act = actions[state].get(kind)
                if act is None:
                    return self._rejected(pieces)
                if act >= 0:
                    state = act
                    states.append(act)
                    values.append(piece)
                    break
                size, origin, build = rules[~act]
                if size:
                    children = values[-size:]
                    del values[-size:], states[-size:]
                else:
                    children = []
                values.append(build(children))
                state = actions[states[-1]][origin]
                states.append(state)
        end = self._end
        while True:
            act = actions[state].get(_END)
            if act is None or act >= 0:
                # Only reductions happen at the end; lark would fail here too.
                return self._rejected(pieces)
            size, origin, build = rules[~act]
            if size:
                children = values[-size:]
                del values[-size:], states[-size:]
            else:
                children = []
            values.append(build(children))
            state = actions[states[-1]][origin]
            if state == end:
                return values[-1]
            states.append(state)

    def _rejected(self, pieces: Sequence[Piece]) -> Any:
        """Let lark parse a stream our loop rejected: it raises lark's own error.

        Should lark accept it after all, its result is the right answer
        (the property tests in ``tests/test_lalr.py`` hold the two equal).
        """
        return self.lark.parse(pieces)


def _reduction(rule: Any, builder: Any) -> Reduction:
    """What lark's tree builder does on reducing ``rule``, as one callable.

    As in ``lark.parse_tree_builder`` (LALR, no placeholders): filtered
    terminals are dropped, the children of an inlined ``_rule`` (and of the
    ``__x_star_n`` rules lark makes for ``*`` and ``+``) are spliced into the
    parent's, and the builder method named by the alias or the rule gets the
    list.  An inlined rule's value is that list itself, where lark would make
    a throw-away ``Tree`` only to take its children.  Rule options lark would
    honour and this does not (``?rule``, ``@v_args`` wrappers, a builder
    method for an inlined rule, a rule without one) fail here, at start-up.
    The common shapes (a star's list grown by one item, a section's items
    then its subsections, terminals dropped) get a function of their own
    instead of the general loop over ``include``: this runs on every reduction.
    """
    name = rule.alias or rule.options.template_source or rule.origin.name
    if rule.options.expand1:
        raise GrammarError(f"?rule is not supported: {name}")
    keep = rule.options.keep_all_tokens
    include = tuple(
        (i, not sym.is_term and sym.name.startswith("_"))
        for i, sym in enumerate(rule.expansion)
        if keep or not (sym.is_term and sym.filter_out)
    )
    method = getattr(builder, name, None)
    inlined = rule.origin.name.startswith("_")
    if inlined == (method is not None):
        wanted = "no builder method" if inlined else "a builder method"
        raise GrammarError(f"rule {name!r} needs {wanted}")
    if method is not None and getattr(method, "visit_wrapper", None) is not None:
        raise GrammarError(f"v_args wrappers are not supported: {name}")
    size = len(rule.expansion)
    if include == tuple((i, False) for i in range(size)):
        # Nothing to drop or splice: the popped values are the children.
        return size, str(rule.origin.name), method if method is not None else _same
    build: Callable[[list[Any]], Any] = method if method is not None else _same
    spliced = [i for i, splice in include if splice]
    kept = tuple(i for i, splice in include if not splice)
    if len(spliced) == 1 and include[0][0] == spliced[0]:
        # ``x* item`` (how lark grows a star): the list first, items after.
        first = spliced[0]

        def grown(values: list[Any]) -> Any:
            children: list[Any] = values[first]
            for i in kept:
                children.append(values[i])
            return build(children)

        return size, str(rule.origin.name), grown
    if len(spliced) == 1 and include[-1][0] == spliced[0]:
        # ``H BODY x*`` (a section): the items, then the list.
        last = spliced[0]

        def ending(values: list[Any]) -> Any:
            children = [values[i] for i in kept]
            children.extend(values[last])
            return build(children)

        return size, str(rule.origin.name), ending
    if not spliced:
        # Only dropped terminals: the kept values, in order.

        def kept_only(values: list[Any]) -> Any:
            return build([values[i] for i in kept])

        return size, str(rule.origin.name), kept_only

    def shaped(values: list[Any]) -> Any:
        children: list[Any] = []
        for i, splice in include:
            if not splice:
                children.append(values[i])
            elif children:
                children.extend(values[i])
            else:
                # As lark does: a spliced list that comes first is taken, not
                # copied (only this reduction holds it), so a long ``x*`` grows
                # by one append per item instead of a copy of all before it.
                children = values[i]
        return build(children)

    return size, str(rule.origin.name), shaped


def _same(children: list[Any]) -> list[Any]:
    return children
