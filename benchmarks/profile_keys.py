"""Where a keystroke's time goes: ``python -m benchmarks.profile_keys [--size 2000x8] [--key typed]``.

Runs the editor headless (``App.run_test``) on a generated table, goes to its
last project's 指标值 column the way the pty benchmark does (Esc, End, Enter,
→ →), then profiles (cProfile) each kind of key from the moment it is pressed
until the app is idle again (the typed-character debounce included) and prints
the functions that took the most time, cumulative, with goaltui's own first.

The figures are cProfile's (slower than real, and headless Textual does not
write to a terminal): read them for where the time goes, not for how much.

``--refreshes`` lists instead which widgets each key asked to repaint (a line or
region, the whole widget, or a layout of the screen, which also repaints every
scroll bar) and from where: what decides the bytes a key writes.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import io
import pstats
import traceback
from collections import Counter
from pathlib import Path
from typing import Any

from benchmarks.generator import generate, parse_size

KEYS = {
    "move": ["down"],
    "first": ["达"],
    "typed": ["到"],
    "commit": ["enter"],
    "undo": ["ctrl+z"],
}
"""The keys of one cycle, in the order pressed (each profiled on its own)."""


def top(profile: cProfile.Profile, *, own: bool, limit: int) -> str:
    out = io.StringIO()
    stats = pstats.Stats(profile, stream=out).sort_stats("cumulative")
    stats.print_stats(r"goaltui[/\\]" if own else "", limit)
    lines = out.getvalue().splitlines()
    start = next((i for i, line in enumerate(lines) if line.lstrip().startswith("ncalls")), 0)
    return "\n".join(line.replace(str(Path.cwd()) + "/", "") for line in lines[start:] if line.strip())


class Refreshes:
    """Counts ``Widget.refresh`` calls by widget, kind and caller while installed."""

    def __init__(self) -> None:
        self.seen: Counter[tuple[str, str, str]] = Counter()

    def install(self) -> None:
        from textual.widget import Widget

        original = Widget.refresh
        seen = self.seen

        def refresh(widget: Widget, *regions: Any, **options: Any) -> Any:
            kind = "layout" if options.get("layout") else "region" if regions else "whole"
            callers = traceback.extract_stack(limit=6)[:-1][::-1][:4]
            seen[(type(widget).__name__, kind, " <- ".join(frame.name for frame in callers))] += 1
            return original(widget, *regions, **options)

        Widget.refresh = refresh  # type: ignore[method-assign]

    def report(self, limit: int) -> str:
        rows = sorted(self.seen.items(), key=lambda item: -item[1])[:limit]
        return "\n".join(f"{n:5d}  {widget:<16} {kind:<7} {where}" for (widget, kind, where), n in rows)


async def run(size: str, keys: list[str], pause: float, limit: int, refreshes: Refreshes | None = None) -> None:
    from goaltui.ui.app import GoalApp

    if size == "sample":
        from goaltui.io.formats import read_document
        from goaltui.resources import sample_path

        document = read_document(sample_path())
    else:
        parsed = parse_size(size)
        assert parsed is not None, "sample or a generated size (PROJECTSxINDICATORS)"
        document = generate(*parsed)
    app = GoalApp(document, None)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause(pause * 3)  # validation after the first frame
        for key in ("escape", "end", "enter", "right", "right"):
            await pilot.press(key)
            await pilot.pause(pause)
        for name in keys:
            for key in KEYS[name]:
                if refreshes is not None:
                    refreshes.seen.clear()
                    await pilot.press(key)
                    await pilot.pause(pause)
                    print(f"\n=== {name} ({key!r}) on the last project of {size}: repaints (count, widget, kind, from)")
                    print(refreshes.report(limit))
                    continue
                profile = cProfile.Profile()
                profile.enable()
                await pilot.press(key)
                await pilot.pause(pause)
                profile.disable()
                print(f"\n=== {name} ({key!r}) on the last project of {size}: goaltui's functions, cumulative")
                print(top(profile, own=True, limit=limit))
                print(f"--- everything, cumulative (first {limit})")
                print(top(profile, own=False, limit=limit))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.profile_keys", description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="2000x8")
    parser.add_argument("--key", action="append", choices=sorted(KEYS), help="profile only these (repeatable)")
    parser.add_argument("--pause", type=float, default=0.4, help="seconds to let each key settle (> the debounce)")
    parser.add_argument("--limit", type=int, default=25, help="lines per listing")
    parser.add_argument("--refreshes", action="store_true", help="list the repaints each key asks for, not the profile")
    args = parser.parse_args(argv)
    keys = args.key or list(KEYS)
    refreshes = None
    if args.refreshes:
        refreshes = Refreshes()
        refreshes.install()
    asyncio.run(run(args.size, keys, args.pause, args.limit, refreshes))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
