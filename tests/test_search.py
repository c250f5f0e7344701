"""``speechparse search``'s query language, ranking, exit codes and masked text.

Every search runs against a real SQLite index built by ``index_paths`` or the
installed ``speechparse index``; the query language is parsed by speechparse
and only quoted strings ever reach FTS5, so arbitrary text is a hit list or
one syntax error, never an SQLite error.
"""

from __future__ import annotations

import json
import math
import random
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from speechparse import parse_text
from speechparse.apps.cli import NO_HITS
from speechparse.apps.index import (
    SCHEMA_VERSION,
    WEIGHTS,
    Index,
    IndexDatabaseError,
    QuerySyntaxError,
    index_paths,
    search,
    unmasked,
)
from speechparse.apps.index_match import K1, B, compile_query, fold, pairs
from speechparse.apps.search_syntax import And, Node, Not, Or, Term, parse_query, positive_terms
from speechparse.views.chunks import chunk_document
from test_batch import cli
from test_index import FLOOD, assert_tokens_match

DROUGHT = """\
抗旱保供工作推进会讲话
同志们：
　　入夏以来全县降雨偏少，部分乡镇出现旱情，抗旱保供任务艰巨。
一、摸清底数，掌握旱情动态
　　各乡镇要逐村排查水源，建立台账，每周报送一次旱情信息。
二、多措并举，保障群众饮水
　　对缺水村组实行送水上门，确保群众饮水不断档。
谢谢大家！
"""

WATER = """\
村级工作例会发言
同志们：
　　这个月的重点是环境整治和饮水安全，饮水安全关系每一户，饮水安全要常抓不懈。
一、抓好环境整治
　　清理房前屋后的杂物，做到日常保洁。
"""

SAFETY = """\
汛期工作部署会讲话
同志们：
　　下面我讲三点意见。
一、守护饮水安全
　　逐一检查集中供水点。
"""

PARTY = """\
D员教育工作会议讲话
同志们：
　　今天召开会议，部署共产D员学习教育工作。
一、加强D性修养
　　每名D员都要对照XX同志的先进事迹查找差距。
二、从严管理监督
　　各支部每季度开展一次谈心谈话。
"""


def write(folder: Path, **docs: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in docs.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One index of invented documents, shared by the read-only tests."""
    root = tmp_path_factory.mktemp("search")
    folder = write(
        root / "docs",
        flood=FLOOD,
        drought=DROUGHT,
        water=WATER,
        safety=SAFETY,
        party=PARTY,
    )
    path = root / "i.sqlite"
    index_paths([folder], path)
    return path


def names(hits: list[object]) -> list[str]:
    return [Path(h.path).stem for h in hits]  # type: ignore[attr-defined]  # Hit


# -- the grammar ---------------------------------------------------------------


def test_parse_tree_of_each_construct() -> None:
    """Side by side is AND, OR binds looser, - and NOT negate, : filters, * ends a prefix."""
    t = Term
    assert parse_query("防汛 水库") == And((t("防汛"), t("水库")))
    assert parse_query("防汛 AND 水库") == And((t("防汛"), t("水库")))
    assert parse_query("防汛 水库 OR 抗旱") == Or((And((t("防汛"), t("水库"))), t("抗旱")))
    assert parse_query("防汛 (水库 OR 抗旱)") == And((t("防汛"), Or((t("水库"), t("抗旱")))))
    assert parse_query('"盯紧 山塘" -水库') == And((t("盯紧 山塘"), Not(t("水库"))))
    assert parse_query("防汛 NOT 水库") == And((t("防汛"), Not(t("水库"))))
    assert parse_query("“学思践悟”") == t("学思践悟")  # Chinese quotes are phrase quotes too
    assert parse_query("乡村*") == t("乡村", prefix=True)
    assert parse_query("title:防汛") == t("防汛", column="title")
    assert parse_query("heading：（一）") == t("（一）", column="heading")  # full-width colon
    assert parse_query('text:"a b"*') == t("a b", column="text", prefix=True)
    assert parse_query("heading:(防汛 OR 抗旱)") == Or(
        (t("防汛", column="heading"), t("抗旱", column="heading"))
    )
    # What is not syntax is text: lower-case operators, other colons, full-width brackets.
    assert parse_query("or and not") == And((t("or"), t("and"), t("not")))
    assert parse_query("a:b （一） 2024-06") == And((t("a:b"), t("（一）"), t("2024-06")))
    assert parse_query("- x") == And((t("-"), t("x")))


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "empty query"),
        ("   ", "empty query"),
        ('"防汛', "unclosed quote (at character 1)"),
        ("“防汛", "unclosed quote (at character 1)"),
        ('""', "empty phrase"),
        ("(防汛", "'(' without ')' (at character 1)"),
        ("防汛)", "')' without '(' (at character 3)"),
        ("()", "empty parentheses"),
        ("防汛 OR", "'OR' needs a term after it"),
        ("OR 防汛", "a term is missing before 'OR'"),
        ("AND 防汛", "'AND' needs a term before it"),
        ("防汛 NOT", "'NOT' needs a term after it"),
        ("-防汛", "cannot be only NOT terms"),
        ("NOT 防汛", "cannot be only NOT terms"),
        ("防汛 OR -水库", "cannot be only NOT terms"),
        ("title:", "'title:' needs a term after it"),
        ("*", "'*' needs a term before it"),
        ("防*汛", "'*' may only end a term"),
        ("--防汛 水库", "'-' twice"),
        ("(" * 40 + "防汛" + ")" * 40, "nested more than 32 deep"),
    ],
)
def test_syntax_errors_are_one_line(query: str, message: str) -> None:
    """Each malformed query is one QuerySyntaxError, a usage error (exit code 2)."""
    with pytest.raises(QuerySyntaxError) as info:
        parse_query(query)
    text = str(info.value)
    assert text.startswith("query: ") and message in text and "\n" not in text
    assert info.value.exit_code == 2


# -- what matches ----------------------------------------------------------------


def test_terms_phrases_or_not(db: Path) -> None:
    """AND, OR, NOT and grouping select the documents a reader would expect."""
    assert names(search(db, "降雨偏多")) == ["flood"]
    assert sorted(set(names(search(db, "降雨 旱情", limit=50)))) == ["drought"]
    assert sorted(set(names(search(db, "降雨偏多 OR 降雨偏少", limit=50)))) == [
        "drought",
        "flood",
    ]
    assert set(names(search(db, "(降雨偏多 OR 降雨偏少) -旱情", limit=50))) == {"flood"}
    assert set(names(search(db, "(降雨偏多 OR 降雨偏少) NOT 抗旱保供", limit=50))) == {"flood"}
    # A run of Han characters is a phrase: its characters adjacent and in order.
    assert search(db, "水库小型") == []
    assert names(search(db, "小型水库")) == ["flood"]
    # A quoted phrase keeps its white space; the words apart are two terms.
    assert search(db, '"防汛 形势"') == []
    assert names(search(db, "防汛 形势")) == ["flood"]
    # Quotes inside Chinese text: “…” is a phrase, and finds the words in any quotes.
    assert names(search(db, "“二十四小时值守”")) == ["flood"]


def test_short_terms_combine_with_operators(db: Path) -> None:
    """One- and two-character terms work under OR, NOT and filters, and are ranked."""
    assert set(names(search(db, "滑坡 OR 旱情", limit=50))) == {"flood", "drought"}
    assert set(names(search(db, "降雨 -旱情", limit=50))) == {"flood"}
    assert set(names(search(db, "降雨偏 -旱", limit=50))) == {"flood"}
    hits = search(db, "heading:底数")
    assert [h.heading_path[-1] for h in hits] == ["一、摸清底数，掌握旱情动态"]
    ranked = search(db, "降雨偏多 (滑坡 OR 河道)") + search(db, "坡")
    assert ranked and all(h.score is not None and h.score < 0 for h in [*hits, *ranked])


def test_prefix_is_a_substring_search(db: Path) -> None:
    """``乡镇*`` finds what ``乡镇`` finds: terms match anywhere, so every term is a prefix."""
    assert search(db, "抗旱保*") == search(db, "抗旱保")
    assert search(db, "抗旱保*")


def _chunk(ordinal: int, text: str, heading_path: list[str]) -> dict[str, object]:
    """A chunk in its JSON form, as ``batch --format chunks`` writes it."""
    return {
        "id": f"c{ordinal}",
        "ordinal": ordinal,
        "part": 0,
        "level": len(heading_path) - 1,
        "sections": [],
        "heading_path": heading_path,
        "numbers": [],
        "text": text,
        "spans": [[0, len(text)]],
        "char_count": len(text),
        "overlap_chars": 0,
    }


@pytest.fixture(scope="module")
def latin(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An index of chunks mixing Latin words into Chinese text."""
    path = tmp_path_factory.mktemp("latin") / "l.sqlite"
    texts = [
        ("发展AI技术和AIGC应用", "一、人工智能"),
        ("请发EMAIL联系办公室", "二、邮件"),
        ("COVID-19疫情防控", "三、Covid应对"),
        ("ai芯片 said 乡村振兴", "四、其他"),
    ]
    with Index(path) as index:
        chunks = [
            _chunk(k, text, ["MAIL系统发展报告", head]) for k, (text, head) in enumerate(texts)
        ]
        index.add("d1", chunks, path="d1.txt", title="MAIL系统发展报告")
    return path


def test_latin_prefix_matches_where_a_word_begins(latin: Path) -> None:
    """``AI*`` finds AI技术 and AIGC, not EMAIL; without ``*`` a term is a substring anywhere."""
    ids = {q: [h.chunk_id for h in search(latin, q, limit=10)] for q in ("AI*", "ai*", "text:AI")}
    assert sorted(ids["AI*"]) == ["c0", "c3"] and ids["ai*"] == ids["AI*"]
    assert sorted(ids["text:AI"]) == ["c0", "c1", "c3"]  # EMAIL holds ai
    assert search(latin, "text:MAIL*") == [] and search(latin, "aid*") == []
    assert [h.chunk_id for h in search(latin, "EMAIL*")] == ["c1"]
    assert [h.chunk_id for h in search(latin, "text:COVID*")] == ["c2"]
    assert [h.chunk_id for h in search(latin, "heading:cov*")] == ["c2"]
    assert search(latin, "title:ai*") == [] and len(search(latin, "title:mail*", limit=10)) == 4
    assert search(latin, "title:发展*", limit=10) == search(latin, "title:发展", limit=10)
    # A Chinese prefix is a substring anywhere, as before.
    assert [h.chunk_id for h in search(latin, "村振*")] == ["c3"]
    snippet = search(latin, "text:ai* -EMAIL", limit=10)
    assert {h.snippet for h in snippet} == {"发展«AI»技术和«AI»GC应用", "«ai»芯片 said 乡村振兴"}


@pytest.fixture(scope="module")
def common(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Chunks of a five-character alphabet: 甲 in every chunk, 戊 in no heading or title."""
    rng = random.Random(13)
    path = tmp_path_factory.mktemp("common") / "c.sqlite"
    with Index(path) as index:
        for d in range(6):
            chunks = []
            for k in range(8):
                text = "甲" + "".join(rng.choices("甲乙丙丁戊", k=rng.randint(5, 40)))
                heading = "".join(rng.choices("甲乙丙", k=rng.randint(0, 4)))
                chunks.append(_chunk(k, text, [f"乙{d}号文", *([heading] if heading else [])]))
            index.add(f"d{d}", chunks, path=f"d{d}.txt", title=f"乙{d}号文")
    return path


def _bm25f(path: Path, query: str) -> list[tuple[float, int, str]]:
    """The ranking written out in Python, every column of every term: (score, rowid, chunk id)."""
    with sqlite3.connect(path) as conn:
        rows = conn.execute(
            "SELECT c.rowid, c.id, coalesce(d.match_title, d.title, ''), "
            "coalesce(c.match_heading, c.heading), coalesce(c.match_path, c.path), "
            "coalesce(c.match_text, c.text) FROM chunks c JOIN documents d USING (doc)"
        ).fetchall()
    node = parse_query(query)
    names_ = ("title", "heading", "path", "text")
    chunks = [
        (row, cid, dict(zip(names_, map(fold, cols), strict=True))) for row, cid, *cols in rows
    ]
    n = float(len(chunks))
    avg = {c: max(sum(len(x[2][c]) for x in chunks) / n, 1.0) for c in names_}
    terms = list(dict.fromkeys(t for t in positive_terms(node)))
    out = []
    for row, cid, columns in chunks:
        if not _holds(node, columns):
            continue
        total = 0.0
        for k, term in enumerate(terms):
            literal = fold(unmasked(term.text))
            df = sum(_holds(term, x[2]) for x in chunks)
            idf = math.log(1 + (n - df + 0.5) / (df + 0.5))
            where = {None: names_, "heading": ("heading", "path")}.get(term.column, (term.column,))
            tf = 0.0
            for j, column in enumerate(where):
                value = columns[column]
                norm = 1 - B + B * len(value) / avg[column]
                removed = value.count(literal) * len(literal)  # what replace() takes out
                part = WEIGHTS[column] * (removed / float(len(literal))) / norm
                tf = part if j == 0 else tf + part
            part = idf * (K1 + 1) * (1 - K1 / (tf + K1))
            total = part if k == 0 else total + part
        out.append((-total, row, cid))
    return sorted(out)


@pytest.mark.parametrize(
    "query", ["甲", "甲乙", "戊", "戊 甲", "丙丁 OR 戊", "甲 -heading:丙", "乙"]
)
def test_common_terms_rank_as_bm25f_says(common: Path, query: str) -> None:
    """A term in every chunk, a term in no heading: the shortcuts keep every hit and its score."""
    expected = _bm25f(common, query)
    for limit in (3, 10, 100):
        hits = search(common, query, limit=limit)
        assert [(h.score, h.chunk_id) for h in hits] == [(s, c) for s, _, c in expected[:limit]]


def test_shortcuts_are_taken() -> None:
    """A term every chunk holds is no condition; a column without it is not scored."""
    stats = {"chunks": 10.0, "title": 20.0, "heading": 30.0, "path": 0.0, "text": 900.0}
    node = parse_query("甲")
    assert isinstance(node, Term)
    plain = compile_query(node, [node], stats, lambda _: 4)
    assert plain.where != "1" and plain.documents and plain.score.count("replace(") == 4
    fast = compile_query(node, [node], stats, lambda _: 10, lambda _, c: c == "text")
    assert fast.where == "1" and not fast.documents and fast.score.count("replace(") == 1


def test_column_filters(db: Path) -> None:
    """title: looks in the document title only, heading: in the headings under it."""
    assert set(names(search(db, "title:讲话", limit=50))) == {
        "flood",
        "drought",
        "safety",
        "party",
    }
    assert search(db, "title:饮水安全") == []
    assert set(names(search(db, "heading:饮水安全", limit=50))) == {"safety"}
    assert set(names(search(db, "text:饮水安全", limit=50))) == {"water"}
    assert set(names(search(db, "饮水安全", limit=50))) == {"safety", "water"}
    # A heading under the title is not the title: 防汛 is in flood's title and a heading.
    under = search(db, "heading:防汛这根弦")
    assert [h.heading_path[-1] for h in under] == ["一、认清形势，绷紧防汛这根弦"]
    assert search(db, "heading:防汛工作会议") == []


def test_heading_and_title_matches_rank_above_body_matches(db: Path) -> None:
    """bm25 with heading and title weights: a section headed 饮水安全 beats a body saying it thrice."""
    assert WEIGHTS["heading"] > WEIGHTS["text"] and WEIGHTS["title"] > WEIGHTS["text"]
    hits = search(db, "饮水安全", limit=50)
    assert names(hits) == ["safety", "water"]
    assert hits[0].heading_path[-1] == "一、守护饮水安全"
    assert hits[0].score is not None and hits[1].score is not None
    assert hits[0].score < hits[1].score  # lower is better
    # The title: every chunk of the document with 抗旱保供 in its title ranks
    # above the one chunk of another that only says it in its text.
    root = db.parent / "rank"
    write(root, drought=DROUGHT, other=WATER.replace("环境整治和", "抗旱保供和"))
    ranked = root / "r.sqlite"
    index_paths([root], ranked)
    order = names(search(ranked, "抗旱保供", limit=50))
    assert order[-1] == "other" and set(order[:-1]) == {"drought"}


def test_a_sections_own_chunk_ranks_above_its_subsections(tmp_path: Path) -> None:
    """The section whose heading says 学思践悟 comes before the subsections standing under it."""
    path = tmp_path / "i.sqlite"
    index_paths(["examples/speech.txt"], path)
    hits = search(path, "学思践悟")
    assert [h.heading_path[-1] for h in hits] == [
        "一、坚定理想信念，在“学思践悟”中把稳思想之舵",
        "（一）学深一层",
        "（二）想远一步",
    ]
    assert {h.heading_path[-1] for h in search(path, "heading:学思践悟")} == {
        h.heading_path[-1] for h in hits
    }


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.text(
        alphabet=st.sampled_from(list("防汛水库\"“”()（）*-: ：ORANDNOTtitle heading\\%_'^{}+,.")),
        max_size=30,
    )
)
def test_any_text_is_hits_or_one_syntax_error(db: Path, query: str) -> None:
    """No query reaches SQLite as syntax: each is a hit list or a QuerySyntaxError."""
    try:
        search(db, query)
    except QuerySyntaxError as exc:
        message = str(exc)
    else:
        message = ""
    assert "\n" not in message


# -- masked text -------------------------------------------------------------------


def test_masked_text_is_found_by_the_real_word(db: Path) -> None:
    """D员 is found by 党员 (and 共产党员), the snippet shows the text as written."""
    short = search(db, "党员")  # two characters: one token, over the unmasked text
    assert set(names(short)) == {"party"}
    assert any("«D员»" in h.snippet for h in short)
    long = search(db, "共产党员")  # four: its tokens, then the unmasked text checked
    assert names(long) == ["party"]
    assert "共产«D员»" not in long[0].snippet and "«共产D员»" in long[0].snippet
    # Headings and titles are matched unmasked too; what is shown is as written.
    hit = search(db, "heading:党性修养")[0]
    assert hit.heading_path[-1] == "一、加强D性修养"
    assert set(names(search(db, "title:党员教育", limit=50))) == {"party"}
    # Placeholders have nothing to restore: XX is matched as written.
    assert "«XX同志»" in search(db, "XX同志")[0].snippet
    # The snippet's source span points at the original text.
    assert "部署共产D员学习" in "".join(PARTY[a:b] for a, b in long[0].spans)


def test_unmask_flag_changes_snippets_not_matching(tmp_path: Path) -> None:
    """With or without --unmask the same chunks match; --unmask shows 党 in snippets."""
    folder = write(tmp_path / "docs", party=PARTY)
    plain, restored = tmp_path / "plain.sqlite", tmp_path / "unmasked.sqlite"
    cli("index", folder, "--db", plain)
    cli("index", folder, "--db", restored, "--unmask")
    for query in ("党员", "共产党员", "党性", "D员", "共产D员"):
        found = []
        for path in (plain, restored):
            out = cli("search", query, "--db", path, "--json").stdout
            found.append([json.loads(line) for line in out.splitlines()])
        a, b = found
        assert a and [h["chunk_id"] for h in a] == [h["chunk_id"] for h in b], query
        assert all("党" not in h["snippet"] for h in a), query  # shown as written
    assert "«共产党员»" in search(restored, "共产党员")[0].snippet
    assert "«共产D员»" in search(plain, "共产D员")[0].snippet  # a query is unmasked too


def test_unmasked_matches_the_parsers_unmask() -> None:
    """The index restores masks exactly as ``parse_text(..., unmask=True)`` does."""
    plain = chunk_document(parse_text(PARTY))
    restored = chunk_document(parse_text(PARTY, unmask=True))
    assert [unmasked(c.text) for c in plain] == [c.text for c in restored]
    assert [[unmasked(h) for h in c.heading_path] for c in plain] == [
        list(c.heading_path) for c in restored
    ]
    assert unmasked("DNA 检测和 D员") == "DNA 检测和 党员"


# -- the command line --------------------------------------------------------------


def test_cli_exit_codes(db: Path) -> None:
    """0 with hits, 1 without (grep's convention), 2 with one line for a bad query."""
    ok = cli("search", "小型水库 OR 旱情", "--db", db)
    assert ok.returncode == 0 and ok.stdout
    none = cli("search", "不存在的词语", "--db", db, check=False)
    assert none.returncode == NO_HITS == 1
    assert none.stdout == b"" and none.stderr == b"speechparse: no hits\n"
    empty_json = cli("search", "不存在的词语", "--db", db, "--json", check=False)
    assert empty_json.returncode == 1 and empty_json.stdout == b""
    bad = cli("search", '"小型水库', "--db", db, check=False)
    assert bad.returncode == 2 and bad.stdout == b""
    assert bad.stderr.decode() == "speechparse: query: unclosed quote (at character 1)\n"
    # A syntax error is found before the database is opened.
    missing = cli("search", "(水库", "--db", db.parent / "none.sqlite", check=False)
    assert missing.returncode == 2
    # A query may start with '-' (a NOT term after it) without being taken for an option.
    lead = cli("search", "-旱情 降雨", "--db", db, "--json")
    assert {Path(json.loads(x)["path"]).stem for x in lead.stdout.splitlines()} == {"flood"}
    unknown = cli("search", "水库", "--db", db, "--jsn", check=False)
    assert unknown.returncode == 2


def test_cli_human_lines_and_json(db: Path) -> None:
    """Three lines a hit for a reader; one JSON object a line, best first, for programs."""
    out = cli("search", "heading:饮水安全 OR 饮水安全", "--db", db).stdout.decode()
    lines = out.splitlines()
    assert lines[0].startswith("1. 汛期工作部署会讲话  [") and lines[0].endswith("safety.txt]")
    assert lines[1] == "   汛期工作部署会讲话 › 一、守护饮水安全"
    assert lines[3].startswith("2. 村级工作例会发言  [")
    assert lines[5].count("«饮水安全»") == 3
    hits = [
        json.loads(x) for x in cli("search", "饮水安全", "--db", db, "--json").stdout.splitlines()
    ]
    assert [Path(h["path"]).stem for h in hits] == ["safety", "water"]
    assert set(hits[0]) == {
        "doc_id",
        "path",
        "title",
        "chunk_id",
        "ordinal",
        "heading_path",
        "snippet",
        "spans",
        "score",
    }


# -- schema versions ---------------------------------------------------------------


def _old_index(path: Path) -> None:
    """A database as speechparse wrote it before schema 2 (FTS over heading and text)."""
    with sqlite3.connect(path) as conn:
        conn.executescript(
            """
            CREATE TABLE documents (id TEXT PRIMARY KEY, path TEXT, title TEXT,
                chunk_count INTEGER, indexed_at TEXT);
            CREATE TABLE chunks (rowid INTEGER PRIMARY KEY, id TEXT, doc_id TEXT,
                ordinal INTEGER, part INTEGER, level INTEGER, sections TEXT,
                heading_path TEXT, heading TEXT, numbers TEXT, text TEXT, spans TEXT,
                char_count INTEGER, overlap_chars INTEGER);
            CREATE VIRTUAL TABLE chunks_fts USING fts5(heading, text, content='chunks',
                content_rowid='rowid', tokenize='trigram');
            PRAGMA user_version = 1;
            """
        )


def test_an_old_index_asks_for_a_rebuild(tmp_path: Path) -> None:
    """Schema 1 is refused in one line naming --rebuild; index --rebuild makes it current."""
    old = tmp_path / "old.sqlite"
    _old_index(old)
    proc = cli("search", "水库", "--db", old, check=False)
    err = proc.stderr.decode()
    assert proc.returncode == IndexDatabaseError.exit_code and err.count("\n") == 1
    assert f"older speechparse (schema 1, this one reads {SCHEMA_VERSION})" in err
    assert "--rebuild" in err
    folder = write(tmp_path / "docs", flood=FLOOD)
    assert cli("index", folder, "--db", old, check=False).returncode == 3
    cli("index", folder, "--db", old, "--rebuild")
    assert names(search(old, "小型水库")) == ["flood"]
    with sqlite3.connect(old) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    newer = tmp_path / "newer.sqlite"
    with sqlite3.connect(newer) as conn:
        conn.execute("PRAGMA user_version = 9")
    with pytest.raises(IndexDatabaseError, match="newer speechparse"):
        Index(newer)


def test_token_tables_stay_consistent(tmp_path: Path) -> None:
    """The token tables pass FTS5's integrity-check and totals add up after a replacement."""
    folder = write(tmp_path / "docs", party=PARTY, flood=FLOOD)
    path = tmp_path / "i.sqlite"
    index_paths([folder], path)
    (folder / "party.txt").write_text(PARTY.replace("共产D员", "全体D员"), encoding="utf-8")
    index_paths([folder / "party.txt"], path)
    assert search(db=path, query="共产党员") == []
    assert names(search(path, "全体党员")) == ["party"]
    with sqlite3.connect(path) as conn:
        for table in ("chunks_pairs", "chunks_head"):
            conn.execute(f"INSERT INTO {table}({table}) VALUES ('integrity-check')")
        stored = conn.execute("SELECT count(*) FROM chunks WHERE match_text IS NOT NULL").fetchone()
        assert stored[0] == 2  # only the two chunks holding a mask store their text twice
        totals = conn.execute("SELECT chunks, title, heading, path, text FROM totals").fetchone()
        summed = conn.execute(
            "SELECT count(*), sum(length(coalesce(d.match_title, d.title, ''))), "
            "sum(length(coalesce(c.match_heading, c.heading))), "
            "sum(length(coalesce(c.match_path, c.path))), "
            "sum(length(coalesce(c.match_text, c.text))) FROM chunks c JOIN documents d USING (doc)"
        ).fetchone()
        assert totals == summed
        lengths = conn.execute(
            "SELECT count(*) FROM chunks WHERE text_length != length(coalesce(match_text, text))"
        ).fetchone()
        assert lengths[0] == 0
    assert_tokens_match(path)


# -- every term from the index: tokens narrow, the text decides ----------------------

QUERIES = (
    "滑坡",
    "坡",
    "旱情 OR 滑坡",
    "降雨 -旱情",
    "heading:底数",
    "title:抗旱",
    "党员",
    "党",
    "降雨偏多 (滑坡 OR 河道)",
    "XX",
    "一、",
    "值",
    "小型水库",
    "防汛 形势",
    '"防汛 形势"',
    "heading:(防汛 OR 抗旱)",
    "text:饮水安全 -环境",
    "二十四小时值守",
    "水库水库",
)


def _holds(node: Node, columns: dict[str, str]) -> bool:
    """The query's meaning, written out: substrings of the matched columns (the oracle)."""
    if isinstance(node, Term):
        names = {None: list(columns), "heading": ["heading", "path"]}.get(
            node.column, [node.column]
        )
        return any(fold(unmasked(node.text)) in columns[c] for c in names)
    if isinstance(node, Not):
        return not _holds(node.item, columns)
    if isinstance(node, Or):
        return any(_holds(item, columns) for item in node.items)
    return all(_holds(item, columns) for item in node.items)


def _oracle(path: Path, query: str) -> set[str]:
    node = parse_query(query)
    with sqlite3.connect(path) as conn:
        rows = conn.execute(
            "SELECT c.id, coalesce(d.match_title, d.title, ''), "
            "coalesce(c.match_heading, c.heading), coalesce(c.match_path, c.path), "
            "coalesce(c.match_text, c.text) FROM chunks c JOIN documents d USING (doc)"
        ).fetchall()
    found = set()
    for chunk_id, *cols in rows:
        columns = dict(zip(("title", "heading", "path", "text"), map(fold, cols), strict=True))
        if _holds(node, columns):
            found.add(chunk_id)
    return found


@pytest.mark.parametrize("query", QUERIES)
def test_hits_are_exactly_the_chunks_that_hold_the_terms(db: Path, query: str) -> None:
    """One character or many, any filter: the hits are the chunks a substring check selects."""
    assert {h.chunk_id for h in search(db, query, limit=10_000)} == _oracle(db, query)


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_any_substring_of_the_text_finds_its_chunks(db: Path, data: st.DataObject) -> None:
    """Random substrings of the indexed text (punctuation, digits, masks included) as terms."""
    with sqlite3.connect(db) as conn:
        texts = [t for (t,) in conn.execute("SELECT text FROM chunks ORDER BY rowid")]
    text = data.draw(st.sampled_from(texts))
    start = data.draw(st.integers(0, max(len(text) - 1, 0)))
    piece = text[start : start + data.draw(st.integers(1, 6))].strip()
    if not piece or any(ch in piece for ch in '"“”()'):
        return
    column = data.draw(st.sampled_from(["", "text:", "heading:", "title:"]))
    query = f'{column}"{piece}"'
    assert {h.chunk_id for h in search(db, query, limit=10_000)} == _oracle(db, query)


def test_short_terms_flag_is_accepted_and_changes_nothing(db: Path, tmp_path: Path) -> None:
    """``index --short-terms`` (schema 3's opt-in pairs table) gives the very same index."""
    folder = db.parent / "docs"
    flagged = tmp_path / "flagged.sqlite"
    cli("index", folder, "--db", flagged, "--short-terms")
    for query in QUERIES:
        assert search(flagged, query, limit=100) == search(db, query, limit=100), query


def test_replaced_and_removed_documents_leave_no_tokens(tmp_path: Path) -> None:
    """A replaced document's old words are gone, its new ones found; the tables stay whole."""
    folder = write(tmp_path / "docs", flood=FLOOD, party=PARTY)
    path = tmp_path / "i.sqlite"
    index_paths([folder], path)
    (folder / "flood.txt").write_text(FLOOD.replace("滑坡", "塌方"), encoding="utf-8")
    index_paths([folder], path)
    assert search(path, "滑坡") == [] and search(path, "滑") == []
    assert names(search(path, "塌方")) == ["flood"]
    (folder / "party.txt").unlink()
    index_paths([folder], path)
    assert search(path, "党员") == []
    assert_tokens_match(path)


def test_tokens_are_pairs_and_each_runs_last_character() -> None:
    """ASCII folded to lower case, then full width, so FTS5's ascii tokenizer keeps tokens whole."""
    assert pairs("滑坡隐患，A1 点") == "滑坡 坡隐 隐患 患， ，ａ ａ１ １ 点"
    assert pairs("（一）") == "（一 一） ）"
    assert pairs("") == ""
