"""Typing on a cell starts editing it, without losing characters in a burst.

An input method commits a word as several key events at once (``测试中文`` is
four keys in one write), and a fast typist or a paste over SSH does the same.
All of them reach the focused widget before the cell editor has taken the
focus. If each key started its own edit, only the last character would
survive. So the first key requests an edit and the following ones are kept
until the screen opens the editor and takes them (:meth:`take_typed`); keys
that still arrive after the editor opened are passed on to it.
"""

from __future__ import annotations

import time

from textual.css.query import NoMatches
from textual.widget import Widget

from goaltui.ui.messages import EditRequested

_STALE_AFTER = 1.0
"""Seconds after which an edit request that was never taken up is dropped."""


class TypeAhead:
    """Type-to-edit for one widget (the grid, the project panel)."""

    def __init__(self, widget: Widget, source: str) -> None:
        self._widget = widget
        self._source = source
        self._typed: str | None = None
        self._requested_at = 0.0

    def feed(self, character: str) -> None:
        """A printable key reached the widget."""
        from goaltui.ui.widgets.cell_editor import CellEditor  # (mounted after the first frame)

        try:
            editor = self._widget.screen.query_one(CellEditor)
        except NoMatches:
            editor = None
        if editor is not None and editor.active:
            editor.insert_text_at_cursor(character)
            return
        if self._typed is not None and time.monotonic() - self._requested_at < _STALE_AFTER:
            self._typed += character
            return
        self._typed = character
        self._requested_at = time.monotonic()
        self._widget.post_message(EditRequested(self._source, initial=character))

    @property
    def pending(self) -> bool:
        """A burst is under way: an edit was requested and the editor has not opened yet, or it is open.

        Keys that mean something on their own in navigation (``u`` undoes, Space cycles
        一级指标) are letters then.
        """
        from goaltui.ui.widgets.cell_editor import CellEditor

        try:
            editor = self._widget.screen.query_one(CellEditor)
        except NoMatches:
            editor = None
        if editor is not None and editor.active:
            return True
        return self._typed is not None and time.monotonic() - self._requested_at < _STALE_AFTER

    def take(self) -> str | None:
        """The characters typed since the edit was requested (and forget them)."""
        typed, self._typed = self._typed, None
        return typed
