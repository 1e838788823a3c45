"""Ctrl+P: the editor's commands in Textual's command palette, in the user's language.

The commands come from the action table (:mod:`goaltui.ui.actions`): the title in
the user's language, the keys as help. Typing the other language's title or the
pinyin (with the input method off: ``daochu`` or ``dc``) finds a command too.
Textual's own words that users see ("No matches found", the placeholder) are
translated here.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from rich.align import Align
from rich.text import Text
from textual.command import CommandList, CommandPalette, DiscoveryHit, Hit, Hits, Provider, ProviderSource
from textual.widgets.option_list import Option

from goaltui.i18n import get_language, t
from goaltui.ui.actions import palette_actions

if TYPE_CHECKING:
    from goaltui.ui.app import GoalApp


class GoalCommands(Provider):
    def _commands(self) -> list[tuple[str, str, str, Callable[[], object]]]:
        """(title, help, what else matches, what it runs) of each command."""
        app: GoalApp = self.app  # type: ignore[assignment]
        other = "en" if get_language() == "zh" else "zh"
        result: list[tuple[str, str, str, Callable[[], object]]] = []
        for action in palette_actions():
            assert action.palette is not None
            title = t(action.palette)
            keys = action.keys_text()
            also = f"{t(action.palette, lang=other)} {action.pinyin}"
            result.append((title, keys, also, partial(app.run_action, action.run)))
        return result

    async def discover(self) -> Hits:
        for title, keys, _also, callback in self._commands():
            yield DiscoveryHit(title, callback, help=keys)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, keys, also, callback in self._commands():
            score = max(matcher.match(title), matcher.match(also))
            if score > 0:
                yield Hit(score, matcher.highlight(title), callback, help=keys)


class Palette(CommandPalette):
    """Textual's command palette, speaking the user's language."""

    def __init__(self, providers: ProviderSource | None = None, *, placeholder: str, id: str | None = None) -> None:
        super().__init__(providers, placeholder=placeholder, id=id)

    def _start_no_matches_countdown(self, search_value: str) -> None:
        # As Textual's own, with the message translated (Textual writes it as a literal).
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:
                self.query_one(CommandList).add_option(
                    Option(
                        Align.center(Text(t("ui.palette.no_matches"), style="not bold")),
                        disabled=True,
                        id=self._NO_MATCHES,
                    )
                )
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)
