"""The editing session: one document, its undo history and its problem index.

Everything the editor does that is not drawing goes through here: a view builds
a command (see :mod:`goaltui.session.operations` and
:mod:`goaltui.session.fields`), :meth:`Session.execute` applies it, records it
and revalidates what it touched, and the returned :class:`Change` says what to
redraw. Undo and redo return the same description.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from goaltui.model.document import Document, Unit
from goaltui.session.change import Change, Direction
from goaltui.session.fields import FieldRef
from goaltui.session.problems import ProblemIndex

if TYPE_CHECKING:
    from goaltui.model.commands import Command
    from goaltui.model.history import History
    from goaltui.rules import Problem


class Session:
    def __init__(self, document: Document, *, min_indicators: int = 5, history_limit: int | None = None) -> None:
        self.document = document
        self.min_indicators = min_indicators
        self.history_limit = history_limit
        self.problems = ProblemIndex(document, min_indicators)
        self._history: History | None = None

    @property
    def history(self) -> History:
        """The undo history (made on first use: the editor's first frame does not need it)."""
        if self._history is None:
            from goaltui.model.history import DEFAULT_LIMIT, History

            self._history = History(self.document, self.history_limit or DEFAULT_LIMIT)
        return self._history

    # --- changing the document ------------------------------------------------------------------

    def execute(self, command: Command) -> Change | None:
        """Apply *command* as one undo step; ``None`` when it changes nothing."""
        done = self.history.execute(command)
        return self._after(done, Direction.DO)

    def undo(self) -> Change | None:
        return self._after(self.history.undo(), Direction.UNDO)

    def redo(self) -> Change | None:
        return self._after(self.history.redo(), Direction.REDO)

    def _after(self, command: Command | None, direction: Direction) -> Change | None:
        if command is None:
            return None
        change = Change.of(command, direction)
        self.problems.after(change)
        return change

    # --- state ---------------------------------------------------------------------------------------

    @property
    def dirty(self) -> bool:
        """The document differs from the file it was last saved to (or opened from)."""
        return self._history is not None and self._history.dirty

    # --- what a draft would give -------------------------------------------------------------------

    def preview(self, ref: FieldRef, text: str) -> list[Problem]:
        """The problems the field would have with *text* (while it is being typed, before it is
        stored): the project's own checks run on a copy; the document is not touched.
        Raises FieldError when the field cannot hold *text* at all."""
        found = self.document.find_project(ref.project_key)
        if found is None:
            ref.command(text)  # (still says when the text cannot be stored)
            return []
        from goaltui.rules import RuleConfig, Validator

        unit, project = found
        copy = project.model_copy(deep=True)  # (a copy has keys of its own)
        draft = Document(
            title=self.document.title,
            has_level2=self.document.has_level2,
            units=[Unit(name=unit.name, projects=[copy])],
        )
        row = ref.row(self.document)
        if row is None:
            draft_ref = FieldRef(ref.spec, copy.key)
        else:
            draft_ref = FieldRef(ref.spec, copy.key, copy.indicators[row].key)
        draft_ref.command(text).apply(draft)
        problems = Validator(draft, RuleConfig(min_indicators=self.min_indicators)).problems_for_project(copy.key)
        if row is None:
            names = {ref.spec.name, "project"} if ref.spec.name == "name" else {ref.spec.name}
            return [p for p in problems if p.row is None and p.field in names]
        return [p for p in problems if p.row == row + 1 and p.field in (ref.spec.name, None)]



