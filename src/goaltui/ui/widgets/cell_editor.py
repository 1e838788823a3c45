"""The in-place editor: a one-line Input laid over the cell being edited.

Its caret is the terminal cursor (``App.cursor_position``), so an input
method's candidate window appears on the cell.
"""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.geometry import Region
from textual.widgets import Input

from goaltui.i18n import t
from goaltui.ui.messages import EditorChanged, EditorClosed


class CellEditor(Input):
    DEFAULT_CSS = """
    CellEditor {
        position: absolute;
        layer: overlay;
        visibility: hidden;
        height: 1;
        width: 1;
        border: none;
        padding: 0 0;
        background: $accent 35%;
        color: $text;
    }
    CellEditor:focus {
        border: none;
        background-tint: transparent;
    }
    CellEditor.-bad {
        background: $error 45%;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,ctrl+g", "cancel", t("ui.key.cancel")),
        Binding("enter", "commit(0)", t("ui.key.commit")),
        Binding("tab", "commit(1)", t("ui.key.commit_next"), show=False),
        Binding("shift+tab", "commit(-1)", show=False),
        Binding("down", "commit_row(1)", show=False),
        Binding("up", "commit_row(-1)", show=False),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, select_on_focus=False)
        self.active = False

    def open(self, text: str, region: Region, *, screen_width: int) -> None:
        self.place(region, screen_width=screen_width)
        self.active = True
        self.value = text
        self.visible = True
        self.cursor_position = len(text)
        self.focus()
        self.call_after_refresh(self._place_terminal_cursor)

    def place(self, region: Region, *, screen_width: int) -> None:
        """Lay the editor over *region* (the cell), at least 30 cells wide when there is room."""
        width = max(region.width, min(30, screen_width - region.x))
        x = max(0, min(region.x, screen_width - width))
        self.styles.offset = (x, region.y)
        self.styles.width = width
        if self.active:
            self.call_after_refresh(self._place_terminal_cursor)

    def _place_terminal_cursor(self) -> None:
        if self.active and self.has_focus:
            self.app.cursor_position = self.cursor_screen_offset

    def close(self) -> None:
        self.active = False
        self.visible = False
        self.remove_class("-bad")

    def set_bad(self, bad: bool) -> None:
        self.set_class(bad, "-bad")

    def action_cancel(self) -> None:
        self.post_message(EditorClosed(None))

    def action_commit(self, move: int) -> None:
        self.post_message(EditorClosed(self.value, move))

    def action_commit_row(self, delta: int) -> None:
        """↓/↑ keep the text and move to the cell below/above (as in Excel)."""
        self.post_message(EditorClosed(self.value, row_move=delta))

    def on_blur(self) -> None:
        # Focus went elsewhere (a click): keep what was typed, like a spreadsheet.
        if self.active:
            self.post_message(EditorClosed(self.value, blur=True))

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        if self.active:
            self.post_message(EditorChanged(event.value))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
