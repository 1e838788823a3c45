"""Messages the widgets send to the main screen."""

from __future__ import annotations

from textual.message import Message


class EditRequested(Message):
    """The user asked to edit the current cell or field.

    ``initial`` is the character that started editing by typing (replacing
    the old text), or ``None`` for Enter/F2 (edit the old text).
    """

    def __init__(self, source: str, initial: str | None = None) -> None:
        super().__init__()
        self.source = source
        self.initial = initial


class EditorClosed(Message):
    """The in-place editor was committed (``value`` set) or cancelled (``None``)."""

    def __init__(self, value: str | None, move: int = 0, *, blur: bool = False, row_move: int = 0) -> None:
        super().__init__()
        self.value = value
        self.move = move
        """Then move this many cells right (Tab) or left (Shift+Tab)."""
        self.row_move = row_move
        """Then move this many rows down (↓) or up (↑), as in a spreadsheet."""
        self.blur = blur
        """The editor lost the focus (commit if possible, never keep it open)."""


class EditorChanged(Message):
    """The text in the in-place editor changed (for validation as you type)."""

    def __init__(self, value: str) -> None:
        super().__init__()
        self.value = value


class JumpToProblem(Message):
    """Enter on a problem in the problems panel."""

    def __init__(self, index: int) -> None:
        super().__init__()
        self.index = index


class PanelCursorMoved(Message):
    """The project panel's field cursor moved."""
