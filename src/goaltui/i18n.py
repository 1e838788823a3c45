"""The message catalog: every user-facing text, Chinese by default, English available.

Keys are grouped by area (core, rules, io, ui) in separate tables below so
that the areas can grow independently; :func:`t` looks in all of them.
Each entry is ``key: (zh, en)``; both are ``str.format`` templates with the
same placeholders (a test checks this).
"""

from __future__ import annotations

import os
from typing import Final

LANGUAGES: Final = ("zh", "en")
_lang = os.environ.get("GOALTUI_LANG", "zh") if os.environ.get("GOALTUI_LANG") in LANGUAGES else "zh"


def set_language(lang: str) -> None:
    """Switch the process-wide language (``zh`` or ``en``)."""
    global _lang
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; choose one of {', '.join(LANGUAGES)}")
    _lang = lang


def get_language() -> str:
    return _lang


def t(key: str, /, lang: str | None = None, **kwargs: object) -> str:
    """The message *key* in *lang* (default: the current language), formatted."""
    entry = CATALOG[key]
    template = entry[LANGUAGES.index(lang or _lang)]
    return template.format(**kwargs) if kwargs else template


# --- core: model, CLI, summary -------------------------------------------------
_CORE: dict[str, tuple[str, str]] = {
    "cli.description": (
        "goaltui：预算项目绩效目标汇总表的终端编辑器与检查工具",
        "goaltui: terminal editor and checker for budget performance-target tables",
    ),
    "cli.help.file": ("要打开的文件（省略则打开内置示例）", "file to open (the bundled sample when omitted)"),
    "cli.help.convert": ("转换文件格式（按后缀判断格式）", "convert between formats (chosen by suffix)"),
    "cli.help.summary": ("输出文件的概要（单位、项目、指标、资金合计）", "print a summary (units, projects, indicators, totals)"),
    "cli.help.check": ("按审核规则检查文件", "check a file against the review rules"),
    "cli.help.force": ("覆盖已存在的目标文件", "overwrite an existing destination"),
    "cli.help.format": ("输出格式", "output format"),
    "cli.help.lang": ("界面语言（zh 或 en）", "language of messages (zh or en)"),
    "cli.help.debug": ("出错时显示完整的回溯信息", "show the full traceback on errors"),
    "cli.help.sheet": ("从工作簿中读取的工作表名称", "name of the worksheet to read"),
    "cli.help.min_indicators": ("每个项目至少应有的指标条数", "minimum number of indicators per project"),
    "cli.help.with_problems": ("在 Markdown 中附上检查结果", "append the validation result to the Markdown"),
    "cli.error_prefix": ("错误：", "error: "),
    "cli.dst_exists": ("目标文件已存在：{file}（使用 --force 覆盖）", "{file} already exists (use --force to overwrite)"),
    "cli.same_file": ("源文件与目标文件相同：{file}", "source and destination are the same file: {file}"),
    "cli.unknown_input_format": (
        "无法识别的输入格式：{file}（支持 {formats}）",
        "unknown input format: {file} (supported: {formats})",
    ),
    "cli.unknown_output_format": (
        "无法识别的输出格式：{file}（支持 {formats}）",
        "unknown output format: {file} (supported: {formats})",
    ),
    "cli.converted": ("已写入 {file}", "wrote {file}"),
    "summary.title": ("标题", "Title"),
    "summary.year": ("年度", "Year"),
    "summary.department": ("填报部门", "Department"),
    "summary.money_unit": ("金额单位", "Money unit"),
    "summary.counts": (
        "{units} 个单位，{projects} 个项目，{indicators} 条指标",
        "{units} units, {projects} projects, {indicators} indicators",
    ),
    "summary.funds": ("资金", "Funds"),
    "summary.signatures": ("签字", "Signatures"),
    "summary.per_project": ("各项目", "Projects"),
    "summary.indicators_suffix": ("{n} 条指标", "{n} indicators"),
    "summary.none": ("（无）", "(none)"),
    "field.title": ("标题", "Title"),
    "field.department": ("填报部门", "Department"),
    "field.money_unit": ("金额单位", "Money unit"),
    "field.expected_project_count": ("预算局下达项目数", "Project count issued"),
    "field.notes": ("备注", "Notes"),
    "field.unit": ("项目实施单位", "Unit"),
    "field.project": ("项目名称", "Project"),
    "field.total": ("合计", "Total"),
    "field.general_budget": ("一般公共预算", "General budget"),
    "field.gov_fund": ("政府性基金", "Government funds"),
    "field.special_account": ("专户资金", "Special account"),
    "field.other": ("其他资金", "Other funds"),
    "field.funds": ("资金安排", "Funds"),
    "field.level1": ("一级指标", "Level-1 indicator"),
    "field.level2": ("二级指标", "Level-2 indicator"),
    "field.name": ("明细指标", "Indicator"),
    "field.value": ("指标值", "Target value"),
    "field.description": ("指标描述", "Description"),
    "field.leader": ("部门主要领导", "Head of department"),
    "field.handler": ("经办人", "Prepared by"),
    "field.phone": ("联系电话", "Phone"),
    "field.year": ("年度", "Year"),
}

# --- io: native, text, xlsx, markdown ------------------------------------------
_IO: dict[str, tuple[str, str]] = {
    "io.cannot_open": ("无法打开 {file}：{reason}", "cannot open {file}: {reason}"),
    "io.cannot_write": ("无法写入 {file}：{reason}", "cannot write {file}: {reason}"),
    "io.not_utf8": (
        "{file} 不是 UTF-8 或 GB18030 编码的文本文件",
        "{file} is not a text file (neither UTF-8 nor GB18030)",
    ),
    "io.binary": ("{file} 是二进制文件，不是文本表格", "{file} is a binary file, not a text table"),
    "io.empty": ("{file} 是空文件", "{file} is empty"),
    "native.bad_json": (
        "{file} 第 {line} 行：不是有效的 JSON（{reason}）",
        "{file} line {line}: not valid JSON ({reason})",
    ),
    "native.not_goaltui": ("{file} 不是 goaltui 文件", "{file} is not a goaltui file"),
    "native.no_version": ("{file} 缺少 schema_version", "{file} has no schema_version"),
    "native.newer_version": (
        "{file} 由更新版本的 goaltui 保存（schema_version {version}，本版本支持到 {supported}），请升级 goaltui",
        "{file} was saved by a newer goaltui (schema_version {version}; this one reads up to {supported}); please upgrade",
    ),
    "native.bad_version": ("{file} 的 schema_version 无效：{version}", "{file} has an invalid schema_version: {version}"),
    "native.invalid": ("{file}：{where} 无效（{reason}）", "{file}: {where} is invalid ({reason})"),
    "text.bad_amount": (
        "{file} 第 {line} 行第 {column} 列（{field}）：“{text}”不是金额",
        "{file} line {line}, column {column} ({field}): {text!r} is not an amount",
    ),
    "text.stray_column": (
        "{file} 第 {line} 行：多出一列（{count} 列，表格只有 10 列）：“{text}”",
        "{file} line {line}: a stray column ({count} columns; the table has 10): {text!r}",
    ),
    "text.not_a_table": (
        "{file} 第 {line} 行：无法识别（应为单位行、项目行或指标行）：“{text}”",
        "{file} line {line}: not understood (expected a unit, project or indicator row): {text!r}",
    ),
    "text.no_rows": (
        "{file}：没有找到任何单位、项目或指标行",
        "{file}: no unit, project or indicator rows were found",
    ),
    "text.indicator_without_project": (
        "{file} 第 {line} 行：指标行前面没有项目",
        "{file} line {line}: an indicator row with no project before it",
    ),
}

# --- rules: validation messages and hints --------------------------------------
_RULES: dict[str, tuple[str, str]] = {}

# --- ui: the editor --------------------------------------------------------------
_UI: dict[str, tuple[str, str]] = {}

CATALOG: Final[dict[str, tuple[str, str]]] = {**_CORE, **_IO, **_RULES, **_UI}
