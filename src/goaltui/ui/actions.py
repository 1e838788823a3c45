"""The editor's actions: one table of what each key does, where, and what it is called.

Every widget's ``BINDINGS``, the footer labels, the F1 help, the command palette
and the README's key list come from :data:`ACTIONS` (a test checks the README
against it), so a key, its title and its help cannot drift apart. Titles and
help are catalog keys: they show in the user's language.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Final, NamedTuple

from textual.binding import Binding, BindingType

from goaltui.i18n import t


class Where(StrEnum):
    """Where a binding lives (the focused widget or one of its ancestors)."""

    APP = "app"
    SCREEN = "screen"
    """The main screen (whatever has the focus in it)."""
    GRID = "grid"
    PANEL = "panel"
    """The project panel (项目名称 and the amounts)."""
    TREE = "tree"
    PROBLEMS = "problems"
    EDITOR = "editor"
    """The one-line cell editor, while a cell is being edited."""
    HELP = "help"
    CHOICE = "choice"
    PROMPT = "prompt"
    LONG_TEXT = "long_text"
    PICK = "pick"
    HEADER = "header"


class Section(StrEnum):
    """The F1 help's sections (and the README's key tables), in order."""

    MOVE = "ui.help.section.move"
    EDIT = "ui.help.section.edit"
    ROWS = "ui.help.section.rows"
    TREE = "ui.help.section.tree"
    FILE = "ui.help.section.file"


class Bind(NamedTuple):
    where: Where
    keys: str
    """Textual key names, comma-separated."""
    action: str
    """The Textual action, in the namespace of the widget at *where*."""
    show: bool = False
    """In the footer."""
    priority: bool = False


class Action(NamedTuple):
    id: str
    help: str
    """Catalog key of what it does (F1, the README)."""
    binds: tuple[Bind, ...] = ()
    """Empty for keys a Textual widget handles itself (the arrows in the grid)."""
    label: str | None = None
    """Catalog key of the footer's short label."""
    section: Section | None = None
    """Where F1 lists it (None: only in its own screen's footer)."""
    shown: str | None = None
    """The keys as F1 shows them, when not all of the bindings' keys (a catalog key or literal text)."""
    palette: str | None = None
    """Catalog key of its title in the command palette (None: not in the palette)."""
    run: str = ""
    """What the palette runs (an action from the app's namespace)."""
    pinyin: str = ""
    """What else finds it in the palette: pinyin and its initials, typed with the input method off."""

    def keys_text(self) -> str:
        """The keys as F1 and the README show them."""
        if self.shown is not None:
            return t(self.shown) if self.shown.startswith("ui.") else self.shown
        names: list[str] = []
        for bind in self.binds:
            for key in bind.keys.split(","):
                label = key_label(key)
                if label not in names:
                    names.append(label)
        return " / ".join(names)


_KEY_NAMES: Final = {
    "up": "↑",
    "down": "↓",
    "left": "←",
    "right": "→",
    "escape": "Esc",
    "enter": "Enter",
    "tab": "Tab",
    "space": "Space",
    "delete": "Delete",
    "insert": "Insert",
    "home": "Home",
    "end": "End",
    "pageup": "PgUp",
    "pagedown": "PgDn",
    "ctrl": "Ctrl",
    "alt": "Alt",
    "shift": "Shift",
}


def key_label(key: str) -> str:
    """A Textual key name as people write it: ``ctrl+s`` → ``Ctrl+S``, ``alt+up`` → ``Alt+↑``."""
    parts = key.split("+")
    shown = [_KEY_NAMES.get(part, part.upper() if len(part) > 1 or "+" in key else part) for part in parts]
    return "+".join(shown)


ACTIONS: Final[tuple[Action, ...]] = (
    # --- moving ---------------------------------------------------------------------------------
    Action("move", "ui.help.move", section=Section.MOVE, shown="↑ ↓ ← →"),
    Action(
        "next_cell",
        "ui.help.tab",
        (Bind(Where.GRID, "tab", "next_cell(1)"), Bind(Where.GRID, "shift+tab", "next_cell(-1)")),
        section=Section.MOVE,
    ),
    Action(
        "home_end",
        "ui.help.home_end",
        (Bind(Where.GRID, "home", "first_column"), Bind(Where.GRID, "end", "last_column")),
        section=Section.MOVE,
    ),
    Action("page", "ui.help.page", section=Section.MOVE, shown="PgUp / PgDn"),
    Action(
        "to_tree",
        "ui.help.to_tree",
        (Bind(Where.GRID, "escape", "screen.focus_tree"), Bind(Where.PANEL, "escape", "screen.focus_tree")),
        label="ui.key.to_tree",
        section=Section.MOVE,
    ),
    Action(
        "to_grid",
        "ui.help.tree_enter",
        (Bind(Where.TREE, "right", "screen.focus_grid"),),
        label="ui.key.to_grid",
        section=Section.MOVE,
        shown="Enter / →",
    ),
    Action(
        "panel_move",
        "ui.help.panel_move",
        (
            Bind(Where.PANEL, "left,shift+tab", "move(-1)"),
            Bind(Where.PANEL, "right,tab", "move(1)"),
            Bind(Where.PANEL, "home", "move_to(0)"),
            Bind(Where.PANEL, "end", "move_to(5)"),
            Bind(Where.PANEL, "up", "line(-1)"),
            Bind(Where.PANEL, "down", "line(1)"),
        ),
        section=Section.MOVE,
        shown="← → / Tab / Home / End",
    ),
    # --- editing ------------------------------------------------------------------------------------
    Action(
        "edit",
        "ui.help.edit",
        (Bind(Where.GRID, "enter,f2", "screen.edit"), Bind(Where.PANEL, "enter,f2", "screen.edit", show=True)),
        label="ui.key.edit",
        section=Section.EDIT,
    ),
    Action("typing", "ui.help.typing", section=Section.EDIT, shown="ui.help.typing_key"),
    Action(
        "commit",
        "ui.help.commit",
        (
            Bind(Where.EDITOR, "enter", "finish('keep')", show=True),
            Bind(Where.EDITOR, "tab", "finish('next')"),
            Bind(Where.EDITOR, "shift+tab", "finish('previous')"),
            Bind(Where.EDITOR, "down", "finish('down')"),
            Bind(Where.EDITOR, "up", "finish('up')"),
        ),
        label="ui.key.commit",
        section=Section.EDIT,
        shown="Enter",
    ),
    Action(
        "cancel",
        "ui.help.cancel",
        (Bind(Where.EDITOR, "escape,ctrl+g", "finish('cancel')", show=True),),
        label="ui.key.cancel",
        section=Section.EDIT,
    ),
    Action(
        "cycle_level1",
        "ui.help.cycle_level1",
        (Bind(Where.GRID, "space", "screen.cycle_level1"),),
        label="ui.key.cycle_level1",
        section=Section.EDIT,
    ),
    Action(
        "clear",
        "ui.help.clear",
        (Bind(Where.GRID, "delete", "screen.clear_cell"), Bind(Where.PANEL, "delete", "screen.clear_cell")),
        label="ui.key.clear",
        section=Section.EDIT,
    ),
    Action(
        "apply_fix",
        "ui.help.apply_fix",
        (
            Bind(Where.GRID, "ctrl+f", "screen.apply_fix"),
            Bind(Where.PANEL, "ctrl+f", "screen.apply_fix"),
            Bind(Where.PROBLEMS, "ctrl+f", "screen.apply_fix", show=True),
        ),
        label="ui.key.apply_fix",
        section=Section.EDIT,
        palette="ui.cmd.apply_fix",
        run="screen.apply_fix",
        pinyin="caiyong jianyi cyjy xiugai",
    ),
    Action(
        "undo",
        "ui.help.undo",
        (
            Bind(Where.SCREEN, "ctrl+z", "undo", show=True),
            Bind(Where.GRID, "u", "screen.undo"),
            Bind(Where.PANEL, "u", "screen.undo"),
            Bind(Where.TREE, "u", "screen.undo"),
            Bind(Where.EDITOR, "ctrl+z", "undo"),
        ),
        label="ui.key.undo",
        section=Section.EDIT,
        palette="ui.cmd.undo",
        run="screen.undo",
        pinyin="chexiao cx",
    ),
    Action(
        "redo",
        "ui.help.redo",
        (Bind(Where.SCREEN, "ctrl+y,ctrl+r", "redo"), Bind(Where.EDITOR, "ctrl+y,ctrl+r", "redo")),
        label="ui.key.redo",
        section=Section.EDIT,
        palette="ui.cmd.redo",
        run="screen.redo",
        pinyin="chongzuo cz",
    ),
    # --- indicator rows --------------------------------------------------------------------------------
    Action(
        "insert_row",
        "ui.help.insert_row",
        (Bind(Where.GRID, "ctrl+n,insert", "screen.insert_row", show=True),),
        label="ui.key.insert_row",
        section=Section.ROWS,
        palette="ui.cmd.insert_row",
        run="screen.insert_row",
        pinyin="charu cr zhibiao",
    ),
    Action(
        "delete_row",
        "ui.help.delete_row",
        (Bind(Where.GRID, "ctrl+k", "screen.delete_row", show=True),),
        label="ui.key.delete_row",
        section=Section.ROWS,
        palette="ui.cmd.delete_row",
        run="screen.delete_row",
        pinyin="shanchu sc zhibiao",
    ),
    Action(
        "duplicate_row",
        "ui.help.duplicate_row",
        (Bind(Where.GRID, "ctrl+d", "screen.duplicate_row"),),
        label="ui.key.duplicate_row",
        section=Section.ROWS,
        palette="ui.cmd.duplicate_row",
        run="screen.duplicate_row",
        pinyin="fuzhi fz zhibiao",
    ),
    Action(
        "move_row",
        "ui.help.move_row",
        (
            Bind(Where.GRID, "alt+up,ctrl+up", "screen.move_row(-1)"),
            Bind(Where.GRID, "alt+down,ctrl+down", "screen.move_row(1)"),
        ),
        label="ui.key.move",
        section=Section.ROWS,
    ),
    # --- the tree -------------------------------------------------------------------------------------------
    Action(
        "add_project",
        "ui.help.add_project",
        (Bind(Where.TREE, "n", "screen.add_project", show=True),),
        label="ui.key.add_project",
        section=Section.TREE,
        palette="ui.cmd.add_project",
        run="screen.add_project",
        pinyin="xinjian xj xiangmu xm",
    ),
    Action(
        "add_unit",
        "ui.help.add_unit",
        (Bind(Where.TREE, "N", "screen.add_unit"),),
        label="ui.key.add_unit",
        section=Section.TREE,
        palette="ui.cmd.add_unit",
        run="screen.add_unit",
        pinyin="xinjian xj danwei dw",
    ),
    Action(
        "rename",
        "ui.help.rename",
        (Bind(Where.TREE, "f2", "screen.rename_node", show=True),),
        label="ui.key.rename",
        section=Section.TREE,
    ),
    Action(
        "delete_node",
        "ui.help.delete_node",
        (Bind(Where.TREE, "delete,ctrl+k", "screen.delete_node", show=True),),
        label="ui.key.delete",
        section=Section.TREE,
    ),
    Action(
        "move_node",
        "ui.help.move_node",
        (
            Bind(Where.TREE, "alt+up,ctrl+up", "screen.move_node(-1)"),
            Bind(Where.TREE, "alt+down,ctrl+down", "screen.move_node(1)"),
        ),
        label="ui.key.move",
        section=Section.TREE,
    ),
    # --- files and views ---------------------------------------------------------------------------------------
    Action(
        "save",
        "ui.help.save",
        (Bind(Where.APP, "ctrl+s", "save", show=True),),
        label="ui.key.save",
        section=Section.FILE,
        palette="ui.cmd.save",
        run="save",
        pinyin="baocun bc",
    ),
    Action(
        "save_as",
        "ui.help.save_as",
        (Bind(Where.APP, "ctrl+o", "save_as"),),
        label="ui.key.save_as",
        section=Section.FILE,
        palette="ui.cmd.save_as",
        run="save_as",
        pinyin="lingcunwei lcw",
    ),
    Action(
        "export_xlsx",
        "ui.help.export_xlsx",
        (Bind(Where.SCREEN, "f5", "app.export('xlsx')"),),
        label="ui.key.export_xlsx",
        section=Section.FILE,
        palette="ui.cmd.export_xlsx",
        run="export('xlsx')",
        pinyin="daochu dc excel",
    ),
    Action(
        "export_md",
        "ui.help.export_md",
        (Bind(Where.SCREEN, "f6", "app.export('md')"),),
        label="ui.key.export_md",
        section=Section.FILE,
        palette="ui.cmd.export_md",
        run="export('md')",
        pinyin="daochu dc markdown",
    ),
    Action(
        "header",
        "ui.help.header",
        (Bind(Where.SCREEN, "f3", "header"),),
        label="ui.key.header",
        section=Section.FILE,
        palette="ui.cmd.header",
        run="screen.header",
        pinyin="biaotou bt biaowei bw",
    ),
    Action(
        "problems",
        "ui.help.problems",
        (Bind(Where.SCREEN, "f4", "toggle_problems", show=True),),
        label="ui.key.problems",
        section=Section.FILE,
        palette="ui.cmd.problems",
        run="screen.toggle_problems",
        pinyin="wenti wt",
    ),
    Action(
        "palette",
        "ui.help.palette",
        (Bind(Where.APP, "ctrl+p", "command_palette", priority=True),),
        label="ui.key.palette",
        section=Section.FILE,
    ),
    Action(
        "help",
        "ui.help.help",
        (Bind(Where.APP, "f1", "help", show=True),),
        label="ui.key.help",
        section=Section.FILE,
        palette="ui.cmd.help",
        run="help",
        pinyin="bangzhu bz",
    ),
    Action(
        "quit",
        "ui.help.quit",
        # priority: Ctrl+Q works in every dialog too (the app asks only once)
        (Bind(Where.APP, "ctrl+q", "quit", show=True, priority=True),),
        label="ui.key.quit",
        section=Section.FILE,
        palette="ui.cmd.quit",
        run="quit",
        pinyin="tuichu tc",
    ),
    # --- inside the problems list, the help and the dialogs (their footers show them) ----------------------------
    Action("jump", "ui.help.jump", (Bind(Where.PROBLEMS, "enter", "jump", show=True),), label="ui.key.jump"),
    Action(
        "close_problems",
        "ui.help.close_problems",
        (Bind(Where.PROBLEMS, "escape", "screen.toggle_problems"),),
        label="ui.key.close",
    ),
    Action(
        "problems_ends",
        "ui.help.problems_ends",
        (Bind(Where.PROBLEMS, "home,ctrl+home", "first_problem"), Bind(Where.PROBLEMS, "end,ctrl+end", "last_problem")),
    ),
    Action(
        "close_help",
        "ui.help.close_help",
        (Bind(Where.HELP, "escape,f1,q", "app.pop_screen", show=True),),
        label="ui.key.close",
    ),
    Action(
        "dialog_keep",
        "ui.help.dialog_keep",
        (Bind(Where.LONG_TEXT, "ctrl+s,f2", "keep", show=True, priority=True),),
        label="ui.key.commit",
    ),
    Action(
        "header_apply",
        "ui.help.header_apply",
        (Bind(Where.HEADER, "ctrl+s,f2", "keep", show=True, priority=True),),
        label="ui.key.apply",
    ),
    Action(
        "dialog_cancel",
        "ui.help.dialog_cancel",
        (
            Bind(Where.CHOICE, "escape", "dismiss_none", show=True),
            Bind(Where.PROMPT, "escape", "dismiss_none", show=True),
            Bind(Where.PICK, "escape", "dismiss_none", show=True),
            Bind(Where.LONG_TEXT, "escape", "cancel", show=True, priority=True),
            Bind(Where.HEADER, "escape", "dismiss_none", show=True, priority=True),
        ),
        label="ui.key.cancel",
    ),
    Action(
        "dialog_fields",
        "ui.help.dialog_fields",
        (
            Bind(Where.CHOICE, "left", "app.focus_previous"),
            Bind(Where.CHOICE, "right", "app.focus_next"),
            Bind(Where.HEADER, "up", "app.focus_previous"),
            Bind(Where.HEADER, "down", "app.focus_next"),
        ),
    ),
)

def bindings(where: Where) -> list[BindingType]:
    """The Textual bindings of *where*, from the action table."""
    result: list[BindingType] = []
    for action in ACTIONS:
        description = t(action.label) if action.label else ""
        for bind in action.binds:
            if bind.where is where:
                result.append(
                    Binding(bind.keys, bind.action, description, show=bind.show, priority=bind.priority, id=action.id)
                )
    return result


def help_sections() -> list[tuple[str, list[tuple[str, str]]]]:
    """F1's sections: (title, [(keys, what they do)]), in the user's language."""
    return [
        (t(section), [(action.keys_text(), t(action.help)) for action in ACTIONS if action.section is section])
        for section in Section
    ]


def palette_actions() -> list[Action]:
    return [action for action in ACTIONS if action.palette is not None]
