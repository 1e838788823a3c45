"""What changed between two versions of a table: :func:`diff` (headless, pure).

The finance bureau gets a department's table, sends it back with remarks, and
gets a revised one: the reviewer wants exactly what the department changed, each
change once. Versions come from any readers (the submitted .xlsx against the
revised .json), so nothing here relies on node keys being shared: nodes are
matched by their content.

Matching
--------
Units: same name first (in order, for repeated names); then a unit whose
projects mostly went to one new unit is that unit renamed; then names alike
(``_UNIT_NAME_THRESHOLD``).

Projects, one-to-one over the whole document (so a move to another unit is seen):

1. the same name in matched units;
2. the same name anywhere (a move);
3. the rest by a similarity score, best pairs first, above ``PROJECT_THRESHOLD``:
   half the similarity of the names (difflib's ratio, per character, which suits
   Chinese), half the overlap of the indicator texts (明细指标, 指标值, 指标描述 as a
   multiset), plus a little for the same unit and the same 合计. A renamed project
   keeps its indicators, so it scores high even under a new name; two different
   projects of one department share a few indicator names at most.

Indicators within a matched project, one-to-one:

1. identical rows (in order, for repeated rows);
2. the same 明细指标 (first with the same 一级指标 as well);
3. the rest by similarity of 明细指标, 指标值 and 指标描述 (fields empty on both
   sides do not count) with a bonus for the same row number, above
   ``INDICATOR_THRESHOLD``.

A matched row that is out of order (not on the longest run of rows kept in
order) is reported as moved, so deleting one row does not make the rows under it
"moved". Units and projects are treated the same way.

Problems are compared by rule code, field and place, places mapped through the
matching: a problem that stays where it was (even if its row number changed) is
neither fixed nor introduced.

The result is plain data: :class:`DocumentDiff` with one :class:`Change` per
change, each naming where it is in the old and in the new version (names,
indices and the node keys of each version's document), and :meth:`DocumentDiff.marks`
for the editor's "compare with…" marks.
"""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from difflib import SequenceMatcher
from enum import StrEnum
from typing import Final, TypeVar

from goaltui.model import FUND_FIELDS, INDICATOR_FIELDS, Document, Indicator, Project, Signatures
from goaltui.rules import Problem, RuleConfig, Severity, Validator

__all__ = [
    "DOCUMENT_FIELDS",
    "INDICATOR_THRESHOLD",
    "PROJECT_THRESHOLD",
    "SIGNATURE_FIELDS",
    "AmountChange",
    "Change",
    "ChangeKind",
    "CompareMarks",
    "DocumentDiff",
    "FieldChange",
    "Place",
    "diff",
]

DOCUMENT_FIELDS: Final = tuple(name for name in Document.model_fields if name not in ("units", "signatures"))
"""Every header and footer field of a document (title … notes), from the model, so none is ever left out."""
SIGNATURE_FIELDS: Final = tuple(Signatures.model_fields)

PROJECT_THRESHOLD: Final = 0.6
INDICATOR_THRESHOLD: Final = 0.5
_UNIT_NAME_THRESHOLD: Final = 0.6
_SAME_UNIT_BONUS: Final = 0.05
_SAME_TOTAL_BONUS: Final = 0.05
_SAME_ROW_BONUS: Final = 0.1
_MAX_SIMILARITY_PAIRS: Final = 40_000
"""At most this many pairs are scored by similarity (two unrelated 200-project tables; a revised table has few)."""
_NO_INDICATORS_SIMILARITY: Final = 0.5
"""Indicator similarity of two projects that both have none: neither evidence for nor against."""
_TEXT_WEIGHTS: Final = (("name", 0.4), ("value", 0.2), ("description", 0.4))


class ChangeKind(StrEnum):
    """What a :class:`Change` is; the value is its stable name in JSON."""

    HEADER = "header"
    """A document field changed: title, 填报部门, money unit, issued project count, 二级指标 layout, 备注."""
    SIGNATURE = "signature"
    """部门主要领导, 经办人 or 联系电话 changed."""
    UNIT_ADDED = "unit_added"
    UNIT_REMOVED = "unit_removed"
    UNIT_RENAMED = "unit_renamed"
    UNIT_MOVED = "unit_moved"
    """The unit's place among the units changed."""
    PROJECT_ADDED = "project_added"
    PROJECT_REMOVED = "project_removed"
    PROJECT_RENAMED = "project_renamed"
    PROJECT_MOVED = "project_moved"
    """The project went to another unit."""
    PROJECT_REORDERED = "project_reordered"
    """The project's place within its unit changed."""
    FUNDS = "funds"
    INDICATOR_ADDED = "indicator_added"
    INDICATOR_REMOVED = "indicator_removed"
    INDICATOR_CHANGED = "indicator_changed"
    INDICATOR_MOVED = "indicator_moved"
    PROBLEM_FIXED = "problem_fixed"
    PROBLEM_INTRODUCED = "problem_introduced"


PROBLEM_KINDS: Final = frozenset({ChangeKind.PROBLEM_FIXED, ChangeKind.PROBLEM_INTRODUCED})

FieldValue = str | int | bool | None


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One field, old → new (for an added or removed indicator, its content on one side)."""

    field: str
    old: FieldValue
    new: FieldValue


@dataclass(frozen=True, slots=True)
class AmountChange:
    """One fund column of a project (or of the document's totals), old → new, in the money unit."""

    field: str
    old: Decimal | None
    new: Decimal | None

    @property
    def difference(self) -> Decimal:
        """new − old, an empty cell counting as 0."""
        return (self.new or Decimal(0)) - (self.old or Decimal(0))


@dataclass(frozen=True, slots=True)
class Place:
    """Where a change is in one version: names for people, indices and node keys for programs."""

    unit: str | None = None
    unit_index: int | None = None
    """0-based among the units."""
    project: str | None = None
    project_index: int | None = None
    """0-based within the unit."""
    row: int | None = None
    """1-based indicator row within the project (as problems count rows)."""
    unit_key: int | None = None
    project_key: int | None = None
    indicator_key: int | None = None
    """Node keys in that version's :class:`Document` object (valid while it lives)."""


@dataclass(frozen=True, slots=True)
class Change:
    """One change, reported once."""

    kind: ChangeKind
    old: Place | None = None
    """Where it was. For an addition: the unit or project it was added to, as it was (None when that is new
    too); None for header, signature and problem changes."""
    new: Place | None = None
    """Where it is. For a removal: the unit or project it was removed from, as it is now (None when that
    was removed too); None for header, signature and problem changes."""
    fields: tuple[FieldChange, ...] = ()
    """HEADER/SIGNATURE: the field; *_RENAMED: ``name``; INDICATOR_CHANGED: every changed field;
    INDICATOR_ADDED/REMOVED: the row's non-empty fields."""
    amounts: tuple[AmountChange, ...] = ()
    """FUNDS: every changed column; PROJECT_ADDED/REMOVED: the project's filled-in columns."""
    rows: tuple[tuple[str, ...], ...] = ()
    """PROJECT_ADDED/REMOVED: the project's indicator rows (``INDICATOR_FIELDS`` order)."""
    similarity: float | None = None
    """PROJECT_RENAMED found by similarity: how alike the two were (name and indicators, 0 to 1)."""
    problem: Problem | None = None
    """PROBLEM_FIXED: the problem in the old version; PROBLEM_INTRODUCED: in the new one."""


@dataclass(frozen=True, slots=True)
class CompareMarks:
    """What the editor marks when comparing its document (the *new* one) with another version.

    Keyed by the node keys of the new document, which survive edits and moves,
    so the marks follow their projects and rows while the user keeps editing.
    """

    document_fields: frozenset[str]
    """Header, footer and signature fields that differ."""
    units: Mapping[int, frozenset[ChangeKind]]
    """Unit key → UNIT_ADDED / RENAMED / MOVED, and PROJECT_REMOVED when a project was removed from it."""
    projects: Mapping[int, frozenset[ChangeKind]]
    """Project key → the kinds of change of the project itself and of its rows."""
    funds: Mapping[int, frozenset[str]]
    """Project key → fund columns that differ."""
    rows: Mapping[int, frozenset[ChangeKind]]
    """Indicator key → INDICATOR_ADDED / INDICATOR_CHANGED / INDICATOR_MOVED."""
    cells: Mapping[int, frozenset[str]]
    """Indicator key → the fields that differ (all the filled fields of an added row)."""
    removed_rows: Mapping[int, tuple[int, ...]]
    """Project key → rows (1-based, in the other version) removed from it."""


@dataclass(frozen=True, slots=True)
class DocumentDiff:
    changes: tuple[Change, ...]
    """Document order of the new version: header, units with their projects and rows (removals where they
    were), footer and signatures, then the problems fixed and introduced."""
    old_totals: Mapping[str, Decimal]
    new_totals: Mapping[str, Decimal]
    old_counts: Mapping[Severity, int]
    new_counts: Mapping[Severity, int]
    money_unit: str
    """The new version's money unit (a change of unit is a HEADER change of its own)."""

    @property
    def equal(self) -> bool:
        return not self.changes

    @property
    def content_changes(self) -> tuple[Change, ...]:
        return tuple(change for change in self.changes if change.kind not in PROBLEM_KINDS)

    @property
    def problem_changes(self) -> tuple[Change, ...]:
        return tuple(change for change in self.changes if change.kind in PROBLEM_KINDS)

    @property
    def totals(self) -> tuple[AmountChange, ...]:
        """The document's fund totals (all five columns), old → new."""
        return tuple(AmountChange(name, self.old_totals[name], self.new_totals[name]) for name in FUND_FIELDS)

    def count(self, kind: ChangeKind) -> int:
        return sum(1 for change in self.changes if change.kind is kind)

    def marks(self) -> CompareMarks:
        return _marks(self.changes)


# --- similarity ------------------------------------------------------------------------------------


def _ratio(a: str, b: str) -> float:
    if a == b:
        return 1.0
    if not a or not b:
        return 0.0
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def _dice(a: Counter[str], b: Counter[str]) -> float:
    size = sum(a.values()) + sum(b.values())
    return 2 * sum((a & b).values()) / size if size else 1.0


def _texts(project: Project) -> Counter[str]:
    return Counter(
        text
        for indicator in project.indicators
        for text in (indicator.name.strip(), indicator.value.strip(), indicator.description.strip())
        if text
    )


def _indicator_similarity(a: Indicator, b: Indicator) -> float:
    total = weight_sum = 0.0
    for name, weight in _TEXT_WEIGHTS:
        left, right = getattr(a, name).strip(), getattr(b, name).strip()
        if left or right:
            total += weight * _ratio(left, right)
            weight_sum += weight
    return total / weight_sum if weight_sum else 1.0


# --- one-to-one matching -----------------------------------------------------------------------


T = TypeVar("T")


def _pair_equal(
    olds: Iterable[int],
    news: Iterable[int],
    key_old: Callable[[int], T],
    key_new: Callable[[int], T],
    *,
    same_index_first: bool = False,
) -> list[tuple[int, int]]:
    """Pairs of equal keys: the n-th old with the n-th new of each key.

    With *same_index_first*, an old and a new at the same index pair first (two
    rows alike in a list keep their places rather than trading them).
    """
    old_list, new_list = list(olds), list(news)
    pairs: list[tuple[int, int]] = []
    if same_index_first:
        new_set = set(new_list)
        pairs = [(i, i) for i in old_list if i in new_set and key_old(i) == key_new(i)]
        taken = {i for i, _i in pairs}
        old_list = [i for i in old_list if i not in taken]
        new_list = [j for j in new_list if j not in taken]
    queues: dict[T, list[int]] = defaultdict(list)
    for index in old_list:
        queues[key_old(index)].append(index)
    for index in new_list:
        queue = queues.get(key_new(index))
        if queue:
            pairs.append((queue.pop(0), index))
    return pairs


def _pair_best(candidates: list[tuple[float, int, int]], threshold: float) -> list[tuple[int, int]]:
    """Greedy one-to-one pairing, best score first (ties: earlier old, then earlier new)."""
    candidates.sort(key=lambda candidate: (-candidate[0], candidate[1], candidate[2]))
    used_old: set[int] = set()
    used_new: set[int] = set()
    pairs = []
    for score, old, new in candidates:
        if score >= threshold and old not in used_old and new not in used_new:
            used_old.add(old)
            used_new.add(new)
            pairs.append((old, new))
    return pairs


def _in_order(pairs: Sequence[tuple[int, int]]) -> set[tuple[int, int]]:
    """The pairs on a longest run kept in order (increasing new index by old index); the others moved."""
    ordered = sorted(pairs)
    tails: list[int] = []  # smallest new index ending an increasing run of each length
    tail_at: list[int] = []  # position in *ordered* of that element
    previous: list[int] = [-1] * len(ordered)
    for position, (_old, new) in enumerate(ordered):
        length = bisect.bisect_left(tails, new)
        if length == len(tails):
            tails.append(new)
            tail_at.append(position)
        else:
            tails[length] = new
            tail_at[length] = position
        previous[position] = tail_at[length - 1] if length else -1
    kept: set[tuple[int, int]] = set()
    position = tail_at[-1] if tail_at else -1
    while position >= 0:
        kept.add(ordered[position])
        position = previous[position]
    return kept


# --- the matching of units, projects and rows ------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Node:
    """A project and where it is: unit index, index within the unit."""

    unit: int
    index: int
    project: Project


def _flatten(document: Document) -> list[_Node]:
    return [_Node(u, p, project) for u, unit in enumerate(document.units) for p, project in enumerate(unit.projects)]


def _name(text: str) -> str:
    """A name compared without its spacing (a line break in a merged cell is no rename)."""
    return " ".join(text.split())


@dataclass
class _Matching:
    units: dict[int, int] = field(default_factory=dict)
    """Old unit index → new unit index."""
    projects: dict[int, int] = field(default_factory=dict)
    """Old project → new project (positions in the flattened lists)."""
    similarity: dict[int, float] = field(default_factory=dict)
    """Old project → similarity of name and indicators (0 to 1, no bonus), for the pairs matched by it."""
    rows: dict[int, list[tuple[int, int]]] = field(default_factory=dict)
    """Old project → its (old row index, new row index) pairs, 0-based."""


def _match_units_by_name(old: Document, new: Document) -> dict[int, int]:
    return dict(
        _pair_equal(
            range(len(old.units)),
            range(len(new.units)),
            lambda u: _name(old.units[u].name),
            lambda v: _name(new.units[v].name),
            same_index_first=True,
        )
    )


def _bonus(a: _Node, b: _Node, units: Mapping[int, int]) -> float:
    """What tips the balance between equally similar candidates: the same unit, the same 合计."""
    bonus = _SAME_UNIT_BONUS if units.get(a.unit) == b.unit else 0.0
    total = a.project.funds.total
    if total is not None and total == b.project.funds.total:
        bonus += _SAME_TOTAL_BONUS
    return bonus


def _similar_projects(
    olds: list[_Node], news: list[_Node], left_old: list[int], left_new: list[int], units: Mapping[int, int]
) -> list[tuple[float, int, int]]:
    """Scored candidate pairs among the projects not matched by name.

    Two unrelated big tables would need a score for every pair: beyond
    ``_MAX_SIMILARITY_PAIRS`` only pairs within matched units are scored, and
    beyond that none (the projects are then reported as removed and added).
    """
    pairs = [(a, b) for a in left_old for b in left_new]
    if len(pairs) > _MAX_SIMILARITY_PAIRS:
        pairs = [(a, b) for a, b in pairs if units.get(olds[a].unit) == news[b].unit]
        if len(pairs) > _MAX_SIMILARITY_PAIRS:
            return []
    texts_old = {a: _texts(olds[a].project) for a in left_old}
    texts_new = {b: _texts(news[b].project) for b in left_new}
    candidates = []
    for a, b in pairs:
        project_a, project_b = olds[a].project, news[b].project
        both_empty = not texts_old[a] and not texts_new[b]
        content = _NO_INDICATORS_SIMILARITY if both_empty else _dice(texts_old[a], texts_new[b])
        bonus = _bonus(olds[a], news[b], units)
        name_a, name_b = _name(project_a.name), _name(project_b.name)
        matcher = SequenceMatcher(None, name_a, name_b, autojunk=False)
        # Upper bounds first: most pairs of unrelated projects stop here.
        if 0.5 * matcher.real_quick_ratio() + 0.5 * content + bonus < PROJECT_THRESHOLD:
            continue
        if 0.5 * matcher.quick_ratio() + 0.5 * content + bonus < PROJECT_THRESHOLD:
            continue
        name = matcher.ratio() if name_a and name_b else 0.0
        candidates.append((0.5 * name + 0.5 * content + bonus, a, b))
    return candidates


def _match(old: Document, new: Document, olds: list[_Node], news: list[_Node]) -> _Matching:
    units = _match_units_by_name(old, new)
    projects: dict[int, int] = {}
    similarity: dict[int, float] = {}

    def left() -> tuple[list[int], list[int]]:
        taken = set(projects.values())
        return [a for a in range(len(olds)) if a not in projects], [b for b in range(len(news)) if b not in taken]

    # 1. The same name in matched units; 2. the same name anywhere (a move).
    left_old, left_new = left()
    projects.update(
        _pair_equal(
            left_old,
            left_new,
            lambda a: (units.get(olds[a].unit, -1), _name(olds[a].project.name)),
            lambda b: (news[b].unit, _name(news[b].project.name)),
        )
    )
    left_old, left_new = left()
    projects.update(
        _pair_equal(left_old, left_new, lambda a: _name(olds[a].project.name), lambda b: _name(news[b].project.name))
    )
    # 3. The rest by similarity, best first.
    left_old, left_new = left()
    candidates = _similar_projects(olds, news, left_old, left_new, units)
    bonuses = {(a, b): _bonus(olds[a], news[b], units) for _score, a, b in candidates}
    scores = {(a, b): min(1.0, score - bonuses[(a, b)]) for score, a, b in candidates}
    for a, b in _pair_best(candidates, PROJECT_THRESHOLD):
        projects[a] = b
        similarity[a] = scores[(a, b)]

    # Units left: one most of whose projects went to a single new unit is that unit, renamed.
    votes: Counter[tuple[int, int]] = Counter((olds[a].unit, news[b].unit) for a, b in projects.items())
    unit_left_old = [u for u in range(len(old.units)) if u not in units]
    unit_left_new = [v for v in range(len(new.units)) if v not in set(units.values())]
    by_votes = [
        (float(count), u, v)
        for (u, v), count in votes.items()
        if u in unit_left_old and v in unit_left_new and 2 * count > len(old.units[u].projects)
    ]
    units.update(_pair_best(by_votes, 1.0))
    taken = set(units.values())
    by_name = [
        (_ratio(_name(old.units[u].name), _name(new.units[v].name)), u, v)
        for u in unit_left_old
        if u not in units
        for v in unit_left_new
        if v not in taken
    ]
    units.update(_pair_best(by_name, _UNIT_NAME_THRESHOLD))
    rows = {a: _match_indicators(olds[a].project.indicators, news[b].project.indicators) for a, b in projects.items()}
    return _Matching(units, projects, similarity, rows)


def _level1_and_name(indicator: Indicator) -> object:
    return (indicator.level1.strip(), indicator.name.strip())


def _detail_name(indicator: Indicator) -> object:
    return indicator.name.strip()


def _keyed(key: Callable[[Indicator], object], rows: Sequence[Indicator]) -> Callable[[int], object]:
    return lambda index: key(rows[index])


def _match_indicators(a: Sequence[Indicator], b: Sequence[Indicator]) -> list[tuple[int, int]]:
    """(old index, new index) of the rows matched one-to-one, in old order (see the module docstring)."""
    pairs: dict[int, int] = {}

    def left() -> tuple[list[int], list[int]]:
        taken = set(pairs.values())
        return [i for i in range(len(a)) if i not in pairs], [j for j in range(len(b)) if j not in taken]

    rows_a, rows_b = range(len(a)), range(len(b))
    pairs.update(_pair_equal(rows_a, rows_b, _keyed(_row_texts, a), _keyed(_row_texts, b), same_index_first=True))
    for key in (_level1_and_name, _detail_name):
        left_old, left_new = left()
        found = _pair_equal(left_old, left_new, _keyed(key, a), _keyed(key, b), same_index_first=True)
        pairs.update((i, j) for i, j in found if a[i].name.strip())
    left_old, left_new = left()
    if len(left_old) * len(left_new) <= _MAX_SIMILARITY_PAIRS:
        candidates = [
            (_indicator_similarity(a[i], b[j]) + (_SAME_ROW_BONUS if i == j else 0.0), i, j)
            for i in left_old
            for j in left_new
        ]
        pairs.update(_pair_best(candidates, INDICATOR_THRESHOLD))
    return sorted(pairs.items())


# --- the changes -------------------------------------------------------------------------------------


def _unit_place(document: Document, u: int) -> Place:
    unit = document.units[u]
    return Place(unit=unit.name, unit_index=u, unit_key=unit.key)


def _project_place(document: Document, node: _Node, row: int | None = None) -> Place:
    unit = document.units[node.unit]
    return Place(
        unit=unit.name,
        unit_index=node.unit,
        project=node.project.name,
        project_index=node.index,
        row=row,
        unit_key=unit.key,
        project_key=node.project.key,
        indicator_key=node.project.indicators[row - 1].key if row is not None else None,
    )


def _row_texts(indicator: Indicator) -> tuple[str, ...]:
    return tuple(getattr(indicator, name) for name in INDICATOR_FIELDS)


def _filled(indicator: Indicator, *, removed: bool) -> tuple[FieldChange, ...]:
    return tuple(
        FieldChange(name, value, "") if removed else FieldChange(name, "", value)
        for name in INDICATOR_FIELDS
        if (value := getattr(indicator, name))
    )


def _whole_project(kind: ChangeKind, here: Place | None, there: Place | None, project: Project) -> Change:
    """An added or removed project, with its filled-in amounts and its rows."""
    removed = kind is ChangeKind.PROJECT_REMOVED
    amounts = tuple(
        AmountChange(name, value, None) if removed else AmountChange(name, None, value)
        for name in FUND_FIELDS
        if (value := project.funds.get(name)) is not None
    )
    rows = tuple(_row_texts(indicator) for indicator in project.indicators)
    return Change(kind, here, there, amounts=amounts, rows=rows)


def _after(kept: Mapping[int, int], index: int) -> float:
    """Where something removed at old *index* goes among the new positions: after what preceded it."""
    return max((new for old, new in kept.items() if old < index), default=-1) + 0.5


class _Builder:
    """Walks the new version in document order, putting removals where they were."""

    def __init__(self, old: Document, new: Document) -> None:
        self.old, self.new = old, new
        self.olds, self.news = _flatten(old), _flatten(new)
        self.matching = _match(old, new, self.olds, self.news)
        self.new_unit_to_old = {v: u for u, v in self.matching.units.items()}
        self.new_to_old = {b: a for a, b in self.matching.projects.items()}
        self.old_project_of = {node.project.key: a for a, node in enumerate(self.olds)}
        self.new_project_of = {node.project.key: b for b, node in enumerate(self.news)}
        self.old_unit_of = {unit.key: u for u, unit in enumerate(old.units)}
        self.new_unit_of = {unit.key: v for v, unit in enumerate(new.units)}
        self.row_maps: dict[int, dict[int, int]] = {}

    def changes(self) -> list[Change]:
        old, new = self.old, self.new
        changes = _field_changes(ChangeKind.HEADER, [f for f in DOCUMENT_FIELDS if f != "notes"], old, new)
        unit_pairs = list(self.matching.units.items())
        kept_units = _in_order(unit_pairs)
        for v in range(len(new.units)):
            u = self.new_unit_to_old.get(v)
            if u is None:
                changes.append(Change(ChangeKind.UNIT_ADDED, None, _unit_place(new, v)))
            else:
                here, there = _unit_place(old, u), _unit_place(new, v)
                if old.units[u].name != new.units[v].name:
                    name = FieldChange("name", old.units[u].name, new.units[v].name)
                    changes.append(Change(ChangeKind.UNIT_RENAMED, here, there, fields=(name,)))
                if (u, v) not in kept_units:
                    changes.append(Change(ChangeKind.UNIT_MOVED, here, there))
            changes += self._unit_projects(u, v)
        for u in range(len(old.units)):
            if u not in self.matching.units:
                changes.append(Change(ChangeKind.UNIT_REMOVED, _unit_place(old, u), None))
                changes += [self._removed(a, None) for a, node in enumerate(self.olds)
                            if node.unit == u and a not in self.matching.projects]  # fmt: skip
        changes += _field_changes(ChangeKind.HEADER, ["notes"], old, new)
        changes += _field_changes(ChangeKind.SIGNATURE, SIGNATURE_FIELDS, old.signatures, new.signatures)
        return changes

    def _unit_projects(self, u: int | None, v: int) -> list[Change]:
        """The changes of the projects of new unit *v* (old unit *u*), removals where they were."""
        olds, news, projects = self.olds, self.news, self.matching.projects
        members = [b for b, node in enumerate(news) if node.unit == v]
        stayed = {
            olds[a].index: news[b].index
            for b in members
            if (a := self.new_to_old.get(b)) is not None and olds[a].unit == u
        }
        kept = _in_order(list(stayed.items()))
        entries: list[tuple[float, list[Change]]] = []
        for b in members:
            a = self.new_to_old.get(b)
            reordered = a is not None and olds[a].unit == u and (olds[a].index, news[b].index) not in kept
            entries.append((news[b].index, self._project(a, b, reordered)))
        if u is not None:
            for a, node in enumerate(olds):
                if node.unit == u and a not in projects:
                    entries.append((_after(stayed, node.index), [self._removed(a, v)]))
        entries.sort(key=lambda entry: entry[0])
        return [change for _position, group in entries for change in group]

    def _removed(self, a: int, v: int | None) -> Change:
        """A removed project; its ``new`` place is the unit it was in, when that unit is still there."""
        node = self.olds[a]
        there = _unit_place(self.new, v) if v is not None else None
        return _whole_project(ChangeKind.PROJECT_REMOVED, _project_place(self.old, node), there, node.project)

    def _project(self, a: int | None, b: int, reordered: bool) -> list[Change]:
        node_b = self.news[b]
        there = _project_place(self.new, node_b)
        if a is None:
            u = self.new_unit_to_old.get(node_b.unit)
            here = _unit_place(self.old, u) if u is not None else None
            return [_whole_project(ChangeKind.PROJECT_ADDED, here, there, node_b.project)]
        node_a = self.olds[a]
        here = _project_place(self.old, node_a)
        changes = []
        if node_a.project.name != node_b.project.name:
            name = FieldChange("name", node_a.project.name, node_b.project.name)
            score = round(self.matching.similarity.get(a, 1.0), 3)
            changes.append(Change(ChangeKind.PROJECT_RENAMED, here, there, fields=(name,), similarity=score))
        if self.matching.units.get(node_a.unit) != node_b.unit:
            changes.append(Change(ChangeKind.PROJECT_MOVED, here, there))
        elif reordered:
            changes.append(Change(ChangeKind.PROJECT_REORDERED, here, there))
        return changes + self._inside(a, node_a, node_b, here, there)

    def _inside(self, a: int, node_a: _Node, node_b: _Node, here: Place, there: Place) -> list[Change]:
        """FUNDS, then the rows' changes in the new version's row order (removed rows where they were)."""
        changes: list[Change] = []
        funds_a, funds_b = node_a.project.funds, node_b.project.funds
        amounts = tuple(
            AmountChange(name, funds_a.get(name), funds_b.get(name))
            for name in FUND_FIELDS
            if funds_a.get(name) != funds_b.get(name)
        )
        if amounts:
            changes.append(Change(ChangeKind.FUNDS, here, there, amounts=amounts))
        rows_a, rows_b = node_a.project.indicators, node_b.project.indicators
        pairs = self.matching.rows[a]
        kept = _in_order(pairs)
        entries: list[tuple[float, Change]] = []
        for i, j in pairs:
            row_here, row_there = _project_place(self.old, node_a, i + 1), _project_place(self.new, node_b, j + 1)
            fields = tuple(
                FieldChange(name, getattr(rows_a[i], name), getattr(rows_b[j], name))
                for name in INDICATOR_FIELDS
                if getattr(rows_a[i], name) != getattr(rows_b[j], name)
            )
            if fields:
                entries.append((j, Change(ChangeKind.INDICATOR_CHANGED, row_here, row_there, fields=fields)))
            if (i, j) not in kept:
                entries.append((j + 0.25, Change(ChangeKind.INDICATOR_MOVED, row_here, row_there)))
        matched_new = {j for _i, j in pairs}
        for j, indicator in enumerate(rows_b):
            if j not in matched_new:
                row_there = _project_place(self.new, node_b, j + 1)
                entries.append((j, Change(ChangeKind.INDICATOR_ADDED, here, row_there,
                                          fields=_filled(indicator, removed=False))))  # fmt: skip
        matched = dict(pairs)
        for i, indicator in enumerate(rows_a):
            if i not in matched:
                row_here = _project_place(self.old, node_a, i + 1)
                entries.append((_after(matched, i), Change(ChangeKind.INDICATOR_REMOVED, row_here, there,
                                                           fields=_filled(indicator, removed=True))))  # fmt: skip
        entries.sort(key=lambda entry: entry[0])
        return changes + [change for _position, change in entries]

    # --- problems ---------------------------------------------------------------------------------

    def problem_changes(self, old_problems: Sequence[Problem], new_problems: Sequence[Problem]) -> list[Change]:
        """Problems are the same when their code, field and place (mapped through the matching) are."""
        remaining: dict[tuple[object, ...], list[Problem]] = defaultdict(list)
        for problem in old_problems:
            remaining[(problem.code, problem.field, *self._old_where(problem))].append(problem)
        introduced = []
        for problem in new_problems:
            same = remaining.get((problem.code, problem.field, *self._new_where(problem)))
            if same:
                same.pop(0)
            else:
                introduced.append(problem)
        still = {id(problem) for problems in remaining.values() for problem in problems}
        fixed = [problem for problem in old_problems if id(problem) in still]
        return [Change(ChangeKind.PROBLEM_FIXED, problem=problem) for problem in fixed] + [
            Change(ChangeKind.PROBLEM_INTRODUCED, problem=problem) for problem in introduced
        ]

    def _old_where(self, problem: Problem) -> tuple[object, ...]:
        if problem.project_key is not None:
            return ("project", self.old_project_of.get(problem.project_key), problem.row)
        if problem.unit_key is not None:
            return ("unit", self.old_unit_of.get(problem.unit_key))
        return ("document",)

    def _new_where(self, problem: Problem) -> tuple[object, ...]:
        """The place of a new problem in the old version's terms (or a place only the new version has)."""
        if problem.project_key is not None:
            b = self.new_project_of.get(problem.project_key)
            a = self.new_to_old.get(b) if b is not None else None
            if a is None:
                return ("new project", b, problem.row)
            if problem.row is None:
                return ("project", a, None)
            old_row = self.row_maps.setdefault(a, {j + 1: i + 1 for i, j in self.matching.rows[a]}).get(problem.row)
            return ("project", a, old_row) if old_row is not None else ("new row", b, problem.row)
        if problem.unit_key is not None:
            v = self.new_unit_of.get(problem.unit_key)
            u = self.new_unit_to_old.get(v) if v is not None else None
            return ("unit", u) if u is not None else ("new unit", v)
        return ("document",)


def _field_changes(kind: ChangeKind, names: Sequence[str], old: object, new: object) -> list[Change]:
    changes = []
    for name in names:
        before, after = getattr(old, name), getattr(new, name)
        if before != after:
            changes.append(Change(kind, fields=(FieldChange(name, before, after),)))
    return changes


def diff(old: Document, new: Document, config: RuleConfig | None = None) -> DocumentDiff:
    """Every change from *old* to *new*, each reported once (see the module docstring).

    Both versions are validated with *config* to find the problems fixed and introduced.
    """
    builder = _Builder(old, new)
    old_check, new_check = Validator(old, config), Validator(new, config)
    changes = builder.changes() + builder.problem_changes(old_check.problems(), new_check.problems())
    return DocumentDiff(
        changes=tuple(changes),
        old_totals=old.fund_totals(),
        new_totals=new.fund_totals(),
        old_counts=old_check.counts(),
        new_counts=new_check.counts(),
        money_unit=new.money_unit,
    )


# --- marks for the editor ------------------------------------------------------------------------------


def _marks(changes: Iterable[Change]) -> CompareMarks:
    document_fields: set[str] = set()
    units: dict[int, set[ChangeKind]] = defaultdict(set)
    projects: dict[int, set[ChangeKind]] = defaultdict(set)
    funds: dict[int, set[str]] = defaultdict(set)
    rows: dict[int, set[ChangeKind]] = defaultdict(set)
    cells: dict[int, set[str]] = defaultdict(set)
    removed_rows: dict[int, list[int]] = defaultdict(list)
    for change in changes:
        place = change.new
        if change.kind in (ChangeKind.HEADER, ChangeKind.SIGNATURE):
            document_fields.update(item.field for item in change.fields)
        elif place is None or change.kind in PROBLEM_KINDS:
            continue
        elif place.project_key is None:
            if place.unit_key is not None:
                units[place.unit_key].add(change.kind)
        else:
            projects[place.project_key].add(change.kind)
            if change.kind is ChangeKind.FUNDS:
                funds[place.project_key].update(item.field for item in change.amounts)
            elif change.kind is ChangeKind.INDICATOR_REMOVED and change.old is not None and change.old.row:
                removed_rows[place.project_key].append(change.old.row)
            elif place.indicator_key is not None:
                rows[place.indicator_key].add(change.kind)
                cells[place.indicator_key].update(item.field for item in change.fields)
    return CompareMarks(
        document_fields=frozenset(document_fields),
        units={key: frozenset(kinds) for key, kinds in units.items()},
        projects={key: frozenset(kinds) for key, kinds in projects.items()},
        funds={key: frozenset(names) for key, names in funds.items()},
        rows={key: frozenset(kinds) for key, kinds in rows.items()},
        cells={key: frozenset(names) for key, names in cells.items()},
        removed_rows={key: tuple(numbers) for key, numbers in removed_rows.items()},
    )
