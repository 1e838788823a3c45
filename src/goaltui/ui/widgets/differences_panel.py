"""The differences from the version compared with, one per line; Enter goes to the place.

Like the problems list: each change once, in the order of the document (the
header, the units with their projects and rows, the footer, then the problems
fixed and introduced), with where it is and what changed (the words of
``goaltui diff``). Text from either file is shown through
:mod:`goaltui.safe_text`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.binding import BindingType
from textual.message import Message
from textual.widgets import DataTable

from goaltui.i18n import t
from goaltui.safe_text import display_text
from goaltui.ui.actions import Where, bindings
from goaltui.ui.widgets.compare_marks import ADDED, CHANGED, CompareStyles

if TYPE_CHECKING:
    from goaltui.review.diff import Change

WHERE_WIDTH = 28
"""Cells for where a change is (as the problems list); the hint line shows it whole."""


def change_texts(change: Change) -> tuple[str, str]:
    """(where, what) of *change*, on one line each, safe for the terminal."""
    from goaltui.review.diff_output import change_heading, describe_change

    return change_heading(change, display_text), describe_change(change, display_text)


class DifferencesPanel(CompareStyles, DataTable[Text]):
    DEFAULT_CSS = """
    DifferencesPanel {
        height: 9;
        display: none;
        border-top: solid $warning 60%;
        border-title-align: left;
    }
    DifferencesPanel.-visible {
        display: block;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = bindings(Where.DIFFERENCES)

    class Jump(Message):
        """Enter on a change: go to where it is."""

        def __init__(self, change: Change) -> None:
            super().__init__()
            self.change = change

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.changes: list[Change] = []
        self._generation = -1

    def on_mount(self) -> None:
        if not self.columns:
            self._add_columns()

    def _add_columns(self) -> None:
        self.add_column(Text(""), key="sign", width=1)
        self.add_column(Text(t("ui.compare.where"), style="bold"), key="where", width=WHERE_WIDTH)
        self.add_column(Text(t("ui.compare.what"), style="bold"), key="what")

    def show(self, changes: Sequence[Change], other_name: str, generation: int, *, updating: bool = False) -> None:
        """List *changes* (from the version *other_name*; *generation* names the comparison they come from);
        *updating*: a newer comparison is being worked out."""
        if not self.columns:  # shown before its first mount event
            self._add_columns()
        title = t("ui.compare.title", file=display_text(other_name), n=len(changes))
        if updating:
            title += t("ui.compare.updating")
        self.border_title = Text(title)
        if generation == self._generation:
            return
        self._generation = generation
        current = self.current
        self.changes = list(changes)
        row = self.cursor_row
        self.clear()
        for change in self.changes:
            where, what = change_texts(change)
            self.add_row(self._sign(change), Text(where, no_wrap=True, overflow="ellipsis"), Text(what))
        if current in self.changes:
            row = self.changes.index(current)
        if self.row_count:
            self.move_cursor(row=min(row, self.row_count - 1), animate=False)

    def _sign(self, change: Change) -> Text:
        kind = change.kind.value
        if kind == "problem_fixed":
            return Text("✓")
        if kind == "problem_introduced":
            return Text("!", style="bold")
        if kind.endswith("_added"):
            return self.marked(Text("+", style="bold"), ADDED)
        if kind.endswith("_removed"):
            return self.marked(Text("-", style="bold"), CHANGED)
        return self.marked(Text("~", style="bold"), CHANGED)

    @property
    def current(self) -> Change | None:
        """The change under the cursor."""
        if self.row_count and 0 <= self.cursor_row < len(self.changes):
            return self.changes[self.cursor_row]
        return None

    def action_jump(self) -> None:
        change = self.current
        if change is not None:
            self.post_message(self.Jump(change))

    def action_first_change(self) -> None:
        if self.row_count:
            self.move_cursor(row=0, animate=False)
        self.scroll_to(x=0, animate=False)

    def action_last_change(self) -> None:
        if self.row_count:
            self.move_cursor(row=self.row_count - 1, animate=False)
        self.scroll_to(x=0, animate=False)
