"""One description per editable field of the table: its label, how typed text is read and
shown, which editor Enter opens, and which command stores it.

The grid and the project panel are views of these fields; the edit controller
turns what was typed into a command through them; so the rule "an amount is a
Decimal, a 指标值 is kept exactly as typed" lives here once.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from enum import StrEnum
from typing import Final, NamedTuple

from goaltui.i18n import t
from goaltui.model.amounts import AmountError, format_amount, parse_amount
from goaltui.model.commands import (
    Command,
    CommandError,
    SetFund,
    SetIndicatorField,
    SetProjectName,
    find_indicator,
)
from goaltui.model.document import FUND_FIELDS, Document, Indicator, Project
from goaltui.model.index import NodeIndex
from goaltui.model.level1 import LEVEL1_VALUES

Value = str | Decimal | None


class FieldError(ValueError):
    """Typed text the field cannot hold; ``str()`` is the message for the user."""


class Owner(StrEnum):
    """What a field belongs to."""

    INDICATOR = "indicator"
    PROJECT = "project"


class EditorKind(StrEnum):
    """What Enter (or F2) opens on the field; typing always opens the one-line editor."""

    LINE = "line"
    LONG = "long"
    """A multi-line editor in a dialog (指标描述)."""
    PICK = "pick"
    """A list of the allowed values (一级指标)."""


def _text(text: str) -> Value:
    return text


def _amount(text: str) -> Value:
    try:
        return parse_amount(text)
    except AmountError as exc:
        raise FieldError(t("ui.bad_amount", text=text)) from exc


def _show_text(value: Value) -> str:
    return "" if value is None else str(value)


def _show_amount(value: Value) -> str:
    return format_amount(value) if isinstance(value, Decimal) else ""


class FieldSpec(NamedTuple):
    name: str
    """The model's name for it: an Indicator attribute, ``name`` (项目名称) or a fund field."""
    owner: Owner
    label_key: str
    editor: EditorKind
    parse: Callable[[str], Value]
    """Typed text → the value stored (raises FieldError)."""
    format: Callable[[Value], str]
    """Stored value → the text shown and edited."""
    choices: tuple[str, ...] = ()
    """The allowed values (for a PICK field)."""

    @property
    def label(self) -> str:
        return t(self.label_key)

    def reading(self, text: str) -> str | None:
        """How *text* is read, when that is worth showing (a 指标值: ``≥ 6 个``)."""
        if self.owner is not Owner.INDICATOR or self.name != "value" or not text.strip():
            return None
        from goaltui.rules.value_parser import parse_value

        return parse_value(text).display()


INDICATOR_FIELDS: Final[dict[str, FieldSpec]] = {
    "level1": FieldSpec("level1", Owner.INDICATOR, "field.level1", EditorKind.PICK, _text, _show_text, LEVEL1_VALUES),
    "level2": FieldSpec("level2", Owner.INDICATOR, "field.level2", EditorKind.LINE, _text, _show_text),
    "name": FieldSpec("name", Owner.INDICATOR, "field.name", EditorKind.LINE, _text, _show_text),
    "value": FieldSpec("value", Owner.INDICATOR, "field.value", EditorKind.LINE, _text, _show_text),
    "description": FieldSpec("description", Owner.INDICATOR, "field.description", EditorKind.LONG, _text, _show_text),
}
"""The indicator grid's columns (二级指标 only on three-level forms)."""

PROJECT_FIELDS: Final[dict[str, FieldSpec]] = {
    "name": FieldSpec("name", Owner.PROJECT, "field.project", EditorKind.LINE, _text, _show_text),
    **{
        field: FieldSpec(field, Owner.PROJECT, f"field.{field}", EditorKind.LINE, _amount, _show_amount)
        for field in FUND_FIELDS
    },
}
"""The project panel: 项目名称 and the five amounts, in the form's order."""


def grid_fields(has_level2: bool) -> tuple[str, ...]:
    """The grid's columns, in the form's order."""
    return tuple(name for name in INDICATOR_FIELDS if has_level2 or name != "level2")


class FieldRef(NamedTuple):
    """One field of one node: what an edit changes. Addressed by node keys, so it stays
    valid while rows and projects move."""

    spec: FieldSpec
    project_key: int
    indicator_key: int | None = None

    @staticmethod
    def cell(project: Project, row: int, field: str) -> FieldRef:
        """The grid cell at *row* (0-based) and *field* of *project*."""
        return FieldRef(INDICATOR_FIELDS[field], project.key, project.indicators[row].key)

    @staticmethod
    def panel(project: Project, field: str) -> FieldRef:
        """A project panel field (``name`` or a fund)."""
        return FieldRef(PROJECT_FIELDS[field], project.key)

    def _nodes(self, document: Document | NodeIndex) -> tuple[Project, int, Indicator | None] | None:
        """The project, the row (0-based, -1 for a panel field) and the indicator, or None when gone.

        Given the session's :class:`NodeIndex` rather than the document, found without a scan."""
        if isinstance(document, NodeIndex):
            placed = document.project(self.project_key)
            if placed is None:
                return None
            project = placed[2]
        else:
            found = document.find_project(self.project_key)
            if found is None:
                return None
            project = found[1]
        if self.indicator_key is None:
            return project, -1, None
        try:
            row, indicator = find_indicator(project, self.indicator_key)
        except CommandError:
            return None
        return project, row, indicator

    def exists(self, document: Document | NodeIndex) -> bool:
        return self._nodes(document) is not None

    def value(self, document: Document | NodeIndex) -> Value:
        nodes = self._nodes(document)
        if nodes is None:
            return None
        project, _row, indicator = nodes
        if indicator is not None:
            return str(getattr(indicator, self.spec.name))
        if self.spec.name == "name":
            return project.name
        return project.funds.get(self.spec.name)

    def text(self, document: Document | NodeIndex) -> str:
        """The stored value as the user edits it."""
        return self.spec.format(self.value(document))

    def row(self, document: Document | NodeIndex) -> int | None:
        """The 0-based row of an indicator field (None for the panel, or when the row is gone)."""
        nodes = self._nodes(document)
        return None if nodes is None or nodes[2] is None else nodes[1]

    def command(self, text: str) -> Command:
        """The command that stores *text* (raises FieldError when the field cannot hold it)."""
        value = self.spec.parse(text)
        if self.indicator_key is not None:
            return SetIndicatorField(self.project_key, self.indicator_key, self.spec.name, str(value or ""))
        if self.spec.name == "name":
            return SetProjectName(self.project_key, str(value or ""))
        assert value is None or isinstance(value, Decimal)
        return SetFund(self.project_key, self.spec.name, value)


# --- the header form's issued project count ------------------------------------------------------------

_FULL_WIDTH_DIGITS: Final = str.maketrans("０１２３４５６７８９，", "0123456789,")
_LONGEST_COUNT: Final = 18
"""More digits than this is no count of projects (and ``int()`` of 4,300 digits raises): refused unread."""


def parse_project_count(text: str) -> int | None:
    """The 预算局下达项目数 typed in the header form: None when left empty.

    Full-width digits and thousands separators are read (``１２``, ``1,200``); anything else,
    and a count no table can reach (checked by :func:`goaltui.io.limits.check_project_count`,
    as when a file is read), is a :class:`FieldError` saying so.
    """
    from goaltui.io.limits import LIMITS, LimitError, check_project_count
    from goaltui.safe_text import display_text

    raw = text.strip().translate(_FULL_WIDTH_DIGITS).replace(",", "")
    if not raw:
        return None
    shown = display_text(text.strip())
    if len(shown) > 24:
        shown = t("ui.header.count_shortened", start=shown[:12], count=f"{len(text.strip()):,}")
    if not (raw.isascii() and raw.isdigit()):
        raise FieldError(t("ui.header.bad_count", text=shown))
    count = int(raw) if len(raw) <= _LONGEST_COUNT else LIMITS.rows + 1
    try:
        check_project_count(count, "")
    except LimitError:
        raise FieldError(t("ui.header.count_out_of_range", text=shown, limit=f"{LIMITS.rows:,}")) from None
    return count
