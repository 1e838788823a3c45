"""Find across the whole table, kept up to date by changes without searching everything again."""

from __future__ import annotations

from goaltui.model import Document, Project
from goaltui.model.commands import AddProject, SetIndicatorField, SetUnitName
from goaltui.session import Session
from goaltui.session.find import fold


def test_finds_names_units_and_cells_in_document_order(seed: Document) -> None:
    session = Session(seed)
    finder = session.finder
    assert finder.search("会议") == 18
    matches = finder.matches
    assert [m.position for m in matches] == sorted(m.position for m in matches)
    first = matches[0]
    assert first.row is None and first.field == "name"  # the project name 区人大常委会例会和其他会议
    assert seed.find_project(first.project_key)[1].name == "区人大常委会例会和其他会议"  # type: ignore[index]
    assert finder.search("区人大办") == 1 and finder.matches[0].project_key is None  # the unit
    assert finder.search("％") == finder.search("%") > 0  # full and half width alike
    assert finder.search("没有的文字") == 0


def test_next_and_previous_wrap_round_from_where_the_cursor_is(seed: Document) -> None:
    finder = Session(seed).finder
    finder.search("及时")
    matches = finder.matches
    second = matches[1]
    found = finder.step(second.position, forward=True)
    assert found is not None and found[1] == 2
    found = finder.step(matches[-1].position, forward=True)
    assert found is not None and found[1] == 0  # round to the first
    found = finder.step(matches[0].position, forward=False)
    assert found is not None and found[1] == len(matches) - 1
    assert finder.step(second.position, forward=True, inclusive=True) == (second, 1)


def test_a_change_searches_again_only_what_it_touched(seed: Document) -> None:
    session = Session(seed)
    finder = session.finder
    count = finder.search("新词")
    assert count == 0
    project = seed.units[0].projects[3]
    indexed = dict(finder.index._projects)
    session.execute(SetIndicatorField(project.key, project.indicators[0].key, "description", "含新词的描述"))
    assert finder.count == 1 and finder.matches[0].project_key == project.key and finder.matches[0].row == 0
    # only the touched project was folded again
    assert project.key not in indexed or finder.index._projects[project.key] is not indexed[project.key]
    others = [key for key in indexed if key != project.key]
    assert all(finder.index._projects[key] is indexed[key] for key in others)
    session.undo()
    assert finder.count == 0
    session.execute(SetUnitName(seed.units[0].key, "新词单位"))
    assert finder.nodes() == {("unit", seed.units[0].key)}
    session.execute(AddProject(seed.units[0].key, 0, Project(name="新词项目")))
    assert finder.count == 2 and finder.matches[1].position[:2] == (0, 0)


def test_nothing_is_indexed_before_the_first_search(seed: Document) -> None:
    session = Session(seed)
    project = seed.units[0].projects[0]
    session.execute(SetIndicatorField(project.key, project.indicators[0].key, "name", "x"))
    assert session._finder is None  # editing costs nothing here
    assert fold("ＡＢＣ％") == "abc%"
