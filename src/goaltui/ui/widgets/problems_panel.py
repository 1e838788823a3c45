"""Every problem in the document as a worklist (errors, warnings, notes, each in document order;
f narrows it to one severity); Enter jumps to its cell."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING, ClassVar, cast

from rich.text import Text
from textual.binding import BindingType
from textual.message import Message
from textual.widgets import DataTable
from textual.widgets.data_table import ColumnKey, RowKey

from goaltui.i18n import CATALOG, t
from goaltui.safe_text import display_rich
from goaltui.session.problems import Counts
from goaltui.session.worklist import Only, ProblemId, worklist
from goaltui.ui.actions import Where, bindings
from goaltui.ui.widgets.severity import SeverityStyles

if TYPE_CHECKING:
    from goaltui.rules import Problem


def location_text(problem: Problem, name_width: int | None = 13) -> Text:
    """Where a problem is: the project (or unit), the row and the field, as plain text.

    The name is cut to *name_width* cells (room for "第9行 指标描述" in the 28-cell column).
    """
    text = Text(no_wrap=True, overflow="ellipsis")
    name = problem.project or problem.unit
    if name:
        shown = display_rich(name)
        if name_width is not None:
            shown.truncate(name_width, overflow="ellipsis")
        text.append_text(shown)
    parts: list[str] = []
    if problem.row is not None:
        parts.append(t("ui.problems.row", row=problem.row))
    if problem.field:
        key = f"field.{problem.field}"
        parts.append(t(key) if key in CATALOG else str(problem.field))
    if parts:
        text.append((" " if name else "") + " ".join(parts), style="dim")
    if not text.plain:
        text.append(t("ui.problems.document"))
    return text


class ProblemsPanel(SeverityStyles, DataTable[Text]):
    DEFAULT_CSS = """
    ProblemsPanel {
        height: 9;
        display: none;
        border-top: solid $error 60%;
        border-title-align: left;
    }
    ProblemsPanel.-visible {
        display: block;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = bindings(Where.PROBLEMS)

    class Jump(Message):
        """Enter on a problem: go to where it points."""

        def __init__(self, problem: Problem) -> None:
            super().__init__()
            self.problem = problem

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.version: tuple[int, str] = (-1, "")
        self.problems: list[Problem] = []
        self._keys: list[RowKey] = []
        """The row of each problem in :attr:`problems` (the same order)."""

    def on_mount(self) -> None:
        if not self.columns:
            self._add_columns()

    def _add_columns(self) -> None:
        self.add_column(Text(t("ui.problems.severity"), style="bold"), key="severity", width=4)
        self.add_column(Text(t("ui.problems.where"), style="bold"), key="where", width=28)
        self.add_column(Text(t("ui.problems.message"), style="bold"), key="message")

    def show(
        self,
        problems: Sequence[Problem],
        version: int,
        only: Only = Only.ALL,
        *,
        counts: Counts | None = None,
        changed: Collection[int] | None = None,
    ) -> None:
        """List *problems* (in document order) as the worklist orders them, narrowed to *only*.

        *counts* are the problems' counts when known (else they are counted here). With
        *changed* (the projects whose problems changed since the list was last shown, one
        change ago), only those projects' rows are redrawn: their rows are rewritten in
        place, and when a project has more or fewer problems than before, rows are added
        or taken away and the rows put in order again (no row is built anew for the
        projects that did not change).
        """
        if (version, only.value) == self.version:
            return
        shown = self.version
        self.version = (version, only.value)
        if not self.columns:  # shown before its first mount event
            self._add_columns()
        current = self.current
        row = self.cursor_row
        ordered = worklist(list(problems), only)
        if changed is not None and shown == (version - 1, only.value) and len(self._keys) == len(self.problems):
            self._update(ordered, frozenset(changed))
        else:
            self._rebuild(ordered)
        if counts is None:
            counts = Counts.of(list(problems))
        self.border_title = t(
            "ui.problems.worklist_title",
            n=len(self.problems),
            errors=counts.errors,
            warnings=counts.warnings,
            infos=counts.infos,
            only=t(f"ui.problems.only.{only.value}"),
        )
        if not self.row_count:
            return
        if current is not None and 0 <= row < len(self.problems) and self.problems[row] is current:
            return  # (the cursor's problem is where it was)
        if current is None or not self.select(current):
            self.move_cursor(row=min(row, self.row_count - 1), animate=False)

    def _cells(self, problem: Problem) -> tuple[Text, Text, Text]:
        severity = Text(t(f"ui.hint.{problem.severity.value}"), style=self.problem_style(problem))
        return severity, location_text(problem), display_rich(problem.message)

    def _rebuild(self, ordered: list[Problem]) -> None:
        self.clear()
        self.problems = ordered
        self._keys = [self.add_row(*self._cells(problem)) for problem in ordered]

    def _update(self, ordered: list[Problem], changed: frozenset[int]) -> None:
        """Redraw the rows of the *changed* projects' problems only (see :meth:`show`)."""
        old_keys: list[RowKey] = []
        key_of: dict[int, RowKey] = {}
        for key, problem in zip(self._keys, self.problems, strict=True):
            if problem.project_key in changed:
                old_keys.append(key)
            else:
                key_of[id(problem)] = key  # (the same problem objects: their projects were not revalidated)
        fresh = [problem for problem in ordered if problem.project_key in changed]
        columns = [column.key for column in self.ordered_columns]
        message = self.columns.get(ColumnKey("message"))
        room = message.content_width if message is not None else 0
        for key, problem in zip(old_keys, fresh, strict=False):
            cells = self._cells(problem)
            if cells[2].cell_len <= room:
                # In place, the column's width kept (asking DataTable to recompute it measures
                # every cell of the column: ~0.3 s with 8,000 problems).
                for column, cell in zip(columns, cells, strict=True):
                    self.update_cell(key, column, cell)
                key_of[id(problem)] = key
            else:  # wider than the column: a new row, which widens it as any new row does
                self.remove_row(key)
                key_of[id(problem)] = self.add_row(*cells)
        for problem in fresh[len(old_keys) :]:
            key_of[id(problem)] = self.add_row(*self._cells(problem))
        for key in old_keys[len(fresh) :]:
            self.remove_row(key)
        keys = [key_of.get(id(problem)) for problem in ordered]
        if None in keys or len(keys) != self.row_count:  # (not the problems shown before: start afresh)
            self._rebuild(ordered)
            return
        rows = cast("list[RowKey]", keys)
        if rows != self._keys:  # a project has more or fewer problems: rows after it move
            rank = {id(self.get_cell(key, "severity")): index for index, key in enumerate(rows)}
            self.sort("severity", key=lambda cell: rank[id(cell)])
        self.problems, self._keys = ordered, rows

    def select(self, problem: Problem) -> bool:
        """Put the cursor on *problem* (found by what it is: the list is made anew after each check);
        False when it is not in the list (any more)."""
        wanted = ProblemId.of(problem)
        index = next((i for i, p in enumerate(self.problems) if ProblemId.of(p) == wanted), None)
        if index is None:
            return False
        self.move_cursor(row=index, animate=False)
        return True

    def action_cycle_filter(self) -> None:
        cycle = getattr(self.screen, "action_cycle_filter", None)
        if callable(cycle):
            cycle()

    def action_first_problem(self) -> None:
        if self.row_count:
            self.move_cursor(row=0, animate=False)
        self.scroll_to(x=0, animate=False)

    def action_last_problem(self) -> None:
        if self.row_count:
            self.move_cursor(row=self.row_count - 1, animate=False)
        self.scroll_to(x=0, animate=False)

    @property
    def current(self) -> Problem | None:
        """The problem under the cursor."""
        if self.row_count and 0 <= self.cursor_row < len(self.problems):
            return self.problems[self.cursor_row]
        return None

    def action_jump(self) -> None:
        problem = self.current
        if problem is not None:
            self.post_message(self.Jump(problem))
