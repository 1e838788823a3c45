"""Validation: a full check (cold and warm) and revalidating one edited project.

The floor is a bare loop that reads every indicator field once (the least any
validation must do), over the whole document or over the one project.

"Cold" is the first validation of a document by a fresh Validator with every
cache emptied (parsed 指标值, 明细指标, 一级指标, and the engine's memo of findings,
see goaltui.rules.base.clear_caches): nothing is carried over from an earlier
run. "Warm" keeps those caches (as when a table is validated again by a fresh
Validator: opened again, compared with another version, or one of a folder of
tables with the same rows) but still starts a fresh Validator. "One project" edits the 指标值 of
the last project's first row to a value not seen before (parsed and checked
afresh, as when typing) and revalidates that project.
"""

from __future__ import annotations

import itertools

from benchmarks.datasets import Dataset
from benchmarks.report import Figure, Report, Target
from benchmarks.timing import paired
from goaltui.model import Document, Project
from goaltui.rules import Validator, validate
from goaltui.rules.base import clear_caches

FULL_TARGET_MS = 100.0
FULL_TARGET_ROWS = 16_000
"""The < 100 ms goal is for 16k rows; bigger documents are reported without a target."""
ONE_PROJECT_TARGET_MS = 2.0
ONE_PROJECT_REPEAT = 200


def touch_fields(projects: list[Project]) -> int:
    """Read every indicator field once: the floor under any validation."""
    total = 0
    for project in projects:
        for indicator in project.indicators:
            total += len(indicator.level1) + len(indicator.name) + len(indicator.value) + len(indicator.description)
    return total


def all_projects(document: Document) -> list[Project]:
    return [project for unit in document.units for project in unit.projects]


def run(report: Report, dataset: Dataset, repeat: int) -> None:
    size = dataset.label
    document = dataset.document
    projects = all_projects(document)
    target = Target(FULL_TARGET_MS) if dataset.rows <= FULL_TARGET_ROWS else None

    def cold() -> None:
        clear_caches()
        validate(document)

    subject, floor = paired(cold, lambda: touch_fields(projects), repeat)
    problems = len(validate(document))
    report.add(
        Figure(size, "validation", "full validation, cold", subject.median, "ms", floor.median, "bare loop",
               target, note=f"{problems} problems; {subject.note()}", runs=subject.cpu)
    )  # fmt: skip
    subject, floor = paired(lambda: validate(document), lambda: touch_fields(projects), repeat)
    report.add(
        Figure(size, "validation", "full validation, warm", subject.median, "ms", floor.median, "bare loop",
               target, note=subject.note(), runs=subject.cpu)
    )  # fmt: skip

    validator = Validator(document)
    last = projects[-1]
    edited = last.indicators[0]
    original = edited.value
    typed = itertools.count(12)
    key = last.key

    def edit_and_revalidate() -> None:
        edited.value = f"≥{next(typed)}次"
        validator.revalidate_project(key)

    subject, floor = paired(
        edit_and_revalidate, lambda: touch_fields([last]), max(repeat, ONE_PROJECT_REPEAT), collect=False
    )
    edited.value = original
    report.add(
        Figure(size, "validation", "one project revalidated", subject.median, "ms", floor.median,
               "bare loop (project)", Target(ONE_PROJECT_TARGET_MS), note=subject.note(), runs=subject.cpu)
    )  # fmt: skip
