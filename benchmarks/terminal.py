"""Figures through a real pseudo-terminal: first paint, and the latency and bytes of each key.

Both the editor and its floor (:mod:`benchmarks.bare_app`, a bare Textual app
with the same widgets and visible rows) run in a pty of the same size, on the
same file, alternately, and answer the same keys. What is measured is what a
terminal would receive:

* **first paint** — from starting the process to the first indicator row
  (``产出指标``) on the screen (a pyte screen fed with the output); **ready** —
  to the last write of the start-up (the editor validates after its first
  frame and then shows the problems);
* for each key, from writing it to the pty: **echo** — the first write back;
  **settled** — the last write before the terminal stays quiet; **bytes** —
  everything written in between.

The keys, on the document's *last* project (Esc to the tree, End, Enter, then
→ → to the 指标值 column), repeated for several cycles after one untimed cycle:
↓ (cursor move), a character that opens the editor (first character), two
more characters (typed character), Enter (commit), Ctrl+Z (undo), ↑.

The editor validates what is typed after a pause (the debounce): its "settled"
figures for typed characters therefore include that pause, and are also given
"after the pause" (settled minus the debounce), which is the work a key costs.

Keystroke sessions start the apps through :mod:`benchmarks.launch` (the Input
cursor does not blink, see there). The children get their own bytecode cache
(a ``PYTHONPYCACHEPREFIX`` in the run's directory) even when the environment
sets ``PYTHONDONTWRITEBYTECODE``: an installed goaltui has its ``.pyc`` files,
and without a cache it would compile its sources on every start while the bare
app is one small file. ``--no-bytecode-cache`` measures as the environment is.
"""

from __future__ import annotations

import contextlib
import os
import select
import statistics
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from benchmarks.datasets import Dataset
from benchmarks.report import Figure, Report, Target

T = TypeVar("T")

HERE = Path(__file__).resolve().parent
MARKER = "产出指标"
"""Text of the first grid row: the first project of every measured document starts with an output indicator."""

KEYS = {
    "down": "\x1b[B",
    "up": "\x1b[A",
    "right": "\x1b[C",
    "left": "\x1b[D",
    "end": "\x1b[F",
    "enter": "\r",
    "escape": "\x1b",
    "ctrl+z": "\x1a",
    "ctrl+q": "\x11",
}
TYPED = ("达", "到", "标")
"""The first opens the editor; the others are typed into it."""
NAVIGATION = ("escape", "end", "enter", "right", "right")

PAINT_RATIO_TARGET = 1.2
OPEN_TARGET_MS = 1000.0
OPEN_TARGET_ROWS = 16_000
SIZE_RATIO_TARGET = 1.5
# (figure, target in ms or bytes); the latency targets apply to the settled time (after the pause).
KEY_TARGETS: dict[str, float] = {
    "cursor move": 16,
    "cursor move bytes": 1024,
    "first character, after the pause": 30,
    "typed character, after the pause": 16,
    "typed character bytes": 1024,
    "commit (Enter)": 30,
    "commit (Enter) bytes": 3 * 1024,
    "undo": 30,
}


def debounce_seconds() -> float:
    """The editor's validate-as-you-type pause, read from the editor (0.15 s if it cannot be found)."""
    import importlib

    places = (("goaltui.ui.screens.editing", "DRAFT_CHECK_SECONDS"), ("goaltui.ui.screens.main", "DEBOUNCE_SECONDS"))
    for module, name in places:
        try:
            value = getattr(importlib.import_module(module), name, None)
        except ImportError:
            continue
        if isinstance(value, int | float):
            return float(value)
    return 0.15


@dataclass
class Response:
    size: int = 0
    echo: float | None = None
    """Milliseconds from the key to the first write."""
    settled: float | None = None
    """Milliseconds from the key to the last write."""
    data: bytes = b""


@dataclass
class Options:
    columns: int = 120
    lines: int = 36
    paint_runs: int = 7
    cycles: int = 5
    warm_up: bool = True
    quiet: float = 0.4
    """Seconds of silence that end a key's response (raised for big documents after the untimed cycle)."""
    bytecode_cache: bool = True
    parallel: bool = False
    """Run the two apps at once (the smoke test: quick, and the figures mean nothing)."""
    environment: dict[str, str] = field(default_factory=dict)


class Session:
    """One app in a pty, with a pyte screen of what it drew."""

    def __init__(self, command: list[str], options: Options, cwd: Path) -> None:
        import pexpect
        import pyte

        self.screen = pyte.Screen(options.columns, options.lines)
        self.stream = pyte.ByteStream(self.screen)
        env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": str(options.columns),
               "LINES": str(options.lines), **options.environment}  # fmt: skip
        env.pop("GOALTUI_LANG", None)
        if options.bytecode_cache:
            env.pop("PYTHONDONTWRITEBYTECODE", None)
        self.start = time.perf_counter()
        self.child = pexpect.spawn(
            command[0], command[1:], cwd=str(cwd), env=env, dimensions=(options.lines, options.columns)
        )
        self.fd = self.child.child_fd

    def _chunk(self, timeout: float) -> bytes | None:
        """One write of the app, or None after *timeout* seconds of silence; b"" when it has ended."""
        ready, _, _ = select.select([self.fd], [], [], max(0.0, timeout))
        if not ready:
            return None
        try:
            return os.read(self.fd, 1 << 16)
        except OSError:
            return b""

    def text(self) -> str:
        return "\n".join(self.screen.display)

    def wait_for(self, marker: str, timeout: float = 120.0) -> float:
        """Milliseconds from the start until *marker* is on the screen."""
        end = self.start + timeout
        while time.perf_counter() < end:
            data = self._chunk(0.05)
            if data == b"":
                break
            if data:
                self.stream.feed(data)
                if marker in self.text():
                    return (time.perf_counter() - self.start) * 1000
        raise RuntimeError(f"{marker!r} never appeared on the screen:\n{self.text()}")

    def settle(self, since: float, quiet: float, limit: float = 120.0) -> Response:
        """Everything written until *quiet* seconds pass without a write (times from *since*)."""
        response = Response()
        chunks: list[bytes] = []
        last = time.perf_counter()
        end = last + limit
        while time.perf_counter() < end:
            data = self._chunk(last + quiet - time.perf_counter())
            if data is None or data == b"":
                break
            now = time.perf_counter()
            if response.echo is None:
                response.echo = (now - since) * 1000
            response.settled = (now - since) * 1000
            chunks.append(data)
            last = now
        response.data = b"".join(chunks)
        response.size = len(response.data)
        self.stream.feed(response.data)  # after the timing: feeding pyte is not the app's time
        return response

    def press(self, key: str, quiet: float) -> Response:
        sent = time.perf_counter()
        os.write(self.fd, KEYS.get(key, key).encode("utf-8"))
        return self.settle(sent, quiet)

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.child.terminate(force=True)


def editor_command(dataset: Dataset) -> list[str]:
    if dataset.is_sample:
        return [sys.executable, "-m", "goaltui"]  # the README's quick start: the bundled sample
    return [sys.executable, "-m", "goaltui", str(dataset.json_path)]


def bare_command(dataset: Dataset) -> list[str]:
    return [sys.executable, str(HERE / "bare_app.py"), str(dataset.json_path)]


def launched(app: str, dataset: Dataset) -> list[str]:
    return [sys.executable, str(HERE / "launch.py"), app, str(dataset.json_path)]


def startup_quiet(dataset: Dataset, options: Options) -> float:
    """Silence that ends the start-up: the editor validates after its first frame (longer for big files)."""
    return options.quiet + dataset.rows / 20_000


def first_paint(report: Report, dataset: Dataset, options: Options, cwd: Path) -> None:
    commands = {"bare": bare_command(dataset), "goaltui": editor_command(dataset)}
    quiet = startup_quiet(dataset, options)
    if options.warm_up:  # file cache and bytecode cache, untimed
        for command in commands.values():
            session = Session(command, options, cwd)
            session.wait_for(MARKER)
            session.settle(session.start, quiet)
            session.close()
    paint: dict[str, list[float]] = {"bare": [], "goaltui": []}
    ready: dict[str, list[float]] = {"bare": [], "goaltui": []}

    def start(app: str) -> None:
        session = Session(commands[app], options, cwd)
        try:
            paint[app].append(session.wait_for(MARKER))
            response = session.settle(session.start, quiet)
            ready[app].append(response.settled or paint[app][-1])
        finally:
            session.close()

    for _ in range(options.paint_runs):
        both(start, options.parallel)  # alternately (or at once): both see the same machine
    size = dataset.label
    if dataset.is_sample:
        target: Target | None = Target(PAINT_RATIO_TARGET, "ratio")
    elif dataset.rows <= OPEN_TARGET_ROWS:
        target = Target(OPEN_TARGET_MS)
    else:
        target = None
    runs = ", ".join(f"{g:.0f}/{b:.0f}" for g, b in zip(paint["goaltui"], paint["bare"], strict=True))
    report.add(
        Figure(size, "paint", "first paint", statistics.median(paint["goaltui"]), "ms",
               statistics.median(paint["bare"]), "bare Textual app", target,
               note=f"{options.paint_runs} paired runs (goaltui/bare ms): {runs}", runs=paint["goaltui"])
    )  # fmt: skip
    report.add(
        Figure(size, "paint", "ready (start-up settled)", statistics.median(ready["goaltui"]), "ms",
               statistics.median(ready["bare"]), "bare Textual app", runs=ready["goaltui"])
    )  # fmt: skip


@dataclass
class KeySamples:
    echo: dict[str, list[float]] = field(default_factory=dict)
    settled: dict[str, list[float]] = field(default_factory=dict)
    size: dict[str, list[float]] = field(default_factory=dict)
    place: str = ""
    """What the session saw after navigating (the last project's name was on the screen, or not)."""

    def add(self, name: str, response: Response) -> None:
        self.echo.setdefault(name, []).append(response.echo or 0.0)
        self.settled.setdefault(name, []).append(response.settled or 0.0)
        self.size.setdefault(name, []).append(float(response.size))


def _cycle(session: Session, quiet: float, samples: KeySamples | None) -> float:
    """One round of keys; the longest settled time seen (to size the quiet window)."""
    longest = 0.0
    steps = [("cursor move", "down"), ("first character", TYPED[0])]
    steps += [("typed character", character) for character in TYPED[1:]]
    steps += [("commit (Enter)", "enter"), ("undo", "ctrl+z"), ("cursor move", "up")]
    for name, key in steps:
        response = session.press(key, quiet)
        longest = max(longest, response.settled or 0.0)
        if samples is not None:
            samples.add(name, response)
    return longest


def key_session(app: str, dataset: Dataset, options: Options, cwd: Path) -> KeySamples:
    samples = KeySamples()
    session = Session(launched(app, dataset), options, cwd)
    try:
        session.wait_for(MARKER)
        session.settle(session.start, startup_quiet(dataset, options))
        quiet = options.quiet
        navigation_quiet = max(quiet, startup_quiet(dataset, options) / 2)
        for key in NAVIGATION:
            session.press(key, navigation_quiet)
        last = dataset.document.units[-1].projects[-1].name if dataset.document.units else ""
        samples.place = "on the last project" if last and last[:8] in session.text() else "NOT on the last project"
        if options.warm_up:
            longest = _cycle(session, max(quiet, startup_quiet(dataset, options)), None)
            quiet = max(quiet, 0.25 + 1.5 * longest / 1000)
        for _ in range(options.cycles):
            _cycle(session, quiet, samples)
    finally:
        session.close()
    return samples


def both(action: Callable[[str], T], parallel: bool) -> dict[str, T]:
    """*action* for the bare app, then the editor (or both at once)."""
    apps = ("bare", "goaltui")
    if not parallel:
        return {app: action(app) for app in apps}
    with ThreadPoolExecutor(len(apps)) as pool:
        return dict(zip(apps, pool.map(action, apps), strict=True))


def keystrokes(report: Report, dataset: Dataset, options: Options, cwd: Path) -> dict[str, float]:
    """The key figures of *dataset*; returns the editor's latency medians by figure name."""
    sessions = both(lambda app: key_session(app, dataset, options, cwd), options.parallel)
    bare, editor = sessions["bare"], sessions["goaltui"]
    pause = debounce_seconds() * 1000
    size = dataset.label
    medians: dict[str, float] = {}
    note = f"{options.cycles} cycles; editor {editor.place}, bare app {bare.place}"

    def add(name: str, value: float, floor: float, unit: str = "ms", extra: str = "") -> None:
        bound = KEY_TARGETS.get(name)
        report.add(
            Figure(size, "keys", name, value, unit, floor, "bare Textual app",
                   Target(bound) if bound is not None else None, note=extra or note)
        )  # fmt: skip
        if unit == "ms":
            medians[name] = value

    med = statistics.median
    for name in ("cursor move", "commit (Enter)", "undo"):
        echo = f"echo {med(editor.echo[name]):.1f} ms (bare {med(bare.echo[name]):.1f} ms); {note}"
        add(name, med(editor.settled[name]), med(bare.settled[name]), extra=echo)
        add(f"{name} bytes", med(editor.size[name]), med(bare.size[name]), "B")
    for name in ("first character", "typed character"):
        add(f"{name}, echo", med(editor.echo[name]), med(bare.echo[name]))
        settled = med(editor.settled[name])
        if settled > pause:
            after, how = settled - pause, f"settled {settled:.0f} ms including the {pause:.0f} ms pause"
        else:  # nothing was written after the pause: the key's cost is all before it
            after, how = settled, f"settled {settled:.0f} ms, nothing written after the {pause:.0f} ms pause"
        add(f"{name}, after the pause", after, med(bare.settled[name]), extra=f"{how}; {note}")
        add(f"{name} bytes", med(editor.size[name]), med(bare.size[name]), "B")
    return medians


def size_ratios(report: Report, by_size: dict[str, dict[str, float]]) -> None:
    """The same key on the last project of each generated document ÷ on the sample (goal ≤ 1.5×)."""
    sample = by_size.get("sample")
    if not sample:
        return
    for size, figures in by_size.items():
        if size == "sample":
            continue
        for name, value in figures.items():
            base = sample.get(name)
            if not base:
                continue
            report.add(
                Figure(size, "size ratio", f"{name}: {size} ÷ sample", value / base, "×",
                       target=Target(SIZE_RATIO_TARGET), note=f"{value:.1f} ms vs {base:.1f} ms")
            )  # fmt: skip
