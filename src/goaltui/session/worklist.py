"""The problems as a worklist: errors first, then warnings, then notes, each in document order;
narrowed to one severity on request; walked with ``]`` / ``[`` from anywhere.

The walk remembers the problem it went to last. When that problem is gone (it was fixed),
the next one is the one that took its place in the list, so fixing and pressing ``]``
goes through the list in order.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from goaltui.rules import Problem


class Only(StrEnum):
    """Which problems the list shows."""

    ALL = "all"
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    def next(self) -> Only:
        members = list(Only)
        return members[(members.index(self) + 1) % len(members)]


_RANK = {"error": 0, "warning": 1, "info": 2}


def worklist(problems: list[Problem], only: Only = Only.ALL) -> list[Problem]:
    """*problems* (in document order) as the list shows them: by severity, then where they are."""
    if only is not Only.ALL:
        return [problem for problem in problems if problem.severity.value == only.value]
    return sorted(problems, key=lambda problem: _RANK[problem.severity.value])  # stable: document order kept


class ProblemId(NamedTuple):
    """What identifies a problem across revalidations (its object is made anew each time)."""

    code: str
    unit_key: int | None
    project_key: int | None
    row: int | None
    field: str | None

    @staticmethod
    def of(problem: Problem) -> ProblemId:
        return ProblemId(problem.code, problem.unit_key, problem.project_key, problem.row, problem.field)


class Walker:
    """``]`` and ``[``: the next and previous problem of the list."""

    def __init__(self) -> None:
        self.last: ProblemId | None = None
        self.index = -1
        """Where the last problem stood in the list."""

    def visit(self, problems: list[Problem], problem: Problem) -> None:
        """The user went to *problem* another way (Enter in the list)."""
        self.last = ProblemId.of(problem)
        self.index = next((i for i, p in enumerate(problems) if ProblemId.of(p) == self.last), -1)

    def step(self, problems: list[Problem], forward: bool) -> Problem | None:
        if not problems:
            return None
        ids = [ProblemId.of(problem) for problem in problems]
        if self.last is not None and self.last in ids:
            here = ids.index(self.last)
            index = here + (1 if forward else -1)
        elif self.index >= 0:
            # the last one is gone (fixed): its place holds the next one
            index = self.index if forward else self.index - 1
        else:
            index = 0 if forward else len(problems) - 1
        index %= len(problems)
        self.last = ids[index]
        self.index = index
        return problems[index]
