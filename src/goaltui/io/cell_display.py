"""A spreadsheet cell as the text the person typed, guided by its number format.

Excel, WPS and LibreOffice store what was typed as ``100%`` as the number 1
with a percent format, ``2021-2-28`` as a date serial with a date format and
``1,000`` as 1000 with a grouping format. The importer wants the text:

* percent formats → the exact percentage: ``100%``, ``95.5%`` (not ``1`` or
  ``0.955``, and not the ``95.50%`` a two-decimal percent format displays:
  the value is what was typed, the decimals shown are presentation);
* date formats → the form's style, with the parts the format shows:
  ``2021年2月28日``, ``2021年2月`` (``yyyy"年"m"月"``), ``2月28日``; a time when
  the format shows one;
* numbers → the shortest exact decimal (``10``, not ``10.0``; floats rounded to
  the 15 significant digits a spreadsheet keeps), with thousands separators
  when the format groups (``1,000``) and the format's literal text around it
  (``0"人"`` → ``120人``, ``¥#,##0.00`` → ``¥1,234.5``).

Formats come from the file (calamine, which reads the values, does not
expose them): for ``.xlsx`` the styles part and one pass over the sheet's cell
tags (openpyxl's streaming reader builds every cell and took six times as
long), xlrd for ``.xls``, and the document's own XML for ``.ods`` (no
maintained reader maps ODF number styles; the few elements needed are read
here). Each lookup is built only when a sheet has a non-text cell whose text
is needed.

No maintained Python library renders Excel number format codes, so the small
part of the grammar that decides the text above is parsed here; anything
else (scientific, fractions, [DBNum] numerals) falls back to the exact number.
"""

from __future__ import annotations

import datetime
import functools
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import Final
from xml.etree import ElementTree

CellValue = int | float | str | bool | datetime.time | datetime.date | datetime.datetime | datetime.timedelta
Position = tuple[int, int]
"""0-based (row, column)."""

GENERAL: Final = "General"


class Kind(StrEnum):
    GENERAL = "general"
    NUMBER = "number"
    PERCENT = "percent"
    DATE = "date"
    TEXT = "text"


@dataclass(frozen=True)
class Section:
    kind: Kind = Kind.GENERAL
    grouping: bool = False
    prefix: str = ""
    suffix: str = ""
    date_parts: frozenset[str] = frozenset()
    """Of ``y m d h s``: what a date/time format shows."""


@dataclass(frozen=True)
class NumberFormat:
    positive: Section
    negative: Section | None = None

    @property
    def kind(self) -> Kind:
        return self.positive.kind


_PLAIN: Final = NumberFormat(Section())
_DIGITS: Final = frozenset("0#?")
_DATE_LETTERS: Final = frozenset("ydmhse")
_BUILTIN_GENERAL: Final = ("general", "g/通用格式", "通用格式", "standard", "@")


def _split_sections(code: str) -> list[str]:
    sections: list[str] = []
    current: list[str] = []
    quoted = False
    index = 0
    while index < len(code):
        char = code[index]
        if char == '"':
            quoted = not quoted
        elif char == "\\" and not quoted and index + 1 < len(code):
            current.append(code[index : index + 2])
            index += 2
            continue
        elif char == ";" and not quoted:
            sections.append("".join(current))
            current = []
            index += 1
            continue
        current.append(char)
        index += 1
    sections.append("".join(current))
    return sections


def _tokens(section: str) -> Iterator[tuple[str, str]]:
    """(kind, text): ``lit`` literal text, ``num`` a number placeholder char, ``date`` a date letter run,
    ``general``, ``percent``, ``bracket``."""
    index = 0
    length = len(section)
    while index < length:
        char = section[index]
        if char == '"':
            end = section.find('"', index + 1)
            end = length if end < 0 else end
            yield "lit", section[index + 1 : end]
            index = end + 1
        elif char == "\\" and index + 1 < length:
            yield "lit", section[index + 1]
            index += 2
        elif char in "_*" and index + 1 < length:
            index += 2  # padding / fill: no text
        elif char == "[":
            end = section.find("]", index)
            end = length if end < 0 else end
            yield "bracket", section[index + 1 : end]
            index = end + 1
        elif section[index:].lower().startswith(("general", "g/通用格式")):
            size = 7 if section[index:].lower().startswith("general") else 6
            yield "general", section[index : index + size]
            index += size
        elif section[index:].upper().startswith(("AM/PM", "A/P")) or section[index:].startswith(("上午/下午",)):
            size = 5 if section[index:].upper().startswith(("AM/PM", "上午/下午")) else 3
            yield "date", "h"
            index += size
        elif char in "Ee" and section[index + 1 : index + 2] in ("+", "-"):
            yield "num", "E"  # scientific: shown as the exact number
            index += 2
        elif char in _DIGITS or char in ".,":
            yield "num", char
            index += 1
        elif char == "%":
            yield "percent", char
            index += 1
        elif char.lower() in _DATE_LETTERS or (char.lower() == "a" and section[index:].lower().startswith("aaa")):
            end = index
            while end < length and section[end].lower() == char.lower():
                end += 1
            yield "date", section[index:end].lower()
            index = end
        elif char == "@":
            yield "text", char
            index += 1
        else:
            yield "lit", char
            index += 1


def _parse_section(section: str) -> Section:
    prefix: list[str] = []
    suffix: list[str] = []
    kind = Kind.GENERAL
    seen_number = False
    grouping = False
    letters: list[str] = []
    saw_general = False
    integer_digits = True
    for token, text in _tokens(section):
        if token == "bracket":
            inner = text.strip()
            if inner.startswith("$"):
                symbol = inner[1:].split("-", 1)[0]
                (suffix if seen_number else prefix).append(symbol)
                if inner.upper().endswith("F800"):  # the system's long date
                    letters.extend(["y", "m", "d"])
            elif re.fullmatch(r"[hHmMsS]+", inner):
                letters.append(inner[0].lower())
            continue
        if token == "lit":
            (suffix if (seen_number or letters or saw_general) else prefix).append(text)
            continue
        if token == "general":
            saw_general = True
            continue
        if token == "text":
            kind = Kind.TEXT if not seen_number else kind
            continue
        if token == "date":
            letters.append(text)
            continue
        if token == "percent":
            kind = Kind.PERCENT
            seen_number = True
            continue
        # a number placeholder; text literals between digits are dropped (rare: 000-0000)
        if suffix and seen_number:
            suffix.clear()
        seen_number = True
        if text == ".":
            integer_digits = False
        elif text == "," and integer_digits:
            grouping = True
        if kind is Kind.GENERAL:
            kind = Kind.NUMBER
    if letters:
        parts = _date_parts(letters)
        if parts:
            return Section(Kind.DATE, prefix="".join(prefix), suffix="".join(suffix), date_parts=parts)
    if kind is Kind.NUMBER and not grouping:
        kind = Kind.NUMBER
    return Section(kind, grouping, "".join(prefix), "".join(suffix))


def _date_parts(letters: list[str]) -> frozenset[str]:
    parts: set[str] = set()
    for position, run in enumerate(letters):
        letter = run[0]
        if letter == "m":
            # m next to h or s is minutes
            before = letters[position - 1][0] if position else ""
            after = letters[position + 1][0] if position + 1 < len(letters) else ""
            parts.add("n" if "h" in (before,) or "s" in (after,) else "m")
        elif letter in ("y", "e"):
            parts.add("y")
        elif letter == "a":
            continue  # weekday
        else:
            parts.add(letter)
    return frozenset(parts)


@functools.lru_cache(maxsize=512)
def parse_format(code: str | None) -> NumberFormat:
    """The parts of an Excel/LibreOffice number format code that decide the typed text."""
    if not code or code.strip().lower() in _BUILTIN_GENERAL:
        return _PLAIN
    sections = [s for s in _split_sections(code)]
    positive = _parse_section(sections[0])
    negative = _parse_section(sections[1]) if len(sections) > 1 and sections[1].strip() else None
    return NumberFormat(positive, negative)


# --- values to text ------------------------------------------------------------------------
def exact_number(value: int | float | Decimal) -> Decimal:
    """The decimal a spreadsheet number was typed as: 15 significant digits, no exponent noise."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int):
        return Decimal(value)
    number = Decimal(format(value, ".15g"))
    if number == number.to_integral_value():
        return Decimal(int(number))
    return number.normalize()


def plain(number: Decimal, grouping: bool = False) -> str:
    """``number`` without exponent or trailing zeros (``10``, ``97.2``), grouped by thousands on request."""
    if not number.is_finite():
        return str(number)
    if number == number.to_integral_value():
        whole = int(number)
        return f"{whole:,d}" if grouping else str(whole)
    number = number.normalize()
    return f"{number:,f}" if grouping else format(number, "f")


def date_text(value: datetime.date | datetime.datetime | datetime.time, parts: frozenset[str] = frozenset()) -> str:
    """A date in the form's style: ``2021年2月28日``, with only the parts a format shows."""
    time: datetime.time | None = None
    if isinstance(value, datetime.datetime):
        time = value.time()
        day: datetime.date | None = value.date()
    elif isinstance(value, datetime.date):
        day = value
    else:
        time, day = value, None
    if not parts:
        parts = frozenset("ymd") if day is not None else frozenset()
        if time is not None and (time != datetime.time() or day is None):
            parts |= {"h", "n"} | ({"s"} if time.second else set())
    text = ""
    if day is not None:
        if "y" in parts:
            text += f"{day.year}年"
        if "m" in parts or ("y" in parts and "d" in parts):
            text += f"{day.month}月"
        if "d" in parts:
            text += f"{day.day}日"
    if time is not None and parts & {"h", "n", "s"}:
        clock = f"{time.hour}:{time.minute:02d}" + (f":{time.second:02d}" if "s" in parts else "")
        text = f"{text} {clock}" if text else clock
    if not text and day is not None:
        return day.isoformat()
    return text


_EXCEL_EPOCH: Final = datetime.datetime(1899, 12, 30)


def _from_serial(serial: float) -> datetime.datetime | None:
    if not 0 <= serial < 2958466:  # up to 9999-12-31
        return None
    return _EXCEL_EPOCH + datetime.timedelta(days=serial)


def display(value: CellValue | None, code: str | None = None) -> str:
    """The text of a cell as the person typed it (see the module docstring)."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    fmt = parse_format(code)
    if isinstance(value, datetime.date | datetime.time):
        return date_text(value, fmt.positive.date_parts if fmt.kind is Kind.DATE else frozenset())
    if isinstance(value, datetime.timedelta):
        seconds = int(value.total_seconds())
        return f"{seconds // 3600}:{seconds % 3600 // 60:02d}" + (f":{seconds % 60:02d}" if seconds % 60 else "")
    if fmt.kind is Kind.DATE:
        moment = _from_serial(float(value))
        if moment is not None:  # in the form's style, whatever separators the format uses
            return date_text(moment, fmt.positive.date_parts)
    number = exact_number(value)
    section = fmt.positive
    sign = ""
    if number < 0:
        if fmt.negative is not None and fmt.negative.kind is not Kind.TEXT:
            section = fmt.negative
            number = -number
        else:
            sign = "-"
            number = -number
    if section.kind is Kind.PERCENT:
        return f"{section.prefix}{sign}{plain(number * 100, section.grouping)}%{section.suffix.lstrip('%')}"
    return f"{section.prefix}{sign}{plain(number, section.grouping)}{section.suffix}"


# --- where the formats come from ----------------------------------------------------------
@dataclass
class SheetFormats:
    """Number format codes of a sheet's cells (only those other than General), and its merges (ODS)."""

    codes: dict[Position, str] = field(default_factory=dict)
    merges: list[tuple[Position, Position]] = field(default_factory=list)

    def code(self, row: int, column: int) -> str | None:
        return self.codes.get((row, column))


_MAIN_NS: Final = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL_NS: Final = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PACKAGE_REL_NS: Final = "http://schemas.openxmlformats.org/package/2006/relationships"
_CELL_TAG: Final = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c\s([^>]*?)/?>")
_ATTRIBUTE: Final = re.compile(rb'\b([rst])="([^"]*)"')
_REF: Final = re.compile(r"([A-Z]+)(\d+)")


def _column_index(letters: str) -> int:
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - 64
    return index - 1


def _xlsx_sheet_part(archive: zipfile.ZipFile, sheet: str) -> str | None:
    workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    relation = None
    for element in workbook.iter(f"{{{_MAIN_NS}}}sheet"):
        if element.get("name") == sheet:
            relation = element.get(f"{{{_REL_NS}}}id")
    if relation is None:
        return None
    relations = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    for element in relations.iter(f"{{{_PACKAGE_REL_NS}}}Relationship"):
        if element.get("Id") == relation:
            target = element.get("Target", "")
            return target.lstrip("/") if target.startswith("/") else "xl/" + target
    return None


def _xlsx_style_codes(archive: zipfile.ZipFile) -> list[str]:
    """The number format code of each cell style (cellXfs), by index."""
    from openpyxl.styles.numbers import BUILTIN_FORMATS

    root = ElementTree.fromstring(archive.read("xl/styles.xml"))
    custom = {
        int(element.get("numFmtId", "-1")): element.get("formatCode", "")
        for element in root.iter(f"{{{_MAIN_NS}}}numFmt")
    }
    codes: list[str] = []
    cell_xfs = root.find(f"{{{_MAIN_NS}}}cellXfs")
    for xf in cell_xfs if cell_xfs is not None else []:
        number = int(xf.get("numFmtId", "0"))
        codes.append(custom.get(number) or BUILTIN_FORMATS.get(number, GENERAL))
    return codes


def xlsx_formats(path: Path, sheet: str) -> SheetFormats:
    """Formats of the number cells of *sheet*, from the styles and the sheet XML.

    One pass of a byte pattern over the sheet part (cell tags only: their
    ``r``, ``s`` and ``t`` attributes) — a tenth of openpyxl's streaming parse,
    which builds every cell.
    """
    result = SheetFormats()
    with zipfile.ZipFile(path) as archive:
        part = _xlsx_sheet_part(archive, sheet)
        if part is None:
            return result
        codes = _xlsx_style_codes(archive)
        data = archive.read(part)
    for match in _CELL_TAG.finditer(data):
        attributes = dict(_ATTRIBUTE.findall(match.group(1)))
        style = attributes.get(b"s")
        if not style or attributes.get(b"t", b"n") not in (b"n", b"d"):
            continue
        code = codes[int(style)] if style.isdigit() and int(style) < len(codes) else GENERAL
        if code == GENERAL:
            continue
        reference = _REF.fullmatch(attributes.get(b"r", b"").decode("ascii", "replace"))
        if reference is not None:
            result.codes[(int(reference.group(2)) - 1, _column_index(reference.group(1)))] = code
    return result


def xls_formats(path: Path, sheet: str) -> SheetFormats:
    """Formats of the number and date cells of *sheet* of a BIFF ``.xls``, via xlrd."""
    import xlrd

    result = SheetFormats()
    book = xlrd.open_workbook(str(path), formatting_info=True, on_demand=True)
    try:
        worksheet = book.sheet_by_name(sheet)
        for row in range(worksheet.nrows):
            for column, ctype in enumerate(worksheet.row_types(row)):
                if ctype in (xlrd.XL_CELL_NUMBER, xlrd.XL_CELL_DATE):
                    xf = book.xf_list[worksheet.cell_xf_index(row, column)]
                    code = book.format_map[xf.format_key].format_str
                    if code and code != GENERAL:
                        result.codes[(row, column)] = code
    finally:
        book.release_resources()
    return result


_NS: Final = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "number": "urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
}
_MAX_REPEAT: Final = 1_048_576


def _q(prefix: str, name: str) -> str:
    return f"{{{_NS[prefix]}}}{name}"


def _ods_number_styles(root: ElementTree.Element) -> dict[str, str]:
    """ODF data styles → equivalent format codes (only what :func:`display` uses)."""
    codes: dict[str, str] = {}
    for container in root.iter(_q("office", "automatic-styles")):
        codes.update(_data_styles(container))
    for container in root.iter(_q("office", "styles")):
        codes.update(_data_styles(container))
    return codes


def _data_styles(container: ElementTree.Element) -> dict[str, str]:
    codes: dict[str, str] = {}
    positive_styles: dict[str, str] = {}
    date_parts = {"year": "yyyy", "month": "m", "day": "d", "hours": "h", "minutes": "mm", "seconds": "ss"}
    for element in container:
        tag = element.tag.split("}")[-1]
        name = element.get(_q("style", "name"))
        if name is None or not tag.endswith("-style") or tag == "style":
            continue
        pieces: list[str] = []
        for child in element:
            child_tag = child.tag.split("}")[-1]
            if child_tag == "map" and (child.get(_q("style", "condition")) or "").startswith("value()>"):
                # the style itself is the negative section; the positive one is mapped
                positive_styles[name] = child.get(_q("style", "apply-style-name"), "")
            elif child_tag == "number":
                grouping = child.get(_q("number", "grouping")) == "true"
                pieces.append("#,##0" if grouping else "0")
            elif child_tag in date_parts:
                pieces.append(date_parts[child_tag])
            elif child_tag in ("text", "currency-symbol"):
                literal = "".join(child.itertext())
                if literal and literal != "%":
                    pieces.append('"' + literal.replace('"', "") + '"')
                elif literal == "%":
                    pieces.append("%")
        if tag == "percentage-style" and "%" not in pieces:
            pieces.append("%")
        if tag in ("date-style", "time-style") and not any(p in date_parts.values() for p in pieces):
            pieces.append("yyyy-m-d")
        codes[name] = "".join(pieces) or GENERAL
    for name, positive in positive_styles.items():
        if positive in codes:
            codes[name] = f"{codes[positive]};{codes[name]}"
    return codes


def ods_formats(path: Path, sheet: str) -> SheetFormats:
    """Formats and merged ranges of *sheet* of an ``.ods`` (calamine reports neither)."""
    result = SheetFormats()
    with zipfile.ZipFile(path) as archive:
        content = archive.read("content.xml")
        styles_xml = archive.read("styles.xml") if "styles.xml" in archive.namelist() else b""
    root = ElementTree.fromstring(content)
    number_styles = _ods_number_styles(root)
    if styles_xml:
        number_styles.update(_ods_number_styles(ElementTree.fromstring(styles_xml)))
    cell_styles: dict[str, str] = {}
    for element in root.iter(_q("style", "style")):
        data_style = element.get(_q("style", "data-style-name"))
        name = element.get(_q("style", "name"))
        if name and data_style and data_style in number_styles:
            cell_styles[name] = number_styles[data_style]
    table = next(
        (t for t in root.iter(_q("table", "table")) if t.get(_q("table", "name")) == sheet),
        None,
    )
    if table is None:
        return result
    column_styles: list[str | None] = []
    for column in table.iter(_q("table", "table-column")):
        repeat = min(int(column.get(_q("table", "number-columns-repeated"), "1")), 1024)
        column_styles.extend([column.get(_q("table", "default-cell-style-name"))] * repeat)
    row_index = 0
    for row in table.iter(_q("table", "table-row")):
        row_repeat = min(int(row.get(_q("table", "number-rows-repeated"), "1")), _MAX_REPEAT)
        column_index = 0
        for cell in row:
            tag = cell.tag.split("}")[-1]
            if tag not in ("table-cell", "covered-table-cell"):
                continue
            repeat = min(int(cell.get(_q("table", "number-columns-repeated"), "1")), 16384)
            if tag == "table-cell" and row_repeat == 1:
                rows_spanned = int(cell.get(_q("table", "number-rows-spanned"), "1"))
                columns_spanned = int(cell.get(_q("table", "number-columns-spanned"), "1"))
                if rows_spanned > 1 or columns_spanned > 1:
                    result.merges.append(
                        ((row_index, column_index), (row_index + rows_spanned - 1, column_index + columns_spanned - 1))
                    )
                value_type = cell.get(_q("office", "value-type"))
                if value_type not in (None, "string", "boolean"):
                    style = cell.get(_q("table", "style-name"))
                    if style is None and column_index < len(column_styles):
                        style = column_styles[column_index]
                    code = cell_styles.get(style or "")
                    if value_type == "percentage" and (code is None or "%" not in code):
                        code = "0%"
                    elif value_type in ("date", "time") and code is None:
                        code = "yyyy-m-d" if value_type == "date" else "h:mm"
                    if code and code != GENERAL:
                        for offset in range(repeat):
                            result.codes[(row_index, column_index + offset)] = code
            column_index += repeat
        row_index += row_repeat
    return result


def formats_for(path: Path, container: str, sheet: str) -> SheetFormats:
    """The formats of *sheet*: *container* is ``xlsx``, ``xls`` or ``ods``; anything unreadable gives none."""
    readers = {"xlsx": xlsx_formats, "xls": xls_formats, "ods": ods_formats}
    reader = readers.get(container)
    if reader is None:
        return SheetFormats()
    try:
        return reader(path, sheet)
    except Exception:  # formats only refine the text; the values were read already
        return SheetFormats()


__all__ = ["SheetFormats", "date_text", "display", "exact_number", "formats_for", "parse_format", "plain"]
