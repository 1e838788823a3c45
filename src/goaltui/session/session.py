"""The editing session: one document, its undo history and its problem index.

Everything the editor does that is not drawing goes through here: a view builds
a command (see :mod:`goaltui.session.operations` and
:mod:`goaltui.session.fields`), :meth:`Session.execute` applies it, records it
and revalidates what it touched, and the returned :class:`Change` says what to
redraw. Undo and redo return the same description.

Whoever else must hear of every change (the recovery journal of
:class:`~goaltui.session.document_file.DocumentFile`) registers a listener
(:attr:`Session.listeners`): it is called with the same :class:`Change`, after
the problems were updated. A session opened read-only (:attr:`Session.read_only`,
another editor holds the file) refuses every change with a
:class:`~goaltui.session.document_file.ReadOnlyError`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from goaltui.model.document import Document, Unit
from goaltui.model.index import NodeIndex
from goaltui.session.change import Change, Direction
from goaltui.session.document_file import ReadOnly, ReadOnlyError
from goaltui.session.fields import FieldRef
from goaltui.session.problems import ProblemIndex
from goaltui.session.totals import DocumentTotals

if TYPE_CHECKING:
    from goaltui.model.commands import Command
    from goaltui.model.document import Project
    from goaltui.model.history import History
    from goaltui.rules import Problem
    from goaltui.session.completion import CompletionIndex
    from goaltui.session.find import Finder
    from goaltui.session.templates import Library


class Session:
    def __init__(self, document: Document, *, min_indicators: int = 5, history_limit: int | None = None) -> None:
        self.document = document
        self.min_indicators = min_indicators
        self.history_limit = history_limit
        self.problems = ProblemIndex(document, min_indicators)
        self._history: History | None = None
        self.listeners: list[Callable[[Change], None]] = []
        """Called after each executed, undone or redone command (not for one that changed nothing)."""
        self.read_only: ReadOnly | None = None
        """Set when the file is open read-only: every change is refused (see :meth:`check_writable`)."""
        self._nodes: NodeIndex | None = None
        self._totals: DocumentTotals | None = None
        self._finder: Finder | None = None
        self._completions: CompletionIndex | None = None
        self.library_path: Path | None = None
        """The user's template library (None: the one in the configuration folder)."""

    @property
    def history(self) -> History:
        """The undo history (made on first use: the editor's first frame does not need it)."""
        if self._history is None:
            from goaltui.model.history import DEFAULT_LIMIT, History

            self._history = History(self.document, self.history_limit or DEFAULT_LIMIT)
        return self._history

    @property
    def nodes(self) -> NodeIndex:
        """Units, projects and rows by key (built on first use; checked on every answer)."""
        if self._nodes is None:
            self._nodes = NodeIndex(self.document)
        return self._nodes

    @property
    def totals(self) -> DocumentTotals:
        """The document's project and row counts and fund sums, kept by difference."""
        if self._totals is None:
            self._totals = DocumentTotals(self.document, self.nodes)
        return self._totals

    def find_project(self, key: int) -> tuple[Unit, Project] | None:
        """The project with *key* and its unit, found through :attr:`nodes` (not a scan)."""
        found = self.nodes.project(key)
        return None if found is None else (found[0], found[2])

    @property
    def finder(self) -> Finder:
        """The search (its index made on the first search, not before)."""
        if self._finder is None:
            from goaltui.session.find import Finder

            self._finder = Finder(self.document)
        return self._finder

    @property
    def completions(self) -> CompletionIndex:
        """Completion of 明细指标 (the library and the table's names read on the first lookup)."""
        if self._completions is None:
            from goaltui.session.completion import CompletionIndex

            self._completions = CompletionIndex(self.document, self.load_library)
        return self._completions

    def load_library(self) -> Library:
        from goaltui.session.templates import load_library

        return load_library(self.library_path)

    # --- changing the document ------------------------------------------------------------------

    def check_writable(self) -> None:
        """Raise :class:`ReadOnlyError` (its text says why and what is still possible) when the
        document may not be changed."""
        if self.read_only is not None:
            raise ReadOnlyError(self.read_only.message())

    def execute(self, command: Command) -> Change | None:
        """Apply *command* as one undo step; ``None`` when it changes nothing."""
        self.check_writable()
        done = self.history.execute(command)
        return self._after(done, Direction.DO)

    def undo(self) -> Change | None:
        self.check_writable()
        return self._after(self.history.undo(), Direction.UNDO)

    def redo(self) -> Change | None:
        self.check_writable()
        return self._after(self.history.redo(), Direction.REDO)

    def start_over(self, content: Document) -> Change:
        """Another table in place of this one (another sheet of the workbook), with a history of its
        own: not a step that can be undone, and not an edit of the file (allowed read-only). The
        document object stays, so everything holding it stays valid."""
        from goaltui.model.commands import ReplaceContent

        command = ReplaceContent(content)
        command.apply(self.document)
        self._history = None
        change = self._after(command, Direction.DO)
        assert change is not None
        return change

    def _after(self, command: Command | None, direction: Direction) -> Change | None:
        if command is None:
            return None
        change = Change.of(command, direction)
        if self._nodes is not None:
            if change.structure:
                self._nodes.rebuild()
            elif change.rows:
                for key in change.projects:
                    self._nodes.reindex_project(key)
        self.problems.after(change)
        if self._totals is not None:
            self._totals.after(change)
        for listener in self.listeners:
            listener(change)
        if self._finder is not None:
            self._finder.after(change)
        if self._completions is not None:
            self._completions.after(change)
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
        found = self.find_project(ref.project_key)
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
        row = ref.row(self.nodes)
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



