"""The incremental Validator: same answers as a full validate(), while touching only what an edit can change."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from goaltui.model import INDICATOR_FIELDS, Document, Indicator, Project, Unit
from goaltui.rules import Severity, Validator, engine, validate
from tests.rules.helpers import first_project, good_document, good_project
from tests.strategies import AMOUNTS, TEXT, documents, indicators

VALUES = st.one_of(
    TEXT,
    st.sampled_from(["≥", "5-1条", "292%", "1", "良好", "2030年1月底前", "≥6个", "产出", "效益指标", "满意度指标", ""]),
)
NAMES = st.one_of(TEXT, st.sampled_from(["区人大办", "会议参加人数", "完成时间", "满意率", "单位成本", ""]))
EDIT_KINDS = [
    "cell", "add_row", "delete_row", "funds", "project_name", "add_project", "delete_project", "move_project",
    "unit_name", "add_unit", "delete_unit", "title", "department", "phone", "expected", "has_level2",
]  # fmt: skip


def _apply_random_edit(data: st.DataObject, document: Document, validator: Validator) -> str:
    kind = data.draw(st.sampled_from(EDIT_KINDS))
    projects = document.projects()
    if kind in ("cell", "add_row", "delete_row", "funds", "project_name", "delete_project", "move_project"):
        if not projects:
            kind = "add_unit"
        else:
            unit, project = data.draw(st.sampled_from(projects))
    if kind == "cell":
        if project.indicators:
            indicator = data.draw(st.sampled_from(project.indicators))
            setattr(indicator, data.draw(st.sampled_from(INDICATOR_FIELDS)), data.draw(VALUES))
        validator.revalidate_project(project.key)
    elif kind == "add_row":
        project.indicators.insert(data.draw(st.integers(0, len(project.indicators))), data.draw(indicators()))
        validator.revalidate_project(project.key)
    elif kind == "delete_row":
        if project.indicators:
            project.indicators.pop(data.draw(st.integers(0, len(project.indicators) - 1)))
        validator.revalidate_project(project.key)
    elif kind == "funds":
        field = data.draw(st.sampled_from(["total", "general_budget", "gov_fund", "special_account", "other"]))
        setattr(project.funds, field, data.draw(AMOUNTS))
        validator.revalidate_project(project.key)
    elif kind == "project_name":
        project.name = data.draw(NAMES)
        validator.revalidate_structure()
    elif kind == "add_project":
        if not document.units:
            document.units.append(Unit(name=data.draw(NAMES)))
        target = data.draw(st.sampled_from(document.units))
        target.projects.append(Project(name=data.draw(NAMES), indicators=data.draw(st.lists(indicators(), max_size=6))))
        validator.revalidate_structure()
    elif kind == "delete_project":
        unit.projects.remove(project)
        validator.revalidate_structure()
    elif kind == "move_project":
        unit.projects.remove(project)
        data.draw(st.sampled_from(document.units)).projects.insert(0, project)
        validator.revalidate_structure()
    elif kind in ("unit_name", "delete_unit"):
        if document.units:
            target = data.draw(st.sampled_from(document.units))
            if kind == "unit_name":
                target.name = data.draw(NAMES)
            else:
                document.units.remove(target)
        validator.revalidate_structure()
    elif kind == "add_unit":
        document.units.insert(data.draw(st.integers(0, len(document.units))), Unit(name=data.draw(NAMES)))
        validator.revalidate_structure()
    else:
        if kind == "title":
            document.title = data.draw(st.sampled_from(["2020年汇总表", "2030年汇总表", "汇总表", ""]))
        elif kind == "department":
            document.department = data.draw(TEXT)
        elif kind == "phone":
            document.signatures.phone = data.draw(st.sampled_from(["84119169", "1", "", "13800138000"]))
        elif kind == "expected":
            document.expected_project_count = data.draw(st.one_of(st.none(), st.integers(0, 6)))
        else:
            document.has_level2 = not document.has_level2
        validator.revalidate_document()
    return kind


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(documents(), st.data())
def test_incremental_results_equal_a_full_validation(document: Document, data: st.DataObject) -> None:
    validator = Validator(document)
    assert validator.problems() == validate(document)
    for _ in range(data.draw(st.integers(1, 12))):
        kind = _apply_random_edit(data, document, validator)
        expected = validate(document)
        assert validator.problems() == expected, kind
        counts = {severity: sum(p.severity is severity for p in expected) for severity in Severity}
        assert validator.counts() == counts
    for _unit, project in document.projects():
        own = [p for p in validate(document) if p.project_key == project.key]
        assert validator.problems_for_project(project.key) == own


def test_revalidating_one_project_touches_no_other(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    document = good_document()
    for _unit, project in document.projects():
        project.indicators[0].value = "1000"  # one warning in every project
    validator = Validator(document)
    edited = first_project(document)
    others = {p.key: validator.problems_for_project(p.key) for _u, p in document.projects() if p is not edited}
    checked: list[str] = []
    real_check = engine._check_project

    def spy(active, unit, unit_key, project, project_key, ctx):  # type: ignore[no-untyped-def]
        checked.append(project.name)
        return real_check(active, unit, unit_key, project, project_key, ctx)

    monkeypatch.setattr(engine, "_check_project", spy)
    edited.indicators[0].value = "≥"
    validator.revalidate_project(edited.key)
    assert checked == [edited.name]
    for key, before in others.items():
        after = validator.problems_for_project(key)
        assert len(after) == len(before) == 1 and all(a is b for a, b in zip(after, before, strict=True))
    assert [p.code for p in validator.problems_for_project(edited.key)] == ["E-VALUE-INVALID"]
    assert validator.project_counts(edited.key) == {Severity.ERROR: 1, Severity.WARNING: 0, Severity.INFO: 0}
    assert validator.counts()[Severity.ERROR] == 1


def test_document_edit_reruns_projects_only_when_the_year_changes(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    document = good_document()
    validator = Validator(document)
    calls: list[int] = []
    real_check = engine._check_project

    def spy(active, unit, unit_key, project, project_key, ctx):  # type: ignore[no-untyped-def]
        calls.append(project_key)
        return real_check(active, unit, unit_key, project, project_key, ctx)

    monkeypatch.setattr(engine, "_check_project", spy)
    document.signatures.phone = ""
    validator.revalidate_document()
    assert calls == []
    assert [p.code for p in validator.problems()] == ["W-DOC-EMPTY"]
    document.title = "2023年区级部门预算项目绩效目标汇总表"  # 2020年11月底前 is now out of range
    validator.revalidate_document()
    assert len(calls) == 3
    assert [p.code for p in validator.problems()].count("W-VALUE-DATE-YEAR") == 3


def test_a_project_added_without_a_structure_call_is_still_checked() -> None:
    document = good_document()
    validator = Validator(document)
    extra = good_project("新项目")
    extra.indicators[0].value = "≥"
    document.units[1].projects.append(extra)
    assert [p.code for p in validator.problems_for_project(extra.key)] == ["E-VALUE-INVALID"]
    assert [p.code for p in validator.problems()] == ["E-VALUE-INVALID"]
    validator.revalidate_project(extra.key)
    assert validator.problems() == validate(document)


def test_revalidating_a_deleted_project_forgets_it() -> None:
    document = good_document()
    validator = Validator(document)
    project = first_project(document)
    project.indicators[0].value = "≥"
    validator.revalidate_project(project.key)
    document.units[0].projects.remove(project)
    validator.revalidate_project(project.key)
    assert validator.problems() == [] == validate(document)
    assert validator.problems_for_project(project.key) == []


def test_unit_rename_updates_the_names_in_project_problems() -> None:
    document = good_document()
    first_project(document).funds.total = Decimal(1)
    validator = Validator(document)
    document.units[0].name = "区人大常委会办公室"
    validator.revalidate_structure()
    assert [p.unit for p in validator.problems()] == ["区人大常委会办公室"]
    assert validator.problems() == validate(document)


def test_repeated_rows_share_the_work_but_not_the_location() -> None:
    document = good_document()
    for _unit, project in document.projects():
        project.indicators.append(Indicator(level1="效益指标", name="影响", value="良好", description="作用"))
    problems = [p for p in validate(document) if p.code == "W-VALUE-VAGUE"]
    assert [(p.project, p.row) for p in problems] == [
        ("区人大常委会例会", 6),
        ("区代表工作经费", 6),
        ("人大理论研究", 6),
    ]
    assert len({p.project_key for p in problems}) == 3
