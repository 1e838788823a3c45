"""Figures, their floors and targets, and how the runner prints them.

Every figure is printed beside a floor measured in the same run on the same
data (what the least possible code costs on this machine now) and the ratio.
A target is either an absolute bound (``≤ 16 ms``) or a bound on the ratio
(``≤ 1.3×`` the floor); a missed target is marked ``MISS``, never an error:
a benchmark reports, it does not fail.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
from dataclasses import asdict, dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Target:
    bound: float
    on: str = "value"
    """``value`` (the figure itself, in its unit) or ``ratio`` (to the floor)."""

    def met(self, figure: Figure) -> bool | None:
        measured = figure.value if self.on == "value" else figure.ratio
        return None if measured is None else measured <= self.bound

    def text(self, unit: str) -> str:
        return f"≤ {self.bound:g}×" if self.on == "ratio" else f"≤ {_amount(self.bound, unit)}"


@dataclass
class Figure:
    size: str
    """``sample``, ``2000×8``, …"""
    part: str
    name: str
    value: float
    unit: str
    """``ms``, ``B`` or ``×`` (a ratio between two sizes)."""
    floor: float | None = None
    floor_name: str = ""
    target: Target | None = None
    note: str = ""
    runs: list[float] = field(default_factory=list)

    @property
    def ratio(self) -> float | None:
        if self.floor is None or self.floor <= 0:
            return None
        return self.value / self.floor

    @property
    def status(self) -> str:
        if self.target is None:
            return ""
        met = self.target.met(self)
        return "" if met is None else ("ok" if met else "MISS")

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["ratio"] = self.ratio
        data["status"] = self.status
        return data


def _amount(value: float, unit: str) -> str:
    if unit == "ms":
        if value < 1:
            return f"{value:.3f} ms"
        return f"{value:.1f} ms" if value < 10 else f"{value:.0f} ms"
    if unit == "B":
        return f"{value / 1024:.1f} KB" if value >= 1024 else f"{value:.0f} B"
    if unit == "×":
        return f"{value:.2f}×"
    return f"{value:g} {unit}"


def median(values: list[float]) -> float:
    return statistics.median(values)


def machine() -> dict[str, str]:
    """What the figures were measured on."""
    cpu = platform.processor() or platform.machine()
    try:
        lscpu = subprocess.run(["lscpu"], capture_output=True, text=True, timeout=5).stdout
        for line in lscpu.splitlines():
            if line.startswith("Model name:"):
                cpu = line.split(":", 1)[1].strip()
    except (OSError, subprocess.SubprocessError):
        pass
    versions = {}
    for package in ("textual", "rich", "pydantic", "pydantic-core", "openpyxl", "python-calamine"):
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            versions[package] = "-"
    load = " ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "-"
    return {
        "cpu": f"{cpu}, {os.cpu_count()} CPUs",
        "python": platform.python_version(),
        "system": f"{platform.system()} {platform.release()}",
        "packages": ", ".join(f"{k} {v}" for k, v in versions.items()),
        "load": load,
    }


class Report:
    def __init__(self, command: list[str]) -> None:
        self.command = command
        self.figures: list[Figure] = []
        self.machine = machine()
        self.load_after = ""

    def add(self, figure: Figure) -> Figure:
        self.figures.append(figure)
        return figure

    def line(self, figure: Figure) -> str:
        """One figure as a line of the running log."""
        ratio = f" = {figure.ratio:.2f}× {figure.floor_name}" if figure.ratio is not None else ""
        return f"{figure.name}: {_amount(figure.value, figure.unit)}{ratio} {figure.status}".rstrip()

    def header(self) -> str:
        m = self.machine
        return "\n".join(
            [
                f"goaltui benchmarks: {' '.join(self.command)}",
                f"machine: {m['cpu']}; Python {m['python']}; {m['system']}",
                f"packages: {m['packages']}",
                f"load average at start (1/5/15 min): {m['load']}",
            ]
        )

    def table(self, markdown: bool = False) -> str:
        columns = ("size", "figure", "goaltui", "floor", "ratio", "target", "", "note")
        rows = [
            (
                f.size,
                f.name,
                _amount(f.value, f.unit),
                f"{_amount(f.floor, f.unit)} {f.floor_name}".strip() if f.floor is not None else f.floor_name,
                f"{f.ratio:.2f}×" if f.ratio is not None else "",
                f.target.text(f.unit) if f.target is not None else "",
                f.status,
                f.note,
            )
            for f in self.figures
        ]
        if markdown:
            lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
            lines += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in rows]
            return "\n".join(lines)
        from rich.cells import cell_len

        widths = [max(cell_len(str(row[i])) for row in [columns, *rows]) for i in range(len(columns))]

        def line(row: tuple[str, ...]) -> str:
            cells = (cell + " " * (width - cell_len(cell)) for cell, width in zip(row, widths, strict=True))
            return "  ".join(cells).rstrip()

        return "\n".join([line(columns), *(line(row) for row in rows)])

    def misses(self) -> list[Figure]:
        return [f for f in self.figures if f.status == "MISS"]

    def summary(self) -> str:
        targets = [f for f in self.figures if f.status]
        misses = self.misses()
        text = f"{len(targets) - len(misses)} of {len(targets)} targets met"
        if misses:
            text += "; missed: " + "; ".join(f"{f.size} {f.name}" for f in misses)
        load = os.getloadavg() if hasattr(os, "getloadavg") else None
        if load is not None:
            text += f"\nload average at end (1/5/15 min): {' '.join(f'{x:.2f}' for x in load)}"
        return text

    def write_json(self, path: Path) -> None:
        data = {
            "command": self.command,
            "machine": self.machine,
            "figures": [f.as_dict() for f in self.figures],
            "python": sys.version,
        }
        path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
