"""The multi-line text field that never sends a cell's control, bidi or invisible characters to the
terminal (see :mod:`goaltui.ui.widgets.safe_input`; a module of its own: the cell editor need not
import TextArea).

A line holding such characters may show its caret a few cells early: the TextArea lays the line out
measuring the characters, which take no room, rather than their one-cell marks.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import TextArea

from goaltui.safe_text import editable_text


class SafeTextArea(TextArea):
    """``TextArea`` drawing unsafe characters of its lines as one-cell marks."""

    def get_line(self, line_index: int) -> Text:
        return Text(editable_text(self.document.get_line(line_index)), end="", no_wrap=True)
