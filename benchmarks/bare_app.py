"""The floor of the terminal figures: a bare Textual app with the editor's widgets.

Run as a script (``python benchmarks/bare_app.py FILE``), so that it imports
nothing of the benchmarks. It reads the file as the editor does (goaltui's
reader: the same document, at the same cost — reading is measured on its own
against ``json.loads``), and shows what the editor's first frame shows, with
the same widget types — a Tree of the department, its units and every project (all
expanded), a project panel, a DataTable of the first project's indicator rows,
a hint line, a status line and a Footer — and answers the keys the benchmark
presses the way the least code would:

* arrows move the grid's cursor; the hint line shows the cell's text;
* a printable key opens an Input over the cell holding that character;
  typing echoes in it; Enter writes it into the cell (``update_cell_at``),
  Esc cancels;
* Ctrl+Z puts the last committed cell back;
* Esc in the grid goes to the tree, Enter on a project shows its rows.

One thing is not bare: as in the editor, moving the focus does not repaint
the whole screen (``Screen.focused`` without ``repaint``; Textual's default
repaints every line on each focus change, ≈25 KB at 120×36). The editor's grid
goes further (it does not repaint itself when it gains or loses the focus), so
on the keys that move the focus to or from the cell editor (first character,
commit) the floor can be above the editor: a ratio below 1 there means the
editor does better than plain widgets.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import events
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.coordinate import Coordinate
from textual.reactive import Reactive
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import DataTable, Footer, Input, Static, Tree

from goaltui.io.formats import read_document
from goaltui.model import FUND_FIELDS, Document, Project

FIELDS = ("level1", "name", "value", "description")


class BareScreen(Screen[None]):
    DEFAULT_CSS = """
    BareScreen { layers: base overlay; }
    Tree { width: 28%; min-width: 18; max-width: 40; }
    #panel { height: 4; }
    #hint { height: 2; }
    #status { height: 1; }
    #editor { position: absolute; layer: overlay; visibility: hidden; height: 1; width: 30;
              border: none; padding: 0 0; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+z", "undo", "撤销"),
        Binding("escape", "to_tree", show=False),
    ]

    focused: Reactive[Widget | None] = Reactive(None, repaint=False)

    def __init__(self, document: Document) -> None:
        super().__init__()
        self.document = document
        self.project: Project | None = None
        self.undo: list[tuple[Coordinate, str]] = []

    def compose(self) -> ComposeResult:
        with Horizontal():
            tree: Tree[Project] = Tree(Text(self.document.department))
            for unit in self.document.units:
                node = tree.root.add(Text(unit.name), expand=True)
                for project in unit.projects:
                    node.add_leaf(Text(project.name), data=project)
            tree.root.expand()
            yield tree
            with Vertical():
                yield Static(id="panel")
                yield DataTable(cursor_type="cell", id="grid")
                yield Static(id="hint")
        yield Static(Text(self.document.title), id="status")
        yield Footer(compact=True)
        yield Input(id="editor")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for field, width in zip(FIELDS, (10, 22, 14, 30), strict=True):
            table.add_column(field, width=width)
        first = next((p for u in self.document.units for p in u.projects), None)
        self.show(first)
        table.focus()

    def show(self, project: Project | None) -> None:
        self.project = project
        table = self.query_one(DataTable)
        table.clear()
        if project is None:
            return
        funds = "  ".join(str(project.funds.get(f) or "") for f in FUND_FIELDS)
        self.query_one("#panel", Static).update(Text(f"{project.name}\n{funds}"))
        for indicator in project.indicators:
            table.add_row(*(Text(getattr(indicator, f)) for f in FIELDS))

    def on_tree_node_selected(self, event: Tree.NodeSelected[Project]) -> None:
        if event.node.data is not None:
            self.show(event.node.data)
            self.query_one(DataTable).focus()

    def on_data_table_cell_highlighted(self, event: DataTable.CellHighlighted) -> None:
        self.query_one("#hint", Static).update(Text(str(event.value)))

    def action_to_tree(self) -> None:
        editor = self.query_one(Input)
        if editor.has_focus:
            editor.visible = False
            self.query_one(DataTable).focus()
        else:
            self.query_one(Tree).focus()

    def on_key(self, event: events.Key) -> None:
        table = self.query_one(DataTable)
        if table.has_focus and event.is_printable and event.character and table.row_count:
            event.stop()
            region = table._get_cell_region(table.cursor_coordinate)
            region = region.translate(table.content_region.offset - table.scroll_offset)
            editor = self.query_one(Input)
            editor.styles.offset = (region.x, region.y)
            editor.value = event.character
            editor.visible = True
            editor.focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        table = self.query_one(DataTable)
        coordinate = table.cursor_coordinate
        self.undo.append((coordinate, table.get_cell_at(coordinate).plain))
        table.update_cell_at(coordinate, Text(event.value))
        event.input.visible = False
        table.focus()
        self.query_one("#status", Static).update(Text(f"{self.document.title} （已修改）"))

    def action_undo(self) -> None:
        if self.undo:
            coordinate, text = self.undo.pop()
            self.query_one(DataTable).update_cell_at(coordinate, Text(text))


class BareApp(App[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("ctrl+q", "quit", "退出")]

    def __init__(self, document: Document) -> None:
        super().__init__()
        self.document = document

    def get_default_screen(self) -> Screen[None]:
        return BareScreen(self.document)


def main() -> None:
    BareApp(read_document(Path(sys.argv[1]))).run()


if __name__ == "__main__":
    main()
