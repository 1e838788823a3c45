"""The document's figures for the status line, kept by difference.

How many projects and indicator rows the document has and the sums of its fund
columns: :meth:`DocumentTotals.after` updates them from each :class:`Change` in
time proportional to the projects it touched (an edit inside a project takes
that project's old figures out and its new ones in); a change of units or
projects (``structure``) counts everything again. What a project contributes is
computed in one place (:func:`project_figures`), from the model itself, so the
totals always equal a full count (``tests/session/test_totals.py`` checks it
after random commands, against :meth:`Document.project_count`,
:meth:`Document.indicator_count` and :meth:`Document.fund_totals`).

The sums are taken in a decimal context wide enough that no sum of bounded
amounts (30 digits before the point, 30 after) is ever rounded: adding and
taking away in any order gives the exact sum. A sum's places are those of its
most precise amount (``10.0 + 5`` is ``15.0``): the amounts' places are counted
too, so taking ``10.0`` away again gives ``5``, as counting afresh does.
"""

from __future__ import annotations

from collections import Counter
from decimal import Context, Decimal, localcontext
from typing import TYPE_CHECKING, Final, NamedTuple

from goaltui.model import FUND_FIELDS

if TYPE_CHECKING:
    from goaltui.model import Document, Project
    from goaltui.model.index import NodeIndex
    from goaltui.session.change import Change

_EXACT: Final = Context(prec=200)
"""Room for any sum of amounts the model accepts (see goaltui.model.amounts.bounded_amount)."""
_ZERO: Final = Decimal(0)


class Figures(NamedTuple):
    """What one project adds to the document's totals."""

    indicators: int
    funds: tuple[Decimal, ...]
    """One amount per :data:`FUND_FIELDS` column (an empty cell counts as 0)."""


def project_figures(project: Project) -> Figures:
    funds = project.funds
    # (the FUND_FIELDS columns, read as attributes: this runs for every project on a recount)
    amounts = (funds.total, funds.general_budget, funds.gov_fund, funds.special_account, funds.other)
    return Figures(len(project.indicators), tuple(amount or _ZERO for amount in amounts))


class DocumentTotals:
    """Projects, indicator rows and fund sums of one document, up to date after every change."""

    def __init__(self, document: Document, nodes: NodeIndex) -> None:
        self.document = document
        self.nodes = nodes
        self._figures: dict[int, Figures] = {}
        self.projects = 0
        self.indicators = 0
        self._funds: list[Decimal] = [_ZERO] * len(FUND_FIELDS)
        self._places: list[Counter[int]] = [Counter() for _field in FUND_FIELDS]
        """Per column: how many amounts have each exponent (the sum has the smallest, at most 0)."""
        self.recounts = 0
        """How many times everything was counted (for tests)."""
        self.recount()

    def recount(self) -> None:
        """Count everything again (O(document))."""
        figures: dict[int, Figures] = {}
        indicators = 0
        for unit in self.document.units:
            for project in unit.projects:
                found = figures[project.key] = project_figures(project)
                indicators += found.indicators
        with localcontext(_EXACT):
            columns = list(zip(*(found.funds for found in figures.values()), strict=True)) or [()] * len(FUND_FIELDS)
            funds = [sum(column, _ZERO) for column in columns]
        places = [Counter(_exponent(amount) for amount in column if amount) for column in columns]
        self._figures = figures
        self.projects = len(figures)
        self.indicators = indicators
        self._funds = funds
        self._places = places
        self.recounts += 1

    def after(self, change: Change) -> None:
        """Update the totals for what *change* did (only the projects it touched, unless units or
        projects came, went or moved)."""
        if change.structure:
            self.recount()
            return
        for key in change.projects:
            old = self._figures.get(key)
            found = self.nodes.project(key)
            if old is None or found is None:  # (a project came or went without a structural change)
                self.recount()
                return
            new = self._figures[key] = project_figures(found[2])
            self.indicators += new.indicators - old.indicators
            funds, places = self._funds, self._places
            for i, (before, after) in enumerate(zip(old.funds, new.funds, strict=True)):
                if before is after:
                    continue
                funds[i] = _EXACT.add(_EXACT.subtract(funds[i], before), after)
                if before:
                    places[i][_exponent(before)] -= 1
                if after:
                    places[i][_exponent(after)] += 1

    def fund_totals(self) -> dict[str, Decimal]:
        """The sum of each fund column (as :meth:`Document.fund_totals`)."""
        return {field: self._sum(i) for i, field in enumerate(FUND_FIELDS)}

    @property
    def total(self) -> Decimal:
        """The sum of the 合计 column."""
        return self._sum(0)

    def _sum(self, column: int) -> Decimal:
        exponent = min((e for e, n in self._places[column].items() if n > 0), default=0)
        exact = _EXACT.quantize(self._funds[column], Decimal(1).scaleb(min(exponent, 0)))
        return +exact  # (in the default context, as Document.fund_totals adds)


def _exponent(amount: Decimal) -> int:
    exponent = amount.as_tuple().exponent
    return exponent if isinstance(exponent, int) else 0
