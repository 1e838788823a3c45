"""What is typed in the header's project count and in the "insert projects" file list."""

from __future__ import annotations

from pathlib import Path

import pytest

from goaltui.session.fields import FieldError, parse_project_count
from goaltui.session.paths import split_paths


@pytest.mark.parametrize(
    ("typed", "count"),
    [("", None), ("  ", None), ("12", 12), (" 0 ", 0), ("１２", 12), ("1,200", 1200), ("200000", 200_000)],
)
def test_project_counts_that_are_read(typed: str, count: int | None) -> None:
    assert parse_project_count(typed) == count


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("12a", "整数"),
        ("-3", "整数"),
        ("²", "整数"),  # a digit to str.isdigit(), not to int()
        ("١٢", "整数"),
        ("1.5", "整数"),
        ("200001", "0 到 200,000"),
        ("9" * 5000, "0 到 200,000"),  # int() of 4,300+ digits raises: never called
        ("1" + "0" * 30, "0 到 200,000"),
    ],
)
def test_project_counts_that_are_refused_with_a_clear_message(typed: str, says: str) -> None:
    with pytest.raises(FieldError) as caught:
        parse_project_count(typed)
    message = str(caught.value)
    assert says in message and len(message) < 120  # a 5,000-digit count is shortened


def test_a_count_with_a_control_character_is_shown_as_a_mark() -> None:
    with pytest.raises(FieldError, match="␛"):
        parse_project_count("1\x1b[2J")


def test_paths_quoted_tilde_and_wildcards(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("b.xlsx", "a.xlsx", "项目 A.xlsx", "c.txt"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    monkeypatch.setenv("HOME", str(tmp_path))
    found = split_paths('*.xlsx "项目 A.xlsx" ~/c.txt a.xlsx', tmp_path)
    assert found == [tmp_path / "a.xlsx", tmp_path / "b.xlsx", tmp_path / "项目 A.xlsx", tmp_path / "c.txt"]
    assert split_paths(str(tmp_path / "missing.xlsx")) == [tmp_path / "missing.xlsx"]  # (the reader says it is missing)


@pytest.mark.parametrize(("line", "says"), [('"a.xlsx', "无法理解"), ("*.ods", "没有文件与"), ("  ", "没有给出")])
def test_bad_path_lines(tmp_path: Path, line: str, says: str) -> None:
    with pytest.raises(FieldError, match=says):
        split_paths(line, tmp_path)
