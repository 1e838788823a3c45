"""Editor benchmark, through a real pseudo-terminal (not a timed test).

Measures, at 120×36 by default:

* time to first paint of ``goaltui`` on the bundled sample, against a bare
  Textual app with the same widgets (Tree, DataTable, Statics, Footer) filled
  with the same data, started in the same run (goal: ≤ 1.2×);
* bytes written to the terminal per cursor move in the grid (goal ≤ 1 KB);
* bytes written per committed edit (typing one character, then Enter).

Both apps start once untimed before the timed runs (warm file cache, and the
bytecode cache below). The children run with their own bytecode cache (a
``PYTHONPYCACHEPREFIX`` in the run's temporary directory) even when the
environment sets ``PYTHONDONTWRITEBYTECODE``: an installed goaltui has its
``.pyc`` files (pip compiles them), and without a cache goaltui alone would pay
for compiling its own sources on every start (≈50 ms; the bare app's code is
this one small file). ``--no-bytecode-cache`` measures as the environment is.

Run: ``python benchmarks/bench_editor.py [--runs 5] [--size 120x36]``.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import time
from pathlib import Path
from typing import Any

# pexpect and pyte are imported by the driver only, so that the bare app started
# through this file pays for nothing the editor does not.
pexpect: Any = None

MARKER = "产出指标"
CHILD_ENV: dict[str, str] = {}
"""Extra environment of the started apps (the bytecode cache), set by main()."""
NO_ENV = ("PYTHONDONTWRITEBYTECODE",)
"""Removed from the started apps' environment when they get a bytecode cache."""
KEYS = {"down": "\x1b[B", "up": "\x1b[A", "right": "\x1b[C", "left": "\x1b[D", "enter": "\r", "escape": "\x1b"}


def bare_app_main() -> None:
    """A plain Textual app with the editor's widget types and the sample's data."""
    from rich.text import Text
    from textual.app import App, ComposeResult
    from textual.containers import Horizontal, Vertical
    from textual.widgets import DataTable, Footer, Static, Tree

    from goaltui.io.formats import read_document
    from goaltui.resources import sample_path

    document = read_document(sample_path())

    class Bare(App[None]):
        CSS = "Tree { width: 28%; } #panel { height: 4; } #hint { height: 2; } #status { height: 1; }"

        def compose(self) -> ComposeResult:
            with Horizontal():
                tree: Tree[None] = Tree(Text(document.department))
                for unit in document.units:
                    node = tree.root.add(Text(unit.name), expand=True)
                    for project in unit.projects:
                        node.add_leaf(Text(project.name))
                tree.root.expand()
                yield tree
                with Vertical():
                    yield Static(Text(document.units[0].projects[0].name), id="panel")
                    table: DataTable[Text] = DataTable(cursor_type="cell")
                    yield table
                    yield Static("", id="hint")
            yield Static(Text(document.title), id="status")
            yield Footer()

        def on_mount(self) -> None:
            table = self.query_one(DataTable)
            fields = ("level1", "name", "value", "description")
            for field in fields:
                table.add_column(field, width=14)
            for indicator in document.units[0].projects[0].indicators:
                table.add_row(*(Text(getattr(indicator, f)) for f in fields))
            table.focus()

    Bare().run()


class Session:
    def __init__(self, args: list[str], size: tuple[int, int], cwd: Path) -> None:
        import pyte

        columns, lines = size
        self.screen = pyte.Screen(columns, lines)
        self.stream = pyte.ByteStream(self.screen)
        env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": str(columns), "LINES": str(lines), **CHILD_ENV}
        if CHILD_ENV:
            for name in NO_ENV:
                env.pop(name, None)
        self.start = time.perf_counter()
        self.child = pexpect.spawn(args[0], args[1:], cwd=str(cwd), env=env, dimensions=(lines, columns))

    def read(self, quiet: float = 0.3, limit: float = 10.0) -> bytes:
        """Everything written until the terminal has been quiet for *quiet* seconds."""
        chunks: list[bytes] = []
        end = time.perf_counter() + limit
        last = time.perf_counter()
        while time.perf_counter() < end:
            try:
                data = self.child.read_nonblocking(65536, timeout=0.02)
            except pexpect.TIMEOUT:
                if time.perf_counter() - last >= quiet:
                    break
                continue
            except pexpect.EOF:
                break
            chunks.append(data)
            self.stream.feed(data)
            last = time.perf_counter()
        return b"".join(chunks)

    def first_paint(self, marker: str = MARKER, timeout: float = 20.0) -> float:
        end = time.perf_counter() + timeout
        while time.perf_counter() < end:
            try:
                data = self.child.read_nonblocking(65536, timeout=0.01)
            except pexpect.TIMEOUT:
                continue
            self.stream.feed(data)
            if marker in "\n".join(self.screen.display):
                return time.perf_counter() - self.start
        raise RuntimeError(f"{marker!r} never appeared")

    def key(self, key: str, quiet: float = 0.3) -> bytes:
        self.child.send(KEYS.get(key, key))
        return self.read(quiet)

    def close(self) -> None:
        self.child.sendcontrol("q")
        with contextlib.suppress(pexpect.TIMEOUT, pexpect.EOF):
            self.child.expect(pexpect.EOF, timeout=2)
        if self.child.isalive():
            self.child.terminate(force=True)


def editor_command(table: Path) -> list[str]:
    return [sys.executable, "-m", "goaltui", str(table)]


def bare_command() -> list[str]:
    return [sys.executable, __file__, "--bare-app"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--size", default="120x36")
    parser.add_argument(
        "--no-bytecode-cache",
        action="store_true",
        help="start the apps with the environment as it is (PYTHONDONTWRITEBYTECODE: compile every start)",
    )
    parser.add_argument("--bare-app", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.bare_app:
        bare_app_main()
        return
    global pexpect
    import statistics

    import pexpect as _pexpect

    pexpect = _pexpect
    columns, lines = (int(n) for n in args.size.split("x"))
    size = (columns, lines)

    import shutil
    import tempfile

    from goaltui.resources import sample_path

    with tempfile.TemporaryDirectory() as tmp:
        cwd = Path(tmp)
        table = cwd / "table.json"
        shutil.copyfile(sample_path(), table)
        if not args.no_bytecode_cache:
            CHILD_ENV["PYTHONPYCACHEPREFIX"] = str(cwd / "pycache")

        # 0. One untimed start of each (file cache, bytecode cache).
        for command in (bare_command(), editor_command(table)):
            session = Session(command, size, cwd)
            session.first_paint()
            session.read(0.3)
            session.close()

        # 1. Time to first paint, alternating the two apps so both see the same machine state.
        editor_times: list[float] = []
        bare_times: list[float] = []
        for _ in range(args.runs):
            for command, times in ((bare_command(), bare_times), (editor_command(table), editor_times)):
                session = Session(command, size, cwd)
                times.append(session.first_paint())
                session.read(0.3)
                session.close()
        editor_ms = statistics.median(editor_times) * 1000
        bare_ms = statistics.median(bare_times) * 1000
        cache = "no bytecode cache" if args.no_bytecode_cache else "bytecode cached"
        print(f"size {columns}x{lines}, {args.runs} runs, medians ({cache})")
        ratio = editor_ms / bare_ms
        print(f"first paint: goaltui {editor_ms:.0f} ms, bare Textual app {bare_ms:.0f} ms, ratio {ratio:.2f}")
        runs_editor = [round(x * 1000) for x in editor_times]
        runs_bare = [round(x * 1000) for x in bare_times]
        print(f"  all runs (ms): goaltui {runs_editor}, bare {runs_bare}")

        # 2. Bytes per cursor move in the grid (no scrolling), and 3. per committed edit.
        for name, command in (("bare", bare_command()), ("goaltui", editor_command(table))):
            session = Session(command, size, cwd)
            session.first_paint()
            session.read(0.5)
            moves = ["down", "down", "right", "right", "up", "left", "down", "left", "up", "up"]
            sizes = [len(session.key(key)) for key in moves]
            print(
                f"{name}: bytes per cursor move: median {statistics.median(sizes):.0f}, "
                f"max {max(sizes)} ({', '.join(str(s) for s in sizes)})"
            )
            if name == "goaltui":
                session.key("escape", quiet=0.5)  # to the tree
                tree_sizes = [len(session.key(key)) for key in ("down", "down", "up")]
                print(f"goaltui: bytes per tree move (shows another project): {tree_sizes}")
                session.key("enter")  # back into the grid
                session.key("right")  # 指标值 column
                edits: list[tuple[int, int]] = []
                for character in ("x", "y", "z"):
                    typed = len(session.key(character))
                    committed = len(session.key("enter"))
                    edits.append((typed, committed))
                    session.key("down")
                for typed, committed in edits:
                    print(f"goaltui: committed edit: typing opened the editor {typed} B, Enter {committed} B")
            session.child.sendcontrol("q")
            session.read(0.3)
            session.child.send("\x1b[C\r")  # the quit dialog (unsaved edits): move to "don't save"
            session.read(0.3)
            if session.child.isalive():
                session.child.terminate(force=True)


if __name__ == "__main__":
    main()
