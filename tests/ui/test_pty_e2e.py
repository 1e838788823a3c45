"""End to end in a real pseudo-terminal: start ``goaltui FILE``, edit, save, check the file.

Reads the screen with pyte (a terminal emulator), types with pexpect. The tests wait for
what the screen shows, never for a fixed time.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pexpect = pytest.importorskip("pexpect")
pyte = pytest.importorskip("pyte")

COLUMNS, LINES = 100, 30


class Terminal:
    def __init__(self, command: list[str], cwd: Path) -> None:
        self.screen = pyte.Screen(COLUMNS, LINES)
        self.stream = pyte.ByteStream(self.screen)
        env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": str(COLUMNS), "LINES": str(LINES)}
        env.pop("TEXTUAL", None)
        self.child = pexpect.spawn(
            command[0], command[1:], cwd=str(cwd), env=env, dimensions=(LINES, COLUMNS), timeout=20
        )

    def pump(self) -> None:
        """Read what the app wrote so far (waits at most 50 ms for it)."""
        try:
            data = self.child.read_nonblocking(65536, timeout=0.05)
        except (pexpect.TIMEOUT, pexpect.EOF):
            return
        self.stream.feed(data)

    def text(self) -> str:
        # (pyte's Screen.display fails on a wide character cut in half by a later write)
        buffer, columns = self.screen.buffer, self.screen.columns
        return "\n".join("".join(buffer[y][x].data for x in range(columns)) for y in range(self.screen.lines))

    def wait_for(self, needle: str, timeout: float = 20) -> None:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            self.pump()
            if needle in self.text():
                return
        raise AssertionError(f"{needle!r} never appeared on screen:\n{self.text()}")

    def wait_until_gone(self, needle: str, timeout: float = 20) -> None:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            self.pump()
            if needle not in self.text():
                return
        raise AssertionError(f"{needle!r} stayed on screen:\n{self.text()}")

    def send(self, data: str) -> None:
        """One write to the terminal: every key in *data* arrives together, like a paste or a fast typist."""
        self.child.send(data)


KEY = {
    "down": "\x1b[B",
    "right": "\x1b[C",
    "enter": "\r",
    "escape": "\x1b",
    "ctrl+s": "\x13",
    "ctrl+q": "\x11",
    "end": "\x1b[F",
}
FOOTER_TREE = "新项目"
"""In the footer only while the tree has the focus."""
FOOTER_GRID = "插行"
"""In the footer only while the grid has the focus."""


@pytest.fixture
def table(sample_copy: Path) -> Path:
    return sample_copy


@pytest.fixture
def term(table: Path) -> Iterator[Terminal]:
    terminal = Terminal([sys.executable, "-m", "goaltui", str(table)], table.parent)
    try:
        terminal.wait_for("绩效指标")
        terminal.wait_for("table.json")
        yield terminal
    finally:
        if terminal.child.isalive():
            terminal.child.terminate(force=True)


def saved_project(table: Path, index: int) -> Any:
    return json.loads(table.read_text("utf-8"))["units"][0]["projects"][index]


def save_and_quit(term: Terminal) -> None:
    term.send(KEY["ctrl+s"])
    term.wait_for("已保存")
    term.wait_until_gone("*未保存")
    term.send(KEY["ctrl+q"])
    term.child.expect(pexpect.EOF, timeout=15)


def test_edit_and_save_in_a_real_terminal(term: Terminal, table: Path) -> None:
    # To the tree, one project down (the second project), back into its grid.
    term.send(KEY["escape"])
    term.wait_for(FOOTER_TREE)
    term.send(KEY["down"])
    term.wait_for("区人大财政预算咨询小组工作经历")
    term.send(KEY["enter"])
    term.wait_for(FOOTER_GRID)
    # 指标值 of the first row: type a new value (typing starts the editor) and commit.
    term.send(KEY["right"] + KEY["right"])
    term.wait_for("第1行 指标值")
    for key in ("≥", "3", "次"):
        term.send(key)
    term.wait_for("≥3次")
    term.send(KEY["enter"])
    term.wait_for("*未保存")
    save_and_quit(term)
    project = saved_project(table, 1)
    assert project["name"] == "区人大财政预算咨询小组工作经历"
    assert project["indicators"][0]["value"] == "≥3次"


def test_text_and_enter_in_one_write_are_kept(term: Terminal, table: Path) -> None:
    """Defect 2: text and Enter arriving in one write left the old value (a paste without
    bracketed paste, a fast typist over a slow SSH link)."""
    term.send(KEY["right"] + KEY["right"])
    term.wait_for("第1行 指标值")
    term.send("≥77%\r")
    term.wait_for("*未保存")
    # on 指标描述 the long-text editor popped up over the typed text
    term.send(KEY["down"] + KEY["end"])
    term.wait_for("第2行 指标描述")
    term.send("跨度为五年\r")
    term.wait_for("跨度为五年")
    save_and_quit(term)
    indicators = saved_project(table, 0)["indicators"]
    assert indicators[0]["value"] == "≥77%"
    assert indicators[1]["description"] == "跨度为五年"


def test_a_burst_over_several_cells_lands_in_each(term: Terminal, table: Path) -> None:
    """Typing on, Tab, typing on, Enter, ↓: all in one write, as a quick typist over SSH sends it."""
    term.send(KEY["right"])
    term.wait_for("第1行 明细指标")
    term.send("跟踪年份\t≥5年\r" + KEY["down"] + "8年\r")
    term.wait_for("跟踪年份")
    save_and_quit(term)
    indicators = saved_project(table, 0)["indicators"]
    assert indicators[0]["name"] == "跟踪年份"
    assert indicators[0]["value"] == "≥5年"
    assert indicators[1]["value"] == "8年"
