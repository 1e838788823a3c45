"""Regenerate docs/screenshot.svg: the editor on the bundled sample at 120×36.

    python docs/make_screenshot.py
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from goaltui.i18n import set_language
from goaltui.io.formats import read_document
from goaltui.resources import sample_path

OUT = Path(__file__).resolve().parent / "screenshot.svg"


async def main() -> None:
    set_language("zh")
    from goaltui.ui.app import GoalApp

    app = GoalApp(read_document(sample_path()), sample_path())
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("down", "down", "right", "right")  # a 指标值 cell: shows how it was read
        await pilot.pause(0.5)
        OUT.write_text(app.export_screenshot(title="goaltui"), encoding="utf-8")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    asyncio.run(main())
