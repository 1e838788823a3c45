"""What the status line and the tree show is kept by difference: after any sequence of commands,
undos and redos it equals counting the document afresh."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from goaltui.model import Document, Funds, Indicator, Project, Unit
from goaltui.model.amounts import format_amount
from goaltui.model.commands import InsertIndicator, SetFund, SetIndicatorField
from goaltui.session import Counts, FieldRef, ProblemIndex, Session
from tests.model.test_commands import _random_command
from tests.strategies import documents


def _check(session: Session) -> None:
    doc = session.document
    totals = session.totals
    assert totals.projects == doc.project_count()
    assert totals.indicators == doc.indicator_count()
    full = doc.fund_totals()
    kept = totals.fund_totals()
    assert kept == full
    assert {f: format_amount(a) for f, a in kept.items()} == {f: format_amount(a) for f, a in full.items()}
    assert format_amount(totals.total) == format_amount(full["total"])
    # the problems per unit and in all, against a problem index made afresh
    fresh = ProblemIndex(doc, session.min_indicators)
    fresh.start()
    problems = session.problems
    assert problems.counts() == fresh.counts()
    for unit in doc.units:
        assert problems.unit_counts(unit.key) == fresh.unit_counts(unit.key)
        expected = fresh.own_counts().get(unit.key, Counts())
        for project in unit.projects:
            assert problems.project_counts(project.key) == fresh.project_counts(project.key)
            expected = expected.plus(fresh.project_counts(project.key))
        assert problems.unit_counts(unit.key) == expected
    # every node found by key, where a scan finds it
    for unit in doc.units:
        for position, project in enumerate(unit.projects):
            assert session.find_project(project.key) == (unit, project)
            assert session.nodes.project(project.key) == (unit, position, project)
            for row, indicator in enumerate(project.indicators):
                assert session.nodes.indicator(indicator.key) == (project, row, indicator)
                ref = FieldRef.cell(project, row, "value")  # found through the index as by a scan
                assert ref.row(session.nodes) == ref.row(doc) == row
                assert ref.text(session.nodes) == ref.text(doc)
            panel = FieldRef.panel(project, "total")
            assert panel.text(session.nodes) == panel.text(doc) and panel.exists(session.nodes)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doc=documents(), data=st.data())
def test_totals_and_counts_kept_by_difference_equal_a_full_count(doc: Document, data: st.DataObject) -> None:
    session = Session(doc)
    session.problems.start()
    _check(session)
    for _ in range(data.draw(st.integers(1, 14))):
        action = data.draw(st.sampled_from(["do", "do", "do", "undo", "redo"]))
        if action == "do":
            command = _random_command(data, doc)
            assert command is not None
            session.execute(command)
        elif action == "undo":
            session.undo()
        else:
            session.redo()
        _check(session)


def _one_project(*amounts: Decimal | None) -> Document:
    projects = [Project(name=f"项目{i}", funds=Funds(total=amount)) for i, amount in enumerate(amounts)]
    return Document(units=[Unit(name="局本级", projects=projects)])


def test_a_sum_has_the_places_of_its_amounts_and_loses_them_with_them() -> None:
    doc = _one_project(Decimal("10.0"), Decimal("5"))
    session = Session(doc)
    assert format_amount(session.totals.total) == "15.0"
    first = doc.units[0].projects[0]
    session.execute(SetFund(first.key, "total", Decimal("10")))
    assert format_amount(session.totals.total) == "15"  # as counting afresh: 10 + 5
    session.undo()
    assert format_amount(session.totals.total) == "15.0"
    session.execute(SetFund(first.key, "total", None))
    assert session.totals.total == Decimal(5)
    assert session.totals.recounts == 1  # (one count at the start, then only differences)


def test_an_edit_inside_a_project_recounts_nothing_else() -> None:
    doc = _one_project(Decimal(1), Decimal(2), Decimal(3))
    project = doc.units[0].projects[2]
    project.indicators.append(Indicator(level1="产出指标", name="完成率", value="100%"))
    session = Session(doc)
    session.problems.start()
    before = session.totals.recounts
    session.execute(SetIndicatorField(project.key, project.indicators[0].key, "value", "≥95%"))
    session.execute(SetFund(project.key, "total", Decimal("3.5")))
    assert session.totals.recounts == before
    assert session.totals.total == Decimal("6.5")
    rebuilds = session.nodes.rebuilds
    session.execute(SetFund(project.key, "other", Decimal(1)))
    session.execute(InsertIndicator(project.key, 0, Indicator(name="新指标")))
    assert session.nodes.indicator(project.indicators[0].key) == (project, 0, project.indicators[0])
    assert session.nodes.rebuilds == rebuilds  # found by key, not by a scan
    assert session.totals.indicators == 2
