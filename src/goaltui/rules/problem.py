"""What a rule reports: :class:`Problem`, its :class:`Severity` and an optional :class:`Fix`."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from enum import StrEnum

from goaltui.i18n import t

__all__ = ["Fix", "Label", "Params", "Problem", "RuleConfig", "Severity", "make_problem", "render", "render_params"]


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True, slots=True)
class Fix:
    """A suggested correction: set *field* of the problem's row (or project/document) to *value*.

    The editor applies it only when the user asks.
    """

    field: str
    value: str


@dataclass(frozen=True, slots=True)
class Label:
    """A message parameter that is itself a catalog entry (a field name, a reason).

    It is translated when the message is rendered, so a language switch
    reaches problems computed earlier.
    """

    key: str

    def __str__(self) -> str:
        return t(self.key)


Params = tuple[tuple[str, object], ...]


def render_params(params: Params) -> dict[str, object]:
    return {name: str(value) if isinstance(value, Label) else value for name, value in params}


def render(key: str, params: Params) -> str:
    """The catalog entry *key* in the current language, filled with *params*."""
    template = t(key)
    return template.format(**render_params(params)) if params else template


@dataclass(frozen=True, slots=True)
class Problem:
    """One finding of one rule, with where it is and how to fix it.

    (Slots: a big table has thousands of problems.)
    """

    code: str
    """Stable rule code, e.g. ``E-IND-EMPTY`` (see :mod:`goaltui.rules`)."""
    severity: Severity
    message_key: str
    params: Params
    unit_key: int | None
    """``Unit.key`` of the unit concerned, None for document problems."""
    project_key: int | None
    """``Project.key`` of the project concerned, None for unit and document problems."""
    unit: str
    """The unit's name at validation time ("" when not applicable)."""
    project: str
    """The project's name at validation time ("" when not applicable)."""
    row: int | None
    """1-based indicator row within the project; None for project/unit/document problems."""
    field: str | None
    """The model field concerned (``value``, ``total``, ``name``, ``phone``…), None for a whole row/project."""
    hint_key: str | None = None
    hint_params: Params = ()
    fix: Fix | None = None

    @property
    def message(self) -> str:
        """The message in the current language."""
        return render(self.message_key, self.params)

    @property
    def hint(self) -> str | None:
        """How to fix it, in the current language (None when the rule has no hint)."""
        if self.hint_key is None:
            return None
        return render(self.hint_key, self.hint_params)


def _slot_setters() -> tuple[Callable[[Problem, object], None], ...]:
    slots = Problem.__dict__
    return tuple(slots[f.name].__set__ for f in fields(Problem))


(_code, _severity, _message_key, _params, _unit_key, _project_key, _unit, _project, _row, _field, _hint_key,
 _hint_params, _fix) = _slot_setters()  # fmt: skip
_new = object.__new__


def make_problem(
    code: str,
    severity: Severity,
    message_key: str,
    params: Params,
    unit_key: int | None,
    project_key: int | None,
    unit: str,
    project: str,
    row: int | None,
    field: str | None,
    hint_key: str | None,
    hint_params: Params,
    fix: Fix | None,
) -> Problem:
    """A Problem from positional fields (the engine's hot path calls it thousands of times).

    The same frozen Problem as ``Problem(...)`` makes, built by setting its slots
    directly: a frozen dataclass's ``__init__`` goes through ``object.__setattr__``
    by name for each field, which made building the problems of a big table a
    third of its validation time (≈3 µs a problem; this is ≈1 µs).
    """
    problem = _new(Problem)
    _code(problem, code)
    _severity(problem, severity)
    _message_key(problem, message_key)
    _params(problem, params)
    _unit_key(problem, unit_key)
    _project_key(problem, project_key)
    _unit(problem, unit)
    _project(problem, project)
    _row(problem, row)
    _field(problem, field)
    _hint_key(problem, hint_key)
    _hint_params(problem, hint_params)
    _fix(problem, fix)
    return problem


@dataclass
class RuleConfig:
    """A ruleset: the minimum indicator count, severity overrides and disabled rules (by code)."""

    min_indicators: int = 5
    severities: Mapping[str, Severity] = field(default_factory=dict)
    disabled: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        if self.min_indicators < 0:
            raise ValueError(f"min_indicators must be >= 0, not {self.min_indicators}")
