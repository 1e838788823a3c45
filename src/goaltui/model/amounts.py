"""Money amounts: parse what people type or paste, format for display.

Money is always :class:`decimal.Decimal`, never float.
"""

from __future__ import annotations

import math
import re
import unicodedata
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation, localcontext

_AMOUNT = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")
_GROUPED = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d*)?")
_UNIT_SUFFIXES = ("万元", "万")

MAX_INTEGER_DIGITS = 30
"""Digits before the decimal point an amount may have (10^30 万元 is far beyond any budget)."""
MAX_FRACTION_DIGITS = 30
"""Digits after the decimal point an amount may have (万元 to the 分 needs 6)."""
SPREADSHEET_DIGITS = 15
"""Significant digits a spreadsheet cell holds exactly (an IEEE double: Excel shows 15)."""


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
        if not within_bounds(text):
            raise AmountError(str(text))
        return text
    if isinstance(text, int):
        if not -(10**MAX_INTEGER_DIGITS) < text < 10**MAX_INTEGER_DIGITS:
            raise AmountError(shorten(text))
        return Decimal(text)
    if isinstance(text, float):
        # Spreadsheet readers hand back floats; their shortest repr is what was typed
        # (``1e-06`` included, hence Decimal rather than the text parser).
        if math.isnan(text) or math.isinf(text):
            raise AmountError(repr(text))
        value = Decimal(repr(text))
        if not within_bounds(value):
            raise AmountError(repr(text))
        return value
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
        value = Decimal(cleaned)
    except InvalidOperation as exc:  # pragma: no cover - the regex admits only valid numbers
        raise AmountError(text) from exc
    if not within_bounds(value):
        raise AmountError(shorten(text))
    return value


def shorten(text: object) -> str:
    """*text* for a message, cut to 40 characters (a 5,000-digit number stays readable)."""
    shown = str(text)
    return shown if len(shown) <= 40 else f"{shown[:20]}…{shown[-8:]}（{len(shown)}）"


def within_bounds(value: Decimal) -> bool:
    """Whether *value* is an amount at all: finite, at most 30 digits before the point and 30 after.

    Beyond that a value is an attack or an accident (``1E+999999999`` makes every
    sum overflow and its printed form take gigabytes), never money.
    """
    if not value.is_finite():
        return False
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int)
    return exponent >= -MAX_FRACTION_DIGITS and value.adjusted() < MAX_INTEGER_DIGITS


def bounded_amount(value: Decimal) -> Decimal:
    """The model's check of an amount (see :func:`within_bounds`); raises AmountError (a ValueError)."""
    if not within_bounds(value):
        raise AmountError(shorten(value))
    return value


def significant_digits(value: Decimal) -> int:
    """Significant digits of *value* once trailing zeros are dropped (0 for zero)."""
    if value.is_zero():
        return 0
    digits = value.as_tuple().digits
    end = len(digits)
    while end > 1 and digits[end - 1] == 0:
        end -= 1
    start = 0
    while start < end - 1 and digits[start] == 0:
        start += 1
    return end - start


def spreadsheet_exact(value: Decimal) -> bool:
    """Whether a spreadsheet cell (an IEEE double shown to 15 digits) holds *value* exactly.

    ``12345678901234567890`` does not: it becomes ``12345678901234567000``
    (shown ``1.23456789012346E+19``). Within the bounds of :func:`within_bounds`, the
    only failure is more than 15 significant digits.
    """
    return value.is_finite() and significant_digits(value) <= SPREADSHEET_DIGITS


def spreadsheet_value(value: Decimal) -> str:
    """What a spreadsheet would keep of *value* (for messages): *value* to 15 significant digits."""
    step = Decimal(1).scaleb(value.adjusted() - SPREADSHEET_DIGITS + 1)
    with localcontext() as context:
        context.prec = MAX_INTEGER_DIGITS + MAX_FRACTION_DIGITS + 2
        return format(value.quantize(step, rounding=ROUND_HALF_EVEN).normalize(), "f")


def format_amount(value: Decimal | None, places: int | None = None) -> str:
    """Display form: ``None`` → ``""``; no exponent; optional fixed decimals."""
    if value is None:
        return ""
    if places is not None:
        return f"{value:.{places}f}"
    text = format(value, "f")
    return text
