from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from goaltui.errors import OutputError
from goaltui.io import native
from goaltui.io.safe_write import (
    check_replaceable,
    is_read_only,
    remove_stale_temporaries,
    save_policy,
    write_bytes_atomic,
    write_with,
)
from goaltui.model import Document


def test_replaces_content_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "t.json"
    target.write_text("old", encoding="utf-8")
    write_bytes_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["t.json"]


def test_a_failing_writer_keeps_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "t.json"
    target.write_text("precious", encoding="utf-8")

    def explode(tmp: Path) -> None:
        tmp.write_text("half", encoding="utf-8")
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        write_with(target, explode)
    assert target.read_text(encoding="utf-8") == "precious"
    assert [p.name for p in tmp_path.iterdir()] == ["t.json"]


def test_keeps_the_permissions_of_the_file_it_replaces(tmp_path: Path) -> None:
    target = tmp_path / "t.json"
    target.write_text("old", encoding="utf-8")
    os.chmod(target, 0o640)
    write_bytes_atomic(target, b"new")
    assert target.stat().st_mode & 0o777 == 0o640


def test_missing_directory_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="无法写入"):
        native.write(Document(), tmp_path / "no" / "such" / "dir.json")


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write into read-only directories")
def test_read_only_directory_is_a_clear_error(tmp_path: Path) -> None:
    os.chmod(tmp_path, 0o500)
    try:
        with pytest.raises(OutputError):
            native.write(Document(), tmp_path / "x.json")
    finally:
        os.chmod(tmp_path, 0o700)


def test_os_reasons_are_given_in_the_users_language(tmp_path: Path) -> None:
    from goaltui.i18n import set_language

    with pytest.raises(OutputError, match="文件或目录不存在"):
        native.write(Document(), tmp_path / "missing" / "x.json")
    set_language("en")
    with pytest.raises(OutputError, match="no such file or directory"):
        native.write(Document(), tmp_path / "missing" / "x.json")


# --- links, owners, read-only files and folders, left-over temporary files (issue 11) ------------------


def test_saving_through_a_symbolic_link_writes_its_target(tmp_path: Path) -> None:
    real_dir = tmp_path / "real"
    real_dir.mkdir()
    target = real_dir / "table.json"
    target.write_text("old", encoding="utf-8")
    os.chmod(target, 0o640)
    link = tmp_path / "link.json"
    link.symlink_to(target)
    write_bytes_atomic(link, b"new")
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_bytes() == b"new"
    assert target.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in real_dir.iterdir()) == ["table.json"]  # the temporary file went there, and away


def test_a_chain_of_links_and_a_dangling_link(tmp_path: Path) -> None:
    target = tmp_path / "t.json"
    first = tmp_path / "a.json"
    second = tmp_path / "b.json"
    first.symlink_to(target)  # dangling: the save creates the target
    second.symlink_to(first)
    write_bytes_atomic(second, b"x")
    assert second.is_symlink() and first.is_symlink() and target.read_bytes() == b"x"


def test_hard_links_are_split_and_said(tmp_path: Path) -> None:
    target = tmp_path / "t.json"
    target.write_text("old", encoding="utf-8")
    other = tmp_path / "snapshot.json"
    os.link(target, other)
    with save_policy() as notes:
        write_bytes_atomic(target, b"new")
    assert target.read_bytes() == b"new" and other.read_bytes() == b"old"  # the snapshot keeps its version
    assert len(notes) == 1 and "硬链接" in notes[0] and "t.json" in notes[0]


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can give a file to another user")
def test_owner_and_group_are_kept(tmp_path: Path) -> None:
    target = tmp_path / "t.json"
    target.write_text("old", encoding="utf-8")
    os.chown(target, 65534, 65534)
    with save_policy() as notes:
        write_bytes_atomic(target, b"new")
    assert (target.stat().st_uid, target.stat().st_gid) == (65534, 65534)
    assert notes == []


def test_an_owner_that_cannot_be_kept_is_said(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "t.json"
    target.write_text("old", encoding="utf-8")
    real_stat = os.stat

    def owned_by_someone_else(path: object, *args: object, **kwargs: object) -> os.stat_result:
        result = real_stat(path, *args, **kwargs)  # type: ignore[arg-type]
        if str(path) == str(target):
            values = list(result)
            values[4] = result.st_uid + 4242  # st_uid
            return os.stat_result(values)
        return result

    def refuse(*args: object) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "stat", owned_by_someone_else)
    monkeypatch.setattr(os, "chown", refuse)
    with save_policy() as notes:
        write_bytes_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    assert len(notes) == 1 and "属于当前用户" in notes[0]


def test_a_read_only_file_is_not_replaced_unless_asked(tmp_path: Path) -> None:
    target = tmp_path / "t.xlsx"
    target.write_bytes(b"precious")
    os.chmod(target, 0o444)
    assert is_read_only(target)
    with pytest.raises(OutputError, match="只读") as raised:
        write_bytes_atomic(target, b"new")
    assert "--overwrite-read-only" in str(raised.value) and "0444" in str(raised.value)
    with pytest.raises(OutputError):
        check_replaceable(target)
    assert target.read_bytes() == b"precious"
    check_replaceable(target, allow_read_only=True)
    with save_policy(allow_read_only=True):
        write_bytes_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    assert target.stat().st_mode & 0o777 == 0o444  # still read-only: replaced, not made writable
    check_replaceable(tmp_path / "missing.xlsx")  # nothing to replace: fine


def test_a_writable_file_in_a_read_only_folder_is_saved_in_place_with_a_backup(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Root writes anywhere, so the refusal of the temporary file is made here; with a
    # real read-only folder (not root) the next test does the same for real.
    monkeypatch.setenv("GOALTUI_STATE_DIR", str(tmp_path / "state"))
    folder = tmp_path / "folder"
    folder.mkdir()
    target = folder / "t.json"
    target.write_text("old", encoding="utf-8")
    other = folder / "hardlink.json"
    os.link(target, other)
    import tempfile

    real_mkstemp = tempfile.mkstemp

    def no_temporary_here(*args: object, **kwargs: object) -> tuple[int, str]:
        if Path(str(kwargs.get("dir"))) == folder:
            raise PermissionError(13, "Permission denied")
        return real_mkstemp(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(tempfile, "mkstemp", no_temporary_here)
    with save_policy() as notes:
        write_bytes_atomic(target, b"new content")
    assert target.read_bytes() == b"new content"
    assert other.read_bytes() == b"new content"  # in place: the same file, links and all
    assert len(notes) == 1 and "直接改写" in notes[0]
    backups = list((tmp_path / "state" / "backups").iterdir())
    assert [b.read_bytes() for b in backups] == [b"old"]
    assert sorted(p.name for p in folder.iterdir()) == ["hardlink.json", "t.json"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write into read-only folders")
def test_real_read_only_folder_in_place(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GOALTUI_STATE_DIR", str(tmp_path / "state"))
    folder = tmp_path / "folder"
    folder.mkdir()
    target = folder / "t.json"
    target.write_text("old", encoding="utf-8")
    os.chmod(folder, 0o555)
    try:
        with save_policy() as notes:
            write_bytes_atomic(target, b"new")
        assert target.read_bytes() == b"new" and notes
    finally:
        os.chmod(folder, 0o755)


def test_a_read_only_file_system_says_exactly_why(read_only_folder: Path) -> None:
    target = read_only_folder / "s.json"
    with pytest.raises(OutputError) as raised:
        write_bytes_atomic(target, b"new")
    assert "s.json" in str(raised.value)
    assert "只读" in str(raised.value) or "权限" in str(raised.value)
    assert target.read_text(encoding="utf-8") == "{}"


def test_temporary_files_of_a_killed_save_are_removed_at_the_next_save(tmp_path: Path) -> None:
    target = tmp_path / "t.json"
    target.write_text("old", encoding="utf-8")
    saver = textwrap.dedent(
        """
        import sys, time
        from pathlib import Path
        from goaltui.io.safe_write import write_with

        def slow(tmp):
            tmp.write_bytes(b"half of a save")
            print(tmp.name, flush=True)
            time.sleep(600)

        write_with(Path(sys.argv[1]), slow)
        """
    )
    process = subprocess.Popen([sys.executable, "-c", saver, str(target)], stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    temporary = tmp_path / process.stdout.readline().strip()
    assert temporary.exists()
    # While that save runs, its temporary file is left alone...
    assert remove_stale_temporaries(target) == 0 and temporary.exists()
    process.send_signal(signal.SIGKILL)
    process.wait()
    # ...once it is killed, the next save of the file removes it.
    assert temporary.exists() and target.read_text(encoding="utf-8") == "old"
    write_bytes_atomic(target, b"new")
    assert not temporary.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t.json"]


def test_only_the_files_own_temporaries_are_touched(tmp_path: Path) -> None:
    target = tmp_path / "t.json"
    mine = tmp_path / ".t.json.abcd1234.tmp"
    others = [tmp_path / ".u.json.abcd1234.tmp", tmp_path / ".t.json.notmine.tmp", tmp_path / "t.json.abcd1234.tmp"]
    for path in [mine, *others]:
        path.write_text("x", encoding="utf-8")
    (tmp_path / ".t.json.zzzz9999.tmp").symlink_to(tmp_path / "elsewhere")
    assert remove_stale_temporaries(target) == 1
    assert not mine.exists() and all(path.exists() for path in others)
