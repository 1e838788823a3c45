"""``python -m benchmarks``: every figure of docs/benchmarks.md, each beside its floor.

Parts (``--parts``, comma-separated; all by default):

* ``load``       — read .json and .xlsx (floors: ``json.loads``, raw python-calamine);
* ``validation`` — full validation cold and warm, one project revalidated (floor: a bare loop);
* ``export``     — write .xlsx and .md (floors: tuned openpyxl, plain pipe rows);
* ``paint``      — first paint in a pty (floor: a bare Textual app with the same widgets);
* ``keys``       — latency and bytes of each key in a pty (same floor), and the ratio of
  each key on the last project of a generated document to the same key on the sample;
* ``review``     — listing folders of department files (``--review-files``), with and without a
  process pool (floor: one process), see :mod:`benchmarks.review`;
* ``habits``     — completion, search, copy and paste in the editor's session (floor: one scan of
  every indicator name; per-key work ≤ 0.05× of it), see :mod:`benchmarks.habits`;
* ``review_screen`` — the review screen in a headless app on the ``--review-files`` folders (floor:
  reading in one process), and "compare with…" on each size (floor: ``diff()`` alone), see
  :mod:`benchmarks.review_screen`.

Sizes (``--sizes``): ``sample`` (the bundled table) and ``PROJECTSxINDICATORS`` tables made
by :mod:`benchmarks.generator` (seeded: the same every run).

In-process figures are medians of this process's CPU time (the wall time is in the note: on a
machine shared with other work, wall time mostly measures waiting for a core); terminal figures
are wall times, medians of several runs. A missed target is marked ``MISS`` in the table; the
exit status is 0 whatever the figures (benchmarks report, they never fail a build).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

PARTS = ("load", "validation", "export", "paint", "keys", "habits", "review", "review_screen")
FULL = {"sizes": "sample,2000x8,8000x8", "repeat": 5, "paint_runs": 7, "cycles": 5, "review_files": "30,100,300"}
QUICK = {"sizes": "sample,2000x8", "repeat": 3, "paint_runs": 3, "cycles": 3, "review_files": "100"}
SMOKE = {"sizes": "12x5", "repeat": 1, "paint_runs": 1, "cycles": 1, "review_files": "4"}


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--quick", action="store_true", help=f"fewer sizes and runs: {QUICK}")
    mode.add_argument("--smoke", action="store_true", help=f"check the runner works, figures meaningless: {SMOKE}")
    parser.add_argument("--sizes", help=f"comma-separated sizes (default {FULL['sizes']})")
    parser.add_argument("--parts", default=",".join(PARTS), help="comma-separated parts (default: all)")
    parser.add_argument("--repeat", type=int, help="runs of each in-process figure (median)")
    parser.add_argument("--paint-runs", type=int, help="paired first-paint runs per size")
    parser.add_argument("--cycles", type=int, help="timed key cycles per size and app")
    parser.add_argument("--review-files", help=f"folder sizes for the review part (default {FULL['review_files']})")
    parser.add_argument("--terminal-size", default="120x36", help="pty size (default 120x36)")
    parser.add_argument("--quiet", type=float, help="seconds of silence that end a key's response (0.4)")
    parser.add_argument("--no-bytecode-cache", action="store_true", help="start the apps as the environment says")
    parser.add_argument("--json", type=Path, help="also write every figure to this JSON file")
    parser.add_argument("--markdown", action="store_true", help="print the table as Markdown (for docs/benchmarks.md)")
    args = parser.parse_args(argv)
    preset = SMOKE if args.smoke else QUICK if args.quick else FULL
    for name, value in preset.items():
        if getattr(args, name) is None:
            setattr(args, name, value)
    args.parts = [part.strip() for part in args.parts.split(",") if part.strip()]
    unknown = set(args.parts) - set(PARTS)
    if unknown:
        parser.error(f"unknown parts: {', '.join(sorted(unknown))} (known: {', '.join(PARTS)})")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    from benchmarks import datasets, files, habits, review, review_screen, terminal, validation
    from benchmarks.report import Report

    report = Report(["python", "-m", "benchmarks", *(sys.argv[1:] if argv is None else argv)])
    print(report.header(), flush=True)
    columns, lines = (int(n) for n in args.terminal_size.lower().split("x"))
    options = terminal.Options(
        columns=columns,
        lines=lines,
        paint_runs=args.paint_runs,
        cycles=args.cycles,
        warm_up=not args.smoke,
        quiet=args.quiet if args.quiet is not None else (0.2 if args.smoke else 0.4),
        parallel=args.smoke,
        bytecode_cache=not args.no_bytecode_cache,
    )
    started = time.perf_counter()
    key_medians: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory(prefix="goaltui-bench-") as tmp:
        directory = Path(tmp)
        if options.bytecode_cache:
            options.environment["PYTHONPYCACHEPREFIX"] = str(directory / "pycache")
        sizes = args.sizes.split(",") if set(args.parts) - {"review"} else []  # (review_screen: compare with…)
        for dataset in datasets.load(sizes, directory):
            print(f"\n{dataset.label}: {dataset.document.project_count()} projects, {dataset.rows} indicator rows",
                  flush=True)  # fmt: skip
            done = len(report.figures)
            if "load" in args.parts:
                files.run(report, dataset, args.repeat, {"load"})
            if "validation" in args.parts:
                validation.run(report, dataset, args.repeat)
            if "export" in args.parts:
                files.run(report, dataset, args.repeat, {"export"})
            if "paint" in args.parts:
                terminal.first_paint(report, dataset, options, directory)
            if "keys" in args.parts:
                key_medians[dataset.label] = terminal.keystrokes(report, dataset, options, directory)
            if "habits" in args.parts:
                habits.run(report, dataset, args.repeat)
            if "review_screen" in args.parts:
                review_screen.compare_figures(report, dataset, args.repeat)
            for figure in report.figures[done:]:
                print(f"  {report.line(figure)}", flush=True)
        terminal.size_ratios(report, key_medians)
        review_files = [int(n) for n in args.review_files.split(",")]
        if "review" in args.parts:
            review.run(report, review_files, args.repeat, directory)
        if "review_screen" in args.parts:
            review_screen.listing_figures(report, review_files, args.repeat, directory)
    print()
    print(report.table(markdown=args.markdown))
    print()
    print(report.summary())
    print(f"took {time.perf_counter() - started:.0f} s")
    if args.json is not None:
        report.write_json(args.json)
    return 0
