"""One sheet's cells as the readers see them: raw values, the text a person typed, merges.

Shared by the 汇总表 reader (:mod:`goaltui.io.xlsx_import`), the per-project
form reader (:mod:`goaltui.io.project_form`) and the text reader (whose rows
are cells too). A number or date cell's text comes from
:func:`goaltui.io.cell_display.display` with the cell's number format, which is
looked up only the first time such a text is asked for.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cached_property

from goaltui.io.cell_display import CellValue, SheetFormats, display

MergeRange = tuple[tuple[int, int], tuple[int, int]]
"""((first row, first column), (last row, last column)), 0-based."""


class Cells:
    """A grid of cell values with its merged ranges; texts on demand."""

    def __init__(
        self,
        grid: Sequence[Sequence[CellValue | None]],
        merges: Sequence[MergeRange] = (),
        formats: Callable[[], SheetFormats] | None = None,
    ) -> None:
        self.grid = grid
        self.merges = list(merges)
        self._load_formats = formats
        self._formats: SheetFormats | None = None

    @property
    def height(self) -> int:
        return len(self.grid)

    def width(self, row: int) -> int:
        return len(self.grid[row]) if 0 <= row < len(self.grid) else 0

    def raw(self, row: int, column: int) -> CellValue | None:
        if not 0 <= row < len(self.grid):
            return None
        cells = self.grid[row]
        return cells[column] if 0 <= column < len(cells) else None

    def text(self, row: int, column: int) -> str:
        """The cell's own text (a covered cell of a merge is empty)."""
        value = self.raw(row, column)
        if value is None or isinstance(value, str):
            return value.strip() if value else ""
        return display(value, self.formats.code(row, column))

    @property
    def formats(self) -> SheetFormats:
        if self._formats is None:
            self._formats = self._load_formats() if self._load_formats is not None else SheetFormats()
        return self._formats

    @cached_property
    def _covered(self) -> dict[tuple[int, int], tuple[int, int]]:
        covered: dict[tuple[int, int], tuple[int, int]] = {}
        for (r0, c0), (r1, c1) in self.merges:
            for r in range(r0, min(r1, r0 + 10_000) + 1):
                for c in range(c0, min(c1, c0 + 1_000) + 1):
                    if (r, c) != (r0, c0):
                        covered[(r, c)] = (r0, c0)
        return covered

    def filled_text(self, row: int, column: int) -> str:
        """The text shown at (row, column): a covered cell shows its merge's top-left text."""
        top = self._covered.get((row, column))
        return self.text(*top) if top is not None else self.text(row, column)

    def filled_row(self, row: int) -> list[str]:
        width = self.width(row)
        extra = [c for (r, c) in self._covered if r == row and c >= width] if self.merges else []
        return [self.filled_text(row, column) for column in range(max([width, *(c + 1 for c in extra)]))]

    def string_row(self, row: int) -> list[str]:
        """The row's text cells only (numbers and dates as empty): cheap, for recognising layouts."""
        if not 0 <= row < len(self.grid):
            return []
        return [cell.strip() if isinstance(cell, str) else "" for cell in self.grid[row]]


__all__ = ["Cells", "MergeRange"]
