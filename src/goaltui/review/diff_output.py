"""What ``goaltui diff OLD NEW --format text|json|md`` prints: one line (or list item, or object) per change.

Changes are grouped under the project (or unit, header, footer) they belong to,
in the order :func:`goaltui.review.diff.diff` gives them, then the problems
fixed and introduced, the fund totals and a count. Cell text is escaped for the
terminal (:mod:`goaltui.review.terminal_text`) and, in Markdown, as
:mod:`goaltui.io.markdown` escapes it.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from goaltui.i18n import CATALOG, t
from goaltui.io.markdown import amount_text, escape
from goaltui.model.amounts import format_amount
from goaltui.review.diff import (
    PROBLEM_KINDS,
    AmountChange,
    Change,
    ChangeKind,
    DocumentDiff,
    FieldChange,
    FieldValue,
    Place,
)
from goaltui.review.options import DIFF_FORMATS as FORMATS
from goaltui.review.terminal_text import json_dumps, terminal_safe
from goaltui.rules import Severity
from goaltui.rules.report import field_label, problems_to_json

__all__ = ["FORMATS", "change_heading", "describe_change", "diff_json", "render_diff"]


Escape = Callable[[str], str]


def _place_json(place: Place | None) -> dict[str, Any] | None:
    if place is None:
        return None
    return {
        "unit": place.unit,
        "unit_index": place.unit_index,
        "project": place.project,
        "project_index": place.project_index,
        "row": place.row,
    }


def _amount_json(value: Decimal | None) -> str | None:
    return None if value is None else format_amount(value)


def _amount_change_json(item: AmountChange) -> dict[str, Any]:
    return {
        "field": item.field,
        "old": _amount_json(item.old),
        "new": _amount_json(item.new),
        "difference": format_amount(item.difference),
    }


def _change_json(change: Change) -> dict[str, Any]:
    problem = problems_to_json([change.problem])["problems"][0] if change.problem is not None else None
    return {
        "kind": change.kind.value,
        "old": _place_json(change.old),
        "new": _place_json(change.new),
        "fields": [{"field": item.field, "old": item.old, "new": item.new} for item in change.fields],
        "amounts": [_amount_change_json(item) for item in change.amounts],
        "rows": [list(row) for row in change.rows],
        "similarity": change.similarity,
        "problem": problem,
    }


def _severity_counts(counts: Any) -> dict[str, int]:
    return {"errors": counts[Severity.ERROR], "warnings": counts[Severity.WARNING], "infos": counts[Severity.INFO]}


def diff_json(result: DocumentDiff, old_name: str, new_name: str) -> dict[str, Any]:
    return {
        "old": old_name,
        "new": new_name,
        "equal": result.equal,
        "counts": {
            "changes": len(result.changes),
            "content": len(result.content_changes),
            "problems_fixed": result.count(ChangeKind.PROBLEM_FIXED),
            "problems_introduced": result.count(ChangeKind.PROBLEM_INTRODUCED),
        },
        "changes": [_change_json(change) for change in result.changes],
        "money_unit": result.money_unit,
        "totals": [_amount_change_json(item) for item in result.totals],
        "problems": {"old": _severity_counts(result.old_counts), "new": _severity_counts(result.new_counts)},
    }


# --- text and Markdown: one line per change -------------------------------------------------------------


def _labelled(label: str, text: str) -> str:
    return t("review.labelled", label=label, text=text)


def _field_name(name: str) -> str:
    key = f"field.{name}"
    return t(key) if key in CATALOG else t(f"diff.field.{name}")


def _value(value: FieldValue, esc: Escape) -> str:
    if value is None or value == "":
        return t("diff.empty")
    if isinstance(value, bool):
        return t("diff.yes") if value else t("diff.no")
    return esc(str(value))


def _field_change(item: FieldChange, esc: Escape) -> str:
    change = t("diff.from_to", old=_value(item.old, esc), new=_value(item.new, esc))
    return t("diff.field_change", field=_field_name(item.field), change=change)


def _signed(value: Decimal) -> str:
    text = amount_text(value)
    return text if value < 0 else f"+{text}"


def _amount_change(item: AmountChange) -> str:
    change = t(
        "diff.amount_from_to",
        old=amount_text(item.old) or t("diff.empty"),
        new=amount_text(item.new) or t("diff.empty"),
        difference=_signed(item.difference),
    )
    return t("diff.field_change", field=_field_name(item.field), change=change)


def _row_text(values: tuple[str, ...] | list[str], esc: Escape) -> str:
    return " · ".join(esc(value) for value in values if value)


def _one_side(item: AmountChange) -> str:
    """The amount of an added or removed project (the side that has it)."""
    return amount_text(item.new if item.old is None else item.old)


def _project_content(change: Change, esc: Escape) -> str:
    amounts = t("diff.separator").join(
        t("diff.field_change", field=_field_name(item.field), change=_one_side(item)) for item in change.amounts
    )
    return t("diff.project_content", amounts=amounts or t("diff.no_amounts"), count=len(change.rows))


def describe_change(change: Change, esc: Escape = terminal_safe) -> str:
    """The change on one line, without the unit/project it belongs to (:func:`change_heading` says that).

    Cell text goes through *esc* (terminal-safe by default). The compare list of the editor shows this.
    """
    kind = change.kind
    label = t(f"diff.kind.{kind.value}")
    separator = t("diff.separator")
    old, new = change.old, change.new
    if kind in (ChangeKind.HEADER, ChangeKind.SIGNATURE):
        return separator.join(_field_change(item, esc) for item in change.fields)
    if kind in (ChangeKind.UNIT_RENAMED, ChangeKind.PROJECT_RENAMED):
        item = change.fields[0]
        text = _labelled(label, t("diff.from_to", old=esc(str(item.old)), new=esc(str(item.new))))
        if change.similarity is not None and change.similarity < 1:
            text += t("diff.similarity", score=f"{change.similarity:.2f}")
        return text
    if kind in (ChangeKind.UNIT_ADDED, ChangeKind.UNIT_REMOVED):
        return label
    if kind is ChangeKind.UNIT_MOVED and old is not None and new is not None:
        return _labelled(label, t("diff.position", old=(old.unit_index or 0) + 1, new=(new.unit_index or 0) + 1))
    if kind in (ChangeKind.PROJECT_ADDED, ChangeKind.PROJECT_REMOVED):
        return t("diff.with_content", label=label, content=_project_content(change, esc))
    if kind is ChangeKind.PROJECT_MOVED and old is not None and new is not None:
        return _labelled(label, t("diff.moved_unit", old=esc(old.unit or ""), new=esc(new.unit or "")))
    if kind is ChangeKind.PROJECT_REORDERED and old is not None and new is not None:
        positions = t("diff.position", old=(old.project_index or 0) + 1, new=(new.project_index or 0) + 1)
        return _labelled(label, positions)
    if kind is ChangeKind.FUNDS:
        return _labelled(label, separator.join(_amount_change(item) for item in change.amounts))
    if kind is ChangeKind.INDICATOR_CHANGED and new is not None:
        fields = separator.join(_field_change(item, esc) for item in change.fields)
        return _labelled(f"{t('diff.row', row=new.row)} {label}", fields)
    if kind is ChangeKind.INDICATOR_ADDED and new is not None:
        values = [str(item.new) for item in change.fields]
        return _labelled(f"{t('diff.row', row=new.row)} {label}", _row_text(values, esc))
    if kind is ChangeKind.INDICATOR_REMOVED and old is not None:
        values = [str(item.old) for item in change.fields]
        return _labelled(f"{t('diff.old_row', row=old.row)} {label}", _row_text(values, esc))
    if kind is ChangeKind.INDICATOR_MOVED and old is not None and new is not None:
        return _labelled(label, t("diff.row_moved", old=old.row, new=new.row))
    problem = change.problem
    if problem is not None:
        where = [esc(name) for name in (problem.unit, problem.project) if name]
        location = " / ".join(where)
        if problem.row is not None:
            location += f" {t('check.row', row=problem.row)}"
        label_text = field_label(problem)
        if label_text:
            location += f" · {label_text}"
        text = t(
            "diff.problem",
            severity=t(f"check.severity.{problem.severity.value}"),
            code=problem.code,
            where=_labelled(location.strip(), "") if location.strip() else "",
            message=esc(problem.message),
        )
        return f"{label} {text}"
    return label  # pragma: no cover - every kind is handled above


def _group(change: Change) -> tuple[str, str | None, str | None]:
    """(kind of group, unit, project) a change is listed under."""
    if change.kind is ChangeKind.HEADER:
        return ("footer" if change.fields[0].field == "notes" else "header", None, None)
    if change.kind is ChangeKind.SIGNATURE:
        return ("footer", None, None)
    if change.kind in PROBLEM_KINDS:
        return ("problems", None, None)
    # A removed project is listed where it was; a removed row under its project as it is now.
    place = change.old if change.kind is ChangeKind.PROJECT_REMOVED or change.new is None else change.new
    assert place is not None
    return ("node", place.unit, place.project)


def change_heading(change: Change, esc: Escape = terminal_safe) -> str:
    """What a change belongs to, as its group is headed: 表头, 备注与签字, 检查结果的变化, or ``unit / project``."""
    return _heading(_group(change), esc)


def _heading(group: tuple[str, str | None, str | None], esc: Escape) -> str:
    kind, unit, project = group
    if kind != "node":
        return t(f"diff.group.{kind}")
    names = [esc(" ".join((unit or "").split()) or t("md.unnamed"))]
    if project is not None:
        names.append(esc(" ".join(project.split()) or t("md.unnamed")))
    return " / ".join(names)


def _grouped(result: DocumentDiff) -> list[tuple[tuple[str, str | None, str | None], list[Change]]]:
    groups: list[tuple[tuple[str, str | None, str | None], list[Change]]] = []
    for change in result.changes:
        group = _group(change)
        if groups and groups[-1][0] == group:
            groups[-1][1].append(change)
        else:
            groups.append((group, [change]))
    return groups


def _totals_line(result: DocumentDiff, unit: str) -> str:
    changed = [item for item in result.totals if item.old != item.new]
    if not changed:
        return ""
    return _labelled(t("diff.group.totals", unit=unit), t("diff.separator").join(_amount_change(i) for i in changed))


def _closing(result: DocumentDiff) -> list[str]:
    counts = t(
        "diff.counts",
        old_errors=result.old_counts[Severity.ERROR],
        new_errors=result.new_counts[Severity.ERROR],
        old_warnings=result.old_counts[Severity.WARNING],
        new_warnings=result.new_counts[Severity.WARNING],
    )
    summary = t(
        "diff.summary",
        changes=len(result.changes),
        content=len(result.content_changes),
        fixed=result.count(ChangeKind.PROBLEM_FIXED),
        introduced=result.count(ChangeKind.PROBLEM_INTRODUCED),
    )
    return [counts, summary]


def _text(result: DocumentDiff, old_name: str, new_name: str) -> str:
    esc = terminal_safe
    lines = [t("diff.versions", old=esc(old_name), new=esc(new_name)), ""]
    if result.equal:
        return "\n".join([*lines, t("diff.equal")])
    for group, changes in _grouped(result):
        lines.append(f"【{_heading(group, esc)}】")
        lines += [f"  {describe_change(change, esc)}" for change in changes]
    lines.append("")
    totals = _totals_line(result, esc(result.money_unit))
    if totals:
        lines.append(totals)
    lines += _closing(result)
    return "\n".join(lines)


def _md(result: DocumentDiff, old_name: str, new_name: str) -> str:
    def esc(text: str) -> str:
        return escape(terminal_safe(text))

    lines = [f"# {esc(t('diff.title'))}", "", esc(t("diff.versions", old=old_name, new=new_name)), ""]
    if result.equal:
        return "\n".join([*lines, esc(t("diff.equal")), ""])
    for group, changes in _grouped(result):
        lines += [f"## {_heading(group, esc)}", ""]
        lines += [f"- {describe_change(change, esc)}" for change in changes]
        lines.append("")
    changed = [item for item in result.totals if item.old != item.new]
    if changed:
        lines += [f"## {esc(t('diff.group.totals', unit=result.money_unit))}", ""]
        headings = [t("diff.column.fund"), t("diff.column.old"), t("diff.column.new"), t("diff.column.difference")]
        lines.append("| " + " | ".join(esc(heading) for heading in headings) + " |")
        lines.append("| --- | ---: | ---: | ---: |")
        for item in changed:
            amounts = [amount_text(item.old), amount_text(item.new), _signed(item.difference)]
            cells = [esc(_field_name(item.field)), *amounts]
            lines.append("| " + " | ".join(cells) + " |")
        lines.append("")
    for line in _closing(result):
        lines += [esc(line), ""]
    return "\n".join(lines)


def render_diff(result: DocumentDiff, *, old_name: str, new_name: str, output_format: str) -> str:
    """The text to print for *result* in *output_format* (``text``, ``json`` or ``md``)."""
    if output_format == "json":
        return json_dumps(diff_json(result, old_name, new_name))
    if output_format == "md":
        return _md(result, old_name, new_name)
    return _text(result, old_name, new_name)
