"""The main screen: tree, project panel, indicator grid, cell hint, problems, status.

It draws and routes. What an action does to the document is an operation of
:mod:`goaltui.session.operations`, run through the app's
:class:`~goaltui.session.Session`; the returned :class:`~goaltui.session.Change`
says what to redraw (:meth:`MainScreen.show_change`). Cell editing lives in
:mod:`goaltui.ui.screens.editing`.
"""

from __future__ import annotations

import gc
from fractions import Fraction
from typing import TYPE_CHECKING, Any, ClassVar, cast

from textual import events
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.coordinate import Coordinate
from textual.dom import DOMNode
from textual.reactive import Reactive
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import DataTable, Footer, Tree

from goaltui.i18n import t
from goaltui.model import Project
from goaltui.model.amounts import format_amount
from goaltui.session import PANEL_FIELDS, Change, FieldError, FieldRef, NodeRef, Selection, Session
from goaltui.session import operations as ops
from goaltui.session.document_file import ReadOnlyError
from goaltui.ui.actions import Where, bindings
from goaltui.ui.screens.compare import CompareActions, Comparing
from goaltui.ui.screens.editing import CellEditing
from goaltui.ui.screens.finding import Finding
from goaltui.ui.screens.habits import Habits
from goaltui.ui.screens.tree_actions import TreeActions
from goaltui.ui.widgets.cell_hint import CellHint
from goaltui.ui.widgets.compare_marks import COMPARE_CLASSES
from goaltui.ui.widgets.indicator_grid import IndicatorGrid
from goaltui.ui.widgets.project_panel import ProjectPanel
from goaltui.ui.widgets.project_tree import ProjectTree
from goaltui.ui.widgets.severity import SEVERITY_CLASSES
from goaltui.ui.widgets.status_line import StatusLine

if TYPE_CHECKING:
    from textual.widget import AwaitMount
    from textual.widgets import ProgressBar

    from goaltui.model.commands import Command
    from goaltui.rules import Problem
    from goaltui.ui.app import GoalApp
    from goaltui.ui.widgets.find_bar import FindBar
    from goaltui.ui.widgets.problems_panel import ProblemsPanel

HEADER_FIELDS = frozenset({"title", "department", "notes", "expected_project_count", "leader", "handler", "phone"})

TREE_DEBOUNCE_SECONDS = 0.1
"""Moving in the tree shows the project under the cursor after this pause."""

ROW_ACTIONS = frozenset(
    {"delete_row", "duplicate_row", "move_row", "clear_cell", "cycle_level1", "apply_fix", "fill_down", "copy_rows"}
)
"""Actions on the grid's current row: without a row they leave the footer."""


class MainScreen(CompareActions, TreeActions, Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = bindings(Where.SCREEN)
    COMPONENT_CLASSES: ClassVar[set[str]] = set(SEVERITY_CLASSES | COMPARE_CLASSES)
    """The severity palette of every widget on the screen (see ui/widgets/severity.py), and the
    compare marks' tints (ui/widgets/compare_marks.py)."""

    focused: Reactive[Widget | None] = Reactive(None, repaint=False)
    """Screen.focused repaints the whole screen on every focus change (≈25 KB at 120×36);
    the widgets gaining and losing focus repaint themselves, which is enough."""

    def __init__(self) -> None:
        super().__init__()
        self.project_key: int | None = None
        self._tree_timer: Timer | None = None
        self._binding_state: tuple[bool, bool, bool] | None = None
        self._problems: ProblemsPanel | None = None
        self._progress: ProgressBar | None = None
        self.cell_editing = CellEditing(self)
        self.finding = Finding(self)
        self.habits = Habits(self)
        self.comparing = Comparing(self)

    @property
    def goal(self) -> GoalApp:
        return cast("GoalApp", self.app)

    @property
    def session(self) -> Session:
        return self.goal.session

    # --- layout -------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        # Only what the first frame shows. The problems panel and the progress bar are
        # mounted when first shown, the cell editor right after the first frame (or on
        # first use, whichever comes first): the first paint does not wait for them.
        with Horizontal(id="body"):
            yield ProjectTree(id="tree")
            with Vertical(id="right"):
                yield ProjectPanel(id="panel")
                yield IndicatorGrid(id="grid")
                yield CellHint(id="hint")
        yield StatusLine(id="status")
        yield Footer(compact=True)

    @property
    def project_tree(self) -> ProjectTree:
        return self.query_one(ProjectTree)

    @property
    def panel(self) -> ProjectPanel:
        return self.query_one(ProjectPanel)

    @property
    def grid(self) -> IndicatorGrid:
        return self.query_one(IndicatorGrid)

    @property
    def hint(self) -> CellHint:
        return self.query_one(CellHint)

    @property
    def problems_panel(self) -> ProblemsPanel:
        """The problems list (mounted, hidden, on first use)."""
        if self._problems is None:
            self._mount_problems()
        assert self._problems is not None
        return self._problems

    def _mount_problems(self) -> AwaitMount:
        from goaltui.ui.widgets.problems_panel import ProblemsPanel

        self._problems = ProblemsPanel(id="problems")
        # above the progress bar and the status line
        before = self._progress if self._progress is not None else self.query_one(StatusLine)
        return self.mount(self._problems, before=before)

    def _problems_focused(self) -> bool:
        return self._problems is not None and self._problems.has_focus

    def on_mount(self) -> None:
        document = self.session.document
        self.grid.expected_width = self._grid_width_estimate()
        self.project_tree.rebuild(document, self.session.problems)
        projects = document.projects()
        self.show_project(projects[0][1].key if projects else None)
        if projects:
            self.project_tree.move_to(("project", projects[0][1].key))
        self.update_status()
        # An empty document starts in the tree, where n adds the first project.
        (self.grid if projects else self.project_tree).focus()
        # After the first paint: the editor (so that the first edit need not mount it), then the
        # validation (the table shows at once, the problems a moment later).
        self.call_after_refresh(self._prepare_editor)
        self.call_after_refresh(self.start_validation)
        if self.goal.is_new:  # a new table: the department first (the header form), then the rows
            self.call_after_refresh(self._welcome_new_table)

    def show_new_document(self) -> None:
        """The app's session holds another document now (a new table from the palette): show it
        from scratch, with nothing left of the last one (its edit, search, selection, problems)."""
        self.cell_editing.restart()
        self.comparing.clear()
        self.finding.clear()
        self.habits = Habits(self)
        if self._problems is not None:
            self._problems.remove_class("-visible")
            self._problems.version = (-1, "")
        self.project_key = None
        self.on_mount()

    def _welcome_new_table(self) -> None:
        name = self.goal.save_path.name if self.goal.save_path is not None else ""
        self.app.notify(t("ui.new.created", file=name), markup=False, timeout=8)
        self.open_header("department")

    def _grid_width_estimate(self) -> int:
        """The grid's width once laid out (the screen less the tree), before the first layout."""
        size = self.app.size
        styles = self.project_tree.styles
        width = styles.width.resolve(size, size) if styles.width is not None else Fraction(0)
        if styles.min_width is not None:
            width = max(width, styles.min_width.resolve(size, size))
        if styles.max_width is not None:
            width = min(width, styles.max_width.resolve(size, size))
        return max(0, size.width - int(width))

    def _prepare_editor(self) -> None:
        if self.is_attached and self.cell_editing.mounted_editor is None:  # (not when the app quit early)
            _ = self.cell_editing.editor
        if self.is_attached:
            _ = self.finding.bar  # (hidden until Ctrl+F: the focus can go to it at once)

    def start_validation(self) -> None:
        problems = self.session.problems
        if problems.started:
            return
        problems.start()
        # The document, its index and its problems now live as long as the editor: out of the
        # garbage collector's reach, so that a full collection (70-180 ms with 64k rows, on
        # whatever key it falls) does not walk them again and again (CPython's use of gc.freeze).
        gc.freeze()
        self.project_tree.refresh_counts(self.session.document, problems)
        self.refresh_project_views()
        self.update_hint()
        self.update_status()
        self.update_problems()

    # --- where the user is, and which keys apply --------------------------------------------------------

    def selection(self) -> Selection:
        grid = self.grid
        has_row = self.project is not None and grid.row_count > 0
        return Selection(
            project_key=self.project_key,
            row=grid.cursor_row if has_row else None,
            field=grid.field if has_row else None,
            node=self.project_tree.current_ref(),
            rows=grid.selected_rows if has_row else None,
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Row keys need a project (and a row, and for Space the 一级指标 column): otherwise they
        leave the footer, and a typed Space goes into the cell."""
        if action in ("delete_node", "move_node"):  # not on the department (the tree's root)
            ref = self.project_tree.current_ref()
            return ref is not None and ref[0] != "doc"
        if action == "insert_row":
            return self.project is not None
        if action == "match_next":  # n / N: only while a search is on (else typing, or a new project)
            return self.finding.active
        if action == "cycle_level1":
            return self.project is not None and self.grid.row_count > 0 and self.grid.field == "level1"
        if action in ROW_ACTIONS and not self._problems_focused() and not self.panel.has_focus:
            return self.project is not None and self.grid.row_count > 0
        return True

    def _update_bindings(self) -> None:
        """Refresh the footer when the keys that apply changed (a project or rows came or went)."""
        ref = self.project_tree.current_ref()
        state = (self.project is not None, self.grid.row_count > 0, ref is not None and ref[0] != "doc")
        if state != self._binding_state:
            self._binding_state = state
            self.refresh_bindings()

    # --- showing ----------------------------------------------------------------------------------------

    @property
    def project(self) -> Project | None:
        if self.project_key is None:
            return None
        found = self.session.nodes.project(self.project_key)
        return found[2] if found else None

    def show_project(self, key: int | None, cursor: Coordinate | None = None) -> None:
        self.project_key = key
        project = self.project
        if project is None:
            self.project_key = None
        session = self.session
        self.grid.load(project, session.document.has_level2, session.problems, cursor=cursor or Coordinate(0, 0))
        self.refresh_project_views()
        self.update_hint()
        self._update_bindings()

    def refresh_project_views(self) -> None:
        """Panel and grid colours and captions of the current project (cheap when unchanged)."""
        problems = self.session.problems
        key = self.project_key or 0
        field_problems = {field: problems.panel_field(key, field) for field in PANEL_FIELDS}
        project_level = problems.project_level(key)
        self.panel.show(self.project, field_problems, [p for p in project_level if p.field in PANEL_FIELDS])
        others = [p for p in project_level if p.field not in PANEL_FIELDS]
        others.sort(key=lambda p: ("error", "warning", "info").index(p.severity.value))
        self.grid.set_project_problems(others)
        self.grid.set_rows()

    def update_status(self) -> None:
        goal = self.goal
        totals = self.session.totals
        self.query_one(StatusLine).show(
            file_name=goal.display_name,
            dirty=self.session.dirty or goal.needs_save_path,
            projects=totals.projects,
            indicators=totals.indicators,
            counts=self.session.problems.counts(),
            total=format_amount(totals.total),
            money_unit=goal.document.money_unit,
            read_only=self.session.read_only is not None,
        )

    def update_problems(self, *, force: bool = False, change: Change | None = None) -> None:
        """The problems list, when shown: after *change* (not structural), only the rows of the
        projects it touched are redrawn."""
        panel = self._problems
        if panel is not None and panel.has_class("-visible"):
            if force:
                panel.version = (-1, "")
            problems = self.session.problems
            changed = None if change is None or change.structure or change.document_level else change.projects
            panel.show(
                problems.problems(), problems.version, self.habits.only, counts=problems.counts(), changed=changed
            )

    def problems_panel_if_shown(self) -> ProblemsPanel | None:
        panel = self._problems
        return panel if panel is not None and panel.has_class("-visible") else None

    def update_hint(self) -> None:
        """The hint line for where the user is: the open edit, the problem in the list, the cell or field."""
        if self.editing:
            self.cell_editing.show_draft()
            return
        project = self.project
        if project is None:
            self.hint.show(t("ui.panel.no_project"), "")
            return
        if self.comparing.show_change_hint():
            return
        if self._problems_focused():
            assert self._problems is not None
            problem = self._problems.current
            if problem is not None:  # the list's columns are narrow at 80×24: the hint holds the whole message
                from goaltui.ui.widgets.problems_panel import location_text

                self.hint.show_problem(problem, location_text(problem, name_width=None))
                return
        problems = self.session.problems
        if self.panel.has_focus:
            ref = FieldRef.panel(project, self.panel.field)
            text = ref.text(self.session.nodes)
            note = self.comparing.panel_note(project.key, self.panel.field)
            self.hint.show(ref.spec.label, text, problems.panel_field(project.key, self.panel.field), note)
            return
        grid = self.grid
        if not grid.row_count:
            self.hint.show(t("ui.grid.no_rows"), self.hint.reading(t("ui.grid.no_rows_help"), None))
            return
        ref = FieldRef.cell(project, grid.cursor_row, grid.field)
        text = ref.text(self.session.nodes)
        row = grid.cursor_row
        found = problems.cell(project.key, row, grid.field) + problems.row(project.key, row)
        indicators = project.indicators
        note = self.comparing.cell_note(indicators[row].key, grid.field) if row < len(indicators) else None
        self.hint.show(self.cell_editing.label(ref), self.hint.reading(text, ref.spec.reading(text)), found, note)

    def _place_terminal_cursor(self) -> None:
        """Keep the terminal cursor on the current cell or field: an input method opens its
        candidate window there when the user starts typing."""
        if self.grid.has_focus and self.grid.row_count:
            self.app.cursor_position = self.grid.cursor_screen_offset()
        elif self.panel.has_focus:
            region = self.panel.field_region(self.panel.field)
            if region is not None:
                self.app.cursor_position = region.offset

    # --- events from widgets ------------------------------------------------------------------------------

    def on_tree_node_highlighted(self, event: Tree.NodeHighlighted[Any]) -> None:
        # Debounced: holding ↓ in the tree repaints the right side once, where it stops.
        ref = event.node.data
        self._update_bindings()
        if self._tree_timer is not None:
            self._tree_timer.stop()
            self._tree_timer = None
        if ref and ref[0] == "project" and ref[1] != self.project_key:
            key = ref[1]
            self._tree_timer = self.set_timer(TREE_DEBOUNCE_SECONDS, lambda: self._show_from_tree(key))

    def _show_from_tree(self, key: int) -> None:
        self._tree_timer = None
        if key != self.project_key and self.session.find_project(key) is not None and self.settle_edit():
            self.show_project(key)

    def on_tree_node_selected(self, event: Tree.NodeSelected[Any]) -> None:
        ref = event.node.data
        if ref and ref[0] == "project":
            self._show_from_tree(ref[1])
            self.set_focus(self.grid)

    def on_data_table_cell_highlighted(self, event: DataTable.CellHighlighted) -> None:
        if event.data_table is self.grid:
            self.update_hint()
            self._place_terminal_cursor()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        problems = event.data_table is self._problems and self._problems_focused()
        if problems or (event.data_table is self.comparing.panel and self.comparing.list_focused):
            self.update_hint()

    def on_descendant_focus(self) -> None:
        self.update_hint()
        self._place_terminal_cursor()
        # The grid's cursor is dimmed while the focus is away from the project (the tree, the list).
        focused = self.focused
        away = focused is self.project_tree or (self._problems is not None and focused is self._problems)
        self.grid.set_away(away)

    def on_project_panel_cursor_moved(self, message: ProjectPanel.CursorMoved) -> None:
        message.stop()
        self.update_hint()
        self._place_terminal_cursor()

    def on_problems_panel_jump(self, message: ProblemsPanel.Jump) -> None:
        message.stop()
        self.habits.visited(message.problem)
        self.jump_to(message.problem)

    def on_find_bar_run(self, message: FindBar.Run) -> None:
        message.stop()
        self.finding.run(message.query)

    def on_find_bar_close(self, message: FindBar.Close) -> None:
        message.stop()
        self.finding.close_bar()

    def on_resize(self) -> None:
        # The grid lays its columns out again: keep the open editor on its cell.
        if self.editing:
            self.call_after_refresh(self.cell_editing.follow_layout)

    def jump_to(self, problem: Problem) -> None:
        """Go where *problem* points: its cell, its project's field, its unit, or the header."""
        tree = self.project_tree
        key = problem.project_key
        if key is None:
            if problem.unit_key is not None and tree.has(("unit", problem.unit_key)):
                tree.move_to(("unit", problem.unit_key))  # F2 renames it, Delete removes it
                self.set_focus(tree)
            elif problem.field in HEADER_FIELDS:
                self.open_header(problem.field)
            else:  # about the whole table (no projects at all): the department, where n adds one
                tree.move_to(("doc", 0))
                self.set_focus(tree)
            return
        if self.session.find_project(key) is None:
            return
        tree.move_to(("project", key))
        if key != self.project_key:
            self.show_project(key)
        if problem.row is not None:
            grid = self.grid
            field = problem.field if problem.field in grid.fields else grid.fields[0]
            grid.move_cursor(row=problem.row - 1, column=grid.fields.index(field), animate=False)
            self.set_focus(grid)
        elif problem.field in PANEL_FIELDS:
            self.panel.select(problem.field or "name")
            self.set_focus(self.panel)
        else:
            self.set_focus(self.grid)

    # --- input and the cell edit ----------------------------------------------------------------------------

    async def route_input(self, event: events.Key | events.Paste) -> bool:
        """A key or a paste for this screen, handled now and in order (see GoalApp.on_event);
        the find bar takes its keys as any text field does."""
        if self.finding.bar_has_focus():
            return False
        return await self.cell_editing.route(event)

    @property
    def editing(self) -> bool:
        """A cell edit is open (in the one-line editor or the multi-line dialog)."""
        return self.cell_editing.edit.editing

    def settle_edit(self) -> bool:
        """Store the open edit (before an action reads the document); False when it cannot be stored."""
        return self.cell_editing.settle()

    def edit_owns(self, node: DOMNode) -> bool:
        return self.cell_editing.owns(node)

    def action_edit(self) -> None:
        """Enter or F2 on a cell or a panel field."""
        self.cell_editing.begin_here()

    def action_clear_cell(self) -> None:
        ref = self.cell_editing.current_ref()
        if ref is not None:
            self.execute(ref.command(""))

    # --- focus ------------------------------------------------------------------------------------------------

    def action_focus_tree(self) -> None:
        self.set_focus(self.project_tree)

    def action_focus_grid(self) -> None:
        ref = self.project_tree.current_ref()
        if ref is not None and ref[0] == "project":
            self._show_from_tree(ref[1])
        self.set_focus(self.grid)

    def action_escape(self) -> None:
        """Esc in the table: the selection goes, else the search (its marks), else to the tree."""
        grid = self.grid
        if grid.has_focus and grid.select_from is not None:
            grid.clear_selection()
            self.update_hint()
        elif not self.finding.clear() and not self.project_tree.has_focus:
            self.set_focus(self.project_tree)

    def action_focus_panel(self) -> None:
        if self.project is not None:
            self.set_focus(self.panel)

    async def action_toggle_problems(self) -> None:
        """F4: open the problems list; back into it when it is open elsewhere; close it from inside."""
        if self._problems is None:
            await self._mount_problems()
        panel = self.problems_panel
        if panel.has_class("-visible") and not panel.has_focus:
            self.set_focus(panel)
        elif panel.has_class("-visible"):
            panel.remove_class("-visible")
            self.set_focus(self.grid)
        else:
            self.comparing.hide_list()  # one list at a time (80×24 has no room for two)
            panel.add_class("-visible")
            self.update_problems()
            self.set_focus(panel)

    def hide_problems(self) -> None:
        if self._problems is not None and self._problems.has_class("-visible"):
            self._problems.remove_class("-visible")

    # --- changing the document ----------------------------------------------------------------------------------

    def execute(self, command: Command | None) -> Change | None:
        """Run *command* (one undo step) and redraw what it changed (a table open read-only: say why not)."""
        if command is None:
            return None
        try:
            change = self.session.execute(command)
        except ReadOnlyError as error:
            self.goal.refuse_read_only(error)
            return None
        if change is not None:
            self.show_change(change)
        return change

    def show_change(self, change: Change) -> None:
        """Redraw what *change* touched; after an undo or redo, go where it happened."""
        session = self.session
        document = session.document
        tree = self.project_tree
        location = change.location
        target = location.project_key
        if change.structure:
            tree.rebuild(document, session.problems)  # keeps the cursor on its node, or a neighbour
            if change.follow and target is not None and session.find_project(target) is not None:
                tree.move_to(("project", target))
                self.show_project(target)
            elif change.follow and target is None and tree.has(("unit", location.unit_key or 0)):
                tree.move_to(("unit", location.unit_key or 0))  # a unit's own change
            if self.project is not None:
                self.show_project(self.project_key, self.grid.cursor_coordinate)
            else:  # the project shown went away: show the one the tree chose
                ref = tree.current_ref()
                if ref is not None and ref[0] == "project" and session.find_project(ref[1]) is not None:
                    self.show_project(ref[1])
                else:
                    remaining = document.projects()
                    self.show_project(remaining[0][1].key if remaining else None)
        else:
            if change.document_level:  # (the department's name, or every project rechecked)
                tree.refresh_counts(document, session.problems)
            else:
                found = (session.find_project(key) for key in change.projects)
                tree.refresh_counts(document, session.problems, [nodes for nodes in found if nodes is not None])
            if change.follow and target is not None and target != self.project_key:
                tree.move_to(("project", target))
                self.show_project(target)
            if change.rows:
                if self.project_key in change.projects:
                    self.show_project(self.project_key, self._cursor_for(location.row, location.field))
            else:
                self.refresh_project_views()
                here = change.follow and self.project_key == target
                if here and location.row is not None:
                    column = self.grid.fields.index(location.field) if location.field in self.grid.fields else None
                    self.grid.move_cursor(row=location.row, column=column, animate=False)
                elif here and location.field in PANEL_FIELDS:
                    self.panel.select(location.field or "name")
        if self.finding.active:
            self.finding.show_marks()
        self.update_hint()
        self.update_status()
        self.update_problems(change=change)
        self._update_bindings()
        self.comparing.document_changed()

    def _cursor_for(self, row: int | None, field: str | None) -> Coordinate:
        grid = self.grid
        column = grid.fields.index(field) if field in grid.fields else grid.cursor_column
        return Coordinate(row if row is not None else grid.cursor_row, column)

    def action_undo(self) -> None:
        change = self.session.undo()
        if change is None:
            self.app.notify(t("ui.nothing_to_undo"), timeout=2)
        else:
            self.show_change(change)

    def action_redo(self) -> None:
        change = self.session.redo()
        if change is None:
            self.app.notify(t("ui.nothing_to_redo"), timeout=2)
        else:
            self.show_change(change)

    def action_cycle_level1(self) -> None:
        self.execute(ops.cycle_level1(self.session.document, self.selection()))

    def action_apply_fix(self) -> None:
        """Apply the suggested fix of the problem under the cursor (the list, the panel field, the cell,
        its row, then the project)."""
        problems = self.session.problems
        project = self.project
        candidates: list[Problem] = []
        if self._problems_focused():
            assert self._problems is not None
            current = self._problems.current
            candidates = [current] if current is not None else []
        elif project is not None and self.panel.has_focus:
            candidates = problems.panel_field(project.key, self.panel.field)
        elif project is not None and self.grid.row_count:
            row, field = self.grid.cursor_row, self.grid.field
            candidates = problems.cell(project.key, row, field) + problems.row_all(project.key, row)
            candidates += problems.project_level(project.key)
        problem = next((p for p in candidates if p.fix is not None), None)
        if problem is None:
            self.app.notify(t("ui.no_fix"), timeout=2)
            return
        try:
            self.execute(ops.apply_fix(self.session.document, problem))
        except FieldError as exc:
            self.app.notify(str(exc), severity="error", markup=False, timeout=4)

    # --- rows --------------------------------------------------------------------------------------------------

    def action_insert_row(self) -> None:
        change = self.execute(ops.insert_row(self.session.document, self.selection()))
        if change is not None and change.location.row is not None:
            self.grid.move_cursor(row=change.location.row, column=min(1, len(self.grid.fields) - 1), animate=False)

    def action_delete_row(self) -> None:
        self.execute(ops.delete_row(self.session.document, self.selection()))

    def action_duplicate_row(self) -> None:
        self.execute(ops.duplicate_row(self.session.document, self.selection()))

    def action_move_row(self, delta: int) -> None:
        self.execute(ops.move_row(self.session.document, self.selection(), delta))

    # --- the header and footer of the table -------------------------------------------------------------------------

    def writable(self) -> bool:
        """Whether the table may be changed; when not (open read-only), the user is told why."""
        try:
            self.session.check_writable()
        except ReadOnlyError as error:
            self.goal.refuse_read_only(error)
            return False
        return True

    def action_header(self) -> None:
        self.open_header()

    def open_header(self, field: str | None = None) -> None:
        """The header form, on *field* (a problem's), its problems marked."""
        from goaltui.ui.screens.header import HeaderScreen

        def done(values: dict[str, Any] | None) -> None:
            if values:
                self.execute(ops.set_header(values))

        problems = [p for p in self.session.problems.problems() if p.project_key is None and p.unit_key is None]
        self.app.push_screen(HeaderScreen(self.session.document, focus=field, problems=problems), done)

    # --- the spreadsheet habits (ui/screens/habits.py, ui/screens/finding.py) -----------------------------------

    def action_find(self) -> None:
        self.finding.open()

    def action_find_next(self, step: int) -> None:
        """F3 / Shift+F3: the next match; without a search, the find bar."""
        if self.finding.active:
            self.finding.step(step > 0)
        else:
            self.finding.open()

    def action_match_next(self, step: int) -> None:
        self.finding.step(step > 0)

    def action_extend_selection(self, delta: int) -> None:
        self.habits.extend_selection(delta)

    def action_toggle_wrap(self) -> None:
        self.habits.toggle_wrap()

    def action_widen_column(self, delta: int) -> None:
        self.habits.widen_column(delta)

    def action_copy(self) -> None:
        self.habits.copy()

    def action_copy_rows(self) -> None:
        self.habits.copy_rows()

    def action_copy_project(self) -> None:
        self.habits.copy_project()

    def action_paste(self) -> None:
        self.habits.paste()

    def action_fill_down(self) -> None:
        self.habits.fill_down()

    def action_sort_indicators(self) -> None:
        self.habits.sort_indicators()

    def action_sort_projects(self, order: str) -> None:
        self.habits.sort_projects(order)

    def action_insert_template(self) -> None:
        self.habits.insert_template()

    def action_add_project_from_template(self) -> None:
        self.habits.add_project_from_template()

    def action_next_problem(self, step: int) -> None:
        self.habits.next_problem(step)

    def action_cycle_filter(self) -> None:
        self.habits.cycle_filter()

    def go_to_node(self, ref: NodeRef) -> None:
        """Show a project (its grid) or a unit (in the tree): the palette's jump."""
        tree = self.project_tree
        if not tree.has(ref):
            return
        tree.move_to(ref)
        if ref[0] == "project":
            self.show_project(ref[1])
            self.set_focus(self.grid if self.grid.row_count else self.panel)
        else:
            self.set_focus(tree)

    # --- progress (export, load) -------------------------------------------------------------------------------------

    def show_progress(self, done: float | None, total: float | None = None) -> None:
        bar = self._progress
        if done is None:
            if bar is not None:
                bar.display = False
            return
        if bar is None:
            from textual.widgets import ProgressBar

            bar = self._progress = ProgressBar(id="progress", show_eta=False)
            self.mount(bar, before=self.query_one(StatusLine))
        bar.display = True
        bar.update(total=total, progress=done)
