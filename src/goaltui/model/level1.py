"""一级指标: the allowed values and how loosely typed forms map onto them."""

from __future__ import annotations

import unicodedata
from typing import Final

LEVEL1_VALUES: Final = ("产出指标", "效益指标", "满意度指标", "成本指标")
"""The allowed 一级指标 values (财预〔2015〕88号 three, plus 成本指标 from 财预〔2021〕101号)."""

_SHORT_FORMS: Final = {value.removesuffix("指标"): value for value in LEVEL1_VALUES}


def normalize_level1(text: str) -> str | None:
    """The allowed value *text* stands for, or ``None``.

    Accepts surrounding and inner spaces, full-width forms and the short
    forms ``产出`` / ``效益`` / ``满意度`` / ``成本``.
    """
    cleaned = "".join(unicodedata.normalize("NFKC", text).split())
    if cleaned in LEVEL1_VALUES:
        return cleaned
    return _SHORT_FORMS.get(cleaned)
