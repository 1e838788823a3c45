"""Compare with…: marks on what differs from another version, and the list of differences.

:class:`Comparing` belongs to the main screen. It reads the other version and
works out the comparison in thread workers (:mod:`goaltui.session.compare`:
a snapshot of the document is taken on this thread, the diff runs on the copy),
hands the marks to the tree, the panel and the grid, and keeps them current:
after the document changes it compares again once the user pauses
(``RECOMPARE_SECONDS``), never on the keystroke itself, one comparison at a
time. Until then the marks stay on their nodes (they are keyed by node keys,
which survive edits). :class:`CompareActions` are the screen's actions.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Protocol

from rich.text import Text
from textual.timer import Timer

from goaltui.i18n import t
from goaltui.safe_text import display_text

if TYPE_CHECKING:
    from textual.widget import AwaitMount, Widget

    from goaltui.model import Document
    from goaltui.review.diff import Change
    from goaltui.session.compare import Comparison
    from goaltui.ui.screens.main import MainScreen
    from goaltui.ui.widgets.differences_panel import DifferencesPanel

RECOMPARE_SECONDS: Final = 0.6
"""After the document changes, compare again once it has been left alone this long."""


class Comparing:
    """The comparison of the main screen's document with another version (if any)."""

    def __init__(self, screen: MainScreen) -> None:
        self.screen = screen
        self.other: tuple[Document, Path] | None = None
        """The version compared with, and where it was read from (None: not comparing)."""
        self.current: Comparison | None = None
        """The latest comparison (None until the first is worked out)."""
        self._first = False
        """The next comparison is the first with this version: its list opens."""
        self.generation = 0
        """Counts the comparisons shown (the list redraws when it changes)."""
        self.last_path: Path | None = None
        self._timer: Timer | None = None
        self._running = False
        self._again = False
        self._panel: DifferencesPanel | None = None
        self._cells: dict[int, Change] = {}
        """Indicator key → its INDICATOR_CHANGED change (for the old values in the hint)."""
        self._projects: dict[int, list[Change]] = {}
        """Project key → its FUNDS and PROJECT_RENAMED changes."""

    @property
    def active(self) -> bool:
        return self.other is not None

    @property
    def stale(self) -> bool:
        """The document changed since the marks were worked out (a new comparison is coming)."""
        current = self.current
        return current is None or current.state != self.screen.session.history.state

    # --- choosing the other version -------------------------------------------------------------------

    def ask(self) -> None:
        """Ask for the other version's file (any format goaltui reads)."""
        from goaltui.ui.screens.dialogs import TextPrompt

        goal = self.screen.goal
        if self.last_path is not None:
            default = str(self.last_path)
        else:  # the folder of the file being edited (the current folder for the bundled sample)
            folder = goal.suggested_path(".json").parent
            default = str(folder) + "/"

        def chosen(text: str | None) -> None:
            if text and text.strip():
                self.open(Path(text.strip()).expanduser())

        self.screen.app.push_screen(
            TextPrompt(t("ui.prompt.compare_with"), default, t("ui.prompt.compare_with_help")), chosen
        )

    def open(self, path: Path) -> None:
        """Read *path* (in a worker) and compare the document with it."""
        self.last_path = path
        self.screen.app.notify(t("ui.compare.reading", file=display_text(path.name)), markup=False, timeout=2)
        self.screen.run_worker(
            lambda: self._read(path), thread=True, exclusive=True, group="compare-read", exit_on_error=False
        )

    def _read(self, path: Path) -> None:
        from goaltui.errors import GoaltuiError
        from goaltui.io.formats import check_read, read_document

        app = self.screen.app
        try:
            check_read(path)
            other = read_document(path)
        except GoaltuiError as exc:
            app.call_from_thread(self._failed, str(exc))
            return
        except Exception as exc:  # a reader's bug on a hostile file: one line, the editor goes on
            app.call_from_thread(self._failed, t("ui.compare.failed", file=path, reason=f"{type(exc).__name__}: {exc}"))
            return
        app.call_from_thread(self._read_done, other, path)

    def _failed(self, message: str) -> None:
        self.screen.app.notify(display_text(message), severity="error", markup=False, timeout=8)

    def _read_done(self, other: Document, path: Path) -> None:
        self.other = (other, path)
        self.current = None
        self._first = True
        self.compare_now()

    def clear(self) -> None:
        """No comparison: the marks and the list go."""
        if not self.active:
            return
        self.other = None
        self.current = None
        self._stop_timer()
        self.generation += 1
        self._index(None)
        self._show_marks()
        panel = self._panel
        if panel is not None and panel.has_class("-visible"):
            had_focus = panel.has_focus
            panel.remove_class("-visible")
            if had_focus:
                self.screen.set_focus(self.screen.grid)
        self.screen.app.notify(t("ui.compare.cleared"), markup=False, timeout=2)

    # --- keeping it current -------------------------------------------------------------------------------

    def document_changed(self) -> None:
        """The document changed: compare again after a pause (O(1) here: a timer is restarted)."""
        if not self.active:
            return
        self._stop_timer()
        self._timer = self.screen.set_timer(RECOMPARE_SECONDS, self._due)
        self._show_list()

    def _stop_timer(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def _due(self) -> None:
        self._timer = None
        if self.stale:
            self.compare_now()

    def compare_now(self) -> None:
        """Start a comparison of the document as it is now (one at a time: the next waits for it)."""
        if self.other is None:
            return
        if self._running:
            self._again = True
            return
        from goaltui.session.compare import compare, take_snapshot

        session = self.screen.session
        snapshot = take_snapshot(session.document, session.history.state)
        other, path = self.other
        config = self.screen.goal.rule_config()
        app = self.screen.app
        self._running = True

        def work() -> None:
            try:
                comparison = compare(other, path, snapshot, config)
            except Exception as exc:  # never leave the comparison running for ever
                app.call_from_thread(self._compare_failed, exc)
                return
            app.call_from_thread(self._compared, comparison)

        self.screen.run_worker(work, thread=True, group="compare", exit_on_error=False)
        self._show_list()

    def _compare_failed(self, exc: Exception) -> None:
        self._running = False
        self._again = False
        self._failed(t("ui.compare.failed", file=self.other[1] if self.other else "", reason=exc))

    def _compared(self, comparison: Comparison) -> None:
        self._running = False
        if self.other is None or not self.screen.is_attached:
            return  # cleared meanwhile
        if comparison.other is not self.other[0]:  # another version chosen meanwhile
            self._again = False
            self.compare_now()
            return
        self.current = comparison
        self.generation += 1
        self._index(comparison)
        self._show_marks()
        if self._first:
            self._first = False
            self.open_list(focus=False)
        self._show_list()
        if self._again or self.stale:
            self._again = False
            if self._timer is None:
                self._timer = self.screen.set_timer(RECOMPARE_SECONDS, self._due)
        if comparison.result.equal:
            self.screen.app.notify(t("ui.compare.equal", file=display_text(comparison.other_path.name)), timeout=4)

    def _index(self, comparison: Comparison | None) -> None:
        self._cells = {}
        self._projects = {}
        if comparison is None:
            return
        for change in comparison.changes:
            place = change.new
            if place is None or place.project_key is None:
                continue
            kind = change.kind.value
            if kind == "indicator_changed" and place.indicator_key is not None:
                self._cells[place.indicator_key] = change
            elif kind in ("funds", "project_renamed"):
                self._projects.setdefault(place.project_key, []).append(change)

    # --- drawing ---------------------------------------------------------------------------------------------

    def _show_marks(self) -> None:
        screen = self.screen
        marks = self.current.marks if self.current is not None and self.active else None
        screen.project_tree.set_compare_marks(marks)
        screen.grid.set_compare_marks(marks)
        screen.panel.compare_marks = marks
        screen.refresh_project_views()
        screen.update_hint()

    def _show_list(self) -> None:
        panel = self._panel
        if panel is None or not panel.has_class("-visible") or self.other is None:
            return
        changes = self.current.changes if self.current is not None else ()
        updating = self._running or self._timer is not None or self.current is None
        panel.show(changes, self.other[1].name, self.generation, updating=updating)

    def _mount_panel(self) -> AwaitMount:
        from textual.css.query import NoMatches

        from goaltui.ui.widgets.differences_panel import DifferencesPanel
        from goaltui.ui.widgets.status_line import StatusLine

        screen = self.screen
        self._panel = DifferencesPanel(id="differences")
        try:  # above the progress bar and the status line
            before: Widget = screen.query_one("#progress")
        except NoMatches:
            before = screen.query_one(StatusLine)
        return screen.mount(self._panel, before=before)

    async def toggle_list(self) -> None:
        """Shift+F7: open the list of differences; back into it when it is open elsewhere; close it from inside."""
        if not self.active:
            self.screen.app.notify(t("ui.compare.none"), markup=False, timeout=3)
            return
        if self._panel is None:
            await self._mount_panel()
        panel = self._panel
        assert panel is not None
        if panel.has_class("-visible") and not panel.has_focus:
            self.screen.set_focus(panel)
        elif panel.has_class("-visible"):
            panel.remove_class("-visible")
            self.screen.set_focus(self.screen.grid)
        else:
            self.open_list(focus=True)

    def open_list(self, *, focus: bool) -> None:
        if self._panel is None:
            self._mount_panel()
        panel = self._panel
        assert panel is not None
        self.screen.hide_problems()
        panel.add_class("-visible")
        self._show_list()
        if focus:
            panel.focus()

    def hide_list(self) -> None:
        if self._panel is not None and self._panel.has_class("-visible"):
            self._panel.remove_class("-visible")

    @property
    def list_focused(self) -> bool:
        return self._panel is not None and self._panel.has_focus

    @property
    def panel(self) -> DifferencesPanel | None:
        return self._panel

    # --- what the hint line says -----------------------------------------------------------------------------

    def cell_note(self, indicator_key: int, field: str) -> Text | None:
        """The old value of a changed cell (None when it is the same as in the other version)."""
        change = self._cells.get(indicator_key)
        if change is None or not self.active:
            return None
        for item in change.fields:
            if item.field == field:
                return self._was(str(item.old or ""))
        return None

    def panel_note(self, project_key: int, field: str) -> Text | None:
        """The old name or amount of the project's *field* (None when the same)."""
        if not self.active:
            return None
        from goaltui.io.markdown import amount_text

        for change in self._projects.get(project_key, ()):
            for item in change.fields:
                if item.field == field:
                    return self._was(str(item.old or ""))
            for amount in change.amounts:
                if amount.field == field:
                    return self._was(amount_text(amount.old))
        return None

    def _was(self, old: str) -> Text:
        other = self.other[1].name if self.other is not None else ""
        text = Text(t("ui.compare.was", file=display_text(other)) + " ", style="dim")
        text.append(display_text(old) if old else t("diff.empty"))
        return text

    def show_change_hint(self) -> bool:
        """With the list focused: the whole description of the change under its cursor (True), as
        the problems list does (its columns are narrow at 80×24)."""
        panel = self._panel
        if panel is None or not panel.has_focus:
            return False
        change = panel.current
        if change is None:
            return False
        from goaltui.ui.widgets.differences_panel import change_texts

        where, what = change_texts(change)
        self.screen.hint.show(where, Text(what))
        return True

    # --- going to a change ------------------------------------------------------------------------------------

    def go_to(self, change: Change) -> None:
        """Enter on a change: where it is now (a removed row or project: its parent)."""
        from goaltui.session import PANEL_FIELDS
        from goaltui.session.compare import TargetKind, change_target

        screen = self.screen
        document = screen.session.document
        target = change_target(change, document)
        tree = screen.project_tree
        if target.kind is TargetKind.HEADER:
            screen.action_header()
            return
        if target.kind is TargetKind.PROBLEM and target.problem is not None:
            screen.jump_to(target.problem)
            return
        key = target.project_key
        if target.kind is TargetKind.PROJECT and key is not None and document.find_project(key) is not None:
            tree.move_to(("project", key))
            if key != screen.project_key:
                screen.show_project(key)
            grid = screen.grid
            if target.row is not None and grid.row_count:
                column = grid.fields.index(target.field) if target.field in grid.fields else grid.cursor_column
                grid.move_cursor(row=min(target.row, grid.row_count - 1), column=column, animate=False)
                screen.set_focus(grid)
            elif target.field in PANEL_FIELDS:
                screen.panel.select(target.field or "name")
                screen.set_focus(screen.panel)
            else:
                screen.set_focus(tree)
            return
        unit = target.unit_key
        if unit is not None and tree.has(("unit", unit)):
            tree.move_to(("unit", unit))
        else:
            tree.move_to(("doc", 0))
        screen.set_focus(tree)


class _Host(Protocol):
    @property
    def comparing(self) -> Comparing: ...


class CompareActions:
    """The main screen's actions for comparing (mixed into it)."""

    def action_compare_with(self: _Host) -> None:
        """F7: compare with another version of the table."""
        self.comparing.ask()

    async def action_toggle_differences(self: _Host) -> None:
        """Shift+F7: the list of differences."""
        await self.comparing.toggle_list()

    def action_clear_comparison(self: _Host) -> None:
        """Delete in the list of differences: stop comparing (the marks go)."""
        self.comparing.clear()

    def on_differences_panel_jump(self: _Host, message: Any) -> None:
        message.stop()
        self.comparing.go_to(message.change)
