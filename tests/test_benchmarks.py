"""The benchmark runner still runs and reports well-formed figures (tiny sizes; no speed is asserted).

``python -m benchmarks --smoke`` measures a 12-project table: the in-process
parts and, through a real pseudo-terminal, first paint and every key against
the bare Textual app. The figures mean nothing at that size and with both apps
running at once; only their presence and form are checked.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path
from typing import Any

from benchmarks import compare
from benchmarks.generator import Vocabulary, generate
from benchmarks.report import Figure, Report, Target

ROOT = Path(__file__).resolve().parent.parent


def run_runner(tmp_path: Path, *args: str) -> tuple[str, list[dict[str, Any]]]:
    out = tmp_path / "figures.json"  # (test_in_process_parts compares it with itself)
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--smoke", "--json", str(out), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    figures: list[dict[str, Any]] = json.loads(out.read_text(encoding="utf-8"))["figures"]
    return result.stdout, figures


def check_figure(figure: dict[str, Any]) -> None:
    assert figure["size"] == "12×5"
    assert math.isfinite(figure["value"]) and figure["value"] >= 0, figure
    assert figure["unit"] in ("ms", "B", "×")
    if figure["floor"] is not None:
        assert math.isfinite(figure["floor"]) and figure["floor"] >= 0, figure
        assert figure["floor_name"]
    assert figure["status"] in ("", "ok", "MISS")
    assert (figure["target"] is None) == (figure["status"] == "")


def test_in_process_parts(tmp_path: Path) -> None:
    stdout, figures = run_runner(tmp_path, "--parts", "load,validation,export")
    names = {f["name"] for f in figures}
    assert names == {
        "load .json",
        "load .xlsx",
        "full validation, cold",
        "full validation, warm",
        "one project revalidated",
        "export .xlsx",
        "export .md",
    }
    for figure in figures:
        check_figure(figure)
        assert figure["floor"] is not None
    floors = {f["name"]: f["floor_name"] for f in figures}
    assert floors["load .json"] == "json.loads"
    assert floors["load .xlsx"] == "raw calamine"
    assert floors["export .xlsx"] == "tuned openpyxl"
    assert "machine:" in stdout and "Python" in stdout and "textual" in stdout
    assert "load average" in stdout
    assert "targets met" in stdout
    assert "export .xlsx" in stdout.split("size  figure", 1)[1]  # the table, after the running log

    figures_file = tmp_path / "figures.json"
    side_by_side = compare.table(compare.load(figures_file), compare.load(figures_file), markdown=True)
    lines = side_by_side.splitlines()
    assert lines[0].startswith("| size | figure | before |") and len(lines) == 2 + len(figures)
    assert "| 12×5 | load .json |" in side_by_side


def test_terminal_parts(tmp_path: Path) -> None:
    """Through a pty: first paint, and each key of the editor and of the bare app after navigating."""
    _stdout, figures = run_runner(tmp_path, "--parts", "paint,keys")
    names = {f["name"] for f in figures}
    expected = {"first paint", "ready (start-up settled)"}
    for key in ("cursor move", "commit (Enter)", "undo"):
        expected |= {key, f"{key} bytes"}
    for key in ("first character", "typed character"):
        expected |= {f"{key}, echo", f"{key}, after the pause", f"{key} bytes"}
    assert names == expected
    for figure in figures:
        check_figure(figure)
        assert figure["floor_name"] == "bare Textual app"
        assert figure["floor"] > 0 and figure["value"] > 0, figure  # both apps answered every key
    notes = {f["note"] for f in figures if f["part"] == "keys"}
    assert all("editor on the last project, bare app on the last project" in note for note in notes), notes


def test_generated_tables_are_seeded_realistic_and_exact() -> None:
    vocabulary = Vocabulary()
    document = generate(40, 8, vocabulary=vocabulary)
    again = generate(40, 8, vocabulary=vocabulary)
    assert document.model_dump() == again.model_dump()
    assert document.project_count() == 40
    assert document.indicator_count() == 40 * 8
    sizes = {len(project.indicators) for _unit, project in document.projects()}
    assert min(sizes) >= 5 and max(sizes) <= 11 and len(sizes) > 1
    values = [i.value for _u, p in document.projects() for i in p.indicators]
    assert any(v.startswith("≥") and v.endswith("%") for v in values)
    assert any("年" in v and "前" in v for v in values)
    names = [p.name for _u, p in document.projects()]
    assert names[0] == vocabulary.project_names[0]  # the sample's own vocabulary
    assert any(any("\u4e00" <= c <= "\u9fff" for c in name) for name in names)
    assert document.projects()[0][1].indicators[0].level1 == "产出指标"  # the pty marker


def test_a_missed_target_is_marked_never_raised() -> None:
    report = Report(["python", "-m", "benchmarks"])
    report.add(Figure("sample", "keys", "undo", 45.0, "ms", 9.0, "bare Textual app", Target(30)))
    report.add(Figure("sample", "export", "export .xlsx", 1.2, "ms", 1.0, "tuned openpyxl", Target(1.3, "ratio")))
    table = report.table()
    assert "MISS" in table.splitlines()[1] and "5.00×" in table
    assert "ok" in table.splitlines()[2]
    assert "1 of 2 targets met; missed: sample undo" in report.summary()
    assert report.table(markdown=True).startswith("| size | figure |")


def test_one_runner_only() -> None:
    """Every benchmark is a part of ``python -m benchmarks``: no script of its own is left."""
    assert sorted(path.name for path in (ROOT / "benchmarks").glob("bench_*.py")) == []


def test_review_part(tmp_path: Path) -> None:
    """The review benchmark (issue 13) is a part of the runner: a folder of 4 files, with and without a pool."""
    _stdout, figures = run_runner(tmp_path, "--parts", "review")
    names = {f["name"] for f in figures}
    assert "goaltui review --jobs 1 (fresh process)" in names
    assert "load_rows(workers=1) in a threaded app" in names
    for figure in figures:
        assert figure["size"] == "4 files" and figure["part"] == "review"
        assert math.isfinite(figure["value"]) and figure["value"] > 0
        assert figure["floor_name"] in ("--jobs 1", "workers=1") and figure["floor"] > 0
        assert "choose_workers picks" in figure["note"] or "first row after" in figure["note"]


def test_habits_part(tmp_path: Path) -> None:
    """Completion, search, copy and paste (issue 9) are a part of the runner, each beside one scan of the table."""
    stdout, figures = run_runner(tmp_path, "--parts", "habits")
    names = [f["name"] for f in figures]
    assert names == [
        "first completion (builds the index)",
        "completion of '满'",
        "completion of '满意'",
        "completion of '会议参'",
        "completion of '项目'",
        "completion index after an edit, and a lookup",
        "first search (folds every text)",
        "search again (index kept)",
        "an active search after an edit",
        "a whole edit (model, rules, habits)",
        "copy a project",
        "read a pasted project",
    ]
    for figure in figures:
        check_figure(figure)
        assert figure["part"] == "habits" and figure["unit"] == "ms"
        assert figure["floor_name"] == "one scan of every name" and figure["floor"] > 0, figure
        assert figure["value"] > 0, figure
        assert figure["target"] is None  # (the 0.05× target is for tables of 64,000 rows and more)
    running_log = stdout.split("size  figure", 1)[0]
    assert "completion of '满意': " in running_log and "× one scan of every name" in running_log
    assert "read a pasted project" in stdout.split("size  figure", 1)[1]  # and in the table


def test_review_screen_part(tmp_path: Path) -> None:
    """The review screen in a headless app (a folder of 4 files) and "compare with…" (issue 13) are a part too."""
    stdout, figures = run_runner(tmp_path, "--parts", "review_screen")
    by_name = {f["name"]: f for f in figures}
    for when in ("first opening", "again (F5)"):
        for which in ("every row", "first row"):
            floor = by_name[f"review screen, {when}: {which}, one process"]
            assert floor["value"] == floor["floor"] > 0  # the floor is the one-process run itself
            pooled = [f for name, f in by_name.items() if name.startswith(f"review screen, {when}: {which}, a pool")]
            assert len(pooled) == 1 and pooled[0]["floor"] == floor["value"] and pooled[0]["value"] > 0
    for figure in figures:
        assert figure["part"] == "review_screen" and figure["unit"] == "ms"
        assert math.isfinite(figure["value"]) and figure["value"] >= 0
        assert figure["floor"] is not None and figure["floor"] > 0 and figure["floor_name"], figure
        if figure["name"].startswith("review screen"):
            assert figure["size"] == "4 files" and "the screen reads" in figure["note"]
        else:
            assert figure["size"] == "12×5", figure
    floors = {f["name"]: f["floor_name"] for f in figures if f["size"] == "12×5"}
    assert floors == {
        "compare with…: in the worker (rebuild, diff, keys)": "diff() alone",
        "compare with…: snapshot on the editor's thread": "diff() alone",
        "compare with…: longest event-loop stall": "the same, idle",
    }
    table = stdout.split("\nsize ", 1)[1]  # the table, after the running log
    assert "review screen, again (F5): every row, a pool of" in table and "compare with…: longest" in table
