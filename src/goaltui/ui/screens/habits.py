"""The main screen's spreadsheet habits: copy, paste, fill down, row selection, wrapped rows and
wider columns, sorting, the template library, and the problems as a worklist.

Each asks the session layer for a command (:mod:`goaltui.session.paste`,
:mod:`goaltui.session.ordering` …), runs it as one undo step and says what happened; a
paste that does not fit is refused with the session's message and changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from goaltui.i18n import t
from goaltui.model import Project
from goaltui.session import operations as ops
from goaltui.session.worklist import Only, Walker, worklist

if TYPE_CHECKING:
    from goaltui.model.commands import Command
    from goaltui.rules import Problem
    from goaltui.session.clipboard import Copied
    from goaltui.session.paste import Pasted
    from goaltui.session.templates import Library
    from goaltui.ui.screens.main import MainScreen
    from goaltui.ui.screens.templates import TemplateChoice


class Habits:
    """Owned by the main screen."""

    def __init__(self, screen: MainScreen) -> None:
        self.screen = screen
        self.walker = Walker()
        self.only = Only.ALL
        """Which problems the list (and ] / [) go through."""
        self._library_told = False

    # --- copying -----------------------------------------------------------------------------------------

    def copy(self) -> None:
        """Ctrl+C / y: the selected rows or the cell (the grid), the field (the panel), the project or
        unit (the tree); to the terminal's clipboard (OSC 52) and the editor's own."""
        from goaltui.session import clipboard

        screen = self.screen
        document = screen.session.document
        if screen.project_tree.has_focus:
            self._copied(clipboard.copy_node(document, screen.selection()))
        elif screen.panel.has_focus and screen.project is not None:
            from goaltui.io.text_table import format_cells
            from goaltui.session import FieldRef

            text = FieldRef.panel(screen.project, screen.panel.field).text(document)
            self._copied(clipboard.Copied(format_cells([[text]]), "cell", 1))
        elif screen.grid.selected_rows is not None:
            self._copied(clipboard.copy_rows(document, screen.selection()))
        else:
            self._copied(clipboard.copy_cell(document, screen.selection()))

    def copy_rows(self) -> None:
        """Y: the cursor's (or the selected) rows, every indicator column."""
        from goaltui.session import clipboard

        self._copied(clipboard.copy_rows(self.screen.session.document, self.screen.selection()))

    def copy_project(self) -> None:
        from goaltui.session import clipboard

        key = self.screen.project_key
        self._copied(clipboard.copy_project(self.screen.session.document, key) if key is not None else None)

    def _copied(self, copied: Copied | None) -> None:
        app = self.screen.app
        if copied is None:
            app.notify(t("ui.nothing_to_copy"), timeout=2)
            return
        app.copy_to_clipboard(copied.text)
        app.notify(t(f"ui.copied.{copied.what}", n=copied.n), timeout=2)

    # --- pasting ----------------------------------------------------------------------------------------------

    def paste(self) -> None:
        """Ctrl+V / p: what the editor last copied (a terminal's own paste arrives as text: :meth:`paste_text`)."""
        text = self.screen.app.clipboard
        if not text:
            self.screen.app.notify(t("paste.empty"), timeout=3)
            return
        self.paste_text(text, typed=False)

    def paste_text(self, text: str, *, typed: bool) -> bool:
        """Paste *text* where the focus is; False when it is not a place to paste.

        *typed*: it came from the terminal (a bracketed paste). One value on a cell then starts
        an edit with it, as typing does (Enter keeps it, Esc drops it); several lines on
        指标描述 open its multi-line editor.
        """
        from goaltui.session import paste
        from goaltui.session.fields import EditorKind

        screen = self.screen
        document = screen.session.document
        editing = screen.cell_editing
        try:
            if screen.project_tree.has_focus:
                pasted = paste.paste_projects(document, screen.selection(), text)
            elif screen.panel.has_focus:
                if typed and _one_value(text):
                    editing.begin_typing(text, pasted=True)
                    return True
                pasted = paste.paste_in_panel(document, screen.selection(), screen.panel.field, text)
            elif screen.grid.has_focus:
                ref = editing.current_ref()
                if typed and ref is not None and _one_value(text, multi_line=ref.spec.editor is EditorKind.LONG):
                    editing.begin_typing(text, pasted=True)
                    return True
                pasted = paste.paste_in_grid(document, screen.selection(), text)
            else:
                return False
        except paste.PasteError as exc:
            screen.app.notify(str(exc), severity="error", markup=False, timeout=8)
            return True
        self._run_pasted(pasted)
        return True

    def _run_pasted(self, pasted: Pasted) -> None:
        screen = self.screen
        change = screen.execute(pasted.command)
        if change is None:
            screen.app.notify(t("ui.paste.nothing"), timeout=3)
            return
        if pasted.what == "projects" and change.location.project_key is not None:
            screen.project_tree.move_to(("project", change.location.project_key))
            screen.show_project(change.location.project_key)
        elif pasted.what == "rows" and change.location.row is not None:
            screen.grid.move_cursor(row=change.location.row, column=0, animate=False)
        screen.app.notify(t(f"ui.pasted.{pasted.what}", n=pasted.n), timeout=3)

    # --- filling, selecting, reading long text ---------------------------------------------------------------

    def fill_down(self) -> None:
        screen = self.screen
        selection = screen.selection()
        command = ops.fill_down(screen.session.document, selection)
        if command is None:
            span = selection.row_span()
            at_top = span is not None and span[0] == 0 and span[0] == span[1]
            screen.app.notify(t("ui.fill.top" if at_top else "ui.fill.same"), timeout=2)
            return
        screen.execute(command)

    def extend_selection(self, delta: int) -> None:
        self.screen.grid.extend_selection(delta)
        self.screen.update_hint()

    def toggle_wrap(self) -> None:
        grid = self.screen.grid
        grid.wrap = not grid.wrap
        grid.relayout()
        self.screen.app.notify(t("ui.wrap.on" if grid.wrap else "ui.wrap.off"), timeout=2)

    def widen_column(self, delta: int) -> None:
        self.screen.grid.widen(delta)
        self.screen.call_after_refresh(self.screen.cell_editing.follow_layout)

    # --- sorting -------------------------------------------------------------------------------------------------

    def sort_indicators(self) -> None:
        from goaltui.session.ordering import sort_indicators

        screen = self.screen
        self._sorted(sort_indicators(screen.session.document, screen.selection()), "ui.sorted.indicators")

    def sort_projects(self, order: str) -> None:
        from goaltui.session.ordering import ProjectOrder, sort_projects

        screen = self.screen
        command = sort_projects(screen.session.document, screen.selection(), ProjectOrder(order))
        self._sorted(command, "ui.sorted.projects")

    def _sorted(self, command: Command | None, done: str) -> None:
        screen = self.screen
        if command is None:
            screen.app.notify(t("ui.sorted.already"), timeout=2)
            return
        screen.execute(command)
        screen.app.notify(t(done), timeout=3)

    # --- templates -------------------------------------------------------------------------------------------------

    def library(self) -> Library:
        """The template library (read on first use; what is wrong in the user's file is said once)."""
        library = self.screen.session.completions.library
        if library.problems and not self._library_told:
            self._library_told = True
            for problem in library.problems:
                self.screen.app.notify(problem, severity="warning", markup=False, timeout=10)
        return library

    def _picker(self, sets_only: bool, chosen: Callable[[TemplateChoice | None], None]) -> None:
        from goaltui.session.templates import user_library_path
        from goaltui.ui.screens.templates import TemplatePicker

        screen = self.screen
        path = screen.session.library_path or user_library_path()
        picker = TemplatePicker(
            self.library(), year=screen.session.document.year, sets_only=sets_only, user_file=str(path)
        )
        screen.app.push_screen(picker, chosen)

    def insert_template(self) -> None:
        """Ctrl+L: an indicator (or a kind's set) of the library into the project, at the cursor."""
        screen = self.screen
        if screen.project is None:
            screen.app.notify(t("paste.no_project"), timeout=3)
            return

        def chosen(choice: TemplateChoice | None) -> None:
            project = screen.project
            if choice is None or project is None:
                return
            from goaltui.session.paste import place_rows

            year = screen.session.document.year
            rows = [template.indicator(year) for template in choice.templates]
            row = screen.grid.cursor_row if screen.grid.row_count else None
            change = screen.execute(place_rows(project, row, rows, kind="insert_template"))
            if change is not None and change.location.row is not None:
                screen.grid.move_cursor(row=change.location.row, column=0, animate=False)
            screen.app.notify(t("ui.templates.inserted", n=len(rows)), timeout=5)

        self._picker(False, chosen)

    def add_project_from_template(self) -> None:
        """A new project with a kind's whole set of indicators; its name is edited at once."""
        screen = self.screen

        def chosen(choice: TemplateChoice | None) -> None:
            if choice is None:
                return
            year = screen.session.document.year
            project = Project(indicators=[template.indicator(year) for template in choice.kind.templates])
            change = screen.execute(ops.add_project(screen.session.document, screen.selection(), project))
            if change is None or change.location.project_key is None:
                return
            screen.project_tree.move_to(("project", change.location.project_key))
            screen.show_project(change.location.project_key)
            screen.panel.select("name")
            screen.set_focus(screen.panel)
            screen.cell_editing.begin_here()

        self._picker(True, chosen)

    # --- the problems as a worklist ----------------------------------------------------------------------------------

    def worklist(self) -> list[Problem]:
        return worklist(self.screen.session.problems.problems(), self.only)

    def next_problem(self, step: int) -> None:
        """] / [ (F8 / Shift+F8): the next (previous) problem of the list, from anywhere."""
        screen = self.screen
        screen.start_validation()
        problems = self.worklist()
        problem = self.walker.step(problems, forward=step > 0)
        if problem is None:
            screen.app.notify(t("ui.problems.none"), timeout=2)
            return
        panel = screen.problems_panel_if_shown()
        if panel is not None:
            panel.select(problem)
        screen.jump_to(problem)
        screen.app.notify(
            t("ui.problems.at", i=self.walker.index + 1, n=len(problems), message=problem.message),
            timeout=3,
            markup=False,
        )

    def visited(self, problem: Problem) -> None:
        """Enter in the list: the walk goes on from there."""
        self.walker.visit(self.worklist(), problem)

    def cycle_filter(self) -> None:
        self.only = self.only.next()
        self.screen.update_problems(force=True)


def _one_value(text: str, *, multi_line: bool = False) -> bool:
    """Whether a terminal's paste is one value (no tab; one line, or several on a multi-line field)."""
    body = text.strip("\r\n")
    if "\t" in body:
        return False
    return multi_line or "\n" not in body.replace("\r", "\n")

