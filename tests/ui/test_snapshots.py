"""SVG snapshots of the editor (pytest-textual-snapshot; Textual is pinned in the test extra).

The screens show validation results, so a change to the rules' messages
changes these pictures: review the diff and update with ``--snapshot-update``.
"""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot

from goaltui.io.formats import read_document
from goaltui.resources import sample_path
from goaltui.ui.app import GoalApp


def sample_app() -> GoalApp:
    return GoalApp(read_document(sample_path()), sample_path())


def test_main_screen_80x24(snap_compare: Any) -> None:
    assert snap_compare(sample_app(), terminal_size=(80, 24))


def test_main_screen_120x36(snap_compare: Any) -> None:
    assert snap_compare(sample_app(), terminal_size=(120, 36))


def test_cell_being_edited(snap_compare: Any) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.press("down", "right", "right", "enter")
        app = pilot.app
        assert isinstance(app, GoalApp)
        app.main.cell_editing.editor.insert_text_at_cursor("以上，[red]≥")
        await pilot.pause(0.3)

    assert snap_compare(sample_app(), terminal_size=(120, 36), run_before=run_before)


def test_problems_panel(snap_compare: Any) -> None:
    assert snap_compare(sample_app(), terminal_size=(120, 36), press=["ctrl+k", "f4"])


def test_header_screen_80x24(snap_compare: Any) -> None:
    assert snap_compare(sample_app(), terminal_size=(80, 24), press=["f3"])
