from __future__ import annotations

from datetime import date

from goaltui.rules import validate
from goaltui.session.new_table import new_document


def test_a_new_table_is_for_the_coming_year_with_one_project_of_five_empty_rows() -> None:
    document = new_document(date(2026, 12, 2))
    assert document.title == "2027年部门预算项目绩效目标汇总表" and document.year == 2027
    assert document.notes.startswith("1、本表填写2027年")
    assert document.department == "" and document.money_unit == "万元"
    (unit,) = document.units
    (project,) = unit.projects
    assert len(project.indicators) == 5 and not any(row.name for row in project.indicators)
    codes = {p.code for p in validate(document)}
    assert {"E-IND-EMPTY", "E-PROJ-NAME-EMPTY", "E-UNIT-NAME-EMPTY", "W-DOC-EMPTY"} <= codes  # what is left to fill in
