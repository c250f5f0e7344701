"""The one exception family speechparse raises for bad input.

Callers that process millions of files need a single ``except`` clause that
separates "this input is unusable" from programming errors, and a message that
fits on one line of a log.  Every error names the input it concerns.
"""

from __future__ import annotations

__all__ = [
    "BatchError",
    "BinaryInputError",
    "DecodeError",
    "InputNotFoundError",
    "InputTooLargeError",
    "MissingExtraError",
    "NoTextLayerError",
    "NotAFileError",
    "OutputError",
    "ReadError",
    "SpeechParseError",
    "UnsupportedFormatError",
]


class SpeechParseError(Exception):
    """Base class: the input cannot be parsed; ``str(exc)`` is one line."""

    exit_code = 1

    def __init__(self, message: str, *, name: str | None = None) -> None:
        self.name = name
        text = f"{name}: {message}" if name else message
        super().__init__(" ".join(text.split()))


class InputNotFoundError(SpeechParseError):
    """The path does not exist."""

    exit_code = 3


class NotAFileError(SpeechParseError):
    """The path exists but is a directory or another non-regular file."""

    exit_code = 3


class ReadError(SpeechParseError):
    """The operating system refused to read the file (permissions, I/O)."""

    exit_code = 3


class InputTooLargeError(SpeechParseError):
    """The file is larger than the size limit (``max_bytes``, 16 MiB by default)."""

    exit_code = 5


class BinaryInputError(SpeechParseError):
    """The bytes are not text (NUL bytes without a UTF-16 byte-order mark)."""

    exit_code = 4


class DecodeError(SpeechParseError):
    """The bytes are neither UTF-8, GB18030 nor UTF-16 with a BOM."""

    exit_code = 4


class UnsupportedFormatError(SpeechParseError):
    """The bytes are a document format speechparse does not read (.doc, .rtf, .odt …).

    The message names a way to convert the file to one it reads.
    """

    exit_code = 4


class NoTextLayerError(SpeechParseError):
    """A PDF whose pages hold no text (scanned images): it needs OCR first."""

    exit_code = 4


class MissingExtraError(SpeechParseError):
    """Reading this format needs an optional dependency that is not installed.

    The message names the extra to install (``pip install 'speechparse[docx]'``).
    """

    exit_code = 8


class OutputError(SpeechParseError):
    """The output cannot be written: a full disk, a missing folder, or it would overwrite an input.

    Distinct from the input errors so that a pipeline can tell "this file is
    bad" from "my disk is full" by the exit code alone.
    """

    exit_code = 6


class BatchError(SpeechParseError):
    """The run itself cannot go on (as opposed to one bad input): resume mismatch, dead worker."""
