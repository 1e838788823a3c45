"""The indicator grid: one project's rows, 一级指标 | (二级指标) | 明细指标 | 指标值 | 指标描述.

A DataTable used as a view only: the values live in the model, the grid shows
them. A committed edit updates one row in place (:meth:`set_row`) instead of
rebuilding the table, so it repaints one line, not the whole table. Keys reach
it through the screen (typing on a cell starts an edit there, in order).
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import suppress
from typing import TYPE_CHECKING, ClassVar, Self

from rich.style import Style
from rich.text import Text
from textual.binding import BindingType
from textual.coordinate import Coordinate
from textual.dom import NoScreen
from textual.events import Blur as BlurEvent
from textual.events import DescendantBlur, DescendantFocus, Resize
from textual.events import Focus as FocusEvent
from textual.geometry import Offset, Region
from textual.widget import Widget
from textual.widgets import DataTable
from textual.widgets.data_table import ColumnKey, RowKey

from goaltui.i18n import CATALOG, t
from goaltui.model import Indicator, Project
from goaltui.session.fields import grid_fields
from goaltui.session.problems import ProblemIndex
from goaltui.ui.actions import Where, bindings
from goaltui.ui.widgets.severity import SeverityStyles

if TYPE_CHECKING:
    from goaltui.rules import Problem


def column_title(field: str) -> str:
    """A column's heading: short enough for its column (the level columns are 10 cells)."""
    key = f"ui.grid.col.{field}"
    return t(key) if key in CATALOG else t(f"field.{field}")


class IndicatorGrid(SeverityStyles, DataTable[Text]):
    # Focused and blurred look the same (no tint change, same cursor), and the
    # rules are written for both states so they compare equal: moving the focus
    # to the in-place editor and back must not repaint the whole table.
    DEFAULT_CSS = """
    IndicatorGrid, IndicatorGrid:focus {
        height: 1fr;
        border-top: solid $panel-lighten-2;
        border-title-align: left;
        padding: 0;
        background-tint: transparent;
    }
    IndicatorGrid > .datatable--header, IndicatorGrid:focus > .datatable--header {
        background-tint: transparent;
    }
    IndicatorGrid > .datatable--cursor, IndicatorGrid:focus > .datatable--cursor {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
        text-style: $block-cursor-text-style;
    }
    IndicatorGrid > .datatable--fixed-cursor, IndicatorGrid:focus > .datatable--fixed-cursor {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = bindings(Where.GRID)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="cell", zebra_stripes=False, show_row_labels=True)
        self.project: Project | None = None
        self.fields: tuple[str, ...] = grid_fields(False)
        self._problems: ProblemIndex | None = None
        self._widths_for = -1
        self.expected_width = 0
        """The width the grid will have, for a load before the first layout (0: unknown)."""
        self._problem: Text | None = None
        self._style_rules: tuple[dict[str, object], dict[str, object]] | None = None
        self._title_markup = ""

    def notify_style_update(self) -> None:
        # DataTable repaints everything on any style update, even when a
        # pseudo-class change (focus) leaves every rule as it was.
        rules = (dict(self.styles.base._rules), dict(self.styles.inline._rules))
        if rules == self._style_rules:
            return
        self._style_rules = rules
        super().notify_style_update()

    def focus(self, scroll_visible: bool = True) -> Self:
        """Widget.focus without its full repaint (the grid looks the same focused or not)."""

        def set_focus(widget: Widget) -> None:
            with suppress(NoScreen):
                widget.screen.set_focus(self, scroll_visible=scroll_visible)

        self.app.call_later(set_focus, self)
        return self

    def _on_focus(self, event: FocusEvent) -> None:
        # Widget._on_focus repaints the whole widget; only the cursor row looks different.
        event.prevent_default()
        self.has_focus = True
        self.refresh_row(self.cursor_row)
        if self.parent is not None:
            self.parent.post_message(DescendantFocus(self))

    def _on_blur(self, event: BlurEvent) -> None:
        event.prevent_default()
        self.has_focus = False
        self.refresh_row(self.cursor_row)
        if self.parent is not None:
            self.parent.post_message(DescendantBlur(self))

    # loading and updating

    def load(
        self, project: Project | None, has_level2: bool, problems: ProblemIndex, *, cursor: Coordinate | None = None
    ) -> None:
        """Show *project*'s rows (a full rebuild: used when the project changes or rows move)."""
        self.project = project
        self._problems = problems
        fields = grid_fields(has_level2)
        keep = cursor if cursor is not None else self.cursor_coordinate
        if fields != self.fields or not self.columns or self._widths_for != self._available_width():
            self.fields = fields
            self.clear(columns=True)
            for field, width in zip(fields, self._column_widths(), strict=True):
                self.add_column(Text(column_title(field), style="bold"), width=width, key=field)
            self._widths_for = self._available_width()
        else:
            self.clear()
        if project is not None:
            for index, indicator in enumerate(project.indicators):
                self.add_row(*self._cells(index, indicator), key=str(indicator.key), label=self._label(index))
        self._set_title()
        if self.row_count:
            row = min(keep.row, self.row_count - 1)
            column = min(keep.column, len(self.fields) - 1)
            self.move_cursor(row=row, column=column, animate=False)

    def _title(self) -> Text:
        count = len(self.project.indicators) if self.project is not None else 0
        title = Text(t("ui.grid.title", n=count))
        if self._problem is not None:
            title.append("  ")
            title.append_text(self._problem)
        return title

    def _set_title(self) -> None:
        title = self._title()
        markup = title.markup
        if markup != self._title_markup:
            self._title_markup = markup
            self.border_title = title

    def _cell_problems(self, row: int, field: str) -> list[Problem]:
        if self._problems is None or self.project is None:
            return []
        return self._problems.cell(self.project.key, row, field)

    def _cells(self, index: int, indicator: Indicator) -> list[Text]:
        return [self.cell_text(getattr(indicator, field), self._cell_problems(index, field)) for field in self.fields]

    def cell_text(self, value: str, problems: Sequence[Problem]) -> Text:
        """User text as plain Text (never markup), coloured by its worst problem."""
        first_line = value.split("\n", 1)[0]
        if problems:
            style = self.problem_style(problems[0])
            if not value.strip():
                return Text(t("ui.grid.empty"), style=style + Style(italic=True))
            return Text(first_line, style=style + Style(underline=True))
        return Text(first_line)

    def _label(self, index: int) -> Text:
        problems = self._problems.row_all(self.project.key, index) if self._problems and self.project else []
        style = self.problem_style(problems[0]) if problems else Style(dim=True)
        return Text(str(index + 1), style=style)

    def set_row(self, index: int) -> None:
        """Redraw one row from the model (values, colours, row label) without a rebuild."""
        if self.project is None or not 0 <= index < self.row_count:
            return
        indicator = self.project.indicators[index]
        row_key = RowKey(str(indicator.key))
        if row_key not in self.rows:
            return
        data = self._data[row_key]
        changed = False
        for field, value in zip(self.fields, self._cells(index, indicator), strict=True):
            column_key = ColumnKey(field)
            old = data.get(column_key)
            if old is None or old.plain != value.plain or old.style != value.style:
                data[column_key] = value
                changed = True
        label = self._label(index)
        row = self.rows[row_key]
        if row.label is None or row.label.style != label.style:
            row.label = label
            changed = True
        if changed:
            self._update_count += 1
            self.refresh_row(index)

    def set_rows(self) -> None:
        """Redraw every row's values and colours (after validation changed many)."""
        for index in range(self.row_count):
            self.set_row(index)
        self._set_title()

    def set_project_problems(self, problems: Sequence[Problem]) -> None:
        """Show the first project-level problem about the indicators (too few, none of a kind) in
        the caption, and how many more there are."""
        text: Text | None = None
        if problems:
            text = Text(problems[0].message, style=self.problem_style(problems[0]))
            if len(problems) > 1:
                text.append(" " + t("ui.more", n=len(problems) - 1))
        self._problem = text
        self._set_title()

    # geometry

    def _available_width(self) -> int:
        # Before the first layout the size is 0: the screen's estimate avoids laying the
        # columns out for 40 cells, painting that, and doing it all again on the first Resize.
        return max(self.size.width or self.expected_width, 40)

    def _column_widths(self) -> list[int]:
        # row label (up to 3 digits + padding) and one cell of padding on each side of every column
        width = self._available_width() - 5 - 2 * len(self.fields) - 1
        level = 10
        mins = (12, 10, 8)
        if "level2" in self.fields and width - 2 * level < sum(mins):
            # 二级指标 at 80 columns: narrower level columns and minimums, so 指标描述 stays on screen
            level, mins = 8, (10, 8, 8)
        fixed = level * (2 if "level2" in self.fields else 1)
        rest = max(width - fixed, sum(mins))
        name = max(mins[0], rest * 36 // 100)
        value = max(mins[1], rest * 26 // 100)
        description = max(mins[2], rest - name - value)
        widths = [level] + ([level] if "level2" in self.fields else []) + [name, value, description]
        return widths

    def on_resize(self, event: Resize) -> None:
        if self._widths_for != self._available_width() and self.columns and self._problems is not None:
            self.load(self.project, "level2" in self.fields, self._problems)

    @property
    def field(self) -> str:
        return self.fields[min(self.cursor_column, len(self.fields) - 1)]

    def cell_screen_region(self, coordinate: Coordinate | None = None) -> Region:
        """The cell's region on the screen (for the editor and the terminal cursor)."""
        region = self._get_cell_region(coordinate or self.cursor_coordinate)
        offset = self.content_region.offset - self.scroll_offset
        return region.translate(offset)

    def cursor_screen_offset(self) -> Offset:
        region = self.cell_screen_region()
        x = region.x + 1
        y = region.y
        content = self.content_region
        return Offset(min(max(x, content.x), content.right - 1), min(max(y, content.y), content.bottom - 1))

    # keys

    def action_next_cell(self, delta: int) -> None:
        if not self.row_count:
            return
        columns = len(self.fields)
        position = self.cursor_row * columns + self.cursor_column + delta
        position = max(0, min(position, self.row_count * columns - 1))
        self.move_cursor(row=position // columns, column=position % columns)

    def action_first_column(self) -> None:
        self.move_cursor(column=0)

    def action_last_column(self) -> None:
        self.move_cursor(column=len(self.fields) - 1)

    def action_cursor_up(self) -> None:
        if self.cursor_row == 0:
            focus_panel = getattr(self.screen, "action_focus_panel", None)
            if callable(focus_panel):
                focus_panel()
            return
        super().action_cursor_up()
