"""Loading and exporting files, each against the least code that does the same job.

* load .json — floor: ``json.loads`` of the same file (read and decoded);
* load .xlsx — floor: a raw python-calamine read of the same workbook (every
  value and the merged ranges, no interpretation);
* export .xlsx — floor: plain, tuned openpyxl writing the same cells, values,
  merged ranges, named styles and print settings straight from the document
  (named styles, one bulk merge assignment), with no layout planning, text
  measuring or escaping;
* export .md — floor: the same indicator table written as plain pipe rows,
  with no escaping and no summary.
"""

from __future__ import annotations

import json
from pathlib import Path

from openpyxl import Workbook
from openpyxl.worksheet.cell_range import CellRange, MultiCellRange
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.worksheet import Worksheet
from python_calamine import CalamineWorkbook

from benchmarks.datasets import Dataset
from benchmarks.report import Figure, Report, Target
from benchmarks.timing import paired
from goaltui.io import form, xlsx_export
from goaltui.io import xlsx_layout as layout
from goaltui.io.formats import read_document, write_document
from goaltui.model import FUND_FIELDS, Document

EXPORT_RATIO_TARGET = 1.3


def json_floor(path: Path) -> object:
    return json.loads(path.read_bytes().decode("utf-8-sig"))


def calamine_floor(path: Path) -> object:
    with CalamineWorkbook.from_path(str(path)) as workbook:
        sheet = workbook.get_sheet_by_index(0)
        return sheet.to_python(skip_empty_area=False), sheet.merged_cell_ranges


def xlsx_floor(document: Document, path: Path) -> int:
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


def markdown_floor(document: Document, path: Path) -> None:
    lines = [f"# {document.title}", ""]
    for unit in document.units:
        lines += [f"## {unit.name}", ""]
        for project in unit.projects:
            lines += [f"### {project.name}", "", "| 一级指标 | 明细指标 | 指标值 | 指标描述 |", "|---|---|---|---|"]
            lines += [f"| {i.level1} | {i.name} | {i.value} | {i.description} |" for i in project.indicators]
            lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")


def run(report: Report, dataset: Dataset, repeat: int, parts: set[str]) -> None:
    size = dataset.label
    if "load" in parts:
        path = dataset.json_path
        subject, floor = paired(lambda: read_document(path), lambda: json_floor(path), repeat)
        report.add(
            Figure(size, "load", "load .json", subject.median, "ms", floor.median, "json.loads",
                   note=subject.note(), runs=subject.cpu)
        )  # fmt: skip
        xlsx = dataset.xlsx_path
        subject, floor = paired(lambda: read_document(xlsx), lambda: calamine_floor(xlsx), repeat)
        report.add(
            Figure(size, "load", "load .xlsx", subject.median, "ms", floor.median, "raw calamine",
                   note=subject.note(), runs=subject.cpu)
        )  # fmt: skip
    if "export" in parts:
        document = dataset.document
        out = dataset.directory / f"{dataset.slug}-out"
        xlsx_out, floor_out = out.with_suffix(".xlsx"), out.with_name(out.name + "-floor.xlsx")
        subject, floor = paired(
            lambda: xlsx_export.write(document, xlsx_out), lambda: xlsx_floor(document, floor_out), repeat
        )
        report.add(
            Figure(size, "export", "export .xlsx", subject.median, "ms", floor.median, "tuned openpyxl",
                   Target(EXPORT_RATIO_TARGET, "ratio"), note=subject.note(), runs=subject.cpu)
        )  # fmt: skip
        md_out, md_floor_out = out.with_suffix(".md"), out.with_name(out.name + "-floor.md")
        subject, floor = paired(
            lambda: write_document(document, md_out), lambda: markdown_floor(document, md_floor_out), repeat
        )
        report.add(
            Figure(size, "export", "export .md", subject.median, "ms", floor.median, "plain pipe rows",
                   note=subject.note(), runs=subject.cpu)
        )  # fmt: skip
