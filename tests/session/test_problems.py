"""The problem index: lookups by cell, row and project; counts kept by difference equal a full count."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from goaltui.model import Document
from goaltui.rules import validate
from goaltui.session import Counts, FieldRef, Selection, Session
from goaltui.session import operations as ops
from tests.model.test_commands import _random_command
from tests.strategies import documents


def full_counts(session: Session) -> Counts:
    return Counts.of(validate(session.document))


def test_nothing_before_start(seed: Document) -> None:
    session = Session(seed)
    project = seed.units[0].projects[0]
    assert not session.problems.started
    assert session.problems.counts() == Counts()
    assert session.problems.cell(project.key, 0, "value") == []


def test_lookups_point_at_the_cell_row_and_project(seed: Document) -> None:
    session = Session(seed)
    session.problems.start()
    project = seed.units[0].projects[0]
    session.execute(FieldRef.cell(project, 2, "name").command(""))
    assert [p.code for p in session.problems.cell(project.key, 2, "name")] == ["E-IND-EMPTY"]
    assert all(p.row == 3 for p in session.problems.row_all(project.key, 2))
    session.execute(ops.delete_row(seed, Selection(project.key, row=0)))
    session.execute(ops.delete_row(seed, Selection(project.key, row=0)))
    assert "E-PROJ-TOO-FEW" in [p.code for p in session.problems.project_level(project.key)]
    session.execute(FieldRef.panel(project, "total").command("11"))
    assert [p.code for p in session.problems.panel_field(project.key, "total")] == ["E-FUNDS-SUM"]


def test_a_cell_edit_recounts_one_project(seed: Document) -> None:
    session = Session(seed)
    session.problems.start()
    project = seed.units[0].projects[3]
    before = session.problems.counts()
    session.execute(FieldRef.cell(project, 0, "level1").command("不对"))
    after = session.problems.counts()
    assert after.errors == before.errors + 1
    assert after == full_counts(session)
    assert session.problems.project_counts(project.key).errors >= 1


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doc=documents(), data=st.data())
def test_counts_kept_by_difference_equal_a_full_count(doc: Document, data: st.DataObject) -> None:
    session = Session(doc)
    session.problems.start()
    assert session.problems.counts() == full_counts(session)
    for _ in range(data.draw(st.integers(1, 12))):
        action = data.draw(st.sampled_from(["do", "do", "do", "undo", "redo"]))
        if action == "do":
            command = _random_command(data, doc)
            assert command is not None
            session.execute(command)
        elif action == "undo":
            session.undo()
        else:
            session.redo()
        assert session.problems.counts() == full_counts(session)
        by_project = Counts()
        for _unit, project in doc.projects():
            by_project = by_project.plus(session.problems.project_counts(project.key))
        for counts in session.problems.own_counts().values():
            by_project = by_project.plus(counts)
        assert by_project == session.problems.counts()
