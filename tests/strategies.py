"""Hypothesis strategies for documents, shared by the round-trip tests."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import strategies as st

from goaltui.model import Document, Funds, Indicator, Project, Signatures, Unit

# Text people type into these tables: CJK, full-width forms, ≥ ≤, and strings
# that trip careless writers (formulas, markup, pipes, line breaks).
AWKWARD = st.sampled_from(
    ["=1+1", "+86", "-5", "@sum", "|", "a|b", "[red]", "[bold]x[/bold]", "≥92%", "≤上期会议经费", "元/人·月", "  ", "0"]
)
CJK = st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x4FFF), min_size=1, max_size=12)
PLAIN = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc"), exclude_characters="\x00"),
    max_size=20,
)
TEXT = st.one_of(CJK, AWKWARD, PLAIN, st.just(""))
# Cell text as a spreadsheet keeps it: no control characters, no edge spaces.
CELL_TEXT = TEXT.map(lambda s: s.strip()).filter(lambda s: all(ord(c) >= 32 for c in s))

AMOUNTS = st.one_of(
    st.none(),
    st.decimals(min_value=Decimal("-1000"), max_value=Decimal("100000000"), places=2, allow_nan=False),
    st.decimals(min_value=Decimal(0), max_value=Decimal(10000), places=6, allow_nan=False),
)


@st.composite
def indicators(draw: st.DrawFn, text: st.SearchStrategy[str] = TEXT, level2: bool = False) -> Indicator:
    return Indicator(
        level1=draw(st.one_of(st.sampled_from(["产出指标", "效益指标", "满意度指标", "成本指标", "产出"]), text)),
        level2=draw(text) if level2 else "",
        name=draw(text),
        value=draw(text),
        description=draw(text),
    )


@st.composite
def documents(draw: st.DrawFn, text: st.SearchStrategy[str] = TEXT, max_units: int = 3) -> Document:
    has_level2 = draw(st.booleans())
    units = []
    for _ in range(draw(st.integers(0, max_units))):
        projects = []
        for _ in range(draw(st.integers(0, 3))):
            funds = Funds(**{f: draw(AMOUNTS) for f in ("total", "general_budget", "gov_fund", "special_account", "other")})
            rows = draw(st.lists(indicators(text, has_level2), max_size=6))
            projects.append(Project(name=draw(text), funds=funds, indicators=rows))
        units.append(Unit(name=draw(text), projects=projects))
    return Document(
        title=draw(st.one_of(st.just("2020年区级部门预算项目绩效目标汇总表"), text)),
        department=draw(text),
        money_unit="万元",
        expected_project_count=draw(st.one_of(st.none(), st.integers(0, 500))),
        has_level2=has_level2,
        units=units,
        notes=draw(text),
        signatures=Signatures(leader=draw(text), handler=draw(text), phone=draw(text)),
    )
