"""Small lxml helpers for WordprocessingML: the namespace, safe parsing, attribute reads.

Why lxml rather than python-docx: python-docx does not compute automatic
numbering, fields or content controls, so the reader needs the XML anyway;
lxml gives it directly, parses safely (no entities, no network) and fast.
"""

from __future__ import annotations

from lxml import etree

__all__ = ["NS", "W", "attr", "child", "parse_xml"]

NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{NS}}}"
"""The ``w:`` prefix in Clark notation, as lxml writes qualified names."""

_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True
)


def parse_xml(data: bytes) -> etree._Element:
    """Parse one package part; raises ``etree.XMLSyntaxError`` on broken XML."""
    return etree.fromstring(data, parser=_PARSER)


def child(node: etree._Element | None, name: str) -> etree._Element | None:
    """The first ``w:name`` child of ``node`` (None when ``node`` is None)."""
    return None if node is None else node.find(f"{W}{name}")


def attr(node: etree._Element | None, name: str = "val") -> str | None:
    """The ``w:name`` attribute of ``node``, None when either is missing."""
    return None if node is None else node.get(f"{W}{name}")
