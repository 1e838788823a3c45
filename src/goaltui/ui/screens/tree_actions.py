"""The tree's actions on projects and units: add, rename, delete, move (mixed into the main screen).

Each asks what it needs (a name, a confirmation) and runs an operation of
:mod:`goaltui.session.operations`; the screen redraws from the change.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

from goaltui.i18n import t
from goaltui.model.commands import find_unit, place_project
from goaltui.session import operations as ops

if TYPE_CHECKING:
    from textual.app import App
    from textual.coordinate import Coordinate
    from textual.widget import Widget

    from goaltui.model import Project
    from goaltui.model.commands import Command
    from goaltui.session import Change, Selection, Session
    from goaltui.ui.screens.editing import CellEditing
    from goaltui.ui.widgets.project_panel import ProjectPanel
    from goaltui.ui.widgets.project_tree import ProjectTree


class _Host(Protocol):
    """What the actions use of the main screen."""

    @property
    def app(self) -> App[Any]: ...

    @property
    def session(self) -> Session: ...

    @property
    def project(self) -> Project | None: ...

    @property
    def project_tree(self) -> ProjectTree: ...

    @property
    def panel(self) -> ProjectPanel: ...

    @property
    def cell_editing(self) -> CellEditing: ...

    def selection(self) -> Selection: ...

    def execute(self, command: Command | None) -> Change | None: ...

    def show_project(self, key: int | None, cursor: Coordinate | None = None) -> None: ...

    def set_focus(self, widget: Widget | None, scroll_visible: bool = True, from_app_focus: bool = False) -> None: ...

    def action_header(self) -> None: ...


class TreeActions:
    def action_add_project(self: _Host) -> None:
        """A new project; its name is edited at once (in the panel)."""
        change = self.execute(ops.add_project(self.session.document, self.selection()))
        project = self.project
        if change is None or change.location.project_key is None:
            return
        self.project_tree.move_to(("project", change.location.project_key))
        if project is None or project.key != change.location.project_key:
            self.show_project(change.location.project_key)
        self.panel.select("name")
        self.set_focus(self.panel)
        self.cell_editing.begin_here()

    def action_add_unit(self: _Host) -> None:
        from goaltui.ui.screens.dialogs import TextPrompt

        selection = self.selection()

        def named(name: str | None) -> None:
            if name is None:
                return
            change = self.execute(ops.add_unit(self.session.document, selection, name))
            if change is not None and change.location.unit_key is not None:
                self.project_tree.move_to(("unit", change.location.unit_key))

        self.app.push_screen(TextPrompt(t("ui.prompt.new_unit")), named)

    def action_rename_node(self: _Host) -> None:
        from goaltui.ui.screens.dialogs import TextPrompt

        selection = self.selection()
        node = selection.node
        if node is None:
            return
        if node[0] == "doc":
            self.action_header()
            return
        document = self.session.document
        if node[0] == "unit":
            title, current = t("ui.prompt.rename_unit"), find_unit(document, node[1])[1].name
        else:
            title, current = t("ui.prompt.rename_project"), place_project(document, node[1])[2].name

        def renamed(name: str | None) -> None:
            if name is not None:
                self.execute(ops.rename_node(self.session.document, selection, name))

        self.app.push_screen(TextPrompt(title, current), renamed)

    def action_delete_node(self: _Host) -> None:
        from goaltui.ui.screens.dialogs import confirm

        selection = self.selection()
        node = selection.node
        document = self.session.document
        if node is None or node[0] == "doc":
            return
        if node[0] == "unit":
            unit = find_unit(document, node[1])[1]
            name, count = unit.name or t("ui.tree.unnamed_unit"), len(unit.projects)
            question = t("ui.confirm.delete_unit", name=name, n=count)
        else:
            project = place_project(document, node[1])[2]
            name, count = project.name or t("ui.tree.unnamed_project"), len(project.indicators)
            question = t("ui.confirm.delete_project", name=name, n=count)

        def answered(answer: str | None) -> None:
            if answer == "yes":
                self.execute(ops.delete_node(self.session.document, selection))
                self.set_focus(self.project_tree)

        self.app.push_screen(confirm(t("ui.confirm.delete_title"), question, t("ui.delete")), answered)

    def action_move_node(self: _Host, delta: int) -> None:
        selection = self.selection()
        if self.execute(ops.move_node(self.session.document, selection, delta)) is not None and selection.node:
            self.project_tree.move_to(selection.node)
