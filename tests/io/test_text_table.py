from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from goaltui.errors import InputError
from goaltui.io import text_table
from goaltui.model import Document, Funds, Indicator, Project, Unit

HEADER = "项目实施单位及项目名称\t资金安排\t\t\t\t\t一级指标\t明细指标\t指标值\t指标描述\n"
HEADER2 = "\t合计\t一般公共预算\t政府性基金\t专户资金\t其他资金\t\t\t\t\n"


def _tsv(*rows: str) -> str:
    return "".join(row + "\n" for row in rows)


# --- the seed, read exactly --------------------------------------------------


def test_seed_counts(seed: Document) -> None:
    assert len(seed.units) == 1
    assert seed.project_count() == 9
    assert seed.indicator_count() == 54


def test_seed_header_and_footer(seed: Document) -> None:
    assert seed.title == "2020年区级部门预算项目绩效目标汇总表"  # the "## " is gone
    assert seed.year == 2020
    assert seed.department == "绍兴市柯桥区人民代表大会常务委员会办公室"  # the 填报部门（盖章） prefix is gone
    assert seed.money_unit == "万元"
    assert seed.units[0].name == "区人大办"
    assert seed.signatures.leader == "周维"
    assert seed.signatures.handler == "李怡"
    assert seed.signatures.phone == "84119169"  # on its own line after 联系电话：
    assert seed.notes.startswith("1、本表填写2020年局本级")
    assert seed.notes.endswith("5、行数不够请自行添加。")
    assert not seed.has_level2


def test_seed_funds(seed: Document) -> None:
    totals = seed.fund_totals()
    assert totals["total"] == Decimal("564.2")
    assert totals["general_budget"] == Decimal("564.2")
    for _unit, project in seed.projects():
        funds = project.funds
        assert funds.total == funds.general_budget
        assert funds.gov_fund is None and funds.special_account is None and funds.other is None


def _project(document: Document, name: str):  # type: ignore[no-untyped-def]
    return next(p for _u, p in document.projects() if p.name == name)


def test_seed_project_after_the_page_break(seed: Document) -> None:
    # After the page break every row has one fewer empty fund column.
    project = _project(seed, "区人大一届四次会议经费")
    assert project.funds.total == Decimal(200)
    assert project.funds.general_budget == Decimal(200)
    assert len(project.indicators) == 6
    first = project.indicators[0]
    assert (first.level1, first.name, first.value, first.description) == (
        "产出指标",
        "单位成本",
        "550元/天",
        "反映人均日均成本控制情况",
    )


def test_seed_row_across_the_blank_line_stays_with_its_project(seed: Document) -> None:
    project = _project(seed, "区代表工作经费")
    assert [i.name for i in project.indicators][-1] == "保障人大代表工作开展"
    assert len(project.indicators) == 5
    assert project.funds.total == Decimal("97.2")


def test_seed_indicator_counts_per_project(seed: Document) -> None:
    counts = {p.name: len(p.indicators) for _u, p in seed.projects()}
    assert counts["区人大刊物/信息专项"] == 10
    assert counts["财政系统联网监督系统"] == 5
    assert sum(counts.values()) == 54


def test_seed_values_are_kept_as_typed(seed: Document) -> None:
    values = [i.value for _u, p in seed.projects() for i in p.indicators]
    assert "≤上期会议经费" in values
    assert "广播、电视、报纸、网" in values
    assert "控制在10%内" in values


# --- plain TSV as copied from Excel/WPS ---------------------------------------

ROWS = (
    "单位甲\t\t\t\t\t\t\t\t\t",
    "项目一\t12.5\t10\t2.5\t\t\t产出指标\t参加人数\t≥100人\t参加人数",
    "\t\t\t\t\t\t效益指标\t满意度\t≥90%\t满意度调查",
)


@pytest.mark.parametrize("header", ["", HEADER, HEADER + HEADER2])
def test_plain_tsv_with_or_without_header_rows(header: str) -> None:
    document = text_table.loads(header + _tsv(*ROWS), "copy.tsv")
    assert [u.name for u in document.units] == ["单位甲"]
    project = document.units[0].projects[0]
    assert project.name == "项目一"
    assert project.funds.total == Decimal("12.5")
    assert project.funds.gov_fund == Decimal("2.5")
    assert [i.name for i in project.indicators] == ["参加人数", "满意度"]


def test_tsv_without_unit_rows_gets_an_unnamed_unit() -> None:
    document = text_table.loads(_tsv(*ROWS[1:]), "copy.tsv")
    assert len(document.units) == 1
    assert document.units[0].name == ""
    assert document.project_count() == 1


def test_excel_quoted_cells_with_line_breaks_and_tabs() -> None:
    text = '项目一\t10\t10\t\t\t\t产出指标\t"多行\n指标"\t"≥1\t个"\t"说""明"""\n'
    document = text_table.loads(text, "copy.tsv")
    indicator = document.units[0].projects[0].indicators[0]
    assert indicator.name == "多行\n指标"
    assert indicator.value == "≥1\t个"
    assert indicator.description == '说"明"'


def test_short_level1_forms_anchor_the_row_and_are_kept_as_typed() -> None:
    document = text_table.loads(_tsv("项目一\t10\t10\t\t\t\t产出\t人数\t5人\t人数"), "x.tsv")
    assert document.units[0].projects[0].indicators[0].level1 == "产出"


def test_half_filled_row_is_read_by_position() -> None:
    # 一级指标 is empty, so it cannot anchor the row: a full-width row is taken by position.
    document = text_table.loads(_tsv("项目一\t10\t10\t\t\t\t\t人数\t\t"), "x.tsv")
    indicator = document.units[0].projects[0].indicators[0]
    assert (indicator.level1, indicator.name, indicator.value) == ("", "人数", "")


def test_project_without_indicators() -> None:
    document = text_table.loads(_tsv("单位甲\t\t\t\t\t\t\t\t\t", "项目一\t10\t10\t\t\t\t\t\t\t"), "x.tsv")
    project = document.units[0].projects[0]
    assert project.name == "项目一" and project.indicators == []


def test_three_level_header_sets_has_level2() -> None:
    header = "项目实施单位及项目名称\t合计\t一般公共预算\t政府性基金\t专户资金\t其他资金\t一级指标\t二级指标\t明细指标\t指标值\t指标描述\n"
    rows = _tsv("项目一\t10\t10\t\t\t\t产出指标\t数量指标\t人数\t5人\t人数")
    document = text_table.loads(header + rows, "x.tsv")
    assert document.has_level2
    indicator = document.units[0].projects[0].indicators[0]
    assert (indicator.level2, indicator.name, indicator.value) == ("数量指标", "人数", "5人")


def test_signatures_on_one_line() -> None:
    text = _tsv(*ROWS, "部门主要领导（签字）：王五\t经办人（签字）：赵六\t联系电话：0575-84119169")
    signatures = text_table.loads(text, "x.tsv").signatures
    assert (signatures.leader, signatures.handler, signatures.phone) == ("王五", "赵六", "0575-84119169")


def test_multi_line_notes() -> None:
    text = _tsv(*ROWS, "备注：1、第一条", "2、第二条", "部门主要领导（签字）：王五")
    document = text_table.loads(text, "x.tsv")
    assert document.notes == "1、第一条\n2、第二条"
    assert document.signatures.leader == "王五"


def test_gb18030_file(tmp_path: Path) -> None:
    path = tmp_path / "gbk.tsv"
    path.write_bytes(_tsv(*ROWS).encode("gb18030"))
    assert text_table.read(path).units[0].projects[0].name == "项目一"


def test_crlf_line_endings() -> None:
    document = text_table.loads(_tsv(*ROWS).replace("\n", "\r\n"), "x.tsv")
    assert document.units[0].projects[0].indicators[-1].description == "满意度调查"


@pytest.mark.parametrize(
    ("cell", "expected"),
    [("1,000.50", Decimal("1000.50")), ("１０００", Decimal("1000")), ("12万元", Decimal("12")), (" 7 ", Decimal("7"))],
)
def test_amounts_are_normalised(cell: str, expected: Decimal) -> None:
    document = text_table.loads(_tsv(f"项目一\t{cell}\t\t\t\t\t产出指标\t人数\t5人\t人数"), "x.tsv")
    assert document.units[0].projects[0].funds.total == expected


# --- bad input: one clear message -------------------------------------------------


def _error(text: str) -> str:
    with pytest.raises(InputError) as info:
        text_table.loads(text, "bad.tsv")
    return str(info.value)


def test_amount_that_is_not_a_number_names_line_and_cell() -> None:
    message = _error(_tsv(ROWS[0], "项目一\t十万\t10\t\t\t\t产出指标\t人数\t5人\t人数"))
    assert "bad.tsv" in message and "第 2 行" in message and "第 2 列" in message and "合计" in message
    assert "十万" in message


@pytest.mark.parametrize("mark", ["-", "－", "—", "/", " - "])
def test_a_dash_or_slash_in_a_fund_is_no_amount(mark: str) -> None:
    """How people fill a fund they have none of (and how goaltui shows an empty one: －)."""
    document = text_table.loads(_tsv(ROWS[0], f"项目一\t10\t10\t{mark}\t{mark}\t{mark}\t产出指标\t人数\t5人\t人数"), "d.tsv")
    funds = document.units[0].projects[0].funds
    assert (funds.total, funds.general_budget) == (Decimal(10), Decimal(10))
    assert funds.gov_fund is None and funds.special_account is None and funds.other is None


def test_a_dash_with_a_number_is_still_not_an_amount() -> None:
    assert "-/-" in _error(_tsv(ROWS[0], "项目一\t10\t-/-\t\t\t\t产出指标\t人数\t5人\t人数"))


def test_stray_column_is_reported() -> None:
    message = _error(_tsv("项目一\t10\t10\t\t\t\t产出指标\t人数\t5人\t人数\t多余"))
    assert "第 1 行" in message and "多余" in message and "多出一列" in message


def test_stray_column_before_the_indicator() -> None:
    message = _error(_tsv("项目一\t10\t10\t\t\t\t多余\t产出指标\t人数\t5人\t人数"))
    assert "多余" in message


def test_amounts_without_a_project_name() -> None:
    message = _error(_tsv(ROWS[0], "\t10\t10\t\t\t\t产出指标\t人数\t5人\t人数"))
    assert "第 2 行" in message


def test_indicator_without_project() -> None:
    message = _error(_tsv("单位甲\t\t\t\t\t\t\t\t\t", "\t\t\t\t\t\t产出指标\t人数\t5人\t人数"))
    assert "第 2 行" in message and "没有项目" in message


def test_prose_is_not_a_table() -> None:
    message = _error("这是一封信。\n您好，请查收附件。\n")
    assert "bad.tsv" in message and "第 2 行" in message


def test_only_a_title_has_no_rows() -> None:
    assert "没有找到" in _error("2020年绩效目标表\n")


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    with pytest.raises(InputError, match="空文件"):
        text_table.read(path)


def test_whitespace_only_file(tmp_path: Path) -> None:
    path = tmp_path / "blank.txt"
    path.write_text("\n\t\n  \n", encoding="utf-8")
    with pytest.raises(InputError, match="空文件"):
        text_table.read(path)


@pytest.mark.parametrize(
    "raw", [b"\x89PNG\r\n\x1a\n\x00\x00\x00", b"PK\x03\x04rest-of-a-zip", bytes(range(256)), b"\xd0\xcf\x11\xe0\xa1\xb1"]
)
def test_binary_file(tmp_path: Path, raw: bytes) -> None:
    path = tmp_path / "binary.txt"
    path.write_bytes(raw)
    with pytest.raises(InputError, match=r"二进制|编码"):
        text_table.read(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="无法打开"):
        text_table.read(tmp_path / "nope.txt")


def test_messages_in_english() -> None:
    from goaltui.i18n import set_language

    set_language("en")
    message = _error(_tsv("项目一\tabc\t\t\t\t\t产出指标\t人数\t5人\t人数"))
    assert "line 1, column 2" in message and "not an amount" in message


# --- properties --------------------------------------------------------------------


def _as_tsv(document: Document) -> str:
    """The document as rows copied out of the official workbook (the test's own oracle)."""
    import csv
    import io

    from goaltui.model import FUND_FIELDS
    from goaltui.model.amounts import format_amount

    width = 11 if document.has_level2 else 10
    out = io.StringIO()
    out.write(HEADER.replace("一级指标", "一级指标\t二级指标") if document.has_level2 else HEADER)
    writer = csv.writer(out, dialect="excel-tab", lineterminator="\n")  # quotes as Excel does
    for unit in document.units:
        writer.writerow([unit.name] + [""] * (width - 1))
        for project in unit.projects:
            amounts = [format_amount(project.funds.get(f)) for f in FUND_FIELDS]
            for index, ind in enumerate(project.indicators):
                lead = [project.name, *amounts] if index == 0 else [""] * 6
                tail = [ind.level1, ind.level2, ind.name, ind.value, ind.description]
                if not document.has_level2:
                    del tail[1]
                writer.writerow(lead + tail)
    return out.getvalue()


_NAME = st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x4FFF), min_size=1, max_size=8)
_CELL = st.one_of(
    _NAME, st.sampled_from(["≥92%", "1-5条", "=1+1", "[red]", "a|b", "产出指标", "效益", "550元/天", "", "多行\n文字", 'q"uote'])
)


@st.composite
def _tables(draw: st.DrawFn) -> Document:
    has_level2 = draw(st.booleans())
    units = []
    for _ in range(draw(st.integers(1, 3))):
        projects = []
        for _ in range(draw(st.integers(0, 3))):
            rows = [
                Indicator(
                    level1=draw(st.sampled_from(["产出指标", "效益指标", "满意度", "成本指标", ""])),
                    level2=draw(_CELL) if has_level2 else "",
                    name=draw(_CELL),
                    value=draw(_CELL),
                    description=draw(_CELL),
                )
                for _ in range(draw(st.integers(1, 4)))
            ]
            # A wholly blank indicator row is padding to both readers (a workbook cannot tell them
            # apart): the round trip is exact for rows with something in them.
            rows = [row for row in rows if any((row.level1, row.level2, row.name, row.value, row.description))]
            if not rows:
                rows = [Indicator(level1="产出指标", name=draw(_NAME))]
            funds = Funds(total=draw(st.one_of(st.none(), st.decimals(0, 10**6, places=2))), general_budget=draw(st.one_of(st.none(), st.decimals(0, 10**6, places=1))))
            projects.append(Project(name=draw(_NAME), funds=funds, indicators=rows))
        units.append(Unit(name=draw(_NAME), projects=projects))
    return Document(has_level2=has_level2, units=units)


@settings(max_examples=100, suppress_health_check=[HealthCheck.too_slow])
@given(_tables())
def test_tsv_copied_from_a_workbook_reads_back_exactly(document: Document) -> None:
    again = text_table.loads(_as_tsv(document), "copy.tsv")
    assert again.model_dump() == document.model_dump()


@settings(max_examples=300)
@given(st.text(alphabet=st.sampled_from(list("\t\n\r 产出指标效益项目甲10.5,万元备注：联系电话领导（签字）\"#年表")), max_size=200))
def test_any_text_either_parses_or_gives_a_clear_input_error(text: str) -> None:
    try:
        text_table.loads(text, "fuzz.tsv")
    except InputError as exc:
        assert "fuzz.tsv" in str(exc)
        assert "\n" not in str(exc).split("：", 1)[0]


# --- the clipboard's side: rows of cells written as Excel copies them, read back ---------------------------

_ANY_CELL = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\r"), max_size=12)


@settings(max_examples=300)
@given(st.lists(st.lists(_ANY_CELL, min_size=1, max_size=6), min_size=1, max_size=6))
def test_cells_written_as_excel_copies_them_read_back_exactly(rows: list[list[str]]) -> None:
    assert text_table.split_cells(text_table.format_cells(rows)) == rows


@given(st.lists(st.lists(st.text(max_size=8), min_size=1, max_size=4), min_size=1, max_size=4))
def test_line_breaks_in_cells_read_back_as_newlines(rows: list[list[str]]) -> None:
    """Excel keeps a line break in a cell as LF; CR LF and a lone CR (a terminal's paste) read as LF too."""
    expected = [[cell.replace("\r\n", "\n").replace("\r", "\n") for cell in row] for row in rows]
    assert text_table.split_cells(text_table.format_cells(rows)) == expected


def test_excel_quoting_is_what_excel_writes() -> None:
    text = text_table.format_cells([["a\tb", 'say "hi"', "two\nlines", "plain"], [""]])
    assert text == '"a\tb"\t"say ""hi"""\t"two\nlines"\tplain\n""\n'


def test_a_terminal_paste_with_cr_line_ends_splits_into_rows() -> None:
    # tmux and most terminals send a paste's line breaks as CR
    assert text_table.split_cells("产出指标\tA\r效益指标\tB\r") == [["产出指标", "A"], ["效益指标", "B"]]
    assert text_table.split_cells("x\r\ny\r\n") == [["x"], ["y"]]


def test_rows_of_a_table_read_without_a_header() -> None:
    text = "项目甲\t10\t10\t\t\t\t产出指标\t人数\t≥5人\t参加人数\n\t\t\t\t\t\t效益指标\t效果\t是\t说明\n"
    document = text_table.loads(text, "粘贴的内容", rows_of=False)
    (project,) = [p for _u, p in document.projects()]
    assert project.name == "项目甲" and project.funds.total == Decimal(10)
    assert [row.name for row in project.indicators] == ["人数", "效果"]
    with pytest.raises(InputError, match="粘贴的内容 第 1 行"):  # line numbers are the text's own
        text_table.loads("甲\tx\n", "粘贴的内容", rows_of=False)


def _padded(*rows: str, width: int = 10) -> str:
    """Rows as Excel's "Text (Tab delimited)" saves a sheet: every row as wide as the sheet, CRLF."""
    return "".join("\t".join((row.split("\t") + [""] * width)[:width]) + "\r\n" for row in rows)


def test_the_lines_above_the_header_saved_by_excel_are_title_department_and_unit() -> None:
    """Excel writes the title row as the title and nine empty cells: it is the title, not a unit."""
    text = _padded(
        "2021年区级部门预算项目绩效目标汇总表",
        "填报部门（盖章）绍兴市柯桥区某局",
        "单位：万元",
        HEADER.rstrip("\n"),
        HEADER2.rstrip("\n"),
        *ROWS,
        "部门主要领导（签字）：张三",
    )
    document = text_table.loads(text, "excel.txt")
    assert document.title == "2021年区级部门预算项目绩效目标汇总表" and document.year == 2021
    assert document.department == "绍兴市柯桥区某局"
    assert document.money_unit == "万元"
    assert [u.name for u in document.units] == ["单位甲"]
    assert document.signatures.leader == "张三"


def test_department_and_unit_on_one_row_above_the_header() -> None:
    text = _padded("某某汇总表", "填报部门（盖章）某局\t\t\t\t\t\t\t\t单位：元", HEADER.rstrip("\n"), *ROWS)
    document = text_table.loads(text, "excel.txt")
    assert (document.title, document.department, document.money_unit) == ("某某汇总表", "某局", "元")
    assert [u.name for u in document.units] == ["单位甲"]


def test_the_official_workbook_saved_as_gbk_text_by_excel_reads_back(seed: Document, tmp_path: Path) -> None:
    """The round trip a department does: goaltui's workbook, opened in Excel, 另存为 文本文件(制表符分隔)
    (GBK on a Chinese Windows, every row as wide as the sheet, CRLF)."""
    from python_calamine import CalamineWorkbook

    from goaltui.io.formats import write_document

    workbook = tmp_path / "official.xlsx"
    write_document(seed, workbook)

    def shown(value: object) -> str:
        return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)

    sheet = CalamineWorkbook.from_path(str(workbook)).get_sheet_by_index(0).to_python()
    text = text_table.format_cells([[shown(cell) for cell in row] for row in sheet]).replace("\n", "\r\n")
    saved = tmp_path / "另存为.txt"
    saved.write_bytes(text.encode("gbk"))
    again = text_table.read(saved)
    assert again.model_dump() == seed.model_dump()
