"""A generated folder of department tables: good ones, ones with errors, files that cannot be read,
and files the review must pass over; with what each row must show, worked out from the documents
written (not from reading them back)."""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest

from goaltui.model import FUND_FIELDS, Document
from goaltui.rules import Severity, validate
from tests.review_data import department, write_table


@dataclass(frozen=True)
class Expected:
    department: str
    units: int
    projects: int
    indicators: int
    funds: dict[str, Decimal]
    errors: int
    warnings: int
    infos: int
    money_unit: str = "万元"

    @property
    def ready(self) -> bool:
        return self.errors == 0


@dataclass(frozen=True)
class ReviewFolder:
    path: Path
    readable: dict[str, Expected]
    unreadable: dict[str, str]
    """File name → a part of its reason (zh)."""
    in_subfolder: str
    """A table in a subfolder, listed only by a recursive review."""

    @property
    def names(self) -> list[str]:
        return sorted([*self.readable, *self.unreadable])


def expected_of(document: Document) -> Expected:
    counts = dict.fromkeys(Severity, 0)
    for problem in validate(document):
        counts[problem.severity] += 1
    return Expected(
        department=document.department,
        units=len(document.units),
        projects=document.project_count(),
        indicators=document.indicator_count(),
        funds=document.fund_totals(),
        errors=counts[Severity.ERROR],
        warnings=counts[Severity.WARNING],
        infos=counts[Severity.INFO],
        money_unit=document.money_unit,
    )


UNREADABLE: dict[str, tuple[bytes, str]] = {
    "09_损坏.xlsx": (b"PK\x03\x04 truncated", "已损坏或不完整"),
    "10_网页导出.xls": (b"<html><body><table><tr><td>1</td></tr></table></body></html>", "网页（HTML）文件"),
    "11_坏.json": (b'{"format": "goaltui", "schema_version": 1, "units": [', "不是有效的 JSON"),
    "12_空.tsv": (b"", "是空文件"),
    "13_二进制.txt": (b"\x00\x01\x02\x03\x04", "二进制文件"),
}


@pytest.fixture(scope="session")
def review_folder(tmp_path_factory: pytest.TempPathFactory) -> ReviewFolder:
    folder = tmp_path_factory.mktemp("inbox")
    rng = random.Random(2021)
    readable: dict[str, Expected] = {}
    plan = [
        ("01_区教育局.xlsx", False),
        ("02_区卫生健康局.json", False),
        ("03_区民政局.txt", False),
        ("04_区财政局.tsv", False),
        ("05_区交通运输局.xlsx", True),
        ("06_区农业农村局.json", True),
        ("07_区文化和旅游局.tsv", True),
    ]
    for number, (name, spoiled) in enumerate(plan):
        document = department(rng, number, spoiled=spoiled)
        write_table(document, folder / name)
        readable[name] = expected_of(document)
    # In 元, not 万元: listed, but its amounts stay out of the 万元 totals.
    in_yuan = department(rng, 7)
    in_yuan.money_unit = "元"
    write_table(in_yuan, folder / "08_区司法局（元）.json")
    readable["08_区司法局（元）.json"] = expected_of(in_yuan)
    unreadable = {}
    for name, (content, reason) in UNREADABLE.items():
        (folder / name).write_bytes(content)
        unreadable[name] = reason
    # Passed over: Excel's owner file of an open workbook, hidden files, other suffixes, folders.
    (folder / "~$01_区教育局.xlsx").write_bytes(b"\x00lock")
    (folder / ".hidden.json").write_text("{}", encoding="utf-8")
    (folder / "说明.pdf").write_bytes(b"%PDF-1.4")
    (folder / "汇总.md").write_text("# 汇总", encoding="utf-8")
    (folder / "子文件夹.json").mkdir()
    sub = folder / "补充"
    sub.mkdir()
    write_table(department(rng, 9), sub / "20_区水利局.json")
    return ReviewFolder(folder, readable, unreadable, "补充/20_区水利局.json")


@pytest.fixture(scope="session")
def ready_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Tables without errors only."""
    folder = tmp_path_factory.mktemp("ready")
    rng = random.Random(7)
    for number, suffix in enumerate((".json", ".xlsx", ".txt")):
        document = department(rng, number)
        assert expected_of(document).ready
        write_table(document, folder / f"{number}{suffix}")
    return folder


def all_funds_zero() -> dict[str, Decimal]:
    return dict.fromkeys(FUND_FIELDS, Decimal(0))
