"""Finding units, projects and indicators by key without scanning the document.

A :class:`NodeIndex` answers "where is the node with this key" in time
proportional to the node's parent (a check that the answer is still true), not
to the document. It is meant to be owned by whatever applies the commands (the
edit session) and told about structural changes with :meth:`NodeIndex.rebuild`;
it also stays correct when it is not told: every answer is checked (the node
is still in its parent, the parent still in the document, by identity), and a
key that is missing or whose answer no longer holds rebuilds the index once
(O(document)) before answering. While an index of a document lives,
:meth:`Document.find_project` answers through it (see :func:`index_of`).
"""

from __future__ import annotations

import weakref
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from goaltui.model.document import Document, Indicator, Project, Unit


_INDEXES: dict[int, weakref.ref[NodeIndex]] = {}
"""The live index of each document (by the document's id), for :func:`index_of`."""


def index_of(document: Document) -> NodeIndex | None:
    """The index someone keeps for *document* (the editor's session), if any: while it lives,
    :meth:`Document.find_project` answers through it (the commands find their project that
    way) instead of scanning every project."""
    ref = _INDEXES.get(id(document))
    index = ref() if ref is not None else None
    return index if index is not None and index.document is document else None


def _register(index: NodeIndex) -> None:
    key = id(index.document)

    def forget(ref: weakref.ref[NodeIndex]) -> None:
        if _INDEXES.get(key) is ref:
            del _INDEXES[key]

    _INDEXES[key] = weakref.ref(index, forget)


def _position(items: Sequence[object], node: object) -> int | None:
    """Where *node* itself (not an equal node) is in *items*."""
    for position, item in enumerate(items):
        if item is node:
            return position
    return None


class NodeIndex:
    """Key → node for one document's units, projects and indicators."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self._units: dict[int, Unit] = {}
        self._projects: dict[int, tuple[Unit, Project]] = {}
        self._indicators: dict[int, tuple[Project, Indicator]] | None = None
        """Made on the first lookup of an indicator (units and projects are enough for most uses)."""
        self.rebuilds = 0
        """How many times the index was built (for tests and benchmarks)."""
        self.rebuild()
        _register(self)  # (the latest index of a document answers its find_project)

    def rebuild(self) -> None:
        """Index the document again (after units, projects or indicators were added, removed or moved)."""
        units: dict[int, Unit] = {}
        projects: dict[int, tuple[Unit, Project]] = {}
        for unit in self.document.units:
            units[unit.key] = unit
            for project in unit.projects:
                projects[project.key] = (unit, project)
        self._units, self._projects, self._indicators = units, projects, None
        self.rebuilds += 1

    def _indicator_index(self) -> dict[int, tuple[Project, Indicator]]:
        indicators = self._indicators
        if indicators is None:
            indicators = self._indicators = {}
            for _unit, project in self._projects.values():
                for indicator in project.indicators:
                    indicators[indicator.key] = (project, indicator)
        return indicators

    def reindex_project(self, key: int) -> None:
        """Index the rows of one project again (after rows were added to it): O(project)."""
        found = self.project(key)
        if found is not None and self._indicators is not None:
            project = found[2]
            for indicator in project.indicators:
                self._indicators[indicator.key] = (project, indicator)

    # --- lookups: None when the document has no such node ----------------------------------

    def unit(self, key: int) -> tuple[int, Unit] | None:
        """The unit with *key* and its position in ``document.units``."""
        for attempt in (0, 1):
            unit = self._units.get(key)
            if unit is not None:
                position = _position(self.document.units, unit)
                if position is not None:
                    return position, unit
            if attempt == 0:
                self.rebuild()
        return None

    def project(self, key: int) -> tuple[Unit, int, Project] | None:
        """The project with *key*, its unit and its position in ``unit.projects``."""
        for attempt in (0, 1):
            found = self._projects.get(key)
            if found is not None:
                unit, project = found
                position = _position(unit.projects, project)
                if position is not None and _position(self.document.units, unit) is not None:
                    return unit, position, project
            if attempt == 0:
                self.rebuild()
        return None

    def indicator(self, key: int) -> tuple[Project, int, Indicator] | None:
        """The indicator with *key*, its project and its row (0-based) in ``project.indicators``."""
        for attempt in (0, 1):
            located = self._indicator_index().get(key)
            if located is not None:
                project, indicator = located
                row = _position(project.indicators, indicator)
                if row is not None and self.project(project.key) is not None:
                    return project, row, indicator
            if attempt == 0:
                self.rebuild()
        return None
