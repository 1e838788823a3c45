"""Per-project forms (项目支出绩效目标表) in the variants departments hold, built with openpyxl.

Each builder writes a workbook and returns what goaltui must read from it. The
layouts follow the 88号 申报表 template and its county copies: merged label
and value cells, 年度 and 中期 funds side by side, two indicator sets in
parallel columns, 上级资金 wording, forms without a 二级指标 column, a
计量单位 column, numbers typed as percentages and dates. Also the two layouts
that are not target tables: a 自评表 and an evaluation scoring table.

Run as a script to write them all into a folder (to look at, or to feed
LibreOffice): ``python tests/io/form_fixtures.py OUTDIR``.
"""

from __future__ import annotations

import datetime
import sys
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.worksheet.worksheet import Worksheet


@dataclass
class Expected:
    name: str
    unit: str
    department: str
    funds: dict[str, Decimal]
    indicators: list[tuple[str, str, str, str, str]]
    """(一级, 二级, 三级/明细, 指标值, 指标描述)."""
    has_level2: bool = True
    title: str = ""
    remarks: list[str] = field(default_factory=list)


Cell = Any


def _put(sheet: Worksheet, ref: str, value: Cell, number_format: str | None = None, merge: str | None = None) -> None:
    sheet[ref] = value
    if number_format:
        sheet[ref].number_format = number_format
    if merge:
        sheet.merge_cells(merge)


def two_period_sheet(sheet: Worksheet) -> Expected:
    """The 88号 申报表: merged cells, 中期 and 年度 funds side by side, two indicator sets in parallel."""
    put = _put
    put(sheet, "A1", "项目支出绩效目标申报表", merge="A1:H1")
    put(sheet, "A2", "（2021年度）", merge="A2:H2")
    put(sheet, "A3", "项目名称")
    put(sheet, "B3", "社区养老服务中心运营补助", merge="B3:H3")
    put(sheet, "A4", "主管部门及代码")
    put(sheet, "B4", "[118]某某区民政局", merge="B4:D4")
    put(sheet, "E4", "实施单位")
    put(sheet, "F4", "某某区养老服务指导中心", merge="F4:H4")
    put(sheet, "A5", "项目属性")
    put(sheet, "B5", "延续项目", merge="B5:D5")
    put(sheet, "E5", "项目期")
    put(sheet, "F5", "2020-2022年", merge="F5:H5")
    put(sheet, "A6", "项目资金（万元）", merge="A6:A8")
    for row, (label, long_value, annual_value) in enumerate(
        [("资金总额", 300, 120), ("其中：财政拨款", 250, 100), ("其他资金", 50, 20)], start=6
    ):
        put(sheet, f"B{row}", ("中期" if row == 6 else "") + label, merge=f"B{row}:C{row}")
        put(sheet, f"D{row}", long_value)
        put(sheet, f"E{row}", ("年度" if row == 6 else "") + label, merge=f"E{row}:F{row}")
        put(sheet, f"G{row}", annual_value, merge=f"G{row}:H{row}")
    put(sheet, "A9", "总体目标", merge="A9:A10")
    put(sheet, "B9", "中期目标（2020年—2022年）", merge="B9:E9")
    put(sheet, "F9", "年度目标", merge="F9:H9")
    put(sheet, "B10", "目标1：建成覆盖全区的居家养老服务网络。", merge="B10:E10")
    put(sheet, "F10", "目标1：为辖区老人提供助餐、日间照料服务。", merge="F10:H10")
    put(sheet, "A11", "绩效指标", merge="A11:A19")
    for column, text in zip(
        "BCDEFGH", ["一级指标", "二级指标", "三级指标", "指标值", "二级指标", "三级指标", "指标值"], strict=True
    ):
        put(sheet, f"{column}11", text)
    rows: list[tuple[str, str, str, Cell, str, str, Cell, str | None]] = [
        ("产出指标", "数量指标", "服务老人人次", "≥30000人次", "数量指标", "服务老人人次", "≥10000人次", None),
        ("", "", "助餐服务次数", "≥9000次", "", "助餐服务次数", "≥3000次", None),
        ("", "质量指标", "服务对象投诉率", "≤1%", "质量指标", "服务对象投诉率", 0.01, "0%"),
        (
            "",
            "时效指标",
            "补助资金拨付及时率",
            "100%",
            "时效指标",
            "补助资金拨付时间",
            datetime.date(2021, 6, 30),
            'yyyy"年"m"月"d"日"',
        ),
        ("效益指标", "社会效益指标", "老年人生活质量", "有所提升", "社会效益指标", "老年人生活质量", "有所提升", None),
        ("", "可持续影响指标", "服务长效机制", "健全", "可持续影响指标", "服务长效机制", "逐步健全", None),
        (
            "满意度指标",
            "服务对象满意度指标",
            "服务对象满意度",
            "≥90%",
            "服务对象满意度指标",
            "服务对象满意度",
            0.95,
            "0%",
        ),
        ("", "", "指标1：", "", "", "指标1：", "", None),  # a template row left empty
    ]
    for row, (level1, long2, long3, long_value, level2, name, value, number_format) in enumerate(rows, start=12):
        for column, text in zip("BCDEFG", [level1, long2, long3, long_value, level2, name], strict=True):
            if text:
                put(sheet, f"{column}{row}", text)
        if value != "":
            put(sheet, f"H{row}", value, number_format)
    for ref in ("B12:B15", "C12:C13", "F12:F13", "B16:B17", "B18:B19"):
        sheet.merge_cells(ref)
    put(sheet, "A20", "填报人：王五")
    put(sheet, "D20", "联系电话：0575-12345678")
    put(sheet, "F20", "填报日期：2021年1月5日")
    sheet.column_dimensions["A"].width = 14
    return Expected(
        name="社区养老服务中心运营补助",
        unit="某某区养老服务指导中心",
        department="某某区民政局",
        title="项目支出绩效目标申报表（2021年度）",
        funds={"total": Decimal(120), "general_budget": Decimal(100), "other": Decimal(20)},
        indicators=[
            ("产出指标", "数量指标", "服务老人人次", "≥10000人次", ""),
            ("产出指标", "数量指标", "助餐服务次数", "≥3000次", ""),
            ("产出指标", "质量指标", "服务对象投诉率", "1%", ""),
            ("产出指标", "时效指标", "补助资金拨付时间", "2021年6月30日", ""),
            ("效益指标", "社会效益指标", "老年人生活质量", "有所提升", ""),
            ("效益指标", "可持续影响指标", "服务长效机制", "逐步健全", ""),
            ("满意度指标", "服务对象满意度指标", "服务对象满意度", "95%", ""),
        ],
        remarks=[
            "资金取年度数",
            "财政拨款 计入 一般公共预算",
            "表中有 2 组指标，取年度指标",
            "表中没有指标描述列，指标描述留空",
        ],
    )


def upper_funds_rows() -> tuple[list[list[Cell]], dict[str, str], Expected]:
    """A county form: unmerged (blank means "as above"), 上级资金, a 指标解释 column; rows, formats, expected."""
    rows: list[list[Cell]] = [
        ["2021年项目支出绩效目标表"],
        ["", "", "", "", "单位：万元"],
        ["项目名称", "老旧小区改造技术服务", "", "主管部门", "某某区住房和城乡建设局"],
        ["实施单位", "某某区城市建设服务中心", "", "项目类别", "一般项目"],
        ["资金总额", 150, "", "其中：财政拨款", 100],
        ["上级资金", 30, "", "其他资金", 20],
        ["年度总体目标", "完成20个老旧小区改造的技术服务。"],
        ["一级指标", "二级指标", "三级指标", "指标值", "指标解释"],
        ["产出指标", "数量指标", "技术服务小区数", "20个", "完成技术服务的小区数量"],
        ["", "", "出具技术报告数", 20, "技术报告份数"],
        ["", "质量指标", "验收合格率", 1, "验收合格小区占比"],
        ["", "时效指标", "完成时间", datetime.date(2021, 11, 30), "全部完成的时间"],
        ["", "成本指标", "单个小区服务成本", "≤7.5万元", "平均每个小区的服务费用"],
        ["效益指标", "社会效益指标", "居民居住环境", "明显改善", "改造后小区环境"],
        ["满意度指标", "服务对象满意度指标", "居民满意度", 0.9, "问卷调查满意率"],
        ["填表人：赵六", "", "联系电话：13900000000", "", "单位负责人：钱七"],
    ]
    formats = {"D10": '0"份"', "D11": "0%", "D12": 'yyyy"年"m"月"', "D15": "0.0%"}
    expected = Expected(
        name="老旧小区改造技术服务",
        unit="某某区城市建设服务中心",
        department="某某区住房和城乡建设局",
        title="2021年项目支出绩效目标表",
        funds={"total": Decimal(150), "general_budget": Decimal(130), "other": Decimal(20)},
        indicators=[
            ("产出指标", "数量指标", "技术服务小区数", "20个", "完成技术服务的小区数量"),
            ("产出指标", "数量指标", "出具技术报告数", "20份", "技术报告份数"),
            ("产出指标", "质量指标", "验收合格率", "100%", "验收合格小区占比"),
            ("产出指标", "时效指标", "完成时间", "2021年11月", "全部完成的时间"),
            ("产出指标", "成本指标", "单个小区服务成本", "≤7.5万元", "平均每个小区的服务费用"),
            ("效益指标", "社会效益指标", "居民居住环境", "明显改善", "改造后小区环境"),
            ("满意度指标", "服务对象满意度指标", "居民满意度", "90%", "问卷调查满意率"),
        ],
        remarks=["财政拨款 计入 一般公共预算", "上级资金 计入 一般公共预算"],
    )
    return rows, formats, expected


def upper_funds_sheet(sheet: Worksheet) -> Expected:
    rows, formats, expected = upper_funds_rows()
    for row in rows:
        sheet.append(row)
    for ref, number_format in formats.items():
        sheet[ref].number_format = number_format
    return expected


def upper_funds_text() -> tuple[str, Expected]:
    """The county form as text (tab-separated, as copied out of a workbook), with # comment lines."""
    rows, _formats, expected = upper_funds_rows()
    shown = {(10, 3): "20份", (11, 3): "100%", (12, 3): "2021年11月", (15, 3): "90%"}
    lines = ["# 由某某系统导出，请勿改动表头", "# 第二行注释：资金单位万元"]
    for number, row in enumerate(rows, start=1):
        cells = [shown.get((number, column), str(cell)) for column, cell in enumerate(row)]
        lines.append("\t".join(cells))
        if number == 7:
            lines.append("# 以下为绩效指标")
    return "\n".join(lines) + "\n", expected


def no_level2_sheet(sheet: Worksheet) -> Expected:
    """No 二级指标 column; 中期 and 年度 funds in columns under period headers; a 计量单位 column."""
    put = _put
    put(sheet, "A1", "项目绩效目标表", merge="A1:E1")
    put(sheet, "A2", "项目名称")
    put(sheet, "B2", "全民健身赛事活动经费", merge="B2:E2")
    put(sheet, "A3", "主管部门")
    put(sheet, "B3", "某某区体育局")
    put(sheet, "C3", "执行单位")
    put(sheet, "D3", "某某区体育局", merge="D3:E3")
    put(sheet, "A4", "项目资金（万元）", merge="A4:A7")
    put(sheet, "C4", "实施期")
    put(sheet, "D4", "年度")
    for row, (label, long_value, annual_value) in enumerate(
        [("资金总额", 90, 30), ("其中：一般公共预算", 60, 20), ("政府性基金", 30, 10)], start=5
    ):
        put(sheet, f"B{row}", label)
        put(sheet, f"C{row}", long_value)
        put(sheet, f"D{row}", annual_value)
    for column, text in zip("ABCDE", ["一级指标", "三级指标", "指标值", "计量单位", "备注"], strict=True):
        put(sheet, f"{column}8", text)
    rows: list[tuple[str, str, Cell, str]] = [
        ("产出指标", "举办赛事场次", "≥12", "场"),
        ("", "参赛人数", "≥5000", "人次"),
        ("", "赛事安全事故发生率", 0, "%"),
        ("效益指标", "群众健身参与度", "有所提高", ""),
        ("满意度指标", "参赛群众满意度", "≥85", "%"),
    ]
    for row, (level1, name, value, unit) in enumerate(rows, start=9):
        for column, text in zip("ABCD", [level1, name, value, unit], strict=True):
            if text != "":
                put(sheet, f"{column}{row}", text)
    sheet.merge_cells("A9:A11")
    put(sheet, "A14", "主管部门审核意见：同意", merge="A14:E14")
    return Expected(
        name="全民健身赛事活动经费",
        unit="某某区体育局",
        department="某某区体育局",
        title="项目绩效目标表",
        funds={"total": Decimal(30), "general_budget": Decimal(20), "gov_fund": Decimal(10)},
        indicators=[
            ("产出指标", "", "举办赛事场次", "≥12场", ""),
            ("产出指标", "", "参赛人数", "≥5000人次", ""),
            ("产出指标", "", "赛事安全事故发生率", "0%", ""),
            ("效益指标", "", "群众健身参与度", "有所提高", ""),
            ("满意度指标", "", "参赛群众满意度", "≥85%", ""),
        ],
        has_level2=False,
        remarks=["资金取年度数"],
    )


def self_evaluation_sheet(sheet: Worksheet) -> None:
    for row in [
        ["2021年度项目支出绩效自评表"],
        ["项目名称", "社区养老服务中心运营补助"],
        ["主管部门", "某某区民政局", "实施单位", "某某区养老服务指导中心"],
        ["一级指标", "二级指标", "三级指标", "年度指标值", "全年完成值", "分值", "得分", "偏差原因分析及改进措施"],
        ["产出指标", "数量指标", "服务老人人次", "≥10000人次", "10562人次", 10, 10, ""],
    ]:
        sheet.append(row)


def scoring_sheet(sheet: Worksheet) -> None:
    for row in [
        ["项目支出绩效评价指标体系"],
        ["一级指标", "二级指标", "三级指标", "分值", "指标解释", "评分标准", "得分"],
        ["决策", "项目立项", "立项依据充分性", 3, "项目立项是否符合法律法规", "符合得3分", ""],
        ["产出", "产出数量", "实际完成率", 5, "实际完成数/计划数", "100%得满分", ""],
    ]:
        sheet.append(row)


def write(path: Path, *builders: Any) -> list[Expected | None]:
    """A workbook with one sheet per builder (sheet names 表1, 表2 …); the expected results."""
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    results = []
    for number, builder in enumerate(builders, start=1):
        results.append(builder(workbook.create_sheet(f"表{number}")))
    workbook.save(path)
    return results


ALL = {
    "form_two_period.xlsx": (two_period_sheet,),
    "form_upper_funds.xlsx": (upper_funds_sheet,),
    "form_no_level2.xlsx": (no_level2_sheet,),
    "forms_two_sheets.xlsx": (two_period_sheet, upper_funds_sheet),
    "self_evaluation.xlsx": (self_evaluation_sheet,),
    "scoring.xlsx": (scoring_sheet,),
}


if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else ".")
    out.mkdir(parents=True, exist_ok=True)
    for name, builders in ALL.items():
        write(out / name, *builders)
    text, _expected = upper_funds_text()
    (out / "form_upper_funds.txt").write_text(text, encoding="utf-8")
    print(f"wrote {len(ALL) + 1} files to {out}")
