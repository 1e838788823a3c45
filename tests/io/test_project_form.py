"""Per-project forms (项目支出绩效目标表) read as one project; 自评表 and scoring tables refused in one line."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from goaltui.errors import InputError
from goaltui.io import text_table, xlsx_import
from goaltui.io.formats import read_document
from goaltui.io.project_form import SheetKind, classify
from goaltui.io.sheet_cells import Cells
from goaltui.model import FUND_FIELDS, Document
from tests.io import form_fixtures
from tests.io.form_fixtures import Expected

OFFICE = Path(__file__).resolve().parent.parent / "data" / "office"

VARIANTS: dict[str, Callable[[Any], Expected]] = {
    "two period, merged (88号)": form_fixtures.two_period_sheet,
    "上级资金, unmerged, 指标解释": form_fixtures.upper_funds_sheet,
    "no 二级, funds under period columns, 计量单位": form_fixtures.no_level2_sheet,
}


def _check(document: Document, expected: Expected) -> None:
    assert document.title == expected.title
    assert document.department == expected.department
    assert document.has_level2 is expected.has_level2
    assert document.money_unit == "万元"
    (unit,) = document.units
    assert unit.name == expected.unit
    (project,) = unit.projects
    assert project.name == expected.name
    assert {f: project.funds.get(f) for f in FUND_FIELDS if project.funds.get(f) is not None} == expected.funds
    got = [(i.level1, i.level2, i.name, i.value, i.description) for i in project.indicators]
    assert got == expected.indicators


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_form_reads_as_a_one_project_table(tmp_path: Path, variant: str) -> None:
    path = tmp_path / "form.xlsx"
    (expected,) = form_fixtures.write(path, VARIANTS[variant])
    assert expected is not None
    _check(read_document(path), expected)
    (form,) = xlsx_import.read_project_forms(path)
    assert form.remarks == expected.remarks


@pytest.mark.parametrize("suffix", ["xls", "ods"])
def test_form_saved_by_libreoffice(suffix: str) -> None:
    """The 88号 form after LibreOffice saved it as .xls / .ods (merges from the file's own structure)."""
    expected = form_fixtures.two_period_sheet(openpyxl.Workbook().create_sheet("x"))
    _check(read_document(OFFICE / f"form_two_period.{suffix}"), expected)


def test_form_as_text_with_comment_lines(tmp_path: Path) -> None:
    text, expected = form_fixtures.upper_funds_text()
    path = tmp_path / "form.txt"
    path.write_text(text, encoding="utf-8")
    _check(read_document(path), expected)
    (form,) = text_table.read_project_forms(path)
    assert form.remarks == expected.remarks


def test_summary_table_text_keeps_its_title_heading_and_skips_comments(seed_path: Path, tmp_path: Path) -> None:
    text = seed_path.read_text(encoding="utf-8")
    path = tmp_path / "seed.txt"
    path.write_text("# 导出自预算系统\n#另一行说明\n" + text.replace("\n区人大办", "\n# 单位行\n区人大办", 1), encoding="utf-8")
    document = text_table.read(path)
    assert document.title == "2020年区级部门预算项目绩效目标汇总表"
    assert document.project_count() == 9 and document.indicator_count() == 54


def test_workbook_of_forms_lists_them_and_reads_the_first(tmp_path: Path) -> None:
    path = tmp_path / "forms.xlsx"
    form_fixtures.write(path, form_fixtures.two_period_sheet, form_fixtures.upper_funds_sheet)
    notices: list[str] = []
    document = xlsx_import.read(path, notices=notices.append)
    assert document.units[0].projects[0].name == "社区养老服务中心运营补助"
    assert notices == ["读取了工作表“表1”（项目支出绩效目标表）；另有 1 张表也是表格：“表2”（用 --sheet 选择）"]
    assert xlsx_import.read(path, sheet="表2").units[0].projects[0].name == "老旧小区改造技术服务"
    assert [(f.name, f.kind, f.label) for f in xlsx_import.workbook_forms(path)] == [
        ("表1", SheetKind.PROJECT_FORM, "社区养老服务中心运营补助"),
        ("表2", SheetKind.PROJECT_FORM, "老旧小区改造技术服务"),
    ]
    forms = xlsx_import.read_project_forms(path)
    assert [f.project.name for f in forms] == ["社区养老服务中心运营补助", "老旧小区改造技术服务"]
    assert [f.source for f in forms] == [f"{path}（工作表“表1”）", f"{path}（工作表“表2”）"]


def test_the_seed_is_a_summary_table(seed_path: Path) -> None:
    rows = [line.split("\t") for line in seed_path.read_text(encoding="utf-8").splitlines()]
    assert classify(Cells(rows)) is SheetKind.SUMMARY_TABLE


NOT_TARGETS = {
    "self_evaluation": (form_fixtures.self_evaluation_sheet, "is a year-end self-evaluation table", "全年完成值"),
    "scoring": (form_fixtures.scoring_sheet, "is an evaluation scoring table", "分值"),
}


@pytest.mark.parametrize("kind", list(NOT_TARGETS))
@pytest.mark.parametrize("command", ["check", "summary", "convert"])
def test_not_a_target_table_gives_one_line_and_exit_2(tmp_path: Path, kind: str, command: str) -> None:
    builder, words, column = NOT_TARGETS[kind]
    path = tmp_path / f"{kind}.xlsx"
    form_fixtures.write(path, builder)
    extra = [str(tmp_path / "out.json")] if command == "convert" else []
    result = subprocess.run(
        [sys.executable, "-m", "goaltui", command, str(path), *extra, "--lang", "en"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    (line,) = result.stderr.strip().splitlines()
    assert str(path) in line and words in line and column in line and "not a performance-target table" in line
    assert "not understood" not in line and not result.stdout


@pytest.mark.parametrize("kind", list(NOT_TARGETS))
def test_not_a_target_table_as_text(tmp_path: Path, kind: str) -> None:
    builder, _words, column = NOT_TARGETS[kind]
    workbook = openpyxl.Workbook()
    builder(workbook.active)
    rows = [["" if v is None else str(v) for v in row] for row in workbook.active.iter_rows(values_only=True)]
    path = tmp_path / f"{kind}.txt"
    path.write_text("\n".join("\t".join(row) for row in rows), encoding="utf-8")
    with pytest.raises(InputError, match=column) as caught:
        text_table.read(path)
    assert "第" not in str(caught.value) or "行" not in str(caught.value)  # not "第 2 行：无法识别"


def test_a_form_without_a_project_name_and_a_bad_amount_say_so(tmp_path: Path) -> None:
    rows, _formats, _expected = form_fixtures.upper_funds_rows()
    rows[4][1] = "十万元"  # 资金总额
    path = tmp_path / "bad.txt"
    path.write_text("\n".join("\t".join(str(c) for c in row) for row in rows), encoding="utf-8")
    with pytest.raises(InputError, match=r"B5.*资金总额.*十万元"):
        read_document(path)
    rows[4][1] = "150"
    rows[2][1] = ""  # 项目名称 left empty
    path.write_text("\n".join("\t".join(str(c) for c in row) for row in rows), encoding="utf-8")
    with pytest.raises(InputError, match="项目绩效目标表中没有填写“项目名称”"):
        read_document(path)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_fixture_script_writes_every_variant(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(Path(form_fixtures.__file__)), str(tmp_path)], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert len(list(tmp_path.iterdir())) == len(form_fixtures.ALL) + 1
