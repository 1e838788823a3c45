"""The README keeps its promises: the quick start, and exactly the keys of the editor's action table."""

from __future__ import annotations

import re
from pathlib import Path

from goaltui.i18n import set_language

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def test_quick_start_commands() -> None:
    assert "pip install -e .\ngoaltui\n" in README
    assert "pip install -e '.[test]' && pytest" in README


def test_screenshot_exists() -> None:
    assert "docs/screenshot.svg" in README
    assert (Path(__file__).resolve().parent.parent / "docs" / "screenshot.svg").is_file()


def _key_section() -> str:
    return README[README.index("Keys (F1 shows them") : README.index("Terminals: CJK text")]


def test_the_readme_lists_every_key_of_the_action_table() -> None:
    from goaltui.ui.actions import help_sections

    set_language("en")
    section = _key_section()
    for title, items in help_sections():
        assert f"**{title}**" in section, title
        for keys, description in items:
            assert f"| {keys} | {description} |" in section, keys


def test_the_readme_lists_no_key_the_editor_does_not_have() -> None:
    from goaltui.ui.actions import help_sections

    set_language("en")
    rows = {f"| {keys} | {description} |" for _title, items in help_sections() for keys, description in items}
    listed = [line for line in _key_section().splitlines() if re.match(r"\| (?!key |---)", line)]
    assert listed and set(listed) <= rows, set(listed) - rows
