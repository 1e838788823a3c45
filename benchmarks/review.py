"""Listing a folder of department tables for the review (issue 13).

Goal: a folder of 100 realistic department files is listed within a few
seconds, and a process pool is used only where it is faster than reading the
files one after another. The folders are generated (``tests/review_data.py``,
seeded): a mix of the official workbook (.xlsx), goaltui's .json and text
tables, 3 to 160 projects each, a quarter of them with errors.

Measured for each folder size, the floor being one process (``--jobs 1``,
``workers=1``) measured in the same run, interleaved:

* ``goaltui review DIR --format json --jobs N`` end to end, each run a fresh
  process (start-up, imports, scan, read, validate, print), as a script or a
  reviewer at the shell pays for it (wall time);
* the loading alone (:func:`goaltui.review.loader.load_rows`) in a process
  where another thread runs, as in the Textual app (so the workers come from
  the forkserver, already started as after the screen's first opening): all
  rows, and the first row in the note (wall time).

The note of each figure says what :func:`goaltui.review.loader.choose_workers`
picks for the folder.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from benchmarks.report import Figure, Report

ROOT = Path(__file__).resolve().parent.parent
T = TypeVar("T")


def command(folder: Path, jobs: int) -> float:
    """Milliseconds of one ``goaltui review`` in a fresh process."""
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "goaltui", "review", str(folder), "--format", "json", "--jobs", str(jobs)],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
    )
    elapsed = (time.perf_counter() - start) * 1000
    if result.returncode not in (0, 1):
        raise RuntimeError(f"goaltui review failed ({result.returncode}): {result.stderr}")
    return elapsed


def in_process(folder: Path, workers: int) -> tuple[float, float]:
    """(milliseconds to every row, to the first row) of one load in this process."""
    from goaltui.review.folder import scan_folder
    from goaltui.review.loader import load_rows

    paths = scan_folder(folder)
    start = time.perf_counter()
    first = None
    for _loaded in load_rows(paths, folder=folder, workers=workers):
        if first is None:
            first = time.perf_counter() - start
    return (time.perf_counter() - start) * 1000, (first or 0.0) * 1000


def interleaved(repeat: int, variants: list[int], run: Callable[[int], T]) -> dict[int, list[T]]:
    """*repeat* rounds of every variant in turn, so that a busy spell on a shared machine hits them all."""
    results: dict[int, list[T]] = {variant: [] for variant in variants}
    for _ in range(repeat):
        for variant in variants:
            results[variant].append(run(variant))
    return results


def run(report: Report, counts: list[int], repeat: int, directory: Path, scale: int = 1) -> None:
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))  # the folder generator lives with the tests
    from goaltui.review.loader import available_cpus, choose_workers, estimated_ms
    from tests.review_data import write_folder

    cpus = available_cpus()
    variants = sorted({1, *range(2, min(cpus, 4) + 1)})
    for count in counts:
        folder = directory / f"review{count}"
        paths = write_folder(folder, count, scale=scale)
        size_mb = sum(path.stat().st_size for path in paths) / 1e6
        label = f"{count} files"
        about = (
            f"{size_mb:.1f} MB, estimated {estimated_ms(paths):.0f} ms of work, {cpus} CPUs: "
            f"choose_workers picks {choose_workers(paths)}"
        )
        print(f"\n{label}: {about}", flush=True)
        command(folder, 1)  # warm the file cache
        fresh = interleaved(repeat, variants, lambda jobs, folder=folder: command(folder, jobs))  # type: ignore[misc]
        floor = statistics.median(fresh[1])
        for jobs, times in fresh.items():
            figure = report.add(
                Figure(label, "review", f"goaltui review --jobs {jobs} (fresh process)", statistics.median(times),
                       "ms", floor, "--jobs 1", note=f"best {min(times):.0f} ms; {about}", runs=times)
            )  # fmt: skip
            print(f"  {report.line(figure)}", flush=True)
        # As in the app: another thread is running, so the pool's workers come from the forkserver.
        stop = threading.Event()
        app_thread = threading.Thread(target=stop.wait, daemon=True)
        app_thread.start()
        try:
            in_process(folder, max(variants))  # the first opening starts the forkserver
            loads = interleaved(repeat, variants, lambda jobs, folder=folder: in_process(folder, jobs))  # type: ignore[misc]
        finally:
            stop.set()
        floor = statistics.median(total for total, _first in loads[1])
        for jobs, results in loads.items():
            totals = [total for total, _first in results]
            first = min(first for _total, first in results)
            figure = report.add(
                Figure(label, "review", f"load_rows(workers={jobs}) in a threaded app", statistics.median(totals),
                       "ms", floor, "workers=1", note=f"first row after {first:.1f} ms (best)", runs=totals)
            )  # fmt: skip
            print(f"  {report.line(figure)}", flush=True)
