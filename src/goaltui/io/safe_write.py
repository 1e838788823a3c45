"""Writing files so that a failed save never destroys the previous version.

The new content goes to a temporary file in the same directory, is flushed
to disk, and only then replaces the target in one atomic rename. If anything
fails on the way, the old file is untouched and the temporary file removed.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from goaltui.errors import OutputError, describe_os_error
from goaltui.i18n import t


@contextlib.contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """Yield a temporary path to write; on success it replaces *path* atomically."""
    path = Path(path)
    directory = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise OutputError(t("io.cannot_write", file=path, reason=describe_os_error(exc))) from exc
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        with open(tmp, "rb+") as handle:
            os.fsync(handle.fileno())
        if path.exists():
            with contextlib.suppress(OSError):
                os.chmod(tmp, path.stat().st_mode & 0o7777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise OutputError(t("io.cannot_write", file=path, reason=describe_os_error(exc))) from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_bytes_atomic(path: Path, data: bytes) -> None:
    with atomic_path(path) as tmp:
        tmp.write_bytes(data)


def write_with(path: Path, writer: Callable[[Path], None]) -> None:
    """Run ``writer(tmp_path)`` and move the result over *path* atomically."""
    with atomic_path(path) as tmp:
        writer(tmp)
