"""The file in the editor: another editor holds it, a crash left a journal, the file changed on disk,
a read-only file, save notes, a link, the header's project count, sheets, inserting projects.

Driven with the Pilot; set-up through files and processes (another editor is a real child process
holding the lock). Waits are for states (a dialog, a worker, a file), never fixed times.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Button, Input, Static

from goaltui.io import native
from goaltui.io.external_change import FileFingerprint
from goaltui.io.formats import read_document
from goaltui.io.recovery import RecoveryJournal, journal_path_for
from goaltui.io.state import state_dir
from goaltui.model.commands import SetDocumentField
from goaltui.resources import sample_path
from goaltui.session.opening import open_table
from goaltui.ui.app import GoalApp
from goaltui.ui.screens.dialogs import ChoiceScreen, TextPrompt
from goaltui.ui.screens.header import HeaderScreen
from tests.io import form_fixtures
from tests.io.test_file_lock import _start_holder
from tests.ui.helpers import commit_edit

MakeApp = Callable[..., GoalApp]
SIZE = (100, 30)


@pytest.fixture
def holder(sample_copy: Path) -> Iterator[subprocess.Popen[str]]:
    """Another editor (a child process) holding the table's lock."""
    process = _start_holder(sample_copy)
    yield process
    process.kill()
    process.wait(timeout=30)


async def wait_for(pilot: Pilot[Any], condition: Callable[[], bool], timeout: float = 10) -> None:
    """Let the app run until *condition* holds (workers, timers, dialogs)."""
    end = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > end:
            raise AssertionError("the editor never reached the expected state")
        await pilot.pause(0.05)


async def dialog(pilot: Pilot[Any], dialog_id: str) -> ChoiceScreen:
    await wait_for(pilot, lambda: dialog_id in (pilot.app.screen.id, pilot.app.screen.name))
    screen = pilot.app.screen
    assert isinstance(screen, ChoiceScreen)
    await wait_for(pilot, lambda: bool(screen.query(Button)) and all(b.region.area for b in screen.query(Button)))
    return screen


async def choose(pilot: Pilot[Any], dialog_id: str, choice: str) -> str:
    """Answer the dialog *dialog_id* by clicking *choice*; the dialog's message."""
    screen = await dialog(pilot, dialog_id)
    message = screen.message
    await pilot.click(f"#choice-{choice}")
    await wait_for(pilot, lambda: pilot.app.screen is not screen)
    await pilot.pause()
    return message


def notifications(app: GoalApp) -> str:
    return "\n".join(str(n.message) for n in app._notifications)


def status(app: GoalApp) -> str:
    from goaltui.ui.widgets.status_line import StatusLine

    return str(app.main.query_one(StatusLine).render())


def edit_title(app: GoalApp, title: str) -> None:
    app.main.execute(SetDocumentField("title", title))


# --- another editor holds the file --------------------------------------------------------------------


async def test_a_second_editor_says_who_holds_the_file_and_opens_read_only(
    make_app: MakeApp, sample_copy: Path, holder: subprocess.Popen[str]
) -> None:
    app = make_app()
    before = sample_copy.read_bytes()
    async with app.run_test(size=SIZE) as pilot:
        screen = await dialog(pilot, "lock-dialog")
        assert f"进程 {holder.pid}" in screen.message and "主机" in screen.message
        assert not screen.query("#choice-take_over")  # the holder runs: no taking over
        await choose(pilot, "lock-dialog", "read_only")
        assert "只读" in status(app)
        main = app.main
        # typing on a cell opens no editor; the status says why and what is possible
        await pilot.press("x")
        assert not main.editing and "Ctrl+O" in notifications(app)
        # nor do the tree's keys, the undo, the palette's commands
        main.project_tree.focus()
        await pilot.press("n", "delete", "f2", "ctrl+z")
        assert isinstance(app.screen, type(main)) and not app.session.dirty
        await app.run_action("insert_projects")  # (the palette's 从文件插入项目)
        await pilot.pause()
        assert not isinstance(app.screen, TextPrompt)
        # Ctrl+S is refused; the file is untouched
        app._notifications.clear()
        await pilot.press("ctrl+s")
        assert "不能保存到" in notifications(app)
        assert sample_copy.read_bytes() == before
        # Save As writes a copy, which is this editor's: read-only mode ends
        await pilot.press("ctrl+o")
        assert isinstance(app.screen, TextPrompt)
        copy = sample_copy.with_name("copy.json")
        app.screen.dismiss(str(copy))
        await wait_for(pilot, lambda: copy.exists() and app.save_path == copy)
        assert "只读" not in status(app) and "不再只读" in notifications(app)
        edit_title(app, "副本的标题")
        assert app.session.dirty
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not app.session.dirty)
    assert read_document(copy).title == "副本的标题" and sample_copy.read_bytes() == before


async def test_the_lock_of_an_editor_that_is_gone_is_taken_over(make_app: MakeApp, sample_copy: Path) -> None:
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    process = _start_holder(sample_copy)  # holds the lock; its JSON will name the process that is gone
    info = sample_copy.with_name(f".{sample_copy.name}.goaltui-lock.json")
    info.write_text(json.dumps({**json.loads(info.read_text("utf-8")), "pid": int(gone.stdout)}), "utf-8")
    try:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            screen = await dialog(pilot, "lock-dialog")
            assert "不在运行" in screen.message
            await choose(pilot, "lock-dialog", "take_over")
            assert app.file is not None and app.file.lock is not None and app.file.lock.held
            assert app.session.read_only is None and "已接管" in notifications(app)
    finally:
        process.kill()
        process.wait(timeout=30)


async def test_the_lock_is_given_back_on_quitting(make_app: MakeApp, sample_copy: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: app.file is not None and app.file.lock is not None)
        info = sample_copy.with_name(f".{sample_copy.name}.goaltui-lock.json")
        assert json.loads(info.read_text("utf-8"))["pid"] == os.getpid()
        await pilot.press("ctrl+q")
    assert not info.exists()
    again = make_app()
    async with again.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: again.file is not None and again.file.lock is not None)
        assert again.screen.name != "lock-dialog"


# --- the recovery journal -------------------------------------------------------------------------------


async def test_the_journal_follows_the_edits_and_goes_with_a_save(make_app: MakeApp, sample_copy: Path) -> None:
    journal = journal_path_for(sample_copy, state_dir("recovery"))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: app.file is not None and app.file.journal is not None)
        await pilot.press("right", "right", "enter")
        commit_edit(app.main, "≥42次")
        await wait_for(pilot, journal.exists)  # within seconds, no save needed
        kept = json.loads(journal.read_text("utf-8"))["document"]
        assert kept["units"][0]["projects"][0]["indicators"][0]["value"] == "≥42次"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not app.session.dirty)
        assert not journal.exists()
        await pilot.press("ctrl+z")  # differs from the file again: journaled again
        await wait_for(pilot, journal.exists)
        await pilot.press("ctrl+y")  # back to what the file holds: no journal
        await wait_for(pilot, lambda: not journal.exists())
        await pilot.press("ctrl+z", "ctrl+q")
        await choose(pilot, "quit-dialog", "discard")
    assert not journal.exists()  # the changes were thrown away deliberately


def _journal_for(table: Path, title: str, value: str) -> Path:
    """The journal an editor killed with unsaved edits leaves behind."""
    document = native.read(table)
    document.title = title
    document.units[0].projects[0].indicators[0].value = value
    journal = RecoveryJournal(table, base=FileFingerprint.of(table), state_directory=state_dir("recovery"))
    journal.changed()
    journal.flush(document)
    return journal.journal_path


async def test_a_journal_left_behind_is_restored_as_one_undo_step(make_app: MakeApp, sample_copy: Path) -> None:
    journal = _journal_for(sample_copy, "崩溃前的标题", "≥7次")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        message = await choose(pilot, "recovery-dialog", "restore")
        assert "没有正常退出" in message and "崩溃前的标题" in message and "修改项目" in message
        assert "又被改动过" not in message
        assert app.document.title == "崩溃前的标题" and app.session.dirty and "*未保存" in status(app)
        assert app.main.grid.get_cell_at((0, 2)).plain == "≥7次"
        await pilot.press("ctrl+z")  # the restore undone: the file's table, and no journal
        assert app.document.title == read_document(sample_copy).title and not app.session.dirty
        await pilot.press("ctrl+y", "ctrl+s")
        await wait_for(pilot, lambda: not app.session.dirty)
    assert read_document(sample_copy).title == "崩溃前的标题" and not journal.exists()


async def test_a_declined_journal_is_removed(make_app: MakeApp, sample_copy: Path) -> None:
    journal = _journal_for(sample_copy, "不要了", "≥1次")
    sample_copy.write_text(sample_copy.read_text("utf-8").replace("柯桥", "越城"), "utf-8")  # changed since
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        message = await choose(pilot, "recovery-dialog", "discard")
        assert "又被改动过" in message  # restoring would overwrite that change: said
        assert not journal.exists() and not app.session.dirty and app.document.title != "不要了"


# --- the file changed on disk ----------------------------------------------------------------------------


def _changed_behind_the_editors_back(table: Path) -> None:
    table.write_text(table.read_text("utf-8").replace("监督跟踪跨度年份", "监督年限"), "utf-8")


async def test_a_save_over_a_file_changed_on_disk_asks_and_can_overwrite(make_app: MakeApp, sample_copy: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        edit_title(app, "我的标题")
        _changed_behind_the_editors_back(sample_copy)
        await pilot.press("ctrl+s")
        message = await choose(pilot, "external-dialog", "overwrite")
        assert "被其他程序修改" in message and "修改项目" in message and "标题" in message
        await wait_for(pilot, lambda: not app.session.dirty)
        edit_title(app, "再改一次")
        await pilot.press("ctrl+s")  # the disk holds our version now: no question
        await wait_for(pilot, lambda: not app.session.dirty)
    saved = read_document(sample_copy)
    assert saved.title == "再改一次" and "监督年限" not in sample_copy.read_text("utf-8")


async def test_reload_takes_the_disk_version_and_undo_brings_the_edits_back(
    make_app: MakeApp, sample_copy: Path
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        edit_title(app, "我的标题")
        _changed_behind_the_editors_back(sample_copy)
        await pilot.press("ctrl+s")
        await choose(pilot, "external-dialog", "reload")
        assert not app.session.dirty and "监督年限" in [i.name for i in app.document.units[0].projects[0].indicators]
        assert app.document.title != "我的标题" and "已重新载入" in notifications(app)
        await pilot.press("ctrl+z")
        assert app.document.title == "我的标题" and app.session.dirty
        await pilot.press("ctrl+s")  # deliberately: overwrite what was reloaded
        await wait_for(pilot, lambda: not app.session.dirty)
    assert read_document(sample_copy).title == "我的标题"


async def test_cancel_or_save_as_leaves_the_changed_file_alone(make_app: MakeApp, sample_copy: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        edit_title(app, "我的标题")
        _changed_behind_the_editors_back(sample_copy)
        changed = sample_copy.read_bytes()
        await pilot.press("ctrl+s")
        await choose(pilot, "external-dialog", "cancel")
        assert app.session.dirty and sample_copy.read_bytes() == changed
        await pilot.press("ctrl+s")
        await choose(pilot, "external-dialog", "save_as")
        assert isinstance(app.screen, TextPrompt)
        mine = sample_copy.with_name("mine.json")
        app.screen.dismiss(str(mine))
        await wait_for(pilot, lambda: not app.session.dirty)
    assert sample_copy.read_bytes() == changed and read_document(mine).title == "我的标题"


async def test_a_deleted_file_can_be_written_again_but_not_reloaded(make_app: MakeApp, sample_copy: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        edit_title(app, "我的标题")
        sample_copy.unlink()
        await pilot.press("ctrl+s")
        screen = await dialog(pilot, "external-dialog")
        assert "被删除" in screen.message and not screen.query("#choice-reload")
        await choose(pilot, "external-dialog", "overwrite")
        await wait_for(pilot, lambda: not app.session.dirty)
    assert read_document(sample_copy).title == "我的标题"


# --- read-only files, save notes, links ---------------------------------------------------------------------


async def test_a_read_only_file_is_replaced_only_when_the_user_says_so(make_app: MakeApp, sample_copy: Path) -> None:
    app = make_app()
    sample_copy.chmod(0o444)
    try:
        async with app.run_test(size=SIZE) as pilot:
            edit_title(app, "我的标题")
            await pilot.press("ctrl+s")
            message = await choose(pilot, "read-only-file-dialog", "cancel")
            assert "只读文件" in message and "0444" in message
            assert app.session.dirty and read_document(sample_copy).title != "我的标题"
            await pilot.press("ctrl+s")
            await choose(pilot, "read-only-file-dialog", "replace")
            await wait_for(pilot, lambda: not app.session.dirty)
        assert read_document(sample_copy).title == "我的标题"
        assert stat.S_IMODE(sample_copy.stat().st_mode) == 0o444  # still read-only
    finally:
        sample_copy.chmod(0o644)


async def test_what_a_save_could_not_keep_is_shown(make_app: MakeApp, sample_copy: Path) -> None:
    snapshot = sample_copy.with_name("snapshot.json")
    os.link(sample_copy, snapshot)  # as a backup tool's hard-linked snapshot
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        edit_title(app, "我的标题")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not app.session.dirty)
        notes = [n for n in app._notifications if n.severity == "warning"]
        assert notes and "硬链接" in str(notes[0].message) and notes[0].title == "保存时注意"
    assert read_document(snapshot).title != "我的标题"  # the snapshot keeps the previous version


async def test_saving_through_a_link_writes_its_target(sample_copy: Path) -> None:
    link = sample_copy.with_name("link.json")
    link.symlink_to(sample_copy.name)
    app = GoalApp(read_document(link), link)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: app.file is not None and app.file.lock is not None)
        assert not sample_copy.with_name(".link.json.goaltui-lock").exists()  # one lock: the target's
        edit_title(app, "经链接保存")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not app.session.dirty)
    assert link.is_symlink() and read_document(sample_copy).title == "经链接保存"


# --- the header form's project count -------------------------------------------------------------------------


async def test_an_impossible_project_count_is_refused_with_a_clear_message(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f9")
        assert isinstance(app.screen, HeaderScreen)
        field = app.screen.query_one("#f-expected_project_count", Input)
        for typed, says in (("9" * 5000, "0 到 200,000"), ("十二", "整数"), ("²", "整数")):
            field.value = typed
            await pilot.press("ctrl+s")
            assert isinstance(app.screen, HeaderScreen)
            error = str(app.screen.query_one("#header-error", Static).render())
            assert says in error and len(error) < 120
        field.value = "１２"
        await pilot.press("ctrl+s")
        assert not isinstance(app.screen, HeaderScreen) and app.document.expected_project_count == 12
        await pilot.press("ctrl+z")
        assert app.document.expected_project_count != 12


# --- workbooks: which sheet, and the sheets a save would drop -----------------------------------------------


async def test_a_workbook_of_several_tables_offers_the_choice_of_sheet(tmp_path: Path) -> None:
    workbook = tmp_path / "forms.xlsx"
    expected = form_fixtures.write(workbook, form_fixtures.two_period_sheet, form_fixtures.upper_funds_sheet)
    app = GoalApp(opened=open_table(workbook))
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: app.screen.name == "sheet-dialog")
        await pilot.press("down", "enter")
        await wait_for(pilot, lambda: app.opened is not None and app.opened.sheet == "表2")
        await pilot.pause()
        assert app.document.units[0].projects[0].name == expected[1].name  # type: ignore[union-attr]
        assert "表2" in notifications(app)
        assert app.save_path is None  # Ctrl+S asks where: saving over would drop the other form
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, TextPrompt)


async def test_a_save_as_over_a_workbook_with_other_sheets_asks(sample_copy: Path, tmp_path: Path) -> None:
    workbook = tmp_path / "forms.xlsx"
    form_fixtures.write(workbook, form_fixtures.two_period_sheet, form_fixtures.upper_funds_sheet)
    app = GoalApp(read_document(sample_copy), sample_copy)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+o")
        assert isinstance(app.screen, TextPrompt)
        app.screen.dismiss(str(workbook))
        await wait_for(pilot, lambda: isinstance(app.screen, ChoiceScreen))  # 覆盖？
        await pilot.click("#choice-yes")
        message = await choose(pilot, "sheets-dialog", "cancel")
        assert "表1" in message and "表2" in message and "丢失" in message
    assert [s.name for s in open_table(workbook).sheets] == ["表1", "表2"]  # untouched


# --- insert projects from files ---------------------------------------------------------------------------------


async def test_projects_from_files_are_inserted_as_one_step(make_app: MakeApp, tmp_path: Path) -> None:
    form_fixtures.write(tmp_path / "a.xlsx", form_fixtures.two_period_sheet)
    expected = form_fixtures.write(tmp_path / "b 项目.xlsx", form_fixtures.no_level2_sheet)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        before = app.document.project_count()
        await app.run_action("insert_projects")  # (the palette's 从文件插入项目)
        await pilot.pause()
        assert isinstance(app.screen, TextPrompt)
        app.screen.dismiss(f'{tmp_path}/a.xlsx "{tmp_path}/b 项目.xlsx"')
        message = await choose(pilot, "import-dialog", "insert")
        assert "将插入 2 个项目" in message
        assert app.document.project_count() == before + 2
        assert app.main.project is not None and app.main.project.name != expected[0].name  # type: ignore[union-attr]
        await pilot.press("ctrl+z")
        assert app.document.project_count() == before
        # the same files again, after a redo: duplicates are refused and nothing is added
        await pilot.press("ctrl+y")
        await app.run_action("insert_projects")
        await pilot.pause()
        app.screen.dismiss(f"{tmp_path}/*.xlsx")
        message = await choose(pilot, "import-dialog", "cancel")
        assert "不能插入" in message and "什么也没有插入" in message
        assert app.document.project_count() == before + 2


async def test_a_bad_file_list_is_said_in_one_line(make_app: MakeApp, tmp_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await app.run_action("insert_projects")
        await pilot.pause()
        assert isinstance(app.screen, TextPrompt)
        app.screen.dismiss(f"{tmp_path}/*.ods")
        await pilot.pause()
        assert "没有文件与" in notifications(app)


def test_the_sample_is_never_locked(sample_copy: Path) -> None:
    app = GoalApp(read_document(sample_path()), sample_path())
    assert app.file is not None and app.file.locked_path is None and app.save_path is None


async def test_switching_sheets_with_unsaved_changes_asks_first(tmp_path: Path) -> None:
    workbook = tmp_path / "forms.xlsx"
    expected = form_fixtures.write(workbook, form_fixtures.two_period_sheet, form_fixtures.upper_funds_sheet)
    app = GoalApp(opened=open_table(workbook, "表1"), sheet="表1")  # (asked for on the command line: no question)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: app.file is not None and app.file.journal is not None)
        assert app.screen.name != "sheet-dialog"
        edit_title(app, "表1 改过")
        app.action_choose_sheet()
        await wait_for(pilot, lambda: app.screen.name == "sheet-dialog")
        await pilot.press("down", "enter")
        await choose(pilot, "switch-dialog", "cancel")  # (the unsaved changes would be given up)
        assert app.document.title == "表1 改过" and app.opened is not None and app.opened.sheet == "表1"
        app.action_choose_sheet()
        await wait_for(pilot, lambda: app.screen.name == "sheet-dialog")
        await pilot.press("down", "enter")
        await choose(pilot, "switch-dialog", "switch")
        await wait_for(pilot, lambda: app.opened is not None and app.opened.sheet == "表2")
        await pilot.pause()
        assert app.document.units[0].projects[0].name == expected[1].name  # type: ignore[union-attr]
        assert not app.session.dirty


async def test_exporting_over_the_file_being_edited_is_a_checked_save(make_app: MakeApp, tmp_path: Path) -> None:
    workbook = tmp_path / "own.xlsx"
    from goaltui.io.formats import write_document

    write_document(read_document(sample_path()), workbook)
    app = GoalApp(opened=open_table(workbook))
    async with app.run_test(size=SIZE) as pilot:
        assert app.save_path == workbook
        edit_title(app, "导出即保存")
        workbook.write_bytes(workbook.read_bytes())  # touched by another program: same content
        await pilot.press("f5")
        assert isinstance(app.screen, TextPrompt)
        app.screen.dismiss(str(workbook))
        await wait_for(pilot, lambda: not app.session.dirty)  # saved (no question: the content is the same)
    assert read_document(workbook).title == "导出即保存"


async def test_saving_again_while_the_question_is_open_asks_once(make_app: MakeApp, sample_copy: Path) -> None:
    """Ctrl+S (or the quit dialog's 保存) while the file-changed question waits crashed the editor
    (a second dialog with the same id)."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        edit_title(app, "我的标题")
        _changed_behind_the_editors_back(sample_copy)
        await pilot.press("ctrl+s")
        await dialog(pilot, "external-dialog")
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.press("ctrl+q")
        await choose(pilot, "quit-dialog", "save")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert [screen.name for screen in app.screen_stack].count("external-dialog") == 1
        await choose(pilot, "external-dialog", "overwrite")
        await wait_for(pilot, lambda: not app.session.dirty)
    assert read_document(sample_copy).title == "我的标题"
