"""Every rule: one case that triggers it (and where it points), one near miss that does not."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

import pytest

from goaltui.model import Document, Project, Unit
from goaltui.rules import RULES, Fix, RuleConfig, Severity, validate
from tests.rules.helpers import first_project, good_document, good_project, problems_with

Mutation = Callable[[Document], None]


@dataclass(frozen=True)
class Case:
    trigger: Mutation
    near_miss: Mutation
    where: tuple[str, str, int | None, str | None]
    """(unit, project, row, field) of the problem the trigger causes."""
    config: RuleConfig | None = None


def _value(row: int, text: str) -> Mutation:
    def mutate(document: Document) -> None:
        first_project(document).indicators[row - 1].value = text

    return mutate


def _cell(row: int, field: str, text: str) -> Mutation:
    def mutate(document: Document) -> None:
        setattr(first_project(document).indicators[row - 1], field, text)

    return mutate


def _both(*mutations: Mutation) -> Mutation:
    def mutate(document: Document) -> None:
        for mutation in mutations:
            mutation(document)

    return mutate


def _project(**changes: object) -> Mutation:
    def mutate(document: Document) -> None:
        project = first_project(document)
        for name, value in changes.items():
            if name in ("total", "general_budget", "gov_fund", "special_account", "other"):
                setattr(project.funds, name, value)
            else:
                setattr(project, name, value)

    return mutate


def _doc(**changes: object) -> Mutation:
    def mutate(document: Document) -> None:
        for name, value in changes.items():
            if name in ("leader", "handler", "phone"):
                setattr(document.signatures, name, value)
            else:
                setattr(document, name, value)

    return mutate


def _drop_last_row(document: Document) -> None:
    first_project(document).indicators.pop()


def _unit_name(index: int, name: str) -> Mutation:
    def mutate(document: Document) -> None:
        document.units[index].name = name

    return mutate


def _second_project_name(unit: int, name: str) -> Mutation:
    def mutate(document: Document) -> None:
        document.units[unit].projects[-1].name = name

    return mutate


def _add_unit(with_project: bool) -> Mutation:
    def mutate(document: Document) -> None:
        document.units.append(Unit(name="区人大信息中心", projects=[good_project()] if with_project else []))

    return mutate


def _only_unit_with_projects(count: int) -> Mutation:
    def mutate(document: Document) -> None:
        document.units = [Unit(name="区人大办", projects=[good_project() for _ in range(count)])]

    return mutate


P1 = ("区人大办", "区人大常委会例会")
DOC = ("", "")

CASES: dict[str, Case] = {
    "E-IND-EMPTY": Case(_cell(2, "description", "  "), _cell(2, "level2", ""), (*P1, 2, "description")),
    "E-IND-LEVEL1": Case(_cell(1, "level1", "社会效益"), _cell(1, "level1", "产出"), (*P1, 1, "level1")),
    "W-IND-LEVEL1-FORM": Case(_cell(1, "level1", " 产出 "), _cell(1, "level1", "成本指标"), (*P1, 1, "level1")),
    "E-VALUE-INVALID": Case(_value(1, "≥"), _value(1, "≥1人"), (*P1, 1, "value")),
    "E-VALUE-PERCENT-OVER": Case(_value(5, "292%"), _value(5, "100%"), (*P1, 5, "value")),
    "W-VALUE-QUALITATIVE": Case(_value(1, "较多"), _both(_cell(1, "name", "会议及时性"), _value(1, "及时")),
                                (*P1, 1, "value")),
    "W-VALUE-NOT-PERCENT": Case(_value(4, "100个"), _value(4, "≥95.5%"), (*P1, 4, "value")),
    "W-VALUE-NOT-MONEY": Case(_value(3, "≤400人"), _value(3, "≤0.04万元"), (*P1, 3, "value")),
    "W-VALUE-NOT-DATE": Case(_value(2, "及时"), _value(2, "30个工作日内"), (*P1, 2, "value")),
    "W-VALUE-DATE-YEAR": Case(_value(2, "2023年11月底前"), _value(2, "2021年2月底前"), (*P1, 2, "value")),
    "W-VALUE-VAGUE": Case(_both(_cell(4, "name", "议题完成情况"), _value(4, "良好")),
                          _both(_cell(4, "name", "议题完成情况"), _value(4, "全部完成")), (*P1, 4, "value")),
    "W-VALUE-NO-UNIT": Case(_value(1, "1000"), _value(1, "1000人"), (*P1, 1, "value")),
    "I-IND-DESC-REPEATS": Case(_cell(1, "description", "会议参加人数 "), _cell(1, "description", "会议参加人数（含列席）"),
                               (*P1, 1, "description")),
    "E-PROJ-NAME-EMPTY": Case(_project(name=" "), _project(name="例会"), (P1[0], " ", None, "name")),
    "E-PROJ-TOO-FEW": Case(_drop_last_row, _drop_last_row, (*P1, None, None)),
    "E-FUNDS-NEGATIVE": Case(_project(general_budget=Decimal(48), other=Decimal(-1)),
                             _project(general_budget=Decimal(47), other=Decimal(0)), (*P1, None, "other")),
    "E-FUNDS-NO-TOTAL": Case(_project(total=None), _project(total=Decimal("0.0001"), general_budget=Decimal("0.0001")),
                             (*P1, None, "total")),
    "E-FUNDS-SUM": Case(_project(general_budget=Decimal(40), other=Decimal(6)),
                        _project(general_budget=Decimal(40), other=Decimal(7)), (*P1, None, "total")),
    "W-PROJ-NO-OUTPUT": Case(_both(_cell(1, "level1", "成本指标"), _cell(2, "level1", "成本指标")),
                             _both(_cell(1, "level1", "成本指标"), _cell(2, "level1", "产出")), (*P1, None, None)),
    "W-PROJ-NO-EFFECT": Case(_cell(4, "level1", "产出指标"), _cell(4, "level1", "效益"), (*P1, None, None)),
    "W-PROJ-NO-SATISFACTION": Case(_both(_cell(5, "level1", "效益指标"), _cell(5, "name", "参会人员评价")),
                                   _cell(5, "level1", "效益指标"), (*P1, None, None)),
    "W-IND-DUP-NAME": Case(_cell(2, "name", "会议参加人数"), _cell(2, "name", "会议参加人数（列席）"),
                           (*P1, 2, "name")),
    "E-UNIT-NAME-EMPTY": Case(_unit_name(1, ""), _unit_name(1, "区人大研究室二"), ("", "", None, "name")),
    "E-UNIT-NAME-DUP": Case(_unit_name(1, "区人大办 "), _unit_name(1, "区人大办二"), ("区人大办 ", "", None, "name")),
    "E-PROJ-NAME-DUP": Case(_second_project_name(0, "区人大常委会例会"), _second_project_name(1, "区人大常委会例会"),
                            (*P1, None, "name")),
    "W-UNIT-EMPTY": Case(_add_unit(False), _add_unit(True), ("区人大信息中心", "", None, None)),
    "E-DOC-PROJECT-COUNT": Case(_doc(expected_project_count=4), _doc(expected_project_count=3),
                                (*DOC, None, "expected_project_count")),
    "W-DOC-NO-PROJECTS": Case(_doc(units=[]), _only_unit_with_projects(1), (*DOC, None, None)),
    "W-DOC-TITLE-YEAR": Case(_doc(title="区级部门预算项目绩效目标汇总表"), _doc(title="2021年度部门项目绩效目标表"),
                             (*DOC, None, "title")),
    "W-DOC-MONEY-UNIT": Case(_doc(money_unit="元"), _doc(money_unit=" 万元 "), (*DOC, None, "money_unit")),
    "W-DOC-EMPTY": Case(_doc(phone=""), _doc(phone="84119169"), (*DOC, None, "phone")),
    "W-DOC-PHONE": Case(_doc(phone="841191"), _doc(phone="8411916"), (*DOC, None, "phone")),
    "E-FUNDS-INEXACT": Case(_project(total=Decimal("47.0000000000000001")),
                            _project(total=Decimal("47.00000000000000000"), general_budget=Decimal("47.000000000000")),
                            (*P1, None, "total")),
    "E-PROJ-CONTROL": Case(_value(3, "≥3次\x1b]52;c;cm0gLXJm\x07"), _value(3, "≥3次\u200b"), (*P1, 3, "value")),
    "W-PROJ-INVISIBLE": Case(_project(name="区人大常委会\u200b例会"), _project(name="区人大常委会 例会"),
                             (P1[0], "区人大常委会\u200b例会", None, "name")),
    "E-UNIT-CONTROL": Case(_unit_name(1, "区人大研究室\x1b[2J"), _unit_name(1, "区人大研究室\ufeff"),
                           ("区人大研究室\x1b[2J", "", None, "name")),
    "W-UNIT-INVISIBLE": Case(_unit_name(1, "\ufeff区人大研究室"), _unit_name(1, "区人大研究室\x9b"),
                             ("\ufeff区人大研究室", "", None, "name")),
    "E-DOC-CONTROL": Case(_doc(leader="周\u202e维"), _doc(leader="周维\u200d"), (*DOC, None, "leader")),
    "W-DOC-INVISIBLE": Case(_doc(notes="备注\u2060"), _doc(notes="备注\n\t第二行"), (*DOC, None, "notes")),
}  # fmt: skip

NEAR_MISS_CONFIG = {"E-PROJ-TOO-FEW": RuleConfig(min_indicators=4)}


def test_the_good_document_breaks_no_rule() -> None:
    assert validate(good_document()) == []


def test_every_rule_has_a_case() -> None:
    assert set(CASES) == {rule.code for rule in RULES}


@pytest.mark.parametrize("code", sorted(CASES))
def test_rule_fires_and_points_at_the_cell(code: str) -> None:
    document = good_document()
    case = CASES[code]
    case.trigger(document)
    found = problems_with(document, code, case.config)
    assert len(found) == 1, [p.message for p in validate(document)]
    problem = found[0]
    assert (problem.unit, problem.project, problem.row, problem.field) == case.where
    assert problem.severity.value[0].upper() == code[0]
    assert problem.message and problem.message != problem.message_key


@pytest.mark.parametrize("code", sorted(CASES))
def test_rule_stays_quiet_on_the_near_miss(code: str) -> None:
    document = good_document()
    CASES[code].near_miss(document)
    assert problems_with(document, code, NEAR_MISS_CONFIG.get(code)) == []


# --- details of single rules ------------------------------------------------------------


def test_level1_fix_offers_the_normal_form() -> None:
    document = good_document()
    first_project(document).indicators[0].level1 = "  产 出 "
    (problem,) = problems_with(document, "W-IND-LEVEL1-FORM")
    assert problem.fix == Fix("level1", "产出指标")
    assert first_project(document).indicators[0].level1 == "  产 出 "  # offered, not applied
    first_project(document).indicators[0].level1 = "满意度"
    assert problems_with(document, "W-IND-LEVEL1-FORM")[0].fix == Fix("level1", "满意度指标")
    first_project(document).indicators[0].level1 = "社会效益"
    assert problems_with(document, "E-IND-LEVEL1")[0].fix is None


def test_three_level_forms_need_level2() -> None:
    document = good_document()
    document.has_level2 = True
    fields = {p.field for p in problems_with(document, "E-IND-EMPTY")}
    assert fields == {"level2"}


def test_empty_row_reports_each_empty_field() -> None:
    document = good_document()
    row = first_project(document).indicators[0]
    row.level1 = row.name = row.value = row.description = ""
    assert [p.field for p in problems_with(document, "E-IND-EMPTY")] == ["level1", "name", "value", "description"]
    assert problems_with(document, "E-VALUE-INVALID") == []  # empty is reported once, as empty


def test_percent_over_100_suggests_the_scanned_operator() -> None:
    document = good_document()
    first_project(document).indicators[4].value = "292%"
    (problem,) = problems_with(document, "E-VALUE-PERCENT-OVER")
    assert problem.fix == Fix("value", "≥92%")
    assert "≥92%" in (problem.hint or "") and "292%" in (problem.hint or "")
    first_project(document).indicators[4].value = "150%"
    (problem,) = problems_with(document, "E-VALUE-PERCENT-OVER")
    assert problem.fix is None and problem.hint


def test_a_number_in_prose_is_not_called_qualitative() -> None:
    document = good_document()
    first_project(document).indicators[0].value = "每月1次，全年12次"
    assert problems_with(document, "W-VALUE-QUALITATIVE") == []
    first_project(document).indicators[0].value = "若干"
    assert len(problems_with(document, "W-VALUE-QUALITATIVE")) == 1


def test_growth_rates_may_exceed_100_percent() -> None:
    document = good_document()
    row = first_project(document).indicators[3]
    row.name, row.value = "会议经费增长率", "150%"
    assert problems_with(document, "E-VALUE-PERCENT-OVER") == []


def test_money_rule_ignores_changes_in_money() -> None:
    document = good_document()
    row = first_project(document).indicators[2]
    row.name, row.value = "与上期宣传经费增长", "控制在10%内"
    assert problems_with(document, "W-VALUE-NOT-MONEY") == []
    row.value = "≤上期会议经费"
    assert problems_with(document, "W-VALUE-NOT-MONEY") == []


def test_unit_suggestion_comes_from_the_name() -> None:
    document = good_document()
    row = first_project(document).indicators[0]
    for name, value, suggestion in [("涉及项目数", "1", "1个"), ("参加人数", "120", "120人"), ("开展次数", "12", "12次"),
                                    ("完成调研报告数量", "5", "5篇"), ("设备使用率", "100", "100%")]:  # fmt: skip
        row.name, row.value = name, value
        (problem,) = problems_with(document, "W-VALUE-NO-UNIT")
        assert problem.fix == Fix("value", suggestion), name
        assert suggestion in (problem.hint or "")
    row.name, row.value = "某某指标", "3"
    (problem,) = problems_with(document, "W-VALUE-NO-UNIT")
    assert problem.fix is None and problem.hint


def test_vague_words_get_a_suggestion() -> None:
    document = good_document()
    row = first_project(document).indicators[3]
    row.name = "宣传效果"
    hints = {}
    for value in ("良好", "加强", "有所提升", "弘扬", "及时有效", "明显", "较好", "一般", "好"):
        row.value = value
        (problem,) = problems_with(document, "W-VALUE-VAGUE")
        hints[value] = problem.hint
        assert problem.hint
    assert hints["良好"] != hints["加强"] != hints["弘扬"]
    row.value = "是"
    assert problems_with(document, "W-VALUE-VAGUE") == []


def test_missing_total_offers_the_sum_of_sources() -> None:
    document = good_document()
    first_project(document).funds.total = None
    (problem,) = problems_with(document, "E-FUNDS-NO-TOTAL")
    assert problem.fix == Fix("total", "47")
    first_project(document).funds.total = Decimal(0)
    (problem,) = problems_with(document, "E-FUNDS-NO-TOTAL")
    assert problem.message_key == "rule.total_zero"
    assert problems_with(document, "E-FUNDS-SUM") == []  # one problem for one mistake


def test_sum_is_exact_decimal() -> None:
    document = good_document()
    funds = first_project(document).funds
    funds.total, funds.general_budget, funds.gov_fund = Decimal("0.3"), Decimal("0.1"), Decimal("0.2")
    assert problems_with(document, "E-FUNDS-SUM") == []
    funds.total = Decimal("0.300001")
    (problem,) = problems_with(document, "E-FUNDS-SUM")
    assert "0.000001" in (problem.hint or "")


def test_duplicate_indicator_names_the_first_row() -> None:
    document = good_document()
    first_project(document).indicators[3].name = " 会议参加人数"
    (problem,) = problems_with(document, "W-IND-DUP-NAME")
    assert problem.row == 4 and "1" in problem.message


@pytest.mark.parametrize("phone", ["84119169", "8411916", "0575-84119169", "(0575)84119169", "13800138000",
                                   "+86 138 0013 8000", "0575-84119169转123", "84119169/13800138000"])  # fmt: skip
def test_plausible_phone_numbers(phone: str) -> None:
    document = good_document()
    document.signatures.phone = phone
    assert problems_with(document, "W-DOC-PHONE") == []


@pytest.mark.parametrize("phone", ["841191", "123456789", "23800138000", "1380013800", "电话待定", "0575-"])
def test_implausible_phone_numbers(phone: str) -> None:
    document = good_document()
    document.signatures.phone = phone
    assert len(problems_with(document, "W-DOC-PHONE")) == 1


def test_each_empty_header_field_is_named() -> None:
    document = good_document()
    document.department = ""
    document.signatures.leader = document.signatures.handler = document.signatures.phone = " "
    assert [p.field for p in problems_with(document, "W-DOC-EMPTY")] == ["department", "leader", "handler", "phone"]


def test_project_in_an_empty_unit_is_not_a_unit_problem() -> None:
    document = good_document()
    document.units[1].projects.clear()
    (problem,) = problems_with(document, "W-UNIT-EMPTY")
    assert problem.unit == "区人大研究室" and problem.project_key is None and problem.unit_key is not None


# --- configuration -----------------------------------------------------------------------------


def test_minimum_is_configurable() -> None:
    document = good_document()
    assert problems_with(document, "E-PROJ-TOO-FEW", RuleConfig(min_indicators=6))[0].params == (
        ("count", 5),
        ("minimum", 6),
    )
    assert len(problems_with(document, "E-PROJ-TOO-FEW", RuleConfig(min_indicators=6))) == 3


def test_severity_override_and_disable() -> None:
    document = good_document()
    first_project(document).indicators[0].value = "1000"
    config = RuleConfig(severities={"W-VALUE-NO-UNIT": Severity.ERROR})
    assert problems_with(document, "W-VALUE-NO-UNIT", config)[0].severity is Severity.ERROR
    config = RuleConfig(disabled=frozenset({"W-VALUE-NO-UNIT"}))
    assert problems_with(document, "W-VALUE-NO-UNIT", config) == []


def test_unknown_codes_in_a_config_are_refused() -> None:
    with pytest.raises(ValueError, match="W-NOPE"):
        validate(good_document(), RuleConfig(disabled=frozenset({"W-NOPE"})))
    with pytest.raises(ValueError):
        RuleConfig(min_indicators=-1)


def test_problems_come_in_document_order() -> None:
    document = good_document()
    document.title = "汇总表"  # header
    document.signatures.phone = "1"  # footer
    first_project(document).indicators[2].value = "1"  # project 1, row 3
    first_project(document).indicators[0].value = "≥"  # project 1, row 1
    first_project(document).funds.total = Decimal(1)  # project 1, no row
    document.units[1].projects[0].indicators[0].value = "≥"  # unit 2
    document.units[0].projects[1].name = "区人大常委会例会"  # project 2 duplicate name
    order = [(p.code, p.project, p.row) for p in validate(document)]
    assert order == [
        ("W-DOC-TITLE-YEAR", "", None),
        ("E-FUNDS-SUM", "区人大常委会例会", None),
        ("E-VALUE-INVALID", "区人大常委会例会", 1),
        ("W-VALUE-NO-UNIT", "区人大常委会例会", 3),
        ("E-PROJ-NAME-DUP", "区人大常委会例会", None),
        ("E-VALUE-INVALID", "人大理论研究", 1),
        ("W-DOC-PHONE", "", None),
    ]
    assert validate(document)[4].project_key == document.units[0].projects[1].key


def test_rule_codes_follow_the_scheme() -> None:
    for rule in RULES:
        severity, area, *what = rule.code.split("-")
        assert severity == {"error": "E", "warning": "W", "info": "I"}[rule.severity.value]
        assert area in {"IND", "VALUE", "PROJ", "FUNDS", "UNIT", "DOC"} and what
        assert rule.check.__doc__ and rule.code in rule.check.__doc__


def test_project_keys_survive_the_report() -> None:
    document = good_document()
    project: Project = document.units[1].projects[0]
    project.indicators[0].value = "≥"
    (problem,) = problems_with(document, "E-VALUE-INVALID")
    assert (problem.unit_key, problem.project_key) == (document.units[1].key, project.key)
