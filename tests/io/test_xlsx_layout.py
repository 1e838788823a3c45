"""The pure layout plan: rows, merges, heights, widths and page breaks, without a workbook."""

from __future__ import annotations

from decimal import Decimal

from goaltui.io import form
from goaltui.io import xlsx_layout as layout
from goaltui.model import Document, Funds, Indicator, Project, Unit


def _row(plan: layout.Plan, number: int) -> layout.PlannedRow:
    (row,) = [r for r in plan.rows if r.number == number]
    return row


def test_seed_plan_geometry(seed: Document) -> None:
    plan = layout.plan(seed)
    assert [c.letter for c in plan.columns] == list("ABCDEFGHIJ")
    assert len(plan.rows) == 5 + 1 + 54 + 4
    assert plan.last_row == 64 and plan.last_table_row == 60
    assert len(plan.merges) == 68
    refs = {m.ref for m in plan.merges}
    assert {"A1:J1", "A2:J2", "A3:J3", "A4:A5", "B4:F4", "J4:J5", "A6:J6", "A7:A11", "F7:F11", "A61:J61"} <= refs
    assert {"A62:J62", "A63:J63", "A64:J64"} <= refs
    assert plan.level1_rows == [(7, 60)]
    kinds = [r.kind for r in plan.rows]
    assert kinds[:6] == [
        layout.RowKind.TITLE,
        layout.RowKind.META,
        layout.RowKind.META,
        layout.RowKind.HEADER,
        layout.RowKind.HEADER,
        layout.RowKind.UNIT,
    ]
    assert kinds[-4:] == [layout.RowKind.NOTES, *[layout.RowKind.SIGNATURES] * 3]
    assert [row.cells[0][1] for row in plan.rows[-3:]] == [
        "部门主要领导（签字）：周维",
        "经办人（签字）：李怡",
        "联系电话：84119169",
    ]
    assert _row(plan, 3).cells == [(1, "单位：万元", layout.Style.META_RIGHT)]
    first = _row(plan, 7)
    assert first.cells[:3] == [
        (1, "财政系统联网监督系统", layout.Style.PROJECT),
        (2, Decimal(10), layout.Style.AMOUNT),
        (3, Decimal(10), layout.Style.AMOUNT),
    ]
    assert first.cells[3] == (4, None, layout.Style.AMOUNT)  # empty amount: blank, still bordered
    assert all(len(r.cells) == 10 for r in plan.rows if r.kind in (layout.RowKind.INDICATOR, layout.RowKind.UNIT))


def test_text_measure() -> None:
    assert layout.text_width("abc") == 3
    assert layout.text_width("中文") == 4
    assert layout.text_width("≥6个") == 5  # ≥ is drawn full width by Chinese fonts
    assert layout.line_count("", 10) == 1
    assert layout.line_count("短", 34) == 1
    assert layout.line_count("一" * 40, 34) == 3
    assert layout.line_count("一\n二\n三", 34) == 3
    assert layout.row_height(1) >= layout.MIN_ROW_HEIGHT
    assert layout.row_height(3) > layout.row_height(2) > layout.MIN_ROW_HEIGHT


def test_heights_follow_the_longest_cell_and_the_project_name() -> None:
    long_name = "一个名称特别特别长的项目" * 6
    document = Document(
        units=[
            Unit(
                name="u",
                projects=[
                    Project(name=long_name, indicators=[Indicator(name="a"), Indicator(description="说明" * 30)]),
                    Project(name="没有指标的项目"),
                ],
            )
        ]
    )
    plan = layout.plan(document)
    first, second, lone = _row(plan, 7), _row(plan, 8), _row(plan, 9)
    assert second.height > first.height  # the long description wraps
    needed = layout.row_height(layout.line_count(long_name, plan.column("project").width, indent=1))
    assert first.height + second.height >= needed  # the merged name fits its rows
    assert lone.kind == layout.RowKind.INDICATOR and lone.cells[0][1] == "没有指标的项目"
    assert "A9:A9" not in {m.ref for m in plan.merges} and "A7:A8" in {m.ref for m in plan.merges}


def test_amount_columns_widen_to_the_amounts_as_general_shows_them() -> None:
    document = Document(
        units=[Unit(projects=[Project(funds=Funds(total=Decimal("123456789012.5"), other=Decimal("0.123456")))])]
    )
    plan = layout.plan(document)
    assert plan.column("total").width == len("123456789012.5") + 3
    assert plan.column("other").width == 11  # 0.123456 + padding
    row = _row(plan, 7)
    assert row.cells[1][2] == row.cells[5][2] == layout.Style.AMOUNT
    assert layout.format_amount_for_width(Decimal("10.00")) == "10"
    assert layout.format_amount_for_width(Decimal("97.20")) == "97.2"
    assert layout.format_amount_for_width(Decimal("0.000001")) == "0.000001"


def test_labels_keep_values_that_start_like_a_label() -> None:
    assert layout.labelled(form.DEPARTMENT_LABEL, "某局", form.DEPARTMENT_PATTERN) == "填报部门（盖章）某局"
    text = layout.labelled(form.DEPARTMENT_LABEL, "：某局", form.DEPARTMENT_PATTERN)
    match = form.DEPARTMENT_PATTERN.match(text)
    assert match is not None and match.group(1) == "：某局"
    assert layout.labelled(form.PHONE_LABEL, "", form.PHONE_PATTERN) == "联系电话："


def test_three_level_columns() -> None:
    plan = layout.plan(Document(has_level2=True, units=[Unit(projects=[Project(indicators=[Indicator()] * 2)])]))
    assert [c.field for c in plan.columns][6:] == ["level1", "level2", "name", "value", "description"]
    header = _row(plan, 4)
    assert [value for _c, value, _s in header.cells][6:] == ["一级指标", "二级指标", "三级指标", "指标值", "指标描述"]
    assert {m.ref for m in plan.merges} >= {"A1:K1", "A2:K2", "A3:K3", "A6:K6"}


def test_page_breaks_never_split_a_project() -> None:
    projects = [
        Project(name=f"p{n}", indicators=[Indicator(description="说明" * (n % 7 * 5))] * (3 + n % 9))
        for n in range(120)
    ]
    huge = Project(name="huge", indicators=[Indicator(name="x")] * 80)  # taller than a page
    plan = layout.plan(
        Document(units=[Unit(name="a", projects=projects[:60]), Unit(name="b", projects=[huge, *projects[60:]])])
    )
    assert len(plan.page_breaks) > 5
    block_starts = {first for first, _last in plan.blocks}
    assert all(row + 1 in block_starts for row in plan.page_breaks)
    assert plan.page_breaks == sorted(set(plan.page_breaks))
    heights = {r.number: r.height for r in plan.rows}
    page = (layout.PAGE_HEIGHT_IN - 0.6 - 0.7) * 72 / layout.print_scale(plan.columns)
    titles = sum(heights[number] for number in layout.HEADER_ROWS)
    starts = [layout.FIRST_BODY_ROW, *(b + 1 for b in plan.page_breaks)]
    ends = [*plan.page_breaks, plan.last_row]
    oversized = [
        first for first, last in plan.blocks if sum(heights[n] for n in range(first, last + 1)) > page * 0.97 - titles
    ]
    assert any(_row(plan, first + 1).cells[0][1] == "huge" for first in oversized)
    checked = 0
    for start, end in zip(starts, ends, strict=True):
        if any(start <= first <= end for first in oversized):
            continue  # a project taller than a page runs on over the printer's own breaks
        checked += 1
        used = sum(heights[n] for n in range(start, end + 1)) + titles
        assert used <= page
    assert checked > 5
