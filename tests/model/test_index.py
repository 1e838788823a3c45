from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from goaltui.model import Document, Indicator, Project, Unit
from goaltui.model.index import NodeIndex


def scan_project(document: Document, key: int) -> tuple[Unit, int, Project] | None:
    for unit in document.units:
        for position, project in enumerate(unit.projects):
            if project.key == key:
                return unit, position, project
    return None


def twins() -> Document:
    """Two units whose projects and rows are equal in content (only their keys differ)."""

    def unit() -> Unit:
        rows = [Indicator(level1="产出指标", name="会议及时性", value="及时", description="及时") for _ in range(3)]
        return Unit(name="区人大办", projects=[Project(name="会议经费", indicators=rows), Project(name="会议经费")])

    return Document(units=[unit(), unit()])


def test_finds_every_node_by_key_and_not_an_equal_one() -> None:
    document = twins()
    index = NodeIndex(document)
    for position, unit in enumerate(document.units):
        assert index.unit(unit.key) == (position, unit)
        for row_position, project in enumerate(unit.projects):
            found = index.project(project.key)
            assert found is not None and found[0] is unit and found[1] == row_position and found[2] is project
            for row, indicator in enumerate(project.indicators):
                hit = index.indicator(indicator.key)
                assert hit is not None and hit[0] is project and hit[1] == row and hit[2] is indicator
    assert index.project(-1) is None and index.unit(-1) is None and index.indicator(-1) is None
    assert index.rebuilds == 4  # the first build, then one per missing key


def test_lookups_of_an_unchanged_document_never_rebuild() -> None:
    document = twins()
    index = NodeIndex(document)
    for _ in range(3):
        for unit in document.units:
            for project in unit.projects:
                assert index.project(project.key) is not None
    assert index.rebuilds == 1


def test_right_after_edits_it_was_not_told_about() -> None:
    document = twins()
    index = NodeIndex(document)
    first, second = document.units
    moved = first.projects.pop(0)
    second.projects.append(moved)
    found = index.project(moved.key)
    assert found is not None and found[0] is second and found[1] == 2
    row = moved.indicators.pop(1)
    moved.indicators.insert(0, row)
    assert index.indicator(row.key) == (moved, 0, row)
    removed = document.units.pop(0)
    assert index.unit(removed.key) is None
    assert index.project(removed.projects[0].key) is None  # the project left with its unit
    added = Project(name="新项目", indicators=[Indicator()])
    second.projects.insert(0, added)
    assert index.project(added.key) == (second, 0, added)
    assert index.indicator(added.indicators[0].key) == (added, 0, added.indicators[0])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["move", "delete", "add", "swap_units"]), st.integers(0, 50)), max_size=12))
def test_always_agrees_with_a_scan(operations: list[tuple[str, int]]) -> None:
    document = twins()
    index = NodeIndex(document)
    keys = [p.key for u in document.units for p in u.projects]
    for operation, number in operations:
        units = document.units
        if not units:
            units.append(Unit(name="单位"))
        unit = units[number % len(units)]
        if operation == "move" and unit.projects:
            project = unit.projects.pop(number % len(unit.projects))
            units[(number + 1) % len(units)].projects.insert(0, project)
        elif operation == "delete" and unit.projects:
            unit.projects.pop(number % len(unit.projects))
        elif operation == "add":
            project = Project(name=f"项目{number}")
            unit.projects.insert(number % (len(unit.projects) + 1), project)
            keys.append(project.key)
        elif operation == "swap_units" and len(units) > 1:
            units.reverse()
        for key in keys:
            expected = scan_project(document, key)
            found = index.project(key)
            assert (found is None) == (expected is None)
            if found is not None and expected is not None:
                assert found[0] is expected[0] and found[1] == expected[1] and found[2] is expected[2]
            # Document.find_project answers through the live index, as the scan does
            answer = document.find_project(key)
            assert answer == (None if expected is None else (expected[0], expected[2]))


def test_find_project_goes_through_a_live_index_and_scans_without_one() -> None:
    import gc

    from goaltui.model.index import index_of

    document = twins()
    project = document.units[1].projects[0]
    assert index_of(document) is None
    assert document.find_project(project.key) == (document.units[1], project)  # a scan
    index = NodeIndex(document)
    assert index_of(document) is index
    builds = index.rebuilds
    for _ in range(3):
        assert document.find_project(project.key) == (document.units[1], project)
    assert index.rebuilds == builds  # answered from the index
    moved = document.units[1].projects.pop(0)
    document.units[0].projects.append(moved)  # a change it was not told about: still right
    assert document.find_project(moved.key) == (document.units[0], moved)
    other = twins()
    assert index_of(other) is None and other.find_project(project.key) is None  # another document scans
    del index
    gc.collect()
    assert index_of(document) is None
    assert document.find_project(moved.key) == (document.units[0], moved)
