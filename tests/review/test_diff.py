"""`diff(old, new)`: every change reported exactly once, matched by content, in plain data the editor can mark."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from goaltui.io import native, text_table
from goaltui.model import Document, Funds, Indicator, Project, Unit
from goaltui.review.diff import DOCUMENT_FIELDS, SIGNATURE_FIELDS, ChangeKind, DocumentDiff, diff
from tests.strategies import TEXT, documents

SEED = Path(__file__).resolve().parent.parent / "data" / "keqiao_renda_2020.txt"
K = ChangeKind


def two_units() -> Document:
    """The seed with its last three projects in a second unit."""
    document = text_table.read(SEED)
    moved = document.units[0].projects[6:]
    del document.units[0].projects[6:]
    document.units.append(Unit(name="区人大研究室", projects=moved))
    return document


def content_kinds(result: DocumentDiff) -> Counter[ChangeKind]:
    return Counter(change.kind for change in result.content_changes)


def the(result: DocumentDiff, kind: ChangeKind):  # type: ignore[no-untyped-def]
    [change] = [change for change in result.changes if change.kind is kind]
    return change


def revised(old: Document) -> Document:
    """The issue's revision: a project renamed, a fund changed, one indicator edited, one removed,
    one added, a project moved to another unit — each in a different project."""
    new = old.model_copy(deep=True)
    office, research = new.units
    office.projects[4].name = "区人大代表工作经费"  # was 区代表工作经费
    office.projects[2].funds.total = Decimal("52.5")  # was 47, as was 一般公共预算
    office.projects[2].funds.general_budget = Decimal("52.5")
    office.projects[3].indicators[1].value = "≥2天"  # was 是
    del office.projects[0].indicators[2]  # 提出意见建议数 1-5条
    office.projects[1].indicators.append(
        Indicator(level1="满意度指标", name="代表满意度", value="≥90%", description="问卷调查代表满意度")
    )
    research.projects.insert(1, office.projects.pop(5))  # 区人大一届四次会议经费
    return new


def test_each_change_of_the_issue_is_reported_exactly_once() -> None:
    old = two_units()
    new = revised(old)
    result = diff(old, new)
    assert content_kinds(result) == Counter(
        {
            K.PROJECT_RENAMED: 1,
            K.FUNDS: 1,
            K.INDICATOR_CHANGED: 1,
            K.INDICATOR_REMOVED: 1,
            K.INDICATOR_ADDED: 1,
            K.PROJECT_MOVED: 1,
        }
    )
    renamed = the(result, K.PROJECT_RENAMED)
    assert (renamed.old.project, renamed.new.project) == ("区代表工作经费", "区人大代表工作经费")
    assert (
        renamed.fields[0].old == "区代表工作经费" and renamed.similarity is not None and 0.6 < renamed.similarity <= 1
    )
    funds = the(result, K.FUNDS)
    assert funds.new.project == "区人大常委会例会和其他会议"
    assert [(a.field, a.old, a.new, a.difference) for a in funds.amounts] == [
        ("total", Decimal(47), Decimal("52.5"), Decimal("5.5")),
        ("general_budget", Decimal(47), Decimal("52.5"), Decimal("5.5")),
    ]
    edited = the(result, K.INDICATOR_CHANGED)
    assert (edited.new.project, edited.old.row, edited.new.row) == ("常委考察调研经费", 2, 2)
    assert [(f.field, f.old, f.new) for f in edited.fields] == [("value", "是", "≥2天")]
    removed = the(result, K.INDICATOR_REMOVED)
    assert (removed.old.project, removed.old.row, removed.new.row) == ("财政系统联网监督系统", 3, None)
    assert [f.old for f in removed.fields] == ["产出指标", "提出意见建议数", "1-5条", "提出意见建议数"]
    added = the(result, K.INDICATOR_ADDED)
    assert (added.new.project, added.new.row) == ("区人大财政预算咨询小组工作经历", 6)
    assert [f.new for f in added.fields] == ["满意度指标", "代表满意度", "≥90%", "问卷调查代表满意度"]
    moved = the(result, K.PROJECT_MOVED)
    assert (moved.old.unit, moved.new.unit, moved.new.project) == ("区人大办", "区人大研究室", "区人大一届四次会议经费")
    assert (moved.old.project_index, moved.new.project_index) == (5, 1)
    # The rows under the removed one, and the projects after the moved one, did not "move".
    assert result.count(K.INDICATOR_MOVED) == result.count(K.PROJECT_REORDERED) == 0
    # Problems: the new satisfaction row fixes W-PROJ-NO-SATISFACTION there; 4 rows left is too few.
    assert [(c.problem.code, c.problem.project) for c in result.problem_changes] == [
        ("I-IND-DESC-REPEATS", "财政系统联网监督系统"),
        ("W-PROJ-NO-SATISFACTION", "区人大财政预算咨询小组工作经历"),
        ("E-PROJ-TOO-FEW", "财政系统联网监督系统"),
    ]
    assert [c.kind for c in result.problem_changes] == [K.PROBLEM_FIXED, K.PROBLEM_FIXED, K.PROBLEM_INTRODUCED]
    assert [(t.field, t.difference) for t in result.totals if t.difference] == [
        ("total", Decimal("5.5")),
        ("general_budget", Decimal("5.5")),
    ]


def test_all_the_edits_on_one_project_that_also_moves() -> None:
    """Renamed, moved, its funds changed, a row edited, one removed and one added: still one project."""
    old = two_units()
    new = old.model_copy(deep=True)
    project = new.units[0].projects.pop(4)  # 区代表工作经费, 6 rows
    project.name = "区人大代表履职经费"
    project.funds.total = project.funds.general_budget = Decimal("99.2")
    project.indicators[0].value = "5次"
    del project.indicators[3]
    project.indicators.insert(1, Indicator(level1="满意度指标", name="代表满意率", value="≥95%", description="问卷"))
    new.units[1].projects.append(project)
    result = diff(old, new)
    assert content_kinds(result) == Counter(
        {
            K.PROJECT_RENAMED: 1,
            K.PROJECT_MOVED: 1,
            K.FUNDS: 1,
            K.INDICATOR_CHANGED: 1,
            K.INDICATOR_REMOVED: 1,
            K.INDICATOR_ADDED: 1,
        }
    )
    assert {change.new.project for change in result.content_changes} == {"区人大代表履职经费"}
    assert the(result, K.INDICATOR_REMOVED).old.row == 4
    assert the(result, K.INDICATOR_ADDED).new.row == 2


def test_equal_versions() -> None:
    old = two_units()
    assert diff(old, old.model_copy(deep=True)).equal
    assert diff(old, native.loads(native.dumps(old))).equal


def test_header_footer_and_signatures_each_once() -> None:
    old = two_units()
    new = old.model_copy(deep=True)
    new.title = "2021年区级部门预算项目绩效目标汇总表"
    new.expected_project_count = 9
    new.has_level2 = True
    new.notes = old.notes + "\n6、新增一条。"
    new.signatures.leader = "王明"
    new.signatures.phone = "0575-84119169"
    result = diff(old, new)
    changed = [(c.kind, c.fields[0].field, c.fields[0].old, c.fields[0].new) for c in result.content_changes]
    assert changed == [
        (K.HEADER, "title", old.title, new.title),
        (K.HEADER, "expected_project_count", None, 9),
        (K.HEADER, "has_level2", False, True),
        (K.HEADER, "notes", old.notes, new.notes),
        (K.SIGNATURE, "leader", "周维", "王明"),
        (K.SIGNATURE, "phone", "84119169", "0575-84119169"),
    ]
    assert result.marks().document_fields == {
        "title",
        "expected_project_count",
        "has_level2",
        "notes",
        "leader",
        "phone",
    }


def test_every_model_field_is_compared() -> None:
    """A field added to the model is compared without anyone remembering to: the lists come from the model."""
    assert set(DOCUMENT_FIELDS) == set(Document.model_fields) - {"units", "signatures"}
    assert set(Project.model_fields) == {"name", "funds", "indicators"}  # each handled by the matching
    assert set(Unit.model_fields) == {"name", "projects"}
    assert SIGNATURE_FIELDS == ("leader", "handler", "phone")


def test_unit_renamed_and_moved() -> None:
    old = two_units()
    new = old.model_copy(deep=True)
    new.units.reverse()
    new.units[0].name = "区人大常委会研究室"  # was 区人大研究室
    result = diff(old, new)
    assert content_kinds(result) == Counter({K.UNIT_RENAMED: 1, K.UNIT_MOVED: 1})
    renamed = the(result, K.UNIT_RENAMED)
    assert (renamed.fields[0].old, renamed.fields[0].new) == ("区人大研究室", "区人大常委会研究室")


def test_a_unit_renamed_with_all_its_projects_renamed_by_name_alone() -> None:
    old = two_units()
    new = old.model_copy(deep=True)
    new.units[1].name = "区人大研究室（新）"
    for project in new.units[1].projects:
        project.name += "（2021）"
    result = diff(old, new)
    assert content_kinds(result) == Counter({K.UNIT_RENAMED: 1, K.PROJECT_RENAMED: 3})


def test_units_added_and_removed() -> None:
    old = two_units()
    new = old.model_copy(deep=True)
    gone = new.units.pop(1)
    new.units.append(Unit(name="区人大信息中心", projects=[Project(name="网站运维", funds=Funds(total=Decimal(3)))]))
    result = diff(old, new)
    assert content_kinds(result) == Counter(
        {K.UNIT_ADDED: 1, K.PROJECT_ADDED: 1, K.UNIT_REMOVED: 1, K.PROJECT_REMOVED: 3}
    )
    removed = [c.old.project for c in result.changes if c.kind is K.PROJECT_REMOVED]
    assert removed == [project.name for project in gone.projects]
    added = the(result, K.PROJECT_ADDED)
    assert [(a.field, a.new) for a in added.amounts] == [("total", Decimal(3))] and added.rows == ()


def test_order_changes_are_moves_only_where_the_order_broke() -> None:
    old = two_units()
    new = old.model_copy(deep=True)
    office = new.units[0].projects
    office.insert(0, office.pop(3))  # one project to the top
    rows = office[1].indicators
    rows[0], rows[1] = rows[1], rows[0]  # two rows swapped
    del office[2].indicators[0]  # the first row deleted: the others shift, but did not move
    result = diff(old, new)
    assert content_kinds(result) == Counter({K.PROJECT_REORDERED: 1, K.INDICATOR_MOVED: 1, K.INDICATOR_REMOVED: 1})
    assert the(result, K.PROJECT_REORDERED).new.project == "常委考察调研经费"
    moved = the(result, K.INDICATOR_MOVED)
    assert {moved.old.row, moved.new.row} == {1, 2}


def test_an_unrelated_project_is_removed_and_added_not_renamed() -> None:
    old = two_units()
    new = old.model_copy(deep=True)
    new.units[0].projects[1] = Project(
        name="机关食堂改造",
        funds=Funds(total=Decimal(80), general_budget=Decimal(80)),
        indicators=[Indicator(level1="产出指标", name="改造面积", value="≥300平方米", description="改造的面积")],
    )
    result = diff(old, new)
    assert content_kinds(result) == Counter({K.PROJECT_ADDED: 1, K.PROJECT_REMOVED: 1})
    changes = result.content_changes
    assert [c.kind for c in changes] == [K.PROJECT_REMOVED, K.PROJECT_ADDED]  # the removal where it was
    assert changes[0].new.unit == "区人大办" and changes[0].new.project is None  # the unit it was removed from


def test_same_names_pair_in_order() -> None:
    rows = [Indicator(level1="产出指标", name=f"指标{n}", value=f"{n}个", description="说明") for n in range(5)]
    old = Document(units=[Unit(name="甲", projects=[Project(name="同名", indicators=rows), Project(name="同名")])])
    new = old.model_copy(deep=True)
    new.units[0].projects[1].funds.total = Decimal(1)
    result = diff(old, new)
    assert content_kinds(result) == Counter({K.FUNDS: 1})
    assert the(result, K.FUNDS).new.project_index == 1


def test_a_problem_that_stays_put_is_not_fixed_and_introduced() -> None:
    old = two_units()
    old.units[0].projects[0].indicators[3].value = "5-1条"  # E-VALUE-INVALID at row 4
    new = old.model_copy(deep=True)
    new.units[0].projects[0].indicators.insert(
        0, Indicator(level1="产出指标", name="新指标", value="2个", description="新")
    )
    result = diff(old, new)
    assert [c.kind for c in result.content_changes] == [K.INDICATOR_ADDED]
    codes = {(c.kind, c.problem.code) for c in result.problem_changes}
    assert (K.PROBLEM_FIXED, "E-VALUE-INVALID") not in codes and (K.PROBLEM_INTRODUCED, "E-VALUE-INVALID") not in codes
    new.units[0].projects[0].indicators[4].value = "1-5条"  # the problem, now at row 5, fixed
    fixed = [c.problem for c in diff(old, new).problem_changes if c.kind is K.PROBLEM_FIXED]
    assert [(p.code, p.row) for p in fixed] == [("E-VALUE-INVALID", 4)]
    assert diff(old, new).old_counts != diff(old, new).new_counts


def test_marks_follow_the_new_documents_nodes() -> None:
    old = two_units()
    new = revised(old)
    marks = diff(old, new).marks()
    office, research = new.units
    assert marks.projects[office.projects[4].key] == {K.PROJECT_RENAMED}
    assert marks.projects[office.projects[2].key] == {K.FUNDS}
    assert marks.funds[office.projects[2].key] == {"total", "general_budget"}
    edited = office.projects[3].indicators[1]
    assert marks.rows[edited.key] == {K.INDICATOR_CHANGED} and marks.cells[edited.key] == {"value"}
    added = office.projects[1].indicators[5]
    assert marks.rows[added.key] == {K.INDICATOR_ADDED}
    assert marks.cells[added.key] == {"level1", "name", "value", "description"}
    assert marks.removed_rows == {office.projects[0].key: (3,)}
    assert marks.projects[office.projects[0].key] == {K.INDICATOR_REMOVED}
    assert marks.projects[research.projects[1].key] == {K.PROJECT_MOVED}
    assert marks.units == {} and marks.document_fields == frozenset()
    assert len(marks.projects) == 6


def test_two_unrelated_big_tables_stay_fast() -> None:
    """The similarity step is bounded: 300 × 300 unmatched projects do not mean 90,000 scored pairs."""
    import time

    def table(prefix: str, value: str) -> Document:
        rows = [Indicator(level1="产出指标", name=f"{prefix}指标", value=value, description=f"{prefix}说明")] * 5
        projects = [Project(name=f"{prefix}项目{n}", indicators=[r.model_copy() for r in rows]) for n in range(300)]
        return Document(units=[Unit(name="单位", projects=projects)])

    start = time.process_time()
    result = diff(table("甲", "1个"), table("乙", "2个"))
    assert time.process_time() - start < 30  # a bound far above the ~1 s it takes, not a timing test
    assert result.count(K.PROJECT_ADDED) == result.count(K.PROJECT_REMOVED) == 300


# --- properties ----------------------------------------------------------------------------------------

FIELD_EDITS = st.sampled_from(
    ["document", "signature", "unit", "project", "funds", "indicator", "insert", "delete", "move"]
)


@st.composite
def edited(draw: st.DrawFn) -> tuple[Document, Document, str, int | None]:
    """A document, a copy with one random edit, what was edited, and the new node key that holds it."""
    old = draw(documents(max_units=3))
    new = old.model_copy(deep=True)
    kind = draw(FIELD_EDITS)
    text = draw(TEXT)
    projects = [project for unit in new.units for project in unit.projects]
    if kind == "document":
        name = draw(st.sampled_from(["title", "department", "notes", "money_unit"]))
        setattr(new, name, text)
        return old, new, kind, None
    if kind == "signature" or not new.units:
        setattr(new.signatures, draw(st.sampled_from(SIGNATURE_FIELDS)), text)
        return old, new, "signature", None
    if kind == "unit":
        unit = draw(st.sampled_from(new.units))
        unit.name = text
        return old, new, kind, unit.key
    if kind == "move" and len(new.units) > 1 and projects:
        source = draw(st.sampled_from([unit for unit in new.units if unit.projects]))
        project = source.projects.pop(draw(st.integers(0, len(source.projects) - 1)))
        target = draw(st.sampled_from([unit for unit in new.units if unit is not source]))
        target.projects.insert(draw(st.integers(0, len(target.projects))), project)
        return old, new, kind, project.key
    if not projects:
        unit = draw(st.sampled_from(new.units))
        unit.projects.append(Project(name=text))
        return old, new, "insert project", unit.projects[-1].key
    project = draw(st.sampled_from(projects))
    if kind == "project":
        project.name = text
    elif kind == "funds":
        setattr(
            project.funds,
            draw(st.sampled_from(["total", "general_budget", "other"])),
            draw(st.decimals(0, 1000, places=2)),
        )
    elif kind == "indicator" and project.indicators:
        indicator = draw(st.sampled_from(project.indicators))
        setattr(indicator, draw(st.sampled_from(["level1", "name", "value", "description"])), text)
    elif kind == "delete" and project.indicators:
        del project.indicators[draw(st.integers(0, len(project.indicators) - 1))]
    else:
        project.indicators.insert(
            draw(st.integers(0, len(project.indicators))),
            Indicator(level1="产出指标", name=text, value="1个", description=text),
        )
    return old, new, kind, project.key


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents(max_units=3))
def test_a_document_against_itself_is_equal(document: Document) -> None:
    assert diff(document, document.model_copy(deep=True)).changes == ()
    assert diff(document, native.loads(native.dumps(document))).equal


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edited())
def test_a_random_edit_is_reported_where_it_was_made(case: tuple[Document, Document, str, int | None]) -> None:
    old, new, kind, key = case
    result = diff(old, new)
    # Equal exactly when the files would be: an edit that set a value to what it was is no change.
    assert result.equal == (native.dumps(old) == native.dumps(new))
    if result.equal:
        return
    places = [change.new for change in result.content_changes if change.new is not None]
    if kind in ("document", "signature"):
        assert {change.kind for change in result.content_changes} <= {K.HEADER, K.SIGNATURE}
        assert len(result.content_changes) == 1
    elif kind == "unit":
        assert any(place.unit_key == key and place.project_key is None for place in places)
    else:
        assert any(place.project_key == key for place in places)


def test_diff_in_reverse_mirrors_additions_and_removals() -> None:
    old = two_units()
    new = revised(old)
    forward, backward = diff(old, new), diff(new, old)
    mirror = {K.INDICATOR_ADDED: K.INDICATOR_REMOVED, K.INDICATOR_REMOVED: K.INDICATOR_ADDED}
    expected = Counter({mirror.get(kind, kind): n for kind, n in content_kinds(forward).items()})
    assert content_kinds(backward) == expected
    assert forward.count(K.PROBLEM_FIXED) == backward.count(K.PROBLEM_INTRODUCED)


def test_each_change_on_one_line_for_the_compare_list() -> None:
    """What the editor's list of differences shows: a heading (what it belongs to) and one line."""
    from goaltui.review.diff_output import change_heading, describe_change

    old = two_units()
    result = diff(old, revised(old))
    assert [(change_heading(c), describe_change(c)) for c in result.changes[:6]] == [
        ("区人大办 / 财政系统联网监督系统", "原第 3 行 删除指标：产出指标 · 提出意见建议数 · 1-5条 · 提出意见建议数"),
        (
            "区人大办 / 区人大财政预算咨询小组工作经历",
            "第 6 行 新增指标：满意度指标 · 代表满意度 · ≥90% · 问卷调查代表满意度",
        ),
        (
            "区人大办 / 区人大常委会例会和其他会议",
            "资金变化：合计：47.00 → 52.50（+5.50）；一般公共预算：47.00 → 52.50（+5.50）",
        ),
        ("区人大办 / 常委考察调研经费", "第 2 行 指标修改：指标值：“是” → “≥2天”"),
        ("区人大办 / 区人大代表工作经费", "项目改名：“区代表工作经费” → “区人大代表工作经费”（相似度 0.94）"),
        ("区人大研究室 / 区人大一届四次会议经费", "项目移到其他单位：从“区人大办”移到“区人大研究室”"),
    ]
    assert change_heading(result.changes[6]) == "检查结果的变化"
    assert describe_change(result.changes[8]).startswith(
        "新出现 [错误 E-PROJ-TOO-FEW] 区人大办 / 财政系统联网监督系统："
    )
