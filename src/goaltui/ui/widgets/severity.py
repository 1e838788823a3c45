"""Severity colours: component classes that the stylesheet colours with theme variables.

A widget that shows problems mixes in :class:`SeverityStyles`, declares
``COMPONENT_CLASSES = {*SEVERITY_CLASSES}`` and asks for the style of a
severity; ``styles/app.tcss`` says what each looks like (``$text-error``,
``$text-warning``…), so a theme reaches every problem and no colour is written
in Python.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from rich.style import Style

if TYPE_CHECKING:
    from goaltui.rules import Problem, Severity

SEVERITY_CLASSES: Final = frozenset(
    {"severity--error", "severity--warning", "severity--info", "severity--ok", "note--fix", "note--reading"}
)
"""``severity--ok`` is for what passed a check (a 合计 equal to its sources, zero errors);
``note--fix`` for an offered fix, ``note--reading`` for how a 指标值 was read."""


class SeverityStyles:
    """Mixed into a widget (before its Textual base class) that colours problems by severity."""

    if TYPE_CHECKING:

        def get_component_rich_style(
            self, *names: str, partial: bool = False, default: Style | None = None
        ) -> Style: ...

    def severity_style(self, severity: Severity | str) -> Style:
        """The style of a severity (``"ok"`` for a passed check)."""
        name = severity if isinstance(severity, str) else severity.value
        return self.get_component_rich_style(f"severity--{name}", partial=True)

    def problem_style(self, problem: Problem) -> Style:
        return self.severity_style(problem.severity)

    def note_style(self, name: str) -> Style:
        return self.get_component_rich_style(f"note--{name}", partial=True)
