"""Texts of the official form (预算项目绩效目标汇总表): header cells and footer labels.

Domain constants shared by every reader and writer of the form (text import,
the workbook layout and its import), with tolerant patterns for the labels as
people type them (group 1 of each pattern is the value after the label).
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Final

from goaltui.model import FUND_FIELDS
from goaltui.model.amounts import parse_amount

SHEET_TITLE: Final = "绩效目标表"
HEADER_PROJECT: Final = "项目实施单位及项目名称"
HEADER_FUNDS: Final = "资金安排"
FUND_HEADERS: Final[dict[str, str]] = dict(
    zip(FUND_FIELDS, ("合计", "一般公共预算", "政府性基金", "专户资金", "其他资金"), strict=True)
)
INDICATOR_HEADERS: Final[dict[str, str]] = {
    "level1": "一级指标",
    "level2": "二级指标",
    "name": "明细指标",
    "value": "指标值",
    "description": "指标描述",
}
NAME_HEADER_THREE_LEVEL: Final = "三级指标"
"""明细指标 is called 三级指标 on the three-level forms."""
DEPARTMENT_LABEL: Final = "填报部门（盖章）"
MONEY_UNIT_LABEL: Final = "单位："
NOTES_LABEL: Final = "备注："
LEADER_LABEL: Final = "部门主要领导（签字）："
HANDLER_LABEL: Final = "经办人（签字）："
PHONE_LABEL: Final = "联系电话："
FOOTER_TEXT: Final = "第 &P 页，共 &N 页"
FOOTER_FONT: Final = "宋体,常规"

# Tolerant patterns for the labels as people type them (group 1 is the value).
DEPARTMENT_PATTERN: Final = re.compile(r"^填报(?:部门|单位)\s*(?:[（(]\s*盖章\s*[)）])?\s*[:：]?\s*(.*)$", re.S)
MONEY_UNIT_PATTERN: Final = re.compile(r"^(?:金额)?单位\s*[:：]\s*(.+?)\s*$", re.S)
_SIGNED = r"\s*(?:[（(]\s*签字\s*[)）]\s*[:：]?|[:：]|$)\s*(.*)$"
NOTES_PATTERN: Final = re.compile(r"^备\s*注\s*(?:[:：]|$)\s*(.*)$", re.S)
LEADER_PATTERN: Final = re.compile(r"^(?:部门|单位)?(?:主要领导|主要负责人|负责人)" + _SIGNED, re.S)
HANDLER_PATTERN: Final = re.compile(r"^(?:经办人|填表人)" + _SIGNED, re.S)
PHONE_PATTERN: Final = re.compile(r"^(?:联系)?电话\s*(?:[:：]|$)\s*(.*)$", re.S)
UNIT_AFTER_DEPARTMENT: Final = re.compile(r"\s+(?=(?:金额)?单位\s*[:：])")
"""Where 单位：… starts when it was typed into the 填报部门 cell."""
PROJECT_HEADER_WORD: Final = "项目"
"""A header containing it names the project column, when no known header text does."""
ATTACHMENT_PATTERN: Final = re.compile(r"^附\s*件\s*\d*\s*[:：]?\s*$")

NO_AMOUNT_MARKS: Final = frozenset({"-", "－", "—", "——", "–", "―", "/", "／"})
"""What people type into a fund they have none of (and how goaltui shows an empty one: －)."""


def read_amount(text: str) -> Decimal | None:
    """An amount cell's text as a file holds it: a lone dash or slash is no amount, as an empty cell;
    anything else as :func:`~goaltui.model.amounts.parse_amount` reads it (AmountError when it is not one)."""
    if text.strip() in NO_AMOUNT_MARKS:
        return None
    return parse_amount(text)


# Header texts accepted on import, per field (compared after NFKC and without spaces).
HEADER_ALIASES: Final[dict[str, tuple[str, ...]]] = {
    "project": (HEADER_PROJECT, "项目名称", "项目实施单位", "单位及项目名称", "项目"),
    "total": ("合计", "小计", "资金合计", "总计"),
    "general_budget": ("一般公共预算", "一般公共预算资金", "公共预算"),
    "gov_fund": ("政府性基金", "政府性基金预算", "政府基金"),
    "special_account": ("专户资金", "财政专户", "专户"),
    "other": ("其他资金", "其他"),
    "level1": ("一级指标",),
    "level2": ("二级指标",),
    "name": ("明细指标", NAME_HEADER_THREE_LEVEL, "指标名称", "绩效指标"),
    "value": ("指标值", "目标值", "指标值（目标值）"),
    "description": ("指标描述", "指标说明", "备注说明"),
}

# A new, empty table (goaltui NEW.json): the form's title and 备注, for the coming budget year.
NEW_TITLE: Final = "{year}年部门预算项目绩效目标汇总表"
NEW_NOTES: Final = (
    "1、本表填写{year}年局本级及下属单位所有预算项目绩效目标（与预算局下达的项目数一致）；"
    "2、每个项目绩效指标至少5条；3、一级指标、明细指标、指标值和指标描述须填写完整；"
    "4、相关内容应与项目密切相关，填写时也可以适当参考省厅、市局的模板（随表格下发）。5、行数不够请自行添加。"
)
