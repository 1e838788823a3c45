"""A small document that breaks no rule, for the rule tests to spoil one thing at a time."""

from __future__ import annotations

from decimal import Decimal

from goaltui.model import Document, Funds, Indicator, Project, Signatures, Unit
from goaltui.rules import Problem, RuleConfig, validate


def good_rows() -> list[Indicator]:
    return [
        Indicator(level1="产出指标", name="会议参加人数", value="≥1000人", description="全年各次会议参会人数之和"),
        Indicator(level1="产出指标", name="会议召开时间", value="2020年11月底前", description="按计划时间召开"),
        Indicator(level1="成本指标", name="单位成本", value="≤400元/天", description="人均日均成本"),
        Indicator(level1="效益指标", name="议题完成率", value="100%", description="完成议题数/计划议题数"),
        Indicator(level1="满意度指标", name="参会人员满意度", value="≥90%", description="问卷调查结果"),
    ]


def good_project(name: str = "区人大常委会例会") -> Project:
    return Project(name=name, funds=Funds(total=Decimal(47), general_budget=Decimal(47)), indicators=good_rows())


def good_document() -> Document:
    return Document(
        title="2020年区级部门预算项目绩效目标汇总表",
        department="绍兴市柯桥区人民代表大会常务委员会办公室",
        units=[
            Unit(name="区人大办", projects=[good_project(), good_project("区代表工作经费")]),
            Unit(name="区人大研究室", projects=[good_project("人大理论研究")]),
        ],
        signatures=Signatures(leader="周维", handler="李怡", phone="0575-84119169"),
    )


def first_project(document: Document) -> Project:
    return document.units[0].projects[0]


def problems_with(document: Document, code: str, config: RuleConfig | None = None) -> list[Problem]:
    return [problem for problem in validate(document, config) if problem.code == code]
