"""Completion of 明细指标: names from the template library and from the table itself.

Typing in a 明细指标 cell offers the names that contain what was typed (those that begin
with it first). Accepting one sets the name and fills the row's empty cells: from the
template, or, for a name the table already uses, from the row that uses it last.

The index of the table's names is made on the first completion and kept by difference:
a change renews only the projects it touched (their names come out and go in again), so
a lookup costs the same in a table of ten projects or of twenty thousand. Each name is
also listed under each of its characters, so a lookup looks only at the names that hold
the rarest character typed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import TYPE_CHECKING, Final, NamedTuple

from goaltui.model import Document, Indicator, Project
from goaltui.model.commands import Batch, Command, SetIndicatorField, find_indicator, place_project
from goaltui.session.find import fold
from goaltui.session.templates import Library, Template

if TYPE_CHECKING:
    from goaltui.session.change import Change

LIMIT: Final = 8
"""Completions offered at most."""


class Suggestion(NamedTuple):
    name: str
    level1: str
    level2: str
    value: str
    """As the cell gets it (a template's pattern already filled: ``≥**人``)."""
    description: str
    source: str
    """The template's kind, or empty for a name taken from the table."""

    def indicator(self) -> Indicator:
        return Indicator(
            level1=self.level1, level2=self.level2, name=self.name, value=self.value, description=self.description
        )


_Row = tuple[str, str, str, str, str]
"""(name, level1, level2, value, description) of a row of the table."""


class CompletionIndex:
    """The names to offer: the library's (loaded when first asked) and the table's (kept by difference)."""

    def __init__(self, document: Document, library: Callable[[], Library]) -> None:
        self.document = document
        self._library_loader = library
        self._library: Library | None = None
        self._rows: dict[int, list[_Row]] | None = None
        """Each project's rows with a name (by project key); None until the first lookup."""
        self._count: dict[str, int] = {}
        self._last: dict[str, _Row] = {}
        self._by_char: dict[str, set[str]] = defaultdict(set)
        self._stale: set[int] = set()
        self._projects: dict[int, Project] = {}
        """The projects by key (a change names the projects it touched by key)."""
        self._moved = False
        """Projects came or went since the map was made."""

    @property
    def library(self) -> Library:
        if self._library is None:
            self._library = self._library_loader()
        return self._library

    def after(self, change: Change) -> None:
        if self._rows is not None:
            self._stale |= change.projects
            self._moved = self._moved or change.structure

    # --- lookup ------------------------------------------------------------------------------------------

    def suggest(self, typed: str, limit: int = LIMIT) -> list[Suggestion]:
        """The names holding *typed* (case and width folded): those beginning with it first, then
        the table's most used, then the library's."""
        needle = fold(typed.strip())
        if not needle:
            return []
        self._refresh()
        year = self.document.year
        found: dict[str, tuple[tuple[int, int, int, str], Suggestion]] = {}
        for name in self._candidates(needle):
            folded = fold(name)
            if needle not in folded:
                continue
            _name, level1, level2, value, description = self._last[name]
            rank = (0 if folded.startswith(needle) else 1, 0, -self._count[name], name)
            found[name] = (rank, Suggestion(name, level1, level2, value, description, ""))
        for template in self.library.templates:
            folded = fold(template.name)
            if needle not in folded or template.name in found:
                continue
            rank = (0 if folded.startswith(needle) else 1, 1, 0, template.name)
            found[template.name] = (rank, _from_template(template, year))
        ordered = sorted(found.values(), key=lambda item: item[0])
        return [suggestion for _rank, suggestion in ordered[:limit]]

    def _candidates(self, needle: str) -> set[str]:
        sets = [self._by_char.get(char, set()) for char in set(needle)]
        return min(sets, key=len) if sets else set()

    # --- the table's names, kept by difference --------------------------------------------------------------------

    def _refresh(self) -> None:
        if self._rows is None:
            self._rows = {}
            self._projects = {project.key: project for _unit, project in self.document.projects()}
            for key, each in self._projects.items():
                self._add(key, _rows(each.indicators))
            return
        if not self._stale:
            return
        if self._moved:  # (projects added or deleted: rare, and never while typing)
            self._projects = {project.key: project for _unit, project in self.document.projects()}
            self._moved = False
        for key in self._stale:
            for row in self._rows.pop(key, []):
                self._remove(row)
            touched = self._projects.get(key)
            if touched is not None:
                self._add(key, _rows(touched.indicators))
        self._stale.clear()

    def _add(self, key: int, rows: list[_Row]) -> None:
        assert self._rows is not None
        self._rows[key] = rows
        for row in rows:
            name = row[0]
            count = self._count.get(name, 0)
            self._count[name] = count + 1
            self._last[name] = row
            if not count:
                for char in set(fold(name)):
                    self._by_char[char].add(name)

    def _remove(self, row: _Row) -> None:
        name = row[0]
        count = self._count[name] - 1
        if count:
            self._count[name] = count
            return
        del self._count[name]
        del self._last[name]
        for char in set(fold(name)):
            names = self._by_char.get(char)
            if names is not None:
                names.discard(name)
                if not names:
                    del self._by_char[char]


def _rows(indicators: list[Indicator]) -> list[_Row]:
    return [
        (row.name, row.level1, row.level2, row.value, row.description)
        for row in indicators
        if row.name.strip()
    ]


def _from_template(template: Template, year: int | None) -> Suggestion:
    row = template.indicator(year)
    return Suggestion(row.name, row.level1, row.level2, row.value, row.description, template.kind)


def accept(
    document: Document, project_key: int, indicator_key: int, suggestion: Suggestion, *, fresh: bool = False
) -> Command | None:
    """The row gets the suggestion's name, and its empty cells the suggestion's values (one undo step).

    *fresh*: the row had nothing but its 一级指标 (and 二级指标) when the name was typed (a new
    row takes the 一级指标 of the row above): those come from the suggestion too."""
    project = place_project(document, project_key)[2]
    _row, indicator = find_indicator(project, indicator_key)
    fields = ("level1", "level2", "value", "description") if document.has_level2 else ("level1", "value", "description")
    commands: list[Command] = []
    if indicator.name != suggestion.name:
        commands.append(SetIndicatorField(project_key, indicator_key, "name", suggestion.name))
    for field in fields:
        value = getattr(suggestion, field)
        levels = fresh and field in ("level1", "level2")
        if value and (levels or not getattr(indicator, field).strip()) and getattr(indicator, field) != value:
            commands.append(SetIndicatorField(project_key, indicator_key, field, value))
    return Batch(commands, kind="complete") if commands else None


def is_fresh(indicator: Indicator) -> bool:
    """A row with nothing typed in but its levels (a new row): accepting a completion sets them too."""
    return not (indicator.name.strip() or indicator.value.strip() or indicator.description.strip())
