"""The edit controller, without a screen: every way an edit ends, the undo of the typing, and a
stateful property test that no committed value is ever lost and a save writes the document."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from goaltui.io.formats import read_document, write_document
from goaltui.model import Document
from goaltui.resources import sample_path
from goaltui.session import CellEdit, Direction, EditEnd, EditState, FieldRef, Session


class FakeView:
    """Stands for the editor widget: holds the text the user sees."""

    def __init__(self) -> None:
        self.open: FieldRef | None = None
        self.long = False
        self.text = ""
        self.closed = 0
        self.on_close: Any = None

    def open_editor(self, ref: FieldRef, text: str, *, long: bool) -> None:
        assert self.open is None, "opened twice"
        self.open, self.text, self.long = ref, text, long

    def editor_text(self) -> str:
        return self.text

    def set_editor_text(self, text: str) -> None:
        self.text = text

    def close_editor(self, ref: FieldRef) -> None:
        assert self.open == ref
        self.open = None
        self.closed += 1
        if self.on_close is not None:
            self.on_close()


def make(document: Document) -> tuple[Session, FakeView, CellEdit]:
    session = Session(document)
    view = FakeView()
    return session, view, CellEdit(session, view)


def typed(edit: CellEdit, view: FakeView, text: str) -> None:
    """Keys typed one by one at the end of the editor's text."""
    for character in text:
        view.text += character
        edit.text_changed(view.text)


def backspace(edit: CellEdit, view: FakeView, times: int = 1) -> None:
    for _ in range(times):
        view.text = view.text[:-1]
        edit.text_changed(view.text)


def test_typing_changes_nothing_until_enter_and_is_one_undo_step(seed: Document) -> None:
    session, view, edit = make(seed)
    project = seed.units[0].projects[0]
    edit.begin(FieldRef.cell(project, 0, "value"), typed="2")
    typed(edit, view, "021年3月底前")
    assert edit.state is EditState.EDITING and view.text == "2021年3月底前"
    assert project.indicators[0].value == "2021年2月底前" and not session.dirty
    outcome = edit.finish(EditEnd.KEEP)
    assert outcome.ended and outcome.change is not None and outcome.change.direction is Direction.DO
    assert project.indicators[0].value == "2021年3月底前"
    assert session.history.undo_count == 1 and session.dirty and view.open is None
    session.undo()
    assert project.indicators[0].value == "2021年2月底前" and not session.dirty


def test_cancel_and_typing_back_leave_no_step(seed: Document) -> None:
    session, view, edit = make(seed)
    project = seed.units[0].projects[0]
    edit.begin(FieldRef.cell(project, 1, "value"))
    typed(edit, view, "x")
    assert edit.finish(EditEnd.CANCEL).ended
    assert project.indicators[1].value == "5年" and not session.history.can_undo
    edit.begin(FieldRef.cell(project, 1, "value"))
    typed(edit, view, "x")
    backspace(edit, view)
    outcome = edit.finish(EditEnd.KEEP)
    assert outcome.ended and outcome.change is None and not session.history.can_undo and not session.dirty


def test_after_a_settle_there_is_nothing_to_cancel(seed: Document) -> None:
    session, _view, edit = make(seed)
    project = seed.units[0].projects[0]
    edit.begin(FieldRef.cell(project, 0, "value"), typed="9")
    assert edit.settle().ended  # (what save, quit, undo, a dialog do first)
    assert edit.finish(EditEnd.CANCEL).ended  # Esc afterwards: nothing open
    assert project.indicators[0].value == "9" and session.history.undo_count == 1


def test_undo_of_the_typing_goes_by_runs(seed: Document) -> None:
    session, view, edit = make(seed)
    project = seed.units[0].projects[0]
    session.execute(FieldRef.panel(project, "name").command("改过"))
    edit.begin(FieldRef.cell(project, 0, "value"))
    backspace(edit, view, 4)  # one run of deletions
    typed(edit, view, "3月底")  # one run of insertions
    assert view.text == "2021年3月底"
    assert edit.undo().ended is False and view.text == "2021年"
    assert edit.undo().ended is False and view.text == "2021年2月底前"
    assert edit.redo().ended is False and view.text == "2021年"
    assert edit.undo().ended is False and view.text == "2021年2月底前"
    outcome = edit.undo()  # nothing left in the text: drop the edit, undo the document
    assert outcome.ended and outcome.change is not None and outcome.change.direction is Direction.UNDO
    assert project.name == "财政系统联网监督系统" and view.open is None and not session.dirty


def test_typing_over_a_cell_is_undone_in_one_step(seed: Document) -> None:
    _session, view, edit = make(seed)
    project = seed.units[0].projects[0]
    edit.begin(FieldRef.cell(project, 0, "value"), typed="≥")
    typed(edit, view, "77%")
    edit.undo()
    assert view.text == "2021年2月底前" and edit.editing


def test_a_paste_is_a_step_of_its_own(seed: Document) -> None:
    _session, view, edit = make(seed)
    project = seed.units[0].projects[0]
    edit.begin(FieldRef.cell(project, 0, "name"), typed="a")
    typed(edit, view, "b")
    edit.break_run()
    typed(edit, view, "粘贴的")
    edit.undo()
    assert view.text == "ab"


def test_redo_with_nothing_typed_redoes_in_the_document(seed: Document) -> None:
    session, _view, edit = make(seed)
    project = seed.units[0].projects[0]
    session.execute(FieldRef.panel(project, "name").command("A"))
    session.undo()
    edit.begin(FieldRef.cell(project, 0, "name"))
    outcome = edit.redo()
    assert outcome.ended and outcome.change is not None and project.name == "A"


def test_an_amount_that_is_not_one_keeps_the_edit_open(seed: Document) -> None:
    _session, view, edit = make(seed)
    project = seed.units[0].projects[0]
    edit.begin(FieldRef.panel(project, "total"), typed="十")
    for end in (EditEnd.KEEP, EditEnd.BLUR, EditEnd.SETTLE, EditEnd.NEXT):
        outcome = edit.finish(end)
        assert not outcome.ended and outcome.error is not None and "不是金额" in outcome.error
        assert edit.editing and view.text == "十"
    backspace(edit, view)
    typed(edit, view, "12.5")
    assert edit.finish(EditEnd.KEEP).ended
    assert str(project.funds.total) == "12.5"


def test_what_the_widget_reports_while_committing_is_ignored(seed: Document) -> None:
    _session, view, edit = make(seed)
    project = seed.units[0].projects[0]
    edit.begin(FieldRef.cell(project, 0, "name"), typed="新")
    view.on_close = lambda: edit.text_changed("")  # (the widget clears itself as it closes)
    assert edit.finish(EditEnd.KEEP).ended
    assert project.indicators[0].name == "新" and edit.state is EditState.IDLE


def test_the_cell_went_away_under_the_edit(seed: Document) -> None:
    session, _view, edit = make(seed)
    project = seed.units[0].projects[0]
    edit.begin(FieldRef.cell(project, 4, "name"), typed="x")
    del project.indicators[4]
    outcome = edit.finish(EditEnd.KEEP)
    assert outcome.ended and outcome.change is None and not session.history.can_undo


def test_one_edit_at_a_time(seed: Document) -> None:
    _session, _view, edit = make(seed)
    project = seed.units[0].projects[0]
    edit.begin(FieldRef.cell(project, 0, "name"))
    with pytest.raises(RuntimeError):
        edit.begin(FieldRef.cell(project, 1, "name"))


# --- the stateful property ---------------------------------------------------------------------------------

FIELDS = [("cell", "level1"), ("cell", "name"), ("cell", "value"), ("cell", "description"), ("panel", "name"), ("panel", "total")]
KEYS = st.sampled_from(["2", "0", "≥", "5", "年", "次", "%", "a", " ", "万元", ".", "\u3000"])


class EditMachine(RuleBasedStateMachine):
    """Random keys, moves, saves, undos and redos on the sample: nothing committed is ever lost."""

    def __init__(self) -> None:
        super().__init__()
        self.document = read_document(sample_path())
        self.session, self.view, self.edit = make(self.document)
        self.session.problems.start()
        self.project = self.document.units[0].projects[1]
        self.row = 0
        self.field = 0
        self.states = [self.document.model_dump()]
        """The document after each step of the history, and where the history is among them."""
        self.position = 0
        self.saved: Any = self.states[0]
        self.directory = Path(tempfile.mkdtemp(prefix="goaltui-edit-"))
        self.file = self.directory / "table.json"

    def teardown(self) -> None:
        self.file.unlink(missing_ok=True)
        self.directory.rmdir()

    # where the cursor is

    def ref(self) -> FieldRef:
        kind, name = FIELDS[self.field]
        if kind == "panel":
            return FieldRef.panel(self.project, name)
        return FieldRef.cell(self.project, self.row, name)

    def _record(self, outcome_change: Any) -> None:
        if outcome_change is None:
            return
        if outcome_change.direction is Direction.DO:
            self.states = [*self.states[: self.position + 1], self.document.model_dump()]
            self.position += 1
        elif outcome_change.direction is Direction.UNDO:
            self.position -= 1
        else:
            self.position += 1

    # keys

    @rule(text=KEYS)
    def type(self, text: str) -> None:
        if not self.edit.editing:
            self.edit.begin(self.ref(), typed=text)
            return
        self.view.text += text
        self.edit.text_changed(self.view.text)

    @precondition(lambda self: self.edit.editing and self.view.text)
    @rule()
    def backspace(self) -> None:
        backspace(self.edit, self.view)

    @precondition(lambda self: not self.edit.editing)
    @rule()
    def f2(self) -> None:
        self.edit.begin(self.ref())

    @rule(end=st.sampled_from([EditEnd.KEEP, EditEnd.NEXT, EditEnd.DOWN, EditEnd.UP, EditEnd.CANCEL, EditEnd.BLUR]))
    def end(self, end: EditEnd) -> None:
        was_editing = self.edit.editing
        ref, text = self.edit.ref, self.edit.text
        outcome = self.edit.finish(end)
        self._record(outcome.change)
        if was_editing and outcome.ended and end is not EditEnd.CANCEL and ref is not None:
            assert ref.text(self.document) == ref.spec.format(ref.spec.parse(text))  # what was typed is stored
        if outcome.error is not None:
            assert self.edit.editing and self.view.text == text  # refused: nothing lost, still open
        if not self.edit.editing:  # the cursor moves as the screen moves it
            if end is EditEnd.NEXT:
                self.field = (self.field + 1) % len(FIELDS)
            elif end in (EditEnd.DOWN, EditEnd.UP):
                self.row = max(0, min(len(self.project.indicators) - 1, self.row + (1 if end is EditEnd.DOWN else -1)))

    @precondition(lambda self: not self.edit.editing)
    @rule(row=st.integers(0, 5), field=st.integers(0, len(FIELDS) - 1))
    def move(self, row: int, field: int) -> None:
        self.row = min(row, len(self.project.indicators) - 1)
        self.field = field

    @rule()
    def save(self) -> None:
        outcome = self.edit.settle()
        self._record(outcome.change)
        if not outcome.ended:
            return  # (an amount that is not one: the save does not run)
        state = self.session.history.state
        write_document(self.document, self.file)
        self.session.history.mark_saved(state)
        self.saved = self.document.model_dump()
        assert read_document(self.file).model_dump() == self.saved
        assert not self.session.dirty

    @rule()
    def undo(self) -> None:
        if self.edit.editing:
            outcome = self.edit.undo()
            self._record(outcome.change)
        else:
            self._record(self.session.undo())

    @rule()
    def redo(self) -> None:
        if self.edit.editing:
            outcome = self.edit.redo()
            self._record(outcome.change)
        else:
            self._record(self.session.redo())

    # what always holds

    @invariant()
    def the_document_is_the_history_state(self) -> None:
        assert self.document.model_dump() == self.states[self.position]

    @invariant()
    def clean_means_as_saved(self) -> None:
        if not self.session.dirty:
            assert self.document.model_dump() == self.saved

    @invariant()
    def the_editor_is_open_exactly_while_editing(self) -> None:
        assert (self.view.open is not None) == self.edit.editing
        if self.edit.editing:
            assert self.view.text == self.edit.text


EditMachine.TestCase.settings = settings(
    max_examples=100, stateful_step_count=50, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
test_edit_machine = EditMachine.TestCase
