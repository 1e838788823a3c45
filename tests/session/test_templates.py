"""The template library: what ships is sound, a user's file adds to it, a broken one is said and skipped."""

from __future__ import annotations

from pathlib import Path

import pytest

from goaltui.model import Document, Funds, Project, Unit
from goaltui.model.level1 import LEVEL1_VALUES
from goaltui.rules import Severity, validate
from goaltui.session.templates import PLACEHOLDER, fill_pattern, load_library, user_library_path

KINDS = {"会议", "调研/视察", "宣传/信息", "设备购置", "慰问", "培训", "监督/评价", "代表工作"}


@pytest.fixture
def no_user_file(tmp_path: Path) -> Path:
    return tmp_path / "none.toml"


def test_the_shipped_library_has_the_kinds_the_form_needs(no_user_file: Path) -> None:
    library = load_library(no_user_file)
    assert library.problems == ()
    assert {kind.name for kind in library.kinds} >= KINDS
    for kind in library.kinds:
        assert len(kind.templates) >= 5, kind.name  # a whole set makes a project (备注 2)
        assert {t.level1 for t in kind.templates} >= {"产出指标", "效益指标", "满意度指标"}, kind.name
        for template in kind.templates:
            assert template.level1 in LEVEL1_VALUES and template.level2 and template.description
    assert library.kind_for("区人大常委会例会和其他会议") == library.kind("会议")
    assert library.kind_for("老领导（研究会）工作经费") == library.kind("老干部工作")


def test_every_set_filled_in_passes_the_checks(no_user_file: Path) -> None:
    """A project made from a set, its ** replaced by numbers, has no error and no warning."""
    library = load_library(no_user_file)
    for kind in library.kinds:
        rows = [template.indicator(2027) for template in kind.templates]
        for row in rows:
            row.value = row.value.replace(PLACEHOLDER, "5", 1).replace(PLACEHOLDER, "10")
        project = Project(name=kind.name + "项目", funds=Funds(total=10, general_budget=10), indicators=rows)
        document = Document(title="2027年部门预算项目绩效目标汇总表", department="某部门", units=[Unit(name="本级", projects=[project])])
        document.signatures.leader, document.signatures.handler, document.signatures.phone = "甲", "乙", "84119169"
        bad = [p for p in validate(document) if p.severity is not Severity.INFO]
        assert bad == [], (kind.name, [p.message for p in bad])


def test_patterns_fill_the_year_and_mark_the_number(no_user_file: Path) -> None:
    assert fill_pattern("≥{n}人", 2027) == "≥**人"
    assert fill_pattern("{year}年{n}月底前", 2027) == "2027年**月底前"
    assert fill_pattern("{next_year}年{n}月底前", 2027) == "2028年**月底前"
    assert fill_pattern("{year}年", None) == "**年"
    unfilled = Document(units=[Unit(name="u", projects=[Project(name="p", indicators=[t.indicator(2027) for t in load_library(no_user_file).kinds[0].templates])])])
    assert any(p.code == "E-VALUE-INVALID" for p in validate(unfilled))  # ** left in a value is an error


def test_a_users_file_adds_kinds_and_indicators(tmp_path: Path) -> None:
    own = tmp_path / "templates.toml"
    own.write_text(
        """
[[kind]]
name = "会议"
keywords = ["联席会"]
[[kind.indicator]]
level1 = "产出指标"
name = "自定会议指标"
value = "≥{n}场"
description = "说明"

[[kind]]
name = "我的类别"
[[kind.indicator]]
level1 = "效益"
name = "我的指标"
""",
        encoding="utf-8",
    )
    library = load_library(own)
    assert library.problems == ()
    meeting = library.kind("会议")
    assert meeting is not None and meeting.templates[0].name == "自定会议指标" and len(meeting.templates) > 1
    assert library.kind_for("联席会经费") == meeting
    mine = library.kind("我的类别")
    assert mine is not None and mine.templates[0].level1 == "效益"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"[[kind]\nname=", "格式有误"),
        (b"\xff\xfe\x00", "不是 UTF-8"),
        (b"kind = 3", "kind 应为"),
        (b'[[kind]]\nkeywords = ["x"]', "没有名称"),
        ('[[kind]]\nname = "k"\n[[kind.indicator]]\nlevel1 = "其他"\nname = "n"'.encode(), "不是产出/效益/满意度/成本指标"),
        ('[[kind]]\nname = "k"\n[[kind.indicator]]\nlevel1 = "产出指标"\nname = 3'.encode(), "应为文字"),
        ('[[kind]]\nname = "k"\n[[kind.indicator]]\nlevel1 = "产出指标"'.encode(), "没有明细指标"),
    ],
)
def test_a_broken_users_file_is_said_and_the_rest_still_works(tmp_path: Path, content: bytes, message: str) -> None:
    own = tmp_path / "templates.toml"
    own.write_bytes(content)
    library = load_library(own)
    assert len(library.problems) == 1 and message in library.problems[0] and str(own) in library.problems[0]
    assert {kind.name for kind in library.kinds} >= KINDS


def test_a_huge_or_unreadable_users_file_is_not_read(tmp_path: Path) -> None:
    big = tmp_path / "templates.toml"
    big.write_bytes(b"#" * (1024 * 1024 + 1))
    assert "超过" in load_library(big).problems[0]
    folder = tmp_path / "dir.toml"
    folder.mkdir()
    assert load_library(folder).problems == ()  # not a file: as if there were none


def test_the_users_file_is_in_the_config_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    assert user_library_path() == tmp_path / "goaltui" / "templates.toml"
