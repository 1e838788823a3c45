"""Benchmark: listing a folder of department tables for the review (issue 13). Not a timed test.

Goal: a folder of 100 realistic department files is listed within a few seconds,
and a process pool is used only where it is faster than reading the files one
after another. The folders are generated (``tests/review_data.py``, seeded): a
mix of the official workbook (.xlsx), goaltui's .json and text tables, 3 to 160
projects each, a quarter of them with errors.

Measured for each folder size, against a baseline measured in the same run:

* ``goaltui review DIR --format json --jobs N`` end to end, each run a fresh
  process (start-up, imports, scan, read, validate, print), as a script or a
  reviewer at the shell pays for it. Baseline: ``--jobs 1`` (no pool).
* the loading alone (:func:`goaltui.review.loader.load_rows`) in a process
  where another thread runs, as in the Textual app (so the workers come from
  the forkserver, already started as after the screen's first opening): all
  rows, and the first row. Baseline: ``workers=1``.

Then what :func:`goaltui.review.loader.choose_workers` picks for each size. On a
shared machine, look at "best" rather than "median".

    python benchmarks/bench_review.py [--files 30,100,300] [--scale 1] [--repeat 5]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the generator lives with the tests

from goaltui.review.folder import scan_folder  # noqa: E402
from goaltui.review.loader import available_cpus, choose_workers, estimated_ms, load_rows  # noqa: E402
from tests.review_data import write_folder  # noqa: E402

T = TypeVar("T")


def command(folder: Path, jobs: int) -> float:
    """Wall time of one ``goaltui review`` in a fresh process."""
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "goaltui", "review", str(folder), "--format", "json", "--jobs", str(jobs)],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
    )
    elapsed = time.perf_counter() - start
    if result.returncode not in (0, 1):
        raise SystemExit(f"goaltui review failed ({result.returncode}): {result.stderr}")
    return elapsed


def in_process(folder: Path, workers: int) -> tuple[float, float]:
    """(seconds to every row, seconds to the first row) of one load in this process."""
    paths = scan_folder(folder)
    start = time.perf_counter()
    first = None
    for _loaded in load_rows(paths, folder=folder, workers=workers):
        if first is None:
            first = time.perf_counter() - start
    return time.perf_counter() - start, first or 0.0


def interleaved(repeat: int, variants: list[int], run: Callable[[int], T]) -> dict[int, list[T]]:
    """*repeat* rounds of every variant in turn, so that a busy spell on a shared machine hits them all."""
    results: dict[int, list[T]] = {variant: [] for variant in variants}
    for _ in range(repeat):
        for variant in variants:
            results[variant].append(run(variant))
    return results


def report(label: str, times: list[float], baseline: float, note: str = "") -> None:
    best, median = min(times), statistics.median(times)
    print(
        f"  {label:<40} best {best * 1000:7.0f} ms  median {median * 1000:7.0f} ms"
        f"  = {best / baseline:4.2f} × baseline{note}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", default="30,100,300", help="folder sizes, comma-separated")
    parser.add_argument("--scale", type=int, default=1, help="multiply the projects per department")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    cpus = available_cpus()
    variants = sorted({1, *range(2, min(cpus, 4) + 1)})
    print(f"{cpus} CPUs available; baseline: one process (1 job); pools of {variants[1:] or 'none'} workers")
    with tempfile.TemporaryDirectory() as scratch:
        for count in (int(part) for part in args.files.split(",")):
            folder = Path(scratch) / f"folder{count}"
            paths = write_folder(folder, count, scale=args.scale)
            size = sum(path.stat().st_size for path in paths)
            print(
                f"{count} files, {size / 1e6:.1f} MB (scale {args.scale}), estimated {estimated_ms(paths):.0f} ms"
                f" of work: choose_workers picks {choose_workers(paths)}"
            )
            command(folder, 1)  # warm the file cache
            fresh = interleaved(args.repeat, variants, lambda jobs, folder=folder: command(folder, jobs))  # type: ignore[misc]
            for jobs, times in fresh.items():
                report(f"goaltui review --jobs {jobs} (fresh process)", times, min(fresh[1]))
            # As in the app: another thread is running, so the pool's workers come from the forkserver.
            stop = threading.Event()
            app_thread = threading.Thread(target=stop.wait, daemon=True)
            app_thread.start()
            try:
                in_process(folder, max(variants))  # the first opening starts the forkserver
                loads = interleaved(args.repeat, variants, lambda jobs, folder=folder: in_process(folder, jobs))  # type: ignore[misc]
            finally:
                stop.set()
            baseline = min(total for total, _first in loads[1])
            for jobs, runs in loads.items():
                first = min(first for _total, first in runs)
                note = f"; first row after {first * 1000:5.1f} ms"
                report(f"load_rows(workers={jobs}) in a threaded app", [total for total, _ in runs], baseline, note)


if __name__ == "__main__":
    main()
