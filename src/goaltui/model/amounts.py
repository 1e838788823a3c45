"""Money amounts: parse what people type or paste, format for display.

Money is always :class:`decimal.Decimal`, never float.
"""

from __future__ import annotations

import math
import re
import unicodedata
from decimal import Decimal, InvalidOperation

_AMOUNT = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")
_GROUPED = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d*)?")
_UNIT_SUFFIXES = ("万元", "万")


class AmountError(ValueError):
    """Text that is not an amount; ``str()`` is a short reason for the user."""


def parse_amount(text: str | int | Decimal | float | None) -> Decimal | None:
    """Parse an amount in 万元.

    Accepts ``10``, ``97.2``, ``1,000.50``, full-width digits (``１０``), a
    trailing ``万元`` and surrounding spaces. Empty text means "no amount"
    (``None``). Anything else raises :class:`AmountError`.
    """
    if text is None:
        return None
    if isinstance(text, bool):
        raise AmountError(str(text))
    if isinstance(text, Decimal):
        if not text.is_finite():
            raise AmountError(str(text))
        return text
    if isinstance(text, int):
        return Decimal(text)
    if isinstance(text, float):
        # Spreadsheet readers hand back floats; their shortest repr is what was typed
        # (``1e-06`` included, hence Decimal rather than the text parser).
        if math.isnan(text) or math.isinf(text):
            raise AmountError(repr(text))
        return Decimal(repr(text))
    cleaned = unicodedata.normalize("NFKC", text).strip()
    cleaned = cleaned.replace(" ", "").replace("，", ",")
    for suffix in _UNIT_SUFFIXES:
        if cleaned.endswith(suffix):
            cleaned = cleaned[: -len(suffix)]
            break
    if cleaned == "":
        return None
    if "," in cleaned:
        if not _GROUPED.fullmatch(cleaned):
            raise AmountError(text)
        cleaned = cleaned.replace(",", "")
    if not _AMOUNT.fullmatch(cleaned):
        raise AmountError(text)
    try:
        return Decimal(cleaned)
    except InvalidOperation as exc:  # pragma: no cover - the regex admits only valid numbers
        raise AmountError(text) from exc


def format_amount(value: Decimal | None, places: int | None = None) -> str:
    """Display form: ``None`` → ``""``; no exponent; optional fixed decimals."""
    if value is None:
        return ""
    if places is not None:
        return f"{value:.{places}f}"
    text = format(value, "f")
    return text
