"""The main screen's find: the find bar, the marks in the grid and the tree, F3 / Shift+F3 / n / N.

The search itself is the session's :class:`~goaltui.session.find.Finder`: this module
asks it, goes where a match is and marks what it found. Esc in the table clears the
search (the marks and the bar).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from goaltui.i18n import t
from goaltui.session.find import Match, Position

if TYPE_CHECKING:
    from goaltui.session.find import Finder
    from goaltui.ui.screens.main import MainScreen
    from goaltui.ui.widgets.find_bar import FindBar


class Finding:
    """Owned by the main screen."""

    def __init__(self, screen: MainScreen) -> None:
        self.screen = screen
        self._bar: FindBar | None = None
        self.last_query = ""
        self.current: Match | None = None
        """The match the cursor went to last (marked more strongly)."""

    @property
    def finder(self) -> Finder:
        return self.screen.session.finder

    @property
    def active(self) -> bool:
        session = self.screen.session
        return session._finder is not None and session.finder.active

    @property
    def bar(self) -> FindBar:
        if self._bar is None:
            from goaltui.ui.widgets.find_bar import FindBar
            from goaltui.ui.widgets.status_line import StatusLine

            self._bar = FindBar(id="find-bar")
            screen = self.screen
            screen.mount(self._bar, before=screen.query_one(StatusLine))
        return self._bar

    def bar_has_focus(self) -> bool:
        return self._bar is not None and self._bar.input.has_focus

    # --- the bar ------------------------------------------------------------------------------------

    def open(self) -> None:
        """Ctrl+F or /: the find bar, holding the last query."""
        self.bar.open(self.last_query)

    def run(self, query: str) -> None:
        """Enter in the bar: search, go to the first match from the cursor on."""
        screen = self.screen
        query = query.strip()
        self.last_query = query
        if not query:
            self.clear()
            return
        count = self.finder.search(query)
        if not count:
            self.current = None
            self.bar.show_count(t("ui.find.none", query=query))
            self.bar.input.select_all()
            self.show_marks()
            screen.app.notify(t("ui.find.none", query=query), timeout=3, markup=False)
            return
        found = self.finder.step(self._here(), forward=True, inclusive=True)
        if found is not None:
            self.go(*found)

    def close_bar(self) -> None:
        """Esc in the bar: back to the table; the marks stay while there are any."""
        if not self.active or not self.finder.count:
            self.clear()
        screen = self.screen
        screen.set_focus(screen.grid if screen.project is not None else screen.project_tree)

    def clear(self) -> bool:
        """Forget the search (Esc in the table); False when there was none."""
        had = self.active or (self._bar is not None and self._bar.display)
        if self.screen.session._finder is not None:
            self.finder.clear()
        self.current = None
        if self._bar is not None:
            focused = self._bar.input.has_focus
            self._bar.display = False
            if focused:
                self.screen.set_focus(self.screen.grid)
        self.show_marks()
        return had

    # --- moving between matches ----------------------------------------------------------------------

    def step(self, forward: bool) -> bool:
        """F3 / Shift+F3 (n / N): the next (previous) match, in other projects too."""
        if not self.active:
            self.screen.app.notify(t("ui.find.no_search"), timeout=3)
            return False
        found = self.finder.step(self._here(), forward)
        if found is None:
            self.screen.app.notify(t("ui.find.none", query=self.finder.query), timeout=3, markup=False)
            return False
        self.go(*found)
        return True

    def _here(self) -> Position | None:
        """Where the cursor is, in the search's document order."""
        screen = self.screen
        project = screen.project
        ref = screen.project_tree.current_ref()
        tree = screen.project_tree.has_focus
        if tree and ref is not None and ref[0] == "unit":
            index = next((i for i, unit in enumerate(screen.session.document.units) if unit.key == ref[1]), None)
            return None if index is None else (index, -1, -1, -1)
        if tree and ref is not None and ref[0] == "doc":
            return None
        if project is None:
            return None
        if screen.panel.has_focus or tree or not screen.grid.row_count:
            return self.finder.position(project.key, None, "name")
        return self.finder.position(project.key, screen.grid.cursor_row, screen.grid.field)

    def go(self, match: Match, index: int) -> None:
        """Put the cursor on *match* and say which of how many it is."""
        screen = self.screen
        tree = screen.project_tree
        self.current = match
        if match.project_key is None:
            tree.move_to(("unit", match.unit_key))
            screen.set_focus(tree)
        elif screen.session.find_project(match.project_key) is not None:
            tree.move_to(("project", match.project_key))
            if match.project_key != screen.project_key:
                screen.show_project(match.project_key)
            if match.row is None:
                screen.panel.select("name")
                screen.set_focus(screen.panel)
            else:
                grid = screen.grid
                column = grid.fields.index(match.field) if match.field in grid.fields else 0
                grid.move_cursor(row=match.row, column=column, animate=False)
                screen.set_focus(grid)
        self.show_marks()
        self.bar.show_count(t("ui.find.count", query=self.finder.query, i=index + 1, n=self.finder.count))

    # --- marks --------------------------------------------------------------------------------------------

    def show_marks(self) -> None:
        """Mark the matches in the grid of the shown project and in the tree (after a search or a change)."""
        screen = self.screen
        grid = screen.grid
        if not self.active:
            grid.set_marks(frozenset(), None)
            screen.project_tree.set_marks(frozenset())
            return
        finder = self.finder
        key = screen.project_key
        marks = frozenset((m.row, m.field) for m in finder.in_project(key) if m.row is not None) if key else frozenset()
        current = self.current
        here = None
        if current is not None and current.project_key == key and current.row is not None:
            here = (current.row, current.field)
        grid.set_marks(marks, here)
        screen.project_tree.set_marks(finder.nodes())
        if self._bar is not None and self._bar.display:
            index = finder.matches.index(current) if current in finder.matches else None
            if index is None:
                self._bar.show_count(t("ui.find.total", query=finder.query, n=finder.count))
            else:
                self._bar.show_count(t("ui.find.count", query=finder.query, i=index + 1, n=finder.count))
