"""What a 明细指标 name says about the value it expects (cached per name).

The Chinese words here are matching tokens, not user-facing text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

__all__ = ["ASKS_QUANTITY", "IS_MONEY", "IS_RATE", "IS_TIME", "NameTraits", "name_traits", "normalise_text"]

# Bits of NameTraits.flags, so the engine can skip rules that cannot apply to a row.
IS_RATE: Final = 1
IS_MONEY: Final = 2
IS_TIME: Final = 4
ASKS_QUANTITY: Final = 8

_QUANTITY_SUFFIXES: Final = ("数", "数量", "率", "成本", "金额", "满意度", "比例", "占比", "比重")
_RATE_EXCLUDED: Final = ("频率", "效率", "功率")
_RATE_SUFFIXES: Final = ("率", "比例", "占比", "比重")
_MONEY_WORDS: Final = ("成本", "经费", "金额")
# Names about a change or a share of money: their value is a percentage or a comparison.
_CHANGE_WORDS: Final = (
    "增长", "增幅", "增速", "下降", "降低", "节约", "节支", "进度", "执行", "率", "比例", "占比", "比重",
)
_GROWTH_WORDS: Final = ("增长", "增幅", "增速")
_TIME_WORDS: Final = ("时间", "时限")
_DURATION_WORDS: Final = ("天数", "时长", "周期", "年限", "期限", "跨度")
_TRAILING_NOTE = re.compile(r"[(（][^()（）]*[)）]\s*$")

# First match wins: (word in the name, suggested unit).
_UNIT_SUGGESTIONS: Final = (
    ("满意", "%"), ("率", "%"), ("比例", "%"), ("占比", "%"), ("比重", "%"),
    ("人次", "人次"), ("人数", "人"), ("户数", "户"), ("天数", "天"), ("次数", "次"), ("场次", "场"),
    ("篇", "篇"), ("报告", "篇"), ("稿件", "篇"), ("文章", "篇"),
    ("意见", "条"), ("建议", "条"), ("信息", "条"),
    ("杂志", "本"), ("书", "本"), ("报刊", "份"), ("文件", "份"), ("材料", "份"),
    ("项目", "个"), ("课题", "项"), ("制度", "项"), ("活动", "次"), ("会议", "次"), ("培训", "次"),
    ("设备", "台"), ("车", "辆"), ("面积", "平方米"), ("年份", "年"), ("年限", "年"),
    ("成本", "元"), ("经费", "万元"), ("金额", "万元"), ("资金", "万元"),
    ("人", "人"), ("次", "次"), ("天", "天"), ("件", "件"), ("份", "份"), ("场", "场"), ("户", "户"),
)


def normalise_text(text: str) -> str:
    """NFKC and no whitespace: the form two cells are compared in."""
    return "".join(unicodedata.normalize("NFKC", text).split())


@dataclass(frozen=True, slots=True)
class NameTraits:
    asks_quantity: bool
    """The name asks for a number (…数, 数量, 率, 成本, 金额, 满意度)."""
    is_rate: bool
    """A rate or share: its value is a percentage (…率, 满意度, 比例)."""
    is_growth: bool
    """A growth figure (增长, 增幅, 增速): as a percentage it may exceed 100."""
    is_money: bool
    """Cost or funds (成本, 经费, 金额), not a change or share of them: its value is in 元/万元."""
    is_time: bool
    """A deadline (时间, 时限) and not a duration: its value is a date."""
    is_satisfaction: bool
    """Contains 满意."""
    unit_hint: str
    """A unit suggested for a bare number ("" when none fits)."""
    key: str
    """The name as compared for duplicates (NFKC, no spaces)."""
    flags: int
    """IS_RATE | IS_MONEY | IS_TIME | ASKS_QUANTITY, as they apply."""


@lru_cache(maxsize=4096)
def name_traits(name: str) -> NameTraits:
    key = normalise_text(name)
    core = _TRAILING_NOTE.sub("", key)
    is_change = any(word in core for word in _CHANGE_WORDS)
    is_rate = "满意度" in core or (core.endswith(_RATE_SUFFIXES) and not core.endswith(_RATE_EXCLUDED))
    unit_hint = next((unit for word, unit in _UNIT_SUGGESTIONS if word in core), "")
    asks_quantity = core.endswith(_QUANTITY_SUFFIXES) and not core.startswith("是否")
    is_money = any(word in core for word in _MONEY_WORDS) and not is_change
    is_time = any(word in core for word in _TIME_WORDS) and not any(w in core for w in _DURATION_WORDS)
    flags = (
        (IS_RATE if is_rate else 0)
        | (IS_MONEY if is_money else 0)
        | (IS_TIME if is_time else 0)
        | (ASKS_QUANTITY if asks_quantity else 0)
    )
    return NameTraits(
        asks_quantity=asks_quantity,
        is_rate=is_rate,
        is_growth=any(word in core for word in _GROWTH_WORDS),
        is_money=is_money,
        is_time=is_time,
        is_satisfaction="满意" in core,
        unit_hint=unit_hint,
        key=key,
        flags=flags,
    )
