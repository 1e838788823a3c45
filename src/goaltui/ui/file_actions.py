"""The editor's side of the file: opening (lock, recovery, sheet), saving (the questions before a
save, the notes after it), reloading, inserting projects from files (mixed into the app).

Every decision is made by a headless class — :class:`~goaltui.session.document_file.DocumentFile`
(the lock, the journal, what stands before a save), :class:`~goaltui.session.opening.OpenedTable`
(which sheet, whether saves go back into the file), :mod:`goaltui.io.project_import` (the plan);
this module asks the user, in dialogs, and draws the outcome.
"""

from __future__ import annotations

import asyncio
import os
import signal
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import work

from goaltui.errors import GoaltuiError
from goaltui.i18n import t
from goaltui.io.formats import NO_WRITE_OPTIONS, WriteOptions
from goaltui.session.document_file import DocumentFile, Opened, ReadOnlyError, SaveCheck, write_document_with_notes
from goaltui.session.edit import EditEnd
from goaltui.session.opening import OpenedTable

if TYPE_CHECKING:
    from textual.app import App
    from textual.screen import Screen

    from goaltui.io.file_lock import DocumentLocked
    from goaltui.io.project_form import ProjectForm
    from goaltui.io.recovery import Recovery
    from goaltui.model import Document
    from goaltui.session import Change, Session
    from goaltui.ui.screens.main import MainScreen

    _Base = App[int]
else:
    _Base = object

JOURNAL_TICK_SECONDS = 0.5
"""How often the journal is looked at (it is written when due: see DocumentFile)."""


class FileActions(_Base):
    """Mixed into :class:`~goaltui.ui.app.GoalApp` (which provides what is declared here)."""

    file: DocumentFile | None
    opened: OpenedTable | None
    save_path: Path | None
    sheet: str | None
    _discarded: bool
    is_new: bool
    _journal_ticking: bool
    _exit_signal: int | None
    _event_loop: asyncio.AbstractEventLoop | None

    if TYPE_CHECKING:

        @property
        def session(self) -> Session: ...

        @property
        def document(self) -> Document: ...

        @property
        def main(self) -> MainScreen: ...

        @property
        def display_name(self) -> str: ...

        def _install(self, opened: OpenedTable) -> None: ...

        def action_save_as(self, then: Callable[[], None] | None = None) -> None: ...

        async def action_quit(self) -> None: ...

        def _main_screen(self) -> MainScreen | None: ...

    def ask(self, dialog: Screen[Any], answered: Callable[[Any], None]) -> None:
        """Show *dialog*, unless the same question (its name) is already waiting for an answer (a
        Ctrl+S, or the quit dialog's 保存, while it is open): that one is answered first."""
        if dialog.name is not None and any(screen.name == dialog.name for screen in self.screen_stack):
            return
        self.push_screen(dialog, answered)

    # --- opening: the lock, a journal left behind, the sheet ----------------------------------------

    def start_file(self) -> None:
        """After the table is shown: take the file's lock, then offer what a crash left, then the sheets."""
        if self.file is None:
            return
        self._after_lock(self.file.open())

    def _after_lock(self, opened: Opened) -> None:
        assert self.file is not None
        busy = opened.busy
        if busy is not None:
            self._ask_lock(busy, stale=opened.stale)
            return
        if opened.replaced is not None:
            self.notify(t("ui.lock.replaced", holder=opened.replaced.describe()), timeout=6, markup=False)
        if opened.unavailable is not None:
            message = t("ui.lock.unavailable", reason=opened.unavailable)
            self.notify(message, severity="warning", timeout=8, markup=False)
        elif not opened.shared:
            self.notify(t("ui.lock.private"), timeout=6, markup=False)
        if not self._journal_ticking:  # (once: a table opened from the review list shares it)
            self._journal_ticking = True
            self.set_interval(JOURNAL_TICK_SECONDS, self._tick_journal, name="journal")
        self._offer_recovery()

    def _ask_lock(self, busy: DocumentLocked, *, stale: bool) -> None:
        from goaltui.ui.screens.file_dialogs import lock_dialog

        def answered(answer: str | None) -> None:
            assert self.file is not None
            if answer == "quit":  # (a table opened from the review list: back to the list)
                self.call_next(self.action_quit)
            elif answer == "take_over":
                self._after_lock(self.file.take_over())
            else:  # read-only (also Esc: nothing can be damaged that way)
                self.session.read_only = self.file.open_read_only(busy)
                self.main.update_status()
                self.notify(t("ui.lock.opened_read_only"), timeout=8, markup=False)
                self._offer_sheets()

        self.ask(lock_dialog(busy, stale=stale), answered)

    def _offer_recovery(self) -> None:
        assert self.file is not None
        try:
            recovery = self.file.recovery()
        except GoaltuiError:
            recovery = None
        if recovery is None:
            self._offer_sheets()
            return
        from goaltui.io.change_summary import describe_differences
        from goaltui.ui.screens.file_dialogs import recovery_dialog

        differences = describe_differences(self.document, recovery.document)
        file_changed = recovery.file_changed_since()

        def answered(answer: str | None) -> None:
            assert self.file is not None
            if answer == "discard":
                self.file.declined(recovery)
                self.notify(t("ui.recovery.discarded"), timeout=4, markup=False)
                self._offer_sheets()
            else:  # restore (also Esc: restoring writes nothing, and Ctrl+Z takes it back)
                self._restore(recovery)

        self.ask(recovery_dialog(recovery, differences, file_changed=file_changed), answered)

    def _restore(self, recovery: Recovery) -> None:
        from goaltui.model.commands import ReplaceContent

        assert self.file is not None
        self.file.restored(recovery)
        change = self.session.execute(ReplaceContent(recovery.document))
        if change is not None:
            self.main.show_change(change)
        self.main.update_status()
        self.notify(t("ui.recovery.restored"), timeout=8, markup=False)

    def _offer_sheets(self) -> None:
        opened = self.opened
        if opened is None or self.sheet is not None or len(opened.choices) < 2:
            return
        self.action_choose_sheet()

    def action_choose_sheet(self) -> None:
        """Which sheet of the workbook to edit (when several hold a table)."""
        opened = self.opened
        if opened is None or opened.path is None or len(opened.choices) < 2:
            self.notify(t("ui.sheet.only_one"), timeout=4, markup=False)
            return
        from goaltui.ui.screens.file_dialogs import SheetChoiceScreen

        path = opened.path

        def chosen(name: str | None) -> None:
            if name is None or name == opened.sheet:
                return
            if self.session.dirty:
                self._confirm_switch(path, name)
            else:
                self._open_sheet(path, name)

        self.ask(SheetChoiceScreen(path.name, opened.choices, opened.sheet), chosen)

    def _confirm_switch(self, path: Path, name: str) -> None:
        from goaltui.ui.screens.dialogs import ChoiceScreen

        def answered(answer: str | None) -> None:
            if answer == "switch":
                self._open_sheet(path, name)

        message = t("ui.sheet.unsaved", file=self.display_name, sheet=name)
        choices = [("switch", t("ui.sheet.switch")), ("cancel", t("ui.cancel"))]
        dialog = ChoiceScreen(t("ui.sheet.switch_title"), message, choices, default="cancel", name="switch-dialog")
        self.ask(dialog, answered)

    @work(thread=True, exclusive=True, group="load")
    def _open_sheet(self, path: Path, name: str) -> None:
        from goaltui.session.opening import open_table

        try:
            opened = open_table(path, name)
        except GoaltuiError as exc:
            self.call_from_thread(self.notify, str(exc), severity="error", timeout=8, markup=False)
            return
        self.call_from_thread(self._sheet_opened, opened)

    def _sheet_opened(self, opened: OpenedTable) -> None:
        main = self._main_screen()
        if main is not None and main.editing:
            main.cell_editing.edit.finish(EditEnd.CANCEL)  # (typed meanwhile into the sheet given up)
        self.opened = opened
        change = self.session.start_over(opened.document)  # (its listener removes the journal: not dirty)
        if main is not None:
            main.show_change(change)
        self.notify(t("ui.sheet.opened", sheet=opened.sheet or ""), timeout=4, markup=False)

    # --- the journal ------------------------------------------------------------------------------------

    def document_changed(self, change: Change) -> None:
        """The session's listener: every change goes to the journal (written when due)."""
        if self.file is not None:
            self.file.changed(self.session.dirty)

    def _tick_journal(self) -> None:
        if self.file is not None and self._session_ready():
            self.file.tick(self.document)

    def _session_ready(self) -> bool:
        return getattr(self, "_session", None) is not None

    def flush_journal(self) -> None:
        """Write the journal now (from a SIGHUP/SIGTERM handler: the table as it is)."""
        if self.file is not None and self._session_ready():
            self.file.flush(self.document)

    def exit_on_signal(self, signum: int, frame: object = None) -> None:
        """SIGHUP/SIGTERM (after the journal was flushed): store the open edit, flush again, end the
        editor normally (the terminal restored), exit code 128 + the signal. A second signal ends the
        process at once."""
        loop = self._event_loop
        if self._exit_signal is not None or loop is None or loop.is_closed():
            signal.signal(signum, signal.SIG_DFL)
            os.kill(os.getpid(), signum)
            return
        self._exit_signal = signum
        loop.call_soon_threadsafe(self._exit_for_signal, signum)

    def _exit_for_signal(self, signum: int) -> None:
        main = self._main_screen()
        if main is not None and main.editing:
            main.settle_edit()
        self.flush_journal()
        self.exit(128 + signum)

    def close_file(self) -> None:
        """The editor ends: the journal stays when there are unsaved changes not thrown away; the lock goes."""
        if self.file is None:
            return
        if self._session_ready():
            self.file.close(self.document, keep=self.session.dirty and not self._discarded)
        else:
            self.file.close(None, keep=True)

    def replace_table(self, opened: OpenedTable, *, new: bool = False) -> None:
        """Edit *opened* in place of the table open now (新建表格): the open table's file is closed
        first (its lock goes; its journal too, unless its changes were kept unsaved)."""
        self.close_file()
        self._discarded = False
        self.is_new = new
        self._install(opened)
        self.call_after_refresh(self.start_file)

    # --- saving: the questions first ----------------------------------------------------------------

    def save_checked(self, path: Path, then: Callable[[], None] | None) -> None:
        """Save to *path* after what stands before it was asked (lock, external change, read-only file,
        other sheets)."""
        assert self.file is not None
        try:
            check = self.file.check_save(path)
        except GoaltuiError as exc:
            self.notify(str(exc), severity="error", timeout=8, markup=False)
            return
        self._resolve(path, check, then, allow_read_only=False)

    def _resolve(self, path: Path, check: SaveCheck, then: Callable[[], None] | None, *, allow_read_only: bool) -> None:
        assert self.file is not None
        file = self.file
        if check.refused is not None:
            self.notify(check.refused, severity="error", timeout=10, markup=False)
            return
        if check.external is not None:
            self._read_disk_version(path, check, then, allow_read_only)
            return
        from goaltui.ui.screens import file_dialogs

        if check.read_only_mode is not None:

            def replace(answer: str | None) -> None:
                if answer == "replace":
                    self._resolve(path, check._replace(read_only_mode=None), then, allow_read_only=True)
                else:
                    file.save_ended()

            self.ask(file_dialogs.read_only_file_dialog(str(path), check.read_only_mode), replace)
            return
        if check.dropped_sheets:

            def drop(answer: str | None) -> None:
                if answer == "replace":
                    self._resolve(path, check._replace(dropped_sheets=()), then, allow_read_only=allow_read_only)
                else:
                    file.save_ended()
                    if answer == "save_as":
                        self.action_save_as(then)

            self.ask(file_dialogs.dropped_sheets_dialog(str(path), check.dropped_sheets), drop)
            return
        self.write_file(path, saving=True, then=then, allow_read_only=allow_read_only)

    @work(thread=True, exclusive=True, group="disk")
    def _read_disk_version(
        self, path: Path, check: SaveCheck, then: Callable[[], None] | None, allow_read_only: bool
    ) -> None:
        from goaltui.io.formats import read_document

        on_disk: Document | None = None
        if check.external is not None and check.external.after is not None:
            try:
                on_disk = read_document(path)
            except GoaltuiError:
                on_disk = None
        self.call_from_thread(self._ask_external, path, check, then, allow_read_only, on_disk)

    def _ask_external(
        self,
        path: Path,
        check: SaveCheck,
        then: Callable[[], None] | None,
        allow_read_only: bool,
        on_disk: Document | None,
    ) -> None:
        from goaltui.io.change_summary import describe_differences
        from goaltui.ui.screens.file_dialogs import external_dialog

        change = check.external
        assert change is not None and self.file is not None
        file = self.file
        differences = describe_differences(self.document, on_disk) if on_disk is not None else []

        def answered(answer: str | None) -> None:
            if answer == "overwrite":
                file.accept(change)
                self._resolve(path, check._replace(external=None), then, allow_read_only=allow_read_only)
            elif answer == "save_as":
                self.action_save_as(then)
            elif answer == "reload" and on_disk is not None:
                self.reload(on_disk)

        self.ask(external_dialog(change, differences, can_reload=on_disk is not None), answered)

    def reload(self, on_disk: Document) -> None:
        """The file's version on disk replaces the table, as one undo step (Ctrl+Z brings the edits back)."""
        from goaltui.model.commands import ReplaceContent

        assert self.file is not None
        main = self.main
        try:
            change = self.session.execute(ReplaceContent(on_disk))
        except ReadOnlyError as exc:
            self.notify(str(exc), severity="warning", timeout=8, markup=False)
            return
        self.session.history.mark_saved()
        self.file.reloaded()
        if change is not None:
            main.show_change(change)
        main.update_status()
        self.notify(t("ui.reloaded", file=self.display_name), timeout=8, markup=False)

    # --- writing ---------------------------------------------------------------------------------------

    def write_file(
        self, path: Path, *, saving: bool, then: Callable[[], None] | None = None, allow_read_only: bool = False
    ) -> None:
        """Write the document to *path*: JSON at once, other formats in a worker with progress."""
        state = self.session.history.state
        if path.suffix.lower() == ".json":
            try:
                notes = write_document_with_notes(self.document, path, allow_read_only=allow_read_only)
            except GoaltuiError as exc:
                self._write_failed(str(exc), saving)
                return
            self._written(path, saving, state, then, notes)
            return
        snapshot = self.document.model_copy(deep=True)
        self.main.show_progress(0, None)
        self._write_in_worker(snapshot, path, saving, state, then, allow_read_only)

    @work(thread=True, exclusive=True, group="write")
    def _write_in_worker(
        self,
        snapshot: Document,
        path: Path,
        saving: bool,
        state: int,
        then: Callable[[], None] | None,
        allow_read_only: bool,
        options: WriteOptions = NO_WRITE_OPTIONS,
    ) -> None:
        def progress(done: int, total: int) -> None:
            self.call_from_thread(self.main.show_progress, done, total)

        try:
            notes = write_document_with_notes(
                snapshot, path, options, allow_read_only=allow_read_only, progress=progress
            )
        except Exception as exc:
            message = str(exc) if isinstance(exc, GoaltuiError) else t("ui.write_failed", file=path, reason=exc)
            self.call_from_thread(self._write_failed, message, saving)
            return
        self.call_from_thread(self._written, path, saving, state, then, notes)

    def _write_failed(self, message: str, saving: bool) -> None:
        self.main.show_progress(None)
        if saving and self.file is not None:
            self.file.save_ended()
        self.notify(message, severity="error", markup=False, timeout=8)

    def _written(self, path: Path, saving: bool, state: int, then: Callable[[], None] | None, notes: list[str]) -> None:
        self.main.show_progress(None)
        if saving:
            self.save_path = path
            self.is_new = False
            self.session.history.mark_saved(state)
            was_read_only = self.session.read_only is not None
            if self.file is not None:
                self.file.saved(path, dirty=self.session.dirty)
                self.session.read_only = self.file.read_only
            self.notify(t("ui.saved", file=path), markup=False, timeout=3)
            if was_read_only and self.session.read_only is None:
                self.notify(t("ui.lock.now_editing", file=path), markup=False, timeout=8)
        else:
            self.notify(t("ui.exported", file=path), markup=False, timeout=4)
        for note in notes:
            self.notify(note, title=t("ui.save.note_title"), severity="warning", markup=False, timeout=15)
        self.main.update_status()
        if then is not None:
            then()

    # --- insert projects from files -----------------------------------------------------------------

    def action_insert_projects(self) -> None:
        """Ask for the per-project forms to add (their projects go under their 实施单位, one undo step)."""
        try:
            self.session.check_writable()
        except ReadOnlyError as exc:
            self.notify(str(exc), severity="warning", timeout=8, markup=False)
            return
        from goaltui.ui.screens.dialogs import TextPrompt

        def chosen(text: str | None) -> None:
            if not text or not text.strip():
                return
            from goaltui.session.fields import FieldError
            from goaltui.session.paths import split_paths

            try:
                paths = split_paths(text)
            except FieldError as exc:
                self.notify(str(exc), severity="error", timeout=8, markup=False)
                return
            self.notify(t("ui.import.reading", count=len(paths)), timeout=3, markup=False)
            self._read_forms(paths)

        self.push_screen(TextPrompt(t("ui.import.prompt"), "", t("ui.import.prompt_help")), chosen)

    @work(thread=True, exclusive=True, group="forms")
    def _read_forms(self, paths: list[Path]) -> None:
        from goaltui.io.project_import import read_forms

        forms, problems = read_forms(paths)
        self.call_from_thread(self._show_plan, forms, problems)

    def _show_plan(self, forms: list[ProjectForm], problems: list[str]) -> None:
        from goaltui.io.project_import import plan_import
        from goaltui.ui.screens.file_dialogs import plan_dialog

        plan = plan_import(self.document, forms)  # (on the app's thread: the table as it is now)
        plan.problems[:0] = problems

        def answered(answer: str | None) -> None:
            if answer != "insert" or not plan.ok:
                return
            main = self.main
            change = main.execute(plan.command)
            if change is None or not plan.projects:
                return
            first = plan.projects[0].key
            main.project_tree.move_to(("project", first))
            main.show_project(first)
            self.notify(t("ui.import.inserted", count=len(plan.projects)), timeout=5, markup=False)

        self.ask(plan_dialog(plan), answered)
