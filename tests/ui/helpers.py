"""Test-only helpers for driving the editor (kept out of the production classes)."""

from __future__ import annotations

from typing import Any

from textual import events
from textual.keys import _character_to_key
from textual.pilot import Pilot


def key_event(character: str) -> events.Key:
    """The Key event a terminal driver makes for one typed character (Pilot.press loses ≥ and ％)."""
    name = character if character.isalnum() or len(character) != 1 else _character_to_key(character)
    return events.Key(name, character)


async def burst(pilot: Pilot[Any], text: str, *keys: str) -> None:
    """*text* then *keys* (named keys: ``enter``, ``tab``…) reaching the app together, as one terminal write."""
    app = pilot.app
    for character in text:
        app.post_message(key_event(character))
    for key in keys:
        app.post_message(events.Key(key, None))
    await pilot.pause()


def hint_text(screen: Any) -> str:
    """Both lines of the hint under the grid, as plain text."""
    from goaltui.ui.widgets.cell_hint import HintLine

    return "\n".join(line.text.plain for line in screen.hint.query(HintLine))


def commit_edit(screen: Any, text: str) -> None:
    """Put *text* in the open one-line editor and press Enter (without the keystrokes)."""
    from goaltui.session import EditEnd

    editing = screen.cell_editing
    editing.editor.value = text
    editing.editor_finish(EditEnd.KEEP)


def editing_field(screen: Any) -> tuple[str, str] | None:
    """(owner, field name) of the open edit."""
    ref = screen.cell_editing.edit.ref
    return None if ref is None else (ref.spec.owner.value, ref.spec.name)


async def wait_until(pilot: Pilot[Any], condition: Any, timeout: float = 20.0) -> None:
    """Let the app run until *condition()* holds (a worker finished, rows arrived); fail after *timeout* s."""
    import time

    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"still waiting after {timeout} s for {getattr(condition, '__name__', condition)}")
        await pilot.pause(0.02)
