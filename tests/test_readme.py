"""The README keeps its promises: the quick start, and every key the editor's help lists."""

from __future__ import annotations

from pathlib import Path

import pytest

from goaltui.i18n import t

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def test_quick_start_commands() -> None:
    assert "pip install -e .\ngoaltui\n" in README
    assert "pip install -e '.[test]' && pytest" in README


def test_screenshot_exists() -> None:
    assert "docs/screenshot.svg" in README
    assert (Path(__file__).resolve().parent.parent / "docs" / "screenshot.svg").is_file()


@pytest.mark.parametrize("lang", ["en"])
def test_every_key_in_the_help_screen_is_in_the_readme(lang: str) -> None:
    from goaltui.i18n import set_language
    from goaltui.ui.screens.help import KEYS

    set_language(lang)
    for _section, items in KEYS:
        for keys, description in items:
            shown = t(keys) if keys.startswith("ui.") else keys
            assert f"| {shown} | {t(description)} |" in README, shown
