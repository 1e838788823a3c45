"""Defects found by using the editor for real in a terminal (tmux, 80×24 and 120×36).

Each test reproduces one of them with a few keys; bulk set-up goes through the app.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from rich.console import Console

from goaltui.io.formats import read_document
from goaltui.model import Document
from goaltui.model.commands import AddUnit
from goaltui.model.document import Unit
from goaltui.ui.app import GoalApp
from goaltui.ui.screens.dialogs import ChoiceScreen
from goaltui.ui.screens.main import MainScreen
from tests.ui.helpers import burst, hint_text, wait_until

MakeApp = Callable[..., GoalApp]
SMALL = (80, 24)


async def test_deleting_a_project_shows_the_project_the_tree_selects(make_app: MakeApp) -> None:
    """Deleting a project in the middle: the tree cursor and the right side must agree (they did not:
    the tree went to the next project while the grid showed the first project of the document)."""
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        screen = app.main
        projects = app.document.units[0].projects
        doomed, following = projects[4], projects[5]
        screen.project_tree.move_to(("project", doomed.key))
        screen.project_tree.focus()
        await pilot.press("delete")
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.click("#choice-yes")
        await pilot.pause(0.3)
        assert screen.project_tree.current_ref() == ("project", following.key)
        assert screen.project_key == following.key
        # the last project of a unit: the one before it is selected
        last, before = projects[-1], projects[-2]
        screen.project_tree.move_to(("project", last.key))
        await pilot.press("delete")
        await pilot.click("#choice-yes")
        await pilot.pause(0.3)
        assert screen.project_tree.current_ref() == ("project", before.key)
        assert screen.project_key == before.key


async def test_the_cell_editor_follows_its_cell_when_the_terminal_is_resized(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        screen = app.main
        await pilot.press("down", "right", "enter")  # row 2, 明细指标
        assert screen.editing
        await pilot.resize_terminal(80, 24)
        await pilot.pause(0.2)
        cell = screen.grid.cell_screen_region()
        editor = screen.cell_editing.editor.region
        assert (editor.x, editor.y) == (cell.x, cell.y)
        assert screen.cell_editing.editor.value == app.document.units[0].projects[0].indicators[1].name
        await pilot.press("escape")


async def test_problems_panel_home_and_end_go_to_the_first_and_last_problem(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        screen = app.main
        await pilot.press("f4")
        panel = screen.problems_panel
        assert panel.has_focus and panel.row_count > 3
        await pilot.press("end")
        assert panel.cursor_row == panel.row_count - 1
        assert panel.scroll_x == 0  # the severity and location columns stay in view
        await pilot.press("home")
        assert panel.cursor_row == 0


async def test_f4_goes_back_to_the_open_problems_list(make_app: MakeApp) -> None:
    """After Enter jumped to a cell, F4 must take the user back to the list, not close it."""
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        screen = app.main
        await pilot.press("f4", "down", "enter")
        assert screen.grid.has_focus and screen.problems_panel.display
        await pilot.press("f4")
        assert screen.problems_panel.has_focus and screen.problems_panel.display
        assert screen.problems_panel.cursor_row == 1
        await pilot.press("f4")
        assert not screen.problems_panel.display and screen.grid.has_focus


async def test_empty_document_starts_in_the_tree_where_n_adds_a_project() -> None:
    app = GoalApp(Document(), None)
    async with app.run_test(size=SMALL) as pilot:
        screen = app.main
        await pilot.pause()
        assert screen.project_tree.has_focus
        # the grid's row keys do not apply without a project: not in the footer
        assert screen.check_action("insert_row", ()) is False
        assert screen.check_action("delete_node", ()) is False  # the department cannot be deleted
        await pilot.press("n")
        await pilot.pause()
        assert app.document.project_count() == 1
        assert screen.editing and "项目名称" in hint_text(screen)


async def test_tree_totals_include_unit_and_document_problems(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        screen = app.main
        screen.execute(AddUnit(1, Unit()))  # an unnamed unit without projects: its own problems
        await pilot.pause()
        counts = app.session.problems.counts()
        errors, warnings = counts.errors, counts.warnings
        root = screen.project_tree.root.label.plain
        assert (f"错{errors}" in root) if errors else ("错" not in root)
        assert f"警{warnings}" in root
        unit = app.document.units[1]
        unit_label = screen.project_tree._ref_nodes[("unit", unit.key)].label.plain
        assert "错" in unit_label or "警" in unit_label


async def test_u_undoes_in_the_tree_too(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        screen = app.main
        count = app.document.project_count()
        await pilot.press("escape", "n", "escape")  # new project, leave its name empty
        await pilot.pause()
        assert app.document.project_count() == count + 1
        screen.project_tree.focus()
        await pilot.press("u")
        assert app.document.project_count() == count


async def test_help_descriptions_keep_their_column_at_80_columns() -> None:
    from goaltui.ui.actions import help_sections
    from goaltui.ui.screens.help import KEY_COLUMN, help_renderable

    console = Console(width=72, record=True, color_system=None)
    console.print(help_renderable())
    lines = [line for line in console.export_text().splitlines() if line.strip()]
    headings = {title for title, _items in help_sections()}
    wrapped = 0
    for line in lines:
        if line.strip() in headings:
            continue
        assert line.startswith("  "), line  # never a description flush left under a key
        wrapped += not line[: KEY_COLUMN + 2].strip()
    assert wrapped  # some descriptions did wrap, in their own column


async def test_palette_and_footer_speak_chinese_at_80_columns(make_app: MakeApp) -> None:
    from textual.command import CommandPalette
    from textual.widgets import Input

    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        screen = app.main
        for widget in (screen.project_tree, screen.grid, screen.panel):
            widget.focus()
            await pilot.pause()
            footer = app.export_screenshot().replace("&#160;", " ")
            for label in ("保存", "帮助", "撤销"):
                assert label in footer, (type(widget).__name__, label)
        await pilot.press("ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        placeholder = app.screen.query_one(Input).placeholder
        assert "Search" not in placeholder and "命令" in placeholder
        await pilot.press(*"daochu")  # pinyin, with the input method switched off
        await pilot.pause(0.3)
        assert "导出 Excel 工作簿" in app.export_screenshot().replace("&#160;", " ")
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)



async def test_up_and_down_in_the_project_panel_move_between_its_lines(make_app: MakeApp) -> None:
    """At 80 columns the amounts take three lines; ↓ on 项目名称 used to jump past them into the grid
    and ↑ on an amount left for the tree."""
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        screen = app.main
        await pilot.press("up")  # grid row 1 → the panel's 项目名称
        assert screen.panel.has_focus and screen.panel.field == "name"
        await pilot.press("down")
        assert screen.panel.has_focus and screen.panel.field == "total"
        await pilot.press("down", "down")
        assert screen.panel.field == "other"
        await pilot.press("up")
        assert screen.panel.has_focus and screen.panel.field == "gov_fund"
        await pilot.press("down", "down")  # past the last line: into the grid
        assert screen.grid.has_focus


async def test_a_failed_save_as_keeps_saving_to_the_old_file(make_app: MakeApp, sample_copy: Path) -> None:
    """Save As into a folder that does not exist failed, but Ctrl+S kept writing there from then on."""
    from goaltui.model.commands import SetProjectName
    from goaltui.ui.screens.dialogs import TextPrompt

    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        screen = app.main
        project = screen.project
        assert project is not None
        screen.execute(SetProjectName(project.key, "另存失败后"))
        await pilot.press("ctrl+o")
        assert isinstance(app.screen, TextPrompt)
        app.screen.dismiss(str(sample_copy.parent / "no-such-folder" / "x.json"))
        await pilot.pause()
        assert any("no-such-folder" in str(n.message) for n in app._notifications)
        assert app.save_path == sample_copy and app.session.history.dirty
        await pilot.press("ctrl+s")
        assert not app.session.history.dirty
    assert read_document(sample_copy).units[0].projects[0].name == "另存失败后"


async def test_terminal_cursor_sits_on_the_panel_field(make_app: MakeApp) -> None:
    """The input method's candidate window follows the terminal cursor: on the panel it stayed on the grid."""
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        screen = app.main
        await pilot.press("up", "right")  # 合计
        await pilot.pause()
        region = screen.panel.field_region("total")
        assert region is not None and app.cursor_position == region.offset


async def test_u_and_space_inside_a_typed_burst_are_letters(make_app: MakeApp) -> None:
    """A fast typist over a slow link sends "bus" as one burst: the "u" undid the last change
    (and a space cycled 一级指标) instead of reaching the cell."""
    from goaltui.model.commands import SetProjectName

    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        screen = app.main
        project = screen.project
        assert project is not None
        screen.execute(SetProjectName(project.key, "先改个名"))
        await pilot.press("right")
        await burst(pilot, "bus stop")
        assert screen.editing and screen.cell_editing.editor.value == "bus stop"
        await pilot.press("enter")
        assert project.indicators[0].name == "bus stop" and project.name == "先改个名"


async def test_enter_on_a_unit_problem_goes_to_the_unit(make_app: MakeApp) -> None:
    """A problem of a unit itself (no name, no projects): Enter in the problems list did nothing."""
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        screen = app.main
        unit = Unit()
        screen.execute(AddUnit(1, unit))
        await pilot.press("f4")
        panel = screen.problems_panel
        index = next(i for i, p in enumerate(panel.problems) if p.unit_key == unit.key and p.project_key is None)
        panel.move_cursor(row=index)
        await pilot.press("enter")
        assert screen.project_tree.has_focus
        assert screen.project_tree.current_ref() == ("unit", unit.key)


async def test_redo_of_a_project_delete_keeps_tree_and_grid_together(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        screen = app.main
        projects = app.document.units[0].projects
        doomed, following = projects[3], projects[4]
        screen.project_tree.move_to(("project", doomed.key))
        screen.project_tree.focus()
        await pilot.press("delete")
        await pilot.click("#choice-yes")
        await pilot.press("ctrl+z")
        assert screen.project_key == doomed.key == screen.project_tree.current_ref()[1]
        await pilot.press("ctrl+y")
        await pilot.pause(0.3)
        assert screen.project_tree.current_ref() == ("project", following.key)
        assert screen.project_key == following.key


async def test_down_arrow_keeps_the_edit_and_moves_down(make_app: MakeApp) -> None:
    """Excel habit: type a value, press ↓ for the next row. The arrow did nothing while editing."""
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        screen = app.main
        project = screen.project
        assert project is not None
        await pilot.press("right", "right", "9", "down")  # 指标值 of row 1
        assert not screen.editing and project.indicators[0].value == "9"
        assert (screen.grid.cursor_row, screen.grid.field) == (1, "value") and screen.grid.has_focus
        await pilot.press("8", "up")
        assert project.indicators[1].value == "8" and screen.grid.cursor_row == 0


async def test_ctrl_q_twice_asks_once(make_app: MakeApp) -> None:
    from goaltui.model.commands import SetProjectName

    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        project = app.main.project
        assert project is not None
        app.main.execute(SetProjectName(project.key, "改"))
        await pilot.press("ctrl+q", "ctrl+q")
        assert sum(isinstance(screen, ChoiceScreen) for screen in app.screen_stack) == 1
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


async def test_the_hint_line_shows_the_whole_problem_while_in_the_list(make_app: MakeApp) -> None:
    """At 80 columns the list cuts long messages; the hint line above it now shows the one under the cursor."""
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        screen = app.main
        await pilot.press("f4", "down")
        panel = screen.problems_panel
        problem = panel.problems[panel.cursor_row]
        assert problem.message in hint_text(screen)
        assert (problem.project or problem.unit) in hint_text(screen)


async def test_level2_columns_fit_at_80_columns(sample_copy: Path) -> None:
    """With 二级指标 the five columns were wider than the grid at 80×24: 指标描述 was off screen."""
    document = read_document(sample_copy)
    document.has_level2 = True
    app = GoalApp(document, sample_copy)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        grid = app.main.grid
        assert grid.fields[1] == "level2"
        assert grid.virtual_size.width <= grid.scrollable_content_region.width


async def test_ctrl_c_says_how_to_quit_in_chinese(make_app: MakeApp) -> None:
    """Ctrl+C copies in the table (as in Excel); where nothing is copied (the problems list), it says how to quit."""
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("ctrl+c")
        assert app.clipboard == "产出指标\n"
        await pilot.press("f4")
        await pilot.pause()
        await pilot.press("ctrl+c")
        messages = [str(n.message) for n in app._notifications]
        assert any("Ctrl+Q" in m and "退出" in m for m in messages), messages
        assert not any("Press" in m for m in messages)


async def test_palette_system_commands_are_in_chinese(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SMALL):
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "更换配色" in titles
        assert not {"Theme", "Quit", "Keys", "Screenshot", "Maximize"} & set(titles)


async def test_save_as_a_bare_name_saves_json(make_app: MakeApp, tmp_path: Path) -> None:
    """Typing just a name in Save As was refused ("只能保存为 .json 或 .xlsx")."""
    from goaltui.ui.screens.dialogs import TextPrompt

    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("ctrl+o")
        assert isinstance(app.screen, TextPrompt)
        app.screen.dismiss(str(tmp_path / "柯桥2021"))
        await pilot.pause()
        assert app.save_path == tmp_path / "柯桥2021.json"
    assert read_document(tmp_path / "柯桥2021.json").project_count() == 9


async def test_help_never_cuts_a_latin_word_at_80_columns() -> None:
    """Rich folds a space-less Chinese sentence anywhere ("Ente" / "r"); the help breaks where Unicode allows."""
    import re

    from goaltui.ui.actions import help_sections
    from goaltui.ui.screens.help import help_renderable

    words = {word for _title, items in help_sections() for pair in items for word in re.findall(r"[A-Za-z]+", " ".join(pair))}
    for width in (60, 66, 72, 76):
        console = Console(width=width, record=True, color_system=None)
        console.print(help_renderable())
        shown = set(re.findall(r"[A-Za-z]+", console.export_text()))
        assert shown <= words, (width, shown - words)


async def test_a_dialog_message_breaks_between_words_not_inside_them() -> None:
    from textual.geometry import Region
    from textual.widgets import Static

    from goaltui.ui.screens.dialogs import confirm

    message = "文件已被其他程序修改。保存将覆盖磁盘上的版本；如确定要覆盖请按Enter，按Esc返回后可以另存为其他文件或重新读取文件"
    app = GoalApp(Document(title="2021年预算项目绩效目标汇总表"), None)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(confirm("文件已修改", message))
        await pilot.pause()
        static = app.screen.query_one(".dialog--message Static", Static)
        lines = ["".join(segment.text for segment in strip) for strip in static.render_lines(Region(0, 0, *static.size))]
        text = [line.rstrip() for line in lines if line.strip()]
        assert len(text) > 1 and "".join(text) == message
        assert all("Ente" not in line or "Enter" in line for line in text), text
        assert not any(line.startswith(("，", "。", "；")) for line in text), text


async def test_the_hint_keeps_its_height_while_it_is_about_the_same_cell(make_app: MakeApp) -> None:
    """An edit whose problem wraps the hint, then its undo: the grid above does not jump (and the screen is
    not laid out again); moving to another cell lets the hint shrink."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.main
        await pilot.press("right", "right")  # 第1行 指标值 (a date is expected there)
        hint = screen.hint
        await pilot.press("down")
        await pilot.pause()
        below = hint.size.height  # the next row's hint, arrived at afresh
        await pilot.press("up")
        await pilot.pause()
        short = hint.size.height
        await burst(pilot, "每个季度都至少完成一次的第三方评价工作\r")
        await wait_until(pilot, lambda: "第三方评价工作" in hint_text(screen) and hint.size.height > short)
        grown = hint.size.height
        grid_height = screen.grid.size.height
        await pilot.press("ctrl+z")
        await wait_until(pilot, lambda: "2021年2月" in hint_text(screen) or "第三方评价工作" not in hint_text(screen))
        await pilot.pause()
        assert "第三方评价工作" not in hint_text(screen)
        assert hint.size.height == grown and screen.grid.size.height == grid_height
        await pilot.press("down")
        await wait_until(pilot, lambda: "第2行" in hint_text(screen))
        await pilot.pause()
        assert hint.size.height == below < grown
