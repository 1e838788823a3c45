"""Pasting tab-separated text (rows copied in Excel/WPS or in goaltui) into the table.

What fits where:

* in the grid, one value goes into the cell; rows of the form's indicator columns (4, or 5
  with 二级指标) become indicator rows (they fill the empty rows from the cursor down, then
  are inserted below); a narrower block goes into the cells from the cursor, as a
  spreadsheet pastes it (rows past the last are added); the form's own rows copied with
  their empty name and amount cells (continuation rows) are indicator rows too;
* on the tree (and in the grid, rows that carry a project name), the form's rows become
  projects with their funds and indicators, read by the same tolerant reader as a text
  import (:func:`goaltui.io.text_table.loads`); one column is a list of project names;
  indicator rows go into the project under the tree cursor;
* in the project panel, one value goes into the field.

A paste that does not fit raises :class:`PasteError`, whose text says what was expected;
nothing is changed. Every paste is one command (one undo step).
"""

from __future__ import annotations

from typing import NamedTuple

from goaltui.errors import InputError
from goaltui.i18n import t
from goaltui.io import text_table
from goaltui.model import Document, Indicator, Project, Unit
from goaltui.model.commands import (
    AddProject,
    AddUnit,
    Batch,
    Command,
    InsertIndicator,
    SetIndicatorField,
    place_project,
)
from goaltui.model.document import INDICATOR_FIELDS as ROW_FIELDS
from goaltui.model.level1 import normalize_level1
from goaltui.session.clipboard import indicator_fields
from goaltui.session.fields import FieldError, FieldRef
from goaltui.session.operations import Selection, current_unit, selected_project

_LEAD_CELLS = 6
"""项目名称 and the five amounts, before the indicator columns of a form row."""


class PasteError(ValueError):
    """A paste that does not fit where it was made; ``str()`` is the message for the user."""


class Pasted(NamedTuple):
    command: Command
    what: str
    """``cells``, ``rows`` or ``projects``."""
    n: int


class Block(NamedTuple):
    """Pasted text as rows of cells (blank lines and the form's header rows left out)."""

    rows: list[list[str]]
    width: int

    def padded(self) -> list[list[str]]:
        return [row + [""] * (self.width - len(row)) for row in self.rows]


def read_block(text: str) -> Block:
    rows = [row for row in text_table.split_cells(text) if row]
    while rows and text_table.is_header_row(rows[0]):
        rows.pop(0)
    while rows and not any(cell.strip() for cell in rows[-1]):
        rows.pop()
    if not rows:
        raise PasteError(t("paste.empty"))
    return Block(rows, max(len(row) for row in rows))


def _columns(document: Document) -> str:
    return t("paste.separator").join(t(f"field.{field}") for field in indicator_fields(document))


def _need_rows(document: Document, got: int) -> PasteError:
    fields = indicator_fields(document)
    return PasteError(t("paste.need_rows", n=len(fields), columns=_columns(document), got=got))


# --- the grid -------------------------------------------------------------------------------------------


def paste_in_grid(document: Document, selection: Selection, text: str) -> Pasted:
    """Paste *text* in the grid of the selected project, at the cursor (see the module docstring)."""
    block = read_block(text)
    project = selected_project(document, selection)
    if project is None:
        raise PasteError(t("paste.no_project"))
    fields = indicator_fields(document)
    width = len(fields)
    if block.width == width:
        indicators = [_indicator(fields, row) for row in block.padded()]
        return Pasted(place_rows(project, selection.row, indicators), "rows", len(indicators))
    if block.width > width:
        continuation = [_continuation(row, width) for row in block.rows]
        if all(cells is not None for cells in continuation):
            indicators = [_indicator(fields, cells) for cells in continuation if cells is not None]
            return Pasted(place_rows(project, selection.row, indicators), "rows", len(indicators))
        if block.width <= _LEAD_CELLS + width:  # the form's rows with a project name: projects
            try:
                return paste_projects(document, Selection(node=("project", project.key)), text)
            except PasteError:
                pass
        raise _need_rows(document, block.width)
    if selection.row is None or selection.field not in fields:
        raise PasteError(t("paste.no_rows_here", n=width, columns=_columns(document)))
    column = fields.index(selection.field)
    room = width - column
    if block.width > room:
        raise PasteError(
            t(
                "paste.too_wide_here",
                field=t(f"field.{selection.field}"),
                room=room,
                got=block.width,
                n=width,
                columns=_columns(document),
            )
        )
    return _paste_cells(project, selection.row, fields[column : column + block.width], block.padded())


def _continuation(row: list[str], width: int) -> list[str] | None:
    """The indicator cells of a form row whose name and amount cells are all empty (a row after
    a project's first: as copied from the official table, also after its page-break drift)."""
    if len(row) <= width or any(cell.strip() for cell in row[: len(row) - width]):
        return None
    return row[len(row) - width :]


def _indicator(fields: tuple[str, ...], cells: list[str]) -> Indicator:
    return Indicator(**dict(zip(fields, cells, strict=True)))


def _is_empty(indicator: Indicator) -> bool:
    return not any(getattr(indicator, field).strip() for field in ROW_FIELDS)


def place_rows(project: Project, row: int | None, indicators: list[Indicator], *, kind: str = "paste") -> Command:
    """New rows at the cursor: they fill the empty rows from the cursor's down (a new table's
    five empty rows), then are inserted below them (below the cursor's row when it is not
    empty; the first rows when the project has none)."""
    commands: list[Command] = []
    rows = project.indicators
    position = row if row is not None and 0 <= row < len(rows) else len(rows) - 1
    placed = 0
    if position >= 0 and _is_empty(rows[position]):
        while placed < len(indicators) and position < len(rows) and _is_empty(rows[position]):
            commands += _set_fields(project, position, indicators[placed], ROW_FIELDS)
            placed += 1
            position += 1
        insert_at = position
    else:
        insert_at = position + 1
    for indicator in indicators[placed:]:
        commands.append(InsertIndicator(project.key, insert_at, indicator))
        insert_at += 1
    return Batch(commands, kind=kind)


def _set_fields(project: Project, row: int, source: Indicator, fields: tuple[str, ...]) -> list[Command]:
    target = project.indicators[row]
    return [
        SetIndicatorField(project.key, target.key, field, getattr(source, field))
        for field in fields
        if getattr(target, field) != getattr(source, field)
    ]


def _paste_cells(project: Project, row: int, fields: tuple[str, ...], cells: list[list[str]]) -> Pasted:
    """A block into the cells from (row, first of *fields*); rows past the last are added."""
    commands: list[Command] = []
    count = 0
    for offset, line in enumerate(cells):
        source = Indicator(**dict(zip(fields, line, strict=True)))
        at = row + offset
        if at < len(project.indicators):
            commands += _set_fields(project, at, source, fields)
        else:
            commands.append(InsertIndicator(project.key, at, source))
        count += len(line)
    return Pasted(Batch(commands, kind="paste"), "cells", count)


# --- the project panel ---------------------------------------------------------------------------------------


def paste_in_panel(document: Document, selection: Selection, field: str, text: str) -> Pasted:
    """One value into the project's name or an amount."""
    block = read_block(text)
    project = selected_project(document, selection)
    if project is None:
        raise PasteError(t("paste.no_project"))
    if len(block.rows) != 1 or block.width != 1:
        raise PasteError(t("paste.one_value", rows=len(block.rows), got=block.width))
    try:
        command = FieldRef.panel(project, field).command(block.rows[0][0].strip())
    except FieldError as exc:
        raise PasteError(str(exc)) from exc
    return Pasted(Batch([command], kind="paste"), "cells", 1)


# --- the tree: projects ----------------------------------------------------------------------------------------


def paste_projects(document: Document, selection: Selection, text: str) -> Pasted:
    """The form's rows as projects (with funds and indicators) after the project under the tree
    cursor, or at the end of its unit; pasted units join the unit of the same name, or come
    after the current one. A column of names is a list of new projects; indicator rows on a
    project go into it."""
    block = read_block(text)
    fields = indicator_fields(document)
    node = selection.node
    if node is not None and node[0] == "project" and block.width == len(fields) and _all_indicator_rows(block):
        project = place_project(document, node[1])[2]
        indicators = [_indicator(fields, row) for row in block.padded()]
        return Pasted(place_rows(project, len(project.indicators) - 1, indicators), "rows", len(indicators))
    if block.width == 1:
        pasted = Document(units=[Unit(projects=[Project(name=row[0].strip()) for row in block.rows if row[0].strip()])])
    else:
        try:
            pasted = text_table.loads(text, t("paste.source"), rows_of=document.has_level2)
        except InputError as exc:
            raise PasteError(_projects_expected(document, str(exc))) from exc
    if not pasted.project_count():
        raise PasteError(_projects_expected(document, t("paste.no_projects_found")))
    return _add_projects(document, selection, pasted)


def _all_indicator_rows(block: Block) -> bool:
    return all(normalize_level1(row[0]) is not None or not row[0].strip() for row in block.rows)


def _projects_expected(document: Document, reason: str) -> str:
    fields = indicator_fields(document)
    return t(
        "paste.projects_expected",
        n=_LEAD_CELLS + len(fields),
        columns=_columns(document),
        reason=reason,
    )


def _add_projects(document: Document, selection: Selection, pasted: Document) -> Pasted:
    commands: list[Command] = []
    node = selection.node
    found = current_unit(document, selection)
    new_units: list[Unit] = []
    unit_position = found[0] + 1 if found is not None else len(document.units)
    positions: dict[int, int] = {}
    """Where the next project goes in each target unit (by key)."""
    if node is not None and node[0] == "project":
        unit, index, _project = place_project(document, node[1])
        positions[unit.key] = index + 1
    taken: dict[int, set[str]] = {}
    projects = 0
    for source in pasted.units:
        target = _target_unit(document, new_units, source, found[1] if found is not None else None)
        if target is None:  # a unit of its own
            unit = Unit(name=source.name)
            commands.append(AddUnit(unit_position, unit))
            unit_position += 1
            new_units.append(unit)
            target = unit
        names = taken.setdefault(target.key, {project.name for project in target.projects})
        for project in source.projects:
            project.name = _free_name(project.name, names)
            names.add(project.name)
            at = positions.get(target.key, len(target.projects))
            commands.append(AddProject(target.key, at, project))
            positions[target.key] = at + 1
            projects += 1
    command = Batch(commands, kind="paste", located_by=_first_project(commands))
    return Pasted(command, "projects", projects)


def _target_unit(document: Document, new_units: list[Unit], source: Unit, current: Unit | None) -> Unit | None:
    """The unit pasted projects go into: the current one for rows without a unit, the unit of the
    same name, or None (the pasted unit is added)."""
    if not source.name.strip():
        if current is not None:
            return current
        if new_units:
            return new_units[0]
        return None
    for unit in [*document.units, *new_units]:
        if unit.name.strip() == source.name.strip():
            return unit
    return None


def _free_name(name: str, taken: set[str]) -> str:
    """*name*, or *name*（副本）, （副本2）… when the unit has a project of that name already."""
    if not name.strip() or name not in taken:
        return name
    candidate = t("paste.copy_name", name=name)
    number = 2
    while candidate in taken:
        candidate = t("paste.copy_name_n", name=name, n=number)
        number += 1
    return candidate


def _first_project(commands: list[Command]) -> int:
    return next((index for index, command in enumerate(commands) if isinstance(command, AddProject)), 0)


__all__ = [
    "Block",
    "PasteError",
    "Pasted",
    "paste_in_grid",
    "paste_in_panel",
    "paste_projects",
    "place_rows",
    "read_block",
]
