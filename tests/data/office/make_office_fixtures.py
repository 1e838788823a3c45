"""Make the fixtures that need a real office suite (run once; the outputs are committed).

    python tests/data/office/make_office_fixtures.py

Needs LibreOffice (soffice) and the system python's UNO bridge (Debian:
libreoffice-calc-nogui, python3-uno). Writes into this folder:

* ``seed_edited.{xlsx,xls,ods}``: goaltui's export of the seed, opened in
  LibreOffice, cells typed as a person types them (``95.5%``, ``100%``,
  ``2020-11-30``, a number, an amount, a new project name), one cell given a
  grouping format, saved in the three formats. EDITS below is what was done
  and what goaltui must read back.
* ``formats.{xlsx,xls,ods}``: one value per row in column A, typed or given a
  number format in LibreOffice, and in column B the text goaltui must read.
* ``form_two_period.{xls,ods}``: the 88号 two-period project form
  (tests/io/form_fixtures.py) saved by LibreOffice, merges included.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
sys.path.insert(0, str(ROOT))

import openpyxl  # noqa: E402

from goaltui.io import text_table, xlsx_export  # noqa: E402
from goaltui.io import xlsx_layout as layout  # noqa: E402
from tests.io import form_fixtures  # noqa: E402

SAVE_AS = {"xlsx": "Calc MS Excel 2007 XML", "xls": "MS Excel 97", "ods": "calc8"}

# (project, indicator or None for the project row, field, what is typed, what goaltui must read)
EDITS: list[tuple[str, str | None, str, str, str]] = [
    ("人大工作专项", "质量合格率", "value", "100%", "100%"),
    ("人大工作专项", "设备使用率", "value", "95.5%", "95.5%"),
    ("区人大财政预算咨询小组工作经历", "是否及时预算报送建议", "value", "2020-11-30", "2020年11月30日"),
    ("区人大财政预算咨询小组工作经历", "涉及项目数", "value", "3", "3"),
    ("财政系统联网监督系统", "涉及项目数", "value", "0.5", "0.5"),
    ("常委考察调研经费", None, "total", "38.5", "38.5"),
    ("常委考察调研经费", None, "general_budget", "38.5", "38.5"),
    ("区代表工作经费", None, "name", "区代表工作经费（含培训）", "区代表工作经费（含培训）"),
]
# a grouping format given to a number typed into a 指标值 cell
GROUPED = ("区人大常委会例会和其他会议", "会议参加人数", "value", "1000", "#,##0", "1,000")

FORMATS: list[tuple[dict[str, object], str]] = [
    ({"type": "100%"}, "100%"),
    ({"type": "95.5%"}, "95.5%"),
    ({"type": "0.5%"}, "0.5%"),
    ({"type": "2021-02-28"}, "2021年2月28日"),
    ({"type": "12"}, "12"),
    ({"type": "3.0"}, "3"),
    ({"type": "-7.25"}, "-7.25"),
    ({"value": 1234.5, "format": "#,##0.00"}, "1,234.5"),
    ({"value": 1000000, "format": "#,##0"}, "1,000,000"),
    ({"value": 0.955, "format": "0.0%"}, "95.5%"),
    ({"value": 0.955, "format": "0%"}, "95.5%"),
    ({"value": 44255, "format": 'YYYY"年"M"月"D"日"'}, "2021年2月28日"),
    ({"value": 44255, "format": 'YYYY"年"M"月"'}, "2021年2月"),
    ({"value": 44255, "format": "YYYY/MM/DD"}, "2021年2月28日"),
    ({"value": 120, "format": '0"人"'}, "120人"),
    ({"value": 1234.5, "format": "[$¥-804]#,##0.00"}, "¥1,234.5"),
    ({"value": -3, "format": "0.00;[RED]-0.00"}, "-3"),
    ({"value": 10, "format": "0.00"}, "10"),
    ({"value": 44255.5, "format": "YYYY-MM-DD HH:MM"}, "2021年2月28日 12:00"),
]


def _seed_edits() -> list[dict[str, object]]:
    """EDITS and GROUPED as cell references into goaltui's export of the seed."""
    seed = text_table.read(ROOT / "tests" / "data" / "keqiao_renda_2020.txt")
    plan = layout.plan(seed)
    columns = {column.field: column.letter for column in plan.columns}
    rows: dict[tuple[str, str | None], int] = {}
    number = layout.FIRST_BODY_ROW
    for unit in seed.units:
        number += 1  # the unit row
        for project in unit.projects:
            rows[(project.name, None)] = number
            for indicator in project.indicators:
                rows.setdefault((project.name, indicator.name), number)
                number += 1
    edits: list[dict[str, object]] = []
    for project, indicator, field, typed, _expected in EDITS:
        column = columns["project" if field == "name" else field]
        edits.append({"ref": f"{column}{rows[(project, indicator)]}", "type": typed})
    project, indicator, field, typed, number_format, _expected = GROUPED
    edits.append({"ref": f"{columns[field]}{rows[(project, indicator)]}", "type": typed, "format": number_format})
    return edits


def main() -> None:
    if not shutil.which("soffice"):
        raise SystemExit("LibreOffice (soffice) is needed")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        seed = text_table.read(ROOT / "tests" / "data" / "keqiao_renda_2020.txt")
        xlsx_export.write(seed, work / "seed.xlsx")
        edits = _seed_edits()
        workbook = openpyxl.Workbook()
        sheet = workbook.active
        sheet.title = "formats"
        for number, (_edit, expected) in enumerate(FORMATS, start=1):
            sheet.cell(number, 2, expected)
        workbook.save(work / "formats.xlsx")
        format_edits = [dict(edit, ref=f"A{number}") for number, (edit, _e) in enumerate(FORMATS, start=1)]
        form_fixtures.write(work / "form_two_period.xlsx", form_fixtures.two_period_sheet)
        jobs = [
            {
                "source": str(work / "seed.xlsx"),
                "edits": edits,
                "save": {str(HERE / f"seed_edited.{s}"): f for s, f in SAVE_AS.items()},
            },
            {
                "source": str(work / "formats.xlsx"),
                "edits": format_edits,
                "save": {str(HERE / f"formats.{s}"): f for s, f in SAVE_AS.items()},
            },
            {
                "source": str(work / "form_two_period.xlsx"),
                "edits": [],
                "save": {str(HERE / f"form_two_period.{s}"): SAVE_AS[s] for s in ("xls", "ods")},
            },
        ]
        job_file = work / "jobs.json"
        job_file.write_text(json.dumps(jobs, ensure_ascii=False), encoding="utf-8")
        subprocess.run(["/usr/bin/python3", str(HERE / "uno_edit.py"), str(job_file), str(work / "profile")], check=True)
    print("wrote", ", ".join(sorted(p.name for p in HERE.iterdir() if p.suffix in (".xlsx", ".xls", ".ods"))))


if __name__ == "__main__":
    main()
