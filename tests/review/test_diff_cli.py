"""`goaltui diff OLD NEW`: the submitted workbook against the revised .json, each change exactly once in
every output format; exit 0 equal, 1 different, 2 unreadable."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from goaltui.io import native
from goaltui.io.xlsx_export import write as write_xlsx
from tests.cli_helpers import run_goaltui
from tests.io.test_markdown import _headings, _inline_text, _parser, _tables
from tests.review.test_diff import revised, two_units

LABELS = {
    "project_renamed": "项目改名",
    "funds": "资金变化",
    "indicator_changed": "指标修改",
    "indicator_removed": "删除指标",
    "indicator_added": "新增指标",
    "project_moved": "项目移到其他单位",
}
PROBLEMS = {"problem_fixed": 2, "problem_introduced": 1}


@pytest.fixture(scope="module")
def versions(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("versions")
    old = two_units()
    write_xlsx(old, folder / "submitted.xlsx")
    native.write(revised(old), folder / "revised.json")
    return folder / "submitted.xlsx", folder / "revised.json"


def test_json(versions: tuple[Path, Path]) -> None:
    old, new = versions
    result = run_goaltui("diff", old, new, "--format", "json")
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    assert (report["old"], report["new"], report["equal"]) == (str(old), str(new), False)
    kinds = Counter(change["kind"] for change in report["changes"])
    assert kinds == Counter({kind: 1 for kind in LABELS} | PROBLEMS)
    assert report["counts"] == {"changes": 9, "content": 6, "problems_fixed": 2, "problems_introduced": 1}
    by_kind = {change["kind"]: change for change in report["changes"]}
    assert by_kind["funds"]["amounts"] == [
        {"field": "total", "old": "47", "new": "52.5", "difference": "5.5"},
        {"field": "general_budget", "old": "47", "new": "52.5", "difference": "5.5"},
    ]
    assert by_kind["funds"]["new"] == {
        "unit": "区人大办",
        "unit_index": 0,
        "project": "区人大常委会例会和其他会议",
        "project_index": 2,
        "row": None,
    }
    assert by_kind["project_renamed"]["fields"] == [
        {"field": "name", "old": "区代表工作经费", "new": "区人大代表工作经费"}
    ]
    assert by_kind["indicator_changed"]["fields"] == [{"field": "value", "old": "是", "new": "≥2天"}]
    assert by_kind["indicator_changed"]["new"]["row"] == 2
    assert by_kind["indicator_removed"]["old"]["row"] == 3 and by_kind["indicator_removed"]["new"]["row"] is None
    assert by_kind["indicator_added"]["new"]["row"] == 6
    assert (by_kind["project_moved"]["old"]["unit"], by_kind["project_moved"]["new"]["unit"]) == (
        "区人大办",
        "区人大研究室",
    )
    assert by_kind["problem_introduced"]["problem"]["code"] == "E-PROJ-TOO-FEW"
    assert set(by_kind["problem_introduced"]["problem"]) == {
        "code",
        "severity",
        "message",
        "unit",
        "project",
        "row",
        "field",
        "hint",
    }
    totals = {item["field"]: item for item in report["totals"]}
    assert totals["total"] == {"field": "total", "old": "564.2", "new": "569.7", "difference": "5.5"}
    assert totals["other"]["difference"] == "0"
    assert report["problems"] == {
        "old": {"errors": 0, "warnings": 17, "infos": 15},
        "new": {"errors": 1, "warnings": 16, "infos": 14},
    }


def test_text(versions: tuple[Path, Path]) -> None:
    old, new = versions
    result = run_goaltui("diff", old, new)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    changes = [line.strip() for line in lines if line.startswith("  ")]
    for label in LABELS.values():
        assert sum(1 for line in changes if label in line) == 1, label
    assert sum(1 for line in changes if line.startswith("已解决")) == 2
    assert sum(1 for line in changes if line.startswith("新出现")) == 1
    assert len(changes) == 9
    assert "【区人大办 / 区人大代表工作经费】" in lines
    assert "  项目改名：“区代表工作经费” → “区人大代表工作经费”（相似度 0.94）" in lines
    assert "  资金变化：合计：47.00 → 52.50（+5.50）；一般公共预算：47.00 → 52.50（+5.50）" in lines
    assert "  第 2 行 指标修改：指标值：“是” → “≥2天”" in lines
    assert "  原第 3 行 删除指标：产出指标 · 提出意见建议数 · 1-5条 · 提出意见建议数" in lines
    assert "  项目移到其他单位：从“区人大办”移到“区人大研究室”" in lines
    assert lines[-1] == "共 9 处变化：内容 6 处，解决问题 2 个，新出现问题 1 个"
    assert "资金总计（万元）：合计：564.20 → 569.70（+5.50）；一般公共预算：564.20 → 569.70（+5.50）" in lines


def _list_items(text: str) -> list[str]:
    tokens = _parser().parse(text)
    return [_inline_text(tokens[i + 2]) for i, token in enumerate(tokens) if token.type == "list_item_open"]


def test_markdown(versions: tuple[Path, Path]) -> None:
    old, new = versions
    result = run_goaltui("diff", old, new, "--format", "md")
    assert result.returncode == 1
    items = _list_items(result.stdout)
    assert len(items) == 9
    for label in LABELS.values():
        assert sum(1 for item in items if label in item) == 1, label
    assert "项目改名：“区代表工作经费” → “区人大代表工作经费”（相似度 0.94）" in items
    headings = _headings(result.stdout)
    assert headings[0] == ("h1", "版本比较")
    assert ("h2", "区人大研究室 / 区人大一届四次会议经费") in headings
    assert ("h2", "检查结果的变化") in headings
    [totals] = _tables(result.stdout)
    assert totals == [
        ["资金", "原版本", "新版本", "差额"],
        ["合计", "564.20", "569.70", "+5.50"],
        ["一般公共预算", "564.20", "569.70", "+5.50"],
    ]


def test_equal_versions_exit_0(versions: tuple[Path, Path], tmp_path: Path) -> None:
    old, _new = versions
    same = tmp_path / "same.json"
    assert run_goaltui("convert", old, same).returncode == 0
    for output_format in ("text", "json", "md"):
        result = run_goaltui("diff", old, same, "--format", output_format)
        assert result.returncode == 0, (output_format, result.stdout)
    assert "两个版本内容相同。" in run_goaltui("diff", old, same).stdout
    report = json.loads(run_goaltui("diff", old, same, "--format", "json").stdout)
    assert report["equal"] is True and report["changes"] == []


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda d: d / "missing.json", "文件或目录不存在"),
        (lambda d: (d / "bad.json").write_text("{", encoding="utf-8") and d / "bad.json", "不是有效的 JSON"),
        (lambda d: (d / "x.docx").write_bytes(b"PK") and d / "x.docx", "无法识别的输入格式"),
    ],
)
def test_unreadable_input_exit_2(versions: tuple[Path, Path], tmp_path: Path, make, expected: str) -> None:  # type: ignore[no-untyped-def]
    old, _new = versions
    bad = make(tmp_path)
    for args in (("diff", old, bad), ("diff", bad, old)):
        result = run_goaltui(*args)
        assert result.returncode == 2
        assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1
        assert expected in result.stderr


def test_english(versions: tuple[Path, Path]) -> None:
    old, new = versions
    out = run_goaltui("diff", old, new, "--lang", "en").stdout
    assert "  project renamed: “区代表工作经费” → “区人大代表工作经费” (similarity 0.94)" in out.splitlines()
    assert out.splitlines()[-1] == "9 changes: 6 in the content, 2 problems fixed, 1 introduced"


def test_hostile_text_is_escaped(tmp_path: Path) -> None:
    old = two_units()
    new = old.model_copy(deep=True)
    new.units[0].projects[0].indicators[0].description = "按时\x1b]52;c;ZXZpbA==\x07\u202e出具"
    native.write(old, tmp_path / "a.json")
    native.write(new, tmp_path / "b.json")
    for output_format in ("text", "md"):
        out = run_goaltui("diff", tmp_path / "a.json", tmp_path / "b.json", "--format", output_format).stdout
        assert not any(char in out for char in "\x1b\x07\u202e"), output_format
    items = _list_items(run_goaltui("diff", tmp_path / "a.json", tmp_path / "b.json", "--format", "md").stdout)
    assert "指标描述：“按时出具第三方评价” → “按时␛]52;c;ZXZpbA==␇<U+202E>出具”" in items[0]
    report = json.loads(run_goaltui("diff", tmp_path / "a.json", tmp_path / "b.json", "--format", "json").stdout)
    assert report["changes"][0]["fields"][0]["new"] == "按时\x1b]52;c;ZXZpbA==\x07\u202e出具"


def test_output_to_a_file(versions: tuple[Path, Path], tmp_path: Path) -> None:
    old, new = versions
    printed = run_goaltui("diff", old, new, "--format", "md")
    result = run_goaltui("diff", old, new, "-o", tmp_path / "变化.md")
    assert result.returncode == printed.returncode == 1 and result.stdout == ""
    assert (tmp_path / "变化.md").read_text(encoding="utf-8") == printed.stdout.rstrip("\n") + "\n"
    json_report = run_goaltui("diff", old, new, "--output", tmp_path / "d.json")
    assert json_report.returncode == 1
    assert json.loads((tmp_path / "d.json").read_text(encoding="utf-8")) == json.loads(
        run_goaltui("diff", old, new, "--format", "json").stdout
    )
    csv_refused = run_goaltui("diff", old, new, "-o", tmp_path / "d.csv")  # diff has no CSV
    assert csv_refused.returncode == 2 and ".md" in csv_refused.stderr and ".csv" not in csv_refused.stderr.split("（")[1]
    again = run_goaltui("diff", old, new, "-o", tmp_path / "变化.md")
    assert again.returncode == 2 and "--force" in again.stderr
