"""Bytes of a text table → text: UTF-8, GB18030 and UTF-16 (Excel's "Unicode text").

Excel and WPS save "Unicode text" (``.txt``) as UTF-16 little-endian with a
byte-order mark; notepad-style editors save UTF-8 (with or without a BOM) or
GB18030. UTF-16 text is full of zero bytes, so it is recognised before the
binary-file check, by its BOM or, without one, by zeros in every other byte.

The whole text is checked for control characters (not only its start): a
text table holds tabs and line breaks, nothing else below U+0020; an escape
sequence hidden on line 50,000 is refused like one on line 1, with its line.
"""

from __future__ import annotations

import codecs
import re
from typing import Final

from goaltui.errors import InputError
from goaltui.i18n import t
from goaltui.io.limits import LIMITS, LimitError
from goaltui.safe_text import mark

__all__ = ["decode_text"]

_BINARY_MAGIC: Final = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0")
_CONTROL: Final = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
"""Controls a text table cannot hold (tab, LF, CR and form feed are layout)."""


def _utf16_without_bom(raw: bytes) -> str | None:
    """``utf-16-le``/``utf-16-be`` when the zero bytes of the ASCII in it (tabs, line breaks, digits)
    fall on one side of each byte pair, else None. (CJK code units put a zero on either side now and then.)"""
    sample = raw[:4096]
    if len(sample) < 4 or len(sample) % 2:
        return None
    even_zeros = sample[0::2].count(0)
    odd_zeros = sample[1::2].count(0)
    pairs = len(sample) // 2
    if odd_zeros > pairs * 0.1 and odd_zeros > 4 * even_zeros:
        return "utf-16-le"
    if even_zeros > pairs * 0.1 and even_zeros > 4 * odd_zeros:
        return "utf-16-be"
    return None


_LONG_CELL: Final = re.compile(f"[^\\t\\n]{{{LIMITS.cell_chars + 1}}}")


def _check_cell_size(text: str, source: str) -> None:
    """Refuse a cell over the cell limit (a run without a tab or a line break that long is one)."""
    found = _LONG_CELL.search(text)
    if found is not None:
        line = text.count("\n", 0, found.start()) + 1
        raise LimitError(t("limits.text_cell_too_long", file=source, line=line, limit=f"{LIMITS.cell_chars:,}"))


def decode_text(raw: bytes, source: str) -> str:
    """Bytes of a text table → text; one-line errors for empty, binary and undecodable files."""
    if raw.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        encodings: tuple[str, ...] = ("utf-32",)
    elif raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encodings = ("utf-16",)
    elif (guess := _utf16_without_bom(raw)) is not None:
        encodings = (guess,)
    else:
        if not raw.strip():
            raise InputError(t("io.empty", file=source))
        if b"\x00" in raw or raw[:4] in _BINARY_MAGIC:
            raise InputError(t("io.binary", file=source))
        encodings = ("utf-8-sig", "gb18030")
    for encoding in encodings:
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        if not text.strip():
            raise InputError(t("io.empty", file=source))
        found = _CONTROL.search(text)
        if found is not None:
            if found.group() == "\x00":
                raise InputError(t("io.binary", file=source))
            line = text.count("\n", 0, found.start()) + 1
            raise InputError(t("text.control_char", file=source, line=line, char=mark(found.group())))
        _check_cell_size(text, source)
        return text
    raise InputError(t("text.undecodable", file=source))
