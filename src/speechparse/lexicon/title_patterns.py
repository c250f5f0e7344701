"""The patterns the title stage weighs a candidate line with.

Kept apart from patterns.py (the line patterns of the body) because they are
vocabulary of page furniture and of document titles, not numbering: genre
words, site decorations, compilation labels, breadcrumbs and site names.
Every pattern is widened to traditional characters when compiled
(variants.py), so 講話 and 發布時間 count as 讲话 and 发布时间 do.  None of the
words is a site's name: they are the kinds of things sites print.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

import regex

from speechparse.lexicon.chars import holds_any
from speechparse.lexicon.patterns import NeedsLiteral
from speechparse.lexicon.title_gates import WordGated, words_gate
from speechparse.lexicon.variants import with_variants, with_variants_chars

__all__ = [
    "BLURB",
    "BRACKET_TAG_LINE",
    "BREADCRUMB",
    "BREADCRUMB_GATE",
    "CATEGORY_TAIL",
    "COMPILATION_COUNT",
    "DATE_STAMP",
    "DECORATION_FIRST",
    "FURNITURE",
    "GENRE",
    "GENRE_END",
    "ITEM_LABEL_END",
    "ITEM_LABEL_START",
    "LABEL_FIRST",
    "LEADING_DECORATION",
    "LEADING_TAG",
    "LISTING_NUMBER",
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
    "SPEAKER_LINE",
    "TRAILING_DECORATION",
    "TRAILING_TAG",
    "may_be_decorated",
]

_SP = r"[ \t\u3000\u00a0]"
_CN = "一二三四五六七八九十"
_AR = "0-9０-９"


def _compile(source: str, flags: int = 0) -> regex.Pattern[str]:
    return regex.compile(with_variants(source), flags)


_END = regex.REVERSE
"""For patterns anchored at the end of a line: searched from the end, so a miss costs
the length of a suffix, not of the line.  Such patterns use no possessive quantifiers
(matched backwards, a possessive run would swallow what the next item needs); they
only ever see lines short enough to be titles."""


_GENRES = (
    "讲话稿|讲话提纲|讲话|发言稿|发言提纲|发言材料|发言|讲稿|演讲稿|演讲|致辞|贺词|主持词|串词|报告|"
    "汇报|述职|述廉|心得体会|心得|体会|感悟|感想|观后感|读后感|党课|讲义|材料|方案|总结|计划|"
    "意见|通知|通报|决定|纲要|规划|规定|办法|制度|细则|条例|守则|要点|安排|提纲|讨论稿|研讨|交流|"
    "倡议书|承诺书|表态|对照检查|检视|剖析|自查|调研|范文"
)

#: A genre word anywhere in a line: the vocabulary of a document's title.
GENRE = _compile(rf"(?:{_GENRES})")

#: A genre word closing a title (with an editorial tag in brackets after it).
GENRE_END = _compile(rf"(?:{_GENRES})(?:[（(][^（）()]{{1,12}}[）)])?$", _END)

#: The occasion of a speech: 在…会议上的讲话, 在…仪式上的致辞.
OCCASION = NeedsLiteral(
    _compile(r"在.{2,80}?(?:会|式|班|上|时|中)的?(?:讲话|发言|致辞|报告|主持词|讲稿|动员)"), "在"
)

#: A dated occasion line under a title: 2019年2月26日在镇第十四届人民代表大会第三次会议上.
OCCASION_DATE = WordGated(
    _compile(rf"[{_AR}{_CN}〇]{{2,4}}年[{_AR}{_CN}]{{1,2}}月[{_AR}{_CN}]{{1,3}}日{_SP}*+在"),
    words_gate("在"),
)

#: A site's category name glued after a speech's occasion (…会议上的讲话经济工作).
CATEGORY_TAIL = _compile(
    r"^[^（(【\[\s].{0,14}(?:工作|范文|党建|文秘|公文|大全|综合|致辞讲话|领导讲话)$"
)

#: A speaker line under a title: an office and a name (魏庄镇人民政府镇长 杨杰, 县委书记  王青),
#: found from the end (the office words, then the name); the caller checks what precedes.
_OFFICES = (
    "书记|镇长|乡长|县长|市长|区长|省长|局长|厅长|部长|主任|主席|校长|"
    "院长|处长|科长|所长|会长|理事长|董事长|总经理|经理|委员|代表|同志"
)
SPEAKER_LINE = WordGated(
    _compile(rf"(?:{_OFFICES}){_SP}*\p{{Han}}(?:{_SP}?\p{{Han}}){{1,3}}$", _END),
    words_gate(_OFFICES),
)

#: A salutation where it may start in collapsed text (title glued to it).
SALUTATION_START = WordGated(
    _compile(
        r"(?:同志们|尊敬的|亲爱的|各位[^，,。：:；;！!\s]{0,24}?(?:们|代表|领导|同志|委员|来宾|嘉宾|同事|老师|同学|朋友|家长|校友))"
        r"[^。！？!?；;]{0,40}?[：:！!，,]"
    ),
    words_gate("同志们|尊敬的|亲爱的|各位"),
)

#: Breadcrumbs: 当前位置：首页 > 范文 > 讲话稿, 首页 / 心得体会, 站名 » 栏目.
BREADCRUMB = _compile(
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
    _compile(rf"^(?:[•·\-－—|｜\s]*)(?:{_FURNITURE_OPENING})|(?:{_FURNITURE_ANYWHERE})"),
    words_gate(f"{_FURNITURE_OPENING}|{_FURNITURE_ANYWHERE}"),
)

#: A site's own name standing alone: short, ending in a site word, or a domain.
_SITE_NAME_END = "网|网站|文库|范文网|素材库|资料库|驿站|之家|在线|平台|文档|写作|文秘|公文网|站"
SITE_NAME = WordGated(
    _compile(
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
    rf"小编|网站|栏目|所属栏目|分类|标签|关键词|投稿|文章来源|出处){_SP}*+[：:]"
)
META_LABEL = _compile(_META_LABEL_SOURCE)

#: META_LABEL read back from a colon: searched from the end of a short window.
META_LABEL_BEFORE = _compile(_META_LABEL_SOURCE + "$", _END)

#: A date-time stamp opening a line (2023-09-05 15:50:46 …): page meta.
DATE_STAMP = regex.compile(
    rf"[{_AR}]{{4}}[-/.年][{_AR}]{{1,2}}[-/.月][{_AR}]{{1,2}}日?(?:{_SP}*+[{_AR}]{{1,2}}:[{_AR}]{{2}})?"
)

#: Editors' blurbs and lead-ins a site puts above or below the title.
_BLURB_WORDS = (
    "小编|本站|本文|网友|精心整理|整理了|为大家|为你|供大家|仅供参考|希望对|希望能|下面是|以下是|"
    "导语|核心提示"
)
_BLURB_LABELS = "前言|摘要"
"""Blurb words that open an editor's note only with a colon after them (前言：)."""
BLURB = WordGated(
    _compile(rf"{_BLURB_WORDS}|(?:{_BLURB_LABELS})[：:]|内容提要"),
    words_gate(f"{_BLURB_WORDS}|{_BLURB_LABELS}|内容提要"),
)

#: A line that is only a bracketed label (【2019年学习材料】, [范文]): a template tag.
BRACKET_TAG_LINE = regex.compile(r"^[【\[［〔][^】\]］〕]{1,30}[】\]］〕]$")

#: A site's badge word, in brackets before or after a title: [VIP], 【精品】, （热）,
#: [会员专享], 【免费下载】, 「可编辑」.  Never an editorial tag of the author's
#: (（全文）, （摘要）, （试行）): those are part of the title as published.
_BADGE = (
    r"(?:VIP|vip|Vip|SVIP|会员|精品|精选|推荐|原创|首发|热门|热|荐|新|最新|免费|限免|置顶|独家|优质|"
    r"必看|干货|经典|hot|HOT|new|NEW|[Ww]ord版?|WORD版?|可编辑|可修改|下载)"
    r"(?:专享|专属|专用|免费|资料|文档|下载|首发|推荐|版|可编辑)?"
)
_OPEN_ANY = r"[（(【\[［〔〖「『〈«‹<]"
_CLOSE_ANY = r"[）)】\]］〕〗」』〉»›>]"
_NOT_BRACKET = r"[^（）()【】\[\]［］〔〕〖〗「」『』〈〉«»‹›<>]"
#: Brackets around a site's word whose content alone tells whether it is the site's:
#: （热）, (DOC), 〈精选〉, «VIP».  【】 and [] hold category tags of any words (TRAILING_TAG).
_OPEN_WORD = r"[（(「『〈«‹<]"
_CLOSE_WORD = r"[）)」』〉»›>]"
_NUM = rf"[{_AR}]{{1,4}}"
#: A pagination mark's body: 第1页, 第1/7页, 第1页共6页, 共6页, 1/3, P1, Page 2.
_PAGES = (
    rf"(?:第{_SP}*{_NUM}{_SP}*(?:[/／]{_SP}*{_NUM}{_SP}*)?页(?:{_SP}*[/／,，、]?{_SP}*共{_SP}*{_NUM}{_SP}*页)?"
    rf"|共{_SP}*{_NUM}{_SP}*页|{_NUM}{_SP}*[/／]{_SP}*{_NUM}{_SP}*页?"
    rf"|(?:[Pp]|[Pp]age|PAGE){_SP}*\.?{_SP}*{_NUM}(?:{_SP}*(?:/|of){_SP}*{_NUM})?)"
)
#: What a counter counts: 人气:3.1W, 浏览120次, 阅读量79593, 下载量:203.
_COUNTED = (
    r"(?:人气|浏览|阅读|点击|热度|下载|访问|查看|收藏|点赞|评论|播放|评分|得分|星级)"
    r"(?:量|人次|次数|人数|数|值)?"
)
_COUNT = rf"[{_AR}][{_AR}.]*(?:[wW万千kK+]|[次人分星℃度])?"

#: Han characters a site's decoration is made of (badges, counters, file versions):
#: a bracket or a spaced tail of these, digits and symbols only is the site's, never
#: the author's.  全, 稿, 试, 摘 are not among them: （全文）, （讨论稿）, （试行） and
#: （摘要） are the author's editorial tags and stay with the title.
_DECORATION_HAN = (
    "字页篇次人万千亿阅读浏览下载热度气评分点击收藏赞享论播放访问查看会员精品推荐原创首发门新最免费限"
    "独家优质必看干货经典专属用资料文档版可编辑图组共约第本份套星级榜置顶荐完整高清打印已审核认证数指"
)
#: Marks no title holds: a rating or a check mark glued to a title starts the site's part.
_MASK_MARKS = frozenset("□○")
"""Symbols a page masks a name or a number with (全县“□□□”专项行动, ○○县): kept as written."""
_STRONG_MARKS = frozenset("★☆✩✭⭐♥❤✔✓●◆■▲△▼▽▶►◀◇◎")
_TAIL_MAX = 16
"""The longest decoration told by its characters alone (the patterns above are longer)."""

#: Symbols and ASCII a decoration may hold besides digits: ratings, units, separators.
#: (Not □: a run of them masks a name, 全县“□□□”专项行动, and is kept as written.)
_DECORATION_SYMBOLS = r"★☆✩✭⭐♥❤✔●◆■▲△℃°·•×*#%‰+~～.:：/／"
_DECORATION_CHAR = rf"[{_DECORATION_HAN}{_DECORATION_SYMBOLS}A-Za-z0-9０-９]"
#: One decoration character that no title word is made of (a symbol or a Latin letter).
_DECORATION_MARK = rf"[{_DECORATION_SYMBOLS}A-Za-z]"
#: How a site's name ends (…范文网, …文库, …之家, …公文苑): after a dash at the end of a
#: title line, such a name is the site's suffix, not the author's words.
_SITE_WORD = r"网|网站|站|文库|库|之家|驿站|在线|平台|文档|吧|汇|苑|馆|坊|城|阁|斋|轩|社"

#: A site naming itself to promote itself (关注某某文库, 欢迎访问某某网, 某某网整理): a
#: verb right against a site's name.  On a short line at the top it is the site's slogan.
_PROMO_VERB = "关注|访问|登录|来自|转载自|浏览"
_PROMO_CLAIM = "整理|提供|版权所有|原创|出品|用户|会员"
SITE_PROMO = WordGated(
    _compile(
        rf"(?:{_PROMO_VERB})[\p{{Han}}A-Za-z0-9]{{2,8}}?(?:{_SITE_WORD})"
        rf"|[\p{{Han}}A-Za-z0-9]{{2,8}}?(?:{_SITE_WORD})(?:{_PROMO_CLAIM})"
    ),
    # The verb or the claim (one literal scan; a site word before the claim would make
    # the gate itself slow): the lazy run before the site word makes the pattern's own
    # search try every position of the line.
    words_gate(f"{_PROMO_VERB}|{_PROMO_CLAIM}"),
)
SITE_PROMO_MAX = 40

#: Site decorations at the end of a title line, stripped one after another.  Each of
#: the kinds the genre has, in whatever brackets a site uses: badges ([VIP], （热）,
#: 【会员专享】), word counts ((2698字), 【2313字】, （本页约4900+字）, 约2338字),
#: pagination marks ((1/3), （第1页）, (第1/7页), 第1页共3页, (P1)), file extensions
#: (.docx, .PDF), counters (人气:3.1W, 浏览120次, 阅读量79593, 3.2万次浏览), a site-name
#: suffix (_站名, - 频道 - 站名, |站名, -某某文库).
_TRAILING_DECORATION = _compile(
    rf"""(?x)
    {_SP}*
    (?: {_OPEN_ANY}{_SP}*{_BADGE}{_SP}*{_CLOSE_ANY}
      | {_OPEN_ANY}{_NOT_BRACKET}{{0,6}}[{_AR}]{{2,7}}\+?{_SP}*(?:个)?字
        {_NOT_BRACKET}{{0,3}}{_CLOSE_ANY}
      | (?:全文|本文|字数[：:]?)?{_SP}*(?:约|共)?{_SP}*约?{_SP}*[{_AR}]{{2,7}}\+?{_SP}*字(?:左右)?
      | {_OPEN_ANY}{_SP}*(?:{_PAGES}|[{_AR}{_CN}]{{1,3}}){_SP}*{_CLOSE_ANY}
      | (?:第{_SP}*{_NUM}{_SP}*页(?:{_SP}*[/／,，]?{_SP}*共{_SP}*{_NUM}{_SP}*页)?
        |共{_SP}*{_NUM}{_SP}*页)
      | \.(?i:docx|doc|pdf|wps|txt|pptx|ppt|xlsx|xls|rtf)
      | {_OPEN_ANY}{_COUNTED}{_SP}*[：:]?{_SP}*{_COUNT}[次人]?{_CLOSE_ANY}
      | {_COUNTED}{_SP}*[：:]?{_SP}*{_COUNT}[次人]?
      | [{_DECORATION_HAN}]{{1,4}}{_SP}*[：:]{_SP}*{_COUNT}[页篇字次人]?
      | [{_DECORATION_HAN}]{{2,4}}{_SP}*[：:]
      | {_COUNT}{_SP}*[次人]?(?:浏览|阅读|下载|看过|收藏|播放|点赞|评论|访问)(?:量|数|次)?
      | [★☆✩✭⭐]+
      | {_SP}{_BADGE}
      | (?<=(?:{_GENRES})|{_CLOSE_ANY}){_BADGE}
      | _\S{{2,16}}
      | {_SP}[-－|｜]{_SP}\S.{{0,30}}
      | [|｜]\S{{2,16}}
      | [-－—]\S{{1,12}}(?:{_SITE_WORD})
    )
    $
    """,
    _END,
)


@dataclass(frozen=True, slots=True)
class EndGated:
    """A pattern anchored at the end of a line, searched only where its end can be.

    Why: the decoration pattern has many alternatives, and a search costs a few
    microseconds even where the line's last character ends none of them (…讲话,
    …报告); ``last`` lists every non-ASCII character a match can end with, and
    ``inside`` the characters one of which stands near the end for the
    alternatives that may end with anything (a site-name suffix after _ or |).
    tests/test_title.py holds the pattern to this.
    """

    pattern: regex.Pattern[str]
    last: frozenset[str]
    inside: frozenset[str]
    _inside: re.Pattern[str] | None = field(init=False, repr=False, compare=False)
    """``inside`` as one ``re`` class scan (None when empty)."""

    def __post_init__(self) -> None:
        chars = "".join(sorted(self.inside))
        scan = re.compile("[" + re.escape(chars) + "]") if chars else None
        object.__setattr__(self, "_inside", scan)

    def search(self, text: str) -> regex.Match[str] | None:
        """``pattern.search(text)``, or None at once when ``text`` cannot end in a match."""
        if not text:
            return None
        end = text[-1]
        if (
            end.isascii()
            or end in self.last
            or (self._inside is not None and self._inside.search(text, len(text) - 48) is not None)
        ):
            return self.pattern.search(text)
        return None


TRAILING_DECORATION = EndGated(
    _TRAILING_DECORATION,
    with_variants_chars(
        "）】］〕〗」』〉»›：字右页０１２３４５６７８９万千次人分星℃度气览读击载问看藏赞论放级量数值"
        "★☆✩✭⭐员品选荐创发门热新费免顶家质货典版辑改享属用料档网站库线台吧汇苑馆坊城阁斋轩社"
    ),
    frozenset("_-－—|｜"),
)

_DECORATION_CHARS = with_variants_chars(_DECORATION_HAN) | frozenset(_DECORATION_SYMBOLS)


#: Every non-ASCII character a line made wholly of site decoration can open with: the first
#: characters of TRAILING_DECORATION's alternatives (white space, an opening bracket, a
#: word count's 全/本/字/约/共, a page mark's 第/共, a rating star, a counter's or a badge's
#: first character, a site suffix's _ | - －), and every decoration character (a counter's
#: word before its number, the way site_tail reaches the start of a line).  See
#: frontmatter.decorations_from; tests/test_title_gates.py holds the set to it.
DECORATION_FIRST = (
    with_variants_chars(
        " \t\u3000\u00a0\u200b\ufeff\u2002\u2003\u2009\x0b\x0c"
        "（(【[［〔〖「『〈«‹<"
        "全本字约共第★☆✩✭⭐_|｜-－—０１２３４５６７８９"
        "人浏阅点热下访查收评播得星"
        "会精推原首荐新最免限置独优必干经可"
    )
    | _DECORATION_CHARS
)

_DECORATION_RUN = re.compile(
    "[" + re.escape("".join(sorted(_DECORATION_CHARS))) + "A-Za-z0-9０-９]*\\Z"
)
"""The run of decoration characters (or ASCII letters and digits, or full-width digits)
closing a line: found by one ``re`` scan of the tail instead of a test of each character."""


def _pictograph(ch: str) -> bool:
    """An emoji or pictographic symbol (📄, 🔥): a site's badge, never a title's character.

    Compared by range first: Han characters lie between the symbol blocks and the
    emoji planes, and every title character is asked.
    """
    return (
        ("\u2190" <= ch <= "\u2bff" or ch >= "\U0001f000")
        and ch not in _MASK_MARKS
        and unicodedata.category(ch) == "So"
    )


_MARK_OR_SYMBOL = re.compile(
    "[" + "".join(sorted(_STRONG_MARKS)) + "\u2190-\u2bff\U0001f000-\U0010ffff]"
)
"""Where a strong mark or a pictograph may stand (one scan instead of a look at each character).

A plain character class: the standard library's ``re`` scans for it several times faster
than ``regex`` does, and every title line's tail is scanned."""


def glued_decoration(t: str) -> int:
    """Where a decoration glued to the end of ``t`` begins, told by its characters; or -1.

    Sites invent badges and counters faster than patterns can list them, but
    no title of the genre ends the way they do: a rating or check mark and
    the little after it (★5.6分, ✔已审核), a Latin word after Han text with
    only decoration characters behind it (HOT, New, Vol.23), a number with a
    site's unit (3页, 17398人已下载).  A Latin word after a digit (5G) or a
    number with a title's own unit (2024年) is the author's.
    """
    n = len(t)
    lo = max(1, n - _TAIL_MAX)
    found = _MARK_OR_SYMBOL.search(t, lo)
    while found is not None:
        k = found.start()
        if t[k] in _STRONG_MARKS or _pictograph(t[k]):
            return k if not holds_any(t[k:], _SENTENCE_PUNCTUATION) else -1
        found = _MARK_OR_SYMBOL.search(t, k + 1)
    run = _DECORATION_RUN.search(t, lo) if lo < n else None
    k = run.start() if run is not None else n
    for j in range(k, n):  # the leftmost start inside the run of decoration characters
        ch, before = t[j], t[j - 1]
        if before.isascii() and before.isalnum():
            continue
        if ch.isascii() and ch.isalpha() and not before.isdigit():
            return j
        if ch.isdigit() and any(c in _DECORATION_HAN for c in t[j:]):
            return j
    return -1


_SENTENCE_PUNCTUATION = "。！？!?；;，,"
_SPACES = " \t\u3000\u00a0"
_LAST_SPACE = re.compile(f"[{_SPACES}][^{_SPACES}]*\\Z")
"""The line's last space (searched from where a tail short enough to be the site's begins)."""
"""The characters of ``_SP``: what separates a decoration from a title on its line."""

#: Closing bracket -> its opener.  Square and lenticular brackets (and #…#) hold a site's tags of
#: any words; round, corner and angle ones hold the author's editorial tags as often.
_TAG_BRACKETS = {"】": "【", "]": "[", "］": "［", "〕": "〔", "〗": "〖", "#": "#", "＃": "＃"}
_WORD_BRACKETS = {
    "）": "（",
    ")": "(",
    "」": "「",
    "』": "『",
    "〉": "〈",
    "»": "«",
    "›": "‹",
    ">": "<",
    "·": "·",
}
_ANY_BRACKET = frozenset("（）()【】[]［］〔〕〖〗「」『』〈〉«»‹›<>《》")

#: What an author puts in brackets after a title (the README's （全文）, （摘要）): the
#: kinds of the genre's editorial tags, dates, part numbers, contents notes, an
#: occasion.  Listed on the author's side because a site's words are without end.
_EDITORIAL = _compile(
    rf"""(?x)
    (?: 全文|摘要|摘编|节选|纪要|实录|速记稿|整理稿|草案|草稿|初稿|定稿|试行|暂行|修订|修正|
        [^{{}}]{{0,4}}(?:稿|本|提纲|要点)
      | 上|中|下|续|完|终|[{_CN}]{{1,3}}
      | 第.{{0,5}}[^页]
      | (?:附|含|带|包括|根据|在|于|为|致).*
      | .*[年月日].*
      | [{_AR}]{{4}}(?:[.\-/—–~～至][{_AR}]{{1,4}}){{0,2}}
    )
    """
)
_SITE_WORDS_MAX = 5
"""A site's bracketed word is short: (更新中), (已校对), （热门推荐）."""


def _is_han(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff"


def _site_words(inner: str) -> bool:
    """Whether bracketed words after a title are the site's rather than the author's."""
    if _EDITORIAL.fullmatch(inner) is not None or GENRE.search(inner) is not None:
        return False
    han = sum(map(_is_han, inner))
    return han < len(inner) or han <= _SITE_WORDS_MAX


_YEAR = regex.compile(r"(?:19|20)[0-9]{2}|(?:１９|２０)[０-９]{2}")
"""A year standing after a title (政府工作报告 2024) is the author's; another number is a count."""


def _site_segment(seg: str, single_before: bool) -> bool:
    """Whether the last space-separated segment of a title line is the site's."""
    if holds_any(seg, _SENTENCE_PUNCTUATION) or holds_any(seg, _ANY_BRACKET):
        return False
    han = sum(map(_is_han, seg))
    if holds_any(seg, "年月日") or _YEAR.fullmatch(seg):
        return False  # a year or a date is the author's
    if han == 0:
        return True  # 16846, ★★★, P3, ▼, 📄
    if han == len(seg):
        # 阅, 热门: a site's word (but 政 府 工 作 报 告 is a title set letter-spaced)
        return not single_before and (han == 1 or all(ch in _DECORATION_CHARS for ch in seg))
    # 热度999, 页数:24, 1.2万阅读: a site's words with its numbers (not 告Vol.28 of a title)
    return han <= 4 and all(ch in _DECORATION_CHARS for ch in seg if _is_han(ch))


def site_tail(t: str) -> int:
    """Where the last unit of site material closing ``t`` begins, or -1.

    The fallback after the patterns: a bracketed group whose words are not
    the author's (an editorial tag, a date, a contents note), the last
    space-separated segment when it holds what no title word does (digits,
    Latin letters, symbols, a site's counter word), or a decoration glued on
    (:func:`glued_decoration`).
    """
    n = len(t)
    if n < 3:
        return -1
    last = t[-1]
    opener = _TAG_BRACKETS.get(last) or _WORD_BRACKETS.get(last)
    if opener is not None:
        i = t.rfind(opener, max(0, n - _TAIL_MAX - 2), n - 1)
        inner = t[i + 1 : n - 1].strip(_SPACES) if i > 0 else ""
        plain = inner and not holds_any(inner, _ANY_BRACKET) and not holds_any(inner, "。！？!?；;")
        if plain and (last in _TAG_BRACKETS or _site_words(inner)):
            return i
        return glued_decoration(t) if last == "·" else -1
    found = _LAST_SPACE.search(t, max(0, n - _TAIL_MAX - 1))
    if found is not None:  # the last space, and a tail of at most _TAIL_MAX after it
        k = found.start() + 1
        start = k
        while start > 0 and t[start - 1] in _SPACES:
            start -= 1
        single_before = start >= 1 and (start == 1 or t[start - 2] in _SPACES)
        if start > 0 and _site_segment(t[k:], single_before):
            if t[k].isdigit():
                # A counter's word glued before its number (阅 16846, 下载 203) goes with it.
                word = start
                while word > start - 2 and t[word - 1] in _DECORATION_CHARS:
                    word -= 1
                if word < start and t[word - 1] not in _DECORATION_CHARS:
                    return word
            return start
    return glued_decoration(t)


#: A site's badge opening a title line: 【VIP专享】, [精品], 【推荐】 (never a category word).
LEADING_DECORATION = _compile(rf"{_OPEN_ANY}\s*{_BADGE}\s*{_CLOSE_ANY}\s*")

#: A bracketed category tag opening a title line: 【党课讲稿】, [心得体会], 〔调研报告〕.
#: Only a bracket holding a genre word: 【以学铸魂】 is the author's own.
LEADING_TAG = _compile(
    rf"[【\[［〔〖]{_NOT_BRACKET}{{0,8}}(?:{_GENRES}){_NOT_BRACKET}{{0,4}}[】\]］〕〗]\s*"
)

#: The characters a match of LEADING_DECORATION, ITEM_LABEL_START or LISTING_NUMBER opens with
#: (an opening bracket; 第, 篇 or 【; a digit): a title line opening otherwise is not matched.
LABEL_FIRST = (
    frozenset("（(【[［〔〖「『〈«‹<")
    | with_variants_chars("第篇【范")
    | frozenset("0123456789０１２３４５６７８９")
)

#: A bracketed category tag at the end of a title line: 【讲话稿】, [心得体会], 〔调研文章〕.
TRAILING_TAG = EndGated(
    regex.compile(r"[【\[［〔〖][^】\]］〕〗]{1,10}[】\]］〕〗]$", _END),
    frozenset("】］〕〗"),
    frozenset(),
)

#: A compilation count on a page title: (精选5篇), 【7篇】, (大全9篇), 汇编4篇, 合集.
COMPILATION_COUNT = EndGated(
    _compile(
        rf"""(?x)
        {_SP}*
        (?: [（(【\[]{_SP}*(?:精选|优秀|实用|通用|热门|最新|大全|推荐|汇编|合集|范文)?
            {_SP}*[{_AR}{_CN}]{{1,3}}{_SP}*篇{_SP}*(?:范文|合集|汇编)?[）)】\]]
          | (?:精选|大全|汇编|合集)[{_AR}{_CN}]{{0,3}}篇?
          | [{_AR}{_CN}]{{1,3}}篇(?:范文|合集|汇编)?
        )$
        """,
        _END,
    ),
    # A closing bracket, 篇, a numeral, or the last character of 精选 大全 汇编 合集 范文.
    with_variants_chars("）】篇选全编集文０１２３４５６７８９" + _CN),
    frozenset(),
)

#: A compilation's item label before the piece's title: 第一篇：, 第1篇, 篇一, 【篇1】.
ITEM_LABEL_START = _compile(
    rf"(?:第{_SP}*+[{_AR}{_CN}]{{1,3}}{_SP}*+篇|篇{_SP}*+[{_AR}{_CN}]{{1,3}}"
    rf"|范文{_SP}*+[{_AR}{_CN}]{{1,3}}(?={_SP}*+[：:、.．])"
    rf"|【{_SP}*+篇?{_SP}*+[{_AR}{_CN}]{{1,3}}{_SP}*+篇?】)"
    rf"{_SP}*+[：:、.．]?{_SP}*+"
)

#: A compilation's item label after the piece's title: …篇一, …【篇1】, and, after a genre
#: word only, a bare trailing numeral (…心得体会1, …讨论稿一).
ITEM_LABEL_END = EndGated(
    _compile(
        rf"(?:篇{_SP}*[{_AR}{_CN}]{{1,3}}|【{_SP}*篇{_SP}*[{_AR}{_CN}]{{1,3}}{_SP}*】|"
        rf"(?<=(?:{_GENRES}))[{_AR}{_CN}]{{1,2}})$",
        _END,
    ),
    with_variants_chars("】０１２３４５６７８９" + _CN),  # a numeral or the bracket closing 【篇1】
    frozenset(),
)

#: A listing's item number before a page title (30. 在…上的讲话).
LISTING_NUMBER = regex.compile(rf"(?P<num>[{_AR}]{{1,3}}){_SP}*+[.．、]{_SP}*+(?=\p{{Han}})")


_DECORATED_FIRST = with_variants_chars("【[［〔〖「『〈«‹（(第篇范0123456789０１２３４５６７８９")
_DECORATED_LAST = with_variants_chars(
    "]】］〕〗」』〉»›）)次字页览读载藏赞放右选全编集文作建秘合话网站库家台线吧汇苑馆坊城阁斋轩社"
    + "".join(_STRONG_MARKS)
    + "℃°·•×‰～：／"
    "一二三四五六七八九十0123456789０１２３４５６７８９"
)
_DECORATED_INSIDE = frozenset("_-－—|｜")
#: A title line ending in a decoration word (…体会, …材料 end in one too) is worth the
#: full strip only with a digit, a letter, a space or a symbol near its end, or a badge.
_NOT_HAN = regex.compile(r"[^\p{Han}]")
_BADGE_END = regex.compile(rf"(?:{_BADGE})$", _END)


def may_be_decorated(t: str) -> bool:
    """False when no decoration, label or listing pattern above can match the line.

    Every one of them starts, ends or is introduced by one of a few characters
    (a bracket, a digit, 第/篇, a separator such as _ or |, an ASCII character,
    a counter or category word's last character): a line with none of them is
    kept whole without trying a pattern.  tests/test_title.py holds the
    patterns to this.
    """
    if not t:
        return False
    last = t[-1]
    if (
        t[0] in _DECORATED_FIRST
        or last in _DECORATED_LAST
        or last.isascii()
        or last == "＃"
        or _pictograph(last)
        or holds_any(t, _DECORATED_INSIDE)
    ):
        return True
    if last not in _DECORATION_CHARS:
        return False
    return (
        _NOT_HAN.search(t, max(0, len(t) - _TAIL_MAX)) is not None
        or _BADGE_END.search(t) is not None
    )
