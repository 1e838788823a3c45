"""Gather per-project forms into a 汇总表: each form's project under its 实施单位.

Headless, for ``goaltui import-project`` and the editor's "insert projects
from files": :func:`insert_projects` reads the files and returns an
:class:`ImportPlan` whose ``command`` (one undoable :class:`Batch`) adds every
project, creating the units that are missing. Nothing is changed while
``problems`` is not empty: a form that cannot be read, has no 实施单位, uses
another money unit or repeats a project the unit already has is refused, and
the caller shows the problems instead of applying anything.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from goaltui.errors import GoaltuiError
from goaltui.i18n import t
from goaltui.io.project_form import ProjectForm, key
from goaltui.model import Document, Project, Unit
from goaltui.model.amounts import format_amount
from goaltui.model.commands import AddProject, AddUnit, Batch, Command, SetDocumentField

TEXT_SUFFIXES = (".txt", ".tsv")


@dataclass
class ImportPlan:
    """What importing the forms does: a command to apply, a line per form, or the problems."""

    command: Batch
    lines: list[str] = field(default_factory=list)
    """One line per form (and one per table-level change), for the user."""
    problems: list[str] = field(default_factory=list)
    """One line per form that cannot be imported: when any, apply nothing."""
    projects: list[Project] = field(default_factory=list)
    """The projects the command adds, in order (the editor can select the first)."""

    @property
    def ok(self) -> bool:
        return not self.problems and bool(self.projects)


def read_forms(paths: Iterable[Path], sheet: str | None = None) -> tuple[list[ProjectForm], list[str]]:
    """The forms in *paths* (every per-project sheet of a workbook), and one problem line per unreadable file."""
    from goaltui.io import text_table, xlsx_import

    forms: list[ProjectForm] = []
    problems: list[str] = []
    for path in paths:
        path = Path(path)
        suffix = path.suffix.lower()
        try:
            if suffix in xlsx_import.WORKBOOK_SUFFIXES:
                forms.extend(xlsx_import.read_project_forms(path, sheet))
            elif suffix in TEXT_SUFFIXES:
                forms.extend(text_table.read_project_forms(path))
            else:
                formats = " ".join((*xlsx_import.WORKBOOK_SUFFIXES, *TEXT_SUFFIXES))
                problems.append(t("cli.unknown_input_format", file=path, formats=formats))
        except GoaltuiError as exc:
            problems.append(str(exc))
    return forms, problems


def plan_import(document: Document, forms: Sequence[ProjectForm]) -> ImportPlan:
    """The command adding each form's project to *document* under its unit (see the module docstring)."""
    commands: list[Command] = []
    plan = ImportPlan(Batch([], kind="insert_projects"))
    units = {key(unit.name): unit for unit in document.units}
    new_units: dict[str, Unit] = {}
    taken = {(key(unit.name), key(project.name)) for unit in document.units for project in unit.projects}
    appended: dict[int, int] = {}
    for item in forms:
        remarks = list(item.remarks)
        unit_name = item.unit
        if not unit_name and item.department:
            unit_name = item.department
            remarks.insert(0, t("import.unit_from_department"))
        if not unit_name:
            plan.problems.append(t("import.no_unit", file=item.source, project=item.project.name))
            continue
        if key(item.money_unit) != key(document.money_unit or "万元"):
            plan.problems.append(
                t("import.money_unit", file=item.source, form_unit=item.money_unit, table_unit=document.money_unit)
            )
            continue
        unit_key = key(unit_name)
        if (unit_key, key(item.project.name)) in taken:
            shown = units[unit_key].name if unit_key in units else unit_name
            plan.problems.append(t("import.duplicate", file=item.source, unit=shown, project=item.project.name))
            continue
        taken.add((unit_key, key(item.project.name)))
        new = ""
        if unit_key in units:
            unit = units[unit_key]
            position = len(unit.projects) + appended.get(unit.key, 0)
            appended[unit.key] = appended.get(unit.key, 0) + 1
            commands.append(AddProject(unit.key, position, item.project))
        elif unit_key in new_units:
            new_units[unit_key].projects.append(item.project)
        else:
            new_units[unit_key] = Unit(name=unit_name, projects=[item.project])
            new = t("import.new_unit")
        plan.projects.append(item.project)
        total = format_amount(item.project.funds.total) or "—"
        line = t(
            "import.added",
            project=item.project.name,
            unit=unit_name,
            new=new,
            indicators=len(item.project.indicators),
            total=total,
            file=item.source,
        )
        if remarks:
            line += t("import.remarks", remarks=t("xlsx.list_separator").join(remarks))
        plan.lines.append(line)
    commands.extend(AddUnit(len(document.units) + offset, unit) for offset, unit in enumerate(new_units.values()))
    imported = [form for form in forms if any(form.project is project for project in plan.projects)]
    if not document.has_level2 and any(
        form.has_level2 and any(i.level2 for i in form.project.indicators) for form in imported
    ):
        commands.append(SetDocumentField("has_level2", True))
        plan.lines.append(t("import.level2_on"))
    departments = {form.department for form in imported if form.department}
    if not document.department and len(departments) == 1:
        department = departments.pop()
        commands.append(SetDocumentField("department", department))
        plan.lines.append(t("import.department_set", department=department))
    plan.command = Batch(commands, kind="insert_projects")
    return plan


def insert_projects(document: Document, paths: Iterable[Path], sheet: str | None = None) -> ImportPlan:
    """Read the forms in *paths* and plan adding them to *document* (for the editor's "insert projects from files").

    Apply ``plan.command`` through the editor's history when ``plan.ok``;
    otherwise show ``plan.problems`` (nothing was changed).
    """
    forms, problems = read_forms(paths, sheet)
    plan = plan_import(document, forms)
    plan.problems[:0] = problems
    return plan


__all__ = ["ImportPlan", "insert_projects", "plan_import", "read_forms"]
