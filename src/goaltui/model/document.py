"""The document model: one department's 预算项目绩效目标汇总表.

Pure data (pydantic v2). No I/O, no textual. The model can hold an invalid
document: a half-filled table is normal while it is being edited, and judging
it is the job of :mod:`goaltui.rules`.
"""

from __future__ import annotations

import itertools
import re
from decimal import Decimal
from typing import Annotated, Any, Final, Self

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, PrivateAttr

from goaltui.model.amounts import bounded_amount
from goaltui.model.index import index_of

FUND_FIELDS: Final = ("total", "general_budget", "gov_fund", "special_account", "other")
"""Fund field names in the official column order (合计 first)."""

SOURCE_FIELDS: Final = FUND_FIELDS[1:]
"""The four sources whose sum must equal 合计."""

INDICATOR_FIELDS: Final = ("level1", "level2", "name", "value", "description")

_YEAR_IN_TITLE = re.compile(r"((?:19|20)\d{2})\s*年")

_keys = itertools.count(1)
_ZERO: Final = Decimal(0)


def _next_key() -> int:
    return next(_keys)


class _Node(BaseModel):
    """Base for tree nodes: mutable, strict about unknown keys, with a session key.

    ``key`` identifies a node for the lifetime of the process (it survives
    renames and moves, so incremental validation and the editor can follow
    it). It is never serialised.
    """

    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    # A plain default rather than ``default_factory``: pydantic inspects a factory's
    # signature on every instantiation (and the key is set by _start_node anyway).
    _key: int = PrivateAttr(default=0)

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        super().__pydantic_init_subclass__(**kwargs)
        # Pydantic wraps a model_post_init so that it first resolves the default of every
        # private attribute (and, in subclasses, wraps the wrapper again): about 3 µs per
        # node, the larger part of validating a loaded file. The only private attribute is
        # the key, so the hook sets it directly.
        cls.model_post_init = _start_node  # type: ignore[method-assign,assignment]

    def __copy__(self) -> Self:
        clone = super().__copy__()
        clone._key = _next_key()  # a copy is a new node: never two nodes with one key
        return clone

    def __deepcopy__(self, memo: dict[int, Any] | None = None) -> Self:
        clone = super().__deepcopy__(memo)
        clone._key = _next_key()
        return clone

    @property
    def key(self) -> int:
        # Read where pydantic keeps it: ``self._key`` goes through BaseModel.__getattr__ (≈2 µs).
        key: int = self.__pydantic_private__["_key"]  # type: ignore[index]
        return key


def _start_node(self: _Node, context: Any, /) -> None:
    """Every node's post-init: a fresh key, and nothing else to set up."""
    object.__setattr__(self, "__pydantic_private__", {"_key": next(_keys)})


class Indicator(_Node):
    """One indicator row, every field kept exactly as the user typed it."""

    level1: str = ""
    """一级指标 (产出指标 / 效益指标 / 满意度指标 / 成本指标)."""
    level2: str = ""
    """二级指标, only on the newer three-level forms (see Document.has_level2)."""
    name: str = ""
    """明细指标 (the detail, or 三级, indicator)."""
    value: str = ""
    """指标值, free text such as ``≥6个`` or ``2021年2月底前``."""
    description: str = ""
    """指标描述."""


Amount = Annotated[Decimal, AfterValidator(bounded_amount)]
"""An amount: finite, at most 30 digits before the point and 30 after (see amounts.within_bounds)."""


class Funds(_Node):
    """资金安排 of one project, in the document's money unit (万元)."""

    total: Amount | None = None
    """合计."""
    general_budget: Amount | None = None
    """一般公共预算."""
    gov_fund: Amount | None = None
    """政府性基金."""
    special_account: Amount | None = None
    """专户资金."""
    other: Amount | None = None
    """其他资金."""

    def get(self, field: str) -> Decimal | None:
        if field not in FUND_FIELDS:
            raise KeyError(field)
        value: Decimal | None = getattr(self, field)
        return value

    def sources_sum(self) -> Decimal:
        """一般公共预算 + 政府性基金 + 专户资金 + 其他资金, empty counting as 0.

        (A plain loop: validation calls this for every project on every check.)
        """
        total = _ZERO
        for field in SOURCE_FIELDS:
            value = getattr(self, field)
            if value is not None:
                total += value
        return total

    def is_empty(self) -> bool:
        return all(self.get(f) is None for f in FUND_FIELDS)


class Project(_Node):
    name: str = ""
    funds: Funds = Field(default_factory=Funds)
    indicators: list[Indicator] = Field(default_factory=list)


class Unit(_Node):
    """项目实施单位."""

    name: str = ""
    projects: list[Project] = Field(default_factory=list)


class Signatures(_Node):
    leader: str = ""
    """部门主要领导（签字）."""
    handler: str = ""
    """经办人（签字）."""
    phone: str = ""
    """联系电话."""


class Document(_Node):
    """One department's table: header, units → projects → indicators, footer."""

    title: str = ""
    department: str = ""
    """填报部门."""
    money_unit: str = "万元"
    expected_project_count: int | None = None
    """The project count issued by the budget bureau (备注 1), when known."""
    has_level2: bool = False
    """Whether the form has a 二级指标 column (the newer three-level forms)."""
    units: list[Unit] = Field(default_factory=list)
    notes: str = ""
    """The 备注 paragraph."""
    signatures: Signatures = Field(default_factory=Signatures)

    @property
    def year(self) -> int | None:
        """The budget year, parsed from the title (``2020年…`` → 2020)."""
        match = _YEAR_IN_TITLE.search(self.title)
        return int(match.group(1)) if match else None

    def projects(self) -> list[tuple[Unit, Project]]:
        """Every project with its unit, in document order."""
        return [(unit, project) for unit in self.units for project in unit.projects]

    def project_count(self) -> int:
        return sum(len(unit.projects) for unit in self.units)

    def indicator_count(self) -> int:
        return sum(len(p.indicators) for u in self.units for p in u.projects)

    def fund_totals(self) -> dict[str, Decimal]:
        """Document sums of each fund column (empty cells count as 0)."""
        totals = {field: Decimal(0) for field in FUND_FIELDS}
        for _unit, project in self.projects():
            for field in FUND_FIELDS:
                totals[field] += project.funds.get(field) or Decimal(0)
        return totals

    def find_project(self, key: int) -> tuple[Unit, Project] | None:
        """The project with *key* and its unit: through the :class:`goaltui.model.index.NodeIndex`
        an editor keeps for this document (its answers are checked), else a scan."""
        index = index_of(self)
        if index is not None:
            placed = index.project(key)
            return None if placed is None else (placed[0], placed[2])
        for unit in self.units:
            for project in unit.projects:
                if project.key == key:
                    return unit, project
        return None
