"""Seeded generator of realistic performance-target tables for the benchmarks.

A district bureau's merged file: many units (局本级, 中心, 学校, 站所), each with
a few to a few dozen projects with CJK names, funds split over the four sources,
and 5–11 indicators per project whose 指标值 follow the forms real tables use
(``≥95%``, ``2021年12月底前``, ``≤50万元``, ``1-5条``, ``及时``, ``≤上期会议经费``)
with descriptions that are sometimes the indicator's name again, sometimes a
sentence. The sample's own rows, project names and unit name are part of the
vocabulary. A small share of rows carries the mistakes real tables have (a
missing unit, an empty cell, a 合计 that does not add up, a vague value), so
validation finds problems as it would on a real file.

The same (projects, indicators, seed) always gives the same document, and the
indicator count is exactly ``projects × indicators``.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from decimal import Decimal

from goaltui.io.formats import read_document
from goaltui.model import Document, Funds, Indicator, Project, Signatures, Unit
from goaltui.resources import sample_path

YEAR = 2021

BUREAUS = (
    "教育体育局", "卫生健康局", "农业农村局", "水利水电局", "综合行政执法局", "文化广电旅游局", "民政局",
    "市场监督管理局", "财政局", "自然资源和规划分局", "交通运输局", "人力资源和社会保障局", "住房和城乡建设局",
    "科学技术局", "商务局", "审计局", "统计局", "司法局", "生态环境分局", "应急管理局", "退役军人事务局",
    "医疗保障分局", "档案馆", "人民代表大会常务委员会办公室",
)  # fmt: skip
SUBUNITS = (
    "本级", "机关服务中心", "信息中心", "执法大队", "综合服务中心", "发展研究中心", "实验小学", "第一中学",
    "职业技术学校", "人民医院", "疾病预防控制中心", "妇幼保健院", "农业技术推广中心", "水利工程管理站",
    "文化馆", "图书馆", "社会福利院", "检验检测中心", "公路养护中心", "城市管理服务中心", "价格认证中心",
)  # fmt: skip
TOPICS = (
    "农村饮用水安全", "中小学校舍维修", "基层医疗卫生服务能力提升", "美丽乡村建设", "河道综合整治", "城乡居民医疗保险",
    "残疾人就业帮扶", "智慧城管平台运维", "公共文化服务", "全民健身设施", "老旧小区改造", "生活垃圾分类处理",
    "食品安全抽检", "企业技术创新补助", "高层次人才引进", "职业技能培训", "政务信息化", "档案数字化", "森林防火",
    "农田水利", "防汛抗旱", "安全生产检查", "法律援助", "社区矫正", "居家养老服务补贴", "困难群众救助",
    "退役军人优抚", "农村公路养护", "公交运营补贴", "污水管网建设", "大气污染防治", "义务教育营养改善",
    "学前教育生均补助", "家庭医生签约服务", "重大疾病防控", "文物保护", "非遗传承", "乡村振兴示范村",
    "粮食生产补贴", "动物疫病防控", "城区绿化养护", "路灯设施维护", "消防设施改造", "数字政府建设",
)  # fmt: skip
KINDS = ("项目", "专项经费", "工程", "补助资金", "运行维护费", "经费", "建设项目", "工作经费", "专项资金")

# (一级指标, 明细指标, value maker, description templates); {name} is the 明细指标.
_Value = Callable[[random.Random], str]


def _count(unit: str, low: int, high: int, op: str = "≥") -> _Value:
    return lambda rng: f"{op}{rng.randint(low, high)}{unit}"


def _percent(low: int, high: int = 100, op: str = "≥") -> _Value:
    return lambda rng: f"{op}{rng.randint(low, high)}%"


def _date(rng: random.Random) -> str:
    return rng.choice((f"{YEAR}年{rng.randint(1, 12)}月底前", f"{YEAR}年{rng.randint(1, 12)}月前", f"{YEAR}年底前"))


def _money(unit: str, low: int, high: int) -> _Value:
    return lambda rng: f"≤{rng.randint(low, high)}{unit}"


def _fixed(*choices: str) -> _Value:
    return lambda rng: rng.choice(choices)


def _range(unit: str) -> _Value:
    def make(rng: random.Random) -> str:
        low = rng.randint(1, 20)
        return f"{low}-{low + rng.randint(1, 20)}{unit}"

    return make


OUTPUT = "产出指标"
TEMPLATES: tuple[tuple[str, str, _Value], ...] = (
    (OUTPUT, "培训人次", _count("人次", 50, 3000)),
    (OUTPUT, "开展活动次数", _count("次", 2, 60)),
    (OUTPUT, "覆盖村（社区）数", _count("个", 5, 300, "")),
    (OUTPUT, "新建改造道路长度", _count("公里", 1, 80)),
    (OUTPUT, "购置设备数量", _count("台", 1, 500, "")),
    (OUTPUT, "检查企业数量", _count("家", 20, 2000)),
    (OUTPUT, "提出意见建议数", _range("条")),
    (OUTPUT, "质量合格率", _percent(90)),
    (OUTPUT, "验收合格率", _fixed("100%", "≥98%")),
    (OUTPUT, "设备完好率", _percent(85)),
    (OUTPUT, "项目完成时间", _date),
    (OUTPUT, "资金拨付及时率", _fixed("100%", "≥95%")),
    (OUTPUT, "工作及时性", _fixed("及时", "及时有效")),
    (OUTPUT, "项目总成本", _money("万元", 10, 900)),
    (OUTPUT, "人均培训成本", _money("元/人", 100, 3000)),
    (OUTPUT, "单位成本", lambda rng: f"{rng.randint(100, 900)}元/天"),
    (OUTPUT, "与上年经费增长", _fixed("≤上年经费", "控制在10%内", "≤5%")),
    (OUTPUT, "政府采购规范性", _fixed("规范", "符合规定")),
    ("效益指标", "群众知晓率", _percent(80)),
    ("效益指标", "带动就业人数", _count("人", 10, 800)),
    ("效益指标", "水质达标率", _percent(90)),
    ("效益指标", "环境质量改善", _fixed("持续改善", "明显改善")),
    ("效益指标", "社会效益", _fixed("明显提升", "有所提升", "良好")),
    ("效益指标", "可持续影响", _fixed("长期", "3年以上", "持续发挥作用")),
    ("效益指标", "受益人口", lambda rng: f"{rng.randint(1, 60)}万人"),
    ("满意度指标", "服务对象满意度", _percent(85, 98)),
    ("满意度指标", "群众满意率", _percent(80, 95)),
    ("成本指标", "经济成本", _money("万元", 5, 500)),
    ("成本指标", "预算执行率", _percent(90)),
)
DESCRIPTIONS = (
    "反映{name}情况",
    "{name}达到预期目标",
    "考核{name}是否符合要求",
    "反映项目实施后{name}的变化，与上年相比有所提高",
    "按相关程序和计划规定完成{name}",
)
MISTAKES = (
    lambda ind: Indicator(level1=ind.level1, name=ind.name, value="", description=ind.description),
    lambda ind: Indicator(level1=ind.level1, name=ind.name, value=ind.value.rstrip("次人个台家条%"),
                          description=ind.description),
    lambda ind: Indicator(level1=ind.level1.removesuffix("指标"), name=ind.name, value=ind.value,
                          description=ind.description),
    lambda ind: Indicator(level1=ind.level1, name=ind.name, value="较好", description=""),
)  # fmt: skip


class Vocabulary:
    """What the generator draws from: the templates above plus the sample's own rows and names."""

    def __init__(self) -> None:
        sample = read_document(sample_path())
        self.sample = sample
        self.rows = [indicator for _unit, project in sample.projects() for indicator in project.indicators]
        self.project_names = [project.name for _unit, project in sample.projects()]
        self.unit_names = [unit.name for unit in sample.units]


def _indicator(rng: random.Random, vocabulary: Vocabulary, level1: str | None) -> Indicator:
    if rng.random() < 0.25:  # one of the sample's own rows
        pool = [row for row in vocabulary.rows if level1 is None or row.level1 == level1] or vocabulary.rows
        row = rng.choice(pool)
        return Indicator(level1=row.level1, name=row.name, value=row.value, description=row.description)
    templates = [t for t in TEMPLATES if level1 is None or t[0] == level1]
    first, name, make = rng.choice(templates)
    roll = rng.random()
    if roll < 0.3:
        description = name
    elif roll < 0.85:
        description = rng.choice(DESCRIPTIONS).format(name=name)
    else:
        description = f"{rng.choice(TOPICS)}中{name}的完成情况（{rng.randint(1, 99)}）"
    return Indicator(level1=first, name=name, value=make(rng), description=description)


def _funds(rng: random.Random) -> Funds:
    cents = int(rng.lognormvariate(4.0, 1.2) * 100) + 100  # 万元, 1 to a few thousand, two decimals
    if cents % 100 == 0:
        total = Decimal(cents // 100)
    elif cents % 10 == 0:
        total = Decimal(cents // 10) / 10
    else:
        total = Decimal(cents) / 100
    shape = rng.random()
    if shape < 0.7:
        funds = Funds(total=total, general_budget=total)
    elif shape < 0.85:
        part = (total * Decimal(rng.randint(20, 80)) / 100).quantize(Decimal("0.01"))
        funds = Funds(total=total, general_budget=part, gov_fund=total - part)
    elif shape < 0.95:
        part = (total * Decimal(rng.randint(20, 80)) / 100).quantize(Decimal("0.01"))
        funds = Funds(total=total, general_budget=part, special_account=total - part)
    else:
        part = (total * Decimal(rng.randint(50, 90)) / 100).quantize(Decimal("0.01"))
        funds = Funds(total=total, general_budget=part, other=total - part)
    if rng.random() < 0.02:  # 合计 typed by hand and not equal to the sources
        funds.total = total + Decimal(rng.randint(1, 9))
    return funds


def _sizes(rng: random.Random, projects: int, indicators: int) -> list[int]:
    """Indicators per project: around *indicators* (5–11 for 8), summing to exactly projects × indicators."""
    spread = min(3, max(0, indicators - 1))
    counts: list[int] = []
    for number in range(projects):
        if number % 2 == 0:
            delta = rng.randint(-spread, spread) if number + 1 < projects else 0
            counts.append(indicators + delta)
        else:
            counts.append(indicators - (counts[-1] - indicators))
    return counts


def generate(projects: int, indicators: int, seed: int = 12, vocabulary: Vocabulary | None = None) -> Document:
    """A document of *projects* projects and exactly ``projects × indicators`` indicator rows."""
    rng = random.Random(f"{seed}:{projects}:{indicators}")
    vocabulary = vocabulary or Vocabulary()
    sizes = _sizes(rng, projects, indicators)
    units: list[Unit] = []
    unit_names: set[str] = set()
    number = 0
    while number < projects:
        if not units:
            unit_name = vocabulary.unit_names[0]
        else:
            unit_name = f"柯桥区{rng.choice(BUREAUS)}{rng.choice(SUBUNITS)}"
            while unit_name in unit_names:
                unit_name = f"柯桥区{rng.choice(BUREAUS)}{rng.choice(SUBUNITS)}{len(unit_names)}"
        unit_names.add(unit_name)
        count = min(projects - number, max(1, int(rng.triangular(3, 40, 12))))
        names: set[str] = set()
        unit_projects: list[Project] = []
        for _ in range(count):
            if number < len(vocabulary.project_names) and not units:
                name = vocabulary.project_names[number]
            else:
                name = f"{YEAR}年{rng.choice(TOPICS)}{rng.choice(KINDS)}"
                phase = 2
                while name in names:
                    name = f"{YEAR}年{rng.choice(TOPICS)}{rng.choice(KINDS)}（{phase}期）"
                    phase += 1
            names.add(name)
            rows = []
            used: set[str] = set()
            for position in range(sizes[number]):
                level1 = OUTPUT if position < 3 else None  # output indicators first, as the forms ask
                indicator = _indicator(rng, vocabulary, level1)
                for _retry in range(5):  # a name once per project, as in real tables
                    if indicator.name not in used:
                        break
                    indicator = _indicator(rng, vocabulary, level1)
                used.add(indicator.name)
                if position and rng.random() < 0.01:
                    indicator = rng.choice(MISTAKES)(indicator)
                rows.append(indicator)
            unit_projects.append(Project(name=name, funds=_funds(rng), indicators=rows))
            number += 1
        units.append(Unit(name=unit_name, projects=unit_projects))
    sample = vocabulary.sample
    return Document(
        title=f"{YEAR}年区级部门预算项目绩效目标汇总表",
        department="绍兴市柯桥区财政局（各部门汇总）",
        money_unit="万元",
        expected_project_count=projects,
        units=units,
        notes=sample.notes.replace("2020", str(YEAR)),
        signatures=Signatures(leader="周维", handler="李怡", phone="0575-84119169"),
    )


def parse_size(text: str) -> tuple[int, int] | None:
    """``2000x8`` → (2000, 8); ``sample`` → None."""
    if text == "sample":
        return None
    projects, _, indicators = text.lower().replace("×", "x").partition("x")
    return int(projects), int(indicators or 8)
