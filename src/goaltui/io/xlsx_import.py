"""Import of workbooks in the official layout (``.xlsx``, ``.xlsm``, ``.xls``, ``.ods``).

python-calamine reads the values and the merged ranges (two orders of
magnitude faster than a normal openpyxl load, which is the only openpyxl mode
that knows merges). It reads our own exports and the workbooks people have:

* the sheet is the first one holding a header row (``sheet=`` chooses one);
  the header may sit on any row, and columns are found by their header text,
  not their position (二级指标 / 三级指标 forms included);
* project cells merged down (filled down) or left empty under the first row;
  a vertical merge in the name column spans exactly one project;
* unit rows: a row whose name cell is merged across, or — in workbooks that
  merge no unit row — a row with only a name in it;
* blank rows, and repeated header rows, are skipped; 一级指标 cells merged
  down are filled down;
* amounts as numbers or as text (``1,000.50``, full-width, a trailing 万元);
  other cells keep what was typed (``产出`` stays ``产出``: the rules normalise);
* title, 填报部门, money unit, 备注 and signatures are recovered from the rows
  above and below the table.

* a cell's text is what the person typed, whatever the cell stores: ``100%``
  and ``95.5%`` for percent cells, ``2021年2月28日`` for dates, ``1,000`` for a
  grouped number (see :mod:`goaltui.io.cell_display`); amounts are read as
  the numbers they are;
* a per-project form (项目支出绩效目标表) is read as a one-project table
  (:mod:`goaltui.io.project_form`); a 自评表 or a scoring table is refused
  with one line saying what it is.

The first sheet holding a table is read (``sheet=`` chooses one); when other
sheets hold tables too, *notices* is told which sheet was read and which
others there are, and :func:`workbook_forms` lists them for a choice.
"""

from __future__ import annotations

import contextlib
import zipfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Final
from xml.etree import ElementTree

from python_calamine import CalamineError, CalamineWorkbook, PasswordError

from goaltui.errors import InputError, describe_os_error
from goaltui.i18n import t
from goaltui.io import form, limits
from goaltui.io import xlsx_layout as layout
from goaltui.io.cell_display import CellValue, SheetFormats, display, exact_number, formats_for
from goaltui.io.project_form import ProjectForm, SheetKind, classify, not_supported_message, read_form
from goaltui.io.sheet_cells import Cells, MergeRange
from goaltui.model import FUND_FIELDS, INDICATOR_FIELDS, Document, Funds, Indicator, Project, Unit
from goaltui.model.amounts import AmountError

Grid = Sequence[Sequence[CellValue | None]]
Notices = Callable[[str], None]

WORKBOOK_SUFFIXES: Final = (".xlsx", ".xlsm", ".xls", ".ods")
"""Suffixes this module reads (the CLI passes *notices* to these)."""

_OLE_MAGIC: Final = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_STREAM: Final = "EncryptedPackage".encode("utf-16-le")
_FOOTER_PATTERNS: Final = (form.NOTES_PATTERN, form.LEADER_PATTERN, form.HANDLER_PATTERN, form.PHONE_PATTERN)
_SHOWN_CELLS: Final = 6
_SHOWN_CHARS: Final = 80


def read(path: Path, sheet: str | None = None, *, notices: Notices | None = None) -> Document:
    """Read the table from *path*; every failure is an :class:`InputError` of one line.

    *notices* (the CLI prints them on stderr) hears which sheet was read when
    other sheets hold tables too.
    """
    path = Path(path)
    with _open(path) as book:
        document = _read_workbook(book, sheet, notices)
    if book.container == "xlsx":
        document.expected_project_count = _expected_project_count(path)
    return document


@dataclass(frozen=True)
class SheetForm:
    """One sheet of a workbook and what it holds (for the editor's "which sheet?" choice)."""

    name: str
    kind: SheetKind
    label: str
    """What the sheet is about: the project's name for a form, the title for a table."""

    @property
    def kind_text(self) -> str:
        return t(f"forms.kind.{self.kind.value}")


def workbook_forms(path: Path) -> list[SheetForm]:
    """Every sheet of the workbook at *path* with what it holds, in workbook order.

    The editor offers a choice when more than one is a target table
    (``kind.is_target``) and opens the chosen one with ``read(path, sheet=name)``.
    """
    path = Path(path)
    result: list[SheetForm] = []
    with _open(path) as book:
        for name in book.names:
            cells = book.cells(name)
            kind = classify(cells)
            result.append(SheetForm(name, kind, _sheet_label(cells, kind)))
    return result


def sheet_texts(path: Path, sheet: str | None = None) -> list[list[str]]:
    """Every cell of a sheet (the first when *sheet* is None) as the text goaltui reads from it."""
    path = Path(path)
    with _open(path) as book:
        cells = book.cells(book.check_sheet(sheet)[0] if book.names else "")
        return [[cells.text(row, column) for column in range(cells.width(row))] for row in range(cells.height)]


def read_project_forms(path: Path, sheet: str | None = None) -> list[ProjectForm]:
    """Every per-project form in the workbook (one per sheet), or the one on *sheet*.

    A workbook with no such form raises an :class:`InputError` saying what it holds.
    """
    path = Path(path)
    forms: list[ProjectForm] = []
    with _open(path) as book:
        names = book.check_sheet(sheet)
        kinds: list[tuple[str, SheetKind]] = []
        for name in names:
            cells = book.cells(name)
            kind = classify(cells)
            kinds.append((name, kind))
            if kind is SheetKind.PROJECT_FORM:
                forms.append(read_form(cells, book.source(name)))
    if forms:
        return forms
    kind = next((k for _n, k in kinds if k is not SheetKind.NONE), SheetKind.NONE)
    name = next((n for n, k in kinds if k is kind), names[0] if names else "")
    source = _source(path, name, len(names) > 1)
    if kind in (SheetKind.SELF_EVALUATION, SheetKind.SCORING):
        raise InputError(not_supported_message(kind, source))
    if kind is SheetKind.SUMMARY_TABLE:
        raise InputError(t("import.not_a_form", file=source, kind=t("forms.kind.summary_table")))
    raise InputError(t("import.nothing", file=path))


def _sheet_label(cells: Cells, kind: SheetKind) -> str:
    if kind is SheetKind.PROJECT_FORM:
        with contextlib.suppress(InputError):
            return read_form(cells, "").project.name
    if kind is not SheetKind.NONE:  # the title: the first text of the sheet
        for row in range(min(cells.height, 10)):
            text = next((text for text in cells.string_row(row) if text), "")
            if text:
                return " ".join(text.split())
    return _first_row_text(cells.grid) or ""


def _source(path: Path, sheet: str, several: bool) -> str:
    return t("forms.sheet_source", file=path, sheet=sheet) if several else str(path)


@dataclass
class _Book:
    path: Path
    container: str
    workbook: CalamineWorkbook
    names: list[str] = field(default_factory=list)

    def source(self, sheet: str) -> str:
        return _source(self.path, sheet, len(self.names) > 1)

    def check_sheet(self, sheet: str | None) -> list[str]:
        if sheet is not None and sheet not in self.names:
            shown = _sheet_list(self.names)
            raise InputError(t("xlsx.unknown_sheet", file=self.path, sheet=sheet, sheets=shown))
        return [sheet] if sheet is not None else list(self.names)

    def cells(self, name: str) -> Cells:
        try:
            data = self.workbook.get_sheet_by_name(name)
            grid: Grid = data.to_python(skip_empty_area=False)
            merges: list[MergeRange] = data.merged_cell_ranges or []
        except CalamineError as exc:
            raise InputError(t("xlsx.cannot_read", file=self.path, reason=_reason(exc))) from exc
        path, container = self.path, self.container

        def load_formats() -> SheetFormats:
            return formats_for(path, container, name)

        if container == "ods":
            # calamine gives neither merges nor formats for .ods: both come from its XML, read once.
            formats = load_formats()
            cells = Cells(grid, merges or formats.merges, lambda: formats)
        else:
            cells = Cells(grid, merges, load_formats)
        return cells


@contextlib.contextmanager
def _open(path: Path) -> Iterator[_Book]:
    limits.check_workbook(path)  # sizes, zip bombs, each sheet's extent: before calamine (or xlrd) allocates
    container = _check_container(path)
    try:
        with open(path, "rb") as handle:
            try:
                workbook = CalamineWorkbook.from_filelike(handle)
            except PasswordError as exc:
                raise InputError(t("xlsx.encrypted", file=path)) from exc
            except CalamineError as exc:
                raise InputError(t("xlsx.cannot_read", file=path, reason=_reason(exc))) from exc
            with workbook:
                yield _Book(path, container, workbook, list(workbook.sheet_names))
    except OSError as exc:
        raise InputError(t("io.cannot_open", file=path, reason=describe_os_error(exc))) from exc


def _reason(exc: Exception) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__


# --- the file as a container -----------------------------------------------------------
def _check_container(path: Path) -> str:
    """``xlsx``, ``xlsb``, ``ods`` or ``xls``; clear errors for everything that is not a workbook."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(4096)
            if head.startswith(_OLE_MAGIC):
                handle.seek(0)
                if _ENCRYPTED_STREAM in handle.read():
                    # An encrypted .xlsx is an OLE container holding EncryptionInfo + EncryptedPackage.
                    raise InputError(t("xlsx.encrypted", file=path))
                return "xls"
    except OSError as exc:
        raise InputError(t("io.cannot_open", file=path, reason=describe_os_error(exc))) from exc
    if not head:
        raise InputError(t("io.empty", file=path))
    if head.startswith(b"PK"):
        if not zipfile.is_zipfile(path):
            raise InputError(t("xlsx.truncated", file=path))
        try:
            with zipfile.ZipFile(path) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError) as exc:
            raise InputError(t("xlsx.truncated", file=path)) from exc
        if "xl/workbook.xml" in names:
            return "xlsx"
        if "xl/workbook.bin" in names:
            return "xlsb"
        if "content.xml" in names:
            return "ods"
        raise InputError(t("xlsx.not_workbook", file=path, found=t("xlsx.found.zip")))
    raise InputError(t("xlsx.not_workbook", file=path, found=_describe(head)))


def _describe(head: bytes) -> str:
    sample = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if sample.startswith((b"<!doctype html", b"<html", b"<table", b"<meta", b"<?xml")):
        return t("xlsx.found.html")
    for encoding in ("utf-8", "gb18030"):
        try:
            text = head.decode(encoding)
        except UnicodeDecodeError:
            continue
        if all(char.isprintable() or char in "\t\r\n" for char in text):
            return t("xlsx.found.text")
    return t("xlsx.found.binary")


def _expected_project_count(path: Path) -> int | None:
    """The count our export keeps in a custom document property, when present."""
    try:
        with zipfile.ZipFile(path) as archive:
            if "docProps/custom.xml" not in archive.namelist():
                return None
            root = ElementTree.fromstring(archive.read("docProps/custom.xml"))
    except (zipfile.BadZipFile, OSError, ElementTree.ParseError):
        return None
    for prop in root:
        if prop.get("name") == layout.EXPECTED_PROJECT_COUNT_PROPERTY:
            for value in prop:
                with contextlib.suppress(TypeError, ValueError):
                    return int(value.text or "")
    return None


# --- choosing the sheet ----------------------------------------------------------------
def _read_workbook(book: _Book, sheet: str | None, notices: Notices | None) -> Document:
    path = book.path
    candidates = book.check_sheet(sheet)
    chosen: tuple[str, SheetKind, Cells] | None = None
    others: list[str] = []
    refused: tuple[str, SheetKind] | None = None
    first_found: str | None = None
    for name in candidates:
        cells = book.cells(name)
        kind = classify(cells)
        if kind.is_target:
            if chosen is None:
                chosen = (name, kind, cells)
            else:
                others.append(name)
        elif kind is not SheetKind.NONE:
            refused = refused or (name, kind)
        elif first_found is None:
            first_found = _first_row_text(cells.grid)
    if chosen is not None:
        name, kind, cells = chosen
        if others and notices is not None:
            notices(
                t(
                    "forms.sheet_read",
                    sheet=name,
                    kind=t(f"forms.kind.{kind.value}"),
                    count=len(others),
                    others=_sheet_list(others),
                )
            )
        if kind is SheetKind.PROJECT_FORM:
            return read_form(cells, book.source(name)).document()
        header = _find_header(cells.grid)
        assert header is not None  # classify() found it
        return _Parser(cells, header, path, name).document()
    if refused is not None:
        raise InputError(not_supported_message(refused[1], book.source(refused[0])))
    if first_found is None:
        if sheet is None:
            raise InputError(t("xlsx.empty_workbook", file=path))
        first_found = t("xlsx.found_nothing")
    if len(candidates) == 1:
        raise InputError(t("xlsx.no_header", file=path, sheet=candidates[0], found=first_found))
    shown = _sheet_list(book.names)
    raise InputError(t("xlsx.no_header_any", file=path, sheets=shown, found=first_found))


def _sheet_list(names: list[str]) -> str:
    return t("xlsx.list_separator").join(t("xlsx.sheet_name", name=name) for name in names)


def _first_row_text(grid: Grid) -> str | None:
    """The first non-empty rows of a sheet, shortened (rows separated by `` / ``), or None."""
    rows: list[str] = []
    count = 0
    for row in grid:
        cells = [" ".join(text.split()) for text in (cell_text(cell) for cell in row) if text]
        if not cells:
            continue
        shown = cells[: _SHOWN_CELLS - count]
        rows.append(" | ".join(shown) + (" | …" if len(shown) < len(cells) else ""))
        count += len(shown)
        if count >= _SHOWN_CELLS:
            break
    if not rows:
        return None
    text = " / ".join(rows)
    return text if len(text) <= _SHOWN_CHARS else text[: _SHOWN_CHARS - 1] + "…"


# --- cells ---------------------------------------------------------------------------------
def cell_text(value: CellValue | None, number_format: str | None = None) -> str:
    """A cell as the text a person typed (numbers without a spurious ``.0``; see cell_display)."""
    return display(value, number_format)


# --- the header ------------------------------------------------------------------------------
@dataclass
class _Header:
    row: int
    body_start: int
    columns: dict[str, int]
    has_level2: bool


def _field_of(key: str) -> str | None:
    for name, aliases in form.HEADER_ALIASES.items():
        if key in (layout.header_key(alias) for alias in aliases):
            return name
    return None


def _find_header(grid: Grid) -> _Header | None:
    level1 = layout.header_key(form.INDICATOR_HEADERS["level1"])
    for index, row in enumerate(grid):
        keys = [layout.header_key(cell) if isinstance(cell, str) else "" for cell in row]
        if level1 not in keys:
            continue
        columns: dict[str, int] = {}
        for column, key in enumerate(keys):
            name = _field_of(key) if key else None
            if name is not None and name not in columns:
                columns[name] = column
        if not ({"name", "value", "description"} & columns.keys()):
            continue
        body_start = index + 1
        if index + 1 < len(grid):
            below: dict[str, int] = {}
            for column, cell in enumerate(grid[index + 1]):
                name = _field_of(layout.header_key(cell)) if isinstance(cell, str) and cell.strip() else None
                if name in FUND_FIELDS and name not in columns and name not in below:
                    below[name] = column
            if below:
                columns.update(below)
                body_start = index + 2
        if "project" not in columns:
            columns["project"] = next(
                (c for c, key in enumerate(keys) if key and form.PROJECT_HEADER_WORD in key),
                min(columns.values(), default=0),
            )
        return _Header(index, body_start, columns, "level2" in columns)
    return None


# --- the table -------------------------------------------------------------------------------
@dataclass
class _Parser:
    cells: Cells
    header: _Header
    path: Path
    sheet: str
    result: Document = field(default_factory=Document)
    unit: Unit | None = None
    project: Project | None = None

    def document(self) -> Document:
        self.result.has_level2 = self.header.has_level2
        self._above_header()
        end = self._footer_start()
        self._body(end)
        self._footer(end)
        return self.result

    @property
    def grid(self) -> Grid:
        return self.cells.grid

    def _cell(self, row: int, column: int) -> CellValue | None:
        return self.cells.raw(row, column)

    def _texts(self, row: int) -> list[str]:
        return [self.cells.text(row, column) for column in range(self.cells.width(row))]

    # above the table: title, department, money unit
    def _above_header(self) -> None:
        document = self.result
        for row in range(self.header.row):
            for text in self._texts(row):
                if not text:
                    continue
                if match := form.DEPARTMENT_PATTERN.match(text):
                    # 填报部门 and 单位 typed into one cell, spaces between.
                    department, *unit = form.UNIT_AFTER_DEPARTMENT.split(match.group(1), maxsplit=1)
                    document.department = department.strip()
                    if unit and (money := form.MONEY_UNIT_PATTERN.match(unit[0])):
                        document.money_unit = money.group(1)
                elif match := form.MONEY_UNIT_PATTERN.match(text):
                    document.money_unit = match.group(1)
                elif form.ATTACHMENT_PATTERN.match(text):
                    continue
                elif not document.title:
                    document.title = text

    # where the table ends
    def _footer_start(self) -> int:
        fund_columns = [self.header.columns[f] for f in FUND_FIELDS if f in self.header.columns]
        for index in range(self.header.body_start, len(self.grid)):
            first = next((text for text in self.cells.string_row(index) if text), "")
            if not first or not any(p.match(first) for p in _FOOTER_PATTERNS):
                continue
            if not any(isinstance(self._cell(index, c), int | float) for c in fund_columns):
                return index
        return len(self.grid)

    def _body(self, end: int) -> None:
        columns = self.header.columns
        start = self.header.body_start
        name_column = columns["project"]
        fund_columns = [(f, columns[f]) for f in FUND_FIELDS if f in columns]
        indicator_columns: list[tuple[str, int]] = [(f, columns[f]) for f in INDICATOR_FIELDS if f in columns]
        covered: dict[tuple[int, int], tuple[int, int]] = {}
        spans: dict[tuple[int, int], tuple[int, int]] = {}
        unit_rows_merged = False
        for (r0, c0), (r1, c1) in self.cells.merges:
            if r1 < start or r0 >= end:
                continue
            spans[(r0, c0)] = (r1, c1)
            if r0 == r1 and c0 == name_column and c1 > c0:
                unit_rows_merged = True
            for r in range(r0, r1 + 1):
                for c in range(c0, c1 + 1):
                    if (r, c) != (r0, c0):
                        covered[(r, c)] = (r0, c0)

        def text(row: int, column: int) -> str:
            top = covered.get((row, column))
            if top is None:
                return self.cells.text(row, column)
            # Merged down: every row shows the top text. Merged across: only the first column.
            return self.cells.text(top[0], column) if top[1] == column else ""

        for row in range(start, end):
            indicator_texts: dict[str, str] = {f: text(row, c) for f, c in indicator_columns}
            if self._is_repeated_header(row):
                continue
            top = covered.get((row, name_column))
            if top is not None and top[0] < row:
                self._add_indicator(indicator_texts)
                continue
            name = self.cells.text(row, name_column) if top is None else ""
            amounts = {f: self._cell(row, c) for f, c in fund_columns if (row, c) not in covered}
            has_amount = any(cell_text(v) for v in amounts.values())
            blank_indicator = not any(indicator_texts.values())
            span = spans.get((row, name_column))
            across = span is not None and span[0] == row and span[1] > name_column
            down = span is not None and span[0] > row
            if across and not has_amount and blank_indicator:
                self._start_unit(name)
                continue
            if not (name or has_amount or down):
                if not blank_indicator:
                    if self.project is None:
                        self._start_project("", row, {})
                    self._add_indicator(indicator_texts)
                continue
            if not unit_rows_merged and name and not has_amount and blank_indicator and not down:
                self._start_unit(name)
                continue
            self._start_project(name, row, {f: (c, amounts.get(f)) for f, c in fund_columns})
            self._add_indicator(indicator_texts)

    def _is_repeated_header(self, row: int) -> bool:
        level1 = self.header.columns.get("level1")
        total = self.header.columns.get("total")
        for column, text in ((level1, form.INDICATOR_HEADERS["level1"]), (total, form.FUND_HEADERS["total"])):
            raw = self._cell(row, column) if column is not None else None
            if isinstance(raw, str) and raw.strip() == text:  # text cells only: no number format needed
                return True
        return False

    def _start_unit(self, name: str) -> None:
        self.unit = Unit(name=name)
        self.result.units.append(self.unit)
        self.project = None

    def _start_project(self, name: str, row: int, amounts: dict[str, tuple[int, CellValue | None]]) -> None:
        funds = Funds.model_validate(
            {fund: self._amount(raw, row, column, fund) for fund, (column, raw) in amounts.items()}
        )
        if self.unit is None:
            self._start_unit("")
        assert self.unit is not None
        self.project = Project(name=name, funds=funds)
        self.unit.projects.append(self.project)

    def _amount(self, raw: CellValue | None, row: int, column: int, fund: str) -> Decimal | None:
        if raw is None or raw == "":
            return None
        if isinstance(raw, int | float) and not isinstance(raw, bool):
            return exact_number(raw)
        text = cell_text(raw)
        try:
            if isinstance(raw, str):
                return form.read_amount(text)
            raise AmountError(text)
        except AmountError:
            raise InputError(
                t(
                    "xlsx.bad_amount",
                    file=self.path,
                    sheet=self.sheet,
                    cell=f"{layout.get_column_letter(column + 1)}{row + 1}",
                    field=t(f"field.{fund}"),
                    text=" ".join(text.split()),
                )
            ) from None

    def _add_indicator(self, texts: dict[str, str]) -> None:
        if not any(texts.values()):
            return
        if self.project is None:
            self._start_project("", 0, {})
        assert self.project is not None
        self.project.indicators.append(
            Indicator(
                level1=texts.get("level1", ""),
                level2=texts.get("level2", ""),
                name=texts.get("name", ""),
                value=texts.get("value", ""),
                description=texts.get("description", ""),
            )
        )

    # below the table: 备注 and signatures
    def _footer(self, end: int) -> None:
        document = self.result
        signatures = document.signatures
        notes_open = False
        phone_pending = False
        for row in range(end, self.cells.height):
            cells = [text for text in self._texts(row) if text]
            index = 0
            while index < len(cells):
                text = cells[index]
                index += 1
                label = next((p for p in _FOOTER_PATTERNS if p.match(text)), None)
                if label is None:
                    if notes_open:
                        document.notes = f"{document.notes}\n{text}" if document.notes else text
                    elif phone_pending:
                        signatures.phone = text
                        phone_pending = False
                    continue
                match = label.match(text)
                assert match is not None
                found = match.group(1).strip()
                if not found and index < len(cells) and not any(p.match(cells[index]) for p in _FOOTER_PATTERNS):
                    found = cells[index]
                    index += 1
                notes_open = label is form.NOTES_PATTERN
                phone_pending = label is form.PHONE_PATTERN and not found
                if label is form.NOTES_PATTERN:
                    document.notes = found
                elif label is form.LEADER_PATTERN:
                    signatures.leader = found
                elif label is form.HANDLER_PATTERN:
                    signatures.handler = found
                else:
                    signatures.phone = found


__all__ = [
    "WORKBOOK_SUFFIXES",
    "SheetForm",
    "cell_text",
    "read",
    "read_project_forms",
    "sheet_texts",
    "workbook_forms",
]
