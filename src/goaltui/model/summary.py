"""The figures ``goaltui summary`` reports: counts, fund sums, signatures."""

from __future__ import annotations

from typing import Any

from goaltui.model.amounts import format_amount
from goaltui.model.document import Document


def build_summary(document: Document) -> dict[str, Any]:
    """A JSON-ready summary; amounts as decimal strings (``"564.2"``)."""
    totals = document.fund_totals()
    return {
        "title": document.title,
        "year": document.year,
        "department": document.department,
        "money_unit": document.money_unit,
        "units": len(document.units),
        "projects": document.project_count(),
        "indicators": document.indicator_count(),
        "funds": {field: format_amount(value) for field, value in totals.items()},
        "signatures": {
            "leader": document.signatures.leader,
            "handler": document.signatures.handler,
            "phone": document.signatures.phone,
        },
        "per_project": [
            {
                "unit": unit.name,
                "project": project.name,
                "total": None if project.funds.total is None else format_amount(project.funds.total),
                "indicators": len(project.indicators),
            }
            for unit, project in document.projects()
        ],
    }
