"""The file behind a session: lock on open, read-only mode, the journal's schedule, what stands before a save."""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from goaltui.io import native
from goaltui.io.recovery import RecoveryJournal, find_recovery
from goaltui.model.commands import SetDocumentField, SetProjectName
from goaltui.resources import sample_path
from goaltui.session import Session
from goaltui.session.document_file import DocumentFile, ReadOnlyError, write_document_with_notes
from tests.io import form_fixtures
from tests.io.test_file_lock import _start_holder


@contextlib.contextmanager
def held_by_another_process(path: Path) -> Iterator[subprocess.Popen[str]]:
    """*path*'s lock held by a child process (another editor) for the block."""
    holder = _start_holder(path)
    try:
        yield holder
    finally:
        holder.kill()
        holder.wait(timeout=30)


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def table(tmp_path: Path) -> Path:
    path = tmp_path / "s.json"
    shutil.copyfile(sample_path(), path)
    return path


@pytest.fixture
def state(tmp_path: Path) -> Path:
    return tmp_path / "state"


def _file(table: Path, state: Path, clock: Clock | None = None) -> DocumentFile:
    return DocumentFile(table, table, state_directory=state, clock=clock or Clock())


def _session_with(file: DocumentFile, table: Path) -> Session:
    session = Session(native.read(table))
    session.listeners.append(lambda change: file.changed(session.dirty))
    return session


# --- the lock ------------------------------------------------------------------------------------------


def test_opening_takes_the_lock_and_closing_gives_it_back(table: Path, state: Path) -> None:
    file = _file(table, state)
    opened = file.open()
    assert opened.busy is None and opened.shared and file.lock is not None and file.lock.held
    assert file.guard is not None and file.journal is not None
    file.close(None, keep=False)
    assert file.lock is None
    again = _file(table, state)
    assert again.open().busy is None  # free again
    again.close(None, keep=False)


def test_a_second_editor_learns_who_holds_the_file_and_opens_read_only(table: Path, state: Path) -> None:
    with held_by_another_process(table) as holder:
        file = _file(table, state)
        opened = file.open()
        assert opened.busy is not None and not opened.stale
        assert opened.busy.holder is not None and opened.busy.holder.pid == holder.pid
        assert str(holder.pid) in str(opened.busy)
        assert file.journal is None  # nothing started: the user is asked first
        read_only = file.open_read_only(opened.busy)
        assert file.journal is None  # the holder keeps the journal, not a reader
        assert f"进程 {holder.pid}" in read_only.message() and "Ctrl+O" in read_only.message()
        session = Session(native.read(table))
        session.read_only = read_only
        project = session.document.units[0].projects[0]
        with pytest.raises(ReadOnlyError):
            session.execute(SetProjectName(project.key, "改"))
        assert project.name != "改" and not session.dirty
        for refused in (session.undo, session.redo):
            with pytest.raises(ReadOnlyError):
                refused()
        check = file.check_save(table)
        assert check.refused is not None and "Ctrl+O" in check.refused


def test_save_as_ends_read_only_mode_and_holds_the_new_file(table: Path, state: Path, tmp_path: Path) -> None:
    with held_by_another_process(table):
        file = _file(table, state)
        busy = file.open().busy
        assert busy is not None
        file.open_read_only(busy)
        copy = tmp_path / "copy.json"
        check = file.check_save(copy)
        assert check == check._replace(refused=None, external=None, read_only_mode=None, dropped_sheets=())
        write_document_with_notes(native.read(table), copy)
        file.saved(copy, dirty=False)
        assert file.read_only is None and file.target == copy and file.journal is not None
        assert file.lock is not None and file.lock.held and Path(file.lock.path) == copy
        other = _file(copy, state)
        assert other.open().busy is not None  # the copy is this editor's now
        file.close(None, keep=False)


def test_save_as_onto_a_file_another_editor_holds_is_refused(table: Path, state: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.json"
    shutil.copyfile(table, other)
    with held_by_another_process(other) as holder:
        file = _file(table, state)
        file.open()
        check = file.check_save(other)
        assert check.refused is not None and str(holder.pid) in check.refused
        file.close(None, keep=False)


def test_a_cancelled_save_as_gives_its_lock_back(table: Path, state: Path, tmp_path: Path) -> None:
    file = _file(table, state)
    file.open()
    target = tmp_path / "new.json"
    assert file.check_save(target).refused is None
    assert _file(target, state).open().busy is not None  # held for the save meanwhile
    file.save_ended()
    probe = _file(target, state)
    assert probe.open().busy is None
    probe.close(None, keep=False)
    assert not (tmp_path / "missing").exists()
    assert file.check_save(tmp_path / "missing" / "x.json").refused is None
    assert not (tmp_path / "missing").exists()  # asking never creates a folder
    file.close(None, keep=False)


def test_a_stale_holder_can_be_taken_over(table: Path, state: Path) -> None:
    import json
    import sys

    # A lock held by a process other than the one its JSON names (which is gone).
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead_pid = int(dead.stdout)
    with held_by_another_process(table):
        info = table.with_name(f".{table.name}.goaltui-lock.json")
        data = json.loads(info.read_text(encoding="utf-8"))
        info.write_text(json.dumps({**data, "pid": dead_pid}), encoding="utf-8")
        file = _file(table, state)
        opened = file.open()
        assert opened.busy is not None and opened.stale
        taken = file.take_over()
        assert taken.busy is None and taken.replaced is not None and taken.replaced.pid == dead_pid
        assert file.lock is not None and file.lock.held and file.journal is not None
        file.close(None, keep=False)


# --- the journal -----------------------------------------------------------------------------------------


def test_the_journal_waits_for_a_pause_and_never_longer_than_the_limit(table: Path, state: Path) -> None:
    clock = Clock()
    file = _file(table, state, clock)
    file.open()
    session = _session_with(file, table)
    project = session.document.units[0].projects[0]
    assert not file.tick(session.document)  # nothing to write
    session.execute(SetProjectName(project.key, "一"))
    assert not file.tick(session.document)  # at once: no (the user is typing)
    clock.now += 0.5
    assert not file.tick(session.document)
    clock.now += 0.6  # a pause of a second
    assert file.tick(session.document)
    assert find_recovery(table, state / "recovery") is not None
    assert not file.tick(session.document)  # written: nothing pending
    for step in range(12):  # a change every half second: no pause...
        session.execute(SetProjectName(project.key, f"名{step}"))
        clock.now += 0.5
        if file.tick(session.document):
            break
    assert step == 9  # ...written once the oldest unwritten change is 5 seconds old
    found = find_recovery(table, state / "recovery")
    assert found is not None and found.document.units[0].projects[0].name == "名9"
    file.close(session.document, keep=False)


def test_undoing_back_to_the_file_removes_the_journal(table: Path, state: Path) -> None:
    clock = Clock()
    file = _file(table, state, clock)
    file.open()
    session = _session_with(file, table)
    session.execute(SetDocumentField("title", "改过的标题"))
    file.flush(session.document)
    assert find_recovery(table, state / "recovery") is not None
    session.undo()
    assert find_recovery(table, state / "recovery") is None
    session.redo()
    clock.now += 2
    assert file.tick(session.document)
    file.close(session.document, keep=True)  # a crash or a signal: the journal stays for next time
    assert find_recovery(table, state / "recovery") is not None


def test_a_save_removes_the_journal_unless_the_table_changed_during_it(table: Path, state: Path) -> None:
    file = _file(table, state)
    file.open()
    session = _session_with(file, table)
    session.execute(SetDocumentField("title", "一"))
    file.flush(session.document)
    file.saved(table, dirty=False)
    assert find_recovery(table, state / "recovery") is None
    session.execute(SetDocumentField("title", "二"))
    file.saved(table, dirty=True)  # (an .xlsx written in a worker while the user typed on)
    assert file.journal is not None and file.journal.pending
    file.close(session.document, keep=False)


def test_recovery_is_offered_once_the_writer_is_gone(table: Path, state: Path) -> None:
    import subprocess
    import sys

    code = (
        "import sys; from pathlib import Path; from goaltui.io import native;"
        "from goaltui.io.recovery import RecoveryJournal; from goaltui.io.external_change import FileFingerprint;"
        "p = Path(sys.argv[1]); d = native.read(p); d.title = '崩溃前';"
        "j = RecoveryJournal(p, base=FileFingerprint.of(p), state_directory=Path(sys.argv[2]));"
        "j.changed(); j.flush(d)"
    )
    subprocess.run([sys.executable, "-c", code, str(table), str(state / "recovery")], check=True)
    file = _file(table, state)
    file.open()
    found = file.recovery()
    assert found is not None and found.document.title == "崩溃前" and not found.file_changed_since()
    session = _session_with(file, table)
    file.restored(found)
    from goaltui.model.commands import ReplaceContent

    session.execute(ReplaceContent(found.document))
    assert session.dirty and session.document.title == "崩溃前"
    session.undo()  # the restore is one undo step; undone, the journal goes
    assert not session.dirty and find_recovery(table, state / "recovery") is None
    file.close(session.document, keep=False)


def test_no_recovery_is_offered_to_a_read_only_editor(table: Path, state: Path) -> None:
    journal = RecoveryJournal(table, state_directory=state / "recovery")
    journal.changed()
    journal.flush(native.read(table))
    with held_by_another_process(table):
        file = _file(table, state)
        busy = file.open().busy
        assert busy is not None
        file.open_read_only(busy)
        assert file.recovery() is None


# --- before a save -----------------------------------------------------------------------------------------


def test_a_change_on_disk_is_found_before_saving(table: Path, state: Path) -> None:
    file = _file(table, state)
    file.open()
    assert file.check_save(table).external is None
    table.write_text(table.read_text(encoding="utf-8").replace("柯桥", "越城"), encoding="utf-8")
    change = file.check_save(table).external
    assert change is not None and not change.deleted
    file.accept(change)  # the user chose to overwrite
    assert file.check_save(table).external is None
    write_document_with_notes(native.read(sample_path()), table)
    file.saved(table, dirty=False)
    assert file.check_save(table).external is None  # our own save is not a change
    file.close(None, keep=False)


def test_a_read_only_file_is_named_before_it_is_replaced(table: Path, state: Path) -> None:
    file = _file(table, state)
    file.open()
    table.chmod(0o444)
    try:
        check = file.check_save(table)
        assert check.read_only_mode == "0444"
        from goaltui.errors import OutputError

        with pytest.raises(OutputError):
            write_document_with_notes(native.read(table), table)
        write_document_with_notes(native.read(table), table, allow_read_only=True)
        assert stat.S_IMODE(os.stat(table).st_mode) == 0o444  # replaced, and still read-only
    finally:
        table.chmod(0o644)
        file.close(None, keep=False)


def test_save_notes_are_returned(table: Path, tmp_path: Path) -> None:
    other_name = tmp_path / "snapshot.json"
    os.link(table, other_name)
    notes = write_document_with_notes(native.read(table), table)
    assert len(notes) == 1 and "硬链接" in notes[0]


def test_sheets_a_save_would_drop_are_named(tmp_path: Path, state: Path) -> None:
    workbook = tmp_path / "forms.xlsx"
    form_fixtures.write(workbook, form_fixtures.two_period_sheet, form_fixtures.upper_funds_sheet)
    file = DocumentFile(workbook, None, state_directory=state)
    file.open()
    assert file.check_save(workbook).dropped_sheets == ("表1", "表2")
    single = tmp_path / "single.xlsx"
    write_document_with_notes(native.read(sample_path()), single)
    assert file.check_save(single).dropped_sheets == ()  # goaltui's own one-sheet table
    file.save_ended()
    file.close(None, keep=False)
