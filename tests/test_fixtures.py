"""What each fixture exercises, asserted on the tree where the outline is silent.

The goldens pin the outline; these tests pin the parts of the tree the
outline leaves out (genre, bylines, noise kinds, encodings, exact bytes).
"""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

import speechparse

FIXTURES = Path(__file__).parent / "fixtures"


def parse(name: str) -> speechparse.Document:
    """Parse a fixture by its stem."""
    return speechparse.parse(FIXTURES / f"{name}.txt")


def test_crlf_fixture_really_has_crlf_and_fullwidth_indent() -> None:
    """The fixture's bytes are what its name says (guards against newline conversion)."""
    data = (FIXTURES / "crlf_fullwidth_indent.txt").read_bytes()
    assert data.count(b"\r\n") == data.count(b"\n") > 5
    assert "\u3000\u3000一、".encode() in data
    assert "\u00a0\u00a0（二）".encode() in data
    doc = parse("crlf_fullwidth_indent")
    assert doc.to_source().encode("utf-8") == data
    assert all("\r" not in p.text for s in doc.iter_sections() for p in s.paragraphs)


def test_cr_only_fixture() -> None:
    """Old Mac line endings split lines too."""
    data = (FIXTURES / "cr_only_line_endings.txt").read_bytes()
    assert b"\n" not in data
    assert data.count(b"\r") >= 4
    assert [s.heading for s in parse("cr_only_line_endings").sections] == [
        "加强组织领导",
        "严格值班纪律",
    ]


@pytest.mark.parametrize(
    ("name", "encoding", "bom"),
    [
        ("gb18030_bytes", "gb18030", b""),
        ("utf8_bom", "utf-8-sig", codecs.BOM_UTF8),
        ("utf16_le_bom", "utf-16-le", codecs.BOM_UTF16_LE),
    ],
)
def test_encoded_fixtures(name: str, encoding: str, bom: bytes) -> None:
    """Encoding is detected, the BOM is not part of the source, text is intact."""
    data = (FIXTURES / f"{name}.txt").read_bytes()
    assert data.startswith(bom)
    doc = parse(name)
    assert doc.encoding == encoding
    assert not doc.source.startswith("\ufeff")
    assert doc.source == data[len(bom) :].decode(encoding.removesuffix("-sig"))


def test_gb18030_fixture_is_not_utf8_and_has_four_byte_character() -> None:
    """The GB18030 file would not decode as UTF-8 and holds a character outside GBK."""
    data = (FIXTURES / "gb18030_bytes.txt").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert "䶮" in parse("gb18030_bytes").source


def test_genre_colon_title() -> None:
    """体裁：正标题 splits into genre and main title; closing goes to the trailer."""
    doc = parse("genre_colon_title")
    assert doc.title is not None
    assert doc.title.genre == "研讨交流发言"
    assert doc.title.main == "坚持以学铸魂\u3000锤炼过硬作风"
    assert [t.kind for t in doc.trailer] == ["closing"]


def test_subtitle_and_dateline() -> None:
    """Title, ——subtitle, a dateline and an author line under it."""
    doc = parse("subtitle_and_dateline")
    assert doc.title is not None
    assert doc.title.subtitle is not None
    assert doc.title.subtitle.dash == "——"
    assert doc.title.subtitle.text == "在南塘镇2024年度工作会议上的讲话"
    assert [b.text for b in doc.title.bylines] == ["（2024年3月5日）", "林振华"]
    assert doc.preamble[0].kind == "salutation"


def test_ads_and_paywall_midparagraph() -> None:
    """A paywall marker inside a sentence is cut out; ads are noise or trailer."""
    doc = parse("ads_and_paywall_midparagraph")
    assert doc.preamble[0].text.endswith("全会站位高远、内涵丰富，为我们做好今后工作指明了方向。")
    assert [n.kind for n in doc.noise] == ["paywall", "ad", "paywall"]
    assert [t.kind for t in doc.trailer] == ["closing", "ad", "ad"]
    assert "扫码" not in doc.to_text()
    assert "添加客服" not in doc.to_text()


def test_paywall_marker_midline() -> None:
    """Markers before a marker, inside a heading and alone on a line."""
    doc = parse("paywall_marker_midline")
    assert [s.heading for s in doc.sections] == [
        "转变作风要从自身做起",
        "转变作风要从小事抓起",
        "转变作风要常抓不懈",
    ]
    assert {n.text for n in doc.noise} == {"##paidbegin##", "##vip##", "##free##"}
    assert doc.sections[1].run_in is False


def test_page_number_and_url_noise() -> None:
    """Page numbers and a URL line inside the body are noise and leave the paragraphs alone."""
    doc = parse("page_number_and_url_noise")
    assert [n.kind for n in doc.noise] == ["page_number", "url", "page_number"]
    assert len(doc.sections[0].paragraphs) == 2


def test_web_header_meta() -> None:
    """Page title, meta line and editor's note become noise before the document's title."""
    doc = parse("web_header_meta")
    assert [n.kind for n in doc.noise] == ["header", "meta", "note"]
    assert doc.title is not None
    assert doc.title.text == "在全县春耕备耕工作会议上的讲话"


def test_salutation_and_closing() -> None:
    """A salutation opens the preamble, 谢谢大家！ is the closing."""
    doc = parse("salutation_and_closing")
    assert doc.preamble[0].kind == "salutation"
    assert doc.preamble[0].text == "尊敬的各位老师，亲爱的同学们："
    assert [(t.kind, t.text) for t in doc.trailer] == [("closing", "谢谢大家！")]


def test_signature_and_date_trailer() -> None:
    """An issuing body and a date at the end are the trailer."""
    doc = parse("signature_and_date_trailer")
    assert [(t.kind, t.text) for t in doc.trailer] == [
        ("signature", "青溪县人民政府"),
        ("date", "2025年1月20日"),
    ]


def test_no_sections() -> None:
    """Ordinal words (第一，一是，首先) are not sections."""
    doc = parse("no_sections")
    assert doc.sections == ()
    assert len(doc.preamble) == 5


def test_empty() -> None:
    """Zero bytes: a valid, empty document."""
    doc = parse("empty")
    assert (FIXTURES / "empty.txt").stat().st_size == 0
    assert doc.title is None
    assert doc.outline()["title"] is None
    assert doc.leaves() == []


def test_numbering_skips_three() -> None:
    """一、二、四、: the sections stay, a numbering-gap diagnostic points at 四、."""
    doc = parse("numbering_skips_three")
    assert [s.number for s in doc.sections] == [1, 2, 4]
    (diag,) = doc.diagnostics
    assert diag.code == "numbering-gap"
    assert doc.source[slice(*diag.span)] == "四、"


def test_nested_three_levels() -> None:
    """一、/（一）/1. nest as levels 1/2/3; level 3 restarts under each parent."""
    doc = parse("nested_three_levels")
    levels = [(s.level, s.marker) for s in doc.iter_sections()]
    assert levels[:5] == [(1, "一、"), (2, "（一）"), (3, "1."), (3, "2."), (2, "（二）")]
    assert doc.diagnostics == ()


def test_bare_numeral_headings() -> None:
    """A numeral alone on a line is a section with an empty heading."""
    doc = parse("bare_numeral_headings")
    assert [(s.marker, s.heading) for s in doc.sections] == [("一", ""), ("二", ""), ("三", "")]


def test_runin_heading_quotes() -> None:
    """Run-in headings end at the first sentence end outside quotes and brackets."""
    doc = parse("runin_heading_quotes")
    assert all(s.run_in for s in doc.sections)
    assert doc.sections[1].paragraphs[0].text.startswith("各部门要建立问题清单")
    assert doc.sections[5].paragraphs[0].text.startswith("改革向纵深发展")
