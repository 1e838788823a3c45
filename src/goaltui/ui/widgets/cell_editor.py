"""The in-place editor: a one-line Input laid over the cell being edited.

It holds the draft; the screen's edit controller (:class:`goaltui.session.CellEdit`)
decides what happens to it. Every change of its text is reported at once
(:meth:`watch_value`), and its keys end the edit through the controller, so
nothing typed is ever lost between the widget and the document.

Its caret is the terminal cursor (``App.cursor_position``), so an input
method's candidate window appears on the cell.
"""

from __future__ import annotations

from typing import ClassVar, Protocol

from textual.binding import BindingType
from textual.geometry import Region
from textual.widgets import Input

from goaltui.session.edit import EditEnd
from goaltui.ui.actions import Where, bindings


class EditorOwner(Protocol):
    """What the editor reports to (the screen's edit glue)."""

    def editor_text_changed(self, text: str) -> None: ...

    def editor_finish(self, end: EditEnd) -> None: ...

    def editor_undo(self) -> None: ...

    def editor_redo(self) -> None: ...

    def editor_blurred(self) -> None: ...


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

    BINDINGS: ClassVar[list[BindingType]] = bindings(Where.EDITOR)

    def __init__(self, owner: EditorOwner, *, id: str | None = None) -> None:
        super().__init__(id=id, select_on_focus=False)
        self.owner = owner
        self.active = False

    def open(self, text: str, region: Region, *, screen_width: int) -> None:
        """Show the editor over *region* holding *text*, and take the focus (at once: the next key is for it)."""
        self.place(region, screen_width=screen_width)
        self.active = True
        self.value = text
        self.visible = True
        self.cursor_position = len(text)
        self.screen.set_focus(self)
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

    def type_text(self, text: str) -> None:
        """Insert typed (or pasted) *text* at the caret, over the selection if there is one."""
        self._restart_blink()
        selection = self.selection
        if selection.is_empty:
            self.insert_text_at_cursor(text)
        else:
            self.replace(text, *selection)

    def set_bad(self, bad: bool) -> None:
        self.set_class(bad, "-bad")

    def watch_value(self, value: str) -> None:
        if self.active:
            self.owner.editor_text_changed(value)

    def action_finish(self, how: str) -> None:
        self.owner.editor_finish(EditEnd(how))

    def action_undo(self) -> None:
        self.owner.editor_undo()

    def action_redo(self) -> None:
        self.owner.editor_redo()

    def on_blur(self) -> None:
        # Focus went elsewhere (a click): keep what was typed, like a spreadsheet.
        if self.active:
            self.owner.editor_blurred()

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
