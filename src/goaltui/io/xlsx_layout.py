"""The official workbook layout as a pure plan: rows, cells, merges, heights, widths.

Shared by the writer (:mod:`goaltui.io.xlsx_export`), the reader
(:mod:`goaltui.io.xlsx_import`, for the header texts and labels) and the
tests, so that row and merge arithmetic is checked without opening a
workbook. Layout, columns A–J (A–K when the form has a 二级指标 column)::

    1      title, merged across
    2      填报部门（盖章）<department>, merged across, left
    3      单位：万元, merged across, right
    4–5    header: 项目实施单位及项目名称 | 资金安排 (over 合计 … 其他资金) | 一级指标 | …
    6…     per unit: one unit row (merged across, bold), then each project: its
           name and amounts merged down over its indicator rows (one row when
           it has no indicators)
    after  备注 merged across; then 部门主要领导（签字）, 经办人（签字）and 联系电话,
           each on its own line

The lines above and below the table are arranged as the published form has
them (the seed, extracted from the official workbook, gives 填报部门 and 单位
and each signature its own line).

Printing: the workbook's default font (the Normal style, whose digit width is
Excel's column-width unit) is the form's 宋体, so that widths mean the same in
Excel, WPS and LibreOffice; on a machine without Calibri, a Calibri default
made LibreOffice print the page at 67 % instead of 84 %.

The header texts and labels of the official form are domain constants; they
live in :mod:`goaltui.io.form`, shared with the text import.
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Final, NamedTuple

from goaltui.io.cell_display import plain
from goaltui.io.form import (
    DEPARTMENT_LABEL,
    DEPARTMENT_PATTERN,
    FUND_HEADERS,
    HANDLER_LABEL,
    HANDLER_PATTERN,
    HEADER_FUNDS,
    HEADER_PROJECT,
    INDICATOR_HEADERS,
    LEADER_LABEL,
    LEADER_PATTERN,
    MONEY_UNIT_LABEL,
    MONEY_UNIT_PATTERN,
    NAME_HEADER_THREE_LEVEL,
    NOTES_LABEL,
    NOTES_PATTERN,
    PHONE_LABEL,
    PHONE_PATTERN,
)
from goaltui.model import FUND_FIELDS, Document, Project

EXPECTED_PROJECT_COUNT_PROPERTY: Final = "goaltui.expected_project_count"
"""Custom document property carrying Document.expected_project_count (the form has no cell for it)."""


def get_column_letter(index: int) -> str:
    """1 → A, 27 → AA (without importing openpyxl, so that reading stays light)."""
    letters = ""
    while index > 0:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def header_key(text: str) -> str:
    """A header cell as compared on import: NFKC, no whitespace."""
    return "".join(unicodedata.normalize("NFKC", text).split())


# --- geometry ---------------------------------------------------------------------
TITLE_ROW: Final = 1
DEPARTMENT_ROW: Final = 2
MONEY_UNIT_ROW: Final = 3
HEADER_ROWS: Final = (4, 5)
FIRST_BODY_ROW: Final = 6

FONT_NAME: Final = "宋体"
FONT_CHARSET: Final = 134  # GB2312, what Excel writes for Chinese fonts
FONT_FAMILY: Final = 3  # modern (fixed pitch): 宋体's Latin is half an em wide
DEFAULT_FONT_SIZE: Final = 11.0
"""The Normal style's size: 宋体 11, Chinese Excel's and WPS's own default."""
BODY_SIZE: Final = 10.0
TITLE_SIZE: Final = 18.0
NOTES_SIZE: Final = 9.0

LINE_HEIGHT: Final = 1.45
"""Points per line per point of font size (Noto/宋体 CJK line spacing; tall beats clipped)."""
ROW_PADDING: Final = 4.0
MIN_ROW_HEIGHT: Final = 18.0
HEADER_HEIGHT: Final = 22.0
META_HEIGHT: Final = 20.0
SIGNATURE_HEIGHT: Final = 24.0

_BASE_WIDTHS: Final[dict[str, float]] = {
    "project": 24,  # the starting point: see project_width()
    "total": 10,
    "general_budget": 13,
    "gov_fund": 11,
    "special_account": 10,
    "other": 10,
    "level1": 11,
    "level2": 14,
    "name": 24,
    "value": 16,
    "description": 34,
}
_MAX_AMOUNT_WIDTH: Final = 18.0
PROJECT_WIDTHS: Final = (20, 30)
"""The range the project column's width is chosen from (see :func:`project_width`)."""


class Style(StrEnum):
    """Named cell styles of the form (their specs are in :data:`STYLES`)."""

    TITLE = "goaltui title"
    META_LEFT = "goaltui meta left"
    META_RIGHT = "goaltui meta right"
    HEADER = "goaltui header"
    UNIT = "goaltui unit"
    PROJECT = "goaltui project"
    AMOUNT = "goaltui amount"
    CENTER = "goaltui center"
    TEXT = "goaltui text"
    NOTES = "goaltui notes"
    SIGNATURE = "goaltui signature"


@dataclass(frozen=True)
class StyleSpec:
    size: float = BODY_SIZE
    bold: bool = False
    horizontal: str = "left"
    vertical: str = "center"
    wrap: bool = True
    border: bool = True
    indent: int = 0
    number_format: str = "General"


AMOUNT_FORMAT: Final = "General_ "
"""Amounts as the official form prints them: ``10``, ``97.2``, ``564.2``, ``0.000001`` — numbers still.

The trailing ``_ `` keeps a space's gap to the border (an alignment indent
does the same in Excel, but LibreOffice drops it in some merged cells).

Why General: it is the one format that shows every value of up to 6
decimals as typed in Excel, WPS and LibreOffice alike, and keeps doing so
for what a colleague types later. The alternatives, rendered with LibreOffice 7.4:
``#,##0.00`` prints ``10.00``; ``#,##0.######`` prints ``10`` in LibreOffice
but ``10.`` in Excel and WPS; a sectioned ``[=0]0;#,##0.######`` loses the minus
sign of ``-3.25`` in LibreOffice; a format chosen per cell from its value's
decimals (``#,##0`` for 10) shows a later-typed 97.25 as ``97``. The cost: no
thousands separators, and Excel's General shows at most 11 digits (万元
amounts of up to 6 decimals stay well inside that).
"""

STYLES: Final[dict[Style, StyleSpec]] = {
    Style.TITLE: StyleSpec(size=TITLE_SIZE, bold=True, horizontal="center", border=False),
    Style.META_LEFT: StyleSpec(border=False),
    Style.META_RIGHT: StyleSpec(horizontal="right", border=False),
    Style.HEADER: StyleSpec(bold=True, horizontal="center"),
    Style.UNIT: StyleSpec(bold=True, indent=1),
    Style.PROJECT: StyleSpec(indent=1),
    Style.AMOUNT: StyleSpec(horizontal="right", number_format=AMOUNT_FORMAT),
    Style.CENTER: StyleSpec(horizontal="center"),
    Style.TEXT: StyleSpec(indent=1),
    Style.NOTES: StyleSpec(size=NOTES_SIZE, vertical="top", border=False),
    Style.SIGNATURE: StyleSpec(border=False, indent=1),
}

_INDICATOR_STYLES: Final[dict[str, Style]] = {
    "level1": Style.CENTER,
    "level2": Style.CENTER,
    "name": Style.TEXT,
    "value": Style.CENTER,
    "description": Style.TEXT,
}


class RowKind(StrEnum):
    TITLE = "title"
    META = "meta"
    HEADER = "header"
    UNIT = "unit"
    INDICATOR = "indicator"
    NOTES = "notes"
    SIGNATURES = "signatures"


@dataclass(frozen=True)
class Column:
    field: str
    """``project``, a fund field or an indicator field."""
    index: int
    """1-based column number."""
    width: float

    @property
    def letter(self) -> str:
        return get_column_letter(self.index)


class Merge(NamedTuple):
    min_row: int
    min_col: int
    max_row: int
    max_col: int

    @property
    def ref(self) -> str:
        return f"{get_column_letter(self.min_col)}{self.min_row}:{get_column_letter(self.max_col)}{self.max_row}"


CellValue = str | Decimal | None
PlannedCell = tuple[int, CellValue, Style]
"""(1-based column, value, style)."""


@dataclass
class PlannedRow:
    number: int
    kind: RowKind
    cells: list[PlannedCell]
    height: float


@dataclass
class Plan:
    columns: tuple[Column, ...]
    rows: list[PlannedRow] = field(default_factory=list)
    merges: list[Merge] = field(default_factory=list)
    level1_rows: list[tuple[int, int]] = field(default_factory=list)
    """Row spans (first, last) of indicator rows, for the 一级指标 drop-down."""
    last_table_row: int = HEADER_ROWS[1]
    blocks: list[tuple[int, int]] = field(default_factory=list)
    """Row spans kept on one page: a project (with its unit row when it is the first), 备注 with signatures."""
    page_breaks: list[int] = field(default_factory=list)
    """Rows after which a new page starts."""

    @property
    def width(self) -> int:
        return len(self.columns)

    @property
    def last_row(self) -> int:
        return self.rows[-1].number if self.rows else 0

    def column(self, field_name: str) -> Column:
        for column in self.columns:
            if column.field == field_name:
                return column
        raise KeyError(field_name)


# --- measuring text ------------------------------------------------------------------
_char_widths: dict[str, int] = {}
_LATIN: Final = re.compile(r"[A-Za-z]")


@functools.lru_cache(maxsize=16384)
def text_width(text: str) -> int:
    """Width in half-width cells: East Asian wide, full-width and ambiguous characters count 2.

    Ambiguous ones (≥, ×, “”) are drawn full width by Chinese fonts.
    """
    if text.isascii():
        return len(text)
    total = 0
    cache = _char_widths
    for char in text:
        width = cache.get(char)
        if width is None:
            width = 2 if unicodedata.east_asian_width(char) in "WFA" else 1
            cache[char] = width
        total += width
    return total


def line_count(text: str, width: float, size: float = BODY_SIZE, indent: int = 0) -> int:
    """Lines *text* wraps to in a column *width* Excel units wide at *size* points.

    Excel's unit is about 7 px (one digit of the default font); a half-width
    character of *size* points is ``size * 2/3`` px at 96 dpi.
    """
    if not text:
        return 1
    capacity = _capacity(width, size, indent)
    lines = 0
    for part in text.split("\n"):
        # Latin words wrap whole: keep a spare 10 % for them.
        spare = 0.9 if _LATIN.search(part) else 1.0
        lines += max(1, math.ceil(text_width(part) / (capacity * spare)))
    return lines


def row_height(lines: int, size: float = BODY_SIZE) -> float:
    return max(MIN_ROW_HEIGHT, round(lines * size * LINE_HEIGHT + ROW_PADDING, 1))


# --- the plan -------------------------------------------------------------------------
def columns_for(document: Document) -> tuple[Column, ...]:
    """The form's columns, with widths fitted to the amounts, header texts and project names."""
    indicator_fields = ["level1", "level2", "name", "value", "description"]
    if not document.has_level2:
        indicator_fields.remove("level2")
    fields = ["project", *FUND_FIELDS, *indicator_fields]
    widths = dict(_BASE_WIDTHS)
    longest = dict.fromkeys(FUND_FIELDS, 0)
    for _unit, project in document.projects():
        for fund in FUND_FIELDS:
            value = project.funds.get(fund)
            if value is not None:
                longest[fund] = max(longest[fund], len(format_amount_for_width(value)))
    for fund in FUND_FIELDS:
        needed = max(text_width(FUND_HEADERS[fund]) + 1, longest[fund] + 3)
        widths[fund] = min(_MAX_AMOUNT_WIDTH, max(widths[fund], needed))
    widths["project"] = project_width([project.name for _unit, project in document.projects()])
    return tuple(Column(name, index, widths[name]) for index, name in enumerate(fields, start=1))


def format_amount_for_width(value: Decimal) -> str:
    """The amount as the General format shows it (to size its column)."""
    return plain(value)


def _capacity(width: float, size: float, indent: int) -> float:
    """Half-width characters per line in a column *width* Excel units wide."""
    usable_px = width * 7 + 5 - 6 - indent * 9
    return max(1.0, usable_px / (size * 2 / 3))


def project_width(names: list[str]) -> float:
    """The project column's width: few lines, and no name breaking off its last one or two characters.

    Spreadsheets wrap CJK text at any character, so 老领导（研究会）工作经费 in a
    column one character too narrow prints 费 alone on a second line. Each
    whole width in :data:`PROJECT_WIDTHS` is scored by its orphans; the fewest
    win, and of those the width nearest the base. (The name cell is merged over
    its indicator rows, so a second line rarely costs height; an orphan looks wrong.)
    """
    base = float(_BASE_WIDTHS["project"])
    if not names:
        return base
    distinct = set(names)

    def score(width: float) -> tuple[int, float]:
        capacity = _capacity(width, BODY_SIZE, 1)
        orphans = 0
        for name in distinct:
            for part in name.split("\n"):
                used = text_width(part)
                line = capacity * (0.9 if _LATIN.search(part) else 1.0)
                lines = max(1, math.ceil(used / line))
                if lines > 1 and used - (lines - 1) * line <= 4:
                    orphans += 1
        return orphans, abs(width - base)

    low, high = PROJECT_WIDTHS
    return float(min(range(low, high + 1), key=lambda width: score(float(width))))


def labelled(label: str, value: str, pattern: re.Pattern[str]) -> str:
    """``label + value``, with a colon between when the reader would otherwise eat part of *value*."""
    text = label + value
    match = pattern.match(text)
    if match and match.group(1).strip() == value:
        return text
    return label + "：" + value


def header_texts(document: Document) -> dict[str, str]:
    """Header text per field, for this document."""
    texts = {"project": HEADER_PROJECT, **FUND_HEADERS, **INDICATOR_HEADERS}
    if document.has_level2:
        texts["name"] = NAME_HEADER_THREE_LEVEL
    return texts


def plan(document: Document) -> Plan:
    """The complete layout of *document* (see the module docstring)."""
    columns = columns_for(document)
    last = len(columns)
    result = Plan(columns=columns)
    rows = result.rows
    merges = result.merges
    texts = header_texts(document)
    indicator_columns = [
        (c.index, c.field, _INDICATOR_STYLES[c.field]) for c in columns if c.index > 1 + len(FUND_FIELDS)
    ]
    fund_columns = [(c.index, c.field) for c in columns if c.field in FUND_FIELDS]
    widths = {c.field: c.width for c in columns}

    # 1: title
    table_width = sum(c.width for c in columns)
    title_lines = line_count(document.title, table_width, TITLE_SIZE)
    rows.append(
        PlannedRow(
            TITLE_ROW,
            RowKind.TITLE,
            [(1, document.title or None, Style.TITLE)],
            max(36.0, row_height(title_lines, TITLE_SIZE)),
        )
    )
    merges.append(Merge(TITLE_ROW, 1, TITLE_ROW, last))
    # 2, 3: department (left) and money unit (right), each on its own line
    rows.append(
        PlannedRow(
            DEPARTMENT_ROW,
            RowKind.META,
            [(1, labelled(DEPARTMENT_LABEL, document.department, DEPARTMENT_PATTERN), Style.META_LEFT)],
            META_HEIGHT,
        )
    )
    rows.append(
        PlannedRow(
            MONEY_UNIT_ROW,
            RowKind.META,
            [(1, labelled(MONEY_UNIT_LABEL, document.money_unit, MONEY_UNIT_PATTERN), Style.META_RIGHT)],
            META_HEIGHT,
        )
    )
    merges.append(Merge(DEPARTMENT_ROW, 1, DEPARTMENT_ROW, last))
    merges.append(Merge(MONEY_UNIT_ROW, 1, MONEY_UNIT_ROW, last))
    # 4–5: the two-row header
    top, bottom = HEADER_ROWS
    first_fund = fund_columns[0][0]
    last_fund = fund_columns[-1][0]
    top_cells: list[PlannedCell] = []
    bottom_cells: list[PlannedCell] = []
    for column in columns:
        if column.field in FUND_FIELDS:
            top_cells.append((column.index, HEADER_FUNDS if column.index == first_fund else None, Style.HEADER))
            bottom_cells.append((column.index, texts[column.field], Style.HEADER))
        else:
            top_cells.append((column.index, texts[column.field], Style.HEADER))
            bottom_cells.append((column.index, None, Style.HEADER))
            merges.append(Merge(top, column.index, bottom, column.index))
    merges.append(Merge(top, first_fund, top, last_fund))
    rows.append(PlannedRow(top, RowKind.HEADER, top_cells, HEADER_HEIGHT))
    rows.append(PlannedRow(bottom, RowKind.HEADER, bottom_cells, HEADER_HEIGHT))

    # body
    number = FIRST_BODY_ROW
    for unit in document.units:
        rows.append(
            PlannedRow(
                number,
                RowKind.UNIT,
                [(c, unit.name or None if c == 1 else None, Style.UNIT) for c in range(1, last + 1)],
                row_height(line_count(unit.name, table_width, BODY_SIZE, 1)),
            )
        )
        merges.append(Merge(number, 1, number, last))
        block_start = number  # a unit row stays on the page of its first project
        number += 1
        first_of_unit = number
        for project in unit.projects:
            number = _plan_project(rows, merges, project, number, fund_columns, indicator_columns, widths)
            result.blocks.append((block_start, number - 1))
            block_start = number
        if not unit.projects:
            result.blocks.append((block_start, block_start))
        if number > first_of_unit:
            result.level1_rows.append((first_of_unit, number - 1))
    result.last_table_row = number - 1

    # 备注 and signatures
    notes = labelled(NOTES_LABEL, document.notes, NOTES_PATTERN)
    rows.append(
        PlannedRow(
            number,
            RowKind.NOTES,
            [(1, notes, Style.NOTES)],
            row_height(line_count(notes, table_width, NOTES_SIZE), NOTES_SIZE),
        )
    )
    merges.append(Merge(number, 1, number, last))
    number += 1
    signatures = document.signatures
    values = (
        labelled(LEADER_LABEL, signatures.leader, LEADER_PATTERN),
        labelled(HANDLER_LABEL, signatures.handler, HANDLER_PATTERN),
        labelled(PHONE_LABEL, signatures.phone, PHONE_PATTERN),
    )
    notes_row = number - 1
    for value in values:
        rows.append(PlannedRow(number, RowKind.SIGNATURES, [(1, value, Style.SIGNATURE)], SIGNATURE_HEIGHT))
        merges.append(Merge(number, 1, number, last))
        number += 1
    result.blocks.append((notes_row, number - 1))
    result.page_breaks = page_breaks(result)
    return result


# --- pages ---------------------------------------------------------------------------------
PAGE_WIDTH_IN: Final = 11.69  # A4 landscape
PAGE_HEIGHT_IN: Final = 8.27
MARGINS_IN: Final = {"left": 0.5, "right": 0.5, "top": 0.6, "bottom": 0.7, "header": 0.3, "footer": 0.3}


def print_scale(columns: tuple[Column, ...]) -> float:
    """The fit-to-width scale as Excel computes it (7 px per width unit of Calibri 11, whole percents).

    LibreOffice draws columns a little wider and so prints smaller: its pages
    hold more rows than this predicts, never fewer.
    """
    table_pt = sum(c.width * 7 for c in columns) * 0.75
    printable_pt = (PAGE_WIDTH_IN - MARGINS_IN["left"] - MARGINS_IN["right"]) * 72
    return min(1.0, math.floor(printable_pt / table_pt * 100) / 100)


def page_breaks(plan: Plan, slack: float = 0.97) -> list[int]:
    """Rows after which a page ends, so that no project is split over two pages.

    Rows are placed by their planned heights at the fit-to-width scale; a
    project taller than a page is left to the printer's own breaks. *slack*
    keeps the manual break ahead of the automatic one.
    """
    heights = {row.number: row.height for row in plan.rows}
    page_pt = (PAGE_HEIGHT_IN - MARGINS_IN["top"] - MARGINS_IN["bottom"]) * 72 / print_scale(plan.columns) * slack
    titles = sum(heights[number] for number in HEADER_ROWS)
    used = sum(height for number, height in heights.items() if number < FIRST_BODY_ROW)
    breaks: list[int] = []
    for first, last in plan.blocks:
        block = sum(heights[number] for number in range(first, last + 1))
        if used + block > page_pt and used > titles and block <= page_pt - titles:
            breaks.append(first - 1)
            used = titles
        used += block
        while used > page_pt:  # a block taller than a page runs on
            used -= page_pt - titles
    return breaks


def _plan_project(
    rows: list[PlannedRow],
    merges: list[Merge],
    project: Project,
    number: int,
    fund_columns: list[tuple[int, str]],
    indicator_columns: list[tuple[int, str, Style]],
    widths: dict[str, float],
) -> int:
    """Append the rows of one project starting at row *number*; return the next free row."""
    funds = project.funds
    head: list[PlannedCell] = [(1, project.name or None, Style.PROJECT)]
    for index, fund in fund_columns:
        value = funds.get(fund)
        head.append((index, value, Style.AMOUNT))
    covered: list[PlannedCell] = [(index, None, style) for index, _value, style in head]
    indicators = project.indicators
    count = max(1, len(indicators))
    first = number
    heights: list[float] = []
    for position in range(count):
        cells = list(head if position == 0 else covered)
        lines = 1
        if indicators:
            indicator = indicators[position]
            for index, name, style in indicator_columns:
                text: str = getattr(indicator, name)
                cells.append((index, text or None, style))
                if text:
                    lines = max(lines, line_count(text, widths[name], BODY_SIZE, 1 if style is Style.TEXT else 0))
        else:
            cells.extend((index, None, style) for index, _name, style in indicator_columns)
        height = row_height(lines)
        heights.append(height)
        rows.append(PlannedRow(number, RowKind.INDICATOR, cells, height))
        number += 1
    needed = row_height(line_count(project.name, widths["project"], BODY_SIZE, 1))
    available = sum(heights)
    if needed > available:
        extra = round((needed - available) / count + 0.05, 1)
        for row in rows[-count:]:
            row.height = round(row.height + extra, 1)
    if count > 1:
        last = number - 1
        merges.append(Merge(first, 1, last, 1))
        merges.extend(Merge(first, index, last, index) for index, _fund in fund_columns)
    return number
