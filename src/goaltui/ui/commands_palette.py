"""Ctrl+P: the editor's commands in Textual's command palette.

Titles are Chinese (or English); each also carries its English action words
and key, so typing ``export`` or ``xlsx`` finds 导出 Excel.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider

from goaltui.i18n import t

if TYPE_CHECKING:
    from goaltui.ui.app import GoalApp

PALETTE: list[tuple[str, str, str]] = [
    ("ui.cmd.save", "save", "Ctrl+S"),
    ("ui.cmd.save_as", "save_as", "Ctrl+O"),
    ("ui.cmd.export_xlsx", "export('xlsx')", "F5"),
    ("ui.cmd.export_md", "export('md')", "F6"),
    ("ui.cmd.header", "screen.header", "F3"),
    ("ui.cmd.problems", "screen.toggle_problems", "F4"),
    ("ui.cmd.undo", "screen.undo", "Ctrl+Z"),
    ("ui.cmd.redo", "screen.redo", "Ctrl+Y"),
    ("ui.cmd.insert_row", "screen.insert_row", "Ctrl+N"),
    ("ui.cmd.delete_row", "screen.delete_row", "Ctrl+K"),
    ("ui.cmd.add_project", "screen.add_project", "n"),
    ("ui.cmd.add_unit", "screen.add_unit", "N"),
    ("ui.cmd.help", "help", "F1"),
    ("ui.cmd.quit", "quit", "Ctrl+Q"),
]


class GoalCommands(Provider):
    def _commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        app: GoalApp = self.app  # type: ignore[assignment]
        result: list[tuple[str, str, Callable[[], object]]] = []
        for key, action, keys in PALETTE:
            title = f"{t(key)}  ({keys})"
            help_text = t(key, lang="en") + f" — {action.split('(')[0].removeprefix('screen.')}"
            result.append((title, help_text, partial(app.run_action, action)))
        return result

    async def discover(self) -> Hits:
        for title, help_text, callback in self._commands():
            yield DiscoveryHit(title, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, callback in self._commands():
            score = max(matcher.match(title), matcher.match(help_text))
            if score > 0:
                yield Hit(score, matcher.highlight(title), callback, help=help_text)
