"""The cell edit: one owner for the text being typed into a cell or field, from the first key
to the moment it is stored or dropped.

States: ``IDLE`` (no edit), ``EDITING`` (a draft exists; the document is not
touched while typing), ``COMMITTING`` (the draft is being stored; whatever the
widgets report meanwhile is ignored). Every way an edit can end — Enter, Tab,
an arrow, Esc, the focus going elsewhere, a command that reads the document
(save, quit, undo, a dialog…), Ctrl+Z with nothing left to undo in the text —
goes through :meth:`CellEdit.finish`, so there is one path that stores the
draft, and after it there is nothing left to cancel.

The controller knows nothing of Textual: the screen gives it an
:class:`EditView` that shows and hides the editor widget, and tells it about
every change of the widget's text (:meth:`CellEdit.text_changed`).
"""

from __future__ import annotations

from enum import StrEnum
from typing import NamedTuple, Protocol

from goaltui.model.commands import CommandError
from goaltui.session.change import Change
from goaltui.session.fields import FieldError, FieldRef
from goaltui.session.session import Session


class EditState(StrEnum):
    IDLE = "idle"
    EDITING = "editing"
    COMMITTING = "committing"


class EditEnd(StrEnum):
    """How an edit ends: the first six come from keys in the editor."""

    KEEP = "keep"
    """Enter."""
    NEXT = "next"
    """Tab: keep, then the next cell."""
    PREVIOUS = "previous"
    """Shift+Tab."""
    DOWN = "down"
    """↓: keep, then the row below (as in a spreadsheet)."""
    UP = "up"
    CANCEL = "cancel"
    """Esc / Ctrl+G: drop the draft."""
    BLUR = "blur"
    """The focus went elsewhere (a click): keep."""
    SETTLE = "settle"
    """A command that reads the document is about to run: keep."""


class EditView(Protocol):
    """What the controller needs from the screen."""

    def open_editor(self, ref: FieldRef, text: str, *, long: bool) -> None:
        """Show the editor on *ref* with *text* (the one-line editor, or the multi-line dialog)."""

    def editor_text(self) -> str:
        """The text the editor widget holds now."""

    def set_editor_text(self, text: str) -> None:
        """Put *text* in the editor (undo and redo of the typing)."""

    def close_editor(self, ref: FieldRef) -> None:
        """Hide the editor (the document is already up to date)."""


class EditOutcome(NamedTuple):
    """What :meth:`CellEdit.finish`, :meth:`CellEdit.undo` and :meth:`CellEdit.redo` did."""

    ended: bool
    """The edit is over (stored or dropped); False: it is still open."""
    change: Change | None = None
    """What changed in the document (None: nothing)."""
    error: str | None = None
    """Why the draft could not be stored (the edit stays open, the draft with it)."""


_STILL_OPEN = EditOutcome(ended=False)


class _Run(StrEnum):
    INSERT = "insert"
    DELETE = "delete"


class CellEdit:
    """The edit controller of one screen (see the module docstring)."""

    def __init__(self, session: Session, view: EditView) -> None:
        self.session = session
        self.view = view
        self.state = EditState.IDLE
        self.ref: FieldRef | None = None
        self.text = ""
        """The draft."""
        self.original = ""
        """The field's text when the edit began."""
        self._undo: list[str] = []
        """Earlier drafts, one per step of typing (a run of insertions or deletions is one step)."""
        self._redo: list[str] = []
        self._run: tuple[_Run, int] | None = None
        """The kind of the last step and where its caret ended (the next key may continue it)."""

    @property
    def editing(self) -> bool:
        return self.state is not EditState.IDLE

    @property
    def changed(self) -> bool:
        """The draft differs from what the field held when the edit began."""
        return self.text != self.original

    # --- beginning ----------------------------------------------------------------------------

    def begin(self, ref: FieldRef, *, typed: str | None = None, long: bool = False) -> None:
        """Open an edit of *ref*: on its text (Enter, F2), or replacing it with *typed* (typing).

        Raises :class:`~goaltui.session.document_file.ReadOnlyError` when the session is read-only:
        nothing is typed into a table that cannot keep it.
        """
        if self.editing:
            raise RuntimeError("an edit is already open")
        self.session.check_writable()
        self.ref = ref
        self.original = ref.text(self.session.nodes)
        self._redo = []
        if typed is None:
            self.text = self.original
            self._undo = []
            self._run = None
        else:
            self.text = typed
            self._undo = [self.original]
            self._run = (_Run.INSERT, len(typed))
        self.state = EditState.EDITING
        self.view.open_editor(ref, self.text, long=long)

    # --- typing ----------------------------------------------------------------------------------

    def text_changed(self, text: str) -> None:
        """The editor widget's text is now *text* (every key, paste or cut)."""
        if self.state is not EditState.EDITING or text == self.text:
            return
        step = _step(self.text, text)
        if step is None or self._run is None or not _continues(self._run, step):
            self._undo.append(self.text)
        self._run = None if step is None else (step[0], step[1] if step[0] is _Run.DELETE else step[2])
        self._redo = []
        self.text = text

    def break_run(self) -> None:
        """The next change of the text is a step of its own (after a paste, a cursor jump)."""
        self._run = None

    def undo_text(self) -> bool:
        """Take back the last step of typing; False when there is none."""
        if self.state is not EditState.EDITING or not self._undo:
            return False
        self._redo.append(self.text)
        self._set(self._undo.pop())
        return True

    def redo_text(self) -> bool:
        if self.state is not EditState.EDITING or not self._redo:
            return False
        self._undo.append(self.text)
        self._set(self._redo.pop())
        return True

    def _set(self, text: str) -> None:
        self.text = text
        self._run = None
        self.view.set_editor_text(text)

    # --- ending ------------------------------------------------------------------------------------------

    def finish(self, end: EditEnd) -> EditOutcome:
        """End the edit: store the draft (every end but CANCEL), or drop it.

        When the field cannot hold the draft (an amount that is not one), nothing
        ends: the outcome carries the reason, and the draft stays in the editor.
        """
        ref = self.ref
        if self.state is not EditState.EDITING or ref is None:
            return EditOutcome(ended=not self.editing)
        self.text_changed(self.view.editor_text())
        if end is EditEnd.CANCEL or not ref.exists(self.session.nodes):
            self._close(ref)
            return EditOutcome(ended=True)
        try:
            command = ref.command(self.text)
        except FieldError as exc:
            return EditOutcome(ended=False, error=str(exc))
        self.state = EditState.COMMITTING
        try:
            change = self.session.execute(command)
        except CommandError:  # the cell went away under the edit: nothing to store it in
            change = None
        self._close(ref)
        return EditOutcome(ended=True, change=change)

    def settle(self) -> EditOutcome:
        """Store an open edit before a command reads the document (a no-op when there is none)."""
        return self.finish(EditEnd.SETTLE)

    def undo(self) -> EditOutcome:
        """Ctrl+Z while editing: the last step of typing; when there is none, drop the edit and
        undo in the document."""
        if self.undo_text():
            return _STILL_OPEN
        self.finish(EditEnd.CANCEL)
        return EditOutcome(ended=True, change=self.session.undo())

    def redo(self) -> EditOutcome:
        """Ctrl+Y while editing: the typing undone last; when there is none, store the edit and
        redo in the document."""
        if self.redo_text():
            return _STILL_OPEN
        stored = self.finish(EditEnd.SETTLE)
        if not stored.ended or stored.change is not None:
            return stored
        return EditOutcome(ended=True, change=self.session.redo())

    def _close(self, ref: FieldRef) -> None:
        self.state = EditState.IDLE
        self.ref = None
        self._undo = []
        self._redo = []
        self._run = None
        self.view.close_editor(ref)


def _step(old: str, new: str) -> tuple[_Run, int, int] | None:
    """How *new* differs from *old*: an insertion or a deletion of the text between two
    positions (left, right), or None for anything else (a replacement)."""
    prefix = 0
    limit = min(len(old), len(new))
    while prefix < limit and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and old[len(old) - 1 - suffix] == new[len(new) - 1 - suffix]:
        suffix += 1
    if len(new) > len(old) and prefix + suffix == len(old):
        return _Run.INSERT, prefix, prefix + len(new) - len(old)
    if len(new) < len(old) and prefix + suffix == len(new):
        return _Run.DELETE, prefix, prefix + len(old) - len(new)
    return None


def _continues(run: tuple[_Run, int], step: tuple[_Run, int, int]) -> bool:
    """Whether *step* goes on from where the last one left the caret: typing on, or deleting on
    with Backspace (which ends where the deleted text began) or Delete (which stays)."""
    kind, caret = run
    if step[0] is not kind:
        return False
    if kind is _Run.INSERT:
        return step[1] == caret
    return caret in (step[1], step[2])
