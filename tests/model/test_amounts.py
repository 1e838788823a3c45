from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from goaltui.model.amounts import AmountError, format_amount, parse_amount


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("10", Decimal("10")),
        ("97.2", Decimal("97.2")),
        (" 200 ", Decimal("200")),
        ("1,000.50", Decimal("1000.50")),
        ("1,234,567", Decimal("1234567")),
        ("１０", Decimal("10")),  # full-width digits
        ("９７．２", Decimal("97.2")),
        ("10万元", Decimal("10")),
        ("10 万元", Decimal("10")),
        ("１,０００万元", Decimal("1000")),
        ("-5", Decimal("-5")),
        (".5", Decimal("0.5")),
        ("0.000001", Decimal("0.000001")),
        ("", None),
        ("   ", None),
        (None, None),
        (10, Decimal(10)),
        (97.2, Decimal("97.2")),
        (Decimal("1.50"), Decimal("1.50")),
    ],
)
def test_parse_amount_accepts_what_people_type(text: object, expected: Decimal | None) -> None:
    assert parse_amount(text) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize("text", ["abc", "十万", "1.2.3", "1,00", "10元", "1e5", "NaN", "inf", "--5", "5-", "1,0000"])
def test_parse_amount_rejects_non_numbers(text: str) -> None:
    with pytest.raises(AmountError):
        parse_amount(text)


def test_parse_amount_rejects_booleans_and_non_finite_decimals() -> None:
    with pytest.raises(AmountError):
        parse_amount(True)
    with pytest.raises(AmountError):
        parse_amount(Decimal("NaN"))


def test_float_input_keeps_its_shortest_form() -> None:
    # A spreadsheet hands back 0.1 as a float; it must not become 0.1000000000000000055...
    assert parse_amount(0.1) == Decimal("0.1")
    assert parse_amount(1e-06) == Decimal("0.000001")
    assert parse_amount(1e20) == Decimal("1E+20")
    for bad in (float("nan"), float("inf")):
        with pytest.raises(AmountError):
            parse_amount(bad)


@given(st.decimals(allow_nan=False, allow_infinity=False, places=6, min_value=-(10**12), max_value=10**12))
def test_format_then_parse_is_identity(value: Decimal) -> None:
    assert parse_amount(format_amount(value)) == value


def test_format_amount() -> None:
    assert format_amount(None) == ""
    assert format_amount(Decimal("97.2")) == "97.2"
    assert format_amount(Decimal("1E+2")) == "100"
    assert format_amount(Decimal("97.2"), places=2) == "97.20"
