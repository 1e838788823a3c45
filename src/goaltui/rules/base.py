"""The building blocks of a rule: its scope, what it sees, what it returns."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from typing import Final, NamedTuple, TypeAlias

from goaltui.model import Document, Indicator, Project, Unit
from goaltui.model.level1 import normalize_level1
from goaltui.rules.names import NameTraits, name_traits, normalise_text
from goaltui.rules.problem import Fix, Params, Severity
from goaltui.rules.value_parser import ParsedValue, ValueKind, parse_value

__all__ = [
    "BLANK",
    "DESCRIPTION_FLAGS",
    "ECHO",
    "LEVEL1_ODD",
    "UNPRINTABLE",
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
    "cell_facts",
    "clear_caches",
    "description_flags",
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
    """The name's flags (names.IS_RATE…) plus LEVEL1_ODD, BLANK and ECHO: which rules can apply."""


LEVEL1_ODD: Final = 16
"""Row flag: the 一级指标 cell is not exactly one of the allowed values."""
BLANK: Final = 32
"""Row flag: a cell the form requires is blank (一级指标, 二级指标 on three-level forms, 明细指标, 指标值, 指标描述)."""
ECHO: Final = 64
"""Row flag: the 指标描述 may repeat the 明细指标 (first and last characters agree after normalisation)."""
UNPRINTABLE: Final = 128
"""Row flag: a cell of the row is not ``str.isprintable()`` (a tab, a line feed, a control or format character…).

Every character :mod:`goaltui.safe_text` calls unsafe is unprintable (a test checks it), so a project
whose name and rows are printable holds nothing unsafe: the safety rules look no further. (No indicator
rule needs it: it only tells the project's safety rules where to look.)"""
DESCRIPTION_FLAGS: Final = BLANK | ECHO
"""The row flags that depend on the 指标描述.

An indicator rule that reads the 指标描述 must need one of them (``Rule.needs``):
when a row has none of them set, the engine reuses the findings of an earlier
row with the same 一级指标, 二级指标, 明细指标 and 指标值, whatever its 指标描述.
"""


@lru_cache(maxsize=1024)
def _level1(text: str) -> str | None:
    return normalize_level1(text)


def clear_caches() -> None:
    """Forget everything cached across validations (parsed 指标值, 明细指标, 一级指标, the engine's memo of
    findings): for cold-start benchmarks."""
    from goaltui.rules.engine import forget_memos  # (the engine imports this module)

    forget_memos()
    parse_value.cache_clear()
    name_traits.cache_clear()
    _level1.cache_clear()
    _normal_ends.cache_clear()


def cell_facts(indicator: Indicator, ctx: Context) -> tuple[ParsedValue, NameTraits, str | None, int]:
    """What a row's cells other than the 指标描述 give: parsed 指标值, name traits, 一级指标, flags.

    The flags are all but the DESCRIPTION_FLAGS, except that BLANK is set when
    one of these cells is blank; UNPRINTABLE is set when one of these cells is unprintable.
    """
    traits = name_traits(indicator.name)
    text = indicator.level1
    level1 = _level1(text)
    flags = traits.flags if level1 == text else traits.flags | LEVEL1_ODD
    value = indicator.value
    if not (text.strip() and indicator.name.strip() and value.strip()) or (
        ctx.has_level2 and not indicator.level2.strip()
    ):
        flags |= BLANK
    if not (
        text.isprintable() and indicator.level2.isprintable() and indicator.name.isprintable() and value.isprintable()
    ):
        flags |= UNPRINTABLE
    return parse_value(value), traits, level1, flags


@lru_cache(maxsize=4096)
def _normal_ends(char: str) -> tuple[str, str]:
    """The first and last characters of *char* after normalisation ("" when it normalises to nothing)."""
    normal = normalise_text(char)
    return (normal[0], normal[-1]) if normal else ("", "")


def description_flags(description: str, name_key: str) -> int:
    """BLANK when the 指标描述 is blank, ECHO when it may repeat the name whose key is *name_key*, else 0.

    ECHO means that the first and the last character of the 指标描述 normalise to
    text that starts with the key's first character and ends with its last one.
    This runs on every row: NFKC leaves ASCII and CJK ideographs as they are, so
    those are compared as they are, and other characters (full-width ）。) once.
    """
    text = description.strip()
    if not text:
        return BLANK
    if not name_key:
        return 0
    first, last, start, end = text[0], text[-1], name_key[0], name_key[-1]
    if first != start and (first.isascii() or "\u4e00" <= first <= "\u9fff" or _normal_ends(first)[0] != start):
        return 0
    if last != end and (last.isascii() or "\u4e00" <= last <= "\u9fff" or _normal_ends(last)[1] != end):
        return 0
    return ECHO


def make_row(number: int, indicator: Indicator, ctx: Context) -> Row:
    parsed, traits, level1, flags = cell_facts(indicator, ctx)
    description = indicator.description
    flags |= description_flags(description, traits.key)
    if not description.isprintable():
        flags |= UNPRINTABLE
    return Row(number, indicator, parsed, traits, traits.key, level1, flags)


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
    """Indicator rules only: row flags that must all be set for the rule to fire (0: none).

    A rule that reads the 指标描述 must need one of the DESCRIPTION_FLAGS (a test checks it)."""
