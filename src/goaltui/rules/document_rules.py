"""Checks of the structure (unit and project names) and of the document header and footer."""

from __future__ import annotations

import re
from typing import Final

from goaltui.model import Document
from goaltui.rules.base import Context, Finding, Findings, Placed, Rule, Scope
from goaltui.rules.names import normalise_text
from goaltui.rules.problem import Label, Severity

__all__ = ["DOCUMENT_RULES", "FOOTER_FIELDS", "STRUCTURE_RULES", "plausible_phone"]

_NONE: Final[Findings] = ()
FOOTER_FIELDS: Final = frozenset({"leader", "handler", "phone"})
"""Document problems on these fields are listed after the projects (where the footer is)."""


# --- structure -------------------------------------------------------------------


def check_unit_name_empty(document: Document) -> list[Placed]:
    """E-UNIT-NAME-EMPTY: a unit without a name."""
    return [
        Placed(unit, None, Finding("rule.unit_name_empty", field="name", hint_key="rule.unit_name_empty.hint"))
        for unit in document.units
        if not unit.name.strip()
    ]


def check_unit_name_duplicate(document: Document) -> list[Placed]:
    """E-UNIT-NAME-DUP: two units with the same name (reported on the later ones)."""
    seen: dict[str, int] = {}
    found = []
    for position, unit in enumerate(document.units, start=1):
        key = normalise_text(unit.name)
        if not key:
            continue
        first = seen.setdefault(key, position)
        if first != position:
            finding = Finding(
                "rule.unit_name_duplicate",
                (("name", unit.name.strip()),),
                field="name",
                hint_key="rule.unit_name_duplicate.hint",
            )
            found.append(Placed(unit, None, finding))
    return found


def check_project_name_duplicate(document: Document) -> list[Placed]:
    """E-PROJ-NAME-DUP: two projects with the same name in one unit (reported on the later ones)."""
    found = []
    for unit in document.units:
        seen: set[str] = set()
        for project in unit.projects:
            key = normalise_text(project.name)
            if not key:
                continue
            if key in seen:
                finding = Finding(
                    "rule.project_name_duplicate",
                    (("name", project.name.strip()),),
                    field="name",
                    hint_key="rule.project_name_duplicate.hint",
                )
                found.append(Placed(unit, project, finding))
            seen.add(key)
    return found


def check_unit_without_projects(document: Document) -> list[Placed]:
    """W-UNIT-EMPTY: a unit with no projects."""
    return [
        Placed(unit, None, Finding("rule.unit_empty", hint_key="rule.unit_empty.hint"))
        for unit in document.units
        if not unit.projects
    ]


# --- document --------------------------------------------------------------------


def check_project_count(document: Document, ctx: Context) -> Findings:
    """E-DOC-PROJECT-COUNT: the project count differs from the count the budget bureau issued (备注 1)."""
    expected = document.expected_project_count
    count = document.project_count()
    if expected is None or expected == count:
        return _NONE
    return (
        Finding(
            "rule.project_count",
            (("count", count), ("expected", expected)),
            field="expected_project_count",
            hint_key="rule.project_count.hint",
        ),
    )


def check_no_projects(document: Document, ctx: Context) -> Findings:
    """W-DOC-NO-PROJECTS: the table has no project at all."""
    if any(unit.projects for unit in document.units):
        return _NONE
    return (Finding("rule.no_projects", hint_key="rule.no_projects.hint"),)


def check_title_year(document: Document, ctx: Context) -> Findings:
    """W-DOC-TITLE-YEAR: the title states no budget year (2020年…)."""
    if document.year is not None:
        return _NONE
    if not document.title.strip():
        return (Finding("rule.title_empty", field="title", hint_key="rule.title_year.hint"),)
    return (
        Finding(
            "rule.title_year",
            (("title", document.title.strip()),),
            field="title",
            hint_key="rule.title_year.hint",
        ),
    )


def check_money_unit(document: Document, ctx: Context) -> Findings:
    """W-DOC-MONEY-UNIT: amounts are not in 万元."""
    unit = document.money_unit.strip()
    if unit == "万元":
        return _NONE
    return (Finding("rule.money_unit", (("unit", unit),), field="money_unit", hint_key="rule.money_unit.hint"),)


_SIGNED: Final = (("department", None), ("leader", "leader"), ("handler", "handler"), ("phone", "phone"))


def check_signatures_empty(document: Document, ctx: Context) -> Findings:
    """W-DOC-EMPTY: 填报部门, 部门主要领导, 经办人 or 联系电话 is empty."""
    signatures = document.signatures
    found = []
    for name, attribute in _SIGNED:
        text = document.department if attribute is None else getattr(signatures, attribute)
        if not text.strip():
            found.append(
                Finding(
                    "rule.header_empty",
                    (("field", Label(f"field.{name}")),),
                    field=name,
                    hint_key="rule.header_empty.hint",
                    hint_params=(("field", Label(f"field.{name}")),),
                )
            )
    return found or _NONE


_PHONE: Final = re.compile(
    r"(?:(?:\+?86)?1\d{10})"  # mobile
    r"|(?:(?:\(0\d{2,3}\)|0\d{2,3}-?)?[2-9]\d{6,7}(?:(?:-|转)\d{1,5})?)"  # landline, optional area code, extension
)
_PHONE_SEPARATORS: Final = re.compile(r"[/,，;；、]|或")


def plausible_phone(text: str) -> bool:
    """7–8 digits with an optional area code (0575-84119169), or a mobile number (11 digits, 1…).

    Several numbers may be given, separated by ``/``, ``、`` or ``，``.
    """
    parts = [part for part in _PHONE_SEPARATORS.split(normalise_text(text)) if part]
    if not parts:
        return False
    return all(_PHONE.fullmatch(part) is not None for part in parts)


def check_phone(document: Document, ctx: Context) -> Findings:
    """W-DOC-PHONE: 联系电话 is not a plausible Chinese phone number."""
    phone = document.signatures.phone
    if not phone.strip() or plausible_phone(phone):
        return _NONE
    return (
        Finding("rule.phone", (("phone", phone.strip()),), field="phone", hint_key="rule.phone.hint"),
    )


def _rule(code: str, severity: Severity, scope: Scope, check: object, summary: str) -> Rule:
    assert callable(check)
    return Rule(code, severity, scope, check, summary)


STRUCTURE_RULES: Final = (
    _rule("E-UNIT-NAME-EMPTY", Severity.ERROR, Scope.STRUCTURE, check_unit_name_empty, "a unit without a name"),
    _rule("E-UNIT-NAME-DUP", Severity.ERROR, Scope.STRUCTURE, check_unit_name_duplicate, "two units, one name"),
    _rule("E-PROJ-NAME-DUP", Severity.ERROR, Scope.STRUCTURE, check_project_name_duplicate, "two projects, one name"),
    _rule("W-UNIT-EMPTY", Severity.WARNING, Scope.STRUCTURE, check_unit_without_projects, "a unit with no projects"),
)

DOCUMENT_RULES: Final = (
    _rule("E-DOC-PROJECT-COUNT", Severity.ERROR, Scope.DOCUMENT, check_project_count, "project count ≠ issued count"),
    _rule("W-DOC-NO-PROJECTS", Severity.WARNING, Scope.DOCUMENT, check_no_projects, "no projects at all"),
    _rule("W-DOC-TITLE-YEAR", Severity.WARNING, Scope.DOCUMENT, check_title_year, "the title has no year"),
    _rule("W-DOC-MONEY-UNIT", Severity.WARNING, Scope.DOCUMENT, check_money_unit, "amounts not in 万元"),
    _rule("W-DOC-EMPTY", Severity.WARNING, Scope.DOCUMENT, check_signatures_empty, "department/signature/phone empty"),
    _rule("W-DOC-PHONE", Severity.WARNING, Scope.DOCUMENT, check_phone, "an implausible phone number"),
)
