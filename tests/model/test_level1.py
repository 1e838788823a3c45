from __future__ import annotations

import pytest

from goaltui.model.level1 import LEVEL1_VALUES, normalize_level1


@pytest.mark.parametrize("value", LEVEL1_VALUES)
def test_allowed_values_map_to_themselves(value: str) -> None:
    assert normalize_level1(value) == value


@pytest.mark.parametrize(
    ("text", "expected"),
    [("产出", "产出指标"), (" 效益指标 ", "效益指标"), ("满意度", "满意度指标"), ("成 本", "成本指标"), ("产出指标\u3000", "产出指标")],
)
def test_loose_forms_are_recognised(text: str, expected: str) -> None:
    assert normalize_level1(text) == expected


@pytest.mark.parametrize("text", ["", "指标", "产出指标x", "数量指标", "output"])
def test_other_text_is_not_a_level1(text: str) -> None:
    assert normalize_level1(text) is None
