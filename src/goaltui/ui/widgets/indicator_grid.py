"""The indicator grid: one project's rows, 一级指标 | (二级指标) | 明细指标 | 指标值 | 指标描述.

A DataTable used as a view only: the values live in the model, the grid shows
them. A committed edit updates one row in place (:meth:`set_row`) instead of
rebuilding the table, so it repaints one line, not the whole table. Keys reach
it through the screen (typing on a cell starts an edit there, in order).

A value longer than its column ends with "…" (never cut silently); Ctrl+U shows the
rows wrapped, each as high as its longest cell; Ctrl+→ / Ctrl+← widen and narrow the
current column. The grid also marks what the screen asks it to: the matches of a
search, the selected rows, and (dimmed) where its cursor is while the tree has the focus.
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
from goaltui.safe_text import display_rich
from goaltui.session.fields import grid_fields
from goaltui.session.problems import ProblemIndex
from goaltui.ui.actions import Where, bindings
from goaltui.ui.widgets.compare_marks import CHANGED, CompareStyles, mark_class
from goaltui.ui.widgets.severity import SeverityStyles

if TYPE_CHECKING:
    from goaltui.review.diff import CompareMarks
    from goaltui.rules import Problem


def column_title(field: str) -> str:
    """A column's heading: short enough for its column (the level columns are 10 cells)."""
    key = f"ui.grid.col.{field}"
    return t(key) if key in CATALOG else t(f"field.{field}")


class IndicatorGrid(CompareStyles, SeverityStyles, DataTable[Text]):
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
    IndicatorGrid.-away > .datatable--cursor, IndicatorGrid.-away:focus > .datatable--cursor {
        background: $block-cursor-blurred-background;
        color: $block-cursor-blurred-foreground;
        text-style: $block-cursor-blurred-text-style;
    }
    """

    WIDEN_STEP = 4
    """Cells a column grows or shrinks by (Ctrl+→ / Ctrl+←)."""

    BINDINGS: ClassVar[list[BindingType]] = bindings(Where.GRID)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="cell", zebra_stripes=False, show_row_labels=True)
        self.project: Project | None = None
        self.fields: tuple[str, ...] = grid_fields(False)
        self._problems: ProblemIndex | None = None
        self._widths_for: tuple[int, tuple[tuple[str, int], ...]] | None = None
        self.expected_width = 0
        """The width the grid will have, for a load before the first layout (0: unknown)."""
        self._problem: Text | None = None
        self._style_rules: tuple[dict[str, object], dict[str, object]] | None = None
        self._title_markup = ""
        self.widths: dict[str, int] = {}
        """Each column's width now (for the "…" of a value longer than it)."""
        self.extra: dict[str, int] = {}
        """Cells each column was widened (or narrowed, below 0) by the user."""
        self.wrap = False
        """Rows wrapped: each row as high as its longest cell."""
        self.find_marks: frozenset[tuple[int, str]] = frozenset()
        """(row, field) of the cells a search found in this project."""
        self.current_mark: tuple[int, str] | None = None
        self.select_from: int | None = None
        """The row a Shift+↑/↓ selection started from (None: no selection)."""
        self.compare_marks: CompareMarks | None = None
        """What differs from the version compared with (None: not comparing)."""

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
        self._problems = problems
        fields = grid_fields(has_level2)
        keep = cursor if cursor is not None else self.cursor_coordinate
        self.select_from = None  # (rows came, went or moved: a selection would hold other rows)
        if fields != self.fields or not self.columns or self._widths_for != self._layout_key():
            self.fields = fields
            self.clear(columns=True)
            self.widths = dict(zip(fields, self._column_widths(), strict=True))
            for field, width in self.widths.items():
                self.add_column(Text(column_title(field), style="bold"), width=width, key=field)
            self._widths_for = self._layout_key()
        else:
            self.clear()
        self.project = project
        if project is not None:
            height = None if self.wrap else 1
            for index, indicator in enumerate(project.indicators):
                cells = self._cells(index, indicator)
                self.add_row(*cells, key=str(indicator.key), label=self._label(index), height=height)
        self._set_title()
        if self.row_count:
            row = min(keep.row, self.row_count - 1)
            column = min(keep.column, len(self.fields) - 1)
            self.move_cursor(row=row, column=column, animate=False)

    def _title(self) -> Text:
        count = len(self.project.indicators) if self.project is not None else 0
        title = Text(t("ui.grid.title", n=count))
        removed = self._removed_rows()
        if removed:  # rows of the other version that are gone have no cell to mark: the caption says so
            title.append("  ")
            note = t("ui.compare.removed_rows", rows="、".join(map(str, removed)))
            title.append(note, style=self.palette_style("status--modified"))
        if self._problem is not None:
            title.append("  ")
            title.append_text(self._problem)
        return title

    def _removed_rows(self) -> tuple[int, ...]:
        if self.compare_marks is None or self.project is None:
            return ()
        return self.compare_marks.removed_rows.get(self.project.key, ())

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
        selected = self.selected_rows
        is_selected = selected is not None and selected[0] <= index <= selected[1]
        cells = []
        for field in self.fields:
            text = self.cell_text(getattr(indicator, field), self._cell_problems(index, field), self.widths.get(field))
            mark = (index, field)
            if mark == self.current_mark:
                text.stylize(self.palette_style("find--current"))
            elif mark in self.find_marks:
                text.stylize(self.palette_style("find--match"))
            elif is_selected:
                text.stylize(self.palette_style("grid--selected"))
            cells.append(text)
        marks = self.compare_marks
        if marks is not None:
            changed = marks.cells.get(indicator.key)
            if changed:
                look = mark_class(marks.rows.get(indicator.key, ()), "indicator_added") or CHANGED
                for column, field in enumerate(self.fields):
                    if field in changed:
                        width = self.columns[ColumnKey(field)].width if ColumnKey(field) in self.columns else 0
                        cells[column] = self.marked(cells[column], look, width)
        return cells

    def cell_text(self, value: str, problems: Sequence[Problem], width: int | None = None) -> Text:
        """User text as plain Text (never markup, control characters as marks), coloured by its worst
        problem; cut to *width* with "…" (a value of several lines too), unless the rows are wrapped."""
        style: Style | None = None
        if problems:
            style = self.problem_style(problems[0])
            if not value.strip():
                return Text(t("ui.grid.empty"), style=style + Style(italic=True))
        first, _newline, rest = value.partition("\n")
        text = display_rich(value if self.wrap else first, newlines=self.wrap)
        if style is not None:
            text.style = style + Style(underline=True)
        if self.wrap:
            return text
        if rest:
            text.append("…")
        if width is not None and text.cell_len > width:
            text.truncate(width, overflow="ellipsis")
        return text

    def _label(self, index: int) -> Text:
        problems = self._problems.row_all(self.project.key, index) if self._problems and self.project else []
        style = self.problem_style(problems[0]) if problems else Style(dim=True)
        label = Text(str(index + 1), style=style)
        if self.compare_marks is not None and self.project is not None:
            look = mark_class(self.compare_marks.rows.get(self.project.indicators[index].key, ()), "indicator_added")
            if look is not None:
                label = self.marked(label, look)
        return label

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
            if old is None or old.plain != value.plain or old.style != value.style or old.spans != value.spans:
                data[column_key] = value
                changed = True
        label = self._label(index)
        row = self.rows[row_key]
        if row.label is None or row.label.style != label.style or row.label.spans != label.spans:
            row.label = label
            changed = True
        if changed and self.wrap:  # the row's height may change: lay the rows out again
            if self._problems is not None:
                self.load(self.project, "level2" in self.fields, self._problems)
            return
        if changed:
            self._update_count += 1
            self.refresh_row(index)

    def set_rows(self) -> None:
        """Redraw every row's values and colours (after validation changed many)."""
        for index in range(self.row_count):
            self.set_row(index)
        self._set_title()

    def set_compare_marks(self, marks: CompareMarks | None) -> None:
        """Tint the cells and row numbers that differ from the other version."""
        self.compare_marks = marks
        self.set_rows()

    def set_project_problems(self, problems: Sequence[Problem]) -> None:
        """Show the first project-level problem about the indicators (too few, none of a kind) in
        the caption, and how many more there are."""
        text: Text | None = None
        if problems:
            text = display_rich(problems[0].message)
            text.style = self.problem_style(problems[0])
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
        return [max(4, width + self.extra.get(field, 0)) for field, width in zip(self.fields, widths, strict=True)]

    def _layout_key(self) -> tuple[int, tuple[tuple[str, int], ...]]:
        return self._available_width(), tuple(sorted(self.extra.items()))

    def on_resize(self, event: Resize) -> None:
        if self._widths_for != self._layout_key() and self.columns and self._problems is not None:
            self.load(self.project, "level2" in self.fields, self._problems)

    def relayout(self) -> None:
        """Lay the columns and rows out again (wrapping or a column's width changed)."""
        if self._problems is not None:
            self._widths_for = None
            self.load(self.project, "level2" in self.fields, self._problems)

    def widen(self, delta: int) -> bool:
        """Widen (narrow, below 0) the current column by a step; False when it cannot change."""
        field = self.field
        current = self.widths.get(field, 0)
        new = max(4, current + delta * self.WIDEN_STEP)
        if new == current:
            return False
        self.extra[field] = self.extra.get(field, 0) + new - current
        self.relayout()
        return True

    # marks

    def set_away(self, away: bool) -> None:
        """Dim the cursor while the focus is away from the project (the tree, the problems list):
        its row is painted again, nothing else."""
        if self.has_class("-away") == away:
            return
        self.set_class(away, "-away")
        # The cursor's look is cached (DataTable drops its caches on any style update, which
        # the grid skips to spare a full repaint): drop the style caches, repaint one row.
        self._styles_cache.clear()
        self._get_styles_to_render_cell.cache_clear()
        self._update_count += 1
        self.refresh_row(self.cursor_row)

    @property
    def selected_rows(self) -> tuple[int, int] | None:
        """The first and last selected rows (Shift+↑/↓), or None."""
        if self.select_from is None or not self.row_count:
            return None
        row = self.cursor_row
        return (min(self.select_from, row), max(self.select_from, row))

    def set_marks(self, marks: frozenset[tuple[int, str]], current: tuple[int, str] | None) -> None:
        """Mark the cells a search found (and the one the cursor went to)."""
        if marks == self.find_marks and current == self.current_mark:
            return
        rows = {row for row, _field in marks ^ self.find_marks}
        rows |= {mark[0] for mark in (current, self.current_mark) if mark is not None}
        self.find_marks = marks
        self.current_mark = current
        for row in sorted(rows):
            self.set_row(row)

    def clear_selection(self) -> None:
        selected = self.selected_rows
        self.select_from = None
        if selected is not None:
            for row in range(selected[0], selected[1] + 1):
                self.set_row(row)

    def extend_selection(self, delta: int) -> None:
        """Shift+↑/↓: select from the row the selection started at to the cursor's row."""
        if not self.row_count:
            return
        before = self.selected_rows
        if self.select_from is None:
            self.select_from = self.cursor_row
        row = max(0, min(self.row_count - 1, self.cursor_row + delta))
        self.move_cursor(row=row, animate=False)
        after = (min(self.select_from, row), max(self.select_from, row))
        changed = set(range(after[0], after[1] + 1)) ^ (set(range(before[0], before[1] + 1)) if before else set())
        for index in sorted(changed | {row}):
            self.set_row(index)

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

    def _moved(self) -> None:
        """A plain move ends the selection (as in a spreadsheet)."""
        if self.select_from is not None:
            self.clear_selection()

    def action_cursor_down(self) -> None:
        self._moved()
        super().action_cursor_down()

    def action_cursor_left(self) -> None:
        self._moved()
        super().action_cursor_left()

    def action_cursor_right(self) -> None:
        self._moved()
        super().action_cursor_right()

    def action_page_up(self) -> None:
        self._moved()
        super().action_page_up()

    def action_page_down(self) -> None:
        self._moved()
        super().action_page_down()

    def action_next_cell(self, delta: int) -> None:
        self._moved()
        if not self.row_count:
            return
        columns = len(self.fields)
        position = self.cursor_row * columns + self.cursor_column + delta
        position = max(0, min(position, self.row_count * columns - 1))
        self.move_cursor(row=position // columns, column=position % columns)

    def action_first_column(self) -> None:
        self._moved()
        self.move_cursor(column=0)

    def action_last_column(self) -> None:
        self._moved()
        self.move_cursor(column=len(self.fields) - 1)

    def action_cursor_up(self) -> None:
        self._moved()
        if self.cursor_row == 0:
            focus_panel = getattr(self.screen, "action_focus_panel", None)
            if callable(focus_panel):
                focus_panel()
            return
        super().action_cursor_up()
