"""Read a saved or scraped web page: its main content, one line per block.

Why trafilatura: a material-site page is mostly furniture (login bar,
navigation, breadcrumb, related links, footer); telling it from the speech
is what trafilatura is built and maintained for, and it is the extractor
the field's benchmarks rank best.  The page's encoding is read here, from a
byte-order mark or the ``<meta charset>`` / ``http-equiv`` declaration
(GB2312 and GBK pages are decoded as GB18030, their superset), before the
extractor sees it.  Its XML output keeps the blocks apart: every ``<head>``
(an ``<h1>``–``<h6>``), paragraph, list item and table cell is a line, and
headings become :class:`Hint` s.  ``<title>`` and ``<h1>`` are recorded as
title candidates.  A page where the extractor finds no main content is read
as the plain text of its body.
"""

from __future__ import annotations

import codecs
import logging

import regex
import trafilatura
from lxml import etree, html

from speechparse.errors import DecodeError
from speechparse.formats.reading import Hint, Reading, TextBuilder
from speechparse.reading.decoding import decode

__all__ = ["page_encoding", "read_html"]

_CHARSET = regex.compile(
    rb"<meta\b[^>]{0,300}?charset\s*+=\s*+[\"']?+([A-Za-z0-9_.:-]{1,40})", regex.I
)
_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030"}
_BLOCKS = ("head", "p", "item", "cell", "quote", "code")

# trafilatura logs a warning for every page it finds too short; a batch of
# pages must not fill standard error with them.
logging.getLogger("trafilatura").setLevel(logging.ERROR)


def page_encoding(data: bytes) -> str | None:
    """The charset a page declares in its first 4 KiB, as a Python codec name (None if none)."""
    m = _CHARSET.search(data[:4096])
    if m is None:
        return None
    label = m.group(1).decode("ascii").lower()
    label = _SUPERSETS.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _decode_page(data: bytes, name: str | None) -> tuple[str, str]:
    declared = page_encoding(data)
    if declared is not None and not data.startswith((codecs.BOM_UTF8, b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode(declared), declared
        except UnicodeDecodeError:
            pass  # a wrong declaration is common; detect as for text below
    return decode(data, name=name)


def read_html(data: bytes, *, name: str | None = None) -> Reading:
    """The main content of a page as lines, with its title candidates and heading hints."""
    page, encoding = _decode_page(data, name)
    titles = _title_candidates(page)
    extracted = trafilatura.extract(
        page,
        output_format="xml",
        include_tables=True,
        include_comments=False,
        include_images=False,
        include_links=False,
        with_metadata=False,
        deduplicate=False,
    )
    out = TextBuilder()
    hints: list[Hint] = []
    if extracted:
        try:
            root = etree.fromstring(extracted.encode("utf-8"))
        except etree.XMLSyntaxError as exc:  # pragma: no cover - trafilatura writes well-formed XML
            raise DecodeError(f"unreadable page: {exc}", name=name) from None
        main = root.find("main")
        for block in main.iter(*_BLOCKS) if main is not None else ():
            if block.tag != "head" and block.getparent() is not None and _inside_block(block):
                continue
            text = _block_text(block)
            if not text:
                continue
            start, end = out.add(text)
            out.add("\n")
            rend = block.get("rend") or ""
            if block.tag == "head" and rend[1:].isdigit():
                hints.append(Hint(start, end, int(rend[1:])))
    else:
        body = trafilatura.html2txt(page) or ""
        for line in body.splitlines():
            if line.strip():
                out.add(line.strip() + "\n")
    return Reading(text=out.text(), format="html", encoding=encoding, hints=hints, titles=titles)


def _inside_block(block: etree._Element) -> bool:
    """A paragraph inside a list item or cell is read with it, not again on its own."""
    node = block.getparent()
    while node is not None:
        if node.tag in _BLOCKS:
            return True
        node = node.getparent()
    return False


def _block_text(block: etree._Element) -> str:
    """A block's text: ``<lb/>`` (a ``<br>``) breaks the line, other white space runs are kept."""
    for lb in block.iter("lb"):
        lb.tail = "\n" + (lb.tail or "")
    lines = "".join(str(t) for t in block.itertext()).split("\n")
    return "\n".join(part.strip() for part in lines if part.strip())


def _title_candidates(page: str) -> list[str]:
    """``<title>`` and every ``<h1>``: where a site states a page's title outside the body."""
    try:
        tree = html.document_fromstring(page)
    except (etree.ParserError, ValueError):
        return []
    found: list[str] = []
    for node in (*tree.iter("title"), *tree.iter("h1")):
        text = " ".join("".join(str(t) for t in node.itertext()).split())
        if text and text not in found:
            found.append(text)
    return found
