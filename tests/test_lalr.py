"""Our LALR driver (grammar.Parser) against lark's own ``Lark.parse``.

The driver runs the table lark compiled; these tests hold it to lark's
meaning: on any token stream, valid or not, both accept with equal results
(the same builder calls with the same children) or both reject.  A toy
grammar covers the tree-shaping lark does that speech.lark does not use
today (filtered terminals, ``!rule``, aliases, nested inlined rules), and
the options the driver does not take fail at start-up.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lark import Lark, Token, v_args
from lark.exceptions import ConfigurationError, GrammarError, LarkError, UnexpectedToken

import speechparse
import speechparse.api
from speechparse.errors import SpeechParseError
from speechparse.grammar.build import Builder
from speechparse.grammar.parser import Parser, TokenFeed, grammar_text, make_parser
from speechparse.model.nodes import Paragraph, Salutation
from speechparse.structure.tokens import BodyPiece, HeadingPiece, LexResult, Piece, TextPiece

_TEXT_KINDS = ("TITLE", "SUBTITLE", "BYLINE", "CLOSING", "SIGNATURE", "DATE", "AD")
_TRAILER_KINDS = ("CLOSING", "SIGNATURE", "DATE", "AD")


class _Rejected(Exception):
    """Raised instead of handing a rejected stream to lark."""


class _LoopOnly(Parser):
    """The driver without its fall-back, so a wrong rejection cannot hide behind lark."""

    def _rejected(self, pieces: Any) -> Any:  # noqa: ARG002 - the overridden signature
        raise _Rejected


@pytest.fixture(scope="module")
def lark_parser() -> Lark:
    return make_parser(Builder())


@pytest.fixture(scope="module")
def loop(lark_parser: Lark) -> _LoopOnly:
    return _LoopOnly(lark_parser)


# -- token streams ---------------------------------------------------------

_words = st.sampled_from(["研讨发言：以学铸魂", "甲乙丙", "——在会上的讲话", "（2024年5月6日）", ""])


@st.composite
def _text_piece(draw: st.DrawFn, kind: str) -> TextPiece:
    start = draw(st.integers(0, 50))
    text = draw(_words)
    return TextPiece(kind, start, start + len(text), text)


@st.composite
def _heading(draw: st.DrawFn, level: int) -> HeadingPiece:
    at = draw(st.integers(0, 50))
    return HeadingPiece(
        f"H{level}",
        level,
        "cn",
        draw(st.none() | st.integers(1, 9)),
        "一、",
        (at, at + 2),
        draw(_words),
        (at + 2, at + 5),
        draw(st.booleans()),
    )


@st.composite
def _body(draw: st.DrawFn) -> BodyPiece:
    blocks: list[Any] = []
    for n in range(draw(st.integers(1, 3))):
        if draw(st.booleans()):
            blocks.append(Salutation(span=(n, n + 1), text="同志们："))
        else:
            blocks.append(Paragraph(span=(n, n + 2), text="正文。"))
    return BodyPiece(blocks)


def _piece(kind: str) -> st.SearchStrategy[Piece]:
    if kind == "BODY":
        return _body()
    if kind.startswith("H"):
        return _heading(int(kind[1]))
    return _text_piece(kind)


_any_piece = st.sampled_from([*_TEXT_KINDS, "BODY", *(f"H{k}" for k in range(1, 7))]).flatmap(
    _piece
)


@st.composite
def _section(draw: st.DrawFn, level: int) -> list[Piece]:
    pieces: list[Piece] = [draw(_heading(level))]
    if draw(st.booleans()):
        pieces.append(draw(_body()))
    if level < 6:
        for _ in range(draw(st.integers(0, 2))):
            pieces += draw(_section(level + 1))
    return pieces


@st.composite
def grammatical(draw: st.DrawFn) -> list[Piece]:
    """A stream speech.lark accepts, built along its rules."""
    pieces: list[Piece] = []
    if draw(st.booleans()):
        pieces.append(draw(_text_piece("TITLE")))
        if draw(st.booleans()):
            pieces.append(draw(_text_piece("SUBTITLE")))
        pieces += draw(st.lists(_text_piece("BYLINE"), max_size=3))
    if draw(st.booleans()):
        pieces.append(draw(_body()))
    for _ in range(draw(st.integers(0, 3))):
        pieces += draw(_section(1))
    kinds = draw(st.lists(st.sampled_from(_TRAILER_KINDS), max_size=4))
    pieces += [draw(_text_piece(kind)) for kind in kinds]
    return pieces


@st.composite
def damaged(draw: st.DrawFn) -> list[Piece]:
    """A grammatical stream with a piece dropped, repeated, inserted or moved."""
    pieces = draw(grammatical())
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(pieces)))
        edit = draw(st.sampled_from(["drop", "repeat", "insert", "move"]))
        if edit == "insert" or not pieces:
            pieces.insert(at, draw(_any_piece))
            continue
        at = min(at, len(pieces) - 1)
        if edit == "drop":
            del pieces[at]
        elif edit == "repeat":
            pieces.insert(at, pieces[at])
        else:
            pieces.insert(draw(st.integers(0, len(pieces) - 1)), pieces.pop(at))
    return pieces


streams = grammatical() | damaged() | st.lists(_any_piece, max_size=12)


def _outcome(parse: Any, pieces: list[Piece]) -> tuple[str, Any]:
    try:
        return "accepted", parse(pieces)
    except (LarkError, _Rejected):
        return "rejected", None


# -- the driver is lark ------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(streams)
def test_driver_agrees_with_lark(lark_parser: Lark, loop: _LoopOnly, pieces: list[Piece]) -> None:
    """Any stream: both accept with equal Body values (same types, same fields) or both reject."""
    expected = _outcome(lark_parser.parse, pieces)
    got = _outcome(loop.parse, pieces)
    assert got[0] == expected[0]
    assert repr(got[1]) == repr(expected[1])
    assert got[1] == expected[1]


@settings(max_examples=100, deadline=None)
@given(grammatical())
def test_grammatical_streams_are_accepted(loop: _LoopOnly, pieces: list[Piece]) -> None:
    """The generator of valid streams really builds valid ones (guards the test above)."""
    assert _outcome(loop.parse, pieces)[0] == "accepted"


def test_a_rejected_stream_raises_lark_s_error(lark_parser: Lark) -> None:
    """The driver raises exactly what ``Lark.parse`` raises on a stream the grammar rejects."""
    pieces: list[Piece] = [TextPiece("CLOSING", 0, 4, "谢谢大家"), TextPiece("TITLE", 5, 7, "标题")]
    with pytest.raises(UnexpectedToken) as from_lark:
        lark_parser.parse(pieces)  # type: ignore[arg-type]
    with pytest.raises(UnexpectedToken) as from_driver:
        Parser(lark_parser).parse(pieces)
    assert str(from_driver.value) == str(from_lark.value)


def test_a_rejected_stream_is_an_internal_error_for_the_user(
    lark_parser: Lark, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Through the API, a stream the grammar rejects (an H3 first) is the same SpeechParseError."""
    pieces: list[Piece] = [_heading_piece(3)]
    with pytest.raises(LarkError) as from_lark:
        lark_parser.parse(pieces)  # type: ignore[arg-type]
    monkeypatch.setattr(speechparse.api, "lex", lambda *_a, **_k: LexResult(pieces=pieces))
    with pytest.raises(SpeechParseError) as raised:
        speechparse.parse_text("二级标题\n", name="doc.txt")
    assert str(raised.value) == str(
        SpeechParseError(f"internal grammar error: {from_lark.value}", name="doc.txt")
    )


def _heading_piece(level: int) -> HeadingPiece:
    return HeadingPiece(f"H{level}", level, "cn", 1, "（一）", (0, 3), "标题", (3, 5), False)


def test_the_api_parses_with_the_driver() -> None:
    """``api._parser`` is the driver over the strict LALR parser of speech.lark."""
    parser = speechparse.api._parser()
    assert isinstance(parser, Parser)
    assert parser.lark.options.strict is True
    assert parser.lark.options.parser == "lalr"


# -- lark's tree shaping, on a toy grammar -------------------------------------

_TOY = """
start: head _pair* tail -> doc
head: A _SEP B
!tail: C _SEP?
_pair: A B | _single
_single: C
%declare A B C _SEP
"""


class _ToyBuilder:
    def doc(self, children: list[Any]) -> tuple[Any, ...]:
        return ("doc", *children)

    def head(self, children: list[Any]) -> tuple[Any, ...]:
        return ("head", *children)

    def tail(self, children: list[Any]) -> tuple[Any, ...]:
        return ("tail", *children)


def _toy(builder: Any, grammar: str = _TOY) -> Lark:
    return Lark(
        grammar,
        parser="lalr",
        lexer=TokenFeed,
        transformer=builder,
        strict=True,
        maybe_placeholders=False,
    )


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["A", "B", "C", "_SEP"]), max_size=10))
def test_toy_grammar_shapes_as_lark_does(kinds: list[str]) -> None:
    """Filtered terminals, ``!rule``, an alias and inlined rules in inlined rules, as lark builds them."""
    lark_parser = _toy(_ToyBuilder())
    tokens = [Token(kind, f"{kind.lower()}{n}") for n, kind in enumerate(kinds)]
    loop = _LoopOnly(lark_parser)
    assert _outcome(loop.parse, tokens) == _outcome(lark_parser.parse, tokens)  # type: ignore[arg-type]


def test_toy_grammar_example() -> None:
    """One stream worked by hand: ``_SEP`` dropped except under ``!tail``, ``_pair``s spliced."""
    tokens = [Token(k, k.lower()) for k in ("A", "_SEP", "B", "A", "B", "C", "C", "_SEP")]
    got = Parser(_toy(_ToyBuilder())).parse(tokens)  # type: ignore[arg-type]
    assert got == ("doc", ("head", "a", "b"), "a", "b", "c", ("tail", "c", "_sep"))


class _NoTrailer(Builder):
    trailer = None  # type: ignore[assignment]


class _InlinedMethod(Builder):
    def _trailer_line(self, children: list[Any]) -> list[Any]:
        return children


class _TokenCallback(_ToyBuilder):
    def start(self, children: list[Any]) -> list[Any]:
        return children

    def A(self, token: Any) -> Any:  # lark calls a method named after a terminal on its tokens
        return token


class _Wrapped(_ToyBuilder):
    @v_args(inline=True)
    def head(self, a: Any, b: Any) -> tuple[Any, ...]:  # type: ignore[override]
        return ("head", a, b)


@pytest.mark.parametrize(
    ("make", "error"),
    [
        (lambda: make_parser(_NoTrailer()), "needs a builder method"),
        (lambda: make_parser(_InlinedMethod()), "needs no builder method"),
        (lambda: _toy(_TokenCallback(), 'start: A\nA: "a"'), "terminal callbacks"),
        (lambda: _toy(_Wrapped()), "v_args"),
        (lambda: _toy(_ToyBuilder(), "?start: A | A A\n%declare A"), "?rule"),
    ],
)
def test_what_the_driver_does_not_do_fails_at_start_up(make: Any, error: str) -> None:
    """A builder or grammar feature lark would honour and the driver does not is refused at once."""
    with pytest.raises(GrammarError, match=error.replace("?", r"\?")):
        Parser(make())


@pytest.mark.parametrize(
    "options",
    [
        {"transformer": None, "maybe_placeholders": False},
        {"transformer": Builder(), "maybe_placeholders": True},
    ],
)
def test_parser_options_the_driver_does_not_take(options: dict[str, Any]) -> None:
    """No builder, or ``[x]`` placeholders: refused at start-up."""
    lark_parser = Lark(grammar_text(), parser="lalr", lexer=TokenFeed, strict=True, **options)
    with pytest.raises(ConfigurationError):
        Parser(lark_parser)
