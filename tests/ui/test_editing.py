"""Pilot tests of the editor's flows (a few keys each; bulk edits go through the app)."""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from rich.text import Text

from goaltui.io.formats import read_document
from goaltui.model.commands import SetIndicatorField, SetProjectName
from goaltui.ui.app import GoalApp
from goaltui.ui.screens.dialogs import ChoiceScreen, TextPrompt
from goaltui.ui.screens.help import HelpScreen
from goaltui.ui.screens.main import MainScreen
from tests.ui.conftest import SIZE
from tests.ui.helpers import burst, commit_edit, editing_field, hint_text

MakeApp = Callable[..., GoalApp]


def main_of(app: GoalApp) -> MainScreen:
    return app.main


def tree_label(screen: MainScreen, key: int) -> str:
    node = screen.project_tree._ref_nodes[("project", key)]
    return node.label.plain


def cell_plain(screen: MainScreen, row: int, field: str) -> str:
    grid = screen.grid
    value = grid.get_cell_at((row, grid.fields.index(field)))
    assert isinstance(value, Text)
    return value.plain


async def test_edit_value_problem_appears_and_disappears(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = main_of(app)
        project = screen.project
        assert project is not None
        assert screen.grid.has_focus
        await pilot.press("right")  # 明细指标 of row 1
        assert screen.grid.field == "name"
        await pilot.press("delete")  # clear the cell: an empty 明细指标 is an error
        empty = [p for p in app.session.problems.cell(project.key, 0, "name") if p.code == "E-IND-EMPTY"]
        assert empty
        assert cell_plain(screen, 0, "name") == "（空）"
        assert "错" in tree_label(screen, project.key)
        assert "明细指标" in hint_text(screen) and empty[0].message in hint_text(screen)
        # Type a new name: typing starts the editor; the draft is checked as you type (debounced)
        # in the hint line, while the document keeps the stored value until Enter.
        await pilot.press("x")
        assert screen.editing and screen.cell_editing.editor.value == "x"
        await pilot.pause(0.3)
        assert empty[0].message not in hint_text(screen)  # live, before Enter
        assert project.indicators[0].name == "" and app.session.problems.cell(project.key, 0, "name")
        await pilot.press("enter")
        assert app.session.problems.cell(project.key, 0, "name") == []
        assert not screen.editing
        assert project.indicators[0].name == "x"
        assert cell_plain(screen, 0, "name") == "x"
        # Undo twice brings back the original text; one step per edit.
        await pilot.press("ctrl+z")
        assert project.indicators[0].name == ""
        await pilot.press("ctrl+z")
        assert project.indicators[0].name == "出具第三方评价时间"
        assert not app.session.history.dirty


async def test_escape_cancels_the_edit(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = main_of(app)
        project = screen.project
        assert project is not None
        await pilot.press("right", "right", "enter")  # 指标值, edit the old text
        assert screen.editing and screen.cell_editing.editor.value == "2021年2月底前"
        screen.cell_editing.editor.insert_text_at_cursor("改")
        await pilot.pause(0.3)  # the draft is checked, the document is not touched...
        assert screen.cell_editing.edit.text == "2021年2月底前改"
        assert project.indicators[0].value == "2021年2月底前" and not app.session.history.dirty
        await pilot.press("escape")  # ...and Esc drops the draft, leaving no undo or redo entry
        assert project.indicators[0].value == "2021年2月底前"
        assert not app.session.history.can_undo and not app.session.history.can_redo
        assert screen.grid.has_focus


async def test_editor_puts_the_terminal_cursor_on_the_cell(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = main_of(app)
        await pilot.press("down", "right", "right")
        region = screen.grid.cell_screen_region()
        assert region.contains_point(app.cursor_position) or app.cursor_position.y == region.y
        await pilot.press("enter")
        await pilot.pause()
        assert app.cursor_position.y == region.y
        assert region.x <= app.cursor_position.x <= region.x + 30


async def test_delete_row_of_five_shows_error_everywhere_and_undo(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = main_of(app)
        project = screen.project
        assert project is not None and len(project.indicators) == 5
        assert "E-PROJ-TOO-FEW" not in [p.code for p in app.session.problems.project_level(project.key)]
        await pilot.press("ctrl+k")
        assert len(project.indicators) == 4
        assert screen.grid.row_count == 4
        # the grid: its caption names the problem
        assert "至少" in str(screen.grid.border_title) or "5" in str(screen.grid.border_title)
        too_few = [p for p in app.session.problems.project_level(project.key) if p.code == "E-PROJ-TOO-FEW"]
        assert too_few
        assert too_few[0].message in str(screen.grid.border_title)
        # the tree: the project's error count went up
        errors_before = app.session.problems.project_counts(project.key).errors
        assert f"错{errors_before}" in tree_label(screen, project.key)
        # the problems panel lists it
        await pilot.press("f4")
        panel = screen.problems_panel
        assert panel.display and panel.has_focus
        assert any(p.code == "E-PROJ-TOO-FEW" for p in panel.problems)
        await pilot.press("escape")
        await pilot.press("ctrl+z")
        assert len(project.indicators) == 5 and screen.grid.row_count == 5
        assert not [p for p in app.session.problems.project_level(project.key) if p.code == "E-PROJ-TOO-FEW"]
        assert too_few[0].message not in str(screen.grid.border_title)


async def test_problems_panel_enter_jumps_to_the_cell(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = main_of(app)
        doc = app.document
        third = doc.units[0].projects[2]
        screen.execute(SetIndicatorField(third.key, third.indicators[3].key, "level1", "不对"))
        await pilot.press("f4")
        panel = screen.problems_panel
        index = next(i for i, p in enumerate(panel.problems) if p.code == "E-IND-LEVEL1")
        panel.move_cursor(row=index)
        await pilot.press("enter")
        assert screen.project_key == third.key
        assert screen.grid.has_focus
        assert (screen.grid.cursor_row, screen.grid.field) == (3, "level1")


async def test_save_reopen_same_document(make_app: MakeApp, sample_copy: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = main_of(app)
        project = screen.project
        assert project is not None
        screen.execute(SetIndicatorField(project.key, project.indicators[1].key, "value", "≥6年"))
        await pilot.press("up", "right", "enter")  # the project panel's 合计
        assert screen.panel.field == "total"
        commit_edit(screen, "12.5")
        assert project.funds.total == Decimal("12.5")
        assert app.session.history.dirty
        await pilot.press("ctrl+s")
        assert not app.session.history.dirty
        saved = app.document.model_dump()
    reopened = read_document(sample_copy)
    assert reopened.model_dump() == saved
    assert json.loads(sample_copy.read_text("utf-8"))["units"][0]["projects"][0]["funds"]["total"] == "12.5"


async def test_bad_amount_is_refused_and_old_value_kept(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = main_of(app)
        project = screen.project
        assert project is not None
        await pilot.press("up", "right")
        await pilot.press("a", "b")  # typing starts the editor on 合计
        await pilot.pause(0.3)
        assert screen.cell_editing.editor.has_class("-bad")
        await pilot.press("enter")
        assert screen.editing  # still open, with the message
        assert project.funds.total == Decimal(10)
        assert any("不是金额" in str(n.message) for n in app._notifications)
        await pilot.press("escape")
        assert not screen.editing and project.funds.total == Decimal(10)
        assert not app.session.history.dirty


async def test_quit_with_unsaved_changes_asks(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = main_of(app)
        project = screen.project
        assert project is not None
        screen.execute(SetProjectName(project.key, "改过的名字"))
        await pilot.press("ctrl+q")
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press("escape")  # cancel: still editing
        assert isinstance(app.screen, MainScreen)
        await pilot.press("ctrl+q")
        await pilot.click("#choice-discard")
        await pilot.pause()
    assert app.return_code == 0


async def test_quit_without_changes_does_not_ask(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not isinstance(app.screen, ChoiceScreen)
    assert app.return_code == 0


async def test_markup_in_user_text_shows_literally(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = main_of(app)
        project = screen.project
        assert project is not None
        screen.execute(SetIndicatorField(project.key, project.indicators[0].key, "name", "[red]"))
        screen.execute(SetIndicatorField(project.key, project.indicators[1].key, "name", "[bold]x[/bold]"))
        screen.execute(SetProjectName(project.key, "[red]"))
        await pilot.pause()
        assert cell_plain(screen, 0, "name") == "[red]"
        assert cell_plain(screen, 1, "name") == "[bold]x[/bold]"
        assert tree_label(screen, project.key).startswith("[red]")
        await pilot.press("right")
        assert "[red]" in hint_text(screen)
        svg = app.export_screenshot()
        assert "[red]" in svg.replace("&#160;", " ")


async def test_import_first_save_asks_where(tmp_path: Path, seed_path: Path) -> None:
    app = GoalApp(read_document(seed_path), seed_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = main_of(app)
        project = screen.project
        assert project is not None
        screen.execute(SetProjectName(project.key, "新名字"))
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, TextPrompt)
        assert app.screen.value.endswith("keqiao_renda_2020.json")
        target = tmp_path / "saved.json"
        app.screen.dismiss(str(target))
        await pilot.pause()
        assert target.exists() and app.save_path == target and not app.session.history.dirty
    assert read_document(target).units[0].projects[0].name == "新名字"


async def test_rows_insert_duplicate_move_and_level1(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = main_of(app)
        project = screen.project
        assert project is not None
        names = [row.name for row in project.indicators]
        await pilot.press("ctrl+n")
        assert len(project.indicators) == 6 and project.indicators[1].name == ""
        assert project.indicators[1].level1 == "产出指标"  # inherits the row's 一级指标
        assert screen.grid.cursor_row == 1
        await pilot.press("ctrl+z", "up", "ctrl+d")
        assert [row.name for row in project.indicators] == [names[0], *names]
        await pilot.press("alt+down")
        assert screen.grid.cursor_row == 2
        await pilot.press("home", "space")  # cycle 一级指标 of row 3
        assert project.indicators[2].level1 == "效益指标"
        assert app.session.history.undo_count == 3


async def test_header_screen_edits_are_one_undo_step(make_app: MakeApp) -> None:
    from textual.widgets import Input

    from goaltui.ui.screens.header import HeaderScreen

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f3")
        assert isinstance(app.screen, HeaderScreen)
        app.screen.query_one("#f-department", Input).value = "新部门"
        app.screen.query_one("#f-phone", Input).value = "12345678"
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, MainScreen)
        assert app.document.department == "新部门" and app.document.signatures.phone == "12345678"
        await pilot.press("ctrl+z")
        assert app.document.department == "绍兴市柯桥区人民代表大会常务委员会办公室"
        assert app.document.signatures.phone == "84119169"


async def test_help_lists_keys(make_app: MakeApp) -> None:
    from textual.binding import Binding

    from goaltui.ui.actions import help_sections, key_label
    from goaltui.ui.widgets.cell_editor import CellEditor
    from goaltui.ui.widgets.indicator_grid import IndicatorGrid
    from goaltui.ui.widgets.project_panel import ProjectPanel
    from goaltui.ui.widgets.project_tree import ProjectTree

    text = "\n".join(f"{keys}  {description}" for _section, items in help_sections() for keys, description in items)
    for owner in (GoalApp, MainScreen, IndicatorGrid, ProjectTree, ProjectPanel, CellEditor):
        for binding in owner.BINDINGS:
            assert isinstance(binding, Binding)
            for key in binding.key.split(","):
                assert key_label(key) in text, (owner.__name__, key)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


async def test_tree_add_rename_delete_project(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = main_of(app)
        count = app.document.project_count()
        await pilot.press("escape")  # to the tree
        assert screen.project_tree.has_focus
        await pilot.press("n")  # new project: the name editor opens on the panel
        await pilot.pause()
        assert app.document.project_count() == count + 1
        assert screen.editing and editing_field(screen) == ("project", "name")
        commit_edit(screen, "新项目")
        new = screen.project
        assert new is not None and new.name == "新项目"
        screen.project_tree.focus()
        await pilot.press("delete")
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.click("#choice-yes")
        await pilot.pause()
        assert app.document.project_count() == count
        await pilot.press("ctrl+z")
        assert app.document.project_count() == count + 1


async def test_english_labels(make_app: MakeApp) -> None:
    from goaltui.i18n import set_language

    set_language("en")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = app.export_screenshot().replace("&#160;", " ")
        assert "Target value" in text and "9 projects" in text


async def test_export_xlsx_and_md_in_a_worker(make_app: MakeApp, tmp_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        for key, name in (("f5", "out.xlsx"), ("f6", "out.md")):
            await pilot.press(key)
            assert isinstance(app.screen, TextPrompt)
            assert app.screen.value.endswith(Path(name).suffix)
            app.screen.dismiss(str(tmp_path / name))
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert (tmp_path / name).stat().st_size > 0
        assert not app.session.history.dirty  # exporting is not saving, and nothing changed
        assert any("out.xlsx" in str(n.message) for n in app._notifications)
    text = (tmp_path / "out.md").read_text("utf-8")
    assert "财政系统联网监督系统" in text
    reread = read_document(tmp_path / "out.xlsx")
    assert reread.project_count() == app.document.project_count()


async def test_save_as_xlsx_then_ctrl_s_writes_xlsx(make_app: MakeApp, tmp_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = main_of(app)
        project = screen.project
        assert project is not None
        screen.execute(SetProjectName(project.key, "另存项目"))
        await pilot.press("ctrl+o")
        assert isinstance(app.screen, TextPrompt)
        target = tmp_path / "book.xlsx"
        app.screen.dismiss(str(target))
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.save_path == target and not app.session.history.dirty
    assert read_document(target).units[0].projects[0].name == "另存项目"


async def test_command_palette_lists_editor_commands(make_app: MakeApp) -> None:
    from textual.command import CommandPalette

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"xlsx")
        await pilot.pause(0.3)
        text = app.export_screenshot().replace("&#160;", " ")
        assert "导出 Excel 工作簿" in text


async def test_apply_suggested_fix(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = main_of(app)
        project = screen.project
        assert project is not None
        screen.execute(SetIndicatorField(project.key, project.indicators[0].key, "level1", "产出"))
        problems = app.session.problems.cell(project.key, 0, "level1")
        assert any(p.fix is not None for p in problems)
        assert "Ctrl+F" in hint_text(screen)
        await pilot.press("ctrl+f")
        assert project.indicators[0].level1 == "产出指标"
        assert app.session.problems.cell(project.key, 0, "level1") == []
        await pilot.press("ctrl+z")
        assert project.indicators[0].level1 == "产出"


async def test_big_file_loads_in_a_worker(sample_copy: Path) -> None:
    app = GoalApp(None, sample_copy, load_path=sample_copy)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert app.document.project_count() == 9 and app.save_path == sample_copy


async def test_u_and_ctrl_r_in_navigation_mode(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = main_of(app)
        project = screen.project
        assert project is not None
        await pilot.press("ctrl+k")
        assert len(project.indicators) == 4
        await pilot.press("u")
        assert len(project.indicators) == 5
        await pilot.press("ctrl+r")
        assert len(project.indicators) == 4
        # while editing, "u" is a letter
        await pilot.press("right", "enter", "u", "escape")
        assert len(project.indicators) == 4 and project.indicators[0].name == "监督跟踪跨度年份"


async def test_units_add_rename_move_delete(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = main_of(app)
        doc = app.document
        await pilot.press("escape", "N")
        assert isinstance(app.screen, TextPrompt)
        app.screen.dismiss("第二单位")
        await pilot.pause()
        assert [u.name for u in doc.units] == ["区人大办", "第二单位"]
        assert screen.project_tree.current_ref() == ("unit", doc.units[1].key)
        await pilot.press("alt+up")
        assert [u.name for u in doc.units] == ["第二单位", "区人大办"]
        await pilot.press("f2")
        assert isinstance(app.screen, TextPrompt)
        app.screen.dismiss("新单位名")
        await pilot.pause()
        assert doc.units[0].name == "新单位名"
        await pilot.press("delete")
        await pilot.click("#choice-yes")
        await pilot.pause()
        assert [u.name for u in doc.units] == ["区人大办"]
        # a project moves across units at the boundary
        await pilot.press("ctrl+z", "ctrl+z", "ctrl+z")
        assert [u.name for u in doc.units] == ["区人大办", "第二单位"]
        first = doc.units[0].projects[-1]
        screen.project_tree.move_to(("project", first.key))
        await pilot.press("alt+down")
        assert doc.units[1].projects[0] is first


async def test_empty_document_starts_and_new_project(tmp_path: Path) -> None:
    from goaltui.model import Document

    app = GoalApp(Document(), None)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = main_of(app)
        assert screen.project is None
        await pilot.press("escape", "n")
        await pilot.pause()
        assert app.document.project_count() == 1 and len(app.document.units) == 1
        commit_edit(screen, "第一个项目")
        assert app.document.units[0].projects[0].name == "第一个项目"
        await pilot.press("escape", "escape")
        await pilot.press("ctrl+z", "ctrl+z")
        assert app.document.project_count() == 0


async def test_click_away_commits_the_edit(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = main_of(app)
        project = screen.project
        assert project is not None
        await pilot.press("right", "right", "9")
        assert screen.editing
        screen.project_tree.focus()
        await pilot.pause()
        assert not screen.editing and project.indicators[0].value == "9"


async def test_save_while_editing_keeps_the_typed_text(make_app: MakeApp, sample_copy: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = main_of(app)
        await pilot.press("right", "right", "7")
        await pilot.press("ctrl+s")
        assert not screen.editing  # saving stored the edit first: it is over
        assert json.loads(sample_copy.read_text("utf-8"))["units"][0]["projects"][0]["indicators"][0]["value"] == "7"
        await pilot.press("escape")  # nothing left to cancel (Esc goes to the tree)
        assert screen.project is not None and screen.project.indicators[0].value == "7"
        assert not app.session.history.dirty  # the file and the document both hold "7"


async def test_a_burst_of_typed_keys_all_reach_the_cell(make_app: MakeApp) -> None:
    """An input method commits a word as several key events in one write: none may be lost."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = main_of(app)
        project = screen.project
        assert project is not None
        await pilot.press("right", "right")  # 指标值
        await burst(pilot, "≥292%")  # all queued before the editor can take the focus
        assert screen.editing
        assert screen.cell_editing.editor.value == "≥292%"
        await burst(pilot, "测试")  # a second burst lands in the open editor
        await pilot.press("enter")
        assert project.indicators[0].value == "≥292%测试"


async def test_a_burst_of_typed_keys_on_the_project_panel(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = main_of(app)
        project = screen.project
        assert project is not None
        await pilot.press("up")  # from the first grid row into the project panel (项目名称)
        assert screen.panel.has_focus
        await burst(pilot, "新项目名")
        await pilot.press("enter")
        assert project.name == "新项目名"
