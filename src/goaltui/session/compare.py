"""Comparing the document being edited with another version of it ("compare with…"), headless.

The editor keeps editing while the comparison is worked out, so the diff never
reads the live document: :func:`take_snapshot` copies its content on the
editor's thread (a ``model_dump``: about 10 ms for 2,000 projects) together with
the keys of its nodes, and :func:`compare` (in a worker thread) rebuilds a
document from the copy, runs :func:`goaltui.review.diff.diff` against the other
version and translates every node key of the copy back to the live node it was
copied from. The marks and the changes' places therefore name the live
document's nodes, whose keys survive edits and moves: the marks stay on their
cells while the user types, until the next comparison replaces them.

:func:`change_target` says where the editor goes for one change of the list.
"""

from __future__ import annotations

import gc
from collections.abc import Mapping
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from goaltui.model import Document, Indicator, Project, Unit
from goaltui.review.diff import Change, ChangeKind, CompareMarks, DocumentDiff, Place

if TYPE_CHECKING:
    from goaltui.rules import Problem, RuleConfig

__all__ = [
    "Comparison",
    "Snapshot",
    "Target",
    "TargetKind",
    "change_target",
    "compare",
    "take_snapshot",
]

_NodeTree = list[tuple[Unit, list[tuple[Project, list[Indicator]]]]]
"""The live nodes in document order: units, their projects, their indicators (lists of their own:
the worker reads their keys, which never change, while the document's lists are edited)."""


@dataclass(frozen=True, slots=True)
class Snapshot:
    """The document's content at one moment, and the keys of its nodes then (plain data)."""

    data: dict[str, Any]
    nodes: _NodeTree
    state: int
    """The history state it was taken at (the comparison is current while the document is in it)."""


def take_snapshot(document: Document, state: int) -> Snapshot:
    """A copy of *document* that a worker thread may read while the document is edited."""
    # (The keys themselves are read in the worker: reading 16,000 of them here took 30 ms.)
    nodes = [(unit, [(project, list(project.indicators)) for project in unit.projects]) for unit in document.units]
    return Snapshot(document.model_dump(), nodes, state)


def _rebuild(snapshot: Snapshot) -> tuple[Document, dict[int, int]]:
    """The snapshot as a document, and the map of its node keys to the live document's."""
    data = dict(snapshot.data)
    unit_data = data.pop("units")
    copy = Document.model_validate({**data, "units": []})
    # One project at a time: validation runs in compiled code and keeps the interpreter to itself until
    # it returns (a whole 2,000-project document: ~0.1 s; a unit of 200 projects: ~70 ms), freezing the
    # editor's thread; a project takes well under a millisecond, so the threads take turns.
    units = [
        Unit.model_validate({**unit, "projects": [Project.model_validate(project) for project in unit["projects"]]})
        for unit in unit_data
    ]
    copy.units = units
    key_map: dict[int, int] = {}
    for unit, (live_unit, projects) in zip(units, snapshot.nodes, strict=True):
        key_map[unit.key] = live_unit.key
        for project, (live_project, indicators) in zip(unit.projects, projects, strict=True):
            key_map[project.key] = live_project.key
            for indicator, live_indicator in zip(project.indicators, indicators, strict=True):
                key_map[indicator.key] = live_indicator.key
    return copy, key_map


def _live_place(place: Place | None, key_map: Mapping[int, int]) -> Place | None:
    if place is None:
        return None

    def live(key: int | None) -> int | None:
        return None if key is None else key_map.get(key)

    return replace(
        place,
        unit_key=live(place.unit_key),
        project_key=live(place.project_key),
        indicator_key=live(place.indicator_key),
    )


def _live_problem(problem: Problem | None, key_map: Mapping[int, int]) -> Problem | None:
    if problem is None:
        return None
    unit_key = None if problem.unit_key is None else key_map.get(problem.unit_key)
    project_key = None if problem.project_key is None else key_map.get(problem.project_key)
    return replace(problem, unit_key=unit_key, project_key=project_key)


def _live_change(change: Change, key_map: Mapping[int, int]) -> Change:
    """*change* with the new version's keys (the copy's) turned into the live document's."""
    problem = _live_problem(change.problem, key_map) if change.kind is ChangeKind.PROBLEM_INTRODUCED else change.problem
    return replace(change, new=_live_place(change.new, key_map), problem=problem)


@dataclass(frozen=True, slots=True)
class Comparison:
    """The document compared with *other* (read from *other_path*): the changes from *other* to the
    document, in the live document's keys, and its marks."""

    other_path: Path
    other: Document
    result: DocumentDiff
    marks: CompareMarks
    state: int
    """The history state the document was in when compared."""

    @property
    def changes(self) -> tuple[Change, ...]:
        return self.result.changes


def compare(other: Document, other_path: Path, snapshot: Snapshot, config: RuleConfig | None = None) -> Comparison:
    """What changed from *other* to the snapshot's document (safe to run in a worker thread).

    The garbage collector is off meanwhile: the nodes, rows and problems made here are freed by
    their reference counts, and the collections their numbers would trigger (now and then a walk
    over the whole heap, which holds the interpreter) froze the editor's thread for 80-130 ms at a
    time on a 2,000-project table; without them its longest wait is 15-30 ms.
    """
    from goaltui.review.diff import diff

    enabled = gc.isenabled()
    gc.disable()
    try:
        copy, key_map = _rebuild(snapshot)
        found = diff(other, copy, config)
        live = replace(found, changes=tuple(_live_change(change, key_map) for change in found.changes))
        return Comparison(other_path, other, live, live.marks(), snapshot.state)
    finally:
        if enabled:
            gc.enable()


# --- where a change is, for the editor to go there --------------------------------------------------


class TargetKind(StrEnum):
    HEADER = "header"
    """A header, footer or signature field (the header form)."""
    DOCUMENT = "document"
    """The whole table (a removed unit's place: the department)."""
    UNIT = "unit"
    PROJECT = "project"
    """A project: its name or an amount (*field*), or an indicator row (*row*)."""
    PROBLEM = "problem"
    """A problem of the document, where the problems list would go."""


@dataclass(frozen=True, slots=True)
class Target:
    kind: TargetKind
    unit_key: int | None = None
    project_key: int | None = None
    row: int | None = None
    """0-based indicator row."""
    field: str | None = None
    problem: Problem | None = None


_PROJECT_FIELD: Final = {ChangeKind.PROJECT_RENAMED: "name"}


def change_target(change: Change, document: Document) -> Target:
    """Where the editor shows *change* in *document* (the version being edited).

    Added and changed things are where they are now; removed rows and projects
    point at their parent (the project, the unit) as it is now, a removed unit
    at the department. A fixed problem is where its project or unit now is,
    found by name (it no longer exists to point at).
    """
    kind = change.kind
    if kind in (ChangeKind.HEADER, ChangeKind.SIGNATURE):
        return Target(TargetKind.HEADER, field=change.fields[0].field if change.fields else None)
    if kind is ChangeKind.PROBLEM_INTRODUCED and change.problem is not None:
        return Target(TargetKind.PROBLEM, problem=change.problem)
    if kind is ChangeKind.PROBLEM_FIXED and change.problem is not None:
        return _by_name(change.problem, document)
    place = change.new
    if place is None or place.unit_key is None:
        return Target(TargetKind.DOCUMENT)
    if place.project_key is None:
        return Target(TargetKind.UNIT, unit_key=place.unit_key)
    target = Target(TargetKind.PROJECT, unit_key=place.unit_key, project_key=place.project_key)
    if kind is ChangeKind.FUNDS and change.amounts:
        return replace(target, field=change.amounts[0].field)
    if kind in _PROJECT_FIELD:
        return replace(target, field=_PROJECT_FIELD[kind])
    if kind is ChangeKind.INDICATOR_REMOVED:
        row = change.old.row if change.old is not None and change.old.row else 1
        return replace(target, row=row - 1)  # where it was (the editor keeps the cursor on the rows there are)
    if place.row is not None:
        field = change.fields[0].field if kind is ChangeKind.INDICATOR_CHANGED and change.fields else None
        return replace(target, row=place.row - 1, field=field)
    return target


def _by_name(problem: Problem, document: Document) -> Target:
    units = [unit for unit in document.units if unit.name == problem.unit]
    for unit in units:
        for project in unit.projects:
            if problem.project and project.name == problem.project:
                row = problem.row - 1 if problem.row is not None else None
                return Target(TargetKind.PROJECT, unit_key=unit.key, project_key=project.key, row=row)
    if units:
        return Target(TargetKind.UNIT, unit_key=units[0].key)
    if problem.project_key is None and problem.unit_key is None:
        return Target(TargetKind.HEADER if problem.field else TargetKind.DOCUMENT, field=problem.field)
    return Target(TargetKind.DOCUMENT)
