"""The Markdown export, parsed back with markdown-it-py (CommonMark + GFM tables)."""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from goaltui.io import markdown
from goaltui.model import FUND_FIELDS, Document, Funds, Indicator, Project, Unit
from goaltui.safe_text import terminal_safe
from tests.strategies import AWKWARD, CELL_TEXT

Token = Any


def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark").enable("table").enable("strikethrough")


def _inline_text(inline: Token) -> str:
    """What a reader sees in an inline token: text, with <br> as a line break."""
    parts = []
    for child in inline.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif (child.type == "html_inline" and child.content == "<br>") or child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
        elif child.type in ("strong_open", "strong_close"):
            continue
        else:
            raise AssertionError(f"unexpected markup {child.type} in {inline.content!r}")
    return "".join(parts)


def _tables(text: str) -> list[list[list[str]]]:
    """Every table as rows of cell texts (header row first)."""
    tables: list[list[list[str]]] = []
    row: list[str] | None = None
    for token in _parser().parse(text):
        if token.type == "table_open":
            tables.append([])
        elif token.type == "tr_open":
            row = []
        elif token.type == "inline" and row is not None:
            row.append(_inline_text(token))
        elif token.type == "tr_close":
            assert row is not None
            tables[-1].append(row)
            row = None
    return tables


def _headings(text: str) -> list[tuple[str, str]]:
    tokens = _parser().parse(text)
    return [(tokens[i].tag, _inline_text(tokens[i + 1])) for i, tok in enumerate(tokens) if tok.type == "heading_open"]


def test_seed_tables(seed: Document) -> None:
    text = markdown.render(seed)
    tables = _tables(text)
    assert len(tables) == 1 + seed.project_count()
    summary = tables[0]
    assert summary[0] == [
        "项目实施单位",
        "项目名称",
        "合计",
        "一般公共预算",
        "政府性基金",
        "专户资金",
        "其他资金",
        "指标数",
    ]
    assert summary[1] == ["区人大办", "财政系统联网监督系统", "10.00", "10.00", "", "", "", "5"]
    assert summary[5] == ["区人大办", "区代表工作经费", "97.20", "97.20", "", "", "", "5"]
    assert summary[8][1] == "区人大刊物/信息专项"
    assert len(summary) == 1 + 9 + 1
    totals = seed.fund_totals()
    assert summary[-1] == ["总计", "", *(f"{totals[f]:.2f}" for f in FUND_FIELDS), "54"]
    assert summary[-1][2] == "564.20"
    for (_unit, project), table in zip(seed.projects(), tables[1:], strict=True):
        assert table[0] == ["序号", "一级指标", "明细指标", "指标值", "指标描述"]
        assert table[1:] == [
            [str(n), i.level1, i.name, i.value, i.description] for n, i in enumerate(project.indicators, start=1)
        ]
    headings = _headings(text)
    assert headings[0] == ("h1", "2020年区级部门预算项目绩效目标汇总表")
    assert ("h2", "区人大办") in headings
    assert [h for tag, h in headings if tag == "h3"] == [p.name for _u, p in seed.projects()]
    assert "填报部门：绍兴市柯桥区人民代表大会常务委员会办公室" in text
    assert "资金安排（万元）：合计 97.20；一般公共预算 97.20" in text
    assert "联系电话：84119169" in text


# Markdown trims cell edges, so edge spaces are out (CELL_TEXT has none); line breaks inside
# are in (they become <br>), and so are all the characters that make markup.
MARKUP = st.text(alphabet=st.sampled_from(list("\\`*_[]<>&|~#!()-+.:=ab1中 ")), min_size=1, max_size=12)
CELL = st.one_of(CELL_TEXT, AWKWARD.map(str.strip), MARKUP.map(str.strip)).filter(bool)
MULTILINE = st.lists(CELL, min_size=1, max_size=3).map("\n".join)


@settings(max_examples=200, deadline=None)
@given(texts=st.lists(st.one_of(CELL, MULTILINE), min_size=4, max_size=4), name=CELL)
def test_every_cell_shows_as_typed(texts: list[str], name: str) -> None:
    """As typed, except that control, bidi and invisible characters show as marks (␛, <U+00AD>)."""
    indicator = Indicator(level1=texts[0], name=texts[1], value=texts[2], description=texts[3])
    document = Document(
        title=name, notes=texts[3], units=[Unit(name=name, projects=[Project(name=name, indicators=[indicator])])]
    )
    text = markdown.render(document)
    tokens = _parser().parse(text)
    notes_heading = max(i for i, tok in enumerate(tokens) if tok.type == "heading_open")
    assert _inline_text(tokens[notes_heading + 1]) == "备注"
    assert tokens[notes_heading + 3].type == "paragraph_open"  # a paragraph, not a list, rule or code block
    texts = [terminal_safe(cell) for cell in texts]
    name = terminal_safe(name)
    assert _inline_text(tokens[notes_heading + 4]) == texts[3]
    tables = _tables(text)
    assert tables[1][1] == ["1", *texts]
    assert tables[0][1][:2] == [name, name]
    flat = " ".join(name.split())
    assert _headings(text)[0] == ("h1", flat)
    assert ("h3", flat) in _headings(text)


def test_problems_are_listed_per_project() -> None:
    good = [Indicator(level1="产出指标", name=f"数量{n}", value=f"{n}个", description="d") for n in range(5)]
    document = Document(
        title="t",
        department="d",
        units=[
            Unit(
                name="u",
                projects=[
                    Project(name="少", funds=Funds(total=Decimal(1), general_budget=Decimal(1)), indicators=good[:2]),
                    Project(name="空值", funds=Funds(total=Decimal(3)), indicators=[Indicator(level1="产出指标")]),
                ],
            )
        ],
    )
    text = markdown.render(document, with_problems=True)
    first, second = text.split("### 少")[1].split("### 空值")
    assert "`E-PROJ-TOO-FEW`" in first and "`E-PROJ-TOO-FEW`" in second
    assert "**错误**" in first
    assert "`E-FUNDS-SUM`" in second and "`E-FUNDS-SUM`" not in first
    assert "第 1 条指标" in second  # row-level problems name their row
    assert "#### 检查结果" in first
    assert "`E-" not in markdown.render(document)  # only with with_problems
    # the table's section gives the counts, and never says 未发现问题 when there are problems
    whole = text.split("## 全表检查结果")[1].split("## u")[0]
    assert "未发现问题" not in whole
    assert "错误 " in whole and "警告 " in whole and "提示 " in whole


def test_markdown_counts_the_problems_of_the_whole_table() -> None:
    from goaltui.io.text_table import read
    from tests.rules.helpers import good_document

    document = read(Path(__file__).resolve().parent.parent / "data" / "keqiao_renda_2020.txt")
    text = markdown.render(document, with_problems=True)
    whole = text.split("## 全表检查结果")[1].split("\n## ")[0]
    assert "共 32 项问题：错误 0 项，警告 17 项，提示 15 项" in whole and "未发现问题" not in whole
    clean = markdown.render(good_document(), with_problems=True)
    assert "未发现问题" in clean.split("## 全表检查结果")[1].split("\n## ")[0]


def test_convert_to_markdown_through_the_cli(seed_path: Path, tmp_path: Path) -> None:
    target = tmp_path / "seed.md"
    result = subprocess.run(
        [sys.executable, "-m", "goaltui", "convert", str(seed_path), str(target), "--with-problems"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# 2020年区级部门预算项目绩效目标汇总表\n")
    assert "`W-PROJ-NO-SATISFACTION`" in text


@settings(max_examples=500)
@given(
    st.one_of(
        st.text(),
        AWKWARD,
        st.sampled_from(["a\r\nb", "\\|x|", "_x_ *b* `c` <d> & ~e # !f", "行1\r行2\n", "\x1b]52;c;x\x07\u202e1"]),
    )
)
def test_escape_is_the_plain_substitution(text: str) -> None:
    """The fast escape gives exactly what the plain definition gives: per line, unsafe characters
    shown visibly, then each markup character backslash-escaped; the lines joined with <br>."""
    import re

    from goaltui.safe_text import terminal_safe

    lines = re.split(r"\r\n|\r|\n", text)
    reference = "<br>".join(re.sub(r"([\\`*_\[\]<>&|~#!])", r"\\\1", terminal_safe(line)) for line in lines)
    assert markdown.escape(text) == reference
