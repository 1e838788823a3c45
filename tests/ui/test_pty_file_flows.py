"""The editor's file safety in a real pseudo-terminal: kill -9 and restore, a dropped session, two
editors on one file, a crash, and a hostile table's bytes on the terminal.

Each test starts ``python -m goaltui`` in a pty (pexpect), reads the screen with pyte and waits for
what the screen shows or for a file to appear, never for a fixed time.
"""

from __future__ import annotations

import json
import os
import re
import signal
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from goaltui.io import native
from goaltui.io.file_lock import DocumentLock
from goaltui.io.recovery import journal_path_for
from goaltui.io.state import state_dir
from goaltui.resources import sample_path
from tests.ui.test_pty_e2e import KEY, Terminal
from tests.waiting import DEADLINE, wait_until

pexpect = pytest.importorskip("pexpect")
pyte = pytest.importorskip("pyte")

OSC52 = "\x1b]52;c;cm0gLXJmIH4K\x07"


class RecordingTerminal(Terminal):
    """A terminal that also keeps every byte the editor wrote."""

    def __init__(self, command: list[str], cwd: Path) -> None:
        super().__init__(command, cwd)
        self.data = b""
        self.reaped = False
        """The test waited for the process itself (pexpect must not)."""

    def pump(self) -> None:
        try:
            data = self.child.read_nonblocking(65536, timeout=0.05)
        except (pexpect.TIMEOUT, pexpect.EOF):
            return
        self.data += data
        self.stream.feed(data)

    def wait_until(self, condition: Callable[[], bool], timeout: float = DEADLINE) -> None:
        end = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > end:
                raise AssertionError(f"never happened; the screen:\n{self.text()}")
            self.pump()

    def exit_status(self, timeout: float = DEADLINE) -> int:
        """Wait for the editor to end (reading what it writes meanwhile); its exit code (-N: signal N)."""
        self.wait_until(lambda: not self.child.isalive(), timeout)
        self.pump()
        self.child.close()
        return self.child.exitstatus if self.child.exitstatus is not None else -self.child.signalstatus


@pytest.fixture
def editors(tmp_path: Path) -> Iterator[Callable[..., RecordingTerminal]]:
    started: list[RecordingTerminal] = []

    def start(*args: str | Path, python: str | None = None) -> RecordingTerminal:
        command = [sys.executable, "-m", "goaltui", *map(str, args)]
        if python is not None:
            command = [sys.executable, "-c", python, *map(str, args)]
        terminal = RecordingTerminal(command, tmp_path)
        started.append(terminal)
        return terminal

    yield start
    for terminal in started:
        if not terminal.reaped and terminal.child.isalive():
            terminal.child.terminate(force=True)


def _journal(table: Path) -> Path:
    return journal_path_for(table, state_dir("recovery"))


def _value_in_journal(table: Path) -> str:
    document = json.loads(_journal(table).read_text("utf-8"))["document"]
    return str(document["units"][0]["projects"][0]["indicators"][0]["value"])


def _type_a_value(term: RecordingTerminal, value: str) -> None:
    term.wait_for("绩效指标")
    term.send(KEY["right"] + KEY["right"])
    term.wait_for("第1行 指标值")
    term.send(value + "\r")
    term.wait_for("*未保存")


def test_kill_9_then_restore_and_save(editors: Callable[..., RecordingTerminal], sample_copy: Path) -> None:
    first = editors(sample_copy)
    _type_a_value(first, "≥42次")
    first.wait_until(lambda: _journal(sample_copy).exists() and _value_in_journal(sample_copy) == "≥42次")
    first.child.kill(signal.SIGKILL)
    assert first.exit_status() == -signal.SIGKILL
    assert "≥42次" not in sample_copy.read_text("utf-8")  # never saved

    second = editors(sample_copy)
    second.wait_for("恢复未保存的修改")
    second.wait_for("没有正常退出")
    second.wait_for(f"进程 {first.child.pid}")
    second.wait_for("修改项目")  # what differs
    second.send(KEY["enter"])  # 恢复 (the default)
    second.wait_for("≥42次")
    second.wait_for("*未保存")
    second.send(KEY["ctrl+s"])
    second.wait_for("已保存")
    second.wait_until_gone("*未保存")
    second.send(KEY["ctrl+q"])
    assert second.exit_status() == 0
    assert native.read(sample_copy).units[0].projects[0].indicators[0].value == "≥42次"
    assert not _journal(sample_copy).exists()


@pytest.mark.parametrize(("how", "code"), [("SIGTERM", 128 + signal.SIGTERM), ("SIGHUP", 128 + signal.SIGHUP)])
def test_a_signal_keeps_every_edit_and_the_terminal(
    editors: Callable[..., RecordingTerminal], sample_copy: Path, how: str, code: int
) -> None:
    """kill (SIGTERM) or a dropped SSH session (SIGHUP): the journal gets everything, the cell being typed
    into included, and the editor ends normally (the terminal is given back)."""
    term = editors(sample_copy)
    _type_a_value(term, "≥43次")
    term.send(KEY["down"] + "草稿")  # still in the cell editor
    term.wait_for("草稿")
    term.child.kill(getattr(signal, how))
    assert term.exit_status() == code
    assert b"\x1b[?1049l" in term.data  # the alternate screen left: the shell is usable again
    document = json.loads(_journal(sample_copy).read_text("utf-8"))["document"]
    values = [row["value"] for row in document["units"][0]["projects"][0]["indicators"]]
    assert values[:2] == ["≥43次", "草稿"]


def test_a_dropped_terminal_keeps_every_edit(editors: Callable[..., RecordingTerminal], sample_copy: Path) -> None:
    term = editors(sample_copy)
    _type_a_value(term, "≥44次")
    pid = term.child.pid
    os.close(term.child.child_fd)  # the SSH session dropped: the terminal is gone (the kernel sends SIGHUP)
    ended: list[int] = []

    def reaped() -> bool:
        done, raw = os.waitpid(pid, os.WNOHANG)
        if done:
            ended.append(os.waitstatus_to_exitcode(raw))
        return bool(done)

    wait_until(reaped, "the editor ending after its terminal was closed")
    term.reaped = True
    assert ended == [128 + signal.SIGHUP]
    assert _value_in_journal(sample_copy) == "≥44次"


def test_two_editors_on_one_file(editors: Callable[..., RecordingTerminal], sample_copy: Path) -> None:
    first = editors(sample_copy)
    first.wait_for("绩效指标")
    # The lock is taken after the first frame (start_file): wait for it, not for the screen alone
    # (on a loaded machine the second editor could otherwise open the file before the first locked it).
    first.wait_until(lambda: (holder := DocumentLock(sample_copy).holder()) is not None
                     and holder.pid == first.child.pid)
    second = editors(sample_copy)
    second.wait_for("文件已被打开")
    second.wait_for(f"进程 {first.child.pid}")
    second.send(KEY["enter"])  # 只读打开
    second.wait_for("只读")
    second.send(KEY["right"] + KEY["right"] + "9")
    second.wait_for("这里不能修改")
    second.send(KEY["ctrl+s"])
    second.wait_for("不能保存到")
    # the first saves; the second cannot silently win
    _type_a_value(first, "≥45次")
    first.send(KEY["ctrl+s"])
    first.wait_until_gone("*未保存")
    assert native.read(sample_copy).units[0].projects[0].indicators[0].value == "≥45次"
    second.send(KEY["ctrl+q"])
    assert second.exit_status() == 0
    first.send(KEY["ctrl+q"])
    assert first.exit_status() == 0


CRASH = (
    "import sys\n"
    "from goaltui.ui.screens.main import MainScreen\n"
    "def crash(self): raise RuntimeError('boom')\n"
    "MainScreen.action_header = crash\n"
    "from goaltui.cli import run\n"
    "sys.argv[0] = 'goaltui'\n"
    "run()\n"
)


def test_a_crash_exits_with_2_and_keeps_the_edits(editors: Callable[..., RecordingTerminal], sample_copy: Path) -> None:
    term = editors(sample_copy, python=CRASH)
    _type_a_value(term, "≥46次")
    term.send("\x1b[20~")  # F9: the header form (made to crash)
    assert term.exit_status() == 2
    assert _value_in_journal(sample_copy) == "≥46次"  # written on the way out
    again = editors(sample_copy)
    again.wait_for("恢复未保存的修改")


def test_no_control_sequence_of_a_cell_reaches_the_terminal(
    editors: Callable[..., RecordingTerminal], tmp_path: Path
) -> None:
    document = native.read(sample_path())
    document.units[0].name = f"区人大办{OSC52}"
    document.units[0].projects[0].name = "例会\x1b]0;pwned\x07\x1b[2J"
    document.units[0].projects[0].indicators[0].value = "≥3次\u202e001"
    table = tmp_path / "hostile.json"
    native.write(document, table)
    term = editors(table)
    term.wait_for("区人大办␛]52;")  # the marks are on screen
    term.wait_for("例会␛]0;pwned␇␛[2J")
    term.wait_for("≥3次<U+202E")  # (in the grid the cell is cut: "…")
    term.send(KEY["right"] + KEY["right"])  # the hint line with the whole value
    term.wait_for("≥3次<U+202E>001")
    term.send("\x1bOS")  # F4: the problems list
    term.wait_for("控制字符")
    term.send(KEY["ctrl+q"])
    term.exit_status()
    assert b"\x1b]52" not in term.data and b"\x1b]0;pwned" not in term.data
    assert "\u202e".encode() not in term.data and "\x9b".encode() not in term.data
    textuals_own = re.sub(rb"\x1b\]22;[a-z-]*\x07", b"", term.data)  # (Textual sets the mouse pointer's shape)
    assert b"\x07" not in textuals_own and b"\x1b]" not in textuals_own
    assert "pwned" not in term.screen.title  # (pyte reads Textual's OSC 22 as a title: ";default")
