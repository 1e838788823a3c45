"""Limits on what an input file may be, checked before it is read.

A file from someone else may be built to exhaust the machine: an 11 KB
workbook whose one cell sits at XFD1048576 makes a spreadsheet reader
allocate 512 GiB (the process aborts); a zip entry of 1 GiB deflates from
1 MB; a million rows fit in 5 MB; ``/dev/zero`` or a FIFO behind a file name
never ends. The limits below come from what the form can be, with a wide
margin, and every check runs before the real reader (python-calamine, json,
csv) sees the file. A file over a limit is refused with one line naming the
limit; nothing is read past it.

The readers call one function at their top, so that their own code stays
theirs:

- :func:`read_input` (JSON and text tables): open without blocking, refuse what
  is not a regular file, refuse a file over the size limit, read at most that;
- :func:`check_workbook` (xlsx/xlsm/ods/xls): the same file checks, then the
  container: zip entry count, declared and *actual* uncompressed sizes (each
  entry is inflated here with a running cap; a declared size can lie),
  compression ratio, and for each sheet its extent (last row and column that
  hold a cell, and their product: what a reader materialises);
- :func:`check_text_rows` and :func:`check_json_payload` for what only shows after
  decoding (rows of a text table; nesting, counts, cell sizes and lone surrogates
  of a JSON document).
"""

from __future__ import annotations

import os
import re
import stat
import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Final
from xml.parsers import expat

from goaltui.errors import InputError, describe_os_error
from goaltui.i18n import t

__all__ = [
    "LIMITS",
    "LimitError",
    "Limits",
    "check_json_payload",
    "check_project_count",
    "check_text_rows",
    "check_workbook",
    "json_text_suspects",
    "open_input",
    "read_input",
]


@dataclass(frozen=True)
class Limits:
    """What an input may be. The form: ≤ 11 columns, a department's table of some thousands of rows."""

    json_bytes: int = 128 << 20
    """A native file (2,000 projects × 8 indicators is about 5 MB)."""
    text_bytes: int = 64 << 20
    """A text table."""
    workbook_bytes: int = 64 << 20
    """A workbook file on disk (2,000 projects is about 1 MB)."""
    uncompressed_bytes: int = 256 << 20
    """All entries of a zipped workbook, inflated."""
    compression_ratio: int = 1000
    """Inflated : deflated, for entries above 1 MiB (XML reaches 10–100; deflate cannot pass about 1032)."""
    zip_entries: int = 10_000
    rows: int = 200_000
    """Rows of a sheet or a text table; units + projects + indicators of a native file."""
    columns: int = 256
    """Columns of a sheet (the Excel 97 limit, IV; the form has at most 11)."""
    sheet_cells: int = 5_300_000
    """Rows × columns up to the last cell of a sheet: what a reader lays out (about 50 bytes each).

    At least rows × 26, so that a sheet within the row limit and columns A–Z needs no column count."""
    cell_chars: int = 32_767
    """Characters of one cell (Excel's own limit)."""
    json_depth: int = 32
    """Nesting of a native file (it needs 9)."""


LIMITS: Final = Limits()


class LimitError(InputError):
    """A file over one of the limits (a one-line message naming the limit)."""


def _mib(size: int) -> str:
    return f"{size / (1 << 20):.0f} MiB" if size >= 1 << 20 else f"{size:,} B"


# --- the file itself ----------------------------------------------------------------------------
def open_input(path: Path, max_bytes: int) -> IO[bytes]:
    """*path* opened for reading, or a one-line :class:`InputError`.

    Refused: what is not a regular file (a FIFO would block for ever, ``/dev/zero``
    never ends, a directory), and a file over *max_bytes*. The file is opened
    with ``O_NONBLOCK`` and checked with ``fstat``, so a FIFO is refused at once
    and the checked file is the one that is read.
    """
    path = Path(path)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise InputError(t("io.cannot_open", file=path, reason=describe_os_error(exc))) from exc
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise LimitError(t("limits.not_regular", file=path, kind=_file_kind(info.st_mode)))
        if info.st_size > max_bytes:
            raise LimitError(t("limits.file_too_big", file=path, size=_mib(info.st_size), limit=_mib(max_bytes)))
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def _file_kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return t("limits.kind.fifo")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return t("limits.kind.device")
    if stat.S_ISDIR(mode):
        return t("limits.kind.directory")
    if stat.S_ISSOCK(mode):
        return t("limits.kind.socket")
    return t("limits.kind.other")


def read_input(path: Path, max_bytes: int) -> bytes:
    """The bytes of *path* (see :func:`open_input`); never more than *max_bytes* are read."""
    with open_input(path, max_bytes) as handle:
        try:
            data = handle.read(max_bytes + 1)
        except OSError as exc:
            raise InputError(t("io.cannot_open", file=path, reason=describe_os_error(exc))) from exc
    if len(data) > max_bytes:  # it grew while being read
        raise LimitError(t("limits.file_too_big", file=path, size=_mib(len(data)), limit=_mib(max_bytes)))
    return data


# --- text tables ----------------------------------------------------------------------------------
def check_text_rows(raw: bytes, source: object, limits: Limits = LIMITS) -> None:
    """Refuse a text table of more rows than the limit (counted on the bytes, before parsing)."""
    lines = max(raw.count(b"\n"), raw.count(b"\n\x00"))  # UTF-16 puts a zero after each line feed
    if lines > limits.rows:
        raise LimitError(t("limits.too_many_rows", file=source, count=f"{lines:,}", limit=f"{limits.rows:,}"))


# --- native JSON ----------------------------------------------------------------------------------
_SURROGATE_ESCAPE: Final = re.compile(r"\\u[dD][89abAB]", re.ASCII)
_LONG_RUN: Final = re.compile(f'"[^"]{{{LIMITS.cell_chars + 1}}}')
"""A string longer than a cell (tried only after each quote: linear time)."""


def check_json_payload(payload: Any, text: str, source: object, limits: Limits = LIMITS) -> None:
    """After ``json.loads``: counts, cell sizes and lone surrogates of a native document.

    The walk over every string is skipped where it cannot find anything: cell
    sizes only when the text has a run of more characters than a cell may hold
    without a quote (or has escaped quotes), surrogates only when the text has a
    ``\\uD8xx``–``\\uDBxx`` escape. (Nesting needs no check: the json module's
    C parser raises RecursionError, which the reader maps to a message.)
    """
    count = payload.get("expected_project_count") if isinstance(payload, dict) else None
    if isinstance(count, int) and not isinstance(count, bool):
        check_project_count(count, source, limits)
    units = payload.get("units") if isinstance(payload, dict) else None
    if isinstance(units, list):
        rows = len(units)
        for unit in units:
            projects = unit.get("projects") if isinstance(unit, dict) else None
            if isinstance(projects, list):
                rows += len(projects)
                for project in projects:
                    indicators = project.get("indicators") if isinstance(project, dict) else None
                    if isinstance(indicators, list):
                        rows += len(indicators)
        if rows > limits.rows:
            raise LimitError(t("limits.too_many_rows", file=source, count=f"{rows:,}", limit=f"{limits.rows:,}"))
    long_cells, surrogates = json_text_suspects(text, limits)
    if not (long_cells or surrogates):
        return
    for where, value in _strings(payload, ""):
        if long_cells and len(value) > limits.cell_chars:
            raise LimitError(
                t("limits.cell_too_long", file=source, where=where, count=f"{len(value):,}", limit=limits.cell_chars)
            )
        if surrogates:
            try:
                value.encode("utf-8")
            except UnicodeEncodeError as exc:
                code = ord(value[exc.start])
                raise InputError(t("limits.lone_surrogate", file=source, where=where, code=f"{code:04X}")) from None


def json_text_suspects(text: str, limits: Limits = LIMITS) -> tuple[bool, bool]:
    """Whether the JSON *text* may hold a string longer than a cell, and a lone surrogate.

    (Searches of the text, linear; when both are False no string of the document
    can be over a limit, and :func:`check_json_payload` walks none.)
    """
    long_cells = len(text) > limits.cell_chars and ('\\"' in text or _LONG_RUN.search(text) is not None)
    return long_cells, _SURROGATE_ESCAPE.search(text) is not None


def check_project_count(count: int, source: object, limits: Limits = LIMITS) -> None:
    """Refuse an issued project count that no table can reach (more projects than rows; negative)."""
    if not 0 <= count <= limits.rows:
        shown = str(count) if len(str(count)) <= 20 else f"{str(count)[:12]}…（{len(str(count))}）"
        raise LimitError(t("limits.project_count", file=source, count=shown, limit=f"{limits.rows:,}"))


def _strings(value: Any, where: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(key, where)
            yield from _strings(item, f"{where}.{key}" if where else str(key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, f"{where}.{index}")


# --- workbooks ------------------------------------------------------------------------------------
_OLE_MAGIC: Final = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_CHUNK: Final = 1 << 20
_MAX_TAG: Final = 64 << 10
_BIG_ENTRY: Final = 1 << 20


def check_workbook(path: Path, limits: Limits = LIMITS) -> None:
    """Check a workbook file and its container before a reader loads it (see the module docstring).

    A legacy ``.xls`` (an OLE compound file) has its BIFF records walked for the
    cells' rows and columns. Anything else gets the file checks only: the reader
    gives its own message for what is not a workbook.
    """
    with open_input(path, limits.workbook_bytes) as handle:
        head = handle.read(8)
        handle.seek(0)
        if head == _OLE_MAGIC:
            _check_ole(handle, path, limits)
            return
        if head[:2] != b"PK":
            return
        try:
            archive = zipfile.ZipFile(handle)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError):
            return  # the reader reports a damaged file in its own words
        with archive:
            _check_zip(archive, handle, path, limits)


def check_sheet_extent(rows: int, columns: int, source: object, sheet: str, limits: Limits = LIMITS) -> None:
    """Refuse a sheet whose laid-out area (*rows* × *columns* up to its last cell) is over the limits."""
    if rows > limits.rows:
        raise LimitError(
            t("limits.sheet_rows", file=source, sheet=sheet, count=f"{rows:,}", limit=f"{limits.rows:,}")
        )
    if columns > limits.columns:
        raise LimitError(
            t("limits.sheet_columns", file=source, sheet=sheet, count=f"{columns:,}", limit=f"{limits.columns:,}")
        )
    if rows * columns > limits.sheet_cells:
        raise LimitError(
            t(
                "limits.sheet_cells",
                file=source,
                sheet=sheet,
                rows=f"{rows:,}",
                columns=f"{columns:,}",
                limit=f"{limits.sheet_cells:,}",
            )
        )


def _check_zip(archive: zipfile.ZipFile, handle: IO[bytes], path: Path, limits: Limits) -> None:
    infos = archive.infolist()
    if len(infos) > limits.zip_entries:
        raise LimitError(t("limits.zip_entries", file=path, count=f"{len(infos):,}", limit=f"{limits.zip_entries:,}"))
    declared = 0
    for info in infos:
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise LimitError(t("limits.zip_method", file=path, entry=info.filename, method=info.compress_type))
        declared += info.file_size
        if declared > limits.uncompressed_bytes:
            raise LimitError(t("limits.zip_size", file=path, limit=_mib(limits.uncompressed_bytes)))
        if info.file_size > _BIG_ENTRY and info.file_size > limits.compression_ratio * max(1, info.compress_size):
            ratio = info.file_size // max(1, info.compress_size)
            raise LimitError(t("limits.zip_ratio", file=path, entry=info.filename, ratio=f"{ratio:,}"))
    budget = [limits.uncompressed_bytes]
    names = _sheet_names(archive, handle, path, limits)
    for info in infos:
        if info.flag_bits & 0x1 or info.is_dir():
            continue  # encrypted: the reader says so
        name = info.filename
        if name.startswith("xl/worksheets/") and name.endswith(".bin"):
            # A binary (.xlsb) sheet renamed .xlsx: its records are not walked here, so it is not read.
            raise LimitError(t("limits.binary_sheet", file=path))
        chunks = _inflate(handle, info, budget, path, limits)
        if name.startswith("xl/worksheets/") and name.endswith(".xml"):
            scan = _SheetScan(path, name, limits, names.get(name))
            if not scan.scan(chunks):
                # Cells placed by their order: parse again from the start (the size is known to be within the limit).
                scan.exact(_inflate(handle, info, [limits.uncompressed_bytes], path, limits))
        elif name == "content.xml":
            _OdsScan(path, limits).scan(chunks)
        elif name == "docProps/custom.xml":
            _check_custom_properties(b"".join(chunks), path, limits)
        else:
            for _chunk in chunks:
                pass


_SMALL_PART: Final = 16 << 20


def _sheet_names(archive: zipfile.ZipFile, handle: IO[bytes], path: Path, limits: Limits) -> dict[str, str]:
    """``xl/worksheets/sheet1.xml`` → the sheet's name, for messages (empty when the parts are missing or odd)."""
    from xml.etree import ElementTree

    def part(name: str) -> bytes | None:
        try:
            info = archive.getinfo(name)
        except KeyError:
            return None
        if info.file_size > _SMALL_PART or info.flag_bits & 0x1:
            return None
        return b"".join(_inflate(handle, info, [_SMALL_PART], path, limits))

    workbook, relations = part("xl/workbook.xml"), part("xl/_rels/workbook.xml.rels")
    if workbook is None or relations is None:
        return {}
    try:
        targets = {
            rel.get("Id", ""): rel.get("Target", "")
            for rel in ElementTree.fromstring(relations)
            if rel.tag.endswith("Relationship")
        }
        names: dict[str, str] = {}
        for element in ElementTree.fromstring(workbook).iter():
            if element.tag.endswith("}sheet") or element.tag == "sheet":
                rid = next((value for key, value in element.attrib.items() if key.endswith("}id")), "")
                target = targets.get(rid, "").lstrip("/")
                if target:
                    entry = target if target.startswith("xl/") else f"xl/{target}"
                    names[entry] = element.get("name", "")
        return names
    except ElementTree.ParseError:
        return {}


def _check_custom_properties(data: bytes, path: Path, limits: Limits) -> None:
    """The issued project count our export keeps in a custom property: refuse one no table can have."""
    from xml.etree import ElementTree

    from goaltui.io.xlsx_layout import EXPECTED_PROJECT_COUNT_PROPERTY

    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError:
        return  # the reader ignores a damaged property part
    for prop in root:
        if prop.get("name") == EXPECTED_PROJECT_COUNT_PROPERTY:
            for value in prop:
                text = (value.text or "").strip()
                if text.lstrip("-").isdigit():
                    if len(text) > 12:
                        raise LimitError(
                            t("limits.project_count", file=path, count=f"{text[:12]}…（{len(text)}）",
                              limit=f"{limits.rows:,}")
                        )
                    check_project_count(int(text), path, limits)


# --- legacy .xls: BIFF records in an OLE compound file ---------------------------------------------
_BIFF_CELLS: Final = frozenset({0x0006, 0x00FD, 0x0203, 0x027E, 0x0201, 0x0204, 0x0205, 0x00D6, 0x0406, 0x0021})
"""FORMULA, LABELSST, NUMBER, RK, BLANK, LABEL, BOOLERR, RSTRING, BIFF3/4 FORMULA, ARRAY: row, column first."""
_BIFF_MULTI: Final = frozenset({0x00BD, 0x00BE})
"""MULRK, MULBLANK: row, first column, …, last column in the last two bytes."""
_BIFF_BOF: Final = frozenset({0x0809, 0x0409, 0x0209, 0x0009})
_BIFF_EOF: Final = 0x000A
_BIFF_FILEPASS: Final = 0x002F


def _check_ole(handle: IO[bytes], path: Path, limits: Limits) -> None:
    """Walk the BIFF records of an ``.xls`` for each sheet's last row and column.

    A reader lays out every sheet as rows × columns up to its last cell: two cells
    at A1 and IV65536 cost a gigabyte. (olefile reads the compound file: its
    sector chains and mini-stream are easy to get subtly wrong by hand.)
    """
    import olefile

    try:
        ole = olefile.OleFileIO(handle)
    except (OSError, ValueError, struct.error, IndexError):  # not a compound file we can read: the reader says so
        return
    with ole:
        name = next((n for n in ("Workbook", "Book", "WORKBOOK", "BOOK") if ole.exists(n)), None)
        if name is None:
            return
        try:
            data = ole.openstream(name).read()
        except (OSError, ValueError, struct.error, IndexError):
            return
    _scan_biff(data, path, limits)


def _scan_biff(data: bytes, path: Path, limits: Limits) -> None:
    offset = 0
    end = len(data)
    depth = 0
    sheet = 0
    max_row = max_column = 0
    unpack = struct.unpack_from
    while offset + 4 <= end:
        kind, length = unpack("<HH", data, offset)
        body = offset + 4
        offset = body + length
        if kind in _BIFF_CELLS:
            if length >= 4:
                row, column = unpack("<HH", data, body)
                if row >= max_row or column >= max_column:
                    max_row, max_column = max(max_row, row + 1), max(max_column, column + 1)
                    check_sheet_extent(max_row, max_column, path, f"#{sheet}", limits)
        elif kind in _BIFF_MULTI:
            if length >= 6:
                row = unpack("<H", data, body)[0]
                last = unpack("<H", data, body + length - 2)[0]
                max_row, max_column = max(max_row, row + 1), max(max_column, last + 1)
                check_sheet_extent(max_row, max_column, path, f"#{sheet}", limits)
        elif kind in _BIFF_BOF:
            depth += 1
        elif kind == _BIFF_EOF:
            depth -= 1
            if depth <= 0:
                sheet += 1
                max_row = max_column = 0
        elif kind == _BIFF_FILEPASS:
            return  # encrypted: the records' bodies are not readable; the reader says so


def _inflate(
    handle: IO[bytes], info: zipfile.ZipInfo, budget: list[int], path: Path, limits: Limits
) -> Iterator[bytes]:
    """The entry's bytes, inflated here with a running cap on the *actual* size (a declared size can lie)."""
    handle.seek(info.header_offset)
    header = handle.read(30)
    if len(header) < 30 or header[:4] != b"PK\x03\x04":
        return
    name_length, extra_length = struct.unpack("<HH", header[26:30])
    handle.seek(info.header_offset + 30 + name_length + extra_length)
    remaining = info.compress_size
    inflater = zlib.decompressobj(-zlib.MAX_WBITS) if info.compress_type == zipfile.ZIP_DEFLATED else None
    while True:
        if inflater is not None and inflater.unconsumed_tail:
            data = inflater.unconsumed_tail
        else:
            if remaining <= 0:
                return
            data = handle.read(min(_CHUNK, remaining))
            if not data:
                return
            remaining -= len(data)
        if inflater is None:
            out = data
        else:
            try:
                out = inflater.decompress(data, _CHUNK)
            except zlib.error:
                return  # damaged: the reader reports it
        budget[0] -= len(out)
        if budget[0] < 0:
            raise LimitError(t("limits.zip_size", file=path, limit=_mib(limits.uncompressed_bytes)))
        if out:
            yield out
        if inflater is not None and inflater.eof:
            return


def _tag_aligned(chunks: Iterator[bytes], path: Path, entry: str) -> Iterator[bytes]:
    """The XML in pieces cut after a ``>``, so that no tag is split between two pieces."""
    carry = b""
    for chunk in chunks:
        buffer = carry + chunk if carry else chunk
        cut = buffer.rfind(b">") + 1
        rest = buffer[cut:]
        start = rest.rfind(b"<")
        carry = rest[start:] if start >= 0 else b""
        if len(carry) > _MAX_TAG:
            raise LimitError(t("limits.xml_tag", file=path, entry=entry))
        if cut:
            yield buffer[:cut]
    if carry:
        yield carry


_ODD_TAG: Final = re.compile(
    rb'<c r="[A-Z](?P<far>\d{7,}|[2-9]\d{5})"'  # a cell at row 200,000 or beyond
    rb'|<c(?! r="[A-Z]\d)[\s>/]'  # a cell without its position first, or past column Z
    rb'|<row(?! r="\d)[\s>/]'  # a row without its number
    rb"|<[A-Za-z_][\w.-]*:(?:c|row)[\s>/]"  # a namespace prefix
)
"""What the counting fast path cannot bound; none of it in what Excel, WPS, LibreOffice or openpyxl write."""
_PLAIN_ROW: Final = re.compile(rb'<row r="(\d+)"')
_REF: Final = re.compile(r"([A-Za-z]+)(\d+)")


def _column_number(letters: bytes | str) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + (letter if isinstance(letter, int) else ord(letter)) - 64
    return number


def _local(name: str) -> str:
    return name.rpartition(":")[2]


def _parse(parser: Any, chunks: Iterator[bytes], path: Path, entry: str) -> None:
    """Feed *chunks* to an expat *parser*; XML it cannot parse is refused in one line."""
    try:
        for piece in chunks:
            parser.Parse(piece, False)
        parser.Parse(b"", True)
    except expat.ExpatError as exc:
        raise LimitError(t("limits.bad_xml", file=path, entry=entry, reason=str(exc))) from None


class _SheetScan:
    """The extent of one xlsx sheet: its last row and column holding a cell.

    Fast path (every real writer gives each cell its ``r="B7"``): regular
    expressions over the inflated XML, a set of distinct rows and columns per
    megabyte. Cells without a position are placed by their order, which needs a
    real parse: then expat walks the sheet again from its start.
    """

    def __init__(self, path: Path, entry: str, limits: Limits, sheet: str | None = None) -> None:
        self.path = path
        self.entry = entry
        self.limits = limits
        self.sheet = sheet or entry.rsplit("/", 1)[-1]

    def scan(self, chunks: Iterator[bytes]) -> bool:
        """Check the extent by counting; False when the sheet needs :meth:`exact` instead.

        The common case is not parsed: when every cell is a plain ``<c r="…"`` in
        columns A–Z and every row a plain ``<row r="…"``, the rows' numbers and any
        cell beyond the row limit bound the sheet (A–Z within the row limit stays
        within the cell limit: rows × 26 ≤ sheet_cells). One search and one list of
        row numbers per megabyte.
        Anything else (a namespace prefix, a column past Z, a cell or row without
        its position) is read cell by cell by :meth:`exact`.
        """
        max_row = 0
        for piece in _tag_aligned(chunks, self.path, self.entry):
            odd = _ODD_TAG.search(piece)
            if odd is not None:
                if odd.group("far") is None:
                    return False
                max_row = int(odd.group("far"))  # a cell beyond the row limit: refused below
            numbers = _PLAIN_ROW.findall(piece)
            if numbers or odd is not None:
                max_row = max(max_row, *map(int, numbers))
                check_sheet_extent(max_row, 0, self.path, self.sheet, self.limits)
        return True

    def exact(self, chunks: Iterator[bytes]) -> None:
        """Check the extent with a parser that places every cell (positions given or implied)."""
        parser = expat.ParserCreate()
        state = {"row": 0, "column": 0, "max_row": 0, "max_column": 0}

        def start(name: str, attributes: dict[str, str]) -> None:
            local = _local(name)
            if local == "row":
                explicit = attributes.get("r", "")
                state["row"] = int(explicit) if explicit.isdigit() else state["row"] + 1
                state["column"] = 0
            elif local == "c":
                match = _REF.fullmatch(attributes.get("r", ""))
                if match:
                    state["column"] = _column_number(match.group(1))
                    state["row"] = max(state["row"], int(match.group(2)))
                else:
                    state["column"] += 1
                if state["row"] > state["max_row"] or state["column"] > state["max_column"]:
                    state["max_row"] = max(state["max_row"], state["row"])
                    state["max_column"] = max(state["max_column"], state["column"])
                    check_sheet_extent(state["max_row"], state["max_column"], self.path, self.sheet, self.limits)

        parser.StartElementHandler = start
        _parse(parser, chunks, self.path, self.entry)


class _OdsScan:
    """The extent of every table in an OpenDocument ``content.xml``, repeated rows and cells counted.

    ``table:number-rows-repeated`` / ``number-columns-repeated`` let 800 bytes stand
    for 17 billion cells; only cells that hold something (a value type or content)
    extend a table, as LibreOffice pads every sheet with repeated empty rows.
    """

    def __init__(self, path: Path, limits: Limits) -> None:
        self.path = path
        self.limits = limits

    def scan(self, chunks: Iterator[bytes]) -> None:
        parser = expat.ParserCreate()
        limits = self.limits
        table = [""]
        row = {"index": 0, "repeat": 1, "column": 0, "last": 0}
        cell: dict[str, int] = {}
        extent = {"rows": 0, "columns": 0}

        def repeat(attributes: dict[str, str], name: str) -> int:
            value = attributes.get(name, "1")
            if not value.isdigit() or len(value) > 9:
                return 1 << 40  # absurd: refused below if it holds anything
            return max(1, int(value))

        def start(name: str, attributes: dict[str, str]) -> None:
            local = _local(name)
            if cell and cell["depth"] >= 1:
                cell["filled"] = 1
                cell["depth"] += 1
                return
            if local == "table":
                table[0] = attributes.get("table:name", "")
                row.update(index=0, repeat=1, column=0, last=0)
            elif local == "table-row":
                row.update(repeat=repeat(attributes, "table:number-rows-repeated"), column=0, last=0)
            elif local in ("table-cell", "covered-table-cell"):
                cell.clear()
                cell.update(
                    repeat=repeat(attributes, "table:number-columns-repeated"),
                    filled=1 if "office:value-type" in attributes else 0,
                    depth=1,
                )

        def end(name: str) -> None:
            local = _local(name)
            if cell and cell["depth"] > 1:
                cell["depth"] -= 1
                return
            if local in ("table-cell", "covered-table-cell") and cell:
                row["column"] += cell["repeat"]
                if cell["filled"]:
                    row["last"] = row["column"]
                cell.clear()
            elif local == "table-row":
                if row["last"]:
                    rows = row["index"] + row["repeat"]
                    extent["rows"] = max(extent["rows"], rows)
                    extent["columns"] = max(extent["columns"], row["last"])
                    check_sheet_extent(extent["rows"], extent["columns"], self.path, table[0], limits)
                row["index"] += row["repeat"]
            elif local == "table":
                extent.update(rows=0, columns=0)

        parser.StartElementHandler = start
        parser.EndElementHandler = end
        _parse(parser, chunks, self.path, "content.xml")
