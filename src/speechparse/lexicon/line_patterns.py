"""The shapes of whole lines around a speech: salutation, subtitle, date, author, closing.

The front-matter, title and trailer stages and segmentation ask these of a
line's clean text; the title vocabulary (genre words, page furniture) is
in title_patterns.py, numbering in numbering.py, noise in noise_patterns.py.
"""

from __future__ import annotations

import regex

from speechparse.lexicon.gated import Gated
from speechparse.lexicon.pattern_parts import AR, CN, SP, compile_variants
from speechparse.lexicon.variants import with_variants_chars

__all__ = [
    "AUTHOR_LINE",
    "CLOSING",
    "CLOSING_GATE",
    "DATE_LINE",
    "PARENTHESISED_LINE",
    "SALUTATION",
    "SUBTITLE",
    "TITLE_GENRE_SEPARATOR",
    "TITLE_GLUE",
]

#: Characters that glue a footnote or an author to a title (※ in collapsed text).
TITLE_GLUE = regex.compile(rf"[（(][{AR}{CN}]{{2,4}}{SP}*+年[^（）()]{{0,30}}[）)]|※")


#: A salutation that opens a speech: 同志们：, 各位代表：, 尊敬的…：
SALUTATION = Gated(
    compile_variants(
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
        rf"[{AR}{CN}]{{2,4}}{SP}*+年{SP}*+[{AR}{CN}]{{1,2}}{SP}*+月"
        rf"(?:{SP}*+[{AR}{CN}]{{1,3}}{SP}*+日?)?(?:{SP}*+(?:上午|下午|晚上|晚))?$"
    ),
    frozenset("0123456789０１２３４５６７８９" + CN),
)

#: A short author line under a title: a name of two to four Han characters.
AUTHOR_LINE = regex.compile(rf"\p{{Han}}(?:{SP}?+\p{{Han}}){{1,3}}$")

#: How a speech signs off.
CLOSING = compile_variants(
    r"""(?x)
    ^(?: [谢謝][谢謝](?:大家|各位|聆听|聆聽)? | 感[谢謝]大家 | 再次感[谢謝] )[！!。.]?$
    | 不妥之[处處] | 不当之[处處] | 不當之[处處] | 不足之[处處] | 批[评評]指正 | 敬[请請]指正
    | 以上[发發]言 | 以上[汇匯][报報] | 我的[发發]言完[毕畢] | [汇匯][报報]完[毕畢]
    """
)

#: Characters of which every CLOSING match holds one (谢, 之, 正, 言, 报, 毕): a set test is
#: far cheaper than the widened pattern, and most lines hold none.
CLOSING_GATE = with_variants_chars("谢之正言报毕")

#: Where a ``体裁：正标题`` title divides its genre from its main title.
TITLE_GENRE_SEPARATOR = regex.compile(r"[：:]")
