"""Running the rules: :func:`validate` for a whole document, :class:`Validator` for the editor.

The Validator keeps problems in buckets (one per project, per unit, the
document header and footer) so that an edit re-runs only what it can change:

- ``revalidate_project(key)`` re-runs the indicator and project checks of one
  project and touches nothing else;
- ``revalidate_document()`` re-runs the header/footer/count checks (and every
  project only when the budget year or the 二级指标 layout changed);
- ``revalidate_structure()`` after adding, deleting, moving or renaming units
  and projects: re-runs the name/duplicate checks and the projects that are new
  or whose unit or name changed.

Two things keep a full run fast: each row runs only the indicator rules that
can fire on its kind of 指标值 and its flags (``Rule.kinds``, ``Rule.needs``),
and the indicator findings are memoised (the rules are pure functions of the
row and the Context). The memo is keyed by the 一级/二级/明细指标 and 指标值
cells: the 指标描述 is nearly always different from row to row, and only the
rules that need a DESCRIPTION_FLAGS flag read it, so a row with none of those
flags set reuses the findings of any earlier row with the same four cells. The
other rows (a blank cell, a 指标描述 that may repeat the name) are memoised by
all five cells. So a repeated row (会议及时性 | 及时 | …) and the unchanged rows
of an edited project cost a dictionary lookup. Locations (row number, project)
are added afterwards.

The memo is shared by every Validator with the same indicator rules (codes and
severities) and the same Context, like the parser's cache: a table opened
again, the two sides of a comparison, the tables of one folder and the editor's
draft checks do not find again what an earlier Validator found.
:func:`goaltui.rules.base.clear_caches` forgets it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

from goaltui.gc_pause import no_collection
from goaltui.model import Document, Project, Unit
from goaltui.rules.base import (
    DESCRIPTION_FLAGS,
    UNPRINTABLE,
    Context,
    Finding,
    Placed,
    Row,
    Rule,
    Scope,
    cell_facts,
    description_flags,
)
from goaltui.rules.catalogue import RULES, RULES_BY_CODE
from goaltui.rules.document_rules import FOOTER_FIELDS
from goaltui.rules.names import NameTraits
from goaltui.rules.problem import Fix, Params, Problem, RuleConfig, Severity, make_problem
from goaltui.rules.value_parser import ParsedValue, ValueKind

__all__ = ["Validator", "validate"]

_Active = list[tuple[str, Severity, Callable[..., Any]]]


class _ActiveRules:
    """The rules a config leaves on, with their effective severities, by scope."""

    def __init__(self, config: RuleConfig) -> None:
        unknown = (set(config.severities) | set(config.disabled)) - set(RULES_BY_CODE)
        if unknown:
            raise ValueError(f"unknown rule codes: {', '.join(sorted(unknown))}")
        by_scope: dict[Scope, _Active] = {scope: [] for scope in Scope}
        self._indicator_rules: list[tuple[Rule, Severity]] = []
        for rule in RULES:
            if rule.code in config.disabled:
                continue
            severity = Severity(config.severities.get(rule.code, rule.severity))
            by_scope[rule.scope].append((rule.code, severity, rule.check))
            if rule.scope is Scope.INDICATOR:
                self._indicator_rules.append((rule, severity))
        self.memo_key = tuple((rule.code, severity) for rule, severity in self._indicator_rules)
        """What the memoised findings depend on besides the cells and the Context."""
        self.rules_for_row: dict[tuple[ValueKind, int], _Active] = {}
        """(value kind, row flags) → the indicator rules that can fire; filled by :meth:`for_row`."""
        self.cells: _Cells = {}
        """(一级指标, 二级指标, 明细指标, 指标值) → what they give (see _Cell); shared, see _shared_memo."""
        self.rows: _WholeRows = {}
        """(The four cells, 指标描述) → the findings of a row with DESCRIPTION_FLAGS; shared too."""
        self.memo_ctx: Context | None = None
        self.project = by_scope[Scope.PROJECT]
        self.structure = by_scope[Scope.STRUCTURE]
        self.document = by_scope[Scope.DOCUMENT]

    def for_row(self, kind: ValueKind, flags: int) -> _Active:
        """The indicator rules that can fire on a row with this value kind and these flags."""
        key = (kind, flags)
        rules = self.rules_for_row.get(key)
        if rules is None:
            rules = self.rules_for_row[key] = [
                (rule.code, severity, rule.check)
                for rule, severity in self._indicator_rules
                if (rule.kinds is None or kind in rule.kinds) and flags & rule.needs == rule.needs
            ]
        return rules


class _Entry(NamedTuple):
    unit_key: int
    unit_name: str
    project_name: str
    problems: list[Problem]


_Findings = tuple[tuple[str, Severity, str, Params, "str | None", "str | None", Params, "Fix | None"], ...]
"""What the indicator rules found on a row: (code, severity, message key, params, field, hint key, hint params, fix)."""

_Cell = tuple[ParsedValue, NameTraits, str, "str | None", int, "_Findings | None", str, str]
"""What a row's cells but the 指标描述 give: parsed value, name traits, name key, 一级指标, flags, the
findings of a row with these cells and no DESCRIPTION_FLAGS (None when BLANK is set: no such row), and the
name key's first and last characters ("" when it is empty).

(Plain tuples: the memo is on the hot path, and a NamedTuple costs a Python-level ``__new__``.)"""

_Cells = dict[tuple[str, str, str, str], _Cell]
_WholeRows = dict[tuple[tuple[str, str, str, str], str], _Findings]
_NO_FINDINGS: _Findings = ()
_MEMO_LIMIT = 60_000
"""Entries of one memo before it starts afresh: about 400 bytes each (and the cells' strings), some
25 MB a memo at most, kept after its tables are closed. (64,000 generated rows make 13,000 entries;
a session uses one memo, or two with a second Context or a custom ruleset.)"""
_MEMOS_KEPT = 4

_memos: dict[tuple[tuple[tuple[str, Severity], ...], Context], tuple[_Cells, _WholeRows]] = {}
"""The memos of the last four (indicator rules, Context) used, least recently used first."""
_memos_lock = threading.Lock()


def _shared_memo(memo_key: tuple[tuple[str, Severity], ...], ctx: Context, fresh: bool) -> tuple[_Cells, _WholeRows]:
    """The memo every Validator with these indicator rules and this Context uses (a new one when *fresh*).

    The memo's values are immutable and a lookup or an insertion is one dictionary operation, so
    Validators in several threads may share it; the registry itself changes under a lock.
    """
    key = (memo_key, ctx)
    with _memos_lock:
        memo = _memos.pop(key, None)
        if memo is None or fresh:
            memo = ({}, {})
            while len(_memos) >= _MEMOS_KEPT:
                del _memos[next(iter(_memos))]
        _memos[key] = memo  # (the most recently used last)
        return memo


def forget_memos() -> None:
    """Forget every memoised finding (for cold-start benchmarks; see base.clear_caches)."""
    with _memos_lock:
        _memos.clear()


def _findings(active: _ActiveRules, row: Row, ctx: Context) -> _Findings:
    """What the indicator rules that can fire on *row* find, in rule order."""
    signature = (row.parsed.kind, row.flags)
    found: list[tuple[str, Severity, str, Params, str | None, str | None, Params, Fix | None]] = []
    for code, severity, check in active.rules_for_row.get(signature) or active.for_row(*signature):
        for f in check(row, ctx):
            found.append((code, severity, f.message_key, f.params, f.field, f.hint_key, f.hint_params, f.fix))
    return tuple(found) if found else _NO_FINDINGS


def _rows(active: _ActiveRules, project: Project, ctx: Context) -> tuple[list[Row], list[tuple[int, _Findings]]]:
    """The project's rows, and the indicator findings of those that have some (with their row number)."""
    if active.memo_ctx != ctx or len(active.cells) + len(active.rows) > _MEMO_LIMIT:
        active.cells, active.rows = _shared_memo(active.memo_key, ctx, fresh=active.memo_ctx == ctx)
        active.memo_ctx = ctx
    cells, whole_rows = active.cells, active.rows
    rows: list[Row] = []
    found: list[tuple[int, _Findings]] = []
    add_row = rows.append
    for number, indicator in enumerate(project.indicators, start=1):
        content = (indicator.level1, indicator.level2, indicator.name, indicator.value)
        cell = cells.get(content)
        if cell is None:
            parsed, traits, level1, flags = cell_facts(indicator, ctx)
            findings = None
            if not flags & DESCRIPTION_FLAGS:  # what a row with these cells finds when its 指标描述 sets no flag
                findings = _findings(active, Row(number, indicator, parsed, traits, traits.key, level1, flags), ctx)
            key = traits.key
            cell = cells[content] = (parsed, traits, key, level1, flags, findings, key[:1], key[-1:])
        parsed, traits, key, level1, flags, findings, start, end = cell
        description = indicator.description
        first = description[:1]
        if not (
            (
                ("\u4e00" <= first <= "\u9fff" and first != start)
                or ("\u4e00" <= (last := description[-1:]) <= "\u9fff" and last != end)
            )
            and description.isprintable()
        ):
            # (else, the usual row: a printable 指标描述 that begins, or ends, with an ideograph other than the
            # name key's first, or last, character sets no flag, as description_flags would find at greater cost)
            flags |= description_flags(description, key)
            if not description.isprintable():
                flags |= UNPRINTABLE
        row = Row(number, indicator, parsed, traits, key, level1, flags)
        add_row(row)
        if flags & DESCRIPTION_FLAGS:
            whole = (content, description)
            findings = whole_rows.get(whole)
            if findings is None:
                findings = whole_rows[whole] = _findings(active, row, ctx)
        if findings:
            found.append((number, findings))
    return rows, found


def _row_of(problem: Problem) -> int:
    return problem.row or 0


def _check_project(
    active: _ActiveRules, unit: Unit, unit_key: int, project: Project, project_key: int, ctx: Context
) -> list[Problem]:
    rows, row_findings = _rows(active, project, ctx)
    unit_name, project_name = unit.name, project.name
    found: list[Problem] = []
    append = found.append
    for code, severity, check in active.project:
        for f in check(project, rows, ctx):
            append(
                make_problem(
                    code, severity, f.message_key, f.params, unit_key, project_key, unit_name, project_name,
                    f.row, f.field, f.hint_key, f.hint_params, f.fix,
                )
            )  # fmt: skip
    project_level = len(found)
    for number, findings in row_findings:
        for code, severity, message_key, params, field, hint_key, hint_params, fix in findings:
            append(
                make_problem(
                    code, severity, message_key, params, unit_key, project_key, unit_name, project_name,
                    number, field, hint_key, hint_params, fix,
                )
            )  # fmt: skip
    if project_level and any(problem.row is not None for problem in found[:project_level]):
        found.sort(key=_row_of)  # rows reported by project checks go to their place
    return found


def _document_problem(code: str, severity: Severity, f: Finding) -> Problem:
    return make_problem(code, severity, f.message_key, f.params, None, None, "", "", None, f.field, f.hint_key,
                   f.hint_params, f.fix)  # fmt: skip


def _placed_problem(code: str, severity: Severity, placed: Placed, key_of: Callable[[Any], int]) -> Problem:
    f = placed.finding
    project = placed.project
    return make_problem(
        code, severity, f.message_key, f.params, key_of(placed.unit), key_of(project) if project else None,
        placed.unit.name, project.name if project else "", None, f.field, f.hint_key, f.hint_params, f.fix,
    )  # fmt: skip


class Validator:
    """Incremental validation of one document, for the editor.

    Call the ``revalidate_*`` method that matches each edit, then read
    :meth:`problems`. The results always equal a fresh :func:`validate`.
    """

    def __init__(self, document: Document, config: RuleConfig | None = None) -> None:
        self.document = document
        self.config = config or RuleConfig()
        self._active = _ActiveRules(self.config)
        self._ctx = self._context()
        self._index: dict[int, tuple[Unit, int, Project]] = {}
        self._projects: dict[int, _Entry] = {}
        self._unit_problems: dict[int, list[Problem]] = {}
        self._project_structure: dict[int, list[Problem]] = {}
        self._header: list[Problem] = []
        self._footer: list[Problem] = []
        self._merged: list[Problem] | None = None
        self.revalidate_all()

    # --- revalidation ------------------------------------------------------------

    def revalidate_all(self) -> None:
        with no_collection():  # every row and problem made here is kept (see goaltui.gc_pause)
            self._ctx = self._context()
            self._projects.clear()
            self._rebuild_index()
            for project_key, (unit, unit_key, project) in self._index.items():
                self._run_project(unit, unit_key, project, project_key)
            self._run_structure()
            self._run_document()

    def revalidate_project(self, project_key: int) -> None:
        """After an edit inside one project (its funds or indicators). Touches no other project."""
        located = self._locate(project_key)
        self._merged = None
        if located is None:
            self._projects.pop(project_key, None)
            return
        unit, unit_key, project = located
        self._run_project(unit, unit_key, project, project_key)

    def revalidate_document(self) -> None:
        """After an edit of the title, department, issued count, signatures or layout."""
        ctx = self._context()
        if ctx != self._ctx:  # the budget year or the 二级指标 layout changed: every project depends on it
            self._ctx = ctx
            for unit in self.document.units:
                unit_key = self._key(unit)
                for project in unit.projects:
                    self._run_project(unit, unit_key, project, self._key(project))
        self._run_document()

    def revalidate_structure(self) -> None:
        """After adding, deleting, moving or renaming units or projects."""
        self._rebuild_index()
        for key in [key for key in self._projects if key not in self._index]:
            del self._projects[key]
        for project_key, (unit, unit_key, project) in self._index.items():
            entry = self._projects.get(project_key)
            if entry is None or entry[:3] != (unit_key, unit.name, project.name):
                self._run_project(unit, unit_key, project, project_key)
        self._run_structure()
        self._run_document()

    # --- results -----------------------------------------------------------------

    def problems(self) -> list[Problem]:
        """Every problem, in document order (header, units and their projects, footer)."""
        if self._merged is None:
            merged = list(self._header)
            no_problems: list[Problem] = []
            for unit in self.document.units:
                unit_key = self._key(unit)
                merged += self._unit_problems.get(unit_key, no_problems)
                for project in unit.projects:
                    project_key = self._key(project)
                    merged += self._project_structure.get(project_key, no_problems)
                    entry = self._projects.get(project_key)
                    if entry is None or entry.unit_key != unit_key:  # added or moved without revalidate_structure
                        entry = self._run_project(unit, unit_key, project, project_key)
                    merged += entry.problems
            merged += self._footer
            self._merged = merged
        return list(self._merged)

    def problems_for_project(self, project_key: int) -> list[Problem]:
        """The problems of one project (its structure problems first), in row order."""
        entry = self._projects.get(project_key)
        if entry is None:  # added without revalidate_structure: check it now
            located = self._locate(project_key)
            if located is not None:
                unit, unit_key, project = located
                entry = self._run_project(unit, unit_key, project, project_key)
        own = entry.problems if entry is not None else []
        return [*self._project_structure.get(project_key, ()), *own]

    def counts(self) -> dict[Severity, int]:
        return _count(self.problems())

    def project_counts(self, project_key: int) -> dict[Severity, int]:
        return _count(self.problems_for_project(project_key))

    # --- internals ---------------------------------------------------------------

    def _context(self) -> Context:
        document = self.document
        return Context(document.year, document.has_level2, self.config.min_indicators)

    @staticmethod
    def _key(node: Unit | Project) -> int:
        """``node.key``, read where pydantic keeps it.

        The property goes through ``BaseModel.__getattr__`` (about 2 µs, once per
        unit and project and per full validation); the dictionary read is 40 times cheaper.
        """
        try:
            key: int = node.__pydantic_private__["_key"]  # type: ignore[index]
        except (AttributeError, KeyError, TypeError):  # pragma: no cover - a pydantic that keeps them elsewhere
            return node.key
        return key

    def _rebuild_index(self) -> None:
        index: dict[int, tuple[Unit, int, Project]] = {}
        for unit in self.document.units:
            unit_key = self._key(unit)
            for project in unit.projects:
                index[self._key(project)] = (unit, unit_key, project)
        self._index = index

    def _locate(self, project_key: int) -> tuple[Unit, int, Project] | None:
        located = self._index.get(project_key)
        if located is not None:
            unit, _unit_key, project = located
            if any(candidate is project for candidate in unit.projects) and any(
                candidate is unit for candidate in self.document.units
            ):
                return located
        for unit in self.document.units:
            for project in unit.projects:
                if self._key(project) == project_key:
                    located = (unit, self._key(unit), project)
                    self._index[project_key] = located
                    return located
        return None

    def _run_project(self, unit: Unit, unit_key: int, project: Project, project_key: int) -> _Entry:
        problems = _check_project(self._active, unit, unit_key, project, project_key, self._ctx)
        entry = _Entry(unit_key, unit.name, project.name, problems)
        self._projects[project_key] = entry
        self._merged = None
        return entry

    def _run_structure(self) -> None:
        self._unit_problems = {}
        self._project_structure = {}
        for code, severity, check in self._active.structure:
            placed_list: Sequence[Placed] = check(self.document)
            for placed in placed_list:
                problem = _placed_problem(code, severity, placed, self._key)
                if placed.project is None:
                    self._unit_problems.setdefault(problem.unit_key or 0, []).append(problem)
                else:
                    self._project_structure.setdefault(problem.project_key or 0, []).append(problem)
        self._merged = None

    def _run_document(self) -> None:
        header: list[Problem] = []
        footer: list[Problem] = []
        for code, severity, check in self._active.document:
            for f in check(self.document, self._ctx):
                (footer if f.field in FOOTER_FIELDS else header).append(_document_problem(code, severity, f))
        self._header, self._footer = header, footer
        self._merged = None


def _count(problems: list[Problem]) -> dict[Severity, int]:
    counts = dict.fromkeys(Severity, 0)
    for problem in problems:
        counts[problem.severity] += 1
    return counts


def validate(document: Document, config: RuleConfig | None = None) -> list[Problem]:
    """Every problem of *document*, in document order."""
    return Validator(document, config).problems()
