"""Import of the workbooks people actually have, and one clear line for what is not one."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from goaltui.errors import InputError
from goaltui.io import native, xlsx_export, xlsx_import
from goaltui.io import xlsx_layout as layout
from goaltui.model import Document

Row = Sequence[object]


def _workbook(path: Path, sheets: dict[str, tuple[list[Row], list[str]]]) -> Path:
    """Write sheets of plain rows (None = empty cell) with the given merged ranges."""
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for name, (rows, merges) in sheets.items():
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append(list(row))
        for ref in merges:
            sheet.merge_cells(ref)
    workbook.save(path)
    return path


HEADER = ["项目实施单位及项目名称", "资金安排", None, None, None, None, "一级指标", "明细指标", "指标值", "指标描述"]
SUBHEADER = [None, "合计", "一般公共预算", "政府性基金", "专户资金", "其他资金"]


def test_wps_style_workbook_unmerged_with_text_amounts(tmp_path: Path) -> None:
    rows: list[Row] = [
        ["附件1"],
        ["2021年部门预算项目绩效目标表"],
        [],
        ["填报单位：某某局", None, None, None, None, None, None, None, "金额单位：万元"],
        [],
        [
            "项目名称",
            "资金合计",
            "一般公共预算",
            "政府性基金",
            "专户资金",
            "其他资金",
            "一级指标",
            "三级指标",
            "指标值",
            "指标描述",
        ],
        ["某某局"],
        ["项目甲", "1,000.50", "１０００.５０", None, None, "0万元", " 产出 ", "数量", "≥6个", "说明"],
        [None, None, None, None, None, None, "效益", "b", "c", "d"],
        [],
        [None, None, None, None, None, None, "满意度", "x", "≥90%", "y"],
        ["项目乙", 20, 20.5, None, None, None, "产出指标", "n", 5, "d"],
        ["备注：", "1、说明"],
        ["2、更多"],
        ["主要领导（签字）：", "张三", None, "经办人：李四", None, "联系电话："],
        ["13800000000"],
    ]
    path = _workbook(tmp_path / "wps.xlsx", {"Sheet1": (rows, [])})
    document = xlsx_import.read(path)
    assert document.title == "2021年部门预算项目绩效目标表"
    assert document.department == "某某局"
    assert document.money_unit == "万元"
    assert not document.has_level2
    (unit,) = document.units
    assert unit.name == "某某局"
    first, second = unit.projects
    assert first.name == "项目甲"
    assert first.funds.total == Decimal("1000.50") and first.funds.general_budget == Decimal("1000.50")
    assert first.funds.other == Decimal(0) and first.funds.gov_fund is None
    assert [i.level1 for i in first.indicators] == ["产出", "效益", "满意度"]  # as typed; the rules normalise
    assert second.funds.general_budget == Decimal("20.5") and second.funds.total == Decimal(20)
    assert second.indicators[0].value == "5"
    assert document.notes == "1、说明\n2、更多"
    assert document.signatures.model_dump() == {"leader": "张三", "handler": "李四", "phone": "13800000000"}


def test_merged_cells_offset_columns_and_filled_down_level1(tmp_path: Path) -> None:
    # Header on rows 4-5, the table in columns B-K (A holds a 序号), 一级指标 merged down.
    rows: list[Row] = [
        ["2022年绩效目标表"],
        ["填报部门（盖章）：某某局    单位：万元"],
        [],
        ["序号", *HEADER],
        [None, *SUBHEADER],
        [None, "某某局"],
        [1, "项目甲", 30, 30, None, None, None, "产出指标", "a", "1个", "x"],
        [None, None, None, None, None, None, None, None, "b", "2个", "y"],
        [None, None, None, None, None, None, None, "效益指标", "c", "好", "z"],
        [2, "只有名称"],
        [None, "某某局下属单位"],
        [3, "项目乙", None, None, None, None, None, "产出指标", "d", "3个", "w"],
        [None, "项目实施单位及项目名称", None, None, None, None, None, "一级指标", "明细指标", "指标值", "指标描述"],
        [None, None, None, None, None, None, None, "产出指标", "e", "4个", "v"],
        [None, "备注：无"],
    ]
    merges = ["B6:K6", "B7:B9", "C7:C9", "D7:D9", "H7:H8", "B11:K11", "B12:B14"]
    path = _workbook(tmp_path / "merged.xlsx", {"表": (rows, merges)})
    document = xlsx_import.read(path)
    assert (document.title, document.department, document.money_unit) == ("2022年绩效目标表", "某某局", "万元")
    assert [u.name for u in document.units] == ["某某局", "某某局下属单位"]
    first, name_only = document.units[0].projects
    assert [i.level1 for i in first.indicators] == ["产出指标", "产出指标", "效益指标"]
    assert [i.name for i in first.indicators] == ["a", "b", "c"]
    assert first.funds.total == Decimal(30)
    # Unit rows are merged across in this workbook, so a lone name is a project still being filled in.
    assert name_only.name == "只有名称" and not name_only.indicators
    (second,) = document.units[1].projects
    assert [i.name for i in second.indicators] == ["d", "e"]  # the repeated header row is skipped
    assert document.notes == "无"


def test_sheet_choice(tmp_path: Path, seed: Document) -> None:
    exported = tmp_path / "seed.xlsx"
    xlsx_export.write(seed, exported)
    table = openpyxl.load_workbook(exported).active
    assert table is not None
    rows = [[cell.value for cell in row] for row in table.iter_rows()]
    other = [list(row) for row in rows]
    other[6][0] = "另一个项目"
    path = _workbook(
        tmp_path / "sheets.xlsx",
        {"说明": ([["填表说明"], ["请按要求填写"]], []), "绩效目标": (rows, []), "副本": (other, [])},
    )
    notices: list[str] = []
    assert xlsx_import.read(path, notices=notices.append).units[0].projects[0].name == "财政系统联网监督系统"
    assert notices == ["读取了工作表“绩效目标”（绩效目标汇总表）；另有 1 张表也是表格：“副本”（用 --sheet 选择）"]
    notices.clear()
    assert xlsx_import.read(path, sheet="副本", notices=notices.append).units[0].projects[0].name == "另一个项目"
    assert notices == []  # the sheet was chosen: nothing to say
    forms = xlsx_import.workbook_forms(path)
    assert [(f.name, f.kind.value, f.label) for f in forms] == [
        ("说明", "none", "填表说明 / 请按要求填写"),
        ("绩效目标", "summary_table", "2020年区级部门预算项目绩效目标汇总表"),
        ("副本", "summary_table", "2020年区级部门预算项目绩效目标汇总表"),
    ]
    assert [f.kind_text for f in forms if f.kind.is_target] == ["绩效目标汇总表"] * 2
    with pytest.raises(InputError, match="“说明”、“绩效目标”、“副本”"):
        xlsx_import.read(path, sheet="没有")
    with pytest.raises(InputError, match="填表说明 / 请按要求填写"):
        xlsx_import.read(path, sheet="说明")


def test_bad_amount_names_the_cell(tmp_path: Path) -> None:
    rows: list[Row] = [HEADER, SUBHEADER, ["单位"], ["项目", "十万", None, None, None, None, "产出指标", "a", "b", "c"]]
    path = _workbook(tmp_path / "bad.xlsx", {"S": (rows, [])})
    with pytest.raises(InputError, match=r"B4.*十万"):
        xlsx_import.read(path)


@pytest.mark.parametrize("mark", ["-", "－", "—", "/"])
def test_a_dash_or_slash_typed_into_a_fund_is_no_amount(tmp_path: Path, mark: str) -> None:
    """A whole table was refused ("应为金额，实际为“-”") for what people type into an empty fund."""
    rows: list[Row] = [HEADER, SUBHEADER, ["单位"], ["项目", 10, 10, mark, mark, mark, "产出指标", "a", "b", "c"]]
    document = xlsx_import.read(_workbook(tmp_path / "dash.xlsx", {"S": (rows, [])}))
    funds = document.units[0].projects[0].funds
    assert funds.general_budget == Decimal(10) and funds.gov_fund is None and funds.other is None


def test_empty_table_is_an_empty_document(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "template.xlsx", {"S": ([["标题"], HEADER, SUBHEADER], [])})
    document = xlsx_import.read(path)
    assert document.title == "标题" and document.units == []


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
@pytest.mark.parametrize("suffix", ["xls", "ods"])
def test_xls_and_ods_written_by_libreoffice(seed: Document, tmp_path: Path, suffix: str) -> None:
    exported = tmp_path / "seed.xlsx"
    xlsx_export.write(seed, exported)
    env = dict(os.environ, HOME=str(tmp_path / "home"))
    subprocess.run(
        ["soffice", "--headless", "--norestore", "--convert-to", suffix, "--outdir", str(tmp_path), str(exported)],
        check=True,
        capture_output=True,
        env=env,
        timeout=120,
    )
    back = xlsx_import.read(tmp_path / f"seed.{suffix}")
    assert native.dumps(back) == native.dumps(seed)


# --- bad input: one clear line on stderr, exit 2 ------------------------------------------------
def _encrypted_ole(path: Path) -> Path:
    """The shape of an encrypted .xlsx: an OLE compound file with EncryptionInfo and EncryptedPackage.

    (A real one needs Excel or msoffcrypto; the detector looks for exactly these parts.)
    """
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 16 + b"\x3e\x00\x03\x00\xfe\xff\x09\x00"
    header = header.ljust(512, b"\x00")
    entries = b""
    for name in ("Root Entry", "EncryptionInfo", "EncryptedPackage"):
        encoded = (name + "\x00").encode("utf-16-le")
        entries += encoded.ljust(64, b"\x00") + len(encoded).to_bytes(2, "little") + b"\x02".ljust(62, b"\x00")
    path.write_bytes(header + entries.ljust(512, b"\x00") + os.urandom(2048))
    return path


def _bad_inputs(tmp_path: Path, seed: Document) -> dict[str, tuple[Path, list[str], str]]:
    good = tmp_path / "good.xlsx"
    xlsx_export.write(seed, good)
    data = good.read_bytes()
    truncated = tmp_path / "truncated.xlsx"
    truncated.write_bytes(data[: len(data) // 2])
    not_zip = tmp_path / "notes.xlsx"
    not_zip.write_text("项目\t金额\n", encoding="utf-8")
    html = tmp_path / "export.xls"
    html.write_text("<html><body><table><tr><td>1</td></tr></table></body></html>", encoding="utf-8")
    empty_file = tmp_path / "zero.xlsx"
    empty_file.write_bytes(b"")
    empty_book = _workbook(tmp_path / "empty.xlsx", {"Sheet1": ([], [])})
    unrelated = _workbook(tmp_path / "people.xlsx", {"名单": ([["姓名", "年龄"], ["张三", 30]], [])})
    docx = tmp_path / "document.xlsx"
    import zipfile

    with zipfile.ZipFile(docx, "w") as archive:
        archive.writestr("word/document.xml", "<w/>")
    return {
        "truncated": (truncated, [], "truncated"),
        "not a zip": (not_zip, [], "found a text file"),
        "html": (html, [], "found an HTML page"),
        "zero bytes": (empty_file, [], "is empty"),
        "password": (_encrypted_ole(tmp_path / "secret.xlsx"), [], "password-protected"),
        "empty workbook": (empty_book, [], "holds no data"),
        "unrelated": (
            unrelated,
            [],
            "expected a header row with 一级指标 / 明细指标 / 指标值 / 指标描述, found: 姓名 | 年龄",
        ),
        "zip, not a workbook": (docx, [], "a zip archive with no workbook"),
        "unknown sheet": (good, ["--sheet", "Sheet9"], "has no sheet named 'Sheet9'"),
    }


CASES = [
    "truncated",
    "not a zip",
    "html",
    "zero bytes",
    "password",
    "empty workbook",
    "unrelated",
    "zip, not a workbook",
    "unknown sheet",
]


@pytest.mark.parametrize("case", CASES)
def test_bad_input_gives_one_line_and_exit_2(case: str, tmp_path: Path, seed: Document) -> None:
    source, extra, expected = _bad_inputs(tmp_path, seed)[case]
    target = tmp_path / "out.json"
    result = subprocess.run(
        [sys.executable, "-m", "goaltui", "convert", str(source), str(target), "--lang", "en", *extra],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert str(source) in lines[0]
    assert expected in lines[0]
    assert "Traceback" not in result.stderr
    assert not target.exists()


def test_bad_input_in_chinese(tmp_path: Path, seed: Document) -> None:
    source, _extra, _expected = _bad_inputs(tmp_path, seed)["unrelated"]
    with pytest.raises(InputError) as caught:
        xlsx_import.read(source)
    assert "应有一行包含 一级指标 / 明细指标 / 指标值 / 指标描述 的表头" in str(caught.value)
    assert "姓名 | 年龄" in str(caught.value)


# --- anything at all: a Document or one InputError, never a crash ---------------------------------
_WORDS = [
    "一级指标",
    "明细指标",
    "三级指标",
    "二级指标",
    "指标值",
    "指标描述",
    "合计",
    "一般公共预算",
    "项目名称",
    "备注：",
    "联系电话：",
    "经办人（签字）：",
    "填报部门（盖章）",
    "单位：万元",
    "产出指标",
    "1,000.50",
    "１０",
    "abc",
    "=1+1",
    "",
]


@st.composite
def _grids(draw: st.DrawFn) -> tuple[list[list[object]], list[str]]:
    height = draw(st.integers(1, 10))
    width = draw(st.integers(1, 11))
    cell = st.one_of(
        st.none(),
        st.sampled_from(_WORDS),
        st.integers(-5, 10**6),
        st.floats(allow_nan=False, allow_infinity=False, width=32),
        st.booleans(),
        st.text(max_size=5).map(lambda s: "".join(c for c in s if c.isprintable())),
    )
    rows = [[draw(cell) for _ in range(width)] for _ in range(height)]
    taken: set[tuple[int, int]] = set()
    merges = []
    for _ in range(draw(st.integers(0, 4))):
        r0, c0 = draw(st.integers(1, height)), draw(st.integers(1, width))
        r1, c1 = draw(st.integers(r0, height)), draw(st.integers(c0, width))
        area = {(r, c) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)}
        if len(area) > 1 and not area & taken:
            taken |= area
            merges.append(f"{layout.get_column_letter(c0)}{r0}:{layout.get_column_letter(c1)}{r1}")
    return rows, merges


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(grid=_grids())
def test_any_sheet_reads_or_fails_with_one_clear_line(
    tmp_path: Path, grid: tuple[list[list[object]], list[str]]
) -> None:
    rows, merges = grid
    path = _workbook(tmp_path / "any.xlsx", {"S": (rows, merges)})
    try:
        document = xlsx_import.read(path)
    except InputError as error:
        message = str(error)
        assert "\n" not in message and str(path) in message
    else:
        assert isinstance(document, Document)
