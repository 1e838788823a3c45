"""The recovery journal survives kill -9, is flushed on SIGTERM/SIGHUP, and says what it would restore."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from goaltui.io import native
from goaltui.io.external_change import FileFingerprint
from goaltui.io.recovery import RecoveryJournal, find_recovery, install_flush_on_signals, journal_path_for
from goaltui.resources import sample_path
from tests.waiting import DEADLINE, end_process, read_line, wait_until

# An editor stand-in: opens the table, makes an edit, keeps a journal, then waits to be killed.
# Its SIGHUP disposition is set, not inherited: a test run under nohup (or a CI runner that ignores
# SIGHUP) hands its children SIG_IGN, and an editor that ignores SIGHUP rightly survives a hangup.
EDITOR = textwrap.dedent(
    """
    import signal, sys, time
    from pathlib import Path
    from goaltui.io import native
    from goaltui.io.external_change import FileFingerprint
    from goaltui.io.recovery import RecoveryJournal, install_flush_on_signals

    path, state, mode, hangup = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3], sys.argv[4]
    signal.signal(signal.SIGHUP, signal.SIG_IGN if hangup == "ignored" else signal.SIG_DFL)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    document = native.read(path)
    journal = RecoveryJournal(path, base=FileFingerprint.of(path), state_directory=state, interval=0)
    install_flush_on_signals(lambda: journal.flush(document))
    document.units[0].projects[0].indicators[0].value = "≥99次"   # the unsaved edit
    document.title = "改过的标题"
    journal.changed()
    if mode == "timer":
        journal.flush_if_due(document)   # what the editor's timer does
    print("edited", flush=True)
    while True:
        time.sleep(60)
    """
)

Editor = Callable[..., "subprocess.Popen[str]"]


@pytest.fixture
def editor() -> Iterator[Editor]:
    """Start editor stand-ins (each has made its edit when returned); none outlives the test."""
    started: list[subprocess.Popen[str]] = []

    def start(table: Path, state: Path, mode: str, hangup: str = "default") -> subprocess.Popen[str]:
        process = subprocess.Popen(
            [sys.executable, "-c", EDITOR, str(table), str(state), mode, hangup], stdout=subprocess.PIPE, text=True
        )
        started.append(process)
        assert read_line(process).strip() == "edited"
        return process

    yield start
    for process in started:
        end_process(process)


@pytest.fixture
def table(tmp_path: Path) -> Path:
    path = tmp_path / "s.json"
    shutil.copyfile(sample_path(), path)
    return path


def test_recovery_after_kill_9(editor: Editor, table: Path, tmp_path: Path) -> None:
    state = tmp_path / "state"
    process = editor(table, state, "timer")
    process.send_signal(signal.SIGKILL)
    assert process.wait(DEADLINE) == -signal.SIGKILL
    found = find_recovery(table, state)
    assert found is not None
    assert found.pid == process.pid and not found.writer_alive()
    assert found.document.units[0].projects[0].indicators[0].value == "≥99次"
    assert not found.file_changed_since()
    differences = found.differences(None)
    assert any("改过的标题" in line for line in differences)
    assert any("修改项目" in line for line in differences)
    found.discard()
    assert find_recovery(table, state) is None


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_dropped_session_flushes_the_pending_edit(
    editor: Editor, table: Path, tmp_path: Path, signum: signal.Signals
) -> None:
    state = tmp_path / "state"
    process = editor(table, state, "pending")  # the edit is not in the journal yet
    assert not journal_path_for(table, state).exists()
    process.send_signal(signum)
    assert process.wait(DEADLINE) == -signum  # ended as the signal ends it, after the flush
    found = find_recovery(table, state)
    assert found is not None and found.document.title == "改过的标题"


def test_under_nohup_a_hangup_flushes_and_the_editor_goes_on(editor: Editor, table: Path, tmp_path: Path) -> None:
    """SIGHUP was ignored before (nohup): the handler still writes the journal, then keeps ignoring it."""
    state = tmp_path / "state"
    process = editor(table, state, "pending", "ignored")
    process.send_signal(signal.SIGHUP)
    wait_until(lambda: journal_path_for(table, state).exists(), "the journal written on SIGHUP")
    process.send_signal(signal.SIGTERM)
    assert process.wait(DEADLINE) == -signal.SIGTERM  # the hangup did not end it; the later kill did
    found = find_recovery(table, state)
    assert found is not None and found.document.title == "改过的标题"


def test_the_journal_is_written_when_due_and_removed_once_saved(table: Path, tmp_path: Path) -> None:
    now = [100.0]
    document = native.read(table)
    state = tmp_path / "state"
    journal = RecoveryJournal(table, state_directory=state, interval=2.0, clock=lambda: now[0])
    assert not journal.flush_if_due(document)  # nothing to write
    journal.changed()
    assert journal.flush_if_due(document)  # the first edit after a quiet spell: at once
    journal.changed()
    now[0] += 1.0
    assert not journal.flush_if_due(document) and journal.pending  # within the interval: later
    now[0] += 1.5
    assert journal.flush_if_due(document) and not journal.pending
    assert journal.journal_path.stat().st_mode & 0o777 == 0o600  # the user's table: private
    assert [p.name for p in state.iterdir()] == [journal.journal_path.name]  # no temporary file left
    native.write(document, table)
    journal.discard()
    assert find_recovery(table, state) is None


def test_the_file_changed_since_the_edits_began(table: Path, tmp_path: Path) -> None:
    document = native.read(table)
    journal = RecoveryJournal(table, base=FileFingerprint.of(table), state_directory=tmp_path)
    journal.changed()
    journal.flush(document)
    table.write_text(table.read_text(encoding="utf-8").replace("柯桥", "越城"), encoding="utf-8")
    found = find_recovery(table, tmp_path)
    assert found is not None and found.file_changed_since()


def test_links_share_one_journal_and_a_new_table_has_its_own(table: Path, tmp_path: Path) -> None:
    link = tmp_path / "link.json"
    link.symlink_to(table)
    assert journal_path_for(link, tmp_path) == journal_path_for(table, tmp_path)
    assert journal_path_for(None, tmp_path).name.startswith("untitled-")


def test_a_damaged_journal_is_no_recovery(table: Path, tmp_path: Path) -> None:
    journal_path_for(table, tmp_path).write_text('{"format": "goaltui-recovery", "document": [', encoding="utf-8")
    assert find_recovery(table, tmp_path) is None


def test_signal_handlers_chain_and_uninstall() -> None:
    calls: list[str] = []
    previous = signal.signal(signal.SIGUSR1, lambda signum, frame: calls.append("previous"))
    try:
        uninstall = install_flush_on_signals(lambda: calls.append("flush"), [signal.SIGUSR1])
        os.kill(os.getpid(), signal.SIGUSR1)
        assert calls == ["flush", "previous"]
        uninstall()
        os.kill(os.getpid(), signal.SIGUSR1)
        assert calls == ["flush", "previous", "previous"]
    finally:
        signal.signal(signal.SIGUSR1, previous)
