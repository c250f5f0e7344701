"""Every regular expression that recognises a line or a piece of one.

This is the one place to add a numbering style, a noise rule or a closing
formula: the lexer and the noise scanner only ask questions of this module.
All patterns are written for the ``regex`` package (``\\p{Han}``, possessive
quantifiers) and avoid nested unbounded repetition, so matching stays linear
on adversarial input.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import regex

from speechparse.lexicon.variants import with_variants, with_variants_chars

__all__ = [
    "AD_STRONG",
    "AD_TRAILER",
    "AUTHOR_LINE",
    "CLOSING",
    "CLOSING_GATE",
    "CLOSING_QUOTE",
    "COLLAPSED_GAP",
    "DATE_LINE",
    "DOMAIN",
    "DOMAIN_SEED",
    "DOMAIN_SUFFIXES",
    "HTML_BLOCK_TAGS",
    "HTML_TAG",
    "MASKED_PARTY",
    "META_FIELD",
    "NO_PARAGRAPH_END",
    "NO_PARAGRAPH_START",
    "NUMBERING_FIRST",
    "NUMBERING_STYLES",
    "PAGE_NUMBER",
    "PARAGRAPH_END",
    "PARENTHESISED_LINE",
    "PAYWALL_MARKER",
    "PAYWALL_PROSE",
    "PAYWALL_PROSE_FIRST",
    "PLACEHOLDER",
    "POINT",
    "POINT_BEFORE",
    "POINT_CANDIDATE",
    "POINT_FIRST",
    "POINT_LABEL",
    "RELATED_HEADING",
    "SALUTATION",
    "SENTENCE_END",
    "SITE_BADGE",
    "SITE_NAME_END",
    "SITE_NOTICE_WHAT",
    "SITE_NOTICE_WHO",
    "SOURCE_NOTE",
    "SOURCE_NOTE_WORDS",
    "SUBTITLE",
    "TITLE_GENRE_SEPARATOR",
    "TITLE_GLUE",
    "TOC_ENTRY",
    "TOC_HEADING",
    "TOC_HEADING_FIRST",
    "TOC_PAGE",
    "URL",
    "WATERMARK_BRACKETS",
    "Gated",
    "NeedsLiteral",
    "NumberingStyle",
    "collapsed_gaps",
    "holds",
    "match_numbering",
    "match_point_label",
    "may_hold_placeholder",
]

_CN = "一二三四五六七八九十百零〇两"
_AR = "0-9０-９"
_OPEN = "[（(]"
_CLOSE = "[）)]"
_SP = r"[ \t\u3000\u00a0]"


def _compile_variants(source: str, flags: int = 0) -> regex.Pattern[str]:
    """A pattern that matches traditional characters too (同志們, 來源, 謝謝): see variants.py."""
    return regex.compile(with_variants(source), flags)


@dataclass(frozen=True, slots=True)
class NumberingStyle:
    """A way of numbering headings: the lexer assigns levels per document.

    ``name`` identifies the style (two markers share a level only when they
    share a style); ``pattern`` is anchored at the first non-blank character
    of a line and captures the numeral as ``num`` and the whole marker as the
    match; ``first`` lists every character a marker can start with (lines are
    dispatched on their first character); ``own_line`` styles only count when
    nothing follows the marker; a style with ``under`` counts only inside an
    open section of that style (第一条 articles under a 第一章 chapter), one
    level below it or deeper; a ``label`` style met only once, on the first
    numbered line of a body, labels a compilation's piece rather than
    numbering a section (levels.py).
    """

    name: str
    pattern: regex.Pattern[str]
    first: frozenset[str]
    own_line: bool = False
    under: str | None = None
    label: bool = False


def _style(
    name: str,
    body: str,
    first: str,
    *,
    own_line: bool = False,
    under: str | None = None,
    label: bool = False,
) -> NumberingStyle:
    return NumberingStyle(
        name, _compile_variants(body), with_variants_chars(first), own_line, under, label
    )


_DIGITS = "0123456789０１２３４５６７８９"
_CIRCLED = "".join(chr(0x2460 + i) for i in range(20))  # ①..⑳
_PAREN_DIGITS = "".join(chr(0x2474 + i) for i in range(20))  # ⑴..⒇

# A numeral in a marker, spaces allowed between its characters (十 八, 第 1 2 章):
# sites letter-space text, and the marker is still one marker.
_CN_NUM = rf"[{_CN}](?:{_SP}?+[{_CN}]){{0,3}}"
_ANY_NUM = rf"[{_CN}{_AR}](?:{_SP}?+[{_CN}{_AR}]){{0,3}}"
# 〔一〕 (tortoise-shell brackets) is the parenthesised-numeral style, written
# the way official documents print it.
_CN_OPEN = "[（(〔]"
_CN_CLOSE = "[）)〕]"

# Order matters only where two patterns could match the same text: the more
# specific one comes first (第一章 before a bare numeral).
NUMBERING_STYLES: tuple[NumberingStyle, ...] = (
    _style("part", rf"第{_SP}*+(?P<num>{_ANY_NUM}){_SP}*+部分{_SP}*+[、：:．.]?", "第"),
    _style("volume", rf"第{_SP}*+(?P<num>{_ANY_NUM}){_SP}*+编(?![章目幅])[、：:．.]?", "第"),
    # 第一篇 numbers the parts of a book, or labels one piece of a compilation
    # page (第1篇：在…上的讲话): met once at the top of a body it is a label.
    _style(
        "piece", rf"第{_SP}*+(?P<num>{_ANY_NUM}){_SP}*+篇(?![章目幅])[、：:．.]?", "第", label=True
    ),
    _style("chapter", rf"第{_SP}*+(?P<num>{_ANY_NUM}){_SP}*+章(?![程节])[、：:．.]?", "第"),
    _style("section", rf"第{_SP}*+(?P<num>{_ANY_NUM}){_SP}*+节(?![课次日])[、：:．.]?", "第"),
    # 第一条 articles count only inside a chapter (``under``): elsewhere 第一条
    # is running text (第一条经验是…).  Not before a comma or 是/要: those are points.
    _style(
        "article",
        rf"第{_SP}*+(?P<num>{_ANY_NUM}){_SP}*+条(?![件款例约目，,是要])[、：:．.]?",
        "第",
        under="chapter",
    ),
    # 一、 and, at a line start, 一，: the same style written with a comma.
    _style("cn_dun", rf"(?P<num>{_CN_NUM}){_SP}*+(?:[、，]|[．.](?![{_AR}]))", _CN),
    _style(
        "cn_paren",
        rf"{_CN_OPEN}{_SP}*+(?P<num>{_CN_NUM}){_SP}*+{_CN_CLOSE}[、．.]?",
        "（(〔",
    ),
    # A dot before a digit is a decimal (1.5倍); 、 never is (1、1-4月经济运行…).
    _style("arabic_dot", rf"(?P<num>[{_AR}]{{1,3}}){_SP}*+(?:[.．](?![{_AR}])|、)", _DIGITS),
    _style("arabic_paren", rf"{_OPEN}{_SP}*+(?P<num>[{_AR}]{{1,3}}){_SP}*+{_CLOSE}[、．.]?", "（("),
    _style("arabic_half_paren", rf"(?P<num>[{_AR}]{{1,2}}){_CLOSE}", _DIGITS),
    _style("circled", r"(?P<num>[\u2460-\u2473])[、．.]?", _CIRCLED),
    _style("paren_digit", r"(?P<num>[\u2474-\u2487])", _PAREN_DIGITS),
    _style("bare_cn", rf"(?P<num>[{_CN}]{{1,3}})(?={_SP}*+$)", _CN, own_line=True),
)

_STYLE_BY_FIRST: dict[str, tuple[NumberingStyle, ...]] = {}
for _s in NUMBERING_STYLES:
    for _ch in _s.first:
        _STYLE_BY_FIRST[_ch] = (*_STYLE_BY_FIRST.get(_ch, ()), _s)

NUMBERING_FIRST = frozenset(_STYLE_BY_FIRST)
"""Every character a numbering marker can start with: a line starting otherwise has none.

A set test in the caller's loop is cheaper than a call to :func:`match_numbering`
on each of the many lines that hold no marker.
"""


def match_numbering(text: str) -> tuple[NumberingStyle, regex.Match[str]] | None:
    """The numbering style and match at the start of ``text``, if any.

    Dispatching on the first character keeps this to one or two regex tries
    per line, which matters when a corpus has millions of lines.
    """
    if not text:
        return None
    for style in _STYLE_BY_FIRST.get(text[0], ()):
        m = style.pattern.match(text)
        if m is not None:
            return style, m
    return None


@dataclass(frozen=True, slots=True)
class Gated:
    """A pattern anchored at the start of a line, tried only where it can start.

    Why: a regex call costs about a microsecond even when it fails on the
    first character, and the front-matter and line checks call these on every
    line.  ``first`` lists every character a match can begin with, except
    for matches that end the line with a character of ``last`` (a pattern
    that can start anywhere but must end in a colon gates on its end);
    tests/test_patterns.py generates matches from ``pattern`` and checks it.
    """

    pattern: regex.Pattern[str]
    first: frozenset[str]
    last: frozenset[str] = frozenset()

    def match(self, text: str) -> regex.Match[str] | None:
        """``pattern.match(text)``, or None at once when ``text`` cannot hold a match."""
        if text[:1] in self.first or (self.last and text[-1:] in self.last):
            return self.pattern.match(text)
        return None


@dataclass(frozen=True, slots=True)
class NeedsLiteral:
    """A pattern every match of which holds ``literal``, searched only where it does.

    Why: a failed search of a widened pattern over a title-length line costs
    one to three microseconds; ``literal in text`` a tenth of that.  The
    literal must have no other written forms (no variant to widen it to),
    and tests/test_patterns.py holds each pattern to its literal.
    """

    pattern: regex.Pattern[str]
    literal: str

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> regex.Match[str] | None:
        """``pattern.search``, or None at once when ``text`` does not hold the literal."""
        if self.literal not in text:
            return None
        return self.pattern.search(text, pos, len(text) if endpos is None else endpos)


#: A paywall or template marker such as ``##paidbegin##``, anywhere in a line.
PAYWALL_MARKER = regex.compile(r"##[\p{L}\p{N}_\-]{1,40}+##")

#: Paywall prose a site prints instead of (or around) the hidden part:
#: （未完，全文共3200字）, 点击下载全文, 登录后查看全文, 剩余1200字,
#: ——此处隐藏800字，下载后查看—— (a rule of dashes or stars may frame it).
PAYWALL_PROSE = _compile_variants(
    r"""(?x)
    [-－—=＝*…·]{0,8}+
    [（(【\[]?+
    (?: 未完 | 全文共 | 点击下载 | 下载全文 | 登录后 | 查看全文 | 阅读全文
      | 剩余\s*+\d | 余下内容 | 付费阅读 | 开通会员
      | 此[处處][隐隱]藏 | 以下[隐隱]藏 | [隐隱]藏了?\d | [试試][读讀] )
    [^。]{0,40}+
    $
    """
)

#: Every character PAYWALL_PROSE can start with (a cheap test before the regex).
PAYWALL_PROSE_FIRST = with_variants_chars("-－—=＝*…·（(【[未全点下登查阅剩余付开此以隐隱试試")

#: A raw HTML tag left in scraped text: ``<b>``, ``</p>``, ``<p class="ql-block">``,
#: ``<br/>``.  Only names of tags that carry text formatting or blocks, so that
#: ``<<条例>>`` or ``a<b`` in prose is never taken for markup.
HTML_TAG = regex.compile(
    r"""(?xi)
    </?+(?P<name>p|div|br|li|ul|ol|h[1-6]|tr|td|th|table|tbody|section|article|blockquote|hr
        |b|strong|i|em|u|s|span|font|a|sup|sub|small|big|mark|img|center)
    (?![A-Za-z0-9])(?:\s[^<>]{0,300}+)?+/?>
    """
)

#: The tags of HTML_TAG that end a paragraph (the text after one is a new paragraph).
HTML_BLOCK_TAGS = frozenset(
    (
        *("p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "hr"),
        *("tr", "td", "th", "table", "tbody", "section", "article", "blockquote", "center"),
    )
)

#: A URL; a line that is only a URL is noise.
URL = regex.compile(r"(?:https?://|www\.)[\w\-./?%&=#:~+@]++", regex.IGNORECASE)

#: Page numbers on a line of their own: "- 3 -", "第3页 共5页", "3/5".
PAGE_NUMBER = regex.compile(
    rf"""(?x)
    (?: [-－—–]{_SP}*+[{_AR}]{{1,4}}{_SP}*+[-－—–]
      | 第{_SP}*+[{_AR}]{{1,4}}{_SP}*+页(?:{_SP}*+[，,/]?{_SP}*+共{_SP}*+[{_AR}]{{1,4}}{_SP}*+页)?
      | [{_AR}]{{1,4}}{_SP}*+/{_SP}*+[{_AR}]{{1,4}}
    )
    """
)

#: A site's badge with a reference code (【引证码】 AB.12.345): watermark furniture.
SITE_BADGE = regex.compile(r"【[^】]{1,12}】[\x20-\x7e\u3000\u00a0]*?[A-Za-z0-9][\x20-\x7e]*+")

#: A table-of-contents entry: a dotted leader, then a page number.
TOC_ENTRY = regex.compile(rf"(?:\.{{2,}}+|…++|·{{2,}}+|．{{2,}}+|-{{3,}}+){_SP}*+[{_AR}]{{1,4}}$")

#: The heading of a table of contents: a line reading just 目录 or 提纲 (目錄,
#: 提綱), a colon or dots may follow (目录：, 提纲……).
TOC_HEADING = _compile_variants(
    rf"(?:目{_SP}*+[录錄]|提{_SP}*+[纲綱]){_SP}*+(?:[：:]|[.．…·]++)?{_SP}*+$"
)

#: The characters TOC_HEADING can start with.
TOC_HEADING_FIRST = frozenset("目提")

#: A page number closing a table-of-contents entry that has no dotted leader
#: (第一章 总则  1): white space, then one to three digits.
TOC_PAGE = regex.compile(rf"(?<=\S){_SP}++(?P<page>[{_AR}]{{1,3}})$")

#: A web page's meta line: 文章来源：… 作者：… 发布时间：… 点击数：…
META_FIELD = _compile_variants(
    r"(?:文章来源|来源|作者|发布时间|发布日期|更新时间|点击数|点击量|浏览次数|阅读量|责任编辑|编辑)"
    rf"{_SP}*+[：:]"
)

#: A domain name (www.example.cn): a dotted run of ASCII labels; the last
#: label must be one of DOMAIN_SUFFIXES (checked in code, so the match never
#: backtracks over a long dotted run).
DOMAIN = regex.compile(r"(?:https?://)?+[A-Za-z0-9\-]++(?:\.[A-Za-z0-9\-]++)++")

#: The top-level domains material sites use.
DOMAIN_SUFFIXES = frozenset(
    ["com", "cn", "net", "org", "cc", "top", "info", "vip", "xyz", "site", "club", "wang", "me"]
)

#: What a text holding a domain with one of DOMAIN_SUFFIXES must contain (every
#: suffix is ASCII letters after a dot): a document without it, most of them,
#: skips the domain scan (``tests/test_patterns.py`` holds the two together).
DOMAIN_SEED = regex.compile(r"\.[A-Za-z]")

#: How a site's name ends (学习网, 范文站, 文库, 之家, 公文汇, 贴吧): a site-shaped word.
SITE_NAME_END = frozenset("网站库家汇吧")

#: Brackets a site puts around its name or domain inside a sentence.
WATERMARK_BRACKETS = {"（": "）", "(": ")", "【": "】", "[": "]"}

#: A site's source note in brackets, glued anywhere (（本文来源：青禾范文网）,
#: 【来源：www.example.cn】): the name ends like a site's (SITE_NAME_END) or is
#: a domain.  A source that is not a site (（来源：国家统计局）) stays text.
SOURCE_NOTE = _compile_variants(
    r"[（(【\[](?:本文|文章|资料)?+(?:来源|出处|来自|转载自)[：:\s]*+"
    r"(?:[\p{Han}A-Za-z0-9]{1,12}?[网站库家汇吧]|(?:www\.)?+[A-Za-z0-9\-]++(?:\.[A-Za-z0-9\-]++)++)"
    r"[）)】\]]"
)

#: Words a SOURCE_NOTE holds, one of which must be in a text before the regex runs.
SOURCE_NOTE_WORDS = ("来源", "來源", "出处", "出處", "来自", "來自", "转载自", "轉載自")

#: Characters that glue a footnote or an author to a title (※ in collapsed text).
TITLE_GLUE = regex.compile(rf"[（(][{_AR}{_CN}]{{2,4}}{_SP}*+年[^（）()]{{0,30}}[）)]|※")

#: Where a collapsed line may have a paragraph break: a run of white space
#: (one character wide or more: segment.py weighs the single ones), or a
#: sentence end directly followed by what may be a numbering marker.
COLLAPSED_GAP = regex.compile(rf"{_SP}++|(?<=[。！？!?][”’」』]?+)(?=[{_CN}{_AR}（(第①-⑳])")

_COLLAPSED_SPACE = regex.compile(rf"{_SP}++")
_COLLAPSED_END_BEFORE_MARKER = regex.compile(rf"[。！？!?][”’」』]?+(?=[{_CN}{_AR}（(第①-⑳])")


def collapsed_gaps(t: str) -> list[tuple[int, int]]:
    """The spans of ``COLLAPSED_GAP.finditer(t)``, found by two scans of its halves.

    The alternation with a lookbehind is tried at every character; each half
    alone starts from a character class, and the two together scan a
    collapsed line in half the time.  They never meet: a space run starts at
    a space, the empty gap before a marker after a sentence end or a quote.
    ``tests/test_patterns.py`` holds this to the pattern.
    """
    gaps = [(m.start(), m.end()) for m in _COLLAPSED_SPACE.finditer(t)]
    ends = [(m.end(), m.end()) for m in _COLLAPSED_END_BEFORE_MARKER.finditer(t)]
    if ends:
        gaps.extend(ends)
        gaps.sort()
    return gaps


#: What a paragraph never starts with: a space before one of these is spaced
#: punctuation (`` , `` `` 。``), not a lost line break.
NO_PARAGRAPH_START = frozenset("，,。、；;：:！!？?）)」』”’》〉】…%")

#: What a paragraph never ends with: a space after one of these is inside a phrase.
NO_PARAGRAPH_END = frozenset("（(“‘「『《〈【[")

#: What ends a paragraph before a lost line break: a sentence end (a closing
#: quote or bracket may follow it) or a colon (README: a space run "also after
#: a colon" is a paragraph start).
PARAGRAPH_END = frozenset("。！？!?：:")

#: What may close a quote or bracket after a sentence end.
CLOSING_QUOTE = frozenset("”’」』）)")

#: The ``D`` that material sites print for 党 (D员, 共产D人, D中央, 全D):
#: a capital D touching a Han character and no other Latin letter.
MASKED_PARTY = regex.compile(r"(?<![A-Za-z])D(?![A-Za-z])(?:(?<=\p{Han}D)|(?=\p{Han}))")

#: Placeholders that hide names or numbers: XX, ×××, **, ○○, 某某.
PLACEHOLDER = regex.compile(r"(?<![A-Za-z])X{2,}+(?![A-Za-z])|×{2,}+|\*{2,}+|○{2,}+|某某")


def holds(text: str, needle: str) -> bool:
    """``needle in text`` for a whole document, asking for its first character first.

    CPython finds a single character with a vectorised scan but a longer
    needle with a general search some twenty times slower per character; the
    markers asked for are absent from most documents, and then the first,
    fast scan alone answers.
    """
    return needle[0] in text and needle in text


def may_hold_placeholder(text: str) -> bool:
    """False when PLACEHOLDER cannot match: each alternative needs two of its characters.

    A handful of substring tests is far cheaper than the regex scan, and most
    documents hold no placeholder.
    """
    return (
        holds(text, "XX")
        or holds(text, "××")
        or holds(text, "**")
        or holds(text, "○○")
        or holds(text, "某某")
    )


#: Points inside a paragraph: 一是/二要/三抓 (a numeral and a verb),
#: 第一，/第二、, 首先/其次/再次/最后.  They count only at the start of a
#: paragraph or after the punctuation that closes a clause: see POINT_BEFORE.
#: (No look-behind in the pattern, so the engine can skip ahead by first
#: character: this runs on every paragraph.)
POINT = _compile_variants(
    rf"""(?x)
      (?P<num>[{_CN}]{{1,3}})[是要抓靠在重]
    | 第(?P<num2>[{_CN}]{{1,3}})(?=[，,、：:])
    | (?P<word>首先|其次|再次|其三|最后)(?=[，,、：:])
    """
)

#: What may stand just before a point.
POINT_BEFORE = frozenset("。；;！？!?，,：:”\u3000 \t")

#: Every character a POINT can start with.
POINT_FIRST = with_variants_chars(_CN + "第首其再最")

#: Where a point may start inside a paragraph: a POINT_BEFORE character, then
#: a POINT_FIRST one.  POINT is then tried only there.  Compiled with the
#: standard library's ``re``: a scan for two character classes needs none of
#: ``regex``'s features and runs about twice as fast there (measured on the
#: benchmark documents), and this scan runs over every paragraph.
POINT_CANDIDATE = re.compile(
    "[" + re.escape("".join(sorted(POINT_BEFORE))) + "][" + "".join(sorted(POINT_FIRST)) + "]"
)

#: A labelled point at the start of a paragraph: 理由一：, 场景二：.
POINT_LABEL = regex.compile(rf"\p{{Han}}{{2}}(?P<num3>[{_CN}]{{1,2}})(?=[：:])")


def match_point_label(text: str) -> regex.Match[str] | None:
    """POINT_LABEL at the start of ``text``; the colon is looked for first (it is rare)."""
    if "：" in text[3:5] or ":" in text[3:5]:
        return POINT_LABEL.match(text)
    return None


#: A salutation that opens a speech: 同志们：, 各位代表：, 尊敬的…：
SALUTATION = Gated(
    _compile_variants(
        r"""(?x)
        (?: 尊敬的 | 亲爱的 | 各位 | 同志们 | 老师们 | 同学们 | 朋友们 | 女士们 | 先生们 | 家长们 )
        (?: [^。！？!?]{0,60}?[：:]             # 同志们： / 各位领导、各位来宾：
            (?:[^。！？!?，,：:]{0,8}[！!。])?   # …：大家好！
          | [^。！？!?，,；;：:]{0,40}?[！!，,]  # 同志们、朋友们！ (no comma: not an exhortation)
        )$
        # 团员们、青年朋友们！: address terms in 们 (Han as a range: the pattern
        # tests generate lines with the standard re, which has no \p{Han})
        | [\u4e00-\u9fff]{1,8}?[们們](?:[、，,][\u4e00-\u9fff]{1,8}?[们們]){1,5}[：:！!]$
        """
    ),
    with_variants_chars("尊亲各同老朋女先家"),
    frozenset("：:！!"),
)

#: A subtitle: a line opened by a dash, directly after the title, with some text
#: after the dash (not only white space: ``\s`` lacks U+200B, U+FEFF and the
#: separators U+001C–U+001F, which the text would be stripped of).
SUBTITLE = Gated(
    regex.compile(r"(?:——|--|—|─{1,2}|－{1,2})(?![\s\u200b\ufeff\x1c-\x1f]*+$)"),
    frozenset("—-─－"),
)

#: A line wholly in parentheses: a date, a venue, 征求意见稿.
PARENTHESISED_LINE = Gated(regex.compile(r"[（(][^（）()]{1,80}[）)]$"), frozenset("（("))

#: A date on its own line: 2023年10月12日 or 二〇二三年十月十二日.
DATE_LINE = Gated(
    regex.compile(
        rf"[{_AR}{_CN}]{{2,4}}{_SP}*+年{_SP}*+[{_AR}{_CN}]{{1,2}}{_SP}*+月"
        rf"(?:{_SP}*+[{_AR}{_CN}]{{1,3}}{_SP}*+日?)?(?:{_SP}*+(?:上午|下午|晚上|晚))?$"
    ),
    frozenset("0123456789０１２３４５６７８９" + _CN),
)

#: A short author line under a title: a name of two to four Han characters.
AUTHOR_LINE = regex.compile(rf"\p{{Han}}(?:{_SP}?+\p{{Han}}){{1,3}}$")

#: How a speech signs off.
CLOSING = _compile_variants(
    r"""(?x)
    ^(?: [谢謝][谢謝](?:大家|各位|聆听|聆聽)? | 感[谢謝]大家 | 再次感[谢謝] )[！!。.]?$
    | 不妥之[处處] | 不当之[处處] | 不當之[处處] | 不足之[处處] | 批[评評]指正 | 敬[请請]指正
    | 以上[发發]言 | 以上[汇匯][报報] | 我的[发發]言完[毕畢] | [汇匯][报報]完[毕畢]
    """
)

#: Characters of which every CLOSING match holds one (谢, 之, 正, 言, 报, 毕): a set test is
#: far cheaper than the widened pattern, and most lines hold none.
CLOSING_GATE = with_variants_chars("谢之正言报毕")

#: Advertising that only a material site would print; strong enough mid-document.
AD_STRONG = _compile_variants(
    r"添加客服|有意加入|谨防假冒|扫码|扫一扫|公众号|微信号|QQ群|素材库|代笔|唯一平台|下载地址|关注我们|"
    r"版权所有|盗版必究|转载请注明|不得转载|转载请保留|保留链接|获取更多|更多资料|更多精彩|更多范文|"
    r"整理分享|提供下载"
)

#: Advertising vocabulary that is only trusted after the speech has ended.
AD_TRAILER = _compile_variants(
    r"会员|下载|客服|联系|微信|QQ|VIP|vip|欢迎加入|免费领取|原创|版权|转载|本文由|更多资料|购买"
)

#: The heading of a site's list of other articles after a document (相关文章：,
#: 猜你喜欢, 【推荐阅读】, 延伸阅读……): the list below it is the page's, not
#: the speech's, whatever it numbers.  The whole line is the heading.
RELATED_HEADING = _compile_variants(
    r"[【\[]?+(?:"
    r"(?:相关|推荐|热门|延伸|精彩|最新|更多|本文相关|同类)"
    r"(?:文章|推荐|阅读|范文|文档|资料|内容|素材|专题|精彩|相关)(?:文章|推荐|阅读|范文|文档|资料|内容)?+"
    r"|(?:猜你|你可能还?+)(?:喜欢|感兴趣的?+(?:文章|内容)?+)"
    r")[】\]]?+[：:]?+"
)

#: Who speaks in a site's own notice printed after a document (本站…, 本网…):
#: the site naming itself, never a site in general (a speech says 网站 too).
SITE_NOTICE_WHO = regex.compile(r"本站|本[网網]|本平台|本文[库庫]|站[长長]")

#: What a site's notice is about: rights, downloads, membership, removal.
SITE_NOTICE_WHAT = regex.compile(
    r"侵[权權]|版[权權]|[转轉][载載]|下[载載]|[删刪]除|上[传傳]|免[责責]|[声聲]明|仅供|僅供|商[业業]|[传傳]播|会员|會員"
)

#: Where a ``体裁：正标题`` title divides its genre from its main title.
TITLE_GENRE_SEPARATOR = regex.compile(r"[：:]")

#: The punctuation that ends a run-in heading.
SENTENCE_END = frozenset("。！？!?")
