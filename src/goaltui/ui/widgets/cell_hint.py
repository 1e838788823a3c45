"""The two lines under the grid: what the current cell holds and what is wrong with it.

Each line is its own Static and is only updated when its text changes, so a
cursor move that keeps the problem line repaints one line, not two.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from goaltui.i18n import t
from goaltui.ui.widgets.severity import SeverityStyles

if TYPE_CHECKING:
    from goaltui.rules import Problem


class _HintLine(Static):
    DEFAULT_CSS = """
    _HintLine {
        height: 1;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    def __init__(self) -> None:
        super().__init__("", markup=False)
        self._key: tuple[str, tuple[object, ...]] = ("", ())

    def set(self, text: Text) -> None:
        key = (text.plain, tuple(text.spans))
        if key != self._key:
            self._key = key
            self.update(text)


class CellHint(SeverityStyles, Vertical):
    DEFAULT_CSS = """
    CellHint {
        height: 2;
        background: $panel;
        padding: 0 1;
    }
    """

    def compose(self) -> ComposeResult:
        yield _HintLine()
        yield _HintLine()

    def reading(self, text: str, reading: str | None) -> Text:
        """*text* with how it was read (a 指标值), or as one line (``⏎`` for a line break)."""
        shown = Text(text.replace("\n", " ⏎ "))
        if reading is not None:
            shown.append("  " + t("ui.hint.reading") + " ", style="dim")
            shown.append(reading, style=self.note_style("reading"))
        return shown

    def show(self, label: str, content: Text | str, problems: Sequence[Problem] = (), note: Text | None = None) -> None:
        """Line 1: field label and content (or the parsed reading). Line 2: problems or *note*."""
        first = Text(no_wrap=True, overflow="ellipsis")
        first.append(label, style="bold")
        shown = content if isinstance(content, Text) else Text(content.replace("\n", " ⏎ "))
        if shown.plain:
            first.append(" │ ", style="dim")
            first.append_text(shown)
        second = Text(no_wrap=True, overflow="ellipsis")
        if note is not None:
            second.append_text(note)
        for index, problem in enumerate(problems):
            if index:
                second.append("  ")
            style = self.problem_style(problem)
            second.append(t(f"ui.hint.{problem.severity.value}") + " ", style=style)
            second.append(problem.message, style=style)
            hint = problem.hint
            if hint and len(problems) == 1:
                second.append(" — " + hint, style="dim")
            if problem.fix is not None:
                second.append(" " + t("ui.hint.fix", value=problem.fix.value), style=self.note_style("fix"))
        lines = list(self.query(_HintLine))
        if len(lines) == 2:
            lines[0].set(first)
            lines[1].set(second)

    def show_problem(self, problem: Problem, where: Text) -> None:
        """Line 1: the whole message of a problem in the list; line 2: where it is, the hint, the fix."""
        note = Text(where.plain)
        if problem.hint:
            note.append(" — " + problem.hint, style="dim")
        if problem.fix is not None:
            note.append(" " + t("ui.hint.fix", value=problem.fix.value), style=self.note_style("fix"))
        label = t(f"ui.hint.{problem.severity.value}")
        self.show(label, Text(problem.message, style=self.problem_style(problem)), (), note)

    def show_refused(self, label: str, text: str, reason: str) -> None:
        """The editor holds *text*, which the field cannot store: say why."""
        self.show(label, Text(text), (), Text(reason, style=self.severity_style("error") + Style(bold=True)))
