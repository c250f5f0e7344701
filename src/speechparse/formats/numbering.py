"""Word's automatic numbering: ``word/numbering.xml`` and the counters Word keeps.

Why: in most real .docx speeches the labels 一、 （一） 1. are not in the
text; Word computes them while it lays the document out.  This module does
the same computation, in document order:

- a paragraph's ``(numId, ilvl)`` comes from its own ``w:numPr`` or from its
  paragraph style (through ``w:basedOn``); a style's ``numPr`` without
  ``ilvl`` takes the level whose ``w:pStyle`` names the style;
- ``w:num`` instances point at a ``w:abstractNum``; counters belong to the
  abstract definition, so two instances of one definition continue each
  other's count, unless an instance's ``w:lvlOverride/w:startOverride``
  restarts a level the first time that instance is used;
- a level's counter starts at ``w:start`` and restarts whenever a higher
  level is numbered (``w:lvlRestart`` changes which levels restart it; 0
  means never);
- ``w:lvlText`` such as ``%1、`` or ``（%2）`` is filled with each level's
  counter in that level's ``w:numFmt`` (``w:isLgl`` forces decimal).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from speechparse.formats.numformat import format_number
from speechparse.formats.ooxml import W, attr, child

__all__ = ["Level", "Numbering", "Styles"]


@dataclass(frozen=True)
class Level:
    """One ``w:lvl`` of an abstract definition."""

    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    restart: int | None = None
    legal: bool = False
    style: str | None = None
    suffix: str = "tab"


def _level(node: etree._Element, base: Level | None = None) -> Level:
    base = base or Level()
    start = attr(child(node, "start"))
    fmt = attr(child(node, "numFmt"))
    text = child(node, "lvlText")
    restart = attr(child(node, "lvlRestart"))
    style = attr(child(node, "pStyle"))
    suffix = attr(child(node, "suff"))
    legal = child(node, "isLgl")
    return Level(
        start=_int(start, base.start),
        fmt=fmt if fmt is not None else base.fmt,
        text=(attr(text) or "") if text is not None else base.text,
        restart=_int(restart, -1) if restart is not None else base.restart,
        legal=(attr(legal) not in ("0", "false", "off")) if legal is not None else base.legal,
        style=style if style is not None else base.style,
        suffix=suffix if suffix is not None else base.suffix,
    )


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


@dataclass
class _Instance:
    """A ``w:num``: its abstract definition and the overrides it brings."""

    abstract: str
    levels: dict[int, Level] = field(default_factory=dict)
    starts: dict[int, int] = field(default_factory=dict)
    used: bool = False


class Styles:
    """Paragraph styles: the numbering and the outline level each one carries."""

    def __init__(self, root: etree._Element | None) -> None:
        self.based_on: dict[str, str] = {}
        self.num: dict[str, tuple[str | None, int | None]] = {}
        self.outline: dict[str, int] = {}
        self.names: dict[str, str] = {}
        if root is None:
            return
        for style in root.iterfind(f"{W}style"):
            sid = attr(style, "styleId")
            if sid is None:
                continue
            self.names[sid] = (attr(child(style, "name")) or sid).lower()
            based = attr(child(style, "basedOn"))
            if based:
                self.based_on[sid] = based
            ppr = child(style, "pPr")
            numpr = child(ppr, "numPr")
            if numpr is not None:
                ilvl = attr(child(numpr, "ilvl"))
                self.num[sid] = (attr(child(numpr, "numId")), _int(ilvl, 0) if ilvl else None)
            outline = attr(child(ppr, "outlineLvl"))
            if outline is not None:
                self.outline[sid] = _int(outline, 9)

    def chain(self, sid: str | None) -> list[str]:
        """The style and the styles it is based on, nearest first (cycles cut)."""
        out: list[str] = []
        while sid is not None and sid not in out and len(out) < 32:
            out.append(sid)
            sid = self.based_on.get(sid)
        return out

    def numbering(self, sid: str | None) -> tuple[str | None, int | None, str | None]:
        """``(numId, ilvl, style that carries it)`` inherited from a style."""
        for s in self.chain(sid):
            if s in self.num:
                num_id, ilvl = self.num[s]
                return num_id, ilvl, s
        return None, None, None

    def heading_level(self, sid: str | None) -> int | None:
        """1-based heading level: ``w:outlineLvl``, or a name like Heading 2 / 标题 2."""
        for s in self.chain(sid):
            if s in self.outline:
                level = self.outline[s]
                return level + 1 if level < 9 else None
            name = self.names.get(s, "")
            for prefix in ("heading ", "标题 ", "标题"):
                rest = name.removeprefix(prefix)
                if rest != name and rest.isdigit() and 1 <= int(rest) <= 9:
                    return int(rest)
        return None


class Numbering:
    """The definitions of ``numbering.xml`` and the counters of one pass over a document."""

    def __init__(self, root: etree._Element | None, styles: Styles) -> None:
        self.styles = styles
        self.abstracts: dict[str, dict[int, Level]] = {}
        self.instances: dict[str, _Instance] = {}
        self.counters: dict[str, dict[int, int]] = {}
        if root is None:
            return
        links: dict[str, str] = {}
        for node in root.iterfind(f"{W}abstractNum"):
            aid = attr(node, "abstractNumId")
            if aid is None:
                continue
            self.abstracts[aid] = {
                _int(attr(lvl, "ilvl"), 0): _level(lvl) for lvl in node.iterfind(f"{W}lvl")
            }
            link = attr(child(node, "numStyleLink"))
            if link:
                links[aid] = link
        for node in root.iterfind(f"{W}num"):
            nid = attr(node, "numId")
            aid = attr(child(node, "abstractNumId"))
            if nid is None or aid is None:
                continue
            inst = _Instance(aid)
            for override in node.iterfind(f"{W}lvlOverride"):
                ilvl = _int(attr(override, "ilvl"), 0)
                start = attr(child(override, "startOverride"))
                if start is not None:
                    inst.starts[ilvl] = _int(start, 1)
                lvl = child(override, "lvl")
                if lvl is not None:
                    base = self.abstracts.get(aid, {}).get(ilvl)
                    inst.levels[ilvl] = _level(lvl, base)
            self.instances[nid] = inst
        # A definition that only links to a numbering style (w:numStyleLink)
        # takes its levels from the definition that style's numbering uses.
        for aid, link in links.items():
            num_id, _, _ = styles.numbering(link)
            target = self.instances.get(num_id or "")
            if target is not None and target.abstract != aid:
                self.abstracts[aid] = self.abstracts.get(target.abstract, {})

    def _levels(self, inst: _Instance) -> dict[int, Level]:
        levels = dict(self.abstracts.get(inst.abstract, {}))
        levels.update(inst.levels)
        return levels

    def paragraph(
        self, num_id: str | None, ilvl: int | None, style: str | None
    ) -> tuple[str, str] | None:
        """The label and suffix of one paragraph, advancing the counters; None when unnumbered.

        ``num_id``/``ilvl`` are the paragraph's own ``w:numPr`` values (None
        when absent); ``style`` its paragraph style, which supplies what the
        paragraph leaves out.
        """
        style_num, style_ilvl, carrier = self.styles.numbering(style)
        if num_id is None:
            num_id = style_num
        if num_id is None or num_id == "0":
            return None
        inst = self.instances.get(num_id)
        if inst is None:
            return None
        levels = self._levels(inst)
        if ilvl is None:
            ilvl = style_ilvl
        if ilvl is None:
            ilvl = next((k for k, lv in levels.items() if lv.style == carrier), 0)
        level = levels.get(ilvl)
        if level is None:
            return None
        counters = self.counters.setdefault(inst.abstract, {})
        if not inst.used:
            inst.used = True
            for k in inst.starts:
                counters.pop(k, None)
        start = inst.starts.get(ilvl, level.start)
        counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else start
        for deeper in [k for k in counters if k > ilvl]:
            restart = levels[deeper].restart if deeper in levels else None
            if restart is None or (restart > 0 and ilvl < restart):
                del counters[deeper]
        return self._label(level, levels, counters, inst), level.suffix

    @staticmethod
    def _label(
        level: Level, levels: dict[int, Level], counters: dict[int, int], inst: _Instance
    ) -> str:
        out: list[str] = []
        text = level.text
        k = 0
        while k < len(text):
            ch = text[k]
            if ch == "%" and k + 1 < len(text) and text[k + 1] in "123456789":
                ref = int(text[k + 1]) - 1
                ref_level = levels.get(ref, Level())
                value = counters.get(ref, inst.starts.get(ref, ref_level.start))
                fmt = "decimal" if level.legal and ref_level.fmt != "decimalZero" else ref_level.fmt
                out.append(format_number(value, fmt))
                k += 2
                continue
            out.append(ch)
            k += 1
        return "".join(out)
