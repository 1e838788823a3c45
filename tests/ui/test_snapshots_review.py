"""SVG snapshots of the review screen (80×24 and 120×36) and of the editor comparing with another version.

The review folder is the review tests' (seeded: the same tables every run) under a fixed name; the
pictures are taken once every file is read. Update on purpose with ``--snapshot-update``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from goaltui.io import native
from goaltui.io.formats import read_document
from goaltui.resources import sample_path
from goaltui.ui.app import GoalApp
from tests.review.conftest import ReviewFolder
from tests.ui.test_compare import K, comparing, index_of, submitted_version
from tests.ui.test_review_screen import loaded, review_app


async def _loaded(pilot: Pilot[Any]) -> None:
    await loaded(pilot)
    await pilot.pause()


def test_review_screen_80x24(snap_compare: Any, inbox_template: ReviewFolder) -> None:
    assert snap_compare(review_app(inbox_template.path), terminal_size=(80, 24), run_before=_loaded)


def test_review_screen_120x36(snap_compare: Any, inbox_template: ReviewFolder) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await _loaded(pilot)
        await pilot.press("s", "s", "s")  # by projects, most first
        await pilot.press("down", "down")

    assert snap_compare(review_app(inbox_template.path), terminal_size=(120, 36), run_before=run_before)


def test_editor_with_compare_marks(snap_compare: Any, tmp_path: Path) -> None:
    other = tmp_path / "submitted.json"
    native.write(submitted_version(read_document(sample_path())), other)

    async def run_before(pilot: Pilot[Any]) -> None:
        screen = await comparing(pilot, other)
        await pilot.press("shift+f7")
        panel = screen.comparing.panel
        assert panel is not None
        panel.move_cursor(row=index_of(screen, K.INDICATOR_CHANGED))
        await pilot.press("enter")  # on the changed cell: its old value under the grid
        pilot.app.clear_notifications()
        await pilot.pause()

    app = GoalApp(read_document(sample_path()), sample_path())
    assert snap_compare(app, terminal_size=(120, 36), run_before=run_before)
