"""What a site adds to a document: the patterns of noise and advertising.

Paywall markers and prose, raw HTML tags, URLs and domains, page numbers,
table-of-contents lines, meta fields, watermark brackets, a site's badges,
ads and notices.  Noise is told by these patterns in every stage (the
reader sets it aside, the title and trailer stages weigh site chrome), so
they, and the line rules built on them, live here once.
"""

from __future__ import annotations

import regex

from speechparse.lexicon.pattern_parts import AR, SP, compile_variants
from speechparse.lexicon.variants import with_variants_chars

__all__ = [
    "AD_STRONG",
    "AD_TRAILER",
    "DOMAIN",
    "DOMAIN_SEED",
    "DOMAIN_SUFFIXES",
    "HTML_BLOCK_TAGS",
    "HTML_SPACE_ENTITY",
    "HTML_TAG",
    "META_FIELD",
    "PAGE_NUMBER",
    "PAYWALL_MARKER",
    "PAYWALL_PROSE",
    "PAYWALL_PROSE_FIRST",
    "RELATED_HEADING",
    "SITE_BADGE",
    "SITE_NAME_END",
    "SITE_NOTICE_WHAT",
    "SITE_NOTICE_WHO",
    "SOURCE_NOTE",
    "SOURCE_NOTE_WORDS",
    "TOC_ENTRY",
    "TOC_HEADING",
    "TOC_HEADING_FIRST",
    "TOC_PAGE",
    "URL",
    "WATERMARK_BRACKETS",
    "is_ad_line",
]

#: A paywall or template marker such as ``##paidbegin##``, anywhere in a line.
PAYWALL_MARKER = regex.compile(r"##[\p{L}\p{N}_\-]{1,40}+##")

#: Paywall prose a site prints instead of (or around) the hidden part:
#: （未完，全文共3200字）, 点击下载全文, 登录后查看全文, 剩余1200字,
#: ——此处隐藏800字，下载后查看—— (a rule of dashes or stars may frame it).
PAYWALL_PROSE = compile_variants(
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

#: An HTML entity for white space left in scraped text (&nbsp;&nbsp;一、…): markup
#: like a tag, so a marker after it still starts its paragraph.  Entities for
#: visible characters (&ldquo;) are left as text: cutting them would lose it.
HTML_SPACE_ENTITY = regex.compile(
    r"&(?:nbsp|ensp|emsp|thinsp|\#160|\#12288|\#x3000|\#xa0|\#8194|\#8195);", regex.IGNORECASE
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
    (?: [-－—–]{SP}*+[{AR}]{{1,4}}{SP}*+[-－—–]
      | 第{SP}*+[{AR}]{{1,4}}{SP}*+页(?:{SP}*+[，,/]?{SP}*+共{SP}*+[{AR}]{{1,4}}{SP}*+页)?
      | [{AR}]{{1,4}}{SP}*+/{SP}*+[{AR}]{{1,4}}
    )
    """
)

#: A site's badge with a reference code (【引证码】 AB.12.345): watermark furniture.
SITE_BADGE = regex.compile(r"【[^】]{1,12}】[\x20-\x7e\u3000\u00a0]*?[A-Za-z0-9][\x20-\x7e]*+")

#: A site's source note in brackets, glued anywhere (（本文来源：青禾范文网）,
#: 【来源：www.example.cn】): the name ends like a site's (SITE_NAME_END) or is
#: a domain.  A source that is not a site (（来源：国家统计局）) stays text.
SOURCE_NOTE = compile_variants(
    r"[（(【\[](?:本文|文章|资料)?+(?:来源|出处|来自|转载自)[：:\s]*+"
    r"(?:[\p{Han}A-Za-z0-9]{1,12}?[网站库家汇吧]|(?:www\.)?+[A-Za-z0-9\-]++(?:\.[A-Za-z0-9\-]++)++)"
    r"[）)】\]]"
)

#: Words a SOURCE_NOTE holds, one of which must be in a text before the regex runs.
SOURCE_NOTE_WORDS = ("来源", "來源", "出处", "出處", "来自", "來自", "转载自", "轉載自")

#: A table-of-contents entry: a dotted leader, then a page number.
TOC_ENTRY = regex.compile(rf"(?:\.{{2,}}+|…++|·{{2,}}+|．{{2,}}+|-{{3,}}+){SP}*+[{AR}]{{1,4}}$")

#: The heading of a table of contents: a line reading just 目录 or 提纲 (目錄,
#: 提綱), a colon or dots may follow (目录：, 提纲……).
TOC_HEADING = compile_variants(
    rf"(?:目{SP}*+[录錄]|提{SP}*+[纲綱]){SP}*+(?:[：:]|[.．…·]++)?{SP}*+$"
)

#: The characters TOC_HEADING can start with.
TOC_HEADING_FIRST = frozenset("目提")

#: A page number closing a table-of-contents entry that has no dotted leader
#: (第一章 总则  1): white space, then one to three digits.
TOC_PAGE = regex.compile(rf"(?<=\S){SP}++(?P<page>[{AR}]{{1,3}})$")

#: A web page's meta line: 文章来源：… 作者：… 发布时间：… 点击数：…
META_FIELD = compile_variants(
    r"(?:文章来源|来源|作者|发布时间|发布日期|更新时间|点击数|点击量|浏览次数|阅读量|责任编辑|编辑)"
    rf"{SP}*+[：:]"
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

#: Advertising that only a material site would print; strong enough mid-document.
AD_STRONG = compile_variants(
    r"添加客服|有意加入|谨防假冒|扫码|扫一扫|公众号|微信号|QQ群|素材库|代笔|唯一平台|下载地址|关注我们|"
    r"版权所有|盗版必究|转载请注明|不得转载|转载请保留|保留链接|获取更多|更多资料|更多精彩|更多范文|"
    r"整理分享|提供下载"
)

#: Advertising vocabulary that is only trusted after the speech has ended.
AD_TRAILER = compile_variants(
    r"会员|下载|客服|联系|微信|QQ|VIP|vip|欢迎加入|免费领取|原创|版权|转载|本文由|更多资料|购买"
)

#: The heading of a site's list of other articles after a document (相关文章：,
#: 猜你喜欢, 【推荐阅读】, 延伸阅读……): the list below it is the page's, not
#: the speech's, whatever it numbers.  The whole line is the heading.
RELATED_HEADING = compile_variants(
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


def is_ad_line(clean: str) -> bool:
    """Whether a line inside the body is a site's advertisement.

    Speeches talk about 公众号 too, so an ad line must also name a way to
    reach the seller: a bracketed site name, an account, a contact colon.
    After the speech has ended the lexer is less strict (see lexer.py).
    """
    return (
        len(clean) <= 200
        and (
            clean[:1] in ("【", "[")
            or "：" in clean
            or ":" in clean
            or ("客" in clean and "客服" in clean)  # one character first: see chars.holds
        )
        and AD_STRONG.search(clean) is not None
    )
