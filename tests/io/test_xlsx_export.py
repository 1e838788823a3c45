"""The exported seed, checked with independent readers (python-calamine, the raw XML, openpyxl)."""

from __future__ import annotations

import re
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from python_calamine import CalamineWorkbook

from goaltui.io import form, xlsx_export
from goaltui.io import xlsx_layout as layout
from goaltui.model import Document, Funds, Indicator, Project, Unit
from goaltui.model.level1 import LEVEL1_VALUES

HEADER_TOP = ["项目实施单位及项目名称", "资金安排", "", "", "", "", "一级指标", "明细指标", "指标值", "指标描述"]
HEADER_BOTTOM = ["", "合计", "一般公共预算", "政府性基金", "专户资金", "其他资金", "", "", "", ""]


@pytest.fixture
def seed_xlsx(seed: Document, tmp_path: Path) -> Path:
    path = tmp_path / "seed.xlsx"
    xlsx_export.write(seed, path)
    return path


def _calamine(path: Path) -> tuple[list[list[object]], set[str]]:
    sheet = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0)
    merges = {
        f"{layout.get_column_letter(c0 + 1)}{r0 + 1}:{layout.get_column_letter(c1 + 1)}{r1 + 1}"
        for (r0, c0), (r1, c1) in sheet.merged_cell_ranges or []
    }
    return sheet.to_python(skip_empty_area=False), merges


def _sheet_xml(path: Path) -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read("xl/worksheets/sheet1.xml").decode("utf-8")


def test_texts_in_the_right_cells(seed_xlsx: Path) -> None:
    grid, _merges = _calamine(seed_xlsx)
    assert grid[0][0] == "2020年区级部门预算项目绩效目标汇总表"
    # 填报部门 and 单位 on lines of their own, as the published form has them
    assert grid[1] == ["填报部门（盖章）绍兴市柯桥区人民代表大会常务委员会办公室"] + [""] * 9
    assert grid[2] == ["单位：万元"] + [""] * 9
    assert grid[3] == HEADER_TOP
    assert grid[4] == HEADER_BOTTOM
    assert grid[5] == ["区人大办", "", "", "", "", "", "", "", "", ""]
    assert grid[6] == [
        "财政系统联网监督系统",
        10.0,
        10.0,
        "",
        "",
        "",
        "产出指标",
        "出具第三方评价时间",
        "2021年2月底前",
        "按时出具第三方评价",
    ]
    assert grid[7] == ["", "", "", "", "", "", "产出指标", "监督跟踪跨度年份", "5年", "监督跟踪跨度年份"]
    # 区代表工作经费 (97.2) is the fifth project, after 5 + 5 + 6 + 5 indicator rows.
    assert grid[6 + 21][:3] == ["区代表工作经费", 97.2, 97.2]
    last_table = 6 + 54  # unit row + 54 indicator rows after the title, two meta and two header rows
    assert grid[last_table - 1][9] == "加强老干部队伍政治、思想建设，提高老干部幸福感"
    assert grid[last_table][0].startswith("备注：1、本表填写2020年")
    # each signature on its own line, as in the published form
    assert [row[0] for row in grid[last_table + 1 :]] == [
        "部门主要领导（签字）：周维",
        "经办人（签字）：李怡",
        "联系电话：84119169",
    ]
    assert len(grid) == last_table + 4


def test_merge_ranges(seed_xlsx: Path, seed: Document) -> None:
    _grid, merges = _calamine(seed_xlsx)
    expected = {"A1:J1", "A2:J2", "A3:J3", "A4:A5", "B4:F4", "G4:G5", "H4:H5", "I4:I5", "J4:J5", "A6:J6"}
    row = 7
    for _unit, project in seed.projects():
        last = row + len(project.indicators) - 1
        expected |= {f"{c}{row}:{c}{last}" for c in "ABCDEF"}
        row = last + 1
    expected |= {f"A{r}:J{r}" for r in range(row, row + 4)}  # 备注 and the three signature lines
    assert merges == expected
    assert len(merges) == 10 + 9 * 6 + 4 == 68


def test_amounts_are_numbers_and_nothing_is_a_formula(seed_xlsx: Path) -> None:
    grid, _merges = _calamine(seed_xlsx)
    totals = [row[1] for row in grid[6:60] if row[1] != ""]
    assert totals == [10.0, 10.0, 47.0, 38.0, 97.2, 200.0, 70.0, 45.0, 47.0]
    assert all(isinstance(row[2], float) for row in grid[6:60] if row[0])
    xml = _sheet_xml(seed_xlsx)
    assert "<f>" not in xml and "<f " not in xml
    cell = re.search(r'<c r="B7"[^>]*>', xml)
    assert cell is not None and 't="n"' in cell.group(0)


def test_formula_like_text_stays_text(tmp_path: Path) -> None:
    texts = ["=1+1", "+86", "-5", "@sum", "=SUM(A1:A3)", "[red]", "a|b"]
    document = Document(
        units=[Unit(name="=u", projects=[Project(name=text, indicators=[Indicator(value=text)]) for text in texts])]
    )
    path = tmp_path / "formula.xlsx"
    xlsx_export.write(document, path)
    xml = _sheet_xml(path)
    assert "<f>" not in xml and "<f " not in xml
    grid, _merges = _calamine(path)
    assert [row[0] for row in grid[6 : 6 + len(texts)]] == texts
    assert [row[8] for row in grid[6 : 6 + len(texts)]] == texts
    loaded = openpyxl.load_workbook(path)
    assert loaded.active["A7"].data_type == "s"


def _bordered_cells(path: Path) -> set[str]:
    """Cells whose own format (as stored, before any reader tidies merges) has four thin sides."""
    with zipfile.ZipFile(path) as archive:
        styles = archive.read("xl/styles.xml").decode("utf-8")
        sheet = archive.read("xl/worksheets/sheet1.xml").decode("utf-8")
    borders = re.findall(
        r"<border\b[^>]*/>|<border\b.*?</border>", re.search(r"<borders.*?</borders>", styles, re.S)[0]
    )
    thin = [all(re.search(rf'<{side} style="thin"', b) for side in ("left", "right", "top", "bottom")) for b in borders]
    cell_xfs = re.search(r"<cellXfs.*?</cellXfs>", styles, re.S)[0]
    xf_borders = [int(m) for m in re.findall(r'<xf [^>]*borderId="(\d+)"', cell_xfs)]
    return {ref for ref, s in re.findall(r'<c r="([A-Z]+\d+)" s="(\d+)"', sheet) if thin[xf_borders[int(s)]]}


def test_every_table_cell_is_bordered_merged_ones_included(seed_xlsx: Path) -> None:
    bordered = _bordered_cells(seed_xlsx)
    table = {f"{c}{r}" for c in "ABCDEFGHIJ" for r in range(4, 61)}
    assert table <= bordered
    assert not bordered & {"A1", "A2", "A3", "A61", "A62", "A63", "A64"}  # title, meta lines, 备注, signatures: no grid


def test_styles_and_fonts(seed_xlsx: Path) -> None:
    sheet = openpyxl.load_workbook(seed_xlsx).active
    assert sheet is not None
    font = sheet["H7"].font
    assert (font.name, font.charset, font.sz) == ("宋体", 134, 10)
    assert sheet["A1"].font.b and sheet["A1"].font.sz == 18
    assert sheet["A6"].font.b  # unit row
    assert sheet["A4"].font.b
    assert sheet["B7"].number_format == layout.AMOUNT_FORMAT
    assert sheet["H7"].alignment.wrap_text
    assert sheet["D7"].value is None  # empty amounts stay blank, not 0


def test_print_setup(seed_xlsx: Path) -> None:
    xml = _sheet_xml(seed_xlsx)
    assert re.search(r'<pageSetUpPr[^>]*fitToPage="1"', xml)
    setup = re.search(r"<pageSetup [^>]*>", xml)
    assert setup is not None
    for attribute in ('orientation="landscape"', 'paperSize="9"', 'fitToWidth="1"', 'fitToHeight="0"'):
        assert attribute in setup.group(0)
    assert "第 &amp;P 页，共 &amp;N 页" in xml
    assert 'topLeftCell="A6"' in xml and 'ySplit="5"' in xml and 'state="frozen"' in xml
    with zipfile.ZipFile(seed_xlsx) as archive:
        workbook_xml = archive.read("xl/workbook.xml").decode("utf-8")
        core = archive.read("docProps/core.xml").decode("utf-8")
    assert "_xlnm.Print_Titles" in workbook_xml and "$4:$5" in workbook_xml
    assert "<dc:title>2020年区级部门预算项目绩效目标汇总表</dc:title>" in core


def test_level1_drop_down(seed_xlsx: Path) -> None:
    sheet = openpyxl.load_workbook(seed_xlsx).active
    assert sheet is not None
    (validation,) = sheet.data_validations.dataValidation
    assert validation.type == "list"
    assert validation.formula1 == '"' + ",".join(LEVEL1_VALUES) + '"'
    assert not validation.showDropDown  # True would hide the arrow
    assert str(validation.sqref) == "G7:G60"
    assert 'showDropDown="1"' not in _sheet_xml(seed_xlsx)


def test_heights_fit_the_wrapped_text(seed_xlsx: Path) -> None:
    sheet = openpyxl.load_workbook(seed_xlsx).active
    assert sheet is not None
    one_line = sheet.row_dimensions[7].height
    # 区人大刊物/信息专项, 宣传活动及时性: a description of 22 CJK characters needs two lines in J (34).
    tall = max(sheet.row_dimensions[r].height for r in range(7, 61))
    assert one_line == layout.row_height(1)  # 出具第三方评价时间 etc. fit on one line
    assert tall > one_line
    notes_row = 61
    assert sheet.row_dimensions[notes_row].height > layout.MIN_ROW_HEIGHT  # 备注 wraps


def test_project_without_indicators_gets_one_row_and_three_level_columns(tmp_path: Path) -> None:
    document = Document(
        has_level2=True,
        units=[
            Unit(
                name="u",
                projects=[
                    Project(name="空项目", funds=Funds(total=Decimal(1))),
                    Project(name="p", indicators=[Indicator(level1="产出指标", level2="数量指标", name="n")] * 2),
                ],
            )
        ],
    )
    path = tmp_path / "three.xlsx"
    xlsx_export.write(document, path)
    grid, merges = _calamine(path)
    assert grid[3][6:11] == ["一级指标", "二级指标", "三级指标", "指标值", "指标描述"]
    assert grid[6][0] == "空项目" and grid[7][0] == "p" and grid[8][0] == ""
    assert "A8:A9" in merges and "A6:K6" in merges and "A1:K1" in merges and "A7:A7" not in merges
    assert grid[7][7] == "数量指标"


def test_progress_and_properties(seed: Document, tmp_path: Path) -> None:
    calls: list[tuple[int, int]] = []
    seed.expected_project_count = 12
    xlsx_export.write(seed, tmp_path / "p.xlsx", progress=lambda done, total: calls.append((done, total)))
    assert calls and calls[-1][0] == calls[-1][1]
    assert [done for done, _total in calls] == sorted(done for done, _total in calls)
    with zipfile.ZipFile(tmp_path / "p.xlsx") as archive:
        assert "goaltui.expected_project_count" in archive.read("docProps/custom.xml").decode()


def test_build_workbook_is_not_saved(seed: Document) -> None:
    workbook = xlsx_export.build_workbook(seed)
    assert workbook.active is not None and workbook.active.title == form.SHEET_TITLE


def test_write_is_atomic_on_failure(seed: Document, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "keep.xlsx"
    path.write_bytes(b"old")

    def broken(self: object, filename: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(openpyxl.Workbook, "save", broken)
    from goaltui.errors import OutputError

    with pytest.raises(OutputError):
        xlsx_export.write(seed, path)
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["keep.xlsx"]
