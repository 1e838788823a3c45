"""Options a format does not take: one clear line and exit 2, never a traceback (issue 8, defect 5)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from goaltui.resources import sample_path
from tests.cli_helpers import run_goaltui


def _one_line_error(result) -> str:  # type: ignore[no-untyped-def]
    assert result.returncode == 2, (result.returncode, result.stderr)
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return str(lines[0])


@pytest.fixture
def table(tmp_path: Path) -> Path:
    target = tmp_path / "table.json"
    shutil.copyfile(sample_path(), target)
    return target


@pytest.mark.parametrize("command", ["check", "summary"])
def test_sheet_on_a_text_or_json_file(command: str, table: Path, seed_path: Path) -> None:
    for source in (table, seed_path):
        line = _one_line_error(run_goaltui(command, source, "--sheet", "Sheet1"))
        assert "--sheet" in line and source.name in line


def test_sheet_on_convert_from_text(seed_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    line = _one_line_error(run_goaltui("convert", seed_path, out, "--sheet", "Sheet1"))
    assert "--sheet" in line
    assert not out.exists()


def test_with_problems_on_a_json_or_xlsx_output(table: Path, tmp_path: Path) -> None:
    for name in ("out.json", "out.xlsx"):
        out = tmp_path / name
        line = _one_line_error(run_goaltui("convert", table, out, "--with-problems"))
        assert "--with-problems" in line and ".md" in line
        assert not out.exists()


def test_sheet_for_the_editor_is_checked_before_it_starts(table: Path) -> None:
    line = _one_line_error(run_goaltui(table, "--sheet", "Sheet1"))
    assert "--sheet" in line


def test_the_messages_speak_english_too(table: Path) -> None:
    line = _one_line_error(run_goaltui("check", table, "--sheet", "S", lang="en"))
    assert "--sheet" in line and "workbook" in line


def test_options_a_format_takes_still_work(table: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.md"
    result = run_goaltui("convert", table, out, "--with-problems")
    assert result.returncode == 0, result.stderr
    assert out.read_text("utf-8")
    workbook = tmp_path / "book.xlsx"
    assert run_goaltui("convert", table, workbook).returncode == 0
    result = run_goaltui("summary", workbook, "--sheet", "no such sheet")
    assert result.returncode == 2 and "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("args", "chinese", "english"),
    [
        (["check"], "缺少参数：file", "the following arguments are required: file"),
        (["check", "{table}", "--format", "xml"], "--format 不能是 'xml'（可选：'text', 'json'）", "invalid choice: 'xml'"),
        (["check", "{table}", "--min-indicators", "x"], "--min-indicators 应为整数，而不是 'x'", "invalid int value: 'x'"),
        (["check", "{table}", "--sheet"], "--sheet 后面缺少取值", "expected one argument"),
        (["check", "{table}", "extra"], "无法识别的参数：extra", "unrecognized arguments: extra"),
    ],
)
def test_usage_errors_in_the_users_language(table: Path, args: list[str], chinese: str, english: str) -> None:
    """argparse speaks English only: its common messages come from the catalogue (zh by default)."""
    argv = [str(table) if arg == "{table}" else arg for arg in args]
    line = _one_line_error(run_goaltui(*argv))
    assert line.startswith("错误：goaltui") and chinese in line
    assert not any(word in line for word in ("argument", "required", "invalid", "expected"))
    assert english in _one_line_error(run_goaltui(*argv, lang="en"))


def test_a_file_named_like_an_option_gets_a_hint(table: Path) -> None:
    dashed = table.with_name("-2021表.json")
    shutil.copyfile(table, dashed)
    for args in (["check", "-2021表.json"], ["-2021表.json"], ["convert", "-2021表.json", "x.md"]):
        line = _one_line_error(run_goaltui(*args, cwd=table.parent))
        assert "./-2021表.json" in line and "--" in line
    assert run_goaltui("check", "--", "-2021表.json", cwd=table.parent).returncode == 0
    after_dashes = _one_line_error(run_goaltui("check", "--format", "xml", "--", "-2021表.json", cwd=table.parent))
    assert "./-2021表.json" not in after_dashes  # it was read as a name: the error is another one
    assert run_goaltui("check", "./-2021表.json", cwd=table.parent).returncode == 0
