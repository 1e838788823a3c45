"""The problem index: runs :class:`goaltui.rules.Validator` incrementally and indexes its
problems by project, cell and row, with counts kept up to date by difference.

No rules live here: the Validator decides what is a problem; this module only
remembers where each problem points and how many of each severity there are.
An edit inside one project re-indexes and re-counts that project only; adding,
deleting, moving or renaming units and projects and header edits re-index all.

The rules are loaded by :meth:`ProblemIndex.start` (the editor calls it right
after its first paint, so the table shows at once); until then every lookup
answers "no problems".
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Final, NamedTuple

from goaltui.model import FUND_FIELDS, Document

if TYPE_CHECKING:
    from goaltui.rules import Problem, Validator
    from goaltui.session.change import Change

PANEL_FIELDS: Final = frozenset({*FUND_FIELDS, "name", "project", "funds"})
"""Project-level fields the project panel shows (not in the grid)."""

_CellIndex = dict[tuple[int | None, str | None], list["Problem"]]


class Counts(NamedTuple):
    """How many problems of each severity."""

    errors: int = 0
    warnings: int = 0
    infos: int = 0

    @staticmethod
    def of(problems: list[Problem]) -> Counts:
        from goaltui.rules import Severity  # (loaded: there are problems)

        errors = warnings = infos = 0
        for problem in problems:
            severity = problem.severity
            if severity is Severity.ERROR:
                errors += 1
            elif severity is Severity.WARNING:
                warnings += 1
            else:
                infos += 1
        return Counts(errors, warnings, infos)

    def plus(self, other: Counts) -> Counts:
        return Counts(self.errors + other.errors, self.warnings + other.warnings, self.infos + other.infos)

    def minus(self, other: Counts) -> Counts:
        return Counts(self.errors - other.errors, self.warnings - other.warnings, self.infos - other.infos)


NO_PROBLEMS: Final = Counts()


class ProblemIndex:
    """Where every problem of one document points, and how many there are."""

    def __init__(self, document: Document, min_indicators: int = 5) -> None:
        self.document = document
        self.min_indicators = min_indicators
        self.version = 0
        """Bumped whenever the problems may have changed (the problems panel compares it)."""
        self.validator: Validator | None = None
        self._by_project: dict[int, _CellIndex] = {}
        self._project_counts: dict[int, Counts] = {}
        self._own: dict[int | None, Counts] = {}
        """Problems of a unit itself (by unit key) or of the document (``None``), not of a project."""
        self._unit_of: dict[int, int] = {}
        """Project key → its unit's key (as of the last full index: projects change units only in
        structural changes, which index everything again)."""
        self._unit_counts: dict[int, Counts] = {}
        """Per unit: its own problems and all its projects' (what the tree shows beside the unit)."""
        self._total = NO_PROBLEMS

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

    def after(self, change: Change) -> None:
        """Revalidate what *change* touched (after a command, an undo or a redo)."""
        validator = self.validator
        if validator is None:  # a change before the first check: check everything now
            self.start()
            return
        if change.structure:
            validator.revalidate_structure()
            if change.document_level:  # (one step that adds projects and turns on 二级指标, a reload)
                validator.revalidate_document()
            self._reindex_all()
            return
        for key in change.projects:
            validator.revalidate_project(key)
        if change.document_level:
            validator.revalidate_document()
            self._reindex_all()
            return
        for key in change.projects:
            self._reindex(key)
        self.version += 1

    # --- counts (kept by difference: reading them costs nothing) ------------------------

    def counts(self) -> Counts:
        """Every problem of the document."""
        return self._total

    def project_counts(self, project_key: int) -> Counts:
        return self._project_counts.get(project_key, NO_PROBLEMS)

    def unit_counts(self, unit_key: int) -> Counts:
        """Problems of a unit itself and of all its projects (kept by difference)."""
        return self._unit_counts.get(unit_key, NO_PROBLEMS)

    def unit_of(self, project_key: int) -> int | None:
        """The key of the unit *project_key* was in when the problems were last indexed."""
        return self._unit_of.get(project_key)

    def own_counts(self) -> dict[int | None, Counts]:
        """Problems that belong to a unit itself (by unit key) or to the document (``None``), not to
        one of their projects: the tree adds them to the unit's and the department's totals."""
        return self._own

    # --- lookups -----------------------------------------------------------------------------

    def problems(self) -> list[Problem]:
        """Every problem, in document order."""
        return self.validator.problems() if self.validator is not None else []

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
        """Problems of the project's name (``name``) or of one of its amounts."""
        index = self._by_project.get(project_key, {})
        if field == "name":
            return index.get((None, "name"), []) + index.get((None, "project"), [])
        return index.get((None, field), [])

    # --- indexing ------------------------------------------------------------------------------

    def _reindex_all(self) -> None:
        validator = self.validator
        assert validator is not None
        self._by_project.clear()
        self._project_counts.clear()
        unit_of: dict[int, int] = {}
        per_unit: dict[int, Counts] = {}
        for unit in self.document.units:
            unit_counts = NO_PROBLEMS
            for project in unit.projects:
                unit_of[project.key] = unit.key
                unit_counts = unit_counts.plus(self._index_project(project.key))
            per_unit[unit.key] = unit_counts
        own: dict[int | None, list[Problem]] = defaultdict(list)
        for problem in validator.problems():
            if problem.project_key is None:
                own[problem.unit_key].append(problem)
        self._own = {key: Counts.of(found) for key, found in own.items()}
        total = NO_PROBLEMS
        for counts in [*per_unit.values(), *self._own.values()]:
            total = total.plus(counts)
        for unit_key, counts in per_unit.items():
            per_unit[unit_key] = counts.plus(self._own.get(unit_key, NO_PROBLEMS))
        self._unit_of = unit_of
        self._unit_counts = per_unit
        self._total = total
        self.version += 1

    def _reindex(self, project_key: int) -> None:
        before = self._project_counts.get(project_key, NO_PROBLEMS)
        after = self._index_project(project_key)
        if after == before:
            return
        self._total = self._total.minus(before).plus(after)
        unit_key = self._unit_of.get(project_key)
        if unit_key is not None:
            self._unit_counts[unit_key] = self.unit_counts(unit_key).minus(before).plus(after)

    def _index_project(self, project_key: int) -> Counts:
        """Index one project's problems; its counts."""
        assert self.validator is not None
        problems = self.validator.problems_for_project(project_key)
        index: _CellIndex = defaultdict(list)
        for problem in problems:
            index[(problem.row, problem.field)].append(problem)
        self._by_project[project_key] = index
        counts = self._project_counts[project_key] = Counts.of(problems)
        return counts
