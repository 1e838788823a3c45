"""How long a test waits for another process to reach a state, and waiting for it.

A test waits for a state (a line printed, a file written, a text on screen, an
exit), never for a fixed time. The deadline only bounds a wait that would
otherwise hang when the feature is broken: it is generous, because on a loaded
CI machine (2 cores, other jobs) starting Python, pydantic and Textual can take
several seconds, yet a broken feature still fails the test, after the deadline.
``GOALTUI_TEST_DEADLINE`` (seconds) changes it for a slow machine.
"""

from __future__ import annotations

import os
import selectors
import subprocess
import time
from collections.abc import Callable
from typing import IO

DEADLINE = float(os.environ.get("GOALTUI_TEST_DEADLINE", "90"))
"""Seconds any one wait may take (the editor starts in about 1 s on an idle machine)."""

POLL = 0.02
"""Seconds between two looks at a state that cannot be waited on (a file, another process)."""


def wait_until(condition: Callable[[], bool], what: str, timeout: float = DEADLINE) -> None:
    """Return as soon as *condition* holds; fail naming *what* never happened within *timeout*."""
    end = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > end:
            raise AssertionError(f"{what}: not within {timeout:g} s")
        time.sleep(POLL)


def read_line(process: subprocess.Popen[str], timeout: float = DEADLINE) -> str:
    """The next line *process* prints (text mode, unbuffered enough to flush it); fail if none comes
    within *timeout* or it ends first (a readline() without a deadline would hang the run)."""
    stream: IO[str] | None = process.stdout
    assert stream is not None
    with selectors.DefaultSelector() as selector:
        selector.register(stream, selectors.EVENT_READ)
        if not selector.select(timeout):
            raise AssertionError(f"process {process.pid} printed no line within {timeout:g} s")
    line = stream.readline()
    if not line:
        raise AssertionError(f"process {process.pid} ended without a line (exit {process.wait(timeout)})")
    return line


def end_process(process: subprocess.Popen[str]) -> None:
    """Make sure a test's child does not outlive it (a failed test must not leave a sleeper behind)."""
    if process.poll() is None:
        process.kill()
        process.wait(DEADLINE)
