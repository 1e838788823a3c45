"""F1: every key of the editor."""

from __future__ import annotations

from typing import ClassVar, Final

from rich.cells import cell_len
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


def help_text() -> Text:
    rows = [(t(keys) if keys.startswith("ui.") else keys, t(desc)) for _s, items in KEYS for keys, desc in items]
    width = max(cell_len(keys) for keys, _d in rows) + 2
    text = Text()
    for section, items in KEYS:
        if text:
            text.append("\n")
        text.append(t(section) + "\n", style="bold underline")
        for keys, desc in items:
            shown = t(keys) if keys.startswith("ui.") else keys
            text.append("  " + shown + " " * (width - cell_len(shown)), style="bold cyan")
            text.append(t(desc) + "\n")
    return text


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
            yield Static(help_text(), markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(VerticalScroll).focus()
