"""End to end in a real pseudo-terminal: start ``goaltui FILE``, edit, save, check the file.

Reads the screen with pyte (a terminal emulator), types with pexpect.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import time
from pathlib import Path

import pytest

from goaltui.resources import sample_path

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

    def pump(self, seconds: float = 0.2) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            try:
                data = self.child.read_nonblocking(65536, timeout=0.05)
            except pexpect.TIMEOUT:
                continue
            except pexpect.EOF:
                return
            self.stream.feed(data)

    def text(self) -> str:
        return "\n".join(self.screen.display)

    def wait_for(self, needle: str, timeout: float = 15) -> None:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            self.pump(0.1)
            if needle in self.text():
                return
        raise AssertionError(f"{needle!r} never appeared on screen:\n{self.text()}")

    def keys(self, *keys: str, pause: float = 0.25) -> None:
        for key in keys:
            self.child.send(key)
            self.pump(pause)


KEY = {"down": "\x1b[B", "right": "\x1b[C", "enter": "\r", "escape": "\x1b", "ctrl+s": "\x13", "ctrl+q": "\x11"}


def test_edit_and_save_in_a_real_terminal(tmp_path: Path) -> None:
    table = tmp_path / "table.json"
    shutil.copyfile(sample_path(), table)
    term = Terminal([sys.executable, "-m", "goaltui", str(table)], tmp_path)
    try:
        term.wait_for("绩效指标")
        term.wait_for("table.json")
        # To the tree, one project down (the second project), back into its grid.
        term.keys(KEY["escape"], KEY["down"], KEY["enter"])
        term.wait_for("区人大财政预算咨询小组工作经历")
        # 指标值 of the first row: type a new value (typing starts the editor) and commit.
        term.keys(KEY["right"], KEY["right"])
        term.wait_for("第1行 指标值")
        term.keys("≥", "3", "次", KEY["enter"])
        term.wait_for("*未保存")
        term.keys(KEY["ctrl+s"])
        term.wait_for("已保存")
        screen_text = term.text()
        assert "≥3次" in screen_text
        term.keys(KEY["ctrl+q"], pause=0.5)
        term.child.expect(pexpect.EOF, timeout=10)
    finally:
        if term.child.isalive():
            term.child.terminate(force=True)
    saved = json.loads(table.read_text("utf-8"))
    project = saved["units"][0]["projects"][1]
    assert project["name"] == "区人大财政预算咨询小组工作经历"
    assert project["indicators"][0]["value"] == "≥3次"
