"""Where a keystroke's time goes: ``python -m benchmarks.profile_keys [--size 2000x8] [--key typed]``.

Runs the editor headless (``App.run_test``) on a generated table, goes to its
last project's 指标值 column the way the pty benchmark does (Esc, End, Enter,
→ →), then profiles (cProfile) each kind of key from the moment it is pressed
until the app is idle again (the typed-character debounce included) and prints
the functions that took the most time, cumulative, with goaltui's own first.

The figures are cProfile's (slower than real, and headless Textual does not
write to a terminal): read them for where the time goes, not for how much.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import io
import pstats
from pathlib import Path

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


async def run(size: str, keys: list[str], pause: float, limit: int) -> None:
    from goaltui.ui.app import GoalApp

    parsed = parse_size(size)
    assert parsed is not None, "a generated size (PROJECTSxINDICATORS)"
    document = generate(*parsed)
    app = GoalApp(document, None)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause(pause * 3)  # validation after the first frame
        for key in ("escape", "end", "enter", "right", "right"):
            await pilot.press(key)
            await pilot.pause(pause)
        for name in keys:
            for key in KEYS[name]:
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
    args = parser.parse_args(argv)
    keys = args.key or list(KEYS)
    asyncio.run(run(args.size, keys, args.pause, args.limit))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
