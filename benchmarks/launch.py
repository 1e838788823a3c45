"""Start an app for the keystroke measurements: ``python benchmarks/launch.py goaltui|bare FILE``.

The only difference from starting it directly: the Input cursor does not blink.
A blinking cursor writes to the terminal every half second while an editor is
open, which would be counted as part of whatever key was pressed last (and
would never let the terminal go quiet). Both the editor and the bare app are
started this way for the keystroke figures; first-paint figures start them as
a user would (``python -m goaltui FILE``, ``python benchmarks/bare_app.py FILE``).
"""

from __future__ import annotations

import runpy
import sys
from pathlib import Path


def main() -> None:
    if sys.path and Path(sys.path[0]).resolve() == Path(__file__).resolve().parent:
        del sys.path[0]  # the benchmarks' own modules are not the app's
    from textual.widgets import Input

    Input.__dict__["cursor_blink"]._default = False  # the reactive's default; read when each Input starts
    app, path = sys.argv[1], sys.argv[2]
    if app == "goaltui":
        sys.argv = ["goaltui", path]
        runpy.run_module("goaltui", run_name="__main__", alter_sys=True)
    else:
        sys.argv = ["bare_app.py", path]
        runpy.run_path(str(Path(__file__).with_name("bare_app.py")), run_name="__main__")


if __name__ == "__main__":
    main()
