"""Every hostile file ends every command with one line and exit code 2, in bounded memory and time.

Each run is a real ``python -m goaltui`` under a 1 GiB address-space limit
(``ulimit -v``): before the limits, one of these files aborted the process
asking for 512 GiB, others took 1–12 GB or never ended.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from tests.hostile.corpus import CORPUS, make
from tests.waiting import DEADLINE

MEMORY_CAP = 1 << 30
"""Address space for one run: a legitimate 2,000-project workbook needs under 512 MiB."""
TIMEOUT = DEADLINE
"""Seconds: a run that takes longer is a hang (each takes well under 2 s on an idle machine)."""

# The other commands and the editor share the readers with check: a sample of each kind is enough.
SAMPLE = (
    "far-cell-XFD1048576.xlsx",
    "million-rows.xlsx",
    "zip-bomb.xlsx",
    "repeated.ods",
    "sparse-3GiB.json",
    "dev-zero.txt",
    "fifo.json",
    "fifo.xlsx",
    "nested.json",
    "surrogate.json",
    "exp-huge.json",
    "count-32bit.json",
    "control-after-8k.txt",
)


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return make(tmp_path_factory.mktemp("hostile"))


def _limit() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def run_capped(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "GOALTUI_LANG"}
    return subprocess.run(
        [sys.executable, "-m", "goaltui", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        stdin=subprocess.DEVNULL,
        preexec_fn=_limit,
        env=env,
        cwd=cwd,
    )


def assert_one_line_failure(result: subprocess.CompletedProcess[str]) -> None:
    assert result.returncode == 2, (result.returncode, result.stderr[-2000:])
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr[-2000:]
    assert lines[0].startswith("错误：")
    assert "Traceback" not in result.stderr and "\x1b" not in result.stderr


@pytest.mark.parametrize("name", [hostile.name for hostile in CORPUS])
def test_check_refuses_in_one_line(corpus: dict[str, Path], name: str) -> None:
    assert_one_line_failure(run_capped("check", corpus[name]))


@pytest.mark.parametrize("name", SAMPLE)
@pytest.mark.parametrize("command", ["summary", "convert", "editor"])
def test_other_commands_and_the_editor_refuse_in_one_line(
    corpus: dict[str, Path], name: str, command: str, tmp_path: Path
) -> None:
    if command == "convert":
        result = run_capped("convert", corpus[name], tmp_path / "out.md")
        assert not (tmp_path / "out.md").exists()
    elif command == "editor":
        # goaltui FILE: fails before the screen is taken over (no terminal here: it would fail otherwise).
        result = run_capped(corpus[name])
    else:
        result = run_capped(command, corpus[name])
    assert_one_line_failure(result)


def test_the_messages_name_the_limit(corpus: dict[str, Path]) -> None:
    expectations = {
        "far-cell-XFD1048576.xlsx": "1,048,576",
        "far-cell-XFD2000.xlsx": "16,384",
        "zip-bomb.xlsx": "压缩炸弹",
        "fifo.json": "命名管道",
        "dev-zero.json": "设备文件",
        "sparse-3GiB.json": "3072 MiB",
        "nested.json": "嵌套",
        "surrogate.json": "\\uD800",
        "exp-tiny.json": "1E-999999999",
        "control-after-8k.txt": "第 402 行含控制字符 ␛",
        "million-lines.txt": "1,000,001 行",
    }
    for name, needle in expectations.items():
        result = run_capped("check", corpus[name])
        assert needle in result.stderr, (name, result.stderr)


DATA = Path(__file__).parent / "data"


def test_a_legacy_xls_reaching_its_last_cell_is_refused_before_it_is_laid_out() -> None:
    result = run_capped("check", DATA / "far-A1-IV65536.xls")
    assert_one_line_failure(result)
    assert "65,536 行 × 256 列" in result.stderr


def test_a_real_legacy_xls_passes_the_limits() -> None:
    result = run_capped("summary", DATA / "sample.xls")
    assert result.returncode == 0, result.stderr
    assert "9 个项目" in result.stdout
