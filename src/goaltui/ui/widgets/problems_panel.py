"""Every problem in the document; Enter jumps to its cell."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.binding import BindingType
from textual.message import Message
from textual.widgets import DataTable

from goaltui.i18n import CATALOG, t
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
        shown = Text(name)
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
        self.version = -1
        self.problems: list[Problem] = []

    def on_mount(self) -> None:
        if not self.columns:
            self._add_columns()

    def _add_columns(self) -> None:
        self.add_column(Text(t("ui.problems.severity"), style="bold"), key="severity", width=4)
        self.add_column(Text(t("ui.problems.where"), style="bold"), key="where", width=28)
        self.add_column(Text(t("ui.problems.message"), style="bold"), key="message")

    def show(self, problems: Sequence[Problem], version: int) -> None:
        if version == self.version:
            return
        self.version = version
        if not self.columns:  # shown before its first mount event
            self._add_columns()
        self.problems = list(problems)
        row = self.cursor_row
        self.clear()
        for problem in self.problems:
            severity = Text(t(f"ui.hint.{problem.severity.value}"), style=self.problem_style(problem))
            self.add_row(severity, location_text(problem), Text(problem.message))
        self.border_title = t("ui.problems.title", n=len(self.problems))
        if self.row_count:
            self.move_cursor(row=min(row, self.row_count - 1), animate=False)

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
