"""The building blocks of a rule: its scope, what it sees, what it returns."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from typing import Final, NamedTuple, TypeAlias

from goaltui.model import Document, Indicator, Project, Unit
from goaltui.model.level1 import normalize_level1
from goaltui.rules.names import NameTraits, name_traits
from goaltui.rules.problem import Fix, Params, Severity
from goaltui.rules.value_parser import ParsedValue, ValueKind, parse_value

__all__ = [
    "LEVEL1_ODD",
    "Context",
    "DocumentCheck",
    "Finding",
    "Findings",
    "IndicatorCheck",
    "Placed",
    "ProjectCheck",
    "Row",
    "Rule",
    "Scope",
    "StructureCheck",
    "make_row",
]


class Scope(StrEnum):
    INDICATOR = "indicator"
    """Looks at one indicator row (re-run with its project)."""
    PROJECT = "project"
    """Looks at one project: funds, name, its rows together."""
    STRUCTURE = "structure"
    """Looks at units and projects together: names, duplicates, empty units."""
    DOCUMENT = "document"
    """Looks at the header, the footer and document-wide counts."""


class Finding(NamedTuple):
    """What a check returns; the engine adds the code, severity and location."""

    message_key: str
    params: Params = ()
    field: str | None = None
    hint_key: str | None = None
    hint_params: Params = ()
    fix: Fix | None = None
    row: int | None = None
    """For project checks that point at a row (a duplicate indicator)."""


Findings: TypeAlias = Sequence[Finding]


class Placed(NamedTuple):
    """A structure finding with the unit (and project) it belongs to."""

    unit: Unit
    project: Project | None
    finding: Finding


@dataclass(frozen=True, slots=True)
class Context:
    """Document facts the per-project checks depend on."""

    year: int | None
    has_level2: bool
    min_indicators: int


@dataclass(slots=True)
class Row:
    """One indicator with what the checks need, computed once."""

    number: int
    """1-based row within the project."""
    indicator: Indicator
    parsed: ParsedValue
    traits: NameTraits
    name_key: str
    """The name as compared for duplicates (NFKC, no spaces)."""
    level1: str | None
    """The allowed 一级指标 the cell stands for (None when it stands for none)."""
    flags: int
    """The name's flags (names.IS_RATE…) plus LEVEL1_ODD: which rules can apply."""


LEVEL1_ODD: Final = 16
"""Row flag: the 一级指标 cell is not exactly one of the allowed values."""


@lru_cache(maxsize=1024)
def _level1(text: str) -> str | None:
    return normalize_level1(text)


def make_row(number: int, indicator: Indicator) -> Row:
    traits = name_traits(indicator.name)
    text = indicator.level1
    level1 = _level1(text)
    flags = traits.flags if level1 == text else traits.flags | LEVEL1_ODD
    return Row(number, indicator, parse_value(indicator.value), traits, traits.key, level1, flags)


IndicatorCheck: TypeAlias = Callable[[Row, Context], Findings]
ProjectCheck: TypeAlias = Callable[[Project, list[Row], Context], Findings]
StructureCheck: TypeAlias = Callable[[Document], Sequence[Placed]]
DocumentCheck: TypeAlias = Callable[[Document, Context], Findings]


@dataclass(frozen=True, slots=True)
class Rule:
    code: str
    severity: Severity
    """The default severity (a RuleConfig may override it)."""
    scope: Scope
    check: Callable[..., Sequence[Finding]] | Callable[..., Sequence[Placed]]
    summary: str
    """One line in English, for the rule list in the docs."""
    kinds: frozenset[ValueKind] | None = None
    """Indicator rules only: the 指标值 kinds the rule can fire on (None: all). Lets the engine skip it."""
    needs: int = 0
    """Indicator rules only: row flags that must all be set for the rule to fire (0: none)."""
