"""Opening a table file in the editor: the document, and for a workbook which sheet was read, which
other sheets hold a table (the editor offers a choice), and whether saving writes back into it.

Headless: the editor calls :func:`open_table` (in a worker for a large file) and draws the result.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from goaltui.io.external_change import FileFingerprint
    from goaltui.io.xlsx_import import SheetForm
    from goaltui.model import Document

__all__ = ["IN_PLACE_SUFFIXES", "OpenedTable", "open_table"]

IN_PLACE_SUFFIXES: Final = (".json", ".xlsx", ".xlsm")
"""Formats Ctrl+S writes back into (a text table or an .xls/.ods is imported: the first save asks where)."""


@dataclass
class OpenedTable:
    """A table read from *path*, with what the editor needs to know about where it came from."""

    path: Path | None
    """(None: a new table.)"""
    document: Document
    sheet: str | None = None
    """The sheet that was read (workbooks)."""
    sheets: list[SheetForm] = field(default_factory=list)
    """Every sheet of the workbook with what it holds (empty: not a workbook, or not looked at)."""
    notices: list[str] = field(default_factory=list)
    """What the reader said besides the table (which sheet of several was read)."""
    version: FileFingerprint | None = None
    """The file's version, taken just before it was read (a change made while reading shows at the next save)."""

    @property
    def choices(self) -> list[SheetForm]:
        """The sheets holding a table the editor can open (a choice is offered when there are several)."""
        return [sheet for sheet in self.sheets if sheet.kind.is_target]

    @property
    def saves_in_place(self) -> bool:
        """Whether Ctrl+S may write back into the file.

        A workbook only when it holds nothing but one 汇总表: saving writes the official layout,
        one sheet, so the other sheets of a workbook (and a 项目支出绩效目标表's own layout) would
        be lost; such a table is saved under a name the user gives.
        """
        if self.path is None:
            return False
        suffix = self.path.suffix.lower()
        if suffix not in IN_PLACE_SUFFIXES:
            return False
        if suffix == ".json" or not self.sheets:
            return True
        from goaltui.io.project_form import SheetKind

        return len(self.sheets) == 1 and self.sheets[0].kind is SheetKind.SUMMARY_TABLE


def open_table(path: Path, sheet: str | None = None) -> OpenedTable:
    """Read the table at *path* (*sheet* of a workbook); raises :class:`~goaltui.errors.GoaltuiError`."""
    from goaltui.io.formats import ReadOptions, read_document, reader_for

    path = Path(path)
    notices: list[str] = []
    before = _stat(path)
    document = read_document(path, ReadOptions(sheet=sheet, notices=notices.append))
    opened = OpenedTable(path, document, sheet, notices=notices, version=_version_read(path, before))
    if reader_for(path).name == "workbook":
        from goaltui.io.xlsx_import import workbook_forms

        opened.sheets = workbook_forms(path)
        if sheet is None:
            opened.sheet = next((form.name for form in opened.choices), None)
    return opened


def _stat(path: Path) -> tuple[int, int, int] | None:
    import os

    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_size, info.st_mtime_ns, info.st_ino


def _version_read(path: Path, before: tuple[int, int, int] | None) -> FileFingerprint | None:
    """The version of the file that was read: hashed after reading (the readers checked its size and kind
    first), unless it changed while it was read (then a version nothing on disk matches: the next save asks)."""
    from goaltui.io.external_change import FileFingerprint

    after = FileFingerprint.of(path)
    if after is None or before is None or (after.size, after.mtime_ns, after.inode) != before:
        return FileFingerprint(-1, 0, 0, "") if before is not None else None
    return after
