"""The output of ``goaltui check``: text grouped by project, or one JSON object."""

from __future__ import annotations

import json
from typing import Any

from goaltui.errors import UsageError
from goaltui.i18n import t
from goaltui.model import Document
from goaltui.rules.engine import validate
from goaltui.rules.problem import Problem, RuleConfig, Severity

__all__ = ["EXIT_ERRORS", "EXIT_OK", "field_label", "problems_to_json", "render_check"]

EXIT_OK = 0
EXIT_ERRORS = 1


def field_label(problem: Problem) -> str:
    """The field's name for the user; ``name`` is the project's or unit's name off an indicator row."""
    field = problem.field
    if field is None:
        return ""
    if field == "name" and problem.row is None:
        return t("field.project") if problem.project_key is not None else t("field.unit")
    return t(f"field.{field}")


def severity_counts(problems: list[Problem]) -> dict[Severity, int]:
    counts = dict.fromkeys(Severity, 0)
    for problem in problems:
        counts[problem.severity] += 1
    return counts


def problems_to_json(problems: list[Problem]) -> dict[str, Any]:
    """``{"errors", "warnings", "infos", "problems": [...]}`` in the current language."""
    counts = severity_counts(problems)
    return {
        "errors": counts[Severity.ERROR],
        "warnings": counts[Severity.WARNING],
        "infos": counts[Severity.INFO],
        "problems": [
            {
                "code": problem.code,
                "severity": problem.severity.value,
                "message": problem.message,
                "unit": problem.unit,
                "project": problem.project,
                "row": problem.row,
                "field": problem.field,
                "hint": problem.hint,
            }
            for problem in problems
        ],
    }


def _group_title(problem: Problem) -> str:
    if problem.unit_key is None:
        return t("check.document")
    if problem.project_key is None:
        return problem.unit
    return f"{problem.unit} / {problem.project}"


def _text(problems: list[Problem]) -> str:
    """Problems grouped by project (document problems first), each group in document order."""
    groups: dict[tuple[int | None, int | None], list[Problem]] = {}
    for problem in problems:
        groups.setdefault((problem.unit_key, problem.project_key), []).append(problem)
    lines: list[str] = []
    for members in groups.values():
        lines.append(f"【{_group_title(members[0])}】")
        for problem in members:
            where = [t("check.row", row=problem.row)] if problem.row is not None else []
            label = field_label(problem)
            if label:
                where.append(label)
            location = f"{' · '.join(where)}  " if where else ""
            severity = t(f"check.severity.{problem.severity.value}")
            lines.append(f"  {location}[{severity} {problem.code}] {problem.message}")
            hint = problem.hint
            if hint:
                lines.append(f"      {t('check.hint', hint=hint)}")
        lines.append("")
    if not lines:
        lines.append(t("check.clean"))
    counts = severity_counts(problems)
    lines.append(
        t(
            "check.summary",
            errors=counts[Severity.ERROR],
            warnings=counts[Severity.WARNING],
            infos=counts[Severity.INFO],
        )
    )
    return "\n".join(lines)


def render_check(document: Document, *, output_format: str, min_indicators: int | None) -> tuple[str, int]:
    """The text to print for ``goaltui check`` and its exit code (0 no errors, 1 errors)."""
    if min_indicators is not None and min_indicators < 0:
        raise UsageError(t("check.bad_min_indicators", value=min_indicators))
    config = RuleConfig() if min_indicators is None else RuleConfig(min_indicators=min_indicators)
    problems = validate(document, config)
    code = EXIT_ERRORS if any(problem.severity is Severity.ERROR for problem in problems) else EXIT_OK
    if output_format == "json":
        return json.dumps(problems_to_json(problems), ensure_ascii=False, indent=2), code
    if output_format != "text":
        raise UsageError(f"unknown format: {output_format}")
    return _text(problems), code
