"""The find bar: one line above the status line, shown while a search is active.

Ctrl+F (or /) opens it with the last query; Enter searches and gives the focus back to the
table, the bar staying to show the query and which match of how many the cursor is on;
Esc in it closes it (and, in the table, clears the search).
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Input, Static

from goaltui.i18n import t
from goaltui.ui.actions import Where, bindings


class FindBar(Horizontal):
    DEFAULT_CSS = """
    FindBar {
        display: none;
        height: 1;
        background: $boost;
        padding: 0 1;
    }
    FindBar > .find--label {
        width: auto;
        color: $text-accent;
        text-style: bold;
    }
    FindBar > Input {
        width: 1fr;
        height: 1;
        border: none;
        padding: 0;
        background: $boost;
    }
    FindBar > Input:focus {
        border: none;
        background: $accent 25%;
    }
    FindBar > .find--count {
        width: auto;
        padding: 0 0 0 1;
        color: $text-muted;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = bindings(Where.FIND)

    class Run(Message):
        """Enter: search for *query*."""

        def __init__(self, query: str) -> None:
            super().__init__()
            self.query = query

    class Close(Message):
        """Esc in the bar."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.input = Input(placeholder=t("ui.find.placeholder"), id="find-input", select_on_focus=False)
        self.count = Static("", classes="find--count", markup=False)

    def compose(self) -> ComposeResult:
        yield Static(Text(t("ui.find.prompt")), classes="find--label")
        yield self.input
        yield self.count

    def open(self, query: str) -> None:
        """Show the bar with *query* selected, and take the focus."""
        self.display = True
        field = self.input
        field.value = query
        self.screen.set_focus(field)  # now: the keys that follow in the same burst are for it
        field.select_all()

    def show_count(self, text: str) -> None:
        self.count.update(Text(text))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Run(event.value))

    def action_run(self) -> None:
        self.post_message(self.Run(self.input.value))

    def action_close(self) -> None:
        self.post_message(self.Close())
