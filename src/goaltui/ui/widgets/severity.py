"""Severity colours: component classes that the stylesheet colours with theme variables.

The main screen owns the palette (``COMPONENT_CLASSES = SEVERITY_CLASSES``);
``styles/app.tcss`` says what each class looks like (``$text-error``,
``$text-warning``…), so a theme reaches every problem and no colour is written in
Python. A widget that shows problems mixes in :class:`SeverityStyles` and asks
its screen for the style of a severity. (One owner rather than one per widget:
each component class is a node that Textual styles when the widget mounts, and
six widgets with a palette each cost the first frame about 10 ms.)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from rich.style import Style
from textual.dom import NoScreen

if TYPE_CHECKING:
    from textual.screen import Screen

    from goaltui.rules import Problem, Severity

SEVERITY_CLASSES: Final = frozenset(
    {
        "severity--error",
        "severity--warning",
        "severity--info",
        "severity--ok",
        "note--fix",
        "note--reading",
        "status--modified",
    }
)
"""``severity--ok`` is for what passed a check (a 合计 equal to its sources, zero errors);
``note--fix`` for an offered fix, ``note--reading`` for how a 指标值 was read,
``status--modified`` for the unsaved mark."""

_NO_STYLE: Final = Style()


class SeverityStyles:
    """Mixed into a widget (before its Textual base class) that colours problems by severity."""

    if TYPE_CHECKING:

        @property
        def screen(self) -> Screen[object]: ...

    def palette_style(self, name: str) -> Style:
        """The style of the component class *name* of the screen's palette (plain until it is styled)."""
        try:
            screen = self.screen
        except NoScreen:
            return _NO_STYLE
        return screen.get_component_rich_style(name, partial=True, default=_NO_STYLE)

    def severity_style(self, severity: Severity | str) -> Style:
        """The style of a severity (``"ok"`` for a passed check)."""
        name = severity if isinstance(severity, str) else severity.value
        return self.palette_style(f"severity--{name}")

    def problem_style(self, problem: Problem) -> Style:
        return self.severity_style(problem.severity)

    def note_style(self, name: str) -> Style:
        return self.palette_style(f"note--{name}")
