"""The line lexer: which token each line of a small input becomes.

Only the public face of the stage is used here: ``lex`` of what the reading
stage made of a text (``lex_text`` below) and the
``type`` of each piece (a BODY piece counted as the TEXT and SALUTATION lines
it holds), the kinds of the noise it sets aside and the codes of its
diagnostics.
"""

from __future__ import annotations

import pytest

from speechparse.model.nodes import Paragraph
from speechparse.reading.content import read_contents
from speechparse.reading.noise import NoiseSpan
from speechparse.structure.lexer import lex
from speechparse.structure.tokens import BodyPiece, LexResult

INDENT = "\u3000\u3000"


def lex_text(text: str) -> LexResult:
    """Read ``text`` and lex what was read, as the pipeline (api.py) does."""
    noise: list[NoiseSpan] = []
    return lex(text, read_contents(text, noise), noise)


def line_kinds(result: LexResult) -> list[str]:
    """One kind per line: the token type, or TEXT / SALUTATION inside a BODY run."""
    out: list[str] = []
    for piece in result.pieces:
        if isinstance(piece, BodyPiece):
            out.extend("TEXT" if isinstance(b, Paragraph) else "SALUTATION" for b in piece.blocks)
        else:
            out.append(piece.type)
    return out


def kinds(text: str) -> list[str]:
    """Line kinds in order."""
    return line_kinds(lex_text(text))


def noise_kinds(text: str) -> list[str]:
    """Noise kinds in source order."""
    return [n.kind for n in lex_text(text).noise]


def diagnostic_codes(text: str) -> list[str]:
    """Diagnostic codes in the order they were raised."""
    return [d.code for d in lex_text(text).diagnostics]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("", [], id="empty"),
        pytest.param("\n\u3000\n \r\n", [], id="blank-only"),
        pytest.param("关于做好值班工作的通知", ["TITLE"], id="title-only"),
        pytest.param("我们要抓好落实。", ["TEXT"], id="sentence-is-not-a-title"),
        pytest.param(
            "在全县大会上的讲话\n——在县委全会上\n（2024年3月5日）\n",
            ["TITLE", "SUBTITLE", "BYLINE"],
            id="front-matter",
        ),
        pytest.param(
            "在全县大会上的讲话\n同志们：\n" + INDENT + "今天开会。\n",
            ["TITLE", "SALUTATION", "TEXT"],
            id="salutation",
        ),
        pytest.param(
            "在全县大会上的讲话\n一、抓落实。要见实效。\n",
            ["TITLE", "H1", "TEXT"],
            id="run-in-heading",
        ),
        pytest.param(
            "在全县大会上的讲话\n一、抓落实\n" + INDENT + "要见实效。\n",
            ["TITLE", "H1", "TEXT"],
            id="own-line-heading",
        ),
        pytest.param(
            "在全县大会上的讲话\n一、甲乙\n（一）丙丁\n1.戊己\n（1）庚辛\n①壬癸\n",
            ["TITLE", "H1", "H2", "H3", "H4", "H5"],
            id="five-levels",
        ),
        pytest.param(
            "在全县大会上的讲话\n（一）甲乙\n（二）丙丁\n",
            ["TITLE", "H1", "H1"],
            id="outermost-style-is-level-one",
        ),
        pytest.param(
            "在全县大会上的讲话\n一、甲乙。正文。\n谢谢大家！\n",
            ["TITLE", "H1", "TEXT", "CLOSING"],
            id="closing",
        ),
        pytest.param(
            "关于表彰先进的决定\n" + INDENT + "希望大家再接再厉。\n青溪县人民政府\n2025年1月20日\n",
            ["TITLE", "TEXT", "SIGNATURE", "DATE"],
            id="signature-and-date",
        ),
        pytest.param(
            "在全县大会上的讲话\n" + INDENT + "正文。\n【某某素材网】海量范文，添加客服：abc123\n",
            ["TITLE", "TEXT", "AD"],
            id="trailer-ad",
        ),
        pytest.param(
            "在全县大会上的讲话\n" + INDENT + "谢谢大家！这是中间的话。\n" + INDENT + "继续讲。\n",
            ["TITLE", "TEXT", "TEXT"],
            id="thanks-mid-speech-is-text",
        ),
        pytest.param(
            "在全县大会上的讲话\n" + INDENT + "一是抓学习，二是抓落实。\n第一，要提高认识。\n",
            ["TITLE", "TEXT", "TEXT"],
            id="ordinal-words-are-not-headings",
        ),
        pytest.param(
            "在全县大会上的讲话\n" + INDENT + "要抓好一、二、三级响应的衔接。\n",
            ["TITLE", "TEXT"],
            id="marker-mid-line-is-text",
        ),
        pytest.param(
            "守护碧水的故事\n一\n" + INDENT + "正文。\n二\n" + INDENT + "正文。\n",
            ["TITLE", "H1", "TEXT", "H1", "TEXT"],
            id="bare-numeral-own-line",
        ),
    ],
)
def test_token_kinds(text: str, expected: list[str]) -> None:
    """Small inputs give the expected token kinds."""
    assert kinds(text) == expected


def test_heading_piece_fields() -> None:
    """A run-in heading piece knows its marker, number, heading and spans."""
    text = "在全县大会上的讲话\n\u3000二、 抓“落实。”工作。要见实效。\n"
    pieces = lex_text(text).pieces
    head = pieces[1]
    assert not isinstance(head, BodyPiece)
    assert head.type == "H1"
    assert head.marker == "二、"
    assert head.number == 2
    assert head.heading == "抓“落实。”工作"
    assert head.run_in is True
    assert text[slice(*head.marker_span)] == "二、"
    assert text[slice(*head.heading_span)] == "抓“落实。”工作。"
    body = pieces[2]
    assert isinstance(body, BodyPiece)
    [para] = body.blocks
    assert para.kind == "paragraph"
    assert para.text == "要见实效。"
    assert text[slice(*para.span)] == "要见实效。"


def test_paywall_marker_is_noise_not_text() -> None:
    """A paywall marker is cut out of the text and recorded as noise."""
    text = "在全县大会上的讲话\n" + INDENT + "要抓##paidbegin##落实。\n"
    result = lex_text(text)
    texts = [b.text for p in result.pieces if isinstance(p, BodyPiece) for b in p.blocks]
    assert texts == ["要抓落实。"]
    assert [(n.kind, text[n.start : n.end]) for n in result.noise] == [("paywall", "##paidbegin##")]


def test_paywall_before_marker_keeps_heading() -> None:
    """##paidbegin##一、… is still a heading."""
    assert kinds("在全县大会上的讲话\n##paidbegin##一、抓落实。正文。\n") == ["TITLE", "H1", "TEXT"]


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        pytest.param("- 3 -", "page_number", id="dash-page"),
        pytest.param("第2页 共5页", "page_number", id="page-of"),
        pytest.param("https://www.example.cn/a/1.html", "url", id="url"),
        pytest.param("##paidend##", "paywall", id="paywall-line"),
        pytest.param("扫码关注【某某素材网】公众号：abc，获取更多范文", "ad", id="ad-line"),
    ],
)
def test_noise_lines_in_body(line: str, kind: str) -> None:
    """Noise lines inside the body are set aside, never tokens."""
    text = f"在全县大会上的讲话\n{INDENT}第一段。\n{line}\n{INDENT}第二段。\n"
    assert kinds(text) == ["TITLE", "TEXT", "TEXT"]
    assert noise_kinds(text) == [kind]


def test_repeated_short_line_is_watermark() -> None:
    """A short line repeated three times through the body is a watermark."""
    text = "在全县大会上的讲话\n" + "".join(f"{INDENT}第{k}段。\n某某文库\n" for k in "一二三")
    assert kinds(text) == ["TITLE", "TEXT", "TEXT", "TEXT"]
    assert noise_kinds(text) == ["watermark"] * 3


@pytest.mark.parametrize(
    ("body", "codes"),
    [
        pytest.param("一、甲。\n二、乙。\n三、丙。\n", [], id="regular"),
        pytest.param("一、甲。\n二、乙。\n四、丁。\n", ["numbering-gap"], id="gap"),
        pytest.param("一、甲。\n二、乙。\n二、丙。\n", ["numbering-repeat"], id="repeat"),
        pytest.param(
            "一、甲。\n三、丙。\n二、乙。\n", ["numbering-gap", "numbering-restart"], id="back"
        ),
        pytest.param("二、乙。\n三、丙。\n", ["numbering-starts-late"], id="late-start"),
    ],
)
def test_numbering_diagnostics(body: str, codes: list[str]) -> None:
    """Irregular numbering is reported, and the headings are kept."""
    text = "在全县大会上的讲话\n" + body
    assert diagnostic_codes(text) == codes
    assert kinds(text).count("H1") == body.count("\n")


def test_gap_diagnostic_points_at_marker() -> None:
    """The numbering-gap diagnostic's span is the offending marker."""
    text = "在全县大会上的讲话\n一、甲。\n二、乙。\n四、丁。\n"
    (diag,) = lex_text(text).diagnostics
    assert text[slice(*diag.span)] == "四、"


def test_exhortation_is_not_a_salutation() -> None:
    """An exhortation in the body stays a paragraph."""
    text = "在开学典礼上的讲话\n同学们：\n" + INDENT + "同学们，让我们携手并进，共创美好未来！\n"
    assert kinds(text) == ["TITLE", "SALUTATION", "TEXT"]
