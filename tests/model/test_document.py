from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from goaltui.model import Document, Funds, Indicator, Project, Unit


def test_year_is_parsed_from_the_title() -> None:
    assert Document(title="2020年区级部门预算项目绩效目标汇总表").year == 2020
    assert Document(title="绍兴市 2023 年部门预算").year == 2023
    assert Document(title="部门预算项目绩效目标汇总表").year is None
    assert Document(title="").year is None


def test_year_follows_the_title() -> None:
    document = Document(title="2020年表")
    document.title = "2021年表"
    assert document.year == 2021


def test_funds_are_decimal_never_float() -> None:
    funds = Funds(total="97.2", general_budget=97.2)
    assert isinstance(funds.total, Decimal)
    assert funds.general_budget == Decimal("97.2")
    assert funds.sources_sum() == Decimal("97.2")


def test_sources_sum_treats_empty_as_zero_and_is_exact() -> None:
    funds = Funds(general_budget=Decimal("0.1"), gov_fund=Decimal("0.2"))
    assert funds.sources_sum() == Decimal("0.3")
    assert Funds().sources_sum() == 0
    assert Funds().is_empty()


def test_amounts_reject_nan_and_infinity() -> None:
    with pytest.raises(ValidationError):
        Funds(total="NaN")
    with pytest.raises(ValidationError):
        Funds(total="Infinity")


def test_document_can_hold_an_invalid_table() -> None:
    # Half-filled: empty names, negative money, too few indicators — all representable.
    document = Document(
        units=[Unit(name="", projects=[Project(name="", funds=Funds(total=Decimal(-1)), indicators=[Indicator()])])]
    )
    assert document.project_count() == 1
    assert document.indicator_count() == 1


def test_unknown_keys_are_rejected() -> None:
    with pytest.raises(ValidationError):
        Indicator.model_validate({"level1": "产出指标", "colour": "red"})


def test_fund_totals_sum_every_project(seed: Document) -> None:
    totals = seed.fund_totals()
    assert totals["total"] == Decimal("564.2")
    assert totals["general_budget"] == Decimal("564.2")
    assert totals["gov_fund"] == totals["special_account"] == totals["other"] == 0


def test_keys_are_unique_and_stable_across_edits(seed: Document) -> None:
    keys = [p.key for _u, p in seed.projects()]
    assert len(set(keys)) == len(keys)
    unit, project = seed.projects()[3]
    key = project.key
    project.name = "改名"
    unit.projects.remove(project)
    seed.units[0].projects.insert(0, project)
    assert seed.find_project(key) == (seed.units[0], project)
    assert seed.find_project(-1) is None


def test_funds_get_rejects_unknown_fields() -> None:
    with pytest.raises(KeyError):
        Funds().get("colour")


def test_a_copy_is_a_new_node_with_its_own_keys(seed: Document) -> None:
    project = seed.units[0].projects[0]
    deep = project.model_copy(deep=True)
    shallow = project.model_copy()
    assert len({project.key, deep.key, shallow.key}) == 3
    assert {i.key for i in deep.indicators}.isdisjoint({i.key for i in project.indicators})
    assert deep.model_dump() == project.model_dump()


@given(*[st.one_of(st.none(), st.decimals(allow_nan=False, allow_infinity=False, places=6, min_value=-(10**9), max_value=10**9))] * 4)
def test_sources_sum_is_the_exact_sum_of_the_filled_sources(
    general: Decimal | None, fund: Decimal | None, special: Decimal | None, other: Decimal | None
) -> None:
    funds = Funds(general_budget=general, gov_fund=fund, special_account=special, other=other)
    expected = sum((v for v in (general, fund, special, other) if v is not None), Decimal(0))
    assert funds.sources_sum() == expected
    assert isinstance(funds.sources_sum(), Decimal)
