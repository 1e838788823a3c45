"""Ctrl+P: the editor's commands in Textual's command palette, in the user's language.

The commands come from the action table (:mod:`goaltui.ui.actions`): the title in
the user's language, the keys as help. Typing the other language's title or the
pinyin (with the input method off: ``daochu`` or ``dc``) finds a command too.
Textual's own words that users see ("No matches found", the placeholder) are
translated here.

The palette also lists the table's projects and units (:class:`GoalNodes`): typing a
name's characters or its pinyin initials (``cwxt`` for 财政系统…) jumps there. The names
are spelled in pinyin when the palette opens (pypinyin, in a thread; cached by name),
never at start-up.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from rich.align import Align
from rich.text import Text
from textual.command import CommandList, CommandPalette, DiscoveryHit, Hit, Hits, Provider, ProviderSource
from textual.widgets.option_list import Option

from goaltui.i18n import get_language, t
from goaltui.ui.actions import palette_actions

if TYPE_CHECKING:
    from textual.screen import Screen
    from textual.style import Style

    from goaltui.ui.app import GoalApp


class GoalCommands(Provider):
    def _applies(self, run: str) -> bool:
        """Whether the command *run* does something on the screen the palette was opened over (the
        editor's commands are not offered over the review list, nor the review's over the editor's)."""
        name = run.split("(", 1)[0]
        if name.startswith("screen."):
            name = name.removeprefix("screen.")
            screen = self.screen
            return hasattr(screen, f"action_{name}") and screen.check_action(name, ()) is not False
        return self.app.check_action(name, ()) is not False

    def _commands(self) -> list[tuple[str, str, str, Callable[[], object]]]:
        """(title, help, what else matches, what it runs) of each command."""
        app: GoalApp = self.app  # type: ignore[assignment]
        other = "en" if get_language() == "zh" else "zh"
        result: list[tuple[str, str, str, Callable[[], object]]] = []
        for action in palette_actions():
            assert action.palette is not None
            if not self._applies(action.run):
                continue
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


class GoalNodes(Provider):
    """Every project and unit of the table: the palette jumps there."""

    def __init__(self, screen: Screen[Any], match_style: Style | None = None) -> None:
        super().__init__(screen, match_style)
        self._nodes: list[tuple[str, str, str, Callable[[], object]]] = []

    async def startup(self) -> None:
        app: GoalApp = self.app  # type: ignore[assignment]
        try:
            main = app.main
        except LookupError:
            return
        document = app.document
        names = [unit.name for unit in document.units] + [p.name for _u, p in document.projects()]
        spelled = await asyncio.to_thread(_spell, names)
        nodes: list[tuple[str, str, str, Callable[[], object]]] = []
        for unit in document.units:
            unit_name = unit.name or t("ui.tree.unnamed_unit")
            also = spelled.get(unit.name, "")
            nodes.append((t("ui.palette.unit", name=unit_name), "", also, partial(main.go_to_node, ("unit", unit.key))))
            for project in unit.projects:
                title = t("ui.palette.project", name=project.name or t("ui.tree.unnamed_project"))
                also = spelled.get(project.name, "")
                nodes.append((title, unit_name, also, partial(main.go_to_node, ("project", project.key))))
        self._nodes = nodes

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, unit, also, callback in self._nodes:
            score = max(matcher.match(title), matcher.match(also))
            if score > 0:
                yield Hit(score, matcher.highlight(title), callback, help=unit or None)


def _spell(names: list[str]) -> dict[str, str]:
    """Each name's pinyin initials and full pinyin (what a user types with the input method off)."""
    from goaltui.session.pinyin import initials, spelled

    return {name: f"{initials(name)} {spelled(name).replace(' ', '')}" for name in names if name.strip()}


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
