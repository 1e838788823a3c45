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
    FIND = "find"
    """The find bar."""
    TEMPLATES = "templates"
    """The template list."""
    DIFFERENCES = "differences"
    """The list of differences from the version compared with."""
    REVIEW = "review"
    """The review list (the table of a folder's files)."""
    REVIEW_SCREEN = "review_screen"
    REVIEW_FILTER = "review_filter"
    """The review's name filter, while typing in it."""


class Section(StrEnum):
    """The F1 help's sections (and the README's key tables), in order."""

    MOVE = "ui.help.section.move"
    FIND = "ui.help.section.find"
    EDIT = "ui.help.section.edit"
    CLIPBOARD = "ui.help.section.clipboard"
    ROWS = "ui.help.section.rows"
    TREE = "ui.help.section.tree"
    FILE = "ui.help.section.file"
    COMPARE = "ui.help.section.compare"
    REVIEW = "ui.help.section.review"


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
    "slash": "/",
    "ctrl": "Ctrl",
    "alt": "Alt",
    "shift": "Shift",
    "left_square_bracket": "[",
    "right_square_bracket": "]",
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
        (
            Bind(Where.GRID, "escape", "screen.escape"),
            Bind(Where.PANEL, "escape", "screen.escape"),
            Bind(Where.TREE, "escape", "screen.escape"),
        ),
        label="ui.key.to_tree",
        section=Section.MOVE,
    ),
    Action(
        "select_rows",
        "ui.help.select_rows",
        (
            Bind(Where.GRID, "shift+up", "screen.extend_selection(-1)"),
            Bind(Where.GRID, "shift+down", "screen.extend_selection(1)"),
        ),
        section=Section.MOVE,
    ),
    Action(
        "wrap_rows",
        "ui.help.wrap_rows",
        (Bind(Where.GRID, "ctrl+u", "screen.toggle_wrap"),),
        label="ui.key.wrap_rows",
        section=Section.MOVE,
        palette="ui.cmd.wrap_rows",
        run="screen.toggle_wrap",
        pinyin="huanhang hh zhankai zk",
    ),
    Action(
        "widen_column",
        "ui.help.widen_column",
        (
            Bind(Where.GRID, "ctrl+right", "screen.widen_column(1)"),
            Bind(Where.GRID, "ctrl+left", "screen.widen_column(-1)"),
        ),
        section=Section.MOVE,
    ),
    # --- finding and going to ------------------------------------------------------------------
    Action(
        "find",
        "ui.help.find",
        (
            Bind(Where.SCREEN, "ctrl+f", "find"),
            Bind(Where.GRID, "slash", "screen.find"),
            Bind(Where.TREE, "slash", "screen.find"),
        ),
        label="ui.key.find",
        section=Section.FIND,
        shown="ui.help.find_key",
        palette="ui.cmd.find",
        run="screen.find",
        pinyin="chazhao cz sousuo ss",
    ),
    Action(
        "find_next",
        "ui.help.find_next",
        (
            Bind(Where.SCREEN, "f3", "find_next(1)"),
            Bind(Where.SCREEN, "shift+f3", "find_next(-1)"),
            Bind(Where.GRID, "n", "screen.match_next(1)"),
            Bind(Where.GRID, "N", "screen.match_next(-1)"),
        ),
        section=Section.FIND,
        shown="F3 / Shift+F3 / n / N",
    ),
    Action(
        "find_run",
        "ui.help.find_run",
        (Bind(Where.FIND, "enter", "run", show=True), Bind(Where.FIND, "escape", "close", show=True)),
        label="ui.key.find_run",
    ),
    Action(
        "next_problem",
        "ui.help.next_problem",
        (
            Bind(Where.SCREEN, "f8,right_square_bracket", "next_problem(1)"),
            Bind(Where.SCREEN, "shift+f8,left_square_bracket", "next_problem(-1)"),
        ),
        section=Section.FIND,
        shown="F8 / ] / Shift+F8 / [",
        palette="ui.cmd.next_problem",
        run="screen.next_problem(1)",
        pinyin="xiayige wenti xygwt",
    ),
    Action(
        "jump_to_project",
        "ui.help.jump_to_project",
        section=Section.FIND,
        shown="ui.help.jump_to_project_key",
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
            Bind(Where.GRID, "ctrl+t", "screen.apply_fix"),
            Bind(Where.PANEL, "ctrl+t", "screen.apply_fix"),
            Bind(Where.PROBLEMS, "ctrl+t", "screen.apply_fix", show=True),
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
    # --- the clipboard -----------------------------------------------------------------------------------
    Action(
        "copy",
        "ui.help.copy",
        (
            Bind(Where.GRID, "ctrl+c,y", "screen.copy"),
            Bind(Where.PANEL, "ctrl+c", "screen.copy"),
            Bind(Where.TREE, "ctrl+c,y", "screen.copy"),
        ),
        label="ui.key.copy",
        section=Section.CLIPBOARD,
        palette="ui.cmd.copy",
        run="screen.copy",
        pinyin="fuzhi fz",
    ),
    Action(
        "copy_rows",
        "ui.help.copy_rows",
        (Bind(Where.GRID, "Y", "screen.copy_rows"),),
        section=Section.CLIPBOARD,
        palette="ui.cmd.copy_rows",
        run="screen.copy_rows",
        pinyin="fuzhi fz zhengxing zx",
    ),
    Action(
        "copy_project",
        "ui.help.copy_project",
        section=Section.CLIPBOARD,
        shown="ui.help.copy_project_key",
        palette="ui.cmd.copy_project",
        run="screen.copy_project",
        pinyin="fuzhi fz xiangmu xm",
    ),
    Action(
        "paste",
        "ui.help.paste",
        (
            Bind(Where.GRID, "ctrl+v,p", "screen.paste"),
            Bind(Where.PANEL, "ctrl+v", "screen.paste"),
            Bind(Where.TREE, "ctrl+v,p", "screen.paste"),
        ),
        label="ui.key.paste",
        section=Section.CLIPBOARD,
        palette="ui.cmd.paste",
        run="screen.paste",
        pinyin="niantie nt",
    ),
    Action(
        "fill_down",
        "ui.help.fill_down",
        (Bind(Where.GRID, "ctrl+d", "screen.fill_down"),),
        label="ui.key.fill_down",
        section=Section.CLIPBOARD,
        palette="ui.cmd.fill_down",
        run="screen.fill_down",
        pinyin="xiangxia tianchong xxtc",
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
        (Bind(Where.GRID, "ctrl+e", "screen.duplicate_row"),),
        label="ui.key.duplicate_row",
        section=Section.ROWS,
        palette="ui.cmd.duplicate_row",
        run="screen.duplicate_row",
        pinyin="fuzhi fz zhibiao",
    ),
    Action(
        "insert_template",
        "ui.help.insert_template",
        (Bind(Where.GRID, "ctrl+l", "screen.insert_template"),),
        label="ui.key.insert_template",
        section=Section.ROWS,
        palette="ui.cmd.insert_template",
        run="screen.insert_template",
        pinyin="moban mb charu cr zhibiao",
    ),
    Action(
        "sort_indicators",
        "ui.help.sort_indicators",
        section=Section.ROWS,
        shown="ui.help.palette_only",
        palette="ui.cmd.sort_indicators",
        run="screen.sort_indicators",
        pinyin="paixu px yiji zhibiao yjzb",
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
        "add_project_from_template",
        "ui.help.add_project_from_template",
        section=Section.TREE,
        shown="ui.help.palette_only",
        palette="ui.cmd.add_project_from_template",
        run="screen.add_project_from_template",
        pinyin="moban mb xinjian xj xiangmu xm",
    ),
    Action(
        "sort_projects",
        "ui.help.sort_projects",
        section=Section.TREE,
        shown="ui.help.palette_only",
        palette="ui.cmd.sort_projects_name",
        run="screen.sort_projects('name')",
        pinyin="paixu px xiangmu xm mingcheng mc",
    ),
    Action(
        "sort_projects_amount",
        "ui.help.sort_projects_amount",
        palette="ui.cmd.sort_projects_amount",
        run="screen.sort_projects('amount')",
        pinyin="paixu px xiangmu xm jine je",
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
        "new_table",
        "ui.help.new_table",
        section=Section.FILE,
        shown="ui.help.new_table_key",
        palette="ui.cmd.new_table",
        run="new_table",
        pinyin="xinjian xj biaoge bg",
    ),
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
        "insert_projects",
        "ui.help.insert_projects",
        # Rare (gathering the per-project forms): the palette, so that F7 stays with 比较 (compare).
        section=Section.FILE,
        shown="ui.help.palette_only",
        palette="ui.cmd.insert_projects",
        run="insert_projects",
        pinyin="charu cr xiangmu xm daoru dr wenjian wj",
    ),
    Action(
        "choose_sheet",
        "ui.help.choose_sheet",
        section=Section.FILE,
        shown="ui.help.palette_only",
        palette="ui.cmd.choose_sheet",
        run="choose_sheet",
        pinyin="gongzuobiao gzb xuanze xz",
    ),
    Action(
        "header",
        "ui.help.header",
        (Bind(Where.SCREEN, "f9", "header"),),
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
    # --- comparing with another version ---------------------------------------------------------------------------
    Action(
        "compare_with",
        "ui.help.compare_with",
        (Bind(Where.SCREEN, "f7", "compare_with"),),
        label="ui.key.compare_with",
        section=Section.COMPARE,
        palette="ui.cmd.compare_with",
        run="screen.compare_with",
        pinyin="bijiao bj duibi db banben bb",
    ),
    Action(
        "differences",
        "ui.help.differences",
        (Bind(Where.SCREEN, "shift+f7", "toggle_differences"),),
        label="ui.key.differences",
        section=Section.COMPARE,
        palette="ui.cmd.differences",
        run="screen.toggle_differences",
        pinyin="chayi cy bijiao bj",
    ),
    Action(
        "difference_jump",
        "ui.help.difference_jump",
        (Bind(Where.DIFFERENCES, "enter", "jump", show=True),),
        label="ui.key.jump",
        section=Section.COMPARE,
    ),
    Action(
        "clear_comparison",
        "ui.help.clear_comparison",
        (Bind(Where.DIFFERENCES, "delete", "screen.clear_comparison", show=True),),
        label="ui.key.clear_comparison",
        section=Section.COMPARE,
        palette="ui.cmd.clear_comparison",
        run="screen.clear_comparison",
        pinyin="qingchu qc bijiao bj",
    ),
    # --- reviewing a folder ------------------------------------------------------------------------------------------
    Action(
        "review_folder",
        "ui.help.review_folder",
        section=Section.REVIEW,
        shown="ui.help.review_folder_key",
        palette="ui.cmd.review_folder",
        run="review_folder",
        pinyin="shenyue sy wenjianjia wjj",
    ),
    Action(
        "review_open",
        "ui.help.review_open",
        (Bind(Where.REVIEW, "enter", "screen.open_table", show=True),),
        label="ui.key.open",
        section=Section.REVIEW,
    ),
    Action(
        "close_table",
        "ui.help.close_table",
        (Bind(Where.SCREEN, "ctrl+w", "app.close_table", show=True),),
        label="ui.key.close_table",
        section=Section.REVIEW,
    ),
    Action(
        "review_sort",
        "ui.help.review_sort",
        (Bind(Where.REVIEW, "s", "screen.next_sort(1)", show=True), Bind(Where.REVIEW, "S", "screen.next_sort(-1)")),
        label="ui.key.sort",
        section=Section.REVIEW,
    ),
    Action(
        "review_reverse",
        "ui.help.review_reverse",
        (Bind(Where.REVIEW, "r", "screen.reverse_sort", show=True),),
        label="ui.key.reverse",
        section=Section.REVIEW,
    ),
    Action(
        "review_errors",
        "ui.help.review_errors",
        (Bind(Where.REVIEW, "e", "screen.toggle_errors", show=True),),
        label="ui.key.only_errors",
        section=Section.REVIEW,
    ),
    Action(
        "review_name",
        "ui.help.review_name",
        (Bind(Where.REVIEW, "slash", "screen.filter_name", show=True),),
        label="ui.key.name_filter",
        section=Section.REVIEW,
    ),
    Action(
        "review_back",
        "ui.help.review_back",
        (Bind(Where.REVIEW, "escape", "screen.back"),),
        label="ui.key.back",
        section=Section.REVIEW,
    ),
    Action(
        "review_reload",
        "ui.help.review_reload",
        (Bind(Where.REVIEW_SCREEN, "f5", "reload", show=True),),
        label="ui.key.reload",
        section=Section.REVIEW,
    ),
    Action(
        "review_filter_keys",
        "ui.help.review_filter_keys",
        (
            Bind(Where.REVIEW_FILTER, "escape", "screen.filter_clear", show=True),
            Bind(Where.REVIEW_FILTER, "down", "screen.filter_done"),
        ),
        label="ui.key.clear_filter",
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
        "problems_filter",
        "ui.help.problems_filter",
        (Bind(Where.PROBLEMS, "f", "cycle_filter", show=True),),
        label="ui.key.problems_filter",
    ),
    Action(
        "problems_ends",
        "ui.help.problems_ends",
        (Bind(Where.PROBLEMS, "home,ctrl+home", "first_problem"), Bind(Where.PROBLEMS, "end,ctrl+end", "last_problem")),
    ),
    Action(
        "close_differences",
        "ui.help.close_differences",
        (Bind(Where.DIFFERENCES, "escape", "screen.toggle_differences"),),
        label="ui.key.close",
    ),
    Action(
        "differences_ends",
        "ui.help.differences_ends",
        (
            Bind(Where.DIFFERENCES, "home,ctrl+home", "first_change"),
            Bind(Where.DIFFERENCES, "end,ctrl+end", "last_change"),
        ),
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
            Bind(Where.TEMPLATES, "escape", "dismiss_none", show=True, priority=True),
        ),
        label="ui.key.cancel",
    ),
    Action(
        "templates_pick",
        "ui.help.templates_pick",
        (
            Bind(Where.TEMPLATES, "enter", "choose", show=True, priority=True),
            Bind(Where.TEMPLATES, "down", "move(1)", priority=True),
            Bind(Where.TEMPLATES, "up", "move(-1)", priority=True),
        ),
        label="ui.key.choose",
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
    Action(
        "dialog_scroll",
        "ui.help.dialog_scroll",
        (
            Bind(Where.CHOICE, "up", "scroll_message(-1)"),
            Bind(Where.CHOICE, "down", "scroll_message(1)"),
            Bind(Where.CHOICE, "pageup", "scroll_message(-10)"),
            Bind(Where.CHOICE, "pagedown", "scroll_message(10)"),
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


def action_keys(action_id: str) -> str:
    """The keys of an action as F1 shows them (for texts that name a key: the hint's fix)."""
    return next(action.keys_text() for action in ACTIONS if action.id == action_id)
