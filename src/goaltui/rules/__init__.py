"""Validation: the review rules a budget reviewer applies to a 绩效目标汇总表.

Use :func:`validate` for a one-off check and :class:`Validator` in the
editor (it re-runs only what an edit can change). Each problem says what is
wrong (:attr:`Problem.message`), where (unit, project, 1-based row, field) and,
where possible, how to fix it (:attr:`Problem.hint`, and a :class:`Fix` the
editor can apply on request). Texts live in :mod:`goaltui.i18n` (Chinese and
English).

Rule codes
----------
A code is ``<S>-<AREA>-<WHAT>`` and never changes once released:

- ``S`` is the *default* severity: ``E`` error, ``W`` warning, ``I`` info (a
  :class:`RuleConfig` may change the severity or disable a rule; the code stays);
- ``AREA`` is where the rule looks: ``IND`` an indicator row, ``VALUE`` the
  指标值, ``PROJ`` a project, ``FUNDS`` a project's 资金安排, ``UNIT`` a
  项目实施单位, ``DOC`` the header, footer and document-wide counts;
- ``WHAT`` names the check.

Errors (block "ready to submit"):
``E-IND-EMPTY`` 一级/二级(on three-level forms)/明细指标/指标值/指标描述 empty (备注 3);
``E-IND-LEVEL1`` 一级指标 not one of 产出/效益/满意度/成本指标;
``E-VALUE-INVALID`` 指标值 does not parse (bare operator, reversed range 5-1条, impossible date, placeholder);
``E-VALUE-PERCENT-OVER`` a rate (率/满意度/比例) above 100 % (a scanned ≥92% often becomes 292%);
``E-PROJ-NAME-EMPTY``, ``E-PROJ-NAME-DUP`` (within the unit); ``E-UNIT-NAME-EMPTY``, ``E-UNIT-NAME-DUP``;
``E-PROJ-TOO-FEW`` fewer indicators than the minimum (备注 2, default 5);
``E-FUNDS-NEGATIVE``; ``E-FUNDS-NO-TOTAL`` 合计 empty or zero; ``E-FUNDS-SUM`` 合计 ≠ sum of the four sources;
``E-DOC-PROJECT-COUNT`` project count ≠ the count issued by the budget bureau (备注 1), when entered;
``E-FUNDS-INEXACT`` an amount a spreadsheet cannot hold exactly (over 15 significant digits; the export refuses it);
``E-PROJ-CONTROL``, ``E-UNIT-CONTROL``, ``E-DOC-CONTROL`` a control character (ESC, BEL…) or a bidi override in a
project's name or indicator cell, a unit's name, the header or footer (see goaltui.safe_text).

Warnings:
``W-IND-LEVEL1-FORM`` 一级指标 written loosely (产出, spaces, full width): the normal form is offered as a fix;
``W-PROJ-NO-OUTPUT``, ``W-PROJ-NO-EFFECT``, ``W-PROJ-NO-SATISFACTION`` (no 满意度指标 row and no 明细指标 with 满意);
``W-VALUE-QUALITATIVE`` the name asks for a number but the value has none;
``W-VALUE-NOT-PERCENT``, ``W-VALUE-NOT-MONEY``, ``W-VALUE-NOT-DATE``, ``W-VALUE-DATE-YEAR`` (budget year ±1);
``W-VALUE-VAGUE`` 好/较好/良好/一般/加强/弘扬/有所提升/有效/明显; ``W-VALUE-NO-UNIT`` (a unit suggested from the name);
``W-IND-DUP-NAME`` the same 明细指标 twice in a project; ``W-UNIT-EMPTY`` a unit with no projects;
``W-DOC-EMPTY`` 填报部门/领导/经办人/电话 empty; ``W-DOC-PHONE``; ``W-DOC-TITLE-YEAR``; ``W-DOC-MONEY-UNIT``;
``W-DOC-NO-PROJECTS``; ``W-PROJ-INVISIBLE``, ``W-UNIT-INVISIBLE``, ``W-DOC-INVISIBLE`` a zero-width or other
invisible character.

Infos: ``I-IND-DESC-REPEATS`` 指标描述 identical to 明细指标.
"""

from __future__ import annotations

from goaltui.rules.catalogue import RULES, RULES_BY_CODE
from goaltui.rules.engine import Validator, validate
from goaltui.rules.problem import Fix, Problem, RuleConfig, Severity
from goaltui.rules.value_parser import ParsedValue, ValueKind, parse_value

__all__ = [
    "RULES",
    "RULES_BY_CODE",
    "Fix",
    "ParsedValue",
    "Problem",
    "RuleConfig",
    "Severity",
    "Validator",
    "ValueKind",
    "parse_value",
    "validate",
]
