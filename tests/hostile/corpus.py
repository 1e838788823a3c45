"""A corpus of hostile input files, made by code rather than committed as blobs.

Each entry is a file someone could send: a workbook whose one cell sits at
XFD1048576, a zip bomb, a million rows in 5 MB, a FIFO, ``/dev/zero`` behind a
symbolic link, JSON nested 100,000 deep, amounts like ``1E+999999999``... Every
one must end ``goaltui check/summary/convert`` and the editor's open path with
one line and exit code 2, quickly and in bounded memory.

Run it to get the files for probing by hand::

    python -m tests.hostile.corpus DIR
"""

from __future__ import annotations

import json
import os
import struct
import sys
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

# --- minimal workbooks written with zipfile (no openpyxl: it cannot write most of these) --------
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>"
)
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
)
_SHEET_HEAD = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
)
_SHEET_TAIL = "</sheetData></worksheet>"
_HEADER = ("项目名称", "合计", "一般公共预算", "政府性基金", "专户资金", "其他资金", "一级指标", "明细指标", "指标值", "指标描述")


def _letters(column: int) -> str:
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _cell(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def _header_row() -> str:
    cells = "".join(_cell(f"{_letters(i)}1", text) for i, text in enumerate(_HEADER, start=1))
    return f'<row r="1">{cells}</row>'


def _workbook(path: Path, sheet_parts: Iterable[str], *, extra: dict[str, bytes] | None = None) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _ROOT_RELS)
        archive.writestr("xl/workbook.xml", _WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            buffer: list[str] = []
            size = 0
            for part in sheet_parts:
                buffer.append(part)
                size += len(part)
                if size > 1 << 20:
                    sheet.write("".join(buffer).encode())
                    buffer, size = [], 0
            sheet.write("".join(buffer).encode())
        for name, data in (extra or {}).items():
            archive.writestr(name, data)


def far_cell(path: Path, ref: str) -> None:
    """A header row, and one cell far away (XFD1048576: 16,384 × 1,048,576 cells)."""
    row = int("".join(ch for ch in ref if ch.isdigit()))
    _workbook(path, [_SHEET_HEAD, _header_row(), f'<row r="{row}">{_cell(ref, "x")}</row>', _SHEET_TAIL])


def million_rows(path: Path, rows: int = 1_000_000) -> None:
    """A header and a million indicator rows: about 5 MB on disk."""

    def parts() -> Iterator[str]:
        yield _SHEET_HEAD
        yield _header_row()
        for number in range(2, rows + 2):
            yield f'<row r="{number}"><c r="A{number}" t="inlineStr"><is><t>p</t></is></c><c r="B{number}"><v>1</v></c></row>'
        yield _SHEET_TAIL

    _workbook(path, parts())


def _deflated_entry(name: str, head: bytes, filler: bytes, repeat: int, tail: bytes) -> tuple[zipfile.ZipInfo, bytes]:
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    crc = zlib.crc32(head)
    chunks = [compressor.compress(head)]
    for _ in range(repeat):
        chunks.append(compressor.compress(filler))
        crc = zlib.crc32(filler, crc)
    chunks.append(compressor.compress(tail))
    crc = zlib.crc32(tail, crc)
    chunks.append(compressor.flush())
    data = b"".join(chunks)
    info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    info.CRC = crc
    info.file_size = len(head) + len(filler) * repeat + len(tail)
    info.compress_size = len(data)
    return info, data


def _raw_zip(path: Path, entries: list[tuple[zipfile.ZipInfo, bytes]], *, lie_size: int | None = None) -> None:
    """Write already-deflated entries (zipfile would deflate them again); optionally lie about the size."""
    with open(path, "wb") as out:
        central = []
        for info, data in entries:
            offset = out.tell()
            size = info.file_size if lie_size is None or not info.filename.endswith("sheet1.xml") else lie_size
            name = info.filename.encode()
            extra = b""
            if size >= 0xFFFFFFFF:
                extra = struct.pack("<HHQQ", 1, 16, size, info.compress_size)
            shown = min(size, 0xFFFFFFFF)
            out.write(struct.pack("<4s5H3L2H", b"PK\x03\x04", 45, 0, info.compress_type, 0, 0x21,
                                  info.CRC, min(info.compress_size, 0xFFFFFFFF), shown, len(name), len(extra)))
            out.write(name + extra + data)
            central.append((info, offset, size, name, extra))
        start = out.tell()
        for info, offset, size, name, extra in central:
            shown = min(size, 0xFFFFFFFF)
            out.write(struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 45, 45, 0, info.compress_type, 0, 0x21, info.CRC,
                                  min(info.compress_size, 0xFFFFFFFF), shown, len(name), len(extra), 0, 0, 0, 0,
                                  offset))
            out.write(name + extra)
        end = out.tell()
        out.write(struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(central), len(central), end - start, start, 0))


def _plain(name: str, text: str) -> tuple[zipfile.ZipInfo, bytes]:
    return _deflated_entry(name, text.encode(), b"", 0, b"")


def zip_bomb(path: Path, size: int = 1 << 30, *, lie_size: int | None = None) -> None:
    """A sheet of *size* bytes (a comment of spaces) that deflates to about a thousandth of that."""
    filler = b" " * (1 << 20)
    head = (_SHEET_HEAD + _header_row()).encode() + b"<!--"
    sheet = _deflated_entry("xl/worksheets/sheet1.xml", head, filler, size >> 20, ("-->" + _SHEET_TAIL).encode())
    entries = [
        _plain("[Content_Types].xml", _CONTENT_TYPES),
        _plain("_rels/.rels", _ROOT_RELS),
        _plain("xl/workbook.xml", _WORKBOOK),
        _plain("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS),
        sheet,
    ]
    _raw_zip(path, entries, lie_size=lie_size)


def shared_strings_bomb(path: Path, size: int = 1 << 30) -> None:
    """One shared string of *size* bytes (deflates 1000:1)."""
    head = (b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
            b' count="1" uniqueCount="1"><si><t>')
    strings = _deflated_entry("xl/sharedStrings.xml", head, b"a" * (1 << 20), size >> 20, b"</t></si></sst>")
    sheet = _plain("xl/worksheets/sheet1.xml", _SHEET_HEAD + _header_row() + '<row r="2"><c r="A2" t="s"><v>0</v></c></row>' + _SHEET_TAIL)
    entries = [
        _plain("[Content_Types].xml", _CONTENT_TYPES),
        _plain("_rels/.rels", _ROOT_RELS),
        _plain("xl/workbook.xml", _WORKBOOK),
        _plain("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS),
        strings,
        sheet,
    ]
    _raw_zip(path, entries)


def cells_without_positions(path: Path, columns: int = 16_384, rows: int = 2_000) -> None:
    """Cells with no ``r`` attribute: their position is their order (one wide row, then many rows)."""

    def parts() -> Iterator[str]:
        yield _SHEET_HEAD
        yield "<row>" + "<c t=\"inlineStr\"><is><t>x</t></is></c>" * columns + "</row>"
        for _ in range(rows):
            yield "<row><c t=\"inlineStr\"><is><t>y</t></is></c></row>"
        yield _SHEET_TAIL

    _workbook(path, parts())


def ods_repeated(path: Path) -> None:
    """An OpenDocument sheet whose one cell is repeated 16,384 columns × 1,048,576 rows."""
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        '<office:body><office:spreadsheet><table:table table:name="Sheet1">'
        '<table:table-row table:number-rows-repeated="1048576">'
        '<table:table-cell table:number-columns-repeated="16384" office:value-type="string"><text:p>x</text:p>'
        "</table:table-cell></table:table-row></table:table></office:spreadsheet></office:body>"
        "</office:document-content>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        archive.writestr(
            "META-INF/manifest.xml",
            '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
            'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
            '<manifest:file-entry manifest:full-path="/" '
            'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
            '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
            "</manifest:manifest>",
            zipfile.ZIP_DEFLATED,
        )


def huge_count_workbook(path: Path, count: str) -> None:
    """Our export's custom property for the issued project count, holding *count*."""
    custom = (
        '<?xml version="1.0" encoding="UTF-8"?><Properties '
        'xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="goaltui.expected_project_count">'
        f"<vt:i4>{count}</vt:i4></property></Properties>"
    )
    row = '<row r="2">' + _cell("A2", "项目") + '<c r="B2"><v>1</v></c>' + "</row>"
    _workbook(path, [_SHEET_HEAD, _header_row(), row, _SHEET_TAIL], extra={"docProps/custom.xml": custom.encode()})


# --- native JSON ----------------------------------------------------------------------------------
def _native(units: object, **header: object) -> str:
    payload = {"format": "goaltui", "schema_version": 1, **header, "units": units}
    return json.dumps(payload, ensure_ascii=False)


def _project_with_total(total: str) -> str:
    return _native([{"name": "单位", "projects": [{"name": "项目", "funds": {"total": "__TOTAL__"}}]}]).replace(
        '"__TOTAL__"', total
    )


def nested_json(path: Path, depth: int = 100_000) -> None:
    path.write_text('{"format": "goaltui", "schema_version": 1, "units": ' + "[" * depth + "]" * depth + "}")


def write_text(text: str) -> Callable[[Path], None]:
    def write(path: Path) -> None:
        path.write_text(text, encoding="utf-8")

    return write


def write_bytes(data: bytes) -> Callable[[Path], None]:
    def write(path: Path) -> None:
        path.write_bytes(data)

    return write


def sparse(size: int) -> Callable[[Path], None]:
    """A file that claims *size* bytes without using the disk."""

    def write(path: Path) -> None:
        with open(path, "wb") as handle:
            handle.truncate(size)

    return write


def fifo(path: Path) -> None:
    os.mkfifo(path)


def dev_zero(path: Path) -> None:
    path.symlink_to("/dev/zero")


def million_lines(path: Path) -> None:
    row = "项目\t1\t1\t\t\t\t产出指标\t数量\t1个\t描述\n"
    path.write_text("项目名称\t合计\t一般公共预算\t政府性基金\t专户资金\t其他资金\t一级指标\t明细指标\t指标值\t指标描述\n" + row * 1_000_000, encoding="utf-8")


def control_after_8k(path: Path) -> None:
    body = "项目名称\t合计\t一般公共预算\t政府性基金\t专户资金\t其他资金\t一级指标\t明细指标\t指标值\t指标描述\n"
    row = "项目{n}\t1\t1\t\t\t\t产出指标\t数量\t1个\t描述\n"
    text = body + "".join(row.format(n=n) for n in range(400)) + "项目X\t1\t1\t\t\t\t产出指标\t数量\t1个\t\x1b]52;c;cm0gLXJmIH4K\x07\n"
    path.write_text(text, encoding="utf-8")


@dataclass(frozen=True)
class Hostile:
    name: str
    """The file name (its suffix picks the reader)."""
    make: Callable[[Path], None]
    why: str
    slow: bool = False
    """Takes a second or more to make (cached for the session by the tests)."""


CORPUS: tuple[Hostile, ...] = (
    Hostile("far-cell-XFD1048576.xlsx", lambda p: far_cell(p, "XFD1048576"), "one cell at the last row and column"),
    Hostile("far-cell-XFD2000.xlsx", lambda p: far_cell(p, "XFD2000"), "one cell at column XFD, row 2000"),
    Hostile("far-cell-A1048576.xlsx", lambda p: far_cell(p, "A1048576"), "one cell at the last row"),
    Hostile("million-rows.xlsx", million_rows, "a million rows in about 5 MB", slow=True),
    Hostile("zip-bomb.xlsx", zip_bomb, "a 1 GiB sheet deflated 1000:1", slow=True),
    Hostile("zip-bomb-lying.xlsx", lambda p: zip_bomb(p, 1 << 30, lie_size=4096), "a 1 GiB sheet that says it is 4 KiB", slow=True),
    Hostile("strings-bomb.xlsx", shared_strings_bomb, "one shared string of 1 GiB", slow=True),
    Hostile("no-positions.xlsx", cells_without_positions, "16,384 cells in a row without positions, then 2,000 rows"),
    Hostile("repeated.ods", ods_repeated, "one cell repeated 16,384 × 1,048,576 times"),
    Hostile("count-32bit.xlsx", lambda p: huge_count_workbook(p, str(2**40)), "an issued count beyond 32 bits"),
    Hostile("count-4000-digits.xlsx", lambda p: huge_count_workbook(p, "9" * 4000), "an issued count of 4,000 digits"),
    Hostile("sparse-3GiB.xlsx", sparse(3 << 30), "a file of 3 GiB (sparse)"),
    Hostile("sparse-3GiB.json", sparse(3 << 30), "a file of 3 GiB (sparse)"),
    Hostile("sparse-3GiB.txt", sparse(3 << 30), "a file of 3 GiB (sparse)"),
    Hostile("dev-zero.json", dev_zero, "a symbolic link to /dev/zero"),
    Hostile("dev-zero.txt", dev_zero, "a symbolic link to /dev/zero"),
    Hostile("dev-zero.xlsx", dev_zero, "a symbolic link to /dev/zero"),
    Hostile("fifo.json", fifo, "a named pipe nobody writes to"),
    Hostile("fifo.txt", fifo, "a named pipe nobody writes to"),
    Hostile("fifo.xlsx", fifo, "a named pipe nobody writes to"),
    Hostile("nested.json", nested_json, "arrays nested 100,000 deep"),
    Hostile("digits-5000.json", write_text(_project_with_total("1" * 5000)), "a 5,000-digit integer amount"),
    Hostile("digits-5000-string.json", write_text(_project_with_total('"' + "1" * 5000 + '"')), "a 5,000-digit amount as text"),
    Hostile("surrogate.json", write_text(_native([{"name": "\\ud800", "projects": []}]).replace("\\\\ud800", "\\ud800")), "a lone surrogate \\ud800"),
    Hostile("exp-huge.json", write_text(_project_with_total('"1E+999999999"')), "the amount 1E+999999999"),
    Hostile("exp-tiny.json", write_text(_project_with_total('"1E-999999999"')), "the amount 1E-999999999"),
    Hostile("exp-huge-number.json", write_text(_project_with_total("1E+999999999")), "the amount 1E+999999999 as a JSON number"),
    Hostile("nan.json", write_text(_project_with_total("NaN")), "the amount NaN"),
    Hostile("count-4000-digits.json", write_text(_native([], expected_project_count=int("9" * 4000))), "an issued count of 4,000 digits"),
    Hostile("count-32bit.json", write_text(_native([], expected_project_count=2**40)), "an issued count beyond 32 bits"),
    Hostile("million-lines.txt", million_lines, "a text table of a million rows", slow=True),
    Hostile("control-after-8k.txt", control_after_8k, "an OSC 52 sequence after the first 8 KiB"),
    Hostile("long-cell.txt", write_text("项目名称\t合计\t一级指标\t明细指标\t指标值\t指标描述\n项目\t1\t产出指标\t数量\t1个\t" + "长" * 200_000 + "\n"), "a 200,000-character cell"),
    Hostile("zeros.txt", write_bytes(b"\x00" * 100_000), "binary zeros"),
)

BY_NAME = {hostile.name: hostile for hostile in CORPUS}


def make(directory: Path, names: Iterable[str] | None = None) -> dict[str, Path]:
    """Write the corpus (or the named part of it) into *directory*; the paths by name."""
    directory.mkdir(parents=True, exist_ok=True)
    paths = {}
    for hostile in CORPUS if names is None else [BY_NAME[name] for name in names]:
        path = directory / hostile.name
        if not path.exists() and not path.is_symlink():
            hostile.make(path)
        paths[hostile.name] = path
    return paths


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "hostile-corpus")
    for name, path in make(target).items():
        print(f"{path}\t{BY_NAME[name].why}")
