"""Before a save: is the file on disk still the version that was opened?"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from goaltui.io import native
from goaltui.io.change_summary import describe_differences
from goaltui.io.external_change import ChangeGuard, FileFingerprint
from goaltui.model import Project, Unit
from goaltui.resources import sample_path


def _table(tmp_path: Path) -> Path:
    path = tmp_path / "s.json"
    shutil.copyfile(sample_path(), path)
    return path


def test_unchanged_file_passes(tmp_path: Path) -> None:
    table = _table(tmp_path)
    guard = ChangeGuard(table)
    assert guard.check() is None
    os.utime(table, ns=(1, 1))  # touched: same bytes
    assert guard.check() is None


def test_another_programs_edit_is_seen_with_a_summary_and_the_differences(tmp_path: Path) -> None:
    table = _table(tmp_path)
    guard = ChangeGuard(table)
    opened = native.read(table)
    other = native.read(table)
    other.units[0].projects[0].indicators.pop()
    other.department = "另一个部门"
    native.write(other, table)
    change = guard.check()
    assert change is not None and not change.deleted
    assert "s.json" in change.summary() and "字节" in change.summary()
    differences = change.differences(opened)
    assert any("另一个部门" in line for line in differences)
    assert any("修改项目" in line for line in differences)


def test_same_size_and_mtime_but_other_bytes_is_a_change(tmp_path: Path) -> None:
    table = _table(tmp_path)
    guard = ChangeGuard(table)
    before = table.stat()
    data = bytearray(table.read_bytes())
    data[data.index(b"2020")] = ord("3")  # 2020 → 3020, same size
    table.write_bytes(bytes(data))
    os.utime(table, ns=(before.st_atime_ns, before.st_mtime_ns))  # as cp -p would
    assert guard.check() is not None


def test_deleted_and_saved(tmp_path: Path) -> None:
    table = _table(tmp_path)
    guard = ChangeGuard(table)
    table.unlink()
    change = guard.check()
    assert change is not None and change.deleted and "删除" in change.summary()
    assert change.differences(native.read(sample_path())) == []
    native.write(native.read(sample_path()), table)  # our own save
    guard.saved()
    assert guard.check() is None


def test_a_file_that_did_not_exist_when_opened(tmp_path: Path) -> None:
    guard = ChangeGuard(tmp_path / "new.json")
    assert guard.known is None and guard.check() is None
    (tmp_path / "new.json").write_text("{}", encoding="utf-8")
    change = guard.check()
    assert change is not None and change.before is None
    guard.accept(change)
    assert guard.check() is None


def test_fingerprint_fields(tmp_path: Path) -> None:
    table = _table(tmp_path)
    fingerprint = FileFingerprint.of(table)
    assert fingerprint is not None
    assert fingerprint.size == table.stat().st_size and len(fingerprint.sha256) == 64
    assert FileFingerprint.of(tmp_path / "missing") is None


def test_describe_differences_is_short_and_names_what_changed() -> None:
    before = native.read(sample_path())
    after = native.read(sample_path())
    assert describe_differences(before, after) == []
    after.units.append(Unit(name="新单位", projects=[Project(name="新项目")]))
    after.units[0].projects.pop(0)
    after.signatures.phone = "12345"
    lines = describe_differences(before, after)
    assert any("新单位" in line for line in lines)
    assert any("删除项目" in line for line in lines)
    assert any("新项目" in line for line in lines)
    for index in range(20):
        after.units.append(Unit(name=f"单位{index}\x1b]0;title\x07"))
    lines = describe_differences(before, after, limit=5)
    assert len(lines) == 5 and "另有" in lines[-1]
    assert not any("\x1b" in line for line in lines)
