"""A folder of departments' tables, one :class:`ReviewRow` per file.

What the reviewer at the finance bureau scans first: which tables are ready
(就绪: readable and without errors), and how big each one is. Everything here
is headless and cheap to call from a screen: :func:`scan_folder` lists the
tables, :func:`review_file` reads and validates one (a file that cannot be read
becomes a row with its one-line reason; nothing here raises for a bad file),
:func:`sort_rows` / :func:`filter_rows` order and narrow the list, and
:func:`review_totals` adds it up. :mod:`goaltui.review.loader` reads many files
in parallel.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from operator import itemgetter
from pathlib import Path
from typing import Any, Final

from goaltui.errors import GoaltuiError, InputError, describe_os_error
from goaltui.i18n import t
from goaltui.io.formats import read_document, readable_suffixes
from goaltui.model import FUND_FIELDS
from goaltui.review.options import COLUMNS, FUND_COLUMNS, Column, column_label
from goaltui.rules import RuleConfig, Severity, Validator

__all__ = [
    "COLUMNS",
    "FILED_MONEY_UNIT",
    "Column",
    "ReviewRow",
    "ReviewTotals",
    "column_label",
    "filter_rows",
    "natural_key",
    "review_file",
    "review_totals",
    "scan_folder",
    "sort_rows",
]

FILED_MONEY_UNIT: Final = "万元"
"""The money unit of the official form; amounts of files in another unit are left out of the totals."""

_ZERO: Final = Decimal(0)
_DIGITS: Final = re.compile(r"(\d+)")
_SPACES: Final = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class ReviewRow:
    """One table of the folder as the review lists it (plain data: it crosses process boundaries)."""

    path: Path
    """The file, as found under the folder (the folder as the user gave it, joined with the name)."""
    name: str
    """The path relative to the folder (``sub/教育局.xlsx`` in a recursive review), as shown."""
    reason: str | None = None
    """Why the file could not be read, on one line; None when it was read."""
    title: str = ""
    department: str = ""
    money_unit: str = ""
    units: int = 0
    projects: int = 0
    indicators: int = 0
    funds: Mapping[str, Decimal] = field(default_factory=dict)
    """Sum of each fund column (``FUND_FIELDS``), in the file's own money unit; empty when unreadable."""
    errors: int = 0
    warnings: int = 0
    infos: int = 0

    @property
    def readable(self) -> bool:
        return self.reason is None

    @property
    def ready(self) -> bool:
        """就绪: read, and no errors (warnings do not block submission)."""
        return self.reason is None and self.errors == 0

    @property
    def in_filed_unit(self) -> bool:
        """Whether the amounts are in 万元 (and so count in the totals)."""
        return self.money_unit.strip() == FILED_MONEY_UNIT


def _one_line(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def review_file(path: Path, *, folder: Path | None = None, config: RuleConfig | None = None) -> ReviewRow:
    """Read and validate *path* into a row. Never raises for a bad file: its row carries the reason."""
    path = Path(path)
    name = shown_name(path, folder)
    try:
        document = read_document(path)
    except GoaltuiError as exc:
        # The reader names the file by the path it was given; the review lists it by its shown name.
        return ReviewRow(path, name, reason=_one_line(str(exc).replace(str(path), name)) or type(exc).__name__)
    except Exception as exc:  # a reader's bug on a hostile file must not stop the review of the others
        error = f"{type(exc).__name__}: {exc}"
        return ReviewRow(path, name, reason=_one_line(t("review.read_failed", file=name, error=error)))
    counts = Validator(document, config).counts()
    return ReviewRow(
        path,
        name,
        title=document.title,
        department=document.department,
        money_unit=document.money_unit,
        units=len(document.units),
        projects=document.project_count(),
        indicators=document.indicator_count(),
        funds=document.fund_totals(),
        errors=counts[Severity.ERROR],
        warnings=counts[Severity.WARNING],
        infos=counts[Severity.INFO],
    )


def shown_name(path: Path, folder: Path | None) -> str:
    """*path* relative to *folder* when it lies under it, else its name."""
    if folder is not None:
        try:
            return Path(path).relative_to(folder).as_posix()
        except ValueError:
            pass
    return Path(path).name


def natural_key(text: str) -> tuple[tuple[int, int, str], ...]:
    """Sort key that puts ``部门2`` before ``部门10`` and ignores case and width (``Ａ`` = ``a``)."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part) for part in _DIGITS.split(folded) if part)


def _is_table(name: str) -> bool:
    # Hidden files, and the owner files Excel/WPS leave next to an open workbook (~$name.xlsx).
    return not name.startswith((".", "~$")) and os.path.splitext(name)[1].lower() in _SUFFIXES


_SUFFIXES: Final = frozenset(readable_suffixes())


def scan_folder(folder: Path, *, recursive: bool = False) -> list[Path]:
    """The tables in *folder* (every readable suffix), in natural order of their shown names.

    Raises :class:`InputError` (one line) when the folder itself cannot be read.
    With *recursive*, subfolders are searched too (hidden ones are skipped, and
    so are subfolders that cannot be read: the review shows what it can).
    """
    folder = Path(folder)
    found: list[Path] = []
    try:
        if not folder.is_dir():
            reason = t("review.not_a_folder") if folder.exists() else t("os.not_found")
            raise InputError(t("review.cannot_read_folder", folder=folder, reason=reason))
        if recursive:
            for root, dirs, files in os.walk(folder):
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                found += [Path(root, name) for name in files if _is_table(name) and Path(root, name).is_file()]
        else:
            with os.scandir(folder) as entries:
                found = [Path(entry.path) for entry in entries if _is_table(entry.name) and entry.is_file()]
    except OSError as exc:
        raise InputError(t("review.cannot_read_folder", folder=folder, reason=describe_os_error(exc))) from exc
    return sorted(found, key=lambda path: natural_key(shown_name(path, folder)))


# --- columns, sorting and filtering (what the review screen offers) ------------------------------


def _value(row: ReviewRow, column: Column) -> Any:
    """The row's value in *column* for sorting; None when it has none (an unreadable file).

    (Values of one column are of one type: a natural key, a Decimal or an int.)
    """
    if column is Column.FILE:
        return natural_key(row.name)
    if column is Column.READY:
        return 0 if row.ready else 1 if row.readable else 2
    if not row.readable:
        return None
    if column is Column.DEPARTMENT:
        return natural_key(row.department)
    if column in FUND_COLUMNS:
        return row.funds.get(column.value, _ZERO)
    count: int = getattr(row, column.value)
    return count


def sort_rows(rows: Iterable[ReviewRow], column: Column | str, *, descending: bool = False) -> list[ReviewRow]:
    """*rows* ordered by *column*; rows without a value (unreadable files) stay last either way.

    Stable, with the file name as the tie-breaker, so the order never depends on
    the order the files finished loading in.
    """
    column = Column(column)
    by_name = sorted(rows, key=lambda row: natural_key(row.name))
    with_value = [(value, row) for row in by_name if (value := _value(row, column)) is not None]
    without = [row for row in by_name if _value(row, column) is None]
    with_value.sort(key=itemgetter(0), reverse=descending)
    return [row for _sort_value, row in with_value] + without


def _folded(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


def filter_rows(rows: Iterable[ReviewRow], *, only_errors: bool = False, text: str = "") -> list[ReviewRow]:
    """The rows to show: with *only_errors*, those not ready (with errors, or unreadable);
    with *text*, those whose file name or department contains it (ignoring case and full width)."""
    needle = _folded(text.strip())
    return [
        row
        for row in rows
        if (not only_errors or not row.ready)
        and (not needle or needle in _folded(row.name) or needle in _folded(row.department))
    ]


@dataclass(frozen=True, slots=True)
class ReviewTotals:
    """The totals row."""

    files: int
    readable: int
    ready: int
    units: int
    projects: int
    indicators: int
    funds: Mapping[str, Decimal]
    """Sums in 万元 over the readable files in 万元 (see ``excluded_from_funds``)."""
    errors: int
    warnings: int
    infos: int
    excluded_from_funds: int
    """Readable files whose money unit is not 万元: their amounts are not added to ``funds``."""

    @property
    def unreadable(self) -> int:
        return self.files - self.readable

    @property
    def with_errors(self) -> int:
        return self.readable - self.ready


def review_totals(rows: Iterable[ReviewRow]) -> ReviewTotals:
    rows = list(rows)
    readable = [row for row in rows if row.readable]
    funds = dict.fromkeys(FUND_FIELDS, _ZERO)
    for row in readable:
        if row.in_filed_unit:
            for name in FUND_FIELDS:
                funds[name] += row.funds.get(name, _ZERO)
    return ReviewTotals(
        files=len(rows),
        readable=len(readable),
        ready=sum(1 for row in readable if row.ready),
        units=sum(row.units for row in readable),
        projects=sum(row.projects for row in readable),
        indicators=sum(row.indicators for row in readable),
        funds=funds,
        errors=sum(row.errors for row in readable),
        warnings=sum(row.warnings for row in readable),
        infos=sum(row.infos for row in readable),
        excluded_from_funds=sum(1 for row in readable if not row.in_filed_unit),
    )
