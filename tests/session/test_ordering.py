"""Sorting on request: a project's rows by 一级指标, projects by name (pinyin) or amount; one undo."""

from __future__ import annotations

from decimal import Decimal

from goaltui.model import Document, Indicator
from goaltui.session import Selection, Session
from goaltui.session import operations as ops
from goaltui.session.ordering import ProjectOrder, sort_indicators, sort_projects


def test_indicators_by_level1_keeping_the_order_within_each(seed: Document) -> None:
    session = Session(seed)
    project = seed.units[0].projects[0]
    project.indicators[1:1] = [
        Indicator(level1="满意度", name="满意"),
        Indicator(level1="成本指标", name="成本"),
        Indicator(level1="效益指标", name="效益一"),
        Indicator(level1="", name="未填"),
    ]
    before = [row.name for row in project.indicators]
    command = sort_indicators(seed, Selection(project.key))
    assert command is not None
    session.execute(command)
    assert [row.name for row in project.indicators] == [
        "出具第三方评价时间", "监督跟踪跨度年份", "提出意见建议数", "涉及项目数",
        "效益一", "加强财政资金使用管理", "满意", "成本", "未填",
    ]  # fmt: skip
    assert sort_indicators(seed, Selection(project.key)) is None  # already in order
    session.undo()
    assert [row.name for row in project.indicators] == before


def test_projects_by_name_in_pinyin_and_by_amount(seed: Document) -> None:
    session = Session(seed)
    unit = seed.units[0]
    before = [p.name for p in unit.projects]
    session.execute(sort_projects(seed, Selection(node=("unit", unit.key)), ProjectOrder.NAME))  # type: ignore[arg-type]
    names = [p.name for p in unit.projects]
    assert names[0] == "财政系统联网监督系统" and names[-1] == "人大工作专项"  # cai… before lao… qu… ren…
    assert names.index("老领导（研究会）工作经费") < names.index("区代表工作经费")
    session.undo()
    assert [p.name for p in unit.projects] == before
    session.execute(sort_projects(seed, Selection(node=("doc", 0)), ProjectOrder.AMOUNT))  # type: ignore[arg-type]
    totals = [p.funds.total for p in unit.projects]
    assert totals == sorted(totals, reverse=True) and totals[0] == Decimal(200)  # type: ignore[type-var]
    assert sort_projects(seed, Selection(node=("doc", 0)), ProjectOrder.AMOUNT) is None


def test_fill_down_the_cell_above_or_the_selection(seed: Document) -> None:
    session = Session(seed)
    project = seed.units[0].projects[0]
    assert ops.fill_down(seed, Selection(project.key, row=0, field="level1")) is None  # nothing above
    command = ops.fill_down(seed, Selection(project.key, row=4, field="level1"))
    assert command is not None
    session.execute(command)
    assert project.indicators[4].level1 == "产出指标"
    session.undo()
    project.indicators[2].level1 = "效益指标"
    session.execute(ops.fill_down(seed, Selection(project.key, row=1, field="level1", rows=(1, 4))))  # type: ignore[arg-type]
    assert [row.level1 for row in project.indicators] == ["产出指标"] * 5
    session.undo()  # one step
    assert [row.level1 for row in project.indicators][2:] == ["效益指标", "产出指标", "效益指标"]
