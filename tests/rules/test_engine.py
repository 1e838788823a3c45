"""The engine's shortcuts (memo, rule dispatch, fast constructors) give exactly what the plain way gives."""

from __future__ import annotations

import dataclasses
import pickle

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from goaltui.model import Document, Indicator, Project, Unit
from goaltui.rules import RULES, Problem, Severity, Validator, validate
from goaltui.rules.base import (
    BLANK,
    DESCRIPTION_FLAGS,
    ECHO,
    Context,
    Scope,
    description_flags,
    make_row,
)
from goaltui.rules.names import name_traits, normalise_text
from goaltui.rules.problem import Fix, Label, make_problem
from tests.rules.helpers import first_project, good_document
from tests.strategies import TEXT

INDICATOR_RULES = [rule for rule in RULES if rule.scope is Scope.INDICATOR]
CONTEXTS = st.builds(Context, st.sampled_from([None, 2020]), st.booleans(), st.just(5))
# Texts that reach the rules' interesting branches, mixed with arbitrary text.
CELLS = st.one_of(
    TEXT,
    st.sampled_from(["产出指标", "产出", " 效益指标", "ｘ", "满意度指标", "成本指标", "", " ", "　"]),
    st.sampled_from(["会议参加人数", "满意率", "单位成本", "完成时间", "增长率", "是否达标", "ＡＢ", "A B"]),
    st.sampled_from(["≥", "5-1条", "292%", "1", "良好", "2030年1月底前", "≥6个", "120元", "5次", "每月1次"]),
)


def _problem_args() -> tuple[object, ...]:
    return (
        "W-VALUE-NO-UNIT", Severity.WARNING, "rule.unit_missing", (("value", "1"), ("field", Label("field.value"))),
        3, 4, "单位", "项目", 2, "value", "rule.unit_missing.hint", (), Fix("value", "1个"),
    )  # fmt: skip


def test_make_problem_makes_a_real_frozen_problem() -> None:
    args = _problem_args()
    made, plain = make_problem(*args), Problem(*args)  # type: ignore[arg-type]
    assert type(made) is Problem
    assert made == plain and hash(made) == hash(plain) and repr(made) == repr(plain)
    assert made.message == plain.message and made.hint == plain.hint
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.row = 5  # type: ignore[misc]
    assert pickle.loads(pickle.dumps(made)) == plain
    assert dataclasses.replace(made, row=5) == dataclasses.replace(plain, row=5)


def _codes_by_row(document: Document) -> dict[int, list[str]]:
    """The codes of the indicator rules, by row."""
    found: dict[int, list[str]] = {}
    for problem in validate(document):
        if problem.row is not None and problem.code != "W-IND-DUP-NAME":
            found.setdefault(problem.row, []).append(problem.code)
    return found


def test_rows_that_differ_only_in_the_description() -> None:
    document = good_document()
    project = first_project(document)
    name = "会议参加人数"
    descriptions = ["全年各次会议参会人数之和", name, f" {name}　", "会议参加人", "", "  ", "ＡＢ"]
    project.indicators = [
        Indicator(level1="产出指标", name=name, value="良好", description=description) for description in descriptions
    ]
    assert _codes_by_row(document) == {
        1: ["W-VALUE-QUALITATIVE", "W-VALUE-VAGUE"],
        2: ["W-VALUE-QUALITATIVE", "W-VALUE-VAGUE", "I-IND-DESC-REPEATS"],
        3: ["W-VALUE-QUALITATIVE", "W-VALUE-VAGUE", "I-IND-DESC-REPEATS"],
        4: ["W-VALUE-QUALITATIVE", "W-VALUE-VAGUE"],
        5: ["E-IND-EMPTY", "W-VALUE-QUALITATIVE", "W-VALUE-VAGUE"],
        6: ["E-IND-EMPTY", "W-VALUE-QUALITATIVE", "W-VALUE-VAGUE"],
        7: ["W-VALUE-QUALITATIVE", "W-VALUE-VAGUE"],
    }


def test_the_memo_never_returns_stale_findings_after_an_edit() -> None:
    document = good_document()
    for _unit, project in document.projects():  # every project starts with the same rows
        project.indicators.append(Indicator(level1="产出指标", name="会议次数", value="5", description="会议次数"))
    validator = Validator(document)
    edited = first_project(document).indicators[-1]
    edits = [
        ("description", "全年会议次数"),  # the echo goes
        ("description", ""),  # blank
        ("description", "会议次数"),  # the echo is back
        ("value", "5次"),  # the missing unit goes
        ("level1", "产出"),  # loosely written
        ("level1", "产出指标"),
        ("name", ""),  # a blank cell the other projects do not have
        ("name", "会议次数"),
        ("value", "5"),  # back to where it started: the same cells as the other projects again
    ]
    for field, text in edits:
        setattr(edited, field, text)
        validator.revalidate_project(first_project(document).key)
        assert validator.problems() == validate(document), (field, text)


def test_a_changed_layout_or_year_forgets_the_memo() -> None:
    document = good_document()
    validator = Validator(document)
    document.has_level2 = True  # every row now misses its 二级指标
    validator.revalidate_document()
    assert validator.problems() == validate(document)
    assert {p.code for p in validator.problems()} == {"E-IND-EMPTY"}
    document.has_level2 = False
    document.title = "2030年区级部门预算项目绩效目标汇总表"
    validator.revalidate_document()
    assert validator.problems() == validate(document)
    assert {p.code for p in validator.problems()} == {"W-VALUE-DATE-YEAR"}


@settings(max_examples=400, deadline=None)
@given(CELLS, CELLS, CELLS, CELLS, CELLS, CONTEXTS)
def test_the_dispatch_never_skips_a_rule_that_would_fire(
    level1: str, level2: str, name: str, value: str, description: str, ctx: Context
) -> None:
    indicator = Indicator(level1=level1, level2=level2, name=name, value=value, description=description)
    row = make_row(1, indicator, ctx)
    for rule in INDICATOR_RULES:
        if rule.check(row, ctx):
            assert rule.kinds is None or row.parsed.kind in rule.kinds, rule.code
            assert row.flags & rule.needs == rule.needs, rule.code


@settings(max_examples=400, deadline=None)
@given(CELLS, CELLS, CELLS, CELLS, CELLS, CELLS, CONTEXTS)
def test_only_rules_that_need_a_description_flag_read_the_description(
    level1: str, level2: str, name: str, value: str, first: str, second: str, ctx: Context
) -> None:
    key = name_traits(name).key
    rows = [
        make_row(1, Indicator(level1=level1, level2=level2, name=name, value=value, description=text), ctx)
        for text in (first, second)
        if not description_flags(text, key)
    ]
    for rule in INDICATOR_RULES:
        if not rule.needs & DESCRIPTION_FLAGS:
            assert len({tuple(rule.check(row, ctx)) for row in rows}) <= 1, rule.code


def _may_match(char: str, wanted: str, end: int) -> bool:
    """Whether *char* can normalise to text starting (end 0) or ending (end -1) with *wanted*: the plain way."""
    normal = normalise_text(char)
    return bool(normal) and normal[end] == wanted


@given(st.one_of(CELLS, st.text(alphabet="（）。，、 　ＡａAa1１会议次数ﬁ①", max_size=6)), CELLS)
def test_description_flags(description: str, name: str) -> None:
    key = name_traits(name).key
    text = description.strip()
    echo = bool(text and key and _may_match(text[0], key[0], 0) and _may_match(text[-1], key[-1], -1))
    assert description_flags(description, key) == (BLANK if not text else ECHO if echo else 0)


def test_node_keys_are_read_correctly() -> None:
    document = good_document()
    document.units.append(document.units[0].model_copy(deep=True))
    for unit in document.units:
        assert Validator._key(unit) == unit.key
        for project in unit.projects:
            assert Validator._key(project) == project.key
    assert Validator._key(Unit()) != Validator._key(Project())
