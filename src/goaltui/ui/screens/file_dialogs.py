"""The questions about the file: another editor holds it, a crash left unsaved changes, the file
changed on disk, a read-only file, sheets a save would drop, which sheet to edit, the projects an
import would add.

Each is a dialog built from what a headless class found
(:class:`~goaltui.session.document_file.DocumentFile`,
:class:`~goaltui.io.recovery.Recovery`, :class:`~goaltui.io.project_import.ImportPlan`…);
the choice is the dialog's result, acted on by :mod:`goaltui.ui.file_actions`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from goaltui.i18n import t
from goaltui.safe_text import display_rich, display_text
from goaltui.ui.actions import Where, bindings
from goaltui.ui.screens.dialogs import ChoiceScreen, Dialog

if TYPE_CHECKING:
    from goaltui.io.external_change import ExternalChange
    from goaltui.io.file_lock import DocumentLocked
    from goaltui.io.project_import import ImportPlan
    from goaltui.io.recovery import Recovery
    from goaltui.io.xlsx_import import SheetForm


def _bullets(lines: list[str]) -> str:
    return "\n".join(f"  • {line}" for line in lines)


def lock_dialog(busy: DocumentLocked, *, stale: bool) -> ChoiceScreen:
    """Another editor holds the file: open read-only, take over (its process is gone), or quit."""
    message = str(busy) + "\n\n" + (t("ui.lock.stale") if stale else t("ui.lock.read_only_help"))
    choices = [("read_only", t("ui.lock.open_read_only"))]
    if stale:
        choices.insert(0, ("take_over", t("ui.lock.take_over")))
    choices.append(("quit", t("ui.lock.quit")))
    return ChoiceScreen(t("ui.lock.title"), message, choices, default=choices[0][0], name="lock-dialog")


def recovery_dialog(recovery: Recovery, differences: list[str], *, file_changed: bool) -> ChoiceScreen:
    """A journal of unsaved changes: restore it (undoable) or throw it away."""
    when = recovery.written_at.replace("T", " ")[:19]
    parts = [t("ui.recovery.found", when=when, user=recovery.user, host=recovery.host, pid=recovery.pid)]
    if differences:
        parts.append(t("ui.recovery.differences") + "\n" + _bullets(differences))
    else:
        parts.append(t("ui.recovery.same"))
    if file_changed:
        parts.append(t("ui.recovery.file_changed"))
    parts.append(t("ui.recovery.help"))
    choices = [("restore", t("ui.recovery.restore")), ("discard", t("ui.recovery.discard"))]
    return ChoiceScreen(t("ui.recovery.title"), "\n\n".join(parts), choices, default="restore", name="recovery-dialog")


def external_dialog(change: ExternalChange, differences: list[str], *, can_reload: bool) -> ChoiceScreen:
    """The file changed on disk since it was opened or saved: overwrite, save as, reload or cancel."""
    parts = [change.summary()]
    if differences:
        parts.append(t("ui.external.differences") + "\n" + _bullets(differences))
    elif change.after is not None and can_reload:
        parts.append(t("ui.external.same_table"))
    parts.append(t("ui.external.help"))
    choices = [("overwrite", t("ui.external.overwrite")), ("save_as", t("ui.external.save_as"))]
    if can_reload:
        choices.append(("reload", t("ui.external.reload")))
    choices.append(("cancel", t("ui.cancel")))
    return ChoiceScreen(t("ui.external.title"), "\n\n".join(parts), choices, default="cancel", name="external-dialog")


def read_only_file_dialog(path: str, mode: str) -> ChoiceScreen:
    """The target is a read-only file: replace it anyway?"""
    message = t("ui.read_only_file.question", file=path, mode=mode)
    choices = [("replace", t("ui.read_only_file.replace")), ("cancel", t("ui.cancel"))]
    return ChoiceScreen(t("ui.read_only_file.title"), message, choices, default="cancel", name="read-only-file-dialog")


def dropped_sheets_dialog(path: str, sheets: tuple[str, ...]) -> ChoiceScreen:
    """The target workbook holds other sheets that saving (the official layout, one sheet) would drop."""
    names = t("xlsx.list_separator").join(t("xlsx.sheet_name", name=display_text(name)) for name in sheets)
    message = t("ui.sheets_dropped.question", file=path, count=len(sheets), sheets=names)
    choices = [
        ("save_as", t("ui.external.save_as")),
        ("replace", t("ui.sheets_dropped.replace")),
        ("cancel", t("ui.cancel")),
    ]
    return ChoiceScreen(t("ui.sheets_dropped.title"), message, choices, default="save_as", name="sheets-dialog")


def plan_dialog(plan: ImportPlan) -> ChoiceScreen:
    """What "insert projects from files" would add (one line per form), or why nothing can be added."""
    parts: list[str] = []
    if plan.lines:
        heading = t("ui.import.lines" if plan.ok else "ui.import.readable", count=len(plan.projects))
        parts.append(heading + "\n" + _bullets(plan.lines))
    if plan.problems:
        parts.append(t("ui.import.problems") + "\n" + _bullets(plan.problems))
    if plan.ok:
        parts.append(t("ui.import.help"))
        choices = [("insert", t("ui.import.insert", count=len(plan.projects))), ("cancel", t("ui.cancel"))]
        default = "insert"
    else:
        parts.append(t("ui.import.nothing_added") if plan.problems else t("ui.import.no_forms"))
        choices = [("cancel", t("ui.close"))]
        default = "cancel"
    return ChoiceScreen(t("ui.import.title"), "\n\n".join(parts), choices, default=default, name="import-dialog")


class SheetChoiceScreen(Dialog[str | None]):
    """Which sheet of the workbook to edit: every sheet holding a table, with what it holds."""

    DEFAULT_CSS = """
    SheetChoiceScreen OptionList { height: auto; max-height: 12; }
    """
    BINDINGS: ClassVar[list[BindingType]] = bindings(Where.PICK)

    def __init__(self, file_name: str, sheets: list[SheetForm], current: str | None) -> None:
        super().__init__(t("ui.sheet.title", file=file_name), name="sheet-dialog")
        self.sheets = sheets
        self.current = current

    def body(self) -> ComposeResult:
        yield Static(display_rich(self.read_notice()))
        yield Static(Text(t("ui.sheet.help"), style="dim"))
        options = []
        for index, sheet in enumerate(self.sheets):
            label = display_rich(sheet.name)
            label.stylize("bold")
            label.append(f"  {sheet.kind_text}", style="dim")
            if sheet.label:
                label.append("  ")
                label.append_text(display_rich(sheet.label))
            if sheet.name == self.current:
                label.append("  " + t("ui.sheet.current"), style="italic")
            options.append(Option(label, id=str(index)))
        yield OptionList(*options)

    def read_notice(self) -> str:
        """Which sheet was read and which others hold a table."""
        current = next((sheet for sheet in self.sheets if sheet.name == self.current), self.sheets[0])
        others = [sheet.name for sheet in self.sheets if sheet is not current]
        names = t("xlsx.list_separator").join(t("xlsx.sheet_name", name=name) for name in others)
        return t("ui.sheet.read", sheet=current.name, kind=current.kind_text, count=len(others), others=names)

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.focus()
        names = [sheet.name for sheet in self.sheets]
        if self.current in names:
            options.highlighted = names.index(self.current)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.sheets[event.option_index].name)
