"""A new, empty table: what ``goaltui NEW.json`` opens when the file does not exist yet."""

from __future__ import annotations

from datetime import date
from typing import Final

from goaltui.io import form
from goaltui.model import Document, Indicator, Project, Unit

NEW_ROWS: Final = 5
"""Empty indicator rows of the first project: the form's minimum (备注 2)."""


def budget_year(today: date) -> int:
    """The year a table started today is for: budgets are drawn up in the year before."""
    return today.year + 1


def new_document(today: date | None = None) -> Document:
    """The form for the coming year: its title and 备注, one unit, one project with five empty
    indicator rows; the department is asked for on the header screen."""
    year = budget_year(today or date.today())
    project = Project(indicators=[Indicator() for _ in range(NEW_ROWS)])
    return Document(
        title=form.NEW_TITLE.format(year=year),
        notes=form.NEW_NOTES.format(year=year),
        units=[Unit(projects=[project])],
    )
