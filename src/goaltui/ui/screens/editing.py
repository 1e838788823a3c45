"""The main screen's cell editing: the Textual side of :class:`goaltui.session.CellEdit`.

It routes the main screen's keys and pastes in order (typing on a cell starts an
edit there; while an edit is open every key goes to it), shows the edit in the
one-line editor over the cell or in the multi-line dialog, checks the draft as
it is typed (in the hint line, without touching the document), and turns each
way an edit ends into a move of the cursor. Deciding what an end does to the
document is the controller's job.

Typing in a 明细指标 cell offers completions under it (the template library and the
table's names: :mod:`goaltui.session.completion`): ↓ ↑ choose one, Enter takes it and
fills the row's empty cells. A value that still holds a template's ``**`` opens with the
``**`` selected, so typing the number replaces just that.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from rich.text import Text
from textual import events
from textual.coordinate import Coordinate
from textual.dom import DOMNode
from textual.geometry import Region
from textual.timer import Timer

from goaltui.i18n import t
from goaltui.session import CellEdit, EditEnd, EditorKind, EditOutcome, FieldError, FieldRef, Owner
from goaltui.session.document_file import ReadOnlyError
from goaltui.session.templates import PLACEHOLDER

if TYPE_CHECKING:
    from goaltui.session.completion import Suggestion
    from goaltui.ui.screens.dialogs import LongTextScreen
    from goaltui.ui.screens.main import MainScreen
    from goaltui.ui.widgets.cell_editor import CellEditor
    from goaltui.ui.widgets.completion_list import CompletionList

DRAFT_CHECK_SECONDS: Final = 0.15
"""The draft is checked this long after the last key (an input method commits a word as N keys)."""


class CellEditing:
    """Owned by the main screen; the controller's view and the editor widgets' owner."""

    def __init__(self, screen: MainScreen) -> None:
        self.screen = screen
        self.edit = CellEdit(screen.session, self)
        self._editor: CellEditor | None = None
        self._dialog: LongTextScreen | None = None
        self._check: Timer | None = None
        self._completion: CompletionList | None = None

    def restart(self) -> None:
        """The screen shows another document: drop any edit, edit the new session's cells."""
        if self.edit.editing:
            self.edit.finish(EditEnd.CANCEL)
        self.hide_completions()
        self.edit = CellEdit(self.screen.session, self)

    @property
    def editor(self) -> CellEditor:
        """The one-line editor (mounted after the first frame, or here on first use)."""
        if self._editor is None:
            from goaltui.ui.widgets.cell_editor import CellEditor

            self._editor = CellEditor(self, id="editor")
            self.screen.mount(self._editor)
        return self._editor

    @property
    def mounted_editor(self) -> CellEditor | None:
        return self._editor

    def owns(self, node: DOMNode) -> bool:
        """Whether *node* is the open edit's own widget (its keys do not end the edit)."""
        return any(part is self._editor or part is self._dialog for part in node.ancestors_with_self)

    # --- routing the main screen's input, in order ------------------------------------------------

    async def route(self, event: events.Key | events.Paste) -> bool:
        """Handle *event* now (in the app's task). False: let Textual deliver it."""
        screen = self.screen
        focused = screen.focused
        typing_target = focused is screen.grid or focused is screen.panel
        if isinstance(event, events.Paste):
            if self.edit.editing and self._dialog is None:
                self.editor.type_text(" ".join(event.text.splitlines()))
                self.edit.break_run()
                return True
            if (typing_target or focused is screen.project_tree) and not self.edit.editing and event.text:
                return screen.habits.paste_text(event.text, typed=True)
            if not self.edit.editing and event.text:  # (the problems list): never dropped without a word
                screen.app.notify(t("ui.paste.where"), timeout=3)
                return True
            return False
        if self.edit.editing and self._dialog is None:
            if event.is_printable and event.character:
                self.editor.type_text(event.character)
            elif not self._completion_key(event.key):
                await screen.goal.route_key(event.key)
            return True
        if typing_target and event.is_printable and event.character:
            # a key with a meaning of its own there (u: undo; Space on 一级指标), else typing
            if not await screen.goal.route_key(event.key):
                self.begin_typing(event.character)
            return True
        await screen.goal.route_key(event.key)
        return True

    # --- beginning ----------------------------------------------------------------------------------------

    def current_ref(self) -> FieldRef | None:
        """The grid cell or project panel field under the cursor."""
        screen = self.screen
        project = screen.project
        if project is None:
            return None
        if screen.focused is screen.panel:
            return FieldRef.panel(project, screen.panel.field)
        grid = screen.grid
        if not grid.row_count or grid.cursor_row >= len(project.indicators):
            return None
        return FieldRef.cell(project, grid.cursor_row, grid.field)

    def begin_typing(self, text: str, *, pasted: bool = False) -> None:
        """Typing (or pasting) on a cell: the text replaces it, in the one-line editor (a pasted
        text of several lines on 指标描述: in the multi-line editor)."""
        ref = self.current_ref()
        if ref is None:
            return
        long = pasted and "\n" in text.strip("\n") and ref.spec.editor is EditorKind.LONG
        if not long:
            text = " ".join(text.splitlines())
        if not self._begin(ref, typed=text, long=long):
            return
        if pasted:
            self.edit.break_run()

    def begin_here(self) -> None:
        """Enter or F2: edit the field's text in its own editor (the 一级指标 list is a plain choice)."""
        ref = self.current_ref()
        if ref is None:
            return
        if ref.spec.editor is EditorKind.PICK:
            if self.screen.writable():
                self._pick(ref)
            return
        long = ref.spec.editor is EditorKind.LONG
        if not self._begin(ref, long=long):
            return
        text = self.edit.text
        if not long and PLACEHOLDER in text:  # a template's number still to fill in: select it
            from textual.widgets.input import Selection

            start = text.index(PLACEHOLDER)
            self.editor.selection = Selection(start, start + len(PLACEHOLDER))

    def _begin(self, ref: FieldRef, *, typed: str | None = None, long: bool = False) -> bool:
        """Open the edit; False when the table is open read-only (the user is told why)."""
        try:
            self.edit.begin(ref, typed=typed, long=long)
        except ReadOnlyError as error:
            self.screen.goal.refuse_read_only(error)
            return False
        return True

    def _pick(self, ref: FieldRef) -> None:
        from goaltui.ui.screens.dialogs import PickScreen

        def picked(value: str | None) -> None:
            if value is not None and ref.exists(self.screen.session.nodes):
                self.screen.execute(ref.command(value))

        current = ref.text(self.screen.session.nodes)
        self.screen.app.push_screen(PickScreen(ref.spec.label, list(ref.spec.choices), current), picked)

    # --- the controller's view --------------------------------------------------------------------------------

    def open_editor(self, ref: FieldRef, text: str, *, long: bool) -> None:
        if long:
            from goaltui.ui.screens.dialogs import LongTextScreen

            self._dialog = LongTextScreen(ref.spec.label, text, self)
            self.screen.app.push_screen(self._dialog)
            return
        region = self.region(ref)
        if region is None:  # (not on screen: the edit still holds the text)
            region = Region(0, 0, 30, 1)
        self.editor.open(text, region, screen_width=self.screen.size.width)
        self.show_draft()

    def editor_text(self) -> str:
        if self._dialog is not None:
            return self._dialog.text
        return self.editor.value

    def set_editor_text(self, text: str) -> None:
        editor = self.editor
        editor.value = text
        editor.cursor_position = len(text)

    def close_editor(self, ref: FieldRef) -> None:
        self._stop_check()
        self.hide_completions()
        dialog, self._dialog = self._dialog, None
        if dialog is not None:
            if dialog.is_current:
                dialog.dismiss(None)
            return
        editor = self.editor
        editor.close()
        screen = self.screen
        # Repaint the whole line under the editor: a repaint of its region alone would cut a wide
        # character at its edge in two and leave a blank where it was.
        row = ref.row(screen.session.nodes)
        if row is not None:
            screen.grid.refresh_row(row)
        elif ref.indicator_key is None:
            screen.panel.refresh()
        if screen.focused is editor:
            screen.set_focus(screen.panel if ref.spec.owner is Owner.PROJECT else screen.grid)

    def region(self, ref: FieldRef) -> Region | None:
        """Where *ref*'s cell or field is on the screen now."""
        screen = self.screen
        if ref.indicator_key is None:
            return screen.panel.field_region(ref.spec.name)
        grid = screen.grid
        row = ref.row(screen.session.nodes)
        if row is None or row >= grid.row_count or ref.spec.name not in grid.fields:
            return None
        return grid.cell_screen_region(Coordinate(row, grid.fields.index(ref.spec.name)))

    def follow_layout(self) -> None:
        """Keep the open editor on its cell after the grid laid its columns out again."""
        ref = self.edit.ref
        if ref is None or self._dialog is not None:
            return
        region = self.region(ref)
        if region is not None:
            self.editor.place(region, screen_width=self.screen.size.width)

    # --- what the editors report ------------------------------------------------------------------------------------

    def editor_text_changed(self, text: str) -> None:
        self.edit.text_changed(text)
        if self.edit.editing and self._dialog is None:
            self._stop_check()
            self._check = self.screen.set_timer(DRAFT_CHECK_SECONDS, self.show_draft)

    def editor_finish(self, end: EditEnd) -> None:
        self.after(self.edit.finish(end), end)

    def editor_undo(self) -> None:
        outcome = self.edit.undo()
        if outcome.ended and outcome.change is None:
            self.screen.app.notify(t("ui.nothing_to_undo"), timeout=2)
        self.after(outcome, EditEnd.KEEP)

    def editor_redo(self) -> None:
        outcome = self.edit.redo()
        if outcome.ended and outcome.change is None:
            self.screen.app.notify(t("ui.nothing_to_redo"), timeout=2)
        self.after(outcome, EditEnd.KEEP)

    def editor_blurred(self) -> None:
        screen = self.screen
        editor = self._editor
        # (a stale Blur: the editor lost the focus and got it back for the next edit)
        if not self.edit.editing or self._dialog is not None or editor is None or screen.focused is editor:
            return
        if screen.is_current:
            self.editor_finish(EditEnd.BLUR)

    def settle(self) -> bool:
        """Store the open edit before an action reads the document; False when it cannot be stored."""
        if not self.edit.editing:
            return True
        return self.after(self.edit.settle(), EditEnd.SETTLE)

    # --- after an end ---------------------------------------------------------------------------------------------

    def after(self, outcome: EditOutcome, end: EditEnd) -> bool:
        """Redraw and move the cursor as *end* asks; False when the draft could not be stored."""
        screen = self.screen
        if outcome.error is not None:
            ref = self.edit.ref
            screen.app.notify(outcome.error, severity="error", markup=False, timeout=4)
            if ref is not None:
                screen.hint.show_refused(self.label(ref), self.edit.text, outcome.error)
            if self._dialog is None and self._editor is not None:
                self._editor.set_bad(True)
                if screen.is_current:
                    screen.set_focus(self._editor)
            return False
        if not outcome.ended:
            self.show_draft()
            return True
        if outcome.change is not None:
            screen.show_change(outcome.change)
        else:
            screen.update_hint()
        self._move(end)
        return True

    def _move(self, end: EditEnd) -> None:
        screen = self.screen
        step = {EditEnd.NEXT: 1, EditEnd.PREVIOUS: -1}.get(end, 0)
        line = {EditEnd.DOWN: 1, EditEnd.UP: -1}.get(end, 0)
        if screen.focused is screen.panel:
            if step:
                screen.panel.action_move(step)
            elif line:
                screen.panel.action_line(line)
        elif screen.focused is screen.grid:
            if step:
                screen.grid.action_next_cell(step)
            elif line and 0 <= screen.grid.cursor_row + line < screen.grid.row_count:
                screen.grid.move_cursor(row=screen.grid.cursor_row + line, animate=False)

    # --- the draft in the hint line ----------------------------------------------------------------------------

    def label(self, ref: FieldRef) -> str:
        row = ref.row(self.screen.session.nodes)
        if row is None:
            return ref.spec.label
        return t("ui.hint.where", row=row + 1, field=ref.spec.label)

    def show_draft(self) -> None:
        """The hint line shows what the draft reads as and what would be wrong with it."""
        self._check = None
        ref = self.edit.ref
        if ref is None or not self.edit.editing:
            return
        screen = self.screen
        text = self.edit.text
        session = screen.session
        try:
            problems = session.preview(ref, text) if session.problems.started else []
        except FieldError as exc:
            if self._editor is not None:
                self._editor.set_bad(True)
            screen.hint.show_refused(self.label(ref), text, str(exc))
            return
        if self._editor is not None:
            self._editor.set_bad(False)
        content: Text = screen.hint.reading(text, ref.spec.reading(text))
        screen.hint.show(self.label(ref), content, problems)
        self._offer_completions(ref)

    # --- completion of 明细指标 ---------------------------------------------------------------------------------

    def _offer_completions(self, ref: FieldRef) -> None:
        """Under a 明细指标 being typed: the names holding what was typed."""
        if ref.spec.owner is not Owner.INDICATOR or ref.spec.name != "name" or self._dialog is not None:
            return
        if not self.edit.changed or not self.edit.text.strip():
            self.hide_completions()
            return
        screen = self.screen
        suggestions = [s for s in screen.session.completions.suggest(self.edit.text) if s.name != self.edit.text]
        region = self.region(ref)
        if not suggestions or region is None:
            self.hide_completions()
            return
        if self._completion is None:
            from goaltui.ui.widgets.completion_list import CompletionList

            self._completion = CompletionList(id="completions")
            screen.mount(self._completion)
        self._completion.show(suggestions, region, screen.size.width, screen.size.height)
        screen.habits.library()  # (says once what is wrong in the user's template file)

    def hide_completions(self) -> None:
        if self._completion is not None:
            self._completion.hide()

    def _completion_key(self, key: str) -> bool:
        """↓ ↑ Enter while completions show: choose and take one. False: the key is not theirs."""
        if key in ("down", "up", "enter") and self._check is not None:
            self._stop_check()
            self.show_draft()  # the list for what is typed now, before choosing in it
        completion = self._completion
        if completion is None or not completion.visible_list:
            return False
        if key in ("down", "up"):
            completion.move(1 if key == "down" else -1)
            return True
        if key == "enter" and completion.chosen is not None:
            self.accept(completion.chosen)
            return True
        return False

    def accept(self, suggestion: Suggestion) -> None:
        """Take a completion: the name, and the row's empty cells from it (one undo step)."""
        from goaltui.session import completion

        ref = self.edit.ref
        if ref is None or ref.indicator_key is None:
            return
        self.after(self.edit.finish(EditEnd.CANCEL), EditEnd.CANCEL)
        session = self.screen.session
        document = session.document
        placed = session.nodes.project(ref.project_key)
        row = next((r for r in placed[2].indicators if r.key == ref.indicator_key), None) if placed else None
        if row is not None:
            fresh = completion.is_fresh(row)
            command = completion.accept(document, ref.project_key, ref.indicator_key, suggestion, fresh=fresh)
            self.screen.execute(command)

    def _stop_check(self) -> None:
        if self._check is not None:
            self._check.stop()
            self._check = None
