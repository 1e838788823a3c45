"""Export to the official workbook layout (``.xlsx``) with openpyxl.

The layout itself is planned by :mod:`goaltui.io.xlsx_layout`; this module
turns the plan into a styled, print-ready worksheet. Two things keep a large
table fast (see ``python -m benchmarks --parts export``): one named style per style
combination (a per-cell ``Font(...)`` is re-hashed on every assignment), and
all merged ranges bound in one assignment (``merge_cells()`` scans every
existing range, which is quadratic). Because merges are bound in bulk, every
cell of a range is written and bordered first, so merged outlines are drawn.

Every text is written as a string: text that starts with ``=`` never becomes
a formula, and characters XML cannot hold are stored as Excel's ``_xHHHH_``
escapes (which is also how a literal ``_x0041_`` is protected).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from openpyxl import Workbook
from openpyxl.packaging.custom import IntProperty
from openpyxl.styles import Alignment, Border, Font, NamedStyle, Side
from openpyxl.utils.indexed_list import IndexedList
from openpyxl.worksheet.cell_range import CellRange, MultiCellRange
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet

from goaltui.i18n import t
from goaltui.io import form
from goaltui.io import xlsx_layout as layout
from goaltui.io.export_checks import check_exportable
from goaltui.io.safe_write import write_with
from goaltui.model import Document
from goaltui.model.level1 import LEVEL1_VALUES

Progress = Callable[[int, int], None]

MAX_PAGE_BREAKS = 1026
"""Excel's limit of manual page breaks per sheet; later pages break automatically."""

# Control characters an XML 1.0 document cannot hold, a carriage return (XML readers turn it
# into a line feed) and text that already looks like an escape: all stored as _xHHHH_.
# (The noncharacters U+FFFE/U+FFFF are left as they are: readers do not decode their escape.)
_NEEDS_ESCAPE = re.compile(r"[\x00-\x08\x0b\x0c\x0d\x0e-\x1f]|_x[0-9A-Fa-f]{4}_")


def escape_text(text: str) -> str:
    """*text* as stored in a cell (Excel's ST_Xstring escapes); readers undo it."""
    return _NEEDS_ESCAPE.sub(_escape_match, text)


def _escape_match(match: re.Match[str]) -> str:
    found = match.group(0)
    if len(found) == 1:
        return f"_x{ord(found):04X}_"
    return "_x005F_" + found[1:]


def _named_styles() -> list[NamedStyle]:
    thin = Side(style="thin", color="000000")
    bordered = Border(left=thin, right=thin, top=thin, bottom=thin)
    styles = []
    for style, spec in layout.STYLES.items():
        styles.append(
            NamedStyle(
                name=style.value,
                font=Font(name=layout.FONT_NAME, size=spec.size, bold=spec.bold, charset=layout.FONT_CHARSET),
                alignment=Alignment(
                    horizontal=spec.horizontal, vertical=spec.vertical, wrap_text=spec.wrap, indent=spec.indent
                ),
                border=bordered if spec.border else Border(),
                number_format=spec.number_format,
            )
        )
    return styles


def default_font() -> Font:
    """The workbook's default font: the form's 宋体 (see xlsx_layout's docstring)."""
    return Font(
        name=layout.FONT_NAME, sz=layout.DEFAULT_FONT_SIZE, charset=layout.FONT_CHARSET, family=layout.FONT_FAMILY
    )


def _set_default_font(workbook: Workbook) -> None:
    """Make 宋体 the Normal style's font and font 0 (what unstyled cells and column widths use).

    openpyxl has no public setting for it: its Workbook starts from Calibri 11
    in both places, so both are replaced before any style is registered.
    """
    font = default_font()
    workbook._fonts = IndexedList([font])
    workbook._named_styles["Normal"].font = font


def build_workbook(document: Document, progress: Progress | None = None) -> Workbook:
    """The official workbook of *document* (not saved)."""
    plan = layout.plan(document)
    workbook = Workbook()
    _set_default_font(workbook)
    sheet = workbook.active
    assert isinstance(sheet, Worksheet)
    sheet.title = form.SHEET_TITLE
    for named in _named_styles():
        workbook.add_named_style(named)

    for column in plan.columns:
        sheet.column_dimensions[column.letter].width = column.width
    total = len(plan.rows)
    step = max(1, total // 50)
    cell = sheet.cell
    row_dimensions = sheet.row_dimensions
    for position, row in enumerate(plan.rows, start=1):
        number = row.number
        for index, value, style in row.cells:
            target = cell(row=number, column=index)
            if value is not None:
                if isinstance(value, str):
                    target.value = escape_text(value)
                    target.data_type = "s"  # never a formula, whatever the text starts with
                else:
                    target.value = value
            target.style = style.value
        row_dimensions[number].height = row.height
        if progress is not None and (position % step == 0 or position == total):
            progress(position, total)

    sheet.merged_cells = MultiCellRange([CellRange(merge.ref) for merge in plan.merges])
    _level1_validation(sheet, plan)
    _print_setup(sheet, plan)
    workbook.properties.title = document.title or None
    workbook.properties.creator = "goaltui"
    workbook.properties.subject = document.department or None
    if document.expected_project_count is not None:
        workbook.custom_doc_props.append(
            IntProperty(name=layout.EXPECTED_PROJECT_COUNT_PROPERTY, value=document.expected_project_count)
        )
    return workbook


def _level1_validation(sheet: Worksheet, plan: layout.Plan) -> None:
    if not plan.level1_rows:
        return
    letter = plan.column("level1").letter
    validation = DataValidation(
        type="list",
        formula1='"' + ",".join(LEVEL1_VALUES) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorStyle="warning",  # a loose form such as 产出 may stay; the rules normalise it
        errorTitle=t("xlsx.level1_error_title"),
        error=t("xlsx.level1_error", values=t("xlsx.list_separator").join(LEVEL1_VALUES)),
        showInputMessage=True,
        promptTitle=t("xlsx.level1_prompt_title"),
        prompt=t("xlsx.level1_prompt"),
    )
    # showDropDown is left unset: True would *hide* the in-cell arrow.
    validation.sqref = MultiCellRange(" ".join(f"{letter}{first}:{letter}{last}" for first, last in plan.level1_rows))
    sheet.add_data_validation(validation)


def _print_setup(sheet: Worksheet, plan: layout.Plan) -> None:
    last_letter = plan.columns[-1].letter
    sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    sheet.page_setup.orientation = Worksheet.ORIENTATION_LANDSCAPE
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True  # without it fitTo* is ignored
    sheet.print_options.horizontalCentered = True
    sheet.page_margins = PageMargins(**layout.MARGINS_IN)
    sheet.print_title_rows = f"{layout.HEADER_ROWS[0]}:{layout.HEADER_ROWS[1]}"
    sheet.print_area = f"A1:{last_letter}{plan.last_row}"
    sheet.oddFooter.center.text = form.FOOTER_TEXT
    sheet.oddFooter.center.size = 9
    sheet.oddFooter.center.font = form.FOOTER_FONT
    sheet.freeze_panes = f"A{layout.FIRST_BODY_ROW}"
    # One assignment: RowBreak.append() re-validates every break so far (quadratic).
    sheet.row_breaks.brk = [Break(id=row) for row in plan.page_breaks[:MAX_PAGE_BREAKS]]


def write(document: Document, path: Path, *, progress: Progress | None = None, **_options: object) -> None:
    """Write *document* to *path* atomically in the official layout.

    *progress* (e.g. from the editor's worker) is called with ``(done, total)``:
    the rows written count for the first half, saving for the second.
    """
    check_exportable(document, Path(path))  # never a different amount than the document's
    rows = 0

    def building(done: int, total: int) -> None:
        nonlocal rows
        rows = total
        if progress is not None:
            progress(done, 2 * total)

    workbook = build_workbook(document, progress=building)
    write_with(Path(path), lambda tmp: workbook.save(tmp))
    if progress is not None:
        progress(2 * rows, 2 * rows)
