"""The tree's labels, the status line and the problems list are updated by difference after each
change (only what the change touched is looked at): after any sequence of edits, row and project
insertions and deletions, undos and redos they show what a full recomputation shows."""

from __future__ import annotations

import asyncio
from decimal import Decimal
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from textual.coordinate import Coordinate
from textual.widgets.data_table import ColumnKey

from goaltui.i18n import t
from goaltui.io.formats import read_document
from goaltui.model.amounts import format_amount
from goaltui.model.commands import DeleteProject, InsertIndicator, SetFund, SetIndicatorField
from goaltui.model.document import Indicator
from goaltui.session import ProblemIndex
from goaltui.session.worklist import worklist
from goaltui.ui.app import GoalApp
from goaltui.ui.widgets.problems_panel import ProblemsPanel, location_text
from goaltui.ui.widgets.status_line import StatusLine
from tests.model.test_commands import _random_command
from tests.ui.conftest import SIZE


def tree_labels(screen: Any) -> dict[Any, str]:
    tree = screen.project_tree
    return {ref: str(node.label) for ref, node in tree._ref_nodes.items()}


def assert_tree_as_recounted(screen: Any) -> None:
    """The labels the edits left equal the labels of a full recount (which changes none of them)."""
    shown = tree_labels(screen)
    screen.project_tree.refresh_counts(screen.session.document, screen.session.problems)
    assert tree_labels(screen) == shown


def assert_status_as_counted(screen: Any) -> None:
    session = screen.session
    document = session.document
    fresh = ProblemIndex(document, session.min_indicators)
    fresh.start()
    status = screen.query_one(StatusLine)
    _name, _dirty, projects, indicators, counts, total, _unit, _read_only = status._last
    assert (projects, indicators) == (document.project_count(), document.indicator_count())
    assert counts == fresh.counts()
    assert total == format_amount(document.fund_totals()["total"])
    text = str(status.render())
    assert t("ui.status.counts", projects=projects, indicators=indicators) in text
    assert t("ui.status.errors", n=counts.errors) in text


def panel_rows(panel: ProblemsPanel) -> list[tuple[str, str, str]]:
    return [tuple(str(cell) for cell in panel.get_row_at(row)) for row in range(panel.row_count)]  # type: ignore[misc]


def assert_panel_as_rebuilt(screen: Any) -> None:
    """The list's rows are the worklist of every problem, in its order, as a fresh list draws them."""
    panel = screen.problems_panel
    expected = worklist(screen.session.problems.problems(), screen.habits.only)
    assert [id(p) for p in panel.problems] == [id(p) for p in expected]
    rows = [(t(f"ui.hint.{p.severity.value}"), location_text(p).plain, p.message) for p in expected]
    assert [(s, w, m) for s, w, m in panel_rows(panel)] == [(s, w, _plain_message(m)) for s, w, m in rows]
    counts = screen.session.problems.counts()
    assert str(counts.errors) in panel.border_title
    # the message column is as wide as its widest message (a longer one written in place widens it)
    messages = [panel.get_cell_at(Coordinate(row, 2)) for row in range(panel.row_count)]
    widest = max((message.cell_len for message in messages), default=0)
    assert panel.columns[ColumnKey("message")].content_width >= widest


def _plain_message(message: str) -> str:
    from goaltui.safe_text import display_rich

    return display_rich(message).plain


def assert_all(screen: Any) -> None:
    assert_tree_as_recounted(screen)
    assert_status_as_counted(screen)
    assert_panel_as_rebuilt(screen)


async def _random_session(data: st.DataObject, path: Path) -> None:
    app = GoalApp(read_document(path), path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.main
        screen.start_validation()
        await screen.action_toggle_problems()
        await pilot.pause()
        assert_all(screen)
        for _ in range(data.draw(st.integers(1, 10))):
            action = data.draw(st.sampled_from(["do", "do", "do", "undo", "redo", "filter"]))
            if action == "do":
                command = _random_command(data, screen.session.document)
                assert command is not None
                screen.execute(command)
            elif action == "undo":
                screen.action_undo()
            elif action == "redo":
                screen.action_redo()
            else:  # f in the list: errors only, warnings only… (the next edits update the narrowed list)
                screen.action_cycle_filter()
            await pilot.pause()
            assert_all(screen)


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_views_after_random_commands_equal_a_full_recount(data: st.DataObject, sample_copy: Path) -> None:
    asyncio.run(_random_session(data, sample_copy))


async def test_an_edit_redraws_its_project_its_unit_and_the_department_only(make_app: Any) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.main
        screen.start_validation()
        await screen.action_toggle_problems()
        await pilot.pause()
        document = screen.session.document
        unit = document.units[-1]
        project = unit.projects[-1]
        before = tree_labels(screen)
        errors = screen.session.problems.counts().errors
        # an empty 一级指标 is an error: one more in the project, its unit, the department, the status, the list
        change = screen.execute(SetIndicatorField(project.key, project.indicators[0].key, "level1", ""))
        await pilot.pause()
        assert change is not None and change.projects == {project.key}
        after = tree_labels(screen)
        changed = {ref for ref in after if after[ref] != before[ref]}
        assert changed <= {("project", project.key), ("unit", unit.key), ("doc", 0)}
        assert ("project", project.key) in changed and ("doc", 0) in changed
        assert screen.session.problems.counts().errors == errors + 1
        assert t("ui.tree.errors", n=screen.session.problems.unit_counts(unit.key).errors) in after[("unit", unit.key)]
        assert_all(screen)
        panel = screen.problems_panel
        keys_before = list(panel._keys)
        screen.action_undo()
        await pilot.pause()
        assert tree_labels(screen) == before
        assert screen.session.problems.counts().errors == errors
        assert_all(screen)
        # the rows of the other projects were kept (not built again)
        others = {key for key, p in zip(panel._keys, panel.problems, strict=True) if p.project_key != project.key}
        assert others <= set(keys_before)


async def test_status_and_tree_after_rows_funds_and_projects_come_and_go(make_app: Any) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.main
        screen.start_validation()
        await screen.action_toggle_problems()
        await pilot.pause()
        session = screen.session
        document = session.document
        unit, project = document.units[0], document.units[0].projects[0]
        projects, rows = document.project_count(), document.indicator_count()
        total = document.fund_totals()["total"]
        screen.execute(InsertIndicator(project.key, 0, Indicator(level1="产出指标", name="新指标")))
        await pilot.pause()
        assert (session.totals.projects, session.totals.indicators) == (projects, rows + 1)
        assert_all(screen)
        screen.execute(SetFund(project.key, "total", (project.funds.total or Decimal(0)) + Decimal("1.5")))
        await pilot.pause()
        assert session.totals.total == total + Decimal("1.5")
        assert_all(screen)
        removed = len(project.indicators)
        screen.execute(DeleteProject(project.key))
        await pilot.pause()
        assert screen.project_tree.has(("project", project.key)) is False
        assert (session.totals.projects, session.totals.indicators) == (projects - 1, rows + 1 - removed)
        assert_all(screen)
        for _ in range(3):
            screen.action_undo()
            await pilot.pause()
            assert_all(screen)
        assert (session.totals.projects, session.totals.indicators, session.totals.total) == (projects, rows, total)
        assert screen.project_tree.has(("project", project.key))
        assert unit.projects[0] is project
        screen.action_redo()
        await pilot.pause()
        assert_all(screen)
