"""Read a .docx: the body's paragraphs as lines, Word's automatic numbering as labels.

What a reader of the document sees is what the parser must read, so:

- each paragraph of the body (tables cell by cell, row by row, in reading
  order; content controls opened) is one line; a soft line break
  (``w:br``, ``w:cr``) ends a line too, a tab is a tab;
- a numbered paragraph starts with the label Word shows for it
  (:mod:`speechparse.formats.numbering`), then Word's suffix (a tab by
  default, a space, or nothing); the label's span is recorded;
- fields show their result, never their instruction; deleted revisions and
  hidden text are left out, inserted revisions kept;
- headers, footers, footnotes, endnotes and comments are other parts of the
  package and are not read: they are never body text; nor are text boxes;
- a heading style or outline level becomes a :class:`Hint`.
"""

from __future__ import annotations

import io
import posixpath
import zipfile

from lxml import etree

from speechparse.errors import DecodeError, InputTooLargeError
from speechparse.formats.numbering import Numbering, Styles
from speechparse.formats.ooxml import W, attr, child, parse_xml
from speechparse.formats.reading import Hint, Reading, TextBuilder

__all__ = ["MAX_UNPACKED", "read_docx"]

MAX_UNPACKED = 256 * 1024 * 1024
"""Most bytes the parts read may unpack to: a speech is kilobytes, a zip bomb is not."""

_REL_DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
_PKG_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_DC_TITLE = "{http://purl.org/dc/elements/1.1/}title"
_HIDDEN_CONTAINERS = {
    f"{W}{name}" for name in ("del", "moveFrom", "pPr", "rPr", "txbxContent", "footnoteReference")
}
"""Text below these is not the paragraph's: deleted revisions, properties, and text
boxes (drawn shapes, written twice in ``mc:AlternateContent``; not read)."""
_SKIPPED_RUN_CHILDREN = {f"{W}{name}" for name in ("delText", "instrText", "delInstrText")}


def _main_part(archive: zipfile.ZipFile) -> str | None:
    names = set(archive.namelist())
    if "_rels/.rels" in names:
        try:
            rels = parse_xml(archive.read("_rels/.rels"))
        except etree.XMLSyntaxError:
            rels = None
        if rels is not None:
            for rel in rels.iterfind(f"{_PKG_RELS}Relationship"):
                target = (rel.get("Target") or "").lstrip("/")
                if rel.get("Type") == _REL_DOC and target in names:
                    return target
    return "word/document.xml" if "word/document.xml" in names else None


def _part(archive: zipfile.ZipFile, name: str, *, where: str | None) -> etree._Element | None:
    if name not in archive.namelist():
        return None
    info = archive.getinfo(name)
    if info.file_size > MAX_UNPACKED:
        raise InputTooLargeError(f"{name} unpacks to {info.file_size:,} bytes", name=where)
    try:
        return parse_xml(archive.read(name))
    except etree.XMLSyntaxError as exc:
        raise DecodeError(f"broken .docx: {name}: {exc}", name=where) from None
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise DecodeError(f"broken .docx: {name}: {exc}", name=where) from None


def read_docx(data: bytes, *, name: str | None = None) -> Reading:
    """The text of a .docx as a reader sees it, with Word's numbering labels rendered."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise DecodeError(f"broken .docx: {exc}", name=name) from None
    with archive:
        main = _main_part(archive)
        if main is None:
            raise DecodeError("broken .docx: no word/document.xml", name=name)
        folder = posixpath.dirname(main)
        document = _part(archive, main, where=name)
        styles = Styles(_part(archive, posixpath.join(folder, "styles.xml"), where=name))
        numbering = Numbering(
            _part(archive, posixpath.join(folder, "numbering.xml"), where=name), styles
        )
        core = _part(archive, "docProps/core.xml", where=name)
    body = child(document, "body")
    reader = _BodyReader(numbering, styles)
    if body is not None:
        reader.block(body)
    titles = []
    if core is not None:
        title = core.findtext(_DC_TITLE)
        if title and title.strip():
            titles.append(title.strip())
    return Reading(
        text=reader.out.text(),
        format="docx",
        encoding="docx",
        labels=reader.labels,
        hints=reader.hints,
        titles=titles,
    )


class _BodyReader:
    """One pass over the body in document order (counters depend on that order)."""

    def __init__(self, numbering: Numbering, styles: Styles) -> None:
        self.numbering = numbering
        self.styles = styles
        self.out = TextBuilder()
        self.labels: list[tuple[int, int]] = []
        self.hints: list[Hint] = []

    def block(self, node: etree._Element) -> None:
        """Paragraphs, tables and content controls of a body, cell or control."""
        for item in node:
            tag = item.tag
            if tag == f"{W}p":
                self.paragraph(item)
            elif tag == f"{W}tbl":
                for row in item.iterfind(f"{W}tr"):
                    for cell in row.iterfind(f"{W}tc"):
                        self.block(cell)
            elif tag in (f"{W}sdt", f"{W}customXml"):
                content = child(item, "sdtContent") if tag == f"{W}sdt" else item
                if content is not None:
                    self.block(content)

    def paragraph(self, p: etree._Element) -> None:
        ppr = child(p, "pPr")
        style = attr(child(ppr, "pStyle"))
        numpr = child(ppr, "numPr")
        num_id = attr(child(numpr, "numId"))
        ilvl_text = attr(child(numpr, "ilvl"))
        ilvl = int(ilvl_text) if ilvl_text and ilvl_text.isdigit() else None
        start = self.out.length
        numbered = self.numbering.paragraph(num_id, ilvl, style)
        if numbered is not None:
            label, suffix = numbered
            if label:
                self.labels.append(self.out.add(label))
                self.out.add({"tab": "\t", "space": " "}.get(suffix, ""))
        self.inline(p)
        end = self.out.length
        self.out.add("\n")
        level = self.styles.heading_level(style)
        outline = attr(child(ppr, "outlineLvl"))
        if outline is not None and outline.isdigit():
            level = int(outline) + 1 if int(outline) < 9 else None
        if level is not None and end > start:
            self.hints.append(Hint(start, end, level))

    def inline(self, node: etree._Element) -> None:
        """Runs, hyperlinks, inserted revisions, simple fields and complex fields' results."""
        in_instruction: list[bool] = []
        for item in node.iter():
            tag = item.tag
            if not isinstance(tag, str):
                continue
            if tag == f"{W}fldChar":
                kind = attr(item, "fldCharType")
                if kind == "begin":
                    in_instruction.append(True)
                elif kind == "separate" and in_instruction:
                    in_instruction[-1] = False
                elif kind == "end" and in_instruction:
                    in_instruction.pop()
                continue
            if in_instruction and in_instruction[-1]:
                continue
            if not _shown(item, node):
                continue
            if tag == f"{W}t":
                self.out.add(item.text or "")
            elif tag == f"{W}tab" and _is_run(item):
                self.out.add("\t")
            elif tag in (f"{W}br", f"{W}cr") and _is_run(item):
                self.out.add("\n")
            elif tag == f"{W}noBreakHyphen":
                self.out.add("-")
            elif tag == f"{W}softHyphen" or tag in _SKIPPED_RUN_CHILDREN:
                continue


def _is_run(item: etree._Element) -> bool:
    """A tab or break inside a run (``w:tabs`` in paragraph properties are tab stops)."""
    parent = item.getparent()
    return parent is not None and parent.tag == f"{W}r"


def _on(node: etree._Element | None) -> bool:
    """A toggle property (``<w:vanish/>``, ``<w:vanish w:val="0"/>``) that is switched on."""
    return node is not None and attr(node) not in ("0", "false", "off")


def _shown(item: etree._Element, top: etree._Element) -> bool:
    """False inside a deleted revision, hidden run, or the paragraph's own properties."""
    node = item.getparent()
    while node is not None and node is not top:
        tag = node.tag
        if tag in _HIDDEN_CONTAINERS:
            return False
        if tag == f"{W}r" and _on(child(child(node, "rPr"), "vanish")):
            return False
        node = node.getparent()
    return True
