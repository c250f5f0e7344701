"""Load ``speech.lark`` and build the one LALR parser a process needs.

The grammar lives at the top of the repository (``grammar/speech.lark``) and
is copied into the wheel as ``speechparse/grammar/speech.lark``.  In a source
checkout or an editable install the copy does not exist, so the loader falls
back to the repository file.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from lark import Lark, Token
from lark.lexer import Lexer, LexerState

__all__ = ["grammar_text", "make_parser"]

_REPO_GRAMMAR = Path(__file__).resolve().parents[2] / "grammar" / "speech.lark"


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
    """An LALR parser that builds our models while it parses (no lark Tree).

    ``strict=True`` turns a grammar conflict into an error at start-up instead
    of a silent resolution.
    """
    return Lark(
        grammar_text(),
        parser="lalr",
        lexer=TokenFeed,
        transformer=transformer,
        strict=True,
        maybe_placeholders=False,
    )
