"""The human explain view: aligned columns, parts and notes, candidates, colour."""

from __future__ import annotations

import regex

import speechparse
from explain_checks import CANDIDATES, FLOOD, titled_document
from speechparse.views.explain import WHAT_WIDTH, ExplainRenderer, display_width
from speechparse.views.explainer import build_explanation

ANSI = regex.compile(r"\x1b\[[0-9;]*m")


def render(text: str, **kwargs: bool) -> list[str]:
    """The rendered lines of ``text``'s explanation."""
    return ExplainRenderer(**kwargs).render(speechparse.explain(text)).splitlines()


def on_line(out: list[str], number: int) -> str:
    """The output line that starts with a source line's number (after any candidates block)."""
    (found,) = [line for line in out if line.split(" ", 1)[0] == str(number)]
    return found


def test_one_line_per_source_line_with_notes_below() -> None:
    """Each source line is one output line; a diagnostic follows its line, indented."""
    out = render(FLOOD)
    numbered = [line for line in out if line[:1].isdigit()]
    assert [int(line.split()[0]) for line in numbered] == list(range(1, FLOOD.count("\n") + 1))
    at = next(i for i, line in enumerate(out) if line.startswith("12 "))
    assert out[at + 1] == "    ! numbering-gap: numbering jumps from 2 to 4"


def test_rows_read_as_the_decisions() -> None:
    """What each body row says, in the words of the docs."""
    what = {
        int(line.split()[0]): line.split(" | ")[0][4:].rstrip()
        for line in render(FLOOD)
        if line[:1].isdigit()
    }
    assert what[3] == "blank"
    assert what[4] == "salutation"
    assert what[5] == "paragraph points 一是 二是 三是"
    assert what[6] == "H1 一、 cn_dun n=1 run-in «提高思想认识» + paragraph"
    assert what[7] == "H1 二、 cn_dun n=2"
    assert what[8] == "noise:page_number"
    assert what[11] == "paragraph [3. as text: arabic_dot not placed in the sequence]"
    assert what[12] == "H1 四、 cn_dun n=4 run-in «抓好应急演练» + noise:paywall + paragraph"
    assert [what[n] for n in (13, 14, 15)] == [
        "trailer:closing",
        "trailer:signature",
        "trailer:date",
    ]


def test_text_column_is_aligned() -> None:
    """Wherever the description fits the column, the `` | `` stands at the same place."""
    bars = {
        display_width(line.split(" | ")[0])
        for line in render(FLOOD)
        if " | " in line and display_width(line.split(" | ")[0]) <= WHAT_WIDTH + 4
    }
    assert len(bars) == 1


def test_wrapped_node_names_its_other_lines() -> None:
    """A paragraph over several lines says where it goes on and where it came from."""
    sentence = "各级干部要把心思和精力用在干事创业上，坚持实事求是，一切从实际出发。"
    flowing = "一、转变作风要从我做起，从现在做起，从小事做起。正文开头，" + sentence * 4
    wrapped = [flowing[i : i + 20] for i in range(0, len(flowing), 20)]
    out = render("关于作风建设的几点思考\n" + "\n".join(wrapped) + "\n")
    last = len(wrapped) + 1
    assert f"+ paragraph (to line {last})" in on_line(out, 3)
    assert on_line(out, 4).startswith("4   paragraph (from line 3)")


def test_collapsed_line_lists_parts_one_per_line() -> None:
    """More parts than fit on one line: a count, then each part with its own text."""
    para = "我们要坚持问题导向，把工作做细做实。" * 12
    out = render(f"同志们：{para}下面我讲两点。一、统一思想认识{para}二、狠抓工作落实。{para}\n")
    first = out.index(on_line(out, 1))
    assert regex.match(r"1  \d+ parts +\| 同志们：", out[first])
    subs = [line.strip() for line in out[first + 1 :] if line.startswith("   · ")]
    assert len(subs) >= 4
    assert all(line.startswith("· ") for line in subs)
    assert len({display_width(line.split(" | ")[0]) for line in subs}) == 1  # aligned
    assert any(
        regex.match(r"· H1 二、 cn_dun n=2 run-in «狠抓工作落实» +\| 二、狠抓工作落实。$", line)
        for line in subs
    )


def test_candidates_block_and_losing_candidates() -> None:
    """Candidates are listed first, the winner marked; a loser is noted under its line."""
    found = build_explanation(titled_document(), CANDIDATES)
    out = ExplainRenderer().render(found).splitlines()
    assert out[:4] == [
        "title candidates:",
        "  line 1  chosen  score 7.5: genre+3 below:salutation+2 short+2.5 | 学习体会：守初心担使命",
        "  line 2          score -4: salutation-4 | 同志们：",
        "",
    ]
    assert out[4].startswith(
        "1  title [genre 学习体会] (score 7.5: genre+3 below:salutation+2 short+2.5)"
    )
    assert out[5].startswith("2  salutation")
    assert out[6] == "   ? title candidate score -4: salutation-4"


def test_none_qualified() -> None:
    """No candidate chosen: the block says so."""
    losing = [c.__class__(c.start, c.end, c.text, c.score, c.signals, False) for c in CANDIDATES]
    out = (
        ExplainRenderer()
        .render(build_explanation(titled_document(title=False), losing))
        .splitlines()
    )
    assert "  none qualified: no title" in out
    assert not any(
        line.startswith("title candidates:") is False and "chosen" in line for line in out
    )


def test_no_candidates_no_block() -> None:
    """The old title stage keeps no candidates: the view starts with line 1."""
    assert ExplainRenderer().render(build_explanation(titled_document())).startswith("1  title")


def test_colour_only_when_asked() -> None:
    """Plain by default; with colour the same text between ANSI codes."""
    plain = render(FLOOD)
    coloured = render(FLOOD, color=True)
    assert not any(ANSI.search(line) for line in plain)
    assert any(ANSI.search(line) for line in coloured)
    assert [ANSI.sub("", line) for line in coloured] == plain


def test_control_characters_are_shown_as_pictures() -> None:
    """A tab or form feed in a line cannot break the columns."""
    out = render("题目\n一、甲\t乙\x0c\n")
    assert on_line(out, 2).endswith("| 一、甲␉乙␌")


def test_empty_document_renders_nothing() -> None:
    """No lines, no output."""
    assert ExplainRenderer().render(speechparse.explain("")) == ""


def test_display_width_counts_wide_characters_twice() -> None:
    """CJK and full-width characters take two columns, combining marks none."""
    assert display_width("一、a") == 5
    assert display_width("e\u0301") == 1
