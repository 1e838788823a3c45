"""Benchmark: the official-layout export against a floor written in the same run.

    python benchmarks/bench_xlsx_export.py [--projects 2000] [--indicators 8] [--repeat 3]

The floor writes the same cells, values, merged ranges, named styles, row
heights and print settings with plain, tuned openpyxl (named styles, one bulk
merge assignment), straight from the document, with no layout planning, text
measuring or escaping. The export is ``goaltui.io.xlsx_export.write`` (plan +
write + atomic save). Runs are interleaved; medians are printed with the ratio
(target ≤ 1.3).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.worksheet.cell_range import CellRange, MultiCellRange
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.worksheet import Worksheet

from goaltui.io import form, xlsx_export
from goaltui.io import xlsx_layout as layout
from goaltui.model import FUND_FIELDS, Document, Funds, Indicator, Project, Unit

LEVEL1 = ("产出指标", "效益指标", "满意度指标")


def make_document(projects: int, indicators: int, per_unit: int = 100) -> Document:
    units = []
    for u in range(max(1, projects // per_unit)):
        items = []
        for p in range(per_unit):
            number = u * per_unit + p
            amount = Decimal(10 + number % 97) + Decimal(number % 10) / 10
            items.append(
                Project(
                    name=f"第{number}号项目：区人大常委会例会和其他会议经费",
                    funds=Funds(total=amount, general_budget=amount),
                    indicators=[
                        Indicator(
                            level1=LEVEL1[i % 3],
                            name=f"会议参加人数{i}",
                            value=f"≥{i + 5}个",
                            description="反映会议是否按计划体现出各项工作成果，与上期会议相比经费控制情况",
                        )
                        for i in range(indicators)
                    ],
                )
            )
        units.append(Unit(name=f"单位{u}", projects=items))
    return Document(
        title="2020年区级部门预算项目绩效目标汇总表",
        department="绍兴市柯桥区人民代表大会常务委员会办公室",
        units=units,
        notes="1、本表填写2020年局本级及下属单位所有预算项目绩效目标；2、每个项目绩效指标至少5条。",
    )


def floor_write(document: Document, path: Path) -> int:
    """Plain tuned openpyxl: same cells, merges and styles; returns the number of merged ranges."""
    workbook = Workbook()
    sheet = workbook.active
    assert isinstance(sheet, Worksheet)
    for named in xlsx_export._named_styles():
        workbook.add_named_style(named)
    S = layout.Style
    widths = (24, 10, 13, 11, 10, 10, 11, 24, 16, 34)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[layout.get_column_letter(index)].width = width
    merges = ["A1:J1", "A2:G2", "H2:J2", "A3:A4", "B3:F3", "G3:G4", "H3:H4", "I3:I4", "J3:J4"]
    sheet.cell(1, 1, document.title).style = S.TITLE.value
    sheet.cell(2, 1, "填报部门（盖章）" + document.department).style = S.META_LEFT.value
    sheet.cell(2, 8, "单位：万元").style = S.META_RIGHT.value
    top = ["项目实施单位及项目名称", "资金安排", None, None, None, None, "一级指标", "明细指标", "指标值", "指标描述"]
    bottom = [None, "合计", "一般公共预算", "政府性基金", "专户资金", "其他资金", None, None, None, None]
    for index in range(10):
        sheet.cell(3, index + 1, top[index]).style = S.HEADER.value
        sheet.cell(4, index + 1, bottom[index]).style = S.HEADER.value
    row = 5
    styles = (S.PROJECT, *([S.AMOUNT] * 5), S.CENTER, S.TEXT, S.CENTER, S.TEXT)
    level1_ranges = []
    for unit in document.units:
        for column in range(1, 11):
            sheet.cell(row, column, unit.name if column == 1 else None).style = S.UNIT.value
        sheet.row_dimensions[row].height = 20.5
        merges.append(f"A{row}:J{row}")
        row += 1
        first_of_unit = row
        for project in unit.projects:
            first = row
            for position, indicator in enumerate(project.indicators):
                if position == 0:
                    values: list[object] = [project.name, *(project.funds.get(f) for f in FUND_FIELDS)]
                else:
                    values = [None] * 6
                values += [indicator.level1, indicator.name, indicator.value, indicator.description]
                for column in range(10):
                    cell = sheet.cell(row, column + 1, values[column])
                    cell.style = styles[column].value
                sheet.row_dimensions[row].height = 34.5
                row += 1
            if row - first > 1:
                merges += [f"{c}{first}:{c}{row - 1}" for c in "ABCDEF"]
        level1_ranges.append(f"G{first_of_unit}:G{row - 1}")
    sheet.cell(row, 1, "备注：" + document.notes).style = S.NOTES.value
    merges.append(f"A{row}:J{row}")
    row += 1
    for column, text in ((1, "部门主要领导（签字）："), (4, "经办人（签字）："), (8, "联系电话：")):
        sheet.cell(row, column, text).style = S.SIGNATURE.value
    merges += [f"A{row}:C{row}", f"D{row}:G{row}", f"H{row}:J{row}"]
    sheet.merged_cells = MultiCellRange([CellRange(ref) for ref in merges])
    validation = DataValidation(type="list", formula1='"产出指标,效益指标,满意度指标,成本指标"', allow_blank=True)
    validation.sqref = MultiCellRange(" ".join(level1_ranges))
    sheet.add_data_validation(validation)
    sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    sheet.page_setup.orientation = Worksheet.ORIENTATION_LANDSCAPE
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_margins = PageMargins(left=0.5, right=0.5, top=0.6, bottom=0.7, header=0.3, footer=0.3)
    sheet.print_title_rows = "3:4"
    sheet.print_area = f"A1:J{row}"
    sheet.oddFooter.center.text = form.FOOTER_TEXT
    sheet.freeze_panes = "A5"
    workbook.properties.title = document.title
    workbook.save(path)
    return len(merges)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, default=2000)
    parser.add_argument("--indicators", type=int, default=8)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    document = make_document(args.projects, args.indicators, per_unit=min(100, args.projects))
    plan = layout.plan(document)
    print(
        f"{document.project_count()} projects × {args.indicators} indicators: "
        f"{len(plan.rows)} rows × {plan.width} columns, {len(plan.merges)} merged ranges"
    )
    floor_times: list[float] = []
    export_times: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        for run in range(args.repeat):
            start = time.perf_counter()
            floor_merges = floor_write(document, Path(tmp) / f"floor{run}.xlsx")
            floor_times.append(time.perf_counter() - start)
            start = time.perf_counter()
            xlsx_export.write(document, Path(tmp) / f"export{run}.xlsx")
            export_times.append(time.perf_counter() - start)
            print(f"run {run + 1}: floor {floor_times[-1]:.2f} s, export {export_times[-1]:.2f} s", flush=True)
        sizes = (Path(tmp) / "floor0.xlsx").stat().st_size, (Path(tmp) / "export0.xlsx").stat().st_size
    floor = statistics.median(floor_times)
    export = statistics.median(export_times)
    ratio = export / floor
    print(f"floor (plain tuned openpyxl, {floor_merges} merges, {sizes[0] / 1e6:.2f} MB): {floor:.2f} s")
    print(f"export (goaltui.io.xlsx_export, {len(plan.merges)} merges, {sizes[1] / 1e6:.2f} MB): {export:.2f} s")
    print(f"ratio: {ratio:.2f} (target ≤ 1.30) {'OK' if ratio <= 1.3 else 'TOO SLOW'}")
    return 0 if ratio <= 1.3 else 1


if __name__ == "__main__":
    sys.exit(main())
