"""Opening a file in the editor: which sheet, which others hold a table, whether Ctrl+S writes back into it."""

from __future__ import annotations

import shutil
from pathlib import Path

from goaltui.io import native
from goaltui.io.formats import write_document
from goaltui.resources import sample_path
from goaltui.session.opening import OpenedTable, open_table
from tests.io import form_fixtures


def test_a_native_file_and_goaltuis_own_workbook_are_saved_in_place(tmp_path: Path) -> None:
    table = tmp_path / "s.json"
    shutil.copyfile(sample_path(), table)
    opened = open_table(table)
    assert opened.saves_in_place and opened.sheets == [] and opened.notices == []
    workbook = tmp_path / "s.xlsx"
    write_document(native.read(sample_path()), workbook)
    opened = open_table(workbook)
    assert opened.saves_in_place and [s.name for s in opened.choices] == [opened.sheet]


def test_a_workbook_of_several_forms_offers_a_choice_and_is_not_saved_over(tmp_path: Path) -> None:
    workbook = tmp_path / "forms.xlsx"
    expected = form_fixtures.write(workbook, form_fixtures.two_period_sheet, form_fixtures.upper_funds_sheet)
    opened = open_table(workbook)
    assert [sheet.name for sheet in opened.choices] == ["表1", "表2"] and opened.sheet == "表1"
    assert [sheet.label for sheet in opened.choices] == [e.name for e in expected if e is not None]
    assert opened.notices and "表2" in opened.notices[0]
    assert not opened.saves_in_place  # saving would replace two forms with one table
    second = open_table(workbook, "表2")
    assert second.sheet == "表2" and second.notices == []
    assert second.document.units[0].projects[0].name == expected[1].name  # type: ignore[union-attr]


def test_a_single_project_form_is_not_saved_over_and_text_is_imported(tmp_path: Path) -> None:
    form = tmp_path / "form.xlsx"
    form_fixtures.write(form, form_fixtures.no_level2_sheet)
    assert not open_table(form).saves_in_place
    text = tmp_path / "t.txt"
    shutil.copyfile(Path(__file__).resolve().parent.parent / "data" / "keqiao_renda_2020.txt", text)
    assert not open_table(text).saves_in_place
    assert not OpenedTable(None, native.read(sample_path())).saves_in_place
