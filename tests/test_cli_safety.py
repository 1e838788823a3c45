"""The CLI never lets a cell drive the terminal, and every failure is one line with exit code 2."""

from __future__ import annotations

import json
import os
import resource
import shutil
import signal
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from goaltui.cli import main
from goaltui.io import native
from goaltui.resources import sample_path

OSC52 = "\x1b]52;c;cm0gLXJmIH4K\x07"
TITLE_AND_CLEAR = "\x1b]0;pwned\x07\x1b[2J"


def _run(*args: str | Path, env: dict[str, str] | None = None, **kwargs: object) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k not in ("GOALTUI_LANG", "PYTHONIOENCODING")}
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "goaltui", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
        env=environment,
        **kwargs,  # type: ignore[call-overload]
    )


@pytest.fixture
def hostile_table(tmp_path: Path) -> Path:
    document = native.read(sample_path())
    document.units[0].name = f"区人大办{OSC52}"
    document.units[0].projects[0].name = f"例会{TITLE_AND_CLEAR}"
    document.units[0].projects[0].indicators[0].value = "≥3次\u202e001\u200b\x9b31m"
    document.signatures.leader = "周维\x1b[8m"
    path = tmp_path / "hostile.json"
    native.write(document, path)
    return path


@pytest.mark.parametrize("command", ["check", "summary"])
@pytest.mark.parametrize("output_format", ["text", "json"])
def test_no_control_sequence_reaches_the_output(hostile_table: Path, command: str, output_format: str) -> None:
    result = _run(command, hostile_table, "--format", output_format)
    assert result.returncode in (0, 1), result.stderr
    for raw in ("\x1b", "\x07", "\x9b", "\u202e", "\u200b"):
        assert raw not in result.stdout
    if output_format == "text":
        assert "␛]52;c;cm0gLXJmIH4K␇" in result.stdout
    else:
        parsed = json.loads(result.stdout)  # still valid JSON, with the same text inside
        assert any(OSC52 in text for text in _strings(parsed))


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for item in value.values() for text in _strings(item)]
    if isinstance(value, list):
        return [text for item in value for text in _strings(item)]
    return []


def test_check_reports_the_unsafe_characters(hostile_table: Path) -> None:
    result = _run("check", hostile_table, "--format", "json")
    codes = {problem["code"] for problem in json.loads(result.stdout)["problems"]}
    assert {"E-UNIT-CONTROL", "E-PROJ-CONTROL", "W-PROJ-INVISIBLE", "E-DOC-CONTROL"} <= codes
    assert result.returncode == 1


def test_an_error_quoting_a_file_is_one_safe_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text(f"标题\n项目名称\t一级指标\t明细指标\n{OSC52}\t\t\n", encoding="utf-8")
    result = _run("check", bad)
    assert result.returncode == 2
    assert "\x1b" not in result.stderr and len(result.stderr.splitlines()) == 1
    named = tmp_path / f"name{TITLE_AND_CLEAR}.json"
    named.write_text("{", encoding="utf-8")
    result = _run("check", named)
    assert result.returncode == 2 and "\x1b" not in result.stderr and "␛]0;pwned␇" in result.stderr


def test_a_gbk_terminal_gets_escapes_for_what_it_cannot_show(tmp_path: Path) -> None:
    document = native.read(sample_path())
    document.units[0].name = "区人大办😀𠀀"
    path = tmp_path / "emoji.json"
    native.write(document, path)
    result = subprocess.run(
        [sys.executable, "-m", "goaltui", "summary", str(path)],
        capture_output=True,
        timeout=120,
        env={**os.environ, "PYTHONIOENCODING": "gbk"},
    )
    assert result.returncode == 0, result.stderr.decode("gbk", "replace")
    text = result.stdout.decode("gbk")
    assert "区人大办\\U0001f600\\U00020000" in text


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
@pytest.mark.parametrize("command", ["check", "summary"])
def test_output_to_a_full_device_is_one_line(command: str) -> None:
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "goaltui", command, str(sample_path())],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
        )
    assert result.returncode == 2
    assert result.stderr.splitlines() == ["错误：无法写出结果：磁盘空间不足"]


def _small_file_limit() -> None:
    # A disk that fills up: writes past 64 KiB fail (EFBIG) instead of killing the process.
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, 64 * 1024))


@pytest.mark.parametrize("suffix", [".xlsx", ".json", ".md"])
def test_a_full_disk_while_writing_is_one_line_and_keeps_the_old_file(tmp_path: Path, suffix: str) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from benchmarks.generator import generate

    big = tmp_path / "big.json"
    native.write(generate(300, 8), big)
    target = tmp_path / f"out{suffix}"
    target.write_bytes(b"the previous version")
    result = subprocess.run(
        [sys.executable, "-m", "goaltui", "convert", str(big), str(target), "--force"],
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=_small_file_limit,
    )
    assert result.returncode == 2, result.stderr
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert "out" in result.stderr and "Traceback" not in result.stderr
    assert target.read_bytes() == b"the previous version"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.json", f"out{suffix}"]


def test_convert_refuses_a_read_only_destination_unless_asked(tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    target.write_text("keep", encoding="utf-8")
    os.chmod(target, 0o444)
    result = _run("convert", sample_path(), target, "--force")
    assert result.returncode == 2 and "--overwrite-read-only" in result.stderr
    assert target.read_text(encoding="utf-8") == "keep"
    result = _run("convert", sample_path(), target, "--overwrite-read-only")
    assert result.returncode == 0, result.stderr
    assert target.read_text(encoding="utf-8").startswith("#")
    assert target.stat().st_mode & 0o777 == 0o444


def test_convert_through_a_link_and_notes_on_stderr(tmp_path: Path) -> None:
    real = tmp_path / "real.md"
    real.write_text("old", encoding="utf-8")
    os.link(real, tmp_path / "snapshot.md")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    result = _run("convert", sample_path(), link, "--force")
    assert result.returncode == 0, result.stderr
    assert link.is_symlink() and real.read_text(encoding="utf-8").startswith("#")
    assert (tmp_path / "snapshot.md").read_text(encoding="utf-8") == "old"
    assert any(line.startswith("注意：") and "硬链接" in line for line in result.stderr.splitlines())


def test_the_xlsx_export_refuses_an_amount_it_would_change(tmp_path: Path) -> None:
    document = native.read(sample_path())
    document.units[0].projects[0].funds.total = Decimal("12345678901234567890")
    source = tmp_path / "s.json"
    native.write(document, source)
    result = _run("convert", source, tmp_path / "s.xlsx")
    assert result.returncode == 2
    assert "12345678901234567890" in result.stderr and "12345678901234600000" in result.stderr
    assert not (tmp_path / "s.xlsx").exists()
    check = _run("check", source)
    assert "E-FUNDS-INEXACT" in check.stdout and check.returncode == 1


def test_an_unexpected_error_is_one_line(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    def explode(path: Path, options: object = None) -> None:
        raise RuntimeError("something\nnobody planned")

    monkeypatch.setattr("goaltui.io.formats.read_document", explode)
    assert main(["check", str(sample_path())]) == 2
    err = capsys.readouterr().err
    assert err.splitlines() == [err.strip()] and "RuntimeError" in err and "--debug" in err
    with pytest.raises(RuntimeError):
        main(["check", str(sample_path()), "--debug"])


def test_a_memory_error_is_one_line(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    def exhaust(path: Path, options: object = None) -> None:
        raise MemoryError

    monkeypatch.setattr("goaltui.io.formats.read_document", exhaust)
    assert main(["summary", str(sample_path())]) == 2
    assert "内存不足" in capsys.readouterr().err


def test_the_editor_fails_before_the_screen_on_a_hostile_file(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    result = _run(fifo)
    assert result.returncode == 2 and "命名管道" in result.stderr and len(result.stderr.splitlines()) == 1


def test_editor_exit_code_after_a_crash(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from goaltui.ui import app as app_module

    table = tmp_path / "t.json"
    shutil.copyfile(sample_path(), table)

    class Crashed:
        return_code = 1

        def __init__(self, *args: object, **kwargs: object) -> None:
            pass

        def run(self) -> None:
            return None

        def exit_on_signal(self, signum: int, frame: object = None) -> None:
            pass

        def flush_journal(self) -> None:
            pass

    monkeypatch.setattr(app_module, "GoalApp", Crashed)
    assert app_module.run_editor(table) == 2
    Crashed.return_code = 0
    assert app_module.run_editor(table) == 0


def test_the_markdown_report_is_safe_to_cat(hostile_table: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.md"
    result = _run("convert", hostile_table, out, "--with-problems")
    assert result.returncode == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert "\x1b" not in text and "\x07" not in text and "\u202e" not in text
    assert "区人大办␛\\]52;c;cm0gLXJmIH4K␇" in text


@pytest.mark.parametrize("output_format", ["text", "json", "md"])
def test_review_and_diff_output_carry_no_control_sequence(hostile_table: Path, tmp_path: Path, output_format: str) -> None:
    plain = tmp_path / "plain.json"
    shutil.copyfile(sample_path(), plain)
    diff = _run("diff", plain, hostile_table, "--format", output_format)
    assert diff.returncode == 1, diff.stderr
    review = _run("review", tmp_path, "--format", output_format)
    assert review.returncode in (0, 1), review.stderr
    for result in (diff, review):
        assert "\x1b" not in result.stdout and "\x07" not in result.stdout and "\u202e" not in result.stdout
        assert "\x1b" not in result.stderr
