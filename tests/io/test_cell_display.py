"""A cell reads as the text the person typed: percent, dates, grouping, literal text — in every format.

Three sources: the format grammar itself, workbooks built with openpyxl (one
per format family), and workbooks a real LibreOffice made (tests/data/office,
made once by make_office_fixtures.py: cells typed through its input line and
formats set in it, saved as .xlsx, .xls and .ods).
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from goaltui.io import native, xlsx_export, xlsx_import
from goaltui.io.cell_display import Kind, display, exact_number, parse_format, plain
from goaltui.model import Document

OFFICE = Path(__file__).resolve().parent.parent / "data" / "office"
SUFFIXES = ["xlsx", "xls", "ods"]


# --- the grammar ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("value", "code", "text"),
    [
        (1, "0%", "100%"),
        (1.0, "0.00%", "100%"),  # the value is what was typed; 100.00% is presentation
        (0.955, "0.00%", "95.5%"),
        (0.955, "0%", "95.5%"),  # never rounded away
        (0.005, "0.0%", "0.5%"),
        (0.1 + 0.2, "0%", "30%"),  # float noise is not text
        (1000, "#,##0", "1,000"),
        (1234.5, "#,##0.00", "1,234.5"),
        (1234.5, "#,##0.00_ ", "1,234.5"),
        (1234567.891, "#,##0.000;[Red]-#,##0.000", "1,234,567.891"),
        (-1234.5, "#,##0.00;[Red]-#,##0.00", "-1,234.5"),
        (-1234.5, "#,##0.00;[Red](#,##0.00)", "(1,234.5)"),
        (-3, "0.00", "-3"),
        (10.0, "General", "10"),
        (10.0, "0.00", "10"),
        (97.2, None, "97.2"),
        (1e-06, None, "0.000001"),
        (120, '0"人"', "120人"),
        (120, "0人", "120人"),
        (120, r"0\人", "120人"),
        (3.5, 'General"次"', "3.5次"),
        (1234.5, "[$¥-804]#,##0.00", "¥1,234.5"),
        (1234.5, '"¥"#,##0.00', "¥1,234.5"),
        (0.5, "# ?/?", "0.5"),  # fractions: the exact number
        (12345.0, "0.00E+00", "12345"),  # scientific: the exact number
        (44255, 'yyyy"年"m"月"d"日"', "2021年2月28日"),
        (44255, "yyyy-mm-dd", "2021年2月28日"),
        (44255, "m/d/yyyy", "2021年2月28日"),
        (44255, 'yyyy"年"m"月"', "2021年2月"),
        (44255, "mmm-yy", "2021年2月"),
        (44255, "m月d日", "2月28日"),
        (44255, "[$-F800]dddd, mmmm dd, yyyy", "2021年2月28日"),
        (44255.75, "yyyy/m/d h:mm", "2021年2月28日 18:00"),
        (0.75, "h:mm", "18:00"),
        (0.75, "h:mm:ss AM/PM", "18:00:00"),
        (5, "@", "5"),
        (7, "[DBNum1][$-804]General", "7"),
        (True, None, "TRUE"),
        (datetime.date(2021, 2, 28), None, "2021年2月28日"),
        (datetime.datetime(2021, 2, 28, 0, 0), None, "2021年2月28日"),
        (datetime.datetime(2021, 2, 28, 9, 5), None, "2021年2月28日 9:05"),
        (datetime.date(2021, 2, 28), 'yyyy"年"m"月"', "2021年2月"),
        (datetime.time(14, 30), None, "14:30"),
        (datetime.timedelta(hours=26, minutes=5), None, "26:05"),
        ("  text  ", "0%", "text"),
        ("", None, ""),
        (None, None, ""),
    ],
)
def test_display(value: object, code: str | None, text: str) -> None:
    assert display(value, code) == text  # type: ignore[arg-type]


def test_format_kinds() -> None:
    assert parse_format("0.0%").kind is Kind.PERCENT
    assert parse_format("#,##0").positive.grouping
    assert parse_format('yyyy"年"m"月"').positive.date_parts == frozenset("ym")
    assert parse_format("h:mm").positive.date_parts == frozenset("hn")  # m next to h is minutes
    assert parse_format("General").kind is Kind.GENERAL
    assert parse_format("G/通用格式").kind is Kind.GENERAL  # how Chinese Excel names General


@given(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e15, max_value=1e15))
def test_general_numbers_never_show_float_noise_or_exponents(value: float) -> None:
    text = display(value)
    assert "e" not in text.lower() and not text.endswith(".0")
    assert Decimal(text) == exact_number(value)


def test_plain() -> None:
    assert plain(Decimal("10.00")) == "10"
    assert plain(Decimal("1E+3"), grouping=True) == "1,000"
    assert plain(Decimal("0.0000010")) == "0.000001"


# --- openpyxl-built workbooks, one per format family ----------------------------------------------
FAMILIES: dict[str, list[tuple[object, str, str]]] = {
    "percent": [(1, "0%", "100%"), (0.955, "0.0%", "95.5%"), (0.8, "0.00%", "80%")],
    "date": [
        (datetime.datetime(2021, 2, 28), "yyyy-mm-dd", "2021年2月28日"),
        (datetime.datetime(2021, 11, 1), 'yyyy"年"m"月"', "2021年11月"),
        (datetime.datetime(2020, 12, 31), 'yyyy"年"m"月"d"日"', "2020年12月31日"),
    ],
    "integer float": [(5.0, "General", "5"), (120.0, "0", "120"), (3.0, "0.00", "3")],
    "grouping": [(1000, "#,##0", "1,000"), (2500000.5, "#,##0.00", "2,500,000.5")],
    "literal": [(6, '0"个"', "6个"), (400, '0"元/天"', "400元/天"), (1.5, '"≥"0.0"万元"', "≥1.5万元")],
}


@pytest.mark.parametrize("family", list(FAMILIES))
def test_indicator_values_typed_as_numbers_read_as_shown(tmp_path: Path, family: str, seed: Document) -> None:
    """The export, then a colleague's numbers in 指标值 with each family's formats: the text comes back."""
    path = tmp_path / f"{family}.xlsx"
    xlsx_export.write(seed, path)
    workbook = openpyxl.load_workbook(path)
    sheet = workbook.active
    assert sheet is not None
    cases = FAMILIES[family]
    for offset, (value, number_format, _text) in enumerate(cases):
        cell = sheet.cell(7 + offset, 9)  # 指标值 of the first project's rows
        cell.value = value
        cell.number_format = number_format
    workbook.save(path)
    project = xlsx_import.read(path).units[0].projects[0]
    assert [i.value for i in project.indicators[: len(cases)]] == [text for _v, _f, text in cases]
    assert [i.name for i in project.indicators] == [i.name for i in seed.units[0].projects[0].indicators]


# --- workbooks LibreOffice made ---------------------------------------------------------------------
@pytest.mark.parametrize("suffix", SUFFIXES)
def test_office_made_formats_read_as_typed(suffix: str) -> None:
    rows = xlsx_import.sheet_texts(OFFICE / f"formats.{suffix}")
    assert len(rows) == 19
    assert [row[0] for row in rows] == [row[1] for row in rows]


def _expected_after_office_edits(seed: Document) -> Document:
    """The seed with the edits make_office_fixtures.py typed in LibreOffice."""
    projects = {project.name: project for _unit, project in seed.projects()}

    def indicator(project: str, name: str) -> object:
        return next(i for i in projects[project].indicators if i.name == name)

    indicator("人大工作专项", "设备使用率").value = "95.5%"  # type: ignore[attr-defined]
    indicator("区人大财政预算咨询小组工作经历", "是否及时预算报送建议").value = "2020年11月30日"  # type: ignore[attr-defined]
    indicator("区人大财政预算咨询小组工作经历", "涉及项目数").value = "3"  # type: ignore[attr-defined]
    indicator("财政系统联网监督系统", "涉及项目数").value = "0.5"  # type: ignore[attr-defined]
    indicator("区人大常委会例会和其他会议", "会议参加人数").value = "1,000"  # type: ignore[attr-defined]
    projects["常委考察调研经费"].funds.total = Decimal("38.5")
    projects["常委考察调研经费"].funds.general_budget = Decimal("38.5")
    projects["区代表工作经费"].name = "区代表工作经费（含培训）"
    return seed


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_export_edited_in_libreoffice_keeps_every_field(suffix: str, seed: Document) -> None:
    """export → cells typed in a real office suite → import: every indicator field, amount and name as shown."""
    back = xlsx_import.read(OFFICE / f"seed_edited.{suffix}")
    expected = _expected_after_office_edits(seed)
    assert back.model_dump(exclude={"expected_project_count"}) == expected.model_dump(
        exclude={"expected_project_count"}
    )
    # and saved again by goaltui it is the same table
    assert native.loads(native.dumps(back)).model_dump() == back.model_dump()
