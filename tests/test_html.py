"""HTML pages: the main content as lines, site furniture left out, the declared encoding."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("trafilatura")

import speechparse
from format_files import TITLE, speech_html, speech_text
from invariants import check_leaves_partition, check_models, check_node_spans, flat_outline
from speechparse.formats import sniff
from speechparse.formats.html import page_encoding, read_html

FURNITURE = ("登录", "首页", "当前位置", "相关推荐", "备案号", "客服QQ", "Copyright")


@pytest.mark.parametrize("breaks", [False, True], ids=["paragraphs", "br-lines"])
@pytest.mark.parametrize("charset", ["gbk", "gb2312", "utf-8"])
def test_material_site_page_gives_the_plain_text_outline(charset: str, breaks: bool) -> None:
    data = speech_html(charset=charset, breaks=breaks)
    doc = speechparse.parse_bytes(data, name="page.html")
    assert flat_outline(doc) == flat_outline(speechparse.parse_text(speech_text()))
    assert doc.input.format == "html"
    assert doc.encoding == ("utf-8" if charset == "utf-8" else "gb18030")
    for word in FURNITURE:
        assert word not in doc.source, word
    assert doc.input.title_candidates == (f"{TITLE}_讲话稿_青禾素材网", TITLE)
    assert doc.to_source() == doc.source
    check_models(doc)
    check_node_spans(doc)
    check_leaves_partition(doc)


def test_headings_are_hints() -> None:
    reading = read_html(speech_html())
    assert [(reading.text[h.start : h.end], h.level) for h in reading.hints][:2] == [
        (TITLE, 1),
        ("一、提高站位，切实增强做好乡村振兴工作的责任感", 2),
    ]


def test_encoding_comes_from_the_declaration() -> None:
    assert page_encoding(b'<meta charset="GB2312">') == "gb18030"
    assert page_encoding(
        b"<meta http-equiv='Content-Type' content='text/html; charset=utf-8'>"
    ) == ("utf-8")
    assert page_encoding(b"<meta charset=no-such-codec>") is None
    assert page_encoding(b"<p>no declaration</p>") is None


def test_wrong_declaration_falls_back_to_detection() -> None:
    page = speech_html(charset="utf-8").replace(b'charset="utf-8"', b'charset="iso-2022-jp"')
    doc = speechparse.parse_bytes(page)
    assert doc.title is not None and doc.title.text == TITLE


def test_format_by_content_and_by_name_for_fragments() -> None:
    assert sniff(speech_html(), "page.txt") == "html"
    fragment = "<div><p>一、标题</p><p>正文。</p></div>".encode()
    assert sniff(fragment, "saved.html") == "html"
    assert sniff(fragment, "saved.txt") == "text"
    assert sniff("一、标题 <b>加粗</b>\n".encode(), "x.html") == "text"


def test_page_without_main_content_is_read_as_its_text(tmp_path: Path) -> None:
    path = tmp_path / "short.html"
    path.write_bytes("<html><body><div>同志们：</div><div>谢谢大家。</div></body></html>".encode())
    doc = speechparse.parse(path)
    assert doc.input.format == "html"
    assert "谢谢大家。" in doc.source and "<div>" not in doc.source
