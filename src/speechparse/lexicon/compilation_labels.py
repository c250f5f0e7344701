"""How a compilation page labels its pieces and counts them, and a listing numbers its items.

A page that gathers several documents labels each piece before or after
its title and counts them on the page title; the title stage strips these
labels to find the piece's own title, and they are told apart from a
site's decorations (title_decorations.py) because they carry structure.
"""

from __future__ import annotations

import regex

from speechparse.lexicon.gated import EndGated
from speechparse.lexicon.pattern_parts import AR, CN_TEN, FROM_END, SP, compile_variants
from speechparse.lexicon.title_patterns import GENRE_WORDS
from speechparse.lexicon.variants import with_variants_chars

__all__ = [
    "COMPILATION_COUNT",
    "ITEM_LABEL_END",
    "ITEM_LABEL_START",
    "LABEL_FIRST",
    "LISTING_NUMBER",
    "TRAILING_TAG",
]

#: The characters a match of LEADING_DECORATION, ITEM_LABEL_START or LISTING_NUMBER opens with
#: (an opening bracket; 第, 篇 or 【; a digit): a title line opening otherwise is not matched.
LABEL_FIRST = (
    frozenset("（(【[［〔〖「『〈«‹<")
    | with_variants_chars("第篇【范")
    | frozenset("0123456789０１２３４５６７８９")
)

#: A bracketed category tag at the end of a title line: 【讲话稿】, [心得体会], 〔调研文章〕.
TRAILING_TAG = EndGated(
    regex.compile(r"[【\[［〔〖][^】\]］〕〗]{1,10}[】\]］〕〗]$", FROM_END),
    frozenset("】］〕〗"),
    frozenset(),
)

#: A compilation count on a page title: (精选5篇), 【7篇】, (大全9篇), 汇编4篇, 合集.
COMPILATION_COUNT = EndGated(
    compile_variants(
        rf"""(?x)
        {SP}*
        (?: [（(【\[]{SP}*(?:精选|优秀|实用|通用|热门|最新|大全|推荐|汇编|合集|范文)?
            {SP}*[{AR}{CN_TEN}]{{1,3}}{SP}*篇{SP}*(?:范文|合集|汇编)?[）)】\]]
          | (?:精选|大全|汇编|合集)[{AR}{CN_TEN}]{{0,3}}篇?
          | [{AR}{CN_TEN}]{{1,3}}篇(?:范文|合集|汇编)?
        )$
        """,
        FROM_END,
    ),
    # A closing bracket, 篇, a numeral, or the last character of 精选 大全 汇编 合集 范文.
    with_variants_chars("）】篇选全编集文０１２３４５６７８９" + CN_TEN),
    frozenset(),
)

#: A compilation's item label before the piece's title: 第一篇：, 第1篇, 篇一, 【篇1】, 范文一：.
ITEM_LABEL_START = compile_variants(
    rf"(?:第{SP}*+[{AR}{CN_TEN}]{{1,3}}{SP}*+篇|篇{SP}*+[{AR}{CN_TEN}]{{1,3}}"
    rf"|范文{SP}*+[{AR}{CN_TEN}]{{1,3}}(?={SP}*+[：:、.．])"
    rf"|【{SP}*+篇?{SP}*+[{AR}{CN_TEN}]{{1,3}}{SP}*+篇?】)"
    rf"{SP}*+[：:、.．]?{SP}*+"
)

#: A compilation's item label after the piece's title: …篇一, …【篇1】, and, after a genre
#: word only, a bare trailing numeral (…心得体会1, …讨论稿一).
ITEM_LABEL_END = EndGated(
    compile_variants(
        rf"(?:篇{SP}*[{AR}{CN_TEN}]{{1,3}}|【{SP}*篇{SP}*[{AR}{CN_TEN}]{{1,3}}{SP}*】|"
        rf"(?<=(?:{GENRE_WORDS}))[{AR}{CN_TEN}]{{1,2}})$",
        FROM_END,
    ),
    with_variants_chars(
        "】０１２３４５６７８９" + CN_TEN
    ),  # a numeral or the bracket closing 【篇1】
    frozenset(),
)

#: A listing's item number before a page title (30. 在…上的讲话).
LISTING_NUMBER = regex.compile(rf"(?P<num>[{AR}]{{1,3}}){SP}*+[.．、]{SP}*+(?=\p{{Han}})")
