"""The review list: one line per table of the folder, with a totals line under it.

A DataTable used as a view of :class:`~goaltui.review.listing.ReviewList`: it
is filled again from the list whenever the list changes (a few hundred rows at
most). Which columns show depends on the width (:func:`fit_columns`): at 80
cells the file, department, counts, 合计, errors, warnings and 就绪; the four
sources join as the terminal widens. Every text from a file (its name, its
department, why it could not be read) is shown through :mod:`goaltui.safe_text`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import ClassVar, Final

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual.binding import BindingType
from textual.widgets import DataTable, Static
from textual.widgets.data_table import ColumnKey, RowKey

from goaltui.i18n import t
from goaltui.io.markdown import amount_text
from goaltui.review.folder import ReviewRow, ReviewTotals
from goaltui.review.options import COLUMNS, COUNT_COLUMNS, FUND_COLUMNS, Column
from goaltui.safe_text import display_text
from goaltui.ui.actions import Where, bindings
from goaltui.ui.widgets.severity import SeverityStyles

PRIORITY: Final = (
    Column.FILE,
    Column.READY,
    Column.ERRORS,
    Column.TOTAL,
    Column.PROJECTS,
    Column.WARNINGS,
    Column.DEPARTMENT,
    Column.INDICATORS,
    Column.GENERAL_BUDGET,
    Column.GOV_FUND,
    Column.SPECIAL_ACCOUNT,
    Column.OTHER,
    Column.UNITS,
)
"""Which columns stay when the terminal is narrow: the first ones, in this order, until one does not fit
(shown in the order of ``COLUMNS``). At 80 cells: file to indicators; at 120: all but the units (the line
under the table gives the row's units and its amounts by source)."""
ESSENTIAL: Final = 8
"""The first columns of ``PRIORITY`` (file … indicators) come before a readable file name."""
FILE_COMFORT: Final = 18
DEPARTMENT_COMFORT: Final = 10
MIN_WIDTH: Final = {Column.FILE: 12, Column.DEPARTMENT: 8}
"""The text columns shrink down to this (their text is cut with …); the others keep their widest cell."""
MAX_WIDTH: Final = {Column.FILE: 40, Column.DEPARTMENT: 28}
CELL_PADDING: Final = 1
SCROLLBAR: Final = 2
_RIGHT: Final = frozenset({*COUNT_COLUMNS, *FUND_COLUMNS})


def fit_columns(width: int, natural: Mapping[Column, int]) -> dict[Column, int]:
    """The columns shown in *width* cells and their widths (in display order).

    *natural* is each column's widest cell (its heading included). The columns
    up to the indicators (``ESSENTIAL``) are taken in ``PRIORITY`` order while they
    fit at their least width; then the file name widens to ``FILE_COMFORT``; then
    the amounts by source and the units join while they fit; the room left goes
    to the department (to ``DEPARTMENT_COMFORT``), the file name, then the
    department again, up to their natural widths.
    """

    def least(column: Column) -> int:
        return min(MIN_WIDTH.get(column, natural[column]), natural[column])

    widths: dict[Column, int] = {}
    used = 0

    def take(columns: Sequence[Column]) -> bool:
        nonlocal used
        for column in columns:
            need = least(column) + 2 * CELL_PADDING
            if used + need > width and widths:
                return False
            widths[column] = least(column)
            used += need
        return True

    def widen(column: Column, limit: int) -> None:
        nonlocal used
        if column in widths:
            extra = max(0, min(width - used, limit - widths[column]))
            widths[column] += extra
            used += extra

    if take(PRIORITY[:ESSENTIAL]):
        widen(Column.FILE, min(natural[Column.FILE], FILE_COMFORT))
        take(PRIORITY[ESSENTIAL:])
    widen(Column.DEPARTMENT, min(natural[Column.DEPARTMENT], DEPARTMENT_COMFORT))
    widen(Column.FILE, natural[Column.FILE])
    widen(Column.DEPARTMENT, natural[Column.DEPARTMENT])
    return {column: widths[column] for column in COLUMNS if column in widths}


_DIVISIONS: Final = "省市区县镇乡"


def common_division(departments: Sequence[str]) -> str:
    """The administrative division every department of the list starts with (``绍兴市柯桥区``), when
    there are two departments or more: the column shows what follows it (the detail line, the whole name)."""
    names = {name for name in departments if name}
    if len(names) < 2:
        return ""
    first, last = min(names), max(names)
    length = 0
    while length < min(len(first), len(last)) and first[length] == last[length]:
        length += 1
    prefix = first[:length]
    cut = max(prefix.rfind(char) for char in _DIVISIONS)
    return prefix[: cut + 1] if cut >= 0 else ""


def short_label(column: Column) -> str:
    """The column's heading on the screen (shorter than the command line's)."""
    return t(f"ui.review.col.{column.value}")


class ReviewTable(SeverityStyles, DataTable[Text]):
    """The rows of the review; Enter opens the table under the cursor in the editor."""

    DEFAULT_CSS = """
    ReviewTable {
        height: 1fr;
        overflow-x: hidden;
        padding: 0;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = bindings(Where.REVIEW)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True, show_row_labels=False)
        self.rows_shown: list[ReviewRow] = []
        self.widths: dict[Column, int] = {}
        self._sort: tuple[Column, bool] = (Column.FILE, False)
        self._division = ""
        self._cells: dict[int, tuple[ReviewRow, str, dict[Column, Text]]] = {}
        """id(row) → (row, the division left out, its cells): a row read once is laid out once."""

    # --- cells ---------------------------------------------------------------------------------------

    def cells(self, row: ReviewRow) -> dict[Column, Text]:
        """The row's cells by column (all of them; the table shows those that fit)."""
        error, warning, ok = (self.severity_style(name) for name in ("error", "warning", "ok"))
        cells = {column: Text("") for column in COLUMNS}
        cells[Column.FILE] = Text(display_text(row.name), style=error if not row.readable else Style())
        if not row.readable:
            reason = t("review.labelled", label=t("review.unreadable"), text=row.reason or "")
            cells[Column.DEPARTMENT] = Text(display_text(reason), style=error)
            cells[Column.READY] = Text("✗", style=error)
            return cells
        department = row.department
        if self._division and department.startswith(self._division) and department != self._division:
            department = department[len(self._division) :]
        cells[Column.DEPARTMENT] = Text(display_text(department))
        amount_style = Style() if row.in_filed_unit else Style(dim=True, italic=True)
        for column in FUND_COLUMNS:
            cells[column] = Text(amount_text(row.funds.get(column.value, Decimal(0))), style=amount_style)
        for column in COUNT_COLUMNS:
            cells[column] = Text(str(getattr(row, column.value)))
        if row.errors:
            cells[Column.ERRORS].stylize(error)
        if row.warnings:
            cells[Column.WARNINGS].stylize(warning)
        cells[Column.READY] = Text(t("review.ready"), style=ok) if row.ready else Text("")
        return cells

    def _cached_cells(self, row: ReviewRow) -> dict[Column, Text]:
        cached = self._cells.get(id(row))
        if cached is not None and cached[0] is row and cached[1] == self._division:
            return cached[2]
        cells = {column: self._aligned(column, text) for column, text in self.cells(row).items()}
        self._cells[id(row)] = (row, self._division, cells)
        return cells

    def forget(self, keep: Sequence[ReviewRow]) -> None:
        """Drop the laid-out cells of the rows not in *keep* (rows read again, or a folder read anew)."""
        alive = {id(row) for row in keep}
        self._cells = {key: value for key, value in self._cells.items() if key in alive}

    def totals_cells(self, totals: ReviewTotals) -> dict[Column, Text]:
        cells = {column: Text("") for column in COLUMNS}
        cells[Column.FILE] = Text(t("review.totals"), style="bold")
        for column in COUNT_COLUMNS:
            cells[column] = Text(str(getattr(totals, column.value)), style="bold")
        for column in FUND_COLUMNS:
            cells[column] = Text(amount_text(totals.funds[column.value]), style="bold")
        return cells

    def heading(self, column: Column) -> Text:
        label = Text(short_label(column), style="bold")
        sort_column, descending = self._sort
        if column is sort_column:
            label.append("↓" if descending else "↑", style="bold")
            label.stylize("underline")
        return label

    # --- filling in ------------------------------------------------------------------------------------

    def _natural(self, rows: Sequence[dict[Column, Text]]) -> dict[Column, int]:
        natural = {}
        for column in COLUMNS:
            widest = max((cell_len(cells[column].plain) for cells in rows), default=0)
            widest = max(widest, cell_len(short_label(column)) + (column is self._sort[0]))  # (the sort arrow)
            natural[column] = min(widest, MAX_WIDTH.get(column, widest))
        return natural

    def show(self, rows: Sequence[ReviewRow], totals: ReviewTotals, sort: tuple[Column, bool]) -> Text:
        """List *rows* (keeping the cursor on its file); the totals line, laid out as the columns."""
        current = self.current
        self.rows_shown = list(rows)
        self._sort = sort
        self._division = common_division([row.department for row in rows if row.readable])
        all_cells = [self._cached_cells(row) for row in rows]
        totals_cells = self.totals_cells(totals)
        width = max(self.size.width or self.app.size.width, 20) - SCROLLBAR
        widths = fit_columns(width, self._natural([*all_cells, totals_cells]))
        self.clear(columns=True)
        self.widths = widths
        for column, column_width in widths.items():
            self.add_column(self.heading(column), width=column_width, key=column.value)
        for row, cells in zip(rows, all_cells, strict=True):
            self.add_row(*(cells[column] for column in widths), key=str(row.path))
        if current is not None and RowKey(str(current.path)) in self.rows:
            self.move_cursor(row=self.get_row_index(str(current.path)), animate=False)
        return self._line(totals_cells)

    def _aligned(self, column: Column, text: Text) -> Text:
        if column in _RIGHT:
            text.justify = "right"
        text.no_wrap = True
        text.overflow = "ellipsis"
        return text

    def _line(self, cells: dict[Column, Text]) -> Text:
        """*cells* laid out under the columns of the table."""
        line = Text(no_wrap=True, overflow="ellipsis")
        for column, width in self.widths.items():
            cell = cells[column].copy()
            cell.truncate(width, overflow="ellipsis")
            gap = " " * (width - cell_len(cell.plain))
            line.append(" " * CELL_PADDING)
            if column in _RIGHT:
                line.append(gap)
                line.append_text(cell)
            else:
                line.append_text(cell)
                line.append(gap)
            line.append(" " * CELL_PADDING)
        return line

    @property
    def current(self) -> ReviewRow | None:
        """The row under the cursor."""
        if self.row_count and 0 <= self.cursor_row < len(self.rows_shown):
            return self.rows_shown[self.cursor_row]
        return None

    def column_at(self, key: ColumnKey) -> Column:
        return Column(str(key.value))

    @property
    def shown_columns(self) -> list[Column]:
        return list(self.widths)

    def select_path(self, path: Path) -> None:
        if RowKey(str(path)) in self.rows:
            self.move_cursor(row=self.get_row_index(str(path)), animate=False)


class TotalsLine(Static):
    """The totals under the table, in its columns."""

    DEFAULT_CSS = """
    TotalsLine {
        height: 1;
        background: $panel;
        text-wrap: nowrap;
    }
    """
