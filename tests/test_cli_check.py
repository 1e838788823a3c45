"""`goaltui check FILE`, run as a user would: exit codes 0/1/2, text grouped by project, the JSON shape."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli_helpers import run_goaltui

SEED = Path(__file__).parent / "data" / "keqiao_renda_2020.txt"
PROBLEM_KEYS = {"code", "severity", "message", "unit", "project", "row", "field", "hint"}


def _spoiled_seed(tmp_path: Path, old: str, new: str) -> Path:
    text = SEED.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "spoiled.txt"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_seed_passes_with_exit_0_and_chinese_text() -> None:
    result = run_goaltui("check", SEED)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "共 0 个错误，17 个警告，15 条提示" in out
    assert "【区人大办 / 财政系统联网监督系统】" in out
    assert "第 4 行 · 指标值  [警告 W-VALUE-NO-UNIT] 指标值“1”没有计量单位" in out
    assert "建议：根据明细指标“涉及项目数”，建议写成“1个”" in out
    # grouped: each project heading appears once, in document order
    headings = [line for line in out.splitlines() if line.startswith("【")]
    assert len(headings) == len(set(headings)) == 9
    assert headings[0].endswith("财政系统联网监督系统】") and headings[-1].endswith("老领导（研究会）工作经费】")


def test_english_with_lang_and_environment() -> None:
    result = run_goaltui("check", SEED, "--lang", "en")
    assert result.returncode == 0
    assert "errors: 0, warnings: 17, notes: 15" in result.stdout
    assert "row 4 · Target value  [warning W-VALUE-NO-UNIT] the value “1” has no unit" in result.stdout
    assert "errors: 0, warnings: 17" in run_goaltui("check", SEED, lang="en").stdout


def test_json_shape() -> None:
    result = run_goaltui("check", SEED, "--format", "json")
    assert result.returncode == 0
    report = json.loads(result.stdout)
    assert set(report) == {"errors", "warnings", "infos", "problems"}
    assert (report["errors"], report["warnings"], report["infos"]) == (0, 17, 15)
    assert len(report["problems"]) == 32
    for problem in report["problems"]:
        assert set(problem) == PROBLEM_KEYS
        assert problem["severity"] in ("error", "warning", "info")
        assert problem["row"] is None or (isinstance(problem["row"], int) and problem["row"] >= 1)
    first = report["problems"][0]
    assert first == {
        "code": "W-PROJ-NO-SATISFACTION",
        "severity": "warning",
        "message": "没有满意度指标",
        "unit": "区人大办",
        "project": "财政系统联网监督系统",
        "row": None,
        "field": None,
        "hint": "补充服务对象满意度，如“服务对象满意度 ≥90%”",
    }
    no_unit = next(p for p in report["problems"] if p["code"] == "W-VALUE-NO-UNIT")
    assert (no_unit["row"], no_unit["field"]) == (4, "value")


def test_errors_give_exit_1(tmp_path: Path) -> None:
    path = _spoiled_seed(tmp_path, "≥6个", "≥")
    result = run_goaltui("check", path, "--format", "json")
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    assert report["errors"] == 1
    (error,) = [p for p in report["problems"] if p["severity"] == "error"]
    assert (error["code"], error["project"], error["row"], error["field"]) == (
        "E-VALUE-INVALID",
        "区人大常委会例会和其他会议",
        5,
        "value",
    )
    text = run_goaltui("check", path)
    assert text.returncode == 1
    assert "[错误 E-VALUE-INVALID] 指标值“≥”无法识别：比较符号后面没有数值" in text.stdout


def test_sum_error_in_the_funds(tmp_path: Path) -> None:
    path = _spoiled_seed(tmp_path, "区代表工作经费\t97.2\t97.2", "区代表工作经费\t97.2\t97.1")
    result = run_goaltui("check", path, "--format", "json")
    assert result.returncode == 1
    (error,) = [p for p in json.loads(result.stdout)["problems"] if p["severity"] == "error"]
    assert (error["code"], error["field"], error["row"]) == ("E-FUNDS-SUM", "total", None)


def test_min_indicators() -> None:
    result = run_goaltui("check", SEED, "--format", "json", "--min-indicators", "6")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    too_few = [p["project"] for p in report["problems"] if p["code"] == "E-PROJ-TOO-FEW"]
    assert len(too_few) == report["errors"] == 4  # the four projects with exactly 5 indicators
    assert run_goaltui("check", SEED, "--min-indicators", "5").returncode == 0


@pytest.mark.parametrize(
    "args",
    [
        ["check", "missing.txt"],
        ["check", "garbage.txt"],
        ["check", "table.unknown"],
        ["check", "SEED", "--min-indicators", "-1"],
        ["check", "SEED", "--min-indicators", "x"],
        ["check", "SEED", "--format", "xml"],
    ],
)
def test_unreadable_input_and_bad_usage_give_exit_2(tmp_path: Path, args: list[str]) -> None:
    (tmp_path / "garbage.txt").write_bytes(b"\x00\x01\x02binary\xff\xfe")
    (tmp_path / "table.unknown").write_text("x", encoding="utf-8")
    args = [str(SEED) if arg == "SEED" else arg for arg in args]
    result = run_goaltui(*args, cwd=tmp_path)
    assert result.returncode == 2, result.stdout
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr
