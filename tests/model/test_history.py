"""The undo history: its cap never makes the unsaved mark lie (found by issue 11)."""

from __future__ import annotations

from goaltui.model import Document
from goaltui.model.commands import SetProjectName
from goaltui.model.history import History


def test_unsaved_mark_stays_true_beyond_the_cap(seed: Document) -> None:
    project = seed.units[0].projects[0]
    original = project.name
    history = History(seed, limit=3)
    for step in range(5):
        history.execute(SetProjectName(project.key, f"名字{step}"))
    assert history.undo_count == 3
    while history.undo() is not None:
        pass
    assert project.name == "名字1" != original  # undo-all stops short of the opened state...
    assert history.dirty  # ...so the document still differs from the file
    history.mark_saved()
    assert not history.dirty
    while history.redo() is not None:
        pass
    assert history.dirty
    while history.undo() is not None:
        pass
    assert not history.dirty  # back at the state just saved


def test_a_saved_state_dropped_by_the_cap_is_never_reached_again(seed: Document) -> None:
    project = seed.units[0].projects[0]
    history = History(seed, limit=2)
    history.execute(SetProjectName(project.key, "A"))
    history.mark_saved()
    for name in ("B", "C", "D"):
        history.execute(SetProjectName(project.key, name))
    while history.undo() is not None:
        assert history.dirty
    assert project.name == "B"
    assert history.dirty
