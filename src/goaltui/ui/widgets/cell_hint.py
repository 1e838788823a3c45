"""The lines under the grid: what the current cell holds and what is wrong with it.

Each part is its own Static and is only updated when its text changes, so a
cursor move that keeps the problem line repaints one line, not two. Both wrap
(up to three lines each) rather than cut: a long value and a long problem are
read whole here.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, cast

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.visual import visualize
from textual.widgets import Static

from goaltui.i18n import t
from goaltui.safe_text import display_rich, display_text
from goaltui.ui.actions import action_keys
from goaltui.ui.widgets.severity import SeverityStyles
from goaltui.ui.widgets.wrapped_text import WrappedText

if TYPE_CHECKING:
    from textual.css.styles import RulesMap

    from goaltui.rules import Problem


def fix_text(value: object) -> str:
    """The offer of a fix, with the key that applies it (from the action table); the value as
    safe text (it may come from a cell)."""
    return t("ui.hint.fix", key=action_keys("apply_fix"), value=display_text(str(value)))


class HintLine(Static):
    """One line of the hint (wrapping to at most three)."""

    DEFAULT_CSS = """
    HintLine {
        height: auto;
        max-height: 3;
        text-overflow: ellipsis;
    }
    """

    def __init__(self) -> None:
        super().__init__("", markup=False)
        self._key: tuple[str, tuple[object, ...]] = ("", ())
        self.text = Text()
        """What the line shows (before wrapping)."""
        self._padded = False
        """Blank lines keep the line's earlier height (see :meth:`set`)."""

    def set(self, text: Text, *, keep_height: bool = False) -> None:
        """Show *text*; with *keep_height*, a text of fewer lines keeps the line's height (blank
        lines below it) so that the screen is not laid out again."""
        key = (text.plain, tuple(text.spans))
        if key == self._key and (keep_height or not self._padded):
            return
        self._key = key
        self.text = text
        width, height = self.size
        # A layout of the screen only when the line's height changes (it wraps to up to three
        # lines): a layout also repaints every scroll bar (the tree's, 35 lines, on a large table).
        styles = cast("RulesMap", self.styles)  # (what Widget.get_content_height passes)
        wrapped = WrappedText(text)  # (breaks where Chinese text may break, not inside "Excel" or before "，")
        lines = min(visualize(self, wrapped, markup=False).get_height(styles, width), 3) if width else 0
        self._padded = keep_height and 0 < lines < height
        if self._padded:
            wrapped = WrappedText(text + Text("\n" * (height - lines)))
            lines = height
        self.update(wrapped, layout=not (width and lines == height))


def one_line(text: str) -> Text:
    """A cell's text on one line: line breaks as `` ⏎ ``, control, bidi and invisible characters as marks."""
    return Text(" ⏎ ").join(display_rich(line) for line in text.split("\n"))


class CellHint(SeverityStyles, Vertical):
    DEFAULT_CSS = """
    CellHint {
        height: auto;
        min-height: 2;
        background: $panel;
        padding: 0 1;
    }
    """

    _label = ""
    """The label of the place the hint is about (see :meth:`show`)."""

    def compose(self) -> ComposeResult:
        yield HintLine()
        yield HintLine()

    def reading(self, text: str, reading: str | None) -> Text:
        """*text* with how it was read (a 指标值), or as one line (``⏎`` for a line break)."""
        shown = one_line(text)
        if reading is not None:
            shown.append("  " + t("ui.hint.reading") + " ", style="dim")
            shown.append(display_text(reading), style=self.note_style("reading"))
        return shown

    def show(self, label: str, content: Text | str, problems: Sequence[Problem] = (), note: Text | None = None) -> None:
        """Line 1: field label and content (or the parsed reading). Line 2: problems or *note*."""
        first = Text(overflow="ellipsis")
        first.append(label, style="bold")
        shown = content if isinstance(content, Text) else one_line(content)
        if shown.plain:
            first.append(" │ ", style="dim")
            first.append_text(shown)
        second = Text(overflow="ellipsis")
        if note is not None:
            second.append_text(note)
        for index, problem in enumerate(problems):
            if index:
                second.append("  ")
            style = self.problem_style(problem)
            second.append(t(f"ui.hint.{problem.severity.value}") + " ", style=style)
            second.append(display_text(problem.message), style=style)
            hint = problem.hint
            if hint and len(problems) == 1:
                second.append(" — " + display_text(hint), style="dim")
            if problem.fix is not None:
                second.append(" " + fix_text(problem.fix.value), style=self.note_style("fix"))
        # While the hint is about the same place (an edit, its undo and redo in one cell), its
        # lines do not shrink: the grid above keeps its height and nothing is laid out again.
        keep_height = label == self._label
        self._label = label
        lines = list(self.query(HintLine))
        if len(lines) == 2:
            lines[0].set(first, keep_height=keep_height)
            lines[1].set(second, keep_height=keep_height)

    def show_problem(self, problem: Problem, where: Text) -> None:
        """Line 1: the whole message of a problem in the list; line 2: where it is, the hint, the fix."""
        note = Text(where.plain)
        if problem.hint:
            note.append(" — " + display_text(problem.hint), style="dim")
        if problem.fix is not None:
            note.append(" " + fix_text(problem.fix.value), style=self.note_style("fix"))
        label = t(f"ui.hint.{problem.severity.value}")
        message = display_rich(problem.message)
        message.style = self.problem_style(problem)
        self.show(label, message, (), note)

    def show_refused(self, label: str, text: str, reason: str) -> None:
        """The editor holds *text*, which the field cannot store: say why."""
        reason_text = Text(display_text(reason), style=self.severity_style("error") + Style(bold=True))
        self.show(label, one_line(text), (), reason_text)
