"""新建表格 from the palette: where to write it, the open table's unsaved changes, then an empty
table for the coming year (the one ``goaltui NEW.json`` opens), written on the first save."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from goaltui.i18n import t

if TYPE_CHECKING:
    from goaltui.ui.app import GoalApp


def ask_new_table(app: GoalApp) -> None:
    from goaltui.ui.screens.dialogs import TextPrompt

    def chosen(text: str | None) -> None:
        if not text or not text.strip():
            return
        path = Path(text.strip()).expanduser()
        if not path.suffix:
            path = path.with_suffix(".json")
        if path.suffix.lower() != ".json":
            app.notify(t("ui.new.bad_suffix", file=path), severity="error", markup=False)
        elif path.exists():
            app.notify(t("ui.new.exists", file=path), severity="error", markup=False, timeout=6)
        elif not path.parent.is_dir():
            app.notify(t("cli.new_folder_missing", file=path, folder=path.parent), severity="error", markup=False)
        else:
            _after_unsaved(app, lambda: start_new_table(app, path))

    default = Path.cwd() / t("ui.new.default_name")
    app.push_screen(TextPrompt(t("ui.new.prompt"), str(default), t("ui.prompt.save_as_help")), chosen)


def _after_unsaved(app: GoalApp, run: Callable[[], None]) -> None:
    """Do *run* once the open table's unsaved changes are saved or let go (the user chooses)."""
    if not app.session.dirty:
        run()
        return
    from goaltui.ui.screens.dialogs import ChoiceScreen

    def answered(answer: str | None) -> None:
        if answer == "save":
            app.save(then=run)
        elif answer == "discard":
            app._discarded = True  # (their journal goes with them)
            run()

    choices = [("save", t("ui.save")), ("discard", t("ui.discard")), ("cancel", t("ui.cancel"))]
    app.push_screen(
        ChoiceScreen(t("ui.new.title"), t("ui.new.save_first", file=app.display_name), choices, default="save"),
        answered,
    )


def start_new_table(app: GoalApp, path: Path) -> None:
    """An empty table for *path* in place of the open one."""
    from goaltui.session.new_table import new_document
    from goaltui.session.opening import OpenedTable

    app.replace_table(OpenedTable(path, new_document()), new=True)
    app.main.show_new_document()
