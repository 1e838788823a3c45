from __future__ import annotations

import os
from pathlib import Path

import pytest

from goaltui.errors import OutputError
from goaltui.io import native
from goaltui.io.safe_write import write_bytes_atomic, write_with
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
