"""Completion of 明细指标 from the library and the table, kept by difference."""

from __future__ import annotations

from pathlib import Path

from goaltui.model import Document
from goaltui.model.commands import DeleteProject, SetIndicatorField
from goaltui.session import Session
from goaltui.session.completion import accept


def _session(seed: Document, tmp_path: Path) -> Session:
    session = Session(seed)
    session.library_path = tmp_path / "none.toml"
    return session


def test_names_from_the_table_and_the_library(seed: Document, tmp_path: Path) -> None:
    completions = _session(seed, tmp_path).completions
    found = completions.suggest("满意")
    names = [s.name for s in found]
    assert names[0] == "使用人员满意率"  # the table's own first
    assert "参会人员满意度" in names and len(found) <= 8
    template = next(s for s in found if s.name == "参会人员满意度")
    assert template.source == "会议" and template.value == "≥**%" and template.level1 == "满意度指标"
    assert [s.name for s in completions.suggest("会议")] == ["会议参加人数", "会议及时性", "会议成果", "会议次数", "与上期会议的经费增长"]  # prefix first, the table's before the library's
    assert completions.suggest("  ") == []


def test_the_index_follows_changes_of_the_projects_they_touched(seed: Document, tmp_path: Path) -> None:
    session = _session(seed, tmp_path)
    completions = session.completions
    assert completions.suggest("独特名称") == []
    project = seed.units[0].projects[2]
    session.execute(SetIndicatorField(project.key, project.indicators[0].key, "name", "独特名称甲"))
    assert [s.name for s in completions.suggest("独特")] == ["独特名称甲"]
    assert completions._stale == set()
    session.execute(DeleteProject(project.key))
    assert completions.suggest("独特") == []
    session.undo()
    assert [s.name for s in completions.suggest("独特")] == ["独特名称甲"]


def test_accepting_fills_only_the_empty_cells_in_one_step(seed: Document, tmp_path: Path) -> None:
    session = _session(seed, tmp_path)
    project = seed.units[0].projects[0]
    row = project.indicators[0]
    session.execute(SetIndicatorField(project.key, row.key, "value", ""))
    session.execute(SetIndicatorField(project.key, row.key, "description", ""))
    suggestion = next(s for s in session.completions.suggest("参训人员满意") if s.source)
    session.execute(accept(seed, project.key, row.key, suggestion))  # type: ignore[arg-type]
    assert (row.name, row.level1, row.value, row.description) == ("参训人员满意度", "产出指标", "≥**%", suggestion.description)
    assert row.level2 == ""  # a form without 二级指标 keeps it empty
    session.undo()
    assert row.name == "出具第三方评价时间" and row.value == ""


def test_a_new_rows_inherited_level1_gives_way_to_the_suggestions(seed: Document, tmp_path: Path) -> None:
    from goaltui.model import Indicator
    from goaltui.model.commands import InsertIndicator
    from goaltui.session.completion import is_fresh

    session = _session(seed, tmp_path)
    project = seed.units[0].projects[0]
    row = Indicator(level1="产出指标")  # what Ctrl+N makes under a 产出指标 row
    session.execute(InsertIndicator(project.key, 1, row))
    assert is_fresh(row)
    suggestion = next(s for s in session.completions.suggest("代表满意") if s.source)
    session.execute(accept(seed, project.key, row.key, suggestion, fresh=True))  # type: ignore[arg-type]
    assert (row.level1, row.name, row.value) == ("满意度指标", "代表满意度", "≥**%")
