"""Reading a folder's tables for the review, in parallel when that is faster, rows streamed as they finish.

:func:`load_rows` yields one :class:`Loaded` (the row, how many are done, of
how many) as each file finishes, so a screen can fill its table in and move a
progress bar while the rest load; closing the iterator (or setting *cancel*)
stops the work that has not started.

Files are read in a pool of worker processes (the reading and validation are
pure Python, so threads would not run in parallel) when :func:`choose_workers`
says it pays: measured in ``python -m benchmarks --parts review``. A caller with no other
thread (the command line) is forked; a threaded one (the Textual app) never is:
its workers are forked from a small server process (``forkserver``) that has
imported the readers once. A file that makes
its worker die (a decompression bomb that exhausts memory) breaks the pool: the
files still pending are then read one per fresh worker, so the one to blame gets
the reason and the others their rows.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from multiprocessing.context import BaseContext
from pathlib import Path
from typing import Final

from goaltui.errors import GoaltuiError
from goaltui.i18n import get_language, set_language, t
from goaltui.io.formats import check_read
from goaltui.review.folder import ReviewRow, review_file, shown_name
from goaltui.rules import RuleConfig

__all__ = ["Loaded", "ReviewReader", "choose_workers", "estimated_ms", "load_rows"]

ReviewReader = Callable[..., ReviewRow]
"""What reads one file: ``reader(path, folder=..., config=...) -> ReviewRow`` (a module-level function,
so that it can be sent to a worker process). :func:`goaltui.review.folder.review_file` by default."""

MAX_WORKERS: Final = 8
WORK_PER_WORKER_MS: Final = 200.0
"""Estimated reading time that pays for one more worker (see :func:`choose_workers`)."""
_MS_PER_KB: Final = {
    ".xlsx": 0.52,
    ".xlsm": 0.52,
    ".xls": 0.52,
    ".ods": 0.52,
    ".txt": 0.25,
    ".tsv": 0.25,
    ".json": 0.07,
}
"""Reading and validating one KB of each format, in ms on the machine the benchmark ran on."""
_MS_PER_FILE: Final = 0.5
_PRELOAD: Final = ["goaltui.review.folder", "goaltui.io.native", "goaltui.io.text_table", "goaltui.io.xlsx_import"]


@dataclass(frozen=True, slots=True)
class Loaded:
    """One file done: its row, and the progress (*done* of *total*)."""

    row: ReviewRow
    done: int
    total: int


def available_cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def estimated_ms(paths: Sequence[Path]) -> float:
    """About how long reading and validating *paths* one after another takes (from their sizes)."""
    total = 0.0
    for path in paths:
        try:
            size = path.stat().st_size
        except OSError:
            size = 0
        total += _MS_PER_FILE + size / 1000 * _MS_PER_KB.get(path.suffix.lower(), 0.5)
    return total


def choose_workers(paths: Sequence[Path], cpus: int | None = None) -> int:
    """How many processes to read *paths* with (1: in this process, no pool).

    One worker per ``WORK_PER_WORKER_MS`` of estimated work, up to the CPUs and the
    files. Measured with ``python -m benchmarks --parts review`` on 2 shared CPUs (best of 7,
    pool time as a share of one process's): 30 typical department files (0.6 MB,
    ~150 ms of work) gain nothing (0.97 on the command line, 1.10 in a threaded
    app); 100 files (1.7 MB, ~440 ms) 0.86-0.97 and 0.76-0.97; 300 files (6.9 MB)
    0.72-0.86 and 0.65; 100 files three times the size (7.9 MB) 0.64-0.67 and
    0.58-0.60. A file's cost depends on its format more than on its size (a
    workbook costs 7 times a .json of the same size), hence the estimate by format.
    """
    cpus = available_cpus() if cpus is None else cpus
    return max(1, min(cpus, MAX_WORKERS, len(paths), int(estimated_ms(paths) // WORK_PER_WORKER_MS)))


def _pool_context() -> BaseContext:
    """``fork`` from a process with no other thread (the command line: cheapest, the readers are already
    imported); else ``forkserver`` (forking a threaded process, such as a Textual app, can deadlock)."""
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    if "forkserver" in methods:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(_PRELOAD)
        return context
    return multiprocessing.get_context("spawn")  # pragma: no cover - Windows


def _start_worker(language: str) -> None:
    set_language(language)  # the reasons of unreadable files are written in the worker
    # Ctrl-C reaches the whole process group: the caller stops the pool; a worker should not print a traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def load_rows(
    paths: Sequence[Path],
    *,
    folder: Path | None = None,
    config: RuleConfig | None = None,
    workers: int | None = None,
    cancel: threading.Event | None = None,
    reader: ReviewReader = review_file,
) -> Iterator[Loaded]:
    """Review each of *paths*, yielding each row as soon as it is ready (in the order they finish).

    *workers*: processes to use (None: :func:`choose_workers`; 1: read here, in order).
    Nothing raises for a bad file: each yields a row, with its reason when it could not be read.
    """
    total = len(paths)
    count = choose_workers(paths) if workers is None else max(1, min(workers, total))
    if count <= 1:
        for done, path in enumerate(paths, start=1):
            if cancel is not None and cancel.is_set():
                return
            yield Loaded(reader(path, folder=folder, config=config), done, total)
        return
    yield from _load_in_pool(paths, count, folder, config, cancel, reader)


def _import_readers(paths: Sequence[Path]) -> None:
    """Import the reader of every suffix in *paths* here, before forking, rather than once in each worker."""
    for suffix in {path.suffix.lower() for path in paths}:
        with contextlib.suppress(GoaltuiError):
            check_read(Path(f"table{suffix}"))


def _start_resource_tracker() -> None:
    """Start multiprocessing's resource tracker with a real stderr when the host replaced ``sys.stderr``.

    The tracker (started with the first pool) is handed ``sys.stderr.fileno()``;
    Textual's stand-in for stderr answers -1, which spawning rejects (``ValueError:
    bad value(s) in fds_to_keep``): in the editor, every pool failed to start.
    """
    from multiprocessing import resource_tracker

    try:
        if sys.stderr.fileno() >= 0:
            return
    except (AttributeError, OSError, ValueError):
        return  # (no fileno at all: the tracker leaves it out)
    captured = sys.stderr
    sys.stderr = sys.__stderr__
    try:
        resource_tracker.ensure_running()
    finally:
        sys.stderr = captured


def _new_pool(count: int) -> ProcessPoolExecutor:
    _start_resource_tracker()
    return ProcessPoolExecutor(
        max_workers=count, mp_context=_pool_context(), initializer=_start_worker, initargs=(get_language(),)
    )


def _load_in_pool(
    paths: Sequence[Path],
    count: int,
    folder: Path | None,
    config: RuleConfig | None,
    cancel: threading.Event | None,
    reader: ReviewReader,
) -> Iterator[Loaded]:
    total = len(paths)
    done = 0
    _import_readers(paths)
    pool = _new_pool(count)
    pending: dict[Future[ReviewRow], Path] = {}
    left: list[Path] = []
    try:
        for index, path in enumerate(paths):
            try:
                pending[pool.submit(reader, path, folder=folder, config=config)] = path
            except BrokenProcessPool:
                left += paths[index:]
                break
        while pending:
            finished, _running = wait(pending, timeout=0.1, return_when=FIRST_COMPLETED)
            if cancel is not None and cancel.is_set():
                return
            for future in finished:
                path = pending.pop(future)
                try:
                    row = future.result()
                except BrokenProcessPool:
                    left.append(path)
                    continue
                done += 1
                yield Loaded(row, done, total)
            if left:  # the pool broke: every unfinished file fails the same way
                left += pending.values()
                pending.clear()
    finally:
        pool.shutdown(wait=False, cancel_futures=True)
    for path in sorted(left, key=paths.index):
        if cancel is not None and cancel.is_set():
            return
        done += 1
        yield Loaded(_isolated(path, folder, config, reader), done, total)


def _isolated(path: Path, folder: Path | None, config: RuleConfig | None, reader: ReviewReader) -> ReviewRow:
    """Read *path* in a worker of its own, so that if it kills the worker, only its row says so."""
    pool = _new_pool(1)
    try:
        return pool.submit(reader, path, folder=folder, config=config).result()
    except BrokenProcessPool:
        name = shown_name(path, folder)
        return ReviewRow(path, name, reason=t("review.worker_died", file=name))
    finally:
        pool.shutdown(wait=False, cancel_futures=True)
