"""The review table's columns and the output formats: what the command line's parser offers.

Kept free of the model and the rules, so that building the parser (on every
start of goaltui, the editor's included) imports nothing heavy.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Final

from goaltui.i18n import t

__all__ = ["COLUMNS", "COUNT_COLUMNS", "DIFF_FORMATS", "FUND_COLUMNS", "REVIEW_FORMATS", "Column", "column_label"]

REVIEW_FORMATS: Final = ("text", "json", "csv", "md")
DIFF_FORMATS: Final = ("text", "json", "md")


class Column(StrEnum):
    """A column of the review table; the value is its stable key (JSON, CSV, ``--sort``)."""

    FILE = "file"
    DEPARTMENT = "department"
    UNITS = "units"
    PROJECTS = "projects"
    INDICATORS = "indicators"
    TOTAL = "total"
    GENERAL_BUDGET = "general_budget"
    GOV_FUND = "gov_fund"
    SPECIAL_ACCOUNT = "special_account"
    OTHER = "other"
    ERRORS = "errors"
    WARNINGS = "warnings"
    READY = "ready"


COLUMNS: Final = tuple(Column)
"""Display order."""

FUND_COLUMNS: Final = (Column.TOTAL, Column.GENERAL_BUDGET, Column.GOV_FUND, Column.SPECIAL_ACCOUNT, Column.OTHER)
"""The fund columns, named and ordered as the model's ``FUND_FIELDS`` (a test holds them together)."""
COUNT_COLUMNS: Final = (Column.UNITS, Column.PROJECTS, Column.INDICATORS, Column.ERRORS, Column.WARNINGS)


def column_label(column: Column) -> str:
    """The column's heading in the current language."""
    if column in FUND_COLUMNS or column is Column.DEPARTMENT:
        return t(f"field.{column.value}")
    return t(f"review.column.{column.value}")
