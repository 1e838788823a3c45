"""F1: every key of the editor, from the action table."""

from __future__ import annotations

from typing import ClassVar, Final

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.widgets import Footer, Static

from goaltui.i18n import t
from goaltui.ui.actions import Where, bindings, help_sections
from goaltui.ui.screens.dialogs import Dialog
from goaltui.ui.widgets.wrapped_text import WrappedText

KEY_COLUMN: Final = 18
"""Cells for the keys; a longer key list wraps inside its column."""


def help_renderable() -> RenderableType:
    """The help as two columns: a description that wraps stays in its column (readable at 80×24)."""
    parts: list[RenderableType] = []
    for index, (section, items) in enumerate(help_sections()):
        if index:
            parts.append(Text(""))
        parts.append(Text(section, style="bold underline"))
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", width=KEY_COLUMN)
        table.add_column(ratio=1)
        for keys, description in items:
            table.add_row(WrappedText(keys), WrappedText(description))
        parts.append(Padding(table, (0, 0, 0, 2)))
    return Group(*parts)


class HelpScreen(Dialog[None]):
    DEFAULT_CSS = """
    HelpScreen > VerticalScroll {
        width: 76; max-width: 98%; height: 90%;
        border: round $accent; background: $surface; padding: 0 1;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = bindings(Where.HELP)

    def __init__(self) -> None:
        super().__init__(t("ui.help.title"))

    def compose(self) -> ComposeResult:
        with VerticalScroll() as scroll:
            scroll.border_title = self.title_text
            yield Static(help_renderable(), markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(VerticalScroll).focus()
