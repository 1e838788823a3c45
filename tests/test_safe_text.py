"""Text shown on a terminal: every control, bidi and invisible character is shown, never obeyed."""

from __future__ import annotations

import json
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from goaltui.safe_text import (
    UnsafeKind,
    display_rich,
    display_text,
    escape_json_text,
    find_unsafe,
    has_unsafe,
    mark,
    strip_unsafe,
    terminal_safe,
)


def _raw_unsafe(text: str) -> bool:
    """Independent definition: categories Cc (but tab, LF), Cf, Zl, Zp."""
    return any(
        unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") and ch not in "\t\n" for ch in text
    )


def test_examples() -> None:
    assert terminal_safe("单位\x1b]52;c;cm0=\x07") == "单位␛]52;c;cm0=␇"
    assert terminal_safe("a\rb\x7f\x9b") == "a␍b␡<U+009B>"
    assert terminal_safe("一\n二\t三") == "一\n二\t三"
    assert terminal_safe("一\n二", newlines=False) == "一␤二"
    assert terminal_safe("≥\u202e001") == "≥<U+202E>001"
    assert display_text("名\u200b称\n") == "名<U+200B>称␤"
    assert mark("\x00") == "␀" and mark("\u2066") == "<U+2066>"


def test_kinds() -> None:
    kinds = [(item.position, item.kind) for item in find_unsafe("a\x1b\u202eb\u200b\U000e0041")]
    assert kinds == [(1, UnsafeKind.CONTROL), (2, UnsafeKind.BIDI), (4, UnsafeKind.INVISIBLE), (5, UnsafeKind.INVISIBLE)]
    assert strip_unsafe("a\x1b\u202eb\u200b\U000e0041") == "ab"
    assert not has_unsafe("普通文本 ≥95% 😀 𠀀\t\n")


@given(st.text())
def test_nothing_unsafe_survives(text: str) -> None:
    shown = terminal_safe(text)
    assert not _raw_unsafe(shown)
    assert has_unsafe(text) == _raw_unsafe(text)
    assert "\n" not in terminal_safe(text, newlines=False)
    assert strip_unsafe(text) == "".join(ch for ch in text if not _raw_unsafe(ch))


@given(st.text())
def test_rich_text_shows_the_same_as_plain(text: str) -> None:
    rich = display_rich(text)
    assert rich.plain == display_text(text)
    assert all(span.style == "reverse" for span in rich.spans)


@given(st.recursive(st.text() | st.integers() | st.none(), lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner)))
def test_json_escaping_keeps_the_meaning(value: object) -> None:
    text = json.dumps(value, ensure_ascii=False)
    safe = escape_json_text(text)
    assert json.loads(safe) == value
    assert not _raw_unsafe(safe.replace("\n", ""))
