"""The decorations a site glues to a title line: badges, counts, page marks, site suffixes.

Sites invent badges and counters faster than patterns can list them, so
besides the patterns this module holds the character rules that tell a
site's tail from the author's words (:func:`site_tail`), and the cheap test
that keeps most title lines off both (:func:`may_be_decorated`).
"""

from __future__ import annotations

import re
import unicodedata

import regex

from speechparse.lexicon.chars import holds_any
from speechparse.lexicon.gated import EndGated
from speechparse.lexicon.pattern_parts import AR, CN_TEN, FROM_END, SP, compile_variants
from speechparse.lexicon.title_patterns import GENRE_WORDS, SITE_WORDS, has_genre
from speechparse.lexicon.variants import with_variants_chars

__all__ = [
    "DECORATION_FIRST",
    "LEADING_DECORATION",
    "LEADING_TAG",
    "TRAILING_DECORATION",
    "glued_decoration",
    "may_be_decorated",
    "site_tail",
]

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
_NUM = rf"[{AR}]{{1,4}}"
#: A pagination mark's body: 第1页, 第1/7页, 第1页共6页, 共6页, 1/3, P1, Page 2.
_PAGES = (
    rf"(?:第{SP}*{_NUM}{SP}*(?:[/／]{SP}*{_NUM}{SP}*)?页(?:{SP}*[/／,，、]?{SP}*共{SP}*{_NUM}{SP}*页)?"
    rf"|共{SP}*{_NUM}{SP}*页|{_NUM}{SP}*[/／]{SP}*{_NUM}{SP}*页?"
    rf"|(?:[Pp]|[Pp]age|PAGE){SP}*\.?{SP}*{_NUM}(?:{SP}*(?:/|of){SP}*{_NUM})?)"
)
#: What a counter counts: 人气:3.1W, 浏览120次, 阅读量79593, 下载量:203.
_COUNTED = (
    r"(?:人气|浏览|阅读|点击|热度|下载|访问|查看|收藏|点赞|评论|播放|评分|得分|星级)"
    r"(?:量|人次|次数|人数|数|值)?"
)
_COUNT = rf"[{AR}][{AR}.]*(?:[wW万千kK+]|[次人分星℃度])?"

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

#: Site decorations at the end of a title line, stripped one after another.  Each of
#: the kinds the genre has, in whatever brackets a site uses: badges ([VIP], （热）,
#: 【会员专享】), word counts ((2698字), 【2313字】, （本页约4900+字）, 约2338字),
#: pagination marks ((1/3), （第1页）, (第1/7页), 第1页共3页, (P1)), file extensions
#: (.docx, .PDF), counters (人气:3.1W, 浏览120次, 阅读量79593, 3.2万次浏览), a site-name
#: suffix (_站名, - 频道 - 站名, |站名, -某某文库).
_TRAILING_DECORATION = compile_variants(
    rf"""(?x)
    {SP}*
    (?: {_OPEN_ANY}{SP}*{_BADGE}{SP}*{_CLOSE_ANY}
      | {_OPEN_ANY}{_NOT_BRACKET}{{0,6}}[{AR}]{{2,7}}\+?{SP}*(?:个)?字
        {_NOT_BRACKET}{{0,3}}{_CLOSE_ANY}
      | (?:全文|本文|字数[：:]?)?{SP}*(?:约|共)?{SP}*约?{SP}*[{AR}]{{2,7}}\+?{SP}*字(?:左右)?
      | {_OPEN_ANY}{SP}*(?:{_PAGES}|[{AR}{CN_TEN}]{{1,3}}){SP}*{_CLOSE_ANY}
      | (?:第{SP}*{_NUM}{SP}*页(?:{SP}*[/／,，]?{SP}*共{SP}*{_NUM}{SP}*页)?
        |共{SP}*{_NUM}{SP}*页)
      | \.(?i:docx|doc|pdf|wps|txt|pptx|ppt|xlsx|xls|rtf)
      | {_OPEN_ANY}{_COUNTED}{SP}*[：:]?{SP}*{_COUNT}[次人]?{_CLOSE_ANY}
      | {_COUNTED}{SP}*[：:]?{SP}*{_COUNT}[次人]?
      | [{_DECORATION_HAN}]{{1,4}}{SP}*[：:]{SP}*{_COUNT}[页篇字次人]?
      | [{_DECORATION_HAN}]{{2,4}}{SP}*[：:]
      | {_COUNT}{SP}*[次人]?(?:浏览|阅读|下载|看过|收藏|播放|点赞|评论|访问)(?:量|数|次)?
      | [★☆✩✭⭐]+
      | {SP}{_BADGE}
      | (?<=(?:{GENRE_WORDS})|{_CLOSE_ANY}){_BADGE}
      | _\S{{2,16}}
      | {SP}[-－|｜]{SP}\S.{{0,30}}
      | [|｜]\S{{2,16}}
      | [-－—]\S{{1,12}}(?:{SITE_WORDS})
    )
    $
    """,
    FROM_END,
)


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
closing a line, as a pattern (the rule; tests hold :data:`_RUN_CHARS` to it)."""

_RUN_CHARS = (
    _DECORATION_CHARS
    | frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
    | frozenset("０１２３４５６７８９")
)
"""The characters of :data:`_DECORATION_RUN`'s class, as a set for a walk back from the end.

Why a walk: a title's last character is nearly never one of them, so one set test
ends it, where the pattern's search tries each of the tail's sixteen positions."""


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
    k = n
    while k > lo and t[k - 1] in _RUN_CHARS:
        k -= 1
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
"""The characters of ``SP``: what separates a decoration from a title on its line."""

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
_EDITORIAL = compile_variants(
    rf"""(?x)
    (?: 全文|摘要|摘编|节选|纪要|实录|速记稿|整理稿|草案|草稿|初稿|定稿|试行|暂行|修订|修正|
        [^{{}}]{{0,4}}(?:稿|本|提纲|要点)
      | 上|中|下|续|完|终|[{CN_TEN}]{{1,3}}
      | 第.{{0,5}}[^页]
      | (?:附|含|带|包括|根据|在|于|为|致).*
      | .*[年月日].*
      | [{AR}]{{4}}(?:[.\-/—–~～至][{AR}]{{1,4}}){{0,2}}
    )
    """
)
_SITE_WORDS_MAX = 5
"""A site's bracketed word is short: (更新中), (已校对), （热门推荐）."""


def _is_han(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff"


def _site_words(inner: str) -> bool:
    """Whether bracketed words after a title are the site's rather than the author's."""
    if _EDITORIAL.fullmatch(inner) is not None or has_genre(inner):
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
    spaced = " " in t or "\u3000" in t or "\t" in t or "\u00a0" in t  # _SPACES, tested alone
    found = _LAST_SPACE.search(t, max(0, n - _TAIL_MAX - 1)) if spaced else None
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
LEADING_DECORATION = compile_variants(rf"{_OPEN_ANY}\s*{_BADGE}\s*{_CLOSE_ANY}\s*")

#: A bracketed category tag opening a title line: 【党课讲稿】, [心得体会], 〔调研报告〕.
#: Only a bracket holding a genre word: 【以学铸魂】 is the author's own.
LEADING_TAG = compile_variants(
    rf"[【\[［〔〖]{_NOT_BRACKET}{{0,8}}(?:{GENRE_WORDS}){_NOT_BRACKET}{{0,4}}[】\]］〕〗]\s*"
)


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
_BADGE_END = regex.compile(rf"(?:{_BADGE})$", FROM_END)


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
