"""The command layer: every change to a document is a command with apply/revert.

Pure (no textual). The editor never changes the model directly: it builds a
command and hands it to :class:`goaltui.model.history.History`, which applies it,
records it for undo/redo and tracks whether the document changed since it was
last saved.

Commands find their targets by session ``key`` (see :mod:`goaltui.model.document`),
never by object identity captured at creation, so a command stays valid after
other commands moved things around and were undone. Deleted nodes are kept by
the command and re-inserted as the same objects on revert, so their keys (and
anything the editor or the validator knows about them) survive an undo.

Each command tells what it touched, so validation can be incremental:

* ``touched_projects``: keys of the projects whose content changed;
* ``rows``: indicator rows of those projects were inserted, deleted or moved
  (a view of the rows lays them out again; other changes keep every row in place);
* ``structure``: units or projects were added, deleted, moved or renamed;
* ``document_level``: header or footer fields changed.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, ClassVar, Final

from goaltui.model.document import FUND_FIELDS, INDICATOR_FIELDS, Document, Indicator, Project, Unit

DOCUMENT_FIELDS: Final = ("title", "department", "money_unit", "expected_project_count", "notes", "has_level2")
"""Header/footer fields of :class:`Document` that :class:`SetDocumentField` may change."""

SIGNATURE_FIELDS: Final = ("leader", "handler", "phone")
"""Fields of :class:`~goaltui.model.document.Signatures`."""


class CommandError(ValueError):
    """A command whose target does not exist (a programming error in the caller)."""


@dataclass(frozen=True)
class Location:
    """Where a change happened, so the editor can put the cursor there."""

    unit_key: int | None = None
    project_key: int | None = None
    row: int | None = None
    """0-based indicator index within the project."""
    field: str | None = None


# --- lookups -------------------------------------------------------------------


def find_unit(document: Document, unit_key: int) -> tuple[int, Unit]:
    for index, unit in enumerate(document.units):
        if unit.key == unit_key:
            return index, unit
    raise CommandError(f"no unit with key {unit_key}")


def place_project(document: Document, project_key: int) -> tuple[Unit, int, Project]:
    """The project with *project_key*, its unit and its position there (found by
    :meth:`Document.find_project`); raises CommandError when there is none."""
    found = document.find_project(project_key)
    if found is None:
        raise CommandError(f"no project with key {project_key}")
    unit, project = found
    return unit, next(i for i, candidate in enumerate(unit.projects) if candidate is project), project


def project_of(document: Document, project_key: int) -> Project:
    """The project with *project_key*; raises CommandError when there is none."""
    found = document.find_project(project_key)
    if found is None:
        raise CommandError(f"no project with key {project_key}")
    return found[1]


def find_indicator(project: Project, indicator_key: int) -> tuple[int, Indicator]:
    for index, indicator in enumerate(project.indicators):
        if indicator.key == indicator_key:
            return index, indicator
    raise CommandError(f"no indicator with key {indicator_key} in project {project.key}")


def copy_indicator(indicator: Indicator) -> Indicator:
    """A copy with a new session key."""
    return Indicator(**indicator.model_dump())


# --- the command base ------------------------------------------------------------


class Command(ABC):
    """One undoable change. ``apply`` then ``revert`` leaves the document as it was."""

    kind: ClassVar[str] = "command"
    """Short stable name (the editor maps it to a label)."""
    rows: ClassVar[bool] = False
    structure: ClassVar[bool] = False
    document_level: ClassVar[bool] = False

    @abstractmethod
    def apply(self, document: Document) -> None: ...

    @abstractmethod
    def revert(self, document: Document) -> None: ...

    @property
    def touched_projects(self) -> frozenset[int]:
        return frozenset()

    def location(self) -> Location:
        return Location()

    def is_noop(self, document: Document) -> bool:
        """True when applying would change nothing (History then skips it)."""
        return False


_UNSET: Final[Any] = object()


def _same(a: Any, b: Any) -> bool:
    """Equal and written the same (``Decimal("10")`` and ``Decimal("10.0")`` differ in the file)."""
    return type(a) is type(b) and a == b and repr(a) == repr(b)


class _SetValue(Command):
    """Base for "set one value" commands: remembers the old value on first apply."""

    def __init__(self, value: Any) -> None:
        self.value = value
        self.old: Any = _UNSET

    @abstractmethod
    def _get(self, document: Document) -> Any: ...

    @abstractmethod
    def _set(self, document: Document, value: Any) -> None: ...

    def apply(self, document: Document) -> None:
        current = self._get(document)
        if self.old is _UNSET:
            self.old = current
        self._set(document, self.value)

    def revert(self, document: Document) -> None:
        if self.old is _UNSET:
            raise CommandError("revert before apply")
        self._set(document, self.old)

    def is_noop(self, document: Document) -> bool:
        return _same(self._get(document), self.value)


class SetIndicatorField(_SetValue):
    """Set one text field (一级/二级/明细指标, 指标值, 指标描述) of one indicator row."""

    kind = "set_indicator_field"

    def __init__(self, project_key: int, indicator_key: int, field: str, value: str) -> None:
        if field not in INDICATOR_FIELDS:
            raise CommandError(f"not an indicator field: {field}")
        super().__init__(value)
        self.project_key = project_key
        self.indicator_key = indicator_key
        self.field = field
        self._row: int | None = None

    def _indicator(self, document: Document) -> Indicator:
        _unit, _index, project = place_project(document, self.project_key)
        self._row, indicator = find_indicator(project, self.indicator_key)
        return indicator

    def _get(self, document: Document) -> Any:
        return getattr(self._indicator(document), self.field)

    def _set(self, document: Document, value: Any) -> None:
        setattr(self._indicator(document), self.field, value)


    @property
    def touched_projects(self) -> frozenset[int]:
        return frozenset({self.project_key})

    def location(self) -> Location:
        return Location(project_key=self.project_key, row=self._row, field=self.field)


class SetFund(_SetValue):
    """Set one amount (合计 or a source) of a project; ``None`` empties it."""

    kind = "set_fund"

    def __init__(self, project_key: int, field: str, value: Decimal | None) -> None:
        if field not in FUND_FIELDS:
            raise CommandError(f"not a fund field: {field}")
        super().__init__(value)
        self.project_key = project_key
        self.field = field

    def _get(self, document: Document) -> Any:
        return project_of(document, self.project_key).funds.get(self.field)

    def _set(self, document: Document, value: Any) -> None:
        setattr(project_of(document, self.project_key).funds, self.field, value)


    @property
    def touched_projects(self) -> frozenset[int]:
        return frozenset({self.project_key})

    def location(self) -> Location:
        return Location(project_key=self.project_key, field=self.field)


class SetProjectName(_SetValue):
    kind = "set_project_name"
    structure = True

    def __init__(self, project_key: int, name: str) -> None:
        super().__init__(name)
        self.project_key = project_key

    def _get(self, document: Document) -> Any:
        return project_of(document, self.project_key).name

    def _set(self, document: Document, value: Any) -> None:
        project_of(document, self.project_key).name = value


    @property
    def touched_projects(self) -> frozenset[int]:
        return frozenset({self.project_key})

    def location(self) -> Location:
        return Location(project_key=self.project_key, field="name")


class SetUnitName(_SetValue):
    kind = "set_unit_name"
    structure = True

    def __init__(self, unit_key: int, name: str) -> None:
        super().__init__(name)
        self.unit_key = unit_key

    def _get(self, document: Document) -> Any:
        return find_unit(document, self.unit_key)[1].name

    def _set(self, document: Document, value: Any) -> None:
        find_unit(document, self.unit_key)[1].name = value


    def location(self) -> Location:
        return Location(unit_key=self.unit_key, field="name")


class SetDocumentField(_SetValue):
    """Set a header/footer field (title, department, notes, expected count...)."""

    kind = "set_document_field"
    document_level = True

    def __init__(self, field: str, value: Any) -> None:
        if field not in DOCUMENT_FIELDS:
            raise CommandError(f"not a document field: {field}")
        super().__init__(value)
        self.field = field

    def _get(self, document: Document) -> Any:
        return getattr(document, self.field)

    def _set(self, document: Document, value: Any) -> None:
        setattr(document, self.field, value)


    def location(self) -> Location:
        return Location(field=self.field)


class SetSignature(_SetValue):
    """Set a footer signature field (部门主要领导, 经办人, 联系电话)."""

    kind = "set_signature"
    document_level = True

    def __init__(self, field: str, value: str) -> None:
        if field not in SIGNATURE_FIELDS:
            raise CommandError(f"not a signature field: {field}")
        super().__init__(value)
        self.field = field

    def _get(self, document: Document) -> Any:
        return getattr(document.signatures, self.field)

    def _set(self, document: Document, value: Any) -> None:
        setattr(document.signatures, self.field, value)


    def location(self) -> Location:
        return Location(field=self.field)


# --- indicator rows ----------------------------------------------------------------


class InsertIndicator(Command):
    """Insert a row at *index* (0-based; ``len`` appends). A new empty row by default."""

    kind = "insert_indicator"
    rows = True

    def __init__(self, project_key: int, index: int, indicator: Indicator | None = None) -> None:
        self.project_key = project_key
        self.index = index
        self.indicator = indicator if indicator is not None else Indicator()

    def apply(self, document: Document) -> None:
        project = project_of(document, self.project_key)
        if not 0 <= self.index <= len(project.indicators):
            raise CommandError(f"row {self.index} out of range")
        project.indicators.insert(self.index, self.indicator)

    def revert(self, document: Document) -> None:
        project = project_of(document, self.project_key)
        index, _indicator = find_indicator(project, self.indicator.key)
        del project.indicators[index]

    @property
    def touched_projects(self) -> frozenset[int]:
        return frozenset({self.project_key})

    def location(self) -> Location:
        return Location(project_key=self.project_key, row=self.index)


class DuplicateIndicator(InsertIndicator):
    """Insert a copy of row *index* right below it."""

    kind = "duplicate_indicator"

    def __init__(self, document: Document, project_key: int, index: int) -> None:
        project = project_of(document, project_key)
        if not 0 <= index < len(project.indicators):
            raise CommandError(f"row {index} out of range")
        super().__init__(project_key, index + 1, copy_indicator(project.indicators[index]))


class DeleteIndicator(Command):
    kind = "delete_indicator"
    rows = True

    def __init__(self, project_key: int, index: int) -> None:
        self.project_key = project_key
        self.index = index
        self.removed: Indicator | None = None

    def apply(self, document: Document) -> None:
        project = project_of(document, self.project_key)
        if not 0 <= self.index < len(project.indicators):
            raise CommandError(f"row {self.index} out of range")
        self.removed = project.indicators.pop(self.index)

    def revert(self, document: Document) -> None:
        if self.removed is None:
            raise CommandError("revert before apply")
        project_of(document, self.project_key).indicators.insert(self.index, self.removed)

    @property
    def touched_projects(self) -> frozenset[int]:
        return frozenset({self.project_key})

    def location(self) -> Location:
        return Location(project_key=self.project_key, row=self.index)


class MoveIndicator(Command):
    """Move row *index* to *new_index* within its project."""

    kind = "move_indicator"
    rows = True

    def __init__(self, project_key: int, index: int, new_index: int) -> None:
        self.project_key = project_key
        self.index = index
        self.new_index = new_index

    def _move(self, document: Document, source: int, target: int) -> None:
        rows = project_of(document, self.project_key).indicators
        if not (0 <= source < len(rows) and 0 <= target < len(rows)):
            raise CommandError(f"cannot move row {source} to {target}")
        rows.insert(target, rows.pop(source))

    def apply(self, document: Document) -> None:
        self._move(document, self.index, self.new_index)

    def revert(self, document: Document) -> None:
        self._move(document, self.new_index, self.index)

    def is_noop(self, document: Document) -> bool:
        return self.index == self.new_index

    @property
    def touched_projects(self) -> frozenset[int]:
        return frozenset({self.project_key})

    def location(self) -> Location:
        return Location(project_key=self.project_key, row=self.new_index)


# --- projects ------------------------------------------------------------------------


class AddProject(Command):
    """Insert a project into a unit at *index* (a new empty one by default)."""

    kind = "add_project"
    structure = True

    def __init__(self, unit_key: int, index: int, project: Project | None = None) -> None:
        self.unit_key = unit_key
        self.index = index
        self.project = project if project is not None else Project()

    def apply(self, document: Document) -> None:
        unit = find_unit(document, self.unit_key)[1]
        if not 0 <= self.index <= len(unit.projects):
            raise CommandError(f"project position {self.index} out of range")
        unit.projects.insert(self.index, self.project)

    def revert(self, document: Document) -> None:
        unit, index, _project = place_project(document, self.project.key)
        del unit.projects[index]

    @property
    def touched_projects(self) -> frozenset[int]:
        return frozenset({self.project.key})

    def location(self) -> Location:
        return Location(unit_key=self.unit_key, project_key=self.project.key)


class DeleteProject(Command):
    kind = "delete_project"
    structure = True

    def __init__(self, project_key: int) -> None:
        self.project_key = project_key
        self.unit_key: int | None = None
        self.index = 0
        self.removed: Project | None = None

    def apply(self, document: Document) -> None:
        unit, self.index, _project = place_project(document, self.project_key)
        self.unit_key = unit.key
        self.removed = unit.projects.pop(self.index)

    def revert(self, document: Document) -> None:
        if self.removed is None or self.unit_key is None:
            raise CommandError("revert before apply")
        find_unit(document, self.unit_key)[1].projects.insert(self.index, self.removed)

    @property
    def touched_projects(self) -> frozenset[int]:
        return frozenset({self.project_key})

    def location(self) -> Location:
        return Location(unit_key=self.unit_key, project_key=self.project_key)


class MoveProject(Command):
    """Move a project to position *index* of unit *unit_key* (its own or another)."""

    kind = "move_project"
    structure = True

    def __init__(self, project_key: int, unit_key: int, index: int) -> None:
        self.project_key = project_key
        self.unit_key = unit_key
        self.index = index
        self.from_unit_key: int | None = None
        self.from_index = 0

    def apply(self, document: Document) -> None:
        unit, self.from_index, project = place_project(document, self.project_key)
        self.from_unit_key = unit.key
        target = find_unit(document, self.unit_key)[1]
        limit = len(target.projects) - (1 if target is unit else 0)
        if not 0 <= self.index <= limit:
            raise CommandError(f"project position {self.index} out of range")
        unit.projects.pop(self.from_index)
        target.projects.insert(self.index, project)

    def revert(self, document: Document) -> None:
        if self.from_unit_key is None:
            raise CommandError("revert before apply")
        unit, index, project = place_project(document, self.project_key)
        unit.projects.pop(index)
        find_unit(document, self.from_unit_key)[1].projects.insert(self.from_index, project)

    def is_noop(self, document: Document) -> bool:
        unit, index, _project = place_project(document, self.project_key)
        return unit.key == self.unit_key and index == self.index

    @property
    def touched_projects(self) -> frozenset[int]:
        return frozenset({self.project_key})

    def location(self) -> Location:
        return Location(unit_key=self.unit_key, project_key=self.project_key)


# --- units ---------------------------------------------------------------------------


class AddUnit(Command):
    kind = "add_unit"
    structure = True

    def __init__(self, index: int, unit: Unit | None = None) -> None:
        self.index = index
        self.unit = unit if unit is not None else Unit()

    def apply(self, document: Document) -> None:
        if not 0 <= self.index <= len(document.units):
            raise CommandError(f"unit position {self.index} out of range")
        document.units.insert(self.index, self.unit)

    def revert(self, document: Document) -> None:
        index, _unit = find_unit(document, self.unit.key)
        del document.units[index]

    @property
    def touched_projects(self) -> frozenset[int]:
        return frozenset(project.key for project in self.unit.projects)

    def location(self) -> Location:
        return Location(unit_key=self.unit.key)


class DeleteUnit(Command):
    kind = "delete_unit"
    structure = True

    def __init__(self, unit_key: int) -> None:
        self.unit_key = unit_key
        self.index = 0
        self.removed: Unit | None = None

    def apply(self, document: Document) -> None:
        self.index, _unit = find_unit(document, self.unit_key)
        self.removed = document.units.pop(self.index)

    def revert(self, document: Document) -> None:
        if self.removed is None:
            raise CommandError("revert before apply")
        document.units.insert(self.index, self.removed)

    @property
    def touched_projects(self) -> frozenset[int]:
        return frozenset(project.key for project in self.removed.projects) if self.removed else frozenset()

    def location(self) -> Location:
        return Location(unit_key=self.unit_key)


class MoveUnit(Command):
    kind = "move_unit"
    structure = True

    def __init__(self, unit_key: int, index: int) -> None:
        self.unit_key = unit_key
        self.index = index
        self.from_index = 0

    def apply(self, document: Document) -> None:
        self.from_index, _unit = find_unit(document, self.unit_key)
        if not 0 <= self.index < len(document.units):
            raise CommandError(f"unit position {self.index} out of range")
        document.units.insert(self.index, document.units.pop(self.from_index))

    def revert(self, document: Document) -> None:
        index, _unit = find_unit(document, self.unit_key)
        document.units.insert(self.from_index, document.units.pop(index))

    def is_noop(self, document: Document) -> bool:
        return find_unit(document, self.unit_key)[0] == self.index

    def location(self) -> Location:
        return Location(unit_key=self.unit_key)


# --- composites and fixes ---------------------------------------------------------------


class Batch(Command):
    """Several commands as one undo step (applied in order, reverted in reverse)."""

    kind = "batch"

    def __init__(self, commands: list[Command], kind: str = "batch", *, located_by: int = 0) -> None:
        self.commands = list(commands)
        self.kind = kind  # type: ignore[misc]
        self.located_by = located_by
        """The index of the command whose location is the batch's (``-1``: the last one)."""

    def apply(self, document: Document) -> None:
        done: list[Command] = []
        try:
            for command in self.commands:
                command.apply(document)
                done.append(command)
        except Exception:
            for command in reversed(done):
                command.revert(document)
            raise

    def revert(self, document: Document) -> None:
        for command in reversed(self.commands):
            command.revert(document)

    @property
    def touched_projects(self) -> frozenset[int]:
        return frozenset().union(*(c.touched_projects for c in self.commands))

    @property
    def rows(self) -> bool:  # type: ignore[override]
        return any(c.rows for c in self.commands)

    @property
    def structure(self) -> bool:  # type: ignore[override]
        return any(c.structure for c in self.commands)

    @property
    def document_level(self) -> bool:  # type: ignore[override]
        return any(c.document_level for c in self.commands)

    def location(self) -> Location:
        return self.commands[self.located_by].location() if self.commands else Location()

    def is_noop(self, document: Document) -> bool:
        return not self.commands


def _fix_value(field: str, value: Any) -> Any:
    if field in FUND_FIELDS:
        from goaltui.model.amounts import parse_amount

        return parse_amount(value)
    return value


def set_field_command(
    document: Document,
    field: str,
    value: Any,
    *,
    unit_key: int | None = None,
    project_key: int | None = None,
    row: int | None = None,
) -> Command:
    """The command that sets *field* of the node a (unit, project, 1-based row) address names.

    This is how a rule's ``Fix(field, value)`` is applied: the problem gives the
    address, the fix the field and the new value.
    """
    if project_key is not None and row is not None:
        project = project_of(document, project_key)
        if not 1 <= row <= len(project.indicators):
            raise CommandError(f"row {row} out of range")
        return SetIndicatorField(project_key, project.indicators[row - 1].key, field, str(value))
    if project_key is not None and field in FUND_FIELDS:
        return SetFund(project_key, field, _fix_value(field, value))
    if project_key is not None and field in ("name", "project"):
        return SetProjectName(project_key, str(value))
    if unit_key is not None and field in ("name", "unit"):
        return SetUnitName(unit_key, str(value))
    if field in DOCUMENT_FIELDS:
        return SetDocumentField(field, value)
    if field in SIGNATURE_FIELDS:
        return SetSignature(field, str(value))
    raise CommandError(f"no command sets {field!r} at this address")


class ApplyFix(Batch):
    """A rule's suggested fix, as one undo step (wraps :func:`set_field_command`)."""

    def __init__(
        self,
        document: Document,
        field: str,
        value: Any,
        *,
        unit_key: int | None = None,
        project_key: int | None = None,
        row: int | None = None,
    ) -> None:
        command = set_field_command(document, field, value, unit_key=unit_key, project_key=project_key, row=row)
        super().__init__([command], kind="apply_fix")

