"""Run goaltui on every file of the hostile corpus and print what happened.

For each file and command: exit code (or the signal), stderr line count, peak
memory and wall time, under a virtual-memory cap::

    python -m tests.hostile.probe DIR [--cap-gib 4] [--timeout 60] [--commands check,summary,convert]

This is a probe for people (figures for an issue's closing note), not a test:
the tests in test_hostile_corpus.py assert on the same runs.
"""

from __future__ import annotations

import argparse
import os
import resource
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.hostile.corpus import CORPUS, make


def run(argv: list[str], cap_bytes: int, timeout: float) -> tuple[str, int, float, float]:
    """(outcome, stderr lines, peak RSS in MiB, seconds)."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (cap_bytes, cap_bytes))

    with tempfile.TemporaryFile() as err:
        start = time.monotonic()
        process = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=err,
                                   preexec_fn=limit)
        deadline = start + timeout
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() > deadline:
                process.kill()
                pid, status, usage = os.wait4(process.pid, 0)
                process.returncode = -9
                elapsed = time.monotonic() - start
                return "timeout", 0, usage.ru_maxrss / 1024, elapsed
            time.sleep(0.02)
        elapsed = time.monotonic() - start
        err.seek(0)
        lines = len(err.read().decode(errors="replace").splitlines())
    if os.WIFSIGNALED(status):
        outcome = f"signal {signal.Signals(os.WTERMSIG(status)).name}"
    else:
        outcome = f"exit {os.WEXITSTATUS(status)}"
    return outcome, lines, usage.ru_maxrss / 1024, elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("directory", type=Path)
    parser.add_argument("--cap-gib", type=float, default=4)
    parser.add_argument("--timeout", type=float, default=60)
    parser.add_argument("--commands", default="check,summary,convert")
    parser.add_argument("--only", default="")
    args = parser.parse_args()
    paths = make(args.directory)
    cap = int(args.cap_gib * (1 << 30))
    out = Path(tempfile.mkdtemp())
    print(f"{'file':28} {'command':8} {'outcome':16} {'stderr':>6} {'MiB':>8} {'s':>7}")
    for hostile in CORPUS:
        if args.only and args.only not in hostile.name:
            continue
        for command in args.commands.split(","):
            target = paths[hostile.name]
            argv = [sys.executable, "-m", "goaltui", command, str(target)]
            if command == "convert":
                argv.append(str(out / "out.md"))
                argv.append("--force")
            outcome, lines, mib, seconds = run(argv, cap, args.timeout)
            print(f"{hostile.name:28} {command:8} {outcome:16} {lines:6} {mib:8.0f} {seconds:7.2f}", flush=True)


if __name__ == "__main__":
    main()
