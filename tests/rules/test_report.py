"""render_check: the text and JSON that `goaltui check` prints, and its exit code."""

from __future__ import annotations

import json

import pytest

from goaltui.errors import UsageError
from goaltui.i18n import set_language
from goaltui.rules.report import render_check
from tests.rules.helpers import first_project, good_document


def test_clean_document() -> None:
    text, code = render_check(good_document(), output_format="text", min_indicators=None)
    assert code == 0
    assert text == "没有发现问题\n共 0 个错误，0 个警告，0 条提示"


def test_document_problems_form_one_group_and_names_get_their_labels() -> None:
    document = good_document()
    document.title = "汇总表"
    document.signatures.phone = "1"
    first_project(document).name = ""
    text, code = render_check(document, output_format="text", min_indicators=None)
    assert code == 1
    assert text.count("【整表】") == 1
    lines = text.splitlines()
    assert lines[0] == "【整表】"
    assert lines[1].startswith("  标题  [警告 W-DOC-TITLE-YEAR]")
    assert any(line.startswith("  联系电话  [警告 W-DOC-PHONE]") for line in lines[1:5])
    assert "【区人大办 / 】" in lines
    assert "  项目名称  [错误 E-PROJ-NAME-EMPTY] 项目名称为空" in lines
    assert lines[-1] == "共 1 个错误，2 个警告，0 条提示"


def test_english_text() -> None:
    set_language("en")
    document = good_document()
    first_project(document).indicators[1].value = "2021年2月30日"
    text, code = render_check(document, output_format="text", min_indicators=None)
    assert code == 1
    assert (
        "  row 2 · Target value  [error E-VALUE-INVALID] target value “2021年2月30日” cannot be read: "
        "the date does not exist (month or day out of range)"
    ) in text.splitlines()
    assert text.endswith("errors: 1, warnings: 0, notes: 0")


def test_json_and_minimum() -> None:
    out, code = render_check(good_document(), output_format="json", min_indicators=6)
    report = json.loads(out)
    assert code == 1
    assert (report["errors"], report["warnings"], report["infos"]) == (3, 0, 0)
    assert [p["code"] for p in report["problems"]] == ["E-PROJ-TOO-FEW"] * 3
    assert report["problems"][0]["hint"] == "再补充 1 条，可从数量、质量、时效、成本、效益、满意度等方面考虑"
    out, code = render_check(good_document(), output_format="json", min_indicators=0)
    assert code == 0 and json.loads(out)["problems"] == []


def test_warnings_alone_do_not_fail() -> None:
    document = good_document()
    first_project(document).indicators[0].value = "良好"
    _text, code = render_check(document, output_format="text", min_indicators=None)
    assert code == 0


def test_bad_arguments() -> None:
    with pytest.raises(UsageError):
        render_check(good_document(), output_format="text", min_indicators=-1)
    with pytest.raises(UsageError):
        render_check(good_document(), output_format="xml", min_indicators=None)
