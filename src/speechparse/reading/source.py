"""Decode input into text and split it into lines without losing a character.

Everything downstream addresses the document by code-point offsets into the
text produced here, so this module never normalises anything: line endings,
BOM-less text, indentation and stray control characters are kept exactly.
"""

from __future__ import annotations

import codecs
import os
import stat
import threading
from collections.abc import Iterator
from itertools import accumulate, repeat
from operator import add
from pathlib import Path
from typing import Literal, NamedTuple

import regex

from speechparse.errors import (
    BinaryInputError,
    DecodeError,
    InputIsADirectoryError,
    InputNotFoundError,
    InputPermissionError,
    InputTooLargeError,
    NotAFileError,
    ReadError,
    SpeechParseError,
)
from speechparse.reading.detect import common_han_share, detect

__all__ = [
    "EXPLAIN_FACTOR",
    "EXPLAIN_MAX_BYTES",
    "MAX_BYTES",
    "MEMORY_BUDGET",
    "WORST_FACTOR",
    "Decoded",
    "Line",
    "Replacement",
    "decode",
    "decode_as",
    "iter_lines",
    "line_list",
    "read_path",
    "split_lines",
    "too_large",
]

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# UTF-32 LE starts with the UTF-16 LE mark, so the longer marks are tried first.
_LINE = regex.compile(r"[^\r\n]*+(?:\r\n|\r|\n)?+")


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


MEMORY_BUDGET = 1 << 30
"""Memory one parse may take at the default limit: 1 GiB, so that ``batch -j 2``
on a small (4 GB) machine, or a default run anywhere, cannot exhaust it."""

WORST_FACTOR = 40
"""Peak RSS over the baseline of a parse (and of ``speechparse outline``,
``parse``, ``render``, ``chunks``) as a multiple of the input, at worst: a file
of nothing but heading lines (measured 27–34.5×, ``benchmarks/memory.py``;
speech text 6–8×).  ``explain`` has its own factor and limit below."""

MAX_BYTES = 16 * 1024 * 1024
"""Largest file ``read_path`` reads by default: ``WORST_FACTOR`` times it fits in
``MEMORY_BUDGET`` (16 MiB × 40 = 640 MiB, plus a baseline of ~50 MB).  A
speech is kilobytes and a whole compilation a few megabytes, so a larger
"document" is almost always a mistake (a dump, a database file), better
refused at once than parsed into gigabytes; ``max_bytes=None`` (``--max-bytes
0``) lifts the limit for the rare real one."""


EXPLAIN_FACTOR = 100
"""Peak RSS of ``explain`` as a multiple of its input, at worst (a row object per
line: measured 94× for heading lines, 17× for speech text)."""

EXPLAIN_MAX_BYTES = 8 * 1024 * 1024
"""``explain``'s own default limit, derived like ``MAX_BYTES``: 8 MiB × 100 = 800 MiB,
plus the baseline, fits ``MEMORY_BUDGET``.  An explanation is read by a person,
a document at a time; a file past this wants ``outline`` or a larger ``--max-bytes``."""


def read_path(path: str | os.PathLike[str], *, max_bytes: int | None = MAX_BYTES) -> bytes:
    """Read a file's bytes, turning OS failures into :class:`SpeechParseError`.

    ``max_bytes=None`` lifts the size limit.
    """
    p = Path(path)
    name = str(path)
    try:
        st = p.stat()
        mode = st.st_mode
        if stat.S_ISDIR(mode):
            raise InputIsADirectoryError("is a directory", name=name)
        if not stat.S_ISREG(mode):
            # A FIFO blocks until a writer comes and /dev/zero never ends:
            # only regular files are read (standard input is read with "-").
            raise NotAFileError("not a regular file (a FIFO, device or socket)", name=name)
        if max_bytes is not None and st.st_size > max_bytes:
            raise too_large(st.st_size, max_bytes, name)
        with p.open("rb") as f:
            data = f.read() if max_bytes is None else f.read(max_bytes + 1)
        if max_bytes is not None and len(data) > max_bytes:
            raise too_large(len(data), max_bytes, name)  # it grew while being read
        return data
    except SpeechParseError:
        raise  # raised above; several of them are OSErrors too (errors.py)
    except FileNotFoundError:
        raise InputNotFoundError("no such file", name=name) from None
    except IsADirectoryError:
        raise InputIsADirectoryError("is a directory", name=name) from None
    except PermissionError:
        raise InputPermissionError("permission denied", name=name) from None
    except OSError as exc:
        raise ReadError(exc.strerror or "cannot read", name=name) from None


def too_large(size: int, max_bytes: int, name: str) -> InputTooLargeError:
    """The one message for input over the size limit (files and standard input)."""
    return InputTooLargeError(
        f"{size:,} bytes is over the {max_bytes:,}-byte limit (max_bytes)", name=name
    )


class Line(NamedTuple):
    """One physical line: ``start``/``end`` exclude the line break, ``stop`` includes it."""

    start: int
    end: int
    stop: int


def split_lines(text: str) -> list[Line]:
    """Split on CRLF, CR and LF only (not on U+2028 or form feeds).

    Text without CR (most files) takes the fast path of :func:`iter_lines`.
    """
    if "\r" in text:
        return _split_any(text)
    lines = [
        Line(start, start + len(body), start + len(body) + 1) for start, body in iter_lines(text)
    ]
    if lines:
        last = lines[-1]
        if last.start == len(text):
            lines.pop()
        else:
            lines[-1] = Line(last.start, last.end, last.end)
    return lines


def line_list(text: str) -> list[tuple[int, str]]:
    """:func:`iter_lines` as a list, made by C loops when the text holds no CR or only CRLFs.

    Every document's lines are read this way; a generator costs a resumed
    frame per line, the split, the running sum of lengths and the pairing
    here cost none.
    """
    if "\r" in text:
        # A Windows file: every break a CRLF, checked by counting (k CRLFs split
        # the text into k + 1 pieces; then no CR and no LF stands alone), is split
        # in C as LF text is.  Lone CRs or mixed endings take the general reading.
        pieces = text.split("\r\n")
        crlf = len(pieces) - 1
        if not crlf or text.count("\r") != crlf or text.count("\n") != crlf:
            return list(iter_lines(text))
        if not pieces[-1]:
            pieces.pop()  # as in :func:`iter_lines`, the last piece is a line when it holds text
        starts = accumulate(map(add, map(len, pieces), repeat(2)), initial=0)
        return list(zip(starts, pieces, strict=False))
    pieces = text.split("\n")
    starts = accumulate(map(add, map(len, pieces), repeat(1)), initial=0)
    return list(zip(starts, pieces, strict=False))  # starts runs one past the last piece


def iter_lines(text: str) -> Iterator[tuple[int, str]]:
    """The lines of :func:`split_lines` as ``(start, line without its break)``.

    What the content reader needs, without a :class:`Line` per line (it runs
    on every line of every document).  Text without CR may yield a last empty
    line after a final LF; an empty line carries nothing, so readers skip it.
    """
    if "\r" in text:
        # CR becomes LF (same length, so offsets hold) and the text is split in C;
        # the empty piece between the CR and LF of a CRLF is no line.  The last
        # piece is a line only when it holds text, as in :func:`_split_any`.
        pieces = text.replace("\r", "\n").split("\n")
        last = len(pieces) - 1
        start = 0
        for k, body in enumerate(pieces):
            if body or (k < last and not (start and text[start - 1 : start + 1] == "\r\n")):
                yield start, body
            start += len(body) + 1
        return
    start = 0
    for body in text.split("\n"):
        yield start, body
        start += len(body) + 1


def _split_any(text: str) -> list[Line]:
    lines: list[Line] = []
    for m in _LINE.finditer(text):
        start, stop = m.span()
        if start == stop:
            break
        body = m.group()
        end = stop - (2 if body.endswith("\r\n") else 1 if body[-1] in "\r\n" else 0)
        lines.append(Line(start, end, stop))
    return lines
