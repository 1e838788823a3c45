"""Checks of one project: its name, its funds, and its indicators taken together."""

from __future__ import annotations

from decimal import Decimal
from typing import Final

from goaltui.model import FUND_FIELDS, Project
from goaltui.model.amounts import format_amount
from goaltui.rules.base import Context, Finding, Findings, Row, Rule, Scope
from goaltui.rules.problem import Fix, Label, Severity

__all__ = ["PROJECT_RULES"]

_NONE: Final[Findings] = ()
_ZERO: Final = Decimal(0)


def check_name_empty(project: Project, rows: list[Row], ctx: Context) -> Findings:
    """E-PROJ-NAME-EMPTY: a project without a name."""
    if project.name.strip():
        return _NONE
    return (Finding("rule.project_name_empty", field="name", hint_key="rule.project_name_empty.hint"),)


def check_too_few(project: Project, rows: list[Row], ctx: Context) -> Findings:
    """E-PROJ-TOO-FEW: fewer indicators than the minimum (备注 2; default 5)."""
    if len(rows) >= ctx.min_indicators:
        return _NONE
    return (
        Finding(
            "rule.too_few",
            (("count", len(rows)), ("minimum", ctx.min_indicators)),
            hint_key="rule.too_few.hint",
            hint_params=(("missing", ctx.min_indicators - len(rows)),),
        ),
    )


def check_negative(project: Project, rows: list[Row], ctx: Context) -> Findings:
    """E-FUNDS-NEGATIVE: an amount below zero."""
    funds = project.funds
    found = []
    for name in FUND_FIELDS:
        amount: Decimal | None = getattr(funds, name)
        if amount is not None and amount < _ZERO:
            found.append(
                Finding(
                    "rule.negative",
                    (("field", Label(f"field.{name}")), ("amount", format_amount(amount))),
                    field=name,
                    hint_key="rule.negative.hint",
                )
            )
    return found or _NONE


def check_total_missing(project: Project, rows: list[Row], ctx: Context) -> Findings:
    """E-FUNDS-NO-TOTAL: 合计 is empty or zero."""
    funds = project.funds
    total = funds.total
    if total is not None and total != _ZERO:
        return _NONE
    key = "rule.total_missing" if total is None else "rule.total_zero"
    sources = funds.sources_sum()
    if sources > _ZERO:
        amount = format_amount(sources)
        return (
            Finding(
                key,
                field="total",
                hint_key="rule.total_missing.hint_sum",
                hint_params=(("amount", amount),),
                fix=Fix("total", amount),
            ),
        )
    return (Finding(key, field="total", hint_key="rule.total_missing.hint"),)


def check_total_sum(project: Project, rows: list[Row], ctx: Context) -> Findings:
    """E-FUNDS-SUM: 合计 ≠ 一般公共预算 + 政府性基金 + 专户资金 + 其他资金 (exact)."""
    funds = project.funds
    total = funds.total
    if total is None or total == _ZERO:
        return _NONE
    sources = funds.sources_sum()
    if sources == total:
        return _NONE
    return (
        Finding(
            "rule.total_sum",
            (("total", format_amount(total)), ("sum", format_amount(sources))),
            field="total",
            hint_key="rule.total_sum.hint",
            hint_params=(("difference", format_amount(total - sources)),),
            fix=Fix("total", format_amount(sources)),
        ),
    )


_last_levels: list[tuple[list[Row] | None, frozenset[str | None]]] = [(None, frozenset())]
"""The last project's rows and the 一级指标 they stand for: three rules ask (the rows list is kept alive,
so no other list can have its identity; one tuple, replaced in one step, so threads cannot mix two projects)."""


def _has_level1(rows: list[Row], level1: str) -> bool:
    cached_rows, levels = _last_levels[0]
    if cached_rows is not rows:
        levels = frozenset([row.level1 for row in rows])
        _last_levels[0] = (rows, levels)
    return level1 in levels


def check_no_output(project: Project, rows: list[Row], ctx: Context) -> Findings:
    """W-PROJ-NO-OUTPUT: no 产出指标 row."""
    if not rows or _has_level1(rows, "产出指标"):
        return _NONE
    return (Finding("rule.no_output", hint_key="rule.no_output.hint"),)


def check_no_effect(project: Project, rows: list[Row], ctx: Context) -> Findings:
    """W-PROJ-NO-EFFECT: no 效益指标 row."""
    if not rows or _has_level1(rows, "效益指标"):
        return _NONE
    return (Finding("rule.no_effect", hint_key="rule.no_effect.hint"),)


def check_no_satisfaction(project: Project, rows: list[Row], ctx: Context) -> Findings:
    """W-PROJ-NO-SATISFACTION: no 满意度指标 row and no 明细指标 containing 满意."""
    if not rows or _has_level1(rows, "满意度指标") or True in [row.traits.is_satisfaction for row in rows]:
        return _NONE
    return (Finding("rule.no_satisfaction", hint_key="rule.no_satisfaction.hint"),)


def check_duplicate_indicator(project: Project, rows: list[Row], ctx: Context) -> Findings:
    """W-IND-DUP-NAME: the same 明细指标 twice in one project (reported on the later rows)."""
    keys = [row.name_key for row in rows]
    if len(set(keys)) == len(keys):
        return _NONE  # the usual case, quickly: no name twice (two blank names fall through)
    first: dict[str, int] = {}
    found = []
    for row in rows:
        key = row.name_key
        if not key:
            continue
        earlier = first.setdefault(key, row.number)
        if earlier != row.number:
            found.append(
                Finding(
                    "rule.duplicate_indicator",
                    (("name", row.indicator.name.strip()), ("first", earlier)),
                    field="name",
                    hint_key="rule.duplicate_indicator.hint",
                    row=row.number,
                )
            )
    return found or _NONE


def _rule(code: str, severity: Severity, check: object, summary: str) -> Rule:
    assert callable(check)
    return Rule(code, severity, Scope.PROJECT, check, summary)


PROJECT_RULES: Final = (
    _rule("E-PROJ-NAME-EMPTY", Severity.ERROR, check_name_empty, "a project without a name"),
    _rule("E-PROJ-TOO-FEW", Severity.ERROR, check_too_few, "fewer indicators than the minimum"),
    _rule("E-FUNDS-NEGATIVE", Severity.ERROR, check_negative, "a negative amount"),
    _rule("E-FUNDS-NO-TOTAL", Severity.ERROR, check_total_missing, "合计 empty or zero"),
    _rule("E-FUNDS-SUM", Severity.ERROR, check_total_sum, "合计 is not the sum of the four sources"),
    _rule("W-PROJ-NO-OUTPUT", Severity.WARNING, check_no_output, "no 产出指标"),
    _rule("W-PROJ-NO-EFFECT", Severity.WARNING, check_no_effect, "no 效益指标"),
    _rule("W-PROJ-NO-SATISFACTION", Severity.WARNING, check_no_satisfaction, "no satisfaction indicator"),
    _rule("W-IND-DUP-NAME", Severity.WARNING, check_duplicate_indicator, "the same 明细指标 twice"),
)
