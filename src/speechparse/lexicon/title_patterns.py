"""The patterns the title stage weighs a candidate line with.

Kept apart from the line patterns of the body because they are vocabulary
of page furniture and of document titles, not numbering: genre words,
occasions, speaker lines, breadcrumbs, site names and meta labels.  The
decorations a site glues to a title are in title_decorations.py, the labels
of a compilation's pieces in compilation_labels.py.  Every pattern is
widened to traditional characters when compiled (variants.py), so 講話
and 發布時間 count as 讲话 and 发布时间 do.  None of the words is a site's
name: they are the kinds of things sites print.
"""

from __future__ import annotations

import re

import regex

from speechparse.lexicon.gated import Gated, NeedsLiteral
from speechparse.lexicon.pattern_parts import AR, CN_TEN, FROM_END, SP, compile_variants
from speechparse.lexicon.title_gates import WordGated, spellings, words_gate

__all__ = [
    "BLURB",
    "BRACKET_TAG_FIRST",
    "BRACKET_TAG_LINE",
    "BREADCRUMB",
    "BREADCRUMB_GATE",
    "CATEGORY_TAIL",
    "DATE_STAMP",
    "FURNITURE",
    "GENRE",
    "GENRE_END",
    "GENRE_WORDS",
    "GENRE_WORD_SET",
    "META_LABEL",
    "META_LABEL_BEFORE",
    "OCCASION",
    "OCCASION_DATE",
    "SALUTATION_START",
    "SITE_ADDRESS",
    "SITE_NAME",
    "SITE_NAME_MAX",
    "SITE_PROMO",
    "SITE_PROMO_MAX",
    "SITE_WORDS",
    "SPEAKER_LINE",
    "find_occasion",
    "has_genre",
]

#: The genre words of a title, as an alternation (GENRE, and the decoration and label
#: patterns that stand after a genre word, are built on it).
GENRE_WORDS = (
    "讲话稿|讲话提纲|讲话|发言稿|发言提纲|发言材料|发言|讲稿|演讲稿|演讲|致辞|贺词|主持词|串词|报告|"
    "汇报|述职|述廉|心得体会|心得|体会|感悟|感想|观后感|读后感|党课|讲义|材料|方案|总结|计划|"
    "意见|通知|通报|决定|纲要|规划|规定|办法|制度|细则|条例|守则|要点|安排|提纲|讨论稿|研讨|交流|"
    "倡议书|承诺书|表态|对照检查|检视|剖析|自查|调研|范文"
)

#: A genre word anywhere in a line: the vocabulary of a document's title.
GENRE = compile_variants(rf"(?:{GENRE_WORDS})")

_GENRE_SCAN = words_gate(GENRE_WORDS)
"""GENRE's words spelled out as one ``re`` scan grouped by first character: it finds a
word exactly where GENRE does (the same words in the same written forms), several
times faster, but may report another word at a place, so it only answers yes or no."""

#: Every written form of every genre word: GENRE.fullmatch(t) is ``t in GENRE_WORD_SET``.
GENRE_WORD_SET = frozenset(spellings(GENRE_WORDS))


def has_genre(t: str, pos: int = 0, endpos: int | None = None) -> bool:
    """``GENRE.search(t, pos, endpos) is not None``, by the plain scan.

    Why: the title stage asks whether a line holds a genre word of nearly every
    line at the top of a page, and a widened pattern (a character class for each
    character) is searched far slower than the same words spelled out.
    """
    return _GENRE_SCAN.search(t, pos, len(t) if endpos is None else endpos) is not None


#: A genre word closing a title (with an editorial tag in brackets after it).
GENRE_END = compile_variants(rf"(?:{GENRE_WORDS})(?:[（(][^（）()]{{1,12}}[）)])?$", FROM_END)

#: The occasion of a speech: 在…会议上的讲话, 在…仪式上的致辞.
OCCASION = NeedsLiteral(
    compile_variants(r"在.{2,80}?(?:会|式|班|上|时|中)的?(?:讲话|发言|致辞|报告|主持词|讲稿|动员)"),
    "在",
)

_OCCASION_RE = re.compile(OCCASION.pattern.pattern)
"""OCCASION's own source run by the standard library's ``re``: a literal, classes and a
lazy run, which ``re`` matches alike and about twice as fast (a title's 在 sends most
title lines to it)."""


def find_occasion(t: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
    """``OCCASION.search(t, pos, endpos)``: the same span, found by :data:`_OCCASION_RE`."""
    if "在" not in t:
        return None
    return _OCCASION_RE.search(t, pos, len(t) if endpos is None else endpos)


#: A dated occasion line under a title: 2019年2月26日在镇第十四届人民代表大会第三次会议上.
#: Only matched at the start of a line (``match``): gated on its first character, a
#: numeral (a title's 在…会议上 holds the 在 too, so a gate on the word lets most through).
OCCASION_DATE = Gated(
    compile_variants(
        rf"[{AR}{CN_TEN}〇]{{2,4}}年[{AR}{CN_TEN}]{{1,2}}月[{AR}{CN_TEN}]{{1,3}}日{SP}*+在"
    ),
    frozenset("0123456789０１２３４５６７８９" + CN_TEN + "〇"),
)

#: A site's category name glued after a speech's occasion (…会议上的讲话经济工作).
CATEGORY_TAIL = compile_variants(
    r"^[^（(【\[\s].{0,14}(?:工作|范文|党建|文秘|公文|大全|综合|致辞讲话|领导讲话)$"
)

#: A speaker line under a title: an office and a name (魏庄镇人民政府镇长 杨杰, 县委书记  王青),
#: found from the end (the office words, then the name); the caller checks what precedes.
_OFFICES = (
    "书记|镇长|乡长|县长|市长|区长|省长|局长|厅长|部长|主任|主席|校长|"
    "院长|处长|科长|所长|会长|理事长|董事长|总经理|经理|委员|代表|同志"
)
SPEAKER_LINE = WordGated(
    compile_variants(rf"(?:{_OFFICES}){SP}*\p{{Han}}(?:{SP}?\p{{Han}}){{1,3}}$", FROM_END),
    words_gate(_OFFICES),
)

#: A salutation where it may start in collapsed text (title glued to it).
SALUTATION_START = WordGated(
    compile_variants(
        r"(?:同志们|尊敬的|亲爱的|各位[^，,。：:；;！!\s]{0,24}?(?:们|代表|领导|同志|委员|来宾|嘉宾|同事|老师|同学|朋友|家长|校友))"
        r"[^。！？!?；;]{0,40}?[：:！!，,]"
    ),
    words_gate("同志们|尊敬的|亲爱的|各位"),
)

#: Breadcrumbs: 当前位置：首页 > 范文 > 讲话稿, 首页 / 心得体会, 站名 » 栏目.
BREADCRUMB = compile_variants(
    r"(?:当前位置|您现在的位置|你现在的位置|所在位置|位置)[是]?\s*[：:]|"
    r"(?:首页|主页|网站首页)\s*(?:[>＞»/→|｜]|\s)|"
    r"[>＞»→].*[>＞»→]|^\s*[>＞»→]|"
    # A line ending in a separator (栏目 >), but not the closing bracket of a badge («VIP»).
    r"(?:(?<![A-Za-z0-9])[>＞»]\s*)$"
)

#: Page furniture: navigation, account and reading-tool words no document title holds.
_FURNITURE_OPENING = (
    "今天是|欢迎您|欢迎光临|欢迎访问|手机阅读|手机版|电脑版|登录|注册|"
    "购物车|收藏|正文复制|复制全文|下载|打印|分享|返回|上一篇|下一篇|我要投稿|投稿|加入我们|"
    "关闭|搜索|字号|阅读模式|全屏|目录|提纲"
)
_FURNITURE_ANYWHERE = (
    "正文复制|收藏本文|加入收藏|设为首页|我要投稿|打印本页|关闭窗口|下载文档|立即下载|"
    "登录后|免费注册|会员中心|在线客服|点击阅读|阅读全文"
)
FURNITURE = WordGated(
    compile_variants(rf"^(?:[•·\-－—|｜\s]*)(?:{_FURNITURE_OPENING})|(?:{_FURNITURE_ANYWHERE})"),
    words_gate(f"{_FURNITURE_OPENING}|{_FURNITURE_ANYWHERE}"),
)

#: A site's own name standing alone: short, ending in a site word, or a domain.
_SITE_NAME_END = "网|网站|文库|范文网|素材库|资料库|驿站|之家|在线|平台|文档|写作|文秘|公文网|站"
SITE_NAME = WordGated(
    compile_variants(
        rf"[\p{{Han}}A-Za-z0-9]{{1,14}}(?:{_SITE_NAME_END})[，,!！\s]*(?:欢迎您|欢迎你)?[!！]?"
    ),
    words_gate(_SITE_NAME_END),
)
"""Matched whole (``fullmatch``), on lines short enough to be a name."""

SITE_NAME_MAX = 24

#: A web address in a line: page furniture when the line is short.
SITE_ADDRESS = regex.compile(r"www\.|https?://|\.(?:com|cn|net|org)\b")

#: Characters without one of which BREADCRUMB cannot match (a cheap gate before it).
BREADCRUMB_GATE = frozenset(">＞»→位首主")

#: Meta labels of a web page (发布时间：…, 浏览量：…) beyond the ones of patterns.META_FIELD.
_META_LABEL_SOURCE = (
    r"(?:发布时间|发布日期|发布|发表时间|发表单位|发表|更新时间|更新于|更新|上传日期|上传时间|上传|"
    r"时间|日期|来源|作者|编辑|评论|"
    r"责任编辑|点击数|点击量|点击|浏览次数|浏览量|浏览|阅读量|阅读|人气|字数|字号|格式|页码|页数|"
    rf"小编|网站|栏目|所属栏目|分类|标签|关键词|投稿|文章来源|出处){SP}*+[：:]"
)
META_LABEL = compile_variants(_META_LABEL_SOURCE)

#: META_LABEL read back from a colon: searched from the end of a short window.
META_LABEL_BEFORE = compile_variants(_META_LABEL_SOURCE + "$", FROM_END)

#: A date-time stamp opening a line (2023-09-05 15:50:46 …): page meta.
DATE_STAMP = regex.compile(
    rf"[{AR}]{{4}}[-/.年][{AR}]{{1,2}}[-/.月][{AR}]{{1,2}}日?(?:{SP}*+[{AR}]{{1,2}}:[{AR}]{{2}})?"
)

#: Editors' blurbs and lead-ins a site puts above or below the title.
_BLURB_WORDS = (
    "小编|本站|本文|网友|精心整理|整理了|为大家|为你|供大家|仅供参考|希望对|希望能|下面是|以下是|"
    "导语|核心提示"
)
_BLURB_LABELS = "前言|摘要"
"""Blurb words that open an editor's note only with a colon after them (前言：)."""
BLURB = WordGated(
    compile_variants(rf"{_BLURB_WORDS}|(?:{_BLURB_LABELS})[：:]|内容提要"),
    words_gate(f"{_BLURB_WORDS}|{_BLURB_LABELS}|内容提要"),
)

#: A line that is only a bracketed label (【2019年学习材料】, [范文]): a template tag.
BRACKET_TAG_LINE = regex.compile(r"^[【\[［〔][^】\]］〕]{1,30}[】\]］〕]$")

#: The characters BRACKET_TAG_LINE opens with (a cheap test before the pattern).
BRACKET_TAG_FIRST = frozenset("【[［〔")

#: How a site's name ends (…范文网, …文库, …之家, …公文苑): after a dash at the end of a
#: title line, such a name is the site's suffix, not the author's words.
SITE_WORDS = r"网|网站|站|文库|库|之家|驿站|在线|平台|文档|吧|汇|苑|馆|坊|城|阁|斋|轩|社"

#: A site naming itself to promote itself (关注某某文库, 欢迎访问某某网, 某某网整理): a
#: verb right against a site's name.  On a short line at the top it is the site's slogan.
_PROMO_VERB = "关注|访问|登录|来自|转载自|浏览"
_PROMO_CLAIM = "整理|提供|版权所有|原创|出品|用户|会员"
SITE_PROMO = WordGated(
    compile_variants(
        rf"(?:{_PROMO_VERB})[\p{{Han}}A-Za-z0-9]{{2,8}}?(?:{SITE_WORDS})"
        rf"|[\p{{Han}}A-Za-z0-9]{{2,8}}?(?:{SITE_WORDS})(?:{_PROMO_CLAIM})"
    ),
    # The verb or the claim (one literal scan; a site word before the claim would make
    # the gate itself slow): the lazy run before the site word makes the pattern's own
    # search try every position of the line.
    words_gate(f"{_PROMO_VERB}|{_PROMO_CLAIM}"),
)
SITE_PROMO_MAX = 40
