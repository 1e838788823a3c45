from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from goaltui.model import Document, Indicator, Project, Unit
from goaltui.model.commands import (
    AddProject,
    AddUnit,
    ApplyFix,
    Batch,
    Command,
    CommandError,
    DeleteIndicator,
    DeleteProject,
    DeleteUnit,
    DuplicateIndicator,
    InsertIndicator,
    MoveIndicator,
    MoveProject,
    MoveUnit,
    SetDocumentField,
    SetFund,
    SetIndicatorField,
    SetProjectName,
    SetSignature,
    SetUnitName,
)
from goaltui.model.history import History
from tests.strategies import CELL_TEXT, documents


def first_project(doc: Document) -> Project:
    return doc.units[0].projects[0]


def test_set_indicator_field_undo_redo(seed: Document) -> None:
    project = first_project(seed)
    row = project.indicators[1]
    history = History(seed)
    assert not history.dirty
    history.execute(SetIndicatorField(project.key, row.key, "value", "≥6个"))
    assert row.value == "≥6个"
    assert history.dirty
    history.undo()
    assert row.value == "5年"
    assert not history.dirty
    history.redo()
    assert row.value == "≥6个"
    assert history.dirty


def test_touched_and_structure_flags(seed: Document) -> None:
    project = first_project(seed)
    unit = seed.units[0]
    cases: list[tuple[Command, frozenset[int], bool, bool]] = [
        (SetIndicatorField(project.key, project.indicators[0].key, "name", "x"), frozenset({project.key}), False, False),
        (SetFund(project.key, "total", Decimal(11)), frozenset({project.key}), False, False),
        (DeleteIndicator(project.key, 0), frozenset({project.key}), False, False),
        (SetProjectName(project.key, "新项目"), frozenset({project.key}), True, False),
        (SetUnitName(unit.key, "新单位"), frozenset(), True, False),
        (SetDocumentField("department", "x"), frozenset(), False, True),
        (SetSignature("phone", "123"), frozenset(), False, True),
    ]
    for command, touched, structure, document_level in cases:
        assert command.touched_projects == touched, command
        assert command.structure == structure, command
        assert command.document_level == document_level, command


def test_noop_is_not_recorded(seed: Document) -> None:
    project = first_project(seed)
    history = History(seed)
    assert history.execute(SetFund(project.key, "total", project.funds.total)) is None
    assert history.execute(SetFund(project.key, "total", Decimal("10.0"))) is not None  # written differently


def test_dirty_after_save_then_undo(seed: Document) -> None:
    project = first_project(seed)
    history = History(seed)
    history.execute(SetProjectName(project.key, "A"))
    history.mark_saved()
    assert not history.dirty
    history.undo()
    assert history.dirty
    history.redo()
    assert not history.dirty
    history.undo()
    history.execute(SetProjectName(project.key, "B"))
    assert history.dirty  # the saved state can no longer be reached by redo


def test_delete_and_undo_keep_keys(seed: Document) -> None:
    project = first_project(seed)
    keys = [row.key for row in project.indicators]
    history = History(seed)
    history.execute(DeleteIndicator(project.key, 2))
    assert len(project.indicators) == 4
    history.undo()
    assert [row.key for row in project.indicators] == keys


def test_duplicate_gets_a_new_key(seed: Document) -> None:
    project = first_project(seed)
    history = History(seed)
    history.execute(DuplicateIndicator(seed, project.key, 0))
    a, b = project.indicators[0], project.indicators[1]
    assert a.model_dump() == b.model_dump() and a.key != b.key


def test_move_project_across_units() -> None:
    doc = Document(units=[Unit(name="A", projects=[Project(name="p1"), Project(name="p2")]), Unit(name="B")])
    p1 = doc.units[0].projects[0]
    history = History(doc)
    history.execute(MoveProject(p1.key, doc.units[1].key, 0))
    assert [p.name for p in doc.units[0].projects] == ["p2"]
    assert [p.name for p in doc.units[1].projects] == ["p1"]
    history.undo()
    assert [p.name for p in doc.units[0].projects] == ["p1", "p2"]


def test_apply_fix_targets(seed: Document) -> None:
    project = first_project(seed)
    history = History(seed)
    history.execute(ApplyFix(seed, "level1", "产出指标", project_key=project.key, row=2))
    history.execute(ApplyFix(seed, "total", "12", project_key=project.key))
    assert project.funds.total == Decimal(12)
    history.execute(ApplyFix(seed, "department", "X"))
    assert seed.department == "X"
    with pytest.raises(CommandError):
        ApplyFix(seed, "nonsense", "x")
    history.undo()
    history.undo()
    assert project.funds.total == Decimal(10)


def test_batch_rolls_back_on_failure(seed: Document) -> None:
    project = first_project(seed)
    before = seed.model_dump()
    batch = Batch([SetProjectName(project.key, "X"), DeleteIndicator(project.key, 99)])
    with pytest.raises(CommandError):
        History(seed).execute(batch)
    assert seed.model_dump() == before


# --- the property: any sequence of commands, undone, gives the original back ---------------


def _random_command(data: st.DataObject, doc: Document) -> Command | None:
    projects = doc.projects()
    choices = ["add_unit"]
    if doc.units:
        choices += ["add_project", "set_unit_name", "delete_unit", "move_unit"]
    if projects:
        choices += ["set_fund", "set_project_name", "insert", "delete_project", "move_project"]
    if any(p.indicators for _u, p in projects):
        choices += ["set_field", "set_field", "delete_row", "duplicate", "move_row"]
    choices += ["set_document", "set_signature"]
    kind = data.draw(st.sampled_from(choices))
    text = data.draw(CELL_TEXT)
    if kind == "add_unit":
        return AddUnit(data.draw(st.integers(0, len(doc.units))), Unit(name=text))
    if kind == "set_document":
        field = data.draw(st.sampled_from(["title", "department", "notes", "money_unit"]))
        return SetDocumentField(field, text)
    if kind == "set_signature":
        return SetSignature(data.draw(st.sampled_from(["leader", "handler", "phone"])), text)
    if kind in ("add_project", "set_unit_name", "delete_unit", "move_unit"):
        unit = data.draw(st.sampled_from(doc.units))
        if kind == "add_project":
            return AddProject(unit.key, data.draw(st.integers(0, len(unit.projects))), Project(name=text))
        if kind == "set_unit_name":
            return SetUnitName(unit.key, text)
        if kind == "delete_unit":
            return DeleteUnit(unit.key)
        return MoveUnit(unit.key, data.draw(st.integers(0, len(doc.units) - 1)))
    if kind in ("set_fund", "set_project_name", "insert", "delete_project", "move_project"):
        unit, project = data.draw(st.sampled_from(projects))
        if kind == "set_fund":
            field = data.draw(st.sampled_from(["total", "general_budget", "gov_fund", "special_account", "other"]))
            amount = data.draw(st.one_of(st.none(), st.decimals(0, 10_000, places=2, allow_nan=False)))
            return SetFund(project.key, field, amount)
        if kind == "set_project_name":
            return SetProjectName(project.key, text)
        if kind == "insert":
            return InsertIndicator(project.key, data.draw(st.integers(0, len(project.indicators))), Indicator(name=text))
        if kind == "delete_project":
            return DeleteProject(project.key)
        target = data.draw(st.sampled_from(doc.units))
        limit = len(target.projects) - (1 if target is unit else 0)
        return MoveProject(project.key, target.key, data.draw(st.integers(0, limit)))
    with_rows = [p for _u, p in projects if p.indicators]
    project = data.draw(st.sampled_from(with_rows))
    index = data.draw(st.integers(0, len(project.indicators) - 1))
    if kind == "set_field":
        field = data.draw(st.sampled_from(["level1", "level2", "name", "value", "description"]))
        return SetIndicatorField(project.key, project.indicators[index].key, field, text)
    if kind == "delete_row":
        return DeleteIndicator(project.key, index)
    if kind == "duplicate":
        return DuplicateIndicator(doc, project.key, index)
    return MoveIndicator(project.key, index, data.draw(st.integers(0, len(project.indicators) - 1)))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doc=documents(), data=st.data())
def test_undo_all_restores_redo_all_replays(doc: Document, data: st.DataObject) -> None:
    original = doc.model_dump()
    history = History(doc)
    steps = data.draw(st.integers(1, 25))
    for _ in range(steps):
        command = _random_command(data, doc)
        assert command is not None
        history.execute(command)
    edited = doc.model_dump()
    keys_after: Any = [[p.key for p in u.projects] for u in doc.units]
    while history.undo() is not None:
        pass
    assert doc.model_dump() == original
    assert not history.dirty
    while history.redo() is not None:
        pass
    assert doc.model_dump() == edited
    assert [[p.key for p in u.projects] for u in doc.units] == keys_after
