"""Every way a cell edit ends keeps what was typed (issue 8, defects 1, 3 and 4), through the Pilot."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from rich.text import Text

from goaltui.model.commands import SetProjectName
from goaltui.ui.app import GoalApp
from goaltui.ui.widgets.status_line import StatusLine
from tests.ui.conftest import SIZE
from tests.ui.helpers import burst

MakeApp = Callable[..., GoalApp]


def status_text(app: GoalApp) -> str:
    return str(app.main.query_one(StatusLine).render())


def cell_plain(app: GoalApp, row: int, field: str) -> str:
    grid = app.main.grid
    value = grid.get_cell_at((row, grid.fields.index(field)))
    assert isinstance(value, Text)
    return value.plain


def saved_value(path: Path, row: int = 0, field: str = "value") -> str:
    data = json.loads(path.read_text("utf-8"))
    return str(data["units"][0]["projects"][0]["indicators"][row][field])


async def test_save_during_an_edit_then_escape_keeps_the_edit(make_app: MakeApp, sample_copy: Path) -> None:
    """Defect 1: Ctrl+S while editing, then Esc, brought the old value back (and quitting with 保存
    wrote it over the saved one)."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main
        project = screen.project
        assert project is not None
        await pilot.press("right", "right")  # 指标值 of row 1: 2021年2月底前
        await pilot.press(*"2021年3月底前")
        await pilot.press("ctrl+s")
        assert any("已保存" in str(n.message) for n in app._notifications)
        assert saved_value(sample_copy) == "2021年3月底前"
        await pilot.press("escape")  # after the commit there is nothing left to cancel
        assert project.indicators[0].value == "2021年3月底前"
        assert cell_plain(app, 0, "value") == "2021年3月底前"
        assert not app.session.history.dirty
        assert "未保存" not in status_text(app)
        await pilot.press("ctrl+q")  # nothing unsaved: no question, and the file keeps the new value
        await pilot.pause()
    assert app.return_code == 0
    assert saved_value(sample_copy) == "2021年3月底前"


async def test_quit_during_an_edit_saves_the_edit(make_app: MakeApp, sample_copy: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("right", "right")
        await burst(pilot, "≥9次")
        await pilot.press("ctrl+q")
        await pilot.click("#choice-save")
        await pilot.pause()
    assert saved_value(sample_copy) == "≥9次"


async def test_ctrl_z_while_editing_undoes_the_text_then_the_document(make_app: MakeApp) -> None:
    """Defect 3: Ctrl+Z did nothing while a cell was being edited."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main
        project = screen.project
        assert project is not None
        screen.execute(SetProjectName(project.key, "改过的名字"))
        await pilot.press("right", "right", "enter")  # edit 指标值, keeping its text
        assert screen.cell_editing.editor.value == "2021年2月底前"
        await pilot.press("backspace", *"末")
        assert screen.cell_editing.editor.value == "2021年2月底末"
        await pilot.press("ctrl+z")  # the last change of the text (typing 末)
        assert screen.cell_editing.editor.value == "2021年2月底"
        await pilot.press("ctrl+z")  # the one before (the backspace)
        assert screen.cell_editing.editor.value == "2021年2月底前"
        assert screen.editing
        await pilot.press("ctrl+z")  # no text change left: cancel the edit and undo in the document
        assert not screen.editing
        assert project.indicators[0].value == "2021年2月底前"
        assert project.name == "财政系统联网监督系统"
        assert not app.session.history.dirty


async def test_ctrl_z_after_typing_over_a_cell_restores_it(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main
        project = screen.project
        assert project is not None
        await pilot.press("right", "right")
        await burst(pilot, "≥8")  # typing replaces the cell
        assert screen.cell_editing.editor.value == "≥8"
        await pilot.press("ctrl+z")
        assert screen.cell_editing.editor.value == "2021年2月底前" and screen.editing
        await pilot.press("enter")
        assert project.indicators[0].value == "2021年2月底前" and not app.session.history.can_undo


async def test_the_unsaved_mark_appears_when_the_document_changes(make_app: MakeApp) -> None:
    """Defect 4: the mark appeared as soon as typing started in an editor."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main
        await pilot.press("right", "right")
        await burst(pilot, "≥3次")
        await pilot.pause(0.4)  # longer than any validate-as-you-type delay
        assert screen.editing
        assert not app.session.history.dirty
        assert "未保存" not in status_text(app)
        await pilot.press("enter")
        assert app.session.history.dirty
        assert "未保存" in status_text(app)
        await pilot.press("ctrl+z")
        assert not app.session.history.dirty
        assert "未保存" not in status_text(app)
