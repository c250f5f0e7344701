"""``parse``: from bytes, text or a path to a :class:`Document`.

The stages run in one direction (decode → noise scan → lex → LALR parse with
the builder → assemble); see docs/architecture.md.
"""

from __future__ import annotations

import gc
import os
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import Literal, cast

from lark.exceptions import LarkError

from speechparse import formats
from speechparse.errors import PathAsTextError, SpeechParseError
from speechparse.formats import Reading
from speechparse.grammar.build import Body, Builder
from speechparse.grammar.parser import Parser, make_parser
from speechparse.lexicon.masks import masked_party_spans, placeholder_spans
from speechparse.model.document import SCHEMA_VERSION, Document
from speechparse.model.nodes import Diagnostic, Mask, Noise, NoiseKind
from speechparse.model.origin import TEXT_INPUT, HeadingHint, InputInfo
from speechparse.model.trusted import trusted
from speechparse.reading.content import read_contents
from speechparse.reading.decoding import Decoded, decode_as
from speechparse.reading.detect import CONFIDENT
from speechparse.reading.noise import NoiseSpan
from speechparse.reading.source import MAX_BYTES, read_path
from speechparse.structure.lexer import lex
from speechparse.structure.tokens import LexResult

__all__ = ["parse", "parse_bytes", "parse_file", "parse_text"]

_local = threading.local()


def _parser() -> Parser:
    """One compiled parser per thread: building it costs far more than a parse."""
    parser: Parser | None = getattr(_local, "parser", None)
    if parser is None:
        parser = Parser(make_parser(Builder()))
        _local.parser = parser
    return parser


def _masks(text: str) -> tuple[Mask, ...]:
    """Every masked 党 and every placeholder, as annotations on the source.

    Each kind is scanned for from its first character's first occurrence
    (lexicon/masks.py): most documents hold none, and cost a few C scans.
    """
    found = [
        trusted(
            Mask,
            {"span": m.span(), "kind": "party", "text": m.group(), "restored": "党"},
        )
        for m in masked_party_spans(text)
    ]
    places = placeholder_spans(text)
    if places:
        found.extend(
            trusted(
                Mask,
                {
                    "span": span,
                    "kind": "placeholder",
                    "text": text[span[0] : span[1]],
                    "restored": None,
                },
            )
            for span in places
        )
        if len(found) > len(places):
            found.sort(key=lambda mask: mask.span)
    return tuple(found)


def parse_text(
    text: str, *, encoding: str = "str", name: str | None = None, unmask: bool = False
) -> Document:
    """Parse already decoded text; ``encoding`` is recorded on the document.

    ``unmask=True`` restores known masks (D → 党) in the clean text fields;
    ``source`` and spans never change.
    """
    return _parse_with_lex(text, encoding=encoding, name=name, unmask=unmask)[0]


def _parse_with_lex(
    text: str,
    *,
    encoding: str = "str",
    name: str | None = None,
    unmask: bool = False,
    info: InputInfo = TEXT_INPUT,
    known_noise: Mapping[int, NoiseKind] | None = None,
) -> tuple[Document, LexResult]:
    """:func:`parse_text`, also returning the lexer's result (internal).

    For the explain view, which shows what only the lexer knows (the title
    candidates it weighed).  The lex result exists on every parse anyway, so
    handing it out costs nothing on the normal path.
    """
    # The nodes are built without validation (model/trusted.py): the values a
    # caller hands through must be checked here, once.
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    if not isinstance(encoding, str):
        raise TypeError(f"encoding must be str, not {type(encoding).__name__}")
    if not isinstance(unmask, bool):
        raise TypeError(f"unmask must be True or False, not {unmask!r}")
    # The parse allocates many small objects and frees none of them, so the
    # cyclic collector only burns time here (half the time on a 5 MB file).
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _parse_text(
            text, encoding=encoding, name=name, unmask=unmask, info=info, known_noise=known_noise
        )
    finally:
        if collecting:
            gc.enable()


def _parse_text(
    text: str,
    *,
    encoding: str,
    name: str | None,
    unmask: bool,
    info: InputInfo,
    known_noise: Mapping[int, NoiseKind] | None,
) -> tuple[Document, LexResult]:
    # Reading first, then structure: the lexer is handed the contents and the
    # noise list, never reads lines itself.
    spans: list[NoiseSpan] = []
    contents = read_contents(text, spans, unmask=unmask, known_noise=known_noise)
    result = lex(text, contents, spans)
    try:
        # The pieces carry the grammar terminal as ``type``: they are the tokens.
        body = cast(Body, _parser().parse(result.pieces))
    except LarkError as exc:  # the lexer only emits valid streams; tests/test_lalr.py forces one
        raise SpeechParseError(f"internal grammar error: {exc}", name=name) from None
    noise = tuple(
        trusted(
            Noise,
            {"span": (n.start, n.end), "kind": n.kind, "text": text[n.start : n.end]},
        )
        for n in result.noise
    )
    diagnostics = result.diagnostics
    if len(diagnostics) > 1:
        diagnostics.sort(key=lambda d: d.span)
    doc = trusted(
        Document,
        {
            "schema_name": "speechparse.document",
            "version": SCHEMA_VERSION,
            "encoding": encoding,
            "source": text,
            "title": body.title,
            "preamble": body.preamble,
            "sections": body.sections,
            "trailer": body.trailer,
            "noise": noise,
            "diagnostics": tuple(diagnostics),
            "masks": _masks(text),
            "unmasked": unmask,
            "input": info,
        },
    )
    return doc, result


def read_input(
    data: bytes,
    *,
    name: str | None = None,
    encoding: str | None = None,
    errors: Literal["strict", "replace"] = "strict",
) -> Reading:
    """The :class:`~speechparse.formats.Reading` of a file's bytes, in whatever format they are.

    The one place where bytes become the text the parser reads: a .docx,
    HTML page or PDF through its reader (:mod:`speechparse.formats`), plain
    text decoded by ``encoding`` when given, else BOM, UTF-8, GB18030, then
    detection (:func:`speechparse.reading.decoding.decode_as`).  What decoding had to
    guess or replace travels with the reading as diagnostics.
    """
    reading = formats.read(data, name=name)
    if reading is not None:
        return reading
    found = decode_as(data, name=name, encoding=encoding, errors=errors)
    notes = [note] if (note := encoding_diagnostic(found)) is not None else []
    notes += [
        Diagnostic(
            code="replaced-bytes",
            message=f"bytes {r.data.hex(' ')} at byte {r.offset} are not {found.encoding}; "
            "replaced by U+FFFD",
            span=(r.at, r.at + 1),
        )
        for r in found.replaced
    ]
    return Reading(text=found.text, format="text", encoding=found.encoding, diagnostics=notes)


def encoding_diagnostic(found: Decoded) -> Diagnostic | None:
    """The diagnostic that records a guessed encoding and its confidence (None when sure)."""
    if not found.detected:
        return None
    sure = found.confidence >= CONFIDENT
    return Diagnostic(
        code="encoding-detected" if sure else "encoding-uncertain",
        message=(
            f"decoded as {found.encoding} by detection (confidence {found.confidence:.2f})"
            + ("" if sure else "; the text may be mojibake, name the encoding with --encoding")
        ),
        span=(0, min(len(found.text), 1)),
        severity="info" if sure else "warning",
    )


def _info(reading: Reading) -> InputInfo:
    """What the document records about its input."""
    if reading.format == "text":
        return TEXT_INPUT
    return InputInfo(
        format=reading.format,
        numbering_labels=tuple(reading.labels),
        heading_hints=tuple(
            HeadingHint(span=(h.start, h.end), level=h.level) for h in reading.hints
        ),
        title_candidates=tuple(reading.titles),
    )


def parse_bytes(
    data: bytes,
    *,
    name: str | None = None,
    unmask: bool = False,
    encoding: str | None = None,
    errors: Literal["strict", "replace"] = "strict",
) -> Document:
    """Read bytes in any supported format (text, .docx, HTML, PDF) and parse them.

    The format is chosen by content (see :func:`speechparse.formats.sniff`).
    Text is decoded by ``encoding`` when given, else BOM, UTF-8, GB18030,
    then detection; an encoding found by the detector is recorded as a
    diagnostic with its confidence (``encoding-detected``, or the warning
    ``encoding-uncertain`` below :data:`speechparse.reading.detect.CONFIDENT`), never
    silently.  With ``errors="replace"`` bytes no encoding reads become
    U+FFFD, each one a ``replaced-bytes`` diagnostic on its span naming the
    bytes and their offset.
    """
    reading = read_input(data, name=name, encoding=encoding, errors=errors)
    # The bytes are not needed once decoded; dropping them here (the caller
    # passes them on without keeping them) takes the input's size off the
    # peak of the parse.
    del data
    return _parse_reading(reading, name=name, unmask=unmask)[0]


def _parse_reading(
    reading: Reading, *, name: str | None, unmask: bool
) -> tuple[Document, LexResult]:
    """Parse what a format reader read, keeping what it knew (internal)."""
    doc, lexed = _parse_with_lex(
        reading.text,
        encoding=reading.encoding,
        name=name,
        unmask=unmask,
        info=_info(reading),
        known_noise=reading.noise_lines or None,
    )
    if reading.diagnostics:
        diagnostics = tuple(sorted((*reading.diagnostics, *doc.diagnostics), key=lambda d: d.span))
        doc = doc.model_copy(update={"diagnostics": diagnostics})
    return doc, lexed


def parse_file(
    path: str | os.PathLike[str],
    *,
    unmask: bool = False,
    max_bytes: int | None = MAX_BYTES,
    encoding: str | None = None,
    errors: Literal["strict", "replace"] = "strict",
) -> Document:
    """Read, decode and parse a file; OS errors become :class:`SpeechParseError`.

    Files over ``max_bytes`` (16 MiB by default, see ``source.MAX_BYTES``; None for no limit) raise
    :class:`InputTooLargeError` before they are read.
    """
    return parse_bytes(
        read_path(path, max_bytes=max_bytes),
        name=str(path),
        unmask=unmask,
        encoding=encoding,
        errors=errors,
    )


def _refuse_file_name(text: str) -> None:
    """Raise :class:`PathAsTextError` when ``text`` looks like a file name, not a document.

    Only a string without a line break can be meant as a path, and only an
    existing regular file counts, so no document text is ever refused for
    naming a folder or a file that is not there (``os.path.isfile`` is False
    for names too long or holding NUL).
    """
    if text and "\n" not in text and "\r" not in text and os.path.isfile(text):
        raise PathAsTextError(
            f"is the name of an existing file, and parse() reads a str as text: "
            f"pass Path({text!r}) to read the file, or call parse_text() to parse the string",
            name=text,
        )


def parse(source: str | bytes | os.PathLike[str], *, unmask: bool = False) -> Document:
    """Parse a document given as text (``str``), raw ``bytes`` or a path.

    A ``str`` is always text, never a file name: pass a :class:`pathlib.Path`
    to read a file, so that a one-line document is never mistaken for a path.
    Since ``parse("speech.txt")`` would otherwise quietly parse nine
    characters, a ``str`` without a line break that names an existing file
    raises :class:`~speechparse.errors.PathAsTextError` (a ``ValueError``)
    saying to pass ``Path(...)``; :func:`parse_text` parses any string as text.
    """
    if isinstance(source, str):
        _refuse_file_name(source)
        return parse_text(source, unmask=unmask)
    if isinstance(source, bytes | bytearray | memoryview):
        return parse_bytes(bytes(source), unmask=unmask)
    if isinstance(source, Path | os.PathLike):
        return parse_file(source, unmask=unmask)
    raise TypeError(f"cannot parse {type(source).__name__}; pass str, bytes or a path")
