"""Sections decided over the whole document, one test per rule.

Marker variants, articles under chapters, raw HTML tags, tables of contents,
a site's numbered notices, numbering resumed after a paywall, compilation
labels and listing numbers at the top, cut headings at the end.  Every
document here is invented for its rule (names, towns and sites are made up).
"""

from __future__ import annotations

import speechparse
from invariants import check_leaves_partition, check_models, flat_outline
from speechparse import Document

HEAD = "在青禾镇春耕生产动员会上的讲话\n同志们：\n今天我们召开全镇春耕生产动员会。\n"


def flat(doc: Document) -> list[tuple[int, str, str]]:
    return [(s.level, s.marker, s.heading) for s in doc.iter_sections()]


def checked(text: str) -> Document:
    """Parse ``text`` and check the invariants the rules must keep."""
    doc = speechparse.parse(text)
    check_models(doc)
    check_leaves_partition(doc)
    assert doc.to_source() == text
    assert flat_outline(speechparse.parse(doc.to_text())) == flat_outline(doc)
    return doc


# ------------------------------------------------------------ marker variants


def test_tortoise_shell_brackets_are_the_parenthesised_style() -> None:
    """〔一〕 and （一） are one style: they share a level and a sequence."""
    doc = checked(
        HEAD + "一、抓好备耕\n〔一〕备足农资。要早。\n（二）修好农机。要快。\n二、抓好服务\n"
    )
    assert flat(doc) == [
        (1, "一、", "抓好备耕"),
        (2, "〔一〕", "备足农资"),
        (2, "（二）", "修好农机"),
        (1, "二、", "抓好服务"),
    ]
    assert [s.style for s in doc.iter_sections()] == ["cn_dun", "cn_paren", "cn_paren", "cn_dun"]


def test_numeral_and_full_width_comma_at_a_line_start_is_the_dun_style() -> None:
    doc = checked(HEAD + "一，抓好备耕。早谋划。\n（一）备足农资\n二，抓好服务\n")
    assert flat(doc) == [
        (1, "一，", "抓好备耕"),
        (2, "（一）", "备足农资"),
        (1, "二，", "抓好服务"),
    ]
    assert doc.sections[0].paragraphs[0].text == "早谋划。"


def test_spaces_inside_a_marker_keep_it_one_marker() -> None:
    """十 八、, （十 九） and 第 二 章: letter-spaced numerals still read as numbers."""
    lines = "".join(f"{n}、第{n}项\n" for n in "一二三四五六七八九十")
    lines += "".join(f"十{n}、第十{n}项\n" for n in "一二三四五六七")
    doc = checked(HEAD + lines + "十 八、第十八项\n（一）细则\n十\u3000九、第十九项\n")
    sections = list(doc.iter_sections())
    assert [s.number for s in sections][-3:] == [18, 1, 19]
    assert [s.marker for s in sections][-3:] == ["十 八、", "（一）", "十\u3000九、"]
    assert not doc.diagnostics
    doc = checked("规程\n第 一 章 总则\n正文。\n第 二 章 附则\n正文。\n")
    assert [(s.marker, s.number) for s in doc.sections] == [("第 一 章", 1), ("第 二 章", 2)]


def test_half_width_parentheses_under_dun_markers() -> None:
    doc = checked(HEAD + "一、抓好备耕\n(一)备足农资。要早。\n(二)修好农机\n")
    assert flat(doc) == [(1, "一、", "抓好备耕"), (2, "(一)", "备足农资"), (2, "(二)", "修好农机")]


# ----------------------------------------------------------------- articles


def test_articles_are_sections_one_level_below_their_chapter() -> None:
    doc = checked(
        "青禾镇村级财务管理办法\n第一章 总则\n第一条 为了规范村级财务管理，制定本办法。\n"
        "第二条 本办法适用于全镇各村。\n第二章 职责\n第三条 镇财政所负责指导。\n"
    )
    assert flat(doc) == [
        (1, "第一章", "总则"),
        (2, "第一条", "为了规范村级财务管理，制定本办法"),
        (2, "第二条", "本办法适用于全镇各村"),
        (1, "第二章", "职责"),
        (2, "第三条", "镇财政所负责指导"),
    ]
    assert not doc.diagnostics  # 第三条 numbers on across chapters


def test_articles_without_chapters_are_text() -> None:
    """第一条 outside a chapter is a sentence's words (第一条经验…), not an article."""
    doc = checked(HEAD + "一、总结经验\n第一条经验是抓早。\n第二条 经验是抓实。\n")
    assert flat(doc) == [(1, "一、", "总结经验")]
    assert len(doc.sections[0].paragraphs) == 2


# ------------------------------------------------------------------- markup


def test_html_tags_are_markup_and_block_tags_break_paragraphs() -> None:
    text = (
        '<p class="para">在青禾镇春耕生产动员会上的讲话</p><p class="para">同志们：</p>'
        "<p>今天召开会议。</p><p><b>一、抓好备耕</b></p><p>要早谋划。</p>"
        "<p><strong>二、</strong>抓好服务。要<span>早</span>安排。</p>\n"
    )
    doc = checked(text)
    assert doc.title is not None and doc.title.text == "在青禾镇春耕生产动员会上的讲话"
    assert flat(doc) == [(1, "一、", "抓好备耕"), (1, "二、", "抓好服务")]
    assert [p.text for p in doc.sections[1].paragraphs] == ["要早安排。"]
    assert {n.kind for n in doc.noise} == {"markup"}
    assert all(n.text.startswith("<") and n.text.endswith(">") for n in doc.noise)


def test_marker_right_after_an_inline_tag_starts_its_line() -> None:
    doc = checked(HEAD + "<b>一、抓好备耕</b>\n要早。\n<strong>（一）</strong>备足农资\n")
    assert flat(doc) == [(1, "一、", "抓好备耕"), (2, "（一）", "备足农资")]


def test_angle_brackets_in_prose_are_not_markup() -> None:
    doc = checked(HEAD + "要学习<<条例>>，做到a<b的要求。\n")
    assert not doc.noise
    assert "<<条例>>" in doc.preamble[-1].text  # type: ignore[union-attr]


def test_salutation_of_address_terms_is_not_a_title() -> None:
    doc = checked("共青团员们、青年朋友们！\n今天我们在这里集会。\n一、勇担使命\n")
    assert doc.title is None
    assert doc.preamble[0].kind == "salutation"


# ---------------------------------------------------------- table of contents


def test_contents_under_a_heading_without_page_numbers_are_noise() -> None:
    doc = checked(
        "青禾镇人居环境整治工作方案\n目录：\n一、总体要求\n二、重点任务\n三、保障措施\n"
        "一、总体要求\n以改善人居环境为目标。\n二、重点任务\n（一）垃圾治理\n三、保障措施\n"
    )
    assert flat(doc) == [
        (1, "一、", "总体要求"),
        (1, "二、", "重点任务"),
        (2, "（一）", "垃圾治理"),
        (1, "三、", "保障措施"),
    ]
    assert [n.kind for n in doc.noise] == ["toc"] * 4
    assert not doc.diagnostics


def test_title_between_contents_and_body_is_given_back() -> None:
    doc = checked(
        "提纲\n一、为什么学\n二、怎样学\n读书会交流发言\n同志们：\n"
        "我谈两点体会。\n一、为什么学\n学是为了用。\n二、怎样学\n"
    )
    assert doc.title is not None and doc.title.text == "读书会交流发言"
    assert flat(doc) == [(1, "一、", "为什么学"), (1, "二、", "怎样学")]


def test_entries_with_page_numbers_are_noise() -> None:
    doc = checked(
        "青禾镇发展规划\n第一章 总体思路  1\n第二章 主要任务  4\n第三章 保障措施  9\n"
        "第一章 总体思路\n思路要清。\n第二章 主要任务\n任务要实。\n第三章 保障措施\n保障要足。\n"
    )
    assert [s.heading for s in doc.sections] == ["总体思路", "主要任务", "保障措施"]
    assert [n.kind for n in doc.noise] == ["toc"] * 3


def test_dotted_leader_entries_inside_a_collapsed_line_are_noise() -> None:
    entries = "".join(f"第{n}章 第{n}章的题目...... {k}   " for k, n in enumerate("一二三四", 1))
    body = "".join(
        f"第{n}章 第{n}章的题目   " + "这一章的正文写得很长。" * 30 + "   " for n in "一二"
    )
    doc = checked("青禾镇发展规划   " + entries + body + "\n")
    assert [s.marker for s in doc.sections] == ["第一章", "第二章"]
    assert sum(n.kind == "toc" for n in doc.noise) == 4


def test_numbered_outline_before_the_body_without_marks_is_sections() -> None:
    doc = checked("一、存在的问题\n二、整改措施\n青禾镇班子对照检查材料\n一、存在的问题\n正文。\n")
    assert [s.marker for s in doc.sections] == ["一、", "二、", "一、"]
    assert not any(n.kind == "toc" for n in doc.noise)


# ------------------------------------------------------- site numbered notices


def test_numbered_site_notices_after_the_document_are_not_sections() -> None:
    doc = checked(
        HEAD + "一、抓好备耕\n（一）备足农资。要早。\n1.化肥要早订。\n2.种子要早买。\n"
        "1.本文由启航文稿网整理，仅供学习参考。\n2.为保护原创，本站部分文档需登录会员后下载。\n"
        "3.如本站内容侵犯了您的权益，请联系我们删除。\n首页 > 讲话稿 > 春耕\n"
    )
    assert flat(doc) == [
        (1, "一、", "抓好备耕"),
        (2, "（一）", "备足农资"),
        (3, "1.", "化肥要早订"),
        (3, "2.", "种子要早买"),
    ]
    assert [n.kind for n in doc.noise] == ["ad"] * 3
    assert not doc.diagnostics


def test_a_speech_about_websites_keeps_its_headings() -> None:
    """Words like 网站 and 转载 inside the speech do not make its headings chrome."""
    doc = checked(
        "在全县网信工作会议上的讲话\n一、规范网站转载行为\n各网站要规范转载。\n"
        "二、加强版权保护\n要保护原创作品的版权，不得随意转载下载传播。这是网站的责任。\n"
    )
    assert [s.marker for s in doc.sections] == ["一、", "二、"]


# ------------------------------------------------------------- paywall gaps


def test_nested_numbering_resumes_after_a_paywall_gap() -> None:
    doc = checked(
        "青禾镇党员评议制度\n一、评议时间\n每年评议一次。\n二、评议内容\n评议内容有以下五项：\n"
        "---此处隐藏800字，下载后查看---\n〔三〕民主评议。召开组织生活会。\n"
        "〔四〕提出意见。支委会提出意见。\n三、结果运用\n"
    )
    assert flat(doc) == [
        (1, "一、", "评议时间"),
        (1, "二、", "评议内容"),
        (2, "〔三〕", "民主评议"),
        (2, "〔四〕", "提出意见"),
        (1, "三、", "结果运用"),
    ]
    assert [n.kind for n in doc.noise] == ["paywall"]
    gap = [d for d in doc.diagnostics if d.code == "numbering-resumes-after-gap"]
    assert len(gap) == 1 and gap[0].severity == "info"
    assert doc.source[gap[0].span[0] : gap[0].span[1]] == "〔三〕"


def test_nested_run_starting_late_without_a_gap_is_sections() -> None:
    """〔三〕 then 〔四〕: numbering whose start was lost, even where no paywall says so."""
    doc = checked(
        "青禾镇党员评议制度\n一、评议时间\n每年评议一次。\n〔三〕民主评议。召开会议。\n"
        "〔四〕提出意见。支委会提出。\n二、结果运用\n"
    )
    assert [s.level for s in doc.iter_sections()] == [1, 2, 2, 1]
    assert [d.code for d in doc.diagnostics] == ["numbering-starts-late"]


def test_without_a_gap_a_late_nested_number_stays_text() -> None:
    doc = checked(
        "青禾镇党员评议制度\n一、评议时间\n每年评议一次。\n〔三〕民主评议。召开组织生活会。\n"
    )
    assert flat(doc) == [(1, "一、", "评议时间")]


# ------------------------------------------------- furniture at the top


def test_compilation_label_at_the_top_is_not_a_section() -> None:
    doc = checked(
        "春耕讲话稿汇编\n第1篇：在青禾镇春耕生产动员会上的讲话\n同志们：\n今天开会。\n"
        "一、抓好备耕\n（一）备足农资\n二、抓好服务\n"
    )
    assert flat(doc) == [
        (1, "一、", "抓好备耕"),
        (2, "（一）", "备足农资"),
        (1, "二、", "抓好服务"),
    ]


def test_parts_numbered_with_pian_are_sections() -> None:
    doc = checked("青禾镇志\n第一篇 地理\n一、位置\n第二篇 人口\n一、户籍\n")
    assert flat(doc) == [
        (1, "第一篇", "地理"),
        (2, "一、", "位置"),
        (1, "第二篇", "人口"),
        (2, "一、", "户籍"),
    ]


def test_listing_item_number_on_the_first_line_does_not_push_levels_down() -> None:
    doc = checked("27.在青禾镇春耕生产动员会上的讲话\n同志们：\n一、抓好备耕\n二、抓好服务\n")
    assert flat(doc) == [(1, "一、", "抓好备耕"), (1, "二、", "抓好服务")]
    assert "numbering-starts-late" not in [d.code for d in doc.diagnostics]


def test_listing_item_number_on_an_untitled_first_line_is_not_a_section() -> None:
    """No title takes the line, so the plan itself must see the listing number as furniture."""
    doc = checked("27.今天我们召开全镇春耕生产动员会，部署工作。\n一、抓好备耕\n二、抓好服务\n")
    assert doc.title is None
    assert flat(doc) == [(1, "一、", "抓好备耕"), (1, "二、", "抓好服务")]
    assert "numbering-starts-late" not in [d.code for d in doc.diagnostics]


def test_excerpt_starting_at_a_late_section_keeps_it() -> None:
    doc = checked("青禾镇校长述职报告\n四、不足之处\n科研意识还不够强。\n")
    assert flat(doc) == [(1, "四、", "不足之处")]
    assert [d.code for d in doc.diagnostics] == ["numbering-starts-late"]


# ----------------------------------------------------------- cut at the end


def test_bare_numeral_as_the_last_line_is_a_cut_marker() -> None:
    doc = checked(HEAD + "一、抓好备耕\n要早谋划。\n二\n")
    assert flat(doc) == [(1, "一、", "抓好备耕")]
    assert doc.sections[0].paragraphs[-1].text == "二"


def test_bare_numerals_before_the_end_are_sections() -> None:
    doc = checked("读书札记\n一\n读书要有恒心。\n二\n读书要讲方法。\n三\n")
    assert flat(doc) == [(1, "一", ""), (1, "二", "")]


def test_heading_cut_by_the_end_of_the_file_is_a_section() -> None:
    doc = checked(HEAD + "一、抓好备耕\n要早谋划。\n二、抓好春耕生产的社会化")
    assert flat(doc) == [(1, "一、", "抓好备耕"), (1, "二、", "抓好春耕生产的社会化")]


def test_ordinal_words_are_points_not_sections() -> None:
    doc = checked(
        HEAD + "第一项议程，请镇长讲话。\n理由一：时间紧。\n一是抓早。二要抓实。\n"
        "第一，要重视。\n首先，要统一思想。\n"
    )
    assert flat(doc) == []
    assert sum(len(p.points) for p in doc.preamble if p.kind == "paragraph") >= 5


def test_hard_wrapped_html_counts_tags_in_the_wrap_width() -> None:
    """A site that wrapped its HTML source at a fixed width wrapped the tags too.

    The first paragraph, cut inside the salutation, must be re-joined rather
    than left as a short first line that reads like a title.
    """
    raw = (
        '<p class="para-block">共青团员们、青年朋友们、同志们！</p><p class="para-block">今天我们在这里隆重集会，纪念青禾镇团组织成立'
        '七十周年。七十年来，一代代青年在党的领导下奋勇向前，写下了青春的篇章。</p><p class="para-block">'
        "青年是国家的未来，也是乡村振兴的生力军。我们要把青春融入家乡的发展，在田野上建功立业，"
        '在奋斗中书写人生。</p><p class="para-block">让我们携起手来，为建设美丽青禾贡献青春力量，不负韶华。</p>\n'
    )
    width = 30
    text = "\n".join(raw[k : k + width] for k in range(0, len(raw), width))
    doc = checked(text)
    assert doc.title is None
    assert doc.preamble[0].kind == "salutation"
    assert doc.preamble[0].text == "共青团员们、青年朋友们、同志们！"
