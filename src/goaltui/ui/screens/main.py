"""The main screen: tree, project panel, indicator grid, cell hint, problems, status.

Every change goes through :mod:`goaltui.model.commands` (via the app's
``History``); after each command the screen redraws only what it touched.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any, ClassVar, cast

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.coordinate import Coordinate
from textual.geometry import Region
from textual.reactive import Reactive
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import DataTable, Footer, Tree

from goaltui.i18n import t
from goaltui.model import FUND_FIELDS, Project
from goaltui.model.amounts import AmountError, format_amount, parse_amount
from goaltui.model.document import Indicator, Unit
from goaltui.model.level1 import LEVEL1_VALUES, normalize_level1
from goaltui.ui.checker import PANEL_FIELDS, severity_name, severity_style
from goaltui.ui.messages import EditorChanged, EditorClosed, EditRequested, JumpToProblem, PanelCursorMoved
from goaltui.ui.widgets.cell_hint import CellHint
from goaltui.ui.widgets.indicator_grid import IndicatorGrid
from goaltui.ui.widgets.project_panel import ProjectPanel
from goaltui.ui.widgets.project_tree import CountsFn, OwnCountsFn, ProjectTree
from goaltui.ui.widgets.status_line import StatusLine

if TYPE_CHECKING:
    from textual.widget import AwaitMount
    from textual.widgets import ProgressBar

    from goaltui.model.commands import Command
    from goaltui.ui.app import GoalApp
    from goaltui.ui.widgets.cell_editor import CellEditor
    from goaltui.ui.widgets.problems_panel import ProblemsPanel

DEBOUNCE_SECONDS = 0.15
"""Validate-as-you-type waits this long after the last key (an IME commit is N key events)."""

HEADER_FIELDS = frozenset({"title", "department", "notes", "expected_project_count", "leader", "handler", "phone"})

SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}

TREE_DEBOUNCE_SECONDS = 0.1
"""Moving in the tree shows the project under the cursor after this pause."""

ROW_KINDS = frozenset({"insert_indicator", "duplicate_indicator", "delete_indicator", "move_indicator"})


def panel_label(field: str) -> str:
    """The label of a project panel field (its "name" is the 项目名称)."""
    return t("field.project") if field == "name" else t(f"field.{field}")


@dataclass
class EditTarget:
    """What the in-place editor is changing."""

    kind: str
    """``indicator``, ``fund`` or ``project_name``."""
    project_key: int
    field: str
    indicator_key: int | None = None

    def command(self, text: str) -> Command:
        """The command that stores *text*; raises AmountError for a bad amount."""
        from goaltui.model.commands import SetFund, SetIndicatorField, SetProjectName

        if self.kind == "indicator":
            assert self.indicator_key is not None
            return SetIndicatorField(self.project_key, self.indicator_key, self.field, text)
        if self.kind == "fund":
            return SetFund(self.project_key, self.field, parse_amount(text))
        return SetProjectName(self.project_key, text)


class MainScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+z", "undo", t("ui.key.undo")),
        Binding("ctrl+y,ctrl+r", "redo", t("ui.key.redo"), show=False),
        Binding("f3", "header", t("ui.key.header"), show=False),
        Binding("f4", "toggle_problems", t("ui.key.problems")),
        Binding("f5", "app.export('xlsx')", t("ui.key.export_xlsx"), show=False),
        Binding("f6", "app.export('md')", t("ui.key.export_md"), show=False),
    ]

    focused: Reactive[Widget | None] = Reactive(None, repaint=False)
    """Screen.focused repaints the whole screen on every focus change (≈25 KB at 120×36);
    the widgets gaining and losing focus repaint themselves, which is enough."""

    def __init__(self) -> None:
        super().__init__()
        self.project_key: int | None = None
        self.editing: EditTarget | None = None
        self._pending: str | None = None
        self._debounce: Timer | None = None
        self._problems_version = -1
        self._tree_timer: Timer | None = None
        self._binding_state: tuple[bool, bool, bool] | None = None
        self._problems: ProblemsPanel | None = None
        self._editor: CellEditor | None = None
        self._progress: ProgressBar | None = None

    @property
    def goal(self) -> GoalApp:
        return cast("GoalApp", self.app)

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
        # above the progress bar and the status line, where it was composed before
        before = self._progress if self._progress is not None else self.query_one(StatusLine)
        return self.mount(self._problems, before=before)

    def _problems_focused(self) -> bool:
        return self._problems is not None and self._problems.has_focus

    @property
    def editor(self) -> CellEditor:
        """The in-place editor (mounted after the first frame, or here on first use)."""
        if self._editor is None:
            from goaltui.ui.widgets.cell_editor import CellEditor

            self._editor = CellEditor(id="editor")
            self.mount(self._editor)
        return self._editor

    def on_mount(self) -> None:
        document = self.goal.document
        self.grid.expected_width = self._grid_width_estimate()
        self.project_tree.rebuild(document, *self._tree_counts())
        projects = document.projects()
        if projects:
            self.show_project(projects[0][1].key)
            self.project_tree.move_to(("project", projects[0][1].key))
        else:
            self.show_project(None)
        self.update_status()
        # An empty document starts in the tree, where n adds the first project.
        (self.grid if projects else self.project_tree).focus()
        # After the first paint: the editor (so that the first edit need not mount it), then the
        # validation (the table shows at once, the problems a moment later).
        self.call_after_refresh(self._prepare_editor)
        self.call_after_refresh(self.start_validation)

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
        if self.is_attached and self._editor is None:  # (not when the app quit before its first frame)
            _ = self.editor

    def _tree_counts(self) -> tuple[CountsFn, OwnCountsFn]:
        checker = self.goal.checker
        return checker.project_counts, checker.own_counts

    def start_validation(self) -> None:
        checker = self.goal.checker
        if checker.started:
            return
        checker.start()
        self.refresh_all()

    def refresh_all(self) -> None:
        """Redraw every view from the model and the problems (after validation started)."""
        self.project_tree.refresh_counts(self.goal.document, *self._tree_counts())
        self.refresh_project_views()
        self.update_hint()
        self.update_status()
        self.update_problems()

    # --- showing --------------------------------------------------------------------------

    ROW_ACTIONS: ClassVar[frozenset[str]] = frozenset(
        {"delete_row", "duplicate_row", "move_row", "clear_cell", "cycle_level1", "apply_fix"}
    )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Row keys need a project (and a row): without one they leave the footer. While a cell
        is being edited, undo/redo do nothing (Esc restores the cell), so they leave it too."""
        if action in ("undo", "redo"):
            return self.editing is None
        if action in ("delete_node", "move_node"):  # not on the department (the tree's root)
            ref = self.project_tree.current_ref()
            return ref is not None and ref[0] != "doc"
        if action == "insert_row":
            return self.project is not None
        if action in self.ROW_ACTIONS and not self._problems_focused() and not self.panel.has_focus:
            return self.project is not None and self.grid.row_count > 0
        return True

    def _update_bindings(self) -> None:
        """Refresh the footer when the keys that apply changed (a project or rows came or went)."""
        ref = self.project_tree.current_ref()
        state = (self.project is not None, self.grid.row_count > 0, ref is not None and ref[0] != "doc")
        if state != self._binding_state:
            self._binding_state = state
            self.refresh_bindings()

    @property
    def project(self) -> Project | None:
        if self.project_key is None:
            return None
        found = self.goal.document.find_project(self.project_key)
        return found[1] if found else None

    def show_project(self, key: int | None, cursor: Coordinate | None = None) -> None:
        self.project_key = key
        project = self.project
        if project is None:
            self.project_key = None
        checker = self.goal.checker
        pkey = self.project_key or 0
        self.grid.load(
            project,
            self.goal.document.has_level2,
            lambda row, field: checker.cell(pkey, row, field),
            lambda row: checker.row_all(pkey, row),
            cursor=cursor if cursor is not None else Coordinate(0, 0),
        )
        self.refresh_project_views()
        self.update_hint()
        self._update_bindings()

    def refresh_project_views(self) -> None:
        """Panel and grid colours/captions for the current project (cheap when unchanged)."""
        checker = self.goal.checker
        project = self.project
        key = self.project_key or 0
        field_problems = {field: checker.panel_field(key, field) for field in PANEL_FIELDS}
        level = [p for p in checker.project_level(key) if p.field in PANEL_FIELDS]
        self.panel.show(project, field_problems, level)
        others = [p for p in checker.project_level(key) if p.field not in PANEL_FIELDS]
        others.sort(key=lambda p: SEVERITY_ORDER.get(severity_name(p), 3))
        if others:
            first = others[0]
            text = Text(first.message, style=severity_style(first))
            if len(others) > 1:
                text.append(" " + t("ui.more", n=len(others) - 1))
            self.grid.set_project_problem(text)
        else:
            self.grid.set_project_problem(None)
        self.grid.set_rows()

    def update_status(self) -> None:
        goal = self.goal
        document = goal.document
        errors, warnings = goal.checker.counts()
        total = document.fund_totals()["total"]
        self.query_one(StatusLine).show(
            file_name=goal.display_name,
            dirty=goal.dirty or goal.needs_save_path,
            projects=document.project_count(),
            indicators=document.indicator_count(),
            errors=errors,
            warnings=warnings,
            total=format_amount(total),
            money_unit=document.money_unit,
        )

    def update_problems(self) -> None:
        panel = self._problems
        if panel is not None and panel.has_class("-visible"):
            panel.show(self.goal.checker.problems(), self.goal.checker.version)

    def update_hint(self) -> None:
        """The hint line for the current grid cell (or panel field)."""
        project = self.project
        checker = self.goal.checker
        if project is None:
            self.hint.show(t("ui.panel.no_project"), "")
            return
        if self.editing is not None:  # the editor has the focus: the hint is about what it edits
            self._hint_for_target(self.editing)
            return
        panel = self._problems
        if panel is not None and panel.has_focus and panel.row_count and panel.cursor_row < len(panel.problems):
            # The list's columns are narrow at 80×24: the hint line holds the whole message.
            self._hint_for_problem(panel.problems[panel.cursor_row])
            return
        if self.panel.has_focus:
            field = self.panel.field
            value: Any = project.name if field == "name" else format_amount(project.funds.get(field))
            self.hint.show(panel_label(field), str(value), checker.panel_field(project.key, field))
            return
        grid = self.grid
        if not grid.row_count:
            self.hint.show(t("ui.grid.no_rows"), Text(t("ui.grid.no_rows_help"), style="dim"))
            return
        row, field = grid.cursor_row, grid.field
        indicator = project.indicators[row]
        text = getattr(indicator, field)
        label = t("ui.hint.where", row=row + 1, field=t(f"field.{field}"))
        problems = checker.cell(project.key, row, field) + checker.row(project.key, row)
        self.hint.show(label, self._reading(field, text), problems)

    def _hint_for_problem(self, problem: Any) -> None:
        """Line 1: the whole message; line 2: where it is, the suggestion and the fix."""
        from goaltui.ui.widgets.problems_panel import location_text

        note = Text(location_text(problem, name_width=None).plain)
        if problem.hint:
            note.append(" — " + problem.hint, style="dim")
        if problem.fix is not None:
            note.append(" " + t("ui.hint.fix", value=problem.fix.value), style="bold cyan")
        label = t(f"ui.hint.{severity_name(problem)}")
        self.hint.show(label, Text(problem.message, style=severity_style(problem)), (), note)

    def _reading(self, field: str, text: str) -> Text:
        if field == "value" and text.strip():
            from goaltui.rules.value_parser import parse_value

            reading = Text(text)
            reading.append("  " + t("ui.hint.reading") + " ", style="dim")
            reading.append(parse_value(text).display(), style="cyan")
            return reading
        return Text(text.replace("\n", " ⏎ "))

    def _place_terminal_cursor(self) -> None:
        """Keep the terminal cursor on the current cell or field: an input method opens its
        candidate window there when the user starts typing."""
        if self.grid.has_focus and self.grid.row_count:
            self.app.cursor_position = self.grid.cursor_screen_offset()
        elif self.panel.has_focus:
            region = self.panel.field_region(self.panel.field)
            if region is not None:
                self.app.cursor_position = region.offset

    # --- events from widgets ----------------------------------------------------------------

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
        if key != self.project_key and self.goal.document.find_project(key) is not None:
            self.show_project(key)

    def on_tree_node_selected(self, event: Tree.NodeSelected[Any]) -> None:
        ref = event.node.data
        if ref and ref[0] == "project":
            self._show_from_tree(ref[1])
            self.grid.focus()

    def on_data_table_cell_highlighted(self, event: DataTable.CellHighlighted) -> None:
        if event.data_table is self.grid:
            self.update_hint()
            self._place_terminal_cursor()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.data_table is self._problems and self._problems_focused():
            self.update_hint()

    def on_descendant_focus(self) -> None:
        self.update_hint()
        self._place_terminal_cursor()

    def on_panel_cursor_moved(self, message: PanelCursorMoved) -> None:
        message.stop()
        self.update_hint()
        self._place_terminal_cursor()

    def on_jump_to_problem(self, message: JumpToProblem) -> None:
        problems = self.problems_panel.problems
        if not 0 <= message.index < len(problems):
            return
        self.jump_to(problems[message.index])

    def jump_to(self, problem: Any) -> None:
        key = problem.project_key
        if key is None:
            if problem.unit_key is not None and self.project_tree.has(("unit", problem.unit_key)):
                self.project_tree.move_to(("unit", problem.unit_key))  # F2 renames it, Delete removes it
                self.project_tree.focus()
            elif problem.field in HEADER_FIELDS:
                self.action_header()
            else:  # about the whole table (no projects at all): the department, where n adds one
                self.project_tree.move_to(("doc", 0))
                self.project_tree.focus()
            return
        if self.goal.document.find_project(key) is None:
            return
        self.project_tree.move_to(("project", key))
        if key != self.project_key:
            self.show_project(key)
        if problem.row is not None:
            row = problem.row - 1
            field = problem.field if problem.field in self.grid.fields else self.grid.fields[0]
            self.grid.move_cursor(row=row, column=self.grid.fields.index(field), animate=False)
            self.grid.focus()
        elif problem.field in PANEL_FIELDS:
            self.panel.cursor = 0 if problem.field in ("name", "project") else 1 + FUND_FIELDS.index(problem.field)
            self.panel.focus()
        else:
            self.grid.focus()

    # --- focus ---------------------------------------------------------------------------------

    def action_focus_tree(self) -> None:
        self.project_tree.focus()

    def action_focus_grid(self) -> None:
        ref = self.project_tree.current_ref()
        if ref is not None and ref[0] == "project":
            self._show_from_tree(ref[1])
        self.grid.focus()

    def action_focus_panel(self) -> None:
        if self.project is not None:
            self.panel.focus()

    async def action_toggle_problems(self) -> None:
        """F4: open the problems list; back into it when it is open elsewhere; close it from inside."""
        if self._problems is None:
            await self._mount_problems()
        panel = self.problems_panel
        if panel.has_class("-visible") and not panel.has_focus:
            panel.focus()
        elif panel.has_class("-visible"):
            panel.remove_class("-visible")
            self.grid.focus()
        else:
            panel.add_class("-visible")
            self.update_problems()
            panel.focus()

    # --- applying commands -------------------------------------------------------------------

    def execute(self, command: Command, *, coalesce: bool = False) -> Command | None:
        done = self.goal.history.execute(command, coalesce=coalesce)
        if done is not None:
            self.after(done, follow=False)
        return done

    def after(self, command: Command, *, follow: bool) -> None:
        """Revalidate and redraw what *command* touched; *follow* moves the cursor to it (undo/redo)."""
        goal = self.goal
        goal.checker.after(command)
        location = command.location()
        if command.structure:
            document = goal.document
            tree = self.project_tree
            tree.rebuild(document, *self._tree_counts())  # keeps the cursor on its node
            target = location.project_key
            if target is not None and document.find_project(target) is not None and follow:
                tree.move_to(("project", target))
                self.show_project(target)
            elif follow and target is None and location.unit_key is not None and tree.has(("unit", location.unit_key)):
                # a unit's own change; a project that went away leaves the cursor on a neighbour (rebuild)
                tree.move_to(("unit", location.unit_key))
            if self.project_key is not None and document.find_project(self.project_key) is not None:
                self.show_project(self.project_key, self.grid.cursor_coordinate)
            else:
                ref = tree.current_ref()
                if ref is not None and ref[0] == "project" and document.find_project(ref[1]) is not None:
                    self.show_project(ref[1])
                else:
                    remaining = document.projects()
                    self.show_project(remaining[0][1].key if remaining else None)
        else:
            self.project_tree.refresh_counts(goal.document, *self._tree_counts())
            target = location.project_key
            if follow and target is not None and target != self.project_key:
                self.project_tree.move_to(("project", target))
                self.show_project(target)
            if command.kind in ROW_KINDS or getattr(command, "commands", None):
                if self.project_key in command.touched_projects:
                    self.show_project(self.project_key, self._cursor_for(location.row, location.field))
            else:
                self.refresh_project_views()
                if follow and location.row is not None and self.project_key == target:
                    column = self.grid.fields.index(location.field) if location.field in self.grid.fields else None
                    self.grid.move_cursor(row=location.row, column=column, animate=False)
                if follow and location.field in PANEL_FIELDS and location.row is None and target == self.project_key:
                    if location.field == "name":
                        self.panel.cursor = 0
                    elif location.field in FUND_FIELDS:
                        self.panel.cursor = 1 + FUND_FIELDS.index(location.field)
        self.update_hint()
        self.update_status()
        self.update_problems()
        self._update_bindings()

    def _cursor_for(self, row: int | None, field: str | None) -> Coordinate:
        grid = self.grid
        column = grid.fields.index(field) if field in grid.fields else grid.cursor_column
        return Coordinate(row if row is not None else grid.cursor_row, column)

    def action_undo(self) -> None:
        if self.editing is not None:
            return
        command = self.goal.history.undo()
        if command is None:
            self.app.notify(t("ui.nothing_to_undo"), timeout=2)
            return
        self.after(command, follow=True)

    def action_redo(self) -> None:
        if self.editing is not None:
            return
        command = self.goal.history.redo()
        if command is None:
            self.app.notify(t("ui.nothing_to_redo"), timeout=2)
            return
        self.after(command, follow=True)

    # --- cell editing --------------------------------------------------------------------------------

    def on_edit_requested(self, message: EditRequested) -> None:
        message.stop()
        initial = message.initial
        if initial:
            # Typing started the edit: take every character typed since (an IME burst).
            type_ahead = self.panel.type_ahead if message.source == "panel" else self.grid.type_ahead
            initial = type_ahead.take() or initial
        if message.source == "panel":
            self.edit_panel_field(initial)
        else:
            self.edit_grid_cell(initial)

    def edit_grid_cell(self, initial: str | None = None) -> None:
        project = self.project
        grid = self.grid
        if project is None or not grid.row_count:
            return
        row, field = grid.cursor_row, grid.field
        indicator = project.indicators[row]
        target = EditTarget("indicator", project.key, field, indicator.key)
        current: str = getattr(indicator, field)
        if initial == "":
            self.execute(target.command(""))
            return
        if initial is None and field == "description":
            self._edit_long(target, current)
            return
        if initial is None and field == "level1":
            self._pick_level1(target, current)
            return
        self._open_editor(target, current if initial is None else initial, grid.cell_screen_region())

    def edit_panel_field(self, initial: str | None = None) -> None:
        project = self.project
        if project is None:
            return
        field = self.panel.field
        if field == "name":
            target = EditTarget("project_name", project.key, "name")
            current = project.name
        else:
            target = EditTarget("fund", project.key, field)
            current = format_amount(project.funds.get(field))
        if initial == "":
            self.execute(target.command(""))
            return
        region = self.panel.field_region(field)
        if region is None:
            return
        self._open_editor(target, current if initial is None else initial, region)

    def _open_editor(self, target: EditTarget, text: str, region: Any) -> None:
        self.goal.history.seal()
        self.editing = target
        self._pending = None
        self.editor.open(text, region, screen_width=self.size.width)
        self._hint_for_target(target)
        if text != self._current_text(target):
            self._schedule_live(text)

    def _target_region(self, target: EditTarget) -> Region | None:
        """Where *target*'s cell or field is on the screen now."""
        if target.kind != "indicator":
            return self.panel.field_region(target.field)
        project = self.project
        grid = self.grid
        if project is None or target.field not in grid.fields:
            return None
        row = next((i for i, ind in enumerate(project.indicators) if ind.key == target.indicator_key), None)
        if row is None or row >= grid.row_count:
            return None
        return grid.cell_screen_region(Coordinate(row, grid.fields.index(target.field)))

    def on_resize(self) -> None:
        # The grid lays its columns out again: keep the open editor on its cell.
        if self.editing is not None:
            self.call_after_refresh(self._replace_editor)

    def _replace_editor(self) -> None:
        target = self.editing
        if target is None:
            return
        region = self._target_region(target)
        if region is not None:
            self.editor.place(region, screen_width=self.size.width)

    def _current_text(self, target: EditTarget) -> str:
        project = self.project
        if project is None:
            return ""
        if target.kind == "indicator":
            for indicator in project.indicators:
                if indicator.key == target.indicator_key:
                    return str(getattr(indicator, target.field))
            return ""
        if target.kind == "fund":
            return format_amount(project.funds.get(target.field))
        return project.name

    def on_editor_changed(self, message: EditorChanged) -> None:
        message.stop()
        self._schedule_live(message.value)

    def _schedule_live(self, text: str) -> None:
        self._pending = text
        if self._debounce is not None:
            self._debounce.stop()
        self._debounce = self.set_timer(DEBOUNCE_SECONDS, self._live_apply)

    def _live_apply(self) -> None:
        """Validate as you type: store the text as an open (coalescing) step and revalidate."""
        self._debounce = None
        target, text = self.editing, self._pending
        if target is None or text is None:
            return
        try:
            command = target.command(text)
        except AmountError:
            self.editor.set_bad(True)
            note = Text(t("ui.bad_amount", text=text), style="bold red")
            self.hint.show(panel_label(target.field), Text(text), (), note)
            return
        self.editor.set_bad(False)
        done = self.goal.history.execute(command, coalesce=True)
        self.goal.checker.after(done or command)
        self.project_tree.refresh_counts(self.goal.document, *self._tree_counts())
        if target.kind != "indicator":
            self.refresh_project_views()
        self._hint_for_target(target)
        self.update_status()
        self.update_problems()

    def _hint_for_target(self, target: EditTarget) -> None:
        project = self.project
        if project is None:
            return
        checker = self.goal.checker
        if target.kind == "indicator":
            row = next((i for i, ind in enumerate(project.indicators) if ind.key == target.indicator_key), None)
            if row is None:
                return
            text = getattr(project.indicators[row], target.field)
            label = t("ui.hint.where", row=row + 1, field=t(f"field.{target.field}"))
            problems = checker.cell(project.key, row, target.field) + checker.row(project.key, row)
            self.hint.show(label, self._reading(target.field, text), problems)
        else:
            problems = checker.panel_field(project.key, target.field)
            self.hint.show(panel_label(target.field), self._current_text(target), problems)

    def flush_live(self) -> None:
        """Store what the open editor holds now (a pending debounced step): before saving."""
        if self._debounce is not None:
            self._debounce.stop()
            self._live_apply()

    def on_editor_closed(self, message: EditorClosed) -> None:
        message.stop()
        target = self.editing
        if self._debounce is not None:
            self._debounce.stop()
            self._debounce = None
        if target is None:
            self._close_editor(refocus=not message.blur)
            return
        if message.value is None:
            discarded = self.goal.history.discard_open()
            self._close_editor()
            if discarded is not None:
                self.after(discarded, follow=False)
            return
        try:
            command = target.command(message.value)
        except AmountError:
            self.app.notify(t("ui.bad_amount", text=message.value), severity="error", markup=False, timeout=4)
            if message.blur:
                discarded = self.goal.history.discard_open()
                self._close_editor(refocus=False)
                if discarded is not None:
                    self.after(discarded, follow=False)
                return
            self.editor.set_bad(True)
            return
        self.goal.history.execute(command, coalesce=True)
        self.goal.history.seal()
        self._close_editor(refocus=not message.blur)
        self.after(command, follow=False)
        if message.move and target.kind == "indicator":
            self.grid.action_next_cell(message.move)
        elif message.move:
            self.panel.action_move(message.move)
        elif message.row_move and target.kind == "indicator":
            row = self.grid.cursor_row + message.row_move
            if 0 <= row < self.grid.row_count:
                self.grid.move_cursor(row=row, animate=False)
        elif message.row_move:
            self.panel.action_line(message.row_move)

    def _close_editor(self, *, refocus: bool = True) -> None:
        target = self.editing
        self.editing = None
        self._pending = None
        self.editor.close()
        if not refocus:
            return
        if target is not None and target.kind != "indicator":
            self.panel.focus()
        else:
            self.grid.focus()

    def commit_edit(self, text: str) -> None:
        """Type *text* into the open editor and commit it (for tests and scripts)."""
        self.editor.value = text
        self.on_editor_closed(EditorClosed(text))

    def _edit_long(self, target: EditTarget, current: str) -> None:
        from goaltui.ui.screens.dialogs import LongTextScreen

        def done(value: str | None) -> None:
            if value is not None:
                self.execute(target.command(value))

        self.app.push_screen(LongTextScreen(t(f"field.{target.field}"), current), done)

    def _pick_level1(self, target: EditTarget, current: str) -> None:
        from goaltui.ui.screens.dialogs import PickScreen

        def done(value: str | None) -> None:
            if value is not None:
                self.execute(target.command(value))

        self.app.push_screen(PickScreen(t("field.level1"), list(LEVEL1_VALUES), current), done)

    def action_cycle_level1(self) -> None:
        from goaltui.model.commands import SetIndicatorField

        project = self.project
        grid = self.grid
        if project is None or not grid.row_count or grid.field != "level1":
            return
        indicator = project.indicators[grid.cursor_row]
        current = normalize_level1(indicator.level1)
        index = LEVEL1_VALUES.index(current) + 1 if current in LEVEL1_VALUES else 0
        self.execute(SetIndicatorField(project.key, indicator.key, "level1", LEVEL1_VALUES[index % len(LEVEL1_VALUES)]))

    def action_apply_fix(self) -> None:
        """Apply the suggested fix of the problem under the cursor (cell, row, then project)."""
        from goaltui.model.commands import ApplyFix

        project = self.project
        checker = self.goal.checker
        problem = None
        if self._problems is not None and self._problems.has_focus:
            panel = self._problems
            if panel.row_count and panel.cursor_row < len(panel.problems):
                problem = panel.problems[panel.cursor_row]
        elif project is not None and self.panel.has_focus:
            problem = next((p for p in checker.panel_field(project.key, self.panel.field) if p.fix), None)
        elif project is not None and self.grid.row_count:
            row, field = self.grid.cursor_row, self.grid.field
            candidates = checker.cell(project.key, row, field) + checker.row_all(project.key, row)
            candidates += checker.project_level(project.key)
            problem = next((p for p in candidates if p.fix), None)
        if problem is None or problem.fix is None:
            self.app.notify(t("ui.no_fix"), timeout=2)
            return
        command = ApplyFix(
            self.goal.document,
            problem.fix.field,
            problem.fix.value,
            unit_key=problem.unit_key,
            project_key=problem.project_key,
            row=problem.row,
        )
        self.execute(command)

    def action_clear_cell(self) -> None:
        self.edit_grid_cell("")

    # --- rows ---------------------------------------------------------------------------------------

    def action_insert_row(self) -> None:
        from goaltui.model.commands import InsertIndicator

        project = self.project
        if project is None:
            return
        grid = self.grid
        index = grid.cursor_row + 1 if grid.row_count else 0
        level1 = project.indicators[grid.cursor_row].level1 if grid.row_count else ""
        self.execute(InsertIndicator(project.key, index, Indicator(level1=level1)))
        self.grid.move_cursor(row=index, column=min(1, len(self.grid.fields) - 1), animate=False)

    def action_delete_row(self) -> None:
        from goaltui.model.commands import DeleteIndicator

        project = self.project
        if project is None or not self.grid.row_count:
            return
        self.execute(DeleteIndicator(project.key, self.grid.cursor_row))

    def action_duplicate_row(self) -> None:
        from goaltui.model.commands import DuplicateIndicator

        project = self.project
        if project is None or not self.grid.row_count:
            return
        row = self.grid.cursor_row
        self.execute(DuplicateIndicator(self.goal.document, project.key, row))
        self.grid.move_cursor(row=row + 1, animate=False)

    def action_move_row(self, delta: int) -> None:
        from goaltui.model.commands import MoveIndicator

        project = self.project
        grid = self.grid
        if project is None or not grid.row_count:
            return
        row = grid.cursor_row
        target = row + delta
        if not 0 <= target < len(project.indicators):
            return
        self.execute(MoveIndicator(project.key, row, target))
        grid.move_cursor(row=target, animate=False)

    # --- projects and units -----------------------------------------------------------------------------

    def _current_unit(self) -> tuple[int, Unit] | None:
        from goaltui.model.commands import find_project, find_unit

        ref = self.project_tree.current_ref()
        document = self.goal.document
        if ref is not None and ref[0] == "unit":
            return find_unit(document, ref[1])
        if ref is not None and ref[0] == "project":
            unit = find_project(document, ref[1])[0]
            return find_unit(document, unit.key)
        return (len(document.units) - 1, document.units[-1]) if document.units else None

    def action_add_project(self) -> None:
        from goaltui.model.commands import AddProject, AddUnit, Batch, find_project

        document = self.goal.document
        ref = self.project_tree.current_ref()
        project = Project()
        command: Command
        if ref is not None and ref[0] == "project":
            unit, index, _p = find_project(document, ref[1])
            command = AddProject(unit.key, index + 1, project)
        else:
            found = self._current_unit()
            if found is None:
                unit = Unit()
                command = Batch([AddUnit(0, unit), AddProject(unit.key, 0, project)], kind="add_project")
            else:
                command = AddProject(found[1].key, len(found[1].projects), project)
        self.execute(command)
        self.project_tree.move_to(("project", project.key))
        self.show_project(project.key)
        self.panel.cursor = 0
        self.panel.focus()
        self.call_after_refresh(self.edit_panel_field)

    def action_add_unit(self) -> None:
        from goaltui.model.commands import AddUnit
        from goaltui.ui.screens.dialogs import TextPrompt

        found = self._current_unit()
        index = found[0] + 1 if found is not None else 0
        unit = Unit()

        def done(name: str | None) -> None:
            if name is None:
                return
            unit.name = name
            self.execute(AddUnit(index, unit))
            self.project_tree.move_to(("unit", unit.key))

        self.app.push_screen(TextPrompt(t("ui.prompt.new_unit")), done)

    def action_rename_node(self) -> None:
        from goaltui.model.commands import SetProjectName, SetUnitName, find_project, find_unit
        from goaltui.ui.screens.dialogs import TextPrompt

        ref = self.project_tree.current_ref()
        document = self.goal.document
        if ref is None:
            return
        if ref[0] == "doc":
            self.action_header()
            return
        if ref[0] == "unit":
            unit = find_unit(document, ref[1])[1]
            unit_key = unit.key

            def renamed_unit(name: str | None) -> None:
                if name is not None:
                    self.execute(SetUnitName(unit_key, name))

            self.app.push_screen(TextPrompt(t("ui.prompt.rename_unit"), unit.name), renamed_unit)
            return
        project = find_project(document, ref[1])[2]
        project_key = project.key

        def renamed_project(name: str | None) -> None:
            if name is not None:
                self.execute(SetProjectName(project_key, name))

        self.app.push_screen(TextPrompt(t("ui.prompt.rename_project"), project.name), renamed_project)

    def action_delete_node(self) -> None:
        from goaltui.model.commands import DeleteProject, DeleteUnit, find_project, find_unit
        from goaltui.ui.screens.dialogs import confirm

        ref = self.project_tree.current_ref()
        document = self.goal.document
        if ref is None or ref[0] == "doc":
            return
        if ref[0] == "unit":
            unit = find_unit(document, ref[1])[1]
            question = t("ui.confirm.delete_unit", name=unit.name or t("ui.tree.unnamed_unit"), n=len(unit.projects))
            command: Command = DeleteUnit(unit.key)
        else:
            project = find_project(document, ref[1])[2]
            question = t(
                "ui.confirm.delete_project",
                name=project.name or t("ui.tree.unnamed_project"),
                n=len(project.indicators),
            )
            command = DeleteProject(project.key)

        def answered(answer: str | None) -> None:
            if answer == "yes":
                self.execute(command)
                self.project_tree.focus()

        self.app.push_screen(confirm(t("ui.confirm.delete_title"), question, t("ui.delete")), answered)

    def action_move_node(self, delta: int) -> None:
        from goaltui.model.commands import MoveProject, MoveUnit, find_project, find_unit

        ref = self.project_tree.current_ref()
        document = self.goal.document
        if ref is None or ref[0] == "doc":
            return
        if ref[0] == "unit":
            index, unit = find_unit(document, ref[1])
            if 0 <= index + delta < len(document.units):
                self.execute(MoveUnit(unit.key, index + delta))
                self.project_tree.move_to(ref)
            return
        unit, index, project = find_project(document, ref[1])
        unit_index = find_unit(document, unit.key)[0]
        if 0 <= index + delta < len(unit.projects):
            command = MoveProject(project.key, unit.key, index + delta)
        elif delta < 0 and unit_index > 0:
            previous = document.units[unit_index - 1]
            command = MoveProject(project.key, previous.key, len(previous.projects))
        elif delta > 0 and unit_index + 1 < len(document.units):
            command = MoveProject(project.key, document.units[unit_index + 1].key, 0)
        else:
            return
        self.execute(command)
        self.project_tree.move_to(ref)

    # --- document header --------------------------------------------------------------------------------

    def action_header(self) -> None:
        from goaltui.model.commands import Batch, SetDocumentField, SetSignature
        from goaltui.ui.screens.header import HeaderScreen

        def done(values: dict[str, Any] | None) -> None:
            if not values:
                return
            commands: list[Command] = []
            for field, value in values.items():
                if field.startswith("signatures."):
                    commands.append(SetSignature(field.removeprefix("signatures."), value))
                else:
                    commands.append(SetDocumentField(field, value))
            self.execute(Batch(commands, kind="set_header"))
            self.project_tree.refresh_counts(self.goal.document, *self._tree_counts())

        self.app.push_screen(HeaderScreen(self.goal.document), done)

    # --- progress (export, load) -----------------------------------------------------------------------------

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
