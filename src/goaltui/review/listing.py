"""The review screen's list, headless: the rows read so far, their order and the filter.

The screen draws what :meth:`ReviewList.shown` returns and routes keys and
clicks to the methods here; the ordering and filtering themselves are
:func:`~goaltui.review.folder.sort_rows` and
:func:`~goaltui.review.folder.filter_rows`, the same as ``goaltui review
--sort/--only-errors/--name``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Final

from goaltui.review.folder import ReviewRow, ReviewTotals, filter_rows, review_totals, sort_rows
from goaltui.review.options import COUNT_COLUMNS, FUND_COLUMNS, Column

__all__ = ["DESCENDING_FIRST", "ReviewList"]

DESCENDING_FIRST: Final = frozenset({*COUNT_COLUMNS, *FUND_COLUMNS, Column.READY})
"""Columns sorted largest first when first chosen: the most errors, the biggest budget, and for 就绪 the
tables that are not ready (unreadable, then with errors) at the top, where a reviewer starts."""


class ReviewList:
    """The rows of a folder by file, the sort column and direction, and the filter."""

    def __init__(
        self,
        *,
        sort: Column = Column.FILE,
        descending: bool = False,
        only_errors: bool = False,
        text: str = "",
    ) -> None:
        self._rows: dict[Path, ReviewRow] = {}
        self.sort_column = sort
        self.descending = descending
        self.only_errors = only_errors
        self.text = text
        self.version = 0
        """Bumped whenever what :meth:`shown` returns may have changed."""
        self._shown: tuple[int, list[ReviewRow]] | None = None

    # --- the rows -------------------------------------------------------------------------------

    def put(self, row: ReviewRow) -> None:
        """Add *row*, or replace the row of the same file (a file read again)."""
        self._rows[row.path] = row
        self.version += 1

    def put_all(self, rows: Iterable[ReviewRow]) -> None:
        for row in rows:
            self._rows[row.path] = row
        self.version += 1

    def clear(self) -> None:
        self._rows.clear()
        self.version += 1

    def get(self, path: Path) -> ReviewRow | None:
        return self._rows.get(path)

    def __len__(self) -> int:
        return len(self._rows)

    @property
    def rows(self) -> list[ReviewRow]:
        """Every row read so far (the filter aside), in the order they were put."""
        return list(self._rows.values())

    # --- order and filter ---------------------------------------------------------------------------

    def sort_by(self, column: Column) -> None:
        """Order by *column*; the column already sorted by is reversed."""
        if column is self.sort_column:
            self.descending = not self.descending
        else:
            self.sort_column = column
            self.descending = column in DESCENDING_FIRST
        self.version += 1

    def next_sort(self, columns: Sequence[Column], step: int = 1) -> None:
        """Order by the column after (or before, with a negative *step*) the current one among *columns*
        (the ones on screen), in its first direction."""
        if not columns:
            return
        index = columns.index(self.sort_column) if self.sort_column in columns else -step
        column = columns[(index + step) % len(columns)]
        self.sort_column = column
        self.descending = column in DESCENDING_FIRST
        self.version += 1

    def reverse(self) -> None:
        self.descending = not self.descending
        self.version += 1

    def set_filter(self, *, only_errors: bool | None = None, text: str | None = None) -> None:
        if only_errors is not None:
            self.only_errors = only_errors
        if text is not None:
            self.text = text
        self.version += 1

    @property
    def filtered(self) -> bool:
        return self.only_errors or bool(self.text.strip())

    def shown(self) -> list[ReviewRow]:
        """The rows to list: filtered, in order (computed once per version)."""
        if self._shown is None or self._shown[0] != self.version:
            ordered = sort_rows(self._rows.values(), self.sort_column, descending=self.descending)
            self._shown = (self.version, filter_rows(ordered, only_errors=self.only_errors, text=self.text))
        return self._shown[1]

    def totals(self) -> ReviewTotals:
        """The totals row: what is listed (as ``goaltui review`` adds up what it prints)."""
        return review_totals(self.shown())

    def all_totals(self) -> ReviewTotals:
        """Every row read, the filter aside (for the summary line)."""
        return review_totals(self._rows.values())
