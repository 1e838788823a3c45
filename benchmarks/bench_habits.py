"""Benchmark: what the spreadsheet habits cost per key, in a big table.

Typing in a 明细指标 cell looks up completions at each (debounced) key; a committed edit
renews the completion index and an active search for the projects it touched. Neither
may scan the whole table: each figure is given as a ratio to a baseline measured in the
same run, a bare loop over every indicator name (what one scan of the table costs).

Goals: a completion lookup, and keeping the completion index and an active search up
to date after an edit, each below 5 % of that baseline (they grow with the project, not
with the table). The first completion and the first search build their index once
(figures shown, no goal).

    python benchmarks/bench_habits.py [--projects N] [--indicators N] [--repeat N]
"""

from __future__ import annotations

import argparse
import gc
import itertools
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # (run as a script: the benchmarks package)

from benchmarks.generator import generate
from goaltui.model import Document
from goaltui.model.commands import SetIndicatorField
from goaltui.session import Change, Selection, Session, clipboard, paste

GOAL = 0.05
"""Per-key work as a share of one scan of the table."""



def timings(repeat: int, action: Callable[[], object]) -> tuple[float, float]:
    """(fastest, median) of *repeat* runs in seconds, each after a full garbage collection."""
    times = []
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:8.3f} ms"

def scan_names(document: Document) -> int:
    """The baseline: one pass over every indicator name (a lookup that scanned the table)."""
    found = 0
    for unit in document.units:
        for project in unit.projects:
            for indicator in project.indicators:
                found += "满意" in indicator.name
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--projects", type=int, default=20000)
    parser.add_argument("--indicators", type=int, default=8)
    parser.add_argument("--repeat", type=int, default=21)
    args = parser.parse_args()

    document = generate(args.projects, args.indicators)
    session = Session(document)
    session.library_path = Path("/nonexistent/templates.toml")  # the shipped library only
    print(f"{document.project_count()} projects × {args.indicators} indicators = {document.indicator_count()} rows")
    baseline = timings(args.repeat, lambda: scan_names(document))[0]
    print(f"  {'baseline: one scan of every name':<44} best {ms(baseline)}")
    slow: list[str] = []

    def report(label: str, seconds: float, goal: bool) -> None:
        ratio = seconds / baseline
        verdict = ""
        if goal:
            verdict = f"(goal < {GOAL:.0%})" if ratio < GOAL else "TOO SLOW"
            if ratio >= GOAL:
                slow.append(label)
        print(f"  {label:<44} best {ms(seconds)}  = {ratio:7.3f} × baseline {verdict}")

    completions = session.completions
    report("first completion (builds the index)", timings(1, lambda: completions.suggest("满意"))[0], False)
    for typed in ("满", "满意", "会议参", "项目"):
        lookup = timings(args.repeat, lambda typed=typed: completions.suggest(typed))[0]  # type: ignore[misc]
        report(f"completion of {typed!r}", lookup, True)

    _unit, middle = document.projects()[len(document.projects()) // 2]
    row = middle.indicators[0]
    counter = itertools.count()

    def edit() -> Change:
        change = session.execute(SetIndicatorField(middle.key, row.key, "name", f"满意度{next(counter)}"))
        assert change is not None
        return change

    # What the habits add to an edit: their part of Session._after, measured on its own (the edit
    # itself costs what the model and the rules cost, which is another benchmark's business).
    change = edit()

    def completion_after_edit() -> None:
        completions.after(change)
        completions.suggest("满意度")

    report("completion index after an edit, and a lookup", timings(args.repeat, completion_after_edit)[0], True)

    finder = session.finder
    report("first search (folds every text)", timings(1, lambda: finder.search("会议"))[0], False)
    report("search again (index kept)", timings(5, lambda: finder.search("会议"))[0], False)
    report("an active search after an edit", timings(args.repeat, lambda: finder.after(change))[0], True)
    report("a whole edit (model, rules, habits)", timings(5, edit)[0], False)

    selection = Selection(middle.key, row=0, field="level1", node=("project", middle.key))
    copied = clipboard.copy_project(document, middle.key)
    assert copied is not None
    report("copy a project", timings(args.repeat, lambda: clipboard.copy_project(document, middle.key))[0], False)
    pasting = timings(args.repeat, lambda: paste.paste_projects(document, selection, copied.text))[0]
    report("read a pasted project", pasting, False)
    if slow:  # (said, never a failure: a loaded machine makes any ratio miss now and then)
        print("MISS: " + ", ".join(slow))
    return 0


if __name__ == "__main__":
    sys.exit(main())
