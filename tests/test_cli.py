from __future__ import annotations

import json
from pathlib import Path

import pytest

from goaltui.io import native
from tests.cli_helpers import run_goaltui

SUMMARY_KEYS = ["title", "year", "department", "money_unit", "units", "projects", "indicators", "funds", "signatures", "per_project"]


def _one_line_error(result) -> str:  # type: ignore[no-untyped-def]
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return str(lines[0])


def test_summary_json_of_the_seed(seed_path: Path) -> None:
    result = run_goaltui("summary", seed_path, "--format", "json")
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert list(summary) == SUMMARY_KEYS
    assert (summary["units"], summary["projects"], summary["indicators"]) == (1, 9, 54)
    assert summary["year"] == 2020
    assert summary["funds"] == {
        "total": "564.2",
        "general_budget": "564.2",
        "gov_fund": "0",
        "special_account": "0",
        "other": "0",
    }
    assert summary["signatures"] == {"leader": "周维", "handler": "李怡", "phone": "84119169"}
    assert summary["per_project"][5] == {"unit": "区人大办", "project": "区人大一届四次会议经费", "total": "200", "indicators": 6}
    assert len(summary["per_project"]) == 9
    assert set(summary["per_project"][0]) == {"unit", "project", "total", "indicators"}


def test_summary_text_lines_up_cjk(seed_path: Path) -> None:
    from rich.cells import cell_len

    result = run_goaltui("summary", seed_path)
    assert result.returncode == 0
    assert "9 个项目" in result.stdout and "564.2" in result.stdout
    rows = [line for line in result.stdout.splitlines() if line.startswith("  区人大办")]
    assert len(rows) == 9
    # Right-aligned totals end in the same terminal column despite double-width names.
    ends = {cell_len(row.split(" 条指标")[0].rsplit("  ", 1)[0]) for row in rows}
    assert len(ends) == 1


def test_summary_in_english(seed_path: Path) -> None:
    result = run_goaltui("summary", seed_path, "--lang", "en")
    assert "1 units, 9 projects, 54 indicators" in result.stdout
    before = run_goaltui("--lang", "en", "--debug", "summary", seed_path)
    assert before.returncode == 0, before.stderr
    assert before.stdout == result.stdout
    assert "cannot open missing.txt" in run_goaltui("--lang=en", "summary", "missing.txt").stderr


def test_summary_in_english_has_english_punctuation(seed_path: Path) -> None:
    """No full-width colon or semicolon in the English summary (the Chinese keeps its own)."""
    lines = run_goaltui("summary", seed_path, "--lang", "en").stdout.splitlines()
    assert lines[0] == "Title: 2020年区级部门预算项目绩效目标汇总表"
    assert "Funds:" in lines and "Projects:" in lines
    assert "Signatures: Head of department 周维; Prepared by 李怡; Phone 84119169" in lines
    assert not any("：" in line or "；" in line for line in lines)
    chinese = run_goaltui("summary", seed_path).stdout.splitlines()
    assert chinese[0] == "标题：2020年区级部门预算项目绩效目标汇总表"
    assert "签字：部门主要领导 周维；经办人 李怡；联系电话 84119169" in chinese


def test_convert_txt_to_json_and_back(tmp_path: Path, seed_path: Path) -> None:
    out = tmp_path / "seed.json"
    result = run_goaltui("convert", seed_path, out)
    assert result.returncode == 0, result.stderr
    document = native.read(out)
    assert document.project_count() == 9
    again = tmp_path / "again.json"
    assert run_goaltui("convert", out, again).returncode == 0
    assert again.read_bytes() == out.read_bytes()


def test_convert_refuses_to_overwrite_without_force(tmp_path: Path, seed_path: Path) -> None:
    out = tmp_path / "seed.json"
    out.write_text("keep me", encoding="utf-8")
    message = _one_line_error(run_goaltui("convert", seed_path, out))
    assert "--force" in message
    assert out.read_text(encoding="utf-8") == "keep me"
    assert run_goaltui("convert", seed_path, out, "--force").returncode == 0
    assert native.read(out).indicator_count() == 54


def test_convert_onto_itself_is_refused(tmp_path: Path, seed_path: Path) -> None:
    out = tmp_path / "s.json"
    assert run_goaltui("convert", seed_path, out).returncode == 0
    _one_line_error(run_goaltui("convert", out, out, "--force"))


def test_unknown_suffixes(tmp_path: Path, seed_path: Path) -> None:
    assert ".json" in _one_line_error(run_goaltui("convert", seed_path, tmp_path / "x.docx"))
    weird = tmp_path / "x.pdf"
    weird.write_bytes(b"%PDF-1.4")
    assert ".tsv" in _one_line_error(run_goaltui("summary", weird))


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "空文件"),
        (b"\x00\x01\x02binary", "二进制"),
        ("项目一\t十万\t\t\t\t\t产出指标\t人数\t5人\t人数\n".encode(), "第 1 行第 2 列"),
        ("项目一\t10\t10\t\t\t\t产出指标\t人数\t5人\t人数\t多余\n".encode(), "多出一列"),
    ],
)
def test_bad_input_gives_one_line_and_exit_2(tmp_path: Path, content: bytes, expected: str) -> None:
    path = tmp_path / "bad.tsv"
    path.write_bytes(content)
    message = _one_line_error(run_goaltui("summary", path))
    assert expected in message and "bad.tsv" in message


def test_newer_schema_version_exit_2(tmp_path: Path, seed_path: Path) -> None:
    out = tmp_path / "s.json"
    run_goaltui("convert", seed_path, out)
    payload = json.loads(out.read_text(encoding="utf-8"))
    payload["schema_version"] = 99
    out.write_text(json.dumps(payload), encoding="utf-8")
    assert "99" in _one_line_error(run_goaltui("summary", out))


def test_missing_file_and_bad_usage() -> None:
    assert "nope.json" in _one_line_error(run_goaltui("summary", "nope.json"))
    _one_line_error(run_goaltui("summary"))
    _one_line_error(run_goaltui("convert", "only-one.json"))
    _one_line_error(run_goaltui("summary", "x.json", "--format", "yaml"))


def test_debug_shows_the_traceback() -> None:
    result = run_goaltui("summary", "nope.json", "--debug")
    assert result.returncode != 0
    assert "Traceback" in result.stderr


def test_help_works() -> None:
    result = run_goaltui("--help")
    assert result.returncode == 0 and "goaltui" in result.stdout
    assert run_goaltui("convert", "--help").returncode == 0


def test_editor_refuses_an_unreadable_file_before_starting() -> None:
    assert ".tsv" in _one_line_error(run_goaltui("notes.docx"))


def test_the_editor_without_a_terminal_is_one_line_not_a_hang(seed_path: Path) -> None:
    """`goaltui table.txt > out.txt` (stdin and stdout not a terminal): it used to draw the screen
    into the pipe and wait for keys forever; now one line, exit 2, and no screen output."""
    result = run_goaltui(seed_path)
    assert "goaltui check" in _one_line_error(result)
    assert result.stdout == ""
    assert "terminal" in _one_line_error(run_goaltui(seed_path, lang="en"))


def test_output_piped_into_head_ends_quietly(tmp_path: Path) -> None:
    """`goaltui check big.tsv | head` must not end in a BrokenPipeError traceback."""
    import subprocess
    import sys

    rows = [f"项目{n}\t10\t10\t\t\t\t产出指标\t人数{n}\t良好\t人数{n}" for n in range(3000)]
    big = tmp_path / "big.tsv"
    big.write_text("单位甲\t\t\t\t\t\t\t\t\t\n" + "\n".join(rows) + "\n", encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "goaltui", "check", str(big)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
    )
    assert process.stdout is not None and process.stderr is not None
    assert process.stdout.readline()
    process.stdout.close()  # like head after its lines
    stderr = process.stderr.read().decode()
    process.wait(timeout=60)
    assert "Traceback" not in stderr
    assert process.returncode == 141  # as a shell reports a process ended by SIGPIPE
