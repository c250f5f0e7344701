"""The title stage: candidates scored, furniture and decorations set aside.

Every document here is invented for the phenomenon it shows (the sites, names
and places are made up); the real pages are scored in test_corpus_score.py.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import speechparse
from invariants import check_leaves_partition, check_node_spans
from speechparse import Document
from speechparse.lexicon.title_decorations import TRAILING_DECORATION, may_be_decorated
from speechparse.lexicon.title_patterns import BREADCRUMB, BREADCRUMB_GATE
from speechparse.reading.content import Content, read_contents
from speechparse.reading.noise import NoiseSpan
from speechparse.structure.frontmatter import strip_all_decorations
from speechparse.structure.lexer import lex


def title(text: str) -> str | None:
    doc = speechparse.parse(text)
    check_leaves_partition(doc)
    check_node_spans(doc)
    return doc.title.text if doc.title else None


def noise_kinds(doc: Document) -> list[str]:
    return [n.kind for n in doc.noise]


BODY = (
    "同志们：\n今天我们召开全镇防汛工作会议，主要任务是部署今年的防汛工作。\n一、提高认识\n正文。\n"
)


def test_page_title_and_meta_give_way_to_the_documents_own_title() -> None:
    """A page title, then meta lines, then the title the document states: the last wins."""
    doc = speechparse.parse(
        "镇长在防汛会上讲话_青柳范文网\n发布时间：2024-05-06  来源：网友投稿\n"
        "在全镇防汛工作会议上的讲话\n" + BODY
    )
    assert doc.title is not None
    assert doc.title.text == "在全镇防汛工作会议上的讲话"
    assert noise_kinds(doc)[:2] == ["header", "meta"]


def test_breadcrumbs_site_names_and_furniture_are_never_titles() -> None:
    assert (
        title(
            "墨林公文网\n当前位置：首页 > 讲话稿 > 正文\n手机阅读\n在全镇防汛工作会议上的讲话\n"
            + BODY
        )
        == "在全镇防汛工作会议上的讲话"
    )
    assert title("首页 » 心得体会 » 正文\n" + BODY) is None


def test_site_decorations_on_the_title_line_become_noise() -> None:
    doc = speechparse.parse("在全镇防汛工作会议上的讲话[VIP]（2698字）.docx\n" + BODY)
    assert doc.title is not None
    assert doc.title.text == "在全镇防汛工作会议上的讲话"
    decorations = [n.text for n in doc.noise if n.kind == "decoration"]
    assert "".join(decorations) == "[VIP]（2698字）.docx"
    assert title("在全镇防汛工作会议上的讲话 人气:3.1W\n" + BODY) == "在全镇防汛工作会议上的讲话"
    assert title("乡村振兴调研报告（第1页）\n" + BODY) == "乡村振兴调研报告"
    assert title("防汛工作心得体会 浏览95801次  [调研报告]\n" + BODY) == "防汛工作心得体会"
    assert title("防汛工作心得体会阅读:12万 .doc\n" + BODY) == "防汛工作心得体会"


@pytest.mark.parametrize(
    "decorated",
    [
        "在全镇防汛工作会议上的讲话 〔领导讲话〕 [VIP专享]",
        "在全镇防汛工作会议上的讲话（共6页）(第2/6页)",
        "在全镇防汛工作会议上的讲话【2313字】.WPS",
        "在全镇防汛工作会议上的讲话 热度:4.3万 (P1)",
        "在全镇防汛工作会议上的讲话（VIP） （热）",
        "在全镇防汛工作会议上的讲话约2338字  【全文下载】",
        "在全镇防汛工作会议上的讲话 ★★★★☆  评分：4.8",
        "在全镇防汛工作会议上的讲话1.2万阅读",
        "在全镇防汛工作会议上的讲话HOT3页✔已审核",
        "在全镇防汛工作会议上的讲话 Vol.7 17398人已下载",
        "在全镇防汛工作会议上的讲话〈精选〉«VIP»",
        "在全镇防汛工作会议上的讲话[513字精品]热门",
        "在全镇防汛工作会议上的讲话(可编辑)(DOC)",
        "在全镇防汛工作会议上的讲话|松风写作坊",
        "在全镇防汛工作会议上的讲话—晨光公文苑",
        "在全镇防汛工作会议上的讲话(更新中) [共25P] (doc格式)",
        "在全镇防汛工作会议上的讲话 ·24页·  [精]  (已校对)",
        "在全镇防汛工作会议上的讲话阅 16846 ▼",
        "在全镇防汛工作会议上的讲话 推荐指数：3.0📄",
        "在全镇防汛工作会议上的讲话#经验交流# 浏览人次4341",
        "在全镇防汛工作会议上的讲话页数:24",
        "在全镇防汛工作会议上的讲话 【高清】  阅 4710",
        "在全镇防汛工作会议上的讲话〔热〕页数:206.3w+浏览",
    ],
)
def test_decorations_are_told_by_their_kind_not_their_wording(decorated: str) -> None:
    """Badges, counts, pages, files, counters and suffixes in any brackets or none come off."""
    assert title(decorated + "\n" + BODY) == "在全镇防汛工作会议上的讲话"


@pytest.mark.parametrize(
    "kept",
    [
        "关于加强防汛工作的实施方案（试行）",
        "全镇防汛工作报告（全文）",
        "全镇防汛工作报告（讨论稿）",
        "全镇防汛工作对照检查材料(含典型案例剖析)",
        "推动5G基站建设工作方案",
        "全 镇 防 汛 工 作 报 告",
        "全镇防汛工作报告（根据录音整理）",
        "全镇防汛工作规划（2021—2025年）",
        "全镇防汛工作会议主持词（上）",
        "全镇防汛工作报告：2024",
        "全镇防汛工作简报（第1号）",
    ],
)
def test_the_authors_own_brackets_and_words_stay(kept: str) -> None:
    """Editorial tags, years and letter-spaced titles are the author's, not decorations."""
    assert title(kept + "\n" + BODY) == kept


def test_a_page_header_as_wide_as_a_wrap_is_not_rejoined() -> None:
    """Meta lines and a breadcrumb of one width above a short title: no hard wrap, title kept."""
    text = (
        "松风写作驿站：党建材料\n栏目：党建材料\t来源：网友投稿\n发表时间：2022.05.26\n"
        "首页 → 党建材料 → 正文内容\n书记在全镇经济工作会议上讲话\n" + BODY
    )
    assert title(text) == "书记在全镇经济工作会议上讲话"


def test_a_promotion_line_under_the_title_is_the_sites() -> None:
    """欢迎访问…获取更多资料 under the title: its rest is no second title candidate."""
    text = "全镇防汛工作讲话提纲\n欢迎访问松风资料库获取更多资料\n" + BODY
    assert title(text) == "全镇防汛工作讲话提纲"


def test_a_counter_standing_alone_is_a_meta_line() -> None:
    """83207次浏览 on its own line under the site's name is the page's, not half a title."""
    text = "松风写作驿站\n83207次浏览\n\n全镇防汛工作会议讲话\n（2024年6月1日）\n" + BODY
    assert title(text) == "全镇防汛工作会议讲话"


def test_a_site_promoting_itself_at_the_top_is_no_title() -> None:
    """关注某某文库，获取更多精品材料 ends with a genre word, but a site names itself in it."""
    top = "{}\n浏览量:34\n发布时间:2026-01-30\n关注青禾文库，获取更多精品材料\n"
    assert title(top.format("全镇防汛工作汇报材料") + BODY) == "全镇防汛工作汇报材料"
    below = "全镇防汛工作讲话提纲\n松风范文之家版权所有，盗版必究\n"
    assert title(below + BODY) == "全镇防汛工作讲话提纲"


def test_compilation_page_gives_the_visible_pieces_own_title() -> None:
    """(精选4篇) on the page title, the piece's item line 篇一 further down: the piece wins."""
    doc = speechparse.parse(
        "青年干部座谈会发言材料(精选4篇)\n格式：DOC 上传日期：2024-03-02\n"
        "下面是小编为大家整理的发言材料，供大家参考。\n青年干部座谈会发言材料篇一\n" + BODY
    )
    assert doc.title is not None
    assert doc.title.text == "青年干部座谈会发言材料"
    assert "label" in noise_kinds(doc)
    assert title("第1篇 在全镇防汛工作会议上的讲话\n" + BODY) == "在全镇防汛工作会议上的讲话"
    assert title("防汛工作心得体会【篇1】\n" + BODY) == "防汛工作心得体会"


def test_title_glued_to_salutation_or_to_itself_in_collapsed_text() -> None:
    collapsed = (
        "在全镇防汛工作会议上的讲话同志们：今天我们召开会议，部署防汛工作。一、提高认识正文。"
    )
    assert title(collapsed) == "在全镇防汛工作会议上的讲话"
    doubled = (
        "学习防汛条例心得体会学习防汛条例心得体会柳河镇中心小学：李青近期，"
        "我们认真学习了条例，深受教育。"
    )
    assert title(doubled) == "学习防汛条例心得体会"


def test_file_name_glued_to_the_documents_own_title() -> None:
    """Two near-copies before the salutation: a file name, then the title as the author wrote it."""
    text = "镇长在防汛会议上讲话镇长在防汛会议上的讲话同志们：今天召开会议。一、提高认识正文。"
    assert title(text) == "镇长在防汛会议上的讲话"


def test_title_glued_to_the_body_found_by_the_page_title_above() -> None:
    text = (
        "镇长在防汛会讲话与镇长在抗旱会讲话汇编\n"
        "镇长在防汛会讲话县委、县政府决定今天召开全县防汛会议，部署工作。\n"
    )
    assert title(text) == "镇长在防汛会讲话"


def test_traditional_labels_work_as_the_simplified_ones() -> None:
    doc = speechparse.parse(
        "鎮長講話_青柳範文網\n發布時間：2024-05-06 來源：網友投稿 瀏覽：12次\n"
        "在全鎮防汛工作會議上的講話\n同志們：\n今天召開會議。\n"
    )
    assert doc.title is not None
    assert doc.title.text == "在全鎮防汛工作會議上的講話"
    assert "meta" in noise_kinds(doc)
    assert doc.preamble[0].kind == "salutation"


def test_no_title_when_nothing_qualifies() -> None:
    assert title(BODY) is None
    assert title("【2024年学习材料】\n" + BODY) is None
    assert title("根据县委安排，今天我就防汛工作讲三点意见。\n一、提高认识\n正文。\n") is None


def test_letter_spaced_title_over_a_page_title() -> None:
    text = (
        "柳河镇2023年政府工作报告和2024年工作安排\n政 府 工 作 报 告\n"
        "2024年2月26日在镇第九届人民代表大会第三次会议上\n各位代表：\n现在作报告。\n"
    )
    assert title(text) == "政 府 工 作 报 告"


def test_title_repeated_by_the_page_is_not_a_watermark() -> None:
    text = "墨林公文网\n防汛工作心得\n防汛工作心得\n第一段正文。\n防汛工作心得\n第二段正文。\n"
    assert title(text) == "防汛工作心得"


def test_page_title_that_echoes_the_subtitle() -> None:
    text = (
        "第三届职工代表大会工作报告\n来源：本站  作者：佚名\n凝心聚力  再创佳绩\n"
        "——第三届职工代表大会工作报告\n各位代表：\n正文。\n"
    )
    assert title(text) == "凝心聚力  再创佳绩"


def test_exclamations_closing_a_title_and_a_category_tail() -> None:
    assert title("警示教育片观后感!!!\n正文第一段。\n") == "警示教育片观后感!!!"
    assert (
        title("在全市招商引资推进会议上的讲话经济工作\n" + BODY) == "在全市招商引资推进会议上的讲话"
    )


def test_candidates_are_kept_with_their_signals() -> None:
    text = "镇长讲话_青柳范文网\n来源：网友投稿\n在全镇防汛工作会议上的讲话\n" + BODY
    noise: list[NoiseSpan] = []
    result = lex(text, read_contents(text, noise), noise)
    chosen = [c for c in result.title_candidates if c.chosen]
    assert [c.text for c in chosen] == ["在全镇防汛工作会议上的讲话"]
    assert any(s.startswith("below:salutation") for s in chosen[0].signals)
    assert all(c.score <= chosen[0].score for c in result.title_candidates)


def _for_re(pattern: str) -> str:
    """Without possessive quantifiers, for hypothesis' ``from_regex`` (stdlib ``re``)."""
    return re.sub(r"(?<=[*+?}])\+", "", pattern)


@settings(max_examples=300, deadline=None)
@given(st.from_regex(_for_re(BREADCRUMB.pattern)))
def test_breadcrumb_gate_never_hides_a_breadcrumb(line: str) -> None:
    """Whatever BREADCRUMB finds holds a character of BREADCRUMB_GATE."""
    m = BREADCRUMB.search(line)
    if m is not None:
        assert not BREADCRUMB_GATE.isdisjoint(line)


def test_speaker_and_dated_occasion_lines_under_a_title() -> None:
    """An office with a name, and a date with the occasion, are bylines, not titles."""
    doc = speechparse.parse(
        "政 府 工 作 报 告 .pdf  (第2页)\n2024年2月26日在镇第九届人民代表大会第三次会议上\n"
        "柳河镇人民政府镇长 王青\n各位代表：\n现在作报告。\n"
    )
    assert doc.title is not None
    assert doc.title.text == "政 府 工 作 报 告"
    assert [b.text for b in doc.title.bylines][-1] == "柳河镇人民政府镇长 王青"


def test_breadcrumb_and_meta_run_into_the_title_in_collapsed_text() -> None:
    text = (
        "您的位置: 首页 > 领导讲话 县长在全县防汛工作会议上的讲话 时间:2024-06-01 "
        "同志们: 今天召开会议。 一、提高认识 正文。"
    )
    assert title(text) == "县长在全县防汛工作会议上的讲话"


def test_title_after_an_outline_printed_first() -> None:
    """提纲 first: numbered lines, then the title, then the body repeating the outline."""
    text = (
        "一、存在的问题\n（一）学习不够深入\n（二）调研不够扎实\n二、整改措施\n"
        "柳河镇党委班子民主生活会对照检查材料\n"
        "按照县委部署，班子认真开展会前准备。\n一、存在的问题\n（一）学习不够深入\n正文。\n"
    )
    doc = speechparse.parse(text)
    check_leaves_partition(doc)
    check_node_spans(doc)
    assert doc.title is not None
    assert doc.title.text == "柳河镇党委班子民主生活会对照检查材料"
    assert [s.heading for s in doc.iter_sections()][:4] == [
        "存在的问题",
        "学习不够深入",
        "调研不够扎实",
        "整改措施",
    ]
    assert len(list(doc.iter_sections())) == 6
    assert title("一、提高认识\n二、强化措施\n三、狠抓落实\n防汛工作方案\n正文。\n") is None


def test_listing_number_and_leading_badge_on_the_title_line() -> None:
    """15. before the page's title is the listing's, 【VIP专享】 the site's; a real list is kept."""
    body = "尊敬的各位领导：\n正文。\n"
    assert (
        title("15.在全县项目建设推进会上的表态发言\n" + body) == "在全县项目建设推进会上的表态发言"
    )
    assert title("【VIP专享】在全县项目建设推进会上的表态发言\n" + body) == (
        "在全县项目建设推进会上的表态发言"
    )
    doc = speechparse.parse("3.做好全年工作计划\n正文。\n4.抓好落实\n正文。\n")
    assert doc.title is None
    assert [s.marker for s in doc.iter_sections()] == ["3.", "4."]


def test_bare_meta_labels() -> None:
    doc = speechparse.parse("在全县安全生产会议上的讲话\n发布：2024-10-11 阅读：2301\n" + BODY)
    assert noise_kinds(doc) == ["meta"]


def test_collapsed_title_glued_by_a_space() -> None:
    """Collapsed text: a title before a blurb, a furniture word or running text, after a space."""
    assert (
        title("在全县防汛工作会议上讲话 下面是小编为大家整理的讲话稿，供参考。同志们：今天开会。")
        == "在全县防汛工作会议上讲话"
    )
    assert title("- 目录 第1篇 在全县防汛工作会议上的讲话 同志们：今天开会。") == (
        "在全县防汛工作会议上的讲话"
    )
    assert title("柳河镇防汛工作情况汇报 今年以来，我镇坚持预防为主，成效明显。") == (
        "柳河镇防汛工作情况汇报"
    )


def test_page_title_with_a_site_suffix_over_the_documents_own() -> None:
    text = (
        "学习心得 - 松风文苑\n分类：学习心得\n\n第三届职工代表大会工作报告\n来源：本站\n"
        "凝心聚力 再创佳绩\n——第三届职工代表大会工作报告\n各位代表：\n正文。\n"
    )
    assert title(text) == "凝心聚力 再创佳绩"


_CORES = ("在全县防汛工作会议上的讲话", "防汛工作心得体会", "述职报告", "在全市大会上的講話")
_PREFIXES = ("", "【VIP】", "[精品]", "第1篇 ", "篇二：", "【篇3】", "15.", "2、")
_SUFFIXES = (
    "（2698字）", "(共6908字)", ".docx", ".PDF", "[VIP]", "【精品】", "工作", "经济工作", "篇一", "1",
    "一", "_松风网", " - 讲话稿 - 松风网", "｜松风网", "(精选5篇)", "【7篇】", "汇编", "大全9篇",
    "浏览120次", "人气:3.1W", "阅读:12万", "（第1页）", "( 七 )", "(1/3)", "【讲话稿】", " ",
    "〔调研〕", "(第1/7页)", "（共6页）", "★★★☆", "✔已审核", "HOT", "3页", "〈精选〉", "«VIP»",
    "（热）", "热门", "1.2万阅读", " 评分：4.8", "—某某公文苑", "|松风网", "(DOC)", "📄", "#范文#",
    "(更新中)", "·24页·", " 阅 16846", "页数:24", "▼",
)  # fmt: skip


@settings(max_examples=800, deadline=None)
@given(
    st.sampled_from(_PREFIXES),
    st.sampled_from(_CORES),
    st.lists(st.sampled_from(_SUFFIXES), max_size=3).map("".join),
)
def test_decoration_gate_never_hides_a_decoration(prefix: str, core: str, suffix: str) -> None:
    """Whatever the full strip would cut off, may_be_decorated lets through."""
    t = (prefix + core + suffix).strip()
    _kept, noise, labels = strip_all_decorations(Content(0, len(t), t))
    if noise or labels:
        assert may_be_decorated(t), t


@settings(max_examples=800, deadline=None)
@given(
    st.sampled_from(_CORES),
    st.lists(st.sampled_from(_SUFFIXES), min_size=1, max_size=3).map("".join),
    st.text(alphabet="0123456789０９ ★.:：/+万次人页字阅读", max_size=4),
)
def test_decoration_end_gate_never_hides_a_decoration(core: str, suffix: str, noise: str) -> None:
    """Wherever the decoration pattern matches, its end gate lets the search through."""
    t = (core + suffix + noise).rstrip()
    found = TRAILING_DECORATION.pattern.search(t)
    if found is not None:
        assert TRAILING_DECORATION.search(t) is not None, t


def test_site_slogan_under_the_subtitle_is_not_the_title() -> None:
    """A watermark slogan between the subtitle and the byline: after a subtitle, and an ad."""
    text = (
        "凝心聚力 再创佳绩\n——在全镇工作会议上的讲话\n关注松风素材库，获取更多精品材料\n"
        "（2024年1月9日）\n同志们：\n正文。\n"
    )
    assert title(text) == "凝心聚力 再创佳绩"
