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

from tests.waiting import DEADLINE

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
            command[0], command[1:], cwd=str(cwd), env=env, dimensions=(LINES, COLUMNS), timeout=DEADLINE
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

    def wait_for(self, needle: str, timeout: float = DEADLINE) -> None:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            self.pump()
            if needle in self.text():
                return
        raise AssertionError(f"{needle!r} never appeared on screen:\n{self.text()}")

    def wait_until_gone(self, needle: str, timeout: float = DEADLINE) -> None:
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
    term.child.expect(pexpect.EOF, timeout=DEADLINE)


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


def _bracketed(text: str) -> str:
    """*text* as a terminal pastes it: bracketed, its line breaks sent as CR (as tmux and xterm do)."""
    return "\x1b[200~" + text.replace("\n", "\r") + "\x1b[201~"


def test_a_tsv_block_pasted_through_the_terminal_becomes_rows_on_disk(term: Terminal, table: Path) -> None:
    rows = [
        ["产出指标", "培训参加人数", "≥50人", "参加培训的人数"],
        ["效益指标", "参训人员履职能力提升率", "≥80%", "培训后考核成绩提高的比例"],
        ["满意度指标", "参训人员满意度", "≥90%", "参训人员对培训的满意程度"],
    ]
    term.wait_for("第1行 一级指标")
    term.send(_bracketed("".join("\t".join(row) + "\n" for row in rows)))
    term.wait_for("已粘贴 3 行指标")
    save_and_quit(term)
    indicators = saved_project(table, 0)["indicators"]
    assert len(indicators) == 8
    assert [[i["level1"], i["name"], i["value"], i["description"]] for i in indicators[1:4]] == rows


def test_rows_copied_from_an_exported_workbook_paste_as_projects(term: Terminal, table: Path, tmp_path: Path) -> None:
    """The official workbook goaltui writes, read back as Excel shows it (python-calamine), two
    projects' rows joined with tabs as Excel copies them: pasted on the tree, they are projects again."""
    from python_calamine import CalamineWorkbook

    from goaltui.io.formats import read_document, write_document

    document = read_document(table)
    workbook = tmp_path / "exported.xlsx"
    write_document(document, workbook)
    sheet = CalamineWorkbook.from_path(str(workbook)).get_sheet_by_index(0).to_python()

    def shown(value: object) -> str:
        return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)

    start = next(i for i, row in enumerate(sheet) if row[0] == "区人大常委会例会和其他会议")
    end = next(i for i, row in enumerate(sheet) if row[0] == "区代表工作经费")
    block = "".join("\t".join(shown(cell) for cell in row) + "\n" for row in sheet[start:end])
    term.send(KEY["escape"])
    term.wait_for(FOOTER_TREE)
    term.send(_bracketed(block))
    term.wait_for("已粘贴 2 个项目")
    save_and_quit(term)
    projects = json.loads(table.read_text("utf-8"))["units"][0]["projects"]
    assert [p["name"] for p in projects[1:3]] == ["区人大常委会例会和其他会议（副本）", "常委考察调研经费（副本）"]
    for copy, original in ((projects[1], projects[4]), (projects[2], projects[5])):  # after the first project
        assert copy["funds"] == original["funds"] and copy["indicators"] == original["indicators"]


def test_review_on_a_terminal_opens_the_review_screen(inbox: Any) -> None:
    """``goaltui review DIR`` without --format, on a terminal: the screen (in a pipe: the text table).
    Open a table, go back with Ctrl+W, quit with Ctrl+Q: exit 0."""
    term = Terminal([sys.executable, "-m", "goaltui", "review", str(inbox.path)], inbox.path)
    try:
        term.wait_for("共 13 个表格：5 个就绪，3 个有错误，5 个无法读取")
        term.wait_for("11_坏.json")
        term.send(KEY["enter"])  # the first table, in the editor
        term.wait_for("绩效指标")
        term.wait_for("返回列表")
        term.send("\x17")  # Ctrl+W
        term.wait_for("共 13 个表格")
        term.send(KEY["ctrl+q"])
        term.child.expect(pexpect.EOF, timeout=DEADLINE)
    finally:
        if term.child.isalive():
            term.child.terminate(force=True)
    term.child.close()
    assert term.child.exitstatus == 0
