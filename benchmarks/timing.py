"""Timing in this process: the subject and its floor run alternately, so both see the same machine."""

from __future__ import annotations

import gc
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class Timed:
    wall: list[float]
    """Milliseconds, one per run."""
    cpu: list[float]
    """Milliseconds of this process's CPU time (steadier than wall time on a shared machine)."""

    @property
    def median(self) -> float:
        """The figure: the median CPU time. On a machine shared with other work, wall time mostly
        measures how long the process waited for a core; CPU time is what the code costs."""
        return statistics.median(self.cpu)

    @property
    def wall_median(self) -> float:
        return statistics.median(self.wall)

    def note(self) -> str:
        return f"wall median {_ms(self.wall_median)}, best {_ms(min(self.wall))}"


def _ms(value: float) -> str:
    return f"{value:.3f} ms" if value < 1 else f"{value:.1f} ms"


def paired(
    subject: Callable[[], object], floor: Callable[[], object], repeat: int, *, collect: bool = True
) -> tuple[Timed, Timed]:
    """Run *floor* then *subject*, *repeat* times, each after a full garbage collection when *collect*
    (leave it off for actions of microseconds on a big heap: a collection would cost more than the runs)."""
    results = (Timed([], []), Timed([], []))
    for _ in range(repeat):
        for action, timed in ((floor, results[1]), (subject, results[0])):
            if collect:
                gc.collect()
            start, cpu_start = time.perf_counter(), time.process_time()
            action()
            timed.wall.append((time.perf_counter() - start) * 1000)
            timed.cpu.append((time.process_time() - cpu_start) * 1000)
    return results
