"""Read a PDF's text layer: its lines page by page, the page furniture marked as noise.

Why pypdf: pure Python (no compiler, no system library), maintained, and
its text extraction reads the CID fonts Chinese PDFs are written with
(UniGB-UCS2-H and the like).  What a PDF adds to plain text is the page:

- each page's lines follow the previous page's, so a paragraph broken by
  the page is re-joined by the hard-wrap rule like any other wrap;
- a line near the top or bottom of a page that recurs, digits aside, on at
  least half of the pages (two at least) is a running header or footer
  (``header`` noise); a page number there (``- 3 -``, ``第3页``, ``3/12``)
  is ``page_number`` noise, even on one page;
- a PDF whose pages hold no text is a scan: a one-line
  :class:`NoTextLayerError` says to run OCR first.
"""

from __future__ import annotations

import io
from collections import Counter

import pypdf
import regex
from pypdf.errors import PdfReadError

from speechparse.errors import DecodeError, NoTextLayerError
from speechparse.formats.reading import Reading, TextBuilder
from speechparse.model.nodes import NoiseKind

__all__ = ["read_pdf"]

_EDGE = 3
"""How many lines at the top and at the bottom of a page may be furniture."""
_DIGITS = regex.compile(r"\d++")
_PAGE_NUMBER = regex.compile(
    r"[-—–－·\s]*+(?:第\s*+\d++\s*+页(?:\s*+[/，,]?\s*+共\s*+\d++\s*+页)?|\d++(?:\s*+/\s*+\d++)?|"
    r"[Pp]age\s*+\d++(?:\s*+of\s*+\d++)?)[-—–－·\s]*+"
)


def _key(line: str) -> str:
    """A line with digits and spaces folded, so `- 3 -` and `- 4 -` are one footer."""
    return _DIGITS.sub("#", "".join(line.split()))


def read_pdf(data: bytes, *, name: str | None = None) -> Reading:
    """The text layer of a PDF as lines, running headers, footers and page numbers as noise."""
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise DecodeError("an encrypted PDF (needs a password)", name=name)
        pages = [_page_lines(page.extract_text() or "") for page in reader.pages]
    except DecodeError:
        raise  # the encrypted PDF above; a DecodeError is a ValueError too
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise DecodeError(f"broken PDF: {' '.join(str(exc).split())}", name=name) from None
    if not any(pages):
        raise NoTextLayerError(
            f"a PDF without a text layer ({len(pages)} page(s), a scan?): "
            "run OCR first, e.g. `ocrmypdf in.pdf out.pdf`",
            name=name,
        )
    running = _running(pages)
    out = TextBuilder()
    noise: dict[int, NoiseKind] = {}
    for lines in pages:
        for k, line in enumerate(lines):
            edge = k < _EDGE or k >= len(lines) - _EDGE
            start, _ = out.add(line + "\n")
            if edge and _PAGE_NUMBER.fullmatch(line):
                noise[start] = "page_number"
            elif edge and _key(line) in running:
                noise[start] = "header"
    return Reading(text=out.text(), format="pdf", encoding="pdf", noise_lines=noise)


def _page_lines(text: str) -> list[str]:
    """A page's non-blank lines, trailing spaces dropped (extraction pads some)."""
    return [line.rstrip() for line in text.splitlines() if line.strip()]


def _running(pages: list[list[str]]) -> set[str]:
    """Keys of the lines that recur at the edges of at least half of the pages."""
    if len(pages) < 2:
        return set()
    seen: Counter[str] = Counter()
    for lines in pages:
        edges = {_key(x) for x in lines[:_EDGE] + lines[-_EDGE:]}
        seen.update(edges)
    need = max(2, (len(pages) + 1) // 2)
    return {key for key, count in seen.items() if count >= need and key}
