"""Decode input bytes into text without normalising anything.

Everything downstream addresses the document by code-point offsets into the
text produced here, so this module never normalises: line endings,
BOM-less text, indentation and stray control characters are kept exactly.
A byte no encoding reads is never silent: it is refused, or replaced and
recorded (:class:`Replacement`).
"""

from __future__ import annotations

import codecs
import threading
from typing import Literal, NamedTuple

import regex

from speechparse.errors import (
    BinaryInputError,
    DecodeError,
)
from speechparse.reading.detect import common_han_share, detect

__all__ = [
    "Decoded",
    "Replacement",
    "decode",
    "decode_as",
]

# UTF-32 LE starts with the UTF-16 LE mark, so the longer marks are tried first.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


class Decoded(NamedTuple):
    """Decoded text, the codec that read it, and how sure the reading is.

    ``confidence`` is 1.0 for a BOM, strict UTF-8, simplified-Chinese
    GB18030 and a named ``encoding``; ``detected`` says the reading is a
    guess (the detector's, or GB18030 full of rare characters).
    """

    text: str
    encoding: str
    confidence: float = 1.0
    detected: bool = False
    replaced: tuple[Replacement, ...] = ()
    """Bytes replaced by U+FFFD (``errors="replace"``), in order."""


class Replacement(NamedTuple):
    """Undecodable bytes replaced by one U+FFFD at character ``at`` of the text."""

    at: int
    offset: int
    """Byte offset of the first replaced byte in the input."""
    data: bytes


class _Undecodable(NamedTuple):
    """Bytes strict decoding refuses: the error, and the codec they came closest to."""

    error: DecodeError
    codec: str
    skip: int = 0
    """Bytes of a byte-order mark before the text."""


def decode(data: bytes, *, name: str | None = None, encoding: str | None = None) -> tuple[str, str]:
    """Return ``(text, encoding)``; the encoding names what was detected (see :func:`decode_as`)."""
    found = decode_as(data, name=name, encoding=encoding)
    return found.text, found.encoding


def decode_as(
    data: bytes,
    *,
    name: str | None = None,
    encoding: str | None = None,
    errors: Literal["strict", "replace"] = "strict",
) -> Decoded:
    """Decode ``data``; with ``errors="replace"`` bytes no encoding reads become U+FFFD.

    Each replacement is kept (:class:`Replacement`) so that the document can
    say where every one is: a replaced byte is never silent.  The codec used
    is the one the bytes came closest to (the BOM's, UTF-8 for a damaged
    UTF-8 file, the named ``encoding``, else GB18030).
    """
    found = _decode(data, name=name, encoding=encoding)
    if isinstance(found, Decoded):
        return found
    if errors != "replace":
        raise found.error
    return _replacing(data, found.codec, found.skip)


_noted = threading.local()


def _note(exc: UnicodeError) -> tuple[str, int]:
    """Error handler that records where a decoder failed and goes on (registered once)."""
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    _noted.bad.append((exc.start, exc.end))
    return "", exc.end


codecs.register_error("speechparse-note", _note)


def _replacing(data: bytes, codec: str, skip: int) -> Decoded:
    """Decode with every undecodable run of bytes replaced by U+FFFD, in one pass."""
    plain = codec.removesuffix("-sig")
    body = memoryview(data)[skip:]
    bad: list[tuple[int, int]] = []
    _noted.bad = bad
    try:
        bytes(body).decode(plain, "speechparse-note")
    finally:
        _noted.bad = []
    pieces: list[str] = []
    replaced: list[Replacement] = []
    at = pos = 0
    for start, end in bad:
        good = bytes(body[pos:start]).decode(plain, "replace")
        pieces.append(good)
        at += len(good)
        replaced.append(Replacement(at, start + skip, bytes(body[start:end])))
        pieces.append("\ufffd")
        at += 1
        pos = end
    pieces.append(bytes(body[pos:]).decode(plain, "replace"))
    return Decoded("".join(pieces), codec, replaced=tuple(replaced))


def _decode(data: bytes, *, name: str | None, encoding: str | None) -> Decoded | _Undecodable:
    """Decode ``data`` strictly: a named ``encoding``, else detect it.

    A byte-order mark wins; otherwise strict UTF-8, then strict GB18030 (a
    superset of GBK and GB2312, the usual encodings on Chinese material
    sites) when it reads as simplified Chinese.  UTF-16 without a BOM is
    recognised when it decodes to plausible Chinese text and the
    alternatives do not; other NUL bytes mean binary data, never text.
    What is left (Big5, Shift-JIS, Latin-1, GB18030 that reads as rare
    characters) goes to the detector of :mod:`speechparse.reading.detect`, whose
    confidence is kept.
    """
    if encoding is not None:
        return _named(data, encoding, name)
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                body = data[len(bom) :].decode(codec.removesuffix("-sig"))
            except UnicodeDecodeError as exc:
                message = f"invalid {codec} data at byte {exc.start + len(bom)}"
                return _Undecodable(DecodeError(message, name=name), codec, len(bom))
            return Decoded(body, codec)
    nul = data.find(b"\x00")
    if nul >= 0:
        guess = _utf16_without_bom(data, _PRINTABLE, 0.95)
        if guess is None:
            raise BinaryInputError(f"binary data (NUL byte at offset {nul})", name=name)
        return Decoded(*guess)
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as utf8_error:
        if _corrupt_utf8(data):
            # Decoding a damaged UTF-8 file as GB18030 would succeed and give
            # mojibake: say where the damage is instead.
            message = f"invalid UTF-8 at byte {utf8_error.start} in an otherwise UTF-8 file"
            return _Undecodable(DecodeError(message, name=name), "utf-8")
        bad_at = utf8_error.start
    utf16 = _utf16_without_bom(data, _CHINESE, 0.6)
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        text = None
    if text is not None and common_han_share(text) >= _COMMON:
        if utf16 is not None and _share(utf16[0], _CHINESE) > _share(text, _CHINESE) + 0.2:
            return Decoded(*utf16)
        return Decoded(text, "gb18030")
    # A few bytes can be read by any single-byte code page: nothing to judge by.
    detected = detect(data) if len(data) >= _DETECT_MIN else None
    if detected is not None and detected.encoding != "utf-8":
        return Decoded(detected.text, detected.encoding, detected.confidence, detected=True)
    if utf16 is not None:
        return Decoded(*utf16)
    if text is not None:
        return Decoded(text, "gb18030", 0.5, detected=True)  # rare characters, nothing better
    message = f"not UTF-8 (invalid byte at offset {bad_at}) and no other encoding reads it"
    codec = "utf-8" if _mostly_utf8(data) else "gb18030"
    return _Undecodable(DecodeError(message, name=name), codec)


_COMMON = 0.9
"""GB18030 text whose Han characters are at least this common is taken as it is."""

_DETECT_MIN = 32
"""Fewer bytes than this are never given to the detector."""


def _named(data: bytes, encoding: str, name: str | None) -> Decoded | _Undecodable:
    """Decode with the encoding the caller named (``--encoding``); no guessing."""
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise DecodeError(f"unknown encoding {encoding!r}", name=name) from None
    try:
        return Decoded(data.decode(encoding), encoding)
    except UnicodeDecodeError as exc:
        message = f"invalid {encoding} data at byte {exc.start}"
        return _Undecodable(DecodeError(message, name=name), encoding)


_CHINESE = regex.compile(r"[\p{Han}\u3000-\u303f\uff00-\uffef\s]")
"""Characters a Chinese document is mostly made of."""

_PRINTABLE = regex.compile(r"[\p{Han}\p{P}\p{Zs}\x20-\x7e\s\u3000-\u303f\uff00-\uffef]")
"""Characters any text document is mostly made of."""

_SAMPLE = 4096


def _corrupt_utf8(data: bytes) -> bool:
    """UTF-8 text with a few damaged bytes, as opposed to text in another encoding.

    Text in GB18030 read as UTF-8 fails almost everywhere; a UTF-8 file with
    a stray byte decodes to many valid multi-byte characters around it.
    """
    text = data.decode("utf-8", "replace")
    bad = text.count("\ufffd")
    wide = sum(1 for ch in text[:_SAMPLE] if ord(ch) > 0x7F and ch != "\ufffd")
    return wide >= 50 and bad <= max(4, len(data) // 1000)


def _mostly_utf8(data: bytes) -> bool:
    """Few bytes invalid as UTF-8: what replacing should read a short damaged file as."""
    return data.decode("utf-8", "replace").count("\ufffd") <= max(4, len(data) // 100)


def _share(text: str, chars: regex.Pattern[str]) -> float:
    """Fraction of a sample of ``text`` made of ``chars``."""
    sample = text[:_SAMPLE]
    return len(chars.findall(sample)) / len(sample) if sample else 0.0


def _utf16_without_bom(
    data: bytes, chars: regex.Pattern[str], threshold: float
) -> tuple[str, str] | None:
    """UTF-16 LE or BE text when it decodes and looks like text, else None."""
    if len(data) % 2 or not data:
        return None
    best: tuple[float, str, str] | None = None
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        score = _share(text, chars)
        if score >= threshold and (best is None or score > best[0]):
            best = (score, text, encoding)
    return (best[1], best[2]) if best else None
