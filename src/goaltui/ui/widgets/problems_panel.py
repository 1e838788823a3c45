"""Every problem in the document as a worklist (errors, warnings, notes, each in document order;
f narrows it to one severity); Enter jumps to its cell."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.binding import BindingType
from textual.message import Message
from textual.widgets import DataTable

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

    def on_mount(self) -> None:
        if not self.columns:
            self._add_columns()

    def _add_columns(self) -> None:
        self.add_column(Text(t("ui.problems.severity"), style="bold"), key="severity", width=4)
        self.add_column(Text(t("ui.problems.where"), style="bold"), key="where", width=28)
        self.add_column(Text(t("ui.problems.message"), style="bold"), key="message")

    def show(self, problems: Sequence[Problem], version: int, only: Only = Only.ALL) -> None:
        """List *problems* (in document order) as the worklist orders them, narrowed to *only*."""
        if (version, only.value) == self.version:
            return
        self.version = (version, only.value)
        if not self.columns:  # shown before its first mount event
            self._add_columns()
        current = self.current
        self.problems = worklist(list(problems), only)
        row = self.cursor_row
        self.clear()
        for problem in self.problems:
            severity = Text(t(f"ui.hint.{problem.severity.value}"), style=self.problem_style(problem))
            self.add_row(severity, location_text(problem), display_rich(problem.message))
        counts = Counts.of(list(problems))
        self.border_title = t(
            "ui.problems.worklist_title",
            n=len(self.problems),
            errors=counts.errors,
            warnings=counts.warnings,
            infos=counts.infos,
            only=t(f"ui.problems.only.{only.value}"),
        )
        if self.row_count and (current is None or not self.select(current)):
            self.move_cursor(row=min(row, self.row_count - 1), animate=False)

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
