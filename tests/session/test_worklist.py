"""The problems as a worklist: by severity, then document order; filtered; walked with ] and [."""

from __future__ import annotations

from goaltui.model import Document
from goaltui.model.commands import SetIndicatorField
from goaltui.rules import Severity
from goaltui.session import Session
from goaltui.session.worklist import Only, Walker, worklist


def _session(seed: Document) -> Session:
    session = Session(seed)
    session.problems.start()
    project = seed.units[0].projects[3]
    session.execute(SetIndicatorField(project.key, project.indicators[1].key, "value", ""))  # an error
    session.execute(SetIndicatorField(project.key, project.indicators[2].key, "value", "≥"))  # another
    return session


def test_errors_then_warnings_then_notes_each_in_document_order(seed: Document) -> None:
    problems = _session(seed).problems.problems()
    ordered = worklist(problems)
    ranks = [("error", "warning", "info").index(p.severity.value) for p in ordered]
    assert ranks == sorted(ranks) and ranks[0] == 0 and ranks[-1] == 2
    for severity in Severity:  # within a severity: as in the document
        same = [p for p in problems if p.severity is severity]
        assert [p for p in ordered if p.severity is severity] == same
    assert all(p.severity is Severity.WARNING for p in worklist(problems, Only.WARNING))
    assert Only.ALL.next() is Only.ERROR and Only.INFO.next() is Only.ALL


def test_the_walk_goes_on_from_a_fixed_problem(seed: Document) -> None:
    session = _session(seed)
    walker = Walker()
    first = walker.step(worklist(session.problems.problems()), forward=True)
    assert first is not None and first.severity is Severity.ERROR and first.row == 2
    # fix it: ] goes to the problem that took its place (the next error)
    project = seed.units[0].projects[3]
    session.execute(SetIndicatorField(project.key, project.indicators[1].key, "value", "2次"))
    second = walker.step(worklist(session.problems.problems()), forward=True)
    assert second is not None and second.severity is Severity.ERROR and second.row == 3
    back = walker.step(worklist(session.problems.problems()), forward=False)
    assert back is not None and back.severity is not Severity.ERROR  # round to the last (a note)
    assert Walker().step([], forward=True) is None
