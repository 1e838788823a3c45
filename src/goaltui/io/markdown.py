"""Markdown export: a readable report of the table.

Title, department and money unit; a summary table (one line per project with
its five amounts and number of indicators, and a totals line); then per unit
and project a heading, the funds and a table of the indicators; then 备注 and
the signatures. With ``with_problems`` the validation result is appended to
each project (and to its unit, and to the document, for problems of those).

Every text the user typed is escaped, so that it shows as typed in any
CommonMark/GFM renderer: ``|`` cannot split a cell, markup characters stay
characters, and line breaks inside a cell become ``<br>``. Control, bidi and
invisible characters are shown as marks (``␛``, ``<U+202E>``: goaltui.safe_text),
so that the report is safe to ``cat`` in a terminal.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Final

from goaltui.i18n import t
from goaltui.model import FUND_FIELDS, Document, Project
from goaltui.model.amounts import format_amount
from goaltui.safe_text import has_unsafe, terminal_safe

if TYPE_CHECKING:
    from goaltui.rules import Problem

# Inline markup (code, emphasis, links, HTML, entities, tables, strikethrough) and the
# closing sequence of a heading: backslash-escaped so the text renders as typed.
_MARKUP_CHARACTERS: Final = "\\`*_[]<>&|~#!"
_ESCAPED: Final = {ord(character): "\\" + character for character in _MARKUP_CHARACTERS}
_NEEDS_ESCAPE: Final = re.compile("[" + re.escape(_MARKUP_CHARACTERS) + "\r\n]")
_LINE_BREAK: Final = re.compile(r"\r\n|\r|\n")


def escape(text: str) -> str:
    """*text* as Markdown inline content that renders literally, on one line.

    (Searches first, then ``str.translate`` rather than regex substitutions: this
    runs on every cell, most cells need nothing, and a big table's export spent
    half its time here.)
    """
    if _NEEDS_ESCAPE.search(text) is None and not has_unsafe(text):
        return text
    return "<br>".join(terminal_safe(line).translate(_ESCAPED) for line in _LINE_BREAK.split(text))


_BLOCK_START: Final = re.compile(r"^(\d{1,9})([.)])|^([-+=])")


def paragraph(text: str) -> str:
    """*text* as a paragraph of its own that renders literally (no list, rule or code block)."""
    escaped = escape(text.strip())
    return _BLOCK_START.sub(lambda m: f"{m.group(1)}\\{m.group(2)}" if m.group(1) else f"\\{m.group(3)}", escaped)


def _heading_text(text: str, fallback: str) -> str:
    flat = " ".join(terminal_safe(text).split())
    return flat.translate(_ESCAPED) if flat else fallback


def amount_text(value: Decimal | None) -> str:
    """Two decimals (more when the amount has more); empty for no amount."""
    if value is None:
        return ""
    exponent = value.as_tuple().exponent
    places = max(2, -exponent) if isinstance(exponent, int) else 2
    return format_amount(value, places)


def _row(cells: Iterable[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _table(header: Sequence[str], aligns: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
    lines = [_row(header), _row(aligns)]
    lines.extend(_row(row) for row in rows)
    return lines


def _fund_headers() -> list[str]:
    return [escape(t(f"field.{field}")) for field in FUND_FIELDS]


def render(document: Document, with_problems: bool = False) -> str:
    """The Markdown text of *document* (see the module docstring)."""
    problems: list[Problem] = []
    if with_problems:
        from goaltui.rules import validate

        problems = validate(document)
    by_project: dict[int, list[Problem]] = {}
    by_unit: dict[int, list[Problem]] = {}
    whole: list[Problem] = []
    for problem in problems:
        if problem.project_key is not None:
            by_project.setdefault(problem.project_key, []).append(problem)
        elif problem.unit_key is not None:
            by_unit.setdefault(problem.unit_key, []).append(problem)
        else:
            whole.append(problem)

    unnamed = escape(t("md.unnamed"))
    lines: list[str] = [f"# {_heading_text(document.title, unnamed)}", ""]
    lines.append(t("md.label", label=escape(t("field.department")), value=escape(document.department)) + "  ")
    lines.append(t("md.label", label=escape(t("field.money_unit")), value=escape(document.money_unit)))
    lines.append("")
    lines += _summary(document)
    if with_problems:
        lines += ["", f"## {escape(t('md.document_problems'))}", ""]
        lines += _counts_line(problems)
        if whole:
            lines += ["", *_problem_lines(whole)]

    for unit in document.units:
        lines += ["", f"## {_heading_text(unit.name, unnamed)}"]
        if with_problems and unit.key in by_unit:
            lines += ["", *_problem_lines(by_unit[unit.key])]
        if not unit.projects:
            lines += ["", escape(t("md.no_projects"))]
        for project in unit.projects:
            lines += _project(document, project, unnamed)
            if with_problems:
                lines += ["", f"#### {escape(t('md.problems'))}", ""]
                found = by_project.get(project.key, [])
                lines += _problem_lines(found) if found else [escape(t("md.no_problems"))]

    lines += _footer(document)
    return "\n".join(lines) + "\n"


def _summary(document: Document) -> list[str]:
    header = [escape(t("field.unit")), escape(t("field.project")), *_fund_headers(), escape(t("md.indicator_count"))]
    aligns = ["---", "---", *("---:" for _ in FUND_FIELDS), "---:"]
    rows: list[list[str]] = []
    for unit, project in document.projects():
        amounts = [amount_text(project.funds.get(field)) for field in FUND_FIELDS]
        rows.append([escape(unit.name), escape(project.name), *amounts, str(len(project.indicators))])
    totals = document.fund_totals()
    rows.append(
        [
            f"**{escape(t('md.totals'))}**",
            "",
            *(f"**{amount_text(totals[field])}**" for field in FUND_FIELDS),
            f"**{document.indicator_count()}**",
        ]
    )
    return [f"## {escape(t('md.summary'))}", "", *_table(header, aligns, rows)]


def _project(document: Document, project: Project, unnamed: str) -> list[str]:
    lines = ["", f"### {_heading_text(project.name, unnamed)}", ""]
    unit = escape(document.money_unit)
    funds = [
        f"{escape(t(f'field.{field}'))} {amount_text(project.funds.get(field))}"
        for field in FUND_FIELDS
        if project.funds.get(field) is not None
    ]
    lines.append(
        t("md.funds", unit=unit, items=t("md.separator").join(funds)) if funds else t("md.no_funds", unit=unit)
    )
    lines.append("")
    if not project.indicators:
        lines.append(escape(t("md.no_indicators")))
        return lines
    fields = ["level1", "level2", "name", "value", "description"]
    if not document.has_level2:
        fields.remove("level2")
    header = [escape(t("md.number")), *(escape(t(f"field.{field}")) for field in fields)]
    aligns = ["---:", *("---" for _ in fields)]
    rows = [
        [str(number), *(escape(getattr(indicator, field)) for field in fields)]
        for number, indicator in enumerate(project.indicators, start=1)
    ]
    lines += _table(header, aligns, rows)
    return lines


def _counts_line(problems: Sequence[Problem]) -> list[str]:
    """How many problems of each severity the table has (never "no problems" when it has some)."""
    if not problems:
        return [escape(t("md.no_problems"))]
    from goaltui.rules import Severity
    from goaltui.rules.report import severity_counts

    counts = severity_counts(list(problems))
    text = t(
        "md.counts",
        n=len(problems),
        errors=counts[Severity.ERROR],
        warnings=counts[Severity.WARNING],
        infos=counts[Severity.INFO],
    )
    return [escape(text)]


def _problem_lines(problems: Sequence[Problem]) -> list[str]:
    lines = []
    for problem in problems:
        parts = [f"**{escape(t(f'md.severity.{problem.severity.value}'))}**", f"`{problem.code}`"]
        if problem.row is not None:
            parts.append(escape(t("md.problem_row", row=problem.row)))
        text = t("md.problem_line", where=" ".join(parts), message=escape(problem.message))
        hint = problem.hint
        if hint:
            text += t("md.problem_hint", hint=escape(hint))
        lines.append(f"- {text}")
    return lines


def _footer(document: Document) -> list[str]:
    lines = ["", f"## {escape(t('field.notes'))}", ""]
    lines.append(paragraph(document.notes) if document.notes.strip() else escape(t("summary.none")))
    signatures = document.signatures
    lines += [
        "",
        t("md.label", label=escape(t("field.leader")), value=escape(signatures.leader)) + "  ",
        t("md.label", label=escape(t("field.handler")), value=escape(signatures.handler)) + "  ",
        t("md.label", label=escape(t("field.phone")), value=escape(signatures.phone)),
    ]
    return lines


def write(document: Document, path: Path, with_problems: bool = False, **_options: object) -> None:
    """Write the Markdown of *document* to *path* atomically (UTF-8)."""
    from goaltui.io.safe_write import write_bytes_atomic

    write_bytes_atomic(Path(path), render(document, with_problems=with_problems).encode("utf-8"))


__all__ = ["amount_text", "escape", "paragraph", "render", "write"]
