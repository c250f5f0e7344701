"""PDFs: the text layer page by page, running headers and page numbers as noise."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("pypdf")
pytest.importorskip("reportlab")

import speechparse
from format_files import TITLE, blank_pdf, speech_pdf, speech_text
from invariants import check_leaves_partition, check_models, check_node_spans, flat_outline
from speechparse.errors import DecodeError, NoTextLayerError
from speechparse.formats import sniff


@pytest.mark.parametrize("width", [30, 36])
def test_pdf_of_the_speech_gives_the_plain_text_outline(width: int) -> None:
    doc = speechparse.parse_bytes(speech_pdf(width=width, per_page=10), name="speech.pdf")
    assert flat_outline(doc) == flat_outline(speechparse.parse_text(speech_text()))
    assert doc.title is not None and doc.title.text == TITLE
    assert doc.input.format == "pdf"
    kinds = [(n.kind, n.text) for n in doc.noise]
    assert ("header", "柳岸镇人民政府办公室") in kinds and ("page_number", "- 2 -") in kinds
    assert doc.to_source() == doc.source
    check_models(doc)
    check_node_spans(doc)
    check_leaves_partition(doc)


def test_paragraph_broken_by_a_page_is_joined_across_the_furniture() -> None:
    doc = speechparse.parse_bytes(speech_pdf(width=30, per_page=16))
    texts = [p.text for s in doc.iter_sections() for p in s.paragraphs]
    assert "班子成员包村包项目，每月到村不少于四次。" in texts
    assert not any("办公室" in t for t in texts)


def test_one_page_without_furniture(tmp_path: Path) -> None:
    path = tmp_path / "one.pdf"
    path.write_bytes(speech_pdf(per_page=100, furniture=False))
    doc = speechparse.parse(path)
    assert flat_outline(doc) == flat_outline(speechparse.parse_text(speech_text()))
    assert doc.noise == ()


def test_pdf_without_text_layer_is_one_line_error() -> None:
    with pytest.raises(NoTextLayerError) as info:
        speechparse.parse_bytes(blank_pdf(), name="scan.pdf")
    message = str(info.value)
    assert "text layer" in message and "OCR" in message and "\n" not in message
    assert message.startswith("scan.pdf: ")


def test_broken_pdf_is_a_decode_error() -> None:
    assert sniff(b"%PDF-1.4\nnot really", None) == "pdf"
    with pytest.raises(DecodeError, match="broken PDF"):
        speechparse.parse_bytes(b"%PDF-1.4\nnot really a pdf", name="bad.pdf")
