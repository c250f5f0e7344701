"""One test per parsing rule of the accuracy issue, on documents written here.

Each document is invented for the rule it exercises (names, places and sites
are made up); the real corpus is scored separately in test_corpus_score.py.
"""

from __future__ import annotations

from typing import Any

import speechparse
from speechparse import Document


def flat(doc: Document) -> list[tuple[int, str, str]]:
    """(level, marker, heading) of every section in document order."""
    return [(s.level, s.marker, s.heading) for s in doc.iter_sections()]


def codes(doc: Document) -> list[str]:
    return [d.code for d in doc.diagnostics]


def paragraphs(doc: Document) -> list[Any]:
    out = list(doc.preamble)
    for s in doc.iter_sections():
        out.extend(s.paragraphs)
    return out


def test_levels_follow_order_of_appearance_not_a_fixed_table() -> None:
    """一、 then 1. with no （一）: the arabic style is level 2."""
    doc = speechparse.parse(
        "关于乡村振兴的调研报告\n一、基本情况\n1.人口结构。正文。\n2.产业现状。正文。\n二、对策建议\n1.补齐短板\n"
    )
    assert flat(doc) == [
        (1, "一、", "基本情况"),
        (2, "1.", "人口结构"),
        (2, "2.", "产业现状"),
        (1, "二、", "对策建议"),
        (2, "1.", "补齐短板"),
    ]
    assert doc.sections[0].children[0].paragraphs[0].text == "正文。"


def test_document_starting_at_paren_numbering_has_it_as_level_one() -> None:
    doc = speechparse.parse("学习心得\n（一）提高站位\n正文\n（二）强化担当\n正文\n")
    assert flat(doc) == [(1, "（一）", "提高站位"), (1, "（二）", "强化担当")]


def test_four_levels_and_circled_numbers() -> None:
    doc = speechparse.parse(
        "工作要点\n一、总体要求\n（一）指导思想\n1.坚持稳中求进\n（1）稳增长\n①抓项目\n②抓投资\n"
    )
    assert [lvl for lvl, _, _ in flat(doc)] == [1, 2, 3, 4, 5, 5]
    assert [s.number for s in doc.iter_sections()] == [1, 1, 1, 1, 1, 2]


def test_parts_and_chapters_nest() -> None:
    doc = speechparse.parse(
        "发展规划纲要\n第一部分 总体战略\n第一章 指导思想\n（一）思路\n正文\n第二章 目标\n（二）目标\n第二部分 任务\n第三章 学前教育\n（三）普及\n"
    )
    assert flat(doc) == [
        (1, "第一部分", "总体战略"),
        (2, "第一章", "指导思想"),
        (3, "（一）", "思路"),
        (2, "第二章", "目标"),
        (3, "（二）", "目标"),
        (1, "第二部分", "任务"),
        (2, "第三章", "学前教育"),
        (3, "（三）", "普及"),
    ]


def test_bare_numeral_alone_on_a_line_is_a_section_with_empty_heading() -> None:
    doc = speechparse.parse("漫谈读书\n一\n读书要有恒心。\n二\n读书要讲方法。\n")
    assert flat(doc) == [(1, "一", ""), (1, "二", "")]
    assert doc.sections[1].paragraphs[0].text == "读书要讲方法。"


def test_numbering_gap_and_repeat_become_diagnostics_not_levels() -> None:
    doc = speechparse.parse("讲话\n一、甲\n二、乙\n四、丁\n四、戊\n")
    assert [s.level for s in doc.sections] == [1, 1, 1, 1]
    assert codes(doc) == ["numbering-gap", "numbering-repeat"]
    gap = doc.diagnostics[0]
    assert doc.source[gap.span[0] : gap.span[1]] == "四、"


def test_marker_that_continues_no_sequence_is_text() -> None:
    """A 3. inside a section with no 1. before it is not promoted."""
    doc = speechparse.parse("讲话\n一、总体情况\n3.5亿元的投入已经到位。\n3、这一点前面说过。\n")
    assert flat(doc) == [(1, "一、", "总体情况")]
    assert len(doc.sections[0].paragraphs) == 2


def test_numbering_continues_across_parents() -> None:
    doc = speechparse.parse("纲要\n第一章 甲\n（一）子一\n（二）子二\n第二章 乙\n（三）子三\n")
    assert [s.marker for s in doc.iter_sections()] == [
        "第一章",
        "（一）",
        "（二）",
        "第二章",
        "（三）",
    ]
    assert doc.sections[1].children[0].level == 2


def test_dates_and_cross_references_are_not_sections() -> None:
    doc = speechparse.parse("讲话\n一九九八年，我们遇到了洪水。\n1.2.3的规定仍然有效。\n")
    assert flat(doc) == []


def test_points_are_paragraph_points_not_sections() -> None:
    doc = speechparse.parse(
        "表态发言\n我表三点态：一是加强学习；二是改进作风；三是狠抓落实。\n第一，要讲政治。首先，要统一思想。\n"
    )
    assert flat(doc) == []
    first, second = paragraphs(doc)
    assert [p.marker for p in first.points] == ["一是", "二是", "三是"]
    assert [p.number for p in first.points] == [1, 2, 3]
    assert [p.marker for p in second.points] == ["第一", "首先"]
    for p in first.points:
        assert doc.source[p.span[0] : p.span[1]] == p.marker


def test_page_numbers_are_noise() -> None:
    doc = speechparse.parse("讲话\n一、甲\n正文一\n- 2 -\n第3页 共5页\n正文二\n")
    assert [n.kind for n in doc.noise] == ["page_number", "page_number"]
    assert [p.text for p in doc.sections[0].paragraphs] == ["正文一", "正文二"]


def test_repeated_short_lines_are_watermarks() -> None:
    mark = "青禾文库 qinghe.example"
    body = "\n".join(f"第{i}段正文内容，讲得很实在。\n{mark}" for i in range(4))
    doc = speechparse.parse(f"心得体会\n{body}\n")
    assert [n.kind for n in doc.noise] == ["watermark"] * 4
    assert all(mark not in p.text for p in paragraphs(doc))


def test_web_meta_header_before_own_title() -> None:
    doc = speechparse.parse(
        "校长讲话稿（转载）\n文章来源：本站 作者：佚名 发布时间：2024年03月01日 点击数：12\n"
        "在春季开学典礼上的讲话\n（2024年2月26日）\n同学们：\n新学期开始了。\n"
    )
    assert doc.title is not None
    assert doc.title.text == "在春季开学典礼上的讲话"
    assert [b.text for b in doc.title.bylines] == ["（2024年2月26日）"]
    assert {n.kind for n in doc.noise} == {"header", "meta"}


def test_page_title_is_the_title_when_document_states_none() -> None:
    doc = speechparse.parse(
        "读书分享会发言\n发布时间：2024-04-23 浏览次数：88\n各位同事：\n今天我想分享一本书。\n"
    )
    assert doc.title is not None and doc.title.text == "读书分享会发言"


def test_title_over_two_lines_before_subtitle() -> None:
    doc = speechparse.parse(
        "守正创新担使命\n凝心聚力谱新篇\n——在青禾县年度工作会上的讲话\n同志们：\n正文。\n"
    )
    assert doc.title is not None
    assert doc.title.text == "守正创新担使命 凝心聚力谱新篇"
    assert doc.title.subtitle is not None
    assert doc.title.subtitle.text == "在青禾县年度工作会上的讲话"


def test_title_glued_to_its_date_in_collapsed_text() -> None:
    body = "\u3000\u3000".join(
        ["今天我们开会，研究部署工作。" * 20, "一、关于形势。" + "形势很好。" * 40]
    )
    doc = speechparse.parse(f"在全县工作会议上的讲话（2024年1月5日）张明\u3000\u3000{body}")
    assert doc.title is not None and doc.title.text == "在全县工作会议上的讲话"
    assert [b.text for b in doc.title.bylines] == ["（2024年1月5日）", "张明"]
    assert flat(doc) == [(1, "一、", "关于形势")]


def test_collapsed_line_breaks_are_resegmented() -> None:
    para = "我们要坚持问题导向，把工作做细做实。" * 12
    text = f"同志们：{para}下面我讲两点。一、统一思想认识{para}二、狠抓工作落实。{para}"
    doc = speechparse.parse(text)
    assert doc.title is None
    assert flat(doc) == [
        (1, "一、", "统一思想认识我们要坚持问题导向，把工作做细做实"),
        (1, "二、", "狠抓工作落实"),
    ]


def test_marker_mid_sentence_in_collapsed_text_stays_text() -> None:
    para = "我们要坚持问题导向，把工作做细做实。" * 40
    doc = speechparse.parse(f"同志们：{para}我们要做到一、二、三点要求。{para}")
    assert flat(doc) == []


def test_hard_wrapped_lines_are_rejoined() -> None:
    sentence = "各级干部要把心思和精力用在干事创业上，坚持实事求是，一切从实际出发。"
    heading = "一、转变作风要从我做起，从现在做起，从小事做起。正文开头，"
    width = 20
    flowing = heading + sentence * 4
    wrapped = [flowing[i : i + width] for i in range(0, len(flowing), width)]
    doc = speechparse.parse("关于作风建设的几点思考\n" + "\n".join(wrapped) + "\n")
    assert flat(doc) == [(1, "一、", "转变作风要从我做起，从现在做起，从小事做起")]
    texts = [p.text for p in paragraphs(doc)]
    assert any(sentence in t for t in texts)


def test_hard_wrap_at_the_shortest_width_counts_lines_one_shorter() -> None:
    """Wrapped at 15 with lines of 14 between: the 14s count toward the width as well."""
    a = "我们要坚持学习理论知识不断提高"  # 15 characters
    b = a[:-1]  # 14
    doc = speechparse.parse("\n".join([a, b, a, b, a, "结束了。"]) + "\n")
    assert doc.title is None
    assert [p.text for p in doc.preamble] == [a + b + a + b + a + "结束了。"]


def test_subtitle_only_directly_after_title() -> None:
    doc = speechparse.parse("述职报告\n一、工作回顾\n——抓党建，促发展\n正文\n")
    assert doc.title is not None and doc.title.subtitle is None
    assert [p.text for p in doc.sections[0].paragraphs][0] == "——抓党建，促发展"


def test_no_title_when_document_opens_with_salutation() -> None:
    doc = speechparse.parse("同志们：\n今天召开会议。\n一、形势\n")
    assert doc.title is None
    assert doc.preamble[0].kind == "salutation"


def test_masks_are_annotations_and_unmask_touches_clean_text_only() -> None:
    text = "D员学习心得\n作为一名共产D人，要听D话、跟D走。XX同志和×××同志发了言。\n"
    doc = speechparse.parse(text)
    assert [m.kind for m in doc.masks] == ["party"] * 4 + ["placeholder"] * 2
    assert "D员" in doc.to_text() and doc.to_source() == text
    clean = speechparse.parse(text, unmask=True)
    assert clean.title is not None and clean.title.text == "党员学习心得"
    assert "共产党人" in clean.to_text() and "XX同志" in clean.to_text()
    assert clean.to_source() == text


def test_variant_punctuation_half_width_parens_and_full_width_digits() -> None:
    doc = speechparse.parse(
        "工作总结\n一、成绩\n(一)抓学习\n(二)抓落实\n二、打算\n１．再学习\n２．再落实\n"
    )
    assert flat(doc) == [
        (1, "一、", "成绩"),
        (2, "(一)", "抓学习"),
        (2, "(二)", "抓落实"),
        (1, "二、", "打算"),
        (2, "１．", "再学习"),
        (2, "２．", "再落实"),
    ]
    assert doc.sections[1].children[1].number == 2


def test_traditional_characters_parse_without_conversion() -> None:
    text = "學習心得：堅定信念\n一、提高認識。我們要認真學習。\n二、轉變作風\n謝謝大家！\n"
    doc = speechparse.parse(text)
    assert doc.title is not None and doc.title.genre == "學習心得"
    assert flat(doc) == [(1, "一、", "提高認識"), (1, "二、", "轉變作風")]
    assert [t.kind for t in doc.trailer] == ["closing"]


def test_table_of_contents_is_noise() -> None:
    doc = speechparse.parse(
        "规划纲要\n目  录\n第一章 总则...... 1\n第二章 目标...... 3\n第一章 总则\n正文\n第二章 目标\n正文\n"
    )
    assert [s.heading for s in doc.sections] == ["总则", "目标"]
    assert [n.kind for n in doc.noise] == ["toc", "toc", "toc"]


def test_closing_words_alone_are_not_a_title() -> None:
    doc = speechparse.parse("谢谢大家！\n")
    assert doc.title is None
    assert [t.kind for t in doc.trailer] == ["closing"]


def test_paywall_prose_lines_are_noise() -> None:
    doc = speechparse.parse(
        "讲话\n一、甲\n正文。\n（未完，全文共3200字）\n点击下载全文\n登录后查看全文\n剩余1200字\n"
    )
    assert [n.kind for n in doc.noise] == ["paywall"] * 4
    assert [p.text for p in doc.sections[0].paragraphs] == ["正文。"]


def test_arabic_marker_with_dun_before_a_digit() -> None:
    """1、 stays a marker before a digit (1、1-4月…); 1.5 is a decimal, not a marker."""
    doc = speechparse.parse(
        "经济运行情况\n1、1-4月经济运行平稳\n正文。\n2、2季度工业回升\n1.5倍的增速。\n"
    )
    assert flat(doc) == [(1, "1、", "1-4月经济运行平稳"), (1, "2、", "2季度工业回升")]


def test_a_page_starting_inside_a_section_keeps_the_top_level_that_follows() -> None:
    """Page 2 of an article opens with （二）（三）; 二、 with its own （一） is level 1."""
    doc = speechparse.parse(
        "在全镇招商工作会议上的讲话（第2页）\n"
        "（二）优化服务。要推行一窗受理。\n"
        "（三）盘活存量。要清理闲置厂房。\n"
        "二、压实责任，确保落地见效\n"
        "（一）建立台账。逐项明确时限。\n"
        "（二）强化督查。定期通报进度。\n"
        "三、营造氛围\n"
        "要讲好本镇的发展故事。\n"
    )
    assert flat(doc) == [
        (2, "（二）", "优化服务"),
        (2, "（三）", "盘活存量"),
        (1, "二、", "压实责任，确保落地见效"),
        (2, "（一）", "建立台账"),
        (2, "（二）", "强化督查"),
        (1, "三、", "营造氛围"),
    ]
    assert [s.level for s in doc.sections] == [2, 2, 1, 1]


def test_a_late_start_without_a_restart_under_a_new_style_opens_nothing() -> None:
    """（二） first, then 二、 followed by （三）: no sign 二、 holds （…）, levels as met."""
    doc = speechparse.parse(
        "关于推进社区治理的汇报\n（二）完善网格。正文。\n（三）下沉力量。正文。\n（四）健全机制。正文。\n"
    )
    assert [(s.level, s.marker) for s in doc.iter_sections()] == [
        (1, "（二）"),
        (1, "（三）"),
        (1, "（四）"),
    ]


def test_a_reports_lead_in_sentence_is_never_its_title() -> None:
    """现将……报告如下： opens the body of a report; the line above it is the title."""
    doc = speechparse.parse(
        "关于二〇二四年度安全生产工作情况的报告\n县政府：\n现将有关情况报告如下：\n"
        "一、主要做法\n（一）压实责任。层层签订责任书。\n二、存在的问题\n"
    )
    assert doc.title is not None
    assert doc.title.text == "关于二〇二四年度安全生产工作情况的报告"
    assert [s.marker for s in doc.iter_sections()] == ["一、", "（一）", "二、"]


def test_a_sites_numbered_list_of_other_articles_is_not_sections() -> None:
    """猜你喜欢： and the numbered titles below it are the page's, not the speech's."""
    doc = speechparse.parse(
        "在全镇老党员座谈会上的讲话\n各位老同志：\n大家好！\n一、回顾一年工作\n二、谋划来年发展\n"
        "谢谢大家！\n猜你喜欢：\n1、在全县老干部座谈会上的讲话\n2、老党员座谈会主持词（精选3篇）\n"
        "3、2025年春节慰问讲话稿\n"
    )
    assert [s.marker for s in doc.iter_sections()] == ["一、", "二、"]
    assert [t.kind for t in doc.trailer] == ["closing"]
    assert sum(n.kind == "ad" for n in doc.noise) == 4


def test_a_list_heading_with_prose_below_is_the_speechs_own() -> None:
    """推荐阅读 followed by a paragraph is a sentence of the speech, not a site's list."""
    doc = speechparse.parse(
        "读书分享会发言稿\n一、读书的意义\n推荐阅读\n"
        "我向大家推荐三本书，这些书让我受益匪浅，也希望对大家有所启发。\n二、读书的方法\n"
    )
    assert [s.marker for s in doc.iter_sections()] == ["一、", "二、"]
    assert not any(n.kind == "ad" for n in doc.noise)


def test_a_site_name_before_its_domain_after_a_sentence_is_learnt_and_cut_elsewhere() -> None:
    """。青柳公文网 www.… teaches the name: glued before 二、 it no longer hides the marker."""
    doc = speechparse.parse(
        "在全区创建工作推进会上的讲话\n同志们：\n今天召开会议，动员全区冲刺创建。青柳公文网 www.qingliugw.com\n"
        "一、统一思想（本文来源：青柳公文网）\n创建是提升城市品位的抓手。\n"
        "青柳公文网二、突出重点\n要逐一排查背街小巷。\n"
    )
    assert [(s.marker, s.heading) for s in doc.iter_sections()] == [
        ("一、", "统一思想"),
        ("二、", "突出重点"),
    ]
    assert sum(n.kind == "watermark" for n in doc.noise) == 3


def test_a_bracketed_source_note_naming_a_site_is_a_watermark_and_another_source_is_text() -> None:
    doc = speechparse.parse(
        "关于消防安全工作的讲话\n一、认清形势（来源：松风范文网）\n"
        "全年火灾起数下降（来源：县统计局）。\n"
    )
    assert [s.heading for s in doc.iter_sections()] == ["认清形势"]
    assert "（来源：县统计局）" in doc.sections[0].paragraphs[0].text


def test_a_sites_numbered_notice_above_the_title_is_noise_not_sections() -> None:
    doc = speechparse.parse(
        "温馨提示：\n1、本站文档均由用户上传，仅供学习参考。\n2、下载前请先预览全文。\n"
        "镇2024年度安全生产工作总结\n今年以来，我镇认真落实安全生产责任。\n"
        "一、主要工作\n（一）压实责任。签订责任书。\n二、存在的问题\n"
    )
    assert doc.title is not None
    assert doc.title.text == "镇2024年度安全生产工作总结"
    assert [(s.level, s.marker) for s in doc.iter_sections()] == [
        (1, "一、"),
        (2, "（一）"),
        (1, "二、"),
    ]


def test_meta_fields_printed_on_the_title_line_are_cut_off_the_title() -> None:
    doc = speechparse.parse(
        "在全镇秋季防火工作会议上的讲话  作者：佚名  发布时间：2024-09-01  阅读：318\n"
        "同志们：\n今天召开会议，部署秋季防火工作。\n一、认清形势\n二、压实责任\n"
    )
    assert doc.title is not None
    assert doc.title.text == "在全镇秋季防火工作会议上的讲话"
    assert any(n.kind == "meta" for n in doc.noise)


def test_an_addressee_under_a_letters_title_is_not_a_rival_title() -> None:
    """全镇广大团员青年： names whom 致…的一封信 is for, as 同志们： would."""
    doc = speechparse.parse(
        "致全镇广大团员青年的一封信\n全镇广大团员青年：\n值此五四青年节之际，镇团委向大家致以节日的问候。\n"
        "一、坚定理想\n二、勇于担当\n"
    )
    assert doc.title is not None
    assert doc.title.text == "致全镇广大团员青年的一封信"


def test_a_genre_label_ending_in_a_colon_under_a_title_is_no_addressee() -> None:
    """研讨发言： under a page title is the genre half of a title, not whom it is for."""
    doc = speechparse.parse(
        "青年干部座谈会发言材料\n研讨发言：\n以实干担当书写青春答卷\n各位领导、同志们：\n"
        "很荣幸参加座谈会。\n一、在学习中坚定信念\n"
    )
    assert all(p.text != "研讨发言：" for p in paragraphs(doc) if p.kind == "salutation")
    assert [s.marker for s in doc.iter_sections()] == ["一、"]


def test_a_bracketed_category_tag_opening_the_title_is_a_decoration() -> None:
    doc = speechparse.parse(
        "【党课讲稿】以学铸魂 以学增智\n同志们：\n今天和大家交流体会。\n一、以学铸魂\n"
    )
    assert doc.title is not None
    assert doc.title.text == "以学铸魂 以学增智"
    assert any(n.kind == "decoration" for n in doc.noise)


def test_a_bracket_of_the_authors_own_words_opening_the_title_stays() -> None:
    doc = speechparse.parse(
        "【以学铸魂】主题教育专题党课\n同志们：\n今天讲一次党课。\n一、以学铸魂\n"
    )
    assert doc.title is not None
    assert doc.title.text == "【以学铸魂】主题教育专题党课"


def test_masks_in_a_title_are_kept_as_written() -> None:
    """□□□ and ○○ hide names: no site decoration, so the title keeps them."""
    doc = speechparse.parse(
        "○○县委书记在全县“□□□”专项行动推进会上的讲话\n同志们：\n今天召开推进会。\n一、取得成效\n"
    )
    assert doc.title is not None
    assert doc.title.text == "○○县委书记在全县“□□□”专项行动推进会上的讲话"


def test_the_visible_piece_of_a_compilation_page_gives_the_title() -> None:
    """Under 学党史心得体会范文（精选6篇）, 第1篇：… and 范文一：… are the piece's title lines."""
    for label in ("第1篇：", "范文一："):
        doc = speechparse.parse(
            f"学党史心得体会范文（精选6篇）\n{label}学党史 悟思想 办实事\n"
            "按照安排，我认真学习了党史。\n一、坚定理想信念\n二、践行初心使命\n"
        )
        assert doc.title is not None
        assert doc.title.text == "学党史 悟思想 办实事", label
        assert [s.marker for s in doc.iter_sections()] == ["一、", "二、"]


def test_markers_typed_with_the_stroke_for_the_enumeration_comma() -> None:
    """一丶 is 一、 typed with the stroke input methods offer beside 、."""
    doc = speechparse.parse(
        "关于作风建设的心得体会\n一丶加强学习\n（一）读原著。正文。\n二丶改进作风\n"
    )
    assert [(s.level, s.marker) for s in doc.iter_sections()] == [
        (1, "一丶"),
        (2, "（一）"),
        (1, "二丶"),
    ]


def test_words_one_character_markers_are_their_styles() -> None:
    """㈠ is （一） and ⒈ is 1., as Word's automatic numbering writes them when pasted."""
    doc = speechparse.parse(
        "在全镇安全生产会议上的讲话\n一、认清形势\n㈠压实责任。正文。\n⒈建立台账。正文。\n⒉定期通报。正文。\n"
        "㈡排查隐患。正文。\n二、抓好落实\n"
    )
    assert [(s.level, s.marker, s.number) for s in doc.iter_sections()] == [
        (1, "一、", 1),
        (2, "㈠", 1),
        (3, "⒈", 1),
        (3, "⒉", 2),
        (2, "㈡", 2),
        (1, "二、", 2),
    ]


def test_a_paragraph_indent_inside_a_heading_line_starts_its_body() -> None:
    """A scraper joined heading and paragraph: 　　 (two U+3000) is where the body starts."""
    doc = speechparse.parse(
        "青年干部读书班心得体会\n按照安排，我参加了读书班。\n"
        "一、坚定理想信念，筑牢思想之基　　理想信念是精神上的“钙”，没有理想信念就会得“软骨病”\n"
        "二、锤炼过硬本领　　本领恐慌是突出问题。\n"
    )
    assert [s.heading for s in doc.sections] == ["坚定理想信念，筑牢思想之基", "锤炼过硬本领"]
    first = doc.sections[0]
    assert first.paragraphs[0].text.startswith("理想信念是")
    assert doc.source[slice(*first.heading_span)] == "坚定理想信念，筑牢思想之基"


def test_a_pdf_wrapped_at_a_width_on_the_page_is_joined_though_figures_hold_more_characters() -> (
    None
):
    """Lines of one display width (a digit half a Han character) are one wrapped paragraph."""
    body = (
        "过去一年，全县地区生产总值完成286.5亿元、增长6.1%，一般公共\n"
        "预算收入完成18.7亿元、增长7.3%，规模以上工业增加值增长8.2%，\n"
        "城镇和农村常住居民人均可支配收入分别增长5.1%和7.2%，城乡收入\n"
        "差距持续缩小，居民消费价格指数上涨1.6%，保持在合理区间之内，\n"
        "全年实现社会消费品零售总额103.6亿元。\n"
        "（一）聚焦产业升级，着力构建现代化产业体系和具有本县特色的县\n"
        "域经济发展新格局\n"
        "全年新增规模以上工业企业23家，完成工业投资总额58.6亿元，同比\n"
        "增长12.5%。\n"
        "（二）聚焦城乡融合，着力推进和美乡村建设和城乡基本公共服务均\n"
        "等化\n"
        "全年新建改造农村公路128公里，农村自来水普及率达到99.2%，比上\n"
        "年提高0.4个百分点。\n"
    )
    doc = speechparse.parse("县政府工作报告\n" + body)
    assert [s.heading for s in doc.iter_sections()] == [
        "聚焦产业升级，着力构建现代化产业体系和具有本县特色的县域经济发展新格局",
        "聚焦城乡融合，着力推进和美乡村建设和城乡基本公共服务均等化",
    ]


def test_white_space_entities_left_in_scraped_text_are_markup() -> None:
    """&nbsp;&nbsp;一、… starts with its marker, with or without tags around it."""
    for line in (
        "&nbsp;&nbsp;一、统一思想",
        "<p>&nbsp;&nbsp;一、统一思想</p>",
        "&#12288;&#12288;一、统一思想",
    ):
        doc = speechparse.parse(
            f"在全镇干部大会上的讲话\n同志们：\n{line}\n要把思想统一到部署上来。\n"
        )
        assert [s.marker for s in doc.iter_sections()] == ["一、"], line
        assert any(n.kind == "markup" for n in doc.noise), line
    doc = speechparse.parse("关于作风建设的体会\n我们要发扬&ldquo;钉钉子&rdquo;精神。\n")
    assert "&ldquo;" in doc.preamble[0].text
