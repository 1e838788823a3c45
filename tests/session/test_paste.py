"""Copy and paste without a screen: what fits where, what is refused (with nothing changed), one undo."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from goaltui.io.text_table import format_cells
from goaltui.model import Document, Funds, Indicator, Project, Unit
from goaltui.session import Selection, Session, clipboard, paste
from goaltui.session.new_table import new_document
from goaltui.session.paste import PasteError

THREE_ROWS = "产出指标\t培训参加人数\t≥50人\t参加培训的人数\n效益指标\t提升率\t≥80%\t提高的比例\n满意度指标\t满意度\t≥90%\t满意程度\n"


def _at(document: Document, project_index: int = 0, row: int | None = 0, field: str | None = "level1") -> Selection:
    project = document.units[0].projects[project_index]
    return Selection(project.key, row=row, field=field, node=("project", project.key))


def test_three_rows_become_three_indicator_rows_below_the_cursor(seed: Document) -> None:
    session = Session(seed)
    project = seed.units[0].projects[0]
    before = [row.name for row in project.indicators]
    pasted = paste.paste_in_grid(seed, _at(seed, row=1), THREE_ROWS)
    assert (pasted.what, pasted.n) == ("rows", 3)
    change = session.execute(pasted.command)
    assert change is not None and change.rows and change.location.row == 2
    assert [row.name for row in project.indicators] == [*before[:2], "培训参加人数", "提升率", "满意度", *before[2:]]
    assert project.indicators[4].level1 == "满意度指标" and project.indicators[4].value == "≥90%"
    session.undo()  # one undo takes the whole paste back
    assert [row.name for row in project.indicators] == before
    assert not session.dirty


def test_rows_fill_the_empty_rows_of_a_new_table_first() -> None:
    document = new_document()
    project = document.units[0].projects[0]
    pasted = paste.paste_in_grid(document, _at(document), THREE_ROWS + THREE_ROWS)
    Session(document).execute(pasted.command)
    assert len(project.indicators) == 6  # five empty rows filled, one more added
    assert [row.name for row in project.indicators][:3] == ["培训参加人数", "提升率", "满意度"]


def test_a_block_that_does_not_fit_says_what_was_expected_and_changes_nothing(seed: Document) -> None:
    dump = seed.model_dump()
    with pytest.raises(PasteError) as caught:
        paste.paste_in_grid(seed, _at(seed), "a\tb\tc\td\te\tf\tg\n")
    assert str(caught.value) == "需要 4 列（一级指标、明细指标、指标值、指标描述），粘贴的内容有 7 列；未做任何修改"
    with pytest.raises(PasteError, match="从“指标值”列起最多能粘贴 2 列，粘贴的内容有 3 列"):
        paste.paste_in_grid(seed, _at(seed, field="value"), "x\ty\tz\n")
    with pytest.raises(PasteError, match="剪贴板是空的"):
        paste.paste_in_grid(seed, _at(seed), "\n\n\t\t\n")
    with pytest.raises(PasteError, match="无法粘贴为项目"):
        paste.paste_projects(seed, _at(seed), "项目\t不是金额\n")
    assert seed.model_dump() == dump


def test_a_two_level_form_takes_five_columns(seed: Document) -> None:
    seed.has_level2 = True
    with pytest.raises(PasteError, match="需要 5 列（一级指标、二级指标、明细指标、指标值、指标描述），粘贴的内容有 6 列"):
        paste.paste_in_grid(seed, _at(seed, field="level1"), "x\ty\tz\tw\tv\tu\n")
    pasted = paste.paste_in_grid(seed, _at(seed), "产出指标\t数量指标\t人数\t≥5人\t说明\n")
    Session(seed).execute(pasted.command)
    assert seed.units[0].projects[0].indicators[1].level2 == "数量指标"


def test_one_value_and_a_narrow_block_go_into_cells(seed: Document) -> None:
    session = Session(seed)
    project = seed.units[0].projects[0]
    count = len(project.indicators)
    pasted = paste.paste_in_grid(seed, _at(seed, row=0, field="value"), "≥3次\n")
    assert pasted.what == "cells"
    session.execute(pasted.command)
    assert project.indicators[0].value == "≥3次"
    # a column of three values from the 4th row down: the last goes into a new row
    session.execute(paste.paste_in_grid(seed, _at(seed, row=3, field="name"), "甲\n乙\n丙\n").command)
    assert [row.name for row in project.indicators[3:]] == ["甲", "乙", "丙"]
    assert len(project.indicators) == count + 1


def test_rows_copied_with_the_forms_empty_cells_are_indicator_rows(seed: Document) -> None:
    """Continuation rows copied from the official workbook: six (or, after its page break, five) empty cells first."""
    text = "\t\t\t\t\t\t产出指标\t甲\t1个\t说明\n\t\t\t\t\t产出指标\t乙\t2个\t说明\n"
    pasted = paste.paste_in_grid(seed, _at(seed), text)
    assert (pasted.what, pasted.n) == ("rows", 2)


def test_a_project_copied_and_pasted_comes_back_whole_with_a_name_of_its_own(seed: Document) -> None:
    session = Session(seed)
    unit = seed.units[0]
    source = unit.projects[2]
    copied = clipboard.copy_project(seed, source.key)
    assert copied is not None and copied.n == len(source.indicators)
    pasted = paste.paste_projects(seed, Selection(node=("project", source.key)), copied.text)
    assert (pasted.what, pasted.n) == ("projects", 1)
    change = session.execute(pasted.command)
    assert change is not None and change.structure
    copy = unit.projects[3]
    assert copy.name == source.name + "（副本）"
    assert copy.funds.model_dump() == source.funds.model_dump()
    assert [r.model_dump() for r in copy.indicators] == [r.model_dump() for r in source.indicators]
    assert copy.key != source.key
    session.undo()
    assert len(unit.projects) == 9


def test_rows_with_project_names_pasted_in_the_grid_become_projects(seed: Document) -> None:
    copied = clipboard.copy_project(seed, seed.units[0].projects[0].key)
    assert copied is not None
    pasted = paste.paste_in_grid(seed, _at(seed, project_index=4), copied.text)
    assert pasted.what == "projects"
    Session(seed).execute(pasted.command)
    assert seed.units[0].projects[5].name == "财政系统联网监督系统（副本）"


def test_a_unit_pasted_joins_the_unit_of_its_name_or_comes_as_a_new_one(seed: Document) -> None:
    session = Session(seed)
    unit_rows = [["区人大办", *[""] * 9], ["新项目", "5", "5", "", "", "", "产出指标", "甲", "1个", "说明"]]
    unit_rows += [["新单位", *[""] * 9], ["其他项目", "3", "3", "", "", "", "产出指标", "乙", "2个", "说明"]]
    session.execute(paste.paste_projects(seed, Selection(node=("doc", 0)), format_cells(unit_rows)).command)
    assert [u.name for u in seed.units] == ["区人大办", "新单位"]
    assert seed.units[0].projects[-1].name == "新项目"
    assert [p.name for p in seed.units[1].projects] == ["其他项目"]
    session.undo()
    assert len(seed.units) == 1 and seed.project_count() == 9


def test_a_column_of_names_on_the_tree_is_a_list_of_new_projects(seed: Document) -> None:
    pasted = paste.paste_projects(seed, Selection(node=("unit", seed.units[0].key)), "项目一\n项目二\n\n")
    Session(seed).execute(pasted.command)
    assert [p.name for p in seed.units[0].projects[-2:]] == ["项目一", "项目二"]


def test_indicator_rows_on_a_project_of_the_tree_go_into_it(seed: Document) -> None:
    project = seed.units[0].projects[1]
    pasted = paste.paste_projects(seed, Selection(node=("project", project.key)), THREE_ROWS)
    Session(seed).execute(pasted.command)
    assert [row.name for row in project.indicators[-3:]] == ["培训参加人数", "提升率", "满意度"]


def test_the_panel_takes_one_value_and_says_why_not(seed: Document) -> None:
    session = Session(seed)
    project = seed.units[0].projects[0]
    session.execute(paste.paste_in_panel(seed, _at(seed), "total", "12.5\n").command)
    assert project.funds.total == Decimal("12.5")
    with pytest.raises(PasteError, match="不是金额"):
        paste.paste_in_panel(seed, _at(seed), "total", "十二\n")
    with pytest.raises(PasteError, match="只能粘贴一个值"):
        paste.paste_in_panel(seed, _at(seed), "name", "a\tb\n")


def test_copy_formats(seed: Document) -> None:
    project = seed.units[0].projects[0]
    cell = clipboard.copy_cell(seed, Selection(project.key, row=0, field="value"))
    assert cell is not None and cell.text == "2021年2月底前\n"
    rows = clipboard.copy_rows(seed, Selection(project.key, row=0, field="name", rows=(1, 2)))
    assert rows is not None and rows.n == 2
    assert rows.text.splitlines()[0] == "产出指标\t监督跟踪跨度年份\t5年\t监督跟踪跨度年份"
    unit = clipboard.copy_node(seed, Selection(node=("unit", seed.units[0].key)))
    assert unit is not None and unit.text.startswith("区人大办\t\t") and unit.n == 1 + 54


_TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=10)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(_TEXT, _TEXT, _TEXT, _TEXT), min_size=1, max_size=5))
def test_rows_copied_paste_back_as_they_were(rows: list[tuple[str, str, str, str]]) -> None:
    source = Project(name="甲", funds=Funds(total=Decimal(1)), indicators=[Indicator(level1=r[0], name=r[1], value=r[2], description=r[3]) for r in rows])
    target = Project(name="乙", funds=Funds(total=Decimal(1)))
    document = Document(units=[Unit(name="单位", projects=[source, target])])
    copied = clipboard.copy_rows(document, Selection(source.key, row=0, field="name", rows=(0, len(rows) - 1)))
    assert copied is not None
    fields = ("level1", "name", "value", "description")
    try:
        pasted = paste.paste_in_grid(document, Selection(target.key), copied.text)
    except PasteError as exc:  # only rows that are all blank cannot be pasted
        assert all(not "".join(r).strip() for r in rows), exc
        return
    Session(document).execute(pasted.command)
    got = [tuple(getattr(r, f) for f in fields) for r in target.indicators]
    kept = [r for r in rows]
    while kept and not "".join(kept[-1]).strip():  # blank rows at the end are left out
        kept.pop()
    assert got == kept
