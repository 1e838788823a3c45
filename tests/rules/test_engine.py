"""The engine's shortcuts (memo, rule dispatch, fast constructors) give exactly what the plain way gives."""

from __future__ import annotations

import dataclasses
import pickle

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from goaltui.model import Document, Indicator, Project, Unit
from goaltui.rules import RULES, Problem, Severity, Validator, engine, validate
from goaltui.rules.base import (
    BLANK,
    DESCRIPTION_FLAGS,
    ECHO,
    UNPRINTABLE,
    Context,
    Scope,
    description_flags,
    make_row,
)
from goaltui.rules.names import name_traits, normalise_text
from goaltui.rules.problem import Fix, Label, RuleConfig, make_problem
from goaltui.rules.value_parser import ParsedValue, parse_value
from goaltui.safe_text import _UNSAFE, has_unsafe
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


# Cells that reach the engine's shortcuts: a 指标描述 that begins or ends like the name (or not), in
# ideographs, full width or ASCII; unsafe and unprintable characters (a tab, a line feed, ESC, U+202E, U+200B).
ODD = st.sampled_from(["\t", "\n", "\x1b", "\u202e", "\u200b", "\u00a0", "\u3000", "　会", "议", "数", "（", "）"])
ROW_CELLS = st.one_of(CELLS, st.lists(st.one_of(ODD, CELLS), max_size=4).map("".join))


def test_every_unsafe_character_is_unprintable() -> None:
    """What lets the safety rules skip a project whose cells are all printable (UNPRINTABLE)."""
    everything = "".join(map(chr, range(0x110000)))
    unsafe = _UNSAFE.findall(everything)
    assert len(unsafe) > 100
    assert [char for char in unsafe if char.isprintable()] == []


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(ROW_CELLS, ROW_CELLS, ROW_CELLS, ROW_CELLS, ROW_CELLS), min_size=1, max_size=4), CONTEXTS)
def test_the_engine_rows_are_make_rows_rows(cells: list[tuple[str, str, str, str, str]], ctx: Context) -> None:
    """The engine's rows (memoised cells, the 指标描述's flags found the quick way) are what make_row makes,
    twice over (the second time from the memo), and UNPRINTABLE is set exactly when a cell is unprintable."""
    indicators = [
        Indicator(level1=level1, level2=level2, name=name, value=value, description=description)
        for level1, level2, name, value, description in cells
    ]
    project = Project(name="项目", indicators=indicators)
    active = engine._ActiveRules(RuleConfig())
    for _ in range(2):
        rows, _found = engine._rows(active, project, ctx)
        expected = [make_row(number, indicator, ctx) for number, indicator in enumerate(indicators, start=1)]
        assert rows == expected
    for row, texts in zip(rows, cells, strict=True):
        assert bool(row.flags & UNPRINTABLE) == (not all(text.isprintable() for text in texts))
        if not row.flags & UNPRINTABLE:
            assert not any(has_unsafe(text) for text in texts)


@pytest.mark.parametrize("field", ["level1", "level2", "name", "value", "description"])
@pytest.mark.parametrize(("char", "code"), [("\x1b", "E-PROJ-CONTROL"), ("\u202e", "E-PROJ-CONTROL"),
                                            ("\u200b", "W-PROJ-INVISIBLE")])  # fmt: skip
def test_an_unsafe_character_in_any_cell_is_found(field: str, char: str, code: str) -> None:
    document = good_document()
    project = first_project(document)
    indicator = project.indicators[-1]
    setattr(indicator, field, getattr(indicator, field) + char)
    found = [(p.row, p.field) for p in validate(document) if p.code == code]
    assert found == [(len(project.indicators), field)]
    setattr(indicator, field, getattr(indicator, field).replace(char, "\t"))  # a tab: unprintable, not unsafe
    assert [p for p in validate(document) if p.code == code] == []


@pytest.mark.parametrize("text", ["≥95%", "≤50万元", "1-5条", "5-1条", "≥", "2021年12月底前", "2021年2月30日",
                                  "上年水平以上", "≤上期会议经费", "广播、电视、报纸", "良好", "", "***", "≥5以下"])  # fmt: skip
def test_parsed_values_are_real_frozen_values(text: str) -> None:
    """The parser builds its frozen values by setting their slots: the same values ParsedValue(...) makes."""
    made = parse_value(text)
    plain = ParsedValue(*(getattr(made, field.name) for field in dataclasses.fields(ParsedValue)))
    assert type(made) is ParsedValue
    assert made == plain and hash(made) == hash(plain) and repr(made) == repr(plain)
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.text = "x"  # type: ignore[misc]
    assert pickle.loads(pickle.dumps(made)) == plain


def test_validators_share_the_memo_only_with_the_same_rules_and_context() -> None:
    from goaltui.rules.base import clear_caches

    clear_caches()
    document = good_document()
    first_project(document).indicators[0].value = "12"  # W-VALUE-NO-UNIT
    plain = validate(document)
    assert "W-VALUE-NO-UNIT" in {p.code for p in plain}
    stricter = RuleConfig(severities={"W-VALUE-NO-UNIT": Severity.ERROR})
    strict = validate(document, stricter)
    fewer = validate(document, RuleConfig(disabled=frozenset({"W-VALUE-NO-UNIT"})))
    assert {p.severity for p in strict if p.code == "W-VALUE-NO-UNIT"} == {Severity.ERROR}
    assert {p.severity for p in plain if p.code == "W-VALUE-NO-UNIT"} == {Severity.WARNING}
    assert "W-VALUE-NO-UNIT" not in {p.code for p in fewer}
    assert validate(document) == plain and validate(document, stricter) == strict  # (from the memos)
    one, two = Validator(document), Validator(document.model_copy(deep=True))
    assert one._active.cells is two._active.cells  # the same rules and Context: one memo
    assert Validator(document, stricter)._active.cells is not one._active.cells
    document.has_level2 = not document.has_level2  # another Context: another memo
    assert Validator(document)._active.cells is not one._active.cells
    document.has_level2 = not document.has_level2
    assert Validator(document)._active.cells is one._active.cells
    clear_caches()
    assert Validator(document.model_copy(deep=True))._active.cells is not one._active.cells


def test_validators_in_threads_find_what_one_finds() -> None:
    import threading

    from benchmarks.generator import generate
    from goaltui.rules.base import clear_caches

    documents = [generate(60, 7) for _ in range(4)]
    for index, document in enumerate(documents):
        for _unit, project in document.projects()[index::4]:
            project.indicators[0].value = f"{index}"  # something each document has of its own
    clear_caches()
    expected = [validate(document) for document in documents]
    clear_caches()
    found: list[list[Problem]] = [[] for _ in documents]

    def check(index: int) -> None:
        for _ in range(3):
            found[index] = validate(documents[index])

    threads = [threading.Thread(target=check, args=(index,)) for index in range(len(documents))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert found == expected
