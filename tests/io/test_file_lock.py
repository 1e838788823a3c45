"""One lock per file: a second opener learns who holds it; a dead holder's lock is taken over."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from goaltui.io.file_lock import DocumentLock, DocumentLocked, LockHolder

HOLDER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from goaltui.io.file_lock import DocumentLock
    lock = DocumentLock(Path(sys.argv[1]))
    lock.acquire()
    print("locked", flush=True)
    sys.stdin.readline()   # hold the lock until told (or killed)
    lock.release()
    print("released", flush=True)
    """
)


def _table(tmp_path: Path) -> Path:
    table = tmp_path / "s.json"
    table.write_text("{}", encoding="utf-8")
    return table


def _start_holder(table: Path) -> subprocess.Popen[str]:
    process = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(table)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "locked"  # waits for the state, not for a time
    return process


def test_acquire_and_release(tmp_path: Path) -> None:
    table = _table(tmp_path)
    lock = DocumentLock(table)
    assert lock.acquire() is None
    holder = lock.holder()
    assert holder is not None and holder.pid == os.getpid() and holder.host == socket.gethostname()
    assert lock.lock_path.parent == tmp_path and lock.shared
    lock.release()
    assert lock.holder() is None
    lock.release()  # twice is harmless
    with DocumentLock(table) as again:
        assert again.held


def test_a_second_process_learns_who_holds_the_lock(tmp_path: Path) -> None:
    table = _table(tmp_path)
    holder = _start_holder(table)
    try:
        with pytest.raises(DocumentLocked) as raised:
            DocumentLock(table).acquire()
        busy = raised.value
        assert busy.holder is not None
        assert busy.holder.pid == holder.pid
        assert busy.holder.host == socket.gethostname()
        assert busy.holder.user
        assert busy.holder.alive() is True
        message = str(busy)
        assert "s.json" in message and str(holder.pid) in message and busy.holder.since[:10] in message
        # Told to let go, it releases: the lock is free again.
        assert holder.stdin is not None and holder.stdout is not None
        holder.stdin.write("\n")
        holder.stdin.flush()
        assert holder.stdout.readline().strip() == "released"
        lock = DocumentLock(table)
        assert lock.acquire() is None
        lock.release()
    finally:
        holder.kill()
        holder.wait()


def test_a_killed_holders_lock_is_taken_over_and_reported(tmp_path: Path) -> None:
    table = _table(tmp_path)
    holder = _start_holder(table)
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    lock = DocumentLock(table)
    replaced = lock.acquire()
    assert replaced is not None and replaced.pid == holder.pid
    assert replaced.alive() is False
    assert lock.holder() is not None and lock.holder().pid == os.getpid()  # type: ignore[union-attr]
    lock.release()


def test_a_lock_held_for_a_dead_process_is_broken_only_when_asked(tmp_path: Path) -> None:
    # A child that inherited the lock keeps it after the editor that took it died:
    # the JSON names a dead pid while the lock is held.
    table = _table(tmp_path)
    holder = _start_holder(table)
    try:
        info = DocumentLock(table).info_path
        dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
        stale = LockHolder("alice", socket.gethostname(), int(dead.stdout), "2026-01-01T09:00:00+08:00")
        info.write_text(stale.to_json(), encoding="utf-8")
        with pytest.raises(DocumentLocked):
            DocumentLock(table).acquire()
        lock = DocumentLock(table)
        replaced = lock.acquire(take_over_stale=True)
        assert replaced == stale
        assert lock.held
        lock.release()
    finally:
        holder.kill()
        holder.wait()


def test_one_lock_for_a_file_and_its_symbolic_links(tmp_path: Path) -> None:
    table = _table(tmp_path)
    link = tmp_path / "link.json"
    link.symlink_to(table)
    with DocumentLock(table), pytest.raises(DocumentLocked):
        DocumentLock(link).acquire()


def test_holder_json_is_readable_and_damaged_json_is_no_holder(tmp_path: Path) -> None:
    table = _table(tmp_path)
    lock = DocumentLock(table)
    lock.acquire()
    data = json.loads(lock.info_path.read_text(encoding="utf-8"))
    assert set(data) == {"user", "host", "pid", "since", "program"}
    lock.info_path.write_text("{not json", encoding="utf-8")
    assert lock.holder() is None
    lock.release()


def test_a_folder_where_no_lock_can_be_made_locks_in_the_state_directory(
    tmp_path: Path, read_only_folder: Path
) -> None:
    table = read_only_folder / "s.json"
    state = tmp_path / "state"
    lock = DocumentLock(table, state_directory=state)
    assert lock.acquire() is None
    assert not lock.shared and lock.lock_path.parent == state
    with pytest.raises(DocumentLocked):
        DocumentLock(table, state_directory=state).acquire()
    lock.release()
