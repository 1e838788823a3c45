"""Every problem in the document; Enter jumps to its cell."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import DataTable

from goaltui.i18n import CATALOG, t
from goaltui.ui.checker import severity_name, severity_style
from goaltui.ui.messages import JumpToProblem

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


def severity_label(problem: Problem) -> Text:
    return Text(t(f"ui.hint.{severity_name(problem)}"), style=severity_style(problem))


class ProblemsPanel(DataTable[Text]):
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

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "jump", t("ui.key.jump")),
        Binding("ctrl+f", "screen.apply_fix", t("ui.key.apply_fix")),
        Binding("escape", "screen.toggle_problems", t("ui.key.close"), show=False),
        # DataTable scrolls sideways on Home/End in row mode (and hides the first columns).
        Binding("home,ctrl+home", "first_problem", show=False),
        Binding("end,ctrl+end", "last_problem", show=False),
    ]

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
            self.add_row(severity_label(problem), location_text(problem), Text(problem.message))
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

    def action_jump(self) -> None:
        if self.row_count:
            self.post_message(JumpToProblem(self.cursor_row))
