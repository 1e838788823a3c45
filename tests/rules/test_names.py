"""What an indicator's name says about the value it expects."""

from __future__ import annotations

import pytest

from goaltui.rules.names import name_traits


@pytest.mark.parametrize(
    ("name", "rate", "money", "time", "quantity"),
    [
        ("使用人员满意率", True, False, False, True),
        ("服务对象满意度（%）", True, False, False, True),
        ("质量合格率", True, False, False, True),
        ("巡查频率", False, False, False, True),
        ("工作效率", False, False, False, True),
        ("经费占比", True, False, False, True),
        ("单位成本", False, True, False, True),
        ("代表经费使用人均成本", False, True, False, True),
        ("与上期宣传经费增长", False, False, False, False),
        ("成本节约率", True, False, False, True),
        ("出具第三方评价时间", False, False, True, False),
        ("完成时限", False, False, True, False),
        ("项目实施周期时间", False, False, False, False),
        ("涉及项目数", False, False, False, True),
        ("是否完成项目数", False, False, False, False),
        ("会议及时性", False, False, False, False),
    ],
)
def test_name_traits(name: str, rate: bool, money: bool, time: bool, quantity: bool) -> None:
    traits = name_traits(name)
    assert (traits.is_rate, traits.is_money, traits.is_time, traits.asks_quantity) == (rate, money, time, quantity)


def test_growth_and_satisfaction() -> None:
    assert name_traits("会议经费增长率").is_growth
    assert not name_traits("设备使用率").is_growth
    assert name_traits("使用人员满意率").is_satisfaction
    assert not name_traits("设备使用率").is_satisfaction


def test_duplicate_key_ignores_spaces_and_width() -> None:
    assert name_traits(" 会议 参加人数 ").key == name_traits("会议参加人数").key
    assert name_traits("ＡＢＣ数量").key == "ABC数量"
