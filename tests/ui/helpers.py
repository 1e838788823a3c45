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
