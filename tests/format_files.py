"""Real .docx, HTML and PDF files, written by the tests themselves.

Every file is made from parts we write (``numbering.xml`` by hand, so each
numbering rule is exercised exactly; PDFs by reportlab with its built-in
STSong-Light CID font), never from a corpus document.  The speech is
invented; ``SPEECH_TEXT`` is its plain-text version, and each format's
version must give the same outline.
"""

from __future__ import annotations

import io
import zipfile
from xml.sax.saxutils import escape

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

TITLE = "在柳岸镇乡村振兴工作推进会上的讲话"
SALUTATION = "同志们："
OPENING = "今天召开这次会议，主要是总结前段工作，部署下步任务。下面，我讲三点意见。"
SECTIONS: list[tuple[str, list[tuple[str, str]]]] = [
    (
        "提高站位，切实增强做好乡村振兴工作的责任感",
        [
            ("认清形势", "当前全镇产业基础还不牢，群众增收渠道还不宽，必须保持清醒。"),
            ("找准差距", "对照先进镇街，我们在项目引进、人才回流上差距明显。"),
        ],
    ),
    (
        "突出重点，扎实推进产业人才文化协同发展",
        [
            ("做强特色产业", "围绕莲藕和茶叶两个品牌，建设加工园区，延长产业链条。"),
            ("用好本土人才", "建立返乡青年名录，每村至少培养两名致富带头人。"),
        ],
    ),
    (
        "压实责任，确保各项任务落地见效",
        [
            ("明确分工", "班子成员包村包项目，每月到村不少于四次。"),
            ("强化督查", "镇纪委每季度开展一次专项督查，结果纳入年度考核。"),
        ],
    ),
]
CLOSING = "同志们，任务艰巨，使命光荣。让我们以更加昂扬的斗志，奋力开创柳岸镇乡村振兴新局面！"

_CN = "一二三四五六七八九十"


def speech_text() -> str:
    """The plain-text version, numbered by hand as a typist would."""
    lines = [TITLE, SALUTATION, OPENING]
    for k, (heading, subs) in enumerate(SECTIONS):
        lines.append(f"{_CN[k]}、{heading}")
        for j, (sub, body) in enumerate(subs):
            lines.append(f"（{_CN[j]}）{sub}。{body}")
    lines.append(CLOSING)
    return "\n".join(lines) + "\n"


# -- .docx -------------------------------------------------------------------

_CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
</Types>"""

_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>"""


def run(text: str) -> str:
    """A run holding ``text``."""
    return f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def para(
    body: str | list[str],
    *,
    num: int | None = None,
    ilvl: int | None = None,
    style: str | None = None,
    extra_ppr: str = "",
) -> str:
    """A ``w:p``: ``body`` is text (one run) or ready-made run XML pieces."""
    ppr = ""
    if style:
        ppr += f'<w:pStyle w:val="{style}"/>'
    if num is not None or ilvl is not None:
        ppr += "<w:numPr>"
        if ilvl is not None:
            ppr += f'<w:ilvl w:val="{ilvl}"/>'
        if num is not None:
            ppr += f'<w:numId w:val="{num}"/>'
        ppr += "</w:numPr>"
    ppr += extra_ppr
    runs = run(body) if isinstance(body, str) else "".join(body)
    return f"<w:p><w:pPr>{ppr}</w:pPr>{runs}</w:p>" if ppr else f"<w:p>{runs}</w:p>"


def level(
    ilvl: int,
    fmt: str,
    text: str,
    *,
    start: int = 1,
    restart: int | None = None,
    style: str | None = None,
    suffix: str | None = None,
) -> str:
    """A ``w:lvl`` of an abstract numbering definition."""
    parts = [f'<w:start w:val="{start}"/>', f'<w:numFmt w:val="{fmt}"/>']
    if restart is not None:
        parts.append(f'<w:lvlRestart w:val="{restart}"/>')
    if style:
        parts.append(f'<w:pStyle w:val="{style}"/>')
    if suffix:
        parts.append(f'<w:suff w:val="{suffix}"/>')
    parts.append(f'<w:lvlText w:val="{escape(text)}"/>')
    return f'<w:lvl w:ilvl="{ilvl}">{"".join(parts)}</w:lvl>'


def numbering(abstracts: dict[int, list[str]], nums: dict[int, tuple[int, str]]) -> str:
    """``numbering.xml``: abstract definitions by id, then ``w:num`` → (abstract, overrides XML)."""
    out = [f'<w:numbering xmlns:w="{W_NS}">']
    for aid, levels in abstracts.items():
        out.append(f'<w:abstractNum w:abstractNumId="{aid}">{"".join(levels)}</w:abstractNum>')
    for nid, (aid, overrides) in nums.items():
        out.append(f'<w:num w:numId="{nid}"><w:abstractNumId w:val="{aid}"/>{overrides}</w:num>')
    out.append("</w:numbering>")
    return "".join(out)


def style(sid: str, name: str, ppr: str = "", based_on: str | None = None) -> str:
    """A paragraph ``w:style``."""
    based = f'<w:basedOn w:val="{based_on}"/>' if based_on else ""
    return (
        f'<w:style w:type="paragraph" w:styleId="{sid}"><w:name w:val="{name}"/>{based}'
        f"<w:pPr>{ppr}</w:pPr></w:style>"
    )


def make_docx(
    paragraphs: list[str],
    *,
    numbering_xml: str | None = None,
    styles: list[str] = (),  # type: ignore[assignment]
    extra_parts: dict[str, str] | None = None,
) -> bytes:
    """A .docx package holding ``paragraphs`` (``w:p``/``w:tbl`` XML) and the given parts."""
    body = "".join(paragraphs)
    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:document xmlns:w="{W_NS}"><w:body>{body}<w:sectPr/></w:body></w:document>'
    )
    parts = {
        "[Content_Types].xml": _CONTENT_TYPES,
        "_rels/.rels": _RELS,
        "word/document.xml": document,
    }
    if numbering_xml is not None:
        parts["word/numbering.xml"] = numbering_xml
    if styles:
        parts["word/styles.xml"] = f'<w:styles xmlns:w="{W_NS}">{"".join(styles)}</w:styles>'
    parts.update(extra_parts or {})
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for part, xml in parts.items():
            # A fixed date, so the same parts always make the same bytes.
            info = zipfile.ZipInfo(part, date_time=(2025, 3, 8, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, xml)
    return buffer.getvalue()


def speech_docx() -> bytes:
    """The speech as Word keeps it: no number in the text, all of them automatic.

    Level 1 (一、) comes from the style 一级标题, which carries the numbering;
    level 2 (（一）) from each paragraph's own ``numPr``; it restarts under
    every new level-1 heading because a higher level occurred.
    """
    levels = [
        level(0, "chineseCounting", "%1、", style="H1", suffix="nothing"),
        level(1, "chineseCounting", "（%2）", suffix="nothing"),
    ]
    paragraphs = [para(TITLE, style="Title"), para(SALUTATION), para(OPENING)]
    for heading, subs in SECTIONS:
        paragraphs.append(para(heading, style="H1"))
        for sub, body in subs:
            paragraphs.append(para([run(f"{sub}。"), run(body)], num=1, ilvl=1))
    paragraphs.append(para(CLOSING))
    return make_docx(
        paragraphs,
        numbering_xml=numbering({0: levels}, {1: (0, "")}),
        styles=[
            style("Title", "Title"),
            style(
                "H1", "一级标题", '<w:numPr><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="0"/>'
            ),
        ],
    )


# -- HTML --------------------------------------------------------------------


def speech_html(*, charset: str = "gbk", breaks: bool = False) -> bytes:
    """The speech on an invented material site's page, encoded as the page declares.

    Around it: a login bar, navigation, a breadcrumb, a meta line, related
    links, an ad and a footer.  ``breaks=True`` writes the body the way many
    sites do, as one ``<div>`` with ``<br>`` between the lines.
    """
    body_lines = speech_text().splitlines()[1:]
    if breaks:
        body = "<div class='content'>" + "<br>\n".join(escape(x) for x in body_lines) + "</div>"
    else:
        body = "".join(
            f"<h2>{escape(x)}</h2>" if x[:2] in ("一、", "二、", "三、") else f"<p>{escape(x)}</p>"
            for x in body_lines
        )
        body = f"<div class='content'>{body}</div>"
    meta = (
        f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">'
        if charset != "utf-8"
        else '<meta charset="utf-8">'
    )
    page = f"""<!DOCTYPE html>
<html><head>{meta}<title>{TITLE}_讲话稿_青禾素材网</title></head><body>
<div class="topbar"><a href="/login">登录</a> | <a href="/reg">免费注册</a> | 会员中心</div>
<nav><ul><li><a href="/">首页</a></li><li><a href="/jh/">讲话稿</a></li><li><a href="/xd/">心得体会</a></li><li><a href="/bg/">工作报告</a></li></ul></nav>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/jh/">讲话稿</a> &gt; 正文</div>
<article><h1>{TITLE}</h1><div class="info">发布时间：2025-03-08 来源：网友投稿 阅读：1234次</div>
{body}
</article>
<div class="ad">开通VIP会员，全站文章免费下载！客服QQ：10001000</div>
<div class="related"><h3>相关推荐</h3><ul><li><a href="/jh/1.html">镇长在全镇经济工作会议上的讲话</a></li><li><a href="/xd/2.html">乡村振兴学习心得体会三篇</a></li></ul></div>
<footer><p>Copyright 2025 青禾素材网 版权所有</p><p>备案号：青ICP备12345678号</p></footer>
</body></html>"""
    return page.encode(charset)


# -- PDF ---------------------------------------------------------------------


def speech_pdf(*, width: int = 30, per_page: int = 16, furniture: bool = True) -> bytes:
    """The speech typeset by reportlab in STSong-Light, hard-wrapped at ``width`` characters.

    Every page gets a running header (the office's name) and a ``- n -``
    footer when ``furniture`` is set; ``per_page`` lines of text fit a page,
    so paragraphs break across pages.
    """
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, invariant=1)
    wrapped = [
        line[k : k + width]
        for line in speech_text().splitlines()
        for k in range(0, len(line), width)
    ]
    pages = [wrapped[k : k + per_page] for k in range(0, len(wrapped), per_page)]
    for number, page in enumerate(pages, 1):
        if furniture:
            pdf.setFont("STSong-Light", 9)
            pdf.drawString(72, 800, "柳岸镇人民政府办公室")
        pdf.setFont("STSong-Light", 12)
        for k, line in enumerate(page):
            pdf.drawString(72, 760 - 40 * k, line)
        if furniture:
            pdf.setFont("STSong-Light", 9)
            pdf.drawString(280, 40, f"- {number} -")
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def blank_pdf() -> bytes:
    """Two pages with a drawing and no text, as a scan without OCR looks to a reader."""
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, invariant=1)
    for _ in range(2):
        pdf.rect(72, 72, 400, 600, fill=1)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()
