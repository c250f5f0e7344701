""".docx: Word's automatic numbering rendered as the labels Word shows, on files made here.

Each numbering rule has a document of its own whose ``numbering.xml`` is
written by hand, so a test fails when the reader computes a label Word
would not show.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

pytest.importorskip("lxml")

import speechparse
from format_files import (
    TITLE,
    level,
    make_docx,
    numbering,
    para,
    run,
    speech_docx,
    speech_text,
    style,
)
from invariants import check_leaves_partition, check_models, check_node_spans, flat_outline
from speechparse.errors import DecodeError, UnsupportedFormatError
from speechparse.formats import sniff
from speechparse.formats.docx import read_docx


def lines(data: bytes) -> list[str]:
    return read_docx(data).text.splitlines()


def test_speech_numbered_only_by_word_gives_the_plain_text_outline() -> None:
    """The done-when of issue 11: no number in the text, the same outline as typed numbers."""
    data = speech_docx()
    assert "一、" not in zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    doc = speechparse.parse_bytes(data, name="speech.docx")
    plain = speechparse.parse_text(speech_text())
    assert flat_outline(doc) == flat_outline(plain)
    assert doc.title is not None and doc.title.text == TITLE
    assert [s.number for s in doc.iter_sections()] == [s.number for s in plain.iter_sections()]
    assert doc.input.format == "docx"
    labels = [doc.source[a:b] for a, b in doc.input.numbering_labels]
    assert labels == [
        "一、",
        "（一）",
        "（二）",
        "二、",
        "（一）",
        "（二）",
        "三、",
        "（一）",
        "（二）",
    ]
    assert [doc.source[a:b] for a, b in (h.span for h in doc.input.heading_hints)][0] == (
        "一、提高站位，切实增强做好乡村振兴工作的责任感"
    )
    assert doc.to_source() == doc.source
    check_models(doc)
    check_node_spans(doc)
    check_leaves_partition(doc)


def test_parse_takes_a_docx_path(tmp_path: Path) -> None:
    path = tmp_path / "讲话.docx"
    path.write_bytes(speech_docx())
    assert flat_outline(speechparse.parse(path)) == flat_outline(
        speechparse.parse_text(speech_text())
    )


def _numbered(
    levels: list[str], paras: list[tuple[str, int]], nums: dict[int, tuple[int, str]] | None = None
) -> list[str]:
    """Lines of a document whose paragraphs are (text, ilvl) in numbering instance 1."""
    xml = numbering({0: levels}, nums or {1: (0, "")})
    return lines(make_docx([para(t, num=1, ilvl=k) for t, k in paras], numbering_xml=xml))


def test_three_levels_restart_when_a_higher_level_occurs() -> None:
    levels = [
        level(0, "chineseCounting", "%1、", suffix="nothing"),
        level(1, "chineseCounting", "（%2）", suffix="nothing"),
        level(2, "decimal", "%3.", suffix="nothing"),
    ]
    got = _numbered(
        levels,
        [
            ("甲", 0),
            ("乙", 1),
            ("丙", 2),
            ("丁", 2),
            ("戊", 1),
            ("己", 2),
            ("庚", 0),
            ("辛", 1),
            ("壬", 2),
        ],
    )
    assert got == [
        "一、甲",
        "（一）乙",
        "1.丙",
        "2.丁",
        "（二）戊",
        "1.己",
        "二、庚",
        "（一）辛",
        "1.壬",
    ]


def test_chinese_counting_past_ten() -> None:
    levels = [level(0, "chineseCounting", "%1、", suffix="nothing")]
    got = _numbered(levels, [(f"第{k}项", 0) for k in range(1, 24)])
    assert [g.split("、")[0] for g in got[8:]] == [
        "九", "十", "十一", "十二", "十三", "十四", "十五", "十六", "十七", "十八", "十九", "二十", "二十一", "二十二", "二十三",
    ]  # fmt: skip


def test_start_value_lvl_restart_zero_and_default_tab_suffix() -> None:
    levels = [
        level(0, "decimal", "第%1部分"),
        level(1, "decimalEnclosedCircle", "%2", start=3, restart=0, suffix="space"),
    ]
    got = _numbered(levels, [("甲", 0), ("乙", 1), ("丙", 0), ("丁", 1)])
    # Word's default suffix is a tab; lvlRestart 0: level 2 never restarts.
    assert got == ["第1部分\t甲", "③ 乙", "第2部分\t丙", "④ 丁"]


def test_instances_of_one_definition_continue_and_start_override_restarts() -> None:
    levels = [level(0, "chineseCountingThousand", "%1、", suffix="nothing")]
    xml = numbering(
        {0: levels},
        {
            1: (0, ""),
            2: (0, ""),
            3: (0, '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>'),
            4: (
                0,
                '<w:lvlOverride w:ilvl="0"><w:lvl w:ilvl="0"><w:numFmt w:val="decimalFullWidth"/><w:lvlText w:val="%1．"/><w:suff w:val="nothing"/></w:lvl></w:lvlOverride>',
            ),
        },
    )
    paras = [
        para("甲", num=1),
        para("乙", num=2),
        para("丙", num=3),
        para("丁", num=3),
        para("戊", num=4),
    ]
    assert lines(make_docx(paras, numbering_xml=xml)) == [
        "一、甲",
        "二、乙",
        "一、丙",
        "二、丁",
        "３．戊",
    ]


def test_style_carries_numbering_through_based_on_and_num_id_zero_removes_it() -> None:
    levels = [
        level(0, "ideographTraditional", "%1、", style="Part", suffix="nothing"),
        level(1, "decimal", "%1.%2", style="Point", suffix="space"),
    ]
    styles = [
        style("Part", "部分标题", '<w:numPr><w:numId w:val="7"/></w:numPr>'),
        style("Point", "要点", '<w:numPr><w:ilvl w:val="1"/><w:numId w:val="7"/></w:numPr>'),
        style("PointRed", "要点红", "", based_on="Point"),
    ]
    paras = [
        para("总体要求", style="Part"),
        para("目标", style="Point"),
        para("原则", style="PointRed"),
        para("不编号", style="Point", extra_ppr='<w:numPr><w:numId w:val="0"/></w:numPr>'),
        para("主要任务", style="Part"),
        para("任务", style="PointRed"),
    ]
    xml = numbering({5: levels}, {7: (5, "")})
    got = lines(make_docx(paras, numbering_xml=xml, styles=styles))
    # %1 in level 2 shows level 1's counter in level 1's format, as Word does.
    assert got == ["甲、总体要求", "甲.1 目标", "甲.2 原则", "不编号", "乙、主要任务", "乙.1 任务"]


def test_heading_styles_and_outline_levels_are_hints() -> None:
    styles = [style("Heading2", "heading 2"), style("BT1", "标题 1")]
    paras = [
        para("一级", style="BT1"),
        para("二级", style="Heading2"),
        para("正文"),
        para("大纲", extra_ppr='<w:outlineLvl w:val="2"/>'),
    ]
    reading = read_docx(make_docx(paras, styles=styles))
    assert [(reading.text[h.start : h.end], h.level) for h in reading.hints] == [
        ("一级", 1),
        ("二级", 2),
        ("大纲", 3),
    ]


def test_tables_fields_breaks_tabs_and_revisions() -> None:
    field = (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> DATE \\@ "yyyy年M月d日" </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        + run("2025年3月8日")
        + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )
    table = (
        "<w:tbl><w:tr><w:tc>" + para("左上") + "</w:tc><w:tc>" + para("右上") + "</w:tc></w:tr>"
        "<w:tr><w:tc>" + para("左下") + "</w:tc><w:tc>" + para("右下") + "</w:tc></w:tr></w:tbl>"
    )
    paras = [
        para([run("日期："), field]),
        table,
        para([run("第一行"), "<w:r><w:br/></w:r>", run("第二行")]),
        para([run("甲"), "<w:r><w:tab/></w:r>", run("乙")]),
        para(
            [
                run("保留"),
                '<w:del w:id="1"><w:r><w:delText>删去</w:delText></w:r></w:del>',
                '<w:ins w:id="2">' + run("插入") + "</w:ins>",
            ]
        ),
        para([run("看得见"), "<w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r>"]),
        "<w:sdt><w:sdtContent>" + para("控件里的段落") + "</w:sdtContent></w:sdt>",
    ]
    assert lines(make_docx(paras)) == [
        "日期：2025年3月8日", "左上", "右上", "左下", "右下", "第一行", "第二行", "甲\t乙", "保留插入", "看得见", "控件里的段落",
    ]  # fmt: skip


def test_headers_footers_footnotes_and_comments_are_never_body() -> None:
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    parts = {
        "word/header1.xml": f"<w:hdr {w}>{para('页眉：柳岸镇人民政府')}</w:hdr>",
        "word/footer1.xml": f"<w:ftr {w}>{para('第 1 页')}</w:ftr>",
        "word/footnotes.xml": f"<w:footnotes {w}><w:footnote w:id='1'>{para('脚注文字')}</w:footnote></w:footnotes>",
        "word/comments.xml": f"<w:comments {w}><w:comment w:id='0'>{para('批注：再改改')}</w:comment></w:comments>",
    }
    body = para([run("正文一句"), '<w:r><w:footnoteReference w:id="1"/></w:r>'])
    text = read_docx(make_docx([body], extra_parts=parts)).text
    assert text == "正文一句\n"


def test_core_title_is_a_title_candidate() -> None:
    core = (
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>推进会讲话</dc:title></cp:coreProperties>'
    )
    doc = speechparse.parse_bytes(
        make_docx([para("正文")], extra_parts={"docProps/core.xml": core})
    )
    assert doc.input.title_candidates == ("推进会讲话",)


def test_format_is_chosen_by_content_not_name() -> None:
    assert sniff(speech_docx(), "speech.txt") == "docx"
    assert sniff("一、标题\n".encode(), "speech.docx") == "text"


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, ".doc"),
        (b"{\\rtf1\\ansi hello}", "RTF"),
    ],
)
def test_unsupported_formats_name_a_way_to_convert(data: bytes, says: str) -> None:
    with pytest.raises(UnsupportedFormatError) as info:
        speechparse.parse_bytes(data, name="old.doc")
    message = str(info.value)
    assert says in message and "soffice" in message and "\n" not in message


def test_other_zip_packages_are_unsupported() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("content.xml", "<office/>")
    with pytest.raises(UnsupportedFormatError, match="OpenDocument"):
        speechparse.parse_bytes(buffer.getvalue(), name="a.odt")


def test_broken_docx_is_a_decode_error() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("word/document.xml", "<w:document><w:body>")
    with pytest.raises(DecodeError, match=r"broken \.docx"):
        speechparse.parse_bytes(buffer.getvalue(), name="bad.docx")


def test_legal_numbering_shows_every_level_in_decimal() -> None:
    legal = '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:isLgl/><w:suff w:val="nothing"/><w:lvlText w:val="%1.%2 "/></w:lvl>'
    got = _numbered(
        [level(0, "chineseCounting", "第%1章", suffix="nothing"), legal], [("总则", 0), ("目的", 1)]
    )
    assert got == ["第一章总则", "1.1 目的"]


@pytest.mark.parametrize(
    ("value", "fmt", "shown"),
    [
        (10, "chineseCounting", "十"),
        (21, "chineseCounting", "二十一"),
        (101, "chineseCounting", "一〇一"),
        (105, "chineseCountingThousand", "一百零五"),
        (1010, "chineseCountingThousand", "一千零一十"),
        (12, "chineseLegalSimplified", "壹拾贰"),
        (11, "ideographTraditional", "甲"),
        (3, "ideographZodiac", "寅"),
        (20, "decimalEnclosedCircle", "⑳"),
        (21, "decimalEnclosedCircle", "21"),
        (2, "decimalEnclosedParen", "⑵"),
        (12, "decimalFullWidth", "１２"),
        (14, "upperRoman", "XIV"),
        (28, "lowerLetter", "bb"),
        (2025, "ideographDigital", "二〇二五"),
        (4, "bullet", ""),
        (7, "someFutureFormat", "7"),
    ],
)
def test_number_formats(value: int, fmt: str, shown: str) -> None:
    from speechparse.formats.numformat import format_number

    assert format_number(value, fmt) == shown


def test_cli_outline_of_a_docx_and_one_line_error_for_a_doc(tmp_path: Path) -> None:
    import json
    import subprocess
    import sys

    docx = tmp_path / "speech.docx"
    docx.write_bytes(speech_docx())
    out = subprocess.run(
        [sys.executable, "-m", "speechparse.apps.cli", "outline", str(docx)],
        capture_output=True,
        check=False,
    )
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["sections"][2]["heading"] == "压实责任，确保各项任务落地见效"
    doc = tmp_path / "old.doc"
    doc.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    bad = subprocess.run(
        [sys.executable, "-m", "speechparse.apps.cli", "outline", str(doc)],
        capture_output=True,
        check=False,
    )
    assert bad.returncode == 4 and bad.stdout == b""
    assert bad.stderr.decode().count("\n") == 1 and "soffice" in bad.stderr.decode()


def test_missing_extra_is_one_line_naming_it(tmp_path: Path) -> None:
    """With lxml unimportable (as when the extra is not installed) the error names the extra."""
    import subprocess
    import sys

    docx = tmp_path / "speech.docx"
    docx.write_bytes(speech_docx())
    code = (
        "import sys; sys.modules['lxml'] = None\n"
        "from speechparse.apps.cli import main\n"
        f"main(['outline', {str(docx)!r}])\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, check=False)
    err = out.stderr.decode()
    assert out.returncode == 8, err
    assert err.count("\n") == 1 and "pip install 'speechparse[docx]'" in err


def test_text_boxes_are_not_read_into_the_line() -> None:
    box = (
        '<w:r><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
        "<mc:Choice Requires='wps'><w:drawing><w:txbxContent>"
        + para("框里的字")
        + "</w:txbxContent></w:drawing></mc:Choice>"
        "<mc:Fallback><w:pict><w:txbxContent>"
        + para("框里的字")
        + "</w:txbxContent></w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r>"
    )
    assert lines(make_docx([para([run("正文"), box, run("继续")])])) == ["正文继续"]


def test_a_definition_linked_to_a_numbering_style_takes_its_levels() -> None:
    levels = [level(0, "chineseCounting", "第%1条", suffix="space")]
    xml = numbering({0: levels}, {1: (0, ""), 2: (9, "")}).replace(
        "</w:numbering>",
        '<w:abstractNum w:abstractNumId="9"><w:numStyleLink w:val="Articles"/></w:abstractNum></w:numbering>',
    )
    styles = [style("Articles", "条款编号", '<w:numPr><w:numId w:val="1"/></w:numPr>')]
    paras = [para("总则", num=2, ilvl=0), para("适用范围", num=2, ilvl=0)]
    assert lines(make_docx(paras, numbering_xml=xml, styles=styles)) == [
        "第一条 总则",
        "第二条 适用范围",
    ]
