"""Compare with… through the Pilot: the marks on the changed cell, row, amounts and projects; the list of
differences goes to each place; a later edit updates the marks (after a pause, in a worker)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from rich.text import Text
from textual.coordinate import Coordinate
from textual.pilot import Pilot

from goaltui.io import native
from goaltui.io.formats import read_document
from goaltui.model import Document, Indicator
from goaltui.review.diff import ChangeKind
from goaltui.ui.app import GoalApp
from goaltui.ui.screens.compare import RECOMPARE_SECONDS
from goaltui.ui.screens.dialogs import TextPrompt
from goaltui.ui.screens.main import MainScreen
from tests.ui.helpers import commit_edit, hint_text, wait_until

K = ChangeKind
SIZE = (120, 36)
EXTRA = Indicator(level1="效益指标", name="旧版多出的指标", value="≥1项", description="旧版本才有的一行")


def submitted_version(document: Document) -> Document:
    """The version sent in before the one being edited: in the editor's terms, project 0's row 2 value
    and project 1's 一般公共预算 were changed, project 2 renamed, project 0's last row and project 3 added."""
    old = document.model_copy(deep=True)
    office = old.units[0]
    office.projects[0].indicators[1].value = "旧值"
    office.projects[0].indicators.append(EXTRA.model_copy())
    funds = office.projects[1].funds
    funds.general_budget = (funds.general_budget or Decimal(0)) - 1
    funds.total = (funds.total or Decimal(0)) - 1
    office.projects[2].name = office.projects[2].name + "（报送稿）"
    del office.projects[3]
    return old


def has_tint(text: Text) -> bool:
    """Whether *text* carries a compare mark (a background in one of its spans)."""
    return any(not isinstance(span.style, str) and span.style.bgcolor is not None for span in text.spans)


@pytest.fixture
def versions(sample_copy: Path, tmp_path: Path) -> tuple[GoalApp, Path]:
    """The editor on the sample, and the version sent in before it (``submitted.json``)."""
    document = read_document(sample_copy)
    other = tmp_path / "submitted.json"
    native.write(submitted_version(document), other)
    return GoalApp(document, sample_copy), other


async def comparing(pilot: Pilot[Any], other: Path) -> MainScreen:
    app = pilot.app
    assert isinstance(app, GoalApp)
    screen = app.main
    await pilot.press("f7")
    prompt = app.screen
    assert isinstance(prompt, TextPrompt)
    prompt.query_one("Input").value = str(other)  # type: ignore[attr-defined]
    await pilot.press("enter")
    await wait_until(pilot, lambda: screen.comparing.current is not None)
    await pilot.pause()
    return screen


def index_of(screen: MainScreen, kind: ChangeKind) -> int:
    panel = screen.comparing.panel
    assert panel is not None
    return next(i for i, change in enumerate(panel.changes) if change.kind is kind)


async def test_marks_on_the_changed_cell_row_amounts_and_projects(versions: tuple[GoalApp, Path]) -> None:
    app, other = versions
    document = app.document
    async with app.run_test(size=SIZE) as pilot:
        screen = await comparing(pilot, other)
        office = document.units[0]
        first, second, third, fourth = office.projects[:4]
        kinds = [change.kind for change in screen.comparing.current.changes]  # type: ignore[union-attr]
        for kind in (K.INDICATOR_CHANGED, K.INDICATOR_REMOVED, K.FUNDS, K.PROJECT_RENAMED, K.PROJECT_ADDED):
            assert kinds.count(kind) == 1, kind
        # the tree: ~ changed, + added, nothing on the others
        tree = screen.project_tree
        labels = {ref: label.plain for ref, label in tree._labels.items()}
        assert labels[("project", first.key)].startswith("~ ")
        assert labels[("project", second.key)].startswith("~ ")
        assert labels[("project", third.key)].startswith("~ ")
        assert labels[("project", fourth.key)].startswith("+ ")
        assert not labels[("project", office.projects[4].key)].startswith(("~", "+"))
        # the grid: the changed cell and its row number tinted, the others not; the removed row in the caption
        grid = screen.grid
        assert screen.project_key == first.key
        value = grid.fields.index("value")
        assert has_tint(grid.get_cell_at(Coordinate(1, value)))
        assert not has_tint(grid.get_cell_at(Coordinate(1, value - 1)))
        assert not has_tint(grid.get_cell_at(Coordinate(0, value)))
        assert has_tint(grid.rows[grid._row_locations.get_key(1)].label)  # type: ignore[arg-type]
        assert f"已删除原第 {len(first.indicators) + 1} 行" in str(grid.border_title)
        # the panel: the changed amounts of project 1
        screen.show_project(second.key)
        assert screen.panel._compare_look("general_budget") and screen.panel._compare_look("total")
        assert not screen.panel._compare_look("gov_fund") and not screen.panel._compare_look("name")
        assert any(has_tint(line) for line in screen.panel._lines)
        # the list of differences opened by itself, one line per change
        panel = screen.comparing.panel
        assert panel is not None and panel.has_class("-visible") and panel.row_count == len(kinds)


async def test_the_list_of_differences_goes_to_each_place(versions: tuple[GoalApp, Path]) -> None:
    app, other = versions
    document = app.document
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await comparing(pilot, other)
        office = document.units[0]
        panel = screen.comparing.panel
        assert panel is not None
        screen.show_project(office.projects[5].key)  # somewhere else

        async def go(kind: ChangeKind) -> None:
            await pilot.press("shift+f7")
            assert panel.has_focus
            panel.move_cursor(row=index_of(screen, kind))
            await pilot.pause()
            assert hint_text(screen).split("\n")[0]  # the whole description above the list
            await pilot.press("enter")
            await pilot.pause()

        await go(K.INDICATOR_CHANGED)
        grid = screen.grid
        assert screen.project_key == office.projects[0].key
        assert grid.has_focus and grid.cursor_coordinate == Coordinate(1, grid.fields.index("value"))
        assert "submitted.json 中为 旧值" in hint_text(screen)  # the old value under the grid
        await go(K.INDICATOR_REMOVED)  # the project it was removed from, where the row was
        assert grid.has_focus and grid.cursor_row == len(office.projects[0].indicators) - 1
        await go(K.FUNDS)
        assert screen.project_key == office.projects[1].key
        assert screen.panel.has_focus and screen.panel.field == "total"
        assert "submitted.json 中为" in hint_text(screen)
        await go(K.PROJECT_RENAMED)
        assert screen.project_key == office.projects[2].key and screen.panel.field == "name"
        assert "（报送稿）" in hint_text(screen)  # the old name
        await go(K.PROJECT_ADDED)
        assert screen.project_tree.has_focus
        assert screen.project_tree.current_ref() == ("project", office.projects[3].key)
        # Esc closes the list; Shift+F7 opens it again, where it was
        await pilot.press("shift+f7", "escape")
        assert not panel.has_class("-visible")


async def test_a_later_edit_updates_the_marks(versions: tuple[GoalApp, Path]) -> None:
    app, other = versions
    document = app.document
    async with app.run_test(size=SIZE) as pilot:
        screen = await comparing(pilot, other)
        comparing_ = screen.comparing
        first = document.units[0].projects[0]
        grid = screen.grid
        value = grid.fields.index("value")
        changed_key = first.indicators[1].key
        assert changed_key in comparing_.current.marks.cells  # type: ignore[union-attr]
        # put the old value back: once the user pauses, the cell is the same as the other version's
        screen.set_focus(grid)
        grid.move_cursor(row=1, column=value)
        await pilot.press("enter")
        commit_edit(screen, "旧值")
        await pilot.pause()
        assert comparing_.stale and comparing_._timer is not None  # not on the keystroke: after a pause
        await wait_until(pilot, lambda: not comparing_.stale and not comparing_._running)
        assert changed_key not in comparing_.current.marks.cells  # type: ignore[union-attr]
        assert not has_tint(grid.get_cell_at(Coordinate(1, value)))
        assert comparing_.panel is not None
        assert not any(c.kind is K.INDICATOR_CHANGED for c in comparing_.panel.changes)
        # a new change is marked
        grid.move_cursor(row=0, column=grid.fields.index("name"))
        await pilot.press("enter")
        commit_edit(screen, "改过的指标名")
        await wait_until(pilot, lambda: not comparing_.stale and not comparing_._running, timeout=RECOMPARE_SECONDS + 20)
        assert comparing_.current.marks.cells[first.indicators[0].key] == {"name"}  # type: ignore[union-attr]
        assert has_tint(grid.get_cell_at(Coordinate(0, grid.fields.index("name"))))
        # undo: marked as before
        await pilot.press("ctrl+z")
        await wait_until(pilot, lambda: not comparing_.stale and not comparing_._running)
        assert first.indicators[0].key not in comparing_.current.marks.cells  # type: ignore[union-attr]


async def test_delete_in_the_list_clears_the_comparison(versions: tuple[GoalApp, Path]) -> None:
    app, other = versions
    async with app.run_test(size=SIZE) as pilot:
        screen = await comparing(pilot, other)
        await pilot.press("shift+f7", "delete")
        assert not screen.comparing.active
        assert not any(label.plain.startswith(("~ ", "+ ")) for label in screen.project_tree._labels.values())
        assert not any(has_tint(screen.grid.get_cell_at(Coordinate(1, c))) for c in range(len(screen.grid.fields)))
        assert screen.comparing.panel is not None and not screen.comparing.panel.has_class("-visible")
        await pilot.press("shift+f7")  # nothing to list: says how to compare
        assert any("F7" in str(n.message) for n in app._notifications)


async def test_a_file_that_cannot_be_read_is_one_line_and_changes_nothing(sample_copy: Path, tmp_path: Path) -> None:
    bad = tmp_path / "坏.json"
    bad.write_text("{", encoding="utf-8")
    app = GoalApp(read_document(sample_copy), sample_copy)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main
        await pilot.press("f7")
        app.screen.query_one("Input").value = str(bad)  # type: ignore[attr-defined]
        await pilot.press("enter")
        await wait_until(pilot, lambda: any(n.severity == "error" for n in app._notifications))
        [message] = [str(n.message) for n in app._notifications if n.severity == "error"]
        assert "坏.json" in message and "\n" not in message
        assert not screen.comparing.active and app.screen is screen


async def test_an_equal_version_says_so(sample_copy: Path) -> None:
    app = GoalApp(read_document(sample_copy), sample_copy)
    async with app.run_test(size=SIZE) as pilot:
        screen = await comparing(pilot, sample_copy)
        assert screen.comparing.current is not None and screen.comparing.current.result.equal
        assert any("相同" in str(n.message) for n in app._notifications)
        assert screen.comparing.panel is not None and screen.comparing.panel.row_count == 0


async def test_a_header_change_marks_the_department_and_leads_to_the_header(sample_copy: Path, tmp_path: Path) -> None:
    from goaltui.ui.screens.header import HeaderScreen

    document = read_document(sample_copy)
    old = document.model_copy(deep=True)
    old.signatures.phone = "00000000"
    other = tmp_path / "submitted.json"
    native.write(old, other)
    app = GoalApp(document, sample_copy)
    async with app.run_test(size=SIZE) as pilot:
        screen = await comparing(pilot, other)
        assert screen.project_tree._labels[("doc", 0)].plain.startswith("~ ")
        await pilot.press("shift+f7")
        panel = screen.comparing.panel
        assert panel is not None
        panel.move_cursor(row=index_of(screen, K.SIGNATURE))
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, HeaderScreen))
