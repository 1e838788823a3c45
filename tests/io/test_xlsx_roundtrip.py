"""json → xlsx → json is identity for every document the official layout can express."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from goaltui.io import native, xlsx_export, xlsx_import
from goaltui.io.formats import read_document, write_document
from goaltui.model import Document, Indicator, Project
from tests.strategies import AWKWARD, CELL_TEXT, CJK, TEXT, documents

# Text the spreadsheet path must carry unchanged: everything TEXT holds (CJK, =1+1, |,
# [red], …) and control characters, which are stored as Excel's _xHHHH_ escapes. The one
# restriction is edge whitespace: the importer strips every cell on purpose (workbooks
# people make are full of stray spaces), so the text is drawn already stripped.
CONTROL = st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x3F), min_size=1, max_size=8)
SHEET_TEXT = st.one_of(TEXT, CONTROL, AWKWARD, CJK, CELL_TEXT).map(str.strip)


def _blank(indicator: Indicator) -> bool:
    return not any((indicator.level1, indicator.level2, indicator.name, indicator.value, indicator.description))


def _expressible(document: Document) -> Document:
    """Drop what no spreadsheet row can tell apart from padding.

    * An indicator with all fields empty is a blank row, and blank rows are skipped on
      import (people leave them in their workbooks).
    * A project with no name, no amounts and fewer than two indicators has nothing
      that starts a new project: its row reads as a blank row or as one more indicator of
      the project above (unmerged workbooks leave the name empty under the first row).
      With two or more rows its merged name cell marks it, so it is kept.
    """
    for unit in document.units:
        for project in unit.projects:
            project.indicators = [i for i in project.indicators if not _blank(i)]
        unit.projects = [p for p in unit.projects if p.name or not p.funds.is_empty() or len(p.indicators) >= 2]
    return document


def _same(a: Document, b: Document) -> None:
    # model_dump compares amounts as numbers: 10.00 is written and read back as 10.
    assert a.model_dump() == b.model_dump()


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(documents(text=SHEET_TEXT).map(_expressible))
def test_json_xlsx_json_is_identity(tmp_path: Path, document: Document) -> None:
    json_path = tmp_path / "in.json"
    native.write(document, json_path)
    loaded = native.read(json_path)
    xlsx = tmp_path / "out.xlsx"
    xlsx.unlink(missing_ok=True)
    write_document(loaded, xlsx)
    back = read_document(xlsx)
    _same(document, back)


def test_seed_round_trip_is_byte_identical(seed: Document, tmp_path: Path) -> None:
    seed.expected_project_count = 9
    xlsx_export.write(seed, tmp_path / "seed.xlsx")
    back = xlsx_import.read(tmp_path / "seed.xlsx")
    assert native.dumps(back) == native.dumps(seed)


def test_three_level_form_round_trip(seed: Document, tmp_path: Path) -> None:
    seed.has_level2 = True
    for number, (_unit, project) in enumerate(seed.projects()):
        for indicator in project.indicators:
            indicator.level2 = f"数量指标{number}"
    xlsx_export.write(seed, tmp_path / "three.xlsx")
    back = xlsx_import.read(tmp_path / "three.xlsx")
    assert back.has_level2
    assert native.dumps(back) == native.dumps(seed)


def test_control_characters_and_escapes_survive(tmp_path: Path) -> None:
    texts = ["a\rb", "x\x01y", "_x0041_", "_x005F_", "tab\there", "两行\n文字", "\ufffe"]
    document = Document(title="t", has_level2=False)
    from goaltui.model import Unit

    document.units.append(
        Unit(name="u", projects=[Project(name=text, indicators=[Indicator(name=text, value="1")]) for text in texts])
    )
    xlsx_export.write(document, tmp_path / "esc.xlsx")
    back = xlsx_import.read(tmp_path / "esc.xlsx")
    assert [p.name for p in back.units[0].projects] == texts
    assert [p.indicators[0].name for p in back.units[0].projects] == texts


def test_edge_cases_of_the_layout(tmp_path: Path) -> None:
    from decimal import Decimal

    from goaltui.model import Funds, Unit

    document = Document(
        title="",
        department="：冒号开头",
        notes="：也以冒号开头",
        units=[
            Unit(name="", projects=[Project(name="只有名称")]),
            Unit(name="空单位"),
            Unit(
                name="单位",
                projects=[
                    Project(name="", funds=Funds(total=Decimal("0.000001"))),
                    Project(name="", indicators=[Indicator(level1="产出"), Indicator(value="=1+1")]),
                    Project(name="负数", funds=Funds(total=Decimal("-5.5"), other=Decimal("12345678.12"))),
                ],
            ),
        ],
    )
    document.signatures.leader = "：x"
    xlsx_export.write(document, tmp_path / "edge.xlsx")
    _same(document, xlsx_import.read(tmp_path / "edge.xlsx"))
