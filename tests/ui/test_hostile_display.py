"""Nothing from a cell reaches the terminal raw: every view of the editor draws control, bidi and
invisible characters as visible marks.

Each test opens a table whose cells carry what an attacker would send over SSH (OSC 52 to set
the clipboard, OSC 0 for the window title, CSI 2J to clear the screen, a C1 CSI, bidi overrides,
zero-width characters), goes to one view, and renders the whole screen as the terminal would
receive it (the compositor's full update, as the app writes it to the driver).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from goaltui.io import native
from goaltui.resources import sample_path
from goaltui.ui.app import GoalApp
from goaltui.ui.screens.dialogs import ChoiceScreen, LongTextScreen, TextPrompt
from goaltui.ui.screens.header import HeaderScreen

OSC52 = "\x1b]52;c;cm0gLXJmIH4K\x07"
TITLE_AND_CLEAR = "\x1b]0;pwned\x07\x1b[2J"
RAW = ("\x1b]", "\x07", "\x9b", "\u202e", "\u200b", "\u2066", "\x1b[2J", "\x1b[8m")
"""What must never be in the bytes the editor writes (its own escape sequences are CSI … m / H)."""


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    document = native.read(sample_path())
    unit = document.units[0]
    unit.name = f"区人大办{OSC52}"
    project = unit.projects[0]
    project.name = f"例会{TITLE_AND_CLEAR}"
    project.indicators[0].name = "名\u200b称\u2066"
    project.indicators[0].value = "≥3次\u202e001\x9b31m"
    project.indicators[0].description = f"第一行{OSC52}\n第二行\u202e"
    document.department = f"人大{TITLE_AND_CLEAR}"
    document.notes = f"备注{OSC52}"
    document.signatures.leader = "周维\x1b[8m"
    path = tmp_path / "hostile.json"
    native.write(document, path)
    return path


def terminal_output(app: GoalApp) -> str:
    """What the terminal would receive to draw the whole screen now (dialogs over their background)."""
    update = app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    assert update is not None
    rendered: str = update.render_segments(app.console)  # type: ignore[attr-defined]
    return rendered


def assert_safe(app: GoalApp, *marks: str) -> str:
    """No raw sequence in what the terminal receives; *marks* in what it shows."""
    output = terminal_output(app)
    for raw in RAW:
        assert raw not in output, f"{raw!r} reached the terminal"
    shown = re.sub(r"\x1b\[[0-9;]*[mH]", "", output)  # the editor's own colours and cursor moves
    assert "\x1b" not in shown  # ...were the only escape sequences
    for mark in marks:
        assert mark in shown, f"{mark!r} is not on screen"
    return shown


async def _open(pilot: Pilot[Any]) -> GoalApp:
    app = pilot.app
    assert isinstance(app, GoalApp)
    await pilot.pause()
    return app


async def test_tree_grid_panel_hint_and_status(hostile: Path) -> None:
    app = GoalApp(native.read(hostile), hostile)
    async with app.run_test(size=(120, 36)) as pilot:
        await _open(pilot)
        await pilot.pause(0.3)  # (the problems come after the first paint)
        assert_safe(app, "区人大办␛]52;", "例会␛]0;pwned␇␛[2J", "名<U+200B>称", "≥3次<U+202E>001", "人大␛]0;")
        await pilot.press("right", "right")  # the hint line shows the cell's whole text and its problems
        await pilot.pause(0.2)
        assert_safe(app, "≥3次<U+202E>001<U+009B>31m")
        await pilot.press("right")  # 指标描述: two lines, shown on one
        assert_safe(app, "第一行␛]52;", "⏎ 第二行<U+202E>")


async def test_the_problems_list(hostile: Path) -> None:
    app = GoalApp(native.read(hostile), hostile)
    async with app.run_test(size=(120, 36)) as pilot:
        await _open(pilot)
        await pilot.press("f4")
        await pilot.pause(0.3)
        assert app.main.problems_panel.row_count
        assert_safe(app, "控制字符")
        await pilot.press("down")  # the hint holds the whole message of the problem under the cursor
        assert_safe(app)


async def test_editors_and_dialogs(hostile: Path) -> None:
    app = GoalApp(native.read(hostile), hostile)
    async with app.run_test(size=(120, 36)) as pilot:
        main = await _open(pilot)
        screen = main.main
        # the one-line cell editor on a hostile value
        await pilot.press("right", "right", "enter")
        assert screen.editing
        assert_safe(app, "≥3次␦001␦31m")  # one-cell marks in the editor (the caret stays where it should)
        await pilot.press("escape", "right", "enter")  # the multi-line editor of 指标描述
        assert isinstance(app.screen, LongTextScreen)
        assert_safe(app, "第一行␛]52;")
        await pilot.press("escape")
        # renaming the unit (its name in a text field), deleting the project (its name in the question)
        screen.project_tree.focus()
        screen.project_tree.move_to(("unit", app.document.units[0].key))
        await pilot.press("f2")
        assert isinstance(app.screen, TextPrompt)
        assert_safe(app, "区人大办␛]52;")
        await pilot.press("escape")
        screen.project_tree.move_to(("project", app.document.units[0].projects[0].key))
        await pilot.press("delete")
        assert isinstance(app.screen, ChoiceScreen)
        assert_safe(app, "例会␛]0;pwned␇␛[2J")
        await pilot.press("escape")
        # the header and footer form
        await pilot.press("f9")
        assert isinstance(app.screen, HeaderScreen)
        assert_safe(app, "人大␛]0;", "周维␛[8m", "备注␛]52;")
        await pilot.press("escape")


async def test_notifications_and_the_quit_question(hostile: Path) -> None:
    from goaltui.model.commands import SetDocumentField

    app = GoalApp(native.read(hostile), hostile)
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await _open(pilot)
        app.notify(f"单位 {OSC52} 已删除", title=f"标题{TITLE_AND_CLEAR}")
        await pilot.pause(0.2)
        assert_safe(app, "单位 ␛]52;", "标题␛]0;pwned")
        app.main.execute(SetDocumentField("title", f"改{OSC52}"))
        await pilot.press("ctrl+q")
        assert isinstance(app.screen, ChoiceScreen)
        assert_safe(app)


async def test_a_file_name_with_a_control_sequence(tmp_path: Path) -> None:
    name = tmp_path / "表\x1b]0;x\x07.json"
    native.write(native.read(sample_path()), name)
    app = GoalApp(native.read(name), name)
    async with app.run_test(size=(120, 36)) as pilot:
        await _open(pilot)
        assert_safe(app, "表␛]0;x␇.json")


async def test_the_caret_of_a_text_field_is_measured_on_what_is_drawn() -> None:
    from textual.app import App, ComposeResult

    from goaltui.ui.widgets.safe_input import SafeInput

    class One(App[None]):
        def compose(self) -> ComposeResult:
            yield SafeInput("a\x1bb\u202e名")

    app = One()
    async with app.run_test(size=(40, 3)) as pilot:
        field = app.query_one(SafeInput)
        field.focus()
        await pilot.pause()
        field.cursor_position = 3  # after the bidi override
        assert field._cursor_offset == 3  # a ␛ b: one cell each (Textual counts 0 for ␛ and U+202E)
        field.cursor_position = len(field.value)
        assert field._cursor_offset == 6 + 1  # …␦名 (2 cells) and the caret after it
        assert field._cell_offset_to_index(2) == 2 and field._cell_offset_to_index(5) == 4
        assert field.value == "a\x1bb\u202e名"  # the value itself is what it was
