"""SVG snapshots of the file dialogs whose content does not depend on the moment (no pid, no time)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from goaltui.session.opening import open_table
from goaltui.ui.app import GoalApp
from tests.io import form_fixtures


def test_the_choice_of_sheet_at_80x24(snap_compare: Any, tmp_path: Path) -> None:
    workbook = tmp_path / "forms.xlsx"
    form_fixtures.write(workbook, form_fixtures.two_period_sheet, form_fixtures.upper_funds_sheet)

    async def run_before(pilot: Pilot[Any]) -> None:
        for _ in range(100):
            if pilot.app.screen.name == "sheet-dialog":
                break
            await pilot.pause(0.05)
        await pilot.pause()

    assert snap_compare(GoalApp(opened=open_table(workbook)), terminal_size=(80, 24), run_before=run_before)
