"""The headless core never imports textual (as harlequin enforces for its core)."""

from __future__ import annotations

import subprocess
import sys

import pytest

HEADLESS = [
    "goaltui.model",
    "goaltui.model.amounts",
    "goaltui.model.level1",
    "goaltui.model.summary",
    "goaltui.io.formats",
    "goaltui.io.native",
    "goaltui.io.text_table",
    "goaltui.cli",
    "goaltui.review",
    "goaltui.review.folder",
    "goaltui.review.loader",
    "goaltui.review.folder_output",
    "goaltui.review.diff",
    "goaltui.review.diff_output",
    "goaltui.review.terminal_text",
    "goaltui.review.options",
]
OPTIONAL = ["goaltui.rules", "goaltui.io.xlsx_export", "goaltui.io.xlsx_import", "goaltui.io.markdown", "goaltui.model.commands"]


def _loads_textual(module: str) -> bool:
    code = f"import importlib, sys; importlib.import_module({module!r}); print('textual' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return result.stdout.strip() == "True"


@pytest.mark.parametrize("module", HEADLESS)
def test_headless_modules_do_not_import_textual(module: str) -> None:
    assert not _loads_textual(module)


@pytest.mark.parametrize("module", OPTIONAL)
def test_later_headless_modules_do_not_import_textual(module: str) -> None:
    import importlib.util

    if importlib.util.find_spec(module) is None:
        pytest.skip(f"{module} not built yet")
    assert not _loads_textual(module)


def test_headless_commands_do_not_import_textual(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from pathlib import Path

    seed = Path(__file__).parent / "data" / "keqiao_renda_2020.txt"
    code = (
        "import sys; from goaltui.cli import main; "
        f"main(['summary', {str(seed)!r}, '--format', 'json']); "
        f"main(['convert', {str(seed)!r}, {str(tmp_path / 'o.json')!r}]); "
        "print('TEXTUAL' if 'textual' in sys.modules else 'CLEAN', file=sys.stderr)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stderr.strip().endswith("CLEAN")


def test_review_and_diff_commands_do_not_import_textual(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from pathlib import Path

    seed = Path(__file__).parent / "data" / "keqiao_renda_2020.txt"
    (tmp_path / "a.txt").write_bytes(seed.read_bytes())
    code = (
        "import sys; from goaltui.cli import main; "
        f"main(['review', {str(tmp_path)!r}, '--format', 'json', '--jobs', '2']); "
        f"main(['diff', {str(seed)!r}, {str(tmp_path / 'a.txt')!r}, '--format', 'md']); "
        "print('TEXTUAL' if 'textual' in sys.modules else 'CLEAN', file=sys.stderr)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stderr.strip().endswith("CLEAN")
