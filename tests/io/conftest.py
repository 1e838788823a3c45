from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture
def read_only_folder(tmp_path: Path) -> Iterator[Path]:
    """A folder holding ``s.json`` where this process cannot create files.

    Not root: mode 0555. Root ignores modes: a read-only bind mount of the folder
    (skipped where mounting is not allowed).
    """
    folder = tmp_path / "ro"
    folder.mkdir()
    (folder / "s.json").write_text("{}", encoding="utf-8")
    if os.geteuid() != 0:
        os.chmod(folder, 0o555)
        yield folder
        os.chmod(folder, 0o755)
        return
    mounted = subprocess.run(["mount", "--bind", str(folder), str(folder)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip("root, and no mount allowed: cannot make a folder read-only")
    try:
        remount = subprocess.run(["mount", "-o", "remount,ro,bind", str(folder)], capture_output=True)
        if remount.returncode != 0:
            pytest.skip("cannot remount read-only")
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], capture_output=True)
