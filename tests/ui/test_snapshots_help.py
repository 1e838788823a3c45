"""SVG snapshot of F1 at 80×24: the key list's Chinese descriptions wrap where a line may break
(never inside "Enter" or before a "，"), each in its column."""

from __future__ import annotations

from typing import Any

from tests.ui.test_snapshots import sample_app


def test_help_80x24(snap_compare: Any) -> None:
    assert snap_compare(sample_app(), terminal_size=(80, 24), press=["f1", "pagedown"])
