"""Seeded generator of realistic department tables, for the review tests and ``python -m benchmarks --parts review``.

A district finance bureau receives one table per department: a handful of units,
from three to a hundred-odd projects, five to ten indicators each, in whatever
format the department had at hand (the official workbook, goaltui's .json, text
pasted out of Excel). The indicator rows come from the seed table (real wording),
with numbers varied; a share of the tables carries the mistakes reviewers find
(a 合计 that is not the sum of its sources, an empty 指标描述, too few indicators).
"""

from __future__ import annotations

import random
import re
from decimal import Decimal
from pathlib import Path

from goaltui.io import form, native, text_table
from goaltui.model import FUND_FIELDS, Document, Funds, Indicator, Project, Signatures, Unit

SEED = Path(__file__).resolve().parent / "data" / "keqiao_renda_2020.txt"

DEPARTMENTS = (
    "区教育局", "区卫生健康局", "区民政局", "区财政局", "区交通运输局", "区农业农村局", "区文化和旅游局",
    "区住房和城乡建设局", "区市场监督管理局", "区人力资源和社会保障局", "区司法局", "区水利局", "区商务局",
    "区审计局", "区统计局", "区应急管理局", "区退役军人事务局", "区体育中心", "区档案馆", "区人大常委会办公室",
)  # fmt: skip
UNIT_SUFFIXES = ("机关", "服务中心", "管理所", "执法大队", "第一分局", "信息中心", "培训中心", "研究室")
PROJECT_TOPICS = (
    "信息化运维", "专项培训", "会议", "宣传", "课题研究", "设备购置", "场地租赁", "监督检查", "档案数字化",
    "应急演练", "人才引进", "绩效评价", "第三方审计", "安全生产", "志愿服务", "公共服务购买", "维修改造", "调研",
)  # fmt: skip
_VARIABLE = re.compile(r"[^\d%年\-~至]*\d+[^\d%年\-~至]*")
SUFFIXES = (".xlsx", ".json", ".txt", ".tsv")
"""Formats of the generated folder (in this proportion, repeating): the official workbook first."""


def _seed_rows() -> list[Indicator]:
    seed = text_table.read(SEED)
    return [indicator for _unit, project in seed.projects() for indicator in project.indicators]


_POOL: list[Indicator] | None = None


def _pool() -> list[Indicator]:
    global _POOL
    if _POOL is None:
        _POOL = _seed_rows()
    return _POOL


def _amount(rng: random.Random) -> Decimal:
    return Decimal(rng.randint(1, 50_000)) / Decimal(100) if rng.random() < 0.7 else Decimal(rng.randint(1, 300))


def _funds(rng: random.Random, spoil: bool) -> Funds:
    sources = {field: None for field in FUND_FIELDS[1:]} | {"general_budget": _amount(rng)}
    if rng.random() < 0.25:
        sources["gov_fund"] = _amount(rng)
    if rng.random() < 0.15:
        sources["special_account"] = _amount(rng)
    if rng.random() < 0.1:
        sources["other"] = _amount(rng)
    total = sum((value for value in sources.values() if value is not None), Decimal(0))
    if spoil:
        total += Decimal(1)  # E-FUNDS-SUM
    return Funds(total=total, **sources)


def _indicators(rng: random.Random, count: int, number: int) -> list[Indicator]:
    pool = _pool()
    rows = []
    for source in rng.sample(pool, count):
        value = source.value
        if _VARIABLE.fullmatch(value) and rng.random() < 0.5:  # a count, not a rate, range or date
            value = value.replace("1", str(number % 9 + 1), 1)
        rows.append(Indicator(level1=source.level1, name=source.name, value=value, description=source.description))
    return rows


def department(rng: random.Random, number: int, *, spoiled: bool = False, scale: int = 1) -> Document:
    """One department's table; *spoiled* puts in a few of the errors reviewers find.

    *scale* multiplies the number of projects per unit (a city-level department is several times bigger).
    """
    name = DEPARTMENTS[number % len(DEPARTMENTS)] + ("" if number < len(DEPARTMENTS) else str(number))
    size = rng.choices(("small", "medium", "large"), weights=(5, 4, 1))[0]
    unit_count = {"small": rng.randint(1, 2), "medium": rng.randint(2, 5), "large": rng.randint(5, 10)}[size]
    per_unit = {"small": (3, 8), "medium": (4, 10), "large": (8, 16)}[size]
    units = []
    project_number = 0
    for unit_number in range(unit_count):
        unit_name = name if unit_number == 0 else f"{name.removeprefix('区')}{UNIT_SUFFIXES[unit_number % 8]}"
        projects = []
        for _ in range(rng.randint(*per_unit) * scale):
            project_number += 1
            spoil = spoiled and rng.random() < 0.2
            topic = PROJECT_TOPICS[rng.randrange(len(PROJECT_TOPICS))]
            count = rng.randint(5, 10)
            rows = _indicators(rng, count, project_number)
            if spoil and rng.random() < 0.5:
                rows[rng.randrange(len(rows))].description = ""  # E-IND-EMPTY
            projects.append(
                Project(name=f"2021年{topic}经费（{project_number:03d}）", funds=_funds(rng, spoil), indicators=rows)
            )
        units.append(Unit(name=unit_name, projects=projects))
    if spoiled and units[0].projects:
        units[0].projects[0].indicators = units[0].projects[0].indicators[:3]  # E-PROJ-TOO-FEW
    return Document(
        title="2021年区级部门预算项目绩效目标汇总表",
        department=f"绍兴市柯桥区{name.removeprefix('区')}",
        units=units,
        notes="1、本表填列本部门及下属单位所有预算项目。2、每个项目至少填写5条指标。",
        signatures=Signatures(
            leader="王" + "明华伟"[number % 3], handler="李" + "静怡婷"[number % 3], phone="84119169"
        ),
    )


def text_table_lines(document: Document) -> list[str]:
    """The document as text extracted from the official workbook (the seed's layout)."""
    head = [form.HEADER_PROJECT, form.HEADER_FUNDS, "", "", "", "", *(form.INDICATOR_HEADERS[f] for f in
            ("level1", "name", "value", "description"))]  # fmt: skip
    lines = [
        f"## {document.title}",
        f"{form.DEPARTMENT_LABEL}{document.department}",
        f"{form.MONEY_UNIT_LABEL}{document.money_unit}",
        "\t".join(head),
        "\t".join(["", *form.FUND_HEADERS.values(), "", "", "", ""]),
    ]
    for unit in document.units:
        lines.append(unit.name + "\t" * 9)
        for project in unit.projects:
            amounts = ["" if project.funds.get(f) is None else format(project.funds.get(f), "f") for f in FUND_FIELDS]
            for number, row in enumerate(project.indicators):
                start = [project.name, *amounts] if number == 0 else [""] * 6
                lines.append("\t".join([*start, row.level1, row.name, row.value, row.description]))
    signatures = document.signatures
    lines += [
        f"{form.NOTES_LABEL}{document.notes}",
        f"{form.LEADER_LABEL}{signatures.leader}",
        f"{form.HANDLER_LABEL}{signatures.handler}",
        f"{form.PHONE_LABEL}{signatures.phone}",
    ]
    return lines


def write_table(document: Document, path: Path) -> None:
    """Write *document* to *path* in the format its suffix names (.xlsx, .json, .txt/.tsv)."""
    if path.suffix in (".txt", ".tsv"):
        path.write_text("\n".join(text_table_lines(document)) + "\n", encoding="utf-8")
    elif path.suffix == ".json":
        native.write(document, path)
    else:
        from goaltui.io import xlsx_export

        xlsx_export.write(document, path)


def write_folder(
    folder: Path,
    count: int,
    *,
    seed: int = 13,
    spoiled_every: int = 4,
    scale: int = 1,
    suffixes: tuple[str, ...] = SUFFIXES,
) -> list[Path]:
    """*count* department tables in *folder* (every *spoiled_every*-th with errors), in turn in each of
    *suffixes*; their paths."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(count):
        spoiled = spoiled_every > 0 and number % spoiled_every == spoiled_every - 1
        document = department(rng, number, spoiled=spoiled, scale=scale)
        path = folder / f"{number + 1:03d}_{DEPARTMENTS[number % len(DEPARTMENTS)]}{suffixes[number % len(suffixes)]}"
        write_table(document, path)
        paths.append(path)
    return paths
