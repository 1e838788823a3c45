"""What the xlsx export refuses rather than writing something different from the document.

A spreadsheet cell holds an IEEE double: 15 significant digits. Written as is,
``12345678901234567890`` becomes ``12345678901234567000`` (shown
``1.23456789012346E+19``) — a different amount in an official workbook. The
export refuses, naming the first such cell; the rule E-FUNDS-INEXACT shows
them all in the editor and in ``goaltui check``. (Both use
:func:`goaltui.model.amounts.spreadsheet_exact`.)

The issued project count is kept in a 32-bit document property (``vt:i4``); a
larger count would make a workbook Excel calls damaged.
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

from goaltui.errors import OutputError
from goaltui.i18n import t
from goaltui.model import FUND_FIELDS, Document
from goaltui.model.amounts import format_amount, significant_digits, spreadsheet_exact, spreadsheet_value

__all__ = ["check_exportable"]

_INT32_MAX: Final = 2**31 - 1


def check_exportable(document: Document, path: Path) -> None:
    """Raise :class:`OutputError` (one line) when the workbook could not hold *document* exactly."""
    for unit, project in document.projects():
        funds = project.funds
        for field in FUND_FIELDS:
            amount = getattr(funds, field)
            if amount is not None and not spreadsheet_exact(amount):
                where = f"{unit.name} / {project.name}" if unit.name else project.name
                raise OutputError(
                    t(
                        "export.inexact_amount",
                        file=path,
                        where=where,
                        field=t(f"field.{field}"),
                        amount=format_amount(amount),
                        digits=significant_digits(amount),
                        kept=spreadsheet_value(amount),
                    )
                )
    count = document.expected_project_count
    if count is not None and not 0 <= count <= _INT32_MAX:
        shown = str(count) if len(str(count)) <= 20 else f"{str(count)[:12]}…（{len(str(count))}）"
        raise OutputError(t("export.count_out_of_range", file=path, count=shown, limit=f"{_INT32_MAX:,}"))
