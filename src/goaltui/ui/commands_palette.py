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

PALETTE: list[tuple[str, str, str, str]] = [
    # (title key, action, key, pinyin: typing "daochu" or "dc" with the input method off finds 导出)
    ("ui.cmd.save", "save", "Ctrl+S", "baocun bc"),
    ("ui.cmd.save_as", "save_as", "Ctrl+O", "lingcunwei lcw"),
    ("ui.cmd.export_xlsx", "export('xlsx')", "F5", "daochu dc excel"),
    ("ui.cmd.export_md", "export('md')", "F6", "daochu dc markdown"),
    ("ui.cmd.header", "screen.header", "F3", "biaotou bt biaowei bw"),
    ("ui.cmd.problems", "screen.toggle_problems", "F4", "wenti wt"),
    ("ui.cmd.undo", "screen.undo", "Ctrl+Z", "chexiao cx"),
    ("ui.cmd.redo", "screen.redo", "Ctrl+Y", "chongzuo cz"),
    ("ui.cmd.insert_row", "screen.insert_row", "Ctrl+N", "charu cr zhibiao"),
    ("ui.cmd.delete_row", "screen.delete_row", "Ctrl+K", "shanchu sc zhibiao"),
    ("ui.cmd.add_project", "screen.add_project", "n", "xinjian xj xiangmu xm"),
    ("ui.cmd.add_unit", "screen.add_unit", "N", "xinjian xj danwei dw"),
    ("ui.cmd.help", "help", "F1", "bangzhu bz"),
    ("ui.cmd.quit", "quit", "Ctrl+Q", "tuichu tc"),
]


class GoalCommands(Provider):
    def _commands(self) -> list[tuple[str, str, str, Callable[[], object]]]:
        app: GoalApp = self.app  # type: ignore[assignment]
        result: list[tuple[str, str, str, Callable[[], object]]] = []
        for key, action, keys, pinyin in PALETTE:
            title = f"{t(key)}  ({keys})"
            help_text = t(key, lang="en") + f" — {action.split('(')[0].removeprefix('screen.')}"
            result.append((title, help_text, pinyin, partial(app.run_action, action)))
        return result

    async def discover(self) -> Hits:
        for title, help_text, _pinyin, callback in self._commands():
            yield DiscoveryHit(title, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, pinyin, callback in self._commands():
            score = max(matcher.match(title), matcher.match(help_text), matcher.match(pinyin))
            if score > 0:
                yield Hit(score, matcher.highlight(title), callback, help=help_text)
