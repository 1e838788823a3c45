"""Sorting, on request and undoable: a project's indicators by 一级指标, projects by name or amount."""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from typing import Final

from goaltui.model import Document, Indicator, Project
from goaltui.model.commands import Batch, Command, ReorderIndicators, ReorderProjects, find_unit, place_project
from goaltui.model.level1 import LEVEL1_VALUES, normalize_level1
from goaltui.session.operations import Selection, selected_project
from goaltui.session.pinyin import spelled

LEVEL1_ORDER: Final = ("产出指标", "效益指标", "满意度指标", "成本指标")
"""The order of the sort: outputs, effects, satisfaction, cost (what the form lists first)."""

assert set(LEVEL1_ORDER) == set(LEVEL1_VALUES)


class ProjectOrder(StrEnum):
    NAME = "name"
    """By name, as Chinese is sorted in a dictionary (by pinyin)."""
    AMOUNT = "amount"
    """By 合计, the largest first (projects without one last)."""


def _level1_rank(indicator: Indicator) -> int:
    level1 = normalize_level1(indicator.level1)
    return LEVEL1_ORDER.index(level1) if level1 is not None else len(LEVEL1_ORDER)


def sort_indicators(document: Document, selection: Selection) -> Command | None:
    """The selected project's rows by 一级指标 (产出, 效益, 满意度, 成本, then anything else),
    keeping the order within each; None when they are in that order already."""
    project = selected_project(document, selection)
    if project is None:
        return None
    rows = sorted(project.indicators, key=_level1_rank)  # (a stable sort)
    keys = [row.key for row in rows]
    if keys == [row.key for row in project.indicators]:
        return None
    return ReorderIndicators(project.key, keys)


def _by_name(project: Project) -> tuple[bool, str, str]:
    return not project.name.strip(), spelled(project.name), project.name


def _by_amount(project: Project) -> tuple[bool, Decimal]:
    return project.funds.total is None, -(project.funds.total or Decimal(0))


def sort_projects(document: Document, selection: Selection, order: ProjectOrder) -> Command | None:
    """The projects of the unit under the tree cursor (of every unit, on the department) by name
    or by amount, each unit on its own; None when they are in that order already."""
    node = selection.node
    if node is not None and node[0] == "doc":
        units = list(document.units)
    elif node is not None and node[0] == "unit":
        units = [find_unit(document, node[1])[1]]
    elif node is not None and node[0] == "project":
        units = [place_project(document, node[1])[0]]
    else:
        project = selected_project(document, selection)
        if project is None:
            return None
        units = [place_project(document, project.key)[0]]
    commands: list[Command] = []
    for unit in units:
        if order is ProjectOrder.NAME:
            projects = sorted(unit.projects, key=_by_name)
        else:
            projects = sorted(unit.projects, key=_by_amount)
        keys = [project.key for project in projects]
        if keys != [project.key for project in unit.projects]:
            commands.append(ReorderProjects(unit.key, keys))
    if not commands:
        return None
    return commands[0] if len(commands) == 1 else Batch(commands, kind="sort_projects")
