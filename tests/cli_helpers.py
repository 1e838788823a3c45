"""Run goaltui in a subprocess, as a user or a script would."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def run_goaltui(*args: str | Path, cwd: Path | None = None, lang: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "GOALTUI_LANG"}
    if lang:
        env["GOALTUI_LANG"] = lang
    return subprocess.run(
        [sys.executable, "-m", "goaltui", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )
