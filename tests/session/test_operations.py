"""The document operations, as (document, selection) → command, without a screen."""

from __future__ import annotations

from goaltui.model import Document
from goaltui.session import Selection, Session
from goaltui.session import operations as ops


def test_row_operations_and_where_they_leave_the_cursor(seed: Document) -> None:
    session = Session(seed)
    project = seed.units[0].projects[0]
    here = Selection(project.key, row=1, field="name")
    change = session.execute(ops.insert_row(seed, here))
    assert change is not None and change.rows and change.location.row == 2
    assert project.indicators[2].level1 == project.indicators[1].level1 and project.indicators[2].name == ""
    change = session.execute(ops.duplicate_row(seed, here))
    assert change is not None and change.location.row == 2
    assert project.indicators[2].name == project.indicators[1].name
    assert project.indicators[2].key != project.indicators[1].key
    change = session.execute(ops.move_row(seed, here, -1))
    assert change is not None and change.location.row == 0
    assert ops.move_row(seed, Selection(project.key, row=0), -1) is None  # the edge
    count = len(project.indicators)
    session.execute(ops.delete_row(seed, here))
    assert len(project.indicators) == count - 1
    for _ in range(4):
        session.undo()
    assert len(project.indicators) == 5 and not session.dirty


def test_operations_that_do_not_apply_return_none(seed: Document) -> None:
    nowhere = Selection()
    assert ops.insert_row(seed, nowhere) is None
    assert ops.delete_row(seed, nowhere) is None
    assert ops.duplicate_row(seed, Selection(seed.units[0].projects[0].key)) is None  # no row
    assert ops.cycle_level1(seed, Selection(seed.units[0].projects[0].key, row=0, field="name")) is None
    assert ops.delete_node(seed, Selection(node=("doc", 0))) is None
    assert ops.rename_node(seed, Selection(node=("doc", 0)), "x") is None
    assert ops.set_header({}) is None


def test_cycle_level1(seed: Document) -> None:
    project = seed.units[0].projects[0]
    session = Session(seed)
    here = Selection(project.key, row=0, field="level1")
    seen = []
    for _ in range(4):
        session.execute(ops.cycle_level1(seed, here))
        seen.append(project.indicators[0].level1)
    assert seen == ["效益指标", "满意度指标", "成本指标", "产出指标"]


def test_projects_and_units(seed: Document) -> None:
    session = Session(seed)
    unit = seed.units[0]
    first, second = unit.projects[0], unit.projects[1]
    change = session.execute(ops.add_project(seed, Selection(node=("project", first.key))))
    assert change is not None and change.structure
    assert unit.projects[1].key == change.location.project_key and unit.projects[2] is second
    change = session.execute(ops.add_unit(seed, Selection(node=("project", first.key)), "第二单位"))
    assert change is not None and [u.name for u in seed.units] == ["区人大办", "第二单位"]
    last = unit.projects[-1]
    session.execute(ops.move_node(seed, Selection(node=("project", last.key)), 1))  # into the next unit
    assert seed.units[1].projects == [last]
    session.execute(ops.rename_node(seed, Selection(node=("unit", seed.units[1].key)), "改名"))
    assert seed.units[1].name == "改名"
    session.execute(ops.delete_node(seed, Selection(node=("unit", seed.units[1].key))))
    assert len(seed.units) == 1
    while session.undo() is not None:
        pass
    assert [p.key for p in unit.projects][:2] == [first.key, second.key] and len(seed.units) == 1


def test_a_new_project_in_an_empty_document_gets_a_unit() -> None:
    document = Document()
    session = Session(document)
    change = session.execute(ops.add_project(document, Selection(node=("doc", 0))))
    assert change is not None and document.project_count() == 1
    assert change.location.project_key == document.units[0].projects[0].key  # located at the project


def test_header_is_one_step(seed: Document) -> None:
    session = Session(seed)
    change = session.execute(ops.set_header({"department": "新部门", "signatures.phone": "123"}))
    assert change is not None and change.document_level
    session.undo()
    assert seed.department != "新部门" and seed.signatures.phone == "84119169"
