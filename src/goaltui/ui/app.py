"""Placeholder editor until the editor issue lands: shows the document summary."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import App, ComposeResult
from textual.widgets import Footer, Static

from goaltui.io.formats import read_document
from goaltui.model import Document
from goaltui.resources import sample_path


class GoalApp(App[None]):
    BINDINGS: ClassVar = [("q", "quit", "退出")]

    def __init__(self, document: Document) -> None:
        super().__init__()
        self.document = document

    def compose(self) -> ComposeResult:
        d = self.document
        text = f"{d.title}\n{d.department}\n{d.project_count()} 个项目，{d.indicator_count()} 条指标"
        yield Static(text, markup=False)
        yield Footer()


def run_editor(path: Path | None, sheet: str | None = None) -> int:
    document = read_document(path or sample_path(), **({"sheet": sheet} if sheet else {}))
    GoalApp(document).run()
    return 0
