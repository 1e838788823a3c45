"""F6: where to write the Markdown report, and whether to append the check result (each
project's problems, with the counts), as ``goaltui convert … --with-problems`` does."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.widgets import Checkbox, Input, Label

from goaltui.i18n import t
from goaltui.ui.actions import Where, bindings
from goaltui.ui.screens.dialogs import Dialog


class MarkdownExportPrompt(Dialog[tuple[str, bool] | None]):
    """Dismisses with (path, with problems), or None (Esc)."""

    DEFAULT_CSS = """
    MarkdownExportPrompt Checkbox { border: none; padding: 0; margin: 1 0 0 0; }
    """
    BINDINGS: ClassVar[list[BindingType]] = bindings(Where.PROMPT)

    def __init__(self, title: str, path: str, with_problems: bool) -> None:
        super().__init__(title)
        self.path = path
        self.with_problems = with_problems

    def body(self) -> ComposeResult:
        yield Input(self.path, id="export-path", select_on_focus=False)
        yield Checkbox(t("ui.export.with_problems"), self.with_problems, id="export-problems")
        yield Label(Text(t("ui.export.help"), style="dim"))

    def on_mount(self) -> None:
        field = self.query_one(Input)
        field.focus()
        field.cursor_position = len(self.path)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss((event.value, self.query_one(Checkbox).value))
