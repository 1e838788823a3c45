"""Benchmark: the review screen and "compare with…" inside the running app (issue 13). Not a timed test.

Goals: rows fill in at once and a folder of 100 department files is listed within
a few seconds; the comparison of a 2,000-project table stays off the keystroke
path (what the editor's thread pays is the snapshot; the diff runs in a worker).

Measured against a baseline measured in the same run, in a headless app
(``App.run_test``: no terminal, so the figures are the app's own work):

* the review screen on generated folders (``tests/review_data.py``, seeded): the
  first row and every row, reading in one process (the baseline) and in a process
  pool (``choose_workers``): on the screen's first opening in a fresh process (the
  pool's server starts then: what ``goaltui review DIR`` pays), and again (F5);
  the screen reads in a pool from ``POOL_FROM_MS`` of estimated reading;
* compare with…, on a table of ``--projects`` projects: the snapshot taken on the
  editor's thread, the comparison in a worker against ``diff()`` of the two
  documents alone (the baseline), and the longest the event loop went without a
  turn while the comparison ran, against the same with nothing running.

    python benchmarks/bench_review_screen.py [--files 100,300] [--scale 1] [--projects 2000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the generator lives with the tests

from goaltui.review.folder import scan_folder  # noqa: E402
from goaltui.review.loader import choose_workers, estimated_ms  # noqa: E402
from tests.review_data import department, write_folder  # noqa: E402


def line(label: str, times: list[float], baseline: float) -> None:
    best, median = min(times), statistics.median(times)
    ratio = best / baseline if baseline else float("nan")
    print(f"  {label:<46} best {best * 1000:7.1f} ms  median {median * 1000:7.1f} ms  = {ratio:4.2f} × baseline")


async def listing(folder: Path, workers: int | None) -> tuple[float, float]:
    """(first row, every row) in seconds, from the screen's first frame."""
    from goaltui.ui.app import GoalApp
    from goaltui.ui.screens.review import ReviewScreen

    paths = scan_folder(folder)
    app = GoalApp(None, None, start=lambda: ReviewScreen(folder, paths=paths, workers=workers))
    async with app.run_test(size=(120, 36)):
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        start = time.perf_counter()
        first = 0.0
        while len(screen.listing) < len(paths):
            if not first and len(screen.listing):
                first = time.perf_counter() - start
            await asyncio.sleep(0.005)
        total = time.perf_counter() - start
        return first or total, total


def cold(folder: Path, workers: int) -> tuple[float, float]:
    """(first row, every row) on the first opening, in a fresh process."""
    import subprocess

    command = [sys.executable, __file__, "--cold", str(folder), "--workers", str(workers)]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout.split()
    return float(output[-2]), float(output[-1])


def report(name: str, runs: list[tuple[float, float]], baseline: list[tuple[float, float]]) -> None:
    line(f"every row, {name}", [total for _first, total in runs], min(total for _first, total in baseline))
    line(f"first row, {name}", [first for first, _total in runs], min(first for first, _total in baseline))


def bench_listing(files: list[int], scale: int, repeat: int) -> None:
    from goaltui.ui.screens.review import POOL_FROM_MS

    with tempfile.TemporaryDirectory() as scratch:
        for count in files:
            folder = Path(scratch) / f"folder{count}"
            paths = write_folder(folder, count, scale=scale)
            estimate = estimated_ms(paths)
            pool = max(2, choose_workers(paths))
            screen = None if estimate >= POOL_FROM_MS else 1
            print(
                f"{count} files (scale {scale}), estimated {estimate:.0f} ms of reading: "
                f"the screen reads them {'in a pool' if screen is None else 'in one process'}"
            )
            first_single = [cold(folder, 1) for _ in range(repeat)]
            first_pool = [cold(folder, pool) for _ in range(repeat)]
            report("first opening, one process (baseline)", first_single, first_single)
            report(f"first opening, a pool of {pool}", first_pool, first_single)
            asyncio.run(listing(folder, pool))  # the pool's server is running from now on, as after a first opening
            again: dict[str, list[tuple[float, float]]] = {"one process": [], "pool": []}
            for _ in range(repeat):
                again["one process"].append(asyncio.run(listing(folder, 1)))
                again["pool"].append(asyncio.run(listing(folder, pool)))
            report("again (F5), one process (baseline)", again["one process"], again["one process"])
            report(f"again (F5), a pool of {pool}", again["pool"], again["one process"])


def big_document(projects: int) -> object:
    import random

    rng = random.Random(5)
    document = department(rng, 3, scale=20)
    while document.project_count() < projects:
        document.units += department(rng, 5, scale=20).units
    return document


async def stall_while(work: threading.Thread | None) -> float:
    """The longest gap between two turns of the event loop while *work* runs (or for 0.5 s)."""
    longest = 0.0
    last = time.perf_counter()
    if work is not None:
        work.start()
    deadline = time.perf_counter() + 0.5
    while (work is not None and work.is_alive()) or (work is None and time.perf_counter() < deadline):
        await asyncio.sleep(0.002)
        now = time.perf_counter()
        longest = max(longest, now - last)
        last = now
    return longest


def bench_compare(projects: int, repeat: int) -> None:
    from pathlib import Path as _Path

    from goaltui.model import Document
    from goaltui.review.diff import diff
    from goaltui.session.compare import compare, take_snapshot

    new = big_document(projects)
    assert isinstance(new, Document)
    old = new.model_copy(deep=True)
    old.units[0].projects[0].indicators[0].value = "旧值"
    old.units[0].projects[1].name += "（报送稿）"
    print(f"compare with…: {new.project_count()} projects, {new.indicator_count()} indicators")
    snapshots, comparisons, diffs, stalls, idle = [], [], [], [], []
    for _ in range(repeat):
        start = time.perf_counter()
        snapshot = take_snapshot(new, state=0)
        snapshots.append(time.perf_counter() - start)
        start = time.perf_counter()
        compare(old, _Path("other.json"), snapshot)
        comparisons.append(time.perf_counter() - start)
        start = time.perf_counter()
        diff(old, new)
        diffs.append(time.perf_counter() - start)
        worker = threading.Thread(target=compare, args=(old, _Path("other.json"), take_snapshot(new, state=0)))
        stalls.append(asyncio.run(stall_while(worker)))
        idle.append(asyncio.run(stall_while(None)))
    baseline = min(diffs)
    line("diff() of the two documents (baseline)", diffs, baseline)
    line("compare() in the worker (rebuild, diff, keys)", comparisons, baseline)
    line("snapshot on the editor's thread", snapshots, baseline)
    line("longest event-loop stall, compare running", stalls, min(idle))
    line("longest event-loop stall, idle (baseline)", idle, min(idle))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", default="100,300", help="folder sizes, comma-separated")
    parser.add_argument("--scale", type=int, default=1, help="multiply the projects per department")
    parser.add_argument("--projects", type=int, default=2000, help="projects of the compared table")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--cold", type=Path, help=argparse.SUPPRESS)  # one first opening (run in a fresh process)
    parser.add_argument("--workers", type=int, default=1, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.cold is not None:
        first, total = asyncio.run(listing(args.cold, args.workers))
        print(first, total)
        return
    bench_listing([int(part) for part in args.files.split(",")], args.scale, args.repeat)
    bench_compare(args.projects, args.repeat)


if __name__ == "__main__":
    main()
