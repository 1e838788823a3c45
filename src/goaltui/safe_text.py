"""Text from a file shown safely on a terminal: nothing in a cell may drive the terminal.

A cell is someone else's text. Sent raw to a terminal, ``ESC ] 52 ; c ; …``
sets the system clipboard, ``ESC ] 0 ; …`` the window title, ``ESC [ 2 J``
clears the screen; over SSH that is an attack on the reader. Bidi overrides
(U+202E) reorder what is shown (``001`` can display as ``100``), and zero-width
characters hide inside names so that two equal-looking names differ.

This module is pure (no terminal, no textual) and is used at every place a
cell's text reaches a terminal: ``check``/``summary`` output, error messages that
quote a file, and (through :func:`display_text` / :func:`display_rich`) the
editor. What it shows instead:

- C0 controls (U+0000–U+001F) as their Control Pictures: ESC → ``␛``, BEL → ``␇``,
  CR → ``␍``; DEL → ``␡``. A tab and (where *newlines* allows) a line feed are kept.
- C1 controls (U+0080–U+009F, e.g. CSI U+009B) as ``<U+009B>`` (they have no picture).
- Bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) as
  ``<U+202E>``; zero-width and other invisible format characters (U+200B–U+200F,
  U+2060–U+2064, U+FEFF, U+00AD, U+061C, U+180E, tags U+E0000–U+E007F…) as
  ``<U+200B>``; the line and paragraph separators U+2028/U+2029 likewise.

:func:`find_unsafe` lists what a text holds, by kind, for the validation rules.
"""

from __future__ import annotations

import re
from enum import StrEnum
from functools import lru_cache
from typing import TYPE_CHECKING, Final, NamedTuple

if TYPE_CHECKING:  # rich is imported only when a rich Text is asked for
    from rich.text import Text

__all__ = [
    "BIDI_CONTROLS",
    "UnsafeChar",
    "UnsafeKind",
    "display_rich",
    "display_text",
    "escape_json_text",
    "find_unsafe",
    "has_unsafe",
    "mark",
    "strip_unsafe",
    "terminal_safe",
]


class UnsafeKind(StrEnum):
    CONTROL = "control"
    """C0/C1 control characters and DEL (tab and line feed are not counted)."""
    BIDI = "bidi"
    """Bidi embeddings, overrides and isolates: they reorder what follows them."""
    INVISIBLE = "invisible"
    """Zero-width and other invisible format characters, line/paragraph separators."""


BIDI_CONTROLS: Final = frozenset(chr(code) for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A)))

_CONTROL_CLASS: Final = r"\x00-\x08\x0b-\x1f\x7f-\x9f"
_BIDI_CLASS: Final = r"\u202a-\u202e\u2066-\u2069"
# Every character of category Cf (format) but the bidi controls above, and Zl/Zp (U+2028/U+2029),
# as of Unicode 14 (Python 3.11): soft hyphen, Arabic marks, ZWSP/ZWNJ/ZWJ/LRM/RLM, word joiner and
# invisible operators, BOM, interlinear annotation, tags (E0000 block)... Spelt out: computing it from
# unicodedata walks 1.1 million code points (0.3 s at every start).
_INVISIBLE_BMP: Final = (
    r"\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890-\u0891\u08e2\u180e\u200b-\u200f\u2028-\u2029"
    r"\u2060-\u2064\u206a-\u206f\ufeff\ufff9-\ufffb"
)
_INVISIBLE_ASTRAL: Final = (
    r"\U000110bd\U000110cd\U00013430-\U00013438\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001"
    r"\U000e0020-\U000e007f"
)
_INVISIBLE_CLASS: Final = _INVISIBLE_BMP + _INVISIBLE_ASTRAL
_UNSAFE: Final = re.compile(f"[{_CONTROL_CLASS}{_BIDI_CLASS}{_INVISIBLE_CLASS}]")
"""Anything that must not reach a terminal raw (tab and line feed excepted)."""
_UNSAFE_BMP: Final = re.compile(f"[{_CONTROL_CLASS}{_BIDI_CLASS}{_INVISIBLE_BMP}]")
_ASTRAL: Final = re.compile("[\U00010000-\U0010ffff]")
_UNSAFE_ASTRAL: Final = re.compile(f"[{_INVISIBLE_ASTRAL}]")
# (A class with astral ranges is 8 times slower to search: the common check looks at the BMP first.)
_UNSAFE_OR_NEWLINE: Final = re.compile(f"[\\n{_CONTROL_CLASS}{_BIDI_CLASS}{_INVISIBLE_CLASS}]")
_JSON_ESCAPED: Final = re.compile(f"[\\x7f-\\x9f{_BIDI_CLASS}{_INVISIBLE_CLASS}]")


class UnsafeChar(NamedTuple):
    position: int
    char: str
    kind: UnsafeKind

    @property
    def shown(self) -> str:
        """How the character is shown (``␛``, ``<U+202E>``)."""
        return mark(self.char)


@lru_cache(maxsize=256)
def _kind(char: str) -> UnsafeKind:
    code = ord(char)
    if code < 0x20 or 0x7F <= code <= 0x9F:
        return UnsafeKind.CONTROL
    if char in BIDI_CONTROLS:
        return UnsafeKind.BIDI
    return UnsafeKind.INVISIBLE


@lru_cache(maxsize=256)
def mark(char: str) -> str:
    """The visible stand-in for one unsafe character."""
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"
    return f"<U+{code:04X}>"


def has_unsafe(text: str) -> bool:
    """Whether *text* holds a character that must not reach a terminal raw (tab and line feed excepted)."""
    if _UNSAFE_BMP.search(text) is not None:
        return True
    return _ASTRAL.search(text) is not None and _UNSAFE_ASTRAL.search(text) is not None


def find_unsafe(text: str) -> list[UnsafeChar]:
    """Every unsafe character of *text*, in order (tab and line feed are not listed)."""
    return [UnsafeChar(m.start(), m.group(), _kind(m.group())) for m in _UNSAFE.finditer(text)]


def strip_unsafe(text: str) -> str:
    """*text* without its unsafe characters (the fix the validation rules offer)."""
    return _UNSAFE.sub("", text)


def _replace(match: re.Match[str]) -> str:
    char = match.group()
    return "\u2424" if char == "\n" else mark(char)


def terminal_safe(text: str, *, newlines: bool = True) -> str:
    """*text* with every unsafe character shown visibly (see the module docstring).

    With ``newlines=False`` a line feed is shown as ``␤`` too: the result is one line
    (for error messages and one-line cells).
    """
    if not has_unsafe(text) and (newlines or "\n" not in text):
        return text
    pattern = _UNSAFE if newlines else _UNSAFE_OR_NEWLINE
    return pattern.sub(_replace, text)


def display_text(cell: str) -> str:
    """A cell's text for display in one line of the editor: unsafe characters and line feeds shown visibly."""
    return terminal_safe(cell, newlines=False)


def display_rich(cell: str, *, style: str = "reverse", newlines: bool = False) -> Text:
    """A rich ``Text`` of *cell* with each unsafe character replaced by its mark, styled with *style*."""
    from rich.text import Text

    pattern = _UNSAFE if newlines else _UNSAFE_OR_NEWLINE
    text = Text()
    position = 0
    for match in pattern.finditer(cell):
        if match.start() > position:
            text.append(cell[position : match.start()])
        text.append(_replace(match), style=style)
        position = match.end()
    if position < len(cell):
        text.append(cell[position:])
    return text


def escape_json_text(json_text: str) -> str:
    """JSON text with DEL, C1, bidi and invisible characters written as ``\\uXXXX`` escapes.

    ``json.dumps(..., ensure_ascii=False)`` escapes only U+0000–U+001F; the rest
    would reach a terminal raw. The escapes are valid JSON with the same meaning
    (these characters can only occur inside strings).
    """
    if _JSON_ESCAPED.search(json_text) is None:
        return json_text
    return _JSON_ESCAPED.sub(_json_escape, json_text)


def _json_escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code > 0xFFFF:
        code -= 0x10000
        return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
    return f"\\u{code:04x}"
