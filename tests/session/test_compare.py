"""Compare with… without a screen: the snapshot, the comparison in the live document's keys, and where
each change of the list leads."""

from __future__ import annotations

import threading
from pathlib import Path

from hypothesis import HealthCheck, given, settings

from goaltui.model import Document
from goaltui.review.diff import ChangeKind, diff
from goaltui.session.compare import Target, TargetKind, _rebuild, change_target, compare, take_snapshot
from tests.review.test_diff import revised, two_units
from tests.strategies import documents

K = ChangeKind
OTHER = Path("submitted.xlsx")


def _keys(document: Document) -> set[int]:
    keys = set()
    for unit in document.units:
        keys.add(unit.key)
        for project in unit.projects:
            keys.add(project.key)
            keys.update(indicator.key for indicator in project.indicators)
    return keys


def test_the_comparison_names_the_live_documents_nodes() -> None:
    old = two_units()
    new = revised(old)
    comparison = compare(old, OTHER, take_snapshot(new, state=7))
    assert comparison.state == 7 and comparison.other is old and comparison.other_path == OTHER
    live = _keys(new)
    for change in comparison.changes:
        place = change.new
        if place is not None:
            assert {place.unit_key, place.project_key, place.indicator_key} - {None} <= live, change
    marks = comparison.marks
    assert set(marks.cells) | set(marks.rows) <= live
    assert set(marks.projects) | set(marks.funds) | set(marks.removed_rows) <= live
    # the same changes as diff() of the two documents themselves
    assert [c.kind for c in comparison.changes] == [c.kind for c in diff(old, new).changes]
    # the edited cell is marked on the live indicator
    office = new.units[0]
    assert marks.cells[office.projects[3].indicators[1].key] == {"value"}
    assert marks.funds[office.projects[2].key] == {"total", "general_budget"}
    assert marks.removed_rows[office.projects[0].key] == (3,)
    for change in comparison.changes:
        if change.kind is K.PROBLEM_INTRODUCED and change.problem is not None and change.problem.project_key:
            assert change.problem.project_key in live


def test_edits_after_the_snapshot_do_not_reach_the_comparison() -> None:
    old = two_units()
    new = old.model_copy(deep=True)
    snapshot = take_snapshot(new, state=1)
    new.units[0].projects[0].indicators[0].value = "改过了"  # after the snapshot: not in this comparison
    del new.units[0].projects[1]
    comparison = compare(old, OTHER, snapshot)
    assert comparison.result.equal


def test_a_comparison_runs_in_a_thread_while_the_document_is_edited() -> None:
    old = two_units()
    new = revised(old)
    snapshot = take_snapshot(new, state=3)
    done: list[object] = []
    worker = threading.Thread(target=lambda: done.append(compare(old, OTHER, snapshot)))
    worker.start()
    for number in range(200):  # the editor keeps editing meanwhile
        new.units[0].projects[0].indicators[0].value = f"第{number}版"
        new.units[0].projects.append(new.units[0].projects.pop(0))
    worker.join(30)
    assert len(done) == 1
    assert [c.kind for c in done[0].changes] == [c.kind for c in diff(old, revised(old)).changes]  # type: ignore[attr-defined]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_the_snapshot_rebuilds_the_same_document_and_maps_every_node(document: Document) -> None:
    copy, key_map = _rebuild(take_snapshot(document, state=0))
    assert copy.model_dump() == document.model_dump()
    assert set(key_map.values()) == _keys(document)
    assert set(key_map) == _keys(copy)


def _target(old: Document, new: Document, kind: ChangeKind) -> tuple[object, Target]:
    comparison = compare(old, OTHER, take_snapshot(new, state=0))
    [change] = [change for change in comparison.changes if change.kind is kind]
    return change, change_target(change, new)


def test_where_each_change_leads() -> None:
    old = two_units()
    new = revised(old)
    office, research = new.units
    _change, target = _target(old, new, K.INDICATOR_CHANGED)
    assert target == Target(TargetKind.PROJECT, office.key, office.projects[3].key, row=1, field="value")
    _change, target = _target(old, new, K.INDICATOR_ADDED)
    project = office.projects[1]
    assert (target.project_key, target.row) == (project.key, len(project.indicators) - 1)
    # a removed row: its project, the cursor where the row was
    _change, target = _target(old, new, K.INDICATOR_REMOVED)
    assert (target.kind, target.project_key, target.row) == (TargetKind.PROJECT, office.projects[0].key, 2)
    _change, target = _target(old, new, K.FUNDS)
    assert (target.project_key, target.field) == (office.projects[2].key, "total")
    _change, target = _target(old, new, K.PROJECT_RENAMED)
    assert (target.project_key, target.field, target.row) == (office.projects[4].key, "name", None)
    _change, target = _target(old, new, K.PROJECT_MOVED)
    assert (target.kind, target.unit_key, target.project_key) == (TargetKind.PROJECT, research.key, research.projects[1].key)


def test_removed_projects_and_units_lead_to_their_parent() -> None:
    old = two_units()
    new = old.model_copy(deep=True)
    del new.units[0].projects[2]
    _change, target = _target(old, new, K.PROJECT_REMOVED)
    assert target == Target(TargetKind.UNIT, unit_key=new.units[0].key)
    new = old.model_copy(deep=True)
    del new.units[1]
    _change, target = _target(old, new, K.UNIT_REMOVED)
    assert target == Target(TargetKind.DOCUMENT)


def test_header_and_problem_changes_lead_to_the_header_and_the_problem() -> None:
    old = two_units()
    new = old.model_copy(deep=True)
    new.signatures.phone = "84119999"
    new.units[0].projects[0].indicators[0].description = ""  # a problem introduced
    comparison = compare(old, OTHER, take_snapshot(new, state=0))
    header = next(c for c in comparison.changes if c.kind is K.SIGNATURE)
    assert change_target(header, new) == Target(TargetKind.HEADER, field="phone")
    introduced = next(c for c in comparison.changes if c.kind is K.PROBLEM_INTRODUCED)
    target = change_target(introduced, new)
    assert target.kind is TargetKind.PROBLEM and target.problem is not None
    assert target.problem.project_key == new.units[0].projects[0].key  # the live project


def test_a_fixed_problem_leads_to_its_project_found_by_name() -> None:
    old = two_units()
    old.units[0].projects[1].indicators[0].description = ""  # fixed in the new version
    new = two_units()
    fixed = next(c for c in compare(old, OTHER, take_snapshot(new, state=0)).changes if c.kind is K.PROBLEM_FIXED)
    target = change_target(fixed, new)
    assert (target.kind, target.project_key, target.row) == (TargetKind.PROJECT, new.units[0].projects[1].key, 0)


def test_the_collector_is_back_as_it_was_after_a_comparison() -> None:
    import gc

    old = two_units()
    new = revised(old)
    assert gc.isenabled()
    compare(old, OTHER, take_snapshot(new, state=0))
    assert gc.isenabled()
    gc.disable()
    try:
        compare(old, OTHER, take_snapshot(new, state=0))
        assert not gc.isenabled()
    finally:
        gc.enable()
