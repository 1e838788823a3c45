"""Checks that protect the reader and the workbook: unsafe characters in any text, inexact amounts.

Unsafe characters (see :mod:`goaltui.safe_text`): a control character or a bidi
override in a cell is an error — sent to a terminal it can set the clipboard or
the window title, and a bidi override changes what a reviewer reads
(``‮001`` shows as ``100``); a zero-width or other invisible character is a
warning — it makes two equal-looking names differ. Each is reported on its
field, with a fix that deletes the characters. One rule per scope, so that an
edit re-runs only what it can change: the project's name and its indicator rows
(project scope), unit names (structure scope), the header and footer (document
scope).

Inexact amounts: a spreadsheet cell is an IEEE double, exact to 15 significant
digits; ``12345678901234567890`` would be written as ``12345678901234567000``.
The xlsx export refuses such a document (io.export_checks); this rule shows where.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import chain
from typing import Final

from goaltui.model import FUND_FIELDS, INDICATOR_FIELDS, Document, Project
from goaltui.model.amounts import (
    SPREADSHEET_DIGITS,
    format_amount,
    significant_digits,
    spreadsheet_exact,
    spreadsheet_value,
)
from goaltui.rules.base import UNPRINTABLE, Context, Finding, Findings, Placed, Row, Rule, Scope
from goaltui.rules.problem import Fix, Label, Severity
from goaltui.safe_text import UnsafeKind, find_unsafe, has_unsafe, mark, strip_unsafe

__all__ = ["SAFETY_RULES"]

_NONE: Final[Findings] = ()
_SHOWN_CHARS: Final = 5
_DOCUMENT_TEXTS: Final = ("title", "department", "money_unit", "notes")
_SIGNATURE_TEXTS: Final = ("leader", "handler", "phone")

_Place = tuple[int | None, str, str]
"""(1-based row or None for the project itself, field, text)."""


def _findings(text: str, field: str, *, errors: bool, row: int | None = None, label: str = "") -> list[Finding]:
    """The findings for one text: control/bidi (``errors``) or invisible characters (not ``errors``).

    *label* is the catalog key of the field's name when ``field.<field>`` is not it
    (a project's or unit's ``name``).
    """
    found = find_unsafe(text)
    kinds = {UnsafeKind.CONTROL, UnsafeKind.BIDI} if errors else {UnsafeKind.INVISIBLE}
    chosen = [item for item in found if item.kind in kinds]
    if not chosen:
        return []
    shown = list(dict.fromkeys(mark(item.char) for item in chosen))
    chars = " ".join(shown[:_SHOWN_CHARS]) + (" …" if len(shown) > _SHOWN_CHARS else "")
    if not errors:
        key = "rule.unsafe_invisible"
    elif any(item.kind is UnsafeKind.CONTROL for item in chosen):
        key = "rule.unsafe_control"
    else:
        key = "rule.unsafe_bidi"
    return [
        Finding(
            key,
            (("field", Label(label or f"field.{field}")), ("chars", chars), ("count", len(chosen))),
            field=field,
            hint_key="rule.unsafe.hint",
            fix=Fix(field, strip_unsafe(text)),
            row=row,
        )
    ]


# --- project: its name and its indicator rows -------------------------------------------------------
_cache: list[tuple[list[Row] | None, tuple[_Place, ...]]] = [(None, ())]
"""The last project's rows and places with unsafe text: both project rules read it (the rows list is kept
alive, so no other list can have its identity). One tuple, read and replaced in one step: threads that
validate at once never see one project's rows with another's places."""


def _unsafe_places(project: Project, rows: list[Row]) -> tuple[_Place, ...]:
    cached_rows, cached = _cache[0]
    if cached_rows is rows:
        return cached
    places: tuple[_Place, ...] = ()
    # Every unsafe character is unprintable, and the rows tell whether one of their cells is (UNPRINTABLE):
    # the usual project, all printable, costs a look at its rows' flags (about 0.5 µs).
    if not project.name.isprintable() or UNPRINTABLE in [row.flags & UNPRINTABLE for row in rows]:
        # One string, one search. (An indicator's __dict__ holds exactly its five text fields.)
        text = "\n".join([project.name, *chain.from_iterable(row.indicator.__dict__.values() for row in rows)])
        if has_unsafe(text):
            places = tuple(_places(project, rows))
    _cache[0] = (rows, places)
    return places


def _places(project: Project, rows: list[Row]) -> Iterator[_Place]:
    if has_unsafe(project.name):
        yield None, "name", project.name
    for row in rows:
        indicator = row.indicator
        for field in INDICATOR_FIELDS:
            text: str = getattr(indicator, field)
            if has_unsafe(text):
                yield row.number, field, text


def _project_findings(project: Project, rows: list[Row], *, errors: bool) -> Findings:
    found = []
    for row, field, text in _unsafe_places(project, rows):
        label = "field.project" if row is None else ""
        found += _findings(text, field, errors=errors, row=row, label=label)
    return found or _NONE


def check_project_control(project: Project, rows: list[Row], ctx: Context) -> Findings:
    """E-PROJ-CONTROL: a control character or bidi override in the project's name or an indicator cell."""
    return _project_findings(project, rows, errors=True)


def check_project_invisible(project: Project, rows: list[Row], ctx: Context) -> Findings:
    """W-PROJ-INVISIBLE: a zero-width or other invisible character in the project's name or an indicator cell."""
    return _project_findings(project, rows, errors=False)


def check_inexact_amount(project: Project, rows: list[Row], ctx: Context) -> Findings:
    """E-FUNDS-INEXACT: an amount a spreadsheet cannot hold exactly (more than 15 significant digits)."""
    funds = project.funds
    found = []
    for name in FUND_FIELDS:
        amount = getattr(funds, name)
        # A finite amount written in at most 15 characters has at most 15 digits: exact, and a tenth of the
        # cost of counting its significant digits (as_tuple) — the usual amount is 120.5, not 20 digits long.
        if amount is None or (len(str(amount)) <= SPREADSHEET_DIGITS and amount.is_finite()):
            continue
        if not spreadsheet_exact(amount):
            found.append(
                Finding(
                    "rule.inexact_amount",
                    (
                        ("field", Label(f"field.{name}")),
                        ("amount", format_amount(amount)),
                        ("digits", significant_digits(amount)),
                        ("kept", spreadsheet_value(amount)),
                    ),
                    field=name,
                    hint_key="rule.inexact_amount.hint",
                )
            )
    return found or _NONE


# --- units ---------------------------------------------------------------------------------------------
def _unit_findings(document: Document, *, errors: bool) -> list[Placed]:
    return [
        Placed(unit, None, finding)
        for unit in document.units
        if has_unsafe(unit.name)
        for finding in _findings(unit.name, "name", errors=errors, label="field.unit")
    ]


def check_unit_control(document: Document) -> list[Placed]:
    """E-UNIT-CONTROL: a control character or bidi override in a unit's name."""
    return _unit_findings(document, errors=True)


def check_unit_invisible(document: Document) -> list[Placed]:
    """W-UNIT-INVISIBLE: a zero-width or other invisible character in a unit's name."""
    return _unit_findings(document, errors=False)


# --- header and footer ---------------------------------------------------------------------------------
def _document_findings(document: Document, *, errors: bool) -> Findings:
    found: list[Finding] = []
    for field in _DOCUMENT_TEXTS:
        text: str = getattr(document, field)
        if has_unsafe(text):
            found += _findings(text, field, errors=errors)
    for field in _SIGNATURE_TEXTS:
        text = getattr(document.signatures, field)
        if has_unsafe(text):
            found += _findings(text, field, errors=errors)
    return found or _NONE


def check_document_control(document: Document, ctx: Context) -> Findings:
    """E-DOC-CONTROL: a control character or bidi override in the title, department, notes or signatures."""
    return _document_findings(document, errors=True)


def check_document_invisible(document: Document, ctx: Context) -> Findings:
    """W-DOC-INVISIBLE: a zero-width or other invisible character in the header or footer."""
    return _document_findings(document, errors=False)


SAFETY_RULES: Final = (
    Rule("E-FUNDS-INEXACT", Severity.ERROR, Scope.PROJECT, check_inexact_amount,
         "an amount a spreadsheet cannot hold exactly (over 15 significant digits)"),
    Rule("E-PROJ-CONTROL", Severity.ERROR, Scope.PROJECT, check_project_control,
         "a control character or bidi override in a project's name or indicator"),
    Rule("W-PROJ-INVISIBLE", Severity.WARNING, Scope.PROJECT, check_project_invisible,
         "an invisible character in a project's name or indicator"),
    Rule("E-UNIT-CONTROL", Severity.ERROR, Scope.STRUCTURE, check_unit_control,
         "a control character or bidi override in a unit's name"),
    Rule("W-UNIT-INVISIBLE", Severity.WARNING, Scope.STRUCTURE, check_unit_invisible,
         "an invisible character in a unit's name"),
    Rule("E-DOC-CONTROL", Severity.ERROR, Scope.DOCUMENT, check_document_control,
         "a control character or bidi override in the header or footer"),
    Rule("W-DOC-INVISIBLE", Severity.WARNING, Scope.DOCUMENT, check_document_invisible,
         "an invisible character in the header or footer"),
)  # fmt: skip
