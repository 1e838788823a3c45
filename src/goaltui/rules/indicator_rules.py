"""Checks of one indicator row (一级指标, 明细指标, 指标值, 指标描述)."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Final

from goaltui.model.level1 import LEVEL1_VALUES
from goaltui.rules.base import BLANK, ECHO, LEVEL1_ODD, Context, Finding, Findings, Row, Rule, Scope, description_flags
from goaltui.rules.names import ASKS_QUANTITY, IS_MONEY, IS_RATE, IS_TIME, normalise_text
from goaltui.rules.problem import Fix, Label, Severity
from goaltui.rules.value_parser import ValueKind

__all__ = ["INDICATOR_RULES"]

_NONE: Final[Findings] = ()
_HUNDRED: Final = Decimal(100)
_REQUIRED: Final = ("level1", "name", "value", "description")
_REQUIRED_WITH_LEVEL2: Final = ("level1", "level2", "name", "value", "description")
_NUMERIC: Final = frozenset({ValueKind.QUANTITY, ValueKind.RANGE})
_WORDS: Final = frozenset({ValueKind.QUALITATIVE, ValueKind.LIST})
_NOT_DATE: Final = frozenset(ValueKind) - {ValueKind.DATE, ValueKind.EMPTY, ValueKind.INVALID}
_INVALID: Final = frozenset({ValueKind.INVALID})
_DATE: Final = frozenset({ValueKind.DATE})


def check_empty(row: Row, ctx: Context) -> Findings:
    """E-IND-EMPTY: 一级指标, 明细指标, 指标值 and 指标描述 must all be filled (备注 3)."""
    indicator = row.indicator
    if (
        indicator.level1.strip()
        and indicator.name.strip()
        and indicator.value.strip()
        and indicator.description.strip()
        and (not ctx.has_level2 or indicator.level2.strip())
    ):
        return _NONE
    fields = _REQUIRED_WITH_LEVEL2 if ctx.has_level2 else _REQUIRED
    found = [
        Finding(
            "rule.ind_empty",
            (("field", Label(f"field.{name}")),),
            field=name,
            hint_key="rule.ind_empty.hint",
            hint_params=(("field", Label(f"field.{name}")),),
        )
        for name in fields
        if not getattr(indicator, name).strip()
    ]
    return found or _NONE


def check_level1_unknown(row: Row, ctx: Context) -> Findings:
    """E-IND-LEVEL1: 一级指标 stands for none of 产出/效益/满意度/成本指标."""
    if row.level1 is not None:
        return _NONE
    text = row.indicator.level1
    if not text.strip():
        return _NONE
    return (
        Finding(
            "rule.level1_unknown",
            (("text", text.strip()), ("allowed", "、".join(LEVEL1_VALUES))),
            field="level1",
            hint_key="rule.level1_unknown.hint",
        ),
    )


def check_level1_form(row: Row, ctx: Context) -> Findings:
    """W-IND-LEVEL1-FORM: 一级指标 written loosely (产出, spaces, full width): offer the normal form."""
    text = row.indicator.level1
    normal = row.level1
    if normal is None or normal == text:
        return _NONE
    return (
        Finding(
            "rule.level1_form",
            (("text", text), ("normal", normal)),
            field="level1",
            hint_key="rule.level1_form.hint",
            hint_params=(("normal", normal),),
            fix=Fix("level1", normal),
        ),
    )


def check_value_invalid(row: Row, ctx: Context) -> Findings:
    """E-VALUE-INVALID: the 指标值 does not parse (bare operator, reversed range, impossible date)."""
    parsed = row.parsed
    if parsed.kind is not ValueKind.INVALID:
        return _NONE
    return (
        Finding(
            "rule.value_invalid",
            (("value", parsed.text.strip()), ("reason", Label(parsed.reason_key or "value.reason.unreadable"))),
            field="value",
            hint_key="rule.value_invalid.hint",
        ),
    )


_DIGIT = re.compile(r"\d")
_OCR_GE = re.compile(r"\s*2(\d{2}(?:\.\d+)?\s*[%％])\s*")


def check_percent_over_100(row: Row, ctx: Context) -> Findings:
    """E-VALUE-PERCENT-OVER: a rate (率, 满意度, 比例) above 100 %; often a mis-scanned ≥."""
    traits = row.traits
    if not traits.is_rate or traits.is_growth:
        return _NONE
    parsed = row.parsed
    if parsed.unit != "%" or parsed.kind not in _NUMERIC:
        return _NONE
    highest = parsed.highest
    if highest is None or highest <= _HUNDRED:
        return _NONE
    params = (("name", row.indicator.name.strip()), ("value", parsed.text.strip()))
    ocr = _OCR_GE.fullmatch(parsed.text)
    if ocr is not None:
        suggestion = "≥" + ocr.group(1).replace(" ", "")
        return (
            Finding(
                "rule.percent_over",
                params,
                field="value",
                hint_key="rule.percent_over.hint_ocr",
                hint_params=(("value", parsed.text.strip()), ("suggestion", suggestion)),
                fix=Fix("value", suggestion),
            ),
        )
    return (Finding("rule.percent_over", params, field="value", hint_key="rule.percent_over.hint"),)


def _example(row: Row) -> str:
    if row.traits.is_rate:
        return "≥90%"
    return f"≥10{row.traits.unit_hint or '个'}"


def check_quantity_expected(row: Row, ctx: Context) -> Findings:
    """W-VALUE-QUALITATIVE: the name asks for a number (…数, 率, 成本…) but the value is qualitative."""
    if not row.traits.asks_quantity or row.parsed.kind not in _WORDS or _DIGIT.search(row.parsed.text):
        return _NONE  # a number inside prose (每月1次) is at least a number
    return (
        Finding(
            "rule.value_qualitative",
            (("name", row.indicator.name.strip()), ("value", row.parsed.text.strip())),
            field="value",
            hint_key="rule.value_qualitative.hint",
            hint_params=(("example", _example(row)),),
        ),
    )


def check_rate_unit(row: Row, ctx: Context) -> Findings:
    """W-VALUE-NOT-PERCENT: a 率/满意度 value stated with a unit other than %."""
    if not row.traits.is_rate:
        return _NONE
    parsed = row.parsed
    if not parsed.unit or parsed.kind not in _NUMERIC or parsed.is_percent:
        return _NONE
    return (
        Finding(
            "rule.value_not_percent",
            (("name", row.indicator.name.strip()), ("value", parsed.text.strip()), ("unit", parsed.unit)),
            field="value",
            hint_key="rule.value_not_percent.hint",
        ),
    )


def check_money_unit(row: Row, ctx: Context) -> Findings:
    """W-VALUE-NOT-MONEY: a 成本/经费/金额 value stated with a unit other than 元/万元."""
    if not row.traits.is_money:
        return _NONE
    parsed = row.parsed
    if not parsed.unit or parsed.kind not in _NUMERIC or parsed.is_money:
        return _NONE
    return (
        Finding(
            "rule.value_not_money",
            (("name", row.indicator.name.strip()), ("value", parsed.text.strip()), ("unit", parsed.unit)),
            field="value",
            hint_key="rule.value_not_money.hint",
        ),
    )


_DURATION_UNITS: Final = frozenset({"天", "日", "个工作日", "工作日", "个月", "月", "年", "周", "小时", "分钟", "h"})


def check_time_is_date(row: Row, ctx: Context) -> Findings:
    """W-VALUE-NOT-DATE: a 时间/时限 indicator whose value is neither a date nor a duration."""
    if not row.traits.is_time:
        return _NONE
    parsed = row.parsed
    if parsed.kind not in _NOT_DATE or (parsed.is_numeric and parsed.unit in _DURATION_UNITS):
        return _NONE
    year = ctx.year
    example = f"{year}年12月底前" if year is not None else "12月底前"
    return (
        Finding(
            "rule.value_not_date",
            (("name", row.indicator.name.strip()), ("value", parsed.text.strip())),
            field="value",
            hint_key="rule.value_not_date.hint",
            hint_params=(("example", example),),
        ),
    )


def check_date_year(row: Row, ctx: Context) -> Findings:
    """W-VALUE-DATE-YEAR: a date outside the budget year ±1."""
    parsed = row.parsed
    year = ctx.year
    if year is None or parsed.date is None or parsed.kind is not ValueKind.DATE:
        return _NONE
    years = [point.year for point in (parsed.date, parsed.date_end) if point is not None and point.year is not None]
    if all(year - 1 <= written <= year + 1 for written in years):
        return _NONE
    return (
        Finding(
            "rule.date_year",
            (("value", parsed.text.strip()), ("year", year)),
            field="value",
            hint_key="rule.date_year.hint",
            hint_params=(("year", year), ("low", year - 1), ("high", year + 1)),
        ),
    )


# Longest first, so 良好 is reported rather than 好. Each word maps to its hint.
_VAGUE_WORDS: Final = (
    ("有所提升", "rule.vague.hint_change"),
    ("良好", "rule.vague.hint_grade"),
    ("较好", "rule.vague.hint_grade"),
    ("一般", "rule.vague.hint_grade"),
    ("加强", "rule.vague.hint_change"),
    ("弘扬", "rule.vague.hint_activity"),
    ("有效", "rule.vague.hint_effective"),
    ("明显", "rule.vague.hint_change"),
    ("好", "rule.vague.hint_grade"),
)
_VAGUE_HINTS: Final = dict(_VAGUE_WORDS)
_VAGUE_RE: Final = re.compile("|".join(word for word, _hint in _VAGUE_WORDS))


def check_vague(row: Row, ctx: Context) -> Findings:
    """W-VALUE-VAGUE: a vague qualitative value (良好, 加强, 有所提升…): suggest a measurable one."""
    parsed = row.parsed
    if parsed.kind not in _WORDS:
        return _NONE
    text = parsed.text.strip()
    match = _VAGUE_RE.search(text)
    if match is None:
        return _NONE
    word = match.group()
    hint = _VAGUE_HINTS[word]
    if text == word:
        return (Finding("rule.vague.whole", (("value", text),), field="value", hint_key=hint),)
    return (Finding("rule.vague", (("value", text), ("word", word)), field="value", hint_key=hint),)


def check_unit_missing(row: Row, ctx: Context) -> Findings:
    """W-VALUE-NO-UNIT: a number with no unit (涉及项目数 | 1): suggest one from the name."""
    parsed = row.parsed
    if parsed.unit or parsed.kind not in _NUMERIC:
        return _NONE
    params = (("value", parsed.text.strip()),)
    unit = row.traits.unit_hint
    if not unit:
        return (Finding("rule.unit_missing", params, field="value", hint_key="rule.unit_missing.hint"),)
    suggestion = normalise_text(parsed.text) + unit
    return (
        Finding(
            "rule.unit_missing",
            params,
            field="value",
            hint_key="rule.unit_missing.hint_suggest",
            hint_params=(("name", row.indicator.name.strip()), ("suggestion", suggestion)),
            fix=Fix("value", suggestion),
        ),
    )


def check_description_repeats(row: Row, ctx: Context) -> Findings:
    """I-IND-DESC-REPEATS: the 指标描述 only repeats the 明细指标."""
    key = row.name_key
    description = row.indicator.description
    # Cheap test first (the engine runs this rule only on rows that pass it): a
    # description and a name, whose first and last characters agree after normalisation.
    if not description_flags(description, key) & ECHO or normalise_text(description.strip()) != key:
        return _NONE
    return (
        Finding(
            "rule.desc_repeats",
            (("name", row.indicator.name.strip()),),
            field="description",
            hint_key="rule.desc_repeats.hint",
        ),
    )


def _rule(
    code: str,
    severity: Severity,
    check: object,
    summary: str,
    kinds: frozenset[ValueKind] | None = None,
    needs: int = 0,
) -> Rule:
    assert callable(check)
    return Rule(code, severity, Scope.INDICATOR, check, summary, kinds, needs)



INDICATOR_RULES: Final = (
    _rule("E-IND-EMPTY", Severity.ERROR, check_empty, "一级指标, 明细指标, 指标值 or 指标描述 is empty", needs=BLANK),
    _rule("E-IND-LEVEL1", Severity.ERROR, check_level1_unknown, "一级指标 is not one of the four", needs=LEVEL1_ODD),
    _rule("W-IND-LEVEL1-FORM", Severity.WARNING, check_level1_form, "一级指标 written loosely", needs=LEVEL1_ODD),
    _rule("E-VALUE-INVALID", Severity.ERROR, check_value_invalid, "指标值 does not parse", _INVALID),
    _rule("E-VALUE-PERCENT-OVER", Severity.ERROR, check_percent_over_100, "a rate above 100 %", _NUMERIC, IS_RATE),
    _rule("W-VALUE-QUALITATIVE", Severity.WARNING, check_quantity_expected, "no number given", _WORDS, ASKS_QUANTITY),
    _rule("W-VALUE-NOT-PERCENT", Severity.WARNING, check_rate_unit, "a rate not in %", _NUMERIC, IS_RATE),
    _rule("W-VALUE-NOT-MONEY", Severity.WARNING, check_money_unit, "a cost not in 元/万元", _NUMERIC, IS_MONEY),
    _rule("W-VALUE-NOT-DATE", Severity.WARNING, check_time_is_date, "a deadline not a date", _NOT_DATE, IS_TIME),
    _rule("W-VALUE-DATE-YEAR", Severity.WARNING, check_date_year, "a date outside the budget year ±1", _DATE),
    _rule("W-VALUE-VAGUE", Severity.WARNING, check_vague, "a vague qualitative value", _WORDS),
    _rule("W-VALUE-NO-UNIT", Severity.WARNING, check_unit_missing, "a number with no unit", _NUMERIC),
    _rule("I-IND-DESC-REPEATS", Severity.INFO, check_description_repeats, "指标描述 repeats 明细指标", needs=ECHO),
)
