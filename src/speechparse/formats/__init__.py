"""Which format a file is in, and the reader that turns it into text.

Why by content: material sites serve .docx under .txt names, pages are
saved as .txt, and a pipeline streams bytes without names, so the bytes
decide (a zip with a Word main part, ``%PDF-``, an ``<html`` near the top)
and the file name is only a hint where the content is ambiguous (an HTML
fragment without ``<html>``).  Readers of .docx, HTML and PDF need optional
dependencies; each is imported only when a file of its format arrives, and
its absence is a one-line :class:`MissingExtraError` naming the extra.
"""

from __future__ import annotations

import importlib
import io
import zipfile
from types import ModuleType

import regex

from speechparse.errors import MissingExtraError, UnsupportedFormatError
from speechparse.formats.reading import Format, Hint, Reading

__all__ = ["DEFAULT_GLOB", "Format", "Hint", "Reading", "read", "sniff"]

DEFAULT_GLOB = "*.txt,*.docx,*.doc,*.html,*.htm,*.pdf"
"""Files batch and index take from folders: every format speechparse reads, and
Word 97 files, so that each one gets an error record saying how to convert it
rather than vanishing from a folder of Word files."""

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HTML_START = regex.compile(
    rb"\A(?:\xef\xbb\xbf)?\s*+(?:<!--.*?-->\s*+)*+<(?:!doctype\s+html|html|head|meta|body)\b",
    regex.I | regex.S,
)
_HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
_HTML_TAGS = regex.compile(rb"<(?:p|div|br|h[1-6]|span|table)\b[^>]*+>", regex.I)

_CONVERT = "save it as .docx or .txt (e.g. `soffice --headless --convert-to docx FILE`)"


def sniff(data: bytes, name: str | None = None) -> Format:
    """The format of ``data``; a document format not read raises :class:`UnsupportedFormatError`."""
    head = data[:1024]
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return _zip_format(data, name)
    if head.startswith(_OLE):
        raise UnsupportedFormatError(
            f"a Word 97–2003 (.doc) or other OLE file is not supported: {_CONVERT}", name=name
        )
    if head.startswith(b"{\\rtf"):
        raise UnsupportedFormatError(f"RTF is not supported: {_CONVERT}", name=name)
    if b"<" in head and _HTML_START.match(head):  # a page's first tag is in its head
        return "html"
    suffix = (name or "").lower()
    if suffix.endswith(_HTML_SUFFIXES) and len(_HTML_TAGS.findall(data[:65536])) >= 2:
        return "html"
    return "text"


_WORD_MAIN = b"wordprocessingml.document.main+xml"
"""The content type of a Word document's main part (also macro-enabled and template ones)."""


def _zip_format(data: bytes, name: str | None) -> Format:
    """docx when the package declares a Word main part; no XML parser needed to tell."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "word/document.xml" in names:
                return "docx"
            if "[Content_Types].xml" in names:
                info = archive.getinfo("[Content_Types].xml")
                if info.file_size < 1 << 20 and _WORD_MAIN in archive.read(info):
                    return "docx"
    except (zipfile.BadZipFile, OSError, EOFError):
        raise UnsupportedFormatError("a damaged zip archive, not a document", name=name) from None
    if "content.xml" in names:
        what = "an OpenDocument file (.odt)"
    elif "xl/workbook.xml" in names or "ppt/presentation.xml" in names:
        what = "an Excel or PowerPoint file"
    else:
        what = "a zip archive"
    raise UnsupportedFormatError(f"{what} is not supported: {_CONVERT}", name=name)


_EXTRAS: dict[str, tuple[str, str]] = {
    "docx": ("lxml", "docx"),
    "html": ("trafilatura", "html"),
    "pdf": ("pypdf", "pdf"),
}


def _load(module: str, fmt: str, name: str | None = None) -> ModuleType:
    """The reader module for ``fmt``, or a one-line error naming the extra it needs."""
    needs, extra = _EXTRAS[fmt]
    try:
        importlib.import_module(needs)
    except ImportError:
        raise MissingExtraError(
            f"reading {fmt} files needs {needs}: pip install 'speechparse[{extra}]'",
            name=name,
        ) from None
    return importlib.import_module(f"speechparse.formats.{module}")


def read(data: bytes, *, name: str | None = None) -> Reading | None:
    """The :class:`Reading` of a .docx, HTML or PDF file; None for plain text.

    Plain text stays with :func:`speechparse.reading.decoding.decode`, so reading a
    ``.txt`` costs one look at its first bytes.
    """
    fmt = sniff(data, name)
    if fmt == "docx":
        reading: Reading = _load("docx", "docx", name).read_docx(data, name=name)
    elif fmt == "html":
        reading = _load("html", "html", name).read_html(data, name=name)
    elif fmt == "pdf":
        reading = _load("pdf", "pdf", name).read_pdf(data, name=name)
    else:
        return None
    return reading
