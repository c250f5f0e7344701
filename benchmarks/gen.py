"""Generate speech-like documents of a chosen size for the benchmarks.

Every sentence is assembled here from invented fragments (places, names,
slogans); nothing comes from the real corpus.  The output has what scraped
speeches have: a ``体裁：正标题`` title, a ``——`` subtitle, a dateline, a
salutation, a preamble, headings at several levels (第一部分 / 一、 / （一） /
1. / （1）), run-in headings, page-number and ad lines inside the body, a
``##paidbegin##`` marker in the middle of a paragraph, closing words and an ad
trailer.

The generator is deterministic for a given ``(size, seed)``, so two runs of
the benchmark parse the same bytes.

    python benchmarks/gen.py 60000 --seed 2 > /tmp/doc60k.txt
"""

from __future__ import annotations

import argparse
import random
import sys

__all__ = [
    "CN_NUMERALS",
    "cn_numeral",
    "document",
    "headings",
    "paragraph",
    "points",
    "sentence",
]

_PLACES = ("青禾县", "柳溪镇", "云杉区", "北岚市", "石渠乡", "澄湖新区", "桐坪街道", "南漪县")
_ORGS = ("县委办公室", "区发改局", "镇党委", "市住建局", "街道工委", "乡纪委", "县财政局")
_MEETINGS = (
    "年轻干部座谈会",
    "主题教育读书班",
    "全县作风建设推进会",
    "第二季度经济运行分析会",
    "基层党建观摩会",
    "理论学习中心组集体学习会",
)
_GENRES = ("研讨交流发言", "讲话稿", "党课讲稿", "心得体会", "工作报告", "主题党日交流发言")
_SURNAMES = "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨"
_GIVEN = "明远晓岚嘉禾思源秋实静安景行志诚若谷清和"

_VERBS = (
    "坚持", "聚焦", "深化", "推动", "强化", "统筹", "压实", "锤炼", "夯实", "健全",
    "涵养", "激发", "优化", "提升",
)  # fmt: skip
_OBJECTS = (
    "学思用贯通", "知信行统一", "基层治理效能", "干部队伍建设", "营商环境", "民生保障底线",
    "责任链条", "调查研究", "纪律规矩意识", "群众工作本领", "产业发展后劲", "安全生产防线",
    "项目建设质效", "乡村振兴成果",
)  # fmt: skip
_ARENAS = (
    "攻坚克难", "服务群众", "改革创新", "真抓实干", "守正创新", "急难险重任务",
    "日常小事", "矛盾纠纷化解",
)  # fmt: skip
_VIRTUES = ("担当之能", "清廉之气", "实干之风", "为民之心", "信仰之基", "奋斗之志", "创新之力")
_OPENERS = (
    "从实际情况看，",
    "回顾过去一段时间的工作，",
    "结合这次调研掌握的情况，",
    "对照群众的期盼，",
    "站在新的起点上，",
    "应当清醒地看到，",
    "",
    "",
)
_BODIES = (
    "{p}在{o}方面还存在一些短板，个别同志{a}的办法不多、底气不足",
    "我们要把{o}摆在更加突出的位置，{v}措施、细化分工、跟踪问效",
    "{n}同志在{p}蹲点期间，带头{v}{o}，一个月内走访农户一百余户",
    "只有{v}{o}，才能在{a}中站得稳、走得远",
    "各级党组织要{v}主体责任，把{o}纳入年度考核，做到有部署、有检查、有通报",
    "实践证明，{o}抓得紧不紧，直接关系到{p}发展的成色",
    "要以“{o}”为抓手，{v}制度建设，让好经验好做法固化下来",
    "去年以来，{p}累计投入资金三千二百万元，{v}{o}，群众满意度明显提升",
    "我们既要看到成绩，也要正视问题，特别是在{a}中暴露出的作风漂浮、落实不力等问题",
    "{o}不是一朝一夕的事，必须久久为功、持续用力，在{a}中不断{v}{w}",
    "有的同志把“{o}”挂在嘴上，却没有落实到行动上，这种现象必须坚决纠正",
    "（{n}在{m}上的讲话提到）{o}要做到心中有数、手中有招",
)
_CLOSERS = ("。", "。", "。", "！", "；")


def _name(rng: random.Random) -> str:
    return rng.choice(_SURNAMES) + "".join(rng.sample(_GIVEN, 2))


def sentence(rng: random.Random) -> str:
    """One sentence of running text, ending with 。 or ！ (or ； mid-paragraph)."""
    body = rng.choice(_BODIES).format(
        p=rng.choice(_PLACES),
        o=rng.choice(_OBJECTS),
        a=rng.choice(_ARENAS),
        v=rng.choice(_VERBS),
        w=rng.choice(_VIRTUES),
        n=_name(rng),
        m=rng.choice(_MEETINGS),
    )
    return rng.choice(_OPENERS) + body + rng.choice(_CLOSERS)


_ORDINALS = ("一是", "二是", "三是", "四是")
_SEQUENCE = ("首先，", "其次，", "再次，", "最后，")


def points(rng: random.Random) -> str:
    """A sentence that enumerates: 一是…；二是…；三是… or 首先，…其次，…"""
    n = rng.randint(2, 4)
    words = _ORDINALS if rng.random() < 0.7 else _SEQUENCE
    parts = [
        f"{words[k]}{rng.choice(_VERBS)}{rng.choice(_OBJECTS)}，在{rng.choice(_ARENAS)}中见实效"
        for k in range(n)
    ]
    return "；".join(parts) + "。"


def paragraph(rng: random.Random, sentences: tuple[int, int] = (2, 5)) -> str:
    """A paragraph ending with a full stop; one in four enumerates points."""
    parts = [sentence(rng) for _ in range(rng.randint(*sentences))]
    if rng.random() < 0.25:
        parts.insert(rng.randrange(len(parts) + 1), points(rng))
    text = "".join(parts)
    return text[:-1] + "。"


def _heading(rng: random.Random) -> str:
    """A heading without a closing sentence end: 坚持X，在Y中Z."""
    return (
        f"{rng.choice(_VERBS)}{rng.choice(_OBJECTS)}，"
        f"在{rng.choice(_ARENAS)}中{rng.choice(_VERBS)}{rng.choice(_VIRTUES)}"
    )


CN_NUMERALS = "一二三四五六七八九十"


def cn_numeral(n: int) -> str:
    """Chinese numeral for 1 ≤ n ≤ 99 (十一, 二十, 九十九)."""
    if not 1 <= n <= 99:
        raise ValueError(n)
    tens, ones = divmod(n, 10)
    if tens == 0:
        return CN_NUMERALS[ones - 1]
    head = "" if tens == 1 else CN_NUMERALS[tens - 1]
    return head + "十" + (CN_NUMERALS[ones - 1] if ones else "")


def _marker(style: str, n: int) -> str:
    if style == "part":
        return f"第{cn_numeral(n)}部分　"
    if style == "cn_dun":
        return f"{cn_numeral(n)}、"
    if style == "cn_paren":
        return f"（{cn_numeral(n)}）"
    if style == "arabic_dot":
        return f"{n}."
    return f"（{n}）"


class _Writer:
    """Collects lines and counts UTF-8 bytes as it goes."""

    def __init__(self, rng: random.Random, indent: str) -> None:
        self.rng = rng
        self.indent = indent
        self.lines: list[str] = []
        self.size = 0
        self.paragraphs = 0
        self.paywall_at = -1

    def line(self, text: str) -> None:
        self.lines.append(text)
        self.size += len(text.encode("utf-8")) + 1

    def para(self) -> None:
        text = paragraph(self.rng)
        self.paragraphs += 1
        if self.paragraphs == self.paywall_at:
            cut = len(text) // 2
            text = text[:cut] + "##paidbegin##" + text[cut:]
        if self.paragraphs % 97 == 0:
            self.line("- " + str(self.paragraphs // 97) + " -")  # a page number
        if self.paragraphs % 211 == 0:
            self.line("【云杉文稿库】扫码关注公众号，获取更多精品材料：ysw2024")
        self.line(self.indent + text)


# (style, children per parent, paragraphs under the heading, run-in probability)
_SHAPES: dict[str, tuple[tuple[str, tuple[int, int], tuple[int, int], float], ...]] = {
    "small": (
        ("cn_dun", (0, 0), (1, 1), 0.5),
        ("cn_paren", (2, 2), (1, 1), 0.6),
        ("arabic_dot", (0, 2), (0, 1), 1.0),
    ),
    "medium": (
        ("cn_dun", (0, 0), (1, 2), 0.4),
        ("cn_paren", (2, 4), (1, 2), 0.6),
        ("arabic_dot", (0, 4), (1, 2), 0.9),
        ("arabic_paren", (0, 3), (0, 1), 1.0),
    ),
    "large": (
        ("part", (0, 0), (1, 2), 0.0),
        ("cn_dun", (4, 9), (1, 2), 0.4),
        ("cn_paren", (2, 5), (1, 2), 0.6),
        ("arabic_dot", (0, 4), (1, 2), 0.9),
        ("arabic_paren", (0, 3), (0, 1), 1.0),
    ),
}


def _section(w: _Writer, shape: tuple, depth: int, number: int, budget: int) -> None:
    style, _, paras, run_in = shape[depth]
    rng = w.rng
    marker = _marker(style, number)
    if rng.random() < run_in:
        w.line(w.indent + marker + _heading(rng) + "。" + paragraph(rng, (1, 3)))
        n_paras = rng.randint(*paras) - 1
    else:
        w.line(w.indent + marker + _heading(rng))
        n_paras = rng.randint(*paras)
    for _ in range(max(n_paras, 0)):
        w.para()
    if depth + 1 < len(shape):
        lo, hi = shape[depth + 1][1]
        for k in range(1, rng.randint(lo, hi) + 1):
            if w.size >= budget:
                return
            _section(w, shape, depth + 1, k, budget)


def document(size: int, seed: int = 0) -> str:
    """A document of about ``size`` UTF-8 bytes (a little more, never much less).

    Up to ~20 KB the sections nest 一、/（一）/1.; up to ~500 KB a level
    （1） is added; larger documents are compilations split into 第N部分.
    """
    rng = random.Random(seed)
    shape = _SHAPES["small" if size <= 20_000 else "medium" if size <= 500_000 else "large"]
    w = _Writer(rng, indent=rng.choice(("　　", "", "  ")))
    place, meeting = rng.choice(_PLACES), rng.choice(_MEETINGS)
    w.line(
        f"{rng.choice(_GENRES)}：{rng.choice(_VERBS)}{rng.choice(_OBJECTS)} 奋力谱写{place}新篇章"
    )
    w.line(f"——在{place}{meeting}上的讲话")
    w.line(f"（{2020 + seed % 6}年{1 + seed % 12}月{1 + seed % 28}日）")
    w.line(_name(rng))
    w.line("")
    w.line("同志们：")
    w.line(w.indent + paragraph(rng, (2, 4)))
    # the paywall marker lands in a paragraph about a third of the way in
    w.paywall_at = max(2, size // 600 // 3)
    budget = size - 220
    top = 0
    while w.size < budget:
        top += 1
        if top > 99:  # the numerals used here stop at 九十九: start a new run
            top = 1
        _section(w, shape, 0, top, budget)
    w.line("以上发言，不妥之处，敬请各位批评指正。")
    w.line("【云杉文稿库】每日更新精品材料，会员专享一键下载，客服微信：ysw8866")
    w.line("##paidend##")
    return "\n".join(w.lines) + "\n"


def headings(size: int, seed: int = 0) -> str:
    """A document of nothing but heading lines, nested four deep: the densest input.

    Every line becomes a section node with a marker, a number, a heading and
    their spans, so this is where the parser holds the most per byte of
    input (``benchmarks/memory.py`` measures the worst case on it).  Short
    headings (a verb and an object) alternate with full ones.
    """
    rng = random.Random(seed)
    lines: list[str] = []
    total = 0
    counts = [0, 0, 0, 0]
    depth = 0
    styles = ("cn_dun", "cn_paren", "arabic_dot", "arabic_paren")
    while total < size:
        counts[depth] += 1
        if counts[depth] > 99:  # the numerals used here stop at 九十九
            counts[depth] = 1
        for deeper in range(depth + 1, len(counts)):
            counts[deeper] = 0
        text = rng.choice(_VERBS) + rng.choice(_OBJECTS) if rng.random() < 0.5 else _heading(rng)
        line = _marker(styles[depth], counts[depth]) + text
        lines.append(line)
        total += len(line.encode("utf-8")) + 1
        depth = max(0, min(len(counts) - 1, depth + rng.choice((-2, -1, 0, 1, 1))))
    return "\n".join(lines) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("size", type=int, help="target size in UTF-8 bytes")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--headings", action="store_true", help="nothing but heading lines")
    args = ap.parse_args()
    make = headings if args.headings else document
    sys.stdout.write(make(args.size, args.seed))


if __name__ == "__main__":
    main()
