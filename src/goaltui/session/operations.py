"""The editor's document operations, as functions of (document, selection) → command.

Each returns the command to execute (one undo step), or ``None`` when it does
not apply where the user is (no project, no row, the edge of the table). None
of them changes the document: :meth:`goaltui.session.Session.execute` does. New
operations (paste, fill down, sort…) are added here the same way, and the
editor binds a key to them through its action table.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal, NamedTuple

from goaltui.model.commands import (
    AddProject,
    AddUnit,
    ApplyFix,
    Batch,
    Command,
    DeleteIndicator,
    DeleteProject,
    DeleteUnit,
    DuplicateIndicator,
    InsertIndicator,
    MoveIndicator,
    MoveProject,
    MoveUnit,
    SetDocumentField,
    SetIndicatorField,
    SetProjectName,
    SetSignature,
    SetUnitName,
    find_unit,
    place_project,
)
from goaltui.model.document import Document, Indicator, Project, Unit
from goaltui.model.level1 import LEVEL1_VALUES, normalize_level1

if TYPE_CHECKING:
    from goaltui.rules import Problem

NodeKind = Literal["doc", "unit", "project"]
NodeRef = tuple[NodeKind, int]
"""A node of the tree: ``("doc", 0)``, ``("unit", unit_key)`` or ``("project", project_key)``."""


class Selection(NamedTuple):
    """Where the user is: the project shown, the grid cell under the cursor, the tree node."""

    project_key: int | None = None
    row: int | None = None
    """0-based indicator row under the grid cursor (None: no rows)."""
    field: str | None = None
    """The grid column (an indicator field) under the cursor."""
    node: NodeRef | None = None
    """The tree node under the tree cursor."""


def _project(document: Document, selection: Selection) -> Project | None:
    if selection.project_key is None:
        return None
    found = document.find_project(selection.project_key)
    return found[1] if found else None


def _row(document: Document, selection: Selection) -> tuple[Project, int] | None:
    project = _project(document, selection)
    if project is None or selection.row is None or not 0 <= selection.row < len(project.indicators):
        return None
    return project, selection.row


# --- indicator rows -------------------------------------------------------------------------


def insert_row(document: Document, selection: Selection) -> Command | None:
    """A new row below the cursor (the first row when there are none), with the row's 一级指标."""
    project = _project(document, selection)
    if project is None:
        return None
    at = _row(document, selection)
    if at is None:
        return InsertIndicator(project.key, 0, Indicator())
    return InsertIndicator(project.key, at[1] + 1, Indicator(level1=project.indicators[at[1]].level1))


def delete_row(document: Document, selection: Selection) -> Command | None:
    at = _row(document, selection)
    return DeleteIndicator(at[0].key, at[1]) if at else None


def duplicate_row(document: Document, selection: Selection) -> Command | None:
    """A copy of the row below it (with a key of its own)."""
    at = _row(document, selection)
    return DuplicateIndicator(document, at[0].key, at[1]) if at else None


def move_row(document: Document, selection: Selection, delta: int) -> Command | None:
    at = _row(document, selection)
    if at is None or not 0 <= at[1] + delta < len(at[0].indicators):
        return None
    return MoveIndicator(at[0].key, at[1], at[1] + delta)


def cycle_level1(document: Document, selection: Selection) -> Command | None:
    """The row's 一级指标 becomes the next allowed value (产出 → 效益 → 满意度 → 成本 → 产出)."""
    at = _row(document, selection)
    if at is None or selection.field != "level1":
        return None
    project, row = at
    indicator = project.indicators[row]
    current = normalize_level1(indicator.level1)
    index = LEVEL1_VALUES.index(current) + 1 if current in LEVEL1_VALUES else 0
    return SetIndicatorField(project.key, indicator.key, "level1", LEVEL1_VALUES[index % len(LEVEL1_VALUES)])


def apply_fix(document: Document, problem: Problem) -> Command | None:
    """The problem's suggested fix, as one undo step."""
    if problem.fix is None:
        return None
    return ApplyFix(
        document,
        problem.fix.field,
        problem.fix.value,
        unit_key=problem.unit_key,
        project_key=problem.project_key,
        row=problem.row,
    )


# --- projects and units ------------------------------------------------------------------------


def current_unit(document: Document, selection: Selection) -> tuple[int, Unit] | None:
    """The unit under the tree cursor (a project's unit), else the last unit."""
    node = selection.node
    if node is not None and node[0] == "unit":
        return find_unit(document, node[1])
    if node is not None and node[0] == "project":
        return find_unit(document, place_project(document, node[1])[0].key)
    return (len(document.units) - 1, document.units[-1]) if document.units else None


def add_project(document: Document, selection: Selection) -> Command:
    """A new empty project after the one under the tree cursor (else at the end of the unit;
    with a new unit when there is none). The change's location is the new project."""
    project = Project()
    node = selection.node
    if node is not None and node[0] == "project":
        unit, index, _project = place_project(document, node[1])
        return AddProject(unit.key, index + 1, project)
    found = current_unit(document, selection)
    if found is None:
        unit = Unit()
        return Batch([AddUnit(0, unit), AddProject(unit.key, 0, project)], kind="add_project", located_by=-1)
    return AddProject(found[1].key, len(found[1].projects), project)


def add_unit(document: Document, selection: Selection, name: str) -> Command:
    """A new unit named *name* after the current one."""
    found = current_unit(document, selection)
    return AddUnit(found[0] + 1 if found is not None else 0, Unit(name=name))


def rename_node(document: Document, selection: Selection, name: str) -> Command | None:
    node = selection.node
    if node is None or node[0] == "doc":
        return None
    if node[0] == "unit":
        return SetUnitName(node[1], name)
    return SetProjectName(node[1], name)


def delete_node(document: Document, selection: Selection) -> Command | None:
    """Delete the unit or project under the tree cursor (never the department)."""
    node = selection.node
    if node is None or node[0] == "doc":
        return None
    if node[0] == "unit":
        return DeleteUnit(node[1])
    return DeleteProject(node[1])


def move_node(document: Document, selection: Selection, delta: int) -> Command | None:
    """Move the unit or project under the tree cursor; a project at the edge of its unit moves
    into the neighbouring unit."""
    node = selection.node
    if node is None or node[0] == "doc":
        return None
    if node[0] == "unit":
        index, unit = find_unit(document, node[1])
        return MoveUnit(unit.key, index + delta) if 0 <= index + delta < len(document.units) else None
    unit, index, project = place_project(document, node[1])
    unit_index = find_unit(document, unit.key)[0]
    if 0 <= index + delta < len(unit.projects):
        return MoveProject(project.key, unit.key, index + delta)
    if delta < 0 and unit_index > 0:
        previous = document.units[unit_index - 1]
        return MoveProject(project.key, previous.key, len(previous.projects))
    if delta > 0 and unit_index + 1 < len(document.units):
        return MoveProject(project.key, document.units[unit_index + 1].key, 0)
    return None


# --- the header and footer --------------------------------------------------------------------------


def set_header(values: dict[str, Any]) -> Command | None:
    """The header form's changed values (``signatures.phone`` for a signature) as one undo step."""
    commands: list[Command] = []
    for field, value in values.items():
        if field.startswith("signatures."):
            commands.append(SetSignature(field.removeprefix("signatures."), value))
        else:
            commands.append(SetDocumentField(field, value))
    return Batch(commands, kind="set_header") if commands else None
