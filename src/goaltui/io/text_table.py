"""Import of text tables (``.txt`` / ``.tsv``).

Two sources produce these files:

* text extracted from a printed official workbook (the seed): a title line,
  ``填报部门（盖章）…``, ``单位：万元``, a two-row header, unit rows, project rows
  that carry the funds and the first indicator, continuation rows, and after a
  page break rows that lost one empty fund column; then 备注 and signatures,
  the phone number possibly on its own later line;
* rows copied out of Excel/WPS: plain tab-separated cells (quoted by Excel
  when a cell holds a tab, a quote or a line break), with or without the
  header rows.

Columns cannot be taken by position (the page-break drift), so each row is
anchored on its 一级指标 cell, recognised by content: the cells before it are
the name and the amounts, the cells after it the rest of the indicator.

Lines starting with ``#`` are comments (a ``## …表`` heading is the title). A
per-project form (项目支出绩效目标表) in text is read by
:mod:`goaltui.io.project_form`.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from goaltui.errors import InputError
from goaltui.i18n import t
from goaltui.io import form, limits
from goaltui.io.project_form import ProjectForm, SheetKind, classify, not_supported_message, read_form
from goaltui.io.sheet_cells import Cells
from goaltui.io.text_decoding import decode_text
from goaltui.model import FUND_FIELDS, Document, Funds, Indicator, Project, Signatures, Unit
from goaltui.model.amounts import AmountError
from goaltui.model.level1 import normalize_level1

_TITLE_HASHES = re.compile(r"^\s*#+\s*")
_TITLE_HEADING = re.compile(r"^#{1,6}\s*\S.*表\s*(?:[（(][^）)]*[)）])?$")
"""A Markdown-style heading naming a form (``## 2020年…汇总表``): the title, not a comment."""
_FOOTER_PATTERNS = (form.NOTES_PATTERN, form.LEADER_PATTERN, form.HANDLER_PATTERN, form.PHONE_PATTERN)

_NAME_CELLS = 1
_AMOUNT_CELLS = len(FUND_FIELDS)


@dataclass
class _Row:
    line: int
    cells: list[str]


@dataclass
class _State:
    source: str
    document: Document = field(default_factory=Document)
    in_table: bool = False
    in_footer: bool = False
    phone_pending: bool = False
    notes_open: bool = False
    unit: Unit | None = None
    project: Project | None = None
    saw_rows: bool = False
    header_ahead: bool = False
    """A header row is still to come: the lines before it are the title, 填报部门 and 单位, as in a workbook."""


def decode(raw: bytes, source: str) -> str:
    """Bytes of a text file → text; clear errors for empty and binary files (see io.text_decoding)."""
    return decode_text(raw, source)


def read(path: Path) -> Document:
    raw = limits.read_input(path, limits.LIMITS.text_bytes)
    limits.check_text_rows(raw, path)
    return loads(decode(raw, str(path)), str(path))


def read_project_forms(path: Path) -> list[ProjectForm]:
    """The per-project form in a text file (for import-project); anything else is a clear error."""
    raw = limits.read_input(path, limits.LIMITS.text_bytes)
    limits.check_text_rows(raw, path)
    source = str(path)
    cells = Cells([row.cells for row in _rows(decode(raw, source), source)])
    kind = classify(cells)
    if kind is SheetKind.PROJECT_FORM:
        return [read_form(cells, source)]
    if kind in (SheetKind.SELF_EVALUATION, SheetKind.SCORING):
        raise InputError(not_supported_message(kind, source))
    if kind is SheetKind.SUMMARY_TABLE:
        raise InputError(t("import.not_a_form", file=source, kind=t("forms.kind.summary_table")))
    raise InputError(t("import.nothing", file=source))


def loads(text: str, source: str = "<text>", *, rows_of: bool | None = None) -> Document:
    """Parse a text table into a document (see the module docstring).

    A per-project form (项目支出绩效目标表) in text is read as a one-project
    table; a 自评表 or a scoring table is refused with one line saying what it
    is. Lines starting with ``#`` are comments, except a Markdown-style title
    (``## 2020年…汇总表``).

    *rows_of*: the text is rows of a table (a paste), read as if under the
    table's header, in the layout with (True) or without (False) 二级指标,
    unless a header row of its own says otherwise.
    """
    rows = _rows(text, source)
    state = _State(source, header_ahead=any(_is_header([cell.strip() for cell in row.cells]) for row in rows))
    if rows_of is not None:
        state.header_ahead = False
        state.in_table = True
        state.document.has_level2 = rows_of
    else:
        cells = Cells([row.cells for row in rows])
        kind = classify(cells)
        if kind is SheetKind.PROJECT_FORM:
            return read_form(cells, source).document()
        if kind in (SheetKind.SELF_EVALUATION, SheetKind.SCORING):
            raise InputError(not_supported_message(kind, source))
    for row in rows:
        _handle_line(state, row)
    if not state.saw_rows:
        raise InputError(t("text.no_rows", file=source))
    return state.document


def _lines(text: str, source: str) -> Iterator[_Row]:
    """The lines of tab-separated *text* as cells, read as Excel writes them: a cell holding a
    tab, a quote or a line break is quoted, its quotes doubled. Line breaks may be ``\n``,
    ``\r\n`` or a lone ``\r`` (what a terminal's paste sends): inside a cell each becomes ``\n``."""
    reader = csv.reader(io.StringIO(text.replace("\r\n", "\n").replace("\r", "\n")), dialect="excel-tab")
    while True:
        start = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:  # pragma: no cover - excel-tab is lenient
            raise InputError(t("text.not_a_table", file=source, line=start, text=str(exc))) from exc
        yield _Row(start, cells)


def split_cells(text: str) -> list[list[str]]:
    """Tab-separated *text* (rows copied from Excel/WPS, a paste) as rows of cells; a blank line
    is an empty row. The reading side of :func:`format_cells`."""
    return [row.cells for row in _lines(text, "")]


def format_cells(rows: Iterable[Sequence[str]]) -> str:
    """Rows of cells as tab-separated text the way Excel copies them (a cell holding a tab, a
    quote or a line break quoted, its quotes doubled; a row of one empty cell as ``""``), one
    line per row. Excel, WPS and :func:`split_cells` read it back cell for cell."""
    out = io.StringIO()
    csv.writer(out, dialect="excel-tab", lineterminator="\n").writerows(
        [cell.replace("\r\n", "\n").replace("\r", "\n") for cell in row] for row in rows
    )
    return out.getvalue()


def _rows(text: str, source: str) -> list[_Row]:
    """The lines as cells, without comment lines."""
    rows: list[_Row] = []
    title_seen = False
    for row in _lines(text, source):
        cells = row.cells
        if cells and cells[0].lstrip().startswith("#"):
            if title_seen or not _TITLE_HEADING.match("\t".join(cells).strip()):
                continue  # a comment
            title_seen = True
        rows.append(row)
    return rows


def _handle_line(state: _State, row: _Row) -> None:
    filled = [cell.strip() for cell in row.cells]
    if not any(filled):
        return
    if state.phone_pending and len([c for c in filled if c]) == 1 and not state.document.signatures.phone:
        only = next(c for c in filled if c)
        if not _is_label(only):
            state.document.signatures.phone = only
            state.phone_pending = False
            return
    if _is_header(filled):
        if form.INDICATOR_HEADERS["level2"] in filled:
            state.document.has_level2 = True
        state.in_table = True
        state.header_ahead = False
        return
    if state.header_ahead and not state.saw_rows:
        # Above the header, each cell is the title, 填报部门 or 单位, wherever it stands: Excel's
        # "Text (Tab delimited)" writes the title row as the title and nine empty cells.
        for text in (cell for cell in filled if cell):
            _header_line(state, row, text)
        return
    if _is_second_header(filled):
        return
    if _footer_cells(state, filled):
        return
    if state.in_footer:
        if state.notes_open:
            state.document.notes += "\n" + "\t".join(c for c in filled if c)
            return
        raise InputError(t("text.not_a_table", file=state.source, line=row.line, text=_shown(row)))
    nonempty = [c for c in filled if c]
    if len(row.cells) == 1 or (len(nonempty) == 1 and filled[0] == "" and not state.in_table):
        _header_line(state, row, nonempty[0])
        return
    _table_row(state, row)


def is_header_row(cells: Sequence[str]) -> bool:
    """Whether *cells* are one of the form's two header rows (一级指标… or 合计 一般公共预算…)."""
    filled = [cell.strip() for cell in cells]
    return _is_header(filled) or _is_second_header(filled)


def _is_header(filled: list[str]) -> bool:
    headers = form.INDICATOR_HEADERS
    names = (headers["name"], form.NAME_HEADER_THREE_LEVEL, headers["value"])
    return headers["level1"] in filled and any(name in filled for name in names)


def _is_second_header(filled: list[str]) -> bool:
    return form.FUND_HEADERS["total"] in filled and form.FUND_HEADERS["general_budget"] in filled


def _is_label(text: str) -> bool:
    return any(p.match(text) for p in _FOOTER_PATTERNS)


def _footer_cells(state: _State, filled: list[str]) -> bool:
    """备注 and the signature block, in one cell or several on a line."""
    nonempty = [c for c in filled if c]
    if not nonempty:
        return False
    signatures: Signatures = state.document.signatures
    first = nonempty[0]
    notes = form.NOTES_PATTERN.match(first)
    if notes and len(nonempty) == 1:
        state.document.notes = notes.group(1).strip()
        state.in_footer = True
        state.notes_open = True
        return True
    if not all(_is_label(cell) for cell in nonempty):
        return False
    for cell in nonempty:
        if match := form.LEADER_PATTERN.match(cell):
            signatures.leader = match.group(1).strip()
        elif match := form.HANDLER_PATTERN.match(cell):
            signatures.handler = match.group(1).strip()
        elif match := form.PHONE_PATTERN.match(cell):
            signatures.phone = match.group(1).strip()
            state.phone_pending = not signatures.phone
        elif match := form.NOTES_PATTERN.match(cell):
            state.document.notes = match.group(1).strip()
    state.in_footer = True
    state.notes_open = False
    return True


def _header_line(state: _State, row: _Row, text: str) -> None:
    """A one-cell line outside the table: title, 填报部门, 单位, or a unit row."""
    if match := form.DEPARTMENT_PATTERN.match(text):
        state.document.department = match.group(1).strip()
        return
    if match := form.MONEY_UNIT_PATTERN.match(text):
        state.document.money_unit = match.group(1)
        return
    if state.in_table or state.saw_rows:
        # Inside the table a lone name is a unit row (copied without its empty cells).
        _start_unit(state, text)
        return
    if not state.document.title:
        state.document.title = _TITLE_HASHES.sub("", text).strip()
        return
    if form.ATTACHMENT_PATTERN.match(text):
        return
    raise InputError(t("text.not_a_table", file=state.source, line=row.line, text=_shown(row)))


def _start_unit(state: _State, name: str) -> None:
    unit = Unit(name=name)
    state.document.units.append(unit)
    state.unit = unit
    state.project = None
    state.saw_rows = True
    state.in_table = True


def _anchor(cells: list[str]) -> int | None:
    for index, cell in enumerate(cells):
        if index >= _NAME_CELLS and normalize_level1(cell) is not None:
            return index
    return None


def _table_row(state: _State, row: _Row) -> None:
    cells = row.cells
    level2 = state.document.has_level2
    indicator_width = 5 if level2 else 4
    filled = [c.strip() for c in cells]
    if filled[0] and not any(filled[1:]):
        _start_unit(state, filled[0])
        return
    full_width = _NAME_CELLS + _AMOUNT_CELLS + indicator_width
    # A row of exactly the table's width is taken by position (the 一级指标 may be
    # empty or mistyped while the table is half-filled); any other width is anchored
    # on the 一级指标 cell, found by its content.
    anchor = _NAME_CELLS + _AMOUNT_CELLS if len(cells) == full_width else _anchor(cells)
    if anchor is None and len(cells) > full_width:
        anchor = _NAME_CELLS + _AMOUNT_CELLS
    if anchor is None:
        if filled[0] and len(cells) <= _NAME_CELLS + _AMOUNT_CELLS:
            _project_row(state, row, cells, None)
            return
        raise InputError(t("text.not_a_table", file=state.source, line=row.line, text=_shown(row)))
    before, after = cells[:anchor], cells[anchor:]
    if len(before) > _NAME_CELLS + _AMOUNT_CELLS:
        extra = before[_NAME_CELLS + _AMOUNT_CELLS :]
        if any(c.strip() for c in extra):
            _stray(state, row, next(c for c in extra if c.strip()))
        before = before[: _NAME_CELLS + _AMOUNT_CELLS]
    tail = after[indicator_width:]
    if any(c.strip() for c in tail):
        _stray(state, row, next(c for c in tail if c.strip()))
    after = (after + [""] * indicator_width)[:indicator_width]
    if not any(c.strip() for c in after):
        _project_row(state, row, before, None)
        return
    if level2:
        indicator = Indicator(level1=after[0], level2=after[1], name=after[2], value=after[3], description=after[4])
    else:
        indicator = Indicator(level1=after[0], name=after[1], value=after[2], description=after[3])
    _project_row(state, row, before, indicator)


def _project_row(state: _State, row: _Row, before: list[str], indicator: Indicator | None) -> None:
    name = before[0].strip() if before else ""
    amount_cells = before[_NAME_CELLS:]
    if name:
        funds = Funds()
        for offset, (fund_field, cell) in enumerate(zip(FUND_FIELDS, amount_cells, strict=False)):
            try:
                value = form.read_amount(cell)
            except AmountError:
                raise InputError(
                    t(
                        "text.bad_amount",
                        file=state.source,
                        line=row.line,
                        column=_NAME_CELLS + offset + 1,
                        field=t(f"field.{fund_field}"),
                        text=cell.strip(),
                    )
                ) from None
            setattr(funds, fund_field, value)
        project = Project(name=name, funds=funds)
        if state.unit is None:
            _start_unit(state, "")
        assert state.unit is not None
        state.unit.projects.append(project)
        state.project = project
        state.saw_rows = True
        state.in_table = True
    elif any(c.strip() for c in amount_cells):
        raise InputError(t("text.not_a_table", file=state.source, line=row.line, text=_shown(row)))
    if indicator is not None:
        if state.project is None:
            raise InputError(t("text.indicator_without_project", file=state.source, line=row.line))
        state.project.indicators.append(indicator)
        state.saw_rows = True


def _stray(state: _State, row: _Row, cell: str) -> None:
    count = len(row.cells)
    raise InputError(t("text.stray_column", file=state.source, line=row.line, count=count, text=cell.strip()))


def _shown(row: _Row) -> str:
    text = " | ".join(c.strip() for c in row.cells if c.strip())
    return text if len(text) <= 60 else text[:57] + "..."
