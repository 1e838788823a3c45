"""The one-line text field that never sends a cell's control, bidi or invisible characters to the
terminal (the multi-line one: :mod:`goaltui.ui.widgets.safe_text_area`).

Textual's ``Input`` draws its value as it is: an ``ESC ] 52`` in a unit name
being renamed would reach the terminal. This one draws each such character as
one visible mark one cell wide (``␛``, ``␊``, ``␦``; see
:func:`goaltui.safe_text.editable_text`) while the value itself stays what it
is, so the user sees it and can delete it; the caret and clicks are measured on
what is drawn.
"""

from __future__ import annotations

from rich.cells import get_character_cell_size
from rich.text import Text
from textual._cells import cell_len
from textual.expand_tabs import expand_tabs_inline
from textual.widgets import Input

from goaltui.safe_text import editable_text


class SafeInput(Input):
    """``Input`` drawing unsafe characters of its value as one-cell marks."""

    @property
    def _value(self) -> Text:
        if self.password:
            return super()._value
        text = Text(editable_text(self.value), no_wrap=True, overflow="ignore", end="")
        if self.highlighter is not None:
            text = self.highlighter(text)
        return text

    def _position_to_cell(self, position: int) -> int:
        return cell_len(expand_tabs_inline(editable_text(self.value[:position]), 4))

    def _cell_offset_to_index(self, offset: int) -> int:
        shown = editable_text(self.value)
        scroll_x, _ = self.scroll_offset
        offset += scroll_x
        cell_offset = 0
        for index, char in enumerate(shown):
            width = get_character_cell_size(char)
            if cell_offset <= offset < cell_offset + width:
                return index
            cell_offset += width
        return max(0, min(offset, len(shown)))

