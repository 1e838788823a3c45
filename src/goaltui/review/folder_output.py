"""What ``goaltui review DIR --format text|json|csv|md`` prints: the review table and its totals row.

Text lines up double-width Chinese and escapes every cell (see
:mod:`goaltui.review.terminal_text`); JSON keeps amounts as exact decimal
strings; CSV is for a spreadsheet (headings in the user's language, amounts as
plain numbers, cells that a spreadsheet would take for a formula quoted with a
leading ``'``); Markdown escapes cells as :mod:`goaltui.io.markdown` does.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any, Final

from goaltui.i18n import t
from goaltui.io.markdown import amount_text, escape
from goaltui.model import FUND_FIELDS
from goaltui.model.amounts import format_amount
from goaltui.review.folder import ReviewRow, ReviewTotals, review_totals
from goaltui.review.options import COLUMNS, COUNT_COLUMNS, FUND_COLUMNS, Column, column_label
from goaltui.review.options import REVIEW_FORMATS as FORMATS
from goaltui.review.terminal_text import json_dumps, terminal_safe

__all__ = ["FORMATS", "render_review", "review_json"]

_FORMULA_START: Final = ("=", "+", "-", "@", "\t", "\r")


def review_json(rows: Sequence[ReviewRow], folder: Path) -> dict[str, Any]:
    """The JSON document: the folder, one object per file, and the totals."""
    totals = review_totals(rows)
    return {
        "folder": str(folder),
        "files": [_row_json(row) for row in rows],
        "totals": {
            "files": totals.files,
            "readable": totals.readable,
            "ready": totals.ready,
            "with_errors": totals.with_errors,
            "unreadable": totals.unreadable,
            "units": totals.units,
            "projects": totals.projects,
            "indicators": totals.indicators,
            "funds": {name: format_amount(totals.funds[name]) for name in FUND_FIELDS},
            "errors": totals.errors,
            "warnings": totals.warnings,
            "infos": totals.infos,
            "excluded_from_funds": totals.excluded_from_funds,
        },
    }


def _row_json(row: ReviewRow) -> dict[str, Any]:
    if not row.readable:
        return {"file": row.name, "readable": False, "ready": False, "reason": row.reason}
    return {
        "file": row.name,
        "readable": True,
        "ready": row.ready,
        "title": row.title,
        "department": row.department,
        "money_unit": row.money_unit,
        "units": row.units,
        "projects": row.projects,
        "indicators": row.indicators,
        "funds": {name: format_amount(row.funds.get(name, Decimal(0))) for name in FUND_FIELDS},
        "errors": row.errors,
        "warnings": row.warnings,
        "infos": row.infos,
    }


def _note(row: ReviewRow) -> str:
    if not row.readable:
        return t("review.labelled", label=t("review.unreadable"), text=row.reason)
    if not row.in_filed_unit:
        return t("review.other_unit", unit=row.money_unit.strip())
    return ""


def _cells(row: ReviewRow, amount: Callable[[Decimal], str]) -> dict[Column, str]:
    """The row's cells by column (amounts through *amount*), unescaped."""
    cells = {column: "" for column in COLUMNS}
    cells[Column.FILE] = row.name
    if row.readable:
        cells[Column.DEPARTMENT] = row.department
        for column in COUNT_COLUMNS:
            cells[column] = str(getattr(row, column.value))
        for column in FUND_COLUMNS:
            cells[column] = amount(row.funds.get(column.value, Decimal(0)))
        cells[Column.READY] = t("review.ready") if row.ready else ""
    return cells


def _totals_cells(totals: ReviewTotals, amount: Callable[[Decimal], str]) -> dict[Column, str]:
    cells = {column: "" for column in COLUMNS}
    cells[Column.FILE] = t("review.totals")
    cells[Column.DEPARTMENT] = t("review.totals_ready", ready=totals.ready, files=totals.files)
    for column in COUNT_COLUMNS:
        cells[column] = str(getattr(totals, column.value))
    for column in FUND_COLUMNS:
        cells[column] = amount(totals.funds[column.value])
    return cells


def _totals_note(totals: ReviewTotals) -> str:
    return t("review.summary_excluded", count=totals.excluded_from_funds) if totals.excluded_from_funds else ""


def _summary(totals: ReviewTotals) -> str:
    return t(
        "review.summary",
        files=totals.files,
        ready=totals.ready,
        with_errors=totals.with_errors,
        unreadable=totals.unreadable,
    )


def _headings() -> list[str]:
    return [column_label(column) for column in COLUMNS] + [t("review.column.note")]


_RIGHT: Final = frozenset(COUNT_COLUMNS + FUND_COLUMNS)


def _text(rows: Sequence[ReviewRow]) -> str:
    from rich.cells import cell_len

    totals = review_totals(rows)
    table = [[terminal_safe(cell) for cell in _headings()]]
    for row in rows:
        cells = _cells(row, amount_text)
        table.append([terminal_safe(cells[column]) for column in COLUMNS] + [terminal_safe(_note(row))])
    cells = _totals_cells(totals, amount_text)
    table.append([cells[column] for column in COLUMNS] + [_totals_note(totals)])
    widths = [max(cell_len(line[index]) for line in table) for index in range(len(COLUMNS) + 1)]
    right = [column in _RIGHT for column in COLUMNS] + [False]

    def line(cells: list[str]) -> str:
        padded = []
        for text, width, align_right in zip(cells, widths, right, strict=True):
            gap = " " * (width - cell_len(text))
            padded.append(gap + text if align_right else text + gap)
        return "  ".join(padded).rstrip()

    lines = [line(table[0]), "  ".join("-" * width for width in widths).rstrip()]
    lines += [line(cells) for cells in table[1:-1]]
    lines += ["  ".join("-" * width for width in widths).rstrip(), line(table[-1]), "", _summary(totals)]
    return "\n".join(lines)


def _spreadsheet_text(text: str) -> str:
    """A text cell a spreadsheet shows as text (not a formula), without controls."""
    text = terminal_safe(text)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _csv(rows: Sequence[ReviewRow]) -> str:
    totals = review_totals(rows)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([*_headings(), t("review.column.money_unit")])
    for row in rows:
        cells = _cells(row, format_amount)
        writer.writerow(
            [_spreadsheet_text(cells[column]) for column in COLUMNS]
            + [_spreadsheet_text(_note(row)), _spreadsheet_text(row.money_unit)]
        )
    cells = _totals_cells(totals, format_amount)
    writer.writerow([cells[column] for column in COLUMNS] + [_totals_note(totals), ""])
    return out.getvalue().rstrip("\n")


def _md(rows: Sequence[ReviewRow], folder: Path) -> str:
    totals = review_totals(rows)

    def md(text: str) -> str:
        return escape(terminal_safe(text))

    lines = [f"# {md(t('review.md_title', folder=folder))}", ""]
    lines.append("| " + " | ".join(md(heading) for heading in _headings()) + " |")
    lines.append("| " + " | ".join("---:" if column in _RIGHT else "---" for column in COLUMNS) + " | --- |")
    for row in rows:
        cells = _cells(row, amount_text)
        lines.append("| " + " | ".join([*(md(cells[column]) for column in COLUMNS), md(_note(row))]) + " |")
    cells = _totals_cells(totals, amount_text)
    bold = [f"**{md(cells[column])}**" if cells[column] else "" for column in COLUMNS]
    lines.append("| " + " | ".join([*bold, md(_totals_note(totals))]) + " |")
    lines += ["", md(_summary(totals))]
    return "\n".join(lines)


def render_review(rows: Sequence[ReviewRow], folder: Path, output_format: str) -> str:
    """The text to print for *rows* (already sorted and filtered) in *output_format*."""
    if output_format == "json":
        return json_dumps(review_json(rows, folder))
    if output_format == "csv":
        return _csv(rows)
    if output_format == "md":
        return _md(rows, folder)
    return _text(rows)
