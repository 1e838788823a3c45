"""Pilot tests of the spreadsheet habits: find, copy and paste, fill down, a new table, sort,
the worklist, completion, templates, long text, dialogs (a few keys each; the operations
themselves are tested without a screen in tests/session)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from textual import events
from textual.widgets import Button, Input

from goaltui.session.new_table import new_document
from goaltui.ui.app import GoalApp
from goaltui.ui.screens.dialogs import ChoiceScreen
from goaltui.ui.screens.header import HeaderScreen
from goaltui.ui.screens.main import MainScreen
from goaltui.ui.screens.templates import TemplatePicker
from tests.ui.conftest import SIZE
from tests.ui.helpers import burst, hint_text

MakeApp = Callable[..., GoalApp]

THREE_ROWS = "产出指标\t培训参加人数\t≥50人\t参加培训的人数\n效益指标\t提升率\t≥80%\t提高的比例\n满意度指标\t满意度\t≥90%\t满意程度\n"


def messages(app: GoalApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


@pytest.fixture(autouse=True)
def _no_user_templates(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))


# --- find -------------------------------------------------------------------------------------------------


async def test_find_across_projects_marks_and_steps_through_them(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main
        first = screen.project_key
        await pilot.press("ctrl+f")
        assert screen.finding.bar_has_focus()
        await burst(pilot, "会议成果", "enter")  # typed into the find bar, not the cell
        assert screen.project is not None and screen.project.indicators[0].level1 == "产出指标"
        finder = app.session.finder
        assert finder.count == 2 and screen.grid.has_focus
        assert screen.project_key != first  # the first match is in another project
        assert screen.grid.field == "name" and screen.project.indicators[screen.grid.cursor_row].name == "会议成果"
        assert screen.grid.find_marks == {(screen.grid.cursor_row, "name")}
        assert ("project", screen.project_key) in screen.project_tree.marks
        assert "第 1/2 处" in str(screen.finding.bar.count.render())
        second_project = screen.project_key
        await pilot.press("f3")  # on to the next project with a match
        assert screen.project_key != second_project and "第 2/2 处" in str(screen.finding.bar.count.render())
        await pilot.press("n")  # round to the first
        assert screen.project_key == second_project
        await pilot.press("N", "shift+f3")  # back twice: round the other way and back again
        assert screen.project_key == second_project
        await pilot.press("escape")  # clears the search and its marks, stays in the grid
        assert not finder.active and screen.grid.find_marks == frozenset() and not screen.project_tree.marks
        assert screen.grid.has_focus and not screen.finding.bar.display
        await pilot.press("n")  # no search now: n is typed into the cell
        assert screen.editing and screen.cell_editing.editor.value == "n"


async def test_find_with_slash_and_nothing_found(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main
        await pilot.press("slash")
        await burst(pilot, "没有这样的字", "enter")
        assert any("没有找到" in m for m in messages(app))
        assert screen.finding.bar_has_focus()  # the query stays, to be corrected
        await pilot.press("escape")
        assert screen.grid.has_focus and not screen.finding.bar.display


# --- copy and paste ------------------------------------------------------------------------------------------


async def test_copy_a_project_in_the_tree_and_paste_it(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main
        unit = app.document.units[0]
        await pilot.press("escape")  # to the tree, on the first project
        assert screen.project_tree.has_focus
        await pilot.press("ctrl+c")
        assert app.clipboard.startswith("财政系统联网监督系统\t10\t10\t")
        assert any("已复制项目" in m for m in messages(app))
        await pilot.press("ctrl+v")
        assert [p.name for p in unit.projects[:2]] == ["财政系统联网监督系统", "财政系统联网监督系统（副本）"]
        copy = unit.projects[1]
        assert screen.project_key == copy.key and len(copy.indicators) == 5
        await pilot.press("ctrl+z")  # one undo takes the whole paste back
        assert len(unit.projects) == 9 and not app.session.dirty


async def test_a_terminal_paste_of_three_rows_makes_three_rows_and_one_undo_takes_them(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main
        project = screen.project
        assert project is not None
        names = [row.name for row in project.indicators]
        app.post_message(events.Paste(THREE_ROWS.replace("\n", "\r")))  # a terminal sends CR line ends
        await pilot.pause()
        assert [row.name for row in project.indicators] == [names[0], "培训参加人数", "提升率", "满意度", *names[1:]]
        assert screen.grid.row_count == 8 and screen.grid.cursor_row == 1
        assert any("已粘贴 3 行指标" in m for m in messages(app))
        await pilot.press("ctrl+z")
        assert [row.name for row in project.indicators] == names


async def test_pasted_garbage_is_refused_with_what_was_expected_and_nothing_changes(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        dump = app.document.model_dump()
        app.post_message(events.Paste("a\tb\tc\td\te\tf\tg\n"))
        await pilot.pause()
        assert any("需要 4 列（一级指标、明细指标、指标值、指标描述），粘贴的内容有 7 列" in m for m in messages(app))
        assert app.document.model_dump() == dump and not app.session.dirty
        await pilot.press("escape")  # on the tree, rows that are no project are refused too
        app.post_message(events.Paste("甲\t乙\n"))
        await pilot.pause()
        assert any("无法粘贴为项目" in m for m in messages(app))
        assert app.document.model_dump() == dump


async def test_a_paste_on_the_amounts_and_on_the_problems_list(make_app: MakeApp) -> None:
    from decimal import Decimal

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main
        project = screen.project
        assert project is not None
        await pilot.press("up", "right")  # the panel: 合计
        assert screen.panel.has_focus and screen.panel.field == "total"
        app.post_message(events.Paste("12.5\r"))  # one value from a terminal: typed into the field's editor
        await burst(pilot, "", "enter")
        assert project.funds.total == Decimal("12.5")
        await pilot.press("ctrl+c")
        assert app.clipboard == "12.5\n"
        await pilot.press("f4")
        dump = app.document.model_dump()
        app.post_message(events.Paste("甲\t乙\n"))
        await pilot.pause()
        assert any("在指标表格" in m for m in messages(app)) and app.document.model_dump() == dump


async def test_copy_selected_rows_and_paste_them_with_p(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main
        project = screen.project
        assert project is not None
        await pilot.press("shift+down", "shift+down")  # rows 1-3 selected
        assert screen.grid.selected_rows == (0, 2)
        await pilot.press("y")
        assert len(app.clipboard.splitlines()) == 3 and app.clipboard.startswith("产出指标\t出具第三方评价时间\t")
        await pilot.press("escape")  # the selection goes, the focus stays
        assert screen.grid.selected_rows is None and screen.grid.has_focus
        await pilot.press("down", "down", "down", "down", "p")  # the three rows again, below the last
        assert len(project.indicators) == 8 and project.indicators[5].name == "出具第三方评价时间"


# --- fill down ---------------------------------------------------------------------------------------------------


async def test_fill_down(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main
        project = screen.project
        assert project is not None
        await pilot.press("ctrl+d")  # on the first row: nothing above
        assert any("第一行上方" in m for m in messages(app))
        await pilot.press("down", "down", "down", "down")  # row 5, 一级指标 效益指标
        await pilot.press("ctrl+d")
        assert project.indicators[4].level1 == "产出指标"
        await pilot.press("ctrl+z")
        assert project.indicators[4].level1 == "效益指标"


# --- a new table --------------------------------------------------------------------------------------------------


async def test_a_new_table_from_a_missing_path_asks_the_department_and_is_written_on_save(tmp_path: Path) -> None:
    path = tmp_path / "新表.json"
    app = GoalApp(new_document(), path, new_table=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HeaderScreen)
        assert app.screen.focused is app.screen.query_one("#f-department", Input)
        assert app.screen.query_one("#l-department").has_class("-warning")  # its problem is marked
        await burst(pilot, "某某局")
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, MainScreen) and app.document.department == "某某局"
        assert not path.exists() and "新建" in app.display_name
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert path.exists() and "新建" not in app.display_name
    saved = json.loads(path.read_text("utf-8"))
    assert saved["title"].startswith(str(new_document().year)) and saved["department"] == "某某局"
    assert len(saved["units"][0]["projects"][0]["indicators"]) == 5


def test_a_missing_workbook_is_one_line_and_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from goaltui.cli import main

    assert main([str(tmp_path / "缺少.xlsx")]) == 2
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and "文件不存在" in err and ".json" in err
    assert main([str(tmp_path / "no" / "such" / "new.json")]) == 2
    assert "文件夹" in capsys.readouterr().err


async def test_new_table_from_the_palette_asks_about_unsaved_changes(make_app: MakeApp, tmp_path: Path) -> None:
    from goaltui.ui.screens.dialogs import TextPrompt

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("delete")  # an unsaved change
        await app.run_action("new_table")
        await pilot.pause()
        assert isinstance(app.screen, TextPrompt)
        app.screen.dismiss(str(tmp_path / "另一张"))
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)  # save first?
        app.screen.dismiss("discard")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, HeaderScreen)
        assert app.save_path == tmp_path / "另一张.json" and app.document.project_count() == 1


# --- sort -------------------------------------------------------------------------------------------------------------


async def test_sort_indicators_and_projects_from_the_palette_actions(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main
        project = screen.project
        assert project is not None
        await pilot.press("down", "down", "down", "down", "space", "space")  # row 5: 效益 → 满意度 → 成本
        await pilot.press("up", "space", "space")  # row 4: 产出 → 效益 → 满意度
        levels = [row.level1 for row in project.indicators]
        assert levels == ["产出指标", "产出指标", "产出指标", "满意度指标", "成本指标"]
        project.indicators[0].level1 = "效益指标"
        await app.run_action("screen.sort_indicators")
        assert [row.level1 for row in project.indicators] == ["产出指标", "产出指标", "效益指标", "满意度指标", "成本指标"]
        await pilot.press("ctrl+z")
        assert project.indicators[0].level1 == "效益指标"
        await pilot.press("escape")
        await app.run_action("screen.sort_projects('amount')")
        await pilot.pause()
        totals = [p.funds.total for p in app.document.units[0].projects]
        assert totals == sorted(totals, reverse=True)  # type: ignore[type-var]
        assert any("项目已排序" in m for m in messages(app)), messages(app)


# --- the worklist -----------------------------------------------------------------------------------------------------


async def test_next_and_previous_problem_from_anywhere(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main
        await pilot.pause()
        project = app.document.units[0].projects[4]
        screen.execute(ops_set(project, 1, "value", ""))  # an error in the fifth project
        await pilot.press("right_square_bracket")
        assert screen.project_key == project.key and screen.grid.cursor_row == 1 and screen.grid.field == "value"
        await pilot.press("right_square_bracket")  # then the warnings, in document order
        first_warning = screen.project_key
        assert first_warning == app.document.units[0].projects[0].key
        await pilot.press("left_square_bracket")
        assert screen.project_key == project.key
        await pilot.press("f4", "f")  # the list: errors only
        panel = screen.problems_panel
        assert all(p.severity.value == "error" for p in panel.problems) and len(panel.problems) == 1
        assert "仅错误" in str(panel.border_title)
        await pilot.press("f", "f", "f")  # all again
        ranks = [("error", "warning", "info").index(p.severity.value) for p in panel.problems]
        assert ranks == sorted(ranks)


async def test_a_header_problem_opens_the_header_form_on_its_field(make_app: MakeApp) -> None:
    from goaltui.model.commands import SetSignature

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main
        await pilot.pause()
        screen.execute(SetSignature("phone", "12"))
        problem = next(p for p in app.session.problems.problems() if p.field == "phone")
        screen.jump_to(problem)
        await pilot.pause()
        assert isinstance(app.screen, HeaderScreen)
        assert app.screen.focused is app.screen.query_one("#f-phone", Input)
        assert app.screen.query_one("#l-phone").has_class("-warning")
        assert problem.message in "\n".join(str(label.render()) for label in app.screen.query("#header-problems Label"))


# --- completion and templates ------------------------------------------------------------------------------------------


async def test_accept_a_completion_fills_the_rows_empty_cells(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main
        project = screen.project
        assert project is not None
        await pilot.press("ctrl+n")  # a new row under the first, on its 明细指标
        await burst(pilot, "参训人员满")
        completion = screen.cell_editing._completion
        assert completion is not None and completion.visible_list  # (shown from the first key on)
        await pilot.press("down", "enter")  # ↓ at once: the list is brought up to what was typed first
        row = project.indicators[1]
        assert (row.level1, row.name, row.value) == ("满意度指标", "参训人员满意度", "≥**%")
        assert row.description and not screen.editing and not completion.visible_list
        await pilot.press("right", "enter")  # 指标值: the editor opens with ** selected
        await burst(pilot, "95", "enter")
        assert row.value == "≥95%"
        await pilot.press("ctrl+z", "ctrl+z")  # the value, then the completion (one step)
        assert row.name == "" and row.value == ""


async def test_insert_a_template_set_from_the_library(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main
        project = screen.project
        assert project is not None
        await pilot.press("ctrl+l")
        assert isinstance(app.screen, TemplatePicker)
        await burst(pilot, "hy")  # pinyin initials of 会议
        await pilot.press("enter")  # the first entry: the whole set
        assert isinstance(app.screen, MainScreen)
        assert len(project.indicators) == 5 + 8 and project.indicators[1].name == "会议次数"
        assert any("已插入 8 条模板指标" in m for m in messages(app))
        await pilot.press("ctrl+z")
        assert len(project.indicators) == 5


async def test_a_broken_user_template_file_is_said_and_the_editor_goes_on(
    make_app: MakeApp, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    config = tmp_path / "cfg"
    (config / "goaltui").mkdir(parents=True)
    (config / "goaltui" / "templates.toml").write_text("[[kind]\n", encoding="utf-8")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+l")
        assert isinstance(app.screen, TemplatePicker)
        assert any("格式有误" in m for m in messages(app))
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


# --- long text, the grid's looks, dialogs ----------------------------------------------------------------------------------


async def test_cut_off_cells_end_with_an_ellipsis_and_wrap_on_request(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.main
        grid = screen.grid
        cell = grid.get_cell_at((0, grid.fields.index("description")))
        assert cell.plain.endswith("…") and cell.cell_len <= grid.widths["description"]
        await pilot.press("end")
        assert "按时出具第三方评价" in hint_text(screen)  # the whole value under the grid
        await pilot.press("ctrl+u")
        assert grid.wrap and grid.rows[next(iter(grid.rows))].height > 1
        await pilot.press("ctrl+u", "ctrl+left", "ctrl+right", "ctrl+right")
        assert not grid.wrap and grid.extra == {"description": 4}


async def test_the_grids_cursor_is_dimmed_while_the_tree_has_the_focus(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        grid = app.main.grid

        def cursor_background() -> object:
            strip = grid.render_line(grid.header_height)  # the first row, where the cursor is
            label_width = next(iter(strip)).cell_length  # (the row label's cell first)
            cells = [segment for segment in strip if segment.text.strip()]
            assert label_width
            return cells[1].style.bgcolor if cells[1].style else None  # the 一级指标 cell under the cursor

        bright = cursor_background()
        await pilot.press("escape")
        await pilot.pause()
        assert grid.has_class("-away") and cursor_background() != bright
        await pilot.press("enter")
        await pilot.pause()
        assert not grid.has_class("-away") and cursor_background() == bright


async def test_the_button_enter_presses_is_marked_and_the_mark_follows_the_focus(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("delete", "ctrl+q")
        assert isinstance(app.screen, ChoiceScreen)
        buttons = {b.id: b for b in app.screen.query(Button)}
        assert str(buttons["choice-save"].label) == "保存（Enter）" and buttons["choice-save"].variant == "primary"
        await pilot.press("right")
        assert str(buttons["choice-save"].label) == "保存" and buttons["choice-save"].variant == "default"
        assert str(buttons["choice-discard"].label) == "不保存（Enter）"
        await pilot.press("escape")


async def test_the_palette_jumps_to_a_project_typed_by_its_pinyin_initials(make_app: MakeApp) -> None:
    from textual.command import CommandPalette

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await burst(pilot, "lld")  # 老领导（研究会）工作经费
        for _ in range(50):
            await pilot.pause(0.05)
            if "老领导" in app.export_screenshot():
                break
        await pilot.press("enter")
        await pilot.pause()
        screen = app.main
        assert screen.project is not None and screen.project.name == "老领导（研究会）工作经费"


def ops_set(project: object, row: int, field: str, value: str) -> object:
    from goaltui.model import Project
    from goaltui.model.commands import SetIndicatorField

    assert isinstance(project, Project)
    return SetIndicatorField(project.key, project.indicators[row].key, field, value)
