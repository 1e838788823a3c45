"""The review screen through the Pilot: rows fill in, sort, filter, open a table, edit it, come back.

The folder is the review tests' (tests/review/conftest.py): seven tables (three with errors), one in
元, five files that cannot be read. Waiting is for a state (rows read, a screen shown), never a fixed time.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.worker import WorkerState

from goaltui.io.formats import read_document
from goaltui.review.folder import ReviewRow, review_file, scan_folder, sort_rows
from goaltui.review.loader import ReviewReader
from goaltui.review.options import Column
from goaltui.rules import RuleConfig
from goaltui.ui.app import GoalApp
from goaltui.ui.screens.dialogs import ChoiceScreen, TextPrompt
from goaltui.ui.screens.main import MainScreen
from goaltui.ui.screens.review import ReviewScreen
from goaltui.ui.widgets.review_table import ESSENTIAL, PRIORITY, ReviewTable, fit_columns
from tests.review.conftest import ReviewFolder
from tests.ui.helpers import wait_until

SMALL = (80, 24)
WIDE = (120, 36)
FILES = 13


def review_app(folder: Path, **options: Any) -> GoalApp:
    """The app as ``goaltui review FOLDER`` starts it."""
    paths = scan_folder(folder)
    return GoalApp(None, None, start=lambda: ReviewScreen(folder, paths=paths, **options))


async def loaded(pilot: Pilot[Any]) -> ReviewScreen:
    """The review screen once every file is read and listed."""
    screen = pilot.app.screen
    assert isinstance(screen, ReviewScreen)
    await wait_until(pilot, lambda: screen.total and len(screen.listing) == screen.total)
    await wait_until(pilot, lambda: screen.table.row_count == len(screen.listing.shown()))
    return screen


def shown(screen: ReviewScreen) -> list[str]:
    return [row.name for row in screen.table.rows_shown]


def move_to(screen: ReviewScreen, name: str) -> ReviewRow:
    [row] = [row for row in screen.table.rows_shown if row.name == name]
    screen.table.select_path(row.path)
    return row


def gated(after: int, gate: threading.Event, read: list[Path]) -> ReviewReader:
    """A reader that reads *after* files, then waits for *gate* before each of the others."""

    def reader(path: Path, *, folder: Path | None = None, config: RuleConfig | None = None) -> ReviewRow:
        if len(read) >= after:
            gate.wait(20)
        read.append(path)
        return review_file(path, folder=folder, config=config)

    return reader


def title(screen: ReviewScreen) -> str:
    return str(screen.query_one("#review-title").render())


async def test_rows_fill_in_as_the_files_are_read(inbox: ReviewFolder) -> None:
    gate = threading.Event()
    app = review_app(inbox.path, reader=gated(3, gate, []), workers=1)
    async with app.run_test(size=SMALL) as pilot:
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        await wait_until(pilot, lambda: screen.table.row_count == 3)
        assert shown(screen) == inbox.names[:3]
        assert f"已读取 3/{FILES}" in title(screen)
        bar = screen.query_one("#review-progress")
        assert bar.display and bar.progress == 3  # type: ignore[attr-defined]
        gate.set()
        await loaded(pilot)
        assert shown(screen) == inbox.names
        assert not bar.display
        assert f"共 {FILES} 个表格：5 个就绪，3 个有错误，5 个无法读取" in title(screen)


async def test_an_unreadable_file_is_a_row_with_its_reason(inbox: ReviewFolder) -> None:
    app = review_app(inbox.path)
    async with app.run_test(size=SMALL) as pilot:
        screen = await loaded(pilot)
        for name, reason in inbox.unreadable.items():
            row = move_to(screen, name)
            cells = screen.table.get_row(str(row.path))
            columns = screen.table.shown_columns
            assert reason in cells[columns.index(Column.DEPARTMENT)].plain  # in the department's column
            assert cells[columns.index(Column.READY)].plain == "✗"
            await pilot.pause()
            detail = str(screen.query_one("#review-detail").render())
            assert reason in detail and name in detail  # the whole reason under the table
        await pilot.press("enter")  # cannot be opened: says why, stays on the list
        await pilot.pause()
        assert app.screen is screen
        assert any(reason in str(n.message) for n in app._notifications for reason in inbox.unreadable.values())


async def test_sorting_by_key_and_by_clicking_a_heading(inbox: ReviewFolder) -> None:
    app = review_app(inbox.path)
    async with app.run_test(size=WIDE) as pilot:
        screen = await loaded(pilot)
        rows = screen.listing.rows
        await pilot.press("s")  # the next column: the department
        assert (screen.listing.sort_column, screen.listing.descending) == (Column.DEPARTMENT, False)
        assert shown(screen) == [row.name for row in sort_rows(rows, Column.DEPARTMENT)]
        assert screen.table.columns[screen.table.ordered_columns[1].key].label.plain == "填报部门↑"

        table = screen.table
        x = sum(width + 2 for column, width in table.widths.items() if column is not Column.ERRORS and
                list(table.widths).index(column) < list(table.widths).index(Column.ERRORS))  # fmt: skip
        await pilot.click(ReviewTable, offset=(x + 1, 0))  # the heading 错误: most errors first
        assert (screen.listing.sort_column, screen.listing.descending) == (Column.ERRORS, True)
        expected = [row.name for row in sort_rows(rows, Column.ERRORS, descending=True)]
        assert shown(screen) == expected
        errors = [row.errors for row in screen.table.rows_shown if row.readable]
        assert errors == sorted(errors, reverse=True) and errors[0] > 0
        assert all(not row.readable for row in screen.table.rows_shown[len(errors) :])  # unreadable last
        await pilot.click(ReviewTable, offset=(x + 1, 0))  # again: the other way
        assert screen.listing.descending is False
        await pilot.press("r")
        assert screen.listing.descending is True and shown(screen) == expected


async def test_filters_only_errors_and_by_name(inbox: ReviewFolder) -> None:
    app = review_app(inbox.path)
    async with app.run_test(size=SMALL) as pilot:
        screen = await loaded(pilot)
        await pilot.press("e")
        not_ready = sorted(name for name in inbox.names if name in inbox.unreadable or not inbox.readable[name].ready)
        assert sorted(shown(screen)) == not_ready
        assert f"显示 {len(not_ready)}/{FILES}" in title(screen)
        await pilot.press("slash")
        field = screen.filter_input
        assert field.has_focus
        await pilot.press("j", "s", "o", "n")
        await wait_until(pilot, lambda: screen.listing.text == "json")
        assert shown(screen) == ["06_区农业农村局.json", "11_坏.json"]  # as goaltui review --only-errors --name json
        totals = str(screen.query_one("#review-totals").render())
        expected = inbox.readable["06_区农业农村局.json"]
        assert str(expected.projects) in totals.split() and str(expected.errors) in totals.split()
        await pilot.press("enter")  # back to the list, the filter kept
        assert screen.table.has_focus and screen.listing.text == "json"
        await pilot.press("escape")  # clears the filters
        assert not screen.listing.filtered and shown(screen) == inbox.names


async def test_open_edit_save_and_return_refreshes_the_row(inbox: ReviewFolder) -> None:
    name = "02_区卫生健康局.json"
    app = review_app(inbox.path)
    async with app.run_test(size=SMALL) as pilot:
        screen = await loaded(pilot)
        before = move_to(screen, name)
        assert before.ready
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, MainScreen))
        editor = app.screen
        assert isinstance(editor, MainScreen) and app.path == before.path
        assert "^w" in app.export_screenshot().replace("&#160;", " ")  # the footer offers the way back
        project = app.document.units[0].projects[0]
        await pilot.press("right", "right", "delete")  # 指标值 of the first row cleared: an error
        assert project.indicators[0].value == ""
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: not app.session.dirty)
        await pilot.press("ctrl+w")
        await wait_until(pilot, lambda: app.screen is screen)
        await wait_until(pilot, lambda: screen.listing.get(before.path) != before)
        after = screen.listing.get(before.path)
        assert after is not None and after.errors == before.errors + 1 and not after.ready
        assert screen.table.current == after  # the cursor stays on it
        assert read_document(before.path).units[0].projects[0].indicators[0].value == ""
        assert "4 个就绪" in title(screen)


async def test_quitting_a_table_with_unsaved_changes_asks_then_returns_to_the_list(inbox: ReviewFolder) -> None:
    name = "01_区教育局.xlsx"
    app = review_app(inbox.path)
    async with app.run_test(size=SMALL) as pilot:
        screen = await loaded(pilot)
        row = move_to(screen, name)
        mtime = row.path.stat().st_mtime_ns
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, MainScreen))
        await pilot.press("right", "right", "delete")
        await pilot.press("ctrl+q")  # the editor part: back to the list, not out of the app
        assert isinstance(app.screen, ChoiceScreen) and app.screen.title_text == "回到审阅列表"
        await pilot.click("#choice-discard")
        await wait_until(pilot, lambda: app.screen is screen)
        assert row.path.stat().st_mtime_ns == mtime  # nothing written
        await wait_until(pilot, lambda: not any(w.state is WorkerState.RUNNING for w in app.workers))
        assert screen.listing.get(row.path) == row  # read again: the same
        await pilot.press("ctrl+q")  # on the list: quits
        await wait_until(pilot, lambda: app.return_value is not None)
    assert app.return_value == 0


async def test_the_review_from_the_editors_palette(inbox: ReviewFolder) -> None:
    edited = inbox.path / "02_区卫生健康局.json"
    app = GoalApp(read_document(edited), edited)
    async with app.run_test(size=SMALL) as pilot:
        base = app.main
        await app.run_action("review_folder")
        prompt = app.screen
        assert isinstance(prompt, TextPrompt) and prompt.value == str(inbox.path)  # the file's folder
        await pilot.press("enter")
        screen = await loaded(pilot)
        # the table being edited: back to its editor rather than a second copy
        move_to(screen, edited.name)
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.screen is base)
        # another table: an editor over the list; Ctrl+W back; Esc back to the first editor
        await app.run_action("review_folder")
        await pilot.press("enter")
        screen = await loaded(pilot)
        move_to(screen, "04_区财政局.tsv")
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, MainScreen) and app.screen is not base)
        assert app.path == inbox.path / "04_区财政局.tsv" and app.main is app.screen
        await pilot.press("ctrl+w")
        await wait_until(pilot, lambda: app.screen is screen)
        assert app.path == edited and app.main is base  # the first editor's document is back
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is base)
        assert app.document is base.session.document


async def test_closing_the_review_stops_reading(inbox: ReviewFolder, sample_copy: Path) -> None:
    gate = threading.Event()
    read: list[Path] = []
    app = GoalApp(read_document(sample_copy), sample_copy)
    async with app.run_test(size=SMALL) as pilot:
        base = app.screen
        screen = ReviewScreen(inbox.path, paths=scan_folder(inbox.path), reader=gated(2, gate, read), workers=1)
        await app.push_screen(screen)
        await wait_until(pilot, lambda: screen.table.row_count == 2)
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is base)
        gate.set()
        await wait_until(pilot, lambda: not any(w.state is WorkerState.RUNNING for w in app.workers))
        assert len(read) <= 3  # the file being read when it closed, and no other
        assert not screen.is_attached


async def test_the_columns_that_fit_80_and_120_cells(inbox: ReviewFolder) -> None:
    app = review_app(inbox.path)
    async with app.run_test(size=SMALL) as pilot:
        screen = await loaded(pilot)
        essential = [column for column in PRIORITY[:ESSENTIAL]]
        assert set(screen.table.shown_columns) == set(essential)
        assert screen.table.shown_columns[0] is Column.FILE
        assert sum(width + 2 for width in screen.table.widths.values()) <= 80 - 2
        await pilot.resize_terminal(*WIDE)
        await wait_until(pilot, lambda: Column.OTHER in screen.table.shown_columns)
        assert Column.GENERAL_BUDGET in screen.table.shown_columns
        # the sort key cycles through what is on screen only
        screen.listing.sort_by(Column.OTHER)
        await pilot.resize_terminal(*SMALL)
        await wait_until(pilot, lambda: Column.OTHER not in screen.table.shown_columns)
        await pilot.press("s")
        assert screen.listing.sort_column is Column.FILE


def test_fit_columns_gives_the_room_left_to_the_names() -> None:
    natural: dict[Column, int] = {column: 6 for column in Column}
    natural[Column.FILE], natural[Column.DEPARTMENT] = 30, 16
    narrow = fit_columns(60, natural)
    assert next(iter(narrow)) is Column.FILE and sum(w + 2 for w in narrow.values()) <= 60
    assert Column.UNITS not in narrow
    wide = fit_columns(200, natural)
    assert wide == {column: natural[column] for column in Column}  # everything, at its natural width
    tiny = fit_columns(10, natural)
    assert list(tiny) == [Column.FILE]  # never nothing




async def test_the_palette_offers_what_applies_on_each_screen(inbox: ReviewFolder) -> None:
    from goaltui.ui.commands_palette import GoalCommands

    def titles(app: GoalApp) -> set[str]:
        return {title for title, _keys, _also, _run in GoalCommands(app.screen)._commands()}

    edited = inbox.path / "02_区卫生健康局.json"
    app = GoalApp(read_document(edited), edited)
    async with app.run_test(size=SMALL) as pilot:
        on_editor = titles(app)
        assert {"审阅文件夹…", "与另一版本比较…", "保存", "撤销"} <= on_editor
        await app.run_action("review_folder")
        await pilot.press("enter")
        await loaded(pilot)
        on_review = titles(app)
        assert not on_review & {"保存", "撤销", "与另一版本比较…", "审阅文件夹…", "插入指标行"}  # nothing for the editor
        assert {"帮助：按键一览", "退出"} <= on_review
        assert not app.check_action("save", ())  # and Ctrl+S does nothing here
