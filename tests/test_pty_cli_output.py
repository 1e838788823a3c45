"""In a real pseudo-terminal: a control sequence in a cell never reaches the terminal through check/summary.

The cells carry what an attacker would send over SSH: OSC 52 (set the
clipboard), OSC 0 (window title), CSI 2J (clear the screen), a C1 CSI, a bidi
override. The bytes the terminal receives hold no ESC at all, and a terminal
emulator (pyte) fed with them keeps its title and shows the marks.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from goaltui.io import native
from goaltui.resources import sample_path
from tests.waiting import DEADLINE

pexpect = pytest.importorskip("pexpect")
pyte = pytest.importorskip("pyte")

ATTACKS = {
    "unit": "区人大办\x1b]52;c;cm0gLXJmIH4K\x07",
    "project": "例会\x1b]0;pwned\x07\x1b[2J",
    "value": "≥3次\x9b2J\u202e001",
    "leader": "周维\x1b]2;owned\x1b\\",
}


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    document = native.read(sample_path())
    document.units[0].name = ATTACKS["unit"]
    document.units[0].projects[0].name = ATTACKS["project"]
    document.units[0].projects[0].indicators[0].value = ATTACKS["value"]
    document.signatures.leader = ATTACKS["leader"]
    path = tmp_path / "hostile.json"
    native.write(document, path)
    return path


def _terminal_bytes(*args: str) -> bytes:
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "160", "LINES": "50"}
    env.pop("GOALTUI_LANG", None)
    child = pexpect.spawn(sys.executable, ["-m", "goaltui", *args], env=env, dimensions=(50, 160), timeout=DEADLINE)
    data = b""
    while True:
        try:
            data += child.read_nonblocking(65536, timeout=DEADLINE)
        except pexpect.EOF:
            break
    child.close()
    assert child.exitstatus in (0, 1), data[-500:]
    return data


@pytest.mark.parametrize("command", [["check"], ["summary"], ["check", "--format", "json"]])
def test_no_escape_reaches_the_terminal(hostile: Path, command: list[str]) -> None:
    data = _terminal_bytes(*command, str(hostile))
    assert b"\x1b" not in data
    assert b"\x07" not in data
    assert "\x9b".encode() not in data and "\u202e".encode() not in data
    screen = pyte.Screen(160, 50)
    stream = pyte.ByteStream(screen)
    stream.feed(data)
    assert screen.title == ""  # no OSC 0/2 took effect
    text = data.decode("utf-8")  # what scrolled past the screen too
    if command == ["check"]:
        assert "区人大办␛]52;c;cm0gLXJmIH4K␇" in text
        assert "E-UNIT-CONTROL" in text and "E-DOC-CONTROL" in text
    elif command == ["summary"]:
        assert "例会␛]0;pwned␇␛[2J" in "\n".join(screen.display)
