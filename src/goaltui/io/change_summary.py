"""A short, readable list of what differs between two versions of a table.

For the prompts that decide what to keep: "the file changed on disk since you
opened it" and "a recovery journal from a crash holds unsaved changes". It
names the header fields, units and projects that differ (added, removed,
changed: funds or indicators), not every cell: the user needs to recognise the
change, not review it. Projects are matched by unit and project name.
"""

from __future__ import annotations

from typing import Final

from goaltui.i18n import t
from goaltui.model import FUND_FIELDS, Document, Project
from goaltui.safe_text import display_text

__all__ = ["describe_differences"]

_HEADER_FIELDS: Final = ("title", "department", "money_unit", "expected_project_count", "notes", "has_level2")
_SIGNATURE_FIELDS: Final = ("leader", "handler", "phone")
_SHOWN: Final = 40


def _short(value: object) -> str:
    text = display_text("" if value is None else str(value))
    return text if len(text) <= _SHOWN else text[: _SHOWN - 1] + "…"


def _project_content(project: Project) -> tuple[object, ...]:
    funds = tuple(project.funds.get(field) for field in FUND_FIELDS)
    rows = tuple(
        (row.level1, row.level2, row.name, row.value, row.description) for row in project.indicators
    )
    return funds, rows


def describe_differences(before: Document, after: Document, *, limit: int = 8) -> list[str]:
    """What changed from *before* to *after*, one short line each, at most *limit* lines (the last says how many more).

    Empty when the two hold the same table.
    """
    lines: list[str] = []
    for field in _HEADER_FIELDS:
        old, new = getattr(before, field), getattr(after, field)
        if old != new:
            lines.append(t("changes.field", field=t(f"field.{field}" if field != "has_level2" else "field.level2"),
                           before=_short(old), after=_short(new)))
    for field in _SIGNATURE_FIELDS:
        old, new = getattr(before.signatures, field), getattr(after.signatures, field)
        if old != new:
            lines.append(t("changes.field", field=t(f"field.{field}"), before=_short(old), after=_short(new)))
    old_units = [unit.name for unit in before.units]
    new_units = [unit.name for unit in after.units]
    lines += [t("changes.unit_removed", unit=_short(name)) for name in old_units if name not in new_units]
    lines += [t("changes.unit_added", unit=_short(name)) for name in new_units if name not in old_units]
    old_projects = {(unit.name, project.name): project for unit, project in before.projects()}
    new_projects = {(unit.name, project.name): project for unit, project in after.projects()}
    for key, project in old_projects.items():
        where = _short(f"{key[0]} / {key[1]}")
        if key not in new_projects:
            lines.append(t("changes.project_removed", project=where))
        elif _project_content(project) != _project_content(new_projects[key]):
            other = new_projects[key]
            rows = (len(project.indicators), len(other.indicators))
            lines.append(t("changes.project_changed", project=where, before=rows[0], after=rows[1]))
    for key in new_projects:
        if key not in old_projects:
            lines.append(t("changes.project_added", project=_short(f"{key[0]} / {key[1]}")))
    if not lines and [u.name for u in before.units] != [u.name for u in after.units]:
        lines.append(t("changes.order"))
    if len(lines) > limit:
        lines = [*lines[: limit - 1], t("changes.more", count=len(lines) - limit + 1)]
    return lines
