"""The editor's view of validation: runs :class:`goaltui.rules.Validator`
incrementally and indexes its problems by cell, row and project, so moving
the cursor looks problems up instead of searching.

No rules live here: the Validator decides what is a problem; this module only
remembers where each problem points.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from goaltui.model import FUND_FIELDS, Document

if TYPE_CHECKING:
    from goaltui.model.commands import Command
    from goaltui.rules import Problem, Validator

PANEL_FIELDS = frozenset({*FUND_FIELDS, "name", "project", "funds"})
"""Project-level fields shown in the project panel (not in the grid)."""

CellIndex = dict[tuple[int | None, str | None], list["Problem"]]


def severity_name(problem: Problem) -> str:
    """``"error"``, ``"warning"`` or ``"info"``."""
    return str(problem.severity.value)


def severity_style(problem: Problem) -> str:
    return {"error": "bold red", "warning": "yellow"}.get(severity_name(problem), "cyan")


class Checker:
    """Wraps ``goaltui.rules.Validator`` for the editor.

    The rules are loaded and run by :meth:`start`, which the main screen calls
    right after its first paint (so the table shows at once); until then
    every lookup answers "no problems".
    """

    def __init__(self, document: Document, min_indicators: int = 5) -> None:
        self.document = document
        self.min_indicators = min_indicators
        self.version = 0
        """Bumped whenever the problems may have changed (the problems panel compares it)."""
        self.validator: Validator | None = None
        self._by_project: dict[int, CellIndex] = {}
        self._own: tuple[int, dict[int | None, tuple[int, int]]] | None = None

    @property
    def started(self) -> bool:
        return self.validator is not None

    def start(self) -> None:
        """Load the rules and validate the whole document (once)."""
        if self.validator is not None:
            return
        from goaltui.rules import RuleConfig, Validator

        self.validator = Validator(self.document, RuleConfig(min_indicators=self.min_indicators))
        self._reindex_all()

    # running the rules

    def revalidate_all(self) -> None:
        if self.validator is None:
            self.start()
            return
        self.validator.revalidate_all()
        self._reindex_all()

    def after(self, command: Command | None) -> None:
        """Revalidate what *command* touched (after apply, undo or redo)."""
        if command is None:
            return
        validator = self.validator
        if validator is None:
            self.start()
            return
        if command.structure:
            validator.revalidate_structure()
            self._reindex_all()
            return
        for key in command.touched_projects:
            validator.revalidate_project(key)
        if command.document_level:
            validator.revalidate_document()
            self._reindex_all()
            return
        for key in command.touched_projects:
            self._reindex(key)
        self.version += 1

    # lookups

    def problems(self) -> list[Problem]:
        return self.validator.problems() if self.validator is not None else []

    def counts(self) -> tuple[int, int]:
        errors = warnings = 0
        for problem in self.problems():
            name = severity_name(problem)
            errors += name == "error"
            warnings += name == "warning"
        return errors, warnings

    def project_counts(self, project_key: int) -> tuple[int, int]:
        index = self._by_project.get(project_key)
        if not index:
            return 0, 0
        errors = warnings = 0
        for found in index.values():
            for problem in found:
                name = severity_name(problem)
                errors += name == "error"
                warnings += name == "warning"
        return errors, warnings

    def own_counts(self) -> dict[int | None, tuple[int, int]]:
        """Errors and warnings that belong to a unit itself (by unit key) or to the document (``None``),
        not to one of their projects: the tree adds them to the unit's and the department's totals."""
        if self._own is not None and self._own[0] == self.version:
            return self._own[1]
        counts: dict[int | None, tuple[int, int]] = {}
        for problem in self.problems():
            if problem.project_key is not None:
                continue
            name = severity_name(problem)
            errors, warnings = counts.get(problem.unit_key, (0, 0))
            counts[problem.unit_key] = (errors + (name == "error"), warnings + (name == "warning"))
        self._own = (self.version, counts)
        return counts

    def cell(self, project_key: int, row: int, field: str) -> list[Problem]:
        """Problems of one indicator cell (*row* is 0-based)."""
        return self._by_project.get(project_key, {}).get((row + 1, field), [])

    def row(self, project_key: int, row: int) -> list[Problem]:
        """Problems of an indicator row as a whole (no field), *row* 0-based."""
        return self._by_project.get(project_key, {}).get((row + 1, None), [])

    def row_all(self, project_key: int, row: int) -> list[Problem]:
        """Every problem pointing into an indicator row (0-based)."""
        index = self._by_project.get(project_key, {})
        return [p for (r, _f), found in index.items() if r == row + 1 for p in found]

    def project_level(self, project_key: int) -> list[Problem]:
        """Problems of the project not tied to one indicator row."""
        index = self._by_project.get(project_key, {})
        return [p for (r, _f), found in index.items() if r is None for p in found]

    def panel_field(self, project_key: int, field: str) -> list[Problem]:
        index = self._by_project.get(project_key, {})
        if field == "name":
            return index.get((None, "name"), []) + index.get((None, "project"), [])
        return index.get((None, field), [])

    # indexing

    def _reindex_all(self) -> None:
        self._by_project.clear()
        for _unit, project in self.document.projects():
            self._reindex(project.key)
        self.version += 1

    def _reindex(self, project_key: int) -> None:
        index: CellIndex = defaultdict(list)
        if self.validator is None:
            return
        for problem in self.validator.problems_for_project(project_key):
            index[(problem.row, problem.field)].append(problem)
        self._by_project[project_key] = index
