"""One description per editable field: what it reads, what it shows, what stores it."""

from __future__ import annotations

from decimal import Decimal

import pytest

from goaltui.model import Document
from goaltui.model.commands import SetFund, SetIndicatorField, SetProjectName
from goaltui.session import INDICATOR_FIELDS, PROJECT_FIELDS, EditorKind, FieldError, FieldRef
from goaltui.session.fields import grid_fields


def test_the_table_of_fields() -> None:
    assert grid_fields(False) == ("level1", "name", "value", "description")
    assert grid_fields(True) == ("level1", "level2", "name", "value", "description")
    assert INDICATOR_FIELDS["description"].editor is EditorKind.LONG
    assert INDICATOR_FIELDS["level1"].editor is EditorKind.PICK and "产出指标" in INDICATOR_FIELDS["level1"].choices
    assert list(PROJECT_FIELDS) == ["name", "total", "general_budget", "gov_fund", "special_account", "other"]
    assert PROJECT_FIELDS["name"].label == "项目名称"


def test_refs_read_and_store(seed: Document) -> None:
    project = seed.units[0].projects[0]
    cell = FieldRef.cell(project, 1, "value")
    assert cell.text(seed) == "5年" and cell.row(seed) == 1
    assert isinstance(cell.command("6年"), SetIndicatorField)
    total = FieldRef.panel(project, "total")
    assert total.text(seed) == "10" and total.row(seed) is None
    command = total.command("1,000.50万元")
    assert isinstance(command, SetFund) and command.value == Decimal("1000.50")
    assert total.command("").value is None  # type: ignore[attr-defined]
    assert isinstance(FieldRef.panel(project, "name").command("新"), SetProjectName)
    with pytest.raises(FieldError, match="不是金额"):
        total.command("十万")


def test_a_ref_follows_its_row_and_knows_when_it_is_gone(seed: Document) -> None:
    project = seed.units[0].projects[0]
    cell = FieldRef.cell(project, 3, "name")
    project.indicators.insert(0, project.indicators.pop(3))
    assert cell.row(seed) == 0 and cell.text(seed) == "涉及项目数"
    del project.indicators[0]
    assert not cell.exists(seed) and cell.row(seed) is None and cell.text(seed) == ""


def test_a_value_shows_how_it_reads() -> None:
    spec = INDICATOR_FIELDS["value"]
    assert spec.reading("≥6个") is not None and "6" in (spec.reading("≥6个") or "")
    assert spec.reading("  ") is None
    assert INDICATOR_FIELDS["name"].reading("≥6个") is None
