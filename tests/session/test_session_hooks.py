"""The session tells its listeners of every change, refuses changes when read-only, and revalidates
one step that changes both the structure and the header (importing projects, reloading, restoring)."""

from __future__ import annotations

from pathlib import Path

import pytest

from goaltui.io import native
from goaltui.model import Document, Indicator, Project, Unit
from goaltui.model.commands import AddUnit, Batch, ReplaceContent, SetDocumentField, SetProjectName
from goaltui.resources import sample_path
from goaltui.rules import validate
from goaltui.session import Change, Counts, Direction, FieldRef, Session
from goaltui.session.document_file import ReadOnly, ReadOnlyError
from goaltui.session.edit import CellEdit


def test_listeners_hear_every_change_in_order(seed: Document) -> None:
    session = Session(seed)
    heard: list[tuple[Direction, bool]] = []
    session.listeners.append(lambda change: heard.append((change.direction, session.dirty)))
    project = seed.units[0].projects[0]
    assert session.execute(SetProjectName(project.key, project.name)) is None  # changes nothing: not heard
    session.execute(SetProjectName(project.key, "新名"))
    session.undo()
    session.redo()
    assert heard == [(Direction.DO, True), (Direction.UNDO, False), (Direction.REDO, True)]


class _View:
    def open_editor(self, ref: FieldRef, text: str, *, long: bool) -> None:
        raise AssertionError("no editor opens on a read-only table")

    def editor_text(self) -> str:
        return ""

    def set_editor_text(self, text: str) -> None:
        pass

    def close_editor(self, ref: FieldRef) -> None:
        pass


def test_a_read_only_session_refuses_an_edit_before_it_opens(seed: Document) -> None:
    session = Session(seed)
    session.read_only = ReadOnly(Path("s.json"), None)
    edit = CellEdit(session, _View())
    ref = FieldRef.cell(seed.units[0].projects[0], 0, "value")
    with pytest.raises(ReadOnlyError, match="只读"):
        edit.begin(ref, typed="≥9")
    assert not edit.editing
    session.read_only = None
    session.check_writable()


def test_a_step_adding_projects_and_turning_on_level2_revalidates_everything(seed: Document) -> None:
    session = Session(seed)
    session.problems.start()
    unit = Unit(name="新单位", projects=[Project(name="新项目", indicators=[Indicator(level1="产出指标", name="数量")])])
    session.execute(Batch([AddUnit(len(seed.units), unit), SetDocumentField("has_level2", True)]))
    assert session.problems.counts() == Counts.of(validate(session.document))
    session.undo()
    assert session.problems.counts() == Counts.of(validate(session.document))


def test_replacing_the_content_is_one_step_that_keeps_the_document_object() -> None:
    document = native.read(sample_path())
    session = Session(document)
    session.problems.start()
    other = native.read(sample_path())
    other.title = "2021年的表"
    other.units[0].projects.pop()
    other.units[0].projects[0].indicators[0].value = ""
    old_units = list(document.units)
    change = session.execute(ReplaceContent(other))
    assert isinstance(change, Change) and change.structure and change.document_level
    assert session.document is document and document.title == "2021年的表"
    assert document.units[0] is other.units[0]
    assert session.problems.counts() == Counts.of(validate(document))
    session.undo()
    assert document.units == old_units and all(a is b for a, b in zip(document.units, old_units, strict=True))
    assert document.title == native.read(sample_path()).title and not session.dirty
    assert session.problems.counts() == Counts.of(validate(document))


def test_starting_over_with_another_sheet_is_not_undoable(seed: Document) -> None:
    session = Session(seed)
    session.problems.start()
    project = seed.units[0].projects[0]
    session.execute(SetProjectName(project.key, "未保存"))
    heard: list[bool] = []
    session.listeners.append(lambda change: heard.append(session.dirty))
    other = native.read(sample_path())
    change = session.start_over(other)
    assert change.structure and heard == [False]  # the listener hears it: the journal goes
    assert session.document is seed and seed.units[0] is other.units[0]
    assert not session.dirty and session.undo() is None  # a history of its own
    assert session.problems.counts() == Counts.of(validate(seed))
