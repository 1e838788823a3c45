"""`goaltui review DIR`, run as a user or a script would: every format read back field by field
(JSON parsed, CSV through the csv module, Markdown through markdown-it-py, text by its columns),
the totals row, the exit codes."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import pytest
from rich.cells import cell_len

from goaltui.io import native
from goaltui.io.markdown import amount_text
from goaltui.model import FUND_FIELDS
from goaltui.model.amounts import format_amount
from tests.cli_helpers import run_goaltui
from tests.io.test_markdown import _headings, _tables
from tests.review.conftest import Expected, ReviewFolder
from tests.review_data import department

HEADINGS = ["文件", "填报部门", "单位数", "项目数", "指标数", "合计", "一般公共预算", "政府性基金", "专户资金", "其他资金",
            "错误", "警告", "就绪", "说明"]  # fmt: skip


def _totals(folder: ReviewFolder) -> dict[str, object]:
    readable = list(folder.readable.values())
    in_wan = [e for e in readable if e.money_unit == "万元"]
    return {
        "files": len(folder.names),
        "readable": len(readable),
        "ready": sum(1 for e in readable if e.ready),
        "with_errors": sum(1 for e in readable if not e.ready),
        "unreadable": len(folder.unreadable),
        "units": sum(e.units for e in readable),
        "projects": sum(e.projects for e in readable),
        "indicators": sum(e.indicators for e in readable),
        "funds": {f: sum((e.funds[f] for e in in_wan), Decimal(0)) for f in FUND_FIELDS},
        "errors": sum(e.errors for e in readable),
        "warnings": sum(e.warnings for e in readable),
        "infos": sum(e.infos for e in readable),
        "excluded_from_funds": len(readable) - len(in_wan),
    }


def _cells(expected: Expected, amount: object) -> list[str]:
    """Units … 警告, 就绪 as the text, CSV and Markdown tables show them."""
    return [
        str(expected.units),
        str(expected.projects),
        str(expected.indicators),
        *(amount(expected.funds[f]) for f in FUND_FIELDS),  # type: ignore[operator]
        str(expected.errors),
        str(expected.warnings),
        "就绪" if expected.ready else "",
    ]


def _note(expected: Expected) -> str:
    return "" if expected.money_unit == "万元" else f"金额单位为“{expected.money_unit}”，未计入总计"


def _totals_cells(folder: ReviewFolder, amount: object) -> list[str]:
    totals = _totals(folder)
    funds: dict[str, Decimal] = totals["funds"]  # type: ignore[assignment]
    return [
        "总计",
        f"{totals['ready']}/{totals['files']} 就绪",
        *(str(totals[key]) for key in ("units", "projects", "indicators")),
        *(amount(funds[f]) for f in FUND_FIELDS),  # type: ignore[operator]
        str(totals["errors"]),
        str(totals["warnings"]),
        "",
        "资金总计不含 1 个金额单位不是万元的表格",
    ]


def test_json_field_by_field(review_folder: ReviewFolder) -> None:
    result = run_goaltui("review", review_folder.path, "--format", "json")
    assert result.returncode == 1, result.stderr  # some tables have errors
    report = json.loads(result.stdout)
    assert report["folder"] == str(review_folder.path)
    files = {item["file"]: item for item in report["files"]}
    assert [item["file"] for item in report["files"]] == review_folder.names
    for name, expected in review_folder.readable.items():
        assert files[name] == {
            "file": name,
            "readable": True,
            "ready": expected.ready,
            "title": "2021年区级部门预算项目绩效目标汇总表",
            "department": expected.department,
            "money_unit": expected.money_unit,
            "units": expected.units,
            "projects": expected.projects,
            "indicators": expected.indicators,
            "funds": {f: format_amount(expected.funds[f]) for f in FUND_FIELDS},
            "errors": expected.errors,
            "warnings": expected.warnings,
            "infos": expected.infos,
        }
    for name, reason in review_folder.unreadable.items():
        assert set(files[name]) == {"file", "readable", "ready", "reason"}
        assert files[name]["readable"] is False and files[name]["ready"] is False
        assert reason in files[name]["reason"]
    totals = _totals(review_folder)
    totals["funds"] = {f: format_amount(v) for f, v in totals["funds"].items()}  # type: ignore[attr-defined]
    assert report["totals"] == totals


def test_csv_field_by_field(review_folder: ReviewFolder) -> None:
    result = run_goaltui("review", review_folder.path, "--format", "csv")
    assert result.returncode == 1
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == [*HEADINGS, "金额单位"]
    body, totals = rows[1:-1], rows[-1]
    assert [row[0] for row in body] == review_folder.names
    for row in body:
        name = row[0]
        if name in review_folder.readable:
            expected = review_folder.readable[name]
            assert row[1:] == [
                expected.department,
                *_cells(expected, format_amount),
                _note(expected),
                expected.money_unit,
            ]
            # Amounts are plain numbers a spreadsheet reads as numbers.
            assert [Decimal(row[5 + i]) for i in range(5)] == [expected.funds[f] for f in FUND_FIELDS]
        else:
            assert row[1:13] == [""] * 12
            assert row[13].startswith(f"无法读取：{name}") and review_folder.unreadable[name] in row[13]
    assert totals == [*_totals_cells(review_folder, format_amount), ""]


def _check_shown_table(table: list[list[str]], folder: ReviewFolder) -> None:
    """The Markdown or text table: headings, a row per file field by field, the totals row."""
    assert table[0] == HEADINGS
    body, totals = table[1:-1], table[-1]
    assert [row[0] for row in body] == folder.names
    for row in body:
        name = row[0]
        if name in folder.readable:
            expected = folder.readable[name]
            assert row[1:] == [expected.department, *_cells(expected, amount_text), _note(expected)]
        else:
            assert row[1:13] == [""] * 12 and folder.unreadable[name] in row[13]
    assert totals == _totals_cells(folder, amount_text)


def test_markdown_field_by_field(review_folder: ReviewFolder) -> None:
    result = run_goaltui("review", review_folder.path, "--format", "md")
    assert result.returncode == 1
    assert _headings(result.stdout) == [("h1", f"表格审阅：{review_folder.path}")]
    [table] = _tables(result.stdout)
    _check_shown_table(table, review_folder)
    assert "共 13 个表格：5 个就绪，3 个有错误，5 个无法读取" in result.stdout


def _text_columns(lines: list[str]) -> list[list[str]]:
    """The text table's cells, cut at the columns the dashed line under the headings marks (unstripped)."""
    rule = lines[1]
    spans = []
    start = 0
    for segment in rule.split("  "):
        spans.append((start, start + len(segment)))
        start += len(segment) + 2
    table = []
    for line in lines:
        if set(line) <= {"-", " "}:
            continue
        cells, column = [], 0
        positions = []
        for char in line:
            positions.append((column, char))
            column += cell_len(char)
        for index, (begin, end) in enumerate(spans):
            last = index == len(spans) - 1
            text = "".join(char for at, char in positions if begin <= at and (last or at < end))
            cells.append(text)
        table.append(cells)
    return table


def test_text_field_by_field(review_folder: ReviewFolder) -> None:
    result = run_goaltui("review", review_folder.path, "--format", "text")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    summary = lines[-1]
    assert summary == "共 13 个表格：5 个就绪，3 个有错误，5 个无法读取"
    raw = _text_columns(lines[: lines.index("")])
    table = [[cell.strip() for cell in row] for row in raw]
    _check_shown_table(table, review_folder)
    # Numbers are right-aligned in their columns, text left-aligned (double-width characters counted as two).
    for row in raw[1:]:
        assert all(cell == cell.rstrip() for cell in row[2:12] if cell.strip()), row  # filled to the right edge
        assert all(cell == cell.lstrip() for cell in row[:2] if cell.strip()), row  # from the left edge
    # Without --format the same table (the review screen will take this place).
    assert run_goaltui("review", review_folder.path).stdout == result.stdout


def test_sort_filter_and_recursive(review_folder: ReviewFolder) -> None:
    result = run_goaltui("review", review_folder.path, "--format", "json", "--sort", "projects", "--descending")
    files = json.loads(result.stdout)["files"]
    readable = [item for item in files if item["readable"]]
    assert [item["projects"] for item in readable] == sorted(
        (e.projects for e in review_folder.readable.values()), reverse=True
    )
    assert all(not item["readable"] for item in files[len(readable) :])

    result = run_goaltui("review", review_folder.path, "--format", "json", "--only-errors", "--name", "json")
    report = json.loads(result.stdout)
    assert [item["file"] for item in report["files"]] == ["06_区农业农村局.json", "11_坏.json"]
    assert report["totals"]["files"] == 2  # the totals row adds up what is listed
    assert result.returncode == 1

    result = run_goaltui("review", review_folder.path, "--format", "json", "-r", "--name", "补充")
    assert [item["file"] for item in json.loads(result.stdout)["files"]] == [review_folder.in_subfolder]


def test_exit_0_when_every_table_is_ready(ready_folder: Path) -> None:
    result = run_goaltui("review", ready_folder, "--format", "csv", "--jobs", "2")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert [row[-2] for row in csv.reader(io.StringIO(result.stdout))][1:-1] == ["", "", ""]


def test_english(review_folder: ReviewFolder) -> None:
    result = run_goaltui("review", review_folder.path, "--lang", "en", "--jobs", "2")
    assert result.stdout.splitlines()[0].split()[:3] == ["File", "Department", "Units"]
    assert "13 tables: 5 ready, 3 with errors, 5 unreadable" in result.stdout
    assert "12_空.tsv is empty" in result.stdout


def test_an_empty_folder(tmp_path: Path) -> None:
    result = run_goaltui("review", tmp_path, "--format", "json")
    assert result.returncode == 0
    assert json.loads(result.stdout)["files"] == []
    assert str(tmp_path) in result.stderr and ".xlsx" in result.stderr


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["review", "/nonexistent/inbox"], "无法读取文件夹 /nonexistent/inbox：文件或目录不存在"),
        (["review", "__FILE__"], "这不是一个文件夹"),
        (["review", "."], None),
        (["review", ".", "--format", "xml"], "--format 不能是 'xml'"),
        (["review", ".", "--sort", "colour"], "--sort 不能是 'colour'"),
        (["review", ".", "--jobs", "0"], "--jobs 应为正整数"),
        (["review", ".", "--min-indicators", "-1"], "-1"),
        (["review"], "folder"),
    ],
)
def test_a_folder_that_cannot_be_read_or_bad_usage_exit_2(
    tmp_path: Path, args: list[str], expected: str | None
) -> None:
    file = tmp_path / "a.json"
    file.write_text("{}", encoding="utf-8")
    args = [str(file) if arg == "__FILE__" else arg for arg in args]
    result = run_goaltui(*args, cwd=tmp_path)
    if expected is None:  # a folder holding one unreadable table: readable folder, table not ready
        assert result.returncode == 1
        return
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and expected in result.stderr


def test_min_indicators_is_the_check_rule(review_folder: ReviewFolder) -> None:
    strict = json.loads(run_goaltui("review", review_folder.path, "--format", "json", "--min-indicators", "50").stdout)
    assert strict["totals"]["ready"] == 0


def test_hostile_text_never_reaches_the_terminal_raw(tmp_path: Path) -> None:
    evil = "\x1b]52;c;ZXZpbA==\x07\x1b[2J\u202e\x9b31m"
    document = department(__import__("random").Random(1), 0)
    document.department = f"部门{evil}"
    native.write(document, tmp_path / f"表{evil[:5]}.json")
    shown = "部门␛]52;c;ZXZpbA==␇␛[2J<U+202E><U+009B>31m"  # the marks of goaltui.safe_text
    for output_format in ("text", "csv", "md"):
        out = run_goaltui("review", tmp_path, "--format", output_format).stdout
        assert not any(char in out for char in "\x1b\x07\x9b\u202e"), output_format
        if output_format == "md":
            assert _tables(out)[0][1][1] == shown  # as rendered
        else:
            assert shown in out, output_format
    report = json.loads(run_goaltui("review", tmp_path, "--format", "json").stdout)
    assert report["files"][0]["department"] == f"部门{evil}"  # lossless, as \\u escapes
    assert report["files"][0]["file"] == f"表{evil[:5]}.json"
    assert "\x9b" not in run_goaltui("review", tmp_path, "--format", "json").stdout


def test_csv_cells_are_not_formulas(tmp_path: Path) -> None:
    document = department(__import__("random").Random(1), 0)
    document.department = '=HYPERLINK("http://x","点击")'
    native.write(document, tmp_path / "a.json")
    rows = list(csv.reader(io.StringIO(run_goaltui("review", tmp_path, "--format", "csv").stdout)))
    assert rows[1][1] == '\'=HYPERLINK("http://x","点击")'


def test_the_parser_stays_light() -> None:
    """Building the command line (on every start, the editor's too) imports neither the model nor the rules."""
    import subprocess
    import sys

    code = (
        "import sys; from goaltui.cli import _build_parsers; _build_parsers(); "
        "print(sorted(m for m in sys.modules if m.startswith(('goaltui.model', 'goaltui.rules', 'pydantic'))))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_fund_columns_are_the_models_fund_fields() -> None:
    from goaltui.review.options import FUND_COLUMNS

    assert tuple(column.value for column in FUND_COLUMNS) == FUND_FIELDS


def test_output_to_a_file_csv_has_the_bom_excel_needs(review_folder: ReviewFolder, tmp_path: Path) -> None:
    target = tmp_path / "审阅.csv"
    printed = run_goaltui("review", review_folder.path, "--format", "csv")
    result = run_goaltui("review", review_folder.path, "-o", target)  # the format from the suffix
    assert result.returncode == printed.returncode == 1
    assert result.stdout == ""
    assert result.stderr.strip() == f"已写入 {target}"
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # without it Excel and WPS read the UTF-8 as GBK
    assert list(csv.reader(io.StringIO(data.decode("utf-8-sig")))) == list(csv.reader(io.StringIO(printed.stdout)))
    assert not printed.stdout.startswith("\ufeff")  # a script reading standard output gets no BOM


def test_output_to_a_file_refuses_to_overwrite_and_unknown_suffixes(tmp_path: Path) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    native.write(department(__import__("random").Random(1), 0), folder / "a.json")
    target = tmp_path / "report.json"
    target.write_text("keep", encoding="utf-8")
    refused = run_goaltui("review", folder, "--output", target)
    assert refused.returncode == 2 and refused.stderr.strip() == f"错误：目标文件已存在：{target}（使用 --force 覆盖）"
    assert target.read_text(encoding="utf-8") == "keep"
    forced = run_goaltui("review", folder, "--output", target, "--force")
    assert forced.returncode == 0 and json.loads(target.read_text(encoding="utf-8"))["files"][0]["file"] == "a.json"
    # --format wins over the suffix; a suffix that names no format is one line, checked before the folder is read
    run_goaltui("review", folder, "-o", tmp_path / "r.txt", "--format", "json")
    assert json.loads((tmp_path / "r.txt").read_text(encoding="utf-8"))["totals"]["files"] == 1
    for args in (["review", "/nonexistent/inbox", "-o", tmp_path / "r.xlsx"], ["review", folder, "-o", tmp_path / "r"]):
        bad = run_goaltui(*args)
        assert bad.returncode == 2 and len(bad.stderr.strip().splitlines()) == 1
        assert "无法从后缀判断输出格式" in bad.stderr and ".csv" in bad.stderr
    assert not (tmp_path / "r.xlsx").exists()
    unwritable = run_goaltui("review", folder, "-o", tmp_path / "no" / "r.csv")
    assert unwritable.returncode == 2 and "Traceback" not in unwritable.stderr
    assert len(unwritable.stderr.strip().splitlines()) == 1


def test_a_text_report_in_a_file_is_as_safe_as_on_a_terminal(tmp_path: Path) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    document = department(__import__("random").Random(1), 0)
    document.department = "部门\x1b]52;c;ZXZpbA==\x07"
    native.write(document, folder / "a.json")
    run_goaltui("review", folder, "-o", tmp_path / "r.txt")
    text = (tmp_path / "r.txt").read_text(encoding="utf-8")
    assert "部门␛]52;c;ZXZpbA==␇" in text and "\x1b" not in text


@pytest.mark.parametrize("suffix", [".csv", ".txt", ".md", ".json"])
def test_a_file_name_that_is_not_utf8_does_not_stop_the_report_file(tmp_path: Path, suffix: str) -> None:
    """A zip made on a Chinese Windows, unpacked on Linux, keeps its GBK file names: the report
    written with -o shows the undecodable bytes as standard output does (\\udcXX), it does not fail."""
    import os

    folder = tmp_path / "inbox"
    folder.mkdir()
    native.write(department(__import__("random").Random(1), 0), Path(os.fsdecode(bytes(folder) + b"/\xbf\xc2\xc7\xc5.json")))
    printed = run_goaltui("review", folder, "--format", {".txt": "text"}.get(suffix, suffix[1:]))
    result = run_goaltui("review", folder, "-o", tmp_path / f"r{suffix}")
    assert result.returncode in (0, 1), result.stderr
    written = (tmp_path / f"r{suffix}").read_text(encoding="utf-8-sig")
    assert "\\udcbf\\udcc2\\udcc7\\udcc5.json" in written
    assert written == printed.stdout
    diffed = run_goaltui("diff", *folder.iterdir(), *folder.iterdir(), "-o", tmp_path / f"d{suffix}")
    if suffix != ".csv":  # (diff has no CSV)
        assert diffed.returncode == 0, diffed.stderr
        assert "\\udcbf\\udcc2\\udcc7\\udcc5.json" in (tmp_path / f"d{suffix}").read_text(encoding="utf-8")
