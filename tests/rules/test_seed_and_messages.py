"""What the rules say about the real seed table, and that every message reads in both languages."""

from __future__ import annotations

import string
from collections import Counter
from decimal import Decimal

import pytest
from hypothesis import given, settings

from goaltui.i18n import CATALOG, set_language
from goaltui.model import Document, Indicator, Unit
from goaltui.rules import Problem, Severity, Validator, validate
from goaltui.rules.problem import Label
from tests.rules.helpers import first_project, good_document, good_project
from tests.strategies import documents


def test_the_seed_has_no_errors(seed: Document) -> None:
    assert [p.message for p in validate(seed) if p.severity is Severity.ERROR] == []


def test_the_seed_warnings_are_its_real_weaknesses(seed: Document) -> None:
    problems = validate(seed)
    assert Counter(p.code for p in problems) == {
        "W-PROJ-NO-SATISFACTION": 8,  # only 人大工作专项 has one (使用人员满意率, filed under 效益指标)
        "W-VALUE-VAGUE": 7,  # 加强, 良好 ×2, 及时有效 ×2, 有所提升, 弘扬
        "W-VALUE-NO-UNIT": 2,  # 涉及项目数 | 1 (twice)
        "I-IND-DESC-REPEATS": 15,
    }
    vague = {(p.project, p.row): dict(p.params)["value"] for p in problems if p.code == "W-VALUE-VAGUE"}
    assert sorted(vague.values()) == sorted(["加强", "良好", "良好", "及时有效", "及时有效", "有所提升", "弘扬"])
    assert vague[("区人大刊物/信息专项", 10)] == "有所提升"
    no_unit = [p for p in problems if p.code == "W-VALUE-NO-UNIT"]
    assert {p.fix.value for p in no_unit if p.fix} == {"1个"}
    without_satisfaction = {p.project for p in problems if p.code == "W-PROJ-NO-SATISFACTION"}
    assert "人大工作专项" not in without_satisfaction and len(without_satisfaction) == 8


def test_seed_problems_point_at_real_cells(seed: Document) -> None:
    by_name = {project.name: project for _unit, project in seed.projects()}
    rows = [p for p in validate(seed) if p.row is not None]
    assert len(rows) == 24
    for problem in rows:
        indicator = by_name[problem.project].indicators[problem.row - 1]  # type: ignore[operator]
        params = dict(problem.params)
        assert problem.field in ("value", "description")
        if "value" in params:
            assert params["value"] == indicator.value.strip()
        if "name" in params:
            assert params["name"] == indicator.name.strip()


def test_the_seed_in_english(seed: Document) -> None:
    set_language("en")
    problems = validate(seed)
    text = "\n".join(p.message + (p.hint or "") for p in problems)
    assert "vague" in text and "no satisfaction indicator" in text
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in problems[0].message)


def _fields(template: str) -> set[str]:
    return {name for _text, name, _spec, _conv in string.Formatter().parse(template) if name}


def _check_renders(problems: list[Problem]) -> None:
    for problem in problems:
        for key, params in ((problem.message_key, problem.params), (problem.hint_key, problem.hint_params)):
            if key is None:
                continue
            assert key in CATALOG, key
            assert _fields(CATALOG[key][0]) == {name for name, _value in params}, key
            for value in dict(params).values():
                if isinstance(value, Label):
                    assert value.key in CATALOG
        for lang in ("zh", "en"):
            set_language(lang)
            assert problem.message.strip()
            assert problem.hint is None or problem.hint.strip()
    set_language("zh")


def test_every_problem_of_a_messy_document_renders() -> None:
    document = good_document()
    project = first_project(document)
    project.funds.total, project.funds.other = Decimal(-5), Decimal(-1)
    project.indicators += [
        Indicator(level1="产出", name="满意度", value="292%", description="满意度"),
        Indicator(level1="x", name="完成时间", value="及时", description=""),
        Indicator(level1="", name="", value="≥", description="d"),
        Indicator(level1="效益指标", name="会议经费", value="5人", description="d"),
        Indicator(level1="效益指标", name="完成率", value="5个", description="d"),
        Indicator(level1="效益指标", name="开展次数", value="较多", description="d"),
        Indicator(level1="效益指标", name="时间", value="2030年1月", description="d"),
    ]
    document.units[0].projects.append(good_project())
    document.units.append(Unit(name="区人大办"))
    document.title = ""
    document.money_unit = "元"
    document.expected_project_count = 9
    document.signatures.phone = "abc"
    document.department = ""
    problems = validate(document)
    assert len({p.code for p in problems}) >= 20
    _check_renders(problems)


@settings(max_examples=60, deadline=None)
@given(documents())
def test_every_problem_of_any_document_renders(document: Document) -> None:
    _check_renders(validate(document))


def test_messages_follow_a_language_switch_after_validation() -> None:
    document = good_document()
    first_project(document).indicators[0].description = ""
    (problem,) = validate(document)
    assert problem.message.startswith("指标描述为空")
    set_language("en")
    assert problem.message.startswith("Description is empty")
    assert problem.hint == "fill in the Description"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_counts(lang: str, seed: Document) -> None:
    set_language(lang)
    counts = Validator(seed).counts()
    assert counts == {Severity.ERROR: 0, Severity.WARNING: 17, Severity.INFO: 15}
