"""The headless editing session: everything the editor does that is not drawing.

- :class:`Session` — one document, its undo :class:`~goaltui.model.history.History` and
  its :class:`ProblemIndex`; ``execute``/``undo``/``redo`` return a :class:`Change`
  saying what to redraw;
- :mod:`goaltui.session.operations` — the document operations, as functions of
  (document, :class:`Selection`) → command;
- :mod:`goaltui.session.fields` — one :class:`FieldSpec` per editable field;
- :class:`CellEdit` — the edit controller (idle, editing, committing) behind every way a
  cell edit ends.

It never imports textual (``tests/test_import_hygiene.py`` checks), so all of it is
tested without a screen.
"""

from __future__ import annotations

from goaltui.session.change import Change, Direction
from goaltui.session.edit import CellEdit, EditEnd, EditOutcome, EditState, EditView
from goaltui.session.fields import (
    INDICATOR_FIELDS,
    PROJECT_FIELDS,
    EditorKind,
    FieldError,
    FieldRef,
    FieldSpec,
    Owner,
)
from goaltui.session.operations import NodeRef, Selection
from goaltui.session.problems import PANEL_FIELDS, Counts, ProblemIndex
from goaltui.session.session import Session

__all__ = [
    "INDICATOR_FIELDS",
    "PANEL_FIELDS",
    "PROJECT_FIELDS",
    "CellEdit",
    "Change",
    "Counts",
    "Direction",
    "EditEnd",
    "EditOutcome",
    "EditState",
    "EditView",
    "EditorKind",
    "FieldError",
    "FieldRef",
    "FieldSpec",
    "NodeRef",
    "Owner",
    "ProblemIndex",
    "Selection",
    "Session",
]
