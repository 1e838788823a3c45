"""Pastes, the multi-line editor, commands during an edit, and the palette in both languages."""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from textual import events
from textual.widgets import TextArea

from goaltui.i18n import set_language
from goaltui.ui.actions import ACTIONS, palette_actions
from goaltui.ui.app import GoalApp
from goaltui.ui.screens.dialogs import ChoiceScreen, LongTextScreen
from goaltui.ui.screens.main import MainScreen
from tests.ui.conftest import SIZE
from tests.ui.helpers import burst, hint_text

MakeApp = Callable[..., GoalApp]


def screen_text(app: GoalApp) -> str:
    return app.export_screenshot().replace("&#160;", " ")


async def test_a_bracketed_paste_goes_into_the_open_editor(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main
        project = screen.project
        assert project is not None
        await pilot.press("right", "right", "enter")  # 指标值, its text kept
        await pilot.press("end", "backspace")
        app.post_message(events.Paste("末\n（见附件）"))  # two lines: one line in a one-line editor
        await burst(pilot, "", "enter")
        assert project.indicators[0].value == "2021年2月底末 （见附件）"


async def test_a_paste_on_a_cell_replaces_it_as_typing_does(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main
        project = screen.project
        assert project is not None
        await pilot.press("right")
        app.post_message(events.Paste("粘贴的指标"))
        await burst(pilot, "", "enter")
        assert project.indicators[0].name == "粘贴的指标"
        await pilot.press("ctrl+z")
        assert project.indicators[0].name == "出具第三方评价时间"


async def test_a_paste_of_several_lines_on_the_description_opens_the_multi_line_editor(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main
        project = screen.project
        assert project is not None
        await pilot.press("end")  # 指标描述
        app.post_message(events.Paste("第一行\n第二行"))
        await pilot.pause()
        assert isinstance(app.screen, LongTextScreen)
        assert app.screen.query_one(TextArea).text == "第一行\n第二行"
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, MainScreen)
        assert project.indicators[0].description == "第一行\n第二行"


async def test_quitting_from_the_multi_line_editor_keeps_its_text(make_app: MakeApp, sample_copy: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("end", "enter")  # 指标描述: the multi-line editor
        assert isinstance(app.screen, LongTextScreen)
        area = app.screen.query_one(TextArea)
        area.insert("补充：")
        await pilot.pause()
        await pilot.press("ctrl+q")  # stores the edit first, then asks about the unsaved change
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.click("#choice-save")
        await pilot.pause()
    saved = json.loads(sample_copy.read_text("utf-8"))["units"][0]["projects"][0]["indicators"][0]
    assert saved["description"].startswith("补充：") or saved["description"].endswith("补充：")


async def test_a_command_waits_for_an_amount_that_is_not_one(make_app: MakeApp, sample_copy: Path) -> None:
    """Ctrl+S with 合计 holding text that is not an amount: nothing is saved, nothing typed is dropped."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main
        project = screen.project
        assert project is not None
        before = sample_copy.read_bytes()
        await pilot.press("up", "right")  # 合计
        await burst(pilot, "十二")
        await pilot.press("ctrl+s")
        assert screen.editing and screen.cell_editing.editor.value == "十二"
        assert sample_copy.read_bytes() == before
        assert any("不是金额" in str(n.message) for n in app._notifications)
        assert "不是金额" in hint_text(screen)
        await pilot.press("ctrl+q")  # refused too: the app keeps running with the editor open
        assert isinstance(app.screen, MainScreen) and screen.editing
        screen.cell_editing.editor.value = "12"
        await pilot.press("ctrl+s")
        assert not screen.editing and project.funds.total == Decimal(12) and not app.session.dirty


async def test_undo_from_the_palette_during_an_edit_stores_it_first(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main
        project = screen.project
        assert project is not None
        await pilot.press("right", "right")
        await burst(pilot, "≥9次")
        await pilot.press("ctrl+p")  # opening the palette stores the edit
        assert not screen.editing and project.indicators[0].value == "≥9次"
        await pilot.press("escape")
        await pilot.press("ctrl+z")
        assert project.indicators[0].value == "2021年2月底前"


async def test_the_palette_speaks_the_users_language(make_app: MakeApp) -> None:
    for lang, title, no_matches in (("zh", "导出 Excel 工作簿", "没有找到匹配的命令"), ("en", "Export Excel workbook", "No matches found")):
        set_language(lang)
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("ctrl+p")
            await pilot.pause(0.3)
            shown = screen_text(app)
            names = {name for action in palette_actions() for name in (action.run, action.id)}
            for name in names:  # never the internal action names (plain English words are fine in English)
                if lang == "zh" or not name.isalpha():
                    assert name not in shown, (lang, name)
            if lang == "zh":  # Textual's own commands are translated too
                assert "Screenshot" not in shown and "save an SVG" not in shown
            await pilot.press(*"xlsx")
            await pilot.pause(0.3)
            assert title in screen_text(app), lang
            await pilot.press(*(["backspace"] * 4), *"zzqqxx")
            await pilot.pause(0.9)
            assert no_matches in screen_text(app), lang
            await pilot.press("escape")
    set_language("zh")


async def test_every_palette_command_runs(make_app: MakeApp) -> None:
    """Each palette entry names an action that exists where the palette runs it."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        for action in palette_actions():
            if action.id in ("quit", "save", "save_as", "export_xlsx", "export_md"):
                continue
            target, name, _params = app._parse_action(action.run, app)
            assert hasattr(target, f"action_{name}"), action.id
        await pilot.pause()
    assert len({action.id for action in ACTIONS}) == len(ACTIONS)


async def test_the_screenshot_command_says_where_in_the_users_language(
    make_app: MakeApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        app.screenshot()
        await pilot.pause()
        saved = list(tmp_path.glob("*.svg"))
        assert len(saved) == 1
        assert any("屏幕截图已保存" in str(n.message) and saved[0].name in str(n.message) for n in app._notifications)
