"""Text from other people's files, made safe to print: the one place the review and diff output escape it.

A cell (or a file name) may hold ESC sequences, OSC 52 clipboard writes, C1
controls or bidi overrides that rewrite what the terminal shows. They are
shown as visible escapes instead (``\\x1b``, ``\\u202e``, a line break as ``\\n``), and JSON output writes
them as ``\\uXXXX`` escapes, which a JSON reader turns back into the same text.

Stand-in until the shared terminal-safe text helper (issue 11) lands: then
:func:`terminal_safe` should call it, and nothing else here needs to change.
"""

from __future__ import annotations

import json
import re
from typing import Any, Final

__all__ = ["json_dumps", "terminal_safe"]

_WIDE_UNSAFE: Final = (
    "\x7f-\x9f"  # DEL and C1 (CSI, OSC as single characters)
    "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"  # bidi marks, embeddings, overrides and isolates
    "\u2028\u2029\ufeff"  # line and paragraph separators, zero-width no-break space
)
_UNSAFE: Final = re.compile(f"[\x00-\x1f{_WIDE_UNSAFE}]")  # and C0: ESC, BEL, line breaks, tab
_JSON_UNSAFE: Final = re.compile(f"[{_WIDE_UNSAFE}]")  # json.dumps escapes C0 itself


_NAMED: Final = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _visible(match: re.Match[str]) -> str:
    char = match.group()
    named = _NAMED.get(char)
    if named is not None:
        return named
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal_safe(text: str) -> str:
    """*text* on one line with every control, bidi and separator character shown as an escape."""
    return _UNSAFE.sub(_visible, text)


def _json_escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def json_dumps(payload: Any) -> str:
    """JSON of *payload* (Chinese as is, two-space indent) with no character a terminal would act on.

    ``json.dumps`` already escapes C0 controls; C1, bidi and separators are
    escaped here too, losslessly (inside JSON text they can only occur in strings).
    """
    return _JSON_UNSAFE.sub(_json_escape, json.dumps(payload, ensure_ascii=False, indent=2))
