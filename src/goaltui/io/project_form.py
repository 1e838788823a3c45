"""The per-project form (项目支出绩效目标表 / 申报表): one project per sheet or file.

A department's 汇总表 is compiled from these. The form, as the 88号 template and
its provincial and county copies lay it out::

    项目支出绩效目标（申报）表
    （2021年度）
    项目名称      | 某某项目
    主管部门(及代码) | 某某局       | 实施单位 | 某某中心
    项目资金（万元） | 中期资金总额 | 300 | 年度资金总额 | 100
                  | 其中：财政拨款 | 250 | 其中：财政拨款 | 80     (or 上级资金, 其他资金 …)
    总体目标      | 中期目标 …   | 年度目标 …
    绩效指标      | 一级指标 | 二级指标 | 三级指标 | 指标值 [| 二级指标 | 三级指标 | 指标值]
                  | 产出指标 | 数量指标 | 培训人数 | ≥100人 …
    填报人：…  联系电话：…

Labels are found by their text wherever they sit, values are the next cell to
their right; merged cells are read as the text they show (a 一级指标 merged down
belongs to every row it spans, a blank one in an unmerged sheet means "as
above"). The result is one project for the 汇总表:

* funds → the four sources: 资金总额 → 合计; 一般公共预算, 财政拨款, 本级财政
  and 上级资金/上级补助 → 一般公共预算 (added up); 政府性基金; 专户 → 专户资金;
  其他/自有/自筹 → 其他资金. When 年度 and 中期 (长期) funds stand side by side,
  the 年度 ones;
* indicators: 一级 / 二级 (kept) / 三级 → 明细指标 / 指标值 (with a separate
  计量单位 or 符号 column joined in) / 指标解释 → 指标描述. When a long-term and an
  annual set stand in parallel columns, the annual set (marked 年度, or the
  last one, as in the template);
* 实施单位 → the unit, 主管部门 → the department.

:func:`classify` also tells a 汇总表 from this form, and recognises the
year-end 自评表 (全年完成值) and the evaluation scoring table (分值), which
are not target tables.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Final

from goaltui.errors import InputError
from goaltui.i18n import t
from goaltui.io import form
from goaltui.io.cell_display import exact_number
from goaltui.io.sheet_cells import Cells
from goaltui.model import FUND_FIELDS, Document, Funds, Indicator, Project, Unit
from goaltui.model.amounts import AmountError, parse_amount
from goaltui.model.level1 import normalize_level1


def key(text: str) -> str:
    """A label as compared: NFKC, no whitespace, no trailing colon."""
    return "".join(unicodedata.normalize("NFKC", text).split()).rstrip(":")


class SheetKind(StrEnum):
    SUMMARY_TABLE = "summary_table"
    """A department's 汇总表 (the table goaltui edits)."""
    PROJECT_FORM = "project_form"
    """One project's 项目支出绩效目标表 / 申报表."""
    SELF_EVALUATION = "self_evaluation"
    """A year-end 项目支出绩效自评表 (with 全年完成值): not a target table."""
    SCORING = "scoring"
    """An evaluation scoring table (分值 / 得分): not a target table."""
    NONE = "none"

    @property
    def is_target(self) -> bool:
        return self in (SheetKind.SUMMARY_TABLE, SheetKind.PROJECT_FORM)


# --- labels of the form ---------------------------------------------------------------------
PROJECT_NAME_LABELS: Final = ("项目名称",)
DEPARTMENT_LABELS: Final = ("主管部门", "主管部门及代码", "主管部门及编码", "主管部门名称", "主管单位", "预算部门")
UNIT_LABELS: Final = ("实施单位", "项目实施单位", "执行单位", "项目执行单位", "项目单位", "申报单位", "预算单位")
_ALL_LABELS: Final = frozenset(
    key(label) for label in (*PROJECT_NAME_LABELS, *DEPARTMENT_LABELS, *UNIT_LABELS, "项目属性", "项目期", "项目资金")
)
_FOOTER_LABELS: Final = re.compile(
    r"^(填报人|填表人|经办人|单位负责人|负责人|联系电话|电话|填报日期|日期|审核意见|主管部门审核意见|财政部门审核意见|审核人|备注)"
)
_SELF_EVALUATION_MARKERS: Final = ("全年完成值", "实际完成值", "年度完成值", "完成值", "全年执行数", "执行率")
_SCORING_MARKERS: Final = ("得分", "评分标准", "评价标准", "评分办法", "评分细则", "评分要点", "评价要点")
_HEADER_SCAN_ROWS: Final = 60

_LEVEL1: Final = key(form.INDICATOR_HEADERS["level1"])
_LEVEL2: Final = key(form.INDICATOR_HEADERS["level2"])
_NAME_HEADERS: Final = ("三级指标", "明细指标", "指标名称", "指标内容", "绩效指标内容", "三级指标名称")
_VALUE_HEADERS: Final = (
    "指标值",
    "目标值",
    "年度指标值",
    "中期指标值",
    "指标值(目标值)",
    "预期目标值",
    "当年预期实现值",
)
_UNIT_HEADERS: Final = ("计量单位", "度量单位", "单位")
_SIGN_HEADERS: Final = ("计算符号", "符号", "指标方向", "比较符号")
_DESCRIPTION_HEADERS: Final = ("指标描述", "指标解释", "指标说明", "指标值说明", "备注")
_ANNUAL_WORDS: Final = ("年度", "当年", "本年")
_LONG_WORDS: Final = ("中期", "长期", "实施期", "整体", "总体")
_PLACEHOLDER_NAME: Final = re.compile(r"^指标\s*\d+\s*[:：]?\s*")
_CODE_AROUND_NAME: Final = re.compile(
    r"^\s*[\[［(（]?\d{3,}[\]］)）]?\s*"  # [101]某某局, 101 某某局
    r"|\s*[\[［(（]\s*\d{3,}\s*[\]］)）]\s*$|\s+\d{3,}\s*$"  # 某某局（101）, 某某局 101
)
_MONEY_UNIT_IN_LABEL: Final = re.compile(r"[（(]\s*(?:单位\s*[:：]\s*)?(万元|元|千元|亿元)\s*[)）]")
_MONEY_UNIT_LINE: Final = re.compile(r"(?:金额)?单位\s*[:：]\s*(万元|元|千元|亿元)")
_YEAR_LINE: Final = re.compile(r"^[（(]\s*(?:\d{4}\s*年度?|\s*年度)\s*[)）]$")


_FUND_LABEL_PATTERNS: Final = (
    ("total", re.compile(r"^(?:项目)?(?:资金)?(?:总额|总金额)(?:合计)?$|^(?:资金)?(?:合计|小计|总计)$")),
    (
        "general_budget",
        re.compile(
            r"^(?:一般公共预算|财政拨款|本级财政|本级财力|财政性?资金|上级(?:资金|补助|专项|转移支付)?)(?:资金|拨款)?$"
        ),
    ),
    ("gov_fund", re.compile(r"^政府性?基金(?:预算)?(?:资金|拨款)?$")),
    ("special_account", re.compile(r"^(?:财政)?专户(?:管理)?(?:资金)?$")),
    ("other", re.compile(r"^(?:其他|自有|自筹|单位自筹|单位自有|社会)(?:资金|来源)?$")),
)


def _plain_fund_label(label: str) -> str:
    """A funds label without 其中, the money unit and the period words: 其中：年度财政拨款（万元） → 财政拨款."""
    text = re.sub(r"^其中", "", key(label)).lstrip(":：")
    text = _MONEY_UNIT_IN_LABEL.sub("", text)
    for word in (*_ANNUAL_WORDS, *_LONG_WORDS):
        text = text.replace(word, "")
    return text.rstrip(":：")


def _fund_of(label: str) -> str | None:
    """The 汇总表 fund a funds label maps to, or None for a text that is not such a label."""
    if len(label) > 24:
        return None
    text = _plain_fund_label(label)
    for fund, pattern in _FUND_LABEL_PATTERNS:
        if pattern.match(text):
            return fund
    return None


_LITERAL_FUND_LABELS: Final = {
    "total": ("资金总额", "合计"),
    "general_budget": ("一般公共预算", "一般公共预算资金"),
    "gov_fund": ("政府性基金", "政府性基金预算"),
    "special_account": ("专户资金",),
    "other": ("其他资金",),
}


def _period(text: str) -> str | None:
    """``annual`` or ``long`` for a short label naming a period (年度目标, 中期资金总额), else None."""
    compact = key(text)
    if len(compact) > 14:
        return None
    if any(word in compact for word in _LONG_WORDS):
        return "long"
    if any(word in compact for word in _ANNUAL_WORDS):
        return "annual"
    return None


# --- what a sheet is ---------------------------------------------------------------------------
def _header_row(cells: Cells, limit: int | None = None) -> int | None:
    """The first row holding an indicator header (一级指标 with a name or value column)."""
    names = {key(h) for h in (*_NAME_HEADERS, *_VALUE_HEADERS, form.INDICATOR_HEADERS["description"])}
    for row in range(min(cells.height, limit if limit is not None else cells.height)):
        keys = [key(text) for text in cells.string_row(row)]
        if _LEVEL1 in keys and any(k in names for k in keys):
            return row
    return None


def _has_label_with_value(cells: Cells, rows: range, labels: tuple[str, ...]) -> bool:
    wanted = {key(label) for label in labels}
    for row in rows:
        texts = cells.string_row(row)
        for column, text in enumerate(texts):
            if key(text) in wanted:
                rest = [cells.text(row, c) for c in range(column + 1, cells.width(row))]
                if any(value and key(value) not in wanted for value in rest):
                    return True
    return False


def classify(cells: Cells) -> SheetKind:
    """What the sheet holds, from its labels and headers (text cells only)."""
    header = _header_row(cells)
    scan_to = min(cells.height, (header + 3) if header is not None else _HEADER_SCAN_ROWS)
    keys: set[str] = set()
    for row in range(scan_to):
        keys.update(key(text) for text in cells.string_row(row) if text)
    if any(marker in k for k in keys for marker in _SELF_EVALUATION_MARKERS if marker != "完成值") or any(
        k.endswith("完成值") for k in keys
    ):
        return SheetKind.SELF_EVALUATION
    if any("自评表" in k for k in keys):
        return SheetKind.SELF_EVALUATION
    if any(k == "分值" or k.startswith("分值") or k == "权重(分值)" for k in keys) and (
        any(k in _SCORING_MARKERS for k in keys) or not any(k in {key(v) for v in _VALUE_HEADERS} for k in keys)
    ):
        return SheetKind.SCORING
    if any(k.endswith(("评分表", "评价指标体系", "评分细则")) for k in keys):
        return SheetKind.SCORING
    if header is None:
        return SheetKind.NONE
    header_keys = {key(text) for text in cells.string_row(header)}
    next_keys = {key(text) for text in cells.string_row(header + 1)}
    fund_headers = {key(text) for text in form.FUND_HEADERS.values()} - {"合计"}
    summary_like = bool((header_keys | next_keys) & fund_headers) or key(form.HEADER_PROJECT) in header_keys
    if not summary_like and _has_label_with_value(cells, range(header), PROJECT_NAME_LABELS):
        return SheetKind.PROJECT_FORM
    return SheetKind.SUMMARY_TABLE


def not_supported_message(kind: SheetKind, source: str) -> str:
    """The one line for a recognised layout that is not a target table."""
    return t(f"forms.not_supported.{kind.value}", file=source)


# --- reading the form ------------------------------------------------------------------------
@dataclass
class ProjectForm:
    """One project as its form gives it, ready to join a 汇总表."""

    source: str
    project: Project
    unit: str = ""
    department: str = ""
    title: str = ""
    money_unit: str = "万元"
    has_level2: bool = False
    remarks: list[str] = field(default_factory=list)
    """What the reader decided that the user should know (a mapping, a set chosen)."""

    def document(self) -> Document:
        """The form as a one-project table."""
        return Document(
            title=self.title,
            department=self.department,
            money_unit=self.money_unit,
            has_level2=self.has_level2,
            units=[Unit(name=self.unit, projects=[self.project])],
        )


@dataclass
class _IndicatorSet:
    level1: int = 0
    level2: int | None = None
    name: int | None = None
    value: int | None = None
    unit: int | None = None
    sign: int | None = None
    description: int | None = None
    period: str | None = None

    def columns(self) -> list[int]:
        found = (self.level2, self.name, self.value, self.unit, self.sign, self.description)
        return [column for column in found if column is not None]


@dataclass
class _FundValue:
    fund: str
    label: str
    value: Decimal | None
    period: str | None


class _Reader:
    def __init__(self, cells: Cells, source: str) -> None:
        self.cells = cells
        self.source = source
        self.remarks: list[str] = []

    def where(self, row: int, column: int) -> str:
        from goaltui.io.xlsx_layout import get_column_letter

        return f"{get_column_letter(column + 1)}{row + 1}"

    def read(self) -> ProjectForm:
        cells = self.cells
        header = _header_row(cells)
        if header is None:  # classify() said it is a form: cannot happen
            raise InputError(t("forms.no_indicators", file=self.source))
        name = self._label_value(range(header), PROJECT_NAME_LABELS)
        department = _CODE_AROUND_NAME.sub("", self._label_value(range(header), DEPARTMENT_LABELS))
        unit = _CODE_AROUND_NAME.sub("", self._label_value(range(header), UNIT_LABELS))
        funds = self._funds(header)
        chosen = self._choose_set(self._indicator_sets(header), header)
        indicators = self._indicators(header, chosen)
        project = Project(name=name, funds=funds, indicators=indicators)
        title = self._title(header)
        has_level2 = chosen.level2 is not None
        if chosen.description is None:
            self.remarks.append(t("forms.remark.no_description"))
        return ProjectForm(
            source=self.source,
            project=project,
            unit=unit,
            department=department,
            title=title,
            money_unit=self._money_unit(header),
            has_level2=has_level2,
            remarks=self.remarks,
        )

    # labels and values
    def _label_value(self, rows: range, labels: tuple[str, ...]) -> str:
        wanted = {key(label) for label in labels}
        cells = self.cells
        for row in rows:
            width = cells.width(row)
            for column in range(width):
                if key(cells.text(row, column)) not in wanted:
                    continue
                for after in range(column + 1, width):
                    text = cells.text(row, after)
                    if text:
                        return "" if self._is_label(text) else " ".join(text.split())
                return ""
        return ""

    def _is_label(self, text: str) -> bool:
        compact = key(text)
        return compact in _ALL_LABELS or _fund_of(text) is not None

    def _title(self, header: int) -> str:
        lines: list[str] = []
        for row in range(header):
            texts = [text for text in (self.cells.text(row, c) for c in range(self.cells.width(row))) if text]
            if len(texts) != 1:
                if lines:
                    break
                continue
            text = " ".join(texts[0].split())
            if form.ATTACHMENT_PATTERN.match(text) or self._is_label(text) or _MONEY_UNIT_LINE.fullmatch(text):
                continue
            if lines and not _YEAR_LINE.match(text):
                break
            lines.append(text)
            if len(lines) == 2:
                break
        return "".join(lines)

    def _money_unit(self, header: int) -> str:
        for row in range(header):
            for column in range(self.cells.width(row)):
                text = self.cells.text(row, column)
                match = _MONEY_UNIT_IN_LABEL.search(text) or _MONEY_UNIT_LINE.search(text)
                if match:
                    return match.group(1)
        return "万元"

    # funds
    def _funds(self, header: int) -> Funds:
        found: list[_FundValue] = []
        cells = self.cells
        block_start: int | None = None
        for row in range(header):
            for column in range(cells.width(row)):
                label = cells.text(row, column)
                fund = _fund_of(label) if label else None
                if fund is None:
                    continue
                if block_start is None:
                    block_start = max(0, row - 2)
                for value_column, value in self._values_right_of(row, column):
                    period = (
                        _period(label)
                        or self._period_above(row, value_column, block_start)
                        or self._period_above(row, column, block_start)
                    )
                    found.append(_FundValue(fund, label, value, period))
        if not found:
            return Funds()
        periods = {item.period for item in found if item.value is not None} or {item.period for item in found}
        chosen_period = "annual" if "annual" in periods else (None if None in periods else "long")
        if "annual" in periods and "long" in periods:
            self.remarks.append(t("forms.remark.annual_funds"))
        elif chosen_period == "long":
            self.remarks.append(t("forms.remark.long_funds"))
        totals: dict[str, Decimal] = {}
        for item in found:
            if item.period != chosen_period or item.value is None:
                continue
            totals[item.fund] = totals.get(item.fund, Decimal(0)) + item.value
            plain_label = _plain_fund_label(item.label)
            if item.fund != "total" and plain_label not in _LITERAL_FUND_LABELS[item.fund]:
                note = t("forms.remark.mapped", label=plain_label, field=t(f"field.{item.fund}"))
                if note not in self.remarks:
                    self.remarks.append(note)
        return Funds.model_validate({fund: totals.get(fund) for fund in FUND_FIELDS})

    def _values_right_of(self, row: int, column: int) -> list[tuple[int, Decimal | None]]:
        """The amounts after a funds label up to the next label: one per period column."""
        values: list[tuple[int, Decimal | None]] = []
        cells = self.cells
        for after in range(column + 1, cells.width(row)):
            text = cells.text(row, after)  # a covered cell of a merge is empty: skipped
            if not text:
                continue
            if self._is_label(text) or not _looks_numeric(text):
                if values or not _amount_attempt(text):
                    break  # the next label, or a text such as 资金来源 | 财政拨款
                label = key(cells.text(row, column))
                where = self.where(row, after)
                raise InputError(t("forms.bad_amount", file=self.source, cell=where, label=label, text=text))
            values.append((after, self._amount(cells.raw(row, after), text, row, after, cells.text(row, column))))
        return values

    def _amount(self, raw: object, text: str, row: int, column: int, label: str) -> Decimal | None:
        if isinstance(raw, int | float) and not isinstance(raw, bool):
            return exact_number(raw)
        try:
            return parse_amount(text)
        except AmountError:
            raise InputError(
                t("forms.bad_amount", file=self.source, cell=self.where(row, column), label=key(label), text=text)
            ) from None

    def _period_above(self, row: int, column: int, first: int) -> str | None:
        """A period marker (年度, 中期 …) above *column* within the funds block."""
        for above in range(row - 1, first - 1, -1):
            period = _period(self.cells.filled_text(above, column))
            if period is not None:
                return period
        return None

    # indicators
    def _indicator_sets(self, header: int) -> list[_IndicatorSet]:
        """The indicator column sets of the header row (a long-term and an annual one side by side)."""
        texts = self.cells.filled_row(header)
        first_level1 = next(c for c, text in enumerate(texts) if key(text) == _LEVEL1)
        sets: list[_IndicatorSet] = []
        current = _IndicatorSet(level1=first_level1)
        names = {key(h) for h in _NAME_HEADERS}
        values = {key(h) for h in _VALUE_HEADERS}
        units = {key(h) for h in _UNIT_HEADERS}
        signs = {key(h) for h in _SIGN_HEADERS}
        descriptions = {key(h) for h in _DESCRIPTION_HEADERS}
        for column in range(first_level1 + 1, len(texts)):
            compact = key(texts[column])
            if not compact or texts[column] == texts[column - 1]:
                continue  # empty, or the covered part of a merged header
            if compact == _LEVEL1:
                sets.append(current)
                current = _IndicatorSet(level1=column)
            elif compact == _LEVEL2:
                if current.level2 is not None or current.name is not None:
                    sets.append(current)
                    current = _IndicatorSet(level1=current.level1)
                current.level2 = column
            elif compact in names:
                if current.name is not None:
                    sets.append(current)
                    current = _IndicatorSet(level1=current.level1)
                current.name = column
            elif compact in values:
                current.value = column
                current.period = _period(compact)
            elif compact in units:
                current.unit = column
            elif compact in signs:
                current.sign = column
            elif compact in descriptions and current.description is None:
                current.description = column
        sets.append(current)
        sets = [s for s in sets if s.name is not None or s.value is not None]
        if not sets:
            raise InputError(t("forms.no_indicators", file=self.source))
        return sets

    def _choose_set(self, sets: list[_IndicatorSet], header: int) -> _IndicatorSet:
        """The annual set: the one marked 年度 above or in its header, else the last (as in the template)."""
        if len(sets) == 1:
            return sets[0]
        for item in sets:
            for column in item.columns():
                if item.period is not None:
                    break
                for row in (header - 1, header - 2, header + 1):
                    period = _period(self.cells.filled_text(row, column)) if row >= 0 else None
                    if period is not None:
                        item.period = period
                        break
        annual = [item for item in sets if item.period == "annual"]
        self.remarks.append(t("forms.remark.annual_indicators", count=len(sets)))
        return annual[0] if annual else sets[-1]

    def _indicators(self, header: int, chosen: _IndicatorSet) -> list[Indicator]:
        cells = self.cells
        indicators: list[Indicator] = []
        level1 = level2 = ""
        header_words = {key(h) for h in (*_NAME_HEADERS, *_VALUE_HEADERS, form.INDICATOR_HEADERS["level1"])}
        for row in range(header + 1, cells.height):

            def text(column: int | None, row: int = row) -> str:
                return cells.filled_text(row, column) if column is not None else ""

            first = next((value for value in cells.filled_row(row) if value), "")
            if first and _FOOTER_LABELS.match(key(first)) and normalize_level1(first) is None:
                break  # 填报人, 审核意见 …: the form's footer
            name = text(chosen.name)
            value = text(chosen.value)
            if key(name) in header_words or key(value) in header_words or (_period(name) and not value):
                continue  # a second header row (中期指标 | 年度指标)
            row_level1 = text(chosen.level1)
            if row_level1:
                if row_level1 != level1:
                    level2 = ""
                level1 = row_level1
            row_level2 = text(chosen.level2)
            if row_level2:
                level2 = row_level2
            placeholder = _PLACEHOLDER_NAME.match(name)
            if placeholder:
                name = name[placeholder.end() :]
            if not name and not value:
                continue  # a template row left empty, or a 一级/二级 cell alone
            indicators.append(
                Indicator(
                    level1=level1,
                    level2=level2 if chosen.level2 is not None else "",
                    name=name,
                    value=self._joined_value(value, text(chosen.sign), text(chosen.unit)),
                    description=text(chosen.description),
                )
            )
        return indicators

    @staticmethod
    def _joined_value(value: str, sign: str, unit: str) -> str:
        if sign and sign not in ("定性", "定量") and value and not value.startswith(sign):
            value = sign + value
        if unit and value and not value.endswith(unit) and unit not in ("定性", "/", "-"):
            value += unit
        return value


_CHINESE_NUMERALS: Final = frozenset("零〇一二两三四五六七八九十百千万亿点壹贰叁肆伍陆柒捌玖拾佰仟")


def _amount_attempt(text: str) -> bool:
    """Whether a text after a funds label was meant as an amount (``十万元``, ``1O0``), not a label."""
    compact = key(text)
    return (
        any(char.isdigit() for char in compact)
        or compact.endswith("元")
        or all(char in _CHINESE_NUMERALS for char in compact)
    )


def _looks_numeric(text: str) -> bool:
    try:
        return parse_amount(text) is not None
    except AmountError:
        return False


def read_form(cells: Cells, source: str) -> ProjectForm:
    """Read a sheet (or text) that :func:`classify` called a project form."""
    result = _Reader(cells, source).read()
    if not result.project.name:
        raise InputError(t("forms.no_project_name", file=source))
    return result


__all__ = ["ProjectForm", "SheetKind", "classify", "key", "not_supported_message", "read_form"]
