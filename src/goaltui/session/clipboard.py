"""Copying: the cell, the selected rows, a project or a unit as tab-separated text.

The text is what Excel and WPS copy and paste (:func:`goaltui.io.text_table.format_cells`),
so rows copied here paste into a workbook, and rows copied from a workbook paste here
(:mod:`goaltui.session.paste`). A project is copied as the form's rows: its name and five
amounts on its first row, the indicators after them, the cells under the name and the
amounts empty, as in the official table.
"""

from __future__ import annotations

from typing import NamedTuple

from goaltui.io.text_table import format_cells
from goaltui.model import FUND_FIELDS, Document, Project, Unit
from goaltui.model.amounts import format_amount
from goaltui.model.commands import find_unit
from goaltui.session.fields import grid_fields
from goaltui.session.operations import Selection, selected_project


class Copied(NamedTuple):
    """What a copy put on the clipboard."""

    text: str
    what: str
    """``cell``, ``rows``, ``project`` or ``unit``."""
    n: int
    """Rows (indicator rows, or the form's rows of the projects)."""


def indicator_fields(document: Document) -> tuple[str, ...]:
    """The indicator columns of the document's form, in order (二级指标 only on three-level forms)."""
    return grid_fields(document.has_level2)


def copy_cell(document: Document, selection: Selection) -> Copied | None:
    """The cell under the grid cursor, as Excel copies one cell."""
    project = selected_project(document, selection)
    if project is None or selection.row is None or selection.field is None:
        return None
    if not 0 <= selection.row < len(project.indicators):
        return None
    value = str(getattr(project.indicators[selection.row], selection.field))
    return Copied(format_cells([[value]]), "cell", 1)


def copy_rows(document: Document, selection: Selection) -> Copied | None:
    """The selected indicator rows (else the cursor's row): one line each, the form's columns."""
    project = selected_project(document, selection)
    span = selection.row_span()
    if project is None or span is None:
        return None
    first, last = max(0, span[0]), min(span[1], len(project.indicators) - 1)
    if first > last:
        return None
    fields = indicator_fields(document)
    rows = [[getattr(row, field) for field in fields] for row in project.indicators[first : last + 1]]
    return Copied(format_cells(rows), "rows", len(rows))


def project_rows(document: Document, project: Project) -> list[list[str]]:
    """A project as the form's rows (name and amounts on the first)."""
    fields = indicator_fields(document)
    lead = [project.name, *(format_amount(project.funds.get(field)) for field in FUND_FIELDS)]
    blank = [""] * len(lead)
    if not project.indicators:
        return [lead + [""] * len(fields)]
    return [
        (lead if index == 0 else blank) + [getattr(row, field) for field in fields]
        for index, row in enumerate(project.indicators)
    ]


def copy_project(document: Document, project_key: int) -> Copied | None:
    project = selected_project(document, Selection(project_key))
    if project is None:
        return None
    rows = project_rows(document, project)
    return Copied(format_cells(rows), "project", len(rows))


def unit_rows(document: Document, unit: Unit) -> list[list[str]]:
    """A unit as the form's rows: its own row (the name, nothing else), then its projects."""
    width = 1 + len(FUND_FIELDS) + len(indicator_fields(document))
    rows = [[unit.name] + [""] * (width - 1)]
    for project in unit.projects:
        rows += project_rows(document, project)
    return rows


def copy_unit(document: Document, unit_key: int) -> Copied:
    rows = unit_rows(document, find_unit(document, unit_key)[1])
    return Copied(format_cells(rows), "unit", len(rows))


def copy_node(document: Document, selection: Selection) -> Copied | None:
    """The tree node under the tree cursor: a project, a unit, or (the department) every unit."""
    node = selection.node
    if node is None:
        return None
    if node[0] == "project":
        return copy_project(document, node[1])
    if node[0] == "unit":
        return copy_unit(document, node[1])
    rows = [row for unit in document.units for row in unit_rows(document, unit)]
    return Copied(format_cells(rows), "unit", len(rows)) if rows else None

