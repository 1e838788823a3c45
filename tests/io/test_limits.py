"""The limits let every real table through and stop what no table can be, before the reader allocates."""

from __future__ import annotations

import codecs
import json
import shutil
import struct
import zipfile
from pathlib import Path

import pytest

from goaltui.errors import InputError
from goaltui.io import limits, native, text_table, xlsx_export, xlsx_import
from goaltui.io.limits import LIMITS, LimitError, Limits, check_sheet_extent, check_workbook, read_input
from goaltui.io.text_decoding import decode_text
from goaltui.resources import sample_path
from tests.hostile import corpus


def test_a_real_workbook_passes_and_reads(tmp_path: Path) -> None:
    document = native.read(sample_path())
    path = tmp_path / "t.xlsx"
    xlsx_export.write(document, path)
    check_workbook(path)
    assert xlsx_import.read(path).project_count() == document.project_count()


def test_sheet_extent_limits() -> None:
    check_sheet_extent(LIMITS.rows, 11, "f", "s")
    with pytest.raises(LimitError, match="行"):
        check_sheet_extent(LIMITS.rows + 1, 1, "f", "s")
    with pytest.raises(LimitError, match="列"):
        check_sheet_extent(1, LIMITS.columns + 1, "f", "s")
    with pytest.raises(LimitError, match="单元格"):
        check_sheet_extent(100_000, 100, "f", "s")


def test_cells_without_positions_are_placed_by_order(tmp_path: Path) -> None:
    small = tmp_path / "small.xlsx"
    corpus.cells_without_positions(small, columns=12, rows=30)
    check_workbook(small)  # a writer that leaves out r="…": accepted when small
    wide = tmp_path / "wide.xlsx"
    corpus.cells_without_positions(wide, columns=300, rows=1)
    with pytest.raises(LimitError, match=r"第 (300|257) 列"):
        check_workbook(wide)


def test_prefixed_and_reordered_attributes_take_the_careful_path(tmp_path: Path) -> None:
    path = tmp_path / "x.xlsx"
    sheet = [
        corpus._SHEET_HEAD.replace("<worksheet ", "<x:worksheet xmlns:x='urn:x' ").replace("<sheetData>", "<x:sheetData>"),
        '<x:row r="1"><x:c t="inlineStr" r="IW1"><x:is><x:t>far</x:t></x:is></x:c></x:row>',
        "</x:sheetData></x:worksheet>",
    ]
    corpus._workbook(path, sheet)
    with pytest.raises(LimitError, match="257"):
        check_workbook(path)


def test_ods_repeated_empty_rows_pass_repeated_content_does_not(tmp_path: Path) -> None:
    source = tmp_path / "r.ods"
    corpus.ods_repeated(source)
    with pytest.raises(LimitError):
        check_workbook(source)
    content = zipfile.ZipFile(source).read("content.xml").decode()
    padded = content.replace(
        '<table:table-row table:number-rows-repeated="1048576">'
        '<table:table-cell table:number-columns-repeated="16384" office:value-type="string"><text:p>x</text:p>'
        "</table:table-cell></table:table-row>",
        '<table:table-row><table:table-cell office:value-type="string"><text:p>项目名称</text:p></table:table-cell>'
        '<table:table-cell table:number-columns-repeated="16383"/></table:table-row>'
        '<table:table-row table:number-rows-repeated="1048575"><table:table-cell table:number-columns-repeated="16384"/>'
        "</table:table-row>",
    )
    ok = tmp_path / "ok.ods"
    with zipfile.ZipFile(ok, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", padded, zipfile.ZIP_DEFLATED)
    check_workbook(ok)  # LibreOffice pads every sheet like this: not refused


def _biff(*records: tuple[int, bytes]) -> bytes:
    return b"".join(struct.pack("<HH", kind, len(body)) + body for kind, body in records)


def test_xls_cell_records_bound_the_extent() -> None:
    bof = (0x0809, b"\x00" * 16)
    eof = (0x000A, b"")
    cell = lambda row, column: (0x0203, struct.pack("<HHHd", row, column, 0, 1.0))  # noqa: E731 - NUMBER
    limits._scan_biff(_biff(bof, eof, bof, cell(0, 0), cell(999, 9), eof), Path("t.xls"), LIMITS)
    with pytest.raises(LimitError, match="65,536 行 × 256 列"):
        limits._scan_biff(_biff(bof, eof, bof, cell(0, 0), cell(65535, 255), eof), Path("t.xls"), LIMITS)
    mulblank = (0x00BE, struct.pack("<HH", 5, 0) + b"\x00\x00" * 300 + struct.pack("<H", 299))
    with pytest.raises(LimitError, match="列"):
        limits._scan_biff(_biff(bof, mulblank, eof), Path("t.xls"), LIMITS)
    filepass = (0x002F, b"\x00" * 6)
    limits._scan_biff(_biff(bof, filepass, cell(65535, 255), eof), Path("t.xls"), LIMITS)  # encrypted: the reader says


def test_a_small_limit_shows_the_zip_checks(tmp_path: Path) -> None:
    path = tmp_path / "b.xlsx"
    corpus.zip_bomb(path, size=8 << 20)
    with pytest.raises(LimitError, match="压缩"):
        check_workbook(path, Limits(uncompressed_bytes=4 << 20, compression_ratio=10**6))
    with pytest.raises(LimitError, match="压缩比"):
        check_workbook(path, Limits(compression_ratio=100))


def test_read_input_refuses_what_is_not_a_regular_file(tmp_path: Path) -> None:
    with pytest.raises(LimitError, match="目录"):
        read_input(tmp_path, 100)
    with pytest.raises(InputError, match="不存在"):
        read_input(tmp_path / "missing", 100)
    big = tmp_path / "big.json"
    big.write_bytes(b"x" * 101)
    with pytest.raises(LimitError, match="太大"):
        read_input(big, 100)
    assert read_input(big, 101) == b"x" * 101


def test_json_limits() -> None:
    rows = [{"name": "u", "projects": [{"name": "p", "indicators": [{}] * 10}]}] * 20
    payload = {"units": rows}
    limits.check_json_payload(payload, json.dumps(payload), "f")
    with pytest.raises(LimitError, match="行"):
        limits.check_json_payload(payload, json.dumps(payload), "f", Limits(rows=100))
    long_cell = {"units": [{"name": "长" * (LIMITS.cell_chars + 1)}]}
    with pytest.raises(LimitError, match=r"units\.0\.name"):
        limits.check_json_payload(long_cell, json.dumps(long_cell, ensure_ascii=False), "f")
    escaped = {"units": [{"name": '"' * (LIMITS.cell_chars + 1)}]}  # no run without a quote in the text
    with pytest.raises(LimitError):
        limits.check_json_payload(escaped, json.dumps(escaped), "f")
    with pytest.raises(LimitError, match="200,000"):
        limits.check_json_payload({"expected_project_count": -1}, "", "f")


def test_native_reads_a_big_real_table_within_the_limits(tmp_path: Path) -> None:
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from benchmarks.generator import generate

    document = generate(2000, 8)
    path = tmp_path / "big.json"
    native.write(document, path)
    assert native.read(path).project_count() == 2000
    workbook = tmp_path / "big.xlsx"
    xlsx_export.write(document, workbook)
    check_workbook(workbook)


# --- text tables -----------------------------------------------------------------------------------
SEED_TEXT = Path(__file__).resolve().parents[1] / "data" / "keqiao_renda_2020.txt"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "gb18030", "utf-8-sig"])
def test_text_tables_in_every_encoding_excel_and_wps_save(tmp_path: Path, encoding: str) -> None:
    text = SEED_TEXT.read_text(encoding="utf-8")
    path = tmp_path / "t.txt"
    path.write_bytes(text.encode(encoding))
    expected = text_table.read(SEED_TEXT)
    assert text_table.read(path).model_dump() == expected.model_dump()


def test_utf16_bom_only_is_empty() -> None:
    with pytest.raises(InputError, match="空文件"):
        decode_text(codecs.BOM_UTF16_LE, "t.txt")


def test_a_control_character_anywhere_is_named_with_its_line() -> None:
    text = "项目名称\t一级指标\n" * 5000 + "项目\x1b[2J\t产出指标\n"
    with pytest.raises(InputError, match="第 5001 行含控制字符 ␛"):
        decode_text(text.encode(), "t.txt")
    with pytest.raises(InputError, match="二进制"):
        decode_text(b"abc\x00def" * 10, "t.txt")


def test_a_text_table_of_too_many_rows_is_refused_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "t.txt"
    shutil.copyfile(SEED_TEXT, path)
    limits.check_text_rows(path.read_bytes(), path)
    with pytest.raises(LimitError):
        limits.check_text_rows(b"a\n" * (LIMITS.rows + 1), path)


def test_messages_name_the_sheet_and_binary_sheets_are_refused(tmp_path: Path) -> None:
    far = tmp_path / "far.xlsx"
    corpus.far_cell(far, "XFD2000")
    with pytest.raises(LimitError, match="工作表 Sheet1 用到第 16,384 列"):
        check_workbook(far)
    binary = tmp_path / "b.xlsx"
    with zipfile.ZipFile(binary, "w") as archive:
        archive.writestr("xl/workbook.bin", b"\x83\x01\x00")
        archive.writestr("xl/worksheets/sheet1.bin", b"\x00" * 16)
    with pytest.raises(LimitError, match="xlsb"):
        check_workbook(binary)


def test_a_cell_whose_row_lies_about_its_row_is_still_bounded(tmp_path: Path) -> None:
    path = tmp_path / "lie.xlsx"
    row = '<row r="2">' + corpus._cell("A250000", "x") + "</row>"
    corpus._workbook(path, [corpus._SHEET_HEAD, corpus._header_row(), row, corpus._SHEET_TAIL])
    with pytest.raises(LimitError, match="250,000"):
        check_workbook(path)
    wide = tmp_path / "wide.xlsx"
    row = '<row r="2">' + corpus._cell("AB199999", "x") + "</row>"
    corpus._workbook(wide, [corpus._SHEET_HEAD, corpus._header_row(), row, corpus._SHEET_TAIL])
    with pytest.raises(LimitError, match="单元格"):  # 199,999 rows × 28 columns
        check_workbook(wide)
