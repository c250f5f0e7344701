"""The segmentation stage: lost paragraph breaks found, hard wraps joined, watermarks cut.

Every document is invented for the phenomenon its test shows (names, places
and sites are made up).  Each parse is also checked against the document
invariants, since this stage cuts and joins spans.
"""

from __future__ import annotations

import speechparse
from invariants import check_leaves_partition, check_models, check_node_spans, flat_outline
from speechparse import Document

_PARA = "我们要坚持问题导向，把各项工作做细做实，确保取得实效。"


def parse(text: str) -> Document:
    doc = speechparse.parse(text)
    assert doc.to_source() == text
    check_leaves_partition(doc)
    check_node_spans(doc)
    check_models(doc)
    again = speechparse.parse(doc.to_text())
    assert flat_outline(again)[1] == flat_outline(doc)[1]
    return doc


def flat(doc: Document) -> list[tuple[int, str, str]]:
    return [(s.level, s.marker, s.heading) for s in doc.iter_sections()]


def texts(doc: Document) -> list[str]:
    out = [p.text for p in doc.preamble]
    for s in doc.iter_sections():
        out.extend(p.text for p in s.paragraphs)
    return out


# ------------------------------------------------------- single-space breaks


def test_single_spaces_separate_the_paragraphs_of_a_collapsed_file() -> None:
    """A file on one line whose paragraphs are joined by single spaces keeps its headings."""
    lines = [
        "在青禾县秋季农业生产工作会议上的讲话",
        "同志们：",
        "今天召开这次会议，主要任务是总结上半年工作，部署秋季农业生产。" + _PARA * 3,
        "一、认清形势",
        "今年以来，全县农业生产总体平稳。" + _PARA * 4,
        "（一）粮食生产保持稳定",
        "全县粮食播种面积稳中有增。" + _PARA * 2,
        "二、突出重点",
        "各乡镇要把秋粮收购作为当前的头等大事。" + _PARA * 3,
        "谢谢大家！",
    ]
    doc = parse(" ".join(lines))
    assert flat(doc) == [
        (1, "一、", "认清形势"),
        (2, "（一）", "粮食生产保持稳定"),
        (1, "二、", "突出重点"),
    ]
    assert doc.preamble[0].kind == "salutation"


def test_marker_after_colon_and_space_starts_a_paragraph_but_not_after_colon_alone() -> None:
    """README: a marker directly after a colon is text; after a colon and a space it is a start."""
    head = "同志们：今天开会，研究部署全年工作。" + _PARA * 12
    spaced = parse(f"{head}下面，我讲两点意见： 一、统一思想 {_PARA * 4}二、狠抓落实 {_PARA * 4}")
    assert flat(spaced) == [(1, "一、", "统一思想"), (1, "二、", "狠抓落实")]
    glued = parse(f"{head}下面，我讲两点意见：一、统一思想认识，{_PARA * 8}")
    assert flat(glued) == []


def test_a_space_after_a_sentence_end_before_a_marker_is_a_break() -> None:
    body = (_PARA * 14 + " ").join(["", "一、关于形势。", "二、关于任务。", "三、关于保障。"])
    doc = parse("同志们：" + body + _PARA)
    assert [s.marker for s in doc.sections] == ["一、", "二、", "三、"]


def test_stray_spaces_around_numbers_and_punctuation_are_not_breaks() -> None:
    """召开 2025 年度 and a spaced comma are inside a paragraph, whatever else the line holds."""
    para = (
        "根据县委关于召开 2026 年度专题会议的部署，我认真查摆了 5 个方面的问题 ，"
        "形成了整改清单 。" + _PARA * 12
    )
    doc = parse(para + " 一、存在的问题 " + para)
    assert flat(doc) == [(1, "一、", "存在的问题")]
    assert texts(doc)[0] == para


def test_a_line_with_a_few_stray_spaces_is_not_split_between_words() -> None:
    """Where single spaces are not the line's separator, a space between words is text."""
    para = "有时 未能在第一时间发现问题，对一些 苗头性倾向重视不够，" + _PARA * 14
    doc = parse(para + "\n一、努力方向\n今后要加强学习。\n")
    assert texts(doc)[0] == para


def test_heading_ends_at_the_space_that_ends_its_line() -> None:
    """A heading without a sentence end ends at the next break, here a single space."""
    doc = parse("同志们：" + _PARA * 12 + " 一、加强组织领导 各单位要高度重视。" + _PARA * 4)
    assert flat(doc) == [(1, "一、", "加强组织领导")]
    assert doc.sections[0].paragraphs[0].text.startswith("各单位要高度重视。")


def test_space_after_the_marker_stays_in_the_heading_line() -> None:
    doc = parse("第一部分 总体要求 " + _PARA * 14 + " 第二部分 主要任务 " + _PARA * 4)
    assert flat(doc) == [(1, "第一部分", "总体要求"), (1, "第二部分", "主要任务")]


def test_salutation_after_a_single_space_starts_the_speech() -> None:
    doc = parse("在青禾镇村级组织换届工作会议上的讲话 同志们： " + _PARA * 14)
    assert doc.title is not None
    assert doc.title.text == "在青禾镇村级组织换届工作会议上的讲话"
    assert doc.preamble[0].kind == "salutation"


def test_single_spaces_in_a_line_separated_by_space_runs_are_not_breaks() -> None:
    """A title holding single spaces stays whole where runs of spaces separate the paragraphs."""
    title = "守正创新 砥砺前行 奋力谱写乡村振兴新篇章"
    doc = parse(
        f"{title}   同志们：   {_PARA * 10}   一、坚持党建引领   {_PARA * 6}"
        f"   二、壮大集体经济   {_PARA * 6}"
    )
    assert doc.title is not None and doc.title.text == title
    assert flat(doc) == [(1, "一、", "坚持党建引领"), (1, "二、", "壮大集体经济")]


def test_table_of_contents_entries_in_a_collapsed_line_are_noise() -> None:
    toc = "目录　　第一章　总则……1　　第二章　职责……3"
    body = "第一章　总则　　" + _PARA * 10 + "　　第二章　职责　　" + _PARA * 10
    doc = parse(f"青禾县村务管理办法　　{toc}　　{body}")
    assert [s.heading for s in doc.sections] == ["总则", "职责"]
    assert [n.kind for n in doc.noise].count("toc") == 3


# ------------------------------------------------- hard wraps joined by spaces


def _pdf_lines(text: str, width: int) -> list[str]:
    return [text[i : i + width] for i in range(0, len(text), width)]


def test_pdf_lines_joined_by_single_spaces_are_rejoined_and_headings_run_across_them() -> None:
    """A PDF's wrapped lines came out joined by single spaces: equal widths betray the wraps."""
    width = 30
    intro = (
        "今天召开全镇安全生产工作会议，主要任务是贯彻落实上级会议精神，总结经验，"
        "通报情况，分析形势，部署下一步工作。会上还表彰了一批先进单位和先进个人，"
        "希望大家结合实际认真抓好落实。下面，我讲两点意见："
    )
    heading = "一、认清形势，提高认识，切实增强抓好安全生产工作的责任感和紧迫感"
    body = (
        "近期，全镇接连发生多起安全生产事故，给人民群众生命财产造成了损失，"
        "这充分说明安全生产形势异常严峻，我们的工作还不到位、还不深入、还有"
        "大量的工作要做，各村各部门必须引起高度重视，切实把责任扛在肩上。"
    )
    pdf = [*_pdf_lines(intro, width), *_pdf_lines(heading, width), *_pdf_lines(body, width)]
    doc = parse(" ".join(pdf) + "\n")
    assert [(s.marker, s.heading.replace(" ", "")) for s in doc.sections] == [("一、", heading[2:])]
    assert [t.replace(" ", "") for t in texts(doc)] == [intro, body]


def test_meta_fields_and_badge_codes_keep_their_spaces() -> None:
    """点击数： 12 and 【引证码】 QH.3.1024 hold a single space that is no paragraph break."""
    doc = parse(
        "【青禾引证码】 QH.3.1024 发布时间：2024年03月01日 点击数： 次 "
        "在青禾县春耕生产动员会上的讲话 同志们： " + " ".join([_PARA * 4] * 5)
    )
    assert doc.title is not None and doc.title.text == "在青禾县春耕生产动员会上的讲话"
    assert [n.kind for n in doc.noise][:1] == ["watermark"]
    assert doc.source[doc.noise[0].span[0] : doc.noise[0].span[1]] == "【青禾引证码】 QH.3.1024"


# ---------------------------------------------------------------- watermarks


def _noise(doc: Document, kind: str) -> list[str]:
    return [doc.source[n.span[0] : n.span[1]] for n in doc.noise if n.kind == kind]


def test_site_name_glued_before_a_marker_at_line_starts_is_cut() -> None:
    """A site-shaped prefix opening several lines is a watermark; the marker after it starts its line."""
    mark = "青禾范文学习网"
    doc = parse(
        "社区工作汇报\n"
        f"{mark}今年以来，社区围绕中心工作，扎实推进各项任务。\n"
        "1、加强党建引领。\n"
        f"{mark}社区党委坚持每月召开一次党员大会。\n"
        f"{mark}2、提升服务水平。\n"
        f"{mark}社区设立便民服务窗口，全年办理事项一千余件。\n"
    )
    assert [(s.marker, s.heading) for s in doc.sections] == [
        ("1、", "加强党建引领"),
        ("2、", "提升服务水平"),
    ]
    assert _noise(doc, "watermark") == [mark] * 4
    assert all(mark not in t for t in texts(doc))


def test_repeated_line_starts_that_are_no_site_name_stay_text() -> None:
    """Anaphora is rhetoric: three paragraphs opening 坚持以人民为中心 keep their words."""
    doc = parse(
        "学习体会\n"
        + "".join(
            f"坚持以人民为中心{w}，是我们党的根本立场。\n"
            for w in ("的发展思想", "的工作导向", "的价值追求")
        )
    )
    assert _noise(doc, "watermark") == []


def test_site_name_beside_its_domain_is_cut_wherever_it_is_glued() -> None:
    """The name seen beside a domain is a watermark after a heading and as a line of its own."""
    doc = parse(
        "在全县重点项目推进会上的讲话\n"
        "同志们：\n"
        "今天召开会议，我讲两点意见： 云栖公文站 www.yunqigw.cn\n"
        "一、加快项目建设 云栖公文站,材料写作之家\n"
        "各乡镇要倒排工期，挂图作战。\n"
        "云栖公文站,材料写作之家\n"
        "二、优化营商环境\n"
        "要持续深化放管服改革（www.yunqigw.cn）。\n"
    )
    assert [(s.marker, s.heading) for s in doc.sections] == [
        ("一、", "加快项目建设"),
        ("二、", "优化营商环境"),
    ]
    assert _noise(doc, "watermark") == [
        "云栖公文站 www.yunqigw.cn",
        "云栖公文站,材料写作之家",
        "云栖公文站,材料写作之家",
        "（www.yunqigw.cn）",
    ]
    assert texts(doc)[-1] == "要持续深化放管服改革。"


def test_a_domain_inside_a_sentence_is_text() -> None:
    doc = parse("通知\n请各单位登录www.qinghe.gov.cn填报数据。\n")
    assert _noise(doc, "watermark") == []


def test_watermarks_in_a_collapsed_line_are_cut_before_it_is_split() -> None:
    mark = "拾穗文秘网"
    paras = [
        f"{mark}{_PARA * 3}",
        "一、统一思想",
        f"{mark}{_PARA * 4}",
        f"{mark}二、压实责任",
        _PARA * 3,
    ]
    doc = parse("同志们： " + " ".join(paras))
    assert flat(doc) == [(1, "一、", "统一思想"), (1, "二、", "压实责任")]
    assert _noise(doc, "watermark") == [mark] * 3


def test_running_header_repeating_the_title_keeps_the_title() -> None:
    """A page repeats the title with its site name: the site name is cut, the title stays."""
    title = "在全镇秋季征兵工作会议上的讲话"
    lines = [title, "同志们："]
    for i in range(3):
        lines += [_PARA * 2, f"{title}  北辰文库", f"- {i + 1} -"]
    doc = parse("\n".join(lines) + "\n")
    assert doc.title is not None and doc.title.text == title


def test_running_header_title_under_a_page_blurb_keeps_the_title() -> None:
    """A PDF prints the title as its running header; a page blurb with 。 stands above it."""
    title = "在全县教育工作推进会上的讲话"
    lines = [
        "【2023年学习资料】",
        "发布时间：2023-05-06 作者：松风编辑部",
        "编者按：本期推荐的是县长在推进会上的讲话。",
        "讲话总结了一年来的工作。",
        "请各位老师认真学习。",
        title,
        "同志们：",
    ]
    for i in range(3):
        lines += [_PARA * 2, f"- {i + 1} -", title]
    doc = parse("\n".join(lines) + "\n")
    assert doc.title is not None and doc.title.text == title
    assert sum(n.kind == "watermark" for n in doc.noise) == 3


# ---------------------------------------------------------------- hard wraps


def test_a_short_hard_wrapped_document_is_rejoined() -> None:
    """Three lines of one width stopping mid-sentence, then a short one: one paragraph."""
    text = "各村要把人居环境整治作为一项长期任务来抓，坚持清垃圾、清杂物、清残垣断壁，让村庄干净整洁有序，群众满意。"
    lines = [text[i : i + 24] for i in range(0, len(text), 24)]
    assert len(lines) == 3
    doc = parse("\n".join(lines) + "\n")
    assert texts(doc) == [text]


def test_short_document_of_unequal_lines_is_not_joined() -> None:
    doc = parse(
        "学习心得体会\n我们要坚持学习，不断提高自身的理论水平和业务能力\n这是我的几点体会。\n"
    )
    assert len(texts(doc)) >= 2
