"""Two runs side by side: ``python -m benchmarks.compare BEFORE.json AFTER.json [--markdown]``.

Each file is what ``python -m benchmarks --json FILE`` wrote. Figures are
matched by size and name; the floor, ratio and target shown are the second
run's (the machines may differ between runs: compare ratios, not values).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from benchmarks.report import Figure, Target, _amount


def load(path: Path) -> dict[tuple[str, str], Figure]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    figures = {}
    for item in data["figures"]:
        target = Target(**item["target"]) if item["target"] else None
        figure = Figure(item["size"], item["part"], item["name"], item["value"], item["unit"], item["floor"],
                        item["floor_name"], target, item["note"], item["runs"])  # fmt: skip
        figures[(figure.size, figure.name)] = figure
    return figures


def table(before: dict[tuple[str, str], Figure], after: dict[tuple[str, str], Figure], markdown: bool) -> str:
    columns = ("size", "figure", "before", "ratio before", "after", "ratio after", "floor (after)", "target", "")
    rows = []
    for key, new in after.items():
        old = before.get(key)
        rows.append(
            (
                new.size,
                new.name,
                _amount(old.value, old.unit) if old else "",
                f"{old.ratio:.2f}×" if old and old.ratio is not None else "",
                _amount(new.value, new.unit),
                f"{new.ratio:.2f}×" if new.ratio is not None else "",
                f"{_amount(new.floor, new.unit)} {new.floor_name}" if new.floor is not None else "",
                new.target.text(new.unit) if new.target else "",
                new.status,
            )
        )
    if markdown:
        lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
        return "\n".join(lines + ["| " + " | ".join(row) + " |" for row in rows])
    from rich.cells import cell_len

    widths = [max(cell_len(row[i]) for row in [columns, *rows]) for i in range(len(columns))]
    return "\n".join(
        "  ".join(cell + " " * (width - cell_len(cell)) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in [columns, *rows]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.compare", description=__doc__.splitlines()[0])
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    parser.add_argument("--markdown", action="store_true")
    args = parser.parse_args(argv)
    print(table(load(args.before), load(args.after), args.markdown))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
