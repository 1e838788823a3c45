"""The 指标值 parser: the seed's values, the readings people expect, operators, units, dates, bad input."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from goaltui.i18n import set_language
from goaltui.model import Document
from goaltui.rules.value_parser import DateBound, DatePart, DatePoint, Operator, ValueKind, parse_value
from tests.strategies import TEXT

Q, R, D, REL, QUAL, LIST = (
    ValueKind.QUANTITY,
    ValueKind.RANGE,
    ValueKind.DATE,
    ValueKind.RELATIVE,
    ValueKind.QUALITATIVE,
    ValueKind.LIST,
)


def test_every_seed_value_parses(seed: Document) -> None:
    values = [i.value for _u, p in seed.projects() for i in p.indicators]
    assert len(values) == 54
    kinds = Counter(parse_value(v).kind for v in values)
    assert ValueKind.INVALID not in kinds and ValueKind.EMPTY not in kinds
    # the domain notes' count: 29 quantities, 2 ranges, 2 dates, 2 relative, 19 qualitative (one of them a list)
    assert kinds == {Q: 29, R: 2, D: 2, REL: 2, QUAL: 18, LIST: 1}


@pytest.mark.parametrize(
    ("text", "reading"),
    [
        ("1000人以上", "≥ 1000 人"),
        ("控制在10%内", "≤ 10 %"),
        (">300篇", "> 300 篇"),
        ("100人/次", "100 人/次"),
        ("2本/人", "2 本/人"),
        ("广播、电视、报纸、网", "4 项：广播 / 电视 / 报纸 / 网"),
        ("≤上期会议经费", "≤ 上期会议经费"),
        ("2021年2月底前", "2021年2月 底前"),
        ("2020年11月底前", "2020年11月 底前"),
        ("1-5条", "1–5 条"),
        ("5-10条", "5–10 条"),
        ("550元/天", "550 元/天"),
        ("≥6个", "≥ 6 个"),
        ("100%", "100 %"),
        ("1", "1"),
        ("良好", "定性：良好"),
        ("", "（空）"),
    ],
)
def test_readings_as_a_person_would_say_them(text: str, reading: str) -> None:
    assert parse_value(text).display() == reading


def test_reading_follows_the_language() -> None:
    set_language("en")
    assert parse_value("2021年2月底前").display() == "before the end of 2/2021"
    assert parse_value("广播、电视、报纸、网").display() == "4 items: 广播 / 电视 / 报纸 / 网"
    assert parse_value("≥").display() == "not understood: a comparison sign with no number after it"
    assert parse_value("1000人以上").display() == "≥ 1000 人"


def test_quantity_structure() -> None:
    value = parse_value("1000人以上")
    assert (value.kind, value.operator, value.number, value.unit) == (Q, Operator.GE, Decimal(1000), "人")
    value = parse_value("控制在10%内")
    assert (value.operator, value.number, value.unit, value.is_percent) == (Operator.LE, Decimal(10), "%", True)
    value = parse_value("97.5%")
    assert value.number == Decimal("97.5") and value.operator is None
    assert parse_value("1,000人").number == Decimal(1000)
    assert parse_value("550元/天").is_money and not parse_value("550天").is_money


def test_range_structure() -> None:
    value = parse_value("5~10%")
    assert (value.kind, value.number, value.upper, value.unit) == (R, Decimal(5), Decimal(10), "%")
    assert parse_value("1条-5条").upper == Decimal(5)
    assert parse_value("3至5次").kind is R
    assert parse_value("5-5条").kind is R  # equal bounds are not reversed


@pytest.mark.parametrize(
    ("text", "operator"),
    [
        ("≥90%", Operator.GE), ("≧90%", Operator.GE), (">=90%", Operator.GE), ("＞＝90%", Operator.GE),
        ("≤90%", Operator.LE), ("≦90%", Operator.LE), ("<=90%", Operator.LE),
        (">90%", Operator.GT), ("＞90%", Operator.GT), ("<90%", Operator.LT), ("＜90%", Operator.LT),
        ("=90%", Operator.EQ), ("＝90%", Operator.EQ),
        ("不低于90%", Operator.GE), ("不少于5次", Operator.GE), ("至少5次", Operator.GE), ("达到90%", Operator.GE),
        ("大于5次", Operator.GT), ("高于5次", Operator.GT), ("超过5次", Operator.GT),
        ("不超过5次", Operator.LE), ("不高于5次", Operator.LE), ("控制在5次以内", Operator.LE),
        ("控制在10%内", Operator.LE), ("低于5次", Operator.LT),
        ("5次以上", Operator.GE), ("5次及以上", Operator.GE), ("5次以下", Operator.LE), ("5次以内", Operator.LE),
        ("30天内", Operator.LE), ("约100人", Operator.APPROX), ("100人左右", Operator.APPROX),
        ("≥1000人以上", Operator.GE),
    ],
)  # fmt: skip
def test_operators_in_symbols_full_width_and_words(text: str, operator: Operator) -> None:
    value = parse_value(text)
    assert value.kind is Q, text
    assert value.operator is operator


@pytest.mark.parametrize(
    ("text", "unit"),
    [("400元/天", "元/天"), ("2本/人", "本/人"), ("100人/次", "人/次"), ("20元/人·月", "元/人·月"), ("20元/人・月", "元/人·月"),
     ("30个工作日", "个工作日"), ("10万元", "万元"), ("5000人次", "人次"), ("3次/年", "次/年"), ("12台", "台")],
)  # fmt: skip
def test_units_including_compound_ones(text: str, unit: str) -> None:
    value = parse_value(text)
    assert value.kind is Q and value.unit == unit


@pytest.mark.parametrize(
    ("text", "point", "part", "bound"),
    [
        ("2021年2月底前", DatePoint(2021, 2), DatePart.END, DateBound.BEFORE),
        ("2020年11月底前", DatePoint(2020, 11), DatePart.END, DateBound.BEFORE),
        ("2021年6月30日前", DatePoint(2021, 6, 30), DatePart.NONE, DateBound.BEFORE),
        ("2021年3月上旬", DatePoint(2021, 3), DatePart.EARLY, DateBound.NONE),
        ("2020年底前", DatePoint(2020), DatePart.END, DateBound.BEFORE),
        ("年底前", DatePoint(), DatePart.END, DateBound.BEFORE),
        ("12月底前完成", DatePoint(None, 12), DatePart.END, DateBound.BEFORE),
        ("2021-02-28", DatePoint(2021, 2, 28), DatePart.NONE, DateBound.NONE),
        ("2021年", DatePoint(2021), DatePart.NONE, DateBound.NONE),
    ],
)
def test_dates(text: str, point: DatePoint, part: DatePart, bound: DateBound) -> None:
    value = parse_value(text)
    assert value.kind is D, text
    assert (value.date, value.date_part, value.date_bound) == (point, part, bound)


def test_periods() -> None:
    value = parse_value("202001-202012")
    assert (value.kind, value.date, value.date_end) == (D, DatePoint(2020, 1), DatePoint(2020, 12))
    value = parse_value("2020年3月至6月")
    assert value.date_end == DatePoint(2020, 6)


def test_relative_values() -> None:
    value = parse_value("≤上期会议经费")
    assert (value.kind, value.operator, value.baseline) == (REL, Operator.LE, "上期会议经费")
    assert parse_value("不低于上年水平").operator is Operator.GE
    assert parse_value("上年水平以上").kind is REL
    assert parse_value("控制在预算内").operator is Operator.LE


def test_lists_and_qualitative_text() -> None:
    assert parse_value("广播、电视、报纸、网").items == ("广播", "电视", "报纸", "网")
    for text in ("是", "及时", "覆盖到全市", "有所提升", "约定俗成", "达标", "达到", "全市范围内"):
        assert parse_value(text).kind is QUAL, text


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("≥", "operator_without_number"),
        ("≥ ", "operator_without_number"),
        ("不低于", "operator_without_number"),
        ("≥%", "operator_without_number"),
        ("≥1.2.3", "malformed_number"),
        ("5-1条", "reversed_range"),
        ("10~2%", "reversed_range"),
        ("2021年13月底前", "impossible_date"),
        ("2021年2月30日", "impossible_date"),
        ("2021-02-30", "impossible_date"),
        ("202012-202001", "reversed_period"),
        ("≥**%", "placeholder"),
        ("**元/人·月", "placeholder"),
        ("≥5以下", "conflicting_operators"),
    ],
)
def test_values_that_do_not_parse_say_why(text: str, reason: str) -> None:
    value = parse_value(text)
    assert value.kind is ValueKind.INVALID
    assert value.reason_key == f"value.reason.{reason}"


def test_leap_years() -> None:
    assert parse_value("2020年2月29日前").kind is D
    assert parse_value("2021年2月29日前").kind is ValueKind.INVALID


@pytest.mark.parametrize(
    ("text", "zh", "en"),
    [
        ("2021年2月底前", "2021年2月 底前", "before the end of 2/2021"),
        ("2021年底前", "2021年底前", "before the end of 2021"),
        ("年内", "当年内", "within this year"),
        ("2021年3月上旬", "2021年3月 上旬", "early 3/2021"),
        ("2021年6月30日前", "2021年6月30日前", "before 6/30/2021"),
        ("12月底前", "12月 底前", "before the end of month 12"),
        ("202001-202012", "2020年1月 至 2020年12月", "1/2020 to 12/2020"),
        ("2021年6月完成", "2021年6月完成", "by 6/2021"),
    ],
)
def test_date_readings(text: str, zh: str, en: str) -> None:
    assert parse_value(text).display() == zh
    set_language("en")
    assert parse_value(text).display() == en


def test_odd_date_words_are_not_dates() -> None:
    assert parse_value("2021年上旬").kind is QUAL
    assert parse_value("2021年2月28日底").kind is QUAL


def test_empty_and_blank() -> None:
    assert parse_value("").kind is ValueKind.EMPTY
    assert parse_value("  \u3000").kind is ValueKind.EMPTY


GRAMMAR_SOUP = st.text(alphabet="≥≤<>=＞＜０１２9.-~至年月日号底前后初末中上下旬内完成%元/人·、以上控制在约 ", max_size=14)
DATE_SOUP = st.builds(
    "".join,
    st.lists(st.sampled_from(["2021年", "2", "12", "13", "月", "30日", "上旬", "中", "底", "初", "前", "内", "完成", "-", "至"]),
             max_size=6),
)  # fmt: skip


@given(st.one_of(TEXT, st.text(), GRAMMAR_SOUP, DATE_SOUP, st.text(max_size=60)))
def test_parse_value_never_raises(text: str) -> None:
    value = parse_value(text)
    assert isinstance(value.kind, ValueKind)
    for lang in ("zh", "en"):
        set_language(lang)
        assert isinstance(value.display(), str)
    assert value.text == text
    if value.kind is ValueKind.INVALID:
        assert value.reason_key is not None


@given(st.integers(0, 10**9), st.sampled_from(["", "个", "人", "%", "元/天", "本/人"]), st.sampled_from(["", "≥", "≤", ">"]))
def test_numbers_round_trip_through_display(number: int, unit: str, operator: str) -> None:
    value = parse_value(f"{operator}{number}{unit}")
    assert value.kind is Q and value.number == number and value.unit == unit
    assert value.display() == " ".join(part for part in (operator, str(number), unit) if part)


# The quick reading of the common quantity (value_parser._parse_simple) against the general way: texts
# made of the pieces it looks at and of those that must send a text the general way (post-operators,
# 年/月, a leading 19/20, signs, separators, NFKC's compatibility characters, spaces, full-width forms).
_OPERATORS = ["", "≥", "≤", ">", "<", ">=", "=", "≈", "~", "不低于", "≧", "＞"]
_NUMBERS = ["0", "5", "95", "100", "19", "20", "2021", "1999", "3.5", "007", "1,000", "+5", "-3", "１２", "٣", "5.", ".5"]
_TAILS = [
    "", "%", "‰", "个", "次", "人次", "万元", "元/人", "元/天", "元/人·月", "km", "m2", "m", "㎡", "℃", "家", "公里",
    "内", "以上", "左右", "之内", "人以上", "次内", "个月", "年", "月", "至10个", "-10条", "~10", "到", "豈", "(含)",
    " ", "　个", "％", "/", "·", "**", "元/", "天/人内", "万人", "次/年",
]  # fmt: skip


@settings(max_examples=3000, deadline=None)
@given(st.sampled_from(_OPERATORS), st.sampled_from(_NUMBERS), st.lists(st.sampled_from(_TAILS), max_size=3))
def test_the_quick_reading_of_a_quantity_is_the_general_one(operator: str, number: str, tails: list[str]) -> None:
    from goaltui.rules.value_parser import _parse_general, _parse_simple

    text = operator + number + "".join(tails)
    quick = _parse_simple(text)
    if quick is not None:
        assert quick == _parse_general(text), text
        assert quick.kind is ValueKind.QUANTITY


@pytest.mark.parametrize("text", ["≥95%", "≤731万元", "58个", "3400元/人", "≥12人次", "152元/天", "5", "≥20m2"])
def test_the_common_quantities_are_read_the_quick_way(text: str) -> None:
    from goaltui.rules.value_parser import _parse_general, _parse_simple

    assert _parse_simple(text) is not None and _parse_simple(text) == _parse_general(text)


@pytest.mark.parametrize("text", ["5内", "5人以上", "2021", "≥3个月", "+5", "1,000个", "5-10条", "≥5 个", "5㎡", "１２个"])
def test_the_others_go_the_general_way(text: str) -> None:
    from goaltui.rules.value_parser import _parse_simple

    assert _parse_simple(text) is None


def test_the_quick_reading_agrees_on_every_operator_number_and_tail() -> None:
    """Every text of one operator, one number and at most one tail; and every 指标值 of a generated table."""
    from benchmarks.generator import generate
    from goaltui.rules.value_parser import _parse_general, _parse_simple

    texts = [op + number + tail for op in _OPERATORS for number in _NUMBERS for tail in _TAILS]
    texts += [i.value for _u, p in generate(300, 8).projects() for i in p.indicators]
    quick = 0
    for text in texts:
        parsed = _parse_simple(text)
        if parsed is not None:
            quick += 1
            assert parsed == _parse_general(text), text
    assert quick > len(texts) // 10  # (the quick way is taken)
