"""Benchmark: validation of a 2,000-project × 8-indicator document.

Goals (issue 3): full validation < 100 ms; revalidating one edited project < 2 ms.
Machines differ, so each figure is also given as a ratio to a baseline measured in
the same run: a bare loop that reads every indicator field once (the least any
validation must do).

"Cold" is the first validation of a document by a fresh Validator with every
parse cache emptied (指标值, 明细指标, 一级指标): nothing is carried over from an
earlier run. "Warm parser caches" keeps those caches (as after opening a file
and validating it once), but still starts a fresh Validator. On a shared
machine, look at "best" and "cpu" (this process only) rather than "median".

    python benchmarks/bench_validation.py [--projects N] [--indicators N] [--repeat N]
"""

from __future__ import annotations

import argparse
import gc
import itertools
import statistics
import time
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path

from goaltui.io import text_table
from goaltui.model import Document, Funds, Indicator, Project, Signatures, Unit
from goaltui.rules import Validator, validate
from goaltui.rules.base import clear_caches

SEED = Path(__file__).resolve().parent.parent / "tests" / "data" / "keqiao_renda_2020.txt"


def build_document(projects: int, per_project: int, *, unique: bool = False) -> Document:
    """A large table made of the seed's rows, with numbers varied so values are not all identical.

    With *unique*, every row differs from every other (a number unique to the
    project in each description), so nothing can be reused between rows.
    """
    seed = text_table.read(SEED)
    pool = [indicator for _unit, project in seed.projects() for indicator in project.indicators]
    units = []
    for unit_number in range(projects // 50 + (1 if projects % 50 else 0)):
        unit_projects = []
        for offset in range(min(50, projects - unit_number * 50)):
            number = unit_number * 50 + offset
            rows = []
            for row in range(per_project):
                source = pool[(number * per_project + row) % len(pool)]
                value = source.value.replace("1", str(number % 97 + 1), 1) if number % 3 else source.value
                description = f"{source.description}（{number}-{row}）" if unique else source.description
                rows.append(Indicator(level1=source.level1, name=source.name, value=value, description=description))
            amount = Decimal(number % 500 + 1)
            funds = Funds(total=amount, general_budget=amount)
            unit_projects.append(Project(name=f"项目{number:04d}", funds=funds, indicators=rows))
        units.append(Unit(name=f"单位{unit_number:03d}", projects=unit_projects))
    return Document(
        title=seed.title,
        department=seed.department,
        units=units,
        signatures=Signatures(leader="周维", handler="李怡", phone="84119169"),
    )


def timings(repeat: int, action: Callable[[], object]) -> tuple[float, float, float]:
    """(fastest, median, fastest CPU time) of *repeat* runs in seconds, each after a full garbage collection.

    CPU time (this process only) is the steadier figure on a shared machine.
    """
    times = []
    cpu_times = []
    for _ in range(repeat):
        gc.collect()
        start, cpu_start = time.perf_counter(), time.process_time()
        action()
        times.append(time.perf_counter() - start)
        cpu_times.append(time.process_time() - cpu_start)
    return min(times), statistics.median(times), min(cpu_times)


def baseline_loop(document: Document) -> int:
    """Touch every indicator field once: the floor under any validation."""
    total = 0
    for unit in document.units:
        for project in unit.projects:
            for indicator in project.indicators:
                total += len(indicator.level1) + len(indicator.name) + len(indicator.value) + len(indicator.description)
    return total


def ms(seconds: float) -> str:
    return f"{seconds * 1000:8.3f} ms"


def report(label: str, figures: tuple[float, float, float], baseline: float, goal: str = "") -> None:
    best, median, cpu = figures
    print(
        f"  {label:<36} best {ms(best)}  median {ms(median)}  cpu {ms(cpu)}"
        f"  = {best / baseline:7.3f} × baseline {goal}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--projects", type=int, default=2000)
    parser.add_argument("--indicators", type=int, default=8)
    parser.add_argument("--repeat", type=int, default=11)
    args = parser.parse_args()

    for unique in (False, True):
        document = build_document(args.projects, args.indicators, unique=unique)
        kind = "every row unique" if unique else "rows repeat as in real tables"
        print(f"{document.project_count()} projects × {args.indicators} indicators = "
              f"{document.indicator_count()} indicators ({kind}); {len(validate(document))} problems")
        baseline = timings(args.repeat, lambda document=document: baseline_loop(document))[0]  # type: ignore[misc]
        print(f"  {'baseline: bare loop over every field':<36} best {ms(baseline)}")

        def cold(document: Document = document) -> None:
            clear_caches()
            validate(document)

        def warm(document: Document = document) -> None:
            validate(document)

        report("full validation, cold caches", timings(args.repeat, cold), baseline, "(goal < 100 ms)")
        report("full validation, warm parser caches", timings(args.repeat, warm), baseline)

        validator = Validator(document)
        counter = itertools.count(12)
        _unit, middle = document.projects()[len(document.projects()) // 2]
        edited = middle.indicators[0]

        def edit_and_revalidate(
            edited: Indicator = edited, key: int = middle.key, v: Validator = validator, typed: Iterator[int] = counter
        ) -> None:
            edited.value = f"≥{next(typed)}次"  # a value not seen before, as when typing: parsed and checked afresh
            v.revalidate_project(key)

        one = timings(max(args.repeat, 200), edit_and_revalidate)
        report("one project after an edit", one, baseline, "(goal < 2 ms)")
        print(f"  full validation / one project: {timings(3, warm)[0] / one[0]:.0f}")


if __name__ == "__main__":
    main()
