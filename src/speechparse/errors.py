"""The one exception family speechparse raises for bad input.

Callers that process millions of files need a single ``except`` clause that
separates "this input is unusable" from programming errors, and a message that
fits on one line of a log.  Every error names the input it concerns.

The input errors also subclass the builtin a caller would catch without
knowing speechparse: a missing file is a :class:`FileNotFoundError`, a
directory an :class:`IsADirectoryError`, a file without read permission a
:class:`PermissionError`, undecodable or binary bytes (and a file name passed
as text) a :class:`ValueError`.  ``str(exc)``, ``exc.args`` (the one-line
message) and pickling (errors cross the process pool as values) are the
same for all of them: the OS error fields (``errno``, ``strerror``,
``filename``) stay None, since the message already says what happened.
"""

from __future__ import annotations

from typing import ClassVar

__all__ = [
    "BatchError",
    "BinaryInputError",
    "DecodeError",
    "InputIsADirectoryError",
    "InputNotFoundError",
    "InputPermissionError",
    "InputTooLargeError",
    "MissingExtraError",
    "NoTextLayerError",
    "NotAFileError",
    "OutputError",
    "PathAsTextError",
    "ReadError",
    "SpeechParseError",
    "UnsupportedFormatError",
]


class SpeechParseError(Exception):
    """Base class: the input cannot be parsed; ``str(exc)`` is one line."""

    exit_code = 1
    record_type: ClassVar[str] = "SpeechParseError"
    """The ``error_type`` a batch record gives: the class name, except for the
    subclasses that exist only to match a builtin (:class:`InputIsADirectoryError`
    records as ``NotAFileError``), so that record lines stay what they were."""

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        if "record_type" not in cls.__dict__:
            cls.record_type = cls.__name__

    def __init__(self, message: str, *, name: str | None = None) -> None:
        self.name = name
        text = f"{name}: {message}" if name else message
        # One positional argument only: OSError would read two as (errno, strerror).
        super().__init__(" ".join(text.split()))


class InputNotFoundError(SpeechParseError, FileNotFoundError):
    """The path does not exist."""

    exit_code = 3


class NotAFileError(SpeechParseError, OSError):
    """The path exists but is a directory or another non-regular file."""

    exit_code = 3


class InputIsADirectoryError(NotAFileError, IsADirectoryError):
    """The path is a directory (recorded by ``batch`` as ``NotAFileError``)."""

    record_type = "NotAFileError"


class ReadError(SpeechParseError, OSError):
    """The operating system refused to read the file (permissions, I/O)."""

    exit_code = 3


class InputPermissionError(ReadError, PermissionError):
    """The file may not be read (recorded by ``batch`` as ``ReadError``)."""

    record_type = "ReadError"


class InputTooLargeError(SpeechParseError):
    """The file is larger than the size limit (``max_bytes``, 16 MiB by default)."""

    exit_code = 5


class BinaryInputError(SpeechParseError, ValueError):
    """The bytes are not text (NUL bytes without a UTF-16 byte-order mark)."""

    exit_code = 4


class DecodeError(SpeechParseError, ValueError):
    """The bytes are neither UTF-8, GB18030 nor UTF-16 with a BOM."""

    exit_code = 4


class PathAsTextError(SpeechParseError, ValueError):
    """``parse(str)`` was given the name of an existing file rather than text.

    A ``str`` is always text to :func:`speechparse.parse`, so ``parse("a.txt")``
    would parse the five characters ``a.txt``: a one-line string that names
    an existing file is refused, and the message says to pass ``Path(...)``
    (or to call :func:`speechparse.parse_text` for the text itself).
    """


class UnsupportedFormatError(SpeechParseError):
    """The bytes are a document format speechparse does not read (.doc, .rtf, .odt …).

    The message names a way to convert the file to one it reads.
    """

    exit_code = 4


class NoTextLayerError(SpeechParseError):
    """A PDF whose pages hold no text (scanned images): it needs OCR first."""

    exit_code = 4


class MissingExtraError(SpeechParseError):
    """Reading or writing this format needs an optional dependency that is not installed.

    The message names the extra to install (``pip install 'speechparse[docx]'``,
    ``speechparse[parquet]`` for Parquet and DataFrames).
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
