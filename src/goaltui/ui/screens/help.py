"""F1: every key of the editor."""

from __future__ import annotations

from typing import ClassVar, Final

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from goaltui.i18n import t

KEYS: Final[list[tuple[str, list[tuple[str, str]]]]] = [
    (
        "ui.help.section.move",
        [
            ("↑ ↓ ← →", "ui.help.move"),
            ("Tab / Shift+Tab", "ui.help.tab"),
            ("Home / End", "ui.help.home_end"),
            ("PgUp / PgDn", "ui.help.page"),
            ("Esc", "ui.help.to_tree"),
            ("Enter / Right", "ui.help.tree_enter"),
        ],
    ),
    (
        "ui.help.section.edit",
        [
            ("Enter / F2", "ui.help.edit"),
            ("ui.help.typing_key", "ui.help.typing"),
            ("Enter", "ui.help.commit"),
            ("Esc / Ctrl+G", "ui.help.cancel"),
            ("Space", "ui.help.cycle_level1"),
            ("Delete", "ui.help.clear"),
            ("Ctrl+F", "ui.help.apply_fix"),
            ("Ctrl+Z / u", "ui.help.undo"),
            ("Ctrl+Y / Ctrl+R", "ui.help.redo"),
        ],
    ),
    (
        "ui.help.section.rows",
        [
            ("Ctrl+N / Insert", "ui.help.insert_row"),
            ("Ctrl+K", "ui.help.delete_row"),
            ("Ctrl+D", "ui.help.duplicate_row"),
            ("Alt+↑ / Alt+↓ / Ctrl+↑ / Ctrl+↓", "ui.help.move_row"),
        ],
    ),
    (
        "ui.help.section.tree",
        [
            ("n", "ui.help.add_project"),
            ("N", "ui.help.add_unit"),
            ("F2", "ui.help.rename"),
            ("Delete / Ctrl+K", "ui.help.delete_node"),
            ("Alt+↑ / Alt+↓ / Ctrl+↑ / Ctrl+↓", "ui.help.move_node"),
        ],
    ),
    (
        "ui.help.section.file",
        [
            ("Ctrl+S", "ui.help.save"),
            ("Ctrl+O", "ui.help.save_as"),
            ("F5", "ui.help.export_xlsx"),
            ("F6", "ui.help.export_md"),
            ("F3", "ui.help.header"),
            ("F4", "ui.help.problems"),
            ("Ctrl+P", "ui.help.palette"),
            ("F1", "ui.help.help"),
            ("Ctrl+Q", "ui.help.quit"),
        ],
    ),
]


def _rows() -> list[tuple[str, list[tuple[str, str]]]]:
    return [
        (t(section), [(t(keys) if keys.startswith("ui.") else keys, t(desc)) for keys, desc in items])
        for section, items in KEYS
    ]


def help_text() -> Text:
    """Every key and what it does, as plain text (one line a key)."""
    text = Text()
    for section, items in _rows():
        if text:
            text.append("\n")
        text.append(section + "\n", style="bold underline")
        for keys, desc in items:
            text.append("  " + keys + "  ", style="bold cyan")
            text.append(desc + "\n")
    return text


KEY_COLUMN = 18
"""Cells for the keys; a longer key list wraps inside its column."""


def help_renderable() -> RenderableType:
    """The help as two columns: a description that wraps stays in its column (readable at 80×24)."""
    parts: list[RenderableType] = []
    for index, (section, items) in enumerate(_rows()):
        if index:
            parts.append(Text(""))
        parts.append(Text(section, style="bold underline"))
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold cyan", width=KEY_COLUMN, overflow="fold")
        table.add_column(ratio=1, overflow="fold")
        for keys, desc in items:
            table.add_row(Text(keys), Text(desc))
        parts.append(Padding(table, (0, 0, 0, 2)))
    return Group(*parts)


class HelpScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    HelpScreen { align: center middle; background: $background 60%; }
    HelpScreen > VerticalScroll {
        width: 76; max-width: 98%; height: 90%;
        border: round $accent; background: $surface; padding: 0 1;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,f1,q", "app.pop_screen", t("ui.key.close"))]

    def compose(self) -> ComposeResult:
        with VerticalScroll() as scroll:
            scroll.border_title = t("ui.help.title")
            yield Static(help_renderable(), markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(VerticalScroll).focus()
